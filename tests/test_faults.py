"""Faults under `zcrawl run --state`: stages killed with SIGKILL mid-crawl.

Phase 1 (workers): at random moments (seeded; the seed is printed, `--seed N`
repeats a run) a crawler, a parser and the broker are killed, each at least
once, the next kill only once the supervisor's replacement is up. The crawl
completes and pages.jsonl holds every URL of the site exactly once.

Phase 2 (producer): the producer process (the child of `zcrawl run`) is killed
once 30-60% of the pages are written; the supervisor restarts it on the same
--state, it logs `frontier resumed`, and the crawl completes with every URL
exactly once. The server's request log (monotonic timestamps, the same clock
as the test's) shows that nothing written before the kill was fetched again,
that only tasks the killed producer had out were fetched twice, and that
robots.txt was fetched once.

The site is site_server.py's model, served by a subclass of its handler that
sleeps 5-20 ms per request (so each crawl lasts long enough to be hit
mid-way) and logs when each request started.
"""
import argparse
import collections
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_server  # noqa: E402
import zctest  # noqa: E402
from test_run import worker_pid  # noqa: E402

PAGES = 3000
HOST_CONCURRENCY = 8
LATENCY_MS = (5.0, 20.0)
CRAWL_TIMEOUT_S = 80  # per phase; a normal phase takes 10-25 s
# A task the killed producer sent just before it died reaches the server a few
# ms later. The replacement cannot dispatch before the supervisor's restart
# back-off (0.5 s), so a first request started within this grace of the kill
# was still sent by the killed producer.
KILL_GRACE_S = 0.3


# --- the server (run as `test_faults.py --serve ...` in its own process) ----------------

class _Null:
    def write(self, s):
        pass

    def flush(self):
        pass


class SlowHandler(site_server.Handler):
    """site_server's site, each request logged as `MONOTONIC PATH` and delayed."""

    def do_GET(self):
        srv = self.server
        t = time.monotonic()
        with srv.tlog_lock:
            srv.tlog.write("%.6f %s\n" % (t, self.path))
            srv.tlog.flush()
            delay = srv.rng.uniform(*LATENCY_MS) / 1000.0
        time.sleep(delay)
        site_server.Handler.do_GET(self)


def serve_main(argv):
    import http.server

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # A killed crawler drops its connections mid-request: expected here.
            if not isinstance(sys.exc_info()[1], ConnectionError):
                http.server.ThreadingHTTPServer.handle_error(self, request, client_address)

    ap = argparse.ArgumentParser()
    ap.add_argument("--serve", action="store_true")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--rng", type=int, default=0)
    a = ap.parse_args(argv)
    srv = Server(("127.0.0.1", a.port), SlowHandler)
    srv.daemon_threads = True
    srv.request_queue_size = 256
    srv.pages = a.pages
    srv.log, srv.log_lock = _Null(), threading.Lock()  # site_server's own log: unused
    srv.tlog, srv.tlog_lock = open(a.log, "a"), threading.Lock()
    srv.rng = random.Random(a.rng)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


# --- helpers ----------------------------------------------------------------------------

def start_server(d, name, rng_seed):
    port = zctest.free_port()
    log = os.path.join(d, "%s-server.log" % name)
    srv = zctest.start([sys.executable, os.path.abspath(__file__), "--serve", "--port", str(port),
                        "--pages", str(PAGES), "--log", log, "--rng", str(rng_seed)])

    def up():  # a bare connect: no request in the log
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False
    zctest.wait_for(up, 10, "the test server")
    return srv, port, log


def crawl_cmd(a, port, out, state):
    return [os.path.join(a.bin, "zcrawl"), "run", "--seed", "http://127.0.0.1:%d/" % port,
            "--out", out, "--state", state, "--crawlers", "2", "--parsers", "2",
            "--delay-ms", "0", "--host-concurrency", str(HOST_CONCURRENCY), "--lease-ms", "3000",
            "--allow-private", "--http", "off"]


