/*  zc_robots — see zc_robots.h for the contract.

    Design
    - Parsing is one pass over the lines. Every group's rules go, in their
      canonical spelling, to one of two rule sets: the agent's own (its
      user-agent lines name the product token) and the '*' set. A group
      that names both feeds both. At the end the agent's set is kept when
      any group named the agent (even an empty one: RFC 9309 5.1's quxbot
      may fetch everything), else the '*' set, else none.
    - A rule set is an array of s_rule_t over one arena of pattern bytes.
      In a canonical pattern the byte '*' is always the wildcard (a literal
      '*' is spelled %2A) and a literal '$' is %24; the end anchor is a flag.
    - Once built, the rules are sorted by priority (pattern length + anchor,
      longest first; Allow before Disallow at equal length) and duplicates
      dropped, so zc_robots_allowed() stops at the first match.

    Invariants
    1. Every stored pattern is canonical (s_canonical() holds), starts with
       '/' or '*', holds no "**", and is at most ZC_ROBOTS_PATTERN_MAX bytes.
    2. rules[] is sorted by s_rule_cmp and holds no two equal rules.
    3. delay_ms is -1 or in [0, ZC_ROBOTS_DELAY_MAX_MS].
    4. Sitemaps are 1..ZC_URL_MAX bytes of printable ASCII or valid UTF-8,
       no space or control, no duplicates, at most ZC_ROBOTS_MAX_SITEMAPS.
    zc_robots_deserialize() checks 1, 3 and 4 on the bytes it reads and
    re-establishes 2, so an object from disk is as good as a parsed one.

    Serialization (all integers little-endian):
        "ZCRB" u8 version=1  i64 delay_ms
        u32 nrules   { u8 flags (1 allow, 2 anchored)  u32 len  len bytes }
        u32 nsitemaps { u32 len  len bytes }
    and nothing after.
*/
#include "zc_robots.h"

#include "zc_util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define S_MAGIC "ZCRB"
#define S_VERSION 1
#define S_FLAG_ALLOW 1u
#define S_FLAG_ANCHORED 2u
/* Room for the canonical path plus query of a URL of ZC_URL_MAX bytes
   (every byte may become a 3-byte escape) and a leading '/'. */
#define S_TEXT_MAX (3 * ZC_URL_MAX + 1)

typedef struct {
    uint32_t off;     /* of the pattern in the arena */
    uint32_t len;     /* pattern bytes, '*' counted, the anchor not */
    uint32_t lit;     /* bytes that are not '*': a shorter text cannot match */
    uint8_t allow;    /* 1 Allow, 0 Disallow */
    uint8_t anchored; /* the pattern ended in '$' */
} s_rule_t;

typedef struct {
    s_rule_t *v;
    size_t n, cap;
    char *pat; /* arena of pattern bytes */
    size_t plen, pcap;
    int64_t delay_ms;
} s_ruleset_t;

struct zc_robots_t {
    s_ruleset_t rules;
    char **sitemaps;
    size_t nsitemaps;
};

/* --- characters ------------------------------------------------------------ */

static bool s_unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* RFC 3986 reserved characters that keep their meaning raw; '*' and '$'
   are handled apart (see the header). */
static bool s_reserved_kept(unsigned char c)
{
    return c != 0 && strchr(":/?#[]@!&'()+,;=", c) != NULL;
}

static bool s_token_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

static bool s_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static int s_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static const char s_hex[] = "0123456789ABCDEF";

/* Writes the canonical spelling of src[0..len) into dst (cap bytes, no NUL
   added). In a pattern (pattern true) '*' is the wildcard, kept as '*' and
   runs of it collapsed; in a URL a '*' is the literal %2A. Returns the
   length, or SIZE_MAX when it does not fit. */
static size_t s_canon(const char *src, size_t len, bool pattern, char *dst, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        int esc = -1; /* byte to write as %XX, or -1 to write one byte */
        unsigned char out = c;
        if (c == '%') {
            if (len - i >= 3 && s_hexval((unsigned char)src[i + 1]) >= 0 &&
                s_hexval((unsigned char)src[i + 2]) >= 0) {
                unsigned char d = (unsigned char)(s_hexval((unsigned char)src[i + 1]) * 16 +
                                                  s_hexval((unsigned char)src[i + 2]));
                i += 2;
                if (s_unreserved(d))
                    out = d;
                else
                    esc = d;
            } else {
                esc = '%'; /* a stray '%' is the escape %25 */
            }
        } else if (c == '*') {
            if (pattern) {
                if (o > 0 && dst[o - 1] == '*')
                    continue;
            } else {
                esc = '*';
            }
        } else if (c == '$') {
            esc = '$';
        } else if (!s_unreserved(c) && !s_reserved_kept(c)) {
            esc = c;
        }
        if (esc >= 0) {
            if (cap - o < 3)
                return SIZE_MAX;
            dst[o++] = '%';
            dst[o++] = s_hex[(unsigned)esc >> 4];
            dst[o++] = s_hex[(unsigned)esc & 15];
        } else {
            if (o == cap)
                return SIZE_MAX;
            dst[o++] = (char)out;
        }
    }
    return o;
}

/* True when p[0..n) is a canonical pattern as s_canon writes it (invariant 1
   but for the length bound). */
static bool s_canonical(const char *p, size_t n)
{
    if (n == 0 || (p[0] != '/' && p[0] != '*'))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '%') {
            if (n - i < 3)
                return false;
            unsigned char h1 = (unsigned char)p[i + 1], h2 = (unsigned char)p[i + 2];
            bool up1 = (h1 >= '0' && h1 <= '9') || (h1 >= 'A' && h1 <= 'F');
            bool up2 = (h2 >= '0' && h2 <= '9') || (h2 >= 'A' && h2 <= 'F');
            if (!up1 || !up2 || s_unreserved((unsigned char)(s_hexval(h1) * 16 + s_hexval(h2))))
                return false;
            i += 2;
        } else if (c == '*') {
            if (i > 0 && p[i - 1] == '*')
                return false;
        } else if (c == '#' || (!s_unreserved(c) && !s_reserved_kept(c))) {
            return false;
        }
    }
    return true;
}

/* --- matching ------------------------------------------------------------ */

/* Does the pattern pat[0..plen) ('*' wildcards, anchored at the end when
   anchored) match text[0..tlen) from its first octet? Each '*'-separated
   segment is found leftmost after the previous one: for such globs the
   leftmost choice never loses a match, so no backtracking is needed. */
static bool s_match(const char *pat, size_t plen, bool anchored, const char *text, size_t tlen)
{
    const char *star = memchr(pat, '*', plen);
    if (!star) {
        if (anchored)
            return tlen == plen && memcmp(text, pat, plen) == 0;
        return tlen >= plen && memcmp(text, pat, plen) == 0;
    }
    size_t seg = (size_t)(star - pat);
    if (tlen < seg || memcmp(text, pat, seg) != 0)
        return false;
    size_t pos = seg, p = seg + 1;
    for (;;) {
        const char *next = p < plen ? memchr(pat + p, '*', plen - p) : NULL;
        size_t slen = next ? (size_t)(next - (pat + p)) : plen - p;
        if (!next) {
            if (anchored)
                return tlen - pos >= slen && memcmp(text + tlen - slen, pat + p, slen) == 0;
            return slen == 0 || memmem(text + pos, tlen - pos, pat + p, slen) != NULL;
        }
        if (slen > 0) {
            const char *f = memmem(text + pos, tlen - pos, pat + p, slen);
            if (!f)
                return false;
            pos = (size_t)(f - text) + slen;
        }
        p += slen + 1;
    }
}

