/*  zc_warc — see zc_warc.h.

    One write makes the whole request/response pair in memory first: the
    response head is rewritten into `http`, both blocks are digested, each
    record (WARC head, block, the closing CRLF CRLF) is deflated as its own
    gzip member into `out`; only then is the target file chosen, so the
    rotation test knows the pair's compressed size. The members name the
    current file's warcinfo, so the one write that opens a new file builds
    its pair a second time, with the new warcinfo's ID.

    Invariants
    1. An open file starts with its warcinfo record, and `size` is the number
       of bytes handed to stdio for it.
    2. A file holds whole members only, except after a failed write, which
       closes it at once (so nothing is ever appended after a torn member).
    3. size + a pair > max_bytes with a pair already in the file closes the
       file before that pair: no file passes max_bytes unless its only pair
       is larger by itself.
    4. The z_stream is reset before each member; `out`, `http` and `head`
       are reused, and released after a pair that made them grow large.
*/
#include "zc_warc.h"

#include "zc_buf.h"
#include "zc_log.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define S_CHUNK (64u * 1024)        /* deflate output staging, and input slices */
#define S_KEEP (4u << 20)           /* a buffer grown beyond this is released after use */
#define S_HEAD_MAX (1u << 20)       /* WARC header text of one record */
#define S_HTTP_MAX (4u << 20)       /* a rewritten response head (crawler caps at 128 KiB) */
#define S_HOSTNAME_MAX 256
#define S_DATE_SIZE 32
#define S_XPREFIX "X-Crawler-"

static const char s_end[] = "\r\n\r\n"; /* closes every record */

struct zc_warc_t {
    char *dir;               /* OUT/warc */
    int64_t max_bytes;
    FILE *f;                 /* the current file, or NULL */
    char *iobuf;             /* its stdio buffer */
    char *path;              /* its path */
    int64_t size;            /* bytes written to it (invariant 1) */
    bool has_pairs;          /* it holds more than its warcinfo */
    char warcinfo_id[ZC_WARC_ID_SIZE];
    unsigned serial;         /* NNNNN of the next file name */
    z_stream z;
    bool z_ready;
    unsigned char *stage;    /* S_CHUNK bytes of deflate output */
    zc_buf_t out;            /* the compressed members of one write */
    zc_buf_t head;           /* one record's WARC header text */
    zc_buf_t http;           /* the rewritten response head */
    EVP_MD_CTX *block_md, *payload_md;
    char hostname[S_HOSTNAME_MAX];
    uint64_t records, files, counter;
};

/* --- encodings -------------------------------------------------------------- */

size_t zc_warc_base32(const uint8_t *in, size_t n, char *out)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 5) {
        uint8_t b[5] = {0, 0, 0, 0, 0};
        size_t take = n - i < 5 ? n - i : 5;
        memcpy(b, in + i, take);
        uint64_t v = ((uint64_t)b[0] << 32) | ((uint64_t)b[1] << 24) | ((uint64_t)b[2] << 16) |
                     ((uint64_t)b[3] << 8) | b[4];
        /* Output characters that carry input bits: ceil(8 * take / 5). */
        size_t chars = (take * 8 + 4) / 5;
        for (size_t k = 0; k < 8; k++)
            out[o + k] = k < chars ? alpha[(v >> (35 - 5 * k)) & 31] : '=';
        o += 8;
    }
    out[o] = '\0';
    return o;
}

/* "sha1:" and the base32 of the digest ctx holds; ctx is finished. */
static void s_digest_str(EVP_MD_CTX *ctx, char out[ZC_WARC_DIGEST_SIZE])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_DigestFinal_ex(ctx, md, &len);
    assert(len == 20);
    memcpy(out, "sha1:", 5);
    zc_warc_base32(md, len, out + 5);
}

