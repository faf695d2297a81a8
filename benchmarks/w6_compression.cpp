// dd_bench_w6: workload W6 of README.md — W1's float64 (4096, 8192) array, values
// i * 0.5, saved compressed and chunked — dd against raw HDF5 C with the SAME chunk shape and filters,
// in one process, alternating repetitions (harness.hpp). Three filter settings:
//   deflate 4 + shuffle   (W6 proper)
//   blosc-lz4 5 + shuffle, blosc-zstd 5 + shuffle   (the blosc plugin, PyTables' cd_values)
//
//   dd_bench_w6 <dir on disk> [--reps N (5)] [--only deflate|blosc-lz4|blosc-zstd]
//
// The C side writes what dd writes (baseline_c.hpp's root attributes, /data with timestamps off)
// with a dcpl of chunk (16, 8192) — dd's 1 MiB heuristic for this shape — and the same filter calls.
#include <hdf5.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <dd/dd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "baseline_c.hpp"
#include "harness.hpp"
#include "workloads.hpp"

namespace {

using namespace bench;

struct setting {
  std::string name;
  dd::compression with;
  H5Z_filter_t plugin;              // 0: shuffle + deflate through their own calls
  std::vector<unsigned> cd_values;  // for the plugin
};

const hsize_t chunk[2] = {16, w1_cols};

// baseline_c.hpp keeps its CK macro to itself; the same check here.
#define W6_CK(call) ::bench::c::ck((call), #call, __LINE__)

void c_save(const char* path, const double* data, const setting& s) {
  auto w = c::create_file(path, false, false, 3);  // the version, the unpack flag, /data
  c::write_root(w, true);
  hid_t dcpl = W6_CK(H5Pcreate(H5P_DATASET_CREATE));
  W6_CK(H5Pset_obj_track_times(dcpl, 0));
  W6_CK(H5Pset_chunk(dcpl, 2, chunk));
  if (s.plugin == 0) {
    W6_CK(H5Pset_shuffle(dcpl));
    W6_CK(H5Pset_deflate(dcpl, static_cast<unsigned>(s.with.level)));
  } else {
    W6_CK(H5Pset_filter(dcpl, s.plugin, H5Z_FLAG_OPTIONAL, s.cd_values.size(), s.cd_values.data()));
  }
  const hsize_t dims[2] = {w1_rows, w1_cols};
  hid_t space = W6_CK(H5Screate_simple(2, dims, nullptr));
  hid_t d = W6_CK(H5Dcreate2(w.file, "data", H5T_IEEE_F64LE, space, w.lcpl, dcpl, H5P_DEFAULT));
  W6_CK(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data));
  W6_CK(H5Dclose(d));
  W6_CK(H5Sclose(space));
  W6_CK(H5Pclose(dcpl));
  c::close_file(w);
}
#undef W6_CK

// The dataset's filter ids and cd_values and its chunk shape, as one line (both files must agree).
std::string filters_of(const fs::path& file) {
  auto h = dd::h5::open_file(file.string(), false);
  const auto s = dd::h5::storage_of(dd::h5::group::open_root(h.id()).open_dataset("data"));
  std::string text = "chunk";
  // Appended piece by piece: g++ 12 -O3 warns falsely (-Wrestrict) on " " + std::to_string(...).
  for (auto c : s.chunk) {
    text += ' ';
    text += std::to_string(c);
  }
  for (const auto& f : s.filters) {
    text += "; filter ";
    text += std::to_string(f.id);
    text += " [";
    for (std::size_t i = 0; i < f.cd_values.size(); ++i) {
      if (i) text += ' ';
      text += std::to_string(f.cd_values[i]);
    }
    text += "]";
  }
  return text;
}

