/*  zc_sink — the sink's event loop: records in, pages.jsonl and stats.json out.

    Sockets (both bound, every producer and worker connects):
      records   PULL  --records   (default: port 5555, all interfaces)  Record messages
      stats-in  PULL  --stats-in  (default: port 5556, all interfaces)  Stats heartbeats

    One single-threaded loop waits in zmq_poll on both sockets and the signal
    pipe, for at most a second; each wake-up takes a bounded batch from each
    socket (ZMQ_DONTWAIT), so a flood on one cannot starve the other. Records
    go to zc_jsonl (once per URL), heartbeats and the sink's own counts to
    zc_agg. Once a second pages.jsonl is flushed and OUT/stats.json replaced
    atomically (written to a temporary file, then renamed). A malformed
    message is counted (bad_messages_total) and logged at most once a second.

    With --http (zc_http), the same loop serves GET /stats (the stats.json
    text, at most ZC_SINK_HTTP_FRESH_MS old), /metrics (Prometheus text,
    zc_prom, rendered at most once per tick) and / (the dashboard page,
    sink/dashboard.html, compiled in): the HTTP daemon's epoll descriptor is
    one more item of the zmq_poll set. An address that cannot be bound is
    logged and the sink runs on without HTTP.

    On SIGTERM/SIGINT (or zc_sink_stop) the loop keeps taking records until
    the crawl is complete (a producer said so and every expected record is
    written), or no record came for ZC_SINK_QUIET_MS, or --drain-ms passed;
    then it flushes, writes stats.json a last time and returns.
*/
#ifndef ZC_SINK_H
#define ZC_SINK_H

#include "zc_agg.h"
#include "zc_sink_cfg.h"

#include <stdbool.h>

#define ZC_SINK_BATCH 256          /* messages per socket per wake-up */
#define ZC_SINK_TICK_MS 1000       /* flush and stats.json period */
#define ZC_SINK_QUIET_MS 500       /* draining ends after this long without a record */
#define ZC_SINK_WARN_EVERY_MS 1000 /* at most one warning of a kind per period */
#define ZC_SINK_STATS_FILE "stats.json"
#define ZC_SINK_HTTP_FRESH_MS 200  /* GET /stats renders anew past this age */

typedef struct zc_sink_t zc_sink_t;

/* Creates the output directory (and parents) if missing, opens pages.jsonl
   (resuming an existing one) and binds both sockets. cfg must outlive the
   sink; the ZeroMQ context stays the caller's. Returns NULL (logged) when
   the directory, the file or a socket cannot be set up. */
zc_sink_t *zc_sink_new(const zc_sink_cfg_t *cfg, void *zmq_ctx);

/* Flushes and closes everything; NULL-safe, nulls *self_p. */
void zc_sink_destroy(zc_sink_t **self_p);

/* Runs the loop until interrupted (signal, or zc_sink_stop) and drained.
   sigfd is the zc_signal_init() pipe, or -1. Returns 0, or ZC_EIO when
   polling fails for good (context terminated). */
int zc_sink_run(zc_sink_t *self, int sigfd);

/* Asks the loop to drain and return, as SIGTERM does. */
void zc_sink_stop(zc_sink_t *self);

/* The aggregator (for the self-test and for monitoring); owned by the sink. */
zc_agg_t *zc_sink_agg(zc_sink_t *self);

int zc_sink_test(bool verbose);

#endif
