#pragma once
// dd::codec<T>: the one customization point, for types dd does not map by itself or maps differently
// than you want. Specialize it with any ONE of these (detected by the concepts in codec/custom.hpp):
//
//   proxy      using proxy = U;  static U to(const T&);  static T from(const U&);
//              store T as a type dd already knows (a string, a vector, a struct...).
//   fields     static constexpr auto fields = std::tuple{dd::field("x", &T::x), dd::field("y", &T::get_y, &T::set_y)};
//              a group with these members: classes with private members (befriend dd::codec<T>),
//              getters/setters, non-aggregates.
//   rename / skip  (aggregates)  static constexpr std::array rename{dd::renamed{"lr", "learning_rate"}};
//                                static constexpr std::array skip{std::string_view("cache")};
//   save/load  static void save(dd::writer&, const T&);  static void load(dd::reader&, T&);
//              full control: the value is a group; write and read named members yourself.
//   opaque     static constexpr bool opaque = true;  (trivially copyable T) or
//              static std::vector<std::byte> to_bytes(const T&);  static T from_bytes(std::span<const std::byte>);
//              a 1-D uint8 dataset plus an attribute with the type tag (static constexpr std::string_view
//              tag = "..."; default: the type's name), checked on load.
// A specialization with members of no kind, of two kinds, or with a kind's members half there (a
// proxy without `from`, `save` without `load`) is one compile error starting with "dd:".
// N-D array types have their own trait, dd::array_traits<T> (array_traits.hpp).
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace dd {

namespace h5 {
class group;
}
namespace detail {
class save_context;
class load_context;
}  // namespace detail

// What a codec<T>::save sees: the group that holds the value; save its parts by name, each stored by
// its own rule (a number as an attribute, a vector as a dataset, a struct as a group...).
class writer {
 public:
  writer(detail::save_context& ctx, const h5::group& group) : ctx_(ctx), group_(group) {}
  template <class V>
  void save(std::string_view name, const V& value);

 private:
  detail::save_context& ctx_;
  const h5::group& group_;
};

// What a codec<T>::load sees: the group that holds the value; load its parts by name. Missing parts
// follow load_options::missing like struct members.
class reader {
 public:
  reader(detail::load_context& ctx, const h5::group& group) : ctx_(ctx), group_(group) {}
  template <class V>
  void load(std::string_view name, V& value);
  template <class V>
  V load(std::string_view name) {
    V value = V();
    load(name, value);
    return value;
  }
  // Is there a member of this name (a value saved by writer::save)?
  bool contains(std::string_view name) const;

 private:
  detail::load_context& ctx_;
  const h5::group& group_;
};

// The primary template means "no customization".
template <class T>
struct codec {
  using dd_not_specialized = void;
};

// A member of a `fields` list: a data member pointer, or a getter/setter pair.
template <class Get, class Set = std::nullptr_t>
struct field_ref {
  std::string_view name;
  Get get;
  Set set = nullptr;
};
template <class C, class M>
constexpr field_ref<M C::*> field(std::string_view name, M C::*member) {
  return {name, member};
}
template <class Get, class Set>
constexpr field_ref<Get, Set> field(std::string_view name, Get getter, Set setter) {
  return {name, getter, setter};
}

// An entry of a `rename` list: the C++ field name and the name it has in the file.
struct renamed {
  std::string_view field;
  std::string_view stored;
};

// Wrapping a value in dd::opaque<T> stores it as opaque bytes without specializing anything
// (T must be trivially copyable).
template <class T>
struct opaque {
  T value = T();
  bool operator==(const opaque&) const = default;
};

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
