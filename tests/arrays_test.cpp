// STUB (being written): round trips and fixtures for the arrays families.
#include <doctest/doctest.h>

#include <dd/dd.hpp>
