// The arrays area's files for check_arrays.py, in two directions:
//
//   write_arrays OUTPUT_DIR        saves the cases below with dd (check_arrays.py reads them with h5py
//                                  and with PyTables following deepdish's rules)
//   write_arrays --read DIR        loads the files check_arrays.py wrote with h5py into DIR
//                                  (h5py_arrays.h5, h5py_table.h5) into C++ views, arrays and
//                                  tables and compares; prints "ok NAME" or "FAIL NAME: why" per
//                                  case, exits 1 on a failure
//
// KEEP THE VALUES HERE AND IN check_arrays.py IN SYNC.
#include <array>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include <dd/dd.hpp>
#include <dd/ndarray.hpp>

#include "../mdspan_like.hpp"

#if __has_include(<Eigen/Core>) || __has_include(<eigen3/Eigen/Core>)
#include <dd/eigen.hpp>
#define DD_TEST_EIGEN 1
#endif

namespace cases {

constexpr auto dyn = md::dynamic_extent;
using dyn2 = md::extents<int, dyn, dyn>;
using dyn3 = md::extents<int, dyn, dyn, dyn>;

struct Views {
  md::mdspan<std::int32_t, dyn2> right;                   // (3, 4) 10i + j, row-major memory
  md::mdspan<double, dyn2, md::layout_left> left;         // (3, 4) 10i + j, column-major memory
  md::mdspan<double, dyn2, md::layout_stride> strided;    // (4, 3): every other column of (4, 6) 100i + j
  md::mdspan<std::int16_t, dyn3, md::layout_left> left3;  // (2, 3, 4) 100i + 10j + k
  md::mdspan<float, dyn2> empty;                          // (0, 3)
  dd::ndarray<double> scalar;                             // rank 0: 2.5
  dd::ndarray<std::uint8_t> nd;                           // (2, 2, 2, 2) 0..15
  dd::ndarray<float> zero;                                // (10, 20, 0)
  dd::ndarray<bool> flags;                                // (2, 3) [[T, F, T], [F, F, T]]
  dd::ndarray<std::complex<double>> cplx;                 // (2,) [1+2j, -3.5-0j]
};

struct Particle {  // benchmark W5's record
  double x, y, z;
  float mass;
  std::int32_t id;
};
struct Inner {
  float a;
  std::int64_t b;
};
struct Rich {
  std::array<double, 3> pos;
  float rgb[3];
  std::array<std::array<std::int16_t, 2>, 2> m;
  std::complex<double> z;
  Inner inner;
  bool on;
  std::array<bool, 2> bits;
  std::uint64_t big;
};
struct Padded {
  std::int8_t tag;
  double value;
  bool flag;
  std::uint16_t code;
};
enum class Color : std::uint8_t { red, green, blue };
struct Tagged {
  Color color;
  double value;
};
struct Tables {
  std::vector<Particle> particles;  // 5 rows: particle(i)
  std::vector<Rich> rich;           // 2 rows: rich(i)
  std::array<Padded, 2> padded;
  std::vector<Particle> none;
  std::string label;
  std::vector<Tagged> tagged;  // [(blue, 1.5), (red, -2.0)]
};

Particle particle(int i) { return {i * 0.5, -1.0 * i, 1e300, static_cast<float>(i) / 4, i - 500}; }
Rich rich(int i) {
  const double d = i;
  return {{d, d + 0.25, -d},
          {0.5f, 0, static_cast<float>(i)},
          {{{1, 2}, {3, static_cast<std::int16_t>(-i)}}},
          {d, -2 * d},
          {1.5f, -(std::int64_t{i} << 40)},
          i % 2 == 1,
          {true, i == 1},
          18446744073709551615ull - static_cast<std::uint64_t>(i)};
}

// What check_arrays.py writes with h5py, loaded here.
struct H5pyRecord {        // fields reordered, one missing (extra in the file), types converted
  std::int32_t count;      // file: int16
  double weight;           // file: big-endian float64
  bool ok;                 // file: numpy bool (h5py's enum)
  std::complex<double> z;  // file: complex64
  std::array<float, 2> pair;
};

}  // namespace cases

