#pragma once
// std::complex<F> as HDF5 sees it: a compound {r, i} of two F, the layout h5py, PyTables and deepdish
// write for numpy's complex64 / complex128 / complex256. In memory the members sit where
// std::complex keeps them (real part first, [complex.numbers] guarantees the array layout); in the
// file they are little-endian and packed.
#include <hdf5.h>

#include <complex>
#include <cstddef>
#include <string>
#include <type_traits>

#include "handle.hpp"
#include "type.hpp"

namespace dd::h5 {

// A compound of two `part` numbers named as `names` says, the imaginary part at byte `imag_offset`.
inline handle complex_type(hid_t part, std::size_t imag_offset, const complex_names& names = complex_spellings[0]) {
  handle t(H5Tcreate(H5T_COMPOUND, 2 * imag_offset), "create complex type");
  check(H5Tinsert(t.id(), names.real, 0, part), "insert complex member");
  check(H5Tinsert(t.id(), names.imag, imag_offset, part), "insert complex member");
  return t;
}

template <class F>
requires std::is_floating_point_v<F>
struct datatype<std::complex<F>> {
  static_assert(sizeof(std::complex<F>) == 2 * sizeof(F), "dd: std::complex with padding cannot be stored");
  static hid_t memory() {
    return made_per_call([] { return complex_type(memory_type<F>(), sizeof(F)); });
  }
  static hid_t file() {
    return made_per_call([] { return complex_type(file_type<F>(), H5Tget_size(file_type<F>())); });
  }
  // numpy's name: complex64, complex128, complex256 (two long doubles on x86-64)
  static std::string name() { return "complex" + std::to_string(sizeof(std::complex<F>) * 8); }
};

}  // namespace dd::h5
