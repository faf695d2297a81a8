#pragma once
// deepdish's pickled nodes: what it writes for Python values it cannot store natively — a dataset
// of shape (1,) whose one element is a variable-length sequence of bytes (PyTables VLArray with
// PSEUDOATOM = 'object'), holding pickle.dumps(value).
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
  if (n != 1) throw failure("expected one pickled row, found " + std::to_string(n));
  hvl_t row{};
  check(H5Dread(d.id(), memory.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &row), "read pickled bytes");
  std::vector<std::byte> bytes(row.len);
  if (row.len) std::memcpy(bytes.data(), row.p, row.len);
  H5Dvlen_reclaim(memory.id(), space.id(), H5P_DEFAULT, &row);
  return bytes;
}

// Writes bytes as deepdish writes a pickle, so deepdish.io.load unpickles it.
inline void write_variable_bytes(const group& parent, std::string_view name, const std::vector<std::byte>& bytes,
                                 const creation_lists& lists) {
  handle type(H5Tvlen_create(H5T_STD_U8LE), "create vlen type");
  handle memory(H5Tvlen_create(H5T_NATIVE_UINT8), "create vlen type");
  const hsize_t dims[1] = {1}, max_dims[1] = {H5S_UNLIMITED}, chunk[1] = {1};
  handle space(H5Screate_simple(1, dims, max_dims), "create dataspace");
  handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "create dataset property list");
  check(H5Pset_obj_track_times(dcpl.id(), false), "disable dataset timestamps");
  check(H5Pset_chunk(dcpl.id(), 1, chunk), "set chunk shape");
  const data d(handle(H5Dcreate2(parent.id(), std::string(name).c_str(), type.id(), space.id(), lists.link.id(),
                                 dcpl.id(), H5P_DEFAULT),
                      "create pickled dataset"),
               false);
  hvl_t row{bytes.size(), const_cast<std::byte*>(bytes.data())};
  check(H5Dwrite(d.id(), memory.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &row), "write pickled bytes");
  for (auto [key, value] : {std::pair{"CLASS", "VLARRAY"}, {"PSEUDOATOM", "object"}, {"VERSION", "1.4"}, {"TITLE", ""}}) {
    handle t = string_type(false, std::max<std::size_t>(1, std::strlen(value)), false);
    handle a(H5Acreate2(d.id(), key, t.id(), lists.scalar_space.id(), H5P_DEFAULT, H5P_DEFAULT), "create attribute");
    std::string buf(value);
    buf.resize(std::max<std::size_t>(1, buf.size()), '\0');
    check(H5Awrite(a.id(), t.id(), buf.data()), "write attribute");
  }
}

}  // namespace dd::h5
