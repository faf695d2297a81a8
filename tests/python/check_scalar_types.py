#!/usr/bin/python3
"""The scalar_types area (std::complex, long double, characters, std::byte, enums, std::chrono,
std::filesystem::path and wide strings) seen from Python, in both directions:

    check_scalar_types.py WRITER_EXE TMPDIR

1. write_scalar_types.cpp saves the cases with dd; h5py checks every node: attribute or dataset, the
   exact HDF5 type (complex = compound {r, i} of little-endian floats; long double = numpy
   longdouble; characters = integers of their width and signedness; enums by name = vlen UTF-8
   strings, enum arrays = HDF5 enum types; durations = datasets with a CF `units` attribute), shapes
   and values.
2. The same files with deepdish's loading rules over PyTables (what deepdish.io.load returns).
3. h5py writes what h5py users produce (complex64/128/256, longdouble, enum dtypes, CF time
   datasets, byte arrays, strings); `WRITER_EXE --read DIR` loads them into C++ types.

KEEP THE VALUES IN SYNC WITH write_scalar_types.cpp. Prints `N passed, M failed`; exits non-zero on
failure.
"""
import os
import subprocess
import sys
import warnings

try:
    import h5py
    import numpy as np
    import tables
    from h5py import h5s, h5t
except ImportError as e:  # a failure, not a skip
    print(f'FAIL: {e}: install python3-h5py python3-numpy python3-tables and run with /usr/bin/python3')
    sys.exit(1)

from cases import Tally, dd_string, dd_strings, run_writer
from deepdish_rules import deepdish_load

tally = Tally()


def expect(condition, message=''):
    if not condition:
        raise AssertionError(message)


def same_bits(got, want):
    got, want = np.asarray(got), np.asarray(want)
    return got.dtype == want.dtype and got.shape == want.shape and got.tobytes() == want.tobytes()


def long_double_bits(x):
    """The 10 meaningful bytes of an x86 long double (the other 6 of the 16 are padding)."""
    return np.asarray(x, np.longdouble).tobytes()[:10]


THIRD = np.longdouble(1) / np.longdouble(3)
GRID = np.array([[complex(10 * i + j, -j) for j in range(2)] for i in range(3)], '<c8')

# What h5py returns for each attribute (numpy scalars / str) and dataset (ndarrays), per file.
COMPLEX = {
    'c64': np.complex64(1.5 - 2.5j),
    'c128': np.complex128(complex(0.1, 1e300)),
    'c256': np.clongdouble(THIRD - 2j),
    'vec': np.array([1 + 2j, 3 - 4j, complex(-0.0, 0.5)], '<c16'),
    'grid': GRID,
    'empty': np.zeros((0,), '<c16'),
}
NUMBERS = {
    'third': THIRD,
    'huge': np.longdouble('1e4000'),
    'c': np.int8(65),
    'sc': np.int8(-5),
    'uc': np.uint8(250),
    'c8': np.uint8(ord('z')),
    'c16': np.uint16(0xe9),
    'c32': np.uint32(0x1F600),
    'wc': np.int32(ord('w')),
    'b': np.uint8(0xAB),
    'text': np.array([104, 105, 0], '<i1'),
    'raw': np.array([0, 255], '<u1'),
    'lds': np.array([0.5, -THIRD], np.longdouble),
}
SOLVER = {'bicgstab': -2, 'cg': 0, 'gmres': 3}
ENUMS = {
    'solver': 'gmres',
    'unnamed': np.int32(7),
    'leg': 'LEG_B',
    'flags': np.uint32(3),
    'history': np.array([0, 3, -2, 9], '<i4'),
    'none': np.zeros((0,), '<i4'),
}
TIMES = {  # name: (count, units)
    'ms': (np.int64(1500), 'milliseconds'),
    'secs': (np.float64(2.5), 'seconds'),
    'thirds': (np.int32(4), '1/3 seconds'),
    'stamp': (np.int64(1700000000), 'seconds since 1970-01-01 00:00:00'),
    'day': (np.int64(19782), 'days since 1970-01-01 00:00:00'),
    'ns_stamp': (np.int64(1700000000123456789), 'nanoseconds since 1970-01-01 00:00:00'),
    'laps': (np.array([1, -2, 3000], '<i8'), 'milliseconds'),
    'no_laps': (np.zeros((0,), '<i8'), 'seconds'),
}
TEXTS = {
    'file': 'donn\u00e9es/run.h5',
    'u16': '\u00e9\U0001F600',
    'u32': '\u4e16\u754c',
    'w': 'wide',
    'view': 'a view',
    'u8': 'utf-8 \u00e9',
}
NUMPY_UNITS = {'milliseconds': 'ms', 'seconds': 's', 'nanoseconds': 'ns', 'days': 'D'}


