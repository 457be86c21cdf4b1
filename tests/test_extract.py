"""Extraction rules (--extract NAME=SELECTOR[@attr], SPEC §4).

`zcrawl parse --extract ...` on a small blog page written by the test gives the
raw attribute values and the collapsed texts in document order, one key per
rule; a bad rule is a usage error (exit 2) naming the position, for `zcrawl
parse`, `zcrawl-parser` and `zcrawl run`. Then `zcrawl run --extract ...`
crawls a tiny site served on loopback by python's http.server and every
page's record holds the expected items: every rule on 2xx HTML pages, `{}` on
a text file and on a 404 page."""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zctest  # noqa: E402

CRAWL_TIMEOUT_S = 120
RUN_TIMEOUT_S = 30

INDEX = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Blog</title></head>
<body>
<h1>The <em>zcrawl</em>
    blog</h1>
<div class="post-list">
  <div class="post-item"><a class="post-item-title" href="posts/hello.html">Hello</a>
    <p>First &amp; best.</div>
  <div class="post-item"><a class="post-item-title" href="/posts/second.html">Second</a>
    <p>More.</p></div>
  <div class="post-item"><a class="featured post-item-title"
    href="./posts/third.html?ref=home&amp;x=1">Third</a><img src="/t.png"></div>
  <script>document.write('<a class="post-item-title" href="/trap.html">x</a>')</script>
