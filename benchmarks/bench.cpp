// dd_bench: the workloads of README.md, dd against a hand-written raw HDF5 C baseline
// that writes the same layout, in one process, alternating repetitions.
//
//   dd_bench <dir> [W1 W2 W3 W4] [--reps N] [--count N] [--side dd|c] [--no-rss] [--plain-c]
//
// <dir> must be on disk (not tmpfs); it receives one subdirectory per workload. --count sets the
// number of files of W2 and round trips of W3 (default 1000); --side runs only
// one side (for profiling); --no-rss skips the W1 peak-memory measurement; --plain-c makes the C side
// keep HDF5's default attribute storage instead of dd's (baseline_c.hpp).
#include <hdf5.h>
#include <sys/utsname.h>

#include <cstring>
#include <ctime>
#include <dd/dd.hpp>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "baseline_c.hpp"
#include "harness.hpp"
#include "workloads.hpp"

namespace {

using namespace bench;

struct report {
  std::vector<row> rows;
  std::vector<std::string> checks;  // correctness checks passed
  std::vector<std::string> memory;  // W1 peak-RSS table lines
};

std::vector<double> one(double ms) { return {ms}; }

bool same_bytes(const fs::path& a, const fs::path& b) {
  std::ifstream x(a, std::ios::binary), y(b, std::ios::binary);
  std::vector<char> bx(1 << 20), by(1 << 20);
  while (true) {
    x.read(bx.data(), std::streamsize(bx.size()));
    y.read(by.data(), std::streamsize(by.size()));
    if (x.gcount() != y.gcount()) return false;
    if (std::memcmp(bx.data(), by.data(), std::size_t(x.gcount())) != 0) return false;
    if (x.gcount() == 0 || !x || !y) return x.eof() == y.eof() && x.gcount() == y.gcount();
  }
}

// Both writers on the same value must produce the same HDF5 layout; with timestamps off and the
// same creation order they even produce the same bytes.
std::string layout_check(const fs::path& dd_file, const fs::path& c_file) {
  const auto a = fs::file_size(dd_file), b = fs::file_size(c_file);
  if (same_bytes(dd_file, c_file)) return "dd and C files byte-identical (" + std::to_string(a) + " bytes)";
  if (c::plain_layout)
    return "C keeps HDF5's default attribute storage (--plain-c): " + std::to_string(a) + " bytes (dd) vs " +
           std::to_string(b) + " (C)";
  return "dd and C files DIFFER in bytes (" + std::to_string(a) + " vs " + std::to_string(b) + " bytes)";
}

std::vector<fs::path> numbered(const fs::path& dir, int count) {
  std::vector<fs::path> names;
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "f%04d.h5", i);
    names.push_back(dir / name);
  }
  return names;
}

// ---- W1: big array --------------------------------------------------------------------------------

void w1_memory(const fs::path& dir, report& rep) {
  const auto dd_file = dir / "rss_dd.h5", c_file = dir / "rss_c.h5";
  std::unique_ptr<w1_data> data;
  w1_data* existing = nullptr;
  double* buffer = nullptr;
  auto make_data = [&] {
    data = std::make_unique<w1_data>(w1_rows);
    w1_fill(data->front().data(), w1_rows * w1_cols);
  };
  auto make_existing = [&] { existing = new w1_data(w1_rows); };  // value-initialized: every page touched
  auto make_buffer = [&] {
    buffer = static_cast<double*>(std::malloc(std::size_t(w1_bytes)));
    std::memset(buffer, 0, std::size_t(w1_bytes));
  };
  auto nothing = [] {};
  std::size_t n = 0;
  struct probe {
    const char* phase;
    std::function<void()> dd_setup, dd_phase, c_setup, c_phase;
  };
  const probe probes[] = {
      {"save", make_data, [&] { dd::save(dd_file, *data); }, make_data,
       [&] { c::w1_save(c_file.c_str(), data->front().data(), w1_rows, w1_cols); }},
      {"load<T> (fresh) / C malloc", nothing, [&] { [[maybe_unused]] auto v = dd::load<w1_data>(dd_file); }, nothing,
       [&] { std::free(c::w1_load(c_file.c_str(), nullptr, &n)); }},
      {"load into existing", make_existing, [&] { dd::load(dd_file, "", *existing); }, make_buffer,
       [&] { c::w1_load(c_file.c_str(), buffer, &n); }},
  };
  rep.memory.push_back("| W1 phase | dd peak RSS / data | C peak RSS / data |");
  rep.memory.push_back("|---|---:|---:|");
  for (const auto& p : probes) {
    const double d = peak_bytes_in_child(p.dd_setup, p.dd_phase);
    const double cc = peak_bytes_in_child(p.c_setup, p.c_phase);
    auto cell = [](double bytes) { return bytes < 0 ? std::string("n/a") : fixed(bytes / w1_bytes, 3) + "x"; };
    rep.memory.push_back(std::string("| ") + p.phase + " | " + cell(d) + " | " + cell(cc) + " |");
  }
  remove_quietly(dd_file);
  remove_quietly(c_file);
}

