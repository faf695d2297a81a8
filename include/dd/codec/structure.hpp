#pragma once
// Aggregate structs: a group whose members are the fields, named by compile-time reflection and each
// stored by its own rule (so numbers become attributes of the group, arrays datasets in it).
// Python deepdish loads it as a dict. A top-level struct is written into "/" itself.
#include <string_view>
#include <type_traits>

#include "../reflect/fields.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "node.hpp"

namespace dd::detail {

template <class T>
concept structure = reflect::reflectable<T>;

// One named member of a struct-like value (aggregates here, Hana/Describe structs in adapted.hpp).
// Load policies (missing members, collecting problems) apply here.
template <class F>
void save_field(save_context& ctx, const h5::group& group, std::string_view name, const F& field) {
  save_node(ctx, group, name, field);
}
template <class F>
void load_field(load_context& ctx, const h5::group& group, std::string_view name, F& field) {
  load_node(ctx, group, name, field);
}

template <class T>
consteval bool field_names_storable() {
  for (auto name : reflect::field_names<T>)
    if (deepdish::name_problem(name)) return false;
  return true;
}

struct structure_codec {
  template <class T>
  static void save_members(save_context& ctx, const h5::group& group, const T& value) {
    static_assert(field_names_storable<T>(),
                  "dd: a field name of this struct is reserved by deepdish/PyTables (TITLE, CLASS, VERSION, FLAVOR, "
                  "FILTERS, PSEUDOATOM, NROWS, EXTDIM, ENCODING, AUTO_INDEX, DIRTY, NODE_TYPE..., FIELD_..., "
                  "DEEPDISH_IO..., _c_/_f_/_g_/_v_ prefixes, __members__); rename the field");
    reflect::for_each_field(value, [&](std::string_view name, const auto& field) { save_field(ctx, group, name, field); });
  }
  template <class T>
  static void load_members(load_context& ctx, const h5::group& group, T& value) {
    reflect::for_each_field(value, [&](std::string_view name, auto& field) { load_field(ctx, group, name, field); });
  }

  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    save_members(ctx, parent.create_group(name, ctx.lists), value);
  }
  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    const auto group = parent.try_open_group(name);
    if (!group) fail_expected(ctx, parent, name, "a group (struct)");
    load_members(ctx, *group, value);
  }
};

}  // namespace dd::detail
