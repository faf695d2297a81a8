#pragma once
// Opening and creating files, and the file format dd writes.
//
// New files use the HDF5 1.8 file format (library version bounds V18..V18): superblock v2, v2 object
// headers, compact-or-dense link and attribute storage, every one of them checksummed, so a corrupted
// metadata byte is an error HDF5 reports instead of a structure it parses (docs/reliability.md), and
// big groups are indexed (B-trees) rather than scanned. HDF5 1.8 and later, h5py, PyTables and
// deepdish read these files; the upper bound keeps HDF5 1.10-only structures out. Object timestamps
// are off, the root's included, so the same value saved twice gives the same bytes.
// Write handles use the strong close degree: closing the file closes everything in it, so a rename
// after close always sees a complete file.
// Groups (the root included) keep up to compact_attributes attributes in their object header, found
// by a scan, where HDF5 moves them to dense storage (a B-tree and a heap) past 8: a struct of scalars
// and strings, which deepdish stores as attributes, then saves in about a fifth less time, loads in
// 14-25% less and takes half the bytes (benchmarks/README.md). Past about a hundred the indexed
// lookups of dense storage win, so a group known to get more members (a big map) is dense from the
// start rather than converted (which copies every attribute). Every reader of the 1.8 format reads
// both; links keep HDF5's default (compact links measured no faster).
#include <hdf5.h>

#include <cstddef>
#include <string>

#include "handle.hpp"
#include "plugins.hpp"

namespace dd::h5 {

// The file access properties of every file dd opens or creates. `writable` files close strongly.
// earliest: the oldest format each object allows (HDF5's default, readable by HDF5 1.6) instead of the
// 1.8 format; never the 1.10 structures either way.
inline handle file_access(bool writable, bool earliest = false) {
  handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access property list");
  check(H5Pset_libver_bounds(fapl.id(), earliest ? H5F_LIBVER_EARLIEST : H5F_LIBVER_V18, H5F_LIBVER_V18),
        "set the file format");
  if (writable) check(H5Pset_fclose_degree(fapl.id(), H5F_CLOSE_STRONG), "set close degree");
  return fapl;
}

inline constexpr unsigned compact_attributes = 100;

// The storage of a group (or the root's, through the file creation properties) that will hold
// `members` members (0: not known). The earliest format has only compact storage (setting the
// threshold would give the object a 1.8 header).
inline void set_attribute_storage(hid_t object_creation, std::size_t members, bool earliest = false) {
  if (!earliest && members <= compact_attributes)
    check(H5Pset_attr_phase_change(object_creation, compact_attributes, compact_attributes * 3 / 4),
          "keep attributes compact");
}

inline handle file_creation(std::size_t root_members, bool earliest = false) {
  handle fcpl(H5Pcreate(H5P_FILE_CREATE), "create file creation property list");
  check(H5Pset_obj_track_times(fcpl.id(), false), "disable root group timestamps");
  set_attribute_storage(fcpl.id(), root_members, earliest);
  return fcpl;
}

// exclusive: fail if the file exists (temporary files); otherwise truncate it. root_members: how many
// members the root will hold, if known. earliest: the format of file_access.
inline handle create_file(const std::string& path, bool exclusive = true, std::size_t root_members = 0,
                          bool earliest = false) {
  auto fcpl = file_creation(root_members, earliest);  // initializes HDF5 (and its exit handler) first
  detail::keep_plugins_until_exit();
  return handle(H5Fcreate(path.c_str(), exclusive ? H5F_ACC_EXCL : H5F_ACC_TRUNC, fcpl.id(),
                          file_access(true, earliest).id()),
                "create file");
}

// The POSIX descriptor HDF5 writes the file through (its default driver), or -1.
inline int file_descriptor(const handle& file) {
  const hid_t fapl = H5Fget_access_plist(file.id());
  if (fapl < 0) return -1;
  void* descriptor = nullptr;
  const bool posix = H5Pget_driver(fapl) == H5FD_SEC2 && H5Fget_vfd_handle(file.id(), fapl, &descriptor) >= 0;
  H5Pclose(fapl);
  return posix && descriptor ? *static_cast<int*>(descriptor) : -1;
}

// >0: an HDF5 file; 0: readable but not HDF5; <0: cannot be opened at all.
inline int probe_file(const std::string& path) {
#if H5_VERSION_GE(1, 12, 0)
  const htri_t r = H5Fis_accessible(path.c_str(), H5P_DEFAULT);
#else
  const htri_t r = H5Fis_hdf5(path.c_str());
#endif
  if (r < 0) H5Eclear2(H5E_DEFAULT);
  return r < 0 ? -1 : static_cast<int>(r);
}

// An existing file, in whatever format it has; objects dd adds to it follow that format.
inline handle open_file(const std::string& path, bool writable) {
  detail::keep_plugins_until_exit();
  if (!writable)  // the default access properties: creating a property list costs a small load 2%
    return handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open file");
  handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access property list");
  check(H5Pset_fclose_degree(fapl.id(), H5F_CLOSE_STRONG), "set close degree");
  return handle(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.id()), "open file");
}

// Is the file in the earliest format (superblock v0 or v1, as HDF5 writes by default and h5py too)?
inline bool earliest_format(const handle& file) {
  H5F_info2_t info;
  return H5Fget_info2(file.id(), &info) >= 0 && info.super.version < 2;
}

inline void flush_file(const handle& file) { check(H5Fflush(file.id(), H5F_SCOPE_LOCAL), "flush file"); }

inline void close_file(handle& file) {
  if (file) check(H5Fclose(file.release()), "close file");
}

}  // namespace dd::h5
