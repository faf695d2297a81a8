#pragma once
// dd::reflect::field_names: field names read from the compiler's spelling of a template argument
// that points at the field, with no macros and no registration.
//
// A pointer to field I of a never-defined object is a constant expression (nothing is read), so it
// can be a template argument; __PRETTY_FUNCTION__ of a function templated on it spells the field's
// name last, e.g. (g++, then clang 14):
//   ... [with auto Box = pointer_box<const double*>{(& report_...<Config>.wrapper<Config>::value.Config::dt)}; ...]
//   ... [Box = {&report_if_you_see_a_link_error_with_this_object.value.dt}]

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <dd/reflect/bindings.hpp>
#include <dd/reflect/field_count.hpp>
#include <dd/reflect/type_list.hpp>

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"  // the fake object below is never defined on purpose
#pragma clang diagnostic ignored "-Wundefined-internal"      // same, for T local or in an anonymous namespace
#endif

namespace dd::reflect {
namespace detail {

// The wrapper gives the fake object external linkage even when T is function-local or in an
// anonymous namespace.
template <class T>
struct wrapper {
  const T value;
};

// Declared, never defined: only addresses of its subobjects are taken, in constant expressions. A
// run-time use is a bug in dd and fails at link time with this name.
template <class T>
extern const wrapper<T> report_if_you_see_a_link_error_with_this_object;

// clang 14 rejects a bare subobject pointer as a template argument (it lacks P1907) but accepts a
// class holding one; g++ accepts both. The box's closing `}` also marks where the name ends.
template <class P>
struct pointer_box {
  P pointer;
};
template <class P>
pointer_box(P) -> pointer_box<P>;

struct spelling {
  const char* text;
  std::size_t size;
};

// __PRETTY_FUNCTION__, not std::source_location: clang 14 with libstdc++ 12 cannot use the latter.
// Its size is known from the array type, which saves a constexpr strlen per field.
template <auto Box>
consteval spelling signature_spelling() {
  return {__PRETTY_FUNCTION__, sizeof(__PRETTY_FUNCTION__) - 1};
}

// The name is the text after the last `:` or `.` before the box's closing `}` (and any `)` or
// spaces). This holds on g++ with or without -fno-pretty-templates and on clang. Plain loops:
// std::string_view's rfind and find_last_of cost g++'s constant evaluator about twice as much.
// A spelling without `}` gives an empty name, which the self-test at the bottom reports.
constexpr std::string_view field_name_in(spelling signature) {
  const char* s = signature.text;
  std::size_t end = signature.size;
  while (end > 0 && s[end - 1] != '}') --end;
  if (end == 0) return {};
  --end;
  while (end > 0 && (s[end - 1] == ')' || s[end - 1] == ' ')) --end;
  std::size_t begin = end;
  while (begin > 0 && s[begin - 1] != ':' && s[begin - 1] != '.') --begin;
  return std::string_view(s + begin, end - begin);
}

// Pointers to every field of the fake object, from one structured binding. A function, not a
// variable: g++ would emit a variable holding them for a local T, and the link would fail.
// __builtin_addressof is std::addressof without the cost of including <memory>.
template <class T>
consteval auto field_pointers() {
  return bindings<field_count<T>>::apply(
      report_if_you_see_a_link_error_with_this_object<T>.value,
      [](const auto&... field) { return make_pointer_pack(__builtin_addressof(field)...); });
}

template <class T, std::size_t I>
consteval std::string_view field_name() {
  return field_name_in(signature_spelling<pointer_box{pointer_at<I>(field_pointers<T>())}>());
}

template <std::size_t Length>
consteval std::array<char, Length + 1> null_terminated(std::string_view name) {
  std::array<char, Length + 1> text{};
  for (std::size_t i = 0; i < Length; ++i) text[i] = name[i];
  return text;
}

// Only the name is kept, so the whole signature never reaches the binary. Everything else here is
// consteval, which g++ never emits even at -O0.
template <class T, std::size_t I>
inline constexpr auto name_storage = null_terminated<field_name<T, I>().size()>(field_name<T, I>());

template <class T, std::size_t... I>
consteval std::array<std::string_view, sizeof...(I)> collect_field_names(std::index_sequence<I...>) {
  return {std::string_view{name_storage<T, I>.data(), name_storage<T, I>.size() - 1}...};
}

}  // namespace detail

// The field names of T in declaration order; each view points at static storage holding only the name.
template <class T>
inline constexpr std::array<std::string_view, field_count<T>> field_names =
    detail::collect_field_names<std::remove_cv_t<T>>(std::make_index_sequence<field_count<T>>{});

namespace detail {

// A compiler whose __PRETTY_FUNCTION__ looks different must fail here, not produce wrong names.
struct probe_for_the_name_parser {
  int the_probe_field;
};
static_assert(field_names<probe_for_the_name_parser>[0] == "the_probe_field",
              "dd: this compiler spells __PRETTY_FUNCTION__ in a way dd does not parse, so field names would be "
              "wrong; report the compiler version to dd, and meanwhile specialize dd::codec<T> for your structs");

}  // namespace detail
}  // namespace dd::reflect

#if defined(__clang__)
#pragma clang diagnostic pop
#endif
