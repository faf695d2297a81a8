// std::optional, std::unique_ptr / std::shared_ptr (shared objects as soft links, cycles), std::variant
// (tagged, and untagged files), and Boost.Hana / Boost.Describe structs.
//
// Boost.Hana's struct macros are included BEFORE dd (dd detects them); Boost.Describe AFTER dd,
// switched on by the explicit <dd/reflect/describe.hpp>: both ways of enabling an adaptor are tested.
#include <doctest/doctest.h>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <dd/dd.hpp>
#include <dd/h5/links.hpp>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <boost/describe/class.hpp>
#include <dd/reflect/describe.hpp>

#include "test_util.hpp"

using dd_test::error_of;
using dd_test::fixture;
using dd_test::scratch;

namespace {

struct Point {
  double x = 0, y = 0;
  bool operator==(const Point&) const = default;
};
struct Size {  // the same on-disk shape as Point, with other names: a variant must still tell them apart
  double x = 0, y = 0;
  bool operator==(const Size&) const = default;
};

struct Optionals {
  std::optional<int> count;
  std::optional<int> no_count;
  std::optional<std::string> label;
  std::optional<std::string> no_label;
  std::optional<Point> where;
  std::optional<Point> nowhere;
  std::optional<std::vector<double>> values;
  std::optional<std::vector<double>> no_values;
  std::optional<std::int64_t> extreme;
  bool operator==(const Optionals&) const = default;
};

struct Owners {
  std::unique_ptr<int> count;
  std::unique_ptr<int> no_count;
  std::unique_ptr<Point> where;
  std::unique_ptr<Point> nowhere;
  std::shared_ptr<std::string> name;
  std::shared_ptr<const std::vector<double>> values;
};

struct Shared {
  std::shared_ptr<std::vector<double>> a, b;
  std::vector<std::shared_ptr<std::vector<double>>> list;
  std::shared_ptr<int> n, m;  // attributes: stored twice, loaded as two objects
};

struct Node {  // may reach itself: cycles
  int id = 0;
  std::shared_ptr<Node> next;
};

struct Whole {  // an object and its first member have one address
  std::vector<double> v;
  int k = 0;
};
struct Aliasing {
  std::shared_ptr<Whole> whole;
  std::shared_ptr<std::vector<double>> first;
};

struct Variants {
  std::variant<int, long> number;
  std::variant<int, long> other_number;
  std::variant<Point, Size> shape;
  std::variant<std::monostate, int, std::string> maybe;
  std::variant<std::string, std::vector<double>, Point> mixed;
  std::vector<std::variant<int, std::string>> list;
  std::map<std::string, std::variant<double, std::string>> by_name;
  bool operator==(const Variants&) const = default;
};

enum class Color { red, green, blue };

// Boost.Hana: defined in the struct (an aggregate, names from Hana) ...
struct Trainer {
  BOOST_HANA_DEFINE_STRUCT(Trainer, (std::string, name), (double, lr), (std::vector<int>, steps));
  bool operator==(const Trainer&) const = default;
};
// ... adapted from outside: a non-aggregate with a constructor
class Camera {
 public:
  Camera() = default;
  Camera(std::string model, int iso) : model(std::move(model)), iso(iso) {}
  std::string model;
  int iso = 0;
  bool operator==(const Camera&) const = default;
};
// ... and an aggregate adapted with a subset of its fields in another order: Hana's choice wins
struct Partial {
  int kept = 0;
  int skipped = 0;
  std::string first;
};

// Boost.Describe: a class with private members, and one with a described base.
class Account {
 public:
  Account() = default;
  Account(std::string owner, double balance) : owner_(std::move(owner)), balance_(balance) {}
  const std::string& owner() const { return owner_; }
  double balance() const { return balance_; }

 private:
  std::string owner_;
  double balance_ = 0;
  BOOST_DESCRIBE_CLASS(Account, (), (), (), (owner_, balance_))
};
struct Base {
  int id = 0;
};
BOOST_DESCRIBE_STRUCT(Base, (), (id))
struct Derived : Base {
  std::string tag;
};
BOOST_DESCRIBE_STRUCT(Derived, (Base), (tag))

struct ThrowsOnCopy {  // leaves a variant valueless
  ThrowsOnCopy() = default;
  ThrowsOnCopy(const ThrowsOnCopy&) { throw std::runtime_error("copy"); }
  ThrowsOnCopy& operator=(const ThrowsOnCopy&) = default;
  int x = 0;
};

struct Namespace {  // top_sns.h5: a deepdish SimpleNamespace root
  std::int64_t a = 0;
  std::string b;
  struct Sub {
    std::vector<std::int64_t> c;
  } sub;
};

}  // namespace

