#pragma once
// The tree as one JSON document (docs/ddls.md describes every field), written as the walk goes:
// a node's object is opened when it is met and closed after its members.
#include <cstdio>
#include <string>
#include <vector>

#include "format.hpp"
#include "tree.hpp"

namespace ddls {

inline std::string type_json(const h5::type_description& t) {
  auto field = [](const char* key, const std::string& value) { return std::string(", \"") + key + "\": " + value; };
  std::string text = "{\"class\": ";
  switch (t.cls) {
    case h5::type_class::integer: text += "\"integer\""; break;
    case h5::type_class::floating: text += "\"float\""; break;
    case h5::type_class::bitfield: text += "\"bitfield\""; break;
    case h5::type_class::string: text += "\"string\""; break;
    case h5::type_class::compound: text += "\"compound\""; break;
    case h5::type_class::enumeration: text += "\"enum\""; break;
    case h5::type_class::array: text += "\"array\""; break;
    case h5::type_class::variable_length: text += "\"vlen\""; break;
    case h5::type_class::opaque: text += "\"opaque\""; break;
    case h5::type_class::reference: text += "\"reference\""; break;
    case h5::type_class::time: text += "\"time\""; break;
    default: text += "\"other\""; break;
  }
  text += field("size", std::to_string(t.size));
  switch (t.cls) {
    case h5::type_class::integer:
    case h5::type_class::floating:
    case h5::type_class::bitfield:
      if (t.cls == h5::type_class::integer) text += field("signed", t.is_signed ? "true" : "false");
      text += field("byte_order", t.big_endian ? "\"big\"" : "\"little\"");
      break;
    case h5::type_class::string:
      text += field("length", t.variable_string ? "\"variable\"" : std::to_string(t.size));
      text += field("charset", t.utf8 ? "\"utf-8\"" : "\"ascii\"");
      text += field("padding", t.padding == h5::string_padding::null_terminated ? "\"null_terminated\""
                               : t.padding == h5::string_padding::null_padded   ? "\"null_padded\""
                                                                                : "\"space_padded\"");
      break;
    case h5::type_class::compound: {
      std::string members = "[";
      for (std::size_t i = 0; i < t.members.size(); ++i)
        members += (i ? ", " : "") + std::string("{\"name\": ") + json_string(t.members[i].name) +
                   ", \"offset\": " + std::to_string(t.members[i].offset) +
                   ", \"type\": " + type_json(t.members[i].type) + "}";
      text += field("members", members + "]");
      break;
    }
    case h5::type_class::enumeration: {
      std::string members = "[";
      for (std::size_t i = 0; i < t.enumerators.size(); ++i)
        members += (i ? ", " : "") + std::string("{\"name\": ") + json_string(t.enumerators[i].name) +
                   ", \"value\": " + integer_text(t.enumerators[i].value) + "}";
      text += field("base", type_json(t.base[0])) + field("members", members + "]");
      break;
    }
    case h5::type_class::array: {
      std::string dims = "[";
      for (std::size_t i = 0; i < t.dims.size(); ++i) dims += (i ? ", " : "") + std::to_string(t.dims[i]);
      text += field("dims", dims + "]") + field("base", type_json(t.base[0]));
      break;
    }
    case h5::type_class::variable_length: text += field("base", type_json(t.base[0])); break;
    default: break;
  }
  return text + "}";
}

class json_printer : public printer {
 public:
  json_printer(std::FILE* out, const std::string& file, view v) : out_(out) {
    write(std::string("{\"ddls\": 1, \"file\": ") + json_string(file) +
          ", \"view\": " + (v == view::deepdish ? "\"deepdish\"" : "\"raw\"") + ", \"root\": ");
  }

  void finish() { write("}\n"); }

