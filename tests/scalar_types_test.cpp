// STUB (being written): round trips and fixtures for the scalar_types families.
#include <doctest/doctest.h>

#include <dd/dd.hpp>