void w1(const config& cfg, report& rep) {
  std::fprintf(stderr, "W1: float64 (%zu, %zu)\n", w1_rows, w1_cols);
  const auto dir = cfg.dir / "w1";
  reset_dir(dir);
  // Peak memory first, in forked children, while this process holds no large data.
  if (cfg.rss) w1_memory(dir, rep);

  const auto dd_file = dir / "dd.h5", c_file = dir / "c.h5";
  const std::size_t n = w1_rows * w1_cols;
  w1_data data(w1_rows);
  w1_fill(data.front().data(), n);

  {  // correctness: each side loads what the other wrote
    c::w1_save(c_file.c_str(), data.front().data(), w1_rows, w1_cols);
    dd::save(dd_file, data);
    expect(dd::load<w1_data>(c_file) == data, "W1 dd::load<T> of the C file");
    std::size_t got = 0;
    double* p = c::w1_load(dd_file.c_str(), nullptr, &got);
    expect(got == n && std::memcmp(p, data.front().data(), n * sizeof(double)) == 0, "W1 C load of the dd file");
    std::free(p);
    w1_data into(w1_rows);
    w1_fill(into.front().data(), n, -1.0);
    const auto* storage = into.data();
    dd::load(c_file, "", into);
    expect(into == data, "W1 dd::load(path, \"\", obj) of the C file");
    expect(into.data() == storage, "W1 load into an existing object reuses its storage");
    rep.checks.push_back(
        "W1: dd::load<T> and dd::load(path, \"\", obj) of the C file == data (256 MiB, i*0.5); "
        "C load of the dd file == data; the existing object's storage was reused; " +
        layout_check(dd_file, c_file));
  }

  auto save_prepare = [&](bool dd_side) {
    remove_quietly(dd_side ? dd_file : c_file);
    settle();
  };
  compare(
      cfg, rep.rows, "W1", {"save 256 MiB"}, {w1_bytes / 1e6}, "MB/s", save_prepare,
      [&] { return one(time_ms([&] { dd::save(dd_file, data); })); },
      [&] { return one(time_ms([&] { c::w1_save(c_file.c_str(), data.front().data(), w1_rows, w1_cols); })); });
  expect(fs::file_size(dd_file) >= n * sizeof(double) && fs::file_size(c_file) >= n * sizeof(double),
         "W1 saved files hold the data");

  // Fresh memory: the C side allocates like numpy (2 MiB-aligned, MADV_HUGEPAGE), so page faults are
  // part of both sides. dd::ndarray needs no zero-fill; a std::vector must value-initialize, so its C
  // side adds the one memset that requires.
  std::optional<dd::ndarray<double>> fresh_array;
  double* c_fresh = nullptr;
  std::size_t got = 0;
  const auto release = [&](bool dd_side) {  // frees the side about to run, keeps the other's result
    if (dd_side) {
      fresh_array.reset();
    } else {
      std::free(c_fresh);
      c_fresh = nullptr;
    }
  };
  compare(
      cfg, rep.rows, "W1", {"load<ndarray> (fresh) vs C numpy-like alloc"}, {w1_bytes / 1e6}, "MB/s", release,
      [&] { return one(time_ms([&] { fresh_array.emplace(dd::load<dd::ndarray<double>>(dd_file)); })); },
      [&] { return one(time_ms([&] { c_fresh = c::w1_load(c_file.c_str(), nullptr, &got); })); });
  if (cfg.side != sides::c_only)
    expect(std::memcmp(fresh_array->data(), data.front().data(), n * sizeof(double)) == 0, "W1 timed ndarray load");
  if (cfg.side != sides::dd_only)
    expect(std::memcmp(c_fresh, data.front().data(), n * sizeof(double)) == 0, "W1 timed C load");
  release(true);
  release(false);

  std::optional<w1_data> fresh;
  compare(
      cfg, rep.rows, "W1", {"load<vector> (fresh) vs C numpy-like alloc + memset"}, {w1_bytes / 1e6}, "MB/s",
      [&](bool dd_side) {
        if (dd_side)
          fresh.reset();
        else
          release(false);
      },
      [&] { return one(time_ms([&] { fresh.emplace(dd::load<w1_data>(dd_file)); })); },
      [&] {
        return one(time_ms([&] {
          c_fresh = c::numpy_like_alloc(n * sizeof(double));
          std::memset(c_fresh, 0, n * sizeof(double));
          c::w1_load(c_file.c_str(), c_fresh, &got);
        }));
      });
  if (cfg.side != sides::c_only) expect(*fresh == data, "W1 timed dd load");
  fresh.reset();
  release(false);

  w1_data existing(w1_rows);
  auto* c_existing = static_cast<double*>(std::malloc(n * sizeof(double)));
  std::memset(c_existing, 0, n * sizeof(double));
  compare(
      cfg, rep.rows, "W1", {"load into existing"}, {w1_bytes / 1e6}, "MB/s", [](bool) {},
      [&] { return one(time_ms([&] { dd::load(dd_file, "", existing); })); },
      [&] { return one(time_ms([&] { c::w1_load(c_file.c_str(), c_existing, &got); })); });
  if (cfg.side != sides::c_only) expect(existing == data, "W1 timed dd load into existing");
  if (cfg.side != sides::dd_only)
    expect(std::memcmp(c_existing, data.front().data(), n * sizeof(double)) == 0, "W1 timed C load into existing");
  std::free(c_existing);
}

