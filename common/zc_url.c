/*  zc_url — see zc_url.h. */
#include "zc_url.h"

#include "zc_buf.h"
#include "zc_util.h"

#include <assert.h>
#include <ctype.h>
#include <curl/curl.h>
#include <idn2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool s_unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int s_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (unsigned char)tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Characters a browser escapes (WHATWG percent-encode sets for special URLs):
   in a path C0 controls, space, " # < > ? ` { } and non-ASCII; in a query
   C0 controls, space, " # < > ' and non-ASCII. */
static bool s_must_escape(unsigned char c, bool query)
{
    if (c <= 0x20 || c >= 0x7f)
        return true;
    switch (c) {
    case '"': case '#': case '<': case '>':
        return true;
    case '?': case '`': case '{': case '}':
        return !query;
    case '\'':
        return query;
    default:
        return false;
    }
}

/* Appends a path or query with canonical percent-encoding. */
static int s_add_escaped(zc_buf_t *b, const char *s, bool query)
{
    static const char hex[] = "0123456789ABCDEF";
    int rc = ZC_OK;
    for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
        if (*p == '%' && s_hexval(p[1]) >= 0 && s_hexval(p[2]) >= 0) {
            unsigned char v = (unsigned char)(s_hexval(p[1]) * 16 + s_hexval(p[2]));
            if (s_unreserved(v)) {
                rc = zc_buf_addc(b, (char)v);
            } else {
                char e[3] = {'%', hex[v >> 4], hex[v & 15]};
                rc = zc_buf_add(b, e, 3);
            }
            p += 2;
        } else if (s_must_escape(*p, query)) {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            rc = zc_buf_add(b, e, 3);
        } else {
            rc = zc_buf_addc(b, (char)*p);
        }
    }
    return rc;
}

/* Cleans a reference the way browsers do before parsing: leading and trailing
   C0 controls and spaces cut, tabs and newlines removed, backslashes before
   the query read as slashes, and spaces and non-ASCII bytes after the
   authority escaped so libcurl accepts them. */
static char *s_prepare(const char *ref, size_t len)
{
    while (len && (unsigned char)*ref <= 0x20) {
        ref++;
        len--;
    }
    while (len && (unsigned char)ref[len - 1] <= 0x20)
        len--;
    zc_buf_t b;
    zc_buf_init(&b, ZC_URL_MAX * 4);
    /* Where the authority ends: after "scheme://host" or "//host". */
    size_t auth_end = 0;
    const char *ss = memchr(ref, ':', len);
    size_t i0 = 0;
    if (ss && ss - ref + 2 < (ptrdiff_t)len && (ss[1] == '/' || ss[1] == '\\') &&
        (ss[2] == '/' || ss[2] == '\\'))
        i0 = (size_t)(ss - ref) + 3;
    else if (len >= 2 && (ref[0] == '/' || ref[0] == '\\') && (ref[1] == '/' || ref[1] == '\\'))
        i0 = 2;
    if (i0) {
        auth_end = i0;
        while (auth_end < len && ref[auth_end] != '/' && ref[auth_end] != '\\' &&
               ref[auth_end] != '?' && ref[auth_end] != '#')
            auth_end++;
    }
    bool in_query = false;
    int rc = ZC_OK;
    for (size_t i = 0; i < len && !rc; i++) {
        unsigned char c = (unsigned char)ref[i];
        if (c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == '#')
            break; /* the fragment is dropped anyway */
        if (c == '?')
            in_query = true;
        if (c == '\\' && !in_query) {
            rc = zc_buf_addc(&b, '/');
            continue;
        }
        if (i >= auth_end && (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' ||
                              c == '`' || c == '{' || c == '}')) {
            rc = zc_buf_printf(&b, "%%%02X", c);
            continue;
        }
        rc = zc_buf_addc(&b, (char)c);
    }
    if (rc) {
        zc_buf_free(&b);
        return NULL;
    }
    if (!b.data)
        zc_buf_addc(&b, '\0');
    return b.data;
}

