#pragma once
// The classifier: which family stores a C++ type. Concepts only (no HDF5 calls, no mappings), so
// every family file can include it; the one priority order is family_of below:
//   user codec (dd::codec<T>, dd::opaque<T>, dd::pickled) -> dd::compressed<T> -> numbers -> complex ->
//   enums -> strings -> chrono -> optional -> pointers -> variant -> tuple/pair -> bit containers ->
//   N-D arrays (dd::array_traits) -> contiguous ranges of numbers -> ranges of strings -> tables
//   (ranges of flat structs) -> string-keyed maps -> other maps -> sets -> other sequences ->
//   adapted structs (Hana/Describe) -> aggregates.
// A user's codec comes first so it can override anything; std vocabulary comes before "aggregate"
// because std::array is an aggregate too. Which mapping implements a family: dispatch.hpp.
#include <cstddef>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "../array_traits.hpp"
#include "../customize.hpp"
#include "../pickled.hpp"
#include "../reflect/adaptor.hpp"
#include "../reflect/fields.hpp"
#include "traits.hpp"

// Boost.Hana / Boost.Describe structs: the adaptors are included whenever Boost's headers exist, so a
// type saves the same members whatever the order of the includes (Boost's macros before or after dd,
// dd's adaptor headers or not). Costs about 0.1 s per TU; -DDD_NO_BOOST_ADAPTORS turns it off (then
// include <dd/reflect/hana.hpp> / <dd/reflect/describe.hpp> before the first save or load of such a type).
#if !defined(DD_NO_BOOST_ADAPTORS) && __has_include(<boost/hana/accessors.hpp>)
#include "../reflect/hana.hpp"
#endif
#if !defined(DD_NO_BOOST_ADAPTORS) && __has_include(<boost/describe/members.hpp>)
#include "../reflect/describe.hpp"
#endif

namespace dd::detail {

// ---- dd::codec<T>: specialized at all, and which kind ---------------------------------------------

template <class T>
concept has_custom_codec = !requires {
  typename dd::codec<T>::dd_not_specialized;
}
|| is_opaque_wrapper<T> || std::is_same_v<T, dd::pickled>;

// Each kind is recognised by the member that names it; custom.hpp checks the rest of the kind's
// members and that a specialization has exactly one kind.
template <class T, class C = dd::codec<T>>
concept proxy_codec = requires {
  typename C::proxy;
};
template <class T, class C = dd::codec<T>>
concept fields_codec = requires {
  C::fields;
};
template <class T, class C = dd::codec<T>>
concept renaming_codec = requires {
  C::rename;
}
|| requires { C::skip; };
template <class T, class C = dd::codec<T>>
concept node_codec = requires(dd::writer& w, const T& in) {
  C::save(w, in);
}
|| requires(dd::reader& r, T& out) { C::load(r, out); };
template <class T, class C = dd::codec<T>>
concept bytes_codec = requires {
  requires C::opaque == true;
}
|| requires(const T& value) { C::to_bytes(value); }
|| requires(std::span<const std::byte> bytes) { C::from_bytes(bytes); };

// The name field `field` of an aggregate has in the file under codec<T>'s rename/skip lists (structs
// and table members alike); empty if skipped.
template <class T>
constexpr std::string_view stored_name(std::string_view field) {
  using C = dd::codec<T>;
  if constexpr (requires { C::skip; })
    for (std::string_view skipped : C::skip)
      if (skipped == field) return {};
  if constexpr (requires { C::rename; })
    for (const auto& r : C::rename)
      if (r.field == field) return r.stored;
  return field;
}

// The kinds that store the value as a group of named members (and so can be the root group).
template <class T>
concept custom_group = has_custom_codec<T> &&(node_codec<T> || fields_codec<T> || renaming_codec<T>);

// ---- the families' concepts ---------------------------------------------------------------------------

template <class T>
concept string_like = text_traits<T>::text;

template <class T>
concept chrono_leaf = chrono_traits<T>::value;
template <class T>
concept chrono_range = std::ranges::contiguous_range<T> && std::ranges::sized_range<T> && chrono_leaf<element_of<T>>;
template <class T>
concept chrono_value = chrono_leaf<T> || chrono_range<T>;

template <class P>
concept pointer_like =
    (is_unique_pointer<std::remove_cv_t<P>> ||
     is_shared_pointer<std::remove_cv_t<P>>)&&!std::is_void_v<typename P::element_type>;  // void: dd could not allocate
                                                                                          // it

template <class T>
concept variant_like = is_std_variant<std::remove_cv_t<T>>;

template <class T>
concept bit_container = packed_bits<T> || is_bitset<T>;

// A type with a dd::array_traits specialization (dd::ndarray, mdspan-like views, Eigen, your own)
// whose elements are numbers, bool, std::complex or enums.
template <class T>
concept nd_array = requires {
  typename dd::array_traits<std::remove_cv_t<T>>::element_type;
}
&&block<typename dd::array_traits<std::remove_cv_t<T>>::element_type>::numeric&&
      block<typename dd::array_traits<std::remove_cv_t<T>>::element_type>::extents.empty();

template <class R>
concept number_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> && block<element_of<R>>::numeric;

template <class R>
concept string_range = std::ranges::forward_range<R> && string_block<element_of<R>>::is_block;

template <class M>
concept string_map = requires {
  typename M::key_type;
  typename M::mapped_type;
}
&&std::is_same_v<typename M::key_type, std::string>&& requires(M& m, std::string k, typename M::mapped_type v) {
  m.clear();
  m.emplace(std::move(k), std::move(v));
};

template <class M>
concept keyed_map = requires {
  typename M::key_type;
  typename M::mapped_type;
}
&&!string_map<M> && std::ranges::forward_range<M> &&
    requires(M & m, typename M::key_type k, typename M::mapped_type v) {
  m.clear();
  m.emplace(std::move(k), std::move(v));
};

template <class S>
concept set_like = requires {
  typename S::key_type;
  typename S::value_type;
}
&&std::is_same_v<typename S::key_type, typename S::value_type> && !requires { typename S::mapped_type; }
&&std::ranges::forward_range<S>&& insertable<S>;

// std::vector<bool> is excluded: it is a bit container.
template <class R>
concept sequence =
    std::ranges::forward_range<R> && !number_range<R> && !packed_bits<R> &&
    (growable<R> || front_growable<R> || (fixed_size<R>() != dynamic_size && std::ranges::contiguous_range<R>));

template <class T>
concept adapted_struct = reflect::hana_adaptor<T>::enabled || reflect::describe_adaptor<T>::enabled;

template <class T>
using adaptor_of =
    std::conditional_t<reflect::hana_adaptor<T>::enabled, reflect::hana_adaptor<T>, reflect::describe_adaptor<T>>;

// ---- the order ----------------------------------------------------------------------------------------

enum class family {
  unsupported,
  custom,
  compressed,
  number,
  complex,
  enumeration,
  string,
  chrono,
  optional,
  pointer,
  variant,
  tuple,
  bits,
  nd_array,
  number_range,
  string_range,
  table,
  string_map,
  keyed_map,
  set,
  sequence,
  adapted,
  structure
};

template <class T>
consteval family family_of();

// Flat records: aggregates (stored as structs) whose members are numbers, bool, std::complex, enums,
// fixed blocks of those, or flat records again. They have an HDF5 compound type, so a contiguous
// range of them is one table (table.hpp, record.hpp).
template <class T>
consteval bool flat_record_type();

template <class F>
consteval bool flat_member() {
  if constexpr (block<F>::numeric)
    return true;
  else
    return flat_record_type<F>();
}

template <class T>
consteval bool flat_record_type() {
  if constexpr (!reflect::reflectable<T>) {
    return false;
  } else if constexpr (family_of<T>() != family::structure &&
                       !(family_of<T>() == family::custom && renaming_codec<T>)) {
    return false;  // std::array and other std aggregates, or a type mapped otherwise
  } else if constexpr (reflect::field_count<T> == 0) {
    return false;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) { return (flat_member<reflect::field_type<T, I>>() && ...); }
    (std::make_index_sequence<reflect::field_count<T>>{});
  }
}