def written_urls(out):
    """URLs of the complete lines of pages.jsonl now (a line being written is left out)."""
    try:
        with open(os.path.join(out, "pages.jsonl"), "rb") as f:
            data = f.read()
    except OSError:
        return []
    return [json.loads(line)["url"] for line in data.split(b"\n")[:-1] if line]


def count_lines(out):
    try:
        with open(os.path.join(out, "pages.jsonl"), "rb") as f:
            return f.read().count(b"\n")
    except OSError:
        return 0


def log_text(path):
    with open(path, errors="replace") as f:
        return f.read()


READY = {"crawler": "crawler started", "parser": "parser started", "broker": "broker started",
         "producer": "producer ready"}


def ready_count(log, name):
    """How many times the stage process `name` has logged that it is up."""
    return log_text(log).count("[%s] %s" % (name, READY[name.split("-")[0]]))


def wait_progress(run, out, n, what):
    """Waits until pages.jsonl has n lines; False if the run ended first."""
    deadline = time.monotonic() + CRAWL_TIMEOUT_S
    while time.monotonic() < deadline:
        if count_lines(out) >= n:
            return True
        if run.poll() is not None:
            return False
        time.sleep(0.1)
    raise AssertionError("timed out waiting for %s (%d lines)" % (what, n))


def kill_stage(run, runlog, name, c):
    """SIGKILLs stage process `name` of `run` by PID; waits until its replacement is up.
    Returns the kill's monotonic time, or None if the process was not found."""
    pid = worker_pid(run.pid, name)
    if not c.ok(pid is not None, "found the %s process" % name):
        return None
    before = ready_count(runlog, name)
    os.kill(pid, signal.SIGKILL)
    t = time.monotonic()
    zctest.wait_for(lambda: worker_pid(run.pid, name) not in (None, pid)
                    and ready_count(runlog, name) > before, 20, "a new %s" % name)
    return t


def finish(run, t0):
    """Waits (bounded) for `zcrawl run` to end; returns (exit status, seconds since t0)."""
    try:
        run.wait(max(1, CRAWL_TIMEOUT_S - (time.monotonic() - t0)))
    except subprocess.TimeoutExpired:
        pass
    took = time.monotonic() - t0
    return zctest.stop(run), took


def check_output(out, exp, c, phase):
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    urls = collections.Counter(r["url"] for r in recs)
    dups = sorted(u for u, k in urls.items() if k > 1)
    missing = sorted(set(exp) - set(urls))
    extra = sorted(set(urls) - set(exp))
    c.ok(not dups, "%s: no URL recorded twice (%d, e.g. %s)" % (phase, len(dups), dups[:5]))
    c.ok(not missing, "%s: every URL recorded (%d missing, e.g. %s)"
         % (phase, len(missing), missing[:5]))
    c.ok(not extra, "%s: no unexpected URL (%d, e.g. %s)" % (phase, len(extra), extra[:5]))
    c.ok(len(recs) == len(exp), "%s: one line per expected URL (%d lines, %d URLs)"
         % (phase, len(recs), len(exp)))
    return recs


def read_requests(log):
    """[(monotonic start, path)] in the order the server logged them."""
    reqs = []
    with open(log) as f:
        for line in f:
            t, p = line.rstrip("\n").split(" ", 1)
            reqs.append((float(t), p))
    return reqs


# --- phase 1: workers ------------------------------------------------------------------

