/*  zc_config — command-line flags and ZCRAWL_* environment variables.

    Each binary describes its flags once, as a table of zc_opt_t pointing into
    its own config struct (by offset). zc_config_parse() fills the struct from,
    in increasing precedence: the table's defaults, ZCRAWL_<FLAG> environment
    variables (dashes become underscores, letters upper case), and argv. It
    handles --help and --version itself. A bad flag or value is a usage error:
    a one-line message on stderr and exit status 2 for the caller.

    Repeatable flags (ZC_OPT_LIST) accumulate; from the environment a list is
    split on newlines when the value holds one, otherwise on spaces.
*/
#ifndef ZC_CONFIG_H
#define ZC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum { ZC_OPT_STR, ZC_OPT_INT, ZC_OPT_BOOL, ZC_OPT_LIST } zc_opt_type_t;

/* A growable list of owned strings. */
typedef struct {
    char **v;
    size_t n;
} zc_strlist_t;

void zc_strlist_push(zc_strlist_t *l, const char *s);
void zc_strlist_free(zc_strlist_t *l);

typedef struct {
    const char *name;    /* long flag without dashes, e.g. "delay-ms"; NULL ends a table */
    zc_opt_type_t type;
    size_t offset;       /* of the char * / int64_t / bool / zc_strlist_t field */
    const char *def;     /* default as text, NULL for none */
    int64_t min, max;    /* range of ZC_OPT_INT */
    const char *help;
} zc_opt_t;

typedef struct {
    const char *name;    /* binary name, e.g. "zcrawl-producer" */
    const char *usage;   /* e.g. "[OPTION]..." */
    const char *summary; /* one paragraph shown by --help */
} zc_cmdinfo_t;

enum { ZC_CONFIG_OK = 0, ZC_CONFIG_EXIT = 1, ZC_CONFIG_USAGE = 2 };

/* Fills cfg (which the caller zeroed) from defaults, environment and argv
   (argv[0] is skipped). Arguments that are not flags go to positional if it
   is not NULL, and are a usage error otherwise; "--" ends the flags.
   Returns ZC_CONFIG_OK, ZC_CONFIG_EXIT (help or version printed: exit 0) or
   ZC_CONFIG_USAGE (message printed: exit 2). */
int zc_config_parse(const zc_cmdinfo_t *info, const zc_opt_t *opts, void *cfg, int argc,
                    char **argv, zc_strlist_t *positional);

/* The table entry named name, or NULL. */
const zc_opt_t *zc_config_find(const zc_opt_t *opts, const char *name);

/* Prints the --help text. */
void zc_config_usage(const zc_cmdinfo_t *info, const zc_opt_t *opts, FILE *out);

/* Frees the strings and lists a parse stored in cfg. */
void zc_config_free(const zc_opt_t *opts, void *cfg);

/* Flags every stage shares; put ZC_COMMON_OPTS(type) in each stage table, with
   a `zc_common_cfg_t common;` member in its config struct. */
typedef struct {
    char *log_level;
    char *worker;
    char *stats;     /* sink stats endpoint */
    char *curve;     /* --curve DIR: CURVE keys (zc_msg.h); NULL or "" for plain sockets */
} zc_common_cfg_t;

#define ZC_COMMON_OPTS(T)                                                                  \
    {"log-level", ZC_OPT_STR, offsetof(T, common.log_level), "info", 0, 0,                 \
     "debug, info, warn or error"},                                                        \
    {"worker", ZC_OPT_STR, offsetof(T, common.worker), NULL, 0, 0,                         \
     "name of this process in logs and stats (default: host-pid)"},                        \
    {"stats", ZC_OPT_STR, offsetof(T, common.stats), "tcp://localhost:5556", 0, 0,        \
     "sink stats endpoint to push heartbeats to"},                                         \
    ZC_CURVE_OPT(T)

/* --curve, also for commands that take only some of the common flags. */
#define ZC_CURVE_OPT(T)                                                                    \
    {"curve", ZC_OPT_STR, offsetof(T, common.curve), NULL, 0, 0,                           \
     "directory of CURVE keys (zcrawl keygen): authenticated, encrypted sockets"}

/* Applies the common flags: logging set up for stage, worker name chosen,
   and with --curve the keys of zc_curve_identity(stage) loaded (zc_msg.h); a
   missing or garbled key file is a usage error naming the file.
   Returns ZC_CONFIG_OK or ZC_CONFIG_USAGE. */
int zc_config_common(const char *stage, zc_common_cfg_t *common);

int zc_config_test(bool verbose);

#endif
