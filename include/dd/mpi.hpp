#pragma once
// dd on many MPI ranks: one HDF5 file written and read by every rank of a communicator through
// parallel HDF5 (MPI-IO). Needs the MPI build of HDF5: the deepdish-mpi dependency (docs/mpi.md).
//
//   dd::mpi::file f(MPI_COMM_WORLD, "state.h5", dd::mode::create);       // collective, like dd::file
//   f.save("/params", cfg);                                               // the same value on every rank
//   f.save("/field", dd::mpi::distributed(block, {r0, 0}, {rows, cols})); // this rank's part of one array
//   auto mine = f.load<dd::ndarray<double>>("/field", dd::selection{.offset = {r0, 0}, .count = {n, cols}});
//   auto cfg2 = f.load<Config>("/params");                                // every rank gets the whole value
//
// Every call is collective: all ranks make it, in the same order. dd checks with MPI that they agree
// (path, type, global shape, blocks inside it and not overlapping) before HDF5 does anything
// collective, so a mistake is the same dd::error on every rank, naming the rank — never a hang.
//
// How the work is shared: a distributed array is one dataset that all ranks write (or read) in one
// collective MPI-IO transfer, each its own box. A replicated value (anything dd::save takes) is
// written once, by rank 0, through dd's serial code while the other ranks wait — every type dd
// supports works, strings and compression included; replicated loads are read by every rank.
// The C++ bindings Open MPI's mpi.h pulls in by default were removed from MPI and do not compile
// warning-free; dd uses the C API.
#ifndef OMPI_SKIP_MPICXX
#define OMPI_SKIP_MPICXX 1
#endif
#ifndef MPICH_SKIP_MPICXX
#define MPICH_SKIP_MPICXX 1
#endif
#include <mpi.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/atomic_file.hpp"
#include "dd.hpp"
#include "detail/collective.hpp"
#include "h5/parallel.hpp"
#include "reflect/type_name.hpp"

namespace dd::mpi {

// This rank's part of one global N-D array: `block` holds the elements from `offset` on, its own
// shape giving the extent in every dimension (a range of rows: its length, and the row's shape).
// Offsets and the global shape count elements (rows for a table, trailing row dimensions may be
// left out). Constructed from an lvalue it refers to the block (no copy); from an rvalue it owns it.
//
// As a struct member (dd::mpi::save / load of a struct), it owns its block; loading fills it with an
// even share of the rows (mpi::even_rows) and sets offset and global_shape.
template <class Block>
struct distributed {
  distributed() = default;
  distributed(Block b, std::vector<std::size_t> first, std::vector<std::size_t> shape)
      : block(std::forward<Block>(b)), offset(std::move(first)), global_shape(std::move(shape)) {}

  Block block;
  std::vector<std::size_t> offset;
  std::vector<std::size_t> global_shape;
};
template <class B>
distributed(B&&, std::vector<std::size_t>, std::vector<std::size_t>) -> distributed<B>;

// How the ranks' parts travel: in one collective MPI-IO operation (the default: MPI-IO merges them
// into large requests and HDF5 compresses in parallel), or each rank on its own.
enum class transfer { collective, independent };

struct io_options {
  transfer mode = transfer::collective;
  // MPI-IO hints passed on untouched (striping_factor, striping_unit, cb_nodes, romio_cb_write, ...):
  // docs/mpi.md says which help on Lustre and GPFS. MPI_INFO_NULL: the MPI library's defaults.
  MPI_Info info = MPI_INFO_NULL;
  // Datasets of at least alignment_threshold bytes start at a multiple of `alignment` bytes, so that
  // they begin on a file-system stripe (set it to the stripe size); 0 packs them as HDF5 does.
  std::size_t alignment = std::size_t{1} << 20;
  std::size_t alignment_threshold = std::size_t{1} << 20;
};

// Rows [first, first + count) of `rows` that rank `rank` of `ranks` owns when rows are shared out
// evenly (the first rows % ranks ranks own one more): the split dd::mpi::load uses for struct members.
inline selection even_rows(std::size_t rows, int rank, int ranks) {
  const auto r = static_cast<std::size_t>(rank), n = static_cast<std::size_t>(ranks);
  const auto base = rows / n, extra = rows % n;
  return {{r * base + std::min(r, extra)}, {base + (r < extra ? 1 : 0)}, {}};
}
inline selection even_rows(MPI_Comm comm, std::size_t rows) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  return even_rows(rows, rank, ranks);
}

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
           appendable_row<element_of<B>>)
