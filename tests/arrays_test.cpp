// N-D arrays (mdspan-like views in every layout, dd::ndarray) and tables (ranges of flat structs):
// round trips, what the file holds, loading what deepdish and h5py write, and errors.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <dd/dd.hpp>
#include <dd/ndarray.hpp>
#include <deque>
#include <limits>
#include <map>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "mdspan_like.hpp"
#include "test_util.hpp"

using dd_test::error_of;

using dd_test::fixture;
using dd_test::scratch;
using shape_t = std::vector<std::size_t>;

namespace {

constexpr auto dyn = md::dynamic_extent;
using dyn1 = md::extents<int, dyn>;
using dyn2 = md::extents<int, dyn, dyn>;
using dyn3 = md::extents<std::size_t, dyn, dyn, dyn>;
template <class T, class X>
using left = md::mdspan<T, X, md::layout_left>;
template <class T, class X>
using strided = md::mdspan<T, X, md::layout_stride>;

// The dataset as the file holds it (row-major), independent of the view types under test.
template <class T>
dd::ndarray<T> stored(const std::filesystem::path& file, const char* node = "/data") {
  return dd::load<dd::ndarray<T>>(file, node);
}

template <class T>
bool same_bytes(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

// --- records ---------------------------------------------------------------------------------------
struct Particle {  // benchmark W5's record
  double x, y, z;
  float mass;
  std::int32_t id;
};
struct Padded {  // 24 bytes in memory, 12 in the file
  std::int8_t tag;
  double value;
  bool flag;
  std::uint16_t code;
};
struct Inner {
  float a;
  std::int64_t b;
};
struct Rich {
  std::array<double, 3> pos;
  float rgb[3];
  std::array<std::array<std::int16_t, 2>, 2> m;
  std::complex<double> z;
  Inner inner;
  bool on;
  std::array<bool, 2> bits;
  std::uint64_t big;
};
struct NotFlatString {
  double x;
  std::string name;
};
struct NotFlatVector {
  double x;
  std::vector<int> v;
};
struct NoFields {};
struct WithTable {
  std::string label;
  std::vector<Particle> particles;
  std::array<Padded, 2> pair;
};
struct Reordered {
  std::int32_t id;
  double z;
  double x;
};
struct Narrow {
  std::int8_t id;
};
struct Wider {
  double mass;
  std::int64_t id;
};
struct WantsMissing {
  double x;
  double w;
  float q;
};
struct IntMass {
  int mass;
};
struct BoolId {
  bool id;
};
struct Flag {
  bool flag;
  double x;
};

enum class Color : std::uint8_t { red, green, blue };
struct Tagged {  // an enum member: an HDF5 enum in the table
  Color color;
  double value;
};

struct Views {  // mdspan-like views and arrays as struct members
  md::mdspan<float, dyn2> grid;
  left<double, dyn2> matrix;
  dd::ndarray<std::int16_t> volume;
};

}  // namespace

// --- classification ------------------------------------------------------------------------------------
using dd::detail::family;
using dd::detail::family_of;
static_assert(family_of<dd::ndarray<double>>() == family::nd_array);
static_assert(family_of<dd::ndarray<bool>>() == family::nd_array);
static_assert(family_of<dd::ndarray_view<float, 3>>() == family::nd_array);
static_assert(family_of<dd::ndarray_view<const float, 1>>() == family::nd_array);
static_assert(family_of<md::mdspan<int, dyn2>>() == family::nd_array);
static_assert(family_of<md::mdspan<const int, md::extents<int, 3, 4>>>() == family::nd_array);
static_assert(family_of<left<double, dyn3>>() == family::nd_array);
static_assert(family_of<strided<std::uint8_t, dyn1>>() == family::nd_array);
static_assert(family_of<md::mdspan<std::string, dyn1>>() != family::nd_array);  // elements must be numbers
static_assert(family_of<std::vector<double>>() == family::number_range);        // not an mdspan

static_assert(family_of<std::vector<Particle>>() == family::table);
static_assert(family_of<std::array<Particle, 3>>() == family::table);
static_assert(family_of<std::span<const Particle>>() == family::table);
static_assert(family_of<std::vector<Padded>>() == family::table);
static_assert(family_of<std::vector<Rich>>() == family::table);
static_assert(family_of<std::vector<Tagged>>() == family::table);
static_assert(family_of<std::vector<std::array<double, 3>>>() == family::number_range);  // numbers first
static_assert(family_of<std::vector<NotFlatString>>() == family::sequence);              // not flat: a list
static_assert(family_of<std::vector<NotFlatVector>>() == family::sequence);
static_assert(family_of<std::vector<NoFields>>() == family::sequence);
static_assert(family_of<std::deque<Particle>>() == family::sequence);  // not contiguous
static_assert(family_of<Particle>() == family::structure);             // one record alone is a group
static_assert(family_of<WithTable>() == family::structure);

// --- mdspan-like views ---------------------------------------------------------------------------------
TEST_CASE("a layout_right view is written in place and read back into a view") {
  std::vector<int> buf(12);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) buf[static_cast<std::size_t>(i * 4 + j)] = 10 * i + j;
  const md::mdspan<int, dyn2> v(buf.data(), dyn2(3, 4));
  const auto file = scratch("right.h5");
  dd::save(file, v);

