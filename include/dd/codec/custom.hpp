#pragma once
// dd::codec<T> specializations (customize.hpp): the user's customization point, tried before every
// built-in family. Which kind a specialization is follows from the members it has (classify.hpp
// recognises each kind by the member that names it; valid_codec below checks the rest). Also
// dd::opaque<T> (opaque bytes without a specialization) and dd::pickled (deepdish's pickles).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "../customize.hpp"
#include "../h5/attributes.hpp"
#include "../h5/vlen_bytes.hpp"
#include "../pickled.hpp"
#include "../reflect/fields.hpp"
#include "../reflect/type_name.hpp"
#include "classify.hpp"
#include "compression.hpp"
#include "context.hpp"
#include "node.hpp"
#include "number.hpp"
#include "structure.hpp"

namespace dd {

template <class V>
void writer::save(std::string_view name, const V& value) {
  detail::save_field(ctx_, group_, name, value);
}
template <class V>
void reader::load(std::string_view name, V& value) {
  detail::load_field(ctx_, group_, name, value);
}
inline bool reader::contains(std::string_view name) const {
  return group_.has_attribute(name) || group_.has_link(name);
}

}  // namespace dd

namespace dd::detail {

#define DD_CODEC_KINDS "proxy+to+from, fields, rename/skip, save+load, opaque or to_bytes+from_bytes"

// A proxy codec's conversions. Concepts (not requires-expressions inline in valid_codec) so that a
// codec without `proxy` makes them false instead of an error on clang 14.
template <class T, class C = dd::codec<T>>
concept proxy_has_to = requires(const T& v) {
  { C::to(v) } -> std::convertible_to<typename C::proxy>;
};
template <class T, class C = dd::codec<T>>
concept proxy_has_from = requires(typename C::proxy p, T& v) {
  C::from(p, v);
}
|| requires(typename C::proxy p) {
  { C::from(std::move(p)) } -> std::convertible_to<T>;
};

// True when dd::codec<T> has exactly one kind with all of its members; otherwise one static_assert
// says what is wrong (and false keeps the mapping from adding errors of its own).
template <class T>
consteval bool valid_codec() {
  using C = dd::codec<T>;
  constexpr int kinds =
      int{proxy_codec<T>} + int{fields_codec<T>} + int{renaming_codec<T>} + int{node_codec<T>} + int{bytes_codec<T>};
  if constexpr (is_opaque_wrapper<T> || std::is_same_v<T, dd::pickled>) {
    return true;
  } else if constexpr (kinds == 0) {
    static_assert(always_false<T>,
                  "dd: dd::codec<T> is specialized but has none of the members dd looks for (" DD_CODEC_KINDS ")");
    return false;
  } else if constexpr (kinds > 1) {
    static_assert(always_false<T>,
                  "dd: dd::codec<T> has members of two kinds (say fields and rename); keep one kind: " DD_CODEC_KINDS);
    return false;
  } else if constexpr (proxy_codec<T> && !proxy_has_to<T>) {
    static_assert(always_false<T>, "dd: dd::codec<T> has a proxy but no `static proxy to(const T&)`; add it");
    return false;
  } else if constexpr (proxy_codec<T> && !proxy_has_from<T>) {
    static_assert(always_false<T>,
                  "dd: dd::codec<T> has a proxy and `to` but no `from`; add `static T from(const proxy&)`");
    return false;
  } else if constexpr (node_codec<T> && !(
                                            requires(dd::writer & w, const T& in) { C::save(w, in); } &&
                                            requires(dd::reader & r, T & out) { C::load(r, out); })) {
    static_assert(always_false<T>,
                  "dd: dd::codec<T> needs both `static void save(dd::writer&, const T&)` and "
                  "`static void load(dd::reader&, T&)`; add the missing one");
    return false;
  } else if constexpr (renaming_codec<T> && !reflect::reflectable<T>) {
    static_assert(always_false<T>,
                  "dd: rename/skip lists are for aggregate structs; for other types list the "
                  "members with `fields`");
    return false;
  } else if constexpr (bytes_codec<T> && !requires { requires C::opaque == true; } &&
                       !(
                           requires(const T& v) {
                             { C::to_bytes(v) } -> std::convertible_to<std::vector<std::byte>>;
                           } &&
                           requires(std::span<const std::byte> b) {
                             { C::from_bytes(b) } -> std::convertible_to<T>;
                           })) {
    static_assert(always_false<T>,
                  "dd: dd::codec<T> needs both `static std::vector<std::byte> to_bytes(const T&)` and "
                  "`static T from_bytes(std::span<const std::byte>)`, or `opaque = true`");
    return false;
  } else {
    return true;
  }
}

template <class T>
constexpr std::string_view opaque_tag() {
  if constexpr (is_opaque_wrapper<T>)
    return opaque_tag<decltype(T::value)>();
  else if constexpr (requires { dd::codec<T>::tag; })
    return dd::codec<T>::tag;
  else
    return reflect::type_name<T>();
}

inline constexpr const char* opaque_tag_attribute = "dd_opaque_type";

template <>
struct mapping<family::custom> {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    using C = dd::codec<T>;
    if constexpr (!valid_codec<T>()) {
      return;
    } else if constexpr (std::is_same_v<T, dd::pickled>) {
      save_pickle(ctx, parent, name, value.bytes);
    } else if constexpr (is_opaque_wrapper<T> || bytes_codec<T>) {
      save_bytes<T>(ctx, parent, name, to_bytes(value));
    } else if constexpr (proxy_codec<T>) {
      save_inner(ctx, parent, name, static_cast<typename C::proxy>(C::to(value)));
    } else {
      save_members(ctx, parent.create_group(name, ctx.props), value);
    }
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    using C = dd::codec<T>;
    if constexpr (!valid_codec<T>()) {
      return;
    } else if constexpr (std::is_same_v<T, dd::pickled>) {
      const auto src = parent.try_open_dataset(name);
      if (!src || !h5::is_variable_bytes(*src)) fail_expected(ctx, parent, name, "a pickled Python object");
      value.bytes = h5::read_variable_bytes(*src);
    } else if constexpr (is_opaque_wrapper<T> || bytes_codec<T>) {
      from_bytes(ctx, load_bytes<T>(ctx, parent, name), value);
    } else if constexpr (proxy_codec<T>) {
      typename C::proxy stored = typename C::proxy();
      load_inner(ctx, parent, name, stored);
      if constexpr (requires { C::from(stored, value); })
        C::from(stored, value);
      else
        value = C::from(std::move(stored));
    } else {
      const auto group = parent.try_open_group(name);
      if (!group) fail_expected(ctx, parent, name, "a group");
      load_members(ctx, *group, value);
    }
  }

