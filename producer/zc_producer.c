/*  zc_producer — see zc_producer.h.

    Flow of one URL: admitted by s_offer (normalized, then zc_frontier_add),
    dispatched by s_dispatch as a Task once its host is ready and the tasks
    socket takes it (the lease starts only after a successful send), and
    retired by s_handle_feedback when the parser's Feedback for that task_id
    arrives: its Record bytes go to the sink verbatim and its links are
    offered at depth + 1. A lease that expires is re-queued, or after
    --max-attempts recorded as failed by the producer itself.

    Back-pressure, both ways, so nothing is dropped:
    - a Task the tasks socket refuses (no crawler, queues full) stays queued
      and dispatching pauses until zmq_poll reports the socket writable;
    - records wait in the outbox until their transaction is committed and
      the sink socket takes them; while S_OUTBOX_MAX of them wait, no
      feedback is read (parsers then wait on us).

    robots.txt: the frontier hands out a ROBOTS task before a host's first
    page; its Feedback (kind ROBOTS, the body in `robots`) goes back to the
    frontier, which then applies the rules. A URL the rules disallow comes
    out of the frontier as DENIED and gets its record here (error "robots").

    Persistence: the changes (acks, admitted links, leases retired, records)
    of the iterations of up to S_COMMIT_INTERVAL_MS are one store
    transaction, committed before those records leave; the store is synced
    to disk once a second and on exit. Records
    pass through the store (zc_frontier_record_put), and those of an earlier
    run that may not have reached the sink are released again on start.

    Completion: some URL was admitted or recorded, the frontier is idle and
    the outbox is empty. Records released = records_total.

    Shards (--shard K/N, N > 1, SPEC §10). This shard admits only URLs whose
    host it owns (zc_shard). Links and seeds it is offered for another
    shard's hosts are gathered per owner and, in the transaction of the acks
    that found them, stored as one FORWARD per owner (zc_frontier_forward_put);
    after the commit they go to the owner's feedback endpoint (--peer), which
    admits them, commits, and answers with a RECEIPT; only then is the FORWARD
    deleted. A FORWARD without a receipt is sent again every
    S_FORWARD_RESEND_MS, and after a restart. The owner's seen-set makes a
    repeated FORWARD harmless. So a link leaves a shard's store only once it
    is in its owner's.
    A shard is idle when its frontier is idle, its outboxes are empty and no
    FORWARD waits for a receipt; it reports that (as `complete`) with its
    activity count and the last completion wave it heard from the sink's
    control socket (--control). It does not stop when idle: the sink decides
    that the whole crawl is complete (see sink/zc_agg.c) and says so on the
    control socket, and then every shard exits.
*/
#include "zc_producer.h"

#include "zc_frontier.h"
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_robots.h"
#include "zc_fpset.h"
#include "zc_shard.h"
#include "zc_signal.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

/* Work per wake-up before the loop polls again (keeps every side moving). */
#define S_DRAIN_MAX 4096
#define S_DISPATCH_MAX 4096
/* Links of one page offered at most (SPEC §5: 1000 outlinks per page). */
#define S_LINKS_MAX 1000
/* Tasks queued per crawler connection at most: queued tasks age their leases. */
#define S_TASKS_HWM 1000
/* Feedback and records can carry whole pages (WARC captures): queues on the
   record path are kept short, so a slow sink holds back parsers instead of
   filling memory. */
#define S_FEEDBACK_HWM 1000
#define S_SINK_HWM 256
/* Records waiting for the sink socket at most before feedback stops being read. */
#define S_OUTBOX_MAX 1024
/* 429/503 back-off: Retry-After honoured up to this. */
#define S_BACKOFF_MAX_MS (3600 * 1000)
#define S_HTTP_TOO_MANY 429
#define S_HTTP_UNAVAILABLE 503
/* On a complete crawl the sink socket keeps this long to deliver the records. */
#define S_SINK_LINGER_DONE_MS 30000
#define S_WARN_INTERVAL_MS 1000
#define S_MAX_WAIT_MS 1000
#define S_SYNC_INTERVAL_MS 1000
#define S_COMMIT_INTERVAL_MS 10
/* A FORWARD without a receipt this long is sent again. */
#define S_FORWARD_RESEND_MS 5000
/* FORWARDs (re)sent per owner per loop iteration at most. */
#define S_FORWARD_SEND_MAX 256
/* Links per FORWARD at most (one is sealed before it grows past this). */
#define S_FORWARD_LINKS_MAX 4096
#define S_PEER_HWM 1000
/* Unconfirmed FORWARDs are checked for a resend this often. */
#define S_FORWARD_CHECK_MS 1000

typedef struct {
    char *data;
    size_t len;
} s_frame_t;

/* What this shard gathers for one other shard until the next commit. */
typedef struct {
    zc_strlist_t links, seeds;
    uint32_t *depths;
    size_t depths_cap;
} s_batch_t;

/* A FORWARD stored and not yet confirmed. sent_ms 0: not sent yet. */
typedef struct {
    uint64_t seq;
    int64_t sent_ms;
} s_unconf_t;

/* Per other shard: its socket, what is gathered for it, what waits for its
   receipts, and the receipts this shard owes it. */
typedef struct {
    void *sock;             /* PUSH to its feedback endpoint */
    s_batch_t batch;
    s_unconf_t *unconf;     /* by seq; [uhead, un) live, confirmed ones have seq 0 */
    size_t uhead, un, ucap;
    size_t next_unsent;     /* entries before it were sent at least once */
    size_t unconfirmed;     /* live entries */
    uint64_t *receipts;     /* seqs of its FORWARDs committed here, to confirm */
    size_t nreceipts, rcap;
} s_peer_t;

struct zc_producer_t {
    const zc_producer_cfg_t *cfg;
    void *tasks, *feedback, *sink;
    int sigfd;
    zc_frontier_t *frontier;
    zc_stats_t *stats;

    s_frame_t *outbox;     /* records the sink socket did not take yet, FIFO */
    size_t out_head, out_n, out_cap;

    bool tasks_blocked;    /* the last send would have blocked: wait for POLLOUT */
    bool stopping;         /* a signal came: no more dispatching */
    bool complete;
    bool waiting_logged;
    int64_t last_warn_ms;
    int64_t last_sync_ms;
    int64_t last_commit_ms; /* or, with nothing uncommitted, the last iteration */

    uint64_t *c_verdict[ZC_FRONTIER_VERDICTS];
    uint64_t *c_seen, *c_dispatched, *c_redispatches, *c_acks, *c_stale, *c_records;
    uint64_t *c_failed, *c_bad;
    uint64_t *c_robots, *c_robots_failed, *c_denied, *c_sitemaps;
    double *g_frontier, *g_hosts, *g_ready, *g_inflight;

    /* shards (cfg->shard_n > 1) */
    uint32_t shard, nshards;
    s_peer_t *peers;        /* nshards entries; this shard's own has no socket */
    void *control;          /* SUB from the sink */
    zc_fpset_t *forwarded;  /* fingerprints of links already forwarded (RAM only) */
    uint64_t fwd_next;      /* next FORWARD seq: epoch << 40 | counter */
    size_t unconfirmed;     /* FORWARDs waiting for receipts, all peers */
    size_t receipts_owed;
    size_t batched;         /* links and seeds gathered, not yet sealed */
    uint64_t wave;          /* the last wave the sink announced */
    bool all_done;          /* the sink announced the end of the crawl */
    int64_t last_resend_ms;
    uint64_t activity;
    uint64_t *c_fwd_links, *c_fwd_sent, *c_fwd_resent, *c_fwd_in, *c_fwd_in_links;
    uint64_t *c_receipts, *c_misrouted;
    double *g_unconfirmed;
};

/* --- records -------------------------------------------------------------------- */

static size_t s_outbox_len(const zc_producer_t *self)
{
    return self->out_n - self->out_head;
}

/* Hands the outbox to the sink socket until it refuses. */
static void s_outbox_flush(zc_producer_t *self)
{
    while (self->out_head < self->out_n) {
        s_frame_t *f = &self->outbox[self->out_head];
        if (zmq_send(self->sink, f->data, f->len, ZMQ_DONTWAIT) < 0)
            return;
        zc_frontier_record_sent(self->frontier);
        free(f->data);
        self->out_head++;
    }
    self->out_head = self->out_n = 0;
}

/* Queues one record (packed Record bytes) for the sink socket, in order:
   s_outbox_flush sends it once the transaction holding its ack is committed,
   so a record in the output always means its URL is done for good. */
static void s_record_out(zc_producer_t *self, const void *data, size_t len)
{
    if (self->out_n == self->out_cap) {
        self->out_cap = self->out_cap ? self->out_cap * 2 : 64;
        self->outbox = zc_realloc(self->outbox, self->out_cap * sizeof *self->outbox);
    }
    self->outbox[self->out_n].data = zc_malloc(len);
    memcpy(self->outbox[self->out_n].data, data, len);
    self->outbox[self->out_n].len = len;
    self->out_n++;
}

/* Releases one new record: into the store (same transaction as its ack),
   then to the sink. */
static void s_record_send(zc_producer_t *self, const void *data, size_t len)
{
    (*self->c_records)++;
    zc_frontier_record_put(self->frontier, data, len);
    s_record_out(self, data, len);
}

static void s_record_replay(void *arg, const void *data, size_t len)
{
    s_record_out(arg, data, len);
}

