"""Politeness and robots.txt across many hosts: `zcrawl run` with 2 crawlers and 2 parsers,
--delay-ms 200 --host-concurrency 1, crawls 120 small sites, each on its own loopback address
(many_host_server.py, 8 pages per host, mixed robots.txt plan). The server's log of request
intervals must show, per host: /robots.txt requested once and first, no two requests in flight
at once, request starts at least the delay apart (1 s on hosts whose robots.txt says
Crawl-delay: 1), and no request for a path robots.txt disallows. pages.jsonl must hold every
page of every host exactly once, and a record with error "robots" and status 0 for every
disallowed URL."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import many_host_server as mhs  # noqa: E402
import polite_check  # noqa: E402
import site_checks  # noqa: E402
import zctest  # noqa: E402

HOSTS = 120
PAGES = 8
DELAY_MS = 200
LATENCY_MS = 10          # every answer waits a little, so an overlap could not go unseen
CRAWL_TIMEOUT_S = 120    # the crawl takes ~15 s (the Crawl-delay hosts: 11 requests 1 s apart)


def checker_selftest(c):
    """polite_check on a made-up log with known faults, so a checker that passes everything
    cannot make the crawl's result look good."""
    def req(host, path, t0, t1=None):
        return dict(host=host, path=path, status=200, t_start=t0,
                    t_end=t1 if t1 is not None else t0 + 0.001, conn=1)
    h404, hdelay, hdis = mhs.host_addr(0), mhs.host_addr(7), mhs.host_addr(3)
    log = [req(h404, "/robots.txt", 0.0), req(h404, "/p/0.html", 0.2005),
           req(h404, "/p/1.html", 0.399),            # 198.5 ms: inside the 2 ms tolerance
           req(h404, "/p/2.html", 0.5),              # 101 ms: too soon
           req(h404, "/p/3.html", 0.7, 0.95),
           req(h404, "/p/4.html", 0.8),              # too soon, and p/3 still in flight
           req(hdelay, "/robots.txt", 0.0), req(hdelay, "/p/0.html", 0.9995),
           req(hdelay, "/p/1.html", 1.5),            # Crawl-delay 1 s: too soon
           req(hdelay, "/p/2.html", 2.5),
           req(hdis, "/robots.txt", 0.0), req(hdis, "/private/0.html", 1.0)]
    rep = polite_check.check(log, DELAY_MS)
    h = rep["hosts"]
    c.ok(len(rep["violations"]) == 5 and h[h404]["overlaps"] == 1 and
         h[hdis]["disallowed"] == ["/private/0.html"] and
         abs(h[hdelay]["min_gap_ms"] - 500.5) < 0.01 and h[hdelay]["required_ms"] == 1000 and
         all(x["robots_first"] and x["robots_requests"] == 1 for x in h.values()),
         "polite_check finds the faults of a made-up log (%s)" % rep["violations"])


def main():
    a = zctest.args()
    c = zctest.Checks("test_politeness")
    checker_selftest(c)
    d = zctest.tmpdir(a.keep)
    port = zctest.free_port(mhs.host_addr(0))
    log = os.path.join(d, "server.log")
    ready = os.path.join(d, "server.ready")
    srv = zctest.start([sys.executable, os.path.join(os.path.dirname(__file__),
                                                     "many_host_server.py"),
                        "--port", str(port), "--hosts", str(HOSTS), "--pages", str(PAGES),
                        "--latency-ms", str(LATENCY_MS), "--log", log, "--ready-file", ready],
                       log=os.path.join(d, "server.out"))
    zctest.wait_for(lambda: os.path.exists(ready) or srv.poll() is not None, 20, "the server")
    if not c.ok(srv.poll() is None, "the test server runs"):
        c.done()

    out = os.path.join(d, "out")
    cmd = [os.path.join(a.bin, "zcrawl"), "run", "--out", out, "--scope", "any",
           "--delay-ms", str(DELAY_MS), "--host-concurrency", "1", "--crawlers", "2",
           "--parsers", "2", "--allow-private", "--log-level", "warn", "--http", "off"]
    for i in range(HOSTS):
        cmd += ["--seed", "http://%s:%d/p/0.html" % (mhs.host_addr(i), port)]
    t0 = time.time()
    run = zctest.start(cmd, log=os.path.join(d, "run.log"))
    try:
        run.wait(CRAWL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    took = time.time() - t0
    rc = zctest.stop(run)
    c.ok(rc == 0, "zcrawl run completes within %d s and exits 0 (got %s after %.1f s)"
         % (CRAWL_TIMEOUT_S, rc, took))
    zctest.stop(srv)   # SIGTERM: the server flushes its log

    # ---- the server's view (politeness, robots.txt per host) and the output (every page
    # once and right, disallowed URLs recorded, never fetched)
    reqs = polite_check.load(log)
    rep = site_checks.check_server_log(c, reqs, HOSTS, DELAY_MS)
    hosts = rep["hosts"]
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    site_checks.check_records(c, recs, reqs, HOSTS, PAGES, port)
    print("crawled %d records from %d requests to %d hosts in %.1f s"
          % (len(recs), len(reqs), len(hosts), took))
    c.done()


if __name__ == "__main__":
    main()
