#pragma once
// dd::ndarray<T>: a small owning N-D array of numbers whose shape is known only at run time (what a
// file holds), stored contiguously in row-major (C) order like a numpy array; and dd::ndarray_view<T, R>,
// a non-owning mdspan-like view of rank R over such memory. Both save as an N-D dataset.
//
//   auto a = dd::load<dd::ndarray<float>>("run.h5", "/images");   // any rank, e.g. (100, 3, 32, 32)
//   a.shape();  a.rank();  a(7, 0, 5, 5);  a.data();
//   auto v = a.view<4>();  v(7, 0, 5, 5);  v.extent(1);          // an mdspan-like view of rank 4
//
// Loading does not zero the storage first (the file's data overwrites it), which saves a full pass
// over memory for large arrays; constructors that take a shape do zero it, like std::vector.
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <sys/mman.h>
#include <algorithm>
#include <array>

#include <cassert>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace dd {

// Layout tag of ndarray_view: row-major (C order), the last index varies fastest.
struct layout_row_major {};

// A view of rank R over row-major memory, with the member names of std::mdspan (extents(),
// mapping(), data_handle(), extent(r), stride(r), operator()(i...)), so code written for mdspan works.
template <class T, std::size_t R>
class ndarray_view {
 public:
  using element_type = T;
  using value_type = std::remove_cv_t<T>;
  using index_type = std::size_t;
  using size_type = std::size_t;
  using rank_type = std::size_t;
  using data_handle_type = T*;
  using reference = T&;
  using layout_type = layout_row_major;

  class extents_type {
   public:
    using index_type = std::size_t;
    using size_type = std::size_t;
    using rank_type = std::size_t;
    constexpr extents_type() = default;
    constexpr explicit extents_type(const std::array<std::size_t, R>& e) : e_(e) {}
    static constexpr std::size_t rank() { return R; }
    static constexpr std::size_t rank_dynamic() { return R; }
    static constexpr std::size_t static_extent(std::size_t) { return std::dynamic_extent; }
    constexpr std::size_t extent(std::size_t r) const { return e_[r]; }

   private:
    std::array<std::size_t, R> e_{};
  };

  class mapping_type {
   public:
    using extents_type = ndarray_view::extents_type;
    using index_type = std::size_t;
    using layout_type = layout_row_major;
    constexpr mapping_type() = default;
    constexpr explicit mapping_type(const extents_type& e) : e_(e) {}
    constexpr const extents_type& extents() const { return e_; }
    constexpr std::size_t stride(std::size_t r) const {
      std::size_t s = 1;
      for (std::size_t k = r + 1; k < R; ++k) s *= e_.extent(k);
      return s;
    }
    constexpr std::size_t required_span_size() const {
      std::size_t n = 1;
      for (std::size_t k = 0; k < R; ++k) n *= e_.extent(k);
      return n;
    }
    template <class... I>
    constexpr std::size_t operator()(I... i) const {
      static_assert(sizeof...(I) == R, "dd: an ndarray_view of rank R takes R indices");
      std::size_t offset = 0, r = 0;
      ((offset = offset * e_.extent(r++) + static_cast<std::size_t>(i)), ...);
      return offset;
    }
    static constexpr bool is_always_unique() { return true; }
    static constexpr bool is_always_exhaustive() { return true; }
    static constexpr bool is_always_strided() { return true; }
    static constexpr bool is_unique() { return true; }
    static constexpr bool is_exhaustive() { return true; }
    static constexpr bool is_strided() { return true; }

   private:
    extents_type e_{};
  };

  constexpr ndarray_view() = default;
  constexpr ndarray_view(T* data, const std::array<std::size_t, R>& extents)
      : data_(data), map_(extents_type(extents)) {}

  constexpr T* data_handle() const { return data_; }
  constexpr const mapping_type& mapping() const { return map_; }
  constexpr const extents_type& extents() const { return map_.extents(); }
  static constexpr std::size_t rank() { return R; }
  constexpr std::size_t extent(std::size_t r) const { return extents().extent(r); }
  constexpr std::size_t stride(std::size_t r) const { return map_.stride(r); }
  constexpr std::size_t size() const { return map_.required_span_size(); }
  constexpr bool empty() const { return size() == 0; }
  template <class... I>
  constexpr T& operator()(I... i) const {
    return data_[map_(i...)];
  }

 private:
  T* data_ = nullptr;
  mapping_type map_{};
};

