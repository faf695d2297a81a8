// dd::reflect: field counts, names, types and access, checked at compile time where possible.
#include <doctest/doctest.h>

#include <dd/reflect/fields.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace reflect = dd::reflect;

namespace {

template <class T, std::size_t N>
constexpr bool names_are(const std::array<std::string_view, N>& expected) {
  return reflect::field_count<T> == N && reflect::field_names<T> == expected;
}

struct Simple {
  int id;
  double weight;
  std::string label;
};
static_assert(names_are<Simple, 3>({"id", "weight", "label"}));
static_assert(std::is_same_v<reflect::field_type<Simple, 2>, std::string>);
static_assert(reflect::field_count<const Simple> == 3);

struct Empty {};
static_assert(reflect::field_count<Empty> == 0);
static_assert(reflect::field_names<Empty>.empty());

struct Nested {
  Simple inner;
  Empty nothing;
  int after;
};
static_assert(names_are<Nested, 3>({"inner", "nothing", "after"}));
static_assert(std::is_same_v<reflect::field_type<Nested, 0>, Simple>);

// Counted with `{}` placeholders, so a C array is one field and keeps its array type.
struct WithCArrays {
  double xyz[3];
  int count;
  char label[8];
  float grid[2][2];
};
static_assert(names_are<WithCArrays, 4>({"xyz", "count", "label", "grid"}));
static_assert(std::is_same_v<reflect::field_type<WithCArrays, 0>, double[3]>);
static_assert(std::is_same_v<reflect::field_type<WithCArrays, 3>, float[2][2]>);

struct MoveOnly {
  std::unique_ptr<int> owned;
  std::vector<std::unique_ptr<int>> many;
};
static_assert(names_are<MoveOnly, 2>({"owned", "many"}));

// Boost.PFR 1.81 cannot count this one (its issue #110).
struct Node {
  int value;
  std::optional<std::unique_ptr<Node>> next;
};
static_assert(names_are<Node, 2>({"value", "next"}));
static_assert(std::is_same_v<reflect::field_type<Node, 1>, std::optional<std::unique_ptr<Node>>>);

struct NoDefault {
  explicit NoDefault(int v) : value(v) {}
  int value;
};
// Not default-initializable: counted by the scan with any_field instead of `{}`.
struct WithoutDefaults {
  NoDefault first;
  int plain;
  std::unique_ptr<NoDefault> pointer;
  NoDefault last;
};
static_assert(names_are<WithoutDefaults, 4>({"first", "plain", "pointer", "last"}));

// `T{}` works thanks to the default member initializer, but `{}` for that field does not.
struct DefaultMemberInitializer {
  int before;
  NoDefault middle = NoDefault(7);
  double after;
};
static_assert(names_are<DefaultMemberInitializer, 3>({"before", "middle", "after"}));

struct ConstMembers {
  const int answer;
  const std::string text;
  std::array<double, 2> pair;
};
static_assert(names_are<ConstMembers, 3>({"answer", "text", "pair"}));
static_assert(std::is_same_v<reflect::field_type<ConstMembers, 0>, int>);

template <class T>
struct Pair {
  T first;
  T second;
};
static_assert(names_are<Pair<std::map<int, std::string>>, 2>({"first", "second"}));

// Braces inside the type's own name must not confuse the parser, which keys on the last `}`.
template <auto V>
struct Tagged {
  int tagged_value;
};
static_assert(names_are<Tagged<std::array<int, 2>{1, 2}>, 1>({"tagged_value"}));

struct InAnonymousNamespace {
  long snake_case_name_2;
  bool b;
};
static_assert(names_are<InAnonymousNamespace, 2>({"snake_case_name_2", "b"}));

static_assert(reflect::reflectable<Simple>);
static_assert(reflect::reflectable<Empty>);
static_assert(!reflect::reflectable<NoDefault>);
static_assert(!reflect::reflectable<int>);
static_assert(!reflect::reflectable<int[3]>);
union Union {
  int i;
  float f;
};
static_assert(!reflect::reflectable<Union>);

// 100 and 120 fields: f00 ... f99 and f00 ... f119.
#define DD_TEST_TEN_FIELDS(d) \
  double f##d##0, f##d##1, f##d##2, f##d##3, f##d##4, f##d##5, f##d##6, f##d##7, f##d##8, f##d##9;
struct Hundred {
  DD_TEST_TEN_FIELDS(0)
  DD_TEST_TEN_FIELDS(1) DD_TEST_TEN_FIELDS(2) DD_TEST_TEN_FIELDS(3) DD_TEST_TEN_FIELDS(4) DD_TEST_TEN_FIELDS(5)
      DD_TEST_TEN_FIELDS(6) DD_TEST_TEN_FIELDS(7) DD_TEST_TEN_FIELDS(8) DD_TEST_TEN_FIELDS(9)
};
struct HundredTwenty {
  DD_TEST_TEN_FIELDS(0)
  DD_TEST_TEN_FIELDS(1) DD_TEST_TEN_FIELDS(2) DD_TEST_TEN_FIELDS(3) DD_TEST_TEN_FIELDS(4) DD_TEST_TEN_FIELDS(5)
      DD_TEST_TEN_FIELDS(6) DD_TEST_TEN_FIELDS(7) DD_TEST_TEN_FIELDS(8) DD_TEST_TEN_FIELDS(9) DD_TEST_TEN_FIELDS(10)
          DD_TEST_TEN_FIELDS(11)
};
// The same at the ceiling, with a last field that makes the any_field scan do the counting.
struct HundredTwentyEightWithoutDefault {
  DD_TEST_TEN_FIELDS(0)
  DD_TEST_TEN_FIELDS(1) DD_TEST_TEN_FIELDS(2) DD_TEST_TEN_FIELDS(3) DD_TEST_TEN_FIELDS(4) DD_TEST_TEN_FIELDS(5)
      DD_TEST_TEN_FIELDS(6) DD_TEST_TEN_FIELDS(7) DD_TEST_TEN_FIELDS(8) DD_TEST_TEN_FIELDS(9) DD_TEST_TEN_FIELDS(10)
          DD_TEST_TEN_FIELDS(11) double f120,
      f121, f122, f123, f124, f125, f126;
  NoDefault f127;
};
#undef DD_TEST_TEN_FIELDS

// "f" followed by i / 10 and i % 10 in decimal: the names the macro above spells.
template <class T>
constexpr bool numbered_names() {
  for (std::size_t i = 0; i < reflect::field_count<T>; ++i) {
    std::array<char, 4> expected{'f'};
    std::size_t length = 1;
    if (i >= 100) expected[length++] = static_cast<char>('0' + i / 100);
    expected[length++] = static_cast<char>('0' + i / 10 % 10);
    expected[length++] = static_cast<char>('0' + i % 10);
    if (reflect::field_names<T>[i] != std::string_view(expected.data(), length)) return false;
  }
  return true;
}
static_assert(numbered_names<Hundred>());
static_assert(numbered_names<HundredTwenty>());
static_assert(numbered_names<HundredTwentyEightWithoutDefault>());
static_assert(reflect::field_count<Hundred> == 100);
static_assert(reflect::field_count<HundredTwenty> == 120);
static_assert(reflect::field_count<HundredTwentyEightWithoutDefault> == 128);
static_assert(std::is_same_v<reflect::field_type<HundredTwentyEightWithoutDefault, 127>, NoDefault>);

// tie and for_each_field work in constant expressions too.
constexpr int sum_of_fields() {
  Pair<int> p{3, 4};
  std::get<1>(reflect::tie(p)) = 10;
  int sum = 0;
  reflect::for_each_field(p, [&sum](std::string_view, int field) { sum += field; });
  return sum;
}
static_assert(sum_of_fields() == 13);

}  // namespace

