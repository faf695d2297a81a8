// A full-control codec with save but no load.
#include <dd/dd.hpp>

struct Poly {
  std::vector<double> c;
};
template <>
struct dd::codec<Poly> {
  static void save(dd::writer& out, const Poly& p) { out.save("c", p.c); }
};

int main() { dd::save("x.h5", Poly{}); }
