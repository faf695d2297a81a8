#!/usr/bin/python3
"""big_group.py FILE KEYS save|load: W7 with h5py, libver="latest": KEYS float64 attributes "k000000".. on
the root of FILE (what dd writes for a std::map<std::string, double>), or read them all back; prints ms."""
import sys
import time

import h5py
import numpy as np

path, keys, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = [f'k{i:06d}' for i in range(keys)]
start = time.perf_counter()
if mode == 'save':
    with h5py.File(path, 'w', libver='latest') as f:
        for i, n in enumerate(names):
            f.attrs[n] = np.float64(i * 0.5)
else:
    with h5py.File(path, 'r') as f:
        values = {n: f.attrs[n] for n in f.attrs}
    assert len(values) >= keys
print(f'{(time.perf_counter() - start) * 1000:.1f}')
