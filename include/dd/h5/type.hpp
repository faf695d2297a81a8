#pragma once
// HDF5 datatypes for C++ arithmetic types, and a plain description of any file datatype that the
// codecs use to decide how to read it (and to say "found float64" in errors).
#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "handle.hpp"

namespace dd::h5 {

template <class T>
concept number = std::is_arithmetic_v<T>;

// Memory type of a C++ number. bool is stored as an 8-bit bitfield, deepdish's (PyTables') bool.
template <number T>
hid_t memory_type() {
  if constexpr (std::is_same_v<T, bool>) return H5T_NATIVE_B8;
  else if constexpr (std::is_floating_point_v<T>) {
    if constexpr (sizeof(T) == sizeof(float)) return H5T_NATIVE_FLOAT;
    else if constexpr (sizeof(T) == sizeof(double)) return H5T_NATIVE_DOUBLE;
    else return H5T_NATIVE_LDOUBLE;
  } else if constexpr (std::is_signed_v<T>) {
    if constexpr (sizeof(T) == 1) return H5T_NATIVE_INT8;
    else if constexpr (sizeof(T) == 2) return H5T_NATIVE_INT16;
    else if constexpr (sizeof(T) == 4) return H5T_NATIVE_INT32;
    else return H5T_NATIVE_INT64;
  } else {
    if constexpr (sizeof(T) == 1) return H5T_NATIVE_UINT8;
    else if constexpr (sizeof(T) == 2) return H5T_NATIVE_UINT16;
    else if constexpr (sizeof(T) == 4) return H5T_NATIVE_UINT32;
    else return H5T_NATIVE_UINT64;
  }
}

// File type of a C++ number: always little-endian (PyTables misreads big-endian attributes).
template <number T>
hid_t file_type() {
  if constexpr (std::is_same_v<T, bool>) return H5T_STD_B8LE;
  else if constexpr (std::is_floating_point_v<T>) {
    if constexpr (sizeof(T) == sizeof(float)) return H5T_IEEE_F32LE;
    else if constexpr (sizeof(T) == sizeof(double)) return H5T_IEEE_F64LE;
    else return H5T_NATIVE_LDOUBLE;
  } else if constexpr (std::is_signed_v<T>) {
    if constexpr (sizeof(T) == 1) return H5T_STD_I8LE;
    else if constexpr (sizeof(T) == 2) return H5T_STD_I16LE;
    else if constexpr (sizeof(T) == 4) return H5T_STD_I32LE;
    else return H5T_STD_I64LE;
  } else {
    if constexpr (sizeof(T) == 1) return H5T_STD_U8LE;
    else if constexpr (sizeof(T) == 2) return H5T_STD_U16LE;
    else if constexpr (sizeof(T) == 4) return H5T_STD_U32LE;
    else return H5T_STD_U64LE;
  }
}

enum class type_kind { signed_integer, unsigned_integer, floating, boolean, string, compound, enumeration, other };

struct type_info {
  type_kind kind = type_kind::other;
  std::size_t size = 0;           // bytes
  bool variable_string = false;   // strings only
  bool utf8 = false;              // strings only
};

// An h5py bool is an enum {FALSE = 0, TRUE = 1} over int8.
inline bool is_enum_bool(hid_t type) {
  if (H5Tget_nmembers(type) != 2) return false;
  char name0[8] = {}, name1[8] = {};
  // H5Tget_member_name allocates; H5Tenum_nameof writes into our buffer.
  signed char v0 = 0, v1 = 1;
  if (H5Tget_size(type) != 1) return false;
  if (H5Tenum_nameof(type, &v0, name0, sizeof name0) < 0 || H5Tenum_nameof(type, &v1, name1, sizeof name1) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  return std::string(name0) == "FALSE" && std::string(name1) == "TRUE";
}

inline type_info describe(hid_t type) {
  type_info info;
  info.size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      info.kind = H5Tget_sign(type) == H5T_SGN_NONE ? type_kind::unsigned_integer : type_kind::signed_integer;
      break;
    case H5T_FLOAT: info.kind = type_kind::floating; break;
    case H5T_BITFIELD: info.kind = info.size == 1 ? type_kind::boolean : type_kind::unsigned_integer; break;
    case H5T_ENUM: info.kind = is_enum_bool(type) ? type_kind::boolean : type_kind::enumeration; break;
    case H5T_STRING:
      info.kind = type_kind::string;
      info.variable_string = H5Tis_variable_str(type) > 0;
      info.utf8 = H5Tget_cset(type) == H5T_CSET_UTF8;
      break;
    case H5T_COMPOUND: info.kind = type_kind::compound; break;
    default: break;
  }
  return info;
}

inline std::string to_string(const type_info& t) {
  const auto bits = std::to_string(t.size * 8);
  switch (t.kind) {
    case type_kind::signed_integer: return "int" + bits;
    case type_kind::unsigned_integer: return "uint" + bits;
    case type_kind::floating: return "float" + bits;
    case type_kind::boolean: return "bool";
    case type_kind::string: return t.variable_string ? "string" : "fixed-length string";
    case type_kind::compound: return "compound";
    case type_kind::enumeration: return "enum";
    default: return "unsupported datatype";
  }
}

// Name of the HDF5 type dd writes for T, for messages ("expected int32").
template <number T>
std::string type_name() {
  if constexpr (std::is_same_v<T, bool>) return "bool";
  else if constexpr (std::is_floating_point_v<T>) return "float" + std::to_string(sizeof(T) * 8);
  else if constexpr (std::is_signed_v<T>) return "int" + std::to_string(sizeof(T) * 8);
  else return "uint" + std::to_string(sizeof(T) * 8);
}

inline handle string_type(bool variable, std::size_t fixed_size = 1, bool utf8 = true) {
  handle t(H5Tcopy(H5T_C_S1), "copy string type");
  check(H5Tset_size(t.id(), variable ? H5T_VARIABLE : fixed_size), "set string size");
  check(H5Tset_cset(t.id(), utf8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII), "set string charset");
  return t;
}

}  // namespace dd::h5
