#pragma once
// Strings: a scalar variable-length UTF-8 attribute (deepdish and h5py load it as str). A string
// that is not valid UTF-8 is stored with the ASCII character set instead, so Python sees bytes rather
// than failing to decode the whole file; either way the bytes round-trip exactly. HDF5 strings end at
// a NUL byte, so a string containing one is refused rather than silently cut.
// Loading accepts every HDF5 string flavour: fixed or variable length, ASCII or UTF-8, attribute or
// scalar dataset, and the NULL dataspace deepdish writes for ''.
// The same holds for std::filesystem::path (its native string), std::u8string, and the wide strings
// std::u16string / std::u32string / std::wstring, which are transcoded to UTF-8 and back. The
// string_view types are saved the same way; loading into a view is a compile-time error (it would
// point into freed memory).
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>

#include "../h5/attributes.hpp"
#include "classify.hpp"
#include "context.hpp"

namespace dd::detail {

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

namespace text_detail {

// Appends code point c as UTF-8.
inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The text as UTF-8 bytes (or, for char strings and paths, as the bytes they hold). "" and false if
// a wide string is not valid UTF-16 / UTF-32.
template <class T>
bool to_utf8(const T& value, std::string& out) {
  using C = typename text_traits<T>::char_type;
  if constexpr (std::is_same_v<T, std::filesystem::path>) {
    if constexpr (std::is_same_v<C, char>)
      out = value.native();
    else
      return text_detail::to_utf8(value.u8string(), out);
  } else if constexpr (sizeof(C) == 1) {
    out.assign(reinterpret_cast<const char*>(value.data()), value.size());
  } else if constexpr (sizeof(C) == 2) {  // UTF-16
    for (std::size_t i = 0; i < value.size(); ++i) {
      char32_t c = static_cast<char16_t>(value[i]);
      if (c >= 0xD800 && c < 0xDC00 && i + 1 < value.size() && value[i + 1] >= 0xDC00 && value[i + 1] < 0xE000)
        c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<char16_t>(value[++i]) - 0xDC00);
      else if (c >= 0xD800 && c < 0xE000)
        return false;  // an unpaired surrogate
      append_utf8(out, c);
    }
  } else {  // UTF-32
    for (auto ch : value) {
      const auto c = static_cast<char32_t>(ch);
      if (c > 0x10FFFF || (c >= 0xD800 && c < 0xE000)) return false;
      append_utf8(out, c);
    }
  }
  return true;
}

// Valid UTF-8 decoded into UTF-16 or UTF-32 code units.
template <class C>
std::basic_string<C> from_utf8(std::string_view s) {
  std::basic_string<C> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (sizeof(C) == 2 && c >= 0x10000) {
      out += static_cast<C>(0xD800 + ((c - 0x10000) >> 10));
      out += static_cast<C>(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out += static_cast<C>(c);
    }
  }
  return out;
}

}  // namespace text_detail

template <>
struct mapping<family::string> {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    std::string text;
    if (!text_detail::to_utf8(value, text))
      ctx.fail(std::string("the string is not valid ") +
               (sizeof(typename text_traits<T>::char_type) == 2 ? "UTF-16" : "UTF-32") +
               " (an unpaired surrogate or a code point past U+10FFFF), so it has no UTF-8 form");
    if (const auto nul = text.find('\0'); nul != std::string::npos)
      ctx.fail("the string contains a NUL byte at offset " + std::to_string(nul) +
               ", where HDF5 strings end; store binary data as std::vector<std::uint8_t>");
    h5::write_string_attribute(parent.id(), name, text, ctx.props, valid_utf8(text));
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    if constexpr (text_traits<T>::view) {
      static_assert(!text_traits<T>::view,
                    "dd: a string_view cannot be loaded (it would point into memory freed "
                    "after the load); load a std::string and view that");
    } else {
      load_text(ctx, parent, name, value);
    }
  }

 private:
  template <class T>
  static void load_text(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    using C = typename text_traits<T>::char_type;
    const auto src = find_data(parent, name, true);
    if (!src) fail_expected(ctx, parent, name, "string");
    const auto info = src->info();
    if (info.kind != h5::type_kind::string) fail_expected(ctx, parent, name, "string");
    if (!src->one_fixed_string()) {
      const auto ext = src->extent();
      if (!ext.null && ext.elements() != 1) ctx.fail("expected one string, found shape " + h5::to_string(ext));
      require_backed(ctx, *src, 1, info.size);
    }
    auto text = src->read_string();
    if constexpr (std::is_same_v<T, std::string>) {
      value = std::move(text);
    } else if constexpr (std::is_same_v<T, std::filesystem::path>) {
      if constexpr (std::is_same_v<C, char>)
        value = std::filesystem::path(std::move(text));
      else
        value = std::filesystem::path(std::u8string(text.begin(), text.end()));
    } else if constexpr (sizeof(C) == 1) {
      value.assign(text.begin(), text.end());
    } else {
      if (!valid_utf8(text))
        ctx.fail("the stored string is not valid UTF-8, so it has no UTF-" + std::to_string(sizeof(C) * 8) + " form");
      value = text_detail::from_utf8<C>(text);
    }
  }
};

}  // namespace dd::detail
