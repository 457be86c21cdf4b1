#!/usr/bin/env bash
# zcrawl crawl benchmark: zcrawl vs Scrapy vs wget2 against a local nginx
# serving a generated static site. Loopback traffic only. See bench/README.md.
#
# Usage: bench/crawl_bench.sh [--pages N] [--concurrency C] [--only TOOL[,TOOL]]...
#                             [--runs N] [--scrapy-runs N]
#                             [--crawlers N] [--parsers N] [--report FILE] [--keep]
#                             [--port P] [--seed S] [--timeout S] [--nginx-workers N]
#
# zcrawl and wget2 run --runs times each, interleaved (zcrawl, wget2, zcrawl, wget2, ...),
# Scrapy --scrapy-runs times (after wget2 in the first rounds); the report gives medians.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
PY=/usr/bin/python3                 # Debian's python: has scrapy
NGINX=${NGINX:-/usr/sbin/nginx}
WGET2=${WGET2:-wget2}
ZCRAWL=${ZCRAWL:-$REPO_ROOT/build/bin/zcrawl}

PAGES=20000
SEED=1
CONC=32
CRAWLERS=1
PARSERS=1
PORT=18080
TIMEOUT=3600          # per crawler run, seconds
RUNS=3                # runs of zcrawl and of wget2 (interleaved)
SCRAPY_RUNS=1         # runs of Scrapy (~4 min each at 20,000 pages)
NGINX_WORKERS=1
REPORT=""
KEEP=0
ONLY=""
CACHE_DIR="$BENCH_DIR/.cache"

usage() {
    cat <<EOF
Usage: $0 [options]
  --pages N          pages in the generated site (default $PAGES)
  --seed S           site generator seed (default $SEED)
  --concurrency C    concurrent requests for every crawler (default $CONC)
  --crawlers N       zcrawl --crawlers (default $CRAWLERS)
  --parsers N        zcrawl --parsers (default $PARSERS)
  --only LIST        zcrawl,scrapy,wget2 (comma list, repeatable; default all)
  --runs N           runs of zcrawl and of wget2, interleaved (default $RUNS)
  --scrapy-runs N    runs of Scrapy (default $SCRAPY_RUNS)
  --report FILE      also write the results table as markdown to FILE
  --keep             keep the temp dir (crawler outputs, logs, nginx log)
  --port P           first nginx port to try (default $PORT; next free one is used)
  --timeout S        per-run time limit in seconds (default $TIMEOUT)
  --nginx-workers N  nginx worker_processes (default $NGINX_WORKERS)
  --cache-dir DIR    where generated sites are cached (default bench/.cache)
Env: ZCRAWL (default build/bin/zcrawl), NGINX, WGET2.
EOF
}

BENCH_NAME=crawl_bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

while (( $# )); do
    case $1 in
        --pages)         PAGES=${2:-};         need_int "$1" "$PAGES"; shift 2 ;;
        --seed)          SEED=${2:-};          [[ $SEED =~ ^[0-9]+$ ]] || die "--seed: '$SEED'"; shift 2 ;;
        --concurrency|-c) CONC=${2:-};         need_int "$1" "$CONC"; shift 2 ;;
        --crawlers)      CRAWLERS=${2:-};      need_int "$1" "$CRAWLERS"; shift 2 ;;
        --parsers)       PARSERS=${2:-};       need_int "$1" "$PARSERS"; shift 2 ;;
        --only)          ONLY="$ONLY,${2:-}";  shift 2 ;;
        --runs)          RUNS=${2:-};          need_int "$1" "$RUNS"; shift 2 ;;
        --scrapy-runs)   SCRAPY_RUNS=${2:-};   need_int "$1" "$SCRAPY_RUNS"; shift 2 ;;
        --report)        REPORT=${2:-};        [[ -n $REPORT ]] || die "--report needs a file"; shift 2 ;;
        --keep)          KEEP=1; shift ;;
        --port)          PORT=${2:-};          need_int "$1" "$PORT"; shift 2 ;;
        --timeout)       TIMEOUT=${2:-};       need_int "$1" "$TIMEOUT"; shift 2 ;;
        --nginx-workers) NGINX_WORKERS=${2:-}; need_int "$1" "$NGINX_WORKERS"; shift 2 ;;
        --cache-dir)     CACHE_DIR=${2:-};     [[ -n $CACHE_DIR ]] || die "--cache-dir needs a dir"; shift 2 ;;
        -h|--help)       usage; exit 0 ;;
        *)               usage >&2; die "unknown argument '$1'" ;;
    esac
