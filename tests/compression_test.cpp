// Compression: every filter and level round-trips with the filters and cd_values h5py/PyTables write,
// the threshold and chunk heuristic, missing plugins as clear errors, the dd::compressed<T> per-member
// override, and deepdish's compressed fixtures. docs/compression.md describes what is tested here.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <dd/compressed.hpp>
#include <dd/dd.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_util.hpp"

using dd_test::fixture;
using dd_test::scratch;
namespace fs = std::filesystem;

namespace {

// The storage of the dataset at a slash-separated path below the root.
dd::h5::storage storage_at(const fs::path& file, const std::string& path) {
  auto handle = dd::h5::open_file(file.string(), false);
  auto group = dd::h5::group::open_root(handle.id());
  std::string rest = path;
  for (auto slash = rest.find('/'); slash != std::string::npos; slash = rest.find('/')) {
    group = group.open_group(rest.substr(0, slash));
    rest = rest.substr(slash + 1);
  }
  return dd::h5::storage_of(group.open_dataset(rest));
}

std::vector<unsigned> ids(const dd::h5::storage& s) {
  std::vector<unsigned> out;
  for (const auto& f : s.filters) out.push_back(static_cast<unsigned>(f.id));
  return out;
}

// Very compressible but not trivial: small integers in a slow pattern.
std::vector<double> pattern(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>((i / 7) % 50) * 0.5;
  return v;
}

std::uintmax_t plain_size(const std::vector<double>& v) {
  const auto file = scratch("plain_reference.h5");
  dd::save(file, v);
  return fs::file_size(file);
}

std::string failure_of(const auto& action) {
  try {
    action();
  } catch (const dd::error& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// ---- every filter and level ---------------------------------------------------------------------

TEST_CASE("deflate 1..9 with and without shuffle: round trip, shuffle (2) then deflate (1) with the level") {
  const auto data = pattern(20000);
  const auto plain = plain_size(data);
  for (int level = 1; level <= 9; ++level) {
    for (bool shuffle : {true, false}) {
      CAPTURE(level);
      CAPTURE(shuffle);
      const auto file = scratch("deflate_" + std::to_string(level) + (shuffle ? "s" : "") + ".h5");
      dd::save(file, data, {.compression = dd::deflate(level, shuffle)});
      CHECK(dd::load<std::vector<double>>(file) == data);
      const auto s = storage_at(file, "data");
      CHECK(s.layout == dd::h5::layout::chunked);
      CHECK(ids(s) == (shuffle ? std::vector<unsigned>{2, 1} : std::vector<unsigned>{1}));
      CHECK(s.filters.back().cd_values == std::vector<unsigned>{static_cast<unsigned>(level)});
      if (shuffle) CHECK(s.filters.front().cd_values == std::vector<unsigned>{8});  // HDF5 adds the element size
      CHECK(fs::file_size(file) < plain / 4);
    }
  }
}

TEST_CASE("blosc: every codec, levels 1..9, no/byte/bit shuffle; cd_values as PyTables writes them") {
  const auto data = pattern(20000);
  const auto plain = plain_size(data);
  for (auto codec : {dd::blosc_codec::blosclz, dd::blosc_codec::lz4, dd::blosc_codec::lz4hc, dd::blosc_codec::snappy,
                     dd::blosc_codec::zlib, dd::blosc_codec::zstd}) {
    for (int level : {1, 5, 9}) {
      for (unsigned shuffle : {0u, 1u, 2u}) {
        const auto code = static_cast<unsigned>(codec);
        CAPTURE(code);
        CAPTURE(level);
        CAPTURE(shuffle);
        const auto file = scratch("blosc.h5");
        dd::save(file, data, {.compression = dd::blosc(codec, level, shuffle == 1, shuffle == 2)});
        CHECK(dd::load<std::vector<double>>(file) == data);
        const auto s = storage_at(file, "data");
        REQUIRE(ids(s) == std::vector<unsigned>{32001});
        CHECK(s.filters[0].flags == H5Z_FLAG_OPTIONAL);
        // [filter version 2, blosc format 2, element size, chunk bytes, level, shuffle, codec]
        CHECK(s.filters[0].cd_values == std::vector<unsigned>{2, 2, 8, static_cast<unsigned>(s.chunk[0] * 8),
                                                              static_cast<unsigned>(level), shuffle, code});
        CHECK(fs::file_size(file) < plain / 2);
      }
    }
  }
}

TEST_CASE("lz4 (32004), bitshuffle (32008) and bzip2 (307): round trip with the cd_values hdf5plugin writes") {
  const auto data = pattern(20000);
  const auto plain = plain_size(data);
  SUBCASE("lz4 with and without shuffle") {
    for (bool shuffle : {true, false}) {
      const auto file = scratch("lz4.h5");
      dd::save(file, data, {.compression = dd::lz4(shuffle)});
      CHECK(dd::load<std::vector<double>>(file) == data);
      const auto s = storage_at(file, "data");
      CHECK(ids(s) == (shuffle ? std::vector<unsigned>{2, 32004} : std::vector<unsigned>{32004}));
      CHECK(s.filters.back().cd_values == std::vector<unsigned>{0});
      CHECK(fs::file_size(file) < plain / 2);
    }
  }
  SUBCASE("bitshuffle with lz4 and without compression") {
    for (auto with : {dd::bitshuffle_codec::lz4, dd::bitshuffle_codec::none}) {
      const auto file = scratch("bitshuffle.h5");
      dd::save(file, data, {.compression = dd::bitshuffle(with)});
      CHECK(dd::load<std::vector<double>>(file) == data);
      const auto s = storage_at(file, "data");
      REQUIRE(ids(s) == std::vector<unsigned>{32008});
      const auto& cd = s.filters[0].cd_values;  // [major, minor, element size, block size, compressor]
      REQUIRE(cd.size() == 5);
      CHECK(cd[2] == 8);
      CHECK(cd[3] == 0);
      CHECK(cd[4] == static_cast<unsigned>(with));
      if (with == dd::bitshuffle_codec::lz4) CHECK(fs::file_size(file) < plain / 2);
    }
  }
  SUBCASE("bitshuffle with zstd: refused by bitshuffle < 0.4 (which would write it uncompressed), else stored") {
    const auto file = scratch("bitshuffle_zstd.h5");
    const auto message =
        failure_of([&] { dd::save(file, data, {.compression = dd::bitshuffle(dd::bitshuffle_codec::zstd, 5)}); });
    if (message == "(no error)") {
      CHECK(dd::load<std::vector<double>>(file) == data);
      CHECK(storage_at(file, "data").filters[0].cd_values.at(4) == 3);
    } else {
      CHECK(contains(message,
                     "bitshuffle_zstd.h5:/data: compression: bitshuffle with zstd needs the bitshuffle plugin 0.4"));
      CHECK(!fs::exists(file));
    }
  }
  SUBCASE("bzip2 1..9 with and without shuffle") {
    for (int level = 1; level <= 9; ++level) {
      for (bool shuffle : {true, false}) {
        const auto file = scratch("bzip2.h5");
        dd::save(file, data, {.compression = dd::bzip2(level, shuffle)});
        CHECK(dd::load<std::vector<double>>(file) == data);
        const auto s = storage_at(file, "data");
        CHECK(ids(s) == (shuffle ? std::vector<unsigned>{2, 307} : std::vector<unsigned>{307}));
        CHECK(s.filters.back().cd_values == std::vector<unsigned>{static_cast<unsigned>(level)});
        CHECK(fs::file_size(file) < plain / 2);
      }
    }
  }
}

TEST_CASE("other element types and ranks round-trip compressed") {
  std::vector<std::int32_t> ints(5000);
  for (std::size_t i = 0; i < ints.size(); ++i) ints[i] = static_cast<std::int32_t>(i % 100) - 50;
  std::vector<std::array<float, 3>> points(2000);
  for (std::size_t i = 0; i < points.size(); ++i) points[i] = {float(i), -float(i) * 0.5f, 1.0f};
  std::vector<std::uint8_t> bytes(100000, 7);
  for (const auto& c :
       {dd::deflate(6), dd::blosc(dd::blosc_codec::zstd, 7), dd::lz4(), dd::bitshuffle(), dd::bzip2(3)}) {
    CAPTURE(static_cast<int>(c.method));
    const auto a = scratch("ints.h5"), b = scratch("points.h5"), u = scratch("bytes.h5");
    dd::save(a, ints, {.compression = c});
    dd::save(b, points, {.compression = c});
    dd::save(u, bytes, {.compression = c});
    CHECK(dd::load<std::vector<std::int32_t>>(a) == ints);
    CHECK(dd::load<std::vector<std::array<float, 3>>>(b) == points);
    CHECK(dd::load<std::vector<std::uint8_t>>(u) == bytes);
    const auto s = storage_at(b, "data");
    CHECK(s.chunk == std::vector<hsize_t>{2000, 3});
  }
}

namespace {
struct Particle {
  double x, y, z;
  float mass;
  std::int32_t id;
  bool operator==(const Particle&) const = default;
};
}  // namespace

TEST_CASE("tables (compound datasets) follow the same threshold and filters as arrays") {
  struct Tables {
    std::vector<Particle> many, few;
  };
  Tables t{std::vector<Particle>(1000), std::vector<Particle>(300)};
  for (std::size_t i = 0; i < 1000; ++i) t.many[i] = {i * 0.5, 1.0, -2.0, 0.25f, static_cast<std::int32_t>(i)};
  const auto file = scratch("tables.h5");
  dd::save(file, t, {.compression = dd::blosc(dd::blosc_codec::zstd, 5)});
  const auto s = storage_at(file, "many");
  REQUIRE(ids(s) == std::vector<unsigned>{32001});
  CHECK(s.filters[0].cd_values.at(2) == 32);  // blosc's element size: the packed record (3 x 8 + 4 + 4)
  CHECK(s.chunk == std::vector<hsize_t>{1000});
  CHECK(storage_at(file, "few").layout == dd::h5::layout::contiguous);
  const auto back = dd::load<Tables>(file);
  CHECK(back.many == t.many);
  CHECK(back.few == t.few);
}

TEST_CASE("saving the same value twice with compression gives byte-identical files") {
  const auto data = pattern(20000);
  for (const auto& c : {dd::deflate(6), dd::blosc(dd::blosc_codec::zstd), dd::lz4(), dd::bitshuffle(), dd::bzip2()}) {
    CAPTURE(static_cast<int>(c.method));
    const auto a = scratch("same_a.h5"), b = scratch("same_b.h5");
    dd::save(a, data, {.compression = c});
    dd::save(b, data, {.compression = c});
    CHECK(dd_test::read_bytes(a) == dd_test::read_bytes(b));
  }
}

TEST_CASE("bad settings are errors naming the setting, the file and the path; nothing is written") {
  const auto data = pattern(1000);
  struct Holder {
    std::vector<double> weights;
  };
  const Holder h{data};
  const auto file = scratch("bad_settings.h5");
  auto message = [&](dd::compression c) { return failure_of([&] { dd::save(file, h, {.compression = c}); }); };
  CHECK(contains(message(dd::deflate(0)), "bad_settings.h5:/weights: compression: deflate level must be 1..9, got 0"));
  CHECK(contains(message(dd::deflate(10)), "deflate level must be 1..9, got 10"));
  CHECK(contains(message(dd::blosc(dd::blosc_codec::lz4, 10)), "blosc level must be 1..9, got 10"));
  CHECK(contains(message(dd::blosc(dd::blosc_codec::lz4, 0)), "blosc level must be 1..9, got 0"));
  CHECK(contains(message(dd::blosc(static_cast<dd::blosc_codec>(6))), "unknown blosc codec 6"));
  CHECK(contains(message(dd::bzip2(0)), "bzip2 level must be 1..9, got 0"));
  CHECK(contains(message(dd::bitshuffle(static_cast<dd::bitshuffle_codec>(1))), "unknown bitshuffle codec 1"));
  CHECK(contains(message({.method = static_cast<dd::filter>(42)}), "unknown filter 42"));
  CHECK(!fs::exists(file));
  // Below the threshold nothing is compressed, so nothing is checked either.
  CHECK_NOTHROW(dd::save(file, std::vector<double>(300), {.compression = dd::deflate(0)}));
}

// ---- threshold and chunks -----------------------------------------------------------------------

TEST_CASE("threshold: at most 300 elements stay contiguous, 301 are chunked; configurable") {
  struct Sizes {
    std::vector<double> at, above;
    std::vector<std::array<double, 3>> rows_at, rows_above;  // 100 x 3 = 300, 101 x 3 = 303
    std::vector<double> empty;
  };
  const Sizes v{
      pattern(300), pattern(301), std::vector<std::array<double, 3>>(100), std::vector<std::array<double, 3>>(101), {}};
  const auto file = scratch("threshold.h5");
  dd::save(file, v, {.compression = dd::deflate(4)});
  CHECK(storage_at(file, "at").layout == dd::h5::layout::contiguous);
  CHECK(storage_at(file, "at").filters.empty());
  CHECK(storage_at(file, "above").layout == dd::h5::layout::chunked);
  CHECK(ids(storage_at(file, "above")) == std::vector<unsigned>{2, 1});
  CHECK(storage_at(file, "rows_at").layout == dd::h5::layout::contiguous);
  CHECK(storage_at(file, "rows_above").layout == dd::h5::layout::chunked);
  CHECK(storage_at(file, "empty").layout == dd::h5::layout::contiguous);
  CHECK(dd::load<Sizes>(file).above == v.above);

  dd::save(file, v, {.compression = dd::deflate(4), .compression_threshold = 0});
  CHECK(storage_at(file, "at").layout == dd::h5::layout::chunked);
  CHECK(storage_at(file, "empty").layout == dd::h5::layout::contiguous);  // nothing to chunk
  dd::save(file, v, {.compression = dd::deflate(4), .compression_threshold = 301});
  CHECK(storage_at(file, "above").layout == dd::h5::layout::contiguous);
  CHECK(storage_at(file, "rows_above").layout == dd::h5::layout::chunked);
  dd::save(file, v);  // no compression: everything contiguous
  CHECK(storage_at(file, "above").layout == dd::h5::layout::contiguous);
}

TEST_CASE("chunk shape: about 1 MiB, whole rows first, never larger than the data") {
  using dd::detail::chunk_shape;
  CHECK(chunk_shape({301}, 8) == std::vector<hsize_t>{301});
  CHECK(chunk_shape({1u << 20}, 8) == std::vector<hsize_t>{131072});
  CHECK(chunk_shape({4096, 8192}, 8) == std::vector<hsize_t>{16, 8192});
  CHECK(chunk_shape({100, 10}, 8) == std::vector<hsize_t>{100, 10});
  CHECK(chunk_shape({3, 1000000}, 4) == std::vector<hsize_t>{1, 262144});
  CHECK(chunk_shape({5000, 3, 32, 32}, 4) == std::vector<hsize_t>{85, 3, 32, 32});
  CHECK(chunk_shape({10, 0}, 8) == std::vector<hsize_t>{10, 1});  // never 0 (HDF5 refuses), not used for empty data
  CHECK(chunk_shape({7}, 3u << 20) == std::vector<hsize_t>{1});   // an element bigger than the target: one per chunk
  for (const auto& dims :
       std::vector<std::vector<hsize_t>>{{301}, {1000, 1000}, {2, 3, 4, 5, 6, 7}, {1, 1, 999999}, {65536, 17}}) {
    for (std::size_t size : {1u, 2u, 8u, 24u}) {
      const auto chunk = chunk_shape(dims, size);
      hsize_t bytes = size;
      for (std::size_t i = 0; i < dims.size(); ++i) {
        CHECK(chunk[i] >= 1);
        CHECK(chunk[i] <= dims[i]);
        bytes *= chunk[i];
        if (chunk[i] < dims[i])  // a dimension is cut only when the ones after it are whole
          for (std::size_t j = i + 1; j < dims.size(); ++j) CHECK(chunk[j] == dims[j]);
      }
      CHECK(bytes <= dd::detail::target_chunk_bytes);
    }
  }
  const auto file = scratch("chunks.h5");
  dd::save(file, std::vector<std::array<double, 8192>>(40), {.compression = dd::lz4()});
  CHECK(storage_at(file, "data").chunk == std::vector<hsize_t>{16, 8192});
}

// ---- missing plugins ----------------------------------------------------------------------------

TEST_CASE("a filter HDF5 cannot find is reported with its name, id and the Debian package") {
  const auto problem = dd::h5::encoder_problem({32767, "test-only", "dd-test-package"});
  CHECK(contains(problem, "the test-only filter (HDF5 filter 32767) is not available"));
  CHECK(contains(problem, "apt-get install dd-test-package"));
  CHECK(contains(problem, "HDF5 looked for its plugin in"));
  CHECK(dd::h5::encoder_problem(dd::h5::blosc_plugin).empty());  // installed by scripts/deps
}

namespace {
// Runs the test case `name` of this binary in a child process with extra environment; its exit code.
int run_child(const std::string& name, const std::string& env) {
  const auto exe = fs::read_symlink("/proc/self/exe");
  const auto log = scratch(name + ".log");
  const auto command =
      env + " DD_COMPRESSION_CHILD=1 '" + exe.string() + "' --test-case='" + name + "' > '" + log.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)), {});
  if (status != 0) MESSAGE(output);
  return status;
}
std::string decoder_problem_of(const fs::path& file, const std::string& name) {
  auto handle = dd::h5::open_file(file.string(), false);
  return dd::h5::decoder_problem(dd::h5::group::open_root(handle.id()).open_dataset(name).id());
}
bool in_child() { return std::getenv("DD_COMPRESSION_CHILD") != nullptr; }
}  // namespace

