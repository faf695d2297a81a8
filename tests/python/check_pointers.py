#!/usr/bin/python3
"""Optional, pointers, variants and Hana/Describe structs as Python sees them.

    check_pointers.py WRITER_EXE OUTDIR

Runs write_pointers.cpp (KEEP IN SYNC: values are hard-coded on both sides), then checks each file
  - with h5py: the layout (nonetype: groups and their TITLE, soft links and their targets, the variant
    tags, attributes vs datasets, dtypes);
  - with deepdish's loading rules over PyTables (re-implemented below from deepdish/io/hdf5io.py,
    including its cache of loaded objects by soft-link target): the natural Python objects, None for
    empty optionals and null pointers, shared objects loaded once (`is` identity), no visible tags.
Prints `N passed, M failed`; exits non-zero on failure.
"""
import os
import sys
import warnings

try:
    import h5py
    import numpy as np
    import tables
except ImportError as e:  # a failure, not a skip
    print(f'FAIL: {e}: install python3-h5py python3-tables python3-numpy and run with /usr/bin/python3')
    sys.exit(1)

from cases import Tally, dd_string, dd_strings, run_writer
from deepdish_rules import assert_same, deepdish_load

UNPACK = 'DEEPDISH_IO_DEEPDISH_IO_UNPACK'


def f8(*v):
    return np.array(v, '<f8')


def point(x, y):
    return {'x': np.float64(x), 'y': np.float64(y)}


EXPECTED = {
    'optionals.h5': {
        'count': np.int32(5), 'no_count': None, 'label': 'h\u00e9llo', 'no_label': None,
        'where': point(1, 2), 'nowhere': None, 'values': f8(0.5, -1), 'no_values': None,
        'list': [np.int32(1), None],
    },
    'top_none.h5': None,
    'top_optional.h5': f8(1.5),
    'pointers.h5': {
        'count': np.int32(7), 'nowhere': None, 'a': f8(1, 2, 3), 'b': f8(1, 2, 3),
        'list': [f8(1, 2, 3), f8(4), f8(1, 2, 3)], 'n': np.int32(9), 'm': np.int32(9),
        # the cycle's innermost 'next' is the outer dict itself: compared by identity below
    },
    'variants.h5': {
        'number': np.int64(5), 'shape': point(2, 3), 'maybe': None, 'mixed': f8(0.25),
        'list': [np.int32(1), 'one'], 'by_name': {'pi': np.float64(3.0)},
    },
    'top_variant.h5': 'x',
    'top_variant_group.h5': point(1, 1),
    'adapted.h5': {
        'trainer': {'name': 'adam', 'lr': np.float64(0.001), 'steps': np.array([1, 2], '<i4')},
        'account': {'owner_': 'ann', 'balance_': np.float64(-12.5)},
        'history': [{'name': 'sgd', 'lr': np.float64(0.5), 'steps': np.zeros(0, '<i4')}],
    },
}


def check_deepdish(directory, name, want):
    got = deepdish_load(os.path.join(directory, name), forbid_warnings=True)
    if name == 'pointers.h5':
        cycle = got.pop('cycle')
        assert cycle['id'] == 1 and cycle['next']['id'] == 2, f'{name}:/cycle: {cycle!r:.80}'
        assert cycle['next']['next'] is cycle, f'{name}:/cycle/next/next is not /cycle itself'
        assert got['b'] is got['a'], f'{name}: /b is not the same object as /a'
        assert got['list'][0] is got['a'] and got['list'][2] is got['a'], f'{name}: /list/i0, i2 are not /a'
        assert got['list'][1] is not got['a'], f'{name}: /list/i1 is /a'
    assert_same(got, want, f'{name}:')


def check_top_self(directory):
    got = deepdish_load(os.path.join(directory, 'top_self.h5'), forbid_warnings=True)
    assert type(got) is dict and got['id'] == 3, f'top_self.h5: {got!r:.80}'
    assert got['next'] is got, 'top_self.h5: next is not the object itself'


def title(obj):
    """TITLE as PyTables writes it: fixed-length UTF-8, NULLTERM, scalar."""
    attr_id = obj.attrs.get_id('TITLE')
    t = attr_id.get_type()
    assert isinstance(t, h5py.h5t.TypeStringID) and not t.is_variable_str(), 'TITLE is not a fixed-length string'
    assert t.get_cset() == h5py.h5t.CSET_UTF8, 'TITLE is not UTF-8'
    assert attr_id.shape == (), 'TITLE is not scalar'
    return obj.attrs['TITLE'].decode('utf-8')


def assert_none_group(f, path):
    g = f[path]
    assert isinstance(g, h5py.Group), f'{path}: {type(g).__name__}, expected a Group'
    assert title(g) == 'nonetype:', f'{path}: TITLE {title(g)!r}'
    assert len(g) == 0 and list(g.attrs) == ['TITLE'], f'{path}: not empty: {list(g)} {list(g.attrs)}'


def assert_attr(f, path, name, dtype, value):
    obj = f[path]
    assert name in obj.attrs, f'{path}: no attribute {name}'
    v = obj.attrs[name]
    assert obj.attrs.get_id(name).shape == (), f'{path}@{name}: not scalar'
    if dtype == 'str':
        v = dd_string(obj, name, path)
        assert v == value, f'{path}@{name}: {v!r}, expected {value!r}'
    else:
        assert v.dtype == np.dtype(dtype) and v == value, f'{path}@{name}: {v!r} ({v.dtype}), expected {value} {dtype}'


