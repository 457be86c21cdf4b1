"""Hostile HTTP servers on loopback, for tests/test_hostile.py.

One process, one thread per connection, raw sockets (so each case can break
HTTP exactly as it wants). Listeners, all on 127.0.0.1 with ephemeral ports:

  http   the landing page "/" links every case below, then normal pages
  tls    HTTPS with the test's self-signed certificate (a plain page behind it)
  never  accepts connections and never reads or writes

Cases of the http listener (the path is the case):

  /trickle       200 and a body of one byte a second, forever
  /loop/a, /b    302 to each other
  /bomb          Content-Encoding: gzip, 10 GiB of zeros compressed lazily
                 (zlib level 9) while it is sent: a stopped reader costs little
  /huge          Content-Length 1 GiB of zeros, streamed
  /bomb?copy=N, /huge?copy=N   the same, N = 1..COPIES-1: many big bodies at
                 once, so the crawler's memory bound is tested at full load
  /headers       1 MiB of response headers (16,384 lines of 64 bytes)
  /header-line   one 1 MiB response header line
  /reset         Content-Length 100000, 5000 bytes, then a TCP reset
  /bad-chunked   Transfer-Encoding: chunked with an invalid chunk-size line
  /ok/N.html     normal pages (title "OK page N")
  /ssrf/...      a normal page: a crawler without --allow-private never asks

The log (--log) gets one line per event, flushed at once:
  ACCEPT <listener>            a connection was accepted
  REQ <listener> <path>        a request was read
  END <path> sent=N raw=M err=E   a case's sending stopped (raw: bytes before
                                  compression, for /bomb); E is why ("done"
                                  or the socket error that ended it)
  TLSFAIL <reason>             a TLS handshake failed
When listening, the ports are written to --ready as JSON (atomically).

    python3 hostile_server.py --log FILE --ready FILE [--cert C --key K]
"""
import argparse
import json
import os
import socket
import ssl
import struct
import sys
import threading
import time
import zlib

HOST = "127.0.0.1"
OK_PAGES = 5
GIB = 1 << 30
BOMB_RAW_BYTES = 10 * GIB
HUGE_BYTES = GIB
HEADER_BLOCK_BYTES = 1 << 20
RESET_LENGTH, RESET_SENT = 100000, 5000
REQ_MAX_BYTES = 65536          # a request head larger than this is dropped
SOCK_TIMEOUT_S = 30            # every blocking socket call ends by then
TRICKLE_MAX_S = 120            # the trickle gives up by itself after this
NEVER_HOLD_S = 120             # the silent listener closes what it holds then
SNDBUF_BYTES = 65536           # small send buffers: a stopped reader is seen early
CHUNK = 65536

COPIES = 8

CASES = ["/trickle", "/loop/a", "/bomb", "/huge", "/headers", "/header-line", "/reset",
         "/bad-chunked"]
CASES += ["/bomb?copy=%d" % i for i in range(1, COPIES)]
CASES += ["/huge?copy=%d" % i for i in range(1, COPIES)]

_log_lock = threading.Lock()
_log_file = None


def log(*parts):
    line = " ".join(str(p) for p in parts) + "\n"
    with _log_lock:
        _log_file.write(line)
        _log_file.flush()


def landing_page(http_port, tls_port, never_port):
    base = "http://%s:%d" % (HOST, http_port)
    links = [base + p for p in CASES]
    links.append("https://%s:%d/tls/page.html" % (HOST, tls_port))
    links.append("http://%s:%d/never" % (HOST, never_port))
    links += ["%s/ok/%d.html" % (base, i) for i in range(OK_PAGES)]
    body = ["<!DOCTYPE html><html><head><title>Hostile cases</title></head><body><ul>"]
    body += ['<li><a href="%s">%s</a></li>' % (u, u) for u in links]
    body.append("</ul></body></html>\n")
    return "\n".join(body).encode()


