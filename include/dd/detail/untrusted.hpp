#pragma once
// load_options::untrusted: a file from a stranger is first loaded in a child process, so that a file
// which crashes or hangs libhdf5 (it has such defects: docs/reliability.md) is a dd::error instead of
// the end of the program. The child is a fork of this process: it runs exactly the load the caller
// asked for, under a memory limit (load_options::max_bytes twice over, beyond what the process already
// maps) and a time limit (load_options::untrusted_timeout), with its output discarded, and reports
// success or the dd::error it met. Only when it succeeded is the load done for real.
//
// Threads: the fork happens while dd's library lock is held (h5/failure.hpp), so no other thread is
// inside HDF5 through dd at that moment and the child finds HDF5 unlocked. A thread calling HDF5
// directly, outside dd, during an untrusted load could leave HDF5 locked in the child; the child then
// times out and the load fails (it never hangs or corrupts the parent).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "../error.hpp"
#include "../options.hpp"
#include "atomic_file.hpp"
#include "callback.hpp"

namespace dd::detail {

// Bytes of address space this process maps now (/proc/self/statm, field 1).
inline unsigned long long mapped_bytes() {
  const auto statm = read_small_file("/proc/self/statm");
  return std::strtoull(statm.c_str(), nullptr, 10) * static_cast<unsigned long long>(::sysconf(_SC_PAGESIZE));
}

// The child's report: "path\tmessage\n" per problem.
inline std::string encode_problems(const std::vector<problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.path + '\t' + p.message + '\n';
  return out;
}
inline std::vector<problem> decode_problems(const std::string& text) {
  std::vector<problem> out;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto line = text.substr(start, end - start);
    const auto tab = line.find('\t');
    if (tab == std::string::npos)
      out.push_back({"/", line});
    else
      out.push_back({line.substr(0, tab), line.substr(tab + 1)});
    start = end + 1;
  }
  return out;
}

[[noreturn]] inline void child_report(int fd, int code, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0 && errno != EINTR) break;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  ::_exit(code);
}

// Runs load() in a child process first (see the top of this file); throws the dd::error it met, or
// one saying that the file crashed or hung the child. Returns when the file loads cleanly there.
inline void check_in_child(const std::string& file, const load_options& options, callback<> load) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw error(file, "/", std::string("cannot check the untrusted file: pipe failed: ") + std::strerror(errno));
  const auto limit = mapped_bytes() + 2ull * options.max_bytes + (512ull << 20);
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw error(file, "/", std::string("cannot check the untrusted file: fork failed: ") + std::strerror(err));
  }
  if (pid == 0) {  // the child: only the load, then _exit (no atexit handlers, no HDF5 shutdown)
    ::close(fds[0]);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    const rlimit memory{limit, limit}, no_core{0, 0};
    ::setrlimit(RLIMIT_AS, &memory);
    ::setrlimit(RLIMIT_CORE, &no_core);
    // The report starts with K (loaded) or E (an error, then the problems); a child that dies before
    // writing one crashed.
    try {
      load();
    } catch (const error& e) {
      child_report(fds[1], 1, "E" + encode_problems(e.problems()));
    } catch (const std::exception& e) {
      child_report(fds[1], 1, std::string("E/\t") + e.what() + "\n");
    } catch (...) {
      child_report(fds[1], 1, "E/\tan unknown exception\n");
    }
    child_report(fds[1], 0, "K");
  }
  ::close(fds[1]);
  std::string report;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + options.untrusted_timeout;
  for (char buffer[4096];;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // loop to the deadline check
    const auto n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the child is done (or dead)
    report.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (timed_out)
    throw error(file, "/",
                "the file made libhdf5 hang: no result within " + std::to_string(options.untrusted_timeout.count()) +
                    " ms (load_options::untrusted_timeout); not loaded");
  if (report == "K" && WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  if (!report.empty() && report[0] == 'E') throw error(file, decode_problems(report.substr(1)));
  const auto how = WIFSIGNALED(status)
                       ? "signal " + std::to_string(WTERMSIG(status)) + ", " + ::strsignal(WTERMSIG(status))
                       : "exit status " + std::to_string(WEXITSTATUS(status)) + ", e.g. a sanitizer's report";
  throw error(file, "/",
              "reading the file crashed libhdf5 (" + how +
                  ", in a checking process): the file is corrupted or hostile; not loaded");
}

// Runs body, after checking it in a child process when the options say the file is untrusted.
inline void guarded(const std::string& file, const load_options& options, callback<> body) {
  if (options.untrusted) check_in_child(file, options, body);
  body();
}

}  // namespace dd::detail