/* A random (version 4) UUID as a WARC record ID: <urn:uuid:...>. */
static void s_record_id(zc_warc_t *self, char out[ZC_WARC_ID_SIZE])
{
    uint8_t u[16];
    if (getrandom(u, sizeof u, 0) != (ssize_t)sizeof u) {
        /* No kernel randomness (cannot happen after boot): still unique
           within this process, which is what a record ID needs most. */
        uint64_t seed[3] = {(uint64_t)zc_wall_ms(), (uint64_t)getpid(), ++self->counter};
        uint64_t a = zc_hash64(seed, sizeof seed, 1), b = zc_hash64(seed, sizeof seed, 2);
        memcpy(u, &a, 8);
        memcpy(u + 8, &b, 8);
    }
    u[6] = (uint8_t)((u[6] & 0x0f) | 0x40); /* version 4 */
    u[8] = (uint8_t)((u[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    memcpy(p, "<urn:uuid:", 10);
    p += 10;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[u[i] >> 4];
        *p++ = hex[u[i] & 15];
    }
    *p++ = '>';
    *p = '\0';
}

/* A WARC field value we write must be one line without spaces (URIs and
   addresses): no byte <= 0x20 and no DEL. */
static bool s_field_ok(const char *s)
{
    if (!s || !*s)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return false;
    return true;
}

/* --- the response head ------------------------------------------------------- */

/* Whether the header line [p, p+n) is named name (case-insensitive); sets
   *v / *vlen to its value, spaces trimmed. */
static bool s_header_is(const char *p, size_t n, const char *name, const char **v, size_t *vlen)
{
    size_t nl = strlen(name);
    const char *colon = memchr(p, ':', n);
    if (!colon)
        return false;
    size_t len = (size_t)(colon - p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    if (len != nl || strncasecmp(p, name, nl) != 0)
        return false;
    const char *s = colon + 1, *e = p + n;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t'))
        e--;
    *v = s;
    *vlen = (size_t)(e - s);
    return true;
}

static bool s_value_is(const char *v, size_t vlen, const char *want)
{
    return vlen == strlen(want) && strncasecmp(v, want, vlen) == 0;
}

/* Writes the response head h (status line .. blank line, as received) to
   out as it must read for a stored body of body_len bytes (zc_warc.h):
   Content-Encoding / Transfer-Encoding other than identity and a
   Content-Length other than body_len are renamed X-Crawler-*, and a
   Content-Length: body_len is added when none is left. A line without its
   newline (a head cut short) gets CRLF; what follows the blank line, if
   anything, is dropped. */
static int s_http_head(const uint8_t *h, size_t n, size_t body_len, zc_buf_t *out)
{
    char want_len[24];
    snprintf(want_len, sizeof want_len, "%zu", body_len);
    const char *p = (const char *)h, *end = p + n;
    bool first = true, have_len = false;
    int rc = ZC_OK;
    while (p < end && !rc) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
        bool blank = (len == 1 && p[0] == '\n') || (len == 2 && p[0] == '\r' && p[1] == '\n') ||
                     (len == 1 && p[0] == '\r');
        if (blank && !first)
            break;
        const char *v;
        size_t vlen;
        bool rename = false;
        if (!first) {
            if (s_header_is(p, len, "content-length", &v, &vlen)) {
                if (s_value_is(v, vlen, want_len))
                    have_len = true;
                else
                    rename = true;
            } else if (s_header_is(p, len, "content-encoding", &v, &vlen) ||
                       s_header_is(p, len, "transfer-encoding", &v, &vlen)) {
                rename = !s_value_is(v, vlen, "identity");
            }
        }
        if (rename)
            rc = zc_buf_adds(out, S_XPREFIX);
        if (!rc)
            rc = zc_buf_add(out, p, len);
        if (!rc && !nl)
            rc = zc_buf_adds(out, "\r\n");
        first = false;
        p += len;
    }
    if (!rc && !have_len)
        rc = zc_buf_printf(out, "Content-Length: %s\r\n", want_len);
    if (!rc)
        rc = zc_buf_adds(out, "\r\n");
    return rc;
}

/* Offset of the entity body in an HTTP message block: just past the first
   blank line (CRLF CRLF, or LF LF), or n when there is none. */
static size_t s_payload_off(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (b[i] != '\n')
            continue;
        if (b[i + 1] == '\n')
            return i + 2;
        if (i + 2 < n && b[i + 1] == '\r' && b[i + 2] == '\n')
            return i + 3;
    }
    return n;
}

/* --- gzip members ------------------------------------------------------------ */

/* Feeds [p, p+n) to the stream (flush: Z_NO_FLUSH or Z_FINISH), appending
   the compressed bytes to self->out. */
static int s_deflate(zc_warc_t *self, const void *p, size_t n, int flush)
{
    z_stream *z = &self->z;
    const unsigned char *in = p;
    for (;;) {
        uInt slice = n > S_CHUNK ? S_CHUNK : (uInt)n;
        z->next_in = (Bytef *)in;
        z->avail_in = slice;
        int last = flush == Z_FINISH && slice == n ? Z_FINISH : Z_NO_FLUSH;
        int zrc;
        do {
            z->next_out = self->stage;
            z->avail_out = S_CHUNK;
            zrc = deflate(z, last);
            if (zrc == Z_STREAM_ERROR)
                return ZC_EIO;
            int rc = zc_buf_add(&self->out, self->stage, S_CHUNK - z->avail_out);
            if (rc)
                return rc;
        } while (z->avail_out == 0 || (last == Z_FINISH && zrc != Z_STREAM_END));
        in += slice;
        n -= slice;
        if (!n)
            return ZC_OK;
    }
}

/* Appends one record as a gzip member: head, then the block's two parts,
   then the closing CRLF CRLF. */
static int s_member(zc_warc_t *self, const zc_buf_t *head, const void *b1, size_t n1,
                    const void *b2, size_t n2)
{
    if (deflateReset(&self->z) != Z_OK)
        return ZC_EIO;
    int rc = s_deflate(self, head->data, head->len, Z_NO_FLUSH);
    if (!rc && n1)
        rc = s_deflate(self, b1, n1, Z_NO_FLUSH);
    if (!rc && n2)
        rc = s_deflate(self, b2, n2, Z_NO_FLUSH);
    if (!rc)
        rc = s_deflate(self, s_end, sizeof s_end - 1, Z_FINISH);
    return rc;
}

/* The digest of a block made of two parts. */
static void s_sha1(EVP_MD_CTX *ctx, const void *a, size_t na, const void *b, size_t nb,
                   char out[ZC_WARC_DIGEST_SIZE])
{
    EVP_DigestInit_ex(ctx, EVP_sha1(), NULL);
    EVP_DigestUpdate(ctx, a, na);
    EVP_DigestUpdate(ctx, b, nb);
    s_digest_str(ctx, out);
}

/* --- files -------------------------------------------------------------------- */

static void s_close(zc_warc_t *self)
{
    if (!self->f)
        return;
    if (fclose(self->f) != 0)
        zc_error("cannot write warc path=%s err=\"%s\"", self->path, strerror(errno));
    self->f = NULL;
    free(self->iobuf);
    self->iobuf = NULL;
    free(self->path);
    self->path = NULL;
    self->size = 0;
    self->has_pairs = false;
}

/* Hands the members in self->out to the current file. */
static int s_emit(zc_warc_t *self)
{
    if (fwrite(self->out.data, 1, self->out.len, self->f) != self->out.len) {
        zc_error("cannot write warc path=%s err=\"%s\"", self->path, strerror(errno));
        s_close(self); /* invariant 2 */
        return ZC_EIO;
    }
    self->size += (int64_t)self->out.len;
    return ZC_OK;
}

/* Opens the next file (a name not taken yet) and writes its warcinfo. */
static int s_open(zc_warc_t *self)
{
    int64_t now = zc_wall_ms();
    time_t secs = (time_t)(now / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    char stamp[16];
    strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
    size_t plen = strlen(self->dir) + 64;
    char *path = zc_malloc(plen);
    int fd = -1;
    for (; self->serial <= ZC_WARC_SERIAL_MAX; self->serial++) {
        snprintf(path, plen, "%s/zcrawl-%s-%05u.warc.gz", self->dir, stamp, self->serial);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    self->serial = self->serial < ZC_WARC_SERIAL_MAX ? self->serial + 1 : 0;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        zc_error("cannot create warc path=%s err=\"%s\"", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(path);
        return ZC_EIO;
    }
    self->f = f;
    self->path = path;
    self->iobuf = zc_malloc(ZC_WARC_STDIO_BUF);
    setvbuf(f, self->iobuf, _IOFBF, ZC_WARC_STDIO_BUF);
    self->size = 0;
    self->has_pairs = false;
    self->files++;

    zc_buf_t info;
    zc_buf_init(&info, S_HEAD_MAX);
    int rc = zc_buf_printf(&info,
                           "software: zcrawl/%s\r\n"
                           "format: WARC File Format 1.1\r\n"
                           "conformsTo: https://iipc.github.io/warc-specifications/"
                           "specifications/warc-format/warc-1.1/\r\n"
                           "hostname: %s\r\n"
                           "description: HTTP bodies are stored decoded, as received after "
                           "Content-Encoding and chunking were undone, and cut at the crawl's "
                           "--max-bytes (WARC-Truncated: length); Content-Encoding, "
                           "Transfer-Encoding and a Content-Length that does not match keep "
                           "their values as X-Crawler-* headers.\r\n",
                           ZC_VERSION, self->hostname);
    char digest[ZC_WARC_DIGEST_SIZE], date[S_DATE_SIZE];
    s_sha1(self->block_md, info.data, info.len, NULL, 0, digest);
    s_record_id(self, self->warcinfo_id);
    const char *name = strrchr(path, '/') + 1;
    zc_buf_reset(&self->head);
    if (!rc)
        rc = zc_buf_printf(&self->head,
                           "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: %s\r\n"
                           "WARC-Date: %s\r\nWARC-Filename: %s\r\nWARC-Block-Digest: %s\r\n"
                           "Content-Type: application/warc-fields\r\nContent-Length: %zu\r\n\r\n",
                           self->warcinfo_id, zc_rfc3339_ms(now, date, sizeof date), name,
                           digest, info.len);
    zc_buf_reset(&self->out);
    if (!rc)
        rc = s_member(self, &self->head, info.data, info.len, NULL, 0);
    zc_buf_free(&info);
    if (!rc)
        rc = s_emit(self);
    else
        s_close(self);
    if (rc)
        return rc;
    self->records++;
    zc_info("warc file opened path=%s", self->path);
    return ZC_OK;
}

/* --- records ------------------------------------------------------------------ */

/* The WARC head of a request or response record into self->head. */
static int s_head(zc_warc_t *self, const char *type, const char *id, const char *peer,
                  const Zcrawl__Record *r, const char *date, const char *truncated,
                  const char *block_digest, const char *payload_digest, size_t len)
{
    zc_buf_t *h = &self->head;
    zc_buf_reset(h);
    int rc = zc_buf_printf(h, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\n"
                              "WARC-Warcinfo-ID: %s\r\n",
                           type, id, self->warcinfo_id);
    if (!rc && peer)
        rc = zc_buf_printf(h, "WARC-Concurrent-To: %s\r\n", peer);
    if (!rc)
        rc = zc_buf_printf(h, "WARC-Target-URI: %s\r\nWARC-Date: %s\r\n", r->url, date);
    if (!rc && r->ip && *r->ip)
        rc = zc_buf_printf(h, "WARC-IP-Address: %s\r\n", r->ip);
    if (!rc && truncated)
        rc = zc_buf_printf(h, "WARC-Truncated: %s\r\n", truncated);
    if (!rc)
        rc = zc_buf_printf(h, "WARC-Block-Digest: %s\r\nWARC-Payload-Digest: %s\r\n"
                              "Content-Type: application/http;msgtype=%s\r\n"
                              "Content-Length: %zu\r\n\r\n",
                           block_digest, payload_digest, type, len);
    return rc;
}

/* Compresses the pair of c into self->out, naming the current warcinfo. */
static int s_pair(zc_warc_t *self, const Zcrawl__Record *r, const Zcrawl__Capture *c,
                  const char *req_id, const char *resp_id, const char *date)
{
    zc_buf_reset(&self->out);
    char block[ZC_WARC_DIGEST_SIZE], payload[ZC_WARC_DIGEST_SIZE];
    bool has_req = c->has_request_headers && c->request_headers.len > 0;
    int rc = ZC_OK;
    if (has_req) {
        const uint8_t *q = c->request_headers.data;
        size_t qn = c->request_headers.len, off = s_payload_off(q, qn);
        s_sha1(self->block_md, q, qn, NULL, 0, block);
        s_sha1(self->payload_md, q + off, qn - off, NULL, 0, payload);
        rc = s_head(self, "request", req_id, resp_id, r, date, NULL, block, payload, qn);
        if (!rc)
            rc = s_member(self, &self->head, q, qn, NULL, 0);
    }
    const uint8_t *body = c->has_body ? c->body.data : NULL;
    size_t blen = c->has_body ? c->body.len : 0;
    /* Both digests in one pass over the body. */
    EVP_DigestInit_ex(self->block_md, EVP_sha1(), NULL);
    EVP_DigestInit_ex(self->payload_md, EVP_sha1(), NULL);
    EVP_DigestUpdate(self->block_md, self->http.data, self->http.len);
    for (size_t i = 0; i < blen; i += S_CHUNK) {
        size_t k = blen - i < S_CHUNK ? blen - i : S_CHUNK;
        EVP_DigestUpdate(self->block_md, body + i, k);
        EVP_DigestUpdate(self->payload_md, body + i, k);
    }
    s_digest_str(self->block_md, block);
    s_digest_str(self->payload_md, payload);
    const char *truncated = c->truncated && *c->truncated ? c->truncated : NULL;
    if (!rc)
        rc = s_head(self, "response", resp_id, has_req ? req_id : NULL, r, date, truncated, block,
                    payload, self->http.len + blen);
    if (!rc)
        rc = s_member(self, &self->head, self->http.data, self->http.len, body, blen);
    return rc;
}

int zc_warc_write(zc_warc_t *self, const Zcrawl__Record *r)
{
    const Zcrawl__Capture *c = r->capture;
    if (!c || !c->has_response_headers || !c->response_headers.len)
        return ZC_OK;
    if (!s_field_ok(r->url) || (r->ip && *r->ip && !s_field_ok(r->ip)) ||
        (c->truncated && *c->truncated && !s_field_ok(c->truncated)))
        return ZC_EINVAL;
    char date[S_DATE_SIZE], req_id[ZC_WARC_ID_SIZE], resp_id[ZC_WARC_ID_SIZE];
    zc_rfc3339_ms(r->has_fetched_at_ms ? (int64_t)r->fetched_at_ms : zc_wall_ms(), date,
                  sizeof date);
    s_record_id(self, req_id);
    s_record_id(self, resp_id);
    zc_buf_reset(&self->http);
    int rc = s_http_head(c->response_headers.data, c->response_headers.len,
                         c->has_body ? c->body.len : 0, &self->http);
    if (!rc && !self->f)
        rc = s_open(self);
    if (!rc)
        rc = s_pair(self, r, c, req_id, resp_id, date);
    if (!rc && self->has_pairs && self->size + (int64_t)self->out.len > self->max_bytes) {
        s_close(self); /* invariant 3 */
        rc = s_open(self);
        if (!rc)
            rc = s_pair(self, r, c, req_id, resp_id, date);
    }
    if (!rc)
        rc = s_emit(self);
    if (!rc) {
        self->has_pairs = true;
        self->records += c->has_request_headers && c->request_headers.len ? 2 : 1;
    }
    if (self->out.cap > S_KEEP)
        zc_buf_free(&self->out);
    if (self->http.cap > S_KEEP)
        zc_buf_free(&self->http);
    return rc;
}

int zc_warc_flush(zc_warc_t *self)
{
    if (self->f && fflush(self->f) != 0) {
        zc_error("cannot write warc path=%s err=\"%s\"", self->path, strerror(errno));
        s_close(self);
        return ZC_EIO;
    }
    return ZC_OK;
}

uint64_t zc_warc_records(const zc_warc_t *self)
{
    return self->records;
}

uint64_t zc_warc_files(const zc_warc_t *self)
{
    return self->files;
}

zc_warc_t *zc_warc_new(const char *out_dir, int64_t max_bytes)
{
    zc_warc_t *self = zc_calloc(1, sizeof *self);
    size_t n = strlen(out_dir) + sizeof ZC_WARC_DIR + 1;
    self->dir = zc_malloc(n);
    snprintf(self->dir, n, "%s/%s", out_dir, ZC_WARC_DIR);
    self->max_bytes = max_bytes;
    zc_buf_init(&self->out, ZC_WARC_PAIR_MAX);
    zc_buf_init(&self->head, S_HEAD_MAX);
    zc_buf_init(&self->http, S_HTTP_MAX);
    self->stage = zc_malloc(S_CHUNK);
    self->block_md = EVP_MD_CTX_new();
    self->payload_md = EVP_MD_CTX_new();
    if (gethostname(self->hostname, sizeof self->hostname) != 0 ||
        !s_field_ok(self->hostname))
        snprintf(self->hostname, sizeof self->hostname, "localhost");
    self->hostname[sizeof self->hostname - 1] = '\0';
    if (!self->block_md || !self->payload_md) {
        zc_error("cannot set up SHA-1 for warc output");
        goto err;
    }
    /* windowBits 15 + 16: a gzip header and trailer around each member. */
    if (deflateInit2(&self->z, ZC_WARC_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        zc_error("cannot set up zlib for warc output");
        goto err;
    }
    self->z_ready = true;
    if (mkdir(self->dir, 0755) != 0 && errno != EEXIST) {
        zc_error("cannot create warc directory path=%s err=\"%s\"", self->dir, strerror(errno));
        goto err;
    }
    struct stat st;
    if (stat(self->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        zc_error("warc output is not a directory path=%s", self->dir);
        goto err;
    }
    zc_info("warc output dir=%s max_bytes=%" PRId64, self->dir, max_bytes);
    return self;
err:
    zc_warc_destroy(&self);
    return NULL;
}

void zc_warc_destroy(zc_warc_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_warc_t *self = *self_p;
    s_close(self);
    if (self->z_ready)
        deflateEnd(&self->z);
    EVP_MD_CTX_free(self->block_md);
    EVP_MD_CTX_free(self->payload_md);
    zc_buf_free(&self->out);
    zc_buf_free(&self->head);
    zc_buf_free(&self->http);
    free(self->stage);
    free(self->dir);
    free(self);
    *self_p = NULL;
}

/* --- self-test ------------------------------------------------------------ */

#include <dirent.h>

/* The members of a .warc.gz, each inflated on its own. */
typedef struct {
    char *data[16];
    size_t len[16];
    size_t n;
} s_members_t;

static void s_inflate_all(const char *path, s_members_t *m)
{
    char *gz = NULL;
    size_t gzlen = 0;
    assert(zc_read_file(path, 1 << 26, &gz, &gzlen) == 0);
    memset(m, 0, sizeof *m);
    size_t off = 0;
    while (off < gzlen) {
        assert(m->n < 16);
        assert((unsigned char)gz[off] == 0x1f && (unsigned char)gz[off + 1] == 0x8b);
        z_stream z;
        memset(&z, 0, sizeof z);
        assert(inflateInit2(&z, 15 + 16) == Z_OK);
        size_t cap = 1 << 20;
        char *out = zc_malloc(cap);
        z.next_in = (Bytef *)gz + off;
        z.avail_in = (uInt)(gzlen - off);
        z.next_out = (Bytef *)out;
        z.avail_out = (uInt)cap;
        /* Stops at the end of this member: the next one is inflated alone. */
        assert(inflate(&z, Z_FINISH) == Z_STREAM_END);
        m->data[m->n] = out;
        m->len[m->n] = z.total_out;
        m->n++;
        off += z.total_in;
        inflateEnd(&z);
    }
    free(gz);
}

static void s_members_free(s_members_t *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->data[i]);
    m->n = 0;
}

/* The value of a WARC header field in a record, copied into out. */
static const char *s_field(const char *rec, const char *name, char *out, size_t size)
{
    const char *end = strstr(rec, "\r\n\r\n");
    size_t nl = strlen(name);
    for (const char *p = strstr(rec, "\r\n"); p && p < end; p = strstr(p + 2, "\r\n")) {
        if (strncmp(p + 2, name, nl) == 0 && p[2 + nl] == ':') {
            const char *v = p + 2 + nl + 2, *e = strstr(v, "\r\n");
            snprintf(out, size, "%.*s", (int)(e - v), v);
            return out;
        }
    }
    return NULL;
}

/* Checks a record's Content-Length, closing CRLF CRLF and block digest;
   returns its block. */
static const char *s_check_record(const char *rec, size_t len, size_t *block_len)
{
    char v[64], want[ZC_WARC_DIGEST_SIZE];
    const char *block = strstr(rec, "\r\n\r\n") + 4;
    assert(s_field(rec, "Content-Length", v, sizeof v));
    size_t n = (size_t)strtoull(v, NULL, 10);
    assert((size_t)(block - rec) + n + 4 == len && memcmp(block + n, "\r\n\r\n", 4) == 0);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    s_sha1(ctx, block, n, NULL, 0, want);
    EVP_MD_CTX_free(ctx);
    assert(s_field(rec, "WARC-Block-Digest", v, sizeof v) && strcmp(v, want) == 0);
    *block_len = n;
    return block;
}

static size_t s_list(const char *dir, char names[][64], size_t max)
{
    DIR *d = opendir(dir);
    assert(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        assert(n < max && strlen(e->d_name) < 64);
        snprintf(names[n++], 64, "%.63s", e->d_name);
    }
    closedir(d);
    /* Sorted, so the files are in the order they were made. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[64];
            memcpy(t, names[j], 64);
            memcpy(names[j], names[j - 1], 64);
            memcpy(names[j - 1], t, 64);
        }
    return n;
}

static const char s_t_req[] = "GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\n"
                              "Accept: */*\r\nAccept-Encoding: gzip\r\n\r\n";
static const char s_t_head[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                               "Content-Encoding: gzip\r\nContent-Length: 33\r\n\r\n";
static const char s_t_body[] = "<title>hello</title>";

static void s_t_record(Zcrawl__Record *r, Zcrawl__Capture *c, const char *url)
{
    zcrawl__record__init(r);
    zcrawl__capture__init(c);
    r->version = 1;
    r->url = (char *)url;
    r->has_status = true;
    r->status = 200;
    r->has_fetched_at_ms = true;
    r->fetched_at_ms = 1767323045678;
    r->ip = "192.0.2.7";
    c->has_request_headers = c->has_response_headers = c->has_body = true;
    c->request_headers.data = (uint8_t *)s_t_req;
    c->request_headers.len = strlen(s_t_req);
    c->response_headers.data = (uint8_t *)s_t_head;
    c->response_headers.len = strlen(s_t_head);
    c->body.data = (uint8_t *)s_t_body;
    c->body.len = strlen(s_t_body);
    r->capture = c;
}

static void s_test_head(const char *in, size_t body_len, const char *want)
{
    zc_buf_t b;
    zc_buf_init(&b, 1 << 16);
    assert(s_http_head((const uint8_t *)in, strlen(in), body_len, &b) == 0);
    if (strcmp(b.data, want) != 0)
        zc_error("rewritten head differs got=\"%s\" want=\"%s\"", b.data, want);
    assert(strcmp(b.data, want) == 0);
    zc_buf_free(&b);
}

int zc_warc_test(bool verbose)
{
    ZC_UNUSED(verbose);
    /* RFC 4648 §10 test vectors. */
    static const char *vec[][2] = {{"", ""},
                                   {"f", "MY======"},
                                   {"fo", "MZXQ===="},
                                   {"foo", "MZXW6==="},
                                   {"foob", "MZXW6YQ="},
                                   {"fooba", "MZXW6YTB"},
                                   {"foobar", "MZXW6YTBOI======"}};
    char b32[64];
    for (size_t i = 0; i < ZC_ARRAY_LEN(vec); i++) {
        size_t n = zc_warc_base32((const uint8_t *)vec[i][0], strlen(vec[i][0]), b32);
        assert(n == strlen(vec[i][1]) && strcmp(b32, vec[i][1]) == 0);
    }
    /* SHA-1 digests as WARC writes them (values from Python's hashlib). */
    char dg[ZC_WARC_DIGEST_SIZE];
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    s_sha1(ctx, "", 0, NULL, 0, dg);
    assert(strcmp(dg, "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ") == 0);
    s_sha1(ctx, "a", 1, "bc", 2, dg);
    assert(strcmp(dg, "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5") == 0);
    EVP_MD_CTX_free(ctx);
    assert(s_payload_off((const uint8_t *)s_t_req, strlen(s_t_req)) == strlen(s_t_req));
    assert(s_payload_off((const uint8_t *)"A\n\nxy", 5) == 3);
    assert(s_payload_off((const uint8_t *)"A\r\n", 3) == 3);

    /* The response head: encodings and a wrong length renamed, a right one
       kept, a length added; HTTP/2 heads as libcurl gives them; a head cut
       short is closed. */
    s_test_head(s_t_head, 20,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Crawler-Content-Encoding: gzip\r\n"
                "X-Crawler-Content-Length: 33\r\nContent-Length: 20\r\n\r\n");
    s_test_head("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: identity\r\n\r\n", 5,
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: identity\r\n\r\n");
    s_test_head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nServer: x\r\n\r\n", 0,
                "HTTP/1.1 200 OK\r\nX-Crawler-Transfer-Encoding: chunked\r\nServer: x\r\n"
                "Content-Length: 0\r\n\r\n");
    s_test_head("HTTP/2 200 \r\ncontent-type: text/html\r\ncontent-length: 100\r\n"
                "content-encoding: br\r\n\r\n",
                42,
                "HTTP/2 200 \r\ncontent-type: text/html\r\nX-Crawler-content-length: 100\r\n"
                "X-Crawler-content-encoding: br\r\nContent-Length: 42\r\n\r\n");
    s_test_head("HTTP/1.0 200 OK\nServer: lf\n\n", 3,
                "HTTP/1.0 200 OK\nServer: lf\nContent-Length: 3\r\n\r\n");
    s_test_head("HTTP/1.1 200 OK\r\nX-Long: abc", 0,
                "HTTP/1.1 200 OK\r\nX-Long: abc\r\nContent-Length: 0\r\n\r\n");

    char dir[] = "/tmp/zc-warc-test-XXXXXX";
    assert(mkdtemp(dir));
    char wdir[128], path[256], names[64][64];
    snprintf(wdir, sizeof wdir, "%s/%s", dir, ZC_WARC_DIR);

    /* A record without a capture or a response writes nothing, not even a
       file; bad field values are refused. */
    zc_warc_t *w = zc_warc_new(dir, 1 << 20);
    assert(w);
    Zcrawl__Record r;
    Zcrawl__Capture c;
    s_t_record(&r, &c, "http://example.com/a?b=1");
    r.capture = NULL;
    assert(zc_warc_write(w, &r) == ZC_OK);
    r.capture = &c;
    c.has_response_headers = false;
    assert(zc_warc_write(w, &r) == ZC_OK);
    assert(zc_warc_files(w) == 0 && zc_warc_records(w) == 0 && s_list(wdir, names, 64) == 0);
    c.has_response_headers = true;
    r.url = "http://example.com/a\r\nWARC-Type: x";
    assert(zc_warc_write(w, &r) == ZC_EINVAL && zc_warc_files(w) == 0);
    r.url = "http://example.com/a?b=1";

    /* One pair: warcinfo, request, response, each its own gzip member, with
       exactly these headers. */
    assert(zc_warc_write(w, &r) == ZC_OK);
    assert(zc_warc_files(w) == 1 && zc_warc_records(w) == 3);
    zc_warc_destroy(&w);
    assert(w == NULL);
    assert(s_list(wdir, names, 64) == 1);
    assert(strncmp(names[0], "zcrawl-", 7) == 0 && strlen(names[0]) == 7 + 14 + 1 + 5 + 8 &&
           strcmp(names[0] + 22, "00000.warc.gz") == 0);
    snprintf(path, sizeof path, "%s/%.63s", wdir, names[0]);
    s_members_t m;
    s_inflate_all(path, &m);
    assert(m.n == 3);
    char info_id[64], req_id[64], resp_id[64], v[128];
    size_t blen;
    const char *blk = s_check_record(m.data[0], m.len[0], &blen);
    static const char info_start[] = "WARC/1.1\r\nWARC-Type: warcinfo\r\n"
                                     "WARC-Record-ID: <urn:uuid:";
    assert(strncmp(m.data[0], info_start, strlen(info_start)) == 0);
    assert(s_field(m.data[0], "WARC-Record-ID", info_id, sizeof info_id));
    assert(strlen(info_id) == 47 && info_id[24] == '4'); /* <urn:uuid:8-4-4-4-12>, v4 */
    assert(s_field(m.data[0], "WARC-Filename", v, sizeof v) && strcmp(v, names[0]) == 0);
    assert(s_field(m.data[0], "Content-Type", v, sizeof v) &&
           strcmp(v, "application/warc-fields") == 0);
    assert(strncmp(blk, "software: zcrawl/", 17) == 0 && strstr(blk, "\r\nformat: WARC File "
                                                                       "Format 1.1\r\n"));
    const char *q = s_check_record(m.data[1], m.len[1], &blen);
    assert(blen == strlen(s_t_req) && memcmp(q, s_t_req, blen) == 0);
    assert(s_field(m.data[1], "WARC-Record-ID", req_id, sizeof req_id));
    assert(s_field(m.data[2], "WARC-Record-ID", resp_id, sizeof resp_id));
    assert(strcmp(req_id, resp_id) != 0 && strcmp(req_id, info_id) != 0);
    char want[2048];
    snprintf(want, sizeof want,
             "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: %s\r\nWARC-Warcinfo-ID: %s\r\n"
             "WARC-Concurrent-To: %s\r\nWARC-Target-URI: http://example.com/a?b=1\r\n"
             "WARC-Date: 2026-01-02T03:04:05.678Z\r\nWARC-IP-Address: 192.0.2.7\r\n"
             "WARC-Block-Digest: %s\r\n"
             "WARC-Payload-Digest: sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ\r\n"
             "Content-Type: application/http;msgtype=request\r\nContent-Length: %zu\r\n\r\n",
             req_id, info_id, resp_id, s_field(m.data[1], "WARC-Block-Digest", v, sizeof v),
             strlen(s_t_req));
    assert(strncmp(m.data[1], want, strlen(want)) == 0);
    const char *resp = s_check_record(m.data[2], m.len[2], &blen);
    static const char want_http[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                    "X-Crawler-Content-Encoding: gzip\r\n"
                                    "X-Crawler-Content-Length: 33\r\nContent-Length: 20\r\n\r\n"
                                    "<title>hello</title>";
    assert(blen == strlen(want_http) && memcmp(resp, want_http, blen) == 0);
    /* sha1("<title>hello</title>"), from Python's hashlib. */
    snprintf(want, sizeof want,
             "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: %s\r\nWARC-Warcinfo-ID: %s\r\n"
             "WARC-Concurrent-To: %s\r\nWARC-Target-URI: http://example.com/a?b=1\r\n"
             "WARC-Date: 2026-01-02T03:04:05.678Z\r\nWARC-IP-Address: 192.0.2.7\r\n"
             "WARC-Block-Digest: %s\r\n"
             "WARC-Payload-Digest: sha1:%s\r\n"
             "Content-Type: application/http;msgtype=response\r\nContent-Length: %zu\r\n\r\n",
             resp_id, info_id, req_id, s_field(m.data[2], "WARC-Block-Digest", v, sizeof v),
             "2A5XNSQNC3KGAZGOKSGYXMPMVCQJXXAI", strlen(want_http));
    assert(strncmp(m.data[2], want, strlen(want)) == 0);
    s_members_free(&m);
    unlink(path);

    /* A truncated body is flagged; rotation: a file is closed before a pair
       would pass max_bytes, each file starts with its own warcinfo, which
       its records name, and holds whole pairs. */
    w = zc_warc_new(dir, 3000);
    assert(w);
    c.truncated = "length";
    assert(zc_warc_write(w, &r) == ZC_OK);
    c.truncated = NULL;
    for (int i = 0; i < 9; i++)
        assert(zc_warc_write(w, &r) == ZC_OK);
    uint64_t files = zc_warc_files(w);
    assert(files == 5 && zc_warc_records(w) == files + 20);
    zc_warc_destroy(&w);
    size_t nf = s_list(wdir, names, 64);
    assert(nf == files);
    size_t pairs = 0;
    for (size_t i = 0; i < nf; i++) {
        snprintf(path, sizeof path, "%s/%.63s", wdir, names[i]);
        struct stat st;
        assert(stat(path, &st) == 0);
        s_inflate_all(path, &m);
        assert(m.n >= 3 && m.n % 2 == 1);
        /* warcinfo ~560 bytes, a pair ~850: two pairs fit, a third would not. */
        assert(st.st_size <= 3000 && m.n == 5);
        assert(strstr(m.data[0], "WARC-Type: warcinfo\r\n"));
        s_field(m.data[0], "WARC-Record-ID", info_id, sizeof info_id);
        for (size_t k = 0; k < m.n; k++) {
            s_check_record(m.data[k], m.len[k], &blen);
            if (k)
                assert(s_field(m.data[k], "WARC-Warcinfo-ID", v, sizeof v) &&
                       strcmp(v, info_id) == 0);
        }
        if (i == 0)
            assert(s_field(m.data[2], "WARC-Truncated", v, sizeof v) && strcmp(v, "length") == 0);
        else
            assert(!s_field(m.data[2], "WARC-Truncated", v, sizeof v));
        pairs += (m.n - 1) / 2;
        s_members_free(&m);
        unlink(path);
    }
    assert(pairs == 10);

    /* A body larger than the limit opens its own file, and passes it. */
    static char big[4000];
    uint32_t lcg = 12345;
    for (size_t i = 0; i < sizeof big; i++) { /* poorly compressible */
        lcg = lcg * 1103515245u + 12345u;
        big[i] = (char)(lcg >> 24);
    }
    w = zc_warc_new(dir, 1500);
    assert(zc_warc_write(w, &r) == ZC_OK);
    c.body.data = (uint8_t *)big;
    c.body.len = sizeof big;
    assert(zc_warc_write(w, &r) == ZC_OK && zc_warc_files(w) == 2);
    zc_warc_destroy(&w);
    nf = s_list(wdir, names, 64);
    assert(nf == 2);
    for (size_t i = 0; i < nf; i++) {
        snprintf(path, sizeof path, "%s/%.63s", wdir, names[i]);
        unlink(path);
    }
    rmdir(wdir);
    rmdir(dir);

    /* An output directory that does not exist: NULL, no crash. */
    assert(zc_warc_new("/nonexistent/zc-warc", 1 << 20) == NULL);
    return 0;
}