BOOST_HANA_ADAPT_STRUCT(Camera, model, iso);
BOOST_HANA_ADAPT_STRUCT(Partial, first, kept);
BOOST_HANA_ADAPT_STRUCT(ThrowsOnCopy, x);
BOOST_HANA_ADAPT_STRUCT(Namespace, a, b, sub);
BOOST_HANA_ADAPT_STRUCT(Namespace::Sub, c);

// --- the classifier ---------------------------------------------------------------------------------
static_assert(dd::detail::family_of<std::optional<int>>() == dd::detail::family::optional);
static_assert(dd::detail::family_of<std::optional<std::string>>() == dd::detail::family::optional);
static_assert(dd::detail::family_of<std::optional<Point>>() == dd::detail::family::optional);
static_assert(dd::detail::family_of<std::optional<std::vector<double>>>() == dd::detail::family::optional);
static_assert(dd::detail::family_of<std::unique_ptr<int>>() == dd::detail::family::pointer);
static_assert(dd::detail::family_of<std::unique_ptr<Point>>() == dd::detail::family::pointer);
static_assert(dd::detail::family_of<std::shared_ptr<std::vector<double>>>() == dd::detail::family::pointer);
static_assert(dd::detail::family_of<std::shared_ptr<const std::string>>() == dd::detail::family::pointer);
static_assert(dd::detail::family_of<std::variant<int, long>>() == dd::detail::family::variant);
static_assert(dd::detail::family_of<std::variant<std::monostate, Point>>() == dd::detail::family::variant);
static_assert(dd::detail::family_of<Trainer>() == dd::detail::family::adapted);
static_assert(dd::detail::family_of<Camera>() == dd::detail::family::adapted);
static_assert(dd::detail::family_of<Partial>() == dd::detail::family::adapted);  // an aggregate, but Hana-adapted
static_assert(dd::detail::family_of<Account>() == dd::detail::family::adapted);
static_assert(dd::detail::family_of<Derived>() == dd::detail::family::adapted);
// near misses
namespace {
struct FreeDeleter {
  void operator()(int*) const {}
};
}  // namespace
static_assert(dd::detail::family_of<Point>() == dd::detail::family::structure);  // a plain aggregate is not "adapted"
static_assert(dd::detail::family_of<int*>() == dd::detail::family::unsupported);
static_assert(dd::detail::family_of<std::unique_ptr<int[]>>() == dd::detail::family::unsupported);
static_assert(dd::detail::family_of<std::shared_ptr<int[]>>() == dd::detail::family::unsupported);
static_assert(dd::detail::family_of<std::unique_ptr<int, FreeDeleter>>() == dd::detail::family::unsupported);
static_assert(dd::detail::family_of<std::weak_ptr<int>>() == dd::detail::family::unsupported);
static_assert(dd::detail::family_of<std::shared_ptr<void>>() == dd::detail::family::unsupported);

namespace {

template <class T>
T round_trip(const std::string& file, const T& value) {
  dd::save(scratch(file), value);
  return dd::load<T>(scratch(file));
}

dd::h5::link_type link_at(const std::string& file, const std::string& path, std::string& target) {
  const auto handle = dd::h5::open_file(scratch(file).string(), false);
  auto group = dd::h5::group::open_root(handle.id());
  const auto slash = path.rfind('/');
  if (slash > 0) group = group.open_group(path.substr(1, slash - 1));
  const auto name = path.substr(slash + 1);
  target = dd::h5::soft_link_target(group, name);
  return dd::h5::type_of_link(group, name);
}

}  // namespace

