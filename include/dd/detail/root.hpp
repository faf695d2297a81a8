#pragma once
// The layout of a file's root: a struct or map is the root group itself; anything else is "/data",
// and the root is flagged so that deepdish.io.load returns the value itself. The root always carries
// deepdish's format version.
#include <cstdint>

#include "../codec/deepdish.hpp"
#include "../codec/dispatch.hpp"
#include "../h5/attributes.hpp"

namespace dd::detail {

inline void write_version(save_context& ctx, const h5::group& root) {
  const std::int64_t version = deepdish::io_version;
  h5::write_attribute(root.id(), deepdish::version_attribute, h5::file_type<std::int64_t>(),
                      h5::memory_type<std::int64_t>(), &version, ctx.props);
}

// How many members the root gets: how the file is made (h5/file.hpp).
template <class T>
std::size_t root_members(const T& value) {
  if constexpr (group_like<T>)
    return member_count(value) + 1;  // and the format version
  else
    return 3;  // the version, the unpack flag and the value
}

template <class T>
void save_root(save_context& ctx, const h5::group& root, const T& value) {
  write_version(ctx, root);
  if constexpr (group_like<T>) {
    save_members(ctx, root, value);
  } else {
    const bool unpack = true;
    h5::write_attribute(root.id(), deepdish::unpack_attribute, h5::file_type<bool>(), h5::memory_type<bool>(), &unpack,
                        ctx.props);
    save_node(ctx, root, deepdish::top_level_name, value);
  }
}

inline bool root_is_unpacked(const h5::group& root) {
  // Asked first: a failed open builds an HDF5 error stack, a good part of loading a small file.
  if (!root.has_attribute(deepdish::unpack_attribute)) return false;
  const auto flag = root.open_attribute(deepdish::unpack_attribute);
  const auto info = flag.info();
  if (info.kind != h5::type_kind::boolean && info.kind != h5::type_kind::signed_integer &&
      info.kind != h5::type_kind::unsigned_integer)
    return false;
  if (info.kind == h5::type_kind::boolean) {
    std::uint8_t value = 0;
    flag.read_bool_bytes(&value);
    return value != 0;
  }
  std::int64_t value = 0;
  flag.read(h5::memory_type<std::int64_t>(), &value);
  return value != 0;
}

template <class T>
void load_root(load_context& ctx, const h5::group& root, T& value) {
  const bool unpacked = root_is_unpacked(root);
  if constexpr (group_like<T>) {
    if (!unpacked) return load_members(ctx, root, value);
  } else {
    if (!unpacked && !root.has_link(deepdish::top_level_name) && !root.has_attribute(deepdish::top_level_name))
      ctx.fail(
          "expected a top-level value at /data (the file holds a group of members: load a struct or map, or "
          "give a path)");
  }
  load_node(ctx, root, deepdish::top_level_name, value);
}

}  // namespace dd::detail
