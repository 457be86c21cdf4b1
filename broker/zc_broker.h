/*  zc_broker — the relay loop: PULL from crawlers, check, PUSH to parsers.

    The broker holds no state beyond one message in hand: it receives a frame,
    checks its structure in place (zc_wire), and forwards the very same frame
    (no copy) to the next parser that can take it. When no parser can take
    it, it stops reading, so the crawlers' queues fill and they slow down:
    backpressure passes through. Killing the broker loses only frames in its
    queues, which the producer's leases re-dispatch.
*/
#ifndef ZC_BROKER_H
#define ZC_BROKER_H

#include "zc_broker_cfg.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct zc_broker_t zc_broker_t;

/* Binds both endpoints. NULL (and a log line) if either cannot be bound.
   The context stays the caller's. */
zc_broker_t *zc_broker_new(void *zmq_ctx, const zc_broker_cfg_t *cfg);
void zc_broker_destroy(zc_broker_t **self_p);

/* Runs until stop_fd becomes readable (the signal pipe; -1 for none) or
   max_ms passes (-1: no limit). Returns 0. */
int zc_broker_run(zc_broker_t *self, int stop_fd, int64_t max_ms);

/* Messages relayed and dropped so far. */
uint64_t zc_broker_relayed(const zc_broker_t *self);
uint64_t zc_broker_dropped(const zc_broker_t *self);

int zc_broker_test(bool verbose);

#endif
