// Round trips of every type family, compared field by field, with edge values.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <dd/dd.hpp>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "test_util.hpp"

using dd_test::round_trip;
using dd_test::scratch;

namespace {

struct Optimizer {
  std::string name;
  double lr;
  int steps;
  bool operator==(const Optimizer&) const = default;
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
  bool operator==(const Config&) const = default;
};

Config sample_config() {
  return Config{.epochs = 10,
                .shuffle = true,
                .dropout = 0.25,
                .run_name = "baseline",
                .opt = {"adam", 1e-3, 500},
                .weights = {0.5f, -1.25f, 3.0f},
                .frame = {{{1, 2, 3}, {4, 5, 6}}},
                .metrics = {{"loss", 0.125}, {"acc", 0.875}},
                .history = {{"sgd", 0.1, 10}, {"adam", 0.01, 20}}};
}

struct Numbers {
  std::int8_t i8;
  std::int16_t i16;
  std::int32_t i32;
  std::int64_t i64;
  std::uint8_t u8;
  std::uint16_t u16;
  std::uint32_t u32;
  std::uint64_t u64;
  float f;
  double d;
  bool yes;
  bool no;
  bool operator==(const Numbers&) const = default;
};

template <class T>
void check_number_extremes() {
  using L = std::numeric_limits<T>;
  for (T v : {L::lowest(), L::max(), T{0}, L::min()}) CHECK(round_trip(v, "extreme") == v);
}

}  // namespace

TEST_CASE("the Config of the README round-trips field by field") {
  const auto in = sample_config();
  const auto out = round_trip(in, "config");
  CHECK(out.epochs == in.epochs);
  CHECK(out.shuffle == in.shuffle);
  CHECK(out.dropout == in.dropout);
  CHECK(out.run_name == in.run_name);
  CHECK(out.opt == in.opt);
  CHECK(out.weights == in.weights);
  CHECK(out.frame == in.frame);
  CHECK(out.metrics == in.metrics);
  CHECK(out.history == in.history);
}

TEST_CASE("one node loads by path, including a path that ends at an attribute") {
  const auto file = scratch("paths.h5");
  const auto cfg = sample_config();
  dd::save(file, cfg);
  CHECK(dd::load<std::vector<float>>(file, "/weights") == cfg.weights);
  CHECK(dd::load<double>(file, "/opt/lr") == cfg.opt.lr);
  CHECK(dd::load<std::string>(file, "/opt/name") == "adam");
  CHECK(dd::load<Optimizer>(file, "/opt") == cfg.opt);
  CHECK(dd::load<Optimizer>(file, "/history/i1") == cfg.history[1]);
  CHECK(dd::load<Config>(file, "/") == cfg);
  CHECK(dd::load<double>(file, "//metrics/./loss") == 0.125);
  // std::filesystem::path and plain strings both name files
  CHECK(dd::load<int>(file.string(), "/epochs") == 10);
  CHECK(dd::load<int>(file.c_str(), "/epochs") == 10);
}

TEST_CASE("numbers keep their width, sign and extreme values") {
  const Numbers in{std::numeric_limits<std::int8_t>::min(),
                   std::numeric_limits<std::int16_t>::min(),
                   std::numeric_limits<std::int32_t>::min(),
                   std::numeric_limits<std::int64_t>::min(),
                   std::numeric_limits<std::uint8_t>::max(),
                   std::numeric_limits<std::uint16_t>::max(),
                   std::numeric_limits<std::uint32_t>::max(),
                   std::numeric_limits<std::uint64_t>::max(),
                   std::numeric_limits<float>::denorm_min(),
                   std::numeric_limits<double>::max(),
                   true,
                   false};
  CHECK(round_trip(in, "numbers") == in);
  check_number_extremes<std::int8_t>();
  check_number_extremes<std::int16_t>();
  check_number_extremes<std::int32_t>();
  check_number_extremes<std::int64_t>();
  check_number_extremes<std::uint8_t>();
  check_number_extremes<std::uint16_t>();
  check_number_extremes<std::uint32_t>();
  check_number_extremes<std::uint64_t>();
  check_number_extremes<float>();
  check_number_extremes<double>();
  check_number_extremes<long>();
  check_number_extremes<unsigned long long>();
  CHECK(round_trip(true, "true") == true);
  CHECK(round_trip(false, "false") == false);
}