// --- std::optional ----------------------------------------------------------------------------------
TEST_CASE("optional: members of every family, engaged and empty") {
  Optionals o{5,
              {},
              "h\u00e9llo \u4e16",
              {},
              Point{1, 2},
              {},
              std::vector<double>{0.5, -1},
              {},
              std::numeric_limits<std::int64_t>::min()};
  CHECK(round_trip("optionals.h5", o) == o);
  // an engaged number is an attribute, an empty one deepdish's None
  const auto none = dd::load<std::map<std::string, int>>(scratch("optionals.h5"), "/no_count");
  CHECK(none.empty());
  CHECK(dd::load<int>(scratch("optionals.h5"), "/count") == 5);

  Optionals empty{};
  CHECK(round_trip("optionals_empty.h5", empty) == empty);
}

TEST_CASE("optional: top level, inside vectors, empty strings and empty vectors") {
  CHECK(round_trip("opt_top.h5", std::optional<int>(-7)) == -7);
  CHECK(!round_trip("opt_top_empty.h5", std::optional<int>()).has_value());
  CHECK(round_trip("opt_top_string.h5", std::optional<std::string>("")) == std::string());
  CHECK(round_trip("opt_top_vector.h5", std::optional<std::vector<float>>(std::vector<float>{})) ==
        std::vector<float>{});
  const std::vector<std::optional<int>> list{1, std::nullopt, std::numeric_limits<int>::max()};
  CHECK(round_trip("opt_list.h5", list) == list);
  const std::vector<std::optional<Point>> single{std::nullopt};
  CHECK(round_trip("opt_single.h5", single) == single);
  const std::map<std::string, std::optional<std::string>> by_name{{"set", "\u00e9"}, {"unset", std::nullopt}};
  CHECK(round_trip("opt_map.h5", by_name) == by_name);
}

TEST_CASE("optional: an absent member loads as empty; loading replaces an engaged value") {
  struct Old {
    int a;
  };
  struct New {
    int a;
    std::optional<int> b;
    std::optional<Point> c;
  };
  dd::save(scratch("opt_old.h5"), Old{3});
  New n{0, 42, Point{1, 1}};
  dd::load(scratch("opt_old.h5"), "", n);
  CHECK(n.a == 3);
  CHECK(!n.b);
  CHECK(!n.c);
  // an engaged optional is loaded into (its storage reused)
  dd::save(scratch("opt_vec.h5"), std::optional<std::vector<double>>(std::vector<double>{1, 2, 3}));
  std::optional<std::vector<double>> v(std::vector<double>(3));
  const double* storage = v->data();
  dd::load(scratch("opt_vec.h5"), "", v);
  CHECK(v->data() == storage);
  CHECK(*v == std::vector<double>{1, 2, 3});
}

TEST_CASE("optional: deepdish's None, also through a soft link") {
  struct Inner {
    std::optional<long> x;
  };
  struct Nested {
    Inner inner;
  };
  struct Containers {
    Nested nested;
    std::optional<std::string> none;  // a soft link to /lst/i2, a nonetype: group
    std::optional<std::map<std::string, int>> empty_dict;
  };
  const auto c = dd::load<Containers>(fixture("containers.h5"));
  CHECK(c.nested.inner.x == 1);
  CHECK(!c.none);
  REQUIRE(c.empty_dict);
  CHECK(c.empty_dict->empty());
  CHECK(!dd::load<std::optional<double>>(fixture("containers.h5"), "/lst/i2"));
  CHECK(!dd::load<std::optional<Point>>(fixture("top_none.h5")));
  CHECK(!dd::load<std::unique_ptr<Point>>(fixture("top_none.h5")));
  CHECK(!dd::load<std::shared_ptr<int>>(fixture("top_none.h5")));

  struct Rep {
    std::optional<std::vector<double>> none;
    std::optional<long> i;
    std::optional<std::string> s;
    std::optional<double> missing;
  };
  const auto r = dd::load<Rep>(fixture("rep_nocomp.h5"));
  CHECK(!r.none);
  CHECK(r.i == 42);
  CHECK(r.s == "text");
  CHECK(!r.missing);
}

