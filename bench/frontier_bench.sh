#!/usr/bin/env bash
# bench/frontier_bench.sh — the producer's frontier alone, on its real LMDB store.
#
#   bench/frontier_bench.sh [--runs R] [--urls N] [--memory-urls M] [--build DIR]
#
# Throughput (R runs, medians): N distinct URLs over 1,000 hosts, offered
# with 0 and with 4 duplicates each (links found again), dispatched and
# acknowledged in batches of 10,000 with a commit per batch (as the
# producer's loop does). Memory: M distinct URLs (default 10,000,000) over
# 10,000 hosts admitted and kept queued; RSS, store size on disk, bytes per
# URL, and the time to reopen the store. Prints JSON lines and a summary.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=3 URLS=2000000 MEM_URLS=10000000 BUILD=$ROOT/build
while (($#)); do
    case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --urls) URLS=$2; shift 2 ;;
    --memory-urls) MEM_URLS=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    -h | --help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "frontier_bench: unknown argument $1" >&2; exit 2 ;;
    esac
done
for v in RUNS URLS MEM_URLS; do
    [[ ${!v} =~ ^[0-9]+$ ]] && ((${!v} > 0)) || { echo "frontier_bench: bad $v" >&2; exit 2; }
done
BIN=$BUILD/bin/zc_frontier_bench
[[ -x $BIN ]] || { echo "frontier_bench: $BIN missing: build first (scripts/setup.sh)" >&2; exit 2; }
OUT=$(mktemp -d "${TMPDIR:-/tmp}/zc-frontier-bench-XXXXXX")
trap 'rm -rf "$OUT"' EXIT

for d in 0 4; do
    for ((r = 1; r <= RUNS; r++)); do
        "$BIN" throughput --urls "$URLS" --hosts 1000 --dups "$d" --batch 10000 | tee -a "$OUT/tp$d.jsonl"
    done
done
"$BIN" memory --urls "$MEM_URLS" --hosts 10000 --batch 1000 | tee "$OUT/mem.json"

python3 - "$OUT" <<'PY'
import json, statistics, sys, os
out = sys.argv[1]
for d in (0, 4):
    rows = [json.loads(l) for l in open(os.path.join(out, "tp%d.jsonl" % d))]
    med = lambda k: statistics.median(r[k] for r in rows)
    print("throughput dups=%d: %.0f URLs/s (enqueue+dedup+dispatch+ack+commit), %.0f offers/s, "
          "%.0f URLs per CPU-s, median of %d" % (d, med("urls_per_s"), med("offers_per_s"),
                                                med("urls_per_cpu_s"), len(rows)))
m = json.load(open(os.path.join(out, "mem.json")))
print("memory: %d URLs queued over %d hosts: VmRSS %.0f MiB (anon %.0f, file %.0f), peak %.0f MiB, "
      "%.1f B/URL in RAM, %.1f B/URL on disk, reopen %.1f s" % (
          m["urls"], m["hosts"], m["vm_rss_kb"] / 1024, m["rss_anon_kb"] / 1024,
          m["rss_file_kb"] / 1024, m["vm_hwm_kb"] / 1024, m["ram_bytes_per_url"],
          m["disk_bytes_per_url"], m["reopen_s"]))
PY
