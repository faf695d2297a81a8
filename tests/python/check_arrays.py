#!/usr/bin/python3
"""The arrays area (mdspan-like views in every layout, dd::ndarray, Eigen, tables of flat structs)
seen from Python, in both directions:

    check_arrays.py WRITER_EXE TMPDIR

1. write_arrays.cpp saves the cases with dd; h5py checks each dataset: dtype (little-endian), shape,
   row-major values whatever the C++ memory layout, contiguous or chunked storage, and for tables the
   structured dtype (member names, formats, packed offsets).
2. The same files loaded with deepdish's loading rules over PyTables (what deepdish.io.load returns):
   arrays are ndarrays, a rank-0 array a numpy scalar; a table is a PyTables Table, which deepdish
   returns as None (its limit) while PyTables reads the same structured array.
3. h5py writes what h5py users produce (big-endian, Fortran-ordered and zero-size arrays, deepdish's
   zero-size form, gzip chunks, a structured array with reordered, extra and converted members);
   `WRITER_EXE --read DIR` loads them into C++ views, arrays and tables.

KEEP THE VALUES IN SYNC WITH write_arrays.cpp. Prints `N passed, M failed`; exits non-zero on failure.
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

from cases import Tally, run_writer

tally = Tally()


def expect(condition, message=''):
    if not condition:
        raise AssertionError(message)

I, J = np.indices((3, 4))
RIGHT = (10 * I + J).astype('<i4')
LEFT = (10 * I + J).astype('<f8')
WIDE = np.fromfunction(lambda i, j: 100 * i + j, (4, 6))
STRIDED = WIDE[:, ::2].astype('<f8')
LEFT3 = np.fromfunction(lambda i, j, k: 100 * i + 10 * j + k, (2, 3, 4)).astype('<i2')
VIEWS = {
    'right': RIGHT,
    'left': LEFT,
    'strided': STRIDED,
    'left3': LEFT3,
    'empty': np.zeros((0, 3), '<f4'),
    'scalar': np.array(2.5, '<f8'),
    'nd': np.arange(16, dtype='<u1').reshape(2, 2, 2, 2),
    'zero': np.zeros((10, 20, 0), '<f4'),
    'cplx': np.array([1 + 2j, complex(-3.5, -0.0)], '<c16'),
}
FLAGS = [[True, False, True], [False, False, True]]
TOP = np.arange(60, dtype='<i8').reshape(3, 4, 5)
COMPRESSED = np.arange(2000.0).reshape(40, 50).T  # column-major memory 0..1999, shape (50, 40)

PARTICLE = np.dtype([('x', '<f8'), ('y', '<f8'), ('z', '<f8'), ('mass', '<f4'), ('id', '<i4')])
INNER = np.dtype([('a', '<f4'), ('b', '<i8')])
RICH = np.dtype([('pos', '<f8', (3,)), ('rgb', '<f4', (3,)), ('m', '<i2', (2, 2)), ('z', '<c16'), ('inner', INNER),
                 ('on', '?'), ('bits', '?', (2,)), ('big', '<u8')])
PADDED = np.dtype([('tag', 'i1'), ('value', '<f8'), ('flag', '?'), ('code', '<u2')])


def particles(n):
    i = np.arange(n)
    return np.array(list(zip(i * 0.5, -1.0 * i, np.full(n, 1e300), i / 4, i - 500)), dtype=PARTICLE)


def rich(i):
    d = float(i)  # -d is -0.0 for i = 0, as in C++
    return (np.array([d, d + 0.25, -d]), np.array([0.5, 0, d]), np.array([[1, 2], [3, -i]]), complex(d, -2 * d),
            (1.5, -(i << 40)), i % 2 == 1, np.array([True, i == 1]), 2**64 - 1 - i)


RICH_ROWS = np.array([rich(0), rich(1)], dtype=RICH)
PADDED_ROWS = np.array([(-128, 1e-300, True, 65535), (127, -0.5, False, 0)], dtype=PADDED)


# --- h5py: the layout -----------------------------------------------------------------------------
def assert_array(node, want, where, contiguous=True):
    assert isinstance(node, h5py.Dataset), f'{where}: a {type(node).__name__}, expected a dataset'
    assert node.dtype == want.dtype, f'{where}: dtype {node.dtype}, expected {want.dtype}'
    assert node.shape == want.shape, f'{where}: shape {node.shape}, expected {want.shape}'
    if node.dtype.kind in 'iufc':
        assert node.dtype.byteorder in '<|=', f'{where}: not little-endian'
    if contiguous:
        assert node.chunks is None, f'{where}: chunked {node.chunks}, expected contiguous'
    got = node[()]
    assert got.tobytes() == want.tobytes(), f'{where}:\n{got}\nexpected\n{want}'
    assert not list(node.attrs), f'{where}: unexpected attributes {list(node.attrs)}'


def check_views(directory):
    with h5py.File(os.path.join(directory, 'views.h5'), 'r') as f:
        for name, want in VIEWS.items():
            tally.run(f'views.h5:/{name}', assert_array, f[name], want, f'views.h5:/{name}')

        def flags():
            t = f['flags'].id.get_type()
            assert isinstance(t, h5t.TypeBitfieldID) and t == h5t.STD_B8LE, 'flags: not a B8LE bitfield'
            assert f['flags'].shape == (2, 3)
            assert f['flags'][()].astype(bool).tolist() == FLAGS, f['flags'][()]
        tally.run('views.h5:/flags (bool as B8)', flags)
    with h5py.File(os.path.join(directory, 'top_ndarray.h5'), 'r') as f:
        tally.run('top_ndarray.h5:/data', assert_array, f['data'], TOP, 'top_ndarray.h5:/data')
    with h5py.File(os.path.join(directory, 'compressed.h5'), 'r') as f:
        def compressed():
            d = f['data']
            assert d.chunks is not None and d.compression == 'gzip' and d.shuffle, f'{d.chunks} {d.compression}'
            assert_array(d, COMPRESSED, 'compressed.h5:/data', contiguous=False)
        tally.run('compressed.h5: column-major, chunked + gzip', compressed)


def assert_table(node, dtype, rows, where):
    assert isinstance(node, h5py.Dataset), f'{where}: a {type(node).__name__}, expected a dataset'
    assert node.dtype == dtype, f'{where}: dtype {node.dtype}, expected {dtype}'
    assert node.dtype.itemsize == dtype.itemsize, f'{where}: itemsize {node.dtype.itemsize} (not packed)'
    assert node.shape == rows.shape, f'{where}: shape {node.shape}, expected {rows.shape}'
    assert node.chunks is None, f'{where}: chunked'
    got = node[()]
    assert got.tobytes() == rows.tobytes(), f'{where}:\n{got}\nexpected\n{rows}'


def check_tables(directory):
    with h5py.File(os.path.join(directory, 'table.h5'), 'r') as f:
        tally.run('table.h5:/data (W5 records)', assert_table, f['data'], PARTICLE, particles(1000), 'table.h5:/data')

        def packed():
            t = f['data'].id.get_type()
            offsets = [t.get_member_offset(k) for k in range(t.get_nmembers())]
            assert offsets == [0, 8, 16, 24, 28], offsets
            for k in range(t.get_nmembers()):
                member = t.get_member_type(k)
                assert member.get_order() == h5t.ORDER_LE, f'member {k} not little-endian'
        tally.run('table.h5: little-endian, packed offsets', packed)
    with h5py.File(os.path.join(directory, 'tables.h5'), 'r') as f:
        tally.run('tables.h5:/particles', assert_table, f['particles'], PARTICLE, particles(5), 'tables.h5:/particles')
        tally.run('tables.h5:/rich', assert_table, f['rich'], RICH, RICH_ROWS, 'tables.h5:/rich')
        tally.run('tables.h5:/padded', assert_table, f['padded'], PADDED, PADDED_ROWS, 'tables.h5:/padded')
        tally.run('tables.h5:/none', assert_table, f['none'], PARTICLE, particles(0), 'tables.h5:/none')

        def enum_bool():
            t = f['rich'].id.get_type()
            on = t.get_member_type(t.get_member_index(b'on'))
            assert isinstance(on, h5t.TypeEnumID), 'bool member is not an enum'
            assert h5py.check_enum_dtype(f['rich'].dtype['on']) is None  # numpy sees dtype bool
        tally.run('tables.h5: bool members are h5py bools', enum_bool)

        def enum_member():
            d = f['tagged']
            assert d.dtype.names == ('color', 'value'), d.dtype
            assert h5py.check_enum_dtype(d.dtype['color']) == {'red': 0, 'green': 1, 'blue': 2}, d.dtype['color']
            assert d.dtype['color'] == np.dtype('u1'), d.dtype['color']
            assert d['color'].tolist() == [2, 0] and d['value'].tolist() == [1.5, -2.0], d[()]
        tally.run('tables.h5:/tagged (enum member: h5py enum dtype)', enum_member)


def check_eigen(directory):
    path = os.path.join(directory, 'eigen.h5')
    if not os.path.exists(path):
        print('note: eigen.h5 not written (Eigen not found when building write_arrays)')
        return
    with h5py.File(path, 'r') as f:
        tally.run('eigen.h5:/col (column-major, same matrix)', assert_array, f['col'], LEFT, 'eigen.h5:/col')
        tally.run('eigen.h5:/row', assert_array, f['row'], LEFT, 'eigen.h5:/row')
        tally.run('eigen.h5:/vec (1-D)', assert_array, f['vec'], np.array([0.5, 1.5, 2.5], '<f4'), 'eigen.h5:/vec')
        tally.run('eigen.h5:/arr', assert_array, f['arr'], np.array([[1, 2, 3], [4, 5, 6]], '<i4'), 'eigen.h5:/arr')


# --- deepdish's view (PyTables) ---------------------------------------------------------------------
def deepdish_node(node):
    """deepdish.io.load's rule for one array node (see deepdish_rules.py)."""
    if isinstance(node, tables.Table):
        return None  # deepdish returns None for a Table
    if isinstance(node, tables.Array):
        if 'zeroarray_dtype' in node._v_attrs:
            return np.zeros(tuple(node[:]), dtype=node._v_attrs.zeroarray_dtype)
        return node[()] if node.shape == () else node[:]
    raise AssertionError(f'{node._v_pathname}: {type(node).__name__}')


