#pragma once
// HDF5 datatypes for C++ arithmetic types, and a plain description of any file datatype that the
// codecs use to decide how to read it (and to say "found float64" in errors).
// Character types are stored as integers of their width and signedness (char is int8 where char is
// signed, uint8 where it is not; char16_t uint16, char32_t uint32, wchar_t int32 on Linux) and
// std::byte as uint8. Other element types (std::complex, enums) get their types from a
// specialization of h5::datatype<T> (h5/complex.hpp, codec/enumeration.hpp).
#include <hdf5.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "handle.hpp"

namespace dd::h5 {

template <class T>
concept number = std::is_arithmetic_v<T> || std::is_same_v<T, std::byte>;

__extension__ typedef __int128 int128;  // every integer of up to 64 bits, signed or not, and their sums
__extension__ typedef unsigned __int128 uint128;

// A predefined type's id without the H5open() call in every H5T_* macro: an API call, a good part of
// reading one small attribute. The ids are -1 until the library starts and after it shuts down
// (H5close); H5open then starts it and sets them.
inline hid_t predefined(const hid_t& id) noexcept {
  if (id < 0) [[unlikely]]
    (void)H5open();
  return id;
}

// The datatype `make` builds, made on its first use in a dd call and closed when the call ends
// (call_objects: an id kept longer could outlive the library). Each `make` (a lambda) has its own.
template <class Make>
hid_t made_per_call(Make make) {
  thread_local hid_t id = -1;
  thread_local unsigned made_in = 0;
  if (made_in != call_objects::call()) {
    if (!call_objects::in_call()) fail("dd: a datatype is made outside a dd call (a dd bug: take an h5::call_scope)");
    handle type = make();
    id = type.id();
    call_objects::keep(type.release());
    made_in = call_objects::call();
  }
  return id;
}

// long double as it is in memory, little-endian in the file (on x86-64: 16 bytes holding the 80-bit
// extended format, which numpy calls float128 / longdouble).
inline hid_t little_endian_long_double() {
  return made_per_call([] {
    handle t(H5Tcopy(predefined(H5T_NATIVE_LDOUBLE_g)), "copy long double type");
    check(H5Tset_order(t.id(), H5T_ORDER_LE), "set byte order");
    return t;
  });
}

// Memory type of a C++ number. bool is stored as an 8-bit bitfield, deepdish's (PyTables') bool.
template <number T>
hid_t memory_type() {
  if constexpr (std::is_same_v<T, bool>)
    return predefined(H5T_NATIVE_B8_g);
  else if constexpr (std::is_same_v<T, std::byte>)
    return predefined(H5T_NATIVE_UINT8_g);
  else if constexpr (std::is_floating_point_v<T>) {
    if constexpr (sizeof(T) == sizeof(float))
      return predefined(H5T_NATIVE_FLOAT_g);
    else if constexpr (sizeof(T) == sizeof(double))
      return predefined(H5T_NATIVE_DOUBLE_g);
    else
      return predefined(H5T_NATIVE_LDOUBLE_g);
  } else if constexpr (std::is_signed_v<T>) {
    if constexpr (sizeof(T) == 1)
      return predefined(H5T_NATIVE_INT8_g);
    else if constexpr (sizeof(T) == 2)
      return predefined(H5T_NATIVE_INT16_g);
    else if constexpr (sizeof(T) == 4)
      return predefined(H5T_NATIVE_INT32_g);
    else
      return predefined(H5T_NATIVE_INT64_g);
  } else {
    if constexpr (sizeof(T) == 1)
      return predefined(H5T_NATIVE_UINT8_g);
    else if constexpr (sizeof(T) == 2)
      return predefined(H5T_NATIVE_UINT16_g);
    else if constexpr (sizeof(T) == 4)
      return predefined(H5T_NATIVE_UINT32_g);
    else
      return predefined(H5T_NATIVE_UINT64_g);
  }
}

// File type of a C++ number: always little-endian (PyTables misreads big-endian attributes).
template <number T>
hid_t file_type() {
  if constexpr (std::is_same_v<T, bool>)
    return predefined(H5T_STD_B8LE_g);
  else if constexpr (std::is_same_v<T, std::byte>)
    return predefined(H5T_STD_U8LE_g);
  else if constexpr (std::is_floating_point_v<T>) {
    if constexpr (sizeof(T) == sizeof(float))
      return predefined(H5T_IEEE_F32LE_g);
    else if constexpr (sizeof(T) == sizeof(double))
      return predefined(H5T_IEEE_F64LE_g);
    else
      return little_endian_long_double();
  } else if constexpr (std::is_signed_v<T>) {
    if constexpr (sizeof(T) == 1)
      return predefined(H5T_STD_I8LE_g);
    else if constexpr (sizeof(T) == 2)
      return predefined(H5T_STD_I16LE_g);
    else if constexpr (sizeof(T) == 4)
      return predefined(H5T_STD_I32LE_g);
    else
      return predefined(H5T_STD_I64LE_g);
  } else {
    if constexpr (sizeof(T) == 1)
      return predefined(H5T_STD_U8LE_g);
    else if constexpr (sizeof(T) == 2)
      return predefined(H5T_STD_U16LE_g);
    else if constexpr (sizeof(T) == 4)
      return predefined(H5T_STD_U32LE_g);
    else
      return predefined(H5T_STD_U64LE_g);
  }
}

enum class type_kind { signed_integer, unsigned_integer, floating, boolean, string, compound, enumeration, other };

struct type_info {
  type_kind kind = type_kind::other;
  std::size_t size = 0;          // bytes
  bool variable_string = false;  // strings only (the character set is asked where it matters)
  bool complex_pair = false;     // compounds only: two numbers named r, i (or real, imag)
};

// The member names of a complex compound in the file, in the order (real part, imaginary part):
// {r, i} as h5py, PyTables and deepdish write it, or {real, imag} as MATLAB and others do.
struct complex_names {
  const char* real;
  const char* imag;
};
inline constexpr complex_names complex_spellings[] = {{"r", "i"}, {"real", "imag"}};

// The spelling of a compound type with exactly two numeric members named as a complex number, or
// nullptr if it is some other compound.
inline const complex_names* complex_spelling(hid_t compound) {
  if (H5Tget_class(compound) != H5T_COMPOUND || H5Tget_nmembers(compound) != 2) return nullptr;
  for (unsigned k = 0; k < 2; ++k) {
    const auto c = H5Tget_member_class(compound, k);
    if (c != H5T_INTEGER && c != H5T_FLOAT) return nullptr;
  }
  for (const auto& names : complex_spellings) {
    char* first = H5Tget_member_name(compound, 0);
    char* second = H5Tget_member_name(compound, 1);
    const bool match = first && second &&
                       ((std::strcmp(first, names.real) == 0 && std::strcmp(second, names.imag) == 0) ||
                        (std::strcmp(first, names.imag) == 0 && std::strcmp(second, names.real) == 0));
    H5free_memory(first);
    H5free_memory(second);
    if (match) return &names;
  }
  return nullptr;
}

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

inline type_info type_info_of(hid_t type) {
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
      break;
    case H5T_COMPOUND:
      info.kind = type_kind::compound;
      info.complex_pair = complex_spelling(type) != nullptr;
      break;
    default: break;
  }
  return info;
}

