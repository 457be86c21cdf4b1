/*  zcrawl-broker — the stateless relay.

    PULL  bind --pull (port 5552)      fetch results from crawlers
    PUSH  bind --push (port 5553)      to parsers
    PUSH  connect --stats              heartbeats to the sink
*/
#include "zc_broker.h"
#include "zc_broker_cfg.h"
#include "zc_log.h"
#include "zc_signal.h"

#include <zmq.h>

int main(int argc, char **argv)
{
    zc_broker_cfg_t cfg = {0};
    int rc = zc_config_parse(&zc_broker_info, zc_broker_opts, &cfg, argc, argv, NULL);
    if (rc == ZC_CONFIG_OK)
        rc = zc_config_common("broker", &cfg.common);
    if (rc != ZC_CONFIG_OK) {
        zc_config_free(zc_broker_opts, &cfg);
        return rc == ZC_CONFIG_EXIT ? 0 : 2;
    }
    int stop_fd = zc_signal_init();
    void *ctx = zmq_ctx_new();
    zc_broker_t *broker = zc_broker_new(ctx, &cfg);
    int status = 1;
    if (broker) {
        zc_info("broker started pull=%s push=%s", cfg.pull, cfg.push);
        status = zc_broker_run(broker, stop_fd, -1) == 0 ? 0 : 1;
        zc_broker_destroy(&broker);
    }
    zmq_ctx_term(ctx);
    zc_config_free(zc_broker_opts, &cfg);
    return status;
}
