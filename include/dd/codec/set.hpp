#pragma once
// std::set, std::multiset, std::unordered_set, std::unordered_multiset (sets of strings are ranges of
// strings, strings.hpp):
//   - of numbers (or fixed blocks of numbers, or flat records): the dataset a std::vector of them
//     is — for numbers a 1-D dataset, what numpy users want (np.unique, np.isin work on it
//     directly). Ordered sets are written in their order; unordered sets of numbers are sorted first
//     (NaNs last), so the same contents always give the same file;
//   - of anything else: deepdish's list layout (list:N, elements in iteration order).
// Python deepdish would pickle a set; it loads these as an ndarray or a list. Loading accepts a dataset
// or a list group for numbers; repeated values collapse in a set, as in Python's set(array).
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>
#include <type_traits>

#include "classify.hpp"
#include "context.hpp"
#include "list.hpp"
#include "number_range.hpp"
#include "sequence.hpp"

namespace dd::detail {

// A strict weak order on numbers even with NaNs (all equivalent, after everything else), so sorting
// an unordered set of doubles is well defined.
inline constexpr auto nan_last_less = [](auto a, auto b) {
  if constexpr (std::is_floating_point_v<decltype(a)>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
};

template <>
struct mapping<family::set> {
  template <class S>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const S& set) {
    using element_type = typename S::value_type;
    if constexpr (!dataset_elements<S>) {
      save_list(ctx, parent, name, set);
    } else if constexpr (unordered_container<S> && h5::number<element_type>) {
      staging<element_type> buffer(set.size());
      std::ranges::copy(set, buffer.begin());
      std::sort(buffer.begin(), buffer.end(), nan_last_less);
      mapping<family::number_range>::save(ctx, parent, name, buffer);
    } else {
      save_copied(ctx, parent, name, set);
    }
  }

  template <class S>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, S& set) {
    if constexpr (dataset_elements<S>) {
      const auto buffer = load_copied<typename S::value_type>(ctx, parent, name);
      set.clear();
      set.insert(buffer.begin(), buffer.end());
    } else {
      const auto group = parent.try_open_group(name);
      if (!group) fail_expected(ctx, parent, name, "a group titled list:N");
      load_list(ctx, *group, set);
    }
  }
};

}  // namespace dd::detail
