// Eigen matrices, arrays, vectors, maps and blocks (opt-in header dd/eigen.hpp): the file holds the
// same matrix whatever the storage order, loading resizes what can be resized, and mismatches name
// both shapes. Built only when Eigen is found.
#include <doctest/doctest.h>

#include <dd/eigen.hpp>
#include <string>
#include <vector>

#include "test_util.hpp"

using dd_test::error_of;

using dd_test::fixture;
using dd_test::scratch;
using shape_t = std::vector<std::size_t>;

namespace {

template <class T>
dd::ndarray<T> stored(const std::filesystem::path& file, const char* node = "/data") {
  return dd::load<dd::ndarray<T>>(file, node);
}

using RowMajorXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Model {
  Eigen::MatrixXd weights;
  Eigen::VectorXf bias;
  Eigen::Matrix<int, 2, 3, Eigen::RowMajor> table;
  Eigen::Array33d gains;
  double rate;
};

}  // namespace

using dd::detail::family;
using dd::detail::family_of;
static_assert(family_of<Eigen::MatrixXd>() == family::nd_array);
static_assert(family_of<Eigen::Matrix3f>() == family::nd_array);
static_assert(family_of<RowMajorXd>() == family::nd_array);
static_assert(family_of<Eigen::VectorXi>() == family::nd_array);
static_assert(family_of<Eigen::RowVector4d>() == family::nd_array);
static_assert(family_of<Eigen::ArrayXXf>() == family::nd_array);
static_assert(family_of<Eigen::Map<Eigen::MatrixXd>>() == family::nd_array);
static_assert(family_of<Eigen::Map<const Eigen::MatrixXd>>() == family::nd_array);
static_assert(family_of<Eigen::Block<Eigen::MatrixXd>>() == family::nd_array);
static_assert(family_of<Eigen::Ref<Eigen::MatrixXd>>() == family::nd_array);
static_assert(family_of<Model>() == family::structure);
static_assert(family_of<decltype(Eigen::MatrixXd() + Eigen::MatrixXd())>() != family::nd_array);  // an expression
static_assert(family_of<Eigen::Matrix<std::string, 2, 2>>() != family::nd_array);

TEST_CASE("a column-major matrix is stored as the same matrix, in row-major order") {
  Eigen::MatrixXd m(3, 4);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) m(i, j) = 10 * i + j;
  const auto file = scratch("colmajor.h5");
  dd::save(file, m);
  const auto a = stored<double>(file);
  REQUIRE(a.shape() == shape_t{3, 4});
  CHECK(a(2, 1) == 21);
  CHECK(a(0, 3) == 3);
  CHECK(dd::load<Eigen::MatrixXd>(file) == m);
  const auto r = dd::load<RowMajorXd>(file);
  CHECK(r == m);

  // the row-major copy writes the same dataset
  const auto file2 = scratch("rowmajor.h5");
  dd::save(file2, r);
  CHECK(stored<double>(file2) == a);
  Eigen::MatrixXd back;
  dd::load(file2, "", back);
  CHECK(back == m);
}

TEST_CASE("fixed, partly fixed and bounded sizes") {
  const auto file = scratch("fixed.h5");
  Eigen::Matrix3f f;
  f << 1, 2, 3, 4, 5, 6, 7, 8, 9.5f;
  dd::save(file, f);
  CHECK(dd::load<Eigen::Matrix3f>(file) == f);
  CHECK(dd::load<Eigen::MatrixXf>(file) == f);

  Eigen::MatrixXd two_by_three(2, 3);
  two_by_three.setConstant(1.5);
  dd::save(file, two_by_three);
  CHECK_CONTAINS(error_of([&] { dd::load<Eigen::Matrix3d>(file); }),
                 "fixed.h5:/data: expected shape (3, 3), found (2, 3)");
  const auto partly = dd::load<Eigen::Matrix<double, Eigen::Dynamic, 3>>(file);
  CHECK((partly.rows() == 2 && partly(1, 2) == 1.5));
  CHECK_CONTAINS(error_of([&] { dd::load<Eigen::Matrix<double, 3, Eigen::Dynamic>>(file); }),
                 "expected shape (3, *), found (2, 3)");
  using Bounded = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, 2, 2>;
  CHECK_CONTAINS(error_of([&] { dd::load<Bounded>(file); }), "expected shape (*, *), found (2, 3)");
  CHECK_CONTAINS(error_of([&] { dd::load<Eigen::MatrixXd>(fixture("top_array.h5")); }),
                 "expected shape (*, *), found (3, 4, 5)");
}

