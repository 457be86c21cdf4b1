/*  zc_cmd_seed — `zcrawl seed --producer HOST:PORT URL…`: adds seeds to a
    running producer by pushing one seed-injection Feedback (task_id 0) to its
    feedback endpoint. */
#ifndef ZC_CMD_SEED_H
#define ZC_CMD_SEED_H

#include <stdbool.h>

/* argv[0] is "seed". Returns the exit status (0, 1 or 2). */
int zc_cmd_seed(int argc, char **argv);

int zc_cmd_seed_test(bool verbose);

#endif
