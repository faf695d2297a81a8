// A proxy codec that can store the value but not make it again.
#include <dd/dd.hpp>

struct Angle {
  double degrees;
};
template <>
struct dd::codec<Angle> {
  using proxy = double;
  static double to(const Angle& a) { return a.degrees; }
};

int main() { (void)dd::load<Angle>("x.h5", "/a"); }
