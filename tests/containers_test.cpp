// Standard containers beyond vectors of numbers: tuples and pairs, sets, deque/list/forward_list,
// vector<bool> and bitset, maps with non-string keys, ranges of strings. Round trips (top level, as
// struct members, inside vectors), the on-disk layout as dd itself reads it back part by part, what
// deepdish and h5py write (the deepdish fixtures, and h5py-style files made with the HDF5 C API here),
// and the errors.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <array>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <dd/dd.hpp>
#include <deque>
#include <forward_list>
#include <limits>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "test_util.hpp"

using dd_test::error_of;

using dd::detail::family;
using dd::detail::family_of;
using dd_test::fixture;
using dd_test::scratch;

namespace {

struct Point {
  double x, y;
  auto operator<=>(const Point&) const = default;
};
struct Nothing {};  // loads from any group: stands in for deepdish's None (nonetype:) in a tuple

template <class T>
T round_trip(const T& value, const std::string& name) {
  const auto file = scratch(name + ".h5");
  dd::save(file, value);
  return dd::load<T>(file);
}

// Files as h5py writes them, made with the HDF5 C API (dd cannot write these forms itself).
class raw_file {
 public:
  explicit raw_file(const std::filesystem::path& path)
      : path_(path), file_(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)) {}
  ~raw_file() { H5Fclose(file_); }
  hid_t id() const { return file_; }
  const std::filesystem::path& path() const { return path_; }

  void dataset(const char* name, hid_t type, std::vector<hsize_t> dims, const void* data) const {
    const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    const hid_t d = H5Dcreate2(file_, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    H5Dclose(d);
    H5Sclose(space);
  }
  // Fixed-length strings of `size` bytes each, with the given padding and character set.
  void fixed_strings(const char* name, std::size_t size, H5T_str_t pad, H5T_cset_t cset, std::vector<hsize_t> dims,
                     const std::string& bytes) const {
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, size);
    H5Tset_strpad(t, pad);
    H5Tset_cset(t, cset);
    dataset(name, t, std::move(dims), bytes.data());
    H5Tclose(t);
  }
  void attribute(const char* object, const char* name, hid_t type, const void* data) const {
    const hid_t o = H5Oopen(file_, object, H5P_DEFAULT);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(o, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, type, data);
    H5Aclose(a);
    H5Sclose(space);
    H5Oclose(o);
  }
  void string_attribute(const char* object, const char* name, const std::string& value, H5T_cset_t cset) const {
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, value.size());
    H5Tset_cset(t, cset);
    attribute(object, name, t, value.data());
    H5Tclose(t);
  }
  void group(const char* name) const { H5Gclose(H5Gcreate2(file_, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)); }

 private:
  std::filesystem::path path_;
  hid_t file_;
};

// numpy's U array: UTF-32LE code units, `itemsize` per string, NUL padded.
std::string utf32(const std::vector<std::u32string>& strings, std::size_t itemsize) {
  std::string bytes;
  for (auto s : strings) {
    s.resize(itemsize, U'\0');
    for (char32_t c : s)
      for (int k = 0; k < 4; ++k) bytes += static_cast<char>((static_cast<std::uint32_t>(c) >> (8 * k)) & 0xFF);
  }
  return bytes;
}

}  // namespace

// --- classification ------------------------------------------------------------------------------
static_assert(family_of<std::tuple<int, std::string>>() == family::tuple);
static_assert(family_of<std::pair<int, double>>() == family::tuple);
static_assert(family_of<std::tuple<>>() == family::tuple);
static_assert(family_of<std::array<int, 2>>() == family::number_range);  // tuple-like, but a range of numbers
static_assert(family_of<std::array<std::vector<int>, 2>>() == family::sequence);

static_assert(family_of<std::vector<bool>>() == family::bits);
static_assert(family_of<std::bitset<8>>() == family::bits);
static_assert(family_of<std::array<bool, 3>>() == family::number_range);  // real bools: contiguous
static_assert(family_of<std::deque<bool>>() == family::sequence);

static_assert(family_of<std::set<int>>() == family::set);
static_assert(family_of<std::multiset<double>>() == family::set);
static_assert(family_of<std::unordered_set<long>>() == family::set);
static_assert(family_of<std::unordered_multiset<int>>() == family::set);
static_assert(family_of<std::set<Point>>() == family::set);
static_assert(family_of<std::set<std::string>>() == family::string_range);  // a range of strings

static_assert(family_of<std::deque<double>>() == family::sequence);
static_assert(family_of<std::list<int>>() == family::sequence);
static_assert(family_of<std::forward_list<float>>() == family::sequence);
static_assert(family_of<std::forward_list<Point>>() == family::sequence);
static_assert(family_of<std::deque<std::array<float, 3>>>() == family::sequence);
static_assert(family_of<std::vector<std::vector<int>>>() == family::sequence);
static_assert(family_of<std::vector<std::vector<std::string>>>() == family::sequence);  // ragged

static_assert(family_of<std::vector<std::string>>() == family::string_range);
static_assert(family_of<std::array<std::string, 3>>() == family::string_range);
static_assert(family_of<std::deque<std::string>>() == family::string_range);
static_assert(family_of<std::list<std::string>>() == family::string_range);
static_assert(family_of<std::forward_list<std::string>>() == family::string_range);
static_assert(family_of<std::unordered_multiset<std::string>>() == family::string_range);
static_assert(family_of<std::string[2]>() == family::string_range);
static_assert(family_of<std::vector<std::array<std::string, 2>>>() == family::string_range);
static_assert(family_of<std::array<std::array<std::string, 2>, 2>>() == family::string_range);
static_assert(family_of<std::string>() == family::string);

