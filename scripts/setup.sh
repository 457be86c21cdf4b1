#!/usr/bin/env bash
# Installs the Debian packages zcrawl needs (only those missing) and builds it.
#   scripts/setup.sh [BUILD_DIR] [extra cmake args...]
# With -DZC_FUZZ=ON it also installs clang and its fuzzer runtime and builds
# with clang (the libFuzzer targets of fuzz/).
# Used by ./crawl.sh and ./test.sh; safe to run again (an up-to-date build is a no-op).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config python3
          libzmq3-dev libprotobuf-c-dev protobuf-c-compiler
          libcurl4-openssl-dev libssl-dev libidn2-dev zlib1g-dev
          libmicrohttpd-dev libjansson-dev  # the sink's HTTP server; zcrawl status
          liblmdb-dev                       # the producer's persistent frontier
          libpsl-dev publicsuffix           # --scope domain (Public Suffix List)
          libsqlite3-dev                    # bench/: the frontier store measured against LMDB
          prometheus chromium               # test_monitor: a real scraper and browser
          nginx-light openssl   # the tests' HTTP/2 and TLS servers
          wget)                 # test_warc: a WARC file from an independent writer

# A libFuzzer build (-DZC_FUZZ=ON) is made with clang and its fuzzer runtime.
for a in "$@"; do
    case $a in
    -DZC_FUZZ=ON | -DZC_FUZZ=on | -DZC_FUZZ=1 | -DZC_FUZZ=TRUE | -DZC_FUZZ=YES)
        PACKAGES+=(clang libclang-rt-14-dev)
        export CC=clang
        ;;
    esac
done

missing=()
for p in "${PACKAGES[@]}" ${ZC_EXTRA_PACKAGES:-}; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >&2
fi

BUILD=${1:-build}
shift || true
JOBS=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$BUILD" -j "$JOBS" >&2
