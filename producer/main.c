/*  zcrawl-producer — the frontier.

    Binds tasks (PUSH, --tasks) and feedback (PULL, --feedback), connects to
    the sink's records (--sink) and stats (--stats) endpoints. Exits 0 when the
    crawl is complete (unless --keep-running) or on SIGTERM/SIGINT, 1 on a
    runtime failure, 2 on a usage error.
*/
#include "zc_config.h"
#include "zc_log.h"
#include "zc_producer.h"
#include "zc_producer_cfg.h"
#include "zc_signal.h"

#include <string.h>
#include <zmq.h>

int main(int argc, char **argv)
{
    zc_producer_cfg_t cfg;
    memset(&cfg, 0, sizeof cfg);
    int rc = zc_config_parse(&zc_producer_info, zc_producer_opts, &cfg, argc, argv, NULL);
    if (rc == ZC_CONFIG_OK)
        rc = zc_producer_cfg_check(&cfg);
    if (rc == ZC_CONFIG_OK)
        rc = zc_config_common("producer", &cfg.common);
    if (rc != ZC_CONFIG_OK) {
        zc_config_free(zc_producer_opts, &cfg);
        return rc == ZC_CONFIG_EXIT ? 0 : 2;
    }
    int sigfd = zc_signal_init();
    if (sigfd < 0) {
        zc_error("cannot install signal handlers");
        zc_config_free(zc_producer_opts, &cfg);
        return 1;
    }
    void *ctx = zmq_ctx_new();
    zc_producer_t *producer = zc_producer_new(ctx, &cfg, sigfd);
    int status = 1;
    if (producer)
        status = zc_producer_run(producer) == 0 ? 0 : 1;
    zc_producer_destroy(&producer);
    zmq_ctx_term(ctx);
    zc_config_free(zc_producer_opts, &cfg);
    return status;
}
