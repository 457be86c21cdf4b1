"""Docker helpers shared by tests/test_compose.py and bench/compose_bench.sh.

Builds the images a compose test needs — the base from Debian's archive
(scripts/docker-base.sh), zcrawl's image from deploy/Dockerfile on that base, and a
small image that serves tests/compose_site.py — reusing each while its inputs are
unchanged (a content hash in a label), and runs one deploy/docker-compose.yml stack
per project name with the site in its own container on the stack's network.
Every container, network and volume a Stack makes carries its project name and is
removed by Stack.down(), which every exit path calls; stacks left by a killed run are
removed by remove_stale().
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import compose_site
import zctest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMPOSE_FILE = os.path.join(ROOT, "deploy", "docker-compose.yml")
BASE_IMAGE = "zcrawl-base:bookworm"
PROJECT_PREFIX = "zcrawltest"
SITE_PORT = 8000
LABEL = "org.zcrawl.test.project"


def log(msg):
    print("[%7.1f s] %s" % (time.time() - _T0, msg), flush=True)


_T0 = time.time()


def run(cmd, timeout=120, check=False, env=None, input=None):
    """Runs cmd (a list), returns CompletedProcess with text stdout/stderr."""
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=timeout, env=env, input=input)
    if check and r.returncode != 0:
        raise RuntimeError("%s: exit %d\n%s%s" % (" ".join(cmd), r.returncode, r.stdout[-2000:],
                                                  r.stderr[-4000:]))
    return r


def docker_usable():
    """None if docker works, else why not."""
    if not shutil.which("docker"):
        return "no docker command"
    try:
        r = run(["docker", "info", "--format", "{{.ServerVersion}}"], timeout=30)
    except (subprocess.TimeoutExpired, OSError) as e:
        return "docker info failed: %s" % e
    if r.returncode != 0:
        return "docker info failed: %s" % r.stderr.strip()[:300]
    return None


def compose_cmd():
    """The compose command: today's `docker compose`, else docker-compose v1; None if neither."""
    try:
        if run(["docker", "compose", "version"], timeout=30).returncode == 0:
            return ["docker", "compose"]
    except (subprocess.TimeoutExpired, OSError):
        pass
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def image_exists(ref):
    return run(["docker", "image", "inspect", ref], timeout=30).returncode == 0


def image_id(ref):
    r = run(["docker", "image", "inspect", "-f", "{{.Id}}", ref], timeout=30)
    return r.stdout.strip() if r.returncode == 0 else None


def _hash_files(h, paths):
    for p in sorted(paths):
        rel = os.path.relpath(p, ROOT)
        h.update(rel.encode() + b"\0")
        with open(p, "rb") as f:
            h.update(f.read())
        h.update(b"\0")


def source_hash():
    """Hash of what deploy/Dockerfile reads (its COPY lines) and of the base image."""
    h = hashlib.sha256()
    files = [os.path.join(ROOT, f) for f in
             ["CMakeLists.txt", ".dockerignore", "deploy/Dockerfile", "deploy/zcrawl-entrypoint",
              "deploy/zcrawl-healthcheck", "bench/CMakeLists.txt"]]
    for d in ["proto", "common", "producer", "crawler", "broker", "parser", "sink", "cli"]:
        for dirpath, dirnames, names in os.walk(os.path.join(ROOT, d)):
            dirnames[:] = [x for x in dirnames if x != "__pycache__"]
            files += [os.path.join(dirpath, n) for n in names]
    tests = os.path.join(ROOT, "tests")
    for n in os.listdir(tests):
        p = os.path.join(tests, n)
        if os.path.isfile(p) and (n.endswith((".c", ".h")) or n == "CMakeLists.txt"):
            files.append(p)
        elif os.path.isfile(p):
            h.update(b"name:" + n.encode() + b"\0")  # the build sees only the names
    files += [os.path.join(ROOT, "bench", n) for n in os.listdir(os.path.join(ROOT, "bench"))
              if n.endswith(".c")]
    _hash_files(h, files)
    h.update((image_id(BASE_IMAGE) or "").encode())
    return h.hexdigest()


def build_base():
    t = time.time()
    run([os.path.join(ROOT, "scripts", "docker-base.sh"), BASE_IMAGE], timeout=900, check=True)
    log("base image %s ready (%.0f s)" % (BASE_IMAGE, time.time() - t))


def build_images():
    """Builds (or reuses) zcrawl's runtime image and its probe target; returns their refs."""
    build_base()
    digest = source_hash()
    tag = digest[:12]
    image, probe = "zcrawl-test:" + tag, "zcrawl-test-probe:" + tag
    if image_exists(image) and image_exists(probe):
        log("zcrawl image %s reused (sources unchanged)" % image)
        return image, probe
    t = time.time()
    for target, ref in [("runtime", image), ("probe", probe)]:
        run(["docker", "build", "-q", "-f", os.path.join(ROOT, "deploy", "Dockerfile"),
             "--build-arg", "BASE=" + BASE_IMAGE, "--target", target,
             "--label", "org.zcrawl.src-hash=" + digest, "-t", ref, ROOT],
            timeout=1800, check=True)
    log("zcrawl image %s built from deploy/Dockerfile (%.0f s)" % (image, time.time() - t))
    # Older test builds are of no use: untag them (layers shared with this one stay).
    for repo in ["zcrawl-test", "zcrawl-test-probe"]:
        r = run(["docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}", repo])
        for ref in r.stdout.split():
            if not ref.endswith(":" + tag):
                run(["docker", "rmi", ref])
    return image, probe


