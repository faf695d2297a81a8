#pragma once
// dd::file: an open HDF5 file for programs that save and load many objects, read parts of big
// files, or grow datasets by appending.
//
//   dd::file f("run.h5", dd::mode::read_write);
//   f.save("/epoch/3", state);                    // replaces whatever was at /epoch/3
//   auto s = f.load<State>("/epoch/3");
//   f.append("/losses", 0.25);                    // grows a chunked dataset, buffered
//   auto last = f.load<std::vector<double>>("/losses", dd::rows(90, 10));
//
// Unlike dd::save, changes are made in place: a failed f.save can leave a half-written node (the
// rest of the file stays valid). Removing nodes does not shrink the file (HDF5 does not reuse the
// space; h5repack does).
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <vector>

#include "codec/classify.hpp"
#include "codec/deepdish.hpp"
#include "error.hpp"
#include "h5/extend.hpp"
#include "h5/file.hpp"
#include "h5/links.hpp"
#include "load.hpp"
#include "options.hpp"
#include "save.hpp"
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

class file {
 public:
  explicit file(const std::filesystem::path& path, mode m = mode::read, save_options options = {})
      : name_(path.string()), writable_(m != mode::read), options_(options) {
    h5::quiet_errors quiet;
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    try {
      if (m == mode::create || (m == mode::read_write && !exists)) {
        handle_ = h5::create_file(name_, false);
        detail::save_context ctx(name_, options_);
        detail::write_version(ctx, h5::group::open_root(handle_.id()));
      } else {
        handle_ = detail::open_for_load(path, writable_);
      }
    } catch (const h5::failure& e) {
      throw error(name_, "/", std::string("cannot open the file: ") + e.what());
    }
  }
  file(file&&) noexcept = default;
  file& operator=(file&&) noexcept = default;
  // Writes pending appends. Errors cannot be reported from a destructor: call close() to see them.
  ~file() {
    try {
      close();
    } catch (...) {
    }
  }

  void close() {
    if (!handle_) return;
    flush();
    pending_.clear();  // their datasets must close before the file
    last_ = nullptr;
    h5::quiet_errors quiet;
    try {
      h5::close_file(handle_);
    } catch (const h5::failure& e) {
      throw error(name_, "/", e.what());
    }
  }

  // Writes pending appends and asks HDF5 to write its caches to disk.
  void flush() {
    h5::quiet_errors quiet;
    for (auto& [path, rows] : pending_) write_rows(path, rows);
    if (writable_ && handle_) guard("/", [&] { h5::flush_file(handle_); });
  }

