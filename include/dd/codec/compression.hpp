#pragma once
// Which storage an array or table gets: contiguous unless compression is on and it has more elements
// than the threshold (deepdish: 300). Chunks aim at 1 MiB — HDF5's default chunk cache size, so a
// partial read never thrashes — filling trailing dimensions first, so a chunk is a block of whole
// rows where possible, and never exceed the data.
//
// The compression in force is the save options', unless a dd::compressed<T> above the node set
// ctx.compression_override for its subtree (then any non-empty array is compressed: threshold 0).
// Before the first dataset of a kind is written, the filters are proven to work: plugin present and
// able to encode (else a dd::error naming the Debian package), and a test chunk actually compressed —
// HDF5 silently stores raw data when an optional filter fails, and dd must never do that.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../h5/filters.hpp"
#include "../h5/properties.hpp"
#include "classify.hpp"
#include "context.hpp"

namespace dd::detail {

inline constexpr std::size_t target_chunk_bytes = std::size_t{1} << 20;

inline std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_size) {
  std::vector<hsize_t> chunk(dims.size());
  hsize_t room = std::max<hsize_t>(1, target_chunk_bytes / std::max<std::size_t>(1, element_size));
  for (std::size_t i = dims.size(); i-- > 0;) {
    chunk[i] = std::clamp<hsize_t>(room, 1, std::max<hsize_t>(1, dims[i]));
    room = std::max<hsize_t>(1, room / chunk[i]);
  }
  return chunk;
}

// The plugin behind a filter, or nullptr for HDF5's built-in ones.
inline const h5::plugin_filter* plugin_of(filter method) {
  switch (method) {
    case filter::blosc: return &h5::blosc_plugin;
    case filter::lz4: return &h5::lz4_plugin;
    case filter::bitshuffle: return &h5::bitshuffle_plugin;
    case filter::bzip2: return &h5::bzip2_plugin;
    default: return nullptr;
  }
}

// The filter pipeline for c, with the cd_values h5py, hdf5plugin and PyTables write. Plugins fill in
// their leading cd_values themselves when the dataset is created (blosc: filter and format version,
// element size, chunk bytes; bitshuffle: version and element size).
inline std::vector<h5::filter_step> filter_pipeline(const context& ctx, const dd::compression& c) {
  const auto level = static_cast<unsigned>(c.level);
  auto require_level = [&](int lo, int hi, const char* what) {
    if (c.level < lo || c.level > hi)
      ctx.fail(std::string("compression: ") + what + " level must be " + std::to_string(lo) + ".." +
               std::to_string(hi) + ", got " + std::to_string(c.level));
  };
  std::vector<h5::filter_step> steps;
  auto add_shuffle = [&] {
    if (c.shuffle) steps.push_back(h5::shuffle_step());
  };
  switch (c.method) {
    case filter::none: break;
    case filter::deflate:
      require_level(1, 9, "deflate");
      add_shuffle();
      steps.push_back(h5::deflate_step(level));
      break;
    case filter::blosc: {
      require_level(1, 9, "blosc");  // 0 would store every chunk raw (the filter fails)
      const auto code = static_cast<unsigned>(c.codec);
      if (code > 5) ctx.fail("compression: unknown blosc codec " + std::to_string(code));
      const unsigned shuffle = c.bit_shuffle ? 2 : c.shuffle ? 1 : 0;
      steps.push_back({h5::blosc_plugin.id, h5::optional_filter, {0, 0, 0, 0, level, shuffle, code}, {}});
      break;
    }
    case filter::lz4:
      add_shuffle();
      steps.push_back({h5::lz4_plugin.id, h5::optional_filter, {0}, {}});  // block size 0: the plugin's default (1 GiB)
      break;
    case filter::bitshuffle: {
      const auto with = static_cast<unsigned>(c.bitshuffle_with);
      if (with == 3) {
        require_level(0, 22, "bitshuffle zstd");
        steps.push_back({h5::bitshuffle_plugin.id, h5::optional_filter, {0, with, c.level ? level : 3}, {}});
      } else if (with == 0 || with == 2) {
        steps.push_back({h5::bitshuffle_plugin.id, h5::optional_filter, {0, with}, {}});  // block size 0: automatic
      } else {
        ctx.fail("compression: unknown bitshuffle codec " + std::to_string(with));
      }
      break;
    }
    case filter::bzip2:
      require_level(1, 9, "bzip2");
      add_shuffle();
      steps.push_back({h5::bzip2_plugin.id, h5::optional_filter, {level}, {}});
      break;
    default: ctx.fail("compression: unknown filter " + std::to_string(static_cast<int>(c.method)));
  }
  return steps;
}

