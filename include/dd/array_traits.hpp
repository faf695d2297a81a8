#pragma once
// dd::array_traits<T>: how dd sees an N-D array type — the one customization point for arrays, as
// dd::codec<T> is for values. An array is saved as one dataset of its shape in row-major (C) order,
// whatever its memory layout, and loaded back into the same memory (docs/types/arrays.md).
//
// A specialization provides
//   using element_type = E;                          a number, bool, std::byte, std::complex<F> or enum
//   static std::vector<std::size_t> shape(const T&);  the extents, outermost first
//   static const E* data(const T&);  static E* data(T&);
// and may provide
//   static std::vector<std::size_t> strides(const T&);  in elements, one per extent (default: row-major
//       contiguous); element (i0, ..., in) is at data[i0*s0 + ... + in*sn]
//   static bool resize(T&, const std::vector<std::size_t>& shape);  makes the array hold `shape` (the
//       file's) before loading, or returns false if it cannot; without it the shape must already match
//   static constexpr std::array<std::size_t, R> static_shape;  the extents fixed at compile time, with
//       std::dynamic_extent for the free ones: only used to say "expected shape (3, *)" in errors
// dd checks the rest (element type, a resize that gives a shape the file cannot fill) and writes the
// error messages. Specialized here for dd::ndarray and mdspan-like views, in dd/eigen.hpp for Eigen;
// docs/types/arrays.md maps an Armadillo- or xtensor-like matrix class in a few lines.
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <vector>

#include "ndarray.hpp"

namespace dd {

template <class T>
struct array_traits;

template <class E>
struct array_traits<ndarray<E>> {
  using element_type = E;
  static std::vector<std::size_t> shape(const ndarray<E>& a) { return a.shape(); }
  static const E* data(const ndarray<E>& a) { return a.data(); }
  static E* data(ndarray<E>& a) { return a.data(); }
  static bool resize(ndarray<E>& a, const std::vector<std::size_t>& shape) {
    a.resize_for_overwrite(shape);  // no zero-fill: the file's data overwrites it
    return true;
  }
};

// std::mdspan, Kokkos' mdspan, dd::ndarray_view, or anything with their members: extents() with
// extent(r), a static extents_type::rank(), mapping() with stride(r), data_handle() and layout_type.
template <class M>
concept mdspan_view = requires(const M& m, std::size_t r) {
  typename M::element_type;
  typename M::layout_type;
  typename M::extents_type;
  { M::extents_type::rank() } -> std::convertible_to<std::size_t>;
  { m.extents().extent(r) } -> std::convertible_to<std::size_t>;
  m.mapping();
  { m.data_handle() } -> std::convertible_to<typename M::element_type*>;
};

template <mdspan_view M>
struct array_traits<M> {
  using element_type = std::remove_cv_t<typename M::element_type>;
  static constexpr std::size_t rank = M::extents_type::rank();

  static std::vector<std::size_t> shape(const M& m) {
    std::vector<std::size_t> e(rank);
    for (std::size_t r = 0; r < rank; ++r) e[r] = static_cast<std::size_t>(m.extents().extent(r));
    return e;
  }
  // No strides (an empty vector for rank > 0) when the layout is not strided: dd refuses such views.
  static std::vector<std::size_t> strides(const M& m) {
    if constexpr (rank == 0) {
      return {};
    } else {
      static_assert(
          requires { m.mapping().stride(std::size_t{}); },
          "dd: this mdspan-like view's mapping has no stride(r); dd stores strided layouts (layout_right, "
          "layout_left, layout_stride)");
      if constexpr (requires { m.mapping().is_strided(); })
        if (!m.mapping().is_strided()) return {};
      std::vector<std::size_t> s(rank);
      for (std::size_t r = 0; r < rank; ++r) s[r] = static_cast<std::size_t>(m.mapping().stride(r));
      return s;
    }
  }
  // A view hands out its memory as it is: a view of const elements can be saved, not loaded into.
  static typename M::element_type* data(const M& m) { return m.data_handle(); }
};

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
