"""WARC output (SPEC §6, `--warc`), checked by a reader written here from ISO 28500.

The reader (below, standard library only) takes a .warc.gz apart the way the
standard describes it: gzip members (Annex D: one record per member), each
record a version line, header fields up to CRLF CRLF, a block of exactly
Content-Length bytes and a closing CRLF CRLF; it checks WARC-Block-Digest
over the block and WARC-Payload-Digest over the payload (for application/http
blocks the entity body after the HTTP head, de-chunked if the head says
chunked), both "sha1:" with base32 (or hex) values.

1. `zcrawl run --warc` crawls the test site (tests/site_server.py, a few
   hundred pages, with redirects, 404s and images) plus a small server of
   special cases (a gzip-encoded page, a chunked one, one with LF-only header
   lines, one larger than --max-bytes), with a small --warc-max-bytes so that
   files rotate. Every record parses and both digests check; every file
   starts with its warcinfo and stays under the limit unless it holds a
   single pair; request and response name each other and their warcinfo;
   every response matches a pages.jsonl line (URL, status from the status
   line, payload SHA-1 = `digest`, payload length = `bytes`, WARC-Date =
   `fetched_at`, WARC-IP-Address = `ip`) and every line with a response has
   exactly one response and one request record; lines without a response
   have none. The stored bodies are the bytes the site served (decoded), with
   the heads rewritten to match (X-Crawler-* headers), and the cut body is
   flagged WARC-Truncated: length.
2. The same reader accepts the WARC that `wget --warc-file` writes for the
   same site: every record parses and its digests check, so the reader is
   checked against an independent writer; the pages both fetched have the
   same payload digest in both files."""
import base64
import binascii
import collections
import gzip
import hashlib
import http.server
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.request
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import site_server  # noqa: E402
import zctest  # noqa: E402

PAGES = 300
MAX_BYTES = 65536          # --max-bytes: the /big page is cut here
WARC_MAX_BYTES = 65536     # --warc-max-bytes: the lowest allowed, so files rotate
BIG = 200000               # /big body bytes
CRAWL_TIMEOUT_S = 240
WGET_TIMEOUT_S = 120


# --- an ISO 28500 reader --------------------------------------------------------

class WarcError(Exception):
    pass


DATE_RE = re.compile(rb"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$")
TOKEN_RE = re.compile(rb"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")


def gzip_members(data):
    """Splits a gzip file into its members' decompressed contents."""
    out = []
    while data:
        if data[:2] != b"\x1f\x8b":
            raise WarcError("bytes after the last gzip member do not start a member")
        d = zlib.decompressobj(wbits=31)
        out.append(d.decompress(data) + d.flush())
        if not d.eof:
            raise WarcError("gzip member cut short")
        data = d.unused_data
    return out


