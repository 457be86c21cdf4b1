"""Shared helpers of zcrawl's integration tests.

Every process a test starts is recorded and stopped by PID at exit; every wait
is bounded. Traffic goes only to servers the tests start on 127.0.0.0/8.
"""
import argparse
import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

_procs = []


def args():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True, help="folder holding the zcrawl binaries")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return p.parse_args()


def free_port(host="127.0.0.1"):
    s = socket.socket()
    s.bind((host, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def tmpdir(keep=False):
    d = tempfile.mkdtemp(prefix="zctest.")
    if not keep:
        import shutil
        atexit.register(shutil.rmtree, d, True)
    return d


def start(cmd, log=None, env=None, **kw):
    """Starts a process in its own process group and records it."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT if log else None,
                         env=env, start_new_session=True, **kw)
    _procs.append(p)
    return p


def stop(p, sig=signal.SIGTERM, timeout=20):
    """Stops p by PID (its group too); returns its exit code."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            pass
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(5)
    return p.returncode


@atexit.register
def _cleanup():
    for p in _procs:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(5)


def wait_for(pred, timeout, what, step=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(step)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


def read_jsonl(path):
    out = []
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.endswith(b"\n"):
                raise AssertionError("%s:%d: line without newline" % (path, n))
            out.append(json.loads(line))
    return out


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


class Checks:
    """Counts assertions and prints the closing line ctest reads."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def ok(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: %s" % what, flush=True)
        return cond

    def done(self):
        print("%s: %d passed, %d failed" % (self.name, self.passed, self.failed), flush=True)
        sys.exit(1 if self.failed else 0)
