/*  zc_fpset — a set of 64-bit fingerprints (URL hashes), 8 bytes per entry.

    Open addressing with linear probing over a power-of-two table kept at most
    three quarters full (10M fingerprints take 128 MiB); the value 0 marks an empty slot, so a fingerprint of 0 is stored
    as 1 (one more collision in 2^64). Used for the producer's seen-set and the
    sink's once-per-URL check: no URL string is kept in RAM.
*/
#ifndef ZC_FPSET_H
#define ZC_FPSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zc_fpset_t zc_fpset_t;

zc_fpset_t *zc_fpset_new(size_t initial);
void zc_fpset_destroy(zc_fpset_t **self_p);

/* Adds fp; returns true if it was new, false if already present. */
bool zc_fpset_add(zc_fpset_t *self, uint64_t fp);
bool zc_fpset_has(const zc_fpset_t *self, uint64_t fp);
size_t zc_fpset_size(const zc_fpset_t *self);

/* Fingerprint of a URL string. */
uint64_t zc_fp_url(const char *url, size_t len);

int zc_fpset_test(bool verbose);

#endif
