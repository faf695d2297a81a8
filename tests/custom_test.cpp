// dd::codec<T>: proxies, field lists, renaming and skipping, custom save/load, opaque bytes.
#include <doctest/doctest.h>

#include <array>
#include <cstring>
#include <dd/dd.hpp>
#include <map>
#include <string>
#include <vector>

#include "test_util.hpp"

using dd_test::round_trip;
using dd_test::scratch;

namespace geo {
// A class dd cannot reflect (a constructor, private members): stored through a proxy.
class Angle {
 public:
  Angle() = default;
  static Angle degrees(double d) { return Angle(d); }
  double degrees() const { return deg_; }
  bool operator==(const Angle&) const = default;

 private:
  explicit Angle(double d) : deg_(d) {}
  double deg_ = 0;
};

// Private members, listed explicitly; one through a getter/setter pair.
class Particle {
 public:
  Particle() = default;
  Particle(std::string name, double mass, int charge) : name_(std::move(name)), mass_(mass), charge_(charge) {}
  int charge() const { return charge_; }
  void set_charge(int c) { charge_ = c; }
  bool operator==(const Particle&) const = default;

 private:
  friend struct dd::codec<Particle>;
  std::string name_;
  double mass_ = 0;
  int charge_ = 0;
};

struct Settings {  // an aggregate whose stored names differ, with a member that is not stored
  double lr = 0;
  int batch = 0;
  std::vector<double> cache;
  bool operator==(const Settings&) const = default;
};

struct Polynomial {  // fully custom: coefficients stored as one dataset plus the degree
  std::vector<double> coefficients;
  bool operator==(const Polynomial&) const = default;
};

struct Pod {  // trivially copyable, opted in to opaque bytes
  int a;
  float b;
  char tag[4];
  bool operator==(const Pod& o) const { return a == o.a && b == o.b && std::memcmp(tag, o.tag, 4) == 0; }
};

struct Blob {  // opaque with its own byte conversion
  std::string text;
  bool operator==(const Blob&) const = default;
};

struct Sample {  // a flat struct with renamed and skipped members: tables use the stored names
  double t = 0;
  float value = 0;
  int scratch = 0;
  bool operator==(const Sample&) const = default;
};

struct Unmapped {  // an aggregate holding a raw pointer: not mappable
  int* p;
};
}  // namespace geo

template <>
struct dd::codec<geo::Angle> {
  using proxy = double;
  static double to(const geo::Angle& a) { return a.degrees(); }
  static geo::Angle from(double d) { return geo::Angle::degrees(d); }
};

template <>
struct dd::codec<geo::Particle> {
  static constexpr auto fields =
      std::tuple{dd::field("name", &geo::Particle::name_), dd::field("mass", &geo::Particle::mass_),
                 dd::field("charge", &geo::Particle::charge, &geo::Particle::set_charge)};
};

template <>
struct dd::codec<geo::Settings> {
  static constexpr std::array rename{dd::renamed{"lr", "learning_rate"}, dd::renamed{"batch", "batch_size"}};
  static constexpr std::array skip{std::string_view("cache")};
};

template <>
struct dd::codec<geo::Sample> {
  static constexpr std::array rename{dd::renamed{"t", "time"}};
  static constexpr std::array skip{std::string_view("scratch")};
};

template <>
struct dd::codec<geo::Polynomial> {
  static void save(dd::writer& out, const geo::Polynomial& p) {
    out.save("coefficients", p.coefficients);
    out.save("degree", static_cast<int>(p.coefficients.size()) - 1);
  }
  static void load(dd::reader& in, geo::Polynomial& p) {
    in.load("coefficients", p.coefficients);
    if (in.load<int>("degree") != static_cast<int>(p.coefficients.size()) - 1) throw std::runtime_error("bad degree");
  }
};

template <>
struct dd::codec<geo::Pod> {
  static constexpr bool opaque = true;
  static constexpr std::string_view tag = "geo.Pod/1";
};

template <>
struct dd::codec<geo::Blob> {
  static std::vector<std::byte> to_bytes(const geo::Blob& b) {
    std::vector<std::byte> out(b.text.size());
    std::memcpy(out.data(), b.text.data(), out.size());
    return out;
  }
  static geo::Blob from_bytes(std::span<const std::byte> bytes) {
    return {std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size())};
  }
};

static_assert(dd::detail::family_of<geo::Angle>() == dd::detail::family::custom);
static_assert(dd::detail::family_of<geo::Settings>() ==
              dd::detail::family::custom);  // the codec overrides the aggregate
static_assert(dd::detail::family_of<dd::opaque<geo::Pod>>() == dd::detail::family::custom);
static_assert(dd::detail::family_of<geo::Unmapped>() ==
              dd::detail::family::structure);  // ... whose member is not mappable
static_assert(dd::detail::family_of<int*>() == dd::detail::family::unsupported);

