#pragma once
// RAII owner of one hid_t: one class serves files, groups, datasets, attributes, dataspaces,
// datatypes and property lists.
#include <hdf5.h>

#include <cstddef>
#include <utility>

#include "failure.hpp"

namespace dd::h5 {

// H5S_ALL and H5T_VARIABLE without the C casts in their macros, which -Wold-style-cast reports in
// dd's code (tests/file_test.cpp checks that the values are the same).
inline constexpr hid_t all_space = 0;
inline constexpr std::size_t variable_string_size = ~std::size_t{0};

class handle {
 public:
  handle() = default;
  explicit handle(hid_t id) : id_(id) {}
  handle(hid_t id, const char* what) : id_(check(id, what)) {}
  handle(const handle&) = delete;
  handle& operator=(const handle&) = delete;
  handle(handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  handle& operator=(handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~handle() { reset(); }

  hid_t id() const noexcept { return id_; }
  explicit operator bool() const noexcept { return id_ >= 0; }
  hid_t release() noexcept { return std::exchange(id_, H5I_INVALID_HID); }

  void reset() noexcept {
    if (id_ < 0) return;
    // H5Idec_ref closes an identifier of any type the way its own close function does, without
    // first asking HDF5 which type it is (a measurable cost when loading many small members).
    H5Idec_ref(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

}  // namespace dd::h5
