#!/usr/bin/env bash
# zcrawl fetch-only benchmark: one zcrawl-crawler process (driven by
# zc_fetch_bench, which plays producer and broker) against wrk, on the same
# URL list of the generated site served by a local nginx, at the same
# concurrency, interleaved. Loopback traffic only. See bench/README.md.
#
# Usage: bench/fetch_bench.sh [--concurrency C[,C...]] [--runs N] [--duration S]
#                             [--wrk-threads T[,T...]] [--nginx-workers N|auto]
#                             [--pages N] [--seed S] [--port P] [--transport ipc|tcp]
#                             [--report FILE] [--keep] [--cache-dir DIR] [--perf]
#
# For every concurrency C, run i (1..N) runs wrk -t T1, zcrawl, wrk -t T2, ...
# back to back, each for the same --duration seconds; the tables give medians
# and ranges over the N runs.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
PY=/usr/bin/python3
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=${WRK:-wrk}
TIME_BIN=/usr/bin/time
CRAWLER=${CRAWLER:-$REPO_ROOT/build/bin/zcrawl-crawler}
FETCH_BENCH=${FETCH_BENCH:-$(dirname "$CRAWLER")/zc_fetch_bench}

PAGES=20000
SEED=1
CONCS="32,256"
RUNS=3
DURATION=10
WRK_THREADS="1,2"
NGINX_WORKERS=1
PORT=18080
TRANSPORT=ipc
REPORT=""
KEEP=0
PERF=0
CACHE_DIR="$BENCH_DIR/.cache"

usage() {
    cat <<EOF
Usage: $0 [options]
  --concurrency|-c LIST  comma list of concurrencies, one table each (default $CONCS)
  --runs N               runs of every tool per concurrency, interleaved (default $RUNS)
  --duration S           seconds each run sends requests (default $DURATION)
  --wrk-threads LIST     wrk -t values to run (default $WRK_THREADS; the first is the
                         one the ratio is taken against)
  --nginx-workers N|auto nginx worker_processes (default $NGINX_WORKERS)
  --pages N              pages in the generated site (default $PAGES)
  --seed S               site generator seed (default $SEED)
  --port P               first nginx port to try (default $PORT)
  --transport ipc|tcp    sockets between zc_fetch_bench and the crawler (default $TRANSPORT)
  --report FILE          also write the tables as markdown to FILE
  --perf                 record a perf profile (call graphs) of the crawler during
                         the first zcrawl run of each concurrency; top symbols printed
  --keep                 keep the temp dir (JSON of every run, logs, nginx config)
  --cache-dir DIR        where generated sites are cached (default bench/.cache)
Env: CRAWLER (default build/bin/zcrawl-crawler), FETCH_BENCH (default: beside
CRAWLER), NGINX, WRK.
EOF
}

BENCH_NAME=fetch_bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
need_list() { [[ $2 =~ ^[0-9]+(,[0-9]+)*$ ]] || die "$1 needs a comma list of integers, got '$2'"; }

while (( $# )); do
    case $1 in
        --concurrency|-c) CONCS=${2:-};        need_list "$1" "$CONCS"; shift 2 ;;
        --runs)          RUNS=${2:-};          need_int "$1" "$RUNS"; shift 2 ;;
        --duration)      DURATION=${2:-};      need_int "$1" "$DURATION"; shift 2 ;;
        --wrk-threads)   WRK_THREADS=${2:-};   need_list "$1" "$WRK_THREADS"; shift 2 ;;
        --nginx-workers) NGINX_WORKERS=${2:-}
                         [[ $NGINX_WORKERS == auto ]] || need_int "$1" "$NGINX_WORKERS"; shift 2 ;;
        --pages)         PAGES=${2:-};         need_int "$1" "$PAGES"; shift 2 ;;
        --seed)          SEED=${2:-};          [[ $SEED =~ ^[0-9]+$ ]] || die "--seed: '$SEED'"; shift 2 ;;
        --port)          PORT=${2:-};          need_int "$1" "$PORT"; shift 2 ;;
        --transport)     TRANSPORT=${2:-};     [[ $TRANSPORT == ipc || $TRANSPORT == tcp ]] \
                                                   || die "--transport: ipc or tcp"; shift 2 ;;
        --report)        REPORT=${2:-};        [[ -n $REPORT ]] || die "--report needs a file"; shift 2 ;;
        --perf)          PERF=1; shift ;;
        --keep)          KEEP=1; shift ;;
        --cache-dir)     CACHE_DIR=${2:-};     [[ -n $CACHE_DIR ]] || die "--cache-dir needs a dir"; shift 2 ;;
        -h|--help)       usage; exit 0 ;;
        *)               usage >&2; die "unknown argument '$1'" ;;
    esac
