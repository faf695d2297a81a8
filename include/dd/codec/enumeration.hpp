#pragma once
// Enums, scoped or not: one value is stored as its enumerator's name, a UTF-8 string attribute
// ("gmres"), which deepdish and h5py read as str. A value without a name (flags, or a name outside
// dd::enum_range<E>) is stored as its integer, an attribute of the underlying type, so it still
// round-trips.
// Ranges of enums (std::vector<E>, std::array<E, N>, nested) are ranges of numbers: one
// dataset of an HDF5 enum type over the underlying integer (h5py's enum_dtype: numpy sees the
// integers, h5py.check_enum_dtype the names; PyTables and deepdish the integers), written from the
// range's own memory; values without a name are stored as they are.
// Loading accepts, for one value or each element: a name, an integer (any value that fits the
// underlying type), or an HDF5 enum (mapped by name when the name is one of E's, else by value).
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../h5/attributes.hpp"
#include "../h5/enum.hpp"
#include "../h5/strings.hpp"
#include "../h5/type.hpp"
#include "../reflect/enum_names.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "number.hpp"

namespace dd::detail {

// The integer type an enum is stored as: its underlying type (bool-based enums as uint8).
template <class E>
using enum_integer =
    std::conditional_t<std::is_same_v<std::underlying_type_t<E>, bool>, std::uint8_t, std::underlying_type_t<E>>;

template <class E>
std::string enum_choices() {
  std::string s;
  for (const auto& e : reflect::enum_entries<E>()) s += (s.empty() ? "" : ", ") + std::string(e.name);
  return s.empty() ? "the enum has no names in its dd::enum_range" : "one of " + s;
}

template <class E>
E enum_from_name(const load_context& ctx, const std::string& name, std::size_t index, std::size_t n) {
  if (const auto v = reflect::enum_value<E>(name)) return *v;
  ctx.fail("'" + name + "'" + (n > 1 ? " at index " + std::to_string(index) : "") + " is not an enumerator name (" +
           enum_choices<E>() + ")");
}

template <class E>
E enum_from_integer(const load_context& ctx, h5::int128 v, std::size_t index, std::size_t n) {
  using U = enum_integer<E>;
  if (v < static_cast<h5::int128>(std::numeric_limits<U>::min()) ||
      v > static_cast<h5::int128>(std::numeric_limits<U>::max())) {
    // v came from an integer of at most 64 bits
    const auto text =
        v < 0 ? std::to_string(static_cast<long long>(v)) : std::to_string(static_cast<unsigned long long>(v));
    ctx.fail("value " + text + (n > 1 ? " at index " + std::to_string(index) : "") + " does not fit the enum's " +
             h5::type_name<U>());
  }
  return static_cast<E>(static_cast<U>(v));
}

// An HDF5 enum written by someone else: each stored value maps to E by its name in the file if E
// has that name, otherwise by its integer value.
template <class E>
void read_foreign_enums(const load_context& ctx, const h5::data& src, E* out, std::size_t n) {
  const hid_t file_type = src.type_id();
  std::map<h5::int128, E> by_name;            // the file's value of each of E's names -> E's value
  std::map<h5::int128, std::string> unknown;  // the file's other names, by value
  for (const auto& m : h5::enum_members(file_type)) {
    if (const auto v = reflect::enum_value<E>(m.name))
      by_name.emplace(m.value, *v);
    else
      unknown.emplace(m.value, m.name);
  }
  const auto memory = h5::native_type(file_type);
  const auto base = h5::enum_base(memory.id());
  const std::size_t size = h5::type_size(memory.id());
  std::vector<unsigned char> raw(n * size);
  src.read(memory.id(), raw.data());
  for (std::size_t k = 0; k < n; ++k) {
    const auto v = h5::decode_integer(base.id(), raw.data() + k * size);
    if (const auto it = by_name.find(v); it != by_name.end()) {
      out[k] = it->second;
      continue;
    }
    out[k] = enum_from_integer<E>(ctx, v, k, n);
    // By value, unless that value means something else in C++: a silent mix-up of two names.
    if (const auto other = unknown.find(v); other != unknown.end() && !reflect::enum_name(out[k]).empty())
      ctx.fail("'" + other->second + "'" + (n > 1 ? " at index " + std::to_string(k) : "") +
               " is not an enumerator name (" + enum_choices<E>() + "), and its value is '" +
               std::string(reflect::enum_name(out[k])) + "' in C++");
  }
}

template <class E>
requires std::is_enum_v<E>
void read_enums(const load_context& ctx, const h5::data& src, E* out, std::size_t n) {
  using h5::type_kind;
  const auto from = src.info();
  switch (from.kind) {
    case type_kind::string: {
      const auto names = n == 1 ? std::vector<std::string>{src.read_string()} : h5::read_strings(src);
      for (std::size_t k = 0; k < n; ++k) out[k] = enum_from_name<E>(ctx, names[k], k, n);
      return;
    }
    case type_kind::enumeration: {
      const hid_t file_type = src.type_id();
      if (h5::same_type(file_type, h5::file_type<E>())) return src.read(h5::memory_type<E>(), out);  // dd's own
      return read_foreign_enums(ctx, src, out, n);
    }
    case type_kind::signed_integer:
    case type_kind::unsigned_integer:
    case type_kind::boolean: {
      std::vector<h5::int128> values(n);
      if (from.kind == type_kind::unsigned_integer) {
        std::vector<unsigned long long> wide(n);
        read_numbers(ctx, src, wide.data(), n);
        for (std::size_t k = 0; k < n; ++k) values[k] = wide[k];
      } else if (from.kind == type_kind::boolean) {
        std::vector<std::uint8_t> bytes(n);
        src.read_bool_bytes(bytes.data());
        for (std::size_t k = 0; k < n; ++k) values[k] = bytes[k] != 0;
      } else {
        std::vector<long long> wide(n);
        read_numbers(ctx, src, wide.data(), n);
        for (std::size_t k = 0; k < n; ++k) values[k] = wide[k];
      }
      for (std::size_t k = 0; k < n; ++k) out[k] = enum_from_integer<E>(ctx, values[k], k, n);
      return;
    }
    default: ctx.fail("expected an enumerator name or an integer, found " + h5::to_string(from));
  }
}

template <>
struct mapping<family::enumeration> {
  template <class E>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const E& value) {
    if (const auto text = reflect::enum_name(value); !text.empty()) {
      h5::write_string_attribute(parent.id(), name, std::string(text), ctx.props);
    } else {
      const auto raw = static_cast<enum_integer<E>>(value);
      h5::write_attribute(parent.id(), name, h5::file_type<enum_integer<E>>(), h5::memory_type<enum_integer<E>>(), &raw,
                          ctx.props);
    }
  }

