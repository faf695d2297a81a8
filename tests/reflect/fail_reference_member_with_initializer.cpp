// Must not compile: "dd: reference member". The default member initializer lets the struct be
// counted past the reference, which takes neither `{}` nor a prvalue placeholder.
#include <dd/reflect/fields.hpp>

inline int shared_counter = 0;
struct Counter {
  int step;
  int& total = shared_counter;
  double scale;
};
inline constexpr std::size_t count = dd::reflect::field_count<Counter>;
