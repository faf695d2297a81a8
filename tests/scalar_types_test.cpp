// The scalar-like families: std::complex, long double, character types and std::byte, enums (by
// name), std::chrono durations and time points (with units), std::filesystem::path and the other
// string types. Round trips at the top level, as struct members and inside vectors; the stored
// layout; what is accepted on load (other writers' forms) and the errors for what is not.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <array>
#include <chrono>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <dd/dd.hpp>
#include <deque>
#include <filesystem>
#include <limits>
#include <list>
#include <string>
#include <string_view>
#include <vector>

#include "test_util.hpp"

using dd_test::error_of;

using dd_test::fixture;
using dd_test::scratch;
using namespace std::chrono_literals;
namespace chr = std::chrono;

namespace solver {
enum class Solver { bicgstab = -2, cg = 0, gmres = 3 };
}
using solver::Solver;
enum Leg { LEG_A = 1, LEG_B = 2 };                                      // unscoped, no fixed underlying type
enum class Small : std::uint8_t { lo = 0, hi = 255 };                   // hi lies outside the default range
enum class Far : std::int64_t { near = 1, far = 1000 };                 // far is named through enum_range below
enum Perm : unsigned { perm_read = 1, perm_write = 2, perm_exec = 4 };  // flags: read | write has no name
enum class Nameless : short {};
template <>
struct dd::enum_range<Far> {
  static constexpr int min = 0, max = 1000;
};

namespace {

template <class T>
T round_trip(const T& value, const std::string& name) {
  const auto file = scratch(name + ".h5");
  dd::save(file, value);
  return dd::load<T>(file);
}

template <class T>
bool same_bits(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}
// long double: x86's 80-bit value sits in 16 bytes whose last 6 are padding, so compare values
// (and NaN by class).
bool same_long_double(long double a, long double b) {
  if (std::isnan(a)) return std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

// --- raw HDF5, to write what other programs write and to look at what dd wrote -------------------
struct raw_file {
  hid_t id;
  explicit raw_file(const std::filesystem::path& p, bool create = false)
      : id(create ? H5Fcreate(p.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)
                  : H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
    REQUIRE(id >= 0);
  }
  ~raw_file() { H5Fclose(id); }
};

// A scalar attribute or 1-D dataset of `type` holding `values` (one element: an attribute).
void write_raw(hid_t file, const char* name, hid_t type, const void* values, hsize_t n, bool dataset) {
  const hid_t space = dataset ? H5Screate_simple(1, &n, nullptr) : H5Screate(H5S_SCALAR);
  if (dataset) {
    const hid_t d = H5Dcreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0);
    H5Dclose(d);
  } else {
    const hid_t a = H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(H5Awrite(a, type, values) >= 0);
    H5Aclose(a);
  }
  H5Sclose(space);
}

void write_string_attribute(hid_t object, const char* name, const char* text) {
  const hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t a = H5Acreate2(object, name, t, space, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(H5Awrite(a, t, &text) >= 0);
  H5Aclose(a);
  H5Sclose(space);
  H5Tclose(t);
}

// A scalar dataset of `type` with a `units` attribute: a duration as xarray / netCDF write it.
void write_with_units(hid_t file, const char* name, hid_t type, const void* value, const char* units) {
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t d = H5Dcreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, value) >= 0);
  if (units) write_string_attribute(d, "units", units);
  H5Dclose(d);
  H5Sclose(space);
}

struct attribute_view {
  H5T_class_t cls;
  std::size_t size;
  std::string text;  // a string attribute's value
};
attribute_view look_at_attribute(const std::filesystem::path& file, const char* object, const char* name) {
  raw_file f(file);
  const hid_t a = H5Aopen_by_name(f.id, object, name, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(a >= 0);
  const hid_t t = H5Aget_type(a);
  attribute_view v{H5Tget_class(t), H5Tget_size(t), {}};
  if (v.cls == H5T_STRING && H5Tis_variable_str(t) > 0) {
    char* s = nullptr;
    const hid_t mt = H5Tcopy(t);
    REQUIRE(H5Aread(a, mt, &s) >= 0);
    v.text = s;
    H5free_memory(s);
    H5Tclose(mt);
  } else if (v.cls == H5T_STRING) {  // fixed-length, NUL-terminated or padded
    std::string s(v.size, '\0');
    REQUIRE(H5Aread(a, t, s.data()) >= 0);
    v.text = s.substr(0, s.find('\0'));
  }
  H5Tclose(t);
  H5Aclose(a);
  return v;
}

bool is_dataset(const std::filesystem::path& file, const char* path) {
  raw_file f(file);
  H5O_info_t info;
  if (H5Oget_info_by_name(f.id, path, &info, H5P_DEFAULT) < 0) return false;
  return info.type == H5O_TYPE_DATASET;
}

}  // namespace

// ================================================================================================
// Classification
// ================================================================================================
using dd::detail::family;
using dd::detail::family_of;

static_assert(family_of<std::complex<float>>() == family::complex);
static_assert(family_of<std::complex<double>>() == family::complex);
static_assert(family_of<std::complex<long double>>() == family::complex);
static_assert(family_of<std::vector<std::complex<double>>>() == family::number_range);
static_assert(family_of<std::array<std::complex<float>, 3>>() == family::number_range);
static_assert(family_of<std::array<std::array<std::complex<double>, 2>, 3>>() == family::number_range);
static_assert(family_of<std::complex<double>[4]>() == family::number_range);
static_assert(family_of<std::complex<int>>() == family::unsupported);  // not a numpy type; std leaves it unspecified

