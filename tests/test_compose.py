"""it.test_compose: zcrawl's compose stack on the Docker engine, with chaos and rogues.

Builds the base image from Debian's archive (scripts/docker-base.sh), zcrawl's image
from deploy/Dockerfile on it, and a small image serving tests/compose_site.py (images
are reused while their inputs are unchanged). Then, in a project of its own:

- deploy/docker-compose.yml with `--scale crawler=3 --scale parser=2` crawls a site of
  8 hosts (network aliases of one container on the stack's network), every stage with
  CURVE keys made by the one-shot `keys` service;
- chaos during the crawl: a crawler, a parser, the broker and the producer crash
  (`docker kill --signal SIGUSR1`: a signal the stages do not handle kills them at once,
  as a crash would, and the restart policy brings them back; the default `docker kill`
  SIGKILL counts as a manual stop for the engine, which then does not restart the
  container: another crawler gets that one and stays down); a crawler is disconnected
  from the network for 20 s and reconnected; a parser is frozen (SIGSTOP) until the
  image's healthcheck calls it stuck;
- a rogue container on the same network, without keys and with a key pair of its own,
  pushes a seed, a task, a fetch, a record and a heartbeat and pulls tasks and fetches;
- afterwards: every page exactly once in the out volume's pages.jsonl, nothing of the
  rogue anywhere, the refusals in the stages' logs and counters, the dashboard on the
  published 127.0.0.1 port, every stage healthy, bad flags and bad environment values
  stop a container with exit 2 and a clear message, `stop` drains every stage to exit 0.

The stack and everything started beside it are removed on every exit path (`down -v`).
Skips (exit 0, a "skipped" line) only when docker is not usable.
"""
import argparse
import json
import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compose_lib as cl  # noqa: E402
import compose_site  # noqa: E402
import compose_static  # noqa: E402
import zctest  # noqa: E402

HOSTS, PAGES = 8, 480          # 488 records: each host's / and 60 pages
SITE_DELAY_MS = 50             # every answer of the site waits this long
DELAY_MS = 1000                # politeness: one request a second per host, so ~65 s of crawl
CRAWL_TIMEOUT_S = 300
CHAOS = [  # seconds after `up`, action, argument
    (4, "rogue", None),
    (8, "crash", ("crawler", 0)),
    (12, "crash", ("parser", 0)),
    (16, "crash", ("broker", 0)),
    (20, "disconnect", ("crawler", 1)),
    (22, "freeze", ("parser", 1)),
    (28, "health-stuck", ("parser", 1)),
    (31, "thaw", ("parser", 1)),
    (34, "crash", ("producer", 0)),
    (40, "reconnect", ("crawler", 1)),
    (44, "health-ok", ("parser", 1)),
    (48, "docker-kill", ("crawler", 2)),
]
ROGUE_URL = "http://site0:%d/rogue" % cl.SITE_PORT


def signal_stage(sig):
    """A shell command run in a container: sends sig to its zcrawl stage process."""
    return ["sh", "-c", "for d in /proc/[0-9]*; do read -r c < $d/comm 2>/dev/null || continue; "
            "case $c in zcrawl-*) kill -%s ${d#/proc/} && echo ${d#/proc/};; esac; done" % sig]


def rogue_script(probes):
    """sh script running the probes, printing `RESULT name exit output` for each: those
    without keys in parallel, then those with a key pair of their own (the stages log at
    most one refusal line a second per socket, so each kind gets lines of its own)."""
    lines = ["cd /tmp"]
    for group in ("nokey", "badkey"):
        for i, (name, args) in enumerate(probes):
            if name.startswith(group):
                lines.append("( zc_probe %s >o%d 2>&1; echo \"RESULT %s $? $(tr '\\n' ' ' < o%d)\""
                             " ) &" % (" ".join(args), i, name, i))
        lines.append("wait")
    return "\n".join(lines)