done
(( PAGES >= 2 )) || die "--pages must be >= 2"
IFS=',' read -r -a CONC_LIST <<<"$CONCS"
IFS=',' read -r -a WRK_T_LIST <<<"$WRK_THREADS"
for t in "${WRK_T_LIST[@]}"; do (( t >= 1 )) || die "--wrk-threads: threads must be >= 1"; done
for c in "${CONC_LIST[@]}"; do
    (( c >= 1 && c <= 10000 )) || die "--concurrency: $c out of 1..10000"
    for t in "${WRK_T_LIST[@]}"; do
        (( c >= t )) || die "wrk needs connections >= threads (-c $c, -t $t)"
    done
done

unset_proxies

[[ -x $NGINX ]] || die "nginx not found at $NGINX"
[[ -x $PY ]] || die "$PY not found"
[[ -x $CRAWLER ]] || die "crawler binary not found at $CRAWLER (build it or set CRAWLER=)"
[[ -x $FETCH_BENCH ]] || die "zc_fetch_bench not found at $FETCH_BENCH (built by bench/CMakeLists.txt; or set FETCH_BENCH=)"
if ! command -v "$WRK" >/dev/null; then
    if (( EUID == 0 )) && command -v apt-get >/dev/null; then
        log "wrk not found; installing Debian's wrk"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1; } \
            || die "cannot install wrk"
    else
        die "wrk not found (apt-get install wrk)"
    fi
fi
if (( PERF )) && ! command -v perf >/dev/null; then die "--perf needs perf"; fi

# 1024 connections plus sockets: raise the soft fd limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
MAXC=0
for c in "${CONC_LIST[@]}"; do (( c > MAXC )) && MAXC=$c; done
(( $(ulimit -n) > MAXC + 64 )) || die "fd limit $(ulimit -n) too low for concurrency $MAXC"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zcrawl-fetch-bench.XXXXXX")
NGINX_PID=""
JOB_PID=""

cleanup_hook() { stop_pid "$JOB_PID"; }   # zc_fetch_bench stops its crawler; measure.py its command
bench_traps

PORT=$(free_port "$PORT")
BASE="http://127.0.0.1:$PORT"

# ---------------------------------------------------------------- site
# The crawl benchmark's cache (bench/.cache/site-pN-sSEED-portPORT). Only the
# absolute links inside pages depend on the port, and a fetch-only run never
# reads links, so any complete cached site with the same pages and seed serves.
SITE="$CACHE_DIR/site-p$PAGES-s$SEED-port$PORT"
if [[ ! -f $SITE/.complete ]]; then
    for s in "$CACHE_DIR"/site-p"$PAGES"-s"$SEED"-port*; do
        if [[ -f $s/.complete ]]; then SITE=$s; break; fi
    done
fi
site_ensure

# The URL list: every page once, in page order (gen_site.py's layout).
"$PY" - "$PAGES" "$WORK/paths.txt" <<'EOF'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w") as f:
    f.write("/index.html\n")
    for i in range(1, n):
        f.write("/d%03d/p%d.html\n" % (i // 100, i))
EOF
sed "s|^|$BASE|" "$WORK/paths.txt" >"$WORK/urls.txt"
n_missing=$(head -n 50 "$WORK/paths.txt" | while read -r p; do [[ -f $SITE$p ]] || echo x; done | wc -l)
(( n_missing == 0 )) || die "the URL list does not match $SITE"

# wrk walks the same paths round-robin, one counter per wrk thread; the
# requests are built once in init(). No response() function: wrk then does
# not hand headers and bodies to Lua. done() prints one JSON line.
cat >"$WORK/urls.lua" <<'EOF'
local reqs, n, i = {}, 0, 0
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      n = n + 1
      reqs[n] = wrk.format("GET", line)
    end
  end
end
function request()
  i = i % n + 1
  return reqs[i]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_p50_us": %d, "latency_p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(99)))
