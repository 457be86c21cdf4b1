"""A generated site spread over several host names, for crawls inside Docker.

The test and the benchmark run it in its own container on the compose network, with one
network alias per host (site0, site1, ...), so each alias is a host of its own for the
producer's politeness. Page j lives on host j % HOSTS; each page links to the next page
of its host (so every page is reachable from its host's home page) and to pages of other
hosts, relative and absolute. Every answer can wait --delay-ms, so a crawl lasts long
enough for what a test does meanwhile. Every request is logged on stdout.

    python3 compose_site.py --port 8000 --hosts 8 --pages 400 [--delay-ms 50]
    python3 compose_site.py --write DIR --port 8000 --hosts 32 --pages 10000

--write makes the same site as static files for a real web server (the benchmark's
nginx, so that the server is not what it measures); every host then serves every file
and one home page, which links to each host's first page.

expected_urls() is the truth a test compares a crawl with.
"""
import argparse
import http.server
import sys
import threading
import time


def host_name(k):
    return "site%d" % k


def page_url(j, hosts, port):
    return "http://%s:%d/p/%d.html" % (host_name(j % hosts), port, j)


def expected_urls(hosts, pages, port):
    """url -> (status, title) of every URL a crawl from every host's / records."""
    exp = {}
    for k in range(hosts):
        exp["http://%s:%d/" % (host_name(k), port)] = (200, "Home of %s" % host_name(k))
    for j in range(pages):
        exp[page_url(j, hosts, port)] = (200, "Page %d" % j)
    return exp


def seeds(hosts, port):
    return ["http://%s:%d/" % (host_name(k), port) for k in range(hosts)]


FILLER = ("A crawler reads pages like this one, with a title, some links and text. "
          "The parser scans the whole body for tags, so the text costs it time too. ")


def page_html(j, hosts, pages, port, pad=0):
    parts = ["<!DOCTYPE html><html><head><meta charset=utf-8><title>Page %d</title></head>"
             "<body><h1>Page %d</h1>" % (j, j)]
    if j + hosts < pages:
        parts.append('<a href="%d.html">next on this host</a>' % (j + hosts))
    for other in ((j * 7 + 3) % pages, (j * 13 + 5) % pages):
        parts.append('<a href="%s">other</a>' % page_url(other, hosts, port))
    same = j - hosts if j >= hosts else j
    parts.append('<a href="/p/%d.html#top">same host</a>' % same)
    if pad > 0:
        parts.append("<p>%s</p>" % (FILLER * (pad // len(FILLER) + 1))[:pad])
    parts.append("</body></html>\n")
    return "".join(parts)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def _send(self, status, body, ctype="text/html; charset=utf-8"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        srv = self.server
        host = (self.headers.get("Host") or "").split(":")[0]
        with srv.log_lock:
            sys.stdout.write("GET %s %s\n" % (host, self.path))
            sys.stdout.flush()
        if srv.delay:
            time.sleep(srv.delay)
        hosts, pages, port = srv.hosts, srv.pages, srv.server_address[1]
        k = int(host[4:]) if host.startswith("site") and host[4:].isdigit() else -1
        if not 0 <= k < hosts:
            return self._send(404, "<title>Unknown host</title>")
        if self.path == "/robots.txt":
            return self._send(200, "User-agent: *\nDisallow:\n", "text/plain")
        if self.path == "/":
            return self._send(200, "<title>Home of %s</title><a href=/p/%d.html>first</a>"
                              % (host, k))
        if self.path.startswith("/p/") and self.path.endswith(".html"):
            try:
                j = int(self.path[3:-5])
            except ValueError:
                j = -1
            if 0 <= j < pages and j % hosts == k:
                return self._send(200, page_html(j, hosts, pages, port, srv.pad))
        return self._send(404, "<title>Not Found</title>")


def write_site(d, hosts, pages, port, pad=0):
    import os
    os.makedirs(os.path.join(d, "p"), exist_ok=True)
    with open(os.path.join(d, "index.html"), "w") as f:
        f.write("<title>Home</title>" + "".join('<a href="%s">first</a>' % page_url(k, hosts, port)
                                                for k in range(min(hosts, pages))))
    with open(os.path.join(d, "robots.txt"), "w") as f:
        f.write("User-agent: *\nDisallow:\n")
    for j in range(pages):
        with open(os.path.join(d, "p", "%d.html" % j), "w") as f:
            f.write(page_html(j, hosts, pages, port, pad))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--hosts", type=int, default=8)
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--delay-ms", type=int, default=0, help="wait this long before answering")
    ap.add_argument("--write", metavar="DIR", help="write the site as static files and exit")
    ap.add_argument("--pad-bytes", type=int, default=0, help="text added to every page")
    a = ap.parse_args()
    if a.write:
        write_site(a.write, a.hosts, a.pages, a.port, a.pad_bytes)
        return 0
    srv = http.server.ThreadingHTTPServer(("0.0.0.0", a.port), Handler)
    srv.daemon_threads = True
    srv.request_queue_size = 512
    srv.hosts, srv.pages, srv.delay = a.hosts, a.pages, a.delay_ms / 1000.0
    srv.pad = a.pad_bytes
    srv.log_lock = threading.Lock()
    print("listening port=%d hosts=%d pages=%d" % (a.port, a.hosts, a.pages), flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
