#pragma once
// dd::file: an open HDF5 file for programs that save and load many objects, read parts of big
// files, or grow datasets by appending.
//
//   dd::file f("run.h5", dd::mode::read_write);
//   f.save("/epoch/3", state);                    // replaces whatever was at /epoch/3
//   auto s = f.load<State>("/epoch/3");
//   f.append("/losses", 0.25);                    // grows a chunked dataset, buffered
//   auto losses = f.appender<double>("/losses");  // the same without finding the path each time
//   losses.append(0.5);
//   auto last = f.load<std::vector<double>>("/losses", dd::rows(90, 10));
//
// Changes are made in place, but a node is never lost: f.save writes the new value beside the old
// one and swaps it in only when complete. Removing nodes does not shrink the file (HDF5 does not
// reuse the space; h5repack does).
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <cstddef>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "detail/appender.hpp"
#include "detail/atomic_file.hpp"
#include "detail/callback.hpp"
#include "detail/loading.hpp"
#include "detail/path.hpp"
#include "detail/replace.hpp"
#include "detail/root.hpp"
#include "detail/untrusted.hpp"
#include "error.hpp"
#include "h5/file.hpp"
#include "h5/links.hpp"
#include "options.hpp"
#include "selection.hpp"

namespace dd {

enum class mode {
  read,        // an existing file, read only
  create,      // a new empty file, replacing any file at the path
  read_write,  // an existing file, or a new one if there is none
};

// One member of a group, as file::list reports it.
struct entry {
  enum class kind { group, dataset, attribute, soft_link, external_link };
  std::string name;
  entry::kind kind = kind::group;
  std::vector<std::size_t> shape;  // datasets and attributes; empty for scalars
  std::string type;                // "float64", "string", "compound", ...; groups: their TITLE ("list:3") if any
  std::string target;              // soft links: the path they point to
};

// Appends rows of one type to one dataset of a dd::file (file::appender<Row>(path)): the same rows as
// f.append(path, row) without finding the path each time, so appending is a copy into the file's
// buffer. Rows are written in blocks of 1 MiB, at the file's flush() and close(). Usable from any
// thread, like the file; once the dataset is removed or replaced, or the file closed, append throws.
template <class Row>
class appender {
 public:
  void append(const Row& row) {
    if (h5::single_threaded() && rows_->room() >= sizeof(Row)) [[likely]] {
      rows_->put(row);
      return;
    }
    add_one(row);
  }
  template <std::ranges::contiguous_range Rows>
  requires std::ranges::sized_range<Rows> && std::same_as<std::ranges::range_value_t<Rows>, Row>
  void append(const Rows& rows) { add(std::ranges::data(rows), std::ranges::size(rows)); }

 private:
  friend class file;
  explicit appender(std::shared_ptr<detail::row_buffer> rows) : rows_(std::move(rows)) {}

  // Out of line, so that a loop of appends keeps its registers for the copy.
  [[gnu::noinline]] void add_one(const Row& row) { add(&row, 1); }

  void add(const Row* rows, std::size_t count) {
    const h5::lock_if_threaded lock;
    if (rows_->take(rows, count)) return;
    const h5::call_scope call;
    rows_->add(rows, count);
  }

  std::shared_ptr<detail::row_buffer> rows_;
};

class file {
 public:
  explicit file(const std::filesystem::path& path, mode m = mode::read, save_options options = {})
      : file(path, m, options, load_options{}) {}
  // An existing file from a stranger, for reading: load_options::untrusted opens it in a checking
  // process first (pass the same options to each load, whose checks run the same way).
  file(const std::filesystem::path& path, const load_options& opening) : file(path, mode::read, {}, opening) {}

  file(const std::filesystem::path& path, mode m, save_options options, const load_options& opening)
      : name_(path.string()), writable_(m != mode::read), options_(options), rows_(name_) {
    const h5::call_scope call;
    if (m == mode::read && opening.untrusted)
      detail::check_in_child(name_, opening, [&] {
        const auto handle = detail::open_for_load(path, false);
        (void)h5::group::open_root(handle.id());
      });
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    try {
      if (m == mode::create || (m == mode::read_write && !exists)) {
        handle_ = h5::create_file(name_, false, 0, options_.format == file_format::earliest);
        detail::save_context ctx(name_, options_);
        detail::write_version(ctx, h5::group::open_root(handle_.id()));
      } else {
        handle_ = detail::open_for_load(path, writable_);
        const auto format = h5::earliest_format(handle_) ? file_format::earliest : file_format::hdf5_1_8;
        if (writable_) options_.format = format;  // what dd adds follows the file's format
      }
    } catch (const h5::failure& e) {
      throw error(name_, "/", std::string("cannot open the file: ") + e.what());
    }
  }

