/*  zc_parser_cfg — the parser's flags. */
#ifndef ZC_PARSER_CFG_H
#define ZC_PARSER_CFG_H

#include "zc_config.h"

typedef struct {
    zc_common_cfg_t common;
    char *broker;         /* connected PULL endpoint: fetch results from the broker */
    char *producer;       /* connected PUSH endpoint: feedback to the producer */
    int64_t max_bytes;    /* page body limit, sizes the message limit */
    int64_t max_outlinks; /* outlinks kept per page */
} zc_parser_cfg_t;

extern const zc_opt_t zc_parser_opts[];
extern const zc_cmdinfo_t zc_parser_info;

/* Checks values the table cannot; prints a one-line message on stderr and
   returns ZC_EINVAL for a bad one (exit 2), ZC_OK otherwise. */
int zc_parser_cfg_check(const zc_parser_cfg_t *cfg);

int zc_parser_cfg_test(bool verbose);

#endif