static_assert(family_of<std::map<int, double>>() == family::keyed_map);
static_assert(family_of<std::unordered_map<long, Point>>() == family::keyed_map);
static_assert(family_of<std::multimap<int, int>>() == family::keyed_map);
static_assert(family_of<std::map<std::pair<int, int>, std::string>>() == family::keyed_map);
static_assert(family_of<std::map<double, std::vector<int>>>() == family::keyed_map);
static_assert(family_of<std::map<std::string, int>>() == family::string_map);  // string keys: a group of members

// --- tuples and pairs ----------------------------------------------------------------------------
TEST_CASE("tuples and pairs round-trip as tuple:N groups, each element by its own rule") {
  const std::tuple<int, std::string, std::vector<double>, Point> t{-7, "h\xc3\xa9", {1.5, 2.5}, {3, 4}};
  CHECK(round_trip(t, "tuple") == t);
  const std::pair<double, std::string> p{0.25, ""};
  CHECK(round_trip(p, "pair") == p);
  CHECK(round_trip(std::tuple<>{}, "tuple0") == std::tuple<>{});
  const std::tuple<std::int64_t, std::uint64_t> extremes{std::numeric_limits<std::int64_t>::min(),
                                                         std::numeric_limits<std::uint64_t>::max()};
  CHECK(round_trip(extremes, "tuple_extremes") == extremes);
  const std::pair<std::pair<int, int>, std::tuple<>> nested{{1, 2}, {}};
  CHECK(round_trip(nested, "tuple_nested") == nested);

  // Layout, read back part by part: numbers and strings are attributes i0.., the rest children.
  const auto file = scratch("tuple.h5");
  CHECK(dd::load<int>(file, "/data/i0") == -7);
  CHECK(dd::load<std::string>(file, "/data/i1") == "h\xc3\xa9");
  CHECK(dd::load<std::vector<double>>(file, "/data/i2") == std::vector<double>{1.5, 2.5});
  CHECK(dd::load<Point>(file, "/data/i3").y == 4);
  // A tuple:N group is also a list of N elements.
  CHECK(dd::load<std::vector<double>>(scratch("tuple_extremes.h5")).size() == 2);
}

TEST_CASE("tuples load from deepdish lists and tuples; the element count must match") {
  const auto containers = fixture("containers.h5");
  // tup = (1.5, b'raw')
  CHECK(dd::load<std::pair<double, std::string>>(containers, "/tup") == std::pair<double, std::string>{1.5, "raw"});
  CHECK(dd::load<std::tuple<float, std::string>>(containers, "/tup") == std::tuple<float, std::string>{1.5f, "raw"});
  CHECK(dd::load<std::tuple<>>(containers, "/empty_tuple") == std::tuple<>{});
  CHECK(dd::load<std::tuple<>>(containers, "/empty_list") == std::tuple<>{});
  // lst = [1, 'two', None, [3.0]]: a Python list of mixed items is a C++ tuple
  const auto lst = dd::load<std::tuple<int, std::string, Nothing, std::vector<double>>>(containers, "/lst");
  CHECK(std::get<0>(lst) == 1);
  CHECK(std::get<1>(lst) == "two");
  CHECK(std::get<3>(lst) == std::vector<double>{3.0});
  const auto with_none =
      dd::load<std::tuple<int, std::string, std::optional<int>, std::vector<double>>>(containers, "/lst");
  CHECK(!std::get<2>(with_none).has_value());
  CHECK(std::get<1>(with_none) == "two");
  // top_list.h5: [np.arange(5), 100, 'x'] at the top level
  const auto top = dd::load<std::tuple<std::vector<std::int64_t>, int, std::string>>(fixture("top_list.h5"));
  CHECK(std::get<0>(top) == std::vector<std::int64_t>{0, 1, 2, 3, 4});
  CHECK(std::get<1>(top) == 100);
  CHECK(std::get<2>(top) == "x");
  const auto rep = dd::load<std::tuple<double, std::string>>(fixture("rep_nocomp.h5"), "/tup");
  CHECK(std::get<1>(rep) == "raw");

  CHECK_CONTAINS(error_of([&] { dd::load<std::tuple<double>>(containers, "/tup"); }),
                 "containers.h5:/tup: expected a tuple of 1 elements, found tuple:2");
  CHECK_CONTAINS(error_of([&] { dd::load<std::pair<int, int>>(containers, "/nested"); }),
                 "containers.h5:/nested: expected a group titled tuple:2, found a group titled dict:1");
  CHECK_CONTAINS(error_of([&] { dd::load<std::pair<double, int>>(containers, "/tup"); }),
                 "containers.h5:/tup/i1: expected int32, found string");
  CHECK_CONTAINS(error_of([&] { dd::load<std::pair<int, int>>(fixture("arrays.h5"), "/i32"); }),
                 "arrays.h5:/i32: expected a group titled tuple:2, found a dataset of int32 (4,)");
}