// Fails unless HDF5 can compress with these steps right now (see the top of this file).
inline void require_encoders(const context& ctx, const dd::compression& c, const std::vector<h5::filter_step>& steps) {
  if (const auto* plugin = plugin_of(c.method)) {
    if (auto problem = h5::encoder_problem(*plugin); !problem.empty()) ctx.fail("compression: " + problem);
  } else if (c.method == filter::deflate && !h5::deflate_available()) {
    ctx.fail("compression: the deflate filter is not available in this HDF5");
  }
  const auto probe = h5::probe_pipeline(steps);
  const std::string name = plugin_of(c.method) ? plugin_of(c.method)->name : "deflate";
  if (!probe.problem.empty())
    ctx.fail("compression: the " + name + " filter does not compress with these settings (" + probe.problem +
             (c.method == filter::blosc ? "; is this blosc codec built into the installed libblosc?" : "") + ")");
  if (c.method == filter::bitshuffle && c.bitshuffle_with == bitshuffle_codec::zstd) {
    // bitshuffle records its version in cd_values[0..1]; before 0.4 it ignores "zstd" and stores the
    // data uncompressed under a filter description that newer readers would decode as zstd.
    const auto& stored = probe.stored.back();
    if (stored.size() < 2 || std::pair(stored[0], stored[1]) < std::pair(0u, 4u))
      ctx.fail(
          "compression: bitshuffle with zstd needs the bitshuffle plugin 0.4 or newer, the installed one is " +
          (stored.size() < 2 ? std::string("unknown") : std::to_string(stored[0]) + "." + std::to_string(stored[1])) +
          " (Debian 12 ships 0.3.5): use dd::bitshuffle(dd::bitshuffle_codec::lz4) or "
          "dd::blosc(dd::blosc_codec::zstd)");
  }
}

// Storage for a dataset of this shape with this compression: an empty handle means contiguous (use
// ctx.props.dataset_plain). Rank-0 and empty datasets are never chunked.
// With `checksum`, every non-empty dataset is chunked and its chunks carry a Fletcher-32 checksum
// that HDF5 verifies on every read (the last filter: it covers the bytes as stored).
inline h5::handle storage_for(const context& ctx, const dd::compression& c, std::size_t threshold,
                              const std::vector<hsize_t>& dims, std::size_t element_size, bool checksum) {
  hsize_t elements = 1;
  for (auto d : dims) elements *= d;
  if (dims.empty() || elements == 0) return {};
  const bool compress = c.method != filter::none && elements > threshold;
  if (!compress && !checksum) return {};
  std::vector<h5::filter_step> steps;
  if (compress) {
    steps = filter_pipeline(ctx, c);
    require_encoders(ctx, c, steps);
  }
  if (checksum) steps.push_back(h5::fletcher32_step());
  return h5::chunked_filtered(chunk_shape(dims, element_size), steps);
}

// The same with the compression in force at the node being saved.
inline h5::handle storage_for(const save_context& ctx, const std::vector<hsize_t>& dims, std::size_t element_size) {
  if (ctx.compression_override)
    return storage_for(ctx, *ctx.compression_override, 0, dims, element_size, ctx.options.checksum);
  return storage_for(ctx, ctx.options.compression, ctx.options.compression_threshold, dims, element_size,
                     ctx.options.checksum);
}

// Sets the compression of a subtree for the lifetime of the scope (nested scopes restore the outer one).
class [[nodiscard]] compression_scope {
 public:
  compression_scope(save_context& ctx, const dd::compression& c)
      : ctx_(ctx), previous_(std::exchange(ctx.compression_override, c)) {}
  ~compression_scope() { ctx_.compression_override = previous_; }
  compression_scope(const compression_scope&) = delete;
  compression_scope& operator=(const compression_scope&) = delete;

 private:
  save_context& ctx_;
  std::optional<dd::compression> previous_;
};

}  // namespace dd::detail