static_assert(family_of<long double>() == family::number);
static_assert(family_of<char>() == family::number);
static_assert(family_of<signed char>() == family::number);
static_assert(family_of<unsigned char>() == family::number);
static_assert(family_of<char8_t>() == family::number);
static_assert(family_of<char16_t>() == family::number);
static_assert(family_of<char32_t>() == family::number);
static_assert(family_of<wchar_t>() == family::number);
static_assert(family_of<std::byte>() == family::number);  // an enum class, but a byte: uint8
static_assert(family_of<std::vector<char>>() == family::number_range);
static_assert(family_of<std::vector<std::byte>>() == family::number_range);

static_assert(family_of<Solver>() == family::enumeration);
static_assert(family_of<Leg>() == family::enumeration);
static_assert(family_of<Perm>() == family::enumeration);
static_assert(family_of<std::vector<Solver>>() == family::number_range);
static_assert(family_of<std::array<Leg, 2>>() == family::number_range);

static_assert(family_of<chr::milliseconds>() == family::chrono);
static_assert(family_of<chr::duration<double>>() == family::chrono);
static_assert(family_of<chr::system_clock::time_point>() == family::chrono);
static_assert(family_of<chr::sys_days>() == family::chrono);
static_assert(family_of<std::vector<chr::seconds>>() == family::chrono);
static_assert(family_of<std::array<chr::nanoseconds, 2>>() == family::chrono);
static_assert(family_of<std::list<chr::seconds>>() == family::sequence);  // not contiguous: a list

static_assert(family_of<std::filesystem::path>() == family::string);
static_assert(family_of<std::string_view>() == family::string);
static_assert(family_of<std::u8string>() == family::string);
static_assert(family_of<std::u16string>() == family::string);
static_assert(family_of<std::u32string>() == family::string);
static_assert(family_of<std::wstring>() == family::string);
static_assert(family_of<std::u16string_view>() == family::string);

// ================================================================================================
// std::complex
// ================================================================================================
struct Complexes {
  std::complex<float> c64;
  std::complex<double> c128;
  std::complex<long double> c256;
  std::vector<std::complex<double>> many;
  std::array<std::array<std::complex<float>, 2>, 3> grid;
  std::vector<std::complex<double>> none;
};

TEST_CASE("complex: round trip at the top level, bit for bit, with extremes") {
  using L = std::numeric_limits<double>;
  for (const std::complex<double> z : {std::complex<double>{1, 2},
                                       {-0.0, 0.0},
                                       {L::max(), L::lowest()},
                                       {L::denorm_min(), -L::min()},
                                       {L::infinity(), -L::infinity()},
                                       {L::quiet_NaN(), 1}}) {
    CHECK(same_bits(round_trip(z, "complex_top"), z));
  }
  CHECK(round_trip(std::complex<float>{0.1f, -3e38f}, "complex_f") == std::complex<float>{0.1f, -3e38f});
  const std::complex<long double> third{1.0L / 3, -2.0L / 3};
  const auto back = round_trip(third, "complex_ld");
  CHECK(same_long_double(back.real(), third.real()));
  CHECK(same_long_double(back.imag(), third.imag()));
  const std::complex<long double> huge{std::numeric_limits<long double>::max(),
                                       std::numeric_limits<long double>::denorm_min()};
  const auto huge_back = round_trip(huge, "complex_ld_huge");
  CHECK(huge_back.real() == huge.real());
  CHECK(huge_back.imag() == huge.imag());
}

TEST_CASE("complex: struct members, vectors (empty, one, many) and N-D blocks") {
  Complexes c{{1.5f, -2.5f}, {3, 4}, {5, 6}, {{1, 2}, {3, -4}, {0, 0}}, {}, {}};
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 2; ++j) c.grid[i][j] = {static_cast<float>(i), static_cast<float>(j) + 0.5f};
  const auto file = scratch("complexes.h5");
  dd::save(file, c);
  const auto back = dd::load<Complexes>(file);
  CHECK(back.c64 == c.c64);
  CHECK(back.c128 == c.c128);
  CHECK(back.c256 == c.c256);
  CHECK(back.many == c.many);
  CHECK(back.grid == c.grid);
  CHECK(back.none.empty());
  // The layout: compound {r, i} attributes, compound datasets of the full shape.
  const auto attr = look_at_attribute(file, "/", "c128");
  CHECK(attr.cls == H5T_COMPOUND);
  CHECK(attr.size == 16);
  CHECK(look_at_attribute(file, "/", "c64").size == 8);
  CHECK(look_at_attribute(file, "/", "c256").size == 2 * sizeof(long double));
  CHECK(is_dataset(file, "/many"));
  CHECK(is_dataset(file, "/grid"));
  CHECK(dd::load<std::vector<std::complex<double>>>(file, "/many") == c.many);
  const auto single = std::vector<std::complex<double>>{{7, -7}};
  CHECK(round_trip(single, "complex_single") == single);
  std::deque<std::complex<double>> deq{{1, 1}, {2, 2}};  // not contiguous: copied into one dataset
  CHECK(round_trip(deq, "complex_deque") == deq);
}