// ---- W2: the deepdish blog example, 1000 files ------------------------------------------------------

void w2(const config& cfg, report& rep) {
  std::fprintf(stderr, "W2: {data (100,3,32,32), label (100)} x %d files\n", cfg.count);
  const auto dir = cfg.dir / "w2";
  reset_dir(dir);
  {  // correctness, on distinct non-zero values (the timed data is zeros, like a fresh load)
    const auto value = w2_make(true);
    const auto dd_file = dir / "check_dd.h5", c_file = dir / "check_c.h5";
    c::w2_save(c_file.c_str(), value);
    dd::save(dd_file, value);
    expect(dd::load<w2_sample>(c_file) == value, "W2 dd::load<T> of the C file");
    w2_sample got;
    c::w2_load(dd_file.c_str(), got);
    expect(got == value, "W2 C load of the dd file");
    auto into = w2_make(false);
    const auto* storage = into.data.data();
    dd::load(c_file, "", into);
    expect(into == value && into.data.data() == storage, "W2 dd::load(path, \"\", obj) reuses storage");
    rep.checks.push_back(
        "W2: dd::load<T> and dd::load(path, \"\", obj) of the C file == a patterned sample; C load "
        "of the dd file == it; " +
        layout_check(dd_file, c_file));
  }
  const auto sample = w2_make(false);
  const auto dd_dir = dir / "dd", c_dir = dir / "c";
  const auto dd_names = numbered(dd_dir, cfg.count), c_names = numbered(c_dir, cfg.count);
  const double files = cfg.count;

  compare(
      cfg, rep.rows, "W2", {"save " + std::to_string(cfg.count) + " files"}, {files}, "files/s",
      [&](bool dd_side) {
        reset_dir(dd_side ? dd_dir : c_dir);
        settle();
      },
      [&] {
        return one(time_ms([&] {
          for (const auto& f : dd_names) dd::save(f, sample);
        }));
      },
      [&] {
        return one(time_ms([&] {
          for (const auto& f : c_names) c::w2_save(f.c_str(), sample);
        }));
      });

  // Each file into a fresh object that is dropped after use (a loop over a data set): the allocator
  // hands both sides the same recycled memory, so the cost is value-initialization (zero fill) + read.
  std::size_t dd_rows = 0, c_rows = 0;
  w2_sample dd_last, c_last;
  compare(
      cfg, rep.rows, "W2", {"load<T> " + std::to_string(cfg.count) + " files"}, {files}, "files/s",
      [&](bool dd_side) { (dd_side ? dd_rows : c_rows) = 0; },
      [&] {
        return one(time_ms([&] {
          for (const auto& f : dd_names) {
            auto s = dd::load<w2_sample>(f);
            dd_rows += s.data.size() + s.label.size();
            if (&f == &dd_names.back()) dd_last = std::move(s);
          }
        }));
      },
      [&] {
        return one(time_ms([&] {
          for (const auto& f : c_names) {
            w2_sample s;
            c::w2_load(f.c_str(), s);
            c_rows += s.data.size() + s.label.size();
            if (&f == &c_names.back()) c_last = std::move(s);
          }
        }));
      });
  if (cfg.side != sides::c_only)
    expect(dd_rows == 2 * w2_rows * dd_names.size() && dd_last == sample, "W2 timed dd loads");
  if (cfg.side != sides::dd_only)
    expect(c_rows == 2 * w2_rows * c_names.size() && c_last == sample, "W2 timed C loads");

  // A training loop's pattern: every file read into the same object.
  auto dd_into = w2_make(true), c_into = w2_make(true);
  compare(
      cfg, rep.rows, "W2", {"load into one existing"}, {files}, "files/s", [](bool) {},
      [&] {
        return one(time_ms([&] {
          for (const auto& f : dd_names) dd::load(f, "", dd_into);
        }));
      },
      [&] {
        return one(time_ms([&] {
          for (const auto& f : c_names) c::w2_load(f.c_str(), c_into);
        }));
      });
  if (cfg.side != sides::c_only) expect(dd_into == sample, "W2 timed dd load into existing");
  if (cfg.side != sides::dd_only) expect(c_into == sample, "W2 timed C load into existing");
}

