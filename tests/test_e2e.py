"""End to end: `zcrawl run` with 2 crawlers and 2 parsers crawls a generated
2,000-page site served on loopback. Every URL gets exactly one record with the
right status, title, redirect and outlinks, and the server's log shows no URL
fetched twice and no trap or nofollow link fetched."""
import collections
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_server  # noqa: E402
import zctest  # noqa: E402

PAGES = 2000
CRAWL_TIMEOUT_S = 300


def main():
    a = zctest.args()
    c = zctest.Checks("test_e2e")
    d = zctest.tmpdir(a.keep)
    port = zctest.free_port()
    log = os.path.join(d, "server.log")
    srv = zctest.start([sys.executable, os.path.join(os.path.dirname(__file__), "site_server.py"),
                        "--port", str(port), "--pages", str(PAGES), "--log", log])
    import urllib.request
    zctest.wait_for(lambda: _up(port), 10, "the test server")
    open(log, "w").close()  # forget the readiness probe

    out = os.path.join(d, "out")
    t0 = time.time()
    run = zctest.start([os.path.join(a.bin, "zcrawl"), "run", "--seed",
                        "http://127.0.0.1:%d/" % port, "--out", out, "--crawlers", "2",
                        "--parsers", "2", "--delay-ms", "0", "--host-concurrency", "16",
                        "--concurrency", "16", "--allow-private", "--log-level", "warn",
                        "--http", "off"],
                       log=os.path.join(d, "run.log"))
    try:
        run.wait(CRAWL_TIMEOUT_S)
    except Exception:
        pass
    rc = zctest.stop(run)
    took = time.time() - t0
    c.ok(rc == 0, "zcrawl run exits 0 (got %s)" % rc)
    zctest.stop(srv)

    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    urls = [r["url"] for r in recs]
    dups = [u for u, k in collections.Counter(urls).items() if k > 1]
    c.ok(not dups, "one record per URL (duplicates: %s)" % dups[:5])
    exp = site_server.expected_records(port, PAGES)
    got = {r["url"]: r for r in recs}
    missing = sorted(set(exp) - set(got))
    extra = sorted(set(got) - set(exp))
    c.ok(not missing, "every URL recorded (%d missing, e.g. %s)" % (len(missing), missing[:5]))
    c.ok(not extra, "no unexpected URL recorded (%d, e.g. %s)" % (len(extra), extra[:5]))

    fields = ["url", "status", "error", "content_type", "bytes", "title", "depth", "outlinks",
              "redirect", "fetched_at", "fetch_ms", "attempt", "digest", "items", "http_version", "ip"]
    wrong = collections.Counter()
    for u, e in exp.items():
        r = got.get(u)
        if not r:
            continue
        if list(r.keys()) != fields:
            wrong["fields"] += 1
        for k, v in e.items():
            if k == "content_type":
                if not (r[k] or "").startswith(v):
                    wrong[k] += 1
            elif r.get(k) != v:
                wrong[k] += 1
                if wrong[k] <= 3:
                    print("mismatch %s %s: want %r got %r" % (u, k, v, r.get(k)))
        if r["status"] == 200 and (not r["digest"] or len(r["digest"]) != 40 or not r["bytes"]):
            wrong["digest/bytes"] += 1
        if not r["fetched_at"] or not r["fetched_at"].endswith("Z"):
            wrong["fetched_at"] += 1
        if r["http_version"] != "1.1" or r["ip"] != "127.0.0.1":
            wrong["http_version/ip"] += 1
    c.ok(not wrong, "every record has the right fields and values (%s)" % dict(wrong))
    home = got.get("http://127.0.0.1:%d/" % port)
    c.ok(home is not None and home["depth"] == 0, "the seed is depth 0")
    p1 = got.get("http://127.0.0.1:%d/p/1.html" % port)
    c.ok(p1 is not None and p1["depth"] >= 2, "depth grows along links")

    with open(log) as f:
        reqs = [line.split(" ", 1)[1].strip() for line in f if line.startswith("GET ")]
    twice = [p for p, k in collections.Counter(reqs).items() if k > 1 and p != "/robots.txt"]
    c.ok(not twice, "server saw no page fetched twice (%s)" % twice[:5])
    c.ok(not [p for p in reqs if p.startswith("/trap/")], "links in script and comments not followed")
    c.ok(not [p for p in reqs if p.startswith("/nofollow/")], "rel=nofollow links not followed")
    stats = zctest.read_json(os.path.join(out, "stats.json"))
    c.ok(stats is not None and stats.get("records_written") == len(recs),
         "stats.json counts the records")
    print("crawled %d records in %.1f s (%.0f records/s)" % (len(recs), took, len(recs) / took))
    c.done()


def _up(port):
    import urllib.request
    try:
        urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=1).read()
        return True
    except OSError:
        return False


if __name__ == "__main__":
    main()
