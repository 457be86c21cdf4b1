#!/usr/bin/env bash
# zcrawl frontier store benchmark: LMDB against SQLite on the producer's
# on-disk queue workload (enqueue, dispatch by cursor seek, ack by delete),
# run by zc_store_bench, both stores side by side. See bench/README.md
# ("Frontier store: LMDB vs SQLite").
#
# Usage: bench/store_bench.sh [--runs R] [--urls N] [--hosts LIST] [--batch LIST]
#                             [--stores LIST] [--big N] [--timeout S]
#                             [--report FILE] [--keep]
#
# For every (hosts, batch) pair, run i (1..R) runs every store once, one after
# the other, each in a fresh store dir; the table gives medians over the R
# runs. With --big N, each store then enqueues N URLs once (enqueue phase
# only) for the disk and memory figures at that size. Everything happens in a
# temp dir under ${TMPDIR:-/tmp}, removed at the end (unless --keep).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
PY=/usr/bin/python3
STORE_BENCH=${STORE_BENCH:-$REPO_ROOT/build/bin/zc_store_bench}

RUNS=3
URLS=1000000
HOSTS="1000"
BATCHES="10000"
STORES="lmdb,sqlite"
BIG=0
BIG_TIMEOUT=240
TIMEOUT=600
REPORT=""
KEEP=0

usage() {
    cat <<EOF
Usage: $0 [options]
  --runs R        runs of every store per (hosts, batch), interleaved (default $RUNS)
  --urls N        URLs per run: enqueued, then N mixed steps, then drained (default $URLS)
  --hosts LIST    comma list of host counts, one table row group each (default $HOSTS)
  --batch LIST    comma list of operations per write transaction (default $BATCHES)
  --stores LIST   comma list of lmdb, sqlite (the same durability class), and
                  the weaker pair lmdb-writemap (MDB_WRITEMAP), sqlite-off
                  (synchronous=OFF) (default $STORES)
  --big N         then one enqueue-only run of N URLs per store (first hosts and
                  batch values; default 0: none)
  --big-timeout S limit of one --big run in seconds; a run cut short reports the
                  URLs it enqueued by then (default $BIG_TIMEOUT)
  --timeout S     limit of one run in seconds; it stops and fails after (default $TIMEOUT)
  --report FILE   also write the tables as markdown to FILE
  --keep          keep the temp dir (JSON of every run, logs)
Env: STORE_BENCH (default build/bin/zc_store_bench), TMPDIR.
EOF
}

BENCH_NAME=store_bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
STORE_RE='lmdb|sqlite|lmdb-writemap|sqlite-off'
need_list() { [[ $2 =~ ^[0-9]+(,[0-9]+)*$ ]] || die "$1 needs a comma list of integers, got '$2'"; }

while (( $# )); do
    case $1 in
        --runs)    RUNS=${2:-};    need_int "$1" "$RUNS"; shift 2 ;;
        --urls)    URLS=${2:-};    need_int "$1" "$URLS"; shift 2 ;;
        --hosts)   HOSTS=${2:-};   need_list "$1" "$HOSTS"; shift 2 ;;
        --batch)   BATCHES=${2:-}; need_list "$1" "$BATCHES"; shift 2 ;;
        --stores)  STORES=${2:-};  [[ $STORES =~ ^($STORE_RE)(,($STORE_RE))*$ ]] \
                                       || die "--stores: comma list of lmdb, sqlite, lmdb-writemap, sqlite-off"
                   shift 2 ;;
        --big)     BIG=${2:-};     [[ $BIG =~ ^[0-9]+$ ]] || die "--big needs a count"; shift 2 ;;
        --timeout) TIMEOUT=${2:-}; need_int "$1" "$TIMEOUT"; shift 2 ;;
        --big-timeout) BIG_TIMEOUT=${2:-}; need_int "$1" "$BIG_TIMEOUT"; shift 2 ;;
        --report)  REPORT=${2:-};  [[ -n $REPORT ]] || die "--report needs a file"; shift 2 ;;
        --keep)    KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *)         usage >&2; die "unknown argument '$1'" ;;
    esac