def check_scalar_attribute(group, name, want, where):
    aid = group.attrs.get_id(name)
    space = aid.get_space()
    expect(space.get_simple_extent_type() == h5s.SCALAR, f'{where}: not a SCALAR attribute')
    got = group.attrs[name]
    if isinstance(want, str):
        got = dd_string(group, name, where)
        expect(got == want, f'{where}: h5py reads {got!r}, expected {want!r}')
    elif np.asarray(want).dtype == np.longdouble:
        expect(got.dtype == np.longdouble, f'{where}: dtype {got.dtype}, expected longdouble')
        expect(long_double_bits(got) == long_double_bits(want), f'{where}: {got!r}, expected {want!r}')
    else:
        expect(same_bits(got, want), f'{where}: h5py reads {got!r} ({got.dtype}), expected {want!r} ({want.dtype})')


def check_complex_type(t, width, where):
    """t is a compound {r, i} of two little-endian floats of `width` bytes, packed."""
    expect(isinstance(t, h5t.TypeCompoundID), f'{where}: expected a compound, found {type(t).__name__}')
    expect(t.get_nmembers() == 2, f'{where}: {t.get_nmembers()} members')
    expect([t.get_member_name(0), t.get_member_name(1)] == [b'r', b'i'], f'{where}: members are not r, i')
    for k in range(2):
        m = t.get_member_type(k)
        expect(isinstance(m, h5t.TypeFloatID), f'{where}: member {k} is not a float')
        expect(m.get_size() == width and m.get_order() == h5t.ORDER_LE, f'{where}: member {k} is not LE {width} bytes')
    expect(t.get_member_offset(1) == width and t.get_size() == 2 * width, f'{where}: not packed')


def check_complex(d):
    with h5py.File(os.path.join(d, 'complex.h5'), 'r') as f:
        for name in ('c64', 'c128', 'c256'):
            check_complex_type(f.attrs.get_id(name).get_type(), {'c64': 4, 'c128': 8, 'c256': 16}[name],
                               f'complex.h5@{name}')
            got, want = f.attrs[name], COMPLEX[name]
            expect(got.dtype == want.dtype, f'{name}: dtype {got.dtype}, expected {want.dtype}')
            if name == 'c256':
                expect(long_double_bits(got.real) == long_double_bits(want.real) and got.imag == want.imag,
                       f'{name}: {got!r}, expected {want!r}')
            else:
                expect(same_bits(got, want), f'{name}: {got!r}, expected {want!r}')
        for name in ('vec', 'grid', 'empty'):
            ds = f[name]
            expect(isinstance(ds, h5py.Dataset), f'{name}: not a dataset')
            check_complex_type(ds.id.get_type(), 4 if name == 'grid' else 8, f'complex.h5:/{name}')
            expect(same_bits(ds[()], COMPLEX[name]), f'{name}: {ds[()]!r}, expected {COMPLEX[name]!r}')
    with h5py.File(os.path.join(d, 'top_complex.h5'), 'r') as f:
        expect(same_bits(f.attrs['data'], np.complex128(1.5 - 2j)), f'top: {f.attrs["data"]!r}')
    with h5py.File(os.path.join(d, 'top_complex_vec.h5'), 'r') as f:
        expect(same_bits(f['data'][()], np.array([1 + 1j, 2 - 2j], '<c8')), 'top vector')


def check_numbers(d):
    with h5py.File(os.path.join(d, 'numbers.h5'), 'r') as f:
        for name, want in NUMBERS.items():
            if isinstance(want, np.ndarray):
                got = f[name][()]
                expect(isinstance(f[name], h5py.Dataset), f'{name}: not a dataset')
                if want.dtype == np.longdouble:
                    expect(got.dtype == np.longdouble and [long_double_bits(x) for x in got] ==
                           [long_double_bits(x) for x in want], f'{name}: {got!r}, expected {want!r}')
                else:
                    expect(same_bits(got, want), f'{name}: {got!r}, expected {want!r}')
            else:
                check_scalar_attribute(f, name, want, f'numbers.h5@{name}')
        t = f.attrs.get_id('third').get_type()
        expect(isinstance(t, h5t.TypeFloatID) and t.get_order() == h5t.ORDER_LE and t.get_size() == 16,
               'long double: expected a 16-byte little-endian float')
        expect(t.get_fields()[0] == 79, f'long double: sign bit at {t.get_fields()[0]}, expected 79 (x87 80-bit format)')


