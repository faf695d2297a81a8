#!/usr/bin/python3
"""Independent check of dd's on-disk layout with h5py + numpy (the layout of README.md, "What is stored how").

    check_h5py.py WRITER_EXE TMPDIR

Runs the writer (write_cases.cpp) into TMPDIR, then for every case in cases.py asserts, node by node:
which names are groups / datasets / attributes (and nothing else), the exact HDF5 datatypes (class,
size, sign, little-endian order; bool = B8LE bitfield; strings fixed-length UTF-8, as TITLE), SCALAR
dataspaces for attributes, dataset shapes and contiguous storage, the deepdish root attributes, and
that every value is bit-for-bit the C++ value. Prints `N passed, M failed`; exits non-zero on failure.
"""
import os
import sys

try:
    import h5py
    import numpy as np
    from h5py import h5d, h5s, h5t
except ImportError as e:  # a failure, not a skip: CI must have python3-h5py and python3-numpy
    print(f'FAIL: {e}: install python3-h5py python3-numpy and run with /usr/bin/python3')
    sys.exit(1)

from cases import CASES, Tally, dd_string, run_writer

# The file type dd writes for each numpy dtype: little-endian, native width.
FILE_TYPES = {
    np.dtype('<i1'): h5t.STD_I8LE, np.dtype('<i2'): h5t.STD_I16LE,
    np.dtype('<i4'): h5t.STD_I32LE, np.dtype('<i8'): h5t.STD_I64LE,
    np.dtype('<u1'): h5t.STD_U8LE, np.dtype('<u2'): h5t.STD_U16LE,
    np.dtype('<u4'): h5t.STD_U32LE, np.dtype('<u8'): h5t.STD_U64LE,
    np.dtype('<f4'): h5t.IEEE_F32LE, np.dtype('<f8'): h5t.IEEE_F64LE,
    np.dtype('bool'): h5t.STD_B8LE,
}

tally = Tally()


def is_attribute(value):
    return isinstance(value, (str, np.generic))


def assert_number_type(t, dtype, where):
    """t (an h5py TypeID) is exactly the little-endian file type of dtype."""
    if dtype == np.bool_:
        assert isinstance(t, h5t.TypeBitfieldID), f'{where}: bool must be a bitfield (B8LE), found {type(t).__name__}'
    elif dtype.kind == 'f':
        assert isinstance(t, h5t.TypeFloatID), f'{where}: expected a float type, found {type(t).__name__}'
    else:
        assert isinstance(t, h5t.TypeIntegerID), f'{where}: expected an integer type, found {type(t).__name__}'
        want = h5t.SGN_2 if dtype.kind == 'i' else h5t.SGN_NONE
        assert t.get_sign() == want, f'{where}: signedness {t.get_sign()}, expected {want}'
    assert t.get_size() == dtype.itemsize, f'{where}: size {t.get_size()}, expected {dtype.itemsize}'
    assert t.get_order() == h5t.ORDER_LE, f'{where}: byte order is not little-endian'
    assert t == FILE_TYPES[dtype], f'{where}: type is not H5Tequal to the expected standard type'


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def check_scalar_space(aid, where):
    space = aid.get_space()
    assert space.get_simple_extent_type() == h5s.SCALAR, \
        f'{where}: dataspace class {space.get_simple_extent_type()}, expected SCALAR ({h5s.SCALAR})'
    assert aid.shape == (), f'{where}: shape {aid.shape}, expected ()'


def check_number_attribute(group, name, value, where):
    aid = group.attrs.get_id(name)
    check_scalar_space(aid, where)
    t = aid.get_type()
    assert_number_type(t, value.dtype, where)
    # The raw bytes as stored, without any conversion.
    raw = np.zeros((), dtype=value.dtype if value.dtype != np.bool_ else np.uint8)
    aid.read(raw, mtype=t)
    want = np.asarray(value).astype(raw.dtype)
    assert raw.tobytes() == want.tobytes(), f'{where}: stored {raw!r}, expected {value!r}'
    # ... and what an h5py user gets (bool: h5py shows a B8 bitfield as uint8 0/1).
    got = group.attrs[name]
    if value.dtype == np.bool_:
        assert got.dtype == np.uint8 and got == int(value), f'{where}: h5py reads {got!r}, expected {int(value)}'
    else:
        assert same_bits(got, value), f'{where}: h5py reads {got!r} ({got.dtype}), expected {value!r} ({value.dtype})'


def check_string_attribute(group, name, value, where):
    got = dd_string(group, name, where)
    size = group.attrs.get_id(name).get_type().get_size()
    assert size == max(1, len(value.encode('utf-8'))), f'{where}: size {size}, expected the string\'s bytes'
    assert got == value, f'{where}: {got[:40]!r} (length {len(got)}), expected {value[:40]!r} (length {len(value)})'


def check_title(group, n, where):
    where = f'{where}@TITLE'
    assert 'TITLE' in group.attrs, f'{where}: missing'
    aid = group.attrs.get_id('TITLE')
    check_scalar_space(aid, where)
    t = aid.get_type()
    expected = f'list:{n}'.encode()
    assert isinstance(t, h5t.TypeStringID), f'{where}: expected a string type, found {type(t).__name__}'
    assert not t.is_variable_str(), f'{where}: expected a fixed-length string (PyTables form), found vlen'
    assert t.get_cset() == h5t.CSET_UTF8, f'{where}: cset {t.get_cset()}, expected UTF-8'
    assert t.get_strpad() == h5t.STR_NULLTERM, f'{where}: padding {t.get_strpad()}, expected NULLTERM'
    assert t.get_size() == len(expected), f'{where}: size {t.get_size()}, expected {len(expected)}'
    raw = np.zeros((), dtype=f'S{t.get_size()}')
    aid.read(raw, mtype=t)
    assert raw.item() == expected, f'{where}: {raw.item()!r}, expected {expected!r}'


