#pragma once
// STUB (being written): dd::codec<T> specializations: the user customization point.
#include <string_view>

#include "context.hpp"

namespace dd::detail {

template <class T>
concept has_custom_codec = false;

struct custom_codec {
  template <class T>
  static void save(save_context&, const h5::group&, std::string_view, const T&) {}
  template <class T>
  static void load(load_context&, const h5::group&, std::string_view, T&) {}
};

}  // namespace dd::detail
