// Must not compile: "dd: only class aggregates". A constructor makes field counting meaningless.
#include <dd/reflect/fields.hpp>

struct Point {
  Point(int x_, int y_) : x(x_), y(y_) {}
  int x;
  int y;
};
inline constexpr std::size_t count = dd::reflect::field_count<Point>;
