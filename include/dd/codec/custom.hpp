#pragma once
// dd::codec<T> specializations (customize.hpp): the user's customization point, tried before every
// built-in family. Which kind a specialization is follows from the members it has.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../customize.hpp"
#include "../h5/pickle.hpp"
#include "../pickled.hpp"
#include "../reflect/fields.hpp"
#include "../reflect/type_name.hpp"
#include "context.hpp"
#include "node.hpp"
#include "number.hpp"
#include "structure.hpp"

namespace dd {

// What a codec<T>::save sees: the group that holds the value; save its parts by name.
class writer {
 public:
  writer(detail::save_context& ctx, const h5::group& group) : ctx_(ctx), group_(group) {}
  template <class V>
  void save(std::string_view name, const V& value) {
    detail::save_field(ctx_, group_, name, value);
  }

 private:
  detail::save_context& ctx_;
  const h5::group& group_;
};

// What a codec<T>::load sees: the group that holds the value; load its parts by name.
class reader {
 public:
  reader(detail::load_context& ctx, const h5::group& group) : ctx_(ctx), group_(group) {}
  template <class V>
  void load(std::string_view name, V& value) {
    detail::load_field(ctx_, group_, name, value);
  }
  template <class V>
  V load(std::string_view name) {
    V value{};
    load(name, value);
    return value;
  }
  bool contains(std::string_view name) const { return group_.has_attribute(name) || group_.has_link(name); }

 private:
  detail::load_context& ctx_;
  const h5::group& group_;
};

}  // namespace dd

namespace dd::detail {

template <class T>
struct is_opaque_wrapper : std::false_type {};
template <class T>
struct is_opaque_wrapper<dd::opaque<T>> : std::true_type {};

template <class T>
concept has_custom_codec = !requires { typename dd::codec<T>::dd_not_specialized; } || is_opaque_wrapper<T>::value ||
                           std::is_same_v<T, dd::pickled>;

template <class T, class C = dd::codec<T>>
concept node_codec = requires(dd::writer& w, dd::reader& r, const T& in, T& out) {
  C::save(w, in);
  C::load(r, out);
};
template <class T, class C = dd::codec<T>>
concept proxy_codec = requires(const T& value) {
  typename C::proxy;
  { C::to(value) } -> std::convertible_to<typename C::proxy>;
};
template <class T, class C = dd::codec<T>>
concept fields_codec = requires { C::fields; };
template <class T, class C = dd::codec<T>>
concept renaming_codec = reflect::reflectable<T> && (requires { C::rename; } || requires { C::skip; });
template <class T, class C = dd::codec<T>>
concept bytes_codec = requires(const T& value, std::span<const std::byte> bytes) {
  { C::to_bytes(value) } -> std::convertible_to<std::vector<std::byte>>;
  { C::from_bytes(bytes) } -> std::convertible_to<T>;
};
template <class T, class C = dd::codec<T>>
concept trivially_opaque_codec = requires { requires C::opaque == true; };

// The kinds that store the value as a group of named members (and so can be the root group).
template <class T>
concept custom_group = node_codec<T> || fields_codec<T> || renaming_codec<T>;

// The name field `field` has in the file under codec<T>'s rename/skip lists; empty if skipped.
template <class T>
constexpr std::string_view stored_name(std::string_view field) {
  using C = dd::codec<T>;
  if constexpr (requires { C::skip; })
    for (std::string_view skipped : C::skip)
      if (skipped == field) return {};
  if constexpr (requires { C::rename; })
    for (const auto& r : C::rename)
      if (r.field == field) return r.stored;
  return field;
}

template <class T>
constexpr std::string_view opaque_tag() {
  if constexpr (is_opaque_wrapper<T>::value) return opaque_tag<decltype(T::value)>();
  else if constexpr (requires { dd::codec<T>::tag; }) return dd::codec<T>::tag;
  else return reflect::type_name<T>();
}

inline constexpr const char* opaque_tag_attribute = "dd_opaque_type";

struct custom_codec {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    using C = dd::codec<T>;
    if constexpr (std::is_same_v<T, dd::pickled>) {
      h5::write_variable_bytes(parent, name, value.bytes, ctx.lists);
    } else if constexpr (is_opaque_wrapper<T>::value || bytes_codec<T> || trivially_opaque_codec<T>) {
      save_bytes<T>(ctx, parent, name, to_bytes(value));
    } else if constexpr (proxy_codec<T>) {
      save_inner(ctx, parent, name, static_cast<typename C::proxy>(C::to(value)));
    } else if constexpr (custom_group<T>) {
      save_members(ctx, parent.create_group(name, ctx.lists), value);
    } else {
      static_assert(always_false_v<T>, "dd: dd::codec<T> is specialized but has none of the members dd looks for "
                                       "(proxy+to+from, fields, rename/skip, save+load, opaque, to_bytes+from_bytes)");
    }
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    using C = dd::codec<T>;
    if constexpr (std::is_same_v<T, dd::pickled>) {
      const auto src = parent.try_open_dataset(name);
      if (!src || !h5::is_variable_bytes(*src)) fail_expected(ctx, parent, name, "a pickled Python object");
      value.bytes = h5::read_variable_bytes(*src);
    } else if constexpr (is_opaque_wrapper<T>::value || bytes_codec<T> || trivially_opaque_codec<T>) {
      from_bytes(ctx, load_bytes<T>(ctx, parent, name), value);
    } else if constexpr (proxy_codec<T>) {
      typename C::proxy stored{};
      load_inner(ctx, parent, name, stored);
      if constexpr (requires { C::from(stored, value); }) C::from(stored, value);
      else value = C::from(std::move(stored));
    } else if constexpr (custom_group<T>) {
      const auto group = parent.try_open_group(name);
      if (!group) fail_expected(ctx, parent, name, "a group");
      load_members(ctx, *group, value);
    }
  }