TEST_CASE("complex: load converts parts by the number rules, and real numbers") {
  const auto file = scratch("complex_convert.h5");
  struct Wide {
    std::complex<double> small, big;
    double real;
    int whole;
    std::string text;
  };
  dd::save(file, Wide{{0.1, 1e30}, {1e300, 0}, 2.5, 7, "x"});
  const auto narrowed = dd::load<std::complex<float>>(file, "/small");  // float64 -> float32 in range
  CHECK(narrowed == std::complex<float>{0.1f, 1e30f});
  CHECK(dd::load<std::complex<long double>>(file, "/small") == std::complex<long double>{0.1, 1e30});
  CHECK(dd::load<std::complex<double>>(file, "/real") == std::complex<double>{2.5, 0});
  CHECK(dd::load<std::complex<float>>(file, "/whole") == std::complex<float>{7, 0});
  const auto overflow = error_of([&] { (void)dd::load<std::complex<float>>(file, "/big"); });
  CHECK_CONTAINS(overflow, "complex_convert.h5:/big:");
  CHECK_CONTAINS(overflow, "does not fit complex64");
  CHECK_CONTAINS(overflow, "found complex128");
  CHECK(dd::load<std::complex<float>>(file, "/big", {.allow_lossy_conversions = true}).real() ==
        std::numeric_limits<float>::max());
  const auto text = error_of([&] { (void)dd::load<std::complex<double>>(file, "/text"); });
  CHECK_CONTAINS(text, ":/text: expected complex128, found string");
  const auto missing = error_of([&] { (void)dd::load<std::complex<double>>(file, "/nothing"); });
  CHECK_CONTAINS(missing, ":/nothing: not found (expected complex128)");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::vector<std::complex<double>>>(file, "/text"); }),
                 ":/text: expected shape (*,), found scalar");  // the array codec's message
}

TEST_CASE("complex: other writers' compounds: {real, imag}, integer parts, long double parts, wrong members") {
  const auto file = scratch("complex_foreign.h5");
  {
    raw_file f(file, true);
    struct pair_d {
      double re, im;
    } ri{1.25, -2.5};
    const hid_t matlab = H5Tcreate(H5T_COMPOUND, 16);  // MATLAB's names, imaginary part first
    H5Tinsert(matlab, "imag", 8, H5T_NATIVE_DOUBLE);
    H5Tinsert(matlab, "real", 0, H5T_NATIVE_DOUBLE);
    write_raw(f.id, "matlab", matlab, &ri, 1, false);
    H5Tclose(matlab);
    struct pair_s {
      std::int16_t r, i;
    } si[2] = {{3, -4}, {-32768, 32767}};
    const hid_t ints = H5Tcreate(H5T_COMPOUND, 4);
    H5Tinsert(ints, "r", 0, H5T_STD_I16LE);
    H5Tinsert(ints, "i", 2, H5T_STD_I16LE);
    write_raw(f.id, "ints", ints, si, 2, true);
    H5Tclose(ints);
    struct pair_ld {
      long double r, i;
    } ld{1e4000L, 1};
    const hid_t lds = H5Tcreate(H5T_COMPOUND, sizeof ld);
    H5Tinsert(lds, "r", 0, H5T_NATIVE_LDOUBLE);
    H5Tinsert(lds, "i", sizeof(long double), H5T_NATIVE_LDOUBLE);
    write_raw(f.id, "ld_big", lds, &ld, 1, false);
    ld = {0.5L, 2};
    write_raw(f.id, "ld_small", lds, &ld, 1, false);
    H5Tclose(lds);
    const hid_t other = H5Tcreate(H5T_COMPOUND, 16);
    H5Tinsert(other, "x", 0, H5T_NATIVE_DOUBLE);
    H5Tinsert(other, "y", 8, H5T_NATIVE_DOUBLE);
    write_raw(f.id, "xy", other, &ri, 1, false);
    H5Tclose(other);
  }
  CHECK(dd::load<std::complex<double>>(file, "/matlab") == std::complex<double>{1.25, -2.5});
  const auto ints = dd::load<std::vector<std::complex<float>>>(file, "/ints");
  CHECK(ints == std::vector<std::complex<float>>{{3, -4}, {-32768, 32767}});
  CHECK(dd::load<std::complex<double>>(file, "/ld_small") == std::complex<double>{0.5, 2});
  const auto big = error_of([&] { (void)dd::load<std::complex<double>>(file, "/ld_big"); });
  CHECK_CONTAINS(big, ":/ld_big: value 1e+4000 does not fit complex128");  // checked in long double, not made inf
  CHECK(dd::load<std::complex<long double>>(file, "/ld_big").real() == 1e4000L);
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::complex<double>>(file, "/xy"); }),
                 ":/xy: expected complex128, found compound");
}

TEST_CASE("complex: deepdish fixtures (np.complex64 / np.complex128 attributes and arrays)") {
  CHECK(dd::load<std::complex<float>>(fixture("scalars.h5"), "/c64") == std::complex<float>{1, 2});
  CHECK(dd::load<std::complex<double>>(fixture("scalars.h5"), "/c64") == std::complex<double>{1, 2});
  CHECK(dd::load<std::complex<double>>(fixture("scalars.h5"), "/c128") == std::complex<double>{3, 4});
  CHECK(dd::load<std::complex<long double>>(fixture("scalars.h5"), "/c128") == std::complex<long double>{3, 4});
  const std::vector<std::complex<double>> c128{{1, 2}, {3, -4}};
  CHECK(dd::load<std::vector<std::complex<double>>>(fixture("arrays.h5"), "/c128") == c128);
  CHECK(dd::load<std::vector<std::complex<double>>>(fixture("arrays_nocomp.h5"), "/c128") == c128);
  CHECK(dd::load<std::array<std::complex<float>, 2>>(fixture("arrays.h5"), "/c128") ==
        std::array<std::complex<float>, 2>{{{1, 2}, {3, -4}}});
  CHECK(dd::load<std::complex<double>>(fixture("rep_nocomp.h5"), "/c") == std::complex<double>{1, 2});
  CHECK(dd::load<std::complex<double>>(fixture("rep_zlib.h5"), "/c") == std::complex<double>{1, 2});
  struct ScalarsComplex {
    std::complex<float> c64;
    std::complex<double> c128;
    long double f16;  // PyTables' float16 into long double
    long double f;
  };
  const auto s = dd::load<ScalarsComplex>(fixture("scalars.h5"));
  CHECK(s.c64 == std::complex<float>{1, 2});
  CHECK(s.c128 == std::complex<double>{3, 4});
  CHECK(s.f16 == 1.5L);
  CHECK(s.f == 2.5L);
}

