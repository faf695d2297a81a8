#!/usr/bin/env bash
# W7: saving and loading a std::map<std::string, double> of KEYS entries with dd against h5py with
# libver="latest" writing and reading the same attributes, alternating, REPS times; prints the medians
# and dd/h5py ratios.   benchmarks/big_group.sh BUILD_DIR DIR [KEYS=100000] [REPS=5]
set -euo pipefail
build=$1; dir=$2; keys=${3:-100000}; reps=${4:-5}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for mode in save load; do
  dd_times=(); py_times=()
  for ((r = 0; r < reps; r++)); do
    dd_times+=("$("$build/benchmarks/dd_bench_group" "$dir/dd.h5" "$keys" $mode)")
    py_times+=("$(/usr/bin/python3 "$here/big_group.py" "$dir/py.h5" "$keys" $mode)")
  done
  d=$(printf '%s\n' "${dd_times[@]}" | median); p=$(printf '%s\n' "${py_times[@]}" | median)
  echo "W7 $mode $keys keys: dd ${d} ms, h5py(latest) ${p} ms, ratio $(awk -v a="$d" -v b="$p" 'BEGIN {printf "%.2f", a / b}')"
done
