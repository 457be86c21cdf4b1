/*  zc_url — see zc_url.h.

    How it works. The WHATWG basic URL parser is a state machine that walks
    the input one code point at a time and fills a URL record (scheme,
    userinfo, host, port, path list, query, fragment) that a serializer then
    prints. Restricted to special schemes (http, https) the machine
    collapses into a few straight-line steps, and the record's serialization
    can be written directly into the output buffer as we go:

      trim C0 controls and spaces, drop tabs and newlines
      scheme?   "http:"/"https:" with no base of the same scheme
                  -> skip any '/' and '\', authority
                another scheme -> refused (ZC_EINVAL)
                none, or the base's scheme -> relative to the base:
      relative  "//x" (either slash) -> base scheme, authority
                "/x"  -> base scheme://authority, path
                "?q"  -> base up to its query, query
                "" "#f" -> the base itself
                "x"   -> base up to the last '/' of its path, path
      authority up to the first '/', '\', '?', '#': userinfo before the
                last '@', host, ':' port
      path      segments split on '/' and '\'; "." and ".." (also spelt
                with %2e) applied to the output so far; ends at '?' or '#'
      query     up to '#'; the fragment is dropped

    The path "list" is the output text from the path's first '/': shortening
    it cuts back to the previous '/'. zcrawl's escape normalization is done
    in the same pass as the standard's percent-encoding (s_pct), which is
    equivalent to normalizing the standard's serialization: a dot segment is
    exactly a segment that decodes to "." or "..", and decoding never makes
    one. One rule keeps the normalization idempotent: an escape that would
    decode to a hex digit right after a bare '%' (one not starting an
    escape) or after '%' and one hex digit stays an escape, since decoding
    it would create a new escape ("%%32e" stays, it does not become
    "%2e").

    Hosts: "[...]" is IPv6 (parsed and printed compressed per the
    standard); otherwise the host is percent-decoded, checked against the
    forbidden domain code points and lower-cased; non-ASCII hosts and hosts
    with an "xn--" label go through libidn2 (non-transitional UTS #46, then
    transitional as a fallback); a host whose last label is a number is an
    IPv4 address in any of its legacy forms (0x.., octal, fewer than four
    parts) and is printed in dotted decimal.

    Every write checks the output's limit, so no input can overrun it. The
    output may be longer while it is built than at the end (a ".." not yet
    applied), so a parse that runs out of room is redone once in a large
    scratch buffer (s_resolve): only the final length counts.
*/
#include "zc_url.h"

#include "zc_util.h"

#include <assert.h>
#include <idn2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest reference we look at (after trimming): longer ones could only
   produce a URL past ZC_URL_MAX unless they are mostly dot segments. */
#define S_IN_MAX (4 * ZC_URL_MAX)
/* Room for what a host can grow by while it is built (an IPv4 address or
   an IDN host written out in full) beyond three bytes per input byte. */
#define S_HOST_SLACK 1024
#define S_PORT_MAX 65535

/* Character classes (bit flags), from the WHATWG URL Standard:
   C_PATH  path percent-encode set: C0 controls, space " # < > ? ^ ` { }, and
           everything above '~' (DEL and non-ASCII bytes)
   C_QUERY special-query percent-encode set: C0, space " # < > ', above '~'
   C_USER  userinfo percent-encode set: the path set and / : ; = @ [ \ ] |
   C_UNRES RFC 3986 unreserved: ALPHA DIGIT - . _ ~
   C_HEX   hex digit
   C_STOP  ends a path segment in a special URL: / \ ? #
   C_FORB  forbidden domain code point (ASCII part): C0, space # % / : < > ?
           @ [ \ ] ^ | DEL
   C_PCT   '%'
   zc_url_test() checks this table against those definitions. */
enum {
    C_PATH = 0x01,
    C_QUERY = 0x02,
    C_USER = 0x04,
    C_UNRES = 0x08,
    C_HEX = 0x10,
    C_STOP = 0x20,
    C_FORB = 0x40,
    C_PCT = 0x80,
};

static const uint8_t s_cls[256] = {
    0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47,
    0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47, 0x47,
    0x47, 0x00, 0x07, 0x67, 0x00, 0xc0, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x08, 0x64,
    0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x44, 0x04, 0x47, 0x04, 0x47, 0x65,
    0x44, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
    0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x44, 0x64, 0x44, 0x45, 0x08,
    0x05, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08,
    0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x05, 0x44, 0x05, 0x08, 0x47,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
    0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07,
};

static const char s_hexdig[] = "0123456789ABCDEF";

/* The output being built: b has room for cap bytes plus a NUL. */
typedef struct {
    char *b;
    size_t n;
    size_t cap;
} s_out_t;

/* One parse: the input (trimmed, without tabs and newlines), the position,
   and what the caller of s_parse wants to know about the result. */
typedef struct {
    const unsigned char *in;
    size_t len;
    size_t p;
    s_out_t o;
    bool https;
    size_t path;  /* output offset of the path's first '/' */
    size_t query; /* output offset of '?', or SIZE_MAX */
} s_parser_t;

#define S_NEED(o, k)                                                                               \
    do {                                                                                           \
        if ((o)->n + (k) > (o)->cap)                                                               \
            return ZC_ETOOBIG;                                                                     \
    } while (0)

static inline bool s_is(unsigned char c, uint8_t cls)
{
    return (s_cls[c] & cls) != 0;
}

/* Value of a hex digit (the caller has checked C_HEX). */
static inline unsigned s_hexval(unsigned char c)
{
    return (c & 0xfu) + (c >> 6) * 9u;
}

static inline bool s_slash(unsigned char c)
{
    return c == '/' || c == '\\';
}

static int s_add(s_out_t *o, const char *s, size_t n)
{
    S_NEED(o, n);
    memcpy(o->b + o->n, s, n);
    o->n += n;
    return ZC_OK;
}

static int s_enc(s_out_t *o, unsigned char c)
{
    S_NEED(o, 3);
    o->b[o->n++] = '%';
    o->b[o->n++] = s_hexdig[c >> 4];
    o->b[o->n++] = s_hexdig[c & 15];
    return ZC_OK;
}

/* True when the output ends in a bare '%' or in '%' and one hex digit, so
   that writing a hex digit now would create an escape that was not there. */
static bool s_pct_tail(const s_out_t *o)
{
    return (o->n >= 1 && o->b[o->n - 1] == '%') ||
           (o->n >= 2 && o->b[o->n - 2] == '%' && s_is((unsigned char)o->b[o->n - 1], C_HEX));
}

/* At in[*pp] == '%' in a path or query: an escape of an unreserved
   character is decoded, any other escape is written upper case, and a '%'
   that starts no escape is kept as it is. */
static int s_pct(s_out_t *o, const unsigned char *in, size_t len, size_t *pp)
{
    size_t p = *pp;
    if (p + 2 < len && s_is(in[p + 1], C_HEX) && s_is(in[p + 2], C_HEX)) {
        unsigned char v = (unsigned char)(s_hexval(in[p + 1]) * 16 + s_hexval(in[p + 2]));
        if (s_is(v, C_UNRES) && !(s_is(v, C_HEX) && s_pct_tail(o))) {
            S_NEED(o, 1);
            o->b[o->n++] = (char)v;
        } else {
            int rc = s_enc(o, v);
            if (rc)
                return rc;
        }
        *pp = p + 3;
        return ZC_OK;
    }
    S_NEED(o, 1);
    o->b[o->n++] = '%';
    *pp = p + 1;
    return ZC_OK;
}

/* Scheme state. Returns 0 when the input has no scheme (ps->p unchanged),
   1 for http, 2 for https (ps->p after the ':'), -1 for another scheme. */