/* A record the producer writes itself: a URL that was never fetched. */
static void s_record_make(zc_producer_t *self, const char *url, const char *error, uint32_t depth,
                          uint32_t attempt)
{
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    r.version = ZC_FORMAT_VERSION;
    r.url = (char *)url;
    r.has_status = true;
    r.status = 0;
    r.error = (char *)error;
    r.has_depth = true;
    r.depth = depth;
    r.has_attempt = true;
    r.attempt = attempt;
    size_t len = zcrawl__record__get_packed_size(&r);
    uint8_t *buf = zc_malloc(len);
    zcrawl__record__pack(&r, buf);
    s_record_send(self, buf, len);
    free(buf);
}

/* --- admission --------------------------------------------------------------------- */

static bool s_is_http(const char *url)
{
    return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
}

/* --- shards ---------------------------------------------------------------------------- */

static void s_batch_add(s_batch_t *b, const char *url, uint32_t depth, bool seed)
{
    if (seed) {
        zc_strlist_push(&b->seeds, url);
        return;
    }
    if (b->links.n == b->depths_cap) {
        b->depths_cap = b->depths_cap ? b->depths_cap * 2 : 64;
        b->depths = zc_realloc(b->depths, b->depths_cap * sizeof *b->depths);
    }
    b->depths[b->links.n] = depth;
    zc_strlist_push(&b->links, url);
}

static void s_batch_clear(s_batch_t *b)
{
    zc_strlist_free(&b->links);
    zc_strlist_free(&b->seeds);
}

/* Lists FORWARD seq of owner as stored and not sent yet. */
static void s_unconf_push(zc_producer_t *self, uint32_t owner, uint64_t seq)
{
    s_peer_t *p = &self->peers[owner];
    if (p->un == p->ucap) {
        p->ucap = p->ucap ? p->ucap * 2 : 64;
        p->unconf = zc_realloc(p->unconf, p->ucap * sizeof *p->unconf);
    }
    p->unconf[p->un++] = (s_unconf_t){seq, 0};
    p->unconfirmed++;
    self->unconfirmed++;
}

/* Stores what was gathered for owner as one FORWARD (in the open
   transaction), to be sent after the commit. */
static void s_forward_seal(zc_producer_t *self, uint32_t owner)
{
    s_peer_t *p = &self->peers[owner];
    s_batch_t *b = &p->batch;
    if (b->links.n == 0 && b->seeds.n == 0)
        return;
    Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
    fb.version = ZC_FORMAT_VERSION;
    fb.has_type = true;
    fb.type = ZCRAWL__FEEDBACK_TYPE__FORWARD;
    fb.has_shard = true;
    fb.shard = self->shard;
    fb.has_forward_seq = true;
    fb.forward_seq = self->fwd_next++;
    fb.n_links = b->links.n;
    fb.links = b->links.v;
    fb.n_link_depths = b->links.n;
    fb.link_depths = b->depths;
    fb.n_seeds = b->seeds.n;
    fb.seeds = b->seeds.v;
    size_t len = zcrawl__feedback__get_packed_size(&fb);
    uint8_t *buf = zc_malloc(len);
    zcrawl__feedback__pack(&fb, buf);
    zc_frontier_forward_put(self->frontier, owner, fb.forward_seq, buf, len);
    free(buf);
    self->batched -= b->links.n + b->seeds.n;
    s_unconf_push(self, owner, fb.forward_seq);
    s_batch_clear(b);
}

static void s_forward_seal_all(zc_producer_t *self)
{
    for (uint32_t i = 0; i < self->nshards; i++)
        if (i != self->shard)
            s_forward_seal(self, i);
}

/* Takes a FORWARD found in the store at open as not sent yet. */
static void s_forward_found(void *arg, uint32_t owner, uint64_t seq)
{
    zc_producer_t *self = arg;
    if (owner >= self->nshards || owner == self->shard) {
        zc_warn("forward for an unknown shard in the store shard=%u shards=%u", owner,
                self->nshards);
        zc_frontier_forward_del(self->frontier, owner, seq);
        return;
    }
    s_unconf_push(self, owner, seq);
}

/* Sends one stored FORWARD; false if the owner's queue is full. */
static bool s_forward_send(zc_producer_t *self, uint32_t owner, s_unconf_t *u, int64_t now)
{
    s_peer_t *p = &self->peers[owner];
    const void *data;
    size_t len;
    if (zc_frontier_forward_get(self->frontier, owner, u->seq, &data, &len) != ZC_OK) {
        zc_warn("forward missing from the store shard=%u seq=%llu", owner,
                (unsigned long long)u->seq);
        u->seq = 0;
        p->unconfirmed--;
        self->unconfirmed--;
        return true;
    }
    if (zmq_send(p->sock, data, len, ZMQ_DONTWAIT) < 0)
        return false;
    (*(u->sent_ms ? self->c_fwd_resent : self->c_fwd_sent))++;
    if (u->sent_ms)
        zc_debug("forward sent again shard=%u seq=%llu", owner, (unsigned long long)u->seq);
    u->sent_ms = now;
    return true;
}

/* Sends the committed FORWARDs not sent yet and, with resend, again those
   without a receipt for S_FORWARD_RESEND_MS. Call only with nothing
   uncommitted (every FORWARD listed is then in the store for good). */
static void s_forward_flush(zc_producer_t *self, int64_t now, bool resend)
{
    for (uint32_t i = 0; i < self->nshards; i++) {
        s_peer_t *p = &self->peers[i];
        if (p->next_unsent < p->uhead)
            p->next_unsent = p->uhead;
        while (p->next_unsent < p->un) {
            s_unconf_t *u = &p->unconf[p->next_unsent];
            if (u->seq && !s_forward_send(self, i, u, now))
                break;
            p->next_unsent++;
        }
        int sent = 0;
        for (size_t j = p->uhead; resend && j < p->next_unsent && sent < S_FORWARD_SEND_MAX; j++) {
            s_unconf_t *u = &p->unconf[j];
            if (u->seq == 0 || now - u->sent_ms < S_FORWARD_RESEND_MS)
                continue;
            if (!s_forward_send(self, i, u, now))
                break;
            sent++;
        }
    }
}

/* A receipt: the owner committed FORWARD seq; it leaves the store. */
static void s_forward_confirmed(zc_producer_t *self, uint32_t owner, uint64_t seq)
{
    if (owner >= self->nshards || owner == self->shard)
        return;
    s_peer_t *p = &self->peers[owner];
    for (size_t j = p->uhead; j < p->un; j++) {
        if (p->unconf[j].seq != seq)
            continue;
        p->unconf[j].seq = 0;
        p->unconfirmed--;
        self->unconfirmed--;
        zc_frontier_forward_del(self->frontier, owner, seq);
        (*self->c_receipts)++;
        break;
    }
    while (p->uhead < p->un && p->unconf[p->uhead].seq == 0)
        p->uhead++;
    if (p->uhead == p->un && p->next_unsent >= p->un)
        p->uhead = p->un = p->next_unsent = 0;
}

/* Sends the receipts owed for FORWARDs committed here. Right after a commit. */
static void s_receipts_flush(zc_producer_t *self)
{
    for (uint32_t i = 0; i < self->nshards && self->receipts_owed; i++) {
        s_peer_t *p = &self->peers[i];
        size_t k = 0;
        for (; k < p->nreceipts; k++) {
            Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
            fb.version = ZC_FORMAT_VERSION;
            fb.has_type = true;
            fb.type = ZCRAWL__FEEDBACK_TYPE__RECEIPT;
            fb.has_shard = true;
            fb.shard = self->shard;
            fb.has_forward_seq = true;
            fb.forward_seq = p->receipts[k];
            if (zc_msg_send(p->sock, &fb.base, ZMQ_DONTWAIT) != ZC_OK)
                break;
        }
        /* Receipts the queue did not take are dropped: the sender sends
           its FORWARD again, and it is confirmed again. */
        self->receipts_owed -= p->nreceipts;
        p->nreceipts = 0;
        ZC_UNUSED(k);
    }
}

static bool s_sharded(const zc_producer_t *self)
{
    return self->nshards > 1;
}

/* Offers url to the frontier. Seeds are always normalized, and one that is
   not a URL gets a bad_url record; links from the parser are normalized
   already, unless they do not even start like one. A URL another shard
   owns is gathered for it (a seed also widens this shard's scope). */
static void s_offer(zc_producer_t *self, const char *url, uint32_t depth, bool seed)
{
    (*self->c_seen)++;
    char *norm = NULL;
    if (seed || !s_is_http(url)) {
        if (zc_url_normalize(url, &norm) != ZC_OK) {
            (*self->c_verdict[ZC_FRONTIER_BAD_URL])++;
            if (seed) {
                zc_warn("bad seed url=\"%.200s\"", url);
                s_record_make(self, url, "bad_url", 0, 0);
            }
            return;
        }
        url = norm;
    }
    if (s_sharded(self)) {
        uint32_t owner = zc_shard_of_url(url, self->nshards);
        if (owner != self->shard) {
            if (seed) {
                zc_frontier_scope_add(self->frontier, url);
            } else {
                /* A link already forwarded once is in its owner's seen-set. */
                uint64_t fp = zc_fp_url(url, strlen(url));
                if (zc_fpset_has(self->forwarded, fp)) {
                    (*self->c_verdict[ZC_FRONTIER_SEEN])++;
                    free(norm);
                    return;
                }
                zc_fpset_add(self->forwarded, fp);
            }
            (*self->c_fwd_links)++;
            s_peer_t *p = &self->peers[owner];
            s_batch_add(&p->batch, url, depth, seed);
            self->batched++;
            if (p->batch.links.n + p->batch.seeds.n >= S_FORWARD_LINKS_MAX)
                s_forward_seal(self, owner);
            free(norm);
            return;
        }
    }
    zc_frontier_verdict_t v = zc_frontier_add(self->frontier, url, depth, seed);
    (*self->c_verdict[v])++;
    if (seed && v == ZC_FRONTIER_BAD_URL) {
        zc_warn("bad seed url=\"%.200s\"", url);
        s_record_make(self, url, "bad_url", 0, 0);
    }
    zc_debug("offer url=%s depth=%u verdict=%s", url, depth, zc_frontier_verdict_name(v));
    free(norm);
}

