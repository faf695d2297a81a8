#pragma once
// Replacing a file atomically: dd::save writes a temporary in the target's directory and renames it
// over the target when complete, so the target is always the old or the new version, whatever
// happens (an exception, a full disk, a SIGKILL). This header names the temporaries, removes those
// that dead writers left behind, and makes the result durable on request.
//
// A temporary is "." + up to 40 bytes of the target's name + "." + a hash of the whole name + "." +
// this host + "." + the writer's pid and start time + "." + random + ".dd-tmp" (always well under
// NAME_MAX, however long the target's name). A later save of the same target removes the
// temporaries of writers on this host that are no longer running (their pid is gone, or now belongs
// to a process that started at another time); a running writer's temporary is never touched, nor
// one from another host (a shared filesystem), which cannot be checked.
#include <fcntl.h>
#include <unistd.h>

#include <time.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

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
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Field 22 of /proc/<pid>/stat: when the process started (clock ticks since boot), or "" if there
// is no such process. The name in field 2 may contain spaces and parentheses: count after the last ')'.
inline std::string process_start(long pid) {
  const auto stat = read_small_file("/proc/" + std::to_string(pid) + "/stat");
  auto at = stat.rfind(')');
  if (at == std::string::npos) return {};
  for (int field = 3; field <= 22; ++field) {  // fields after the name, separated by single spaces
    const auto start = stat.find_first_not_of(' ', at + 1);
    if (start == std::string::npos) return {};
    at = stat.find(' ', start);
    if (field == 22) return stat.substr(start, at == std::string::npos ? std::string::npos : at - start);
    if (at == std::string::npos) return {};
  }
  return {};
}

inline std::string host_tag() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  char text[17];
  std::snprintf(text, sizeof text, "%08llx", static_cast<unsigned long long>(fnv1a(name) & 0xffffffffull));
  return text;
}

// "." + name prefix + "." + name hash + "." : what every temporary of this target starts with.
inline std::string temporary_prefix(const std::filesystem::path& target) {
  const auto name = target.filename().string();
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(name)));
  return "." + name.substr(0, 40) + "." + hash + ".";
}
inline constexpr std::string_view temporary_suffix = ".dd-tmp";

inline std::filesystem::path temporary_for(const std::filesystem::path& target) {
  // Unique within this process (a counter) and across processes (the pid and start time above).
  static std::atomic<unsigned long long> counter{0};
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const auto random = [&] {
    return fnv1a(std::to_string(now.tv_nsec) + ":" + std::to_string(counter.fetch_add(1)) + ":" +
                 std::to_string(reinterpret_cast<std::uintptr_t>(&now)));
  };
  const long pid = ::getpid();
  char tail[96];
  std::snprintf(tail, sizeof tail, "%s.%ld-%s.%016llx", host_tag().c_str(), pid, process_start(pid).c_str(),
                static_cast<unsigned long long>(random()));
  return target.parent_path() / (temporary_prefix(target) + tail + std::string(temporary_suffix));
}

// Removes the temporaries of target left by writers on this host that are no longer running.
inline void remove_stale_temporaries(const std::filesystem::path& target) {
  namespace fs = std::filesystem;
  const auto prefix = temporary_prefix(target) + host_tag() + ".";
  std::error_code ec;
  const auto dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (!name.starts_with(prefix) || !name.ends_with(temporary_suffix)) continue;
    // pid-start.random.dd-tmp
    const auto writer = std::string_view(name).substr(prefix.size());
    const auto dash = writer.find('-'), dot = writer.find('.');
    if (dash == std::string_view::npos || dot == std::string_view::npos || dash > dot) continue;
    long pid = 0;
    try {
      pid = std::stol(std::string(writer.substr(0, dash)));
    } catch (...) {
      continue;
    }
    const auto started = writer.substr(dash + 1, dot - dash - 1);
    if (pid == ::getpid() || process_start(pid) == started) continue;  // a writer still running
    std::error_code ignored;
    fs::remove(it->path(), ignored);
  }
}

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
