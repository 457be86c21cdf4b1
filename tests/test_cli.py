"""Every binary: --help and --version exit 0; unknown flags, bad values and bad
ZCRAWL_* environment values exit 2 with a one-line message naming the problem."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zctest  # noqa: E402

STAGES = ["zcrawl-producer", "zcrawl-crawler", "zcrawl-broker", "zcrawl-parser", "zcrawl-sink"]


def run(cmd, env=None, timeout=20):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=e)


def main():
    a = zctest.args()
    c = zctest.Checks("test_cli")
    for name in STAGES + ["zcrawl"]:
        b = os.path.join(a.bin, name)
        r = run([b, "--help"])
        c.ok(r.returncode == 0 and "Usage" in r.stdout, "%s --help" % name)
        r = run([b, "--version"])
        c.ok(r.returncode == 0 and "0." in r.stdout, "%s --version" % name)
    for name in STAGES:
        b = os.path.join(a.bin, name)
        r = run([b, "--no-such-flag"])
        c.ok(r.returncode == 2 and "no-such-flag" in r.stderr, "%s rejects an unknown flag" % name)
        r = run([b, "--log-level", "loud"])
        c.ok(r.returncode == 2 and "log-level" in r.stderr, "%s rejects a bad --log-level" % name)
        r = run([b], env={"ZCRAWL_LOG_LEVEL": "loud"})
        c.ok(r.returncode == 2 and "log-level" in r.stderr, "%s rejects a bad env value" % name)
    crawler = os.path.join(a.bin, "zcrawl-crawler")
    r = run([crawler, "--concurrency", "0"])
    c.ok(r.returncode == 2 and "concurrency" in r.stderr, "crawler rejects --concurrency 0")
    r = run([crawler], env={"ZCRAWL_CONCURRENCY": "lots"})
    c.ok(r.returncode == 2 and "ZCRAWL_CONCURRENCY" in r.stderr, "crawler names the env var")
    prod = os.path.join(a.bin, "zcrawl-producer")
    r = run([prod, "--delay-ms", "-5"])
    c.ok(r.returncode == 2 and "delay-ms" in r.stderr, "producer rejects a negative delay")
    z = os.path.join(a.bin, "zcrawl")
    r = run([z, "frobnicate"])
    c.ok(r.returncode == 2, "zcrawl rejects an unknown command")
    r = run([z, "run", "--out", "/tmp/x"], env={"ZCRAWL_SEED": "", "ZCRAWL_SEED_FILE": ""})
    c.ok(r.returncode == 2 and "seed" in r.stderr, "zcrawl run without seeds is a usage error")
    r = run([z, "run", "--seed", "http://127.0.0.1:9/", "--out", "/tmp/x", "--tasks", "tcp://x:1"])
    c.ok(r.returncode == 2 and "tasks" in r.stderr, "zcrawl run refuses wiring flags")
    r = run([z, "run", "--seed", "http://127.0.0.1:9/", "--out", "/tmp/x", "--bogus"])
    c.ok(r.returncode == 2 and "bogus" in r.stderr, "zcrawl run rejects unknown flags")
    r = run([z, "seed", "ftp://nope/"])
    c.ok(r.returncode == 2, "zcrawl seed rejects a non-http URL")
    # zcrawl robots: one line per URL, then the agent's Crawl-delay and the sitemaps.
    rdir = zctest.tmpdir()
    rfile = os.path.join(rdir, "robots.txt")
    with open(rfile, "w") as f:
        f.write("User-agent: *\nDisallow: /\n\nUser-agent: zcrawl\nDisallow: /private/\n"
                "Allow: /private/open$\nCrawl-delay: 1.5\nSitemap: http://127.0.0.1/s.xml\n")
    r = run([z, "robots", rfile, "zcrawl/0.1 (+http://127.0.0.1/bot)", "http://127.0.0.1/private/x",
             "http://127.0.0.1/private/open", "HTTP://127.0.0.1:80/%7Eme"])
    c.ok(r.returncode == 0 and r.stdout == "disallowed http://127.0.0.1/private/x\n"
         "allowed http://127.0.0.1/private/open\nallowed http://127.0.0.1/~me\n"
         "crawl-delay 1.5\nsitemap http://127.0.0.1/s.xml\n",
         "zcrawl robots answers per URL with the crawl-delay (got %r)" % r.stdout)
    r = run([z, "robots", rfile, "otherbot", "http://127.0.0.1/a"])
    c.ok(r.returncode == 0 and r.stdout.splitlines()[0] == "disallowed http://127.0.0.1/a"
         and "crawl-delay" not in r.stdout, "zcrawl robots: other agents get the * group")
    r = subprocess.run([z, "robots", "-", "zcrawl", "http://127.0.0.1/p"], input="User-agent: zcrawl\n"
                       "Disallow: /p\n", capture_output=True, text=True, timeout=20)
    c.ok(r.returncode == 0 and r.stdout == "disallowed http://127.0.0.1/p\n", "zcrawl robots reads -")
    r = run([z, "robots", rfile, "zcrawl", "http://127.0.0.1/", "not a url"])
    c.ok(r.returncode == 2 and r.stdout == "" and "not a url" in r.stderr,
         "zcrawl robots: a bad URL exits 2")
    r = run([z, "robots", rfile, "zcrawl"])
    c.ok(r.returncode == 2 and r.stdout == "", "zcrawl robots without a URL exits 2")
    r = run([z, "robots", os.path.join(rdir, "missing.txt"), "zcrawl", "http://127.0.0.1/"])
    c.ok(r.returncode == 1 and "missing.txt" in r.stderr, "zcrawl robots: unreadable FILE exits 1")
    r = run([z, "--help"])
    c.ok("robots" in r.stdout, "zcrawl --help lists robots")
    # Every flag of every binary is documented in the README.
    import re
    readme = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "README.md")).read()
    for cmd in [[s] for s in STAGES] + [["zcrawl", "run"], ["zcrawl", "seed"], ["zcrawl", "parse"]]:
        r = run([os.path.join(a.bin, cmd[0])] + cmd[1:] + ["--help"])
        flags = set(re.findall(r"^  (--[a-z][a-z0-9-]*)", r.stdout, re.M)) - {"--help", "--version"}
        missing = sorted(f for f in flags if "`%s`" % f not in readme)
        c.ok(not missing, "README documents every flag of %s (missing %s)" % (" ".join(cmd), missing))
    c.done()


if __name__ == "__main__":
    main()
