// Must not compile: "dd: structs with a base class cannot be reflected". An empty base takes an
// initializer of its own, so without the check the count would silently be one too many.
#include <dd/reflect/fields.hpp>

struct Tag {};
struct Tagged : Tag {
  int a;
  double b;
};
inline constexpr const auto& names = dd::reflect::field_names<Tagged>;
