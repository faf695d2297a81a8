#pragma once
// An attribute or a dataset: typed data with a shape. Codecs read both the same way, because deepdish
// stores scalars as attributes while h5py users often store them as scalar datasets.
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "handle.hpp"
#include "plugins.hpp"
#include "type.hpp"

namespace dd::h5 {

struct shape {
  bool null = false;          // NULL dataspace: no value at all (deepdish's '' attribute)
  std::vector<hsize_t> dims;  // empty = scalar

  hsize_t elements() const {
    if (null) return 0;
    hsize_t n = 1;
    for (auto d : dims) n *= d;
    return n;
  }
};

inline std::string to_string(const shape& s) {
  if (s.null) return "null";
  if (s.dims.empty()) return "scalar";
  std::string text = "(";
  for (std::size_t i = 0; i < s.dims.size(); ++i) text += (i ? ", " : "") + std::to_string(s.dims[i]);
  return text + (s.dims.size() == 1 ? ",)" : ")");
}

inline shape shape_of_space(hid_t space) {
  shape s;
  hsize_t dims[H5S_MAX_RANK];  // the rank and the dimensions in one call
  const int rank = check(H5Sget_simple_extent_dims(space, dims, nullptr), "get dimensions");
  if (rank == 0)  // scalar, or null (no element at all): only then ask which
    s.null = H5Sget_simple_extent_type(space) == H5S_NULL;
  s.dims.assign(dims, dims + rank);
  return s;
}

inline handle make_space(const std::vector<hsize_t>& dims) {
  if (dims.empty()) return handle(H5Screate(H5S_SCALAR), "create scalar dataspace");
  return handle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), "create dataspace");
}

// A box of a dataset: per dimension the first index, the number of elements and the step.
struct hyperslab {
  std::vector<hsize_t> offset, count, stride;
};

class data {
 public:
  data(handle h, bool is_attribute) : h_(std::move(h)), attribute_(is_attribute) {}

  // From now on extent(), read() and the readers built on them see only the box (a dataset's part).
  void select(const hyperslab& box) {
    file_space_ = handle(H5Dget_space(h_.id()), "get dataspace");
    check(H5Sselect_hyperslab(file_space_.id(), H5S_SELECT_SET, box.offset.data(),
                              box.stride.empty() ? nullptr : box.stride.data(), box.count.data(), nullptr),
          "select hyperslab");
    memory_space_ = make_space(box.count);
    selected_ = box.count;
  }

  bool is_attribute() const { return attribute_; }
  hid_t id() const { return h_.id(); }

  handle type() const { return handle(attribute_ ? H5Aget_type(h_.id()) : H5Dget_type(h_.id()), "get datatype"); }
  // The stored type, looked up once and kept while this object lives.
  hid_t type_id() const {
    if (!type_) type_ = type();
    return type_.id();
  }
  // Looked up once: a loader asks for the type and shape several times (checks, messages, reads).
  const type_info& info() const {
    if (!info_) info_ = type_info_of(type_id());
    return *info_;
  }
  shape extent() const {
    if (memory_space_) return shape{false, selected_};
    if (!extent_) {
      handle space(attribute_ ? H5Aget_space(h_.id()) : H5Dget_space(h_.id()), "get dataspace");
      extent_ = shape_of_space(space.id());
    }
    return *extent_;
  }
  // The dataspaces for H5Dread of the selected box, or H5S_ALL when nothing is selected.
  hid_t memory_space() const { return memory_space_ ? memory_space_.id() : all_space; }
  hid_t file_space() const { return memory_space_ ? file_space_.id() : all_space; }

  // Bytes the file really holds for it (allocated chunks or contiguous storage, compressed size; an
  // attribute's own size). What a loader may allocate without trusting a declared shape.
  std::uint64_t storage_bytes() const {
    if (!attribute_) return H5Dget_storage_size(h_.id());                    // grows with writes
    if (!attribute_bytes_) attribute_bytes_ = H5Aget_storage_size(h_.id());  // fixed when it was created
    return *attribute_bytes_;
  }

  // Does it hold exactly one element of the type `file_type` (the type dd writes, of `file_type_size`
  // bytes), nothing selected? Three HDF5 calls where the general checks (type, class, sign, shape)
  // take ten: the common case of a scalar attribute dd wrote itself. False tells nothing: the caller
  // then checks in full.
  bool holds_one(hid_t file_type, std::size_t file_type_size) const {
    if (memory_space_ || storage_bytes() != file_type_size) return false;
    return H5Tequal(type_id(), file_type) > 0;
  }

  // Is the stored type file_type, a type dd writes that `known` describes? One HDF5 call (a type
  // comparison) where describing the type takes three; info() is then `known`. False tells nothing.
  bool stored_as(hid_t file_type, const type_info& known) const {
    if (info_ || H5Tequal(type_id(), file_type) <= 0) return false;
    info_ = known;
    return true;
  }

