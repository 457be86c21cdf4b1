/*  zc_frontier — the crawl frontier: what to fetch next, from which host, and when.

    The frontier admits URLs (seen-set, scope, depth, page and per-host
    budgets), keeps them in per-host FIFO queues on disk (LMDB), fetches each
    host's robots.txt before its first request, hands out the next URL whose
    host may receive a request (politeness) and keeps a lease on every task
    handed out until it is acknowledged or its lease expires.

    Life of a URL:

        zc_frontier_add ──> queued ──zc_frontier_peek/lease──> leased
                              │ ^                                │ │
                              │ └──── zc_frontier_expire ────────┘ │  (attempt + 1)
                              │       zc_frontier_expire (failed) ─┼──> done
                              │       zc_frontier_ack ─────────────┘──> done
                              └── peek says DENIED (robots.txt), zc_frontier_deny ──> done

    Persistence. Every change is made in one LMDB write transaction that
    zc_frontier_commit() ends; the caller commits once per loop iteration,
    after the iteration's acks and admissions and before it lets the records
    of those acks go (see zc_frontier_record_put); a busy caller may let a
    few iterations share a transaction. A process killed at any
    moment restarts from the last commit: URLs leased then are queued again
    (re-fetched), nothing acknowledged and committed is lost or repeated.

    All times are monotonic milliseconds passed in by the caller, so tests
    drive the clock. Ownership: the frontier owns every URL string it holds;
    zc_frontier_task_t.url stays valid until the next call that changes the
    frontier; an expired URL that failed is handed to the caller.
*/
#ifndef ZC_FRONTIER_H
#define ZC_FRONTIER_H

#include "zc_scope.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zc_frontier_t zc_frontier_t;

/* robots.txt answers are cached this long, then fetched again. */
#define ZC_FRONTIER_ROBOTS_TTL_MS (24 * 3600 * 1000LL)
/* After this many records released past it, a record leaves the store. */
#define ZC_FRONTIER_RECORDS_KEEP 4096

typedef struct {
    const char *state_dir;        /* the store's folder; NULL or "": a private temporary
                                     folder, removed by zc_frontier_destroy */
    zc_scope_mode_t scope;
    const char *const *include;   /* POSIX ERE on the normalized URL (zc_scope) */
    size_t ninclude;
    const char *const *exclude;
    size_t nexclude;
    int64_t max_depth;            /* -1 = unlimited; links deeper than this are dropped */
    uint64_t max_pages;           /* 0 = unlimited; at most this many URLs admitted in total */
    uint64_t max_urls_per_host;   /* 0 = unlimited; URLs admitted per host key */
    int64_t delay_ms;             /* least time between two request starts on one host */
    uint32_t host_concurrency;    /* at most this many leases per host (>= 1) */
    int64_t lease_ms;             /* a lease not acked within this is expired */
    uint32_t max_attempts;        /* dispatches of one URL before it is recorded as failed */
    size_t max_inflight;          /* at most this many leases at once (>= 1) */
    const char *user_agent;       /* robots.txt groups are chosen by its product token;
                                     NULL: robots.txt is not consulted (tests, benchmarks) */
    int64_t open_ms;              /* the caller's clock at open: the hosts of a resumed store
                                     wait their delay from it (a request may have started just
                                     before the crash, and when is not stored) */
} zc_frontier_opts_t;

/* The decision taken on a URL offered to the frontier. */
typedef enum {
    ZC_FRONTIER_ADMITTED = 0,
    ZC_FRONTIER_SEEN,      /* already admitted once */
    ZC_FRONTIER_SCOPE,     /* host outside the crawl's scope */
    ZC_FRONTIER_EXCLUDED,  /* --include / --exclude */
    ZC_FRONTIER_DEPTH,     /* deeper than max_depth */
    ZC_FRONTIER_MAX_PAGES, /* the page budget is spent */
    ZC_FRONTIER_HOST_CAP,  /* the host's budget (max_urls_per_host) is spent */
    ZC_FRONTIER_BAD_URL,   /* not a normalized http(s) URL of at most ZC_URL_MAX bytes */
} zc_frontier_verdict_t;
#define ZC_FRONTIER_VERDICTS (ZC_FRONTIER_BAD_URL + 1)

/* What a peek offers. */
typedef enum {
    ZC_TASK_PAGE = 0,   /* fetch url as a page: send it, then zc_frontier_lease */
    ZC_TASK_ROBOTS = 1, /* fetch the host's robots.txt: send it, then zc_frontier_lease */
    ZC_TASK_DENIED = 2, /* url is disallowed by robots.txt: record it, then zc_frontier_deny */
} zc_task_kind_t;