  template <class T>
  static void save_members(save_context& ctx, const h5::group& group, const T& value) {
    using C = dd::codec<T>;
    if constexpr (!valid_codec<T>()) {
      return;
    } else if constexpr (node_codec<T>) {
      dd::writer w(ctx, group);
      C::save(w, value);
    } else if constexpr (fields_codec<T>) {
      std::apply([&](const auto&... f) { (save_field(ctx, group, f.name, get(value, f)), ...); }, C::fields);
    } else {
      reflect::for_each_field(value, [&](std::string_view field, const auto& member) {
        if (const auto stored = stored_name<T>(field); !stored.empty()) save_field(ctx, group, stored, member);
      });
    }
  }

  template <class T>
  static void load_members(load_context& ctx, const h5::group& group, T& value) {
    using C = dd::codec<T>;
    if constexpr (!valid_codec<T>()) {
      return;
    } else if constexpr (node_codec<T>) {
      dd::reader r(ctx, group);
      C::load(r, value);
    } else if constexpr (fields_codec<T>) {
      std::apply([&](const auto&... f) { (load_one(ctx, group, value, f), ...); }, C::fields);
      std::apply([&](const auto&... f) { check_unknown_members(ctx, group, std::array{f.name...}); }, C::fields);
    } else {
      std::array<std::string_view, reflect::field_count<T>> names{};
      std::size_t i = 0;
      reflect::for_each_field(value, [&](std::string_view field, auto& member) {
        const auto stored = stored_name<T>(field);
        names[i++] = stored;
        if (!stored.empty()) load_field(ctx, group, stored, member);
      });
      check_unknown_members(ctx, group, names);
    }
  }

