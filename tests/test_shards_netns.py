"""Producer shards across machines: the crawl of test_politeness.py (120 hosts of
many_host_server.py, 8 pages each, mixed robots.txt plan, --delay-ms 200 --host-concurrency 1)
with three producer shards, where every stage runs in its own network namespace with its own
address, so every ZeroMQ message and every fetch crosses a veth link and a bridge.

Topology (needs root and iproute2; the names carry this test's PID, so runs do not clash, and
the root namespace is left alone): a "switch" namespace holding a bridge, and one veth pair
from it to each of the namespaces
    web     10.213.0.1   many_host_server.py, its hosts on 10.213.X.Y (/32 on the same eth0)
    sink    10.213.0.2   zcrawl-sink and zcrawl-broker
    shardK  10.213.0.1K  zcrawl-producer --shard K/3 (K = 0, 1, 2)
    crawl   10.213.0.20  two zcrawl-crawler
    parse   10.213.0.30  two zcrawl-parser
The stages are started by hand (not `zcrawl run`), wired to each other's addresses.

Checks: every shard exits 0 by itself once the sink announces the end; every page of every
host is recorded exactly once and right (disallowed URLs with error "robots", never
requested); the server's log shows every host polite (polite_check) with robots.txt requested
once and first; every host is owned by exactly one shard (its `robots.txt url=` log line),
each shard owns some; the sink's stats list every worker and shard, no link was misrouted;
and the connections really went between the namespaces (ss in each namespace, veth counters).
If network namespaces cannot be made (not root, no iproute2), the test fails; it does not skip.
"""
import atexit
import collections
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import many_host_server as mhs  # noqa: E402
import polite_check  # noqa: E402
import site_checks  # noqa: E402
import test_politeness as tp  # noqa: E402  (its HOSTS, PAGES, DELAY_MS, LATENCY_MS)
import zctest  # noqa: E402

HOSTS, PAGES, DELAY_MS, LATENCY_MS = tp.HOSTS, tp.PAGES, tp.DELAY_MS, tp.LATENCY_MS
SHARDS = 3
ADDR_BASE = "10.213"               # the site hosts are 10.213.X.Y, X >= 1
NET = ADDR_BASE + ".0"             # the namespaces are 10.213.0.N/24
NODES = collections.OrderedDict([("web", 1), ("sink", 2), ("shard0", 10), ("shard1", 11),
                                 ("shard2", 12), ("crawl", 20), ("parse", 30)])
WEB_PORT = 8080
P_TASKS, P_FEEDBACK = 5551, 5554
P_FETCH_IN, P_FETCH_OUT = 5552, 5553
P_RECORDS, P_STATS, P_CONTROL = 5555, 5556, 5557
PORTS = {P_TASKS, P_FEEDBACK, P_FETCH_IN, P_FETCH_OUT, P_RECORDS, P_STATS, P_CONTROL}
SETUP_TIMEOUT_S = 20
CRAWL_TIMEOUT_S = 70     # the crawl takes ~15-20 s; every shard must have exited by then
SAMPLE_EVERY_S = 1.0     # how often the namespaces' connections are listed during the crawl
MIN_LINK_BYTES = 10000   # each namespace's veth carried at least this much each way


def addr(node):
    return "%s.%d" % (NET, NODES[node])


def tcp(node, port):
    return "tcp://%s:%d" % (addr(node), port)


