// dd::file: many objects in one file, overwrite, remove, listing, appending and sliced reads.
#include <doctest/doctest.h>

#include <array>
#include <complex>
#include <cstdint>
#include <dd/dd.hpp>
#include <map>
#include <string>
#include <vector>

#include "test_util.hpp"

// dd's h5/ layer spells two HDF5 macros without their C casts (-Wold-style-cast); same values.
static_assert(dd::h5::all_space == H5S_ALL);
static_assert(dd::h5::variable_string_size == H5T_VARIABLE);

using dd_test::error_of;
using dd_test::scratch;

namespace {
struct State {
  int epoch = 0;
  std::vector<float> weights;
  std::string note;
  bool operator==(const State&) const = default;
};

}  // namespace

TEST_CASE("many objects in one file, saved and loaded by path") {
  const auto path = scratch("many.h5");
  {
    dd::file f(path, dd::mode::create);
    for (int e = 0; e < 3; ++e) f.save("/epoch/" + std::to_string(e), State{e, std::vector<float>(e + 1, 0.5f), "s"});
    f.save("/meta/name", std::string("run"));
    f.save("/meta/seed", 42);
    CHECK(f.load<State>("/epoch/2") == State{2, {0.5f, 0.5f, 0.5f}, "s"});
  }
  dd::file f(path);  // read only
  CHECK(f.load<State>("/epoch/1").weights.size() == 2);
  CHECK(f.load<int>("/meta/seed") == 42);
  CHECK(f.contains("/epoch/0"));
  CHECK(f.contains("/epoch/0/weights"));
  CHECK(f.contains("/meta/seed"));  // an attribute
  CHECK(!f.contains("/epoch/7"));
  CHECK(!f.contains("/nothing/here"));
  CHECK_CONTAINS(error_of([&] { f.save("/x", 1); }), "many.h5:/x: the file is open read-only");
  // the free function reads dd::file's files too
  CHECK(dd::load<State>(path, "/epoch/0") == State{0, {0.5f}, "s"});
}

TEST_CASE("overwriting replaces the whole node, also with another size or type") {
  const auto path = scratch("overwrite.h5");
  dd::file f(path, dd::mode::create);
  f.save("/x", std::vector<double>{1, 2, 3});
  f.save("/x", std::vector<double>(1000, 7.0));  // bigger
  CHECK(f.load<std::vector<double>>("/x").size() == 1000);
  f.save("/x", std::string("now a string"));  // a dataset becomes an attribute
  CHECK(f.load<std::string>("/x") == "now a string");
  f.save("/x", State{1, {}, ""});  // an attribute becomes a group
  CHECK(f.load<State>("/x").epoch == 1);
  f.save("/x", State{2, {1}, "b"});  // a group replaced whole: no stale members
  CHECK(f.load<State>("/x") == State{2, {1}, "b"});
  f.save("/", std::map<std::string, int>{{"only", 1}});  // the root replaced whole
  CHECK(f.list("/").size() == 1);
}

TEST_CASE("removing nodes and listing groups") {
  const auto path = scratch("list.h5");
  dd::file f(path, dd::mode::create);
  f.save("/g/array", std::vector<std::array<float, 3>>(4));
  f.save("/g/count", 3);
  f.save("/g/sub", State{});
  f.save("/g/list", std::vector<State>(2));
  const auto entries = f.list("/g");
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].name == "array");
  CHECK(entries[0].kind == dd::entry::kind::dataset);
  CHECK(entries[0].shape == std::vector<std::size_t>{4, 3});
  CHECK(entries[0].type == "float32");
  CHECK(entries[1].name == "list");
  CHECK(entries[1].type == "list:2");
  CHECK(entries[2].name == "sub");
  CHECK(entries[2].kind == dd::entry::kind::group);
  CHECK(entries[3].name == "count");
  CHECK(entries[3].kind == dd::entry::kind::attribute);
  CHECK(entries[3].shape.empty());
  CHECK(entries[3].type == "int32");

  f.remove("/g/array");
  f.remove("/g/count");
  CHECK(!f.contains("/g/array"));
  CHECK(!f.contains("/g/count"));
  CHECK(f.list("/g").size() == 2);
  CHECK_CONTAINS(error_of([&] { f.remove("/g/array"); }), "list.h5:/g/array: not found: nothing to remove");
  CHECK_CONTAINS(error_of([&] { f.list("/nope"); }), "list.h5:/nope: not found (expected a group)");
}

