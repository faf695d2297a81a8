// dd_bench_group <file> <keys> <save|load>: W7, a std::map<std::string, double> of `keys` entries
// "k000000".. saved as one group with one scalar attribute per key (or loaded back); prints the
// milliseconds taken. big_group.py times h5py on the same layout; big_group.sh alternates them.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dd/dd.hpp>
#include <map>
#include <string>

int main(int argc, char** argv) {
  if (argc != 4) return 2;
  const std::string file = argv[1], mode = argv[3];
  const int keys = std::atoi(argv[2]);
  std::map<std::string, double> m;
  char name[16];
  for (int i = 0; i < keys; ++i) {
    std::snprintf(name, sizeof name, "k%06d", i);
    m.emplace(name, i * 0.5);
  }
  const auto start = std::chrono::steady_clock::now();
  if (mode == "save") {
    dd::save(file, m);
  } else {
    const auto back = dd::load<std::map<std::string, double>>(file);
    if (back != m) return 3;
  }
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  std::printf("%.1f\n", took.count());
}