end
EOF

# ---------------------------------------------------------------- nginx
nginx_write_conf --workers "$NGINX_WORKERS" --connections 8192 --keepalive-requests 1000000 \
    --listen-opts backlog=4096 --rlimit always
nginx_start "$BASE/index.html"
NGINX_NWORKERS=$(wc -w <"/proc/$NGINX_PID/task/$NGINX_PID/children" 2>/dev/null || echo "?")
log "nginx pid $NGINX_PID ($NGINX_NWORKERS worker processes, worker_processes $NGINX_WORKERS) serving $SITE on $BASE"

# ---------------------------------------------------------------- runs
# Runs in the background and waits, so that Ctrl-C reaches cleanup(), which
# stops the job by PID.
run_job() {   # out err cmd...
    local out=$1 err=$2 rc=0; shift 2
    "$@" >"$out" 2>"$err" &
    JOB_PID=$!
    wait "$JOB_PID" || rc=$?
    JOB_PID=""
    return "$rc"
}

# CPU seconds (utime+stime) of the nginx workers so far; saved around each run
# so the report can give the server's CPU per request too.
nginx_cpu() {
    local w total=0 hz
    hz=$(getconf CLK_TCK)
    for w in $(cat "/proc/$NGINX_PID/task/$NGINX_PID/children" 2>/dev/null); do
        total=$(( total + $(sed 's/^.*) //' "/proc/$w/stat" | awk '{ print $12 + $13 }') ))
    done
    awk -v t="$total" -v hz="$hz" 'BEGIN { printf "%.3f\n", t / hz }'
}

run_wrk() {   # conc threads i
    local c=$1 t=$2 i=$3 name="wrk-t$2.c$1.$3" rc=0
    local limit=$(( DURATION + 60 ))
    nginx_cpu >"$WORK/$name.srv"
    if [[ -x $TIME_BIN ]]; then
        run_job "$WORK/$name.out" "$WORK/$name.err" timeout -k 5 "$limit" \
            "$TIME_BIN" -f 'TIMEJSON {"user_s": %U, "sys_s": %S, "maxrss_kb": %M}' \
            -o "$WORK/$name.time" \
            "$WRK" -t "$t" -c "$c" -d "${DURATION}s" --timeout 10s -s "$WORK/urls.lua" \
            "$BASE/index.html" -- "$WORK/paths.txt" || rc=$?
    else
        run_job "$WORK/$name.out" "$WORK/$name.err" "$PY" "$BENCH_DIR/measure.py" \
            --timeout "$limit" --json-out "$WORK/$name.time.json" -- \
            "$WRK" -t "$t" -c "$c" -d "${DURATION}s" --timeout 10s -s "$WORK/urls.lua" \
            "$BASE/index.html" -- "$WORK/paths.txt" || rc=$?
    fi
    nginx_cpu >>"$WORK/$name.srv"
    (( rc == 0 )) || { log "$name exited with status $rc:"; tail -n 5 "$WORK/$name.err" >&2 || true; }
    local rps
    rps=$(sed -n 's/^Requests\/sec: *//p' "$WORK/$name.out" | head -n 1)
    log "$name: ${rps:-?} requests/s"
}

