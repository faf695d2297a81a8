#pragma once
// Boost.Describe structs and classes (BOOST_DESCRIBE_STRUCT, BOOST_DESCRIBE_CLASS): their non-static
// data members of any access (Describe hands out member pointers formed inside the class), including
// those of described bases, in declaration order. dd includes it itself wherever Boost.Describe is
// installed (codec/classify.hpp), so the include order does not matter.
#include "../version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <string_view>

#include "adaptor.hpp"

namespace dd::reflect {

template <class T>
requires(boost::describe::has_describe_members<T>::value) struct describe_adaptor<T> {
  static constexpr bool enabled = true;
  using members =
      boost::describe::describe_members<T, boost::describe::mod_any_access | boost::describe::mod_inherited>;

  static constexpr auto names = []<template <class...> class L, class... D>(L<D...>*) {
    return std::array<std::string_view, sizeof...(D)>{std::string_view(D::name)...};
  }(static_cast<members*>(nullptr));

  template <class V, class F>
  static void for_each_member(V& value, F&& f) {
    boost::mp11::mp_for_each<members>([&](auto member) { f(std::string_view(member.name), value.*member.pointer); });
  }
};

}  // namespace dd::reflect

#endif  // DD_UNSUPPORTED_STANDARD
