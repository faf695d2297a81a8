// One dd::file shared by 4 threads that append to and save into it, built with ThreadSanitizer by
// tests/tsan/run.sh: any data race in dd (its pending appends, its path strings) fails the run. The
// threads also share one dd::appender, and each has one of its own.
#include <cstdio>
#include <dd/dd.hpp>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "shared.h5";
  {
    dd::file f(path, dd::mode::create);
    auto shared = f.appender<int>("/shared");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&f, &shared, t] {
        const auto name = "/t" + std::to_string(t);
        auto own = f.appender<double>(name + "/accuracy");
        for (int i = 0; i < 3000; ++i) {
          f.append(name + "/losses", double(i));
          own.append(double(i));
          shared.append(i);
          if (i % 100 == 0) f.save(name + "/step", i);
          if (i % 500 == 0) (void)f.contains(name + "/losses");
        }
        f.flush();
      });
    for (auto& t : threads) t.join();
  }
  for (int t = 0; t < 4; ++t) {
    const auto name = "/t" + std::to_string(t);
    if (dd::load<std::vector<double>>(path, name + "/losses").size() != 3000 ||
        dd::load<std::vector<double>>(path, name + "/accuracy").size() != 3000 ||
        dd::load<int>(path, name + "/step") != 2900) {
      std::printf("wrong contents in %s\n", name.c_str());
      return 1;
    }
  }
  if (dd::load<std::vector<int>>(path, "/shared").size() != 4 * 3000) {
    std::printf("wrong contents in /shared\n");
    return 1;
  }
  std::printf("ok\n");
}
