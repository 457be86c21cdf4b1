/*  zcrawl-parser — a parser worker.

    PULL  connect --broker   (tcp://localhost:5553)  fetch results
    PUSH  connect --producer (tcp://localhost:5554)  feedback: links + record
    PUSH  connect --stats    (tcp://localhost:5556)  heartbeats to the sink
*/
#include "zc_log.h"
#include "zc_parser.h"
#include "zc_parser_cfg.h"
#include "zc_signal.h"
#include "zc_stats.h"

#include <zmq.h>

int main(int argc, char **argv)
{
    zc_parser_cfg_t cfg = {0};
    int rc = zc_config_parse(&zc_parser_info, zc_parser_opts, &cfg, argc, argv, NULL);
    if (rc == ZC_CONFIG_OK)
        rc = zc_config_common("parser", &cfg.common);
    if (rc == ZC_CONFIG_OK && zc_parser_cfg_check(&cfg) != 0)
        rc = ZC_CONFIG_USAGE;
    if (rc != ZC_CONFIG_OK) {
        zc_config_free(zc_parser_opts, &cfg);
        return rc == ZC_CONFIG_EXIT ? 0 : 2;
    }
    int stop_fd = zc_signal_init();
    void *ctx = zmq_ctx_new();
    int status = 1;
    zc_stats_t *stats = zc_stats_new(ctx, cfg.common.stats, "parser", cfg.common.worker);
    zc_parser_t *parser = stats ? zc_parser_new(ctx, &cfg, stats) : NULL;
    if (parser) {
        zc_info("parser started broker=%s producer=%s producers=%zu max_outlinks=%lld",
                cfg.broker, cfg.producer.v[0], cfg.producer.n, (long long)cfg.max_outlinks);
        status = zc_parser_run(parser, stop_fd) == 0 ? 0 : 1;
        zc_info("parser stopping");
        zc_stats_set_stopping(stats, true);
        zc_stats_tick(stats, true);
        zc_parser_destroy(&parser);
    }
    zc_stats_destroy(&stats);
    zmq_ctx_term(ctx);
    zc_config_free(zc_parser_opts, &cfg);
    return status;
}
