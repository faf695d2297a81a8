#pragma once
// Options are plain structs meant for designated initializers:
//   dd::save("run.h5", cfg, {.compression = dd::deflate(4)});
#include <cstddef>

namespace dd {

enum class filter { none, deflate };

struct compression {
  filter method = filter::none;
  int level = 0;         // deflate: 1 (fast) .. 9 (small)
  bool shuffle = true;   // byte shuffle before the filter; helps numeric data a lot
};

inline constexpr compression deflate(int level = 4, bool shuffle = true) { return {filter::deflate, level, shuffle}; }

struct save_options {
  dd::compression compression{};
  // Arrays with at most this many elements stay contiguous and uncompressed (deepdish uses 300).
  std::size_t compression_threshold = 300;
};

struct load_options {
  // Value-changing numeric conversions (300 into int8, 0.1 into float, 2.5 into int) are errors
  // unless this is set; value-preserving ones (int32 into int64, 42 from int64 into int8) always work.
  bool allow_lossy_conversions = false;
};

}  // namespace dd
