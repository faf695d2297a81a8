// dd's headers under the warnings users turn on: compiled with -Wall -Wextra -Wpedantic -Wshadow
// -Wconversion -Wold-style-cast -Werror and the headers as user headers (tests/meson.build), it
// instantiates the common saves and loads and runs them.
#include <dd/compressed.hpp>
#include <dd/dd.hpp>

#include <array>
#include <chrono>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace {

enum class Mode { fast, exact };

struct Particle {
  double x, y;
  float mass;
  std::int32_t id;
};

struct Inner {
  std::string name;
  double lr = 0;
  std::vector<std::int16_t> steps;
};

struct Everything {
  std::int8_t i8 = 0;
  std::uint16_t u16 = 0;
  std::int32_t i32 = 0;
  std::uint64_t u64 = 0;
  float f = 0;
  double d = 0;
  long double ld = 0;
  bool flag = false;
  char c = 0;
  std::complex<double> z;
  std::string s;
  Mode mode = Mode::fast;
  std::chrono::milliseconds timeout{};
  std::vector<float> weights;
  std::vector<bool> bits;
  std::array<std::array<double, 3>, 2> frame{};
  std::vector<std::array<std::uint8_t, 4>> pixels;
  std::vector<std::string> names;
  std::vector<Particle> particles;
  std::vector<Inner> history;
  std::map<std::string, double> metrics;
  std::unordered_map<std::string, Inner> by_name;
  std::map<int, std::string> by_id;
  std::set<std::int64_t> ids;
  std::deque<double> queue;
  std::list<std::string> notes;
  std::tuple<int, std::string, double> triple;
  std::pair<float, std::int64_t> pair;
  std::optional<double> maybe;
  std::unique_ptr<Inner> owned;
  std::shared_ptr<std::vector<double>> shared, alias;
  std::variant<int, std::string, Inner> choice;
  dd::compressed<std::vector<double>> packed{.value = {}, .with = dd::deflate(4)};
  dd::ndarray<float> images;
  Inner inner;
};

}  // namespace

int main(int argc, char** argv) {
  const std::string file = argc > 1 ? argv[1] : "strict.h5";
  Everything e;
  e.i8 = -3;
  e.u64 = 1ull << 40;
  e.ld = 0.25L;
  e.z = {1, -2};
  e.s = "text";
  e.mode = Mode::exact;
  e.timeout = std::chrono::milliseconds(1500);
  e.weights = {1, 2, 3};
  e.bits = {true, false};
  e.frame = {{{1, 2, 3}, {4, 5, 6}}};
  e.pixels = {{1, 2, 3, 4}};
  e.names = {"a", "bc"};
  e.particles = {{1, 2, 0.5f, 7}};
  e.history = {{"sgd", 0.1, {1, 2}}};
  e.metrics = {{"loss", 0.5}};
  e.by_name["x"] = {"adam", 0.01, {}};
  e.by_id = {{-1, "minus one"}, {3, "three"}};
  e.ids = {5, 1};
  e.queue = {1.5};
  e.notes = {"n"};
  e.triple = {1, "two", 3.0};
  e.pair = {1.5f, 2};
  e.maybe = 4.5;
  e.owned = std::make_unique<Inner>(Inner{"own", 1, {}});
  e.shared = std::make_shared<std::vector<double>>(std::vector<double>{9, 8});
  e.alias = e.shared;
  e.choice = std::string("chosen");
  e.packed.value.assign(1000, 0.5);
  e.images = dd::ndarray<float>({2, 3});
  e.inner = {"inner", 2, {3}};

  dd::save(file, e, {.compression = dd::deflate(1)});
  const auto back = dd::load<Everything>(file);
  auto weights = dd::load<std::vector<float>>(file, "/weights");
  const auto part = dd::load<std::vector<float>>(file, "/weights", dd::rows(1, 2));
  dd::load(file, "/weights", weights, {.allow_lossy_conversions = true});

  dd::file f(file, dd::mode::read_write);
  f.save("/extra/inner", e.inner);
  for (int i = 0; i < 3; ++i) f.append("/losses", 0.5 * i);
  f.close();

  const bool ok = back.i8 == -3 && back.u64 == (1ull << 40) && back.s == "text" && back.mode == Mode::exact &&
                  back.frame[1][2] == 6 && back.particles.size() == 1 && back.history[0].name == "sgd" &&
                  back.by_id.at(3) == "three" && back.maybe == 4.5 && back.owned && back.owned->name == "own" &&
                  back.shared == back.alias && std::get<std::string>(back.choice) == "chosen" &&
                  back.packed.value.size() == 1000 && back.images.shape() == std::vector<std::size_t>{2, 3} &&
                  weights.size() == 3 && part.size() == 2 && part[0] == 2;
  std::printf("%s\n", ok ? "ok" : "loaded values differ");
  return ok ? 0 : 1;
}