// ---- W3: config struct, 1000 round trips ------------------------------------------------------------

void w3(const config& cfg, report& rep) {
  std::fprintf(stderr, "W3: config struct, %d save+load round trips\n", cfg.count);
  const auto dir = cfg.dir / "w3";
  reset_dir(dir);
  {
    const auto value = w3_make(7);
    const auto dd_file = dir / "check_dd.h5", c_file = dir / "check_c.h5";
    c::w3_save(c_file.c_str(), value);
    dd::save(dd_file, value);
    expect(dd::load<w3_config>(c_file) == value, "W3 dd::load<T> of the C file");
    w3_config got{};
    c::w3_load(dd_file.c_str(), got);
    expect(got == value, "W3 C load of the dd file");
    rep.checks.push_back(
        "W3: dd::load<T> of the C file == the config (all 40 fields + nested); C load of the dd file "
        "== it; " +
        layout_check(dd_file, c_file));
  }
  std::vector<w3_config> configs;
  for (int i = 0; i < cfg.count; ++i) configs.push_back(w3_make(i));
  const auto dd_dir = dir / "dd", c_dir = dir / "c";
  const auto dd_names = numbered(dd_dir, cfg.count), c_names = numbered(c_dir, cfg.count);
  std::vector<w3_config> dd_got, c_got;
  const double ops = cfg.count;

  compare(
      cfg, rep.rows, "W3",
      {"save x" + std::to_string(cfg.count), "load<T> x" + std::to_string(cfg.count),
       "round trip x" + std::to_string(cfg.count)},
      {ops, ops, ops}, "ops/s",
      [&](bool dd_side) {
        reset_dir(dd_side ? dd_dir : c_dir);
        (dd_side ? dd_got : c_got) = std::vector<w3_config>(configs.size());
        settle();
      },
      [&] {
        double save = 0, load = 0;
        for (std::size_t i = 0; i < configs.size(); ++i) {
          const auto t0 = clock_type::now();
          dd::save(dd_names[i], configs[i]);
          const auto t1 = clock_type::now();
          dd_got[i] = dd::load<w3_config>(dd_names[i]);
          const auto t2 = clock_type::now();
          save += std::chrono::duration<double, std::milli>(t1 - t0).count();
          load += std::chrono::duration<double, std::milli>(t2 - t1).count();
        }
        return std::vector<double>{save, load, save + load};
      },
      [&] {
        double save = 0, load = 0;
        for (std::size_t i = 0; i < configs.size(); ++i) {
          const auto t0 = clock_type::now();
          c::w3_save(c_names[i].c_str(), configs[i]);
          const auto t1 = clock_type::now();
          c::w3_load(c_names[i].c_str(), c_got[i]);
          const auto t2 = clock_type::now();
          save += std::chrono::duration<double, std::milli>(t1 - t0).count();
          load += std::chrono::duration<double, std::milli>(t2 - t1).count();
        }
        return std::vector<double>{save, load, save + load};
      });
  if (cfg.side != sides::c_only) expect(dd_got == configs, "W3 timed dd round trips");
  if (cfg.side != sides::dd_only) expect(c_got == configs, "W3 timed C round trips");
}

// ---- W4: many small objects -------------------------------------------------------------------------

