#pragma once
// Dataset creation properties for chunked, filtered storage.
#include <hdf5.h>

#include <string>
#include <vector>

#include "handle.hpp"

namespace dd::h5 {

inline bool deflate_available() { return check(H5Zfilter_avail(H5Z_FILTER_DEFLATE), "check filter") > 0; }

inline handle chunked_deflate(const std::vector<hsize_t>& chunk, int level, bool shuffle) {
  handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
  check(H5Pset_obj_track_times(dcpl.id(), false), "disable dataset timestamps");
  check(H5Pset_chunk(dcpl.id(), static_cast<int>(chunk.size()), chunk.data()), "set chunk shape");
  if (shuffle) check(H5Pset_shuffle(dcpl.id()), "set shuffle filter");
  check(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(level)), "set deflate filter");
  return dcpl;
}

}  // namespace dd::h5
