#pragma once
// Writing attributes on any object (a group or a dataset, by its id), and reading a string attribute
// such as the `units` of a dataset of durations. Reading other attributes goes through h5::data.
#include <hdf5.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "data.hpp"
#include "group.hpp"
#include "handle.hpp"

namespace dd::h5 {

// A scalar attribute `name` of the object, holding one value of file type file_t, given in mem_t.
inline void write_attribute(hid_t object, std::string_view name, hid_t file_t, hid_t mem_t, const void* value,
                            const creation_properties& props) {
  handle a(
      H5Acreate2(object, std::string(name).c_str(), file_t, props.scalar_space.id(), props.attribute.id(), H5P_DEFAULT),
      "create attribute");
  check(H5Awrite(a.id(), mem_t, value), "write attribute");
}

// A scalar string attribute, fixed-length (the string's bytes),
// NUL-terminated, UTF-8 or, with `utf8` false, ASCII (Python then sees bytes): the form PyTables writes
// str attributes in. Fixed-length strings live inside the (checksummed) object header or dense
// attribute storage; variable-length ones would live in the global heap, which HDF5 does not checksum.
// "" has a NULL dataspace (no value at all), as PyTables writes it: a one-byte NUL would read as
// '\x00' in PyTables and deepdish.
inline void write_string_attribute(hid_t object, std::string_view name, std::string_view value,
                                   const creation_properties& props, bool utf8 = true) {
  handle t = string_type(false, std::max<std::size_t>(1, value.size()), utf8);
  if (value.empty()) {
    handle space(H5Screate(H5S_NULL), "create null dataspace");
    handle a(H5Acreate2(object, std::string(name).c_str(), t.id(), space.id(), props.attribute.id(), H5P_DEFAULT),
             "create attribute");
    return;
  }
  write_attribute(object, name, t.id(), t.id(), std::string(value).data(), props);
}

// The string attribute `name` of the object, if it has one that is a single string.
inline std::optional<std::string> read_string_attribute(hid_t object, std::string_view name) {
  const std::string n(name);
  if (check(H5Aexists(object, n.c_str()), "check attribute") <= 0) return std::nullopt;
  data a(handle(H5Aopen(object, n.c_str(), H5P_DEFAULT), "open attribute"), true);
  const auto ext = a.extent();
  if (a.info().kind != type_kind::string || ext.null || ext.elements() != 1) return std::nullopt;
  return a.read_string();
}

}  // namespace dd::h5