static int s_scheme(s_parser_t *ps)
{
    const unsigned char *in = ps->in;
    size_t len = ps->len;
    if (!len || !((in[0] | 0x20) >= 'a' && (in[0] | 0x20) <= 'z'))
        return 0;
    size_t i = 1; /* ALPHA DIGIT + - . */
    while (i < len && ((s_is(in[i], C_UNRES) && in[i] != '_' && in[i] != '~') || in[i] == '+'))
        i++;
    if (i >= len || in[i] != ':')
        return 0;
    ps->p = i + 1;
    if ((i == 4 || i == 5) && (in[0] | 0x20) == 'h' && (in[1] | 0x20) == 't' &&
        (in[2] | 0x20) == 't' && (in[3] | 0x20) == 'p')
        return i == 4 ? 1 : (in[4] | 0x20) == 's' ? 2 : -1;
    return -1;
}

/* IPv4 number parser: decimal, 0x hex or 0 octal; *v saturates past 2^33
   (every such value fails later anyway). */
static int s_ipv4_number(const char *s, size_t n, uint64_t *v)
{
    if (!n)
        return ZC_EINVAL;
    unsigned radix = 10;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        n -= 2;
        radix = 16;
    } else if (n >= 2 && s[0] == '0') {
        s++;
        n--;
        radix = 8;
    }
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (radix == 16 && s_is(c, C_HEX))
            d = s_hexval(c);
        else
            return ZC_EINVAL;
        if (d >= radix)
            return ZC_EINVAL;
        x = x * radix + d;
        if (x > (1ull << 33))
            x = 1ull << 33;
    }
    *v = x;
    return ZC_OK;
}

/* The standard's "ends in a number" checker. */
static bool s_ends_in_number(const char *s, size_t n)
{
    if (n && s[n - 1] == '.')
        n--;
    size_t i = n;
    while (i && s[i - 1] != '.')
        i--;
    const char *last = s + i;
    size_t ln = n - i;
    if (!ln)
        return false;
    size_t d = 0;
    while (d < ln && last[d] >= '0' && last[d] <= '9')
        d++;
    if (d == ln)
        return true;
    uint64_t v;
    return s_ipv4_number(last, ln, &v) == ZC_OK;
}

/* True for an IPv4 address already in dotted decimal (four numbers 0-255,
   no leading zeros), the common case that needs no rewriting. */
static bool s_ipv4_canonical(const char *s, size_t n)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
        size_t d = i;
        unsigned v = 0;
        while (i < n && i - d < 4 && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (unsigned)(s[i++] - '0');
        if (i == d || i - d > 3 || v > 255 || (s[d] == '0' && i - d > 1))
            return false;
    }
    return i == n;
}

/* The standard's IPv4 parser on a host that ends in a number. */
static int s_ipv4_parse(const char *s, size_t n, uint32_t *addr)
{
    uint64_t num[4];
    size_t count = 0, i = 0;
    if (n && s[n - 1] == '.')
        n--; /* one trailing empty part is allowed (a validation error only) */
    for (;;) {
        size_t e = i;
        while (e < n && s[e] != '.')
            e++;
        if (count == 4 || s_ipv4_number(s + i, e - i, &num[count]))
            return ZC_EINVAL;
        count++;
        if (e >= n)
            break;
        i = e + 1;
    }
    for (size_t k = 0; k + 1 < count; k++)
        if (num[k] > 255)
            return ZC_EINVAL;
    if (num[count - 1] >= (1ull << (8 * (5 - count))))
        return ZC_EINVAL;
    uint64_t v = num[count - 1];
    for (size_t k = 0; k + 1 < count; k++)
        v += num[k] << (8 * (3 - k));
    *addr = (uint32_t)v;
    return ZC_OK;
}

