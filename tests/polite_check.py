"""Checks a many_host_server.py request log for politeness violations.

    python3 polite_check.py LOG --delay-ms D [--robots-plan mixed|404] [--tolerance-ms 2]
                            [--json] [--verbose]

Per host (one loopback address of many_host_server.py, so one host key scheme://host:port) it
reports: the number of requests, the minimum gap between successive request starts, whether two
requests were ever in flight at once, and the requests to paths the host's robots.txt
disallows. Exit status 0 without violations, 1 with, 2 on usage errors.

A violation is
- a gap between two successive request starts shorter than the host's required delay minus
  the clock tolerance. The required delay is max(--delay-ms, the host's Crawl-delay), for
  every pair, the one from /robots.txt to the first page included: robots.txt is the host's
  first request and its answer is in before the next request may start, so the Crawl-delay is
  known by then;
- an overlap: a request that started before an earlier request to the same host had been
  answered (t_start < the latest t_end so far), i.e. two requests in flight at once;
- a request for a path the host's robots.txt disallows (many_host_server.host_plan).

Why a 2 ms tolerance: the server takes both times from CLOCK_MONOTONIC (time.monotonic()),
the clock the producer keeps its politeness in, but the producer counts whole milliseconds,
truncated (zc_mono_ms). An ack that arrives at 10.9 ms counts as 10 ms, so the next start may
be released at 210.0 ms, 0.9 ms short of 200 ms after the ack, and the truncation of the
release time itself can cost up to another millisecond. With --host-concurrency 1 the server's
own timestamps cannot make a gap look shorter than the producer kept it: the previous request's
t_start precedes its response, which precedes the ack, and the next t_start follows the
dispatch. So 2 ms covers the producer's clock granularity and nothing else; a crawler that
ignores the delay misses it by far more.

As a module: load(path) -> list of request dicts; check(requests, delay_ms, plan=...) -> report
dict (see check); rates(requests) -> throughput figures for the benchmark.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import many_host_server  # noqa: E402

TOLERANCE_MS = 2.0
ROBOTS = "/robots.txt"


def load(path):
    """The log's requests: dicts with host, path, status, t_start, t_end, conn. A torn last
    line (the server was killed mid-write) is skipped; any other bad line raises ValueError."""
    out = []
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except ValueError:
            if n == len(lines):
                break
            raise ValueError("%s:%d: not JSON" % (path, n))
        out.append(r)
    return out


def _disallowed(path, prefixes):
    return any(path.startswith(p) for p in prefixes)


def check(requests, delay_ms, plan="mixed", tolerance_ms=TOLERANCE_MS):
    """Per-host politeness report of requests (as load returns them).

    Returns {"hosts": {addr: host report}, "violations": [str], "requests": n}, where a host
    report holds: index (many_host_server host index or None), kind (its robots plan), required_ms
    (max(delay, Crawl-delay)), requests, min_gap_ms (smallest gap between successive starts,
    None with fewer than two requests), min_gap_after_robots_ms (smallest gap from /robots.txt
    to the next request), overlaps (count),
    disallowed (paths requested that robots.txt disallows), robots_requests (count),
    robots_first (the first request was /robots.txt), mean_gap_ms (mean of all gaps between
    successive starts, None with fewer than two requests), violations (list of str)."""
    by_host = {}
    for r in requests:
        by_host.setdefault(r["host"], []).append(r)
    hosts, violations = {}, []
    for addr in sorted(by_host, key=lambda a: (many_host_server.host_index(a) is None,
                                               many_host_server.host_index(a) or 0, a)):
        rs = sorted(by_host[addr], key=lambda r: (r["t_start"], r["t_end"]))
        i = many_host_server.host_index(addr)
        hp = many_host_server.host_plan(i, plan) if i is not None else None
        crawl_delay = hp["crawl_delay_ms"] if hp else 0
        required = max(delay_ms, crawl_delay)
        prefixes = hp["disallow"] if hp else []
        h = dict(index=i, kind=hp["kind"] if hp else None, required_ms=required,
                 requests=len(rs), min_gap_ms=None, min_gap_after_robots_ms=None,
                 mean_gap_ms=None, overlaps=0,
                 disallowed=[], robots_requests=0, robots_first=bool(rs) and rs[0]["path"] == ROBOTS,
                 violations=[])
        latest_end = None
        for n, r in enumerate(rs):
            if r["path"] == ROBOTS:
                h["robots_requests"] += 1
            if _disallowed(r["path"], prefixes):
                h["disallowed"].append(r["path"])
                h["violations"].append("%s requested %s, which robots.txt disallows"
                                       % (addr, r["path"]))
            if n > 0:
                prev = rs[n - 1]
                gap = (r["t_start"] - prev["t_start"]) * 1000.0
                if prev["path"] == ROBOTS:
                    m = h["min_gap_after_robots_ms"]
                    h["min_gap_after_robots_ms"] = gap if m is None else min(m, gap)
                h["min_gap_ms"] = gap if h["min_gap_ms"] is None else min(h["min_gap_ms"], gap)
                if gap < required - tolerance_ms:
                    h["violations"].append("%s: %s started %.1f ms after %s (at least %d ms "
                                           "required)" % (addr, r["path"], gap, prev["path"],
                                                          required))
                if latest_end is not None and r["t_start"] < latest_end:
                    h["overlaps"] += 1
                    h["violations"].append("%s: %s started while an earlier request was in "
                                           "flight (%.1f ms before it ended)"
                                           % (addr, r["path"], (latest_end - r["t_start"]) * 1000))
            latest_end = r["t_end"] if latest_end is None else max(latest_end, r["t_end"])
        if len(rs) > 1:
            h["mean_gap_ms"] = (rs[-1]["t_start"] - rs[0]["t_start"]) * 1000.0 / (len(rs) - 1)
        hosts[addr] = h
        violations += h["violations"]
    return dict(hosts=hosts, violations=violations, requests=len(requests))


def _percentile(sorted_vals, q):
    """Nearest-rank-with-interpolation percentile of an ascending list (q in 0..1)."""
    if not sorted_vals:
        return None
    pos = q * (len(sorted_vals) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (pos - lo)


def rates(requests, lo=0.10, hi=0.90):
    """Throughput seen by the server: steady_rps = the requests that started between the lo
    and hi percentiles of the start times, per second of that interval (ramp-up and the tail
    of the last slow hosts left out); span_rps = all requests over first start .. last end;
    connections = TCP connections the requests came on (the server numbers them)."""
    starts = sorted(r["t_start"] for r in requests)
    if len(starts) < 2:
        return dict(requests=len(starts), steady_rps=None, span_rps=None, span_s=None,
                    steady_s=None, connections=len({r.get("conn") for r in requests}))
    t_lo, t_hi = _percentile(starts, lo), _percentile(starts, hi)
    inside = sum(1 for t in starts if t_lo <= t <= t_hi)
    span = max(r["t_end"] for r in requests) - starts[0]
    return dict(requests=len(starts), steady_s=t_hi - t_lo,
                connections=len({r.get("conn") for r in requests}),
                steady_rps=(inside - 1) / (t_hi - t_lo) if t_hi > t_lo else None,
                span_s=span, span_rps=len(starts) / span if span > 0 else None)


def summary(rep):
    """A few lines for people: totals and the worst hosts."""
    hs = list(rep["hosts"].values())
    gaps = [h["min_gap_ms"] for h in hs if h["min_gap_ms"] is not None]
    lines = ["%d requests to %d hosts; %d violations" % (rep["requests"], len(hs),
                                                        len(rep["violations"]))]
    if gaps:
        lines.append("smallest gap between request starts on one host: %.1f ms" % min(gaps))
    by_kind = {}
    for h in hs:
        if h["min_gap_ms"] is not None:
            k = by_kind.setdefault(h["kind"], [h["required_ms"], h["min_gap_ms"], 0])
            k[1] = min(k[1], h["min_gap_ms"])
            k[2] += 1
    for kind, (req, gap, n) in sorted(by_kind.items(), key=lambda kv: str(kv[0])):
        lines.append("  hosts with robots %-12s %4d hosts, required %5d ms, smallest gap %.1f ms"
                     % (kind, n, req, gap))
    lines.append("overlapping requests: %d; disallowed paths requested: %d"
                 % (sum(h["overlaps"] for h in hs), sum(len(h["disallowed"]) for h in hs)))
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description="politeness violations in a many_host_server log")
    ap.add_argument("log")
    ap.add_argument("--delay-ms", type=int, required=True, help="the crawl's --delay-ms")
    ap.add_argument("--robots-plan", choices=many_host_server.PLANS, default="mixed")
    ap.add_argument("--tolerance-ms", type=float, default=TOLERANCE_MS)
    ap.add_argument("--json", action="store_true", help="print one JSON object (with rates)")
    ap.add_argument("--verbose", action="store_true", help="list every violation")
    a = ap.parse_args(argv)
    try:
        reqs = load(a.log)
    except (OSError, ValueError) as e:
        print("polite_check: %s" % e, file=sys.stderr)
        return 2
    rep = check(reqs, a.delay_ms, a.robots_plan, a.tolerance_ms)
    if a.json:
        rep["rates"] = rates(reqs)
        rep["violation_count"] = len(rep["violations"])
        print(json.dumps(rep))
    else:
        for line in summary(rep):
            print(line)
        shown = rep["violations"] if a.verbose else rep["violations"][:10]
        for v in shown:
            print("VIOLATION: " + v)
        if len(shown) < len(rep["violations"]):
            print("... and %d more (--verbose)" % (len(rep["violations"]) - len(shown)))
    return 1 if rep["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
