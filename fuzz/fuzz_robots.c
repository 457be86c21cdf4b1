/*  fuzz_robots — libFuzzer target for common/zc_robots.

    Input: a robots.txt file, parsed for the agent "zcrawl/0.1" (so groups
    named zcrawl, '*' groups and every other group all play a part). The
    same bytes also serve as a serialized blob, as URL paths, and as a
    pattern and path for a differential check of the matcher.

    Invariants, checked with a trap (libFuzzer then reports the input):
    1. The parsed object is within its limits: at most ZC_ROBOTS_MAX_RULES
       rules, a delay of -1 or in [0, ZC_ROBOTS_DELAY_MAX_MS], sitemaps that
       are non-empty, at most ZC_URL_MAX bytes, without spaces or controls.
    2. "/robots.txt" is always allowed; allow_all allows and disallow_all
       refuses every other URL; allowed() gives the same answer twice.
    3. zc_robots_serialize + zc_robots_deserialize give an object with the
       same rules count, delay, sitemaps and answers, that serializes to the
       same bytes; every strict prefix of the blob is refused.
    4. The raw input as a blob: when deserialize accepts it, the object
       round-trips as in 3.
    5. For patterns and paths over the alphabet a, b, slash and star (where
       the canonical spelling is the text itself), allowed() agrees with a
       plain dynamic programming glob matcher: "Disallow: P" refuses exactly
       the paths P matches as a prefix, "Disallow: P$" exactly those P
       matches whole.
*/
#include "fuzz_util.h"
#include "zc_robots.h"
#include "zc_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_AGENT "zcrawl/0.1 (+http://127.0.0.1/bot)"
#define S_HOST "http://h.example"
/* URL paths taken from the input; a longer piece is cut. */
#define S_PATH_MAX 512
/* Pattern and path of the differential check (invariant 5). */
#define S_GLOB_MAX 48

static const char *const s_fixed[] = {
    S_HOST "/", S_HOST "/robots.txt", S_HOST "/a/b?c=d", S_HOST "/%7Efoo/%2A$", S_HOST,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return fuzz_init(argc, argv);
}

/* Invariant 1. */
static void s_check_limits(const zc_robots_t *r)
{
    FUZZ_CHECK(zc_robots_nrules(r) <= ZC_ROBOTS_MAX_RULES);
    int64_t d = zc_robots_crawl_delay_ms(r);
    FUZZ_CHECK(d == -1 || (d >= 0 && d <= ZC_ROBOTS_DELAY_MAX_MS));
    FUZZ_CHECK(zc_robots_nsitemaps(r) <= ZC_ROBOTS_MAX_SITEMAPS);
    for (size_t i = 0; i < zc_robots_nsitemaps(r); i++) {
        const char *s = zc_robots_sitemap(r, i);
        size_t n = strlen(s);
        FUZZ_CHECK(n > 0 && n <= ZC_URL_MAX && fuzz_utf8_valid(s, n));
        for (size_t k = 0; k < n; k++)
            FUZZ_CHECK((unsigned char)s[k] > 0x20 && s[k] != 0x7f);
    }
}

/* URLs to ask about: the fixed ones, then pieces of the input (each line's
   value after its first ':' and the input's start), made into URLs. */
typedef struct {
    char *v[16];
    size_t n;
} s_urls_t;

static void s_urls_add(s_urls_t *u, const char *piece, size_t len)
{
    if (u->n >= ZC_ARRAY_LEN(u->v))
        return;
    if (len > S_PATH_MAX)
        len = S_PATH_MAX;
    size_t hl = strlen(S_HOST);
    char *url = zc_malloc(hl + 1 + len + 1);
    memcpy(url, S_HOST, hl);
    size_t o = hl;
    if (len == 0 || piece[0] != '/')
        url[o++] = '/';
    memcpy(url + o, piece, len);
    url[o + len] = '\0'; /* a NUL inside cuts the URL there: fine */
    u->v[u->n++] = url;
}

static void s_urls_build(s_urls_t *u, const char *text, size_t len)
{
    memset(u, 0, sizeof *u);
    for (size_t i = 0; i < ZC_ARRAY_LEN(s_fixed); i++)
        u->v[u->n++] = zc_strdup(s_fixed[i]);
    s_urls_add(u, text, len);
    size_t i = 0;
    while (i < len && u->n < ZC_ARRAY_LEN(u->v)) {
        size_t start = i;
        while (i < len && text[i] != '\n' && text[i] != '\r')
            i++;
        const char *colon = memchr(text + start, ':', i - start);
        if (colon) {
            const char *v = colon + 1;
            while (v < text + i && (*v == ' ' || *v == '\t'))
                v++;
            s_urls_add(u, v, (size_t)(text + i - v));
        }
        i++;
    }
}

static void s_urls_free(s_urls_t *u)
{
    for (size_t i = 0; i < u->n; i++)
        free(u->v[i]);
    u->n = 0;
}

