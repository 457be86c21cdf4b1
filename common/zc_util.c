/*  zc_util — see zc_util.h. */
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *zc_strerror(int err)
{
    switch (err) {
    case ZC_OK: return "ok";
    case ZC_EINVAL: return "invalid argument";
    case ZC_ENOMEM: return "out of memory";
    case ZC_EIO: return "i/o error";
    case ZC_EPROTO: return "malformed message";
    case ZC_ETOOBIG: return "limit exceeded";
    case ZC_EAGAIN: return "try again";
    case ZC_ENOTFOUND: return "not found";
    case ZC_EVERSION: return "unsupported format version";
    case ZC_ESCOPE: return "out of scope";
    default: return "unknown error";
    }
}

static void s_oom(size_t n)
{
    fprintf(stderr, "zcrawl: out of memory allocating %zu bytes\n", n);
    abort();
}

void *zc_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        s_oom(n);
    return p;
}

void *zc_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        s_oom(n * size);
    return p;
}

void *zc_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        s_oom(n);
    return q;
}

char *zc_strdup(const char *s)
{
    return zc_strndup(s, strlen(s));
}

char *zc_strndup(const char *s, size_t n)
{
    char *p = zc_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int64_t zc_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t zc_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *zc_rfc3339_ms(int64_t epoch_ms, char *buf, size_t size)
{
    time_t secs = (time_t)(epoch_ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    if (snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                 (int)(epoch_ms % 1000)) < 0 && size)
        buf[0] = '\0';
    return buf;
}

/* A 64-bit multiply-xorshift hash over 8-byte words: quick on short URLs and
   strong enough that 64-bit fingerprints of distinct URLs collide with
   probability ~n^2/2^65. */
static inline uint64_t s_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

uint64_t zc_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (len + 1));
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = s_mix(h ^ w) + 0x9e3779b97f4a7c15ULL;
        p += 8;
        len -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, p, len);
    h = s_mix(h ^ w ^ ((uint64_t)len << 56));
    return h;
}

int zc_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
    if (!s || !*s)
        return ZC_EINVAL;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end != '\0' || v < min || v > max)
        return ZC_EINVAL;
    *out = v;
    return ZC_OK;
}

int zc_read_file(const char *path, size_t max, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return ZC_EIO;
    size_t cap = 65536, n = 0;
    char *buf = zc_malloc(cap + 1);
    int rc = ZC_OK;
    for (;;) {
        if (n == cap) {
            if (cap >= max) {
                rc = ZC_ETOOBIG;
                break;
            }
            cap = cap * 2 > max ? max : cap * 2;
            buf = zc_realloc(buf, cap + 1);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                rc = ZC_EIO;
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return ZC_OK;
}

int zc_util_test(bool verbose)
{
    ZC_UNUSED(verbose);
    char buf[32];
    assert(strcmp(zc_rfc3339_ms(1700000000123LL, buf, sizeof buf),
                  "2023-11-14T22:13:20.123Z") == 0);
    assert(zc_hash64("abc", 3, 0) == zc_hash64("abc", 3, 0));
    assert(zc_hash64("abc", 3, 0) != zc_hash64("abd", 3, 0));
    assert(zc_hash64("abcdefgh1", 9, 0) != zc_hash64("abcdefgh2", 9, 0));
    assert(zc_hash64("", 0, 0) != zc_hash64("", 0, 1));
    int64_t v;
    assert(zc_parse_i64("42", 0, 100, &v) == 0 && v == 42);
    assert(zc_parse_i64("101", 0, 100, &v) == ZC_EINVAL);
    assert(zc_parse_i64("4x", 0, 100, &v) == ZC_EINVAL);
    assert(zc_parse_i64("", 0, 100, &v) == ZC_EINVAL);
    assert(strcmp(zc_strerror(ZC_EPROTO), "malformed message") == 0);
    char *d = zc_strndup("hello", 3);
    assert(strcmp(d, "hel") == 0);
    free(d);
    return 0;
}