done
IFS=',' read -r -a HOST_LIST <<<"$HOSTS"
IFS=',' read -r -a BATCH_LIST <<<"$BATCHES"
IFS=',' read -r -a STORE_LIST <<<"$STORES"

[[ -x $PY ]] || die "$PY not found"
[[ -x $STORE_BENCH ]] || die "zc_store_bench not found at $STORE_BENCH (built by bench/CMakeLists.txt; or set STORE_BENCH=)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zcrawl-store-bench.XXXXXX")
JOB_PID=""
cleanup_hook() { stop_pid "$JOB_PID"; }
bench_traps
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"

# label run hosts batch urls limit [extra zc_store_bench args]: one run in a fresh
# store dir; its JSON line, tagged with the label and run, goes to $RESULTS.
run_one() {
    local label=$1 run=$2 hosts=$3 batch=$4 urls=$5 limit=$6; shift 6
    local store=$label args=()
    case $label in
        sqlite-off)    store=sqlite; args=(--sqlite-sync off) ;;
        lmdb-writemap) store=lmdb; args=(--lmdb-writemap) ;;
    esac
    local name="$label.h$hosts.b$batch.n$urls.r$run" rc=0
    log "run $run: $label hosts=$hosts batch=$batch urls=$urls $*"
    "$STORE_BENCH" --store "$store" --dir "$WORK/$name.store" --urls "$urls" --hosts "$hosts" \
        --batch "$batch" --max-seconds "$limit" "${args[@]}" "$@" \
        >"$WORK/$name.json" 2>"$WORK/$name.log" &
    JOB_PID=$!
    wait "$JOB_PID" || rc=$?
    JOB_PID=""
    if (( rc != 0 )); then
        log "WARNING: $name exited with status $rc:"
        tail -n 5 "$WORK/$name.log" >&2 || true
    fi
    if [[ -s $WORK/$name.json ]]; then
        "$PY" -c 'import json, sys
j = json.loads(open(sys.argv[1]).read())
j["label"] = sys.argv[2]; j["run"] = int(sys.argv[3]); j["exit"] = int(sys.argv[4])
print(json.dumps(j))' "$WORK/$name.json" "$label" "$run" "$rc" >>"$RESULTS"
    fi
    after_run "$WORK/$name.store"
}

for (( i = 1; i <= RUNS; i++ )); do
    for h in "${HOST_LIST[@]}"; do
        for b in "${BATCH_LIST[@]}"; do
            for s in "${STORE_LIST[@]}"; do
                run_one "$s" "$i" "$h" "$b" "$URLS" "$TIMEOUT"
            done
        done
    done
done
if (( BIG > 0 )); then
    for s in "${STORE_LIST[@]}"; do
        run_one "$s" 1 "${HOST_LIST[0]}" "${BATCH_LIST[0]}" "$BIG" "$BIG_TIMEOUT" --enqueue-only
    done
fi

"$PY" - "$RESULTS" "$(nproc)" "$REPORT" <<'EOF'
import json, statistics, sys, time

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ncpu, report = sys.argv[2], sys.argv[3]
out = []
med = lambda xs: statistics.median(xs) if xs else float("nan")

def fmt(v, d=0):
    if v != v:
        return "-"
    return f"{v:,.{d}f}"

