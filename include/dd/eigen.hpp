#pragma once
// Opt-in: Eigen dense objects as datasets, in the orientation h5py shows them.
//   #include <dd/eigen.hpp>          // not included by dd.hpp; needs Eigen 3 (Debian: libeigen3-dev)
//   Eigen::MatrixXd m(3, 4);  dd::save("m.h5", m);   // dataset (3, 4): h5py's f["data"][i, j] == m(i, j)
//
// Matrix and Array, fixed or dynamic sizes, column-major (Eigen's default) or row-major, and Map /
// Ref / Block objects with direct access:
//   - a matrix is a 2-D dataset of shape (rows, cols) in row-major order; a column-major matrix is
//     transposed on the way (through one staging copy), so the file holds the same matrix;
//   - a vector (one dimension fixed to 1 at compile time) is a 1-D dataset (n,); loading also
//     accepts (n, 1) for a column vector and (1, n) for a row vector.
// Loading resizes dynamic dimensions; a fixed dimension (or a Map/Ref/Block, which cannot resize)
// must match the file, otherwise a dd::error names both shapes. This header is a plain user of
// dd::array_traits (array_traits.hpp), the way any matrix library can be mapped.
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#if __has_include(<Eigen/Core>)
#include <Eigen/Core>
#elif __has_include(<eigen3/Eigen/Core>)
#include <eigen3/Eigen/Core>
#else
#error "dd/eigen.hpp needs Eigen 3 (Debian: apt-get install libeigen3-dev; add dependency('eigen3') to the build)"
#endif

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

#include "dd.hpp"

namespace dd {

template <class T>
concept eigen_dense = std::is_base_of_v<Eigen::DenseBase<T>, T> &&((T::Flags & Eigen::DirectAccessBit) != 0);

template <eigen_dense T>
struct array_traits<T> {
  using element_type = typename T::Scalar;
  static constexpr bool vector = T::IsVectorAtCompileTime;

  static std::vector<std::size_t> shape(const T& m) {
    if constexpr (vector)
      return {static_cast<std::size_t>(m.size())};
    else
      return {static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols())};
  }
  static std::vector<std::size_t> strides(const T& m) {
    if constexpr (vector)
      return {static_cast<std::size_t>(m.innerStride())};
    else
      return {static_cast<std::size_t>(m.rowStride()), static_cast<std::size_t>(m.colStride())};
  }
  static const element_type* data(const T& m) { return m.data(); }
  static auto* data(T& m) { return m.data(); }  // const elements for Map<const ...>: dd refuses to load into it

  // For messages: the compile-time dimensions, std::dynamic_extent where they are Dynamic.
  static constexpr auto static_shape = [] {
    constexpr auto dim = [](Eigen::Index n) { return n == Eigen::Dynamic ? std::dynamic_extent : std::size_t(n); };
    if constexpr (vector)
      return std::array<std::size_t, 1>{dim(T::SizeAtCompileTime)};
    else
      return std::array<std::size_t, 2>{dim(T::RowsAtCompileTime), dim(T::ColsAtCompileTime)};
  }();

  // Plain matrices and arrays resize their dynamic dimensions; Map / Ref / Block cannot (no resize:
  // the file's shape must be theirs). A vector takes (n,), and (n, 1) or (1, n) as its orientation.
  static bool resize(T& m,
                     const std::vector<std::size_t>& shape) requires std::is_base_of_v<Eigen::PlainObjectBase<T>, T> {
    Eigen::Index rows = 0, cols = 0;
    if constexpr (vector) {
      constexpr bool column = T::ColsAtCompileTime == 1;
      std::size_t n = 0;
      if (shape.size() == 1)
        n = shape[0];
      else if (shape.size() == 2 && shape[column ? 1 : 0] == 1)
        n = shape[column ? 0 : 1];
      else
        return false;
      rows = column ? static_cast<Eigen::Index>(n) : 1;
      cols = column ? 1 : static_cast<Eigen::Index>(n);
    } else {
      if (shape.size() != 2) return false;
      rows = static_cast<Eigen::Index>(shape[0]);
      cols = static_cast<Eigen::Index>(shape[1]);
    }
    auto fits = [](Eigen::Index n, Eigen::Index fixed, Eigen::Index max) {
      return n >= 0 && (fixed == Eigen::Dynamic ? (max == Eigen::Dynamic || n <= max) : n == fixed);
    };
    if (!fits(rows, T::RowsAtCompileTime, T::MaxRowsAtCompileTime) ||
        !fits(cols, T::ColsAtCompileTime, T::MaxColsAtCompileTime))
      return false;
    m.resize(rows, cols);
    return true;
  }
};

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
