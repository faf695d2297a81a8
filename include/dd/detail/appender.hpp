#pragma once
// The append engine of dd::file: rows (numbers, fixed blocks of numbers, flat structs) buffered per
// dataset and written in blocks of 1 MiB to a chunked dataset that grows along its first dimension.
// Appending to the same path as the last append skips every lookup, so appending one value costs
// little more than copying it.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <memory>
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

class appender {
 public:
  appender(std::string file, const save_options& options) : file_(std::move(file)), options_(options) {}

  // The steady state of appending: rows for the dataset of the last append that fit in its buffer
  // are copied there, with no HDF5 call (so the caller need not prepare any). False: call append().
  template <class Element>
  bool buffer(std::string_view path, const Element* rows, std::size_t count) {
    const auto n = count * sizeof(Element);
    if (!last_ || last_->row_type != &typeid(Element) || last_->used + n > buffer_bytes || last_path_ != path)
      return false;
    std::memcpy(last_->bytes.get() + last_->used, rows, n);
    last_->used += n;
    return true;
  }

  // Buffers `count` rows of type Element at path (created as an extendible dataset on first use);
  // rows that would not fit in the buffer go to the file at once. What buffer() could not take.
  template <class Element>
  void append(hid_t file, std::string_view path, const Element* rows, std::size_t count) {
    pending_rows* p = &pending_for<Element>(file, path);
    const auto n = count * sizeof(Element);
    if (p->used + n > buffer_bytes) write_rows(last_path_, *p);
    if (n >= buffer_bytes) {
      at(last_path_, [&](context&) { h5::append_rows(p->dataset, p->memory_type.id(), rows, count); });
      return;
    }
    std::memcpy(p->bytes.get() + p->used, rows, n);
    p->used += n;
  }

  // Writes every buffered row.
  void flush() {
    for (auto& [path, rows] : pending_) write_rows(path, rows);
  }

  // Forgets the dataset at path (removed from the file), or every dataset; their handles close.
  void forget(std::string_view path) {
    if (const auto it = pending_.find(std::string(path)); it != pending_.end()) forget(it);
  }
  void clear() {
    pending_.clear();
    last_ = nullptr;
  }

 private:
  struct pending_rows {
    h5::data dataset;
    h5::handle memory_type;
    std::size_t row_bytes;
    const std::type_info* row_type;  // later appends to the same path must use the same C++ row type
    std::unique_ptr<std::byte[]> bytes = std::make_unique_for_overwrite<std::byte[]>(buffer_bytes);
    std::size_t used = 0;  // bytes of rows buffered
  };
  static constexpr std::size_t buffer_bytes = std::size_t{1} << 20;
  static constexpr std::size_t chunk_bytes = std::size_t{64} << 10;

  template <class F>
  void at(std::string_view path, F&& body) {
    context ctx(file_);
    ctx.descend(path.starts_with('/') ? path.substr(1) : path);
    try {
      body(ctx);
    } catch (const h5::failure& e) {
      throw error(file_, ctx.path(), e.what());
    }
  }

  template <class Element>
  pending_rows& pending_for(hid_t file, std::string_view path) {
    const std::string key(path);
    auto it = pending_.find(key);
    if (it != pending_.end() && *it->second.row_type != typeid(Element)) {  // re-check against the dataset
      write_rows(key, it->second);
      forget(it);
      it = pending_.end();
    }
    if (it == pending_.end()) {
      it = pending_.emplace(key, open<Element>(file, path)).first;
    }
    last_ = &it->second;
    last_path_ = key;
    return it->second;
  }

  void forget(std::map<std::string, pending_rows>::iterator it) {
    if (last_ == &it->second) last_ = nullptr;
    pending_.erase(it);
  }

  // The dataset at path, checked to take rows of Element, or a new one.
  template <class Element>
  pending_rows open(hid_t file, std::string_view path) {
    save_context ctx(file_, options_);
    try {
      const auto parts = split_path(ctx, path);
      if (parts.empty()) ctx.fail("append needs the path of a dataset");
      const auto parent = walk_to_parent(ctx, h5::group::open_root(file), parts, missing_group::create, &ctx.props);
      const auto scope = ctx.enter(parts.back());
      auto format = row_format<Element>();
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
        return pending_rows{std::move(*existing), std::move(format.memory), sizeof(Element), &typeid(Element)};
      }
      if (parent.has_link(parts.back()) || parent.has_attribute(parts.back()))
        fail_expected(ctx, parent, parts.back(), "a dataset to append to");
      const hsize_t chunk_rows = std::max<std::size_t>(1, chunk_bytes / sizeof(Element));
      // The save options' compression applies whatever the size: an appended dataset grows.
      const auto chunk = h5::extendible_chunk(format.row, chunk_rows);
      std::size_t per_row = 1;
      for (auto d : format.row) per_row *= std::max<hsize_t>(1, d);
      const auto filtered = storage_for(ctx, options_.compression, 0, chunk,
                                        std::max<std::size_t>(1, sizeof(Element) / per_row), options_.checksum);
      return pending_rows{
          h5::create_extendible(parent, parts.back(), format.file.id(), format.row, chunk_rows, ctx.props, filtered),
          std::move(format.memory), sizeof(Element), &typeid(Element)};
    } catch (const h5::failure& e) {
      throw error(file_, ctx.path(), e.what());
    }
  }

  void write_rows(const std::string& path, pending_rows& p) {
    if (p.used == 0) return;
    at(path, [&](context&) { h5::append_rows(p.dataset, p.memory_type.id(), p.bytes.get(), p.used / p.row_bytes); });
    p.used = 0;
  }

  std::string file_;
  save_options options_;
  std::map<std::string, pending_rows> pending_;
  pending_rows* last_ = nullptr;  // the pending rows of the last append, at last_path_
  std::string last_path_;
};

}  // namespace dd::detail
