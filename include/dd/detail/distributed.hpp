#pragma once
// The distributed arrays of dd::mpi (mpi.hpp): what a block is made of, where it goes, and the
// collective write and read of one dataset — each rank's box checked, and agreed on by all ranks,
// before HDF5 does anything collective.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../codec/nd_array.hpp"
#include "../codec/number_range.hpp"
#include "../error.hpp"
#include "../h5/parallel.hpp"
#include "../reflect/fields.hpp"
#include "../selection.hpp"
#include "appender.hpp"
#include "collective.hpp"
#include "path.hpp"

namespace dd::mpi {
template <class Block>
struct distributed;
}  // namespace dd::mpi

namespace dd::detail {

template <class T>
inline constexpr bool is_distributed = false;
template <class B>
inline constexpr bool is_distributed<mpi::distributed<B>> = true;

template <class T, std::size_t... I>
constexpr bool any_distributed_field(std::index_sequence<I...>) {
  return (is_distributed<reflect::field_type<T, I>> || ...);
}
// A struct some of whose members are parts of distributed arrays.
template <class T>
concept with_distributed_members =
    reflect::reflectable<T> && !is_distributed<T> && family_of<T>() == family::structure &&
    any_distributed_field<T>(std::make_index_sequence<reflect::field_count<T>>{});

// What a block is made of: rows of Element (a number, a fixed block, a flat struct).
template <class B>
struct block_form;
template <class B>
requires nd_array<B>
struct block_form<B> {
  using element = typename array_of<B>::element;
};
template <class B>
requires(!nd_array<B> && std::ranges::contiguous_range<B> && std::ranges::sized_range<B> &&
         appendable_row<element_of<B>>) struct block_form<B> {
  using element = element_of<B>;
};
template <class B>
concept distributable = requires {
  typename block_form<std::remove_cvref_t<B>>::element;
};

// A block's memory and full shape (its own shape followed by the row's), for writing.
struct block_memory {
  const void* data = nullptr;
  std::vector<hsize_t> shape;
};

template <class B>
block_memory memory_of(const context& ctx, const B& block, const std::vector<hsize_t>& row) {
  block_memory out;
  if constexpr (nd_array<B>) {
    const auto view = array_of<B>::saved(ctx, block);
    if (!row_major_contiguous(view.extents, view.strides))
      ctx.fail("a distributed block must be contiguous in row-major order (copy a strided view into a dd::ndarray)");
    out.data = view.data;
    out.shape.assign(view.extents.begin(), view.extents.end());
  } else {
    out.data = std::ranges::data(block);
    out.shape = {std::ranges::size(block)};
  }
  out.shape.insert(out.shape.end(), row.begin(), row.end());
  return out;
}

// Makes `block` hold `count` (the full shape of the box, row dimensions included) and returns where
// the elements go.
template <class B>
void* prepare_block(const load_context& ctx, B& block, const std::vector<hsize_t>& count, std::size_t row_rank) {
  const std::vector<std::size_t> outer(count.begin(), count.end() - static_cast<std::ptrdiff_t>(row_rank));
  if constexpr (nd_array<B>) {
    const auto view = array_of<B>::prepared(ctx, block, outer);
    if (!row_major_contiguous(view.extents, view.strides))
      ctx.fail("the array to load into must be contiguous in row-major order");
    return view.data;
  } else {
    if (outer.size() != 1 || !hold_elements(block, outer[0]))
      ctx.fail("the range cannot hold the " + shape_text(outer) + " rows selected" + held_length(block));
    return std::ranges::data(block);
  }
}

inline std::string dims_text(const std::vector<hsize_t>& dims) { return h5::to_string(h5::shape{false, dims}); }

// The part of a distributed dataset that one rank transfers, completed to the dataset's full rank:
// trailing row dimensions left out of offset and global_shape are whole.
inline h5::rank_box full_box(const context& ctx, const std::vector<std::size_t>& offset,
                             const std::vector<hsize_t>& block_shape, const std::vector<hsize_t>& global) {
  if (offset.size() > global.size())
    ctx.fail("the offset " + shape_text(offset) + " has more dimensions than the global shape " + dims_text(global));
  if (block_shape.size() != global.size())
    ctx.fail("the block's shape " + dims_text(block_shape) + " and the global shape " + dims_text(global) +
             " have different numbers of dimensions");
  h5::rank_box box{std::vector<hsize_t>(offset.begin(), offset.end()), block_shape};
  box.offset.resize(global.size(), 0);
  for (std::size_t d = 0; d < global.size(); ++d)
    if (box.offset[d] + box.count[d] > global[d] && box.count[d] != 0)
      ctx.fail("the block " + dims_text(box.count) + " at offset " + dims_text(box.offset) +
               " does not fit inside the global shape " + dims_text(global));
  return box;
}

// The first pair of non-empty boxes that overlap, as a message ("" if none).
inline std::string overlap_between(const std::vector<unsigned long long>& boxes, std::size_t rank) {
  const auto per = 2 * rank, ranks = rank == 0 ? 0 : boxes.size() / per;
  auto empty = [&](std::size_t r) {
    for (std::size_t d = 0; d < rank; ++d)
      if (boxes[r * per + rank + d] == 0) return true;
    return false;
  };
  auto text = [&](std::size_t r) {
    std::vector<hsize_t> off(boxes.begin() + static_cast<std::ptrdiff_t>(r * per),
                             boxes.begin() + static_cast<std::ptrdiff_t>(r * per + rank));
    std::vector<hsize_t> cnt(boxes.begin() + static_cast<std::ptrdiff_t>(r * per + rank),
                             boxes.begin() + static_cast<std::ptrdiff_t>(r * per + per));
    return "rank " + std::to_string(r) + " (offset " + dims_text(off) + ", shape " + dims_text(cnt) + ")";
  };
  // Sorted by first offset, a box can only overlap the boxes that start before it ends.
  std::vector<std::size_t> order;
  for (std::size_t r = 0; r < ranks; ++r)
    if (!empty(r)) order.push_back(r);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return boxes[a * per] < boxes[b * per]; });
  for (std::size_t i = 0; i < order.size(); ++i)
    for (std::size_t j = i + 1; j < order.size(); ++j) {
      const auto a = order[i], b = order[j];
      if (boxes[b * per] >= boxes[a * per] + boxes[a * per + rank]) break;
      bool overlap = true;
      for (std::size_t d = 0; d < rank && overlap; ++d) {
        const auto ao = boxes[a * per + d], ac = boxes[a * per + rank + d];
        const auto bo = boxes[b * per + d], bc = boxes[b * per + rank + d];
        overlap = ao < bo + bc && bo < ao + ac;
      }
      if (overlap) return "the blocks of " + text(a) + " and " + text(b) + " overlap";
    }
  return {};
}

