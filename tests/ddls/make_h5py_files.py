"""Files for the ddls tests written by h5py and PyTables, with what deepdish never writes: enums,
big-endian and fixed-length data, nested compounds, external and dangling links, a hard-link cycle,
names that are no C++ names, dataset attributes, PyTables tables. Usage: make_h5py_files.py OUTDIR"""
import os
import sys

import h5py
import numpy as np
import tables

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

with h5py.File(os.path.join(out, 'h5py_kinds.h5'), 'w') as f:
    color = h5py.enum_dtype({'RED': 0, 'GREEN': 1, 'BLUE': 2}, basetype='i1')
    f.create_dataset('colors', data=np.array([0, 2, 1, 0], 'i1'), dtype=color)
    f.attrs.create('favourite', 2, dtype=color)
    f['big_endian'] = np.arange(4, dtype='>i4')
    f['fixed_names'] = np.array([b'ab', b'cde', b''], dtype='S3')
    f['utf8_fixed'] = np.array(['h\u00e9'.encode(), b'x'], dtype=h5py.string_dtype('utf-8', 3))
    point = np.dtype([('x', '<f4'), ('y', '<f4')])
    f['segments'] = np.array([((0, 0), (1, 1), [1, 2, 3]), ((2, 2), (3, 5), [4, 5, 6])],
                             dtype=[('start', point), ('end', point), ('tags', '<i2', (3,))])
    seq = f.create_dataset('sequences', (2,), dtype=h5py.vlen_dtype(np.int32))
    seq[0] = np.array([1, 2, 3], np.int32)
    seq[1] = np.array([4], np.int32)
    d = f.create_dataset('temperature', data=np.array([20.5, 21.0, 19.75]), fletcher32=True, chunks=(3,))
    d.attrs['units'] = 'celsius'
    d.attrs['scale'] = np.float32(1.0)
    g = f.create_group('odd names')
    g['1'] = np.int64(1)
    g['two words'] = np.int64(2)
    g.attrs['class'] = np.int64(3)
    f['scalar_compound'] = np.array((1.5, 2), dtype=[('a', '<f8'), ('b', '<i4')])
    f['external'] = h5py.ExternalLink('other.h5', '/somewhere')
    f['dangling'] = h5py.SoftLink('/does/not/exist')
    loop = f.create_group('loop')
    loop['back'] = loop  # a hard link to its own group
    f['control\nname'] = np.int8(1)
    f['long_text'] = 'x' * 100
    f['complex_grid'] = (np.arange(4) + 1j * np.arange(4)).reshape(2, 2).astype('<c8')

with tables.open_file(os.path.join(out, 'pytables.h5'), 'w') as f:
    class Row(tables.IsDescription):
        name = tables.StringCol(8)
        energy = tables.Float64Col()
        hits = tables.Int32Col()
    t = f.create_table('/', 'events', Row)
    for i in range(3):
        r = t.row
        r['name'] = b'ev%d' % i
        r['energy'] = i * 1.5
        r['hits'] = i * 10
        r.append()
    t.flush()
    f.create_array('/', 'plain', np.arange(6, dtype='<f8').reshape(2, 3))
    f.create_carray('/', 'packed', obj=np.arange(1000, dtype='<i8'),
                    filters=tables.Filters(complevel=5, complib='blosc:lz4', shuffle=True))
    e = f.create_earray('/', 'growing', tables.Float32Atom(), (0,))
    e.append(np.array([1.0, 2.0], dtype='<f4'))
    v = f.create_vlarray('/', 'ragged', tables.Int16Atom())
    v.append(np.array([1, 2], dtype='<i2'))
    v.append(np.array([3], dtype='<i2'))
    f.root._v_attrs.note = 'made by PyTables'
print('wrote', out)
