#pragma once
// The name of a type as the compiler spells it ("ns::Point"), at compile time, stored alone.
// Used as the default tag of opaque bytes; spellings can differ between compilers, so a type whose
// files travel between builds should give its own tag.
#include <array>
#include <cstddef>
#include <string_view>

namespace dd::reflect {
namespace detail {

template <class T>
consteval std::string_view raw_type_signature() {
  return __PRETTY_FUNCTION__;
}

// g++: "... raw_type_signature() [with T = ns::Point; std::string_view = ...]"
// clang: "... raw_type_signature() [T = ns::Point]"
// g++ -fno-pretty-templates: "... raw_type_signature<ns::Point>()"
consteval std::string_view parse_type_name(std::string_view sig) {
  if (const auto with = sig.find("T = "); with != std::string_view::npos) {
    const auto start = with + 4;
    auto end = sig.find(';', start);
    if (end == std::string_view::npos) end = sig.rfind(']');
    return sig.substr(start, end - start);
  }
  const auto start = sig.find("raw_type_signature<") + 19;
  return sig.substr(start, sig.rfind(">()") - start);
}

template <class T>
struct type_name_storage {
  static constexpr auto name = parse_type_name(raw_type_signature<T>());
  static constexpr auto chars = [] {
    std::array<char, name.size() + 1> out{};
    for (std::size_t i = 0; i < name.size(); ++i) out[i] = name[i];
    return out;
  }();
};

}  // namespace detail

template <class T>
constexpr std::string_view type_name() {
  return {detail::type_name_storage<T>::chars.data(), detail::type_name_storage<T>::name.size()};
}

}  // namespace dd::reflect
