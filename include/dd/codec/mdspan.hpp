#pragma once
// N-D arrays: one dataset of the array's shape, in row-major (C) order, whatever the memory layout
// (strided.hpp says how each layout is written and read). Three kinds of C++ types get here:
//   - mdspan-like views (std::mdspan, Kokkos mdspan, dd::ndarray_view, or anything with extents(),
//     mapping() with stride(r), data_handle() and a layout_type): loading writes into the view's
//     memory and needs the file's shape to equal the view's extents;
//   - dd::ndarray<T>: any rank, loading takes the file's shape;
//   - types an opt-in header adapts (dd/eigen.hpp) by specializing array_adaptor.
// Loading accepts deepdish's zero-size form (a shape vector with zeroarray_dtype) as well as native
// empty datasets, and numbers of another type under number.hpp's conversion rules.
#include <array>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../ndarray.hpp"
#include "context.hpp"
#include "array.hpp"
#include "strided.hpp"

namespace dd::detail {

// How an N-D array type is seen as strided memory. A specialization provides
//   using element = ...;                                         the number type
//   static strided_array<const element> saved(const context&, const T&);
//   static strided_array<element> prepare(const load_context&, T&, const std::vector<std::size_t>& shape);
//       resizes the value to the file's shape, or fails naming both shapes if it cannot hold it;
//   static std::string expected(const T&);                       "float64 (3, 4)", for messages.
template <class T>
struct array_adaptor;

// One element of an N-D array: a number, bool, std::complex or enum (a leaf of array.hpp's blocks).
template <class E>
concept array_element = block<E>::numeric && block<E>::extents.empty();

template <class M>
concept mdspan_view = requires(const M& m, std::size_t r) {
  typename M::element_type;
  typename M::layout_type;
  typename M::extents_type;
  { M::extents_type::rank() } -> std::convertible_to<std::size_t>;
  { m.extents().extent(r) } -> std::convertible_to<std::size_t>;
  m.mapping();
  { m.data_handle() } -> std::convertible_to<typename M::element_type*>;
} && array_element<std::remove_cv_t<typename M::element_type>>;

template <class T>
concept mdspan_like = requires { typename array_adaptor<std::remove_cv_t<T>>::element; };

template <class E>
std::string expected_array(const std::vector<std::size_t>& shape) {
  return h5::type_name<E>() + " " + shape_text(shape);
}

template <mdspan_view M>
struct array_adaptor<M> {
  using element = std::remove_cv_t<typename M::element_type>;
  static constexpr std::size_t rank = M::extents_type::rank();

  static std::vector<std::size_t> extents(const M& m) {
    std::vector<std::size_t> e(rank);
    for (std::size_t r = 0; r < rank; ++r) e[r] = static_cast<std::size_t>(m.extents().extent(r));
    return e;
  }
  static std::vector<std::size_t> strides(const context& ctx, const M& m) {
    std::vector<std::size_t> s(rank);
    if constexpr (rank > 0) {
      if constexpr (requires { m.mapping().stride(std::size_t{}); }) {
        if constexpr (requires { m.mapping().is_strided(); }) {
          if (!m.mapping().is_strided())
            ctx.fail("the view's layout is not strided; dd stores views whose element (i...) is at sum(i * stride)");
        }
        for (std::size_t r = 0; r < rank; ++r) s[r] = static_cast<std::size_t>(m.mapping().stride(r));
      } else {
        static_assert(rank == 0, "dd: this mdspan-like view's mapping has no stride(r); dd stores strided layouts "
                                 "(layout_right, layout_left, layout_stride)");
      }
    }
    return s;
  }

  static strided_array<const element> saved(const context& ctx, const M& m) {
    return {m.data_handle(), extents(m), strides(ctx, m)};
  }
  static strided_array<element> prepare(const load_context& ctx, M& m, const std::vector<std::size_t>& shape) {
    static_assert(!std::is_const_v<typename M::element_type>, "dd: cannot load into a view of const elements");
    const auto e = extents(m);
    if (shape != e) ctx.fail("expected shape " + shape_text(e) + " (the view's extents), found " + shape_text(shape));
    return {m.data_handle(), e, strides(ctx, m)};
  }
  static std::string expected(const M& m) { return expected_array<element>(extents(m)); }
};

template <class E>
struct array_adaptor<ndarray<E>> {
  using element = E;
  static std::vector<std::size_t> row_major_strides(const std::vector<std::size_t>& shape) {
    std::vector<std::size_t> s(shape.size(), 1);
    for (std::size_t r = shape.size(); r-- > 1;) s[r - 1] = s[r] * shape[r];
    return s;
  }
  static strided_array<const E> saved(const context&, const ndarray<E>& a) {
    return {a.data(), a.shape(), row_major_strides(a.shape())};
  }
  static strided_array<E> prepare(const load_context&, ndarray<E>& a, const std::vector<std::size_t>& shape) {
    a.resize_for_overwrite(shape);
    return {a.data(), shape, row_major_strides(shape)};
  }
  static std::string expected(const ndarray<E>&) { return h5::type_name<E>() + " (any shape)"; }
};

struct mdspan_codec {
  template <class T>
  using adaptor = array_adaptor<std::remove_cv_t<T>>;

  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    write_strided(ctx, parent, name, adaptor<T>::saved(ctx, value));
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    const auto src = find_data(parent, name, false);
    if (!src) fail_expected(ctx, parent, name, "a dataset of " + adaptor<T>::expected(value));
    read_from(ctx, *src, value);
  }

  // Reads the dataset src (or its selected box) into value.
  template <class T>
  static void read_from(load_context& ctx, const h5::data& src, T& value) {
    using element = typename adaptor<T>::element;
    const auto from = src.info();
    bool readable = from.kind == h5::type_kind::signed_integer || from.kind == h5::type_kind::unsigned_integer ||
                    from.kind == h5::type_kind::floating || from.kind == h5::type_kind::boolean;
    if constexpr (!std::is_arithmetic_v<element>)  // complex numbers, enums: read_numbers judges the details
      readable = readable || from.kind == h5::type_kind::compound || from.kind == h5::type_kind::enumeration;
    if (!readable) ctx.fail("expected a dataset of " + adaptor<T>::expected(value) + ", found " + h5::to_string(from));
    const auto stored = shape_of(ctx, src);
    const auto target = adaptor<T>::prepare(ctx, value, stored.dims);
    read_strided<element>(ctx, src, target, stored.zero_form);
  }
};

}  // namespace dd::detail
