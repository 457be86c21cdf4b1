/*  zc_robots — robots.txt rules for one crawler (RFC 9309).

    zc_robots_parse() reads a robots.txt file once and keeps only what one
    agent must obey: the rules of every group whose user-agent line names the
    agent's product token (case-insensitively, all such groups merged), else
    of every '*' group merged, else none (everything allowed). It never fails:
    lines it does not understand are skipped, and only the first
    ZC_ROBOTS_MAX_BYTES are read.

    Matching (zc_robots_allowed) is on the URL's path plus query. Both the
    rule patterns and the URL are compared in one canonical spelling
    (RFC 9309 2.2.2): percent-escapes of unreserved characters (ALPHA DIGIT
    - . _ ~) decoded, every other escape upper-cased, characters that may not
    appear raw in a URL (controls, space, non-ASCII octets, "<>\^`{|} and
    DEL) percent-encoded, and '*' and '$' of the URL written %2A and %24 so
    that a pattern can name them as RFC 9309 2.2.3 says. Other reserved
    characters stay as written: "/a%2Fb" and "/a/b" are different paths. In
    a pattern '*' matches any run of octets and a final '$' anchors it at the
    end; without '$' a pattern matches as a prefix. The longest pattern (in
    octets of its canonical spelling, '*' and '$' counted) that matches
    decides; Allow wins a tie; no match means allowed, and "/robots.txt" is
    always allowed.

    The rules are kept sorted by that priority, so the first rule that
    matches is the answer. A rule is a '*'-separated list of literal
    segments; it matches by finding each segment leftmost after the previous
    one (memmem), which is exact for such globs and takes time linear in the
    URL and the pattern: no backtracking, no allocation per call.

    Ownership: every zc_robots_t is the caller's, freed with
    zc_robots_destroy(). Strings it returns live as long as the object.
*/
#ifndef ZC_ROBOTS_H
#define ZC_ROBOTS_H

#include "zc_buf.h"
#include "zc_url.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 9309 2.5: at least 500 KiB parsed; beyond is ignored. */
#define ZC_ROBOTS_MAX_BYTES (500 * 1024)
#define ZC_ROBOTS_DELAY_MAX_MS (120 * 1000) /* Crawl-delay above this is capped */
/* Rules kept for the chosen agent; further rules are ignored. */
#define ZC_ROBOTS_MAX_RULES 10000
/* A rule whose canonical pattern is longer than this is ignored: it could
   not match any URL of at most ZC_URL_MAX bytes. */
#define ZC_ROBOTS_PATTERN_MAX (3 * ZC_URL_MAX)
/* Sitemap: lines kept (duplicates dropped); URLs over ZC_URL_MAX are ignored. */
#define ZC_ROBOTS_MAX_SITEMAPS 100
/* Room for a product token (zc_robots_product_token keeps at most
   ZC_ROBOTS_TOKEN_MAX - 1 characters when given this much). */
#define ZC_ROBOTS_TOKEN_MAX 64

/* The rules for ONE agent: the group(s) matching its product token, else '*'. */
typedef struct zc_robots_t zc_robots_t;

/* The product token of a User-Agent string: "zcrawl/0.1 (+http://x)" -> "zcrawl"
   (letters, digits, '_' and '-' only, RFC 9309 2.2.1: the leading run of
   such characters after any leading spaces), written NUL-terminated to buf
   of cap bytes (cap >= 1; a longer token is cut to cap - 1). Returns buf;
   "" when the string does not start with such a character. */
const char *zc_robots_product_token(const char *user_agent, char *buf, size_t cap);

/* Parses robots.txt text of len bytes (only the first ZC_ROBOTS_MAX_BYTES;
   a line the cap cuts in two is dropped). Never fails: bad lines are
   ignored. Keeps the rules of every group whose user-agent line matches the
   product token of agent (a User-Agent string or a bare token; NULL counts
   as "") case-insensitively, all such groups merged (RFC 9309 2.2.1), else
   the '*' groups merged, else no rules (allow all). A user-agent value
   matches by its own leading token ("foobot/1.0" names foobot). The
   Crawl-delay (seconds, may be fractional; the largest if several) comes
   from the chosen group(s); Sitemap: lines from anywhere in the file.
   Accepts LF, CR and CRLF line ends, a UTF-8 BOM, '#' comments, spaces and
   tabs around keys and values, keys in any case. */
zc_robots_t *zc_robots_parse(const char *text, size_t len, const char *agent);

/* No rules: everything allowed (e.g. robots.txt answered 4xx). */
zc_robots_t *zc_robots_allow_all(void);
/* One rule "Disallow: /" (e.g. robots.txt unreachable, 5xx). */
zc_robots_t *zc_robots_disallow_all(void);

/* NULL-safe; sets *self_p to NULL. */
void zc_robots_destroy(zc_robots_t **self_p);

/* True if the URL may be fetched. url is an absolute normalized http(s)
   URL (a string that starts with '/' is taken as the path itself); its
   path plus query ("/" if empty, fragment left out) is matched. A path plus
   query longer than ZC_URL_MAX is never allowed. No allocation. */
bool zc_robots_allowed(const zc_robots_t *self, const char *url);

/* Crawl-delay in ms of the chosen group(s), -1 if none; capped at
   ZC_ROBOTS_DELAY_MAX_MS. */
int64_t zc_robots_crawl_delay_ms(const zc_robots_t *self);

/* The Sitemap: URLs, in file order; i < zc_robots_nsitemaps(). */
size_t zc_robots_nsitemaps(const zc_robots_t *self);
const char *zc_robots_sitemap(const zc_robots_t *self, size_t i);

/* Appends a compact serialization of the chosen rules, the delay and the
   sitemaps to out (for the producer's on-disk store). When out's limit does
   not leave room, nothing is appended (out->len is unchanged). */
void zc_robots_serialize(const zc_robots_t *self, zc_buf_t *out);

/* Rebuilds an object from zc_robots_serialize()'s bytes. The data comes
   from disk, so everything is checked: NULL on any malformed, truncated or
   trailing byte. */
zc_robots_t *zc_robots_deserialize(const void *data, size_t len);

/* Number of rules kept (duplicates merged), for logs. */
size_t zc_robots_nrules(const zc_robots_t *self);

int zc_robots_test(bool verbose);

#endif
