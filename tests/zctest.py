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
import urllib.request

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


def http_get(port, path, timeout=5):
    """GET http://127.0.0.1:port/path: (status, body), or (None, the error) without an answer."""
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=timeout) as r:
            return r.status, r.read()
    except Exception as e:  # noqa: BLE001 - any failure is "no answer"
        return None, str(e).encode()


# --- common/zc_shard.c (with zc_hash64 of common/zc_util.c): the producer shard of a host ---
_U64 = (1 << 64) - 1
_SHARD_SEED = 0x7a637261776c5348


def _mix(h):
    h ^= h >> 33
    h = (h * 0xff51afd7ed558ccd) & _U64
    h ^= h >> 33
    h = (h * 0xc4ceb9fe1a85ec53) & _U64
    return h ^ (h >> 33)


def hash64(data, seed):
    """zc_hash64: little-endian 8-byte words."""
    n, i = len(data), 0
    h = (seed ^ (0x9e3779b97f4a7c15 * (n + 1))) & _U64
    while n - i >= 8:
        h = (_mix(h ^ int.from_bytes(data[i:i + 8], "little")) + 0x9e3779b97f4a7c15) & _U64
        i += 8
    return _mix(h ^ int.from_bytes(data[i:], "little") ^ (((n - i) << 56) & _U64))


def jump(key, n):
    """Jump consistent hash (zc_shard_jump): the bucket of key in [0, n)."""
    b, j = -1, 0
    while j < n:
        b = j
        key = (key * 2862933555777941757 + 1) & _U64
        j = int(float(b + 1) * (float(1 << 31) / float((key >> 33) + 1)))
    return b


def shard_of(hostkey, n):
    """The shard that owns a host key (scheme://host[:port]) among n."""
    return jump(hash64(hostkey.encode(), _SHARD_SEED), n)