TEST_CASE("child: plugins missing") {
  if (!in_child()) return;
  CHECK(dd::h5::plugin_fallback_dirs().empty());  // DD_PLUGIN_FALLBACK_DIRS="": as without Debian's plugin packages
  struct Holder {
    std::vector<double> big;
  };
  const Holder h{pattern(1000)};
  const auto file = scratch("missing.h5");
  const std::pair<dd::compression, std::string> cases[] = {
      {dd::blosc(),
       "the blosc filter (HDF5 filter 32001) is not available: install the Debian package "
       "hdf5-filter-plugin-blosc-serial"},
      {dd::lz4(), "the lz4 filter (HDF5 filter 32004) is not available: install the Debian package hdf5-filter-plugin"},
      {dd::bitshuffle(),
       "the bitshuffle filter (HDF5 filter 32008) is not available: install the Debian package bitshuffle"},
      {dd::bzip2(),
       "the bzip2 filter (HDF5 filter 307) is not available: install the Debian package hdf5-filter-plugin"},
  };
  for (const auto& [method, expected] : cases) {
    const auto c = method;  // a lambda cannot capture a structured binding in clang 14
    const auto message = failure_of([&] { dd::save(file, h, {.compression = c}); });
    CHECK(contains(message, "missing.h5:/big: compression: " + expected));
    CHECK(!fs::exists(file));  // never a silent uncompressed file
  }
  CHECK_NOTHROW(dd::save(file, h, {.compression = dd::deflate(4)}));  // built into HDF5
  // Reading blosc data without the plugin is an error too (never garbage), and decoder_problem says why.
  const auto message =
      failure_of([] { (void)dd::load<std::vector<std::array<double, 10>>>(fixture("arrays_blosc.h5"), "/large_f64"); });
  CHECK(contains(message, "arrays_blosc.h5:/large_f64"));
  CHECK(contains(decoder_problem_of(fixture("arrays_blosc.h5"), "large_f64"),
                 "cannot decompress: the blosc filter (HDF5 filter 32001) is not available: install the Debian package "
                 "hdf5-filter-plugin-blosc-serial"));
  CHECK(decoder_problem_of(fixture("arrays.h5"), "large_f64").empty());  // shuffle + deflate are built in
}

