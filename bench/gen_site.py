#!/usr/bin/python3
"""Generate a deterministic static HTML site for crawler benchmarks.

Usage: gen_site.py OUT_DIR [--pages 20000] [--seed 1] [--base-url http://127.0.0.1:18080]

Layout (N = --pages, counting index.html):
    OUT_DIR/index.html            page 0
    OUT_DIR/dNNN/pI.html          page I (1 <= I < N), dNNN = I // 100 (100 pages per dir)
    OUT_DIR/static/*.css          shared stylesheets (not HTML pages)

Exactly N HTML pages exist, every one reachable from /index.html: page i always
links to page i+1 (plus 20-60 links in total, to random pages, with a mix of
relative, ./relative, ../relative, root-relative, absolute (only with --base-url),
fragment-bearing and duplicate forms). Pages are 15-40 KB each.

Traps a correct crawler must NOT follow (they all point under /trap/, which does
not exist, so they show up as 404s in the server log): "<a href" text inside
JavaScript strings in a <script> block, and inside an HTML comment.
mailto:/javascript:/tel: links are also present (not fetchable).

Output is a pure function of (pages, seed, base-url).
"""
import argparse
import os
import random
import shutil
import sys

PAGES_PER_DIR = 100

WORDS = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
    "exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure "
    "in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur excepteur "
    "sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim "
    "id est laborum curabitur pretium tincidunt lacus nulla gravida orci a odio nullam "
    "varius turpis et commodo pharetra est eros bibendum elit nec luctus magna felis "
    "sollicitudin mauris integer dapibus diam vel sapien fermentum vulputate praesent "
    "mattis suscipit tellus crawler frontier broker parser queue fetch robots sitemap"
).split()

CSS = {
    "main.css": "body{font-family:sans-serif;margin:0 auto;max-width:60em}\n"
                "nav a{margin-right:.5em}\n.footer{color:#666;font-size:small}\n",
    "theme.css": "a{color:#0645ad}a:visited{color:#0b0080}\nh1,h2{font-weight:normal}\n",
    "print.css": "nav,.footer{display:none}\n",
}


