// The classifier picks the intended family for each type (checked at compile time), and types dd
// cannot map are rejected by concept, not by an obscure instantiation error.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <dd/dd.hpp>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace {
struct Point {
  double x, y;
};
struct Holder {
  Point p;
  std::vector<Point> many;
};
}  // namespace

using dd::family;
using dd::family_of;

static_assert(family_of<int>() == family::scalar);
static_assert(family_of<std::int8_t>() == family::scalar);
static_assert(family_of<std::uint64_t>() == family::scalar);
static_assert(family_of<double>() == family::scalar);
static_assert(family_of<bool>() == family::scalar);
static_assert(family_of<char>() == family::unsupported);  // characters: not numbers, not strings (yet)

static_assert(family_of<std::string>() == family::string);

static_assert(family_of<std::vector<float>>() == family::array);
static_assert(family_of<std::array<int, 3>>() == family::array);
static_assert(family_of<std::array<std::array<double, 3>, 2>>() == family::array);
static_assert(family_of<std::vector<std::array<float, 3>>>() == family::array);
static_assert(family_of<double[4]>() == family::array);
static_assert(family_of<double[2][3]>() == family::array);
static_assert(family_of<std::span<const double>>() == family::array);
static_assert(family_of<std::array<bool, 2>>() == family::array);

static_assert(family_of<std::map<std::string, double>>() == family::map);
static_assert(family_of<std::unordered_map<std::string, Point>>() == family::map);
static_assert(family_of<std::map<int, double>>() == family::unsupported);  // non-string keys come later

static_assert(family_of<std::vector<Point>>() == family::sequence);
static_assert(family_of<std::vector<std::string>>() == family::sequence);
static_assert(family_of<std::vector<std::vector<int>>>() == family::sequence);
static_assert(family_of<std::deque<Point>>() == family::sequence);
static_assert(family_of<std::list<double>>() == family::sequence);  // not contiguous: a list of scalars
static_assert(family_of<std::array<Point, 2>>() == family::sequence);  // an aggregate, but std vocabulary first

static_assert(family_of<Point>() == family::structure);
static_assert(family_of<Holder>() == family::structure);

static_assert(family_of<std::vector<bool>>() == family::unsupported);  // packed bits: not contiguous bools
static_assert(family_of<std::unique_ptr<int>>() == family::unsupported);
static_assert(family_of<int*>() == family::unsupported);

TEST_CASE("classification is checked at compile time") { CHECK(family_of<Point>() == family::structure); }
