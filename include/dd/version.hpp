#pragma once
// dd's version, and the language check every public header makes first: dd needs C++20, and an older
// -std stops here with one error instead of hundreds from the headers that follow (each public header
// skips its body when DD_UNSUPPORTED_STANDARD is defined). tests/meson.build checks that these numbers
// equal meson.build's version.
#if !defined(__cplusplus) || __cplusplus < 202002L
#error "dd needs C++20: compile with -std=c++20 (or -std=gnu++20, or later)"
#define DD_UNSUPPORTED_STANDARD 1
#endif

#define DD_VERSION_MAJOR 0
#define DD_VERSION_MINOR 1
#define DD_VERSION_PATCH 0
#define DD_VERSION_STRING "0.1.0"
// One number that orders versions: 10000 * major + 100 * minor + patch.
#define DD_VERSION (DD_VERSION_MAJOR * 10000 + DD_VERSION_MINOR * 100 + DD_VERSION_PATCH)
