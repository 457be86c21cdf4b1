"""Hostile servers: a crawler worker facing servers that trickle, loop, bomb,
flood, reset, break HTTP, fake TLS or never answer records the right error for
each and goes on crawling, with its memory bounded (measured).

Three crawls, all against servers this test starts on 127.0.0.1:
  1. the hostile suite: `zcrawl run --seed http://127.0.0.1:P/` (tests/hostile_server.py;
     its landing page links every case, the self-signed TLS listener, the listener
     that never answers, then normal pages);
  2. HTTP/2: nginx with TLS and HTTP/2 on its own port, crawled with --insecure;
  3. SSRF: a crawl WITHOUT --allow-private, seeded with loopback URLs: refused
     before connecting (the server sees no connection).
TLS keys are made at run time with the openssl CLI in the temporary folder.
"""
import collections
import json
import re
import os
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zctest  # noqa: E402
from hostile_server import COPIES  # noqa: E402

MAX_BYTES = 1 << 20          # --max-bytes
CONCURRENCY = 16             # --concurrency (and --host-concurrency: every case at once)
TIMEOUT_MS = 6000            # --timeout-ms: the whole transfer
LOW_SPEED_BYTES = 100        # --low-speed-bytes ...
LOW_SPEED_MS = 2000          # ... for --low-speed-ms: what ends the trickle and the silence
CONNECT_TIMEOUT_MS = 2000    # --connect-timeout-ms
MAX_HEADER_BYTES = 65536     # --max-header-bytes (the default)
CRAWL_TIMEOUT_S = 40         # each crawl must end by then
SAMPLE_S = 0.1               # RSS sampling period
MIB = 1 << 20
# The crawler's memory bound. By design it holds at most CONCURRENCY bodies of
# MAX_BYTES in its slots plus at most CONCURRENCY Fetch messages (each about a
# body) queued for the broker (its send high-water mark is --concurrency), and
# small per-slot header buffers; 64 MiB covers the code, libcurl, OpenSSL,
# ZeroMQ and the allocator. A leak of the 10 GiB bomb or the 1 GiB body, or a
# header block kept whole, goes far past it.
RSS_BOUND = 2 * CONCURRENCY * MAX_BYTES + 64 * MIB
# Under AddressSanitizer freed memory waits in a quarantine (256 MiB by default)
# and every allocation has redzones and shadow memory: the same design bound,
# doubled, plus the quarantine.
RSS_BOUND_ASAN = 2 * RSS_BOUND + 256 * MIB


