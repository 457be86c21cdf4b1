#!/usr/bin/env bash
# Runs the libFuzzer targets of a ZC_FUZZ build for a fixed time each.
#   fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
# TARGET is fuzz_html, fuzz_url, ... (default: every target built in
# BUILD_DIR/bin-fuzz). Each target starts from a temporary copy of its seeds
# (fuzz/corpus/TARGET: what it finds is not written into the repo), with
# fuzz/TARGET.dict when there is one. Crash, leak, timeout and out-of-memory
# inputs go to a temporary artifact directory, whose path is printed; the
# script then exits 1. Exit 0 means every target ran its time clean.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ $# -lt 2 ]; then
    echo "usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]" >&2
    exit 2
fi
build=$1
secs=$2
shift 2
case $secs in
'' | *[!0-9]*) echo "run.sh: SECONDS must be a whole number" >&2; exit 2 ;;
esac
bindir=$build/bin-fuzz
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for b in "$bindir"/fuzz_*; do
        [ -x "$b" ] && targets+=("$(basename "$b")")
    done
fi
if [ ${#targets[@]} -eq 0 ]; then
    echo "run.sh: no fuzz targets in $bindir (configure with -DZC_FUZZ=ON and clang)" >&2
    exit 2
fi

# Limits of one run (the issue's: 2 GB of RSS, 10 s per input).
RSS_LIMIT_MB=2048
INPUT_TIMEOUT_S=10

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zc-fuzz.XXXXXX")
keep=0
cleanup() {
    if [ $keep = 0 ]; then rm -rf "$tmp"; else rm -rf "$tmp"/corpus-*; fi
}
trap cleanup EXIT
# Targets that need scratch files (fuzz_msg's WARC writer) make them here.
export TMPDIR="$tmp"

status=0
for t in "${targets[@]}"; do
    bin=$bindir/$t
    seeds=$root/fuzz/corpus/$t
    if [ ! -x "$bin" ]; then
        echo "run.sh: $bin is not built" >&2
        status=1
        continue
    fi
    work=$tmp/corpus-$t
    art=$tmp/artifacts-$t
    log=$tmp/$t.log
    mkdir -p "$work" "$art"
    if [ -d "$seeds" ]; then cp -r "$seeds"/. "$work"/; fi
    args=(-max_total_time="$secs" -rss_limit_mb=$RSS_LIMIT_MB -timeout=$INPUT_TIMEOUT_S
          -artifact_prefix="$art/" -print_final_stats=1)
    if [ -f "$root/fuzz/$t.dict" ]; then args+=(-dict="$root/fuzz/$t.dict"); fi
    rc=0
    "$bin" "${args[@]}" "$work" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    found=$(find "$art" -type f | head -5)
    if [ $rc -ne 0 ] || [ -n "$found" ]; then
        keep=1
        status=1
        echo "FAIL $t seconds=$secs execs=${execs:-?} exit=$rc"
        tail -n 60 "$log" | sed 's/^/  | /'
        echo "  log: $log"
        for a in $found; do echo "  artifact: $a"; done
    else
        echo "ok   $t seconds=$secs execs=${execs:-?} corpus=$(find "$work" -type f | wc -l)"
    fi
done
exit $status
