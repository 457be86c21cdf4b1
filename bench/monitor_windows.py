#!/usr/bin/env python3
"""Monitoring on and off in alternating windows of one crawl.

The load clients (Prometheus, headless Chromium) run for the whole crawl; this
script stops them (SIGSTOP to their process groups) and lets them go on
(SIGCONT) in windows of --window seconds, in the order on, off, off, on, on,
off, ... so that a drift of the crawl's rate over time hits both states alike.
It counts the records the sink wrote in each window (new lines of
pages.jsonl) and the clients' CPU while they ran.

A stopped client uses no CPU and sends nothing, so an "off" window is the
crawl without monitoring and an "on" window the crawl with it, on the same
crawl, the same warm caches, seconds apart. The CPU of the zcrawl processes
per page written in each window tells what the monitoring costs the pipeline
itself (the sink answering /metrics and /stats). The first --skip windows
(ramp-up; default 2, the first pair, so on and off stay balanced) and the
window in which the crawl ends are left out.

Usage: monitor_windows.py --records FILE --groups PGID[,PGID] --done-pid PID
                          [--window S] [--skip N] [--timeout S] --out FILE.json
Prints one JSON object (also written to --out).
"""
import argparse
import json
import os
import signal
import statistics
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def group_cpu(groups):
    """utime+stime (children included) of every process in the groups, seconds."""
    total = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(st[2]) in groups:
            total += sum(int(x) for x in st[11:15])
    return total / TICK


def pipeline_cpu():
    """utime+stime of each live zcrawl process (every stage), seconds, by pid."""
    cpu = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                head, rest = f.read().rsplit(")", 1)
        except OSError:
            continue
        if head.split("(", 1)[1].startswith("zcrawl"):
            cpu[d] = sum(int(x) for x in rest.split()[11:13]) / TICK
    return cpu


def cpu_delta(a, b):
    """CPU used between two pipeline_cpu() samples by the processes in both
    (a process that exits in between takes its time with it)."""
    return sum(b[p] - a[p] for p in b if p in a)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) counts as gone.
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Lines:
    """Counts the lines of a growing file, reading only what is new."""

    def __init__(self, path):
        self.path, self.f, self.n = path, None, 0

    def count(self):
        if self.f is None:
            try:
                self.f = open(self.path, "rb")
            except OSError:
                return self.n
        while True:
            chunk = self.f.read(1 << 20)
            if not chunk:
                return self.n
            self.n += chunk.count(b"\n")


def signal_groups(groups, sig):
    for g in groups:
        try:
            os.killpg(g, sig)
        except ProcessLookupError:
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", required=True)
    ap.add_argument("--groups", required=True, help="process groups of the load clients")
    ap.add_argument("--done-pid", type=int, required=True, help="the crawl; the windows end with it")
    ap.add_argument("--window", type=float, default=3.0)
    ap.add_argument("--skip", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    groups = {int(g) for g in a.groups.split(",") if g}
    if a.window <= 0.2:
        sys.exit("monitor_windows: --window must be > 0.2 s")

    lines = Lines(a.records)
    windows = []
    start = time.monotonic()
    k = 0
    try:
        while alive(a.done_pid) and time.monotonic() - start < a.timeout and k < 100000:
            # on, off, off, on, on, off, ...: pair p is (on, off) or (off, on).
            on = (k % 4) in (0, 3)
            signal_groups(groups, signal.SIGCONT if on else signal.SIGSTOP)
            t0, n0, c0, p0 = time.monotonic(), lines.count(), group_cpu(groups), pipeline_cpu()
            while time.monotonic() - t0 < a.window and alive(a.done_pid):
                time.sleep(0.05)
            t1, n1, c1, p1 = time.monotonic(), lines.count(), group_cpu(groups), pipeline_cpu()
            full = alive(a.done_pid) and t1 - t0 >= a.window
            windows.append({"k": k, "on": on, "s": round(t1 - t0, 3), "pages": n1 - n0,
                            "pps": (n1 - n0) / (t1 - t0), "client_cpu_s": round(c1 - c0, 3),
                            "zcrawl_cpu_s": round(cpu_delta(p0, p1), 3),
                            "counted": full and k >= a.skip})
            k += 1
    finally:
        signal_groups(groups, signal.SIGCONT)

    used = [w for w in windows if w["counted"]]
    on = [w["pps"] for w in used if w["on"]]
    off = [w["pps"] for w in used if not w["on"]]
    # Each on window against the off window of its pair (windows 2p, 2p+1).
    pairs = []
    by_k = {w["k"]: w for w in used}
    for p in range(0, k, 2):
        x, y = by_k.get(p), by_k.get(p + 1)
        if x and y:
            w_on, w_off = (x, y) if x["on"] else (y, x)
            if w_off["pps"] > 0:
                pairs.append(100 * (w_off["pps"] - w_on["pps"]) / w_off["pps"])
    on_s = sum(w["s"] for w in used if w["on"])

    def cpu_per_page(ws):
        pages = sum(w["pages"] for w in ws)
        return 1000 * sum(w["zcrawl_cpu_s"] for w in ws) / pages if pages else 0
    res = {
        "windows": windows,
        "on_windows": len(on), "off_windows": len(off),
        "on_pps_median": statistics.median(on) if on else 0,
        "off_pps_median": statistics.median(off) if off else 0,
        "on_pps_mean": statistics.mean(on) if on else 0,
        "off_pps_mean": statistics.mean(off) if off else 0,
        "pair_overheads_pct": pairs,
        "zcrawl_cpu_ms_per_page_on": cpu_per_page([w for w in used if w["on"]]),
        "zcrawl_cpu_ms_per_page_off": cpu_per_page([w for w in used if not w["on"]]),
        "client_cpu_per_on_s": (sum(w["client_cpu_s"] for w in used if w["on"]) / on_s) if on_s else 0,
    }
    with open(a.out, "w") as f:
        json.dump(res, f)
    print(json.dumps({k2: v for k2, v in res.items() if k2 != "windows"}))


if __name__ == "__main__":
    main()
