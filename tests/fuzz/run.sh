#!/usr/bin/env bash
# Builds tests/fuzz/load_fuzzer.cpp with clang (libFuzzer + AddressSanitizer) and runs it for SECONDS
# on a corpus of dd's seeds, deepdish's fixtures and the hostile files. A crash, a leak or a timeout
# fails (libFuzzer exits non-zero and writes the input into WORK_DIR: keep it in tests/data/hostile/
# with a note, once fixed or guarded). The long run: tests/fuzz/run.sh . /var/tmp/ddfuzz 3600
#   tests/fuzz/run.sh SOURCE_ROOT WORK_DIR [SECONDS] [extra libFuzzer flags...]
set -euo pipefail
src=$(cd "$1" && pwd)
work=$2
seconds=${3:-60}
shift 3 || true
if ! command -v clang++ >/dev/null; then echo "clang++ is not installed: the fuzz run is skipped"; exit 77; fi
mkdir -p "$work/corpus"
cp "$src"/tests/fuzz/corpus/* "$work/corpus/"
for f in "$src"/tests/data/deepdish/*.h5 "$src"/tests/data/hostile/*.h5; do
  if [ "$(stat -c %s "$f")" -le 65536 ]; then cp "$f" "$work/corpus/"; fi
done
hdf5_cflags=$(pkg-config --cflags hdf5-serial 2>/dev/null || echo -I/usr/include/hdf5/serial)
hdf5_libs=$(pkg-config --libs hdf5-serial 2>/dev/null || echo -lhdf5_serial)
clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$src/include" $hdf5_cflags "$src/tests/fuzz/load_fuzzer.cpp" $hdf5_libs -o "$work/load_fuzzer"
cd "$work"
export TMPDIR=$work
export LSAN_OPTIONS=suppressions=$src/tests/lsan.supp  # libhdf5's own leaks on error paths
exec ./load_fuzzer -max_len=65536 -timeout=60 -rss_limit_mb=4096 -max_total_time="$seconds" \
  -print_final_stats=1 "$@" corpus/
