#pragma once
// Arrays of strings: every element of a string-typed attribute or dataset in one read, whatever its
// flavour (variable or fixed length, any padding, any character set). Writing needs nothing special:
// a variable-length string dataset is written from an array of `const char*` with data::write.
#include <hdf5.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "data.hpp"
#include "handle.hpp"

namespace dd::h5 {

namespace detail {
// Frees the strings HDF5 allocated while reading variable-length data, also when copying them out
// throws.
class vlen_buffer {
 public:
  vlen_buffer(hid_t mem_type, const shape& extent, std::size_t n)
      : type_(mem_type), space_(make_space(extent.dims)), pointers_(n, nullptr) {}
  ~vlen_buffer() {
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(type_, space_.id(), H5P_DEFAULT, pointers_.data());
#else
    H5Dvlen_reclaim(type_, space_.id(), H5P_DEFAULT, pointers_.data());
#endif
  }
  vlen_buffer(const vlen_buffer&) = delete;
  vlen_buffer& operator=(const vlen_buffer&) = delete;
  std::vector<char*>& pointers() { return pointers_; }

 private:
  hid_t type_;
  handle space_;
  std::vector<char*> pointers_;
};

// A fixed-length element as the writer meant it: NULLTERM ends at the first NUL, NULLPAD and
// SPACEPAD drop their trailing padding.
inline std::string trim_fixed(const char* start, std::size_t size, H5T_str_t pad) {
  std::string s(start, size);
  if (pad == H5T_STR_NULLTERM) {
    s.resize(std::min(s.size(), s.find('\0')));
    return s;
  }
  const auto end = s.find_last_not_of(pad == H5T_STR_SPACEPAD ? ' ' : '\0');
  s.resize(end == std::string::npos ? 0 : end + 1);
  return s;
}
}  // namespace detail

// All elements of src (which must have a string type), in row-major order.
inline std::vector<std::string> read_strings(const data& src) {
  const auto extent = src.extent();
  const auto n = static_cast<std::size_t>(extent.elements());
  std::vector<std::string> out;
  if (n == 0) return out;
  handle file_t = src.type();
  handle mem_t(H5Tcopy(file_t.id()), "copy string type");
  if (H5Tis_variable_str(file_t.id()) > 0) {
    detail::vlen_buffer buffer(mem_t.id(), extent, n);
    src.read(mem_t.id(), buffer.pointers().data());
    out.reserve(n);
    for (const char* p : buffer.pointers()) out.emplace_back(p ? p : "");
    return out;
  }
  const auto size = H5Tget_size(file_t.id());
  const auto pad = H5Tget_strpad(file_t.id());
  std::string raw(n * size, '\0');
  src.read(mem_t.id(), raw.data());
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(detail::trim_fixed(raw.data() + i * size, size, pad));
  return out;
}

}  // namespace dd::h5
