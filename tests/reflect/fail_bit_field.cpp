// Must not compile: "dd: bit-field member" (g++ only; clang 14 stops with its own error).
#include <dd/reflect/fields.hpp>

struct Flags {
  unsigned ready : 1;
  unsigned mode : 3;
  int count;
};
inline constexpr const auto& names = dd::reflect::field_names<Flags>;
