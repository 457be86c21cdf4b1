/*  zc_warc — the crawl as WARC/1.1 files (ISO 28500:2017), with --warc.

    The sink writes, for every record it writes to pages.jsonl (so once per
    URL) that carries a Capture — the parsers attach one, with --warc, to
    every fetch that got a response — a `request` and a `response` record to
    OUT/warc/zcrawl-YYYYMMDDhhmmss-NNNNN.warc.gz (UTC time the file was
    opened, NNNNN a serial). A fetch without a response (status 0: dns,
    connect, tls, robots, ...) gets no WARC records: there is no exchange to
    archive, and a request nobody answered says nothing pages.jsonl does not.

    Each file starts with its own `warcinfo` record; every record is one gzip
    member (deflate with a gzip header, one member per record), so readers
    can seek to any record and a damaged member loses only that record.
    A file is closed before a request/response pair would make it pass
    --warc-max-bytes (the pair then opens the next file); only a file whose
    first pair alone is larger passes the limit. Both records of a fetch are
    always in the same file.

    Records (header fields in this order; Content-Length is the block's):
      warcinfo  WARC-Type, WARC-Record-ID, WARC-Date (file opened),
                WARC-Filename, WARC-Block-Digest, Content-Type
                application/warc-fields, Content-Length; the block names the
                software, format, conformsTo, hostname and how bodies are kept.
      request   WARC-Type, WARC-Record-ID, WARC-Warcinfo-ID,
                WARC-Concurrent-To (the response), WARC-Target-URI (the
                record's URL), WARC-Date (request start, the record's
                fetched_at, in ms), WARC-IP-Address (when known),
                WARC-Block-Digest, WARC-Payload-Digest, Content-Type
                application/http;msgtype=request, Content-Length; the block is
                the request head libcurl sent, byte for byte.
      response  the same fields with WARC-Concurrent-To naming the request,
                WARC-Truncated when the body is not whole, and msgtype=response.
    Digests are "sha1:" and the base32 (RFC 4648) of the SHA-1: the block
    digest over the whole block, the payload digest over the entity body
    (what follows the head's blank line: empty for our GET requests).

    Bodies are stored as the crawler kept them: decoded (libcurl undid any
    Content-Encoding and chunking) and cut at --max-bytes. So that the stored
    HTTP message says what it holds, the response head is rewritten the way
    StormCrawler and Common Crawl do it: a Content-Encoding or
    Transfer-Encoding other than identity, and a Content-Length that differs
    from the stored body, keep their value under the name
    X-Crawler-<original name>, and a Content-Length with the stored length is
    added when none is left. Every other byte of the head is kept, HTTP/2
    heads as libcurl renders them ("HTTP/2 200", lower-case names). The
    payload digest therefore equals pages.jsonl's `digest` (same bytes),
    unless the parser had to cut the body to fit a message (a --max-bytes
    near 16 MiB; WARC-Truncated: length then).

    Writes go through a stdio buffer, flushed by zc_warc_flush (the sink
    calls it with pages.jsonl's flush, once a second) and on destroy. A
    failed write closes the file; the next write opens a new one.
*/
#ifndef ZC_WARC_H
#define ZC_WARC_H

#include "zcrawl.pb-c.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZC_WARC_DIR "warc"                         /* under --out */
#define ZC_WARC_MAX_BYTES_MIN (64 * 1024)          /* --warc-max-bytes range */
#define ZC_WARC_MAX_BYTES_MAX (INT64_C(1) << 40)
#define ZC_WARC_GZIP_LEVEL 6                       /* zlib's default trade-off */
#define ZC_WARC_PAIR_MAX (64u << 20)               /* one fetch's compressed records */
#define ZC_WARC_STDIO_BUF (1u << 20)
#define ZC_WARC_SERIAL_MAX 99999                   /* NNNNN of the file names */
#define ZC_WARC_ID_SIZE 48                         /* "<urn:uuid:...>" and its NUL */
#define ZC_WARC_DIGEST_SIZE 38                     /* "sha1:" + 32 base32 + NUL */

typedef struct zc_warc_t zc_warc_t;

/* Creates OUT/warc (out_dir must exist) for files closed before they pass
   max_bytes. The first file is opened at the first write, so a crawl
   without responses leaves no file. Returns NULL (logged) when the
   directory cannot be created. */
zc_warc_t *zc_warc_new(const char *out_dir, int64_t max_bytes);

/* Flushes and closes the current file; NULL-safe, nulls *self_p. */
void zc_warc_destroy(zc_warc_t **self_p);

/* Writes the request and response records of r's capture (nothing, and
   ZC_OK, for a record without a capture or without a response head).
   Returns ZC_OK, ZC_EINVAL when the URL or address cannot be a WARC field
   value (control characters, spaces), ZC_ETOOBIG when the pair compresses
   to more than ZC_WARC_PAIR_MAX, ZC_EIO when a file cannot be opened or
   written (the file is then closed; the next write opens another). */
int zc_warc_write(zc_warc_t *self, const Zcrawl__Record *r);

/* Pushes buffered records to the file; ZC_OK or ZC_EIO. */
int zc_warc_flush(zc_warc_t *self);

/* WARC records written (warcinfo included), and files opened. */
uint64_t zc_warc_records(const zc_warc_t *self);
uint64_t zc_warc_files(const zc_warc_t *self);

/* RFC 4648 base32 of n bytes, with '=' padding, NUL-terminated, into out
   (at least 8 * ceil(n / 5) + 1 bytes). Returns the length written. */
size_t zc_warc_base32(const uint8_t *in, size_t n, char *out);

int zc_warc_test(bool verbose);

#endif