// ================================================================================================
// long double, characters, std::byte
// ================================================================================================
struct Chars {
  char c;
  signed char sc;
  unsigned char uc;
  char8_t c8;
  char16_t c16;
  char32_t c32;
  wchar_t wc;
  std::byte b;
  long double ld;
  std::vector<char> bytes;
  std::vector<std::byte> raw;
  std::array<char16_t, 3> units;
};

TEST_CASE("long double: full precision round trip and extremes") {
  using L = std::numeric_limits<long double>;
  for (long double v : {1.0L / 3, L::max(), L::lowest(), L::min(), L::denorm_min(), -0.0L, L::infinity(),
                        L::quiet_NaN(), 1e4000L, 0.1L})
    CHECK(same_long_double(round_trip(v, "long_double"), v));
  const std::vector<long double> values{1.0L / 3, -1e-4000L, 2};
  CHECK(round_trip(values, "long_doubles") == values);
  const auto file = scratch("long_double_narrow.h5");
  dd::save(file, 1e4000L);
  CHECK_CONTAINS(error_of([&] { (void)dd::load<double>(file); }), "value 1e+4000 does not fit float64");
  dd::save(file, 1.0L / 3);
  CHECK(dd::load<double>(file) == 1.0 / 3);  // into floating point: rounded to nearest
  dd::save(file, 0.1);
  CHECK(dd::load<long double>(file) == static_cast<long double>(0.1));  // float64 -> long double is exact
  CHECK(look_at_attribute(file, "/", "data").size == 8);
  dd::save(file, 0.1L);
  CHECK(look_at_attribute(file, "/", "data").size == sizeof(long double));
}

TEST_CASE("characters and std::byte: integers of their width and signedness") {
  const Chars c{'x',
                -128,
                255,
                u8'a',
                u'\u00e9',
                U'\U0001F600',
                L'\u4e16',
                std::byte{0xAB},
                1.0L / 7,
                {'h', 'i', '\0', static_cast<char>(-1)},
                {std::byte{0}, std::byte{255}},
                {u'a', u'\xffff', 0}};
  const auto file = scratch("chars.h5");
  dd::save(file, c);
  const auto back = dd::load<Chars>(file);
  CHECK(back.c == c.c);
  CHECK(back.sc == c.sc);
  CHECK(back.uc == c.uc);
  CHECK(back.c8 == c.c8);
  CHECK(back.c16 == c.c16);
  CHECK(back.c32 == c.c32);
  CHECK(back.wc == c.wc);
  CHECK(back.b == c.b);
  CHECK(back.ld == c.ld);
  CHECK(back.bytes == c.bytes);
  CHECK(back.raw == c.raw);
  CHECK(back.units == c.units);
  CHECK(look_at_attribute(file, "/", "c").cls == H5T_INTEGER);
  CHECK(look_at_attribute(file, "/", "c16").size == 2);
  CHECK(look_at_attribute(file, "/", "c32").size == 4);
  CHECK(look_at_attribute(file, "/", "wc").size == sizeof(wchar_t));
  CHECK(look_at_attribute(file, "/", "b").size == 1);
  CHECK(is_dataset(file, "/bytes"));
  CHECK(round_trip(std::vector<char>{}, "no_chars").empty());
}

TEST_CASE("char takes any 8-bit integer as the same byte; other widths by value") {
  const auto file = scratch("char_bytes.h5");
  struct Stored {
    std::uint8_t high;
    std::int8_t low;
    std::int16_t small;
    std::int16_t big;
    std::vector<std::uint8_t> buffer;
  };
  dd::save(file, Stored{200, -56, 65, 300, {0, 128, 255}});
  CHECK(static_cast<unsigned char>(dd::load<char>(file, "/high")) == 200);
  CHECK(static_cast<unsigned char>(dd::load<char>(file, "/low")) == 200);
  CHECK(dd::load<char>(file, "/small") == 'A');
  CHECK_CONTAINS(error_of([&] { (void)dd::load<char>(file, "/big"); }), "value 300 does not fit int8");
  const auto buffer = dd::load<std::vector<char>>(file, "/buffer");
  REQUIRE(buffer.size() == 3);
  CHECK(static_cast<unsigned char>(buffer[1]) == 128);
  CHECK(dd::load<std::vector<std::byte>>(file, "/buffer")[2] == std::byte{255});
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::byte>(file, "/low"); }), "value -56 does not fit uint8");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<char16_t>(file, "/low"); }), "value -56 does not fit uint16");
}

// ================================================================================================
// Enums
// ================================================================================================
struct Enums {
  Solver solver;
  Leg leg;
  Small small;
  Far far;
  Perm perm;
  Nameless nameless;
  std::vector<Solver> history;
  std::array<Leg, 2> legs;
  std::vector<Perm> flags;
  std::vector<Solver> none;
};

TEST_CASE("enum names are reflected, qualified or not, within enum_range") {
  using dd::reflect::enum_name;
  CHECK(enum_name(Solver::gmres) == "gmres");
  CHECK(enum_name(Solver::bicgstab) == "bicgstab");
  CHECK(enum_name(static_cast<Solver>(7)).empty());
  CHECK(enum_name(LEG_B) == "LEG_B");
  CHECK(enum_name(Small::lo) == "lo");
  CHECK(enum_name(Small::hi).empty());  // 255 is outside the default range
  CHECK(enum_name(Far::far) == "far");  // widened by dd::enum_range<Far>
  CHECK(enum_name(static_cast<Perm>(perm_read | perm_write)).empty());
  CHECK(dd::reflect::enum_entries<Nameless>().empty());
  CHECK(dd::reflect::enum_value<Solver>("cg") == Solver::cg);
  CHECK(!dd::reflect::enum_value<Solver>("CG"));
}

