/*  zc_frontier — the crawl frontier: what to fetch next, from which host, and when.

    The frontier admits URLs (seen-set, scope, depth and page budget), keeps
    them in per-host FIFO queues, hands out the next URL whose host is allowed
    to receive a request (politeness) and keeps a lease on every URL handed
    out until it is acknowledged or its lease expires.

    Life of a URL:

        zc_frontier_add ──> queued ──zc_frontier_peek/lease──> leased
                              ^                                  │ │
                              └──── zc_frontier_expire ──────────┘ │  (attempt + 1)
                                    zc_frontier_expire (failed) ───┼──> done
                                    zc_frontier_ack ───────────────┘──> done

    This version lives in memory; a persistent one (LMDB/SQLite under --state)
    replaces this module behind the same API. All times are monotonic
    milliseconds passed in by the caller, so tests drive the clock.

    Ownership: the frontier owns every URL string it holds. Pointers it
    returns (zc_frontier_task_t.url) stay valid until the next call that
    changes the frontier; an expired URL that failed is handed to the caller.
*/
#ifndef ZC_FRONTIER_H
#define ZC_FRONTIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zc_frontier_t zc_frontier_t;

typedef enum { ZC_SCOPE_HOST = 0, ZC_SCOPE_ANY = 1 } zc_scope_t;

typedef struct {
    zc_scope_t scope;          /* host: a URL's host name must be the host of a seed */
    int64_t max_depth;         /* -1 = unlimited; links deeper than this are dropped */
    uint64_t max_pages;        /* 0 = unlimited; at most this many URLs admitted in total */
    int64_t delay_ms;          /* least time between two request starts on one host */
    uint32_t host_concurrency; /* at most this many leases per host (>= 1) */
    int64_t lease_ms;          /* a lease not acked within this is expired */
    uint32_t max_attempts;     /* dispatches of one URL before it is recorded as failed */
    size_t max_inflight;       /* at most this many leases at once (>= 1) */
} zc_frontier_opts_t;

/* The decision taken on a URL offered to the frontier. */
typedef enum {
    ZC_FRONTIER_ADMITTED = 0,
    ZC_FRONTIER_SEEN,      /* already admitted once */
    ZC_FRONTIER_SCOPE,     /* host outside the crawl's scope */
    ZC_FRONTIER_DEPTH,     /* deeper than max_depth */
    ZC_FRONTIER_MAX_PAGES, /* the page budget is spent */
    ZC_FRONTIER_BAD_URL,   /* not a normalized http(s) URL of at most ZC_URL_MAX bytes */
} zc_frontier_verdict_t;

/* The URL a peek offers: to send as a Task with this task_id. */
typedef struct {
    const char *url;  /* owned by the frontier; valid until the next change */
    uint64_t task_id; /* the id its lease will have (unique, never 0) */
    uint32_t depth;
    uint32_t attempt; /* 1 on the first dispatch */
} zc_frontier_task_t;

/* What an ack or an expiry reports about the lease it ended. */
typedef struct {
    char *url;        /* expire with failed: the caller's to free(); NULL otherwise */
    uint32_t depth;
    uint32_t attempt; /* the attempt that was leased */
    bool failed;      /* expire: max_attempts reached, the URL is done */
} zc_frontier_lease_t;

/* Creates an empty frontier; opts are copied. NULL if opts are invalid. */
zc_frontier_t *zc_frontier_new(const zc_frontier_opts_t *opts);
void zc_frontier_destroy(zc_frontier_t **self_p);

/* Name of a verdict for logs and metric labels ("seen", "scope", ...). */
const char *zc_frontier_verdict_name(zc_frontier_verdict_t v);

/* Offers a normalized URL at depth. A seed (depth 0) also extends the host
   scope to its host, even when it is itself a duplicate. Only ADMITTED puts
   the URL into a host queue (the URL is copied). */
zc_frontier_verdict_t zc_frontier_add(zc_frontier_t *self, const char *url, uint32_t depth,
                                      bool seed);

/* Points *task at the next URL that may be dispatched at time now: the head
   of the queue of the host that became ready earliest. Changes nothing.
   ZC_EAGAIN if no host is ready or max_inflight leases are out. */
int zc_frontier_peek(zc_frontier_t *self, int64_t now, zc_frontier_task_t *task);

/* Leases the URL the last successful peek offered (call it only once the task
   was sent, with nothing changed in between): it leaves its queue, the host's
   slot is taken and its next request start is pushed to now + delay_ms.
   Returns the task id. */
uint64_t zc_frontier_lease(zc_frontier_t *self, int64_t now);

/* Ends the lease task_id: the URL is done. The host gets its slot back and
   may start its next request at now + max(delay_ms, backoff_ms) at the
   earliest (backoff_ms > 0 for 429/503). *out (if not NULL) gets the lease's
   depth and attempt. ZC_ENOTFOUND if no such lease (expired or acked). */
int zc_frontier_ack(zc_frontier_t *self, uint64_t task_id, int64_t now, int64_t backoff_ms,
                    zc_frontier_lease_t *out);

/* Ends the oldest lease whose deadline is <= now: its URL goes back to the
   front of its host queue with attempt + 1, or, past max_attempts, is done
   and handed to the caller (out->failed, out->url to free). ZC_EAGAIN when no
   lease is due. Call until ZC_EAGAIN. */
int zc_frontier_expire(zc_frontier_t *self, int64_t now, zc_frontier_lease_t *out);

/* Earliest time a host becomes ready (INT64_MAX if none has queued URLs and a
   free slot, or max_inflight leases are out), and the earliest lease deadline
   (INT64_MAX if no lease). */
int64_t zc_frontier_next_ready(const zc_frontier_t *self);
int64_t zc_frontier_next_expiry(const zc_frontier_t *self);

size_t zc_frontier_queued(const zc_frontier_t *self);     /* URLs in host queues */
size_t zc_frontier_inflight(const zc_frontier_t *self);   /* leases */
size_t zc_frontier_hosts(const zc_frontier_t *self);      /* hosts ever seen */
size_t zc_frontier_hosts_ready(const zc_frontier_t *self);/* hosts with work and a free slot */
uint64_t zc_frontier_admitted(const zc_frontier_t *self); /* URLs admitted in total */

/* True when nothing is queued and no lease is out. */
bool zc_frontier_idle(const zc_frontier_t *self);

int zc_frontier_test(bool verbose);

#endif
