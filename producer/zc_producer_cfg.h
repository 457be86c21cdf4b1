/*  zc_producer_cfg — the producer's flags, their ZCRAWL_* variables, and checks.

    zc_producer_opts is the option table zc_config_parse() fills a
    zc_producer_cfg_t from (and `zcrawl run` forwards flags with);
    zc_producer_cfg_check() validates what the table cannot express and loads
    --seed-file into the seed list.
*/
#ifndef ZC_PRODUCER_CFG_H
#define ZC_PRODUCER_CFG_H

#include "zc_config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Flag ranges. */
#define ZC_PRODUCER_DEPTH_MAX 1000000
#define ZC_PRODUCER_PAGES_MAX INT64_C(1000000000000)
#define ZC_PRODUCER_DELAY_MAX_MS (24 * 3600 * 1000)
#define ZC_PRODUCER_CONCURRENCY_MAX 1000
#define ZC_PRODUCER_LEASE_MAX_MS (7 * 24 * 3600 * 1000)
#define ZC_PRODUCER_ATTEMPTS_MAX 100
#define ZC_PRODUCER_INFLIGHT_MAX 10000000
/* A --seed-file larger than this is refused. */
#define ZC_PRODUCER_SEED_FILE_MAX ((size_t)1 << 30)

typedef struct {
    zc_common_cfg_t common;
    char *tasks;        /* bind: PUSH Task */
    char *feedback;     /* bind: PULL Feedback */
    char *sink;         /* connect: PUSH Record */
    zc_strlist_t seeds;
    char *seed_file;
    char *state;
    char *scope;        /* "host", "domain" or "any" */
    zc_strlist_t include, exclude;  /* POSIX ERE on the normalized URL */
    int64_t max_urls_per_host;
    char *user_agent;   /* robots.txt groups are chosen by its product token */
    int64_t max_depth;
    int64_t max_pages;
    int64_t delay_ms;
    int64_t host_concurrency;
    int64_t lease_ms;
    int64_t max_attempts;
    int64_t max_inflight;
    bool keep_running;
    char *shard;        /* "K/N" (SPEC §10) */
    uint32_t shard_k, shard_n; /* parsed from shard by zc_producer_cfg_check */
    zc_strlist_t peers; /* with N > 1: every shard's feedback endpoint, in shard order */
    char *control;      /* with N > 1: the sink's control endpoint (SUB, connect) */
} zc_producer_cfg_t;

extern const zc_opt_t zc_producer_opts[];
extern const zc_cmdinfo_t zc_producer_info;

/* Checks cfg after parsing: --shard and --peer, --scope, --seed-file (its URLs are appended to
   cfg->seeds), --state (created if missing). On a bad value prints one line
   on stderr and returns ZC_CONFIG_USAGE; ZC_CONFIG_OK otherwise. */
int zc_producer_cfg_check(zc_producer_cfg_t *cfg);

/* Appends the URLs of a seed file's text (one per line; blank lines and lines
   starting with '#' skipped; surrounding white space trimmed) to out. */
void zc_producer_seeds_parse(const char *text, size_t len, zc_strlist_t *out);

int zc_producer_cfg_test(bool verbose);

#endif