class Netns:
    """The namespaces of one run: created by setup, deleted by name by teardown."""

    def __init__(self):
        prefix = "zcn%d" % os.getpid()
        self.switch = prefix + "-sw"
        self.ns = {n: "%s-%s" % (prefix, n) for n in NODES}
        self.made = []

    def ip(self, *args, stdin=None):
        p = subprocess.run(["ip"] + list(args), input=stdin, capture_output=True, text=True,
                           timeout=SETUP_TIMEOUT_S)
        if p.returncode != 0:
            raise RuntimeError("ip %s: %s" % (" ".join(args), p.stderr.strip()))
        return p.stdout

    def add(self, name):
        if os.path.exists("/run/netns/" + name):   # left over by a dead run with our PID
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)
        self.ip("netns", "add", name)
        self.made.append(name)
        self.ip("-n", name, "link", "set", "lo", "up")

    def setup(self):
        sw = self.switch
        self.add(sw)
        self.ip("-n", sw, "link", "add", "br0", "type", "bridge")
        self.ip("-n", sw, "link", "set", "br0", "up")
        for node, n in NODES.items():
            ns = self.ns[node]
            self.add(ns)
            port = "v-" + node
            self.ip("-n", sw, "link", "add", port, "type", "veth", "peer", "name", "eth0",
                    "netns", ns)
            self.ip("-n", sw, "link", "set", port, "master", "br0")
            self.ip("-n", sw, "link", "set", port, "up")
            self.ip("-n", ns, "addr", "add", "%s/24" % addr(node), "dev", "eth0")
            self.ip("-n", ns, "link", "set", "eth0", "up")
            if node != "web":   # the site hosts live in the web namespace
                self.ip("-n", ns, "route", "add", ADDR_BASE + ".0.0/16", "via", addr("web"))
        self.ip("-n", self.ns["web"], "-batch", "-",
                stdin="".join("addr add %s/32 dev eth0\n" % mhs.host_addr(i)
                              for i in range(HOSTS)))

    def teardown(self):
        for name in reversed(self.made):
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)
        self.made = []

    def cmd(self, node, argv):
        return ["ip", "netns", "exec", self.ns[node]] + argv

    def run(self, node, argv, timeout=10):
        return subprocess.run(self.cmd(node, argv), capture_output=True, text=True,
                              timeout=timeout)

    def sockets(self, node, listening=False):
        """(local port, peer address) of the TCP connections (or listening sockets) in node."""
        p = self.run(node, ["ss", "-Htn"] + (["-l"] if listening else ["state", "established"]))
        out = set()
        for line in p.stdout.splitlines():
            f = line.split()
            # established: Recv-Q Send-Q Local Peer; listening: State Recv-Q Send-Q Local Peer
            if len(f) < 4:
                continue
            local, peer = f[-2], f[-1]
            out.add((int(local.rsplit(":", 1)[1]), peer.rsplit(":", 1)[0]))
        return out

    def link_bytes(self, node):
        js = json.loads(self.ip("-n", self.ns[node], "-j", "-s", "link", "show", "eth0"))
        s = js[0]["stats64"]
        return s["rx"]["bytes"], s["tx"]["bytes"]


ROBOTS_LINE = re.compile(r" robots\.txt url=http://([0-9.]+):(\d+)/robots\.txt status=")


def check_owners(c, shard_logs):
    """Each host's robots.txt line is in exactly one shard's log, and every shard has some."""
    owners = collections.defaultdict(list)
    per_shard = []
    for k, path in enumerate(shard_logs):
        with open(path, errors="replace") as f:
            hosts = [m.group(1) for m in map(ROBOTS_LINE.search, f) if m]
        per_shard.append(len(hosts))
        for h in hosts:
            owners[h].append(k)
    addrs = [mhs.host_addr(i) for i in range(HOSTS)]
    c.ok(sorted(owners) == sorted(addrs), "the shards' robots.txt lines name every host and "
         "only they (%d of %d)" % (len(set(owners) & set(addrs)), HOSTS))
    shared = {h: ks for h, ks in owners.items() if len(ks) != 1}
    c.ok(not shared, "every host is owned by exactly one shard (%d not, e.g. %s)"
         % (len(shared), list(shared.items())[:3]))
    c.ok(all(n > 0 for n in per_shard), "every shard owns some hosts (%s)" % per_shard)
    print("hosts per shard: %s" % per_shard)


