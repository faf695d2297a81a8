#pragma once
// Compile-time reflection of class aggregates, the whole public interface:
//   reflectable<T>          a class aggregate (a candidate for field-by-field reflection)
//   field_count<T>          number of fields
//   field_names<T>          std::array of std::string_view, in declaration order
//   field_type<T, I>        declared type of field I, without cv and reference
//   tie(obj)                std::tuple of references to the fields
//   for_each_field(obj, f)  f(name, field) for each field in order
// Limits and costs: docs/reflection.md.

#include "../version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <dd/reflect/bindings.hpp>
#include <dd/reflect/field_count.hpp>
#include <dd/reflect/names.hpp>

namespace dd::reflect {

namespace detail {
template <class T, std::size_t I>
struct field_type_of {
  static_assert(I < field_count<T>, "dd: field index out of range; use an index below dd::reflect::field_count<T>");
  using type = std::remove_cvref_t<typename inspection_of<T, field_count<T>>::template declared_type<I>>;
};
}  // namespace detail

// A C-array field keeps its array type: field_type<S, I> may be double[3].
template <class T, std::size_t I>
using field_type = typename detail::field_type_of<std::remove_cv_t<T>, I>::type;

// std::tuple<F0&, F1&, ...>, or of const references when T is const.
template <class T>
constexpr auto tie(T& obj) {
  return detail::bindings<field_count<T>>::apply(
      obj, [](auto&... field) { return std::tuple<decltype(field)...>(field...); });
}

// Calls f(std::string_view name, field) for each field in declaration order; field is an lvalue
// reference, const when obj is const.
template <class T, class F>
constexpr void for_each_field(T&& obj, F&& f) {
  using type = std::remove_cvref_t<T>;
  detail::bindings<field_count<type>>::apply(obj, [&f](auto&... field) {
    [[maybe_unused]] std::size_t index = 0;
    (static_cast<void>(f(field_names<type>[index++], field)), ...);
  });
}

}  // namespace dd::reflect

#endif  // DD_UNSUPPORTED_STANDARD
