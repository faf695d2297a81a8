#pragma once
// ddls --schema: C++ declarations that dd::load can load a file into, derived from what is in it.
// Each node gets the C++ type dd would have written it from (or that dd loads its form into): a dict
// becomes a struct (or a std::map when its keys are not C++ names), a list a std::vector or, when its
// items differ, a std::tuple, None a std::optional, arrays std::vector or dd::ndarray, tables a
// std::vector of a flat struct, pickles dd::pickled. What dd cannot load is left out with a comment
// saying why: dd ignores members a struct does not have, so the rest still loads.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "format.hpp"
#include "tree.hpp"

namespace ddls {

inline bool is_cpp_keyword(std::string_view s) {
  static const std::set<std::string_view> keywords = {
      "alignas",     "alignof",   "and",        "and_eq",    "asm",      "auto",         "bitand",
      "bitor",       "bool",      "break",      "case",      "catch",    "char",         "char8_t",
      "char16_t",    "char32_t",  "class",      "compl",     "concept",  "const",        "consteval",
      "constexpr",   "constinit", "const_cast", "continue",  "co_await", "co_return",    "co_yield",
      "decltype",    "default",   "delete",     "do",        "double",   "dynamic_cast", "else",
      "enum",        "explicit",  "export",     "extern",    "false",    "float",        "for",
      "friend",      "goto",      "if",         "inline",    "int",      "long",         "mutable",
      "namespace",   "new",       "noexcept",   "not",       "not_eq",   "nullptr",      "operator",
      "or",          "or_eq",     "private",    "protected", "public",   "register",     "reinterpret_cast",
      "requires",    "return",    "short",      "signed",    "sizeof",   "static",       "static_assert",
      "static_cast", "struct",    "switch",     "template",  "this",     "thread_local", "throw",
      "true",        "try",       "typedef",    "typeid",    "typename", "union",        "unsigned",
      "using",       "virtual",   "void",       "volatile",  "wchar_t",  "while",        "xor",
      "xor_eq",      "std",       "dd"};
  return keywords.contains(s);
}

// A name a C++ program may declare: no keyword, nothing reserved to the implementation (a double
// underscore, or an underscore and a capital letter first).
inline bool is_identifier(std::string_view s) {
  if (s.empty() || is_cpp_keyword(s)) return false;
  if (!(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  if (s.find("__") != std::string_view::npos) return false;
  if (s[0] == '_' && s.size() > 1 && std::isupper(static_cast<unsigned char>(s[1]))) return false;
  return true;
}

// A member name dd can use for a struct field (deepdish's reserved names are refused at compile time).
inline bool is_field_name(std::string_view s) { return is_identifier(s) && !deepdish::name_problem(s); }

inline std::string cpp_string_literal(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      static constexpr char digits[] = "01234567";
      out += '\\';
      out += digits[(c >> 6) & 7];
      out += digits[(c >> 3) & 7];
      out += digits[c & 7];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

class schema_writer {
 public:
  schema_writer(std::string file, std::string name_space) : file_(std::move(file)), namespace_(std::move(name_space)) {}

  std::string write(hid_t file, const std::string& path) {
    std::string root_type;
    std::string why_not;
    const bool whole_file = path.empty() || path == "/";
    if (whole_file) {
      const h5::group root = h5::group::open_root(file);
      auto object = h5::open_object_at(file, "/");
      if (unpacked(root)) {
        const auto data = of_member(root.id(), "/", deepdish::top_level_name, "Root");
        root_type = data.type;
        why_not = data.why_not;
      } else {
        const auto t = of_group(std::move(object), "/", "Root", true);
        root_type = t.type;
        why_not = t.why_not;
      }
    } else {
      const std::string clean = path.front() == '/' ? path : "/" + path;
      const auto slash = clean.find_last_of('/');
      const std::string parent = slash == 0 ? "/" : clean.substr(0, slash);
      auto parent_object = h5::open_object_at(file, parent);
      const auto t = of_member(parent_object.id(), parent, clean.substr(slash + 1), "Root");
      root_type = t.type;
      why_not = t.why_not;
    }
    if (root_type.empty()) throw h5::failure("dd cannot load this: " + why_not);

    std::string out = "// C++ types for " + printable(file_, false) + ", written by ddls --schema.\n";
    out +=
        "#include <array>\n#include <complex>\n#include <cstdint>\n#include <dd/dd.hpp>\n#include <map>\n"
        "#include <optional>\n#include <string>\n#include <tuple>\n#include <vector>\n\n";
    if (!namespace_.empty()) out += "namespace " + namespace_ + " {\n\n";
    for (const auto& d : definitions_) out += d + "\n";
    if (root_type != "Root") out += "using Root = " + root_type + ";\n\n";
    if (!namespace_.empty()) out += "}  // namespace " + namespace_ + "\n\n";
    for (const auto& s : specializations_) out += s + "\n";
    const std::string qualified = namespace_.empty() ? "Root" : namespace_ + "::Root";
    out += "// auto value = dd::load<" + qualified + ">(" + cpp_string_literal(file_) +
           (whole_file ? std::string() : ", " + cpp_string_literal(path)) + ");\n";
    return out;
  }

 private:
  // The C++ type of a node, or why there is none. `element` is set for the types dd stores as a
  // sequence of elements (what a map's keys and values, and a list of lists, are made of).
  struct cpp_type {
    std::string type, element, why_not;
    static cpp_type none(std::string why) { return {{}, {}, std::move(why)}; }
  };

  static bool unpacked(const h5::group& root) {
    auto flag = h5::find_attribute(root.id(), deepdish::unpack_attribute);
    if (!flag) return false;
    const auto v = h5::read_elements(*flag, 1);
    return v.size() == 1 && v[0].integer != 0;
  }

  // A type name from a member name: "opt" -> "Opt", "train_set" -> "TrainSet"; never a name taken.
  std::string new_type_name(const std::string& hint) {
    std::string name;
    bool upper = true;
    for (char c : hint) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
      } else {
        upper = true;
      }
    }
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "T" + name;
    // "Type" keeps it apart from member names, which come from the file and are usually lower case.
    std::string candidate = name;
    for (int n = 2; type_names_.contains(candidate) || member_names_.contains(candidate) || !is_identifier(candidate);
         ++n)
      candidate = name + std::to_string(n);
    type_names_.insert(candidate);
    return candidate;
  }

  // A struct (or enum) body, once per distinct body: identical dicts share one type.
  std::string define(const std::string& keyword, const std::string& hint, const std::string& body,
                     const std::string& after = {}) {
    const auto key = keyword + body + after;
    if (auto it = by_body_.find(key); it != by_body_.end()) return it->second;
    const auto name = hint == "Root" && !type_names_.contains("Root")
                          ? (type_names_.insert("Root"), std::string("Root"))
                          : new_type_name(hint);
    std::string text = keyword + " " + name + after + " {\n" + body + "};\n";
    definitions_.push_back(text);
    by_body_.emplace(key, name);
    return name;
  }

  std::string qualified(const std::string& type) const { return namespace_.empty() ? type : namespace_ + "::" + type; }

  // ---- numbers -----------------------------------------------------------------------------------

  static std::string number_type(const h5::type_description& t) {
    if (is_bool(t)) return "bool";
    switch (t.cls) {
      case h5::type_class::integer:
        if (t.size > 8) return {};
        return std::string(t.is_signed ? "std::int" : "std::uint") +
               std::to_string(t.size <= 1   ? 8
                              : t.size <= 2 ? 16
                              : t.size <= 4 ? 32
                                            : 64) +
               "_t";
      case h5::type_class::floating: return t.size <= 4 ? "float" : t.size <= 8 ? "double" : "long double";
      case h5::type_class::bitfield: return t.size <= 8 ? "std::uint" + std::to_string(t.size * 8) + "_t" : "";
      default: return {};
    }
  }

  static std::string complex_type(const h5::type_description& t) {
    if (!is_complex(t) || t.members[0].type.cls != h5::type_class::floating ||
        t.members[1].type.size != t.members[0].type.size)
      return {};
    return "std::complex<" + number_type(t.members[0].type) + ">";
  }

  // An enum type declared for an HDF5 enum, its enumerators named as in the file.
  std::string enum_type(const h5::type_description& t, const std::string& hint) {
    const auto base = number_type(t.base[0]);
    if (base.empty() || t.enumerators.empty()) return {};
    std::string body;
    h5::int128 low = 0, high = 0;
    bool first = true;
    for (const auto& e : t.enumerators) {
      if (!is_identifier(e.name)) return {};
      body += "  " + e.name + " = " + integer_text(e.value) + ",\n";
      low = first ? e.value : std::min(low, e.value);
      high = first ? e.value : std::max(high, e.value);
      first = false;
    }
    const auto name = define("enum class", hint, body, " : " + base);
    // dd names enumerators by scanning [-16, 127] unless told otherwise.
    if ((low < -16 || high > 127) && low >= -1'000'000 && high <= 1'000'000 && !ranged_.contains(name)) {
      ranged_.insert(name);
      specializations_.push_back("template <>\nstruct dd::enum_range<" + qualified(name) +
                                 "> {\n  static constexpr int min = " + integer_text(low) +
                                 ", max = " + integer_text(high) + ";\n};\n");
    }
    return name;
  }

  // The element type of a table or of an array: numbers, bool, complex, enums, fixed arrays of those,
  // flat structs of those.
  std::string flat_type(const h5::type_description& t, const std::string& hint) {
    if (auto n = number_type(t); !n.empty()) return n;
    if (auto c = complex_type(t); !c.empty()) return c;
    if (t.cls == h5::type_class::enumeration) return enum_type(t, hint);
    if (t.cls == h5::type_class::array) {
      auto element = flat_type(t.base[0], hint);
      if (element.empty()) return {};
      for (auto d = t.dims.rbegin(); d != t.dims.rend(); ++d)
        element = "std::array<" + element + ", " + std::to_string(*d) + ">";
      return element;
    }
    if (t.cls == h5::type_class::compound) {
      std::string body;
      std::vector<std::pair<std::string, std::string>> renames;
      std::set<std::string> used;
      for (const auto& m : t.members) {
        const auto member = flat_type(m.type, hint + " " + m.name);
        if (member.empty()) return {};
        auto field = field_name(m.name, used);
        if (field != m.name) renames.emplace_back(field, m.name);
        body += "  " + member + " " + field + ";\n";
      }
      const auto name = define("struct", hint, body + rename_comment(renames));
      add_renames(name, renames);
      return name;
    }
    return {};
  }

  // ---- fields with names that are no C++ names -----------------------------------------------------

  std::string field_name(const std::string& stored, std::set<std::string>& used) {
    std::string name = stored;
    if (!is_field_name(name)) {
      name.clear();
      for (char c : stored) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      name = "m_" + name;
      while (name.find("__") != std::string::npos) name.replace(name.find("__"), 2, "_");
      if (!name.empty() && name.back() == '_') name += "x";
    }
    std::string candidate = name;
    for (int n = 2; used.contains(candidate) || !is_field_name(candidate); ++n)
      candidate = name + "_" + std::to_string(n);
    used.insert(candidate);
    return candidate;
  }

  static std::string rename_comment(const std::vector<std::pair<std::string, std::string>>& renames) {
    return renames.empty() ? ""
                           : "  // (members whose stored names are no C++ names are renamed: see dd::codec below)\n";
  }

  void add_renames(const std::string& type, const std::vector<std::pair<std::string, std::string>>& renames) {
    if (renames.empty() || renamed_.contains(type)) return;
    renamed_.insert(type);
    std::string text =
        "template <>\nstruct dd::codec<" + qualified(type) + "> {\n  static constexpr std::array rename{";
    for (std::size_t i = 0; i < renames.size(); ++i)
      text += std::string(i ? ",\n      " : "\n      ") + "dd::renamed{" + cpp_string_literal(renames[i].first) + ", " +
              cpp_string_literal(renames[i].second) + "}";
    specializations_.push_back(text + "};\n};\n");
  }

  // ---- datasets and attributes -------------------------------------------------------------------

  static std::string nested_array(std::string element, const std::vector<hsize_t>& inner_dims) {
    for (auto d = inner_dims.rbegin(); d != inner_dims.rend(); ++d)
      element = "std::array<" + element + ", " + std::to_string(*d) + ">";
    return element;
  }

  // Strings: one std::string, a vector of them, or a vector of fixed blocks (rows of a 2-D array).
  static cpp_type strings_of(const std::vector<hsize_t>& dims) {
    if (dims.empty()) return {"std::string", {}, {}};
    const std::vector<hsize_t> inner(dims.begin() + 1, dims.end());
    const auto element = nested_array("std::string", inner);
    return {"std::vector<" + element + ">", element, {}};
  }

  static cpp_type numbers_of(const std::string& element, const std::vector<hsize_t>& dims) {
    if (dims.empty()) return {element, {}, {}};
    if (dims.size() == 1) return {"std::vector<" + element + ">", element, {}};
    return {"dd::ndarray<" + element + ">", {}, {}};
  }

  static std::string numpy_dtype_type(const std::string& dtype) {
    static const std::map<std::string, std::string> names = {{"bool", "bool"},
                                                             {"int8", "std::int8_t"},
                                                             {"int16", "std::int16_t"},
                                                             {"int32", "std::int32_t"},
                                                             {"int64", "std::int64_t"},
                                                             {"uint8", "std::uint8_t"},
                                                             {"uint16", "std::uint16_t"},
                                                             {"uint32", "std::uint32_t"},
                                                             {"uint64", "std::uint64_t"},
                                                             {"float16", "float"},
                                                             {"float32", "float"},
                                                             {"float64", "double"},
                                                             {"float128", "long double"},
                                                             {"complex64", "std::complex<float>"},
                                                             {"complex128", "std::complex<double>"}};
    const auto it = names.find(detail::numpy_dtype_name(dtype));
    return it == names.end() ? std::string() : it->second;
  }

  cpp_type of_data(const h5::data& d, const std::string& hint) {
    const auto file_type = d.type();
    const auto t = h5::describe_type(file_type.id());
    const auto shape = d.extent();
    if (shape.null) {
      if (t.cls == h5::type_class::string) return {"std::string", {}, {}};
      return cpp_type::none("an attribute without a value (NULL dataspace) of " + dtype_text(t));
    }
    if (!d.is_attribute()) {
      if (t.cls == h5::type_class::variable_length && t.base[0].cls == h5::type_class::integer && t.base[0].size == 1 &&
          shape.dims.size() == 1 && shape.dims[0] == 1)
        return {"dd::pickled", {}, {}};
      if (auto zero = detail::string_attribute(d.id(), deepdish::zero_size_attribute);
          zero && t.cls == h5::type_class::integer && shape.dims.size() == 1) {
        const auto element = numpy_dtype_type(*zero);
        if (element.empty()) return cpp_type::none("a deepdish zero-size array of dtype " + *zero);
        return numbers_of(element, std::vector<hsize_t>(static_cast<std::size_t>(shape.dims[0]), 0));
      }
      if (auto strtype = detail::deepdish_strtype(d.id()); strtype && *strtype == "unicode") {
        auto itemsize_attribute = h5::find_attribute(d.id(), "itemsize");
        if (itemsize_attribute && t.cls == h5::type_class::integer && t.size == 1 && !shape.dims.empty()) {
          auto dims = shape.dims;
          dims.back() /=
              4 * std::max<hsize_t>(1, static_cast<hsize_t>(h5::read_elements(*itemsize_attribute, 1).at(0).integer));
          return strings_of(dims);
        }
      }
    }
    if (t.cls == h5::type_class::string) return strings_of(shape.dims);
    if (auto n = number_type(t); !n.empty()) return numbers_of(n, shape.dims);
    if (auto c = complex_type(t); !c.empty()) return numbers_of(c, shape.dims);
    if (t.cls == h5::type_class::enumeration) {
      const auto e = enum_type(t, hint);
      if (e.empty()) return cpp_type::none("an enum whose names are not C++ names: " + dtype_text(t));
      if (shape.dims.size() > 1) return cpp_type::none("an N-D array of enums");
      return numbers_of(e, shape.dims);
    }
    if (t.cls == h5::type_class::compound || t.cls == h5::type_class::array) {
      // dd stores a lone flat struct as a group, so only 1-D tables have a C++ type.
      if (shape.dims.size() != 1) return cpp_type::none("a " + dtype_text(t) + " that is not a 1-D table");
      const auto record = flat_type(t, hint);
      if (record.empty()) return cpp_type::none("a " + dtype_text(t) + " whose members are not all numbers");
      return {"std::vector<" + record + ">", record, {}};
    }
    return cpp_type::none("data of type " + dtype_text(t) + ", which dd does not load");
  }

  // ---- groups ------------------------------------------------------------------------------------

  struct member {
    std::string name;
    cpp_type type;
  };

  std::vector<member> members_of(const h5::group& g, const std::string& path) {
    std::vector<std::string> attributes;
    h5::for_each_attribute(g.id(), [&](const std::string& a) {
      if (!deepdish::is_bookkeeping(a)) attributes.push_back(a);
    });
    std::vector<h5::link_entry> links;  // a schema is written after the whole group is known
    h5::for_each_link(g.id(), [&](const h5::link_entry& l) { links.push_back(l); });
    std::vector<std::string> names = attributes;
    for (const auto& l : links) names.push_back(l.name);
    std::sort(names.begin(), names.end());
    std::vector<member> out;
    for (const auto& name : names) {
      member_names_.insert(name);
      out.push_back({name, of_member(g.id(), path, name)});
    }
    return out;
  }

  // The type of the member `name` (attribute or link); a struct it needs is named `type_name`, or after the member.
  cpp_type of_member(hid_t parent, const std::string& parent_path, const std::string& name,
                     const std::string& type_name = {}) {
    const auto path = detail::join_path(parent_path, name);
    const auto hint = type_name.empty() ? type_hint(path) : type_name;
    if (auto a = h5::find_attribute(parent, name)) return of_data(*a, hint);
    const auto link = h5::find_link(parent, name);
    if (!link) return cpp_type::none("not found");
    if (link->type == h5::link_type::external)
      return cpp_type::none("an external link to " + link->external_file + ":" + link->target);
    if (link->type == h5::link_type::soft && !h5::link_resolves(parent, name))
      return cpp_type::none("a soft link to " + link->target + ", which does not exist");
    auto object = h5::open_object_at(parent, name);
    switch (h5::type_of_object(object.id())) {
      case h5::object_type::group: return of_group(std::move(object), path, hint, false);
      case h5::object_type::dataset: return of_data(h5::data(std::move(object), false), hint);
      default: return cpp_type::none("a named datatype");
    }
  }

  // What to name a type stored at `path`: its last component ("/run/opt" -> "opt"); list items after
  // their list ("/history/i3" -> "history item").
  static std::string type_hint(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const auto last = path.substr(slash + 1);
    if (detail::number_after(last, "i") && slash != std::string::npos && slash > 0)
      return type_hint(path.substr(0, slash)) + " item";
    return last;
  }

  cpp_type of_group(h5::handle object, const std::string& path, const std::string& hint, bool root) {
    const auto identity = h5::object_identity(object.id());
    for (const auto& [ancestor, ancestor_path] : ancestors_)
      if (ancestor == identity) return cpp_type::none("a link back to " + ancestor_path + ", which contains it");
    const h5::group g(std::move(object));
    ancestors_.emplace_back(identity, path);
    auto t = group_type(g, path, hint, root);
    ancestors_.pop_back();
    return t;
  }

  cpp_type group_type(const h5::group& g, const std::string& path, const std::string& hint, bool root) {
    const auto title = detail::string_attribute(g.id(), deepdish::title_attribute).value_or("");
    auto members = members_of(g, path);
    if (title == "nonetype:" && members.empty()) return {"std::optional<double>", {}, {}};
    const auto list = detail::number_after(title, "list:");
    const auto tuple = detail::number_after(title, "tuple:");
    if ((list && *list == members.size()) || (tuple && *tuple == members.size())) {
      // Items in index order; dd needs every one of them.
      std::vector<std::string> items(members.size());
      for (auto& m : members) {
        const auto index = detail::number_after(m.name, "i");
        if (!index || *index >= items.size()) return cpp_type::none("a list whose items are not named i0, i1, ...");
        if (m.type.type.empty()) return cpp_type::none("item " + m.name + " is " + m.type.why_not);
        items[*index] = m.type.type;
      }
      const bool same =
          !items.empty() && std::all_of(items.begin(), items.end(), [&](auto& i) { return i == items[0]; });
      if (list && same) return {"std::vector<" + items[0] + ">", items[0], {}};
      if (list && items.empty()) return {"std::vector<double>", "double", {}};
      std::string text = "std::tuple<";
      for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
      return {text + ">", {}, {}};
    }
    if (const auto entries = detail::number_after(title, "map:")) {
      const auto keys = std::find_if(members.begin(), members.end(), [](auto& m) { return m.name == "keys"; });
      const auto values = std::find_if(members.begin(), members.end(), [](auto& m) { return m.name == "values"; });
      if (keys != members.end() && values != members.end() && !keys->type.element.empty() &&
          !values->type.element.empty())
        return {"std::map<" + keys->type.element + ", " + values->type.element + ">", {}, {}};
      if (*entries == 0) return {"std::map<std::int64_t, double>", {}, {}};
      return cpp_type::none("a map whose keys or values dd cannot load");
    }
    (void)root;
    if (members.empty()) return {"std::map<std::string, double>", {}, {}};

    const bool names_are_fields =
        std::all_of(members.begin(), members.end(), [](auto& m) { return is_field_name(m.name); });
    const bool loadable = std::all_of(members.begin(), members.end(), [](auto& m) { return !m.type.type.empty(); });
    const bool same_type = loadable && std::all_of(members.begin(), members.end(),
                                                   [&](auto& m) { return m.type.type == members[0].type.type; });
    constexpr std::size_t most_fields = 128;  // dd's reflection ceiling
    if (same_type && (!names_are_fields || members.size() > most_fields))
      return {"std::map<std::string, " + members[0].type.type + ">", {}, {}};
    const auto fields = std::count_if(members.begin(), members.end(), [](auto& m) { return !m.type.type.empty(); });
    if (static_cast<std::size_t>(fields) > most_fields)
      return cpp_type::none("a group of " + std::to_string(fields) +
                            " members of different types (dd's structs hold at most 128)");

    if (fields == 0) return cpp_type::none("a group with nothing in it that dd can load");
    std::string body;
    std::vector<std::pair<std::string, std::string>> renames;
    std::set<std::string> used;
    for (const auto& m : members) {
      if (m.type.type.empty()) {
        body += "  // " + printable(m.name, false) + ": left out, " + printable(m.type.why_not, false) + "\n";
        continue;
      }
      const auto field = field_name(m.name, used);
      if (field != m.name) renames.emplace_back(field, m.name);
      body += "  " + m.type.type + " " + field + ";\n";
    }
    const auto name = define("struct", hint.empty() || hint == "/" ? "Root" : hint, body + rename_comment(renames));
    add_renames(name, renames);
    return {name, {}, {}};
  }

  std::string file_, namespace_;
  std::vector<std::string> definitions_;        // structs and enums, each after the types it uses
  std::vector<std::string> specializations_;    // dd::codec renames, dd::enum_range
  std::map<std::string, std::string> by_body_;  // body -> type name
  std::set<std::string> type_names_, member_names_, renamed_, ranged_;
  std::vector<std::pair<std::string, std::string>> ancestors_;
};

}  // namespace ddls
