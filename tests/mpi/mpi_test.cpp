// dd::mpi on 2 and 4 ranks (tests/mpi/run.sh runs this binary under mpirun, with a timeout). Every
// rank runs every test case in the same order; checks never abort a case (CHECK, not REQUIRE), so a
// failing rank still makes the same collective calls as the others.
//
// DD_MPI_DIR: a directory every rank sees. Files written there by one run (cross-<ranks>.h5) are read
// by the next run with another number of ranks; h5py checks them afterwards (check_files.py).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <dd/mpi.hpp>  // first: it keeps Open MPI's C++ bindings out of mpi.h

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace {

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}
int ranks() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}
std::filesystem::path dir() {
  const char* d = std::getenv("DD_MPI_DIR");
  return d ? d : ".";
}
std::filesystem::path in_dir(const std::string& name) { return dir() / (name + "-" + std::to_string(ranks()) + ".h5"); }
double value_at(std::size_t i, std::size_t j) { return static_cast<double>(i * 1000 + j); }

// Uneven rows: rank r owns r + 1 rows (the last rank none when there are more than two), in order.
struct rows_of_rank {
  std::size_t first = 0, count = 0, total = 0;
};
rows_of_rank uneven_rows(int r, int n) {
  rows_of_rank out;
  for (int k = 0; k < n; ++k) {
    const std::size_t c = (n > 2 && k == n - 1) ? 0 : static_cast<std::size_t>(k + 1);
    if (k < r) out.first += c;
    if (k == r) out.count = c;
    out.total += c;
  }
  return out;
}

dd::ndarray<double> block_of(std::size_t first, std::size_t count, std::size_t columns) {
  dd::ndarray<double> block({count, columns});
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t j = 0; j < columns; ++j) block(i, j) = value_at(first + i, j);
  return block;
}

// The dd::error message that every rank gets from f (empty if f throws nothing).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const dd::error& e) {
    return e.what();
  }
  return {};
}

// Did every rank see the same outcome (all true)?
bool everywhere(bool mine) {
  int local = mine ? 1 : 0, all = 0;
  MPI_Allreduce(&local, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return all == 1;
}

struct particle {
  double x, y;
  float mass;
  std::int32_t id;
};

struct config {
  std::string name;
  double learning_rate = 0;
  std::vector<int> layers;
  std::map<std::string, double> weights;
};

struct simulation {
  config cfg;
  int step = 0;
  dd::mpi::distributed<dd::ndarray<double>> field;
  dd::mpi::distributed<std::vector<particle>> particles;
};

const std::size_t columns = 5;

}  // namespace

TEST_CASE("every rank's block lands at its place: uneven blocks, an empty rank, read back serially") {
  const auto path = in_dir("uneven");
  const auto mine = uneven_rows(rank(), ranks());
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create);
    f.save("/grid/field",
           dd::mpi::distributed(block_of(mine.first, mine.count, columns), {mine.first, 0}, {mine.total, columns}));
    f.close();
  }
  if (rank() == 0) {  // the serial API of the same build, on one rank
    const auto all = dd::load<dd::ndarray<double>>(path, "/grid/field");
    REQUIRE(all.shape() == std::vector<std::size_t>{mine.total, columns});
    for (std::size_t i = 0; i < mine.total; ++i)
      for (std::size_t j = 0; j < columns; ++j) CHECK(all(i, j) == value_at(i, j));
  }
  MPI_Barrier(MPI_COMM_WORLD);
}

TEST_CASE("a selection loads this rank's box; a rank may select nothing") {
  const auto path = in_dir("uneven");
  const auto total = uneven_rows(0, ranks()).total;
  dd::mpi::file f(MPI_COMM_WORLD, path);
  const auto share = dd::mpi::even_rows(MPI_COMM_WORLD, total);
  const auto first = share.offset[0], count = share.count[0];
  auto mine = f.load<dd::ndarray<double>>("/grid/field", dd::selection{.offset = {first, 1}, .count = {count, 3}});
  CHECK(mine.shape() == std::vector<std::size_t>{count, 3});
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t j = 0; j < 3; ++j) CHECK(mine(i, j) == value_at(first + i, j + 1));
  // Only rank 0 reads; the others take part with empty boxes.
  const auto head = f.load<dd::ndarray<double>>(
      "/grid/field", dd::selection{.offset = {0, 0}, .count = {rank() == 0 ? std::size_t{1} : 0, columns}});
  CHECK(head.shape() == std::vector<std::size_t>{rank() == 0 ? std::size_t{1} : 0, columns});
  if (rank() == 0)
    for (std::size_t j = 0; j < columns; ++j) CHECK(head(0, j) == value_at(0, j));
  // A vector holds rows of numbers: a 2-D dataset is refused on every rank.
  const auto message = error_of([&] { (void)f.load<std::vector<double>>("/grid/field", dd::selection{}); });
  CHECK(everywhere(message.find("expected a dataset of shape (*,), found (" + std::to_string(total) + ", 5)") !=
                   std::string::npos));
}

