#pragma once
// dd::save(file, value, options): the whole value into a new HDF5 file, atomically.
//
// The file is written under a temporary name in the target's directory and renamed over the target
// only when complete: a failed save (an exception, a full disk, an unmappable key, a SIGKILL) leaves
// any existing file byte-identical. A failed save removes its temporary; one left by a writer that
// was killed is removed by the next save of the same target (detail/atomic_file.hpp). Saves of one
// target wait for each other. A
// symlink is followed: the file it names is replaced, the link stays. With
// save_options::durable the file and the directory are fsync'ed, so the new version also survives
// a power loss.
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <cstddef>
#include <filesystem>
#include <string>
#include <system_error>

#include "detail/atomic_file.hpp"
#include "detail/callback.hpp"
#include "detail/root.hpp"
#include "error.hpp"
#include "h5/file.hpp"
#include "options.hpp"

namespace dd {
namespace detail {

// The atomic save around write(root), which fills the new file's root group (a group expected to
// hold root_members members). Not a template: compiled once, not once per saved type.
inline void save_file(const std::filesystem::path& file, save_context& ctx, std::size_t root_members,
                      callback<const h5::group&> write) {
  const auto& options = ctx.options;
  const auto target = resolve_target(file);
  temporary_claim claim(target);  // one save of this target at a time: the temporary is ours
  const auto& temporary = claim.path();
  h5::handle handle;
  auto discard = [&] {
    handle.reset();
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
  };
  try {
    try {
      handle = h5::create_file(temporary.string(), claim.exclusive(), root_members,
                               options.format == file_format::earliest);
    } catch (const h5::failure& e) {
      const auto why = cannot_create(target);
      throw error(file.string(), "/", "cannot create the file: " + (why.empty() ? std::string(e.what()) : why));
    }
    claim.created(h5::file_descriptor(handle));
    write(h5::group::open_root(handle.id()));
    claim.closing();
    h5::close_file(handle);
    claim.closed();
    if (options.durable) sync_path(file.string(), temporary, false);
    std::error_code ec;
    std::filesystem::rename(temporary, target, ec);
    if (ec) throw error(file.string(), "/", "cannot replace the file: " + ec.message());
    if (options.durable) {
      const auto dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
      sync_path(file.string(), dir, true);
    }
  } catch (const h5::failure& e) {
    discard();
    throw error(file.string(), ctx.path(), e.what());
  } catch (...) {
    discard();
    throw;
  }
}

}  // namespace detail

template <class T>
void save(const std::filesystem::path& file, const T& value, const save_options& options = {}) {
  const h5::call_scope call;
  detail::save_context ctx(file.string(), options);
  detail::save_file(file, ctx, detail::root_members(value),
                    [&](const h5::group& root) { detail::save_root(ctx, root, value); });
}

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
