/*  zc_util — error codes, allocation, clocks and hashing shared by every stage.

    Functions that act return int: 0 (ZC_OK) on success, a negative ZC_E* code
    otherwise; zc_strerror() names it. The allocators abort on out-of-memory:
    a crawler that cannot allocate a few bytes has nothing sensible left to do,
    and callers stay free of unreachable error paths.
*/
#ifndef ZC_UTIL_H
#define ZC_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef ZC_VERSION
#define ZC_VERSION "0.0.0"
#endif

enum {
    ZC_OK = 0,
    ZC_EINVAL = -1,   /* bad argument or bad input */
    ZC_ENOMEM = -2,
    ZC_EIO = -3,      /* system call or file failure */
    ZC_EPROTO = -4,   /* malformed message */
    ZC_ETOOBIG = -5,  /* a hard limit was hit */
    ZC_EAGAIN = -6,   /* try again later (queue full, nothing ready) */
    ZC_ENOTFOUND = -7,
    ZC_EVERSION = -8, /* message of another format version */
    ZC_ESCOPE = -9,   /* outside the crawl's scope */
};

/* Names an error code; never NULL. */
const char *zc_strerror(int err);

#define ZC_UNUSED(x) (void)(x)
#define ZC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that aborts on failure; zc_free is free(). */
void *zc_malloc(size_t n);
void *zc_calloc(size_t n, size_t size);
void *zc_realloc(void *p, size_t n);
char *zc_strdup(const char *s);
char *zc_strndup(const char *s, size_t n);

/* Monotonic milliseconds (for deadlines) and Unix epoch milliseconds. */
int64_t zc_mono_ms(void);
int64_t zc_wall_ms(void);

/* Formats epoch ms as RFC 3339 UTC with milliseconds ("2026-01-02T03:04:05.678Z")
   into buf (at least 25 bytes). Returns buf. */
char *zc_rfc3339_ms(int64_t epoch_ms, char *buf, size_t size);

/* 64-bit hash of bytes (fast, well mixed; not cryptographic). */
uint64_t zc_hash64(const void *data, size_t len, uint64_t seed);

/* Parses a decimal integer in [min, max]; 0 on success, ZC_EINVAL otherwise. */
int zc_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* Copies the whole content of the file at path into a new buffer (NUL-terminated,
   size in *len). At most max bytes; larger files give ZC_ETOOBIG. */
int zc_read_file(const char *path, size_t max, char **data, size_t *len);

int zc_util_test(bool verbose);

#endif
