#pragma once
// Structs whose members a library describes: Boost.Hana (BOOST_HANA_DEFINE_STRUCT,
// BOOST_HANA_ADAPT_STRUCT) and Boost.Describe (BOOST_DESCRIBE_STRUCT, BOOST_DESCRIBE_CLASS). This
// header only declares the two adaptors, switched off; reflect/hana.hpp and reflect/describe.hpp
// switch them on for the types those libraries describe. It includes no Boost header, so dd costs
// nothing to users without Boost.
//
// An enabled adaptor has
//   static constexpr std::array<std::string_view, N> names;     the members' names, in order
//   static void for_each_member(V& value, F f);                  f(name, member) for each member
// where V is the type, const or not.
namespace dd::reflect {

template <class T>
struct hana_adaptor {
  static constexpr bool enabled = false;
};

template <class T>
struct describe_adaptor {
  static constexpr bool enabled = false;
};

}  // namespace dd::reflect
