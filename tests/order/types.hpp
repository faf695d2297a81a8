// The types of the include-order test, defined once per TU in namespace DD_ORDER_NS (so the two
// TUs' dd instantiations are distinct functions and cannot be merged by the linker). The includer
// has already included Boost's macros and, before or after them, dd.
#include <string>
#include <vector>

namespace DD_ORDER_NS {

// Hana, defined in the struct
struct Trainer {
  BOOST_HANA_DEFINE_STRUCT(Trainer, (std::string, name), (double, lr));
};
// Hana, adapted from outside: a subset of an aggregate's fields in another order (reflection alone
// would save all three)
struct Partial {
  int kept = 0;
  int skipped = 0;
  std::string first;
};
// Describe: private members (not an aggregate: without the adaptor it has no mapping at all)
class Account {
 public:
  Account() = default;
  Account(std::string owner, double balance) : owner_(std::move(owner)), balance_(balance) {}
  bool operator==(const Account&) const = default;

 private:
  std::string owner_;
  double balance_ = 0;
  BOOST_DESCRIBE_CLASS(Account, (), (), (), (owner_, balance_))
};
// Describe, an aggregate with one of its two fields described
struct Pick {
  int a = 0;
  int b = 0;
};
BOOST_DESCRIBE_STRUCT(Pick, (), (b))

struct Root {
  Trainer trainer;
  Partial partial;
  Account account;
  Pick pick;
};

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

BOOST_HANA_ADAPT_STRUCT(DD_ORDER_NS::Partial, first, kept);
