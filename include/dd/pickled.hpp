#pragma once
// dd::pickled: the bytes of a node deepdish pickled (a Python value it cannot store natively, such
// as a dict with int keys). dd cannot unpickle, but it can carry the bytes: load them, hand them to
// Python, or save them back where deepdish.io.load unpickles them again.
//   auto p = dd::load<dd::pickled>("from_python.h5", "/intkeys");   // p.bytes: pickle protocol 5
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <cstddef>
#include <vector>

namespace dd {

struct pickled {
  std::vector<std::byte> bytes;
  bool operator==(const pickled&) const = default;
};

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
