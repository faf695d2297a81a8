#pragma once
// The dd::compressed<T> family: the wrapped value stored under the wrapper's own name, as if it were
// unwrapped, with the wrapper's filters in force for the whole subtree (codec/compression.hpp).
#include <string_view>
#include <type_traits>

#include "../compressed.hpp"
#include "classify.hpp"
#include "compression.hpp"
#include "context.hpp"
#include "node.hpp"

namespace dd::detail {

template <>
struct mapping<family::compressed> {
  template <class W>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const W& wrapper) {
    const compression_scope scope(ctx, wrapper.with);
    save_inner(ctx, parent, name, wrapper.value);
  }

  template <class W>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, W& wrapper) {
    load_inner(ctx, parent, name, wrapper.value);
  }
};

}  // namespace dd::detail