namespace {

int failures = 0;
void report(const std::string& name, bool ok, const std::string& why = {}) {
  if (ok)
    std::printf("ok %s\n", name.c_str());
  else {
    ++failures;
    std::printf("FAIL %s: %s\n", name.c_str(), why.c_str());
  }
}
template <class F>
void check(const std::string& name, F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    report(name, false, e.what());
  }
}

int read_h5py(const std::filesystem::path& dir) {
  using namespace cases;
  const auto arrays = dir / "h5py_arrays.h5";
  check("ints into a column-major double view", [&] {
    std::vector<double> mem(12);
    md::mdspan<double, dyn2, md::layout_left> v(mem.data(), dyn2(3, 4));
    dd::load(arrays, "/ints", v);
    report("ints into a column-major double view", v(2, 3) == 11 && mem[1] == 4 && mem[3] == 1);
  });
  check("big-endian int32 into a row-major view", [&] {
    std::vector<std::int32_t> mem(12);
    md::mdspan<std::int32_t, md::extents<int, 3, 4>> v(mem.data(), md::extents<int, 3, 4>());
    dd::load(arrays, "/big_endian", v);
    std::vector<std::int32_t> want(12);
    std::iota(want.begin(), want.end(), -6);
    report("big-endian int32 into a row-major view", mem == want);
  });
  check("fortran-ordered numpy array", [&] {
    const auto a = dd::load<dd::ndarray<float>>(arrays, "/fortran");
    report("fortran-ordered numpy array", a.shape() == std::vector<std::size_t>{2, 3} && a(1, 0) == 3 && a(0, 2) == 2);
  });
  check("native zero-size array", [&] {
    const auto a = dd::load<dd::ndarray<float>>(arrays, "/zero");
    report("native zero-size array", a.shape() == std::vector<std::size_t>{10, 20, 0});
  });
  check("deepdish zero-size form", [&] {
    const auto a = dd::load<dd::ndarray<float>>(arrays, "/zero_deepdish");
    report("deepdish zero-size form", a.shape() == std::vector<std::size_t>{10, 20, 0});
  });
  check("chunked gzip array into a strided view", [&] {
    std::vector<double> mem(40 * 2, -1);
    md::mdspan<double, md::extents<int, dyn>, md::layout_stride> v(mem.data(), {md::extents<int, dyn>(40), {2}});
    dd::load(arrays, "/gzip", v);
    bool ok = true;
    for (int i = 0; i < 40; ++i) ok = ok && mem[2 * i] == i * 0.5 && mem[2 * i + 1] == -1;
    report("chunked gzip array into a strided view", ok);
  });
  check("numpy bool array", [&] {
    const auto a = dd::load<dd::ndarray<bool>>(arrays, "/bools");
    report("numpy bool array", a.size() == 3 && a(0) && !a(1) && a(2));
  });
#ifdef DD_TEST_EIGEN
  check("ints into an Eigen matrix", [&] {
    const auto m = dd::load<Eigen::MatrixXd>(arrays, "/ints");
    report("ints into an Eigen matrix", m.rows() == 3 && m.cols() == 4 && m(1, 2) == 6);
  });
#endif

  const auto table = dir / "h5py_table.h5";
  check("h5py structured array into a table", [&] {
    const auto rows = dd::load<std::vector<H5pyRecord>>(table, "/records");
    bool ok = rows.size() == 3;
    for (int i = 0; ok && i < 3; ++i) {
      const auto& r = rows[static_cast<std::size_t>(i)];
      ok = r.count == 1000 * i - 1 && r.weight == i + 0.125 && r.ok == (i != 1) &&
           r.z == std::complex<double>(i, -0.5) && r.pair == std::array<float, 2>{static_cast<float>(i), 2.5f};
    }
    report("h5py structured array into a table", ok, "values differ");
  });
  check("h5py structured array missing a member", [&] {
    try {
      dd::load<std::vector<H5pyRecord>>(table, "/partial");
      report("h5py structured array missing a member", false, "no error");
    } catch (const dd::error& e) {
      const std::string what = e.what();
      report("h5py structured array missing a member", what.find("lacks members 'ok', 'pair'") != std::string::npos,
             what);
    }
  });
  return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cases;
  if (argc == 3 && std::string(argv[1]) == "--read") return read_h5py(argv[2]);
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_arrays OUTPUT_DIR | write_arrays --read DIR\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];

  std::vector<std::int32_t> right(12);
  std::vector<double> left(12), wide(24);
  std::vector<std::int16_t> left3(24);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) {
      right[static_cast<std::size_t>(4 * i + j)] = 10 * i + j;
      left[static_cast<std::size_t>(i + 3 * j)] = 10 * i + j;
    }
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 6; ++j) wide[static_cast<std::size_t>(6 * i + j)] = 100 * i + j;
  Views views{{right.data(), dyn2(3, 4)},
              {left.data(), dyn2(3, 4)},
              {wide.data(), {dyn2(4, 3), {6, 2}}},
              {left3.data(), dyn3(2, 3, 4)},
              {nullptr, dyn2(0, 3)},
              dd::ndarray<double>(std::vector<std::size_t>{}, 2.5),
              dd::ndarray<std::uint8_t>({2, 2, 2, 2}),
              dd::ndarray<float>({10, 20, 0}),
              dd::ndarray<bool>({2, 3}),
              dd::ndarray<std::complex<double>>({2})};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k) views.left3(i, j, k) = static_cast<std::int16_t>(100 * i + 10 * j + k);
  std::iota(views.nd.begin(), views.nd.end(), std::uint8_t{0});
  views.flags(0, 0) = views.flags(0, 2) = views.flags(1, 2) = true;
  views.cplx(0) = {1, 2};
  views.cplx(1) = {-3.5, -0.0};
  dd::save(dir / "views.h5", views);

  dd::ndarray<std::int64_t> top({3, 4, 5});
  std::iota(top.begin(), top.end(), 0);
  dd::save(dir / "top_ndarray.h5", top);

  std::vector<double> col(50 * 40);
  std::iota(col.begin(), col.end(), 0.0);
  dd::save(dir / "compressed.h5", md::mdspan<double, dyn2, md::layout_left>(col.data(), dyn2(50, 40)),
           {.compression = dd::deflate(4)});

  std::vector<Particle> particles(1000);
  for (int i = 0; i < 1000; ++i) particles[static_cast<std::size_t>(i)] = particle(i);
  dd::save(dir / "table.h5", particles);

  Tables tables{{}, {rich(0), rich(1)}, {{{-128, 1e-300, true, 65535}, {127, -0.5, false, 0}}},
                {}, "tables",           {{Color::blue, 1.5}, {Color::red, -2.0}}};
  for (int i = 0; i < 5; ++i) tables.particles.push_back(particle(i));
  dd::save(dir / "tables.h5", tables);

#ifdef DD_TEST_EIGEN
  struct EigenCases {
    Eigen::MatrixXd col;                               // (3, 4) 10i + j
    Eigen::Matrix<double, 3, 4, Eigen::RowMajor> row;  // (3, 4) 10i + j
    Eigen::VectorXf vec;                               // (3,) [0.5, 1.5, 2.5]
    Eigen::Array<std::int32_t, 2, 3> arr;              // (2, 3) [[1, 2, 3], [4, 5, 6]]
  } eigen;
  eigen.col.resize(3, 4);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) eigen.col(i, j) = eigen.row(i, j) = 10 * i + j;
  eigen.vec.resize(3);
  eigen.vec << 0.5f, 1.5f, 2.5f;
  eigen.arr << 1, 2, 3, 4, 5, 6;
  dd::save(dir / "eigen.h5", eigen);
#endif
  return 0;
}
