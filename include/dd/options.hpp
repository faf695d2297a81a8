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

// A struct member the file lacks: an error (listing every missing path at once), or keep the member's
// value as it was (schema evolution: a newer struct reads an older file).
enum class missing_members { error, keep_default };
// A member in the file that the C++ type lacks: ignored (an older struct reads a newer file), or an error.
enum class unknown_members { ignore, error };

struct load_options {
  missing_members missing = missing_members::error;
  unknown_members unknown = unknown_members::ignore;
  // Value-changing numeric conversions (300 into int8, 1e300 into float, 2.5 into int) are errors
  // unless this is set; value-preserving ones (int32 into int64, 42 from int64 into int8) always work.
  bool allow_lossy_conversions = false;
};

}  // namespace dd
