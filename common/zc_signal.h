/*  zc_signal — SIGINT and SIGTERM as a pollable file descriptor.

    The handler sets the process's interrupt flag and writes a byte to a
    self-pipe, so an event loop blocked in zmq_poll or curl_multi_poll wakes up
    and drains gracefully. SIGPIPE is ignored: a closed peer is an error code,
    not a death.
*/
#ifndef ZC_SIGNAL_H
#define ZC_SIGNAL_H

#include <stdbool.h>

/* Installs the handlers; returns the read end of the self-pipe (non-blocking)
   or -1 on failure. Call once per process. */
int zc_signal_init(void);

/* True once SIGINT or SIGTERM arrived. */
bool zc_signal_interrupted(void);

/* Reads away pending wake-up bytes. */
void zc_signal_drain(void);

int zc_signal_test(bool verbose);

#endif
