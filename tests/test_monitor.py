"""Monitoring (SPEC §7) during a real crawl: the sink's HTTP server.

A `zcrawl run` crawls the test site (tests/site_server.py), slowed by
--delay-ms so that it lasts long enough, with `--http 127.0.0.1:PORT`. Then:

1. HTTP basics: GET/HEAD served, other methods 405, other paths 404; a second
   sink whose --http port is taken logs a warning and runs on without HTTP.
2. `promtool check metrics` accepts a /metrics scrape.
3. A real Prometheus (Debian's package) on loopback scrapes the sink every
   second; `sum(zcrawl_pages_total)` queried twice through its HTTP API rises,
   and the fetch-latency histogram and zcrawl_up arrive.
4. Headless Chromium (Debian's package), driven over the DevTools protocol
   with a small stdlib websocket client, loads the dashboard: its numbers,
   read twice seconds apart, change; no console error, exception or failed
   load is reported; a screenshot is saved (the test's temp dir and
   build/test-artifacts/dashboard.png).
5. An extra standalone crawler (`--worker probe-crawler`) reports to the run's
   stats endpoint (ipc://RUN_DIR/stats) and is killed with SIGKILL: /stats and
   the dashboard show it dead within the --dead-after-ms (5 s) window, plus
   the refresh periods.
6. `zcrawl status` prints the same view (exit 0), and exits 1 when no sink
   answers.

Needs prometheus (with promtool) and chromium, installed by scripts/setup.sh.
Every process is started by this test and stopped by PID; every wait is
bounded; all traffic is on 127.0.0.1.
"""
import base64
from http.client import HTTPConnection
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zctest  # noqa: E402

PAGES = 1500
DELAY_MS = 40            # one host: about PAGES * DELAY_MS to crawl everything
DEAD_AFTER_MS = 5000     # the sink's default --dead-after-ms
# From SIGKILL to "dead": the last heartbeat was up to 1 s before the kill,
# the sink calls it dead DEAD_AFTER_MS after that; /stats is at most 0.2 s
# stale and the dashboard polls every second.
DEAD_STATS_S = DEAD_AFTER_MS / 1000 + 1.0
DEAD_PAGE_S = DEAD_AFTER_MS / 1000 + 2.0
PROMETHEUS = shutil.which("prometheus") or "/usr/bin/prometheus"
PROMTOOL = shutil.which("promtool") or "/usr/bin/promtool"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def http(url, method="GET", data=None, timeout=5):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    req = urllib.request.Request(url, method=method, data=data)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def stats(port):
    try:
        st, _, body = http("http://127.0.0.1:%d/stats" % port, timeout=3)
        return json.loads(body) if st == 200 else None
    except (OSError, ValueError):
        return None


def sse_events(port, want, timeout=8):
    """GET /events: (content type, retry field, the first `want` events' data
    decoded as JSON)."""
    conn = HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", "/events")
    r = conn.getresponse()
    ctype, retry, events, data = r.getheader("Content-Type", ""), None, [], []
    deadline = time.monotonic() + timeout
    try:
        while len(events) < want and time.monotonic() < deadline:
            line = r.readline()
            if not line:
                break
            line = line.rstrip(b"\r\n")
            if line.startswith(b"retry: "):
                retry = int(line[7:])
            elif line.startswith(b"data: "):
                data.append(line[6:])
            elif not line and data:
                events.append(json.loads(b"\n".join(data)))
                data = []
    finally:
        conn.close()
    return ctype, retry, events


def worker(st, name):
    for w in (st or {}).get("workers", []):
        if w.get("worker") == name:
            return w
    return None


# --- a minimal websocket client and DevTools session (stdlib only) ----------

