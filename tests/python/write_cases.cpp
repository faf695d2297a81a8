// Writes one HDF5 file per layout case with dd::save, for the independent Python readers
// (check_h5py.py: h5py + numpy; check_deepdish.py: PyTables, following deepdish's loading rules).
//
//   write_cases OUTPUT_DIR
//
// The Python scripts hard-code the same values: KEEP THE VALUES HERE AND IN cases.py IN SYNC.
// Each value below is chosen to be exactly representable (or compared bit-for-bit), so the
// readers can demand exact equality.
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <dd/dd.hpp>

namespace cases {

// --- the README example ----------------------------------------------------------------------
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
  Optimizer opt;
  std::vector<float> weights;
  std::array<std::array<double, 3>, 2> frame;
  std::map<std::string, double> metrics;
  std::vector<Optimizer> history;
};

Config config() {
  return Config{
      .epochs = 10,
      .shuffle = true,
      .dropout = 0.25,
      .run_name = "baseline",
      .opt = {"adam", 0.001, 1000},
      .weights = {0.5f, -1.25f, 3.0f},
      .frame = {{{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}}},
      .metrics = {{"accuracy", 0.93}, {"loss", 0.125}},
      .history = {{"sgd", 0.1, 100}, {"adam", 0.01, 200}},
  };
}

// --- every arithmetic type as a struct member ---------------------------------------------------
struct Scalars {
  std::int8_t i8;
  std::int16_t i16;
  std::int32_t i32;
  std::int64_t i64;
  std::uint8_t u8;
  std::uint16_t u16;
  std::uint32_t u32;
  std::uint64_t u64;
  float f32;
  double f64;
  bool yes;
  bool no;
  short s;  // the built-in spellings map by width too
  long long ll;
  unsigned long long ull;
  int i;
  unsigned u;
  float f32_inf;
  double f64_nan;
  double f64_neg_zero;
};

Scalars scalars() {
  return Scalars{
      .i8 = std::numeric_limits<std::int8_t>::min(),
      .i16 = std::numeric_limits<std::int16_t>::min(),
      .i32 = std::numeric_limits<std::int32_t>::min(),
      .i64 = std::numeric_limits<std::int64_t>::min(),
      .u8 = std::numeric_limits<std::uint8_t>::max(),
      .u16 = std::numeric_limits<std::uint16_t>::max(),
      .u32 = std::numeric_limits<std::uint32_t>::max(),
      .u64 = std::numeric_limits<std::uint64_t>::max(),
      .f32 = 0.1f,
      .f64 = 0.1,
      .yes = true,
      .no = false,
      .s = -12345,
      .ll = 1234567890123456789LL,
      .ull = 9876543210987654321ULL,
      .i = -7,
      .u = 7,
      .f32_inf = std::numeric_limits<float>::infinity(),
      .f64_nan = std::numeric_limits<double>::quiet_NaN(),
      .f64_neg_zero = -0.0,
  };
}

// --- strings -------------------------------------------------------------------------------------
struct Strings {
  std::string empty;
  std::string ascii;
  std::string unicode;
  std::string long_text;  // 100000 characters: far beyond the 64 KiB object-header limit
};

Strings strings() {
  std::string long_text(100000, ' ');
  for (std::size_t i = 0; i < long_text.size(); ++i) long_text[i] = static_cast<char>('a' + i % 26);
  return Strings{.empty = "", .ascii = "hello", .unicode = "h\u00e9llo \u4e16\u754c", .long_text = long_text};
}

// --- vectors of every numeric type (filled, and all empty) ---------------------------------------
struct Vectors {
  std::vector<std::int8_t> i8;
  std::vector<std::int16_t> i16;
  std::vector<std::int32_t> i32;
  std::vector<std::int64_t> i64;
  std::vector<std::uint8_t> u8;
  std::vector<std::uint16_t> u16;
  std::vector<std::uint32_t> u32;
  std::vector<std::uint64_t> u64;
  std::vector<float> f32;
  std::vector<double> f64;
};

Vectors vectors() {
  return Vectors{
      .i8 = {-128, 0, 127},
      .i16 = {-32768, 1, 32767},
      .i32 = {std::numeric_limits<std::int32_t>::min(), 2, std::numeric_limits<std::int32_t>::max()},
      .i64 = {std::numeric_limits<std::int64_t>::min(), 3, std::numeric_limits<std::int64_t>::max()},
      .u8 = {0, 1, 255},
      .u16 = {0, 2, 65535},
      .u32 = {0, 3, std::numeric_limits<std::uint32_t>::max()},
      .u64 = {0, 4, std::numeric_limits<std::uint64_t>::max()},
      .f32 = {0.1f, -2.5f, 1e30f},
      .f64 = {0.1, -2.5, 1e300},
  };
}

