#pragma once
// Extendible datasets: chunked, unlimited along the first dimension, grown by appending rows.
#include <hdf5.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data.hpp"
#include "group.hpp"
#include "handle.hpp"

namespace dd::h5 {

// The chunk shape of an extendible dataset with rows of shape `row`.
inline std::vector<hsize_t> extendible_chunk(const std::vector<hsize_t>& row, hsize_t chunk_rows) {
  std::vector<hsize_t> chunk{chunk_rows};
  for (auto d : row) chunk.push_back(d == 0 ? 1 : d);
  return chunk;
}

// Appended datasets cache no chunks (a chunk is written by the H5Dwrite that fills it): a write that
// fails (a full disk) fails in that call, and closing the dataset has nothing left to write, so it
// cannot fail and leave a dataset HDF5 would close again at exit.
inline handle uncached_access() {
  handle dapl(H5Pcreate(H5P_DATASET_ACCESS), "create dataset access property list");
  check(H5Pset_chunk_cache(dapl.id(), 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT), "disable the chunk cache");
  return dapl;
}

// An empty dataset of shape (0, row...) that can grow along the first dimension. `filtered` is a
// dataset creation property list with the chunk shape of extendible_chunk and filters, or empty.
// Unfiltered, no fill value is ever written: every row inside the extent is written by the append
// that grew it (a failed write shrinks it back), and HDF5 then writes whole chunks straight from the
// caller's buffer instead of filling a chunk-sized buffer and copying the rows into it.
inline data create_extendible(const group& parent, std::string_view name, hid_t file_t, const std::vector<hsize_t>& row,
                              hsize_t chunk_rows, const creation_properties& props, const handle& filtered = {}) {
  std::vector<hsize_t> dims{0}, max_dims{H5S_UNLIMITED};
  dims.insert(dims.end(), row.begin(), row.end());
  max_dims.insert(max_dims.end(), row.begin(), row.end());
  const auto chunk = extendible_chunk(row, chunk_rows);
  handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims.data()), "create dataspace");
  handle plain;
  if (!filtered) {
    plain = handle(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
    check(H5Pset_obj_track_times(plain.id(), false), "disable dataset timestamps");
    check(H5Pset_chunk(plain.id(), static_cast<int>(chunk.size()), chunk.data()), "set chunk shape");
    check(H5Pset_fill_time(plain.id(), H5D_FILL_TIME_NEVER), "set fill time");
  }
  return data(handle(H5Dcreate2(parent.id(), std::string(name).c_str(), file_t, space.id(), props.link.id(),
                                filtered ? filtered.id() : plain.id(), uncached_access().id()),
                     "create extendible dataset"),
              false);
}

// The dataset at `name` (relative to loc), opened for appending: without a chunk cache.
inline data open_appended(hid_t loc, const std::string& name) {
  return data(handle(H5Dopen2(loc, name.c_str(), uncached_access().id()), "open dataset"), false);
}

// The dataset called name, opened for appending, if there is one.
inline std::optional<data> open_for_append(const group& parent, std::string_view name) {
  if (!parent.try_open_dataset(name)) return std::nullopt;
  return open_appended(parent.id(), std::string(name));
}

// The dataset of d, closed and opened again (for appending) under its name.
inline data reopened(data&& d) {
  handle file(H5Iget_file_id(d.id()), "get file of dataset");
  std::string name(static_cast<std::size_t>(check(H5Iget_name(d.id(), nullptr, 0), "get dataset name")), '\0');
  check(H5Iget_name(d.id(), name.data(), name.size() + 1), "get dataset name");
  { const data closing = std::move(d); }
  return open_appended(file.id(), name);
}

// Can the dataset grow along its first dimension?
inline bool extendible(const data& d) {
  handle space(H5Dget_space(d.id()), "get dataspace");
  const int rank = check(H5Sget_simple_extent_ndims(space.id()), "get rank");
  if (rank < 1) return false;
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank)), max_dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), dims.data(), max_dims.data()), "get dimensions");
  return max_dims[0] == H5S_UNLIMITED;
}

// Appends `rows` rows from buf (laid out as (rows, row...) of mem_t) at the end of the first dimension.
// A write that fails shrinks the extent back, through a dataset handle opened anew: HDF5 1.10 keeps
// the failed chunk's lookup in the handle, and shrinking through it drops the chunk before the
// failed one from the index, losing rows already written (seen on a full disk).
inline void append_rows(data& d, hid_t mem_t, const void* buf, hsize_t rows) {
  if (rows == 0) return;
  handle space(H5Dget_space(d.id()), "get dataspace");
  shape s = shape_of_space(space.id());
  const hsize_t old_rows = s.dims[0];
  s.dims[0] += rows;
  check(H5Dset_extent(d.id(), s.dims.data()), "extend dataset");
  handle file_space(H5Dget_space(d.id()), "get dataspace");
  std::vector<hsize_t> offset(s.dims.size(), 0), count = s.dims;
  offset[0] = old_rows;
  count[0] = rows;
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, offset.data(), nullptr, count.data(), nullptr),
        "select appended rows");
  handle memory_space = make_space(count);
  if (H5Dwrite(d.id(), mem_t, memory_space.id(), file_space.id(), H5P_DEFAULT, buf) >= 0) return;
  const auto why = take_error_stack();
  try {
    d = reopened(std::move(d));
    s.dims[0] = old_rows;  // the rows that were not written are not part of the dataset
    H5Dset_extent(d.id(), s.dims.data());
  } catch (const failure&) {  // the write's failure is the one to report
  }
  throw failure("write appended rows" + why);
}

}  // namespace dd::h5