TEST_CASE("enums: stored by name, unnamed values by integer; round trips everywhere") {
  const Enums e{Solver::gmres,
                LEG_A,
                Small::hi,
                Far::far,
                static_cast<Perm>(perm_read | perm_exec),
                static_cast<Nameless>(-3),
                {Solver::cg, Solver::bicgstab, static_cast<Solver>(42), Solver::gmres},
                {LEG_B, LEG_A},
                {perm_read, static_cast<Perm>(7)},
                {}};
  const auto file = scratch("enums.h5");
  dd::save(file, e);
  const auto back = dd::load<Enums>(file);
  CHECK(back.solver == e.solver);
  CHECK(back.leg == e.leg);
  CHECK(back.small == e.small);
  CHECK(back.far == e.far);
  CHECK(back.perm == e.perm);
  CHECK(back.nameless == e.nameless);
  CHECK(back.history == e.history);
  CHECK(back.legs == e.legs);
  CHECK(back.flags == e.flags);
  CHECK(back.none.empty());

  const auto solver = look_at_attribute(file, "/", "solver");
  CHECK(solver.cls == H5T_STRING);
  CHECK(solver.text == "gmres");
  CHECK(look_at_attribute(file, "/", "leg").text == "LEG_A");
  CHECK(look_at_attribute(file, "/", "far").text == "far");
  const auto small = look_at_attribute(file, "/", "small");  // no name: the uint8 underlying integer
  CHECK(small.cls == H5T_INTEGER);
  CHECK(small.size == 1);
  CHECK(look_at_attribute(file, "/", "perm").cls == H5T_INTEGER);
  CHECK(look_at_attribute(file, "/", "nameless").size == 2);
  CHECK(is_dataset(file, "/history"));
  for (Solver s : {Solver::bicgstab, Solver::cg, Solver::gmres, static_cast<Solver>(-100)})
    CHECK(round_trip(s, "enum_top") == s);
  std::list<Leg> legs{LEG_B, LEG_B, LEG_A};  // a non-contiguous sequence of enums
  CHECK(round_trip(legs, "enum_list") == legs);
}

TEST_CASE("enums: load accepts names, integers, h5py enum types; errors name the choices") {
  struct AsInts {
    int solver;
    long leg;
    int big;
    double real;
    std::string bad_name;
    std::string name;
    std::vector<std::int64_t> history;
  };
  const auto file = scratch("enum_forms.h5");
  dd::save(file, AsInts{3, 2, 300, 1.0, "cgs", "bicgstab", {0, 3, -2, 9}});
  CHECK(dd::load<Solver>(file, "/solver") == Solver::gmres);
  CHECK(dd::load<Leg>(file, "/leg") == LEG_B);
  CHECK(dd::load<Solver>(file, "/name") == Solver::bicgstab);
  CHECK(dd::load<std::vector<Solver>>(file, "/history") ==
        std::vector<Solver>{Solver::cg, Solver::gmres, Solver::bicgstab, static_cast<Solver>(9)});
  const auto bad = error_of([&] { (void)dd::load<Solver>(file, "/bad_name"); });
  CHECK_CONTAINS(bad, "enum_forms.h5:/bad_name: 'cgs' is not an enumerator name (one of bicgstab, cg, gmres)");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<Small>(file, "/big"); }),
                 ":/big: value 300 does not fit the enum's uint8");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<Solver>(file, "/real"); }),
                 ":/real: expected an enumerator name or an integer, found float64");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<Solver>(file, "/nothing"); }),
                 "not found (expected an enumerator name)");

  const auto h5py = scratch("enum_h5py.h5");
  {
    raw_file f(h5py, true);
    const hid_t t = H5Tenum_create(H5T_STD_I8LE);  // h5py.enum_dtype({'cg': 0, 'gmres': 1, 'extra': 9}, 'i1')
    for (auto [name, value] : {std::pair{"cg", 0}, {"gmres", 1}, {"extra", 9}, {"purple", 3}}) {
      const auto v = static_cast<signed char>(value);
      H5Tenum_insert(t, name, &v);
    }
    const signed char one = 1;
    write_raw(f.id, "attr", t, &one, 1, false);
    const signed char values[] = {0, 1, 9, 5};
    write_raw(f.id, "data", t, values, 4, true);
    const signed char clash[] = {0, 3};  // 'purple' is 3, which is Solver::gmres in C++
    write_raw(f.id, "clash", t, clash, 2, true);
    H5Tclose(t);
    const char* names[] = {"gmres", "cg", "LEG_A"};
    const hid_t s = H5Tcopy(H5T_C_S1);
    H5Tset_size(s, H5T_VARIABLE);
    write_raw(f.id, "names", s, names, 3, true);
    write_raw(f.id, "good_names", s, names, 2, true);
    H5Tclose(s);
  }
  // By name: the file's gmres (1) is Solver::gmres (3); unknown names and unnamed values by value.
  CHECK(dd::load<Solver>(h5py, "/attr") == Solver::gmres);
  CHECK(dd::load<std::vector<Solver>>(h5py, "/data") ==
        std::vector<Solver>{Solver::cg, Solver::gmres, static_cast<Solver>(9), static_cast<Solver>(5)});
  CHECK_CONTAINS(
      error_of([&] { (void)dd::load<std::vector<Solver>>(h5py, "/clash"); }),
      ":/clash: 'purple' at index 1 is not an enumerator name (one of bicgstab, cg, gmres), and its value is "
      "'gmres' in C++");
  CHECK(dd::load<std::array<Solver, 2>>(h5py, "/good_names") == std::array<Solver, 2>{Solver::gmres, Solver::cg});
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::vector<Solver>>(h5py, "/names"); }),
                 "enum_h5py.h5:/names: 'LEG_A' at index 2 is not an enumerator name");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::array<Solver, 2>>(h5py, "/names"); }),
                 "expected shape (2,), found (3,)");
}

