// W9: a distributed float64 (N, 8192) array of 1 GiB, rows split evenly over the ranks, written
// collectively into one file and read back — dd::mpi against a hand-written parallel-HDF5 C program
// doing the same collective I/O (same file format, storage and alignment), in the same run, with
// alternating repetitions. With one rank it also times serial dd::save / dd::load of the whole array.
//
//   mpirun -np 4 --oversubscribe build/benchmarks/dd_bench_mpi /var/tmp/ddbench-mpi [--gib 1] [--reps 3]
//
// Rank 0 prints a markdown table. Times are the slowest rank's, from a barrier before the open to the
// close (write) or until the data is in memory (read); files are removed and sync()ed between
// repetitions, outside the timing.
#include <dd/mpi.hpp>  // first: it keeps Open MPI's C++ bindings out of mpi.h

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
constexpr std::size_t columns = 8192;

int rank_of(MPI_Comm c) {
  int r = 0;
  MPI_Comm_rank(c, &r);
  return r;
}
int size_of(MPI_Comm c) {
  int n = 0;
  MPI_Comm_size(c, &n);
  return n;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "dd_bench_mpi: %s\n", what.c_str());
  MPI_Abort(MPI_COMM_WORLD, 2);
  std::abort();
}
void check(bool ok, const std::string& what) {
  if (!ok) die("CHECK FAILED: " + what);
}
void h5check(long long status, const char* what) {
  if (status < 0) die(std::string("HDF5 failed: ") + what);
}

// The slowest rank's time of f, from a barrier, in ms.
template <class F>
double timed(F&& f) {
  MPI_Barrier(MPI_COMM_WORLD);
  const auto start = std::chrono::steady_clock::now();
  f();
  double mine = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(), worst = 0;
  MPI_Allreduce(&mine, &worst, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return worst;
}

void settle(const fs::path& file) {
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank_of(MPI_COMM_WORLD) == 0) {
    std::error_code ignored;
    fs::remove(file, ignored);
    ::sync();
  }
  MPI_Barrier(MPI_COMM_WORLD);
}

// Allocated as numpy does for a big array (2 MiB aligned, advised for huge pages): the C reader's
// destination, as dd::ndarray allocates its own.
double* numpy_like(std::size_t bytes) {
  const std::size_t huge = std::size_t{2} << 20, rounded = (std::max<std::size_t>(bytes, 1) + huge - 1) / huge * huge;
  void* p = std::aligned_alloc(huge, rounded);
  if (!p) die("out of memory");
  ::madvise(p, rounded, MADV_HUGEPAGE);
  return static_cast<double*>(p);
}

// The hand-written parallel HDF5 program: what a careful C programmer writes. Same format bounds,
// same alignment, early allocation without fill, one collective H5Dwrite/H5Dread.
hid_t c_fapl() {
  const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  h5check(H5Pset_fapl_mpio(fapl, MPI_COMM_WORLD, MPI_INFO_NULL), "fapl_mpio");
  h5check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18), "libver");
  h5check(H5Pset_alignment(fapl, 1 << 20, 1 << 20), "alignment");
  h5check(H5Pset_coll_metadata_write(fapl, true), "coll metadata write");
  return fapl;
}

// This rank's rows selected in the file's dataspace, their memory dataspace and a collective transfer.
struct rank_rows {
  hid_t memory, dxpl;
  rank_rows(hid_t file_space, hsize_t first, hsize_t rows) {
    const hsize_t start[2] = {first, 0}, count[2] = {rows, columns};
    h5check(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr), "select");
    memory = H5Screate_simple(2, count, nullptr);
    dxpl = H5Pcreate(H5P_DATASET_XFER);
    h5check(H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE), "dxpl");
  }
  ~rank_rows() {
    H5Pclose(dxpl);
    H5Sclose(memory);
  }
  rank_rows(const rank_rows&) = delete;
  rank_rows& operator=(const rank_rows&) = delete;
};

void c_write(const fs::path& file, const double* block, hsize_t first, hsize_t rows, hsize_t total) {
  const hid_t fapl = c_fapl();
  const hid_t f = H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  h5check(f, "create");
  const hsize_t dims[2] = {total, columns};
  const hid_t space = H5Screate_simple(2, dims, nullptr);
  const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  h5check(H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_EARLY), "alloc time");
  h5check(H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER), "fill time");
  const hid_t d = H5Dcreate2(f, "data", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  h5check(d, "dcreate");
  const rank_rows part(space, first, rows);
  h5check(H5Dwrite(d, H5T_NATIVE_DOUBLE, part.memory, space, part.dxpl, block), "write");
  H5Dclose(d);
  H5Pclose(dcpl);
  H5Sclose(space);
  h5check(H5Fclose(f), "close");
  H5Pclose(fapl);
}

// Into `out` if given (an existing buffer), else into a new numpy-like one.
double* c_read(const fs::path& file, hsize_t first, hsize_t rows, double* out = nullptr) {
  const hid_t fapl = c_fapl();
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl);
  h5check(f, "open");
  const hid_t d = H5Dopen2(f, "data", H5P_DEFAULT);
  const hid_t space = H5Dget_space(d);
  const rank_rows part(space, first, rows);
  if (!out) out = numpy_like(rows * columns * sizeof(double));
  h5check(H5Dread(d, H5T_NATIVE_DOUBLE, part.memory, space, part.dxpl, out), "read");
  H5Sclose(space);
  H5Dclose(d);
  h5check(H5Fclose(f), "close");
  H5Pclose(fapl);
  return out;
}

