#pragma once
// Flat (non-recursive) packs indexed by overload resolution: picking element I of an N-element
// pack costs one base-class lookup, not N nested template instantiations as with std::tuple.

#include <cstddef>
#include <type_traits>
#include <utility>

namespace dd::reflect::detail {

template <std::size_t I, class T>
struct indexed_type {
  using type = T;
};
template <class Indices, class... T>
struct indexed_types;
template <std::size_t... I, class... T>
struct indexed_types<std::index_sequence<I...>, T...> : indexed_type<I, T>... {};

template <std::size_t I, class T>
indexed_type<I, T> select_type(const indexed_type<I, T>&);  // unevaluated only

template <std::size_t I, class... T>
using type_at =
    typename decltype(select_type<I>(std::declval<indexed_types<std::index_sequence_for<T...>, T...>>()))::type;

// What bindings<N>::inspect finds: every field's declared type, and whether all fields are addressable.
template <bool AllAddressable, class... Declared>
struct inspection {
  static constexpr bool all_addressable = AllAddressable;
  static constexpr bool has_reference = (std::is_reference_v<Declared> || ...);
  template <std::size_t I>
  using declared_type = type_at<I, Declared...>;
};

// One pointer per field, each of its own type.
template <std::size_t I, class P>
struct indexed_pointer {
  P pointer;
};
template <class Indices, class... P>
struct pointer_pack;
template <std::size_t... I, class... P>
struct pointer_pack<std::index_sequence<I...>, P...> : indexed_pointer<I, P>... {};

template <class... P>
constexpr auto make_pointer_pack(P... pointers) {
  return pointer_pack<std::index_sequence_for<P...>, P...>{{pointers}...};
}
template <std::size_t I, class P>
constexpr P pointer_at(const indexed_pointer<I, P>& element) {
  return element.pointer;
}

}  // namespace dd::reflect::detail
