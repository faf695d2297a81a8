#pragma once
// Helpers shared by the tests: a fresh scratch directory per test binary, file comparison, and the
// message of the dd::error an expression throws.
#include <doctest/doctest.h>

#include <unistd.h>
#include <cstdlib>
#include <dd/dd.hpp>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace dd_test {

// AddressSanitizer reports (and exits 1) where a plain build crashes.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool sanitized = true;
#elif defined(__has_feature)
inline constexpr bool sanitized = __has_feature(address_sanitizer);
#else
inline constexpr bool sanitized = false;
#endif

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

// A file under tests/data (DD_TEST_DATA).
inline std::filesystem::path test_data(const std::string& name) {
  const char* dir = std::getenv("DD_TEST_DATA");
  return std::filesystem::path(dir ? dir : "tests/data") / name;
}

// Saves value to a scratch file and loads it back as a T.
template <class T>
T round_trip(const T& value, const std::string& name) {
  const auto file = scratch(name + ".h5");
  dd::save(file, value);
  return dd::load<T>(file);
}

// The message of the dd::error that f throws; fails the test if f throws nothing or something else.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const dd::error& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL("expected dd::error, got another exception: " << e.what());
  }
  FAIL("expected dd::error, nothing was thrown");
  return {};
}

}  // namespace dd_test

// text is evaluated once (it is often an error_of(...) call).
#define CHECK_CONTAINS(text, part)                                                                          \
  do {                                                                                                      \
    const std::string dd_checked_text = (text);                                                             \
    CHECK_MESSAGE(dd_checked_text.find(part) != std::string::npos, dd_checked_text << " lacks " << (part)); \
  } while (false)
