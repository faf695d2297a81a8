#pragma once
// Every HDF5 call in dd goes through check(): a negative result becomes an h5::failure carrying
// what dd was doing and the text of HDF5's error stack. HDF5's own stderr printing is switched off
// for the duration of a dd call (quiet_errors) and restored afterwards, so the user's settings survive.
#include <hdf5.h>

#if __has_include(<sys/single_threaded.h>)
#include <sys/single_threaded.h>
#endif

#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace dd::h5 {

class failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
inline herr_t collect_error(unsigned n, const H5E_error2_t* e, void* out) {
  auto& text = *static_cast<std::string*>(out);
  if (n < 3 && e->desc && *e->desc) {  // the innermost few frames say what went wrong; deeper ones repeat it
    text += n == 0 ? " (HDF5: " : "; ";
    for (const char* c = e->desc; *c; ++c) text += (*c == '\n' || *c == '\r') ? ' ' : *c;  // one line per problem
  }
  return 0;
}
}  // namespace detail

// The HDF5 error stack of this thread as one line, then cleared.
inline std::string take_error_stack() {
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, detail::collect_error, &text);
  H5Eclear2(H5E_DEFAULT);
  if (!text.empty()) text += ')';
  return text;
}

[[noreturn]] inline void fail(const std::string& what) { throw failure(what + take_error_stack()); }

template <class R>
R check(R result, const char* what) {
  if (result < 0) fail(what);
  return result;
}

// The lock every dd call into HDF5 holds. HDF5 serializes its calls anyway (Debian builds it
// thread-safe); holding dd's own lock as well makes dd's objects (a dd::file shared by threads) safe,
// and lets an untrusted load fork while no other thread is inside HDF5 through dd.
inline std::recursive_mutex& library_lock() {
  static std::recursive_mutex lock;
  return lock;
}

// No second thread has ever run in this process (glibc's __libc_single_threaded): none can be inside dd.
inline bool single_threaded() noexcept {
#if __has_include(<sys/single_threaded.h>)
  return __libc_single_threaded != 0;
#else
  return false;
#endif
}

// The library lock, unless the process has only one thread (glibc knows: no thread was ever created),
// when no other thread can be inside dd. Calls as frequent as dd::file::append skip the lock's cost
// this way, as libstdc++ does for shared_ptr counts; a thread created later cannot be inside the call.
class [[nodiscard]] lock_if_threaded {
 public:
  lock_if_threaded() {
    if (!single_threaded()) lock_ = std::unique_lock(library_lock());
  }

 private:
  std::unique_lock<std::recursive_mutex> lock_;
};

// Only the outermost of nested scopes (a dd call made by another) switches printing off and back.
class quiet_errors {
 public:
  quiet_errors() {
    if (depth()++ > 0) return;
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~quiet_errors() {
    if (--depth() == 0) H5Eset_auto2(H5E_DEFAULT, func_, data_);
  }
  quiet_errors(const quiet_errors&) = delete;
  quiet_errors& operator=(const quiet_errors&) = delete;

 private:
  static int& depth() {
    thread_local int nested = 0;
    return nested;
  }
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// The HDF5 objects a dd call made for its own use and keeps until it ends (the datatypes of enums and
// complex numbers: h5::made_per_call). Nothing outlives the call: a program may shut HDF5 down (H5close)
// between dd calls, which frees every id, and the next start gives the same numbers to new objects,
// so an id kept from an earlier call could name some other object.
class call_objects {
 public:
  // Changes when a call ends: what was made in an earlier call is gone.
  static unsigned call() { return state().call; }
  static bool in_call() { return state().depth > 0; }
  static void keep(hid_t id) { state().ids.push_back(id); }

 private:
  friend class call_scope;
  struct objects {
    int depth = 0;  // nested dd calls (a dd call made by another)
    unsigned call = 1;
    std::vector<hid_t> ids;
  };
  static objects& state() {
    thread_local objects s;
    return s;
  }
  static void enter() { ++state().depth; }
  static void leave() {
    auto& s = state();
    if (--s.depth > 0) return;
    for (const hid_t id : s.ids) H5Idec_ref(id);
    s.ids.clear();
    ++s.call;
  }
};

// What every public dd function does first: take the library lock, and keep HDF5 from printing. The
// outermost scope closes what the call made (call_objects).
class call_scope {
 public:
  call_scope() { call_objects::enter(); }
  ~call_scope() { call_objects::leave(); }
  call_scope(const call_scope&) = delete;
  call_scope& operator=(const call_scope&) = delete;

 private:
  std::lock_guard<std::recursive_mutex> lock_{library_lock()};
  quiet_errors quiet_;
};

}  // namespace dd::h5