TEST_CASE("child: plugin path elsewhere") {
  if (!in_child()) return;
  // HDF5 alone does not find blosc; when a read fails, dd adds Debian's directories and reads again.
  const auto read = [] {
    return dd::load<std::vector<std::array<double, 10>>>(fixture("arrays_blosc.h5"), "/large_f64");
  };
  const auto values = read();
  REQUIRE(values.size() == 100);
  CHECK(values[99][9] == 999.0);
  CHECK(decoder_problem_of(fixture("arrays_blosc.h5"), "large_f64").empty());
  const auto data = pattern(1000);
  const auto file = scratch("fallback.h5");
  dd::save(file, data, {.compression = dd::blosc(dd::blosc_codec::zstd)});  // found in Debian's directory
  CHECK(dd::load<std::vector<double>>(file) == data);
  const auto path = dd::h5::plugin_search_path();
  CHECK(!dd::h5::plugin_fallback_dirs().empty());
  for (const auto& dir : dd::h5::plugin_fallback_dirs()) CHECK(std::find(path.begin(), path.end(), dir) != path.end());
}

TEST_CASE("child: plugin loading off") {
  if (!in_child()) return;
  const auto message = failure_of([] { dd::save(scratch("off.h5"), pattern(1000), {.compression = dd::lz4()}); });
  CHECK(
      contains(message, "the lz4 filter (HDF5 filter 32004) is not available: HDF5's plugin loading is switched off"));
}

