#pragma once
// A group: the only place codecs create or find children and attributes. Names are single link
// names (no '/'); paths are walked one component at a time by the api layer.
#include <hdf5.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data.hpp"
#include "file.hpp"
#include "handle.hpp"

namespace dd::h5 {

enum class node_kind { missing, group, dataset, other, dangling_link };

// Creation properties shared by one save: UTF-8 link names, no timestamps (so saving the same value
// twice gives byte-identical files), intermediate groups never created implicitly.
struct creation_properties {
  handle link{H5Pcreate(H5P_LINK_CREATE), "create link property list"};
  handle group{H5Pcreate(H5P_GROUP_CREATE), "create group property list"};  // compact attributes
  handle large_group{H5Pcreate(H5P_GROUP_CREATE), "create group property list"};
  handle dataset_plain{H5Pcreate(H5P_DATASET_CREATE), "create dataset property list"};
  handle attribute{H5Pcreate(H5P_ATTRIBUTE_CREATE), "create attribute property list"};
  handle scalar_space{H5Screate(H5S_SCALAR), "create scalar dataspace"};
  handle utf8_string{string_type(true)};
  handle byte_string{string_type(true, 1, false)};

  // earliest: for a file in the earliest format (h5/file.hpp).
  explicit creation_properties(bool earliest = false) {
    check(H5Pset_char_encoding(link.id(), H5T_CSET_UTF8), "set link name encoding");
    check(H5Pset_char_encoding(attribute.id(), H5T_CSET_UTF8), "set attribute name encoding");
    check(H5Pset_obj_track_times(group.id(), false), "disable group timestamps");
    check(H5Pset_obj_track_times(large_group.id(), false), "disable group timestamps");
    set_attribute_storage(group.id(), 0, earliest);
    check(H5Pset_obj_track_times(dataset_plain.id(), false), "disable dataset timestamps");
  }
};

class group {
 public:
  group() = default;
  explicit group(handle h) : h_(std::move(h)) {}
  hid_t id() const { return h_.id(); }

  static group open_root(hid_t file) { return group(handle(H5Gopen2(file, "/", H5P_DEFAULT), "open root group")); }

  // members: how many the caller will store in it, if it knows (0: not known); see h5/file.hpp.
  group create_group(std::string_view name, const creation_properties& props, std::size_t members = 0) const {
    const auto& gcpl = members <= compact_attributes ? props.group : props.large_group;
    return group(
        handle(H5Gcreate2(h_.id(), std::string(name).c_str(), props.link.id(), gcpl.id(), H5P_DEFAULT), "create group"));
  }
  group open_group(std::string_view name) const {
    return group(handle(H5Gopen2(h_.id(), std::string(name).c_str(), H5P_DEFAULT), "open group"));
  }

  bool has_attribute(std::string_view name) const {
    return check(H5Aexists(h_.id(), std::string(name).c_str()), "check attribute") > 0;
  }
  bool has_link(std::string_view name) const {
    return check(H5Lexists(h_.id(), std::string(name).c_str(), H5P_DEFAULT), "check link") > 0;
  }

  // The object the link `name` leads to (soft links followed); an empty handle if there is no such
  // link or it dangles.
  handle open_object(std::string_view name) const {
    const std::string n(name);
    // Asking H5Lexists first would look the name up twice in the common case, where it exists.
    const hid_t obj = H5Oopen(h_.id(), n.c_str(), H5P_DEFAULT);
    if (obj < 0) H5Eclear2(H5E_DEFAULT);
    return handle(obj);
  }

  node_kind kind(std::string_view name) const {
    const auto obj = open_object(name);
    if (!obj) return has_link(name) ? node_kind::dangling_link : node_kind::missing;
    switch (H5Iget_type(obj.id())) {
      case H5I_GROUP: return node_kind::group;
      case H5I_DATASET: return node_kind::dataset;
      default: return node_kind::other;
    }
  }

