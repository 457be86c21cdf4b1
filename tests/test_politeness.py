"""Politeness and robots.txt across many hosts: `zcrawl run` with 2 crawlers and 2 parsers,
--delay-ms 200 --host-concurrency 1, crawls 120 small sites, each on its own loopback address
(many_host_server.py, 8 pages per host, mixed robots.txt plan). The server's log of request
intervals must show, per host: /robots.txt requested once and first, no two requests in flight
at once, request starts at least the delay apart (1 s on hosts whose robots.txt says
Crawl-delay: 1), and no request for a path robots.txt disallows. pages.jsonl must hold every
page of every host exactly once, and a record with error "robots" and status 0 for every
disallowed URL."""
import collections
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import many_host_server as mhs  # noqa: E402
import polite_check  # noqa: E402
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

    # ---- the server's view: politeness and robots.txt per host
    reqs = polite_check.load(log)
    rep = polite_check.check(reqs, DELAY_MS)
    for line in polite_check.summary(rep):
        print(line)
    c.ok(not rep["violations"], "no politeness violation (%d, e.g. %s)"
         % (len(rep["violations"]), rep["violations"][:3]))
    hosts = rep["hosts"]
    addrs = [mhs.host_addr(i) for i in range(HOSTS)]
    c.ok(sorted(hosts) == sorted(addrs), "every host was contacted, and only they (%d of %d)"
         % (len(set(hosts) & set(addrs)), HOSTS))
    bad_robots = [x for x in addrs if hosts.get(x, {}).get("robots_requests") != 1]
    c.ok(not bad_robots, "/robots.txt requested exactly once per host (%d hosts not, e.g. %s)"
         % (len(bad_robots), [(x, hosts.get(x, {}).get("robots_requests")) for x in bad_robots[:3]]))
    not_first = [x for x in addrs if not hosts.get(x, {}).get("robots_first")]
    c.ok(not not_first, "/robots.txt is each host's first request (%d hosts not, e.g. %s)"
         % (len(not_first), not_first[:3]))
    c.ok(all(r["t_end"] >= r["t_start"] for r in reqs), "request intervals are well formed")
    paths = collections.Counter((r["host"], r["path"]) for r in reqs if r["path"] != "/robots.txt")
    twice = [k for k, n in paths.items() if n > 1]
    c.ok(not twice, "no page requested twice (%s)" % twice[:3])

    plans = {i: mhs.host_plan(i) for i in range(HOSTS)}
    slow = [mhs.host_addr(i) for i in range(HOSTS) if plans[i]["crawl_delay_ms"] == 1000]
    slow_gaps = [hosts[x]["min_gap_ms"] for x in slow if hosts.get(x, {}).get("min_gap_ms")]
    c.ok(len(slow) >= 10 and len(slow_gaps) == len(slow),
         "every Crawl-delay host had several requests (%d of %d)" % (len(slow_gaps), len(slow)))
    c.ok(slow_gaps and min(slow_gaps) >= 1000 - polite_check.TOLERANCE_MS,
         "hosts with Crawl-delay: 1 had request starts >= 1 s apart (smallest gap %s ms)"
         % (round(min(slow_gaps), 1) if slow_gaps else None))
    fast_gaps = [h["min_gap_ms"] for x, h in hosts.items()
                 if h["min_gap_ms"] is not None and x not in slow]
    c.ok(fast_gaps and min(fast_gaps) >= DELAY_MS - polite_check.TOLERANCE_MS,
         "other hosts had request starts >= %d ms apart (smallest gap %s ms)"
         % (DELAY_MS, round(min(fast_gaps), 1) if fast_gaps else None))

    # ---- the output: every page once, disallowed URLs recorded, never fetched
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    count = collections.Counter(r["url"] for r in recs)
    got = {r["url"]: r for r in recs}
    exp = mhs.site_urls(HOSTS, PAGES, port)
    missing = [u for u in exp if u not in got]
    c.ok(not missing, "every page of every host recorded (%d of %d missing, e.g. %s)"
         % (len(missing), len(exp), missing[:3]))
    dups = [u for u, n in count.items() if n > 1]
    c.ok(not dups, "no URL recorded twice (%s)" % dups[:3])
    extra = [u for u in got if u not in exp and not u.endswith("/robots.txt")]
    c.ok(not extra, "no unexpected URL recorded (%s)" % extra[:3])
    robots_recs = [u for u in got if u.endswith("/robots.txt")]
    if robots_recs:
        print("note: %d robots.txt URLs have records" % len(robots_recs))

    requested = {"http://%s:%d%s" % (r["host"], port, r["path"]) for r in reqs}
    wrong = collections.Counter()
    disallowed = []
    for u, (i, kind) in exp.items():
        r = got.get(u)
        if r is None:
            continue
        path = u.split("/", 3)[3]
        blocked = kind == "private" and any(("/" + path).startswith(p)
                                            for p in plans[i]["disallow"])
        if blocked:
            disallowed.append(u)
            if r["error"] != "robots" or r["status"] != 0:
                wrong["disallowed: error robots, status 0"] += 1
                if wrong["disallowed: error robots, status 0"] <= 3:
                    print("disallowed %s: error %r status %r" % (u, r["error"], r["status"]))
            if u in requested:
                wrong["disallowed URL requested"] += 1
            continue
        if r["status"] != 200 or r["error"] is not None:
            wrong["status 200, no error"] += 1
        k = int(path.rsplit("/", 1)[1][:-5])
        if kind == "page":
            if r["title"] != "Host %d page %d" % (i, k):
                wrong["title"] += 1
            if r["outlinks"] != mhs.page_links(i, k, HOSTS, PAGES, port):
                wrong["outlinks"] += 1
        elif r["title"] != "Host %d private %d" % (i, k):
            wrong["title"] += 1
        if u not in requested:
            wrong["recorded as fetched but not requested"] += 1
    c.ok(len(disallowed) >= 20, "the plan disallows some linked URLs (%d)" % len(disallowed))
    c.ok(not wrong, "every record is right (%s)" % dict(wrong))
    c.ok(not [u for u in disallowed if u in requested],
         "no disallowed URL was requested (%d were)" % len([u for u in disallowed if u in requested]))
    print("crawled %d records from %d requests to %d hosts in %.1f s"
          % (len(recs), len(reqs), len(hosts), took))
    c.done()


if __name__ == "__main__":
    main()
