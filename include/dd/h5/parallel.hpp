#pragma once
// Parallel HDF5: one file opened by every rank of an MPI communicator through HDF5's MPI-IO driver,
// and datasets written and read by all ranks at once, each rank its own box. Needs the MPI build of
// HDF5 (Debian: libhdf5-openmpi-dev, pkg-config hdf5-openmpi).
//
// Every function here is collective unless it says otherwise: all ranks of the communicator call it,
// in the same order, with the same arguments (except the boxes of a transfer). dd::mpi checks that
// they agree before calling (detail/collective.hpp), because a disagreement inside HDF5 hangs.
#include <hdf5.h>

#ifndef H5_HAVE_PARALLEL
#error "dd: <dd/mpi.hpp> needs the MPI build of HDF5: use the deepdish-mpi dependency (pkg-config hdf5-openmpi)"
#endif

#include <mpi.h>

#include <string>
#include <vector>

#include "data.hpp"
#include "file.hpp"
#include "handle.hpp"

namespace dd::h5 {

// File access through MPI-IO on `comm`. `info` carries MPI-IO hints (striping, collective buffering)
// to the MPI library untouched. Objects of at least `alignment_threshold` bytes start at a multiple of
// `alignment` (0: HDF5's default packing), so that big datasets start on file-system stripe boundaries.
inline handle parallel_file_access(MPI_Comm comm, MPI_Info info, hsize_t alignment_threshold, hsize_t alignment) {
  auto fapl = file_access(true);
  check(H5Pset_fapl_mpio(fapl.id(), comm, info), "set the MPI-IO file driver");
  if (alignment > 0) check(H5Pset_alignment(fapl.id(), alignment_threshold, alignment), "set the data alignment");
  // Metadata is written by all ranks together (one collective write of the cache instead of rank 0
  // alone). Reads stay independent: each rank may look at what it likes without the others.
  check(H5Pset_coll_metadata_write(fapl.id(), true), "set collective metadata writes");
  return fapl;
}

inline handle create_parallel_file(const std::string& path, const handle& fapl) {
  const auto fcpl = file_creation(0);  // what the root will hold is not known here
  return handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.id(), fapl.id()), "create file (MPI-IO)");
}

inline handle open_parallel_file(const std::string& path, bool writable, const handle& fapl) {
  return handle(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, fapl.id()), "open file (MPI-IO)");
}

// The storage of a dataset all ranks write, allocated when created (parallel HDF5 requires it).
// `covered`: the ranks' boxes cover every element, so nothing is filled (a fill would write every
// byte twice); otherwise the uncovered elements are zeros. `base`: the dataset creation properties of
// a serial save (chunks, filters), or none.
inline handle parallel_storage(const handle& base, bool covered) {
  handle dcpl(base ? H5Pcopy(base.id()) : H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
  check(H5Pset_obj_track_times(dcpl.id(), false), "disable dataset timestamps");
  check(H5Pset_alloc_time(dcpl.id(), H5D_ALLOC_TIME_EARLY), "set early allocation");
  check(H5Pset_fill_time(dcpl.id(), covered ? H5D_FILL_TIME_NEVER : H5D_FILL_TIME_ALLOC), "set when to fill");
  return dcpl;
}

// How the ranks' parts of a transfer reach the file: in one collective MPI-IO operation (MPI-IO
// merges them into large contiguous requests) or each rank on its own.
inline handle transfer_properties(bool collective) {
  handle dxpl(H5Pcreate(H5P_DATASET_XFER), "create transfer property list");
  check(H5Pset_dxpl_mpio(dxpl.id(), collective ? H5FD_MPIO_COLLECTIVE : H5FD_MPIO_INDEPENDENT),
        "set the MPI-IO transfer mode");
  return dxpl;
}

// The box of a dataset one rank transfers: `count` elements per dimension from `offset`, to or from
// `buffer` holding exactly those elements in row-major order. An empty box (some count 0) transfers
// nothing but still takes part in a collective transfer, as every rank must.
struct rank_box {
  std::vector<hsize_t> offset, count;

  bool empty() const {
    for (auto c : count)
      if (c == 0) return true;
    return false;
  }
};

namespace detail {
inline std::pair<handle, handle> box_spaces(const data& dataset, const rank_box& box) {
  handle file_space(H5Dget_space(dataset.id()), "get dataspace");
  handle memory_space;
  if (box.empty()) {
    check(H5Sselect_none(file_space.id()), "select nothing in the file");
    const hsize_t one = 1;
    memory_space = handle(H5Screate_simple(1, &one, nullptr), "create memory dataspace");
    check(H5Sselect_none(memory_space.id()), "select nothing in memory");
  } else {
    check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, box.offset.data(), nullptr, box.count.data(), nullptr),
          "select this rank's box");
    memory_space = make_space(box.count);
  }
  return {std::move(memory_space), std::move(file_space)};
}
}  // namespace detail

inline void write_box(const data& dataset, hid_t memory_type, const rank_box& box, const void* buffer,
                      const handle& dxpl) {
  const auto [memory, file] = detail::box_spaces(dataset, box);
  static const char nothing = 0;  // HDF5 refuses a null buffer even for an empty selection
  check(H5Dwrite(dataset.id(), memory_type, memory.id(), file.id(), dxpl.id(), buffer ? buffer : &nothing),
        "write this rank's box");
}

inline void read_box(const data& dataset, hid_t memory_type, const rank_box& box, void* buffer, const handle& dxpl) {
  const auto [memory, file] = detail::box_spaces(dataset, box);
  char nothing = 0;
  check(H5Dread(dataset.id(), memory_type, memory.id(), file.id(), dxpl.id(), buffer ? buffer : &nothing),
        "read this rank's box");
}

}  // namespace dd::h5
