"""The files dd::mpi wrote, read by h5py: plain HDF5 in dd's layout (tests/mpi/run.sh)."""
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from deepdish_rules import deepdish_load  # noqa: E402  what deepdish.io.load returns, by its rules

scratch = sys.argv[1]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


for ranks in (2, 4):
    # uneven: rank r owns r + 1 rows (on 4 ranks the last owns none); value (i, j) = i * 1000 + j
    with h5py.File(f"{scratch}/uneven-{ranks}.h5", "r") as f:
        field = f["grid/field"][()]
        rows = sum(r + 1 for r in range(ranks)) - (ranks if ranks > 2 else 0)
        check(field.shape == (rows, 5), f"uneven-{ranks}: shape {field.shape}")
        expected = np.add.outer(np.arange(rows) * 1000.0, np.arange(5.0))
        check(np.array_equal(field, expected), f"uneven-{ranks}: values")
        check(field.dtype == np.float64, f"uneven-{ranks}: dtype {field.dtype}")
    with h5py.File(f"{scratch}/replicated-{ranks}.h5", "r") as f:
        check(f["params"].attrs["name"] == b"run-0" or f["params"].attrs["name"] == "run-0",
              f"replicated-{ranks}: name {f['params'].attrs['name']!r}")
        check(list(f["params/layers"][()]) == [64, 32, 10], f"replicated-{ranks}: layers")
        check(f.attrs["step"] == 7, f"replicated-{ranks}: step")
        check(f["field"].shape == (2 * ranks, 5), f"replicated-{ranks}: field shape")
    with h5py.File(f"{scratch}/table-{ranks}.h5", "r") as f:
        table = f["particles"][()]
        check(table.dtype.names == ("x", "y", "mass", "id"), f"table-{ranks}: members {table.dtype.names}")
        check(np.array_equal(table["id"], np.arange(len(table))), f"table-{ranks}: ids")
        check(np.array_equal(table["y"], -np.arange(len(table), dtype=float)), f"table-{ranks}: y")
    with h5py.File(f"{scratch}/compressed-{ranks}.h5", "r") as f:
        points = f["points"]
        check(points.compression == "gzip", f"compressed-{ranks}: compression {points.compression}")
        check(points.shape == (1000 * ranks, 3), f"compressed-{ranks}: shape {points.shape}")
        check(np.array_equal(points[:, 2], np.arange(1000 * ranks, dtype=np.float32) + 0.5), f"compressed-{ranks}: values")
    with h5py.File(f"{scratch}/one-call-{ranks}.h5", "r") as f:
        check(sorted(f.keys()) == ["cfg", "field", "particles"], f"one-call-{ranks}: members {sorted(f.keys())}")
        check(f.attrs["step"] == 42, f"one-call-{ranks}: step")
    loaded = deepdish_load(f"{scratch}/one-call-{ranks}.h5")
    check(sorted(loaded) == ["cfg", "field", "particles", "step"], f"deepdish one-call-{ranks}: {sorted(loaded)}")
    check(loaded["step"] == 42 and loaded["cfg"]["name"] in ("sim", b"sim"), f"deepdish one-call-{ranks}: values")
    check(isinstance(loaded["field"], np.ndarray) and loaded["field"].shape[1] == 5, f"deepdish one-call-{ranks}: field")
    loaded = deepdish_load(f"{scratch}/uneven-{ranks}.h5")
    check(np.array_equal(loaded["grid"]["field"], expected), f"deepdish uneven-{ranks}: values")
    with h5py.File(f"{scratch}/cross-{ranks}.h5", "r") as f:
        a = f["a"][()]
        check(np.array_equal(a, np.add.outer(np.arange(12) * 1000.0, np.arange(5.0))), f"cross-{ranks}: values")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("h5py reads every file dd::mpi wrote")
