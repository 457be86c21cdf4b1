/*  zc_cmd_seed — see zc_cmd_seed.h. */
#include "zc_cmd_seed.h"

#include "zc_config.h"
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_shard.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define ZC_SEED_SEND_TIMEOUT_MS 10000 /* give up if no producer takes the seeds */

#define ZC_SEED_PRODUCER_DEFAULT "tcp://localhost:5554"

typedef struct {
    zc_common_cfg_t common;
    zc_strlist_t producer; /* feedback endpoint of every shard, in shard order */
} s_seed_cfg_t;

static const zc_opt_t s_seed_opts[] = {
    {"log-level", ZC_OPT_STR, offsetof(s_seed_cfg_t, common.log_level), "info", 0, 0,
     "debug, info, warn or error"},
    {"producer", ZC_OPT_LIST, offsetof(s_seed_cfg_t, producer), NULL, 0, 0,
     "the producer's feedback endpoint [default: " ZC_SEED_PRODUCER_DEFAULT "]; with producer "
     "shards, every shard's, in shard order"},
    ZC_CURVE_OPT(s_seed_cfg_t),
    {NULL, 0, 0, NULL, 0, 0, NULL}};

static const zc_cmdinfo_t s_seed_info = {
    "zcrawl seed", "[--producer HOST:PORT]... URL...",
    "Adds seed URLs to a running producer. Each URL is normalized first; one that is\n"
    "not a valid http(s) URL is a usage error and nothing is sent. With producer\n"
    "shards (--producer once per shard, in shard order) each seed goes to the shard\n"
    "that owns its host, and every other shard learns it for its scope."};

/* Splits the seeds for shard k of n: the ones it owns go in links, the
   others in scope. */
static void s_split(const zc_strlist_t *all, uint32_t k, uint32_t n, zc_strlist_t *links,
                    zc_strlist_t *scope)
{
    for (size_t i = 0; i < all->n; i++)
        zc_strlist_push(zc_shard_of_url(all->v[i], n) == k ? links : scope, all->v[i]);
}

/* Normalizes every URL into links; a bad one is reported and fails the lot. */
static int s_collect(const zc_strlist_t *urls, zc_strlist_t *links)
{
    for (size_t i = 0; i < urls->n; i++) {
        char *norm = NULL;
        int rc = zc_url_normalize(urls->v[i], &norm);
        if (rc) {
            fprintf(stderr, "zcrawl seed: not a valid http(s) URL: %s (%s)\n", urls->v[i],
                    zc_strerror(rc));
            return ZC_EINVAL;
        }
        zc_strlist_push(links, norm);
        free(norm);
    }
    return ZC_OK;
}

int zc_cmd_seed(int argc, char **argv)
{
    s_seed_cfg_t cfg = {0};
    zc_strlist_t urls = {0}, links = {0};
    int status = 2;
    int rc = zc_config_parse(&s_seed_info, s_seed_opts, &cfg, argc, argv, &urls);
    if (rc == ZC_CONFIG_OK)
        rc = zc_config_common("seed", &cfg.common);
    if (rc == ZC_CONFIG_EXIT)
        status = 0;
    if (rc != ZC_CONFIG_OK)
        goto done;
    if (urls.n == 0) {
        fprintf(stderr, "zcrawl seed: no URL given (try --help)\n");
        goto done;
    }
    if (s_collect(&urls, &links))
        goto done;

    if (cfg.producer.n == 0)
        zc_strlist_push(&cfg.producer, ZC_SEED_PRODUCER_DEFAULT);
    if (cfg.producer.n > ZC_SHARD_MAX) {
        fprintf(stderr, "zcrawl seed: --producer given more than %d times\n", ZC_SHARD_MAX);
        goto done;
    }

    status = 0;
    void *ctx = zmq_ctx_new();
    uint32_t n = (uint32_t)cfg.producer.n;
    for (uint32_t k = 0; k < n && status == 0; k++) {
        const char *ep = cfg.producer.v[k];
        zc_strlist_t mine = {0}, scope = {0};
        s_split(&links, k, n, &mine, &scope);
        status = 1;
        /* Immediate: writable only once a producer took the connection (and,
           under CURVE, admitted this client's key), so a refusal is an error. */
        zc_sockopt_t opt = {.type = ZMQ_PUSH, .immediate = true, .peer = "producer"};
        void *sock = zc_sock_open(ctx, &opt, ep, false);
        if (sock) {
            Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
            fb.version = ZC_FORMAT_VERSION;
            fb.has_task_id = true;
            fb.task_id = 0;
            fb.n_links = mine.n;
            fb.links = mine.v;
            fb.n_scope = scope.n;
            fb.scope = scope.v;
            /* Wait until the producer's end can take it, bounded. */
            zmq_pollitem_t it = {sock, 0, ZMQ_POLLOUT, 0};
            if (zmq_poll(&it, 1, ZC_SEED_SEND_TIMEOUT_MS) == 1 &&
                zc_msg_send(sock, &fb.base, ZMQ_DONTWAIT) == 0) {
                zc_info("seeds sent producer=%s shard=%u count=%zu scope=%zu", ep, k, mine.n,
                        scope.n);
                status = 0;
            } else {
                zc_error("no producer took the seeds producer=%s", ep);
            }
            zc_sock_close(&sock);
        }
        zc_strlist_free(&mine);
        zc_strlist_free(&scope);
    }
    zmq_ctx_term(ctx);
done:
    zc_strlist_free(&urls);
    zc_strlist_free(&links);
    zc_config_free(s_seed_opts, &cfg);
    free(cfg.common.worker); /* set by zc_config_common, not by the table */
    return status;
}

int zc_cmd_seed_test(bool verbose)
{
    ZC_UNUSED(verbose);
    zc_strlist_t urls = {0}, links = {0};
    zc_strlist_push(&urls, "HTTP://Example.com:80/a/../b#x");
    zc_strlist_push(&urls, "https://x.org");
    assert(s_collect(&urls, &links) == 0);
    assert(links.n == 2 && !strcmp(links.v[0], "http://example.com/b") &&
           !strcmp(links.v[1], "https://x.org/"));
    /* Shards: every seed is one shard's, and in every other's scope. */
    for (uint32_t n = 1; n <= 4; n++) {
        size_t owned = 0;
        for (uint32_t k = 0; k < n; k++) {
            zc_strlist_t mine = {0}, scope = {0};
            s_split(&links, k, n, &mine, &scope);
            assert(mine.n + scope.n == links.n);
            owned += mine.n;
            for (size_t i = 0; i < mine.n; i++)
                assert(zc_shard_of_url(mine.v[i], n) == k);
            zc_strlist_free(&mine);
            zc_strlist_free(&scope);
        }
        assert(owned == links.n);
    }
    zc_strlist_free(&links);
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    zc_strlist_push(&urls, "ftp://nope/");
    assert(s_collect(&urls, &links) == ZC_EINVAL);
    fclose(stderr);
    stderr = saved;
    zc_strlist_free(&links);
    zc_strlist_free(&urls);
    return 0;
}
