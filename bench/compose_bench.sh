#!/usr/bin/env bash
# compose_bench.sh — pages/s of zcrawl's compose stack (deploy/docker-compose.yml, CURVE on)
# with 1, 2 and 4 crawler+parser replicas on the same site.
#
#   bench/compose_bench.sh [--replicas "1 2 4"] [--reps 3] [--pages 30000] [--hosts 64]
#
# The site: tests/compose_site.py's pages written as static files (each padded to ~3 KB of
# text, so parsing costs something) and served by nginx in its own container on the
# stack's network, one network alias per host; politeness is out of the way
# (ZCRAWL_DELAY_MS=0, ZCRAWL_HOST_CONCURRENCY=8, 64 hosts). Images are built as the test
# builds them (tests/compose_lib.py: scripts/docker-base.sh, then deploy/Dockerfile).
# Each run is a fresh stack: `up --scale crawler=N --scale parser=N`, wait until the
# producer exits 0 (crawl complete), then pages/s = records / (last fetched_at - first
# fetched_at) from pages.jsonl; the CPU seconds each service's containers used come from
# their cgroups. Runs interleave the replica counts; the table gives medians.
# Every stack is removed after its run (down -v), also on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! docker info >/dev/null 2>&1; then
    echo "compose_bench: docker is not usable" >&2
    exit 1
fi
exec python3 - "$@" <<'PY'
import argparse
import datetime
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, "tests")
import compose_lib as cl  # noqa: E402
import compose_site  # noqa: E402
import zctest  # noqa: E402

ap = argparse.ArgumentParser(prog="compose_bench.sh")
ap.add_argument("--replicas", default="1 2 4")
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--pages", type=int, default=30000)
ap.add_argument("--hosts", type=int, default=64)
ap.add_argument("--pad-bytes", type=int, default=3000)
a = ap.parse_args()
replicas = [int(x) for x in a.replicas.split()]
for sig in (signal.SIGTERM, signal.SIGINT):
    signal.signal(sig, lambda n, f: sys.exit(128 + n))


def nginx_site_image():
    src = open("tests/compose_site.py", "rb").read()
    key = hashlib.sha256(src + repr((a.hosts, a.pages, a.pad_bytes)).encode())
    key.update((cl.image_id(cl.BASE_IMAGE) or "").encode())
    ref = "zcrawl-benchsite:" + key.hexdigest()[:12]
    if cl.image_exists(ref):
        return ref
    with tempfile.TemporaryDirectory(prefix="zcbench.") as ctx:
        subprocess.run([sys.executable, "tests/compose_site.py", "--write", ctx + "/site",
                        "--port", str(cl.SITE_PORT), "--hosts", str(a.hosts), "--pages",
                        str(a.pages), "--pad-bytes", str(a.pad_bytes)], check=True)
        with open(ctx + "/nginx.conf", "w") as f:
            f.write("worker_processes 1;\npid /tmp/nginx.pid;\nerror_log stderr warn;\n"
                    "events { worker_connections 4096; }\n"
                    "http { access_log off; sendfile on; keepalive_requests 100000;\n"
                    "  default_type text/html;\n"
                    "  server { listen %d; root /srv/site; } }\n" % cl.SITE_PORT)
        with open(ctx + "/Dockerfile", "w") as f:
            f.write("FROM %s\nRUN apt-get update -q && DEBIAN_FRONTEND=noninteractive "
                    "apt-get install -y -q --no-install-recommends nginx-light "
                    "&& rm -rf /var/lib/apt/lists/*\n"
                    "COPY site /srv/site\nCOPY nginx.conf /etc/nginx/bench.conf\n"
                    'ENTRYPOINT ["nginx", "-c", "/etc/nginx/bench.conf", "-g", "daemon off;"]\n'
                    % cl.BASE_IMAGE)
        cl.run(["docker", "build", "-q", "-t", ref, ctx], timeout=900, check=True)
    cl.log("nginx site image %s built" % ref)
    return ref


def proc_stat():
    """(time, [user, nice, system, idle, iowait, irq, softirq, steal]) of the whole machine."""
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:9]
    return time.time(), [int(x) for x in fields]


def machine_use(samples, t0, t1):
    """Busy cores and the kernel's part of it (system + irq + softirq) between t0 and t1."""
    inside = [s for s in samples if t0 <= s[0] <= t1]
    if len(inside) < 2:
        return None
    (ta, a0), (tb, b0) = inside[0], inside[-1]
    d = [y - x for x, y in zip(a0, b0)]
    hz = os.sysconf("SC_CLK_TCK")
    secs = tb - ta
    busy = (d[0] + d[1] + d[2] + d[5] + d[6] + d[7]) / hz / secs
    kernel = (d[2] + d[5] + d[6]) / hz / secs
    return busy, kernel


