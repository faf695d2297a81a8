#pragma once
// The C++ data of the workloads in README.md, shared by the dd side and the raw C
// baseline, and the values they are filled with.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

namespace bench {

// W1: float64 (4096, 8192), values i * 0.5 in row-major order.
inline constexpr std::size_t w1_rows = 4096;
inline constexpr std::size_t w1_cols = 8192;
using w1_row = std::array<double, w1_cols>;
using w1_data = std::vector<w1_row>;
inline constexpr double w1_bytes = double(w1_rows * w1_cols * sizeof(double));

inline void w1_fill(double* p, std::size_t n, double scale = 0.5) {
  for (std::size_t i = 0; i < n; ++i) p[i] = double(i) * scale;
}

// W2: the deepdish blog example, {data: float32 (100, 3, 32, 32), label: float32 (100)}.
inline constexpr std::size_t w2_rows = 100;
using w2_image = std::array<std::array<std::array<float, 32>, 32>, 3>;
struct w2_sample {
  std::vector<w2_image> data;
  std::vector<float> label;
  bool operator==(const w2_sample&) const = default;
};
inline constexpr double w2_bytes = double(w2_rows * sizeof(w2_image) + w2_rows * sizeof(float));

// zeros as the workload says; `pattern` gives every element a distinct value, for the correctness check.
inline w2_sample w2_make(bool pattern) {
  w2_sample s;
  s.data.resize(w2_rows);
  s.label.resize(w2_rows);
  if (pattern) {
    auto* p = &s.data[0][0][0][0];
    for (std::size_t i = 0; i < w2_rows * 3 * 32 * 32; ++i) p[i] = float(i % 100000) * 0.25f + 1;
    for (std::size_t i = 0; i < w2_rows; ++i) s.label[i] = float(i) + 0.5f;
  }
  return s;
}

// W3: a config of 40 fields (10 int64, 10 double, 10 strings of ~12 characters, 5 bool, 5 int64
// arrays of 8) and a nested struct of 10 doubles.
struct w3_nested {
  double x0, x1, x2, x3, x4, x5, x6, x7, x8, x9;
  bool operator==(const w3_nested&) const = default;
};
using w3_ints = std::array<std::int64_t, 8>;
struct w3_config {
  std::int64_t i0, i1, i2, i3, i4, i5, i6, i7, i8, i9;
  double d0, d1, d2, d3, d4, d5, d6, d7, d8, d9;
  std::string s0, s1, s2, s3, s4, s5, s6, s7, s8, s9;
  bool b0, b1, b2, b3, b4;
  w3_ints a0, a1, a2, a3, a4;
  w3_nested nested;
  bool operator==(const w3_config&) const = default;
};

// Pointers to the fields by kind, in declaration order: what the C baseline walks.
template <class C>
struct w3_view_of {
  static constexpr const char* int_names[10] = {"i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"};
  static constexpr const char* double_names[10] = {"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9"};
  static constexpr const char* string_names[10] = {"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"};
  static constexpr const char* bool_names[5] = {"b0", "b1", "b2", "b3", "b4"};
  static constexpr const char* array_names[5] = {"a0", "a1", "a2", "a3", "a4"};
  static constexpr const char* nested_names[10] = {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"};
  template <class T>
  using ptr = std::conditional_t<std::is_const_v<C>, const T*, T*>;
  ptr<std::int64_t> i[10];
  ptr<double> d[10];
  ptr<std::string> s[10];
  ptr<bool> b[5];
  ptr<w3_ints> a[5];
  ptr<double> x[10];
};
template <class C>
w3_view_of<C> w3_view(C& c) {
  return {{&c.i0, &c.i1, &c.i2, &c.i3, &c.i4, &c.i5, &c.i6, &c.i7, &c.i8, &c.i9},
          {&c.d0, &c.d1, &c.d2, &c.d3, &c.d4, &c.d5, &c.d6, &c.d7, &c.d8, &c.d9},
          {&c.s0, &c.s1, &c.s2, &c.s3, &c.s4, &c.s5, &c.s6, &c.s7, &c.s8, &c.s9},
          {&c.b0, &c.b1, &c.b2, &c.b3, &c.b4},
          {&c.a0, &c.a1, &c.a2, &c.a3, &c.a4},
          {&c.nested.x0, &c.nested.x1, &c.nested.x2, &c.nested.x3, &c.nested.x4, &c.nested.x5, &c.nested.x6,
           &c.nested.x7, &c.nested.x8, &c.nested.x9}};
}

inline w3_config w3_make(int seed) {
  w3_config c{};
  auto v = w3_view(c);
  for (int k = 0; k < 10; ++k) {
    *v.i[k] = 1000 * seed + 7 * k - 20;
    *v.d[k] = seed * 0.001 + k * 0.1 + 1e-9;
    char text[32];
    std::snprintf(text, sizeof text, "config-s%d-%03d", k, seed % 1000);  // 13 characters
    *v.s[k] = text;
    *v.x[k] = k * 1.5 - seed;
  }
  for (int k = 0; k < 5; ++k) {
    *v.b[k] = (k + seed) % 2 == 0;
    for (int j = 0; j < 8; ++j) (*v.a[k])[std::size_t(j)] = std::int64_t(seed) * 100 + k * 8 + j;
  }
  return c;
}

// W4: 10,000 keys "k00000".."k09999", 16 doubles each.
inline constexpr std::size_t w4_keys = 10000;
inline constexpr std::size_t w4_values = 16;
using w4_data = std::map<std::string, std::vector<double>>;

inline w4_data w4_make() {
  w4_data m;
  for (std::size_t k = 0; k < w4_keys; ++k) {
    char key[16];
    std::snprintf(key, sizeof key, "k%05zu", k);
    std::vector<double> v(w4_values);
    for (std::size_t j = 0; j < w4_values; ++j) v[j] = double(k) + double(j) / 16.0;
    m.emplace_hint(m.end(), key, std::move(v));
  }
  return m;
}

}  // namespace bench