/* --- rule sets ----------------------------------------------------------- */

static void s_ruleset_init(s_ruleset_t *rs)
{
    memset(rs, 0, sizeof *rs);
    rs->delay_ms = -1;
}

static void s_ruleset_free(s_ruleset_t *rs)
{
    free(rs->v);
    free(rs->pat);
    s_ruleset_init(rs);
}

/* Adds a canonical pattern (invariant 1 holds for it). Ignored past
   ZC_ROBOTS_MAX_RULES. */
static void s_ruleset_add(s_ruleset_t *rs, const char *pat, size_t len, bool allow, bool anchored)
{
    if (rs->n >= ZC_ROBOTS_MAX_RULES)
        return;
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 16;
        rs->v = zc_realloc(rs->v, rs->cap * sizeof *rs->v);
    }
    if (rs->pcap - rs->plen < len) {
        size_t ncap = rs->pcap ? rs->pcap : 256;
        while (ncap - rs->plen < len)
            ncap *= 2;
        rs->pat = zc_realloc(rs->pat, ncap);
        rs->pcap = ncap;
    }
    memcpy(rs->pat + rs->plen, pat, len);
    s_rule_t *r = &rs->v[rs->n++];
    r->off = (uint32_t)rs->plen;
    r->len = (uint32_t)len;
    r->lit = 0;
    for (size_t i = 0; i < len; i++)
        r->lit += pat[i] != '*';
    r->allow = allow;
    r->anchored = anchored;
    rs->plen += len;
}

/* Sort order (invariant 2): priority (length + anchor) descending, Allow
   first, then a total order on the rest so that equal rules are adjacent. */
static int s_rule_cmp(const void *a, const void *b, void *arg)
{
    const s_rule_t *x = a, *y = b;
    const char *pat = arg;
    uint32_t px = x->len + x->anchored, py = y->len + y->anchored;
    if (px != py)
        return px > py ? -1 : 1;
    if (x->allow != y->allow)
        return x->allow ? -1 : 1;
    if (x->anchored != y->anchored)
        return x->anchored ? -1 : 1;
    /* Same length here (same priority, same anchor). */
    return memcmp(pat + x->off, pat + y->off, x->len);
}

static void s_ruleset_finish(s_ruleset_t *rs)
{
    if (rs->n == 0)
        return;
    qsort_r(rs->v, rs->n, sizeof *rs->v, s_rule_cmp, rs->pat);
    size_t w = 1;
    for (size_t i = 1; i < rs->n; i++)
        if (s_rule_cmp(&rs->v[w - 1], &rs->v[i], rs->pat) != 0)
            rs->v[w++] = rs->v[i];
    rs->n = w;
}

/* --- sitemaps ------------------------------------------------------------ */

static bool s_sitemap_ok(const char *s, size_t n)
{
    if (n == 0 || n > ZC_URL_MAX)
        return false;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c <= 0x20 || c == 0x7f)
                return false;
            i++;
            continue;
        }
        size_t k = zc_utf8_seq((const unsigned char *)s + i, n - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

/* Adds a sitemap unless it is malformed, a duplicate or one too many. */
static void s_sitemap_add(zc_robots_t *self, const char *s, size_t n)
{
    if (!s_sitemap_ok(s, n) || self->nsitemaps >= ZC_ROBOTS_MAX_SITEMAPS)
        return;
    for (size_t i = 0; i < self->nsitemaps; i++)
        if (strlen(self->sitemaps[i]) == n && memcmp(self->sitemaps[i], s, n) == 0)
            return;
    self->sitemaps = zc_realloc(self->sitemaps, (self->nsitemaps + 1) * sizeof *self->sitemaps);
    self->sitemaps[self->nsitemaps++] = zc_strndup(s, n);
}

/* --- parsing ------------------------------------------------------------- */

const char *zc_robots_product_token(const char *user_agent, char *buf, size_t cap)
{
    assert(buf && cap >= 1);
    size_t n = 0;
    const char *s = user_agent ? user_agent : "";
    while (s_ws(*s))
        s++;
    while (n + 1 < cap && s_token_char((unsigned char)s[n])) {
        buf[n] = s[n];
        n++;
    }
    buf[n] = '\0';
    return buf;
}

/* Length of the leading token of s[0..n). */
static size_t s_token_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s_token_char((unsigned char)s[i]))
        i++;
    return i;
}

/* Parses a Crawl-delay value: seconds, digits with an optional fraction. */
static bool s_parse_delay(const char *v, size_t n, int64_t *ms)
{
    size_t i = 0;
    int64_t secs = 0, frac = 0;
    int fdigits = 0;
    bool digits = false;
    while (i < n && v[i] >= '0' && v[i] <= '9') {
        digits = true;
        if (secs < INT64_C(1000000000))
            secs = secs * 10 + (v[i] - '0');
        i++;
    }
    if (i < n && v[i] == '.') {
        i++;
        while (i < n && v[i] >= '0' && v[i] <= '9') {
            digits = true;
            if (fdigits < 3) {
                frac = frac * 10 + (v[i] - '0');
                fdigits++;
            }
            i++;
        }
    }
    if (!digits || i != n)
        return false;
    for (; fdigits < 3; fdigits++)
        frac *= 10;
    int64_t total = secs * 1000 + frac;
    *ms = total > ZC_ROBOTS_DELAY_MAX_MS ? ZC_ROBOTS_DELAY_MAX_MS : total;
    return true;
}

/* Adds an Allow/Disallow value (trimmed) to rs; ignores what is not a
   pattern. */
static void s_add_rule(s_ruleset_t *rs, const char *v, size_t n, bool allow, char *scratch)
{
    if (n == 0 || (v[0] != '/' && v[0] != '*'))
        return; /* an empty Disallow allows everything: no rule */
    bool anchored = v[n - 1] == '$';
    if (anchored)
        n--;
    size_t len = s_canon(v, n, true, scratch, ZC_ROBOTS_PATTERN_MAX);
    if (len == SIZE_MAX || len == 0)
        return;
    s_ruleset_add(rs, scratch, len, allow, anchored);
}

static void s_add_delay(s_ruleset_t *rs, const char *v, size_t n)
{
    int64_t ms;
    if (s_parse_delay(v, n, &ms) && ms > rs->delay_ms)
        rs->delay_ms = ms;
}

static bool s_key_is(const char *k, size_t n, const char *name)
{
    return strlen(name) == n && strncasecmp(k, name, n) == 0;
}

typedef struct {
    const char *token; /* the agent's product token */
    size_t toklen;
    s_ruleset_t own, star;
    bool any_own, any_star;
    bool have_group; /* a user-agent line was seen */
    bool in_agents;  /* the last group line was a user-agent line */
    bool cur_own, cur_star;
    char *scratch; /* ZC_ROBOTS_PATTERN_MAX bytes */
} s_parser_t;

