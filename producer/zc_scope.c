/*  zc_scope — see zc_scope.h. */
#include "zc_scope.h"

#include "zc_fpset.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <libpsl.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seed of the host/domain hash; any constant apart from the URL fingerprint's keeps the two
   hash families independent. */
#define ZC_SCOPE_HASH_SEED 0x73636f7065ULL
/* Room for the seed set before it grows: most crawls have a handful of seeds. */
#define ZC_SCOPE_SEEDS_INITIAL 16
/* Largest regerror() text we report. */
#define ZC_SCOPE_REGERR_MAX 256

struct zc_scope_t {
    zc_scope_mode_t mode;
    zc_fpset_t *seeds;    /* hashes of seed hosts (host mode) or domains (domain mode) */
    const psl_ctx_t *psl; /* domain mode only */
    bool psl_owned;       /* psl came from psl_latest() and is ours to psl_free() */
    regex_t *include;
    size_t ninclude;
    regex_t *exclude;
    size_t nexclude;
};

/* Formats a new message into *err (if err is not NULL). */
static void s_set_err(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void s_set_err(char **err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    size_t size = n > 0 ? (size_t)n + 1 : 1;
    char *msg = zc_malloc(size);
    msg[0] = '\0';
    va_start(ap, fmt);
    vsnprintf(msg, size, fmt, ap);
    va_end(ap);
    *err = msg;
}

/* Compiles n patterns into a new array in *out; on failure frees what was compiled, sets *err
   and returns ZC_EINVAL. */
static int s_compile(const char *opt, const char *const *pats, size_t n, regex_t **out, char **err)
{
    *out = NULL;
    if (!n)
        return ZC_OK;
    assert(pats);
    regex_t *res = zc_calloc(n, sizeof *res);
    for (size_t i = 0; i < n; i++) {
        assert(pats[i]);
        int rc = regcomp(&res[i], pats[i], REG_EXTENDED | REG_NOSUB);
        if (rc) {
            char why[ZC_SCOPE_REGERR_MAX];
            regerror(rc, &res[i], why, sizeof why);
            s_set_err(err, "bad %s regex \"%s\": %s", opt, pats[i], why);
            for (size_t j = 0; j < i; j++)
                regfree(&res[j]);
            free(res);
            return ZC_EINVAL;
        }
    }
    *out = res;
    return ZC_OK;
}

static void s_free_regs(regex_t *res, size_t n)
{
    for (size_t i = 0; i < n && res; i++)
        regfree(&res[i]);
    free(res);
}

zc_scope_t *zc_scope_new(zc_scope_mode_t mode, const char *const *include, size_t ninclude,
                         const char *const *exclude, size_t nexclude, char **err)
{
    if (err)
        *err = NULL;
    if (mode != ZC_SCOPE_HOST && mode != ZC_SCOPE_DOMAIN && mode != ZC_SCOPE_ANY) {
        s_set_err(err, "bad scope mode %d", (int)mode);
        return NULL;
    }
    zc_scope_t *self = zc_calloc(1, sizeof *self);
    self->mode = mode;
    self->seeds = zc_fpset_new(ZC_SCOPE_SEEDS_INITIAL);
    if (s_compile("--include", include, ninclude, &self->include, err))
        goto err;
    self->ninclude = ninclude;
    if (s_compile("--exclude", exclude, nexclude, &self->exclude, err))
        goto err;
    self->nexclude = nexclude;
    if (mode == ZC_SCOPE_DOMAIN) {
        /* psl_latest() picks the newer of the system's list and the built-in one; it returns
           NULL when it can load neither, and the built-in copy is the last resort. */
        psl_ctx_t *latest = psl_latest(NULL);
        if (latest && latest != psl_builtin()) {
            self->psl = latest;
            self->psl_owned = true;
        } else {
            self->psl = psl_builtin();
        }
        if (!self->psl) {
            s_set_err(err,
                      "--scope domain needs the Public Suffix List, but libpsl could load "
                      "neither %s nor a built-in list (install the publicsuffix package)",
                      psl_dist_filename() ? psl_dist_filename() : "a system list");
            goto err;
        }
    }
    return self;
err:
    zc_scope_destroy(&self);
    return NULL;
}

void zc_scope_destroy(zc_scope_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_scope_t *self = *self_p;
    zc_fpset_destroy(&self->seeds);
    s_free_regs(self->include, self->ninclude);
    s_free_regs(self->exclude, self->nexclude);
    if (self->psl_owned)
        psl_free((psl_ctx_t *)self->psl);
    free(self);
    *self_p = NULL;
}

int zc_scope_mode_parse(const char *s, zc_scope_mode_t *out)
{
    if (!s)
        return ZC_EINVAL;
    if (strcmp(s, "host") == 0)
        *out = ZC_SCOPE_HOST;
    else if (strcmp(s, "domain") == 0)
        *out = ZC_SCOPE_DOMAIN;
    else if (strcmp(s, "any") == 0)
        *out = ZC_SCOPE_ANY;
    else
        return ZC_EINVAL;
    return ZC_OK;
}

/* Copies url's host into buf (ZC_URL_MAX + 1 bytes), lower-cased, without one trailing dot,
   NUL-terminated; *len gets its length. ZC_EINVAL when there is no (non-empty) host. */
static int s_host(const char *url, char *buf, size_t *len)
{
    const char *h;
    size_t n;
    if (zc_url_host(url, &h, &n))
        return ZC_EINVAL;
    if (n > 1 && h[n - 1] == '.')
        n--;
    if (n > ZC_URL_MAX || (n == 1 && h[0] == '.'))
        return ZC_EINVAL;
    for (size_t i = 0; i < n; i++) {
        char c = h[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[n] = '\0';
    *len = n;
    return ZC_OK;
}

/* True for an IP-address host: IPv6 comes bracketed; an IPv4 host, as the URL Standard
   decides, is one whose last label is a number (decimal, or hex with 0x). */
static bool s_is_ip(const char *host, size_t len)
{
    if (host[0] == '[')
        return true;
    const char *dot = memrchr(host, '.', len);
    const char *p = dot ? dot + 1 : host, *e = host + len;
    if (p == e)
        return false;
    bool hex = e - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
    for (const char *q = hex ? p + 2 : p; q < e; q++)
        if (!(*q >= '0' && *q <= '9') &&
            !(hex && ((*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F'))))
            return false;
    return true;
}

static uint64_t s_hash(const char *s, size_t len)
{
    return zc_hash64(s, len, ZC_SCOPE_HASH_SEED);
}

/* The registrable domain of host (lower-cased, NUL-terminated): a pointer into host. An IP
   address, or a host libpsl finds no registrable domain for (a public suffix itself), is its
   own domain. */
static const char *s_domain(const zc_scope_t *self, const char *host, size_t len)
{
    if (s_is_ip(host, len))
        return host;
    const char *d = psl_registrable_domain(self->psl, host);
    return d ? d : host;
}

int zc_scope_add_seed(zc_scope_t *self, const char *url)
{
    char host[ZC_URL_MAX + 1];
    size_t len;
    if (!url || s_host(url, host, &len))
        return ZC_EINVAL;
    if (self->mode == ZC_SCOPE_HOST) {
        zc_fpset_add(self->seeds, s_hash(host, len));
    } else if (self->mode == ZC_SCOPE_DOMAIN) {
        const char *d = s_domain(self, host, len);
        zc_fpset_add(self->seeds, s_hash(d, len - (size_t)(d - host)));
    }
    return ZC_OK;
}

/* Domain mode: the registrable domain of host is host itself or one of its suffixes after a
   dot, so when none of those is in the seed set the answer is no without asking libpsl. */
static bool s_domain_in(const zc_scope_t *self, const char *host, size_t len)
{
    bool candidate = false;
    for (size_t i = 0; i < len && !candidate; i++)
        if (i == 0 || host[i - 1] == '.')
            candidate = zc_fpset_has(self->seeds, s_hash(host + i, len - i));
    if (!candidate)
        return false;
    const char *d = s_domain(self, host, len);
    return zc_fpset_has(self->seeds, s_hash(d, len - (size_t)(d - host)));
}

zc_scope_verdict_t zc_scope_check(const zc_scope_t *self, const char *url)
{
    char host[ZC_URL_MAX + 1];
    size_t len;
    if (!url || s_host(url, host, &len))
        return ZC_SCOPE_OUT;
    if (self->mode == ZC_SCOPE_HOST && !zc_fpset_has(self->seeds, s_hash(host, len)))
        return ZC_SCOPE_OUT;
    if (self->mode == ZC_SCOPE_DOMAIN && !s_domain_in(self, host, len))
        return ZC_SCOPE_OUT;
    if (self->ninclude) {
        bool any = false;
        for (size_t i = 0; i < self->ninclude && !any; i++)
            any = regexec(&self->include[i], url, 0, NULL, 0) == 0;
        if (!any)
            return ZC_SCOPE_EXCLUDED;
    }
    for (size_t i = 0; i < self->nexclude; i++)
        if (regexec(&self->exclude[i], url, 0, NULL, 0) == 0)
            return ZC_SCOPE_EXCLUDED;
    return ZC_SCOPE_IN;
}

const char *zc_scope_verdict_name(zc_scope_verdict_t v)
{
    switch (v) {
    case ZC_SCOPE_IN: return "in";
    case ZC_SCOPE_OUT: return "scope";
    case ZC_SCOPE_EXCLUDED: return "excluded";
    }
    return "unknown";
}

size_t zc_scope_size(const zc_scope_t *self)
{
    return zc_fpset_size(self->seeds);
}

/* --- self-test --- */

static double s_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    const char *url;
    zc_scope_verdict_t want;
} s_case_t;

/* Checks every case once, then (for the rate) round-robin for at most max_checks checks or
   max_s seconds, asserting each verdict again. Returns checks per second. */
static double s_rate(const zc_scope_t *s, const s_case_t *cases, size_t n)
{
    const size_t max_checks = 2000000;
    const double max_s = 0.1;
    for (size_t i = 0; i < n; i++)
        assert(zc_scope_check(s, cases[i].url) == cases[i].want);
    size_t done = 0;
    double t0 = s_now(), t = t0;
    while (done < max_checks && t - t0 < max_s) {
        for (size_t k = 0; k < 4096; k++, done++) {
            const s_case_t *c = &cases[done % n];
            if (zc_scope_check(s, c->url) != c->want)
                assert(!"verdict changed between calls");
        }
        t = s_now();
    }
    return t > t0 ? (double)done / (t - t0) : 0.0;
}

int zc_scope_test(bool verbose)
{
    static char untouched[] = "untouched";
    char *err = untouched; /* zc_scope_new() must reset it */
    zc_scope_mode_t m = ZC_SCOPE_ANY;

    /* Mode names. */
    assert(zc_scope_mode_parse("host", &m) == ZC_OK && m == ZC_SCOPE_HOST);
    assert(zc_scope_mode_parse("domain", &m) == ZC_OK && m == ZC_SCOPE_DOMAIN);
    assert(zc_scope_mode_parse("any", &m) == ZC_OK && m == ZC_SCOPE_ANY);
    m = ZC_SCOPE_DOMAIN;
    assert(zc_scope_mode_parse("Host", &m) == ZC_EINVAL && m == ZC_SCOPE_DOMAIN);
    assert(zc_scope_mode_parse("", &m) == ZC_EINVAL);
    assert(zc_scope_mode_parse("hosts", &m) == ZC_EINVAL);
    assert(zc_scope_mode_parse(NULL, &m) == ZC_EINVAL && m == ZC_SCOPE_DOMAIN);
    assert(strcmp(zc_scope_verdict_name(ZC_SCOPE_IN), "in") == 0);
    assert(strcmp(zc_scope_verdict_name(ZC_SCOPE_OUT), "scope") == 0);
    assert(strcmp(zc_scope_verdict_name(ZC_SCOPE_EXCLUDED), "excluded") == 0);

    /* Host mode: the exact host, any port or scheme. */
    zc_scope_t *s = zc_scope_new(ZC_SCOPE_HOST, NULL, 0, NULL, 0, &err);
    assert(s && err == NULL);
    assert(zc_scope_check(s, "http://a.test/") == ZC_SCOPE_OUT); /* no seed yet */
    assert(zc_scope_add_seed(s, "http://a.test/") == ZC_OK);
    assert(zc_scope_add_seed(s, "https://a.test/again") == ZC_OK);
    assert(zc_scope_size(s) == 1);
    assert(zc_scope_add_seed(s, "not a url") == ZC_EINVAL);
    assert(zc_scope_add_seed(s, "http:///x") == ZC_EINVAL);
    assert(zc_scope_add_seed(s, NULL) == ZC_EINVAL);
    assert(zc_scope_size(s) == 1);
    assert(zc_scope_check(s, "http://a.test/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://a.test:8080/x") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "https://a.test/x?y") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://user:pw@a.test:81/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://A.Test/") == ZC_SCOPE_IN);  /* case-insensitive */
    assert(zc_scope_check(s, "http://a.test./") == ZC_SCOPE_IN); /* trailing dot */
    assert(zc_scope_check(s, "http://b.a.test/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://a.test.b/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://aa.test/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://test/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "garbage") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http:///") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, NULL) == ZC_SCOPE_OUT);
    assert(zc_scope_add_seed(s, "http://127.0.0.1:8000/") == ZC_OK);
    assert(zc_scope_add_seed(s, "http://[::1]:8000/") == ZC_OK);
    assert(zc_scope_check(s, "http://127.0.0.1/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://127.0.0.2/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://[::1]/x") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://[::2]:8000/x") == ZC_SCOPE_OUT);
    zc_scope_destroy(&s);
    assert(s == NULL);
    zc_scope_destroy(&s); /* NULL-safe */
    zc_scope_destroy(NULL);

    /* Domain mode: the registrable domain by the Public Suffix List. */
    s = zc_scope_new(ZC_SCOPE_DOMAIN, NULL, 0, NULL, 0, &err);
    assert(s && err == NULL);
    assert(zc_scope_add_seed(s, "http://www.example.co.uk/") == ZC_OK);
    assert(zc_scope_add_seed(s, "https://a.github.io/") == ZC_OK);
    assert(zc_scope_add_seed(s, "http://127.0.0.1:8080/") == ZC_OK);
    assert(zc_scope_add_seed(s, "http://[::1]/") == ZC_OK);
    assert(zc_scope_add_seed(s, "http://gov.uk/") == ZC_OK); /* a public suffix itself */
    assert(zc_scope_add_seed(s, "http://localhost:9000/") == ZC_OK);
    assert(zc_scope_size(s) == 6);
    assert(zc_scope_check(s, "http://shop.example.co.uk/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "https://example.co.uk:444/a") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://a.b.c.example.co.uk/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://WWW.EXAMPLE.CO.UK/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://other.co.uk/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://co.uk/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://example.com/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://example.co.uk.evil.test/") == ZC_SCOPE_OUT);
    /* github.io is a public suffix (private section of the list): its sites are separate. */
    assert(zc_scope_check(s, "https://a.github.io/x") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://www.a.github.io/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://b.github.io/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://github.io/") == ZC_SCOPE_OUT);
    /* The public suffix seed covers only itself, not the domains under it. */
    assert(zc_scope_check(s, "http://gov.uk/x") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://www.gov.uk/x") == ZC_SCOPE_OUT);
    /* IP addresses are their own domain: no "0.1" registrable domain for 127.0.0.1. */
    assert(zc_scope_check(s, "http://127.0.0.1/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://10.0.0.1/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://127.0.0.2/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://[::1]:81/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://[::2]/") == ZC_SCOPE_OUT);
    /* "localhost" is not listed: by the list's default rule "*" it is a public suffix, so it is
       its own domain and a.localhost is another one. */
    assert(zc_scope_check(s, "http://localhost/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://a.localhost/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://localhost.test/") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "nothing") == ZC_SCOPE_OUT);
    zc_scope_destroy(&s);
    assert(s == NULL);

    /* Any mode: every host, but a URL still needs one. */
    s = zc_scope_new(ZC_SCOPE_ANY, NULL, 0, NULL, 0, &err);
    assert(s && err == NULL);
    assert(zc_scope_check(s, "http://anything.example/") == ZC_SCOPE_IN);
    assert(zc_scope_add_seed(s, "http://a.test/") == ZC_OK);
    assert(zc_scope_add_seed(s, "bad") == ZC_EINVAL);
    assert(zc_scope_size(s) == 0);
    assert(zc_scope_check(s, "https://b.test:1/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://[::1]/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "no host") == ZC_SCOPE_OUT);
    zc_scope_destroy(&s);

    /* Include and exclude: unanchored ERE on the whole normalized URL; the host rule first. */
    const char *inc[] = {"/blog/", "\\?page=[0-9]+$"};
    const char *exc[] = {"\\.(jpg|png)$", "/blog/private"};
    s = zc_scope_new(ZC_SCOPE_HOST, inc, 2, exc, 2, &err);
    assert(s && err == NULL);
    assert(zc_scope_add_seed(s, "http://a.test/") == ZC_OK);
    assert(zc_scope_check(s, "http://a.test/blog/post-1") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://a.test/list?page=12") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://a.test/list?page=12&x") == ZC_SCOPE_EXCLUDED);
    assert(zc_scope_check(s, "http://a.test/about") == ZC_SCOPE_EXCLUDED);
    assert(zc_scope_check(s, "http://a.test/blog/cat.jpg") == ZC_SCOPE_EXCLUDED);
    assert(zc_scope_check(s, "http://a.test/blog/private/1") == ZC_SCOPE_EXCLUDED);
    assert(zc_scope_check(s, "http://b.test/blog/post-1") == ZC_SCOPE_OUT);
    assert(zc_scope_check(s, "http://b.test/blog/cat.jpg") == ZC_SCOPE_OUT);
    zc_scope_destroy(&s);
    /* Exclude only. */
    s = zc_scope_new(ZC_SCOPE_ANY, NULL, 0, exc, 1, &err);
    assert(s && err == NULL);
    assert(zc_scope_check(s, "http://b.test/x.png") == ZC_SCOPE_EXCLUDED);
    assert(zc_scope_check(s, "http://b.test/x.png?") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://b.test/blog/private") == ZC_SCOPE_IN);
    zc_scope_destroy(&s);
    /* Include only: a URL that matches none of them is excluded. */
    const char *inc_host[] = {"^https://"};
    s = zc_scope_new(ZC_SCOPE_ANY, inc_host, 1, NULL, 0, &err);
    assert(s && err == NULL);
    assert(zc_scope_check(s, "https://b.test/") == ZC_SCOPE_IN);
    assert(zc_scope_check(s, "http://b.test/https://") == ZC_SCOPE_EXCLUDED);
    zc_scope_destroy(&s);

    /* Bad patterns: NULL and a message naming the option, the pattern and regerror()'s text. */
    const char *bad[] = {"ok", "(unclosed"};
    err = NULL;
    s = zc_scope_new(ZC_SCOPE_HOST, bad, 2, NULL, 0, &err);
    assert(s == NULL && err);
    assert(strstr(err, "--include") && strstr(err, "\"(unclosed\""));
    regex_t probe;
    int rc = regcomp(&probe, "(unclosed", REG_EXTENDED | REG_NOSUB);
    assert(rc != 0);
    char why[ZC_SCOPE_REGERR_MAX];
    regerror(rc, &probe, why, sizeof why);
    assert(strstr(err, why));
    if (verbose)
        printf("  bad include: %s\n", err);
    free(err);
    err = NULL;
    const char *bad2[] = {"a{2,1}"};
    s = zc_scope_new(ZC_SCOPE_DOMAIN, inc, 2, bad2, 1, &err);
    assert(s == NULL && err && strstr(err, "--exclude") && strstr(err, "a{2,1}"));
    if (verbose)
        printf("  bad exclude: %s\n", err);
    free(err);
    /* err may be NULL when the caller does not want the message. */
    assert(zc_scope_new(ZC_SCOPE_HOST, bad, 2, NULL, 0, NULL) == NULL);
    err = NULL;
    assert(zc_scope_new((zc_scope_mode_t)7, NULL, 0, NULL, 0, &err) == NULL && err);
    free(err);

    /* Throughput on a mix of in-scope and foreign links (printed only; no timing asserts). */
    static const s_case_t host_cases[] = {
        {"http://a.test/blog/2024/01/some-post-title", ZC_SCOPE_IN},
        {"https://a.test:8443/tag/c?page=2", ZC_SCOPE_IN},
        {"https://cdn.example.net/assets/app.js", ZC_SCOPE_OUT},
        {"https://www.facebook.com/sharer.php?u=x", ZC_SCOPE_OUT},
        {"http://b.a.test/", ZC_SCOPE_OUT},
        {"http://a.test/about", ZC_SCOPE_IN},
        {"https://twitter.com/intent/tweet", ZC_SCOPE_OUT},
        {"http://a.test/", ZC_SCOPE_IN},
    };
    static const s_case_t dom_cases[] = {
        {"http://www.example.co.uk/blog/2024/01/some-post", ZC_SCOPE_IN},
        {"https://shop.example.co.uk/cart?item=3", ZC_SCOPE_IN},
        {"https://cdn.example.net/assets/app.js", ZC_SCOPE_OUT},
        {"https://www.facebook.com/sharer.php?u=x", ZC_SCOPE_OUT},
        {"http://other.co.uk/", ZC_SCOPE_OUT},
        {"http://example.co.uk/about", ZC_SCOPE_IN},
        {"https://b.github.io/", ZC_SCOPE_OUT},
        {"http://static.cdn.example.co.uk/x.css", ZC_SCOPE_IN},
    };
    static const s_case_t re_cases[] = {
        {"http://a.test/blog/2024/01/some-post-title", ZC_SCOPE_IN},
        {"https://a.test:8443/blog/img/c.png", ZC_SCOPE_EXCLUDED},
        {"https://cdn.example.net/assets/app.js", ZC_SCOPE_OUT},
        {"http://a.test/about", ZC_SCOPE_EXCLUDED},
        {"http://a.test/list?page=3", ZC_SCOPE_IN},
        {"https://twitter.com/intent/tweet", ZC_SCOPE_OUT},
    };
    double rate[4];
    s = zc_scope_new(ZC_SCOPE_HOST, NULL, 0, NULL, 0, NULL);
    assert(s && zc_scope_add_seed(s, "http://a.test/") == ZC_OK);
    rate[0] = s_rate(s, host_cases, ZC_ARRAY_LEN(host_cases));
    zc_scope_destroy(&s);
    s = zc_scope_new(ZC_SCOPE_DOMAIN, NULL, 0, NULL, 0, NULL);
    assert(s && zc_scope_add_seed(s, "https://www.example.co.uk/") == ZC_OK);
    assert(zc_scope_add_seed(s, "https://a.github.io/") == ZC_OK);
    rate[1] = s_rate(s, dom_cases, ZC_ARRAY_LEN(dom_cases));
    zc_scope_destroy(&s);
    s = zc_scope_new(ZC_SCOPE_ANY, NULL, 0, NULL, 0, NULL);
    assert(s);
    static const s_case_t any_cases[] = {
        {"http://a.test/blog/2024/01/some-post-title", ZC_SCOPE_IN},
        {"https://cdn.example.net/assets/app.js", ZC_SCOPE_IN},
    };
    rate[2] = s_rate(s, any_cases, ZC_ARRAY_LEN(any_cases));
    zc_scope_destroy(&s);
    s = zc_scope_new(ZC_SCOPE_HOST, inc, 2, exc, 2, NULL);
    assert(s && zc_scope_add_seed(s, "http://a.test/") == ZC_OK);
    rate[3] = s_rate(s, re_cases, ZC_ARRAY_LEN(re_cases));
    zc_scope_destroy(&s);
    if (verbose)
        printf("  checks/s: host %.0f, domain %.0f, any %.0f, host+2 include+2 exclude %.0f\n",
               rate[0], rate[1], rate[2], rate[3]);
    return 0;
}