TEST_CASE("appending grows a dataset, across reopening, one row or many at a time") {
  const auto path = scratch("append.h5");
  {
    dd::file f(path, dd::mode::create);
    for (int i = 0; i < 1000; ++i) f.append("/losses", static_cast<double>(i));
    f.append("/points", std::array<float, 3>{1, 2, 3});
    f.append("/points", std::vector<std::array<float, 3>>{{4, 5, 6}, {7, 8, 9}});
    CHECK(f.load<std::vector<double>>("/losses").size() == 1000);  // pending rows are visible
  }
  {
    dd::file f(path, dd::mode::read_write);
    f.append("/losses", std::vector<double>{1000, 1001});
  }
  const auto losses = dd::load<std::vector<double>>(path, "/losses");
  REQUIRE(losses.size() == 1002);
  for (std::size_t i = 0; i < losses.size(); ++i) CHECK(losses[i] == static_cast<double>(i));
  CHECK(dd::load<std::vector<std::array<float, 3>>>(path, "/points") ==
        std::vector<std::array<float, 3>>{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});

  dd::file f(path, dd::mode::read_write);
  CHECK_CONTAINS(error_of([&] { f.append("/losses", 1.0f); }),
                 "append.h5:/losses: cannot append float32 rows to a dataset of float64");
  CHECK_CONTAINS(error_of([&] { f.append("/points", std::array<float, 2>{}); }),
                 "cannot append rows of shape (2,) to a dataset of shape (3, 3)");
  f.save("/whole", std::vector<double>{1, 2});
  CHECK_CONTAINS(error_of([&] { f.append("/whole", 3.0); }), "/whole: cannot append: the dataset is not extendible");
}

TEST_CASE("sliced reads: rows, boxes with strides, edges and out of range") {
  const auto path = scratch("slices.h5");
  std::vector<std::array<double, 4>> grid(10);
  for (std::size_t r = 0; r < 10; ++r)
    for (std::size_t c = 0; c < 4; ++c) grid[r][c] = static_cast<double>(r * 10 + c);
  dd::save(path, std::map<std::string, std::vector<std::array<double, 4>>>{{"grid", grid}});

  const auto rows = dd::load<std::vector<std::array<double, 4>>>(path, "/grid", dd::rows(3, 2));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == 30);
  CHECK(rows[1][3] == 43);
  CHECK(dd::load<std::vector<std::array<double, 4>>>(path, "/grid", dd::rows(9, 1))[0][0] == 90);  // last row
  CHECK(dd::load<std::vector<std::array<double, 4>>>(path, "/grid", dd::rows(10, 0)).empty());     // empty, at the end

  // every other row, columns 1..2, into a fixed-size destination
  const auto box = dd::load<std::array<std::array<double, 2>, 5>>(
      path, "/grid", dd::selection{.offset = {0, 1}, .count = {5, 2}, .stride = {2, 1}});
  CHECK(box[0] == std::array<double, 2>{1, 2});
  CHECK(box[4] == std::array<double, 2>{81, 82});

  // into the caller's memory
  std::array<double, 8> storage{};
  std::span<std::array<double, 4>> view(reinterpret_cast<std::array<double, 4>*>(storage.data()), 2);
  dd::load(path, "/grid", dd::rows(5, 2), view);
  CHECK(storage[0] == 50);
  CHECK(storage[7] == 63);

  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::array<double, 4>>>(path, "/grid", dd::rows(8, 3)); }),
                 "slices.h5:/grid: selection offset (8,) count (3,) is outside the dataset's shape (10, 4)");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<double>>(path, "/grid", dd::rows(0, 2)); }),
                 "expected shape (*,), found (2, 4)");
  CHECK_CONTAINS(error_of([&] {
                   dd::load<std::vector<double>>(path, "/grid", dd::selection{.offset = {0, 0, 0}, .count = {1, 1, 1}});
                 }),
                 "does not fit the dataset's shape (10, 4)");
  dd::file f(path);
  CHECK(f.load<std::vector<std::array<double, 4>>>("/grid", dd::rows(1, 1))[0][1] == 11);
}