namespace detail {

// Memory for large arrays of numbers, allocated the way numpy does: blocks of 2 MiB and more are
// aligned to 2 MiB and advised MADV_HUGEPAGE, so that the kernel can map them with transparent huge
// pages (in Debian's default "madvise" mode): a load into fresh memory then takes 512 times fewer
// page faults. Smaller blocks come from malloc. Nothing is initialized.
inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

// Advises the 2 MiB-aligned part of [p, p + bytes) for huge pages.
inline void advise_huge_pages(void* p, std::size_t bytes) {
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + huge_page_bytes - 1) & ~(huge_page_bytes - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(huge_page_bytes - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

inline void* allocate_array(std::size_t bytes) {
  if (bytes < huge_page_bytes) {
    if (void* p = std::malloc(bytes ? bytes : 1)) return p;
    throw std::bad_alloc();
  }
  const auto rounded = (bytes + huge_page_bytes - 1) & ~(huge_page_bytes - 1);
  void* p = std::aligned_alloc(huge_page_bytes, rounded);
  if (!p) throw std::bad_alloc();
  advise_huge_pages(p, rounded);
  return p;
}

struct free_array {
  void operator()(void* p) const noexcept { std::free(p); }
};

template <class T>
inline constexpr bool ndarray_number = std::is_arithmetic_v<T>;
template <class F>
inline constexpr bool ndarray_number<std::complex<F>> = std::is_floating_point_v<F>;
}  // namespace detail

template <class T>
class ndarray {
  static_assert(detail::ndarray_number<T> && !std::is_const_v<T>, "dd: ndarray<T> holds numbers, bool or std::complex");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;

  // An empty 1-D array, shape (0,).
  ndarray() = default;
  // Zero-filled, like std::vector.
  explicit ndarray(std::vector<std::size_t> shape) : ndarray(std::move(shape), T{}) {}
  ndarray(std::vector<std::size_t> shape, const T& fill) {
    resize_for_overwrite(std::move(shape));
    std::fill(begin(), end(), fill);
  }
  ndarray(const ndarray& other) : shape_(other.shape_), size_(other.size_), data_(allocate(other.size_)) {
    std::copy(other.begin(), other.end(), begin());
  }
  ndarray(ndarray&&) noexcept = default;
  ndarray& operator=(const ndarray& other) {
    if (this != &other) {
      resize_for_overwrite(other.shape_);
      std::copy(other.begin(), other.end(), begin());
    }
    return *this;
  }
  ndarray& operator=(ndarray&&) noexcept = default;

  // Changes the shape; the elements are left unspecified (to be overwritten). Storage is reused when
  // the element count does not change. Throws std::length_error if the count overflows.
  void resize_for_overwrite(std::vector<std::size_t> shape) {
    const auto n = count(shape);
    if (n != size_) {
      data_ = allocate(n);
      size_ = n;
    }
    shape_ = std::move(shape);
  }
  // Same element count, new shape: numpy's reshape.
  void reshape(std::vector<std::size_t> shape) {
    if (count(shape) != size_) throw std::invalid_argument("dd::ndarray::reshape: the element count must not change");
    shape_ = std::move(shape);
  }

  const std::vector<std::size_t>& shape() const { return shape_; }
  std::size_t rank() const { return shape_.size(); }
  std::size_t extent(std::size_t r) const { return shape_[r]; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }

  // Element access by one index per dimension; at() checks the rank and the bounds.
  template <class... I>
  T& operator()(I... i) {
    return data_[offset(i...)];
  }
  template <class... I>
  const T& operator()(I... i) const {
    return data_[offset(i...)];
  }
  template <class... I>
  T& at(I... i) {
    return data_[checked_offset(i...)];
  }
  template <class... I>
  const T& at(I... i) const {
    return data_[checked_offset(i...)];
  }

  // An mdspan-like view of rank R; throws std::invalid_argument if the array's rank is not R.
  template <std::size_t R>
  ndarray_view<T, R> view() {
    return {data(), extents_of<R>()};
  }
  template <std::size_t R>
  ndarray_view<const T, R> view() const {
    return {data(), extents_of<R>()};
  }

  friend bool operator==(const ndarray& a, const ndarray& b) {
    return a.shape_ == b.shape_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  // Numbers need no construction: the storage is theirs as allocated (implicit-lifetime types).
  static std::unique_ptr<T[], detail::free_array> allocate(std::size_t n) {
    return std::unique_ptr<T[], detail::free_array>(n ? static_cast<T*>(detail::allocate_array(n * sizeof(T)))
                                                      : nullptr);
  }
  static std::size_t count(const std::vector<std::size_t>& shape) {
    std::size_t n = 1;
    for (auto d : shape) {
      if (d != 0 && n > std::numeric_limits<std::size_t>::max() / sizeof(T) / d)
        throw std::length_error("dd::ndarray: the shape has too many elements");
      n *= d;
    }
    return n;
  }
  template <class... I>
  std::size_t offset(I... i) const {
    assert(sizeof...(I) == shape_.size());
    std::size_t off = 0, r = 0;
    ((off = off * shape_[r++] + static_cast<std::size_t>(i)), ...);
    return off;
  }
  template <class... I>
  std::size_t checked_offset(I... i) const {
    static_assert((std::is_integral_v<I> && ...), "dd: ndarray indices are integers");
    if (sizeof...(I) != shape_.size())
      throw std::out_of_range("dd::ndarray::at: " + std::to_string(sizeof...(I)) + " indices for an array of rank " +
                              std::to_string(shape_.size()));
    std::size_t r = 0;
    const bool inside = ((std::cmp_greater_equal(i, 0) && std::cmp_less(i, shape_[r++])) && ...);
    if (!inside) throw std::out_of_range("dd::ndarray::at: index out of bounds");
    return offset(i...);
  }
  template <std::size_t R>
  std::array<std::size_t, R> extents_of() const {
    if (shape_.size() != R)
      throw std::invalid_argument("dd::ndarray::view<" + std::to_string(R) + ">: the array has rank " +
                                  std::to_string(shape_.size()));
    std::array<std::size_t, R> e{};
    for (std::size_t r = 0; r < R; ++r) e[r] = shape_[r];
    return e;
  }

  std::vector<std::size_t> shape_{0};
  std::size_t size_ = 0;
  std::unique_ptr<T[], detail::free_array> data_;
};

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