inline std::size_t type_size(hid_t type) { return H5Tget_size(type); }

// The description of file_type<T>(), known without asking HDF5: integers and floats of up to 8 bytes
// (a long double's file type depends on the platform).
template <number T>
requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8)
constexpr type_info written_info() {
  return {std::is_floating_point_v<T> ? type_kind::floating
          : std::is_signed_v<T>       ? type_kind::signed_integer
                                      : type_kind::unsigned_integer,
          sizeof(T)};
}

// The description of member `index` of a compound type.
inline type_info member_info(hid_t compound, unsigned index) {
  handle t(H5Tget_member_type(compound, index), "get compound member type");
  return type_info_of(t.id());
}

inline std::string to_string(const type_info& t) {
  const auto bits = std::to_string(t.size * 8);
  switch (t.kind) {
    case type_kind::signed_integer: return "int" + bits;
    case type_kind::unsigned_integer: return "uint" + bits;
    case type_kind::floating: return "float" + bits;
    case type_kind::boolean: return "bool";
    case type_kind::string: return "string";
    case type_kind::compound: return t.complex_pair ? "complex" + bits : "compound";
    case type_kind::enumeration: return "enum";
    default: return "unsupported datatype";
  }
}

// Name of the HDF5 type dd writes for T, for messages ("expected int32").
template <number T>
std::string type_name() {
  if constexpr (std::is_same_v<T, bool>)
    return "bool";
  else if constexpr (std::is_same_v<T, std::byte>)
    return "uint8";
  else if constexpr (std::is_floating_point_v<T>)
    return "float" + std::to_string(sizeof(T) * 8);
  else if constexpr (std::is_signed_v<T>)
    return "int" + std::to_string(sizeof(T) * 8);
  else
    return "uint" + std::to_string(sizeof(T) * 8);
}

// Element types that are not numbers (std::complex, enums) specialize datatype<T> with
//   static hid_t memory();  static hid_t file();  static std::string name();
// returning datatypes that live until the dd call ends (made_per_call), so that codecs written for
// numbers (arrays, tables) store them unchanged.
template <class T>
struct datatype;

template <class T>
concept described = !number<T> && requires {
  { datatype<T>::memory() } -> std::same_as<hid_t>;
  { datatype<T>::file() } -> std::same_as<hid_t>;
  { datatype<T>::name() } -> std::convertible_to<std::string>;
};

template <described T>
hid_t memory_type() {
  return datatype<T>::memory();
}
template <described T>
hid_t file_type() {
  return datatype<T>::file();
}
template <described T>
std::string type_name() {
  return datatype<T>::name();
}

// A string type: variable-length, or fixed_size bytes NUL-terminated (or NUL-padded, numpy's 'S').
inline handle string_type(bool variable, std::size_t fixed_size = 1, bool utf8 = true, bool null_padded = false) {
  handle t(H5Tcopy(H5T_C_S1), "copy string type");
  check(H5Tset_size(t.id(), variable ? variable_string_size : fixed_size), "set string size");
  check(H5Tset_cset(t.id(), utf8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII), "set string charset");
  if (null_padded) check(H5Tset_strpad(t.id(), H5T_STR_NULLPAD), "set string padding");
  return t;
}

}  // namespace dd::h5
