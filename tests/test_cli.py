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
