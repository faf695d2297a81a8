#pragma once
// Sequences of anything that is not a plain number (structs, strings, nested vectors, ...): deepdish's
// list layout (list.hpp), which Python loads as a list.
#include <ranges>
#include <string_view>
#include <type_traits>
#include <vector>

#include "array.hpp"
#include "list.hpp"

namespace dd::detail {

template <class R>
concept packed_bits = std::is_same_v<R, std::vector<bool, typename R::allocator_type>>;

// std::vector<bool> is excluded: as a list it would be one attribute per bit; it gets its own codec.
template <class R>
concept sequence = std::ranges::sized_range<R> && !number_range<R> && !packed_bits<R> &&
                   (growable<R> || (fixed_size<R>() != dynamic_size && std::ranges::contiguous_range<R>));

struct sequence_codec {
  template <class R>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const R& range) {
    save_list(ctx, parent, name, range);
  }

  template <class R>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, R& range) {
    const auto group = parent.try_open_group(name);
    if (!group) fail_expected(ctx, parent, name, "a group titled list:N");
    load_list(ctx, *group, range);
  }
};

}  // namespace dd::detail
