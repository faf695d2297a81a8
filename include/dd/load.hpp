#pragma once
// dd::load<T>(file [, path] [, options]) and dd::load(file, path, out): type-directed loading.
//
// Without a path, the file's top-level value is loaded: "/" for a struct or map, "/data" for a value
// saved at the top level (deepdish's unpack convention). A path names one node — a group, a dataset or
// an attribute, e.g. "/opt/lr" — and loads just that.
#include <cstdint>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "codec/classify.hpp"
#include "codec/deepdish.hpp"
#include "error.hpp"
#include "h5/file.hpp"
#include "options.hpp"

namespace dd {
namespace detail {

inline bool root_is_unpacked(const h5::group& root) {
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
      ctx.fail("expected a top-level value at /data (the file holds a group of members: load a struct or map, or "
               "give a path)");
  }
  load_node(ctx, root, deepdish::top_level_name, value);
}

template <class T>
void load_path(load_context& ctx, h5::group group, std::string_view path, T& value) {
  if (!path.starts_with('/')) ctx.fail("node paths are absolute: '" + std::string(path) + "' must start with '/'");
  std::vector<std::string_view> parts;
  for (auto rest = path; !rest.empty();) {
    const auto slash = rest.find('/');
    const auto part = rest.substr(0, slash);
    if (!part.empty() && part != ".") parts.push_back(part);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  }
  if (parts.empty()) {
    if constexpr (group_like<T>) return load_members(ctx, group, value);
    else ctx.fail("'/' is a group; this type needs a path to a dataset or attribute");
  }
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    auto next = group.try_open_group(parts[i]);
    ctx.descend(parts[i]);
    if (!next) fail_expected(ctx, group, parts[i], "a group");
    group = std::move(*next);
  }
  load_node(ctx, group, parts.back(), value);
}

}  // namespace detail

// Loads into an existing object: what the file holds replaces its contents; storage is reused where
// the type allows (a vector of the right size is read into without reallocating).
template <class T>
void load(const std::filesystem::path& file, std::string_view path, T& out, const load_options& options = {}) {
  h5::quiet_errors quiet;
  const auto name = file.string();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw error(name, "/", "no such file");
  if (std::filesystem::is_directory(file, ec)) throw error(name, "/", "is a directory, not an HDF5 file");
  const int probe = h5::probe_file(name);
  if (probe == 0) throw error(name, "/", "not an HDF5 file");
  if (probe < 0) throw error(name, "/", "cannot be opened (unreadable, truncated or corrupted)");
  detail::load_context ctx(name, options);
  try {
    const auto handle = h5::open_file(name, false);
    auto root = h5::group::open_root(handle.id());
    if (path.empty()) detail::load_root(ctx, root, out);
    else detail::load_path(ctx, std::move(root), path, out);
  } catch (const error& e) {
    if (ctx.problems.empty()) throw;
    ctx.problems.insert(ctx.problems.end(), e.problems().begin(), e.problems().end());
  } catch (const h5::failure& e) {
    ctx.record(e.what());
  } catch (const std::bad_alloc&) {
    ctx.record("the stored size is too large to load into memory");
  } catch (const std::length_error&) {
    ctx.record("the stored size is too large for the C++ type");
  }
  ctx.throw_problems();
}

template <class T>
T load(const std::filesystem::path& file, std::string_view path = {}, const load_options& options = {}) {
  static_assert(std::is_default_constructible_v<T>, "dd: load<T> needs a default-constructible T; load into an "
                                                    "existing object with dd::load(file, path, object) instead");
  T value{};
  load(file, path, value, options);
  return value;
}

template <class T>
T load(const std::filesystem::path& file, const load_options& options) {
  return load<T>(file, {}, options);
}

}  // namespace dd