done
(( PAGES >= 2 )) || die "--pages must be >= 2"

TOOLS=()
if [[ -z ${ONLY//,/} ]]; then
    TOOLS=(zcrawl scrapy wget2)
else
    IFS=',' read -r -a _req <<<"$ONLY"
    for t in zcrawl scrapy wget2; do          # fixed order, deduplicated
        for r in "${_req[@]}"; do
            [[ $r == "$t" ]] && { TOOLS+=("$t"); break; }
        done
    done
    for r in "${_req[@]}"; do
        [[ -z $r || $r == zcrawl || $r == scrapy || $r == wget2 ]] || die "--only: unknown tool '$r'"
    done
fi

unset_proxies

[[ -x $NGINX ]] || die "nginx not found at $NGINX"
[[ -x $PY ]] || die "$PY not found"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zcrawl-bench.XXXXXX")
NGINX_PID=""
MEASURE_PID=""

cleanup_hook() { stop_pid "$MEASURE_PID"; }
bench_traps

PORT=$(free_port "$PORT")
BASE="http://127.0.0.1:$PORT"
START_URL="$BASE/index.html"

# ---------------------------------------------------------------- site
# Absolute links in the site embed the base URL, so the cache key includes the port.
SITE="$CACHE_DIR/site-p$PAGES-s$SEED-port$PORT"
site_ensure

# ---------------------------------------------------------------- nginx
nginx_write_conf --workers "$NGINX_WORKERS" --access-log bench
nginx_start "$START_URL"
log "nginx pid $NGINX_PID serving $SITE on $BASE"

# ---------------------------------------------------------------- runs
# Run i of a tool is named TOOL.i: its measure.py JSON is $WORK/TOOL.i.measure.json,
# its page/request counts $WORK/TOOL.i.extra.json, its output/cwd/log TOOL.i.*.
log_lines() { wc -l <"$WORK/nginx/access.log" 2>/dev/null || echo 0; }

# name from_line pages note [run seq]  (access log slice: from line from_line+1)
write_extra() {
    local name=$1 from=$2 pages=$3 note=$4 run=${5:-0} seq=${6:-0}
    sleep 0.2   # let nginx finish writing the last log lines
    "$PY" - "$WORK/nginx/access.log" "$from" "$pages" "$note" "$run" "$seq" \
        >"$WORK/$name.extra.json" <<'EOF'
import json, sys
path, start, pages, note = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
run, seq = int(sys.argv[5]), int(sys.argv[6])
req = ok = trap = 0
codes = {}
try:
    with open(path, errors="replace") as f:
        for n, line in enumerate(f):
            if n < start:
                continue
            parts = line.split(" ", 4)
            if len(parts) < 4:
                continue
            req += 1
            codes[parts[1]] = codes.get(parts[1], 0) + 1
            if "/trap/" in parts[3]:
                trap += 1
except FileNotFoundError:
    pass
print(json.dumps({"pages": pages, "requests": req, "status": codes,
                  "non_200": req - codes.get("200", 0), "trap_requests": trap,
                  "note": note, "run": run, "seq": seq}))
EOF
}

check_count() {
    local name=$1 got=$2
    if (( got != PAGES )); then
        log "WARNING: $name crawled $got pages, expected $PAGES"
    fi
}

# One line per finished run, so progress is visible during long benchmarks.
log_run() {
    local name=$1 pages=$2 wall
    wall=$(sed -n 's/.*"wall_s": \([0-9.]*\).*/\1/p' "$WORK/$name.measure.json" 2>/dev/null || true)
    if [[ -n $wall ]]; then
        log "$name: $pages pages in ${wall}s ($(awk -v p="$pages" -v w="$wall" \
            'BEGIN { printf "%.1f", (w > 0 ? p / w : 0) }') pages/s)"
    else
        log "$name: $pages pages (no measurement)"
    fi
}

# Is the tool runnable? If not, record one skipped run and drop it.
RUN_TOOLS=()
for tool in "${TOOLS[@]}"; do
    case $tool in
    zcrawl)
        if [[ ! -x $ZCRAWL ]]; then
            log "WARNING: zcrawl binary not found at $ZCRAWL (build it or set ZCRAWL=); skipping"
            write_extra zcrawl.1 "$(log_lines)" 0 "skipped: $ZCRAWL not found" 1
            continue
        fi ;;
    scrapy)
        if ! "$PY" -c 'import scrapy' 2>/dev/null; then
            log "WARNING: scrapy not importable by $PY; skipping"
            write_extra scrapy.1 "$(log_lines)" 0 "skipped: scrapy not installed" 1
            continue
        fi ;;
    wget2)
        if ! command -v "$WGET2" >/dev/null; then
            log "WARNING: $WGET2 not found; skipping"
            write_extra wget2.1 "$(log_lines)" 0 "skipped: wget2 not found" 1
            continue
        fi ;;
    esac
    RUN_TOOLS+=("$tool")
