/*  zc_parser_cfg — see zc_parser_cfg.h. */
#include "zc_parser_cfg.h"

#include "zc_shard.h"

#include "zc_select.h"
#include "zc_util.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Upper bound of --max-outlinks: a page's feedback must fit a control message
   (ZC_CONTROL_MSG_MAX) with its links twice, in the record and as links. */
#define ZC_PARSER_OUTLINKS_MAX 10000

const zc_opt_t zc_parser_opts[] = {
    ZC_COMMON_OPTS(zc_parser_cfg_t),
    {"broker", ZC_OPT_STR, offsetof(zc_parser_cfg_t, broker), "tcp://localhost:5553", 0, 0,
     "broker endpoint to pull fetch results from (PULL, connect)"},
    {"producer", ZC_OPT_LIST, offsetof(zc_parser_cfg_t, producer), NULL, 0, 0,
     "producer feedback endpoint to push links and records to (PUSH, connect) [default: "
     ZC_PARSER_PRODUCER_DEFAULT "]; with producer shards, once per shard in shard order"},
    {"max-bytes", ZC_OPT_INT, offsetof(zc_parser_cfg_t, max_bytes), "10485760", 1024,
     INT64_C(1) << 32, "largest page body accepted (bytes)"},
    {"max-outlinks", ZC_OPT_INT, offsetof(zc_parser_cfg_t, max_outlinks), "1000", 0,
     ZC_PARSER_OUTLINKS_MAX, "outlinks kept per page (the first ones, in document order)"},
    {"extract", ZC_OPT_LIST, offsetof(zc_parser_cfg_t, extract), NULL, 0, 0,
     "extraction rule NAME=SELECTOR[@attr]: its values go into the record's items"},
    {"warc", ZC_OPT_BOOL, offsetof(zc_parser_cfg_t, warc), NULL, 0, 0,
     "records carry the HTTP exchange (headers and body) for the sink's WARC output"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};

const zc_cmdinfo_t zc_parser_info = {
    "zcrawl-parser", "[OPTION]...",
    "A parser worker: takes fetch results from the broker, extracts the title and the\n"
    "outlinks of HTML pages (honouring <base>, rel=nofollow, meta robots and\n"
    "X-Robots-Tag) and the values of the --extract rules, and sends the producer one\n"
    "feedback message per task: the links to follow and the page's output record.\n"
    "Start as many as the crawl needs."};

int zc_parser_cfg_check(zc_parser_cfg_t *cfg)
{
    if (cfg->producer.n == 0)
        zc_strlist_push(&cfg->producer, ZC_PARSER_PRODUCER_DEFAULT);
    if (cfg->producer.n > ZC_SHARD_MAX) {
        fprintf(stderr, "zcrawl-parser: --producer given more than %d times\n", ZC_SHARD_MAX);
        return ZC_EINVAL;
    }
    for (size_t i = 0; i < cfg->producer.n; i++)
        if (!cfg->producer.v[i] || !*cfg->producer.v[i]) {
            fprintf(stderr, "zcrawl-parser: --producer must not be empty\n");
            return ZC_EINVAL;
        }
    if (!cfg->broker || !*cfg->broker) {
        fprintf(stderr, "zcrawl-parser: --broker must not be empty\n");
        return ZC_EINVAL;
    }
    char err[ZC_SELECT_ERR_MAX];
    zc_select_rules_t *rules = NULL;
    if (zc_select_compile(&cfg->extract, &rules, err, sizeof err) != ZC_OK) {
        fprintf(stderr, "zcrawl-parser: --extract %s\n", err);
        return ZC_EINVAL;
    }
    zc_select_rules_destroy(&rules);
    return ZC_OK;
}

int zc_parser_cfg_test(bool verbose)
{
    ZC_UNUSED(verbose);
    zc_parser_cfg_t c = {0};
    setenv("ZCRAWL_MAX_OUTLINKS", "50", 1);
    char *argv[] = {"p", "--broker", "tcp://127.0.0.1:1", "--max-bytes=2048", NULL};
    assert(zc_config_parse(&zc_parser_info, zc_parser_opts, &c, 4, argv, NULL) == ZC_CONFIG_OK);
    unsetenv("ZCRAWL_MAX_OUTLINKS");
    assert(strcmp(c.broker, "tcp://127.0.0.1:1") == 0);
    assert(c.max_bytes == 2048 && c.max_outlinks == 50);
    assert(zc_parser_cfg_check(&c) == ZC_OK);
    assert(c.producer.n == 1 && strcmp(c.producer.v[0], "tcp://localhost:5554") == 0);
    zc_config_free(zc_parser_opts, &c);
    /* Shards: --producer once per shard, in order. */
    char *shards[] = {"p", "--producer", "a:1", "--producer", "b:1", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&zc_parser_info, zc_parser_opts, &c, 5, shards, NULL) == ZC_CONFIG_OK);
    assert(zc_parser_cfg_check(&c) == ZC_OK);
    assert(c.producer.n == 2 && strcmp(c.producer.v[1], "b:1") == 0);
    zc_config_free(zc_parser_opts, &c);

    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    char *bad[] = {"p", "--max-outlinks", "-1", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&zc_parser_info, zc_parser_opts, &c, 3, bad, NULL) == ZC_CONFIG_USAGE);
    zc_config_free(zc_parser_opts, &c);
    char *empty[] = {"p", "--producer=", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&zc_parser_info, zc_parser_opts, &c, 2, empty, NULL) == ZC_CONFIG_OK);
    assert(zc_parser_cfg_check(&c) == ZC_EINVAL);
    zc_config_free(zc_parser_opts, &c);

    /* --extract: repeatable, from the environment one rule per line, a bad
       selector refused by the check. */
    setenv("ZCRAWL_EXTRACT", "a=div.post a@href\nb=h1", 1);
    char *ext[] = {"p", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&zc_parser_info, zc_parser_opts, &c, 1, ext, NULL) == ZC_CONFIG_OK);
    unsetenv("ZCRAWL_EXTRACT");
    assert(c.extract.n == 2 && strcmp(c.extract.v[0], "a=div.post a@href") == 0);
    assert(zc_parser_cfg_check(&c) == ZC_OK);
    zc_config_free(zc_parser_opts, &c);
    char *ext2[] = {"p", "--extract", "post=a.t@href", "--extract=bad=a..b", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&zc_parser_info, zc_parser_opts, &c, 4, ext2, NULL) == ZC_CONFIG_OK);
    assert(c.extract.n == 2 && zc_parser_cfg_check(&c) == ZC_EINVAL);
    zc_config_free(zc_parser_opts, &c);
    fclose(stderr);
    stderr = saved;
    return 0;
}