/* --- feedback ------------------------------------------------------------------------ */

/* The answer to a ROBOTS task. */
static void s_handle_robots(zc_producer_t *self, const Zcrawl__Feedback *fb, int64_t now)
{
    uint32_t status = fb->has_status ? fb->status : 0;
    const void *body = fb->has_robots ? fb->robots.data : NULL;
    size_t len = fb->has_robots ? fb->robots.len : 0;
    zc_frontier_lease_t l;
    if (zc_frontier_robots(self->frontier, fb->task_id, now, status, body, len, &l) != ZC_OK) {
        (*self->c_stale)++;
        zc_debug("stale robots ack task_id=%llu", (unsigned long long)fb->task_id);
        return;
    }
    const char *url = fb->url ? fb->url : "-";
    if (l.failed) {
        (*self->c_robots_failed)++;
        zc_warn("robots.txt unreachable, host disallowed url=%s status=%u error=%s attempts=%u",
                url, status, fb->error ? fb->error : "-", l.attempt);
    } else if (status == 0 || status == S_HTTP_TOO_MANY || status >= 500) {
        zc_info("robots.txt unreachable, retrying later url=%s status=%u error=%s attempt=%u",
                url, status, fb->error ? fb->error : "-", l.attempt);
    } else {
        zc_info("robots.txt url=%s status=%u bytes=%zu", url, status, len);
    }
    /* Sitemap: lines are recorded in the log (and counted). */
    for (size_t i = 0; l.rules && i < zc_robots_nsitemaps(l.rules); i++) {
        (*self->c_sitemaps)++;
        zc_info("sitemap url=%s robots=%s", zc_robots_sitemap(l.rules, i), url);
    }
}

/* A FORWARD from another shard: admit, then owe it a receipt (sent once
   the admissions are committed). */
static void s_handle_forward(zc_producer_t *self, const Zcrawl__Feedback *fb)
{
    uint32_t from = fb->has_shard ? fb->shard : UINT32_MAX;
    if (!s_sharded(self) || from >= self->nshards || from == self->shard ||
        !fb->has_forward_seq || fb->n_link_depths != fb->n_links) {
        (*self->c_bad)++;
        zc_warn("malformed forward dropped shard=%u from=%u links=%zu depths=%zu", self->shard,
                from, fb->n_links, fb->n_link_depths);
        return;
    }
    (*self->c_fwd_in)++;
    for (size_t i = 0; i < fb->n_scope; i++)
        zc_frontier_scope_add(self->frontier, fb->scope[i]);
    for (int seed = 0; seed < 2; seed++) {
        size_t n = seed ? fb->n_seeds : fb->n_links;
        char **v = seed ? fb->seeds : fb->links;
        for (size_t i = 0; i < n; i++) {
            /* Admitted here even if this shard's hash disagrees (shards
               started with different N): counted, never bounced. */
            if (zc_shard_of_url(v[i], self->nshards) != self->shard)
                (*self->c_misrouted)++;
            (*self->c_fwd_in_links)++;
            zc_frontier_verdict_t r =
                zc_frontier_add(self->frontier, v[i], seed ? 0 : fb->link_depths[i], seed);
            (*self->c_verdict[r])++;
        }
    }
    s_peer_t *p = &self->peers[from];
    if (p->nreceipts == p->rcap) {
        p->rcap = p->rcap ? p->rcap * 2 : 64;
        p->receipts = zc_realloc(p->receipts, p->rcap * sizeof *p->receipts);
    }
    p->receipts[p->nreceipts++] = fb->forward_seq;
    self->receipts_owed++;
}

static void s_handle_feedback(zc_producer_t *self, const Zcrawl__Feedback *fb, int64_t now)
{
    const zc_producer_cfg_t *cfg = self->cfg;
    if (fb->has_type && fb->type == ZCRAWL__FEEDBACK_TYPE__FORWARD) {
        s_handle_forward(self, fb);
        return;
    }
    if (fb->has_type && fb->type == ZCRAWL__FEEDBACK_TYPE__RECEIPT) {
        if (s_sharded(self) && fb->has_shard && fb->has_forward_seq)
            s_forward_confirmed(self, fb->shard, fb->forward_seq);
        return;
    }
    if (fb->has_task_id && fb->task_id != 0 && fb->has_shard && fb->shard != self->shard) {
        /* Task ids of shards overlap: an ack of another shard's task (parsers
           listing the shards out of order) must not retire one of ours. */
        (*self->c_bad)++;
        if (now - self->last_warn_ms >= S_WARN_INTERVAL_MS) {
            self->last_warn_ms = now;
            zc_warn("ack of another shard's task dropped (parsers must list the shards in "
                    "order) shard=%u task_shard=%u url=%s", self->shard, fb->shard,
                    fb->url ? fb->url : "-");
        }
        return;
    }
    if (!fb->has_task_id || fb->task_id == 0) {
        for (size_t i = 0; i < fb->n_links; i++)
            s_offer(self, fb->links[i], 0, true);
        for (size_t i = 0; i < fb->n_scope; i++)
            zc_frontier_scope_add(self->frontier, fb->scope[i]);
        zc_info("seeds received n=%zu scope=%zu", fb->n_links, fb->n_scope);
        return;
    }
    if (fb->has_kind && fb->kind == ZCRAWL__TASK_KIND__ROBOTS) {
        s_handle_robots(self, fb, now);
        return;
    }
    /* 429/503: the frontier backs the host off (Retry-After, or doubling). */
    int64_t backoff = 0;
    if (fb->has_status && (fb->status == S_HTTP_TOO_MANY || fb->status == S_HTTP_UNAVAILABLE)) {
        int64_t ra = fb->has_retry_after_s ? (int64_t)fb->retry_after_s * 1000 : 0;
        if (ra > S_BACKOFF_MAX_MS)
            ra = S_BACKOFF_MAX_MS;
        backoff = ra > 0 ? ra : 1;
    }
    zc_frontier_lease_t l;
    if (zc_frontier_ack(self->frontier, fb->task_id, now, backoff, &l) != ZC_OK) {
        (*self->c_stale)++;
        zc_debug("stale ack task_id=%llu", (unsigned long long)fb->task_id);
        return;
    }
    (*self->c_acks)++;
    if (backoff)
        zc_info("host backed off url=%s status=%u retry_after_ms=%lld", fb->url ? fb->url : "-",
                fb->status, (long long)(backoff > 1 ? backoff : 0));
    if (fb->has_record && fb->record.len > 0)
        s_record_send(self, fb->record.data, fb->record.len);
    else
        zc_warn("ack without a record task_id=%llu", (unsigned long long)fb->task_id);

    size_t n = fb->n_links < S_LINKS_MAX ? fb->n_links : S_LINKS_MAX;
    if (cfg->max_depth >= 0 && (int64_t)l.depth >= cfg->max_depth) {
        *self->c_verdict[ZC_FRONTIER_DEPTH] += n;
        *self->c_seen += n;
        return;
    }
    for (size_t i = 0; i < n; i++)
        s_offer(self, fb->links[i], l.depth + 1, false);
}

static void s_bad_message(zc_producer_t *self, int rc, int64_t now)
{
    (*self->c_bad)++;
    if (now - self->last_warn_ms >= S_WARN_INTERVAL_MS) {
        self->last_warn_ms = now;
        zc_warn("bad feedback message dropped err=\"%s\" total=%llu", zc_strerror(rc),
                (unsigned long long)*self->c_bad);
    }
}

/* Reads feedback until none is left, the outbox holds records, or the batch
   is done. True if it stopped with more possibly waiting. */
static bool s_drain_feedback(zc_producer_t *self, int64_t now)
{
    for (int i = 0; i < S_DRAIN_MAX; i++) {
        if (s_outbox_len(self) >= S_OUTBOX_MAX)
            return false;
        ProtobufCMessage *m = NULL;
        int rc = zc_msg_recv(self->feedback, &zcrawl__feedback__descriptor, ZMQ_DONTWAIT, &m);
        if (rc == ZC_EAGAIN || rc == ZC_EIO)
            return false;
        if (rc != ZC_OK) {
            s_bad_message(self, rc, now);
            continue;
        }
        /* Politeness counts from the ack: take the time now, not at the start
           of the loop (the request it acknowledges may have started since),
           rounded up to the next whole ms. */
        s_handle_feedback(self, (Zcrawl__Feedback *)m, zc_mono_ms() + 1);
        self->activity++;
        zc_msg_free(&m);
    }
    return true;
}

/* --- leases ------------------------------------------------------------------------------- */

static void s_expire(zc_producer_t *self, int64_t now)
{
    zc_frontier_lease_t l;
    while (zc_frontier_expire(self->frontier, now, &l) == ZC_OK) {
        self->activity++;
        if (l.kind == ZC_TASK_ROBOTS) {
            (*self->c_redispatches)++;
            if (l.failed) {
                (*self->c_robots_failed)++;
                zc_warn("robots.txt never answered, host disallowed attempts=%u", l.attempt);
            }
        } else if (l.failed) {
            (*self->c_failed)++;
            zc_info("giving up url=%s attempts=%u", l.url, l.attempt);
            s_record_make(self, l.url, "max_attempts", l.depth, l.attempt);
            free(l.url);
        } else {
            (*self->c_redispatches)++;
            zc_debug("lease expired attempt=%u", l.attempt);
        }
    }
}

