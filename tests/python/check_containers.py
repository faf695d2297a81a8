#!/usr/bin/python3
"""The containers area (tuples, sets, deque/list/forward_list, vector<bool>/bitset, maps with
non-string keys, ranges of strings) seen from Python, in both directions:

    check_containers.py WRITER_EXE TMPDIR

1. write_containers.cpp saves the cases with dd; h5py checks the layout node by node (groups vs
   datasets vs attributes, TITLE tags, exact datatypes and character sets, shapes, values).
2. The same files loaded with deepdish's loading rules over PyTables (what deepdish.io.load returns).
3. h5py writes the forms h5py users produce (vlen and fixed string arrays, numpy bool arrays, int
   arrays, groups named by integer keys, ...); `WRITER_EXE --read FILE` loads them into C++ containers.

KEEP THE VALUES IN SYNC WITH write_containers.cpp. Prints `N passed, M failed`; exits non-zero on failure.
"""
import os
import subprocess
import sys
import warnings

try:
    import h5py
    import numpy as np
    import tables
    from h5py import h5t
except ImportError as e:  # a failure, not a skip
    print(f'FAIL: {e}: install python3-h5py python3-numpy python3-tables and run with /usr/bin/python3')
    sys.exit(1)

from cases import Tally, dd_string, dd_strings, run_writer
from deepdish_rules import deepdish_load

tally = Tally()


# --- h5py: the layout -----------------------------------------------------------------------------
def title(node):
    assert 'TITLE' in node.attrs, f'{node.name}: no TITLE'
    t = node.attrs.get_id('TITLE').get_type()
    assert isinstance(t, h5t.TypeStringID) and not t.is_variable_str(), f'{node.name}: TITLE is not a fixed string'
    assert t.get_cset() == h5t.CSET_UTF8, f'{node.name}: TITLE is not UTF-8'
    return node.attrs['TITLE'].decode()


def assert_dataset(node, dtype, values, where):
    assert isinstance(node, h5py.Dataset), f'{where}: a {type(node).__name__}, expected a dataset'
    want = np.array(values, dtype=dtype)
    assert node.dtype == want.dtype, f'{where}: dtype {node.dtype}, expected {want.dtype}'
    assert node.shape == want.shape, f'{where}: shape {node.shape}, expected {want.shape}'
    assert node.id.get_type().get_order() == h5t.ORDER_LE, f'{where}: not little-endian'
    assert node[()].tobytes() == want.tobytes(), f'{where}: {node[()]}, expected {want}'


def assert_bool_dataset(node, values, where):
    assert isinstance(node, h5py.Dataset), f'{where}: a {type(node).__name__}, expected a dataset'
    t = node.id.get_type()
    assert isinstance(t, h5t.TypeBitfieldID) and t == h5t.STD_B8LE, f'{where}: not a B8LE bitfield'
    assert node.shape == (len(values),), f'{where}: shape {node.shape}'
    assert node[()].tolist() == [int(v) for v in values], f'{where}: {node[()]}, expected {values}'


def assert_strings(node, values, where, shape=None, utf8=True):
    assert isinstance(node, h5py.Dataset), f'{where}: a {type(node).__name__}, expected a dataset'
    want_shape = shape if shape is not None else (len(values),)
    assert node.shape == want_shape, f'{where}: shape {node.shape}, expected {want_shape}'
    got = dd_strings(node, where, utf8)
    flat = [v for row in values for v in row] if values and isinstance(values[0], list) else values
    assert got == flat, f'{where}: {got}, expected {values}'


def assert_tuple_group(node, kind, n, where):
    assert isinstance(node, h5py.Group), f'{where}: a {type(node).__name__}, expected a group'
    assert title(node) == f'{kind}:{n}', f'{where}: TITLE {title(node)!r}, expected {kind}:{n}'


