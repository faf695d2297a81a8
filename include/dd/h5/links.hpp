#pragma once
// Soft links and object identity: what shared objects need. A second reference to an object saved
// once becomes a soft link with an absolute target (deepdish's convention); on load, two links that
// reach one object are recognised by the object's identity in its file, not by the path they took.
#include <hdf5.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "group.hpp"
#include "handle.hpp"

namespace dd::h5 {

enum class link_type { missing, hard, soft, external };

inline link_type type_of_link(const group& parent, std::string_view name) {
  const std::string n(name);
  if (check(H5Lexists(parent.id(), n.c_str(), H5P_DEFAULT), "check link") <= 0) return link_type::missing;
  H5L_info_t info;
  check(H5Lget_info(parent.id(), n.c_str(), &info, H5P_DEFAULT), "get link info");
  switch (info.type) {
    case H5L_TYPE_HARD: return link_type::hard;
    case H5L_TYPE_SOFT: return link_type::soft;
    default: return link_type::external;
  }
}

// The target path a soft link stores, as written ("/A"); "" for any other kind of link.
inline std::string soft_link_target(const group& parent, std::string_view name) {
  const std::string n(name);
  if (type_of_link(parent, name) != link_type::soft) return {};
  H5L_info_t info;
  check(H5Lget_info(parent.id(), n.c_str(), &info, H5P_DEFAULT), "get link info");
  std::vector<char> target(info.u.val_size + 1, '\0');
  check(H5Lget_val(parent.id(), n.c_str(), target.data(), target.size(), H5P_DEFAULT), "read soft link");
  return std::string(target.data());
}

// "file.h5:/path" for an external link, "" for any other kind of link.
inline std::string external_link_target(const group& parent, std::string_view name) {
  const std::string n(name);
  if (type_of_link(parent, name) != link_type::external) return {};
  H5L_info_t info;
  check(H5Lget_info(parent.id(), n.c_str(), &info, H5P_DEFAULT), "get link info");
  std::vector<char> value(info.u.val_size + 1, '\0');
  check(H5Lget_val(parent.id(), n.c_str(), value.data(), value.size(), H5P_DEFAULT), "read external link");
  const char* file = nullptr;
  const char* path = nullptr;
  check(H5Lunpack_elink_val(value.data(), value.size(), nullptr, &file, &path), "unpack external link");
  return std::string(file ? file : "") + ":" + (path ? path : "");
}

// What a link that leads nowhere is, in words: "a dangling soft link (to /a)", "an external link to
// other.h5:/x whose file or object cannot be opened".
inline std::string broken_link(const group& parent, std::string_view name) {
  if (type_of_link(parent, name) == link_type::external)
    return "an external link to " + external_link_target(parent, name) + " whose file or object cannot be opened";
  return "a dangling soft link (to " + soft_link_target(parent, name) + ")";
}

// parent/name becomes a soft link to the absolute path target; the target need not exist yet (a
// struct that holds a pointer to itself links to a group still being written).
inline void create_soft_link(const group& parent, std::string_view name, const std::string& target,
                             const creation_properties& props) {
  check(H5Lcreate_soft(target.c_str(), parent.id(), std::string(name).c_str(), props.link.id(), H5P_DEFAULT),
        "create soft link");
}

// The path an open object was reached by ("/" for the root, "/a/b" for a child); for an object
// opened through a soft link, the link's own path.
inline std::string object_path(hid_t object) {
  const auto size = check(H5Iget_name(object, nullptr, 0), "get object path");
  std::string path(static_cast<std::size_t>(size) + 1, '\0');
  check(H5Iget_name(object, path.data(), path.size()), "get object path");
  path.resize(static_cast<std::size_t>(size));
  return path;
}

// The path of the member `name` of an open group.
inline std::string member_path(const group& parent, std::string_view name) {
  auto path = object_path(parent.id());
  if (path.empty() || path.back() != '/') path += '/';
  path += name;
  return path;
}

// A string naming the object itself, equal for every link that reaches it (hard or soft): its file
// number and its address (token in HDF5 1.12+) within that file.
inline std::string object_identity(hid_t object) {
  char text[80];
#if H5_VERSION_GE(1, 12, 0)
  H5O_info2_t info;
  check(H5Oget_info3(object, &info, H5O_INFO_BASIC), "get object info");
  std::string id = std::to_string(info.fileno) + ':';
  for (unsigned char byte : info.token.__data) {
    std::snprintf(text, sizeof text, "%02x", byte);
    id += text;
  }
  return id;
#else
  H5O_info_t info;
  check(H5Oget_info2(object, &info, H5O_INFO_BASIC), "get object info");
  std::snprintf(text, sizeof text, "%lu:%llx", static_cast<unsigned long>(info.fileno),
                static_cast<unsigned long long>(info.addr));
  return text;
#endif
}

}  // namespace dd::h5