static void s_line(s_parser_t *ps, zc_robots_t *self, const char *line, size_t n)
{
    const char *hash = memchr(line, '#', n);
    if (hash)
        n = (size_t)(hash - line);
    const char *colon = memchr(line, ':', n);
    if (!colon)
        return;
    const char *k = line, *v = colon + 1;
    size_t kn = (size_t)(colon - line), vn = n - kn - 1;
    while (kn && s_ws(*k))
        k++, kn--;
    while (kn && s_ws(k[kn - 1]))
        kn--;
    while (vn && s_ws(*v))
        v++, vn--;
    while (vn && s_ws(v[vn - 1]))
        vn--;

    if (s_key_is(k, kn, "user-agent")) {
        if (!ps->in_agents) {
            ps->cur_own = ps->cur_star = false;
            ps->in_agents = true;
            ps->have_group = true;
        }
        size_t tl = s_token_len(v, vn);
        if (vn > 0 && v[0] == '*' && (vn == 1 || !s_token_char((unsigned char)v[1]))) {
            ps->cur_star = ps->any_star = true;
        } else if (tl > 0 && tl == ps->toklen && strncasecmp(v, ps->token, tl) == 0) {
            ps->cur_own = ps->any_own = true;
        }
        return;
    }
    if (s_key_is(k, kn, "sitemap")) {
        s_sitemap_add(self, v, vn);
        return;
    }
    bool allow = s_key_is(k, kn, "allow");
    bool disallow = !allow && s_key_is(k, kn, "disallow");
    bool delay = !allow && !disallow && s_key_is(k, kn, "crawl-delay");
    if (!allow && !disallow && !delay)
        return; /* unknown keys leave the group as it is */
    if (!ps->have_group)
        return; /* rules before any user-agent line belong to no group */
    ps->in_agents = false;
    s_ruleset_t *sets[2] = {ps->cur_own ? &ps->own : NULL, ps->cur_star ? &ps->star : NULL};
    for (int i = 0; i < 2; i++) {
        if (!sets[i])
            continue;
        if (delay)
            s_add_delay(sets[i], v, vn);
        else
            s_add_rule(sets[i], v, vn, allow, ps->scratch);
    }
}

static zc_robots_t *s_new(void)
{
    zc_robots_t *self = zc_calloc(1, sizeof *self);
    s_ruleset_init(&self->rules);
    return self;
}

zc_robots_t *zc_robots_parse(const char *text, size_t len, const char *agent)
{
    zc_robots_t *self = s_new();
    s_parser_t ps;
    memset(&ps, 0, sizeof ps);
    const char *a = agent ? agent : "";
    while (s_ws(*a))
        a++;
    ps.token = a;
    ps.toklen = s_token_len(a, strlen(a));
    s_ruleset_init(&ps.own);
    s_ruleset_init(&ps.star);
    ps.scratch = zc_malloc(ZC_ROBOTS_PATTERN_MAX);

    size_t n = text ? len : 0;
    if (n > ZC_ROBOTS_MAX_BYTES) {
        /* A line the cap cuts in two is dropped: half a pattern would be
           a different rule. */
        n = ZC_ROBOTS_MAX_BYTES;
        if (text[n] != '\n' && text[n] != '\r') {
            while (n > 0 && text[n - 1] != '\n' && text[n - 1] != '\r')
                n--;
        }
    }
    size_t i = 0;
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        size_t start = i;
        while (i < n && text[i] != '\n' && text[i] != '\r')
            i++;
        s_line(&ps, self, text + start, i - start);
        if (i < n && text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')
            i++;
        i++;
    }

    if (ps.any_own) {
        self->rules = ps.own;
        s_ruleset_free(&ps.star);
    } else if (ps.any_star) {
        self->rules = ps.star;
        s_ruleset_free(&ps.own);
    } else {
        s_ruleset_free(&ps.own);
        s_ruleset_free(&ps.star);
    }
    s_ruleset_finish(&self->rules);
    free(ps.scratch);
    return self;
}

zc_robots_t *zc_robots_allow_all(void)
{
    return s_new();
}

zc_robots_t *zc_robots_disallow_all(void)
{
    zc_robots_t *self = s_new();
    s_ruleset_add(&self->rules, "/", 1, false, false);
    return self;
}

void zc_robots_destroy(zc_robots_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_robots_t *self = *self_p;
    s_ruleset_free(&self->rules);
    for (size_t i = 0; i < self->nsitemaps; i++)
        free(self->sitemaps[i]);
    free(self->sitemaps);
    free(self);
    *self_p = NULL;
}

/* --- queries ------------------------------------------------------------- */

bool zc_robots_allowed(const zc_robots_t *self, const char *url)
{
    assert(self && url);
    const char *path = url;
    if (*path != '/') {
        const char *sep = strstr(url, "://");
        if (!sep)
            return false;
        path = sep + 3;
        path += strcspn(path, "/?#");
    }
    size_t plen = strcspn(path, "#");
    if (plen > ZC_URL_MAX)
        return false;
    char text[S_TEXT_MAX];
    size_t o = 0;
    if (plen == 0 || path[0] != '/')
        text[o++] = '/';
    size_t tl = s_canon(path, plen, false, text + o, sizeof text - o);
    assert(tl != SIZE_MAX); /* 3 bytes per byte of at most ZC_URL_MAX fit */
    tl += o;
    if (tl == 11 && memcmp(text, "/robots.txt", 11) == 0)
        return true;
    const s_ruleset_t *rs = &self->rules;
    for (size_t i = 0; i < rs->n; i++) {
        const s_rule_t *r = &rs->v[i];
        if (r->lit > tl)
            continue;
        if (s_match(rs->pat + r->off, r->len, r->anchored, text, tl))
            return r->allow;
    }
    return true;
}

int64_t zc_robots_crawl_delay_ms(const zc_robots_t *self)
{
    return self->rules.delay_ms;
}

size_t zc_robots_nsitemaps(const zc_robots_t *self)
{
    return self->nsitemaps;
}

const char *zc_robots_sitemap(const zc_robots_t *self, size_t i)
{
    assert(i < self->nsitemaps);
    return self->sitemaps[i];
}

size_t zc_robots_nrules(const zc_robots_t *self)
{
    return self->rules.n;
}

/* --- serialization ------------------------------------------------------- */

static int s_put_u32(zc_buf_t *out, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    return zc_buf_add(out, b, 4);
}

static int s_put_i64(zc_buf_t *out, int64_t v)
{
    uint64_t u = (uint64_t)v;
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(u >> (8 * i));
    return zc_buf_add(out, b, 8);
}

void zc_robots_serialize(const zc_robots_t *self, zc_buf_t *out)
{
    size_t saved = out->len;
    const s_ruleset_t *rs = &self->rules;
    int rc = zc_buf_add(out, S_MAGIC, 4);
    rc = rc ? rc : zc_buf_addc(out, S_VERSION);
    rc = rc ? rc : s_put_i64(out, rs->delay_ms);
    rc = rc ? rc : s_put_u32(out, (uint32_t)rs->n);
    for (size_t i = 0; !rc && i < rs->n; i++) {
        const s_rule_t *r = &rs->v[i];
        unsigned flags = (r->allow ? S_FLAG_ALLOW : 0) | (r->anchored ? S_FLAG_ANCHORED : 0);
        rc = zc_buf_addc(out, (char)flags);
        rc = rc ? rc : s_put_u32(out, r->len);
        rc = rc ? rc : zc_buf_add(out, rs->pat + r->off, r->len);
    }
    rc = rc ? rc : s_put_u32(out, (uint32_t)self->nsitemaps);
    for (size_t i = 0; !rc && i < self->nsitemaps; i++) {
        size_t n = strlen(self->sitemaps[i]);
        rc = s_put_u32(out, (uint32_t)n);
        rc = rc ? rc : zc_buf_add(out, self->sitemaps[i], n);
    }
    if (rc) {
        out->len = saved;
        if (out->data)
            out->data[saved] = '\0';
    }
}

typedef struct {
    const unsigned char *p;
    size_t left;
} s_reader_t;