/* Writes v in decimal at t; returns the number of digits. */
static size_t s_utoa(char *t, unsigned v)
{
    if (v < 10) {
        t[0] = (char)('0' + v);
        return 1;
    }
    if (v < 100) {
        t[0] = (char)('0' + v / 10);
        t[1] = (char)('0' + v % 10);
        return 2;
    }
    char r[10];
    size_t n = 0;
    do {
        r[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        t[i] = r[n - 1 - i];
    return n;
}

static int s_ipv4_write(s_out_t *o, uint32_t v)
{
    char t[16];
    size_t k = 0;
    for (int shift = 24; shift >= 0; shift -= 8) {
        k += s_utoa(t + k, (v >> shift) & 255);
        t[k++] = '.';
    }
    return s_add(o, t, k - 1);
}

/* The standard's IPv6 parser, on the text between the brackets. */
static int s_ipv6_parse(const unsigned char *s, size_t n, uint16_t a[8])
{
    memset(a, 0, 8 * sizeof a[0]);
    int piece = 0, compress = -1;
    size_t p = 0;
    if (p < n && s[p] == ':') {
        if (p + 1 >= n || s[p + 1] != ':')
            return ZC_EINVAL;
        p += 2;
        compress = ++piece;
    }
    while (p < n) {
        if (piece == 8)
            return ZC_EINVAL;
        if (s[p] == ':') {
            if (compress != -1)
                return ZC_EINVAL;
            p++;
            compress = ++piece;
            continue;
        }
        unsigned value = 0, length = 0;
        while (length < 4 && p < n && s_is(s[p], C_HEX)) {
            value = value * 16 + s_hexval(s[p]);
            p++;
            length++;
        }
        if (p < n && s[p] == '.') {
            if (length == 0 || piece > 6)
                return ZC_EINVAL;
            p -= length;
            int seen = 0;
            while (p < n) {
                int v4 = -1;
                if (seen > 0) {
                    if (s[p] == '.' && seen < 4)
                        p++;
                    else
                        return ZC_EINVAL;
                }
                if (p >= n || s[p] < '0' || s[p] > '9')
                    return ZC_EINVAL;
                while (p < n && s[p] >= '0' && s[p] <= '9') {
                    int d = s[p] - '0';
                    if (v4 == -1)
                        v4 = d;
                    else if (v4 == 0)
                        return ZC_EINVAL;
                    else
                        v4 = v4 * 10 + d;
                    if (v4 > 255)
                        return ZC_EINVAL;
                    p++;
                }
                a[piece] = (uint16_t)(a[piece] * 0x100 + v4);
                seen++;
                if (seen == 2 || seen == 4)
                    piece++;
            }
            if (seen != 4)
                return ZC_EINVAL;
            break;
        } else if (p < n && s[p] == ':') {
            p++;
            if (p >= n)
                return ZC_EINVAL;
        } else if (p < n) {
            return ZC_EINVAL;
        }
        a[piece++] = (uint16_t)value;
    }
    if (compress != -1) {
        int swaps = piece - compress;
        piece = 7;
        while (piece != 0 && swaps > 0) {
            uint16_t t = a[piece];
            a[piece] = a[compress + swaps - 1];
            a[compress + swaps - 1] = t;
            piece--;
            swaps--;
        }
    } else if (piece != 8) {
        return ZC_EINVAL;
    }
    return ZC_OK;
}

/* The standard's IPv6 serializer: the first longest run of two or more
   zero pieces becomes "::", hex digits lower case without leading zeros. */
static int s_ipv6_write(s_out_t *o, const uint16_t a[8])
{
    int best = -1, bestlen = 1;
    for (int i = 0; i < 8;) {
        if (a[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < 8 && a[j] == 0)
            j++;
        if (j - i > bestlen) {
            best = i;
            bestlen = j - i;
        }
        i = j;
    }
    char t[48];
    size_t k = 0;
    t[k++] = '[';
    for (int i = 0; i < 8;) {
        if (i == best) {
            if (i == 0)
                t[k++] = ':';
            t[k++] = ':';
            i += bestlen;
            continue;
        }
        k += (size_t)snprintf(t + k, sizeof t - k, "%x", a[i]);
        if (i != 7)
            t[k++] = ':';
        i++;
    }
    t[k++] = ']';
    return s_add(o, t, k);
}

/* Punycode (RFC 3492) parameters. */
enum {
    S_PUNY_BASE = 36,
    S_PUNY_TMIN = 1,
    S_PUNY_TMAX = 26,
    S_PUNY_SKEW = 38,
    S_PUNY_DAMP = 700,
    S_PUNY_BIAS = 72,
    S_PUNY_N = 128,
};

static uint32_t s_puny_adapt(uint32_t delta, uint32_t points, bool first)
{
    delta = first ? delta / S_PUNY_DAMP : delta / 2;
    delta += delta / points;
    uint32_t k = 0;
    while (delta > ((S_PUNY_BASE - S_PUNY_TMIN) * S_PUNY_TMAX) / 2) {
        delta /= S_PUNY_BASE - S_PUNY_TMIN;
        k += S_PUNY_BASE;
    }
    return k + (S_PUNY_BASE - S_PUNY_TMIN + 1) * delta / (delta + S_PUNY_SKEW);
}

/* True when p[0..len) (the part of an A-label after "xn--") is Punycode that
   decodes to code points a host can hold: no C1 controls, surrogates or
   values past U+10FFFF among the encoded ones. The label itself is kept as
   written: the URL Standard takes a valid A-label as it is. */
static bool s_puny_ok(const char *p, size_t len)
{
    size_t basic = 0;
    for (size_t j = 0; j < len; j++)
        if (p[j] == '-')
            basic = j;
    uint64_t i = 0;
    uint32_t n = S_PUNY_N, bias = S_PUNY_BIAS, out = (uint32_t)basic;
    for (size_t in = basic ? basic + 1 : 0; in < len;) {
        uint64_t oldi = i, w = 1;
        for (uint32_t k = S_PUNY_BASE;; k += S_PUNY_BASE) {
            if (in >= len)
                return false;
            unsigned char c = (unsigned char)p[in++];
            uint32_t digit = c >= 'a' && c <= 'z'   ? (uint32_t)(c - 'a')
                             : c >= '0' && c <= '9' ? (uint32_t)(c - '0' + 26)
                                                    : S_PUNY_BASE;
            if (digit >= S_PUNY_BASE)
                return false;
            i += digit * w;
            if (i > UINT32_MAX)
                return false;
            uint32_t t = k <= bias ? S_PUNY_TMIN : k >= bias + S_PUNY_TMAX ? S_PUNY_TMAX : k - bias;
            if (digit < t)
                break;
            w *= S_PUNY_BASE - t;
            if (w > UINT32_MAX)
                return false;
        }
        out++;
        bias = s_puny_adapt((uint32_t)(i - oldi), out, oldi == 0);
        if (i / out > 0x10FFFF - n)
            return false;
        n += (uint32_t)(i / out);
        i %= out;
        if (n < 0xa0 || (n >= 0xd800 && n <= 0xdfff))
            return false;
        i++;
    }
    return true;
}

/* Checks every "xn--" label of an ASCII host (already lower case). */
static bool s_alabels_ok(const char *h, size_t len)
{
    size_t label = 0;
    for (size_t j = 0; j <= len; j++) {
        if (j < len && h[j] != '.')
            continue;
        if (j - label >= 4 && memcmp(h + label, "xn--", 4) == 0 &&
            !s_puny_ok(h + label + 4, j - label - 4))
            return false;
        label = j + 1;
    }
    return true;
}

/* Domain to ASCII for a host with non-ASCII characters: o->b[start..o->n)
   (UTF-8, percent-decoded) is replaced by libidn2's UTS #46 ToASCII. ASCII
   hosts never go there: their "xn--" labels are checked by s_alabels_ok. */
static int s_idna(s_out_t *o, size_t start)
{
    o->b[o->n] = '\0'; /* b always has room for the NUL */
    char *ascii = NULL;
    const char *in = o->b + start;
    if (idn2_to_ascii_8z(in, &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK &&
        idn2_to_ascii_8z(in, &ascii, IDN2_TRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
        return ZC_EINVAL;
    int rc = ZC_OK;
    size_t n = strlen(ascii);
    o->n = start;
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char c = (unsigned char)ascii[i];
        if (c >= 0x80 || s_is(c, C_FORB))
            rc = ZC_EINVAL;
    }
    if (!rc)
        rc = s_add(o, ascii, n);
    idn2_free(ascii);
    return rc;
}

/* Host parser for a special URL, h[0..n) non-empty, appended to o. */
static int s_host(s_out_t *o, const unsigned char *h, size_t n)
{
    if (h[0] == '[') {
        uint16_t a[8];
        if (n < 2 || h[n - 1] != ']' || s_ipv6_parse(h + 1, n - 2, a))
            return ZC_EINVAL;
        return s_ipv6_write(o, a);
    }
    size_t start = o->n, label = start, j = start;
    bool idn = false, alabel = false;
    S_NEED(o, n); /* percent-decoding never grows */
    char *w = o->b;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = h[i];
        if (c == '%' && i + 2 < n && s_is(h[i + 1], C_HEX) && s_is(h[i + 2], C_HEX)) {
            c = (unsigned char)(s_hexval(h[i + 1]) * 16 + s_hexval(h[i + 2]));
            i += 2;
        }
        if (c >= 0x80) {
            idn = true;
        } else if (s_is(c, C_FORB)) {
            return ZC_EINVAL;
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + ('a' - 'A'));
        } else if (c == '.') {
            label = j + 1;
        } else if (c == '-' && j == label + 3 && memcmp(w + label, "xn-", 3) == 0) {
            alabel = true; /* an "xn--" label */
        }
        w[j++] = (char)c;
    }
    o->n = j;
    if (idn) {
        int rc = s_idna(o, start);
        if (rc)
            return rc;
    } else if (alabel && !s_alabels_ok(o->b + start, o->n - start)) {
        return ZC_EINVAL;
    }
    if (o->n == start)
        return ZC_EINVAL;
    if (s_ends_in_number(o->b + start, o->n - start) &&
        !s_ipv4_canonical(o->b + start, o->n - start)) {
        uint32_t v;
        if (s_ipv4_parse(o->b + start, o->n - start, &v))
            return ZC_EINVAL;
        o->n = start;
        return s_ipv4_write(o, v);
    }
    return ZC_OK;
}

/* Port state on the digits after ':' (may be empty). */
static int s_port(s_out_t *o, const unsigned char *s, size_t n, bool https)
{
    if (!n)
        return ZC_OK;
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return ZC_EINVAL;
        v = v * 10 + (unsigned)(s[i] - '0');
        if (v > S_PORT_MAX)
            return ZC_EINVAL;
    }
    if (v == (https ? 443u : 80u))
        return ZC_OK;
    if (s[0] != '0') { /* already canonical: copy the digits */
        S_NEED(o, n + 1);
        o->b[o->n++] = ':';
        memcpy(o->b + o->n, s, n);
        o->n += n;
        return ZC_OK;
    }
    char t[8];
    t[0] = ':';
    return s_add(o, t, 1 + s_utoa(t + 1, v));
}

/* Appends s[0..n) encoded with the userinfo percent-encode set. */
static int s_userinfo(s_out_t *o, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s_is(s[i], C_USER)) {
            int rc = s_enc(o, s[i]);
            if (rc)
                return rc;
        } else {
            S_NEED(o, 1);
            o->b[o->n++] = (char)s[i];
        }
    }
    return ZC_OK;
}

