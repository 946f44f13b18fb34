#!/usr/bin/env bash
# Configures and builds Uptane Lab in build/ (Release with debug info, Ninja, ccache).
# Extra arguments go to cmake's configure step, e.g. -DUPTANE_WERROR=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# ccache: share hits between checkouts at different paths (CI builds a fresh clone).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
build=${UPTANE_BUILD_DIR:-$root/build}
jobs=${UPTANE_JOBS:-$(nproc)}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build" --parallel "$jobs"
