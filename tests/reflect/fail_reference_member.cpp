// Must not compile: "dd: cannot count the fields of this struct: a reference member".
#include <dd/reflect/fields.hpp>

struct View {
  int size;
  int& first;
};
inline constexpr std::size_t count = dd::reflect::field_count<View>;