run_zcrawl() {   # conc i
    local c=$1 i=$2 name="zcrawl.c$1.$2" rc=0 perf_pid=""
    rm -f "$WORK/$name.pid"
    nginx_cpu >"$WORK/$name.srv"
    "$FETCH_BENCH" --crawler "$CRAWLER" --urls "$WORK/urls.txt" --concurrency "$c" \
        --duration "$DURATION" --transport "$TRANSPORT" --timeout $(( DURATION + 120 )) \
        --pid-file "$WORK/$name.pid" --label "$name" \
        >"$WORK/$name.json" 2>"$WORK/$name.err" &
    JOB_PID=$!
    if (( PERF && i == 1 )); then
        # Start recording once the crawler runs (its PID file is written at
        # spawn; the warm-up takes a moment), for most of the measured time.
        for _ in $(seq 1 50); do [[ -s $WORK/$name.pid ]] && break; sleep 0.1; done
        if [[ -s $WORK/$name.pid ]]; then
            sleep 1
            timeout -k 5 $(( DURATION + 10 )) perf record -q --call-graph dwarf,16384 -F 499 -p "$(cat "$WORK/$name.pid")" \
                -o "$WORK/perf.c$c.data" -- sleep $(( DURATION > 3 ? DURATION - 2 : 1 )) \
                >"$WORK/perf.c$c.log" 2>&1 &
            perf_pid=$!
        fi
    fi
    wait "$JOB_PID" || rc=$?
    JOB_PID=""
    nginx_cpu >>"$WORK/$name.srv"
    if [[ -n $perf_pid ]]; then
        wait "$perf_pid" 2>/dev/null || true
        perf report -i "$WORK/perf.c$c.data" --no-children --stdio --percent-limit 1.5 \
            --sort dso,symbol -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 30 \
            >"$WORK/perf.c$c.top" || true
        log "perf profile of the crawler at concurrency $c (self time, top symbols):"
        cat "$WORK/perf.c$c.top" >&2
    fi
    (( rc == 0 )) || { log "$name exited with status $rc:"; tail -n 5 "$WORK/$name.err" >&2 || true; }
    local rps
    rps=$(sed -n 's/.*"rps": \([0-9.]*\).*/\1/p' "$WORK/$name.json" | head -n 1)
    log "$name: ${rps:-?} requests/s"
}

log "duration ${DURATION}s per run, $RUNS runs per tool, concurrency $CONCS, wrk -t $WRK_THREADS"
for c in "${CONC_LIST[@]}"; do
    for (( i = 1; i <= RUNS; i++ )); do
        # wrk (first -t), zcrawl, then the other wrk thread counts.
        run_wrk "$c" "${WRK_T_LIST[0]}" "$i"
        run_zcrawl "$c" "$i"
        for t in "${WRK_T_LIST[@]:1}"; do run_wrk "$c" "$t" "$i"; done
    done
done

nginx_check_errors

# ---------------------------------------------------------------- report
META="pages=$PAGES duration=${DURATION}s runs=$RUNS transport=$TRANSPORT nginx worker_processes=$NGINX_WORKERS ($NGINX_NWORKERS workers); $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
"$PY" - "$WORK" "$META" "$RUNS" "$CONCS" "$WRK_THREADS" "$REPORT" <<'EOF'
import json, os, re, statistics, sys
work, meta, runs, concs, wrk_ts, report = sys.argv[1:7]
runs = int(runs)
concs = [int(c) for c in concs.split(",")]
wrk_ts = [int(t) for t in wrk_ts.split(",")]

def server_cpu(name):
    """nginx workers' CPU seconds during a run (read before and after it)."""
    try:
        a, b = [float(x) for x in open(os.path.join(work, name + ".srv")).read().split()[:2]]
        return b - a
    except (OSError, ValueError):
        return None

def load_wrk(c, t, i):
    name = "wrk-t%d.c%d.%d" % (t, c, i)
    r, non_2xx = {}, 0
    try:
        for line in open(os.path.join(work, name + ".out")):
            if line.startswith("WRKJSON "):
                r = json.loads(line[8:])
            m = re.match(r"\s*Non-2xx or 3xx responses: (\d+)", line)
            if m:
                non_2xx = int(m.group(1))
    except (OSError, ValueError):
        return None
    if not r or not r.get("duration_us"):
        return None
    r["non_2xx"] = non_2xx
    cpu = None
    try:
        for line in open(os.path.join(work, name + ".time")):
            m = re.match(r"TIMEJSON .*\"user_s\": ([0-9.]+), \"sys_s\": ([0-9.]+)", line)
            if m:
                cpu = float(m.group(1)) + float(m.group(2))
    except OSError:
        try:
            cpu = json.load(open(os.path.join(work, name + ".time.json")))["cpu_s"]
        except (OSError, ValueError, KeyError):
            pass
    n = r["requests"]
    bad = r.get("non_2xx", 0) + sum(r["errors"].values()) - r["errors"].get("status", 0)
    srv = server_cpu(name)
    return {"rps": n / (r["duration_us"] / 1e6), "n": n,
            "cpu_us": cpu * 1e6 / n if cpu is not None and n else None, "bad": bad,
            "srv_us": srv * 1e6 / n if srv is not None and n else None}