// --- deque, list, forward_list -------------------------------------------------------------------
TEST_CASE("deque, list and forward_list of numbers are 1-D datasets; of other things, lists") {
  const std::deque<double> dq{1.5, -0.0, std::numeric_limits<double>::infinity(), 1e-300};
  const auto dq2 = round_trip(dq, "deque");
  REQUIRE(dq2.size() == 4);
  CHECK(std::signbit(dq2[1]));
  CHECK(dq2 == dq);
  const std::list<std::int8_t> li{-128, 0, 127};
  CHECK(round_trip(li, "list") == li);
  const std::forward_list<std::uint64_t> fl{3, 1, std::numeric_limits<std::uint64_t>::max()};
  CHECK(round_trip(fl, "forward_list") == fl);  // order kept
  CHECK(round_trip(std::forward_list<int>{}, "forward_list_empty").empty());
  CHECK(round_trip(std::deque<int>{}, "deque_empty").empty());
  CHECK(round_trip(std::deque<bool>{true, false, true}, "deque_bool") == std::deque<bool>{true, false, true});
  const std::deque<std::array<float, 3>> rows{{1, 2, 3}, {4, 5, 6}};
  CHECK(round_trip(rows, "deque_rows") == rows);
  const std::forward_list<Point> points{{1, 2}, {3, 4}};
  CHECK(round_trip(points, "forward_list_points") == points);
  const std::list<std::vector<int>> ragged{{1}, {}, {2, 3}};
  CHECK(round_trip(ragged, "list_ragged") == ragged);

  // On disk: the same dataset a std::vector writes.
  CHECK(dd::load<std::vector<double>>(scratch("deque.h5")) == std::vector<double>(dq.begin(), dq.end()));
  CHECK(dd::load<std::vector<std::array<float, 3>>>(scratch("deque_rows.h5")).size() == 2);
  CHECK(dd::load<std::vector<std::uint64_t>>(scratch("forward_list.h5")) ==
        std::vector<std::uint64_t>{3, 1, std::numeric_limits<std::uint64_t>::max()});
  CHECK(dd::load<std::vector<bool>>(scratch("deque_bool.h5")) == std::vector<bool>{true, false, true});
  CHECK(dd::load<std::vector<Point>>(scratch("forward_list_points.h5")).at(1).x == 3);
}

TEST_CASE("deque and list of numbers also load from a deepdish list, with conversions") {
  const auto containers = fixture("containers.h5");
  CHECK(dd::load<std::deque<double>>(containers, "/lst/i3") == std::deque<double>{3.0});  // [3.0]
  CHECK(dd::load<std::forward_list<float>>(containers, "/lst/i3") == std::forward_list<float>{3.0f});
  const auto tuple_file = scratch("deque_from_tuple.h5");
  dd::save(tuple_file, std::tuple<int, int, int>{4, 5, 6});
  CHECK(dd::load<std::list<long>>(tuple_file) == std::list<long>{4, 5, 6});
  CHECK(dd::load<std::list<std::int64_t>>(fixture("arrays.h5"), "/i32") == std::list<std::int64_t>{0, 1, 2, 3});
  CHECK_CONTAINS(error_of([&] { dd::load<std::deque<float>>(fixture("arrays.h5"), "/zero_f32"); }),
                 "arrays.h5:/zero_f32: expected shape (*,), found (10, 20, 0)");
  CHECK(dd::load<std::deque<std::int64_t>>(fixture("arrays.h5"), "/zero_i64").empty());  // deepdish's shape vector

  dd::save(tuple_file, std::vector<int>{1, 300});
  CHECK_CONTAINS(error_of([&] { dd::load<std::deque<std::int8_t>>(tuple_file); }),
                 "deque_from_tuple.h5:/data: value 300 at index 1 does not fit int8");
  CHECK_CONTAINS(error_of([&] { dd::load<std::list<double>>(containers, "/nested"); }),
                 "containers.h5:/nested: expected a dataset of float64 (*,), found a group titled dict:1");
  // Loading into an existing list replaces its contents.
  std::list<int> existing{9, 9, 9, 9};
  dd::save(tuple_file, std::deque<int>{1, 2});
  dd::load(tuple_file, "", existing);
  CHECK(existing == std::list<int>{1, 2});
}

TEST_CASE("std::array of non-numbers is a list") {
  const std::array<Point, 2> points{{{1, 2}, {3, 4}}};
  CHECK(round_trip(points, "array_points") == points);
  const std::array<std::vector<int>, 3> ragged{{{1, 2}, {}, {3}}};
  CHECK(round_trip(ragged, "array_ragged") == ragged);
  CHECK_CONTAINS(error_of([&] { dd::load<std::array<std::vector<int>, 2>>(scratch("array_ragged.h5")); }),
                 "array_ragged.h5:/data: expected 2 elements, found list:3");
}

TEST_CASE("ragged vectors are lists, vectors of fixed arrays (n, N) datasets") {
  const std::vector<std::vector<int>> ragged{{1, 2, 3}, {}, {-4}};
  CHECK(round_trip(ragged, "ragged") == ragged);
  CHECK(dd::load<std::vector<int>>(scratch("ragged.h5"), "/data/i2") == std::vector<int>{-4});
  CHECK(dd::load<std::tuple<std::vector<int>, std::vector<int>, std::vector<int>>>(scratch("ragged.h5")) ==
        std::tuple<std::vector<int>, std::vector<int>, std::vector<int>>{{1, 2, 3}, {}, {-4}});
  const std::vector<std::array<double, 3>> points{{1, 2, 3}, {4, 5, 6}};
  CHECK(round_trip(points, "fixed_rows") == points);
  using block = std::array<std::array<double, 3>, 2>;
  CHECK(dd::load<block>(scratch("fixed_rows.h5")) == block{{{1, 2, 3}, {4, 5, 6}}});  // one (2, 3) dataset
  CHECK(round_trip(std::vector<std::array<double, 3>>{}, "fixed_rows_empty").empty());
}

