#pragma once
// Flat records: aggregates whose members are numbers, bool, std::complex, fixed blocks of numbers
// (std::array / C arrays, nested) or flat records again. They have an HDF5 compound type, so a
// contiguous range of them is one table written and read with one HDF5 call (codec/table.hpp).
//   memory type: the members at their real offsets in the C++ object (taken from a live object's
//                field addresses), so HDF5 reads and writes the range's own memory;
//   file type:   the same members, little-endian, packed (no compiler padding in the file).
// bool is h5py's enum bool {FALSE, TRUE} (numpy dtype bool); std::complex is {r, i} like h5py's.
#include <complex>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../h5/compound.hpp"
#include "../reflect/fields.hpp"
#include "classify.hpp"
#include "context.hpp"

namespace dd::detail {

// The member name of field I in the compound type: the field's name, or what dd::codec<T>'s rename
// list says; empty for a field its skip list names (it is not stored).
template <class T, std::size_t I>
constexpr std::string_view member_name() {
  return stored_name<T>(reflect::field_names<T>[I]);
}

// Byte offsets of T's fields, from the addresses of a live object's fields (offsetof is not usable
// for structured-binding reflection, and this is what the compiler really laid out).
template <class T>
std::vector<std::size_t> field_offsets() {
  const T sample{};
  const auto* base = reinterpret_cast<const unsigned char*>(&sample);
  std::vector<std::size_t> offsets;
  reflect::for_each_field(sample, [&](std::string_view, const auto& field) {
    offsets.push_back(static_cast<std::size_t>(reinterpret_cast<const unsigned char*>(&field) - base));
  });
  return offsets;
}

// The HDF5 type of member type F, for memory (native) or for the file (little-endian, unpacked;
// the caller packs the outermost compound).
template <class F>
h5::handle stored_type(bool file) {
  if constexpr (std::is_same_v<F, bool>) {
    return h5::enum_bool_type();
  } else if constexpr (is_complex<F>) {  // {r, i}, as h5py writes numpy's complex
    using part = typename F::value_type;
    auto t = h5::compound_type(sizeof(F));
    const auto p = stored_type<part>(file);
    h5::add_member(t, "r", 0, p.id());
    h5::add_member(t, "i", sizeof(part), p.id());
    return t;
  } else if constexpr (h5::number<F> || std::is_enum_v<F>) {
    return h5::copy_type(file ? h5::file_type<F>() : h5::memory_type<F>());
  } else if constexpr (block<F>::numeric) {
    const auto& extents = block<F>::extents;
    const auto base = stored_type<typename block<F>::number>(file);
    return h5::array_type(base.id(), std::vector<hsize_t>(extents.begin(), extents.end()));
  } else {
    auto t = h5::compound_type(sizeof(F));
    const auto offsets = field_offsets<F>();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto add = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
        if constexpr (!member_name<F, K>().empty())
          h5::add_member(t, std::string(member_name<F, K>()), offsets[K],
                         stored_type<reflect::field_type<F, K>>(file).id());
      };
      (add(std::integral_constant<std::size_t, I>{}), ...);
    }
    (std::make_index_sequence<reflect::field_count<F>>{});
    return t;
  }
}

// The packed little-endian file type of a record.
template <class T>
h5::handle record_file_type() {
  auto t = stored_type<T>(true);
  h5::pack(t);
  return t;
}

// Building the memory type to read a file's compound into a record: members are matched by name
// (any order; extra file members are ignored), and each conversion is checked to preserve values.
struct record_reader {
  const load_context& ctx;
  std::vector<std::string> missing;  // "pos.x": members the file lacks
  std::vector<std::string> unknown;  // members the C++ type lacks (collected under unknown_members::error)
  struct bool_run {                  // bools read raw from the file: checked for 0/1 after the read
    std::string path;
    std::size_t offset, count;
  };
  std::vector<bool_run> bools;

  [[noreturn]] void mismatch(const std::string& path, const std::string& expected, hid_t found) const {
    ctx.fail("member '" + path + "': expected " + expected + ", found " + type_text(found));
  }

  static std::string type_text(hid_t t) {
    if (h5::is_array_type(t)) {
      const auto base = h5::array_base(t);
      return type_text(base.id()) + " " + h5::to_string(h5::shape{false, h5::array_dims(t)});
    }
    if (h5::is_compound_type(t)) {
      std::string s = "compound {";
      const auto names = h5::member_names(t);
      for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
      return s + "}";
    }
    return h5::to_string(h5::type_info_of(t));
  }

