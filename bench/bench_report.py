#!/usr/bin/python3
"""Render crawl_bench.sh results as a markdown table on stdout, optionally also
into --report FILE.

Run i of TOOL left WORK/TOOL.i.measure.json (measure.py) and WORK/TOOL.i.extra.json
(pages, nginx requests/statuses, run order). Per tool the table gives the median
over its runs of each figure (pages/s and CPU ms/page are computed per run, then
the median is taken), the min-max range of pages/s, and the run count; ratios
between tools are median/median. A per-run table follows when a tool ran twice
or more."""
import argparse
import glob
import json
import os
import statistics


def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return None


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def fmt_rate(v):
    """pages/s: whole numbers from 100 up, one decimal below."""
    if v is None:
        return "-"
    return format(v, ".0f" if v >= 100 else ".1f")


def median(vals):
    vals = [v for v in vals if v is not None]
    return statistics.median(vals) if vals else None


def same_or_range(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "-"
    lo, hi = min(vals), max(vals)
    return str(lo) if lo == hi else "%s–%s" % (lo, hi)


class Run:
    def __init__(self, tool, idx, x, m):
        self.tool, self.idx, self.x, self.m = tool, idx, x, m
        self.pages = x.get("pages", 0)
        self.seq = x.get("seq", 0)
        self.note = x.get("note") or ""
        self.measured = m is not None
        if m is None:
            self.wall = self.pps = self.cpu_ms = self.rss = None
            return
        self.wall = m.get("wall_s")
        self.pps = self.pages / self.wall if self.wall else None
        self.cpu_ms = m["cpu_s"] * 1000.0 / self.pages if self.pages else None
        self.rss = m.get("peak_rss_mb")

    def problems(self, expect):
        """Short flags for this run: timeout, bad exit, short page count."""
        out = []
        if self.m is not None:
            if self.m.get("timed_out"):
                out.append("TIMEOUT")
            if self.m.get("exit_code") not in (0, None):
                out.append("exit %s" % self.m["exit_code"])
        elif not self.note:
            out.append("no measurement")
        if expect and not self.note and self.pages != expect:
            out.append("%d/%d pages" % (self.pages, expect))
        return out


def tool_runs(work, tool):
    prefix = os.path.join(work, tool + ".")
    runs = []
    for path in glob.glob(glob.escape(prefix) + "*.extra.json"):
        idx = path[len(prefix):-len(".extra.json")]
        if not idx.isdigit():
            continue
        x = load(path) or {}
        m = load("%s%s.measure.json" % (prefix, idx))
        runs.append(Run(tool, int(idx), x, m))
    return sorted(runs, key=lambda r: r.idx)


def table(head, rows, right):
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(len(head))]

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(c.rjust(widths[i]) if i in right else c.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    lines = [line(head),
             "|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2))
                            for i, w in enumerate(widths)) + "|"]
    lines.extend(line(r) for r in rows)
    return lines


