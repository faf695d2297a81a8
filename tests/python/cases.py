"""What each file written by write_cases.cpp must contain, as the natural Python objects that
deepdish.io.load should return for it.

KEEP IN SYNC WITH write_cases.cpp: the values are hard-coded on both sides.

The spelling of an expected value is also the layout it demands (README.md, "What is stored how"):
  dict              a group without TITLE (a C++ struct or std::map<std::string, V>)
  list              a group with TITLE = fixed-length UTF-8 "list:N", elements i0..i{N-1}
  numpy scalar      a SCALAR attribute of the parent group, little-endian, that exact width;
                    np.bool_ is a B8LE bitfield
  str               a SCALAR variable-length UTF-8 string attribute
  numpy ndarray     a contiguous dataset of that dtype and shape (empty ones with a zero dimension)
"""
import os
from dataclasses import dataclass

import numpy as np


@dataclass
class Case:
    file: str
    value: object
    top_level: bool = False  # saved as /data (or root attribute `data`) with the UNPACK flag


def optimizer(name, lr, steps):  # struct Optimizer { std::string name; double lr; int steps; }
    return {'name': name, 'lr': np.float64(lr), 'steps': np.int32(steps)}


CONFIG = {
    'epochs': np.int32(10),
    'shuffle': np.bool_(True),
    'dropout': np.float64(0.25),
    'run_name': 'baseline',
    'opt': optimizer('adam', 0.001, 1000),
    'weights': np.array([0.5, -1.25, 3.0], dtype='<f4'),
    'frame': np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype='<f8'),
    'metrics': {'accuracy': np.float64(0.93), 'loss': np.float64(0.125)},
    'history': [optimizer('sgd', 0.1, 100), optimizer('adam', 0.01, 200)],
}

SCALARS = {
    'i8': np.int8(-128),
    'i16': np.int16(-32768),
    'i32': np.int32(-2**31),
    'i64': np.int64(-2**63),
    'u8': np.uint8(255),
    'u16': np.uint16(65535),
    'u32': np.uint32(2**32 - 1),
    'u64': np.uint64(2**64 - 1),
    'f32': np.float32(0.1),
    'f64': np.float64(0.1),
    'yes': np.bool_(True),
    'no': np.bool_(False),
    's': np.int16(-12345),
    'll': np.int64(1234567890123456789),
    'ull': np.uint64(9876543210987654321),
    'i': np.int32(-7),
    'u': np.uint32(7),
    'f32_inf': np.float32(np.inf),
    'f64_nan': np.float64(np.nan),  # compared bit for bit: the quiet NaN of std::numeric_limits
    'f64_neg_zero': np.float64(-0.0),
}

LONG_TEXT = ''.join(chr(ord('a') + i % 26) for i in range(100000))
STRINGS = {'empty': '', 'ascii': 'hello', 'unicode': 'h\u00e9llo \u4e16\u754c', 'long_text': LONG_TEXT}

NUMERIC_DTYPES = {'i8': '<i1', 'i16': '<i2', 'i32': '<i4', 'i64': '<i8', 'u8': '<u1', 'u16': '<u2',
                  'u32': '<u4', 'u64': '<u8', 'f32': '<f4', 'f64': '<f8'}
VECTORS = {
    'i8': np.array([-128, 0, 127], '<i1'),
    'i16': np.array([-32768, 1, 32767], '<i2'),
    'i32': np.array([-2**31, 2, 2**31 - 1], '<i4'),
    'i64': np.array([-2**63, 3, 2**63 - 1], '<i8'),
    'u8': np.array([0, 1, 255], '<u1'),
    'u16': np.array([0, 2, 65535], '<u2'),
    'u32': np.array([0, 3, 2**32 - 1], '<u4'),
    'u64': np.array([0, 4, 2**64 - 1], '<u8'),
    'f32': np.array([0.1, -2.5, 1e30], '<f4'),
    'f64': np.array([0.1, -2.5, 1e300], '<f8'),
}
VECTORS_EMPTY = {name: np.zeros((0,), dtype) for name, dtype in NUMERIC_DTYPES.items()}

_r, _c, _y, _x = np.indices((2, 3, 32, 32))
ARRAYS = {
    'frame': np.array([[1.5, 2.5, 3.5], [-4.0, 5.0, -6.0]], '<f8'),
    'points': np.array([[0, 1, 2], [3, 4, 5], [6.5, 7.5, 8.5], [-1, -2, -3]], '<f4'),
    'no_points': np.zeros((0, 3), '<f4'),
    'fixed': np.array([1, -2, 3, -4], '<i4'),
    'images': (_r * 10000 + _c * 1000 + _y * 32 + _x).astype('<f4'),  # (2, 3, 32, 32)
}

SCORES = {'alpha': np.float64(1.5), 'beta': np.float64(-2.25), 'gamma': np.float64(1e-3)}
OPTIMIZERS = {'fast': optimizer('adam', 0.01, 5), 'slow': optimizer('sgd', 0.0001, 50000)}
MAPS = {'scores': SCORES, 'optimizers': OPTIMIZERS, 'nothing': {}}

