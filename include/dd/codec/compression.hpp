#pragma once
// Which storage an array gets: contiguous unless compression is on and the array is larger than the
// threshold (deepdish: 300 elements). Chunks aim at 1 MiB — HDF5's default chunk cache size, so a
// partial read never thrashes — filling trailing dimensions first, so a chunk is a block of whole
// rows where possible, and never exceed the data.
#include <algorithm>
#include <vector>

#include "../h5/properties.hpp"
#include "context.hpp"

namespace dd::detail {

inline constexpr std::size_t target_chunk_bytes = std::size_t{1} << 20;

inline std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_size) {
  std::vector<hsize_t> chunk(dims.size());
  hsize_t room = std::max<hsize_t>(1, target_chunk_bytes / element_size);
  for (std::size_t i = dims.size(); i-- > 0;) {
    chunk[i] = std::clamp<hsize_t>(room, 1, dims[i]);
    room = std::max<hsize_t>(1, room / chunk[i]);
  }
  return chunk;
}

// The dataset creation property list for an array of this shape; plain (contiguous) if empty handle.
inline h5::handle storage_for(const save_context& ctx, const std::vector<hsize_t>& dims, std::size_t element_size) {
  const auto& c = ctx.options.compression;
  hsize_t elements = 1;
  for (auto d : dims) elements *= d;
  if (c.method == filter::none || elements <= ctx.options.compression_threshold || elements == 0) return {};
  if (!h5::deflate_available()) ctx.fail("compression: the deflate filter is not available in this HDF5");
  if (c.level < 1 || c.level > 9) ctx.fail("compression: deflate level must be 1..9, got " + std::to_string(c.level));
  return h5::chunked_deflate(chunk_shape(dims, element_size), c.level, c.shuffle);
}

}  // namespace dd::detail