struct block_form<B> {
  using element = element_of<B>;
};
template <class B>
concept distributable = requires { typename block_form<std::remove_cvref_t<B>>::element; };

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

}  // namespace dd::detail

namespace dd::mpi {

// One HDF5 file opened by every rank of `comm` (see the top of this file). Every member function is
// collective. Closing (close() or the destructor) is collective too.
class file {
 public:
  file(MPI_Comm comm, const std::filesystem::path& path, mode m = mode::read, save_options options = {},
       io_options io = {})
      : file(comm, path, m, options, io, false) {}
  // For a file whose lock rank 0 holds (dd::mpi::save's temporary).
  file(MPI_Comm comm, const std::filesystem::path& path, mode m, save_options options, io_options io,
       detail::locked_by_caller)
      : file(comm, path, m, options, io, true) {}

 private:
  file(MPI_Comm comm, const std::filesystem::path& path, mode m, save_options options, io_options io,
       bool locked_by_caller)
      : name_(path.string()), path_(path), writable_(m != mode::read), locked_by_caller_(locked_by_caller),
        options_(options), io_(io), ranks_(comm, name_) {
    const h5::call_scope call;
    ranks_.agree("/", "the file name", name_);
    ranks_.agree("/", "the open mode", std::to_string(static_cast<int>(m)));
    if (io_.mode == transfer::independent && (options_.compression.method != filter::none || options_.checksum))
      throw error(name_, "/",
                  "compressed or checksummed datasets are written collectively (parallel HDF5 needs it): use "
                  "transfer::collective, or no compression and checksum");
    if (m == mode::read) {
      ranks_.on_root("/", [&] { detail::check_loadable(path_); });
      open_parallel();
    } else {
      // Rank 0 creates or checks the file with dd's serial code (the root group and its attributes
      // the way dd::save writes them); the first save decides how it is opened next.
      ranks_.on_root("/", [&] { serial_file(m).close(); });
    }
  }

 public:
  file(const file&) = delete;
  file& operator=(const file&) = delete;
  ~file() {
    try {
      close();
    } catch (...) {}
  }

  int rank() const { return ranks_.rank(); }
  int size() const { return ranks_.size(); }

  void close() {
    const h5::call_scope call;
    close_parallel();
    close_serial();
  }

  // Saves `value` at path, replacing whatever was there:
  // - a dd::mpi::distributed part: one dataset of the global shape, each rank writing its block;
  // - a struct with distributed members: a group, each member saved by the rules here;
  // - anything else: the same value on every rank, written once (rank 0's).
  template <class T>
  void save(std::string_view path, const T& value) {
    const h5::call_scope call;
    const std::string where(path);
    if (!writable_) {
      ranks_.agree(where, "the path", where);
      throw error(name_, where, "the file is open read-only (dd::mode::read)");
    }
    if constexpr (detail::is_distributed<T>) {
      save_distributed(where, value);
    } else if constexpr (detail::with_distributed_members<T>) {
      ranks_.agree(where, "the path", where);
      ranks_.agree(where, "the type", std::string(reflect::type_name<T>()));
      reflect::for_each_field(value, [&](std::string_view name, const auto& field) {
        save(member_path(where, name), field);
      });
    } else {
      ranks_.agree(where, "the path", where);
      ranks_.agree(where, "the type", std::string(reflect::type_name<T>()));
      use_serial();
      ranks_.on_root(where, [&] { serial_->save(path, value); });
    }
  }

  // Loads the value at path on every rank (each reads all of it). A dd::mpi::distributed<B> gets an
  // even share of the rows (mpi::even_rows); a struct's distributed members too.
  template <class T>
  void load(std::string_view path, T& out, const load_options& options = {}) {
    const h5::call_scope call;
    const std::string where(path);
    ranks_.agree(where, "the path", where);
    ranks_.agree(where, "the type", std::string(reflect::type_name<T>()));
    if constexpr (detail::is_distributed<T>) {
      load_distributed(where, std::nullopt, out);
    } else if constexpr (detail::with_distributed_members<T>) {
      reflect::for_each_field(out, [&](std::string_view name, auto& field) {
        load(member_path(where, name), field, options);
      });
    } else {
      use_parallel();
      std::string problem;
      try {
        detail::guarded(name_, options, [&] {
          detail::load_context ctx(name_, options);
          detail::run_load(ctx, [&] { detail::load_at(ctx, h5::group::open_root(parallel_.id()), path, out); });
        });
      } catch (const std::exception& e) {
        problem = detail::reason_of(e, where);
      }
      ranks_.raise_any(where, problem);  // the same file gives every rank the same outcome; checked anyway
    }
  }
  template <class T>
  T load(std::string_view path, const load_options& options = {}) {
    T value{};
    load(path, value, options);
    return value;
  }

