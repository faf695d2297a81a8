// The containers area's files for check_containers.py, in two directions:
//
//   write_containers OUTPUT_DIR        saves the cases below with dd (check_containers.py reads them
//                                      with h5py and with PyTables following deepdish's rules)
//   write_containers --read FILE       loads the file check_containers.py wrote with h5py
//                                      (from_h5py.h5) into C++ containers and compares; prints
//                                      "ok NAME" or "FAIL NAME: why" per case, exits 1 on a failure
//
// KEEP THE VALUES HERE AND IN check_containers.py IN SYNC.
#include <array>
#include <bitset>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <forward_list>
#include <limits>
#include <list>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <dd/dd.hpp>

namespace cases {

struct Containers {
  std::tuple<int, std::string, std::vector<double>> tup;
  std::pair<double, std::string> pair;
  std::tuple<> empty_tuple;
  std::set<int> set;
  std::unordered_set<double> uset;
  std::multiset<std::uint16_t> mset;
  std::set<std::pair<int, int>> set_pairs;
  std::deque<double> deque;
  std::list<std::int8_t> list;
  std::forward_list<std::uint64_t> flist;
  std::deque<std::array<float, 3>> rows;
  std::list<std::vector<int>> ragged;
  std::vector<bool> bits;
  std::bitset<10> bitset;
  std::vector<bool> no_bits;
  std::map<int, double> int_map;
  std::unordered_map<std::int64_t, std::string> name_map;
  std::map<std::pair<int, int>, std::string> pair_map;
  std::map<int, std::vector<int>> nested_map;
  std::map<int, int> empty_map;
  std::vector<std::string> words;
  std::vector<std::string> no_words;
  std::vector<std::string> bytes;
  std::array<std::string, 2> two;
  std::set<std::string> tags;
  std::unordered_set<std::string> utags;
  std::vector<std::array<std::string, 2>> grid;
  std::vector<std::vector<std::string>> string_lists;
};

Containers containers() {
  return Containers{
      .tup = {7, "h\xc3\xa9", {1.5, 2.5}},
      .pair = {0.25, "x"},
      .empty_tuple = {},
      .set = {5, -3, 9},
      .uset = {2.5, -1.0},
      .mset = {7, 7, 1},
      .set_pairs = {{1, 2}, {0, 1}},
      .deque = {1.5, -2.0},
      .list = {-128, 127},
      .flist = {3, 1, std::numeric_limits<std::uint64_t>::max()},
      .rows = {{1, 2, 3}, {4, 5, 6}},
      .ragged = {{1}, {}, {2, 3}},
      .bits = {true, false, false, true, true},
      .bitset = std::bitset<10>("1000000011"),
      .no_bits = {},
      .int_map = {{3, 0.5}, {-1, 2.0}},
      .name_map = {{10, "ten"}, {-2, "minus two"}},
      .pair_map = {{{0, 1}, "a"}, {{2, 0}, "b"}},
      .nested_map = {{1, {1, 2}}, {2, {}}},
      .empty_map = {},
      .words = {"a", "", "h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c"},
      .no_words = {},
      .bytes = {"ok", "\xff\xfe"},
      .two = {"x", "y"},
      .tags = {"b", "a"},
      .utags = {"q", "p"},
      .grid = {{"a", "b"}, {"c", ""}},
      .string_lists = {{"a"}, {}},
  };
}

int write(const std::filesystem::path& dir) {
  dd::save(dir / "containers.h5", containers());
  dd::save(dir / "top_tuple.h5", std::tuple<int, std::string>{1, "one"});
  dd::save(dir / "top_words.h5", std::vector<std::string>{"top", "w\xc3\xb6rds"});
  dd::save(dir / "top_map.h5", std::map<int, int>{{2, 20}, {1, 10}});
  dd::save(dir / "top_bits.h5", std::vector<bool>{false, true});
  return 0;
}

// --- reading what h5py wrote -----------------------------------------------------------------------
int failures = 0;

template <class T>
void expect(const std::filesystem::path& file, const char* path, const T& want) {
  try {
    const auto got = dd::load<T>(file, path);
    if (got == want) {
      std::printf("ok %s\n", path);
    } else {
      std::printf("FAIL %s: loaded a different value\n", path);
      ++failures;
    }
  } catch (const std::exception& e) {
    std::printf("FAIL %s: %s\n", path, e.what());
    ++failures;
  }
}

int read(const std::filesystem::path& file) {
  using strings = std::vector<std::string>;
  expect(file, "/vlen_str", strings{"alpha", "", "h\xc3\xa9"});
  expect(file, "/fixed_bytes", strings{"ab", "abcde", ""});
  expect(file, "/str_2d", std::array<std::array<std::string, 2>, 2>{{{"a", "b"}, {"c", "d"}}});
  expect(file, "/str_2d", std::vector<std::array<std::string, 2>>{{"a", "b"}, {"c", "d"}});
  expect(file, "/str_set", std::set<std::string>{"x", "y"});
  expect(file, "/group/attrs_list", strings{"p", "q"});
  expect(file, "/bools", std::vector<bool>{true, false, true});
  expect(file, "/bools", std::bitset<3>("101"));
  expect(file, "/ints", std::set<int>{1, 2, 3});
  expect(file, "/ints", std::deque<long>{3, 1, 2, 3});
  expect(file, "/ints", std::forward_list<short>{3, 1, 2, 3});
  expect(file, "/by_epoch", std::map<int, double>{{1, 0.5}, {10, 0.25}, {2, 0.125}});
  expect(file, "/zipped", std::map<std::int64_t, std::string>{{5, "five"}, {6, "six"}});
  expect(file, "/pairs", std::map<int, std::string>{{1, "one"}, {2, "two"}});
  expect(file, "/tuple", std::tuple<std::int64_t, std::string, double>{1, "x", 2.5});
  return failures ? 1 : 0;
}

}  // namespace cases

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::string(argv[1]) == "--read") return cases::read(argv[2]);
    if (argc == 2) return cases::write(argv[1]);
    std::fprintf(stderr, "usage: write_containers OUTPUT_DIR | write_containers --read FILE\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_containers: %s\n", e.what());
    return 1;
  }
}