def check_deepdish(directory):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        with tables.open_file(os.path.join(directory, 'views.h5')) as f:
            for name, want in VIEWS.items():
                def same(name=name, want=want):
                    got = deepdish_node(f.get_node('/' + name))
                    if want.shape == ():
                        assert isinstance(got, np.generic) and type(got) is type(want[()]), f'{type(got)}'
                        assert got == want[()], got
                    else:
                        assert type(got) is np.ndarray and got.dtype == want.dtype and got.shape == want.shape
                        assert got.tobytes() == want.tobytes(), got
                tally.run(f'deepdish: views.h5:/{name}', same)
            flags = deepdish_node(f.root.flags)
            tally.run('deepdish: views.h5:/flags', expect, flags.dtype == np.bool_ and flags.tolist() == FLAGS, flags)
        with tables.open_file(os.path.join(directory, 'top_ndarray.h5')) as f:
            def top():
                root = f.root
                assert bool(root._v_attrs.DEEPDISH_IO_DEEPDISH_IO_UNPACK)
                got = deepdish_node(root.data)  # auto-unpack: the one child is the value
                assert got.dtype == TOP.dtype and np.array_equal(got, TOP)
            tally.run('deepdish: top_ndarray.h5 is the array', top)
        with tables.open_file(os.path.join(directory, 'tables.h5')) as f:
            def table_is_none():
                node = f.root.particles
                assert isinstance(node, tables.Table), type(node).__name__
                assert deepdish_node(node) is None
                assert node.read().tobytes() == particles(5).tobytes()  # PyTables itself reads it
            tally.run('deepdish: a table loads as None (PyTables: a Table)', table_is_none)
    messages = [f'{w.category.__name__}: {w.message}' for w in caught]
    tally.run('PyTables reads the arrays without warnings', expect, not messages, '; '.join(messages))