typedef struct {
    zc_task_kind_t kind;
    const char *url;  /* owned by the frontier; valid until the next change */
    uint64_t task_id; /* the id its lease will have (unique, never 0; unused for DENIED) */
    uint32_t depth;
    uint32_t attempt; /* 1 on the first dispatch */
} zc_frontier_task_t;

/* What an ack or an expiry reports about the lease it ended. */
typedef struct {
    zc_task_kind_t kind;
    char *url;        /* expire with failed: the caller's to free(); NULL otherwise */
    uint32_t depth;
    uint32_t attempt; /* the attempt that was leased */
    bool failed;      /* page: max_attempts reached, the URL is done;
                         robots: robots.txt stayed unreachable, the host is disallowed */
    const struct zc_robots_t *rules; /* zc_frontier_robots: the host's rules now (NULL:
                                        allow all); valid until the next change */
} zc_frontier_lease_t;

/* Opens the frontier on opts->state_dir (created if missing), resuming what
   it holds; opts are copied. NULL with *err (malloc'd) if opts are invalid,
   a regex does not compile, the store cannot be opened or another process
   holds it. */
zc_frontier_t *zc_frontier_open(const zc_frontier_opts_t *opts, char **err);
/* Aborts the open transaction (call zc_frontier_commit first to keep it). */
void zc_frontier_destroy(zc_frontier_t **self_p);

/* Name of a verdict for logs and metric labels ("seen", "scope", ...). */
const char *zc_frontier_verdict_name(zc_frontier_verdict_t v);

/* Offers a normalized URL at depth. A seed (depth 0) also extends the scope
   to its host (or domain), even when it is itself a duplicate. Only ADMITTED
   puts the URL into a host queue (the URL is copied). */
zc_frontier_verdict_t zc_frontier_add(zc_frontier_t *self, const char *url, uint32_t depth,
                                      bool seed);

/* Extends the scope as a seed would (persisted), without admitting the URL:
   a seed another producer shard owns. */
void zc_frontier_scope_add(zc_frontier_t *self, const char *url);

/* Points *task at what may be done next at time now: the head of the queue
   of the host that became ready earliest (a page, or DENIED by its
   robots.txt), or that host's robots.txt. Changes nothing visible.
   ZC_EAGAIN if no host is ready or max_inflight leases are out. */
int zc_frontier_peek(zc_frontier_t *self, int64_t now, zc_frontier_task_t *task);

/* Leases the PAGE or ROBOTS task the last successful peek offered (call it
   only once the task was sent, with nothing changed in between): the host's
   slot is taken and its next request start is pushed to now + its delay.
   Returns the task id. */
uint64_t zc_frontier_lease(zc_frontier_t *self, int64_t now);

/* Retires the DENIED URL the last successful peek offered: it is done. */
void zc_frontier_deny(zc_frontier_t *self);

/* Ends the page lease task_id: the URL is done. The host gets its slot back
   and may start its next request at now + its delay at the earliest. With
   throttle_ms > 0 (the answer was 429 or 503; throttle_ms is its Retry-After,
   or 1 without one) the host backs off for the longer of throttle_ms and
   max(delay, 1 s) doubled for each such answer in a row (up to an hour).
   *out (if not NULL) gets the lease's depth and attempt. ZC_ENOTFOUND if no
   such page lease (expired or acked). */
int zc_frontier_ack(zc_frontier_t *self, uint64_t task_id, int64_t now, int64_t throttle_ms,
                    zc_frontier_lease_t *out);

/* Ends the robots.txt lease task_id with the fetch's outcome: status of the
   final response (0 if none), its body (at most ZC_ROBOTS_MAX_BYTES used).
   2xx: the rules apply; other 3xx/4xx (not 429): allow all; 429, 5xx or no
   response: disallowed for now and fetched again with back-off, and after
   max_attempts the host stays disallowed (out->failed). ZC_ENOTFOUND if no
   such robots lease. */
int zc_frontier_robots(zc_frontier_t *self, uint64_t task_id, int64_t now, uint32_t status,
                       const void *body, size_t len, zc_frontier_lease_t *out);

/* Ends the oldest lease whose deadline is <= now. A page goes back to the
   front of its host queue with attempt + 1, or, past max_attempts, is done
   and handed to the caller (out->failed, out->url to free). A robots.txt
   lease counts as a failed robots.txt fetch. ZC_EAGAIN when no lease is due.
   Call until ZC_EAGAIN. */