  const auto a = stored<int>(file);
  CHECK(a.shape() == shape_t{3, 4});
  CHECK(a(2, 3) == 23);
  CHECK(a(1, 0) == 10);

  std::vector<int> back(12, -1);
  md::mdspan<int, dyn2> w(back.data(), dyn2(3, 4));
  dd::load(file, "/data", w);
  CHECK(back == buf);

  std::vector<int> fixed(12, -1);
  md::mdspan<int, md::extents<int, 3, 4>> s(fixed.data(), md::extents<int, 3, 4>());
  dd::load(file, "", s);
  CHECK(fixed == buf);

  std::vector<int> wrong(12);
  md::mdspan<int, md::extents<int, 4, 3>> t(wrong.data(), md::extents<int, 4, 3>());
  CHECK_CONTAINS(
      error_of([&] { dd::load(file, "/data", t); }),
      "right.h5:/data: expected shape (4, 3) (the array's own shape, which loading cannot change), found (3, 4)");
  md::mdspan<int, dyn1> flat(wrong.data(), dyn1(12));
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/data", flat); }),
                 "expected shape (12,) (the array's own shape, which loading cannot change), found (3, 4)");
}

TEST_CASE("a layout_left (column-major) view is stored as the same matrix, not transposed") {
  std::vector<double> col(12);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) col[static_cast<std::size_t>(i + 3 * j)] = 10 * i + j;
  const left<double, dyn2> v(col.data(), dyn2(3, 4));
  CHECK(v(2, 1) == 21);
  const auto file = scratch("left.h5");
  dd::save(file, v);
  const auto a = stored<double>(file);
  REQUIRE(a.shape() == shape_t{3, 4});
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) CHECK(a(i, j) == static_cast<double>(10 * i + j));

  std::vector<double> back(12, -1);
  left<double, dyn2> w(back.data(), dyn2(3, 4));
  dd::load(file, "/data", w);
  CHECK(back == col);

  // a row-major file read into a column-major view: transposed in memory, same matrix
  std::vector<double> rows(12, -1);
  dd::load(file, "/data", *std::make_unique<md::mdspan<double, dyn2>>(rows.data(), dyn2(3, 4)));
  CHECK(rows[1 * 4 + 2] == 12);
}

TEST_CASE("column-major and permuted 3-D views, with sizes that do not fill the copy tiles") {
  const std::size_t n0 = 37, n1 = 70, n2 = 3;
  std::vector<std::int32_t> mem(n0 * n1 * n2);
  const left<std::int32_t, dyn3> v(mem.data(), dyn3(n0, n1, n2));
  for (std::size_t i = 0; i < n0; ++i)
    for (std::size_t j = 0; j < n1; ++j)
      for (std::size_t k = 0; k < n2; ++k) v(i, j, k) = static_cast<std::int32_t>(i * 10000 + j * 10 + k);
  const auto file = scratch("left3.h5");
  dd::save(file, v);
  const auto a = stored<std::int32_t>(file);
  REQUIRE(a.shape() == shape_t{n0, n1, n2});
  bool all = true;
  for (std::size_t i = 0; i < n0; ++i)
    for (std::size_t j = 0; j < n1; ++j)
      for (std::size_t k = 0; k < n2; ++k) all = all && a(i, j, k) == static_cast<std::int32_t>(i * 10000 + j * 10 + k);
  CHECK(all);

  // strides (3, 1, 3*n1... ) permuted: dimension 1 fastest, then 2, then 0
  std::vector<std::int32_t> perm(mem.size(), -1);
  strided<std::int32_t, dyn3> p(perm.data(), {dyn3(n0, n1, n2), {n1 * n2, 1, n1}});
  dd::load(file, "/data", p);
  all = true;
  for (std::size_t i = 0; i < n0; ++i)
    for (std::size_t j = 0; j < n1; ++j)
      for (std::size_t k = 0; k < n2; ++k) all = all && p(i, j, k) == v(i, j, k);
  CHECK(all);
  dd::save(file, p);
  CHECK(stored<std::int32_t>(file) == a);
}