/* Authority state from ps->p: userinfo, host, port; stops at the first
   '/', '\', '?', '#' or the end. */
static int s_authority(s_parser_t *ps)
{
    const unsigned char *in = ps->in;
    size_t p = ps->p, e = p, at = SIZE_MAX;
    for (; e < ps->len; e++) {
        unsigned char c = in[e];
        if (s_is(c, C_STOP))
            break;
        if (c == '@')
            at = e;
    }
    s_out_t *o = &ps->o;
    size_t hs = p;
    int rc;
    if (at != SIZE_MAX) {
        if (at + 1 == e)
            return ZC_EINVAL; /* credentials but no host */
        const unsigned char *colon = memchr(in + p, ':', at - p);
        size_t ue = colon ? (size_t)(colon - in) : at;
        size_t mark = o->n;
        if ((rc = s_userinfo(o, in + p, ue - p)))
            return rc;
        if (colon && ue + 1 < at) {
            S_NEED(o, 1);
            o->b[o->n++] = ':';
            if ((rc = s_userinfo(o, in + ue + 1, at - ue - 1)))
                return rc;
        }
        if (o->n > mark) {
            S_NEED(o, 1);
            o->b[o->n++] = '@';
        }
        hs = at + 1;
    }
    size_t hc = e;
    bool bracket = false;
    for (size_t i = hs; i < e; i++) {
        if (in[i] == '[') {
            bracket = true;
        } else if (in[i] == ']') {
            bracket = false;
        } else if (in[i] == ':' && !bracket) {
            hc = i;
            break;
        }
    }
    if (hc == hs)
        return ZC_EINVAL; /* empty host */
    if ((rc = s_host(o, in + hs, hc - hs)))
        return rc;
    if (hc < e && (rc = s_port(o, in + hc + 1, e - hc - 1, ps->https)))
        return rc;
    ps->p = e;
    return ZC_OK;
}

/* Path state from ps->p, at the start of a segment, up to '?', '#' or the
   end. Each segment is written as "/seg"; "." and ".." segments are
   applied to the output from ps->path on. */
static int s_path(s_parser_t *ps)
{
    const unsigned char *in = ps->in;
    size_t len = ps->len, p = ps->p;
    s_out_t *o = &ps->o;
    int rc;
    for (;;) {
        size_t seg = o->n;
        S_NEED(o, 1);
        o->b[o->n++] = '/';
        /* Locals for the copy loop: stores through a char pointer would
           otherwise make the compiler reload o->n and o->b each byte. */
        char *b = o->b;
        size_t n = o->n, cap = o->cap;
        while (p < len) {
            unsigned char c = in[p];
            uint8_t k = s_cls[c];
            if (!(k & (C_PATH | C_STOP | C_PCT))) {
                if (n >= cap)
                    return ZC_ETOOBIG;
                b[n++] = (char)c;
                p++;
                continue;
            }
            if (k & C_STOP)
                break;
            o->n = n;
            if (c == '%') {
                rc = s_pct(o, in, len, &p);
            } else {
                rc = s_enc(o, c);
                p++;
            }
            if (rc)
                return rc;
            n = o->n;
        }
        o->n = n;
        bool last = p >= len || in[p] == '?' || in[p] == '#';
        const char *s = o->b + seg + 1;
        size_t sl = o->n - seg - 1;
        if (sl == 2 && s[0] == '.' && s[1] == '.') {
            /* Shorten the path: remove its last segment, if any. */
            size_t cut = seg;
            while (cut > ps->path && o->b[cut - 1] != '/')
                cut--;
            if (cut > ps->path)
                cut--;
            o->n = cut;
            if (last)
                o->b[o->n++] = '/'; /* fits: the output was longer */
        } else if (sl == 1 && s[0] == '.') {
            o->n = last ? seg + 1 : seg;
        }
        if (last)
            break;
        p++; /* the '/' or '\' */
    }
    ps->p = p;
    return ZC_OK;
}

/* Query state from ps->p (after the '?') up to '#' or the end. */
static int s_query(s_parser_t *ps)
{
    const unsigned char *in = ps->in;
    size_t len = ps->len, p = ps->p;
    s_out_t *o = &ps->o;
    ps->query = o->n;
    S_NEED(o, 1);
    o->b[o->n++] = '?';
    int rc;
    char *b = o->b; /* locals, as in s_path */
    size_t n = o->n, cap = o->cap;
    while (p < len && in[p] != '#') {
        unsigned char c = in[p];
        if (!s_is(c, C_QUERY | C_PCT)) {
            if (n >= cap)
                return ZC_ETOOBIG;
            b[n++] = (char)c;
            p++;
            continue;
        }
        o->n = n;
        if (c == '%') {
            rc = s_pct(o, in, len, &p);
        } else {
            rc = s_enc(o, c);
            p++;
        }
        if (rc)
            return rc;
        n = o->n;
    }
    o->n = n;
    ps->p = p;
    return ZC_OK;
}

/* Path (from a segment start) then query; the fragment is ignored. */
static int s_path_query(s_parser_t *ps)
{
    int rc = s_path(ps);
    if (!rc && ps->p < ps->len && ps->in[ps->p] == '?') {
        ps->p++;
        rc = s_query(ps);
    }
    return rc;
}

/* After "scheme://" is written: skip slashes, authority, path start
   state, path, query. */
static int s_after_scheme(s_parser_t *ps)
{
    while (ps->p < ps->len && s_slash(ps->in[ps->p]))
        ps->p++;
    int rc = s_authority(ps);
    if (rc)
        return rc;
    ps->path = ps->o.n;
    if (ps->p < ps->len && s_slash(ps->in[ps->p]))
        ps->p++;
    return s_path_query(ps);
}

static int s_scheme_write(s_parser_t *ps)
{
    return ps->https ? s_add(&ps->o, "https://", 8) : s_add(&ps->o, "http://", 7);
}

/* The basic URL parser, special schemes only, with zcrawl's normalization. */
static int s_parse(s_parser_t *ps, const zc_url_base_t *base)
{
    int sc = s_scheme(ps);
    if (sc < 0)
        return ZC_EINVAL;
    if (sc > 0 && !(base && base->https == (sc == 2))) {
        /* Special authority slashes state. */
        ps->https = sc == 2;
        int rc = s_scheme_write(ps);
        return rc ? rc : s_after_scheme(ps);
    }
    if (!base)
        return ZC_EINVAL;
    /* Relative state: the URL takes the base's scheme. */
    ps->https = base->https;
    const unsigned char *in = ps->in;
    size_t p = ps->p, len = ps->len;
    int rc;
    if (p < len && s_slash(in[p])) {
        if (p + 1 < len && s_slash(in[p + 1])) {
            ps->p = p + 2;
            rc = s_scheme_write(ps);
            return rc ? rc : s_after_scheme(ps);
        }
        ps->p = p + 1;
        ps->path = base->path;
        rc = s_add(&ps->o, base->href, base->path);
        return rc ? rc : s_path_query(ps);
    }
    ps->path = base->path;
    if (p >= len || in[p] == '#') {
        ps->query = base->query < base->len ? base->query : SIZE_MAX;
        return s_add(&ps->o, base->href, base->len);
    }
    if (in[p] == '?') {
        ps->p = p + 1;
        rc = s_add(&ps->o, base->href, base->query);
        return rc ? rc : s_query(ps);
    }
    rc = s_add(&ps->o, base->href, base->dir);
    return rc ? rc : s_path_query(ps);
}

