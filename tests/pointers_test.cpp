// STUB (being written): round trips and fixtures for the pointers families.
#include <doctest/doctest.h>

#include <dd/dd.hpp>
