#pragma once
// Structs described by Boost.Hana or Boost.Describe: stored like aggregates (a group with one member
// per field, by each field's own rule; Python deepdish loads a dict), but with the members and names
// the library gives. That covers classes with private members (Describe), non-aggregates (both) and
// aggregates whose members should be named or chosen differently (Hana's names win over reflection).
//
// Compile time: dd includes no Boost header by itself. The adaptors are switched on when the user
// already included Boost.Hana's or Boost.Describe's struct macros before dd (detected by the macros),
// or by including <dd/reflect/hana.hpp> / <dd/reflect/describe.hpp> anywhere before the first save or
// load of such a type. A type both libraries describe uses Hana's description.
#include <string_view>
#include <type_traits>

#include "../reflect/adaptor.hpp"
#include "context.hpp"
#include "group_codec.hpp"
#include "deepdish.hpp"
#include "node.hpp"
#include "structure.hpp"

#if defined(BOOST_HANA_DEFINE_STRUCT) || defined(BOOST_HANA_ADAPT_STRUCT) || defined(BOOST_HANA_ADAPT_ADT)
#include "../reflect/hana.hpp"
#endif
#if defined(BOOST_DESCRIBE_STRUCT) || defined(BOOST_DESCRIBE_CLASS)
#include "../reflect/describe.hpp"
#endif

namespace dd::detail {

template <class T>
concept adapted_struct = reflect::hana_adaptor<T>::enabled || reflect::describe_adaptor<T>::enabled;

template <class T>
using adaptor_of = std::conditional_t<reflect::hana_adaptor<T>::enabled, reflect::hana_adaptor<T>,
                                      reflect::describe_adaptor<T>>;

template <class T>
consteval bool member_names_storable() {
  for (auto name : adaptor_of<T>::names)
    if (deepdish::name_problem(name)) return false;
  return true;
}

struct adapted_codec : group_codec<adapted_codec> {
  static constexpr const char* expected_group = "a group (struct)";

  template <class T>
  static void save_members(save_context& ctx, const h5::group& group, const T& value) {
    static_assert(member_names_storable<T>(),
                  "dd: a member name of this Hana/Describe struct cannot be stored (empty, contains '/', or reserved "
                  "by deepdish/PyTables: TITLE, CLASS, VERSION, FLAVOR, DEEPDISH_IO..., _c_/_f_/_g_/_v_ prefixes, "
                  "__members__); rename it in the adaptation macro");
    adaptor_of<T>::for_each_member(
        value, [&](std::string_view name, const auto& member) { save_field(ctx, group, name, member); });
  }
  template <class T>
  static void load_members(load_context& ctx, const h5::group& group, T& value) {
    adaptor_of<T>::for_each_member(value, [&](std::string_view name, auto&& member) {
      static_assert(std::is_lvalue_reference_v<decltype(member)> &&
                        !std::is_const_v<std::remove_reference_t<decltype(member)>>,
                    "dd: this member cannot be loaded: it is const, or a BOOST_HANA_ADAPT_ADT getter (which returns "
                    "a copy); make it a plain non-const member or specialize dd::codec<T>");
      load_field(ctx, group, name, member);
    });
    check_unknown_members(ctx, group, adaptor_of<T>::names);
  }

};

}  // namespace dd::detail
