#!/usr/bin/env python3
"""What an open dashboard costs the browser: headless Chromium's CPU, by
process type, with a dashboard page fed one snapshot a second.

A stand-in sink on loopback serves the page (sink/dashboard.html, or any
variant given) at /, and at /stats and /events a synthetic snapshot shaped
like the sink's (five workers, the totals, 20 latest pages) whose numbers,
URLs and times change every second, as during a crawl. No crawl runs, so the
browser's CPU is measured alone: Chromium is started on the page, left
--settle seconds, then the utime+stime of all its processes is read over
--seconds, split by their --type (browser, renderer, gpu-process, utility).

Usage: bench/dashboard_cost.py [--page FILE]... [--runs N] [--seconds S]
                               [--window WxH] [--chromium PATH]
Each page is measured --runs times, interleaved with the others; medians.
Loopback only; every process started is stopped by its PID.
"""
import argparse
import collections
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")
STAGES = [("sink", "sink"), ("broker", "broker"), ("crawler", "crawler-1"),
          ("parser", "parser-1"), ("producer", "producer")]


def snapshot(k, t0):
    """The k-th synthetic snapshot (k seconds after t0)."""
    rate = 5600 + random.uniform(-300, 300)
    n = int(5600 * k)
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    totals = {"frontier_size": 11000 + k * 37 % 900, "inflight": random.randint(60, 128),
              "transfers": random.randint(20, 32), "hosts": 1, "hosts_ready": 1,
              "redispatches_total": 0, "bad_messages_total": 0,
              'pages_total{status_class="2xx"}': n - k, 'pages_total{status_class="3xx"}': k,
              'errors_total{kind="http"}': k // 3, 'errors_total{kind="timeout"}': 0}
    workers = []
    for stage, name in STAGES:
        workers.append({"stage": stage, "worker": name, "pid": 1000 + len(workers),
                        "alive": True, "last_seen_ms_ago": random.randint(0, 999),
                        "counters": {"fetches_total": n, "messages_relayed_total": n,
                                     "pages_parsed_total": n, "links_extracted_total": 37 * n,
                                     "records_written_total": n,
                                     "tasks_dispatched_total": n + 100},
                        "gauges": {"frontier_size": totals["frontier_size"],
                                   "transfers": totals["transfers"]}})
    latest = [{"url": "http://127.0.0.1:18080/d%03d/p%d.html" % (p % 200, p),
               "status": 200, "error": None, "title": "Page %d" % p, "depth": 3,
               "bytes": 20000 + p % 9000, "fetch_ms": p % 11, "at": now}
              for p in range(k * 20, k * 20 + 20)]
    return {"time": now, "uptime_s": int(time.time() - t0), "complete": False,
            "records_expected": n, "records_written": n, "duplicates": 0,
            "pages_per_s": round(rate, 1), "totals": totals, "workers": workers,
            "latest": latest}


def serve(page):
    """Starts the stand-in sink on a free loopback port; returns (server, port)."""
    t0 = time.time()
    body = open(page, "rb").read()

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send(self, ctype, data):
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            k = lambda: max(1, int(time.time() - t0))  # noqa: E731
            if self.path == "/":
                self.send("text/html; charset=utf-8", body)
            elif self.path == "/stats":
                self.send("application/json", json.dumps(snapshot(k(), t0)).encode())
            elif self.path == "/events":
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                try:
                    self.wfile.write(b"retry: 2000\n\n")
                    for _ in range(600):
                        self.wfile.write(b"data: " + json.dumps(snapshot(k(), t0)).encode() + b"\n\n")
                        self.wfile.flush()
                        time.sleep(1)
                except OSError:
                    pass
            else:
                self.send_error(404)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.server_address[1]


def chrome_cpu(pgid):
    """utime+stime (s) of the processes of group pgid, by Chromium process type."""
    out = collections.Counter()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read().rsplit(")", 1)[1].split()
            if int(st[2]) != pgid:
                continue
            with open("/proc/%s/cmdline" % d, "rb") as f:
                args = f.read().replace(b"\0", b" ").split()
        except OSError:
            continue
        kind = "browser"
        for a in args:
            if a.startswith(b"--type="):
                kind = a[7:].decode()
        out[kind] += (int(st[11]) + int(st[12])) / TICK
    return out


def measure(chromium, page, seconds, settle, window):
    srv, port = serve(page)
    prof = tempfile.mkdtemp(prefix="zc-dash-")
    p = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                          "--disable-dev-shm-usage", "--user-data-dir=" + prof, "--no-first-run",
                          "--no-default-browser-check", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--disable-default-apps",
                          "--disable-extensions", "--metrics-recording-only",
                          "--disable-domain-reliability", "--window-size=" + window,
                          "http://127.0.0.1:%d/" % port],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        time.sleep(settle)
        a = chrome_cpu(p.pid)
        time.sleep(seconds)
        b = chrome_cpu(p.pid)
    finally:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except OSError:
            pass
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        srv.shutdown()
        srv.server_close()
        shutil.rmtree(prof, ignore_errors=True)
    return {k: 1000 * (b[k] - a.get(k, 0)) / seconds for k in b}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--page", action="append",
                    help="dashboard page to measure (repeatable; default sink/dashboard.html)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--settle", type=float, default=6)
    ap.add_argument("--window", default="1280,1600")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    o = ap.parse_args()
    pages = o.page or [os.path.join(REPO, "sink", "dashboard.html")]
    if not os.access(o.chromium, os.X_OK):
        sys.exit("dashboard_cost: %s not found (scripts/setup.sh installs chromium)" % o.chromium)
    if not (1 <= o.runs <= 50 and 1 <= o.seconds <= 600 and 0 <= o.settle <= 60):
        sys.exit("dashboard_cost: --runs 1..50, --seconds 1..600, --settle 0..60")
    res = {pg: [] for pg in pages}
    for i in range(o.runs):
        for pg in pages:
            r = measure(o.chromium, pg, o.seconds, o.settle, o.window)
            res[pg].append(r)
            print("dashboard_cost: %s run %d: %.1f ms/s" % (os.path.basename(pg), i + 1,
                                                           sum(r.values())), file=sys.stderr)
    kinds = sorted({k for rs in res.values() for r in rs for k in r})
    print("Chromium CPU ms per s with the page open (medians of %d runs of %g s; window %s; %s)"
          % (o.runs, o.seconds, o.window, time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())))
    print()
    print("| page | total | " + " | ".join(kinds) + " |")
    print("|---|--:|" + "--:|" * len(kinds))
    for pg, rs in res.items():
        tot = statistics.median(sum(r.values()) for r in rs)
        cols = [statistics.median(r.get(k, 0) for r in rs) for k in kinds]
        print("| %s | %.1f | %s |" % (os.path.basename(pg), tot,
                                      " | ".join("%.1f" % c for c in cols)))


if __name__ == "__main__":
    main()
