#pragma once
// Reading and writing a whole dataset from/to memory elements picked by a strided grid: the memory
// is seen as a row-major array of `dims`, of which `count` elements per dimension are taken every
// `stride` elements. This is how a strided view (every other column, a sub-block of a matrix) is
// written and read in place, with one HDF5 call and no copy.
#include <hdf5.h>

#include <vector>

#include "data.hpp"
#include "handle.hpp"

namespace dd::h5 {

struct memory_grid {
  std::vector<hsize_t> dims, stride, count;
};

inline handle grid_space(const memory_grid& grid) {
  handle space(H5Screate_simple(static_cast<int>(grid.dims.size()), grid.dims.data(), nullptr),
               "create memory dataspace");
  const std::vector<hsize_t> start(grid.dims.size(), 0);
  check(H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start.data(), grid.stride.data(), grid.count.data(), nullptr),
        "select memory hyperslab");
  return space;
}

// src must be a dataset (attributes have no selections); the grid selects as many elements as it has.
inline void write_from_grid(const data& dst, hid_t mem_type, const memory_grid& grid, const void* buf) {
  const auto space = grid_space(grid);
  check(H5Dwrite(dst.id(), mem_type, space.id(), all_space, H5P_DEFAULT, buf), "write dataset");
}

inline void read_into_grid(const data& src, hid_t mem_type, const memory_grid& grid, void* buf) {
  const auto space = grid_space(grid);
  check(H5Dread(src.id(), mem_type, space.id(), src.file_space(), H5P_DEFAULT, buf), "read dataset");
}

}  // namespace dd::h5
