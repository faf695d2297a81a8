#pragma once
// Maps whose keys are not strings (int, double, enum, std::pair, structs, ...; std::map,
// std::unordered_map, std::multimap, ...): a group titled "map:N" with two children,
//   keys    the N keys, stored as a std::vector of them would be (numbers -> a 1-D dataset)
//   values  the N values, likewise (numbers -> a dataset, strings -> a string dataset, anything
//           else -> a list:N group)
// in matching order: ordered maps in their order, unordered maps with number keys sorted by key (so
// the same contents give the same file), others in iteration order. Python deepdish loads
// {'keys': ..., 'values': ...} (TITLE is bookkeeping for it); h5py users zip the two. The layout is the
// same for every key type, keeps key types exact (int64 keys come back as int64, not as str) and stays
// two datasets however large the map. deepdish itself would pickle such a dict.
// Loading also accepts a deepdish list of (key, value) tuples, and, for integer keys, a plain group
// whose member names are the keys ("1", "-7": what h5py users write by hand, and deepdish's dict with
// str keys).
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "classify.hpp"
#include "context.hpp"
#include "deepdish.hpp"
#include "list.hpp"
#include "node.hpp"
#include "sequence.hpp"
#include "set.hpp"
#include "string_range.hpp"

namespace dd::detail {

// Saves a view of N items as a std::vector<X> of them is stored, copying only where one HDF5 call
// needs contiguous memory (numbers, flat records).
template <class X, class View>
void save_as_vector(save_context& ctx, const h5::group& parent, std::string_view name, const View& items) {
  const auto scope = ctx.enter(name);
  if constexpr (dataset_element<X>)
    save_copied(ctx, parent, name, items);
  else if constexpr (string_block<X>::is_block)
    mapping<family::string_range>::save(ctx, parent, name, items);
  else
    save_list(ctx, parent, name, items);
}

// Loads what save_as_vector wrote (or any representation of a std::vector<X>).
template <class X>
void load_as_vector(load_context& ctx, const h5::group& parent, std::string_view name, std::vector<X>& out) {
  if (const auto group = parent.try_open_group(name); group && is_list(*group)) {
    const auto scope = ctx.enter(name);
    load_list(ctx, *group, out);
  } else {
    load_node(ctx, parent, name, out);
  }
}

// The keys or the values of a map's entries, seen through pointers to the entries: a forward range of
// references, no copies (std::views::transform would do, but costs every TU <ranges>, and clang 14
// cannot compile it with libstdc++ 12).
template <class Entry, auto Member>
class member_range {
 public:
  class iterator {
   public:
    using value_type = std::remove_cvref_t<decltype(std::declval<const Entry&>().*Member)>;
    using difference_type = std::ptrdiff_t;
    using reference = const value_type&;
    using iterator_category = std::forward_iterator_tag;
    iterator() = default;
    explicit iterator(const Entry* const* at) : at_(at) {}
    reference operator*() const { return (*at_)->*Member; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      auto before = *this;
      ++at_;
      return before;
    }
    bool operator==(const iterator&) const = default;

   private:
    const Entry* const* at_ = nullptr;
  };
  explicit member_range(const std::vector<const Entry*>& entries) : entries_(entries) {}
  iterator begin() const { return iterator(entries_.data()); }
  iterator end() const { return iterator(entries_.data() + entries_.size()); }
  std::size_t size() const { return entries_.size(); }

 private:
  const std::vector<const Entry*>& entries_;
};

template <>
struct mapping<family::keyed_map> {
  template <class M>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const M& map) {
    using key_type = typename M::key_type;
    using mapped_type = typename M::mapped_type;
    std::vector<const typename M::value_type*> entries;
    entries.reserve(map.size());
    for (const auto& entry : map) entries.push_back(&entry);
    if constexpr (unordered_container<M> && h5::number<key_type>)
      std::ranges::stable_sort(entries, nan_last_less, [](const auto* e) { return e->first; });

    const auto group = create_titled_group(ctx, parent, name, "map", entries.size(), 2);  // keys, values
    using entry = typename M::value_type;
    save_as_vector<key_type>(ctx, group, "keys", member_range<entry, &entry::first>(entries));
    save_as_vector<mapped_type>(ctx, group, "values", member_range<entry, &entry::second>(entries));
  }

  template <class M>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, M& map) {
    using key_type = typename M::key_type;
    using mapped_type = typename M::mapped_type;
    const auto group = parent.try_open_group(name);
    if (!group) fail_expected(ctx, parent, name, "a group titled map:N with keys and values");
    map.clear();
    if (has_member(*group, "keys") || has_member(*group, "values")) {
      std::vector<key_type> keys;
      std::vector<mapped_type> values;
      load_as_vector(ctx, *group, "keys", keys);
      load_as_vector(ctx, *group, "values", values);
      if (keys.size() != values.size())
        ctx.fail("found " + std::to_string(keys.size()) + " keys but " + std::to_string(values.size()) + " values");
      for (std::size_t i = 0; i < keys.size(); ++i) insert(ctx, map, std::move(keys[i]), std::move(values[i]));
    } else if (is_list(*group)) {  // a Python list of (key, value) tuples
      std::vector<std::pair<key_type, mapped_type>> pairs;
      load_list(ctx, *group, pairs);
      for (auto& [k, v] : pairs) insert(ctx, map, std::move(k), std::move(v));
    } else if constexpr (std::is_integral_v<key_type> && !std::is_same_v<key_type, bool>) {
      load_named_members(ctx, *group, map);
    } else if (has_user_members(*group)) {  // an empty dict loads as an empty map
      fail_expected(ctx, parent, name, "a group titled map:N with keys and values");
    }
  }

 private:
  static bool has_member(const h5::group& group, std::string_view name) {
    return group.has_link(name) || group.has_attribute(name);
  }

  static bool has_user_members(const h5::group& group) {
    if (!group.link_names().empty()) return true;
    return std::ranges::any_of(group.attribute_names(),
                               [](const std::string& a) { return !deepdish::is_bookkeeping(a); });
  }

  template <class M, class K, class V>
  static void insert(const load_context& ctx, M& map, K&& key, V&& value) {
    if constexpr (requires { map.emplace(std::move(key), std::move(value)).second; }) {
      if (!map.emplace(std::forward<K>(key), std::forward<V>(value)).second)
        ctx.fail("a key appears twice, but the map holds unique keys (a multimap keeps both)");
    } else {
      map.emplace(std::forward<K>(key), std::forward<V>(value));
    }
  }

  // Integer keys as member names: "3" -> 3. Bookkeeping attributes (TITLE, CLASS, ...) are skipped.
  template <class M>
  static void load_named_members(load_context& ctx, const h5::group& group, M& map) {
    auto load_one = [&](const std::string& member) {
      typename M::key_type key = typename M::key_type();
      const auto [end, ec] = std::from_chars(member.data(), member.data() + member.size(), key);
      if (ec != std::errc{} || end != member.data() + member.size())
        ctx.fail(
            "expected a group titled map:N with keys and values, or members named by integer keys; found a "
            "member named '" +
            member + "'");
      typename M::mapped_type value = typename M::mapped_type();
      load_node(ctx, group, member, value);
      insert(ctx, map, std::move(key), std::move(value));
    };
    for (const auto& member : group.link_names()) load_one(member);
    for (const auto& member : group.attribute_names())
      if (!deepdish::is_bookkeeping(member)) load_one(member);
  }
};

}  // namespace dd::detail
