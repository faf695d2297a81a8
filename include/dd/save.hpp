#pragma once
// dd::save(file, value, options): the whole value into a new HDF5 file, atomically.
//
// The file is written under a temporary name in the target's directory and renamed over the target
// only when complete: a failed save (an exception, a full disk, an unmappable key) leaves any
// existing file byte-identical and no temporary behind.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

#include "detail/root.hpp"
#include "error.hpp"
#include "h5/file.hpp"
#include "options.hpp"

namespace dd {
namespace detail {

inline std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, ".%016llx.tmp", static_cast<unsigned long long>(random()));
  auto name = "." + target.filename().string() + suffix;
  return target.parent_path() / name;
}

}  // namespace detail

template <class T>
void save(const std::filesystem::path& file, const T& value, const save_options& options = {}) {
  h5::quiet_errors quiet;
  detail::save_context ctx(file.string(), options);
  const auto temporary = detail::temporary_beside(file);
  h5::handle handle;
  auto discard = [&] {
    handle.reset();
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
  };
  try {
    try {
      handle = h5::create_file(temporary.string());
    } catch (const h5::failure& e) {
      throw error(file.string(), "/", "cannot create a file in " + file.parent_path().string() + ": " + e.what());
    }
    detail::save_root(ctx, h5::group::open_root(handle.id()), value);
    h5::close_file(handle);
    std::error_code ec;
    std::filesystem::rename(temporary, file, ec);
    if (ec) throw error(file.string(), "/", "cannot replace the file: " + ec.message());
  } catch (const h5::failure& e) {
    discard();
    throw error(file.string(), ctx.path(), e.what());
  } catch (...) {
    discard();
    throw;
  }
}

}  // namespace dd
