#pragma once
// The append engine of dd::file: rows (numbers, fixed blocks of numbers, flat structs) buffered per
// dataset and written in blocks of 1 MiB to a chunked dataset that grows along its first dimension.
// Appending to the same path as the last append skips every lookup, so appending one value costs
// little more than copying it; a dd::appender skips the path too.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "../codec/compression.hpp"
#include "../codec/dispatch.hpp"
#include "../codec/record.hpp"
#include "../error.hpp"
#include "../h5/extend.hpp"
#include "../options.hpp"
#include "path.hpp"

namespace dd::detail {

template <class Row>
concept appendable_row = block<Row>::numeric || flat_record<Row>;

// The file type, memory type, row shape (trailing dimensions) and description of a row type: what
// dd::file::append and dd::mpi write rows with.
template <class Element>
auto row_format() {
  struct format {
    h5::handle file, memory;
    std::vector<hsize_t> row;
    std::string text;
  };
  if constexpr (flat_record<Element>) {
    return format{record_file_type<Element>(),
                  stored_type<Element>(false),
                  {},
                  mapping<family::table>::expected<std::vector<Element>>()};
  } else {
    using B = block<Element>;
    using number = typename B::number;
    return format{h5::copy_type(h5::file_type<number>()), h5::copy_type(h5::memory_type<number>()),
                  std::vector<hsize_t>(B::extents.begin(), B::extents.end()), h5::type_name<number>()};
  }
}

// The rows buffered for one appended dataset, shared by the file (row_buffers) and the dd::appender
// handles of that path. A row is stored with its own type (not as bytes), so the compiler knows the
// store cannot change `next` and keeps it in a register across a loop of appends.
struct row_buffer {
  static constexpr std::size_t capacity = std::size_t{1} << 20;

  row_buffer(h5::data opened, h5::handle memory, std::size_t size, const std::type_info& type, std::string file_name,
             std::string node_path)
      : dataset(std::move(opened)),
        memory_type(std::move(memory)),
        row_bytes(size),
        row_type(&type),
        file(std::move(file_name)),
        path(std::move(node_path)) {}

  std::optional<h5::data> dataset;  // none once the file let go of it (removed, replaced, closed)
  h5::handle memory_type;
  std::size_t row_bytes;
  const std::type_info* row_type;  // later appends to the same path must use the same C++ row type
  std::string file, path;          // for errors
  std::unique_ptr<std::byte[]> bytes = std::make_unique_for_overwrite<std::byte[]>(capacity);
  std::byte* next = bytes.get();     // where the next row goes
  std::byte* end = next + capacity;  // next == end: full, or let go of

  std::size_t room() const { return static_cast<std::size_t>(end - next); }

  // The steady state: the caller checked room() >= sizeof(Row).
  template <class Row>
  void put(const Row& row) {
    if constexpr (alignof(Row) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      ::new (static_cast<void*>(next)) Row(row);  // aligned: every row in the buffer has this size
    else
      std::memcpy(next, &row, sizeof(Row));
    next += sizeof(Row);
  }

  // Copies the rows if they fit, with no HDF5 call. False: call add().
  template <class Row>
  bool take(const Row* rows, std::size_t count) {
    if (room() < count * sizeof(Row)) return false;
    if (count == 1) {
      put(*rows);
    } else if (count > 1) {
      std::memcpy(next, rows, count * sizeof(Row));
      next += count * sizeof(Row);
    }
    return true;
  }

  // Buffers `count` rows, writing the buffer first if they do not fit; rows that could never fit go
  // to the file at once.
  template <class Row>
  void add(const Row* rows, std::size_t count) {
    if (!dataset)
      throw error(file, path,
                  "cannot append: the dataset was removed or replaced, or the file closed, "
                  "after this appender was made");
    if (take(rows, count)) return;
    write();
    if (count * sizeof(Row) >= capacity)
      at([&] { h5::append_rows(*dataset, memory_type.id(), rows, count); });
    else
      take(rows, count);
  }

  // Writes the buffered rows to the dataset.
  void write() {
    const auto n = static_cast<std::size_t>(next - bytes.get());  // 0 once let go of
    if (n == 0) return;
    at([&] { h5::append_rows(*dataset, memory_type.id(), bytes.get(), n / row_bytes); });
    next = bytes.get();
  }

  // The file lets go: the dataset closes (before the file does), the buffer is freed, and appenders
  // still holding this buffer get an error at their next append.
  void close() {
    dataset.reset();
    bytes.reset();
    next = end = nullptr;
  }

 private:
  template <class F>
  void at(F&& body) {
    try {
      body();
    } catch (const h5::failure& e) {
      throw error(file, path, e.what());
    }
  }
};

// The row buffers of a file, one per appended path.
class row_buffers {
 public:
  explicit row_buffers(std::string file) : file_(std::move(file)) {}
  row_buffers(row_buffers&&) noexcept = default;
  row_buffers& operator=(row_buffers&&) noexcept = default;
  ~row_buffers() { clear(); }

  // The steady state of file::append: rows for the path of the last append that fit in its buffer
  // are copied there, with no HDF5 call (so the caller need not prepare any). False: call append().
  template <class Row>
  bool buffer(std::string_view path, const Row* rows, std::size_t count) {
    return last_ && last_->row_type == &typeid(Row) && last_path_ == path && last_->take(rows, count);
  }

