/*  zc_url — resolving and normalizing http(s) URLs.

    Every URL that enters the frontier, a record or a feedback message goes
    through this module, so one spelling stands for one resource. Parsing
    and resolution follow the WHATWG URL Standard's basic URL parser (what
    browsers do with an href), restricted to results whose scheme is http or
    https; on top of the standard's serialization we apply zcrawl's own
    normalization (SPEC §4): fragment dropped, percent-escapes of unreserved
    characters (ALPHA DIGIT - . _ ~) decoded and all other escapes
    upper-cased in path and query. Scheme and host come out lower case, IDN
    hosts in punycode, IPv4 hosts in dotted decimal, IPv6 hosts compressed,
    the default port dropped, dot segments removed, an empty path as "/".

    The parser is hand-written for the hot path (a parser worker resolves
    every link of every page): an ASCII host and a typical relative link
    cost no allocation and no library call. Only hosts with non-ASCII
    characters or "xn--" labels go through libidn2 (UTS #46 ToASCII).

    For many links against one base, parse the base once into a
    zc_url_base_t and call zc_url_resolve_buf(): no allocation at all.
*/
#ifndef ZC_URL_H
#define ZC_URL_H

#include <stdbool.h>
#include <stddef.h>

/* URLs longer than this (after normalization) are dropped (SPEC §5). */
#define ZC_URL_MAX 2048

/* A parsed, normalized http(s) base URL. Plain data the caller owns (for
   example on the stack); fill it with zc_url_base_parse() and treat the
   fields as read-only. href is the normalized URL, NUL-terminated. */
typedef struct {
    char href[ZC_URL_MAX + 1];
    size_t len;   /* strlen(href) */
    size_t path;  /* offset of the path's first '/' (end of scheme://authority) */
    size_t dir;   /* offset of the path's last '/' */
    size_t query; /* offset of '?', or len when there is no query */
    bool https;
} zc_url_base_t;

/* Parses the absolute http(s) URL url (len bytes, not necessarily
   NUL-terminated) into *base. Returns ZC_EINVAL for a URL that does not
   parse or is not http(s) (*base is then unusable), ZC_ETOOBIG past
   ZC_URL_MAX. */
int zc_url_base_parse(zc_url_base_t *base, const char *url, size_t len);

/* Resolves ref (len bytes, not necessarily NUL-terminated) against base
   (NULL when ref must be absolute) and normalizes it into out, a buffer of
   outsize bytes (ZC_URL_MAX + 1 holds every accepted URL); the result is
   NUL-terminated and *outlen (if not NULL) gets its length. out must not
   overlap base. Returns ZC_EINVAL for a reference that does not parse or
   whose result is not http(s), ZC_ETOOBIG when the result passes
   ZC_URL_MAX or outsize - 1 (or the reference, without leading and
   trailing C0 controls and spaces, passes 4 * ZC_URL_MAX bytes). On error
   out holds "". Nothing is allocated, except by libidn2 for a non-ASCII
   or "xn--" host, and one scratch buffer when out runs out of room while
   the URL is built (a long path with ".." segments, a too long URL). */
int zc_url_resolve_buf(const zc_url_base_t *base, const char *ref, size_t len, char *out,
                       size_t outsize, size_t *outlen);

/* Resolves ref (reflen bytes, not necessarily NUL-terminated) against base
   (an absolute http(s) URL, NUL-terminated, or NULL when ref must be
   absolute; a base that is not a valid http(s) URL counts as NULL) and
   normalizes it. On success *out is a new string the caller frees; on error
   *out is left as it was. Returns ZC_EINVAL for a URL that does not parse
   or is not http(s), ZC_ETOOBIG past ZC_URL_MAX. */
int zc_url_resolve(const char *base, const char *ref, size_t reflen, char **out);

/* zc_url_resolve(NULL, url, strlen(url), out). */
int zc_url_normalize(const char *url, char **out);

/* Writes the host key "scheme://host[:port]" of a normalized URL into buf.
   Returns ZC_EINVAL if url is not normalized http(s) or buf is too small. */
int zc_url_hostkey(const char *url, char *buf, size_t size);

/* Points *host at the host of a normalized URL and sets *len; ZC_EINVAL if none. */
int zc_url_host(const char *url, const char **host, size_t *len);

int zc_url_test(bool verbose);

#endif
