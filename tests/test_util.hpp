#pragma once
// Helpers shared by the tests: a fresh scratch directory per test binary, and file comparison.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace dd_test {

inline std::filesystem::path scratch(const std::string& name) {
  static const auto dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("dd-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir / name;
}

inline std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::filesystem::path fixture(const std::string& name) {
  const char* dir = std::getenv("DD_FIXTURES");
  return std::filesystem::path(dir ? dir : "tests/data/deepdish") / name;
}

}  // namespace dd_test
