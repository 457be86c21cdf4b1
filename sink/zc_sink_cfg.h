/*  zc_sink_cfg — the sink's flags (each also a ZCRAWL_* environment variable).

    The table zc_sink_opts fills a zc_sink_cfg_t; `zcrawl run` links it to
    forward sink flags. zc_sink_cfg_check() validates what the table's types
    and ranges cannot.
*/
#ifndef ZC_SINK_CFG_H
#define ZC_SINK_CFG_H

#include "zc_config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    zc_common_cfg_t common;  /* its --stats is unused: the sink aggregates locally */
    char *records;           /* bind PULL: Record messages */
    char *stats_in;          /* bind PULL: Stats heartbeats */
    char *control;           /* bind PUB: Control to producer shards; "off": none */
    char *http;              /* --http ADDR:PORT for /metrics, /stats, /; "off": none */
    char *out;               /* output directory */
    int64_t drain_ms;        /* longest drain on SIGTERM/SIGINT */
    int64_t dead_after_ms;   /* a worker silent this long is shown dead */
    bool warc;               /* --warc: also write OUT/warc/ (zc_warc) */
    int64_t warc_max_bytes;  /* a WARC file is closed before it passes this */
} zc_sink_cfg_t;

extern const zc_opt_t zc_sink_opts[];
extern const zc_cmdinfo_t zc_sink_info;

/* 0 when the values are usable; otherwise ZC_EINVAL with a one-line reason
   (no trailing newline) in err. */
int zc_sink_cfg_check(const zc_sink_cfg_t *cfg, char *err, size_t errlen);

int zc_sink_cfg_test(bool verbose);

#endif
