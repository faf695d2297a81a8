#pragma once
// std::string: a scalar variable-length UTF-8 attribute (deepdish and h5py load it as str). A string
// that is not valid UTF-8 is stored with the ASCII character set instead, so Python sees bytes rather
// than failing to decode the whole file; either way the bytes round-trip exactly. HDF5 strings end at
// a NUL byte, so a string containing one is refused rather than silently cut.
// Loading accepts every HDF5 string flavour: fixed or variable length, ASCII or UTF-8, attribute or
// scalar dataset, and the NULL dataspace deepdish writes for ''.
#include <string>
#include <string_view>
#include <type_traits>

#include "context.hpp"

namespace dd::detail {

template <class T>
concept string_like = std::is_same_v<T, std::string>;

constexpr bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (len > 1) {  // reject overlong forms, surrogates and code points past U+10FFFF
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((len == 2 && c < 0xC2) || (len == 3 && c == 0xE0 && c1 < 0xA0) || (len == 3 && c == 0xED && c1 >= 0xA0) ||
          (len == 4 && c == 0xF0 && c1 < 0x90) || (len == 4 && (c > 0xF4 || (c == 0xF4 && c1 >= 0x90))))
        return false;
    }
    i += len;
  }
  return true;
}

struct string_codec {
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const std::string& value) {
    if (const auto nul = value.find('\0'); nul != std::string::npos)
      ctx.fail("the string contains a NUL byte at offset " + std::to_string(nul) +
               ", where HDF5 strings end; store binary data as std::vector<std::uint8_t>");
    parent.write_string_attribute(name, value, valid_utf8(value), ctx.lists);
  }

  static void load(load_context& ctx, const h5::group& parent, std::string_view name, std::string& value) {
    const auto src = find_data(parent, name, true);
    if (!src) fail_expected(ctx, parent, name, "string");
    const auto info = src->info();
    if (info.kind != h5::type_kind::string) fail_expected(ctx, parent, name, "string");
    const auto ext = src->extent();
    if (!ext.null && ext.elements() != 1) ctx.fail("expected one string, found shape " + h5::to_string(ext));
    value = src->read_string();
  }
};

}  // namespace dd::detail