TEST_CASE("optional: errors name the path and what was found") {
  dd::save(scratch("opt_err.h5"), std::map<std::string, std::string>{{"count", "many"}});
  CHECK(error_of([] { dd::load<std::optional<int>>(scratch("opt_err.h5"), "/count"); }) ==
        scratch("opt_err.h5").string() + ":/count: expected int32, found string");
  dd::save(scratch("opt_err2.h5"), Point{1, 2});
  const auto e = error_of([] { dd::load<std::optional<int>>(scratch("opt_err2.h5"), "/"); });
  CHECK(e.find("'/' is a group") != std::string::npos);
  struct Bad {
    std::optional<int> x;
  };
  struct Holder {
    Point x;
  };
  dd::save(scratch("opt_err3.h5"), Holder{});
  CHECK(error_of([] { dd::load<Bad>(scratch("opt_err3.h5")); }).find(":/x: expected int32, found a group") !=
        std::string::npos);
}

// --- unique_ptr / shared_ptr ------------------------------------------------------------------------
TEST_CASE("pointers: null and non-null, every family, top level") {
  Owners o;
  o.count = std::make_unique<int>(std::numeric_limits<int>::min());
  o.where = std::make_unique<Point>(Point{3, 4});
  o.name = std::make_shared<std::string>("\u00fcber");
  o.values = std::make_shared<const std::vector<double>>(std::vector<double>{});
  dd::save(scratch("owners.h5"), o);
  const auto l = dd::load<Owners>(scratch("owners.h5"));
  REQUIRE(l.count);
  CHECK(*l.count == std::numeric_limits<int>::min());
  CHECK(!l.no_count);
  REQUIRE(l.where);
  CHECK(*l.where == Point{3, 4});
  CHECK(!l.nowhere);
  CHECK(*l.name == "\u00fcber");
  REQUIRE(l.values);
  CHECK(l.values->empty());

  CHECK(*round_trip("ptr_top.h5", std::make_unique<double>(0.25)) == 0.25);
  CHECK(!round_trip("ptr_top_null.h5", std::unique_ptr<double>()));
  CHECK(!round_trip("ptr_top_null_shared.h5", std::shared_ptr<Point>()));
  CHECK(*round_trip("ptr_top_const.h5", std::make_unique<const Point>(Point{-0.0, 1e308})) == Point{-0.0, 1e308});
  std::vector<std::unique_ptr<Point>> list;
  list.push_back(std::make_unique<Point>(Point{1, 2}));
  list.push_back(nullptr);
  const auto back = round_trip("ptr_list.h5", list);
  REQUIRE(back.size() == 2);
  CHECK(*back[0] == Point{1, 2});
  CHECK(!back[1]);
}

TEST_CASE("pointers: loading reuses a unique_ptr's object, replaces a shared_ptr's") {
  dd::save(scratch("ptr_reuse.h5"), std::make_unique<Point>(Point{5, 6}));
  auto u = std::make_unique<Point>();
  const Point* before = u.get();
  dd::load(scratch("ptr_reuse.h5"), "", u);
  CHECK(u.get() == before);
  CHECK(*u == Point{5, 6});
  auto s = std::make_shared<Point>();
  const auto other_owner = s;
  dd::load(scratch("ptr_reuse.h5"), "", s);
  CHECK(*s == Point{5, 6});
  CHECK(*other_owner == Point{});  // another owner's object is left alone
}

TEST_CASE("pointers: a shared object is saved once, then soft-linked, and loads back shared") {
  Shared s;
  s.a = std::make_shared<std::vector<double>>(std::vector<double>{1, 2, 3});
  s.b = s.a;
  s.list = {s.a, std::make_shared<std::vector<double>>(), s.a};
  s.n = std::make_shared<int>(7);
  s.m = s.n;
  dd::save(scratch("shared.h5"), s);
  std::string target;
  CHECK(link_at("shared.h5", "/a", target) == dd::h5::link_type::hard);
  CHECK(link_at("shared.h5", "/b", target) == dd::h5::link_type::soft);
  CHECK(target == "/a");
  CHECK(link_at("shared.h5", "/list/i0", target) == dd::h5::link_type::soft);
  CHECK(target == "/a");
  CHECK(link_at("shared.h5", "/list/i1", target) == dd::h5::link_type::hard);
  CHECK(link_at("shared.h5", "/list/i2", target) == dd::h5::link_type::soft);

  const auto l = dd::load<Shared>(scratch("shared.h5"));
  REQUIRE(l.a);
  CHECK(*l.a == std::vector<double>{1, 2, 3});
  CHECK(l.a == l.b);
  REQUIRE(l.list.size() == 3);
  CHECK(l.list[0] == l.a);
  CHECK(l.list[2] == l.a);
  CHECK(l.list[1] != l.a);
  CHECK(l.list[1]->empty());
  // numbers are attributes, which cannot be linked to: two copies of the value
  CHECK(*l.n == 7);
  CHECK(*l.m == 7);
  CHECK(l.n != l.m);
}