# --- h5py writes, dd reads --------------------------------------------------------------------------
def write_h5py(directory):
    with h5py.File(os.path.join(directory, 'h5py_arrays.h5'), 'w') as f:
        f['ints'] = np.arange(12, dtype='<i8').reshape(3, 4)
        f['big_endian'] = np.arange(-6, 6, dtype='>i4').reshape(3, 4)
        f['fortran'] = np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3))
        f['zero'] = np.zeros((10, 20, 0), '<f4')
        z = f.create_dataset('zero_deepdish', data=np.array([10, 20, 0], '<i8'))
        z.attrs['zeroarray_dtype'] = np.bytes_(b'<f4')
        f.create_dataset('gzip', data=np.arange(40) * 0.5, chunks=(8,), compression='gzip')
        f['bools'] = np.array([True, False, True])
    record = np.dtype([('pair', '<f4', (2,)), ('z', '<c8'), ('ok', '?'), ('extra', '<i8'), ('weight', '>f8'),
                       ('count', '<i2')])
    rows = np.array([(np.array([i, 2.5]), complex(i, -0.5), i != 1, 77, i + 0.125, 1000 * i - 1) for i in range(3)],
                    dtype=record)
    with h5py.File(os.path.join(directory, 'h5py_table.h5'), 'w') as f:
        f['records'] = rows
        f['partial'] = rows[['z', 'weight', 'count']]


def check_dd_reads(writer, directory):
    out = os.path.join(directory, 'from_h5py')
    os.makedirs(out, exist_ok=True)
    write_h5py(out)
    result = subprocess.run([writer, '--read', out], capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith(('ok ', 'FAIL '))]
    for line in lines:
        ok = line.startswith('ok ')
        name = line.split(' ', 1)[1]
        tally.run(f'dd reads h5py: {name}', expect, ok, name)
    failed = any(line.startswith('FAIL') for line in lines)
    tally.run('dd reads h5py: the reader ran', expect, result.returncode == (1 if failed else 0),
              f'exit {result.returncode}: {result.stderr}')
    tally.run('dd reads h5py: every case ran', expect, len(lines) >= 10, f'{len(lines)} cases: {result.stdout}')


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    writer, directory = sys.argv[1], sys.argv[2]
    run_writer(writer, directory)
    print(f'h5py {h5py.__version__}, PyTables {tables.__version__}, HDF5 {h5py.version.hdf5_version}')
    check_views(directory)
    check_tables(directory)
    check_eigen(directory)
    check_deepdish(directory)
    check_dd_reads(writer, directory)
    return tally.finish()


if __name__ == '__main__':
    sys.exit(main())
