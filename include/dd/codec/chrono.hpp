#pragma once
// std::chrono durations and system_clock time points, unit-safe, in the CF (netCDF) convention that
// xarray and other HDF5 tools understand: a dataset holding the count (in the duration's own rep and
// period, so nothing is rounded) with a string attribute `units`:
//   std::chrono::milliseconds{1500}          -> int64 scalar dataset 1500, units "milliseconds"
//   std::chrono::duration<double>{2.5}       -> float64 2.5, units "seconds"
//   duration<int, std::ratio<1, 3>>{4}       -> int32 4, units "1/3 seconds"
//   system_clock::time_point                 -> int64 count, units "nanoseconds since 1970-01-01 00:00:00"
//                                               (Unix time, UTC) and calendar "proleptic_gregorian"
//   std::vector<std::chrono::seconds>        -> 1-D int64 dataset, units "seconds"
// A dataset rather than an attribute because the unit must travel with the number. deepdish.io.load
// gives the bare count (a numpy scalar or array); h5py the count and .attrs['units'].
// Loading converts to the destination's unit and epoch exactly, or fails: 1500 ms loads into
// seconds only under load_options::allow_lossy_conversions (truncated toward zero, as duration_cast);
// a floating-point count loads into an integer duration when it is a whole number of the unit in
// double precision (0.1 s -> 100 ms). Accepted units: ns, us, ms, s, min, h, d, week in short or long,
// singular or plural spelling, optionally scaled ("10 ms", "1/3 s"); time points "<unit> since
// YYYY-MM-DD[ hh:mm[:ss]][Z|UTC|+hh:mm]". A number without units is refused: its unit is unknown.
// steady_clock (and any clock but system_clock) has no meaning outside the running process and is a
// compile-time error.
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../h5/attributes.hpp"
#include "../h5/type.hpp"
#include "classify.hpp"
#include "compression.hpp"
#include "context.hpp"
#include "number.hpp"
#include "number_range.hpp"
#include "time_units.hpp"

namespace dd::detail {

// The duration or time point type of a chrono value: itself, or a range's element.
template <class T>
struct chrono_leaf_of {
  using type = T;
};
template <chrono_range T>
struct chrono_leaf_of<T> {
  using type = std::remove_cv_t<std::ranges::range_value_t<T>>;
};

template <>
struct mapping<family::chrono> {
  template <class T>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const T& value) {
    using traits = chrono_traits<leaf_of<T>>;
    using rep = typename traits::rep;
    static_assert(h5::number<rep>, "dd: a duration whose rep is not a number type cannot be stored");
    std::vector<hsize_t> dims;
    const void* memory = nullptr;
    rep one{};
    if constexpr (chrono_leaf<T>) {
      one = traits::count(value);
      memory = &one;
    } else {
      static_assert(sizeof(leaf_of<T>) == sizeof(rep), "dd: a duration must be laid out as its rep");
      dims.push_back(std::ranges::size(value));
      memory = std::ranges::data(value);
    }
    const auto storage = dims.empty() ? h5::handle() : storage_for(ctx, dims, sizeof(rep));
    const auto dataset = parent.create_dataset(name, h5::file_type<rep>(), dims,
                                               storage ? storage.id() : ctx.props.dataset_plain.id(), ctx.props);
    if (dims.empty() || dims[0] != 0) dataset.write(h5::memory_type<rep>(), memory);
    h5::write_string_attribute(dataset.id(), "units", units_text<typename traits::period>(traits::time_point),
                               ctx.props);
    if constexpr (traits::time_point)
      h5::write_string_attribute(dataset.id(), "calendar", "proleptic_gregorian", ctx.props);
  }

