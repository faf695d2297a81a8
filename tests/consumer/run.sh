#!/usr/bin/env bash
# Builds tests/consumer as its own Meson project with dd as the subproject "deepdish" and runs it.
set -euo pipefail
source_root=$1
work=$2
rm -rf "$work"
mkdir -p "$work/subprojects"
cp "$source_root/tests/consumer/meson.build" "$source_root/tests/consumer/consumer.cpp" "$work/"
ln -s "$source_root" "$work/subprojects/deepdish"
meson setup "$work/build" "$work" >/dev/null
ninja -C "$work/build" >/dev/null
"$work/build/consumer" "$work/consumer.h5"
# dd's own tests, examples and benchmarks must not be built for a consumer
if [ -e "$work/build/subprojects/deepdish/tests" ]; then echo "dd's tests were built inside a consumer"; exit 1; fi
