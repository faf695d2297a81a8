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
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

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

#include "dd.hpp"
#include "detail/atomic_file.hpp"
#include "detail/collective.hpp"
#include "detail/distributed.hpp"
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
inline selection even_rows(std::size_t rows, int rank, int ranks) { return detail::even_share(rows, rank, ranks); }
inline selection even_rows(MPI_Comm comm, std::size_t rows) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  return even_rows(rows, rank, ranks);
}

}  // namespace dd::mpi

namespace dd::mpi {

// One HDF5 file opened by every rank of `comm` (see the top of this file). Every member function is
// collective. Closing (close() or the destructor) is collective too.
class file {
 public:
  file(MPI_Comm comm, const std::filesystem::path& path, mode m = mode::read, save_options options = {},
       io_options io = {})
      : name_(path.string()), path_(path), writable_(m != mode::read), options_(options), io_(io), ranks_(comm, name_) {
    const h5::call_scope call;
    ranks_.agree("/", "the file name", name_);
    ranks_.agree("/", "the open mode", std::to_string(static_cast<int>(m)));
    if (options_.format != file_format::hdf5_1_8)
      throw error(name_, "/", "dd::mpi writes the HDF5 1.8 file format only (save_options::format)");
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
      detail::write_distributed(ranks_, options_, collective_transfer(), where, value.block, value.offset,
                                value.global_shape, [&] { return parallel_id(); });
    } else if constexpr (detail::with_distributed_members<T>) {
      agree_on_call<T>(where);
      reflect::for_each_field(value,
                              [&](std::string_view name, const auto& field) { save(member_path(where, name), field); });
    } else {
      agree_on_call<T>(where);
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
    agree_on_call<T>(where);
    if constexpr (detail::is_distributed<T>) {
      detail::read_distributed(ranks_, collective_transfer(), where, std::nullopt, out.block, out.offset,
                               out.global_shape, [&] { return parallel_id(); });
    } else if constexpr (detail::with_distributed_members<T>) {
      reflect::for_each_field(
          out, [&](std::string_view name, auto& field) { load(member_path(where, name), field, options); });
    } else {
      use_parallel();
      std::string problem;
      try {
        if (options.untrusted)  // its checking child would be a fork of an MPI process
          throw error(name_, where,
                      "load_options::untrusted is not available in dd::mpi (MPI processes must not fork): check "
                      "a stranger's file with serial dd::load first");
        detail::load_context ctx(name_, options);
        detail::run_load(ctx, [&] { detail::load_at(ctx, h5::group::open_root(parallel_.id()), path, out); });
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
    agree_on_call<B>(where);
    std::vector<std::size_t> offset, global_shape;
    detail::read_distributed(ranks_, collective_transfer(), where, part, out, offset, global_shape,
                             [&] { return parallel_id(); });
  }
  template <class B>
  requires detail::distributable<B> B load(std::string_view path, const selection& part) {
    B value{};
    load(path, part, value);
    return value;
  }

 private:
  static std::string member_path(const std::string& group, std::string_view name) {
    return (group.ends_with('/') ? group : group + "/") + std::string(name);
  }

  dd::file serial_file(mode m) const { return dd::file(path_, m, options_); }

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

  hid_t parallel_id() {
    use_parallel();
    return parallel_.id();
  }

  bool collective_transfer() const { return io_.mode == transfer::collective; }

  // Every rank is making the same call: the same path, the same C++ type.
  template <class T>
  void agree_on_call(const std::string& where) const {
    ranks_.agree(where, "the path", where);
    ranks_.agree(where, "the type", std::string(reflect::type_name<T>()));
  }

  std::string name_;
  std::filesystem::path path_;
  bool writable_;
  save_options options_;
  io_options io_;
  detail::collective ranks_;
  h5::handle parallel_;             // open on every rank through MPI-IO, or not at all
  std::optional<dd::file> serial_;  // rank 0 only, while replicated values are written
  bool serial_active_ = false;      // every rank knows whether rank 0 holds serial_
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
    std::optional<detail::temporary_claim> claim;  // rank 0 claims the temporary (detail/atomic_file.hpp)
    std::filesystem::path target;
    ranks.on_root("/", [&] {
      target = detail::resolve_target(path);
      claim.emplace(target);
    });
    const std::filesystem::path temporary = ranks.broadcast(ranks.rank() == 0 ? claim->path().string() : std::string());
    auto discard = [&] {
      if (ranks.rank() != 0) return;
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
    };
    try {
      // Rank 0 keeps the directory's flock for the whole save, instead of holding the temporary:
      // HDF5 on rank 0 opens the temporary again with a lock of its own while the ranks write it.
      file f(comm, temporary, mode::create, options, io);
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

#endif  // DD_UNSUPPORTED_STANDARD