def ts(s):
    return datetime.datetime.strptime(s.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()


def one_run(image, site, n, rep):
    seeds = compose_site.seeds(a.hosts, cl.SITE_PORT)
    stack = cl.Stack(image, None, {
        "ZCRAWL_SEED": " ".join(seeds), "ZCRAWL_ALLOW_PRIVATE": "true", "ZCRAWL_DELAY_MS": "0",
        "ZCRAWL_HOST_CONCURRENCY": "8", "ZCRAWL_LOG_LEVEL": "warn",
        "ZCRAWL_DASHBOARD_PORT": str(zctest.free_port())},
        name="%s%dx%dr%d" % (cl.PROJECT_PREFIX, os.getpid(), n, rep))
    try:
        stack.create()
        stack.start_site(a.hosts, a.pages, 0, image=site)
        t = time.time()
        stack.up(n, n)
        producer = stack.containers("producer")[0]
        cpu, deadline, samples = {}, time.time() + 600, []
        while time.time() < deadline:
            samples.append(proc_stat())
            cpu.update(stack.cpu_ns())
            st = stack.state(producer) or {}
            if st.get("Status") == "exited" and not st.get("Restarting"):
                break
            time.sleep(0.5)
        wall = time.time() - t
        if st.get("ExitCode") != 0:
            raise RuntimeError("the producer did not complete: %s" % st)
        text = b""
        want = a.hosts + a.pages
        for _ in range(40):
            text = stack.read_out("pages.jsonl") or b""
            if text.count(b"\n") >= want:
                break
            time.sleep(0.5)
        recs = [json.loads(line) for line in text.splitlines()]
        times = sorted(ts(r["fetched_at"]) for r in recs)
        span = times[-1] - times[0]
        by = {}
        for (svc, _), ns in cpu.items():
            by[svc] = by.get(svc, 0) + ns / 1e9
        use = machine_use(samples, times[0], times[-1]) or (0, 0)
        res = dict(n=n, records=len(recs), ok=len(recs) == want, span=span, wall=wall,
                   pps=len(recs) / span if span > 0 else 0, cpu=by, busy=use[0], kernel=use[1])
        cl.log("%d crawler+parser: %d records in %.2f s of fetching: %.0f pages/s; machine %.2f"
               " cores busy (kernel %.2f); CPU s %s"
               % (n, len(recs), span, res["pps"], use[0], use[1],
                  ", ".join("%s %.1f" % kv for kv in sorted(by.items()))))
        return res
    finally:
        stack.down()


cl.remove_stale()
image, _ = cl.build_images()
site = nginx_site_image()
results = {n: [] for n in replicas}
for rep in range(a.reps):
    for n in replicas:
        results[n].append(one_run(image, site, n, rep))

base = statistics.median(r["pps"] for r in results[replicas[0]])
print()
print("| crawler+parser replicas | pages/s (median of %d) | runs | speed-up | per-replica efficiency"
      " | machine cores busy (kernel) | CPU s per 1,000 pages: crawlers / parsers / producer /"
      " broker / sink / nginx |" % a.reps)
print("|---|---|---|---|---|---|---|")
for n in replicas:
    rs = results[n]
    pps = statistics.median(r["pps"] for r in rs)
    cpu = {}
    for r in rs:
        for svc, s in r["cpu"].items():
            cpu.setdefault(svc, []).append(s * 1000 / r["records"])
    parts = " / ".join("%.2f" % statistics.median(cpu.get(s, [0])) for s in
                       ["crawler", "parser", "producer", "broker", "sink", "site"])
    print("| %d | %.0f | %s | %.2fx | %.0f %% | %.2f of %d (%.2f) | %s |"
          % (n, pps, ", ".join("%.0f" % r["pps"] for r in rs), pps / base,
             100 * pps / base / (n / replicas[0]),
             statistics.median(r["busy"] for r in rs), os.cpu_count(),
             statistics.median(r["kernel"] for r in rs), parts))
bad = [r for rs in results.values() for r in rs if not r["ok"]]
print("\nsite: %d hosts, %d pages of ~%d bytes (+%d home pages); every run complete: %s"
      % (a.hosts, a.pages, a.pad_bytes, a.hosts, "yes" if not bad else "NO (%d)" % len(bad)))
sys.exit(1 if bad else 0)
PY