namespace {
struct Particle {
  double x, y, z;
  float mass;
  std::int32_t id;
  bool operator==(const Particle&) const = default;
};
}  // namespace

TEST_CASE("sliced reads of tables and N-D arrays") {
  const auto path = scratch("slice_kinds.h5");
  std::vector<Particle> particles(100);
  for (int i = 0; i < 100; ++i) particles[i] = {i * 1.0, i * 2.0, i * 3.0, i * 0.5f, i};
  dd::ndarray<std::int32_t> cube({4, 5, 6});
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 5; ++j)
      for (std::size_t k = 0; k < 6; ++k) cube(i, j, k) = static_cast<std::int32_t>(i * 100 + j * 10 + k);
  {
    dd::file f(path, dd::mode::create);
    f.save("/particles", particles);
    f.save("/cube", cube);
  }
  const auto some = dd::load<std::vector<Particle>>(path, "/particles", dd::rows(95, 5));
  REQUIRE(some.size() == 5);
  CHECK(some[0] == particles[95]);
  CHECK(some[4] == particles[99]);
  const auto every_tenth =
      dd::load<std::vector<Particle>>(path, "/particles", dd::selection{.offset = {0}, .count = {10}, .stride = {10}});
  REQUIRE(every_tenth.size() == 10);
  CHECK(every_tenth[3].id == 30);

  const auto box =
      dd::load<dd::ndarray<std::int32_t>>(path, "/cube", dd::selection{.offset = {1, 2, 3}, .count = {2, 2, 3}});
  CHECK(box.shape() == std::vector<std::size_t>{2, 2, 3});
  CHECK(box(0, 0, 0) == 123);
  CHECK(box(1, 1, 2) == 235);
  CHECK_CONTAINS(
      error_of([&] { dd::load<dd::ndarray<std::int32_t>>(path, "/cube", dd::selection{.offset = {3}, .count = {2}}); }),
      "selection offset (3,) count (2,) is outside the dataset's shape (4, 5, 6)");
}

TEST_CASE("appending table rows (flat structs), one at a time and in blocks, across reopening") {
  const auto path = scratch("append_table.h5");
  {
    dd::file f(path, dd::mode::create);
    for (int i = 0; i < 5000; ++i) f.append("/particles", Particle{i * 1.0, 0, 0, 1.0f, i});
    f.append("/particles", std::vector<Particle>{{-1, -2, -3, 0.5f, -1}});
  }
  {
    dd::file f(path, dd::mode::read_write);
    f.append("/particles", Particle{7, 8, 9, 2.0f, 5001});
    CHECK_CONTAINS(error_of([&] { f.append("/particles", 1.0); }),
                   "cannot append float64 rows to a dataset of compound");
  }
  const auto all = dd::load<std::vector<Particle>>(path, "/particles");
  REQUIRE(all.size() == 5002);
  for (int i = 0; i < 5000; ++i) CHECK(all[i].id == i);
  CHECK(all[5000] == Particle{-1, -2, -3, 0.5f, -1});
  CHECK(all[5001] == Particle{7, 8, 9, 2.0f, 5001});
}

