#pragma once
// deepdish's list layout, shared by every range family: a group titled "list:N" (or "tuple:N") whose
// elements are named i0 .. i{N-1}, each stored by its own rule.
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../h5/attributes.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "node.hpp"

namespace dd::detail {

inline std::string element_name(std::size_t i) {
  std::string name = std::to_string(i);  // not "i" + to_string(i): g++ 12 -O3 warns falsely (-Wrestrict)
  name.insert(name.begin(), 'i');
  return name;
}

inline bool is_list(const h5::group& group) {
  const auto title = title_of(group);
  return title.starts_with("list:") || title.starts_with("tuple:");
}

// N from the TITLE "list:N" or "tuple:N".
inline std::size_t list_length(const load_context& ctx, const h5::group& group) {
  const std::string title = title_of(group);
  std::string_view count = title;
  if (count.starts_with("list:"))
    count.remove_prefix(5);
  else if (count.starts_with("tuple:"))
    count.remove_prefix(6);
  else
    ctx.fail("expected a group titled list:N, found a group " + (title.empty() ? "without TITLE" : "titled " + title));
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
  if (ec != std::errc{} || end != count.data() + count.size()) ctx.fail("malformed list TITLE '" + title + "'");
  // The title and the members must agree: a list:N holds exactly i0 .. i{N-1}, never fewer or more
  // (loading what there is would silently drop or invent elements).
  std::vector<std::string> members = group.link_names();
  for (auto& a : group.attribute_names())
    if (!deepdish::is_bookkeeping(a)) members.push_back(std::move(a));
  std::size_t named = 0;
  for (const auto& m : members) {
    std::size_t k = 0;
    const auto [e, err] = std::from_chars(m.data() + 1, m.data() + m.size(), k);
    if (m.size() > 1 && m[0] == 'i' && err == std::errc{} && e == m.data() + m.size() && k < n) ++named;
    else ctx.fail("the group titled " + title + " has a member '" + m + "', which " +
                  (n ? "is not one of i0 .. i" + std::to_string(n - 1) : std::string("an empty list does not have")));
  }
  if (named != n || members.size() != n)
    ctx.fail("the group titled " + title + " holds " + std::to_string(members.size()) + " members, not " +
             std::to_string(n));
  return n;
}

// The group `name` with deepdish's TITLE "<kind>:<n>" (kind: list, tuple, ...), holding `members`
// members besides the title (h5/file.hpp).
inline h5::group create_titled_group(save_context& ctx, const h5::group& parent, std::string_view name,
                                     std::string_view kind, std::size_t n, std::size_t members) {
  auto group = parent.create_group(name, ctx.props, members + 1);
  std::string title(kind);
  title += ':';
  title += std::to_string(n);
  h5::write_string_attribute(group.id(), deepdish::title_attribute, title, ctx.props);
  return group;
}

template <class R>
void save_list(save_context& ctx, const h5::group& parent, std::string_view name, const R& range) {
  const auto n = static_cast<std::size_t>(std::ranges::distance(range));  // forward_list has no size()
  const auto group = create_titled_group(ctx, parent, name, "list", n, n);
  std::size_t i = 0;
  for (const auto& element : range) save_node(ctx, group, element_name(i++), element);
}

// Fills range from a list group: a range the loader can grow takes N elements (in order), any other
// range must have N.
template <class R>
void load_list(load_context& ctx, const h5::group& group, R& range) {
  const auto n = list_length(ctx, group);
  using element_type = std::ranges::range_value_t<R>;
  auto load_element = [&](std::size_t i) {
    element_type element = element_type();
    load_node(ctx, group, element_name(i), element);
    return element;
  };
  if constexpr (growable<R>) {
    range.clear();
    if constexpr (requires { range.reserve(n); }) range.reserve(std::min<std::size_t>(n, 1 << 16));  // n is untrusted
    for (std::size_t i = 0; i < n; ++i) range.push_back(load_element(i));
  } else if constexpr (front_growable<R>) {
    range.clear();
    auto last = range.before_begin();
    for (std::size_t i = 0; i < n; ++i) last = range.insert_after(last, load_element(i));
  } else if constexpr (insertable<R>) {
    range.clear();
    for (std::size_t i = 0; i < n; ++i) range.insert(load_element(i));
  } else {
    if (n != std::ranges::size(range))
      ctx.fail("expected " + std::to_string(std::ranges::size(range)) + " elements, found list:" + std::to_string(n));
    std::size_t i = 0;
    for (auto& element : range) load_node(ctx, group, element_name(i++), element);
  }
}

}  // namespace dd::detail
