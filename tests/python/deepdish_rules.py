"""What deepdish.io.load returns for a file, computed with PyTables by deepdish's documented loading
rules (summarised below). This is NOT deepdish's code: deepdish is not
packaged for Debian, so CI cannot run it (it was run by hand against these files; see the README).

- Groups: child nodes first (sorted), then user attributes (sorted), names starting with DEEPDISH_IO
  skipped; TITLE list:N -> list, tuple:N -> tuple, nonetype: -> None, anything else -> dict.
- Soft links are followed; objects are cached by link target / node path and registered before
  their children load, so shared objects and cycles come back as the same Python object.
- Arrays: zeroarray_dtype -> np.zeros(shape), strtype unicode/ascii -> U/S views, shape () -> scalar.
- Anything else (Tables, vlen string datasets PyTables cannot map) -> None.
- The root's UNPACK flag returns the single child, or the single entry."""
import warnings

import numpy as np
import tables

IO_PREFIX = 'DEEPDISH_IO'
UNPACK = 'DEEPDISH_IO_DEEPDISH_IO_UNPACK'


def _load_level(node, pathtable):
    if isinstance(node, tables.link.SoftLink):
        pathname = node.target
        node = node()
    else:
        pathname = node._v_pathname
    if pathname not in pathtable:
        pathtable[pathname] = _load_nonlink_level(node, pathtable, pathname)
    return pathtable[pathname]


def _load_nonlink_level(node, pathtable, pathname):
    if isinstance(node, tables.Group):
        title = node._v_title
        dct = {}
        val = [] if title.startswith('list:') else dct
        pathtable[pathname] = val  # registered before the children: recursion works
        for child in sorted(node._v_children):
            dct[child] = _load_level(node._v_children[child], pathtable)
        for name in sorted(node._v_attrs._f_list('user')):
            if not name.startswith(IO_PREFIX):
                dct[name] = node._v_attrs[name]
        if title.startswith('list:'):
            val.extend(dct[f'i{i}'] for i in range(int(title[len('list:'):])))
            return val
        if title.startswith('tuple:'):
            return tuple(dct[f'i{i}'] for i in range(int(title[len('tuple:'):])))
        if title.startswith('nonetype:'):
            return None
        return val
    if isinstance(node, tables.VLArray):
        raise AssertionError(f'{node._v_pathname}: a VLArray (pickle): the tests never write one')
    if isinstance(node, tables.Array):  # Array, CArray, EArray
        attrs = node._v_attrs
        if 'zeroarray_dtype' in attrs:
            return np.zeros(tuple(node[:]), dtype=attrs.zeroarray_dtype)
        if 'strtype' in attrs and attrs.strtype == b'unicode':
            return node[:].view((np.unicode_, attrs.itemsize))
        if 'strtype' in attrs and attrs.strtype == b'ascii':
            return node[:].view((np.string_, attrs.itemsize))
        return node[()] if node.shape == () else node[:]
    return None  # Table, UnImplemented


def deepdish_load(path, forbid_warnings=False):
    """The object deepdish.io.load(path) returns. forbid_warnings: any PyTables warning (a type it
    cannot map, a flavor, an unnatural name) fails, for files that must load cleanly."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        with tables.open_file(path, mode='r') as f:
            pathtable = {}
            root = f.root
            unpack = UNPACK in root._v_attrs and bool(root._v_attrs[UNPACK])
            if unpack and len(root._v_children) == 1:
                data = _load_level(next(iter(root._v_children.values())), pathtable)
            else:
                data = _load_level(root, pathtable)
                if unpack and isinstance(data, dict) and len(data) == 1:
                    data = next(iter(data.values()))
    if forbid_warnings:
        messages = [f'{w.category.__name__}: {w.message}' for w in caught]
        assert not messages, f'{path}: PyTables warnings: ' + '; '.join(messages)
    return data


def assert_same(got, want, where):
    """got is exactly the natural object want: same container kinds, same numpy types, same bits."""
    if want is None:
        assert got is None, f'{where}: {got!r:.60}, expected None'
    elif isinstance(want, dict):
        assert type(got) is dict, f'{where}: {type(got).__name__}, expected dict'
        assert set(got) == set(want), f'{where}: keys {sorted(got)}, expected {sorted(want)}'
        for k in want:
            assert_same(got[k], want[k], f'{where}/{k}')
    elif isinstance(want, list):
        assert type(got) is list, f'{where}: {type(got).__name__}, expected list'
        assert len(got) == len(want), f'{where}: {len(got)} elements, expected {len(want)}'
        for i, (g, w) in enumerate(zip(got, want)):
            assert_same(g, w, f'{where}/i{i}')
    elif isinstance(want, str):
        assert isinstance(got, str), f'{where}: {type(got).__name__} {got!r:.60}, expected str'
        assert got == want, f'{where}: {got[:40]!r} (length {len(got)}), expected {want[:40]!r} (length {len(want)})'
    elif isinstance(want, np.ndarray):
        assert type(got) is np.ndarray, f'{where}: {type(got).__name__}, expected ndarray'
        assert got.dtype == want.dtype, f'{where}: dtype {got.dtype}, expected {want.dtype}'
        assert got.shape == want.shape, f'{where}: shape {got.shape}, expected {want.shape}'
        assert got.tobytes() == want.tobytes(), f'{where}: values differ:\n{got}\nexpected\n{want}'
    elif isinstance(want, np.generic):
        assert type(got) is type(want), f'{where}: {type(got).__name__} {got!r}, expected {type(want).__name__}'
        assert got.tobytes() == want.tobytes(), f'{where}: {got!r}, expected {want!r}'
    else:
        raise TypeError(f'{where}: an expected value of unknown kind {type(want).__name__}')
