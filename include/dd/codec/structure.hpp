#pragma once
// Aggregate structs: a group whose members are the fields, named by compile-time reflection and each
// stored by its own rule (so numbers become attributes of the group, arrays datasets in it).
// Python deepdish loads it as a dict. A top-level struct is written into "/" itself.
#include <span>
#include <string_view>
#include <type_traits>

#include "../reflect/fields.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "group_mapping.hpp"
#include "node.hpp"

namespace dd::detail {

// One named member of a struct-like value (aggregates here, Hana/Describe structs in adapted.hpp,
// dd::codec field lists in custom.hpp). The load policies apply here: a member the file lacks keeps
// its value under missing_members::keep_default, and every problem is recorded rather than thrown so
// one load reports all of them.
template <class F>
void save_field(save_context& ctx, const h5::group& group, std::string_view name, const F& field) {
  save_node(ctx, group, name, field);
}
template <class F>
void load_field(load_context& ctx, const h5::group& group, std::string_view name, F& field) {
  if (ctx.options.missing == missing_members::keep_default && !group.has_attribute(name) && !group.has_link(name))
    return;
  ctx.collecting([&] { load_node(ctx, group, name, field); });
}

// Under unknown_members::error, the members of group that none of `known` names are problems.
template <class Names>
void check_unknown_members(load_context& ctx, const h5::group& group, const Names& known) {
  if (ctx.options.unknown != unknown_members::error) return;
  auto is_known = [&](const std::string& name) {
    for (std::string_view k : known)
      if (k == name) return true;
    return false;
  };
  auto check = [&](const std::string& name) {
    if (is_known(name) || deepdish::is_bookkeeping(name)) return;
    const auto scope = ctx.enter(name);
    ctx.record("unknown member (the C++ type has no field of this name; load_options::unknown is error)");
  };
  for (const auto& name : group.link_names()) check(name);
  for (const auto& name : group.attribute_names()) check(name);
}

// Can every name be an HDF5 name that deepdish loads? (Struct fields are checked at compile time.)
consteval bool storable_names(std::span<const std::string_view> names) {
  for (auto name : names)
    if (deepdish::name_problem(name)) return false;
  return true;
}

template <>
struct mapping<family::structure> : group_mapping<mapping<family::structure>> {
  static constexpr const char* expected_group = "a group (struct)";

  template <class T>
  static std::size_t member_count(const T&) {
    return reflect::field_count<T>;
  }
  template <class T>
  static void save_members(save_context& ctx, const h5::group& group, const T& value) {
    static_assert(storable_names(reflect::field_names<T>),
                  "dd: a field name of this struct is reserved by deepdish/PyTables (TITLE, CLASS, VERSION, FLAVOR, "
                  "FILTERS, PSEUDOATOM, NROWS, EXTDIM, ENCODING, AUTO_INDEX, DIRTY, NODE_TYPE..., FIELD_..., "
                  "DEEPDISH_IO..., _c_/_f_/_g_/_v_ prefixes, __members__); rename the field");
    reflect::for_each_field(value,
                            [&](std::string_view name, const auto& field) { save_field(ctx, group, name, field); });
  }
  template <class T>
  static void load_members(load_context& ctx, const h5::group& group, T& value) {
    reflect::for_each_field(value, [&](std::string_view name, auto& field) { load_field(ctx, group, name, field); });
    check_unknown_members(ctx, group, reflect::field_names<T>);
  }
};

}  // namespace dd::detail
