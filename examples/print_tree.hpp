#pragma once
// A small h5ls -r: every group, dataset and attribute of a file with its type and shape. It uses the
// HDF5 C API directly, as any independent reader would.
#include <hdf5.h>

#include <cstdio>
#include <string>

namespace demo {

inline std::string type_text(hid_t type) {
  const auto size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER: return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(size * 8);
    case H5T_FLOAT: return "float" + std::to_string(size * 8);
    case H5T_BITFIELD: return "bool (B8)";
    case H5T_STRING: return H5Tis_variable_str(type) > 0 ? "string" : "string[" + std::to_string(size) + "]";
    default: return "other";
  }
}

inline std::string shape_text(hid_t space) {
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank <= 0) return "";
  hsize_t dims[32];
  H5Sget_simple_extent_dims(space, dims, nullptr);
  std::string s = " (";
  for (int i = 0; i < rank; ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + (rank == 1 ? ",)" : ")");
}

inline herr_t print_attribute(hid_t loc, const char* name, const H5A_info_t*, void* indent) {
  const hid_t a = H5Aopen(loc, name, H5P_DEFAULT);
  const hid_t t = H5Aget_type(a), s = H5Aget_space(a);
  std::printf("%*s@%s  %s%s\n", *static_cast<int*>(indent), "", name, type_text(t).c_str(), shape_text(s).c_str());
  H5Sclose(s);
  H5Tclose(t);
  H5Aclose(a);
  return 0;
}

inline void print_attributes(hid_t obj, int indent) {
  hsize_t idx = 0;
  H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, print_attribute, &indent);
}

inline herr_t print_link(hid_t group, const char* name, const H5L_info_t*, void* indent_ptr) {
  const int indent = *static_cast<int*>(indent_ptr);
  const hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
  if (H5Iget_type(obj) == H5I_GROUP) {
    std::printf("%*s%s/\n", indent, "", name);
    print_attributes(obj, indent + 2);
    int inner = indent + 2;
    hsize_t idx = 0;
    H5Literate(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, print_link, &inner);
  } else {
    const hid_t t = H5Dget_type(obj), s = H5Dget_space(obj);
    std::printf("%*s%s  dataset %s%s\n", indent, "", name, type_text(t).c_str(), shape_text(s).c_str());
    H5Sclose(s);
    H5Tclose(t);
    print_attributes(obj, indent + 2);
  }
  H5Oclose(obj);
  return 0;
}

}  // namespace demo

inline void print_tree(const std::string& path) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
  std::printf("/\n");
  demo::print_attributes(root, 2);
  int indent = 2;
  hsize_t idx = 0;
  H5Literate(root, H5_INDEX_NAME, H5_ITER_INC, &idx, demo::print_link, &indent);
  H5Gclose(root);
  H5Fclose(file);
}