// ================================================================================================
// std::chrono
// ================================================================================================
struct Times {
  chr::nanoseconds ns;
  chr::microseconds us;
  chr::milliseconds ms;
  chr::seconds s;
  chr::minutes min;
  chr::hours h;
  chr::days d;
  chr::weeks w;
  chr::years y;
  chr::duration<double> fs;
  chr::duration<float, std::milli> fms;
  chr::duration<int, std::ratio<1, 3>> thirds;
  chr::duration<std::int64_t, std::pico> ps;
  chr::system_clock::time_point now;
  chr::sys_days day;
  chr::sys_seconds before_1970;
  std::vector<chr::milliseconds> laps;
  std::array<chr::sys_seconds, 2> stamps;
  std::vector<chr::seconds> no_laps;
};

TEST_CASE("chrono: durations and time points round-trip with their units") {
  const Times t{1ns,
                -2us,
                1500ms,
                chr::seconds::max(),
                chr::minutes::min(),
                48h,
                chr::days(-3),
                chr::weeks(2),
                chr::years(1),
                chr::duration<double>(0.1),
                chr::duration<float, std::milli>(2.5f),
                chr::duration<int, std::ratio<1, 3>>(4),
                chr::duration<std::int64_t, std::pico>(123456789),
                chr::system_clock::now(),
                chr::sys_days(chr::year(2024) / 2 / 29),
                chr::sys_seconds(chr::seconds(-86400 * 365)),
                {1ms, 0ms, chr::milliseconds::max()},
                {chr::sys_seconds(0s), chr::sys_seconds(1700000000s)},
                {}};
  const auto file = scratch("times.h5");
  dd::save(file, t);
  const auto back = dd::load<Times>(file);
  CHECK(back.ns == t.ns);
  CHECK(back.us == t.us);
  CHECK(back.ms == t.ms);
  CHECK(back.s == t.s);
  CHECK(back.min == t.min);
  CHECK(back.h == t.h);
  CHECK(back.d == t.d);
  CHECK(back.w == t.w);
  CHECK(back.y == t.y);
  CHECK(back.fs == t.fs);
  CHECK(back.fms == t.fms);
  CHECK(back.thirds == t.thirds);
  CHECK(back.ps == t.ps);
  CHECK(back.now == t.now);
  CHECK(back.day == t.day);
  CHECK(back.before_1970 == t.before_1970);
  CHECK(back.laps == t.laps);
  CHECK(back.stamps == t.stamps);
  CHECK(back.no_laps.empty());

  CHECK(look_at_attribute(file, "/ms", "units").text == "milliseconds");
  CHECK(look_at_attribute(file, "/ns", "units").text == "nanoseconds");
  CHECK(look_at_attribute(file, "/d", "units").text == "days");
  CHECK(look_at_attribute(file, "/w", "units").text == "weeks");
  CHECK(look_at_attribute(file, "/y", "units").text == "31556952 seconds");
  CHECK(look_at_attribute(file, "/fs", "units").text == "seconds");
  CHECK(look_at_attribute(file, "/thirds", "units").text == "1/3 seconds");
  CHECK(look_at_attribute(file, "/ps", "units").text == "1/1000000000000 seconds");
  CHECK(look_at_attribute(file, "/now", "units").text == "nanoseconds since 1970-01-01 00:00:00");
  CHECK(look_at_attribute(file, "/now", "calendar").text == "proleptic_gregorian");
  CHECK(look_at_attribute(file, "/day", "units").text == "days since 1970-01-01 00:00:00");
  CHECK(look_at_attribute(file, "/laps", "units").text == "milliseconds");
  CHECK(is_dataset(file, "/ms"));
  CHECK(round_trip(chr::milliseconds(-7), "duration_top") == chr::milliseconds(-7));
  const std::vector<chr::nanoseconds> one{5ns};
  CHECK(round_trip(one, "durations_top") == one);
}

