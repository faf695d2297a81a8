#pragma once
// Structs described by Boost.Hana or Boost.Describe: stored like aggregates (a group with one member
// per field, by each field's own rule; Python deepdish loads a dict), but with the members and names
// the library gives. That covers classes with private members (Describe), non-aggregates (both) and
// aggregates whose members should be named or chosen differently (Hana's names win over reflection).
// A type both libraries describe uses Hana's description. When the adaptors are switched on (wherever
// Boost's headers exist, whatever the include order): classify.hpp.
#include <string_view>
#include <type_traits>

#include "classify.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "group_mapping.hpp"
#include "structure.hpp"

namespace dd::detail {

template <>
struct mapping<family::adapted> : group_mapping<mapping<family::adapted>> {
  static constexpr const char* expected_group = "a group (struct)";

  template <class T>
  static std::size_t member_count(const T&) {
    return adaptor_of<T>::names.size();
  }
  template <class T>
  static void save_members(save_context& ctx, const h5::group& group, const T& value) {
    static_assert(storable_names(adaptor_of<T>::names),
                  "dd: a member name of this Hana/Describe struct cannot be stored (empty, contains '/', or reserved "
                  "by deepdish/PyTables: TITLE, CLASS, VERSION, FLAVOR, DEEPDISH_IO..., _c_/_f_/_g_/_v_ prefixes, "
                  "__members__); rename it in the adaptation macro");
    adaptor_of<T>::for_each_member(
        value, [&](std::string_view name, const auto& member) { save_field(ctx, group, name, member); });
  }
  template <class T>
  static void load_members(load_context& ctx, const h5::group& group, T& value) {
    adaptor_of<T>::for_each_member(value, [&](std::string_view name, auto&& member) {
      static_assert(
          std::is_lvalue_reference_v<decltype(member)> && !std::is_const_v<std::remove_reference_t<decltype(member)>>,
          "dd: this member cannot be loaded: it is const, or a BOOST_HANA_ADAPT_ADT getter (which returns "
          "a copy); make it a plain non-const member or specialize dd::codec<T>");
      load_field(ctx, group, name, member);
    });
    check_unknown_members(ctx, group, adaptor_of<T>::names);
  }
};

}  // namespace dd::detail
