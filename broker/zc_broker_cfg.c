/*  zc_broker_cfg — see zc_broker_cfg.h. */
#include "zc_broker_cfg.h"

#include <assert.h>
#include <string.h>

const zc_opt_t zc_broker_opts[] = {
    ZC_COMMON_OPTS(zc_broker_cfg_t),
    {"pull", ZC_OPT_STR, offsetof(zc_broker_cfg_t, pull), "tcp://*:5552", 0, 0,
     "endpoint to bind for fetches from crawlers (PULL)"},
    {"push", ZC_OPT_STR, offsetof(zc_broker_cfg_t, push), "tcp://*:5553", 0, 0,
     "endpoint to bind for parsers (PUSH)"},
    {"max-bytes", ZC_OPT_INT, offsetof(zc_broker_cfg_t, max_bytes), "10485760", 1024,
     INT64_C(1) << 32, "largest page body relayed (bytes)"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};

const zc_cmdinfo_t zc_broker_info = {
    "zcrawl-broker", "[OPTION]...",
    "The stateless relay between crawler and parser workers: fetch results pushed by any\n"
    "number of crawlers are handed to any number of parsers, each to one. Malformed\n"
    "messages are dropped and counted."};

int zc_broker_cfg_test(bool verbose)
{
    (void)verbose;
    zc_broker_cfg_t c = {0};
    char *argv[] = {"b", "--pull", "tcp://127.0.0.1:1", NULL};
    assert(zc_config_parse(&zc_broker_info, zc_broker_opts, &c, 3, argv, NULL) == ZC_CONFIG_OK);
    assert(strcmp(c.pull, "tcp://127.0.0.1:1") == 0 && strcmp(c.push, "tcp://*:5553") == 0);
    assert(c.max_bytes == 10485760);
    zc_config_free(zc_broker_opts, &c);
    return 0;
}
