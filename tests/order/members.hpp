// The include-order test's check, after types.hpp and dd: saves a Root, loads it back, and lists the
// members the file holds.
#include <string>

namespace DD_ORDER_NS {

// Saves a Root, loads it back, and returns "member: sub, sub; ..." listing what the file holds.
inline std::string saved_members(const std::string& file) {
  Root root{{"adam", 0.5}, {1, 2, "f"}, Account("ann", 2.5), {3, 4}};
  dd::save(file, root);
  const auto back = dd::load<Root>(file);
  if (back.trainer.name != "adam" || back.partial.kept != 1 || back.partial.first != "f" ||
      !(back.account == root.account) || back.pick.b != 4)
    return "loaded values differ";
  dd::file f(file);
  std::string out;
  for (const std::string member : {"trainer", "partial", "account", "pick"}) {
    out += member + ":";
    for (const auto& e : f.list("/" + member)) out += " " + e.name;
    out += "; ";
  }
  return out;
}

}  // namespace DD_ORDER_NS