TEST_CASE("an appender appends to one dataset without its path, in order with file::append") {
  const auto path = scratch("appender.h5");
  std::vector<double> expected;
  {
    dd::file f(path, dd::mode::create);
    auto losses = f.appender<double>("/run/losses");  // creates the dataset (and /run) now
    CHECK(f.contains("/run/losses"));
    // Past two 1 MiB buffers, interleaved with file::append (one buffer, rows in call order) and
    // with a range larger than the buffer (written at once, after the rows buffered before it).
    for (int i = 0; i < 300000; ++i) {
      const double x = i * 0.5;
      if (i % 7 == 0)
        f.append("/run/losses", x);
      else
        losses.append(x);
      expected.push_back(x);
    }
    std::vector<double> block(200000);
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = -static_cast<double>(i);
    losses.append(block);
    expected.insert(expected.end(), block.begin(), block.end());
    losses.append(std::vector<double>{});
    losses.append(1.25);
    expected.push_back(1.25);
    auto twin = losses;  // a copy keeps a cursor of its own: the rows still go in call order
    twin.append(1.5);
    losses.append(1.75);
    twin.append(2.0);
    expected.insert(expected.end(), {1.5, 1.75, 2.0});
    CHECK(f.load<std::vector<double>>("/run/losses") == expected);  // buffered rows are visible
    auto points = f.appender<Particle>("/points");
    points.append(Particle{1, 2, 3, 0.5f, 7});
    points.append(std::vector<Particle>{{4, 5, 6, 1.5f, 8}});
  }
  CHECK(dd::load<std::vector<double>>(path, "/run/losses") == expected);
  CHECK(dd::load<std::vector<Particle>>(path, "/points") ==
        std::vector<Particle>{{1, 2, 3, 0.5f, 7}, {4, 5, 6, 1.5f, 8}});

  dd::file f(path, dd::mode::read_write);
  auto more = f.appender<double>("//run/./losses");  // the same dataset, however the path is spelled
  more.append(2.5);
  f.append("/run/losses", 3.5);
  more.append(4.5);
  CHECK_CONTAINS(error_of([&] { (void)f.appender<float>("/run/losses"); }),
                 "appender.h5:/run/losses: cannot append float32 rows to a dataset of float64");
  CHECK_CONTAINS(error_of([&] { (void)f.appender<double>("/points"); }),
                 "appender.h5:/points: cannot append float64 rows to a dataset of compound");
  f.close();
  CHECK_CONTAINS(error_of([&] { more.append(5.5); }),
                 "appender.h5:/run/losses: cannot append: the dataset was removed or replaced, or the file closed");
  const auto back = dd::load<std::vector<double>>(path, "/run/losses");
  REQUIRE(back.size() == expected.size() + 3);
  CHECK(back[expected.size()] == 2.5);
  CHECK(back[expected.size() + 1] == 3.5);
  CHECK(back[expected.size() + 2] == 4.5);

  dd::file reader(path);
  CHECK_CONTAINS(error_of([&] { (void)reader.appender<double>("/run/losses"); }), "read-only");
}

TEST_CASE("appends after the dataset was replaced or removed are never lost") {
  const auto path = scratch("append_replaced.h5");
  dd::file f(path, dd::mode::create);
  // Saving over an appended dataset: the next append checks the new one (not extendible).
  auto handle = f.appender<double>("/losses");
  f.append("/losses", 1.0);
  f.save("/losses", std::vector<double>{5, 6});
  CHECK_CONTAINS(error_of([&] { f.append("/losses", 2.0); }), "/losses: cannot append: the dataset is not extendible");
  CHECK_CONTAINS(error_of([&] { handle.append(2.0); }), "/losses: cannot append: the dataset was removed or replaced");
  CHECK(f.load<std::vector<double>>("/losses") == std::vector<double>{5, 6});

  // Removing a group above appended datasets: appending again creates them anew.
  f.append("/a/x", 1.0);
  auto y = f.appender<int>("/a/b/y");
  y.append(1);
  f.remove("/a");
  CHECK_FALSE(f.contains("/a"));
  f.append("/a/x", 2.0);
  CHECK_CONTAINS(error_of([&] { y.append(2); }), "/a/b/y: cannot append: the dataset was removed or replaced");
  CHECK(f.load<std::vector<double>>("/a/x") == std::vector<double>{2.0});

  // Saving a whole new root replaces every appended dataset.
  f.save("/", std::map<std::string, int>{{"n", 3}});
  f.append("/a/x", 3.0);
  CHECK(f.load<std::vector<double>>("/a/x") == std::vector<double>{3.0});

  // One dataset spelled two ways is one buffer: rows stay in call order.
  f.append("//z", 1.0);
  f.append("/z", 2.0);
  f.append("//z", 3.0);
  CHECK(f.load<std::vector<double>>("/z") == std::vector<double>{1, 2, 3});
}