def expected_links():
    """(namespace, local port, peer namespace) of the connections the wiring makes."""
    shards = ["shard%d" % k for k in range(SHARDS)]
    out = set()
    for s in shards:
        out |= {("sink", P_RECORDS, s), ("sink", P_STATS, s), ("sink", P_CONTROL, s),
                (s, P_TASKS, "crawl"), (s, P_FEEDBACK, "parse")}
        out |= {(s, P_FEEDBACK, o) for o in shards if o != s}
    out |= {("sink", P_STATS, "crawl"), ("sink", P_STATS, "parse"),
            ("sink", P_FETCH_IN, "crawl"), ("sink", P_FETCH_OUT, "parse")}
    return out


def main():
    a = zctest.args()
    c = zctest.Checks("test_shards_netns")
    mhs.set_addr_base(ADDR_BASE)
    d = zctest.tmpdir(a.keep)
    net = Netns()
    atexit.register(net.teardown)   # runs before zctest's own cleanup (atexit is LIFO)
    # A SIGTERM (ctest's timeout) unwinds through the finally below, which deletes the namespaces.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    procs = []

    def start(node, name, argv):
        p = zctest.start(net.cmd(node, argv), log=os.path.join(d, name + ".out"))
        procs.append(p)
        return p

    try:
        t_setup = time.time()
        err = None
        if os.geteuid() != 0:
            err = "not root (euid %d)" % os.geteuid()
        else:
            try:
                net.setup()
            except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
                err = str(e)
        if not c.ok(err is None, "network namespaces, veths and a bridge can be set up (this "
                    "test needs root and iproute2 `ip netns`): %s" % err):
            c.done()
        print("namespaces set up in %.1f s: %s" % (time.time() - t_setup,
                                                   " ".join([net.switch] + list(net.ns.values()))))
        run_main(c, a, d, net, start)
    finally:
        for p in procs:
            zctest.stop(p, timeout=10)
        net.teardown()
    c.done()


