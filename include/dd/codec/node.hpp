#pragma once
// The two entry points every mapping uses to save or load a part of its value. A mapping writes a
// value *named `name` inside `parent`* (scalars become attributes of parent, everything else a child
// link) and reads it back from there. Defined in dispatch.hpp, after all families are known.
#include <string_view>

#include "../h5/group.hpp"
#include "context.hpp"

namespace dd::detail {

template <class T>
void save_node(save_context& ctx, const h5::group& parent, std::string_view name, const T& value);

template <class T>
void load_node(load_context& ctx, const h5::group& parent, std::string_view name, T& value);

// The same without adding `name` to the error path again: for wrappers (optional, pointers, proxies)
// whose inner value is stored under the wrapper's own name.
template <class T>
void save_inner(save_context& ctx, const h5::group& parent, std::string_view name, const T& value);

template <class T>
void load_inner(load_context& ctx, const h5::group& parent, std::string_view name, T& value);

}  // namespace dd::detail
