// Include order 1: Boost's macros and the types first, then dd, then dd's adaptor headers.
#include <boost/describe/class.hpp>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>
#include <string>

#define DD_ORDER_NS boost_first
#include "types.hpp"

#include <dd/dd.hpp>

#include <dd/reflect/describe.hpp>
#include <dd/reflect/hana.hpp>

#include "members.hpp"

std::string boost_first_members(const std::string& file) { return boost_first::saved_members(file); }