static bool s_get(s_reader_t *r, void *dst, size_t n)
{
    if (r->left < n)
        return false;
    memcpy(dst, r->p, n);
    r->p += n;
    r->left -= n;
    return true;
}

static bool s_get_u32(s_reader_t *r, uint32_t *v)
{
    unsigned char b[4];
    if (!s_get(r, b, 4))
        return false;
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

static bool s_get_i64(s_reader_t *r, int64_t *v)
{
    unsigned char b[8];
    if (!s_get(r, b, 8))
        return false;
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)b[i] << (8 * i);
    *v = (int64_t)u;
    return true;
}

zc_robots_t *zc_robots_deserialize(const void *data, size_t len)
{
    if (!data)
        return NULL;
    s_reader_t r = {data, len};
    char magic[4];
    unsigned char version;
    int64_t delay;
    uint32_t nrules, nsitemaps;
    if (!s_get(&r, magic, 4) || memcmp(magic, S_MAGIC, 4) != 0 || !s_get(&r, &version, 1) ||
        version != S_VERSION || !s_get_i64(&r, &delay) || delay < -1 ||
        delay > ZC_ROBOTS_DELAY_MAX_MS || !s_get_u32(&r, &nrules) || nrules > ZC_ROBOTS_MAX_RULES)
        return NULL;
    zc_robots_t *self = s_new();
    self->rules.delay_ms = delay;
    for (uint32_t i = 0; i < nrules; i++) {
        unsigned char flags;
        uint32_t n;
        if (!s_get(&r, &flags, 1) || (flags & ~(S_FLAG_ALLOW | S_FLAG_ANCHORED)) != 0 ||
            !s_get_u32(&r, &n) || n == 0 || n > ZC_ROBOTS_PATTERN_MAX || r.left < n ||
            !s_canonical((const char *)r.p, n))
            goto err;
        s_ruleset_add(&self->rules, (const char *)r.p, n, flags & S_FLAG_ALLOW,
                      flags & S_FLAG_ANCHORED);
        r.p += n;
        r.left -= n;
    }
    if (!s_get_u32(&r, &nsitemaps) || nsitemaps > ZC_ROBOTS_MAX_SITEMAPS)
        goto err;
    for (uint32_t i = 0; i < nsitemaps; i++) {
        uint32_t n;
        if (!s_get_u32(&r, &n) || r.left < n || !s_sitemap_ok((const char *)r.p, n))
            goto err;
        size_t before = self->nsitemaps;
        s_sitemap_add(self, (const char *)r.p, n);
        if (self->nsitemaps == before)
            goto err; /* a duplicate: not what zc_robots_serialize writes */
        r.p += n;
        r.left -= n;
    }
    if (r.left != 0)
        goto err;
    s_ruleset_finish(&self->rules);
    return self;
err:
    zc_robots_destroy(&self);
    return NULL;
}

/* --- self-test ------------------------------------------------------------ */

#define S_HOST "http://www.example.com"

static void s_check(const zc_robots_t *r, const char *path, bool want, int line)
{
    char url[S_TEXT_MAX + 64];
    snprintf(url, sizeof url, "%s%s", path[0] == '/' ? S_HOST : "", path);
    bool got = zc_robots_allowed(r, url);
    if (got != want) {
        fprintf(stderr, "zc_robots_test:%d: %s should be %s\n", line, url,
                want ? "allowed" : "disallowed");
        abort();
    }
}

#define S_YES(r, p) s_check((r), (p), true, __LINE__)
#define S_NO(r, p) s_check((r), (p), false, __LINE__)

static zc_robots_t *s_parse(const char *text, const char *agent)
{
    return zc_robots_parse(text, strlen(text), agent);
}

/* RFC 9309 section 5.1, word for word (its EOF line included). */
static const char s_rfc_simple[] = "User-Agent: *\n"
                                   "Disallow: *.gif$\n"
                                   "Disallow: /example/\n"
                                   "Allow: /publications/\n"
                                   "\n"
                                   "User-Agent: foobot\n"
                                   "Disallow:/\n"
                                   "Allow:/example/page.html\n"
                                   "Allow:/example/allowed.gif\n"
                                   "\n"
                                   "User-Agent: barbot\n"
                                   "User-Agent: bazbot\n"
                                   "Disallow: /example/page.html\n"
                                   "\n"
                                   "User-Agent: quxbot\n"
                                   "\n"
                                   "EOF\n";

static void s_test_rfc_examples(void)
{
    /* 5.1: foobot may fetch only the two allowed files. */
    zc_robots_t *r = s_parse(s_rfc_simple, "foobot");
    assert(zc_robots_nrules(r) == 3);
    S_YES(r, "/example/page.html");
    S_YES(r, "/example/allowed.gif");
    S_NO(r, "/example/other.html");
    S_NO(r, "/publications/");
    S_NO(r, "/");
    S_YES(r, "/robots.txt"); /* 2.2.2: implicitly allowed */
    zc_robots_destroy(&r);
    assert(r == NULL);
    /* Product tokens match case-insensitively. */
    r = s_parse(s_rfc_simple, "FooBot/2.0 (+http://foo.example/)");
    S_YES(r, "/example/page.html");
    S_NO(r, "/example/other.html");
    zc_robots_destroy(&r);

    /* barbot and bazbot share one group; the '*' group does not apply. */
    const char *bots[] = {"barbot", "bazbot"};
    for (size_t i = 0; i < 2; i++) {
        r = s_parse(s_rfc_simple, bots[i]);
        assert(zc_robots_nrules(r) == 1);
        S_NO(r, "/example/page.html");
        S_NO(r, "/example/page.html5"); /* a pattern matches as a prefix */
        zc_robots_destroy(&r);
    }
    r = s_parse(s_rfc_simple, "barbot");
    S_YES(r, "/example/other.html");
    S_YES(r, "/images/cat.gif");
    S_YES(r, "/publications/");
    zc_robots_destroy(&r);

    /* quxbot: an empty group of its own, so everything is allowed. */
    r = s_parse(s_rfc_simple, "quxbot");
    assert(zc_robots_nrules(r) == 0);
    S_YES(r, "/example/page.html");
    S_YES(r, "/images/cat.gif");
    zc_robots_destroy(&r);

    /* Any other crawler: the '*' group. */
    r = s_parse(s_rfc_simple, "otherbot");
    assert(zc_robots_nrules(r) == 3);
    S_YES(r, "/");
    S_YES(r, "/publications/");
    S_YES(r, "/publications/index.html");
    S_NO(r, "/example/");
    S_NO(r, "/example/page.html");
    S_NO(r, "/images/cat.gif");
    S_NO(r, "/cat.gif");
    S_YES(r, "/images/cat.gif?size=2"); /* '$': the match must end the URL */
    S_YES(r, "/images/cat.gifs");
    S_YES(r, "/publications/cat.gif"); /* Allow /publications/ is longer */
    S_YES(r, "/example");              /* "/example/" is not a prefix of it */
    zc_robots_destroy(&r);

    /* 5.2: the longest match wins. */
    const char *longest = "User-Agent: foobot\n"
                          "Allow: /example/page/\n"
                          "Disallow: /example/page/disallowed.gif\n";
    r = s_parse(longest, "foobot");
    S_NO(r, "/example/page/disallowed.gif");
    S_YES(r, "/example/page/");
    S_YES(r, "/example/page/allowed.gif");
    S_YES(r, "/example/");
    zc_robots_destroy(&r);
}

