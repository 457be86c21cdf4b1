/*  zc_buf — a growable byte buffer with a hard maximum, and JSON writing.

    Every append checks the buffer's limit: an append that would pass it
    fails with ZC_ETOOBIG and leaves the buffer as it was, so no outside input
    can grow a buffer without bound. The JSON helpers write RFC 8259 strings:
    control characters escaped, invalid UTF-8 replaced by U+FFFD, so every
    output line is valid JSON whatever bytes a page held.
*/
#ifndef ZC_BUF_H
#define ZC_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *data;   /* always NUL-terminated when not NULL */
    size_t len;
    size_t cap;
    size_t max;   /* hard limit on len */
} zc_buf_t;

void zc_buf_init(zc_buf_t *b, size_t max);
void zc_buf_free(zc_buf_t *b);
void zc_buf_reset(zc_buf_t *b);

int zc_buf_add(zc_buf_t *b, const void *data, size_t len);
int zc_buf_adds(zc_buf_t *b, const char *s);
int zc_buf_addc(zc_buf_t *b, char c);
int zc_buf_printf(zc_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s (len bytes) as a quoted JSON string. */
int zc_buf_json_str(zc_buf_t *b, const char *s, size_t len);
/* Appends a quoted JSON string, or null when s is NULL. */
int zc_buf_json_strz(zc_buf_t *b, const char *s);

/* Length of the valid UTF-8 sequence at s (1–4), or 0 if it is not valid. */
size_t zc_utf8_seq(const unsigned char *s, size_t avail);

int zc_buf_test(bool verbose);

#endif
