// Appended by run.py (ddls-schema test) to the schemas ddls printed, each in namespace s_<file>:
// every file loads into its printed Root with dd::load, and values that show the types are right are
// checked. A failed load or check exits non-zero with the reason.
#include <cstdio>
#include <exception>

namespace {

int failures = 0;

// Variadic: a condition may hold braced lists, whose commas split macro arguments.
#define EXPECT(...)                                                      \
  do {                                                                   \
    if (!(__VA_ARGS__)) {                                                \
      std::printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #__VA_ARGS__); \
      ++failures;                                                        \
    }                                                                    \
  } while (false)

// Loads the file into T and runs the checks; a dd::error is a failure naming the file.
template <class T, class F>
void check(const char* file, F&& checks) {
  try {
    const T value = dd::load<T>(file);
    checks(value);
  } catch (const std::exception& e) {
    std::printf("FAIL %s: %s\n", file, e.what());
    ++failures;
  }
}

template <class T>
void loads(const char* file) {
  check<T>(file, [](const T&) {});
}

}  // namespace

int main() {
  check<s_scalars::Root>("scalars.h5", [](const auto& r) {
    EXPECT(r.i == 42);
    EXPECT(r.u64 == 18446744073709551615ull);
    EXPECT(r.s_uni == "h\xc3\xa9llo \xe4\xb8\x96");
    EXPECT(r.c128 == std::complex<double>(3, 4));
    EXPECT(r.f16 == 1.5f);
    EXPECT(r.b && !r.np_bool);
  });
  check<s_containers::Root>("containers.h5", [](const auto& r) {
    EXPECT(std::get<0>(r.lst) == 1);
    EXPECT(std::get<1>(r.lst) == "two");
    EXPECT(!std::get<2>(r.lst).has_value());
    EXPECT(std::get<3>(r.lst) == std::vector<double>{3.0});
    EXPECT(r.nested.inner.x == 1);
    EXPECT(std::get<1>(r.tup) == "raw");
    EXPECT(r.empty_list.empty() && r.empty_dict.empty());
  });
  check<s_links::Root>("links.h5", [](const auto& r) {
    EXPECT(r.A.shape() == std::vector<std::size_t>{2, 2});
    EXPECT(r.B == r.A);
  });
  check<s_rep_nocomp::Root>("rep_nocomp.h5", [](const auto& r) {
    EXPECT(r.large.shape() == std::vector<std::size_t>{100, 10});
    EXPECT(r.large(99, 9) == 999.0);
    EXPECT(r.small == std::vector<std::int32_t>{0, 1, 2, 3});
  });
  check<s_rep_zlib::Root>("rep_zlib.h5", [](const auto& r) { EXPECT(r.large(12, 3) == 123.0); });
  check<s_arrays::Root>("arrays.h5", [](const auto& r) {
    EXPECT(r.m_bool == std::vector<bool>{true, false});
    EXPECT(r.U.size() == 2 && r.U[0][1] == "str\xc3\xa9");
    EXPECT(r.S[1][1] == "bar");
    EXPECT(r.large_U.size() == 400 && r.large_U[5] == "x5");
    EXPECT(r.zero_f32.shape() == std::vector<std::size_t>{10, 20, 0});
    EXPECT(r.c128[1] == std::complex<double>(3, -4));
  });
  loads<s_arrays_nocomp::Root>("arrays_nocomp.h5");
  check<s_arrays_blosc::Root>("arrays_blosc.h5", [](const auto& r) { EXPECT(r.large_f64(99, 9) == 999.0); });
  check<s_pickled_small::Root>("pickled_small.h5", [](const auto& r) { EXPECT(r.intkeys.bytes.size() == 33); });
  check<s_top_array::Root>("top_array.h5", [](const auto& r) { EXPECT(r(2, 3, 4) == 59); });
  check<s_top_scalar::Root>("top_scalar.h5", [](const auto& r) { EXPECT(r == 100); });
  check<s_top_list::Root>("top_list.h5", [](const auto& r) { EXPECT(std::get<2>(r) == "x"); });
  check<s_top_none::Root>("top_none.h5", [](const auto& r) { EXPECT(!r.has_value()); });
  check<s_top_sns::Root>("top_sns.h5", [](const auto& r) { EXPECT(r.sub.c == std::vector<std::int64_t>{0, 1, 2}); });
  check<s_minimal_nonpytables::Root>("minimal_nonpytables.h5",
                                     [](const auto& r) { EXPECT(std::get<1>(r) == "h\xc3\xa9llo"); });
  check<s_dd_config::Root>("dd_config.h5", [](const auto& r) {
    EXPECT(r.epochs == 10);
    EXPECT(r.opt.name == "adam" && r.opt.steps == 500);
    EXPECT(r.history.size() == 2 && r.history[1].lr == 0.01);
    EXPECT(r.by_id.at(-1) == "minus one");
    EXPECT(r.particles[1].id == 2 && r.particles[1].mass == 1.5f);
    EXPECT(r.colors[1] == s_dd_config::Colors::blue);
    EXPECT(r.cube(1, 1, 1) == 70);
    EXPECT(r.ragged[2] == std::vector<std::int32_t>{4});
    EXPECT(!r.nothing.has_value());
    EXPECT(r.tags[1] == "caf\xc3\xa9");
    EXPECT(std::get<1>(r.triple) == "seven");
    EXPECT(r.choice == "picked");
  });
  check<s_dd_config_deflate::Root>("dd_config_deflate.h5", [](const auto& r) { EXPECT(r.weights[999] == 499.5f); });
  check<s_dd_filters::Root>("dd_filters.h5", [](const auto& r) { EXPECT(r.blosc[99] == 24.75 && r.bzip2[1] == 0.25); });
  check<s_dd_links::Root>("dd_links.h5", [](const auto& r) { EXPECT(r.second == r.first); });
  check<s_dd_top_vector::Root>("dd_top_vector.h5", [](const auto& r) {
    EXPECT(r == std::vector<double>{1.5, 2.5, 3.5});
  });
  check<s_dd_top_strings::Root>("dd_top_strings.h5", [](const auto& r) { EXPECT(r.at(1) == "beta"); });
  check<s_dd_pickled::Root>("dd_pickled.h5", [](const auto& r) { EXPECT(r.blob.bytes.size() == 4); });
  check<s_plain::Root>("plain.h5", [](const auto& r) {
    EXPECT(r.epochs == 10);
    EXPECT(r.shuffle);
    EXPECT(r.table[1].n == -4);
    EXPECT(r.opt.kind == "adam" && r.opt.steps == 7);
    EXPECT(r.grid(2, 3) == 11.0f);
    EXPECT(r.words[1] == "b\xc3\xa9");
  });
  check<s_h5py_kinds::Root>("h5py_kinds.h5", [](const auto& r) {
    EXPECT(r.colors.size() == 4 && r.colors[1] == s_h5py_kinds::Colors::BLUE);
    EXPECT(r.favourite == s_h5py_kinds::Colors::BLUE);
    EXPECT(r.big_endian == std::vector<std::int32_t>{0, 1, 2, 3});
    EXPECT(r.segments[1].end.y == 5.0f && r.segments[0].tags[2] == 3);
    EXPECT(r.m_odd_names.at("two words") == 2);
    EXPECT(r.m_control_name == 1);
    EXPECT(r.complex_grid(1, 1) == std::complex<float>(3, 3));
  });
  check<s_pytables::Root>("pytables.h5", [](const auto& r) {
    EXPECT(r.packed[999] == 999);
    EXPECT(r.growing == std::vector<float>{1, 2});
    EXPECT(r.note == "made by PyTables");
  });
  std::printf("%s\n", failures ? "schemas: some loads or checks failed" : "every schema loads its file");
  return failures ? 1 : 0;
}