TEST_CASE("pointers: an object and its first member (same address, other type) are stored apart") {
  Aliasing a;
  a.whole = std::make_shared<Whole>(Whole{{1, 2}, 3});
  a.first = std::shared_ptr<std::vector<double>>(a.whole, &a.whole->v);
  REQUIRE(static_cast<const void*>(a.first.get()) == static_cast<const void*>(a.whole.get()));
  const auto l = round_trip("aliasing.h5", a);
  CHECK(l.whole->v == std::vector<double>{1, 2});
  CHECK(l.whole->k == 3);
  CHECK(*l.first == std::vector<double>{1, 2});
}

TEST_CASE("pointers: cycles are saved as links back and load as cycles") {
  auto self = std::make_shared<Node>(Node{1, nullptr});
  self->next = self;
  dd::save(scratch("cycle_self.h5"), self);
  std::string target;
  CHECK(link_at("cycle_self.h5", "/data/next", target) == dd::h5::link_type::soft);
  CHECK(target == "/data");
  auto back = dd::load<std::shared_ptr<Node>>(scratch("cycle_self.h5"));
  REQUIRE(back);
  CHECK(back->id == 1);
  CHECK(back->next == back);
  back->next.reset();  // break the cycles so nothing leaks
  self->next.reset();

  auto a = std::make_shared<Node>(Node{1, nullptr});
  a->next = std::make_shared<Node>(Node{2, a});
  dd::save(scratch("cycle_two.h5"), a);
  auto b = dd::load<std::shared_ptr<Node>>(scratch("cycle_two.h5"));
  REQUIRE(b);
  REQUIRE(b->next);
  CHECK(b->next->id == 2);
  CHECK(b->next->next == b);
  b->next->next.reset();
  a->next->next.reset();
}

TEST_CASE("pointers: deepdish's links.h5 loads with its sharing and self references") {
  using Matrix = std::array<std::array<double, 2>, 2>;
  struct Links {
    std::shared_ptr<Matrix> A, B;
    std::vector<std::variant<std::shared_ptr<Matrix>, std::shared_ptr<Links>>> g;
    std::shared_ptr<Links> self;
  };
  auto l = dd::load<Links>(fixture("links.h5"));
  REQUIRE(l.A);
  CHECK((*l.A)[1][1] == 1.0);
  CHECK(l.A == l.B);
  REQUIRE(l.g.size() == 3);
  CHECK(std::get<0>(l.g[0]) == l.A);
  CHECK(std::get<0>(l.g[1]) == l.A);
  REQUIRE(l.self);
  CHECK(std::get<1>(l.g[2]) == l.self);  // /g/i2 and /self both link to /
  CHECK(l.self->self == l.self);
  CHECK(l.self->A == l.A);
  l.self->self.reset();
  l.self->g.clear();

  struct UniqueLinks {
    std::unique_ptr<UniqueLinks> self;
  };
  const auto e = error_of([] { dd::load<UniqueLinks>(fixture("links.h5")); });
  CHECK(e.find("links.h5:/self/self: a cycle: this link leads back to /, which is still being loaded; a "
               "std::unique_ptr cannot hold a cycle (use std::shared_ptr)") != std::string::npos);
}

TEST_CASE("pointers: errors") {
  dd::save(scratch("ptr_err.h5"), std::map<std::string, std::string>{{"p", "text"}});
  struct P {
    std::unique_ptr<Point> p;
  };
  CHECK(error_of([] { dd::load<P>(scratch("ptr_err.h5")); }) ==
        scratch("ptr_err.h5").string() + ":/p: expected a group (struct), found an attribute of string");
  // a dangling soft link is not an absent value
  dd::save(scratch("ptr_dangling.h5"), Point{});
  {
    const auto handle = dd::h5::open_file(scratch("ptr_dangling.h5").string(), true);
    dd::h5::creation_properties lists;
    dd::h5::create_soft_link(dd::h5::group::open_root(handle.id()), "p", "/nowhere", lists);
  }
  CHECK(error_of([] { dd::load<P>(scratch("ptr_dangling.h5")); }) ==
        scratch("ptr_dangling.h5").string() + ":/p: a dangling soft link (to /nowhere)");
}