TEST_CASE("replicated values are written once (rank 0's) and every rank loads all of them") {
  const auto path = in_dir("replicated");
  config cfg{"run-" + std::to_string(rank()), 0.001 * (rank() + 1), {64, 32, 10}, {{"a", 1.5}, {"b", -2}}};
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create, {.compression = dd::deflate(4)});
    f.save("/params", cfg);
    f.save("/note", std::string("written by every rank, stored once"));
    f.save("/field", dd::mpi::distributed(block_of(rank() * 2, 2, columns), {rank() * std::size_t{2}, 0},
                                          {ranks() * std::size_t{2}, columns}));
    f.save("/step", 7);  // after a distributed save: back to rank 0's writer
  }
  dd::mpi::file f(MPI_COMM_WORLD, path);
  const auto loaded = f.load<config>("/params");
  CHECK(loaded.name == "run-0");
  CHECK(loaded.learning_rate == 0.001);
  CHECK(loaded.layers == std::vector<int>{64, 32, 10});
  CHECK(loaded.weights == cfg.weights);
  CHECK(f.load<std::string>("/note") == "written by every rank, stored once");
  CHECK(f.load<int>("/step") == 7);
  if (rank() == 0) {
    const auto listed = dd::file(path).list("/");
    CHECK(listed.size() == 4);
  }
}

TEST_CASE("tables (flat structs) are distributed by rows") {
  const auto path = in_dir("table");
  const auto mine = uneven_rows(rank(), ranks());
  std::vector<particle> block;
  for (std::size_t i = 0; i < mine.count; ++i) {
    const auto g = mine.first + i;
    block.push_back({double(g), -double(g), float(g) / 2, std::int32_t(g)});
  }
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create);
    f.save("/particles", dd::mpi::distributed(block, {mine.first}, {mine.total}));
  }
  if (rank() == 0) {
    const auto all = dd::load<std::vector<particle>>(path, "/particles");
    REQUIRE(all.size() == mine.total);
    for (std::size_t g = 0; g < all.size(); ++g) {
      CHECK(all[g].x == double(g));
      CHECK(all[g].y == -double(g));
      CHECK(all[g].mass == float(g) / 2);
      CHECK(all[g].id == std::int32_t(g));
    }
  }
  dd::mpi::file f(MPI_COMM_WORLD, path);
  const auto part =
      f.load<std::vector<particle>>("/particles", dd::selection{.offset = {mine.first}, .count = {mine.count}});
  CHECK(part.size() == mine.count);
  for (std::size_t i = 0; i < part.size(); ++i) CHECK(part[i].id == std::int32_t(mine.first + i));
}

TEST_CASE("ranges of fixed blocks, and compression on a distributed write") {
  const auto path = in_dir("compressed");
  const std::size_t per = 1000;
  std::vector<std::array<float, 3>> points(per);
  for (std::size_t i = 0; i < per; ++i) {
    const auto g = float(rank() * per + i);
    points[i] = {g, g + 0.25f, g + 0.5f};
  }
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create, {.compression = dd::deflate(4)});
    f.save("/points", dd::mpi::distributed(points, {rank() * per}, {ranks() * per}));  // row dimension left out
  }
  if (rank() == 0) {
    const auto all = dd::load<std::vector<std::array<float, 3>>>(path, "/points");
    REQUIRE(all.size() == ranks() * per);
    for (std::size_t g = 0; g < all.size(); ++g) CHECK(all[g][1] == float(g) + 0.25f);
    dd::file f(path);
    const auto entries = f.list("/");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].shape == std::vector<std::size_t>{ranks() * per, 3});
  }
  MPI_Barrier(MPI_COMM_WORLD);
}

TEST_CASE("independent transfers write and read the same file") {
  const auto path = in_dir("independent");
  const dd::mpi::io_options io{.mode = dd::mpi::transfer::independent};
  std::vector<double> mine(10, double(rank()));
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create, {}, io);
    f.save("/v", dd::mpi::distributed(mine, {rank() * std::size_t{10}}, {ranks() * std::size_t{10}}));
  }
  dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::read, {}, io);
  const auto back =
      f.load<std::vector<double>>("/v", dd::selection{.offset = {rank() * std::size_t{10}}, .count = {10}});
  CHECK(back == mine);
}