TEST_CASE("vectors are 1-D; (n, 1) and (1, n) datasets load too") {
  const auto file = scratch("vectors.h5");
  Eigen::VectorXd v(4);
  v << 1, -2, 3, -4;
  dd::save(file, v);
  CHECK(stored<double>(file).shape() == shape_t{4});
  CHECK(dd::load<Eigen::VectorXd>(file) == v);
  CHECK(dd::load<Eigen::RowVectorXd>(file) == v.transpose());
  CHECK(dd::load<Eigen::Vector4d>(file) == v);
  CHECK_CONTAINS(error_of([&] { dd::load<Eigen::Vector3d>(file); }), "expected shape (3,), found (4,)");
  CHECK_CONTAINS(error_of([&] { dd::load<Eigen::MatrixXd>(file); }), "expected shape (*, *), found (4,)");

  dd::save(file, Eigen::MatrixXd(v));  // (4, 1)
  CHECK(stored<double>(file).shape() == shape_t{4, 1});
  CHECK(dd::load<Eigen::VectorXd>(file) == v);
  CHECK_CONTAINS(error_of([&] { dd::load<Eigen::RowVectorXd>(file); }), "expected shape (*,), found (4, 1)");
  dd::save(file, Eigen::MatrixXd(v.transpose()));  // (1, 4)
  CHECK(dd::load<Eigen::RowVectorXd>(file) == v.transpose());

  const Eigen::RowVectorXi empty(0);
  dd::save(file, empty);
  CHECK(stored<int>(file).shape() == shape_t{0});
  CHECK(dd::load<Eigen::RowVectorXi>(file).size() == 0);
}

TEST_CASE("arrays, maps, refs and blocks") {
  const auto file = scratch("views.h5");
  Eigen::ArrayXXf a(2, 5);
  a.setRandom();
  dd::save(file, a);
  CHECK((dd::load<Eigen::ArrayXXf>(file) == a).all());

  Eigen::MatrixXd big(6, 7);
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 7; ++j) big(i, j) = 100 * i + j;
  dd::save(file, big.block(1, 2, 3, 4));  // strided in column-major memory
  const auto block = stored<double>(file);
  REQUIRE(block.shape() == shape_t{3, 4});
  CHECK(block(0, 0) == 102);
  CHECK(block(2, 3) == 305);
  dd::save(file, big.row(4));  // a row of a column-major matrix: stride 6
  CHECK(stored<double>(file)(6) == 406);
  CHECK(stored<double>(file).shape() == shape_t{7});

  // loading into a block writes into the big matrix, nowhere else
  Eigen::MatrixXd target = Eigen::MatrixXd::Zero(6, 7);
  dd::save(file, Eigen::MatrixXd(Eigen::MatrixXd::Constant(2, 2, 9.0)));
  auto corner = target.bottomRightCorner(2, 2);
  dd::load(file, "", corner);
  CHECK(target.sum() == 36.0);
  CHECK(target(5, 6) == 9.0);
  auto wrong = target.topLeftCorner(3, 2);
  CHECK_CONTAINS(error_of([&] { dd::load(file, "", wrong); }),
                 "expected shape (3, 2) (the array's own shape, which loading cannot change), found (2, 2)");

  std::vector<double> raw(4, 0.0);
  Eigen::Map<Eigen::Matrix2d> map(raw.data());
  dd::load(file, "", map);
  CHECK(raw == std::vector<double>(4, 9.0));
  Eigen::Ref<Eigen::MatrixXd> ref(target);
  dd::save(file, ref);
  CHECK(dd::load<Eigen::MatrixXd>(file) == target);
}

TEST_CASE("Eigen members of a struct, conversions, compression and deepdish's arrays") {
  Model in;
  in.weights = Eigen::MatrixXd::Random(4, 3);
  in.bias = Eigen::VectorXf::LinSpaced(3, 0, 1);
  in.table << 1, 2, 3, 4, 5, 6;
  in.gains = Eigen::Array33d::Constant(0.5);
  in.rate = 0.1;
  const auto file = scratch("model.h5");
  dd::save(file, in);
  const auto out = dd::load<Model>(file);
  CHECK(out.weights == in.weights);
  CHECK(out.bias == in.bias);
  CHECK(out.table == in.table);
  CHECK((out.gains == in.gains).all());
  CHECK(stored<int>(file, "/table")(1, 0) == 4);

  Model wrong = in;
  dd::save(file, std::map<std::string, Eigen::MatrixXd>{{"table", Eigen::MatrixXd::Zero(3, 3)}});
  CHECK_CONTAINS(error_of([&] { dd::load(file, "/table", wrong.table); }),
                 "model.h5:/table: expected shape (2, 3), found (3, 3)");

  dd::save(file, Eigen::MatrixXi(Eigen::MatrixXi::Constant(2, 2, 7)));
  CHECK(dd::load<Eigen::MatrixXd>(file) == Eigen::MatrixXd::Constant(2, 2, 7.0));
  dd::save(file, Eigen::MatrixXd(Eigen::MatrixXd::Constant(2, 2, 7.5)));
  CHECK_CONTAINS(error_of([&] { dd::load<Eigen::MatrixXi>(file); }),
                 "expected int32, found float64 (a lossy conversion");

  const Eigen::MatrixXd large = Eigen::MatrixXd::Random(100, 80);
  dd::save(file, large, {.compression = dd::deflate(4)});
  CHECK(dd::load<Eigen::MatrixXd>(file) == large);

  const auto f = dd::load<Eigen::MatrixXd>(fixture("arrays.h5"), "/f64_2d");  // np.arange(6.).reshape(2, 3)
  CHECK((f.rows() == 2 && f.cols() == 3 && f(1, 0) == 3.0 && f(0, 2) == 2.0));
  const auto l = dd::load<Eigen::Matrix<double, Eigen::Dynamic, 10>>(fixture("arrays.h5"), "/large_f64");
  CHECK(l(99, 9) == 999.0);
  const auto z = dd::load<Eigen::VectorXf>(fixture("arrays.h5"), "/zero_i64");  // deepdish's zero-size form
  CHECK(z.size() == 0);
}