/* Sends every task whose host is ready. True if it stopped with more ready. */
static bool s_dispatch(zc_producer_t *self, int64_t now)
{
    if (self->stopping || self->tasks_blocked)
        return false;
    for (int i = 0; i < S_DISPATCH_MAX; i++) {
        zc_frontier_task_t t;
        if (zc_frontier_peek(self->frontier, now, &t) != ZC_OK)
            return false;
        self->activity++;
        if (t.kind == ZC_TASK_DENIED) {
            (*self->c_denied)++;
            zc_debug("disallowed by robots.txt url=%s", t.url);
            s_record_make(self, t.url, "robots", t.depth, 0);
            zc_frontier_deny(self->frontier);
            continue;
        }
        Zcrawl__Task task = ZCRAWL__TASK__INIT;
        task.version = ZC_FORMAT_VERSION;
        task.task_id = t.task_id;
        task.url = (char *)t.url;
        task.has_depth = true;
        task.depth = t.depth;
        task.has_attempt = true;
        task.attempt = t.attempt;
        task.has_shard = true;
        task.shard = self->shard;
        if (t.kind == ZC_TASK_ROBOTS) {
            task.has_kind = true;
            task.kind = ZCRAWL__TASK_KIND__ROBOTS;
        }
        int rc = zc_msg_send(self->tasks, &task.base, ZMQ_DONTWAIT);
        if (rc != ZC_OK) {
            /* EAGAIN: no crawler or full queues. Anything else (EINTR): retry later. */
            self->tasks_blocked = rc == ZC_EAGAIN;
            return false;
        }
        zc_debug("dispatch task_id=%llu url=%s attempt=%u", (unsigned long long)t.task_id, t.url,
                 t.attempt);
        zc_frontier_lease(self->frontier, now);
        (*(t.kind == ZC_TASK_ROBOTS ? self->c_robots : self->c_dispatched))++;
    }
    return true;
}

/* --- completion and stats -------------------------------------------------------------------- */

/* A shard is idle when nothing of the crawl waits here (see the top). */
static bool s_shard_idle(zc_producer_t *self)
{
    return zc_frontier_idle(self->frontier) && s_outbox_len(self) == 0 && self->unconfirmed == 0 &&
           self->receipts_owed == 0 && self->batched == 0;
}

static void s_check_complete(zc_producer_t *self)
{
    if (s_sharded(self)) {
        bool idle = s_shard_idle(self);
        if (idle != self->complete)
            zc_debug("shard %s shard=%u queued=%zu unconfirmed=%zu records=%llu",
                    idle ? "idle" : "busy", self->shard, zc_frontier_queued(self->frontier),
                    self->unconfirmed, (unsigned long long)*self->c_records);
        self->complete = idle;
        zc_stats_set_complete(self->stats, idle, *self->c_records);
        return;
    }
    bool started = zc_frontier_admitted(self->frontier) > 0 || *self->c_records > 0;
    if (!started && !self->waiting_logged) {
        self->waiting_logged = true;
        zc_info("waiting for seeds");
    }
    bool complete = started && zc_frontier_idle(self->frontier) && s_outbox_len(self) == 0;
    if (complete == self->complete)
        return;
    self->complete = complete;
    zc_stats_set_complete(self->stats, complete, *self->c_records);
    if (complete) {
        zc_info("crawl complete records=%llu", (unsigned long long)*self->c_records);
        zc_stats_tick(self->stats, true);
    } else {
        zc_info("crawl resumed queued=%zu", zc_frontier_queued(self->frontier));
    }
}

static void s_gauges(zc_producer_t *self)
{
    *self->g_frontier = (double)zc_frontier_queued(self->frontier);
    *self->g_hosts = (double)zc_frontier_hosts(self->frontier);
    *self->g_ready = (double)zc_frontier_hosts_ready(self->frontier);
    *self->g_inflight = (double)zc_frontier_inflight(self->frontier);
    zc_stats_set_complete(self->stats, self->complete, *self->c_records);
    if (s_sharded(self)) {
        *self->g_unconfirmed = (double)self->unconfirmed;
        zc_stats_set_shard(self->stats, self->shard, self->nshards, self->wave, self->activity);
    }
}

static void s_register(zc_producer_t *self)
{
    zc_stats_t *st = self->stats;
    self->c_verdict[ZC_FRONTIER_ADMITTED] = zc_stats_counter(st, "urls_admitted_total");
    for (int v = ZC_FRONTIER_SEEN; v < ZC_FRONTIER_VERDICTS; v++) {
        char name[96];
        snprintf(name, sizeof name, "links_dropped_total{reason=\"%s\"}",
                 zc_frontier_verdict_name((zc_frontier_verdict_t)v));
        self->c_verdict[v] = zc_stats_counter(st, name);
    }
    self->c_seen = zc_stats_counter(st, "urls_seen_total");
    self->c_dispatched = zc_stats_counter(st, "tasks_dispatched_total");
    self->c_redispatches = zc_stats_counter(st, "redispatches_total");
    self->c_acks = zc_stats_counter(st, "acks_total");
    self->c_stale = zc_stats_counter(st, "acks_stale_total");
    self->c_records = zc_stats_counter(st, "records_total");
    self->c_failed = zc_stats_counter(st, "failed_total");
    self->c_bad = zc_stats_counter(st, "bad_messages_total");
    self->c_robots = zc_stats_counter(st, "robots_dispatched_total");
    self->c_robots_failed = zc_stats_counter(st, "robots_unreachable_hosts_total");
    self->c_denied = zc_stats_counter(st, "robots_denied_total");
    self->c_sitemaps = zc_stats_counter(st, "sitemaps_total");
    self->g_frontier = zc_stats_gauge(st, "frontier_size");
    self->g_hosts = zc_stats_gauge(st, "hosts");
    self->g_ready = zc_stats_gauge(st, "hosts_ready");
    self->g_inflight = zc_stats_gauge(st, "inflight");
    if (!s_sharded(self))
        return;
    self->c_fwd_links = zc_stats_counter(st, "links_forwarded_total");
    self->c_fwd_sent = zc_stats_counter(st, "forwards_sent_total");
    self->c_fwd_resent = zc_stats_counter(st, "forwards_resent_total");
    self->c_fwd_in = zc_stats_counter(st, "forwards_received_total");
    self->c_fwd_in_links = zc_stats_counter(st, "links_received_total");
    self->c_receipts = zc_stats_counter(st, "forward_receipts_total");
    self->c_misrouted = zc_stats_counter(st, "links_misrouted_total");
    self->g_unconfirmed = zc_stats_gauge(st, "forwards_unconfirmed");
}

/* --- public API ------------------------------------------------------------------------------- */

