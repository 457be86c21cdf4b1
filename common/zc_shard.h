/*  zc_shard — which producer shard owns a host (SPEC §10).

    The producer is split by host: shard K of N owns the hosts whose host key
    ("scheme://host[:port]", zc_url_hostkey) maps to K under jump consistent
    hashing (Lamping and Veach, 2014) of zc_hash64(key, ZC_SHARD_SEED). Going
    from N to N+1 shards moves about 1/(N+1) of the hosts, all to the new
    shard. Every stage that routes (producer, parser, `zcrawl seed`) uses
    these functions, so they agree on the owner of every URL.
*/
#ifndef ZC_SHARD_H
#define ZC_SHARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZC_SHARD_MAX 1024
#define ZC_SHARD_SEED 0x7a637261776c5348ULL

/* The bucket in [0, n) of key under jump consistent hashing; n >= 1. */
uint32_t zc_shard_jump(uint64_t key, uint32_t n);

/* The shard of a host key (its bytes, as zc_url_hostkey writes it). */
uint32_t zc_shard_of_hostkey(const char *key, size_t len, uint32_t n);

/* The shard of an absolute http(s) URL; with n == 1 always 0. A URL without
   a host key (not a URL) goes to shard 0, whose frontier then records it as
   bad. */
uint32_t zc_shard_of_url(const char *url, uint32_t n);

/* Parses "K/N" (0 <= K < N <= ZC_SHARD_MAX). 0, or ZC_EINVAL. */
int zc_shard_parse(const char *s, uint32_t *k, uint32_t *n);

int zc_shard_test(bool verbose);

#endif
