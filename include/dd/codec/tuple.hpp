#pragma once
// STUB (being written): std::tuple / std::pair as tuple:N groups.
#include <string_view>

#include "context.hpp"

namespace dd::detail {

template <class T>
concept tuple_like = false;

struct tuple_codec {
  template <class T>
  static void save(save_context&, const h5::group&, std::string_view, const T&) {}
  template <class T>
  static void load(load_context&, const h5::group&, std::string_view, T&) {}
};

}  // namespace dd::detail
