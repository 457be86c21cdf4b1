/*  zc_producer — the producer's event loop: frontier in, tasks out, records released.

    Sockets (zguide style):
        tasks     PUSH  bind     --tasks     Task to crawlers
        feedback  PULL  bind     --feedback  Feedback from parsers (acks, links, records)
        sink      PUSH  connect  --sink      Record bytes to the sink
        stats     PUSH  connect  --stats     heartbeats (zc_stats)

    One single-threaded loop (zc_producer_step): expire due leases, drain the
    feedback socket, hand queued records to the sink, dispatch every URL whose
    host is ready, then zmq_poll until the next host is ready, the next lease
    expires, the next heartbeat is due, or a socket or the signal fd wakes it.
    The frontier logic itself lives in zc_frontier.
*/
#ifndef ZC_PRODUCER_H
#define ZC_PRODUCER_H

#include "zc_producer_cfg.h"
#include "zc_stats.h"

#include <stdbool.h>

typedef struct zc_producer_t zc_producer_t;

/* Binds and connects the sockets on zmq_ctx (which stays the caller's), and
   admits cfg's seeds. signal_fd is zc_signal_init()'s pipe, or -1 for none.
   cfg must outlive the producer. Returns NULL (reason logged) on failure. */
zc_producer_t *zc_producer_new(void *zmq_ctx, const zc_producer_cfg_t *cfg, int signal_fd);

/* Closes the sockets (queued records keep their linger) and frees everything. */
void zc_producer_destroy(zc_producer_t **self_p);

/* Runs one loop iteration, waiting at most max_wait_ms in zmq_poll. *done
   becomes true when the producer should exit: the crawl is complete (without
   --keep-running) or a signal asked it to stop. ZC_EIO if polling failed. */
int zc_producer_step(zc_producer_t *self, int max_wait_ms, bool *done);

/* Steps until done, then sends the final heartbeat. 0, or ZC_EIO. */
int zc_producer_run(zc_producer_t *self);

/* True while the crawl is complete (frontier empty, no lease, records out). */
bool zc_producer_complete(const zc_producer_t *self);

/* The producer's metrics (owned by the producer). */
zc_stats_t *zc_producer_stats(zc_producer_t *self);

int zc_producer_test(bool verbose);

#endif
