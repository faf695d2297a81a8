#pragma once
// STUB (being written): std::optional: empty is deepdish None.
#include <string_view>

#include "context.hpp"

namespace dd::detail {

template <class T>
concept optional_like = false;

struct optional_codec {
  template <class T>
  static void save(save_context&, const h5::group&, std::string_view, const T&) {}
  template <class T>
  static void load(load_context&, const h5::group&, std::string_view, T&) {}
};

}  // namespace dd::detail
