#pragma once
// A minimal stand-in for std::mdspan (absent from g++ 12's library), with the member names of
// std::mdspan and Kokkos' reference implementation: extents<IndexType, E...> (static or dynamic
// extents), layout_right / layout_left / layout_stride mappings, and mdspan<T, Extents, Layout>.
// Only what the tests need; not a conforming implementation.
#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

namespace md {

inline constexpr std::size_t dynamic_extent = std::dynamic_extent;

template <class I, std::size_t... E>
class extents {
 public:
  using index_type = I;
  using size_type = std::make_unsigned_t<I>;
  using rank_type = std::size_t;
  static constexpr rank_type rank() { return sizeof...(E); }
  static constexpr std::size_t static_extent(rank_type r) { return statics[r]; }

  // The dynamic extents, in order (static ones are fixed by the type).
  template <class... D>
  constexpr explicit extents(D... dynamic) {
    static_assert(sizeof...(D) == ((E == dynamic_extent) + ... + 0), "one value per dynamic extent");
    const std::array<I, sizeof...(D)> given{static_cast<I>(dynamic)...};
    std::size_t next = 0;
    for (std::size_t r = 0; r < rank(); ++r) dims_[r] = statics[r] == dynamic_extent ? given[next++] : I(statics[r]);
  }
  constexpr I extent(rank_type r) const { return dims_[r]; }

 private:
  static constexpr std::array<std::size_t, sizeof...(E)> statics{E...};
  std::array<I, sizeof...(E)> dims_{};
};

struct layout_right {
  template <class X>
  struct mapping {
    using extents_type = X;
    using index_type = typename X::index_type;
    using layout_type = layout_right;
    X e;
    constexpr const X& extents() const { return e; }
    constexpr index_type stride(std::size_t r) const {
      index_type s = 1;
      for (std::size_t k = r + 1; k < X::rank(); ++k) s *= e.extent(k);
      return s;
    }
    static constexpr bool is_strided() { return true; }
  };
};

struct layout_left {
  template <class X>
  struct mapping {
    using extents_type = X;
    using index_type = typename X::index_type;
    using layout_type = layout_left;
    X e;
    constexpr const X& extents() const { return e; }
    constexpr index_type stride(std::size_t r) const {
      index_type s = 1;
      for (std::size_t k = 0; k < r; ++k) s *= e.extent(k);
      return s;
    }
    static constexpr bool is_strided() { return true; }
  };
};

struct layout_stride {
  template <class X>
  struct mapping {
    using extents_type = X;
    using index_type = typename X::index_type;
    using layout_type = layout_stride;
    X e;
    std::array<index_type, X::rank()> strides{};
    constexpr const X& extents() const { return e; }
    constexpr index_type stride(std::size_t r) const { return strides[r]; }
    static constexpr bool is_strided() { return true; }
  };
};

template <class T, class X, class L = layout_right>
class mdspan {
 public:
  using element_type = T;
  using value_type = std::remove_cv_t<T>;
  using extents_type = X;
  using layout_type = L;
  using mapping_type = typename L::template mapping<X>;
  using index_type = typename X::index_type;
  using data_handle_type = T*;

  constexpr mdspan(T* data, const X& e) : data_(data), map_{e} {}
  constexpr mdspan(T* data, const mapping_type& m) : data_(data), map_(m) {}

  constexpr const data_handle_type& data_handle() const { return data_; }
  constexpr const mapping_type& mapping() const { return map_; }
  constexpr const X& extents() const { return map_.extents(); }
  constexpr index_type extent(std::size_t r) const { return extents().extent(r); }
  static constexpr std::size_t rank() { return X::rank(); }
  template <class... I>
  constexpr T& operator()(I... i) const {
    index_type offset = 0;
    std::size_t r = 0;
    ((offset += static_cast<index_type>(i) * map_.stride(r++)), ...);
    return data_[offset];
  }

 private:
  T* data_;
  mapping_type map_;
};

}  // namespace md
