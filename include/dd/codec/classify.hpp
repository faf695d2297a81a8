#pragma once
// The classifier: the one place that decides which family stores a C++ type, in one priority order
//   number -> string -> contiguous range of numbers -> string-keyed map -> other sequence -> aggregate.
// std vocabulary comes before "aggregate" because std::array is an aggregate too. family_of<T> is
// what static_assert tests check.
#include <string_view>

#include "array.hpp"
#include "context.hpp"
#include "map.hpp"
#include "node.hpp"
#include "scalar.hpp"
#include "sequence.hpp"
#include "string.hpp"
#include "structure.hpp"

namespace dd {

enum class family { unsupported, scalar, string, array, map, sequence, structure };

template <class T>
consteval family family_of() {
  using namespace detail;
  if constexpr (scalar<T>) return family::scalar;
  else if constexpr (string_like<T>) return family::string;
  else if constexpr (number_range<T>) return family::array;
  else if constexpr (string_map<T>) return family::map;
  else if constexpr (sequence<T>) return family::sequence;
  else if constexpr (structure<T>) return family::structure;
  else return family::unsupported;
}

namespace detail {

template <family F>
struct codec_of;
template <> struct codec_of<family::scalar> : scalar_codec {};
template <> struct codec_of<family::string> : string_codec {};
template <> struct codec_of<family::array> : array_codec {};
template <> struct codec_of<family::map> : map_codec {};
template <> struct codec_of<family::sequence> : sequence_codec {};
template <> struct codec_of<family::structure> : structure_codec {};

template <class>
inline constexpr bool always_false = false;

#define DD_UNMAPPED_MESSAGE                                                                                   \
  "dd: this type has no HDF5 mapping. dd stores numbers, bool, std::string, contiguous ranges of numbers, " \
  "string-keyed maps, sequences and aggregate structs, and any nesting of them; convert other types to one of these."

// Types stored as a group of named members: the only ones that can be the root "/" itself.
template <class T>
concept group_like = family_of<T>() == family::structure || family_of<T>() == family::map;

template <class T>
void save_node(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
  if constexpr (family_of<T>() == family::unsupported) {
    static_assert(always_false<T>, DD_UNMAPPED_MESSAGE);
  } else {
    const auto scope = ctx.enter(name);
    codec_of<family_of<T>()>::save(ctx, parent, name, value);
  }
}

template <class T>
void load_node(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
  if constexpr (family_of<T>() == family::unsupported) {
    static_assert(always_false<T>, DD_UNMAPPED_MESSAGE);
  } else {
    const auto scope = ctx.enter(name);
    codec_of<family_of<T>()>::load(ctx, parent, name, value);
  }
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