// Rows [first, first + count) of `rows` that rank `rank` of `ranks` owns when rows are shared out
// evenly: the first rows % ranks ranks own one more.
inline selection even_share(std::size_t rows, int rank, int ranks) {
  const auto r = static_cast<std::size_t>(rank), n = static_cast<std::size_t>(ranks);
  const auto base = rows / n, extra = rows % n;
  return {{r * base + std::min(r, extra)}, {base + (r < extra ? 1 : 0)}, {}};
}

// Numbers load into numbers of the same kind that hold every value (HDF5 converts); tables into
// structs whose members the file has (matched by name).
inline bool loadable_as(const h5::type_info& found, const h5::type_info& wanted) {
  using h5::type_kind;
  if (wanted.kind == type_kind::compound) return found.kind == type_kind::compound;
  const bool ints = (found.kind == type_kind::signed_integer || found.kind == type_kind::unsigned_integer) &&
                    (wanted.kind == type_kind::signed_integer || wanted.kind == type_kind::unsigned_integer);
  if (ints) return found.size <= wanted.size && (found.kind == wanted.kind || found.size < wanted.size);
  if (found.kind == type_kind::floating && wanted.kind == type_kind::floating) return found.size <= wanted.size;
  return found.kind == wanted.kind && found.size == wanted.size;
}

