#pragma once
// dd::compressed<T>: one member (or any value) saved with its own filters, whatever the save options
// say — a big array compressed while the rest of the struct stays plain, or the other way round:
//
//   struct Run {
//     std::string name;
//     dd::compressed<std::vector<float>> weights{.value = w, .with = dd::blosc(dd::blosc_codec::zstd, 5)};
//   };
//
// Every array and table inside `value` is compressed with `with` at any size (threshold 0); `with =
// {}` (filter::none) keeps the subtree contiguous even when the save options compress. The file holds
// `value` exactly as if it were unwrapped, so deepdish and h5py see the plain value, and loading reads
// whatever is there (compressed or not) into `value`; `with` is left as it was.
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <concepts>
#include <utility>

#include "options.hpp"

namespace dd {

template <class T>
struct compressed {
  T value = T();
  dd::compression with = dd::deflate(4);

  T& operator*() noexcept { return value; }
  const T& operator*() const noexcept { return value; }
  T* operator->() noexcept { return &value; }
  const T* operator->() const noexcept { return &value; }

  // Equal values are equal however they are to be compressed.
  friend bool operator==(const compressed& a, const compressed& b) requires std::equality_comparable<T> {
    return a.value == b.value;
  }
};

template <class T>
compressed(T, compression) -> compressed<T>;

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