def order_note(tools, nruns):
    """How the runs were ordered, for the tools that ran more than once."""
    ran = [t for t in ("zcrawl", "wget2", "scrapy") if t in tools and nruns.get(t)]
    if len(ran) < 2 or max(nruns[t] for t in ran) < 2:
        return ""
    if "zcrawl" in ran and "wget2" in ran:
        s = " zcrawl and wget2 runs alternate (zcrawl, wget2, zcrawl, ...)"
        if "scrapy" in ran:
            s += ", a Scrapy run follows wget2 in each of the first rounds"
        return s + "."
    return " Runs alternate between the tools (%s, ...), round by round." % ", ".join(ran)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--meta", default="")
    ap.add_argument("--report")
    ap.add_argument("--expect-pages", type=int, default=0,
                    help="pages every run should get; other counts are flagged")
    ap.add_argument("tools", nargs="+")
    a = ap.parse_args()
    expect = a.expect_pages

    rows = []
    med_pps, med_cpu, nruns, all_runs = {}, {}, {}, {}
    for t in a.tools:
        runs = tool_runs(a.work, t)
        all_runs[t] = runs
        done = [r for r in runs if r.measured]
        nruns[t] = len(done)
        notes = [r.note for r in runs if r.note]
        if not done:
            pages = same_or_range([r.pages for r in runs]) if runs else "0"
            rows.append([t, "0", pages, "-", "-", "-", "-", "-", "-", "-",
                         "; ".join(notes) or "not run"])
            continue
        pps = [r.pps for r in done]
        med_pps[t] = median(pps)
        med_cpu[t] = median([r.cpu_ms for r in done])
        rate = fmt_rate(med_pps[t])
        valid = [v for v in pps if v is not None]
        if len(valid) > 1:
            rate += " (%s–%s)" % (fmt_rate(min(valid)), fmt_rate(max(valid)))
        multi = len(runs) > 1
        for r in runs:
            probs = r.problems(expect)
            if probs:
                notes.append(("run %d: " % r.idx if multi else "") + ", ".join(probs))
        short = [r for r in runs if expect and not r.note and r.pages != expect]
        if short:
            notes.insert(0, "WARNING: %d of %d runs did not get all %d pages"
                         % (len(short), len(runs), expect))
        traps = [r.x.get("trap_requests", 0) for r in runs]
        if any(traps):
            notes.append("trap URLs fetched (up to %d in one run)" % max(traps))
        rows.append([t, str(len(done)), same_or_range([r.pages for r in done]),
                     fmt(median([r.wall for r in done]), ".2f"), rate,
                     fmt(med_cpu[t], ".3f"), fmt(median([r.rss for r in done]), ".1f"),
                     same_or_range([r.x.get("requests") for r in done]),
                     same_or_range([r.x.get("non_200") for r in done]),
                     str(max((r.m.get("max_procs", 0) for r in done), default=0)),
                     "; ".join(notes)])

    lines = []
    if a.meta:
        lines.append(a.meta)
        lines.append("")
    counts = sorted({n for t, n in nruns.items() if n})
    if len(counts) == 1:
        lines.append("Each figure is the median of %d run%s per tool; pages/s also shows "
                     "the min–max over the runs." % (counts[0], "" if counts[0] == 1 else "s"))
    elif counts:
        lines.append("Each figure is the median of the tool's runs (%s); pages/s also shows "
                     "the min–max over the runs." % ", ".join(
                         "%s: %d" % (t, n) for t, n in nruns.items() if n))
    lines.append("")
    lines += table(["tool", "runs", "pages", "wall s", "pages/s", "CPU ms/page",
                    "peak RSS MB", "requests", "non-200", "procs", "notes"],
                   rows, {1, 2, 3, 4, 5, 6, 7, 8, 9})
    lines.append("")

    for other in ("scrapy", "wget2"):
        if "zcrawl" not in a.tools or other not in a.tools:
            continue
        z, o = med_pps.get("zcrawl"), med_pps.get(other)
        if not (z and o):
            lines.append("- pages/s ratio zcrawl/%s: n/a (a run is missing)" % other)
            continue
        r = z / o
        pair = ""
        zr = {x.idx: x.pps for x in all_runs["zcrawl"] if x.pps}
        orr = {x.idx: x.pps for x in all_runs[other] if x.pps}
        both = sorted(set(zr) & set(orr))
        if len(both) > 1:
            pr = [zr[i] / orr[i] for i in both]
            pair = "; run by run (zcrawl i / %s i): %.2f–%.2fx" % (other, min(pr), max(pr))
        lines.append("- pages/s ratio zcrawl/%s (medians): %.2fx, zcrawl %s%s"
                     % (other, r, "faster" if r >= 1 else "slower", pair))
        zc, oc = med_cpu.get("zcrawl"), med_cpu.get(other)
        if zc and oc:
            c = oc / zc
            lines.append("- CPU ms/page ratio %s/zcrawl (medians): %.2fx, i.e. zcrawl uses "
                         "%.2fx %s CPU per page than %s"
                         % (other, c, c if c >= 1 else 1 / c,
                            "less" if c >= 1 else "more", other))
    lines.append("")
    lines.append("wall s: process start to exit; CPU: user+sys of the crawler's whole process "
                 "tree (nginx excluded); peak RSS: max over 50 ms samples of the summed tree "
                 "RSS (MiB); requests/non-200: from the nginx access log for that run. "
                 "Medians per tool over its runs (an even count gives the mean of the middle "
                 "two); pages/s and CPU ms/page are computed per run before taking the median; "
                 "pages/requests/non-200 show a range when runs differ, procs the max."
                 + order_note(a.tools, nruns))

    multi = [r for t in a.tools for r in all_runs[t] if r.measured]
    if any(len(all_runs[t]) > 1 for t in a.tools):
        multi.sort(key=lambda r: (r.seq, r.tool, r.idx))
        prow = [[str(r.seq), r.tool, str(r.idx), str(r.pages), fmt(r.wall, ".2f"),
                 fmt_rate(r.pps), fmt(r.cpu_ms, ".3f"), fmt(r.rss, ".1f"),
                 str(r.x.get("requests", "-")), str(r.x.get("non_200", "-")),
                 ", ".join(r.problems(expect))] for r in multi]
        lines.append("")
        lines.append("Per run, in run order:")
        lines.append("")
        lines += table(["#", "tool", "run", "pages", "wall s", "pages/s", "CPU ms/page",
                        "peak RSS MB", "requests", "non-200", "notes"],
                       prow, {0, 2, 3, 4, 5, 6, 7, 8, 9})
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if a.report:
        with open(a.report, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
