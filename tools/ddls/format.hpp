#pragma once
// How ddls spells things: datatypes in numpy's words (int32, float64, complex128), values as Python
// prints them, storage (layout, chunks, filters), and the escaping of text for a terminal and for JSON.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <dd/h5/filters.hpp>
#include <dd/h5/inspect.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ddls {

namespace h5 = dd::h5;

inline std::string integer_text(h5::int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  auto magnitude = negative ? static_cast<h5::uint128>(0) - static_cast<h5::uint128>(v) : static_cast<h5::uint128>(v);
  std::string digits;
  while (magnitude) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  return negative ? "-" + digits : digits;
}

// The shortest text that reads back as the same number, with Python's spelling of special values and a
// ".0" on integral values so that a float never reads as an integer.
inline std::string real_text(double v, bool single_precision) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[64];
  const auto r = single_precision ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v))
                                  : std::to_chars(buf, buf + sizeof buf, v);
  std::string text(buf, r.ptr);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

inline bool is_complex(const h5::type_description& t) {
  if (t.cls != h5::type_class::compound || t.members.size() != 2) return false;
  for (const auto& m : t.members)
    if (m.type.cls != h5::type_class::floating && m.type.cls != h5::type_class::integer) return false;
  const auto& a = t.members[0].name;
  const auto& b = t.members[1].name;
  return (a == "r" && b == "i") || (a == "real" && b == "imag");
}

// h5py's bool: an enum {FALSE = 0, TRUE = 1} over int8.
inline bool is_enum_bool(const h5::type_description& t) {
  if (t.cls != h5::type_class::enumeration || t.enumerators.size() != 2 || t.size != 1) return false;
  return t.enumerators[0].name == "FALSE" && t.enumerators[0].value == 0 && t.enumerators[1].name == "TRUE" &&
         t.enumerators[1].value == 1;
}

inline bool is_bool(const h5::type_description& t) {
  return (t.cls == h5::type_class::bitfield && t.size == 1) || is_enum_bool(t);
}

inline std::string dims_text(const std::vector<hsize_t>& dims) {
  std::string text = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + (dims.size() == 1 ? ",)" : ")");
}

// The datatype as numpy would name it; compounds list their member names, enums their enumerators.
inline std::string dtype_text(const h5::type_description& t) {
  const auto bits = std::to_string(t.size * 8);
  const std::string order = t.big_endian && t.size > 1 ? " big-endian" : "";
  switch (t.cls) {
    case h5::type_class::integer: return (t.is_signed ? "int" : "uint") + bits + order;
    case h5::type_class::floating: return "float" + bits + order;
    case h5::type_class::bitfield: return t.size == 1 ? "bool" : "bitfield" + bits + order;
    case h5::type_class::string: return "string";
    case h5::type_class::enumeration: {
      if (is_enum_bool(t)) return "bool";
      auto enumerators = t.enumerators;  // by value, as they would be declared
      std::stable_sort(enumerators.begin(), enumerators.end(), [](auto& a, auto& b) { return a.value < b.value; });
      std::string text = "enum {";
      for (std::size_t i = 0; i < enumerators.size(); ++i) {
        if (i == 8) {
          text += ", ...";
          break;
        }
        text += (i ? ", " : "") + enumerators[i].name + "=" + integer_text(enumerators[i].value);
      }
      return text + "}";
    }
    case h5::type_class::compound: {
      if (is_complex(t)) return "complex" + bits;
      std::string text = "compound {";
      for (std::size_t i = 0; i < t.members.size(); ++i) text += (i ? ", " : "") + t.members[i].name;
      return text + "}";
    }
    case h5::type_class::array: {
      std::string text = dtype_text(t.base[0]) + "[";
      for (std::size_t i = 0; i < t.dims.size(); ++i) text += (i ? ", " : "") + std::to_string(t.dims[i]);
      return text + "]";
    }
    case h5::type_class::variable_length: return "vlen " + dtype_text(t.base[0]);
    case h5::type_class::opaque: return "opaque";
    case h5::type_class::reference: return "reference";
    case h5::type_class::time: return "time";
    default: return "unknown";
  }
}

// ---- text escaping -----------------------------------------------------------------------------

// The length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return 0;
  return n;
}

inline std::string hex_byte(unsigned char c) {
  static constexpr char digits[] = "0123456789abcdef";
  return {digits[c >> 4], digits[c & 15]};
}

