#!/usr/bin/env bash
# What monitoring costs the pipeline: the crawl benchmark's zcrawl crawl (same
# generated site, same nginx, same flags as bench/crawl_bench.sh) run alternately
# without and with monitoring load, N runs each; medians and the overhead in %.
#
#   idle    the sink's HTTP server listens (--http, the default), nobody asks
#   loaded  Prometheus scrapes /metrics every second and a headless Chromium
#           keeps the dashboard open (it polls /stats every second)
#   loaded-bg  the same clients under SCHED_IDLE (chrt --idle 0): they get a core
#           only when the crawl leaves it idle, a stand-in for clients on another
#           machine (a user's browser, a monitoring host)
#   toggled  the clients of `loaded`, stopped (SIGSTOP) and let go on (SIGCONT)
#           in alternating windows of --window seconds of one crawl
#           (bench/monitor_windows.py): the crawl's pages/s with and without
#           monitoring, seconds apart on the same crawl, which is steadier than
#           comparing whole crawls
#
# Both load clients are started (and ready) before the crawl starts, so their
# start-up is not counted: Prometheus is scraping (failing) before the sink is
# up, and the dashboard is open already, loaded from a stand-in sink on the same
# port that is stopped just before the crawl (the page keeps polling and picks
# the crawl's sink up, as it would for a user who keeps it open). They run on
# the same cores as the crawl, which is part of what is measured. --modes adds
# `off` (--http off), `prometheus` and `dashboard` (one load client alone); the
# first mode listed is the baseline.
# Loopback traffic only. See bench/README.md.
#
# Usage: bench/monitor_bench.sh [--pages N] [--runs N] [--modes LIST] [--concurrency C]
#                               [--crawlers N] [--parsers N] [--port P] [--seed S]
#                               [--window S] [--timeout S] [--report FILE] [--keep]
#                               [--cache-dir DIR]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
PY=/usr/bin/python3
NGINX=${NGINX:-/usr/sbin/nginx}
ZCRAWL=${ZCRAWL:-$REPO_ROOT/build/bin/zcrawl}
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

PAGES=20000
SEED=1
CONC=32
CRAWLERS=1
PARSERS=1
PORT=18080
RUNS=3
MODES="idle,loaded"
TIMEOUT=1800
WINDOW=3
REPORT=""
KEEP=0
CACHE_DIR="$BENCH_DIR/.cache"

usage() {
    cat <<EOF
Usage: $0 [options]
  --pages N          pages in the generated site (default $PAGES)
  --runs N           runs of each mode, interleaved (default $RUNS)
  --modes LIST       off,idle,prometheus,dashboard,loaded,loaded-bg,toggled; the first is
                     the baseline (toggled is reported in its own table)
                     (default $MODES)
  --concurrency C    zcrawl --concurrency (default $CONC; --host-concurrency 4C)
  --crawlers N       zcrawl --crawlers (default $CRAWLERS)
  --parsers N        zcrawl --parsers (default $PARSERS)
  --port P           first nginx port to try (default $PORT; the site cache is keyed by it)
  --seed S           site generator seed (default $SEED)
  --window S         toggled: seconds per window (default $WINDOW)
  --timeout S        per-run time limit (default $TIMEOUT)
  --report FILE      also write the table as markdown to FILE
  --keep             keep the temp dir (outputs, logs)
  --cache-dir DIR    where generated sites are cached (default bench/.cache)
Env: ZCRAWL (default build/bin/zcrawl), NGINX, PROMETHEUS, CHROMIUM.
EOF
}

BENCH_NAME=monitor_bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

while (( $# )); do
    case $1 in
        --pages)          PAGES=${2:-};    need_int "$1" "$PAGES"; shift 2 ;;
        --runs)           RUNS=${2:-};     need_int "$1" "$RUNS"; shift 2 ;;
        --modes)          MODES=${2:-};    shift 2 ;;
        --concurrency|-c) CONC=${2:-};     need_int "$1" "$CONC"; shift 2 ;;
        --crawlers)       CRAWLERS=${2:-}; need_int "$1" "$CRAWLERS"; shift 2 ;;
        --parsers)        PARSERS=${2:-};  need_int "$1" "$PARSERS"; shift 2 ;;
        --port)           PORT=${2:-};     need_int "$1" "$PORT"; shift 2 ;;
        --seed)           SEED=${2:-};     [[ $SEED =~ ^[0-9]+$ ]] || die "--seed: '$SEED'"; shift 2 ;;
        --timeout)        TIMEOUT=${2:-};  need_int "$1" "$TIMEOUT"; shift 2 ;;
        --window)         WINDOW=${2:-};   need_int "$1" "$WINDOW"; shift 2 ;;
        --report)         REPORT=${2:-};   [[ -n $REPORT ]] || die "--report needs a file"; shift 2 ;;
        --keep)           KEEP=1; shift ;;
        --cache-dir)      CACHE_DIR=${2:-}; [[ -n $CACHE_DIR ]] || die "--cache-dir needs a dir"; shift 2 ;;
        -h|--help)        usage; exit 0 ;;
        *)                usage >&2; die "unknown argument '$1'" ;;
    esac