  // Saves value at path, replacing whatever was there (a size or type change is fine). Missing
  // groups on the way are created. path "/" replaces the members of the root with a struct's or map's.
  template <class T>
  void save(std::string_view path, const T& value) {
    require_writable(path);
    flush();
    h5::quiet_errors quiet;
    detail::save_context ctx(name_, options_);
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      auto root = h5::group::open_root(handle_.id());
      if (parts.empty()) {
        if constexpr (detail::group_like<T>) {
          clear(root);
          detail::save_members(ctx, root, value);
        } else {
          ctx.fail("only a struct or map can be saved as the root group '/'");
        }
        return;
      }
      auto parent = walk(ctx, std::move(root), parts, true);
      if (parent.has_attribute(parts.back())) parent.remove_attribute(parts.back());
      if (parent.has_link(parts.back())) parent.remove(parts.back());
      detail::save_node(ctx, parent, parts.back(), value);
    });
  }

  template <class T>
  void load(std::string_view path, T& out, const load_options& options = {}) {
    flush();
    h5::quiet_errors quiet;
    detail::load_context ctx(name_, options);
    detail::run_load(ctx, [&] { detail::load_at(ctx, h5::group::open_root(handle_.id()), path, out); });
  }
  template <class T>
  T load(std::string_view path, const load_options& options = {}) {
    T value{};
    load(path, value, options);
    return value;
  }

  // Part of an array or table (see selection.hpp).
  template <detail::sliceable T>
  void load(std::string_view path, const selection& part, T& out, const load_options& options = {}) {
    flush();
    h5::quiet_errors quiet;
    detail::load_context ctx(name_, options);
    detail::run_load(ctx,
                     [&] { detail::load_selection(ctx, h5::group::open_root(handle_.id()), path, part, out); });
  }
  template <detail::sliceable T>
  T load(std::string_view path, const selection& part, const load_options& options = {}) {
    T value{};
    load(path, part, value, options);
    return value;
  }

  // Is there a group, dataset, attribute or link at path?
  bool contains(std::string_view path) {
    flush();
    h5::quiet_errors quiet;
    detail::context ctx(name_);
    bool found = false;
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      if (parts.empty()) {
        found = true;
        return;
      }
      auto group = h5::group::open_root(handle_.id());
      for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        auto next = group.try_open_group(parts[i]);
        if (!next) return;
        group = std::move(*next);
      }
      found = group.has_attribute(parts.back()) || group.has_link(parts.back());
    });
    return found;
  }

  // Removes the node at path (with everything below it); an error if there is none.
  void remove(std::string_view path) {
    require_writable(path);
    flush();
    h5::quiet_errors quiet;
    detail::context ctx(name_);
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      if (parts.empty()) ctx.fail("the root group cannot be removed");
      auto parent = walk(ctx, h5::group::open_root(handle_.id()), parts, false);
      ctx.descend(parts.back());
      if (parent.has_attribute(parts.back())) parent.remove_attribute(parts.back());
      else if (parent.has_link(parts.back())) parent.remove(parts.back());
      else ctx.fail("not found: nothing to remove");
      if (const auto it = pending_.find(std::string(path)); it != pending_.end()) forget(it);
    });
  }

  // The members of the group at path: child links (groups, datasets, links) and attributes, each
  // sorted by name, deepdish/PyTables bookkeeping attributes left out.
  std::vector<entry> list(std::string_view path = "/") {
    flush();
    h5::quiet_errors quiet;
    detail::context ctx(name_);
    std::vector<entry> out;
    guard(ctx, [&] {
      auto parts = detail::split_path(ctx, path);
      auto group = h5::group::open_root(handle_.id());
      for (auto part : parts) {
        auto next = group.try_open_group(part);
        ctx.descend(part);
        if (!next) detail::fail_expected(ctx, group, part, "a group");
        group = std::move(*next);
      }
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
    require_writable(path);
    if constexpr (appendable_row<Row>) {
      append_bytes<Row>(path, &row, 1);
    } else if constexpr (std::ranges::contiguous_range<Row> && std::ranges::sized_range<Row> &&
                         appendable_row<std::remove_cv_t<std::ranges::range_value_t<Row>>>) {
      append_bytes<std::remove_cv_t<std::ranges::range_value_t<Row>>>(path, std::ranges::data(row),
                                                                      std::ranges::size(row));
    } else {
      static_assert(detail::always_false<Row>, "dd: file::append takes a number, a fixed block of numbers "
                                               "(std::array, nested), a flat struct, or a contiguous range of those");
    }
  }

 private:
  template <class Row>
  static constexpr bool appendable_row = detail::block<Row>::numeric || detail::flat_record<Row>;

  struct pending_rows {
    h5::data dataset;
    h5::handle memory_type;
    std::size_t row_bytes;
    const std::type_info* row_type;  // later appends to the same path must use the same C++ row type
    std::vector<std::byte> bytes;
  };
  static constexpr std::size_t append_buffer_bytes = std::size_t{1} << 20;
  static constexpr std::size_t append_chunk_bytes = std::size_t{64} << 10;

  template <class F>
  void guard(detail::context& ctx, F&& body) {
    try {
      body();
    } catch (const h5::failure& e) {
      throw error(name_, ctx.path(), e.what());
    }
  }
  template <class F>
  void guard(std::string_view path, F&& body) {
    detail::context ctx(name_);
    ctx.descend(path.starts_with('/') ? path.substr(1) : path);
    guard(ctx, std::forward<F>(body));
  }

  void require_writable(std::string_view path) const {
    if (!writable_) throw error(name_, std::string(path), "the file is open read-only (dd::mode::read)");
  }

  // The group holding the last part of the path; missing groups are created if `create`.
  h5::group walk(detail::context& ctx, h5::group group, const std::vector<std::string_view>& parts, bool create) {
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      auto next = group.try_open_group(parts[i]);
      if (!next && create && !group.has_link(parts[i]) && !group.has_attribute(parts[i])) {
        h5::creation_lists lists;
        next = group.create_group(parts[i], lists);
      }
      ctx.descend(parts[i]);
      if (!next) detail::fail_expected(ctx, group, parts[i], "a group");
      group = std::move(*next);
    }
    return group;
  }

  static void clear(const h5::group& group) {
    for (const auto& name : group.link_names()) group.remove(name);
    for (const auto& name : group.attribute_names())
      if (!detail::deepdish::is_bookkeeping(name)) group.remove_attribute(name);
  }

  static std::vector<std::size_t> sizes(const h5::shape& s) { return {s.dims.begin(), s.dims.end()}; }

  static entry describe_link(const h5::group& group, const std::string& name) {
    switch (h5::type_of_link(group, name)) {
      case h5::link_type::soft: return {name, entry::kind::soft_link, {}, {}, h5::soft_link_target(group, name)};
      case h5::link_type::external: return {name, entry::kind::external_link, {}, {}, {}};
      default: break;
    }
    if (auto d = group.try_open_dataset(name)) return {name, entry::kind::dataset, sizes(d->extent()), h5::to_string(d->info()), {}};
    if (auto g = group.try_open_group(name)) return {name, entry::kind::group, {}, detail::title_of(*g), {}};
    return {name, entry::kind::group, {}, "named datatype", {}};
  }

  template <class Element>
  void append_bytes(std::string_view path, const void* rows, std::size_t count) {
    // The same path as the last append (the loop case) skips the lookup: appending one value must
    // cost little more than copying it.
    pending_rows* p = last_ && last_path_ == path && last_->row_type == &typeid(Element) ? last_ : nullptr;
    if (!p) p = &pending_for<Element>(path);
    const auto* first = static_cast<const std::byte*>(rows);
    p->bytes.insert(p->bytes.end(), first, first + count * sizeof(Element));
    if (p->bytes.size() >= append_buffer_bytes) write_rows(last_path_, *p);
  }

  template <class Element>
  pending_rows& pending_for(std::string_view path) {
    const std::string key(path);
    auto it = pending_.find(key);
    if (it != pending_.end() && *it->second.row_type != typeid(Element)) {  // re-check against the dataset
      write_rows(key, it->second);
      forget(it);
      it = pending_.end();
    }
    if (it == pending_.end()) {
      it = pending_.emplace(key, open_for_append<Element>(path)).first;
      it->second.bytes.reserve(append_buffer_bytes + sizeof(Element));
    }
    last_ = &it->second;
    last_path_ = key;
    return it->second;
  }

  void forget(std::map<std::string, pending_rows>::iterator it) {
    if (last_ == &it->second) last_ = nullptr;
    pending_.erase(it);
  }

  // The file type, memory type, row shape and description of a row type.
  template <class Element>
  static auto row_format() {
    struct format {
      h5::handle file, memory;
      std::vector<hsize_t> row;
      std::string text;
    };
    if constexpr (detail::flat_record<Element>) {
      return format{detail::record_file_type<Element>(), detail::stored_type<Element>(false), {},
                    detail::table_codec::expected<std::vector<Element>>()};
    } else {
      using B = detail::block<Element>;
      using number = typename B::number;
      return format{h5::copy_type(h5::file_type<number>()), h5::copy_type(h5::memory_type<number>()),
                    std::vector<hsize_t>(B::extents.begin(), B::extents.end()), h5::type_name<number>()};
    }
  }

  template <class Element>
  pending_rows open_for_append(std::string_view path) {
    h5::quiet_errors quiet;
    detail::save_context ctx(name_, options_);
    std::optional<pending_rows> result;
    guard(ctx, [&] {
      const auto parts = detail::split_path(ctx, path);
      if (parts.empty()) ctx.fail("append needs the path of a dataset");
      auto parent = walk(ctx, h5::group::open_root(handle_.id()), parts, true);
      const auto scope = ctx.enter(parts.back());
      auto format = row_format<Element>();
      if (auto existing = parent.try_open_dataset(parts.back())) {
        const auto ext = existing->extent();
        if (!h5::extendible(*existing))
          ctx.fail("cannot append: the dataset is not extendible (it was written whole, e.g. by save)");
        if (!h5::same_type(existing->type().id(), format.file.id()))
          ctx.fail("cannot append " + format.text + " rows to a dataset of " + h5::to_string(existing->info()));
        if (ext.dims.size() != 1 + format.row.size() ||
            !std::equal(format.row.begin(), format.row.end(), ext.dims.begin() + 1))
          ctx.fail("cannot append rows of shape " + h5::to_string(h5::shape{false, format.row}) +
                   " to a dataset of shape " + h5::to_string(ext));
        result = pending_rows{std::move(*existing), std::move(format.memory), sizeof(Element), &typeid(Element), {}};
        return;
      }
      if (parent.has_link(parts.back()) || parent.has_attribute(parts.back()))
        detail::fail_expected(ctx, parent, parts.back(), "a dataset to append to");
      const hsize_t chunk_rows = std::max<std::size_t>(1, append_chunk_bytes / sizeof(Element));
      // The save options' compression applies whatever the size: an appended dataset grows.
      const auto chunk = h5::extendible_chunk(format.row, chunk_rows);
      std::size_t per_row = 1;
      for (auto d : format.row) per_row *= std::max<hsize_t>(1, d);
      const auto filtered =
          detail::storage_for(ctx, options_.compression, 0, chunk, std::max<std::size_t>(1, sizeof(Element) / per_row));
      result = pending_rows{h5::create_extendible(parent, parts.back(), format.file.id(), format.row, chunk_rows,
                                                  ctx.lists, filtered ? filtered.id() : H5I_INVALID_HID),
                            std::move(format.memory), sizeof(Element), &typeid(Element), {}};
    });
    return std::move(*result);
  }

  void write_rows(const std::string& path, pending_rows& p) {
    if (p.bytes.empty()) return;
    guard(path, [&] { h5::append_rows(p.dataset, p.memory_type.id(), p.bytes.data(), p.bytes.size() / p.row_bytes); });
    p.bytes.clear();
  }

  std::string name_;
  bool writable_;
  save_options options_;
  h5::handle handle_;
  std::map<std::string, pending_rows> pending_;
  pending_rows* last_ = nullptr;  // the pending rows of the last append, at last_path_
  std::string last_path_;
};

}  // namespace dd
