#pragma once
// Counts the direct elements (fields, and base classes if any) of an aggregate T by asking which
// initializer lists `T{...}` accepts. The checks that turn a count into field_count live in
// field_count.hpp.

#include <cstddef>
#include <utility>

#include <dd/reflect/bindings.hpp>
#include <dd/reflect/braces.hpp>
#include <dd/reflect/placeholders.hpp>

namespace dd::reflect::detail {

static_assert(largest_brace_probe == max_field_count + 1,
              "dd: braces.hpp and bindings.hpp were generated with different ceilings; rerun tools/gen_bindings.py");

inline constexpr std::size_t no_count = static_cast<std::size_t>(-1);

template <class T, class... Tail, std::size_t... I>
consteval bool accepts_any_fields(std::index_sequence<I...>) {
  return requires { T{repeat<I, any_field<T>>{}..., Tail{}...}; };
}

// A probe family answers fits<K>(): does T accept K initializers of its kind?
template <class T>
struct brace_probe {
  template <std::size_t K>
  static consteval bool fits() {
    return braces<K>::template fit<T>;
  }
};
template <class T>
struct any_field_probe {
  template <std::size_t K>
  static consteval bool fits() {
    return accepts_any_fields<T>(std::make_index_sequence<K>{});
  }
};

// Binary search for the largest K in [Lo, Hi] with fits<K>(), given that fits<Lo>() holds and
// that fits stays true up to the answer and false after it.
template <class Probe, std::size_t Lo, std::size_t Hi>
consteval std::size_t last_fit() {
  if constexpr (Lo == Hi) {
    return Lo;
  } else {
    constexpr std::size_t mid = Lo + (Hi - Lo + 1) / 2;
    if constexpr (Probe::template fits<mid>())
      return last_fit<Probe, mid, Hi>();
    else
      return last_fit<Probe, Lo, mid - 1>();
  }
}

// Linear search for the smallest K >= From with fits<K>(), or no_count.
template <class Probe, std::size_t From>
consteval std::size_t first_fit() {
  if constexpr (From > largest_brace_probe)
    return no_count;
  else if constexpr (Probe::template fits<From>())
    return From;
  else
    return first_fit<Probe, From + 1>();
}

// When every element takes `{}`, `T{ {} x K }` is valid exactly for K <= count: O(log) probes, and a
// C-array field counts once. A field with a default member initializer but no usable `{}` (say
// `NoDefault x = NoDefault(1);`) stops the braces early; that shows as a further any_field fitting.
template <class T>
consteval std::size_t count_by_braces() {
  if constexpr (!braces<0>::template fit<T>) {
    return no_count;
  } else {
    constexpr std::size_t n = last_fit<brace_probe<T>, 0, largest_brace_probe>();
    if constexpr (braces<n>::template fit<T, any_field<T>>)
      return no_count;
    else
      return n;
  }
}

// Otherwise `T{any x K}` is valid for K in [first, count] only: fields from `first` on are the ones
// that may be left out. Scan up to `first` (PFR #11: bisecting from 0 is wrong here), then bisect.
// any_field is brace-elided into a C array, which then counts once per element.
template <class T>
consteval std::size_t count_by_any_field() {
  constexpr std::size_t first = first_fit<any_field_probe<T>, 0>();
  if constexpr (first == no_count)
    return no_count;
  else
    return last_fit<any_field_probe<T>, first, largest_brace_probe>();
}

struct element_count {
  std::size_t elements;  // no_count: T accepts no list of placeholders up to the ceiling + 1
  bool by_braces;        // false: counted with any_field, so a C array was counted per element
};

// A non-const lvalue reference member with a default member initializer stops both counts early:
// it can be left out but takes neither `{}` nor any_field. Only an lvalue fits after the count then.
template <class T, element_count Counted>
consteval bool stopped_at_reference_member() {
  if constexpr (Counted.by_braces)
    return braces<Counted.elements>::template fit<T, any_lvalue<T>>;
  else
    return accepts_any_fields<T, any_lvalue<T>>(std::make_index_sequence<Counted.elements>{});
}

template <class T>
consteval element_count count_elements() {
  constexpr std::size_t by_braces = count_by_braces<T>();
  if constexpr (by_braces != no_count)
    return {by_braces, true};
  else
    return {count_by_any_field<T>(), false};
}

}  // namespace dd::reflect::detail