def phase_workers(a, d, rng, c):
    srv, port, slog = start_server(d, "workers", rng.randrange(1 << 30))
    exp = site_server.expected_records(port, PAGES)
    out, state, runlog = (os.path.join(d, x) for x in ("out1", "state1", "run1.log"))
    targets = ["crawler-%d" % rng.randint(1, 2), "parser-%d" % rng.randint(1, 2), "broker"]
    rng.shuffle(targets)
    targets.append(rng.choice(["crawler-1", "crawler-2", "parser-1", "parser-2", "broker"]))
    marks = sorted(int(rng.uniform(0.05, 0.75) * len(exp)) for _ in targets)
    print("phase 1: %d URLs, kills %s at %s records" % (len(exp), targets, marks), flush=True)

    t0 = time.monotonic()
    run = zctest.start(crawl_cmd(a, port, out, state), log=runlog)
    kills = []
    for name, mark in zip(targets, marks):
        if not wait_progress(run, out, mark, "record %d" % mark):
            c.ok(False, "phase 1: the crawl ended before the kill of %s (at %d records)"
                 % (name, mark))
            break
        time.sleep(rng.uniform(0, 0.3))
        n = count_lines(out)
        t = kill_stage(run, runlog, name, c)
        if t is not None:
            kills.append((name, t - t0, n))
            print("phase 1: killed %s at %.2f s (%d records); replacement up after %.2f s"
                  % (name, t - t0, n, time.monotonic() - t), flush=True)
    rc, took = finish(run, t0)
    zctest.stop(srv)
    c.ok(rc == 0, "phase 1: zcrawl run exits 0 after the kills (got %s)" % rc)
    c.ok({k[0].split("-")[0] for k in kills} == {"crawler", "parser", "broker"},
         "phase 1: a crawler, a parser and the broker were each killed (%s)"
         % [k[0] for k in kills])
    text = log_text(runlog)
    c.ok(text.count("stage died, restarting") >= len(kills),
         "phase 1: run logs each restart (%d for %d kills)"
         % (text.count("stage died, restarting"), len(kills)))
    recs = check_output(out, exp, c, "phase 1")
    reqs = read_requests(slog)
    refetched = sum(1 for k in collections.Counter(p for _, p in reqs).values() if k > 1)
    print("phase 1: %d records in %.1f s, %d kills, %d URLs requested more than once "
          "(tasks lost with a killed stage, fetched again after their lease expired)"
          % (len(recs), took, len(kills), refetched), flush=True)


# --- phase 2: producer -----------------------------------------------------------------

