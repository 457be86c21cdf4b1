/*  zc_crawler_cfg — the crawler's configuration: its flags and their checks.

    zc_crawler_opts is the option table (flags and ZCRAWL_* variables) that
    zc_config_parse() fills a zc_crawler_cfg_t from; `zcrawl run` uses the same
    table to forward flags to its crawler processes. Ranges of integer flags
    live in the table; zc_crawler_cfg_check() adds the checks a range cannot
    express. The struct owns its strings (zc_config_free releases them).
*/
#ifndef ZC_CRAWLER_CFG_H
#define ZC_CRAWLER_CFG_H

#include "zc_config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Hard limits of the flags. */
#define ZC_CRAWLER_MAX_CONCURRENCY 10000
#define ZC_CRAWLER_MAX_BODY_BYTES (1024LL * 1024 * 1024)   /* --max-bytes ceiling */
#define ZC_CRAWLER_MAX_HEADER_BYTES (128 * 1024) /* headers must fit ZC_MSG_OVERHEAD */
#define ZC_CRAWLER_MAX_UA_LEN 512

#define ZC_CRAWLER_PRODUCER_DEFAULT "tcp://localhost:5551"

typedef struct {
    zc_common_cfg_t common;
    zc_strlist_t producer;     /* tasks endpoints (connect PULL): every producer shard */
    char *broker;              /* fetches endpoint (connect PUSH) */
    int64_t concurrency;       /* transfers in flight at most */
    int64_t max_bytes;         /* decoded body bytes kept per page */
    char *user_agent;
    int64_t connect_timeout_ms;
    int64_t timeout_ms;        /* whole transfer */
    int64_t low_speed_bytes;   /* abort below this many bytes/s ... */
    int64_t low_speed_ms;      /* ... sustained this long (0 bytes: off) */
    int64_t max_header_bytes;  /* response header block */
    bool allow_private;        /* skip the SSRF guard (tests on loopback) */
    bool insecure;             /* skip TLS verification */
} zc_crawler_cfg_t;

extern const zc_opt_t zc_crawler_opts[];
extern const zc_cmdinfo_t zc_crawler_info;

/* Checks what the table's ranges do not. Returns 0, or ZC_EINVAL with a
   one-line reason in err. */
int zc_crawler_cfg_check(zc_crawler_cfg_t *cfg, char *err, size_t errsize);

int zc_crawler_cfg_test(bool verbose);

#endif
