#!/usr/bin/env bash
# Builds tests/consumer/consumer.cpp (save a value, load it, check it) the ways a user consumes dd:
#   run.sh subproject SOURCE_ROOT WORK      a Meson project with dd in subprojects/deepdish
#   run.sh install    SOURCE_ROOT WORK CXX  `meson install` of dd (default options) into WORK/prefix, then
#                                           the plain compile line with pkg-config, and CMake's find_package
#   run.sh wrap-git   SOURCE_ROOT WORK      packaging/deepdish.wrap with its url set to a local clone
#   run.sh wrap-file  SOURCE_ROOT WORK      `meson dist` tarball + packaging/deepdish-release.wrap with the
#                                           tarball's hash, offline (--wrap-mode=nodownload, packagecache)
# The git-based modes use what is committed (a clone of SOURCE_ROOT); they are skipped (exit 77) when
# SOURCE_ROOT is not a git checkout.
set -euo pipefail
mode=$1
source_root=$(cd "$2" && pwd)
work=$3
cxx=${4:-c++}
here=$source_root/tests/consumer
rm -rf "$work"
mkdir -p "$work"

# A Meson consumer project in $1 whose subprojects/ holds what the caller puts there.
new_meson_project() {
  mkdir -p "$1/subprojects"
  cp "$here/meson.build" "$here/consumer.cpp" "$1/"
}

# Builds and runs the Meson consumer project in $1 (extra setup arguments follow).
build_and_run_meson_project() {
  local project=$1
  shift
  meson setup "$project/build" "$project" "$@" >"$project/setup.log" 2>&1 || { cat "$project/setup.log"; exit 1; }
  ninja -C "$project/build" >/dev/null
  "$project/build/consumer" "$project/consumer.h5"
  # dd's own tests, examples and benchmarks are neither configured nor built for a consumer
  if [ -n "$(cd "$project/build" && find subprojects -path '*/tests/*' -o -path '*/examples/*' -o -path '*/benchmarks/*')" ]; then
    echo "dd's tests, examples or benchmarks were configured inside a consumer"
    exit 1
  fi
}

need_git() {
  git -C "$source_root" rev-parse --git-dir >/dev/null 2>&1 || { echo "not a git checkout: skipped"; exit 77; }
}

case $mode in
subproject)
  new_meson_project "$work/project"
  ln -s "$source_root" "$work/project/subprojects/deepdish"
  build_and_run_meson_project "$work/project"
  ;;

install)
  prefix=$work/prefix
  meson setup "$work/dd-build" "$source_root" --prefix="$prefix" >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; exit 1; }
  meson install -C "$work/dd-build" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
  # `meson install` built ddls only: nothing of the tests, examples or benchmarks
  built=$(cd "$work/dd-build" && find . -name '*.o' | grep -v '^./tools/' || true)
  if [ -n "$built" ]; then echo "meson install built more than ddls:"; echo "$built"; exit 1; fi
  for f in include/dd/dd.hpp include/dd/version.hpp bin/ddls; do
    [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
  done
  pc=$(find "$prefix" -name deepdish.pc)
  config=$(find "$prefix" -name deepdishConfig.cmake)
  [ -n "$pc" ] && [ -n "$config" ] && [ -n "$(find "$prefix" -name deepdishConfigVersion.cmake)" ] ||
    { echo "deepdish.pc or the CMake package files are not installed"; exit 1; }
  echo "installed: ${pc#$prefix/} ${config#$prefix/}"

  # (a) pkg-config and the plain compile line of README.md
  mkdir -p "$work/plain"
  cp "$here/consumer.cpp" "$work/plain/app.cpp"
  export PKG_CONFIG_PATH=$(dirname "$pc")
  (cd "$work/plain" && $cxx -std=c++20 app.cpp $(pkg-config --cflags --libs deepdish) -o app)
  "$work/plain/app" "$work/plain/app.h5"

  # (b) CMake: find_package(deepdish) + deepdish::deepdish, from the installed prefix only (C++20 comes
  # from the target: without it dd stops with its #error)
  mkdir -p "$work/cmake"
  cp "$here/CMakeLists.txt" "$here/consumer.cpp" "$work/cmake/"
  CXX=$cxx cmake -S "$work/cmake" -B "$work/cmake/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
    >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
  cmake --build "$work/cmake/build" >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
  "$work/cmake/build/consumer" "$work/cmake/consumer.h5"
  ;;

wrap-git)
  need_git
  git clone -q "$source_root" "$work/dd.git"
  # the shipped wrap names a release tag: tag the clone's HEAD with it
  revision=$(sed -n 's/^revision = //p' "$source_root/packaging/deepdish.wrap")
  git -C "$work/dd.git" tag -f "$revision" HEAD >/dev/null  # -f: a clone of a tagged release has it already
  new_meson_project "$work/project"
  sed "s|^url = .*|url = file://$work/dd.git|" "$source_root/packaging/deepdish.wrap" \
    >"$work/project/subprojects/deepdish.wrap"
  build_and_run_meson_project "$work/project"
  ;;

wrap-file)
  need_git
  git clone -q "$source_root" "$work/dd-src"
  meson setup "$work/dd-dist" "$work/dd-src" -Dtests=disabled -Dexamples=disabled -Dbenchmarks=disabled \
    >"$work/dist.log" 2>&1 || { cat "$work/dist.log"; exit 1; }
  meson dist -C "$work/dd-dist" --no-tests >>"$work/dist.log" 2>&1 || { cat "$work/dist.log"; exit 1; }
  name=$(sed -n 's/^source_filename = //p' "$source_root/packaging/deepdish-release.wrap")
  tarball=$work/dd-dist/meson-dist/$name
  [ -f "$tarball" ] || { echo "meson dist made no $name (the wrap's source_filename)"; ls "$work/dd-dist/meson-dist"; exit 1; }
  hash=$(sha256sum "$tarball" | cut -d' ' -f1)
  grep -q "$hash" "$tarball.sha256sum" || { echo "the tarball's hash differs from meson dist's .sha256sum"; exit 1; }
  listing=$(tar -tf "$tarball")
  for f in LICENSE CHANGELOG.md meson.build include/dd/dd.hpp include/dd/version.hpp packaging/deepdish-release.wrap; do
    grep -qx "[^/]*/$f" <<<"$listing" || { echo "$name lacks $f"; exit 1; }
  done
  new_meson_project "$work/project"
  mkdir -p "$work/project/subprojects/packagecache"
  cp "$tarball" "$work/project/subprojects/packagecache/"
  sed "s|^source_hash = .*|source_hash = $hash|" "$source_root/packaging/deepdish-release.wrap" \
    >"$work/project/subprojects/deepdish.wrap"
  build_and_run_meson_project "$work/project" --wrap-mode=nodownload
  ;;

*)
  echo "unknown mode $mode"
  exit 2
  ;;
esac
echo "$mode: ok"
