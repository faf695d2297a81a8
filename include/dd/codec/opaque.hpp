#pragma once
// STUB (being written): opt-in opaque bytes, the last resort.
#include <string_view>

#include "context.hpp"

namespace dd::detail {

template <class T>
concept opaque_bytes = false;

struct opaque_codec {
  template <class T>
  static void save(save_context&, const h5::group&, std::string_view, const T&) {}
  template <class T>
  static void load(load_context&, const h5::group&, std::string_view, T&) {}
};

}  // namespace dd::detail
