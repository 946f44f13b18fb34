#!/usr/bin/env bash
# Installs every Debian 12 package that Uptane Lab needs to build, run and test.
# Works as root on a fresh machine and through sudo otherwise. Idempotent: packages
# already present are left alone, so a second run costs only the apt look-up.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-16 libclang-rt-16-dev
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
  qt6-multimedia-dev libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev libxkbcommon-dev qt6-qpa-plugins
  # C libraries behind core/
  libsodium-dev libssl-dev libcurl4-openssl-dev libtasn1-6-dev libtasn1-bin libarchive-dev
  # tests, benchmarks and independent oracles
  libbenchmark-dev python3 python3-securesystemslib xvfb xauth
)
# Node.js may come from elsewhere (a bundled npm conflicts with Debian's); only add
# Debian's when the commands are missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "setup-deps: need root or sudo to install packages" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup-deps: all Debian packages present"
fi