// A name or string for a terminal: control characters and bytes that are not UTF-8 as \xNN escapes,
// so that nothing in a file can move the cursor or change colours. `quote` also escapes '"' and '\'.
inline std::string printable(std::string_view s, bool quote) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto n = utf8_sequence(s, i);
    if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    if (n == 0 || c < 0x20 || c == 0x7f) {
      out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\x" + hex_byte(c);
    } else if (quote && (c == '"' || c == '\\')) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

// Columns a printable() text takes in a terminal (one per code point).
inline std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) >> 6) != 2;
  return n;
}

// The first `limit` code points of a UTF-8 text (or its bytes, if it is not UTF-8).
inline std::string first_code_points(std::string_view s, std::size_t limit, bool& cut) {
  std::size_t i = 0, points = 0;
  while (i < s.size() && points < limit) {
    const auto n = utf8_sequence(s, i);
    i += n ? n : 1;
    ++points;
  }
  cut = i < s.size();
  return std::string(s.substr(0, i));
}

// A JSON string literal. Bytes that are not UTF-8 become the code point of the same number (U+0080..U+00FF),
// since JSON text must be Unicode.
inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto n = utf8_sequence(s, i);
    if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (n == 0 || c < 0x20 || c == 0x7f) {
      out += "\\u00" + hex_byte(c);
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out + "\"";
}

// ---- values ------------------------------------------------------------------------------------

inline constexpr std::size_t preview_string_limit = 40;

// One value as Python would print it (short strings quoted, long ones cut: "abc"...).
inline std::string value_text(const h5::value& v) {
  using k = h5::value::kind;
  switch (v.k) {
    case k::integer: return integer_text(v.integer);
    case k::real: return real_text(v.real, v.single_precision);
    case k::boolean: return v.integer == 0 ? "false" : v.integer == 1 ? "true" : integer_text(v.integer);
    case k::string: {
      bool cut = false;
      const auto shown = first_code_points(v.text, preview_string_limit, cut);
      return "\"" + printable(shown, true) + "\"" + (cut ? "..." : "");
    }
    case k::enumerator: return v.text.empty() ? integer_text(v.integer) : printable(v.text, false);
    case k::compound: {
      std::string text = "(";
      for (std::size_t i = 0; i < v.parts.size(); ++i) text += (i ? ", " : "") + value_text(v.parts[i]);
      return text + (v.parts.size() == 1 ? ",)" : ")");
    }
    case k::list: {
      std::string text = "[";
      for (std::size_t i = 0; i < v.parts.size(); ++i) text += (i ? ", " : "") + value_text(v.parts[i]);
      return text + (v.truncated ? ", ...]" : "]");
    }
    case k::bytes: return "<" + integer_text(v.integer) + " bytes>";
    default: return "?";
  }
}

// A complex number as Python prints it: (3+4j).
inline std::string complex_text(const h5::value& v) {
  if (v.parts.size() != 2) return value_text(v);
  const auto& re = v.parts[0];
  const auto& im = v.parts[1];
  auto part = [](const h5::value& p) {  // Python's complex repr: (3+4j), (1.5-0.5j)
    auto text = p.k == h5::value::kind::real ? real_text(p.real, p.single_precision) : integer_text(p.integer);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text;
  };
  auto imag = part(im);
  if (imag.front() != '-') imag = "+" + imag;
  return "(" + part(re) + imag + "j)";
}

inline std::string element_text(const h5::type_description& t, const h5::value& v) {
  if (is_complex(t)) return complex_text(v);
  if (is_enum_bool(t)) return v.integer ? "true" : "false";
  if (t.cls == h5::type_class::compound && v.k == h5::value::kind::compound) {
    std::string text = "{";
    for (std::size_t i = 0; i < v.parts.size() && i < t.members.size(); ++i)
      text +=
          (i ? ", " : "") + printable(t.members[i].name, false) + ": " + element_text(t.members[i].type, v.parts[i]);
    return text + "}";
  }
  return value_text(v);
}

