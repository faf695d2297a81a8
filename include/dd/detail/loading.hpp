#pragma once
// What every load does around the mappings: open the file (saying why it cannot be), walk to the
// node, and turn every problem found — recorded or thrown — into one dd::error.
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "../codec/dispatch.hpp"
#include "../error.hpp"
#include "../h5/file.hpp"
#include "../selection.hpp"
#include "callback.hpp"
#include "path.hpp"
#include "root.hpp"

namespace dd::detail {

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
inline void run_load(load_context& ctx, callback<> body) {
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

// The file's top-level value (empty path) or the node at path, into out.
template <class T>
void load_at(load_context& ctx, h5::group root, std::string_view path, T& out) {
  if (path.empty()) return load_root(ctx, root, out);
  const auto parts = split_path(ctx, path);
  if (parts.empty()) {
    if constexpr (group_like<T>)
      return load_members(ctx, root, out);
    else
      ctx.fail("'/' is a group; this type needs a path to a dataset or attribute");
  }
  load_node(ctx, walk_to_parent(ctx, std::move(root), parts, missing_group::fail), parts.back(), out);
}

template <sliceable T>
void load_selection(load_context& ctx, h5::group root, std::string_view path, const selection& part, T& out) {
  const auto parts = split_path(ctx, path);
  if (parts.empty()) ctx.fail("a selection needs the path of a dataset");
  const auto parent = walk_to_parent(ctx, std::move(root), parts, missing_group::fail);
  ctx.descend(parts.back());
  auto src = parent.try_open_dataset(parts.back());
  if (!src) fail_expected(ctx, parent, parts.back(), "a dataset to select from");
  src->select(hyperslab_within(ctx, part, src->full_extent()));
  mapping<family_of<T>()>::read_from(ctx, *src, out);
}

}  // namespace dd::detail
