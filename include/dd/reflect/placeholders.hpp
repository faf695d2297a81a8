#pragma once
// Placeholder initializers for probing `T{...}` in unevaluated contexts (requires-expressions).

#include <cstddef>
#include <type_traits>

namespace dd::reflect::detail {

// Declared, never defined: if a placeholder conversion ever ran, the link would fail naming this.
void dd_reflect_placeholder_converted_at_run_time();

// Produces a prvalue of U without copying or moving it, so move-only and immovable fields accept
// it. Defined (not just declared) because g++ warns about used-but-undefined templates.
template <class U>
U placeholder_value() {
  dd_reflect_placeholder_converted_at_run_time();
  U (*never_called)() = nullptr;
  return never_called();
}

// Converts to any field type. Excluding T itself keeps `T(placeholder)` from choosing T's copy
// or move constructor instead of aggregate initialization.
template <class T>
struct any_field {
  template <class U>
  requires(!std::is_same_v<U, T>) operator U() const { return placeholder_value<U>(); }
};

// Converts only to lvalues, so it fits a non-const lvalue reference member, which neither `{}` nor
// any_field can initialize (it may still be counted past, thanks to a default member initializer).
template <class T>
struct any_lvalue {
  template <class U>
  requires(!std::is_same_v<U, T>) operator U&() const { return placeholder_value<U&>(); }
};

// Converts only to proper base classes of T: `T{base_only<T>{}, ...}` compiles only if T's first
// element is a base class subobject.
template <class T>
struct base_only {
  template <class U>
  requires(std::is_base_of_v<U, T> && !std::is_same_v<U, T>) operator U() const { return placeholder_value<U>(); }
};

// Repeats X once per index of a pack: `repeat<I, X>{}...`.
template <std::size_t, class X>
using repeat = X;

}  // namespace dd::reflect::detail