class WebSocket:
    """RFC 6455 client: text frames out (masked), frames in, ping answered."""

    def __init__(self, url, timeout=15):
        u = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        path = u.path + ("?" + u.query if u.query else "")
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n"
                           % (path, u.hostname, u.port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("websocket handshake: connection closed")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise OSError("websocket handshake refused: %r" % head[:200])

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise OSError("websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _send(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            hdr = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            hdr = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            hdr = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(hdr + mask + body)

    def send(self, text):
        self._send(0x1, text.encode())

    def recv(self):
        msg = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            data = self._read(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            op = b0 & 0x0F
            if op == 0x9:
                self._send(0xA, data)
                continue
            if op == 0x8:
                raise OSError("websocket closed by peer")
            if op in (0x0, 0x1, 0x2):
                msg += data
                if b0 & 0x80:
                    return msg.decode("utf-8", "replace")

    def close(self):
        try:
            self._send(0x8, b"")
        except OSError:
            pass
        self.sock.close()


class DevTools:
    """Calls over one page target's DevTools websocket; events are kept."""

    def __init__(self, ws_url):
        self.ws = WebSocket(ws_url)
        self.next_id = 0
        self.events = []

    def call(self, method, timeout=20, **params):
        self.next_id += 1
        mid = self.next_id
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        deadline = time.time() + timeout
        while time.time() < deadline:
            m = json.loads(self.ws.recv())
            if m.get("id") == mid:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)
        raise AssertionError("DevTools %s: no answer in %ss" % (method, timeout))

    def eval(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate %s: %s" % (expr, r["exceptionDetails"]))
        return r.get("result", {}).get("value")

    def pump(self, seconds):
        """Reads events for a while (keeps the socket drained)."""
        self.ws.sock.settimeout(0.2)
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                m = json.loads(self.ws.recv())
            except (socket.timeout, TimeoutError):
                continue
            if "method" in m:
                self.events.append(m)
        self.ws.sock.settimeout(15)

    def errors(self):
        """Console errors, uncaught exceptions and error log entries seen."""
        out = []
        for e in self.events:
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console.%s: %s" % (p["type"], [a.get("value") for a in p.get("args", [])]))
            elif m == "Runtime.exceptionThrown":
                out.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append("log: %s (%s)" % (p["entry"].get("text"), p["entry"].get("url")))
        return out


def start_chromium(d):
    prof = os.path.join(d, "chromium-profile")
    os.makedirs(prof, exist_ok=True)
    cmd = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
           "--user-data-dir=" + prof, "--no-first-run", "--no-default-browser-check",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
           "--disable-domain-reliability", "--window-size=1280,1600", "about:blank"]
    p = zctest.start(cmd, log=os.path.join(d, "chromium.log"))
    port_file = os.path.join(prof, "DevToolsActivePort")

    def port():
        try:
            with open(port_file) as f:
                return int(f.readline().strip() or 0)
        except (OSError, ValueError):
            return 0
    dport = zctest.wait_for(port, 30, "chromium's DevTools port")

    def page():
        try:
            _, _, body = http("http://127.0.0.1:%d/json/list" % dport, timeout=3)
            pages = [t for t in json.loads(body) if t.get("type") == "page"]
            return pages[0]["webSocketDebuggerUrl"] if pages else None
        except (OSError, ValueError, KeyError):
            return None
    return p, zctest.wait_for(page, 20, "chromium's page target")


READ_JS = """(function () {
  var ids = ["n-pages", "n-rate", "n-frontier", "n-inflight", "n-hosts", "n-errors", "n-alive"];
  var out = {state: document.getElementById("state").dataset.state, workers: {}};
  ids.forEach(function (id) { out[id] = Number(document.getElementById(id).dataset.value); });
  document.querySelectorAll("#workers tr[data-worker]").forEach(function (tr) {
    out.workers[tr.dataset.worker] = tr.dataset.alive === "true";
  });
  out.latest = document.querySelectorAll("#latest tr td.url").length;
  out.status2xx = document.querySelector('#status-mix .n[data-key="2xx"]') ?
      Number(document.querySelector('#status-mix .n[data-key="2xx"]').dataset.value) : 0;
  return JSON.stringify(out);
})()"""


# --- the test ----------------------------------------------------------------

def main():
    a = zctest.args()
    c = zctest.Checks("test_monitor")
    d = zctest.tmpdir(a.keep)
    b = lambda name: os.path.join(a.bin, name)  # noqa: E731
    artifacts = os.path.join(os.path.dirname(os.path.abspath(a.bin)), "test-artifacts")
    for tool in (PROMETHEUS, PROMTOOL, CHROMIUM):
        if not os.access(tool, os.X_OK):
            print("FAIL: %s not installed (scripts/setup.sh installs prometheus and chromium)" % tool)
            c.ok(False, "%s present" % tool)
            c.done()

    # The site and the crawl.
    site_port = zctest.free_port()
    site_log = os.path.join(d, "site.log")
    zctest.start([sys.executable, os.path.join(os.path.dirname(__file__), "site_server.py"),
                  "--port", str(site_port), "--pages", str(PAGES), "--log", site_log])
    zctest.wait_for(lambda: os.path.exists(site_log) and _up(site_port), 10, "the test server")
    hport = zctest.free_port()
    run_dir = os.path.join(d, "run")
    out = os.path.join(d, "out")
    run = zctest.start([b("zcrawl"), "run", "--seed", "http://127.0.0.1:%d/" % site_port,
                        "--out", out, "--run-dir", run_dir, "--allow-private",
                        "--delay-ms", str(DELAY_MS), "--http", "127.0.0.1:%d" % hport,
                        "--log-level", "warn"], log=os.path.join(d, "run.log"))
    base = "http://127.0.0.1:%d" % hport
    st = zctest.wait_for(lambda: (lambda s: s if s and s.get("records_written", 0) > 0 else None)(
        stats(hport)), 30, "the sink's /stats with a first record")
    c.ok(st is not None, "/stats answers during the crawl")

    # 1. HTTP basics.
    code, hdr, body = http(base + "/")
    c.ok(code == 200 and hdr.get("Content-Type", "").startswith("text/html")
         and b'id="n-pages"' in body, "GET / is the dashboard (%s)" % code)
    c.ok("default-src 'none'" in (hdr.get("Content-Security-Policy") or ""),
         "the dashboard is served with a CSP that forbids external assets")
    c.ok(b"http://" not in body.replace(b"http://127.0.0.1", b"") and b"https://" not in body,
         "the dashboard references no external URL")
    code, hdr, body = http(base + "/metrics", method="HEAD")
    c.ok(code == 200 and body == b"" and "version=0.0.4" in hdr.get("Content-Type", ""),
         "HEAD /metrics: 200, no body, text format 0.0.4")
    code, hdr, _ = http(base + "/stats", method="POST", data=b"x=1")
    c.ok(code == 405 and "GET" in (hdr.get("Allow") or ""), "POST /stats: 405 with Allow (%s)" % code)
    code, _, _ = http(base + "/nope")
    c.ok(code == 404, "GET /nope: 404 (%s)" % code)
    sj = zctest.wait_for(lambda: zctest.read_json(os.path.join(out, "stats.json")), 10,
                         "OUT/stats.json")
    c.ok(sj.keys() == st.keys(), "/stats has the keys of stats.json")
    c.ok(isinstance(st.get("latest"), list) and st["latest"] and "url" in st["latest"][0],
         "/stats lists the latest pages")
    # The event stream: the snapshot pushed once a second, as on /stats.
    t0 = time.monotonic()
    ctype, retry, evs = sse_events(hport, 3)
    took = time.monotonic() - t0
    c.ok(ctype.startswith("text/event-stream") and retry == 2000 and len(evs) == 3
         and all(e.keys() == st.keys() for e in evs),
         "/events: text/event-stream, retry 2000, 3 snapshots with the keys of /stats (%s, %s, %d)"
         % (ctype, retry, len(evs)))
    c.ok(len(evs) == 3 and evs[0]["records_written"] <= evs[2]["records_written"]
         and evs[0]["time"] != evs[2]["time"] and 1.0 <= took <= 5.0,
         "/events: one a second, counts rising (%.1f s for 3)" % took)
    # A second sink on the same --http port: warns, runs on without HTTP.
    eps = ["tcp://127.0.0.1:%d" % zctest.free_port() for _ in range(2)]
    log2 = os.path.join(d, "sink2.log")
    sink2 = zctest.start([b("zcrawl-sink"), "--records", eps[0], "--stats-in", eps[1],
                          "--out", os.path.join(d, "out2"), "--http", "127.0.0.1:%d" % hport],
                         log=log2)
    time.sleep(1.0)
    alive2 = sink2.poll() is None
    rc2 = zctest.stop(sink2)
    with open(log2, errors="replace") as f:
        text2 = f.read()
    c.ok(alive2 and rc2 == 0 and "http server off" in text2,
         "a sink whose --http port is taken warns and runs on (alive %s, rc %s)" % (alive2, rc2))

    # 2. promtool accepts the exposition.
    _, _, metrics = http(base + "/metrics")
    mpath = os.path.join(d, "metrics.txt")
    with open(mpath, "wb") as f:
        f.write(metrics)
    r = subprocess.run([PROMTOOL, "check", "metrics"], input=metrics, capture_output=True,
                       timeout=30)
    c.ok(r.returncode == 0, "promtool check metrics: exit %d %s" % (
        r.returncode, (r.stdout + r.stderr).decode(errors="replace").strip()[:500]))
    text = metrics.decode()
    for want in ["# TYPE zcrawl_pages_total counter", 'zcrawl_pages_total{status_class="2xx"} ',
                 "# TYPE zcrawl_fetch_duration_seconds histogram",
                 'zcrawl_fetch_duration_seconds_bucket{le="+Inf"} ',
                 'zcrawl_up{stage="crawler",worker="crawler-1"} 1', "# TYPE zcrawl_frontier_urls gauge",
                 "# TYPE zcrawl_inflight_leases gauge", "zcrawl_redispatches_total ",
                 "zcrawl_fetched_bytes_total ", "zcrawl_bad_messages_total "]:
        c.ok(want in text, "/metrics has %r" % want)

    # 3. Prometheus scrapes the sink every second.
    pport = zctest.free_port()
    pdir = os.path.join(d, "prometheus")
    os.makedirs(pdir)
    with open(os.path.join(pdir, "prometheus.yml"), "w") as f:
        f.write("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                "scrape_configs:\n  - job_name: zcrawl\n    scrape_interval: 1s\n"
                "    scrape_timeout: 900ms\n    static_configs:\n"
                "      - targets: ['127.0.0.1:%d']\n" % hport)
    prom = zctest.start([PROMETHEUS, "--config.file=" + os.path.join(pdir, "prometheus.yml"),
                         "--storage.tsdb.path=" + os.path.join(pdir, "data"),
                         "--web.listen-address=127.0.0.1:%d" % pport, "--log.level=warn"],
                        log=os.path.join(d, "prometheus.log"))
    papi = "http://127.0.0.1:%d" % pport

    def query(q):
        try:
            _, _, body = http(papi + "/api/v1/query?" + urllib.parse.urlencode({"query": q}))
            res = json.loads(body)["data"]["result"]
            return float(res[0]["value"][1]) if res else None
        except (OSError, ValueError, KeyError, IndexError):
            return None
    v1 = zctest.wait_for(lambda: query("sum(zcrawl_pages_total)"), 30,
                         "Prometheus to have scraped zcrawl_pages_total")
    time.sleep(3)
    v2 = query("sum(zcrawl_pages_total)")
    print("Prometheus sum(zcrawl_pages_total): %s then %s" % (v1, v2), flush=True)
    c.ok(v2 is not None and v2 > v1, "Prometheus: sum(zcrawl_pages_total) rose %s -> %s" % (v1, v2))
    hc = query("sum(zcrawl_fetch_duration_seconds_count)")
    c.ok(hc is not None and hc > 0, "Prometheus: the fetch-latency histogram arrives (%s)" % hc)
    up = query('zcrawl_up{worker="crawler-1"}')
    c.ok(up == 1, "Prometheus: zcrawl_up of crawler-1 is 1 (%s)" % up)
    c.ok(query('up{job="zcrawl"}') == 1, "Prometheus: the scrape target is up")

    # 4 + 5. Chromium on the dashboard; a probe crawler killed.
    chrome, ws_url = start_chromium(d)
    dt = DevTools(ws_url)
    dt.call("Runtime.enable")
    dt.call("Log.enable")
    dt.call("Page.enable")
    dt.call("Page.navigate", url=base + "/")
    state_js = "(function(){var e=document.getElementById('state');return e&&e.dataset.state})()"
    zctest.wait_for(lambda: dt.eval(state_js) in ("running", "complete"), 20,
                    "the dashboard's first update")
    first = json.loads(dt.eval(READ_JS))
    dt.pump(3.5)
    second = json.loads(dt.eval(READ_JS))
    print("dashboard read twice: %s / %s" % (first, second), flush=True)
    c.ok(second["n-pages"] > first["n-pages"],
         "dashboard: pages written changed %s -> %s" % (first["n-pages"], second["n-pages"]))
    c.ok(first["state"] == "running", "dashboard: state running (%s)" % first["state"])
    c.ok(second["workers"].get("crawler-1") is True and second["workers"].get("producer") is True,
         "dashboard: workers listed alive (%s)" % second["workers"])
    c.ok(second["latest"] > 0 and second["status2xx"] > 0,
         "dashboard: latest pages and status mix shown")

    probe_name = "probe-crawler"
    nowhere = "ipc://" + os.path.join(d, "nowhere")
    probe = zctest.start([b("zcrawl-crawler"), "--worker", probe_name,
                          "--stats", "ipc://" + os.path.join(run_dir, "stats"),
                          "--producer", nowhere + "-tasks", "--broker", nowhere + "-fetch",
                          "--allow-private", "--log-level", "warn"],
                         log=os.path.join(d, "probe.log"))
    zctest.wait_for(lambda: (worker(stats(hport), probe_name) or {}).get("alive"), 15,
                    "the probe crawler alive in /stats")
    zctest.wait_for(lambda: json.loads(dt.eval(READ_JS))["workers"].get(probe_name) is True, 10,
                    "the probe crawler alive on the dashboard")
    c.ok(True, "probe crawler alive in /stats and on the dashboard")
    r = subprocess.run([b("zcrawl"), "status", "--sink", "127.0.0.1:%d" % hport],
                       capture_output=True, text=True, timeout=30)
    c.ok(r.returncode == 0 and "workers:" in r.stdout and probe_name in r.stdout
         and "latest pages:" in r.stdout and "pages/s" in r.stdout,
         "zcrawl status: exit %d, shows workers and latest pages" % r.returncode)
    print(r.stdout, flush=True)

    killed = time.time()
    os.kill(probe.pid, signal.SIGKILL)
    probe.wait(5)
    dead_stats = dead_page = None
    deadline = killed + DEAD_PAGE_S + 3
    while time.time() < deadline and (dead_stats is None or dead_page is None):
        if dead_stats is None and (worker(stats(hport), probe_name) or {}).get("alive") is False:
            dead_stats = time.time() - killed
        if dead_page is None and json.loads(dt.eval(READ_JS))["workers"].get(probe_name) is False:
            dead_page = time.time() - killed
        time.sleep(0.1)
    print("killed crawler dead after: /stats %s s, dashboard %s s" % (
        dead_stats and round(dead_stats, 2), dead_page and round(dead_page, 2)), flush=True)
    c.ok(dead_stats is not None and dead_stats <= DEAD_STATS_S,
         "/stats shows the killed crawler dead after %s s (bound %s s)" % (
             dead_stats and round(dead_stats, 2), DEAD_STATS_S))
    c.ok(dead_page is not None and dead_page <= DEAD_PAGE_S,
         "the dashboard shows the killed crawler dead after %s s (bound %s s)" % (
             dead_page and round(dead_page, 2), DEAD_PAGE_S))
    r = subprocess.run([b("zcrawl"), "status", "--sink", "127.0.0.1:%d" % hport],
                       capture_output=True, text=True, timeout=30)
    c.ok(r.returncode == 0 and any(probe_name in ln and "DEAD" in ln for ln in r.stdout.splitlines()),
         "zcrawl status shows the killed crawler DEAD")

    # The screenshot, with the dead worker on it.
    dt.call("Emulation.setDeviceMetricsOverride", width=1280, height=1600, deviceScaleFactor=1,
            mobile=False)
    dt.pump(1.2)
    shot = base64.b64decode(dt.call("Page.captureScreenshot", format="png")["data"])
    png = os.path.join(d, "dashboard.png")
    with open(png, "wb") as f:
        f.write(shot)
    os.makedirs(artifacts, exist_ok=True)
    shutil.copyfile(png, os.path.join(artifacts, "dashboard.png"))
    c.ok(shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 10000,
         "screenshot saved (%d bytes, %s)" % (len(shot), os.path.join(artifacts, "dashboard.png")))
    dt.pump(0.5)
    errs = dt.errors()
    c.ok(not errs, "no console error, exception or failed load on the dashboard %s" % errs[:5])
    dt.ws.close()
    zctest.stop(chrome)

    # 6. zcrawl status without a sink.
    r = subprocess.run([b("zcrawl"), "status", "--sink", "127.0.0.1:%d" % zctest.free_port()],
                       capture_output=True, text=True, timeout=30)
    c.ok(r.returncode == 1 and "does not answer" in r.stderr,
         "zcrawl status without a sink: exit %d" % r.returncode)

    zctest.stop(prom)
    rc = zctest.stop(run, timeout=60)
    c.ok(rc in (0, 1), "zcrawl run stopped (exit %s)" % rc)
    c.done()


def _up(port):
    try:
        http("http://127.0.0.1:%d/robots.txt" % port, timeout=1)
    except OSError:
        return False
    return True


if __name__ == "__main__":
    main()
