#!/usr/bin/python3
"""Run a command and measure wall time, CPU time and peak RSS of its whole process tree.

Usage: measure.py [--timeout S] [--interval S] [--json-out FILE] -- CMD [ARGS...]

The command runs in its own session / process group. Every --interval seconds
(default 0.05) the tree is re-discovered from /proc: the root pid, all of its
descendants (children, grandchildren, ...) and any process still in its session
(catches daemonised children that were re-parented to init). At the end one
JSON line is printed on stdout (and written to --json-out if given):

  wall_s       spawn -> root reaped (monotonic clock)
  cpu_s        max(cpu_rusage_s, cpu_proc_s)
  cpu_rusage_s getrusage(RUSAGE_CHILDREN) user+sys delta; counts every process
               of the tree that was waited for by its parent
  cpu_proc_s   max over samples of sum(utime+stime+cutime+cstime) of the live
               tree members (/proc/PID/stat) - cross-check for processes whose
               parents never waited for them
  peak_rss_mb  max over samples of the summed RSS of the tree, MiB. The first
               samples are denser (5, 10, 20, 40 ms apart) so short runs get some.
  maxrss_single_mb  getrusage(RUSAGE_CHILDREN).ru_maxrss, informational only: the
               largest single waited-for process; on Linux it includes the
               pre-exec fork of measure.py itself (~10 MB), so it is not used.
  samples      number of samples taken
  max_procs    largest number of processes seen in the tree at one sample
  exit_code    exit status of the root (negative = killed by that signal)
  timed_out    true if --timeout fired (the process group was killed)
  strays       processes of the group still alive after the root exited
               (they are killed: SIGTERM, then SIGKILL)

measure.py itself exits with the command's exit status (128+signal if killed,
124 on timeout).
"""
import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def read_stat(pid):
    """-> (ppid, pgrp, session, cpu_ticks_incl_children, rss_pages) or None."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read()
    except OSError:
        return None
    # comm may contain spaces/parens: split after the last ')'
    rest = data[data.rfind(b")") + 2:].split()
    # rest[0] = state (field 3); field N is rest[N-3]
    try:
        if rest[0] == b"Z":
            return None          # zombie: its times are not yet in the parent; RSS 0
        ppid, pgrp, sess = int(rest[1]), int(rest[2]), int(rest[3])
        utime, stime, cutime, cstime = (int(x) for x in rest[11:15])
        rss = int(rest[21])
    except (IndexError, ValueError):
        return None
    return ppid, pgrp, sess, utime + stime + cutime + cstime, rss


def all_stats():
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = read_stat(int(name))
            if st is not None:
                out[int(name)] = st
    return out


def tree(root):
    """Stats of root, its descendants and its session members."""
    stats = all_stats()
    kids = {}
    for pid, st in stats.items():
        kids.setdefault(st[0], []).append(pid)
    members = set()
    todo = [root]
    while todo:
        p = todo.pop()
        if p in members:
            continue
        members.add(p)
        todo.extend(kids.get(p, ()))
    for pid, st in stats.items():
        if st[2] == root:            # same session (session id == root pid)
            members.add(pid)
    return {p: stats[p] for p in members if p in stats}


def live_group(pgid):
    """Non-zombie processes whose process group or session is pgid."""
    return [p for p, st in all_stats().items() if st[1] == pgid or st[2] == pgid]


def kill_group(pgid, grace, proc=None):
    """SIGTERM the group, wait up to grace seconds for it to vanish, then SIGKILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        end = time.monotonic() + (grace if sig == signal.SIGTERM else 2.0)
        while time.monotonic() < end:
            if proc is not None:
                proc.poll()          # reap the root so it does not linger as a zombie
            if not live_group(pgid):
                return
            time.sleep(0.05)


