/*  zcrawl-sink — writes pages.jsonl and stats.json (see sink/zc_sink.h).

    Binds records PULL (--records, default port 5555) and stats PULL
    (--stats-in, default port 5556). Exit status: 0 when drained after
    SIGTERM/SIGINT, 1 on a runtime failure (cannot bind, cannot open the
    output), 2 on a usage error.
*/
#include "zc_config.h"
#include "zc_log.h"
#include "zc_signal.h"
#include "zc_sink.h"
#include "zc_sink_cfg.h"

#include <stdio.h>
#include <string.h>
#include <zmq.h>

int main(int argc, char **argv)
{
    zc_sink_cfg_t cfg;
    memset(&cfg, 0, sizeof cfg);
    int rc = zc_config_parse(&zc_sink_info, zc_sink_opts, &cfg, argc, argv, NULL);
    if (rc != ZC_CONFIG_OK) {
        zc_config_free(zc_sink_opts, &cfg);
        return rc == ZC_CONFIG_EXIT ? 0 : 2;
    }
    char err[256];
    if (zc_sink_cfg_check(&cfg, err, sizeof err) != 0) {
        fprintf(stderr, "zcrawl-sink: %s\n", err);
        zc_config_free(zc_sink_opts, &cfg);
        return 2;
    }
    if (zc_config_common("sink", &cfg.common) != ZC_CONFIG_OK) {
        zc_config_free(zc_sink_opts, &cfg);
        return 2;
    }
    int sigfd = zc_signal_init();
    void *ctx = zmq_ctx_new();
    zc_sink_t *sink = ctx && sigfd >= 0 ? zc_sink_new(&cfg, ctx) : NULL;
    int status = 1;
    if (sink)
        status = zc_sink_run(sink, sigfd) == 0 ? 0 : 1;
    zc_sink_destroy(&sink);
    if (ctx)
        zmq_ctx_term(ctx);
    zc_config_free(zc_sink_opts, &cfg);
    return status;
}