int zc_url_resolve(const char *base, const char *ref, size_t reflen, char **out)
{
    char *prepared = s_prepare(ref, reflen);
    if (!prepared)
        return ZC_ETOOBIG;
    CURLU *h = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL, *query = NULL, *user = NULL,
         *pass = NULL, *idnhost = NULL;
    int rc = ZC_EINVAL;
    if (base && curl_url_set(h, CURLUPART_URL, base, 0) != CURLUE_OK)
        goto done;
    if (!*prepared && base) {
        /* An empty reference is the base itself. */
    } else if (curl_url_set(h, CURLUPART_URL, prepared, 0) != CURLUE_OK) {
        goto done;
    }
    if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
        goto done;
    for (char *p = scheme; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    bool https = strcmp(scheme, "https") == 0;
    if (!https && strcmp(scheme, "http") != 0)
        goto done;
    if (curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host)
        goto done;
    for (char *p = host; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    /* IDN to punycode with libidn2 on UTF-8 directly (libcurl's own
       conversion depends on the process locale). */
    for (const char *p = host; *p; p++) {
        if ((unsigned char)*p >= 0x80) {
            char *ascii = NULL;
            if (idn2_to_ascii_8z(host, &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK &&
                idn2_to_ascii_8z(host, &ascii, IDN2_TRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
                goto done;
            idnhost = ascii;
            break;
        }
    }
    curl_url_get(h, CURLUPART_PORT, &port, 0);
    if (port && strcmp(port, https ? "443" : "80") == 0) {
        curl_free(port);
        port = NULL;
    }
    curl_url_get(h, CURLUPART_USER, &user, 0);
    curl_url_get(h, CURLUPART_PASSWORD, &pass, 0);
    curl_url_get(h, CURLUPART_PATH, &path, 0);
    curl_url_get(h, CURLUPART_QUERY, &query, 0);

    zc_buf_t b;
    zc_buf_init(&b, ZC_URL_MAX);
    int brc = zc_buf_adds(&b, scheme);
    brc = brc ? brc : zc_buf_adds(&b, "://");
    if (user && *user) {
        brc = brc ? brc : zc_buf_adds(&b, user);
        if (pass && *pass) {
            brc = brc ? brc : zc_buf_addc(&b, ':');
            brc = brc ? brc : zc_buf_adds(&b, pass);
        }
        brc = brc ? brc : zc_buf_addc(&b, '@');
    }
    brc = brc ? brc : zc_buf_adds(&b, idnhost ? idnhost : host);
    if (port)
        brc = brc ? brc : zc_buf_printf(&b, ":%s", port);
    if (!path || !*path)
        brc = brc ? brc : zc_buf_addc(&b, '/');
    else
        brc = brc ? brc : s_add_escaped(&b, path, false);
    if (query) {
        brc = brc ? brc : zc_buf_addc(&b, '?');
        brc = brc ? brc : s_add_escaped(&b, query, true);
    }
    if (brc) {
        zc_buf_free(&b);
        rc = ZC_ETOOBIG;
        goto done;
    }
    *out = b.data;
    rc = ZC_OK;
done:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_free(query);
    curl_free(user);
    curl_free(pass);
    idn2_free(idnhost);
    curl_url_cleanup(h);
    free(prepared);
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
    const char *e = p + 3;
    while (*e && *e != '/' && *e != '?')
        e++;
    size_t n = (size_t)(e - url);
    if (n + 1 > size)
        return ZC_EINVAL;
    memcpy(buf, url, n);
    buf[n] = '\0';
    return ZC_OK;
}

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

    char key[64];
    assert(zc_url_hostkey("http://a.b:81/x?y", key, sizeof key) == 0 &&
           strcmp(key, "http://a.b:81") == 0);
    const char *h;
    size_t hl;
    assert(zc_url_host("http://u@a.b:81/x", &h, &hl) == 0 && hl == 3 && !strncmp(h, "a.b", 3));
    assert(zc_url_host("http://[::1]:81/x", &h, &hl) == 0 && hl == 5 && !strncmp(h, "[::1]", 5));
    return 0;
}
