#pragma once
// HDF5 enum types (H5T_ENUM): built from (name, value) pairs over an integer base type, and taken
// apart again when reading one that h5py or another writer made. Values travel as 128-bit integers
// so that every base type, int8 to uint64, fits.
#include <hdf5.h>

#include <cstddef>
#include <string>
#include <vector>

#include "handle.hpp"
#include "type.hpp"

namespace dd::h5 {

// The integer stored in `bytes`, laid out as the integer type `base` says (size, byte order, sign).
inline int128 decode_integer(hid_t base, const unsigned char* bytes) {
  const std::size_t size = H5Tget_size(base);
  const bool little = H5Tget_order(base) != H5T_ORDER_BE;
  uint128 bits = 0;
  for (std::size_t k = 0; k < size && k < 16; ++k) {
    const unsigned char b = bytes[little ? size - 1 - k : k];  // most significant byte first
    bits = (bits << 8) | b;
  }
  if (H5Tget_sign(base) == H5T_SGN_2 && size < 16 && (bits >> (size * 8 - 1)) & 1)
    bits |= ~static_cast<uint128>(0) << (size * 8);  // sign-extend
  return static_cast<int128>(bits);
}

// The inverse: `value` written into `bytes` in the layout of `base` (truncated to its size).
inline void encode_integer(hid_t base, int128 value, unsigned char* bytes) {
  const std::size_t size = H5Tget_size(base);
  const bool little = H5Tget_order(base) != H5T_ORDER_BE;
  auto bits = static_cast<uint128>(value);
  for (std::size_t k = 0; k < size; ++k, bits >>= 8)
    bytes[little ? k : size - 1 - k] = static_cast<unsigned char>(bits);
}

struct enum_member {
  std::string name;
  int128 value;
};

// An enum type over the integer type `base` with the given members (names and values unique).
inline handle enum_type(hid_t base, const std::vector<enum_member>& members) {
  handle t(H5Tenum_create(base), "create enum type");
  std::vector<unsigned char> raw(H5Tget_size(base));
  for (const auto& m : members) {
    encode_integer(base, m.value, raw.data());
    check(H5Tenum_insert(t.id(), m.name.c_str(), raw.data()), "insert enum member");
  }
  return t;
}

// The integer type an enum type is built on.
inline handle enum_base(hid_t type) { return handle(H5Tget_super(type), "get enum base type"); }

inline std::vector<enum_member> enum_members(hid_t type) {
  const auto base = enum_base(type);
  const int n = check(H5Tget_nmembers(type), "count enum members");
  std::vector<enum_member> members;
  std::vector<unsigned char> raw(H5Tget_size(base.id()));
  for (int i = 0; i < n; ++i) {
    char* name = H5Tget_member_name(type, static_cast<unsigned>(i));
    if (!name) fail("get enum member name");
    std::string text(name);
    H5free_memory(name);
    check(H5Tget_member_value(type, static_cast<unsigned>(i), raw.data()), "get enum member value");
    members.push_back({std::move(text), decode_integer(base.id(), raw.data())});
  }
  return members;
}

// The same datatype in this machine's layout (for an enum: its base in native byte order).
inline handle native_type(hid_t type) { return handle(H5Tget_native_type(type, H5T_DIR_ASCEND), "get native type"); }

inline bool same_type(hid_t a, hid_t b) { return check(H5Tequal(a, b), "compare datatypes") > 0; }

}  // namespace dd::h5