def load_zc(c, i):
    try:
        name = "zcrawl.c%d.%d" % (c, i)
        j = json.loads(open(os.path.join(work, name + ".json")).read().strip())
    except (OSError, ValueError):
        return None
    n = j["requests"]
    srv = server_cpu(name)   # the warm-up requests were served too
    return {"rps": j["rps"], "n": n, "cpu_us": j["cpu_us_per_req"] if n else None,
            "bad": n - j["status"].get("200", 0), "driver_us": j["driver_cpu_us_per_req"],
            "complete": j["complete"],
            "srv_us": srv * 1e6 / (n + j["warmup"]) if srv is not None and n else None}

def med_range(vals, fmt):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "n/a", "n/a"
    return fmt % statistics.median(vals), (fmt % min(vals)) + "–" + (fmt % max(vals))

out = ["Fetch-only benchmark: " + meta, ""]
for c in concs:
    rows = []
    wrk = {t: [load_wrk(c, t, i) for i in range(1, runs + 1)] for t in wrk_ts}
    zc = [load_zc(c, i) for i in range(1, runs + 1)]
    ref = [r["rps"] if r else None for r in wrk[wrk_ts[0]]]
    ref_med = statistics.median([v for v in ref if v]) if any(ref) else None
    def row(tool, rs, extra_ratio):
        rs_ok = [r for r in rs if r]
        rps_m, rps_r = med_range([r["rps"] for r in rs_ok], "%.0f")
        cpu_m, cpu_r = med_range([r["cpu_us"] for r in rs_ok], "%.1f")
        srv_m, _ = med_range([r["srv_us"] for r in rs_ok], "%.1f")
        n_m, _ = med_range([r["n"] for r in rs_ok], "%.0f")
        bad = sum(r["bad"] for r in rs_ok)
        return "| %s | %s | %s | %s | %s | %s | %s | %d | %s |" % (
            tool, rps_m, rps_r, cpu_m, cpu_r, srv_m, n_m, bad, extra_ratio)
    zc_ok = [r for r in zc if r]
    zc_med = statistics.median([r["rps"] for r in zc_ok]) if zc_ok else None
    def ratio(t):
        rs = [r["rps"] for r in wrk[t] if r]
        if not rs or zc_med is None:
            return "n/a"
        # The median ratio, and the range of the per-round ratios (run i of
        # zcrawl against run i of wrk, which ran right before or after it).
        per = ["%.2f" % (z["rps"] / w["rps"]) for z, w in zip(zc, wrk[t]) if z and w and w["rps"]]
        return "%.2f (rounds %s)" % (zc_med / statistics.median(rs), ", ".join(per))
    out.append("### Concurrency %d" % c)
    out.append("")
    out.append("| tool | requests/s (median) | range | client CPU µs/request (median) | range "
               "| nginx CPU µs/request | requests per run | non-200 / errors | zcrawl / this |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for t in wrk_ts:
        out.append(row("wrk -t %d -c %d" % (t, c), wrk[t], ratio(t)))
    out.append(row("zcrawl-crawler --concurrency %d" % c, zc, ""))
    drv_m, drv_r = med_range([r["driver_us"] for r in zc_ok], "%.1f")
    out.append("")
    out.append("zc_fetch_bench (producer+broker stand-in) CPU µs/request: %s (range %s); "
               "runs complete: %d of %d." % (drv_m, drv_r, sum(1 for r in zc_ok if r["complete"]), runs))
    out.append("")
text = "\n".join(out)
print(text)
if report:
    with open(report, "w") as f:
        f.write(text + "\n")
EOF