  // The dataset or group the link `name` leads to, if that is what it is. A dataset is opened as one
  // (one call where opening any object and asking what it is takes two).
  std::optional<data> try_open_dataset(std::string_view name) const {
    const hid_t d = H5Dopen2(h_.id(), std::string(name).c_str(), H5P_DEFAULT);
    if (d < 0) {
      H5Eclear2(H5E_DEFAULT);
      return std::nullopt;
    }
    return data(handle(d), false);
  }
  std::optional<group> try_open_group(std::string_view name) const {
    if (auto obj = open_object(name); obj && H5Iget_type(obj.id()) == H5I_GROUP) return group(std::move(obj));
    return std::nullopt;
  }

  // The attribute `name`, if there is one (one lookup instead of exists + open).
  std::optional<data> try_open_attribute(std::string_view name) const {
    const hid_t a = H5Aopen(h_.id(), std::string(name).c_str(), H5P_DEFAULT);
    if (a < 0) {
      H5Eclear2(H5E_DEFAULT);
      return std::nullopt;
    }
    return data(handle(a), true);
  }

  data open_attribute(std::string_view name) const {
    return data(handle(H5Aopen(h_.id(), std::string(name).c_str(), H5P_DEFAULT), "open attribute"), true);
  }
  data open_dataset(std::string_view name) const {
    return data(handle(H5Dopen2(h_.id(), std::string(name).c_str(), H5P_DEFAULT), "open dataset"), false);
  }

  data create_dataset(std::string_view name, hid_t file_t, const std::vector<hsize_t>& dims, hid_t dcpl,
                      const creation_properties& props) const {
    handle space = make_space(dims);
    return data(
        handle(H5Dcreate2(h_.id(), std::string(name).c_str(), file_t, space.id(), props.link.id(), dcpl, H5P_DEFAULT),
               "create dataset"),
        false);
  }

  void remove(std::string_view name) const {
    check(H5Ldelete(h_.id(), std::string(name).c_str(), H5P_DEFAULT), "delete link");
  }
  void remove_attribute(std::string_view name) const {
    check(H5Adelete(h_.id(), std::string(name).c_str()), "delete attribute");
  }

  // Moves the link `name` to `to` under `new_name` (the object it leads to does not move).
  void move_link(std::string_view name, const group& to, std::string_view new_name,
                 const creation_properties& props) const {
    check(H5Lmove(h_.id(), std::string(name).c_str(), to.id(), std::string(new_name).c_str(), props.link.id(),
                  H5P_DEFAULT),
          "move link");
  }

  // Copies the attribute `name` (any type, variable-length data included) to `to` as `new_name`.
  void copy_attribute(std::string_view name, const group& to, std::string_view new_name,
                      const creation_properties& props) const {
    const data from(handle(H5Aopen(h_.id(), std::string(name).c_str(), H5P_DEFAULT), "open attribute"), true);
    const auto type = from.type();
    const handle space(H5Aget_space(from.id()), "get dataspace");
    const auto n = static_cast<std::size_t>(std::max<hssize_t>(0, H5Sget_simple_extent_npoints(space.id())));
    std::vector<unsigned char> buffer(std::max<std::size_t>(1, n * H5Tget_size(type.id())));
    check(H5Aread(from.id(), type.id(), buffer.data()), "read attribute");
    const bool variable = H5Tdetect_class(type.id(), H5T_VLEN) > 0 || H5Tis_variable_str(type.id()) > 0;
    const handle a(
        H5Acreate2(to.id(), std::string(new_name).c_str(), type.id(), space.id(), props.attribute.id(), H5P_DEFAULT),
        "create attribute");
    const herr_t written = H5Awrite(a.id(), type.id(), buffer.data());
    if (variable) H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, buffer.data());
    check(written, "write attribute");
  }

  std::vector<std::string> link_names() const {
    std::vector<std::string> names;
    hsize_t idx = 0;
    check(H5Literate(h_.id(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_link, &names), "list links");
    return names;
  }
  std::vector<std::string> attribute_names() const {
    std::vector<std::string> names;
    hsize_t idx = 0;
    check(H5Aiterate2(h_.id(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_attribute, &names), "list attributes");
    return names;
  }

 private:
  static herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  }
  static herr_t collect_attribute(hid_t, const char* name, const H5A_info_t*, void* out) {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  }
  handle h_;
};

}  // namespace dd::h5
