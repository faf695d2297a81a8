// Never lose a file, never crash on a hostile one, never allocate what a file merely claims
// (docs/reliability.md): atomic saves under SIGKILL, temporaries of dead writers, long names and
// symlinks, dd::file saves that fail half-way, a full disk, allocation bombs, files that contradict
// themselves, one depth limit, untrusted loads, and a dd::file shared by threads.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <hdf5.h>
#include <poll.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <dd/dd.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "fuzz/representative.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using dd_test::error_of;
using dd_test::scratch;

namespace {

std::size_t files_in(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

// Runs f in a child process; its exit status (a signal as 128 + signal).
template <class F>
int in_child(F&& f) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) ::signal(sig, SIG_DFL);  // not doctest's reports
    int code = 2;  // an exception (1 is AddressSanitizer's exit status)
    try {
      code = f();
    } catch (...) {}
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

struct Snapshot {
  int version = 0;
  std::vector<double> values;
};

Snapshot snapshot(int version) { return {version, std::vector<double>(std::size_t{1} << 20, double(version))}; }

}  // namespace

TEST_CASE("SIGKILL during dd::save leaves the old or the new file, and the next save removes the temporaries") {
  const auto dir = scratch("kills");
  fs::create_directories(dir);
  const auto target = dir / "state.h5";
  dd::save(target, snapshot(0));
  std::mt19937 random(12345);
  for (int kill = 1; kill <= 12; ++kill) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      for (int version = 1;; ++version) dd::save(target, snapshot(version));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + random() % 60));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    const auto s = dd::load<Snapshot>(target);  // always a complete version
    REQUIRE(s.values.size() == std::size_t{1} << 20);
    CHECK(s.values.front() == double(s.version));
    CHECK(s.values.back() == double(s.version));
  }
  dd::save(target, snapshot(99));
  CHECK(files_in(dir) == 1);  // every temporary of the killed writers is gone
  CHECK(dd::load<Snapshot>(target).version == 99);
}