// --- vector<bool>, bitset ------------------------------------------------------------------------
TEST_CASE("vector<bool> and bitset are B8 datasets, one byte per bit") {
  const std::vector<bool> bits{true, false, false, true, true};
  CHECK(round_trip(bits, "vector_bool") == bits);
  CHECK(round_trip(std::vector<bool>{}, "vector_bool_empty").empty());
  std::bitset<70> wide;
  wide.set(0).set(69).set(33);
  CHECK(round_trip(wide, "bitset") == wide);
  CHECK(round_trip(std::bitset<0>{}, "bitset0") == std::bitset<0>{});

  // Element i is bit i, stored as bool.
  const auto stored = dd::load<std::array<bool, 70>>(scratch("bitset.h5"));
  CHECK(stored[0]);
  CHECK(stored[33]);
  CHECK(!stored[34]);
  CHECK(stored[69]);
  CHECK(dd::load<std::array<bool, 5>>(scratch("vector_bool.h5")) ==
        std::array<bool, 5>{true, false, false, true, true});
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::uint8_t>>(scratch("vector_bool.h5")); }),
                 "expected uint8, found bool");
}

TEST_CASE("vector<bool> and bitset load integer 0/1, h5py's enum bool and deepdish lists") {
  const auto file = scratch("bits_in.h5");
  dd::save(file, std::vector<int>{1, 0, 1});
  CHECK(dd::load<std::vector<bool>>(file) == std::vector<bool>{true, false, true});
  CHECK(dd::load<std::bitset<3>>(file) == std::bitset<3>("101"));
  CHECK_CONTAINS(error_of([&] { dd::load<std::bitset<4>>(file); }), "bits_in.h5:/data: expected 4 bools, found 3");
  dd::save(file, std::vector<int>{1, 2});
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<bool>>(file); }), "value 2 at index 1 does not fit bool");
  dd::save(file, std::tuple<bool, bool>{false, true});  // a Python list [False, True]
  CHECK(dd::load<std::vector<bool>>(file) == std::vector<bool>{false, true});
  CHECK(dd::load<std::bitset<2>>(file) == std::bitset<2>("10"));
  CHECK_CONTAINS(error_of([&] { dd::load<std::bitset<3>>(file); }), "bits_in.h5:/data: expected 3 bools, found 2");

  CHECK(dd::load<std::vector<bool>>(fixture("arrays.h5"), "/bool") == std::vector<bool>{true, false});
  CHECK(dd::load<std::bitset<2>>(fixture("arrays_nocomp.h5"), "/bool") == std::bitset<2>("01"));

  const auto h5py = scratch("enum_bool.h5");
  {
    raw_file f(h5py);
    const hid_t t = H5Tenum_create(H5T_NATIVE_INT8);
    signed char v = 0;
    H5Tenum_insert(t, "FALSE", &v);
    v = 1;
    H5Tenum_insert(t, "TRUE", &v);
    const signed char values[4] = {1, 1, 0, 1};
    f.dataset("mask", t, {4}, values);
    H5Tclose(t);
  }
  CHECK(dd::load<std::vector<bool>>(h5py, "/mask") == std::vector<bool>{true, true, false, true});
  CHECK(dd::load<std::bitset<4>>(h5py, "/mask") == std::bitset<4>("1011"));
}

// --- sets ----------------------------------------------------------------------------------------
TEST_CASE("sets of numbers are sorted 1-D datasets; sets of other things lists") {
  const std::set<int> s{5, -3, 9, 0};
  CHECK(round_trip(s, "set") == s);
  CHECK(dd::load<std::vector<int>>(scratch("set.h5")) == std::vector<int>{-3, 0, 5, 9});
  const std::unordered_set<double> u{2.5, -1.0, 1e300, -0.0};
  CHECK(round_trip(u, "unordered_set") == u);
  CHECK(dd::load<std::vector<double>>(scratch("unordered_set.h5")) == std::vector<double>{-1.0, -0.0, 2.5, 1e300});
  const std::multiset<std::uint16_t> m{7, 7, 1, 65535};
  CHECK(round_trip(m, "multiset") == m);
  CHECK(dd::load<std::vector<std::uint16_t>>(scratch("multiset.h5")) == std::vector<std::uint16_t>{1, 7, 7, 65535});
  const std::unordered_multiset<long> um{3, 3, -1};
  CHECK(round_trip(um, "unordered_multiset") == um);
  const std::set<int, std::greater<>> descending{1, 2, 3};
  dd::save(scratch("set_descending.h5"), descending);
  CHECK(dd::load<std::vector<int>>(scratch("set_descending.h5")) == std::vector<int>{3, 2, 1});  // in its own order
  CHECK(round_trip(std::set<int>{}, "set_empty").empty());
  const std::set<Point> points{{1, 2}, {0, 5}};
  CHECK(round_trip(points, "set_points") == points);
  CHECK(dd::load<std::vector<Point>>(scratch("set_points.h5")).front().x == 0);
  const std::set<std::pair<int, int>> pairs{{1, 2}, {1, 1}};
  CHECK(round_trip(pairs, "set_pairs") == pairs);

  // NaN: unordered sets are sorted with NaNs last, and they survive.
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const std::unordered_set<double> with_nan{nan, 1.0, -2.0};
  dd::save(scratch("set_nan.h5"), with_nan);
  const auto stored = dd::load<std::vector<double>>(scratch("set_nan.h5"));
  REQUIRE(stored.size() == 3);
  CHECK(stored[0] == -2.0);
  CHECK(stored[1] == 1.0);
  CHECK(std::isnan(stored[2]));
}

