// Files for the ddls tests, written by dd itself:
//   write_files OUTDIR          the dd-written files whose listings and schemas tests/ddls/ checks
//   write_files --wide N FILE   one group of N small datasets (the scaling test), through dd's h5 layer
#include <array>
#include <chrono>
#include <complex>
#include <cstdint>
#include <cstdlib>
#include <dd/dd.hpp>
#include <dd/h5/file.hpp>
#include <dd/h5/group.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace {

struct Optimizer {
  std::string name;
  double lr;
  int steps;
};
enum class Color { red, green, blue };
struct Particle {
  double x, y;
  float mass;
  std::int32_t id;
};
struct Config {
  int epochs;
  bool shuffle;
  double dropout;
  std::string run_name;
  Optimizer opt;
  std::vector<float> weights;
  std::array<std::array<double, 3>, 2> frame;
  std::map<std::string, double> metrics;
  std::vector<Optimizer> history;
  std::vector<std::string> tags;
  std::tuple<int, std::string, double> triple;
  std::optional<int> nothing;
  std::map<int, std::string> by_id;
  std::vector<Particle> particles;
  std::vector<Color> colors;
  std::complex<double> z;
  dd::ndarray<std::int16_t> cube;
  std::chrono::milliseconds timeout;
  std::vector<std::vector<int>> ragged;
  std::variant<int, std::string> choice;
};

Config make_config() {
  Config c{};
  c.epochs = 10;
  c.shuffle = true;
  c.dropout = 0.25;
  c.run_name = "first run";
  c.opt = {"adam", 0.001, 500};
  for (int i = 0; i < 1000; ++i) c.weights.push_back(static_cast<float>(i) * 0.5f);
  c.frame = {{{0, 1, 2}, {3, 4, 5}}};
  c.metrics = {{"accuracy", 0.875}, {"loss", 0.125}};
  c.history = {{"sgd", 0.1, 10}, {"adam", 0.01, 20}};
  c.tags = {"baseline", "caf\xc3\xa9", ""};
  c.triple = {7, "seven", 7.5};
  c.by_id = {{3, "three"}, {-1, "minus one"}};
  c.particles = {{1.0, 2.0, 0.5f, 1}, {3.0, 4.0, 1.5f, 2}};
  c.colors = {Color::red, Color::blue, Color::green};
  c.z = {3, -4};
  c.cube = dd::ndarray<std::int16_t>({2, 2, 2});
  for (std::size_t i = 0; i < c.cube.size(); ++i) c.cube.data()[i] = static_cast<std::int16_t>(i * 10);
  c.timeout = std::chrono::milliseconds(1500);
  c.ragged = {{1, 2, 3}, {}, {4}};
  c.choice = std::string("picked");
  return c;
}

struct Filters {
  dd::compressed<std::vector<double>> gzip{.value = {}, .with = dd::deflate(6)};
  dd::compressed<std::vector<double>> blosc{.value = {}, .with = dd::blosc(dd::blosc_codec::zstd, 5)};
  dd::compressed<std::vector<double>> lz4{.value = {}, .with = dd::lz4()};
  dd::compressed<std::vector<double>> bzip2{.value = {}, .with = dd::bzip2(9)};
};

struct Links {
  std::shared_ptr<std::vector<int>> first;
  std::shared_ptr<std::vector<int>> second;  // the same vector: a soft link to /first
};

void write_wide(std::size_t n, const std::string& file) {
  // Written through dd's h5 layer: dd::save of a map this wide would spend its time on the writing.
  const dd::h5::creation_properties props;
  auto f = dd::h5::create_file(file, false);
  {  // the groups close before the file: a strong close would leave their handles dangling
    const auto root = dd::h5::group::open_root(f.id());
    const auto wide = root.create_group("wide", props);
    const std::vector<hsize_t> one{1};
    for (std::size_t i = 0; i < n; ++i) {
      const auto d = wide.create_dataset("d" + std::to_string(i), dd::h5::file_type<std::int32_t>(), one,
                                         props.dataset_plain.id(), props);
      const auto value = static_cast<std::int32_t>(i);
      d.write(dd::h5::memory_type<std::int32_t>(), &value);
    }
  }
  dd::h5::close_file(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--wide") {
    write_wide(std::strtoul(argv[2], nullptr, 10), argv[3]);
    return 0;
  }
  if (argc != 2) {
    std::cerr << "usage: write_files OUTDIR | write_files --wide N FILE\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  const auto config = make_config();
  dd::save(out / "dd_config.h5", config);
  dd::save(out / "dd_config_deflate.h5", config, {.compression = dd::deflate(4), .compression_threshold = 4});
  Filters filters;
  for (auto* member : {&filters.gzip, &filters.blosc, &filters.lz4, &filters.bzip2})
    for (int i = 0; i < 100; ++i) member->value.push_back(i * 0.25);
  dd::save(out / "dd_filters.h5", filters);
  Links links;
  links.first = std::make_shared<std::vector<int>>(std::vector<int>{1, 2, 3});
  links.second = links.first;
  dd::save(out / "dd_links.h5", links);
  dd::save(out / "dd_top_vector.h5", std::vector<double>{1.5, 2.5, 3.5});
  dd::save(out / "dd_top_strings.h5", std::vector<std::string>{"alpha", "beta"});
  dd::save(out / "dd_pickled.h5",
           std::map<std::string, dd::pickled>{
               {"blob", dd::pickled{{std::byte{0x80}, std::byte{5}, std::byte{'N'}, std::byte{'.'}}}}});
  return 0;
}
