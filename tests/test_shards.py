"""Producer shards (SPEC §10): `zcrawl run --producers 3` over 120 loopback hosts
(many_host_server.py, 8 pages per host, mixed robots.txt plan), twice:

1. a plain crawl: it ends by itself (every shard exits once the sink announces the end),
   every page is recorded exactly once, politeness holds per host (polite_check.py on the
   server's log), robots.txt is fetched once per host, and every host is owned by exactly
   one shard - the one the jump hash of its host key names (checked against a Python
   implementation of common/zc_shard.c), as the shards' logs show;
2. the same crawl with one shard SIGKILLed when about a third of the records are out:
   `zcrawl run` restarts it on its store and the result is the same - nothing lost, nothing
   recorded twice, politeness intact.
"""
import collections
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zctest  # noqa: E402
import polite_check  # noqa: E402
import site_checks  # noqa: E402
import many_host_server as mhs  # noqa: E402

SHARDS = 3
HOSTS = 120
PAGES = 8
DELAY_MS = 200
CRAWL_TIMEOUT_S = 120

def shard_pids(run_dir):
    """PIDs of the producer shards of one `zcrawl run` (by their --state under run_dir)."""
    pids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if not argv or not argv[0].endswith(b"zcrawl-producer"):
            continue
        for i, a in enumerate(argv[:-1]):
            if a == b"--state" and argv[i + 1].startswith(run_dir.encode() + b"/state-"):
                pids[int(argv[i + 1].rsplit(b"-", 1)[1])] = int(d)
    return pids


def watch_sink(c, name, http, run):
    """Mid-crawl, the sink's /stats lists every shard and /metrics has their gauges."""
    snap = {}

    def shards_seen():
        try:
            st, body = zctest.http_get(http, "/stats")
            snap["stats"] = json.loads(body) if st == 200 else {}
        except ValueError:
            return False
        sh = snap["stats"].get("shards", [])
        return len(sh) == SHARDS and all(x.get("alive") for x in sh)
    zctest.wait_for(lambda: shards_seen() or run.poll() is not None, 30, "the shards on /stats")
    sh = snap.get("stats", {}).get("shards", [])
    c.ok([x.get("shard") for x in sh] == list(range(SHARDS)) and all(x.get("alive") for x in sh),
         "%s: /stats lists every shard, alive (%s)" % (name, sh))
    c.ok(all("frontier_size" in x and "hosts" in x and "inflight" in x for x in sh),
         "%s: /stats shows each shard's frontier, hosts and in flight" % name)
    st, body = zctest.http_get(http, "/metrics")
    metrics = body.decode() if st == 200 else ""
    for g in ("frontier_size", "hosts", "inflight", "up"):
        c.ok(all('zcrawl_shard_%s{shard="%d"}' % (g, k) in metrics for k in range(SHARDS)),
             "%s: /metrics has zcrawl_shard_%s for every shard" % (name, g))