  void begin(const node& n, bool) override {
    if (!first_.empty()) {
      if (!first_.back()) write(", ");
      first_.back() = false;
    }
    std::string text = "{\"name\": " + json_string(n.name) + ", \"path\": " + json_string(n.path) + ", \"kind\": \"" +
                       kind_name(n.k) + "\"";
    switch (n.k) {
      case node::kind::dict:
      case node::kind::list:
      case node::kind::tuple:
      case node::kind::map:
      case node::kind::none:
      case node::kind::group:
        if (n.title) text += ", \"title\": " + json_string(*n.title);
        if (n.k == node::kind::group)
          text += ", \"links\": " + std::to_string(n.members) + ", \"attributes\": " + std::to_string(n.attributes);
        else if (n.k != node::kind::none)
          text += ", \"length\": " + std::to_string(n.members);
        if (n.unpacked) text += ", \"unpack\": true";
        if (n.cut) text += ", \"truncated\": true";
        break;
      case node::kind::soft_link:
        text += ", \"target\": " + json_string(n.target) + ", \"dangling\": " + (n.dangling ? "true" : "false");
        break;
      case node::kind::external_link:
        text += ", \"file\": " + json_string(n.file) + ", \"target\": " + json_string(n.target);
        break;
      case node::kind::cycle: text += ", \"target\": " + json_string(n.target); break;
      case node::kind::pickled: text += ", \"bytes\": " + std::to_string(n.bytes); break;
      case node::kind::dataset:
      case node::kind::attribute: text += data_fields(n); break;
    }
    if (n.expanded) {
      text += n.k == node::kind::dataset ? ", \"attributes\": [" : ", \"members\": [";
      first_.push_back(true);
    } else {
      text += "}";
    }
    write(text);
  }

  void end(const node&) override {
    first_.pop_back();
    write("]}");
  }

 private:
  static const char* kind_name(node::kind k) {
    switch (k) {
      case node::kind::dict: return "dict";
      case node::kind::list: return "list";
      case node::kind::tuple: return "tuple";
      case node::kind::none: return "none";
      case node::kind::map: return "map";
      case node::kind::group: return "group";
      case node::kind::dataset: return "dataset";
      case node::kind::attribute: return "attribute";
      case node::kind::soft_link: return "soft_link";
      case node::kind::external_link: return "external_link";
      case node::kind::pickled: return "pickled";
      case node::kind::cycle: return "hard_link_cycle";
    }
    return "unknown";
  }

  static std::string data_fields(const node& n) {
    std::string text = ", \"dtype\": " + json_string(n.dtype) + ", \"type\": " + type_json(n.type);
    if (n.shape.null) {
      text += ", \"shape\": null";
    } else {
      std::string dims = "[";
      for (std::size_t i = 0; i < n.shape.dims.size(); ++i) dims += (i ? ", " : "") + std::to_string(n.shape.dims[i]);
      text += ", \"shape\": " + dims + "]";
    }
    if (!n.form.empty()) text += ", \"form\": " + json_string(n.form);
    if (n.storage) {
      text += std::string(", \"layout\": \"") + layout_text(n.storage->layout) + "\"";
      if (n.storage->layout == h5::layout::chunked) {
        std::string chunk = "[";
        for (std::size_t i = 0; i < n.storage->chunk.size(); ++i)
          chunk += (i ? ", " : "") + std::to_string(n.storage->chunk[i]);
        text += ", \"chunk\": " + chunk + "]";
      }
      std::string filters = "[";
      for (std::size_t i = 0; i < n.storage->filters.size(); ++i) {
        const auto& f = n.storage->filters[i];
        std::string options = "[";
        for (std::size_t k = 0; k < f.cd_values.size(); ++k)
          options += (k ? ", " : "") + std::to_string(f.cd_values[k]);
        filters += (i ? ", " : "") + std::string("{\"id\": ") + std::to_string(f.id) + ", \"name\": \"" +
                   filter_key(f) + "\", \"text\": " + json_string(filter_text(f)) + ", \"options\": " + options + "]}";
      }
      text += ", \"filters\": " + filters + "]";
    }
    if (!n.problem.empty()) return text + ", \"error\": " + json_string(n.problem);
    std::string values = "[";
    if (!n.preview_strings.empty()) {
      for (std::size_t i = 0; i < n.preview_strings.size(); ++i)
        values += (i ? ", " : "") + json_string(n.preview_strings[i]);
    } else {
      for (std::size_t i = 0; i < n.preview.size(); ++i) values += (i ? ", " : "") + element_json(n.type, n.preview[i]);
    }
    text += ", \"preview\": " + values + "], \"preview_complete\": " + (n.preview_complete ? "true" : "false");
    return text;
  }

  void write(const std::string& s) { std::fwrite(s.data(), 1, s.size(), out_); }

  std::FILE* out_;
  std::vector<bool> first_;  // per open members list: nothing written in it yet
};

}  // namespace ddls