struct stats {
  std::vector<double> ms;
  double median() const {
    auto v = ms;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  }
};

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  if (argc < 2) die("usage: dd_bench_mpi DIR [--gib G] [--reps N]");
  const fs::path dir = argv[1];
  double gib = 1;
  int reps = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--gib") gib = std::atof(argv[i + 1]);
    if (std::string(argv[i]) == "--reps") reps = std::atoi(argv[i + 1]);
  }
  const int rank = rank_of(MPI_COMM_WORLD), ranks = size_of(MPI_COMM_WORLD);
  if (rank == 0) fs::create_directories(dir);
  MPI_Barrier(MPI_COMM_WORLD);
  const auto total = static_cast<std::size_t>(gib * double(std::size_t{1} << 30) / (columns * sizeof(double)));
  const auto share = dd::mpi::even_rows(MPI_COMM_WORLD, total);
  const auto first = share.offset[0], rows = share.count[0];
  dd::ndarray<double> block({rows, columns});
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < columns; ++j) block(i, j) = double((first + i) * columns + j) * 0.5;
  const auto dd_file = dir / "dd.h5", c_file = dir / "c.h5";

  auto dd_write = [&] {
    dd::mpi::file f(MPI_COMM_WORLD, dd_file, dd::mode::create);
    f.save("/data", dd::mpi::distributed(block, {first, 0}, {total, columns}));
    f.close();
  };
  auto dd_read = [&] {
    dd::mpi::file f(MPI_COMM_WORLD, dd_file);
    return f.load<dd::ndarray<double>>("/data", dd::selection{.offset = {first, 0}, .count = {rows, columns}});
  };
  dd::ndarray<double> existing({rows, columns}, -1.0);  // read into by both sides: no page faults
  auto dd_read_existing = [&] {
    dd::mpi::file f(MPI_COMM_WORLD, dd_file);
    f.load("/data", dd::selection{.offset = {first, 0}, .count = {rows, columns}}, existing);
  };
  auto same = [&](const double* p, const char* what) {
    for (std::size_t k = 0; k < rows * columns; k += 4099)
      check(p[k] == double(first * columns + k) * 0.5, std::string(what) + " read a wrong value");
  };

  // Correctness first: each side reads what the other wrote.
  dd_write();
  c_write(c_file, block.data(), first, rows, total);
  {
    double* from_dd = c_read(dd_file, first, rows);
    same(from_dd, "C reading dd's file");
    std::free(from_dd);
    dd::mpi::file f(MPI_COMM_WORLD, c_file);
    const auto from_c =
        f.load<dd::ndarray<double>>("/data", dd::selection{.offset = {first, 0}, .count = {rows, columns}});
    same(from_c.data(), "dd reading C's file");
  }

  stats dd_w, c_w, dd_r, c_r, dd_e, c_e, serial_w, serial_r;
  for (int rep = 0; rep <= reps; ++rep) {  // repetition 0 is the warm-up
    const bool keep = rep > 0;
    for (int side = 0; side < 2; ++side) {
      const bool dd_first = rep % 2 == 0;
      if ((side == 0) == dd_first) {
        settle(dd_file);
        const double w = timed(dd_write);
        const double r = timed([&] { same(dd_read().data(), "dd"); });
        const double e = timed(dd_read_existing);
        same(existing.data(), "dd into an existing array");
        if (keep) dd_w.ms.push_back(w), dd_r.ms.push_back(r), dd_e.ms.push_back(e);
      } else {
        settle(c_file);
        const double w = timed([&] { c_write(c_file, block.data(), first, rows, total); });
        const double r = timed([&] {
          double* p = c_read(c_file, first, rows);
          same(p, "C");
          std::free(p);
        });
        const double e = timed([&] { c_read(c_file, first, rows, existing.data()); });
        same(existing.data(), "C into an existing array");
        if (keep) c_w.ms.push_back(w), c_r.ms.push_back(r), c_e.ms.push_back(e);
      }
    }
    if (ranks == 1) {  // serial dd::save of the same array, for scale
      const auto serial = dir / "serial.h5";
      settle(serial);
      const double w = timed([&] { dd::save(serial, block); });
      const double r = timed([&] { same(dd::load<dd::ndarray<double>>(serial).data(), "serial dd"); });
      if (keep) serial_w.ms.push_back(w), serial_r.ms.push_back(r);
    }
  }
  if (rank == 0) {
    const double mb = double(total * columns * sizeof(double)) / 1e6;
    auto line = [&](const char* phase, const stats& d, const stats& c) {
      std::printf("| %d | %s | %.0f | %.0f | %.0f | %.0f | %.2f |\n", ranks, phase, d.median(), c.median(),
                  mb / d.median() * 1e3, mb / c.median() * 1e3, d.median() / c.median());
    };
    std::printf("| ranks | phase | dd ms | C ms | dd MB/s | C MB/s | dd/C |\n|---:|---|---:|---:|---:|---:|---:|\n");
    line("write", dd_w, c_w);
    line("read into an existing array", dd_e, c_e);
    line("read into a fresh array (page faults)", dd_r, c_r);
    if (ranks == 1) {
      line("serial dd::save vs parallel C write", serial_w, c_w);
      line("serial dd::load vs parallel C read", serial_r, c_r);
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  MPI_Finalize();
  return 0;
}
