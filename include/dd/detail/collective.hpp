#pragma once
// What keeps dd::mpi from hanging: before any collective HDF5 call the ranks exchange what they are
// about to do (MPI only, no HDF5 here) and every rank throws the same dd::error when they disagree or
// when one of them cannot go on. A collective HDF5 call that some ranks skip waits forever; these
// exchanges never do, because every rank reaches them on every path, failing or not.
#include <mpi.h>

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "../error.hpp"

namespace dd::detail {

// What went wrong, without the file name (the error every rank throws names it once) and without
// the path when it is `where`, the path that error names.
inline std::string reason_of(const std::exception& e, const std::string& where = {}) {
  if (const auto* dd_error = dynamic_cast<const error*>(&e)) {
    std::string text;
    for (const auto& p : dd_error->problems()) {
      const auto path = p.path.empty() ? std::string("/") : p.path;
      text += (text.empty() ? "" : "; ") + (path == where ? "" : path + ": ") + p.message;
    }
    return text;
  }
  const std::string what = e.what();
  return what.empty() ? "failed" : what;
}

class collective {
 public:
  collective(MPI_Comm comm, std::string file) : comm_(comm), file_(std::move(file)) {
    MPI_Comm_rank(comm_, &rank_);
    MPI_Comm_size(comm_, &size_);
  }

  MPI_Comm comm() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  const std::string& file() const { return file_; }

  // Every rank's `mine`, in rank order.
  std::vector<std::string> gather(const std::string& mine) const {
    const int length = static_cast<int>(mine.size());
    std::vector<int> lengths(static_cast<std::size_t>(size_)), starts(static_cast<std::size_t>(size_));
    MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm_);
    int total = 0;
    for (std::size_t r = 0; r < lengths.size(); ++r) {
      starts[r] = total;
      total += lengths[r];
    }
    std::string all(static_cast<std::size_t>(total), '\0');
    MPI_Allgatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), starts.data(), MPI_CHAR, comm_);
    std::vector<std::string> out;
    out.reserve(lengths.size());
    for (std::size_t r = 0; r < lengths.size(); ++r)
      out.push_back(all.substr(static_cast<std::size_t>(starts[r]), static_cast<std::size_t>(lengths[r])));
    return out;
  }

  // Every rank's numbers, in rank order (each rank gives the same count).
  std::vector<unsigned long long> gather(const std::vector<unsigned long long>& mine) const {
    const int n = static_cast<int>(mine.size());
    std::vector<unsigned long long> all(mine.size() * static_cast<std::size_t>(size_));
    MPI_Allgather(mine.data(), n, MPI_UNSIGNED_LONG_LONG, all.data(), n, MPI_UNSIGNED_LONG_LONG, comm_);
    return all;
  }

  // Throws on every rank unless all ranks give the same `mine` for `what` ("the path", "the element
  // type"); the message names the first rank that differs from rank 0 and both values.
  void agree(const std::string& path, const std::string& what, const std::string& mine) const {
    const auto all = gather(mine);
    for (std::size_t r = 1; r < all.size(); ++r)
      if (all[r] != all[0])
        throw error(file_, path,
                    "the ranks disagree on " + what + ": rank 0 has " + all[0] + ", rank " + std::to_string(r) +
                        " has " + all[r] + " (every rank must make the same call)");
  }

  // Runs `step` on this rank; if it throws on any rank, every rank throws one dd::error naming each
  // failed rank and its reason. The step itself must not make collective calls that could be skipped.
  template <class Step>
  void all_or_none(const std::string& path, Step&& step) const {
    std::string problem;
    try {
      step();
    } catch (const std::exception& e) {
      problem = reason_of(e, path);
    }
    raise_any(path, problem);
  }

  // Throws on every rank if any rank has a non-empty `problem`.
  void raise_any(const std::string& path, const std::string& problem) const {
    int failed = problem.empty() ? 0 : 1, any = 0;
    MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, comm_);
    if (!any) return;
    const auto all = gather(problem);
    std::string message;
    for (std::size_t r = 0; r < all.size(); ++r)
      if (!all[r].empty())
        message += (message.empty() ? "" : "; ") + std::string("rank ") + std::to_string(r) + ": " + all[r];
    throw error(file_, path, message);
  }

  // Runs `step` on `root` only; the others wait. If it throws, every rank throws the root's error.
  template <class Step>
  void on_root(const std::string& path, Step&& step, int root = 0) const {
    std::string problem;
    std::exception_ptr thrown;
    if (rank_ == root) {
      try {
        step();
      } catch (const std::exception& e) {
        problem = reason_of(e, path);
        thrown = std::current_exception();
      }
    }
    problem = broadcast(std::move(problem), root);
    if (problem.empty()) return;
    if (thrown) std::rethrow_exception(thrown);  // the root throws what the step threw
    throw error(file_, path, "rank " + std::to_string(root) + " failed: " + problem);
  }

  std::string broadcast(std::string text, int root = 0) const {
    int length = static_cast<int>(text.size());
    MPI_Bcast(&length, 1, MPI_INT, root, comm_);
    text.resize(static_cast<std::size_t>(length));
    MPI_Bcast(text.data(), length, MPI_CHAR, root, comm_);
    return text;
  }

 private:
  MPI_Comm comm_;
  std::string file_;
  int rank_ = 0, size_ = 1;
};

}  // namespace dd::detail