// JSON: numbers as numbers (nan and infinities as strings, which JSON lacks), strings as strings,
// enumerators by name, complex numbers as {"real", "imag"}, compounds as objects, bytes as {"bytes": n}.
inline std::string element_json(const h5::type_description& t, const h5::value& v) {
  using k = h5::value::kind;
  if (is_enum_bool(t) || (is_bool(t) && v.k == k::boolean && (v.integer == 0 || v.integer == 1)))
    return v.integer ? "true" : "false";
  switch (v.k) {
    case k::integer: return integer_text(v.integer);
    case k::boolean: return integer_text(v.integer);
    case k::real: {
      const auto text = real_text(v.real, v.single_precision);
      return std::isfinite(v.real) ? text : json_string(text);
    }
    case k::string: return json_string(v.text);
    case k::enumerator: return v.text.empty() ? integer_text(v.integer) : json_string(v.text);
    case k::compound: {
      if (is_complex(t))
        return "{\"real\": " + element_json(t.members[0].type, v.parts[0]) +
               ", \"imag\": " + element_json(t.members[1].type, v.parts[1]) + "}";
      std::string text = "{";
      for (std::size_t i = 0; i < v.parts.size() && i < t.members.size(); ++i)
        text += (i ? ", " : "") + json_string(t.members[i].name) + ": " + element_json(t.members[i].type, v.parts[i]);
      return text + "}";
    }
    case k::list: {
      const auto& base = t.base.empty() ? t : t.base[0];
      std::string text = "[";
      for (std::size_t i = 0; i < v.parts.size(); ++i) text += (i ? ", " : "") + element_json(base, v.parts[i]);
      return text + "]";
    }
    case k::bytes: return "{\"bytes\": " + integer_text(v.integer) + "}";
    default: return "null";
  }
}

// ---- storage -----------------------------------------------------------------------------------

// A filter as h5py and PyTables users know it, with the settings its cd_values hold.
inline std::string filter_text(const h5::filter_step& f) {
  const auto& cd = f.cd_values;
  switch (f.id) {
    case H5Z_FILTER_DEFLATE: return cd.empty() ? "gzip" : "gzip(" + std::to_string(cd[0]) + ")";
    case H5Z_FILTER_SHUFFLE: return "shuffle";
    case H5Z_FILTER_FLETCHER32: return "fletcher32";
    case H5Z_FILTER_SZIP: return "szip";
    case H5Z_FILTER_NBIT: return "nbit";
    case H5Z_FILTER_SCALEOFFSET: return "scaleoffset";
    case 32001: {  // PyTables' blosc: [version, version, type size, buffer size, level, shuffle, codec]
      static constexpr const char* codecs[] = {"blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"};
      std::string text = "blosc";
      if (cd.size() >= 7) {
        text += "(";
        text += cd[6] < 6 ? codecs[cd[6]] : "codec " + std::to_string(cd[6]);
        text += ", " + std::to_string(cd[4]);
        if (cd[5] == 1) text += ", shuffle";
        if (cd[5] == 2) text += ", bitshuffle";
        text += ")";
      }
      return text;
    }
    case 32004: return "lz4";
    case 32008: {  // [major, minor, element size, block size, 2 lz4 / 3 zstd / 0 none]
      if (cd.size() >= 5 && cd[4] == 2) return "bitshuffle(lz4)";
      if (cd.size() >= 5 && cd[4] == 3) return "bitshuffle(zstd)";
      return "bitshuffle";
    }
    case 307: return cd.empty() ? "bzip2" : "bzip2(" + std::to_string(cd[0]) + ")";
    case 32000: return "lzf";
    case 32013: return "zfp";
    default: return "filter " + std::to_string(f.id) + (f.name.empty() ? "" : " (" + printable(f.name, false) + ")");
  }
}

inline const char* filter_key(const h5::filter_step& f) {
  switch (f.id) {
    case H5Z_FILTER_DEFLATE: return "gzip";
    case H5Z_FILTER_SHUFFLE: return "shuffle";
    case H5Z_FILTER_FLETCHER32: return "fletcher32";
    case H5Z_FILTER_SZIP: return "szip";
    case H5Z_FILTER_NBIT: return "nbit";
    case H5Z_FILTER_SCALEOFFSET: return "scaleoffset";
    case 32001: return "blosc";
    case 32004: return "lz4";
    case 32008: return "bitshuffle";
    case 307: return "bzip2";
    case 32000: return "lzf";
    case 32013: return "zfp";
    default: return "unknown";
  }
}

inline const char* layout_text(h5::layout l) {
  switch (l) {
    case h5::layout::contiguous: return "contiguous";
    case h5::layout::chunked: return "chunked";
    case h5::layout::compact: return "compact";
    default: return "virtual";
  }
}

inline std::string storage_text(const h5::storage& s) {
  std::string text = layout_text(s.layout);
  if (s.layout == h5::layout::chunked) text += " " + dims_text(s.chunk);
  for (const auto& f : s.filters) text += ", " + filter_text(f);
  return text;
}

}  // namespace ddls
