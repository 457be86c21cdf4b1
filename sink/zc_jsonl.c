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
#include "zc_record.h"
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
    int rc = zc_record_json_url(r, &self->line, &off, &len);
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
    return 0;
}