TEST_CASE("sets load from datasets with repeats and from deepdish lists") {
  const auto file = scratch("set_in.h5");
  dd::save(file, std::vector<int>{3, 1, 3, 2});
  CHECK(dd::load<std::set<int>>(file) == std::set<int>{1, 2, 3});
  CHECK(dd::load<std::multiset<int>>(file) == std::multiset<int>{1, 2, 3, 3});
  CHECK(dd::load<std::unordered_set<long>>(file) == std::unordered_set<long>{1, 2, 3});
  dd::save(file, std::tuple<int, int>{4, 4});
  CHECK(dd::load<std::set<int>>(file) == std::set<int>{4});
  CHECK(dd::load<std::set<std::int8_t>>(fixture("arrays.h5"), "/u8") == std::set<std::int8_t>{0, 1, 2, 3, 4});
  CHECK_CONTAINS(error_of([&] { dd::load<std::set<int>>(fixture("arrays.h5"), "/f64_2d"); }),
                 "arrays.h5:/f64_2d: expected shape (*,), found (2, 3)");
  dd::save(file, std::vector<double>{0.5});
  CHECK_CONTAINS(error_of([&] { dd::load<std::set<int>>(file); }), "set_in.h5:/data: expected int32, found float64");
  CHECK_CONTAINS(error_of([&] { dd::load<std::set<Point>>(fixture("arrays.h5"), "/i32"); }),
                 "arrays.h5:/i32: expected a compound dataset (table) of {x, y}, found a dataset of int32 (4,)");
  CHECK_CONTAINS(error_of([&] { dd::load<std::set<std::vector<int>>>(fixture("arrays.h5"), "/i32"); }),
                 "arrays.h5:/i32: expected a group titled list:N, found a dataset of int32 (4,)");
}

// --- ranges of strings ---------------------------------------------------------------------------
TEST_CASE("ranges of strings are 1-D variable-length UTF-8 datasets") {
  const std::vector<std::string> words{"a", "", "h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c", std::string(100000, 'x')};
  CHECK(round_trip(words, "strings") == words);
  CHECK(round_trip(std::vector<std::string>{}, "strings_empty").empty());
  CHECK(round_trip(std::vector<std::string>{""}, "strings_one_empty") == std::vector<std::string>{""});
  const std::array<std::string, 2> pair{"x", "y"};
  CHECK(round_trip(pair, "strings_array") == pair);
  const std::deque<std::string> dq{"d", "e"};
  CHECK(round_trip(dq, "strings_deque") == dq);
  const std::list<std::string> li{"l"};
  CHECK(round_trip(li, "strings_list") == li);
  const std::forward_list<std::string> fl{"3", "1", "2"};
  CHECK(round_trip(fl, "strings_forward_list") == fl);
  const std::set<std::string> set{"b", "a", "\xc3\xa9"};
  CHECK(round_trip(set, "strings_set") == set);
  const std::unordered_set<std::string> uset{"q", "p", "r"};
  CHECK(round_trip(uset, "strings_uset") == uset);
  CHECK(dd::load<std::vector<std::string>>(scratch("strings_uset.h5")) == std::vector<std::string>{"p", "q", "r"});
  const std::multiset<std::string> mset{"z", "z"};
  CHECK(round_trip(mset, "strings_mset") == mset);

  // Blocks of strings add dimensions, like blocks of numbers.
  const std::vector<std::array<std::string, 2>> table{{"a", "b"}, {"c", ""}};
  CHECK(round_trip(table, "strings_rows") == table);
  const std::array<std::array<std::string, 3>, 2> grid{{{"1", "2", "3"}, {"4", "5", "6"}}};
  CHECK(round_trip(grid, "strings_grid") == grid);
  CHECK(dd::load<std::vector<std::array<std::string, 3>>>(scratch("strings_grid.h5")).at(1).at(2) == "6");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::string>>(scratch("strings_grid.h5")); }),
                 "strings_grid.h5:/data: expected shape (*,), found (2, 3)");
  CHECK_CONTAINS(error_of([&] { dd::load<std::array<std::string, 3>>(scratch("strings.h5")); }),
                 "expected shape (3,), found (4,)");
  const std::vector<std::vector<std::string>> ragged{{"a"}, {}, {"b", "c"}};
  CHECK(round_trip(ragged, "strings_ragged") == ragged);
}

TEST_CASE("strings that are not UTF-8 keep their bytes; a NUL byte is refused") {
  const std::vector<std::string> bytes{"ok", "\xff\xfe", "\xc0\xaf"};
  CHECK(round_trip(bytes, "strings_bytes") == bytes);
  const std::vector<std::string> with_nul{"fine", std::string("a\0b", 3)};
  const auto file = scratch("strings_nul.h5");
  CHECK_CONTAINS(error_of([&] { dd::save(file, with_nul); }),
                 "strings_nul.h5:/data: string 1 contains a NUL byte at offset 1");
  struct Holder {
    std::map<int, std::string> names;
  };
  CHECK_CONTAINS(error_of([&] {
                   dd::save(file, Holder{{{1, std::string(1, '\0')}}});
                 }),
                 "strings_nul.h5:/names/values: string 0 contains a NUL byte");
}

