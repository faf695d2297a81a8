// Boost.PFR 1.81 as an independent oracle for dd's reflection: on a corpus of aggregates that both
// accept, dd::reflect::field_count and tie agree with boost::pfr::tuple_size_v and structure_tie —
// the same number of fields, the same field types, the same objects. Where the two differ by design
// (C-array members, more than 100 fields, members PFR cannot count), docs/reflection.md says so.
#include <doctest/doctest.h>

#include <array>
#include <boost/pfr.hpp>
#include <cstddef>
#include <cstdint>
#include <dd/reflect/fields.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace oracle {
enum class Mode : std::uint8_t { fast, exact };
struct Empty {};
struct One {
  int x;
};
struct Inner {
  double a;
  float b;
};
struct Mixed {
  int i;
  double d;
  bool flag;
  char c;
  std::string name;
  std::vector<int> values;
  std::map<std::string, int> table;
  std::array<double, 3> xyz;
  Inner inner;
  std::optional<int> maybe;
  std::unique_ptr<int> owned;
  std::pair<int, std::string> pair;
  Mode mode;
  const int* pointer;
};
struct WithDefaults {
  int a = 1;
  std::string b = "x";
  double c{2.5};
};
struct ConstMember {
  const int fixed;
  long counter;
};
template <class T>
struct Templated {
  T value;
  std::vector<T> many;
};

#define DD_TEN(p) int p##0, p##1, p##2, p##3, p##4, p##5, p##6, p##7, p##8, p##9;
struct Fifty {
  DD_TEN(a) DD_TEN(b) DD_TEN(c) DD_TEN(d) DD_TEN(e)
};
struct Hundred {  // PFR 1.81's ceiling
  DD_TEN(a) DD_TEN(b) DD_TEN(c) DD_TEN(d) DD_TEN(e) DD_TEN(f) DD_TEN(g) DD_TEN(h) DD_TEN(i) DD_TEN(j)
};
#undef DD_TEN
}  // namespace oracle

namespace {

// Same count, same field types, and each field of dd's tie is the very object PFR's tie refers to.
template <class T>
void agree(T& object) {
  constexpr std::size_t n = dd::reflect::field_count<T>;
  static_assert(n == boost::pfr::tuple_size_v<T>, "dd and Boost.PFR count the fields differently");
  auto ours = dd::reflect::tie(object);
  auto theirs = boost::pfr::structure_tie(object);
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    static_assert((std::is_same_v<dd::reflect::field_type<T, I>,
                                  std::remove_cvref_t<std::tuple_element_t<I, decltype(theirs)>>> &&
                   ...),
                  "dd and Boost.PFR see a field's type differently");
    const bool same_objects[] = {
        true, (static_cast<const void*>(&std::get<I>(ours)) == static_cast<const void*>(&std::get<I>(theirs)))...};
    for (bool same : same_objects) CHECK(same);
  }
  (std::make_index_sequence<n>{});
}

}  // namespace

TEST_CASE("dd's reflection agrees with Boost.PFR on aggregates both accept") {
  oracle::Empty empty;
  oracle::One one{};
  oracle::Mixed mixed{};
  oracle::WithDefaults defaults;
  oracle::ConstMember constant{7, 0};
  oracle::Templated<std::string> templated;
  oracle::Fifty fifty{};
  oracle::Hundred hundred{};
  agree(empty);
  agree(one);
  agree(mixed);
  agree(defaults);
  agree(constant);
  agree(templated);
  agree(fifty);
  agree(hundred);
  const oracle::Mixed& read_only = mixed;
  agree(read_only);
  CHECK(dd::reflect::field_count<oracle::Mixed> == 14);
}