def parse_records(data):
    """Parses uncompressed WARC data into records: dicts with version,
    headers (list of (name, value) bytes, names as written), fields (lower-case
    name -> list of values) and block."""
    recs, pos = [], 0
    while pos < len(data):
        end = data.find(b"\r\n\r\n", pos)
        if end < 0:
            raise WarcError("record head without its blank line at offset %d" % pos)
        lines = data[pos:end].split(b"\r\n")
        version = lines[0]
        if version not in (b"WARC/1.0", b"WARC/1.1"):
            raise WarcError("bad version line %r" % version[:40])
        headers = []
        for line in lines[1:]:
            if line[:1] in (b" ", b"\t"):   # a continuation line (ISO 28500 §5.2)
                if not headers:
                    raise WarcError("continuation line first")
                n, v = headers[-1]
                headers[-1] = (n, v + b" " + line.strip())
                continue
            name, sep, value = line.partition(b":")
            if not sep or not TOKEN_RE.match(name):
                raise WarcError("bad header line %r" % line[:80])
            headers.append((name, value.strip()))
        fields = collections.defaultdict(list)
        for n, v in headers:
            fields[n.decode("latin-1").lower()].append(v.decode("utf-8"))
        for must in ("warc-record-id", "content-length", "warc-date", "warc-type"):
            if len(fields.get(must, [])) != 1:
                raise WarcError("field %s missing or repeated" % must)
        try:
            length = int(fields["content-length"][0])
        except ValueError:
            raise WarcError("bad Content-Length")
        if length < 0:
            raise WarcError("negative Content-Length")
        start = end + 4
        block = data[start:start + length]
        if len(block) != length:
            raise WarcError("block shorter than Content-Length")
        if data[start + length:start + length + 4] != b"\r\n\r\n":
            raise WarcError("record does not end with CRLF CRLF")
        if not DATE_RE.match(fields["warc-date"][0].encode()):
            raise WarcError("bad WARC-Date %r" % fields["warc-date"][0])
        rid = fields["warc-record-id"][0]
        if not (rid.startswith("<") and rid.endswith(">") and ":" in rid):
            raise WarcError("bad WARC-Record-ID %r" % rid)
        recs.append(dict(version=version, headers=headers, fields=fields, block=block))
        pos = start + length + 4
    return recs


