// The headers every test TU of dd_tests includes, parsed once per build (cpp_pch, tests/meson.build).
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <dd/dd.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>
