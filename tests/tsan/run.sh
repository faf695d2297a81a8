#!/usr/bin/env bash
# Builds tests/tsan/shared_file.cpp with ThreadSanitizer and runs it (any report fails).
#   tests/tsan/run.sh SOURCE_ROOT WORK_DIR [C++ compiler]
set -euo pipefail
src=$(cd "$1" && pwd)
work=$2
cxx=${3:-c++}
mkdir -p "$work"
hdf5_cflags=$(pkg-config --cflags hdf5-serial 2>/dev/null || echo -I/usr/include/hdf5/serial)
hdf5_libs=$(pkg-config --libs hdf5-serial 2>/dev/null || echo -lhdf5_serial)
"$cxx" -std=c++20 -g -O1 -fsanitize=thread -I"$src/include" $hdf5_cflags "$src/tests/tsan/shared_file.cpp" \
  $hdf5_libs -o "$work/shared_file"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$work/shared_file" "$work/shared.h5"
