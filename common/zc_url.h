/*  zc_url — resolving and normalizing http(s) URLs.

    Every URL that enters the frontier, a record or a feedback message goes
    through zc_url_resolve(), so one spelling stands for one resource: scheme
    and host lower case, IDN hosts in punycode, default port dropped, dot
    segments removed, fragment dropped, percent-escapes of unreserved
    characters decoded and the others upper-cased, characters that must be
    escaped escaped. Parsing is libcurl's URL API; the normalization on top of
    it is ours. Only http and https URLs are accepted.
*/
#ifndef ZC_URL_H
#define ZC_URL_H

#include <stdbool.h>
#include <stddef.h>

/* URLs longer than this (after normalization) are dropped (SPEC §5). */
#define ZC_URL_MAX 2048

/* Resolves ref (reflen bytes, not necessarily NUL-terminated) against base
   (an absolute URL, or NULL when ref must be absolute) and normalizes it.
   On success *out is a new string the caller frees. Returns ZC_EINVAL for a
   URL that does not parse or is not http(s), ZC_ETOOBIG past ZC_URL_MAX. */
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