TEST_CASE("a strided view of row-major memory is written and read in place") {
  std::vector<double> big(4 * 6);
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 6; ++j) big[i * 6 + j] = static_cast<double>(100 * i + j);
  const auto file = scratch("strided.h5");

  // every other column: extents (4, 3), strides (6, 2)
  const strided<double, dyn2> even(big.data(), {dyn2(4, 3), {6, 2}});
  dd::save(file, even);
  auto a = stored<double>(file);
  REQUIRE(a.shape() == shape_t{4, 3});
  CHECK(a(3, 2) == 304);
  CHECK(a(1, 1) == 102);

  std::vector<double> back(24, -1);
  strided<double, dyn2> into(back.data(), {dyn2(4, 3), {6, 2}});
  dd::load(file, "/data", into);
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 6; ++j) CHECK(back[i * 6 + j] == (j % 2 == 0 ? big[i * 6 + j] : -1.0));

  // a 2x2 block starting at (1, 2)
  const strided<double, dyn2> block(big.data() + 8, {dyn2(2, 2), {6, 1}});
  dd::save(file, block);
  a = stored<double>(file);
  CHECK(a.shape() == shape_t{2, 2});
  CHECK(std::vector<double>(a.begin(), a.end()) == std::vector<double>{102, 103, 202, 203});

  // every third element of a vector, and a column of a row-major matrix
  const strided<double, dyn1> third(big.data(), {dyn1(8), {3}});
  dd::save(file, third);
  CHECK(stored<double>(file)(7) == 303);  // big[21]
  const strided<double, dyn1> column(big.data() + 5, {dyn1(4), {6}});
  dd::save(file, column);
  a = stored<double>(file);
  CHECK(std::vector<double>(a.begin(), a.end()) == std::vector<double>{5, 105, 205, 305});

  // widening while reading in place: int32 file into int64 strided memory
  std::vector<std::int32_t> small{1, -2, 3, -4};
  dd::save(file, md::mdspan<std::int32_t, dyn2>(small.data(), dyn2(2, 2)));
  std::vector<std::int64_t> wide(8, 99);
  dd::load(file, "/data",
           *std::make_unique<strided<std::int64_t, dyn2>>(wide.data(),
                                                          md::layout_stride::mapping<dyn2>{dyn2(2, 2), {4, 2}}));
  CHECK(wide == std::vector<std::int64_t>{1, 99, -2, 99, 3, 99, -4, 99});
}

TEST_CASE("a broadcast view (stride 0) saves, but cannot be loaded into") {
  std::vector<float> row{1, 2, 3};
  strided<float, dyn2> repeated(row.data(), {dyn2(2, 3), {0, 1}});
  const auto file = scratch("broadcast.h5");
  dd::save(file, repeated);
  const auto a = stored<float>(file);
  CHECK(std::vector<float>(a.begin(), a.end()) == std::vector<float>{1, 2, 3, 1, 2, 3});
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/data", repeated); }),
                 "cannot load into a view whose elements overlap");
}

TEST_CASE("rank 0, rank 1 and empty views") {
  const auto file = scratch("ranks.h5");
  double one = 2.5;
  const md::mdspan<double, md::extents<int>> scalar(&one, md::extents<int>());
  dd::save(file, scalar);
  auto a = stored<double>(file);
  CHECK(a.rank() == 0);
  CHECK(a() == 2.5);
  double back = 0;
  md::mdspan<double, md::extents<int>> into(&back, md::extents<int>());
  dd::load(file, "/data", into);
  CHECK(back == 2.5);

  std::vector<std::uint64_t> v{0, std::numeric_limits<std::uint64_t>::max()};
  dd::save(file, md::mdspan<std::uint64_t, dyn1>(v.data(), dyn1(2)));
  CHECK(stored<std::uint64_t>(file)(1) == std::numeric_limits<std::uint64_t>::max());

  md::mdspan<float, dyn2> none(nullptr, dyn2(0, 4));
  dd::save(file, none);
  CHECK(stored<float>(file).shape() == shape_t{0, 4});
  dd::load(file, "/data", none);  // nothing to read, shapes agree
  left<float, dyn2> none_left(nullptr, dyn2(4, 0));
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/data", none_left); }),
                 "expected shape (4, 0) (the array's own shape, which loading cannot change), found (0, 4)");
}

