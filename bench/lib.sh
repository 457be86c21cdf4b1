# bench/lib.sh — what the nginx-backed benchmarks share (crawl_bench.sh,
# fetch_bench.sh, monitor_bench.sh). Sourced, not run:
#
#   BENCH_NAME=crawl_bench            # prefix of log and error lines
#   . "$BENCH_DIR/lib.sh"
#
# It defines functions only (no side effects when sourced). They use the
# script's globals: PY, NGINX, BENCH_DIR, WORK (the temp dir), KEEP, PORT,
# BASE, SITE, PAGES, SEED, CACHE_DIR, TIMEOUT and NGINX_PID / MEASURE_PID,
# which they set or read as documented at each function.
#
# Cleanup: bench_traps installs bench_cleanup on EXIT (and exit codes for INT
# and TERM). bench_cleanup calls the script's cleanup_hook (if it defines one:
# stop what it started itself), then stops nginx, then removes $WORK unless
# KEEP=1, and exits with the status the script exited with.

die() { echo "$BENCH_NAME: error: $*" >&2; exit 2; }
log() { echo "$BENCH_NAME: $*" >&2; }
need_int() { [[ $2 =~ ^[0-9]+$ ]] && (( $2 > 0 )) || die "$1 needs a positive integer, got '$2'"; }

# Only loopback traffic: make sure no client goes through a proxy.
unset_proxies() {
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
        ftp_proxy FTP_PROXY no_proxy NO_PROXY
}

wait_gone() {   # pid seconds -> 0 if the process is gone within the time
    local pid=$1 n=$(( $2 * 10 ))
    while (( n-- > 0 )); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    ! kill -0 "$pid" 2>/dev/null
}

stop_pid() {    # pid (may be empty): SIGTERM, up to 15 s, then SIGKILL
    local pid=$1
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid" 15 || kill -KILL "$pid" 2>/dev/null || true
}

nginx_stop() {  # the nginx of $NGINX_PID (if any) and its workers
    [[ -n ${NGINX_PID:-} ]] || return 0
    local workers w
    workers=$(cat "/proc/$NGINX_PID/task/$NGINX_PID/children" 2>/dev/null || true)
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    if ! wait_gone "$NGINX_PID" 10; then
        log "nginx (pid $NGINX_PID) did not stop, killing"
        kill -KILL "$NGINX_PID" 2>/dev/null || true
    fi
    for w in $workers; do               # only if the master died without taking them along
        wait_gone "$w" 2 || kill -KILL "$w" 2>/dev/null || true
    done
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
}

bench_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if declare -F cleanup_hook >/dev/null; then cleanup_hook || true; fi
    nginx_stop
    if (( KEEP )); then
        log "kept work dir: $WORK"
    else
        rm -rf -- "$WORK"
    fi
    exit "$rc"
}

bench_traps() {
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

free_port() {   # port -> the first port >= it nobody listens on (of the next 200)
    "$PY" - "$1" <<'EOF'
import socket, sys
p0 = int(sys.argv[1])
for p in range(p0, p0 + 200):
    s = socket.socket()
    # SO_REUSEADDR as nginx does: TIME_WAIT leftovers from an earlier run do not
    # make a port busy, a listening socket does.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    print(p)
    sys.exit(0)
sys.exit("no free port in %d..%d" % (p0, p0 + 199))
EOF
}

# The generated site in $SITE (gen_site.py: $PAGES pages, seed $SEED, absolute
# links to $BASE), generated unless a complete copy is there, then read once
# so that the first run is not penalised by disk reads.
site_ensure() {
    if [[ ! -f $SITE/.complete ]]; then
        log "generating $PAGES-page site into $SITE"
        mkdir -p "$CACHE_DIR"
        rm -rf -- "$SITE" "$SITE.tmp"
        "$PY" "$BENCH_DIR/gen_site.py" "$SITE.tmp" --pages "$PAGES" --seed "$SEED" --base-url "$BASE"
        echo "pages=$PAGES seed=$SEED base=$BASE" >"$SITE.tmp/.complete"
        mv -- "$SITE.tmp" "$SITE"
    else
        log "using cached site $SITE"
    fi
    find "$SITE" -type f -print0 | xargs -0 cat >/dev/null
}

# Writes $WORK/nginx/nginx.conf: $SITE on 127.0.0.1:$PORT, static files only.
#   --workers N|auto          worker_processes (default 1)
#   --connections N           worker_connections (default 4096)
#   --keepalive-requests N    (default 100000)
#   --access-log off|bench    bench: $WORK/nginx/access.log, one line a request:
#                             msec status method "uri" bytes "user agent"
#   --listen-opts S           after the listen address (e.g. backlog=4096)
#   --rlimit root|always      worker_rlimit_nofile 16384 when run as root (default)
#                             or always
# As root the workers run as root too: as 'nobody' they might not be able to
# read the cache dir.
nginx_write_conf() {
    local workers=1 conns=4096 kareq=100000 access=off listen_opts="" rlimit=root
    while (( $# )); do
        case $1 in
            --workers)            workers=$2; shift 2 ;;
            --connections)        conns=$2; shift 2 ;;
            --keepalive-requests) kareq=$2; shift 2 ;;
            --access-log)         access=$2; shift 2 ;;
            --listen-opts)        listen_opts=" $2"; shift 2 ;;
            --rlimit)             rlimit=$2; shift 2 ;;
            *)                    die "nginx_write_conf: unknown argument '$1'" ;;
        esac
    done
    local user_line="" rlimit_line="" access_lines="access_log off;"
    (( EUID == 0 )) && user_line="user root root;"
    if [[ $rlimit == always ]] || (( EUID == 0 )); then
        rlimit_line="worker_rlimit_nofile 16384;"
    fi
    if [[ $access == bench ]]; then
        access_lines="log_format bench '\$msec \$status \$request_method \"\$request_uri\" \$body_bytes_sent \"\$http_user_agent\"';
    access_log $WORK/nginx/access.log bench;"
    fi
    mkdir -p "$WORK/nginx/tmp"
    cat >"$WORK/nginx/nginx.conf" <<EOF
