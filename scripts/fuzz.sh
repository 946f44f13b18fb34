#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and UBSan in build-fuzz/, then
# runs each for a fixed number of executions from its seed corpus. Any crash, leak or
# undefined behaviour fails the run. FUZZ_RUNS overrides the count, FUZZ_TARGETS the list
# (tests/fuzz/CMakeLists.txt declares the targets).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# ccache: share hits between checkouts at different paths (CI builds a fresh clone).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
build=${UPTANE_FUZZ_BUILD_DIR:-$root/build-fuzz}
runs=${FUZZ_RUNS:-20000}
targets=${FUZZ_TARGETS:-fuzz_json_metadata fuzz_der_metadata fuzz_bus_message fuzz_bundle}
start=$SECONDS
CC=clang-16 CXX=clang++-16 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DUPTANE_BUILD_FUZZ=ON -DUPTANE_BUILD_TESTS=OFF -DUPTANE_BUILD_BENCH=OFF -DUPTANE_BUILD_GUI=OFF \
    -DUPTANE_BUILD_APP=OFF
# shellcheck disable=SC2086 # the list splits on purpose
cmake --build "$build" --parallel "${UPTANE_JOBS:-$(nproc)}" --target $targets
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1
status=0
for name in $targets; do
    target="$build/tests/fuzz/$name"
    corpus=$(mktemp -d)
    cp -r "$root/tests/fuzz/corpus/${name#fuzz_}/." "$corpus/" 2>/dev/null || true
    echo "fuzz: $name, $runs runs"
    began=$SECONDS
    if ! "$target" -runs="$runs" -max_len=65536 -seed=1 "$corpus"; then
        echo "fuzz: $name FAILED" >&2
        status=1
    fi
    echo "fuzz: $name took $((SECONDS - began)) s"
    rm -rf "$corpus"
done
echo "fuzz: $((SECONDS - start)) s in all (build included)"
[ "$status" -eq 0 ] && echo "fuzz: every target ran $runs executions clean"
exit "$status"
