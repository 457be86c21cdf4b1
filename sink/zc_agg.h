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
#include "zc_shard.h"
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
   (may be NULL). With producer shards: see zc_agg_round. */
bool zc_agg_complete(const zc_agg_t *self, int64_t now_ms, uint64_t *expected);

/* Producer shards (SPEC §10). The sink runs completion rounds: it
   announces a wave number on its control socket, and every shard answers
   with a heartbeat carrying the wave, whether it is idle, and its activity
   count. A round is over when every shard 0..N-1 answered the current wave
   (its latest heartbeat carries exactly that wave);
   the crawl is complete when two rounds in a row found every shard idle with
   the same process and activity, and records written reach the sum of the
   shards' records_expected. The second round's answers were all sent after
   the first round's ended, so between the two no shard handled anything: a
   link in flight would have kept its sender busy (a FORWARD stays
   unconfirmed until its owner committed it), and no ack of a live lease can
   be in flight while its shard is idle.
   zc_agg_round checks whether the round under way is over and, if so, starts
   the next one (the wave goes up): ZC_AGG_ROUND_NOW when it found every
   shard idle (announce the new wave at once), ZC_AGG_ROUND_LATER otherwise
   (announce it with the next tick), ZC_AGG_ROUND_NONE when not over or
   there are no shards. */
enum { ZC_AGG_ROUND_NONE = 0, ZC_AGG_ROUND_LATER = 1, ZC_AGG_ROUND_NOW = 2 };
int zc_agg_round(zc_agg_t *self);
/* Starts the waves at wave (> 0; default 1). The sink starts them at its
   start's wall-clock ms, so that an answer to a wave of an earlier sink
   process cannot pass for an answer to this one's. Once complete, the
   crawl stays so until a shard reports busy (then the rounds start again). */
void zc_agg_set_wave(zc_agg_t *self, uint64_t wave);
uint64_t zc_agg_wave(const zc_agg_t *self);
uint32_t zc_agg_shards(const zc_agg_t *self); /* N, or 0 without sharded producers */

/* One producer shard as the sink last heard it, for the snapshot ("shards")
   and /metrics. gauges[] are its frontier_size, hosts, inflight and
   forwards_unconfirmed (zc_agg_shard_gauge_name). */
#define ZC_AGG_SHARD_GAUGES 4
typedef struct {
    uint32_t shard;
    const char *worker; /* NULL if never heard */
    bool present, alive, idle;
    uint64_t wave, activity, records;
    double gauges[ZC_AGG_SHARD_GAUGES];
} zc_agg_shard_t;
typedef int (*zc_agg_shard_fn)(void *arg, const zc_agg_shard_t *shard);
/* Calls fn for shards 0..N-1; stops at, and returns, fn's first non-zero. */
int zc_agg_each_shard(zc_agg_t *self, int64_t now_ms, zc_agg_shard_fn fn, void *arg);
const char *zc_agg_shard_gauge_name(int g);

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
