#pragma once
// The classifier: the one place that decides which family stores a C++ type, in one priority order:
//   user codec (dd::codec<T>) -> dd::compressed<T> -> numbers -> complex -> enums -> strings -> chrono -> optional ->
//   pointers -> variant -> tuple/pair -> bit containers -> mdspan-like views -> contiguous ranges of
//   numbers -> ranges of strings -> tables (vectors of flat structs) -> string-keyed maps -> other maps
//   -> sets -> other sequences -> adapted structs (Hana/Describe) -> aggregates.
// Opaque bytes are a kind of user codec (an opt-in through dd::codec<T> or dd::opaque<T>).
// std vocabulary comes before "aggregate" because std::array is an aggregate too; a user's codec
// comes first so it can override anything. family_of<T> is what static_assert tests check.
#include <string_view>

#include "adapted.hpp"
#include "array.hpp"
#include "bits.hpp"
#include "chrono.hpp"
#include "complex.hpp"
#include "compressed.hpp"
#include "context.hpp"
#include "custom.hpp"
#include "enumeration.hpp"
#include "keyed_map.hpp"
#include "map.hpp"
#include "mdspan.hpp"
#include "node.hpp"
#include "optional.hpp"
#include "pointer.hpp"
#include "scalar.hpp"
#include "sequence.hpp"
#include "set.hpp"
#include "string.hpp"
#include "strings.hpp"
#include "structure.hpp"
#include "table.hpp"
#include "tuple.hpp"
#include "variant.hpp"

namespace dd {

enum class family {
  unsupported, custom, compressed, scalar, complex, enumeration, string, chrono, optional, pointer, variant, tuple, bits,
  mdspan, array, strings, table, map, keyed_map, set, sequence, adapted, structure
};

template <class T>
consteval family family_of() {
  using namespace detail;
  if constexpr (has_custom_codec<T>) return family::custom;
  else if constexpr (compressed_value<T>) return family::compressed;
  else if constexpr (scalar<T>) return family::scalar;
  else if constexpr (complex_number<T>) return family::complex;
  else if constexpr (enumeration<T>) return family::enumeration;
  else if constexpr (string_like<T>) return family::string;
  else if constexpr (chrono_value<T>) return family::chrono;
  else if constexpr (optional_like<T>) return family::optional;
  else if constexpr (pointer_like<T>) return family::pointer;
  else if constexpr (variant_like<T>) return family::variant;
  else if constexpr (tuple_like<T>) return family::tuple;
  else if constexpr (bit_container<T>) return family::bits;
  else if constexpr (mdspan_like<T>) return family::mdspan;
  else if constexpr (number_range<T>) return family::array;
  else if constexpr (string_range<T>) return family::strings;
  else if constexpr (flat_table<T>) return family::table;
  else if constexpr (string_map<T>) return family::map;
  else if constexpr (keyed_map<T>) return family::keyed_map;
  else if constexpr (set_like<T>) return family::set;
  else if constexpr (sequence<T>) return family::sequence;
  else if constexpr (adapted_struct<T>) return family::adapted;
  else if constexpr (structure<T>) return family::structure;
  else return family::unsupported;
}

namespace detail {

template <family F>
struct codec_of;
template <> struct codec_of<family::custom> : custom_codec {};
template <> struct codec_of<family::compressed> : compressed_codec {};
template <> struct codec_of<family::scalar> : scalar_codec {};
template <> struct codec_of<family::complex> : complex_codec {};
template <> struct codec_of<family::enumeration> : enumeration_codec {};
template <> struct codec_of<family::string> : string_codec {};
template <> struct codec_of<family::chrono> : chrono_codec {};
template <> struct codec_of<family::optional> : optional_codec {};
template <> struct codec_of<family::pointer> : pointer_codec {};
template <> struct codec_of<family::variant> : variant_codec {};
template <> struct codec_of<family::tuple> : tuple_codec {};
template <> struct codec_of<family::bits> : bits_codec {};
template <> struct codec_of<family::mdspan> : mdspan_codec {};
template <> struct codec_of<family::array> : array_codec {};
template <> struct codec_of<family::strings> : strings_codec {};
template <> struct codec_of<family::table> : table_codec {};
template <> struct codec_of<family::map> : map_codec {};
template <> struct codec_of<family::keyed_map> : keyed_map_codec {};
template <> struct codec_of<family::set> : set_codec {};
template <> struct codec_of<family::sequence> : sequence_codec {};
template <> struct codec_of<family::adapted> : adapted_codec {};
template <> struct codec_of<family::structure> : structure_codec {};

template <class>
inline constexpr bool always_false = false;

#define DD_UNMAPPED_MESSAGE                                                                                     \
  "dd: this type has no HDF5 mapping. dd stores numbers, bool, strings, enums, ranges, maps, tuples, "        \
  "optional/pointers/variants, chrono types and aggregate structs, and any nesting of them. For another type, " \
  "specialize dd::codec<T> (convert to a type dd knows, or save/load it yourself), or opt in to opaque bytes."

// Types stored as a group of named members: the only ones that can be the root "/" itself.
template <class T>
concept group_like = family_of<T>() == family::structure || family_of<T>() == family::adapted ||
                     family_of<T>() == family::map || (family_of<T>() == family::custom && custom_group<T>);

template <class T>
void save_inner(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
  if constexpr (family_of<T>() == family::unsupported) static_assert(always_false<T>, DD_UNMAPPED_MESSAGE);
  else codec_of<family_of<T>()>::save(ctx, parent, name, value);
}

template <class T>
void load_inner(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
  if constexpr (family_of<T>() == family::unsupported) static_assert(always_false<T>, DD_UNMAPPED_MESSAGE);
  else codec_of<family_of<T>()>::load(ctx, parent, name, value);
}

template <class T>
void save_node(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
  const auto scope = ctx.enter(name);
  save_inner(ctx, parent, name, value);
}

template <class T>
void load_node(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
  const auto scope = ctx.enter(name);
  if (ctx.depth >= load_context::max_depth)
    ctx.fail("nested more than " + std::to_string(load_context::max_depth) + " levels deep (a cycle of soft links?)");
  ++ctx.depth;
  struct leave {
    int& depth;
    ~leave() { --depth; }
  } guard{ctx.depth};
  load_inner(ctx, parent, name, value);
}

template <group_like T>
void save_members(save_context& ctx, const h5::group& group, const T& value) {
  codec_of<family_of<T>()>::save_members(ctx, group, value);
}

template <group_like T>
void load_members(load_context& ctx, const h5::group& group, T& value) {
  codec_of<family_of<T>()>::load_members(ctx, group, value);
}

}  // namespace detail
}  // namespace dd