TEST_CASE("numbers convert while loading into views, without silent loss") {
  const auto file = scratch("convert.h5");
  std::vector<std::int16_t> s{-3, 7, 32767, -32768};
  dd::save(file, md::mdspan<std::int16_t, dyn2>(s.data(), dyn2(2, 2)));
  std::vector<double> d(4);
  dd::load(file, "/data", *std::make_unique<left<double, dyn2>>(d.data(), dyn2(2, 2)));
  CHECK(d == std::vector<double>{-3, 32767, 7, -32768});  // column-major order in memory

  std::vector<std::int64_t> big{1, 300};
  dd::save(file, md::mdspan<std::int64_t, dyn2>(big.data(), dyn2(1, 2)));
  std::vector<std::int8_t> small(2);
  left<std::int8_t, dyn2> small_view(small.data(), dyn2(1, 2));
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/data", small_view); }), "value 300 at index 1 does not fit int8");
  dd::load(file, "/data", small_view, {.allow_lossy_conversions = true});
  CHECK(small == std::vector<std::int8_t>{1, 127});

  std::vector<double> frac{0.5};
  dd::save(file, md::mdspan<double, dyn1>(frac.data(), dyn1(1)));
  int i = 0;
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/data", *std::make_unique<md::mdspan<int, dyn1>>(&i, dyn1(1))); }),
                 "expected int32, found float64 (a lossy conversion");
}

TEST_CASE("views and arrays as struct members, and errors naming the member") {
  std::vector<float> g{1, 2, 3, 4, 5, 6};
  std::vector<double> m{1, 2, 3, 4};  // column-major [[1, 3], [2, 4]]
  dd::ndarray<std::int16_t> vol({2, 1, 2});
  vol(1, 0, 1) = -9;
  const Views in{{g.data(), dyn2(2, 3)}, {m.data(), dyn2(2, 2)}, vol};
  const auto file = scratch("views.h5");
  dd::save(file, in);
  CHECK(stored<double>(file, "/matrix")(0, 1) == 3);

  std::vector<float> g2(6);
  std::vector<double> m2(4);
  Views out{{g2.data(), dyn2(2, 3)}, {m2.data(), dyn2(2, 2)}, {}};
  dd::load(file, "", out);
  CHECK(g2 == g);
  CHECK(m2 == m);
  CHECK(out.volume == vol);

  std::vector<float> g3(6);
  Views wrong{{g3.data(), dyn2(3, 2)}, {m2.data(), dyn2(2, 2)}, {}};
  CHECK_CONTAINS(
      error_of([&] { dd::load(file, "", wrong); }),
      "views.h5:/grid: expected shape (3, 2) (the array's own shape, which loading cannot change), found (2, 3)");
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/nothing", out.grid); }),
                 "views.h5:/nothing: not found (expected a dataset of float32 (2, 3))");
  dd::save(file, std::map<std::string, Views>{{"a", in}});
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/a", out.grid); }),
                 "views.h5:/a: expected a dataset of float32 (2, 3), found a group");
}

TEST_CASE("compressed column-major arrays") {
  std::vector<double> col(50 * 40);
  std::iota(col.begin(), col.end(), 0.0);
  const left<double, dyn2> v(col.data(), dyn2(50, 40));
  const auto file = scratch("compressed.h5");
  dd::save(file, v, {.compression = dd::deflate(4)});
  std::vector<double> back(col.size());
  dd::load(file, "/data", *std::make_unique<left<double, dyn2>>(back.data(), dyn2(50, 40)));
  CHECK(back == col);
  CHECK(stored<double>(file)(49, 1) == col[49 + 50]);
}

// --- dd::ndarray ---------------------------------------------------------------------------------------
TEST_CASE("ndarray: shape, element access, views, copies") {
  const dd::ndarray<int> empty;
  CHECK(empty.shape() == shape_t{0});
  CHECK(empty.empty());
  dd::ndarray<int> a({2, 3, 4});
  CHECK(a.size() == 24);
  CHECK(a(1, 2, 3) == 0);  // zero-filled like std::vector
  a(1, 2, 3) = 7;
  CHECK(a.data()[23] == 7);
  CHECK(a.at(1, 2, 3) == 7);
  CHECK_THROWS_AS(a.at(1, 3, 0), std::out_of_range);
  CHECK_THROWS_AS(a.at(1, 2), std::out_of_range);
  CHECK_THROWS_AS(a.view<2>(), std::invalid_argument);
  auto v = a.view<3>();
  CHECK(v.extent(2) == 4);
  CHECK(v.stride(0) == 12);
  CHECK(v(1, 2, 3) == 7);
  v(0, 0, 1) = 5;
  CHECK(a(0, 0, 1) == 5);
  dd::ndarray<int> b = a;
  b(0, 0, 0) = 1;
  CHECK(a(0, 0, 0) == 0);
  CHECK(b != a);
  b = a;
  CHECK(b == a);
  b.reshape({4, 6});
  CHECK(b(3, 5) == 7);
  CHECK_THROWS_AS(b.reshape({5, 5}), std::invalid_argument);
  const dd::ndarray<float> filled({2}, 1.5f);
  CHECK(filled(1) == 1.5f);
  CHECK_THROWS_AS(dd::ndarray<double>({std::size_t(1) << 40, std::size_t(1) << 40}), std::length_error);
}