def check_enums(d):
    with h5py.File(os.path.join(d, 'enums.h5'), 'r') as f:
        for name in ('solver', 'unnamed', 'leg', 'flags'):
            check_scalar_attribute(f, name, ENUMS[name], f'enums.h5@{name}')
        for name in ('history', 'none'):
            ds = f[name]
            t = ds.id.get_type()
            expect(isinstance(t, h5t.TypeEnumID), f'{name}: expected an HDF5 enum type, found {type(t).__name__}')
            expect(t.get_super().get_order() == h5t.ORDER_LE and t.get_size() == 4, f'{name}: base is not int32 LE')
            expect(h5py.check_enum_dtype(ds.dtype) == SOLVER, f'{name}: names {h5py.check_enum_dtype(ds.dtype)}')
            expect(np.array_equal(ds[()], ENUMS[name]) and ds[()].dtype == np.int32, f'{name}: {ds[()]!r}')
    with h5py.File(os.path.join(d, 'top_enum.h5'), 'r') as f:
        expect(dd_string(f, 'data', 'top enum') == 'cg', f'top enum: {f.attrs["data"]!r}')


def check_times(d):
    with h5py.File(os.path.join(d, 'times.h5'), 'r') as f:
        for name, (count, units) in TIMES.items():
            ds = f[name]
            expect(isinstance(ds, h5py.Dataset), f'{name}: not a dataset')
            got_units = dd_string(ds, 'units', name)
            expect(got_units == units, f'{name}: units {got_units!r}, expected {units!r}')
            expect(same_bits(ds[()], count), f'{name}: {ds[()]!r} ({ds.dtype}), expected {count!r} ({count.dtype})')
            if ' since ' in units:
                expect(dd_string(ds, 'calendar', name) == 'proleptic_gregorian', f'{name}: calendar')
            else:
                expect('calendar' not in ds.attrs, f'{name}: a duration has no calendar')
        # What a numpy user makes of them.
        expect(np.timedelta64(f['ms'][()], NUMPY_UNITS['milliseconds']) == np.timedelta64(1500, 'ms'), 'ms as timedelta64')
        stamp = np.datetime64('1970-01-01T00:00:00') + np.timedelta64(f['stamp'][()], 's')
        expect(stamp == np.datetime64('2023-11-14T22:13:20'), f'stamp as datetime64: {stamp}')
        day = np.datetime64('1970-01-01') + np.timedelta64(f['day'][()], 'D')
        expect(day == np.datetime64('2024-02-29'), f'day as datetime64: {day}')
        ns = np.datetime64('1970-01-01T00:00:00', 'ns') + np.timedelta64(f['ns_stamp'][()], 'ns')
        expect(ns == np.datetime64('2023-11-14T22:13:20.123456789'), f'ns_stamp: {ns}')
    with h5py.File(os.path.join(d, 'top_duration.h5'), 'r') as f:
        expect(same_bits(f['data'][()], np.int64(90)) and dd_string(f['data'], 'units', 'top') == 'seconds', 'top duration')


def check_texts(d):
    with h5py.File(os.path.join(d, 'texts.h5'), 'r') as f:
        for name, want in TEXTS.items():
            check_scalar_attribute(f, name, want, f'texts.h5@{name}')


def deepdish_same(got, want, where):
    if isinstance(want, str):
        expect(isinstance(got, str) and got == want, f'{where}: {got!r}, expected {want!r}')
    elif isinstance(want, np.ndarray):
        expect(type(got) is np.ndarray, f'{where}: {type(got).__name__}, expected ndarray')
        if want.dtype == np.longdouble:
            expect(got.dtype == np.longdouble and [long_double_bits(x) for x in got] == [long_double_bits(x) for x in want],
                   f'{where}: {got!r}, expected {want!r}')
        else:
            expect(same_bits(got, want), f'{where}: {got!r} ({got.dtype}), expected {want!r} ({want.dtype})')
    else:
        expect(type(got) is type(want), f'{where}: {type(got).__name__} {got!r}, expected {type(want).__name__}')
        if want.dtype == np.longdouble:
            expect(long_double_bits(got) == long_double_bits(want), f'{where}: {got!r}, expected {want!r}')
        elif want.dtype == np.clongdouble:
            expect(long_double_bits(got.real) == long_double_bits(want.real) and got.imag == want.imag, where)
        else:
            expect(got.tobytes() == want.tobytes(), f'{where}: {got!r}, expected {want!r}')


def check_deepdish(d, file, want):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        got = deepdish_load(os.path.join(d, file))
    expect(not caught, f'{file}: PyTables warnings: ' + '; '.join(str(w.message) for w in caught))
    if not isinstance(want, dict):
        return deepdish_same(got, want, file)
    expect(type(got) is dict and set(got) == set(want), f'{file}: keys {sorted(got)}, expected {sorted(want)}')
    for k, v in want.items():
        deepdish_same(got[k], v, f'{file}:/{k}')