TEST_CASE("a save waits for a writer of the same target that is still running, and never touches its temporary") {
  const auto dir = scratch("live-writer");
  fs::create_directories(dir);
  const auto target = dir / "x.h5";
  const auto temporary = dd::detail::temporary_for(target);
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t writer = ::fork();
  if (writer == 0) {  // stands for a writer in the middle of a save of the same target
    dd::detail::temporary_claim claim(target);
    std::ofstream(claim.path()) << "half-written";
    claim.created(-1);
    (void)::write(ready[1], "x", 1);
    ::pause();
    ::_exit(0);
  }
  char byte;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  std::atomic<bool> saved{false};
  std::thread second([&] {
    dd::save(target, 2);
    saved = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(!saved);                                            // waiting for the running writer ...
  CHECK(dd_test::read_bytes(temporary) == "half-written");  // ... whose temporary is untouched
  ::kill(writer, SIGKILL);                                  // the writer dies: its lock goes with it
  ::waitpid(writer, nullptr, 0);
  second.join();
  CHECK(saved);
  CHECK(dd::load<int>(target) == 2);
  CHECK(files_in(dir) == 1);  // the killed writer's temporary was removed
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST_CASE("the lock-file fallback (directories without flock, e.g. NFS): one holder at a time, no file left") {
  const auto dir = scratch("lock-file");
  fs::create_directories(dir);
  const auto target = dir / "t.h5";
  int go[2], acquired[2];
  REQUIRE(::pipe(go) == 0);
  REQUIRE(::pipe(acquired) == 0);
  const pid_t other = ::fork();  // before the lock is taken: a child would inherit its descriptor
  if (other == 0) {
    char byte = 0;
    if (::read(go[0], &byte, 1) != 1) ::_exit(3);
    {
      const dd::detail::target_lock lock(target);
      (void)::write(acquired[1], "x", 1);
    }
    ::_exit(0);
  }
  std::optional<dd::detail::target_lock> held(std::in_place, target);
  CHECK(files_in(dir) == 1);  // the lock file
  (void)::write(go[1], "x", 1);
  pollfd wait_for{acquired[0], POLLIN, 0};
  CHECK(::poll(&wait_for, 1, 300) == 0);  // the second holder waits ...
  held.reset();                            // ... until the first lets go
  char byte = 0;
  CHECK(::read(acquired[0], &byte, 1) == 1);
  int status = -1;
  ::waitpid(other, &status, 0);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  CHECK(files_in(dir) == 0);  // each holder removed the lock file it held
  for (const int fd : {go[0], go[1], acquired[0], acquired[1]}) ::close(fd);
}

TEST_CASE("processes saving one target and others in the same directory at once: every save lands whole") {
  const auto dir = scratch("concurrent");
  fs::create_directories(dir);
  const auto shared = dir / "shared.h5";
  const auto small = [](int version) { return Snapshot{version, std::vector<double>(1000, double(version))}; };
  dd::save(shared, small(0));
  std::vector<pid_t> writers;
  for (int w = 0; w < 4; ++w) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      int status = 0;
      try {
        for (int i = 1; i <= 40; ++i) {
          dd::save(w < 2 ? shared : dir / ("own" + std::to_string(w) + ".h5"), small(w * 1000 + i));
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", w, e.what());
        status = 3;
      }
      ::_exit(status);
    }
    writers.push_back(pid);
  }
  int torn = 0;
  for (int i = 0; i < 100; ++i) {  // a reader meanwhile always finds a complete version
    const auto s = dd::load<Snapshot>(shared);
    torn += s.values.size() != 1000 || s.values.front() != double(s.version) || s.values.back() != double(s.version);
  }
  for (const pid_t pid : writers) {
    int status = -1;
    ::waitpid(pid, &status, 0);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  CHECK(torn == 0);
  const auto last = dd::load<Snapshot>(shared).version;
  CHECK((last == 40 || last == 1040));  // the last save of one of its two writers
  CHECK(dd::load<Snapshot>(dir / "own2.h5").version == 2040);
  CHECK(dd::load<Snapshot>(dir / "own3.h5").version == 3040);
  CHECK(files_in(dir) == 3);  // no temporary and no lock file left
}

TEST_CASE("long file names, symlinked targets and durable saves") {
  const auto dir = scratch("names");
  fs::create_directories(dir);
  const auto long_name = dir / (std::string(250, 'n') + ".h5");  // 253 bytes: legal, near NAME_MAX
  dd::save(long_name, std::vector<int>{1, 2, 3});
  CHECK(dd::load<std::vector<int>>(long_name) == std::vector<int>{1, 2, 3});
  dd::save(long_name, std::vector<int>{4});
  CHECK(dd::load<std::vector<int>>(long_name) == std::vector<int>{4});

  const auto real = dir / "real.h5", link = dir / "link.h5";
  dd::save(real, 1);
  fs::create_symlink("real.h5", link);
  dd::save(link, 2, {.durable = true});
  CHECK(fs::is_symlink(fs::symlink_status(link)));  // the link stays a link ...
  CHECK(dd::load<int>(real) == 2);                  // ... and the file it names is replaced
  CHECK(dd::load<int>(link) == 2);
}

namespace {
struct Fussy {
  int value = 0;
};
}  // namespace
template <>
struct dd::codec<Fussy> {
  static void save(dd::writer& out, const Fussy& f) {
    out.save("first", f.value);
    if (f.value < 0) throw std::runtime_error("a codec that fails half-way");
    out.save("second", f.value);
  }
  static void load(dd::reader& in, Fussy& f) { in.load("first", f.value); }
};

TEST_CASE("dd::file never loses a node: a save that fails half-way leaves the old value and no half node") {
  const auto path = scratch("file-replace.h5");
  {
    dd::file f(path, dd::mode::create);
    f.save("/a/node", std::vector<double>{1, 2, 3});
    f.save("/a/scalar", 7);
    f.save("/a/variant", std::variant<int, std::string>("text"));
    CHECK_THROWS_AS(f.save("/a/node", Fussy{-1}), std::runtime_error);
    CHECK_THROWS_AS(f.save("/a/scalar", Fussy{-1}), std::runtime_error);
    CHECK(f.load<std::vector<double>>("/a/node") == std::vector<double>{1, 2, 3});
    CHECK(f.load<int>("/a/scalar") == 7);
    f.save("/a/node", Fussy{5});  // a group where a dataset was
    f.save("/a/variant", 3.5);    // the variant's tag goes with the old value
    f.save("/a/scalar", std::string("now a string"));
    for (const auto& e : f.list("/a")) CHECK_MESSAGE(!e.name.starts_with(".dd-"), e.name);
  }
  CHECK(dd::load<Fussy>(path, "/a/node").value == 5);
  CHECK(dd::load<double>(path, "/a/variant") == 3.5);
  CHECK(dd::load<std::string>(path, "/a/scalar") == "now a string");
  dd::file f(path, dd::mode::read);
  CHECK(!f.contains("/a/DEEPDISH_IO_VARIANT:variant"));
}

TEST_CASE("a full disk: saves fail cleanly, appends report it, nothing is printed and nothing crashes") {
  // A 4 MiB tmpfs is a real full disk (ENOSPC). Without the right to mount one, RLIMIT_FSIZE makes
  // writes past 4 MiB fail (EFBIG) instead; it also stops HDF5 from extending the file when closing,
  // which libhdf5 1.10.8 cannot survive at exit (docs/reliability.md), so appends are tested on a
  // tmpfs only.
  const auto dir = scratch("full");
  fs::create_directories(dir);
  const bool tmpfs = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=4m") == 0;
  if (!tmpfs) MESSAGE("cannot mount a tmpfs here: simulating a full disk with RLIMIT_FSIZE");
  const auto log = scratch("full-stderr.txt");
  const auto full = [&](auto&& body) {  // runs body in a child whose disk is full past 4 MiB
    return in_child([&] {
      const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, STDERR_FILENO);
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit four_mib{4 << 20, 4 << 20};
      if (!tmpfs) ::setrlimit(RLIMIT_FSIZE, &four_mib);
      return body();
    });
  };
  const auto target = dir / "keep.h5";
  dd::save(target, std::vector<double>(1000, 1.0));
  const auto before = dd_test::read_bytes(target);
  CHECK(full([&] {
          const auto message = error_of([&] { dd::save(target, snapshot(2)); });  // 8 MiB
          return message.find("keep.h5:/") != std::string::npos && message.find('\n') == std::string::npos ? 0 : 3;
        }) == 0);
  CHECK(dd_test::read_bytes(target) == before);
  CHECK(files_in(dir) == 1);  // no temporary left
  CHECK(dd_test::read_bytes(log).empty());

  const auto file_path = dir / "appends.h5";
  {
    dd::file f(file_path, dd::mode::create);
    f.save("/small", 1);
  }
  CHECK(full([&] {
          dd::file f(file_path, dd::mode::read_write);
          try {
            f.save("/small", std::vector<double>(1 << 20, 1.0));
          } catch (const dd::error&) {
            return 0;
          }
          return 3;
        }) == 0);
  CHECK(dd::load<int>(file_path, "/small") == 1);  // the old value survived the failed replacement
  CHECK(dd_test::read_bytes(log).empty());
  if (tmpfs) {
    CHECK(full([&] {
            dd::file f(file_path, dd::mode::read_write);
            bool reported = false;
            try {
              for (int i = 0; i < (1 << 21); ++i) f.append("/losses", double(i));
              f.close();
            } catch (const dd::error& e) {
              reported = std::string(e.what()).find("appends.h5:/losses") != std::string::npos;
            }
            return reported ? 0 : 3;
          }) == 0);  // and the child exited cleanly: no crash in libhdf5 at exit
    CHECK(dd_test::read_bytes(log).empty());
    CHECK(dd::load<int>(file_path, "/small") == 1);
    // Every row inside the dataset's extent was written: the append that failed shrank it back.
    const auto losses = dd::load<std::vector<double>>(file_path, "/losses");
    CHECK(!losses.empty());
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < losses.size(); ++i) wrong += losses[i] != double(i);
    CHECK(wrong == 0);

    // Rows of 1.2 MB go to the file one chunk per write. Shrinking the extent after the failed write
    // through the dataset handle that made it dropped the chunk before it from the index (HDF5 1.10):
    // a row written and reported written read back as zeros.
    fs::remove(file_path);
    using big_row = std::array<double, 150000>;
    CHECK(full([&] {
            dd::file f(file_path, dd::mode::create);
            const auto row = std::make_unique<big_row>();
            try {
              for (int i = 1; i <= 8; ++i) {
                row->fill(i);
                f.append("/big", *row);
              }
              f.close();
            } catch (const dd::error& e) {
              return std::string(e.what()).find("appends.h5:/big") != std::string::npos ? 0 : 3;
            }
            return 3;
          }) == 0);
    const auto big = dd::load<std::vector<big_row>>(file_path, "/big");
    CHECK(big.size() >= 2);  // 4 MiB hold two rows or more
    for (std::size_t i = 0; i < big.size(); ++i)
      CHECK_MESSAGE(std::ranges::count(big[i], double(i + 1)) == std::ssize(big[i]), "row ", i);
    ::umount(dir.c_str());
  }
}

namespace {
// A raw HDF5 file with a chunked dataset of `elements` doubles that declares its size but holds no data.
void write_unbacked(const fs::path& path, hsize_t elements) {
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  const hsize_t chunk = std::min<hsize_t>(elements, 1 << 16);
  const hid_t space = H5Screate_simple(1, &elements, nullptr);
  const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(dcpl, 1, &chunk);
  const hid_t d = H5Dcreate2(file, "data", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  H5Dclose(d);
  H5Pclose(dcpl);
  H5Sclose(space);
  H5Fclose(file);
}
}  // namespace

TEST_CASE("a size the file declares but does not back is refused, naming max_bytes") {
  const auto bomb = scratch("bomb.h5");
  for (hsize_t elements : {hsize_t{1} << 28, hsize_t{1} << 31, hsize_t{1} << 40}) {
    write_unbacked(bomb, elements);
    const auto message = error_of([&] { (void)dd::load<std::vector<double>>(bomb, "/data"); });
    CHECK_CONTAINS(message, "bomb.h5:/data: the file declares");
    CHECK_CONTAINS(message, "load_options::max_bytes");
    CHECK_CONTAINS(error_of([&] { (void)dd::load<dd::ndarray<double>>(bomb, "/data"); }), "load_options::max_bytes");
  }
  write_unbacked(bomb, 1000);  // small: fill values, as HDF5 gives them
  CHECK(dd::load<std::vector<double>>(bomb, "/data") == std::vector<double>(1000, 0.0));
  // Data really in the file loads whatever the limit.
  const auto real = scratch("real-data.h5");
  dd::save(real, std::vector<double>(100000, 2.0));
  CHECK(dd::load<std::vector<double>>(real, "/data", {.max_bytes = 1024}).size() == 100000);
}

namespace {
void retitle(const fs::path& path, const char* group, const char* title) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t g = H5Gopen2(file, group, H5P_DEFAULT);
  H5Adelete(g, "TITLE");
  const hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, std::string(title).size());
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t a = H5Acreate2(g, "TITLE", t, space, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(a, t, title);
  H5Aclose(a);
  H5Sclose(space);
  H5Tclose(t);
  H5Gclose(g);
  H5Fclose(file);
}
struct Two {
  std::string a, b;
};
}  // namespace

TEST_CASE("a file that contradicts itself is an error naming both sides, never a partial value") {
  const auto path = scratch("contradiction.h5");
  dd::save(path, std::vector<Two>{{"x", "y"}, {"z", "w"}});
  retitle(path, "/data", "list:0");
  CHECK_CONTAINS(
      error_of([&] { (void)dd::load<std::vector<Two>>(path); }),
      "contradiction.h5:/data: the group titled list:0 has a member 'i0', which an empty list does not have");
  retitle(path, "/data", "list:3");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::vector<Two>>(path); }),
                 "the group titled list:3 holds 2 members, not 3");
  retitle(path, "/data", "list:1");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::vector<Two>>(path); }),
                 "has a member 'i1', which is not one of i0 .. i0");
  dd::save(path, std::tuple<int, int, int>{1, 2, 3});
  retitle(path, "/data", "tuple:2");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::tuple<int, int>>(path); }), "is not one of i0 .. i1");
}

