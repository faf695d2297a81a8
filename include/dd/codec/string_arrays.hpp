#pragma once
// Reading an array of strings from whatever form a writer chose: HDF5 string datasets or attributes
// (variable or fixed length, any padding or character set; deepdish's `S` arrays are these plus
// strtype=b'ascii'), deepdish's `U` arrays, and deepdish's zero-size arrays.
//
// A deepdish `U<n>` array is a uint8 dataset of the numpy array's raw UTF-32LE bytes, its last
// dimension multiplied by 4n, with attributes strtype=b'unicode' and itemsize=n. deepdish recognises it
// only when strtype compares equal to b'unicode', i.e. when PyTables reads strtype as bytes: an ASCII
// string. A UTF-8 strtype (minimal_nonpytables.h5:/data/i4) is raw uint8 data for deepdish, and so
// for dd. Each element is n code units padded with NULs, which numpy (and dd) strip.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../h5/strings.hpp"
#include "context.hpp"
#include "number.hpp"

namespace dd::detail {

struct string_array {
  std::vector<std::string> values;  // row-major
  h5::shape shape;
};

// The one integer in attribute `name` of src.
inline std::int64_t integer_attribute(const load_context& ctx, const h5::data& src, const char* name) {
  const auto attribute = src.open_attribute(name);
  if (attribute.extent().elements() != 1 || attribute.extent().null) ctx.fail(std::string(name) + " must be one integer");
  std::int64_t value = 0;
  read_numbers(ctx, attribute, &value, 1);
  return value;
}

inline bool is_deepdish_unicode(const h5::data& src) {
  if (!src.has_attribute("strtype")) return false;
  const auto strtype = src.open_attribute("strtype");
  const auto info = strtype.info();
  return info.kind == h5::type_kind::string && !info.utf8 && strtype.extent().elements() == 1 &&
         strtype.read_string() == "unicode";
}

inline string_array read_deepdish_unicode(const load_context& ctx, const h5::data& src) {
  const auto itemsize = integer_attribute(ctx, src, "itemsize");
  auto shape = src.extent();
  if (itemsize <= 0 || shape.null || shape.dims.empty())
    ctx.fail("a deepdish unicode array needs itemsize > 0 and at least one dimension, found itemsize " +
             std::to_string(itemsize) + " and shape " + h5::to_string(shape));
  const auto units = static_cast<std::size_t>(itemsize);
  const auto bytes_per_string = 4 * units;
  if (shape.dims.back() % bytes_per_string != 0)
    ctx.fail("a deepdish unicode array's last dimension must be a multiple of 4 * itemsize = " +
             std::to_string(bytes_per_string) + ", found " + h5::to_string(shape));
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(shape.elements()));
  if (!bytes.empty()) src.read(H5T_NATIVE_UINT8, bytes.data());
  shape.dims.back() /= bytes_per_string;

  string_array out{{}, shape};
  out.values.reserve(bytes.size() / bytes_per_string);
  for (std::size_t start = 0; start < bytes.size(); start += bytes_per_string) {
    std::size_t used = units;  // numpy drops trailing NUL code units
    auto unit = [&](std::size_t k) {
      const auto* b = bytes.data() + start + 4 * k;
      return static_cast<char32_t>(b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t{b[3]} << 24));
    };
    while (used > 0 && unit(used - 1) == 0) --used;
    std::string s;
    auto append_utf8 = [&s](char32_t c) {
      if (c < 0x80) return s.push_back(static_cast<char>(c));
      constexpr unsigned lead[] = {0, 0xC0, 0xE0, 0xF0};  // the first byte of a 2-, 3-, 4-byte form
      const int tail = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
      s.push_back(static_cast<char>(lead[tail] | (c >> (6 * tail))));
      for (int k = tail - 1; k >= 0; --k) s.push_back(static_cast<char>(0x80 | ((c >> (6 * k)) & 0x3F)));
    };
    for (std::size_t k = 0; k < used; ++k) {
      const char32_t c = unit(k);
      if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        ctx.fail("string " + std::to_string(out.values.size()) + " of a deepdish unicode array holds " +
                 std::to_string(static_cast<std::uint32_t>(c)) + ", which is not a Unicode code point");
      append_utf8(c);
    }
    out.values.push_back(std::move(s));
  }
  return out;
}

// deepdish writes a zero-size array as the int64 vector of its shape plus zeroarray_dtype.
inline h5::shape zero_size_shape(const load_context& ctx, const h5::data& src) {
  const auto ext = src.extent();
  if (ext.null || ext.dims.size() != 1) ctx.fail("a zeroarray_dtype dataset must hold a 1-D shape, found " + h5::to_string(ext));
  std::vector<std::int64_t> dims(static_cast<std::size_t>(ext.dims[0]));
  if (!dims.empty()) read_numbers(ctx, src, dims.data(), dims.size());
  h5::shape shape;
  for (auto d : dims) {
    if (d < 0) ctx.fail("a zeroarray_dtype dataset holds a negative dimension");
    shape.dims.push_back(static_cast<hsize_t>(d));
  }
  if (shape.elements() != 0) ctx.fail("a zeroarray_dtype dataset must describe an empty shape, found " + h5::to_string(shape));
  return shape;
}

// The strings stored in src with their shape, or nothing if src does not hold strings.
inline std::optional<string_array> read_string_array(const load_context& ctx, const h5::data& src) {
  if (src.has_attribute("zeroarray_dtype")) return string_array{{}, zero_size_shape(ctx, src)};
  const auto info = src.info();
  if (info.kind == h5::type_kind::string) return string_array{h5::read_strings(src), src.extent()};
  if (info.kind == h5::type_kind::unsigned_integer && info.size == 1 && is_deepdish_unicode(src))
    return read_deepdish_unicode(ctx, src);
  return std::nullopt;
}

}  // namespace dd::detail
