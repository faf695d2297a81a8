#pragma once
// std::variant<A, B, ...>: the active alternative is stored exactly as that alternative would be
// (std::monostate as deepdish's None, a "nonetype:" group), so Python deepdish and h5py see the plain
// value. Which alternative it was is a tag beside it: the parent group gets the int64 attribute
// "DEEPDISH_IO_VARIANT:<name>" holding the alternative's index. Beside, not on the node, because a
// number or string alternative is itself an attribute and cannot carry one; in the parent, because
// deepdish's loader skips attributes named DEEPDISH_IO..., so Python users never see the tag.
// The tag makes alternatives with the same on-disk shape round-trip exactly (int and long, two
// structs, a string and a path, an int and an enum).
//
// Loading without a tag (a file written by deepdish or h5py): the alternatives are tried in order and
// the first that loads without a problem wins, so order them from the most to the least specific
// (a double alternative also accepts integers, a struct with optional members almost anything).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "../h5/type.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "node.hpp"
#include "number.hpp"
#include "optional.hpp"
#include "variant_tag.hpp"

namespace dd::detail {

// An alternative that is itself stored as a variant under the same name (directly, or through an
// optional or a pointer) would need a second tag with the same name.
template <class T>
inline constexpr bool stored_as_variant = variant_like<T>;
template <class T>
inline constexpr bool stored_as_variant<std::optional<T>> = stored_as_variant<T>;
template <class T>
inline constexpr bool stored_as_variant<std::unique_ptr<T>> = stored_as_variant<T>;
template <class T>
inline constexpr bool stored_as_variant<std::shared_ptr<T>> = stored_as_variant<T>;

#define DD_NESTED_VARIANT_MESSAGE                                                                             \
  "dd: a std::variant directly inside a std::variant (also through an optional or a pointer) is not stored: " \
  "both would need a tag under one name; flatten them into one variant, or put the inner one in a struct"

template <class V>
inline constexpr bool has_nested_variant = false;
template <class... A>
inline constexpr bool has_nested_variant<std::variant<A...>> = (stored_as_variant<A> || ...);

template <>
struct mapping<family::variant> {
  template <class V>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const V& value) {
    static_assert(!has_nested_variant<V>, DD_NESTED_VARIANT_MESSAGE);
    if (value.valueless_by_exception())
      ctx.fail("the std::variant is valueless (an exception interrupted an assignment to it)");
    std::visit(
        [&](const auto& alternative) {
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(alternative)>, std::monostate>)
            save_none(ctx, parent, name);
          else
            save_inner(ctx, parent, name, alternative);
        },
        value);
    write_variant_tag(ctx, parent, name, value.index());
  }

  template <class V>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, V& value) {
    static_assert(!has_nested_variant<V>, DD_NESTED_VARIANT_MESSAGE);
    constexpr auto count = std::variant_size_v<V>;
    const auto tag = variant_tag_name(name);
    if (!parent.has_attribute(tag)) return load_untagged(ctx, parent, name, value);
    const auto attribute = parent.open_attribute(tag);
    const auto kind = attribute.info().kind;
    if (attribute.extent().null || attribute.extent().elements() != 1 ||
        (kind != h5::type_kind::signed_integer && kind != h5::type_kind::unsigned_integer))
      ctx.fail("the variant tag " + tag + " must be one integer, found " + found_at(parent, tag));
    std::int64_t index = -1;
    read_numbers(ctx, attribute, &index, 1);
    if (index < 0 || static_cast<std::uint64_t>(index) >= count)
      ctx.fail("the variant tag " + tag + " = " + std::to_string(index) + " is out of range: this std::variant has " +
               std::to_string(count) + " alternatives");
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (void)((static_cast<std::size_t>(index) == I ? (load_alternative<I>(ctx, parent, name, value), true) : false) ||
             ...);
    }
    (std::make_index_sequence<count>{});
  }

 private:
  template <std::size_t I, class V>
  static void load_alternative(load_context& ctx, const h5::group& parent, std::string_view name, V& value) {
    using A = std::variant_alternative_t<I, V>;
    static_assert(std::is_default_constructible_v<A>,
                  "dd: loading a std::variant needs default-constructible alternatives (the active one is "
                  "constructed, then loaded into); add a default constructor or specialize dd::codec");
    if constexpr (std::is_same_v<A, std::monostate>) {
      if (!holds_none(ctx, parent, name))
        fail_expected(ctx, parent, name, "None (a nonetype: group) for std::monostate");
      value.template emplace<I>();
    } else {
      if (value.index() != I) value.template emplace<I>();  // the same alternative is loaded into, reusing storage
      load_inner(ctx, parent, name, std::get<I>(value));
    }
  }

  // Each alternative in order, into a fresh value; a failed try leaves no trace (path, recorded
  // problems, objects registered as loaded).
  template <class V>
  static void load_untagged(load_context& ctx, const h5::group& parent, std::string_view name, V& value) {
    if (parent.kind(name) == h5::node_kind::missing && !parent.has_attribute(name) && !accepts_nothing<V>())
      fail_expected(ctx, parent, name, "one of the std::variant's alternatives");
    std::string reasons;
    const bool loaded = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return (try_alternative<I>(ctx, parent, name, value, reasons) || ...);
    }
    (std::make_index_sequence<std::variant_size_v<V>>{});
    if (!loaded)
      ctx.fail("no alternative of the std::variant loads from " + found_at(parent, name) + " (it has no tag " +
               variant_tag_name(name) + ", so each was tried in order)" + reasons);
  }

  template <class V>
  static constexpr bool accepts_nothing() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (... || (std::is_same_v<std::variant_alternative_t<I, V>, std::monostate> ||
                      is_std_optional<std::variant_alternative_t<I, V>>));
    }
    (std::make_index_sequence<std::variant_size_v<V>>{});
  }

  template <std::size_t I, class V>
  static bool try_alternative(load_context& ctx, const h5::group& parent, std::string_view name, V& value,
                              std::string& reasons) {
    const auto path_length = ctx.path().size();
    const auto problem_count = ctx.problems.size();
    const auto objects = ctx.loaded_objects;
    std::string reason;
    V candidate(std::in_place_index<I>);
    try {
      load_alternative<I>(ctx, parent, name, candidate);
      if (ctx.problems.size() == problem_count) {
        value = std::move(candidate);
        return true;
      }
      reason = ctx.problems[problem_count].message;
    } catch (const dd::error& e) {
      reason = e.problems().empty() ? e.what() : e.problems().front().message;
    } catch (const h5::failure& e) {
      reason = e.what();
    }
    ctx.truncate(path_length);
    ctx.problems.resize(problem_count);
    ctx.loaded_objects = objects;
    reasons += "; alternative " + std::to_string(I) + ": " + reason;
    return false;
  }
};

}  // namespace dd::detail
