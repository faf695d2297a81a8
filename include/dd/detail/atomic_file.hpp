#pragma once
// Replacing a file atomically: dd::save writes a temporary in the target's directory and renames it
// over the target when complete, so the target is always the old or the new version, whatever
// happens (an exception, a full disk, a SIGKILL). This header names the temporary, keeps concurrent
// saves of one target from sharing it, and makes the result durable on request.
//
// A save writes ".<name>.<hash>.dd-tmp" — <name> being at most 40 bytes of the target's name and
// <hash> a hash of all of it, so the name stays well under NAME_MAX whatever the target's name. One
// name per target means a writer that was killed leaves at most that one temporary, and the next
// save of the target removes it: no directory scan, however many files the directory holds.
//
// Who may use the name (temporary_claim): a writer holds an flock on its temporary for as long as it
// exists (HDF5's own descriptor of it, shared, or one of its own), and the kernel releases it when
// the writer dies. A save looks at the temporary while holding an flock on the directory: none
// there, it creates it; one that nobody holds, a dead writer's, it removes first; one that a running
// writer holds, it waits for. The directory's flock is held only while a save claims the name and
// while it closes and renames its temporary, so saves of other targets in the directory overlap
// (dd::mpi::save holds it throughout: several processes open its temporary, none for the others).
// Nothing is created beyond the temporary: a lock file of its own per save (create, unlink) cost
// more than the rest of a small save (W2, W3 in benchmarks/README.md).
// Where a directory cannot be flock'ed (NFS emulates flock with byte-range locks, which need a file
// open for writing), a save holds an flock on ".<name>.<hash>.dd-lock" beside the target instead,
// created and removed by each save (target_lock), and overwrites a leftover temporary.
// A temporary is created afresh rather than made beforehand to lock it: HDF5 creates files with
// O_TRUNC, and an existing file truncated to zero and rewritten makes ext4 (auto_da_alloc) start
// writing it back at close — a 256 MiB save took twice as long.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "../error.hpp"

namespace dd::detail {

// The whole of a small file such as /proc/<pid>/stat, or "" (plain POSIX: no iostreams in every TU).
inline std::string read_small_file(const std::string& path) {
  std::string out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  char buffer[1024];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR);)
    if (n > 0) out.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

inline std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// "." + name prefix + "." + name hash + "." : the beginning of the lock's and the temporary's names.
inline std::string sibling_prefix(const std::filesystem::path& target) {
  const auto name = target.filename().string();
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(name)));
  return "." + name.substr(0, 40) + "." + hash + ".";
}

inline std::filesystem::path temporary_for(const std::filesystem::path& target) {
  return target.parent_path() / (sibling_prefix(target) + "dd-tmp");
}

// flock(fd, operation), tried again when a signal interrupts it. False: the file system refused.
inline bool flock_retrying(int fd, int operation) {
  for (;;) {
    if (::flock(fd, operation) == 0) return true;
    if (errno != EINTR) return false;
  }
}

