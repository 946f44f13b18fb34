#!/usr/bin/env bash
# Fresh Debian 12 to every test run: installs packages (Debian and the pinned npm oracles),
# builds with warnings as errors, runs the whole ctest suite (unit, interop, GUI offscreen),
# then the fuzz targets for a fixed number of executions under ASan + UBSan.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${UPTANE_BUILD_DIR:-$root/build}
"$root/scripts/setup-deps.sh"
"$root/scripts/build.sh" -DUPTANE_WERROR=ON
# The npm oracles, exactly as their lock files pin them (tst_tufjs).
npm ci --prefix "$root/tests/interop/tufjs" --no-audit --no-fund
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure --timeout 600 -j "${UPTANE_JOBS:-$(nproc)}"
"$root/scripts/fuzz.sh"
