#!/usr/bin/env bash
# zcrawl politeness benchmark: how close a polite crawl of many hosts comes to the rate the
# politeness rules allow. tests/many_host_server.py serves --hosts small sites, each on its own
# loopback address (127.0.1.1, 127.0.1.2, ...; robots.txt 404 everywhere), and zcrawl crawls
# all of them with --delay-ms D --host-concurrency 1. No host may see two request starts closer
# than D, so the bound is hosts / D requests per second (500 hosts at 500 ms: 1,000/s).
# Loopback traffic only. See bench/README.md, "Politeness efficiency".
#
# Usage: bench/politeness_bench.sh [--hosts N] [--pages P] [--delay-ms D] [--runs R]
#                                  [--configs CxP[,CxP]...] [--latency-ms L] [--port P]
#                                  [--timeout S] [--report FILE] [--keep]
#
# Every configuration (crawlers x parsers) runs --runs times, interleaved (2x2, 1x1, 2x2, ...);
# each run has its own server process and log. The report gives medians.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
PY=${PY:-/usr/bin/python3}
ZCRAWL=${ZCRAWL:-$REPO_ROOT/build/bin/zcrawl}
SERVER="$REPO_ROOT/tests/many_host_server.py"
CHECK="$REPO_ROOT/tests/polite_check.py"

HOSTS=500
PAGES=40              # /p/ pages per host; with the /private/ pages they link: 50 URLs a host
DELAY_MS=500
RUNS=3
CONFIGS="2x2,1x1"
LATENCY_MS=0
PORT=18600
TIMEOUT=600           # per crawl, seconds
REPORT=""
KEEP=0

usage() {
    cat <<EOF
Usage: $0 [options]
  --hosts N          sites, one per loopback address (default $HOSTS, at most 1000)
  --pages P          /p/ pages per host (default $PAGES; each host also has ceil(P/4) /private/ pages)
  --delay-ms D       zcrawl --delay-ms (default $DELAY_MS); --host-concurrency is 1
  --runs R           runs of each configuration, interleaved (default $RUNS)
  --configs LIST     crawlers x parsers, comma list (default $CONFIGS)
  --latency-ms L     the server waits L ms before each answer (default $LATENCY_MS)
  --port P           the port every host listens on (default $PORT; the next free one is used)
  --timeout S        per-run time limit in seconds (default $TIMEOUT)
  --report FILE      also write the table as markdown to FILE
  --keep             keep the temp dir (server logs, crawl outputs, checks)
Env: ZCRAWL (default build/bin/zcrawl), PY (default /usr/bin/python3).
EOF
}

BENCH_NAME=politeness_bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

while (( $# )); do
    case $1 in
        --hosts)      HOSTS=${2:-};      need_int "$1" "$HOSTS"; shift 2 ;;
        --pages)      PAGES=${2:-};      need_int "$1" "$PAGES"; shift 2 ;;
        --delay-ms)   DELAY_MS=${2:-};   need_int "$1" "$DELAY_MS"; shift 2 ;;
        --runs)       RUNS=${2:-};       need_int "$1" "$RUNS"; shift 2 ;;
        --configs)    CONFIGS=${2:-};    shift 2 ;;
        --latency-ms) LATENCY_MS=${2:-}; [[ $LATENCY_MS =~ ^[0-9]+$ ]] || die "--latency-ms: '$LATENCY_MS'"; shift 2 ;;
        --port)       PORT=${2:-};       need_int "$1" "$PORT"; shift 2 ;;
        --timeout)    TIMEOUT=${2:-};    need_int "$1" "$TIMEOUT"; shift 2 ;;
        --report)     REPORT=${2:-};     [[ -n $REPORT ]] || die "--report needs a file"; shift 2 ;;
        --keep)       KEEP=1; shift ;;
        -h|--help)    usage; exit 0 ;;
        *)            usage >&2; die "unknown argument '$1'" ;;
    esac
