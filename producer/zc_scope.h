/*  zc_scope — which URLs belong to the crawl (SPEC §5: --scope, --include, --exclude).

    A URL is in scope iff
    1. its host belongs to a seed: in host mode the exact host name (case-insensitive; port and
       scheme ignored), in domain mode the registrable domain by the Public Suffix List (libpsl;
       an IP address, or a host that is itself a public suffix, is its own domain), in any mode
       every host; and
    2. no --include pattern was given, or at least one matches the normalized URL; and
    3. no --exclude pattern matches the normalized URL.
    Patterns are POSIX extended regular expressions, unanchored (use ^ and $ to anchor).
    One trailing dot of a host name is ignored ("a.test." is the host "a.test").

    Seeds extend the scope: zc_scope_add_seed() stores a 64-bit hash of the seed's host (host
    mode) or registrable domain (domain mode) in a zc_fpset; no host string is kept.

    zc_scope_check() runs for every link the producer sees. It allocates nothing itself (the host
    is lower-cased into a stack buffer and hashed); in domain mode each label suffix of the host
    is first looked up in the seed set, so a link to a foreign site costs a few hash lookups and
    libpsl is asked only when some suffix is a seed's domain. The include/exclude patterns run
    only for URLs whose host is in scope (regexec() may allocate inside the C library).

    A zc_scope_t is read-only after its seeds are added; one process uses it from one thread.
*/
#ifndef ZC_SCOPE_H
#define ZC_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { ZC_SCOPE_HOST = 0, ZC_SCOPE_DOMAIN = 1, ZC_SCOPE_ANY = 2 } zc_scope_mode_t;

typedef enum {
    ZC_SCOPE_IN = 0,
    ZC_SCOPE_OUT,     /* host/domain not a seed's (or no host at all) */
    ZC_SCOPE_EXCLUDED /* host in scope, but --include/--exclude rule it out */
} zc_scope_verdict_t;

typedef struct zc_scope_t zc_scope_t;

/* Creates a scope with no seeds (host and domain mode: nothing is in scope yet; any mode:
   every host). include/exclude are ninclude/nexclude POSIX ERE patterns (compiled with
   REG_EXTENDED | REG_NOSUB; the strings are not kept). Domain mode loads the Public Suffix List
   with psl_latest(NULL) (the system's list), falling back to libpsl's built-in copy.
   Returns NULL on a pattern that does not compile, on a bad mode, or in domain mode when no
   Public Suffix List can be loaded; *err (if err is not NULL) then gets a malloc'd message the
   caller frees (for a pattern: the option, the pattern and regerror()'s text). On success *err
   is set to NULL. */
zc_scope_t *zc_scope_new(zc_scope_mode_t mode, const char *const *include, size_t ninclude,
                         const char *const *exclude, size_t nexclude, char **err);

/* Frees the scope; NULL-safe; sets *self_p to NULL. */
void zc_scope_destroy(zc_scope_t **self_p);

/* "host", "domain" or "any" -> *out and ZC_OK; anything else (NULL too) -> ZC_EINVAL, *out
   untouched. */
int zc_scope_mode_parse(const char *s, zc_scope_mode_t *out);

/* Extends the scope to the host (host mode) or registrable domain (domain mode) of url, a
   normalized absolute http(s) URL. Returns ZC_EINVAL, scope unchanged, if url has no host.
   In any mode the host is only checked. Adding the same host twice is harmless. */
int zc_scope_add_seed(zc_scope_t *self, const char *url);

/* Verdict for url, a normalized absolute URL: ZC_SCOPE_OUT when its host is not a seed's (or it
   has none), else ZC_SCOPE_EXCLUDED when the include/exclude patterns rule it out, else
   ZC_SCOPE_IN. */
zc_scope_verdict_t zc_scope_check(const zc_scope_t *self, const char *url);

/* Name of a verdict for logs and metric labels: "in", "scope" (OUT), "excluded"; never NULL. */
const char *zc_scope_verdict_name(zc_scope_verdict_t v);

/* Number of seed hosts/domains stored (0 in any mode). */
size_t zc_scope_size(const zc_scope_t *self);

int zc_scope_test(bool verbose);

#endif
