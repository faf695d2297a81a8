// The demo of the README: save the Caffe batch of the deepdish blog and a training config, load both
// back, check them, and print the tree of each file as h5ls would.
#include <array>
#include <cstdio>
#include <dd/dd.hpp>
#include <map>
#include <string>
#include <vector>

#include "print_tree.hpp"

using Image = std::array<std::array<std::array<float, 32>, 32>, 3>;  // channels x height x width

struct Batch {
  std::vector<Image> data;   // -> dataset "data" of shape (100, 3, 32, 32)
  std::vector<float> label;  // -> dataset "label" of shape (100,)
};

struct Optimizer {
  std::string name;
  double lr;
  int steps;
};

struct Config {
  int epochs;
  bool shuffle;
  double dropout;
  std::string run_name;
  Optimizer opt;                               // -> group "opt"
  std::vector<float> weights;                  // -> dataset "weights"
  std::array<std::array<double, 3>, 2> frame;  // -> dataset "frame" of shape (2, 3)
  std::map<std::string, double> metrics;       // -> group "metrics", one attribute per key
  std::vector<Optimizer> history;              // -> group "history" titled list:2, with i0, i1
};

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  try {
    Batch batch{std::vector<Image>(100), std::vector<float>(100)};
    for (std::size_t i = 0; i < 100; ++i) {
      batch.label[i] = static_cast<float>(i % 10);
      batch.data[i][i % 3][i % 32][0] = 1.0f;
    }
    dd::save(dir + "/batch.h5", batch);
    const auto batch_back = dd::load<Batch>(dir + "/batch.h5");

    const Config cfg{10,
                     true,
                     0.25,
                     "baseline",
                     {"adam", 1e-3, 500},
                     {0.5f, -1.25f, 3.0f},
                     {{{1, 2, 3}, {4, 5, 6}}},
                     {{"loss", 0.125}, {"acc", 0.875}},
                     {{"sgd", 0.1, 10}, {"adam", 0.01, 20}}};
    dd::save(dir + "/run.h5", cfg);
    const auto cfg_back = dd::load<Config>(dir + "/run.h5");
    const auto lr = dd::load<double>(dir + "/run.h5", "/opt/lr");

    const bool same = batch_back.data == batch.data && batch_back.label == batch.label &&
                      cfg_back.run_name == cfg.run_name && cfg_back.history.size() == 2 &&
                      cfg_back.metrics == cfg.metrics && cfg_back.frame == cfg.frame && lr == 1e-3;
    std::printf("%s/batch.h5:\n", dir.c_str());
    print_tree(dir + "/batch.h5");
    std::printf("\n%s/run.h5:\n", dir.c_str());
    print_tree(dir + "/run.h5");
    std::printf("\nloaded back %s; /opt/lr = %g\n", same ? "identical" : "DIFFERENT", lr);
    return same ? 0 : 1;
  } catch (const dd::error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
