#pragma once
// Which mapping stores a value: every family's file is included here, and save_node / load_node
// (declared in node.hpp, called by every mapping for the parts of its value) hand each value to
// mapping<family_of<T>()>. The families' order itself lives in classify.hpp.
#include <string>
#include <string_view>

#include "adapted.hpp"
#include "bits.hpp"
#include "chrono.hpp"
#include "classify.hpp"
#include "complex.hpp"
#include "compressed.hpp"
#include "context.hpp"
#include "custom.hpp"
#include "enumeration.hpp"
#include "keyed_map.hpp"
#include "nd_array.hpp"
#include "node.hpp"
#include "number.hpp"
#include "number_range.hpp"
#include "optional.hpp"
#include "pointer.hpp"
#include "sequence.hpp"
#include "set.hpp"
#include "string.hpp"
#include "string_map.hpp"
#include "string_range.hpp"
#include "structure.hpp"
#include "table.hpp"
#include "tuple.hpp"
#include "variant.hpp"

namespace dd::detail {

#define DD_UNMAPPED_MESSAGE                                                                                     \
  "dd: this type has no HDF5 mapping. dd stores numbers, bool, strings, enums, ranges, maps, tuples, "          \
  "optional/pointers/variants, chrono types and aggregate structs, and any nesting of them. For another type, " \
  "specialize dd::codec<T> (convert to a type dd knows, or save/load it yourself), or opt in to opaque bytes."

template <class T>
void save_inner(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
  if constexpr (family_of<T>() == family::unsupported)
    static_assert(always_false<T>, DD_UNMAPPED_MESSAGE);
  else
    mapping<family_of<T>()>::save(ctx, parent, name, value);
}

template <class T>
void load_inner(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
  if constexpr (family_of<T>() == family::unsupported)
    static_assert(always_false<T>, DD_UNMAPPED_MESSAGE);
  else
    mapping<family_of<T>()>::load(ctx, parent, name, value);
}

// One more level of nesting for the lifetime of the guard; deeper than dd::max_nesting is an error.
class [[nodiscard]] nesting {
 public:
  nesting(const context& ctx, int& depth, const char* why) : depth_(depth) {
    if (depth_ >= max_nesting)
      ctx.fail("nested more than " + std::to_string(max_nesting) + " levels deep (dd::max_nesting" + why + ")");
    ++depth_;
  }
  ~nesting() { --depth_; }
  nesting(const nesting&) = delete;
  nesting& operator=(const nesting&) = delete;

 private:
  int& depth_;
};

template <class T>
void save_node(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
  const auto scope = ctx.enter(name);
  const nesting level(ctx, ctx.depth, ", the same for saving and loading");
  save_inner(ctx, parent, name, value);
}

template <class T>
void load_node(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
  const auto scope = ctx.enter(name);
  const nesting level(ctx, ctx.depth, "; a cycle of soft links?");
  load_inner(ctx, parent, name, value);
}

// How many members a group-like value stores (0: not known): how its group is made (h5/file.hpp).
template <group_like T>
std::size_t member_count(const T& value) {
  if constexpr (requires { mapping<family_of<T>()>::member_count(value); })
    return mapping<family_of<T>()>::member_count(value);
  else
    return 0;
}

template <group_like T>
void save_members(save_context& ctx, const h5::group& group, const T& value) {
  mapping<family_of<T>()>::save_members(ctx, group, value);
}

template <group_like T>
void load_members(load_context& ctx, const h5::group& group, T& value) {
  mapping<family_of<T>()>::load_members(ctx, group, value);
}

// Types whose mapping can read a selected part of a dataset (arrays, tables, N-D arrays).
template <class T>
concept sliceable = requires(load_context& ctx, const h5::data& src, T& value) {
  mapping<family_of<T>()>::read_from(ctx, src, value);
};

}  // namespace dd::detail
