"""Writes files the way plain h5py users do (no deepdish conventions) for tests/h5py_files_test.cpp,
which loads them into C++ types. Usage: make_h5py_files.py OUTDIR"""
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
with h5py.File(os.path.join(out, 'plain.h5'), 'w') as f:
    f['epochs'] = np.int64(10)                      # scalar datasets instead of attributes
    f['lr'] = np.float32(0.5)
    f['ratio'] = 0.25                               # a Python float: float64 dataset
    f.attrs['shuffle'] = np.bool_(True)             # h5py's enum bool attribute
    f['done'] = np.bool_(False)                     # ... and dataset
    f.attrs['name'] = 'h\u00e9llo'                  # variable-length UTF-8 attribute
    f.attrs['fixed'] = np.bytes_(b'abc')            # fixed-length ASCII attribute
    f.attrs['ints'] = np.array([1, 2, 3], '<i2')    # an array attribute
    f.attrs['big'] = np.array(7, '>i8')             # big-endian scalar attribute
    f.create_dataset('weights', data=np.arange(1000) * 0.5, chunks=(100,), compression='gzip', compression_opts=4,
                     shuffle=True)
    f.create_dataset('grid', data=np.arange(12, dtype='<f4').reshape(3, 4), maxshape=(None, 4))  # resizable
    f['flags'] = np.array([True, False, True])      # enum-bool dataset
    f['words'] = np.array(['a', 'b\u00e9', ''], dtype=h5py.string_dtype())
    f['table'] = np.array([(1.0, 2), (3.5, -4)], dtype=[('x', '<f8'), ('n', '<i4')])
    g = f.create_group('opt')
    g['steps'] = np.int32(7)
    g.attrs['kind'] = 'adam'
    g.attrs['beta'] = np.float64(0.9)
    m = f.create_group('metrics')                   # a group of scalars of mixed storage
    m['loss'] = 0.125
    m.attrs['acc'] = 0.875
    f['empty'] = np.zeros((0,), '<f8')
    f['scalar_string'] = 'as dataset'               # a scalar vlen string dataset
print('wrote', out)
