/*  zc_parser_cfg — the parser's flags.

    --extract NAME=SELECTOR[@attr] is repeatable (zc_select); from the
    environment, ZCRAWL_EXTRACT holds one rule per line, since selectors hold
    spaces. zc_parser_cfg_check compiles the rules once to refuse a bad one
    at startup (exit 2); zc_parser_new compiles them for its own use.
*/
#ifndef ZC_PARSER_CFG_H
#define ZC_PARSER_CFG_H

#include "zc_config.h"

#define ZC_PARSER_PRODUCER_DEFAULT "tcp://localhost:5554"

typedef struct {
    zc_common_cfg_t common;
    char *broker;         /* connected PULL endpoint: fetch results from the broker */
    zc_strlist_t producer; /* PUSH endpoints: feedback to producer shard 0, 1, ... (SPEC §10) */
    int64_t max_bytes;    /* page body limit, sizes the message limit */
    int64_t max_outlinks; /* outlinks kept per page */
    zc_strlist_t extract; /* extraction rules, NAME=SELECTOR[@attr] */
    bool warc;            /* --warc: records carry the exchange (Capture) for the sink's WARC */
} zc_parser_cfg_t;

extern const zc_opt_t zc_parser_opts[];
extern const zc_cmdinfo_t zc_parser_info;

/* Checks values the table cannot (the extraction rules compile); prints a
   one-line message on stderr and returns ZC_EINVAL for a bad one (exit 2),
   ZC_OK otherwise. */
int zc_parser_cfg_check(zc_parser_cfg_t *cfg);

int zc_parser_cfg_test(bool verbose);

#endif