  template <class F>
  static std::string expected_name() {
    if constexpr (is_complex<F>)
      return "complex {r, i} of " + h5::type_name<typename F::value_type>();
    else if constexpr (h5::number<F>)
      return h5::type_name<F>();
    else if constexpr (std::is_enum_v<F>)
      return "an enum";
    else if constexpr (block<F>::numeric) {
      const auto& e = block<F>::extents;
      return expected_name<typename block<F>::number>() + " " +
             h5::to_string(h5::shape{false, std::vector<hsize_t>(e.begin(), e.end())});
    } else
      return "a compound (struct)";
  }

  // The memory type for member F (at byte `offset` of the outermost record) read from file type `found`.
  template <class F>
  h5::handle memory_type(hid_t found, const std::string& path, std::size_t offset) {
    if constexpr (std::is_same_v<F, bool>) {
      bools.push_back({path, offset, 1});
      return bool_type(found, path);
    } else if constexpr (h5::number<F>) {
      const auto info = h5::type_info_of(found);
      const bool numeric = info.kind == h5::type_kind::signed_integer || info.kind == h5::type_kind::unsigned_integer ||
                           info.kind == h5::type_kind::floating;
      if (!numeric) mismatch(path, h5::type_name<F>(), found);
      if (info.kind == h5::type_kind::floating && !std::is_floating_point_v<F> && !ctx.options.allow_lossy_conversions)
        ctx.fail("member '" + path + "': expected " + h5::type_name<F>() + ", found " + h5::to_string(info) +
                 " (a lossy conversion; load_options::allow_lossy_conversions converts anyway)");
      return h5::copy_type(h5::memory_type<F>());
    } else if constexpr (is_complex<F>) {  // {r, i} (h5py) or {real, imag}, matched by name
      if (!h5::is_compound_type(found)) mismatch(path, expected_name<F>(), found);
      using part = typename F::value_type;
      const bool short_names = h5::find_member(found, "r") && h5::find_member(found, "i");
      const std::string names[] = {short_names ? "r" : "real", short_names ? "i" : "imag"};
      auto t = h5::compound_type(sizeof(F));
      for (std::size_t k = 0; k < 2; ++k) {
        const auto member = h5::find_member(found, names[k]);
        if (!member) mismatch(path, expected_name<F>(), found);
        h5::add_member(t, names[k], k * sizeof(part), memory_type<part>(member->id(), path, offset).id());
      }
      return t;
    } else if constexpr (std::is_enum_v<F>) {  // HDF5 maps enums by name; an unknown value stops the read
      if (!h5::is_enum_type(found)) mismatch(path, expected_name<F>(), found);
      return h5::copy_type(h5::memory_type<F>());
    } else if constexpr (block<F>::numeric) {
      const auto& e = block<F>::extents;
      const std::vector<hsize_t> dims(e.begin(), e.end());
      if (!h5::is_array_type(found) || h5::array_dims(found) != dims) mismatch(path, expected_name<F>(), found);
      using number = typename block<F>::number;
      const auto base = h5::array_base(found);
      if constexpr (std::is_same_v<number, bool>) {
        bools.push_back({path, offset, sizeof(F) / sizeof(bool)});
        return h5::array_type(bool_type(base.id(), path).id(), dims);
      } else {
        return h5::array_type(memory_type<number>(base.id(), path, offset).id(), dims);
      }
    } else {
      if (!h5::is_compound_type(found)) mismatch(path, expected_name<F>(), found);
      auto t = h5::compound_type(sizeof(F));
      const auto offsets = field_offsets<F>();
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto add = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
          if constexpr (!member_name<F, K>().empty())
            add_field<reflect::field_type<F, K>>(t, found, path, member_name<F, K>(), offsets[K], offset);
        };
        (add(std::integral_constant<std::size_t, I>{}), ...);
      }
      (std::make_index_sequence<reflect::field_count<F>>{});
      if (ctx.options.unknown == unknown_members::error) {
        for (const auto& name : h5::member_names(found)) {
          bool known = false;
          for (std::string_view field : reflect::field_names<F>) known = known || stored_name<F>(field) == name;
          if (!known) unknown.push_back(path.empty() ? name : path + "." + name);
        }
      }
      return t;
    }
  }

  h5::handle bool_type(hid_t found, const std::string& path) const {
    if (h5::type_info_of(found).kind != h5::type_kind::boolean) mismatch(path, "bool", found);
    return h5::is_bitfield_type(found) ? h5::copy_type(h5::memory_type<bool>()) : h5::enum_bool_type();
  }

  template <class F>
  void add_field(h5::handle& t, hid_t found, const std::string& parent_path, std::string_view name,
                 std::size_t field_offset, std::size_t record_offset) {
    const std::string field_name(name);
    const std::string path = parent_path.empty() ? field_name : parent_path + "." + field_name;
    const auto member = h5::find_member(found, field_name);
    if (!member) {
      missing.push_back(path);
      return;
    }
    h5::add_member(t, field_name, field_offset, memory_type<F>(member->id(), path, record_offset + field_offset).id());
  }
};

}  // namespace dd::detail