TEST_CASE("NaN and infinities survive, in scalars and arrays") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(std::isnan(round_trip(nan, "nan")));
  CHECK(round_trip(inf, "inf") == inf);
  CHECK(round_trip(-inf, "ninf") == -inf);
  const auto v =
      round_trip(std::vector<float>{std::numeric_limits<float>::quiet_NaN(), -INFINITY, INFINITY, -0.0f}, "nanvec");
  REQUIRE(v.size() == 4);
  CHECK(std::isnan(v[0]));
  CHECK(v[1] == -INFINITY);
  CHECK(v[2] == INFINITY);
  CHECK(std::signbit(v[3]));
}

TEST_CASE("strings: empty, unicode, long, embedded in structs and maps") {
  for (std::string s :
       {std::string(), std::string("plain"), std::string("h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c \xf0\x9f\x9a\x80"),
        std::string(100000, 'x')})
    CHECK(round_trip(s, "string") == s);
  const std::map<std::string, std::string> m{{"empty", ""}, {"uni", "\xce\xb1\xce\xb2\xce\xb3"}, {"k\xc3\xa9y", "v"}};
  CHECK(round_trip(m, "stringmap") == m);
}

TEST_CASE("contiguous ranges of numbers: vectors, std::array, nested arrays, spans, empty") {
  CHECK(round_trip(std::vector<double>{1, 2, 3}, "vd") == std::vector<double>{1, 2, 3});
  CHECK(round_trip(std::vector<double>{}, "vempty").empty());
  CHECK(round_trip(std::vector<std::int8_t>{-128, 0, 127}, "vi8") == std::vector<std::int8_t>{-128, 0, 127});
  CHECK(round_trip(std::vector<std::uint64_t>{0, std::numeric_limits<std::uint64_t>::max()}, "vu64") ==
        std::vector<std::uint64_t>{0, std::numeric_limits<std::uint64_t>::max()});
  const std::array<int, 4> a{1, -2, 3, -4};
  CHECK(round_trip(a, "arr") == a);
  const std::array<std::array<std::array<float, 2>, 3>, 4> cube{};
  CHECK(round_trip(cube, "cube") == cube);
  const std::vector<std::array<float, 3>> points{{1, 2, 3}, {4, 5, 6}};
  CHECK(round_trip(points, "points") == points);
  CHECK(round_trip(std::vector<std::array<float, 3>>{}, "nopoints").empty());
  const std::array<bool, 3> flags{true, false, true};
  CHECK(round_trip(flags, "flags") == flags);

  // A C array and a span save like any range; loading into a span fills the caller's memory.
  const auto file = scratch("carray.h5");
  const double c_array[2][3] = {{1, 2, 3}, {4, 5, 6}};
  dd::save(file, c_array);
  std::array<double, 6> storage{};
  std::span<std::array<double, 3>> view(reinterpret_cast<std::array<double, 3>*>(storage.data()), 2);
  dd::load(file, "", view);
  CHECK(storage == std::array<double, 6>{1, 2, 3, 4, 5, 6});
  dd::save(file, std::span<const double>(storage.data(), 4));
  CHECK(dd::load<std::vector<double>>(file) == std::vector<double>{1, 2, 3, 4});
}

TEST_CASE("loading into an existing vector reuses its storage") {
  const auto file = scratch("reuse.h5");
  dd::save(file, std::vector<double>(1000, 2.5));
  std::vector<double> out(1000, 0.0);
  const auto* before = out.data();
  dd::load(file, "", out);
  CHECK(out.data() == before);
  CHECK(out == std::vector<double>(1000, 2.5));
}

TEST_CASE("maps with string keys: std::map and std::unordered_map, of numbers and of structs") {
  const std::unordered_map<std::string, int> u{{"a", 1}, {"b", -2}};
  CHECK(round_trip(u, "umap") == u);
  const std::map<std::string, Optimizer> opts{{"fast", {"sgd", 0.1, 1}}, {"slow", {"adam", 0.001, 2}}};
  CHECK(round_trip(opts, "optmap") == opts);
  const std::map<std::string, std::vector<double>> series{{"x", {1, 2}}, {"empty", {}}};
  CHECK(round_trip(series, "series") == series);
  CHECK(round_trip(std::map<std::string, double>{}, "emptymap").empty());
}

TEST_CASE("sequences of non-numbers use deepdish's list layout") {
  const std::vector<std::vector<int>> ragged{{1}, {2, 3}, {}};
  CHECK(round_trip(ragged, "ragged") == ragged);
  const std::vector<std::string> words{"a", "", "\xc3\xa9t\xc3\xa9"};
  CHECK(round_trip(words, "words") == words);
  const std::vector<Optimizer> none;
  CHECK(round_trip(none, "nolist").empty());
  const std::array<Optimizer, 2> fixed{{{"a", 1, 1}, {"b", 2, 2}}};
  CHECK(round_trip(fixed, "fixedlist") == fixed);
  const std::vector<std::map<std::string, int>> maps{{{"x", 1}}, {}};
  CHECK(round_trip(maps, "maplist") == maps);
}