// The rows a block type is made of (file and memory types, row shape), or dd's message saying what
// a block may be.
template <class B>
auto rows_of() {
  static_assert(distributable<B>,
                "dd: a distributed block is a dd::ndarray (or another dd::array_traits type), or a contiguous "
                "range of numbers, fixed blocks of numbers (std::array) or flat structs");
  return row_format<typename block_form<B>::element>();
}

// Writes this rank's block of the distributed dataset at `where`, after the ranks agree on it.
// `open_file` makes the file open on every rank through MPI-IO and returns it.
template <class B, class OpenFile>
void write_distributed(const collective& ranks, const save_options& options, bool collective_transfer,
                       const std::string& where, const B& block, const std::vector<std::size_t>& offset,
                       const std::vector<std::size_t>& global_shape, OpenFile&& open_file) {
  using block_type = std::remove_cvref_t<B>;
  const auto format = rows_of<block_type>();
  ranks.agree(where, "the path", where);
  ranks.agree(where, "the element type", format.text);

  // What this rank writes, checked here before any collective HDF5 call.
  save_context ctx(ranks.file(), options);
  context at(ranks.file());  // for messages about the node itself
  at.descend(std::string_view(where).substr(where.starts_with('/') ? 1 : 0));
  block_memory memory;
  ranks.all_or_none(where, [&] { memory = memory_of(at, block, format.row); });
  std::vector<hsize_t> global(global_shape.begin(), global_shape.end());
  if (!format.row.empty() && global.size() + format.row.size() == memory.shape.size())
    global.insert(global.end(), format.row.begin(), format.row.end());  // rows given, row dimensions left out
  ranks.agree(where, "the global shape", dims_text(global));
  h5::rank_box box;
  ranks.all_or_none(where, [&] {
    if (global.empty()) at.fail("a distributed array needs a global shape");
    box = full_box(at, offset, memory.shape, global);
  });
  std::vector<unsigned long long> mine(box.offset.begin(), box.offset.end());
  mine.insert(mine.end(), box.count.begin(), box.count.end());
  const auto boxes = ranks.gather(mine);
  if (const auto overlap = overlap_between(boxes, global.size()); !overlap.empty())
    throw error(ranks.file(), where, overlap + " (every element of the global array belongs to one rank)");
  unsigned long long covered = 0, total = 1;
  for (std::size_t r = 0; r < boxes.size(); r += 2 * global.size()) {
    unsigned long long n = 1;
    for (std::size_t d = 0; d < global.size(); ++d) n *= boxes[r + global.size() + d];
    covered += n;
  }
  for (auto d : global) total *= d;

  const hid_t file = open_file();
  const auto parts = split_path(ctx, where);
  std::string problem;
  try {
    if (parts.empty()) ctx.fail("a distributed array needs the path of a dataset, not '/'");
    const auto parent = walk_to_parent(ctx, h5::group::open_root(file), parts, missing_group::create, &ctx.props);
    const auto name = std::string(parts.back());
    const auto staging = ".dd-staging-" + name, replaced = ".dd-replaced-" + name;
    if (parent.has_link(staging)) parent.remove(staging);  // left by a run that was killed
    // Storage the blocks do not cover reads as zeros; covered storage is written once, by its owner.
    const auto storage =
        h5::parallel_storage(storage_for(ctx, global, h5::type_size(format.file.id())), covered == total);
    const auto dataset = parent.create_dataset(staging, format.file.id(), global, storage.id(), ctx.props);
    std::string write_problem;
    try {
      h5::write_box(dataset, format.memory.id(), box, memory.data, h5::transfer_properties(collective_transfer));
    } catch (const h5::failure& e) {
      write_problem = e.what();
    }
    ranks.raise_any(where, write_problem);
    // Swap it in: the old node goes only once the new one is complete.
    const bool had_link = parent.has_link(name);
    if (had_link) parent.move_link(name, parent, replaced, ctx.props);
    parent.move_link(staging, parent, name, ctx.props);
    if (had_link) parent.remove(replaced);
    if (parent.has_attribute(name)) parent.remove_attribute(name);
  } catch (const error&) {
    throw;  // raised on every rank already, or a path problem every rank finds the same way
  } catch (const h5::failure& e) {
    problem = e.what();
  }
  ranks.raise_any(where, problem);
}

