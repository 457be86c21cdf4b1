"""Many small sites on many loopback addresses, one process, logging every request's interval.

    python3 many_host_server.py --port P [--hosts 100] [--pages 8] [--log FILE]
                                [--robots-plan mixed|404] [--latency-ms 0] [--ready-file F]
                                [--addr-base 127.0]

Host i (0 <= i < --hosts, at most 1,000) is the address host_addr(i): 127.0.1.1 for i = 0,
counting up through 127.0.X.Y with Y in 1..254 (.0 and .255 are skipped), so host 254 is
127.0.2.1. Every host listens on the same --port. Linux routes all of 127.0.0.0/8 to lo, so
binding these addresses needs no set-up. With --addr-base A.B host i is A.B.X.Y instead, with
the same X and Y (so host 0 is A.B.1.1); those addresses must already be on an interface
(test_shards_netns.py puts them on a network namespace's veth). As a module, set_addr_base(
"A.B") does the same for host_addr, host_index, page_links, page_html and site_urls.

The site of host i (P = --pages, Q = private_pages(P) = ceil(P / 4)):
- /p/k.html for 0 <= k < P: HTML, title "Host i page k", links (see page_links) to the next
  two pages, two other pages of the same host (one by an absolute URL), /private/(k//4).html of
  the same host, one page of another host and, on even k, /private/0.html of a third host.
  All other-host links are absolute URLs on the same port. Every /p/ page is reachable from
  /p/0.html of its host, every /private/m.html (m < Q) is linked from /p/(4m).html.
- /private/m.html for 0 <= m < Q: a small HTML page without links, title "Host i private m".
  On a host whose robots.txt disallows /private/ a polite crawler never asks for it.
- /robots.txt: according to host_plan(i) (below).
- Anything else: 404.
Responses are HTTP/1.1 with Content-Length and keep-alive (unless the client asks to close).

Robots plan (host_plan(i), with --robots-plan mixed, the default), by i % 10:
    3  "disallow":    User-agent: * / Disallow: /private/ ; when i % 20 == 13 the file also
                      has an earlier group "User-agent: otherbot / Disallow: /" that a crawler
                      not named otherbot must ignore (RFC 9309 group selection)
    5  "allow":       200, User-agent: * / Disallow: (empty: everything allowed)
    7  "crawl_delay": User-agent: * / Crawl-delay: 1 / Disallow: (so 1,000 ms between starts,
                      more than a test's --delay-ms 200)
    else "404":       robots.txt is 404 (RFC 9309: 4xx means allow all)
With --robots-plan 404 every host answers 404 for /robots.txt (benchmarks).

Log (--log FILE): one JSON object per request, in the order responses complete:
    {"host": "127.0.1.1", "path": "/p/0.html", "status": 200,
     "t_start": 1234.567890, "t_end": 1234.568012, "conn": 17}
t_start is time.monotonic() when the first bytes of the request (its request line) were read,
t_end when the last byte of the response was handed to the kernel (the write buffer drained),
so [t_start, t_end] contains the whole request as the server saw it, and two requests to one
host are "in flight at once" iff their intervals overlap. time.monotonic() is CLOCK_MONOTONIC
on Linux, the clock zcrawl's producer keeps its politeness times in. The log is buffered and
flushed every 0.2 s and on SIGTERM/SIGINT; a reader that needs every line stops the server
first.

--latency-ms L waits L ms (event-loop timer) before answering each request, so that if a
crawler ever sent two requests to one host at once their intervals would visibly overlap.
--ready-file F is written once every address listens (no probe request is needed, which would
show up in the log).

One asyncio event loop with protocol callbacks (no streams). Measured on the 2-core test VM
with zc_fetch_bench driving one zcrawl-crawler at concurrency 64 (all three on the same cores):
12,700 requests/s over keep-alive connections to one host, 8,300 requests/s across 300 hosts
with a new connection per request; a polite crawl asks for ~1,000/s.
"""
import argparse
import asyncio
import json
import os
import resource
import signal
import socket
import sys
import time

MAX_HOSTS = 1000
MAX_REQUEST_BYTES = 16384      # request line + headers; more is answered 431 and closed
FLUSH_S = 0.2
PLANS = ("mixed", "404")
OTHER_AGENT = "otherbot"
ADDR_BASE = "127.0"            # the first two octets of every host's address (set_addr_base)


