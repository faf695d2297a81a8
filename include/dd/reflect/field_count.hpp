#pragma once
// dd::reflect::reflectable and dd::reflect::field_count. Every type dd cannot reflect is rejected
// here, by one static_assert whose message starts with "dd:" and names the fix; the checks run in
// order and stop at the first failure, so one mistake gives one error.

#include <cstddef>
#include <type_traits>
#include <utility>

#include <dd/reflect/bindings.hpp>
#include <dd/reflect/count.hpp>
#include <dd/reflect/placeholders.hpp>

namespace dd::reflect {

// A class aggregate: the candidates for field-by-field reflection. field_count<T> still rejects
// those with base classes, reference members, bit-fields or too many fields.
template <class T>
concept reflectable = std::is_class_v<T> && std::is_aggregate_v<T>;

namespace detail {

template <class>
inline constexpr bool dependent_false = false;

template <class T, std::size_t... I>
consteval bool starts_with_base_class(std::index_sequence<I...>) {
  return requires { T{base_only<T>{}}; }
  || requires { T{base_only<T>{}, repeat<I, any_field<T>>{}...}; };
}
template <class T, std::size_t N>
consteval bool has_base_class() {
  if constexpr (N == 0)
    return false;
  else
    return starts_with_base_class<T>(std::make_index_sequence<N - 1>{});
}

// Parenthesized aggregate initialization (C++20) never elides braces, so a C-array field rejects a
// placeholder there: `T(any x count)` compiles only if the brace count was not inflated by an array.
// clang 14 lacks it; there a C array makes the structured binding fail instead.
template <class T, std::size_t... I>
consteval bool accepts_any_fields_in_parentheses(std::index_sequence<I...>) {
  return requires { T(repeat<I, any_field<T>>{}...); };
}
template <class T, element_count Counted>
consteval bool c_array_was_elided() {
#if defined(__cpp_aggregate_paren_init)
  if constexpr (Counted.by_braces || Counted.elements == 0)
    return false;
  else
    return !accepts_any_fields_in_parentheses<T>(std::make_index_sequence<Counted.elements>{});
#else
  return false;
#endif
}

template <class T, std::size_t N>
using inspection_of = decltype(bindings<N>::inspect(std::declval<const T&>()));

template <class T>
consteval std::size_t checked_field_count() {
  if constexpr (std::is_union_v<T>) {
    static_assert(dependent_false<T>,
                  "dd: unions cannot be reflected; wrap the union in a struct with a discriminator, or specialize "
                  "dd::codec<T>");
    return 0;
  } else if constexpr (!reflectable<T>) {
    static_assert(dependent_false<T>,
                  "dd: only class aggregates (no user-declared constructors, no private members, no virtual "
                  "functions) can be reflected; make the type an aggregate, or specialize dd::codec<T>");
    return 0;
  } else {
    constexpr element_count counted = count_elements<T>();
    constexpr std::size_t n = counted.elements;
    if constexpr (n == no_count) {
      static_assert(dependent_false<T>,
                    "dd: cannot count the fields of this struct: a reference member (use a pointer, "
                    "std::reference_wrapper or a value instead) or more than " DD_REFLECT_MAX_FIELDS
                    " fields (split it into nested "
                    "structs); or specialize dd::codec<T>");
      return 0;
    } else if constexpr (n > max_field_count) {
      static_assert(dependent_false<T>, "dd: this struct has more than " DD_REFLECT_MAX_FIELDS
                                        " fields; split it into nested structs or specialize "
                                        "dd::codec<T>");
      return 0;
    } else if constexpr (stopped_at_reference_member<T, counted>()) {
      static_assert(dependent_false<T>,
                    "dd: reference member; use a pointer, std::reference_wrapper or a value instead, or specialize "
                    "dd::codec<T>");
      return 0;
    } else if constexpr (has_base_class<T, n>()) {
      static_assert(dependent_false<T>,
                    "dd: structs with a base class cannot be reflected; make the base a member, or specialize "
                    "dd::codec<T>");
      return 0;
    } else if constexpr (c_array_was_elided<T, counted>()) {
      static_assert(dependent_false<T>,
                    "dd: C-array member in a struct with a member that is not default-initializable; use "
                    "std::array, or specialize dd::codec<T>");
      return 0;
    } else {
      // Plain static_asserts, not `if constexpr`: if the structured binding itself fails (an
      // anonymous union member), the compiler's error must not be followed by a wrong dd: message.
      using fields = inspection_of<T, n>;
      static_assert(!fields::has_reference,
                    "dd: reference member; use a pointer, std::reference_wrapper or a value instead, or specialize "
                    "dd::codec<T>");
      static_assert(fields::all_addressable,
                    "dd: bit-field member; use a plain integer member instead, or specialize dd::codec<T>");
      return fields::has_reference || !fields::all_addressable ? 0 : n;
    }
  }
}

}  // namespace detail

// The number of fields of T, in declaration order; a C-array field counts once.
template <class T>
inline constexpr std::size_t field_count = detail::checked_field_count<std::remove_cv_t<T>>();

}  // namespace dd::reflect
