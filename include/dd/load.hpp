#pragma once
// dd::load<T>(file [, path] [, options]) and dd::load(file, path, out): type-directed loading.
//
// Without a path, the file's top-level value is loaded: "/" for a struct or map, "/data" for a value
// saved at the top level (deepdish's unpack convention). A path names one node — a group, a dataset or
// an attribute, e.g. "/opt/lr" — and loads just that. load_options::untrusted runs the load in a child
// process first (detail/untrusted.hpp).
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <filesystem>
#include <string_view>
#include <type_traits>

#include "detail/loading.hpp"
#include "detail/untrusted.hpp"
#include "error.hpp"
#include "h5/file.hpp"
#include "options.hpp"
#include "selection.hpp"

namespace dd {

// Loads into an existing object: what the file holds replaces its contents; storage is reused where
// the type allows (a vector of the right size is read into without reallocating).
template <class T>
void load(const std::filesystem::path& file, std::string_view path, T& out, const load_options& options = {}) {
  const h5::call_scope call;
  detail::guarded(file.string(), options, [&] {
    const auto handle = detail::open_for_load(file);
    detail::load_context ctx(file.string(), options);
    detail::run_load(ctx, [&] { detail::load_at(ctx, h5::group::open_root(handle.id()), path, out); });
  });
}

// Loads part of an array or table (see selection.hpp) into out.
template <detail::sliceable T>
void load(const std::filesystem::path& file, std::string_view path, const selection& part, T& out,
          const load_options& options = {}) {
  const h5::call_scope call;
  detail::guarded(file.string(), options, [&] {
    const auto handle = detail::open_for_load(file);
    detail::load_context ctx(file.string(), options);
    detail::run_load(ctx, [&] { detail::load_selection(ctx, h5::group::open_root(handle.id()), path, part, out); });
  });
}

template <class T>
T load(const std::filesystem::path& file, std::string_view path, const selection& part,
       const load_options& options = {}) {
  T value = T();
  load(file, path, part, value, options);
  return value;
}

template <class T>
T load(const std::filesystem::path& file, std::string_view path = {}, const load_options& options = {}) {
  static_assert(std::is_default_constructible_v<T>,
                "dd: load<T> needs a default-constructible T; load into an "
                "existing object with dd::load(file, path, object) instead");
  // `T value{}` would do the same, but crashes clang 14 for nested arrays of strings
  // (std::array<std::array<std::string, 3>, 2>); dd's generic code value-initializes with `= T()`.
  T value = T();
  load(file, path, value, options);
  return value;
}

template <class T>
T load(const std::filesystem::path& file, const load_options& options) {
  return load<T>(file, {}, options);
}

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
