// Must not compile: "dd: reference member". A const reference can be counted, then is rejected.
#include <dd/reflect/fields.hpp>

struct View {
  int size;
  const double& first;
};
inline constexpr std::size_t count = dd::reflect::field_count<View>;
