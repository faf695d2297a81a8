// A dd::codec specialization with members of two kinds (a field list and a rename list).
#include <dd/dd.hpp>

struct Thing {
  int x;
};
template <>
struct dd::codec<Thing> {
  static constexpr auto fields = std::tuple{dd::field("x", &Thing::x)};
  static constexpr std::array rename{dd::renamed{"x", "y"}};
};

int main() { dd::save("x.h5", Thing{}); }