static void s_test_groups(void)
{
    /* 2.2.1: groups naming the same crawler are merged. */
    const char *merge = "user-agent: ExampleBot\n"
                        "disallow: /foo\n"
                        "disallow: /bar\n"
                        "\n"
                        "user-agent: ExampleBot\n"
                        "disallow: /baz\n";
    zc_robots_t *r = s_parse(merge, "ExampleBot");
    assert(zc_robots_nrules(r) == 3);
    S_NO(r, "/foo");
    S_NO(r, "/bar/x");
    S_NO(r, "/baz");
    S_YES(r, "/qux");
    zc_robots_destroy(&r);

    /* Only the agent's leading product token counts. */
    r = s_parse(merge, "Mozilla-free ExampleBot"); /* token is "Mozilla-free" */
    assert(zc_robots_nrules(r) == 0);
    zc_robots_destroy(&r);

    /* No matching group: the '*' groups, merged; none: no rules. */
    const char *star = "User-agent: *\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\n"
                       "User-agent: *\nDisallow: /b\n";
    r = s_parse(star, "zcrawl");
    assert(zc_robots_nrules(r) == 2);
    S_NO(r, "/a");
    S_NO(r, "/b");
    S_YES(r, "/c");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: other\nDisallow: /\n", "zcrawl");
    assert(zc_robots_nrules(r) == 0);
    S_YES(r, "/");
    zc_robots_destroy(&r);
    r = s_parse("", "zcrawl");
    S_YES(r, "/anything");
    assert(zc_robots_crawl_delay_ms(r) == -1 && zc_robots_nsitemaps(r) == 0);
    zc_robots_destroy(&r);

    /* A group naming both '*' and the agent counts as the agent's. */
    r = s_parse("User-agent: *\nUser-agent: zcrawl\nDisallow: /x\n\n"
                "User-agent: *\nDisallow: /y\n",
                "zcrawl/0.1");
    assert(zc_robots_nrules(r) == 1);
    S_NO(r, "/x");
    S_YES(r, "/y");
    zc_robots_destroy(&r);

    /* Consecutive user-agent lines make one group; a rule ends the run of
       user-agent lines, blank lines and unknown lines do not. */
    const char *runs = "User-agent: a\n\nFoo: bar\nUser-agent: zcrawl\nDisallow: /one\n"
                       "User-agent: b\nDisallow: /two\n";
    r = s_parse(runs, "zcrawl");
    assert(zc_robots_nrules(r) == 1);
    S_NO(r, "/one");
    S_YES(r, "/two");
    zc_robots_destroy(&r);

    /* Rules before any user-agent line belong to no group. */
    r = s_parse("Disallow: /\nCrawl-delay: 5\nUser-agent: *\nDisallow: /private\n", "zcrawl");
    assert(zc_robots_nrules(r) == 1 && zc_robots_crawl_delay_ms(r) == -1);
    S_YES(r, "/");
    S_NO(r, "/private/x");
    zc_robots_destroy(&r);

    /* A user-agent value matches by its own leading token; '*' only alone. */
    r = s_parse("User-agent: zcrawl/1.0\nDisallow: /v\n", "zcrawl");
    S_NO(r, "/v");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: zcrawler\nDisallow: /v\n", "zcrawl");
    S_YES(r, "/v");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *bot\nDisallow: /v\n", "zcrawl");
    S_YES(r, "/v");
    zc_robots_destroy(&r);
    /* An agent without a token only ever gets the '*' groups. */
    r = s_parse("User-agent: \nDisallow: /e\nUser-agent: *\nDisallow: /s\n", "");
    S_YES(r, "/e");
    S_NO(r, "/s");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nDisallow: /s\n", NULL);
    S_NO(r, "/s");
    zc_robots_destroy(&r);
}

static void s_test_matching(void)
{
    /* 2.2.2: Allow wins a tie, in either order; the longest rule wins. */
    zc_robots_t *r = s_parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "z");
    assert(zc_robots_nrules(r) == 2);
    S_YES(r, "/page");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nAllow: /page\nDisallow: /page\n", "z");
    S_YES(r, "/page");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nAllow: /p\nDisallow: /\n", "z");
    S_YES(r, "/page");
    S_NO(r, "/other");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nAllow: /$\nDisallow: /\n", "z");
    S_YES(r, "/");
    S_NO(r, "/page.htm");
    S_YES(r, "http://www.example.com"); /* an empty path is "/" */
    S_NO(r, "http://www.example.com?q=1");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nAllow: /page\nDisallow: /*.htm\n", "z");
    S_NO(r, "/page.htm"); /* the Disallow pattern is one octet longer */
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nAllow: /page\nDisallow: /*.ph\n", "z");
    S_YES(r, "/page.php5"); /* a tie: Allow */
    zc_robots_destroy(&r);

    /* The matching is case-sensitive and starts at the path's first octet. */
    r = s_parse("User-agent: *\nDisallow: /Private\nDisallow: /x/\n", "z");
    S_NO(r, "/Private/a");
    S_YES(r, "/private/a");
    S_YES(r, "/a/x/");
    S_YES(r, "/x"); /* 1996 table: /tmp/ does not match /tmp */
    S_NO(r, "/x/");
    S_NO(r, "/x/a.html");
    zc_robots_destroy(&r);

    /* 2.2.3: '#' comments, '$' end of pattern, '*' any run. */
    r = s_parse("User-agent: *\n# comment line\nDisallow: /this/path/exactly$ # comment in line\n"
                "Disallow: /fish*\n",
                "z");
    assert(zc_robots_nrules(r) == 2);
    S_NO(r, "/this/path/exactly");
    S_YES(r, "/this/path/exactly/more");
    S_YES(r, "/this/path/exactly?q");
    S_YES(r, "/this/path/exactl");
    S_NO(r, "/fish");
    S_NO(r, "/fishheads/yummy.html");
    S_YES(r, "/Fish.asp");
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nDisallow: /this/*/exactly\n", "z");
    S_NO(r, "/this/a/exactly");
    S_NO(r, "/this/a/b/exactly/more");
    S_NO(r, "/this//exactly"); /* '*' may match nothing */
    S_YES(r, "/this/exactly");
    S_YES(r, "/that/a/exactly");
    zc_robots_destroy(&r);

    /* Wildcards in and around the query; several stars; '$' after a star. */
    r = s_parse("User-agent: *\nDisallow: /*?\nDisallow: /a*b*c$\nDisallow: /*.php$\n"
                "Allow: /*.php$*\nDisallow: /**/deep**/x\n",
                "z");
    S_NO(r, "/list?page=2");
    S_YES(r, "/list");
    S_NO(r, "/axxbyyc");
    S_NO(r, "/abc");
    S_YES(r, "/abcd");
    S_NO(r, "/acbc"); /* leftmost segments still find the later "bc" */
    S_NO(r, "/index.php");
    S_YES(r, "/index.php5");
    S_YES(r, "/x.php%24"); /* "$*" mid-pattern is a literal "$" then a star */
    S_NO(r, "/q/deep/r/x");
    zc_robots_destroy(&r);

    /* A pathological pattern stays linear: a long run of near matches. */
    char pat[4200], path[ZC_URL_MAX];
    size_t pn = (size_t)snprintf(pat, sizeof pat, "User-agent: *\nDisallow: /");
    for (int i = 0; i < 500; i++)
        pn += (size_t)snprintf(pat + pn, sizeof pat - pn, "*a");
    snprintf(pat + pn, sizeof pat - pn, "*b\n");
    r = s_parse(pat, "z");
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    int64_t t0 = zc_mono_ms();
    for (int i = 0; i < 100; i++)
        S_YES(r, path);
    path[sizeof path - 2] = 'b';
    S_NO(r, path);
    assert(zc_mono_ms() - t0 < 2000);
    zc_robots_destroy(&r);

    /* Empty Disallow: nothing disallowed; a value that is no path is no rule. */
    r = s_parse("User-agent: *\nDisallow:\nDisallow: \t \nAllow:\nDisallow: nopath\n"
                "Disallow: $\n",
                "z");
    assert(zc_robots_nrules(r) == 0);
    S_YES(r, "/");
    zc_robots_destroy(&r);

    /* Duplicate rules are kept once. */
    r = s_parse("User-agent: *\nDisallow: /d\nDisallow: /d\nDisallow: /%64\n", "z");
    assert(zc_robots_nrules(r) == 1);
    zc_robots_destroy(&r);

    /* allow_all (4xx) and disallow_all (5xx, unreachable). */
    r = zc_robots_allow_all();
    S_YES(r, "/");
    S_YES(r, "/anything?at=all");
    assert(zc_robots_nrules(r) == 0 && zc_robots_crawl_delay_ms(r) == -1);
    zc_robots_destroy(&r);
    r = zc_robots_disallow_all();
    S_NO(r, "/");
    S_NO(r, "http://www.example.com");
    S_NO(r, "/x?y");
    S_YES(r, "/robots.txt");
    S_NO(r, "/robots.txt?x");
    assert(zc_robots_nrules(r) == 1);
    zc_robots_destroy(&r);
    zc_robots_destroy(&r); /* NULL-safe */
    zc_robots_destroy(NULL);

    /* Not a URL, or a path over ZC_URL_MAX: never allowed. */
    r = zc_robots_allow_all();
    assert(!zc_robots_allowed(r, "www.example.com/x"));
    char longurl[ZC_URL_MAX + 64];
    size_t ln = (size_t)snprintf(longurl, sizeof longurl, "%s/", S_HOST);
    memset(longurl + ln, 'x', ZC_URL_MAX);
    longurl[ln + ZC_URL_MAX] = '\0';
    assert(!zc_robots_allowed(r, longurl));
    longurl[ln + ZC_URL_MAX - 1] = '\0';
    assert(zc_robots_allowed(r, longurl));
    zc_robots_destroy(&r);
}

