#pragma once
// The save/load pair of every family stored as a child group of named members (structs, adapted
// structs, string-keyed maps): Self provides save_members/load_members, member_count (how its group is
// made: h5/file.hpp) and what to call the group.
#include <string_view>

#include "context.hpp"

namespace dd::detail {

template <class Self>
struct group_mapping {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    Self::save_members(ctx, parent.create_group(name, ctx.props, Self::member_count(value)), value);
  }
  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    const auto group = parent.try_open_group(name);
    if (!group) fail_expected(ctx, parent, name, Self::expected_group);
    Self::load_members(ctx, *group, value);
  }
};

}  // namespace dd::detail