TEST_CASE("field names of a 120-field struct are usable at run time") {
  CHECK(reflect::field_names<HundredTwenty>[119] == "f119");
  CHECK(reflect::field_names<Hundred>[0] == "f00");
}

TEST_CASE("a function-local struct is reflected") {
  struct Local {
    int local_a;
    std::vector<double> local_b;
  };
  static_assert(names_are<Local, 2>({"local_a", "local_b"}));
  Local local{1, {2.0, 3.0}};
  std::get<1>(reflect::tie(local)).push_back(4.0);
  CHECK(local.local_b.size() == 3);
}

TEST_CASE("field names are null-terminated views of the name alone") {
  for (std::string_view name : reflect::field_names<Simple>) CHECK(name.data()[name.size()] == '\0');
  CHECK(std::string(reflect::field_names<Simple>[2].data()) == "label");
}

TEST_CASE("tie gives references to the fields") {
  Simple s{1, 2.5, "x"};
  auto refs = reflect::tie(s);
  static_assert(std::is_same_v<decltype(refs), std::tuple<int&, double&, std::string&>>);
  std::get<0>(refs) = 42;
  std::get<2>(refs) += "yz";
  CHECK(s.id == 42);
  CHECK(s.label == "xyz");

  const Simple& cs = s;
  static_assert(std::is_same_v<decltype(reflect::tie(cs)), std::tuple<const int&, const double&, const std::string&>>);
  CHECK(std::get<1>(reflect::tie(cs)) == 2.5);

  Empty e;
  static_assert(std::is_same_v<decltype(reflect::tie(e)), std::tuple<>>);
}