TEST_CASE("elements no block covers read as zeros") {
  const auto path = in_dir("sparse");
  const auto n = static_cast<std::size_t>(ranks()), r = static_cast<std::size_t>(rank());
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create);
    f.save("/s", dd::mpi::distributed(std::vector<double>{7.0}, {2 * r}, {2 * n}));  // every other element
  }
  dd::mpi::file f(MPI_COMM_WORLD, path);
  const auto all = f.load<std::vector<double>>("/s", dd::selection{});
  REQUIRE(all.size() == 2 * n);
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i] == (i % 2 == 0 ? 7.0 : 0.0));
}

TEST_CASE("saving over a node replaces it; read_write reopens a file") {
  const auto path = in_dir("replace");
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create);
    f.save("/x", 1.5);  // a scalar (an attribute) replaced by a distributed array, and the reverse
    f.save("/y",
           dd::mpi::distributed(std::vector<double>(3, 1.0), {rank() * std::size_t{3}}, {ranks() * std::size_t{3}}));
  }
  {
    dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::read_write);
    f.save("/x",
           dd::mpi::distributed(std::vector<double>(2, 2.0), {rank() * std::size_t{2}}, {ranks() * std::size_t{2}}));
    f.save("/y", std::string("now a string"));
  }
  dd::mpi::file f(MPI_COMM_WORLD, path);
  CHECK(f.load<std::vector<double>>("/x", dd::selection{.offset = {0}, .count = {ranks() * std::size_t{2}}}) ==
        std::vector<double>(ranks() * std::size_t{2}, 2.0));
  CHECK(f.load<std::string>("/y") == "now a string");
  if (rank() == 0) {
    const auto listed = dd::file(path).list("/");
    CHECK(listed.size() == 2);  // no staging or replaced nodes left
  }
}

TEST_CASE("dd::mpi::save and dd::mpi::load: a struct of replicated and distributed members, atomically") {
  const auto path = in_dir("one-call");
  if (rank() == 0) dd::save(path, std::string("the old version"));
  MPI_Barrier(MPI_COMM_WORLD);
  const auto mine = uneven_rows(rank(), ranks());
  simulation s;
  s.cfg = {"sim", 0.5, {1, 2}, {{"k", 3.0}}};
  s.step = 42;
  s.field = {block_of(mine.first, mine.count, columns), {mine.first, 0}, {mine.total, columns}};
  for (std::size_t i = 0; i < mine.count; ++i) s.particles.block.push_back({0, 0, 0, std::int32_t(mine.first + i)});
  s.particles.offset = {mine.first};
  s.particles.global_shape = {mine.total};
  dd::mpi::save(MPI_COMM_WORLD, path, s);

  const auto back = dd::mpi::load<simulation>(MPI_COMM_WORLD, path);
  CHECK(back.cfg.name == "sim");
  CHECK(back.step == 42);
  const auto share = dd::mpi::even_rows(MPI_COMM_WORLD, mine.total);
  CHECK(back.field.offset == std::vector<std::size_t>{share.offset[0], 0});
  CHECK(back.field.global_shape == std::vector<std::size_t>{mine.total, columns});
  CHECK(back.field.block.shape() == std::vector<std::size_t>{share.count[0], columns});
  for (std::size_t i = 0; i < share.count[0]; ++i) CHECK(back.field.block(i, 2) == value_at(share.offset[0] + i, 2));
  CHECK(back.particles.block.size() == share.count[0]);
  if (rank() == 0) {  // a plain file: the serial API reads the arrays whole
    CHECK(dd::load<dd::ndarray<double>>(path, "/field").shape() == std::vector<std::size_t>{mine.total, columns});
    CHECK(dd::load<int>(path, "/step") == 42);
    std::size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(path.parent_path()))
      entries += e.path().filename().string().find(".dd-tmp") != std::string::npos;
    CHECK(entries == 0);
  }
  MPI_Barrier(MPI_COMM_WORLD);
}