static inline bool s_tab_nl(unsigned char c)
{
    return c == '\t' || c == '\n' || c == '\r';
}

/* True when s[0..n) holds a tab, LF or CR. Eight bytes at a time: a word
   with no byte below 0x0E (where all three live) skips the byte checks. */
static bool s_has_tab_nl(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (((x - ones * 0x0E) & ~x & highs) == 0)
            continue; /* no byte < 0x0E in this word */
        for (size_t k = i; k < i + 8; k++)
            if (s_tab_nl(s[k]))
                return true;
    }
    for (; i < n; i++)
        if (s_tab_nl(s[i]))
            return true;
    return false;
}

/* Trims, drops tabs and newlines (into scratch when there are any) and
   parses. scratch has S_IN_MAX bytes. */
static int s_run(s_parser_t *ps, const zc_url_base_t *base, const char *ref, size_t len,
                 char *scratch)
{
    const unsigned char *in = (const unsigned char *)ref;
    while (len && in[0] <= 0x20) {
        in++;
        len--;
    }
    while (len && in[len - 1] <= 0x20)
        len--;
    ps->len = len;
    if (len > S_IN_MAX)
        return ZC_ETOOBIG;
    if (s_has_tab_nl(in, len)) {
        size_t n = 0;
        for (size_t j = 0; j < len; j++)
            if (!s_tab_nl(in[j]))
                scratch[n++] = (char)in[j];
        in = (const unsigned char *)scratch;
        len = n;
    }
    ps->in = in;
    ps->len = len;
    ps->p = 0;
    ps->query = SIZE_MAX;
    return s_parse(ps, base);
}

/* Resolves into out (cap bytes plus the NUL). The output may hold more
   while it is built than at the end (dot segments not yet removed, a host
   before percent-decoding), so when out is too small the parse is redone
   once in a scratch buffer that holds any intermediate state, and the
   result is kept if it fits. */
static int s_resolve(s_parser_t *ps, const zc_url_base_t *base, const char *ref, size_t len,
                     char *out, size_t cap)
{
    char scratch[S_IN_MAX];
    ps->o = (s_out_t){.b = out, .n = 0, .cap = cap};
    int rc = s_run(ps, base, ref, len, scratch);
    if (rc != ZC_ETOOBIG || ps->len > S_IN_MAX)
        return rc;
    size_t bigcap = ZC_URL_MAX + 3 * S_IN_MAX + S_HOST_SLACK;
    char *big = zc_malloc(bigcap + 1);
    ps->o = (s_out_t){.b = big, .n = 0, .cap = bigcap};
    rc = s_run(ps, base, ref, len, scratch);
    if (!rc && ps->o.n > cap)
        rc = ZC_ETOOBIG;
    if (!rc)
        memcpy(out, big, ps->o.n);
    ps->o.b = out;
    free(big);
    return rc;
}

int zc_url_resolve_buf(const zc_url_base_t *base, const char *ref, size_t len, char *out,
                       size_t outsize, size_t *outlen)
{
    assert(out && outsize > 0);
    s_parser_t ps;
    int rc = s_resolve(&ps, base, ref, len, out, outsize - 1 < ZC_URL_MAX ? outsize - 1 : ZC_URL_MAX);
    out[rc ? 0 : ps.o.n] = '\0';
    if (!rc && outlen)
        *outlen = ps.o.n;
    return rc;
}

int zc_url_base_parse(zc_url_base_t *base, const char *url, size_t len)
{
    s_parser_t ps;
    int rc = s_resolve(&ps, NULL, url, len, base->href, ZC_URL_MAX);
    if (rc) {
        base->href[0] = '\0';
        base->len = 0;
        return rc;
    }
    base->href[ps.o.n] = '\0';
    base->len = ps.o.n;
    base->path = ps.path;
    base->query = ps.query == SIZE_MAX ? ps.o.n : ps.query;
    base->https = ps.https;
    size_t d = base->query;
    while (d > base->path && base->href[d - 1] != '/')
        d--;
    assert(d > base->path && base->href[base->path] == '/');
    base->dir = d - 1;
    return ZC_OK;
}

/* True when ref starts (after leading C0 controls and spaces) with
   "http://" or "https://": the base plays no part then, whatever its
   scheme ("http://x" is an authority even against an http base). */
static bool s_absolute(const char *ref, size_t len)
{
    while (len && (unsigned char)*ref <= 0x20) {
        ref++;
        len--;
    }
    size_t k = len >= 5 && (ref[4] | 0x20) == 's' ? 5 : 4;
    return len >= k + 3 && strncasecmp(ref, "https", k) == 0 && memcmp(ref + k, "://", 3) == 0;
}

int zc_url_resolve(const char *base, const char *ref, size_t reflen, char **out)
{
    zc_url_base_t b;
    const zc_url_base_t *bp = NULL;
    if (base && !s_absolute(ref, reflen) && zc_url_base_parse(&b, base, strlen(base)) == ZC_OK)
        bp = &b;
    char buf[ZC_URL_MAX + 1];
    size_t n;
    int rc = zc_url_resolve_buf(bp, ref, reflen, buf, sizeof buf, &n);
    if (!rc)
        *out = zc_strndup(buf, n);
    return rc;
}

int zc_url_normalize(const char *url, char **out)
{
    return zc_url_resolve(NULL, url, strlen(url), out);
}

int zc_url_host(const char *url, const char **host, size_t *len)
{
    const char *p = strstr(url, "://");
    if (!p)
        return ZC_EINVAL;
    p += 3;
    const char *at = NULL, *e = p;
    while (*e && *e != '/' && *e != '?') {
        if (*e == '@')
            at = e;
        e++;
    }
    if (at)
        p = at + 1;
    const char *colon = NULL;
    if (*p == '[') {
        const char *rb = memchr(p, ']', (size_t)(e - p));
        if (!rb)
            return ZC_EINVAL;
        colon = rb + 1 < e && rb[1] == ':' ? rb + 1 : NULL;
    } else {
        colon = memchr(p, ':', (size_t)(e - p));
    }
    *host = p;
    *len = (size_t)((colon ? colon : e) - p);
    return *len ? ZC_OK : ZC_EINVAL;
}

int zc_url_hostkey(const char *url, char *buf, size_t size)
{
    const char *p = strstr(url, "://");
    if (!p)
        return ZC_EINVAL;
    size_t slen = (size_t)(p + 3 - url);
    const char *a = p + 3, *e = a;
    while (*e && *e != '/' && *e != '?')
        e++;
    /* User-info is not part of the key: one host with many user names is
       still one host to be polite to. */
    for (const char *q = e; q > a; q--)
        if (q[-1] == '@') {
            a = q;
            break;
        }
    size_t alen = (size_t)(e - a);
    if (slen + alen + 1 > size || alen == 0)
        return ZC_EINVAL;
    memcpy(buf, url, slen);
    memcpy(buf + slen, a, alen);
    buf[slen + alen] = '\0';
    return ZC_OK;
}

/* ---- self-test ---- */

static void s_check(const char *base, const char *ref, const char *want, bool verbose)
{
    char *got = NULL;
    int rc = zc_url_resolve(base, ref, strlen(ref), &got);
    if (verbose || (want ? (rc || strcmp(got, want)) : rc == 0))
        fprintf(stderr, "url: base=%s ref=%s want=%s got=%s rc=%d\n", base ? base : "-", ref,
                want ? want : "(error)", got ? got : "(error)", rc);
    if (want)
        assert(rc == 0 && strcmp(got, want) == 0);
    else
        assert(rc != 0);
    free(got);
}