TEST_CASE("chrono: loading converts units exactly, or fails") {
  struct Stored {
    chr::milliseconds ms;
    chr::milliseconds odd_ms;
    chr::duration<double> secs;
    chr::duration<double> tenth;
    chr::duration<double> tiny;
    chr::hours huge;
    std::vector<chr::milliseconds> laps;
    chr::sys_seconds stamp;
    std::int64_t plain;
  };
  const auto file = scratch("chrono_convert.h5");
  dd::save(file, Stored{3000ms,
                        1500ms,
                        chr::duration<double>(1.5),
                        chr::duration<double>(0.1),
                        chr::duration<double>(0.0005),
                        chr::hours(3000000),
                        {1000ms, 2500ms},
                        chr::sys_seconds(1700000000s),
                        5});
  CHECK(dd::load<chr::seconds>(file, "/ms") == 3s);
  CHECK(dd::load<chr::microseconds>(file, "/ms") == 3000000us);
  CHECK(dd::load<chr::duration<double>>(file, "/odd_ms") == chr::duration<double>(1.5));
  CHECK(dd::load<chr::milliseconds>(file, "/secs") == 1500ms);
  CHECK(dd::load<chr::milliseconds>(file, "/tenth") == 100ms);  // 0.1 s: a whole number of ms in double
  CHECK(dd::load<std::vector<chr::duration<double>>>(file, "/laps") ==
        std::vector<chr::duration<double>>{chr::duration<double>(1), chr::duration<double>(2.5)});
  CHECK(dd::load<chr::system_clock::time_point>(file, "/stamp") == chr::sys_seconds(1700000000s));
  CHECK(dd::load<chr::sys_days>(file, "/stamp", {.allow_lossy_conversions = true}) ==
        chr::floor<chr::days>(chr::sys_seconds(1700000000s)));

  const auto inexact = error_of([&] { (void)dd::load<chr::seconds>(file, "/odd_ms"); });
  CHECK_CONTAINS(inexact, "chrono_convert.h5:/odd_ms: value 1500 in 'milliseconds' is not a whole number of seconds");
  CHECK(dd::load<chr::seconds>(file, "/odd_ms", {.allow_lossy_conversions = true}) == 1s);  // as duration_cast
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::milliseconds>(file, "/tiny"); }),
                 "is not a whole number of milliseconds");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::vector<chr::seconds>>(file, "/laps"); }),
                 "value 2500 in 'milliseconds' at index 1 is not a whole number of seconds");
  const auto overflow = error_of([&] { (void)dd::load<chr::nanoseconds>(file, "/huge"); });
  CHECK_CONTAINS(overflow, ":/huge: value 3000000 in 'hours' does not fit int64 nanoseconds");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::seconds>(file, "/stamp"); }),
                 ":/stamp: expected a duration (a dataset with units, e.g. 'seconds'), found time points");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::sys_seconds>(file, "/ms"); }), "expected time points");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::seconds>(file, "/plain"); }),
                 ":/plain: expected a duration (a dataset with units, e.g. 'seconds'), found an attribute of int64, "
                 "which has no units");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::seconds>(file, "/nothing"); }),
                 ":/nothing: not found (expected a duration");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::seconds>(file, "/laps"); }),
                 "expected one value, found shape (2,)");
}

TEST_CASE("chrono: other writers' units and epochs (CF / xarray style)") {
  const auto file = scratch("chrono_foreign.h5");
  {
    raw_file f(file, true);
    const std::int64_t ten = 10, day = 1;
    const double half = 0.5;
    write_with_units(f.id, "since2000", H5T_NATIVE_INT64, &ten, "seconds since 2000-01-01 00:00:00");
    write_with_units(f.id, "tz", H5T_NATIVE_INT64, &day, "days since 1970-01-02T00:00:00+01:00");
    write_with_units(f.id, "utc", H5T_NATIVE_INT64, &ten, "hours since 1970-01-01 UTC");
    write_with_units(f.id, "short", H5T_NATIVE_INT64, &ten, "ms");
    write_with_units(f.id, "scaled", H5T_NATIVE_INT64, &ten, "10 Seconds");
    write_with_units(f.id, "float_hours", H5T_NATIVE_DOUBLE, &half, "hour");
    write_with_units(f.id, "bad_units", H5T_NATIVE_INT64, &ten, "furlongs");
    write_with_units(f.id, "no_units", H5T_NATIVE_INT64, &ten, nullptr);
    const char* text = "soon";
    const hid_t s = H5Tcopy(H5T_C_S1);
    H5Tset_size(s, H5T_VARIABLE);
    write_with_units(f.id, "text", s, &text, "seconds");
    H5Tclose(s);
  }
  CHECK(dd::load<chr::sys_seconds>(file, "/since2000") == chr::sys_days(chr::year(2000) / 1 / 1) + 10s);
  CHECK(dd::load<chr::sys_seconds>(file, "/tz") == chr::sys_days(chr::year(1970) / 1 / 3) - 1h);
  CHECK(dd::load<chr::sys_seconds>(file, "/utc") == chr::sys_seconds(36000s));
  CHECK(dd::load<chr::microseconds>(file, "/short") == 10000us);
  CHECK(dd::load<chr::seconds>(file, "/scaled") == 100s);
  CHECK(dd::load<chr::minutes>(file, "/float_hours") == 30min);
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::seconds>(file, "/bad_units"); }),
                 ":/bad_units: cannot read the units 'furlongs'");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::seconds>(file, "/no_units"); }),
                 "found a dataset without a 'units' attribute");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<chr::seconds>(file, "/text"); }),
                 ":/text: expected int64, found string");
}

TEST_CASE("chrono: the units parser") {
  using dd::detail::parse_time_unit;
  const auto unit = [](std::string_view text) { return parse_time_unit(text); };
  REQUIRE(unit("milliseconds"));
  CHECK(unit("milliseconds")->den == 1000);
  CHECK(unit("  µs ")->den == 1000000);
  CHECK(unit("1/3 seconds")->den == 3);
  CHECK(unit("2 weeks")->num == 2 * 604800);
  CHECK(unit("Days since 1970-01-01")->time_point);
  CHECK(unit("seconds since 1969-12-31 23:59:59")->epoch == -1);
  CHECK(unit("seconds since 1970-01-01T00:00:00Z")->epoch == 0);
  CHECK(unit("seconds since 1970-01-01 01:00:00 +0100")->epoch == 0);
  CHECK(unit("seconds since 1970-01-01 00:00:00.000")->epoch == 0);
  CHECK(unit("seconds since 1970-01-01 -05:00")->epoch == 5 * 3600);
  for (auto bad : {"", "seconds since", "seconds since 1970-13-01", "seconds since 1970-01-01 00:00:00.5", "0 seconds",
                   "1/0 s", "seconds until 1970-01-01", "seconds extra", "1234567890123456789012 s",
                   "2000000000000000000 s", "1/2000000000000000000 s"})
    CHECK_MESSAGE(!unit(bad), bad);
}

// ================================================================================================
// Strings: path, views, UTF-8/16/32
// ================================================================================================
struct Texts {
  std::filesystem::path file;
  std::filesystem::path unicode;
  std::filesystem::path empty;
  std::u8string u8;
  std::u16string u16;
  std::u32string u32;
  std::wstring w;
  std::vector<std::filesystem::path> search;
};

