#pragma once
// Time units as text ("milliseconds", "1/3 seconds", "seconds since 1970-01-01 00:00:00": the CF
// convention's `units` attribute) and exact conversion of counts between units and epochs, for
// codec/chrono.hpp. No HDF5 here.
#include <cctype>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "number.hpp"

namespace dd::detail {

// One count is num/den seconds; a time point counts from `epoch` seconds after 1970-01-01 00:00 UTC.
struct time_unit {
  int128 num = 1, den = 1;
  bool time_point = false;
  long long epoch = 0;
};

struct named_unit {
  std::string_view name;
  long long num, den;
};
// The CF/UDUNITS names written for the standard periods; anything else is written as "N/D seconds".
inline constexpr named_unit written_units[] = {{"nanoseconds", 1, 1000000000},
                                               {"microseconds", 1, 1000000},
                                               {"milliseconds", 1, 1000},
                                               {"seconds", 1, 1},
                                               {"minutes", 60, 1},
                                               {"hours", 3600, 1},
                                               {"days", 86400, 1},
                                               {"weeks", 604800, 1}};
// Also read: the usual abbreviations and singular forms.
inline constexpr named_unit read_units[] = {{"ns", 1, 1000000000},
                                            {"nsec", 1, 1000000000},
                                            {"nanosecond", 1, 1000000000},
                                            {"us", 1, 1000000},
                                            {"usec", 1, 1000000},
                                            {"\xc2\xb5s", 1, 1000000},
                                            {"microsecond", 1, 1000000},
                                            {"ms", 1, 1000},
                                            {"msec", 1, 1000},
                                            {"millisecond", 1, 1000},
                                            {"s", 1, 1},
                                            {"sec", 1, 1},
                                            {"secs", 1, 1},
                                            {"second", 1, 1},
                                            {"min", 60, 1},
                                            {"mins", 60, 1},
                                            {"minute", 60, 1},
                                            {"h", 3600, 1},
                                            {"hr", 3600, 1},
                                            {"hrs", 3600, 1},
                                            {"hour", 3600, 1},
                                            {"d", 86400, 1},
                                            {"day", 86400, 1},
                                            {"week", 604800, 1}};

template <class Period>
std::string units_text(bool time_point) {
  std::string s;
  for (const auto& u : written_units)
    if (u.num == Period::num && u.den == Period::den) s = u.name;
  if (s.empty())
    s = std::to_string(Period::num) + (Period::den == 1 ? "" : "/" + std::to_string(Period::den)) + " seconds";
  return time_point ? s + " since 1970-01-01 00:00:00" : s;
}

// A cursor over the units text.
class units_reader {
 public:
  explicit units_reader(std::string_view text) : s_(text) {}
  void skip_spaces() {
    while (at_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[at_]))) ++at_;
  }
  bool done() const { return at_ == s_.size(); }
  bool next_is_digit() const { return at_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[at_])); }
  bool take(char c) {
    if (at_ < s_.size() && s_[at_] == c) return ++at_, true;
    return false;
  }
  bool take(std::string_view word) {  // case-insensitive
    if (s_.size() - at_ < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(s_[at_ + k])) != word[k]) return false;
    at_ += word.size();
    return true;
  }
  std::optional<long long> number(std::size_t max_digits = 18) {
    std::size_t k = 0;
    long long v = 0;
    while (at_ < s_.size() && k < max_digits && std::isdigit(static_cast<unsigned char>(s_[at_])))
      v = v * 10 + (s_[at_++] - '0'), ++k;
    if (k == 0) return std::nullopt;
    return v;
  }
  std::string_view word() {
    const auto begin = at_;
    while (at_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[at_]))) ++at_;
    return s_.substr(begin, at_ - begin);
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

