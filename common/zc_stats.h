/*  zc_stats — the per-process counters and the once-a-second heartbeat.

    A stage registers its metrics once and then bumps plain integers or doubles
    through the returned pointers (no lookup on the hot path). zc_stats_tick()
    sends a Stats message to the sink when a second has passed since the last
    one. Names follow Prometheus conventions without the zcrawl_ prefix, which
    the sink adds; labels may be part of a name: `pages_total{status_class="2xx"}`.
    Counters are totals since the process started; the sink keeps the latest
    message per worker and sums them.

    Health file: when the environment names one in ZCRAWL_HEALTH_FILE (the
    container image does), every heartbeat also touches that file (created if
    missing), so a container's HEALTHCHECK can tell that the process's event
    loop still turns: a stale file means a hung stage.
*/
#ifndef ZC_STATS_H
#define ZC_STATS_H

#include <stdbool.h>
#include <stdint.h>

#define ZC_STATS_MAX_METRICS 128
#define ZC_STATS_INTERVAL_MS 1000
#define ZC_STATS_HEALTH_ENV "ZCRAWL_HEALTH_FILE"

typedef struct zc_stats_t zc_stats_t;

/* Creates a reporter that pushes to the sink stats endpoint (NULL or "" for
   none: metrics are then only kept locally). Returns NULL if the endpoint is
   invalid. The ZeroMQ context stays the caller's. Reads ZC_STATS_HEALTH_ENV
   once, here. */
zc_stats_t *zc_stats_new(void *zmq_ctx, const char *endpoint, const char *stage, const char *worker);
void zc_stats_destroy(zc_stats_t **self_p);

/* Registers a counter or gauge and returns the storage to update; the same
   name returns the same slot. Aborts beyond ZC_STATS_MAX_METRICS (a
   programming error). */
uint64_t *zc_stats_counter(zc_stats_t *self, const char *name);
double *zc_stats_gauge(zc_stats_t *self, const char *name);

/* Producer only: marks the crawl complete (or not) with the number of records
   it has released, sent with every heartbeat. */
void zc_stats_set_complete(zc_stats_t *self, bool complete, uint64_t records);
void zc_stats_set_stopping(zc_stats_t *self, bool stopping);
/* Producer shard only: K of N, the last completion wave heard from the sink
   and the events handled so far, sent with every heartbeat (SPEC §10). */
void zc_stats_set_shard(zc_stats_t *self, uint32_t shard, uint32_t shards, uint64_t wave,
                        uint64_t activity);

/* Sends a heartbeat if ZC_STATS_INTERVAL_MS passed since the last one (or
   force), and touches the health file if there is one (a failure to is
   logged once, then ignored). Never blocks: a heartbeat the sink cannot take
   is dropped. Returns the ms until the next heartbeat is due. */
int zc_stats_tick(zc_stats_t *self, bool force);

int zc_stats_test(bool verbose);

#endif