TEST_CASE("filesystem::path and wide strings: UTF-8 string attributes") {
  const Texts t{"/tmp/dir/file.txt",
                "donn\u00e9es/\u0444\u0430\u0439\u043b.h5",
                {},
                u8"h\u00e9llo",
                u"\u00e9\U0001F600z",
                U"\U0001F600\u4e16",
                L"w\u00e9",
                {"a", "b/c"}};
  const auto file = scratch("texts.h5");
  dd::save(file, t);
  const auto back = dd::load<Texts>(file);
  CHECK(back.file == t.file);
  CHECK(back.unicode == t.unicode);
  CHECK(back.empty.empty());
  CHECK(back.u8 == t.u8);
  CHECK(back.u16 == t.u16);
  CHECK(back.u32 == t.u32);
  CHECK(back.w == t.w);
  CHECK(back.search == t.search);
  CHECK(look_at_attribute(file, "/", "u16").text == "\u00e9\U0001F600z");
  CHECK(look_at_attribute(file, "/", "unicode").text == "donn\u00e9es/\u0444\u0430\u0439\u043b.h5");
  CHECK(dd::load<std::string>(file, "/u32") == "\U0001F600\u4e16");
  CHECK(round_trip(std::filesystem::path("x/y"), "path_top") == "x/y");
}

TEST_CASE("string views save like strings; invalid UTF-16/32 and undecodable bytes are errors") {
  const auto file = scratch("views.h5");
  struct Views {
    std::string_view name;
    std::u16string_view wide;
  };
  const std::string storage = "view text";
  dd::save(file, Views{storage, u"wide"});
  CHECK(dd::load<std::string>(file, "/name") == "view text");
  CHECK(dd::load<std::u16string>(file, "/wide") == u"wide");

  const std::u16string lone{u'a', static_cast<char16_t>(0xD800)};
  CHECK_CONTAINS(error_of([&] { dd::save(scratch("bad16.h5"), lone); }), "not valid UTF-16");
  const std::u32string past{static_cast<char32_t>(0x110000)};
  CHECK_CONTAINS(error_of([&] { dd::save(scratch("bad32.h5"), past); }), "not valid UTF-32");
  dd::save(file, std::string("\xff\xfe"));  // not UTF-8: stored as bytes
  CHECK(dd::load<std::string>(file) == "\xff\xfe");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::u32string>(file); }),
                 ":/data: the stored string is not valid UTF-8");
  CHECK_CONTAINS(error_of([&] { dd::save(scratch("nul.h5"), std::filesystem::path(std::string("a\0b", 3))); }),
                 "NUL byte at offset 1");
  dd::save(file, 42);
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::filesystem::path>(file); }),
                 ":/data: expected string, found an attribute of int32");
}

// ================================================================================================
// Everything together, nested in structs inside vectors; deepdish's other forms
// ================================================================================================
struct Mixed {
  std::complex<double> z;
  Solver solver;
  chr::milliseconds timeout;
  std::filesystem::path output;
  long double precise;
  char16_t unit;
  std::vector<Leg> legs;
  bool operator==(const Mixed&) const = default;
};

TEST_CASE("all scalar-like families as members of structs inside a vector") {
  const std::vector<Mixed> runs{{{1, -1}, Solver::cg, 250ms, "out/a.h5", 1.0L / 3, u'\u00e9', {LEG_A}},
                                {{0, 0}, static_cast<Solver>(11), chr::milliseconds::min(), "", -0.0L, 0, {}},
                                {{-2.5, 1e-300}, Solver::gmres, 0ms, "\u4e16/\u754c", 1e4000L, u'z', {LEG_B, LEG_A}}};
  const auto back = round_trip(runs, "mixed");
  CHECK(back == runs);
  CHECK(round_trip(std::vector<Mixed>{}, "mixed_empty").empty());
  const auto one = std::vector<Mixed>{runs[0]};
  CHECK(round_trip(one, "mixed_one") == one);
}

TEST_CASE("deepdish's other forms: zero-size complex arrays, lists of complex numbers") {
  const auto file = scratch("complex_deepdish.h5");
  {
    raw_file f(file, true);
    const std::int64_t shape[] = {0};  // np.zeros(0, complex128) as deepdish writes it
    write_raw(f.id, "zero", H5T_NATIVE_INT64, shape, 1, true);
    const hid_t d = H5Dopen2(f.id, "zero", H5P_DEFAULT);
    write_string_attribute(d, "zeroarray_dtype", "<c16");
    H5Dclose(d);
    const hid_t g = H5Gcreate2(f.id, "list", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);  // [np.complex128(1+2j), 3j]
    const hid_t title_t = H5Tcopy(H5T_C_S1);
    H5Tset_size(title_t, 6);
    write_raw(g, "TITLE", title_t, "list:2", 1, false);
    H5Tclose(title_t);
    const hid_t c = H5Tcreate(H5T_COMPOUND, 16);
    H5Tinsert(c, "r", 0, H5T_IEEE_F64LE);
    H5Tinsert(c, "i", 8, H5T_IEEE_F64LE);
    const double z0[] = {1, 2}, z1[] = {0, 3};
    write_raw(g, "i0", c, z0, 1, false);
    write_raw(g, "i1", c, z1, 1, false);
    H5Tclose(c);
    H5Gclose(g);
  }
  CHECK(dd::load<std::vector<std::complex<double>>>(file, "/zero").empty());
  CHECK(dd::load<std::vector<std::complex<double>>>(file, "/list") ==
        std::vector<std::complex<double>>{{1, 2}, {0, 3}});
  CHECK(dd::load<std::array<std::complex<float>, 2>>(file, "/list") ==
        std::array<std::complex<float>, 2>{{{1, 2}, {0, 3}}});
}