// "YYYY-MM-DD[(T| )hh:mm[:ss[.000]]][Z| UTC| GMT|(+|-)hh[:mm]]" as seconds since the Unix epoch.
inline std::optional<long long> parse_epoch(units_reader& in) {
  using namespace std::chrono;
  const bool negative_year = in.take('-');
  const auto y = in.number(6);
  if (!y || !in.take('-')) return std::nullopt;
  const auto m = in.number(2);
  if (!m || !in.take('-')) return std::nullopt;
  const auto d = in.number(2);
  if (!d) return std::nullopt;
  const year_month_day date{year{static_cast<int>(negative_year ? -*y : *y)}, month{static_cast<unsigned>(*m)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  long long seconds = sys_days{date}.time_since_epoch().count() * 86400LL;
  const bool has_time = in.take("t") || (in.skip_spaces(), in.next_is_digit());
  if (has_time) {
    const auto hh = in.number(2);
    if (!hh || !in.take(':')) return std::nullopt;
    const auto mm = in.number(2);
    if (!mm) return std::nullopt;
    long long ss = 0;
    if (in.take(':')) {
      const auto s = in.number(2);
      if (!s) return std::nullopt;
      ss = *s;
      if (in.take('.'))
        while (in.take('0')) {}  // only a zero fraction: the epoch must be a whole second
    }
    if (*hh > 24 || *mm > 59 || ss > 60) return std::nullopt;
    seconds += *hh * 3600 + *mm * 60 + ss;
  }
  in.skip_spaces();
  if (in.done()) return seconds;
  if (in.take("z") || in.take("utc") || in.take("gmt")) {
    in.skip_spaces();
    return in.done() ? std::optional(seconds) : std::nullopt;
  }
  const bool plus = in.take('+');
  if (!plus && !in.take('-')) return std::nullopt;
  const auto oh = in.number(2);
  if (!oh) return std::nullopt;
  long long om = 0;
  if (in.take(':') || !in.done()) {  // "+05:30" or "+0530"
    const auto minutes = in.number(2);
    if (!minutes) return std::nullopt;
    om = *minutes;
  }
  in.skip_spaces();
  if (!in.done()) return std::nullopt;
  const long long offset = *oh * 3600 + om * 60;  // local time = UTC + offset
  return plus ? seconds - offset : seconds + offset;
}

inline std::optional<time_unit> parse_time_unit(std::string_view text) {
  units_reader in(text);
  time_unit unit;
  in.skip_spaces();
  if (const auto scale = in.number()) {  // "10 ms", "1/3 seconds"
    unit.num = *scale;
    if (in.take('/')) {
      const auto den = in.number();
      if (!den || *den == 0) return std::nullopt;
      unit.den = *den;
    }
    if (unit.num == 0) return std::nullopt;
    in.skip_spaces();
  }
  const auto word = in.word();
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const named_unit* found = nullptr;
  for (const auto& u : written_units)
    if (u.name == lower) found = &u;
  for (const auto& u : read_units)
    if (u.name == lower) found = &u;
  if (!found) return std::nullopt;
  unit.num *= found->num;
  unit.den *= found->den;
  // Up to 10^18 on both sides (attoseconds, or 31 billion years): conversions to any std::ratio
  // period then stay within 128 bits.
  constexpr int128 limit = 1000000000000000000;
  if (unit.num > limit || unit.den > limit) return std::nullopt;
  in.skip_spaces();
  if (in.take("since")) {
    in.skip_spaces();
    const auto epoch = parse_epoch(in);
    if (!epoch) return std::nullopt;
    unit.time_point = true;
    unit.epoch = *epoch;
  }
  in.skip_spaces();
  if (!in.done()) return std::nullopt;
  return unit;
}

enum class conversion { exact, inexact, out_of_range };

// target count = count * factor + offset, both rationals: from the file's unit and epoch to the
// destination's period (whose epoch is always the Unix epoch).
template <class Rep, class Period>
class count_converter {
 public:
  explicit count_converter(const time_unit& from)
      : factor_num_(from.num * Period::den),
        factor_den_(from.den * Period::num),
        offset_num_(static_cast<int128>(from.epoch) * Period::den),
        offset_den_(Period::num) {
    reduce(factor_num_, factor_den_);
    reduce(offset_num_, offset_den_);
  }
  bool identity() const { return factor_num_ == 1 && factor_den_ == 1 && offset_num_ == 0; }

  // An integer count.
  template <class I>
  requires std::is_integral_v<I> conversion operator()(I count, bool, bool lossy, Rep& out) const {
    if constexpr (std::is_floating_point_v<Rep>) {
      return store(static_cast<long double>(count) * scale() + offset(), lossy, out);
    } else {
      int128 product = 0;
      if (__builtin_mul_overflow(static_cast<int128>(count), factor_num_, &product))
        return store(static_cast<long double>(count) * scale() + offset(), lossy, out);
      int128 whole = product / factor_den_;
      const bool exact = product % factor_den_ == 0 && offset_den_ == 1;
      whole += offset_num_ / offset_den_;
      if (whole < static_cast<int128>(std::numeric_limits<Rep>::min()) ||
          whole > static_cast<int128>(std::numeric_limits<Rep>::max()))
        return store(static_cast<long double>(whole), lossy, out);
      out = static_cast<Rep>(whole);
      return exact ? conversion::exact : conversion::inexact;
    }
  }

  // A floating-point count; `double_precision`: it came from a float of at most 64 bits, so a whole
  // number is judged in double precision (0.1 s is 100 ms).
  conversion operator()(long double count, bool double_precision, bool lossy, Rep& out) const {
    long double v = count * scale() + offset();
    if (double_precision && std::isfinite(v)) v = static_cast<double>(v);
    return store(v, lossy, out);
  }

 private:
  static void reduce(int128& num, int128& den) {
    int128 a = num < 0 ? -num : num, b = den;
    while (b != 0) {
      const int128 t = a % b;
      a = b;
      b = t;
    }
    if (a > 1) num /= a, den /= a;
  }
  long double scale() const { return static_cast<long double>(factor_num_) / static_cast<long double>(factor_den_); }
  long double offset() const { return static_cast<long double>(offset_num_) / static_cast<long double>(offset_den_); }

  static conversion store(long double v, bool lossy, Rep& out) {
    if constexpr (std::is_floating_point_v<Rep>) {
      const bool in_range = fits<Rep>(v);
      if (in_range || lossy) out = clamp_to<Rep>(v);
      return in_range ? conversion::exact : conversion::out_of_range;
    } else {
      const bool in_range = std::isfinite(v) && v >= static_cast<long double>(std::numeric_limits<Rep>::min()) &&
                            v <= static_cast<long double>(std::numeric_limits<Rep>::max());
      out = clamp_to<Rep>(std::trunc(v));
      if (!in_range) return conversion::out_of_range;
      return std::trunc(v) == v ? conversion::exact : conversion::inexact;
    }
  }

  int128 factor_num_, factor_den_, offset_num_, offset_den_;
};

}  // namespace dd::detail