def assert_scalar_attr(group, name, value, where):
    assert name in group.attrs, f'{where}: no attribute {name}'
    assert group.attrs.get_id(name).shape == (), f'{where}: attribute {name} is not scalar'
    got = group.attrs[name]
    if isinstance(value, str):
        got = dd_string(group, name, where)
        assert got == value, f'{where}: {name} = {got!r}, expected {value!r}'
    else:
        assert type(got) is type(value) and got == value, f'{where}: {name} = {got!r}, expected {value!r}'


U64_MAX = 2**64 - 1
BITSET = [1, 1, 0, 0, 0, 0, 0, 0, 0, 1]  # std::bitset<10>("1000000011"): element i is bit i


def h5py_checks(f):
    def check(name, fn):
        tally.run(f'h5py containers.h5:/{name}', fn, f[name], f'/{name}')

    def tup(g, w):
        assert_tuple_group(g, 'tuple', 3, w)
        assert_scalar_attr(g, 'i0', np.int32(7), w)
        assert_scalar_attr(g, 'i1', 'h\u00e9', w)
        assert_dataset(g['i2'], '<f8', [1.5, 2.5], w + '/i2')
    check('tup', tup)

    def pair(g, w):
        assert_tuple_group(g, 'tuple', 2, w)
        assert_scalar_attr(g, 'i0', np.float64(0.25), w)
        assert_scalar_attr(g, 'i1', 'x', w)
    check('pair', pair)

    def empty_tuple(g, w):
        assert_tuple_group(g, 'tuple', 0, w)
        assert len(g) == 0 and set(g.attrs) == {'TITLE'}, f'{w}: not empty'
    check('empty_tuple', empty_tuple)

    check('set', lambda d, w: assert_dataset(d, '<i4', [-3, 5, 9], w))
    check('uset', lambda d, w: assert_dataset(d, '<f8', [-1.0, 2.5], w))
    check('mset', lambda d, w: assert_dataset(d, '<u2', [1, 7, 7], w))

    def set_pairs(g, w):
        assert_tuple_group(g, 'list', 2, w)
        for i, (a, b) in enumerate([(0, 1), (1, 2)]):
            assert_tuple_group(g[f'i{i}'], 'tuple', 2, f'{w}/i{i}')
            assert_scalar_attr(g[f'i{i}'], 'i0', np.int32(a), f'{w}/i{i}')
            assert_scalar_attr(g[f'i{i}'], 'i1', np.int32(b), f'{w}/i{i}')
    check('set_pairs', set_pairs)

    check('deque', lambda d, w: assert_dataset(d, '<f8', [1.5, -2.0], w))
    check('list', lambda d, w: assert_dataset(d, '<i1', [-128, 127], w))
    check('flist', lambda d, w: assert_dataset(d, '<u8', [3, 1, U64_MAX], w))
    check('rows', lambda d, w: assert_dataset(d, '<f4', [[1, 2, 3], [4, 5, 6]], w))

    def ragged(g, w):
        assert_tuple_group(g, 'list', 3, w)
        for i, v in enumerate([[1], [], [2, 3]]):
            assert_dataset(g[f'i{i}'], '<i4', v, f'{w}/i{i}')
    check('ragged', ragged)

    check('bits', lambda d, w: assert_bool_dataset(d, [1, 0, 0, 1, 1], w))
    check('bitset', lambda d, w: assert_bool_dataset(d, BITSET, w))
    check('no_bits', lambda d, w: assert_bool_dataset(d, [], w))

    def keyed(g, w, n):
        assert_tuple_group(g, 'map', n, w)
        assert set(g) == {'keys', 'values'}, f'{w}: members {sorted(g)}, expected keys and values'
    check('int_map', lambda g, w: (keyed(g, w, 2), assert_dataset(g['keys'], '<i4', [-1, 3], w + '/keys'),
                                   assert_dataset(g['values'], '<f8', [2.0, 0.5], w + '/values')))
    check('name_map', lambda g, w: (keyed(g, w, 2), assert_dataset(g['keys'], '<i8', [-2, 10], w + '/keys'),
                                    assert_strings(g['values'], ['minus two', 'ten'], w + '/values')))

    def pair_map(g, w):
        keyed(g, w, 2)
        assert_tuple_group(g['keys'], 'list', 2, w + '/keys')
        assert_tuple_group(g['keys/i1'], 'tuple', 2, w + '/keys/i1')
        assert_scalar_attr(g['keys/i1'], 'i0', np.int32(2), w + '/keys/i1')
        assert_strings(g['values'], ['a', 'b'], w + '/values')
    check('pair_map', pair_map)

    def nested_map(g, w):
        keyed(g, w, 2)
        assert_dataset(g['keys'], '<i4', [1, 2], w + '/keys')
        assert_tuple_group(g['values'], 'list', 2, w + '/values')
        assert_dataset(g['values/i0'], '<i4', [1, 2], w + '/values/i0')
        assert_dataset(g['values/i1'], '<i4', [], w + '/values/i1')
    check('nested_map', nested_map)
    check('empty_map', lambda g, w: (keyed(g, w, 0), assert_dataset(g['keys'], '<i4', [], w + '/keys'),
                                     assert_dataset(g['values'], '<i4', [], w + '/values')))

    check('words', lambda d, w: assert_strings(d, ['a', '', 'h\u00e9llo \u4e16\u754c'], w))
    check('no_words', lambda d, w: assert_strings(d, [], w))
    check('bytes', lambda d, w: assert_strings(d, [b'ok', b'\xff\xfe'], w, utf8=False))
    check('two', lambda d, w: assert_strings(d, ['x', 'y'], w))
    check('tags', lambda d, w: assert_strings(d, ['a', 'b'], w))
    check('utags', lambda d, w: assert_strings(d, ['p', 'q'], w))
    check('grid', lambda d, w: assert_strings(d, [['a', 'b'], ['c', '']], w, shape=(2, 2)))

    def string_lists(g, w):
        assert_tuple_group(g, 'list', 2, w)
        assert_strings(g['i0'], ['a'], w + '/i0')
        assert_strings(g['i1'], [], w + '/i1')
    check('string_lists', string_lists)

    expected = {'tup', 'pair', 'empty_tuple', 'set', 'uset', 'mset', 'set_pairs', 'deque', 'list', 'flist', 'rows',
                'ragged', 'bits', 'bitset', 'no_bits', 'int_map', 'name_map', 'pair_map', 'nested_map', 'empty_map',
                'words', 'no_words', 'bytes', 'two', 'tags', 'utags', 'grid', 'string_lists'}
    tally.run('h5py containers.h5: nothing else in /', lambda: set(f) == expected or
              (_ for _ in ()).throw(AssertionError(f'members {sorted(set(f) ^ expected)} differ')))


