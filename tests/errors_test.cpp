// Every bad input gives a dd::error naming the file, the HDF5 path and the cause; nothing crashes,
// HDF5 prints nothing, and a failed save leaves the previous file as it was.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <dd/dd.hpp>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "test_util.hpp"

using dd_test::error_of;

using dd_test::scratch;

namespace {

struct Optimizer {
  std::string name;
  double lr;
  int steps;
};
struct Config {
  int epochs;
  std::string run_name;
  Optimizer opt;
  std::vector<float> weights;
};
struct ConfigV2 {  // a newer struct with a member the file lacks
  int epochs;
  Optimizer opt;
  double momentum;
};
struct SmallInts {
  std::int8_t epochs;
};

Config sample() { return {3, "run", {"adam", 0.5, 7}, {1, 2, 3}}; }

// Captures what the process writes to stderr while f runs (HDF5 would print its error stack there).
template <class F>
std::string stderr_of(F&& f) {
  std::fflush(stderr);
  const auto path = scratch("stderr.txt");
  const int saved = ::dup(2);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 2);
  f();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(fd);
  ::close(saved);
  return dd_test::read_bytes(path);
}

}  // namespace

TEST_CASE("a missing file") {
  const auto msg = error_of([] { dd::load<Config>(scratch("does-not-exist.h5")); });
  CHECK_CONTAINS(msg, "does-not-exist.h5:/: no such file");
}

TEST_CASE("a file that is not HDF5, a truncated file, a directory") {
  const auto text = scratch("text.h5");
  std::ofstream(text) << "this is not hdf5\n";
  CHECK_CONTAINS(error_of([&] { dd::load<Config>(text); }), "text.h5:/: not an HDF5 file");

  const auto good = scratch("good.h5");
  dd::save(good, sample());
  const auto bytes = dd_test::read_bytes(good);
  const auto cut = scratch("truncated.h5");
  std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  const auto msg = error_of([&] { dd::load<Config>(cut); });
  CHECK_CONTAINS(msg, "truncated.h5:");

  CHECK_CONTAINS(error_of([] { dd::load<Config>(scratch("")); }), "is a directory");
}

TEST_CASE("a missing member names its path") {
  const auto file = scratch("v1.h5");
  dd::save(file, sample());
  const auto msg = error_of([&] { dd::load<ConfigV2>(file); });
  CHECK_CONTAINS(msg, "v1.h5:/momentum: not found (expected float64)");
  CHECK_CONTAINS(error_of([&] { dd::load<double>(file, "/opt/beta"); }), "v1.h5:/opt/beta: not found");
  CHECK_CONTAINS(error_of([&] { dd::load<double>(file, "/nope/lr"); }), "v1.h5:/nope: not found (expected a group)");
}

TEST_CASE("a wrong type names what was expected and what was found") {
  const auto file = scratch("types.h5");
  dd::save(file, sample());
  CHECK_CONTAINS(error_of([&] { dd::load<double>(file, "/run_name"); }),
                 "types.h5:/run_name: expected float64, found string");
  CHECK_CONTAINS(error_of([&] { dd::load<std::string>(file, "/epochs"); }),
                 "types.h5:/epochs: expected string, found an attribute of int32");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<float>>(file, "/opt"); }),
                 "types.h5:/opt: expected a dataset of float32 (*,), found a group");
  CHECK_CONTAINS(error_of([&] { dd::load<Optimizer>(file, "/weights"); }),
                 "types.h5:/weights: expected a group (struct), found a dataset of float32 (3,)");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<Optimizer>>(file, "/opt"); }),
                 "types.h5:/opt: expected a group titled list:N, found a group without TITLE");
  CHECK_CONTAINS(error_of([&] { dd::load<std::map<std::string, int>>(file, "/opt"); }),
                 "types.h5:/opt/lr: expected int32, found float64");
}

TEST_CASE("a wrong rank or shape names both shapes") {
  const auto file = scratch("shapes.h5");
  dd::save(file, std::vector<std::array<double, 3>>{{1, 2, 3}, {4, 5, 6}});
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<double>>(file); }),
                 "shapes.h5:/data: expected shape (*,), found (2, 3)");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::array<double, 2>>>(file); }),
                 "expected shape (*, 2), found (2, 3)");
  CHECK_CONTAINS(error_of([&] { dd::load<std::array<std::array<double, 3>, 3>>(file); }),
                 "expected shape (3, 3), found (2, 3)");
  CHECK_CONTAINS(error_of([&] { dd::load<double>(file); }), "expected one float64, found float64 of shape (2, 3)");
}

TEST_CASE("lossy numeric conversions are refused") {
  const auto file = scratch("lossy.h5");
  dd::save(file, sample());
  CHECK_CONTAINS(error_of([&] { dd::load<int>(file, "/opt/lr"); }),
                 "lossy.h5:/opt/lr: expected int32, found float64 (a lossy conversion");
  dd::save(file, std::map<std::string, int>{{"epochs", 300}});
  CHECK_CONTAINS(error_of([&] { dd::load<SmallInts>(file); }), "lossy.h5:/epochs: value 300 does not fit int8");
  dd::save(file, std::vector<int>{1, -1});
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<unsigned>>(file); }), "value -1 at index 1 does not fit uint32");
  dd::save(file, 1e300);
  CHECK_CONTAINS(error_of([&] { dd::load<float>(file); }), "does not fit float32");
  dd::save(file, 2);
  CHECK_CONTAINS(error_of([&] { dd::load<bool>(file); }), "value 2 does not fit bool");
  dd::save(file, true);
  CHECK_CONTAINS(error_of([&] { dd::load<int>(file); }), "expected int32, found bool");
}

