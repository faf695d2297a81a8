// Must not compile: "dd: this struct has more than 128 fields".
#include <dd/reflect/fields.hpp>

#define TEN(d) int f##d##0, f##d##1, f##d##2, f##d##3, f##d##4, f##d##5, f##d##6, f##d##7, f##d##8, f##d##9;
struct Huge {
  TEN(0) TEN(1) TEN(2) TEN(3) TEN(4) TEN(5) TEN(6) TEN(7) TEN(8) TEN(9) TEN(10) TEN(11) TEN(12)
};
inline constexpr std::size_t count = dd::reflect::field_count<Huge>;
