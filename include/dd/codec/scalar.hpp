#pragma once
// Numbers and bool: a scalar attribute of the parent group, little-endian, at the C++ type's width
// (bool as PyTables' B8 bitfield). Loading also accepts a scalar or one-element dataset (h5py style).
// Character types are numbers here, integers of their width and signedness, so std::vector<char> is
// a byte dataset (strings are std::string); std::byte is uint8. long double keeps its full width
// (numpy longdouble, float128 on x86-64) and round-trips exactly.
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "../h5/type.hpp"
#include "context.hpp"
#include "number.hpp"

namespace dd::detail {

template <class T>
concept character = std::is_same_v<T, char> || std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> ||
                    std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

template <class T>
concept scalar = std::is_arithmetic_v<T> || std::is_same_v<T, std::byte>;

struct scalar_codec {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    parent.write_attribute(name, h5::file_type<T>(), h5::memory_type<T>(), &value, ctx.lists);
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    const auto src = find_data(parent, name, true);
    if (!src) fail_expected(ctx, parent, name, h5::type_name<T>());
    const auto ext = src->extent();
    if (ext.null || ext.elements() != 1)
      ctx.fail("expected one " + h5::type_name<T>() + ", found " + h5::to_string(src->info()) + " of shape " +
               h5::to_string(ext));
    read_numbers(ctx, *src, &value, 1);
  }
};

}  // namespace dd::detail
