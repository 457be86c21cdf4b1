#!/usr/bin/env bash
# bench/shards_bench.sh — frontier throughput and memory per known URL for 1, 2
# and 4 producer shards on this machine.
#
#   bench/shards_bench.sh [--shards "1 2 4"] [--runs R] [--urls M] [--links L]
#       [--hosts H] [--seeds S] [--max-inflight N] [--transport ipc|tcp]
#       [--timeout S] [--build DIR] [--report FILE] [--frontier] [--keep]
#
# Each run is one zc_shards_bench (bench/zc_shards_bench.c): N real
# zcrawl-producer processes (N = 1: no --shard flags; N > 1: --shard K/N with
# --peer and --control), the driver playing every crawler, parser and the sink;
# S seeds, then every page acked with L new links until M URLs are out, over H
# hosts. Runs are interleaved (1, 2, 4, 1, 2, 4, ...) so that drift on the
# shared machine hits every N alike; the summary gives medians over the R runs.
# --frontier also runs the in-process frontier figure (zc_frontier_bench
# throughput, the first half of bench/frontier_bench.sh) once for reference.
# Prints one JSON line a run, then markdown tables (also to --report FILE).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
SHARDS="1 2 4" RUNS=3 URLS=2000000 LINKS=10 HOSTS=1000 SEEDS=100 INFLIGHT=100000
TRANSPORT=ipc TIMEOUT=300 BUILD=$ROOT/build REPORT="" FRONTIER=0 KEEP=0
while (($#)); do
    case $1 in
    --shards) SHARDS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --urls) URLS=$2; shift 2 ;;
    --links) LINKS=$2; shift 2 ;;
    --hosts) HOSTS=$2; shift 2 ;;
    --seeds) SEEDS=$2; shift 2 ;;
    --max-inflight) INFLIGHT=$2; shift 2 ;;
    --transport) TRANSPORT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --report) REPORT=$2; shift 2 ;;
    --frontier) FRONTIER=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h | --help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "shards_bench: unknown argument $1" >&2; exit 2 ;;
    esac
done
for v in RUNS URLS LINKS HOSTS SEEDS INFLIGHT TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ ]] && ((${!v} > 0)) || { echo "shards_bench: bad $v" >&2; exit 2; }
done
for n in $SHARDS; do
    [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 16)) || { echo "shards_bench: bad shard count $n" >&2; exit 2; }
done
[[ $TRANSPORT == ipc || $TRANSPORT == tcp ]] || { echo "shards_bench: bad --transport" >&2; exit 2; }
BIN=$BUILD/bin/zc_shards_bench PRODUCER=$BUILD/bin/zcrawl-producer
for b in "$BIN" "$PRODUCER"; do
    [[ -x $b ]] || { echo "shards_bench: $b missing: build first" >&2; exit 2; }
done

# The driver's ipc socket paths must stay short (108 bytes): a short temp dir.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zc-shb-XXXXXX")
DRIVER_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    # The driver stops its shards by PID on SIGTERM (and they die with it anyway).
    if [[ -n $DRIVER_PID ]]; then
        kill -TERM "$DRIVER_PID" 2>/dev/null || true
        wait "$DRIVER_PID" 2>/dev/null || true
    fi
    if ((KEEP)); then echo "shards_bench: kept $WORK" >&2; else rm -rf -- "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "shards_bench: shards [$SHARDS], $RUNS runs each, $URLS URLs + $SEEDS seeds, $LINKS links a page," \
    "$HOSTS hosts, $TRANSPORT, $(nproc) cores" >&2
FAILED=0
for ((r = 1; r <= RUNS; r++)); do
    for n in $SHARDS; do
        dir=$WORK/n$n-r$r
        rc=0
        "$BIN" --producer "$PRODUCER" --shards "$n" --urls "$URLS" --seeds "$SEEDS" --links "$LINKS" \
            --hosts "$HOSTS" --max-inflight "$INFLIGHT" --transport "$TRANSPORT" \
            --timeout "$TIMEOUT" --dir "$dir" --label "n$n-r$r" \
            >"$WORK/n$n-r$r.json" 2>"$WORK/n$n-r$r.err" &
        DRIVER_PID=$!
        wait "$DRIVER_PID" || rc=$?
        DRIVER_PID=""
        cat "$WORK/n$n-r$r.json"
        if ((rc != 0)); then
            FAILED=1
            echo "shards_bench: run n$n-r$r exited with status $rc:" >&2
            tail -n 20 "$WORK/n$n-r$r.err" >&2 || true
        fi
        ((KEEP)) || rm -rf -- "$dir"
        # Flush the shards' dirty pages now, not during the next run.
        sync -f "$WORK" 2>/dev/null || sync
    done
done

