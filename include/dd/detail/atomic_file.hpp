#pragma once
// Replacing a file atomically: dd::save writes a temporary in the target's directory and renames it
// over the target when complete, so the target is always the old or the new version, whatever
// happens (an exception, a full disk, a SIGKILL). This header names the temporary, keeps concurrent
// saves of one target from sharing it, and makes the result durable on request.
//
// A save holds a lock for its target (an flock on ".<name>.<hash>.dd-lock" beside it, removed when
// the save ends) and writes ".<name>.<hash>.dd-tmp" — <name> being at most 40 bytes of the target's
// name and <hash> a hash of all of it, so both stay well under NAME_MAX whatever the target's name.
// One name per target means a writer that was killed leaves at most that one temporary, and the next
// save of the target, holding the lock, simply overwrites it and renames it away: no directory scan,
// however many files the directory holds. A writer that is still running holds the lock, so its
// temporary is never touched: a second save of the same target waits for the first one to end.
// (The kernel releases the flock of a killed process; on NFS, flock is emulated by byte-range locks.)
// The lock is a file of its own rather than the temporary: HDF5 creates the temporary with O_TRUNC,
// and an existing file truncated to zero and rewritten makes ext4 (auto_da_alloc) start writing it
// back at close — a 256 MiB save took twice as long when the temporary was made beforehand to lock it.
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

// The lock of one target for the lifetime of the object (see the top of this file). The lock file is
// removed before it is unlocked; a waiter that then holds a lock on a removed file tries again.
class target_lock {
 public:
  explicit target_lock(const std::filesystem::path& target)
      : path_(target.parent_path() / (sibling_prefix(target) + "dd-lock")) {
    for (;;) {
      fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd_ < 0) return;  // no lock where no file can be made: creating the temporary fails too
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {}
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
