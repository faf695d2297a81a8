#pragma once
// Maps with string keys (std::map, std::unordered_map): a group with one member per key, each stored
// by its value's rule — numbers and strings as attributes, the rest as children. Python deepdish loads
// it as a dict. Loading reads every child and every attribute except deepdish/PyTables bookkeeping.
#include <string>
#include <string_view>
#include <type_traits>

#include "classify.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "group_mapping.hpp"
#include "node.hpp"

namespace dd::detail {

template <>
struct mapping<family::string_map> : group_mapping<mapping<family::string_map>> {
  static constexpr const char* expected_group = "a group (map)";

  template <class M>
  static std::size_t member_count(const M& map) {
    return map.size();
  }
  template <class M>
  static void save_members(save_context& ctx, const h5::group& group, const M& map) {
    for (const auto& [key, value] : map) {
      check_key(ctx, key);
      save_node(ctx, group, key, value);
    }
  }
  template <class M>
  static void load_members(load_context& ctx, const h5::group& group, M& map) {
    map.clear();
    auto load_one = [&](const std::string& key) {
      typename M::mapped_type value = typename M::mapped_type();
      load_node(ctx, group, key, value);
      map.emplace(key, std::move(value));
    };
    for (const auto& key : group.link_names()) load_one(key);
    for (const auto& key : group.attribute_names())
      if (!deepdish::is_bookkeeping(key)) load_one(key);
  }

 private:
  // Keys become HDF5 names as they are. Those HDF5 or deepdish cannot hold are refused, never mangled.
  static void check_key(const save_context& ctx, const std::string& key) {
    if (const char* problem = deepdish::name_problem(key)) ctx.fail("map key '" + key + "' " + problem);
  }
};

}  // namespace dd::detail