def set_addr_base(base):
    """Puts host i at BASE.X.Y rather than 127.0.X.Y (same X and Y), BASE being two octets
    such as "10.213"."""
    global ADDR_BASE
    parts = base.split(".")
    if len(parts) != 2 or not all(p.isdigit() and 0 <= int(p) <= 255 for p in parts):
        raise ValueError("address base %r is not two octets like 10.213" % base)
    ADDR_BASE = "%d.%d" % (int(parts[0]), int(parts[1]))


def host_addr(i):
    """The address of host i: 127.0.1.1, ..., 127.0.1.254, 127.0.2.1, ... (the first two
    octets are ADDR_BASE's)."""
    if not 0 <= i < MAX_HOSTS:
        raise ValueError("host index %d out of range" % i)
    return "%s.%d.%d" % (ADDR_BASE, 1 + i // 254, 1 + i % 254)


def host_index(addr):
    """Inverse of host_addr; None if addr is not one of the hosts' addresses."""
    parts = addr.split(".")
    if len(parts) != 4 or parts[:2] != ADDR_BASE.split("."):
        return None
    try:
        x, y = int(parts[2]), int(parts[3])
    except ValueError:
        return None
    if x < 1 or not 1 <= y <= 254:
        return None
    i = (x - 1) * 254 + (y - 1)
    return i if i < MAX_HOSTS else None


def private_pages(pages):
    return (pages + 3) // 4


def host_plan(i, plan="mixed"):
    """What host i's robots.txt says. A dict:
       kind      "404", "allow", "disallow" or "crawl_delay"
       status    HTTP status of /robots.txt
       robots    its body (str)
       disallow  path prefixes a crawler named other than otherbot must not request
       crawl_delay_ms  the Crawl-delay in ms (0 if none)"""
    if plan not in PLANS:
        raise ValueError("unknown robots plan %r" % plan)
    r = i % 10 if plan == "mixed" else -1
    if r == 3:
        body = "User-agent: *\nDisallow: /private/\n"
        if i % 20 == 13:
            body = "User-agent: %s\nDisallow: /\n\n" % OTHER_AGENT + body
        return dict(kind="disallow", status=200, robots=body, disallow=["/private/"],
                    crawl_delay_ms=0)
    if r == 5:
        return dict(kind="allow", status=200, robots="User-agent: *\nDisallow:\n", disallow=[],
                    crawl_delay_ms=0)
    if r == 7:
        return dict(kind="crawl_delay", status=200,
                    robots="User-agent: *\nCrawl-delay: 1\nDisallow:\n", disallow=[],
                    crawl_delay_ms=1000)
    return dict(kind="404", status=404, robots="not found\n", disallow=[], crawl_delay_ms=0)


def page_links(i, k, hosts, pages, port):
    """Absolute URLs /p/k.html of host i links to, in document order, without duplicates
    (as a crawler must record them)."""
    base = "http://%s:%d" % (host_addr(i), port)
    other = "http://%s:%d" % (host_addr((i + k + 1) % hosts), port)
    third = "http://%s:%d" % (host_addr((i * 7 + k + 3) % hosts), port)
    links = []
    if k + 1 < pages:
        links.append("%s/p/%d.html" % (base, k + 1))
    if k + 2 < pages:
        links.append("%s/p/%d.html" % (base, k + 2))
    links.append("%s/p/%d.html" % (base, (k * 5 + 3) % pages))
    links.append("%s/p/%d.html" % (base, (k * 3 + 1) % pages))
    links.append("%s/private/%d.html" % (base, k // 4))
    links.append("%s/p/%d.html" % (other, (k * 7 + 2) % pages))
    if k % 2 == 0:
        links.append("%s/private/0.html" % third)
    out, seen = [], set()
    for u in links:
        if u not in seen:
            seen.add(u)
            out.append(u)
    return out


def page_html(i, k, hosts, pages, port):
    """The HTML of /p/k.html on host i: the links of page_links in mixed forms (relative,
    root-relative, absolute, with a fragment)."""
    base = "http://%s:%d" % (host_addr(i), port)
    parts = ["<!DOCTYPE html>\n<html><head><meta charset=utf-8>",
             "<title>Host %d page %d</title></head><body><h1>Host %d, page %d</h1>" % (i, k, i, k)]
    for u in page_links(i, k, hosts, pages, port):
        if u.startswith(base + "/p/") and u == "%s/p/%d.html" % (base, k + 1):
            href = "%d.html" % (k + 1)                      # relative
        elif u.startswith(base + "/private/"):
            href = u[len(base):]                            # root-relative
        elif u.startswith(base + "/p/") and u == "%s/p/%d.html" % (base, (k * 3 + 1) % pages):
            href = u[len(base):] + "#top"                   # root-relative with a fragment
        else:
            href = u                                        # absolute
        parts.append('<p><a href="%s">link</a></p>' % href)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def private_html(i, m):
    return ("<!DOCTYPE html>\n<html><head><title>Host %d private %d</title></head>"
            "<body>private page</body></html>\n" % (i, m))


def site_urls(hosts, pages, port):
    """Every URL a crawl seeded with each host's /p/0.html and --scope any must record:
    url -> (host index, "page" | "private")."""
    out = {}
    for i in range(hosts):
        base = "http://%s:%d" % (host_addr(i), port)
        for k in range(pages):
            out["%s/p/%d.html" % (base, k)] = (i, "page")
        for m in range(private_pages(pages)):
            out["%s/private/%d.html" % (base, m)] = (i, "private")
    return out


class Site:
    """Pre-rendered responses of every host: (status, content type, body bytes) by path."""

    def __init__(self, hosts, pages, port, plan):
        self.hosts, self.pages, self.port, self.plan = hosts, pages, port, plan
        self.by_host = []
        for i in range(hosts):
            d = {}
            for k in range(pages):
                d["/p/%d.html" % k] = (200, "text/html; charset=utf-8",
                                       page_html(i, k, hosts, pages, port).encode())
            for m in range(private_pages(pages)):
                d["/private/%d.html" % m] = (200, "text/html; charset=utf-8",
                                             private_html(i, m).encode())
            hp = host_plan(i, plan)
            d["/robots.txt"] = (hp["status"], "text/plain", hp["robots"].encode())
            self.by_host.append(d)
        self.not_found = (404, "text/html", b"<html><title>Not Found</title>nope</html>\n")


REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
           431: "Request Header Fields Too Large"}


class Server:
    def __init__(self, a, site):
        self.a, self.site = a, site
        self.log = open(a.log, "a", buffering=1 << 16) if a.log else None
        self.latency = a.latency_ms / 1000.0
        self.conns = 0

    def write_log(self, host, path, status, t_start, t_end, conn):
        if self.log:
            self.log.write('{"host": "%s", "path": %s, "status": %d, "t_start": %.6f, '
                           '"t_end": %.6f, "conn": %d}\n'
                           % (host, json.dumps(path), status, t_start, t_end, conn))

    def flush(self):
        if self.log:
            self.log.flush()


class Conn(asyncio.Protocol):
    """One client connection: requests are answered one at a time, in order."""

    def __init__(self, srv, host_i, addr):
        self.srv, self.host_i, self.addr = srv, host_i, addr
        srv.conns += 1
        self.id = srv.conns
        self.buf = b""
        self.t_first = None     # arrival of the first byte of the request being read
        self.busy = False       # a response is pending (latency) or still being written
        self.paused = False
        self.pending_log = None
        self.close_after = False
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        # high=0: pause_writing() as soon as a write leaves bytes buffered, resume_writing()
        # when the buffer is empty again, so t_end is when the last byte reached the kernel.
        transport.set_write_buffer_limits(high=0)

    def connection_lost(self, exc):
        self.transport = None
        if self.pending_log:   # the client went away mid-response: log what was sent
            self._log_done()

    def data_received(self, data):
        if not self.buf and self.t_first is None:
            self.t_first = time.monotonic()
        self.buf += data
        self._next()

    def _next(self):
        if self.busy or self.transport is None:
            return
        end = self.buf.find(b"\r\n\r\n")
        if end < 0:
            if len(self.buf) > MAX_REQUEST_BYTES:
                self._answer("?", (431, "text/plain", b"too large\n"), True)
            return
        head = self.buf[:end].decode("latin-1")
        self.buf = self.buf[end + 4:]
        lines = head.split("\r\n")
        parts = lines[0].split(" ")
        close = False
        clen = 0
        for ln in lines[1:]:
            name, _, value = ln.partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "connection" and "close" in value:
                close = True
            elif name == "content-length":
                try:
                    clen = int(value)
                except ValueError:
                    close = True
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            return self._answer(lines[0][:200], (400, "text/plain", b"bad request\n"), True)
        if parts[2] == "HTTP/1.0":
            close = True
        self.buf = self.buf[clen:]   # a GET has no body; skip one if sent
        method, path = parts[0], parts[1]
        if method not in ("GET", "HEAD"):
            resp = (405, "text/plain", b"GET only\n")
        else:
            resp = self.srv.site.by_host[self.host_i].get(path.split("?", 1)[0],
                                                          self.srv.site.not_found)
            if method == "HEAD":
                resp = (resp[0], resp[1], b"", len(resp[2]))
        self._answer(path, resp, close)

    def _answer(self, path, resp, close):
        self.busy = True
        t_start = self.t_first if self.t_first is not None else time.monotonic()
        self.t_first = None
        self.pending_log = (path, resp[0], t_start)
        self.close_after = close
        if self.srv.latency > 0:
            asyncio.get_running_loop().call_later(self.srv.latency, self._send, resp)
        else:
            self._send(resp)

    def _send(self, resp):
        if self.transport is None:
            return
        status, ctype, body = resp[0], resp[1], resp[2]
        clen = resp[3] if len(resp) > 3 else len(body)
        head = ("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n"
                % (status, REASONS.get(status, "Other"), ctype, clen,
                   "Connection: close\r\n" if self.close_after else ""))
        self.transport.write(head.encode() + body)
        if not self.paused:
            self._written()

    def pause_writing(self):
        self.paused = True

    def resume_writing(self):
        self.paused = False
        if self.busy:
            self._written()

    def _log_done(self):
        path, status, t_start = self.pending_log
        self.pending_log = None
        self.srv.write_log(self.addr, path, status, t_start, time.monotonic(), self.id)

    def _written(self):
        self._log_done()
        self.busy = False
        if self.close_after:
            self.transport.close()
            return
        if self.buf:
            self.t_first = time.monotonic()   # a pipelined request: it starts now
            self._next()


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="many small sites on 127.0.X.Y (or another "
                                 "--addr-base), one process")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--hosts", type=int, default=100, help="number of hosts (1..1000)")
    ap.add_argument("--pages", type=int, default=8, help="/p/ pages per host (>= 1)")
    ap.add_argument("--log", help="request log, one JSON line per request")
    ap.add_argument("--robots-plan", choices=PLANS, default="mixed")
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--ready-file", help="written once every address listens")
    ap.add_argument("--addr-base", default="127.0",
                    help="first two octets of the hosts' addresses (already configured)")
    a = ap.parse_args(argv)
    try:
        set_addr_base(a.addr_base)
    except ValueError as e:
        ap.error(str(e))
    if not 1 <= a.hosts <= MAX_HOSTS:
        ap.error("--hosts must be 1..%d" % MAX_HOSTS)
    if a.pages < 1 or a.pages > 100000:
        ap.error("--pages must be 1..100000")
    if a.latency_ms < 0 or a.latency_ms > 60000:
        ap.error("--latency-ms must be 0..60000")
    return a


async def serve(a):
    loop = asyncio.get_running_loop()
    site = Site(a.hosts, a.pages, a.port, a.robots_plan)
    srv = Server(a, site)
    servers = []
    for i in range(a.hosts):
        addr = host_addr(i)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((addr, a.port))
        sock.listen(128)
        sock.setblocking(False)
        servers.append(await loop.create_server(
            lambda i=i, addr=addr: Conn(srv, i, addr), sock=sock))
    stop = loop.create_future()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, lambda: stop.done() or stop.set_result(True))
    if a.ready_file:
        tmp = a.ready_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % os.getpid())
        os.rename(tmp, a.ready_file)
    print("listening on %d hosts (%s .. %s) port %d" % (a.hosts, host_addr(0),
                                                       host_addr(a.hosts - 1), a.port), flush=True)

    async def flusher():
        while True:
            await asyncio.sleep(FLUSH_S)
            srv.flush()
    ft = asyncio.ensure_future(flusher())
    await stop
    ft.cancel()
    for s in servers:
        s.close()
    srv.flush()


def main(argv=None):
    a = parse_args(argv)
    # Each host needs a listening socket and a connection or two: more than the usual 1,024.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, 3 * a.hosts + 256))
    if want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    try:
        asyncio.run(serve(a))
    except OSError as e:
        print("many_host_server: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
