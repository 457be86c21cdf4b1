/*  zc_fetcher — the crawler's event loop: Tasks in, libcurl transfers, Fetches out.

    One zc_fetcher_t drives one libcurl multi handle and two ZeroMQ sockets it
    does not own: a PULL socket delivering Tasks and a PUSH socket taking the
    Fetch of every finished transfer. main() gives it the tcp sockets to the
    producer and the broker; the self-test gives it inproc sockets and runs it
    in-process, one zc_fetcher_run_once() at a time.

    Each call to zc_fetcher_run_once() takes Tasks while a transfer slot is
    free, waits in epoll_wait() on libcurl's sockets, the PULL socket's ZMQ_FD
    and an optional wake-up fd, lets libcurl work on the ready sockets
    (curl_multi_socket_action), and turns every finished transfer into one
    Fetch. zc_fetcher_run() repeats that, heartbeats stats,
    and on SIGINT/SIGTERM stops taking Tasks and lets in-flight transfers
    finish for up to ZC_FETCHER_DRAIN_MS before returning.

    Ownership: the config, the stats reporter and both sockets stay the
    caller's and must outlive the fetcher. The fetcher owns its curl handles,
    its transfer slots and every Task it took until its Fetch is sent.
*/
#ifndef ZC_FETCHER_H
#define ZC_FETCHER_H

#include "zc_crawler_cfg.h"
#include "zc_stats.h"

#include <stdbool.h>
#include <stddef.h>

/* How long in-flight transfers may run on after SIGINT/SIGTERM. */
#define ZC_FETCHER_DRAIN_MS 5000

typedef struct zc_fetcher_t zc_fetcher_t;

/* Creates a fetcher for cfg that pulls Tasks from in_sock and pushes Fetches
   to out_sock, registering its metrics in stats. Returns NULL if libcurl
   cannot be set up. */
zc_fetcher_t *zc_fetcher_new(const zc_crawler_cfg_t *cfg, zc_stats_t *stats, void *in_sock,
                             void *out_sock);

/* Aborts whatever is still in flight (those Tasks get no Fetch: their lease
   re-dispatches them), frees everything; NULL-safe, nulls *self_p. */
void zc_fetcher_destroy(zc_fetcher_t **self_p);

/* One loop iteration: take Tasks into free slots, wait up to wait_ms for
   network or socket activity, progress transfers, send finished ones.
   Returns 0, or ZC_EIO if epoll or libcurl fails. */
int zc_fetcher_run_once(zc_fetcher_t *self, int wait_ms);

/* Stops taking Tasks; sends of results give up drain_ms from now. */
void zc_fetcher_stop(zc_fetcher_t *self, int drain_ms);

/* Transfers in flight now (never more than cfg->concurrency). */
size_t zc_fetcher_inflight(const zc_fetcher_t *self);

/* Runs until SIGINT/SIGTERM, then drains for up to ZC_FETCHER_DRAIN_MS.
   wake_fd (the zc_signal_init() pipe, or -1) is polled with everything else.
   Returns 0 after a graceful stop, ZC_EIO on a runtime failure. */
int zc_fetcher_run(zc_fetcher_t *self, int wake_fd);

int zc_fetcher_test(bool verbose);

#endif
