#!/usr/bin/env bash
# Compile time: user+system CPU seconds of g++ -O2 for a TU that only includes <dd/dd.hpp>, and for a
# TU that saves and loads a 100-field aggregate (int, double, std::string, std::vector<double>, bool
# in turn), each compiled REPS times; prints the medians and peak memory.
#   benchmarks/compile_time.sh [CXX=g++] [REPS=3]
set -euo pipefail
cxx=${1:-g++}; reps=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
hdf5=$(pkg-config --cflags hdf5-serial 2>/dev/null || pkg-config --cflags hdf5)
echo '#include <dd/dd.hpp>' > "$work/include_only.cpp"
{
  echo '#include <dd/dd.hpp>'
  echo '#include <string>'
  echo '#include <vector>'
  echo 'struct Big {'
  types=(int double std::string 'std::vector<double>' bool)
  for i in $(seq 0 99); do echo "  ${types[i % 5]} f$i{};"; done
  echo '};'
  echo 'int main() { Big b; dd::save("big.h5", b); return dd::load<Big>("big.h5").f0; }'
} > "$work/fields_100.cpp"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for tu in include_only fields_100; do
  times=(); memory=()
  for ((r = 0; r < reps; r++)); do
    /usr/bin/time -f "%U %S %M" -o "$work/time" "$cxx" -std=c++20 -O2 -c "$work/$tu.cpp" -I"$here/../include" \
      $hdf5 -o "$work/$tu.o"
    read -r user sys kb < "$work/time"
    times+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')"); memory+=("$kb")
  done
  echo "$tu: $(printf '%s\n' "${times[@]}" | median) s CPU (median of $reps), peak $(( $(printf '%s\n' "${memory[@]}" | median) / 1024 )) MiB"
done
