#pragma once
// Opening and creating files. Write handles use the strong close degree: closing the file closes
// everything in it, so a rename after close always sees a complete file.
#include <hdf5.h>

#include <string>

#include "handle.hpp"

namespace dd::h5 {

// exclusive: fail if the file exists (temporary files); otherwise truncate it.
inline handle create_file(const std::string& path, bool exclusive = true) {
  handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access property list");
  check(H5Pset_fclose_degree(fapl.id(), H5F_CLOSE_STRONG), "set close degree");
  return handle(H5Fcreate(path.c_str(), exclusive ? H5F_ACC_EXCL : H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()),
                "create file");
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

inline handle open_file(const std::string& path, bool writable) {
  handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access property list");
  if (writable) check(H5Pset_fclose_degree(fapl.id(), H5F_CLOSE_STRONG), "set close degree");
  return handle(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, fapl.id()), "open file");
}

inline void flush_file(const handle& file) { check(H5Fflush(file.id(), H5F_SCOPE_LOCAL), "flush file"); }

inline void close_file(handle& file) {
  if (file) check(H5Fclose(file.release()), "close file");
}

}  // namespace dd::h5
