#pragma once
// The walk over a file: each member is described (in deepdish's terms, or HDF5's with --raw) and
// handed to a printer as soon as HDF5 has listed it, so output streams and memory stays bounded by the
// depth of the tree, whatever the number of members. The only thing held back is one sibling, to tell
// the printer which member is the last of its group (the tree's └──).
#include <cstdint>
#include <dd/codec/deepdish.hpp>
#include <dd/h5/attributes.hpp>
#include <dd/h5/filters.hpp>
#include <dd/h5/group.hpp>
#include <dd/h5/inspect.hpp>
#include <dd/h5/links.hpp>
#include <dd/h5/vlen_bytes.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "format.hpp"

namespace ddls {

namespace deepdish = dd::detail::deepdish;

enum class view { deepdish, raw };

struct walk_options {
  ddls::view view = view::deepdish;
  int max_depth = -1;  // members deeper than this are not listed (-1: no limit)
  std::size_t preview = 6;
};

// One member of a group (or the node named on the command line), described.
struct node {
  enum class kind { dict, list, tuple, none, map, group, dataset, attribute, soft_link, external_link, pickled, cycle };
  kind k = kind::dict;
  std::string name;       // as shown: the link or attribute name ("/" for the root)
  std::string path;       // the HDF5 path, which dd::load takes (an attribute's is its parent's path + "/" + name)
  bool at_sign = false;   // an attribute shown as an attribute (of a dataset, or in the raw view): "@name"
  bool expanded = false;  // members follow (printer::end closes them)
  bool cut = false;       // a group whose members --depth hides

  // groups
  std::size_t members = 0;           // members shown (deepdish) or links (raw)
  std::size_t attributes = 0;        // raw: attributes of the group
  std::optional<std::string> title;  // the TITLE attribute, when there is one
  bool unpacked = false;             // the root says deepdish.io.load returns /data

  // datasets, attributes, pickles
  h5::type_description type;
  std::string dtype;
  h5::shape shape;
  std::optional<h5::storage> storage;        // datasets
  std::vector<h5::value> preview;            // the first elements
  bool preview_complete = true;              // preview holds every element
  std::vector<std::string> preview_strings;  // deepdish U arrays, decoded from UTF-32 (else empty)
  std::string problem;                       // why the preview could not be read
  std::string form;                          // how deepdish stored it, if not plainly ("zero-size array", ...)
  std::uint64_t bytes = 0;                   // pickled: the size of the pickle

  // links
  std::string target, file;  // soft and external links; file: external only
  bool dangling = false;
};

class printer {
 public:
  virtual ~printer() = default;
  // A node; when n.expanded, its members follow, each with begin/end, then end(n).
  virtual void begin(const node& n, bool last) = 0;
  virtual void end(const node& n) = 0;
};

// A failure while describing the node at `path`: the message names the node.
struct located_failure : std::runtime_error {
  located_failure(std::string where, const std::string& what) : std::runtime_error(what), path(std::move(where)) {}
  std::string path;
};

namespace detail {

inline std::string join_path(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

inline std::optional<std::size_t> number_after(std::string_view title, std::string_view prefix) {
  if (!title.starts_with(prefix)) return std::nullopt;
  const auto digits = title.substr(prefix.size());
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  std::size_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

inline std::optional<std::string> string_attribute(hid_t object, const char* name) {
  auto a = h5::find_attribute(object, name);
  if (!a || a->info().kind != h5::type_kind::string) return std::nullopt;
  if (a->extent().null) return std::string();
  if (a->extent().elements() != 1) return std::nullopt;
  return a->read_string();
}

// The strtype attribute deepdish marks numpy string arrays with. deepdish compares it with b'unicode',
// so only an ASCII string (bytes to PyTables) counts; a UTF-8 one leaves the array raw uint8 for
// deepdish, and for dd.
inline std::optional<std::string> deepdish_strtype(hid_t dataset) {
  auto a = h5::find_attribute(dataset, "strtype");
  if (!a || a->info().kind != h5::type_kind::string || a->utf8() || a->extent().elements() != 1)
    return std::nullopt;
  return a->read_string();
}

// deepdish's U arrays: UTF-32LE code units in a uint8 dataset; the text of each string as UTF-8.
inline std::string utf8_of_utf32(const std::vector<h5::value>& bytes, std::size_t first, std::size_t units) {
  std::string out;
  for (std::size_t u = 0; u < units; ++u) {
    std::uint32_t c = 0;
    for (std::size_t b = 0; b < 4; ++b)
      c |= static_cast<std::uint32_t>(bytes[first + u * 4 + b].integer & 0xff) << (8 * b);
    if (c == 0) break;  // numpy pads with NULs
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xc0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xe0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (c & 0x3f));
    }
  }
  return out;
}

// numpy's dtype.str ("<f4", "|b1") as its name ("float32", "bool"); other text as it is.
inline std::string numpy_dtype_name(const std::string& code) {
  if (code.size() < 3 || (code[0] != '<' && code[0] != '>' && code[0] != '|' && code[0] != '=')) return code;
  const auto size = code.substr(2);
  if (size.find_first_not_of("0123456789") != std::string::npos) return code;
  const int bits = std::stoi(size) * 8;
  switch (code[1]) {
    case 'b': return "bool";
    case 'i': return "int" + std::to_string(bits);
    case 'u': return "uint" + std::to_string(bits);
    case 'f': return "float" + std::to_string(bits);
    case 'c': return "complex" + std::to_string(bits);
    default: return code;
  }
}

// Attributes deepdish uses to mark how it stored an array, hidden once the array is shown as meant.
inline bool is_array_marker(std::string_view name) {
  return name == deepdish::zero_size_attribute || name == "strtype" || name == "itemsize";
}

}  // namespace detail

class walker {
 public:
  walker(printer& out, walk_options options) : out_(out), options_(options) {}