full = [r for r in rows if "drain" in r]
big = [r for r in rows if "drain" not in r]
if full:
    r0 = full[0]
    out.append(f"urls={r0['urls']} inflight={r0['inflight']} mixed steps={r0['mixed_steps']}; "
               f"{ncpu} CPUs; {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}")
    out.append("")
    out.append("Medians over the runs (life URLs/s also shows the min–max). ops/s counts one "
               "operation per URL enqueued, dispatched or acked; life = one URL enqueued, "
               "dispatched and acked = N / (enqueue s + drain s); disk = allocated bytes of all files "
               "of the store after the enqueue phase (SQLite: with its WAL / after a checkpoint); written = "
               "/proc/self/io write_bytes over the three phases per URL enqueued.")
    out.append("")
    out.append("| hosts | batch | store | runs | enqueue ops/s | drain ops/s | mixed ops/s "
               "| life URLs/s | life URLs/CPU-s | disk B/URL | written KB/URL "
               "| VmHWM MB | RssAnon MB | RssFile MB | CPU s | ok |")
    out.append("|------:|------:|-------|-----:|--------------:|------------:|------------:"
               "|------------:|----------------:|-----------:|---------------:"
               "|---------:|-----------:|-----------:|------:|----|")
    keys = []
    for r in full:
        k = (r["hosts"], r["batch"], r["label"])
        if k not in keys:
            keys.append(k)
    keys.sort(key=lambda k: (k[0], -k[1]))
    life = {}
    for k in keys:
        rs = [r for r in full if (r["hosts"], r["batch"], r["label"]) == k]
        g = lambda f: med([f(r) for r in rs])
        lv = [r["life_urls_per_s"] for r in rs]
        life[k] = med(lv)
        rng = f" ({fmt(min(lv))}–{fmt(max(lv))})" if len(lv) > 1 else ""
        d1 = g(lambda r: r["disk_after_enqueue"]["bytes_per_url"])
        d2 = g(lambda r: r["disk_after_enqueue"]["checkpointed_bytes_per_url"])
        disk = fmt(d1) if abs(d1 - d2) < 0.5 else f"{fmt(d1)} / {fmt(d2)}"
        wr = g(lambda r: sum(r[p]["write_mb"] for p in ("enqueue", "mixed", "drain"))
               * 1024 / r["urls"])
        ok = all(r["ok"] and r["exit"] == 0 for r in rs)
        out.append(f"| {k[0]} | {k[1]} | {k[2]} | {len(rs)} "
                   f"| {fmt(g(lambda r: r['enqueue']['ops_per_s']))} "
                   f"| {fmt(g(lambda r: r['drain']['ops_per_s']))} "
                   f"| {fmt(g(lambda r: r['mixed']['ops_per_s']))} "
                   f"| {fmt(life[k])}{rng} | {fmt(g(lambda r: r['life_urls_per_cpu_s']))} "
                   f"| {disk} | {fmt(wr, 1)} | {fmt(g(lambda r: r['vm_hwm_mb']), 1)} "
                   f"| {fmt(g(lambda r: r['rss_anon_mb']), 1)} "
                   f"| {fmt(g(lambda r: r['rss_file_mb']), 1)} "
                   f"| {fmt(g(lambda r: r['cpu_s']), 1)} | {'yes' if ok else 'NO'} |")
    out.append("")
    # Each LMDB configuration against the SQLite one of the same durability class.
    pairs = {"lmdb": "sqlite", "lmdb-writemap": "sqlite-off"}
    for (h, b, s), v in life.items():
        v2 = life.get((h, b, pairs.get(s)), 0)
        if v2 > 0:
            out.append(f"- hosts={h} batch={b}: life URLs/s {s}/{pairs[s]} = {v / v2:.2f}x")
    out.append("")
    out.append("Configurations: " + "; ".join(sorted({f"{r['label']}: {r['config']}"
                                                     for r in full})))
if big:
    out.append("")
    out.append("Enqueue only, one run each:")
    out.append("")
    out.append("| store | URLs enqueued | hosts | batch | wall s | enqueue ops/s | disk B/URL "
               "| after checkpoint B/URL | VmHWM MB | RssAnon MB | RssFile MB | CPU s | ok |")
    out.append("|-------|-----:|------:|------:|-------:|--------------:|-----------:"
               "|-----------------------:|---------:|-----------:|-----------:|------:|----|")
    for r in big:
        e, d = r["enqueue"], r["disk_after_enqueue"]
        out.append(f"| {r['label']} | {d['urls']:,} | {r['hosts']} | {r['batch']} "
                   f"| {e['wall_s']:.1f} | {fmt(e['ops_per_s'])} | {fmt(d['bytes_per_url'])} "
                   f"| {fmt(d['checkpointed_bytes_per_url'])} | {r['vm_hwm_mb']:.1f} "
                   f"| {r['rss_anon_mb']:.1f} | {r['rss_file_mb']:.1f} | {r['cpu_s']:.1f} "
                   f"| {'yes' if r['ok'] and r['exit'] == 0 else 'NO (timed out)' if r['timed_out'] else 'NO'} |")
text = "\n".join(out) + "\n"
sys.stdout.write(text)
if report:
    open(report, "w").write(text)
EOF
