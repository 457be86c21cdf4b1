/*  zc_record — see zc_record.h. */
#include "zc_record.h"

#include "zc_util.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The last instant RFC 3339 can show with a four-digit year; later values
   are written as null rather than as a malformed date. */
#define ZC_RECORD_MAX_FETCHED_AT_MS 253402300799999ULL /* 9999-12-31T23:59:59.999Z */

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

static int s_record(const Zcrawl__Record *r, zc_buf_t *out, size_t *url_off, size_t *url_len)
{
    int rc = s_key(out, "{\"url\":");
    *url_off = out->len + 1;
    if (!rc)
        rc = zc_buf_json_strz(out, r->url ? r->url : "");
    *url_len = !rc ? out->len - 1 - *url_off : 0;
    /* status is a number in every record: 0 when there was no response. */
    if (!rc)
        rc = s_key(out, ",\"status\":");
    if (!rc)
        rc = s_u64(out, true, r->has_status ? r->status : 0);
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
        if (r->has_fetched_at_ms && r->fetched_at_ms <= ZC_RECORD_MAX_FETCHED_AT_MS) {
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
        rc = s_key(out, ",\"items\":");
    if (!rc)
        rc = zc_record_items_json(r, out);
    /* Beyond SPEC §6, after its fields: how the page was fetched. */
    if (!rc)
        rc = s_key(out, ",\"http_version\":");
    if (!rc)
        rc = zc_buf_json_strz(out, r->http_version);
    if (!rc)
        rc = s_key(out, ",\"ip\":");
    if (!rc)
        rc = zc_buf_json_strz(out, r->ip);
    return rc ? rc : s_key(out, "}");
}

int zc_record_items_json(const Zcrawl__Record *r, zc_buf_t *out)
{
    int rc = zc_buf_addc(out, '{');
    bool first;
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
    return rc ? rc : zc_buf_addc(out, '}');
}

int zc_record_json_url(const Zcrawl__Record *r, zc_buf_t *out, size_t *url_off, size_t *url_len)
{
    size_t mark = out->len;
    int rc = s_record(r, out, url_off, url_len);
    if (rc) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
    }
    return rc;
}

int zc_record_json(const Zcrawl__Record *r, zc_buf_t *out)
{
    size_t off, len;
    return zc_record_json_url(r, out, &off, &len);
}

int zc_record_test(bool verbose)
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
    r.http_version = "2";
    r.ip = "127.0.0.1";
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
    assert(zc_record_json(&r, &b) == 0);
    const char *want =
        "{\"url\":\"http://example.com/a\",\"status\":200,\"error\":null,"
        "\"content_type\":\"text/html; charset=utf-8\",\"bytes\":12345678901,"
        "\"title\":\"Caf\xc3\xa9 \\\"quoted\\\"\\n\xef\xbf\xbd\",\"depth\":2,"
        "\"outlinks\":[\"http://example.com/b\",\"http://example.com/c\"],"
        "\"redirect\":\"http://example.com/r\",\"fetched_at\":\"2023-11-14T22:13:20.123Z\","
        "\"fetch_ms\":42,\"attempt\":1,\"digest\":\"da39a3ee5e6b4b0d3255bfef95601890afd80709\","
        "\"items\":{\"post\":[\"x\",\"y\",\"z\"],\"n\":[\"1\"]},"
        "\"http_version\":\"2\",\"ip\":\"127.0.0.1\"}";
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
    assert(zc_record_json(&e, &b) == 0);
    assert(strcmp(b.data, "{\"url\":\"http://example.com/robots-blocked\",\"status\":0,"
                          "\"error\":\"robots\",\"content_type\":null,\"bytes\":18446744073709551615,"
                          "\"title\":null,\"depth\":null,\"outlinks\":[],\"redirect\":null,"
                          "\"fetched_at\":null,\"fetch_ms\":null,\"attempt\":0,"
                          "\"digest\":null,\"items\":{},\"http_version\":null,\"ip\":null}") == 0);

    zc_buf_free(&b);
    return 0;
}