def assert_soft(f, path, target):
    link = f.get(path, getlink=True)
    assert isinstance(link, h5py.SoftLink), f'{path}: {type(link).__name__}, expected a SoftLink'
    assert link.path == target, f'{path}: links to {link.path}, expected {target}'


def assert_hard(f, path):
    link = f.get(path, getlink=True)
    assert isinstance(link, h5py.HardLink), f'{path}: {type(link).__name__}, expected a HardLink'


def check_h5py_optionals(directory):
    with h5py.File(os.path.join(directory, 'optionals.h5'), 'r') as f:
        assert_attr(f, '/', 'count', '<i4', 5)
        assert_attr(f, '/', 'label', 'str', 'h\u00e9llo')
        for name in ['no_count', 'no_label', 'nowhere', 'no_values', 'list/i1']:
            assert_none_group(f, name)
        assert isinstance(f['where'], h5py.Group) and 'TITLE' not in f['where'].attrs
        assert f['values'].dtype == np.dtype('<f8') and f['values'].shape == (2,)
        assert_attr(f, '/list', 'i0', '<i4', 1)
    with h5py.File(os.path.join(directory, 'top_none.h5'), 'r') as f:
        assert_none_group(f, 'data')
        assert bool(f.attrs[UNPACK])


def check_h5py_pointers(directory):
    with h5py.File(os.path.join(directory, 'pointers.h5'), 'r') as f:
        assert_attr(f, '/', 'count', '<i4', 7)
        assert_none_group(f, 'nowhere')
        assert_hard(f, 'a')
        assert_soft(f, 'b', '/a')
        assert_soft(f, 'list/i0', '/a')
        assert_hard(f, 'list/i1')
        assert_soft(f, 'list/i2', '/a')
        assert title(f['list']) == 'list:3'
        assert_attr(f, '/', 'n', '<i4', 9)  # attributes cannot be linked to: stored twice
        assert_attr(f, '/', 'm', '<i4', 9)
        assert_attr(f, '/cycle', 'id', '<i4', 1)
        assert_attr(f, '/cycle/next', 'id', '<i4', 2)
        assert_soft(f, 'cycle/next/next', '/cycle')
        assert f['b'].id == f['a'].id  # h5py follows the link to the same dataset
    with h5py.File(os.path.join(directory, 'top_self.h5'), 'r') as f:
        assert_soft(f, 'data/next', '/data')


def check_h5py_variants(directory):
    tag = 'DEEPDISH_IO_VARIANT:'
    with h5py.File(os.path.join(directory, 'variants.h5'), 'r') as f:
        assert_attr(f, '/', 'number', '<i8', 5)
        assert_attr(f, '/', tag + 'number', '<i8', 1)
        assert isinstance(f['shape'], h5py.Group)
        assert_attr(f, '/', tag + 'shape', '<i8', 1)
        assert_none_group(f, 'maybe')
        assert_attr(f, '/', tag + 'maybe', '<i8', 0)
        assert f['mixed'].dtype == np.dtype('<f8')
        assert_attr(f, '/', tag + 'mixed', '<i8', 1)
        assert title(f['list']) == 'list:2'
        assert_attr(f, '/list', 'i0', '<i4', 1)
        assert_attr(f, '/list', tag + 'i0', '<i8', 0)
        assert_attr(f, '/list', 'i1', 'str', 'one')
        assert_attr(f, '/list', tag + 'i1', '<i8', 1)
        assert_attr(f, '/by_name', 'pi', '<f8', 3.0)
        assert_attr(f, '/by_name', tag + 'pi', '<i8', 0)
        assert len(f['shape'].attrs) == 2  # x, y: the tag is beside the node, not on it
    with h5py.File(os.path.join(directory, 'top_variant.h5'), 'r') as f:
        assert_attr(f, '/', 'data', 'str', 'x')
        assert_attr(f, '/', tag + 'data', '<i8', 1)


def check_h5py_adapted(directory):
    with h5py.File(os.path.join(directory, 'adapted.h5'), 'r') as f:
        assert_attr(f, '/trainer', 'name', 'str', 'adam')
        assert_attr(f, '/trainer', 'lr', '<f8', 0.001)
        assert f['trainer/steps'].dtype == np.dtype('<i4')
        assert sorted(f['account'].attrs) == ['balance_', 'owner_']
        assert title(f['history']) == 'list:1'


def main():
    if len(sys.argv) != 3:
        print('usage: check_pointers.py WRITER_EXE OUTDIR')
        return 2
    writer, directory = sys.argv[1], sys.argv[2]
    run_writer(writer, directory)
    tally = Tally()
    for name, want in EXPECTED.items():
        tally.run(f'deepdish {name}', check_deepdish, directory, name, want)
    tally.run('deepdish top_self.h5', check_top_self, directory)
    tally.run('h5py optionals', check_h5py_optionals, directory)
    tally.run('h5py pointers', check_h5py_pointers, directory)
    tally.run('h5py variants', check_h5py_variants, directory)
    tally.run('h5py adapted', check_h5py_adapted, directory)
    return tally.finish()


if __name__ == '__main__':
    sys.exit(main())