  // Is it UTF-8 text (not ASCII)? Asked only where the character set decides (deepdish's strtype).
  bool utf8() const { return info().kind == type_kind::string && H5Tget_cset(type_id()) == H5T_CSET_UTF8; }

  // Is it an attribute of exactly one fixed-length string? One HDF5 call (the stored bytes: an
  // attribute stores all its elements, and nothing else) where its dataspace takes four. False
  // tells nothing.
  bool one_fixed_string() const {
    return attribute_ && info().kind == type_kind::string && !info().variable_string && info().size != 0 &&
           storage_bytes() == info().size;
  }

  // The whole dataset's shape, whatever is selected.
  shape full_extent() const {
    if (!memory_space_) return extent();
    handle space(attribute_ ? H5Aget_space(h_.id()) : H5Dget_space(h_.id()), "get dataspace");
    return shape_of_space(space.id());
  }

  // Reads everything (or the selected box) into buf, converting to mem_type (HDF5 converts between
  // numeric types).
  void read(hid_t mem_type, void* buf) const {
    if (attribute_) {
      check(H5Aread(h_.id(), mem_type, buf), "read attribute");
      return;
    }
    const hid_t memory = memory_space();
    const hid_t file = file_space();
    if (H5Dread(h_.id(), mem_type, memory, file, H5P_DEFAULT, buf) >= 0) return;
    // A filter plugin HDF5 could not find: name it (and the package), or retry once dd found it.
    const auto first_failure = take_error_stack();
    if (const auto problem = decoder_problem(h_.id()); !problem.empty()) throw failure(problem);
    if (H5Dread(h_.id(), mem_type, memory, file, H5P_DEFAULT, buf) < 0)
      throw failure("read dataset" + first_failure + take_error_stack());
  }

  void write(hid_t mem_type, const void* buf) const {
    if (attribute_)
      check(H5Awrite(h_.id(), mem_type, buf), "write attribute");
    else
      check(H5Dwrite(h_.id(), mem_type, all_space, all_space, H5P_DEFAULT, buf), "write dataset");
  }

  // Attributes of a dataset (deepdish marks special arrays with them).
  bool has_attribute(const char* name) const {
    return !attribute_ && check(H5Aexists(h_.id(), name), "check attribute") > 0;
  }
  data open_attribute(const char* name) const {
    return data(handle(H5Aopen(h_.id(), name, H5P_DEFAULT), "open attribute"), true);
  }

  // Booleans stored as a B8 bitfield (deepdish) or an enum {FALSE, TRUE} (h5py), as bytes 0/1.
  void read_bool_bytes(std::uint8_t* out) const {
    const hid_t t = type_id();
    read(H5Tget_class(t) == H5T_ENUM ? t : H5T_NATIVE_B8, out);
  }

  // The single string stored here (scalar or one element), whatever its HDF5 string flavour.
  std::string read_string() const {
    if (!one_fixed_string()) {
      const auto ext = extent();
      if (ext.null || ext.elements() == 0) return {};
      if (ext.elements() != 1) throw failure("expected one string, found " + std::to_string(ext.elements()));
    }
    const hid_t file_t = type_id();
    if (info().variable_string) {
      handle mem_t(H5Tcopy(file_t), "copy string type");
      char* text = nullptr;
      read(mem_t.id(), &text);
      std::string out = text ? text : "";
      if (attribute_)
        H5free_memory(text);
      else {
        handle space(H5Dget_space(h_.id()), "get dataspace");
        H5Dvlen_reclaim(mem_t.id(), space.id(), H5P_DEFAULT, &text);
      }
      return out;
    }
    const auto size = info().size;
    std::string out(size, '\0');
    read(file_t, out.data());
    // The padding decides only for text with a NUL or a trailing space (dd writes neither): ask then.
    if (out.find('\0') == std::string::npos && !out.ends_with(' ')) return out;
    const auto pad = H5Tget_strpad(file_t);
    const auto end = out.find_last_not_of(pad == H5T_STR_SPACEPAD ? ' ' : '\0');
    out.resize(end == std::string::npos ? 0 : end + 1);
    if (pad == H5T_STR_NULLTERM) out.resize(std::min(out.size(), out.find('\0')));
    return out;
  }

 private:
  handle h_;
  bool attribute_;
  handle file_space_, memory_space_;  // set by select()
  std::vector<hsize_t> selected_;
  mutable handle type_;
  mutable std::optional<type_info> info_;
  mutable std::optional<shape> extent_;
  mutable std::optional<std::uint64_t> attribute_bytes_;
};

}  // namespace dd::h5