TEST_CASE("tie works with move-only fields and C arrays") {
  MoveOnly m{std::make_unique<int>(5), {}};
  std::get<1>(reflect::tie(m)).push_back(std::move(std::get<0>(reflect::tie(m))));
  CHECK(m.owned == nullptr);
  CHECK(*m.many.at(0) == 5);

  WithCArrays w{};
  auto& xyz = std::get<0>(reflect::tie(w));
  static_assert(std::is_same_v<decltype(xyz), double(&)[3]>);
  xyz[2] = 7.0;
  CHECK(w.xyz[2] == 7.0);
}

TEST_CASE("for_each_field visits every field in order, by reference") {
  Simple s{1, 2.0, "a"};
  std::vector<std::string> seen;
  reflect::for_each_field(s, [&seen](std::string_view name, auto& field) {
    static_assert(!std::is_const_v<std::remove_reference_t<decltype(field)>>);
    seen.emplace_back(name);
    if constexpr (std::is_arithmetic_v<std::remove_reference_t<decltype(field)>>) field *= 10;
  });
  CHECK(seen == std::vector<std::string>{"id", "weight", "label"});
  CHECK(s.id == 10);
  CHECK(s.weight == 20.0);
}

TEST_CASE("for_each_field on a const object gives const fields") {
  const Nested n{{1, 2.0, "in"}, {}, 3};
  int visited = 0;
  reflect::for_each_field(n, [&visited](std::string_view, const auto& field) {
    static_assert(std::is_const_v<std::remove_reference_t<decltype(field)>>);
    ++visited;
  });
  CHECK(visited == 3);
  reflect::for_each_field(n, [](std::string_view name, auto& field) {
    static_assert(std::is_const_v<std::remove_reference_t<decltype(field)>>);
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(field)>, int>) {
      CHECK(name == "after");
      CHECK(field == 3);
    }
  });
}

TEST_CASE("for_each_field on fields that are neither default-constructible nor copyable") {
  WithoutDefaults w{NoDefault(1), 2, std::make_unique<NoDefault>(3), NoDefault(4)};
  int total = 0;
  reflect::for_each_field(w, [&total](std::string_view, auto& field) {
    using F = std::remove_cvref_t<decltype(field)>;
    if constexpr (std::is_same_v<F, NoDefault>)
      total += field.value;
    else if constexpr (std::is_same_v<F, int>)
      total += field;
    else
      total += field->value;
  });
  CHECK(total == 10);
}

TEST_CASE("for_each_field on an rvalue and on an empty struct") {
  int calls = 0;
  reflect::for_each_field(Pair<int>{1, 2}, [&calls](std::string_view, int&) { ++calls; });
  reflect::for_each_field(Empty{}, [&calls](std::string_view, auto&) { ++calls; });
  CHECK(calls == 2);
}
