#!/usr/bin/env bash
# Fresh Debian 12 to running demonstrator: installs packages, builds, launches uptane-lab.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup-deps.sh"
"$root/scripts/build.sh"
exec "${UPTANE_BUILD_DIR:-$root/build}/app/uptane-lab" "$@"