TEST_CASE("ndarray round trips of every rank, with extreme values") {
  const auto file = scratch("ndarray.h5");
  dd::ndarray<double> r0(shape_t{});
  r0() = -0.0;
  dd::save(file, r0);
  const auto b0 = dd::load<dd::ndarray<double>>(file);
  CHECK(b0.rank() == 0);
  CHECK(std::signbit(b0()));

  dd::ndarray<float> r4({2, 3, 1, 2});
  std::iota(r4.begin(), r4.end(), -5.0f);
  r4(1, 2, 0, 1) = std::numeric_limits<float>::infinity();
  r4(0, 0, 0, 0) = std::numeric_limits<float>::quiet_NaN();
  dd::save(file, r4);
  const auto b4 = dd::load<dd::ndarray<float>>(file);
  CHECK(b4.shape() == r4.shape());
  CHECK(std::memcmp(b4.data(), r4.data(), r4.size() * sizeof(float)) == 0);

  dd::ndarray<std::int64_t> ext({2});
  ext(0) = std::numeric_limits<std::int64_t>::min();
  ext(1) = std::numeric_limits<std::int64_t>::max();
  dd::save(file, ext);
  CHECK(dd::load<dd::ndarray<std::int64_t>>(file) == ext);

  dd::ndarray<bool> flags({2, 2}, false);
  flags(1, 0) = true;
  dd::save(file, flags);
  CHECK(dd::load<dd::ndarray<bool>>(file) == flags);

  for (const auto& s : {shape_t{0}, shape_t{10, 20, 0}, shape_t{0, 5, 0}}) {
    dd::save(file, dd::ndarray<std::uint8_t>(s));
    CHECK(dd::load<dd::ndarray<std::uint8_t>>(file).shape() == s);
  }

  dd::ndarray<std::complex<double>> z({2, 1});
  z(0, 0) = {1, -2};
  z(1, 0) = {-0.0, 1e300};
  dd::save(file, z);
  CHECK(dd::load<dd::ndarray<std::complex<double>>>(file) == z);
  CHECK(dd::load<dd::ndarray<std::complex<float>>>(file, {.allow_lossy_conversions = true})(0, 0) ==
        std::complex<float>(1, -2));

  // inside a vector and a map
  const std::vector<dd::ndarray<float>> many{r4, dd::ndarray<float>({3}, 2.0f), {}};
  dd::save(file, many);
  const auto back = dd::load<std::vector<dd::ndarray<float>>>(file);
  REQUIRE(back.size() == 3);
  CHECK(back[1] == many[1]);
  CHECK(back[2].shape() == shape_t{0});
}

TEST_CASE("loading into an existing ndarray reuses its storage when the size matches") {
  const auto file = scratch("reuse.h5");
  dd::save(file, dd::ndarray<double>({3, 4}, 1.0));
  dd::ndarray<double> a({4, 3});
  const double* before = a.data();
  dd::load(file, "", a);
  CHECK(a.data() == before);
  CHECK(a.shape() == shape_t{3, 4});
  CHECK(a(2, 3) == 1.0);
}