  // The object or attribute at `path` of an open file, and everything under it.
  void walk(hid_t file, const std::string& path) {
    const auto root = h5::group::open_root(file);
    if (path.empty() || path == "/") return visit_group_object(h5::open_object_at(file, "/"), "/", "/", 0, true);
    const std::string clean = path.front() == '/' ? path : "/" + path;
    const auto slash = clean.find_last_of('/');
    const std::string parent_path = slash == 0 ? "/" : clean.substr(0, slash);
    const std::string name = clean.substr(slash + 1);
    h5::handle parent;
    try {
      parent = h5::open_object_at(file, parent_path);
    } catch (const h5::failure&) {
      throw h5::failure("not found (" + parent_path + " does not exist)");
    }
    if (h5::type_of_object(parent.id()) == h5::object_type::group) {
      if (auto link = h5::find_link(parent.id(), name)) return visit_link(parent.id(), *link, clean, 0, true);
    }
    if (auto attribute = h5::find_attribute(parent.id(), name))
      return emit_data(*attribute, name, clean, true, 0, true);
    throw h5::failure("not found (no link or attribute of that name)");
  }

  // Previews that could not be read (shown in the listing): the first one's path and cause.
  std::size_t unreadable() const { return unreadable_; }
  const std::string& first_unreadable_path() const { return first_unreadable_path_; }
  const std::string& first_problem() const { return first_problem_; }

 private:
  struct member {
    std::string name;
    bool attribute = false;
    h5::link_entry link;
  };

  // Holds back one member so that the last one of a group is known when it is printed.
  class siblings {
   public:
    siblings(walker& w, hid_t parent, const std::string& parent_path, int depth)
        : w_(w), parent_(parent), parent_path_(parent_path), depth_(depth) {}
    void push(member m) {
      if (pending_) w_.visit_member(parent_, *pending_, parent_path_, depth_, false);
      pending_ = std::move(m);
    }
    void flush() {
      if (pending_) w_.visit_member(parent_, *pending_, parent_path_, depth_, true);
      pending_.reset();
    }

   private:
    walker& w_;
    hid_t parent_;
    const std::string& parent_path_;
    int depth_;
    std::optional<member> pending_;
  };

  bool deepdish_view() const { return options_.view == view::deepdish; }
  bool expands(int depth) const { return options_.max_depth < 0 || depth < options_.max_depth; }

  // deepdish hides its own bookkeeping; --raw shows everything.
  bool hidden(std::string_view attribute) const { return deepdish_view() && deepdish::is_bookkeeping(attribute); }

  void visit_member(hid_t parent, const member& m, const std::string& parent_path, int depth, bool last) {
    const auto path = detail::join_path(parent_path, m.name);
    try {
      if (m.attribute) {
        const auto a = h5::attribute_of(parent, m.name);
        return emit_data(a, m.name, path, true, depth, last);
      }
      visit_link(parent, m.link, path, depth, last);
    } catch (const h5::failure& e) {
      throw located_failure(path, e.what());
    }
  }