static bool s_in(int c, const char *set)
{
    return c && strchr(set, c) != NULL;
}

/* The class table against the standard's definitions of the sets. */
static void s_check_table(void)
{
    for (int c = 0; c < 256; c++) {
        bool c0 = c < 0x20 || c > 0x7e;
        bool query = c0 || s_in(c, " \"#<>");
        bool path = query || s_in(c, "?^`{}");
        bool user = path || s_in(c, "/:;=@[\\]|");
        bool forbidden = c == 0 || s_in(c, "\t\n\r #/:<>?@[\\]^|") || c < 0x20 || c == '%' ||
                         c == 0x7f;
        bool unres = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     s_in(c, "-._~");
        bool hex = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9');
        assert(s_is((unsigned char)c, C_PATH) == path);
        assert(s_is((unsigned char)c, C_QUERY) == (query || c == '\''));
        assert(s_is((unsigned char)c, C_USER) == user);
        assert(s_is((unsigned char)c, C_UNRES) == unres);
        assert(s_is((unsigned char)c, C_HEX) == hex);
        assert(s_is((unsigned char)c, C_STOP) == s_in(c, "/\\?#"));
        assert(s_is((unsigned char)c, C_FORB) == (forbidden && c < 0x80));
        assert(s_is((unsigned char)c, C_PCT) == (c == '%'));
        if (hex)
            assert(s_hexval((unsigned char)c) == (unsigned)strtol((char[]){(char)c, 0}, NULL, 16));
    }
}

/* The standard's features, one case each (zcrawl's normalization applied). */
static void s_check_features(bool verbose)
{
    const char *b = "http://h.example/a/b/c?q#f";
    /* IPv4 in its legacy forms, printed in dotted decimal. */
    s_check(NULL, "http://0x7f.1/", "http://127.0.0.1/", verbose);
    s_check(NULL, "http://0177.0.0.01/", "http://127.0.0.1/", verbose);
    s_check(NULL, "http://2130706433/", "http://127.0.0.1/", verbose);
    s_check(NULL, "http://1.2.3./", "http://1.2.0.3/", verbose);
    s_check(NULL, "http://0x/", "http://0.0.0.0/", verbose);
    s_check(NULL, "http://%30x7f.1/", "http://127.0.0.1/", verbose);
    s_check(NULL, "http://256.0.0.1/", NULL, verbose);
    s_check(NULL, "http://1.2.3.4.5/", NULL, verbose);
    s_check(NULL, "http://4294967296/", NULL, verbose);
    s_check(NULL, "http://foo.09/", NULL, verbose);
    s_check(NULL, "http://foo.0x/", NULL, verbose);
    s_check(NULL, "http://09.foo/", "http://09.foo/", verbose);
    /* IPv6, compressed on output; an embedded IPv4 tail. */
    s_check(NULL, "http://[0:0:0:0:0:0:0:1]/", "http://[::1]/", verbose);
    s_check(NULL, "http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:2::3]/", verbose);
    s_check(NULL, "http://[1:0::]/", "http://[1::]/", verbose);
    s_check(NULL, "http://[1:2:3:4:5:6:7:8]/", "http://[1:2:3:4:5:6:7:8]/", verbose);
    s_check(NULL, "http://[::ffff:192.168.0.1]:81/", "http://[::ffff:c0a8:1]:81/", verbose);
    s_check(NULL, "http://[ABCD::]/", "http://[abcd::]/", verbose);
    s_check(NULL, "http://[::1/", NULL, verbose);
    s_check(NULL, "http://[1:2:3:4:5:6:7:8:9]/", NULL, verbose);
    s_check(NULL, "http://[::1.2.3]/", NULL, verbose);
    s_check(NULL, "http://[::01.2.3.4]/", NULL, verbose);
    /* Forbidden host code points, empty hosts, percent-decoded hosts. */
    s_check(NULL, "http://a<b/", NULL, verbose);
    s_check(NULL, "http://a%25b/", NULL, verbose);
    s_check(NULL, "http://a^b/", NULL, verbose);
    s_check(NULL, "http://%41.com/", "http://a.com/", verbose);
    s_check(NULL, "http://a_b*c/", "http://a_b*c/", verbose);
    s_check(NULL, "http:///x", "http://x/", verbose);
    s_check(NULL, "http://", NULL, verbose);
    s_check(NULL, "http://u@/", NULL, verbose);
    s_check(NULL, "http://:80/", NULL, verbose);
    s_check(NULL, "http://xn--a/", NULL, verbose);            /* decodes to U+0080 */
    s_check(NULL, "http://xn--9ca.example/", "http://xn--9ca.example/", verbose); /* é */
    s_check(NULL, "http://a.XN--pokxncvks/", "http://a.xn--pokxncvks/", verbose);
    s_check(NULL, "http://xn--99999999999999999.com/", NULL, verbose); /* overflows */
    s_check(NULL, "http://xn--ab$c.com/", NULL, verbose);     /* '$' is no Punycode digit */
    s_check(NULL, "http://XN--BCHER-KVA.de/", "http://xn--bcher-kva.de/", verbose);
    s_check(NULL, "http://fa\xc3\x9f.de/", "http://xn--fa-hia.de/", verbose);
    /* Ports. */
    s_check(NULL, "https://h:443/", "https://h/", verbose);
    s_check(NULL, "https://h:80/", "https://h:80/", verbose);
    s_check(NULL, "http://h:00080/", "http://h/", verbose);
    s_check(NULL, "http://h:0081/", "http://h:81/", verbose);
    s_check(NULL, "http://h:/", "http://h/", verbose);
    s_check(NULL, "http://h:65536/", NULL, verbose);
    s_check(NULL, "http://h:8a/", NULL, verbose);
    s_check(NULL, "http://h:99999999999999999999999/", NULL, verbose);
    /* Userinfo: last '@' splits, first ':' splits, the rest escaped. */
    s_check(NULL, "http://a:b@c:d@h/", "http://a:b%40c%3Ad@h/", verbose);
    s_check(NULL, "http://:@h/", "http://h/", verbose);
    s_check(NULL, "http://u:@h/", "http://u@h/", verbose);
    s_check(NULL, "http://:p@h/", "http://:p@h/", verbose);
    /* Schemes: same scheme as the base is relative, another is not. */
    s_check(b, "http:x", "http://h.example/a/b/x", verbose);
    s_check(b, "http:/x", "http://h.example/x", verbose);
    s_check(b, "https:x", "https://x/", verbose);
    s_check(b, "HTTP://X", "http://x/", verbose);
    s_check(b, "ws://x/", NULL, verbose);
    s_check(b, "1http:x", "http://h.example/a/b/1http:x", verbose);
    /* Paths: dot segments incl. escaped ones, backslashes, escapes. */
    s_check(b, "%2e%2E/x", "http://h.example/a/x", verbose);
    s_check(b, ".%2e", "http://h.example/a/", verbose);
    s_check(b, "x/%2e", "http://h.example/a/b/x/", verbose);
    s_check(b, "x/..", "http://h.example/a/b/", verbose);
    s_check(b, "/../../..", "http://h.example/", verbose);
    s_check(b, "...", "http://h.example/a/b/...", verbose);
    s_check(b, "\\x\\y", "http://h.example/x/y", verbose);
    s_check(b, "a b<>\"`{}^|", "http://h.example/a/b/a%20b%3C%3E%22%60%7B%7D%5E|", verbose);
    s_check(b, "%7e%2d%5f%2E%41%7A%30", "http://h.example/a/b/~-_.Az0", verbose);
    s_check(b, "%2f%3a%c3%a9%zz%", "http://h.example/a/b/%2F%3A%C3%A9%zz%", verbose);
    s_check(b, "%%32e", "http://h.example/a/b/%%32e", verbose);
    s_check(b, "%3%32%41", "http://h.example/a/b/%3%32A", verbose);
    s_check(b, "a\x01\x7f", "http://h.example/a/b/a%01%7F", verbose);
    s_check(b, "h\tt\ntp:\r//x", "http://x/", verbose);
    /* Queries: special-query set, same normalization, '#' ends it. */
    s_check(b, "?a b'\"<>`{}^|\\", "http://h.example/a/b/c?a%20b%27%22%3C%3E`{}^|\\", verbose);
    s_check(b, "?%7e%2f%c3%A9", "http://h.example/a/b/c?~%2F%C3%A9", verbose);
    s_check(b, "?", "http://h.example/a/b/c?", verbose);
    s_check(b, "x?y?z#w", "http://h.example/a/b/x?y?z", verbose);
    s_check(b, "#", "http://h.example/a/b/c?q", verbose);
    s_check(NULL, "http://h?x", "http://h/?x", verbose);
    s_check(NULL, "http://h#x", "http://h/", verbose);
}

