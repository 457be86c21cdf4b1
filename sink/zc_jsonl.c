/*  zc_jsonl — see zc_jsonl.h.

    Invariants
    1. Every URL in the fingerprint set has a complete line in the file or in
       the stdio buffer ahead of it; a URL is added only after its whole line
       was handed to stdio.
    2. The file ends with '\n' after open (a torn tail is cut), and every write
       is one whole line, so only a crash can tear a line, and only the last.
    3. The line buffer is reused across records: the hot path allocates
       nothing once it has grown to the usual line size.
*/
#include "zc_jsonl.h"

#include "zc_fpset.h"
#include "zc_log.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_LINE_KEEP (4u << 20) /* a line buffer grown beyond this is released after use */

struct zc_jsonl_t {
    char *path;
    FILE *f;
    char *iobuf;        /* the setvbuf buffer, ZC_JSONL_STDIO_BUF bytes */
    zc_fpset_t *seen;
    zc_buf_t line;
    uint64_t recovered, written;
};

/* --- JSON of a record ------------------------------------------------------ */

static int s_key(zc_buf_t *out, const char *key)
{
    return zc_buf_adds(out, key);
}

/* A decimal number, or null; without printf, as it runs several times per record. */
static int s_u64(zc_buf_t *out, bool has, uint64_t v)
{
    if (!has)
        return zc_buf_add(out, "null", 4);
    char digits[20];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return zc_buf_add(out, digits + n, sizeof digits - n);
}

/* Writes the record; *url_off and *url_len locate the escaped URL (between
   its quotes) in out, for the fingerprint. */
static int s_record(const Zcrawl__Record *r, zc_buf_t *out, size_t *url_off, size_t *url_len)
{
    int rc = s_key(out, "{\"url\":");
    *url_off = out->len + 1;
    if (!rc)
        rc = zc_buf_json_strz(out, r->url);
    *url_len = r->url && !rc ? out->len - 1 - *url_off : 0;
    if (!rc)
        rc = s_key(out, ",\"status\":");
    if (!rc)
        rc = s_u64(out, r->has_status, r->status);
    if (!rc)
        rc = s_key(out, ",\"error\":");
    if (!rc)
        rc = zc_buf_json_strz(out, r->error);
    if (!rc)
        rc = s_key(out, ",\"content_type\":");
    if (!rc)
        rc = zc_buf_json_strz(out, r->content_type);
    if (!rc)
        rc = s_key(out, ",\"bytes\":");
    if (!rc)
        rc = s_u64(out, r->has_bytes, r->bytes);
    if (!rc)
        rc = s_key(out, ",\"title\":");
    if (!rc)
        rc = zc_buf_json_strz(out, r->title);
    if (!rc)
        rc = s_key(out, ",\"depth\":");
    if (!rc)
        rc = s_u64(out, r->has_depth, r->depth);
    if (!rc)
        rc = s_key(out, ",\"outlinks\":[");
    bool first = true;
    for (size_t i = 0; !rc && i < r->n_outlinks; i++) {
        if (!r->outlinks[i])
            continue;
        if (!first)
            rc = zc_buf_addc(out, ',');
        first = false;
        if (!rc)
            rc = zc_buf_json_strz(out, r->outlinks[i]);
    }
    if (!rc)
        rc = s_key(out, "],\"redirect\":");
    if (!rc)
        rc = zc_buf_json_strz(out, r->redirect);
    if (!rc)
        rc = s_key(out, ",\"fetched_at\":");
    if (!rc) {
        if (r->has_fetched_at_ms && r->fetched_at_ms <= ZC_JSONL_MAX_FETCHED_AT_MS) {
            char when[40];
            zc_rfc3339_ms((int64_t)r->fetched_at_ms, when, sizeof when);
            rc = zc_buf_printf(out, "\"%s\"", when);
        } else {
            rc = zc_buf_adds(out, "null");
        }
    }
    if (!rc)
        rc = s_key(out, ",\"fetch_ms\":");
    if (!rc)
        rc = s_u64(out, r->has_fetch_ms, r->fetch_ms);
    if (!rc)
        rc = s_key(out, ",\"attempt\":");
    if (!rc)
        rc = s_u64(out, r->has_attempt, r->attempt);
    if (!rc)
        rc = s_key(out, ",\"digest\":");
    if (!rc)
        rc = zc_buf_json_strz(out, r->digest);
    if (!rc)
        rc = s_key(out, ",\"items\":{");
    /* One key per rule name: items repeating an earlier name were merged into
       it. Records carry few items, so the quadratic scan stays cheap. */
    first = true;
    for (size_t i = 0; !rc && i < r->n_items; i++) {
        const Zcrawl__Item *it = r->items[i];
        if (!it || !it->name)
            continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = r->items[j] && r->items[j]->name && strcmp(r->items[j]->name, it->name) == 0;
        if (seen)
            continue;
        if (!first)
            rc = zc_buf_addc(out, ',');
        first = false;
        if (!rc)
            rc = zc_buf_json_strz(out, it->name);
        if (!rc)
            rc = s_key(out, ":[");
        bool first_value = true;
        for (size_t j = i; !rc && j < r->n_items; j++) {
            const Zcrawl__Item *jt = r->items[j];
            if (!jt || !jt->name || strcmp(jt->name, it->name) != 0)
                continue;
            for (size_t v = 0; !rc && v < jt->n_values; v++) {
                if (!jt->values[v])
                    continue;
                if (!first_value)
                    rc = zc_buf_addc(out, ',');
                first_value = false;
                if (!rc)
                    rc = zc_buf_json_strz(out, jt->values[v]);
            }
        }
        if (!rc)
            rc = zc_buf_addc(out, ']');
    }
    return rc ? rc : s_key(out, "}}");
}