int zc_frontier_expire(zc_frontier_t *self, int64_t now, zc_frontier_lease_t *out);

/* Earliest time a host becomes ready (INT64_MAX if none has work and a free
   slot, or max_inflight leases are out), and the earliest lease deadline
   (INT64_MAX if no lease). */
int64_t zc_frontier_next_ready(const zc_frontier_t *self);
int64_t zc_frontier_next_expiry(const zc_frontier_t *self);

/* --- the store -------------------------------------------------------------------- */

/* Commits the changes since the last commit. ZC_OK, or ZC_EIO (logged): the
   store is then unusable (zc_frontier_error) and the process should exit;
   a restart resumes from the last good commit. */
int zc_frontier_commit(zc_frontier_t *self);
/* Flushes committed changes to the disk (for power loss; a killed process
   loses nothing committed without it). Cheap to call once a second. */
int zc_frontier_sync(zc_frontier_t *self);
/* True if changes wait for zc_frontier_commit. */
bool zc_frontier_dirty(const zc_frontier_t *self);
/* ZC_OK, or the first store error (every later change is ignored). */
int zc_frontier_error(const zc_frontier_t *self);

/* Output records ride through the store, so a record whose ack is committed
   survives a crash of this process: put the record in the same transaction
   as its ack (before zc_frontier_commit), release it to the sink after, and
   call zc_frontier_record_sent for each record the sink socket took, in
   order. The last ZC_FRONTIER_RECORDS_KEEP records taken are kept, since a
   socket's queue dies with the process. */
void zc_frontier_record_put(zc_frontier_t *self, const void *data, size_t len);
void zc_frontier_record_sent(zc_frontier_t *self);
/* Calls fn for each record kept by an earlier run, oldest first (to release
   them again; the sink writes one line per URL whatever comes twice). */
size_t zc_frontier_records_replay(zc_frontier_t *self,
                                  void (*fn)(void *arg, const void *data, size_t len), void *arg);

/* Links for other producer shards ride through the store until the owner
   confirms them: put a FORWARD (owner, seq) in the transaction of the ack
   that found its links, send it after the commit, delete it when its receipt
   comes. Sequences should include zc_frontier_epoch() (this open's number)
   so that a receipt from before a restart cannot match a new FORWARD.
   forward_get points *data into the store until the next change. */
uint64_t zc_frontier_epoch(const zc_frontier_t *self);

/* A label the store keeps for good: the first call stores value under key
   (in the open transaction); later ones, in this run or after a restart,
   return ZC_OK if value is the same and ZC_EINVAL with the stored one in
   *stored (malloc'd) if not. The producer labels its store with its shard. */
int zc_frontier_label(zc_frontier_t *self, const char *key, const char *value, char **stored);
void zc_frontier_forward_put(zc_frontier_t *self, uint32_t owner, uint64_t seq, const void *data,
                             size_t len);
bool zc_frontier_forward_del(zc_frontier_t *self, uint32_t owner, uint64_t seq);
int zc_frontier_forward_get(zc_frontier_t *self, uint32_t owner, uint64_t seq, const void **data,
                            size_t *len);
/* Calls fn for every FORWARD in the store, by owner then seq. */
size_t zc_frontier_forwards_each(zc_frontier_t *self,
                                 void (*fn)(void *arg, uint32_t owner, uint64_t seq), void *arg);

/* --- counts ------------------------------------------------------------------------ */

size_t zc_frontier_queued(const zc_frontier_t *self);     /* URLs in host queues */
size_t zc_frontier_inflight(const zc_frontier_t *self);   /* leases */
size_t zc_frontier_hosts(const zc_frontier_t *self);      /* hosts ever seen */
size_t zc_frontier_hosts_ready(const zc_frontier_t *self);/* hosts with work and a free slot */
uint64_t zc_frontier_admitted(const zc_frontier_t *self); /* URLs admitted in total, ever */
size_t zc_frontier_seen(const zc_frontier_t *self);       /* fingerprints in the seen-set */
bool zc_frontier_resumed(const zc_frontier_t *self);      /* the store held an earlier run */
const char *zc_frontier_dir(const zc_frontier_t *self);

/* True when nothing is queued and no lease is out. */
bool zc_frontier_idle(const zc_frontier_t *self);

int zc_frontier_test(bool verbose);

#endif