namespace {
struct Holder {
  geo::Angle heading;
  geo::Particle p;
  geo::Settings s;
  geo::Polynomial poly;
  geo::Pod pod;
  geo::Blob blob;
  dd::opaque<std::array<int, 2>> wrapped;
  std::vector<geo::Angle> angles;
  std::map<std::string, geo::Particle> by_name;
  bool operator==(const Holder&) const = default;
};

Holder sample() {
  return {geo::Angle::degrees(90),
          {"electron", 9.1e-31, -1},
          {0.01, 32, {1, 2, 3}},
          {{1, 0, -2}},
          {7, 1.5f, {'a', 'b', 'c', 'd'}},
          {std::string("bytes\0inside", 12)},
          {{3, 4}},
          {geo::Angle::degrees(1), geo::Angle::degrees(2)},
          {{"p", {"proton", 1.67e-27, 1}}}};
}
}  // namespace

TEST_CASE("every kind of codec round-trips, nested in structs, vectors and maps") {
  auto in = sample();
  auto out = round_trip(in, "custom");
  in.s.cache.clear();  // skipped: not stored, so it loads as the default
  CHECK(out.heading == in.heading);
  CHECK(out.p == in.p);
  CHECK(out.s == in.s);
  CHECK(out.poly == in.poly);
  CHECK(out.pod == in.pod);
  CHECK(out.blob == in.blob);
  CHECK(out.wrapped == in.wrapped);
  CHECK(out.angles == in.angles);
  CHECK(out.by_name == in.by_name);
}

TEST_CASE("the stored layout follows the codec") {
  const auto file = scratch("layout.h5");
  dd::save(file, sample());
  CHECK(dd::load<double>(file, "/heading") == 90);              // proxy: a plain float64
  CHECK(dd::load<std::string>(file, "/p/name") == "electron");  // field list: a group
  CHECK(dd::load<int>(file, "/p/charge") == -1);
  CHECK(dd::load<double>(file, "/s/learning_rate") == 0.01);  // renamed
  CHECK(dd::load<int>(file, "/s/batch_size") == 32);
  CHECK(dd::load<std::vector<double>>(file, "/poly/coefficients") == std::vector<double>{1, 0, -2});
  CHECK(dd::load<int>(file, "/poly/degree") == 2);
  CHECK(dd::load<std::vector<std::uint8_t>>(file, "/pod").size() == sizeof(geo::Pod));  // opaque: uint8 bytes
  CHECK_THROWS_AS(dd::load<std::vector<double>>(file, "/s/cache"), dd::error);          // skipped: absent
}

TEST_CASE("top-level custom groups are the root; proxies go to /data") {
  CHECK(round_trip(geo::Particle{"muon", 1.9e-28, -1}, "top_particle") == geo::Particle{"muon", 1.9e-28, -1});
  const auto file = scratch("top_angle.h5");
  dd::save(file, geo::Angle::degrees(45));
  CHECK(dd::load<double>(file, "/data") == 45);
  CHECK(dd::load<geo::Angle>(file) == geo::Angle::degrees(45));
}

TEST_CASE("opaque bytes check their tag and size") {
  const auto file = scratch("opaque.h5");
  dd::save(file, std::map<std::string, geo::Pod>{{"x", {1, 2, {'w', 'x', 'y', 'z'}}}});
  try {
    static_assert(sizeof(std::array<int, 3>) == sizeof(geo::Pod));
    dd::load<std::map<std::string, dd::opaque<std::array<int, 3>>>>(file);
    FAIL("loaded opaque bytes under another tag");
  } catch (const dd::error& e) {
    CHECK(std::string(e.what()).find("opaque.h5:/x: expected opaque bytes of std::array<int, 3>, found opaque bytes "
                                     "of geo.Pod/1") != std::string::npos);
  }
  dd::save(file, std::vector<int>{1, 2});
  try {
    dd::load<geo::Pod>(file);
    FAIL("loaded plain ints as opaque bytes");
  } catch (const dd::error& e) {
    CHECK(std::string(e.what()).find("without a dd_opaque_type attribute") != std::string::npos);
  }
}

TEST_CASE("custom codecs obey the load policies") {
  const auto file = scratch("policy.h5");
  dd::save(file, std::map<std::string, double>{{"mass", 2.0}});
  try {
    dd::load<geo::Particle>(file);
    FAIL("loaded without members");
  } catch (const dd::error& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].path == "/name");
    CHECK(e.problems()[1].path == "/charge");
  }
  const auto p = dd::load<geo::Particle>(file, {.missing = dd::missing_members::keep_default});
  CHECK(p == geo::Particle{"", 2.0, 0});
}

TEST_CASE("renaming and skipping apply to tables of flat structs (compound member names)") {
  static_assert(dd::detail::family_of<std::vector<geo::Sample>>() == dd::detail::family::table);
  const auto file = scratch("renamed_table.h5");
  const std::vector<geo::Sample> in{{0.5, 1.5f, 99}, {1.0, -2.0f, 98}};
  dd::save(file, in);
  const auto out = dd::load<std::vector<geo::Sample>>(file);
  REQUIRE(out.size() == 2);
  CHECK(out[0] == geo::Sample{0.5, 1.5f, 0});  // scratch is not stored
  CHECK(out[1] == geo::Sample{1.0, -2.0f, 0});
  // the stored member names, seen through a struct with those names
  struct Stored {
    double time;
    float value;
  };
  const auto raw = dd::load<std::vector<Stored>>(file, "", {.unknown = dd::unknown_members::error});
  REQUIRE(raw.size() == 2);
  CHECK(raw[1].time == 1.0);
  CHECK(raw[1].value == -2.0f);
}

