#pragma once
// Tables: a contiguous range of flat records (record.hpp), e.g. std::vector<Particle> with
// struct Particle { double x, y, z; float mass; std::int32_t id; }, is one 1-D compound dataset whose
// member names are the field names: h5py reads a numpy structured array. It is written from and read
// into the range's own memory with one HDF5 call (the memory compound type has the real offsets).
//
// Loading matches members by name, in any order; members the C++ type lacks are ignored, members the
// file lacks are an error naming them (load_options::missing / unknown change both, as for structs). HDF5 converts
// member types while reading when no value can change (int32 -> int64, float32 -> float64), and also narrows (int64 ->
// int8, float64 -> float32) while every value fits: the first value that does not stops the read with an error. float
// -> integer and number -> bool are errors. load_options::allow_lossy_conversions lets HDF5 clamp instead. A deepdish
// list of dicts (a group titled list:N) also loads, element by element. deepdish itself cannot load a compound dataset
// (PyTables makes it a Table; deepdish returns None).
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>

#include "../h5/compound.hpp"
#include "classify.hpp"
#include "compression.hpp"
#include "context.hpp"
#include "list.hpp"
#include "number_range.hpp"
#include "record.hpp"

namespace dd::detail {

template <>
struct mapping<family::table> {
  template <class R>
  using record_of = element_of<R>;

  template <class R>
  static std::string expected() {
    using T = record_of<R>;
    std::string s = "a compound dataset (table) of {";
    for (std::size_t i = 0; i < reflect::field_count<T>; ++i)
      if (const auto name = stored_name<T>(reflect::field_names<T>[i]); !name.empty())
        s += (s.empty() || s.back() == '{' ? "" : ", ") + std::string(name);
    return s + "}";
  }

  template <class R>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const R& range) {
    using T = record_of<R>;
    const auto memory = stored_type<T>(false);
    const auto file = record_file_type<T>();
    const std::vector<hsize_t> dims{std::ranges::size(range)};
    const auto storage = storage_for(ctx, dims, h5::type_size(file.id()));
    const auto dataset =
        parent.create_dataset(name, file.id(), dims, storage ? storage.id() : ctx.props.dataset_plain.id(), ctx.props);
    if (dims[0] != 0) dataset.write(memory.id(), std::ranges::data(range));
  }

  template <class R>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, R& range) {
    static_assert(!std::is_const_v<std::remove_reference_t<std::ranges::range_reference_t<R>>>,
                  "dd: cannot load into a range of const elements (std::span<const T>); load into a std::vector");
    const auto src = parent.try_open_dataset(name);
    if (!src) {
      if constexpr (growable<R> || fixed_size<R>() != dynamic_size) {
        if (const auto group = parent.try_open_group(name); group && is_list(*group))
          return load_list(ctx, *group, range);
      }
      fail_expected(ctx, parent, name, expected<R>());
    }
    if (!h5::is_compound_type(src->type_id())) fail_expected(ctx, parent, name, expected<R>());
    read_from(ctx, *src, range);
  }

  // Reads the compound dataset src (or its selected rows) into range.
  template <class R>
  static void read_from(load_context& ctx, const h5::data& src, R& range) {
    using T = record_of<R>;
    const hid_t file_type = src.type_id();
    if (!h5::is_compound_type(file_type))
      ctx.fail("expected " + expected<R>() + ", found " + h5::to_string(src.info()));
    const auto ext = src.extent();
    if (ext.null || ext.dims.size() != 1)
      ctx.fail("expected " + expected<R>() + " of shape (*,), found shape " + h5::to_string(ext));

    record_reader reader{ctx, {}, {}, {}};
    const auto memory = reader.memory_type<T>(file_type, "", 0);
    if (!reader.missing.empty() && ctx.options.missing == missing_members::error)
      ctx.fail("the table lacks member" + names(reader.missing) + " (found " + record_reader::type_text(file_type) +
               "; load_options::missing = keep_default keeps them)");
    if (!reader.unknown.empty())
      ctx.fail("the table has member" + names(reader.unknown) + " the C++ type lacks (load_options::unknown is error)");

    const auto rows = static_cast<std::size_t>(ext.dims[0]);
    require_backed(ctx, src, rows, sizeof(T));
    if (!hold_elements(range, rows))
      ctx.fail("expected " + std::to_string(std::ranges::size(range)) + " rows, found " + std::to_string(rows));
    if (rows == 0) return;
    auto* data = std::ranges::data(range);
    if (const auto overflow =
            h5::read_reporting_overflow(src, memory.id(), data, !ctx.options.allow_lossy_conversions)) {
      ctx.fail("a value does not fit its member: " + (overflow->value.empty() ? "" : overflow->value + " ") + "(" +
               overflow->from + ") into " + overflow->to +
               " (load_options::allow_lossy_conversions converts anyway, clamping)");
    }
    check_bools(ctx, reader, reinterpret_cast<unsigned char*>(data), sizeof(T), rows);
  }

 private:
  static std::string names(const std::vector<std::string>& list) {
    std::string s = list.size() > 1 ? "s " : " ";
    for (std::size_t i = 0; i < list.size(); ++i) s += (i ? ", '" : "'") + list[i] + "'";
    return s;
  }

  // A bool read raw from an HDF5 bitfield may hold any byte; only 0 and 1 are bools.
  static void check_bools(const load_context& ctx, const record_reader& reader, unsigned char* bytes,
                          std::size_t record_size, std::size_t rows) {
    for (const auto& run : reader.bools) {
      for (std::size_t row = 0; row < rows; ++row) {
        unsigned char* b = bytes + row * record_size + run.offset;
        for (std::size_t k = 0; k < run.count; ++k) {
          if (b[k] <= 1) continue;
          if (!ctx.options.allow_lossy_conversions)
            ctx.fail("member '" + run.path + "' of row " + std::to_string(row) + " holds " + std::to_string(b[k]) +
                     ", not a bool (0 or 1)");
          b[k] = 1;
        }
      }
    }
  }
};

}  // namespace dd::detail
