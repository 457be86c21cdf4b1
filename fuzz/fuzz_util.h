/*  fuzz_util — what the libFuzzer targets share.

    FUZZ_CHECK traps (a crash libFuzzer reports with the input that caused
    it) when an invariant of the code under test does not hold: the targets
    check what must be true of every output, not only that nothing crashes.
    fuzz_init() is every target's LLVMFuzzerInitialize (quiet logging).
    fuzz_json_valid() is a strict RFC 8259 checker for the JSON the sink
    writes: one value, strings in valid UTF-8 without raw control
    characters, nesting bounded.
*/
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include "zc_buf.h"
#include "zc_log.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "fuzz: invariant failed: %s (%s:%d)\n", #cond, __FILE__,      \
                    __LINE__);                                                             \
            __builtin_trap();                                                              \
        }                                                                                  \
    } while (0)

/* Deeper JSON than this is refused by the checker (the sink writes depth 3). */
#define FUZZ_JSON_DEPTH 16

/* Quiet logging: errors only, so that a long run does not drown in warnings
   about the bad input it is made of. */
static inline void fuzz_quiet(void)
{
    zc_log_init("fuzz", "0", ZC_LOG_ERROR);
}

/* The libFuzzer entry points every target defines (declared here, as
   -Wmissing-prototypes wants). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a target's LLVMFuzzerInitialize does: quiet logging, the arguments
   left as they are. */
static inline int fuzz_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}

typedef struct {
    const unsigned char *p, *end;
} fuzz_json_t;

static inline void fuzz_json_ws(fuzz_json_t *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static inline bool fuzz_json_lit(fuzz_json_t *j, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
        return false;
    j->p += n;
    return true;
}

static inline bool fuzz_json_string(fuzz_json_t *j)
{
    if (j->p >= j->end || *j->p != '"')
        return false;
    j->p++;
    while (j->p < j->end) {
        unsigned char c = *j->p;
        if (c == '"') {
            j->p++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (j->end - j->p < 2)
                return false;
            unsigned char e = j->p[1];
            if (e == 'u') {
                if (j->end - j->p < 6)
                    return false;
                for (int i = 2; i < 6; i++) {
                    unsigned char h = j->p[i];
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ||
                          (h >= 'A' && h <= 'F')))
                        return false;
                }
                j->p += 6;
            } else if (strchr("\"\\/bfnrt", e) && e) {
                j->p += 2;
            } else {
                return false;
            }
            continue;
        }
        size_t n = zc_utf8_seq(j->p, (size_t)(j->end - j->p));
        if (n == 0)
            return false;
        j->p += n;
    }
    return false;
}

static inline bool fuzz_json_digits(fuzz_json_t *j)
{
    const unsigned char *s = j->p;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
        j->p++;
    return j->p > s;
}

static inline bool fuzz_json_number(fuzz_json_t *j)
{
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p < j->end && *j->p == '0')
        j->p++;
    else if (!fuzz_json_digits(j))
        return false;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (!fuzz_json_digits(j))
            return false;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (!fuzz_json_digits(j))
            return false;
    }
    return true;
}

static inline bool fuzz_json_value(fuzz_json_t *j, int depth)
{
    if (depth > FUZZ_JSON_DEPTH)
        return false;
    fuzz_json_ws(j);
    if (j->p >= j->end)
        return false;
    unsigned char c = *j->p;
    bool ok;
    if (c == '{' || c == '[') {
        unsigned char close = c == '{' ? '}' : ']';
        j->p++;
        fuzz_json_ws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return true;
        }
        for (;;) {
            if (c == '{') {
                fuzz_json_ws(j);
                if (!fuzz_json_string(j))
                    return false;
                fuzz_json_ws(j);
                if (j->p >= j->end || *j->p != ':')
                    return false;
                j->p++;
            }
            if (!fuzz_json_value(j, depth + 1))
                return false;
            fuzz_json_ws(j);
            if (j->p >= j->end)
                return false;
            if (*j->p == close) {
                j->p++;
                return true;
            }
            if (*j->p != ',')
                return false;
            j->p++;
        }
    } else if (c == '"') {
        ok = fuzz_json_string(j);
    } else if (c == 't') {
        ok = fuzz_json_lit(j, "true");
    } else if (c == 'f') {
        ok = fuzz_json_lit(j, "false");
    } else if (c == 'n') {
        ok = fuzz_json_lit(j, "null");
    } else {
        ok = fuzz_json_number(j);
    }
    return ok;
}

/* True when s[0..len) is exactly one JSON value (surrounding whitespace
   allowed). */
static inline bool fuzz_json_valid(const char *s, size_t len)
{
    fuzz_json_t j = {(const unsigned char *)s, (const unsigned char *)s + len};
    if (!fuzz_json_value(&j, 0))
        return false;
    fuzz_json_ws(&j);
    return j.p == j.end;
}

/* True when s[0..len) is valid UTF-8. */
static inline bool fuzz_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = zc_utf8_seq(p + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

#endif