TEST_CASE("one fixed-length string attribute loads as its padding says") {
  const auto file = scratch("string_padding.h5");
  {
    raw_file f(file);
    const hid_t root = H5Gopen2(f.id(), "/", H5P_DEFAULT);
    const auto attribute = [&](const char* name, H5T_str_t pad, const std::string& bytes) {
      const hid_t t = H5Tcopy(H5T_C_S1);
      H5Tset_size(t, bytes.size());
      H5Tset_strpad(t, pad);
      const hid_t space = H5Screate(H5S_SCALAR);
      const hid_t a = H5Acreate2(root, name, t, space, H5P_DEFAULT, H5P_DEFAULT);
      H5Awrite(a, t, bytes.data());
      H5Aclose(a);
      H5Sclose(space);
      H5Tclose(t);
    };
    attribute("spacepad", H5T_STR_SPACEPAD, "ab  ");
    attribute("spacepad_full", H5T_STR_SPACEPAD, "abcd");
    attribute("nullterm", H5T_STR_NULLTERM, std::string("a\0b\0", 4));
    attribute("nullpad", H5T_STR_NULLPAD, std::string("a\0b\0", 4));
    attribute("nullpad_full", H5T_STR_NULLPAD, "a b ");
    H5Gclose(root);
  }
  CHECK(dd::load<std::string>(file, "/spacepad") == "ab");
  CHECK(dd::load<std::string>(file, "/spacepad_full") == "abcd");
  CHECK(dd::load<std::string>(file, "/nullterm") == "a");
  CHECK(dd::load<std::string>(file, "/nullpad") == std::string("a\0b", 3));
  CHECK(dd::load<std::string>(file, "/nullpad_full") == "a b ");  // spaces are text where NULs pad
}

TEST_CASE("ranges of strings load from lists of str, fixed-length strings and string attributes") {
  const auto file = scratch("strings_in.h5");
  dd::save(file, std::tuple<std::string, std::string>{"old", "layout"});  // what dd wrote before, and deepdish
  CHECK(dd::load<std::vector<std::string>>(file) == std::vector<std::string>{"old", "layout"});
  CHECK(dd::load<std::set<std::string>>(file) == std::set<std::string>{"layout", "old"});
  CHECK(dd::load<std::forward_list<std::string>>(file) == std::forward_list<std::string>{"old", "layout"});
  CHECK(dd::load<std::vector<std::string>>(fixture("containers.h5"), "/empty_list").empty());

  const auto h5py = scratch("fixed_strings.h5");
  {
    raw_file f(h5py);
    f.fixed_strings("nullterm", 4, H5T_STR_NULLTERM, H5T_CSET_ASCII, {3}, std::string("ab\0\0abcdc\0x\0", 12));
    f.fixed_strings("nullpad", 3, H5T_STR_NULLPAD, H5T_CSET_UTF8, {2}, std::string("\xc3\xa9\0xyz", 6));
    f.fixed_strings("spacepad", 4, H5T_STR_SPACEPAD, H5T_CSET_ASCII, {2, 2}, "a   bb  ccc dddd");
    f.group("g");
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    const char* values[2] = {"attr", nullptr};  // h5py writes no pointer for an unset element
    const hsize_t n = 2;
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t g = H5Gopen2(f.id(), "g", H5P_DEFAULT);
    const hid_t a = H5Acreate2(g, "names", t, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, t, values);
    H5Aclose(a);
    H5Gclose(g);
    H5Sclose(space);
    H5Tclose(t);
  }
  CHECK(dd::load<std::vector<std::string>>(h5py, "/nullterm") == std::vector<std::string>{"ab", "abcd", "c"});
  CHECK(dd::load<std::vector<std::string>>(h5py, "/nullpad") == std::vector<std::string>{"\xc3\xa9", "xyz"});
  using grid = std::array<std::array<std::string, 2>, 2>;
  CHECK(dd::load<grid>(h5py, "/spacepad") == grid{{{"a", "bb"}, {"ccc", "dddd"}}});
  CHECK(dd::load<std::vector<std::string>>(h5py, "/g/names") == std::vector<std::string>{"attr", ""});
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::string>>(h5py, "/g"); }),
                 "fixed_strings.h5:/g: expected a dataset of strings (*,), found a group");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::string>>(fixture("arrays.h5"), "/i32"); }),
                 "arrays.h5:/i32: expected a dataset of strings (*,), found a dataset of int32 (4,)");
}

TEST_CASE("deepdish's S and U string arrays") {
  using grid = std::array<std::array<std::string, 2>, 2>;
  for (const char* name : {"arrays.h5", "arrays_nocomp.h5"}) {
    const auto file = fixture(name);
    CAPTURE(name);
    CHECK(dd::load<grid>(file, "/S") == grid{{{"this", "string"}, {"foo", "bar"}}});
    CHECK(dd::load<grid>(file, "/U") == grid{{{"this", "str\xc3\xa9"}, {"foo", "bar"}}});
    const auto rows = dd::load<std::vector<std::array<std::string, 2>>>(file, "/U");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][1] == "str\xc3\xa9");
    CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::string>>(file, "/U"); }),
                   "expected shape (*,), found (2, 2)");
    const auto large = dd::load<std::vector<std::string>>(file, "/large_U");  // 400 x U4, zlib-compressed in arrays.h5
    REQUIRE(large.size() == 400);
    CHECK(large[0] == "x0");
    CHECK(large[399] == "x399");
  }
  const auto minimal = fixture("minimal_nonpytables.h5");
  CHECK(dd::load<std::vector<std::string>>(minimal, "/data/i3") == std::vector<std::string>{"ab", "c"});
  // i4 has a UTF-8 strtype, which deepdish does not recognise: raw uint8, not strings.
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::string>>(minimal, "/data/i4"); }),
                 "minimal_nonpytables.h5:/data/i4: expected a dataset of strings (*,), found a dataset of uint8 (16,)");
  CHECK(dd::load<std::vector<std::uint8_t>>(minimal, "/data/i4").size() == 16);

  // Emoji (outside the BMP), a bad code point, an inconsistent shape.
  const auto made = scratch("unicode_arrays.h5");
  {
    raw_file f(made);
    const auto good = utf32({U"\U0001F600a", U"", U"\u00e9"}, 2);
    f.dataset("good", H5T_NATIVE_UINT8, {good.size()}, good.data());
    f.string_attribute("good", "strtype", "unicode", H5T_CSET_ASCII);
    const std::int64_t two = 2;
    f.attribute("good", "itemsize", H5T_STD_I64LE, &two);
    const auto bad = utf32({U"a", std::u32string(1, static_cast<char32_t>(0xD800))}, 2);
    f.dataset("bad", H5T_NATIVE_UINT8, {bad.size()}, bad.data());
    f.string_attribute("bad", "strtype", "unicode", H5T_CSET_ASCII);
    f.attribute("bad", "itemsize", H5T_STD_I64LE, &two);
    f.dataset("odd", H5T_NATIVE_UINT8, {good.size() - 1}, good.data());
    f.string_attribute("odd", "strtype", "unicode", H5T_CSET_ASCII);
    f.attribute("odd", "itemsize", H5T_STD_I64LE, &two);
  }
  CHECK(dd::load<std::vector<std::string>>(made, "/good") == std::vector<std::string>{"\xf0\x9f\x98\x80"
                                                                                      "a",
                                                                                      "", "\xc3\xa9"});
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::string>>(made, "/bad"); }),
                 "unicode_arrays.h5:/bad: string 1 of a deepdish unicode array holds 55296");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<std::string>>(made, "/odd"); }),
                 "last dimension must be a multiple of 4 * itemsize = 8, found (23,)");
}