HISTORY = [optimizer('sgd', 0.5, 1), optimizer('adam', 0.25, 2), optimizer('rmsprop', 0.125, 3)]
SEQUENCES = {
    'optimizers': HISTORY,
    'ragged': [np.array([1, 2, 3], '<i4'), np.zeros((0,), '<i4'), np.array([-4], '<i4')],
    'no_optimizers': [],
}

NESTED = {
    'depth': np.int32(1),
    'name': 'top',
    'next': {
        'depth': np.int32(2),
        'flag': np.bool_(True),
        'next': {
            'depth': np.int32(3),
            'next': {'depth': np.int32(4), 'values': np.array([1.0, 2.0], '<f8'), 'label': 'bottom'},
        },
    },
}

CASES = [
    Case('config.h5', CONFIG),
    Case('scalars.h5', SCALARS),
    Case('strings.h5', STRINGS),
    Case('vectors.h5', VECTORS),
    Case('vectors_empty.h5', VECTORS_EMPTY),
    Case('arrays.h5', ARRAYS),
    Case('maps.h5', MAPS),
    Case('top_map.h5', SCORES),
    Case('top_map_of_structs.h5', OPTIMIZERS),
    Case('sequences.h5', SEQUENCES),
    Case('nested.h5', NESTED),
    Case('top_int.h5', np.int32(42), top_level=True),
    Case('top_string.h5', 'h\u00e9llo \u4e16\u754c', top_level=True),
    Case('top_vector.h5', np.array([1.0, 2.5, -3.75], '<f8'), top_level=True),
    Case('top_structs.h5', HISTORY, top_level=True),
]


class Tally:
    """Runs named checks, keeps going after a failure, and reports `N passed, M failed`."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, label, check, *args):
        try:
            check(*args)
        except Exception as e:  # an AssertionError, or a reader that could not cope at all
            self.failed += 1
            print(f'FAIL {label}: {type(e).__name__}: {e}')
            return False
        self.passed += 1
        return True

    def finish(self):
        print(f'{self.passed} passed, {self.failed} failed')
        return 1 if self.failed or not self.passed else 0


def run_writer(writer, out_dir):
    """Runs write_cases into out_dir, after removing the .h5 files a previous run left there (and
    nothing else: out_dir is given on the command line)."""
    import subprocess
    import sys
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):
        if name.endswith('.h5'):
            os.remove(os.path.join(out_dir, name))
    result = subprocess.run([writer, out_dir])
    if result.returncode != 0:
        print(f'FAIL: {writer} {out_dir} exited with {result.returncode}')
        print('0 passed, 1 failed')
        sys.exit(1)


def dd_string(obj, name, where, utf8=True):
    """The string attribute `name` of obj, checked to be in the form dd writes strings in: a SCALAR
    fixed-length NUL-terminated string, UTF-8 (ASCII for bytes that are not UTF-8) — PyTables' form,
    kept in the checksummed object header. h5py reads it as bytes; returned decoded."""
    import h5py
    aid = obj.attrs.get_id(name)
    if aid.get_space().get_simple_extent_type() == h5py.h5s.NULL:  # "": no value, as PyTables writes it
        assert isinstance(obj.attrs[name], h5py.Empty), f'{where}: {name} has a NULL dataspace but a value'
        return ''
    assert aid.get_space().get_simple_extent_type() == h5py.h5s.SCALAR, f'{where}: {name} is not SCALAR'
    t = aid.get_type()
    assert isinstance(t, h5py.h5t.TypeStringID), f'{where}: {name} is not a string'
    assert not t.is_variable_str(), f'{where}: {name} is a variable-length string (global heap), not fixed-length'
    cset = h5py.h5t.CSET_UTF8 if utf8 else h5py.h5t.CSET_ASCII
    assert t.get_cset() == cset, f'{where}: {name} has character set {t.get_cset()}, expected {cset}'
    assert t.get_strpad() == h5py.h5t.STR_NULLTERM, f'{where}: {name} padding {t.get_strpad()}, expected NULLTERM'
    got = obj.attrs[name]
    assert isinstance(got, bytes), f'{where}: h5py reads {type(got).__name__}, expected bytes'
    return got.decode('utf-8') if utf8 else bytes(got)


def dd_strings(node, where, utf8=True):
    """The strings of a string dataset as dd writes them (fixed-length NUL-padded, or variable-length
    when padding would more than double the size), as a flat list of str (bytes if not utf8)."""
    import h5py
    t = node.id.get_type()
    assert isinstance(t, h5py.h5t.TypeStringID), f'{where}: not a string dataset'
    cset = h5py.h5t.CSET_UTF8 if utf8 else h5py.h5t.CSET_ASCII
    assert t.get_cset() == cset, f'{where}: character set {t.get_cset()}, expected {cset}'
    if not t.is_variable_str():
        assert t.get_strpad() == h5py.h5t.STR_NULLPAD, f'{where}: padding {t.get_strpad()}, expected NULLPAD'
    raw = node[()].reshape(-1).tolist() if node.size else []
    return [r.decode('utf-8') if utf8 else bytes(r) for r in raw]
