"""it.test_compose_shards: the compose stack with three producer shards, on the Docker engine.

Uses the images of it.test_compose (tests/compose_lib.py builds them, or reuses them while
their inputs are unchanged). Then, in a project of its own:

- `docker-compose config` of deploy/docker-compose.yml with deploy/docker-compose.shards.yml:
  the three shards K/3 run the same producer with the same settings (the override repeats
  the producer's environment: the two must not drift apart) and state volumes of their
  own; the peers, control and the crawlers' and parsers' producer lists in shard order;
  `docker stack config` (the docker client's Compose-spec loader) reads the two files too;
- `up --scale crawler=3 --scale parser=2` crawls a site of 6 hosts (network aliases of one
  container on the stack's network), spread by the host hash over all three shards, every
  stage with CURVE keys; pages link across hosts, so the shards forward links to each other;
- once about a third of the records are written, the shard with the most hosts crashes
  (`docker kill --signal SIGUSR1`, which the restart policy answers; a plain `docker kill`
  counts as a manual stop for the engine);
- afterwards: the three producer containers exited 0 once the sink announced the end of the
  crawl, the crashed one restarted; every page exactly once in the out volume's
  pages.jsonl; each shard fetched robots.txt for exactly the hosts the hash gives it;
  forwards were sent and confirmed.

The stack and the site are removed on every exit path (`down -v`); --logs DIR keeps every
container's log. Skips (exit 0, a "skipped" line) only when docker is not usable.
"""
import argparse
import json
import os
import re
import signal
import sys
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compose_lib as cl  # noqa: E402
import compose_site  # noqa: E402
import zctest  # noqa: E402

SHARDS_FILE = os.path.join(cl.ROOT, "deploy", "docker-compose.shards.yml")
SHARDS = ["producer", "producer-1", "producer-2"]  # service of shard K, in shard order
HOSTS, PAGES = 6, 150          # 156 records: each host's / and 25 pages
SITE_DELAY_MS = 20             # every answer of the site waits this long
DELAY_MS = 300                 # politeness: about 8 s per host at the least
CRASH_AT = 1 / 3               # the crash comes once this share of the records is written
CRAWL_TIMEOUT_S = 150


class ShardStack(cl.Stack):
    """A compose_lib Stack with the shards override after deploy/docker-compose.yml."""

    def dc(self, *args, timeout=180, check=False):
        return cl.run(self.compose + ["--ansi", "never", "-f", cl.COMPOSE_FILE, "-f", SHARDS_FILE]
                      + list(args), timeout=timeout, check=check, env=self.env)


def stats(port):
    st, body = cl.http_get(port, "/stats", timeout=3)
    try:
        return json.loads(body) if st == 200 else None
    except ValueError:
        return None


