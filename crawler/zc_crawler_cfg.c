/*  zc_crawler_cfg — see zc_crawler_cfg.h. */
#include "zc_crawler_cfg.h"

#include "zc_util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T zc_crawler_cfg_t
const zc_opt_t zc_crawler_opts[] = {
    ZC_COMMON_OPTS(T),
    {"producer", ZC_OPT_LIST, offsetof(T, producer), NULL, 0, 0,
     "producer tasks endpoint to pull from [default: " ZC_CRAWLER_PRODUCER_DEFAULT "]; with "
     "producer shards, once per shard"},
    {"broker", ZC_OPT_STR, offsetof(T, broker), "tcp://localhost:5552", 0, 0,
     "broker endpoint to push fetches to"},
    {"concurrency", ZC_OPT_INT, offsetof(T, concurrency), "64", 1, ZC_CRAWLER_MAX_CONCURRENCY,
     "transfers in flight at most"},
    {"max-bytes", ZC_OPT_INT, offsetof(T, max_bytes), "10485760", 1, ZC_CRAWLER_MAX_BODY_BYTES,
     "body bytes kept per page, counted after decompression; more is cut (error too_large)"},
    {"user-agent", ZC_OPT_STR, offsetof(T, user_agent), "zcrawl/" ZC_VERSION, 0, 0,
     "User-Agent header (add a contact URL)"},
    {"connect-timeout-ms", ZC_OPT_INT, offsetof(T, connect_timeout_ms), "10000", 1, 3600000,
     "connection timeout"},
    {"timeout-ms", ZC_OPT_INT, offsetof(T, timeout_ms), "30000", 1, 86400000,
     "whole-transfer timeout"},
    {"low-speed-bytes", ZC_OPT_INT, offsetof(T, low_speed_bytes), "100", 0, 1000000000,
     "abort a transfer slower than this many bytes/s for --low-speed-ms (0: never)"},
    {"low-speed-ms", ZC_OPT_INT, offsetof(T, low_speed_ms), "10000", 1000, 3600000,
     "how long a transfer may stay below --low-speed-bytes (whole seconds)"},
    {"max-header-bytes", ZC_OPT_INT, offsetof(T, max_header_bytes), "65536", 1024,
     ZC_CRAWLER_MAX_HEADER_BYTES, "response header bytes at most (more: error http)"},
    {"allow-private", ZC_OPT_BOOL, offsetof(T, allow_private), NULL, 0, 0,
     "allow loopback, private, link-local and other internal addresses (SSRF guard off)"},
    {"insecure", ZC_OPT_BOOL, offsetof(T, insecure), NULL, 0, 0,
     "do not verify TLS certificates"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};
#undef T

const zc_cmdinfo_t zc_crawler_info = {
    "zcrawl-crawler", "[OPTION]...",
    "Crawler worker: pulls tasks from the producer, fetches them with many concurrent "
    "libcurl transfers (HTTP/1.1 and HTTP/2, redirects not followed, SSRF guard on the "
    "resolved address) and pushes each result to the broker."};

int zc_crawler_cfg_check(zc_crawler_cfg_t *cfg, char *err, size_t errsize)
{
    if (cfg->producer.n == 0)
        zc_strlist_push(&cfg->producer, ZC_CRAWLER_PRODUCER_DEFAULT);
    for (size_t i = 0; i < cfg->producer.n; i++)
        if (!cfg->producer.v[i] || !*cfg->producer.v[i]) {
            snprintf(err, errsize, "--producer must not be empty");
            return ZC_EINVAL;
        }
    if (!cfg->broker || !*cfg->broker) {
        snprintf(err, errsize, "--broker must not be empty");
        return ZC_EINVAL;
    }
    const char *ua = cfg->user_agent;
    if (!ua || !*ua || strlen(ua) > ZC_CRAWLER_MAX_UA_LEN) {
        snprintf(err, errsize, "--user-agent must hold 1 to %d characters",
                 ZC_CRAWLER_MAX_UA_LEN);
        return ZC_EINVAL;
    }
    for (const char *p = ua; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            snprintf(err, errsize, "--user-agent must not hold control characters");
            return ZC_EINVAL;
        }
    }
    return ZC_OK;
}

int zc_crawler_cfg_test(bool verbose)
{
    ZC_UNUSED(verbose);
    char err[128];
    zc_crawler_cfg_t c;
    memset(&c, 0, sizeof c);
    unsetenv("ZCRAWL_CONCURRENCY");
    setenv("ZCRAWL_MAX_BYTES", "4096", 1);
    char *argv1[] = {"t", "--concurrency", "8", "--allow-private", NULL};
    assert(zc_config_parse(&zc_crawler_info, zc_crawler_opts, &c, 4, argv1, NULL) ==
           ZC_CONFIG_OK);
    assert(c.concurrency == 8 && c.max_bytes == 4096 && c.allow_private && !c.insecure);
    assert(c.timeout_ms == 30000 && c.connect_timeout_ms == 10000 && c.max_header_bytes == 65536);
    assert(strcmp(c.user_agent, "zcrawl/" ZC_VERSION) == 0);
    assert(zc_crawler_cfg_check(&c, err, sizeof err) == 0);
    assert(c.producer.n == 1 && strcmp(c.producer.v[0], "tcp://localhost:5551") == 0);
    free(c.user_agent);
    c.user_agent = zc_strdup("bad\r\nX-Injected: 1");
    assert(zc_crawler_cfg_check(&c, err, sizeof err) == ZC_EINVAL);
    zc_config_free(zc_crawler_opts, &c);
    unsetenv("ZCRAWL_MAX_BYTES");

    /* Out of range: a usage error. */
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    char *argv2[] = {"t", "--concurrency", "10001", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&zc_crawler_info, zc_crawler_opts, &c, 3, argv2, NULL) ==
           ZC_CONFIG_USAGE);
    zc_config_free(zc_crawler_opts, &c);
    fclose(stderr);
    stderr = saved;
    return 0;
}