def rogue_probes():
    seed, task = ROGUE_URL + "-seed.html", ROGUE_URL + "-task.html"
    fetch, record = ROGUE_URL + "-fetch.html", ROGUE_URL + "-record.html"
    w = ["--wait-ms", "6000"]
    return [
        ("nokey-seed", w + ["send", "tcp://producer:5554", "seed", seed]),
        ("nokey-task", w + ["send", "tcp://producer:5554", "task", task]),
        ("nokey-fetch", w + ["send", "tcp://broker:5552", "fetch", fetch]),
        ("nokey-record", w + ["send", "tcp://sink:5555", "record", record]),
        ("nokey-stats", w + ["send", "tcp://sink:5556", "stats", "rogue-worker"]),
        ("nokey-pull-tasks", ["recv", "tcp://producer:5551", "task", "7000"]),
        ("nokey-pull-fetches", ["recv", "tcp://broker:5553", "fetch", "7000"]),
        ("badkey-seed", ["--curve-rogue", "/pub", "--peer", "producer"] + w +
         ["send", "tcp://producer:5554", "seed", seed + "-badkey"]),
        ("badkey-record", ["--curve-rogue", "/pub", "--peer", "sink"] + w +
         ["send", "tcp://sink:5555", "record", record + "-badkey"]),
        ("badkey-pull-tasks", ["--curve-rogue", "/pub", "--peer", "producer",
                               "recv", "tcp://producer:5551", "task", "7000"]),
    ]


