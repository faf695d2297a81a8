#pragma once
// The measuring part of dd_bench: alternating dd/C repetitions, statistics, the markdown table, peak
// resident memory of one phase in a forked child, and small file-system helpers.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

inline double ms_since(clock_type::time_point start) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

template <class F>
double time_ms(F&& f) {
  const auto start = clock_type::now();
  f();
  return ms_since(start);
}

[[noreturn]] inline void die(const std::string& what) {
  std::fprintf(stderr, "dd_bench: %s\n", what.c_str());
  std::exit(2);
}

inline void expect(bool ok, const std::string& what) {
  if (!ok) die("CHECK FAILED: " + what);
}

struct samples {
  std::vector<double> ms;
  double min() const { return *std::min_element(ms.begin(), ms.end()); }
  double median() const {
    auto v = ms;
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
};

// One line of the results table: the same phase timed for dd and for the C baseline.
struct row {
  std::string workload;
  std::string phase;
  double amount = 0;  // work per repetition, in the unit's numerator (MB, files, ops, objects)
  std::string unit;   // "MB/s", "files/s", ...
  samples dd, c;
};

// Which sides run: both for the table, one only when profiling (--side dd|c).
enum class sides { both, dd_only, c_only };

struct config {
  fs::path dir;
  int reps = 5;
  int count = 1000;  // W2 files, W3 round trips
  sides side = sides::both;
  bool rss = true;
};

// A repetition: returns the time of each phase it measured, in ms (one phase for most workloads;
// W3 times save and load of each round trip separately).
using rep_fn = std::function<std::vector<double>()>;

// Runs one warm-up of each side, then `reps` repetitions alternating dd and C (the order flips every
// repetition, so slow drift of the machine hits both alike). prepare() runs before every run,
// outside the timing (removing old files, sync), with true for a dd run and false for a C run.
// Appends one row per phase to `out`.
inline void compare(const config& cfg, std::vector<row>& out, const std::string& workload,
                    const std::vector<std::string>& phases, const std::vector<double>& amounts, const std::string& unit,
                    const std::function<void(bool)>& prepare, const rep_fn& dd_rep, const rep_fn& c_rep) {
  const auto first = out.size();
  for (std::size_t i = 0; i < phases.size(); ++i) out.push_back(row{workload, phases[i], amounts[i], unit, {}, {}});
  auto run = [&](bool dd_side, bool record) {
    if ((dd_side && cfg.side == sides::c_only) || (!dd_side && cfg.side == sides::dd_only)) return;
    prepare(dd_side);
    const auto t = dd_side ? dd_rep() : c_rep();
    if (!record) return;
    for (std::size_t i = 0; i < phases.size(); ++i) (dd_side ? out[first + i].dd : out[first + i].c).ms.push_back(t[i]);
  };
  run(true, false);
  run(false, false);
  for (int r = 0; r < cfg.reps; ++r) {
    const bool dd_first = r % 2 == 0;
    run(dd_first, true);
    run(!dd_first, true);
  }
  for (std::size_t i = first; i < out.size(); ++i) {
    const auto& rw = out[i];
    auto show = [](const samples& s) {
      return s.ms.empty() ? std::string("-") : std::to_string(s.median()).substr(0, 8);
    };
    std::fprintf(stderr, "  %s %-24s dd %s ms, C %s ms\n", rw.workload.c_str(), rw.phase.c_str(), show(rw.dd).c_str(),
                 show(rw.c).c_str());
  }
}

inline std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

inline std::string throughput(double amount, double ms) {
  const double per_s = amount / (ms / 1000.0);
  return fixed(per_s, per_s >= 100 ? 0 : 1);
}

inline std::string time_cell(const samples& s) {
  if (s.ms.empty()) return "-";
  const int d = s.median() < 10 ? 2 : 1;
  return fixed(s.median(), d) + " (" + fixed(s.min(), d) + ")";
}

inline void print_table(const std::vector<row>& rows, int reps) {
  std::printf(
      "\nMedian (min) of %d repetitions after one warm-up, dd and C alternating; dd/C is the time ratio "
      "(> 1: dd slower).\n\n",
      reps);
  std::printf("| W | phase | dd ms | C ms | dd | C | unit | dd/C median | dd/C min |\n");
  std::printf("|---|---|---:|---:|---:|---:|---|---:|---:|\n");
  for (const auto& r : rows) {
    const bool both = !r.dd.ms.empty() && !r.c.ms.empty();
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.workload.c_str(), r.phase.c_str(),
                time_cell(r.dd).c_str(), time_cell(r.c).c_str(),
                r.dd.ms.empty() ? "-" : throughput(r.amount, r.dd.median()).c_str(),
                r.c.ms.empty() ? "-" : throughput(r.amount, r.c.median()).c_str(), r.unit.c_str(),
                both ? fixed(r.dd.median() / r.c.median(), 2).c_str() : "-",
                both ? fixed(r.dd.min() / r.c.min(), 2).c_str() : "-");
  }
  std::fflush(stdout);
}

// ---- file system ------------------------------------------------------------------------------

inline void remove_quietly(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

// Empties a directory of our files (and any temporaries a crashed save left), creating it if needed.
inline void reset_dir(const fs::path& p) {
  std::error_code ec;
  fs::remove_all(p, ec);
  fs::create_directories(p);
}

inline std::vector<char> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

// Dirty pages of the previous repetition are written back before the next one starts, so writeback
// does not land inside somebody else's timing.
inline void settle() { ::sync(); }

// ---- peak resident memory ---------------------------------------------------------------------

inline long status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0) return std::stol(line.substr(key.size()));
  return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0).
inline bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

// Runs setup() then phase() in a forked child and returns the memory the child held at its peak
// during phase(), above what it held before setup(), in bytes: setup (the data to save, or an
// existing object to load into) + whatever the phase added on top. A zero-copy save or load of
// `data_bytes` of data gives about data_bytes. Returns -1 if it could not be measured.
inline double peak_bytes_in_child(const std::function<void()>& setup, const std::function<void()>& phase) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::close(fds[0]);
    long result = -1;
    const long before = status_kib("VmRSS");
    setup();
    if (reset_peak()) {
      phase();
      result = status_kib("VmHWM") - before;
    }
    const auto n = ::write(fds[1], &result, sizeof result);
    ::_exit(n == static_cast<ssize_t>(sizeof result) ? 0 : 1);
  }
  ::close(fds[1]);
  long result = -1;
  const auto n = ::read(fds[0], &result, sizeof result);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (n != static_cast<ssize_t>(sizeof result) || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || result < 0)
    return -1;
  return static_cast<double>(result) * 1024.0;
}

}  // namespace bench
