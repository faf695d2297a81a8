#pragma once
// std::unique_ptr<T> and std::shared_ptr<T>. A null pointer is deepdish's None (a "nonetype:" group,
// like an empty optional); a non-null one is stored exactly as the object it points to.
//
// Sharing: the first time a save meets a shared object it is written at that place and its path
// remembered; every later shared_ptr to the same object becomes an HDF5 soft link to that absolute
// path (deepdish's convention, so Python deepdish loads the same object twice, identical). The path is
// remembered BEFORE the object's members are written, so a struct that reaches itself through
// shared_ptrs (a cycle) ends in a link back, not an endless recursion. An object stored as an
// attribute (a number or string: shared_ptr<int>) cannot be linked to and is written again at each
// reference; it loads back as separate objects. A link to a variant gets the variant's tag beside it.
//
// Loading: every shared_ptr whose link reaches the same HDF5 object (soft links resolved, hard links
// too) gets the same C++ object, registered before its members are loaded, so cycles in the file load
// as cycles of shared_ptrs. A unique_ptr cannot share: a unique_ptr whose link leads back to an object
// that is still being loaded (a cycle) is an error, and two links to one object load as two copies.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "../h5/links.hpp"
#include "../reflect/type_name.hpp"
#include "classify.hpp"
#include "context.hpp"
#include "node.hpp"
#include "optional.hpp"
#include "variant_tag.hpp"

namespace dd::detail {

template <>
struct mapping<family::pointer> {
  template <class P>
  static void save(save_context& ctx, const h5::group& parent, std::string_view name, const P& pointer) {
    using T = typename P::element_type;
    static_assert(!std::is_polymorphic_v<T>,
                  "dd: a pointer to a polymorphic type would be saved as its static type only (sliced); store the "
                  "concrete type, or specialize dd::codec for this pointer type");
    if (!pointer) return save_none(ctx, parent, name);
    if constexpr (is_shared_pointer<P>)
      save_shared(ctx, parent, name, *pointer);
    else
      save_inner(ctx, parent, name, *pointer);
  }

  template <class P>
  static void load(load_context& ctx, const h5::group& parent, std::string_view name, P& pointer) {
    using T = std::remove_cv_t<typename P::element_type>;
    static_assert(std::is_default_constructible_v<T>,
                  "dd: loading a pointer to T needs a default-constructible T (the object is created, then loaded "
                  "into); add a default constructor or specialize dd::codec<T>");
    if (holds_none(ctx, parent, name)) return pointer.reset();
    if constexpr (is_shared_pointer<P>)
      pointer = load_shared<T>(ctx, parent, name);
    else
      load_unique(ctx, parent, name, pointer);
  }

 private:
  // What identifies "the same object" besides its address or HDF5 identity: the C++ type, because an
  // object and its first member share an address (an aliasing shared_ptr), and one HDF5 node may be
  // loaded through shared_ptrs of different types.
  template <class T>
  static std::string keyed(std::string id) {
    id += '\0';  // never part of an HDF5 path
    id += reflect::type_name<std::remove_cv_t<T>>();
    return id;
  }

  template <class T>
  static void save_shared(save_context& ctx, const h5::group& parent, std::string_view name, const T& object) {
    const void* address = std::addressof(object);
    if (const auto seen = ctx.saved_objects.find(address); seen != ctx.saved_objects.end()) {
      const auto& entry = seen->second;  // path '\0' type name
      const auto first_path = entry.substr(0, entry.find('\0'));
      if (keyed<T>(first_path) != entry) return save_inner(ctx, parent, name, object);  // another type: stored again
      h5::create_soft_link(parent, name, first_path, ctx.props);
      if constexpr (variant_like<T>) write_variant_tag(ctx, parent, name, object.index());  // the tag is beside
      return;
    }
    ctx.saved_objects.emplace(address, keyed<T>(ctx.path_of(parent, name)));
    save_inner(ctx, parent, name, object);
    // An attribute cannot be the target of a link: later references store the value again.
    if (!parent.has_link(name)) ctx.saved_objects.erase(address);
  }

  template <class T>
  static std::shared_ptr<T> load_shared(load_context& ctx, const h5::group& parent, std::string_view name) {
    const auto object = parent.open_object(name);
    if (!object) {  // an attribute: a value of its own, never shared
      auto fresh = std::make_shared<T>();
      load_inner(ctx, parent, name, *fresh);
      return fresh;
    }
    const auto key = keyed<T>(h5::object_identity(object.id()));
    if (const auto loaded = ctx.loaded_objects.find(key); loaded != ctx.loaded_objects.end())
      return std::static_pointer_cast<T>(loaded->second);
    auto fresh = std::make_shared<T>();
    ctx.loaded_objects.emplace(key, fresh);  // before the members: a link back to it finds it
    load_inner(ctx, parent, name, *fresh);
    return fresh;
  }

  // Marks an HDF5 object as being loaded into a unique_ptr for the lifetime of the guard.
  class loading_guard {
   public:
    loading_guard(load_context& ctx, std::string key) : ctx_(ctx), key_(std::move(key)) {
      ctx_.loaded_objects.emplace(key_, nullptr);
    }
    ~loading_guard() { ctx_.loaded_objects.erase(key_); }
    loading_guard(const loading_guard&) = delete;
    loading_guard& operator=(const loading_guard&) = delete;

   private:
    load_context& ctx_;
    std::string key_;
  };

  template <class P>
  static void load_unique(load_context& ctx, const h5::group& parent, std::string_view name, P& pointer) {
    using T = std::remove_cv_t<typename P::element_type>;
    std::optional<loading_guard> guard;
    if (const auto object = parent.open_object(name)) {
      auto key = "\1unique:" + h5::object_identity(object.id());
      if (ctx.loaded_objects.contains(key)) {
        const auto target = h5::soft_link_target(parent, name);
        ctx.fail("a cycle: this link leads back to " + (target.empty() ? std::string("an object") : target) +
                 ", which is still being loaded; a std::unique_ptr cannot hold a cycle (use std::shared_ptr)");
      }
      guard.emplace(ctx, std::move(key));
    }
    if constexpr (std::is_const_v<typename P::element_type>) {
      auto fresh = std::make_unique<T>();
      load_inner(ctx, parent, name, *fresh);
      pointer = std::move(fresh);
    } else {
      if (!pointer) pointer = std::make_unique<T>();  // an existing object is loaded into, reusing its storage
      load_inner(ctx, parent, name, *pointer);
    }
  }
};

}  // namespace dd::detail
