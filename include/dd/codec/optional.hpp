#pragma once
// std::optional<T>. An engaged optional is stored exactly as its value would be (an attribute for a
// number or string, a dataset or group otherwise); an empty one as deepdish's None: an empty group
// titled "nonetype:". So Python deepdish loads the value, or None, and h5py sees the plain value.
// Loading takes as empty: nothing at all under that name, or a nonetype: group (also through a soft
// link: deepdish writes every None after the first as a link to the first one).
// The empty-means-None rule is shared by pointers and std::monostate (pointer.hpp, variant.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "../h5/attributes.hpp"
#include "../h5/links.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "node.hpp"

namespace dd::detail {

inline constexpr std::string_view none_title = "nonetype:";

// deepdish's None, named `name` inside parent.
inline void save_none(save_context& ctx, const h5::group& parent, std::string_view name) {
  h5::write_string_attribute(parent.create_group(name, ctx.props).id(), deepdish::title_attribute, none_title,
                             ctx.props);
}

// Does parent/name hold no value: nothing at all, or deepdish's None? A dangling soft link is an
// error, not an absence: the file claims a value that is not there.
inline bool holds_none(const load_context& ctx, const h5::group& parent, std::string_view name) {
  if (parent.has_attribute(name)) return false;
  switch (parent.kind(name)) {
    case h5::node_kind::missing: return true;
    case h5::node_kind::dangling_link: ctx.fail(h5::broken_link(parent, name));
    case h5::node_kind::group: return title_of(parent.open_group(name)).starts_with(none_title);
    default: return false;
  }
}

template <>
struct mapping<family::optional> {
  // std::monostate: always None.
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const std::monostate&) {
    save_none(ctx, parent, name);
  }
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, std::monostate&) {
    if (!holds_none(ctx, parent, name)) fail_expected(ctx, parent, name, "None (a nonetype: group) for std::monostate");
  }

  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const std::optional<T>& value) {
    if (value)
      save_inner(ctx, parent, name, *value);
    else
      save_none(ctx, parent, name);
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, std::optional<T>& value) {
    static_assert(std::is_default_constructible_v<T>,
                  "dd: loading std::optional<T> needs a default-constructible T (the value is loaded into a T "
                  "constructed in place); add a default constructor or specialize dd::codec<T>");
    if (holds_none(ctx, parent, name)) {
      value.reset();
      return;
    }
    if (!value) value.emplace();  // an engaged optional is loaded into, reusing its storage
    load_inner(ctx, parent, name, *value);
  }
};

}  // namespace dd::detail
