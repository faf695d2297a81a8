// Writes the compression cases for check_compression.py: one file per compression setting, each
// holding the same arrays (some above the threshold, some at it), and one file of dd::compressed<T>
// members. KEEP IN SYNC WITH check_compression.py: the values are hard-coded on both sides.
#include <array>
#include <cstdint>
#include <cstdio>
#include <dd/compressed.hpp>
#include <dd/dd.hpp>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Arrays {
  std::vector<double> f64;                                  // (1000,)   (i // 7 % 50) * 0.5
  std::vector<std::array<std::int32_t, 8>> i32;             // (64, 8)   i - 100
  std::array<std::array<std::array<float, 30>, 5>, 4> f32;  // (4, 5, 30)   i * 0.25
  std::vector<std::uint8_t> u8;                             // (5000,)   i % 251
  std::vector<double> exactly_300;                          // (300,)    i: contiguous at the default threshold
  std::vector<double> just_301;                             // (301,)    i: compressed
  std::vector<std::int32_t> small;                          // [1, 2, 3]
};

Arrays arrays() {
  Arrays a;
  for (int i = 0; i < 1000; ++i) a.f64.push_back((i / 7 % 50) * 0.5);
  a.i32.resize(64);
  for (int i = 0; i < 512; ++i) a.i32[i / 8][i % 8] = i - 100;
  for (int i = 0; i < 600; ++i) a.f32[i / 150][i / 30 % 5][i % 30] = static_cast<float>(i) * 0.25f;
  for (int i = 0; i < 5000; ++i) a.u8.push_back(static_cast<std::uint8_t>(i % 251));
  for (int i = 0; i < 300; ++i) a.exactly_300.push_back(i);
  for (int i = 0; i < 301; ++i) a.just_301.push_back(i);
  a.small = {1, 2, 3};
  return a;
}

// dd::compressed<T> members: each its own filters, whatever the options; `plain` follows the options.
struct Members {
  dd::compressed<std::vector<double>> blosc_zstd;  // 1000 doubles as f64 above
  dd::compressed<std::vector<double>> lz4;
  dd::compressed<std::vector<std::int32_t>> tiny_bzip2;  // [1, 2, 3]: compressed too (threshold 0)
  dd::compressed<std::vector<double>> kept_plain;        // with = {}: contiguous
  std::vector<double> plain;
  int epochs;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_compression OUTDIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  try {
    const std::pair<const char*, dd::compression> settings[] = {
        {"deflate1", dd::deflate(1)},
        {"deflate4", dd::deflate(4)},
        {"deflate9_noshuffle", dd::deflate(9, false)},
        {"blosc_blosclz", dd::blosc(dd::blosc_codec::blosclz, 9)},
        {"blosc_lz4", dd::blosc(dd::blosc_codec::lz4, 5)},
        {"blosc_lz4hc", dd::blosc(dd::blosc_codec::lz4hc, 3)},
        {"blosc_snappy", dd::blosc(dd::blosc_codec::snappy, 5)},
        {"blosc_zlib", dd::blosc(dd::blosc_codec::zlib, 5)},
        {"blosc_zstd", dd::blosc(dd::blosc_codec::zstd, 5)},
        {"blosc_noshuffle", dd::blosc(dd::blosc_codec::lz4, 1, false)},
        {"blosc_bitshuffle", dd::blosc(dd::blosc_codec::zstd, 7, true, true)},
        {"lz4", dd::lz4()},
        {"lz4_noshuffle", dd::lz4(false)},
        {"bitshuffle_lz4", dd::bitshuffle(dd::bitshuffle_codec::lz4)},
        {"bitshuffle_none", dd::bitshuffle(dd::bitshuffle_codec::none)},
        {"bzip2", dd::bzip2(9)},
        {"bzip2_1_noshuffle", dd::bzip2(1, false)},
    };
    const auto a = arrays();
    for (const auto& [name, c] : settings) dd::save(dir + "/" + name + ".h5", a, {.compression = c});

    Members m{{a.f64, dd::blosc(dd::blosc_codec::zstd, 5)},
              {a.f64, dd::lz4()},
              {{1, 2, 3}, dd::bzip2(9)},
              {a.f64, {}},
              a.f64,
              7};
    dd::save(dir + "/members.h5", m);
    dd::save(dir + "/members_deflate.h5", m, {.compression = dd::deflate(4)});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_compression: %s\n", e.what());
    return 1;
  }
  return 0;
}
