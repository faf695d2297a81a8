// STUB (being written): round trips and fixtures for the containers families.
#include <doctest/doctest.h>

#include <dd/dd.hpp>