// The lock of one target for the lifetime of the object, where directories cannot be flock'ed (see
// the top of this file). The lock file is removed before it is unlocked; a waiter that then holds a
// lock on a removed file tries again.
class target_lock {
 public:
  explicit target_lock(const std::filesystem::path& target)
      : path_(target.parent_path() / (sibling_prefix(target) + "dd-lock")) {
    for (;;) {
      fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd_ < 0) return;  // no lock where no file can be made: creating the temporary fails too
      flock_retrying(fd_, LOCK_EX);
      struct stat held {
      }, now{};
      if (::fstat(fd_, &held) == 0 && ::stat(path_.c_str(), &now) == 0 && held.st_ino == now.st_ino &&
          held.st_dev == now.st_dev)
        return;
      ::close(fd_);
    }
  }
  ~target_lock() {
    if (fd_ < 0) return;
    ::unlink(path_.c_str());
    ::close(fd_);
  }
  target_lock(const target_lock&) = delete;
  target_lock& operator=(const target_lock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// The name of a target's temporary, claimed for one save (see the top of this file).
class temporary_claim {
 public:
  // Waits while a running writer holds the temporary; removes a dead writer's.
  explicit temporary_claim(const std::filesystem::path& target) : path_(temporary_for(target)) {
    const auto dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    directory_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (;;) {
      // No flock on directories here (NFS): a lock file instead.
      if (directory_ < 0 || !flock_retrying(directory_, LOCK_EX)) {
        if (directory_ >= 0) ::close(directory_);
        directory_ = -1;
        fallback_.emplace(target);
        return;
      }
      const int existing = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
      if (existing < 0) return;  // free
      // Nobody holds it: a dead writer's (or files cannot be flock'ed here: overwritten, as with the
      // lock file).
      if (::flock(existing, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK) {
        ::unlink(path_.c_str());
        ::close(existing);
        return;
      }
      // A running writer's: wait for it to end. Shared, so that once its temporary is renamed over
      // the target, readers of the target (which lock it shared) are not held up.
      ::flock(directory_, LOCK_UN);
      flock_retrying(existing, LOCK_SH);
      ::close(existing);
    }
  }
  ~temporary_claim() {
    if (held_ >= 0) ::close(held_);
    if (directory_ >= 0) ::close(directory_);  // releases the directory's flock
  }
  temporary_claim(const temporary_claim&) = delete;
  temporary_claim& operator=(const temporary_claim&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Is the name free (create the temporary exclusively), or may a leftover be there (overwrite it)?
  bool exclusive() const { return !fallback_; }

  // The temporary now exists: this save holds it, through `descriptor` (a descriptor of it whose
  // open file this save shares, such as HDF5's; -1: one is opened here). Other saves in the
  // directory go on.
  void created(int descriptor) {
    if (fallback_) return;
    held_ = descriptor >= 0 ? ::fcntl(descriptor, F_DUPFD_CLOEXEC, 0) : ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (held_ < 0 || ::flock(held_, LOCK_EX | LOCK_NB) != 0) return;  // keep the directory's flock instead
    ::flock(directory_, LOCK_UN);
  }
  // Before the temporary is closed: from here to the end of the claim no other save in the directory
  // looks at temporaries, so this one is not taken for a dead writer's once it is closed.
  void closing() {
    if (directory_ >= 0) flock_retrying(directory_, LOCK_EX);
  }
  // The temporary is closed (and about to be renamed): its flock goes, so that it does not follow the
  // file to the target's name, where readers that lock files (HDF5) would find it held.
  void closed() {
    if (held_ >= 0) ::close(held_);
    held_ = -1;
  }

 private:
  std::filesystem::path path_;
  int directory_ = -1;  // holds the directory's flock while claiming and while closing
  int held_ = -1;       // holds the temporary's flock
  std::optional<target_lock> fallback_;
};

// The file a save really replaces: a symlink is followed to the file it names (the link stays).
inline std::filesystem::path resolve_target(const std::filesystem::path& target) {
  namespace fs = std::filesystem;
  auto path = target;
  std::error_code ec;
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(path, ec)); ++hops) {
    const auto next = fs::read_symlink(path, ec);
    if (ec) break;
    path = next.is_absolute() ? next : path.parent_path() / next;
  }
  return path;
}

// fsync of a file or directory, for durable saves.
inline void sync_path(const std::string& file, const std::filesystem::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw error(file, "/",
                "cannot make the save durable: fsync of " + path.string() + " failed: " + std::strerror(err));
  }
  ::close(fd);
}

// Why a file cannot be created at target, in dd's words, or "" if nothing obvious is wrong.
inline std::string cannot_create(const std::filesystem::path& target) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::exists(dir, ec)) return "the directory " + dir.string() + " does not exist";
  if (!fs::is_directory(dir, ec)) return dir.string() + " is not a directory";
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return "no permission to create files in " + dir.string();
  if (fs::is_directory(target, ec)) return "it is a directory";
  return {};
}

}  // namespace dd::detail
