#pragma once
// What every codec receives besides the value: the options, the file name and the HDF5 path of the
// node being processed (for errors), and per-save HDF5 objects created once instead of per node.
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../error.hpp"
#include "../h5/group.hpp"
#include "../h5/links.hpp"
#include "../h5/vlen_bytes.hpp"
#include "../options.hpp"
#include "deepdish.hpp"

namespace dd::detail {

class context {
 public:
  explicit context(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }

  [[noreturn]] void fail(std::string message) const { throw dd::error(file_, path_, std::move(message)); }

  // Appends "/name" to the current path for the lifetime of the returned scope. If the scope ends by
  // an exception the path stays, so the handler at the api boundary still knows where it happened.
  class [[nodiscard]] scope {
   public:
    scope(context& c, std::size_t len) : c_(c), len_(len), exceptions_(std::uncaught_exceptions()) {}
    ~scope() {
      if (std::uncaught_exceptions() == exceptions_) c_.path_.resize(len_);
    }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

   private:
    context& c_;
    std::size_t len_;
    int exceptions_;
  };
  // Appends "/name" for good: walking down a path given by the user.
  void descend(std::string_view name) {
    path_ += '/';
    path_ += name;
  }
  void truncate(std::size_t length) { path_.resize(length); }
  scope enter(std::string_view name) {
    const auto len = path_.size();
    path_ += '/';
    path_ += name;
    return scope(*this, len);
  }

 private:
  std::string file_;
  std::string path_;
};

class save_context : public context {
 public:
  save_context(std::string file, const save_options& opts)
      : context(std::move(file)), options(opts), props(opts.format == file_format::earliest) {}
  int depth = 0;  // how deep save_node is nested (dd::max_nesting)
  const save_options& options;
  h5::creation_properties props;
  // Objects already written in this save (shared_ptr targets), by address -> their HDF5 path, so a
  // second reference becomes a soft link to the first.
  std::unordered_map<const void*, std::string> saved_objects;
  std::optional<dd::compression> compression_override;  // set by a dd::compressed<T> for its subtree (compression.hpp)

  // A value written in a staging group before it is moved into place (dd::file::save): the HDF5 path
  // it will have, for the soft links that point into it.
  std::string staging_path, final_path;
  std::string path_of(const h5::group& parent, std::string_view name) const {
    auto path = h5::member_path(parent, name);
    if (!staging_path.empty() && path.starts_with(staging_path)) path.replace(0, staging_path.size(), final_path);
    return path;
  }
};

class load_context : public context {
 public:
  load_context(std::string file, const load_options& opts) : context(std::move(file)), options(opts) {}
  const load_options& options;
  // Objects already loaded in this load, by the identity of the HDF5 object (file number and address)
  // and the C++ type, so two links to one node load as one shared object.
  std::unordered_map<std::string, std::shared_ptr<void>> loaded_objects;
  // How deep load_node is nested: soft links can make a file cyclic, and a recursive C++ type would
  // follow such a cycle until the stack overflows.
  int depth = 0;
  // Problems recorded instead of thrown, so one load reports all of them (see load_options).
  std::vector<problem> problems;

