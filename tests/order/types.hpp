// The types of the include-order test, defined once per TU in namespace DD_ORDER_NS (so the two
// TUs' dd instantiations are distinct functions and cannot be merged by the linker). The includer
// has already included Boost's macros; dd may come before or after.
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

}  // namespace DD_ORDER_NS

BOOST_HANA_ADAPT_STRUCT(DD_ORDER_NS::Partial, first, kept);
