"""`zcrawl run` as a supervisor: a crawler and a parser killed with SIGKILL
mid-crawl are restarted and the crawl still completes with every page once;
SIGINT stops every stage process cleanly; on a terminal a progress line is
shown and the stages log to OUT/zcrawl.log."""
import collections
import os
import pty
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_server  # noqa: E402
import zctest  # noqa: E402

PAGES = 400


def children(pid):
    """PIDs whose parent is pid."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    st = f.read()
            except OSError:
                continue
            if int(st.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(d))
    return out


def worker_pid(parent, name):
    for k in children(parent):
        try:
            with open("/proc/%d/cmdline" % k, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if name.encode() in argv:
            return k
    return None


def lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except OSError:
        return 0


def serve(d, c):
    port = zctest.free_port()
    log = os.path.join(d, "server-%d.log" % port)
    zctest.start([sys.executable, os.path.join(os.path.dirname(__file__), "site_server.py"),
                  "--port", str(port), "--pages", str(PAGES), "--log", log])
    zctest.wait_for(lambda: os.path.exists(log) and _up(port), 10, "the test server")
    return port


def _up(port):
    import urllib.request
    try:
        urllib.request.urlopen("http://127.0.0.1:%d/robots.txt" % port, timeout=1)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def crawl_cmd(a, port, out, extra):
    return [os.path.join(a.bin, "zcrawl"), "run", "--seed", "http://127.0.0.1:%d/" % port,
            "--out", out, "--allow-private", "--host-concurrency", "4", "--http", "off"] + extra


def test_restart(a, d, c):
    port = serve(d, c)
    out = os.path.join(d, "restart")
    log = os.path.join(d, "restart.log")
    run = zctest.start(crawl_cmd(a, port, out, ["--delay-ms", "5", "--lease-ms", "1500",
                                                 "--crawlers", "2", "--parsers", "2"]), log=log)
    zctest.wait_for(lambda: lines(os.path.join(out, "pages.jsonl")) > 50, 60, "the crawl to start")
    killed = []
    for name in ["crawler-1", "parser-1"]:
        pid = worker_pid(run.pid, name)
        if c.ok(pid is not None, "found %s" % name):
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        time.sleep(0.3)
    try:
        run.wait(120)
    except subprocess.TimeoutExpired:
        pass
    c.ok(zctest.stop(run) == 0, "the crawl completes after stages were killed")
    text = open(log, errors="replace").read()
    c.ok(text.count("restarting") >= 2, "run logs restarting both stages")
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    urls = collections.Counter(r["url"] for r in recs)
    exp = site_server.expected_records(port, PAGES)
    c.ok(set(urls) == set(exp), "every URL recorded despite the kills (%d of %d)"
         % (len(set(urls) & set(exp)), len(exp)))
    c.ok(max(urls.values()) == 1, "no URL recorded twice")


def test_sigint(a, d, c):
    port = serve(d, c)
    out = os.path.join(d, "sigint")
    run = zctest.start(crawl_cmd(a, port, out, ["--delay-ms", "50"]),
                       log=os.path.join(d, "sigint.log"))
    zctest.wait_for(lambda: lines(os.path.join(out, "pages.jsonl")) > 5, 60, "records")
    kids = children(run.pid)
    c.ok(len(kids) == 5, "five stage processes (got %d)" % len(kids))
    t0 = time.time()
    os.kill(run.pid, signal.SIGINT)
    try:
        rc = run.wait(60)
    except subprocess.TimeoutExpired:
        rc = None
    c.ok(rc == 1, "run exits 1 after SIGINT before completion (got %s)" % rc)
    c.ok(time.time() - t0 < 30, "the stop took %.1f s" % (time.time() - t0))
    alive = [k for k in kids if os.path.exists("/proc/%d" % k) and
             open("/proc/%d/stat" % k).read().rsplit(")", 1)[1].split()[0] != "Z"]
    c.ok(not alive, "no stage process left (%s)" % alive)
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))  # raises on a torn line
    c.ok(len(recs) == len({r["url"] for r in recs}), "records written so far are unique")


def test_tty(a, d, c):
    port = serve(d, c)
    out = os.path.join(d, "tty")
    master, slave = pty.openpty()
    p = subprocess.Popen(crawl_cmd(a, port, out, ["--delay-ms", "0"]), stdin=slave,
                         stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    buf = b""
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    try:
        rc = p.wait(30)
    except subprocess.TimeoutExpired:
        rc = zctest.stop(p)
    os.close(master)
    text = buf.decode(errors="replace")
    c.ok(rc == 0, "run on a terminal completes (got %s)" % rc)
    c.ok("pages/s" in text and "frontier" in text, "a progress line is shown")
    c.ok("%d pages" % len(zctest.read_jsonl(os.path.join(out, "pages.jsonl"))) in text,
         "the last progress line shows the final count")
    stage_lines = [w for w in ("producer[", "crawler-1]", "parser-1]", "broker[", "sink[")
                   if w in text]
    c.ok(not stage_lines, "stage logs stay off the terminal (%s)" % stage_lines)
    c.ok(os.path.getsize(os.path.join(out, "zcrawl.log")) > 0, "stage logs go to OUT/zcrawl.log")


def main():
    a = zctest.args()
    c = zctest.Checks("test_run")
    d = zctest.tmpdir(a.keep)
    test_restart(a, d, c)
    test_sigint(a, d, c)
    test_tty(a, d, c)
    c.done()


if __name__ == "__main__":
    main()
