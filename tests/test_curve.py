"""CURVE (--curve DIR): `zcrawl keygen` makes the keys; `zcrawl run --curve DIR`
crawls a small loopback site to completion over authenticated, encrypted
sockets; stages started by hand on tcp://127.0.0.1 with --curve admit nothing
from a peer without a known key (no CURVE at all, or a fresh key pair that is
not in DIR): its seeds and records never reach pages.jsonl or the frontier, it
pulls no task, and the stages log and count the refusals. A client with DIR's
own "client" key does all of it, so the refusals are the keys' doing. A bad
key directory is a usage error (exit 2) naming the file."""
import os
import re
import shutil
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_server  # noqa: E402
import zctest  # noqa: E402

PAGES = 60
CRAWL_TIMEOUT_S = 120
IDS = ["producer", "crawler", "broker", "parser", "sink", "client"]
KEY_RE = re.compile(r"^[0-9a-zA-Z.\-:+=^!/*?&<>()\[\]{}@%$#]{40}$")


def _up(port):
    import urllib.request
    try:
        urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=1).read()
        return True
    except OSError:
        return False


def run(cmd, timeout=30, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=e)


def key_of(path):
    lines = [l.strip() for l in open(path) if l.strip() and not l.startswith("#")]
    return lines[0] if len(lines) == 1 else None


def check_keygen(c, z, keys):
    r = run([z, "keygen", keys])
    c.ok(r.returncode == 0, "zcrawl keygen exits 0 (%s)" % r.stderr.strip())
    c.ok(stat.S_IMODE(os.stat(keys).st_mode) == 0o700, "the key directory is mode 0700")
    pubs = {}
    for name in IDS:
        pub, sec = os.path.join(keys, name + ".key"), os.path.join(keys, name + ".key_secret")
        c.ok(os.path.exists(pub) and os.path.exists(sec), "a key pair for %s" % name)
        if not os.path.exists(sec):
            continue
        c.ok(stat.S_IMODE(os.stat(sec).st_mode) == 0o600, "%s's secret key is mode 0600" % name)
        pubs[name] = key_of(pub)
        c.ok(pubs[name] is not None and KEY_RE.match(pubs[name]) is not None
             and KEY_RE.match(key_of(sec) or "") is not None,
             "%s's keys are 40 Z85 characters" % name)
        c.ok(pubs[name] in r.stdout, "keygen prints %s's public key" % name)
    c.ok(len(set(pubs.values())) == len(IDS), "every identity has its own key")
    before = open(os.path.join(keys, "producer.key")).read()
    r = run([z, "keygen", keys])
    c.ok(r.returncode == 1 and "--force" in r.stderr
         and open(os.path.join(keys, "producer.key")).read() == before,
         "keygen refuses to replace keys without --force (%r)" % r.stderr.strip())
    return pubs