TEST_CASE("a missing plugin fails the save with the package to install (child processes with no plugins)") {
  const auto empty = scratch("no-plugins");
  fs::create_directories(empty);
  CHECK(run_child("child: plugins missing", "HDF5_PLUGIN_PATH='" + empty.string() + "' DD_PLUGIN_FALLBACK_DIRS=''") ==
        0);
  // With HDF5_PLUGIN_PATH pointing elsewhere, dd still finds Debian's plugins.
  CHECK(run_child("child: plugin path elsewhere", "HDF5_PLUGIN_PATH='" + empty.string() + "'") == 0);
  CHECK(run_child("child: plugin loading off", "HDF5_PLUGIN_PRELOAD='::'") == 0);
}

// ---- dd::compressed<T> --------------------------------------------------------------------------

namespace {
struct Model {
  std::string name;
  dd::compressed<std::vector<double>> weights;
  std::vector<double> bias;
  dd::compressed<std::vector<std::int32_t>> small;
  int epochs = 0;
  bool operator==(const Model&) const = default;
};
struct Layer {
  std::vector<float> w;
  std::vector<float> b;
  bool operator==(const Layer&) const = default;
};
struct Net {
  dd::compressed<Layer> layer;               // every array inside is compressed
  dd::compressed<std::vector<Layer>> stack;  // a list of structs: each element's arrays too
  dd::compressed<std::vector<double>> raw;   // with = {}: plain even when the options compress
  std::vector<double> other;
  bool operator==(const Net&) const = default;
};
}  // namespace

