/*  zc_cmd_status — `zcrawl status [--sink ADDR:PORT] [--watch]`: the sink's
    live view (SPEC §7) in a terminal.

    Fetches the sink's GET /stats (the stats.json snapshot) with libcurl,
    parses it with jansson and prints totals, pages/s, the status and error
    mix, every worker with its liveness and the latest pages. With --watch it
    redraws every second until Ctrl-C. Text that comes from crawled pages
    (URLs, titles) is cleaned of control characters before it reaches the
    terminal and cut to the column width.

    Exit status: 0 shown, 1 the sink did not answer (or not with its stats),
    2 usage error. With --watch a sink that stops answering is reported on
    screen and retried; Ctrl-C exits 0.
*/
#ifndef ZC_CMD_STATUS_H
#define ZC_CMD_STATUS_H

#include <stdbool.h>
#include <stdio.h>

#define ZC_STATUS_TIMEOUT_MS 5000           /* one request to the sink */
#define ZC_STATUS_MAX_BYTES (64u << 20)     /* largest /stats body accepted */
#define ZC_STATUS_WATCH_MS 1000             /* --watch refresh period */
#define ZC_STATUS_LATEST_ROWS 10            /* latest pages shown */

/* argv[0] is "status". Returns the exit status (0, 1 or 2). */
int zc_cmd_status(int argc, char **argv);

/* Prints the view of one /stats document (json, len bytes) to out, fetched
   from sink. Returns 0, or ZC_EPROTO when json is not a stats document. */
int zc_cmd_status_render(const char *json, size_t len, const char *sink, FILE *out);

int zc_cmd_status_test(bool verbose);

#endif
