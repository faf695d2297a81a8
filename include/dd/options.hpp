#pragma once
// Options are plain structs meant for designated initializers:
//   dd::save("run.h5", cfg, {.compression = dd::deflate(4)});
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <chrono>
#include <cstddef>

namespace dd {

// The filter a compressed array goes through. deflate and shuffle are built into HDF5; the others
// are HDF5 plugins from Debian packages (docs/compression.md): blosc from
// hdf5-filter-plugin-blosc-serial, lz4 and bzip2 from hdf5-filter-plugin, bitshuffle from bitshuffle.
enum class filter { none, deflate, blosc, lz4, bitshuffle, bzip2 };

// The compressor inside blosc (the codes PyTables writes as blosc's 7th cd_value).
enum class blosc_codec { blosclz = 0, lz4 = 1, lz4hc = 2, snappy = 3, zlib = 4, zstd = 5 };

// The compressor after bitshuffle's bit transposition (zstd needs bitshuffle >= 0.4; Debian 12 has 0.3.5).
enum class bitshuffle_codec { none = 0, lz4 = 2, zstd = 3 };

struct compression {
  filter method = filter::none;
  // deflate, blosc and bzip2: 1 (fast) .. 9 (small); bitshuffle with zstd: 1 .. 22 (0: 3);
  // unused by lz4 and by bitshuffle with lz4.
  int level = 0;
  // Byte shuffle before compressing: HDF5's shuffle filter for deflate, lz4 and bzip2, blosc's own
  // shuffle for blosc. Helps numeric data a lot. bitshuffle always shuffles bits.
  bool shuffle = true;
  blosc_codec codec = blosc_codec::lz4;                      // blosc only
  bool bit_shuffle = false;                                  // blosc only: shuffle bits instead of bytes
  bitshuffle_codec bitshuffle_with = bitshuffle_codec::lz4;  // bitshuffle only
};

inline constexpr compression deflate(int level = 4, bool shuffle = true) { return {filter::deflate, level, shuffle}; }
// deepdish's ('blosc:lz4', 5) is dd::blosc(dd::blosc_codec::lz4, 5).
inline constexpr compression blosc(blosc_codec codec = blosc_codec::lz4, int level = 5, bool shuffle = true,
                                   bool bit_shuffle = false) {
  return {.method = filter::blosc, .level = level, .shuffle = shuffle, .codec = codec, .bit_shuffle = bit_shuffle};
}
inline constexpr compression lz4(bool shuffle = true) { return {.method = filter::lz4, .shuffle = shuffle}; }
inline constexpr compression bitshuffle(bitshuffle_codec with = bitshuffle_codec::lz4, int level = 0) {
  return {.method = filter::bitshuffle, .level = level, .shuffle = false, .bitshuffle_with = with};
}
inline constexpr compression bzip2(int level = 9, bool shuffle = true) {
  return {.method = filter::bzip2, .level = level, .shuffle = shuffle};
}

// The HDF5 file format of the files dd creates (docs/design.md, "File format").
//   hdf5_1_8 (the default): superblock v2 and v2 object headers, every metadata structure checksummed,
//     big groups indexed (a map of 100,000 keys saves in O(n log n)), small groups' attributes kept in
//     the object header; read by HDF5 1.8 and later (h5py, PyTables, deepdish, MATLAB R2008b+).
//   earliest: what HDF5 writes by default (superblock v0, v1 object headers), for readers built on
//     HDF5 1.6. No metadata checksums, and each attribute is found by a scan of its object header, so
//     saving a group of n scalars takes time quadratic in n (100,000 keys: minutes).
enum class file_format { hdf5_1_8, earliest };

struct save_options {
  dd::compression compression{};
  // Arrays and tables with at most this many elements stay contiguous and uncompressed (deepdish
  // uses 300). A dd::compressed<T> member ignores it: its own filters apply at any size.
  std::size_t compression_threshold = 300;
  // dd::save only: fsync the new file before renaming it over the target, and the directory after,
  // so the new version survives a power loss too (not just a crash of the program). Costs one
  // fsync of the file's data: docs/reliability.md has the figures.
  bool durable = false;
  // Every non-empty dataset chunked with a Fletcher-32 checksum of its data, which HDF5 verifies on
  // every read (h5py and PyTables do too): corrupted array data is an error instead of wrong values.
  // Metadata (groups, attributes, strings) is always checksummed. docs/reliability.md has the cost.
  bool checksum = false;
  // The format of a file dd creates (dd::save, dd::file in mode::create); nodes added to an existing
  // file follow its format. dd::mpi writes hdf5_1_8 only.
  file_format format = file_format::hdf5_1_8;
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
  // The most dd allocates for one array, string or table whose size the file declares but does not
  // back with data: storage never written (HDF5 fills it), or compressed data that would expand more
  // than max_expansion times. Data really in the file loads whatever its size.
  std::size_t max_bytes = std::size_t{1} << 30;
  // For files from strangers: the load runs first in a child process with memory and time limits, so
  // a file that would crash or hang libhdf5 is a dd::error instead (docs/reliability.md). Costs a
  // fork and a second load.
  bool untrusted = false;
  // How long that child may take before the file is declared hostile.
  std::chrono::milliseconds untrusted_timeout{30000};
};

// How much bigger than its stored bytes compressed data may decompress before load_options::max_bytes
// applies: deflate's limit is about 1032.
inline constexpr std::size_t max_expansion = 1100;

// How deeply values may nest (a struct member is one level, a list element another), the same for
// saving and loading: whatever dd saves, dd loads, and a deeper value is a dd::error at save time,
// never a stack overflow.
inline constexpr int max_nesting = 1000;

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