def main():
    a = zctest.args()
    c = zctest.Checks("test_hostile")
    d = zctest.tmpdir(a.keep)
    zcrawl = os.path.join(a.bin, "zcrawl")
    t_start = time.time()

    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    have_openssl = shutil.which("openssl") is not None
    c.ok(have_openssl, "the openssl CLI is installed (Debian package openssl)")
    if not have_openssl:
        c.done()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                    "subjectAltName=IP:127.0.0.1"],
                   check=True, timeout=30, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # The hostile server.
    slog, ready = os.path.join(d, "server.log"), os.path.join(d, "ready.json")
    here = os.path.dirname(os.path.abspath(__file__))
    server = zctest.start([sys.executable, os.path.join(here, "hostile_server.py"), "--log", slog,
                           "--ready", ready, "--cert", cert, "--key", key],
                          log=os.path.join(d, "server.out"))
    zctest.wait_for(lambda: os.path.exists(ready), 10, "the hostile server")
    with open(ready) as f:
        ports = json.load(f)
    base = "http://127.0.0.1:%d" % ports["http"]

    mem = MemSampler()
    mem.start()

    # ---- 1. The hostile suite --------------------------------------------
    out1 = os.path.join(d, "out-hostile")
    rc, took = crawl(zcrawl, d, out1, [base + "/", "--allow-private"], mem, "hostile")
    c.ok(rc == 0, "hostile crawl: zcrawl run exits 0 (got %s)" % rc)
    recs = records(out1)
    check_one_per_url(c, "hostile", recs)
    got = {r["url"]: r for r in recs}
    exp = expected(ports)
    missing = sorted(set(exp) - set(got))
    extra = sorted(set(got) - set(exp))
    c.ok(not missing, "hostile crawl: every case recorded (missing %s)" % missing)
    c.ok(not extra, "hostile crawl: nothing unexpected recorded (%s)" % extra)
    for u, e in exp.items():
        r = got.get(u)
        if r is None:
            continue
        bad = [k for k, v in e.items() if not match(v, r.get(k))]
        c.ok(not bad, "%s: %s" % (u[len(base):] if u.startswith(base) else u,
                                  "; ".join("%s want %r got %r" % (k, e[k], r.get(k))
                                            for k in bad) or "ok"))
    for origin, kind in (("https://127.0.0.1:%d" % ports["tls"], "tls"),
                         ("http://127.0.0.1:%d" % ports["never"], "timeout")):
        got_kind = robots_failure(d, "hostile", origin)
        c.ok(got_kind == kind, "%s/robots.txt failed with error %s, so the host was disallowed "
             "(logged: %s)" % (origin, kind, got_kind))
    print("hostile crawl: %d records in %.1f s" % (len(recs), took))
    for u in sorted(got):
        r = got[u]
        print("  %-45s status=%-3s error=%-9s bytes=%-8s fetch_ms=%s" %
              (u, r["status"], r["error"], r["bytes"], r["fetch_ms"]))

    # What the server saw: every case asked once, big streams stopped early.
    bombs = ["/bomb"] + ["/bomb?copy=%d" % i for i in range(1, COPIES)]
    huges = ["/huge"] + ["/huge?copy=%d" % i for i in range(1, COPIES)]
    ev = wait_server_ends(slog, ["/trickle", "/headers", "/header-line"] + bombs + huges)
    reqs = collections.Counter(line.split(" ", 2)[2] for line in ev["lines"]
                               if line.startswith("REQ http "))
    twice = [p for p, k in reqs.items() if k > 1]
    c.ok(not twice, "server: no URL asked twice (%s)" % twice)
    for p in bombs:
        e = ev["end"].get(p)
        c.ok(e is not None and e["err"] != "done" and e["raw"] < 1 << 30,
             "server: gzip bomb %s was dropped long before 10 GiB (%s)" % (p, e))
    for p in huges:
        e = ev["end"].get(p)
        c.ok(e is not None and e["err"] != "done" and e["sent"] < 128 * MIB,
             "server: 1 GiB body %s was dropped long before its end (%s)" % (p, e))
    bomb, huge, trickle = ev["end"].get("/bomb"), ev["end"].get("/huge"), ev["end"].get("/trickle")
    c.ok(trickle is not None and trickle["err"] != "deadline",
         "server: the trickle's connection was closed by the crawler (%s)" % trickle)
    c.ok(any(line == "ACCEPT never" for line in ev["lines"]),
         "server: the silent listener got the connection (so the timeout is its silence)")
    c.ok(any(line.startswith("TLSFAIL") for line in ev["lines"]) and
         not any(line.startswith("REQ tls") for line in ev["lines"]),
         "server: the crawler dropped the self-signed TLS handshake before any request")
    if bomb and huge:
        print("server: the bomb sent %.1f KiB (%.0f MiB of zeros compressed) before the "
              "crawler closed; the 1 GiB body sent %.1f MiB" %
              (bomb["sent"] / 1024, bomb["raw"] / MIB, huge["sent"] / MIB))

    # ---- 2. HTTP/2 through nginx ---------------------------------------------
    nginx = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else shutil.which("nginx")
    c.ok(nginx is not None, "nginx is installed (Debian package nginx-light)")
    if nginx:
        h2_port = zctest.free_port()
        ng = start_nginx(nginx, d, h2_port, cert, key)
        h2 = "https://127.0.0.1:%d" % h2_port
        out2 = os.path.join(d, "out-h2")
        rc, _ = crawl(zcrawl, d, out2, [h2 + "/", "--allow-private", "--insecure"], mem, "h2")
        c.ok(rc == 0, "h2 crawl: zcrawl run exits 0 (got %s)" % rc)
        recs2 = records(out2)
        check_one_per_url(c, "h2", recs2)
        got2 = {r["url"]: r for r in recs2}
        c.ok(sorted(got2) == [h2 + "/", h2 + "/b.html"],
             "h2 crawl: both pages recorded (%s)" % sorted(got2))
        for u, title in [(h2 + "/", "HTTP/2 home"), (h2 + "/b.html", "HTTP/2 page b")]:
            r = got2.get(u, {})
            c.ok(r.get("status") == 200 and r.get("error") is None and r.get("title") == title
                 and r.get("http_version") == "2" and r.get("ip") == "127.0.0.1",
                 "h2 crawl: %s is 200, titled, over HTTP/2 (%s)" % (u, r))
        c.ok(zctest.stop(ng) is not None, "nginx stopped")

    # ---- 3. The SSRF guard ------------------------------------------------------
    accepts_before = count_accepts(slog)
    seeds = [base + "/ssrf/a", "http://localhost:%d/ssrf/b" % ports["http"],
             "http://[::ffff:127.0.0.1]:%d/ssrf/c" % ports["http"]]
    out3 = os.path.join(d, "out-ssrf")
    rc, _ = crawl(zcrawl, d, out3, seeds, mem, "ssrf")
    c.ok(rc == 0, "ssrf crawl: zcrawl run exits 0 (got %s)" % rc)
    recs3 = records(out3)
    check_one_per_url(c, "ssrf", recs3)
    c.ok(len(recs3) == len(seeds), "ssrf crawl: one record per seed (%d)" % len(recs3))
    for r in recs3:
        c.ok(r["status"] == 0 and r["error"] == "robots",
             "ssrf crawl: %s never fetched, its host's robots.txt refused (%s/%s)" %
             (r["url"], r["status"], r["error"]))
    for origin in sorted({zctest_origin(r["url"]) for r in recs3}):
        kind = robots_failure(d, "ssrf", origin)
        c.ok(kind == "ssrf", "ssrf crawl: %s/robots.txt refused with error ssrf (logged: %s)" %
             (origin, kind))
    time.sleep(0.3)
    c.ok(count_accepts(slog) == accepts_before,
         "ssrf crawl: the server saw no connection (%d before, %d after)" %
         (accepts_before, count_accepts(slog)))
    c.ok(not any("/ssrf/" in line for line in read_lines(slog)),
         "ssrf crawl: no /ssrf/ request reached the server")

    # ---- Memory ---------------------------------------------------------------
    mem.stop()
    zctest.stop(server)
    asan = is_asan(os.path.join(a.bin, "zcrawl-crawler"))
    bound = RSS_BOUND_ASAN if asan else RSS_BOUND
    for (label, stage), (rss, hwm, n) in sorted(mem.peaks.items()):
        print("memory: %-7s %-16s peak RSS %6.1f MiB (sampled; kernel high-water %6.1f MiB, "
              "%d samples)" % (label, stage, rss / MIB, hwm / MIB, n))
    crawlers = {k: v for k, v in mem.peaks.items() if k[1] == "zcrawl-crawler"}
    c.ok(crawlers.get(("hostile", "zcrawl-crawler"), (0, 0, 0))[2] >= 5,
         "memory: the hostile crawl's crawler was sampled (%s)" % crawlers)
    peak = max([max(v[0], v[1]) for v in crawlers.values()] or [0])
    why = "ASan build" if asan else "2 x concurrency x max-bytes + 64 MiB"
    c.ok(0 < peak < bound, "memory: crawler peak RSS %.1f MiB < bound %.0f MiB (%s)" %
         (peak / MIB, bound / MIB, why))
    print("crawler peak RSS %.1f MiB, bound %.0f MiB; whole test %.1f s" %
          (peak / MIB, bound / MIB, time.time() - t_start))
    c.done()