def main():
    ap = argparse.ArgumentParser(usage="%(prog)s [options] -- CMD [ARGS...]",
                                 description="Measure wall/CPU/peak RSS of a process tree.")
    ap.add_argument("--timeout", type=float, default=0,
                    help="kill the process group after this many seconds (0 = none)")
    ap.add_argument("--interval", type=float, default=0.05, help="sampling period, s")
    ap.add_argument("--grace", type=float, default=5.0,
                    help="seconds between SIGTERM and SIGKILL when killing")
    ap.add_argument("--json-out", help="also write the JSON line to this file")
    ap.add_argument("--label", help="copied into the JSON as \"label\"")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command given (use: measure.py [opts] -- CMD ...)")

    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, start_new_session=True)
    except OSError as e:
        print("measure.py: cannot run %s: %s" % (cmd[0], e), file=sys.stderr)
        return 127
    pid = proc.pid

    # A thread notices the exit at once (waitid WNOWAIT: without reaping, so the
    # main loop can still take a last sample): exact wall time, no sleep latency.
    exited = threading.Event()
    t_end = [None]

    def waiter():
        try:
            os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        except ChildProcessError:      # already reaped by proc.poll() in kill_group
            pass
        t_end[0] = time.monotonic()
        exited.set()
    threading.Thread(target=waiter, daemon=True).start()

    stop = {"sig": None}

    def on_signal(signum, _frame):
        stop["sig"] = signum
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, on_signal)

    peak_rss = 0
    peak_cpu_ticks = 0
    samples = 0
    max_procs = 0
    timed_out = False
    deadline = t0 + a.timeout if a.timeout > 0 else None
    status = None
    while True:
        # Sample before reaping, so the root's own stats are visible.
        members = tree(pid)
        if members:
            samples += 1
            max_procs = max(max_procs, len(members))
            peak_rss = max(peak_rss, sum(st[4] for st in members.values()))
            peak_cpu_ticks = max(peak_cpu_ticks, sum(st[3] for st in members.values()))
        if exited.is_set():
            status = proc.wait()
            break
        if stop["sig"] is not None:
            kill_group(pid, a.grace, proc)
        elif deadline is not None and time.monotonic() >= deadline:
            timed_out = True
            print("measure.py: timeout after %.1fs, killing process group %d" % (a.timeout, pid),
                  file=sys.stderr)
            kill_group(pid, a.grace, proc)
        exited.wait(min(a.interval, 0.005 * (1 << min(samples, 10))))
    wall = (t_end[0] or time.monotonic()) - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)

    # Anything left in the group after the root exited is a stray: count, then kill.
    strays = live_group(pid)
    if strays:
        print("measure.py: %d stray process(es) left in group %d, killing: %s"
              % (len(strays), pid, strays[:10]), file=sys.stderr)
        kill_group(pid, a.grace)

    # ru_maxrss (KiB) of RUSAGE_CHILDREN = largest single waited-for descendant.
    maxrss_single = ru1.ru_maxrss * 1024
    cpu_ru = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    cpu_proc = peak_cpu_ticks / CLK_TCK
    res = {
        "wall_s": round(wall, 3),
        "cpu_s": round(max(cpu_ru, cpu_proc), 3),
        "cpu_rusage_s": round(cpu_ru, 3),
        "cpu_proc_s": round(cpu_proc, 3),
        "peak_rss_mb": round(peak_rss * PAGE / (1024 * 1024), 1),
        "maxrss_single_mb": round(maxrss_single / (1024 * 1024), 1),
        "samples": samples,
        "max_procs": max_procs,
        "exit_code": status,
        "timed_out": timed_out,
        "strays": len(strays),
        "cmd": cmd,
    }
    if a.label:
        res["label"] = a.label
    if stop["sig"] is not None:
        res["interrupted_by_signal"] = stop["sig"]
    line = json.dumps(res)
    print(line, flush=True)
    if a.json_out:
        with open(a.json_out, "w") as f:
            f.write(line + "\n")
    if stop["sig"] is not None:
        return 128 + stop["sig"]
    if timed_out:
        return 124
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
