#pragma once
// Datasets of variable-length byte sequences: shape (1,), one element that is a sequence of any
// number of bytes (HDF5 VLEN of uint8). What a Python pickle is stored as (codec/custom.hpp adds the
// attributes PyTables expects).
#include <hdf5.h>

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "data.hpp"
#include "group.hpp"
#include "handle.hpp"

namespace dd::h5 {

inline bool is_variable_bytes(const data& d) {
  const auto t = d.type();
  if (H5Tget_class(t.id()) != H5T_VLEN) return false;
  handle base(H5Tget_super(t.id()), "get base type");
  return H5Tget_class(base.id()) == H5T_INTEGER && H5Tget_size(base.id()) == 1;
}

// The bytes of element 0 of a (1,) dataset of variable-length bytes.
inline std::vector<std::byte> read_variable_bytes(const data& d) {
  handle memory(H5Tvlen_create(H5T_NATIVE_UINT8), "create vlen type");
  handle space(H5Dget_space(d.id()), "get dataspace");
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  if (n != 1) throw failure("expected one row of bytes, found " + std::to_string(n));
  hvl_t row{};
  check(H5Dread(d.id(), memory.id(), all_space, all_space, H5P_DEFAULT, &row), "read variable-length bytes");
  std::vector<std::byte> bytes(row.len);
  if (row.len) std::memcpy(bytes.data(), row.p, row.len);
  H5Dvlen_reclaim(memory.id(), space.id(), H5P_DEFAULT, &row);
  return bytes;
}

// A chunked (1,) dataset (extendible, as PyTables' VLArray) holding `bytes` as its one element.
inline data write_variable_bytes(const group& parent, std::string_view name, const std::vector<std::byte>& bytes,
                                 const creation_properties& props) {
  handle type(H5Tvlen_create(H5T_STD_U8LE), "create vlen type");
  handle memory(H5Tvlen_create(H5T_NATIVE_UINT8), "create vlen type");
  const hsize_t dims[1] = {1}, max_dims[1] = {H5S_UNLIMITED}, chunk[1] = {1};
  handle space(H5Screate_simple(1, dims, max_dims), "create dataspace");
  handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
  check(H5Pset_obj_track_times(dcpl.id(), false), "disable dataset timestamps");
  check(H5Pset_chunk(dcpl.id(), 1, chunk), "set chunk shape");
  data d(handle(H5Dcreate2(parent.id(), std::string(name).c_str(), type.id(), space.id(), props.link.id(), dcpl.id(),
                           H5P_DEFAULT),
                "create variable-length bytes dataset"),
         false);
  hvl_t row{bytes.size(), const_cast<std::byte*>(bytes.data())};
  check(H5Dwrite(d.id(), memory.id(), all_space, all_space, H5P_DEFAULT, &row), "write variable-length bytes");
  return d;
}

}  // namespace dd::h5