# --- expectations --------------------------------------------------------------

class Range:
    """A number in [lo, hi]."""

    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def __repr__(self):
        return "%s..%s" % (self.lo, self.hi)


def match(want, got):
    if isinstance(want, Range):
        return isinstance(got, int) and want.lo <= got <= want.hi
    return want == got


def expected(ports):
    """url -> the record fields a crawl from the landing page must produce.

    Error kinds are SPEC §6's, as crawler/zc_fetcher.c maps libcurl's results.
    A response whose head arrived keeps its status even when the transfer then
    failed; fetch_ms shows which limit ended it."""
    b = "http://127.0.0.1:%d" % ports["http"]
    slow = Range(LOW_SPEED_MS - 500, TIMEOUT_MS - 500)   # the low-speed abort, not the total
    rows = [
        # path, status, error, bytes, title, redirect, extra
        ("/", 200, None, Range(1, 10000), "Hostile cases", None, {}),
        # 1 byte/s is under --low-speed-bytes for --low-speed-ms: timeout.
        ("/trickle", 200, "timeout", Range(0, 10), None, None, {"fetch_ms": slow}),
        # A loop of redirects: each is its own record, dedup ends it.
        ("/loop/a", 302, None, 0, None, b + "/loop/b", {}),
        ("/loop/b", 302, None, 0, None, b + "/loop/a", {}),
        # Decoded bytes count: the bomb is cut at --max-bytes.
        ("/bomb", 200, "too_large", MAX_BYTES, None, None, {}),
        ("/huge", 200, "too_large", MAX_BYTES, None, None,
         {"content_type": "application/octet-stream"}),
    ]
    # Copies of both, so that COPIES x 2 bodies of --max-bytes are in flight at once.
    for i in range(1, COPIES):
        rows.append(("/bomb?copy=%d" % i, 200, "too_large", MAX_BYTES, None, None, {}))
        rows.append(("/huge?copy=%d" % i, 200, "too_large", MAX_BYTES, None, None, {}))
    rows += [
        # The header block over --max-header-bytes: the crawler's own limit.
        ("/headers", 200, "http", 0, None, None, {}),
        # One header line over libcurl's own per-line cap (100 KiB).
        ("/header-line", 200, "http", 0, None, None, {}),
        # ECONNRESET after 5000 of 100000 bytes: libcurl's receive error.
        ("/reset", 200, "http", 5000, None, None, {}),
        # An invalid chunk-size line after one good chunk.
        ("/bad-chunked", 200, "http", Range(0, 5), None, None, {}),
    ]
    exp = {}
    for path, status, error, nbytes, title, redirect, extra in rows:
        e = dict(status=status, error=error, bytes=nbytes, title=title, redirect=redirect,
                 http_version="1.1", ip="127.0.0.1", attempt=1)
        e.update(extra)
        exp[b + path] = e
    # The self-signed TLS server and the one that never answers fail the host's
    # robots.txt first (error tls, timeout: checked in the producer's log), so
    # after --max-attempts tries their pages are never requested (SPEC §2):
    # records made by the producer, error "robots", status 0, attempt 0.
    for u in ("https://127.0.0.1:%d/tls/page.html" % ports["tls"],
              "http://127.0.0.1:%d/never" % ports["never"]):
        exp[u] = dict(status=0, error="robots", bytes=None, title=None, ip=None, attempt=0)
    # And the crawl goes on.
    for i in range(5):
        exp[b + "/ok/%d.html" % i] = dict(status=200, error=None, title="OK page %d" % i,
                                         http_version="1.1", attempt=1,
                                         outlinks=[b + "/ok/%d.html" % ((i + 1) % 5)])
    return exp


