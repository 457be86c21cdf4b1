/*  fuzz_url — libFuzzer target for common/zc_url.

    Input: one selector byte, then the reference. The selector picks the base
    (none, one of a few fixed bases, or the reference's own first line, which
    is then parsed as the base and the rest resolved against it) and the size
    of the output buffer handed to zc_url_resolve_buf.

    Every URL the module accepts must hold these invariants, checked with a
    trap (libFuzzer then reports the input):
    1. zc_url_resolve (string base) and zc_url_base_parse + zc_url_resolve_buf
       (pre-parsed base) give the same result and the same error.
    2. The result is at most ZC_URL_MAX bytes, holds no NUL, no control
       character or space, no '#', and starts with http:// or https://.
    3. Normalization is idempotent: the result normalizes to itself, parses
       as a base whose href is itself, and resolves to itself against any
       base.
    4. zc_url_hostkey and zc_url_host work on every result; the host key is
       the URL's "scheme://" and its authority from the host on (user-info
       left out), and the host lies inside it.
    5. A smaller output buffer gives the same URL when it fits, ZC_ETOOBIG
       and "" when it does not.
*/
#include "fuzz_util.h"
#include "zc_url.h"
#include "zc_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const s_bases[] = {
    "http://example.com/dir/page.html?q=1",
    "https://user:pw@Sub.Example.org:8443/a/b/c/?x#frag",
    "http://127.0.0.1:8080/",
    "http://[2001:db8::1]/x/y/../z",
    "http://xn--bcher-kva.de/%7Efoo/bar%2fbaz",
    "https://h/",
};

#define S_NBASES (sizeof s_bases / sizeof s_bases[0])

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return fuzz_init(argc, argv);
}

