/*  zc_url_wpt — see zc_url_wpt.h.

    The suite is a JSON array of comment strings and case objects
    {input, base (string or null), href | failure: true, ...}. A minimal
    JSON reader (strings with \u escapes, including surrogate pairs and
    U+0000, literals, numbers, nested values skipped) is enough for it;
    strings keep their length since inputs may hold NUL.

    Which cases concern http(s): a success case whose href is http(s), and a
    failure case whose base is http(s) or whose input names the http(s)
    scheme. The others ("not http") must be refused by zc_url, which only
    ever returns http(s) URLs.

    The expected value is computed from the suite's href by s_expect(), an
    independent implementation of zcrawl's normalization on top of a WHATWG
    serialization: cut the fragment; in path and query decode escapes of
    ALPHA DIGIT - . _ ~ (except a hex digit right after a bare '%' or after
    '%' and one hex digit, which would create a new escape) and upper-case
    the others. Scheme and host case, default port, dot segments and the
    empty path are already canonical in a WHATWG href.
*/
#include "zc_url_wpt.h"

#include "zc_buf.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define S_FILE "shared/testdata/url/urltestdata.json"
#define S_FILE_MAX (16u << 20)
#define S_PARENTS 6
#define S_STR_MAX (1u << 20)

/* Cases zc_url cannot match, each with the reason. Keyed by input and base
   (NULL for a null base). A listed case that starts passing fails the
   test, so the list stays honest. */
typedef struct {
    const char *input;
    const char *base;
    const char *why;
} s_known_t;

/* Cases the resolver is known not to pass, with the reason; none today.
   A listed case that starts passing fails the test, so the list stays true. */
static const s_known_t s_known[] = {
    {NULL, NULL, NULL},
};

typedef struct {
    const char *p;
    const char *end;
} s_json_t;

typedef struct {
    zc_buf_t input, base, href;
    bool has_input, has_base, has_href, failure;
} s_case_t;

static void s_ws(s_json_t *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static int s_hex4(const char *s, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)s[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return ZC_EINVAL;
        *v = *v * 16 + (unsigned)d;
    }
    return ZC_OK;
}

static int s_utf8(zc_buf_t *b, unsigned cp)
{
    char t[4];
    size_t n;
    if (cp < 0x80) {
        t[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | cp >> 6);
        t[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | cp >> 12);
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        t[0] = (char)(0xF0 | cp >> 18);
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return zc_buf_add(b, t, n);
}

/* Reads a JSON string at j->p (the opening quote) into out (if not NULL). */
static int s_jstr(s_json_t *j, zc_buf_t *out)
{
    zc_buf_t scratch;
    zc_buf_init(&scratch, S_STR_MAX);
    zc_buf_t *b = out ? out : &scratch;
    if (j->p >= j->end || *j->p != '"')
        return ZC_EPROTO;
    j->p++;
    int rc = zc_buf_add(b, "", 0); /* data is never NULL, even for "" */
    while (!rc) {
        if (j->p >= j->end) {
            rc = ZC_EPROTO;
            break;
        }
        char c = *j->p++;
        if (c == '"')
            break;
        if (c != '\\') {
            rc = zc_buf_addc(b, c);
            continue;
        }
        if (j->p >= j->end) {
            rc = ZC_EPROTO;
            break;
        }
        c = *j->p++;
        switch (c) {
        case '"': case '\\': case '/':
            rc = zc_buf_addc(b, c);
            break;
        case 'b': rc = zc_buf_addc(b, '\b'); break;
        case 'f': rc = zc_buf_addc(b, '\f'); break;
        case 'n': rc = zc_buf_addc(b, '\n'); break;
        case 'r': rc = zc_buf_addc(b, '\r'); break;
        case 't': rc = zc_buf_addc(b, '\t'); break;
        case 'u': {
            unsigned cp, lo;
            if (j->end - j->p < 4 || s_hex4(j->p, &cp)) {
                rc = ZC_EPROTO;
                break;
            }
            j->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
                j->p[1] == 'u' && !s_hex4(j->p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                j->p += 6;
            }
            rc = s_utf8(b, cp);
            break;
        }
        default:
            rc = ZC_EPROTO;
        }
    }
    zc_buf_free(&scratch);
    return rc;
}

static int s_jskip(s_json_t *j, int depth);

/* Reads '[' or '{' ... matching close, skipping the content. */
static int s_jskip_container(s_json_t *j, int depth)
{
    char close = *j->p == '[' ? ']' : '}';
    bool object = close == '}';
    j->p++;
    s_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return ZC_OK;
    }
    for (;;) {
        int rc;
        if (object) {
            if ((rc = s_jstr(j, NULL)))
                return rc;
            s_ws(j);
            if (j->p >= j->end || *j->p++ != ':')
                return ZC_EPROTO;
        }
        if ((rc = s_jskip(j, depth + 1)))
            return rc;
        s_ws(j);
        if (j->p >= j->end)
            return ZC_EPROTO;
        char c = *j->p++;
        if (c == close)
            return ZC_OK;
        if (c != ',')
            return ZC_EPROTO;
        s_ws(j);
    }
}