static void s_test_percent(void)
{
    /* 2.2.2: unreserved escapes decoded, other escapes upper-cased, on
       both sides; non-ASCII percent-encoded. */
    zc_robots_t *r = s_parse("User-agent: *\n"
                             "Disallow: /a%3cd\n"
                             "Disallow: /~foo\n"
                             "Disallow: /foo/bar/%62%61%7A\n"
                             "Disallow: /foo/bar?baz=quz\n"
                             "Disallow: /foo/bar?baz=https://foo.bar\n"
                             "Disallow: /enc/bar?baz=https%3a%2F%2ffoo.bar\n"
                             "Disallow: /foo/bar/\xE3\x83\x84\n"
                             "Disallow: /pct/%E3%83%84\n"
                             "Disallow: /a%2fb.html\n"
                             "Disallow: /c/d.html\n"
                             "Disallow: /path/file-with-a-%2A.html\n"
                             "Disallow: /path/foo-%24\n"
                             "Disallow: /raw<|>\n",
                             "z");
    S_NO(r, "/a%3Cd");
    S_NO(r, "/a%3cd");
    S_YES(r, "/a<b");
    S_NO(r, "/%7Efoo");
    S_NO(r, "/%7efoo/bar");
    S_NO(r, "/~foo");
    S_NO(r, "/foo/bar/baz");
    S_NO(r, "/foo/bar/%62az");
    S_YES(r, "/foo/bar/bay");
    S_NO(r, "/foo/bar?baz=quz");
    S_NO(r, "/foo/bar?baz=https://foo.bar");
    S_NO(r, "/enc/bar?baz=https%3A%2F%2Ffoo.bar");
    S_YES(r, "/enc/bar?baz=https://foo.bar"); /* reserved: escaped != raw */
    S_NO(r, "/foo/bar/%E3%83%84");
    S_NO(r, "/foo/bar/%e3%83%84");
    S_NO(r, "/foo/bar/\xE3\x83\x84");
    S_NO(r, "/pct/\xE3\x83\x84");
    S_NO(r, "/a%2Fb.html");
    S_YES(r, "/a/b.html");
    S_YES(r, "/c%2Fd.html");
    S_NO(r, "/c/d.html");
    /* 2.2.3: a pattern names a literal '*' or '$' by its escape. */
    S_NO(r, "/path/file-with-a-*.html");
    S_NO(r, "/path/file-with-a-%2a.html");
    S_YES(r, "/path/file-with-a-b.html");
    S_NO(r, "/path/foo-$");
    S_NO(r, "/path/foo-%24");
    S_YES(r, "/path/foo-");
    S_NO(r, "/raw%3C%7C%3E");
    zc_robots_destroy(&r);

    /* The same through zc_url_normalize, as the producer and the command
       line see URLs. */
    r = s_parse("User-agent: *\nDisallow: /a%3Cd\nDisallow: /~foo\nDisallow: /foo/bar/"
                "\xE3\x83\x84\nDisallow: /path/file-with-a-%2A.html\n",
                "z");
    const char *urls[] = {"HTTP://www.Example.com/a%3cd", "http://www.example.com/%7Efoo",
                          "http://www.example.com/foo/bar/\xE3\x83\x84",
                          "https://www.example.com/path/file-with-a-*.html"};
    for (size_t i = 0; i < ZC_ARRAY_LEN(urls); i++) {
        char *norm = NULL;
        assert(zc_url_normalize(urls[i], &norm) == ZC_OK);
        S_NO(r, norm);
        free(norm);
    }
    zc_robots_destroy(&r);

    /* The priority is the canonical length: "/%7Ex" is "/~x" (3 octets),
       so the 4-octet Allow wins. */
    r = s_parse("User-agent: *\nDisallow: /%7Ex\nAllow: /~x/\n", "z");
    S_YES(r, "/~x/y");
    S_NO(r, "/~xy");
    zc_robots_destroy(&r);
}

static void s_test_syntax(void)
{
    /* BOM, CRLF, CR, tabs, key case, spaces before the colon. */
    const char *crlf = "\xEF\xBB\xBFuser-AGENT: zcrawl\r\n\tDISALLOW : /a \r\n"
                       "allow:/a/b\r\rCrawl-Delay:\t2.5\r\nSITEMAP: http://s.example/map.xml\r\n";
    zc_robots_t *r = s_parse(crlf, "zcrawl/0.1 (+http://x)");
    assert(zc_robots_nrules(r) == 2);
    S_NO(r, "/a");
    S_YES(r, "/a/b");
    assert(zc_robots_crawl_delay_ms(r) == 2500);
    assert(zc_robots_nsitemaps(r) == 1);
    assert(strcmp(zc_robots_sitemap(r, 0), "http://s.example/map.xml") == 0);
    zc_robots_destroy(&r);

    /* A BOM anywhere but the start is part of the line (and spoils the key). */
    r = s_parse("User-agent: *\n\xEF\xBB\xBF"
                "Disallow: /x\nDisallow: /y\n",
                "z");
    assert(zc_robots_nrules(r) == 1);
    S_YES(r, "/x");
    S_NO(r, "/y");
    zc_robots_destroy(&r);

    /* Lines without a colon, binary junk, NULs, no final newline. */
    const char junk[] = "User-agent: *\nthis is not a rule\n\x01\x02:\x03\n"
                        "Disallow /nocolon\nDisallow: /ok\0 /after-nul\nDisallow: /last";
    r = zc_robots_parse(junk, sizeof junk - 1, "z");
    assert(zc_robots_nrules(r) == 2);
    S_NO(r, "/last");
    S_YES(r, "/nocolon");
    S_NO(r, "/ok%00%20/after-nul");
    S_YES(r, "/ok");
    zc_robots_destroy(&r);

    /* A very long line does no harm: a pattern past the limit is no rule. */
    size_t big = 4 * ZC_ROBOTS_PATTERN_MAX;
    char *text = zc_malloc(big + 64);
    size_t n = (size_t)snprintf(text, 64, "User-agent: *\nDisallow: /");
    memset(text + n, 'q', big);
    n += big;
    n += (size_t)snprintf(text + n, 64, "\nDisallow: /short\n");
    r = zc_robots_parse(text, n, "z");
    assert(zc_robots_nrules(r) == 1);
    S_NO(r, "/short");
    S_YES(r, "/qqqq");
    zc_robots_destroy(&r);
    free(text);
}

