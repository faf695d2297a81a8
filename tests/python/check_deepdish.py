#!/usr/bin/python3
"""Python deepdish's view of dd's files: load each with deepdish's loading rules over PyTables and
compare with the natural Python objects in cases.py (dicts, lists, str, numpy scalars of the exact
width, ndarrays).

    check_deepdish.py WRITER_EXE TMPDIR

The reader below goes through PyTables (Debian python3-tables) exactly where deepdish does, so
PyTables' real decoding of dd's attributes (B8 bools, vlen UTF-8 strings, fixed UTF-8 TITLEs) and
arrays is what is tested. Prints `N passed, M failed`; exits non-zero on failure.
"""
import os
import sys
import warnings

try:
    import numpy as np
    import tables
except ImportError as e:  # a failure, not a skip: CI must have python3-tables and python3-numpy
    print(f'FAIL: {e}: install python3-tables python3-numpy and run with /usr/bin/python3')
    sys.exit(1)

from cases import CASES, Tally, run_writer
from deepdish_rules import assert_same, deepdish_load


tally = Tally()


def assert_no_warnings(caught, where):
    # Any PyTables warning (DataTypeWarning: a type it cannot map, loaded as None; FlavorWarning;
    # NaturalNameWarning: all names here are identifiers) means dd wrote something PyTables does not
    # take as is.
    messages = [f'{w.category.__name__}: {w.message}' for w in caught]
    assert not messages, f'{where}: ' + '; '.join(messages)


def check_case(case, directory):
    path = os.path.join(directory, case.file)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        loaded = deepdish_load(path)
    tally.run(f'{case.file} loads without PyTables warnings', assert_no_warnings, caught, case.file)
    # One check per top-level entry, so one wrong member does not hide the others.
    if isinstance(case.value, dict) and isinstance(loaded, dict) and set(loaded) == set(case.value):
        for k, v in case.value.items():
            tally.run(f'{case.file}:/{k}', assert_same, loaded[k], v, f'{case.file}:/{k}')
    else:
        tally.run(f'{case.file}', assert_same, loaded, case.value, f'{case.file}:')


# The README example as a Python user writes it down: plain ints, floats, str, lists and dicts.
README_CONFIG = {
    'epochs': 10, 'shuffle': True, 'dropout': 0.25, 'run_name': 'baseline',
    'opt': {'name': 'adam', 'lr': 0.001, 'steps': 1000},
    'weights': [0.5, -1.25, 3.0],
    'frame': [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
    'metrics': {'accuracy': 0.93, 'loss': 0.125},
    'history': [{'name': 'sgd', 'lr': 0.1, 'steps': 100}, {'name': 'adam', 'lr': 0.01, 'steps': 200}],
}


def plain(x):
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    if isinstance(x, (np.ndarray, np.generic)):
        return x.tolist()
    return x


def check_readme_config(directory):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # reported by check_case
        cfg = plain(deepdish_load(os.path.join(directory, 'config.h5')))
    assert cfg == README_CONFIG, f'deepdish.io.load gives {cfg}'


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    writer, directory = sys.argv[1], sys.argv[2]
    run_writer(writer, directory)
    print(f'PyTables {tables.__version__}, HDF5 {tables.hdf5_version}, numpy {np.__version__}')
    for case in CASES:
        try:
            check_case(case, directory)
        except Exception as e:  # PyTables could not open or decode the file at all
            tally.failed += 1
            print(f'FAIL {case.file}: {type(e).__name__}: {e}')
    tally.run('README Config as a Python dict', check_readme_config, directory)
    return tally.finish()


if __name__ == '__main__':
    sys.exit(main())