int zc_jsonl_record(const Zcrawl__Record *r, zc_buf_t *out)
{
    size_t off, len;
    return s_record(r, out, &off, &len);
}

/* --- recovery ------------------------------------------------------------- */

static const char *s_skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

/* Finds the escaped URL of a pages.jsonl line: its first member must be
   "url" with a string value. Returns false for a line of another shape. */
static bool s_url_span(const char *line, size_t len, const char **url, size_t *url_len)
{
    const char *p = line, *end = line + len;
    p = s_skip_ws(p, end);
    if (p == end || *p++ != '{')
        return false;
    p = s_skip_ws(p, end);
    if ((size_t)(end - p) < 5 || memcmp(p, "\"url\"", 5) != 0)
        return false;
    p = s_skip_ws(p + 5, end);
    if (p == end || *p++ != ':')
        return false;
    p = s_skip_ws(p, end);
    if (p == end || *p++ != '"')
        return false;
    const char *start = p;
    while (p < end && *p != '"')
        p += *p == '\\' ? 2 : 1;
    if (p >= end)
        return false;
    *url = start;
    *url_len = (size_t)(p - start);
    return true;
}

/* Reads an existing file into the set and cuts a torn last line. */
static int s_recover(zc_jsonl_t *self)
{
    FILE *in = fopen(self->path, "r");
    if (!in)
        return errno == ENOENT ? ZC_OK : ZC_EIO;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    off_t good = 0; /* offset just past the last '\n' */
    uint64_t unparsed = 0;
    bool torn = false;
    while ((n = getline(&buf, &cap, in)) > 0) {
        if (buf[n - 1] != '\n') {
            torn = true;
            break;
        }
        good += n;
        const char *url;
        size_t ulen;
        if (!s_url_span(buf, (size_t)n - 1, &url, &ulen)) {
            unparsed++;
            continue;
        }
        zc_fpset_add(self->seen, zc_fp_url(url, ulen));
        self->recovered++;
    }
    bool failed = ferror(in) != 0;
    free(buf);
    fclose(in);
    if (failed) {
        zc_error("cannot read output path=%s err=\"%s\"", self->path, strerror(errno));
        return ZC_EIO;
    }
    if (unparsed)
        zc_warn("output lines without a leading url field kept as they are path=%s lines=%" PRIu64,
                self->path, unparsed);
    if (torn) {
        if (truncate(self->path, good) != 0) {
            zc_error("cannot cut torn last line path=%s err=\"%s\"", self->path, strerror(errno));
            return ZC_EIO;
        }
        zc_warn("cut torn last line of output path=%s offset=%lld", self->path, (long long)good);
    }
    return ZC_OK;
}

/* --- public --------------------------------------------------------------- */

zc_jsonl_t *zc_jsonl_new(const char *dir)
{
    zc_jsonl_t *self = zc_calloc(1, sizeof *self);
    size_t plen = strlen(dir) + sizeof ZC_JSONL_FILE + 1;
    self->path = zc_malloc(plen);
    snprintf(self->path, plen, "%s/%s", dir, ZC_JSONL_FILE);
    self->seen = zc_fpset_new(ZC_JSONL_FPSET_INITIAL);
    zc_buf_init(&self->line, ZC_JSONL_LINE_MAX);
    if (s_recover(self) != ZC_OK)
        goto err;
    self->f = fopen(self->path, "a");
    if (!self->f) {
        zc_error("cannot open output path=%s err=\"%s\"", self->path, strerror(errno));
        goto err;
    }
    self->iobuf = zc_malloc(ZC_JSONL_STDIO_BUF);
    setvbuf(self->f, self->iobuf, _IOFBF, ZC_JSONL_STDIO_BUF);
    if (self->recovered)
        zc_info("resuming output path=%s records=%" PRIu64, self->path, self->recovered);
    return self;
err:
    zc_jsonl_destroy(&self);
    return NULL;
}