TEST_CASE("appended datasets are compressed as the file's save options say") {
  const auto plain = scratch("append_plain.h5"), packed = scratch("append_packed.h5");
  {
    dd::file a(plain, dd::mode::create);
    dd::file b(packed, dd::mode::create, {.compression = dd::deflate(4)});
    for (int i = 0; i < 200000; ++i) {
      a.append("/x", static_cast<double>(i % 10));
      b.append("/x", static_cast<double>(i % 10));
    }
  }
  CHECK(std::filesystem::file_size(packed) * 10 < std::filesystem::file_size(plain));
  const auto back = dd::load<std::vector<double>>(packed, "/x");
  REQUIRE(back.size() == 200000);
  CHECK(back[199999] == 9.0);
}

enum class Phase { warmup, train, done };
struct AfterClose {
  std::vector<Phase> phases;
  std::complex<double> z;
  long double precise = 0;
  std::vector<std::complex<float>> spectrum;
  std::string note;
  bool operator==(const AfterClose&) const = default;
};

TEST_CASE("types dd builds (enums, complex, long double) are built anew after the program shuts HDF5 down") {
  // H5close frees every id and the next start gives the same numbers to new objects: a type id kept
  // from before would name whatever HDF5 made next (here the string types and the user's own type).
  const auto path = scratch("types_after_h5close.h5");
  const AfterClose first{{Phase::train, Phase::done}, {1.5, -2.0}, 1.0L / 3, {{1, 2}, {3, 4}}, "first"};
  dd::save(path, first);
  CHECK(dd::load<AfterClose>(path) == first);
  for (int round = 0; round < 3; ++round) {
    H5close();
    const hid_t users = H5Tcopy(H5T_C_S1);  // takes an id dd's old types had
    REQUIRE(users >= 0);
    const AfterClose again{{Phase::done}, {-0.25, 8.0}, -2.0L / 7, {{5, 6}}, "round " + std::to_string(round)};
    dd::save(path, again);
    CHECK(dd::load<AfterClose>(path) == again);
    CHECK(H5Tget_class(users) == H5T_STRING);  // dd closed nothing of the user's
    H5Tclose(users);
  }
  // what a reader without dd sees: complex compounds, a 16-byte float, an enum
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  // the class and size of the type of an attribute (at the root) or a dataset
  const auto stored_type = [&](const char* name) {
    const bool attribute = H5Aexists(file, name) > 0;
    const hid_t object = attribute ? H5Aopen(file, name, H5P_DEFAULT) : H5Dopen2(file, name, H5P_DEFAULT);
    const hid_t t = attribute ? H5Aget_type(object) : H5Dget_type(object);
    const auto found = std::pair{H5Tget_class(t), H5Tget_size(t)};
    H5Tclose(t);
    H5Idec_ref(object);
    return found;
  };
  CHECK(stored_type("z") == std::pair{H5T_COMPOUND, std::size_t{16}});
  CHECK(stored_type("precise") == std::pair{H5T_FLOAT, sizeof(long double)});
  CHECK(stored_type("spectrum") == std::pair{H5T_COMPOUND, std::size_t{8}});
  CHECK(stored_type("phases").first == H5T_ENUM);
  H5Fclose(file);
}

TEST_CASE("numbers and appends go on working after the program shuts HDF5 down (H5close) between dd calls") {
  // dd names HDF5's predefined types by their ids, which H5close invalidates and the next start renews.
  const auto path = scratch("after_h5close.h5");
  const std::map<std::string, double> values{{"a", 1.5}, {"b", -2.0}};
  dd::save(path, values);
  H5close();
  CHECK(dd::load<std::map<std::string, double>>(path) == values);
  H5close();
  dd::save(path, std::vector<std::int64_t>{1, 2, 3});
  H5close();
  {
    dd::file f(path, dd::mode::read_write);
    f.append("/rows", std::int32_t{7});
  }
  CHECK(dd::load<std::vector<std::int32_t>>(path, "/rows") == std::vector<std::int32_t>{7});
}