// --- maps with non-string keys -------------------------------------------------------------------
TEST_CASE("maps with non-string keys are map:N groups of keys and values") {
  const std::map<int, double> m{{3, 0.5}, {-1, 2.0}, {std::numeric_limits<int>::max(), -1e300}};
  CHECK(round_trip(m, "map_int") == m);
  const auto file = scratch("map_int.h5");
  CHECK(dd::load<std::vector<int>>(file, "/data/keys") == std::vector<int>{-1, 3, std::numeric_limits<int>::max()});
  CHECK(dd::load<std::vector<double>>(file, "/data/values") == std::vector<double>{2.0, 0.5, -1e300});

  const std::unordered_map<std::int64_t, std::string> names{{10, "ten"}, {-2, "minus two"}, {7, "s\xc3\xa9pt"}};
  CHECK(round_trip(names, "map_names") == names);
  CHECK(dd::load<std::vector<std::int64_t>>(scratch("map_names.h5"), "/data/keys") ==
        std::vector<std::int64_t>{-2, 7, 10});  // unordered: sorted by key
  CHECK(dd::load<std::vector<std::string>>(scratch("map_names.h5"), "/data/values") ==
        std::vector<std::string>{"minus two", "s\xc3\xa9pt", "ten"});

  const std::map<std::pair<int, int>, Point> by_cell{{{0, 1}, {1, 2}}, {{2, 0}, {3, 4}}};
  CHECK(round_trip(by_cell, "map_pairs") == by_cell);
  CHECK(dd::load<std::pair<int, int>>(scratch("map_pairs.h5"), "/data/keys/i1") == std::pair<int, int>{2, 0});

  const std::map<double, std::vector<int>> series{{0.5, {1, 2}}, {-0.5, {}}};
  CHECK(round_trip(series, "map_series") == series);
  const std::map<bool, std::set<int>> flags{{false, {1}}, {true, {}}};
  CHECK(round_trip(flags, "map_bool") == flags);
  const std::multimap<int, int> multi{{1, 10}, {1, 11}, {0, 5}};
  CHECK(round_trip(multi, "multimap") == multi);
  const std::map<int, std::map<int, std::string>> nested{{1, {{2, "x"}}}, {3, {}}};
  CHECK(round_trip(nested, "map_nested") == nested);
  CHECK(round_trip(std::map<int, int>{}, "map_empty").empty());
  const std::unordered_map<double, int> nan_key{{std::numeric_limits<double>::quiet_NaN(), 1}, {2.0, 2}};
  const auto nan_back = round_trip(nan_key, "map_nan");
  REQUIRE(nan_back.size() == 2);
  CHECK(nan_back.at(2.0) == 2);
}