done

runs_of() { [[ $1 == scrapy ]] && echo "$SCRAPY_RUNS" || echo "$RUNS"; }

run_tool() {   # tool i seq
    local tool=$1 i=$2 seq=$3 name="$1.$2" nruns from n out
    nruns=$(runs_of "$tool")
    from=$(log_lines)
    case $tool in
    zcrawl)
        out="$WORK/zcrawl.$i.out"          # fresh --out dir for every run
        log "$name: run $i/$nruns, crawling $START_URL (concurrency $CONC, crawlers $CRAWLERS, parsers $PARSERS)"
        run_measured "$name" "$ZCRAWL" run --seed "$START_URL" --out "$out" \
            --crawlers "$CRAWLERS" --parsers "$PARSERS" \
            --concurrency "$CONC" --host-concurrency "$((CONC * 4))" --delay-ms 0 --allow-private
        n=0
        [[ -f $out/pages.jsonl ]] && n=$(wc -l <"$out/pages.jsonl")
        [[ -f $out/pages.jsonl ]] || log "WARNING: $out/pages.jsonl not found"
        ;;
    scrapy)
        out="$WORK/scrapy.$i.out.jsonl"
        log "$name: run $i/$nruns, crawling $START_URL (concurrency $CONC)"
        run_measured "$name" "$PY" -m scrapy runspider "$BENCH_DIR/scrapy_spider.py" \
            -a "start=$START_URL" -O "$out" \
            -s "CONCURRENT_REQUESTS=$CONC" -s "CONCURRENT_REQUESTS_PER_DOMAIN=$CONC" \
            -s DOWNLOAD_DELAY=0 -s ROBOTSTXT_OBEY=False -s AUTOTHROTTLE_ENABLED=False \
            -s HTTPCACHE_ENABLED=False -s LOG_LEVEL=WARNING -s TELNETCONSOLE_ENABLED=False
        n=0
        [[ -f $out ]] && n=$(wc -l <"$out")
        ;;
    wget2)
        out="$WORK/wget2.$i.out"
        log "$name: run $i/$nruns, crawling $START_URL (max-threads $CONC)"
        # HOME points into the run dir so wget2 cannot write HSTS/HPKP/OCSP files elsewhere.
        run_measured "$name" env HOME="$WORK/$name.run" "$WGET2" --no-config \
            --recursive --level=inf --no-parent --max-threads="$CONC" --no-robots \
            --no-hsts --no-hpkp --no-proxy \
            --directory-prefix="$out" --quiet "$START_URL"
        n=0
        [[ -d $out ]] && n=$(find "$out" -type f -name '*.html' | wc -l)
        ;;
    esac
    check_count "$name" "$n"
    write_extra "$name" "$from" "$n" "" "$i" "$seq"
    log_run "$name" "$n"
    after_run "$out"
}

# Rounds: zcrawl, wget2, then scrapy (while it has runs left), repeated, so that
# zcrawl and wget2 runs alternate and machine drift hits both alike.
ROUNDS=0
for tool in "${RUN_TOOLS[@]}"; do
    r=$(runs_of "$tool")
    if (( r > ROUNDS )); then ROUNDS=$r; fi
done
SEQ=0
for (( i = 1; i <= ROUNDS; i++ )); do
    for tool in zcrawl wget2 scrapy; do
        [[ " ${RUN_TOOLS[*]} " == *" $tool "* ]] || continue
        (( i <= $(runs_of "$tool") )) || continue
        SEQ=$(( SEQ + 1 ))
        run_tool "$tool" "$i" "$SEQ"
    done
done

nginx_check_errors "the server, not only the crawler, may be at fault"

# ---------------------------------------------------------------- report
META="pages=$PAGES concurrency=$CONC zcrawl: crawlers=$CRAWLERS parsers=$PARSERS; nginx workers=$NGINX_WORKERS; $(nproc) CPUs; $(date -u +%Y-%m-%dT%H:%MZ)"
"$PY" "$BENCH_DIR/bench_report.py" --work "$WORK" --meta "$META" --expect-pages "$PAGES" \
    ${REPORT:+--report "$REPORT"} "${TOOLS[@]}"
