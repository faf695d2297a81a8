#pragma once
// How dd::file replaces a node without ever losing it: the new value is written into a staging group
// beside the old one and swapped in only when complete.
#include <unistd.h>

#include <string>
#include <string_view>

#include "../codec/context.hpp"
#include "../codec/deepdish.hpp"
#include "../codec/variant_tag.hpp"
#include "../h5/group.hpp"
#include "callback.hpp"

namespace dd::detail {

// Moves the link or attribute `name` of `from`, if there is one, to `to`.
inline void move_member(const h5::group& from, const std::string& name, const h5::group& to,
                        const h5::creation_properties& props) {
  if (from.has_link(name)) from.move_link(name, to, name, props);
  if (from.has_attribute(name)) {
    from.copy_attribute(name, to, name, props);
    from.remove_attribute(name);
  }
}

// Writes the new value of parent/name into a staging group beside it, then swaps it in: a save that
// fails half-way (a throwing codec, a full disk) leaves the old value intact and no half-written
// node behind. What the old value was (a link, an attribute, a variant's tag) is replaced whole.
// `staged` counts the saves of one dd::file, to name their staging groups.
inline void replace_member(save_context& ctx, const h5::group& parent, std::string_view name, unsigned& staged,
                           callback<const h5::group&> write) {
  const auto suffix = std::to_string(::getpid()) + "-" + std::to_string(++staged);
  const auto staging = ".dd-staging-" + suffix, replaced = ".dd-replaced-" + suffix;
  const auto stage = parent.create_group(staging, ctx.props);
  ctx.staging_path = h5::member_path(parent, staging);
  ctx.final_path = h5::object_path(parent.id());
  if (ctx.final_path == "/") ctx.final_path.clear();
  const auto drop = [&](const std::string& group_name) {
    try {
      if (parent.has_link(group_name)) parent.remove(group_name);
    } catch (const h5::failure&) {  // the first error is the one to report
    }
  };
  try {
    write(stage);
  } catch (...) {
    drop(staging);
    throw;
  }
  const std::string old_members[] = {std::string(name), variant_tag_name(name)};
  try {
    const auto trash = parent.create_group(replaced, ctx.props);
    try {
      for (const auto& member : old_members) move_member(parent, member, trash, ctx.props);
      for (const auto& member : stage.link_names()) stage.move_link(member, parent, member, ctx.props);
      for (const auto& member : stage.attribute_names()) stage.copy_attribute(member, parent, member, ctx.props);
    } catch (...) {
      for (const auto& member : old_members) {  // put the old value back: it must never be lost
        try {
          if (!trash.has_link(member) && !trash.has_attribute(member)) continue;
          if (parent.has_link(member)) parent.remove(member);
          if (parent.has_attribute(member)) parent.remove_attribute(member);
          move_member(trash, member, parent, ctx.props);
        } catch (const h5::failure&) {}
      }
      throw;
    }
  } catch (...) {
    drop(staging);
    drop(replaced);
    throw;
  }
  drop(staging);
  drop(replaced);
}

inline void clear_members(const h5::group& group) {
  for (const auto& name : group.link_names()) group.remove(name);
  for (const auto& name : group.attribute_names())
    if (!deepdish::is_bookkeeping(name)) group.remove_attribute(name);
}

}  // namespace dd::detail
