// A dd::codec specialization with none of the members dd looks for.
#include <dd/dd.hpp>

struct Thing {
  int x;
};
template <>
struct dd::codec<Thing> {
  static constexpr int version = 2;
};

int main() { dd::save("x.h5", Thing{}); }
