"""Checks of a crawl of many_host_server.py's site, shared by the tests that crawl it
(test_politeness, test_shards, test_shards_netns): the server's request log (politeness,
robots.txt) and the crawl's pages.jsonl (every page once and right)."""
import collections

import many_host_server as mhs
import polite_check


def check_server_log(c, reqs, hosts_n, delay_ms, label="", max_refetched=0):
    """Politeness per host, robots.txt once and first, Crawl-delay honoured, and at most
    max_refetched pages requested twice (a restarted producer re-fetches what it had in
    flight). Returns polite_check's report."""
    p = label + ": " if label else ""
    rep = polite_check.check(reqs, delay_ms)
    for line in polite_check.summary(rep):
        print(p + line)
    c.ok(not rep["violations"], "%sno politeness violation (%d, e.g. %s)"
         % (p, len(rep["violations"]), rep["violations"][:3]))
    hosts = rep["hosts"]
    addrs = [mhs.host_addr(i) for i in range(hosts_n)]
    c.ok(sorted(hosts) == sorted(addrs), "%severy host was contacted, and only they (%d of %d)"
         % (p, len(set(hosts) & set(addrs)), hosts_n))
    bad = [x for x in addrs if hosts.get(x, {}).get("robots_requests") != 1]
    c.ok(not bad, "%s/robots.txt requested exactly once per host (%d hosts not, e.g. %s)"
         % (p, len(bad), [(x, hosts.get(x, {}).get("robots_requests")) for x in bad[:3]]))
    bad = [x for x in addrs if not hosts.get(x, {}).get("robots_first")]
    c.ok(not bad, "%s/robots.txt is each host's first request (%d hosts not, e.g. %s)"
         % (p, len(bad), bad[:3]))
    c.ok(all(r["t_end"] >= r["t_start"] for r in reqs), "%srequest intervals are well formed" % p)
    paths = collections.Counter((r["host"], r["path"]) for r in reqs if r["path"] != "/robots.txt")
    twice = [k for k, n in paths.items() if n > 1]
    c.ok(len(twice) <= max_refetched, "%sat most %d pages requested twice (%d: %s)"
         % (p, max_refetched, len(twice), twice[:3]))
    slow = [mhs.host_addr(i) for i in range(hosts_n)
            if mhs.host_plan(i)["crawl_delay_ms"] == 1000]
    gaps = [hosts[x]["min_gap_ms"] for x in slow if hosts.get(x, {}).get("min_gap_ms")]
    c.ok(len(slow) >= 10 and len(gaps) == len(slow) and
         min(gaps) >= 1000 - polite_check.TOLERANCE_MS,
         "%shosts with Crawl-delay: 1 had request starts >= 1 s apart (%d of %d hosts, smallest "
         "gap %s ms)" % (p, len(gaps), len(slow), round(min(gaps), 1) if gaps else None))
    fast = [h["min_gap_ms"] for x, h in hosts.items()
            if h["min_gap_ms"] is not None and x not in slow]
    c.ok(fast and min(fast) >= delay_ms - polite_check.TOLERANCE_MS,
         "%sother hosts had request starts >= %d ms apart (smallest gap %s ms)"
         % (p, delay_ms, round(min(fast), 1) if fast else None))
    return rep


def check_records(c, recs, reqs, hosts_n, pages, port, label=""):
    """Every page of every host recorded once and right: titles and outlinks as the site
    serves them, disallowed URLs recorded with error "robots", status 0 and never requested."""
    p = label + ": " if label else ""
    count = collections.Counter(r["url"] for r in recs)
    got = {r["url"]: r for r in recs}
    exp = mhs.site_urls(hosts_n, pages, port)
    missing = [u for u in exp if u not in got]
    c.ok(not missing, "%severy page of every host recorded (%d of %d missing, e.g. %s)"
         % (p, len(missing), len(exp), missing[:3]))
    dups = [u for u, n in count.items() if n > 1]
    c.ok(not dups, "%sno URL recorded twice (%d, e.g. %s)" % (p, len(dups), dups[:3]))
    extra = [u for u in got if u not in exp and not u.endswith("/robots.txt")]
    c.ok(not extra, "%sno unexpected URL recorded (%s)" % (p, extra[:3]))
    requested = {"http://%s:%d%s" % (r["host"], port, r["path"]) for r in reqs}
    wrong = collections.Counter()
    disallowed = []
    for u, (i, kind) in exp.items():
        r = got.get(u)
        if r is None:
            continue
        path = "/" + u.split("/", 3)[3]
        if kind == "private" and any(path.startswith(x) for x in mhs.host_plan(i)["disallow"]):
            disallowed.append(u)
            if r["error"] != "robots" or r["status"] != 0:
                wrong["disallowed: error robots, status 0"] += 1
            if u in requested:
                wrong["disallowed URL requested"] += 1
            continue
        if r["status"] != 200 or r["error"] is not None:
            wrong["status 200, no error"] += 1
        k = int(path.rsplit("/", 1)[1][:-5])
        if kind == "page":
            if r["title"] != "Host %d page %d" % (i, k):
                wrong["title"] += 1
            if r["outlinks"] != mhs.page_links(i, k, hosts_n, pages, port):
                wrong["outlinks"] += 1
        elif r["title"] != "Host %d private %d" % (i, k):
            wrong["title"] += 1
        if u not in requested:
            wrong["recorded as fetched but not requested"] += 1
    c.ok(len(disallowed) >= 20, "%sthe plan disallows some linked URLs (%d)"
         % (p, len(disallowed)))
    c.ok(not wrong, "%severy record is right (%s)" % (p, dict(wrong)))