static_assert(dd::detail::family_of<dd::compressed<std::vector<float>>>() == dd::detail::family::compressed);
static_assert(dd::detail::family_of<dd::compressed<Layer>>() == dd::detail::family::compressed);
static_assert(dd::detail::family_of<dd::compressed<int>>() == dd::detail::family::compressed);
static_assert(dd::detail::family_of<dd::compression>() != dd::detail::family::compressed);
static_assert(dd::detail::family_of<std::vector<dd::compressed<int>>>() != dd::detail::family::compressed);

TEST_CASE("dd::compressed<T>: one member compressed with its own filters at any size, the rest as the options say") {
  Model m{"mlp",
          {pattern(5000), dd::blosc(dd::blosc_codec::zstd, 5)},
          pattern(5000),
          dd::compressed<std::vector<std::int32_t>>{.value = {1, 2, 3}, .with = dd::bzip2(9)},
          3};
  const auto file = scratch("model.h5");
  dd::save(file, m);  // no compression in the options
  CHECK(dd::load<Model>(file) == m);
  CHECK(ids(storage_at(file, "weights")) == std::vector<unsigned>{32001});
  CHECK(storage_at(file, "weights").filters[0].cd_values.at(6) == 5);
  CHECK(storage_at(file, "bias").layout == dd::h5::layout::contiguous);
  CHECK(ids(storage_at(file, "small")) == std::vector<unsigned>{2, 307});  // 3 elements: threshold 0
  CHECK(storage_at(file, "small").chunk == std::vector<hsize_t>{3});

  dd::save(file, m, {.compression = dd::deflate(1)});
  CHECK(dd::load<Model>(file) == m);
  CHECK(ids(storage_at(file, "weights")) == std::vector<unsigned>{32001});
  CHECK(ids(storage_at(file, "bias")) == std::vector<unsigned>{2, 1});

  // The wrapper loads whatever is there: the plain file of the unwrapped value, and the other way round.
  const auto plain = scratch("plain_vector.h5");
  dd::save(plain, pattern(5000));
  auto w = dd::load<dd::compressed<std::vector<double>>>(plain);
  CHECK(w.value == pattern(5000));
  CHECK(w.with.method == dd::filter::deflate);  // the default, untouched by loading
  const auto wrapped = scratch("wrapped_vector.h5");
  dd::save(wrapped, dd::compressed<std::vector<double>>{pattern(5000), dd::lz4()});
  CHECK(dd::load<std::vector<double>>(wrapped) == pattern(5000));
  CHECK(ids(storage_at(wrapped, "data")) == std::vector<unsigned>{2, 32004});
  CHECK(*dd::load<dd::compressed<std::vector<double>>>(wrapped) == pattern(5000));
  const auto fixture_value =
      dd::load<dd::compressed<std::vector<std::array<double, 10>>>>(fixture("arrays.h5"), "/large_f64");
  CHECK(fixture_value.value.size() == 100);
}