def same(got, want, where):
    if want is None:
        assert got is None, f'{where}: {got!r}, expected None'
    elif isinstance(want, (dict, list, tuple)):
        assert type(got) is type(want), f'{where}: {type(got).__name__}, expected {type(want).__name__}'
        assert len(got) == len(want), f'{where}: {len(got)} entries, expected {len(want)}'
        items = want.items() if isinstance(want, dict) else enumerate(want)
        for k, v in items:
            assert not isinstance(want, dict) or k in got, f'{where}: no key {k!r}'
            same(got[k], v, f'{where}/{k}')
    elif isinstance(want, np.ndarray):
        assert type(got) is np.ndarray, f'{where}: {type(got).__name__}, expected ndarray'
        assert got.dtype == want.dtype and got.shape == want.shape, \
            f'{where}: {got.dtype} {got.shape}, expected {want.dtype} {want.shape}'
        assert got.tobytes() == want.tobytes(), f'{where}: {got}, expected {want}'
    elif isinstance(want, str):
        assert isinstance(got, str) and got == want, f'{where}: {got!r}, expected {want!r}'
    else:
        assert type(got) is type(want) and got == want, f'{where}: {got!r}, expected {want!r}'


A = np.array


def S(items):
    """The numpy array PyTables reads from a fixed-length string dataset: bytes, NUL-padded to the longest."""
    raw = [x if isinstance(x, bytes) else x.encode('utf-8') for x in items]
    return np.array(raw, dtype=f'S{max([1] + [len(r) for r in raw])}')


