#pragma once
// Filter pipelines: adding one to a dataset creation property list, proving once that it really
// compresses before a save relies on it, and describing a dataset's storage (layout, chunk shape,
// filters) for tests and tools. Which plugins exist and where: plugins.hpp.
#include <hdf5.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "data.hpp"
#include "handle.hpp"
#include "plugins.hpp"

namespace dd::h5 {

// One step of a filter pipeline, as given to H5Pset_filter or as stored in a file.
struct filter_step {
  H5Z_filter_t id = H5Z_FILTER_NONE;
  unsigned flags = H5Z_FLAG_OPTIONAL;  // what PyTables and h5py use for every filter
  std::vector<unsigned> cd_values;
  std::string name;  // the filter's name as stored in the file (filled when reading)
  bool operator==(const filter_step& o) const { return id == o.id && cd_values == o.cd_values; }
};

// What h5py and PyTables mark every filter as: a chunk the filter cannot handle is stored unfiltered.
inline constexpr unsigned optional_filter = H5Z_FLAG_OPTIONAL;

// The steps HDF5 has built in; plugins are filter_step{id, optional_filter, cd_values}.
inline filter_step shuffle_step() { return {H5Z_FILTER_SHUFFLE, H5Z_FLAG_OPTIONAL, {}, {}}; }
inline filter_step deflate_step(unsigned level) { return {H5Z_FILTER_DEFLATE, H5Z_FLAG_OPTIONAL, {level}, {}}; }
// Mandatory: a chunk whose checksum cannot be computed is an error, never stored unchecked.
inline filter_step fletcher32_step() { return {H5Z_FILTER_FLETCHER32, H5Z_FLAG_MANDATORY, {}, {}}; }

// Adds the steps to a dataset creation property list, in order. Shuffle and deflate go through their
// own calls, which is what h5py, PyTables and hand-written C use.
inline void add_filters(hid_t dcpl, const std::vector<filter_step>& steps) {
  for (const auto& s : steps) {
    if (s.id == H5Z_FILTER_SHUFFLE)
      check(H5Pset_shuffle(dcpl), "set shuffle filter");
    else if (s.id == H5Z_FILTER_DEFLATE && s.cd_values.size() == 1)
      check(H5Pset_deflate(dcpl, s.cd_values[0]), "set deflate filter");
    else if (s.id == H5Z_FILTER_FLETCHER32)
      check(H5Pset_fletcher32(dcpl), "set fletcher32 filter");
    else
      check(H5Pset_filter(dcpl, s.id, s.flags, s.cd_values.size(), s.cd_values.data()), "set filter");
  }
}

// ---- what a dataset's storage is ---------------------------------------------------------------

enum class layout { contiguous, chunked, compact, other };

struct storage {
  h5::layout layout = layout::contiguous;
  std::vector<hsize_t> chunk;        // chunked only
  std::vector<filter_step> filters;  // in pipeline order (applied first to last on write)
};

inline std::vector<filter_step> filters_of(hid_t dcpl) {
  std::vector<filter_step> out;
  const int n = check(H5Pget_nfilters(dcpl), "count filters");
  for (int i = 0; i < n; ++i) {
    filter_step s;
    std::size_t count = 32;
    s.cd_values.resize(count);
    char name[256] = {};
    unsigned config = 0;
    s.id = check(H5Pget_filter2(dcpl, static_cast<unsigned>(i), &s.flags, &count, s.cd_values.data(), sizeof name, name,
                                &config),
                 "get filter");
    s.cd_values.resize(std::min<std::size_t>(count, 32));
    s.name = name;
    out.push_back(std::move(s));
  }
  return out;
}

inline storage storage_of(const data& dataset) {
  handle dcpl(H5Dget_create_plist(dataset.id()), "get dataset creation properties");
  storage s;
  switch (H5Pget_layout(dcpl.id())) {
    case H5D_CONTIGUOUS: s.layout = layout::contiguous; break;
    case H5D_CHUNKED: s.layout = layout::chunked; break;
    case H5D_COMPACT: s.layout = layout::compact; break;
    default: s.layout = layout::other; break;
  }
  if (s.layout == layout::chunked) {
    s.chunk.resize(H5S_MAX_RANK);
    const int rank = check(H5Pget_chunk(dcpl.id(), H5S_MAX_RANK, s.chunk.data()), "get chunk shape");
    s.chunk.resize(static_cast<std::size_t>(rank));
  }
  s.filters = filters_of(dcpl.id());
  return s;
}

// ---- proving a pipeline compresses -------------------------------------------------------------

// What a pipeline did to a small, very compressible chunk in an in-memory file: the cd_values each
// filter stored (plugins record their version and the element size there) and whether any filter
// skipped the chunk. An optional filter that fails is skipped silently by HDF5 — a blosc without the
// requested codec does that — so a save checks this once per pipeline instead of writing raw data.
struct probe_result {
  std::string problem;                        // "" if the chunk went through every filter
  std::vector<std::vector<unsigned>> stored;  // cd_values per filter, in pipeline order
};

inline probe_result probe_pipeline(const std::vector<filter_step>& steps) {
  static std::map<std::vector<unsigned>, probe_result> cache;
  std::vector<unsigned> key;
  for (const auto& s : steps) {
    key.push_back(static_cast<unsigned>(s.id));
    key.push_back(static_cast<unsigned>(s.cd_values.size()));
    key.insert(key.end(), s.cd_values.begin(), s.cd_values.end());
  }
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (const auto it = cache.find(key); it != cache.end()) return it->second;

  probe_result r;
  try {
    handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access property list");
    check(H5Pset_fapl_core(fapl.id(), 1 << 16, false), "use the in-memory driver");
    const std::string name = "dd-filter-probe-" + std::to_string(reinterpret_cast<std::uintptr_t>(&r));
    handle file(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), "create in-memory file");
    constexpr hsize_t n = 4096;
    const std::vector<hsize_t> dims{n};
    handle space = make_space(dims);
    handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
    check(H5Pset_chunk(dcpl.id(), 1, dims.data()), "set chunk shape");
    add_filters(dcpl.id(), steps);
    handle dset(H5Dcreate2(file.id(), "probe", H5T_NATIVE_DOUBLE, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                "create a dataset with these filters");
    const std::vector<double> zeros(n, 0.0);
    check(H5Dwrite(dset.id(), H5T_NATIVE_DOUBLE, all_space, all_space, H5P_DEFAULT, zeros.data()),
          "write through the filters");
    check(H5Dflush(dset.id()), "flush the chunk through the filters");
    handle stored_dcpl(H5Dget_create_plist(dset.id()), "get dataset creation properties");
    for (auto& s : filters_of(stored_dcpl.id())) r.stored.push_back(std::move(s.cd_values));
#if H5_VERSION_GE(1, 10, 5)
    hsize_t offset[1] = {0};
    unsigned mask = 0;
    haddr_t addr = 0;
    hsize_t size = 0;
    check(H5Dget_chunk_info(dset.id(), space.id(), 0, offset, &mask, &addr, &size), "get chunk info");
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (mask & (1u << i))
        r.problem +=
            (r.problem.empty() ? "" : "; ") + ("filter " + std::to_string(steps[i].id) + " failed and was skipped");
#endif
  } catch (const failure& e) {
    r.problem = e.what();
  }
  cache.emplace(std::move(key), r);
  return r;
}

}  // namespace dd::h5