void zc_jsonl_destroy(zc_jsonl_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_jsonl_t *self = *self_p;
    if (self->f && fclose(self->f) != 0)
        zc_error("cannot write output path=%s err=\"%s\"", self->path, strerror(errno));
    free(self->iobuf); /* only after fclose: stdio used it until then */
    zc_fpset_destroy(&self->seen);
    zc_buf_free(&self->line);
    free(self->path);
    free(self);
    *self_p = NULL;
}

int zc_jsonl_write(zc_jsonl_t *self, const Zcrawl__Record *r)
{
    if (!r->url || !*r->url)
        return ZC_EINVAL;
    zc_buf_reset(&self->line);
    size_t off, len;
    int rc = s_record(r, &self->line, &off, &len);
    if (!rc)
        rc = zc_buf_addc(&self->line, '\n');
    if (rc)
        goto out;
    uint64_t fp = zc_fp_url(self->line.data + off, len);
    if (zc_fpset_has(self->seen, fp)) {
        rc = ZC_JSONL_DUPLICATE;
        goto out;
    }
    if (fwrite(self->line.data, 1, self->line.len, self->f) != self->line.len) {
        clearerr(self->f);
        rc = ZC_EIO;
        goto out;
    }
    zc_fpset_add(self->seen, fp);
    self->written++;
out:
    if (self->line.cap > S_LINE_KEEP)
        zc_buf_free(&self->line);
    return rc;
}

int zc_jsonl_flush(zc_jsonl_t *self)
{
    if (fflush(self->f) != 0) {
        clearerr(self->f);
        return ZC_EIO;
    }
    return ZC_OK;
}

uint64_t zc_jsonl_recovered(const zc_jsonl_t *self)
{
    return self->recovered;
}

uint64_t zc_jsonl_written(const zc_jsonl_t *self)
{
    return self->written;
}

/* --- self-test ------------------------------------------------------------ */

static char *s_slurp(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc = zc_read_file(path, 1 << 20, &data, &len);
    assert(rc == 0);
    return data;
}

static int s_write_url(zc_jsonl_t *j, const char *url)
{
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    r.version = 1;
    r.url = (char *)url;
    r.has_status = true;
    r.status = 200;
    return zc_jsonl_write(j, &r);
}