  // Runs f; a dd::error it throws is recorded instead, and the path restored, so loading goes on
  // with the next member.
  template <class F>
  void collecting(F&& f) {
    const auto saved = path().size();
    try {
      f();
    } catch (const dd::error& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    } catch (const h5::failure& e) {
      problems.push_back({path(), e.what()});
    }
    truncate(saved);
  }
  void record(std::string message) { problems.push_back({path(), std::move(message)}); }
  // The collected problems as one dd::error, if there are any.
  void throw_problems() const {
    if (!problems.empty()) throw dd::error(file(), problems);
  }
};

// A shape as C++ sees it (std::size_t extents): its number of elements, and its text "(3, 4)".
inline std::size_t element_count(const std::vector<std::size_t>& extents) {
  std::size_t n = 1;
  for (auto e : extents) n *= e;
  return n;
}

inline std::string shape_text(const std::vector<std::size_t>& extents) {
  return h5::to_string(h5::shape{false, std::vector<hsize_t>(extents.begin(), extents.end())});
}

// deepdish's type tag of a group ("list:3", "nonetype:"), or "" if it has none.
inline std::string title_of(const h5::group& group) {
  const auto a = group.try_open_attribute(deepdish::title_attribute);
  if (!a) return {};
  return a->info().kind == h5::type_kind::string ? a->read_string() : std::string();
}

// "an attribute of float64", "a dataset of int32 (3, 4)", "a group titled list:2", "nothing": what a
// loader found at parent/name when it was not what the C++ type needs.
inline std::string found_at(const h5::group& parent, std::string_view name) {
  if (parent.has_attribute(name)) {
    const auto a = parent.open_attribute(name);
    const auto ext = a.extent();
    return "an attribute of " + h5::to_string(a.info()) + (ext.dims.empty() ? "" : " " + h5::to_string(ext));
  }
  switch (parent.kind(name)) {
    case h5::node_kind::missing: return "nothing";
    case h5::node_kind::dangling_link: return h5::broken_link(parent, name);
    case h5::node_kind::other: return "a named datatype";
    case h5::node_kind::dataset: {
      const auto d = parent.open_dataset(name);
      if (h5::is_variable_bytes(d))
        return "a pickled Python object (deepdish's fallback for values it cannot store natively; dd cannot "
               "unpickle it, but loads its bytes as dd::pickled)";
      return "a dataset of " + h5::to_string(d.info()) + " " + h5::to_string(d.extent());
    }
    case h5::node_kind::group: {
      const auto title = title_of(parent.open_group(name));
      return title.empty() ? "a group" : "a group titled " + title;
    }
  }
  return "nothing";
}

// Before allocating memory for `elements` values of `element_size` bytes read from src: refuses,
// naming load_options::max_bytes, when that is more than max_bytes and the file does not hold the
// data (storage never written, or compressed past dd::max_expansion); a declared size that does not
// even fit in memory is refused whatever the file holds.
inline void require_backed(const load_context& ctx, const h5::data& src, std::uint64_t elements,
                           std::size_t element_size) {
  if (element_size != 0 && elements > std::numeric_limits<std::size_t>::max() / element_size)
    ctx.fail("the stored shape " + h5::to_string(src.extent()) + " has more elements than memory can hold");
  const auto bytes = elements * element_size;
  if (bytes <= ctx.options.max_bytes) return;
  const auto stored = src.storage_bytes();
  const auto declared = src.full_extent().elements() * src.info().size;
  if (stored != 0 && declared / stored <= max_expansion) return;
  ctx.fail("the file declares " + std::to_string(bytes) + " bytes of data (shape " + h5::to_string(src.full_extent()) +
           ") but holds only " + std::to_string(stored) + " bytes of it; load_options::max_bytes (" +
           std::to_string(ctx.options.max_bytes) + ") limits what dd allocates for data the file does not back");
}

[[noreturn]] inline void fail_expected(const context& ctx, const h5::group& parent, std::string_view name,
                                       const std::string& expected) {
  const auto found = found_at(parent, name);
  if (found == "nothing") ctx.fail("not found (expected " + expected + ")");
  ctx.fail("expected " + expected + ", found " + found);
}

// The attribute or dataset called name: where scalars, strings and arrays live. Attributes are
// looked at first or last depending on which the writer most likely used.
inline std::optional<h5::data> find_data(const h5::group& parent, std::string_view name, bool attribute_first) {
  if (attribute_first)
    if (auto a = parent.try_open_attribute(name)) return a;
  if (auto d = parent.try_open_dataset(name)) return d;
  if (!attribute_first)
    if (auto a = parent.try_open_attribute(name)) return a;
  return std::nullopt;
}

}  // namespace dd::detail
