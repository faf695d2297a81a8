// Files written by plain h5py (tests/python/make_h5py_files.py, run at test time) load into the
// natural C++ types: scalars stored as datasets, h5py's enum bools, fixed and variable strings,
// array and big-endian attributes, chunked gzip and resizable datasets, compound tables.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <dd/dd.hpp>
#include <map>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

struct Opt {
  int steps;
  std::string kind;
  double beta;
};
struct Row {
  double x;
  std::int32_t n;
};
struct Plain {
  long epochs;
  float lr;
  double ratio;
  bool shuffle;
  bool done;
  std::string name;
  std::string fixed;
  std::vector<int> ints;
  std::int64_t big;
  std::vector<double> weights;
  std::vector<std::array<float, 4>> grid;
  std::vector<bool> flags;
  std::vector<std::string> words;
  std::vector<Row> table;
  Opt opt;
  std::map<std::string, double> metrics;
  std::vector<double> empty;
  std::string scalar_string;
};

std::filesystem::path make_files() {
  static const auto dir = [] {
    const auto d = dd_test::scratch("h5py-files");
    const char* script = std::getenv("DD_H5PY_SCRIPT");
    REQUIRE_MESSAGE(script != nullptr, "DD_H5PY_SCRIPT is not set");
    const auto command = "/usr/bin/python3 '" + std::string(script) + "' '" + d.string() + "' > /dev/null";
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "h5py could not write the files: " << command);
    return d;
  }();
  return dir;
}

}  // namespace

TEST_CASE("a file written by plain h5py loads into a struct, field by field") {
  const auto p = dd::load<Plain>(make_files() / "plain.h5");
  CHECK(p.epochs == 10);
  CHECK(p.lr == 0.5f);
  CHECK(p.ratio == 0.25);
  CHECK(p.shuffle == true);
  CHECK(p.done == false);
  CHECK(p.name == "h\xc3\xa9llo");
  CHECK(p.fixed == "abc");
  CHECK(p.ints == std::vector<int>{1, 2, 3});
  CHECK(p.big == 7);
  REQUIRE(p.weights.size() == 1000);
  CHECK(p.weights[999] == 499.5);
  REQUIRE(p.grid.size() == 3);
  CHECK(p.grid[2] == std::array<float, 4>{8, 9, 10, 11});
  CHECK(p.flags == std::vector<bool>{true, false, true});
  CHECK(p.words == std::vector<std::string>{"a", "b\xc3\xa9", ""});
  REQUIRE(p.table.size() == 2);
  CHECK(p.table[1].x == 3.5);
  CHECK(p.table[1].n == -4);
  CHECK(p.opt.steps == 7);
  CHECK(p.opt.kind == "adam");
  CHECK(p.opt.beta == 0.9);
  CHECK(p.metrics == std::map<std::string, double>{{"acc", 0.875}, {"loss", 0.125}});
  CHECK(p.empty.empty());
  CHECK(p.scalar_string == "as dataset");
}

TEST_CASE("single nodes and parts of h5py files") {
  const auto file = make_files() / "plain.h5";
  CHECK(dd::load<std::vector<double>>(file, "/weights", dd::rows(998, 2)) == std::vector<double>{499, 499.5});
  dd::file f(file);
  const auto entries = f.list("/");
  CHECK(entries.size() >= 10);
  CHECK(f.load<int>("/opt/steps") == 7);
}
