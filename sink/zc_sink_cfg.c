/*  zc_sink_cfg — see zc_sink_cfg.h. */
#include "zc_sink_cfg.h"

#include "zc_http.h"
#include "zc_msg.h"
#include "zc_util.h"
#include "zc_warc.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_DRAIN_MS_MAX (3600 * 1000)
#define S_DEAD_AFTER_MS_MIN 100
#define S_DEAD_AFTER_MS_MAX (24 * 3600 * 1000)

const zc_opt_t zc_sink_opts[] = {
    ZC_COMMON_OPTS(zc_sink_cfg_t),
    {"records", ZC_OPT_STR, offsetof(zc_sink_cfg_t, records), "tcp://*:5555", 0, 0,
     "endpoint to bind for records (PULL)"},
    {"stats-in", ZC_OPT_STR, offsetof(zc_sink_cfg_t, stats_in), "tcp://*:5556", 0, 0,
     "endpoint to bind for every process's heartbeats (PULL)"},
    {"control", ZC_OPT_STR, offsetof(zc_sink_cfg_t, control), "tcp://*:5557", 0, 0,
     "endpoint to bind for control messages to producer shards (PUB): completion rounds and "
     "the end of the crawl; \"off\": none"},
    {"http", ZC_OPT_STR, offsetof(zc_sink_cfg_t, http), "127.0.0.1:8080", 0, 0,
     "serve /metrics, /stats and the dashboard on ADDR:PORT (off: no HTTP; a port "
     "that cannot be bound is logged and HTTP stays off)"},
    {"out", ZC_OPT_STR, offsetof(zc_sink_cfg_t, out), "out", 0, 0,
     "output directory (pages.jsonl, stats.json); created if missing"},
    {"drain-ms", ZC_OPT_INT, offsetof(zc_sink_cfg_t, drain_ms), "10000", 0, S_DRAIN_MS_MAX,
     "on SIGTERM/SIGINT, keep taking records at most this long"},
    {"dead-after-ms", ZC_OPT_INT, offsetof(zc_sink_cfg_t, dead_after_ms), "5000",
     S_DEAD_AFTER_MS_MIN, S_DEAD_AFTER_MS_MAX, "a worker without a heartbeat this long is dead"},
    {"warc", ZC_OPT_BOOL, offsetof(zc_sink_cfg_t, warc), NULL, 0, 0,
     "also write the fetches as WARC/1.1 files in OUT/warc/ (the parsers need --warc too)"},
    {"warc-max-bytes", ZC_OPT_INT, offsetof(zc_sink_cfg_t, warc_max_bytes), "1073741824",
     ZC_WARC_MAX_BYTES_MIN, ZC_WARC_MAX_BYTES_MAX,
     "start a new WARC file rather than let one pass this size (bytes)"},
    {NULL, 0, 0, NULL, 0, 0, NULL},
};

const zc_cmdinfo_t zc_sink_info = {
    "zcrawl-sink",
    "[OPTION]...",
    "The result sink: writes one JSON line per URL to OUT/pages.jsonl (each URL once, "
    "also across restarts on the same directory) and aggregates every process's "
    "heartbeats into OUT/stats.json, rewritten once a second.",
};

int zc_sink_cfg_check(const zc_sink_cfg_t *cfg, char *err, size_t errlen)
{
    char ep[512];
    if (zc_endpoint(cfg->records, ep, sizeof ep) != 0) {
        snprintf(err, errlen, "invalid --records endpoint '%s'", cfg->records ? cfg->records : "");
        return ZC_EINVAL;
    }
    if (zc_endpoint(cfg->stats_in, ep, sizeof ep) != 0) {
        snprintf(err, errlen, "invalid --stats-in endpoint '%s'",
                 cfg->stats_in ? cfg->stats_in : "");
        return ZC_EINVAL;
    }
    if (!cfg->control || (strcmp(cfg->control, "off") != 0 &&
                          zc_endpoint(cfg->control, ep, sizeof ep) != 0)) {
        snprintf(err, errlen, "invalid --control endpoint '%s'", cfg->control ? cfg->control : "");
        return ZC_EINVAL;
    }
    char host[ZC_HTTP_HOST_MAX];
    int port;
    if (!zc_http_disabled(cfg->http) && zc_http_parse(cfg->http, host, sizeof host, &port) != 0) {
        snprintf(err, errlen, "invalid --http address '%s' (HOST:PORT, [IPV6]:PORT, *:PORT or off)",
                 cfg->http);
        return ZC_EINVAL;
    }
    if (!cfg->out || !*cfg->out) {
        snprintf(err, errlen, "--out must name a directory");
        return ZC_EINVAL;
    }
    return ZC_OK;
}

int zc_sink_cfg_test(bool verbose)
{
    ZC_UNUSED(verbose);
    zc_sink_cfg_t c;
    memset(&c, 0, sizeof c);
    char *argv[] = {"zcrawl-sink", "--out", "/tmp/o", "--drain-ms", "250", NULL};
    setenv("ZCRAWL_DEAD_AFTER_MS", "777", 1);
    assert(zc_config_parse(&zc_sink_info, zc_sink_opts, &c, 5, argv, NULL) == ZC_CONFIG_OK);
    unsetenv("ZCRAWL_DEAD_AFTER_MS");
    assert(strcmp(c.records, "tcp://*:5555") == 0 && strcmp(c.stats_in, "tcp://*:5556") == 0);
    assert(strcmp(c.out, "/tmp/o") == 0 && c.drain_ms == 250 && c.dead_after_ms == 777);
    char err[256];
    assert(zc_sink_cfg_check(&c, err, sizeof err) == 0);
    assert(strcmp(c.http, "127.0.0.1:8080") == 0);
    free(c.http);
    c.http = zc_strdup("off");
    assert(zc_sink_cfg_check(&c, err, sizeof err) == 0);
    free(c.http);
    c.http = zc_strdup("8080");
    assert(zc_sink_cfg_check(&c, err, sizeof err) == ZC_EINVAL && strstr(err, "--http"));
    free(c.http);
    c.http = zc_strdup("[::1]:0");
    assert(zc_sink_cfg_check(&c, err, sizeof err) == 0);
    free(c.out);
    c.out = zc_strdup("");
    assert(zc_sink_cfg_check(&c, err, sizeof err) == ZC_EINVAL && strstr(err, "--out"));
    zc_config_free(zc_sink_opts, &c);
    return 0;
}