zc_producer_t *zc_producer_new(void *zmq_ctx, const zc_producer_cfg_t *cfg, int signal_fd)
{
    zc_producer_t *self = zc_calloc(1, sizeof *self);
    self->cfg = cfg;
    self->sigfd = signal_fd;
    self->shard = cfg->shard_n ? cfg->shard_k : 0;
    self->nshards = cfg->shard_n ? cfg->shard_n : 1;
    self->peers = zc_calloc(self->nshards, sizeof *self->peers);
    zc_scope_mode_t mode = ZC_SCOPE_HOST;
    if (cfg->scope)
        zc_scope_mode_parse(cfg->scope, &mode);
    zc_frontier_opts_t fo = {
        .state_dir = cfg->state,
        .scope = mode,
        .include = (const char *const *)cfg->include.v,
        .ninclude = cfg->include.n,
        .exclude = (const char *const *)cfg->exclude.v,
        .nexclude = cfg->exclude.n,
        .max_depth = cfg->max_depth,
        .max_pages = (uint64_t)cfg->max_pages,
        .max_urls_per_host = (uint64_t)cfg->max_urls_per_host,
        .user_agent = cfg->user_agent,
        .delay_ms = cfg->delay_ms,
        .host_concurrency = (uint32_t)cfg->host_concurrency,
        .lease_ms = cfg->lease_ms,
        .max_attempts = (uint32_t)cfg->max_attempts,
        .max_inflight = (size_t)cfg->max_inflight,
        .open_ms = zc_mono_ms()};
    char *ferr = NULL;
    self->frontier = zc_frontier_open(&fo, &ferr);
    if (!self->frontier) {
        zc_error("cannot open the frontier err=\"%s\"", ferr ? ferr : "?");
        free(ferr);
        goto err;
    }
    self->stats = zc_stats_new(zmq_ctx, cfg->common.stats, "producer", cfg->common.worker);
    if (!self->stats)
        goto err;
    s_register(self);

    zc_sockopt_t tasks_opt = {.type = ZMQ_PUSH, .sndhwm = S_TASKS_HWM};
    zc_sockopt_t fb_opt = {.type = ZMQ_PULL, .rcvhwm = S_FEEDBACK_HWM};
    zc_sockopt_t sink_opt = {.type = ZMQ_PUSH, .sndhwm = S_SINK_HWM, .peer = "sink"};
    self->tasks = zc_sock_open(zmq_ctx, &tasks_opt, cfg->tasks, true);
    self->feedback = self->tasks ? zc_sock_open(zmq_ctx, &fb_opt, cfg->feedback, true) : NULL;
    self->sink = self->feedback ? zc_sock_open(zmq_ctx, &sink_opt, cfg->sink, false) : NULL;
    if (!self->sink)
        goto err;
    /* A store belongs to one shard of one N: hosts are split by both. */
    char label[32], *stored = NULL;
    snprintf(label, sizeof label, "%u/%u", self->shard, self->nshards);
    if (zc_frontier_label(self->frontier, "shard", label, &stored) != ZC_OK) {
        zc_error("the frontier store belongs to another shard state=%s store_shard=%s shard=%s",
                 zc_frontier_dir(self->frontier), stored ? stored : "?", label);
        free(stored);
        goto err;
    }
    if (s_sharded(self)) {
        zc_sockopt_t peer_opt = {.type = ZMQ_PUSH, .sndhwm = S_PEER_HWM, .peer = "producer"};
        for (uint32_t i = 0; i < self->nshards; i++) {
            if (i == self->shard)
                continue;
            self->peers[i].sock = zc_sock_open(zmq_ctx, &peer_opt, cfg->peers.v[i], false);
            if (!self->peers[i].sock)
                goto err;
        }
        zc_sockopt_t ctl_opt = {.type = ZMQ_SUB, .peer = "sink"};
        self->control = zc_sock_open(zmq_ctx, &ctl_opt, cfg->control, false);
        if (!self->control || zmq_setsockopt(self->control, ZMQ_SUBSCRIBE, "", 0) != 0)
            goto err;
        self->forwarded = zc_fpset_new(0);
        self->fwd_next = (zc_frontier_epoch(self->frontier) << 40) | 1;
        size_t n = zc_frontier_forwards_each(self->frontier, s_forward_found, self);
        zc_info("shard %u of %u peers=%zu control=%s forwards_unconfirmed=%zu", self->shard,
                self->nshards, cfg->peers.n, cfg->control, n);
    }

    zc_info("producer ready tasks=%s feedback=%s sink=%s scope=%s delay_ms=%lld "
            "host_concurrency=%lld lease_ms=%lld max_attempts=%lld max_depth=%lld max_pages=%lld",
            cfg->tasks, cfg->feedback, cfg->sink, cfg->scope ? cfg->scope : "host",
            (long long)cfg->delay_ms, (long long)cfg->host_concurrency, (long long)cfg->lease_ms,
            (long long)cfg->max_attempts, (long long)cfg->max_depth, (long long)cfg->max_pages);
    if (zc_frontier_resumed(self->frontier)) {
        size_t n = zc_frontier_records_replay(self->frontier, s_record_replay, self);
        zc_info("frontier resumed state=%s queued=%zu hosts=%zu admitted=%llu seen=%zu "
                "records_released_again=%zu",
                zc_frontier_dir(self->frontier), zc_frontier_queued(self->frontier),
                zc_frontier_hosts(self->frontier),
                (unsigned long long)zc_frontier_admitted(self->frontier),
                zc_frontier_seen(self->frontier), n);
    } else {
        zc_info("frontier store created state=%s%s", zc_frontier_dir(self->frontier),
                cfg->state && *cfg->state ? "" : " (temporary)");
    }
    for (size_t i = 0; i < cfg->seeds.n; i++)
        s_offer(self, cfg->seeds.v[i], 0, true);
    if (cfg->seeds.n)
        zc_info("seeds loaded n=%zu admitted=%llu", cfg->seeds.n,
                (unsigned long long)zc_frontier_admitted(self->frontier));
    if (s_sharded(self))
        s_forward_seal_all(self);
    if (zc_frontier_commit(self->frontier) != ZC_OK)
        goto err;
    self->last_sync_ms = zc_mono_ms();
    return self;
err:
    zc_producer_destroy(&self);
    return NULL;
}

void zc_producer_destroy(zc_producer_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_producer_t *self = *self_p;
    if (self->tasks) {
        /* Tasks not yet taken by a crawler die with their (in-memory) leases. */
        int zero = 0;
        zmq_setsockopt(self->tasks, ZMQ_LINGER, &zero, sizeof zero);
    }
    if (self->sink && self->complete) {
        int linger = S_SINK_LINGER_DONE_MS;
        zmq_setsockopt(self->sink, ZMQ_LINGER, &linger, sizeof linger);
    }
    zc_sock_close(&self->tasks);
    zc_sock_close(&self->feedback);
    zc_sock_close(&self->sink);
    zc_sock_close(&self->control);
    if (self->frontier && self->peers)
        s_forward_seal_all(self); /* stored: sent after the restart */
    for (uint32_t i = 0; self->peers && i < self->nshards; i++) {
        s_peer_t *p = &self->peers[i];
        zc_sock_close(&p->sock);
        s_batch_clear(&p->batch);
        free(p->batch.depths);
        free(p->unconf);
        free(p->receipts);
    }
    free(self->peers);
    zc_fpset_destroy(&self->forwarded);
    for (size_t i = self->out_head; i < self->out_n; i++)
        free(self->outbox[i].data);
    free(self->outbox);
    if (self->frontier && zc_frontier_commit(self->frontier) == ZC_OK)
        zc_frontier_sync(self->frontier);
    zc_frontier_destroy(&self->frontier);
    zc_stats_destroy(&self->stats);
    free(self);
    *self_p = NULL;
}

/* The sink's control messages: a new completion wave is answered at once
   with a heartbeat carrying it; `complete` ends the crawl. */
static void s_read_control(zc_producer_t *self)
{
    bool answer = false;
    for (int i = 0; i < S_DRAIN_MAX; i++) {
        ProtobufCMessage *m = NULL;
        int rc = zc_msg_recv(self->control, &zcrawl__control__descriptor, ZMQ_DONTWAIT, &m);
        if (rc == ZC_EAGAIN || rc == ZC_EIO)
            break;
        if (rc != ZC_OK) {
            (*self->c_bad)++;
            continue;
        }
        const Zcrawl__Control *c = (const Zcrawl__Control *)m;
        if (c->has_wave && c->wave > self->wave) {
            self->wave = c->wave;
            answer = true;
        }
        if (c->has_complete && c->complete && !self->all_done) {
            self->all_done = true;
            answer = true;
        }
        zc_msg_free(&m);
    }
    if (answer) {
        s_check_complete(self);
        s_gauges(self);
        zc_stats_tick(self->stats, true);
    }
}

static int s_until(int64_t when, int64_t now, int timeout)
{
    if (when == INT64_MAX)
        return timeout;
    int64_t d = when > now ? when - now : 0;
    return d < timeout ? (int)d : timeout;
}

int zc_producer_step(zc_producer_t *self, int max_wait_ms, bool *done)
{
    *done = false;
    int64_t now = zc_mono_ms();
    s_expire(self, now);
    bool more = s_drain_feedback(self, now);
    more |= s_dispatch(self, now);
    /* The changes since the last commit become one transaction, at most
       S_COMMIT_INTERVAL_MS after the first of them and before their records
       leave: a busy loop commits a batch of iterations at a time. */
    bool pending = zc_frontier_dirty(self->frontier) || self->batched > 0;
    int64_t since = now - self->last_commit_ms;
    if (pending && (since >= S_COMMIT_INTERVAL_MS || self->stopping)) {
        if (s_sharded(self))
            s_forward_seal_all(self);
        if (zc_frontier_commit(self->frontier) != ZC_OK)
            return ZC_EIO;
        self->last_commit_ms = now;
        pending = false;
    } else if (!pending) {
        self->last_commit_ms = now;
    }
    /* Records, forwards and receipts leave only with nothing uncommitted: a
       record in the output means its URL is done for good, whatever is killed
       when. */
    if (!pending)
        s_outbox_flush(self);
    if (s_sharded(self) && !pending) {
        bool resend = now - self->last_resend_ms >= S_FORWARD_CHECK_MS;
        if (resend)
            self->last_resend_ms = now;
        s_forward_flush(self, now, resend);
        s_receipts_flush(self);
    }
    s_check_complete(self);
    if (now - self->last_sync_ms >= S_SYNC_INTERVAL_MS) {
        self->last_sync_ms = now;
        if (zc_frontier_sync(self->frontier) != ZC_OK)
            return ZC_EIO;
    }
    if (!s_sharded(self) && self->complete && !self->cfg->keep_running) {
        *done = true;
        return ZC_OK;
    }
    if (self->all_done && !self->cfg->keep_running) {
        zc_info("the sink announced the end of the crawl shard=%u records=%llu", self->shard,
                (unsigned long long)*self->c_records);
        *done = true;
        return ZC_OK;
    }
    s_gauges(self);
    int timeout = zc_stats_tick(self->stats, false);
    if (max_wait_ms < timeout)
        timeout = max_wait_ms;
    if (more)
        timeout = 0;
    if (pending)
        timeout = s_until(self->last_commit_ms + S_COMMIT_INTERVAL_MS, now, timeout);
    if (!self->tasks_blocked && !self->stopping)
        timeout = s_until(zc_frontier_next_ready(self->frontier), now, timeout);
    timeout = s_until(zc_frontier_next_expiry(self->frontier), now, timeout);

    if (self->unconfirmed > 0 && timeout > S_FORWARD_CHECK_MS)
        timeout = S_FORWARD_CHECK_MS;

    zmq_pollitem_t items[6];
    int n = 0, i_tasks = -1, i_sig = -1, i_ctl = -1;
    if (self->control) {
        i_ctl = n;
        items[n++] = (zmq_pollitem_t){self->control, 0, ZMQ_POLLIN, 0};
    }
    /* Feedback is read only while the sink takes records (back-pressure). */
    if (s_outbox_len(self) < S_OUTBOX_MAX)
        items[n++] = (zmq_pollitem_t){self->feedback, 0, ZMQ_POLLIN, 0};
    if (s_outbox_len(self) > 0 && !pending)
        items[n++] = (zmq_pollitem_t){self->sink, 0, ZMQ_POLLOUT, 0};
    if (self->tasks_blocked && !self->stopping) {
        i_tasks = n;
        items[n++] = (zmq_pollitem_t){self->tasks, 0, ZMQ_POLLOUT, 0};
    }
    if (self->sigfd >= 0) {
        i_sig = n;
        items[n++] = (zmq_pollitem_t){NULL, self->sigfd, ZMQ_POLLIN, 0};
    }
    if (zmq_poll(items, n, timeout) < 0 && errno != EINTR) {
        zc_error("zmq_poll failed err=\"%s\"", zmq_strerror(errno));
        return ZC_EIO;
    }
    if (i_tasks >= 0 && (items[i_tasks].revents & ZMQ_POLLOUT))
        self->tasks_blocked = false;
    if (i_sig >= 0 && (items[i_sig].revents & ZMQ_POLLIN))
        zc_signal_drain();
    if (i_ctl >= 0 && (items[i_ctl].revents & ZMQ_POLLIN))
        s_read_control(self);
    if (self->sigfd >= 0 && zc_signal_interrupted() && !self->stopping) {
        self->stopping = true;
        zc_info("stopping: signal received inflight=%zu queued=%zu",
                zc_frontier_inflight(self->frontier), zc_frontier_queued(self->frontier));
    }
    if (self->stopping) {
        if (zc_frontier_dirty(self->frontier) && zc_frontier_commit(self->frontier) != ZC_OK)
            return ZC_EIO;
        s_outbox_flush(self);
        *done = true;
    }
    return ZC_OK;
}

