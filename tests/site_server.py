"""A generated test site served over HTTP/1.1 on loopback, logging every request.

The site model (what each URL returns and which outlinks a crawler must record)
lives here too, so a test can compare a crawl's output with the truth.

    python3 site_server.py --port P --pages N --log FILE [--host 127.0.0.1]
"""
import argparse
import http.server
import sys
import threading

EVERY = 50  # every EVERY-th page also links a redirect, a 404 and an image


def page_html(i, port, pages):
    """The HTML of /p/i.html: links of every kind, plus traps a crawler must skip."""
    n = pages
    parts = ["<!DOCTYPE html>\n<html><head><meta charset=utf-8>",
             "<title>Page %d &amp; friends</title>" % i,
             "<script>var s = \"<a href='/trap/%d.html'>\"; if (1 < 2) {}</script>" % i,
             "<style>a[href] { color: red }</style></head><body>",
             "<!-- <a href=\"/trap/c%d.html\">old</a> -->" % i,
             "<h1>Page %d</h1><p>Some text &lt;a href=x&gt; that is not a tag.</p>" % i]
    if i + 1 < n:
        parts.append('<a href="%d.html">next</a>' % (i + 1))
    parts.append('<a href="http://127.0.0.1:%d/p/%d.html">abs</a>' % (port, (i * 7 + 3) % n))
    parts.append('<a href="/p/%d.html#frag">rootrel</a>' % ((i * 13 + 5) % n))
    parts.append('<a href="./%d.html">dot</a>' % ((i * 17 + 1) % n))
    if i + 1 < n:
        parts.append('<a href="%d.html#again">dup</a>' % (i + 1))
    parts.append("<A HREF='../p/%d.html' class=x>upper</A>" % ((i * 3 + 2) % n))
    parts.append('<a href="mailto:x@example.org">mail</a><a href="javascript:void(0)">js</a>')
    parts.append('<a rel="nofollow" href="/nofollow/%d.html">nf</a>' % i)
    if i % EVERY == 0:
        parts.append('<a href="/redirect/%d">r</a><a href="/missing/%d.html">m</a>' % (i, i))
        parts.append('<a href="/img/%d.png"><img src="/img/x.png"></a>' % i)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def page_outlinks(i, port, pages):
    """The outlinks a crawl must record for /p/i.html: normalized, document order, no duplicates."""
    n = pages
    base = "http://127.0.0.1:%d" % port
    links = []
    if i + 1 < n:
        links.append("%s/p/%d.html" % (base, i + 1))
    links.append("%s/p/%d.html" % (base, (i * 7 + 3) % n))
    links.append("%s/p/%d.html" % (base, (i * 13 + 5) % n))
    links.append("%s/p/%d.html" % (base, (i * 17 + 1) % n))
    links.append("%s/p/%d.html" % (base, (i * 3 + 2) % n))
    links.append("%s/nofollow/%d.html" % (base, i))
    if i % EVERY == 0:
        links += ["%s/redirect/%d" % (base, i), "%s/missing/%d.html" % (base, i),
                  "%s/img/%d.png" % (base, i)]
    out, seen = [], set()
    for u in links:
        if u not in seen:
            seen.add(u)
            out.append(u)
    return out


def expected_records(port, pages):
    """url -> dict of the fields a crawl from / must record for it."""
    base = "http://127.0.0.1:%d" % port
    exp = {base + "/": dict(status=200, error=None, title="Home", outlinks=[base + "/p/0.html"],
                            redirect=None)}
    for i in range(pages):
        exp["%s/p/%d.html" % (base, i)] = dict(status=200, error=None,
                                               title="Page %d & friends" % i,
                                               outlinks=page_outlinks(i, port, pages), redirect=None)
        if i % EVERY == 0:
            exp["%s/redirect/%d" % (base, i)] = dict(
                status=301, error=None, title=None, outlinks=[],
                redirect="%s/p/%d.html" % (base, (i + 1) % pages))
            exp["%s/missing/%d.html" % (base, i)] = dict(status=404, error="http", title="Not Found",
                                                        outlinks=[], redirect=None)
            exp["%s/img/%d.png" % (base, i)] = dict(status=200, error=None, title=None, outlinks=[],
                                                   redirect=None, content_type="image/png")
    return exp


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def _send(self, status, ctype, body, extra=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        srv = self.server
        with srv.log_lock:
            srv.log.write("GET %s\n" % self.path)
            srv.log.flush()
        path, port, n = self.path, srv.server_address[1], srv.pages
        if path == "/":
            return self._send(200, "text/html; charset=utf-8",
                              "<html><title>Home</title><a href=/p/0.html>start</a></html>")
        if path.startswith("/p/") and path.endswith(".html"):
            try:
                i = int(path[3:-5])
            except ValueError:
                i = -1
            if 0 <= i < n:
                return self._send(200, "text/html; charset=utf-8", page_html(i, port, n))
        if path.startswith("/redirect/"):
            i = int(path[len("/redirect/"):])
            return self._send(301, "text/html", "<html>moved</html>",
                              [("Location", "/p/%d.html" % ((i + 1) % n))])
        if path.startswith("/img/") and path.endswith(".png"):
            return self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        if path == "/robots.txt":
            return self._send(404, "text/plain", "none")
        return self._send(404, "text/html", "<html><title>Not Found</title>nope</html>")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    srv = http.server.ThreadingHTTPServer((a.host, a.port), Handler)
    srv.daemon_threads = True
    srv.request_queue_size = 256
    srv.pages = a.pages
    srv.log = open(a.log, "a")
    srv.log_lock = threading.Lock()
    print("listening", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
