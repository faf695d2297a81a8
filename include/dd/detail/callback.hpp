#pragma once
// A reference to a callable (like C++26's std::function_ref): the code around a call — opening a file,
// turning failures into one dd::error, a checking child process — takes one, and is compiled once
// instead of once per loaded or saved type. The callable must outlive the call that receives it.
#include <memory>
#include <type_traits>
#include <utility>

namespace dd::detail {

template <class... Args>
class callback {
 public:
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, callback> && std::is_invocable_v<F&, Args...>)
  callback(F&& f)  // implicit: a lambda is passed where a callback is taken
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) {
          (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}

  void operator()(Args... args) const { call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  void (*call_)(void*, Args...);
};

}  // namespace dd::detail