static void s_test_delay_sitemap(void)
{
    /* Crawl-delay from the chosen group(s) only; the largest; capped. */
    zc_robots_t *r = s_parse("User-agent: *\nCrawl-delay: 7\n\nUser-agent: zcrawl\n"
                             "Crawl-delay: 0.25\nCrawl-delay: 1.5\nCrawl-delay: soon\n",
                             "zcrawl");
    assert(zc_robots_crawl_delay_ms(r) == 1500);
    zc_robots_destroy(&r);
    r = s_parse("User-agent: *\nCrawl-delay: 7\n\nUser-agent: zcrawl\nCrawl-delay: 3\n", "other");
    assert(zc_robots_crawl_delay_ms(r) == 7000);
    zc_robots_destroy(&r);
    struct {
        const char *v;
        int64_t ms;
    } delays[] = {
        {"0", 0},      {"1", 1000},        {".5", 500},     {"10.", 10000},
        {"0.0015", 1}, {"120", 120000},    {"121", 120000}, {"99999999999999999999999", 120000},
        {"-1", -1},    {"1e3", -1},        {"", -1},        {"1 2", -1},
        {"0x10", -1},  {"3 # three", 3000}};
    for (size_t i = 0; i < ZC_ARRAY_LEN(delays); i++) {
        char t[128];
        snprintf(t, sizeof t, "User-agent: *\nCrawl-delay: %s\n", delays[i].v);
        r = s_parse(t, "z");
        if (zc_robots_crawl_delay_ms(r) != delays[i].ms) {
            fprintf(stderr, "crawl-delay '%s': %lld\n", delays[i].v,
                    (long long)zc_robots_crawl_delay_ms(r));
            abort();
        }
        zc_robots_destroy(&r);
    }
    /* The quxbot case: an empty group of the agent's own has no delay. */
    r = s_parse("User-agent: *\nCrawl-delay: 9\n\nUser-agent: zcrawl\n", "zcrawl");
    assert(zc_robots_crawl_delay_ms(r) == -1);
    zc_robots_destroy(&r);

    /* Sitemaps from anywhere, in order, once each; bad ones left out. */
    r = s_parse("Sitemap: http://a.example/1.xml\nUser-agent: other\nSitemap: "
                "https://a.example/2.xml # comment\nDisallow: /\nsitemap:http://a.example/1.xml\n"
                "Sitemap:\nSitemap: http://a.example/with space.xml\n"
                "Sitemap: http://\xC3\xA9.example/\xE2\x82\xAC.xml\nSitemap: http://x/\xFF\n",
                "zcrawl");
    assert(zc_robots_nsitemaps(r) == 3);
    assert(strcmp(zc_robots_sitemap(r, 0), "http://a.example/1.xml") == 0);
    assert(strcmp(zc_robots_sitemap(r, 1), "https://a.example/2.xml") == 0);
    assert(strcmp(zc_robots_sitemap(r, 2), "http://\xC3\xA9.example/\xE2\x82\xAC.xml") == 0);
    zc_robots_destroy(&r);
}

static void s_test_token(void)
{
    char buf[ZC_ROBOTS_TOKEN_MAX];
    assert(strcmp(zc_robots_product_token("zcrawl/0.1 (+http://x)", buf, sizeof buf), "zcrawl") ==
           0);
    assert(strcmp(zc_robots_product_token("Example_Bot-2 x", buf, sizeof buf), "Example_Bot-2") ==
           0);
    assert(strcmp(zc_robots_product_token("  zcrawl", buf, sizeof buf), "zcrawl") == 0);
    assert(
        strcmp(zc_robots_product_token("Mozilla/5.0 (compatible; ExampleBot/0.1)", buf, sizeof buf),
               "Mozilla") == 0);
    assert(strcmp(zc_robots_product_token("/0.1", buf, sizeof buf), "") == 0);
    assert(strcmp(zc_robots_product_token("", buf, sizeof buf), "") == 0);
    assert(strcmp(zc_robots_product_token(NULL, buf, sizeof buf), "") == 0);
    assert(strcmp(zc_robots_product_token("zc\xC3\xA9rawl", buf, sizeof buf), "zc") == 0);
    char small[4];
    assert(strcmp(zc_robots_product_token("zcrawl", small, sizeof small), "zcr") == 0);
    char one[1];
    assert(strcmp(zc_robots_product_token("zcrawl", one, 1), "") == 0);
}

/* Serializes r and checks the blob: deserializes to the same answers and
   serializes to the same bytes; every truncation is rejected. */
static void s_roundtrip(const zc_robots_t *r, const char *const *paths, size_t npaths)
{
    zc_buf_t a, b;
    zc_buf_init(&a, 1 << 24);
    zc_buf_init(&b, 1 << 24);
    zc_buf_adds(&a, "prefix"); /* serialize appends */
    zc_robots_serialize(r, &a);
    const char *blob = a.data + 6;
    size_t blen = a.len - 6;
    zc_robots_t *d = zc_robots_deserialize(blob, blen);
    assert(d);
    assert(zc_robots_nrules(d) == zc_robots_nrules(r));
    assert(zc_robots_crawl_delay_ms(d) == zc_robots_crawl_delay_ms(r));
    assert(zc_robots_nsitemaps(d) == zc_robots_nsitemaps(r));
    for (size_t i = 0; i < zc_robots_nsitemaps(r); i++)
        assert(strcmp(zc_robots_sitemap(d, i), zc_robots_sitemap(r, i)) == 0);
    for (size_t i = 0; i < npaths; i++) {
        char url[256];
        snprintf(url, sizeof url, "%s%s", S_HOST, paths[i]);
        assert(zc_robots_allowed(d, url) == zc_robots_allowed(r, url));
    }
    zc_robots_serialize(d, &b);
    assert(b.len == blen && memcmp(b.data, blob, blen) == 0);
    zc_robots_destroy(&d);
    for (size_t cut = 0; cut < blen; cut++) {
        d = zc_robots_deserialize(blob, cut);
        assert(d == NULL);
    }
    /* Trailing bytes. */
    zc_buf_add(&b, "x", 1);
    assert(zc_robots_deserialize(b.data, b.len) == NULL);
    zc_buf_free(&a);
    zc_buf_free(&b);
}

