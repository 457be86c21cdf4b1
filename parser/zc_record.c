/*  zc_record — see zc_record.h. */
#include "zc_record.h"

#include "zc_util.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Room for a formatted RFC 3339 timestamp. */
#define ZC_RECORD_TIME_MAX 40

int zc_record_items_json(const Zcrawl__Record *r, zc_buf_t *out)
{
    int rc = zc_buf_addc(out, '{');
    for (size_t i = 0; !rc && i < r->n_items; i++) {
        const Zcrawl__Item *it = r->items[i];
        rc = i ? zc_buf_addc(out, ',') : 0;
        rc = rc ? rc : zc_buf_json_strz(out, it->name ? it->name : "");
        rc = rc ? rc : zc_buf_adds(out, ":[");
        for (size_t k = 0; !rc && k < it->n_values; k++) {
            rc = k ? zc_buf_addc(out, ',') : 0;
            rc = rc ? rc : zc_buf_json_strz(out, it->values[k] ? it->values[k] : "");
        }
        rc = rc ? rc : zc_buf_addc(out, ']');
    }
    return rc ? rc : zc_buf_addc(out, '}');
}

static int s_key(zc_buf_t *out, const char *key, bool first)
{
    return zc_buf_printf(out, "%s\"%s\":", first ? "" : ",", key);
}

static int s_u64(zc_buf_t *out, const char *key, bool has, uint64_t v)
{
    int rc = s_key(out, key, false);
    return rc ? rc : has ? zc_buf_printf(out, "%" PRIu64, v) : zc_buf_adds(out, "null");
}

static int s_str(zc_buf_t *out, const char *key, const char *v)
{
    int rc = s_key(out, key, false);
    return rc ? rc : zc_buf_json_strz(out, v);
}

int zc_record_json(const Zcrawl__Record *r, zc_buf_t *out)
{
    size_t mark = out->len;
    int rc = zc_buf_addc(out, '{');
    rc = rc ? rc : s_key(out, "url", true);
    rc = rc ? rc : zc_buf_json_strz(out, r->url ? r->url : "");
    rc = rc ? rc : s_u64(out, "status", true, r->has_status ? r->status : 0);
    rc = rc ? rc : s_str(out, "error", r->error);
    rc = rc ? rc : s_str(out, "content_type", r->content_type);
    rc = rc ? rc : s_u64(out, "bytes", r->has_bytes, r->bytes);
    rc = rc ? rc : s_str(out, "title", r->title);
    rc = rc ? rc : s_u64(out, "depth", r->has_depth, r->depth);
    rc = rc ? rc : s_key(out, "outlinks", false);
    rc = rc ? rc : zc_buf_addc(out, '[');
    for (size_t i = 0; !rc && i < r->n_outlinks; i++) {
        rc = i ? zc_buf_addc(out, ',') : 0;
        rc = rc ? rc : zc_buf_json_strz(out, r->outlinks[i] ? r->outlinks[i] : "");
    }
    rc = rc ? rc : zc_buf_addc(out, ']');
    rc = rc ? rc : s_str(out, "redirect", r->redirect);
    char when[ZC_RECORD_TIME_MAX];
    if (r->has_fetched_at_ms)
        zc_rfc3339_ms((int64_t)r->fetched_at_ms, when, sizeof when);
    rc = rc ? rc : s_str(out, "fetched_at", r->has_fetched_at_ms ? when : NULL);
    rc = rc ? rc : s_u64(out, "fetch_ms", r->has_fetch_ms, r->fetch_ms);
    rc = rc ? rc : s_u64(out, "attempt", r->has_attempt, r->attempt);
    rc = rc ? rc : s_str(out, "digest", r->digest);
    rc = rc ? rc : s_key(out, "items", false);
    rc = rc ? rc : zc_record_items_json(r, out);
    rc = rc ? rc : zc_buf_addc(out, '}');
    if (rc) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
    }
    return rc;
}

int zc_record_test(bool verbose)
{
    zc_buf_t b;
    zc_buf_init(&b, 1 << 16);

    /* A full record. */
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    r.version = ZC_FORMAT_VERSION;
    r.url = "http://example.com/";
    r.has_status = true;
    r.status = 200;
    r.content_type = "text/html; charset=utf-8";
    r.has_bytes = true;
    r.bytes = 1234;
    r.title = "A \"quoted\" title\xff";
    r.has_depth = true;
    r.depth = 0;
    char *links[] = {"http://example.com/a", "http://example.com/b?x=1&y=2"};
    r.outlinks = links;
    r.n_outlinks = 2;
    r.has_fetched_at_ms = true;
    r.fetched_at_ms = 1767323045678; /* 2026-01-02T03:04:05.678Z */
    r.has_fetch_ms = true;
    r.fetch_ms = 42;
    r.has_attempt = true;
    r.attempt = 1;
    r.digest = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    char *vals[] = {"one", "two"};
    Zcrawl__Item item = ZCRAWL__ITEM__INIT;
    item.name = "post";
    item.values = vals;
    item.n_values = 2;
    Zcrawl__Item *items[] = {&item};
    r.items = items;
    r.n_items = 1;
    assert(zc_record_json(&r, &b) == ZC_OK);
    const char *want =
        "{\"url\":\"http://example.com/\",\"status\":200,\"error\":null,"
        "\"content_type\":\"text/html; charset=utf-8\",\"bytes\":1234,"
        "\"title\":\"A \\\"quoted\\\" title\xef\xbf\xbd\",\"depth\":0,"
        "\"outlinks\":[\"http://example.com/a\",\"http://example.com/b?x=1&y=2\"],"
        "\"redirect\":null,\"fetched_at\":\"2026-01-02T03:04:05.678Z\",\"fetch_ms\":42,"
        "\"attempt\":1,\"digest\":\"da39a3ee5e6b4b0d3255bfef95601890afd80709\","
        "\"items\":{\"post\":[\"one\",\"two\"]}}";
    if (verbose || strcmp(b.data, want) != 0)
        fprintf(stderr, "%s\n", b.data);
    assert(strcmp(b.data, want) == 0);

    /* An error record: only what the producer or crawler knew. */
    zc_buf_reset(&b);
    Zcrawl__Record e = ZCRAWL__RECORD__INIT;
    e.version = ZC_FORMAT_VERSION;
    e.url = "https://nowhere.invalid/x";
    e.error = "dns";
    e.has_depth = true;
    e.depth = 2;
    e.has_attempt = true;
    e.attempt = 3;
    assert(zc_record_json(&e, &b) == ZC_OK);
    const char *want_err =
        "{\"url\":\"https://nowhere.invalid/x\",\"status\":0,\"error\":\"dns\","
        "\"content_type\":null,\"bytes\":null,\"title\":null,\"depth\":2,\"outlinks\":[],"
        "\"redirect\":null,\"fetched_at\":null,\"fetch_ms\":null,\"attempt\":3,"
        "\"digest\":null,\"items\":{}}";
    if (verbose || strcmp(b.data, want_err) != 0)
        fprintf(stderr, "%s\n", b.data);
    assert(strcmp(b.data, want_err) == 0);
    zc_buf_free(&b);

    /* A buffer too small is left as it was. */
    zc_buf_init(&b, 64);
    zc_buf_adds(&b, "keep");
    assert(zc_record_json(&r, &b) == ZC_ETOOBIG);
    assert(b.len == 4 && strcmp(b.data, "keep") == 0);
    zc_buf_free(&b);
    return 0;
}