  void visit_link(hid_t parent, const h5::link_entry& link, const std::string& path, int depth, bool last) {
    if (link.type != h5::link_type::hard) {
      node n;
      n.name = link.name;
      n.path = path;
      n.target = link.target;
      if (link.type == h5::link_type::soft) {
        n.k = node::kind::soft_link;
        n.dangling = !h5::link_resolves(parent, link.name);
      } else {
        n.k = node::kind::external_link;
        n.file = link.external_file;
      }
      out_.begin(n, last);
      return;
    }
    auto object = h5::open_object_at(parent, link.name);
    if (h5::type_of_object(object.id()) == h5::object_type::group)
      return visit_group_object(std::move(object), link.name, path, depth, last);
    if (h5::type_of_object(object.id()) == h5::object_type::dataset)
      return emit_data(h5::data(std::move(object), false), link.name, path, false, depth, last);
    node n;  // a named datatype: nothing deepdish or dd writes
    n.k = node::kind::dataset;
    n.name = link.name;
    n.path = path;
    n.dtype = "named datatype";
    out_.begin(n, last);
  }

  void visit_group_object(h5::handle object, const std::string& name, const std::string& path, int depth, bool last) {
    const auto identity = h5::object_identity(object.id());
    for (const auto& [ancestor, ancestor_path] : ancestors_) {
      if (ancestor == identity) {  // a hard link up the tree: following it would never end
        node n;
        n.k = node::kind::cycle;
        n.name = name;
        n.path = path;
        n.target = ancestor_path;
        out_.begin(n, last);
        return;
      }
    }
    const h5::group g(std::move(object));
    node n;
    n.name = name;
    n.path = path;
    n.cut = !expands(depth);
    n.expanded = !n.cut;
    if (!deepdish_view()) {
      n.k = node::kind::group;
      n.members = h5::link_count(g.id());
      n.attributes = h5::attribute_count(g.id());
      out_.begin(n, last);
      if (!n.expanded) return;
      ancestors_.emplace_back(identity, path);
      siblings queue(*this, g.id(), path, depth + 1);
      h5::for_each_attribute(g.id(), [&](const std::string& a) { queue.push(member{a, true, {}}); });
      h5::for_each_link(g.id(), [&](const h5::link_entry& l) { queue.push(member{l.name, false, l}); });
      queue.flush();
      ancestors_.pop_back();
      out_.end(n);
      return;
    }

    // deepdish: attributes are members like links, merged in name order; only the attribute names of
    // this one group are held (the links stream).
    std::vector<std::string> attributes;
    h5::for_each_attribute(g.id(), [&](const std::string& a) {
      if (!hidden(a)) attributes.push_back(a);
    });
    const auto links = h5::link_count(g.id());
    n.members = attributes.size() + links;
    n.title = detail::string_attribute(g.id(), deepdish::title_attribute);
    n.unpacked = path == "/" && root_unpacked(g);
    n.k = node::kind::dict;
    const std::string title = n.title.value_or("");
    std::optional<std::size_t> length;
    if ((length = detail::number_after(title, "list:")) && *length == n.members)
      n.k = node::kind::list;
    else if ((length = detail::number_after(title, "tuple:")) && *length == n.members)
      n.k = node::kind::tuple;
    else if ((length = detail::number_after(title, "map:")))
      n.k = node::kind::map;
    else if (title == "nonetype:" && n.members == 0)
      n.k = node::kind::none;
    if (n.k == node::kind::none) n.expanded = false, n.cut = false;
    if (n.k == node::kind::map) n.members = *length;  // the entries, not the keys/values datasets
    out_.begin(n, last);
    if (!n.expanded) return;
    ancestors_.emplace_back(identity, path);
    siblings queue(*this, g.id(), path, depth + 1);
    if (n.k == node::kind::list || n.k == node::kind::tuple) {
      // Elements in index order (i0, i1, ..., i10), not name order (i0, i1, i10, ..., i2).
      for (std::size_t i = 0; i < *length; ++i) {
        const auto element = "i" + std::to_string(i);
        if (h5::find_attribute(g.id(), element))
          queue.push(member{element, true, {}});
        else if (auto l = h5::find_link(g.id(), element))
          queue.push(member{element, false, *l});
      }
    } else {
      std::size_t next_attribute = 0;
      h5::for_each_link(g.id(), [&](const h5::link_entry& l) {
        while (next_attribute < attributes.size() && attributes[next_attribute] < l.name)
          queue.push(member{attributes[next_attribute++], true, {}});
        queue.push(member{l.name, false, l});
      });
      while (next_attribute < attributes.size()) queue.push(member{attributes[next_attribute++], true, {}});
    }
    queue.flush();
    ancestors_.pop_back();
    out_.end(n);
  }

  static bool root_unpacked(const h5::group& root) {
    auto flag = h5::find_attribute(root.id(), deepdish::unpack_attribute);
    if (!flag) return false;
    const auto values = h5::read_elements(*flag, 1);
    return values.size() == 1 && values[0].integer != 0;
  }

  void read_preview(const h5::data& d, node& n) {
    try {
      n.preview = h5::read_elements(d, options_.preview);
      n.preview_complete = n.preview.size() == n.shape.elements();
    } catch (const h5::failure& e) {
      n.problem = e.what();
      if (unreadable_++ == 0) first_unreadable_path_ = n.path, first_problem_ = n.problem;
    }
  }