int zc_producer_run(zc_producer_t *self)
{
    bool done = false;
    int rc = ZC_OK;
    while (!done && rc == ZC_OK)
        rc = zc_producer_step(self, S_MAX_WAIT_MS, &done);
    s_gauges(self);
    /* Every exit is announced, a complete crawl's too: the sink then keeps
       this producer's last word (complete, records) once it goes quiet. */
    zc_stats_set_stopping(self->stats, true);
    zc_stats_tick(self->stats, true);
    if (s_outbox_len(self) > 0)
        zc_warn("records not delivered to the sink n=%zu", s_outbox_len(self));
    zc_info("producer exiting records=%llu dispatched=%llu complete=%s",
            (unsigned long long)*self->c_records, (unsigned long long)*self->c_dispatched,
            self->complete ? "true" : "false");
    return rc;
}

bool zc_producer_complete(const zc_producer_t *self)
{
    return self->complete;
}

zc_stats_t *zc_producer_stats(zc_producer_t *self)
{
    return self->stats;
}

/* --- self-test --------------------------------------------------------------------------------- */

#define S_TEST_RECORDS_MAX 16
#define S_TEST_DEADLINE_MS 10000

typedef struct {
    void *crawler;   /* PULL from the producer's tasks */
    void *parser;    /* PUSH to the producer's feedback */
    void *sink;      /* PULL of records */
    char *rec_url[S_TEST_RECORDS_MAX];
    char *rec_err[S_TEST_RECORDS_MAX];
    uint32_t rec_attempt[S_TEST_RECORDS_MAX];
    size_t nrec;
} s_test_env_t;

static void s_test_collect(s_test_env_t *env)
{
    ProtobufCMessage *m = NULL;
    while (zc_msg_recv(env->sink, &zcrawl__record__descriptor, ZMQ_DONTWAIT, &m) == ZC_OK) {
        Zcrawl__Record *r = (Zcrawl__Record *)m;
        assert(env->nrec < S_TEST_RECORDS_MAX);
        env->rec_url[env->nrec] = zc_strdup(r->url);
        env->rec_err[env->nrec] = zc_strdup(r->error ? r->error : "");
        env->rec_attempt[env->nrec] = r->attempt;
        env->nrec++;
        zc_msg_free(&m);
    }
}

static int s_test_find(const s_test_env_t *env, const char *url, const char *err)
{
    int found = 0;
    for (size_t i = 0; i < env->nrec; i++)
        if (strcmp(env->rec_url[i], url) == 0 && strcmp(env->rec_err[i], err) == 0)
            found++;
    return found;
}

/* The parser's answer to a task: an ack with a record and links. */
static void s_test_ack(s_test_env_t *env, uint64_t task_id, const char *url, char **links,
                       size_t nlinks, uint32_t status)
{
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    r.version = ZC_FORMAT_VERSION;
    r.url = (char *)url;
    r.has_status = true;
    r.status = status;
    uint8_t buf[512];
    size_t len = zcrawl__record__get_packed_size(&r);
    assert(len < sizeof buf);
    zcrawl__record__pack(&r, buf);
    Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
    fb.version = ZC_FORMAT_VERSION;
    fb.has_task_id = true;
    fb.task_id = task_id;
    fb.url = (char *)url;
    fb.has_status = true;
    fb.status = status;
    fb.n_links = nlinks;
    fb.links = links;
    fb.has_record = true;
    fb.record.data = buf;
    fb.record.len = len;
    assert(zc_msg_send(env->parser, &fb.base, 0) == 0);
}

/* The crawler+parser answer to a ROBOTS task. */
static void s_test_robots_ack(s_test_env_t *env, const Zcrawl__Task *t, uint32_t status,
                              const char *body)
{
    assert(t->has_kind && t->kind == ZCRAWL__TASK_KIND__ROBOTS);
    assert(strstr(t->url, "/robots.txt") != NULL);
    Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
    fb.version = ZC_FORMAT_VERSION;
    fb.has_task_id = true;
    fb.task_id = t->task_id;
    fb.url = t->url;
    fb.has_status = true;
    fb.status = status;
    fb.has_kind = true;
    fb.kind = ZCRAWL__TASK_KIND__ROBOTS;
    if (body) {
        fb.has_robots = true;
        fb.robots.data = (uint8_t *)body;
        fb.robots.len = strlen(body);
    }
    assert(zc_msg_send(env->parser, &fb.base, 0) == 0);
}

static void s_test_seed(s_test_env_t *env, const char *url)
{
    Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
    fb.version = ZC_FORMAT_VERSION;
    char *links[] = {(char *)url};
    fb.n_links = 1;
    fb.links = links;
    assert(zc_msg_send(env->parser, &fb.base, 0) == 0);
}

static void s_test_env_free(s_test_env_t *env)
{
    for (size_t i = 0; i < env->nrec; i++) {
        free(env->rec_url[i]);
        free(env->rec_err[i]);
    }
    zc_sock_close(&env->crawler);
    zc_sock_close(&env->parser);
    zc_sock_close(&env->sink);
}

static void s_test_cfg(zc_producer_cfg_t *cfg, char **argv, int argc)
{
    memset(cfg, 0, sizeof *cfg);
    assert(zc_config_parse(&zc_producer_info, zc_producer_opts, cfg, argc, argv, NULL) ==
           ZC_CONFIG_OK);
    assert(zc_producer_cfg_check(cfg) == ZC_CONFIG_OK);
    free(cfg->common.worker);
    cfg->common.worker = zc_strdup("test");
}

static uint64_t s_test_counter(zc_producer_t *p, const char *name)
{
    return *zc_stats_counter(zc_producer_stats(p), name);
}

/* A whole small crawl: bad seed, links through scope/seen/bad_url, a seed
   injection, a stale ack, a URL that never gets acked (redispatch, then a
   max_attempts record), and completion. */
