#!/usr/bin/python3
"""Parser benchmark: link-and-title extraction over the crawl benchmark's
corpus, one core, zcrawl vs lxml vs BeautifulSoup, side by side in one run.

    bench/parse_bench.py [--pages 20000] [--runs 3] [--bs-files 2000] [--zcrawl PATH]

- zcrawl: `zcrawl parse --base URL FILE...` (the parser stage's own code: title,
  outlinks resolved and normalized, JSON lines out), in batches of files per
  process, run one after the other; CPU = user+sys of those processes.
- lxml: lxml.html.document_fromstring per file, the title, iterlinks() with
  each link made absolute with urljoin (what a crawler needs), in-process CPU.
- BeautifulSoup (html.parser): soup.title and every a/area/link/frame/iframe
  href/src made absolute, on the first --bs-files files (it is slow; its rate
  is per byte, so a subset measures it fairly).
All read the files themselves. MB/s = corpus bytes / CPU seconds. zcrawl and
lxml run --runs times interleaved; medians are reported. Then callgrind counts
zcrawl's instructions per byte on the first 300 files: a figure that does not
depend on machine noise.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from urllib.parse import urljoin

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BATCH = 2000  # files per zcrawl parse process


def corpus(pages):
    site = os.path.join(HERE, ".cache", "site-p%d-s1-port18080" % pages)
    if not os.path.isdir(site):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_site.py"), site, "--pages",
                        str(pages), "--base-url", "http://127.0.0.1:18080"], check=True)
    files = []
    for root, _, names in os.walk(site):
        files += [os.path.join(root, n) for n in names if n.endswith(".html")]
    files.sort()
    return site, files


def base_of(site, f):
    return "http://127.0.0.1:18080/" + os.path.relpath(f, site)


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_zcrawl(zcrawl, site, files):
    """One pass over the files; the base URL is the site root (links in the corpus
    are root-relative, absolute or relative to their own folder: the same
    base for all keeps the batch to one process per BATCH files)."""
    c0, t0, links = cpu_children(), time.time(), 0
    for i in range(0, len(files), BATCH):
        out = subprocess.run([zcrawl, "parse", "--base", base_of(site, files[i])] + files[i:i + BATCH],
                             stdout=subprocess.PIPE, check=True).stdout
        links += out.count(b'"http')
    return cpu_children() - c0, time.time() - t0, links


def run_lxml(site, files):
    import lxml.html
    c0, t0, links = cpu_self(), time.time(), 0
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        base = base_of(site, f)
        doc = lxml.html.document_fromstring(data)
        doc.findtext(".//title")
        seen = set()
        for _el, _attr, link, _pos in doc.iterlinks():
            u = urljoin(base, link.strip()).split("#", 1)[0]
            if u not in seen:
                seen.add(u)
        links += len(seen)
    return cpu_self() - c0, time.time() - t0, links


def run_bs(site, files):
    from bs4 import BeautifulSoup
    c0, t0, links = cpu_self(), time.time(), 0
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        base = base_of(site, f)
        soup = BeautifulSoup(data, "html.parser")
        _ = soup.title.string if soup.title else None
        seen = set()
        for tag in soup.find_all(["a", "area", "link", "frame", "iframe"]):
            v = tag.get("href") or tag.get("src")
            if v:
                u = urljoin(base, v.strip()).split("#", 1)[0]
                seen.add(u)
        links += len(seen)
    return cpu_self() - c0, time.time() - t0, links


def size(files):
    return sum(os.path.getsize(f) for f in files)


def callgrind(zcrawl, site, files):
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          zcrawl, "parse", "--base", base_of(site, files[0])] + files,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[1].strip().replace(",", ""))
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bs-files", type=int, default=2000)
    ap.add_argument("--zcrawl", default=os.path.join(REPO, "build", "bin", "zcrawl"))
    ap.add_argument("--report", help="also write the markdown table here")
    a = ap.parse_args()
    site, files = corpus(a.pages)
    total = size(files)
    mb = total / 1e6
    for f in files:  # warm the page cache so every tool reads from memory
        with open(f, "rb") as fh:
            fh.read()
    z, lx = [], []
    for _ in range(a.runs):
        z.append(run_zcrawl(a.zcrawl, site, files))
        lx.append(run_lxml(site, files))
    bs_files = files[:a.bs_files]
    bs = run_bs(site, bs_files)
    cg_files = files[:300]
    ir = callgrind(a.zcrawl, site, cg_files)

    zr = statistics.median(mb / c for c, _, _ in z)
    lr = statistics.median(mb / c for c, _, _ in lx)
    br = size(bs_files) / 1e6 / bs[0]
    rows = [
        ("zcrawl parse", len(files), mb, zr, "%d runs, range %.0f–%.0f" % (
            len(z), min(mb / c for c, _, _ in z), max(mb / c for c, _, _ in z)), z[0][2]),
        ("lxml %s" % __import__("lxml").__version__, len(files), mb, lr, "%d runs, range %.0f–%.0f" % (
            len(lx), min(mb / c for c, _, _ in lx), max(mb / c for c, _, _ in lx)), lx[0][2]),
        ("BeautifulSoup %s (html.parser)" % __import__("bs4").__version__, len(bs_files),
         size(bs_files) / 1e6, br, "1 run, first %d files" % len(bs_files), bs[2]),
    ]
    lines = ["corpus: %d pages, %.1f MB (bench/gen_site.py), one core; %s" % (
        len(files), mb, time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())), "",
        "| parser | files | MB | MB/s per core (median) | runs | links found |",
        "|---|--:|--:|--:|---|--:|"]
    for name, n, m, rate, note, links in rows:
        lines.append("| %s | %d | %.1f | %.1f | %s | %d |" % (name, n, m, rate, note, links))
    lines.append("")
    lines.append("- zcrawl / lxml: %.1fx" % (zr / lr))
    lines.append("- zcrawl / BeautifulSoup: %.1fx" % (zr / br))
    if ir:
        cgb = size(cg_files)
        lines.append("- callgrind: %d instructions for %d bytes (%d files, whole `zcrawl parse` "
                     "process incl. start-up and JSON output): %.2f instructions per byte" % (
                         ir, cgb, len(cg_files), ir / cgb))
    text = "\n".join(lines)
    print(text)
    if a.report:
        with open(a.report, "w") as f:
            f.write(text + "\n")
    print(json.dumps({"zcrawl_mb_s": zr, "lxml_mb_s": lr, "bs_mb_s": br,
                      "ir_per_byte": ir / size(cg_files) if ir else None}))


if __name__ == "__main__":
    main()