  void emit_data(const h5::data& d, const std::string& name, const std::string& path, bool is_attribute, int depth,
                 bool last, bool of_dataset = false) {
    node n;
    n.k = is_attribute ? node::kind::attribute : node::kind::dataset;
    n.name = name;
    n.at_sign = is_attribute && (!deepdish_view() || of_dataset);
    n.path = path;
    {
      const auto t = d.type();
      n.type = h5::describe_type(t.id());
    }
    n.dtype = dtype_text(n.type);
    n.shape = d.extent();
    if (!is_attribute) n.storage = h5::storage_of(d);

    std::vector<std::string> attributes;  // of a dataset, shown as its members
    if (!is_attribute) {
      h5::for_each_attribute(d.id(), [&](const std::string& a) {
        if (!hidden(a)) attributes.push_back(a);
      });
    }

    if (deepdish_view() && !is_attribute && n.type.cls == h5::type_class::variable_length &&
        n.type.base[0].cls == h5::type_class::integer && n.type.base[0].size == 1 && n.shape.dims.size() == 1 &&
        n.shape.dims[0] == 1) {
      n.k = node::kind::pickled;  // deepdish's fallback: a PyTables VLArray holding one pickle
      read_preview(d, n);
      if (!n.preview.empty()) n.bytes = static_cast<std::uint64_t>(n.preview[0].integer);
      out_.begin(n, last);
      return;
    }
    if (deepdish_view() && !is_attribute) interpret_deepdish_array(d, n, attributes);
    if (n.form.empty()) read_preview(d, n);

    n.expanded = !attributes.empty() && expands(depth);
    out_.begin(n, last);
    if (!n.expanded) return;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
      const auto a = h5::attribute_of(d.id(), attributes[i]);
      emit_data(a, attributes[i], path + "/" + attributes[i], true, depth + 1, i + 1 == attributes.size(), true);
    }
    out_.end(n);
  }

  // deepdish's own array forms: zero-size arrays as their shape vector, numpy U arrays as UTF-32 bytes.
  void interpret_deepdish_array(const h5::data& d, node& n, std::vector<std::string>& attributes) {
    const bool integer_vector = n.type.cls == h5::type_class::integer && n.shape.dims.size() == 1;
    if (auto zero = detail::string_attribute(d.id(), deepdish::zero_size_attribute); zero && integer_vector) {
      const auto dims = h5::read_elements(d, static_cast<std::size_t>(n.shape.elements()));
      n.shape.dims.clear();
      for (const auto& v : dims) n.shape.dims.push_back(static_cast<hsize_t>(v.integer));
      n.dtype = detail::numpy_dtype_name(*zero);
      n.form = "deepdish zero-size array";
    } else if (auto strtype = detail::deepdish_strtype(d.id())) {
      auto itemsize_attribute = h5::find_attribute(d.id(), "itemsize");
      const auto itemsize_values =
          itemsize_attribute ? h5::read_elements(*itemsize_attribute, 1) : std::vector<h5::value>{};
      const auto itemsize = itemsize_values.empty() ? 0 : static_cast<std::size_t>(itemsize_values[0].integer);
      const bool bytes = n.type.cls == h5::type_class::integer && n.type.size == 1 && !n.shape.dims.empty();
      if (*strtype == "unicode" && bytes && itemsize > 0 && n.shape.dims.back() % (4 * itemsize) == 0) {
        n.shape.dims.back() /= 4 * itemsize;
        n.dtype = "string";
        n.form = "numpy U array, UTF-32";
        const auto strings = static_cast<std::size_t>(n.shape.elements());
        const auto shown = std::min(strings, options_.preview);
        try {
          const auto raw = h5::read_elements(d, shown * 4 * itemsize);
          for (std::size_t s = 0; s < shown; ++s)
            n.preview_strings.push_back(detail::utf8_of_utf32(raw, s * 4 * itemsize, itemsize));
        } catch (const h5::failure& e) {
          n.problem = e.what();
        }
        n.preview_complete = shown == strings;
      } else if (*strtype != "ascii" || n.type.cls != h5::type_class::string) {
        return;  // not deepdish's marker after all: keep the attributes in view
      }
    } else {
      return;
    }
    std::erase_if(attributes, [](const std::string& a) { return detail::is_array_marker(a); });
  }

  printer& out_;
  walk_options options_;
  std::vector<std::pair<std::string, std::string>> ancestors_;  // identity, path of the groups being listed
  std::size_t unreadable_ = 0;
  std::string first_unreadable_path_, first_problem_;
};

}  // namespace ddls
