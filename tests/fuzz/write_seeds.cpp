// Writes the fuzzer's dd-made seeds (tests/fuzz/corpus/): the representative value in dd's format,
// plain and compressed with checksums. Rerun after a format change:
//   g++ -std=c++20 -Iinclude -I/usr/include/hdf5/serial tests/fuzz/write_seeds.cpp -lhdf5_serial -o /tmp/w
//   /tmp/w tests/fuzz/corpus
#include <filesystem>

#include "representative.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : ".";
  dd::save(dir / "dd_representative.h5", fuzz::sample());
  dd::save(dir / "dd_checksummed.h5", fuzz::sample(),
           {.compression = dd::deflate(4), .compression_threshold = 0, .checksum = true});
}
