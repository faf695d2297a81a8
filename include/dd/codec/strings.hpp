#pragma once
// Ranges of strings (std::vector / std::array / std::deque / std::list / std::forward_list / sets of
// std::string, C arrays of them): one 1-D dataset of variable-length UTF-8 strings, written with one
// call from an array of pointers into the caller's strings. Fixed blocks of strings add dimensions
// like blocks of numbers do: std::vector<std::array<std::string, 2>> -> (n, 2). h5py reads the
// dataset as an array of str (`.asstr()`) or bytes; PyTables cannot map variable-length string
// datasets, so Python deepdish loads None for it (a deepdish limit, DESIGN.md §3).
// The rules of a single string (string.hpp) apply to the whole dataset: one string that is not valid
// UTF-8 makes the dataset's character set ASCII (Python sees bytes), a NUL byte is refused.
// Unordered sets are written sorted, so the same contents always give the same file.
// Loading also accepts fixed-length string datasets (any padding or character set), string array
// attributes, deepdish's `S` arrays (fixed strings + strtype=b'ascii') and `U` arrays (UTF-32LE bytes
// + strtype=b'unicode'), its zero-size arrays, and a deepdish list of str (a list:N group).
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../h5/strings.hpp"
#include "array.hpp"
#include "context.hpp"
#include "list.hpp"
#include "set.hpp"
#include "string.hpp"
#include "string_arrays.hpp"

namespace dd::detail {

// A fixed-size block of strings: a std::string, or std::array / C array of blocks.
template <class E>
struct string_block {
  static constexpr bool is_block = false;
};
template <>
struct string_block<std::string> {
  static constexpr bool is_block = true;
  static constexpr std::array<std::size_t, 0> extents{};
};
template <class E, std::size_t N>
  requires string_block<E>::is_block
struct string_block<std::array<E, N>> {
  static constexpr bool is_block = true;
  static constexpr auto extents = prepend(N, string_block<E>::extents);
};
template <class E, std::size_t N>
  requires string_block<E>::is_block
struct string_block<E[N]> {
  static constexpr bool is_block = true;
  static constexpr auto extents = prepend(N, string_block<E>::extents);
};

template <class R>
concept string_range =
    std::ranges::forward_range<R> && string_block<std::remove_cv_t<std::ranges::range_value_t<R>>>::is_block;

// Calls f on every std::string of a block, in row-major order.
template <class E, class F>
void for_each_string(E&& block, F&& f) {
  if constexpr (std::is_same_v<std::remove_cvref_t<E>, std::string>) f(block);
  else
    for (auto&& inner : block) for_each_string(inner, f);
}

struct strings_codec {
  // Saves any forward range of string blocks (a container, or a view such as a map's values).
  template <class R>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const R& range) {
    using element_type = std::remove_cvref_t<std::ranges::range_reference_t<const R>>;
    std::vector<const std::string*> items;
    std::vector<hsize_t> dims{0};
    for (const auto& element : range) {
      ++dims[0];
      for_each_string(element, [&](const std::string& s) { items.push_back(&s); });
    }
    for (auto e : string_block<element_type>::extents) dims.push_back(e);
    if constexpr (unordered_container<R> && std::is_same_v<element_type, std::string>)
      std::ranges::sort(items, [](const std::string* a, const std::string* b) { return *a < *b; });
    write(ctx, parent, name, dims, items);
  }

  template <class R>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, R& range) {
    using element_type = std::ranges::range_value_t<R>;
    static_assert(insertable<R> || !std::is_const_v<std::remove_reference_t<std::ranges::range_reference_t<R>>>,
                  "dd: cannot load into a range of const strings; load into a std::vector<std::string>");
    if (const auto group = parent.try_open_group(name); group && is_list(*group)) return load_list(ctx, *group, range);
    const auto src = find_data(parent, name, false);
    if (!src) fail_expected(ctx, parent, name, expected<R>());
    auto stored = read_string_array(ctx, *src);
    if (!stored) fail_expected(ctx, parent, name, expected<R>());
    const auto& shape = stored->shape;
    check_shape<R>(ctx, shape);

    const auto rows = static_cast<std::size_t>(shape.dims[0]);
    auto next = std::make_move_iterator(stored->values.begin());
    auto fill = [&](auto& element) { for_each_string(element, [&](std::string& s) { s = *next++; }); };
    if constexpr (insertable<R>) {
      range.clear();
      for (std::size_t i = 0; i < rows; ++i) {
        element_type element{};
        fill(element);
        range.insert(std::move(element));
      }
    } else {
      if constexpr (requires { range.resize(rows); }) range.resize(rows);
      else if (rows != static_cast<std::size_t>(std::ranges::distance(range)))
        ctx.fail("expected " + std::to_string(std::ranges::distance(range)) + " strings to fill the given range, found " +
                 h5::to_string(shape));
      for (auto& element : range) fill(element);
    }
  }

  // Writes the strings as one variable-length string dataset of shape dims.
  static void write(save_context& ctx, const h5::group& parent, std::string_view name,
                    const std::vector<hsize_t>& dims, const std::vector<const std::string*>& items) {
    std::vector<const char*> text;
    text.reserve(items.size());
    bool utf8 = true;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& s = *items[i];
      if (const auto nul = s.find('\0'); nul != std::string::npos)
        ctx.fail("string " + std::to_string(i) + " contains a NUL byte at offset " + std::to_string(nul) +
                 ", where HDF5 strings end; store binary data as std::vector<std::uint8_t>");
      utf8 = utf8 && valid_utf8(s);
      text.push_back(s.c_str());
    }
    const hid_t type = utf8 ? ctx.lists.utf8_string.id() : ctx.lists.byte_string.id();
    const auto dataset = parent.create_dataset(name, type, dims, ctx.lists.dataset_plain.id(), ctx.lists);
    if (!text.empty()) dataset.write(type, text.data());
  }

 private:
  template <class R>
  static std::string expected_shape() {
    constexpr auto n = fixed_size<R>();
    using element_type = std::remove_cv_t<std::ranges::range_value_t<R>>;
    std::string s = "(" + (n == dynamic_size ? std::string("*") : std::to_string(n));
    for (auto e : string_block<element_type>::extents) s += ", " + std::to_string(e);
    return s + (string_block<element_type>::extents.empty() ? ",)" : ")");
  }
  template <class R>
  static std::string expected() {
    return "a dataset of strings " + expected_shape<R>();
  }

  template <class R>
  static void check_shape(const load_context& ctx, const h5::shape& shape) {
    constexpr auto& inner = string_block<std::remove_cv_t<std::ranges::range_value_t<R>>>::extents;
    bool ok = !shape.null && shape.dims.size() == 1 + inner.size();
    for (std::size_t i = 0; ok && i < inner.size(); ++i) ok = shape.dims[i + 1] == inner[i];
    if constexpr (fixed_size<R>() != dynamic_size) ok = ok && shape.dims[0] == fixed_size<R>();
    if (!ok) ctx.fail("expected shape " + expected_shape<R>() + ", found " + h5::to_string(shape));
  }
};

}  // namespace dd::detail