def check_config(c, stack):
    """The merged configuration: shards alike but for K and the state volume."""
    r = stack.dc("config", timeout=60)
    if not c.ok(r.returncode == 0, "compose config of the two files (%s)" % r.stderr[-300:]):
        return
    svcs = yaml.safe_load(r.stdout)["services"]
    c.ok(set(svcs) == {"keys", "sink", "broker", "parser", "crawler"} | set(SHARDS),
         "config: the stack's services with producer-1 and producer-2 (%s)" % sorted(svcs))
    peers = " ".join("tcp://%s:5554" % s for s in SHARDS)
    envs = [svcs[s]["environment"] for s in SHARDS]
    for k, (svc, env) in enumerate(zip(SHARDS, envs)):
        c.ok(env.get("ZCRAWL_SHARD") == "%d/3" % k and env.get("ZCRAWL_PEER") == peers and
             env.get("ZCRAWL_CONTROL") == "tcp://sink:5557",
             "config: %s is shard %d/3 with the peers and control (%s)"
             % (svc, k, {v: env.get(v) for v in ["ZCRAWL_SHARD", "ZCRAWL_PEER", "ZCRAWL_CONTROL"]}))
    rest = [{v: x for v, x in e.items() if v != "ZCRAWL_SHARD"} for e in envs]
    diff = sorted(v for v in set(rest[0]) | set(rest[1]) | set(rest[2])
                  if not rest[0].get(v) == rest[1].get(v) == rest[2].get(v))
    c.ok(not diff and len(rest[0]) > 20 and rest[0].get("ZCRAWL_DELAY_MS") == str(DELAY_MS),
         "config: the three shards have the same settings (differing: %s)" % diff)
    others = [{v: x for v, x in svcs[s].items() if v not in ("environment", "volumes")}
              for s in SHARDS]
    c.ok(others[0] == others[1] == others[2],
         "config: the three shards are alike but for environment and volumes")
    def vol(v):
        # docker-compose v1 prints "source:target:mode", `docker compose` v2 the long form.
        if isinstance(v, dict):
            return "%s:%s:%s" % (v.get("source"), v.get("target"),
                                 "ro" if v.get("read_only") else "rw")
        return v
    vols = [sorted(vol(v) for v in svcs[s].get("volumes", [])) for s in SHARDS]
    c.ok(vols == [["keys:/keys:ro", "state%s:/state:rw" % x] for x in ["", "-1", "-2"]],
         "config: each shard its own state volume (%s)" % vols)
    c.ok(svcs["sink"]["environment"].get("ZCRAWL_CONTROL") == "tcp://*:5557",
         "config: the sink binds its control endpoint")
    for svc, port in [("crawler", 5551), ("parser", 5554)]:
        want = " ".join("tcp://%s:%d" % (s, port) for s in SHARDS)
        got = svcs[svc]["environment"].get("ZCRAWL_PRODUCER")
        c.ok(got == want and set(SHARDS) <= set(svcs[svc].get("depends_on", {})),
             "config: %s takes every shard's :%d in shard order, after them (%s)"
             % (svc, port, got))
    # The docker client's own loader (the Compose spec, as `docker compose` v2 reads it).
    r = cl.run(["docker", "stack", "config", "-c", cl.COMPOSE_FILE, "-c", SHARDS_FILE],
               env=stack.env)
    if "unknown command" in r.stderr or "not a docker command" in r.stderr:
        print("docker stack config: not in this docker client, the Compose spec form not checked")
    else:
        got = yaml.safe_load(r.stdout or "{}") or {}
        c.ok(r.returncode == 0 and set(SHARDS) <= set(got.get("services", {})),
             "docker stack config reads the two files (%s)" % r.stderr.strip()[-300:])


def check_pages(c, text):
    return cl.check_pages(c, text, HOSTS, PAGES)