static uint64_t s_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Resolves through zc_url_resolve_buf and compares with zc_url_resolve. */
static int s_both(const zc_url_base_t *b, const char *ref, size_t len, char *out)
{
    size_t n = 0;
    int rc = zc_url_resolve_buf(b, ref, len, out, ZC_URL_MAX + 1, &n);
    assert(rc == ZC_OK || rc == ZC_EINVAL || rc == ZC_ETOOBIG);
    char *s = NULL;
    int rc2 = zc_url_resolve(b ? b->href : NULL, ref, len, &s);
    assert(rc2 == rc);
    assert(rc || (strcmp(s, out) == 0 && n == strlen(out)));
    free(s);
    return rc;
}

/* Length of the scheme (without ':') that s starts with, 0 if none. */
static size_t s_has_scheme(const char *s, size_t n)
{
    if (!n || !(((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z')))
        return 0;
    size_t i = 1;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;
    return i < n && s[i] == ':' ? i : 0;
}

/* One generated reference: properties every result has, and the
   standard's identities between a relative reference and the absolute URL
   spelled out from the base (a different path through the parser). */
static int s_diff_one(const zc_url_base_t *b, const char *ref, size_t len, bool verbose)
{
    char out[ZC_URL_MAX + 1], out2[ZC_URL_MAX + 1];
    int rc = s_both(b, ref, len, out);
    if (verbose)
        fprintf(stderr, "url diff: base=%s ref=%.*s rc=%d out=%s\n", b->href, (int)len, ref, rc,
                rc ? "" : out);
    if (rc == ZC_OK) {
        size_t n = strlen(out);
        assert(strncmp(out, "http://", 7) == 0 || strncmp(out, "https://", 8) == 0);
        for (size_t i = 0; i < n; i++)
            assert((unsigned char)out[i] > 0x20 && (unsigned char)out[i] < 0x7f && out[i] != '#');
        zc_url_base_t r;
        assert(zc_url_base_parse(&r, out, n) == ZC_OK && strcmp(r.href, out) == 0);
        size_t qe = r.query;
        for (size_t i = r.path; i < qe; i++) {
            if (out[i] != '/')
                continue;
            size_t e = i + 1;
            while (e < qe && out[e] != '/')
                e++;
            assert(!(e - i == 2 && out[i + 1] == '.'));
            assert(!(e - i == 3 && out[i + 1] == '.' && out[i + 2] == '.'));
        }
        /* Idempotent, and the empty reference is the URL itself. */
        assert(s_both(NULL, out, n, out2) == ZC_OK && strcmp(out2, out) == 0);
        assert(s_both(&r, "#x", 2, out2) == ZC_OK && strcmp(out2, out) == 0);
        /* A smaller buffer holds the result or says ZC_ETOOBIG. */
        size_t small = n / 2 + 1, got = 0;
        assert(zc_url_resolve_buf(b, ref, len, out2, small, &got) == ZC_ETOOBIG);
        assert(zc_url_resolve_buf(b, ref, len, out2, n + 1, &got) == ZC_OK && got == n &&
               strcmp(out2, out) == 0);
    }
    /* The identities, on the reference as the parser sees it. */
    char c[S_IN_MAX];
    size_t cn = 0, s = 0, e = len;
    while (s < e && (unsigned char)ref[s] <= 0x20)
        s++;
    while (e > s && (unsigned char)ref[e - 1] <= 0x20)
        e--;
    for (size_t i = s; i < e; i++)
        if (!s_tab_nl((unsigned char)ref[i]))
            c[cn++] = ref[i];
    char abs[ZC_URL_MAX + S_IN_MAX];
    size_t an = 0;
    size_t sl = s_has_scheme(c, cn);
    int want;
    if (sl) {
        bool http = sl == 4 && strncasecmp(c, "http", 4) == 0;
        bool https = sl == 5 && strncasecmp(c, "https", 5) == 0;
        if (!http && !https) {
            assert(rc == ZC_EINVAL);
            return rc;
        }
        if (https != b->https) {
            want = s_both(NULL, c, cn, out2);
        } else if (s_has_scheme(c + sl + 1, cn - sl - 1)) {
            return rc; /* "http:x:y" is a path, "x:y" would be a scheme */
        } else {
            want = s_both(b, c + sl + 1, cn - sl - 1, out2);
        }
    } else {
        size_t keep;
        const char *rest = c;
        if (cn == 0 || c[0] == '#') {
            keep = b->len;
            cn = 0;
        } else if (c[0] == '?') {
            keep = b->query;
        } else if (cn >= 2 && s_slash((unsigned char)c[0]) && s_slash((unsigned char)c[1])) {
            keep = b->https ? 6 : 5; /* "https:" */
        } else if (s_slash((unsigned char)c[0])) {
            keep = b->path;
        } else {
            keep = b->dir + 1;
        }
        memcpy(abs, b->href, keep);
        memcpy(abs + keep, rest, cn);
        an = keep + cn;
        want = s_both(NULL, abs, an, out2);
    }
    if (want != rc || (rc == ZC_OK && strcmp(out, out2) != 0))
        fprintf(stderr, "url diff: base=%s ref=%.*s got=%s (%d) identity=%s (%d)\n", b->href,
                (int)len, ref, rc ? "" : out, rc, want ? "" : out2, want);
    assert(want == rc);
    assert(rc || strcmp(out, out2) == 0);
    return rc;
}

/* A few thousand generated references against a few bases. */
static void s_check_generated(bool verbose)
{
    static const char *const pieces[] = {
        "./", "../", "/", "//", "\\", "?", "#", "%2e", "%2E", "%2e%2E", ".%2e", "%41", "%7e",
        "%7E", "%zz", "%", "%%32e", "%3", "a", "B", "x.html", "..", ".", ";", "=", "&", "'", "\"",
        "<", ">", "^", "`", "{", "}", "|", " ", "\t", "\n", "\r", "\xc3\xa9", "%C3%a9", "@", ":",
        "[", "]", "[::1]", "http:", "HTTPS://", "https:", "hTtP://", "localhost", "127.0.0.1",
        "0x7f.1", "Example.COM", ":8080", ":80", ":443", "mailto:", "0", "255", "256", "%00",
        "\x7f", "~", "-", "_", "+", "%2f", "%5C", "%3F", "%23", "%25", "%40", "u:p@", "/./",
        "/../", "?x#y", "#frag", "\x01", "p123.html", "../d003/p7.html",
    };
    static const char *const bases[] = {
        "http://127.0.0.1:18080/d000/p1.html", "https://Example.com/a/b/c?q=1#f",
        "http://user:pass@h.example:81/x/", "http://[::1]/", "http://h/",
    };
    zc_url_base_t b[ZC_ARRAY_LEN(bases)];
    for (size_t i = 0; i < ZC_ARRAY_LEN(bases); i++)
        assert(zc_url_base_parse(&b[i], bases[i], strlen(bases[i])) == ZC_OK);
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    int total = 5000, ok = 0, invalid = 0;
    for (int i = 0; i < total; i++) {
        char ref[256];
        size_t n = 0, k = 1 + s_rand(&seed) % 7;
        for (size_t j = 0; j < k; j++) {
            const char *p = pieces[s_rand(&seed) % ZC_ARRAY_LEN(pieces)];
            size_t pl = strlen(p);
            memcpy(ref + n, p, pl);
            n += pl;
        }
        int rc = s_diff_one(&b[(size_t)i % ZC_ARRAY_LEN(bases)], ref, n, verbose && i < 50);
        ok += rc == ZC_OK;
        invalid += rc == ZC_EINVAL;
    }
    if (verbose)
        fprintf(stderr, "url diff: %d generated references, %d resolved, %d refused\n", total, ok,
                invalid);
    /* The mix is what makes the run worth something. */
    assert(ok > total / 2 && invalid > total / 20);
}

static void s_check_limits(void)
{
    /* The longest URL passes, one more byte does not. */
    char url[ZC_URL_MAX + 16];
    memset(url, 'a', sizeof url);
    memcpy(url, "http://x.org/", 13);
    char out[ZC_URL_MAX + 1];
    size_t n = 0;
    assert(zc_url_resolve_buf(NULL, url, ZC_URL_MAX, out, sizeof out, &n) == ZC_OK &&
           n == ZC_URL_MAX);
    assert(zc_url_resolve_buf(NULL, url, ZC_URL_MAX + 1, out, sizeof out, &n) == ZC_ETOOBIG);
    /* Escaping that passes the limit. */
    memset(url + 13, ' ', ZC_URL_MAX - 20);
    url[ZC_URL_MAX - 7] = 'a';
    assert(zc_url_resolve_buf(NULL, url, ZC_URL_MAX - 6, out, sizeof out, &n) == ZC_ETOOBIG);
    /* A reference past S_IN_MAX is refused whatever it holds. */
    size_t big = S_IN_MAX + 8;
    char *huge = zc_malloc(big);
    memset(huge, '/', big);
    memcpy(huge, "http://x.org", 12);
    assert(zc_url_resolve_buf(NULL, huge, big, out, sizeof out, &n) == ZC_ETOOBIG);
    free(huge);
    /* NUL bytes in a reference are data, not its end. */
    assert(zc_url_resolve_buf(NULL, "http://h/a\0b", 12, out, sizeof out, &n) == ZC_OK &&
           strcmp(out, "http://h/a%00b") == 0 && n == 14);
    assert(zc_url_resolve_buf(NULL, "http://h\0/", 10, out, sizeof out, &n) == ZC_EINVAL);
    /* A base that is not http(s) counts as no base. */
    char *s = NULL;
    assert(zc_url_resolve("mailto:x@y", "a", 1, &s) == ZC_EINVAL && s == NULL);
    assert(zc_url_resolve("mailto:x@y", "http://h", 8, &s) == ZC_OK &&
           strcmp(s, "http://h/") == 0);
    free(s);
    zc_url_base_t b;
    assert(zc_url_base_parse(&b, "ftp://h/", 8) == ZC_EINVAL);
    assert(zc_url_base_parse(&b, "http://h", 8) == ZC_OK && strcmp(b.href, "http://h/") == 0 &&
           b.path == 8 && b.dir == 8 && b.query == 9 && !b.https);
}

int zc_url_test(bool verbose)
{
    const char *b = "http://Example.COM:80/a/b/c.html?x=1#top";
    s_check(NULL, b, "http://example.com/a/b/c.html?x=1", verbose);
    s_check(b, "d.html", "http://example.com/a/b/d.html", verbose);
    s_check(b, "../d.html#frag", "http://example.com/a/d.html", verbose);
    s_check(b, "./../../../d.html", "http://example.com/d.html", verbose);
    s_check(b, "/x/./y/../z", "http://example.com/x/z", verbose);
    s_check(b, "//other.org/p", "http://other.org/p", verbose);
    s_check(b, "?q=2", "http://example.com/a/b/c.html?q=2", verbose);
    s_check(b, "#only", "http://example.com/a/b/c.html?x=1", verbose);
    s_check(b, "", "http://example.com/a/b/c.html?x=1", verbose);
    s_check(b, "  \n/sp ace\t", "http://example.com/sp%20ace", verbose);
    s_check(b, "HTTPS://example.com:443/%7Euser/%2f%41", "https://example.com/~user/%2FA", verbose);
    s_check(b, "http://example.com:8080", "http://example.com:8080/", verbose);
    s_check(b, "http://b\xc3\xbc\x63her.de/", "http://xn--bcher-kva.de/", verbose);
    s_check(b, "/caf\xc3\xa9", "http://example.com/caf%C3%A9", verbose);
    s_check(b, "mailto:a@b.c", NULL, verbose);
    s_check(b, "javascript:void(0)", NULL, verbose);
    s_check(b, "ftp://example.com/", NULL, verbose);
    s_check(NULL, "relative/only", NULL, verbose);
    s_check(b, "http://[::1]:8080/x", "http://[::1]:8080/x", verbose);
    s_check(b, "\\\\other.org\\p\\q", "http://other.org/p/q", verbose);

    char longurl[ZC_URL_MAX + 64];
    memset(longurl, 'a', sizeof longurl);
    memcpy(longurl, "http://x.org/", 13);
    longurl[sizeof longurl - 1] = '\0';
    char *out = NULL;
    assert(zc_url_normalize(longurl, &out) == ZC_ETOOBIG && out == NULL);

    /* Many links against one base: parse it once, resolve into a buffer. */
    zc_url_base_t base;
    const char *page = "http://127.0.0.1:18080/d000/p1.html";
    assert(zc_url_base_parse(&base, page, strlen(page)) == ZC_OK);
    char buf[ZC_URL_MAX + 1];
    size_t n;
    assert(zc_url_resolve_buf(&base, "../d003/p7.html", 15, buf, sizeof buf, &n) == ZC_OK &&
           strcmp(buf, "http://127.0.0.1:18080/d003/p7.html") == 0 && n == strlen(buf));

    s_check_table();
    s_check_features(verbose);
    s_check_limits();
    s_check_generated(verbose);

    char key[64];
    assert(zc_url_hostkey("http://a.b:81/x?y", key, sizeof key) == 0 &&
           strcmp(key, "http://a.b:81") == 0);
    assert(zc_url_hostkey("https://u:p@a.b:81/x", key, sizeof key) == 0 &&
           strcmp(key, "https://a.b:81") == 0);
    assert(zc_url_hostkey("http://a.b?q@x", key, sizeof key) == 0 && strcmp(key, "http://a.b") == 0);
    assert(zc_url_hostkey("nourl", key, sizeof key) == ZC_EINVAL);
    const char *h;
    size_t hl;
    assert(zc_url_host("http://u@a.b:81/x", &h, &hl) == 0 && hl == 3 && !strncmp(h, "a.b", 3));
    assert(zc_url_host("http://[::1]:81/x", &h, &hl) == 0 && hl == 5 && !strncmp(h, "[::1]", 5));
    return 0;
}