static void s_test_serialize(void)
{
    const char *paths[] = {"/",       "/example/page.html",  "/example/x", "/a.gif",
                           "/a.gif?", "/publications/a.gif", "/robots.txt"};
    const char *agents[] = {"foobot", "barbot", "quxbot", "other"};
    for (size_t i = 0; i < ZC_ARRAY_LEN(agents); i++) {
        zc_robots_t *r = s_parse(s_rfc_simple, agents[i]);
        s_roundtrip(r, paths, ZC_ARRAY_LEN(paths));
        zc_robots_destroy(&r);
    }
    zc_robots_t *r = s_parse("Sitemap: http://a/s.xml\nUser-agent: *\nCrawl-delay: 4.2\n"
                             "Disallow: /x*y$\nAllow: /x\nSitemap: http://a/t.xml\n",
                             "z");
    const char *p2[] = {"/xay", "/xa", "/xyz", "/"};
    s_roundtrip(r, p2, ZC_ARRAY_LEN(p2));

    /* A buffer without room: nothing appended. */
    zc_buf_t small;
    zc_buf_init(&small, 16);
    zc_buf_adds(&small, "keep");
    zc_robots_serialize(r, &small);
    assert(small.len == 4 && strcmp(small.data, "keep") == 0);
    zc_buf_free(&small);

    /* Hand-made blobs: each breaks one rule of the format. */
    zc_buf_t good;
    zc_buf_init(&good, 1 << 20);
    zc_robots_serialize(r, &good);
    zc_robots_destroy(&r);
    assert(good.len > 20);
    /* Byte 0-3 magic, 4 version, 5-12 delay, 13-16 nrules, 17 first flags,
       18-21 its length, 22.. its pattern. */
    struct {
        size_t at;
        unsigned char val;
    } flips[] = {{0, 'X'}, {4, 2},  {12, 0x80}, {7, 0xff}, {16, 0x10}, {17, 4},
                 {18, 0},  {21, 1}, {22, 'a'},  {22, '$'}, {22, '%'}};
    for (size_t i = 0; i < ZC_ARRAY_LEN(flips); i++) {
        char *copy = zc_malloc(good.len);
        memcpy(copy, good.data, good.len);
        copy[flips[i].at] = (char)flips[i].val;
        if (zc_robots_deserialize(copy, good.len) != NULL) {
            fprintf(stderr, "blob with byte %zu = 0x%02x accepted\n", flips[i].at, flips[i].val);
            abort();
        }
        free(copy);
    }
    zc_buf_free(&good);

    /* Non-canonical patterns are refused: lower-case or unreserved escapes,
       raw characters that must be escaped, '**', a stray '%'. */
    const char *bad[] = {"/a%3c", "/%41", "/a b", "/a**b", "/a%", "/a%4", "x", "/a$", "/#"};
    for (size_t i = 0; i < ZC_ARRAY_LEN(bad); i++) {
        zc_buf_t blob;
        zc_buf_init(&blob, 1 << 16);
        zc_buf_add(&blob, "ZCRB\x01", 5);
        s_put_i64(&blob, -1);
        s_put_u32(&blob, 1);
        zc_buf_addc(&blob, 0);
        s_put_u32(&blob, (uint32_t)strlen(bad[i]));
        zc_buf_adds(&blob, bad[i]);
        s_put_u32(&blob, 0);
        assert(zc_robots_deserialize(blob.data, blob.len) == NULL);
        /* The same blob with a canonical pattern is fine. */
        zc_buf_reset(&blob);
        zc_buf_add(&blob, "ZCRB\x01", 5);
        s_put_i64(&blob, -1);
        s_put_u32(&blob, 1);
        zc_buf_addc(&blob, 0);
        s_put_u32(&blob, 3);
        zc_buf_adds(&blob, "/a*");
        s_put_u32(&blob, 0);
        zc_robots_t *ok = zc_robots_deserialize(blob.data, blob.len);
        assert(ok && zc_robots_nrules(ok) == 1);
        zc_robots_destroy(&ok);
        zc_buf_free(&blob);
    }
    /* Garbage. */
    assert(zc_robots_deserialize(NULL, 0) == NULL);
    assert(zc_robots_deserialize("", 0) == NULL);
    assert(zc_robots_deserialize("ZCRB", 4) == NULL);
    unsigned char noise[512];
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof noise; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            noise[i] = (unsigned char)x;
        }
        if (round % 2)
            memcpy(noise, "ZCRB\x01", 5);
        assert(zc_robots_deserialize(noise, sizeof noise) == NULL);
    }
}

static void s_test_cap(void)
{
    /* Only the first ZC_ROBOTS_MAX_BYTES count; a line cut by the cap is
       dropped. */
    size_t size = ZC_ROBOTS_MAX_BYTES + 4096;
    char *text = zc_malloc(size);
    const char *head = "User-agent: *\nDisallow: /before\n";
    size_t n = strlen(head);
    memcpy(text, head, n);
    while (n < size)
        text[n++] = '\n';
    const char *cut = "Disallow: /cutcutcut\n";
    size_t at = ZC_ROBOTS_MAX_BYTES - 10;
    memcpy(text + at, cut, strlen(cut));
    const char *after = "Disallow: /after\n";
    memcpy(text + ZC_ROBOTS_MAX_BYTES + 100, after, strlen(after));
    zc_robots_t *r = zc_robots_parse(text, size, "z");
    assert(zc_robots_nrules(r) == 1);
    S_NO(r, "/before");
    S_YES(r, "/cut");
    S_YES(r, "/after");
    zc_robots_destroy(&r);
    /* A line ending exactly at the cap is kept. */
    const char *fit = "Disallow: /fits";
    memset(text + at, '\n', strlen(cut));
    memcpy(text + ZC_ROBOTS_MAX_BYTES - strlen(fit), fit, strlen(fit));
    r = zc_robots_parse(text, size, "z");
    assert(zc_robots_nrules(r) == 2);
    S_NO(r, "/fits");
    zc_robots_destroy(&r);
    free(text);

    /* Rules past ZC_ROBOTS_MAX_RULES are ignored. */
    zc_buf_t many;
    zc_buf_init(&many, ZC_ROBOTS_MAX_BYTES);
    zc_buf_adds(&many, "User-agent: *\n");
    for (int i = 0; i < ZC_ROBOTS_MAX_RULES + 50; i++)
        zc_buf_printf(&many, "Disallow: /%d\n", i);
    r = zc_robots_parse(many.data, many.len, "z");
    assert(zc_robots_nrules(r) == ZC_ROBOTS_MAX_RULES);
    S_NO(r, "/0");
    S_NO(r, "/9999");
    S_YES(r, "/a");
    zc_robots_destroy(&r);
    zc_buf_free(&many);
}

int zc_robots_test(bool verbose)
{
    s_test_rfc_examples();
    s_test_groups();
    s_test_matching();
    s_test_percent();
    s_test_syntax();
    s_test_delay_sitemap();
    s_test_token();
    s_test_serialize();
    s_test_cap();

    /* The hot path: a typical file, many URLs. */
    zc_robots_t *r = s_parse(s_rfc_simple, "otherbot");
    int64_t t0 = zc_mono_ms();
    size_t allowed = 0;
    char url[128];
    for (int i = 0; i < 200000; i++) {
        snprintf(url, sizeof url, "%s/dir%d/page-%d.html?x=%d", S_HOST, i % 97, i, i % 7);
        allowed += zc_robots_allowed(r, url);
    }
    int64_t ms = zc_mono_ms() - t0;
    assert(allowed == 200000);
    if (verbose)
        fprintf(stderr, "zc_robots: 200000 allowed() calls in %lld ms\n", (long long)ms);
    zc_robots_destroy(&r);
    return 0;
}
