#pragma once
// Looking at any HDF5 file without knowing what wrote it: what tools (tools/ddls) need and the
// codecs do not. Links and attributes are visited one at a time as HDF5 iterates (never collected,
// so a group of millions of members costs no memory). Datatypes and values: type_tree.hpp.
#include <hdf5.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data.hpp"
#include "enum.hpp"
#include "group.hpp"
#include "handle.hpp"
#include "links.hpp"
#include "type_tree.hpp"

namespace dd::h5 {

// ---- objects, links and attributes ------------------------------------------------------------

enum class object_type { group, dataset, named_datatype, other };

inline object_type type_of_object(hid_t object) {
  switch (H5Iget_type(object)) {
    case H5I_GROUP: return object_type::group;
    case H5I_DATASET: return object_type::dataset;
    case H5I_DATATYPE: return object_type::named_datatype;
    default: return object_type::other;
  }
}

// The object at `path` (absolute, or relative to `location`), soft links followed; throws if there
// is none or a link on the way dangles.
inline handle open_object_at(hid_t location, const std::string& path) {
  return handle(H5Oopen(location, path.c_str(), H5P_DEFAULT), "open object");
}

inline std::size_t attribute_count(hid_t object) {
#if H5_VERSION_GE(1, 12, 0)
  H5O_info2_t info;
  check(H5Oget_info3(object, &info, H5O_INFO_NUM_ATTRS), "get object info");
#else
  H5O_info_t info;
  check(H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS), "get object info");
#endif
  return static_cast<std::size_t>(info.num_attrs);
}

inline std::size_t link_count(hid_t group) {
  H5G_info_t info;
  check(H5Gget_info(group, &info), "get group info");
  return static_cast<std::size_t>(info.nlinks);
}

// One link of a group as HDF5 stores it: where it leads is known without following it.
struct link_entry {
  std::string name;
  link_type type = link_type::hard;
  std::string target;         // soft: the stored path; external: the path inside the other file
  std::string external_file;  // external only
};

inline link_entry describe_link(hid_t group, const char* name, const H5L_info_t& info) {
  link_entry e;
  e.name = name;
  switch (info.type) {
    case H5L_TYPE_HARD: e.type = link_type::hard; break;
    case H5L_TYPE_SOFT: e.type = link_type::soft; break;
    default: e.type = link_type::external; break;
  }
  if (e.type == link_type::hard) return e;
  std::vector<char> value(info.u.val_size + 1, '\0');
  check(H5Lget_val(group, name, value.data(), value.size(), H5P_DEFAULT), "read link value");
  if (e.type == link_type::soft) {
    e.target = value.data();
  } else if (info.type == H5L_TYPE_EXTERNAL) {
    const char* file = nullptr;
    const char* path = nullptr;
    unsigned flags = 0;
    check(H5Lunpack_elink_val(value.data(), value.size(), &flags, &file, &path), "unpack external link");
    e.external_file = file ? file : "";
    e.target = path ? path : "";
  }
  return e;
}

namespace detail {
// HDF5 iterates through C frames, which C++ exceptions must not cross: the visitor's exception is
// parked here, iteration stops, and it is rethrown once HDF5 has returned.
template <class F>
struct iteration {
  F& visit;
  std::exception_ptr failed;
};

template <class F>
herr_t visit_link(hid_t group, const char* name, const H5L_info_t* info, void* data) {
  auto& it = *static_cast<iteration<F>*>(data);
  try {
    it.visit(describe_link(group, name, *info));
    return 0;
  } catch (...) {
    it.failed = std::current_exception();
    return -1;
  }
}

template <class F>
herr_t visit_attribute(hid_t, const char* name, const H5A_info_t*, void* data) {
  auto& it = *static_cast<iteration<F>*>(data);
  try {
    it.visit(std::string(name));
    return 0;
  } catch (...) {
    it.failed = std::current_exception();
    return -1;
  }
}

template <class F>
void finish(const iteration<F>& it, herr_t status, const char* what) {
  if (it.failed) {
    H5Eclear2(H5E_DEFAULT);
    std::rethrow_exception(it.failed);
  }
  check(status, what);
}
}  // namespace detail

// Calls visit(const link_entry&) for every link of the group, in ascending name order, as HDF5 reads
// them. visit may open, read and iterate anything (not change the file).
template <class F>
void for_each_link(hid_t group, F&& visit) {
  detail::iteration<F> it{visit, nullptr};
  hsize_t index = 0;
  const herr_t status = H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, detail::visit_link<F>, &it);
  detail::finish(it, status, "list links");
}

// Calls visit(const std::string& name) for every attribute of the object, in ascending name order.
template <class F>
void for_each_attribute(hid_t object, F&& visit) {
  detail::iteration<F> it{visit, nullptr};
  hsize_t index = 0;
  const herr_t status = H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, detail::visit_attribute<F>, &it);
  detail::finish(it, status, "list attributes");
}

// The link `name` of the group, if there is one (any kind, dangling or not).
inline std::optional<link_entry> find_link(hid_t group, const std::string& name) {
  if (H5Lexists(group, name.c_str(), H5P_DEFAULT) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  H5L_info_t info;
  check(H5Lget_info(group, name.c_str(), &info, H5P_DEFAULT), "get link info");
  return describe_link(group, name.c_str(), info);
}

// The attribute `name` of any object (group or dataset), if it has one.
inline std::optional<data> find_attribute(hid_t object, const std::string& name) {
  const htri_t exists = H5Aexists(object, name.c_str());
  if (exists <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  return data(handle(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute"), true);
}

// The attribute `name` of any object, which the caller knows is there (it was just listed).
inline data attribute_of(hid_t object, const std::string& name) {
  return data(handle(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute"), true);
}

// Whether the link `name` of the group leads to an object (false for a dangling soft link).
inline bool link_resolves(hid_t group, const std::string& name) {
  const htri_t exists = H5Oexists_by_name(group, name.c_str(), H5P_DEFAULT);
  if (exists < 0) H5Eclear2(H5E_DEFAULT);
  return exists > 0;
}

}  // namespace dd::h5
