#pragma once
// Contiguous ranges of numbers: one dataset of the full N-D shape, written from and read into the
// range's own memory with one HDF5 call. The elements may themselves be fixed blocks of numbers
// (std::array or C arrays, nested), which add trailing dimensions:
//   std::vector<float>                      -> (n,)
//   std::array<std::array<double, 3>, 2>    -> (2, 3)
//   std::vector<std::array<float, 3>>       -> (n, 3)
// Loading resizes a resizable range to the file's first dimension; every fixed dimension must match.
// deepdish's zero-size form (a shape vector with a `zeroarray_dtype` attribute) loads as empty, and a
// deepdish list of numbers (a Python list) loads element by element.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "../h5/type.hpp"
#include "../ndarray.hpp"
#include "classify.hpp"
#include "compression.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "list.hpp"
#include "number.hpp"

namespace dd::detail {

// What a dataset or attribute holds: its shape, or for deepdish's zero-size form (an integer shape
// vector with a `zeroarray_dtype` attribute) the shape it describes, which has no data to read.
struct stored_shape {
  std::vector<std::size_t> dims;
  bool zero_form = false;
};

inline stored_shape shape_of(const load_context& ctx, const h5::data& src) {
  const auto ext = src.extent();
  if (ext.null) ctx.fail("expected an array, found an empty (null) dataspace");
  stored_shape out{std::vector<std::size_t>(ext.dims.begin(), ext.dims.end()), false};
  const auto kind = src.info().kind;  // only a 1-D integer dataset can be deepdish's shape vector
  if (ext.dims.size() != 1 || (kind != h5::type_kind::signed_integer && kind != h5::type_kind::unsigned_integer) ||
      !src.has_attribute(deepdish::zero_size_attribute))
    return out;
  std::vector<std::int64_t> dims(ext.dims[0]);
  if (!dims.empty()) read_numbers(ctx, src, dims.data(), dims.size());
  out.dims.clear();
  std::size_t elements = 1;
  for (auto d : dims) {
    if (d < 0) ctx.fail("a zeroarray_dtype dataset holds a negative dimension");
    out.dims.push_back(static_cast<std::size_t>(d));
    elements *= static_cast<std::size_t>(d);
  }
  if (elements != 0)
    ctx.fail("a zeroarray_dtype dataset must describe an empty shape, found " +
             h5::to_string(h5::shape{false, std::vector<hsize_t>(out.dims.begin(), out.dims.end())}));
  out.zero_form = true;
  return out;
}

// Makes a contiguous range hold n elements: a resizable one is resized, a fixed-size one (std::array,
// a C array, a fixed std::span) or an unresizable one (a dynamic std::span) must already have n.
// False when it cannot; the caller says what it expected.
template <class R>
bool hold_elements(R& range, std::size_t n) {
  if constexpr (fixed_size<R>() != dynamic_size) {
    return n == fixed_size<R>();
  } else if constexpr (requires { range.resize(n); }) {
    // A big vector that must grow is allocated afresh and advised for huge pages before resize()
    // zero-fills it (the value-initialization the type requires): far fewer page faults.
    if constexpr (requires {
                    range.capacity();
                    range.reserve(n);
                    range.shrink_to_fit();
                  }) {
      using element = std::ranges::range_value_t<R>;
      if (range.capacity() < n && n * sizeof(element) >= huge_page_bytes) {
        range.clear();
        range.shrink_to_fit();
        range.reserve(n);
        advise_huge_pages(range.data(), n * sizeof(element));
      }
    }
    range.resize(n);
    return true;
  } else {
    return n == std::ranges::size(range);
  }
}

// "(n, ...)" for a range that cannot change its length, to say what it can hold.
template <class R>
std::string held_length(const R& range) {
  if constexpr (fixed_size<R>() == dynamic_size && !requires(R & r) { r.resize(0); })
    return " (the range holds " + std::to_string(std::ranges::size(range)) + " elements)";
  else
    return {};
}

template <>
struct mapping<family::number_range> {
  template <class R>
  using block_of = block<element_of<R>>;

  // "(*, 3)" for a vector of 3-arrays: what the C++ type can hold.
  template <class R>
  static std::string expected_shape() {
    constexpr auto n = fixed_size<R>();
    std::string s = "(" + (n == dynamic_size ? std::string("*") : std::to_string(n));
    for (auto e : block_of<R>::extents) s += ", " + std::to_string(e);
    return s + (block_of<R>::extents.empty() ? ",)" : ")");
  }
  template <class R>
  static std::string expected() {
    return "a dataset of " + h5::type_name<typename block_of<R>::number>() + " " + expected_shape<R>();
  }

  template <class R>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const R& range) {
    using number = typename block_of<R>::number;
    std::vector<hsize_t> dims{std::ranges::size(range)};
    for (auto e : block_of<R>::extents) dims.push_back(e);
    const auto storage = storage_for(ctx, dims, sizeof(number));
    const auto dataset = parent.create_dataset(name, h5::file_type<number>(), dims,
                                               storage ? storage.id() : ctx.props.dataset_plain.id(), ctx.props);
    if (h5::shape{false, dims}.elements() != 0) dataset.write(h5::memory_type<number>(), std::ranges::data(range));
  }

  template <class R>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, R& range) {
    const auto src = find_data(parent, name, false);
    if (!src) {
      // A Python list of numbers (or of arrays) is a deepdish list group: read it element by element.
      if constexpr (growable<R> || fixed_size<R>() != dynamic_size) {
        if (const auto group = parent.try_open_group(name); group && is_list(*group))
          return load_list(ctx, *group, range);
      }
      fail_expected(ctx, parent, name, expected<R>());
    }
    read_from(ctx, *src, range);
  }

  // Reads the dataset or attribute src (or its selected part) into range.
  template <class R>
  static void read_from(load_context& ctx, const h5::data& src, R& range) {
    using number = typename block_of<R>::number;
    constexpr auto& inner = block_of<R>::extents;
    if constexpr (requires { h5::written_info<number>(); })  // dd's own files: the type in one call
      src.stored_as(h5::file_type<number>(), h5::written_info<number>());
    const auto stored = shape_of(ctx, src);
    const auto& dims = stored.dims;
    const auto mismatch = [&](const std::string& held) {
      ctx.fail("expected shape " + expected_shape<R>() + held + ", found " + shape_text(dims));
    };
    if (dims.size() != 1 + inner.size() || !std::equal(inner.begin(), inner.end(), dims.begin() + 1)) mismatch("");
    const auto total = element_count(dims);
    if (!stored.zero_form) require_backed(ctx, src, total, sizeof(number));
    if (!hold_elements(range, dims[0])) mismatch(held_length(range));
    if (total == 0 || stored.zero_form) return;
    read_numbers(ctx, src, reinterpret_cast<number*>(std::ranges::data(range)), total);
  }
};

}  // namespace dd::detail
