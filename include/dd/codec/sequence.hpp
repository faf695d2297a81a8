#pragma once
// Sequences that are not contiguous ranges of numbers (std::deque, std::list, std::forward_list, and
// std::vector / std::array of anything that is not a number):
//   - elements a std::vector stores as one dataset — numbers or fixed blocks of numbers (array.hpp),
//     flat records (table.hpp): that same dataset, e.g. std::deque<double> -> (n,),
//     std::list<std::array<float, 3>> -> (n, 3), std::deque<Particle> -> a compound table. The
//     elements are not contiguous, so they are copied once into a buffer and written with one call;
//   - anything else: deepdish's list layout (list.hpp), which Python loads as a list.
// Loading accepts both layouts for those elements (a Python list of numbers is a list group).
#include <algorithm>
#include <cstddef>
#include <memory>
#include <iterator>
#include <string_view>
#include <type_traits>
#include <vector>

#include "classify.hpp"
#include "list.hpp"
#include "number_range.hpp"
#include "table.hpp"

namespace dd::detail {

// A contiguous buffer the array codec can write from and read into (resizable, so the file decides
// the length), without value-initialising what is about to be overwritten. Also holds bools, which
// std::vector<bool> cannot hand out as contiguous memory.
template <class T>
class staging {
 public:
  staging() = default;
  explicit staging(std::size_t n) : data_(n ? std::make_unique_for_overwrite<T[]>(n) : nullptr), size_(n) {}
  void resize(std::size_t n) {
    if (n != size_) *this = staging(n);
  }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  T* begin() { return data_.get(); }
  T* end() { return data_.get() + size_; }
  const T* begin() const { return data_.get(); }
  const T* end() const { return data_.get() + size_; }
  std::size_t size() const { return size_; }

 private:
  std::unique_ptr<T[]> data_;
  std::size_t size_ = 0;
};

// Copies the elements of range (any forward range, also a view) once and writes them as a
// std::vector of them is written.
template <class R>
void save_copied(save_context& ctx, const h5::group& parent, std::string_view name, const R& range) {
  using element_type = std::remove_cvref_t<std::ranges::range_reference_t<const R>>;
  if constexpr (block<element_type>::numeric) {
    staging<element_type> buffer(static_cast<std::size_t>(std::ranges::distance(range)));
    std::ranges::copy(range, buffer.begin());
    mapping<family::number_range>::save(ctx, parent, name, buffer);
  } else {
    const std::vector<element_type> buffer(std::ranges::begin(range), std::ranges::end(range));
    mapping<family::table>::save(ctx, parent, name, buffer);
  }
}

// Reads what save_copied wrote (or a deepdish list of such elements) into a buffer; the caller moves
// the values where they belong.
template <dataset_element T>
auto load_copied(load_context& ctx, const h5::group& parent, std::string_view name) {
  if constexpr (block<T>::numeric) {
    staging<T> buffer;
    if (const auto group = parent.try_open_group(name); group && is_list(*group)) {
      std::vector<T> elements;
      load_list(ctx, *group, elements);
      buffer.resize(elements.size());
      std::ranges::copy(elements, buffer.begin());
    } else {
      mapping<family::number_range>::load(ctx, parent, name, buffer);
    }
    return buffer;
  } else {
    std::vector<T> buffer;
    mapping<family::table>::load(ctx, parent, name, buffer);
    return buffer;
  }
}

template <class R>
void assign_from(R& range, const auto& buffer) {
  if constexpr (requires { range.assign(buffer.begin(), buffer.end()); }) {
    range.assign(buffer.begin(), buffer.end());
  } else {
    range.clear();
    for (const auto& v : buffer) range.push_back(v);
  }
}

template <>
struct mapping<family::sequence> {
  template <class R>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const R& range) {
    if constexpr (dataset_elements<R>)
      save_copied(ctx, parent, name, range);
    else
      save_list(ctx, parent, name, range);
  }

  template <class R>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, R& range) {
    if constexpr (dataset_elements<R>) {
      assign_from(range, load_copied<element_of<R>>(ctx, parent, name));
    } else {
      const auto group = parent.try_open_group(name);
      if (!group) fail_expected(ctx, parent, name, "a group titled list:N");
      load_list(ctx, *group, range);
    }
  }
};

}  // namespace dd::detail
