#pragma once
// Any HDF5 datatype described as a plain tree (enough to name it, to map it to another language and to
// decode its bytes), and the first few elements of a dataset or attribute decoded into plain values,
// whatever their type: what tools (tools/ddls, through inspect.hpp) need and the codecs do not.
#include <hdf5.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data.hpp"
#include "enum.hpp"
#include "handle.hpp"
#include "strings.hpp"
#include "type.hpp"

namespace dd::h5 {

// ---- datatypes ---------------------------------------------------------------------------------

enum class type_class {
  integer,
  floating,
  bitfield,
  string,
  compound,
  enumeration,
  array,
  variable_length,
  opaque,
  reference,
  time,
  other
};
enum class string_padding { null_terminated, null_padded, space_padded };

struct type_member;

// A datatype as a plain tree: enough to name it, to map it to another language and to decode its
// bytes (read_elements below).
struct type_description {
  type_class cls = type_class::other;
  std::size_t size = 0;     // bytes of one element (of the pointer/descriptor for variable-length data)
  bool is_signed = false;   // integers (and the base of enums)
  bool big_endian = false;  // numbers
  bool variable_string = false, utf8 = false;  // strings
  string_padding padding = string_padding::null_terminated;
  std::vector<type_member> members;      // compounds, in storage order
  std::vector<enum_member> enumerators;  // enums
  std::vector<hsize_t> dims;             // arrays
  std::vector<type_description> base;    // enums, arrays, variable-length sequences: one element
  std::shared_ptr<handle> hdf5;          // floating point: the type itself, to convert its bytes
};

struct type_member {
  std::string name;
  std::size_t offset = 0;
  type_description type;
};

inline type_description describe_type(hid_t type) {
  type_description d;
  d.size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      d.cls = type_class::integer;
      d.is_signed = H5Tget_sign(type) == H5T_SGN_2;
      d.big_endian = H5Tget_order(type) == H5T_ORDER_BE;
      break;
    case H5T_FLOAT:
      d.cls = type_class::floating;
      d.big_endian = H5Tget_order(type) == H5T_ORDER_BE;
      d.hdf5 = std::make_shared<handle>(H5Tcopy(type), "copy datatype");
      break;
    case H5T_BITFIELD:
      d.cls = type_class::bitfield;
      d.big_endian = H5Tget_order(type) == H5T_ORDER_BE;
      break;
    case H5T_STRING:
      d.cls = type_class::string;
      d.variable_string = H5Tis_variable_str(type) > 0;
      d.utf8 = H5Tget_cset(type) == H5T_CSET_UTF8;
      switch (H5Tget_strpad(type)) {
        case H5T_STR_NULLPAD: d.padding = string_padding::null_padded; break;
        case H5T_STR_SPACEPAD: d.padding = string_padding::space_padded; break;
        default: d.padding = string_padding::null_terminated; break;
      }
      break;
    case H5T_COMPOUND: {
      d.cls = type_class::compound;
      const int n = check(H5Tget_nmembers(type), "count compound members");
      for (unsigned i = 0; i < static_cast<unsigned>(n); ++i) {
        char* name = H5Tget_member_name(type, i);
        if (!name) fail("get compound member name");
        type_member m{name, H5Tget_member_offset(type, i), {}};
        H5free_memory(name);
        handle member(H5Tget_member_type(type, i), "get compound member type");
        m.type = describe_type(member.id());
        d.members.push_back(std::move(m));
      }
      break;
    }
    case H5T_ENUM: {
      d.cls = type_class::enumeration;
      d.enumerators = enum_members(type);
      handle base = enum_base(type);
      d.base.push_back(describe_type(base.id()));
      d.is_signed = d.base[0].is_signed;
      break;
    }
    case H5T_ARRAY: {
      d.cls = type_class::array;
      const int rank = check(H5Tget_array_ndims(type), "get array rank");
      d.dims.resize(static_cast<std::size_t>(rank));
      if (rank > 0) check(H5Tget_array_dims2(type, d.dims.data()), "get array dimensions");
      handle base(H5Tget_super(type), "get array base type");
      d.base.push_back(describe_type(base.id()));
      break;
    }
    case H5T_VLEN: {
      d.cls = type_class::variable_length;
      handle base(H5Tget_super(type), "get sequence base type");
      d.base.push_back(describe_type(base.id()));
      break;
    }
    case H5T_OPAQUE: d.cls = type_class::opaque; break;
    case H5T_REFERENCE: d.cls = type_class::reference; break;
    case H5T_TIME: d.cls = type_class::time; break;
    default: d.cls = type_class::other; break;
  }
  return d;
}

