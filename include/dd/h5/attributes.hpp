#pragma once
// Attributes of any object (a dataset, a group) by its id: small annotations such as the `units` of
// a dataset of durations.
#include <hdf5.h>

#include <optional>
#include <string>
#include <string_view>

#include "data.hpp"
#include "group.hpp"
#include "handle.hpp"

namespace dd::h5 {

// A scalar variable-length UTF-8 string attribute on the object `object`.
inline void write_string_attribute(hid_t object, std::string_view name, const std::string& value,
                                   const creation_lists& lists) {
  handle a(H5Acreate2(object, std::string(name).c_str(), lists.utf8_string.id(), lists.scalar_space.id(),
                      lists.attribute.id(), H5P_DEFAULT),
           "create attribute");
  const char* text = value.c_str();
  check(H5Awrite(a.id(), lists.utf8_string.id(), &text), "write attribute");
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