static int s_jskip(s_json_t *j, int depth)
{
    s_ws(j);
    if (j->p >= j->end || depth > 64)
        return ZC_EPROTO;
    char c = *j->p;
    if (c == '"')
        return s_jstr(j, NULL);
    if (c == '[' || c == '{')
        return s_jskip_container(j, depth);
    const char *s = j->p;
    while (j->p < j->end && (isalnum((unsigned char)*j->p) || *j->p == '-' || *j->p == '+' ||
                             *j->p == '.'))
        j->p++;
    return j->p > s ? ZC_OK : ZC_EPROTO;
}

static bool s_jlit(s_json_t *j, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(j->end - j->p) >= n && memcmp(j->p, lit, n) == 0) {
        j->p += n;
        return true;
    }
    return false;
}

/* Reads one case object at j->p ('{'). */
static int s_jcase(s_json_t *j, s_case_t *c)
{
    zc_buf_t key;
    zc_buf_init(&key, S_STR_MAX);
    int rc = ZC_OK;
    j->p++;
    s_ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        return ZC_OK;
    }
    while (!rc) {
        zc_buf_reset(&key);
        if ((rc = s_jstr(j, &key)))
            break;
        s_ws(j);
        if (j->p >= j->end || *j->p++ != ':') {
            rc = ZC_EPROTO;
            break;
        }
        s_ws(j);
        zc_buf_t *dst = NULL;
        bool *has = NULL;
        if (strcmp(key.data, "input") == 0) {
            dst = &c->input;
            has = &c->has_input;
        } else if (strcmp(key.data, "base") == 0) {
            dst = &c->base;
            has = &c->has_base;
        } else if (strcmp(key.data, "href") == 0) {
            dst = &c->href;
            has = &c->has_href;
        }
        if (dst && j->p < j->end && *j->p == '"') {
            rc = s_jstr(j, dst);
            *has = true;
        } else if (dst && s_jlit(j, "null")) {
            *has = false;
        } else if (strcmp(key.data, "failure") == 0 && s_jlit(j, "true")) {
            c->failure = true;
        } else {
            rc = s_jskip(j, 1);
        }
        if (rc)
            break;
        s_ws(j);
        if (j->p >= j->end) {
            rc = ZC_EPROTO;
            break;
        }
        char ch = *j->p++;
        if (ch == '}')
            break;
        if (ch != ',')
            rc = ZC_EPROTO;
        s_ws(j);
    }
    zc_buf_free(&key);
    return rc;
}