 public:
  file(file&&) noexcept = default;
  file& operator=(file&&) noexcept = default;
  // Writes pending appends. Errors cannot be reported from a destructor: call close() to see them.
  ~file() {
    try {
      close();
    } catch (...) {}
  }

  // Writes pending appends and closes the file. Everything is released even when writing fails
  // (a full disk): the error is reported, the process goes on and exits cleanly.
  void close() {
    const h5::call_scope call;
    if (!handle_) return;
    std::optional<error> failure;
    try {
      rows_.flush();
    } catch (const error& e) {
      failure = e;
    }
    rows_.clear();  // its datasets close before the file (they cache nothing: closing cannot fail)
    try {
      h5::close_file(handle_);
    } catch (const h5::failure& e) {
      if (!failure) failure = error(name_, "/", e.what());
    }
    if (failure) throw *failure;
  }

  // Writes pending appends and asks HDF5 to write its caches to disk.
  void flush() {
    const h5::call_scope call;
    rows_.flush();
    if (writable_ && handle_) guard("/", [&](detail::context&) { h5::flush_file(handle_); });
  }

  // Saves value at path, replacing whatever was there (a size or type change is fine). Missing
  // groups on the way are created. path "/" replaces the members of the root with a struct's or map's.
  template <class T>
  void save(std::string_view path, const T& value) {
    const h5::call_scope call;
    require_writable(path);
    flush();
    detail::save_context ctx(name_, options_);
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      auto root = h5::group::open_root(handle_.id());
      if (parts.empty()) {
        if constexpr (detail::group_like<T>) {
          detail::clear_members(root);
          detail::save_members(ctx, root, value);
        } else {
          ctx.fail("only a struct or map can be saved as the root group '/'");
        }
        return;
      }
      const auto parent =
          detail::walk_to_parent(ctx, std::move(root), parts, detail::missing_group::create, &ctx.props);
      detail::replace_member(ctx, parent, parts.back(), staged_,
                             [&](const h5::group& stage) { detail::save_node(ctx, stage, parts.back(), value); });
    });
    rows_.forget(path);  // appended datasets at or below path were replaced: later appends reopen (and check) them
  }

  template <class T>
  void load(std::string_view path, T& out, const load_options& options = {}) {
    const h5::call_scope call;
    flush();
    detail::guarded(name_, options, [&] {
      detail::load_context ctx(name_, options);
      detail::run_load(ctx, [&] { detail::load_at(ctx, h5::group::open_root(handle_.id()), path, out); });
    });
  }
  template <class T>
  T load(std::string_view path, const load_options& options = {}) {
    T value = T();
    load(path, value, options);
    return value;
  }

  // Part of an array or table (see selection.hpp).
  template <detail::sliceable T>
  void load(std::string_view path, const selection& part, T& out, const load_options& options = {}) {
    const h5::call_scope call;
    flush();
    detail::guarded(name_, options, [&] {
      detail::load_context ctx(name_, options);
      detail::run_load(ctx, [&] { detail::load_selection(ctx, h5::group::open_root(handle_.id()), path, part, out); });
    });
  }
  template <detail::sliceable T>
  T load(std::string_view path, const selection& part, const load_options& options = {}) {
    T value = T();
    load(path, part, value, options);
    return value;
  }

  // Is there a group, dataset, attribute or link at path?
  bool contains(std::string_view path) {
    const h5::call_scope call;
    flush();
    detail::context ctx(name_);
    bool found = false;
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      if (parts.empty()) {
        found = true;
        return;
      }
      const auto parent = detail::walk(ctx, h5::group::open_root(handle_.id()),
                                       std::span(parts).first(parts.size() - 1), detail::missing_group::report);
      found = parent && (parent->has_attribute(parts.back()) || parent->has_link(parts.back()));
    });
    return found;
  }

  // Removes the node at path (with everything below it); an error if there is none.
  void remove(std::string_view path) {
    const h5::call_scope call;
    require_writable(path);
    flush();
    detail::context ctx(name_);
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      if (parts.empty()) ctx.fail("the root group cannot be removed");
      const auto parent =
          detail::walk_to_parent(ctx, h5::group::open_root(handle_.id()), parts, detail::missing_group::fail);
      ctx.descend(parts.back());
      if (parent.has_attribute(parts.back()))
        parent.remove_attribute(parts.back());
      else if (parent.has_link(parts.back()))
        parent.remove(parts.back());
      else
        ctx.fail("not found: nothing to remove");
      rows_.forget(path);
    });
  }

  // The members of the group at path: child links (groups, datasets, links) and attributes, each
  // sorted by name, deepdish/PyTables bookkeeping attributes left out.
  std::vector<entry> list(std::string_view path = "/") {
    const h5::call_scope call;
    flush();
    detail::context ctx(name_);
    std::vector<entry> out;
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      const auto group = *detail::walk(ctx, h5::group::open_root(handle_.id()), parts, detail::missing_group::fail);
      for (const auto& name : group.link_names()) out.push_back(describe_link(group, name));
      for (const auto& name : group.attribute_names()) {
        if (detail::deepdish::is_bookkeeping(name)) continue;
        const auto a = group.open_attribute(name);
        out.push_back({name, entry::kind::attribute, sizes(a.extent()), h5::to_string(a.info()), {}});
      }
    });
    return out;
  }

  // Appends one row — a number, a fixed block such as std::array<float, 3>, or a flat struct (a
  // table row) — or every row of a contiguous range of rows to the dataset at path, creating it on
  // first use as a chunked dataset that grows along its first dimension (compressed as the file's
  // save options say, whatever its size). Rows are buffered and written in blocks of 1 MiB; they
  // are visible to every other call on this file and written at flush(), close() or destruction.
  template <class Row>
  void append(std::string_view path, const Row& row) {
    if constexpr (detail::appendable_row<Row>) {
      // The steady state of one thread: a copy into the buffer of the path appended to last (which
      // was checked writable then), inlined into the caller's loop.
      if (h5::single_threaded() && rows_.buffer(path, &row, 1)) [[likely]]
        return;
      add_rows(path, &row, 1);
    } else if constexpr (std::ranges::contiguous_range<Row> && std::ranges::sized_range<Row> &&
                         detail::appendable_row<detail::element_of<Row>>) {
      add_rows(path, std::ranges::data(row), std::ranges::size(row));
    } else {
      static_assert(detail::always_false<Row>,
                    "dd: file::append takes a number, a fixed block of numbers "
                    "(std::array, nested), a flat struct, or a contiguous range of those");
    }
  }

  // Appends to the dataset at path without naming it again: checks it (or creates it) now, like a
  // first append of a Row, and returns a handle whose append(row) copies into this file's buffer for
  // that dataset — the rows f.append(path, row) buffers, in the order of the calls.
  template <class Row>
  dd::appender<Row> appender(std::string_view path) {
    static_assert(detail::appendable_row<Row>,
                  "dd: file::appender<Row> takes a number, a fixed block of numbers (std::array, nested) "
                  "or a flat struct as Row");
    const h5::call_scope call;
    require_writable(path);
    return dd::appender<Row>(rows_.attach<Row>(handle_.id(), options_, path));
  }

 private:
  void guard(detail::context& ctx, detail::callback<> body) {
    try {
      body();
    } catch (const h5::failure& e) {
      throw error(name_, ctx.path(), e.what());
    }
  }
  void guard(std::string_view path, detail::callback<detail::context&> body) {
    detail::context ctx(name_);
    ctx.descend(path.starts_with('/') ? path.substr(1) : path);
    guard(ctx, [&] { body(ctx); });
  }

  // Out of line: what append's steady state does not need.
  template <class Row>
  [[gnu::noinline]] void add_rows(std::string_view path, const Row* rows, std::size_t count) {
    const h5::lock_if_threaded lock;  // the buffers are shared by threads using this file
    require_writable(path);
    if (rows_.buffer(path, rows, count)) return;  // a copy, no HDF5 call
    const h5::call_scope call;
    rows_.append(handle_.id(), options_, path, rows, count);
  }

  void require_writable(std::string_view path) const {
    if (!writable_) throw error(name_, std::string(path), "the file is open read-only (dd::mode::read)");
  }

  static std::vector<std::size_t> sizes(const h5::shape& s) { return {s.dims.begin(), s.dims.end()}; }

  static entry describe_link(const h5::group& group, const std::string& name) {
    switch (h5::type_of_link(group, name)) {
      case h5::link_type::soft: return {name, entry::kind::soft_link, {}, {}, h5::soft_link_target(group, name)};
      case h5::link_type::external: return {name, entry::kind::external_link, {}, {}, {}};
      default: break;
    }
    if (auto d = group.try_open_dataset(name))
      return {name, entry::kind::dataset, sizes(d->extent()), h5::to_string(d->info()), {}};
    if (auto g = group.try_open_group(name)) return {name, entry::kind::group, {}, detail::title_of(*g), {}};
    return {name, entry::kind::group, {}, "named datatype", {}};
  }

  std::string name_;
  bool writable_;
  save_options options_;
  h5::handle handle_;
  detail::row_buffers rows_;
  unsigned staged_ = 0;  // names the staging groups of saves
};

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