namespace {
struct Node {
  std::string name;
  std::vector<Node> kids;
};
Node chain(int depth) {
  Node root{"0", {}};
  Node* at = &root;
  for (int i = 1; i < depth; ++i) at = &at->kids.emplace_back(Node{std::to_string(i), {}});
  return root;
}
int depth_of(const Node& n) { return n.kids.empty() ? 1 : 1 + depth_of(n.kids.front()); }
}  // namespace

TEST_CASE("one depth limit for saving and loading: what dd saves, dd loads") {
  // Each Node level is two nested values (the node, then its list of kids).
  const auto path = scratch("deep.h5");
  dd::save(path, chain(dd::max_nesting / 2 - 1));
  CHECK(depth_of(dd::load<Node>(path)) == dd::max_nesting / 2 - 1);
  const auto message = error_of([&] { dd::save(path, chain(dd::max_nesting)); });
  CHECK_CONTAINS(message, "nested more than 1000 levels deep (dd::max_nesting, the same for saving and loading)");
  CHECK(depth_of(dd::load<Node>(path)) == dd::max_nesting / 2 - 1);  // the failed save changed nothing
}

TEST_CASE("std::monostate is None, as deepdish writes it") {
  struct WithNone {
    std::monostate nothing;
    int x = 3;
  };
  const auto path = scratch("monostate.h5");
  dd::save(path, WithNone{});
  dd::file f(path);
  const auto entries = f.list("/");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].name == "nothing");
  CHECK(entries[0].type == "nonetype:");
  CHECK(!dd::load<std::optional<int>>(path, "/nothing").has_value());
  CHECK(dd::load<WithNone>(path).x == 3);
}

