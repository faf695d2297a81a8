// dd_bench_tables <dir> [--reps N]: W5 (a table of 1,000,000 records, README.md) and
// appending (dd::file::append one value at a time) against hand-written HDF5 C in the same run.
//
// W5: dd::save / dd::load of std::vector<Particle> against a C compound write / read of the same
// layout (/data, a packed little-endian compound, plus dd's two root attributes).
// Append: 1,000,000 doubles and 100,000 records appended one at a time through dd::file (by path,
// and through a dd::appender) against ONE C write of the whole block into a chunked, extendable
// dataset of the same layout (WORKLOADS.md, W8) — the cost of appending row by row.
// Also W5's peak resident memory, each phase in a forked child.
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <dd/dd.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "harness.hpp"

using namespace bench;

namespace {

struct Particle {
  double x, y, z;
  float mass;
  std::int32_t id;
  bool operator==(const Particle&) const = default;
};

constexpr std::size_t w5_records = 1'000'000;
constexpr std::size_t append_values = 1'000'000;
constexpr std::size_t append_records = 100'000;

std::vector<Particle> particles(std::size_t n) {
  std::vector<Particle> p(n);
  for (std::size_t i = 0; i < n; ++i)
    p[i] = {i * 0.5, i * 0.25, -1.0 * i, static_cast<float>(i % 97), static_cast<std::int32_t>(i)};
  return p;
}

hid_t particle_type(bool file) {
  const hid_t t = H5Tcreate(H5T_COMPOUND, file ? 32 : sizeof(Particle));
  H5Tinsert(t, "x", file ? 0 : offsetof(Particle, x), file ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "y", file ? 8 : offsetof(Particle, y), file ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "z", file ? 16 : offsetof(Particle, z), file ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE);
  H5Tinsert(t, "mass", file ? 24 : offsetof(Particle, mass), file ? H5T_IEEE_F32LE : H5T_NATIVE_FLOAT);
  H5Tinsert(t, "id", file ? 28 : offsetof(Particle, id), file ? H5T_STD_I32LE : H5T_NATIVE_INT32);
  return t;
}

void c_root_attributes(hid_t file) {
  const hid_t space = H5Screate(H5S_SCALAR);
  const std::int64_t version = 12;
  const hid_t a = H5Acreate2(file, "DEEPDISH_IO_VERSION", H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(a, H5T_NATIVE_INT64, &version);
  H5Aclose(a);
  const unsigned char yes = 1;
  const hid_t b = H5Acreate2(file, "DEEPDISH_IO_DEEPDISH_IO_UNPACK", H5T_STD_B8LE, space, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(b, H5T_NATIVE_B8, &yes);
  H5Aclose(b);
  H5Sclose(space);
}

// One dataset /data of `n` rows of file type ftype, written from buf by ONE H5Dwrite with memory type
// mtype: contiguous (W5: dd::save's layout) or, given the row size, chunked and extendable in the
// layout dd's appends make (W8, as WORKLOADS.md defines its baseline: chunks of 256 KiB of rows, no
// fill value, no chunk cache; detail/appender.hpp, h5/extend.hpp).
void c_write(const char* path, hid_t ftype, hid_t mtype, const void* buf, hsize_t n, std::size_t appended_row = 0) {
  const hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  c_root_attributes(file);
  const hsize_t unlimited = H5S_UNLIMITED;
  const hid_t space = H5Screate_simple(1, &n, appended_row ? &unlimited : nullptr);
  const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE), dapl = H5Pcreate(H5P_DATASET_ACCESS);
  H5Pset_obj_track_times(dcpl, 0);
  if (appended_row) {
    const hsize_t chunk = std::max<hsize_t>(1, (256 << 10) / appended_row);
    H5Pset_chunk(dcpl, 1, &chunk);
    H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER);
    H5Pset_chunk_cache(dapl, 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT);
  }
  const hid_t d = H5Dcreate2(file, "data", ftype, space, H5P_DEFAULT, dcpl, dapl);
  H5Dwrite(d, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  H5Dclose(d);
  H5Pclose(dapl);
  H5Pclose(dcpl);
  H5Sclose(space);
  H5Fclose(file);
}

// The records as a packed little-endian compound, as c_write lays them out.
void c_write_particles(const char* path, const std::vector<Particle>& rows, bool appended = false) {
  const hid_t f = particle_type(true), m = particle_type(false);
  c_write(path, f, m, rows.data(), rows.size(), appended ? sizeof(Particle) : 0);
  H5Tclose(f);
  H5Tclose(m);
}

void c_read_particles(const char* path, std::vector<Particle>& out) {
  const hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(file, "data", H5P_DEFAULT);
  const hid_t space = H5Dget_space(d);
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space, &n, nullptr);
  out.resize(n);
  const hid_t m = particle_type(false);
  H5Dread(d, m, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
  H5Tclose(m);
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(file);
}

// W5's peak resident memory (WORKLOADS.md): each phase in a forked child, measured before this
// process holds the table, relative to the data (1.0x = no copy).
std::vector<std::string> w5_memory(const fs::path& dir) {
  const auto dd_file = dir / "rss_dd.h5", c_file = dir / "rss_c.h5";
  const double bytes = double(w5_records) * sizeof(Particle);
  std::vector<Particle> data, existing;
  const auto make_data = [&] { data = particles(w5_records); };
  const auto make_existing = [&] { existing.assign(w5_records, Particle{}); };
  const auto nothing = [] {};
  const auto c_save = [&] { c_write_particles(c_file.c_str(), data); };
  struct probe {
    const char* phase;
    std::function<void()> dd_setup, dd_phase, c_setup, c_phase;
  };
  const probe probes[] = {
      {"save", make_data, [&] { dd::save(dd_file, data); }, make_data, c_save},
      {"load<T> (fresh)", nothing, [&] { [[maybe_unused]] auto v = dd::load<std::vector<Particle>>(dd_file); },
       nothing, [&] { c_read_particles(c_file.c_str(), existing); }},
      {"load into existing", make_existing, [&] { dd::load(dd_file, "", existing); }, make_existing,
       [&] { c_read_particles(c_file.c_str(), existing); }},
  };
  // The files the loads read, written by this process (and freed) before the children start.
  make_data();
  dd::save(dd_file, data);
  c_save();
  std::vector<Particle>().swap(data);
  std::vector<std::string> lines{"| W5 phase | dd peak RSS / data | C peak RSS / data |", "|---|---:|---:|"};
  for (const auto& p : probes) {
    const auto cell = [&](double b) { return b < 0 ? std::string("n/a") : fixed(b / bytes, 3) + "x"; };
    lines.push_back(std::string("| ") + p.phase + " | " + cell(peak_bytes_in_child(p.dd_setup, p.dd_phase)) +
                    " | " + cell(peak_bytes_in_child(p.c_setup, p.c_phase)) + " |");
  }
  remove_quietly(dd_file);
  remove_quietly(c_file);
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dd_bench_tables <dir on disk> [--reps N (5)]\n");
    return 2;
  }
  config cfg;
  cfg.dir = argv[1];
  cfg.rss = false;
  if (argc == 4 && std::string(argv[2]) == "--reps") cfg.reps = std::stoi(argv[3]);
  fs::create_directories(cfg.dir);
  H5open();
  std::vector<row> rows;
  const auto dd_file = cfg.dir / "dd_tables.h5", c_file = cfg.dir / "c_tables.h5";
  const auto memory = w5_memory(cfg.dir);  // first, while this process holds no table

  // ---- W5 ----
  const auto data = particles(w5_records);
  const double mb = double(w5_records) * 32 / 1e6;
  {
    c_write_particles(c_file.c_str(), data);
    dd::save(dd_file, data);
    expect(dd::load<std::vector<Particle>>(c_file) == data, "W5 dd::load of the C table");
    std::vector<Particle> got;
    c_read_particles(dd_file.c_str(), got);
    expect(got == data, "W5 C read of the dd table");
  }
  compare(
      cfg, rows, "W5", {"save 1M records"}, {mb}, "MB/s",
      [&](bool dd_side) {
        remove_quietly(dd_side ? dd_file : c_file);
        settle();
      },
      [&] { return std::vector<double>{time_ms([&] { dd::save(dd_file, data); })}; },
      [&] {
        return std::vector<double>{time_ms([&] { c_write_particles(c_file.c_str(), data); })};
      });
  std::vector<Particle> dd_got(data.size()), c_got(data.size());
  compare(
      cfg, rows, "W5", {"load 1M records (into existing)"}, {mb}, "MB/s", [](bool) {},
      [&] { return std::vector<double>{time_ms([&] { dd::load(dd_file, "", dd_got); })}; },
      [&] { return std::vector<double>{time_ms([&] { c_read_particles(c_file.c_str(), c_got); })}; });
  expect(dd_got == data && c_got == data, "W5 timed loads");

  // ---- appending one value at a time vs one C write of the whole block ----
  // Each row type twice: by path (file::append) and through a dd::appender, against one C write.
  const auto appending = [&](const auto& all, const char* what, double megabytes, auto&& c_write_all) {
    using Row = typename std::decay_t<decltype(all)>::value_type;
    for (const bool handle : {false, true}) {
      compare(
          cfg, rows, "append", {std::string(what) + (handle ? ", dd::appender" : " one by one")}, {megabytes}, "MB/s",
          [&](bool dd_side) {
            remove_quietly(dd_side ? dd_file : c_file);
            settle();
          },
          [&] {
            return std::vector<double>{time_ms([&] {
              dd::file f(dd_file, dd::mode::create);
              if (handle) {
                auto data = f.appender<Row>("/data");
                for (const auto& r : all) data.append(r);
              } else {
                for (const auto& r : all) f.append("/data", r);
              }
              f.close();
            })};
          },
          [&] { return std::vector<double>{time_ms(c_write_all)}; });
      expect(dd::load<std::vector<Row>>(dd_file, "/data") == all, what);
    }
  };
  std::vector<double> values(append_values);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = i * 0.5;
  appending(values, "1M doubles", double(append_values) * 8 / 1e6, [&] {
    c_write(c_file.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), values.size(), sizeof(double));
  });
  const auto records = particles(append_records);
  appending(records, "100k records", double(append_records) * 32 / 1e6,
            [&] { c_write_particles(c_file.c_str(), records, true); });

  print_table(rows, cfg.reps);
  std::printf(
      "\nPeak resident memory of one W5 phase (forked child), above what the process held before it set up "
      "the phase, relative to the 32 MB of data (1.0x = no copy):\n\n");
  for (const auto& line : memory) std::printf("%s\n", line.c_str());
  std::printf("\nChecked: dd loads the C table and C reads the dd table (W5); every appended value read back.\n");
  return 0;
}
