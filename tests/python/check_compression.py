#!/usr/bin/python3
"""Python's view of dd's compressed files (write_compression.cpp): h5py reads every dataset back with
the same values and sees the filter ids and cd_values h5py + hdf5plugin themselves write for the same
request; PyTables, following deepdish's loading rules, reads them as arrays (and names blosc and zlib
settings as deepdish would write them).

    check_compression.py WRITER_EXE TMPDIR

HDF5_PLUGIN_PATH is set to Debian's plugin directories before h5py loads HDF5, as a Python user of
these files would. Prints `N passed, M failed`; exits non-zero on failure.
"""
import glob
import os
import sys
import warnings

DEBIAN_PLUGINS = sorted(glob.glob('/usr/lib/*/hdf5/serial/plugins'))
os.environ['HDF5_PLUGIN_PATH'] = ':'.join(DEBIAN_PLUGINS)

try:
    import h5py
    import hdf5plugin
    import numpy as np
    import tables
except ImportError as e:  # a failure, not a skip
    print(f'FAIL: {e}: install python3-h5py python3-numpy python3-tables python3-hdf5plugin '
          'and run with /usr/bin/python3')
    print('0 passed, 1 failed')
    sys.exit(1)

from cases import Tally, run_writer

ARRAYS = {
    'f64': (np.arange(1000) // 7 % 50) * 0.5,
    'i32': (np.arange(512, dtype='<i4') - 100).reshape(64, 8),
    'f32': (np.arange(600) * 0.25).astype('<f4').reshape(4, 5, 30),
    'u8': (np.arange(5000) % 251).astype('<u1'),
    'exactly_300': np.arange(300, dtype='<f8'),
    'just_301': np.arange(301, dtype='<f8'),
    'small': np.array([1, 2, 3], '<i4'),
}
CONTIGUOUS = {'exactly_300', 'small'}  # at or below the threshold of 300 elements

SHUFFLE, DEFLATE, BZIP2, BLOSC, LZ4, BSHUF = 2, 1, 307, 32001, 32004, 32008
BLOSC_CODES = {'blosclz': 0, 'lz4': 1, 'lz4hc': 2, 'snappy': 3, 'zlib': 4, 'zstd': 5}


def blosc(cname, level, shuffle):
    # What dd writes for dd::blosc(...) and PyTables for complib='blosc:<cname>': the plugin fills in
    # [filter version 2, format version 2, element size, chunk bytes], then level, shuffle, codec.
    return {
        'h5py': dict(**hdf5plugin.Blosc(cname=cname, clevel=level, shuffle=shuffle)),
        'expect': lambda a: [(BLOSC, (2, 2, a.itemsize, a.nbytes, level, shuffle, BLOSC_CODES[cname]))],
        'pytables': dict(complib=f'blosc:{cname}', complevel=level, shuffle=shuffle == 1, bitshuffle=shuffle == 2),
    }


def deflate(level, shuffle=True):
    return {
        'h5py': dict(compression='gzip', compression_opts=level, shuffle=shuffle),
        'expect': lambda a: ([(SHUFFLE, (a.itemsize,))] if shuffle else []) + [(DEFLATE, (level,))],
        'pytables': dict(complib='zlib', complevel=level, shuffle=shuffle, bitshuffle=False),
    }


def with_shuffle(shuffle, step, plugin_filter):
    return {
        'h5py': dict(shuffle=shuffle, **plugin_filter),
        'expect': lambda a: ([(SHUFFLE, (a.itemsize,))] if shuffle else []) + [step],
        'pytables': None,
    }


def bitshuffle(cname, code):
    # bitshuffle fills in [major, minor, element size]; the version is whatever the plugin is, so it
    # is taken from h5py's own file (the comparison below) and only the rest is pinned here.
    return {
        'h5py': dict(**hdf5plugin.Bitshuffle(nelems=0, cname=cname)),
        'expect': lambda a: [(BSHUF, (None, None, a.itemsize, 0, code))],
        'pytables': None,
    }


SETTINGS = {
    'deflate1': deflate(1),
    'deflate4': deflate(4),
    'deflate9_noshuffle': deflate(9, shuffle=False),
    'blosc_blosclz': blosc('blosclz', 9, 1),
    'blosc_lz4': blosc('lz4', 5, 1),
    'blosc_lz4hc': blosc('lz4hc', 3, 1),
    'blosc_snappy': blosc('snappy', 5, 1),
    'blosc_zlib': blosc('zlib', 5, 1),
    'blosc_zstd': blosc('zstd', 5, 1),
    'blosc_noshuffle': blosc('lz4', 1, 0),
    'blosc_bitshuffle': blosc('zstd', 7, 2),
    'lz4': with_shuffle(True, (LZ4, (0,)), hdf5plugin.LZ4()),
    'lz4_noshuffle': with_shuffle(False, (LZ4, (0,)), hdf5plugin.LZ4()),
    'bitshuffle_lz4': bitshuffle('lz4', 2),
    'bitshuffle_none': bitshuffle('none', 0),
    'bzip2': with_shuffle(True, (BZIP2, (9,)), hdf5plugin.BZip2(blocksize=9)),
    'bzip2_1_noshuffle': with_shuffle(False, (BZIP2, (1,)), hdf5plugin.BZip2(blocksize=1)),
}

tally = Tally()


def require(condition, message):
    assert condition, message


def pipeline(ds):
    plist = ds.id.get_create_plist()
    return [plist.get_filter(i)[:3] for i in range(plist.get_nfilters())]  # (id, flags, cd_values)


def assert_values(ds, want, where):
    got = ds[()]
    assert got.dtype == want.dtype, f'{where}: dtype {got.dtype}, expected {want.dtype}'
    assert got.shape == want.shape, f'{where}: shape {got.shape}, expected {want.shape}'
    assert np.array_equal(got, want), f'{where}: values differ'


def assert_contiguous(ds, where):
    assert ds.id.get_create_plist().get_layout() == h5py.h5d.CONTIGUOUS, f'{where}: not contiguous'
    assert ds.chunks is None and pipeline(ds) == [], f'{where}: chunks {ds.chunks}, filters {pipeline(ds)}'


def assert_filters(ds, expected, where):
    got = pipeline(ds)
    assert ds.chunks is not None, f'{where}: contiguous, expected chunked with {expected}'
    assert all(c <= s for c, s in zip(ds.chunks, ds.shape)), f'{where}: chunks {ds.chunks} exceed {ds.shape}'
    assert ds.chunks == ds.shape, f'{where}: chunks {ds.chunks}, expected the whole (small) array {ds.shape}'
    assert [f[0] for f in got] == [e[0] for e in expected], f'{where}: filters {got}, expected {expected}'
    for (fid, flags, cd), (_, want_cd) in zip(got, expected):
        assert flags == h5py.h5z.FLAG_OPTIONAL, f'{where}: filter {fid} flags {flags}, expected optional (1)'
        assert len(cd) == len(want_cd) and all(w is None or c == w for c, w in zip(cd, want_cd)), \
            f'{where}: filter {fid} cd_values {cd}, expected {want_cd}'


def assert_same_as_h5py(ds, h5py_kwargs, reference_file, where):
    """h5py + hdf5plugin asked for the same filters on the same data and chunks: same pipeline."""
    name = ds.name.strip('/').replace('/', '_')
    ref = reference_file.create_dataset(name, data=ds[()], chunks=ds.chunks, **h5py_kwargs)
    assert pipeline(ds) == pipeline(ref), f'{where}: dd wrote {pipeline(ds)}, h5py + hdf5plugin {pipeline(ref)}'


def deepdish_arrays(path):
    """deepdish.io.load's view of a file of arrays: the root is a dict, each Array/CArray is node[:]."""
    out = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        with tables.open_file(path, mode='r') as f:
            for name, node in f.root._v_children.items():
                assert isinstance(node, tables.Array), f'{path}:/{name}: {type(node).__name__}, expected an array'
                out[name] = (type(node).__name__, node.filters, node[:])
    assert not caught, f'{path}: PyTables warnings: ' + '; '.join(str(w.message) for w in caught)
    return out


def assert_pytables(loaded, name, want, expected_filters, where):
    kind, filters, got = loaded[name]
    assert kind == ('Array' if name in CONTIGUOUS else 'CArray'), f'{where}: PyTables sees {kind}'
    assert type(got) is np.ndarray and got.dtype == want.dtype and got.shape == want.shape, \
        f'{where}: PyTables gives {type(got).__name__} {getattr(got, "dtype", "")} {getattr(got, "shape", "")}'
    assert np.array_equal(got, want), f'{where}: PyTables values differ'
    if expected_filters and name not in CONTIGUOUS:
        for key, value in expected_filters.items():
            assert getattr(filters, key) == value, f'{where}: PyTables reads {key}={getattr(filters, key)!r}, ' \
                                                   f'expected {value!r} ({filters})'


def check_setting(directory, setting, spec):
    path = os.path.join(directory, setting + '.h5')
    reference = h5py.File(os.path.join(directory, setting + '_h5py.h5.ref'), 'w')
    with h5py.File(path, 'r') as f:
        for name, want in ARRAYS.items():
            where = f'{setting}.h5:/{name}'
            ds = f[name]
            tally.run(f'{where} values (h5py)', assert_values, ds, want, where)
            if name in CONTIGUOUS:
                tally.run(f'{where} stays contiguous', assert_contiguous, ds, where)
            else:
                tally.run(f'{where} filters', assert_filters, ds, spec['expect'](want), where)
                tally.run(f'{where} filters as h5py writes them', assert_same_as_h5py, ds, spec['h5py'], reference,
                          where)
    reference.close()
    loaded = {}
    if not tally.run(f'{setting}.h5 loads with PyTables', lambda: loaded.update(deepdish_arrays(path))):
        return
    for name, want in ARRAYS.items():
        where = f'{setting}.h5:/{name}'
        tally.run(f'{where} (PyTables, deepdish rules)', assert_pytables, loaded, name, want, spec['pytables'], where)


def check_members(directory, file, plain_filters):
    path = os.path.join(directory, file)
    if not tally.run(f'{file} written', require, os.path.exists(path),
                     f'{file} missing: the writer could not use dd::compressed<T> (see its stderr)'):
        return
    f64 = ARRAYS['f64']
    with h5py.File(path, 'r') as f:
        tally.run(f'{file}:/epochs', require, f.attrs['epochs'] == 7, f'{file}:/epochs: {f.attrs["epochs"]!r}')
        for name in ['blosc_zstd', 'lz4', 'kept_plain', 'plain']:
            tally.run(f'{file}:/{name} values', assert_values, f[name], f64, f'{file}:/{name}')
        tally.run(f'{file}:/tiny_bzip2 values', assert_values, f['tiny_bzip2'], ARRAYS['small'], f'{file}:/tiny_bzip2')
        tally.run(f'{file}:/blosc_zstd filters', assert_filters, f['blosc_zstd'],
                  [(BLOSC, (2, 2, 8, 8000, 5, 1, 5))], f'{file}:/blosc_zstd')
        tally.run(f'{file}:/lz4 filters', assert_filters, f['lz4'], [(SHUFFLE, (8,)), (LZ4, (0,))], f'{file}:/lz4')
        tally.run(f'{file}:/tiny_bzip2 compressed below the threshold', assert_filters, f['tiny_bzip2'],
                  [(SHUFFLE, (4,)), (BZIP2, (9,))], f'{file}:/tiny_bzip2')
        tally.run(f'{file}:/kept_plain contiguous', assert_contiguous, f['kept_plain'], f'{file}:/kept_plain')
        if plain_filters:
            tally.run(f'{file}:/plain follows the options', assert_filters, f['plain'], plain_filters, f'{file}:/plain')
        else:
            tally.run(f'{file}:/plain follows the options', assert_contiguous, f['plain'], f'{file}:/plain')
    loaded = {}
    if not tally.run(f'{file} loads with PyTables', lambda: loaded.update(deepdish_arrays(path))):
        return
    for name in ['blosc_zstd', 'lz4', 'kept_plain', 'plain']:
        tally.run(f'{file}:/{name} (PyTables)', require, np.array_equal(loaded[name][2], f64),
                  f'{file}:/{name}: PyTables values differ')


def main():
    if len(sys.argv) != 3:
        print('usage: check_compression.py WRITER_EXE TMPDIR')
        return 2
    writer, directory = sys.argv[1], sys.argv[2]
    tally.run('Debian plugin directory found', require, DEBIAN_PLUGINS,
              'no /usr/lib/*/hdf5/serial/plugins: apt-get install hdf5-filter-plugin-blosc-serial')
    for name in os.listdir(directory) if os.path.isdir(directory) else []:
        if name.endswith('.ref'):
            os.remove(os.path.join(directory, name))
    run_writer(writer, directory)
    for setting, spec in SETTINGS.items():
        check_setting(directory, setting, spec)
    check_members(directory, 'members.h5', None)
    check_members(directory, 'members_deflate.h5', [(SHUFFLE, (8,)), (DEFLATE, (4,))])
    return tally.finish()


if __name__ == '__main__':
    sys.exit(main())