def ok_page(i):
    nxt = '<a href="/ok/%d.html">next</a>' % ((i + 1) % OK_PAGES)
    return ("<!DOCTYPE html><html><head><title>OK page %d</title></head><body>%s</body></html>\n"
            % (i, nxt)).encode()


def head(status, headers, length=None):
    lines = ["HTTP/1.1 %s" % status] + ["%s: %s" % h for h in headers]
    if length is not None:
        lines.append("Content-Length: %d" % length)
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def respond(sock, status, ctype, body):
    sock.sendall(head(status, [("Content-Type", ctype)], len(body)) + body)


def read_request(sock):
    """The request's path, or None when no complete request head came."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        if len(buf) > REQ_MAX_BYTES:
            return None
        data = sock.recv(4096)
        if not data:
            return None
        buf += data
    parts = buf.split(b"\r\n", 1)[0].split()
    if len(parts) != 3 or parts[0] != b"GET":
        return None
    return parts[1].decode("latin-1")


# --- the cases --------------------------------------------------------------

def case_trickle(sock):
    sock.sendall(head("200 OK", [("Content-Type", "text/html")], 1000000))
    sent = 0
    deadline = time.monotonic() + TRICKLE_MAX_S
    try:
        while time.monotonic() < deadline:
            sock.sendall(b"<")
            sent += 1
            time.sleep(1)
        err = "deadline"
    except OSError as e:
        err = type(e).__name__
    log("END /trickle sent=%d raw=%d err=%s" % (sent, sent, err))


def case_bomb(sock, path):
    """10 GiB of zeros as one gzip member, compressed only as fast as it is sent."""
    sock.sendall(head("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]))
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    zero = bytes(CHUNK)
    raw = sent = 0
    err = "done"
    try:
        while raw < BOMB_RAW_BYTES:
            out = z.compress(zero)
            raw += len(zero)
            if out:
                sock.sendall(out)
                sent += len(out)
        out = z.flush()
        sock.sendall(out)
        sent += len(out)
    except OSError as e:
        err = type(e).__name__
    log("END %s sent=%d raw=%d err=%s" % (path, sent, raw, err))


def case_huge(sock, path):
    sock.sendall(head("200 OK", [("Content-Type", "application/octet-stream")], HUGE_BYTES))
    zero = bytes(CHUNK)
    sent = 0
    err = "done"
    try:
        while sent < HUGE_BYTES:
            sock.sendall(zero)
            sent += len(zero)
    except OSError as e:
        err = type(e).__name__
    log("END %s sent=%d raw=%d err=%s" % (path, sent, sent, err))


def case_headers(sock):
    """1 MiB of headers in 64-byte lines, then a tiny body."""
    lines = []
    n = HEADER_BLOCK_BYTES // 64
    for i in range(n):
        name = "X-Filler-%05d: " % i
        lines.append(name + "v" * (64 - len(name) - 2) + "\r\n")
    block = "".join(lines).encode()
    _send_counted(sock, "/headers", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + block +
                  b"Content-Length: 2\r\nConnection: close\r\n\r\nok")


def case_header_line(sock):
    """One header line of 1 MiB."""
    line = b"X-Huge: " + b"v" * (HEADER_BLOCK_BYTES - 10) + b"\r\n"
    _send_counted(sock, "/header-line", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + line +
                  b"Content-Length: 2\r\nConnection: close\r\n\r\nok")


def _send_counted(sock, path, data):
    sent = 0
    err = "done"
    try:
        while sent < len(data):
            sent += sock.send(data[sent:sent + CHUNK])
    except OSError as e:
        err = type(e).__name__
    log("END %s sent=%d raw=%d err=%s" % (path, sent, sent, err))


def case_reset(sock):
    sock.sendall(head("200 OK", [("Content-Type", "text/html")], RESET_LENGTH) +
                 b"x" * RESET_SENT)
    time.sleep(0.2)  # let the bytes go out first
    # SO_LINGER on, timeout 0: close() sends RST instead of FIN.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    log("END /reset sent=%d raw=%d err=reset" % (RESET_SENT, RESET_SENT))


def case_bad_chunked(sock):
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                 b"Connection: close\r\n\r\n5\r\nhello\r\nzz-not-hex\r\nworld\r\n0\r\n\r\n")
    log("END /bad-chunked sent=1 raw=1 err=done")


def case_loop(sock, path):
    other = "/loop/b" if path == "/loop/a" else "/loop/a"
    sock.sendall(head("302 Found", [("Location", other), ("Content-Type", "text/html")], 0))


def serve_http(sock, listener, ports):
    path = read_request(sock)
    if path is None:
        return
    log("REQ", listener, path)
    case = path.split("?", 1)[0]
    if listener == "tls":
        respond(sock, "200 OK", "text/html", b"<title>TLS page</title>")
    elif path == "/":
        respond(sock, "200 OK", "text/html; charset=utf-8",
                landing_page(ports["http"], ports["tls"], ports["never"]))
    elif path == "/trickle":
        case_trickle(sock)
    elif path in ("/loop/a", "/loop/b"):
        case_loop(sock, path)
    elif case == "/bomb":
        case_bomb(sock, path)
    elif case == "/huge":
        case_huge(sock, path)
    elif path == "/headers":
        case_headers(sock)
    elif path == "/header-line":
        case_header_line(sock)
    elif path == "/reset":
        case_reset(sock)
    elif path == "/bad-chunked":
        case_bad_chunked(sock)
    elif path.startswith("/ok/") and path.endswith(".html") and path[4:-5].isdigit():
        respond(sock, "200 OK", "text/html", ok_page(int(path[4:-5])))
    elif path.startswith("/ssrf/"):
        respond(sock, "200 OK", "text/html", b"<title>should never be fetched</title>")
    else:
        respond(sock, "404 Not Found", "text/plain", b"not found")


def handle(conn, listener, ports, tls_ctx):
    try:
        conn.settimeout(SOCK_TIMEOUT_S)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SNDBUF_BYTES)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if tls_ctx is not None:
            try:
                conn = tls_ctx.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError) as e:
                log("TLSFAIL", type(e).__name__, str(e).replace("\n", " ")[:120])
                return
        serve_http(conn, listener, ports)
    except OSError:
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def accept_loop(lsock, listener, ports, tls_ctx):
    while True:
        conn, _ = lsock.accept()
        log("ACCEPT", listener)
        threading.Thread(target=handle, args=(conn, listener, ports, tls_ctx),
                         daemon=True).start()


def never_loop(lsock):
    """Accepts and holds every connection without a byte either way."""
    held = []
    while True:
        conn, _ = lsock.accept()
        log("ACCEPT never")
        held.append((time.monotonic(), conn))
        now = time.monotonic()
        for t, c in [h for h in held if now - h[0] > NEVER_HOLD_S]:
            c.close()
        held = [h for h in held if now - h[0] <= NEVER_HOLD_S]


def listen():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOST, 0))
    s.listen(64)
    return s


def main():
    global _log_file
    p = argparse.ArgumentParser()
    p.add_argument("--log", required=True)
    p.add_argument("--ready", required=True)
    p.add_argument("--cert")
    p.add_argument("--key")
    a = p.parse_args()
    _log_file = open(a.log, "a")

    http, tls, never = listen(), listen(), listen()
    ports = {"http": http.getsockname()[1], "tls": tls.getsockname()[1],
             "never": never.getsockname()[1]}
    tls_ctx = None
    if a.cert:
        tls_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_ctx.load_cert_chain(a.cert, a.key)
    threading.Thread(target=accept_loop, args=(http, "http", ports, None), daemon=True).start()
    if tls_ctx is not None:
        threading.Thread(target=accept_loop, args=(tls, "tls", ports, tls_ctx),
                         daemon=True).start()
    threading.Thread(target=never_loop, args=(never,), daemon=True).start()
    tmp = a.ready + ".tmp"
    with open(tmp, "w") as f:
        json.dump(ports, f)
    os.rename(tmp, a.ready)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