class Run:
    def __init__(self, c, stack, probe_image, port, tmp):
        self.c, self.s, self.probe_image, self.port, self.tmp = c, stack, probe_image, port, tmp
        self.restarts = {}     # container -> RestartCount before its crash
        self.healthy = set()   # containers seen healthy
        self.rogue = None
        self.rogue_ip = None
        self.killed = None     # the container stopped with a plain docker kill
        self.partitioned, self.ips, self.fetches_at_reconnect = None, [], None
        self.t_up = None

    def container(self, service, i):
        names = self.s.containers(service)
        return names[i] if i < len(names) else None

    # --- chaos -------------------------------------------------------------------------
    def act(self, what, arg):
        c, s = self.c, self.s
        if what == "rogue":
            return self.start_rogue()
        name = self.container(*arg)
        if not c.ok(name is not None, "%s: %s %d exists" % (what, arg[0], arg[1])):
            return
        cl.log("chaos: %s %s" % (what, name))
        if what == "crash":
            self.restarts[name] = s.state(name)["RestartCount"]
            r = cl.run(["docker", "kill", "--signal", "SIGUSR1", name])
            c.ok(r.returncode == 0, "docker kill --signal SIGUSR1 %s (%s)" % (name, r.stderr))
        elif what == "docker-kill":
            r = cl.run(["docker", "kill", name])
            c.ok(r.returncode == 0, "docker kill %s (%s)" % (name, r.stderr))
            self.killed = name
        elif what == "disconnect":
            self.partitioned, self.ips = name, [self.ip(name)]
            r = cl.run(["docker", "network", "disconnect", s.network, name])
            c.ok(r.returncode == 0, "network disconnect %s (%s)" % (name, r.stderr))
        elif what == "reconnect":
            r = cl.run(["docker", "network", "connect", s.network, name])
            c.ok(r.returncode == 0, "network connect %s (%s)" % (name, r.stderr))
            self.ips.append(self.ip(name))
            self.fetches_at_reconnect = self.fetches_of(name)
            cl.log("%s back on the network: address %s, was %s; fetches so far %s"
                   % (name, self.ips[1], self.ips[0], self.fetches_at_reconnect))
        elif what == "freeze":
            r = cl.run(["docker", "exec", name] + signal_stage("STOP"))
            c.ok(r.returncode == 0 and r.stdout.strip(), "SIGSTOP the stage of %s" % name)
        elif what == "thaw":
            r = cl.run(["docker", "exec", name] + signal_stage("CONT"))
            c.ok(r.returncode == 0 and r.stdout.strip(), "SIGCONT the stage of %s" % name)
        elif what == "health-stuck":
            r = cl.run(["docker", "exec", "-e", "ZCRAWL_HEALTH_MAX_AGE=3", name,
                        "zcrawl-healthcheck"])
            c.ok(r.returncode == 1 and "stuck" in r.stdout,
                 "the healthcheck calls a frozen parser stuck (exit %d: %s)"
                 % (r.returncode, r.stdout.strip()))
        elif what == "health-ok":
            r = cl.run(["docker", "exec", "-e", "ZCRAWL_HEALTH_MAX_AGE=3", name,
                        "zcrawl-healthcheck"])
            c.ok(r.returncode == 0, "the healthcheck passes again once the parser runs (exit %d:"
                 " %s)" % (r.returncode, r.stdout.strip()))

    def start_rogue(self):
        # The public keys only (they are public): a rogue with a key pair of its own can
        # then complete the handshake's first step and be refused for its unknown key.
        pub = os.path.join(self.tmp, "pub")
        os.makedirs(pub, exist_ok=True)
        os.chmod(self.tmp, 0o755)
        os.chmod(pub, 0o755)
        sink = self.container("sink", 0)
        for ident in ["producer", "crawler", "broker", "parser", "sink", "client"]:
            r = cl.run(["docker", "exec", sink, "cat", "/keys/%s.key" % ident])
            with open(os.path.join(pub, ident + ".key"), "w") as f:
                f.write(r.stdout)
            os.chmod(os.path.join(pub, ident + ".key"), 0o644)
        name = self.s.project + "-rogue"
        r = cl.run(["docker", "run", "-d", "--name", name, "--label",
                    "%s=%s" % (cl.LABEL, self.s.project), "--network", self.s.network,
                    "-v", pub + ":/pub:ro", "--entrypoint", "sh", self.probe_image, "-c",
                    rogue_script(rogue_probes())], check=True)
        self.s.extra.append(name)
        self.rogue = name
        ip = cl.run(["docker", "inspect", "-f",
                     "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name])
        self.rogue_ip = ip.stdout.strip()
        cl.log("rogue container %s started at %s" % (name, self.rogue_ip))

    def ip(self, name):
        return cl.run(["docker", "inspect", "-f",
                       "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name]
                      ).stdout.strip()

    def worker_of(self, name):
        """The container's worker in the sink's /stats (its name is HOSTNAME-PID)."""
        host = cl.run(["docker", "inspect", "-f", "{{.Config.Hostname}}", name]).stdout.strip()
        st, body = cl.http_get(self.port, "/stats", timeout=3)
        if st != 200 or not host:
            return None
        for w in json.loads(body).get("workers", []):
            if str(w.get("worker", "")).startswith(host + "-"):
                return w
        return None

    def fetches_of(self, name):
        w = self.worker_of(name) or {}
        return (w.get("counters") or {}).get("fetches_total")

    # --- watching ------------------------------------------------------------------------
    def watch_health(self):
        for svc in ["sink", "producer", "broker", "parser", "crawler"]:
            for name in self.s.containers(svc):
                if name in self.healthy:
                    continue
                st = self.s.state(name) or {}
                if (st.get("Health") or {}).get("Status") == "healthy":
                    self.healthy.add(name)

    def producer_done(self):
        st = self.s.state(self.container("producer", 0)) or {}
        return st.get("Status") == "exited" and st.get("ExitCode") == 0 and not st.get(
            "Restarting")


def check_rogue(c, run, stack, pages_text, site_log):
    r = cl.run(["docker", "wait", run.rogue], timeout=60)
    out = stack.logs(run.rogue)
    results = {}
    for line in out.splitlines():
        m = re.match(r"RESULT (\S+) (\d+) ?(.*)", line)
        if m:
            results[m.group(1)] = (int(m.group(2)), m.group(3))
    for name, _ in rogue_probes():
        code, text = results.get(name, (None, ""))
        if "pull" in name:
            c.ok(code == 1 and "task" not in text.lower() and "url" not in text.lower(),
                 "rogue %s: receives nothing (exit %s: %s)" % (name, code, text[:200]))
        else:
            c.ok(code == 4, "rogue %s: never gets a connection (exit %s: %s)"
                 % (name, code, text[:200]))
    c.ok("rogue" not in pages_text, "nothing of the rogue in pages.jsonl")
    c.ok("/rogue" not in site_log, "the site never saw a rogue URL requested")
    logs = {svc: stack.logs(stack.container_of(svc)) for svc in ["producer", "broker", "sink"]}
    for svc, port in [("producer", 5554), ("producer", 5551), ("broker", 5552), ("broker", 5553),
                      ("sink", 5555), ("sink", 5556)]:
        lines = [ln for ln in logs[svc].splitlines()
                 if "peer refused" in ln and (":%d " % port in ln + " ")]
        c.ok(lines, "the %s logs the refusals on port %d" % (svc, port))
    if not c.ok(re.search(r"peer refused .*reason=unknown_key peer=%s key="
                          % re.escape(run.rogue_ip), logs["producer"]) is not None,
                "the producer logs the unknown key with the rogue's address %s" % run.rogue_ip):
        print("\n".join(ln for ln in logs["producer"].splitlines() if "curve" in ln)[-3000:])
    c.ok(re.search(r"peer refused .*reason=(no_curve|handshake_failed)", logs["producer"]),
         "the producer logs a peer without CURVE as such")
    return logs


def check_pages(c, text):
    return cl.check_pages(c, text, HOSTS, PAGES)


def check_usage_errors(c, stack):
    t = time.time()
    cases = [
        ("a bad env value", ["-e", "ZCRAWL_DELAY_MS=soon", "producer"],
         "invalid value 'soon' for --delay-ms (from ZCRAWL_DELAY_MS)"),
        ("a bad flag", ["crawler", "zcrawl-crawler", "--concurency", "8"],
         "unknown option '--concurency'"),
        ("a bad flag value", ["broker", "zcrawl-broker", "--max-bytes", "-1"],
         "invalid value '-1' for --max-bytes"),
        ("a bad env value of the entrypoint", ["-e", "ZCRAWL_CURVE=/nokeys", "-e",
                                               "ZCRAWL_KEYS_WAIT_S=1m", "parser"],
         "invalid value '1m' of ZCRAWL_KEYS_WAIT_S"),
        ("a key directory without keys", ["-e", "ZCRAWL_CURVE=/tmp", "-e", "ZCRAWL_KEYS_WAIT_S=1",
                                          "sink"], "--curve /tmp: cannot read /tmp/producer.key"),
    ]
    for what, args, message in cases:
        r = stack.dc("run", "--rm", "--no-deps", *args, timeout=120)
        text = r.stdout + r.stderr
        c.ok(r.returncode == 2 and message in text,
             "%s stops the container with exit 2 and says so (exit %d: %s)"
             % (what, r.returncode, text.strip()[-300:]))
    cl.log("usage errors checked (%.0f s)" % (time.time() - t))


def check_stop(c, stack, killed):
    t = time.time()
    r = stack.dc("stop", "-t", "30", timeout=240)
    c.ok(r.returncode == 0, "compose stop (%s)" % r.stderr[-300:])
    took = time.time() - t
    for svc in ["crawler", "parser", "broker", "sink"]:
        for name in stack.containers(svc):
            if name == killed:
                continue
            st = stack.state(name) or {}
            c.ok(st.get("ExitCode") == 0 and not st.get("OOMKilled"),
                 "%s stopped by SIGTERM exits 0 (exit %s)" % (name, st.get("ExitCode")))
    sink_log = stack.logs(stack.container_of("sink"))
    c.ok(re.search(r"stopping|drain", sink_log, re.I) is not None, "the sink drained on SIGTERM")
    cl.log("stack stopped with SIGTERM in %.1f s" % took)
    return sink_log


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", help="(ignored: the binaries are built into the image)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    c = zctest.Checks("test_compose")
    compose_static.run(c, a.bin)  # deploy/ itself: no engine needed
    why = cl.docker_usable()
    if why:
        print("test_compose: %d static checks passed, %d failed" % (c.passed, c.failed))
        print("test_compose: skipped: %s" % why, flush=True)
        return 1 if c.failed else 0
    if not cl.compose_cmd():
        c.ok(False, "docker works but neither `docker compose` nor docker-compose is installed")
        c.done()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda n, f: sys.exit(128 + n))
    t0 = time.time()
    r = cl.run(["docker", "stack", "config", "-c", cl.COMPOSE_FILE])
    if "unknown command" in r.stderr or "not a docker command" in r.stderr:
        print("docker stack config: not in this docker client, swarm form not checked")
    else:
        c.ok(r.returncode == 0 and "zcrawl-producer" in r.stdout,
             "docker stack config accepts the compose file as a Swarm stack (%s)"
             % r.stderr.strip()[-300:])
    cl.remove_stale()
    image, probe = cl.build_images()
    site_image = cl.build_site_image()
    t_images = time.time() - t0
    r = cl.run(["docker", "image", "inspect", "-f", "{{.Size}}", image])
    cl.log("image size %.1f MB" % (int(r.stdout.strip() or 0) / 1e6))

    tmp = zctest.tmpdir(a.keep)
    port = zctest.free_port()
    seeds = compose_site.seeds(HOSTS, cl.SITE_PORT)
    stack = cl.Stack(image, site_image, {
        "ZCRAWL_SEED": " ".join(seeds), "ZCRAWL_ALLOW_PRIVATE": "true",
        "ZCRAWL_DELAY_MS": str(DELAY_MS), "ZCRAWL_LEASE_MS": "10000",
        "ZCRAWL_DASHBOARD_PORT": str(port), "ZCRAWL_DEAD_AFTER_MS": "3000"})
    stack.container_of = lambda svc: stack.containers(svc)[0]
    try:
        t = time.time()
        stack.create()
        stack.start_site(HOSTS, PAGES, SITE_DELAY_MS)
        stack.up(3, 2)
        run = Run(c, stack, probe, port, tmp)
        run.t_up = time.time()
        cl.log("stack up: %d crawlers, %d parsers (%.1f s)"
               % (len(stack.containers("crawler")), len(stack.containers("parser")),
                  time.time() - t))
        sink = stack.container_of("sink")
        bound = cl.run(["docker", "port", sink, "8080"]).stdout.split()
        c.ok(bound == ["127.0.0.1:%d" % port],
             "the dashboard is published on 127.0.0.1:%d only (%s)" % (port, bound))
        status, body = cl.wait_for(lambda: (lambda r: r if r[0] == 200 else None)(
            cl.http_get(port, "/")), 30, "the dashboard")
        c.ok(b"<html" in body.lower() or b"<!doctype html" in body.lower(),
             "GET / on the published port serves the dashboard")

        chaos = list(CHAOS)
        deadline = time.time() + CRAWL_TIMEOUT_S
        workers_seen = set()
        while time.time() < deadline:
            el = time.time() - run.t_up
            while chaos and chaos[0][0] <= el:
                _, what, arg = chaos.pop(0)
                run.act(what, arg)
            run.watch_health()
            st, body = cl.http_get(port, "/stats", timeout=3)
            if st == 200:
                try:
                    for w in json.loads(body).get("workers", []):
                        if w.get("alive"):
                            workers_seen.add((w.get("stage"), w.get("worker")))
                except ValueError:
                    pass
            if not chaos and run.producer_done():
                break
            time.sleep(1)
        crawl_s = time.time() - run.t_up
        done = run.producer_done()
        c.ok(done, "the producer exited 0: the crawl completed (after %.0f s)" % crawl_s)
        cl.log("crawl %s after %.1f s" % ("complete" if done else "NOT complete", crawl_s))
        stages = {s for s, _ in workers_seen}
        c.ok({"producer", "crawler", "parser", "broker"} <= stages,
             "/stats showed every stage's workers alive (%s)" % sorted(stages))

        # Restarts: each crashed container came back by the restart policy, as a worker
        # of a new name (the entrypoint counts the container's starts), so the sink keeps
        # the counts of the process before the crash.
        st_, body_ = cl.http_get(port, "/stats")
        workers = json.loads(body_).get("workers", []) if st_ == 200 else []
        for name, before in run.restarts.items():
            st = stack.state(name) or {}
            c.ok(st.get("RestartCount", 0) > before,
                 "%s was restarted by its restart policy (restarts %d -> %s)"
                 % (name, before, st.get("RestartCount")))
            host = cl.run(["docker", "inspect", "-f", "{{.Config.Hostname}}", name]).stdout.strip()
            names = sorted(w["worker"] for w in workers if w["worker"].startswith(host + "-"))
            c.ok(len(names) >= 2 and names[:2] == [host + "-1", host + "-2"],
                 "%s's runs are workers %s-1, -2 in the sink's stats (%s)" % (name, host, names))
        if run.partitioned:
            w = run.worker_of(run.partitioned) or {}
            after = (w.get("counters") or {}).get("fetches_total")
            c.ok(w.get("alive"), "%s's heartbeats reach the sink again after the partition"
                 % run.partitioned)
            cl.log("%s after the partition: alive=%s, fetches %s at reconnection, %s at the end"
                   % (run.partitioned, w.get("alive"), run.fetches_at_reconnect, after))
        if run.killed:
            st = stack.state(run.killed) or {}
            cl.log("%s after a plain docker kill: %s, exit %s, restarts %s (the engine does not"
                   " restart a container stopped by docker kill)"
                   % (run.killed, st.get("Status"), st.get("ExitCode"), st.get("RestartCount")))
        stages_running = [n for svc in ["sink", "broker", "parser", "crawler"]
                          for n in stack.containers(svc) if n != run.killed]
        cl.wait_for(lambda: (run.watch_health() or True) and all(
            n in run.healthy for n in stages_running), 40, "every stage healthy")
        c.ok(all(n in run.healthy for n in stages_running + [stack.container_of("producer")]),
             "every stage container was reported healthy by the image's HEALTHCHECK (%d)"
             % len(run.healthy))

        # The output: every page exactly once, within a few seconds of completion.
        want = len(compose_site.expected_urls(HOSTS, PAGES, cl.SITE_PORT))
        text = cl.wait_for(lambda: (lambda b: b.decode() if b is not None and b.count(b"\n")
                                    >= want else None)(stack.read_out("pages.jsonl")),
                           20, "%d lines in pages.jsonl" % want, step=1) if done else \
            (stack.read_out("pages.jsonl") or b"").decode()
        time.sleep(1.5)  # a late duplicate would arrive now
        text = (stack.read_out("pages.jsonl") or b"").decode()
        check_pages(c, text)
        sink_log = stack.logs(sink)
        c.ok("crawl complete records=%d" % want in sink_log,
             "the sink logged the crawl complete with %d records" % want)
        site_log = stack.logs(stack.project + "-site")
        logs = check_rogue(c, run, stack, text, site_log)
        st, body = cl.http_get(port, "/stats")
        totals = json.loads(body).get("totals", {}) if st == 200 else {}
        c.ok(totals.get("auth_failures_total", 0) > 0,
             "the stages counted the refused peers (auth_failures_total=%s)"
             % totals.get("auth_failures_total"))
        c.ok(not [w for w in (json.loads(body).get("workers", []) if st == 200 else [])
                  if "rogue" in str(w.get("worker"))], "no rogue worker in the sink's stats")
        c.ok("peer refused" not in "".join(
            stack.logs(n) for n in stack.containers("crawler") + stack.containers("parser")
            if n != run.killed) and "did not accept this process" not in logs["producer"],
             "no stage of the stack was refused: every one holds the keys")
        check_usage_errors(c, stack)
        check_stop(c, stack, run.killed)
        print("timings: images %.0f s, crawl %.0f s, total %.0f s"
              % (t_images, crawl_s, time.time() - t0), flush=True)
    finally:
        stack.down()
    c.done()


if __name__ == "__main__":
    sys.exit(main())