// --- fixed-shape and N-D arrays ------------------------------------------------------------------
using Image = std::array<std::array<std::array<float, 32>, 32>, 3>;  // (channels, y, x)

struct Arrays {
  std::array<std::array<double, 3>, 2> frame;
  std::vector<std::array<float, 3>> points;
  std::vector<std::array<float, 3>> no_points;
  std::array<std::int32_t, 4> fixed;
  std::vector<Image> images;  // 2 rows -> (2, 3, 32, 32)
};

Arrays arrays() {
  Arrays a{
      .frame = {{{1.5, 2.5, 3.5}, {-4.0, 5.0, -6.0}}},
      .points = {{0.0f, 1.0f, 2.0f}, {3.0f, 4.0f, 5.0f}, {6.5f, 7.5f, 8.5f}, {-1.0f, -2.0f, -3.0f}},
      .no_points = {},
      .fixed = {1, -2, 3, -4},
      .images = std::vector<Image>(2),
  };
  // images[r][c][y][x] = r*10000 + c*1000 + y*32 + x: exact in float32
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < 3; ++c)
      for (std::size_t y = 0; y < 32; ++y)
        for (std::size_t x = 0; x < 32; ++x)
          a.images[r][c][y][x] = static_cast<float>(r * 10000 + c * 1000 + y * 32 + x);
  return a;
}

// --- maps ----------------------------------------------------------------------------------------
struct Maps {
  std::map<std::string, double> scores;
  std::map<std::string, Optimizer> optimizers;
  std::map<std::string, double> nothing;
};

std::map<std::string, double> scores() { return {{"alpha", 1.5}, {"beta", -2.25}, {"gamma", 1e-3}}; }
std::map<std::string, Optimizer> optimizers() {
  return {{"fast", {"adam", 0.01, 5}}, {"slow", {"sgd", 0.0001, 50000}}};
}
Maps maps() { return Maps{.scores = scores(), .optimizers = optimizers(), .nothing = {}}; }

// --- sequences that are not contiguous numbers (ranges of strings are string datasets: see
// write_containers.cpp) ---------------------------------------------------------------------------
struct Sequences {
  std::vector<Optimizer> optimizers;
  std::vector<std::vector<int>> ragged;
  std::vector<Optimizer> no_optimizers;
};

std::vector<Optimizer> history() { return {{"sgd", 0.5, 1}, {"adam", 0.25, 2}, {"rmsprop", 0.125, 3}}; }

Sequences sequences() {
  return Sequences{
      .optimizers = history(),
      .ragged = {{1, 2, 3}, {}, {-4}},
      .no_optimizers = {},
  };
}

// --- a 4-level nested struct ---------------------------------------------------------------------
struct Level4 {
  int depth;
  std::vector<double> values;
  std::string label;
};
struct Level3 {
  int depth;
  Level4 next;
};
struct Level2 {
  int depth;
  Level3 next;
  bool flag;
};
struct Level1 {
  int depth;
  Level2 next;
  std::string name;
};

Level1 nested() {
  return Level1{
      .depth = 1,
      .next = {.depth = 2,
               .next = {.depth = 3, .next = {.depth = 4, .values = {1.0, 2.0}, .label = "bottom"}},
               .flag = true},
      .name = "top",
  };
}

}  // namespace cases

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  try {
    std::filesystem::create_directories(dir);
    dd::save(dir / "config.h5", cases::config());
    dd::save(dir / "scalars.h5", cases::scalars());
    dd::save(dir / "strings.h5", cases::strings());
    dd::save(dir / "vectors.h5", cases::vectors());
    dd::save(dir / "vectors_empty.h5", cases::Vectors{});
    dd::save(dir / "arrays.h5", cases::arrays());
    dd::save(dir / "maps.h5", cases::maps());
    dd::save(dir / "top_map.h5", cases::scores());
    dd::save(dir / "top_map_of_structs.h5", cases::optimizers());
    dd::save(dir / "sequences.h5", cases::sequences());
    dd::save(dir / "nested.h5", cases::nested());
    dd::save(dir / "top_int.h5", 42);
    dd::save(dir / "top_string.h5", std::string("h\u00e9llo \u4e16\u754c"));
    dd::save(dir / "top_vector.h5", std::vector<double>{1.0, 2.5, -3.75});
    dd::save(dir / "top_structs.h5", cases::history());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_cases: %s\n", e.what());
    return 1;
  }
  return 0;
}