// ---- values ------------------------------------------------------------------------------------

// One decoded element (or part of one): numbers exactly, strings as their bytes, compounds and
// arrays as lists of parts.
struct value {
  enum class kind { integer, real, boolean, string, enumerator, compound, list, bytes, unknown };
  kind k = kind::unknown;
  int128 integer = 0;             // integer, boolean (0/1), enumerator (its number), bytes (their count)
  double real = 0;                // real
  bool single_precision = false;  // real: shortest text of the float, not of the double
  std::string text;               // string, enumerator (its name; empty when unnamed)
  std::vector<value> parts;       // compound (one per member, in order), list
  bool truncated = false;         // list: more elements than were decoded
};

namespace detail {
// An integer laid out as the description says (size, byte order, sign), as a 128-bit number.
inline int128 integer_of(const type_description& t, const unsigned char* bytes) {
  const std::size_t size = std::min<std::size_t>(t.size, 16);
  uint128 bits = 0;
  for (std::size_t k = 0; k < size; ++k) bits = (bits << 8) | bytes[t.big_endian ? k : size - 1 - k];
  if (t.is_signed && size > 0 && size < 16 && ((bits >> (size * 8 - 1)) & 1))
    bits |= ~static_cast<uint128>(0) << (size * 8);  // sign-extend
  return static_cast<int128>(bits);
}

inline value decode(const type_description& t, const unsigned char* bytes, std::size_t max_parts) {
  value v;
  switch (t.cls) {
    case type_class::integer:
      v.k = value::kind::integer;
      v.integer = integer_of(t, bytes);
      break;
    case type_class::bitfield:  // PyTables' bool is a one-byte bitfield
      v.k = t.size == 1 ? value::kind::boolean : value::kind::integer;
      v.integer = integer_of(t, bytes);
      break;
    case type_class::floating: {
      v.k = value::kind::real;
      v.single_precision = t.size <= 4;
      // HDF5 converts any floating point layout (half precision, big-endian, 80-bit) to a double.
      std::vector<unsigned char> buf(std::max<std::size_t>(t.size, sizeof(double)));
      std::memcpy(buf.data(), bytes, t.size);
      if (H5Tconvert(t.hdf5->id(), H5T_NATIVE_DOUBLE, 1, buf.data(), nullptr, H5P_DEFAULT) < 0) {
        H5Eclear2(H5E_DEFAULT);
        v.k = value::kind::unknown;
        break;
      }
      std::memcpy(&v.real, buf.data(), sizeof(double));
      break;
    }
    case type_class::string: {
      v.k = value::kind::string;
      if (t.variable_string) {
        const char* p = nullptr;
        std::memcpy(&p, bytes, sizeof p);
        v.text = p ? p : "";
      } else {
        const char* start = reinterpret_cast<const char*>(bytes);
        v.text = h5::detail::trim_fixed(start, t.size,
                                        t.padding == string_padding::null_terminated ? H5T_STR_NULLTERM
                                        : t.padding == string_padding::null_padded   ? H5T_STR_NULLPAD
                                                                                     : H5T_STR_SPACEPAD);
      }
      break;
    }
    case type_class::enumeration: {
      v = decode(t.base[0], bytes, max_parts);
      v.k = value::kind::enumerator;
      for (const auto& e : t.enumerators)
        if (e.value == v.integer) v.text = e.name;
      break;
    }
    case type_class::compound: {
      v.k = value::kind::compound;
      for (const auto& m : t.members) v.parts.push_back(decode(m.type, bytes + m.offset, max_parts));
      break;
    }
    case type_class::array: {
      v.k = value::kind::list;
      std::size_t n = 1;
      for (auto d : t.dims) n *= static_cast<std::size_t>(d);
      const auto& base = t.base[0];
      for (std::size_t i = 0; i < n && i < max_parts; ++i) v.parts.push_back(decode(base, bytes + i * base.size, 0));
      v.truncated = n > max_parts;
      break;
    }
    case type_class::variable_length: {
      hvl_t seq;
      std::memcpy(&seq, bytes, sizeof seq);
      const auto& base = t.base[0];
      if (base.cls == type_class::integer && base.size == 1) {  // a byte string: its size says enough
        v.k = value::kind::bytes;
        v.integer = static_cast<int128>(seq.len);
        break;
      }
      v.k = value::kind::list;
      const auto* p = static_cast<const unsigned char*>(seq.p);
      for (std::size_t i = 0; i < seq.len && i < max_parts; ++i) v.parts.push_back(decode(base, p + i * base.size, 0));
      v.truncated = seq.len > max_parts;
      break;
    }
    default:
      v.k = value::kind::bytes;
      v.integer = static_cast<int128>(t.size);
      break;
  }
  return v;
}

inline bool holds_variable_length(const type_description& t) {
  if (t.cls == type_class::variable_length || (t.cls == type_class::string && t.variable_string)) return true;
  for (const auto& m : t.members)
    if (holds_variable_length(m.type)) return true;
  for (const auto& b : t.base)
    if (holds_variable_length(b)) return true;
  return false;
}
}  // namespace detail

