// Must not compile: "dd: unions cannot be reflected".
#include <dd/reflect/fields.hpp>

union Number {
  int i;
  float f;
};
inline constexpr const auto& names = dd::reflect::field_names<Number>;
