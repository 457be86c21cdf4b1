#!/usr/bin/env bash
# One command that passes every test: installs what is missing, builds twice
# (optimized, and with AddressSanitizer + UBSan) and runs the whole suite in
# both builds: one self-test per module and the integration tests that start
# the real binaries against servers on loopback. A third build, with clang,
# holds the libFuzzer targets (fuzz/), each then run for FUZZ_SECONDS.
set -euo pipefail
cd "$(dirname "$0")"
WERROR=-DZC_WERROR=ON
scripts/setup.sh build "$WERROR"
scripts/setup.sh build-asan "$WERROR" -DZC_SANITIZE=ON
scripts/setup.sh build-fuzz "$WERROR" -DZC_SANITIZE=ON -DZC_FUZZ=ON
FUZZ_SECONDS=20
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
echo "== tests, optimized build"
(cd build && ctest --output-on-failure --timeout 900) || status=1
echo "== tests, AddressSanitizer + UBSan build"
# it.test_compose and it.test_compose_shards run the Docker image, not this build: once is enough.
(cd build-asan && ctest --output-on-failure --timeout 900 -E '^it\.test_compose(_shards)?$') || status=1
echo "== fuzzing, ${FUZZ_SECONDS} s per target"
fuzz/run.sh build-fuzz "$FUZZ_SECONDS" || status=1
exit $status