def read_warc(path, one_per_member):
    """The records of a .warc.gz (or plain .warc)."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] != b"\x1f\x8b":
        return parse_records(raw)
    recs = []
    for m in gzip_members(raw):
        got = parse_records(m)
        if one_per_member and len(got) != 1:
            raise WarcError("a gzip member holds %d records" % len(got))
        recs += got
    return recs


def field(rec, name):
    v = rec["fields"].get(name.lower())
    return v[0] if v else None


def digest_ok(value, data):
    """Checks a labelled digest "algorithm:value" (base32 or hex) against data."""
    algo, sep, enc = value.partition(":")
    if not sep:
        raise WarcError("digest without algorithm: %r" % value)
    algo = algo.lower().replace("-", "")
    if algo not in ("sha1", "sha256", "md5"):
        raise WarcError("unsupported digest algorithm %r" % algo)
    want = hashlib.new(algo, data).digest()
    if len(enc) == 2 * len(want):
        got = binascii.unhexlify(enc)
    else:
        got = base64.b32decode(enc.upper() + "=" * (-len(enc) % 8))
    return got == want


def dechunk(body):
    out, pos = bytearray(), 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            raise WarcError("broken chunked body")
        size = int(body[pos:eol].split(b";")[0], 16)
        pos = eol + 2
        if size == 0:
            return bytes(out)
        out += body[pos:pos + size]
        pos += size + 2


HEAD_END = re.compile(rb"\r?\n\r?\n")


def http_parts(rec):
    """(status line, header dict lower-case -> [values], raw head, payload) of an
    application/http block; the payload is the entity body."""
    block = rec["block"]
    m = HEAD_END.search(block)
    if not m:
        raise WarcError("HTTP block without the end of its head")
    head, body = block[:m.start()], block[m.end():]
    lines = re.split(rb"\r?\n", head)
    hdrs = collections.defaultdict(list)
    for line in lines[1:]:
        n, _, v = line.partition(b":")
        hdrs[n.strip().decode("latin-1").lower()].append(v.strip().decode("latin-1"))
    if any(v.lower() == "chunked" for v in hdrs.get("transfer-encoding", [])):
        body = dechunk(body)
    return lines[0], hdrs, head, body


def check_record(rec):
    """Checks both digests where present; returns the payload of an HTTP record."""
    bd = field(rec, "WARC-Block-Digest")
    if bd is not None and not digest_ok(bd, rec["block"]):
        raise WarcError("WARC-Block-Digest does not match (%s)" % field(rec, "WARC-Record-ID"))
    ctype = (field(rec, "Content-Type") or "").replace(" ", "").lower()
    payload = None
    if ctype.startswith("application/http"):
        payload = http_parts(rec)[3]
    pd = field(rec, "WARC-Payload-Digest")
    if pd is not None:
        if payload is None:
            payload = rec["block"]  # a resource record: the block is the payload
        if not digest_ok(pd, payload):
            raise WarcError("WARC-Payload-Digest does not match (%s)"
                            % field(rec, "WARC-Record-ID"))
    return payload


# --- the special cases --------------------------------------------------------------

GZ_HTML = b"<!DOCTYPE html><html><title>gz</title><p>" + b"compress me " * 200 + b"</html>"
CHUNKED = [b"<!DOCTYPE html><html><title>chunked</title>", b"<p>part two</p>", b"</html>"]
LF_BODY = b"plain text with an LF-only head\n"


def big_body():
    rnd = random.Random(7)
    return bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz \n") for _ in range(BIG))


class SpecialHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        if self.path == "/":
            body = (b"<html><title>special</title><a href=/gz>gz</a><a href=/chunked>c</a>"
                    b"<a href=/lf>lf</a><a href=/big>big</a></html>")
            self._send(body, "text/html")
        elif self.path == "/gz":
            self._send(gzip.compress(GZ_HTML), "text/html", [("Content-Encoding", "gzip")])
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in CHUNKED:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/lf":
            self.wfile.write(b"HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: %d\n\n%s"
                             % (len(LF_BODY), LF_BODY))
        elif self.path == "/big":
            self._send(self.server.big, "text/html")
        else:
            self._send(b"<html><title>Not Found</title></html>", "text/html", status=404)

    def _send(self, body, ctype, extra=(), status=200):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


class SpecialServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the crawler hangs up on /big at --max-bytes: expected


def start_special():
    srv = SpecialServer(("127.0.0.1", 0), SpecialHandler)
    srv.daemon_threads = True
    srv.big = big_body()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def _up(port):
    try:
        urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=1).read()
        return True
    except OSError:
        return False


# --- the checks ------------------------------------------------------------------------

def check_zcrawl(c, out, port, sport, big):
    recs = zctest.read_jsonl(os.path.join(out, "pages.jsonl"))
    lines = {r["url"]: r for r in recs}
    c.ok(len(lines) == len(recs) and len(recs) > PAGES, "pages.jsonl: %d lines, one per URL"
         % len(recs))
    wdir = os.path.join(out, "warc")
    names = sorted(os.listdir(wdir)) if os.path.isdir(wdir) else []
    c.ok(len(names) >= 3, "WARC files rotated at --warc-max-bytes (%d files)" % len(names))
    c.ok(all(re.match(r"^zcrawl-\d{14}-\d{5}\.warc\.gz$", n) for n in names),
         "file names zcrawl-YYYYMMDDhhmmss-NNNNN.warc.gz (%s)" % names[:3])

    bad, by_id = collections.Counter(), {}
    responses, requests = collections.defaultdict(list), collections.defaultdict(list)
    nrec = 0
    for name in names:
        path = os.path.join(wdir, name)
        try:
            file_recs = read_warc(path, one_per_member=True)
        except WarcError as e:
            bad["parse"] += 1
            print("%s: %s" % (name, e))
            continue
        nrec += len(file_recs)
        if not file_recs or field(file_recs[0], "WARC-Type") != "warcinfo":
            bad["warcinfo first"] += 1
            continue
        info = file_recs[0]
        if field(info, "WARC-Filename") != name or b"software: zcrawl/" not in info["block"]:
            bad["warcinfo fields"] += 1
        if (os.path.getsize(path) > WARC_MAX_BYTES and len(file_recs) != 3):
            bad["file over --warc-max-bytes with more than one pair"] += 1
        if sum(1 for r in file_recs if field(r, "WARC-Type") == "warcinfo") != 1:
            bad["one warcinfo per file"] += 1
        for r in file_recs:
            if r["version"] != b"WARC/1.1":
                bad["version"] += 1
            try:
                payload = check_record(r)
            except WarcError as e:
                bad["digest"] += 1
                if bad["digest"] <= 3:
                    print("%s: %s" % (name, e))
                continue
            t = field(r, "WARC-Type")
            rid = field(r, "WARC-Record-ID")
            if rid in by_id:
                bad["record ID reused"] += 1
            by_id[rid] = (name, r)
            if t == "warcinfo":
                continue
            if field(r, "WARC-Warcinfo-ID") != field(info, "WARC-Record-ID"):
                bad["WARC-Warcinfo-ID"] += 1
            for f in ("WARC-Block-Digest", "WARC-Payload-Digest", "WARC-Target-URI",
                      "WARC-IP-Address", "WARC-Concurrent-To"):
                if not (field(r, f) or "").strip():
                    bad["missing " + f] += 1
            if not (field(r, "WARC-Block-Digest") or "").startswith("sha1:"):
                bad["sha1 digests"] += 1
            uri = field(r, "WARC-Target-URI")
            msgtype = "request" if t == "request" else "response"
            if (field(r, "Content-Type") or "").replace(" ", "") != \
                    "application/http;msgtype=" + msgtype:
                bad["Content-Type"] += 1
            if t == "request":
                requests[uri].append(r)
            elif t == "response":
                responses[uri].append((r, payload))
            else:
                bad["unexpected type " + t] += 1
    c.ok(not bad, "every zcrawl WARC record parses, digests check, fields present (%s)"
         % dict(bad))
    print("zcrawl: %d files, %d records, %d responses" % (len(names), nrec, len(responses)))

    # Every response matches a pages.jsonl line; every line with a response has
    # exactly one response and one request; lines without one have none.
    bad = collections.Counter()
    stored = {}
    for uri, lst in responses.items():
        line = lines.get(uri)
        if line is None:
            bad["response without a pages.jsonl line"] += 1
            continue
        r, payload = lst[0]
        status_line, hdrs, head, _ = http_parts(r)
        m = re.match(rb"^HTTP/[0-9.]+ (\d{3})", status_line)
        if not m or int(m.group(1)) != line["status"]:
            bad["status"] += 1
        if hashlib.sha1(payload).hexdigest() != line["digest"]:
            bad["payload sha1 != digest"] += 1
        if len(payload) != line["bytes"]:
            bad["payload length != bytes"] += 1
        if hdrs.get("content-length") != [str(len(payload))]:
            bad["HTTP Content-Length = stored body"] += 1
        if "content-encoding" in hdrs or "transfer-encoding" in hdrs:
            bad["encodings renamed"] += 1
        if field(r, "WARC-Date") != line["fetched_at"]:
            bad["WARC-Date = fetched_at"] += 1
        if field(r, "WARC-IP-Address") != line["ip"]:
            bad["WARC-IP-Address = ip"] += 1
        req = requests.get(uri, [])
        if len(req) != 1:
            bad["one request per response"] += 1
        else:
            q = req[0]
            if field(q, "WARC-Concurrent-To") != field(r, "WARC-Record-ID") or \
                    field(r, "WARC-Concurrent-To") != field(q, "WARC-Record-ID"):
                bad["request and response name each other"] += 1
            if by_id[field(q, "WARC-Record-ID")][0] != by_id[field(r, "WARC-Record-ID")][0]:
                bad["pair in one file"] += 1
            path = uri.split("/", 3)[3] if uri.count("/") >= 3 else ""
            if not q["block"].startswith(b"GET /" + path.encode() + b" HTTP/1.1\r\n"):
                bad["request line"] += 1
            if field(q, "WARC-Date") != field(r, "WARC-Date"):
                bad["same WARC-Date"] += 1
        stored[uri] = payload
    for uri, line in lines.items():
        n = len(responses.get(uri, []))
        if line["status"] and n != 1:
            bad["line with a response: %d response records" % n] += 1
        if not line["status"] and (n or requests.get(uri)):
            bad["line without a response has WARC records"] += 1
    for uri in requests:
        if uri not in responses:
            bad["request without response"] += 1
    c.ok(not bad, "WARC records and pages.jsonl agree one to one (%s)" % dict(bad))
    nresp = sum(1 for line in lines.values() if line["status"])
    c.ok(len(responses) == nresp and nresp > PAGES,
         "%d responses in pages.jsonl, %d response records" % (nresp, len(responses)))

    # The stored bodies are the bytes served, decoded, with the head to match.
    base = "http://127.0.0.1:%d" % port
    wrong = [i for i in range(PAGES)
             if stored.get("%s/p/%d.html" % (base, i)) != site_server.page_html(i, port,
                                                                                  PAGES).encode()]
    c.ok(not wrong, "stored bodies are the pages served (%d differ, e.g. %s)" % (len(wrong),
                                                                               wrong[:3]))
    sbase = "http://127.0.0.1:%d" % sport

    def resp(path):
        lst = responses.get(sbase + path)
        return lst[0] if lst else (None, None)

    r, payload = resp("/gz")
    ok = r is not None and payload == GZ_HTML
    if ok:
        _, hdrs, _, _ = http_parts(r)
        ok = hdrs.get("x-crawler-content-encoding") == ["gzip"] and \
            hdrs.get("x-crawler-content-length") == [str(len(gzip.compress(GZ_HTML)))] and \
            "content-encoding" not in hdrs
    c.ok(ok, "gzip page stored decoded, Content-Encoding kept as X-Crawler-Content-Encoding")
    r, payload = resp("/chunked")
    ok = r is not None and payload == b"".join(CHUNKED)
    if ok:
        _, hdrs, _, _ = http_parts(r)
        ok = hdrs.get("x-crawler-transfer-encoding") == ["chunked"]
    c.ok(ok, "chunked page stored de-chunked, X-Crawler-Transfer-Encoding: chunked")
    r, payload = resp("/lf")
    c.ok(r is not None and payload == LF_BODY and
         r["block"].startswith(b"HTTP/1.1 200 OK\nContent-Type: text/plain\n"),
         "LF-only head kept as received, payload found")
    r, payload = resp("/big")
    line = lines.get(sbase + "/big", {})
    c.ok(r is not None and field(r, "WARC-Truncated") == "length" and
         payload == big[:MAX_BYTES] and line.get("error") == "too_large",
         "a body cut at --max-bytes: WARC-Truncated: length, the kept bytes stored")
    others = [u for u, lst in responses.items() if u != sbase + "/big" and
              field(lst[0][0], "WARC-Truncated")]
    c.ok(not others, "no other record flagged truncated (%s)" % others[:3])
    return responses


def check_wget(c, d, port, zc_responses):
    wd = os.path.join(d, "wget")
    os.makedirs(wd)
    base = os.path.join(wd, "site")
    p = zctest.start(["wget", "--recursive", "--level=2", "--no-parent", "--no-verbose",
                      "--tries=1", "--timeout=10", "--no-proxy", "--directory-prefix", wd,
                      "--warc-file=" + base, "http://127.0.0.1:%d/" % port],
                     log=os.path.join(d, "wget.log"))
    try:
        p.wait(WGET_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    rc = zctest.stop(p)
    # 8: "the server issued an error response", the site's 404 pages.
    c.ok(rc in (0, 8), "wget exits 0 or 8 (got %s)" % rc)
    path = base + ".warc.gz"
    c.ok(os.path.exists(path), "wget wrote %s" % os.path.basename(path))
    if not os.path.exists(path):
        return
    try:
        recs = read_warc(path, one_per_member=False)
    except WarcError as e:
        c.ok(False, "the reader parses wget's WARC (%s)" % e)
        return
    types = collections.Counter(field(r, "WARC-Type") for r in recs)
    bad, checked, payloads = collections.Counter(), 0, {}
    for r in recs:
        try:
            payload = check_record(r)
        except WarcError as e:
            bad[str(e)[:60]] += 1
            continue
        checked += field(r, "WARC-Block-Digest") is not None
        if field(r, "WARC-Type") == "response":
            payloads[field(r, "WARC-Target-URI").strip("<>")] = payload
    c.ok(not bad, "every record of wget's WARC parses and its digests check (%s)" % dict(bad))
    c.ok(types["warcinfo"] >= 1 and types["request"] >= 5 and types["response"] >= 5 and
         checked >= types["request"] + types["response"],
         "wget's WARC has warcinfo, requests and responses with digests (%s)" % dict(types))
    same = [u for u in payloads if u in zc_responses]
    differ = [u for u in same if payloads[u] != zc_responses[u][0][1]]
    c.ok(len(same) >= 5 and not differ,
         "pages in both WARCs have the same payload (%d compared, %d differ)" % (len(same),
                                                                                  len(differ)))
    print("wget: %d records %s" % (len(recs), dict(types)))


def main():
    a = zctest.args()
    c = zctest.Checks("test_warc")
    d = zctest.tmpdir(a.keep)

    # The reader on a hand-made record first: it must refuse what is wrong.
    good = (b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            b"WARC-Date: 2026-01-02T03:04:05Z\r\nWARC-Block-Digest: sha1:"
            + base64.b32encode(hashlib.sha1(b"hello").digest()) +
            b"\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
    ok = len(parse_records(good)) == 1 and check_record(parse_records(good)[0]) is None
    for broken in (good.replace(b"Length: 5", b"Length: 4"), good.replace(b"hello\r\n\r\n",
                   b"hellO\r\n\r\n"), good[:-2], good.replace(b"WARC/1.1", b"WARC/9")):
        try:
            check_record(parse_records(broken)[0])
            ok = False
        except WarcError:
            pass
    c.ok(ok, "the reader accepts a good record and refuses broken ones")

    port = zctest.free_port()
    log = os.path.join(d, "server.log")
    srv = zctest.start([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "site_server.py"),
                        "--port", str(port), "--pages", str(PAGES), "--log", log])
    zctest.wait_for(lambda: _up(port), 10, "the test server")
    special = start_special()
    sport = special.server_address[1]

    z = os.path.join(a.bin, "zcrawl")
    sink_help = subprocess.run([os.path.join(a.bin, "zcrawl-sink"), "--help"],
                               capture_output=True, text=True, timeout=10).stdout
    extra = ["--http", "off"] if "--http" in sink_help else []
    out = os.path.join(d, "out")
    t0 = time.time()
    run = zctest.start([z, "run", "--seed", "http://127.0.0.1:%d/" % port,
                        "--seed", "http://127.0.0.1:%d/" % sport, "--out", out,
                        "--crawlers", "2", "--parsers", "2", "--delay-ms", "0",
                        "--host-concurrency", "8", "--concurrency", "8", "--allow-private", "--http", "off",
                        "--max-bytes", str(MAX_BYTES), "--warc",
                        "--warc-max-bytes", str(WARC_MAX_BYTES), "--log-level", "warn"] + extra,
                       log=os.path.join(d, "run.log"))
    try:
        run.wait(CRAWL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    rc = zctest.stop(run)
    c.ok(rc == 0, "zcrawl run --warc exits 0 (got %s, %.1f s)" % (rc, time.time() - t0))
    if rc != 0:
        with open(os.path.join(d, "run.log"), errors="replace") as f:
            print(f.read()[-3000:])
    responses = {}
    if os.path.exists(os.path.join(out, "pages.jsonl")):
        responses = check_zcrawl(c, out, port, sport, special.big)
    special.shutdown()

    check_wget(c, d, port, responses)
    zctest.stop(srv)
    c.done()


if __name__ == "__main__":
    main()
