/*  zcrawl-crawler — fetches the producer's Tasks and hands each result to the broker.

    Sockets: PULL connects to the producer (--producer, tcp://localhost:5551),
    PUSH connects to the broker (--broker, tcp://localhost:5552), stats PUSH
    to the sink (--stats). The loop itself is zc_fetcher (one libcurl multi,
    many transfers at once); SIGINT/SIGTERM stop taking Tasks and let
    in-flight transfers finish for up to ZC_FETCHER_DRAIN_MS.
*/
#include "zc_config.h"
#include "zc_crawler_cfg.h"
#include "zc_fetcher.h"
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_signal.h"
#include "zc_stats.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <zmq.h>

/* On exit, Fetches still queued for an unreachable broker are given this long
   before they are dropped (their Tasks' leases re-dispatch them), so drain
   plus linger stays within a container's usual 10 s stop grace period. */
#define ZC_CRAWLER_EXIT_LINGER_MS 2000
/* Every page's Fetch buffer is allocated by the loop and freed by ZeroMQ's
   I/O thread once sent. glibc would hand the freed top of the heap back to
   the kernel (and fault the pages in again for the next page) whenever more
   than 128 KiB is free there; keep up to this much instead. The heap still
   never holds more than the crawler's peak use plus this. */
#define ZC_CRAWLER_MALLOC_TRIM_BYTES (64 * 1024 * 1024)
/* Buffers up to this size come from the heap, not from mmap/munmap per page
   (glibc's default is 128 KiB, raised only after a large free). */
#define ZC_CRAWLER_MALLOC_MMAP_BYTES (4 * 1024 * 1024)

int main(int argc, char **argv)
{
    zc_crawler_cfg_t cfg;
    memset(&cfg, 0, sizeof cfg);
    int rc = zc_config_parse(&zc_crawler_info, zc_crawler_opts, &cfg, argc, argv, NULL);
    if (rc != ZC_CONFIG_OK) {
        zc_config_free(zc_crawler_opts, &cfg);
        return rc == ZC_CONFIG_EXIT ? 0 : 2;
    }
    char err[256];
    if (zc_crawler_cfg_check(&cfg, err, sizeof err) != 0) {
        fprintf(stderr, "zcrawl-crawler: %s\n", err);
        zc_config_free(zc_crawler_opts, &cfg);
        return 2;
    }
    if (zc_config_common("crawler", &cfg.common) != ZC_CONFIG_OK) {
        zc_config_free(zc_crawler_opts, &cfg);
        return 2;
    }
    int sig_fd = zc_signal_init();
    if (sig_fd < 0) {
        zc_error("cannot install signal handlers");
        zc_config_free(zc_crawler_opts, &cfg);
        return 1;
    }

    mallopt(M_TRIM_THRESHOLD, ZC_CRAWLER_MALLOC_TRIM_BYTES);
    mallopt(M_MMAP_THRESHOLD, ZC_CRAWLER_MALLOC_MMAP_BYTES);
    int status = 1;
    void *ctx = zmq_ctx_new();
    /* A small receive queue: a worker must not hoard Tasks others could fetch. */
    zc_sockopt_t in_opt = {.type = ZMQ_PULL, .maxmsg = ZC_CONTROL_MSG_MAX,
                           .rcvhwm = (int)cfg.concurrency, .peer = "producer"};
    /* One queue per producer shard: split the slots so that the total stays. */
    if (cfg.producer.n > 1) {
        in_opt.rcvhwm = (int)(cfg.concurrency / (int64_t)cfg.producer.n);
        if (in_opt.rcvhwm < 1)
            in_opt.rcvhwm = 1;
    }
    /* Fetches carry bodies: queue few of them when the broker is slow or down. */
    zc_sockopt_t out_opt = {.type = ZMQ_PUSH, .maxmsg = cfg.max_bytes + ZC_MSG_OVERHEAD,
                            .sndhwm = (int)cfg.concurrency, .peer = "broker"};
    /* Tasks from every producer shard, fair-queued by the one socket. */
    void *in = zc_sock_open(ctx, &in_opt, cfg.producer.v[0], false);
    for (size_t i = 1; in && i < cfg.producer.n; i++)
        if (zc_sock_connect(in, cfg.producer.v[i]) != 0)
            zc_sock_close(&in);
    void *out = zc_sock_open(ctx, &out_opt, cfg.broker, false);
    zc_stats_t *stats = zc_stats_new(ctx, cfg.common.stats, "crawler", cfg.common.worker);
    zc_fetcher_t *fetcher = NULL;
    if (!in || !out || !stats)
        goto done;
    fetcher = zc_fetcher_new(&cfg, stats, in, out);
    if (!fetcher)
        goto done;
    zc_info("crawler started producer=%s producers=%zu broker=%s concurrency=%lld max_bytes=%lld",
            cfg.producer.v[0], cfg.producer.n, cfg.broker, (long long)cfg.concurrency, (long long)cfg.max_bytes);
    status = zc_fetcher_run(fetcher, sig_fd) == 0 ? 0 : 1;
    zc_info("crawler stopped status=%d", status);
done:
    zc_fetcher_destroy(&fetcher);
    if (out) {
        int linger = ZC_CRAWLER_EXIT_LINGER_MS;
        zmq_setsockopt(out, ZMQ_LINGER, &linger, sizeof linger);
    }
    zc_stats_destroy(&stats);
    zc_sock_close(&in);
    zc_sock_close(&out);
    zmq_ctx_term(ctx);
    zc_config_free(zc_crawler_opts, &cfg);
    return status;
}