TEST_CASE("a top-level value of the wrong kind") {
  const auto file = scratch("toplevel.h5");
  dd::save(file, sample());
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<double>>(file); }), "expected a top-level value at /data");
  CHECK_CONTAINS(error_of([&] { dd::load<double>(file, "/"); }), "'/' is a group");
  CHECK_CONTAINS(error_of([&] { dd::load<double>(file, "opt/lr"); }), "must start with '/'");
}

TEST_CASE("a failed save leaves the previous file byte-identical and no temporary behind") {
  const auto dir = scratch("atomic");
  std::filesystem::create_directories(dir);
  const auto file = dir / "keep.h5";
  dd::save(file, sample());
  const auto before = dd_test::read_bytes(file);

  // The bad key comes after good members were already written to the temporary file.
  const std::map<std::string, int> bad{{"a", 1}, {"b/c", 2}};
  CHECK_CONTAINS(error_of([&] { dd::save(file, bad); }), "keep.h5:/: map key 'b/c' cannot be an HDF5 name");
  CHECK(dd_test::read_bytes(file) == before);
  CHECK_CONTAINS(error_of([&] { dd::save(file, std::map<std::string, int>{{"", 1}}); }), "map key ''");
  CHECK_CONTAINS(error_of([&] { dd::save(file, std::map<std::string, int>{{"TITLE", 1}}); }), "reserved");
  CHECK(dd_test::read_bytes(file) == before);
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 1);
  CHECK(dd::load<Config>(file).opt.steps == 7);
}

TEST_CASE("saving into a directory that does not exist") {
  const auto file = scratch("no/such/dir/x.h5");
  const auto message = error_of([&] { dd::save(file, sample()); });
  CHECK(message ==
        file.string() + ":/: cannot create the file: the directory " + file.parent_path().string() + " does not exist");
  CHECK(!std::filesystem::exists(file.parent_path()));
}

TEST_CASE("HDF5 prints nothing on errors, and the caller's HDF5 error printing is restored") {
  const auto file = scratch("quiet.h5");
  dd::save(file, sample());
  const auto printed = stderr_of([&] {
    error_of([&] { dd::load<double>(file, "/opt/missing"); });
    error_of([&] { dd::load<Config>(scratch("missing.h5")); });
    error_of([&] { dd::save(scratch("no/dir/x.h5"), 1); });
    error_of([&] { dd::load<int>(file, "/run_name"); });
  });
  CHECK(printed.empty());
}

TEST_CASE("list groups with a wrong or missing element") {
  const auto file = scratch("lists.h5");
  dd::save(file, std::vector<Optimizer>{{"a", 1, 1}, {"b", 2, 2}});
  CHECK_CONTAINS(error_of([&] { dd::load<std::array<Optimizer, 3>>(file); }), "expected 3 elements, found list:2");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<Config>>(file); }), "lists.h5:/data/i0/epochs: not found");
}

TEST_CASE("a string with a NUL byte is refused, not cut") {
  const auto file = scratch("nul.h5");
  CHECK_CONTAINS(error_of([&] { dd::save(file, std::string("a\0b", 3)); }),
                 "nul.h5:/data: the string contains a NUL byte at offset 1");
  CHECK(!std::filesystem::exists(file));
}

TEST_CASE("map keys deepdish cannot load are refused") {
  const auto file = scratch("keys.h5");
  CHECK_CONTAINS(error_of([&] {
                   dd::save(file, std::map<std::string, int>{{"_f_list", 1}});
                 }),
                 "map key '_f_list' is reserved by PyTables natural naming");
  CHECK_CONTAINS(error_of([&] { dd::save(file, std::map<std::string, int>{{"__members__", 1}}); }), "reserved");
  CHECK_CONTAINS(error_of([&] { dd::save(file, std::map<std::string, int>{{"DEEPDISH_IO_X", 1}}); }), "reserved");
  CHECK_CONTAINS(error_of([&] { dd::save(file, std::map<std::string, int>{{".", 1}}); }), "cannot be an HDF5 name");
}

namespace {
struct Tree {
  std::vector<Tree> g;
};
}  // namespace

TEST_CASE("a cycle of soft links under a recursive type is an error, not a stack overflow") {
  const auto file = scratch("cycle.h5");
  dd::save(file, Tree{{Tree{}}});
  {  // make /g/i0 a soft link back to the root, as h5py or deepdish can write
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(H5Ldelete(f, "/g/i0", H5P_DEFAULT) >= 0);
    REQUIRE(H5Lcreate_soft("/", f, "/g/i0", H5P_DEFAULT, H5P_DEFAULT) >= 0);
    H5Fclose(f);
  }
  const auto msg = error_of([&] { dd::load<Tree>(file); });
  CHECK_CONTAINS(msg, "levels deep (dd::max_nesting; a cycle of soft links?)");
  CHECK_CONTAINS(msg, "cycle.h5:/g/i0/g/i0/g/i0");
}
