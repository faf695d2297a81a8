// The long reliability campaigns of docs/reliability.md (not part of `meson test`):
//   dd_campaign kills N DIR        SIGKILL a process saving to DIR/state.h5 N times at random moments;
//                                  after each kill the file must load as a complete version, and after
//                                  the last, one save must leave no temporary behind.
//   dd_campaign flips N DIR [bytes] flip one random bit (in the first `bytes` bytes, default the
//                                  whole file) of a dd-written file N times and load each copy, in
//                                  a child with a 10 s limit, in the default (trusted) mode.
// Each prints its counts; the exit status is non-zero if any kill lost the file or any flip crashed
// or hung the loading process.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dd/dd.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../fuzz/representative.hpp"

namespace fs = std::filesystem;

namespace {

struct Snapshot {
  int version = 0;
  std::vector<double> values;
};

int kills(int n, const fs::path& dir) {
  fs::create_directories(dir);
  const auto target = dir / "state.h5";
  dd::save(target, Snapshot{0, std::vector<double>(1 << 20, 0.0)});
  std::mt19937 random(std::random_device{}());
  int complete = 0, lost = 0;
  for (int k = 0; k < n; ++k) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      for (int v = 1;; ++v) dd::save(target, Snapshot{v, std::vector<double>(1 << 20, double(v))});
    }
    std::this_thread::sleep_for(std::chrono::microseconds(1000 + random() % 80000));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    try {
      const auto s = dd::load<Snapshot>(target);
      if (s.values.size() == (1u << 20) && s.values.front() == s.version && s.values.back() == s.version)
        ++complete;
      else
        ++lost;
    } catch (const dd::error& e) {
      std::printf("lost: %s\n", e.what());
      ++lost;
    }
  }
  const auto strays = static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{})) - 1;
  dd::save(target, Snapshot{-1, {}});
  const auto left = static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{})) - 1;
  std::printf("kills %d: complete %d, lost %d; temporaries after the kills %d, after one more save %d\n", n, complete,
              lost, strays, left);
  return lost == 0 && left == 0 ? 0 : 1;
}

int flips(int n, const fs::path& dir, std::size_t region) {
  fs::create_directories(dir);
  const auto original = dir / "original.h5", flipped = dir / "flipped.h5";
  dd::save(original, fuzz::sample());
  std::ifstream in(original, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto span = std::min(region ? region : bytes.size(), bytes.size());
  std::mt19937 random(std::random_device{}());
  int error = 0, same = 0, different = 0, crash = 0, hang = 0;
  const auto expected = fuzz::sample();
  for (int k = 0; k < n; ++k) {
    auto copy = bytes;
    copy[random() % span] ^= static_cast<char>(1 << (random() % 8));
    std::ofstream(flipped, std::ios::binary | std::ios::trunc)
        .write(copy.data(), static_cast<std::streamsize>(copy.size()));
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::alarm(10);
      try {
        const auto got = dd::load<fuzz::Representative>(flipped);
        const bool equal = got.epochs == expected.epochs && got.run_name == expected.run_name &&
                           got.weights == expected.weights && got.metrics == expected.metrics &&
                           got.tags == expected.tags && got.grid == expected.grid;
        ::_exit(equal ? 0 : 1);
      } catch (const dd::error&) {
        ::_exit(2);
      }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
      (WTERMSIG(status) == SIGALRM ? hang : crash)++;
    else if (WEXITSTATUS(status) == 0)
      ++same;
    else if (WEXITSTATUS(status) == 1)
      ++different;
    else
      ++error;
  }
  std::printf(
      "flips %d in the first %zu of %zu bytes: dd::error %d, loaded equal %d, loaded different %d, crash %d, "
      "hang %d\n",
      n, span, bytes.size(), error, same, different, crash, hang);
  return crash == 0 && hang == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: dd_campaign kills N DIR | flips N DIR [bytes]\n");
    return 2;
  }
  const std::string what = argv[1];
  const int n = std::atoi(argv[2]);
  if (what == "kills") return kills(n, argv[3]);
  if (what == "flips") return flips(n, argv[3], argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 0);
  return 2;
}
