#pragma once
// Names with a meaning in deepdish's format (the layout is described in docs/design.md and docs/types/).
#include <string_view>
#include <utility>

namespace dd::detail::deepdish {

inline constexpr int io_version = 12;
inline constexpr const char* version_attribute = "DEEPDISH_IO_VERSION";
inline constexpr const char* unpack_attribute = "DEEPDISH_IO_DEEPDISH_IO_UNPACK";  // the doubled prefix is deepdish's
inline constexpr const char* title_attribute = "TITLE";
inline constexpr const char* top_level_name = "data";
// deepdish writes an empty array as the int64 vector of its shape, marked with this attribute.
inline constexpr const char* zero_size_attribute = "zeroarray_dtype";

// The attributes of a pickled value (a PyTables VLArray of Python objects).
inline constexpr std::pair<const char*, const char*> pickle_attributes[] = {
    {"CLASS", "VLARRAY"}, {"PSEUDOATOM", "object"}, {"VERSION", "1.4"}, {"TITLE", ""}};

// Attributes PyTables and deepdish keep for themselves: never user data when a group is read as a map.
constexpr bool is_bookkeeping(std::string_view name) {
  for (std::string_view reserved :
       {"CLASS", "VERSION", "TITLE", "FLAVOR", "FILTERS", "PSEUDOATOM", "NROWS", "EXTDIM", "ENCODING",
        "PYTABLES_FORMAT_VERSION", "AUTO_INDEX", "DIRTY", "NODE_TYPE", "NODE_TYPE_VERSION"})
    if (name == reserved) return true;
  return name.starts_with("FIELD_") || name.starts_with("DEEPDISH_IO");
}

// Why a member name cannot be stored as it is, or nullptr if it can. deepdish refuses '', '.', names
// containing '/', `_c_`/`_f_`/`_g_`/`_v_` prefixes (PyTables' natural naming) and `__members__`, and
// silently drops PyTables' bookkeeping names on load.
constexpr const char* name_problem(std::string_view name) {
  if (name.empty()) return "an empty name cannot be an HDF5 name";
  if (name == "." || name.find('/') != std::string_view::npos) return "cannot be an HDF5 name (contains '/' or is '.')";
  if (is_bookkeeping(name)) return "is reserved by deepdish/PyTables";
  if (name == "__members__" || (name.size() >= 3 && name[0] == '_' && name[2] == '_' &&
                                (name[1] == 'c' || name[1] == 'f' || name[1] == 'g' || name[1] == 'v')))
    return "is reserved by PyTables natural naming (deepdish cannot load it)";
  return nullptr;
}

}  // namespace dd::detail::deepdish
