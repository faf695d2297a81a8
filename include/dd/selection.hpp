#pragma once
// A part of an array or table to read instead of the whole: per dimension, the first index, how many
// elements and the step. Dimensions not mentioned are read whole.
//   dd::load<std::vector<double>>("run.h5", "/losses", dd::rows(100, 50));        // rows 100..149
//   dd::load<std::vector<std::array<float, 3>>>("x.h5", "/p", dd::selection{.offset = {0, 0}, .count = {10, 3}, .stride
//   = {2, 1}});
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <cstddef>
#include <vector>

namespace dd {

struct selection {
  std::vector<std::size_t> offset{};
  std::vector<std::size_t> count{};
  std::vector<std::size_t> stride{};  // empty: 1 in every dimension
};

// `count` rows from `first` along the first dimension, every row whole.
inline selection rows(std::size_t first, std::size_t count) { return {{first}, {count}, {}}; }

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
