// The classifier picks the intended family for each type (checked at compile time), in the one
// priority order of codec/classify.hpp. Families with a test file of their own (scalar_types,
// pointers, containers, arrays, compression, custom) pin their near-misses there too.
#include <doctest/doctest.h>

#include <array>
#include <bitset>
#include <chrono>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <dd/dd.hpp>
#include <deque>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace {
struct Point {
  double x, y;
};
struct Holder {
  Point p;
  std::vector<Point> many;
};
enum class Color { red, green };
struct Wrapped {
  int v;
};
}  // namespace

template <>
struct dd::codec<Wrapped> {
  using proxy = int;
  static int to(const Wrapped& w) { return w.v; }
  static Wrapped from(int v) { return {v}; }
};

using dd::detail::family;
using dd::detail::family_of;

// user codecs and wrappers first: they override what the type would otherwise be
static_assert(family_of<Wrapped>() == family::custom);
static_assert(family_of<dd::opaque<Point>>() == family::custom);
static_assert(family_of<dd::compressed<std::vector<double>>>() == family::compressed);

// numbers, characters and bytes
static_assert(family_of<int>() == family::number);
static_assert(family_of<std::int8_t>() == family::number);
static_assert(family_of<std::uint64_t>() == family::number);
static_assert(family_of<double>() == family::number);
static_assert(family_of<long double>() == family::number);
static_assert(family_of<bool>() == family::number);
static_assert(family_of<char>() == family::number);
static_assert(family_of<std::byte>() == family::number);
static_assert(family_of<std::complex<double>>() == family::complex);
static_assert(family_of<Color>() == family::enumeration);

static_assert(family_of<std::string>() == family::string);
static_assert(family_of<std::filesystem::path>() == family::string);
static_assert(family_of<std::chrono::milliseconds>() == family::chrono);

static_assert(family_of<std::optional<int>>() == family::optional);
static_assert(family_of<std::unique_ptr<Point>>() == family::pointer);
static_assert(family_of<std::shared_ptr<int>>() == family::pointer);
static_assert(family_of<std::variant<int, double>>() == family::variant);
static_assert(family_of<std::pair<int, double>>() == family::tuple);
static_assert(family_of<std::tuple<>>() == family::tuple);
static_assert(family_of<std::vector<bool>>() == family::bits);
static_assert(family_of<std::bitset<8>>() == family::bits);

static_assert(family_of<std::vector<float>>() == family::number_range);
static_assert(family_of<std::array<int, 3>>() == family::number_range);
static_assert(family_of<std::array<std::array<double, 3>, 2>>() == family::number_range);
static_assert(family_of<std::vector<std::array<float, 3>>>() == family::number_range);
static_assert(family_of<double[4]>() == family::number_range);
static_assert(family_of<double[2][3]>() == family::number_range);
static_assert(family_of<std::span<const double>>() == family::number_range);
static_assert(family_of<std::array<bool, 2>>() == family::number_range);
static_assert(family_of<std::vector<std::complex<float>>>() == family::number_range);
static_assert(family_of<dd::ndarray<double>>() == family::nd_array);

static_assert(family_of<std::vector<std::string>>() == family::string_range);
static_assert(family_of<std::vector<Point>>() == family::table);  // flat structs: a compound dataset
static_assert(family_of<std::array<Point, 2>>() == family::table);

static_assert(family_of<std::map<std::string, double>>() == family::string_map);
static_assert(family_of<std::unordered_map<std::string, Point>>() == family::string_map);
static_assert(family_of<std::map<int, double>>() == family::keyed_map);
static_assert(family_of<std::set<int>>() == family::set);

static_assert(family_of<std::vector<Holder>>() == family::sequence);  // not flat: a list of groups
static_assert(family_of<std::vector<std::vector<int>>>() == family::sequence);
static_assert(family_of<std::deque<Holder>>() == family::sequence);
static_assert(family_of<std::list<double>>() == family::sequence);

static_assert(family_of<Point>() == family::structure);
static_assert(family_of<Holder>() == family::structure);

static_assert(family_of<int*>() == family::unsupported);
static_assert(family_of<std::weak_ptr<int>>() == family::unsupported);
static_assert(family_of<void (*)()>() == family::unsupported);

TEST_CASE("classification is checked at compile time") { CHECK(family_of<Point>() == family::structure); }
