#!/usr/bin/env bash
# Rewrites every golden output of tests/ddls/ from the current ddls and the current dd (run it after a
# change to dd's on-disk format or to ddls's output, then review `git diff tests/ddls/golden`).
#   tests/ddls/regenerate.sh [BUILD_DIR]      (default: build; a build with -Dtests=enabled, as scripts/test makes)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
build=${1:-$source_root/build}
nice ninja -j1 -C "$build" tools/ddls tests/ddls/ddls_write_files
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" "$here/run.py" goldens --regenerate --ddls "$build/tools/ddls" \
  --writer "$build/tests/ddls/ddls_write_files" --work "$build/tests/ddls/regenerate-work"
