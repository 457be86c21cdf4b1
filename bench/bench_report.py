#!/usr/bin/python3
"""Render crawl_bench.sh results (WORK/TOOL.measure.json + WORK/TOOL.extra.json)
as a markdown table on stdout, optionally also into --report FILE."""
import argparse
import json
import os


def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return None


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--meta", default="")
    ap.add_argument("--report")
    ap.add_argument("tools", nargs="+")
    a = ap.parse_args()

    rows = []
    rate = {}
    for t in a.tools:
        m = load(os.path.join(a.work, t + ".measure.json"))
        x = load(os.path.join(a.work, t + ".extra.json")) or {}
        pages = x.get("pages", 0)
        note = x.get("note") or ""
        if m is None:
            rows.append([t, str(pages), "-", "-", "-", "-", "-", "-", "-", note or "not run"])
            continue
        wall = m["wall_s"]
        pps = pages / wall if wall > 0 and pages else None
        cpu_ms = m["cpu_s"] * 1000.0 / pages if pages else None
        rate[t] = pps
        notes = []
        if m.get("timed_out"):
            notes.append("TIMEOUT")
        if m.get("exit_code") not in (0, None):
            notes.append("exit %s" % m["exit_code"])
        if x.get("trap_requests"):
            notes.append("%d trap URLs fetched" % x["trap_requests"])
        if note:
            notes.append(note)
        rows.append([t, str(pages), fmt(wall, ".2f"), fmt(pps, ".1f"), fmt(cpu_ms, ".3f"),
                     fmt(m.get("peak_rss_mb"), ".1f"), str(x.get("requests", "-")),
                     str(x.get("non_200", "-")), str(m.get("max_procs", "-")),
                     "; ".join(notes)])

    head = ["tool", "pages", "wall s", "pages/s", "CPU ms/page", "peak RSS MB",
            "requests", "non-200", "procs", "notes"]
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(len(head))]
    right = {1, 2, 3, 4, 5, 6, 7, 8}

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(c.rjust(widths[i]) if i in right else c.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    lines = []
    if a.meta:
        lines.append(a.meta)
        lines.append("")
    lines.append(line(head))
    lines.append("|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2))
                                for i, w in enumerate(widths)) + "|")
    for r in rows:
        lines.append(line(r))
    lines.append("")
    for other in ("scrapy", "wget2"):
        z, o = rate.get("zcrawl"), rate.get(other)
        if z and o:
            lines.append("- pages/s ratio zcrawl/%s: %.2fx" % (other, z / o))
        elif "zcrawl" in a.tools and other in a.tools:
            lines.append("- pages/s ratio zcrawl/%s: n/a (a run is missing)" % other)
    lines.append("")
    lines.append("wall s: process start to exit; CPU: user+sys of the crawler's whole process "
                 "tree (nginx excluded); peak RSS: max over 50 ms samples of the summed tree "
                 "RSS (MiB); requests/non-200: from the nginx access log for that run.")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if a.report:
        with open(a.report, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