namespace {
struct L4 {
  int depth;
  std::vector<int> data;
  bool operator==(const L4&) const = default;
};
struct L3 {
  L4 d;
  std::string tag;
  bool operator==(const L3&) const = default;
};
struct L2 {
  L3 c;
  std::vector<L3> many;
  bool operator==(const L2&) const = default;
};
struct L1 {
  L2 b;
  double x;
  bool operator==(const L1&) const = default;
};
struct Empty {
  bool operator==(const Empty&) const = default;
};
struct WithEmpty {
  Empty e;
  int x;
  bool operator==(const WithEmpty&) const = default;
};
}  // namespace

TEST_CASE("four levels of nesting and empty structs") {
  const L1 in{{{{4, {1, 2}}, "three"}, {{{5, {}}, "x"}}}, 1.5};
  CHECK(round_trip(in, "nested") == in);
  CHECK(round_trip(WithEmpty{{}, 3}, "withempty") == WithEmpty{{}, 3});
}

#define DD_F10(p) double p##0, p##1, p##2, p##3, p##4, p##5, p##6, p##7, p##8, p##9;
namespace {
struct Hundred {
  DD_F10(a)
  DD_F10(b)
  DD_F10(c) DD_F10(d) DD_F10(e) DD_F10(f) DD_F10(g) DD_F10(h) DD_F10(i) DD_F10(j) bool operator==(
      const Hundred&) const = default;
};
}  // namespace

TEST_CASE("a struct of 100 fields") {
  Hundred in{};
  auto* p = reinterpret_cast<double*>(&in);
  for (int k = 0; k < 100; ++k) p[k] = k * 1.5;
  const auto file = scratch("hundred.h5");
  dd::save(file, in);
  CHECK(dd::load<Hundred>(file) == in);
  CHECK(dd::load<double>(file, "/j9") == 99 * 1.5);
  CHECK(dd::load<double>(file, "/a0") == 0);
}

namespace {
struct WithMaps {
  std::map<std::string, double> few, many;
  int x = 0;
  bool operator==(const WithMaps&) const = default;
};

WithMaps maps_of_50_and_150() {
  WithMaps value;
  for (int i = 0; i < 50; ++i) value.few["f" + std::to_string(i)] = i;
  for (int i = 0; i < 150; ++i) value.many["m" + std::to_string(i)] = i;
  return value;
}

// What HDF5 says of the object at `path`: the superblock's version (0: the earliest format, 2: HDF5
// 1.8's), the object header's, and whether its attributes are in dense storage (a B-tree index and a
// heap) rather than in the header.
struct stored_object {
  unsigned superblock = 0, header = 0;
  bool dense_attributes = false;
};
stored_object inspect(const std::filesystem::path& file, const char* path) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  H5F_info2_t file_info;
  REQUIRE(H5Fget_info2(f, &file_info) >= 0);
  const hid_t o = H5Oopen(f, path, H5P_DEFAULT);
  REQUIRE(o >= 0);
  H5O_info_t info;
  REQUIRE(H5Oget_info2(o, &info, H5O_INFO_HDR | H5O_INFO_META_SIZE) >= 0);
  H5Oclose(o);
  H5Fclose(f);
  const bool dense = info.meta_size.attr.index_size + info.meta_size.attr.heap_size > 0;
  return {file_info.super.version, info.hdr.version, dense};
}
bool dense_attributes(const std::filesystem::path& file, const char* path) { return inspect(file, path).dense_attributes; }
std::pair<unsigned, unsigned> format_versions(const std::filesystem::path& file, const char* path) {
  const auto o = inspect(file, path);
  return {o.superblock, o.header};
}
}  // namespace

TEST_CASE("groups of up to 100 members keep their attributes compact; bigger ones are dense from the start") {
  const auto file = scratch("attribute_storage.h5");
  const auto value = maps_of_50_and_150();
  dd::save(file, value);
  CHECK(dd::load<WithMaps>(file) == value);
  CHECK_FALSE(dense_attributes(file, "/"));
  CHECK_FALSE(dense_attributes(file, "/few"));
  CHECK(dense_attributes(file, "/many"));
  dd::save(file, value.many);  // the root itself: 151 members
  CHECK(dense_attributes(file, "/"));
  dd::save(file, value.few);
  CHECK_FALSE(dense_attributes(file, "/"));
  {  // a compact group that grows past 100 later is converted by HDF5
    dd::file f(file, dd::mode::read_write);
    for (int i = 0; i < 120; ++i) f.save("/g" + std::to_string(i), i * 0.5);
  }
  CHECK(dense_attributes(file, "/"));
  const auto grown = dd::load<std::map<std::string, double>>(file);
  CHECK(grown.size() == 170);
  CHECK(grown.at("f49") == 49);
  CHECK(grown.at("g119") == 59.5);
}