def phase_producer(a, d, rng, c):
    srv, port, slog = start_server(d, "producer", rng.randrange(1 << 30))
    exp = site_server.expected_records(port, PAGES)
    out, state, runlog = (os.path.join(d, x) for x in ("out2", "state2", "run2.log"))
    mark = int(rng.uniform(0.3, 0.6) * len(exp))
    print("phase 2: %d URLs, producer killed at %d records" % (len(exp), mark), flush=True)

    t0 = time.monotonic()
    run = zctest.start(crawl_cmd(a, port, out, state), log=runlog)
    if not wait_progress(run, out, mark, "record %d" % mark):
        c.ok(False, "phase 2: the crawl ended before the producer was killed")
        zctest.stop(run)
        zctest.stop(srv)
        return
    pid = worker_pid(run.pid, "producer")
    if not c.ok(pid is not None, "phase 2: found the producer process"):
        zctest.stop(run)
        zctest.stop(srv)
        return
    c.ok(pid != run.pid, "phase 2: the producer is a child of zcrawl run")
    os.kill(pid, signal.SIGKILL)
    t_kill = time.monotonic()
    # Every line written now was released after its ack was committed (records
    # leave the producer only after the commit), so none may be fetched again.
    snap = set(written_urls(out))
    zctest.wait_for(lambda: worker_pid(run.pid, "producer") not in (None, pid)
                    and ready_count(runlog, "producer") >= 2, 20, "the new producer")
    t_up = time.monotonic()
    rc, took = finish(run, t0)
    zctest.stop(srv)
    print("phase 2: producer pid %d killed at %.2f s with %d records written; "
          "replacement ready after %.2f s" % (pid, t_kill - t0, len(snap), t_up - t_kill),
          flush=True)
    c.ok(rc == 0, "phase 2: zcrawl run exits 0 after the producer was killed (got %s)" % rc)

    text = log_text(runlog)
    c.ok("name=producer signal=9" in text, "phase 2: run logs the producer's death")
    resumed = [line for line in text.splitlines() if "frontier resumed" in line]
    c.ok(len(resumed) == 1 and "[producer]" in resumed[0],
         "phase 2: the restarted producer logs `frontier resumed` once (%s)" % resumed)
    if resumed:
        print("phase 2: %s" % resumed[0].split(" ", 2)[2], flush=True)
    check_output(out, exp, c, "phase 2")

    reqs = read_requests(slog)
    times = collections.defaultdict(list)
    for t, p in reqs:
        times[p].append(t)
    base = "http://127.0.0.1:%d" % port

    # (a) a URL written before the kill was requested exactly once.
    again = sorted(u for u in snap if len(times.get(u[len(base):], [])) != 1)
    c.ok(not again, "phase 2: each of the %d URLs written before the kill was requested exactly "
         "once (%d not, e.g. %s)" % (len(snap), len(again),
                                     [(u, len(times.get(u[len(base):], []))) for u in again[:5]]))

    # (b) a URL requested twice was out with the killed producer: its first
    # request started before the kill (KILL_GRACE_S: the network lag of a task
    # the producer sent as it died), the next one after the kill, from the
    # replacement. At most HOST_CONCURRENCY tasks of the one host are leased at
    # a time, and the last iteration before the kill may have sent up to that
    # many more before committing them, so 2 x HOST_CONCURRENCY bounds the
    # URLs fetched again (0.5% of the site).
    twice = sorted(p for p, ts in times.items() if len(ts) > 1 and p != "/robots.txt")
    early = [(p, round(times[p][0] - t_kill, 3)) for p in twice
             if times[p][0] >= t_kill + KILL_GRACE_S]
    late = [(p, round(times[p][1] - t_kill, 3)) for p in twice if times[p][1] < t_kill]
    c.ok(not early, "phase 2: every URL requested again had its first request start before the "
         "kill (not: %s)" % early[:5])
    c.ok(not late, "phase 2: every URL requested again was requested again after the kill "
         "(not: %s)" % late[:5])
    c.ok(all(len(times[p]) == 2 for p in twice), "phase 2: no URL requested more than twice (%s)"
         % [(p, len(times[p])) for p in twice if len(times[p]) > 2][:5])
    c.ok(len(twice) <= 2 * HOST_CONCURRENCY, "phase 2: %d URLs requested again (at most %d)"
         % (len(twice), 2 * HOST_CONCURRENCY))
    if twice:
        lag = max(times[p][0] for p in twice) - t_kill
        print("phase 2: requested again: %s; last first-request %+.3f s from the kill"
              % (twice, lag), flush=True)

    # (c) robots.txt: its answer was committed long before the kill (at 30% of
    # the pages or later), and the store keeps it, so the replacement does not
    # ask again. Had its first request still been out at the kill, a second
    # would be right; the check allows that case only.
    rb = times.get("/robots.txt", [])
    c.ok(len(rb) == 1 or (len(rb) == 2 and rb[0] < t_kill < rb[1] and t_kill - rb[0] < 5),
         "phase 2: /robots.txt requested once (%d times, at %s s from the kill)"
         % (len(rb), [round(t - t_kill, 3) for t in rb]))
    print("phase 2: %d requests, %d URLs requested again, crawl took %.1f s (kill at %.2f s)"
          % (len(reqs), len(twice), took, t_kill - t0), flush=True)


def main():
    if "--serve" in sys.argv[1:]:
        return serve_main(sys.argv[1:])
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="folder holding the zcrawl binaries")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--seed", type=int, help="seed of the random kill moments")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 31)
    print("seed %d (repeat with --seed %d)" % (seed, seed), flush=True)
    rng = random.Random(seed)
    c = zctest.Checks("test_faults")
    d = zctest.tmpdir(a.keep)
    if a.keep:
        print("temporary folder %s" % d, flush=True)
    t0 = time.monotonic()
    phase_workers(a, d, rng, c)
    phase_producer(a, d, rng, c)
    print("both phases took %.1f s" % (time.monotonic() - t0), flush=True)
    c.done()


if __name__ == "__main__":
    sys.exit(main())