// Reads this rank's box of the dataset at `where` into block: `part`, or an even share of the rows;
// offset and global_shape say where the box is.
template <class B, class OpenFile>
void read_distributed(const collective& ranks, bool collective_transfer, const std::string& where,
                      const std::optional<selection>& part, B& block, std::vector<std::size_t>& offset,
                      std::vector<std::size_t>& global_shape, OpenFile&& open_file) {
  using block_type = std::remove_cvref_t<B>;
  const auto format = rows_of<block_type>();
  const hid_t file = open_file();
  load_context ctx(ranks.file(), load_options{});
  std::optional<h5::data> dataset;
  std::vector<hsize_t> global;
  // Every rank sees the same file: whatever is wrong with the dataset, every rank finds it.
  ranks.all_or_none(where, [&] {
    try {
      const auto parts = split_path(ctx, where);
      if (parts.empty()) ctx.fail("a distributed array needs the path of a dataset, not '/'");
      const auto parent = walk_to_parent(ctx, h5::group::open_root(file), parts, missing_group::fail);
      ctx.descend(parts.back());
      dataset = parent.try_open_dataset(parts.back());
      if (!dataset) fail_expected(ctx, parent, parts.back(), "a dataset of " + format.text);
      const auto found = dataset->info();
      const auto wanted = h5::type_info_of(format.memory.id());
      if (!loadable_as(found, wanted))
        ctx.fail("expected a dataset of " + format.text + ", found " + h5::to_string(found));
      global = dataset->extent().dims;
      const auto rows = format.row.size();
      const bool fits = nd_array<block_type>
                            ? !global.empty()
                            : global.size() == 1 + rows && std::equal(format.row.begin(), format.row.end(),
                                                                      global.end() - static_cast<std::ptrdiff_t>(rows));
      if (!fits) {
        std::string rows_shape = "(*";
        for (auto d : format.row) rows_shape += ", " + std::to_string(d);
        ctx.fail("expected a dataset of shape " + rows_shape + (format.row.empty() ? ",)" : ")") + ", found " +
                 dims_text(global));
      }
    } catch (const h5::failure& e) {
      ctx.fail(e.what());
    }
  });
  h5::rank_box box;
  void* destination = nullptr;
  ranks.all_or_none(where, [&] {
    const auto chosen =
        part ? *part : even_share(static_cast<std::size_t>(global.empty() ? 0 : global[0]), ranks.rank(), ranks.size());
    const auto slab = hyperslab_within(ctx, chosen, h5::shape{false, global});
    for (auto s : slab.stride)
      if (s != 1) ctx.fail("a distributed load reads a box (stride 1)");
    box = {slab.offset, slab.count};
    destination = prepare_block(ctx, block, box.count, format.row.size());
    offset.assign(box.offset.begin(), box.offset.end());
    global_shape.assign(global.begin(), global.end());
  });
  std::string problem;
  try {
    h5::read_box(*dataset, format.memory.id(), box, destination, h5::transfer_properties(collective_transfer));
  } catch (const h5::failure& e) {
    problem = e.what();
  }
  ranks.raise_any(where, problem);
}

}  // namespace dd::detail