TEST_CASE("save_options::format: the earliest format for old readers; what dd adds follows a file's format") {
  const auto file = scratch("formats.h5");
  const auto value = maps_of_50_and_150();
  dd::save(file, value);
  CHECK(format_versions(file, "/few") == std::pair{2u, 2u});
  dd::save(file, value, {.format = dd::file_format::earliest});
  CHECK(dd::load<WithMaps>(file) == value);
  CHECK(format_versions(file, "/") == std::pair{0u, 1u});
  CHECK(format_versions(file, "/few") == std::pair{0u, 1u});
  CHECK(format_versions(file, "/many") == std::pair{0u, 1u});
  CHECK_FALSE(dense_attributes(file, "/many"));  // the earliest format has no dense storage
  {
    dd::file f(file, dd::mode::read_write);  // default options: the file's own format wins
    f.save("/added", value);
    f.append("/rows", 1.5);
  }
  CHECK(format_versions(file, "/added/few") == std::pair{0u, 1u});
  CHECK(format_versions(file, "/rows") == std::pair{0u, 1u});
  CHECK(dd::load<WithMaps>(file, "/added") == value);
  CHECK(dd::load<std::vector<double>>(file, "/rows") == std::vector<double>{1.5});
  {
    dd::file f(file, dd::mode::create, {.format = dd::file_format::earliest});
    f.save("/x", value);
  }
  CHECK(format_versions(file, "/x/few") == std::pair{0u, 1u});
}

TEST_CASE("non-struct top-level values go to /data and come back") {
  CHECK(round_trip(42, "top_int") == 42);
  CHECK(round_trip(std::string("top"), "top_string") == "top");
  CHECK(round_trip(std::vector<double>{1, 2, 3}, "top_vector") == std::vector<double>{1, 2, 3});
  const auto file = scratch("top_path.h5");
  dd::save(file, std::vector<int>{7, 8});
  CHECK(dd::load<std::vector<int>>(file, "/data") == std::vector<int>{7, 8});
}

TEST_CASE("value-preserving conversions on load") {
  const auto file = scratch("widen.h5");
  dd::save(file, std::vector<std::int16_t>{-3, 4});
  CHECK(dd::load<std::vector<std::int64_t>>(file) == std::vector<std::int64_t>{-3, 4});
  CHECK(dd::load<std::vector<double>>(file) == std::vector<double>{-3, 4});
  CHECK(dd::load<std::vector<std::int8_t>>(file) == std::vector<std::int8_t>{-3, 4});  // values fit
  dd::save(file, 0.1);
  CHECK(dd::load<float>(file) == 0.1f);  // Python floats are float64: rounding into float is accepted
  dd::save(file, std::int64_t{42});
  CHECK(dd::load<std::uint8_t>(file) == 42);
  CHECK(dd::load<double>(file) == 42.0);
  dd::save(file, 2.5);
  CHECK(dd::load<int>(file, "", dd::load_options{.allow_lossy_conversions = true}) == 2);
}

TEST_CASE("saving the same value twice gives byte-identical files") {
  const auto a = scratch("same_a.h5"), b = scratch("same_b.h5");
  dd::save(a, sample_config());
  dd::save(b, sample_config());
  CHECK(dd_test::read_bytes(a) == dd_test::read_bytes(b));
}

TEST_CASE("deflate compression applies above the threshold and reads back without options") {
  const auto file = scratch("deflate.h5");
  std::vector<double> big(10000);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<double>(i % 17);
  dd::save(file, big, {.compression = dd::deflate(4)});
  CHECK(dd::load<std::vector<double>>(file) == big);
  const auto plain = scratch("plain.h5");
  dd::save(plain, big);
  CHECK(std::filesystem::file_size(file) < std::filesystem::file_size(plain) / 4);
}

TEST_CASE("a string that is not UTF-8 round-trips byte for byte") {
  const std::string latin1 = "caf\xe9";
  CHECK(round_trip(latin1, "latin1") == latin1);
  const std::map<std::string, std::string> m{{"bytes", "\xff\xfe"}, {"overlong", "\xc0\xaf"}, {"ok", "\xc3\xa9"}};
  CHECK(round_trip(m, "bytes_map") == m);
}