template <class T>
concept flat_record = flat_record_type<T>();

template <class R>
concept flat_table = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> && flat_record<element_of<R>>;

template <class T>
consteval family family_of() {
  if constexpr (has_custom_codec<T>)
    return family::custom;
  else if constexpr (is_compressed_wrapper<std::remove_cv_t<T>>)
    return family::compressed;
  else if constexpr (h5::number<T>)
    return family::number;
  else if constexpr (complex_number<T>)
    return family::complex;
  else if constexpr (enumeration<T>)
    return family::enumeration;
  else if constexpr (string_like<T>)
    return family::string;
  else if constexpr (chrono_value<T>)
    return family::chrono;
  else if constexpr (is_std_optional<std::remove_cv_t<T>> || std::is_same_v<T, std::monostate>)
    return family::optional;  // std::monostate is None, like an empty optional
  else if constexpr (pointer_like<T>)
    return family::pointer;
  else if constexpr (variant_like<T>)
    return family::variant;
  else if constexpr (is_std_tuple<T>)
    return family::tuple;
  else if constexpr (bit_container<T>)
    return family::bits;
  else if constexpr (nd_array<T>)
    return family::nd_array;
  else if constexpr (number_range<T>)
    return family::number_range;
  else if constexpr (string_range<T>)
    return family::string_range;
  else if constexpr (flat_table<T>)
    return family::table;
  else if constexpr (string_map<T>)
    return family::string_map;
  else if constexpr (keyed_map<T>)
    return family::keyed_map;
  else if constexpr (set_like<T>)
    return family::set;
  else if constexpr (sequence<T>)
    return family::sequence;
  else if constexpr (adapted_struct<T>)
    return family::adapted;
  else if constexpr (reflect::reflectable<T>)
    return family::structure;
  else
    return family::unsupported;
}

// Types stored as a group of named members: the only ones that can be the root "/" itself.
template <class T>
concept group_like = family_of<T>()
== family::structure || family_of<T>() == family::adapted || family_of<T>() == family::string_map ||
    (family_of<T>() == family::custom && custom_group<T>);

// Elements a std::vector stores as one dataset (numbers or fixed blocks of them, flat records):
// other sequences, sets and maps copy such elements into one buffer and store them the same way.
template <class X>
concept dataset_element = block<X>::numeric || flat_table<std::vector<X>>;
template <class R>
concept dataset_elements = dataset_element<element_of<R>>;

// The implementation of each family: save(ctx, parent, name, value), load(ctx, parent, name, value),
// and for group-like families save_members / load_members. Specialized in the family's file.
template <family F>
struct mapping;

}  // namespace dd::detail