TEST_CASE("mistakes are a dd::error on every rank, naming the rank, never a hang") {
  const auto path = in_dir("mistakes");
  const auto format = error_of([&] {
    dd::mpi::file old(MPI_COMM_WORLD, path, dd::mode::create, {.format = dd::file_format::earliest});
  });
  CHECK(everywhere(format.find("dd::mpi writes the HDF5 1.8 file format only") != std::string::npos));
  dd::mpi::file f(MPI_COMM_WORLD, path, dd::mode::create);
  const auto n = static_cast<std::size_t>(ranks()), r = static_cast<std::size_t>(rank());
  std::vector<double> mine(4, 1.0);

  std::string message;
  INFO(message);
  message = error_of([&] { f.save(rank() == 1 ? "/b" : "/a", 1.0); });
  CHECK(everywhere(message.find("the ranks disagree on the path: rank 0 has /a, rank 1 has /b") != std::string::npos));

  message = error_of([&] { f.save("/v", dd::mpi::distributed(mine, {r * 4}, {rank() == 1 ? 99 : n * 4})); });
  CHECK(everywhere(message.find("disagree on the global shape") != std::string::npos));
  CHECK(everywhere(message.find("rank 1 has (99,)") != std::string::npos));

  message = error_of([&] {
    if (rank() == 1)
      f.save("/v", dd::mpi::distributed(std::vector<float>(4), {r * 4}, {n * 4}));
    else
      f.save("/v", dd::mpi::distributed(mine, {r * 4}, {n * 4}));
  });
  CHECK(everywhere(message.find("disagree on the element type: rank 0 has float64, rank 1 has float32") !=
                   std::string::npos));

  message = error_of([&] { f.save("/v", dd::mpi::distributed(mine, {rank() == 1 ? n * 4 - 2 : r * 4}, {n * 4})); });
  CHECK(everywhere(message.find("rank 1: the block (4,) at offset (" + std::to_string(n * 4 - 2) +
                                ",) does not fit inside the global shape (" + std::to_string(n * 4) + ",)") !=
                   std::string::npos));

  message = error_of([&] { f.save("/v", dd::mpi::distributed(mine, {rank() == 1 ? 2 : r * 4}, {n * 4})); });
  CHECK(everywhere(message.find("the blocks of rank 0 (offset (0,), shape (4,)) and rank 1 (offset (2,), shape (4,)) "
                                "overlap") != std::string::npos));

  message = error_of([&] {
    if (rank() == 1)
      f.save("/c", std::string("x"));
    else
      f.save("/c", 1.0);
  });
  CHECK(everywhere(message.find("disagree on the type") != std::string::npos));

  message = error_of([&] { (void)f.load<double>("/a", {.untrusted = true}); });
  CHECK(everywhere(message.find("load_options::untrusted is not available in dd::mpi") != std::string::npos));

  message = error_of([&] { (void)f.load<dd::ndarray<double>>("/nothing", dd::selection{}); });
  CHECK(everywhere(message.find("/nothing") != std::string::npos));

  f.save("/ok", dd::mpi::distributed(mine, {r * 4}, {n * 4}));
  message = error_of([&] {
    (void)f.load<std::vector<double>>("/ok", dd::selection{.offset = {rank() == 1 ? n * 4 : 0}, .count = {1}});
  });
  CHECK(everywhere(message.find("rank 1: selection offset") != std::string::npos));
  message = error_of([&] { (void)f.load<std::vector<std::int32_t>>("/ok", dd::selection{}); });
  CHECK(everywhere(message.find("expected a dataset of int32, found float64") != std::string::npos));

  // After all that the file still works: nothing half-done was left behind.
  CHECK(f.load<std::vector<double>>("/ok", dd::selection{.offset = {r * 4}, .count = {4}}) == mine);
  f.close();
  if (rank() == 0) {
    const auto listed = dd::file(path).list("/");
    CHECK(listed.size() == 1);
  }
}

TEST_CASE("a file written by another number of ranks reads back the same") {
  // This run writes cross-<ranks>.h5; another run (run.sh) reads it with a different number of ranks.
  const std::size_t rows = 12;
  const auto share = dd::mpi::even_rows(MPI_COMM_WORLD, rows);
  {
    dd::mpi::file f(MPI_COMM_WORLD, in_dir("cross"), dd::mode::create);
    f.save("/a", dd::mpi::distributed(block_of(share.offset[0], share.count[0], columns), {share.offset[0], 0},
                                      {rows, columns}));
  }
  for (const char* other : {"cross-2.h5", "cross-4.h5"}) {
    const auto path = dir() / other;
    if (!std::filesystem::exists(path) || path == in_dir("cross")) continue;
    dd::mpi::file f(MPI_COMM_WORLD, path);
    dd::mpi::distributed<dd::ndarray<double>> mine;
    f.load("/a", mine);
    CHECK(mine.global_shape == std::vector<std::size_t>{rows, columns});
    CHECK(mine.offset[0] == share.offset[0]);
    for (std::size_t i = 0; i < share.count[0]; ++i)
      for (std::size_t j = 0; j < columns; ++j) CHECK(mine.block(i, j) == value_at(share.offset[0] + i, j));
  }
}

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  doctest::Context context(argc, argv);
  if (rank() != 0) context.setOption("minimal", true);  // one full report; other ranks print failures only
  const int failed = context.run();
  int any = 0;
  MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  return any ? 1 : 0;
}
