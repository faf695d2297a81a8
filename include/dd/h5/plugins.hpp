#pragma once
// HDF5 filter plugins: which Debian package ships which filter, where HDF5 looks for them, and whether
// one can compress (save) or decompress (load) right now.
//
// HDF5 loads a plugin filter on first use from HDF5_PLUGIN_PATH, or when that is unset from its
// built-in directory, which on Debian is /usr/lib/<multiarch>/hdf5/serial/plugins — where the plugin
// packages install. If a filter is still missing, dd appends the fallback directories (below) to
// HDF5's search path (H5PLappend) and asks again, so a HDF5_PLUGIN_PATH pointing elsewhere does not
// hide Debian's plugins.
#include <dlfcn.h>
#include <glob.h>
#include <hdf5.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

#include "handle.hpp"

namespace dd::h5 {

// A filter that comes from a plugin, and the Debian package that ships it.
struct plugin_filter {
  H5Z_filter_t id;
  const char* name;
  const char* debian_package;
};
inline constexpr plugin_filter blosc_plugin{32001, "blosc", "hdf5-filter-plugin-blosc-serial"};
inline constexpr plugin_filter lz4_plugin{32004, "lz4", "hdf5-filter-plugin"};
inline constexpr plugin_filter bitshuffle_plugin{32008, "bitshuffle", "bitshuffle"};
inline constexpr plugin_filter bzip2_plugin{307, "bzip2", "hdf5-filter-plugin"};
inline constexpr plugin_filter lzf_plugin{32000, "lzf", "hdf5-plugin-lzf"};
inline constexpr plugin_filter zfp_plugin{32013, "zfp", "hdf5-filter-plugin-zfp-serial"};

// Where dd looks for a filter plugin that HDF5 did not find: the directories in the environment
// variable DD_PLUGIN_FALLBACK_DIRS if it is set (':'-separated; empty: nowhere), otherwise in the
// macro of the same name, whose default is Debian's plugin directories and HDF5's upstream default.
// A '*' matches within one path component. Only existing directories are returned.
#ifndef DD_PLUGIN_FALLBACK_DIRS
#define DD_PLUGIN_FALLBACK_DIRS "/usr/lib/*/hdf5/serial/plugins:/usr/local/hdf5/lib/plugin"
#endif

inline std::vector<std::string> plugin_fallback_dirs() {
  const char* configured = std::getenv("DD_PLUGIN_FALLBACK_DIRS");
  const std::string patterns = configured ? configured : DD_PLUGIN_FALLBACK_DIRS;
  std::vector<std::string> found;
  for (std::size_t start = 0; start <= patterns.size();) {
    const auto end = std::min(patterns.find(':', start), patterns.size());
    const auto pattern = patterns.substr(start, end - start);
    start = end + 1;
    if (pattern.empty()) continue;
    glob_t matches{};
    if (::glob(pattern.c_str(), GLOB_ONLYDIR, nullptr, &matches) == 0) {
      for (std::size_t i = 0; i < matches.gl_pathc; ++i) {
        std::error_code ec;
        if (std::filesystem::is_directory(matches.gl_pathv[i], ec)) found.emplace_back(matches.gl_pathv[i]);
      }
    }
    ::globfree(&matches);
  }
  return found;
}

// The directories HDF5 searches for plugins, in order.
inline std::vector<std::string> plugin_search_path() {
  std::vector<std::string> out;
  unsigned n = 0;
  if (H5PLsize(&n) < 0) n = 0;
  for (unsigned i = 0; i < n; ++i) {
    const ssize_t len = H5PLget(i, nullptr, 0);
    if (len < 0) continue;
    std::string dir(static_cast<std::size_t>(len) + 1, '\0');
    H5PLget(i, dir.data(), dir.size());
    dir.resize(static_cast<std::size_t>(len));
    out.push_back(std::move(dir));
  }
  H5Eclear2(H5E_DEFAULT);
  return out;
}

namespace detail {
inline std::mutex& plugin_mutex() {
  static std::mutex m;
  return m;
}

// HDF5_PLUGIN_PRELOAD="::" or H5PLset_loading_state can switch plugin loading off.
inline bool plugins_enabled() {
  unsigned mask = 0;
  if (H5PLget_loading_state(&mask) < 0) return (void)H5Eclear2(H5E_DEFAULT), true;
  return (mask & H5PL_FILTER_PLUGIN) != 0;
}

// blosc's plugin keeps a global context that it never frees. HDF5 unloads plugins when the process
// ends, which turns that context into a leak report in every ASan/LSan run of a program that read or
// wrote blosc data. An exit handler registered after HDF5's own (so it runs before it) keeps an
// already loaded libblosc until the end (RTLD_NODELETE): its context stays reachable; nothing else
// changes. Registered by the first file dd opens or creates.
inline void pin_plugins_at_exit() { dlopen("libblosc.so.1", RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE); }
inline void keep_plugins_until_exit() {
  static const bool registered = std::atexit(pin_plugins_at_exit) == 0;
  (void)registered;
}

// Whether HDF5 has filter `id` with this capability (H5Z_FILTER_CONFIG_ENCODE_ENABLED or _DECODE_),
// loading its plugin if it can; if not, appends Debian's plugin directories it does not search yet
// and asks once more.
inline bool filter_can(H5Z_filter_t id, unsigned capability) {
  auto ask = [&] {
    unsigned config = 0;
    const bool ok = H5Zfilter_avail(id) > 0 && H5Zget_filter_info(id, &config) >= 0 && (config & capability);
    H5Eclear2(H5E_DEFAULT);
    return ok;
  };
  if (ask()) return true;
  if (!plugins_enabled()) return false;
  const auto searched = plugin_search_path();
  bool added = false;
  for (const auto& dir : plugin_fallback_dirs()) {
    if (std::find(searched.begin(), searched.end(), dir) != searched.end()) continue;
    if (H5PLappend(dir.c_str()) >= 0) added = true;
    H5Eclear2(H5E_DEFAULT);
  }
  return added && ask();
}

inline std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s.empty() ? "nowhere" : s;
}

// Why filter f cannot be used, and what to install.
inline std::string unavailable(const plugin_filter& f, unsigned capability) {
  const std::string what = std::string("the ") + f.name + " filter (HDF5 filter " + std::to_string(f.id) + ")";
  if (H5Zfilter_avail(f.id) > 0) {
    H5Eclear2(H5E_DEFAULT);
    return what + (capability == H5Z_FILTER_CONFIG_ENCODE_ENABLED ? " is installed but cannot compress"
                                                                  : " is installed but cannot decompress");
  }
  H5Eclear2(H5E_DEFAULT);
  if (!plugins_enabled())
    return what +
           " is not available: HDF5's plugin loading is switched off (HDF5_PLUGIN_PRELOAD=\"::\" or "
           "H5PLset_loading_state)";
  const std::string package = f.debian_package ? f.debian_package : "";
  return what + " is not available: " +
         (package.empty() ? std::string("install an HDF5 plugin that provides it")
                          : "install the Debian package " + package + " (apt-get install " + package + ")") +
         "; HDF5 looked for its plugin in " + joined(plugin_search_path());
}
}  // namespace detail

