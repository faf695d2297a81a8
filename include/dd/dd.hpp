#pragma once
// dd — deepdish for C++: save any C++ value to native HDF5 with one call, load it back with one call.
//   dd::save("run.h5", cfg);
//   auto cfg = dd::load<Config>("run.h5");
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include "array_traits.hpp"
#include "compressed.hpp"
#include "customize.hpp"
#include "error.hpp"
#include "file.hpp"
#include "load.hpp"
#include "ndarray.hpp"
#include "options.hpp"
#include "pickled.hpp"
#include "save.hpp"
#include "selection.hpp"

#endif  // DD_UNSUPPORTED_STANDARD