def save_logs(stack, d):
    os.makedirs(d, exist_ok=True)
    r = cl.run(["docker", "ps", "-a", "--format", "{{.Names}}", "--filter",
                "label=com.docker.compose.project=" + stack.project])
    for name in r.stdout.split() + stack.extra:
        with open(os.path.join(d, name + ".log"), "w") as f:
            f.write(stack.logs(name))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", help="(ignored: the binaries are built into the image)")
    ap.add_argument("--logs", metavar="DIR", help="save every container's log here")
    a = ap.parse_args()
    c = zctest.Checks("test_compose_shards")
    why = cl.docker_usable()
    if why:
        print("test_compose_shards: skipped: %s" % why, flush=True)
        return 0
    if not cl.compose_cmd():
        c.ok(False, "docker works but neither `docker compose` nor docker-compose is installed")
        c.done()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda n, f: sys.exit(128 + n))
    t0 = time.time()
    owners = {}  # shard -> its hosts
    for k in range(HOSTS):
        owners.setdefault(zctest.shard_of("http://site%d:%d" % (k, cl.SITE_PORT), 3), []).append(k)
    c.ok(sorted(owners) == [0, 1, 2], "the site's hosts hash to every shard (%s)" % owners)
    victim = max(owners, key=lambda k: len(owners[k]))  # the shard with the most hosts

    cl.remove_stale()
    image, _ = cl.build_images()
    site_image = cl.build_site_image()
    t_images = time.time() - t0
    port = zctest.free_port()
    stack = ShardStack(image, site_image, {
        "ZCRAWL_SEED": " ".join(compose_site.seeds(HOSTS, cl.SITE_PORT)),
        "ZCRAWL_ALLOW_PRIVATE": "true", "ZCRAWL_DELAY_MS": str(DELAY_MS),
        "ZCRAWL_LEASE_MS": "10000", "ZCRAWL_DASHBOARD_PORT": str(port),
        "ZCRAWL_DEAD_AFTER_MS": "3000"})
    check_config(c, stack)
    want = len(compose_site.expected_urls(HOSTS, PAGES, cl.SITE_PORT))
    crawl_s = None
    try:
        t = time.time()
        stack.create()
        stack.start_site(HOSTS, PAGES, SITE_DELAY_MS)
        stack.up(3, 2)
        t_up = time.time()
        shards = [stack.containers(s)[0] for s in SHARDS]
        cl.log("stack up: %d crawlers, %d parsers, shards %s (%.1f s)"
               % (len(stack.containers("crawler")), len(stack.containers("parser")), shards,
                  t_up - t))

        def exited(name):
            st = stack.state(name) or {}
            return st.get("Status") == "exited" and not st.get("Restarting")

        crashed, restarts, written_at_crash = None, None, None
        deadline = t_up + CRAWL_TIMEOUT_S
        while time.time() < deadline:
            s = stats(port) or {}
            written = (s.get("totals") or {}).get("records_written_total", 0)
            if crashed is None and written >= want * CRASH_AT:
                crashed = shards[victim]
                restarts = stack.state(crashed)["RestartCount"]
                r = cl.run(["docker", "kill", "--signal", "SIGUSR1", crashed])
                written_at_crash = written
                c.ok(r.returncode == 0, "docker kill --signal SIGUSR1 %s (%s)"
                     % (crashed, r.stderr.strip()))
                cl.log("crash: shard %d (%s) at %d of %d records"
                       % (victim, crashed, written, want))
            if crashed and all(exited(n) for n in shards):
                break
            time.sleep(0.5)
        crawl_s = time.time() - t_up
        states = {n: stack.state(n) or {} for n in shards}
        c.ok(crashed is not None and written_at_crash < want,
             "a shard crashed mid-crawl (at %s of %d records)" % (written_at_crash, want))
        for n, st in states.items():
            c.ok(st.get("Status") == "exited" and st.get("ExitCode") == 0,
                 "%s exited 0 (status %s, exit %s, after %.0f s)"
                 % (n, st.get("Status"), st.get("ExitCode"), crawl_s))
        if crashed:
            c.ok(states[crashed].get("RestartCount", 0) > restarts,
                 "%s was restarted by its restart policy (restarts %d -> %s)"
                 % (crashed, restarts, states[crashed].get("RestartCount")))
        cl.log("crawl over after %.1f s" % crawl_s)

        text = cl.wait_for(lambda: (lambda b: b.decode() if b is not None and b.count(b"\n")
                                    >= want else None)(stack.read_out("pages.jsonl")),
                           15, "%d lines in pages.jsonl" % want, step=1)
        time.sleep(1)  # a late duplicate would arrive now
        check_pages(c, (stack.read_out("pages.jsonl") or b"").decode())

        for k, name in enumerate(shards):
            log = stack.logs(name)
            got = sorted(set(int(h) for h in re.findall(
                r"robots\.txt url=http://site(\d+):%d/robots\.txt status=200" % cl.SITE_PORT,
                log)))
            c.ok(got == owners[k], "shard %d (%s) fetched robots.txt for its hosts %s (%s)"
                 % (k, name, owners[k], got))
            c.ok("shard %d of 3 peers=3 control=tcp://sink:5557" % k in log and
                 "the sink announced the end of the crawl shard=%d" % k in log,
                 "shard %d started as such and ended on the sink's word" % k)
            if name == crashed:
                m = re.search(r"frontier resumed .*queued=(\d+)", log)
                c.ok(len(re.findall(r"shard %d of 3 " % k, log)) == 2 and m and int(m.group(1)),
                     "%s resumed its frontier, with URLs queued, after the crash (%s)"
                     % (name, m.group(0) if m else None))
        s = stats(port) or {}
        totals = s.get("totals") or {}
        c.ok(totals.get("forwards_sent_total", 0) > 0 and
             totals.get("forward_receipts_total", 0) > 0 and
             totals.get("links_received_total", 0) > 0,
             "the shards forwarded links to each other, with receipts (%s)"
             % {v: totals.get(v) for v in ["forwards_sent_total", "forward_receipts_total",
                                           "links_received_total"]})
        c.ok([x.get("shard") for x in s.get("shards", [])] == [0, 1, 2],
             "/stats lists the three shards (%s)" % s.get("shards"))
        sink_log = stack.logs(stack.containers("sink")[0])
        c.ok("crawl complete records=%d" % want in sink_log,
             "the sink logged the crawl complete with %d records" % want)
        c.ok("peer refused" not in "".join(stack.logs(n) for n in shards),
             "no shard was refused by a peer: every one holds the keys")
    finally:
        if a.logs:
            save_logs(stack, a.logs)
        stack.down()
    print("timings: images %.0f s, crawl %s s, total %.0f s"
          % (t_images, "%.0f" % crawl_s if crawl_s is not None else "-", time.time() - t0),
          flush=True)
    c.done()


if __name__ == "__main__":
    sys.exit(main())
