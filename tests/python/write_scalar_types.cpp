// The scalar_types area (std::complex, long double, characters, std::byte, enums, std::chrono,
// std::filesystem::path and wide strings) for check_scalar_types.py, in both directions:
//
//   write_scalar_types OUTPUT_DIR     saves the cases below with dd::save
//   write_scalar_types --read DIR     loads DIR/from_h5py.h5 (written by check_scalar_types.py with
//                                     h5py) into C++ types; prints "ok NAME" or "FAIL NAME: why"
//                                     per case and exits non-zero if any failed
//
// KEEP THE VALUES IN SYNC WITH check_scalar_types.py.
#include <array>
#include <chrono>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <dd/dd.hpp>

namespace cases {

using namespace std::chrono_literals;
namespace chr = std::chrono;

struct Complexes {
  std::complex<float> c64;
  std::complex<double> c128;
  std::complex<long double> c256;
  std::vector<std::complex<double>> vec;
  std::array<std::array<std::complex<float>, 2>, 3> grid;
  std::vector<std::complex<double>> empty;
};
Complexes complexes() {
  Complexes c{{1.5f, -2.5f}, {0.1, 1e300}, {1.0L / 3, -2}, {{1, 2}, {3, -4}, {-0.0, 0.5}}, {}, {}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) c.grid[i][j] = {static_cast<float>(10 * i + j), static_cast<float>(-j)};
  return c;
}

struct Numbers {
  long double third;
  long double huge;
  char c;
  signed char sc;
  unsigned char uc;
  char8_t c8;
  char16_t c16;
  char32_t c32;
  wchar_t wc;
  std::byte b;
  std::vector<char> text;
  std::vector<std::byte> raw;
  std::vector<long double> lds;
};
Numbers numbers() {
  return {1.0L / 3,
          1e4000L,
          'A',
          -5,
          250,
          u8'z',
          u'\u00e9',
          U'\U0001F600',
          L'w',
          std::byte{0xAB},
          {'h', 'i', '\0'},
          {std::byte{0}, std::byte{255}},
          {0.5L, -1.0L / 3}};
}

enum class Solver { bicgstab = -2, cg = 0, gmres = 3 };
enum Leg { LEG_A = 1, LEG_B = 2 };
enum Perm : unsigned { perm_read = 1, perm_write = 2 };
struct Enums {
  Solver solver;
  Solver unnamed;
  Leg leg;
  Perm flags;
  std::vector<Solver> history;
  std::vector<Solver> none;
};
Enums enums() {
  return {Solver::gmres,
          static_cast<Solver>(7),
          LEG_B,
          static_cast<Perm>(perm_read | perm_write),
          {Solver::cg, Solver::gmres, Solver::bicgstab, static_cast<Solver>(9)},
          {}};
}

struct Times {
  chr::milliseconds ms;
  chr::duration<double> secs;
  chr::duration<int, std::ratio<1, 3>> thirds;
  chr::sys_seconds stamp;
  chr::sys_days day;
  chr::system_clock::time_point ns_stamp;
  std::vector<chr::milliseconds> laps;
  std::vector<chr::seconds> no_laps;
};
Times times() {
  return {1500ms,
          chr::duration<double>(2.5),
          chr::duration<int, std::ratio<1, 3>>(4),
          chr::sys_seconds(1700000000s),
          chr::sys_days(chr::year(2024) / 2 / 29),
          chr::system_clock::time_point(chr::nanoseconds(1700000000123456789)),
          {1ms, -2ms, 3000ms},
          {}};
}

struct Texts {
  std::filesystem::path file;
  std::u16string u16;
  std::u32string u32;
  std::wstring w;
  std::string_view view;
  std::u8string u8;
};
Texts texts() {
  return {"donn\u00e9es/run.h5", u"\u00e9\U0001F600", U"\u4e16\u754c", L"wide", "a view", u8"utf-8 \u00e9"};
}

// --- what h5py wrote: loaded and compared here --------------------------------------------------
int failures = 0;

template <class T, class F>
void expect(const std::filesystem::path& file, const char* path, const T& want, F&& same) {
  try {
    const auto got = dd::load<T>(file, path);
    if (same(got, want)) {
      std::printf("ok %s\n", path);
    } else {
      std::printf("FAIL %s: loaded a different value\n", path);
      ++failures;
    }
  } catch (const std::exception& e) {
    std::printf("FAIL %s: %s\n", path, e.what());
    ++failures;
  }
}
template <class T>
void expect(const std::filesystem::path& file, const char* path, const T& want) {
  expect(file, path, want, [](const T& a, const T& b) { return a == b; });
}

int read_h5py(const std::filesystem::path& dir) {
  const auto file = dir / "from_h5py.h5";
  expect(file, "/c64", std::complex<float>{1, -2});
  expect(file, "/c128", std::complex<double>{0.1, 1e300});
  expect(file, "/c256", std::complex<long double>{1.0L / 3, 2});
  expect(file, "/c256_as_c128", std::complex<double>{0.5, 2});
  expect(file, "/ld", 1.0L / 3);
  expect(file, "/complex_vec", std::vector<std::complex<double>>{{1, 2}, {3, -4}});
  expect(
      file, "/complex_grid",
      std::array<std::array<std::complex<float>, 3>, 2>{{{{{0, 0}, {1, -1}, {2, -2}}}, {{{3, -3}, {4, -4}, {5, -5}}}}});
  expect(file, "/enum_attr", Solver::gmres);
  expect(file, "/enum_values",
         std::vector<Solver>{Solver::cg, Solver::gmres, Solver::bicgstab, static_cast<Solver>(9)});
  expect(file, "/enum_names", std::vector<Solver>{Solver::gmres, Solver::cg});
  expect(file, "/enum_name", Solver::bicgstab);
  expect(file, "/enum_int", LEG_B);
  expect(file, "/duration", chr::milliseconds(2500));
  expect(file, "/durations", std::vector<chr::microseconds>{1000000us, 1500000us});
  expect(file, "/since2000", chr::sys_seconds(chr::sys_days(chr::year(2000) / 1 / 1)) + 60s);
  expect(file, "/hours", chr::minutes(90));
  expect(file, "/path", std::filesystem::path("data/\u00e9t\u00e9.h5"));
  expect(file, "/wide", std::u32string(U"\U0001F600!"));
  expect(file, "/bytes", std::vector<char>{'a', 'b', '\0'});
  expect(file, "/byte_values", std::vector<std::byte>{std::byte{1}, std::byte{200}});
  expect(file, "/char_u8", static_cast<char>(200));
  std::printf("%d failed\n", failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace cases

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--read") return cases::read_h5py(argv[2]);
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_scalar_types OUTPUT_DIR | write_scalar_types --read DIR\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  try {
    std::filesystem::create_directories(dir);
    dd::save(dir / "complex.h5", cases::complexes());
    dd::save(dir / "top_complex.h5", std::complex<double>{1.5, -2});
    dd::save(dir / "top_complex_vec.h5", std::vector<std::complex<float>>{{1, 1}, {2, -2}});
    dd::save(dir / "numbers.h5", cases::numbers());
    dd::save(dir / "enums.h5", cases::enums());
    dd::save(dir / "top_enum.h5", cases::Solver::cg);
    dd::save(dir / "times.h5", cases::times());
    dd::save(dir / "top_duration.h5", std::chrono::seconds(90));
    dd::save(dir / "texts.h5", cases::texts());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_scalar_types: %s\n", e.what());
    return 1;
  }
  return 0;
}