DEEPDISH_CONTAINERS = {
    'tup': (np.int32(7), 'h\u00e9', A([1.5, 2.5])),
    'pair': (np.float64(0.25), 'x'),
    'empty_tuple': (),
    'set': A([-3, 5, 9], '<i4'),
    'uset': A([-1.0, 2.5]),
    'mset': A([1, 7, 7], '<u2'),
    'set_pairs': [(np.int32(0), np.int32(1)), (np.int32(1), np.int32(2))],
    'deque': A([1.5, -2.0]),
    'list': A([-128, 127], '<i1'),
    'flist': A([3, 1, U64_MAX], '<u8'),
    'rows': A([[1, 2, 3], [4, 5, 6]], '<f4'),
    'ragged': [A([1], '<i4'), A([], '<i4'), A([2, 3], '<i4')],
    'bits': A([True, False, False, True, True]),
    'bitset': A(BITSET, bool),
    'no_bits': A([], bool),
    'int_map': {'keys': A([-1, 3], '<i4'), 'values': A([2.0, 0.5])},
    'name_map': {'keys': A([-2, 10], '<i8'), 'values': S(['minus two', 'ten'])},
    'pair_map': {'keys': [(np.int32(0), np.int32(1)), (np.int32(2), np.int32(0))], 'values': S(['a', 'b'])},
    'nested_map': {'keys': A([1, 2], '<i4'), 'values': [A([1, 2], '<i4'), A([], '<i4')]},
    'empty_map': {'keys': A([], '<i4'), 'values': A([], '<i4')},
    # string datasets are fixed-length: deepdish (PyTables) gives numpy bytes arrays, UTF-8 encoded
    'words': S(['a', '', 'h\u00e9llo \u4e16\u754c']), 'no_words': S([]), 'bytes': S([b'ok', b'\xff\xfe']),
    'two': S(['x', 'y']), 'tags': S(['a', 'b']), 'utags': S(['p', 'q']), 'grid': S(['a', 'b', 'c', '']).reshape(2, 2),
    'string_lists': [S(['a']), S([])],
}
DEEPDISH_TOP = {
    'top_tuple.h5': (np.int32(1), 'one'),
    'top_words.h5': S(['top', 'w\u00f6rds']),
    'top_map.h5': {'keys': A([1, 2], '<i4'), 'values': A([10, 20], '<i4')},
    'top_bits.h5': A([False, True]),
}


def deepdish_checks(directory):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        loaded = deepdish_load(os.path.join(directory, 'containers.h5'))
        assert isinstance(loaded, dict) and set(loaded) == set(DEEPDISH_CONTAINERS), \
            f'containers.h5 loads as {type(loaded).__name__} with {sorted(loaded) if isinstance(loaded, dict) else ""}'
        for k, v in DEEPDISH_CONTAINERS.items():
            tally.run(f'deepdish containers.h5:/{k}', same, loaded[k], v, f'containers.h5:/{k}')
        for name, want in DEEPDISH_TOP.items():
            tally.run(f'deepdish {name}', lambda n=name, w=want: same(deepdish_load(os.path.join(directory, n)), w, n))


