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
// must match the file, otherwise a dd::error names both shapes.
#if __has_include(<Eigen/Core>)
#include <Eigen/Core>
#elif __has_include(<eigen3/Eigen/Core>)
#include <eigen3/Eigen/Core>
#else
#error "dd/eigen.hpp needs Eigen 3 (Debian: apt-get install libeigen3-dev; add dependency('eigen3') to the build)"
#endif

#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include "dd.hpp"

namespace dd::detail {

template <class T>
concept eigen_dense = std::is_base_of_v<Eigen::DenseBase<T>, T> && ((T::Flags & Eigen::DirectAccessBit) != 0) &&
                      scalar<typename T::Scalar>;

template <eigen_dense T>
struct array_adaptor<T> {
  using element = typename T::Scalar;
  static constexpr bool vector = T::IsVectorAtCompileTime;
  static constexpr bool resizable = std::is_base_of_v<Eigen::PlainObjectBase<T>, T>;

  static std::vector<std::size_t> shape(const T& m) {
    if constexpr (vector) return {static_cast<std::size_t>(m.size())};
    else return {static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols())};
  }
  static std::vector<std::size_t> strides(const T& m) {
    if constexpr (vector) return {static_cast<std::size_t>(m.innerStride())};
    else return {static_cast<std::size_t>(m.rowStride()), static_cast<std::size_t>(m.colStride())};
  }

  // "(3, *)": what the type can hold, for messages.
  static std::string holdable(const T& m) {
    auto dim = [](Eigen::Index fixed, Eigen::Index now) {
      return !resizable ? std::to_string(now) : fixed == Eigen::Dynamic ? std::string("*") : std::to_string(fixed);
    };
    if constexpr (vector) return "(" + dim(T::SizeAtCompileTime, m.size()) + ",)";
    else return "(" + dim(T::RowsAtCompileTime, m.rows()) + ", " + dim(T::ColsAtCompileTime, m.cols()) + ")";
  }

  static strided_array<const element> saved(const context&, const T& m) { return {m.data(), shape(m), strides(m)}; }

  static strided_array<element> prepare(const load_context& ctx, T& m, const std::vector<std::size_t>& found) {
    static_assert((T::Flags & Eigen::LvalueBit) != 0, "dd: cannot load into a read-only Eigen object (Map<const ...>)");
    const auto mismatch = [&] { ctx.fail("expected shape " + holdable(m) + ", found " + shape_text(found)); };
    Eigen::Index rows = 0, cols = 0;
    if constexpr (vector) {
      constexpr bool column = T::ColsAtCompileTime == 1;
      std::size_t n = 0;
      if (found.size() == 1) n = found[0];
      else if (found.size() == 2 && found[column ? 1 : 0] == 1) n = found[column ? 0 : 1];
      else mismatch();
      rows = column ? static_cast<Eigen::Index>(n) : 1;
      cols = column ? 1 : static_cast<Eigen::Index>(n);
    } else {
      if (found.size() != 2) mismatch();
      rows = static_cast<Eigen::Index>(found[0]);
      cols = static_cast<Eigen::Index>(found[1]);
    }
    if (rows < 0 || cols < 0) mismatch();  // beyond Eigen::Index
    if constexpr (resizable) {
      auto fits = [](Eigen::Index n, Eigen::Index fixed, Eigen::Index max) {
        return fixed == Eigen::Dynamic ? (max == Eigen::Dynamic || n <= max) : n == fixed;
      };
      if (!fits(rows, T::RowsAtCompileTime, T::MaxRowsAtCompileTime) ||
          !fits(cols, T::ColsAtCompileTime, T::MaxColsAtCompileTime))
        mismatch();
      m.resize(rows, cols);
    } else if (rows != m.rows() || cols != m.cols()) {
      mismatch();
    }
    // The file's shape (not the C++ one) describes the data: (n, 1) is read as two dimensions.
    if constexpr (vector) {
      if (found.size() == 2)
        return {m.data(), found, {static_cast<std::size_t>(m.rowStride()), static_cast<std::size_t>(m.colStride())}};
    }
    return {m.data(), shape(m), strides(m)};
  }

  static std::string expected(const T& m) { return h5::type_name<element>() + " " + holdable(m); }
};

}  // namespace dd::detail
