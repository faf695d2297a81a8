#pragma once
// Numbers (arithmetic types and std::byte; bool is a number here): a scalar attribute of the parent
// group, little-endian, at the C++ type's width (bool as PyTables' B8 bitfield). Loading also accepts a
// scalar or one-element dataset (h5py style). Character types are integers of their width and
// signedness, so std::vector<char> is a byte dataset (strings are std::string); std::byte is uint8.
// long double keeps its full width (numpy longdouble, float128 on x86-64) and round-trips exactly.
//
// Reading numbers of whatever type the file holds into a C++ number type, without silent loss.
//   - same type, or a conversion that can never change a value (int32 -> int64, float32 -> float64,
//     int16 -> float32): HDF5 converts while reading straight into the destination;
//   - integers into a narrower integer type: read wide, then every value is checked (42 from an
//     int64 fits an int8; 300 does not);
//   - into floating point: allowed while the value is in range (Python has only float64, so a C++
//     float member must accept 0.1); overflow to infinity is an error;
//   - floating point into an integer, anything into bool except 0/1: errors.
// load_options::allow_lossy_conversions turns the errors into clamping conversions.
// The same rules apply to the parts of std::complex (codec/complex.hpp). Enums read by name or value
// (codec/enumeration.hpp). std::byte reads as uint8; plain char, whose signedness differs between
// platforms, takes any 8-bit integer as the same byte.
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../h5/attributes.hpp"
#include "../h5/data.hpp"
#include "classify.hpp"
#include "context.hpp"

