/*  zc_agg — the sink's pipeline-wide view: every worker's latest heartbeat,
    the sink's own counters, and the stats.json snapshot built from them.

    Each Stats heartbeat replaces the previous one of its (stage, worker). A
    worker is alive while heartbeats keep coming (see zc_agg_new); dead workers
    are kept, because their counters are part of the crawl's totals. Totals sum
    the latest counters of every worker ever seen, the gauges of live workers
    only, and the sink's own counters (records written, duplicates, bad
    messages, pages by status class, errors by kind), which the sink counts
    here as it writes records.

    Every table is bounded: at most ZC_AGG_MAX_WORKERS workers (when full, the
    longest-dead worker is retired, its counters folded into the totals; with
    none dead, the heartbeat is dropped and counted), at most ZC_AGG_MAX_NAMES
    distinct metric names, ZC_AGG_MAX_METRICS per heartbeat, names up to
    ZC_AGG_MAX_NAME_LEN bytes. What does not fit is dropped and counted, so no
    peer can grow the sink's memory without bound.

    The snapshot also lists the last ZC_AGG_LATEST records written ("latest",
    newest first: url, status, error, title, depth, bytes, fetch_ms, at), for
    the dashboard; their strings are cut to bounded lengths.

    Time is passed in (monotonic ms, and wall ms for the snapshot's "time"), so
    the self-test can play a whole timeline without sleeping.
*/
#ifndef ZC_AGG_H
#define ZC_AGG_H

#include "zc_buf.h"
#include "zcrawl.pb-c.h"

#include <stdbool.h>
#include <stdint.h>

#define ZC_AGG_MAX_WORKERS 4096
#define ZC_AGG_MAX_NAMES 4096
#define ZC_AGG_MAX_NAME_LEN 256
#define ZC_AGG_MAX_METRICS 512
#define ZC_AGG_MAX_ID_LEN 128        /* stage and worker names */
#define ZC_AGG_RATE_WINDOW_S 5       /* pages_per_s averages this many whole seconds */
#define ZC_AGG_STOPPED_GONE_MS 2000  /* a worker that said stopping is gone after this silence */
#define ZC_AGG_JSON_MAX (64u << 20)  /* hard limit of one stats.json snapshot */
#define ZC_AGG_LATEST 20             /* records kept for "latest" */
#define ZC_AGG_LATEST_URL_MAX 1024   /* bytes of a URL kept there */
#define ZC_AGG_LATEST_TITLE_MAX 200  /* bytes of a title kept there */

typedef struct zc_agg_t zc_agg_t;

/* Creates an aggregator for the sink named worker (shown as its own entry in
   the workers list). A worker not heard for dead_after_ms is dead. now_ms is
   the monotonic start time (for uptime_s). Never NULL (allocation aborts). */
zc_agg_t *zc_agg_new(const char *worker, int64_t dead_after_ms, int64_t now_ms);
void zc_agg_destroy(zc_agg_t **self_p);

/* Takes one heartbeat (the message stays the caller's). Returns 0, ZC_EINVAL
   for a heartbeat without a usable stage/worker name, or ZC_ETOOBIG when the
   worker table is full of live workers (dropped, counted in
   workers_dropped_total). Metrics that do not fit are dropped and counted in
   metrics_dropped_total. A heartbeat from a known (stage, worker) with a new
   pid is a restart: the old process's counters are kept in the totals. */
int zc_agg_heartbeat(zc_agg_t *self, const Zcrawl__Stats *st, int64_t now_ms);

/* Counts one record written to pages.jsonl: its status (has_status false →
   class "none", like status 0) and error kind (NULL for none; unknown kinds
   count as "other"). */
void zc_agg_record(zc_agg_t *self, bool has_status, uint32_t status, const char *error,
                   int64_t now_ms);
/* Keeps r (copied, strings cut) as the newest of the latest records; wall_ms
   stands in for a missing fetched_at. */
void zc_agg_latest(zc_agg_t *self, const Zcrawl__Record *r, int64_t wall_ms);

void zc_agg_duplicate(zc_agg_t *self);
void zc_agg_bad_message(zc_agg_t *self);

/* Records already in pages.jsonl when the sink started; they count as
   written (for records_written and the completeness check). */
void zc_agg_set_recovered(zc_agg_t *self, uint64_t n);

uint64_t zc_agg_written(const zc_agg_t *self);    /* recovered + written by this process */
uint64_t zc_agg_duplicates(const zc_agg_t *self);
uint64_t zc_agg_bad_messages(const zc_agg_t *self);

/* True when the crawl is complete: the producers that count (the live ones;
   with none alive, those that exited saying stopping) all said complete, and
   records written >= the sum of their records_expected, stored in *expected
   (may be NULL). */
bool zc_agg_complete(const zc_agg_t *self, int64_t now_ms, uint64_t *expected);

/* Records written per second over the last ZC_AGG_RATE_WINDOW_S whole seconds. */
double zc_agg_rate(zc_agg_t *self, int64_t now_ms);

/* Appends the stats.json snapshot (one JSON object, no newline) to out.
   Returns 0 or ZC_ETOOBIG when out's limit is hit. */
int zc_agg_json(zc_agg_t *self, int64_t now_ms, int64_t wall_ms, zc_buf_t *out);

/* Calls fn for every name of the totals (as in the snapshot's "totals", in
   name order) with its summed value and whether any worker sent it as a
   gauge. Stops at, and returns, the first non-zero return of fn. */
typedef int (*zc_agg_total_fn)(void *arg, const char *name, double value, bool gauge);
int zc_agg_each_total(zc_agg_t *self, int64_t now_ms, zc_agg_total_fn fn, void *arg);

/* Calls fn for the sink itself, then every worker in (stage, worker) order,
   with its liveness and the ms since its last heartbeat. Stops as above. */
typedef int (*zc_agg_worker_fn)(void *arg, const char *stage, const char *worker, bool alive,
                                int64_t age_ms);
int zc_agg_each_worker(zc_agg_t *self, int64_t now_ms, zc_agg_worker_fn fn, void *arg);

/* Appends a JSON number for v: integers without a fraction, others with up to
   15 significant digits, non-finite values as null. */
int zc_agg_json_num(zc_buf_t *out, double v);

int zc_agg_test(bool verbose);

#endif
