#pragma once
// The tree printed for people: one line per member, drawn with box characters, every line written as
// soon as its member is known.
#include <cstdio>
#include <string>
#include <vector>

#include "format.hpp"
#include "tree.hpp"

namespace ddls {

class text_printer : public printer {
 public:
  text_printer(std::FILE* out, bool color, view v) : out_(out), color_(color), view_(v) {}

  void begin(const node& n, bool last) override {
    std::string left, plain;  // plain: the same without colours, to measure the column
    if (!open_.empty()) {
      for (std::size_t i = 1; i < open_.size(); ++i) plain += open_[i] ? "    " : "\u2502   ";
      plain += last ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ";
      left = paint(plain, dim);
    }
    const std::string label =
        open_.empty() ? printable(n.path, false) : (n.at_sign ? "@" : "") + printable(n.name, false);
    plain += label;
    left += paint(label, name_colour(n));
    const std::size_t width = display_width(plain);
    const std::string gap(width + 2 < name_column ? name_column - width : 2, ' ');
    const std::string line = left + gap + description(n) + "\n";
    std::fwrite(line.data(), 1, line.size(), out_);
    if (n.expanded) open_.push_back(last);
  }

  void end(const node&) override { open_.pop_back(); }

 private:
  static constexpr std::size_t name_column = 32;
  static constexpr std::size_t preview_width = 60;
  static constexpr const char* dim = "2";
  static constexpr const char* bold_blue = "1;34";
  static constexpr const char* cyan = "36";
  static constexpr const char* purple = "35";
  static constexpr const char* yellow = "33";
  static constexpr const char* green = "32";
  static constexpr const char* red = "31";

  std::string paint(const std::string& s, const char* colour) const {
    if (!color_ || !colour || s.empty()) return s;
    return std::string("\033[") + colour + "m" + s + "\033[0m";
  }

  static const char* name_colour(const node& n) {
    switch (n.k) {
      case node::kind::soft_link:
      case node::kind::external_link:
      case node::kind::cycle: return cyan;
      case node::kind::dataset:
      case node::kind::attribute:
      case node::kind::pickled: return nullptr;
      default: return bold_blue;
    }
  }

  static std::string count(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  }

  std::string preview(const node& n) const {
    if (!n.problem.empty()) return paint("<unreadable: " + printable(n.problem, false) + ">", red);
    if (n.form == "deepdish zero-size array") return "[]";
    std::vector<std::string> items;
    if (!n.preview_strings.empty()) {
      for (const auto& s : n.preview_strings)
        items.push_back(value_text(h5::value{h5::value::kind::string, 0, 0, false, s, {}, false}));
    } else {
      for (const auto& v : n.preview) items.push_back(element_text(n.type, v));
    }
    if (n.shape.null) return view_ == view::deepdish && n.type.cls == h5::type_class::string ? "\"\"" : "null";
    if (n.shape.dims.empty()) return items.empty() ? "" : items[0];
    // Whole elements only, and no more than fit in about a line's worth of text.
    std::string text = "[";
    std::size_t shown = 0;
    for (; shown < items.size() && (shown == 0 || text.size() + items[shown].size() < preview_width); ++shown)
      text += (shown ? ", " : "") + items[shown];
    const bool complete = n.preview_complete && shown == items.size();
    return text + (complete ? "]" : (shown == 0 ? "...]" : ", ...]"));
  }

  std::string description(const node& n) const {
    const std::string more = n.cut ? " " + paint("[...]", dim) : "";
    switch (n.k) {
      case node::kind::dict: {
        std::string text = paint("dict", purple) + " (" + count(n.members, "member", "members") + ")" + more;
        if (n.unpacked) text += "  " + paint("deepdish.io.load returns /data", dim);
        return text;
      }
      case node::kind::list: return paint("list", purple) + " (" + count(n.members, "item", "items") + ")" + more;
      case node::kind::tuple: return paint("tuple", purple) + " (" + count(n.members, "item", "items") + ")" + more;
      case node::kind::map: return paint("map", purple) + " (" + count(n.members, "entry", "entries") + ")" + more;
      case node::kind::none: return paint("None", purple);
      case node::kind::group:
        return paint("group", purple) + " (" + count(n.members, "link", "links") + ", " +
               count(n.attributes, "attribute", "attributes") + ")" + more;
      case node::kind::soft_link:
        return paint("-> " + printable(n.target, false), cyan) + (n.dangling ? "  " + paint("(dangling)", red) : "");
      case node::kind::external_link:
        return paint("-> " + printable(n.file, false) + ":" + printable(n.target, false), cyan) + "  " +
               paint("(external link)", dim);
      case node::kind::cycle:
        return paint("-> " + printable(n.target, false), cyan) + "  " +
               paint("(hard link to a group above: not followed)", dim);
      case node::kind::pickled:
        return paint("pickled Python object", yellow) + " (" + std::to_string(n.bytes) + " bytes)";
      case node::kind::dataset:
      case node::kind::attribute: {
        std::string text = paint(printable(n.dtype, false), yellow);
        const bool scalar_attribute = n.k == node::kind::attribute && !n.shape.null && n.shape.dims.empty();
        if (!scalar_attribute && !n.shape.null)
          text += " " + paint(n.shape.dims.empty() ? "()" : dims_text(n.shape.dims), yellow);
        const auto values = preview(n);
        if (!values.empty()) text += "  " + values;
        if (n.storage)
          text += "  " + paint(storage_text(*n.storage), dim);
        else if (!scalar_attribute && !n.shape.null)
          text += "  " + paint("attribute", dim);
        if (!n.form.empty()) text += "  " + paint("(" + n.form + ")", dim);
        return text;
      }
    }
    return {};
  }

  std::FILE* out_;
  bool color_;
  view view_;
  std::vector<bool> open_;  // per listed group (or dataset with attributes): was it its parent's last member
};

}  // namespace ddls