void w4(const config& cfg, report& rep) {
  std::fprintf(stderr, "W4: map of %zu vectors of %zu doubles\n", w4_keys, w4_values);
  const auto dir = cfg.dir / "w4";
  reset_dir(dir);
  const auto data = w4_make();
  const auto dd_file = dir / "dd.h5", c_file = dir / "c.h5";
  {
    c::w4_save(c_file.c_str(), data);
    dd::save(dd_file, data);
    expect(dd::load<w4_data>(c_file) == data, "W4 dd::load<T> of the C file");
    w4_data got;
    c::w4_load(dd_file.c_str(), got);
    expect(got == data, "W4 C load of the dd file");
    rep.checks.push_back(
        "W4: dd::load<T> of the C file == the map (10,000 keys x 16 doubles); C load of the dd file "
        "== it; " +
        layout_check(dd_file, c_file));
  }
  const double objects = double(w4_keys);
  compare(
      cfg, rep.rows, "W4", {"save 10k arrays"}, {objects}, "objects/s",
      [&](bool dd_side) {
        remove_quietly(dd_side ? dd_file : c_file);
        settle();
      },
      [&] { return one(time_ms([&] { dd::save(dd_file, data); })); },
      [&] { return one(time_ms([&] { c::w4_save(c_file.c_str(), data); })); });

  std::optional<w4_data> dd_got;
  w4_data c_got;
  compare(
      cfg, rep.rows, "W4", {"load<T> 10k arrays"}, {objects}, "objects/s",
      [&](bool dd_side) {
        if (dd_side)
          dd_got.reset();
        else
          c_got = w4_data{};
      },
      [&] { return one(time_ms([&] { dd_got.emplace(dd::load<w4_data>(dd_file)); })); },
      [&] { return one(time_ms([&] { c::w4_load(c_file.c_str(), c_got); })); });
  if (cfg.side != sides::c_only) expect(*dd_got == data, "W4 timed dd load");
  if (cfg.side != sides::dd_only) expect(c_got == data, "W4 timed C load");
}

std::string machine() {
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);)
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  utsname u{};
  uname(&u);
  unsigned maj = 0, min = 0, rel = 0;
  H5get_libversion(&maj, &min, &rel);
  char text[512];
  std::snprintf(text, sizeof text, "%s, %ld cores, Linux %s, HDF5 %u.%u.%u, g++ %d.%d", cpu.c_str(),
                sysconf(_SC_NPROCESSORS_ONLN), u.release, maj, min, rel, __GNUC__, __GNUC_MINOR__);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  std::set<std::string> chosen;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto number = [&](std::size_t& i) {
    if (i + 1 >= args.size()) die(args[i] + " needs a number");
    return std::stoi(args[++i]);
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--reps")
      cfg.reps = number(i);
    else if (a == "--count")
      cfg.count = number(i);
    else if (a == "--no-rss")
      cfg.rss = false;
    else if (a == "--plain-c")
      c::plain_layout = true;
    else if (a == "--side") {
      if (i + 1 >= args.size()) die("--side needs dd or c");
      const auto s = args[++i];
      cfg.side = s == "dd" ? sides::dd_only : s == "c" ? sides::c_only : (die("--side needs dd or c"), sides::both);
    } else if (a == "W1" || a == "W2" || a == "W3" || a == "W4")
      chosen.insert(a);
    else if (a.starts_with("-"))
      die("unknown option " + a);
    else if (cfg.dir.empty())
      cfg.dir = a;
    else
      die("unexpected argument " + a);
  }
  if (cfg.dir.empty()) {
    std::fprintf(stderr,
                 "usage: dd_bench <dir on disk> [W1 W2 W3 W4] [--reps N (5)] [--count N (1000)] [--side dd|c] "
                 "[--no-rss] [--plain-c]\n");
    return 2;
  }
  if (cfg.reps < 1 || cfg.count < 1) die("--reps and --count must be positive");
  if (chosen.empty()) chosen = {"W1", "W2", "W3", "W4"};
  fs::create_directories(cfg.dir);
  H5open();

  report rep;
  char date[64];
  const auto now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M %Z", std::localtime(&now));
  std::printf("dd_bench %s, %s\nfiles in %s\n", date, machine().c_str(), fs::absolute(cfg.dir).c_str());
  std::fflush(stdout);
  if (chosen.count("W1")) w1(cfg, rep);
  if (chosen.count("W2")) w2(cfg, rep);
  if (chosen.count("W3")) w3(cfg, rep);
  if (chosen.count("W4")) w4(cfg, rep);

  print_table(rep.rows, cfg.reps);
  if (!rep.memory.empty()) {
    std::printf(
        "\nPeak resident memory of one phase (forked child), above what the process held before it set up "
        "the phase, relative to the 256 MiB of data (1.0x = no copy):\n\n");
    for (const auto& line : rep.memory) std::printf("%s\n", line.c_str());
  }
  std::printf("\nCorrectness checks passed:\n");
  for (const auto& c : rep.checks) std::printf("- %s\n", c.c_str());
  return 0;
}