/* Invariants 2-4 on one accepted URL of len bytes. */
static void s_check_result(const char *url, size_t len)
{
    FUZZ_CHECK(len <= ZC_URL_MAX && strlen(url) == len);
    FUZZ_CHECK(strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        FUZZ_CHECK(c > 0x20 && c != 0x7f && c != '#');
    }

    char *again = NULL;
    FUZZ_CHECK(zc_url_normalize(url, &again) == ZC_OK);
    FUZZ_CHECK(strcmp(again, url) == 0);
    free(again);

    zc_url_base_t b;
    FUZZ_CHECK(zc_url_base_parse(&b, url, len) == ZC_OK);
    FUZZ_CHECK(b.len == len && strcmp(b.href, url) == 0);
    FUZZ_CHECK(b.path < b.len && b.href[b.path] == '/');
    FUZZ_CHECK(b.dir >= b.path && b.dir < b.len && b.href[b.dir] == '/');
    FUZZ_CHECK(b.query >= b.dir && b.query <= b.len);
    FUZZ_CHECK(b.query == b.len || b.href[b.query] == '?');
    FUZZ_CHECK(b.https == (url[4] == 's'));

    /* An absolute URL resolves to itself whatever the base. */
    char out[ZC_URL_MAX + 1];
    size_t n = 0;
    FUZZ_CHECK(zc_url_resolve_buf(&b, url, len, out, sizeof out, &n) == ZC_OK);
    FUZZ_CHECK(n == len && strcmp(out, url) == 0);
    zc_url_base_t other;
    FUZZ_CHECK(zc_url_base_parse(&other, s_bases[0], strlen(s_bases[0])) == ZC_OK);
    FUZZ_CHECK(zc_url_resolve_buf(&other, url, len, out, sizeof out, &n) == ZC_OK);
    FUZZ_CHECK(n == len && strcmp(out, url) == 0);

    char key[ZC_URL_MAX + 1];
    FUZZ_CHECK(zc_url_hostkey(url, key, sizeof key) == ZC_OK);
    size_t klen = strlen(key);
    const char *sep = strstr(url, "://");
    FUZZ_CHECK(sep != NULL);
    size_t slen = (size_t)(sep + 3 - url);
    FUZZ_CHECK(klen > slen && klen <= len && strncmp(key, url, slen) == 0);
    const char *host = NULL;
    size_t hlen = 0;
    FUZZ_CHECK(zc_url_host(url, &host, &hlen) == ZC_OK);
    size_t rest = klen - slen; /* host[:port] */
    FUZZ_CHECK(host >= url + slen && hlen > 0 && hlen <= rest);
    FUZZ_CHECK(strncmp(key + slen, host, rest) == 0);
    FUZZ_CHECK(host[rest] == '/' || host[rest] == '?' || host[rest] == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const char *ref = (const char *)data + 1;
    size_t reflen = size - 1;

    /* The base: none, a fixed one, or the input's first line. */
    char *base = NULL;
    unsigned pick = sel % (S_NBASES + 2);
    if (pick < S_NBASES) {
        base = zc_strdup(s_bases[pick]);
    } else if (pick == S_NBASES + 1) {
        const char *nl = memchr(ref, '\n', reflen);
        if (nl) {
            base = zc_strndup(ref, (size_t)(nl - ref));
            reflen -= (size_t)(nl - ref) + 1;
            ref = nl + 1;
        }
    }

    /* A base with a NUL inside is cut there by zc_url_resolve (a C string);
       the pre-parsed base gets the same bytes. */
    zc_url_base_t b;
    const zc_url_base_t *bp = NULL;
    int brc = ZC_EINVAL;
    if (base) {
        brc = zc_url_base_parse(&b, base, strlen(base));
        if (brc == ZC_OK) {
            bp = &b;
            s_check_result(b.href, b.len);
            char *norm = NULL;
            FUZZ_CHECK(zc_url_normalize(base, &norm) == ZC_OK && strcmp(norm, b.href) == 0);
            free(norm);
        } else {
            FUZZ_CHECK(b.href[0] == '\0');
        }
    }

    /* The string API. */
    char *viastr = NULL;
    int src = zc_url_resolve(base, ref, reflen, &viastr);
    FUZZ_CHECK((src == ZC_OK) == (viastr != NULL));
    FUZZ_CHECK(src == ZC_OK || src == ZC_EINVAL || src == ZC_ETOOBIG);

    /* The pre-parsed API. zc_url_resolve ignores the base for a reference
       that starts with http:// or https://; with a valid base that must make
       no difference. */
    char out[ZC_URL_MAX + 1];
    size_t n = 0;
    int rc = zc_url_resolve_buf(bp, ref, reflen, out, sizeof out, &n);
    FUZZ_CHECK(rc == src);
    if (rc == ZC_OK) {
        FUZZ_CHECK(strcmp(out, viastr) == 0 && n == strlen(viastr));
        s_check_result(out, n);
    } else {
        FUZZ_CHECK(out[0] == '\0');
    }

    /* A smaller buffer: the same URL when it fits, ZC_ETOOBIG otherwise. */
    size_t small = 1 + (size_t)(sel * 7) % (ZC_URL_MAX / 4);
    char *sbuf = zc_malloc(small);
    size_t sn = 0;
    int rc2 = zc_url_resolve_buf(bp, ref, reflen, sbuf, small, &sn);
    if (rc == ZC_OK && n < small) {
        FUZZ_CHECK(rc2 == ZC_OK && sn == n && strcmp(sbuf, out) == 0);
    } else if (rc == ZC_OK) {
        FUZZ_CHECK(rc2 == ZC_ETOOBIG && sbuf[0] == '\0');
    } else {
        FUZZ_CHECK(rc2 == rc && sbuf[0] == '\0');
    }
    free(sbuf);

    /* Plain normalization of the whole reference as a C string. */
    char *cstr = zc_strndup(ref, reflen);
    char *norm = NULL;
    if (zc_url_normalize(cstr, &norm) == ZC_OK) {
        s_check_result(norm, strlen(norm));
        free(norm);
    }
    free(cstr);

    free(viastr);
    free(base);
    return 0;
}
