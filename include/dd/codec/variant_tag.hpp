#pragma once
// The tag that says which alternative of a std::variant is stored (variant.hpp): an int64 attribute
// "DEEPDISH_IO_VARIANT:<name>" on the parent of the value `name`. Apart from variant.hpp because a
// shared_ptr to a variant, stored as a soft link, needs the tag beside the link too (pointer.hpp).
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "../h5/attributes.hpp"
#include "../h5/type.hpp"
#include "classify.hpp"
#include "context.hpp"

namespace dd::detail {

inline constexpr std::string_view variant_tag_prefix = "DEEPDISH_IO_VARIANT:";

inline std::string variant_tag_name(std::string_view name) {
  std::string tag(variant_tag_prefix);
  tag += name;
  return tag;
}

inline void write_variant_tag(save_context& ctx, const h5::group& parent, std::string_view name, std::size_t index) {
  const auto value = static_cast<std::int64_t>(index);
  h5::write_attribute(parent.id(), variant_tag_name(name), h5::file_type<std::int64_t>(),
                      h5::memory_type<std::int64_t>(), &value, ctx.props);
}

}  // namespace dd::detail
