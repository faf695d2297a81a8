#pragma once
// dd::reflect::enum_name / enum_value: enumerator names read from the compiler's spelling of a
// template argument, with no macros and no registration (the magic_enum technique).
//
// probe<static_cast<E>(v)...>() is instantiated once for all v in a range; __PRETTY_FUNCTION__ spells
// each argument as the enumerator's (qualified) name when v has one, and as a cast when it has none
// ("ns::Solver::gmres" but "(ns::Solver)7"). The name kept is the last component ("gmres"), which is
// what Python sees.
//
// The cost grows with the range (docs/types/scalar_types.md has measurements), so it is small by
// default (see enum_range) and can be widened per enum. Values outside the range simply have no
// name: dd stores them as integers, so nothing is lost, only the readable name.
#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace dd {

// The values whose names are looked up for the enum E: [min, max], clipped to the values E can
// hold. The default covers the enums people write (small non-negative values, a few negative ones)
// for about 0.03 s of compile time per enum; widen it for one enum with
//   template <> struct dd::enum_range<MyEnum> { static constexpr int min = 0, max = 300; };
template <class E>
struct enum_range {
  static constexpr int min = -16;
  static constexpr int max = 127;
};

namespace reflect {

template <class E>
struct enum_entry {
  E value;
  std::string_view name;
};

namespace detail {

#if defined(__clang__)
#pragma clang diagnostic push
#if __has_warning("-Wenum-constexpr-conversion")
#pragma clang diagnostic ignored "-Wenum-constexpr-conversion"
#endif
#endif

// One instantiation spells every value of the range, in order:
//   g++ 12     ... dd_enum_probe() [with auto ...V = {(ns::E)-1, ns::E::a, (ns::E)1}]
//   g++ -fno-pretty-templates   ... dd_enum_probe<(ns::E)-1, ns::E::a, (ns::E)1>()
//   clang 14   ... dd_enum_probe() [V = <(ns::E)-1, ns::E::a, (ns::E)1>]
// (one instantiation per value costs about ten times as much compile time).
template <auto... V>
consteval const char* dd_enum_probe() {
  return __PRETTY_FUNCTION__;
}

// The comma-separated values in dd_enum_probe<V...>'s signature.
consteval std::string_view argument_list(std::string_view signature) {
  constexpr std::string_view pretty = "V = ";           // g++ "[with auto ...V = {...}]", clang "[V = <...>]"
  constexpr std::string_view plain = "dd_enum_probe<";  // g++ -fno-pretty-templates: "dd_enum_probe<...>()"
  if (const auto at = signature.find(pretty); at != std::string_view::npos) {
    const auto begin = at + pretty.size() + 1;  // past the opening { or <
    return signature.substr(begin, signature.rfind(']') - 1 - begin);
  }
  if (const auto at = signature.find(plain); at != std::string_view::npos) {
    const auto begin = at + plain.size();
    return signature.substr(begin, signature.rfind(">(") - begin);
  }
  return {};
}

consteval bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "ns::Solver::gmres" -> "gmres"; "(ns::Solver)7", a value without a name, -> "". The qualification
// may itself be odd ("<unnamed>::E::x", "(anonymous namespace)::E::x"): only the last part counts.
consteval std::string_view name_from_argument(std::string_view text) {
  const auto colon = text.rfind("::");
  const auto name = colon == std::string_view::npos ? text : text.substr(colon + 2);
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return {};
  for (char c : name)
    if (!identifier_char(c)) return {};
  return name;
}

// Splits the list at the commas that separate values (not those inside S<int, 2>::E or casts).
template <std::size_t N>
consteval std::array<std::string_view, N> split_values(std::string_view list) {
  std::array<std::string_view, N> out{};
  std::size_t k = 0, begin = 0;
  int depth = 0;
  for (std::size_t i = 0; i <= list.size() && k < N; ++i) {
    const char c = i < list.size() ? list[i] : ',';
    if (c == '<' || c == '(' || c == '{' || c == '[')
      ++depth;
    else if (c == '>' || c == ')' || c == '}' || c == ']')
      --depth;
    else if (c == ',' && depth == 0) {
      out[k++] = list.substr(begin, i - begin);
      begin = i + 1;
      while (begin < list.size() && list[begin] == ' ') ++begin;
    }
  }
  return out;
}

// clang 16+ refuses static_cast<E>(v) in a constant expression when v is outside the value range of
// an enum without a fixed underlying type (the smallest bit-field that holds its enumerators); such
// values cannot be named anyway, so the scan stays inside that range.
template <class E, auto V>
concept castable = requires {
  typename std::integral_constant<E, static_cast<E>(V)>;
};
template <class E>
concept fixed_underlying = requires {
  E{std::underlying_type_t<E>{}};
};

template <class E, std::size_t... K>
consteval long long highest_castable(std::index_sequence<K...>) {
  long long best = 0;
  ((castable<E, (1LL << K) - 1> ? (best = (1LL << K) - 1) : 0), ...);
  return best;
}
template <class E, std::size_t... K>
consteval long long lowest_castable(std::index_sequence<K...>) {
  long long best = 0;
  ((castable<E, -(1LL << K)> ? (best = -(1LL << K)) : 0), ...);
  return best;
}

// The scanned interval: enum_range<E> clipped to the values E can hold.
template <class E>
struct bounds {
  using underlying = std::underlying_type_t<E>;
  static_assert(enum_range<E>::min <= enum_range<E>::max, "dd: enum_range<E>::min must not exceed max");
  static constexpr long long type_low =
      std::is_signed_v<underlying> ? static_cast<long long>(std::numeric_limits<underlying>::min()) : 0;
  static constexpr long long type_high = !std::is_signed_v<underlying> && sizeof(underlying) >= sizeof(long long)
                                             ? std::numeric_limits<long long>::max()
                                             : static_cast<long long>(std::numeric_limits<underlying>::max());
  static constexpr long long low() {
    long long v = std::max<long long>(enum_range<E>::min, type_low);
    if constexpr (!fixed_underlying<E>) v = std::max(v, lowest_castable<E>(std::make_index_sequence<32>{}));
    return v;
  }
  static constexpr long long high() {
    long long v = std::min<long long>(enum_range<E>::max, type_high);
    if constexpr (!fixed_underlying<E>) v = std::min(v, highest_castable<E>(std::make_index_sequence<32>{}));
    return v;
  }
  static constexpr long long min = low();
  static constexpr long long max = high();
  static constexpr std::size_t size = min > max ? 0 : static_cast<std::size_t>(max - min + 1);
  static_assert(size <= 65536, "dd: enum_range<E> spans more than 65536 values; narrow it to the values the enum uses");
};

// The names of the `count` values from bounds<E>::min + first on, read from one instantiation.
template <class E, long long first, std::size_t... I>
consteval std::array<std::string_view, sizeof...(I)> chunk_names(std::index_sequence<I...>) {
  using underlying = std::underlying_type_t<E>;
  constexpr std::string_view list = argument_list(
      dd_enum_probe<static_cast<E>(static_cast<underlying>(bounds<E>::min + first + static_cast<long long>(I)))...>());
  auto names = split_values<sizeof...(I)>(list);
  for (auto& name : names) name = name_from_argument(name);
  return names;
}

// Chunks of at most 256 values: the compilers' cost grows faster than linearly with the length of a
// template argument list.
inline constexpr std::size_t chunk = 256;

template <class E, std::size_t... C>
consteval std::array<std::string_view, bounds<E>::size> all_names(std::index_sequence<C...>) {
  std::array<std::string_view, bounds<E>::size> names{};
  std::size_t at = 0;
  const auto append = [&](const auto& part) {
    for (auto name : part) names[at++] = name;
  };
  (append(chunk_names<E, static_cast<long long>(C * chunk)>(
       std::make_index_sequence<std::min(chunk, bounds<E>::size - C * chunk)>{})),
   ...);
  return names;
}

// The name of every scanned value ("" for values without one), by offset from bounds<E>::min.
template <class E>
inline constexpr auto scanned_names = all_names<E>(std::make_index_sequence<(bounds<E>::size + chunk - 1) / chunk>{});

template <class E>
consteval std::size_t named_count() {
  std::size_t n = 0;
  for (auto name : scanned_names<E>) n += !name.empty();
  return n;
}
template <class E>
consteval std::size_t names_length() {
  std::size_t n = 0;
  for (auto name : scanned_names<E>) n += name.size();
  return n;
}

// The names copied into one character array with static storage, so that nothing points into the
// compiler's __PRETTY_FUNCTION__ strings at run time.
template <class E>
consteval auto packed_names() {
  std::array<char, names_length<E>() + 1> text{};
  std::size_t at = 0;
  for (auto name : scanned_names<E>)
    for (char c : name) text[at++] = c;
  return text;
}
template <class E>
inline constexpr auto name_text = packed_names<E>();

template <class E>
consteval auto make_entries() {
  std::array<enum_entry<E>, named_count<E>()> entries{};
  std::size_t at = 0, k = 0;
  for (std::size_t i = 0; i < scanned_names<E>.size(); ++i) {
    const auto size = scanned_names<E>[i].size();
    if (size == 0) continue;
    entries[k++] = {static_cast<E>(bounds<E>::min + static_cast<long long>(i)),
                    std::string_view(name_text<E>.data() + at, size)};
    at += size;
  }
  return entries;
}
template <class E>
inline constexpr auto entries = make_entries<E>();

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

}  // namespace detail

// Every named value of E within enum_range<E>, in increasing order of value.
template <class E>
requires std::is_enum_v<E>
constexpr const auto& enum_entries() { return detail::entries<E>; }

// The enumerator's name, or "" when v has no name (or lies outside enum_range<E>).
template <class E>
requires std::is_enum_v<E>
constexpr std::string_view enum_name(E v) {
  for (const auto& e : enum_entries<E>())
    if (e.value == v) return e.name;
  return {};
}

// The value whose enumerator is called name, if any.
template <class E>
requires std::is_enum_v<E>
constexpr std::optional<E> enum_value(std::string_view name) {
  for (const auto& e : enum_entries<E>())
    if (e.name == name) return e.value;
  return std::nullopt;
}

}  // namespace reflect
}  // namespace dd
