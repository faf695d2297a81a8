#pragma once
// N-D arrays of numbers anywhere in memory: element (i0, ..., iN-1) is data[i0*s0 + ... + iN-1*sN-1].
// The file always holds the array in row-major (C) order, the order numpy and h5py use, so
//   - row-major contiguous memory (mdspan layout_right, dd::ndarray) is written and read in place
//     with one HDF5 call;
//   - a strided view of row-major memory (every other column, a block of a bigger matrix) is a
//     hyperslab of that memory: still one call, in place;
//   - anything else (column-major: Eigen's default, mdspan layout_left; permuted strides) goes
//     through one row-major staging copy of the array, transposed on the way.
// Writing never reorders data silently: the dataset's (i, j) is always the view's (i, j).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "../h5/hyperslab.hpp"
#include "compression.hpp"
#include "context.hpp"
#include "number.hpp"

namespace dd::detail {

template <class E>
struct strided_array {
  E* data = nullptr;
  std::vector<std::size_t> extents;
  std::vector<std::size_t> strides;  // in elements, one per extent
};

// Row-major and without gaps (dimensions of extent 1 may have any stride).
inline bool row_major_contiguous(const std::vector<std::size_t>& extents, const std::vector<std::size_t>& strides) {
  std::size_t expected = 1;
  for (std::size_t r = extents.size(); r-- > 0;) {
    if (extents[r] == 1) continue;
    if (strides[r] != expected) return false;
    expected *= extents[r];
  }
  return true;
}

// The view as a strided grid over row-major memory, if it is one. With P_k = gcd(s_0..s_k) (and 1
// for the last dimension) as the memory's row pitch below dimension k, dimension k steps s_k / P_k
// rows; it is a grid when every dimension's selection fits inside the row pitch of the one above.
inline std::optional<h5::memory_grid> as_memory_grid(const std::vector<std::size_t>& extents,
                                                     const std::vector<std::size_t>& strides) {
  std::vector<std::size_t> e, s;
  for (std::size_t r = 0; r < extents.size(); ++r) {
    if (extents[r] == 1) continue;
    if (strides[r] == 0) return std::nullopt;  // a broadcast dimension
    e.push_back(extents[r]);
    s.push_back(strides[r]);
  }
  if (e.empty()) return std::nullopt;
  const std::size_t m = e.size();
  std::vector<std::size_t> pitch(m, 1);
  for (std::size_t k = 0; k + 1 < m; ++k) pitch[k] = std::gcd(k ? pitch[k - 1] : 0, s[k]);
  h5::memory_grid grid;
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t step = s[k] / pitch[k];
    const std::size_t span = step * (e[k] - 1) + 1;
    const std::size_t room = k == 0 ? span : pitch[k - 1] / pitch[k];
    if (span > room) return std::nullopt;
    grid.dims.push_back(room);
    grid.stride.push_back(step);
    grid.count.push_back(e[k]);
  }
  return grid;
}

// Elements visited twice by the view: such a view can be saved but not loaded into.
inline bool overlapping(const std::vector<std::size_t>& extents, const std::vector<std::size_t>& strides) {
  std::vector<std::pair<std::size_t, std::size_t>> dims;  // (stride, extent), extent > 1
  for (std::size_t r = 0; r < extents.size(); ++r)
    if (extents[r] > 1) dims.emplace_back(strides[r], extents[r]);
  std::sort(dims.begin(), dims.end());
  std::size_t span = 1;  // elements covered by the dimensions with smaller strides
  for (const auto& [stride, extent] : dims) {
    if (stride < span) return true;
    span = stride * (extent - 1) + span;
  }
  return false;
}

// Copies between the view and a row-major buffer, in tiles of the last two dimensions so that a
// transposition (column-major <-> row-major) stays within the cache.
template <bool ToBuffer, class E, class B>
void copy_strided(E* view, B* buffer, const std::vector<std::size_t>& extents,
                  const std::vector<std::size_t>& strides) {
  std::vector<std::size_t> e(extents), s(strides);
  while (e.size() < 2) {
    e.insert(e.begin(), 1);
    s.insert(s.begin(), 0);
  }
  const std::size_t rank = e.size(), rows = e[rank - 2], cols = e[rank - 1];
  const std::size_t rs = s[rank - 2], cs = s[rank - 1];
  const std::size_t planes = element_count(e) / std::max<std::size_t>(1, rows * cols);
  std::vector<std::size_t> index(rank - 2, 0);
  constexpr std::size_t tile = 32;
  for (std::size_t p = 0; p < planes; ++p) {
    std::size_t base = 0;
    for (std::size_t r = 0; r + 2 < rank; ++r) base += index[r] * s[r];
    B* flat = buffer + p * rows * cols;
    for (std::size_t i0 = 0; i0 < rows; i0 += tile)
      for (std::size_t j0 = 0; j0 < cols; j0 += tile)
        for (std::size_t i = i0; i < std::min(i0 + tile, rows); ++i)
          for (std::size_t j = j0; j < std::min(j0 + tile, cols); ++j) {
            if constexpr (ToBuffer)
              flat[i * cols + j] = view[base + i * rs + j * cs];
            else
              view[base + i * rs + j * cs] = flat[i * cols + j];
          }
    for (std::size_t r = rank - 2; r-- > 0;) {  // the next plane, last index fastest
      if (++index[r] < e[r]) break;
      index[r] = 0;
    }
  }
}

template <class E>
void write_strided(save_context& ctx, const h5::group& parent, std::string_view name, const strided_array<const E>& a) {
  const std::vector<hsize_t> dims(a.extents.begin(), a.extents.end());
  const auto storage = storage_for(ctx, dims, sizeof(E));
  const auto dataset = parent.create_dataset(name, h5::file_type<E>(), dims,
                                             storage ? storage.id() : ctx.props.dataset_plain.id(), ctx.props);
  const auto n = element_count(a.extents);
  if (n == 0) return;
  if (row_major_contiguous(a.extents, a.strides)) return dataset.write(h5::memory_type<E>(), a.data);
  if (const auto grid = as_memory_grid(a.extents, a.strides))
    return h5::write_from_grid(dataset, h5::memory_type<E>(), *grid, a.data);
  const auto staging = std::make_unique_for_overwrite<E[]>(n);
  copy_strided<true>(a.data, staging.get(), a.extents, a.strides);
  dataset.write(h5::memory_type<E>(), staging.get());
}

// Reads src (whose shape matches a's extents) into a.
template <class E>
void read_strided(const load_context& ctx, const h5::data& src, const strided_array<E>& a, bool zero_form) {
  const auto n = element_count(a.extents);
  if (n == 0 || zero_form) return;
  if (row_major_contiguous(a.extents, a.strides)) return read_numbers(ctx, src, a.data, n);
  if (overlapping(a.extents, a.strides))
    ctx.fail("cannot load into a view whose elements overlap (strides " + shape_text(a.strides) + ")");
  const auto from = src.info();  // in place only when HDF5 can convert without any check
  if (std::is_arithmetic_v<E> && !std::is_same_v<E, bool> && !src.is_attribute() && always_preserved<E>(from)) {
    if (const auto grid = as_memory_grid(a.extents, a.strides))
      return h5::read_into_grid(src, h5::memory_type<E>(), *grid, a.data);
  }
  const auto staging = std::make_unique_for_overwrite<E[]>(n);
  read_numbers(ctx, src, staging.get(), n);
  copy_strided<false>(a.data, staging.get(), a.extents, a.strides);
}

}  // namespace dd::detail