TEST_CASE("integer-keyed maps also load a group named by keys, a list of pairs, or keys/values without TITLE") {
  const auto file = scratch("map_in.h5");
  using named = std::map<std::string, std::map<std::string, double>>;  // what h5py users write
  dd::save(file, named{{"data", {{"1", 0.5}, {"-20", 2.0}, {"300", 3.0}}}});
  CHECK(dd::load<std::map<int, double>>(file, "/data") == std::map<int, double>{{-20, 2.0}, {1, 0.5}, {300, 3.0}});
  CHECK_CONTAINS(
      error_of([&] { dd::load<std::map<std::int8_t, double>>(file, "/data"); }),
      "map_in.h5:/data: expected a group titled map:N with keys and values, or members named by integer keys; "
      "found a member named '300'");
  CHECK_CONTAINS(error_of([&] { dd::load<std::map<unsigned, double>>(file, "/data"); }), "found a member named '-20'");
  CHECK_CONTAINS(error_of([&] { dd::load<std::map<std::pair<int, int>, double>>(file, "/data"); }),
                 "map_in.h5:/data: expected a group titled map:N with keys and values, found a group");

  dd::save(file, std::vector<std::pair<int, std::string>>{{2, "b"}, {1, "a"}});  // a Python list of tuples
  CHECK(dd::load<std::map<int, std::string>>(file) == std::map<int, std::string>{{1, "a"}, {2, "b"}});
  dd::save(file, std::vector<std::pair<int, int>>{{1, 2}, {1, 3}});
  CHECK_CONTAINS(error_of([&] { dd::load<std::map<int, int>>(file); }), "map_in.h5:/data: a key appears twice");
  CHECK(dd::load<std::multimap<int, int>>(file).size() == 2);

  struct KeysValues {
    std::vector<int> keys;
    std::vector<double> values;
  };
  dd::save(file, std::map<std::string, KeysValues>{{"m", {{1, 2}, {0.5, 1.5}}}, {"bad", {{1, 2, 3}, {0.5}}}});
  CHECK(dd::load<std::map<long, float>>(file, "/m") == std::map<long, float>{{1, 0.5f}, {2, 1.5f}});
  CHECK_CONTAINS(error_of([&] { dd::load<std::map<int, double>>(file, "/bad"); }),
                 "map_in.h5:/bad: found 3 keys but 1 values");
  CHECK(dd::load<std::map<int, int>>(fixture("containers.h5"), "/empty_dict").empty());
  CHECK(dd::load<std::map<std::pair<int, int>, int>>(fixture("containers.h5"), "/empty_dict").empty());
  CHECK_CONTAINS(error_of([&] { dd::load<std::map<int, int>>(fixture("arrays.h5"), "/i32"); }),
                 "arrays.h5:/i32: expected a group titled map:N with keys and values, found a dataset of int32 (4,)");
}

// --- everything nested in a struct and in a vector -----------------------------------------------
namespace {
struct Everything {
  std::tuple<int, std::string> t;
  std::pair<double, std::vector<float>> p;
  std::tuple<> nothing;
  std::set<int> s;
  std::unordered_set<double> us;
  std::deque<double> dq;
  std::list<Point> li;
  std::forward_list<int> fl;
  std::vector<bool> vb;
  std::bitset<12> bs;
  std::map<int, std::string> mi;
  std::unordered_map<long, Point> mp;
  std::vector<std::string> words;
  std::array<std::string, 2> two;
  std::set<std::string> tags;
  std::vector<std::array<std::string, 2>> rows;
};

Everything everything(int k) {
  Everything e;
  e.t = {k, "t" + std::to_string(k)};
  e.p = {0.5 * k, {1.0f, static_cast<float>(k)}};
  e.s = {k, -k, 100};
  e.us = {1.5, -k * 1.0};
  e.dq = {1.0, 2.0 * k};
  e.li = {{1, 2}, {3, static_cast<double>(k)}};
  e.fl = {k, k + 1, k + 2};
  e.vb = {true, k % 2 == 0, false};
  e.bs = std::bitset<12>(static_cast<unsigned long>(k * 37 + 1));
  e.mi = {{k, "k"}, {-1, "\xe4\xb8\x96"}};
  e.mp = {{7, {1, 1}}, {static_cast<long>(k) + 100, {2, 2}}};
  e.words = {"w", "", "\xce\xb1"};
  e.two = {"left", "right" + std::to_string(k)};
  e.tags = {"b", "a"};
  e.rows = {{"r0", "c0"}, {"r1", std::to_string(k)}};
  return e;
}

void check_same(const Everything& a, const Everything& b) {
  CHECK(a.t == b.t);
  CHECK(a.p == b.p);
  CHECK(a.s == b.s);
  CHECK(a.us == b.us);
  CHECK(a.dq == b.dq);
  CHECK(a.li == b.li);
  CHECK(a.fl == b.fl);
  CHECK(a.vb == b.vb);
  CHECK(a.bs == b.bs);
  CHECK(a.mi == b.mi);
  CHECK(a.mp == b.mp);
  CHECK(a.words == b.words);
  CHECK(a.two == b.two);
  CHECK(a.tags == b.tags);
  CHECK(a.rows == b.rows);
}
}  // namespace

TEST_CASE("every container family as a struct member, and in a vector of structs") {
  const auto e = everything(3);
  const auto file = scratch("everything.h5");
  dd::save(file, e);
  check_same(dd::load<Everything>(file), e);
  // The members are where the layout says, each readable on its own.
  CHECK(dd::load<std::vector<int>>(file, "/s") == std::vector<int>{-3, 3, 100});
  CHECK(dd::load<std::string>(file, "/t/i1") == "t3");
  CHECK(dd::load<std::vector<std::string>>(file, "/mi/values") == std::vector<std::string>{"\xe4\xb8\x96", "k"});
  CHECK(dd::load<std::vector<std::string>>(file, "/tags") == std::vector<std::string>{"a", "b"});

  const std::vector<Everything> many{everything(1), everything(2), Everything{}};
  const auto loaded = round_trip(many, "everything_vector");
  REQUIRE(loaded.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) check_same(loaded[i], many[i]);

  // Loading into existing objects replaces their contents.
  Everything existing = everything(9);
  dd::load(file, "", existing);
  check_same(existing, e);
}

TEST_CASE("save-and-load of the same container value gives byte-identical files") {
  std::unordered_set<int> a, b;
  for (int i = 0; i < 100; ++i) a.insert(i);
  for (int i = 99; i >= 0; --i) b.insert(i * 1);
  b.rehash(1000);
  dd::save(scratch("same_a.h5"), a);
  dd::save(scratch("same_b.h5"), b);
  CHECK(dd_test::read_bytes(scratch("same_a.h5")) == dd_test::read_bytes(scratch("same_b.h5")));
}