namespace dd::detail {

using h5::int128;  // exact intermediate results of 64-bit arithmetic (chrono, enums)

template <class T>
std::string number_to_string(T v) {
  if constexpr (std::is_same_v<T, long double>) {  // beyond double's range
    std::string s(48, '\0');
    s.resize(static_cast<std::size_t>(std::snprintf(s.data(), s.size(), "%.18Lg", v)));
    return s;
  } else if constexpr (std::is_floating_point_v<T>) {
    std::string s(32, '\0');
    s.resize(static_cast<std::size_t>(std::snprintf(s.data(), s.size(), "%.17g", static_cast<double>(v))));
    return s;
  } else {
    return std::to_string(v);
  }
}

// Can every value of the file type be represented exactly in T?
template <class T>
bool always_preserved(const h5::type_info& from) {
  using h5::type_kind;
  if constexpr (std::is_same_v<T, bool>) {
    return false;
  } else if constexpr (std::is_floating_point_v<T>) {
    if (from.kind == type_kind::floating) return from.size <= sizeof(T);
    const int bits = static_cast<int>(from.size * 8) - (from.kind == type_kind::signed_integer ? 1 : 0);
    return (from.kind == type_kind::signed_integer || from.kind == type_kind::unsigned_integer) &&
           bits <= std::numeric_limits<T>::digits;
  } else if constexpr (std::is_signed_v<T>) {
    return (from.kind == type_kind::signed_integer && from.size <= sizeof(T)) ||
           (from.kind == type_kind::unsigned_integer && from.size < sizeof(T));
  } else {
    return from.kind == type_kind::unsigned_integer && from.size <= sizeof(T);
  }
}

template <class T, class Wide>
bool fits(Wide v) {
  if constexpr (std::is_floating_point_v<T>) {
    if constexpr (std::is_floating_point_v<Wide>) {
      return !std::isfinite(v) || std::fabs(v) <= static_cast<Wide>(std::numeric_limits<T>::max());
    } else {
      return true;  // every 64-bit integer is within float's range
    }
  } else if constexpr (std::is_floating_point_v<Wide>) {
    return false;  // floating point into an integer: only under allow_lossy_conversions
  } else if constexpr (std::is_same_v<T, bool>) {
    return v == 0 || v == 1;
  } else {
    return std::in_range<T>(v);
  }
}

template <class T, class Wide>
T clamp_to(Wide v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v != 0;
  } else if constexpr (std::is_floating_point_v<Wide> && !std::is_floating_point_v<T>) {
    if (std::isnan(v)) return T{};
    if (v <= static_cast<Wide>(std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
    if (v >= static_cast<Wide>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    if constexpr (std::is_floating_point_v<Wide>) {  // clamp finite values past the range; inf and NaN stay
      if (std::isfinite(v) && v > static_cast<Wide>(std::numeric_limits<T>::max()))
        return std::numeric_limits<T>::max();
      if (std::isfinite(v) && v < static_cast<Wide>(std::numeric_limits<T>::lowest()))
        return std::numeric_limits<T>::lowest();
    }
    return static_cast<T>(v);
  } else {
    if (std::cmp_less(v, std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
    if (std::cmp_greater(v, std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(v);
  }
}

template <class T, class Wide>
void read_checked(const load_context& ctx, const h5::data& src, hid_t wide_type, T* out, std::size_t n) {
  std::vector<Wide> wide(n);
  src.read(wide_type, wide.data());
  for (std::size_t i = 0; i < n; ++i) {
    if (!fits<T>(wide[i]) && !ctx.options.allow_lossy_conversions) {
      ctx.fail("value " + number_to_string(wide[i]) + (n > 1 ? " at index " + std::to_string(i) : "") +
               " does not fit " + h5::type_name<T>() + " (found " + h5::to_string(src.info()) +
               "; load_options::allow_lossy_conversions converts anyway)");
    }
    out[i] = clamp_to<T>(wide[i]);
  }
}

template <class F>
void read_complex(const load_context& ctx, const h5::data& src, std::complex<F>* out, std::size_t n);  // complex.hpp
template <class E>
requires std::is_enum_v<E>
void read_enums(const load_context& ctx, const h5::data& src, E* out, std::size_t n);  // enumeration.hpp

template <class T>
void read_arithmetic(const load_context& ctx, const h5::data& src, T* out, std::size_t n) {
  using h5::type_kind;
  const auto& from = src.info();
  auto found = [&] { return h5::to_string(from); };  // only for messages: a string per value costs
  const bool numeric = from.kind == type_kind::signed_integer || from.kind == type_kind::unsigned_integer ||
                       from.kind == type_kind::floating || from.kind == type_kind::boolean;
  if (!numeric) ctx.fail("expected " + h5::type_name<T>() + ", found " + found());

  if (from.kind == type_kind::boolean) {  // B8 bitfield or h5py's enum bool: one byte, 0 or 1
    if constexpr (!std::is_same_v<T, bool>)
      ctx.fail("expected " + h5::type_name<T>() + ", found bool");
    else {
      std::vector<std::uint8_t> raw(n);
      src.read_bool_bytes(raw.data());
      for (std::size_t i = 0; i < n; ++i) out[i] = raw[i] != 0;
      return;
    }
  }
  if (from.kind == type_kind::floating && !std::is_floating_point_v<T> && !ctx.options.allow_lossy_conversions)
    ctx.fail("expected " + h5::type_name<T>() + ", found " + found() +
             " (a lossy conversion; load_options::allow_lossy_conversions converts anyway)");
  if (always_preserved<T>(from)) return src.read(h5::memory_type<T>(), out);
  if (from.kind == type_kind::floating) {
    if (from.size > sizeof(double))  // long double: HDF5 would turn a value beyond double's range into inf
      return read_checked<T, long double>(ctx, src, h5::memory_type<long double>(), out, n);
    return read_checked<T, double>(ctx, src, h5::memory_type<double>(), out, n);
  }
  if (from.kind == type_kind::signed_integer)
    return read_checked<T, std::int64_t>(ctx, src, h5::memory_type<std::int64_t>(), out, n);
  return read_checked<T, std::uint64_t>(ctx, src, h5::memory_type<std::uint64_t>(), out, n);
}

// Characters are read as the integer type of the same width and signedness.
template <character C>
void read_characters(const load_context& ctx, const h5::data& src, C* out, std::size_t n) {
  using integer = std::conditional_t<std::is_signed_v<C>, std::make_signed_t<C>, std::make_unsigned_t<C>>;
  if constexpr (std::is_same_v<C, char>) {  // int8 or uint8: the same bytes, whichever the platform's char is
    const auto from = src.info();
    if (from.size == 1 && (from.kind == h5::type_kind::signed_integer || from.kind == h5::type_kind::unsigned_integer))
      return src.read(from.kind == h5::type_kind::signed_integer ? h5::memory_type<signed char>()
                                                                 : h5::memory_type<unsigned char>(),
                      out);
  }
  read_arithmetic(ctx, src, reinterpret_cast<integer*>(out), n);
}

// Reads all n numbers of src into out, converting as described at the top of this file.
template <class T>
void read_numbers(const load_context& ctx, const h5::data& src, T* out, std::size_t n) {
  if constexpr (std::is_same_v<T, std::byte>)
    read_arithmetic(ctx, src, reinterpret_cast<unsigned char*>(out), n);
  else if constexpr (character<T>)
    read_characters(ctx, src, out, n);
  else if constexpr (is_complex<T>)
    read_complex(ctx, src, out, n);
  else if constexpr (std::is_enum_v<T>)
    read_enums(ctx, src, out, n);
  else
    read_arithmetic(ctx, src, out, n);
}

template <>
struct mapping<family::number> {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    h5::write_attribute(parent.id(), name, h5::file_type<T>(), h5::memory_type<T>(), &value, ctx.props);
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    const auto src = find_data(parent, name, true);
    if (!src) fail_expected(ctx, parent, name, h5::type_name<T>());
    if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && !character<T> && sizeof(T) <= 8) {
      // the file type of an integer, float or double has the size of T (long double's may not)
      if (src->holds_one(h5::file_type<T>(), sizeof(T))) return src->read(h5::memory_type<T>(), &value);
    } else if constexpr (std::is_same_v<T, bool>) {  // dd's B8 bitfield: read as a byte (any nonzero is true)
      if (src->holds_one(h5::file_type<bool>(), 1)) {
        std::uint8_t byte = 0;
        src->read(h5::memory_type<bool>(), &byte);
        value = byte != 0;
        return;
      }
    }
    const auto ext = src->extent();
    if (ext.null || ext.elements() != 1)
      ctx.fail("expected one " + h5::type_name<T>() + ", found " + h5::to_string(src->info()) + " of shape " +
               h5::to_string(ext));
    read_numbers(ctx, *src, &value, 1);
  }
};

}  // namespace dd::detail