done
(( HOSTS <= 1000 )) || die "--hosts must be at most 1000"
IFS=',' read -r -a CFGS <<<"$CONFIGS"
(( ${#CFGS[@]} > 0 )) || die "--configs is empty"
for cfg in "${CFGS[@]}"; do
    [[ $cfg =~ ^[1-9][0-9]*x[1-9][0-9]*$ ]] || die "--configs: '$cfg' is not CRAWLERSxPARSERS"
done

unset_proxies
[[ -x $PY ]] || PY=$(command -v python3) || die "no python3"
[[ -x $ZCRAWL ]] || die "zcrawl not found at $ZCRAWL (build it or set ZCRAWL=)"
ZCRAWL=$(cd "$(dirname "$ZCRAWL")" && pwd)/$(basename "$ZCRAWL")   # runs start in their own dirs
[[ -f $SERVER && -f $CHECK ]] || die "tests/many_host_server.py or tests/polite_check.py missing"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zcrawl-polite.XXXXXX")
MEASURE_PID=""
SERVER_PID=""

server_stop() {   # SIGTERM (the server flushes its log), up to 10 s, then SIGKILL; reaps it
    local pid=$SERVER_PID n=100 st
    [[ -n $pid ]] || return 0
    SERVER_PID=""
    kill -TERM "$pid" 2>/dev/null || true
    while (( n-- > 0 )); do
        st=$(ps -o stat= -p "$pid" 2>/dev/null || true)
        [[ -z $st || $st == Z* ]] && break
        sleep 0.1
    done
    st=$(ps -o stat= -p "$pid" 2>/dev/null || true)
    if [[ -n $st && $st != Z* ]]; then
        log "the server (pid $pid) did not stop, killing"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup_hook() { stop_pid "$MEASURE_PID"; server_stop; }
bench_traps

server_start() {  # name: a fresh server logging to $WORK/name.server.log, ready within 20 s
    local name=$1 n=200
    rm -f "$WORK/$name.ready"
    "$PY" "$SERVER" --port "$PORT" --hosts "$HOSTS" --pages "$PAGES" --robots-plan 404 \
        --latency-ms "$LATENCY_MS" --log "$WORK/$name.server.log" --ready-file "$WORK/$name.ready" \
        </dev/null >"$WORK/$name.server.out" 2>&1 &
    SERVER_PID=$!
    while (( n-- > 0 )); do
        [[ -f $WORK/$name.ready ]] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$name.server.out" >&2; die "the server exited at start-up"; }
        sleep 0.1
    done
    die "the server did not get ready within 20 s"
}

# The port must be free on every host's address, not only on 127.0.0.1.
PORT=$("$PY" - "$PORT" "$HOSTS" "$SERVER" <<'EOF'
import importlib.util, socket, sys
p0, hosts = int(sys.argv[1]), int(sys.argv[2])
spec = importlib.util.spec_from_file_location("mhs", sys.argv[3])
mhs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mhs)
for p in range(p0, p0 + 200):
    ok = True
    for i in range(hosts):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((mhs.host_addr(i), p))
        except OSError:
            ok = False
        finally:
            s.close()
        if not ok:
            break
    if ok:
        print(p)
        sys.exit(0)
sys.exit("no port free on every host address in %d..%d" % (p0, p0 + 199))
EOF
) || die "no free port"

"$PY" - "$HOSTS" "$PORT" "$SERVER" >"$WORK/seeds.txt" <<'EOF'
import importlib.util, sys
hosts, port = int(sys.argv[1]), int(sys.argv[2])
spec = importlib.util.spec_from_file_location("mhs", sys.argv[3])
mhs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mhs)
for i in range(hosts):
    print("http://%s:%d/p/0.html" % (mhs.host_addr(i), port))
EOF
URLS_PER_HOST=$(( PAGES + (PAGES + 3) / 4 ))
log "$HOSTS hosts x $URLS_PER_HOST URLs on port $PORT, --delay-ms $DELAY_MS, bound $(( HOSTS * 1000 / DELAY_MS )) requests/s, configs ${CFGS[*]}, $RUNS runs each"

run_one() {   # cfg i seq
    local cfg=$1 i=$2 seq=$3 c=${1%x*} p=${1#*x} name="zcrawl-$1.$2" out n=0
    out="$WORK/$name.out"
    server_start "$name"
    log "$name: run $i/$RUNS (crawlers $c, parsers $p)"
    run_measured "$name" "$ZCRAWL" run --seed-file "$WORK/seeds.txt" --out "$out" --scope any \
        --delay-ms "$DELAY_MS" --host-concurrency 1 --crawlers "$c" --parsers "$p" \
        --allow-private --http off --log-level warn
    server_stop
    [[ -f $out/pages.jsonl ]] && n=$(wc -l <"$out/pages.jsonl")
    (( n == HOSTS * URLS_PER_HOST )) || log "WARNING: $name recorded $n pages, expected $(( HOSTS * URLS_PER_HOST ))"
    "$PY" "$CHECK" "$WORK/$name.server.log" --delay-ms "$DELAY_MS" --robots-plan 404 --json \
        >"$WORK/$name.check.json" || true
    "$PY" - "$WORK/$name" "$cfg" "$i" "$seq" "$n" <<'EOF'
import json, sys
base, cfg, i, seq, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def load(path, default):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return default
m = load(base + ".measure.json", dict(wall_s=0, cpu_s=0, exit_code=None, timed_out=False))
ck = load(base + ".check.json", dict(hosts={}, requests=0, violation_count=0, violations=[],
                                    rates=dict(steady_rps=None, span_rps=None, connections=0)))
gaps = [h["mean_gap_ms"] for h in ck["hosts"].values() if h["mean_gap_ms"] is not None]
row = dict(cfg=cfg, run=i, seq=seq, records=n, wall_s=m["wall_s"], cpu_s=m["cpu_s"],
           exit_code=m["exit_code"], timed_out=m["timed_out"], requests=ck["requests"],
           steady_rps=ck["rates"]["steady_rps"], span_rps=ck["rates"]["span_rps"],
           connections=ck["rates"]["connections"],
           violations=ck["violation_count"], mean_gap_ms=sum(gaps) / len(gaps) if gaps else None,
           first_violations=ck["violations"][:3])
json.dump(row, open(base + ".row.json", "w"))
print("%s: %d records in %.1f s, steady %.1f requests/s, %d violations"
      % (base.rsplit("/", 1)[1], n, m["wall_s"], row["steady_rps"] or 0, row["violations"]),
      file=sys.stderr)
EOF
    after_run "$out"
}

SEQ=0
for (( i = 1; i <= RUNS; i++ )); do
    for cfg in "${CFGS[@]}"; do
        SEQ=$(( SEQ + 1 ))
        run_one "$cfg" "$i" "$SEQ"
    done
done

META="hosts=$HOSTS urls/host=$URLS_PER_HOST delay=${DELAY_MS}ms host-concurrency=1 latency=${LATENCY_MS}ms robots.txt 404; $(nproc) CPUs; $(date -u +%Y-%m-%dT%H:%MZ)"
"$PY" - "$WORK" "$HOSTS" "$DELAY_MS" "$META" "$REPORT" "${CFGS[@]}" <<'EOF'
import glob, json, statistics, sys
work, hosts, delay, meta, report = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
cfgs = sys.argv[6:]
bound = hosts * 1000.0 / delay
rows = [json.load(open(p)) for p in glob.glob(work + "/*.row.json")]
rows.sort(key=lambda r: r["seq"])

def med(v):
    v = [x for x in v if x is not None]
    return statistics.median(v) if v else None

def rng(v):
    v = [x for x in v if x is not None]
    return "%.0f–%.0f" % (min(v), max(v)) if v else "–"

out = ["Politeness efficiency (%s)" % meta, "",
       "| crawlers x parsers | runs | records | wall s | steady req/s (p10–p90) | range | "
       "whole-crawl pages/s | bound req/s | efficiency | mean gap ms | CPU ms/page | "
       "connections/request | violations |",
       "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
for cfg in cfgs:
    rs = [r for r in rows if r["cfg"] == cfg]
    if not rs:
        continue
    steady = med([r["steady_rps"] for r in rs])
    recs = sorted({r["records"] for r in rs})
    out.append("| %s | %d | %s | %.1f | %.1f | %s | %.1f | %.0f | %.3f | %.1f | %.3f | %.2f | %d |" % (
        cfg.replace("x", " x "), len(rs),
        str(recs[0]) if len(recs) == 1 else "%d–%d" % (recs[0], recs[-1]),
        med([r["wall_s"] for r in rs]), steady or 0, rng([r["steady_rps"] for r in rs]),
        med([r["records"] / r["wall_s"] for r in rs if r["wall_s"]]) or 0, bound,
        (steady or 0) / bound, med([r["mean_gap_ms"] for r in rs]) or 0,
        med([1000.0 * r["cpu_s"] / r["records"] for r in rs if r["records"]]) or 0,
        med([r["connections"] / r["requests"] for r in rs if r["requests"]]) or 0,
        sum(r["violations"] for r in rs)))
out += ["", "Per run, in run order:", "",
        "| # | config | run | records | wall s | steady req/s | whole-crawl pages/s | "
        "efficiency | violations | exit |", "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
for r in rows:
    out.append("| %d | %s | %d | %d | %.1f | %.1f | %.1f | %.3f | %d | %s |" % (
        r["seq"], r["cfg"], r["run"], r["records"], r["wall_s"], r["steady_rps"] or 0,
        r["records"] / r["wall_s"] if r["wall_s"] else 0, (r["steady_rps"] or 0) / bound,
        r["violations"], "timeout" if r["timed_out"] else r["exit_code"]))
bad = [(r["seq"], v) for r in rows for v in r["first_violations"]]
out += ["", "steady req/s: requests (robots.txt included) the server saw start between the 10th "
        "and 90th percentile of all start times, per second of that interval; whole-crawl "
        "pages/s: records / wall s of `zcrawl run` (start-up and completion included); bound: "
        "hosts / delay; efficiency: steady / bound; mean gap: per host (last start - first "
        "start) / (requests - 1), averaged over hosts; violations: tests/polite_check.py "
        "(gap < delay - 2 ms, overlap, disallowed path); connections/request: TCP connections the "
        "server accepted per request (1.00 = no connection reused). Medians over the runs."]
if bad:
    out += ["", "First violations: " + "; ".join("run %d: %s" % b for b in bad[:5])]
text = "\n".join(out) + "\n"
print(text)
if report:
    open(report, "w").write(text)
sys.exit(1 if any(r["violations"] for r in rows) else 0)
EOF
