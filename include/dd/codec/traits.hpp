#pragma once
// What shape a C++ type has, as the classifier (classify.hpp) and the mappings see it: numbers and
// characters, fixed blocks of numbers (std::array / C arrays, nested), blocks of strings, text types,
// chrono types, and which standard wrapper or container a type is. No HDF5 and no mapping here: these
// are facts about types, each spelled once.
#include <array>
#include <bitset>
#include <chrono>
#include <complex>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "../compressed.hpp"
#include "../customize.hpp"
#include "../h5/type.hpp"
#include "../pickled.hpp"

namespace dd::detail {

template <class>
inline constexpr bool always_false = false;

// ---- numbers and characters -----------------------------------------------------------------------

// Numbers are h5::number: arithmetic types and std::byte. Characters are numbers too (integers of
// their width and signedness); strings are the text types below.
template <class T>
concept character = std::is_same_v<T, char> || std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> ||
    std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

template <class T>
inline constexpr bool is_complex = false;
template <class F>
inline constexpr bool is_complex<std::complex<F>> = std::is_floating_point_v<F>;

template <class T>
concept complex_number = is_complex<T>;

template <class T>
concept enumeration = std::is_enum_v<T> && !std::is_same_v<T, std::byte>;  // std::byte is a number (uint8)

// ---- fixed blocks ---------------------------------------------------------------------------------

template <std::size_t M>
constexpr std::array<std::size_t, M + 1> prepend(std::size_t first, const std::array<std::size_t, M>& rest) {
  std::array<std::size_t, M + 1> out{first};
  for (std::size_t i = 0; i < M; ++i) out[i + 1] = rest[i];
  return out;
}

// A fixed-size block of numbers: a number, std::complex or enum (a leaf), or std::array / C array of
// blocks. `extents` are the block's dimensions, which follow a range's own in a dataset's shape.
template <class E>
struct block {
  static constexpr bool numeric = false;
};
template <class E>
requires h5::number<E> || complex_number<E> || enumeration<E>
struct block<E> {
  static constexpr bool numeric = true;
  using number = E;
  static constexpr std::array<std::size_t, 0> extents{};
};
template <class E, std::size_t N>
requires block<E>::numeric struct block<std::array<E, N>> {
  static_assert(sizeof(std::array<E, N>) == N * sizeof(E), "dd: std::array with padding cannot be stored as one block");
  static constexpr bool numeric = true;
  using number = typename block<E>::number;
  static constexpr auto extents = prepend(N, block<E>::extents);
};
template <class E, std::size_t N>
requires block<E>::numeric struct block<E[N]> {
  static constexpr bool numeric = true;
  using number = typename block<E>::number;
  static constexpr auto extents = prepend(N, block<E>::extents);
};

// A fixed-size block of strings: a std::string, or std::array / C array of blocks.
template <class E>
struct string_block {
  static constexpr bool is_block = false;
};
template <>
struct string_block<std::string> {
  static constexpr bool is_block = true;
  static constexpr std::array<std::size_t, 0> extents{};
};
template <class E, std::size_t N>
requires string_block<E>::is_block struct string_block<std::array<E, N>> {
  static constexpr bool is_block = true;
  static constexpr auto extents = prepend(N, string_block<E>::extents);
};
template <class E, std::size_t N>
requires string_block<E>::is_block struct string_block<E[N]> {
  static constexpr bool is_block = true;
  static constexpr auto extents = prepend(N, string_block<E>::extents);
};

// ---- ranges -----------------------------------------------------------------------------------------

template <class R>
using element_of = std::remove_cv_t<std::ranges::range_value_t<R>>;

inline constexpr std::size_t dynamic_size = std::size_t(-1);

// The number of elements a range type always has, or dynamic_size.
template <class R>
constexpr std::size_t fixed_size() {
  if constexpr (std::is_array_v<R>)
    return std::extent_v<R>;
  else if constexpr (requires { std::tuple_size<R>::value; })
    return std::tuple_size_v<R>;
  else if constexpr (requires { R::extent; })
    return R::extent == std::dynamic_extent ? dynamic_size : R::extent;
  else
    return dynamic_size;
}

// How a loader can fill a range whose length only the file knows.
template <class R>
concept growable = requires(R& r, std::ranges::range_value_t<R>&& v) {
  r.clear();
  r.push_back(std::move(v));
};
template <class R>  // std::forward_list
concept front_growable = requires(R& r, std::ranges::range_value_t<R>&& v) {
  r.clear();
  r.insert_after(r.before_begin(), std::move(v));
};
template <class R>  // sets
concept insertable = requires(R& r, std::ranges::range_value_t<R>&& v) {
  r.clear();
  r.insert(std::move(v));
};

template <class S>
concept unordered_container = requires {
  typename S::hasher;
};

template <class R>
concept packed_bits = std::is_same_v<R, std::vector<bool, typename R::allocator_type>>;

template <class T>
inline constexpr bool is_bitset = false;
template <std::size_t N>
inline constexpr bool is_bitset<std::bitset<N>> = true;

// ---- text -------------------------------------------------------------------------------------------

template <class T>
struct text_traits {
  static constexpr bool text = false;
};
template <character C>
struct text_traits<std::basic_string<C>> {
  static constexpr bool text = true, view = false;
  using char_type = C;
};
template <character C>
struct text_traits<std::basic_string_view<C>> {
  static constexpr bool text = true, view = true;
  using char_type = C;
};
template <>
struct text_traits<std::filesystem::path> {
  static constexpr bool text = true, view = false;
  using char_type = std::filesystem::path::value_type;
};

// ---- chrono -----------------------------------------------------------------------------------------

template <class T>
struct chrono_traits : std::false_type {};
template <class R, class P>
struct chrono_traits<std::chrono::duration<R, P>> : std::true_type {
  using rep = R;
  using period = P;
  static constexpr bool time_point = false;
  static std::chrono::duration<R, P> from_count(R r) { return std::chrono::duration<R, P>(r); }
  static R count(const std::chrono::duration<R, P>& v) { return v.count(); }
};
template <class C, class D>
struct chrono_traits<std::chrono::time_point<C, D>> : std::true_type {
  using rep = typename D::rep;
  using period = typename D::period;
  static constexpr bool time_point = true;
  static_assert(std::is_same_v<C, std::chrono::system_clock>,
                "dd: only std::chrono::system_clock time points mean the same thing in another process; store "
                "t.time_since_epoch() (a duration) or convert to system_clock (std::chrono::clock_cast)");
  static std::chrono::time_point<C, D> from_count(rep r) { return std::chrono::time_point<C, D>(D(r)); }
  static rep count(const std::chrono::time_point<C, D>& v) { return v.time_since_epoch().count(); }
};

// ---- standard wrappers ------------------------------------------------------------------------------

template <class T>
inline constexpr bool is_std_optional = false;
template <class T>
inline constexpr bool is_std_optional<std::optional<T>> = true;

template <class P>
inline constexpr bool is_unique_pointer = false;
template <class T>
inline constexpr bool is_unique_pointer<std::unique_ptr<T, std::default_delete<T>>> = !std::is_array_v<T>;
template <class P>
inline constexpr bool is_shared_pointer = false;
template <class T>
inline constexpr bool is_shared_pointer<std::shared_ptr<T>> = !std::is_array_v<T>;

template <class T>
inline constexpr bool is_std_variant = false;
template <class... A>
inline constexpr bool is_std_variant<std::variant<A...>> = true;

// Only the standard tuple types: std::array and std::ranges::subrange are tuple-like too, but they
// are ranges and stored as such.
template <class T>
inline constexpr bool is_std_tuple = false;
template <class... E>
inline constexpr bool is_std_tuple<std::tuple<E...>> = true;
template <class A, class B>
inline constexpr bool is_std_tuple<std::pair<A, B>> = true;

template <class T>
inline constexpr bool is_compressed_wrapper = false;
template <class T>
inline constexpr bool is_compressed_wrapper<dd::compressed<T>> = true;

template <class T>
inline constexpr bool is_opaque_wrapper = false;
template <class T>
inline constexpr bool is_opaque_wrapper<dd::opaque<T>> = true;

}  // namespace dd::detail