def check_bad_dirs(c, a, z, keys, d):
    """A missing or garbled key file under --curve: exit 2, the file named."""
    stages = ["zcrawl-producer", "zcrawl-crawler", "zcrawl-broker", "zcrawl-parser", "zcrawl-sink"]
    missing = os.path.join(d, "no-keys")
    for s in stages:
        r = run([os.path.join(a.bin, s), "--curve", missing])
        c.ok(r.returncode == 2 and "no-keys" in r.stderr, "%s --curve MISSING exits 2 (%d %r)"
             % (s, r.returncode, r.stderr.strip()))
    r = run([os.path.join(a.bin, "zcrawl-broker")], env={"ZCRAWL_CURVE": missing})
    c.ok(r.returncode == 2 and "no-keys" in r.stderr, "ZCRAWL_CURVE is read like --curve")
    r = run([z, "run", "--seed", "http://127.0.0.1:9/", "--out", os.path.join(d, "x"),
             "--curve", missing])
    c.ok(r.returncode == 2 and "no-keys" in r.stderr, "zcrawl run --curve MISSING exits 2 (%r)"
         % r.stderr.strip())
    r = run([z, "seed", "--curve", missing, "--producer", "127.0.0.1:9", "http://127.0.0.1:9/"])
    c.ok(r.returncode == 2 and "no-keys" in r.stderr, "zcrawl seed --curve MISSING exits 2")

    bad = os.path.join(d, "bad-keys")
    shutil.copytree(keys, bad)
    with open(os.path.join(bad, "parser.key"), "w") as f:
        f.write("this is not a key\n")
    r = run([os.path.join(a.bin, "zcrawl-broker"), "--curve", bad])
    c.ok(r.returncode == 2 and "parser.key" in r.stderr,
         "a garbled public key file is named (%r)" % r.stderr.strip())
    r = run([z, "run", "--seed", "http://127.0.0.1:9/", "--out", os.path.join(d, "x"),
             "--curve", bad])
    c.ok(r.returncode == 2 and "parser.key" in r.stderr, "zcrawl run names the garbled file")
    shutil.copy(os.path.join(keys, "parser.key"), os.path.join(bad, "parser.key"))
    os.unlink(os.path.join(bad, "sink.key_secret"))
    r = run([os.path.join(a.bin, "zcrawl-sink"), "--curve", bad, "--http", "off"])
    c.ok(r.returncode == 2 and "sink.key_secret" in r.stderr, "a missing secret key is named")
    r = run([z, "run", "--seed", "http://127.0.0.1:9/", "--out", os.path.join(d, "x"),
             "--curve", bad])
    c.ok(r.returncode == 2 and "sink.key_secret" in r.stderr,
         "zcrawl run checks every stage's secret key before starting")
    with open(os.path.join(bad, "sink.key_secret"), "w") as f:
        f.write(key_of(os.path.join(keys, "parser.key_secret")) + "\n")
    r = run([os.path.join(a.bin, "zcrawl-sink"), "--curve", bad, "--http", "off"])
    c.ok(r.returncode == 2 and "does not match" in r.stderr,
         "a secret key of another pair is refused (%r)" % r.stderr.strip())


def check_run(c, a, z, keys, d, port):
    out = os.path.join(d, "out-run")
    proc = zctest.start([z, "run", "--seed", "http://127.0.0.1:%d/" % port, "--out", out,
                         "--crawlers", "2", "--parsers", "1", "--delay-ms", "0",
                         "--host-concurrency", "8", "--concurrency", "8", "--allow-private",
                         "--http", "off", "--curve", keys, "--log-level", "info"],
                        log=os.path.join(d, "run.log"))
    try:
        proc.wait(CRAWL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    rc = zctest.stop(proc)
    c.ok(rc == 0, "zcrawl run --curve exits 0 (got %s)" % rc)
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl")) if os.path.exists(
        os.path.join(out, "pages.jsonl")) else []
    exp = site_server.expected_records(port, PAGES)
    got = {r["url"]: r for r in recs}
    missing = sorted(set(exp) - set(got))
    c.ok(not missing and len(recs) == len(exp),
         "every page recorded once over CURVE (%d records, %d missing, e.g. %s)"
         % (len(recs), len(missing), missing[:3]))
    wrong = [u for u, e in exp.items() if u in got and got[u]["status"] != e["status"]]
    c.ok(not wrong, "the records have the right status (%s)" % wrong[:3])
    stats = zctest.read_json(os.path.join(out, "stats.json")) or {}
    totals = stats.get("totals", {})
    c.ok(totals.get("auth_failures_total") == 0,
         "no stage refused a peer of its own crawl (auth_failures_total=%r)"
         % totals.get("auth_failures_total"))
    stages = {w.get("stage") for w in stats.get("workers", []) if w.get("stage") != "sink"}
    c.ok({"producer", "crawler", "broker", "parser"} <= stages,
         "every stage's heartbeat reached the sink over CURVE (%s)" % sorted(stages))
    log = open(os.path.join(d, "run.log")).read()
    c.ok("peer refused" not in log and "did not accept" not in log,
         "no handshake failure in the run's log")