done
(( PAGES >= 2 )) || die "--pages must be >= 2"
IFS=',' read -r -a MODE_LIST <<<"$MODES"
(( ${#MODE_LIST[@]} >= 1 )) || die "--modes needs at least one mode"
for m in "${MODE_LIST[@]}"; do
    [[ $m =~ ^(off|idle|prometheus|dashboard|loaded|loaded-bg|toggled)$ ]] || die "--modes: unknown mode '$m'"
done

unset_proxies
for x in "$NGINX" "$PY" "$ZCRAWL" "$PROMETHEUS" "$CHROMIUM"; do
    [[ -x $x ]] || die "$x not found (scripts/setup.sh installs prometheus and chromium)"
done
command -v curl >/dev/null || die "curl not found"
[[ ,$MODES, != *,loaded-bg,* ]] || command -v chrt >/dev/null || die "chrt not found (util-linux)"
ZCRAWL=$(cd "$(dirname "$ZCRAWL")" && pwd)/$(basename "$ZCRAWL")   # runs start in their own dirs

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zcrawl-monbench.XXXXXX")
NGINX_PID="" MEASURE_PID="" PROM_PID="" CHROME_PID="" STANDIN_PID=""
CLIENT=()   # what the load clients are started under (chrt --idle 0 in loaded-bg)

stop_group() {  # pid: SIGTERM to its process group (it is a session leader), then SIGKILL
    local pid=$1
    [[ -n $pid ]] || return 0
    kill -CONT -- "-$pid" 2>/dev/null || true   # a stopped client (toggled) would not see TERM
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup_hook() {
    stop_pid "$MEASURE_PID"
    stop_group "$CHROME_PID"
    stop_group "$PROM_PID"
    stop_group "$STANDIN_PID"
}
bench_traps

# ---------------------------------------------------------------- site and nginx (as crawl_bench.sh)
PORT=$(free_port "$PORT")
BASE="http://127.0.0.1:$PORT"
START_URL="$BASE/index.html"
SITE="$CACHE_DIR/site-p$PAGES-s$SEED-port$PORT"
site_ensure

nginx_write_conf
nginx_start "$START_URL"
log "nginx pid $NGINX_PID serving $SITE on $BASE"

HPORT=$(free_port $(( PORT + 1000 )))
PPORT=$(free_port $(( PORT + 2000 )))

# ---------------------------------------------------------------- load clients
start_prometheus() {   # name
    local dir="$WORK/$1.prometheus"
    mkdir -p "$dir"
    cat >"$dir/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: zcrawl
    scrape_interval: 1s
    scrape_timeout: 900ms
    static_configs:
      - targets: ['127.0.0.1:$HPORT']
EOF
    setsid "${CLIENT[@]}" "$PROMETHEUS" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
        --web.listen-address="127.0.0.1:$PPORT" --log.level=warn >"$dir/log" 2>&1 </dev/null &
    PROM_PID=$!
    # Ready, and scraping: its scrape manager applies targets only some seconds
    # after start, so wait for the first scrape attempt (it fails: no sink yet).
    for _ in $(seq 1 300); do
        kill -0 "$PROM_PID" 2>/dev/null || die "prometheus exited ($dir/log)"
        (( $(scrapes_ok count) > 0 )) && return 0
        sleep 0.1
    done
    die "prometheus did not start scraping within 30 s ($dir/log)"
}

scrapes_ok() {         # successful scrapes of the sink seen by Prometheus
    curl -s --noproxy '*' --max-time 5 "http://127.0.0.1:$PPORT/api/v1/query" \
        --data-urlencode "query=${1:-sum}_over_time(up{job=\"zcrawl\"}[1h])" |
        "$PY" -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)' \
        2>/dev/null || echo 0
}

start_chromium() {     # name; the dashboard open (from a stand-in sink), DevTools port in $DPORT
    local prof="$WORK/$1.chromium" url="http://127.0.0.1:$HPORT/"
    mkdir -p "$prof"
    setsid "$ZCRAWL-sink" --records "ipc://$WORK/standin-records" --stats-in "ipc://$WORK/standin-stats" \
        --out "$WORK/$1.standin" --http "127.0.0.1:$HPORT" --log-level warn \
        >"$WORK/$1.standin.log" 2>&1 </dev/null &
    STANDIN_PID=$!
    for _ in $(seq 1 100); do
        curl -s --noproxy '*' --max-time 1 -o /dev/null "${url}stats" && break
        sleep 0.1
    done
    setsid "${CLIENT[@]}" "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --remote-debugging-address=127.0.0.1 --remote-debugging-port=0 --user-data-dir="$prof" \
        --no-first-run --no-default-browser-check --disable-background-networking \
        --disable-component-update --disable-sync --disable-default-apps --disable-extensions \
        --metrics-recording-only --disable-domain-reliability --window-size=1280,1600 \
        "$url" >"$prof.log" 2>&1 </dev/null &
    CHROME_PID=$!
    DPORT=""
    for _ in $(seq 1 300); do
        [[ -s $prof/DevToolsActivePort ]] && DPORT=$(head -n1 "$prof/DevToolsActivePort")
        [[ -n $DPORT ]] && break
        kill -0 "$CHROME_PID" 2>/dev/null || die "chromium exited ($prof.log)"
        sleep 0.1
    done
    [[ -n $DPORT ]] || die "chromium not ready within 30 s ($prof.log)"
    sleep 4   # the page loaded and polling: its start-up is over
    stop_group "$STANDIN_PID"; STANDIN_PID=""
}

dashboard_title() {    # the open dashboard's title ("zcrawl: N pages"), from DevTools
    curl -s --noproxy '*' --max-time 5 "http://127.0.0.1:$DPORT/json/list" |
        "$PY" -c 'import json,sys; print(" ".join(t["title"] for t in json.load(sys.stdin) if t.get("type") == "page"))' \
        2>/dev/null || true
}

group_cpu() {          # CPU seconds (utime+stime, children included) of the process groups given
    "$PY" - "$@" <<'EOF'
import os, sys
groups = {int(a) for a in sys.argv[1:] if a}
tick = os.sysconf("SC_CLK_TCK")
total = 0
for d in os.listdir("/proc"):
    if not d.isdigit():
        continue
    try:
        st = open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    if int(st[2]) in groups:
        total += sum(int(x) for x in st[11:15])
print("%.2f" % (total / tick))
EOF
}

# ---------------------------------------------------------------- runs
run_one() {   # mode i seq
    local mode=$1 i=$2 seq=$3 name="$1.$2" out="$WORK/$1.$2.out" scrapes="" opened=0
    local prom=0 dash=0 httparg="127.0.0.1:$HPORT"
    [[ $mode == prometheus || $mode == loaded* || $mode == toggled ]] && prom=1
    [[ $mode == dashboard || $mode == loaded* || $mode == toggled ]] && dash=1
    CLIENT=()
    [[ $mode == loaded-bg ]] && CLIENT=(chrt --idle 0)
    [[ $mode == off ]] && httparg=off
    (( prom )) && start_prometheus "$name"
    (( dash )) && start_chromium "$name"
    local cpu0=0 cpu1=0 scrapes0=0
    (( prom )) && scrapes0=$(scrapes_ok)    # the stand-in sink's, if any
    (( prom || dash )) && cpu0=$(group_cpu "$CHROME_PID" "$PROM_PID")
    log "$name: crawling $START_URL ($mode)"
    local crawl=("$ZCRAWL" run --seed "$START_URL" --out "$out" --crawlers "$CRAWLERS"
        --parsers "$PARSERS" --concurrency "$CONC" --host-concurrency "$((CONC * 4))"
        --delay-ms 0 --allow-private --http "$httparg" --log-level warn)
    if [[ $mode == toggled ]]; then
        mkdir -p "$WORK/$name.run"
        (cd "$WORK/$name.run" && exec "$PY" "$BENCH_DIR/measure.py" --timeout "$TIMEOUT" \
            --json-out "$WORK/$name.measure.json" --label "$name" -- "${crawl[@]}") \
            >"$WORK/$name.log" 2>&1 &
        MEASURE_PID=$!
        "$PY" "$BENCH_DIR/monitor_windows.py" --records "$out/pages.jsonl" \
            --groups "$CHROME_PID,$PROM_PID" --done-pid "$MEASURE_PID" --window "$WINDOW" \
            --timeout "$TIMEOUT" --out "$WORK/$name.windows.json" >"$WORK/$name.windows.log" 2>&1 ||
            log "$name: monitor_windows.py failed: $(tail -n 3 "$WORK/$name.windows.log")"
        wait "$MEASURE_PID" || log "$name exited with status $?"
        MEASURE_PID=""
        log "$name: windows: $(cat "$WORK/$name.windows.log")"
    else
        run_measured "$name" "${crawl[@]}"
    fi
    (( prom || dash )) && cpu1=$(group_cpu "$CHROME_PID" "$PROM_PID")
    if (( dash )); then
        # The page polled during the crawl: its title shows the last count it drew.
        local title
        title=$(dashboard_title)
        log "$name: dashboard title: $title"
        [[ $title =~ zcrawl:\ ([0-9,]+)\ pages ]] && opened=${BASH_REMATCH[1]//,/}
    fi
    if (( prom )); then
        scrapes=$(( $(scrapes_ok) - scrapes0 ))
        log "$name: Prometheus scrapes of the crawl's sink: $scrapes ok"
    fi
    stop_group "$CHROME_PID"; CHROME_PID=""
    stop_group "$PROM_PID"; PROM_PID=""
    local n=0
    [[ -f $out/pages.jsonl ]] && n=$(wc -l <"$out/pages.jsonl")
    (( n == PAGES )) || log "WARNING: $name wrote $n pages, expected $PAGES"
    "$PY" - "$WORK/$name.measure.json" "$mode" "$i" "$seq" "$n" "${scrapes:--1}" "$opened" \
        "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.2f", b - a }')" \
        >"$WORK/$name.row.json" <<'EOF'
import json, sys
try:
    m = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    m = {"wall_s": 0, "cpu_s": 0, "exit_code": -1}
mode, i, seq, n, scrapes, opened = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
load_cpu = float(sys.argv[8])
print(json.dumps({"mode": mode, "run": i, "seq": seq, "pages": n, "wall_s": m["wall_s"],
                  "cpu_s": m["cpu_s"], "pps": n / m["wall_s"] if m["wall_s"] else 0,
                  "exit": m["exit_code"], "scrapes": scrapes, "dashboard": opened,
                  "load_cpu_s": load_cpu}))
EOF
    log "$name: $n pages in $(sed -n 's/.*"wall_s": \([0-9.]*\).*/\1/p' "$WORK/$name.measure.json")s${scrapes:+, $scrapes scrapes ok}"
    after_run "$out" "$WORK/$name.prometheus" "$WORK/$name.chromium"
}

SEQ=0
for (( i = 1; i <= RUNS; i++ )); do
    # ABBA order: drift over the session hits every mode alike.
    order=("${MODE_LIST[@]}")
    if (( i % 2 == 0 )); then
        order=()
        for (( k = ${#MODE_LIST[@]} - 1; k >= 0; k-- )); do order+=("${MODE_LIST[k]}"); done
    fi
    for mode in "${order[@]}"; do
        SEQ=$(( SEQ + 1 ))
        run_one "$mode" "$i" "$SEQ"
    done
done

# ---------------------------------------------------------------- report
META="pages=$PAGES concurrency=$CONC crawlers=$CRAWLERS parsers=$PARSERS runs=$RUNS; $(nproc) CPUs; $(date -u +%Y-%m-%dT%H:%MZ)"
"$PY" - "$WORK" "$META" "${REPORT:-}" "$MODES" <<'EOF'
import glob, json, os, statistics, sys
work, meta, report, modes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
base = modes[0]
rows = sorted((json.load(open(p)) for p in glob.glob(os.path.join(work, "*.row.json"))),
              key=lambda r: r["seq"])
def med(xs):
    return statistics.median(xs) if xs else 0.0
out = ["Monitoring overhead (%s)" % meta, "",
       "| mode | runs | pages/s (median) | range | zcrawl CPU s (median) | zcrawl CPU ms/page | wall s (median) | load clients' CPU s (median) | Prometheus scrapes ok | pages the dashboard last showed |",
       "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
meds, cpp = {}, {}
for mode in modes:
    rs = [r for r in rows if r["mode"] == mode]
    loadm = mode in ("prometheus", "dashboard", "loaded", "loaded-bg", "toggled")
    pps = [r["pps"] for r in rs]
    meds[mode] = med(pps)
    cpu = med([r["cpu_s"] for r in rs])
    pages = med([r["pages"] for r in rs]) or 1
    cpp[mode] = med([r["cpu_s"] / r["pages"] for r in rs if r["pages"]])
    out.append("| %s | %d | %.0f | %.0f–%.0f | %.2f | %.3f | %.2f | %s | %s | %s |" % (
        mode, len(rs), meds[mode], min(pps or [0]), max(pps or [0]), cpu, 1000 * cpu / pages,
        med([r["wall_s"] for r in rs]),
        "%.2f" % med([r["load_cpu_s"] for r in rs]) if loadm else "–",
        ", ".join(str(r["scrapes"]) for r in rs) if mode in ("prometheus", "loaded", "loaded-bg", "toggled") else "–",
        ", ".join(str(r["dashboard"]) for r in rs) if mode in ("dashboard", "loaded", "loaded-bg", "toggled") else "–"))
out.append("")
for mode in modes[1:]:
    if mode == "toggled":
        continue
    rounds = []
    for i in sorted({r["run"] for r in rows}):
        a = [r for r in rows if r["run"] == i and r["mode"] == base]
        b = [r for r in rows if r["run"] == i and r["mode"] == mode]
        if a and b and a[0]["pps"]:
            rounds.append(100 * (a[0]["pps"] - b[0]["pps"]) / a[0]["pps"])
    over = 100 * (meds[base] - meds[mode]) / meds[base] if meds.get(base) else 0
    cpu_more = 100 * (cpp[mode] - cpp[base]) / cpp[base] if cpp.get(base) else 0
    out.append("Overhead of %s over %s (pages/s lost, medians): %.1f%% (per round: %s); "
               "zcrawl CPU per page %+.1f%%" % (
        mode, base, over, ", ".join("%.1f%%" % x for x in rounds), cpu_more))
wins = []
for r in rows:
    if r["mode"] == "toggled":
        try:
            wins.append((r["run"], json.load(open(os.path.join(work, "toggled.%d.windows.json" % r["run"])))))
        except (OSError, ValueError):
            pass
if wins:
    out += ["", "Toggled: monitoring on and off in alternating windows of one crawl (on, off, off, on, ...)", "",
            "| run | windows on / off | pages/s on (median) | pages/s off (median) | lost (medians) | lost per pair (median) | zcrawl CPU ms/page on | off | clients' CPU ms per s on |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    all_on, all_off, all_pairs, cpu_on, cpu_off = [], [], [], [], []
    for run, w in wins:
        used = [x for x in w["windows"] if x["counted"]]
        on = [x["pps"] for x in used if x["on"]]
        off = [x["pps"] for x in used if not x["on"]]
        all_on += on; all_off += off; all_pairs += w["pair_overheads_pct"]
        cpu_on.append(w["zcrawl_cpu_ms_per_page_on"]); cpu_off.append(w["zcrawl_cpu_ms_per_page_off"])
        lost = 100 * (1 - w["on_pps_median"] / w["off_pps_median"]) if w["off_pps_median"] else 0
        out.append("| %d | %d / %d | %.0f | %.0f | %.1f%% | %.1f%% | %.3f | %.3f | %.1f |" % (
            run, len(on), len(off), w["on_pps_median"], w["off_pps_median"], lost,
            med(w["pair_overheads_pct"]), w["zcrawl_cpu_ms_per_page_on"],
            w["zcrawl_cpu_ms_per_page_off"], 1000 * w["client_cpu_per_on_s"]))
    if all_on and all_off:
        out += ["", "All runs: %d on and %d off windows; pages/s on %.0f, off %.0f (medians): %.1f%% lost; "
                "per pair (%d pairs) median %.1f%%, mean %.1f%%; zcrawl CPU per page on %.3f ms, "
                "off %.3f ms (medians of the runs)" % (
                    len(all_on), len(all_off), med(all_on), med(all_off),
                    100 * (1 - med(all_on) / med(all_off)), len(all_pairs), med(all_pairs),
                    statistics.mean(all_pairs) if all_pairs else 0, med(cpu_on), med(cpu_off))]
bad = [r for r in rows if r["exit"] != 0]
if bad:
    out.append("Runs that did not exit 0: %s" % ", ".join("%s.%d (%s)" % (r["mode"], r["run"], r["exit"]) for r in bad))
text = "\n".join(out)
print(text)
if report:
    with open(report, "w") as f:
        f.write(text + "\n")
EOF