TEST_CASE("ndarray loads deepdish's arrays, including both zero-size forms") {
  for (const char* name : {"arrays.h5", "arrays_nocomp.h5"}) {
    CAPTURE(name);
    const auto file = fixture(name);
    const auto zero = dd::load<dd::ndarray<float>>(file, "/zero_f32");  // int64 [10, 20, 0] + zeroarray_dtype
    CHECK(zero.shape() == shape_t{10, 20, 0});
    CHECK(dd::load<dd::ndarray<std::int64_t>>(file, "/zero_i64").shape() == shape_t{0});
    const auto f = dd::load<dd::ndarray<double>>(file, "/f64_2d");
    CHECK(f.shape() == shape_t{2, 3});
    CHECK(f(1, 2) == 5.0);
    const auto large = dd::load<dd::ndarray<double>>(file, "/large_f64");  // chunked + zlib in arrays.h5
    CHECK(large.shape() == shape_t{100, 10});
    CHECK(large(99, 9) == 999.0);
    const auto b = dd::load<dd::ndarray<bool>>(file, "/bool");
    CHECK((b.shape() == shape_t{2} && b(0) && !b(1)));
    const auto h = dd::load<dd::ndarray<float>>(file, "/f16");
    CHECK(std::vector<float>(h.begin(), h.end()) == std::vector<float>{0, 1, 2});
    CHECK(dd::load<dd::ndarray<std::int32_t>>(file, "/i32")(3) == 3);
  }
  const auto top = dd::load<dd::ndarray<std::int64_t>>(fixture("top_array.h5"));  // np.arange(60).reshape(3, 4, 5)
  REQUIRE(top.shape() == shape_t{3, 4, 5});
  CHECK(top(2, 3, 4) == 59);
  CHECK(top(1, 0, 2) == 22);

  // the same file into views: static extents, and column-major memory
  std::vector<std::int64_t> mem(60);
  dd::load(
      fixture("top_array.h5"), "",
      *std::make_unique<md::mdspan<std::int64_t, md::extents<int, 3, 4, 5>>>(mem.data(), md::extents<int, 3, 4, 5>()));
  CHECK(mem[59] == 59);
  left<std::int64_t, dyn3> col(mem.data(), dyn3(3, 4, 5));
  dd::load(fixture("top_array.h5"), "", col);
  CHECK(col(1, 0, 2) == 22);
  CHECK(mem[1] == 20);

  const auto nonpytables = dd::load<dd::ndarray<float>>(fixture("minimal_nonpytables.h5"), "/data/i5");
  CHECK(nonpytables.shape() == shape_t{3, 0});
}

TEST_CASE("ndarray errors") {
  const auto file = scratch("ndarray-errors.h5");
  dd::save(file, dd::ndarray<double>({2}, 0.5));
  CHECK_CONTAINS(error_of([&] { dd::load<dd::ndarray<int>>(file); }),
                 "expected int32, found float64 (a lossy conversion");
  CHECK_CONTAINS(error_of([&] { dd::load<dd::ndarray<int>>(fixture("containers.h5"), "/nested"); }),
                 "containers.h5:/nested: expected a dataset of int32 (any shape), found a group");
  // a scalar attribute is a rank-0 array
  const auto i = dd::load<dd::ndarray<std::int64_t>>(fixture("scalars.h5"), "/i");
  CHECK((i.rank() == 0 && i() == 42));
}

// --- tables --------------------------------------------------------------------------------------------
namespace {
std::vector<Particle> particles(std::size_t n) {
  std::vector<Particle> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = {i * 0.5, -1.0 * static_cast<double>(i), 1e300, static_cast<float>(i) / 4, static_cast<std::int32_t>(i)};
  return v;
}
bool same(const std::vector<Particle>& a, const std::vector<Particle>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(Particle)) == 0);
}

// A compound dataset written with the C API, as h5py or another program might: members in another
// order, a big-endian member, an h5py enum bool or a bitfield holding `raw`.
void write_flag_table(const std::filesystem::path& file, bool enum_bool, unsigned char raw) {
  const hid_t f = H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  hid_t flag_t = H5Tcopy(H5T_STD_B8LE);
  if (enum_bool) {
    H5Tclose(flag_t);
    flag_t = H5Tenum_create(H5T_STD_I8LE);
    const signed char no = 0, yes = 1;
    H5Tenum_insert(flag_t, "FALSE", &no);
    H5Tenum_insert(flag_t, "TRUE", &yes);
  }
  const hid_t t = H5Tcreate(H5T_COMPOUND, 1 + 8 + 4);
  H5Tinsert(t, "x", 0, H5T_IEEE_F64BE);
  H5Tinsert(t, "flag", 8, flag_t);
  H5Tinsert(t, "extra", 9, H5T_STD_I32LE);
  const hsize_t n = 2;
  const hid_t space = H5Screate_simple(1, &n, nullptr);
  const hid_t d = H5Dcreate2(f, "data", t, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  unsigned char rows[2][13] = {};
  const double xs[2] = {1.5, -2.0};
  for (int r = 0; r < 2; ++r) {
    std::uint64_t bits;
    std::memcpy(&bits, &xs[r], 8);
    for (int k = 0; k < 8; ++k) rows[r][k] = static_cast<unsigned char>(bits >> (56 - 8 * k));  // big-endian
    rows[r][8] = r == 0 ? 1 : raw;
  }
  H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows);
  H5Dclose(d);
  H5Sclose(space);
  H5Tclose(t);
  H5Tclose(flag_t);
  H5Fclose(f);
}
}  // namespace

