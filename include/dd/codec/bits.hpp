#pragma once
// std::vector<bool> and std::bitset<N>: a 1-D dataset of H5T_STD_B8LE, one byte 0/1 per bit, as
// PyTables writes numpy bool arrays (deepdish and h5py load a numpy bool array). Bit i of a bitset
// is element i (bitset::to_string prints the reverse). Neither type can hand out its bits as
// contiguous bools, so they pass through a byte buffer: one HDF5 call either way.
// Loading accepts B8 bitfields, h5py's enum bool and integer datasets holding 0/1, and a deepdish
// list of bools.
#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "classify.hpp"
#include "context.hpp"
#include "number_range.hpp"
#include "sequence.hpp"

namespace dd::detail {

template <>
struct mapping<family::bits> {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& bits) {
    staging<bool> buffer(bits.size());
    for (std::size_t i = 0; i < bits.size(); ++i) buffer.data()[i] = bits[i];
    mapping<family::number_range>::save(ctx, parent, name, buffer);
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& bits) {
    const auto buffer = load_copied<bool>(ctx, parent, name);
    if constexpr (is_bitset<T>) {
      if (buffer.size() != bits.size())
        ctx.fail("expected " + std::to_string(bits.size()) + " bools, found " + std::to_string(buffer.size()));
      for (std::size_t i = 0; i < bits.size(); ++i) bits[i] = buffer.data()[i];
    } else {
      bits.assign(buffer.begin(), buffer.end());
    }
  }
};

}  // namespace dd::detail
