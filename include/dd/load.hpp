#pragma once
// dd::load<T>(file [, path] [, options]) and dd::load(file, path, out): type-directed loading.
//
// Without a path, the file's top-level value is loaded: "/" for a struct or map, "/data" for a value
// saved at the top level (deepdish's unpack convention). A path names one node — a group, a dataset or
// an attribute, e.g. "/opt/lr" — and loads just that.
#include <algorithm>
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
#include "selection.hpp"

namespace dd {
namespace detail {

inline bool root_is_unpacked(const h5::group& root) {
  const auto found = root.try_open_attribute(deepdish::unpack_attribute);
  if (!found) return false;
  const auto& flag = *found;
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

// "/a//b/./c" -> {"a", "b", "c"}; paths are absolute.
inline std::vector<std::string_view> split_path(const context& ctx, std::string_view path) {
  if (!path.starts_with('/')) ctx.fail("node paths are absolute: '" + std::string(path) + "' must start with '/'");
  std::vector<std::string_view> parts;
  for (auto rest = path; !rest.empty();) {
    const auto slash = rest.find('/');
    const auto part = rest.substr(0, slash);
    if (!part.empty() && part != ".") parts.push_back(part);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  }
  return parts;
}

// The selection as an HDF5 box, checked against the dataset's shape; dimensions not given are whole.
inline h5::hyperslab hyperslab_within(const context& ctx, const selection& part, const h5::shape& shape) {
  const auto rank = shape.dims.size();
  auto text = [](const std::vector<std::size_t>& v) {
    std::string s = "(";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + (v.size() == 1 ? ",)" : ")");
  };
  const auto described = "selection offset " + text(part.offset) + " count " + text(part.count) +
                          (part.stride.empty() ? "" : " stride " + text(part.stride));
  if (part.offset.size() > rank || part.count.size() > rank || part.stride.size() > rank ||
      part.offset.size() != part.count.size())
    ctx.fail(described + " does not fit the dataset's shape " + h5::to_string(shape));
  h5::hyperslab box;
  for (std::size_t i = 0; i < rank; ++i) {
    const hsize_t offset = i < part.offset.size() ? part.offset[i] : 0;
    const hsize_t stride = i < part.stride.size() ? part.stride[i] : 1;
    const hsize_t count = i < part.count.size() ? part.count[i] : (shape.dims[i] - std::min(offset, shape.dims[i]));
    if (stride == 0 || offset > shape.dims[i] || (count > 0 && offset + (count - 1) * stride >= shape.dims[i]))
      ctx.fail(described + " is outside the dataset's shape " + h5::to_string(shape));
    box.offset.push_back(offset);
    box.count.push_back(count);
    box.stride.push_back(stride);
  }
  return box;
}

template <class T>
void load_path(load_context& ctx, h5::group group, std::string_view path, T& value) {
  const auto parts = split_path(ctx, path);
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

// Refuses, with a clear dd::error, a file that cannot be loaded at all.
inline void check_loadable(const std::filesystem::path& file) {
  const auto name = file.string();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw error(name, "/", "no such file");
  if (std::filesystem::is_directory(file, ec)) throw error(name, "/", "is a directory, not an HDF5 file");
  const int probe = h5::probe_file(name);
  if (probe == 0) throw error(name, "/", "not an HDF5 file");
  if (probe < 0) throw error(name, "/", "cannot be opened (unreadable, truncated or corrupted)");
}

// Opens a file for loading; when HDF5 cannot, says why (missing, a directory, not HDF5, truncated).
// Diagnosing only after a failure keeps the common case to one open.
inline h5::handle open_for_load(const std::filesystem::path& file, bool writable = false) {
  try {
    return h5::open_file(file.string(), writable);
  } catch (const h5::failure& e) {
    check_loadable(file);
    throw error(file.string(), "/", std::string("cannot be opened: ") + e.what());
  }
}

// Runs one load: every problem found, recorded or thrown, ends up in one dd::error.
template <class F>
void run_load(load_context& ctx, F&& body) {
  try {
    body();
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
void load_at(load_context& ctx, h5::group root, std::string_view path, T& out) {
  if (path.empty()) load_root(ctx, root, out);
  else load_path(ctx, std::move(root), path, out);
}

// Types whose codec can read a selected part of a dataset.
template <class T>
concept sliceable = requires(load_context& ctx, const h5::data& src, T& value) {
  codec_of<family_of<T>()>::read_from(ctx, src, value);
};

template <sliceable T>
void load_selection(load_context& ctx, h5::group group, std::string_view path, const selection& part, T& out) {
  const auto parts = split_path(ctx, path);
  if (parts.empty()) ctx.fail("a selection needs the path of a dataset");
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    auto next = group.try_open_group(parts[i]);
    ctx.descend(parts[i]);
    if (!next) fail_expected(ctx, group, parts[i], "a group");
    group = std::move(*next);
  }
  ctx.descend(parts.back());
  auto src = group.try_open_dataset(parts.back());
  if (!src) fail_expected(ctx, group, parts.back(), "a dataset to select from");
  src->select(hyperslab_within(ctx, part, src->full_extent()));
  codec_of<family_of<T>()>::read_from(ctx, *src, out);
}

}  // namespace detail

// Loads into an existing object: what the file holds replaces its contents; storage is reused where
// the type allows (a vector of the right size is read into without reallocating).
template <class T>
void load(const std::filesystem::path& file, std::string_view path, T& out, const load_options& options = {}) {
  h5::quiet_errors quiet;
  const auto handle = detail::open_for_load(file);
  detail::load_context ctx(file.string(), options);
  detail::run_load(ctx, [&] { detail::load_at(ctx, h5::group::open_root(handle.id()), path, out); });
}

// Loads part of an array or table (see selection.hpp) into out.
template <detail::sliceable T>
void load(const std::filesystem::path& file, std::string_view path, const selection& part, T& out,
          const load_options& options = {}) {
  h5::quiet_errors quiet;
  const auto handle = detail::open_for_load(file);
  detail::load_context ctx(file.string(), options);
  detail::run_load(ctx, [&] { detail::load_selection(ctx, h5::group::open_root(handle.id()), path, part, out); });
}

template <class T>
T load(const std::filesystem::path& file, std::string_view path, const selection& part,
       const load_options& options = {}) {
  T value{};
  load(file, path, part, value, options);
  return value;
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