static bool s_unreserved(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

/* zcrawl's normalization of a WHATWG href (see the top of this file). */
static char *s_expect(const char *href)
{
    size_t n = strcspn(href, "#");
    const char *auth = strstr(href, "://");
    assert(auth);
    size_t tail = (size_t)(auth + 3 - href);
    tail += strcspn(href + tail, "/?");
    char *out = zc_malloc(n + 1);
    memcpy(out, href, tail);
    size_t o = tail;
    for (size_t i = tail; i < n; i++) {
        int c = (unsigned char)href[i];
        if (c == '%' && i + 2 < n && isxdigit((unsigned char)href[i + 1]) &&
            isxdigit((unsigned char)href[i + 2])) {
            char hx[3] = {href[i + 1], href[i + 2], '\0'};
            int v = (int)strtol(hx, NULL, 16);
            bool fresh = (o >= 1 && out[o - 1] == '%') ||
                         (o >= 2 && out[o - 2] == '%' && isxdigit((unsigned char)out[o - 1]));
            if (s_unreserved(v) && !(isxdigit(v) && fresh)) {
                out[o++] = (char)v;
            } else {
                out[o++] = '%';
                out[o++] = (char)toupper((unsigned char)hx[0]);
                out[o++] = (char)toupper((unsigned char)hx[1]);
            }
            i += 2;
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return out;
}

static bool s_prefix_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && strncasecmp(s, prefix, k) == 0;
}

static bool s_http_url(const char *s, size_t n)
{
    return s_prefix_ci(s, n, "http://") || s_prefix_ci(s, n, "https://");
}

/* Prints s[0..n) with control and non-ASCII bytes as \xNN. */
static void s_show(const char *label, const char *s, size_t n)
{
    fprintf(stderr, " %s=\"", label);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
            fprintf(stderr, "\\x%02X", c);
        else
            fputc(c, stderr);
    }
    fputc('"', stderr);
}

static const s_known_t *s_find_known(const s_case_t *c)
{
    for (size_t i = 0; s_known[i].input; i++) {
        const s_known_t *k = &s_known[i];
        if (strlen(k->input) == c->input.len && memcmp(k->input, c->input.data, c->input.len) == 0 &&
            (k->base ? c->has_base && strcmp(k->base, c->base.data) == 0 : !c->has_base))
            return k;
    }
    return NULL;
}

static bool s_try(const char *path)
{
    return access(path, R_OK) == 0;
}

/* Finds the suite file (see zc_url_wpt.h) into buf. */
static bool s_locate(char *buf, size_t size)
{
    const char *env = getenv("ZC_URLTESTDATA");
    if (env && *env) {
        snprintf(buf, size, "%s", env);
        return s_try(buf);
    }
    char up[3 * S_PARENTS + 1] = "";
    for (int k = 0; k <= S_PARENTS; k++) {
        snprintf(buf, size, "%s../%s", up, S_FILE);
        if (s_try(buf))
            return true;
        strcat(up, "../");
    }
    char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    for (int k = 0; k <= S_PARENTS + 1; k++) {
        char *slash = strrchr(exe, '/');
        if (!slash)
            break;
        *slash = '\0';
        snprintf(buf, size, "%s/../%s", exe, S_FILE);
        if (s_try(buf))
            return true;
    }
    return false;
}

/* Runs one case; returns true when zc_url does what the suite says. */
static bool s_run_case(const s_case_t *c, bool considered, char *why, size_t whysize)
{
    zc_url_base_t base;
    const zc_url_base_t *bp = NULL;
    if (c->has_base && zc_url_base_parse(&base, c->base.data, c->base.len) == ZC_OK)
        bp = &base;
    char out[ZC_URL_MAX + 1];
    size_t outlen = 0;
    int rc = zc_url_resolve_buf(bp, c->input.data, c->input.len, out, sizeof out, &outlen);
    if (!considered || c->failure) {
        snprintf(why, whysize, "expected failure, got \"%s\"", rc ? "" : out);
        return rc != ZC_OK;
    }
    char *want = s_expect(c->href.data);
    bool ok = rc == ZC_OK && strcmp(out, want) == 0 && outlen == strlen(out);
    snprintf(why, whysize, "want \"%s\" got \"%s\" rc=%d", want, rc ? "" : out, rc);
    free(want);
    if (!ok)
        return false;
    /* The same through the string API (inputs without NUL only), and the
       result normalizes to itself. */
    if (strlen(c->input.data) == c->input.len &&
        (!c->has_base || strlen(c->base.data) == c->base.len)) {
        char *s = NULL;
        int rc2 = zc_url_resolve(c->has_base ? c->base.data : NULL, c->input.data, c->input.len,
                                 &s);
        ok = rc2 == ZC_OK && strcmp(s, out) == 0;
        if (!ok)
            snprintf(why, whysize, "zc_url_resolve differs: \"%s\" rc=%d", s ? s : "", rc2);
        free(s);
    }
    char *again = NULL;
    if (ok && (zc_url_normalize(out, &again) != ZC_OK || strcmp(again, out) != 0)) {
        snprintf(why, whysize, "not idempotent: \"%s\" -> \"%s\"", out, again ? again : "");
        ok = false;
    }
    free(again);
    return ok;
}

int zc_url_wpt_test(bool verbose)
{
    char path[4096];
    if (!s_locate(path, sizeof path)) {
        fprintf(stderr,
                "zc_url_wpt: FAILED: cannot find the WHATWG URL suite %s (set ZC_URLTESTDATA, or "
                "keep shared/ beside the repository)\n",
                S_FILE);
        return -1;
    }
    char *data = NULL;
    size_t len = 0;
    if (zc_read_file(path, S_FILE_MAX, &data, &len) != ZC_OK) {
        fprintf(stderr, "zc_url_wpt: FAILED: cannot read %s\n", path);
        return -1;
    }
    s_json_t j = {data, data + len};
    int rc = ZC_OK;
    size_t considered = 0, passed = 0, failed = 0, known = 0, not_http = 0;
    size_t nknown = ZC_ARRAY_LEN(s_known) - 1;
    bool *known_hit = zc_calloc(nknown + 1, sizeof *known_hit);
    s_ws(&j);
    if (j.p >= j.end || *j.p++ != '[')
        rc = ZC_EPROTO;
    while (!rc) {
        s_ws(&j);
        if (j.p < j.end && *j.p == ']')
            break;
        if (j.p < j.end && *j.p == '{') {
            s_case_t c;
            memset(&c, 0, sizeof c);
            zc_buf_init(&c.input, S_STR_MAX);
            zc_buf_init(&c.base, S_STR_MAX);
            zc_buf_init(&c.href, S_STR_MAX);
            rc = s_jcase(&j, &c);
            if (!rc && !c.has_input)
                rc = ZC_EPROTO;
            if (!rc) {
                const char *in = c.input.data;
                size_t n = c.input.len;
                while (n && (unsigned char)*in <= 0x20) {
                    in++;
                    n--;
                }
                bool is = c.failure ? (c.has_base && s_http_url(c.base.data, c.base.len)) ||
                                          s_prefix_ci(in, n, "http:") ||
                                          s_prefix_ci(in, n, "https:")
                                    : c.has_href && s_http_url(c.href.data, c.href.len);
                char why[2 * ZC_URL_MAX + 256];
                bool ok = s_run_case(&c, is, why, sizeof why);
                const s_known_t *k = s_find_known(&c);
                if (k)
                    known_hit[k - s_known] = true;
                if (!is) {
                    not_http++;
                } else {
                    considered++;
                    if (ok && !k)
                        passed++;
                    else if (!ok && k)
                        known++;
                }
                if (ok == (k != NULL) || verbose) {
                    failed += ok == (k != NULL);
                    fprintf(stderr, "zc_url_wpt: %s%s", ok == (k != NULL) ? "FAIL" : "case",
                            k && ok ? " (known exception now passes: remove it)" : "");
                    s_show("input", c.input.data, c.input.len);
                    if (c.has_base)
                        s_show("base", c.base.data, c.base.len);
                    fprintf(stderr, " %s\n", why);
                }
            }
            zc_buf_free(&c.input);
            zc_buf_free(&c.base);
            zc_buf_free(&c.href);
        } else {
            rc = s_jskip(&j, 1);
        }
        if (rc)
            break;
        s_ws(&j);
        if (j.p < j.end && *j.p == ',')
            j.p++;
        else if (!(j.p < j.end && *j.p == ']'))
            rc = ZC_EPROTO;
    }
    free(data);
    for (size_t i = 0; i < nknown; i++) {
        if (!known_hit[i]) {
            fprintf(stderr, "zc_url_wpt: FAIL: known exception not in the suite: %s\n",
                    s_known[i].input);
            failed++;
        }
    }
    free(known_hit);
    if (rc) {
        fprintf(stderr, "zc_url_wpt: FAILED: %s is not the JSON we expect\n", path);
        return -1;
    }
    fprintf(stderr,
            "zc_url_wpt: %s: considered %zu (http/https), passed %zu, failed %zu, known "
            "exceptions %zu; skipped-as-not-http %zu (each checked to be refused)\n",
            path, considered, passed, failed, known, not_http);
    if (considered < 300)
        fprintf(stderr, "zc_url_wpt: FAILED: too few http(s) cases; is this the suite?\n");
    return failed || considered < 300 ? -1 : 0;
}