$user_line
$rlimit_line
worker_processes $workers;
daemon off;
master_process on;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections $conns; }
http {
    types { text/html html; text/css css; }
    default_type application/octet-stream;
    $access_lines
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests $kareq;
    keepalive_timeout 65s;
    server_tokens off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT$listen_opts;
        server_name localhost;
        root $SITE;
        index index.html;
        location / { try_files \$uri =404; }
    }
}
EOF
}

# Tests and starts nginx with $WORK/nginx/nginx.conf (in the background, PID in
# NGINX_PID), then waits (<= ~10 s) until URL (default $BASE/index.html)
# answers 200.
nginx_start() {
    local url=${1:-$BASE/index.html} code ready=0
    "$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -t -q \
        || die "nginx config test failed ($WORK/nginx/error.log)"
    "$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" \
        </dev/null >"$WORK/nginx/stdout.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 100); do
        kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/error.log" >&2 || true; die "nginx exited at startup"; }
        code=$(curl -s --noproxy '*' --max-time 1 -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || true)
        if [[ $code == 200 ]]; then ready=1; break; fi
        sleep 0.1
    done
    (( ready )) || die "nginx did not answer on $url within 10 s"
}

nginx_check_errors() {   # [note]: warn about error lines in nginx's error log
    local nerr
    nerr=$(grep -cE '\[(crit|error|alert|emerg)\]' "$WORK/nginx/error.log" 2>/dev/null || true)
    if (( ${nerr:-0} > 0 )); then
        log "WARNING: nginx logged $nerr error lines${1:+ ($1)}:"
        grep -E '\[(crit|error|alert|emerg)\]' "$WORK/nginx/error.log" | tail -n 3 >&2 || true
    fi
}

# name cmd...: runs cmd under measure.py (time limit $TIMEOUT) in the cwd
# $WORK/name.run; its JSON goes to $WORK/name.measure.json, its output to
# $WORK/name.log. In the background with the PID in MEASURE_PID, so that Ctrl-C
# reaches the cleanup, which stops it (measure.py kills its command's process
# group on TERM). A failure is logged, not returned.
run_measured() {
    local name=$1; shift
    local rc=0
    mkdir -p "$WORK/$name.run"
    (cd "$WORK/$name.run" && exec "$PY" "$BENCH_DIR/measure.py" --timeout "$TIMEOUT" \
        --json-out "$WORK/$name.measure.json" --label "$name" -- "$@") \
        >"$WORK/$name.log" 2>&1 &
    MEASURE_PID=$!
    wait "$MEASURE_PID" || rc=$?
    MEASURE_PID=""
    if (( rc != 0 )); then
        log "$name exited with status $rc; last lines of its log:"
        tail -n 15 "$WORK/$name.log" >&2 || true
    fi
    return 0
}

# After a run: drop its (large) outputs (the paths given) unless KEEP=1, and
# flush dirty pages so their writeback does not land in the next run's
# measurement.
after_run() {
    (( KEEP )) || rm -rf -- "$@"
    sync -f "$WORK" 2>/dev/null || sync
}