TEST_CASE("a vector of flat structs is one compound dataset, read back bit for bit") {
  const auto file = scratch("table.h5");
  auto v = particles(1000);
  v[1].x = std::numeric_limits<double>::quiet_NaN();
  v[2].mass = -std::numeric_limits<float>::infinity();
  v[3].id = std::numeric_limits<std::int32_t>::min();
  dd::save(file, v);
  CHECK(same(dd::load<std::vector<Particle>>(file), v));
  for (std::size_t n : {0, 1}) {
    dd::save(file, particles(n));
    CHECK(same(dd::load<std::vector<Particle>>(file), particles(n)));
  }
  dd::save(file, v, {.compression = dd::deflate(4)});
  CHECK(same(dd::load<std::vector<Particle>>(file), v));

  const std::array<Particle, 3> fixed{{{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, 15}}};
  dd::save(file, fixed);
  const auto back = dd::load<std::array<Particle, 3>>(file);
  CHECK(std::memcmp(back.data(), fixed.data(), sizeof fixed) == 0);
  CHECK(dd::load<std::vector<Particle>>(file).size() == 3);
  CHECK_CONTAINS(error_of([&] { dd::load<std::array<Particle, 2>>(file); }),
                 "table.h5:/data: expected 2 rows, found 3");
}

TEST_CASE("records with padding, bools, arrays, complex numbers and nested records") {
  const auto file = scratch("rich.h5");
  std::vector<Rich> v(3);
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto& r = v[i];
    const auto d = static_cast<double>(i);
    r.pos = {d, d + 0.25, -d};
    r.rgb[0] = 0.5f;
    r.rgb[2] = static_cast<float>(i);
    r.m = {{{1, 2}, {3, static_cast<std::int16_t>(-i)}}};
    r.z = {d, -d * 2};
    r.inner = {1.5f, -static_cast<std::int64_t>(i) << 40};
    r.on = i % 2 == 1;
    r.bits = {true, i == 2};
    r.big = std::numeric_limits<std::uint64_t>::max() - i;
  }
  dd::save(file, v);
  const auto back = dd::load<std::vector<Rich>>(file);
  REQUIRE(back.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(back[i].pos == v[i].pos);
    CHECK(std::memcmp(back[i].rgb, v[i].rgb, sizeof v[i].rgb) == 0);
    CHECK(back[i].m == v[i].m);
    CHECK(back[i].z == v[i].z);
    CHECK(back[i].inner.a == v[i].inner.a);
    CHECK(back[i].inner.b == v[i].inner.b);
    CHECK(back[i].on == v[i].on);
    CHECK(back[i].bits == v[i].bits);
    CHECK(back[i].big == v[i].big);
  }

  const std::vector<Padded> p{{-128, 1e-300, true, 65535}, {127, -0.0, false, 0}};
  dd::save(file, p);
  const auto q = dd::load<std::vector<Padded>>(file);
  REQUIRE(q.size() == 2);
  CHECK((q[0].tag == -128 && q[0].value == 1e-300 && q[0].flag && q[0].code == 65535));
  CHECK((q[1].tag == 127 && std::signbit(q[1].value) && !q[1].flag && q[1].code == 0));
  // the file type is packed: 1 + 8 + 1 + 2 bytes per row, not sizeof(Padded)
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, "data", H5P_DEFAULT);
  const hid_t t = H5Dget_type(d);
  CHECK(H5Tget_size(t) == 12);
  CHECK(sizeof(Padded) > 12);
  H5Tclose(t);
  H5Dclose(d);
  H5Fclose(f);
}

TEST_CASE("tables nested in structs and vectors") {
  const auto file = scratch("nested-table.h5");
  const WithTable in{"run", particles(4), {{{1, 2.5, true, 3}, {4, 5.5, false, 6}}}};
  dd::save(file, in);
  const auto out = dd::load<WithTable>(file);
  CHECK(out.label == "run");
  CHECK(same(out.particles, in.particles));
  CHECK((out.pair[1].tag == 4 && out.pair[1].value == 5.5 && !out.pair[1].flag && out.pair[1].code == 6));

  const std::vector<std::vector<Particle>> runs{particles(2), {}, particles(3)};
  dd::save(file, runs);
  const auto back = dd::load<std::vector<std::vector<Particle>>>(file);
  REQUIRE(back.size() == 3);
  CHECK(same(back[2], runs[2]));
  CHECK(back[1].empty());
}

