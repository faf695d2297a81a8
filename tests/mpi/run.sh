#!/usr/bin/env bash
# Runs the dd::mpi tests on 2 ranks and on 4 (oversubscribed: the CI machine has 2 cores), then once
# more on 2 ranks to read the file the 4-rank run wrote, and checks the files with h5py. Every mpirun
# is under `timeout`: a mistake that hung a collective call would fail the test, not stall CI.
# usage: run.sh MPI_TEST_BINARY SCRATCH_DIR PYTHON CHECK_SCRIPT
set -euo pipefail
binary=$1 scratch=$2 python=$3 check=$4
rm -rf "$scratch" && mkdir -p "$scratch"
export DD_MPI_DIR=$scratch
# mpirun refuses root unless told (CI runs as root); no ssh/rsh launcher on one machine.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_plm=isolated OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_rmaps_base_oversubscribe=1
# Under AddressSanitizer: Open MPI keeps allocations past MPI_Finalize (tests/lsan.supp suppresses its
# libraries); full stacks, and plugins left loaded, let LeakSanitizer see whose they are.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" OMPI_MCA_mca_base_component_disable_dlclose=1
fi
run() {
  local n=$1
  shift
  echo "== mpirun -np $n $*"
  timeout --kill-after=10 300 mpirun -np "$n" --oversubscribe "$binary" "$@"
}
run 2
run 4
run 2 --test-case="a file written by another number of ranks reads back the same"
"$python" "$check" "$scratch"
