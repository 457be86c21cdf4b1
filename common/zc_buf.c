/*  zc_buf — see zc_buf.h. */
#include "zc_buf.h"

#include "zc_util.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void zc_buf_init(zc_buf_t *b, size_t max)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

void zc_buf_free(zc_buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void zc_buf_reset(zc_buf_t *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static int s_reserve(zc_buf_t *b, size_t extra)
{
    if (extra > b->max - b->len)
        return ZC_ETOOBIG;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return ZC_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    b->data = zc_realloc(b->data, cap);
    b->cap = cap;
    return ZC_OK;
}

int zc_buf_add(zc_buf_t *b, const void *data, size_t len)
{
    int rc = s_reserve(b, len);
    if (rc)
        return rc;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return ZC_OK;
}

int zc_buf_adds(zc_buf_t *b, const char *s)
{
    return zc_buf_add(b, s, strlen(s));
}

int zc_buf_addc(zc_buf_t *b, char c)
{
    return zc_buf_add(b, &c, 1);
}

int zc_buf_printf(zc_buf_t *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ZC_EINVAL;
    if ((size_t)n < sizeof small)
        return zc_buf_add(b, small, (size_t)n);
    int rc = s_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return ZC_OK;
}

size_t zc_utf8_seq(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    /* Overlong forms, surrogates and code points past U+10FFFF are invalid. */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

int zc_buf_json_str(zc_buf_t *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t start = b->len;
    int rc = zc_buf_addc(b, '"');
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (!rc && p < end) {
        /* Copy the longest run that needs no escaping in one go. */
        const unsigned char *q = p;
        while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
            q++;
        if (q > p) {
            rc = zc_buf_add(b, p, (size_t)(q - p));
            p = q;
            continue;
        }
        unsigned char c = *p;
        if (c >= 0x80) {
            size_t n = zc_utf8_seq(p, (size_t)(end - p));
            if (n) {
                rc = zc_buf_add(b, p, n);
                p += n;
            } else {
                rc = zc_buf_add(b, "\xef\xbf\xbd", 3);
                p++;
            }
            continue;
        }
        char esc[7];
        switch (c) {
        case '"': rc = zc_buf_add(b, "\\\"", 2); break;
        case '\\': rc = zc_buf_add(b, "\\\\", 2); break;
        case '\n': rc = zc_buf_add(b, "\\n", 2); break;
        case '\r': rc = zc_buf_add(b, "\\r", 2); break;
        case '\t': rc = zc_buf_add(b, "\\t", 2); break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            rc = zc_buf_add(b, esc, 6);
        }
        p++;
    }
    if (!rc)
        rc = zc_buf_addc(b, '"');
    if (rc) {
        b->len = start;
        if (b->data)
            b->data[start] = '\0';
    }
    return rc;
}

int zc_buf_json_strz(zc_buf_t *b, const char *s)
{
    return s ? zc_buf_json_str(b, s, strlen(s)) : zc_buf_adds(b, "null");
}

int zc_buf_test(bool verbose)
{
    ZC_UNUSED(verbose);
    zc_buf_t b;
    zc_buf_init(&b, 64);
    assert(zc_buf_adds(&b, "ab") == 0 && b.len == 2 && strcmp(b.data, "ab") == 0);
    assert(zc_buf_printf(&b, "%d", 12) == 0 && strcmp(b.data, "ab12") == 0);
    zc_buf_reset(&b);
    assert(zc_buf_json_str(&b, "a\"b\\c\n\x01", 7) == 0);
    assert(strcmp(b.data, "\"a\\\"b\\\\c\\n\\u0001\"") == 0);
    zc_buf_reset(&b);
    /* Valid UTF-8 kept, invalid bytes replaced. */
    assert(zc_buf_json_str(&b, "\xc3\xa9\xff", 3) == 0);
    assert(strcmp(b.data, "\"\xc3\xa9\xef\xbf\xbd\"") == 0);
    zc_buf_reset(&b);
    assert(zc_buf_json_strz(&b, NULL) == 0 && strcmp(b.data, "null") == 0);
    /* The limit holds and a failed append changes nothing. */
    zc_buf_reset(&b);
    char big[100];
    memset(big, 'x', sizeof big);
    assert(zc_buf_add(&b, big, sizeof big) == ZC_ETOOBIG && b.len == 0);
    assert(zc_buf_add(&b, big, 60) == 0);
    assert(zc_buf_json_str(&b, "abc", 3) == ZC_ETOOBIG && b.len == 60);
    assert(zc_utf8_seq((const unsigned char *)"\xed\xa0\x80", 3) == 0); /* surrogate */
    assert(zc_utf8_seq((const unsigned char *)"\xe0\x80\x80", 3) == 0); /* overlong */
    assert(zc_utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 4) == 4);
    zc_buf_free(&b);
    return 0;
}
