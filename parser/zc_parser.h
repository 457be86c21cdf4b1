/*  zc_parser — the parser stage: Fetch in, Feedback (with its Record) out.

    PULL  connect --broker    (tcp://localhost:5553)  Fetch from the broker
    PUSH  connect --producer  (tcp://localhost:5554)  Feedback to the producer

    For every Fetch, zc_parser_build() makes the page's Record (SPEC §6) and
    the Feedback that acknowledges the task: the links to follow and the
    packed Record in Feedback.record, so the ack and the output travel as one
    message. What is parsed depends on the response: 2xx HTML (a too_large
    cut one too) gives title and outlinks; 3xx gives the normalized redirect
    target as the only link; an HTML error page gives its title only; a
    failed fetch gives nothing but the record of the failure.

    The loop sends feedback blocking (a producer that is down stalls the
    parser, which is right: its work cannot be acknowledged) but wakes up for
    signals. On SIGTERM it stops taking work; feedback it is still trying to
    send gets ZC_SOCK_LINGER_MS more, then is dropped, and the producer's
    lease brings the task back.
*/
#ifndef ZC_PARSER_H
#define ZC_PARSER_H

#include "zc_msg.h"
#include "zc_page.h"
#include "zc_parser_cfg.h"
#include "zc_stats.h"

#include <stdbool.h>
#include <stddef.h>

/* Fetch messages buffered per parser: few, so that work spreads over
   parsers and memory stays bounded (each may hold --max-bytes). */
#define ZC_PARSER_RCVHWM 8

/* The Record and Feedback of one Fetch. record and feedback point into the
   Fetch they were built from, which must outlive them. */
typedef struct {
    Zcrawl__Record record;
    Zcrawl__Feedback feedback;
    zc_page_t page;
    char *redirect;        /* normalized Location, or NULL */
    char **links;          /* Feedback.links storage */
    uint8_t *packed;       /* the packed record, Feedback.record */
} zc_parser_result_t;

/* Builds res (which the caller zeroed) from fetch. Returns ZC_OK. */
int zc_parser_build(const Zcrawl__Fetch *fetch, size_t max_outlinks, zc_parser_result_t *res);

/* Frees what res holds and zeroes it. */
void zc_parser_result_clear(zc_parser_result_t *res);

typedef struct zc_parser_t zc_parser_t;

/* Connects the sockets of cfg in the caller's context and registers the
   counters in stats (which stays the caller's). NULL if a socket cannot be
   opened (the reason is logged). */
zc_parser_t *zc_parser_new(void *ctx, const zc_parser_cfg_t *cfg, zc_stats_t *stats);
void zc_parser_destroy(zc_parser_t **self_p);

/* Handles at most one waiting Fetch without blocking on input. Returns ZC_OK
   when one was handled (or dropped as malformed), ZC_EAGAIN when none was
   waiting, ZC_EIO on a socket error. stop_fd (or -1) interrupts a stalled
   send. */
int zc_parser_step(zc_parser_t *self, int stop_fd);

/* Runs until SIGINT/SIGTERM (zc_signal) and returns ZC_OK. */
int zc_parser_run(zc_parser_t *self, int stop_fd);

int zc_parser_test(bool verbose);

#endif
