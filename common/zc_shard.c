/*  zc_shard — see zc_shard.h. */
#include "zc_shard.h"

#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t zc_shard_jump(uint64_t key, uint32_t n)
{
    int64_t b = -1, j = 0;
    while (j < (int64_t)n) {
        b = j;
        key = key * 2862933555777941757ULL + 1;
        j = (int64_t)((double)(b + 1) * ((double)(1LL << 31) / (double)((key >> 33) + 1)));
    }
    return (uint32_t)b;
}

uint32_t zc_shard_of_hostkey(const char *key, size_t len, uint32_t n)
{
    if (n <= 1)
        return 0;
    return zc_shard_jump(zc_hash64(key, len, ZC_SHARD_SEED), n);
}

uint32_t zc_shard_of_url(const char *url, uint32_t n)
{
    if (n <= 1)
        return 0;
    char key[ZC_URL_MAX + 1];
    if (zc_url_hostkey(url, key, sizeof key) != ZC_OK)
        return 0;
    return zc_shard_of_hostkey(key, strlen(key), n);
}

int zc_shard_parse(const char *s, uint32_t *k, uint32_t *n)
{
    if (!s)
        return ZC_EINVAL;
    const char *slash = strchr(s, '/');
    if (!slash || slash == s || slash[1] == '\0')
        return ZC_EINVAL;
    char kbuf[16];
    size_t kl = (size_t)(slash - s);
    if (kl >= sizeof kbuf)
        return ZC_EINVAL;
    memcpy(kbuf, s, kl);
    kbuf[kl] = '\0';
    int64_t kv, nv;
    if (zc_parse_i64(kbuf, 0, ZC_SHARD_MAX - 1, &kv) || zc_parse_i64(slash + 1, 1, ZC_SHARD_MAX, &nv) ||
        kv >= nv)
        return ZC_EINVAL;
    *k = (uint32_t)kv;
    *n = (uint32_t)nv;
    return ZC_OK;
}

/* --- self-test ------------------------------------------------------------ */

int zc_shard_test(bool verbose)
{
    uint32_t k, n;
    assert(zc_shard_parse("0/1", &k, &n) == 0 && k == 0 && n == 1);
    assert(zc_shard_parse("2/3", &k, &n) == 0 && k == 2 && n == 3);
    assert(zc_shard_parse("3/3", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse("1/0", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse("-1/3", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse("1", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse("/3", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse("1/", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse("1/3x", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse("0/1025", &k, &n) == ZC_EINVAL);
    assert(zc_shard_parse(NULL, &k, &n) == ZC_EINVAL);

    /* Jump hash: one bucket, in range, and balanced. */
    enum { S_KEYS = 100000 };
    uint32_t counts[7] = {0};
    for (uint64_t i = 0; i < S_KEYS; i++) {
        assert(zc_shard_jump(i * 7919, 1) == 0);
        uint32_t b = zc_shard_jump(zc_hash64(&i, sizeof i, 1), 7);
        assert(b < 7);
        counts[b]++;
    }
    for (int b = 0; b < 7; b++) {
        if (verbose)
            fprintf(stderr, "bucket %d: %u\n", b, counts[b]);
        assert(counts[b] > S_KEYS / 7 * 9 / 10 && counts[b] < S_KEYS / 7 * 11 / 10);
    }
    /* N -> N+1 moves about 1/(N+1) of the hosts, and only to the new shard. */
    uint32_t moved = 0;
    for (int i = 0; i < S_KEYS; i++) {
        char key[64];
        int len = snprintf(key, sizeof key, "http://host%d.test", i);
        uint32_t a = zc_shard_of_hostkey(key, (size_t)len, 4);
        uint32_t b = zc_shard_of_hostkey(key, (size_t)len, 5);
        if (a != b) {
            assert(b == 4);
            moved++;
        }
    }
    if (verbose)
        fprintf(stderr, "moved 4->5: %u of %d\n", moved, S_KEYS);
    assert(moved > S_KEYS / 5 * 9 / 10 && moved < S_KEYS / 5 * 11 / 10);

    /* URLs: the shard of the host key, whatever the path; n = 1 is shard 0. */
    assert(zc_shard_of_url("http://a.test/x", 1) == 0);
    for (uint32_t m = 2; m < 9; m++) {
        uint32_t s = zc_shard_of_url("http://a.test/x", m);
        assert(s < m);
        assert(zc_shard_of_url("http://a.test/y?q=1", m) == s);
        assert(zc_shard_of_url("http://a.test", m) == s);
        assert(zc_shard_of_hostkey("http://a.test", 13, m) == s);
    }
    /* The port is part of the key; the hashes are fixed (every process of a
       crawl, on every machine, must agree). */
    assert(zc_shard_of_url("not a url", 3) == 0);
    uint32_t seen[3] = {0};
    for (int p = 1; p <= 60; p++) {
        char url[64];
        snprintf(url, sizeof url, "http://127.0.1.%d:8080/", p);
        seen[zc_shard_of_url(url, 3)]++;
    }
    assert(seen[0] && seen[1] && seen[2]);
    return 0;
}
