#pragma once
// The type the fuzzer loads arbitrary bytes into: one member of most families dd maps, nested.
#include <dd/dd.hpp>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace fuzz {

struct Optimizer {
  std::string name;
  double lr = 0;
  int steps = 0;
};

struct Particle {
  double x = 0, y = 0;
  float mass = 0;
  int id = 0;
};

enum class Mode { fast, exact };

struct Representative {
  int epochs = 0;
  bool shuffle = false;
  std::string run_name;
  Mode mode = Mode::fast;
  std::vector<float> weights;
  std::array<std::array<double, 3>, 2> frame{};
  std::map<std::string, double> metrics;
  std::vector<Optimizer> history;
  std::optional<int> maybe;
  std::variant<int, std::string> choice;
  std::tuple<int, std::string> pair;
  std::map<int, std::string> by_id;
  std::vector<std::string> tags;
  std::vector<Particle> particles;
  dd::ndarray<double> grid;
};

inline Representative sample() {
  Representative r;
  r.epochs = 10;
  r.shuffle = true;
  r.run_name = "fuzz seed";
  r.mode = Mode::exact;
  r.weights = {0.5f, -1.25f, 3.0f};
  r.frame = {{{1, 2, 3}, {4, 5, 6}}};
  r.metrics = {{"loss", 0.125}, {"accuracy", 0.875}};
  r.history = {{"sgd", 0.1, 10}, {"adam", 0.01, 20}};
  r.maybe = 7;
  r.choice = std::string("picked");
  r.pair = {3, "three"};
  r.by_id = {{-1, "minus one"}, {3, "three"}};
  r.tags = {"a", "", "caf\xc3\xa9"};
  r.particles = {{1, 2, 0.5f, 1}, {3, 4, 1.5f, 2}};
  r.grid = dd::ndarray<double>({2, 2}, 1.5);
  return r;
}

}  // namespace fuzz