 private:
  template <class T, class F>
  static decltype(auto) get(const T& value, const F& f) {
    if constexpr (std::is_member_object_pointer_v<decltype(f.get)>)
      return value.*(f.get);
    else
      return std::invoke(f.get, value);
  }
  template <class T, class F>
  static void load_one(load_context& ctx, const h5::group& group, T& value, const F& f) {
    if constexpr (std::is_member_object_pointer_v<decltype(f.get)>) {
      load_field(ctx, group, f.name, value.*(f.get));
    } else {
      std::remove_cvref_t<std::invoke_result_t<decltype(f.get), const T&>> part{};
      if (ctx.options.missing == missing_members::keep_default && !group.has_attribute(f.name) &&
          !group.has_link(f.name))
        return;
      load_field(ctx, group, f.name, part);
      std::invoke(f.set, value, std::move(part));
    }
  }

  template <class T>
  static std::vector<std::byte> to_bytes(const T& value) {
    if constexpr (is_opaque_wrapper<T>)
      return to_bytes(value.value);
    else if constexpr (requires { dd::codec<T>::to_bytes(value); })
      return dd::codec<T>::to_bytes(value);
    else {
      static_assert(std::is_trivially_copyable_v<T>,
                    "dd: opaque bytes need a trivially copyable type, or "
                    "to_bytes/from_bytes in dd::codec<T>");
      std::vector<std::byte> bytes(sizeof(T));
      std::memcpy(bytes.data(), &value, sizeof(T));
      return bytes;
    }
  }
  template <class T>
  static void from_bytes(const load_context& ctx, const std::vector<std::byte>& bytes, T& value) {
    if constexpr (is_opaque_wrapper<T>)
      from_bytes(ctx, bytes, value.value);
    else if constexpr (requires { dd::codec<T>::to_bytes(value); })
      value = dd::codec<T>::from_bytes(std::span<const std::byte>(bytes));
    else {
      if (bytes.size() != sizeof(T))
        ctx.fail("expected " + std::to_string(sizeof(T)) + " opaque bytes, found " + std::to_string(bytes.size()));
      std::memcpy(&value, bytes.data(), sizeof(T));
    }
  }

  template <class T>
  static void save_bytes(save_context& ctx, const h5::group& parent, std::string_view name,
                         const std::vector<std::byte>& bytes) {
    const auto storage = storage_for(ctx, dd::compression{}, 0, {bytes.size()}, 1, ctx.options.checksum);
    const auto dataset = parent.create_dataset(name, h5::file_type<std::uint8_t>(), {bytes.size()},
                                               storage ? storage.id() : ctx.props.dataset_plain.id(), ctx.props);
    if (!bytes.empty()) dataset.write(h5::memory_type<std::uint8_t>(), bytes.data());
    h5::write_string_attribute(dataset.id(), opaque_tag_attribute, std::string(opaque_tag<T>()), ctx.props);
  }
  template <class T>
  static std::vector<std::byte> load_bytes(load_context& ctx, const h5::group& parent, std::string_view name) {
    const std::string expected_tag(opaque_tag<T>());
    const auto dataset = parent.try_open_dataset(name);
    if (!dataset) fail_expected(ctx, parent, name, "opaque bytes of " + expected_tag);
    if (!dataset->has_attribute(opaque_tag_attribute))
      ctx.fail("expected opaque bytes of " + expected_tag + ", found a dataset without a " + opaque_tag_attribute +
               " attribute");
    const auto tag = dataset->open_attribute(opaque_tag_attribute).read_string();
    if (tag != expected_tag) ctx.fail("expected opaque bytes of " + expected_tag + ", found opaque bytes of " + tag);
    const auto ext = dataset->extent();
    if (ext.dims.size() != 1) ctx.fail("expected a 1-D byte dataset, found shape " + h5::to_string(ext));
    std::vector<std::byte> bytes(ext.dims[0]);
    if (!bytes.empty()) read_numbers(ctx, *dataset, reinterpret_cast<std::uint8_t*>(bytes.data()), bytes.size());
    return bytes;
  }

  // A pickle as deepdish writes one (a PyTables VLArray of one object row), so deepdish.io.load
  // unpickles it.
  static void save_pickle(save_context& ctx, const h5::group& parent, std::string_view name,
                          const std::vector<std::byte>& bytes) {
    const auto dataset = h5::write_variable_bytes(parent, name, bytes, ctx.props);
    for (auto [key, value] : deepdish::pickle_attributes)
      h5::write_string_attribute(dataset.id(), key, value, ctx.props, false);
  }
};

}  // namespace dd::detail