// --- std::variant -----------------------------------------------------------------------------------
TEST_CASE("variant: every alternative round-trips, same-shaped ones included") {
  Variants v;
  v.number = 5L;
  v.other_number = 5;
  v.shape = Size{2, 3};
  v.maybe = std::monostate{};
  v.mixed = std::vector<double>{};
  v.list = {1, "one", std::string(""), std::numeric_limits<int>::min()};
  v.by_name = {{"pi", 3.14}, {"name", "x"}, {"\u043a\u043b\u044e\u0447", "\u4e16"}};
  CHECK(round_trip("variants.h5", v) == v);

  v.number = 6;
  v.other_number = std::numeric_limits<long>::max();
  v.shape = Point{-1, 0};
  v.maybe = 3;
  v.mixed = Point{1, 1};
  v.list = {};
  CHECK(round_trip("variants2.h5", v) == v);
  v.maybe = "\u4e16";
  v.mixed = "text";
  CHECK(round_trip("variants3.h5", v) == v);

  using V = std::variant<std::monostate, Point, Size>;
  CHECK(round_trip("variant_top.h5", V{Size{1, 2}}) == V{Size{1, 2}});
  CHECK(round_trip("variant_top_none.h5", V{}) == V{});
  using E = std::variant<int, Color>;  // an enum is stored as its name, but loads from an integer too
  CHECK(round_trip("variant_enum.h5", E{Color::blue}) == E{Color::blue});
  CHECK(round_trip("variant_enum_int.h5", E{2}) == E{2});
  using S = std::variant<std::string, std::filesystem::path>;  // both UTF-8 string attributes
  const S path{std::filesystem::path("/tmp/\u00e9")};
  CHECK(round_trip("variant_path.h5", path) == path);
  CHECK(round_trip("variant_string.h5", S{std::string("/tmp")}) == S{std::string("/tmp")});
  using L = std::variant<long, int, std::int64_t>;  // long and int64_t are the same type on LP64: index decides
  CHECK(round_trip("variant_long.h5", L{std::in_place_index<2>, 7}).index() == 2);
  const std::vector<V> list{Point{1, 2}, Size{3, 4}, std::monostate{}};
  CHECK(round_trip("variant_list.h5", list) == list);
}

TEST_CASE("variant: a shared variant's soft link carries the tag too") {
  using V = std::variant<Point, Size>;
  struct Saved {
    std::shared_ptr<V> x, y;
  };
  struct Loaded {  // the link first: it must not fall back to trying alternatives in order
    std::shared_ptr<V> y, x;
  };
  Saved s{std::make_shared<V>(Size{1, 2}), nullptr};
  s.y = s.x;
  dd::save(scratch("variant_shared.h5"), s);
  std::string target;
  REQUIRE(link_at("variant_shared.h5", "/y", target) == dd::h5::link_type::soft);
  const auto l = dd::load<Loaded>(scratch("variant_shared.h5"));
  REQUIRE(l.y);
  CHECK(*l.y == V{Size{1, 2}});
  CHECK(l.x == l.y);
}

TEST_CASE("variant: the tag is an int64 attribute beside the value, named DEEPDISH_IO_VARIANT:<name>") {
  Variants v;
  v.number = 5L;
  v.list = {0};
  v.by_name = {{"pi", 3.0}};
  dd::save(scratch("variant_tag.h5"), v);
  CHECK(dd::load<std::int64_t>(scratch("variant_tag.h5"), "/DEEPDISH_IO_VARIANT:number") == 1);
  CHECK(dd::load<std::int64_t>(scratch("variant_tag.h5"), "/DEEPDISH_IO_VARIANT:maybe") == 0);
  CHECK(dd::load<long>(scratch("variant_tag.h5"), "/number") == 5);  // the value itself is plain
  CHECK(dd::load<std::int64_t>(scratch("variant_tag.h5"), "/list/DEEPDISH_IO_VARIANT:i0") == 0);
  // a map of variants does not take the tags for entries
  const auto m =
      dd::load<std::map<std::string, std::variant<double, std::string>>>(scratch("variant_tag.h5"), "/by_name");
  REQUIRE(m.size() == 1);
  CHECK(std::get<double>(m.at("pi")) == 3.0);
}