def check_dataset(group, name, value, where):
    ds = group[name]
    assert isinstance(ds, h5py.Dataset), f'{where}: expected a dataset, found {type(ds).__name__}'
    assert ds.shape == value.shape, f'{where}: shape {ds.shape}, expected {value.shape}'
    assert ds.maxshape == value.shape, f'{where}: maxshape {ds.maxshape}, expected fixed {value.shape}'
    assert ds.dtype == value.dtype, f'{where}: dtype {ds.dtype.str}, expected {value.dtype.str}'
    assert_number_type(ds.id.get_type(), value.dtype, where)
    layout = ds.id.get_create_plist().get_layout()
    assert layout == h5d.CONTIGUOUS, f'{where}: layout {layout}, expected contiguous (no compression by default)'
    assert ds.compression is None and ds.chunks is None, f'{where}: unexpected filters or chunks'
    assert len(ds.attrs) == 0, f'{where}: unexpected dataset attributes {list(ds.attrs)}'
    got = ds[()]
    assert same_bits(got, value), f'{where}: values differ:\n{got}\nexpected\n{value}'


def check_members(group, members, extra_attributes, where):
    """The group holds exactly these links and attributes, each of the right kind."""
    links = {k for k, v in members.items() if not is_attribute(v)}
    attributes = {k for k, v in members.items() if is_attribute(v)} | set(extra_attributes)
    assert set(group.keys()) == links, f'{where}: links {sorted(group.keys())}, expected {sorted(links)}'
    assert set(group.attrs.keys()) == attributes, \
        f'{where}: attributes {sorted(group.attrs.keys())}, expected {sorted(attributes)}'
    for k, v in members.items():
        if is_attribute(v):
            continue
        link = group.get(k, getlink=True)
        assert isinstance(link, h5py.HardLink), f'{where}/{k}: expected a hard link, found {type(link).__name__}'
        want = h5py.Dataset if isinstance(v, np.ndarray) else h5py.Group
        got = group.get(k, getclass=True)
        assert got is want, f'{where}/{k}: expected a {want.__name__}, found a {got.__name__}'


def check_group(group, value, where, root_attributes=()):
    """A dict is a plain group; a list a group titled list:N with elements i0..i{N-1}."""
    if isinstance(value, list):
        members = {f'i{i}': v for i, v in enumerate(value)}
        extra = ('TITLE',)
    else:
        members = value
        extra = ()
    if not tally.run(f'{where or "/"} members', check_members, group, members, tuple(root_attributes) + extra,
                     where or '/'):
        return
    if isinstance(value, list):
        tally.run(f'{where}@TITLE', check_title, group, len(value), where)
    for name, v in members.items():
        check_node(group, name, v, f'{where}/{name}')


def check_node(parent, name, value, where):
    if isinstance(value, (dict, list)):
        check_group(parent[name], value, where)
    elif isinstance(value, np.ndarray):
        tally.run(where, check_dataset, parent, name, value, where)
    elif isinstance(value, str):
        tally.run(where, check_string_attribute, parent, name, value, where)
    elif isinstance(value, np.generic):
        tally.run(where, check_number_attribute, parent, name, value, where)
    else:
        raise TypeError(f'{where}: cases.py has a value of unknown kind {type(value).__name__}')


def check_root_flags(root, top_level, where):
    check_number_attribute(root, 'DEEPDISH_IO_VERSION', np.int64(12), f'{where}@DEEPDISH_IO_VERSION')
    if top_level:
        check_number_attribute(root, 'DEEPDISH_IO_DEEPDISH_IO_UNPACK', np.bool_(True),
                               f'{where}@DEEPDISH_IO_DEEPDISH_IO_UNPACK')
    else:
        assert 'DEEPDISH_IO_DEEPDISH_IO_UNPACK' not in root.attrs, f'{where}: UNPACK flag on a struct/map root'
    assert 'TITLE' not in root.attrs, f'{where}: the root must not carry a TITLE'


def assert_file(path):
    assert os.path.isfile(path), f'{path} was not written'


def check_case(case, directory):
    path = os.path.join(directory, case.file)
    if not tally.run(f'{case.file} exists', assert_file, path):
        return
    with h5py.File(path, 'r') as f:
        flags = ['DEEPDISH_IO_VERSION'] + (['DEEPDISH_IO_DEEPDISH_IO_UNPACK'] if case.top_level else [])
        tally.run(f'{case.file}:/ deepdish flags', check_root_flags, f, case.top_level, f'{case.file}:/')
        if case.top_level:
            # The root holds just the flags and `data` (an attribute for a number or string).
            check_group(f, {'data': case.value}, f'{case.file}:', flags)
        else:
            check_group(f, case.value, f'{case.file}:', flags)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    writer, directory = sys.argv[1], sys.argv[2]
    run_writer(writer, directory)
    print(f'h5py {h5py.version.version}, HDF5 {h5py.version.hdf5_version}, numpy {np.__version__}')
    for case in CASES:
        try:
            check_case(case, directory)
        except Exception as e:  # keep going: one broken file must not hide the others
            tally.failed += 1
            print(f'FAIL {case.file}: {type(e).__name__}: {e}')

    def no_unexpected_files():
        extra = set(os.listdir(directory)) - {c.file for c in CASES}
        assert not extra, f'files written but not checked (add them to cases.py): {sorted(extra)}'
    tally.run('every written file is checked', no_unexpected_files)
    return tally.finish()


if __name__ == '__main__':
    sys.exit(main())
