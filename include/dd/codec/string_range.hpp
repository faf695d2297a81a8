#pragma once
// Ranges of strings (std::vector / std::array / std::deque / std::list / std::forward_list / sets of
// std::string, C arrays of them): one 1-D dataset of variable-length UTF-8 strings, written with one
// call from an array of pointers into the caller's strings. Fixed blocks of strings add dimensions
// like blocks of numbers do: std::vector<std::array<std::string, 2>> -> (n, 2). h5py reads the
// dataset as an array of str (`.asstr()`) or bytes; PyTables cannot map variable-length string
// datasets, so Python deepdish loads None for it (a deepdish limit).
// The rules of a single string (string.hpp) apply to the whole dataset: one string that is not valid
// UTF-8 makes the dataset's character set ASCII (Python sees bytes), a NUL byte is refused.
// Unordered sets are written sorted, so the same contents always give the same file.
// Loading also accepts fixed-length string datasets (any padding or character set), string array
// attributes, deepdish's `S` arrays (fixed strings + strtype=b'ascii') and `U` arrays (UTF-32LE bytes
// + strtype=b'unicode'), its zero-size arrays, and a deepdish list of str (a list:N group).
//
// A deepdish `U<n>` array is a uint8 dataset of the numpy array's raw UTF-32LE bytes, its last
// dimension multiplied by 4n, with attributes strtype=b'unicode' and itemsize=n. deepdish recognises it
// only when strtype compares equal to b'unicode', i.e. when PyTables reads strtype as bytes: an ASCII
// string. A UTF-8 strtype (minimal_nonpytables.h5:/data/i4) is raw uint8 data for deepdish, and so
// for dd. Each element is n code units padded with NULs, which numpy (and dd) strip.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../h5/strings.hpp"
#include "classify.hpp"
#include "compression.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "list.hpp"
#include "number.hpp"
#include "number_range.hpp"
#include "string.hpp"

namespace dd::detail {

struct string_array {
  std::vector<std::string> values;  // row-major
  h5::shape shape;
};

// The one integer in attribute `name` of src.
inline std::int64_t integer_attribute(const load_context& ctx, const h5::data& src, const char* name) {
  const auto attribute = src.open_attribute(name);
  if (attribute.extent().elements() != 1 || attribute.extent().null)
    ctx.fail(std::string(name) + " must be one integer");
  std::int64_t value = 0;
  read_numbers(ctx, attribute, &value, 1);
  return value;
}

inline bool is_deepdish_unicode(const h5::data& src) {
  if (!src.has_attribute("strtype")) return false;
  const auto strtype = src.open_attribute("strtype");
  const auto info = strtype.info();
  return info.kind == h5::type_kind::string && !strtype.utf8() && strtype.extent().elements() == 1 &&
         strtype.read_string() == "unicode";
}

inline string_array read_deepdish_unicode(const load_context& ctx, const h5::data& src) {
  const auto itemsize = integer_attribute(ctx, src, "itemsize");
  auto shape = src.extent();
  if (itemsize <= 0 || shape.null || shape.dims.empty())
    ctx.fail("a deepdish unicode array needs itemsize > 0 and at least one dimension, found itemsize " +
             std::to_string(itemsize) + " and shape " + h5::to_string(shape));
  const auto units = static_cast<std::size_t>(itemsize);
  const auto bytes_per_string = 4 * units;
  if (shape.dims.back() % bytes_per_string != 0)
    ctx.fail("a deepdish unicode array's last dimension must be a multiple of 4 * itemsize = " +
             std::to_string(bytes_per_string) + ", found " + h5::to_string(shape));
  require_backed(ctx, src, shape.elements(), 1);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(shape.elements()));
  if (!bytes.empty()) src.read(h5::memory_type<std::uint8_t>(), bytes.data());
  shape.dims.back() /= bytes_per_string;

  string_array out{{}, shape};
  out.values.reserve(bytes.size() / bytes_per_string);
  for (std::size_t start = 0; start < bytes.size(); start += bytes_per_string) {
    std::size_t used = units;  // numpy drops trailing NUL code units
    auto unit = [&](std::size_t k) {
      const auto* b = bytes.data() + start + 4 * k;
      return static_cast<char32_t>(std::uint32_t{b[0]} | (std::uint32_t{b[1]} << 8) | (std::uint32_t{b[2]} << 16) |
                                   (std::uint32_t{b[3]} << 24));
    };
    while (used > 0 && unit(used - 1) == 0) --used;
    std::string s;
    for (std::size_t k = 0; k < used; ++k) {
      const char32_t c = unit(k);
      if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        ctx.fail("string " + std::to_string(out.values.size()) + " of a deepdish unicode array holds " +
                 std::to_string(static_cast<std::uint32_t>(c)) + ", which is not a Unicode code point");
      text_detail::append_utf8(s, c);
    }
    out.values.push_back(std::move(s));
  }
  return out;
}

