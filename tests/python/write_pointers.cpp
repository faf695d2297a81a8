// Writes the optional / pointer / variant / adapted-struct cases that check_pointers.py reads with h5py
// and with deepdish's loading rules. KEEP IN SYNC WITH check_pointers.py: values are hard-coded on both
// sides.   write_pointers OUTDIR
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>

#include <cstdint>
#include <cstdio>
#include <dd/dd.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/describe/class.hpp>
#include <dd/reflect/describe.hpp>

namespace {

struct Point {
  double x = 0, y = 0;
};
struct Size {
  double x = 0, y = 0;
};

struct Optionals {
  std::optional<int> count;
  std::optional<int> no_count;
  std::optional<std::string> label;
  std::optional<std::string> no_label;
  std::optional<Point> where;
  std::optional<Point> nowhere;
  std::optional<std::vector<double>> values;
  std::optional<std::vector<double>> no_values;
  std::vector<std::optional<int>> list;
};

struct Node {
  int id = 0;
  std::shared_ptr<Node> next;
};

struct Pointers {
  std::unique_ptr<int> count;
  std::unique_ptr<Point> nowhere;
  std::shared_ptr<std::vector<double>> a, b;
  std::vector<std::shared_ptr<std::vector<double>>> list;
  std::shared_ptr<int> n, m;
  std::shared_ptr<Node> cycle;
};

struct Variants {
  std::variant<int, long> number;
  std::variant<Point, Size> shape;
  std::variant<std::monostate, int> maybe;
  std::variant<std::string, std::vector<double>> mixed;
  std::vector<std::variant<int, std::string>> list;
  std::map<std::string, std::variant<double, std::string>> by_name;
};

struct Trainer {
  BOOST_HANA_DEFINE_STRUCT(Trainer, (std::string, name), (double, lr), (std::vector<int>, steps));
};

class Account {
 public:
  Account() = default;
  Account(std::string owner, double balance) : owner_(std::move(owner)), balance_(balance) {}

 private:
  std::string owner_;
  double balance_ = 0;
  BOOST_DESCRIBE_CLASS(Account, (), (), (), (owner_, balance_))
};

struct Adapted {
  Trainer trainer;
  Account account;
  std::vector<Trainer> history;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_pointers OUTDIR\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  try {
    dd::save(out / "optionals.h5",
             Optionals{5, {}, "h\u00e9llo", {}, Point{1, 2}, {}, std::vector<double>{0.5, -1}, {}, {1, std::nullopt}});
    dd::save(out / "top_none.h5", std::optional<int>());
    dd::save(out / "top_optional.h5", std::optional<std::vector<double>>(std::vector<double>{1.5}));

    Pointers p;
    p.count = std::make_unique<int>(7);
    p.a = std::make_shared<std::vector<double>>(std::vector<double>{1, 2, 3});
    p.b = p.a;
    p.list = {p.a, std::make_shared<std::vector<double>>(std::vector<double>{4}), p.a};
    p.n = std::make_shared<int>(9);
    p.m = p.n;
    p.cycle = std::make_shared<Node>(Node{1, nullptr});
    p.cycle->next = std::make_shared<Node>(Node{2, p.cycle});
    dd::save(out / "pointers.h5", p);
    p.cycle->next->next.reset();

    auto self = std::make_shared<Node>(Node{3, nullptr});
    self->next = self;
    dd::save(out / "top_self.h5", self);
    self->next.reset();

    dd::save(out / "variants.h5",
             Variants{5L, Size{2, 3}, std::monostate{}, std::vector<double>{0.25}, {1, "one"}, {{"pi", 3.0}}});
    dd::save(out / "top_variant.h5", std::variant<int, std::string>("x"));
    dd::save(out / "top_variant_group.h5", std::variant<Point, Size>(Point{1, 1}));

    dd::save(out / "adapted.h5",
             Adapted{Trainer{"adam", 0.001, {1, 2}}, Account("ann", -12.5), {Trainer{"sgd", 0.5, {}}}});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_pointers: %s\n", e.what());
    return 1;
  }
  return 0;
}