if ((FRONTIER)); then
    FB=$BUILD/bin/zc_frontier_bench
    if [[ -x $FB ]]; then
        "$FB" throughput --urls "$URLS" --hosts "$HOSTS" --dups 0 --batch 10000 | tee "$WORK/frontier.json"
    else
        echo "shards_bench: $FB missing, no in-process figure" >&2
    fi
fi

python3 - "$WORK" "$RUNS" "$SHARDS" "$REPORT" <<'PY'
import json, os, statistics, sys
work, runs, shards, report = sys.argv[1], int(sys.argv[2]), [int(x) for x in sys.argv[3].split()], sys.argv[4]
med = statistics.median
rows = {}
for n in shards:
    rows[n] = []
    for r in range(1, runs + 1):
        p = os.path.join(work, "n%d-r%d.json" % (n, r))
        try:
            rows[n].append(json.loads(open(p).read().strip().splitlines()[-1]))
        except (OSError, ValueError, IndexError):
            pass
out = []
def emit(s=""):
    out.append(s)
base = None
emit("| shards | URLs/s (median) | runs | speed-up | shards' CPU µs per URL (sum) | driver CPU µs per URL | cores used (shards + driver) | machine cores busy | complete |")
emit("|--:|--:|---|--:|--:|--:|--:|--:|---|")
for n in shards:
    rs = rows[n]
    if not rs:
        emit("| %d | – | no run | | | | | | |" % n)
        continue
    ups = med(r["urls_per_s"] for r in rs)
    base = base or ups
    emit("| %d | %s | %s | %.2fx | %.2f | %.2f | %.2f | %.2f | %s |" % (
        n, format(round(ups), ","), ", ".join(format(round(r["urls_per_s"]), ",") for r in rs),
        ups / base, med(r["shards_cpu_us_per_url"] for r in rs),
        med(r["driver_cpu_us_per_url"] for r in rs),
        med((r["shards_cpu_s"] + r["driver_cpu_s"]) / r["wall_s"] for r in rs if r["wall_s"] > 0),
        med(r["machine_cores_busy"] for r in rs),
        "%d/%d ok" % (sum(1 for r in rs if r["ok"]), len(rs))))
emit()
emit("Per shard (median over the runs of the mean over the shards; min–max over every shard of every run):")
emit()
emit("| shards | URLs known per shard | CPU µs per own URL | of which kernel | write() KB per URL | VmRSS MiB | VmHWM MiB | RSS B per known URL | RSS growth B per URL | HWM B per URL | disk MiB | disk B per URL | links forwarded per shard | FORWARDs sent / resent | receipts |")
emit("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
def per(rs, key, scale=1.0):
    means = [statistics.mean(s[key] for s in r["per_shard"]) * scale for r in rs]
    allv = [s[key] * scale for r in rs for s in r["per_shard"]]
    return med(means), min(allv), max(allv)
def fmt(t, d=1, commas=False):
    m, lo, hi = t
    f = (lambda x: format(round(x), ",")) if commas else (lambda x: "%.*f" % (d, x))
    return "%s (%s–%s)" % (f(m), f(lo), f(hi)) if f(lo) != f(hi) else f(m)
for n in shards:
    rs = rows[n]
    if not rs:
        continue
    for r in rs:
        for s in r["per_shard"]:
            s["user_us"] = s["cpu_user_s"] * 1e6 / max(s["urls"], 1)
            s["sys_us"] = s["cpu_sys_s"] * 1e6 / max(s["urls"], 1)
            s["wchar_kb"] = s["wchar"] / 1024 / max(s["urls"], 1)
    emit("| %d | %s | %s | %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |" % (
        n, fmt(per(rs, "urls"), commas=True), fmt(per(rs, "cpu_us_per_url"), 2),
        per(rs, "sys_us")[0], fmt(per(rs, "wchar_kb"), 1),
        fmt(per(rs, "rss_kb", 1 / 1024), 0), fmt(per(rs, "hwm_kb", 1 / 1024), 0),
        fmt(per(rs, "ram_bytes_per_url")), fmt(per(rs, "ram_growth_bytes_per_url")),
        fmt(per(rs, "hwm_bytes_per_url")), fmt(per(rs, "disk_bytes", 1 / 1048576), 0),
        fmt(per(rs, "disk_bytes_per_url")), fmt(per(rs, "links_forwarded"), commas=True),
        fmt(per(rs, "forwards_sent"), 0), fmt(per(rs, "forwards_resent"), 0),
        fmt(per(rs, "receipts"), 0)))
fr = os.path.join(work, "frontier.json")
if os.path.exists(fr):
    f = json.loads(open(fr).read().strip().splitlines()[-1])
    emit()
    emit("In-process frontier alone (zc_frontier_bench throughput, no sockets, 1 run): %s URLs/s, %s URLs per CPU-s" % (
        format(round(f["urls_per_s"]), ","), format(round(f["urls_per_cpu_s"]), ",")))
text = "\n".join(out)
print(text)
if report:
    open(report, "w").write(text + "\n")
PY
exit "$FAILED"
