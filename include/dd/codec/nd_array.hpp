#pragma once
// N-D arrays: types with a dd::array_traits specialization (array_traits.hpp) — dd::ndarray,
// mdspan-like views, Eigen, the user's own. One dataset of the array's shape, in row-major (C) order
// whatever the memory layout (strided.hpp says how each layout is written and read). Loading asks
// the traits to resize the array to the file's shape (or needs it to match), then reads into the
// array's own memory. It accepts deepdish's zero-size form (a shape vector with zeroarray_dtype) as
// well as native empty datasets, and numbers of another type under number.hpp's conversion rules.
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../array_traits.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "number_range.hpp"
#include "strided.hpp"

namespace dd::detail {

template <class T>
struct array_of {
  using traits = dd::array_traits<std::remove_cv_t<T>>;
  using element = typename traits::element_type;
  static constexpr bool resizable = requires(T & a, const std::vector<std::size_t>& s) {
    { traits::resize(a, s) } -> std::convertible_to<bool>;
  };

  static std::vector<std::size_t> strides(const context& ctx, const T& a, const std::vector<std::size_t>& shape) {
    if constexpr (requires { traits::strides(a); }) {
      auto s = traits::strides(a);
      if (s.size() != shape.size())
        ctx.fail("the array's layout is not strided (array_traits gave " + std::to_string(s.size()) + " strides for " +
                 std::to_string(shape.size()) +
                 " dimensions); dd stores arrays whose element "
                 "(i...) is at sum(i * stride)");
      return s;
    } else {
      std::vector<std::size_t> s(shape.size(), 1);
      for (std::size_t r = shape.size(); r-- > 1;) s[r - 1] = s[r] * shape[r];
      return s;
    }
  }

  // "(3, *)", "(any shape)" or the current shape: what the array can hold, for messages.
  static std::string holdable(const T& a) {
    if constexpr (!resizable) {
      return shape_text(traits::shape(a));
    } else if constexpr (requires { traits::static_shape; }) {
      std::string s = "(";
      for (std::size_t r = 0; r < traits::static_shape.size(); ++r)
        s += (r ? ", " : "") + (traits::static_shape[r] == std::dynamic_extent
                                    ? std::string("*")
                                    : std::to_string(traits::static_shape[r]));
      return s + (traits::static_shape.size() == 1 ? ",)" : ")");
    } else {
      return "(any shape)";
    }
  }
  static std::string expected(const T& a) { return h5::type_name<element>() + " " + holdable(a); }

  static strided_array<const element> saved(const context& ctx, const T& a) {
    auto shape = traits::shape(a);
    auto s = strides(ctx, a, shape);
    return {traits::data(a), std::move(shape), std::move(s)};
  }

  // Makes a hold the file's shape and returns where its elements go.
  static strided_array<element> prepared(const load_context& ctx, T& a, const std::vector<std::size_t>& found) {
    using pointer = decltype(traits::data(a));
    static_assert(!std::is_const_v<std::remove_pointer_t<pointer>>, "dd: cannot load into an array of const elements");
    const auto mismatch = [&](const char* why) {
      ctx.fail("expected shape " + holdable(a) + why + ", found " + shape_text(found));
    };
    if constexpr (resizable) {
      if (!traits::resize(a, found)) mismatch("");
    }
    auto shape = traits::shape(a);
    // The file's shape must be the array's, up to dimensions of extent 1 ((n, 1) fills a vector of n).
    if (shape != found && !(squeezed(shape) == squeezed(found) && element_count(shape) == element_count(found)))
      mismatch(resizable ? "" : " (the array's own shape, which loading cannot change)");
    auto s = strides(ctx, a, shape);
    return {traits::data(a), std::move(shape), std::move(s)};
  }

  static std::vector<std::size_t> squeezed(const std::vector<std::size_t>& shape) {
    std::vector<std::size_t> out;
    for (auto e : shape)
      if (e != 1) out.push_back(e);
    return out;
  }
};

template <>
struct mapping<family::nd_array> {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    write_strided(ctx, parent, name, array_of<T>::saved(ctx, value));
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    const auto src = find_data(parent, name, false);
    if (!src) fail_expected(ctx, parent, name, "a dataset of " + array_of<T>::expected(value));
    read_from(ctx, *src, value);
  }

  // Reads the dataset src (or its selected box) into value.
  template <class T>
  static void read_from(load_context& ctx, const h5::data& src, T& value) {
    using element = typename array_of<T>::element;
    const auto from = src.info();
    bool readable = from.kind == h5::type_kind::signed_integer || from.kind == h5::type_kind::unsigned_integer ||
                    from.kind == h5::type_kind::floating || from.kind == h5::type_kind::boolean;
    if constexpr (!std::is_arithmetic_v<element>)  // complex numbers, enums: read_numbers judges the details
      readable = readable || from.kind == h5::type_kind::compound || from.kind == h5::type_kind::enumeration;
    if (!readable) ctx.fail("expected a dataset of " + array_of<T>::expected(value) + ", found " + h5::to_string(from));
    const auto stored = shape_of(ctx, src);
    if (!stored.zero_form) require_backed(ctx, src, element_count(stored.dims), sizeof(element));
    read_strided<element>(ctx, src, array_of<T>::prepared(ctx, value, stored.dims), stored.zero_form);
  }
};

}  // namespace dd::detail
