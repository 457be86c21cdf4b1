"""Bad input on every bound socket: garbage, truncated, wrong-version and
multipart messages sent to the producer's feedback socket, the broker's PULL
socket and the sink's records and stats sockets are dropped and counted, and
each stage goes on working (a valid message sent afterwards is handled)."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zctest  # noqa: E402

BAD = ["garbage", "truncated", "version", "multipart"]


def main():
    a = zctest.args()
    c = zctest.Checks("test_badmsg")
    d = zctest.tmpdir(a.keep)
    b = lambda name: os.path.join(a.bin, name)  # noqa: E731
    ep = {k: "tcp://127.0.0.1:%d" % zctest.free_port()
          for k in ["records", "stats", "tasks", "feedback", "bin", "bout"]}
    out = os.path.join(d, "out")
    logs = os.path.join(d, "stages.log")
    sink = zctest.start([b("zcrawl-sink"), "--records", ep["records"], "--stats-in", ep["stats"],
                         "--out", out, "--worker", "sink", "--http", "off"], log=logs)
    prod = zctest.start([b("zcrawl-producer"), "--tasks", ep["tasks"], "--feedback", ep["feedback"],
                         "--sink", ep["records"], "--stats", ep["stats"], "--keep-running",
                         "--delay-ms", "0", "--worker", "producer"], log=logs)
    brk = zctest.start([b("zcrawl-broker"), "--pull", ep["bin"], "--push", ep["bout"],
                        "--stats", ep["stats"], "--worker", "broker"], log=logs)
    time.sleep(0.5)

    def probe(*args):
        return zctest.start([b("zc_probe")] + list(args)).wait(20)

    for target in ["feedback", "bin", "records", "stats"]:
        for kind in BAD:
            c.ok(probe("send", ep[target], kind) == 0, "sent %s to %s" % (kind, target))

    # Each stage still works.
    url = "http://127.0.0.1:9/after-garbage"
    probe("send", ep["feedback"], "seed", url)
    import subprocess
    got = subprocess.run([b("zc_probe"), "recv", ep["tasks"], "task", "10000"],
                         capture_output=True, text=True, timeout=30)
    # A new host's first task is its robots.txt: the seed was admitted.
    c.ok(got.returncode == 0 and "url=http://127.0.0.1:9/robots.txt" in got.stdout,
         "producer dispatches a seed's host after bad messages (%r)" % got.stdout)
    recv = subprocess.Popen([b("zc_probe"), "recv", ep["bout"], "fetch", "10000"],
                            stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)
    probe("send", ep["bin"], "fetch", "http://127.0.0.1:9/relayed")
    o, _ = recv.communicate(timeout=30)
    c.ok(recv.returncode == 0 and "relayed" in o, "broker relays a fetch after bad messages")
    probe("send", ep["records"], "record", "http://127.0.0.1:9/recorded")
    probe("send", ep["stats"], "stats", "probe-worker")

    def counts():
        s = zctest.read_json(os.path.join(out, "stats.json"))
        if not s:
            return None
        w = {x["worker"]: x for x in s.get("workers", [])}
        if not all(k in w for k in ("producer", "broker", "probe-worker")):
            return None
        bad = lambda k: w[k]["counters"].get("bad_messages_total", 0)  # noqa: E731
        res = (bad("producer"), bad("broker"), s["totals"].get("bad_messages_total", 0))
        return res if res[0] >= len(BAD) and res[1] >= len(BAD) else None

    try:
        got_counts = zctest.wait_for(counts, 15, "stats with bad message counts")
    except AssertionError:
        got_counts = None
    c.ok(got_counts is not None, "stats.json reports the bad messages of each stage")
    if got_counts:
        p, br, total = got_counts
        c.ok(p == len(BAD), "producer counted %d bad messages (want %d)" % (p, len(BAD)))
        c.ok(br == len(BAD), "broker counted %d bad messages (want %d)" % (br, len(BAD)))
        c.ok(total == 4 * len(BAD), "pipeline total is %d (want %d)" % (total, 4 * len(BAD)))
    lines = open(os.path.join(out, "pages.jsonl")).read() if os.path.exists(
        os.path.join(out, "pages.jsonl")) else ""
    c.ok("http://127.0.0.1:9/recorded" in lines, "sink writes a record after bad messages")
    for name, p in [("producer", prod), ("broker", brk), ("sink", sink)]:
        c.ok(p.poll() is None, "%s still running" % name)
    for name, p in [("producer", prod), ("broker", brk), ("sink", sink)]:
        c.ok(zctest.stop(p) == 0, "%s exits 0 on SIGTERM" % name)
    c.done()


if __name__ == "__main__":
    main()