static void s_test_crawl(void *ctx, bool verbose)
{
    char *argv[] = {"p", "--tasks", "inproc://zc-prod-t1-tasks", "--feedback",
                    "inproc://zc-prod-t1-fb", "--sink", "inproc://zc-prod-t1-sink", "--stats", "",
                    "--delay-ms", "0", "--lease-ms", "300", "--max-attempts", "2",
                    "--seed", "http://a.test/", "--seed", "::not a url::", NULL};
    zc_producer_cfg_t cfg;
    s_test_cfg(&cfg, argv, (int)ZC_ARRAY_LEN(argv) - 1);
    s_test_env_t env = {0};
    zc_sockopt_t pull = {.type = ZMQ_PULL}, push = {.type = ZMQ_PUSH};
    env.sink = zc_sock_open(ctx, &pull, "inproc://zc-prod-t1-sink", true);
    zc_producer_t *p = zc_producer_new(ctx, &cfg, -1);
    assert(p && env.sink);
    env.crawler = zc_sock_open(ctx, &pull, "inproc://zc-prod-t1-tasks", false);
    env.parser = zc_sock_open(ctx, &push, "inproc://zc-prod-t1-fb", false);
    assert(env.crawler && env.parser);

    int64_t deadline = zc_mono_ms() + S_TEST_DEADLINE_MS;
    bool done = false, seeded = false, stale_sent = false, garbage_sent = false;
    int y_seen = 0, robots = 0;
    while (!done) {
        assert(zc_mono_ms() < deadline);
        /* Short steps: acks come in between commits (one per S_COMMIT_INTERVAL_MS). */
        assert(zc_producer_step(p, 1, &done) == 0);
        size_t before = env.nrec;
        s_test_collect(&env);
        /* A record leaves only once its ack is committed: never with changes pending. */
        if (env.nrec > before && !done)
            assert(!zc_frontier_dirty(p->frontier));
        ProtobufCMessage *m = NULL;
        while (zc_msg_recv(env.crawler, &zcrawl__task__descriptor, ZMQ_DONTWAIT, &m) == 0) {
            Zcrawl__Task *t = (Zcrawl__Task *)m;
            if (verbose)
                fprintf(stderr, "task %llu %s depth=%u attempt=%u\n",
                        (unsigned long long)t->task_id, t->url, t->depth, t->attempt);
            assert(t->task_id != 0 && t->has_attempt && t->attempt >= 1);
            if (t->has_kind && t->kind == ZCRAWL__TASK_KIND__ROBOTS) {
                robots++;
                s_test_robots_ack(&env, t, strstr(t->url, "a.test") ? 200 : 404,
                                  "User-agent: *\nDisallow: /private/\n"
                                  "Sitemap: http://a.test/sitemap.xml\n");
            } else if (strcmp(t->url, "http://a.test/") == 0) {
                assert(t->depth == 0 && t->attempt == 1);
                char *links[] = {"http://a.test/x", "http://b.test/", "http://a.test/",
                                 "relative/path", "HTTP://A.TEST/y#frag",
                                 "http://a.test/private/z"};
                s_test_ack(&env, t->task_id, t->url, links, ZC_ARRAY_LEN(links), 200);
            } else if (strcmp(t->url, "http://a.test/x") == 0) {
                assert(t->depth == 1);
                s_test_ack(&env, t->task_id, t->url, NULL, 0, 200);
                if (!stale_sent) {
                    s_test_ack(&env, t->task_id, t->url, NULL, 0, 200); /* duplicate */
                    stale_sent = true;
                }
                if (!seeded) {
                    s_test_seed(&env, "http://c.test/");
                    seeded = true;
                }
            } else if (strcmp(t->url, "http://a.test/y") == 0) {
                assert(t->depth == 1 && t->attempt == (uint32_t)++y_seen);
                /* Never acked: the crawler "died". */
            } else if (strcmp(t->url, "http://c.test/") == 0) {
                char *links[] = {"http://c.test/"};
                s_test_ack(&env, t->task_id, t->url, links, 1, 200);
            } else {
                assert(!"unexpected task");
            }
            zc_msg_free(&m);
        }
        /* A malformed message is counted and skipped. */
        if (y_seen == 1 && !garbage_sent) {
            zmq_send(env.parser, "\xff\xff", 2, 0);
            garbage_sent = true;
        }
    }
    assert(zc_producer_complete(p));
    assert(s_test_counter(p, "urls_admitted_total") == 5); /* a, a/x, a/y, a/private/z, c */
    assert(s_test_counter(p, "acks_total") == 3);
    assert(s_test_counter(p, "acks_stale_total") == 1);
    assert(s_test_counter(p, "records_total") == 6);
    assert(s_test_counter(p, "robots_dispatched_total") == 2 && robots == 2); /* a.test, c.test */
    assert(s_test_counter(p, "robots_denied_total") == 1);
    assert(s_test_counter(p, "sitemaps_total") == 1);
    assert(s_test_counter(p, "failed_total") == 1);
    assert(s_test_counter(p, "redispatches_total") == 1);
    assert(s_test_counter(p, "tasks_dispatched_total") == 5);
    assert(s_test_counter(p, "links_dropped_total{reason=\"scope\"}") == 1);
    assert(s_test_counter(p, "links_dropped_total{reason=\"seen\"}") == 2);
    assert(s_test_counter(p, "links_dropped_total{reason=\"bad_url\"}") == 2);
    assert(s_test_counter(p, "bad_messages_total") == 1);
    zc_producer_destroy(&p);
    s_test_collect(&env);

    assert(y_seen == 2);
    assert(s_test_find(&env, "::not a url::", "bad_url") == 1);
    assert(s_test_find(&env, "http://a.test/", "") == 1);
    assert(s_test_find(&env, "http://a.test/x", "") == 1);
    assert(s_test_find(&env, "http://c.test/", "") == 1);
    assert(s_test_find(&env, "http://a.test/y", "max_attempts") == 1);
    assert(s_test_find(&env, "http://a.test/private/z", "robots") == 1);
    assert(env.nrec == 6);
    for (size_t i = 0; i < env.nrec; i++)
        if (strcmp(env.rec_err[i], "max_attempts") == 0)
            assert(env.rec_attempt[i] == 2);
    s_test_env_free(&env);
    zc_config_free(zc_producer_opts, &cfg);
}

/* Counters of a crawl, checked while the producer still exists. */
static void s_test_counters(void *ctx)
{
    char *argv[] = {"p", "--tasks", "inproc://zc-prod-t2-tasks", "--feedback",
                    "inproc://zc-prod-t2-fb", "--sink", "inproc://zc-prod-t2-sink", "--stats", "",
                    "--delay-ms", "0", "--keep-running", "--max-depth", "0", NULL};
    zc_producer_cfg_t cfg;
    s_test_cfg(&cfg, argv, (int)ZC_ARRAY_LEN(argv) - 1);
    s_test_env_t env = {0};
    zc_sockopt_t pull = {.type = ZMQ_PULL}, push = {.type = ZMQ_PUSH};
    env.sink = zc_sock_open(ctx, &pull, "inproc://zc-prod-t2-sink", true);
    zc_producer_t *p = zc_producer_new(ctx, &cfg, -1);
    assert(p);
    env.parser = zc_sock_open(ctx, &push, "inproc://zc-prod-t2-fb", false);

    /* No seeds: waiting, never complete. */
    bool done = false;
    for (int i = 0; i < 3; i++) {
        assert(zc_producer_step(p, 1, &done) == 0 && !done);
        assert(!zc_producer_complete(p));
    }
    /* A seed arrives but no crawler is connected: the task stays queued. */
    s_test_seed(&env, "http://d.test/");
    for (int i = 0; i < 5; i++)
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
    assert(s_test_counter(p, "urls_admitted_total") == 1);
    assert(s_test_counter(p, "tasks_dispatched_total") == 0);
    /* A crawler connects: the task goes out. */
    env.crawler = zc_sock_open(ctx, &pull, "inproc://zc-prod-t2-tasks", false);
    ProtobufCMessage *m = NULL;
    int64_t deadline = zc_mono_ms() + S_TEST_DEADLINE_MS;
    Zcrawl__Task *t = NULL;
    while (!t) {
        while (zc_msg_recv(env.crawler, &zcrawl__task__descriptor, ZMQ_DONTWAIT, &m) != 0) {
            assert(zc_mono_ms() < deadline);
            assert(zc_producer_step(p, 5, &done) == 0 && !done);
        }
        t = (Zcrawl__Task *)m;
        if (t->has_kind && t->kind == ZCRAWL__TASK_KIND__ROBOTS) {
            /* robots.txt first: a 404 allows everything. */
            assert(strcmp(t->url, "http://d.test/robots.txt") == 0 && t->task_id == 1);
            s_test_robots_ack(&env, t, 404, NULL);
            zc_msg_free(&m);
            t = NULL;
        }
    }
    assert(strcmp(t->url, "http://d.test/") == 0 && t->task_id == 2 && t->depth == 0);
    /* Max depth 0: the seed's links are dropped for depth. */
    char *links[] = {"http://d.test/1", "http://d.test/2"};
    s_test_ack(&env, t->task_id, t->url, links, 2, 503);
    zc_msg_free(&m);
    while (!zc_producer_complete(p)) {
        assert(zc_mono_ms() < deadline);
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
    }
    assert(s_test_counter(p, "links_dropped_total{reason=\"depth\"}") == 2);
    assert(s_test_counter(p, "acks_total") == 1);
    assert(s_test_counter(p, "records_total") == 1);
    /* --keep-running: complete, but still up; a new seed resumes the crawl. */
    assert(zc_producer_step(p, 1, &done) == 0 && !done);
    s_test_seed(&env, "http://e.test/");
    while (zc_producer_complete(p)) {
        assert(zc_mono_ms() < deadline);
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
    }
    zc_producer_destroy(&p);
    s_test_env_free(&env);
    zc_config_free(zc_producer_opts, &cfg);
}

/* A URL of a host that shard k of n owns. */
static void s_test_url_of(uint32_t k, uint32_t n, const char *path, char *buf, size_t size)
{
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, size, "http://h%d.test/%s", i, path);
        if (zc_shard_of_url(buf, n) == k)
            return;
    }
    assert(!"no host for the shard");
}

/* Steps p until a Feedback arrives on sock (or the deadline), returns it. */
static Zcrawl__Feedback *s_test_wait_fb(zc_producer_t *p, void *sock, int64_t ms)
{
    int64_t deadline = zc_mono_ms() + ms;
    bool done = false;
    while (zc_mono_ms() < deadline) {
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
        ProtobufCMessage *m = NULL;
        if (zc_msg_recv(sock, &zcrawl__feedback__descriptor, ZMQ_DONTWAIT, &m) == ZC_OK)
            return (Zcrawl__Feedback *)m;
    }
    return NULL;
}

/* Shard 0 of 2, the test playing shard 1, the crawler, the parser, the sink
   and the sink's control socket: links and seeds of shard 1's hosts are
   forwarded, kept in the store and sent again after a restart until shard
   1's receipt; a FORWARD from shard 1 is admitted and confirmed after the
   commit; an idle shard stays up until the sink announces the end. */
