/*  zc_broker_cfg — the broker's flags. */
#ifndef ZC_BROKER_CFG_H
#define ZC_BROKER_CFG_H

#include "zc_config.h"

typedef struct {
    zc_common_cfg_t common;
    char *pull;        /* bound PULL endpoint the crawlers push to */
    char *push;        /* bound PUSH endpoint the parsers pull from */
    int64_t max_bytes; /* page body limit, sizes the message limit */
} zc_broker_cfg_t;

extern const zc_opt_t zc_broker_opts[];
extern const zc_cmdinfo_t zc_broker_info;

int zc_broker_cfg_test(bool verbose);

#endif
