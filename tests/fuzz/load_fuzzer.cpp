// libFuzzer target: arbitrary bytes, written to a file, loaded into a representative nested type.
// By default as an untrusted load (load_options::untrusted): whatever the bytes, the process must
// get a dd::error or a value, never crash or hang; a crash here is a bug in dd (or in the checking
// child's protocol). DD_FUZZ_TRUSTED=1 loads in-process instead, to find the files that crash
// libhdf5 itself (they are what untrusted loads guard against; keep them in tests/data/hostile/).
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -Iinclude -I/usr/include/hdf5/serial \
//     tests/fuzz/load_fuzzer.cpp -L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5 -o load_fuzzer
//   ./load_fuzzer -max_len=65536 -timeout=30 corpus/     (tests/fuzz/run.sh does this)
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "representative.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/dd-fuzz-" + std::to_string(::getpid()) + ".h5";
  }();
  static const bool trusted = std::getenv("DD_FUZZ_TRUSTED") != nullptr;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const dd::load_options options{.missing = dd::missing_members::keep_default,
                                 .untrusted = !trusted,
                                 .untrusted_timeout = std::chrono::seconds(10)};
  try {
    (void)dd::load<fuzz::Representative>(path, options);
  } catch (const dd::error&) {}
  return 0;
}