TEST_CASE("dd::compressed<T> covers its whole subtree; with = {} keeps it plain; nesting restores the outer") {
  const Layer l{std::vector<float>(10, 1.5f), std::vector<float>(2000, -2.0f)};
  Net n{{l, dd::bitshuffle()}, {{l, l}, dd::deflate(9)}, {pattern(1000), {}}, pattern(1000)};
  const auto file = scratch("net.h5");
  dd::save(file, n, {.compression = dd::lz4(false)});
  CHECK(dd::load<Net>(file) == n);
  CHECK(ids(storage_at(file, "layer/w")) == std::vector<unsigned>{32008});  // 10 elements, still compressed
  CHECK(ids(storage_at(file, "layer/b")) == std::vector<unsigned>{32008});
  CHECK(ids(storage_at(file, "stack/i1/b")) == std::vector<unsigned>{2, 1});
  CHECK(storage_at(file, "raw").layout == dd::h5::layout::contiguous);
  CHECK(ids(storage_at(file, "other")) == std::vector<unsigned>{32004});  // the options again after the wrappers

  using Deep = dd::compressed<std::vector<dd::compressed<std::vector<double>>>>;
  const Deep deep{{{pattern(400), dd::bzip2()}, {pattern(20), {}}}, dd::deflate(2)};
  dd::save(file, deep);
  CHECK(dd::load<Deep>(file) == deep);
  CHECK(ids(storage_at(file, "data/i0")) == std::vector<unsigned>{2, 307});
  CHECK(storage_at(file, "data/i1").layout == dd::h5::layout::contiguous);
}

