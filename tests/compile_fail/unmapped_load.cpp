#include <dd/dd.hpp>

#include <memory>

struct Holder {
  std::weak_ptr<int> observer;
};

int main() { (void)dd::load<Holder>("x.h5"); }
