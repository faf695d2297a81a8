// Files written by Python deepdish (tests/data/deepdish, described in
// README.md in that directory) load into the matching C++ types.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <dd/dd.hpp>
#include <map>
#include <string>
#include <vector>

#include "test_util.hpp"

using dd_test::fixture;

namespace {

struct Scalars {  // scalars.h5, less the complex numbers (their family comes later)
  std::int64_t i;
  int neg;
  std::uint64_t u64;
  double f;
  bool b;
  std::string s, s_empty, s_uni, by, by_empty;
  std::int8_t i8;
  std::uint16_t u16;
  float f16;
  float f32;
  bool np_bool;
  double arr0d;
};

struct Inner {
  int x;
};
struct Nested {
  Inner inner;
};
struct Rep {  // rep_nocomp.h5 / rep_zlib.h5, the members of the families dd has today
  Nested nested;
  long i;
  double f;
  bool b;
  std::string s;
  std::string by;
  std::int8_t i8;
  std::uint32_t u32;
  float f32;
  std::vector<std::int32_t> small;
  std::vector<std::array<double, 10>> large;
};

void check_rep(const Rep& r) {
  CHECK(r.nested.inner.x == 1);
  CHECK(r.i == 42);
  CHECK(r.f == 2.5);
  CHECK(r.b == true);
  CHECK(r.s == "text");
  CHECK(r.by == "bytes");
  CHECK(r.i8 == -1);
  CHECK(r.u32 == 7);
  CHECK(r.f32 == 0.5f);
  CHECK(r.small == std::vector<std::int32_t>{0, 1, 2, 3});
  REQUIRE(r.large.size() == 100);
  for (std::size_t row = 0; row < 100; ++row)
    for (std::size_t col = 0; col < 10; ++col) CHECK(r.large[row][col] == static_cast<double>(row * 10 + col));
}

void check_arrays(const std::filesystem::path& file) {
  CHECK(dd::load<std::vector<std::int32_t>>(file, "/i32") == std::vector<std::int32_t>{0, 1, 2, 3});
  CHECK(dd::load<std::array<std::array<double, 3>, 2>>(file, "/f64_2d") ==
        std::array<std::array<double, 3>, 2>{{{0, 1, 2}, {3, 4, 5}}});
  CHECK(dd::load<std::array<bool, 2>>(file, "/bool") == std::array<bool, 2>{true, false});
  CHECK(dd::load<std::vector<std::uint8_t>>(file, "/u8") == std::vector<std::uint8_t>{0, 1, 2, 3, 4});
  CHECK(dd::load<std::vector<float>>(file, "/f16") == std::vector<float>{0, 1, 2});
  CHECK(dd::load<std::vector<double>>(file, "/f16") == std::vector<double>{0, 1, 2});
  CHECK(dd::load<std::vector<std::int64_t>>(file, "/zero_i64").empty());  // deepdish's shape-vector form
  const auto large = dd::load<std::vector<std::array<double, 10>>>(file, "/large_f64");
  REQUIRE(large.size() == 100);
  CHECK(large[99][9] == 999.0);
  CHECK(large[12][3] == 123.0);
}

}  // namespace

TEST_CASE("scalars.h5: every deepdish scalar attribute into its C++ type") {
  const auto s = dd::load<Scalars>(fixture("scalars.h5"));
  CHECK(s.i == 42);
  CHECK(s.neg == -5);
  CHECK(s.u64 == 18446744073709551615ull);
  CHECK(s.f == 2.5);
  CHECK(s.b == true);
  CHECK(s.s == "text");
  CHECK(s.s_empty.empty());  // deepdish writes '' with a NULL dataspace
  CHECK(s.s_uni == "h\xc3\xa9llo \xe4\xb8\x96");
  CHECK(s.by == "bytes");
  CHECK(s.by_empty.empty());
  CHECK(s.i8 == -1);
  CHECK(s.u16 == 7);
  CHECK(s.f16 == 1.5f);  // PyTables' 16-bit float
  CHECK(s.f32 == 0.5f);
  CHECK(s.np_bool == false);
  CHECK(s.arr0d == 12.3);
}

TEST_CASE("containers.h5: nested dicts into structs, empty containers, soft links") {
  const auto file = fixture("containers.h5");
  CHECK(dd::load<Nested>(file, "/nested").inner.x == 1);
  CHECK(dd::load<int>(file, "/nested/inner/x") == 1);
  CHECK(dd::load<std::map<std::string, std::map<std::string, long>>>(file, "/nested").at("inner").at("x") == 1);
  CHECK(dd::load<std::vector<std::string>>(file, "/empty_list").empty());
  CHECK(dd::load<std::vector<Inner>>(file, "/empty_tuple").empty());
  CHECK(dd::load<std::map<std::string, int>>(file, "/empty_dict").empty());
  // lst = [1, 'two', None, [3.0]]: its elements one by one
  CHECK(dd::load<int>(file, "/lst/i0") == 1);
  CHECK(dd::load<std::string>(file, "/lst/i1") == "two");
  CHECK(dd::load<std::vector<double>>(file, "/lst/i3") == std::vector<double>{3.0});  // a Python list of floats
  CHECK(dd::load<double>(file, "/tup/i0") == 1.5);
  CHECK(dd::load<std::string>(file, "/tup/i1") == "raw");
}