</div>
<a href="page2.html" class="older">Older posts</a>
<a href="notes.txt">notes</a> <a href="missing.html">gone</a>
</body></html>
"""

PAGE2 = """<!DOCTYPE html><title>Page 2</title><h1>Older posts</h1>
<ul class="post-list"><li><a class="post-item-title" href="posts/fourth.html">Fourth</a>
<li><a class="post-item-titles" href="/">not a post</a></ul>
"""

POST = """<!DOCTYPE html><title>%s</title><h1>%s</h1><p>Text.<p><a href="/">home</a>
"""

POSTS = {"hello": "Hello &amp; welcome", "second": "Second <b>post</b>", "third": "Third",
         "fourth": "Fourth"}

RULES = ["--extract", "post=a.post-item-title@href", "--extract", "title=h1"]


def write_site(root):
    os.makedirs(os.path.join(root, "posts"))
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write(INDEX)
    with open(os.path.join(root, "page2.html"), "w") as f:
        f.write(PAGE2)
    for name, h1 in POSTS.items():
        with open(os.path.join(root, "posts", name + ".html"), "w") as f:
            f.write(POST % (name, h1))
    with open(os.path.join(root, "notes.txt"), "w") as f:
        f.write("<h1>not html</h1>\n")


def run(cmd, timeout=RUN_TIMEOUT_S):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def test_parse(a, d, c):
    z = os.path.join(a.bin, "zcrawl")
    page = os.path.join(d, "index.html")
    with open(page, "w") as f:
        f.write(INDEX)
    r = run([z, "parse", "--base", "http://blog.example/"] + RULES +
            ["--extract", "summary=div.post-item > p", "--extract", "none=table td", page])
    c.ok(r.returncode == 0, "zcrawl parse --extract exits 0 (%s, %s)" % (r.returncode, r.stderr))
    try:
        rec = json.loads(r.stdout)
    except ValueError:
        rec = {}
    want = {"post": ["posts/hello.html", "/posts/second.html", "./posts/third.html?ref=home&x=1"],
            "title": ["The zcrawl blog"],
            "summary": ["First & best.", "More."],
            "none": []}
    c.ok(rec.get("items") == want, "zcrawl parse items: %s" % rec.get("items"))
    c.ok(list(rec.get("items", {})) == ["post", "title", "summary", "none"],
         "items keys in rule order")
    c.ok("http://blog.example/posts/hello.html" in rec.get("outlinks", []),
         "outlinks still resolved against --base")

    # A bad rule is a usage error, with the position and the reason.
    r = run([z, "parse", "--extract", "post=a.post-item-title@href,", page])
    c.ok(r.returncode == 2 and r.stdout == "" and "character 23" in r.stderr and
         "nothing may follow" in r.stderr, "zcrawl parse: bad rule exits 2 (%r)" % r.stderr)
    r = run([z, "parse", "--extract", "a:hover", page])
    c.ok(r.returncode == 2 and "NAME=SELECTOR" in r.stderr, "zcrawl parse: rule without NAME=")
    r = run([os.path.join(a.bin, "zcrawl-parser"), "--extract", "x=div p:first-child"])
    c.ok(r.returncode == 2 and "pseudo-classes" in r.stderr,
         "zcrawl-parser: bad rule exits 2 (%r)" % r.stderr)
    r = run([os.path.join(a.bin, "zcrawl-parser"), "--extract", "x=a", "--extract", "x=b"])
    c.ok(r.returncode == 2 and "used twice" in r.stderr, "zcrawl-parser: duplicate rule names")


def test_run_bad_rule(a, d, c):
    """zcrawl run forwards --extract to the parsers; a parser refusing it ends the run with 2."""
    out = os.path.join(d, "out-bad")
    p = zctest.start([os.path.join(a.bin, "zcrawl"), "run", "--seed", "http://127.0.0.1:9/",
                      "--out", out, "--extract", "x=a..b", "--log-level", "error",
                      "--http", "off"],
                     log=os.path.join(d, "run-bad.log"))
    try:
        p.wait(RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    rc = zctest.stop(p)
    with open(os.path.join(d, "run-bad.log"), errors="replace") as f:
        log = f.read()
    c.ok(rc == 2 and "class name" in log, "zcrawl run with a bad rule exits 2 (%s)" % rc)


def test_crawl(a, d, c):
    root = os.path.join(d, "site")
    write_site(root)
    port = zctest.free_port()
    zctest.start([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory",
                  root, str(port)], log=os.path.join(d, "server.log"))
    zctest.wait_for(lambda: _up(port), 10, "the test server")
    base = "http://127.0.0.1:%d" % port

    out = os.path.join(d, "out")
    p = zctest.start([os.path.join(a.bin, "zcrawl"), "run", "--seed", base + "/", "--out", out,
                      "--delay-ms", "0", "--allow-private", "--log-level", "warn",
                      "--http", "off"] + RULES,
                     log=os.path.join(d, "run.log"))
    try:
        p.wait(CRAWL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    rc = zctest.stop(p)
    c.ok(rc == 0, "zcrawl run --extract exits 0 (got %s)" % rc)

    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    got = {r["url"]: r for r in recs}
    want = {
        base + "/": {"post": ["posts/hello.html", "/posts/second.html",
                              "./posts/third.html?ref=home&x=1"],
                     "title": ["The zcrawl blog"]},
        base + "/page2.html": {"post": ["posts/fourth.html"], "title": ["Older posts"]},
        base + "/posts/hello.html": {"post": [], "title": ["Hello & welcome"]},
        base + "/posts/second.html": {"post": [], "title": ["Second post"]},
        base + "/posts/third.html?ref=home&x=1": {"post": [], "title": ["Third"]},
        base + "/posts/fourth.html": {"post": [], "title": ["Fourth"]},
        base + "/notes.txt": {},
        base + "/missing.html": {},
    }
    c.ok(sorted(got) == sorted(want), "the crawl recorded the site's URLs: %s" % sorted(got))
    for url, items in want.items():
        r = got.get(url)
        c.ok(r is not None and r["items"] == items,
             "items of %s: %s" % (url, r and r["items"]))
    c.ok(got.get(base + "/missing.html", {}).get("status") == 404, "missing.html is a 404")


def _up(port):
    try:
        urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=1)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def main():
    a = zctest.args()
    c = zctest.Checks("test_extract")
    d = zctest.tmpdir(a.keep)
    t0 = time.time()
    test_parse(a, d, c)
    test_run_bad_rule(a, d, c)
    test_crawl(a, d, c)
    print("took %.1fs" % (time.time() - t0))
    c.done()


if __name__ == "__main__":
    main()