static void s_test_shards(void *ctx)
{
    char dir[] = "/tmp/zc-producer-shard-XXXXXX";
    assert(mkdtemp(dir));
    char mine[128], theirs[128], theirs2[128];
    s_test_url_of(0, 2, "", mine, sizeof mine);
    s_test_url_of(1, 2, "", theirs, sizeof theirs);
    s_test_url_of(1, 2, "x", theirs2, sizeof theirs2);
    char *argv[] = {"p", "--tasks", "inproc://zc-prod-t3-tasks", "--feedback",
                    "inproc://zc-prod-t3-fb0", "--sink", "inproc://zc-prod-t3-sink", "--stats", "",
                    "--delay-ms", "0", "--state", dir, "--shard", "0/2",
                    "--peer", "inproc://zc-prod-t3-fb0", "--peer", "inproc://zc-prod-t3-fb1",
                    "--control", "inproc://zc-prod-t3-ctl", "--seed", mine, "--seed", theirs, NULL};
    int argc = (int)ZC_ARRAY_LEN(argv) - 1;
    zc_sockopt_t pull = {.type = ZMQ_PULL}, push = {.type = ZMQ_PUSH}, pub = {.type = ZMQ_PUB};
    void *sink = zc_sock_open(ctx, &pull, "inproc://zc-prod-t3-sink", true);
    void *peer1 = zc_sock_open(ctx, &pull, "inproc://zc-prod-t3-fb1", true);
    void *ctl = zc_sock_open(ctx, &pub, "inproc://zc-prod-t3-ctl", true);
    assert(sink && peer1 && ctl);
    zc_producer_cfg_t cfg;
    s_test_cfg(&cfg, argv, argc);
    zc_producer_t *p = zc_producer_new(ctx, &cfg, -1);
    assert(p);
    void *fb0 = zc_sock_open(ctx, &push, "inproc://zc-prod-t3-fb0", false);
    assert(fb0);

    /* 1. The seed of shard 1's host goes there as a seed (and widens our scope). */
    Zcrawl__Feedback *f = s_test_wait_fb(p, peer1, S_TEST_DEADLINE_MS);
    assert(f && f->has_type && f->type == ZCRAWL__FEEDBACK_TYPE__FORWARD);
    assert(f->shard == 0 && f->has_forward_seq && f->n_seeds == 1 && f->n_links == 0);
    assert(strcmp(f->seeds[0], theirs) == 0);
    uint64_t seq = f->forward_seq;
    zc_msg_free((ProtobufCMessage **)&f);
    assert(s_test_counter(p, "urls_admitted_total") == 1); /* only our own seed */
    /* 2. No receipt: a restart on the store sends the same FORWARD again. */
    zc_producer_destroy(&p);
    zc_config_free(zc_producer_opts, &cfg);
    s_test_cfg(&cfg, argv, argc - 4); /* the same flags without the seeds */
    p = zc_producer_new(ctx, &cfg, -1);
    assert(p);
    /* inproc does not reconnect to a new bind: connect again. */
    zc_sock_close(&fb0);
    fb0 = zc_sock_open(ctx, &push, "inproc://zc-prod-t3-fb0", false);
    assert(fb0);
    f = s_test_wait_fb(p, peer1, S_TEST_DEADLINE_MS);
    assert(f && f->type == ZCRAWL__FEEDBACK_TYPE__FORWARD && f->forward_seq == seq);
    assert(f->n_seeds == 1 && strcmp(f->seeds[0], theirs) == 0);
    zc_msg_free((ProtobufCMessage **)&f);
    /* 3. The receipt ends it: after another restart nothing is sent again. */
    Zcrawl__Feedback r = ZCRAWL__FEEDBACK__INIT;
    r.version = ZC_FORMAT_VERSION;
    r.has_type = r.has_shard = r.has_forward_seq = true;
    r.type = ZCRAWL__FEEDBACK_TYPE__RECEIPT;
    r.shard = 1;
    r.forward_seq = seq;
    assert(zc_msg_send(fb0, &r.base, 0) == 0);
    int64_t deadline = zc_mono_ms() + S_TEST_DEADLINE_MS;
    bool done = false;
    while (s_test_counter(p, "forward_receipts_total") == 0) {
        assert(zc_mono_ms() < deadline);
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
    }
    zc_producer_destroy(&p);
    zc_config_free(zc_producer_opts, &cfg);
    s_test_cfg(&cfg, argv, argc - 4);
    p = zc_producer_new(ctx, &cfg, -1);
    assert(p);
    zc_sock_close(&fb0);
    fb0 = zc_sock_open(ctx, &push, "inproc://zc-prod-t3-fb0", false);
    assert(fb0);
    assert(s_test_wait_fb(p, peer1, 300) == NULL);

    /* 4. A FORWARD from shard 1: admitted here, then confirmed to shard 1. */
    char link[160];
    s_test_url_of(0, 2, "from-1", link, sizeof link);
    char *links[] = {link, theirs2};
    uint32_t depths[] = {3, 1};
    Zcrawl__Feedback fw = ZCRAWL__FEEDBACK__INIT;
    fw.version = ZC_FORMAT_VERSION;
    fw.has_type = fw.has_shard = fw.has_forward_seq = true;
    fw.type = ZCRAWL__FEEDBACK_TYPE__FORWARD;
    fw.shard = 1;
    fw.forward_seq = 77;
    fw.n_links = fw.n_link_depths = 2;
    fw.links = links;
    fw.link_depths = depths;
    assert(zc_msg_send(fb0, &fw.base, 0) == 0);
    f = s_test_wait_fb(p, peer1, S_TEST_DEADLINE_MS);
    assert(f && f->type == ZCRAWL__FEEDBACK_TYPE__RECEIPT && f->shard == 0 &&
           f->forward_seq == 77);
    zc_msg_free((ProtobufCMessage **)&f);
    assert(s_test_counter(p, "forwards_received_total") == 1);
    assert(s_test_counter(p, "links_misrouted_total") == 1); /* theirs2 is shard 1's */
    assert(s_test_counter(p, "urls_admitted_total") == 2);
    /* A FORWARD claiming to come from this shard, or with depths missing, is dropped. */
    fw.shard = 0;
    assert(zc_msg_send(fb0, &fw.base, 0) == 0);
    fw.shard = 1;
    fw.n_link_depths = 1;
    assert(zc_msg_send(fb0, &fw.base, 0) == 0);
    deadline = zc_mono_ms() + S_TEST_DEADLINE_MS;
    while (s_test_counter(p, "bad_messages_total") < 2) {
        assert(zc_mono_ms() < deadline);
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
    }

    /* 5. Crawl our three URLs; idle, the shard stays up until the sink says so. */
    void *crawler = zc_sock_open(ctx, &pull, "inproc://zc-prod-t3-tasks", false);
    assert(crawler);
    s_test_env_t env = {.crawler = crawler, .parser = fb0, .sink = sink};
    int acked = 0;
    deadline = zc_mono_ms() + S_TEST_DEADLINE_MS;
    while (acked < 3) {
        assert(zc_mono_ms() < deadline);
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
        ProtobufCMessage *m = NULL;
        while (zc_msg_recv(crawler, &zcrawl__task__descriptor, ZMQ_DONTWAIT, &m) == 0) {
            Zcrawl__Task *t = (Zcrawl__Task *)m;
            /* Our hosts, and the host of the misrouted link admitted anyway. */
            assert(t->has_shard && t->shard == 0);
            size_t hl = (size_t)(strchr(theirs2 + 7, '/') - theirs2);
            assert(zc_shard_of_url(t->url, 2) == 0 || strncmp(t->url, theirs2, hl) == 0);
            if (t->has_kind && t->kind == ZCRAWL__TASK_KIND__ROBOTS) {
                s_test_robots_ack(&env, t, 404, NULL);
            } else {
                if (acked == 0) {
                    /* An ack naming another shard is not ours, whatever its id. */
                    Zcrawl__Feedback wrong = ZCRAWL__FEEDBACK__INIT;
                    wrong.version = ZC_FORMAT_VERSION;
                    wrong.has_task_id = wrong.has_shard = true;
                    wrong.task_id = t->task_id;
                    wrong.shard = 1;
                    assert(zc_msg_send(fb0, &wrong.base, 0) == 0);
                }
                s_test_ack(&env, t->task_id, t->url, NULL, 0, 200);
                acked++;
            }
            zc_msg_free(&m);
        }
    }
    s_test_collect(&env);
    while (!zc_producer_complete(p)) {
        assert(zc_mono_ms() < deadline);
        assert(zc_producer_step(p, 5, &done) == 0 && !done);
    }
    assert(s_test_counter(p, "bad_messages_total") == 3);
    assert(s_test_counter(p, "acks_total") == 3 && s_test_counter(p, "acks_stale_total") == 0);
    for (int i = 0; i < 20; i++)
        assert(zc_producer_step(p, 2, &done) == 0 && !done);
    Zcrawl__Control cm = ZCRAWL__CONTROL__INIT;
    cm.version = ZC_FORMAT_VERSION;
    cm.has_wave = cm.has_complete = true;
    cm.wave = 9;
    cm.complete = true;
    while (!done) {
        assert(zc_mono_ms() < deadline);
        zc_msg_send(ctl, &cm.base, ZMQ_DONTWAIT);
        assert(zc_producer_step(p, 5, &done) == 0);
    }
    zc_producer_destroy(&p);
    env.crawler = env.parser = env.sink = NULL;
    s_test_env_free(&env);
    zc_sock_close(&crawler);
    zc_sock_close(&fb0);
    zc_sock_close(&sink);
    zc_sock_close(&peer1);
    zc_sock_close(&ctl);
    zc_config_free(zc_producer_opts, &cfg);
    /* The store is shard 0/2's: as another shard it does not open. */
    argv[14] = "1/2";
    s_test_cfg(&cfg, argv, argc - 4);
    assert(zc_producer_new(ctx, &cfg, -1) == NULL);
    zc_config_free(zc_producer_opts, &cfg);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert(system(cmd) == 0);
}

int zc_producer_test(bool verbose)
{
    if (!verbose)
        zc_log_init("producer", "test", ZC_LOG_WARN);
    void *ctx = zmq_ctx_new();
    s_test_crawl(ctx, verbose);
    s_test_counters(ctx);
    s_test_shards(ctx);
    zmq_ctx_term(ctx);
    return 0;
}
