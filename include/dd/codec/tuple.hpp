#pragma once
// std::tuple and std::pair: deepdish's tuple layout, a group titled "tuple:N" whose elements i0 ..
// i{N-1} are each stored by their own rule, which Python deepdish loads as a tuple. std::tuple<> is
// an empty "tuple:0" group. Loading also accepts a "list:N" group (a Python list of the same items);
// N must equal the number of elements of the C++ type.
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "classify.hpp"
#include "context.hpp"
#include "list.hpp"
#include "node.hpp"

namespace dd::detail {

template <>
struct mapping<family::tuple> {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    constexpr auto n = std::tuple_size_v<T>;
    const auto group = create_titled_group(ctx, parent, name, "tuple", n, n);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (save_node(ctx, group, element_name(I), std::get<I>(value)), ...);
    }
    (std::make_index_sequence<n>{});
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    constexpr auto n = std::tuple_size_v<T>;
    const auto group = parent.try_open_group(name);
    if (!group || !is_list(*group)) fail_expected(ctx, parent, name, "a group titled tuple:" + std::to_string(n));
    if (const auto found = list_length(ctx, *group); found != n)
      ctx.fail("expected a tuple of " + std::to_string(n) + " elements, found " + title_of(*group));
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (load_node(ctx, *group, element_name(I), std::get<I>(value)), ...);
    }
    (std::make_index_sequence<n>{});
  }
};

}  // namespace dd::detail
