/*  zc_prom — the sink's aggregates in the Prometheus text exposition format
    (version 0.0.4), for GET /metrics.

    Input is the aggregator's view (zc_agg_each_total, zc_agg_each_worker):
    internal metric names as the stages register them, without prefix and
    with labels written into the name (`pages_total{status_class="2xx"}`).
    Each name is split into a base and its labels, the base mapped to a
    Prometheus family (a fixed table for the names the stages send, e.g.
    frontier_size -> zcrawl_frontier_urls; any other name gets the zcrawl_
    prefix, and a counter the _total suffix), labels re-escaped per the
    format, and samples grouped by family, each family with one HELP and one
    TYPE line. The crawler's fetch_duration_seconds_bucket{le=…},
    fetch_duration_ms_sum and fetch_duration_seconds_count become the
    histogram zcrawl_fetch_duration_seconds (the sum converted to seconds).
    Added by the sink: zcrawl_up{stage,worker} (1 alive, 0 dead) and
    zcrawl_worker_heartbeat_age_seconds{stage,worker} per worker,
    zcrawl_crawl_complete, zcrawl_records_expected, zcrawl_pages_per_second.

    Names or labels that do not fit Prometheus syntax (a peer can send any
    metric name) are left out, as are a second sample of the same series and
    a sample whose family was already given another type: the exposition is
    always valid.
*/
#ifndef ZC_PROM_H
#define ZC_PROM_H

#include "zc_agg.h"
#include "zc_buf.h"

#include <stdbool.h>
#include <stdint.h>

#define ZC_PROM_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"
#define ZC_PROM_PREFIX "zcrawl_"

/* Appends the exposition of agg at now_ms to out. Returns 0, or ZC_ETOOBIG
   when out's limit is hit (out then holds a partial text). */
int zc_prom_render(zc_agg_t *agg, int64_t now_ms, zc_buf_t *out);

int zc_prom_test(bool verbose);

#endif