TEST_CASE("variant: untagged nodes (deepdish, h5py) load as the first alternative that fits") {
  struct Lst {
    std::vector<std::variant<std::monostate, long, std::string, std::vector<double>>> lst;
  };
  const auto l = dd::load<Lst>(fixture("containers.h5"));
  REQUIRE(l.lst.size() == 4);
  CHECK(std::get<long>(l.lst[0]) == 1);
  CHECK(std::get<std::string>(l.lst[1]) == "two");
  CHECK(l.lst[2].index() == 0);
  CHECK(std::get<std::vector<double>>(l.lst[3]) == std::vector<double>{3.0});

  struct Plain {
    double x;
    long i;
    std::string s;
  };
  dd::save(scratch("untagged.h5"), Plain{2.5, 42, "s"});
  struct Tried {
    std::variant<int, double> x;   // int refuses 2.5, double takes it
    std::variant<double, long> i;  // double accepts an integer: order matters
    std::variant<int, std::string, std::monostate> s;
  };
  const auto t = dd::load<Tried>(scratch("untagged.h5"));
  CHECK(std::get<double>(t.x) == 2.5);
  CHECK(std::get<double>(t.i) == 42.0);
  CHECK(std::get<std::string>(t.s) == "s");
  // an absent node is std::monostate (or an empty optional) if the variant has one
  struct Missing {
    std::variant<int, std::monostate> nothing;
  };
  CHECK(dd::load<Missing>(scratch("untagged.h5")).nothing.index() == 1);
}

TEST_CASE("variant: errors") {
  struct Plain {
    std::string s;
  };
  dd::save(scratch("variant_err.h5"), Plain{"text"});
  struct Numbers {
    std::variant<int, Point> s;
  };
  CHECK(error_of([] { dd::load<Numbers>(scratch("variant_err.h5")); }) ==
        scratch("variant_err.h5").string() +
            ":/s: no alternative of the std::variant loads from an attribute of string (it has no tag "
            "DEEPDISH_IO_VARIANT:s, so each was tried in order); alternative 0: expected int32, found string; "
            "alternative 1: expected a group (struct), found an attribute of string");
  struct Absent {
    std::variant<int, Point> gone;
  };
  CHECK(error_of([] { dd::load<Absent>(scratch("variant_err.h5")); }) ==
        scratch("variant_err.h5").string() + ":/gone: not found (expected one of the std::variant's alternatives)");

  // a tag out of range, and a tag that is not a number
  dd::save(scratch("variant_tag_err.h5"), std::variant<int, long>(3));
  {
    const auto handle = dd::h5::open_file(scratch("variant_tag_err.h5").string(), true);
    const auto root = dd::h5::group::open_root(handle.id());
    dd::h5::creation_properties props;
    REQUIRE(H5Adelete(root.id(), "DEEPDISH_IO_VARIANT:data") >= 0);
    const std::int64_t five = 5;
    dd::h5::write_attribute(root.id(), "DEEPDISH_IO_VARIANT:data", H5T_STD_I64LE, H5T_NATIVE_INT64, &five, props);
  }
  CHECK(error_of([] { dd::load<std::variant<int, long>>(scratch("variant_tag_err.h5")); }) ==
        scratch("variant_tag_err.h5").string() +
            ":/data: the variant tag DEEPDISH_IO_VARIANT:data = 5 is out of range: this std::variant has 2 "
            "alternatives");
  {
    const auto handle = dd::h5::open_file(scratch("variant_tag_err.h5").string(), true);
    const auto root = dd::h5::group::open_root(handle.id());
    dd::h5::creation_properties props;
    REQUIRE(H5Adelete(root.id(), "DEEPDISH_IO_VARIANT:data") >= 0);
    dd::h5::write_string_attribute(root.id(), "DEEPDISH_IO_VARIANT:data", "long", props);
  }
  CHECK(error_of([] { dd::load<std::variant<int, long>>(scratch("variant_tag_err.h5")); }) ==
        scratch("variant_tag_err.h5").string() +
            ":/data: the variant tag DEEPDISH_IO_VARIANT:data must be one integer, found an attribute of string");
  // the tag decides: a tagged node that does not load as its alternative is an error, not a fallback
  dd::save(scratch("variant_tagged_bad.h5"), std::variant<std::string, double>("x"));
  CHECK(error_of([] { dd::load<std::variant<double, std::string>>(scratch("variant_tagged_bad.h5")); }) ==
        scratch("variant_tagged_bad.h5").string() + ":/data: expected float64, found string");

  // a variant left valueless by an exception cannot be saved
  std::variant<int, ThrowsOnCopy> valueless;
  const ThrowsOnCopy original;
  CHECK_THROWS_AS(valueless.emplace<1>(original), std::runtime_error);
  REQUIRE(valueless.valueless_by_exception());
  CHECK(error_of([&] { dd::save(scratch("valueless.h5"), valueless); }) ==
        scratch("valueless.h5").string() +
            ":/data: the std::variant is valueless (an exception interrupted an assignment to it)");
  CHECK(!std::filesystem::exists(scratch("valueless.h5")));
}