// The first `count` elements (fewer if there are fewer) of a dataset or attribute, in row-major
// order, decoded. A dataset reads only those elements; an attribute is always read whole (HDF5
// reads attributes whole, and they are small). Each element's own lists (array members,
// variable-length sequences) are cut at `count` parts too.
inline std::vector<value> read_elements(const data& src, std::size_t count) {
  const auto extent = src.extent();
  const auto total = static_cast<std::size_t>(extent.elements());
  const std::size_t n = std::min(total, count);
  std::vector<value> out;
  if (n == 0) return out;
  handle file_type = src.type();
  // Read as the file's own type: no conversion, variable-length parts arrive as pointers.
  handle memory_type(H5Tcopy(file_type.id()), "copy datatype");
  const auto description = describe_type(file_type.id());
  const std::size_t size = description.size;
  const std::size_t read_count = src.is_attribute() ? total : n;
  std::vector<unsigned char> buffer(read_count * size);
  const std::vector<hsize_t> memory_dims{read_count};
  handle memory_space = make_space(memory_dims);
  handle file_space;
  if (src.is_attribute()) {
    check(H5Aread(src.id(), memory_type.id(), buffer.data()), "read attribute");
  } else {
    file_space = handle(H5Dget_space(src.id()), "get dataspace");
    if (!extent.dims.empty()) {
      // The first n elements in row-major order as a list of points.
      const std::size_t rank = extent.dims.size();
      std::vector<hsize_t> coordinates(n * rank);
      std::vector<hsize_t> index(rank, 0);
      for (std::size_t i = 0; i < n; ++i) {
        std::copy(index.begin(), index.end(), coordinates.begin() + static_cast<std::ptrdiff_t>(i * rank));
        for (std::size_t d = rank; d-- > 0;) {
          if (++index[d] < extent.dims[d]) break;
          index[d] = 0;
        }
      }
      check(H5Sselect_elements(file_space.id(), H5S_SELECT_SET, n, coordinates.data()), "select elements");
    }
    auto read = [&] {
      return H5Dread(src.id(), memory_type.id(), memory_space.id(), file_space.id(), H5P_DEFAULT, buffer.data()) >= 0;
    };
    if (!read()) {
      // A filter plugin HDF5 did not find: name it, or read again once decoder_problem found it.
      const auto first_failure = take_error_stack();
      if (const auto problem = decoder_problem(src.id()); !problem.empty()) throw failure(problem);
      if (!read()) {
        H5Eclear2(H5E_DEFAULT);  // the same failure again: the first stack says it
        throw failure("read dataset" + first_failure);
      }
    }
  }
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(detail::decode(description, buffer.data() + i * size, count));
  if (detail::holds_variable_length(description)) {
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memory_type.id(), memory_space.id(), H5P_DEFAULT, buffer.data());
#else
    H5Dvlen_reclaim(memory_type.id(), memory_space.id(), H5P_DEFAULT, buffer.data());
#endif
  }
  return out;
}

}  // namespace dd::h5