def crawl(c, a, d, port, name, kill_shard=None, http=None):
    """One crawl; returns (records, server requests, run log text, took)."""
    log = os.path.join(d, name + ".server.log")
    ready = os.path.join(d, name + ".ready")
    srv = zctest.start([sys.executable, os.path.join(os.path.dirname(__file__),
                                                     "many_host_server.py"),
                        "--port", str(port), "--hosts", str(HOSTS), "--pages", str(PAGES),
                        "--log", log, "--ready-file", ready],
                       log=os.path.join(d, name + ".server.out"))
    zctest.wait_for(lambda: os.path.exists(ready) or srv.poll() is not None, 20, "the server")
    if not c.ok(srv.poll() is None, "%s: the test server runs" % name):
        c.done()
    out = os.path.join(d, name + ".out")
    run_dir = os.path.join(d, name + ".run")
    seeds = os.path.join(d, name + ".seeds")
    with open(seeds, "w") as f:
        for i in range(HOSTS):
            f.write("http://%s:%d/p/0.html\n" % (mhs.host_addr(i), port))
    run_log = os.path.join(d, name + ".run.log")
    cmd = [os.path.join(a.bin, "zcrawl"), "run", "--out", out, "--run-dir", run_dir,
           "--producers", str(SHARDS), "--scope", "any", "--delay-ms", str(DELAY_MS),
           "--host-concurrency", "1", "--crawlers", "2", "--parsers", "2", "--allow-private",
           "--log-level", "info", "--seed-file", seeds,
           "--http", "127.0.0.1:%d" % http if http else "off"]
    t0 = time.time()
    run = zctest.start(cmd, log=run_log)
    if http:
        watch_sink(c, name, http, run)
    killed = None
    if kill_shard is not None:
        pages = os.path.join(out, "pages.jsonl")

        def third():
            try:
                with open(pages, "rb") as f:
                    return f.read().count(b"\n") >= HOSTS * PAGES // 3
            except OSError:
                return False
        zctest.wait_for(lambda: third() or run.poll() is not None, CRAWL_TIMEOUT_S,
                        "a third of the records")
        pids = shard_pids(run_dir)
        if c.ok(kill_shard in pids and run.poll() is None,
                "%s: shard %d is running mid-crawl (%s)" % (name, kill_shard, pids)):
            os.kill(pids[kill_shard], signal.SIGKILL)
            killed = pids[kill_shard]
            zctest.wait_for(lambda: shard_pids(run_dir).get(kill_shard) not in (None, killed),
                            30, "the shard's restart")
            c.ok(shard_pids(run_dir).get(kill_shard) not in (None, killed),
                 "%s: zcrawl run restarted shard %d" % (name, kill_shard))
    try:
        run.wait(CRAWL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    took = time.time() - t0
    rc = zctest.stop(run)
    c.ok(rc == 0, "%s: zcrawl run ends by itself within %d s and exits 0 (got %s after %.1f s)"
         % (name, CRAWL_TIMEOUT_S, rc, took))
    zctest.stop(srv)  # SIGTERM: the server flushes its log
    with open(run_log, errors="replace") as f:
        text = f.read()
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    return recs, polite_check.load(log), text, took


def check(c, name, port, recs, reqs, text, killed):
    # Every page once and right; politeness, robots.txt once and first per host.
    site_checks.check_records(c, recs, reqs, HOSTS, PAGES, port, name)
    bad = [r["url"] for r in recs if r["error"] not in (None, "robots")]
    c.ok(not bad, "%s: no record failed (%s)" % (name, bad[:3]))
    # A restarted shard re-fetches at most what it had in flight: a few pages.
    site_checks.check_server_log(c, reqs, HOSTS, DELAY_MS, name, 16 if killed else 0)
    addrs = [mhs.host_addr(i) for i in range(HOSTS)]

    # Ownership: each host's robots.txt answer was taken by exactly one shard, the one its
    # host key hashes to; every shard owned some hosts.
    owners = collections.defaultdict(set)
    for m in re.finditer(r"producer\[producer-(\d+)\] robots\.txt url=http://([0-9.]+):%d/"
                         % port, text):
        owners[m.group(2)].add(int(m.group(1)))
    two = {h: s for h, s in owners.items() if len(s) > 1}
    c.ok(not two, "%s: no host owned by two shards (%s)" % (name, list(two.items())[:3]))
    c.ok(sorted(owners) == sorted(addrs), "%s: every host owned by a shard (%d of %d)"
         % (name, len(set(owners) & set(addrs)), HOSTS))
    wrong = [h for h, s in owners.items()
             if s != {zctest.shard_of("http://%s:%d" % (h, port), SHARDS)}]
    c.ok(not wrong, "%s: each host owned by the shard its host key hashes to (%d not, e.g. %s)"
         % (name, len(wrong), [(h, owners[h]) for h in wrong[:3]]))
    per = collections.Counter(next(iter(s)) for s in owners.values())
    c.ok(len(per) == SHARDS, "%s: every shard owned hosts (%s)" % (name, dict(per)))
    ended = set(int(x) for x in re.findall(
        r"producer\[producer-(\d+)\] the sink announced the end of the crawl", text))
    c.ok(ended == set(range(SHARDS)), "%s: every shard ended on the sink's announcement (%s)"
         % (name, sorted(ended)))
    fwd = re.findall(r"forwards_unconfirmed=(\d+)", text)
    print("%s: %d records, %d requests, hosts per shard %s, shard starts %d"
          % (name, len(recs), len(reqs), dict(per), len(fwd)))


def main():
    a = zctest.args()
    c = zctest.Checks("test_shards")
    # The Python jump hash agrees with the C one on the self-test's fixed points.
    c.ok([zctest.jump(k, 1) for k in (0, 1, 2 ** 63)] == [0, 0, 0] and
         all(0 <= zctest.jump(k * 7919, 5) < 5 for k in range(1000)), "jump hash in range")
    d = zctest.tmpdir(a.keep)
    port = zctest.free_port(mhs.host_addr(0))

    recs, reqs, text, took = crawl(c, a, d, port, "plain", http=zctest.free_port())
    check(c, "plain", port, recs, reqs, text, False)
    print("plain: crawl took %.1f s" % took)

    port = zctest.free_port(mhs.host_addr(0))
    recs, reqs, text, took = crawl(c, a, d, port, "kill", kill_shard=1)
    check(c, "kill", port, recs, reqs, text, True)
    c.ok(re.search(r"producer\[producer-1\] frontier resumed", text) is not None,
         "kill: the restarted shard resumed its store")
    print("kill: crawl took %.1f s" % took)
    c.done()


if __name__ == "__main__":
    main()