def run_main(c, a, d, net, start):
    def b(name):
        return os.path.join(a.bin, "zcrawl-" + name)

    # ---- the web server, reachable from the crawl namespace only over the network
    log = os.path.join(d, "server.log")
    ready = os.path.join(d, "server.ready")
    srv = start("web", "server", [
        sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     "many_host_server.py"),
        "--port", str(WEB_PORT), "--hosts", str(HOSTS), "--pages", str(PAGES),
        "--latency-ms", str(LATENCY_MS), "--log", log, "--ready-file", ready,
        "--addr-base", ADDR_BASE])
    zctest.wait_for(lambda: os.path.exists(ready) or srv.poll() is not None, SETUP_TIMEOUT_S,
                    "the server")
    if not c.ok(srv.poll() is None, "the test server runs in the web namespace"):
        return
    # A bare connect (no request, so nothing in the server's log) from the crawl namespace.
    probe = ("import socket,sys\nfor h in sys.argv[1:]:\n"
             "    socket.create_connection((h, %d), 5).close()\n" % WEB_PORT)
    p = net.run("crawl", [sys.executable, "-c", probe, mhs.host_addr(0),
                          mhs.host_addr(HOSTS - 1)], timeout=15)
    if not c.ok(p.returncode == 0, "the crawl namespace reaches the site hosts over the bridge "
                "(%s)" % p.stderr.strip()[-300:]):
        return

    # ---- the pipeline, by hand
    out = os.path.join(d, "out")
    seeds = os.path.join(d, "seeds.txt")
    with open(seeds, "w") as f:
        for i in range(HOSTS):
            f.write("http://%s:%d/p/0.html\n" % (mhs.host_addr(i), WEB_PORT))
    stats = ["--stats", tcp("sink", P_STATS)]
    sink = start("sink", "sink", [
        b("sink"), "--worker", "sink", "--records", "tcp://*:%d" % P_RECORDS,
        "--stats-in", "tcp://*:%d" % P_STATS, "--control", "tcp://*:%d" % P_CONTROL,
        "--out", out, "--http", "off", "--log-level", "info"])
    broker = start("sink", "broker", [
        b("broker"), "--worker", "broker", "--pull", "tcp://*:%d" % P_FETCH_IN,
        "--push", "tcp://*:%d" % P_FETCH_OUT, "--log-level", "warn"] + stats)
    peers = []
    for k in range(SHARDS):
        peers += ["--peer", tcp("shard%d" % k, P_FEEDBACK)]
    t0 = time.time()
    shards = []
    for k in range(SHARDS):
        shards.append(start("shard%d" % k, "shard%d" % k, [
            b("producer"), "--worker", "shard-%d" % k, "--shard", "%d/%d" % (k, SHARDS),
            "--tasks", "tcp://*:%d" % P_TASKS, "--feedback", "tcp://*:%d" % P_FEEDBACK]
            + peers + [
            "--control", tcp("sink", P_CONTROL), "--sink", tcp("sink", P_RECORDS),
            "--state", os.path.join(d, "state-%d" % k), "--scope", "any",
            "--delay-ms", str(DELAY_MS), "--host-concurrency", "1", "--seed-file", seeds,
            "--log-level", "info"] + stats))
    workers = [broker]
    for j in range(2):
        argv = [b("crawler"), "--worker", "crawler-%d" % j, "--broker", tcp("sink", P_FETCH_IN),
                "--allow-private", "--log-level", "warn"] + stats
        for k in range(SHARDS):
            argv += ["--producer", tcp("shard%d" % k, P_TASKS)]
        workers.append(start("crawl", "crawler-%d" % j, argv))
    for j in range(2):
        argv = [b("parser"), "--worker", "parser-%d" % j, "--broker", tcp("sink", P_FETCH_OUT),
                "--log-level", "warn"] + stats
        for k in range(SHARDS):
            argv += ["--producer", tcp("shard%d" % k, P_FEEDBACK)]
        workers.append(start("parse", "parser-%d" % j, argv))

    # ---- wait for every shard to exit, listing the namespaces' connections meanwhile
    seen = set()          # (namespace, local port, peer namespace)
    listening = collections.defaultdict(set)   # namespace -> pipeline ports listening there
    by_addr = {addr(n): n for n in NODES}
    deadline = t0 + CRAWL_TIMEOUT_S
    exited = {}
    next_sample = 0
    while time.time() < deadline and len(exited) < SHARDS:
        for k, p in enumerate(shards):
            if k not in exited and p.poll() is not None:
                exited[k] = (p.returncode, time.time() - t0)
        if time.time() >= next_sample:
            next_sample = time.time() + SAMPLE_EVERY_S
            for node in ["sink"] + ["shard%d" % k for k in range(SHARDS)]:
                for port, peer in net.sockets(node):
                    if port in PORTS:   # the accepting side of a connection
                        seen.add((node, port, by_addr.get(peer, peer)))
                listening[node] |= {port for port, _ in net.sockets(node, True)} & PORTS
        time.sleep(0.05)
    took = max((t for _, t in exited.values()), default=time.time() - t0)
    for k, p in enumerate(shards):
        rc, t = exited.get(k, (None, None))
        c.ok(rc == 0, "shard %d exits 0 by itself within %d s (got %s after %s s)"
             % (k, CRAWL_TIMEOUT_S, rc, None if t is None else round(t, 1)))
        with open(os.path.join(d, "shard%d.out" % k), errors="replace") as f:
            text = f.read()
        c.ok("the sink announced the end of the crawl" in text and
             ("shard %d of %d" % (k, SHARDS)) in text,
             "shard %d logs its shard and the sink's end of the crawl" % k)
    counters = {n: net.link_bytes(n) for n in NODES}
    for node in ("web", "crawl", "parse"):
        listening[node] |= {port for port, _ in net.sockets(node, True)} & PORTS

    # ---- stop the rest; each stage exits 0
    for p, name in zip(workers, ["broker", "crawler-0", "crawler-1", "parser-0", "parser-1"]):
        rc = zctest.stop(p)
        c.ok(rc == 0, "%s exits 0 on SIGTERM (got %s)" % (name, rc))
    rc = zctest.stop(sink)
    c.ok(rc == 0, "the sink exits 0 on SIGTERM (got %s)" % rc)
    zctest.stop(srv)   # SIGTERM: the server flushes its log

    # ---- across the network
    missing = sorted(expected_links() - seen)
    c.ok(not missing, "every wiring connection went between the namespaces (%d missing, e.g. "
         "%s; seen %d)" % (len(missing), missing[:4], len(seen)))
    local = sorted(x for x in seen if x[0] == x[2] and x[1] != P_STATS)
    c.ok(not local, "no stage reached another inside its own namespace (%s)" % local[:3])
    want = {"sink": {P_RECORDS, P_STATS, P_CONTROL, P_FETCH_IN, P_FETCH_OUT}}
    want.update({"shard%d" % k: {P_TASKS, P_FEEDBACK} for k in range(SHARDS)})
    want.update({n: set() for n in ("web", "crawl", "parse")})
    c.ok(all(listening[n] == want[n] for n in want),
         "each namespace listens on its own stage's ports and no other (%s)"
         % {n: sorted(v) for n, v in listening.items()})
    small = {n: v for n, v in counters.items() if min(v) < MIN_LINK_BYTES}
    c.ok(not small, "every namespace's veth carried traffic both ways (rx, tx bytes: %s)"
         % counters)

    # ---- the sink's view
    st = zctest.read_json(os.path.join(out, "stats.json")) or {}
    names = {(w.get("stage"), w.get("worker")) for w in st.get("workers", [])}
    want_w = {("producer", "shard-%d" % k) for k in range(SHARDS)} | {("broker", "broker")}
    want_w |= {("crawler", "crawler-%d" % j) for j in range(2)}
    want_w |= {("parser", "parser-%d" % j) for j in range(2)}
    c.ok(want_w <= names, "the sink's stats.json lists every worker (missing %s)"
         % sorted(want_w - names))
    sh = st.get("shards") or []
    c.ok([x.get("worker") for x in sh] == ["shard-%d" % k for k in range(SHARDS)],
         "stats.json has the three shards in order (%s)" % [x.get("worker") for x in sh])
    tot = st.get("totals", {})
    c.ok(st.get("complete") is True and st.get("records_written") == st.get("records_expected"),
         "stats.json: complete, records written = expected (%s, %s of %s)"
         % (st.get("complete"), st.get("records_written"), st.get("records_expected")))
    c.ok(tot.get("links_forwarded_total", 0) > 0 and tot.get("forwards_received_total", 0) > 0,
         "links went from shard to shard (forwarded %s, forwards received %s)"
         % (tot.get("links_forwarded_total"), tot.get("forwards_received_total")))
    c.ok(tot.get("links_misrouted_total") == 0, "no link reached a shard that does not own it "
         "(links_misrouted_total %s)" % tot.get("links_misrouted_total"))

    # ---- ownership, the server's log, the records
    check_owners(c, [os.path.join(d, "shard%d.out" % k) for k in range(SHARDS)])
    reqs = polite_check.load(log)
    site_checks.check_server_log(c, reqs, HOSTS, DELAY_MS)
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    site_checks.check_records(c, recs, reqs, HOSTS, PAGES, WEB_PORT)
    c.ok(st.get("records_written") == len(recs),
         "stats.json counts the lines of pages.jsonl (%s, %d)" % (st.get("records_written"),
                                                                 len(recs)))
    print("crawled %d records from %d requests to %d hosts; the shards ran %.1f s"
          % (len(recs), len(reqs), HOSTS, took))


if __name__ == "__main__":
    main()