  // This rank's part of the array or table at path: the box `part` selects (each rank its own; a
  // rank may select nothing), read in one collective transfer. B: a dd::ndarray or other resizable
  // array type, or a resizable contiguous range of numbers, fixed blocks or flat structs.
  template <class B>
    requires detail::distributable<B>
  void load(std::string_view path, const selection& part, B& out) {
    const h5::call_scope call;
    const std::string where(path);
    ranks_.agree(where, "the path", where);
    ranks_.agree(where, "the type", std::string(reflect::type_name<B>()));
    distributed<B&> target(out, {}, {});
    load_distributed(where, part, target);
  }
  template <class B>
    requires detail::distributable<B>
  B load(std::string_view path, const selection& part) {
    B value{};
    load(path, part, value);
    return value;
  }

 private:
  static std::string member_path(const std::string& group, std::string_view name) {
    return (group.ends_with('/') ? group : group + "/") + std::string(name);
  }

  dd::file serial_file(mode m) const {
    if (locked_by_caller_) return dd::file(path_, m, options_, detail::locked_by_caller{});
    return dd::file(path_, m, options_);
  }

  void open_parallel() {
    const auto fapl = h5::parallel_file_access(ranks_.comm(), io_.info, io_.alignment_threshold, io_.alignment);
    std::string problem;
    try {
      parallel_ = h5::open_parallel_file(name_, writable_, fapl);
    } catch (const h5::failure& e) {
      problem = std::string("cannot open the file with MPI-IO: ") + e.what();
    }
    ranks_.raise_any("/", problem);
  }
  void close_parallel() {
    if (!parallel_) return;
    std::string problem;
    try {
      h5::close_file(parallel_);
    } catch (const h5::failure& e) {
      problem = e.what();
    }
    ranks_.raise_any("/", problem);
  }
  void close_serial() {
    if (!serial_active_) return;
    serial_active_ = false;
    ranks_.on_root("/", [&] {
      if (!serial_) return;
      auto f = std::move(*serial_);
      serial_.reset();
      f.close();
    });
  }
  // The file open on every rank through MPI-IO (the serial writer on rank 0 closed first).
  void use_parallel() {
    if (parallel_) return;
    close_serial();
    open_parallel();
  }
  // The file open on rank 0 alone, through dd::file (the MPI-IO file closed first).
  void use_serial() {
    if (serial_active_) return;
    close_parallel();
    ranks_.on_root("/", [&] { serial_.emplace(serial_file(mode::read_write)); });
    serial_active_ = true;
  }