TEST_CASE("rep_nocomp.h5 and rep_zlib.h5: the deepdish blog's mixed dict into one struct") {
  check_rep(dd::load<Rep>(fixture("rep_nocomp.h5")));
  check_rep(dd::load<Rep>(fixture("rep_zlib.h5")));  // zlib + shuffle, chunked (819, 10)
}

TEST_CASE("arrays_nocomp.h5 and arrays.h5: numeric arrays of every width, 2-D, bool, float16, zero-size") {
  check_arrays(fixture("arrays_nocomp.h5"));
  check_arrays(fixture("arrays.h5"));
}

TEST_CASE("top-level values saved with deepdish's unpack flag") {
  CHECK(dd::load<int>(fixture("top_scalar.h5")) == 100);
  const auto cube = dd::load<std::vector<std::array<std::array<std::int64_t, 5>, 4>>>(fixture("top_array.h5"));
  REQUIRE(cube.size() == 3);
  CHECK(cube[2][3][4] == 59);
  CHECK(cube[1][0][0] == 20);
  const auto list = fixture("top_list.h5");
  CHECK(dd::load<std::vector<long>>(list, "/data/i0") == std::vector<long>{0, 1, 2, 3, 4});
  CHECK(dd::load<int>(list, "/data/i1") == 100);
  CHECK(dd::load<std::string>(list, "/data/i2") == "x");
}

TEST_CASE("top_sns.h5: a SimpleNamespace loads like a dict") {
  struct Sub {
    std::vector<std::int64_t> c;
  };
  struct Sns {
    int a;
    std::string b;
    Sub sub;
  };
  const auto sns = dd::load<Sns>(fixture("top_sns.h5"));
  CHECK(sns.a == 1);
  CHECK(sns.b == "x");
  CHECK(sns.sub.c == std::vector<std::int64_t>{0, 1, 2});
}

TEST_CASE("links.h5: soft links are followed") {
  const auto file = fixture("links.h5");
  using M = std::array<std::array<double, 2>, 2>;
  const M ones{{{1, 1}, {1, 1}}};
  CHECK(dd::load<M>(file, "/A") == ones);
  CHECK(dd::load<M>(file, "/B") == ones);
  CHECK(dd::load<M>(file, "/g/i0") == ones);
  CHECK(dd::load<M>(file, "/g/i1") == ones);
  // /g/i2 links back to the root: loading /g as a list of arrays meets a group there and says so.
  try {
    dd::load<std::vector<M>>(file, "/g");
    FAIL("a list whose element is the root group loaded as arrays");
  } catch (const dd::error& e) {
    CHECK(std::string(e.what()).find("links.h5:/g/i2: expected a dataset of float64 (2, 2), found a group") !=
          std::string::npos);
  }
}

TEST_CASE("minimal_nonpytables.h5: a file without PyTables bookkeeping") {
  const auto file = fixture("minimal_nonpytables.h5");
  CHECK(dd::load<bool>(file, "/data/i0") == true);
  CHECK(dd::load<std::string>(file, "/data/i1") == "h\xc3\xa9llo");
  CHECK(dd::load<std::string>(file, "/data/i2") == "raw");
}

TEST_CASE("pickled_small.h5: a pickled node is named as such, and its bytes load as dd::pickled") {
  const auto file = fixture("pickled_small.h5");
  try {
    dd::load<std::map<int, std::string>>(file, "/intkeys");
    FAIL("a pickle loaded as a map");
  } catch (const dd::error& e) {
    CHECK(std::string(e.what()).find("pickled_small.h5:/intkeys: expected a group titled map:N with keys and values, "
                                     "found a pickled Python object") != std::string::npos);
  }
  const auto p = dd::load<dd::pickled>(file, "/intkeys");
  REQUIRE(p.bytes.size() == 33);
  CHECK(p.bytes[0] == std::byte{0x80});  // pickle protocol 5
  CHECK(p.bytes[1] == std::byte{0x05});
  // saved back in deepdish's form (deepdish.io.load unpickles it again), it round-trips
  const auto copy = dd_test::scratch("pickle_copy.h5");
  dd::save(copy, std::map<std::string, dd::pickled>{{"intkeys", p}});
  CHECK(dd::load<dd::pickled>(copy, "/intkeys") == p);
  CHECK_THROWS_AS(dd::load<dd::pickled>(fixture("scalars.h5"), "/i"), dd::error);
}
