#include <dd/dd.hpp>

#include <cstdio>
#include <string>

struct Point {
  double x, y;
  std::string label;
};

int main(int argc, char** argv) {
  const std::string file = argc > 1 ? argv[1] : "consumer.h5";
  dd::save(file, Point{1.5, -2, "p"});
  const auto p = dd::load<Point>(file);
  std::printf("%g %g %s\n", p.x, p.y, p.label.c_str());
  return p.x == 1.5 && p.y == -2 && p.label == "p" ? 0 : 1;
}