  template <class E>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, E& value) {
    const auto src = find_data(parent, name, true);
    if (!src) fail_expected(ctx, parent, name, "an enumerator name");
    const auto ext = src->extent();
    if (ext.null || ext.elements() != 1)
      ctx.fail("expected one enumerator name or integer, found " + h5::to_string(src->info()) + " of shape " +
               h5::to_string(ext));
    read_enums(ctx, *src, &value, 1);
  }
};

}  // namespace dd::detail

namespace dd::h5 {

// The HDF5 enum type of E: its named values (within dd::enum_range<E>) over the underlying integer.
// An enum without names is stored as the plain integer (HDF5 enum types need at least one member).
template <class E>
requires dd::detail::enumeration<E>
struct datatype<E> {
  using integer = dd::detail::enum_integer<E>;
  static handle make(hid_t base) {
    std::vector<enum_member> members;
    for (const auto& e : reflect::enum_entries<E>())
      members.push_back({std::string(e.name), static_cast<int128>(static_cast<integer>(e.value))});
    return enum_type(base, members);
  }
  static hid_t memory() {
    if constexpr (reflect::enum_entries<E>().empty())
      return memory_type<integer>();
    else {
      return made_per_call([] { return make(memory_type<integer>()); });
    }
  }
  static hid_t file() {
    if constexpr (reflect::enum_entries<E>().empty())
      return file_type<integer>();
    else {
      return made_per_call([] { return make(file_type<integer>()); });
    }
  }
  static std::string name() { return "enum of " + type_name<integer>(); }
};

}  // namespace dd::h5
