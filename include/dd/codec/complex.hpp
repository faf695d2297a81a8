#pragma once
// std::complex<float / double / long double>: a compound {r, i} of two little-endian floats, the
// layout h5py, PyTables and deepdish use for numpy's complex64 / complex128 / complex256. One value
// is a scalar attribute of the parent; ranges of complex numbers (std::vector, std::array, nested
// std::array, C arrays) are N-D datasets of that compound, as ranges of numbers (a complex number
// is a leaf of traits.hpp's blocks).
// Loading accepts compounds {r, i} or {real, imag} whose members are floats or integers of any width
// (each part follows the number rules of number.hpp: widening always, narrowing while in range), a
// plain real number (imaginary part 0), and deepdish's list form for ranges.
#include <array>
#include <complex>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../h5/complex.hpp"
#include "../h5/type.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "number.hpp"

namespace dd::detail {

namespace complex_detail {

// Reads the two members of a complex compound in the file as type P (which holds every value of
// both members), in the file's own member names, into a buffer of std::complex<P>.
template <class P>
std::vector<std::complex<P>> read_wide(const h5::data& src, const h5::complex_names& names, std::size_t n) {
  std::vector<std::complex<P>> wide(n);
  const auto type = h5::complex_type(h5::memory_type<P>(), sizeof(P), names);
  src.read(type.id(), wide.data());
  return wide;
}

template <class F, class P>
void narrow(const load_context& ctx, const std::vector<std::complex<P>>& wide, const std::string& found,
            std::complex<F>* out) {
  const std::size_t n = wide.size();
  for (std::size_t k = 0; k < n; ++k) {
    const P parts[2] = {wide[k].real(), wide[k].imag()};
    for (P part : parts)
      if (!fits<F>(part) && !ctx.options.allow_lossy_conversions)
        ctx.fail("value " + number_to_string(part) + (n > 1 ? " at index " + std::to_string(k) : "") +
                 " does not fit " + h5::type_name<std::complex<F>>() + " (found " + found +
                 "; load_options::allow_lossy_conversions converts anyway)");
    out[k] = {clamp_to<F>(parts[0]), clamp_to<F>(parts[1])};
  }
}

}  // namespace complex_detail

template <class F>
void read_complex(const load_context& ctx, const h5::data& src, std::complex<F>* out, std::size_t n) {
  using h5::type_kind;
  const auto from = src.info();
  const auto found = h5::to_string(from);
  const auto expected = h5::type_name<std::complex<F>>();
  if (from.kind == type_kind::signed_integer || from.kind == type_kind::unsigned_integer ||
      from.kind == type_kind::floating) {  // a real number: the imaginary part is 0
    std::vector<F> real(n);
    read_numbers(ctx, src, real.data(), n);
    for (std::size_t k = 0; k < n; ++k) out[k] = {real[k], F{}};
    return;
  }
  const hid_t file_type = src.type_id();
  const auto* names = h5::complex_spelling(file_type);
  if (!names) ctx.fail("expected " + expected + ", found " + found);

  const auto r = h5::member_info(file_type, 0), i = h5::member_info(file_type, 1);
  if (always_preserved<F>(r) && always_preserved<F>(i)) {  // HDF5 converts member by member, by name
    const auto type = h5::complex_type(h5::memory_type<F>(), sizeof(F), *names);
    return src.read(type.id(), out);
  }
  const auto wider_than_double = [](const h5::type_info& part) {
    return part.kind == type_kind::floating && part.size > sizeof(double);
  };
  if (wider_than_double(r) || wider_than_double(i))  // long double parts: overflow must be seen, not made inf
    return complex_detail::narrow(ctx, complex_detail::read_wide<long double>(src, *names, n), found, out);
  complex_detail::narrow(ctx, complex_detail::read_wide<double>(src, *names, n), found, out);
}

// One complex number is stored and read exactly like a number (an attribute, read_numbers above).
template <>
struct mapping<family::complex> : mapping<family::number> {};

}  // namespace dd::detail