def no_warnings_but_strings(directory):
    """PyTables warns only about what it cannot map: the variable-length string datasets."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        deepdish_load(os.path.join(directory, 'top_map.h5'))
        deepdish_load(os.path.join(directory, 'top_tuple.h5'))
        deepdish_load(os.path.join(directory, 'top_bits.h5'))
    assert not caught, '; '.join(str(w.message) for w in caught)


# --- h5py writes, dd reads -------------------------------------------------------------------------
def write_h5py_forms(path):
    with h5py.File(path, 'w') as f:
        f['vlen_str'] = np.array(['alpha', '', 'h\u00e9'], dtype=h5py.string_dtype())
        f['fixed_bytes'] = np.array([b'ab', b'abcde', b''])  # numpy S5: fixed, NULLPAD, ASCII
        f['str_2d'] = np.array([['a', 'b'], ['c', 'd']], dtype=h5py.string_dtype())
        f['str_set'] = np.array([b'y', b'x', b'y'])
        f.create_group('group').attrs['attrs_list'] = ['p', 'q']  # a 1-D vlen str attribute
        f['bools'] = np.array([True, False, True])  # h5py writes numpy bool as an enum over int8
        f['ints'] = np.array([3, 1, 2, 3], dtype=np.int64)
        g = f.create_group('by_epoch')  # an int-keyed dict as h5py users write it
        g.attrs['1'] = 0.5
        g.attrs['10'] = 0.25
        g['2'] = 0.125  # a scalar dataset
        z = f.create_group('zipped')  # keys/values without dd's TITLE
        z['keys'] = np.array([5, 6])
        z['values'] = np.array(['five', 'six'], dtype=h5py.string_dtype())
        p = f.create_group('pairs')  # deepdish's list of tuples [(1, 'one'), (2, 'two')]
        p.attrs['TITLE'] = np.bytes_('list:2')
        for i, (k, v) in enumerate([(1, 'one'), (2, 'two')]):
            t = p.create_group(f'i{i}')
            t.attrs['TITLE'] = np.bytes_('tuple:2')
            t.attrs['i0'] = np.int64(k)
            t.attrs['i1'] = v
        t = f.create_group('tuple')
        t.attrs['TITLE'] = np.bytes_('tuple:3')
        t.attrs['i0'] = np.int64(1)
        t.attrs['i1'] = 'x'
        t.attrs['i2'] = 2.5
    with h5py.File(path, 'r') as f:  # the forms are what this test claims they are
        assert h5t.check_enum_dtype(f['bools'].dtype) is not None or f['bools'].dtype == bool
        assert f['fixed_bytes'].id.get_type().get_strpad() == h5t.STR_NULLPAD


def dd_reads_h5py(writer, directory):
    path = os.path.join(directory, 'from_h5py.h5')
    write_h5py_forms(path)
    result = subprocess.run([writer, '--read', path], capture_output=True, text=True)
    lines = result.stdout.splitlines()
    assert lines, f'{writer} --read printed nothing; stderr: {result.stderr}'
    for line in lines:
        ok = line.startswith('ok ')
        tally.run(f'dd reads h5py {line.split(":")[0].split(" ", 1)[1]}',
                  lambda ok=ok, line=line: None if ok else (_ for _ in ()).throw(AssertionError(line)))
    assert result.returncode == 0 or any(not l.startswith('ok ') for l in lines), \
        f'exit {result.returncode}: {result.stderr}'


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    writer, directory = sys.argv[1], sys.argv[2]
    run_writer(writer, directory)
    print(f'h5py {h5py.__version__}, PyTables {tables.__version__}, HDF5 {h5py.version.hdf5_version}, '
          f'numpy {np.__version__}')
    with h5py.File(os.path.join(directory, 'containers.h5'), 'r') as f:
        h5py_checks(f)
    tally.run('PyTables loads containers.h5 and the top-level files', deepdish_checks, directory)
    tally.run('PyTables warns about nothing in files without string datasets', no_warnings_but_strings, directory)
    tally.run('dd reads what h5py writes', dd_reads_h5py, writer, directory)
    return tally.finish()


if __name__ == '__main__':
    sys.exit(main())