// dd::array_traits: a matrix class of our own, laid out like Armadillo's (column-major, resizable),
// and a fixed 2x2 block that cannot change its shape.
namespace linalg {
class Mat {
 public:
  Mat() = default;
  Mat(std::size_t rows, std::size_t cols) { set_size(rows, cols); }
  void set_size(std::size_t rows, std::size_t cols) {
    rows_ = rows;
    cols_ = cols;
    mem_.assign(rows * cols, 0.0);
  }
  double& operator()(std::size_t i, std::size_t j) { return mem_[j * rows_ + i]; }  // column-major
  double operator()(std::size_t i, std::size_t j) const { return mem_[j * rows_ + i]; }
  std::size_t n_rows() const { return rows_; }
  std::size_t n_cols() const { return cols_; }
  double* memptr() { return mem_.data(); }
  const double* memptr() const { return mem_.data(); }

 private:
  std::size_t rows_ = 0, cols_ = 0;
  std::vector<double> mem_;
};

struct Fixed2x2 {
  float v[4];  // row-major, never resized
};
}  // namespace linalg

template <>
struct dd::array_traits<linalg::Mat> {
  using element_type = double;
  static std::vector<std::size_t> shape(const linalg::Mat& m) { return {m.n_rows(), m.n_cols()}; }
  static std::vector<std::size_t> strides(const linalg::Mat& m) { return {1, m.n_rows()}; }
  static const double* data(const linalg::Mat& m) { return m.memptr(); }
  static double* data(linalg::Mat& m) { return m.memptr(); }
  static bool resize(linalg::Mat& m, const std::vector<std::size_t>& shape) {
    if (shape.size() != 2) return false;
    m.set_size(shape[0], shape[1]);
    return true;
  }
  static constexpr std::array<std::size_t, 2> static_shape{std::dynamic_extent, std::dynamic_extent};
};

template <>
struct dd::array_traits<linalg::Fixed2x2> {
  using element_type = float;
  static std::vector<std::size_t> shape(const linalg::Fixed2x2&) { return {2, 2}; }
  static const float* data(const linalg::Fixed2x2& m) { return m.v; }
  static float* data(linalg::Fixed2x2& m) { return m.v; }
};

static_assert(dd::detail::family_of<linalg::Mat>() == dd::detail::family::nd_array);
static_assert(dd::detail::family_of<linalg::Fixed2x2>() == dd::detail::family::nd_array);  // not a struct any more

TEST_CASE("dd::array_traits maps a matrix class: row-major in the file whatever the memory layout") {
  linalg::Mat m(3, 4);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) m(i, j) = 10.0 * double(i) + double(j);
  const auto file = scratch("own_matrix.h5");
  dd::save(file, m);
  // An independent view of the file: a (3, 4) dataset whose (i, j) is m(i, j).
  const auto rows = dd::load<std::vector<std::array<double, 4>>>(file);
  REQUIRE(rows.size() == 3);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) CHECK(rows[i][j] == m(i, j));
  const auto back = dd::load<linalg::Mat>(file);  // resized by the traits
  REQUIRE(back.n_rows() == 3);
  REQUIRE(back.n_cols() == 4);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) CHECK(back(i, j) == m(i, j));
  // A selection reads part of it straight into the matrix.
  const auto part = dd::load<linalg::Mat>(file, "/data", dd::selection{.offset = {1, 1}, .count = {2, 2}});
  REQUIRE(part.n_rows() == 2);
  CHECK(part(0, 0) == 11.0);
  CHECK(part(1, 1) == 22.0);

  // The traits refuse a shape: dd names what the type can hold and what the file has.
  dd::save(file, std::vector<double>{1, 2, 3});
  CHECK_CONTAINS(dd_test::error_of([&] { (void)dd::load<linalg::Mat>(file); }),
                 "own_matrix.h5:/data: expected shape (*, *), found (3,)");

  // Without resize the shape is fixed; strides default to row-major.
  const linalg::Fixed2x2 f{{1, 2, 3, 4}};
  dd::save(file, f);
  CHECK(dd::load<std::array<std::array<float, 2>, 2>>(file) == std::array<std::array<float, 2>, 2>{{{1, 2}, {3, 4}}});
  linalg::Fixed2x2 g{};
  dd::load(file, "", g);
  CHECK(std::equal(std::begin(g.v), std::end(g.v), std::begin(f.v)));
  dd::save(file, std::array<float, 4>{1, 2, 3, 4});
  CHECK_CONTAINS(dd_test::error_of([&] { dd::load(file, "", g); }),
                 "expected shape (2, 2) (the array's own shape, which loading cannot change), found (4,)");
}
