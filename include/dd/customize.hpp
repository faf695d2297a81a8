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
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace dd {

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
  T value{};
  bool operator==(const opaque&) const = default;
};

}  // namespace dd