# --- h5py writes, C++ reads ----------------------------------------------------------------------
def write_from_h5py(d):
    path = os.path.join(d, 'from_h5py.h5')
    with h5py.File(path, 'w') as f:
        f['c64'] = np.complex64(1 - 2j)
        f.attrs['c128'] = np.complex128(complex(0.1, 1e300))
        f.attrs['c256'] = np.clongdouble(THIRD + 2j)
        f.attrs['c256_as_c128'] = np.clongdouble(0.5 + 2j)
        f.attrs['ld'] = THIRD
        f['complex_vec'] = np.array([1 + 2j, 3 - 4j], '>c16')  # big-endian members, converted on read
        f['complex_grid'] = np.array([[complex(k, -k) for k in range(3)], [complex(k, -k) for k in range(3, 6)]], '<c8')
        solver = h5py.enum_dtype({'cg': 0, 'gmres': 1, 'bicgstab': 2}, basetype='i1')  # other values than C++
        f.attrs.create('enum_attr', 1, dtype=solver)
        f.create_dataset('enum_values', data=np.array([0, 1, 2, 9], 'i1'), dtype=solver)
        f['enum_names'] = np.array(['gmres', 'cg'], dtype=h5py.string_dtype())
        f.attrs['enum_name'] = 'bicgstab'
        f.attrs['enum_int'] = np.int64(2)
        f['duration'] = np.float64(2.5)
        f['duration'].attrs['units'] = 'seconds'
        f['durations'] = np.array([1000, 1500], '<i4')
        f['durations'].attrs['units'] = 'ms'
        f['since2000'] = np.int64(1)
        f['since2000'].attrs['units'] = 'minutes since 2000-01-01T00:00:00Z'
        f['hours'] = np.float32(1.5)
        f['hours'].attrs['units'] = 'hours'
        f.attrs['path'] = 'data/\u00e9t\u00e9.h5'
        f.attrs['wide'] = '\U0001F600!'
        f['bytes'] = np.frombuffer(b'ab\0', np.uint8)
        f['byte_values'] = np.array([1, 200], 'u1')
        f.attrs['char_u8'] = np.uint8(200)


def check_cpp_reads(writer, d):
    write_from_h5py(d)
    result = subprocess.run([writer, '--read', d], capture_output=True, text=True)
    lines = result.stdout.splitlines()
    cases = [line for line in lines if line.startswith(('ok ', 'FAIL '))]
    expect(cases, f'the reader printed nothing: {result.stdout!r} {result.stderr!r}')
    for line in cases:
        tally.run(f'C++ reads h5py {line.split()[1].rstrip(":")}', expect, line.startswith('ok '), line)
    expect(result.returncode == 0, f'{writer} --read exited with {result.returncode}')


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    writer, d = sys.argv[1], sys.argv[2]
    run_writer(writer, d)
    print(f'h5py {h5py.__version__}, PyTables {tables.__version__}, HDF5 {tables.hdf5_version}, numpy {np.__version__}')
    tally.run('h5py: complex', check_complex, d)
    tally.run('h5py: long double, characters, std::byte', check_numbers, d)
    tally.run('h5py: enums', check_enums, d)
    tally.run('h5py: chrono', check_times, d)
    tally.run('h5py: path and wide strings', check_texts, d)

    tally.run('deepdish: complex', check_deepdish, d, 'complex.h5', COMPLEX)
    tally.run('deepdish: top-level complex', check_deepdish, d, 'top_complex.h5', np.complex128(1.5 - 2j))
    tally.run('deepdish: top-level complex vector', check_deepdish, d, 'top_complex_vec.h5',
              np.array([1 + 1j, 2 - 2j], '<c8'))
    tally.run('deepdish: numbers', check_deepdish, d, 'numbers.h5', NUMBERS)
    tally.run('deepdish: enums', check_deepdish, d, 'enums.h5', ENUMS)
    tally.run('deepdish: top-level enum', check_deepdish, d, 'top_enum.h5', 'cg')
    tally.run('deepdish: chrono (the counts)', check_deepdish, d, 'times.h5', {k: v[0] for k, v in TIMES.items()})
    tally.run('deepdish: top-level duration', check_deepdish, d, 'top_duration.h5', np.int64(90))
    tally.run('deepdish: texts', check_deepdish, d, 'texts.h5', TEXTS)

    tally.run('C++ reads what h5py wrote', check_cpp_reads, writer, d)
    return tally.finish()


if __name__ == '__main__':
    sys.exit(main())
