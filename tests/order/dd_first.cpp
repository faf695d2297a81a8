// Include order 2: dd first, then Boost's macros and the types; dd's adaptor headers never named.
#include <dd/dd.hpp>

#include <boost/describe/class.hpp>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>
#include <string>

#define DD_ORDER_NS dd_first
#include "types.hpp"

#include "members.hpp"

std::string dd_first_members(const std::string& file) { return dd_first::saved_members(file); }