TEST_CASE("an external link to a missing file is named as such") {
  const auto path = scratch("external.h5");
  dd::save(path, std::map<std::string, int>{{"x", 1}});
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  H5Lcreate_external("nowhere.h5", "/thing", file, "ext", H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(file);
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::vector<int>>(path, "/ext"); }),
                 "external.h5:/ext: expected a dataset of int32 (*,), found an external link to nowhere.h5:/thing "
                 "whose file or object cannot be opened");
  CHECK_CONTAINS(error_of([&] { (void)dd::load<std::optional<int>>(path, "/ext"); }),
                 "an external link to nowhere.h5:/thing whose file or object cannot be opened");
}

TEST_CASE("untrusted loads: a file that crashes libhdf5 is a dd::error, other errors pass through") {
  const auto hostile = dd_test::test_data("hostile/vlen_heap_crash.h5");
  const auto message =
      error_of([&] { (void)dd::load<std::map<std::string, std::string>>(hostile, "/", {.untrusted = true}); });
  CHECK_CONTAINS(message, "vlen_heap_crash.h5:/: reading the file crashed libhdf5 (");  // SIGSEGV, or ASan's report
  // The same file without the option would take the process down: in a child, to see it (SIGSEGV, or
  // under AddressSanitizer its report and exit status 1).
  CHECK(in_child([&] {
          ::close(STDERR_FILENO);
          (void)dd::load<std::map<std::string, std::string>>(hostile, "/");
          return 0;
        }) == (dd_test::sanitized ? 1 : 128 + SIGSEGV));
  // A good file loads, and a dd::error found in the child comes back whole.
  const auto good = scratch("trusted.h5");
  dd::save(good, std::map<std::string, int>{{"a", 1}});
  CHECK(dd::load<std::map<std::string, int>>(good, "/", {.untrusted = true}).at("a") == 1);
  CHECK(error_of([&] { (void)dd::load<std::string>(good, "/a", {.untrusted = true}); }) ==
        good.string() + ":/a: expected string, found an attribute of int32");
  dd::file f(good, dd::load_options{.untrusted = true});
  CHECK(f.load<int>("/a", {.untrusted = true}) == 1);
  // A load that takes longer than the time limit is taken for a hang.
  const auto slow = scratch("slow.h5");
  dd::save(slow, std::vector<double>(1 << 22, 1.0));
  CHECK_CONTAINS(error_of([&] {
                   (void)dd::load<std::vector<double>>(
                       slow, "", {.untrusted = true, .untrusted_timeout = std::chrono::milliseconds(1)});
                 }),
                 "the file made libhdf5 hang: no result within 1 ms (load_options::untrusted_timeout)");
  CHECK_CONTAINS(error_of([&] {
                   dd::file opened(hostile, dd::load_options{.untrusted = true});
                   (void)opened.load<std::map<std::string, std::string>>("/", {.untrusted = true});
                 }),
                 "crashed libhdf5");
}