def zctest_origin(url):
    """scheme://host[:port] of a URL, as the producer names a host."""
    return url.split("/", 3)[0] + "//" + url.split("/", 3)[2]


def robots_failure(d, label, origin):
    """The error kind the producer logged when it gave up on origin's robots.txt."""
    with open(os.path.join(d, "run-%s.log" % label), errors="replace") as f:
        for line in f:
            if ("robots.txt unreachable, host disallowed" in line and
                    " url=%s/robots.txt " % origin in line):
                m = re.search(r" error=(\S+)", line)
                return m.group(1) if m else None
    return None


def records(out):
    path = os.path.join(out, "pages.jsonl")
    return zctest.read_jsonl(path) if os.path.exists(path) else []


def check_one_per_url(c, label, recs):
    dups = [u for u, k in collections.Counter(r["url"] for r in recs).items() if k > 1]
    c.ok(recs and not dups, "%s crawl: exactly one record per URL (%d records, duplicates %s)" %
         (label, len(recs), dups))


# --- processes -----------------------------------------------------------------

def crawl(zcrawl, d, out, extra, mem, label):
    """Runs one `zcrawl run` to completion (bounded); returns (exit code, seconds)."""
    cmd = [zcrawl, "run", "--out", out, "--crawlers", "1", "--parsers", "1",
           "--delay-ms", "0", "--host-concurrency", str(CONCURRENCY),
           "--concurrency", str(CONCURRENCY), "--max-bytes", str(MAX_BYTES),
           "--timeout-ms", str(TIMEOUT_MS), "--connect-timeout-ms", str(CONNECT_TIMEOUT_MS),
           "--low-speed-bytes", str(LOW_SPEED_BYTES), "--low-speed-ms", str(LOW_SPEED_MS),
           "--max-header-bytes", str(MAX_HEADER_BYTES), "--log-level", "warn", "--http", "off"]
    for x in extra:
        cmd += ["--seed", x] if "://" in x else [x]
    t0 = time.time()
    run = zctest.start(cmd, log=os.path.join(d, "run-%s.log" % label))
    mem.watch(label, run.pid)
    try:
        run.wait(CRAWL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        print("FAIL: %s crawl still running after %d s" % (label, CRAWL_TIMEOUT_S))
        rc = zctest.stop(run)
        mem.unwatch(label)
        return None, time.time() - t0
    mem.unwatch(label)
    rc = zctest.stop(run)
    with open(os.path.join(d, "run-%s.log" % label), errors="replace") as f:
        died = [line.strip() for line in f if "restarting" in line or "keeps dying" in line]
    if died:
        print("FAIL: %s crawl: a stage died: %s" % (label, died[:3]))
        return -1, time.time() - t0
    return rc, time.time() - t0


def start_nginx(nginx, d, port, cert, key):
    """nginx serving two small pages over TLS with HTTP/2 on 127.0.0.1:port."""
    root = os.path.join(d, "h2root")
    ng = os.path.join(d, "nginx")
    os.makedirs(root)
    os.makedirs(os.path.join(ng, "logs"))
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write('<!DOCTYPE html><title>HTTP/2 home</title><a href="/b.html">b</a>\n')
    with open(os.path.join(root, "b.html"), "w") as f:
        f.write('<!DOCTYPE html><title>HTTP/2 page b</title><a href="/">home</a>\n')
    conf = os.path.join(ng, "nginx.conf")
    tmp = {k: os.path.join(ng, k) for k in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    with open(conf, "w") as f:
        f.write("""daemon off;
master_process off;
worker_processes 1;
pid %(ng)s/nginx.pid;
error_log %(ng)s/logs/error.log warn;
events { worker_connections 64; }
http {
    access_log %(ng)s/logs/access.log;
    client_body_temp_path %(body)s;
    proxy_temp_path %(proxy)s;
    fastcgi_temp_path %(fastcgi)s;
    uwsgi_temp_path %(uwsgi)s;
    scgi_temp_path %(scgi)s;
    types { text/html html; }
    server {
        listen 127.0.0.1:%(port)d ssl http2;
        ssl_certificate %(cert)s;
        ssl_certificate_key %(key)s;
        root %(root)s;
        index index.html;
    }
}
""" % dict(ng=ng, port=port, cert=cert, key=key, root=root, **tmp))
    p = zctest.start([nginx, "-p", ng, "-e", os.path.join(ng, "logs", "error.log"), "-c", conf],
                     log=os.path.join(d, "nginx.out"))
    zctest.wait_for(lambda: _port_open(port), 10, "nginx")
    return p


def _port_open(port):
    import socket
    s = socket.socket()
    s.settimeout(0.5)
    try:
        s.connect(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


# --- the server's log ------------------------------------------------------------

def read_lines(path):
    try:
        with open(path) as f:
            return [line.rstrip("\n") for line in f]
    except OSError:
        return []


def count_accepts(path):
    return sum(1 for line in read_lines(path) if line == "ACCEPT http")


def wait_server_ends(path, cases, timeout=10):
    """The server's log once every case in cases has logged its END (bounded)."""
    deadline = time.time() + timeout
    while True:
        lines = read_lines(path)
        end = {}
        for line in lines:
            if line.startswith("END "):
                p = line.split()
                end[p[1]] = dict(x.split("=", 1) for x in p[2:])
                for k in ("sent", "raw"):
                    end[p[1]][k] = int(end[p[1]][k])
        if all(k in end for k in cases) or time.time() > deadline:
            return dict(lines=lines, end=end)
        time.sleep(0.1)


# --- memory ------------------------------------------------------------------------

class MemSampler(threading.Thread):
    """Every SAMPLE_S, the RSS (and the kernel's high-water mark) of every
    process under each watched `zcrawl run`, peak kept per (crawl, stage)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.roots = {}
        self.peaks = {}
        self.lock = threading.Lock()
        self.halt = threading.Event()

    def watch(self, label, pid):
        with self.lock:
            self.roots[label] = pid

    def unwatch(self, label):
        with self.lock:
            self.roots.pop(label, None)

    def stop(self):
        self.halt.set()
        self.join(5)

    def run(self):
        while not self.halt.wait(SAMPLE_S):
            with self.lock:
                roots = dict(self.roots)
            if not roots:
                continue
            kids = _children_map()
            for label, root in roots.items():
                todo = list(kids.get(root, []))
                while todo:
                    pid = todo.pop()
                    todo += kids.get(pid, [])
                    m = _mem(pid)
                    if m is None:
                        continue
                    stage, rss, hwm = m
                    with self.lock:
                        prev = self.peaks.get((label, stage), (0, 0, 0))
                        self.peaks[(label, stage)] = (max(prev[0], rss), max(prev[1], hwm),
                                                      prev[2] + 1)


def _children_map():
    kids = collections.defaultdict(list)
    for e in os.listdir("/proc"):
        if not e.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % e) as f:
                st = f.read()
        except OSError:
            continue
        kids[int(st.rsplit(")", 1)[1].split()[1])].append(int(e))
    return kids


def _mem(pid):
    """(stage binary name, VmRSS, VmHWM) in bytes, or None."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv0 = f.read().split(b"\0")[0].decode(errors="replace")
        with open("/proc/%d/status" % pid) as f:
            st = f.read()
    except OSError:
        return None
    vals = {}
    for line in st.splitlines():
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM"):
            vals[k] = int(v.split()[0]) * 1024
    if "VmRSS" not in vals or not os.path.basename(argv0).startswith("zcrawl-"):
        return None  # not a stage (yet): the front's fork before its exec
    return os.path.basename(argv0), vals["VmRSS"], vals.get("VmHWM", 0)


def is_asan(binary):
    """True for a binary built with AddressSanitizer (ZC_SANITIZE)."""
    try:
        with open(binary, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


if __name__ == "__main__":
    main()