TEST_CASE("dd::compressed<T>: errors inside name the member's path; a bad filter fails the whole save") {
  struct Holder {
    int x = 1;
    dd::compressed<std::vector<double>> big;
  };
  const auto file = scratch("compressed_error.h5");
  const Holder h{1, {pattern(10), dd::deflate(11)}};
  CHECK(contains(failure_of([&] { dd::save(file, h); }),
                 "compressed_error.h5:/big: compression: deflate level must be 1..9, got 11"));
  CHECK(!fs::exists(file));
}

// ---- deepdish's compressed files ----------------------------------------------------------------

namespace {
std::vector<std::array<double, 10>> arange_100x10() {
  std::vector<std::array<double, 10>> v(100);
  for (std::size_t i = 0; i < 100; ++i)
    for (std::size_t j = 0; j < 10; ++j) v[i][j] = double(i * 10 + j);
  return v;
}
}  // namespace

TEST_CASE("deepdish fixtures: zlib + shuffle (rep_zlib.h5, arrays.h5) and blosc (arrays_blosc.h5) load") {
  const auto expected = arange_100x10();
  const auto zlib = storage_at(fixture("rep_zlib.h5"), "large");
  CHECK(zlib.chunk == std::vector<hsize_t>{819, 10});
  CHECK(ids(zlib) == std::vector<unsigned>{2, 1});
  CHECK(zlib.filters[1].cd_values == std::vector<unsigned>{9});
  CHECK(dd::load<std::vector<std::array<double, 10>>>(fixture("rep_zlib.h5"), "/large") == expected);
  CHECK(dd::load<std::vector<std::array<double, 10>>>(fixture("arrays.h5"), "/large_f64") == expected);

  const auto blosc = storage_at(fixture("arrays_blosc.h5"), "large_f64");
  CHECK(ids(blosc) == std::vector<unsigned>{32001});
  CHECK(blosc.filters[0].cd_values == std::vector<unsigned>{2, 2, 8, 65520, 9, 1});
  struct BloscFile {
    std::vector<std::array<double, 10>> large_f64;
  };
  CHECK(dd::load<BloscFile>(fixture("arrays_blosc.h5")).large_f64 == expected);
}

TEST_CASE("the plugin fallback directories come from DD_PLUGIN_FALLBACK_DIRS, else from the macro") {
  const auto base = scratch("fallback-dirs");
  fs::create_directories(base / "a" / "plugins");
  fs::create_directories(base / "b" / "plugins");
  fs::create_directories(base / "c");
  const auto pattern = (base / "*" / "plugins").string() + ":" + (base / "missing").string();
  ::setenv("DD_PLUGIN_FALLBACK_DIRS", pattern.c_str(), 1);
  const auto dirs = dd::h5::plugin_fallback_dirs();
  ::setenv("DD_PLUGIN_FALLBACK_DIRS", "", 1);
  const auto none = dd::h5::plugin_fallback_dirs();
  ::unsetenv("DD_PLUGIN_FALLBACK_DIRS");
  const auto debian = dd::h5::plugin_fallback_dirs();
  REQUIRE(dirs.size() == 2);  // existing directories only, in order
  CHECK(dirs[0] == (base / "a" / "plugins").string());
  CHECK(dirs[1] == (base / "b" / "plugins").string());
  CHECK(none.empty());
  CHECK(std::find(debian.begin(), debian.end(), "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins") != debian.end());
}
