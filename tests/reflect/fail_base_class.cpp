// Must not compile: "dd: structs with a base class cannot be reflected".
#include <dd/reflect/fields.hpp>

struct Base {
  int id;
};
struct Derived : Base {
  double value;
};
inline constexpr const auto& names = dd::reflect::field_names<Derived>;