  // Buffers `count` rows at path (created as an extendible dataset on first use, with the file's save
  // options): what buffer() could not take.
  template <class Row>
  void append(hid_t file, const save_options& options, std::string_view path, const Row* rows, std::size_t count) {
    buffer_for<Row>(file, options, path)->add(rows, count);
  }

  // The buffer of path, for a dd::appender.
  template <class Row>
  std::shared_ptr<row_buffer> attach(hid_t file, const save_options& options, std::string_view path) {
    return buffer_for<Row>(file, options, path);
  }

  // Writes every buffered row.
  void flush() {
    for (auto& [key, rows] : pending_) rows->write();
  }

  // Lets go of the datasets at or below path (removed or replaced), or of every dataset.
  void forget(std::string_view path) {
    const auto prefix = normal(path);
    for (auto it = pending_.begin(); it != pending_.end();) {
      const auto& key = it->first;
      if (prefix.empty() || key == prefix || (key.starts_with(prefix) && key[prefix.size()] == '/'))
        it = forget(it);
      else
        ++it;
    }
  }
  void clear() {
    for (auto& [key, rows] : pending_) rows->close();
    pending_.clear();
    last_ = nullptr;
  }

 private:
  using buffers = std::map<std::string, std::shared_ptr<row_buffer>>;

  // The path as the map knows it: "/a//b/" and "/a/./b" are the dataset "a/b".
  std::string normal(std::string_view path) const {
    std::string key;
    for (const auto part : split_path(context(file_), path)) {
      if (!key.empty()) key += '/';
      key += part;
    }
    return key;
  }

  template <class Row>
  const std::shared_ptr<row_buffer>& buffer_for(hid_t file, const save_options& options, std::string_view path) {
    auto key = normal(path);
    auto it = pending_.find(key);
    if (it != pending_.end() && *it->second->row_type != typeid(Row)) {  // re-check against the dataset
      it->second->write();
      forget(it);
      it = pending_.end();
    }
    if (it == pending_.end()) it = pending_.emplace(std::move(key), open<Row>(file, options, path)).first;
    last_ = it->second.get();
    last_path_ = path;
    return it->second;
  }

  buffers::iterator forget(buffers::iterator it) {
    if (last_ == it->second.get()) last_ = nullptr;
    it->second->close();
    return pending_.erase(it);
  }

  // The dataset at path, checked to take rows of Row, or a new one.
  template <class Row>
  std::shared_ptr<row_buffer> open(hid_t file, const save_options& options, std::string_view path) {
    save_context ctx(file_, options);
    try {
      const auto parts = split_path(ctx, path);
      if (parts.empty()) ctx.fail("append needs the path of a dataset");
      const auto parent = walk_to_parent(ctx, h5::group::open_root(file), parts, missing_group::create, &ctx.props);
      const auto scope = ctx.enter(parts.back());
      auto format = row_format<Row>();
      const auto made = [&](h5::data dataset) {
        return std::make_shared<row_buffer>(std::move(dataset), std::move(format.memory), sizeof(Row), typeid(Row),
                                            file_, ctx.path());
      };
      if (auto existing = h5::open_for_append(parent, parts.back())) {
        const auto ext = existing->extent();
        if (!h5::extendible(*existing))
          ctx.fail("cannot append: the dataset is not extendible (it was written whole, e.g. by save)");
        if (!h5::same_type(existing->type_id(), format.file.id()))
          ctx.fail("cannot append " + format.text + " rows to a dataset of " + h5::to_string(existing->info()));
        if (ext.dims.size() != 1 + format.row.size() ||
            !std::equal(format.row.begin(), format.row.end(), ext.dims.begin() + 1))
          ctx.fail("cannot append rows of shape " + h5::to_string(h5::shape{false, format.row}) +
                   " to a dataset of shape " + h5::to_string(ext));
        return made(std::move(*existing));
      }
      if (parent.has_link(parts.back()) || parent.has_attribute(parts.back()))
        fail_expected(ctx, parent, parts.back(), "a dataset to append to");
      const hsize_t chunk_rows = std::max<std::size_t>(1, chunk_bytes / sizeof(Row));
      // The save options' compression applies whatever the size: an appended dataset grows.
      const auto chunk = h5::extendible_chunk(format.row, chunk_rows);
      std::size_t per_row = 1;
      for (auto d : format.row) per_row *= std::max<hsize_t>(1, d);
      const auto filtered = storage_for(ctx, options.compression, 0, chunk,
                                        std::max<std::size_t>(1, sizeof(Row) / per_row), options.checksum);
      return made(
          h5::create_extendible(parent, parts.back(), format.file.id(), format.row, chunk_rows, ctx.props, filtered));
    } catch (const h5::failure& e) {
      throw error(file_, ctx.path(), e.what());
    }
  }

  static constexpr std::size_t chunk_bytes = std::size_t{256} << 10;

  std::string file_;
  buffers pending_;             // by normal path
  row_buffer* last_ = nullptr;  // the buffer of the last append, at last_path_ as spelled there
  std::string last_path_;
};

}  // namespace dd::detail
