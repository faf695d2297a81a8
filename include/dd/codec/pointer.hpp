#pragma once
// STUB (being written): unique_ptr / shared_ptr, shared objects as soft links.
#include <string_view>

#include "context.hpp"

namespace dd::detail {

template <class T>
concept pointer_like = false;

struct pointer_codec {
  template <class T>
  static void save(save_context&, const h5::group&, std::string_view, const T&) {}
  template <class T>
  static void load(load_context&, const h5::group&, std::string_view, T&) {}
};

}  // namespace dd::detail