// "" if HDF5 can compress with f; otherwise what is wrong and how to fix it.
inline std::string encoder_problem(const plugin_filter& f) {
  std::lock_guard lock(detail::plugin_mutex());
  if (detail::filter_can(f.id, H5Z_FILTER_CONFIG_ENCODE_ENABLED)) return {};
  return detail::unavailable(f, H5Z_FILTER_CONFIG_ENCODE_ENABLED);
}

// "" if HDF5 can decompress every filter of this dataset (finding Debian's plugins if it could not
// at first); otherwise which filter is missing and what to install. For a read that failed.
inline std::string decoder_problem(hid_t dataset) {
  handle dcpl(H5Dget_create_plist(dataset));
  const int n = dcpl ? H5Pget_nfilters(dcpl.id()) : -1;
  std::lock_guard lock(detail::plugin_mutex());
  for (int i = 0; i < n; ++i) {
    unsigned flags = 0, config = 0;
    std::size_t count = 0;
    char name[64] = {};
    const H5Z_filter_t id =
        H5Pget_filter2(dcpl.id(), static_cast<unsigned>(i), &flags, &count, nullptr, sizeof name, name, &config);
    if (id < 0 || detail::filter_can(id, H5Z_FILTER_CONFIG_DECODE_ENABLED)) continue;
    plugin_filter f{id, name[0] ? name : "unnamed", nullptr};
    for (const auto& known : {blosc_plugin, lz4_plugin, bitshuffle_plugin, bzip2_plugin, lzf_plugin, zfp_plugin})
      if (known.id == id) f = {id, known.name, known.debian_package};
    return "cannot decompress: " + detail::unavailable(f, H5Z_FILTER_CONFIG_DECODE_ENABLED);
  }
  H5Eclear2(H5E_DEFAULT);
  return {};
}

}  // namespace dd::h5