  template <class T>
  static void save_members(save_context& ctx, const h5::group& group, const T& value) {
    using C = dd::codec<T>;
    if constexpr (node_codec<T>) {
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
    if constexpr (node_codec<T>) {
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
  template <class>
  static constexpr bool always_false_v = false;

  template <class T, class F>
  static decltype(auto) get(const T& value, const F& f) {
    if constexpr (std::is_member_object_pointer_v<decltype(f.get)>) return value.*(f.get);
    else return std::invoke(f.get, value);
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
    if constexpr (is_opaque_wrapper<T>::value) return to_bytes(value.value);
    else if constexpr (bytes_codec<T>) return dd::codec<T>::to_bytes(value);
    else {
      static_assert(std::is_trivially_copyable_v<T>, "dd: opaque bytes need a trivially copyable type, or "
                                                     "to_bytes/from_bytes in dd::codec<T>");
      std::vector<std::byte> bytes(sizeof(T));
      std::memcpy(bytes.data(), &value, sizeof(T));
      return bytes;
    }
  }
  template <class T>
  static void from_bytes(const load_context& ctx, const std::vector<std::byte>& bytes, T& value) {
    if constexpr (is_opaque_wrapper<T>::value) from_bytes(ctx, bytes, value.value);
    else if constexpr (bytes_codec<T>) value = dd::codec<T>::from_bytes(std::span<const std::byte>(bytes));
    else {
      if (bytes.size() != sizeof(T))
        ctx.fail("expected " + std::to_string(sizeof(T)) + " opaque bytes, found " + std::to_string(bytes.size()));
      std::memcpy(&value, bytes.data(), sizeof(T));
    }
  }

  template <class T>
  static void save_bytes(save_context& ctx, const h5::group& parent, std::string_view name,
                         const std::vector<std::byte>& bytes) {
    const auto dataset = parent.create_dataset(name, h5::file_type<std::uint8_t>(), {bytes.size()},
                                               ctx.lists.dataset_plain.id(), ctx.lists);
    if (!bytes.empty()) dataset.write(h5::memory_type<std::uint8_t>(), bytes.data());
    h5::write_string_attribute(dataset, opaque_tag_attribute, std::string(opaque_tag<T>()), ctx.lists);
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
};

}  // namespace dd::detail