void run(const config& cfg, const setting& s, std::vector<row>& rows, std::vector<std::string>& notes,
         const w1_data& data) {
  std::fprintf(stderr, "W6 %s: float64 (%zu, %zu)\n", s.name.c_str(), w1_rows, w1_cols);
  const auto dir = cfg.dir / "w6";
  reset_dir(dir);
  const auto dd_file = dir / "dd.h5", c_file = dir / "c.h5";
  const std::size_t n = w1_rows * w1_cols;
  const dd::save_options options{.compression = s.with};

  {  // correctness: same storage, and each side loads what the other wrote
    c_save(c_file.c_str(), data.front().data(), s);
    dd::save(dd_file, data, options);
    expect(filters_of(dd_file) == filters_of(c_file),
           "W6 " + s.name + ": dd and C storage differ: " + filters_of(dd_file) + " vs " + filters_of(c_file));
    expect(dd::load<w1_data>(c_file) == data, "W6 " + s.name + ": dd::load of the C file");
    std::size_t got = 0;
    double* p = c::w1_load(dd_file.c_str(), nullptr, &got);
    expect(got == n && std::memcmp(p, data.front().data(), n * sizeof(double)) == 0, "W6 C load of the dd file");
    std::free(p);
    notes.push_back("| " + s.name + " | " + filters_of(dd_file) + " | " + std::to_string(fs::file_size(dd_file)) +
                    " | " + std::to_string(fs::file_size(c_file)) + " | " +
                    fixed(w1_bytes / double(fs::file_size(dd_file)), 2) + " |");
  }

  auto save_prepare = [&](bool dd_side) {
    remove_quietly(dd_side ? dd_file : c_file);
    settle();
  };
  compare(
      cfg, rows, "W6 " + s.name, {"save 256 MiB"}, {w1_bytes / 1e6}, "MB/s", save_prepare,
      [&] { return std::vector<double>{time_ms([&] { dd::save(dd_file, data, options); })}; },
      [&] { return std::vector<double>{time_ms([&] { c_save(c_file.c_str(), data.front().data(), s); })}; });

  std::optional<w1_data> fresh;
  double* c_fresh = nullptr;
  std::size_t got = 0;
  compare(
      cfg, rows, "W6 " + s.name, {"load<T> (fresh) vs C malloc"}, {w1_bytes / 1e6}, "MB/s",
      [&](bool) {
        fresh.reset();
        std::free(c_fresh);
        c_fresh = nullptr;
      },
      [&] { return std::vector<double>{time_ms([&] { fresh.emplace(dd::load<w1_data>(dd_file)); })}; },
      [&] { return std::vector<double>{time_ms([&] { c_fresh = c::w1_load(c_file.c_str(), nullptr, &got); })}; });
  if (cfg.side != sides::c_only) expect(*fresh == data, "W6 timed dd load");
  if (cfg.side != sides::dd_only)
    expect(std::memcmp(c_fresh, data.front().data(), n * sizeof(double)) == 0, "W6 timed C load");
  std::free(c_fresh);
  fresh.reset();

  // Into memory both sides already hold: the decompression alone, without dd's zero-filled vector.
  w1_data existing(w1_rows);
  auto* c_existing = static_cast<double*>(std::malloc(n * sizeof(double)));
  std::memset(c_existing, 0, n * sizeof(double));
  compare(
      cfg, rows, "W6 " + s.name, {"load into existing"}, {w1_bytes / 1e6}, "MB/s", [](bool) {},
      [&] { return std::vector<double>{time_ms([&] { dd::load(dd_file, "", existing); })}; },
      [&] { return std::vector<double>{time_ms([&] { c::w1_load(c_file.c_str(), c_existing, &got); })}; });
  if (cfg.side != sides::c_only) expect(existing == data, "W6 timed dd load into existing");
  if (cfg.side != sides::dd_only)
    expect(std::memcmp(c_existing, data.front().data(), n * sizeof(double)) == 0, "W6 timed C load into existing");
  std::free(c_existing);
  reset_dir(dir);
}

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--reps" && i + 1 < argc)
      cfg.reps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--only" && i + 1 < argc)
      only = argv[++i];
    else if (cfg.dir.empty() && a[0] != '-')
      cfg.dir = a;
    else
      die("usage: dd_bench_w6 <dir on disk> [--reps N (5)] [--only deflate|blosc-lz4|blosc-zstd]");
  }
  if (cfg.dir.empty()) die("usage: dd_bench_w6 <dir on disk> [--reps N (5)] [--only deflate|blosc-lz4|blosc-zstd]");

  const std::vector<setting> settings = {
      {"deflate", dd::deflate(4), 0, {}},
      {"blosc-lz4", dd::blosc(dd::blosc_codec::lz4, 5), 32001, {0, 0, 0, 0, 5, 1, 1}},
      {"blosc-zstd", dd::blosc(dd::blosc_codec::zstd, 5), 32001, {0, 0, 0, 0, 5, 1, 5}},
  };
  w1_data data(w1_rows);
  w1_fill(data.front().data(), w1_rows * w1_cols);
  std::vector<row> rows;
  std::vector<std::string> notes{"| setting | storage (dd = C) | dd file bytes | C file bytes | ratio |",
                                 "|---|---|---:|---:|---:|"};
  for (const auto& s : settings)
    if (only.empty() || only == s.name) run(cfg, s, rows, notes, data);
  if (rows.empty()) die("no setting called " + only);

  std::printf("W6: float64 (%zu, %zu) = 256 MiB, values i * 0.5, chunk (16, 8192) = 1 MiB on both sides.\n\n", w1_rows,
              w1_cols);
  for (const auto& line : notes) std::printf("%s\n", line.c_str());
  print_table(rows, cfg.reps);
  return 0;
}
