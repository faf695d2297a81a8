// Must not compile: "dd: C-array member in a struct with a member that is not default-initializable"
// (g++ only). Without a default for every field, dd counts with a placeholder that is brace-elided
// into the array, so it cannot count the array as one field.
#include <dd/reflect/fields.hpp>

struct NoDefault {
  explicit NoDefault(int) {}
};
struct Sample {
  double xyz[3];
  NoDefault tag;
};
inline constexpr const auto& names = dd::reflect::field_names<Sample>;
