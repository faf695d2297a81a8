#pragma once
// Dataset creation properties for chunked, filtered storage.
#include <hdf5.h>

#include <string>
#include <vector>

#include "filters.hpp"
#include "handle.hpp"

namespace dd::h5 {

inline bool deflate_available() { return check(H5Zfilter_avail(H5Z_FILTER_DEFLATE), "check filter") > 0; }

// Chunked storage of this chunk shape through these filters (first step applied first on write).
inline handle chunked_filtered(const std::vector<hsize_t>& chunk, const std::vector<filter_step>& steps) {
  handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
  check(H5Pset_obj_track_times(dcpl.id(), false), "disable dataset timestamps");
  check(H5Pset_chunk(dcpl.id(), static_cast<int>(chunk.size()), chunk.data()), "set chunk shape");
  add_filters(dcpl.id(), steps);
  return dcpl;
}

}  // namespace dd::h5
