/*  zc_run — `zcrawl run`: the whole pipeline as local processes.

    Starts the sink, the producer, the broker, M parsers and N crawlers as
    separate processes of the stage binaries found next to `zcrawl`, wired
    over ipc:// endpoints in a private run directory, and supervises them:

      starting --(all spawned)--> running --(producer exits 0)--> finishing
      running  --(a stage dies)--> running, after restarting it (s_reap)
      running  --(SIGINT/SIGTERM)--> stopping
      finishing/stopping --(s_shutdown: workers, then the sink)--> done

    Like a container restart policy, a stage that dies is restarted (and
    logged); a stage that exits with status 2 (a usage error) stops the run
    with status 2, since restarting it cannot help. The producer exiting 0
    means the crawl is complete: workers are stopped, then the sink, which
    drains every record before it exits.

    Flags that are not run's own are forwarded to every stage that knows
    them (the stages' own option tables say which), so `zcrawl run` accepts
    any producer, crawler, broker, parser or sink flag. Endpoints and worker
    names are run's to choose.
*/
#ifndef ZC_RUN_H
#define ZC_RUN_H

#include <stdbool.h>

/* argv[0] is "run". Returns the process exit status: 0 crawl complete,
   1 runtime failure or interrupted before completion, 2 usage error. */
int zc_run_main(int argc, char **argv);

int zc_run_test(bool verbose);

#endif