// The strings stored in src with their shape, or nothing if src does not hold strings.
inline std::optional<string_array> read_string_array(const load_context& ctx, const h5::data& src) {
  if (src.has_attribute(deepdish::zero_size_attribute)) {
    const auto stored = shape_of(ctx, src);
    if (stored.zero_form)
      return string_array{{}, {false, std::vector<hsize_t>(stored.dims.begin(), stored.dims.end())}};
  }
  const auto info = src.info();
  if (info.kind == h5::type_kind::string) {
    require_backed(ctx, src, src.extent().elements(), sizeof(std::string) + (info.variable_string ? 0 : info.size));
    return string_array{h5::read_strings(src), src.extent()};
  }
  if (info.kind == h5::type_kind::unsigned_integer && info.size == 1 && is_deepdish_unicode(src))
    return read_deepdish_unicode(ctx, src);
  return std::nullopt;
}

// Calls f on every std::string of a block, in row-major order.
template <class E, class F>
void for_each_string(E&& block, F&& f) {
  if constexpr (std::is_same_v<std::remove_cvref_t<E>, std::string>)
    f(block);
  else
    for (auto&& inner : block) for_each_string(inner, f);
}

template <>
struct mapping<family::string_range> {
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
        element_type element = element_type();
        fill(element);
        range.insert(std::move(element));
      }
    } else {
      if constexpr (requires { range.resize(rows); })
        range.resize(rows);
      else if (rows != static_cast<std::size_t>(std::ranges::distance(range)))
        ctx.fail("expected " + std::to_string(std::ranges::distance(range)) +
                 " strings to fill the given range, found " + h5::to_string(shape));
      for (auto& element : range) fill(element);
    }
  }

  // Writes the strings as one variable-length string dataset of shape dims.
  static void write(save_context& ctx, const h5::group& parent, std::string_view name, const std::vector<hsize_t>& dims,
                    const std::vector<const std::string*>& items) {
    bool utf8 = true;
    std::size_t width = 1, total = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& s = *items[i];
      if (const auto nul = s.find('\0'); nul != std::string::npos)
        ctx.fail("string " + std::to_string(i) + " contains a NUL byte at offset " + std::to_string(nul) +
                 ", where HDF5 strings end; store binary data as std::vector<std::uint8_t>");
      utf8 = utf8 && valid_utf8(s);
      width = std::max(width, s.size());
      total += s.size();
    }
    // Fixed-length (each string NUL-padded to the longest) keeps the strings in the dataset's raw
    // data, which HDF5 never parses; variable-length strings live in the unchecksummed global heap.
    // Only when padding would more than double the size (one long string among many short ones) are
    // they variable-length.
    if (width * items.size() <= 2 * total + (std::size_t{1} << 20)) {
      const auto type = h5::string_type(false, width, utf8, true);
      const auto storage = storage_for(ctx, dd::compression{}, 0, dims, width, ctx.options.checksum);
      const auto dataset = parent.create_dataset(name, type.id(), dims,
                                                 storage ? storage.id() : ctx.props.dataset_plain.id(), ctx.props);
      if (items.empty()) return;
      std::string block(width * items.size(), '\0');
      for (std::size_t i = 0; i < items.size(); ++i) items[i]->copy(block.data() + i * width, width);
      dataset.write(type.id(), block.data());
      return;
    }
    std::vector<const char*> text;
    text.reserve(items.size());
    for (const auto* s : items) text.push_back(s->c_str());
    const hid_t type = utf8 ? ctx.props.utf8_string.id() : ctx.props.byte_string.id();
    const auto storage = storage_for(ctx, dd::compression{}, 0, dims, sizeof(char*), ctx.options.checksum);
    const auto dataset =
        parent.create_dataset(name, type, dims, storage ? storage.id() : ctx.props.dataset_plain.id(), ctx.props);
    dataset.write(type, text.data());
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