TEST_CASE("loading a table matches members by name and converts only without loss") {
  const auto file = scratch("table-load.h5");
  auto v = particles(3);
  dd::save(file, v);

  const auto r = dd::load<std::vector<Reordered>>(file);  // a subset, in another order
  REQUIRE(r.size() == 3);
  CHECK((r[2].id == 2 && r[2].x == 1.0 && r[2].z == 1e300));
  const auto w = dd::load<std::vector<Wider>>(file);  // float32 -> float64, int32 -> int64
  CHECK((w[1].mass == 0.25 && w[1].id == 1));
  const auto n = dd::load<std::vector<Narrow>>(file);  // int32 -> int8 while every value fits
  CHECK(n[2].id == 2);

  v[1].id = 300;
  dd::save(file, v);
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<Narrow>>(file); }),
                 "table-load.h5:/data: a value does not fit its member: 300 (int32) into int8");
  const auto clamped = dd::load<std::vector<Narrow>>(file, {.allow_lossy_conversions = true});
  CHECK(clamped[1].id == 127);

  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<WantsMissing>>(file); }),
                 "table-load.h5:/data: the table lacks members 'w', 'q' (found compound {x, y, z, mass, id};");
  std::vector<WantsMissing> kept(3, WantsMissing{0, 7, 8});
  dd::load(file, "", kept, {.missing = dd::missing_members::keep_default});
  CHECK((kept[2].x == 1.0 && kept[2].w == 7 && kept[2].q == 8));  // HDF5 leaves the other members alone
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<Reordered>>(file, {.unknown = dd::unknown_members::error}); }),
                 "the table has members 'y', 'mass' the C++ type lacks (load_options::unknown is error)");
  CHECK(dd::load<std::vector<Particle>>(file, {.unknown = dd::unknown_members::error}).size() == 3);
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<IntMass>>(file); }),
                 "member 'mass': expected int32, found float32 (a lossy conversion");
  CHECK(dd::load<std::vector<IntMass>>(file, {.allow_lossy_conversions = true})[2].mass == 0);
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<BoolId>>(file); }), "member 'id': expected bool, found int32");

  dd::save(file, std::vector<double>{1, 2, 3});
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<Particle>>(file); }),
                 "expected a compound dataset (table) of {x, y, z, mass, id}, found a dataset of float64 (3,)");
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<Particle>>(file, "/nope"); }),
                 "/nope: not found (expected a compound dataset (table) of {x, y, z, mass, id})");
}

TEST_CASE("a table loads from a list of dicts (deepdish's layout for a Python list)") {
  const auto file = scratch("table-list.h5");
  const auto v = particles(3);
  dd::save(file, std::deque<Particle>(v.begin(), v.end()));  // not contiguous: the list layout
  CHECK(same(dd::load<std::vector<Particle>>(file), v));
}

TEST_CASE("tables written by other programs: enum or bitfield bools, big-endian members, extra members") {
  const auto file = scratch("foreign-table.h5");
  write_flag_table(file, true, 0);
  auto f = dd::load<std::vector<Flag>>(file);
  REQUIRE(f.size() == 2);
  CHECK((f[0].flag && f[0].x == 1.5 && !f[1].flag && f[1].x == -2.0));
  write_flag_table(file, false, 1);
  f = dd::load<std::vector<Flag>>(file);
  CHECK((f[0].flag && f[1].flag && f[1].x == -2.0));
  write_flag_table(file, false, 2);
  CHECK_CONTAINS(error_of([&] { dd::load<std::vector<Flag>>(file); }),
                 "member 'flag' of row 1 holds 2, not a bool (0 or 1)");
  f = dd::load<std::vector<Flag>>(file, {.allow_lossy_conversions = true});
  CHECK(f[1].flag);
}

TEST_CASE("enum members are HDF5 enums; values without a name still round-trip") {
  const auto file = scratch("enum-table.h5");
  const std::vector<Tagged> in{{Color::blue, 1.5}, {Color::red, -2}, {static_cast<Color>(7), 0}};
  dd::save(file, in);
  const auto out = dd::load<std::vector<Tagged>>(file);
  REQUIRE(out.size() == 3);
  CHECK((out[0].color == Color::blue && out[0].value == 1.5));
  CHECK(out[1].color == Color::red);
  CHECK(static_cast<int>(out[2].color) == 7);
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, "data", H5P_DEFAULT);
  const hid_t t = H5Dget_type(d);
  const hid_t member = H5Tget_member_type(t, 0);
  CHECK(H5Tget_class(member) == H5T_ENUM);
  H5Tclose(member);
  H5Tclose(t);
  H5Dclose(d);
  H5Fclose(f);
}
