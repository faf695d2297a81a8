#pragma once
// Boost.Hana structs (BOOST_HANA_DEFINE_STRUCT, BOOST_HANA_ADAPT_STRUCT, BOOST_HANA_ADAPT_ADT, or a
// hand-written hana::accessors_impl): their members, named as Hana names them. dd includes it itself
// wherever Boost.Hana is installed (codec/classify.hpp), so the include order does not matter.
#include "../version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/unpack.hpp>

#include <array>
#include <string_view>

#include "adaptor.hpp"

namespace dd::reflect {

template <class T>
requires(boost::hana::Struct<T>::value) struct hana_adaptor<T> {
  static constexpr bool enabled = true;

  static constexpr auto names = boost::hana::unpack(boost::hana::accessors<T>(), [](auto... members) {
    return std::array<std::string_view, sizeof...(members)>{
        std::string_view(boost::hana::to<char const*>(boost::hana::first(members)))...};
  });

  template <class V, class F>
  static void for_each_member(V& value, F&& f) {
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto member) {
      f(std::string_view(boost::hana::to<char const*>(boost::hana::first(member))), boost::hana::second(member)(value));
    });
  }
};

}  // namespace dd::reflect

#endif  // DD_UNSUPPORTED_STANDARD