/* Invariants 3 and 4: r round-trips; answers compared on urls. */
static void s_check_roundtrip(const zc_robots_t *r, const s_urls_t *u)
{
    zc_buf_t a, b;
    zc_buf_init(&a, (size_t)1 << 26);
    zc_buf_init(&b, (size_t)1 << 26);
    zc_robots_serialize(r, &a);
    FUZZ_CHECK(a.len >= 21);
    zc_robots_t *d = zc_robots_deserialize(a.data, a.len);
    FUZZ_CHECK(d != NULL);
    FUZZ_CHECK(zc_robots_nrules(d) == zc_robots_nrules(r));
    FUZZ_CHECK(zc_robots_crawl_delay_ms(d) == zc_robots_crawl_delay_ms(r));
    FUZZ_CHECK(zc_robots_nsitemaps(d) == zc_robots_nsitemaps(r));
    for (size_t i = 0; i < zc_robots_nsitemaps(r); i++)
        FUZZ_CHECK(strcmp(zc_robots_sitemap(d, i), zc_robots_sitemap(r, i)) == 0);
    for (size_t i = 0; i < u->n; i++)
        FUZZ_CHECK(zc_robots_allowed(d, u->v[i]) == zc_robots_allowed(r, u->v[i]));
    zc_robots_serialize(d, &b);
    FUZZ_CHECK(b.len == a.len && memcmp(a.data, b.data, a.len) == 0);
    zc_robots_destroy(&d);
    FUZZ_CHECK(d == NULL);
    /* Truncations: a few cuts, not all (the blob may be large). */
    size_t cuts[] = {0, 1, 4, 5, 13, 17, a.len / 2, a.len - 1};
    for (size_t i = 0; i < ZC_ARRAY_LEN(cuts); i++)
        if (cuts[i] < a.len)
            FUZZ_CHECK(zc_robots_deserialize(a.data, cuts[i]) == NULL);
    zc_buf_free(&a);
    zc_buf_free(&b);
}

/* Invariant 5's reference: does pattern p ('*' any run) match t whole
   (anchored) or a prefix of t? Plain dynamic programming. */
static bool s_glob_ref(const char *p, size_t pn, bool anchored, const char *t, size_t tn)
{
    /* m[i][j]: p[0..i) matches t[0..j) */
    bool m[S_GLOB_MAX + 2][S_GLOB_MAX + 2];
    memset(m, 0, sizeof m);
    m[0][0] = true;
    for (size_t i = 1; i <= pn; i++) {
        for (size_t j = 0; j <= tn; j++) {
            if (p[i - 1] == '*')
                m[i][j] = m[i - 1][j] || (j > 0 && m[i][j - 1]);
            else
                m[i][j] = j > 0 && m[i - 1][j - 1] && p[i - 1] == t[j - 1];
        }
    }
    if (anchored)
        return m[pn][tn];
    for (size_t j = 0; j <= tn; j++)
        if (m[pn][j])
            return true;
    return false;
}

static void s_check_glob(const uint8_t *data, size_t size)
{
    static const char alpha[] = "ab/*";
    if (size < 2)
        return;
    bool anchored = data[0] & 1;
    size_t half = (size - 1) / 2;
    char p[S_GLOB_MAX + 1], t[S_GLOB_MAX + 1];
    size_t pn = 0, tn = 0;
    p[pn++] = '/';
    t[tn++] = '/';
    for (size_t i = 1; i <= half && pn < S_GLOB_MAX; i++)
        p[pn++] = alpha[data[i] & 3];
    for (size_t i = half + 1; i < size && tn < S_GLOB_MAX; i++) {
        char c = alpha[data[i] & 3];
        t[tn++] = c == '*' ? 'a' : c; /* a path holds no wildcard */
    }
    p[pn] = t[tn] = '\0';
    char text[2 * S_GLOB_MAX + 64], url[S_GLOB_MAX + 64];
    snprintf(text, sizeof text, "User-agent: *\nDisallow: %s%s\n", p, anchored ? "$" : "");
    snprintf(url, sizeof url, "%s%s", S_HOST, t);
    zc_robots_t *r = zc_robots_parse(text, strlen(text), "zcrawl");
    FUZZ_CHECK(zc_robots_nrules(r) == 1);
    bool want = !s_glob_ref(p, pn, anchored, t, tn);
    FUZZ_CHECK(zc_robots_allowed(r, url) == want);
    /* An Allow of the same pattern ties and wins. */
    snprintf(text, sizeof text, "User-agent: *\nDisallow: %s%s\nAllow: %s%s\n", p,
             anchored ? "$" : "", p, anchored ? "$" : "");
    zc_robots_destroy(&r);
    r = zc_robots_parse(text, strlen(text), "zcrawl");
    FUZZ_CHECK(zc_robots_allowed(r, url));
    zc_robots_destroy(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    s_urls_t urls;
    s_urls_build(&urls, text, size);

    zc_robots_t *r = zc_robots_parse(text, size, S_AGENT);
    FUZZ_CHECK(r != NULL);
    s_check_limits(r);
    FUZZ_CHECK(zc_robots_allowed(r, S_HOST "/robots.txt"));
    for (size_t i = 0; i < urls.n; i++)
        FUZZ_CHECK(zc_robots_allowed(r, urls.v[i]) == zc_robots_allowed(r, urls.v[i]));
    s_check_roundtrip(r, &urls);
    zc_robots_destroy(&r);

    zc_robots_t *all = zc_robots_allow_all(), *none = zc_robots_disallow_all();
    for (size_t i = 0; i < urls.n; i++) {
        const char *path = strstr(urls.v[i], "://");
        path = path ? path + 3 + strcspn(path + 3, "/?#") : urls.v[i];
        bool robots = strncmp(path, "/robots.txt", 11) == 0 && strcspn(path, "#") == 11;
        if (strlen(urls.v[i]) <= ZC_URL_MAX) {
            FUZZ_CHECK(zc_robots_allowed(all, urls.v[i]));
            /* "/robots%2etxt" is "/robots.txt" too: only '%'-free paths
               are judged here. */
            if (robots || !strchr(path, '%'))
                FUZZ_CHECK(zc_robots_allowed(none, urls.v[i]) == robots);
        }
    }
    zc_robots_destroy(&all);
    zc_robots_destroy(&none);

    zc_robots_t *d = zc_robots_deserialize(data, size);
    if (d) {
        s_check_limits(d);
        s_check_roundtrip(d, &urls);
        zc_robots_destroy(&d);
    }

    s_check_glob(data, size);
    s_urls_free(&urls);
    return 0;
}
