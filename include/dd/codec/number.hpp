#pragma once
// Reading numbers of whatever type the file holds into a C++ number type, without silent loss.
//   - same type, or a conversion that can never change a value (int32 -> int64, float32 -> float64,
//     int16 -> float32): HDF5 converts while reading straight into the destination;
//   - integers into a narrower integer type: read wide, then every value is checked (42 from an
//     int64 fits an int8; 300 does not);
//   - into floating point: allowed while the value is in range (Python has only float64, so a C++
//     float member must accept 0.1); overflow to infinity is an error;
//   - floating point into an integer, anything into bool except 0/1: errors.
// load_options::allow_lossy_conversions turns the errors into clamping conversions.
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../h5/data.hpp"
#include "context.hpp"

namespace dd::detail {

template <class T>
std::string number_to_string(T v) {
  if constexpr (std::is_floating_point_v<T>) {
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
    return static_cast<T>(v);
  } else {
    if (std::cmp_less(v, std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
    if (std::cmp_greater(v, std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(v);
  }
}

template <class T, class Wide>
void read_checked(const load_context& ctx, const h5::data& src, hid_t wide_type, const std::string& found, T* out,
                  std::size_t n) {
  std::vector<Wide> wide(n);
  src.read(wide_type, wide.data());
  for (std::size_t i = 0; i < n; ++i) {
    if (!fits<T>(wide[i]) && !ctx.options.allow_lossy_conversions) {
      ctx.fail("value " + number_to_string(wide[i]) + (n > 1 ? " at index " + std::to_string(i) : "") +
               " does not fit " + h5::type_name<T>() + " (found " + found +
               "; load_options::allow_lossy_conversions converts anyway)");
    }
    out[i] = clamp_to<T>(wide[i]);
  }
}

// Reads all n numbers of src into out, converting as described at the top of this file.
template <class T>
void read_numbers(const load_context& ctx, const h5::data& src, T* out, std::size_t n) {
  using h5::type_kind;
  const auto from = src.info();
  const auto found = h5::to_string(from);
  const bool numeric = from.kind == type_kind::signed_integer || from.kind == type_kind::unsigned_integer ||
                       from.kind == type_kind::floating || from.kind == type_kind::boolean;
  if (!numeric) ctx.fail("expected " + h5::type_name<T>() + ", found " + found);

  if (from.kind == type_kind::boolean) {  // B8 bitfield or h5py's enum bool: one byte, 0 or 1
    if constexpr (!std::is_same_v<T, bool>) ctx.fail("expected " + h5::type_name<T>() + ", found bool");
    else {
      std::vector<std::uint8_t> raw(n);
      src.read_bool_bytes(raw.data());
      for (std::size_t i = 0; i < n; ++i) out[i] = raw[i] != 0;
      return;
    }
  }
  if (from.kind == type_kind::floating && !std::is_floating_point_v<T> && !ctx.options.allow_lossy_conversions)
    ctx.fail("expected " + h5::type_name<T>() + ", found " + found +
             " (a lossy conversion; load_options::allow_lossy_conversions converts anyway)");

  if (always_preserved<T>(from)) return src.read(h5::memory_type<T>(), out);
  if (from.kind == type_kind::floating) return read_checked<T, double>(ctx, src, H5T_NATIVE_DOUBLE, found, out, n);
  if (from.kind == type_kind::signed_integer)
    return read_checked<T, std::int64_t>(ctx, src, H5T_NATIVE_INT64, found, out, n);
  return read_checked<T, std::uint64_t>(ctx, src, H5T_NATIVE_UINT64, found, out, n);
}

}  // namespace dd::detail
