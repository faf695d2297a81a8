// Load policies: missing and unknown members, and every problem of one load reported at once.
#include <doctest/doctest.h>

#include <dd/dd.hpp>
#include <string>
#include <vector>

#include "test_util.hpp"

using dd_test::scratch;

namespace {

struct V1 {
  int epochs = 0;
  double lr = 0;
  std::string name;
};
struct V2 {  // a newer version: two members more, one member gone
  int epochs = 0;
  double lr = 0;
  double momentum = 0.9;
  std::vector<int> schedule{1, 2};
};
struct Inner {
  int a = 0;
  int b = 0;
};
struct Outer {
  Inner first;
  Inner second;
  std::string label;
};
struct OuterWrong {
  Inner first;
  double second = 0;  // a group in the file
  int label = 0;      // a string in the file
  float missing = 1;  // absent
};

dd::error error_of(auto&& f) {
  try {
    f();
  } catch (const dd::error& e) {
    return e;
  }
  FAIL("expected a dd::error");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("missing members: an error listing every missing path, or keep their defaults") {
  const auto file = scratch("v1.h5");
  dd::save(file, V1{5, 0.1, "old"});
  const auto e = error_of([&] { dd::load<V2>(file); });
  REQUIRE(e.problems().size() == 2);
  CHECK(e.problems()[0].path == "/momentum");
  CHECK(e.problems()[0].message == "not found (expected float64)");
  CHECK(e.problems()[1].path == "/schedule");
  CHECK(std::string(e.what()) == file.string() + ":/momentum: not found (expected float64)\n" + file.string() +
                                     ":/schedule: not found (expected a dataset of int32 (*,))");

  const auto v2 = dd::load<V2>(file, {.missing = dd::missing_members::keep_default});
  CHECK(v2.epochs == 5);
  CHECK(v2.lr == 0.1);
  CHECK(v2.momentum == 0.9);
  CHECK(v2.schedule == std::vector<int>{1, 2});
}

TEST_CASE("unknown members: ignored by default, errors when strict") {
  const auto file = scratch("v1b.h5");
  dd::save(file, V1{5, 0.1, "old"});
  struct Old {
    int epochs;
    double lr;
  };
  CHECK(dd::load<Old>(file).epochs == 5);
  const auto e = error_of([&] { dd::load<Old>(file, {.unknown = dd::unknown_members::error}); });
  REQUIRE(e.problems().size() == 1);
  CHECK(e.problems()[0].path == "/name");
  CHECK(e.problems()[0].message.find("unknown member") == 0);
  // DEEPDISH_IO_VERSION and other bookkeeping on the root are not members
  CHECK(dd::load<V1>(file, {.unknown = dd::unknown_members::error}).name == "old");
}

TEST_CASE("all problems of one load are reported together, each with its full path") {
  const auto file = scratch("outer.h5");
  dd::save(file, Outer{{1, 2}, {3, 4}, "x"});
  const auto e = error_of([&] { dd::load<OuterWrong>(file); });
  REQUIRE(e.problems().size() == 3);
  CHECK(e.problems()[0].path == "/second");
  CHECK(e.problems()[0].message == "expected float64, found a group");
  CHECK(e.problems()[1].path == "/label");
  CHECK(e.problems()[1].message == "expected int32, found string");
  CHECK(e.problems()[2].path == "/missing");

  struct Deep {
    Inner first;
    V1 second;
  };
  const auto deep = error_of([&] { dd::load<Deep>(file); });
  REQUIRE(deep.problems().size() == 3);  // second has a and b, not epochs, lr, name
  CHECK(deep.problems()[0].path == "/second/epochs");
  CHECK(deep.problems()[2].path == "/second/name");
}

TEST_CASE("problems inside vectors of structs name the element") {
  struct Named {  // not flat (a string member): a list of groups, not a table
    int a = 0;
    std::string b;
  };
  const auto file = scratch("vec.h5");
  dd::save(file, std::vector<Named>{{1, "x"}, {3, "y"}});
  const auto e = error_of([&] { dd::load<std::vector<V1>>(file); });
  REQUIRE(e.problems().size() == 6);
  CHECK(e.problems()[0].path == "/data/i0/epochs");
  CHECK(e.problems()[5].path == "/data/i1/name");
}
