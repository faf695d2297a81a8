#pragma once
// Compound (struct) and array datatypes, and a dataset read whose numeric conversions report
// overflow instead of clamping silently: what tables (codec/table.hpp) are built from.
#include <hdf5.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "data.hpp"
#include "handle.hpp"
#include "type.hpp"

namespace dd::h5 {

inline handle copy_type(hid_t type) { return handle(H5Tcopy(type), "copy datatype"); }

inline handle compound_type(std::size_t size) { return handle(H5Tcreate(H5T_COMPOUND, size), "create compound type"); }

inline void add_member(const handle& compound, const std::string& name, std::size_t offset, hid_t type) {
  check(H5Tinsert(compound.id(), name.c_str(), offset, type), "insert compound member");
}

// Removes all padding, recursively: the file layout of a table does not depend on the compiler's.
inline void pack(const handle& compound) { check(H5Tpack(compound.id()), "pack compound type"); }

inline handle array_type(hid_t base, const std::vector<hsize_t>& dims) {
  return handle(H5Tarray_create2(base, static_cast<unsigned>(dims.size()), dims.data()), "create array type");
}

// h5py's bool: an enum {FALSE = 0, TRUE = 1} over int8, which numpy reads as dtype bool.
inline handle enum_bool_type() {
  handle t(H5Tenum_create(H5T_NATIVE_INT8), "create enum type");
  const signed char no = 0, yes = 1;
  check(H5Tenum_insert(t.id(), "FALSE", &no), "insert enum member");
  check(H5Tenum_insert(t.id(), "TRUE", &yes), "insert enum member");
  return t;
}

inline bool is_array_type(hid_t type) { return H5Tget_class(type) == H5T_ARRAY; }
inline bool is_compound_type(hid_t type) { return H5Tget_class(type) == H5T_COMPOUND; }
inline bool is_bitfield_type(hid_t type) { return H5Tget_class(type) == H5T_BITFIELD; }
inline bool is_enum_type(hid_t type) { return H5Tget_class(type) == H5T_ENUM; }

inline std::vector<hsize_t> array_dims(hid_t array) {
  const int rank = check(H5Tget_array_ndims(array), "get array rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0) check(H5Tget_array_dims2(array, dims.data()), "get array dimensions");
  return dims;
}
inline handle array_base(hid_t array) { return handle(H5Tget_super(array), "get array base type"); }

inline std::vector<std::string> member_names(hid_t compound) {
  const int n = check(H5Tget_nmembers(compound), "count compound members");
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) {
    char* name = H5Tget_member_name(compound, static_cast<unsigned>(i));
    if (!name) fail("get compound member name");
    names.emplace_back(name);
    H5free_memory(name);
  }
  return names;
}

// The type of the member called `name`, if the compound has one.
inline std::optional<handle> find_member(hid_t compound, const std::string& name) {
  const int index = H5Tget_member_index(compound, name.c_str());
  if (index < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  return handle(H5Tget_member_type(compound, static_cast<unsigned>(index)), "get compound member type");
}

// The first value HDF5 could not convert without overflow, as "300 (int64) into int8".
struct conversion_overflow {
  std::string from, to, value;
};

namespace detail {
inline std::string value_text(hid_t type, const void* buf) {
  const auto info = type_info_of(type);
  if (H5Tget_order(type) != H5Tget_order(H5T_NATIVE_INT)) return {};
  if (info.kind == type_kind::signed_integer || info.kind == type_kind::unsigned_integer) {
    const bool is_signed = info.kind == type_kind::signed_integer;
    std::int64_t s = 0;
    std::uint64_t u = 0;
    const auto* b = static_cast<const unsigned char*>(buf);
    switch (info.size) {
      case 1:
        s = static_cast<signed char>(b[0]);
        u = b[0];
        break;
      case 2: {
        std::int16_t v;
        std::memcpy(&v, b, 2);
        s = v;
        u = static_cast<std::uint16_t>(v);
        break;
      }
      case 4: {
        std::int32_t v;
        std::memcpy(&v, b, 4);
        s = v;
        u = static_cast<std::uint32_t>(v);
        break;
      }
      case 8:
        std::memcpy(&s, b, 8);
        std::memcpy(&u, b, 8);
        break;
      default: return {};
    }
    return is_signed ? std::to_string(s) : std::to_string(u);
  }
  if (info.kind == type_kind::floating && (info.size == 4 || info.size == 8)) {
    double v = 0;
    if (info.size == 4) {
      float f;
      std::memcpy(&f, buf, 4);
      v = f;
    } else {
      std::memcpy(&v, buf, 8);
    }
    return std::to_string(v);
  }
  return {};
}

inline H5T_conv_ret_t stop_on_overflow(H5T_conv_except_t what, hid_t src, hid_t dst, void* src_buf, void*, void* out) {
  switch (what) {
    case H5T_CONV_EXCEPT_RANGE_HI:
    case H5T_CONV_EXCEPT_RANGE_LOW:
    case H5T_CONV_EXCEPT_PINF:
    case H5T_CONV_EXCEPT_NINF:
    case H5T_CONV_EXCEPT_NAN: {
      auto& report = *static_cast<std::optional<conversion_overflow>*>(out);
      if (!report)
        report =
            conversion_overflow{to_string(type_info_of(src)), to_string(type_info_of(dst)), value_text(src, src_buf)};
      return H5T_CONV_ABORT;
    }
    default: return H5T_CONV_UNHANDLED;  // precision loss of int -> float rounds, as for scalars
  }
}
}  // namespace detail

// Reads the whole dataset (or its selected box) into buf as mem_type with one H5Dread. With `checked`, a value that
// does not fit its destination member stops the read and is returned instead of being clamped.
inline std::optional<conversion_overflow> read_reporting_overflow(const data& src, hid_t mem_type, void* buf,
                                                                  bool checked) {
  std::optional<conversion_overflow> report;
  handle dxpl(H5Pcreate(H5P_DATASET_XFER), "create transfer property list");
  if (checked) check(H5Pset_type_conv_cb(dxpl.id(), detail::stop_on_overflow, &report), "set conversion callback");
  if (H5Dread(src.id(), mem_type, src.memory_space(), src.file_space(), dxpl.id(), buf) < 0) {
    if (report) {
      H5Eclear2(H5E_DEFAULT);
      return report;
    }
    fail("read dataset");
  }
  return std::nullopt;
}

}  // namespace dd::h5