def check_rogues(c, a, keys, d, port):
    b = lambda name: os.path.join(a.bin, name)  # noqa: E731
    ep = {k: "tcp://127.0.0.1:%d" % zctest.free_port()
          for k in ["records", "stats", "tasks", "feedback"]}
    out = os.path.join(d, "out-hand")
    slog, plog = os.path.join(d, "sink.log"), os.path.join(d, "producer.log")
    seed = "http://127.0.0.1:%d/" % port
    sink = zctest.start([b("zcrawl-sink"), "--records", ep["records"], "--stats-in", ep["stats"],
                         "--out", out, "--worker", "sink", "--http", "off", "--curve", keys],
                        log=slog)
    prod = zctest.start([b("zcrawl-producer"), "--tasks", ep["tasks"], "--feedback", ep["feedback"],
                         "--sink", ep["records"], "--stats", ep["stats"], "--keep-running",
                         "--delay-ms", "0", "--worker", "producer", "--seed", seed,
                         "--state", os.path.join(d, "state"), "--curve", keys], log=plog)
    stats_path = os.path.join(out, "stats.json")

    def producer_counters():
        s = zctest.read_json(stats_path) or {}
        for w in s.get("workers", []):
            if w.get("stage") == "producer" and w.get("alive"):
                return w.get("counters", {})
        return None

    zctest.wait_for(producer_counters, 20, "the producer's heartbeat over CURVE")
    zctest.wait_for(lambda: (producer_counters() or {}).get("urls_admitted_total") == 1, 20,
                    "the seed admitted")
    time.sleep(1.5)
    before = producer_counters()

    def probe(*args, timeout=60):
        return run([b("zc_probe")] + list(args), timeout=timeout)

    rogues = [("no keys", []), ("unknown key", ["--curve-rogue", keys])]
    for what, opts in rogues:
        for target, peer, kind, url in [
                ("feedback", "producer", "seed", "http://127.0.0.1:9/rogue-seed"),
                ("feedback", "producer", "task", "http://127.0.0.1:9/rogue-task"),
                ("records", "sink", "record", "http://127.0.0.1:9/rogue-record")]:
            r = probe(*(opts + ["--peer", peer, "--wait-ms", "2000", "send", ep[target], kind,
                                url + "-" + what.replace(" ", "-")]))
            c.ok(r.returncode == 4, "%s: a %s to %s gets no connection (exit %d %s)"
                 % (what, kind, target, r.returncode, r.stderr.strip()))
        r = probe(*(opts + ["--peer", "producer", "recv", ep["tasks"], "task", "2500"]))
        c.ok(r.returncode == 1 and r.stdout == "",
             "%s: pulls no task from the producer (exit %d, %r)" % (what, r.returncode, r.stdout))
        r = probe(*(opts + ["--peer", "sink", "--wait-ms", "2000", "send", ep["stats"], "stats",
                            "rogue-" + what.replace(" ", "-")]))
        c.ok(r.returncode == 4, "%s: sends no heartbeat to the sink" % what)

    time.sleep(2.5)  # two heartbeats and flushes
    after = producer_counters() or {}
    same = {k: (before.get(k), after.get(k)) for k in
            ["urls_admitted_total", "urls_seen_total", "acks_total", "acks_stale_total",
             "records_total", "bad_messages_total", "tasks_dispatched_total"]
            if before.get(k) != after.get(k)}
    c.ok(not same, "the producer's counters did not move (changed: %s)" % same)
    c.ok(after.get("auth_failures_total", 0) > before.get("auth_failures_total", 0) >= 0,
         "the producer counted the refusals (auth_failures_total %s -> %s)"
         % (before.get("auth_failures_total"), after.get("auth_failures_total")))
    pages = os.path.join(out, "pages.jsonl")
    text = open(pages).read() if os.path.exists(pages) else ""
    c.ok("rogue" not in text, "no rogue record in pages.jsonl")
    s = zctest.read_json(stats_path) or {}
    c.ok(not [w for w in s.get("workers", []) if "rogue" in str(w.get("worker"))],
         "no rogue worker in the sink's stats")
    plog_text, slog_text = open(plog).read(), open(slog).read()
    for name, text, endpoint in [("producer", plog_text, ep["feedback"]),
                                 ("producer", plog_text, ep["tasks"]),
                                 ("sink", slog_text, ep["records"])]:
        lines = [l for l in text.splitlines() if "peer refused" in l and endpoint in l]
        c.ok(lines, "the %s logs the refusals on %s" % (name, endpoint))
    # A plain peer is seen as such (no_curve), or, when it resets the connection
    # before the stage reads its greeting, as a handshake it abandoned.
    c.ok(re.search(r"peer refused .*reason=(no_curve|handshake_failed)", plog_text) is not None,
         "a peer without CURVE is logged as such")
    c.ok(re.search(r"peer refused .*reason=unknown_key peer=127\.0\.0\.1 key=", plog_text)
         is not None, "an unknown key is logged with the peer's address and key")
    c.ok(re.search(r"peer refused .*reason=unknown_key peer=127\.0\.0\.1", slog_text) is not None,
         "the sink logs an unknown key with the peer's address")

    # The same things with the directory's client key go through.
    r = probe("--curve", keys, "--peer", "producer", "recv", ep["tasks"], "task", "10000")
    c.ok(r.returncode == 0 and "url=http://127.0.0.1:%d/robots.txt" % port in r.stdout,
         "a known client pulls a task (%r %s)" % (r.stdout, r.stderr.strip()))
    r = probe("--curve", keys, "--peer", "producer", "send", ep["feedback"], "seed",
              "http://127.0.0.1:9/known-seed")
    c.ok(r.returncode == 0, "a known client sends a seed")
    r = probe("--curve", keys, "--peer", "sink", "send", ep["records"], "record",
              "http://127.0.0.1:9/known-record")
    c.ok(r.returncode == 0, "a known client sends a record")
    r = run([os.path.join(a.bin, "zcrawl"), "seed", "--curve", keys, "--producer", ep["feedback"],
             "http://127.0.0.1:9/seeded"])
    c.ok(r.returncode == 0, "zcrawl seed --curve reaches the producer (%s)" % r.stderr.strip())
    r = run([os.path.join(a.bin, "zcrawl"), "seed", "--producer", ep["feedback"],
             "http://127.0.0.1:9/rogue-plain-seed"])
    c.ok(r.returncode == 1 and "no producer took the seeds" in r.stderr,
         "zcrawl seed without --curve is refused and says so (exit %d)" % r.returncode)
    zctest.wait_for(lambda: "known-record" in (open(pages).read() if os.path.exists(pages)
                                               else ""), 10, "the known record written")
    zctest.wait_for(lambda: (producer_counters() or {}).get("urls_admitted_total", 0) >=
                    before.get("urls_admitted_total", 0) + 2, 10, "the known seeds admitted")
    time.sleep(1.5)
    admitted = (producer_counters() or {}).get("urls_admitted_total", 0)
    c.ok(admitted == before.get("urls_admitted_total", 0) + 2,
         "exactly the two known seeds were admitted (%s -> %s)"
         % (before.get("urls_admitted_total"), admitted))
    c.ok("rogue" not in open(pages).read(), "still no rogue record")
    c.ok(zctest.stop(prod) == 0 and zctest.stop(sink) == 0, "the stages stop cleanly")


def main():
    a = zctest.args()
    c = zctest.Checks("test_curve")
    d = zctest.tmpdir(a.keep)
    z = os.path.join(a.bin, "zcrawl")
    keys = os.path.join(d, "keys")
    check_keygen(c, z, keys)
    check_bad_dirs(c, a, z, keys, d)

    port = zctest.free_port()
    srv = zctest.start([sys.executable, os.path.join(os.path.dirname(__file__), "site_server.py"),
                        "--port", str(port), "--pages", str(PAGES),
                        "--log", os.path.join(d, "server.log")])
    zctest.wait_for(lambda: _up(port), 10, "the test server")
    check_run(c, a, z, keys, d, port)
    check_rogues(c, a, keys, d, port)
    zctest.stop(srv)
    c.done()


if __name__ == "__main__":
    main()
