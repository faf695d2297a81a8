#pragma once
// Node paths given by the user ("/epoch/3/weights"): split into link names and walked group by group,
// the one walker of the api (load, dd::file), and a dd::selection turned into an HDF5 box.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../codec/context.hpp"
#include "../h5/group.hpp"
#include "../selection.hpp"

namespace dd::detail {

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

// What walking does at a group that is not there.
enum class missing_group {
  fail,    // a dd::error: not found (or not a group), with what is there instead
  create,  // create it (saving); a non-group in the way is still an error
  report,  // return nothing (asking whether a path exists)
};

// Opens the group reached from `group` through `names`, appending each name to the error path.
inline std::optional<h5::group> walk(context& ctx, h5::group group, std::span<const std::string_view> names,
                                     missing_group missing, const h5::creation_properties* props = nullptr) {
  for (const auto name : names) {
    auto next = group.try_open_group(name);
    if (!next && missing == missing_group::report) return std::nullopt;
    if (!next && missing == missing_group::create && !group.has_link(name) && !group.has_attribute(name))
      next = group.create_group(name, *props);
    ctx.descend(name);
    if (!next) fail_expected(ctx, group, name, "a group");
    group = std::move(*next);
  }
  return group;
}

// The group holding the last name of `parts` (which must not be empty).
inline h5::group walk_to_parent(context& ctx, h5::group root, const std::vector<std::string_view>& parts,
                                missing_group missing, const h5::creation_properties* props = nullptr) {
  return *walk(ctx, std::move(root), std::span(parts).first(parts.size() - 1), missing, props);
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

}  // namespace dd::detail