  template <class T>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, T& value) {
    using traits = chrono_traits<leaf_of<T>>;
    const auto src = find_data(parent, name, false);
    if (!src) fail_expected(ctx, parent, name, expected<T>());
    if (src->is_attribute())
      ctx.fail("expected " + expected<T>() + ", found an attribute of " + h5::to_string(src->info()) +
               ", which has no units");
    const auto units = h5::read_string_attribute(src->id(), "units");
    if (!units) ctx.fail("expected " + expected<T>() + ", found a dataset without a 'units' attribute");
    const auto unit = parse_time_unit(*units);
    if (!unit)
      ctx.fail("cannot read the units '" + *units + "' (expected e.g. 'milliseconds' or 'seconds since 1970-01-01')");
    if (unit->time_point != traits::time_point)
      ctx.fail("expected " + expected<T>() + ", found " + (unit->time_point ? "time points" : "durations") + " in '" +
               *units + "'");
    const auto ext = src->extent();
    if constexpr (chrono_leaf<T>) {
      if (ext.null || ext.elements() != 1) ctx.fail("expected one value, found shape " + h5::to_string(ext));
      read_leaves(ctx, *src, *unit, *units, &value, 1);
    } else {
      if (ext.null || ext.dims.size() != 1) ctx.fail("expected shape (*,), found " + h5::to_string(ext));
      const auto n = static_cast<std::size_t>(ext.dims[0]);
      require_backed(ctx, *src, n, sizeof(typename traits::rep));
      if (!hold_elements(value, n))
        ctx.fail("expected shape (" + std::to_string(std::ranges::size(value)) + ",), found " + h5::to_string(ext));
      if (n != 0) read_leaves(ctx, *src, *unit, *units, std::ranges::data(value), n);
    }
  }

 private:
  template <class T>
  using leaf_of = typename chrono_leaf_of<T>::type;

  template <class T>
  static std::string expected() {
    using traits = chrono_traits<leaf_of<T>>;
    return std::string(traits::time_point ? "time points" : "a duration") + " (a dataset with units, e.g. '" +
           units_text<typename traits::period>(traits::time_point) + "')";
  }

  // Reads n counts in `unit` into leaves, converted to their own unit and epoch.
  template <class Leaf>
  static void read_leaves(const load_context& ctx, const h5::data& src, const time_unit& unit, const std::string& units,
                          Leaf* out, std::size_t n) {
    using traits = chrono_traits<Leaf>;
    using rep = typename traits::rep;
    const count_converter<rep, typename traits::period> convert(unit);
    const auto from = src.info();
    const bool floating_file = from.kind == h5::type_kind::floating;
    if (convert.identity() && (std::is_floating_point_v<rep> || !floating_file)) {
      static_assert(sizeof(Leaf) == sizeof(rep), "dd: a duration must be laid out as its rep");
      return read_numbers(ctx, src, reinterpret_cast<rep*>(out), n);  // same unit: straight into memory
    }
    const auto apply = [&](auto count, std::size_t k) {
      rep result{};
      const auto status = convert(count, from.size <= sizeof(double), ctx.options.allow_lossy_conversions, result);
      if (status != conversion::exact && !ctx.options.allow_lossy_conversions)
        ctx.fail("value " + number_to_string(count) + " in '" + units + "'" +
                 (n > 1 ? " at index " + std::to_string(k) : "") +
                 (status == conversion::inexact ? " is not a whole number of "
                                                : " does not fit " + h5::type_name<rep>() + " ") +
                 units_text<typename traits::period>(false) +
                 " (load_options::allow_lossy_conversions converts anyway, truncating)");
      out[k] = traits::from_count(result);
    };
    if (floating_file) {
      std::vector<long double> counts(n);
      read_numbers(ctx, src, counts.data(), n);
      for (std::size_t k = 0; k < n; ++k) apply(counts[k], k);
    } else if (from.kind == h5::type_kind::unsigned_integer) {
      std::vector<unsigned long long> counts(n);
      read_numbers(ctx, src, counts.data(), n);
      for (std::size_t k = 0; k < n; ++k) apply(counts[k], k);
    } else {
      std::vector<long long> counts(n);
      read_numbers(ctx, src, counts.data(), n);
      for (std::size_t k = 0; k < n; ++k) apply(counts[k], k);
    }
  }
};

}  // namespace dd::detail