// --- Boost.Hana and Boost.Describe structs ----------------------------------------------------------
TEST_CASE("adapted: Hana and Describe structs round-trip with their member names") {
  const Trainer t{"adam", 0.001, {1, 2, 3}};
  CHECK(round_trip("hana.h5", t) == t);
  CHECK(dd::load<double>(scratch("hana.h5"), "/lr") == 0.001);

  const Camera c("\u00e9clair", 400);
  CHECK(round_trip("hana_adapted.h5", c) == c);
  CHECK(dd::load<std::string>(scratch("hana_adapted.h5"), "/model") == "\u00e9clair");

  dd::save(scratch("hana_partial.h5"), Partial{1, 2, "f"});
  const auto p = dd::load<std::map<std::string, std::variant<int, std::string>>>(scratch("hana_partial.h5"), "/");
  CHECK(p.size() == 2);  // `skipped` is not part of the Hana description
  CHECK(p.contains("first"));
  CHECK(p.contains("kept"));

  const Account a("ann", -12.5);
  const auto b = round_trip("describe.h5", a);
  CHECK(b.owner() == "ann");
  CHECK(b.balance() == -12.5);
  CHECK(dd::load<double>(scratch("describe.h5"), "/balance_") == -12.5);

  Derived d;
  d.id = 9;
  d.tag = "t";
  const auto e = round_trip("describe_base.h5", d);
  CHECK(e.id == 9);
  CHECK(e.tag == "t");
}

TEST_CASE("adapted: nested, in vectors, optional, shared, and errors with paths") {
  struct Holder {
    Camera camera;
    std::vector<Trainer> trainers;
    std::optional<Account> account;
    std::shared_ptr<Trainer> shared, again;
  };
  Holder h{Camera("m", 1), {Trainer{"a", 1, {}}, Trainer{"b", 2, {4}}}, Account("x", 1), nullptr, nullptr};
  h.shared = std::make_shared<Trainer>(Trainer{"s", 3, {5}});
  h.again = h.shared;
  const auto l = round_trip("adapted_nested.h5", h);
  CHECK(l.camera == h.camera);
  CHECK(l.trainers == h.trainers);
  REQUIRE(l.account);
  CHECK(l.account->owner() == "x");
  CHECK(*l.shared == *h.shared);
  CHECK(l.shared == l.again);

  dd::save(scratch("adapted_err.h5"), Point{});
  CHECK(error_of([] { dd::load<Camera>(scratch("adapted_err.h5")); }) ==
        scratch("adapted_err.h5").string() + ":/model: not found (expected string)\n" +
            scratch("adapted_err.h5").string() + ":/iso: not found (expected int32)");
  const auto strict = error_of([] {
    dd::load<Trainer>(scratch("adapted_err.h5"),
                      {.missing = dd::missing_members::keep_default, .unknown = dd::unknown_members::error});
  });
  CHECK(strict.find(":/x: unknown member") != std::string::npos);
}

TEST_CASE("adapted: deepdish's SimpleNamespace file loads into a Hana struct") {
  const auto n = dd::load<Namespace>(fixture("top_sns.h5"));
  CHECK(n.a == 1);
  CHECK(n.b == "x");
  CHECK(n.sub.c == std::vector<std::int64_t>{0, 1, 2});
}