  template <class B>
  void save_distributed(const std::string& where, const distributed<B>& part) {
    using block_type = std::remove_cvref_t<B>;
    static_assert(detail::distributable<block_type>,
                  "dd: a distributed block is a dd::ndarray (or another dd::array_traits type), or a contiguous "
                  "range of numbers, fixed blocks of numbers (std::array) or flat structs");
    using element = typename detail::block_form<block_type>::element;
    const auto format = detail::row_format<element>();
    ranks_.agree(where, "the path", where);
    ranks_.agree(where, "the element type", format.text);

    // What this rank writes, checked here before any collective HDF5 call.
    detail::save_context ctx(name_, options_);
    detail::context at(name_);  // for messages about the node itself
    at.descend(std::string_view(where).substr(where.starts_with('/') ? 1 : 0));
    detail::block_memory memory;
    ranks_.all_or_none(where, [&] { memory = detail::memory_of(at, part.block, format.row); });
    std::vector<hsize_t> global(part.global_shape.begin(), part.global_shape.end());
    if (!format.row.empty() && global.size() + format.row.size() == memory.shape.size())
      global.insert(global.end(), format.row.begin(), format.row.end());  // rows given, row dimensions left out
    ranks_.agree(where, "the global shape", detail::dims_text(global));
    h5::rank_box box;
    ranks_.all_or_none(where, [&] {
      if (global.empty()) at.fail("a distributed array needs a global shape");
      box = detail::full_box(at, part.offset, memory.shape, global);
    });
    std::vector<unsigned long long> mine(box.offset.begin(), box.offset.end());
    mine.insert(mine.end(), box.count.begin(), box.count.end());
    const auto boxes = ranks_.gather(mine);
    if (const auto overlap = detail::overlap_between(boxes, global.size()); !overlap.empty())
      throw error(name_, where, overlap + " (every element of the global array belongs to one rank)");
    unsigned long long covered = 0, total = 1;
    for (std::size_t r = 0; r < boxes.size(); r += 2 * global.size()) {
      unsigned long long n = 1;
      for (std::size_t d = 0; d < global.size(); ++d) n *= boxes[r + global.size() + d];
      covered += n;
    }
    for (auto d : global) total *= d;

    use_parallel();
    const auto parts = detail::split_path(ctx, where);
    std::string problem;
    try {
      if (parts.empty()) ctx.fail("a distributed array needs the path of a dataset, not '/'");
      const auto parent = detail::walk_to_parent(ctx, h5::group::open_root(parallel_.id()), parts,
                                                 detail::missing_group::create, &ctx.props);
      const auto name = std::string(parts.back());
      const auto staging = ".dd-staging-" + name, replaced = ".dd-replaced-" + name;
      if (parent.has_link(staging)) parent.remove(staging);  // left by a run that was killed
      // Storage the blocks do not cover reads as zeros; covered storage is written once, by its owner.
      const auto storage = h5::parallel_storage(detail::storage_for(ctx, global, h5::type_size(format.file.id())),
                                                covered == total);
      const auto dataset = parent.create_dataset(staging, format.file.id(), global, storage.id(), ctx.props);
      std::string write_problem;
      try {
        h5::write_box(dataset, format.memory.id(), box, memory.data, h5::transfer_properties(transfer_of()));
      } catch (const h5::failure& e) {
        write_problem = e.what();
      }
      ranks_.raise_any(where, write_problem);
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
    ranks_.raise_any(where, problem);
  }

  // `part`: the box this rank reads, or nothing for an even share of the rows.
  template <class B>
  void load_distributed(const std::string& where, const std::optional<selection>& part, distributed<B>& out) {
    using block_type = std::remove_cvref_t<B>;
    static_assert(detail::distributable<block_type>,
                  "dd: a distributed block is a dd::ndarray (or another dd::array_traits type), or a contiguous "
                  "range of numbers, fixed blocks of numbers (std::array) or flat structs");
    using element = typename detail::block_form<block_type>::element;
    const auto format = detail::row_format<element>();
    use_parallel();
    detail::load_context ctx(name_, load_options{});
    std::optional<h5::data> dataset;
    std::vector<hsize_t> global;
    // Every rank sees the same file: whatever is wrong with the dataset, every rank finds it.
    ranks_.all_or_none(where, [&] {
      try {
        const auto parts = detail::split_path(ctx, where);
        if (parts.empty()) ctx.fail("a distributed array needs the path of a dataset, not '/'");
        const auto parent = detail::walk_to_parent(ctx, h5::group::open_root(parallel_.id()), parts,
                                                   detail::missing_group::fail);
        ctx.descend(parts.back());
        dataset = parent.try_open_dataset(parts.back());
        if (!dataset) detail::fail_expected(ctx, parent, parts.back(), "a dataset of " + format.text);
        const auto found = dataset->info();
        const auto wanted = h5::type_info_of(format.memory.id());
        if (!convertible(found, wanted))
          ctx.fail("expected a dataset of " + format.text + ", found " + h5::to_string(found));
        global = dataset->extent().dims;
        const auto rows = format.row.size();
        const bool fits = detail::nd_array<block_type>
                              ? !global.empty()
                              : global.size() == 1 + rows && std::equal(format.row.begin(), format.row.end(),
                                                                         global.end() - static_cast<std::ptrdiff_t>(rows));
        if (!fits) {
          std::string rows_shape = "(*";
          for (auto d : format.row) rows_shape += ", " + std::to_string(d);
          ctx.fail("expected a dataset of shape " + rows_shape + (format.row.empty() ? ",)" : ")") + ", found " +
                   detail::dims_text(global));
        }
      } catch (const h5::failure& e) {
        ctx.fail(e.what());
      }
    });
    h5::rank_box box;
    void* destination = nullptr;
    ranks_.all_or_none(where, [&] {
      const auto chosen = part ? *part : even_rows(static_cast<std::size_t>(global.empty() ? 0 : global[0]),
                                                   ranks_.rank(), ranks_.size());
      const auto slab = detail::hyperslab_within(ctx, chosen, h5::shape{false, global});
      for (auto s : slab.stride)
        if (s != 1) ctx.fail("a distributed load reads a box (stride 1)");
      box = {slab.offset, slab.count};
      destination = detail::prepare_block(ctx, out.block, box.count, format.row.size());
      out.offset.assign(box.offset.begin(), box.offset.end());
      out.global_shape.assign(global.begin(), global.end());
    });
    std::string problem;
    try {
      h5::read_box(*dataset, format.memory.id(), box, destination, h5::transfer_properties(transfer_of()));
    } catch (const h5::failure& e) {
      problem = e.what();
    }
    ranks_.raise_any(where, problem);
  }

  // Numbers load into numbers of the same kind that hold every value (HDF5 converts); tables into
  // structs whose members the file has (matched by name).
  static bool convertible(const h5::type_info& found, const h5::type_info& wanted) {
    using h5::type_kind;
    if (wanted.kind == type_kind::compound) return found.kind == type_kind::compound;
    const bool ints = (found.kind == type_kind::signed_integer || found.kind == type_kind::unsigned_integer) &&
                      (wanted.kind == type_kind::signed_integer || wanted.kind == type_kind::unsigned_integer);
    if (ints) return found.size <= wanted.size && (found.kind == wanted.kind || found.size < wanted.size);
    if (found.kind == type_kind::floating && wanted.kind == type_kind::floating) return found.size <= wanted.size;
    return found.kind == wanted.kind && found.size == wanted.size;
  }

  h5::transfer transfer_of() const {
    return io_.mode == transfer::collective ? h5::transfer::collective : h5::transfer::independent;
  }

  std::string name_;
  std::filesystem::path path_;
  bool writable_;
  bool locked_by_caller_;
  save_options options_;
  io_options io_;
  detail::collective ranks_;
  h5::handle parallel_;              // open on every rank through MPI-IO, or not at all
  std::optional<dd::file> serial_;   // rank 0 only, while replicated values are written
  bool serial_active_ = false;       // every rank knows whether rank 0 holds serial_
};

// Saves `value` into a new file at path, atomically like dd::save: every rank writes into a
// temporary beside the target, and rank 0 renames it over the target once the file is complete and
// closed (save_options::durable: with fsync of the file and the directory). A struct's members may
// be dd::mpi::distributed parts beside replicated members; any other value is written by rank 0.
template <class T>
void save(MPI_Comm comm, const std::filesystem::path& path, const T& value, const save_options& options = {},
          const io_options& io = {}) {
  const h5::call_scope call;
  if constexpr (!detail::is_distributed<T> && !detail::with_distributed_members<T>) {
    const detail::collective ranks(comm, path.string());
    ranks.agree("/", "the file name", path.string());
    ranks.agree("/", "the type", std::string(reflect::type_name<T>()));
    ranks.on_root("/", [&] { dd::save(path, value, options); });
  } else {
    static_assert(!detail::is_distributed<T>,
                  "dd: dd::mpi::save takes a struct; save a single distributed array with dd::mpi::file::save");
    const detail::collective ranks(comm, path.string());
    ranks.agree("/", "the file name", path.string());
    std::optional<detail::locked_temporary> locked;  // rank 0 holds the temporary (detail/atomic_file.hpp)
    std::filesystem::path target;
    ranks.on_root("/", [&] {
      target = detail::resolve_target(path);
      locked.emplace(target);
    });
    const std::filesystem::path temporary = ranks.broadcast(locked ? locked->path().string() : std::string());
    auto discard = [&] {
      if (ranks.rank() != 0) return;
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
    };
    try {
      file f(comm, temporary, mode::create, options, io, detail::locked_by_caller{});
      f.save("/", value);
      f.close();
      ranks.on_root("/", [&] {
        if (options.durable) detail::sync_path(path.string(), temporary, false);
        std::error_code ec;
        std::filesystem::rename(temporary, target, ec);
        if (ec) throw error(path.string(), "/", "cannot replace the file: " + ec.message());
        if (options.durable)
          detail::sync_path(path.string(), target.parent_path().empty() ? "." : target.parent_path(), true);
      });
    } catch (const error& e) {
      discard();
      throw error(path.string(), e.problems());  // the target's name, not the temporary's
    } catch (...) {
      discard();
      throw;
    }
  }
}

// Loads the value in the file at path on every rank: replicated members whole, each distributed
// member as this rank's even share of its rows (mpi::even_rows).
template <class T>
T load(MPI_Comm comm, const std::filesystem::path& path, const load_options& options = {}, const io_options& io = {}) {
  T value{};
  file f(comm, path, mode::read, {}, io);
  if constexpr (detail::with_distributed_members<T> || detail::group_like<T>)
    f.load("/", value, options);
  else
    f.load("", value, options);
  return value;
}

}  // namespace dd::mpi