int zc_jsonl_test(bool verbose)
{
    zc_buf_t b;
    zc_buf_init(&b, 1 << 20);

    /* 1. Exact JSON: every field set, then only the URL. */
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    r.version = 1;
    r.url = "http://example.com/a";
    r.has_status = true;
    r.status = 200;
    r.content_type = "text/html; charset=utf-8";
    r.has_bytes = true;
    r.bytes = 12345678901ULL;
    r.title = "Caf\xc3\xa9 \"quoted\"\n\xff";
    r.has_depth = true;
    r.depth = 2;
    char *links[] = {"http://example.com/b", NULL, "http://example.com/c"};
    r.outlinks = links;
    r.n_outlinks = 3;
    r.redirect = "http://example.com/r";
    r.has_fetched_at_ms = true;
    r.fetched_at_ms = 1700000000123ULL;
    r.has_fetch_ms = true;
    r.fetch_ms = 42;
    r.has_attempt = true;
    r.attempt = 1;
    r.digest = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    Zcrawl__Item i1 = ZCRAWL__ITEM__INIT, i2 = ZCRAWL__ITEM__INIT, i3 = ZCRAWL__ITEM__INIT;
    char *v1[] = {"x", "y"}, *v2[] = {"1"}, *v3[] = {"z"};
    i1.name = "post";
    i1.values = v1;
    i1.n_values = 2;
    i2.name = "n";
    i2.values = v2;
    i2.n_values = 1;
    i3.name = "post";
    i3.values = v3;
    i3.n_values = 1;
    Zcrawl__Item *items[] = {&i1, &i2, &i3};
    r.items = items;
    r.n_items = 3;
    assert(zc_jsonl_record(&r, &b) == 0);
    const char *want =
        "{\"url\":\"http://example.com/a\",\"status\":200,\"error\":null,"
        "\"content_type\":\"text/html; charset=utf-8\",\"bytes\":12345678901,"
        "\"title\":\"Caf\xc3\xa9 \\\"quoted\\\"\\n\xef\xbf\xbd\",\"depth\":2,"
        "\"outlinks\":[\"http://example.com/b\",\"http://example.com/c\"],"
        "\"redirect\":\"http://example.com/r\",\"fetched_at\":\"2023-11-14T22:13:20.123Z\","
        "\"fetch_ms\":42,\"attempt\":1,\"digest\":\"da39a3ee5e6b4b0d3255bfef95601890afd80709\","
        "\"items\":{\"post\":[\"x\",\"y\",\"z\"],\"n\":[\"1\"]}}";
    if (verbose || strcmp(b.data, want) != 0)
        fprintf(stderr, "got:  %s\nwant: %s\n", b.data, want);
    assert(strcmp(b.data, want) == 0);

    Zcrawl__Record e = ZCRAWL__RECORD__INIT;
    e.version = 1;
    e.url = "http://example.com/robots-blocked";
    e.error = "robots";
    e.has_fetched_at_ms = true;
    e.fetched_at_ms = UINT64_MAX; /* out of range: null, not garbage */
    e.has_attempt = true;
    e.attempt = 0;
    e.has_bytes = true;
    e.bytes = UINT64_MAX;
    zc_buf_reset(&b);
    assert(zc_jsonl_record(&e, &b) == 0);
    assert(strcmp(b.data, "{\"url\":\"http://example.com/robots-blocked\",\"status\":null,"
                          "\"error\":\"robots\",\"content_type\":null,\"bytes\":18446744073709551615,"
                          "\"title\":null,\"depth\":null,\"outlinks\":[],\"redirect\":null,"
                          "\"fetched_at\":null,\"fetch_ms\":null,\"attempt\":0,"
                          "\"digest\":null,\"items\":{}}") == 0);

    /* 2. Once per URL, across a restart that finds a torn last line. */
    char dir[] = "/tmp/zc-jsonl-test-XXXXXX";
    assert(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, ZC_JSONL_FILE);
    zc_jsonl_t *j = zc_jsonl_new(dir);
    assert(j && zc_jsonl_recovered(j) == 0);
    assert(s_write_url(j, "http://x/1") == 0);
    assert(s_write_url(j, "http://x/2") == 0);
    assert(s_write_url(j, "http://x/1") == ZC_JSONL_DUPLICATE);
    assert(s_write_url(j, "http://x/\xff\"") == 0); /* fingerprinted as written */
    assert(s_write_url(j, "") == ZC_EINVAL);
    assert(zc_jsonl_written(j) == 3);
    assert(zc_jsonl_flush(j) == 0);
    char *data = s_slurp(path);
    assert(strncmp(data, "{\"url\":\"http://x/1\",\"status\":200,", 33) == 0);
    assert(strstr(data, "\n{\"url\":\"http://x/2\","));
    zc_jsonl_destroy(&j);
    assert(j == NULL);
    zc_jsonl_destroy(&j);
    size_t full_len = strlen(data);
    free(data);

    /* A crash mid-line: the tail has no newline. */
    FILE *f = fopen(path, "a");
    assert(f);
    fputs("{\"url\":\"http://x/3\",\"sta", f);
    fclose(f);
    j = zc_jsonl_new(dir);
    assert(j && zc_jsonl_recovered(j) == 3 && zc_jsonl_written(j) == 0);
    data = s_slurp(path);
    assert(strlen(data) == full_len && data[full_len - 1] == '\n');
    free(data);
    assert(s_write_url(j, "http://x/2") == ZC_JSONL_DUPLICATE);
    assert(s_write_url(j, "http://x/\xff\"") == ZC_JSONL_DUPLICATE);
    assert(s_write_url(j, "http://x/3") == 0);
    zc_jsonl_destroy(&j); /* flushes */
    data = s_slurp(path);
    size_t lines = 0;
    for (const char *p = data; *p; p++)
        lines += *p == '\n';
    assert(lines == 4);
    assert(strstr(data, "\n{\"url\":\"http://x/3\",\"status\":200,") &&
           data[strlen(data) - 1] == '\n');
    free(data);

    /* A file of another shape is kept, and still appended to. */
    f = fopen(path, "a");
    fputs("not json\n", f);
    fclose(f);
    j = zc_jsonl_new(dir);
    assert(j && zc_jsonl_recovered(j) == 4);
    assert(s_write_url(j, "http://x/3") == ZC_JSONL_DUPLICATE);
    zc_jsonl_destroy(&j);

    unlink(path);
    rmdir(dir);
    /* A directory that does not exist: NULL, no crash. */
    assert(zc_jsonl_new("/nonexistent/zc-jsonl") == NULL);
    zc_buf_free(&b);
    return 0;
}