def build_site_image():
    src = os.path.join(ROOT, "tests", "compose_site.py")
    h = hashlib.sha256(open(src, "rb").read())
    h.update((image_id(BASE_IMAGE) or "").encode())
    ref = "zcrawl-testsite:" + h.hexdigest()[:12]
    if image_exists(ref):
        return ref
    t = time.time()
    with tempfile.TemporaryDirectory(prefix="zcsite.") as ctx:
        shutil.copy(src, ctx)
        with open(os.path.join(ctx, "Dockerfile"), "w") as f:
            f.write("FROM %s\n"
                    "RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
                    " --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n"
                    "COPY compose_site.py /srv/compose_site.py\n"
                    "USER nobody\n"
                    'ENTRYPOINT ["python3", "/srv/compose_site.py"]\n' % BASE_IMAGE)
        run(["docker", "build", "-q", "-t", ref, ctx], timeout=900, check=True)
    log("site image %s built (%.0f s)" % (ref, time.time() - t))
    return ref


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_project(project):
    ids = run(["docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project]
              ).stdout.split()
    ids += run(["docker", "ps", "-aq", "--filter", "label=%s=%s" % (LABEL, project)]).stdout.split()
    if ids:
        run(["docker", "rm", "-f", "-v"] + sorted(set(ids)), timeout=120)
    for kind in ["network", "volume"]:
        names = run(["docker", kind, "ls", "-q", "--filter",
                     "label=com.docker.compose.project=" + project]).stdout.split()
        if names:
            run(["docker", kind, "rm"] + names, timeout=120)


def remove_stale():
    """Removes the stacks of earlier runs whose process is gone (a run killed mid-way)."""
    r = run(["docker", "ps", "-a", "--format", '{{.Label "com.docker.compose.project"}}'])
    r2 = run(["docker", "volume", "ls", "--format", '{{.Label "com.docker.compose.project"}}'])
    for project in set(r.stdout.split() + r2.stdout.split()):
        if project.startswith(PROJECT_PREFIX):
            tail = project[len(PROJECT_PREFIX):].split("x")[0]
            if tail.isdigit() and not _pid_alive(int(tail)):
                log("removing the stale stack %s" % project)
                _remove_project(project)


class Stack:
    """One deploy/docker-compose.yml project with the test site beside it."""

    def __init__(self, image, site_image, env, name=None):
        self.compose = compose_cmd()
        self.project = name or "%s%d" % (PROJECT_PREFIX, os.getpid())
        self.image, self.site_image = image, site_image
        self.env = dict(os.environ)
        self.env.update({"COMPOSE_PROJECT_NAME": self.project, "ZCRAWL_IMAGE": image,
                         "ZCRAWL_BASE_IMAGE": BASE_IMAGE})
        self.env.update(env)
        self.network = None
        self.extra = []  # containers started beside the stack (site, rogue)

    def dc(self, *args, timeout=180, check=False):
        return run(self.compose + ["--ansi", "never", "-f", COMPOSE_FILE] + list(args),
                   timeout=timeout, check=check, env=self.env)

    def create(self):
        """Creates the network, volumes and containers without starting them."""
        self.dc("up", "--no-start", "--no-build", timeout=300, check=True)
        nets = run(["docker", "network", "ls", "--format", "{{.Name}}", "--filter",
                    "label=com.docker.compose.project=" + self.project]).stdout.split()
        if len(nets) != 1:
            raise RuntimeError("expected one network of %s, found %s" % (self.project, nets))
        self.network = nets[0]

    def start_site(self, hosts, pages, delay_ms, image=None, args=None):
        """The site's container on the stack's network, one alias per host (site0...).
        By default compose_site.py serving pages; or image with args (its own server)."""
        name = self.project + "-site"
        cmd = ["docker", "run", "-d", "--init", "--name", name, "--label",
               "%s=%s" % (LABEL, self.project), "--network", self.network]
        for k in range(hosts):
            cmd += ["--network-alias", "site%d" % k]
        if image:
            cmd += [image] + list(args or [])
        else:
            cmd += [self.site_image, "--port", str(SITE_PORT), "--hosts", str(hosts),
                    "--pages", str(pages), "--delay-ms", str(delay_ms)]
        run(cmd, check=True)
        self.extra.append(name)
        deadline = time.time() + 30
        while time.time() < deadline:
            probe = run(["docker", "exec", name, "bash", "-c",
                         "exec 3<>/dev/tcp/127.0.0.1/%d" % SITE_PORT]) if image else None
            if (probe and probe.returncode == 0) or (
                    not image and "listening" in run(["docker", "logs", name]).stdout):
                return name
            time.sleep(0.2)
        raise RuntimeError("the site container did not start")

    def cpu_ns(self):
        """Service -> CPU time (ns) of its containers so far, from the cgroup (v1) files;
        empty where they cannot be read."""
        out = {}
        for label in ["com.docker.compose.project", LABEL]:
            r = run(["docker", "ps", "--no-trunc", "--filter",
                     "label=%s=%s" % (label, self.project), "--format",
                     '{{.ID}} {{.Label "com.docker.compose.service"}}'])
            for line in r.stdout.splitlines():
                cid, _, svc = line.partition(" ")
                for path in ["/sys/fs/cgroup/cpuacct/docker/%s/cpuacct.usage" % cid,
                             "/sys/fs/cgroup/system.slice/docker-%s.scope/cpu.stat" % cid]:
                    try:
                        text = open(path).read()
                    except OSError:
                        continue
                    ns = int(text) if "usage_usec" not in text else int(
                        re.search(r"usage_usec (\d+)", text).group(1)) * 1000
                    out[(svc or "site", cid)] = ns
                    break
        return out

    def up(self, crawlers, parsers):
        self.dc("up", "-d", "--no-build", "--scale", "crawler=%d" % crawlers,
                "--scale", "parser=%d" % parsers, timeout=300, check=True)

    def containers(self, service):
        """Container names of service, by replica number."""
        r = run(["docker", "ps", "-a", "--filter",
                 "label=com.docker.compose.project=" + self.project, "--filter",
                 "label=com.docker.compose.service=" + service, "--format",
                 '{{.Names}} {{.Label "com.docker.compose.container-number"}}'])
        rows = [line.split() for line in r.stdout.splitlines() if line.strip()]
        return [n for n, _ in sorted(rows, key=lambda x: int(x[1]))]

    def state(self, container):
        r = run(["docker", "inspect", "-f", "{{json .State}}|{{.RestartCount}}", container])
        if r.returncode != 0:
            return None
        s, _, rc = r.stdout.strip().rpartition("|")
        st = json.loads(s)
        st["RestartCount"] = int(rc)
        return st

    def logs(self, container):
        r = run(["docker", "logs", container], timeout=60)
        return r.stdout + r.stderr

    def read_out(self, name):
        """The bytes of /out/NAME in the out volume (read by a throwaway container)."""
        vols = run(["docker", "volume", "ls", "-q", "--filter",
                    "label=com.docker.compose.project=" + self.project]).stdout.split()
        vol = [v for v in vols if v.endswith("_out")][0]
        r = subprocess.run(["docker", "run", "--rm", "--network", "none", "-v", vol + ":/out:ro",
                            "--entrypoint", "cat", self.image, "/out/" + name],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        return r.stdout if r.returncode == 0 else None

    def down(self):
        t = time.time()
        for name in self.extra:
            run(["docker", "rm", "-f", name], timeout=60)
        try:
            self.dc("down", "-v", "--remove-orphans", "-t", "30", timeout=300)
        except subprocess.TimeoutExpired:
            pass
        _remove_project(self.project)  # whatever down left (a half-made stack)
        log("stack %s removed (%.0f s)" % (self.project, time.time() - t))


def wait_for(pred, timeout, what, step=0.5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(step)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


if __name__ == "__main__":
    # compose_lib.py images: builds the images, prints their refs (used by the benchmark).
    if sys.argv[1:] == ["images"]:
        img, probe = build_images()
        print(img, probe, build_site_image())


http_get = zctest.http_get


def check_pages(c, text, hosts, pages):
    """pages.jsonl of a crawl of compose_site.py's site (hosts, pages): every line JSON, every
    page exactly once with its status and title, no other URL. Returns the records."""
    exp = compose_site.expected_urls(hosts, pages, SITE_PORT)
    recs, bad = [], 0
    for line in text.splitlines():
        try:
            recs.append(json.loads(line))
        except ValueError:
            bad += 1
    c.ok(bad == 0 and text.endswith("\n"), "pages.jsonl: every line is JSON (%d bad)" % bad)
    urls = [r["url"] for r in recs]
    dups = sorted({u for u in urls if urls.count(u) > 1})
    missing = sorted(set(exp) - set(urls))
    extra = sorted(set(urls) - set(exp))
    c.ok(not dups, "every page at most once (%d doubled: %s)" % (len(dups), dups[:5]))
    c.ok(not missing, "every page there (%d missing: %s)" % (len(missing), missing[:5]))
    c.ok(not extra, "no other URL (%s)" % extra[:5])
    wrong = [(r["url"], r["status"], r["error"], r["title"]) for r in recs if r["url"] in exp
             and (r["status"], r["title"]) != exp[r["url"]]]
    c.ok(not wrong, "every page recorded with its status and title (wrong: %s)" % wrong[:5])
    retried = sum(1 for r in recs if r.get("attempt", 1) > 1)
    log("pages.jsonl: %d records, %d of them from a second or later dispatch"
        % (len(recs), retried))
    return recs
