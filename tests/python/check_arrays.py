# STUB (being written): h5py / PyTables checks of the arrays families.
import sys
print("0 passed, 0 failed")
sys.exit(0)