def page_path(i):
    """Site path (no leading slash) of page i."""
    if i == 0:
        return "index.html"
    return "d%03d/p%d.html" % (i // PAGES_PER_DIR, i)


def page_dir(i):
    return "" if i == 0 else "d%03d" % (i // PAGES_PER_DIR)


def make_pools(rng):
    sentences = []
    for _ in range(3000):
        n = rng.randint(6, 18)
        s = " ".join(rng.choice(WORDS) for _ in range(n))
        sentences.append(s[0].upper() + s[1:] + ".")
    paragraphs = []
    for _ in range(1500):
        n = rng.randint(3, 9)
        paragraphs.append(" ".join(rng.choice(sentences) for _ in range(n)))
    return sentences, paragraphs


class Gen:
    def __init__(self, n, seed, base_url):
        self.n = n
        self.seed = seed
        self.base = base_url.rstrip("/") if base_url else None
        self.sentences, self.paragraphs = make_pools(random.Random(seed * 7919 + 17))

    def href(self, rng, src, dst):
        """A link from page src to page dst, in a randomly chosen (valid) form."""
        target = page_path(dst)
        sd, dd = page_dir(src), page_dir(dst)
        r = rng.random()
        if self.base and r < 0.08:
            h = "%s/%s" % (self.base, target)
        elif r < 0.30:
            h = "/" + target
        elif sd == dd:
            name = target.rsplit("/", 1)[-1]
            h = ("./" + name) if r < 0.45 else name
        elif sd == "":
            h = ("./" + target) if r < 0.45 else target
        elif dd == "":
            h = "../" + target
        else:
            h = "../" + target
        if rng.random() < 0.12:
            h += "#sec%d" % rng.randint(1, 5)
        return h

    def anchor(self, rng, href, text):
        r = rng.random()
        if r < 0.70:
            return '<a href="%s">%s</a>' % (href, text)
        if r < 0.85:
            return "<a class=\"lnk\" href='%s' title=\"%s\">%s</a>" % (href, text, text)
        if r < 0.93:
            return '<A HREF="%s">%s</A>' % (href, text)
        return '<a\n   data-id="%d"\n   href="%s"\n>%s</a>' % (rng.randint(1, 10**6), href, text)

    def page(self, i):
        rng = random.Random((self.seed << 32) ^ (i * 2654435761))
        n = self.n
        target_size = rng.randint(15 * 1024 + 200, 40 * 1024 - 800)
        nlinks = rng.randint(20, 60)

        # Link targets: the chain link (i+1) guarantees reachability; nav menu;
        # random pages; some duplicates.
        nav_targets = [0] + [rng.randrange(n) for _ in range(5)]
        body_targets = []
        if i + 1 < n:
            body_targets.append(i + 1)
        if i > 0:
            body_targets.append(i - 1)
        while len(nav_targets) + len(body_targets) < nlinks:
            if body_targets and rng.random() < 0.08:
                body_targets.append(rng.choice(body_targets))       # duplicate
            elif rng.random() < 0.5:
                body_targets.append(min(n - 1, max(0, i + rng.randint(-150, 150))))
            else:
                body_targets.append(rng.randrange(n))
        rng.shuffle(body_targets)

        out = []
        w = out.append
        w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        w("<title>Page %d</title>\n" % i)
        w("<meta name=\"description\" content=\"%s\">\n" % rng.choice(self.sentences))
        w('<link rel="stylesheet" href="/static/main.css">\n')
        w('<link rel="stylesheet" href="/static/theme.css" type="text/css">\n')
        w('<link rel="stylesheet" media="print" href="/static/print.css">\n')
        w("<script>\n")
        w("  // Trap: a crawler must not extract links from inside JS strings.\n")
        w("  var tpl = '<a href=\"/trap/js%d.html\">more</a>';\n" % i)
        w("  var tpl2 = \"<a href='/trap/js%d-b.html'>next</a>\";\n" % i)
        w("  function render(el, n) {\n    var s = '';\n"
          "    for (var k = 0; k < n; k++) { s += '<li><a href=\"/trap/item' + k + '.html\">' + k + '</a></li>'; }\n"
          "    if (n < 3 && el) { el.innerHTML = s + tpl + tpl2; }\n    return s;\n  }\n")
        w("  document.addEventListener('DOMContentLoaded', function () { render(null, 0); });\n")
        w("</script>\n</head>\n<body>\n")
        w("<!-- old nav, disabled: <a href=\"/trap/comment%d.html\">old</a> -->\n" % i)
        w("<header><h1>Page %d</h1></header>\n<nav class=\"menu\">\n<ul>\n" % i)
        for k, t in enumerate(nav_targets):
            label = "Home" if t == 0 else "Topic %d" % t
            w("  <li>%s</li>\n" % self.anchor(rng, self.href(rng, i, t), label))
        w("  <li><a href=\"mailto:webmaster@example.invalid\">Contact</a></li>\n")
        w("  <li><a href=\"javascript:void(0)\" onclick=\"render(null,1)\">Menu</a></li>\n")
        w("</ul>\n</nav>\n<main>\n")

        # Distribute body links over paragraphs; whatever is left when the page
        # nears its target size goes into a "Related pages" list.
        size = sum(len(s) for s in out) + 200
        sec = 0
        bt = list(body_targets)
        while size + 60 * len(bt) < target_size:
            if sec < 5 and rng.random() < 0.15:
                sec += 1
                s = "<h2 id=\"sec%d\">Section %d</h2>\n" % (sec, sec)
                w(s)
                size += len(s)
            para = rng.choice(self.paragraphs)
            if bt and rng.random() < 0.35:
                links = []
                for _ in range(min(rng.randint(1, 3), len(bt))):
                    t = bt.pop()
                    links.append(self.anchor(rng, self.href(rng, i, t), "see page %d" % t))
                cut = para.find(" ", rng.randrange(len(para)))
                if cut < 0:
                    cut = len(para)
                para = para[:cut] + " " + ", ".join(links) + para[cut:]
            s = "<p>%s</p>\n" % para
            w(s)
            size += len(s)
        if bt:
            w("<h2>Related pages</h2>\n<ul class=\"related\">\n")
            for t in bt:
                w("  <li>%s</li>\n" % self.anchor(rng, self.href(rng, i, t), "Page %d" % t))
            w("</ul>\n")
        w("</main>\n<footer class=\"footer\"><p>Generated page %d of %d. "
          "<a href=\"tel:+10000000000\">Call</a></p></footer>\n</body>\n</html>\n" % (i, n))
        return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base-url", default=None,
                    help="if given (e.g. http://127.0.0.1:18080), ~8%% of links are absolute URLs on it")
    ap.add_argument("--force", action="store_true", help="overwrite a non-empty OUT_DIR")
    a = ap.parse_args()
    if a.pages < 2:
        ap.error("--pages must be >= 2")
    if os.path.exists(a.out_dir) and os.listdir(a.out_dir):
        if not a.force:
            ap.error("%s exists and is not empty (use --force)" % a.out_dir)
        shutil.rmtree(a.out_dir)
    os.makedirs(os.path.join(a.out_dir, "static"), exist_ok=True)
    for name, body in CSS.items():
        with open(os.path.join(a.out_dir, "static", name), "w") as f:
            f.write(body)
    g = Gen(a.pages, a.seed, a.base_url)
    total = 0
    smin, smax = 1 << 30, 0
    made_dirs = set()
    for i in range(a.pages):
        d = page_dir(i)
        if d and d not in made_dirs:
            os.makedirs(os.path.join(a.out_dir, d), exist_ok=True)
            made_dirs.add(d)
        data = g.page(i).encode("utf-8")
        with open(os.path.join(a.out_dir, page_path(i)), "wb") as f:
            f.write(data)
        total += len(data)
        smin, smax = min(smin, len(data)), max(smax, len(data))
    print("gen_site: %d pages in %d dirs, %.1f MB, page size %d..%d bytes -> %s"
          % (a.pages, len(made_dirs), total / 1e6, smin, smax, a.out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
