// The same Hana/Describe types, saved from two TUs that include Boost and dd in opposite orders,
// save the same members: the ones the libraries describe, in their order.
#include <doctest/doctest.h>

#include <string>

#include "../test_util.hpp"

std::string boost_first_members(const std::string& file);
std::string dd_first_members(const std::string& file);

TEST_CASE("Hana/Describe structs save the same members whatever the include order") {
  const std::string expected = "trainer: lr name; partial: first kept; account: balance_ owner_; pick: b; ";
  const auto a = boost_first_members(dd_test::scratch("order_boost_first.h5"));
  const auto b = dd_first_members(dd_test::scratch("order_dd_first.h5"));
  CHECK(a == b);
  CHECK(a == expected);
}
