// A struct member of a type dd cannot map: one error, starting with "dd:", naming both ways out.
#include <dd/dd.hpp>

struct Node {
  int* next;
};

int main() { dd::save("x.h5", Node{}); }