TEST_CASE("every hostile file (tests/data/hostile) is a dd::error under untrusted loads, never a crash") {
  // Some crash libhdf5 only where ASan sees their out-of-bounds reads; all must end as a dd::error.
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dd_test::test_data("hostile"))) {
    if (entry.path().extension() != ".h5") continue;
    ++files;
    try {  // a dd::error or (for a file whose damage HDF5 does not notice) a value; never a crash
      (void)dd::load<fuzz::Representative>(entry.path(),
                                           {.missing = dd::missing_members::keep_default, .untrusted = true});
    } catch (const dd::error& e) {
      CHECK_CONTAINS(std::string(e.what()), entry.path().filename().string() + ":/");
    }
  }
  CHECK(files >= 5);
}

TEST_CASE("one dd::file shared by threads") {
  const auto path = scratch("threads.h5");
  dd::file f(path, dd::mode::create);
  auto shared = f.appender<int>("/shared");  // one appender used by every thread
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&f, &shared, t] {
      const auto name = "/t" + std::to_string(t);
      for (int i = 0; i < 2000; ++i) {
        f.append(name + "/losses", double(i));
        shared.append(t * 2000 + i);
      }
      for (int i = 0; i < 20; ++i) f.save(name + "/state", std::vector<int>(100, i));
    });
  for (auto& t : threads) t.join();
  f.close();
  for (int t = 0; t < 4; ++t) {
    const auto name = "/t" + std::to_string(t);
    const auto losses = dd::load<std::vector<double>>(path, name + "/losses");
    REQUIRE(losses.size() == 2000);
    CHECK(losses[1999] == 1999.0);
    CHECK(dd::load<std::vector<int>>(path, name + "/state") == std::vector<int>(100, 19));
  }
  auto all = dd::load<std::vector<int>>(path, "/shared");  // every row once, whatever the interleaving
  std::sort(all.begin(), all.end());
  std::vector<int> expected(8000);
  std::iota(expected.begin(), expected.end(), 0);
  CHECK(all == expected);
}
