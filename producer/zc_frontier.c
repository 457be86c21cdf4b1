/*  zc_frontier — in-memory frontier: seen-set, per-host queues, politeness, leases.

    Data structures
    - Seen-set: a zc_fpset of URL fingerprints (zc_fp_url); no URL string is
      kept except in a host queue or a lease.
    - Scope: a zc_fpset of hashed seed host names (scope host only).
    - Hosts: an array of s_host_t (never shrinks; a host index is stable),
      found by host key ("scheme://host[:port]") through an open-addressing
      index. Each host holds a ring-buffer FIFO of queued URLs, its number of
      leases and next_allowed, the earliest time its next request may start.
    - Ready heap: a binary min-heap of the hosts that have queued URLs and a
      free slot (inflight < host_concurrency), keyed by next_allowed. The next
      URL to dispatch is the head of the top host's queue, if that host's time
      has come: scheduling never scans hosts.
    - Leases: a slab of s_lease_t (free list), an open-addressing index by
      task_id, and a doubly linked list in deadline order. Deadlines are
      now + lease_ms with a monotonic clock, so appending keeps the list
      sorted (the deadline is clamped to the tail's to stay so); the next
      expiry is the list head, and an ack unlinks in O(1).

    Invariants
    1. A URL is in exactly one place: a host queue, the lease table, or done
       (dropped from memory; only its fingerprint stays in the seen-set).
    2. A host is in the ready heap iff its queue is non-empty and
       inflight < host_concurrency; host->heap_pos is its heap index or -1.
    3. host->inflight is the number of leases naming that host, and
       never exceeds host_concurrency; the lease count never exceeds max_inflight.
    4. Lease deadlines are non-decreasing from the list head to its tail.
    5. For every host, two lease starts are at least delay_ms apart while it
       has concurrency 1: lease and ack both push next_allowed to >= now + delay.
*/
#include "zc_frontier.h"

#include "zc_fpset.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_NIL UINT32_MAX
#define S_INDEX_MIN 64           /* initial slots of the host and lease indexes */
#define S_QUEUE_MIN 4            /* initial ring size of a host queue */
#define S_QUEUE_KEEP 16          /* an emptied queue keeps its ring up to this size */
#define S_SEEN_INITIAL 4096
#define S_SCOPE_SEED 0x73636f7065ULL
#define S_HOST_SEED 0x686f7374ULL

typedef struct {
    char *url;
    uint32_t depth, attempt;
} s_item_t;

typedef struct {
    char *key;
    uint64_t hash;
    s_item_t *q;          /* ring buffer, qcap a power of two (or 0) */
    size_t qhead, qlen, qcap;
    uint32_t inflight;
    int64_t next_allowed;
    int64_t heap_pos;     /* index in the ready heap, -1 when not in it */
} s_host_t;

typedef struct {
    uint64_t task_id;     /* 0 = free slot */
    char *url;
    uint32_t depth, attempt;
    uint32_t host;
    int64_t deadline;
    uint32_t prev, next;  /* deadline list, or next = free list link */
} s_lease_t;

struct zc_frontier_t {
    zc_frontier_opts_t opts;
    zc_fpset_t *seen;
    zc_fpset_t *scope_hosts;
    uint64_t admitted;
    size_t queued;

    s_host_t *hosts;
    size_t nhosts, hosts_cap;
    uint32_t *hindex;     /* host index + 1, 0 = empty */
    size_t hmask;

    uint32_t *heap;       /* host indexes */
    size_t heap_n, heap_cap;

    s_lease_t *leases;
    size_t leases_cap, nleases;
    uint32_t lfree;       /* free list head */
    uint32_t *lindex;     /* lease slot + 1, 0 = empty */
    size_t lmask;
    uint32_t lhead, ltail;/* deadline order, oldest first */
    uint64_t next_task_id;
};

/* --- hashing ---------------------------------------------------------------- */

static uint64_t s_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* --- ready heap -------------------------------------------------------------- */

static int64_t s_key(const zc_frontier_t *self, size_t pos)
{
    return self->hosts[self->heap[pos]].next_allowed;
}

static void s_heap_set(zc_frontier_t *self, size_t pos, uint32_t host)
{
    self->heap[pos] = host;
    self->hosts[host].heap_pos = (int64_t)pos;
}

static void s_heap_up(zc_frontier_t *self, size_t pos)
{
    uint32_t h = self->heap[pos];
    int64_t key = self->hosts[h].next_allowed;
    while (pos > 0) {
        size_t parent = (pos - 1) / 2;
        if (s_key(self, parent) <= key)
            break;
        s_heap_set(self, pos, self->heap[parent]);
        pos = parent;
    }
    s_heap_set(self, pos, h);
}

static void s_heap_down(zc_frontier_t *self, size_t pos)
{
    uint32_t h = self->heap[pos];
    int64_t key = self->hosts[h].next_allowed;
    for (;;) {
        size_t c = 2 * pos + 1;
        if (c >= self->heap_n)
            break;
        if (c + 1 < self->heap_n && s_key(self, c + 1) < s_key(self, c))
            c++;
        if (key <= s_key(self, c))
            break;
        s_heap_set(self, pos, self->heap[c]);
        pos = c;
    }
    s_heap_set(self, pos, h);
}

static void s_heap_remove(zc_frontier_t *self, uint32_t host)
{
    size_t pos = (size_t)self->hosts[host].heap_pos;
    self->hosts[host].heap_pos = -1;
    size_t last = --self->heap_n;
    if (pos == last)
        return;
    uint32_t moved = self->heap[last];
    s_heap_set(self, pos, moved);
    s_heap_up(self, pos);
    s_heap_down(self, (size_t)self->hosts[moved].heap_pos);
}

/* Restores invariant 2 for host after its queue, inflight or next_allowed changed. */
static void s_host_update(zc_frontier_t *self, uint32_t host)
{
    s_host_t *h = &self->hosts[host];
    bool want = h->qlen > 0 && h->inflight < self->opts.host_concurrency;
    if (h->heap_pos < 0) {
        if (!want)
            return;
        if (self->heap_n == self->heap_cap) {
            self->heap_cap = self->heap_cap ? self->heap_cap * 2 : S_INDEX_MIN;
            self->heap = zc_realloc(self->heap, self->heap_cap * sizeof *self->heap);
        }
        self->heap_n++;
        s_heap_set(self, self->heap_n - 1, host);
        s_heap_up(self, self->heap_n - 1);
    } else if (!want) {
        s_heap_remove(self, host);
    } else {
        size_t pos = (size_t)h->heap_pos;
        s_heap_up(self, pos);
        s_heap_down(self, (size_t)h->heap_pos);
    }
}

/* --- host queues --------------------------------------------------------------- */

static void s_queue_grow(s_host_t *h)
{
    size_t cap = h->qcap ? h->qcap * 2 : S_QUEUE_MIN;
    s_item_t *q = zc_malloc(cap * sizeof *q);
    for (size_t i = 0; i < h->qlen; i++)
        q[i] = h->q[(h->qhead + i) & (h->qcap - 1)];
    free(h->q);
    h->q = q;
    h->qcap = cap;
    h->qhead = 0;
}

static void s_queue_push_back(s_host_t *h, s_item_t it)
{
    if (h->qlen == h->qcap)
        s_queue_grow(h);
    h->q[(h->qhead + h->qlen) & (h->qcap - 1)] = it;
    h->qlen++;
}

static void s_queue_push_front(s_host_t *h, s_item_t it)
{
    if (h->qlen == h->qcap)
        s_queue_grow(h);
    h->qhead = (h->qhead + h->qcap - 1) & (h->qcap - 1);
    h->q[h->qhead] = it;
    h->qlen++;
}

static s_item_t s_queue_pop_front(s_host_t *h)
{
    assert(h->qlen > 0);
    s_item_t it = h->q[h->qhead];
    h->qhead = (h->qhead + 1) & (h->qcap - 1);
    h->qlen--;
    if (h->qlen == 0 && h->qcap > S_QUEUE_KEEP) {
        free(h->q);
        h->q = NULL;
        h->qcap = 0;
        h->qhead = 0;
    }
    return it;
}

/* --- host index ------------------------------------------------------------------ */

static void s_hindex_insert(zc_frontier_t *self, uint32_t host)
{
    size_t j = (size_t)self->hosts[host].hash & self->hmask;
    while (self->hindex[j])
        j = (j + 1) & self->hmask;
    self->hindex[j] = host + 1;
}

/* The index of the host with key (len bytes), created when missing. */
static uint32_t s_host_get(zc_frontier_t *self, const char *key, size_t len)
{
    uint64_t hash = zc_hash64(key, len, S_HOST_SEED);
    size_t j = (size_t)hash & self->hmask;
    while (self->hindex[j]) {
        s_host_t *h = &self->hosts[self->hindex[j] - 1];
        if (h->hash == hash && strncmp(h->key, key, len) == 0 && h->key[len] == '\0')
            return self->hindex[j] - 1;
        j = (j + 1) & self->hmask;
    }
    assert(self->nhosts < S_NIL - 1);
    if (self->nhosts == self->hosts_cap) {
        self->hosts_cap = self->hosts_cap ? self->hosts_cap * 2 : S_INDEX_MIN;
        self->hosts = zc_realloc(self->hosts, self->hosts_cap * sizeof *self->hosts);
    }
    uint32_t idx = (uint32_t)self->nhosts++;
    s_host_t *h = &self->hosts[idx];
    memset(h, 0, sizeof *h);
    h->key = zc_strndup(key, len);
    h->hash = hash;
    h->heap_pos = -1;
    if ((self->nhosts * 2) > self->hmask + 1) {
        size_t cap = (self->hmask + 1) * 2;
        free(self->hindex);
        self->hindex = zc_calloc(cap, sizeof *self->hindex);
        self->hmask = cap - 1;
        for (uint32_t i = 0; i < self->nhosts; i++)
            s_hindex_insert(self, i);
    } else {
        self->hindex[j] = idx + 1;
    }
    return idx;
}

/* --- lease table ------------------------------------------------------------------- */

static size_t s_lhome(const zc_frontier_t *self, uint32_t slot)
{
    return (size_t)s_mix(self->leases[slot].task_id) & self->lmask;
}

static void s_lindex_insert(zc_frontier_t *self, uint32_t slot)
{
    size_t j = s_lhome(self, slot);
    while (self->lindex[j])
        j = (j + 1) & self->lmask;
    self->lindex[j] = slot + 1;
}

/* Position in lindex of the lease task_id, or SIZE_MAX. */
static size_t s_lfind(const zc_frontier_t *self, uint64_t task_id)
{
    if (!task_id)
        return SIZE_MAX;
    size_t j = (size_t)s_mix(task_id) & self->lmask;
    while (self->lindex[j]) {
        if (self->leases[self->lindex[j] - 1].task_id == task_id)
            return j;
        j = (j + 1) & self->lmask;
    }
    return SIZE_MAX;
}

/* Deletes lindex[i] by backward shift, so probe chains stay unbroken. */
static void s_lindex_delete(zc_frontier_t *self, size_t i)
{
    size_t j = i;
    for (;;) {
        j = (j + 1) & self->lmask;
        if (!self->lindex[j])
            break;
        size_t k = s_lhome(self, self->lindex[j] - 1);
        /* Move j into the hole unless its home lies cyclically in (i, j]. */
        bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
            self->lindex[i] = self->lindex[j];
            i = j;
        }
    }
    self->lindex[i] = 0;
}

static uint32_t s_lease_alloc(zc_frontier_t *self)
{
    if (self->lfree == S_NIL) {
        size_t old = self->leases_cap;
        size_t cap = old ? old * 2 : S_INDEX_MIN;
        assert(cap < S_NIL);
        self->leases = zc_realloc(self->leases, cap * sizeof *self->leases);
        for (size_t i = old; i < cap; i++) {
            self->leases[i].task_id = 0;
            self->leases[i].next = i + 1 < cap ? (uint32_t)(i + 1) : S_NIL;
        }
        self->lfree = (uint32_t)old;
        self->leases_cap = cap;
    }
    uint32_t slot = self->lfree;
    self->lfree = self->leases[slot].next;
    return slot;
}

/* Unlinks the lease at lindex position pos from the index and the deadline
   list and frees its slot; returns a copy of it (its url now the caller's). */
static s_lease_t s_lease_take(zc_frontier_t *self, size_t pos)
{
    uint32_t slot = self->lindex[pos] - 1;
    s_lease_t l = self->leases[slot];
    s_lindex_delete(self, pos);
    if (l.prev != S_NIL)
        self->leases[l.prev].next = l.next;
    else
        self->lhead = l.next;
    if (l.next != S_NIL)
        self->leases[l.next].prev = l.prev;
    else
        self->ltail = l.prev;
    self->leases[slot].task_id = 0;
    self->leases[slot].url = NULL;
    self->leases[slot].next = self->lfree;
    self->lfree = slot;
    self->nleases--;
    return l;
}

/* --- public API ---------------------------------------------------------------------- */

zc_frontier_t *zc_frontier_new(const zc_frontier_opts_t *opts)
{
    if (!opts || opts->host_concurrency < 1 || opts->max_inflight < 1 || opts->max_attempts < 1 ||
        opts->delay_ms < 0 || opts->lease_ms < 1 || opts->max_depth < -1 ||
        (opts->scope != ZC_SCOPE_HOST && opts->scope != ZC_SCOPE_ANY))
        return NULL;
    zc_frontier_t *self = zc_calloc(1, sizeof *self);
    self->opts = *opts;
    self->seen = zc_fpset_new(S_SEEN_INITIAL);
    self->scope_hosts = zc_fpset_new(S_INDEX_MIN);
    self->hindex = zc_calloc(S_INDEX_MIN, sizeof *self->hindex);
    self->hmask = S_INDEX_MIN - 1;
    self->lindex = zc_calloc(S_INDEX_MIN, sizeof *self->lindex);
    self->lmask = S_INDEX_MIN - 1;
    self->lfree = S_NIL;
    self->lhead = self->ltail = S_NIL;
    self->next_task_id = 1;
    return self;
}

void zc_frontier_destroy(zc_frontier_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_frontier_t *self = *self_p;
    for (size_t i = 0; i < self->nhosts; i++) {
        s_host_t *h = &self->hosts[i];
        for (size_t k = 0; k < h->qlen; k++)
            free(h->q[(h->qhead + k) & (h->qcap - 1)].url);
        free(h->q);
        free(h->key);
    }
    for (size_t i = 0; i < self->leases_cap; i++)
        if (self->leases[i].task_id)
            free(self->leases[i].url);
    free(self->hosts);
    free(self->hindex);
    free(self->heap);
    free(self->leases);
    free(self->lindex);
    zc_fpset_destroy(&self->seen);
    zc_fpset_destroy(&self->scope_hosts);
    free(self);
    *self_p = NULL;
}

const char *zc_frontier_verdict_name(zc_frontier_verdict_t v)
{
    switch (v) {
    case ZC_FRONTIER_ADMITTED: return "admitted";
    case ZC_FRONTIER_SEEN: return "seen";
    case ZC_FRONTIER_SCOPE: return "scope";
    case ZC_FRONTIER_DEPTH: return "depth";
    case ZC_FRONTIER_MAX_PAGES: return "max_pages";
    case ZC_FRONTIER_BAD_URL: return "bad_url";
    }
    return "unknown";
}

zc_frontier_verdict_t zc_frontier_add(zc_frontier_t *self, const char *url, uint32_t depth,
                                      bool seed)
{
    size_t len = strlen(url);
    if (len == 0 || len > ZC_URL_MAX ||
        (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
        return ZC_FRONTIER_BAD_URL;
    /* The politeness key: "scheme://host[:port]", without user-info. */
    char key[ZC_URL_MAX + 1];
    if (zc_url_hostkey(url, key, sizeof key))
        return ZC_FRONTIER_BAD_URL;
    const char *host;
    size_t hostlen;
    if (zc_url_host(url, &host, &hostlen))
        return ZC_FRONTIER_BAD_URL;
    uint64_t hostfp = zc_hash64(host, hostlen, S_SCOPE_SEED);

    if (seed && self->opts.scope == ZC_SCOPE_HOST)
        zc_fpset_add(self->scope_hosts, hostfp);
    if (!seed && self->opts.max_depth >= 0 && (int64_t)depth > self->opts.max_depth)
        return ZC_FRONTIER_DEPTH;
    if (self->opts.scope == ZC_SCOPE_HOST && !zc_fpset_has(self->scope_hosts, hostfp))
        return ZC_FRONTIER_SCOPE;
    uint64_t fp = zc_fp_url(url, len);
    if (self->opts.max_pages && self->admitted >= self->opts.max_pages)
        return zc_fpset_has(self->seen, fp) ? ZC_FRONTIER_SEEN : ZC_FRONTIER_MAX_PAGES;
    if (!zc_fpset_add(self->seen, fp))
        return ZC_FRONTIER_SEEN;

    uint32_t hi = s_host_get(self, key, strlen(key));
    s_item_t it = {zc_strndup(url, len), depth, 1};
    s_queue_push_back(&self->hosts[hi], it);
    self->admitted++;
    self->queued++;
    s_host_update(self, hi);
    return ZC_FRONTIER_ADMITTED;
}

int zc_frontier_peek(zc_frontier_t *self, int64_t now, zc_frontier_task_t *task)
{
    if (self->nleases >= self->opts.max_inflight || self->heap_n == 0)
        return ZC_EAGAIN;
    const s_host_t *h = &self->hosts[self->heap[0]];
    if (h->next_allowed > now)
        return ZC_EAGAIN;
    const s_item_t *it = &h->q[h->qhead];
    task->url = it->url;
    task->task_id = self->next_task_id;
    task->depth = it->depth;
    task->attempt = it->attempt;
    return ZC_OK;
}

uint64_t zc_frontier_lease(zc_frontier_t *self, int64_t now)
{
    assert(self->nleases < self->opts.max_inflight && self->heap_n > 0);
    uint32_t hi = self->heap[0];
    s_host_t *h = &self->hosts[hi];
    assert(h->next_allowed <= now && h->qlen > 0);
    s_item_t it = s_queue_pop_front(h);
    self->queued--;
    h->inflight++;
    if (h->next_allowed < now + self->opts.delay_ms)
        h->next_allowed = now + self->opts.delay_ms;
    s_host_update(self, hi);

    uint32_t slot = s_lease_alloc(self);
    s_lease_t *l = &self->leases[slot];
    l->task_id = self->next_task_id++;
    l->url = it.url;
    l->depth = it.depth;
    l->attempt = it.attempt;
    l->host = hi;
    l->deadline = now + self->opts.lease_ms;
    if (self->ltail != S_NIL && l->deadline < self->leases[self->ltail].deadline)
        l->deadline = self->leases[self->ltail].deadline; /* invariant 4 */
    l->prev = self->ltail;
    l->next = S_NIL;
    if (self->ltail != S_NIL)
        self->leases[self->ltail].next = slot;
    else
        self->lhead = slot;
    self->ltail = slot;
    self->nleases++;
    if ((self->nleases * 2) > self->lmask + 1) {
        size_t cap = (self->lmask + 1) * 2;
        free(self->lindex);
        self->lindex = zc_calloc(cap, sizeof *self->lindex);
        self->lmask = cap - 1;
        for (uint32_t i = 0; i < self->leases_cap; i++)
            if (self->leases[i].task_id)
                s_lindex_insert(self, i);
    } else {
        s_lindex_insert(self, slot);
    }
    return l->task_id;
}

/* A host's lease ended at now: slot back, next start no earlier than now + wait. */
static void s_host_release(zc_frontier_t *self, uint32_t hi, int64_t now, int64_t wait)
{
    s_host_t *h = &self->hosts[hi];
    assert(h->inflight > 0);
    h->inflight--;
    if (h->next_allowed < now + wait)
        h->next_allowed = now + wait;
}

int zc_frontier_ack(zc_frontier_t *self, uint64_t task_id, int64_t now, int64_t backoff_ms,
                    zc_frontier_lease_t *out)
{
    size_t pos = s_lfind(self, task_id);
    if (pos == SIZE_MAX)
        return ZC_ENOTFOUND;
    s_lease_t l = s_lease_take(self, pos);
    int64_t wait = backoff_ms > self->opts.delay_ms ? backoff_ms : self->opts.delay_ms;
    s_host_release(self, l.host, now, wait);
    s_host_update(self, l.host);
    free(l.url);
    if (out) {
        out->url = NULL;
        out->depth = l.depth;
        out->attempt = l.attempt;
        out->failed = false;
    }
    return ZC_OK;
}

int zc_frontier_expire(zc_frontier_t *self, int64_t now, zc_frontier_lease_t *out)
{
    if (self->lhead == S_NIL || self->leases[self->lhead].deadline > now)
        return ZC_EAGAIN;
    size_t pos = s_lfind(self, self->leases[self->lhead].task_id);
    assert(pos != SIZE_MAX);
    s_lease_t l = s_lease_take(self, pos);
    s_host_release(self, l.host, now, self->opts.delay_ms);
    out->depth = l.depth;
    out->attempt = l.attempt;
    if (l.attempt >= self->opts.max_attempts) {
        out->url = l.url;
        out->failed = true;
    } else {
        s_item_t it = {l.url, l.depth, l.attempt + 1};
        s_queue_push_front(&self->hosts[l.host], it);
        self->queued++;
        out->url = NULL;
        out->failed = false;
    }
    s_host_update(self, l.host);
    return ZC_OK;
}

int64_t zc_frontier_next_ready(const zc_frontier_t *self)
{
    if (self->nleases >= self->opts.max_inflight || self->heap_n == 0)
        return INT64_MAX;
    return s_key(self, 0);
}

int64_t zc_frontier_next_expiry(const zc_frontier_t *self)
{
    return self->lhead == S_NIL ? INT64_MAX : self->leases[self->lhead].deadline;
}

size_t zc_frontier_queued(const zc_frontier_t *self)
{
    return self->queued;
}

size_t zc_frontier_inflight(const zc_frontier_t *self)
{
    return self->nleases;
}

size_t zc_frontier_hosts(const zc_frontier_t *self)
{
    return self->nhosts;
}

size_t zc_frontier_hosts_ready(const zc_frontier_t *self)
{
    return self->heap_n;
}

uint64_t zc_frontier_admitted(const zc_frontier_t *self)
{
    return self->admitted;
}

bool zc_frontier_idle(const zc_frontier_t *self)
{
    return self->queued == 0 && self->nleases == 0;
}

/* --- self-test ------------------------------------------------------------------------- */

static zc_frontier_opts_t s_test_opts(void)
{
    zc_frontier_opts_t o = {.scope = ZC_SCOPE_HOST,
                            .max_depth = -1,
                            .max_pages = 0,
                            .delay_ms = 0,
                            .host_concurrency = 1,
                            .lease_ms = 60000,
                            .max_attempts = 3,
                            .max_inflight = 10000};
    return o;
}

/* Peeks and leases; returns the task id, 0 if nothing was ready. */
static uint64_t s_test_take(zc_frontier_t *f, int64_t now, char *url, size_t size)
{
    zc_frontier_task_t t;
    if (zc_frontier_peek(f, now, &t))
        return 0;
    if (url)
        snprintf(url, size, "%s", t.url);
    uint64_t id = zc_frontier_lease(f, now);
    assert(id == t.task_id && id != 0);
    return id;
}

static void s_test_admission(void)
{
    zc_frontier_opts_t o = s_test_opts();
    o.max_depth = 1;
    zc_frontier_t *f = zc_frontier_new(&o);
    assert(f);
    assert(zc_frontier_idle(f) && zc_frontier_admitted(f) == 0);
    assert(zc_frontier_add(f, "http://a.test/", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/", 0, true) == ZC_FRONTIER_SEEN);
    assert(zc_frontier_add(f, "http://a.test/x", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/x", 1, false) == ZC_FRONTIER_SEEN);
    /* Depth: a link one deeper than max_depth is dropped, a seed never is. */
    assert(zc_frontier_add(f, "http://a.test/y", 2, false) == ZC_FRONTIER_DEPTH);
    /* Scope host: same host name on another port or scheme is in scope. */
    assert(zc_frontier_add(f, "http://b.test/", 1, false) == ZC_FRONTIER_SCOPE);
    assert(zc_frontier_add(f, "https://a.test:8443/z", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://sub.a.test/", 1, false) == ZC_FRONTIER_SCOPE);
    /* A later seed extends the scope. */
    assert(zc_frontier_add(f, "http://b.test/seed", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://b.test/", 1, false) == ZC_FRONTIER_ADMITTED);
    /* Not normalized http(s). */
    assert(zc_frontier_add(f, "", 1, false) == ZC_FRONTIER_BAD_URL);
    assert(zc_frontier_add(f, "ftp://a.test/", 1, false) == ZC_FRONTIER_BAD_URL);
    char *longurl = zc_malloc(ZC_URL_MAX + 2);
    memcpy(longurl, "http://a.test/", 14);
    memset(longurl + 14, 'a', ZC_URL_MAX + 1 - 14);
    longurl[ZC_URL_MAX + 1] = '\0';
    assert(zc_frontier_add(f, longurl, 1, false) == ZC_FRONTIER_BAD_URL);
    free(longurl);
    assert(zc_frontier_admitted(f) == 5 && zc_frontier_queued(f) == 5);
    /* Host keys: a.test, a.test:8443 (https), b.test. */
    assert(zc_frontier_hosts(f) == 3 && zc_frontier_hosts_ready(f) == 3);
    assert(strcmp(zc_frontier_verdict_name(ZC_FRONTIER_MAX_PAGES), "max_pages") == 0);
    zc_frontier_destroy(&f);
    assert(f == NULL);
    zc_frontier_destroy(&f);

    /* Scope any, page budget. */
    o = s_test_opts();
    o.scope = ZC_SCOPE_ANY;
    o.max_pages = 3;
    f = zc_frontier_new(&o);
    assert(zc_frontier_add(f, "http://a.test/", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://other.test/", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://third.test/", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://fourth.test/", 1, false) == ZC_FRONTIER_MAX_PAGES);
    assert(zc_frontier_add(f, "http://a.test/", 1, false) == ZC_FRONTIER_SEEN);
    assert(zc_frontier_add(f, "http://fifth.test/", 0, true) == ZC_FRONTIER_MAX_PAGES);
    assert(zc_frontier_admitted(f) == 3);
    zc_frontier_destroy(&f);

    /* User-info does not make another host: politeness holds per host. */
    o = s_test_opts();
    o.scope = ZC_SCOPE_ANY;
    f = zc_frontier_new(&o);
    assert(zc_frontier_add(f, "http://h.test/a", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://u@h.test/b", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://u:p@h.test/c", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://h.test:8080/d", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_hosts(f) == 2);
    zc_frontier_destroy(&f);

    o = s_test_opts();
    o.host_concurrency = 0;
    assert(zc_frontier_new(&o) == NULL);
}

static void s_test_politeness(void)
{
    zc_frontier_opts_t o = s_test_opts();
    o.delay_ms = 100;
    zc_frontier_t *f = zc_frontier_new(&o);
    assert(zc_frontier_add(f, "http://a.test/1", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/2", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/3", 0, true) == ZC_FRONTIER_ADMITTED);
    char url[64];
    assert(zc_frontier_next_ready(f) == 0);
    uint64_t t1 = s_test_take(f, 0, url, sizeof url);
    assert(t1 == 1 && strcmp(url, "http://a.test/1") == 0);
    /* Concurrency 1: nothing while the lease is out, even when time passed. */
    assert(s_test_take(f, 500, NULL, 0) == 0);
    assert(zc_frontier_next_ready(f) == INT64_MAX && zc_frontier_hosts_ready(f) == 0);
    /* The ack at 10 pushes the next start to 110 (delay after the ack). */
    zc_frontier_lease_t l;
    assert(zc_frontier_ack(f, t1, 10, 0, &l) == 0 && l.depth == 0 && l.attempt == 1);
    assert(zc_frontier_ack(f, t1, 10, 0, &l) == ZC_ENOTFOUND);
    assert(zc_frontier_next_ready(f) == 110);
    assert(s_test_take(f, 109, NULL, 0) == 0);
    uint64_t t2 = s_test_take(f, 110, url, sizeof url);
    assert(t2 == 2 && strcmp(url, "http://a.test/2") == 0);
    /* A quick ack cannot undercut the delay since the dispatch. */
    assert(zc_frontier_ack(f, t2, 110, 0, NULL) == 0);
    assert(zc_frontier_next_ready(f) == 210);
    /* 429/503 back-off. */
    uint64_t t3 = s_test_take(f, 210, NULL, 0);
    assert(t3 == 3);
    assert(zc_frontier_add(f, "http://a.test/4", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_ack(f, t3, 220, 5000, NULL) == 0);
    assert(zc_frontier_next_ready(f) == 5220);
    zc_frontier_destroy(&f);

    /* Concurrency 2 without delay: two leases, the third waits for an ack. */
    o = s_test_opts();
    o.host_concurrency = 2;
    f = zc_frontier_new(&o);
    for (int i = 0; i < 3; i++) {
        snprintf(url, sizeof url, "http://c.test/%d", i);
        assert(zc_frontier_add(f, url, 0, true) == ZC_FRONTIER_ADMITTED);
    }
    uint64_t a = s_test_take(f, 0, NULL, 0), b = s_test_take(f, 0, NULL, 0);
    assert(a && b && a != b);
    assert(s_test_take(f, 0, NULL, 0) == 0 && zc_frontier_inflight(f) == 2);
    assert(zc_frontier_ack(f, a, 1, 0, NULL) == 0);
    assert(s_test_take(f, 1, NULL, 0) != 0);
    zc_frontier_destroy(&f);

    /* max_inflight caps leases across hosts. */
    o = s_test_opts();
    o.scope = ZC_SCOPE_ANY;
    o.max_inflight = 1;
    f = zc_frontier_new(&o);
    assert(zc_frontier_add(f, "http://x.test/", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://y.test/", 0, true) == ZC_FRONTIER_ADMITTED);
    a = s_test_take(f, 0, NULL, 0);
    assert(a && s_test_take(f, 0, NULL, 0) == 0);
    assert(zc_frontier_next_ready(f) == INT64_MAX && zc_frontier_hosts_ready(f) == 1);
    assert(zc_frontier_ack(f, a, 0, 0, NULL) == 0);
    assert(s_test_take(f, 0, NULL, 0) != 0);
    zc_frontier_destroy(&f);
}

/* The number N of "http://hN.test/...". */
static int s_test_hostnum(const char *url)
{
    return (int)strtol(url + strlen("http://h"), NULL, 10);
}

/* Many hosts, random acks: per host the gap between starts is >= delay with
   concurrency 1, leases never exceed the concurrency, and hosts come up in
   the order their times come. */
static void s_test_many_hosts(bool verbose)
{
    enum { HOSTS = 200, PER_HOST = 5, DELAY = 1000, CONC = 2 };
    for (uint32_t conc = 1; conc <= CONC; conc++) {
        zc_frontier_opts_t o = s_test_opts();
        o.scope = ZC_SCOPE_ANY;
        o.delay_ms = DELAY;
        o.host_concurrency = conc;
        zc_frontier_t *f = zc_frontier_new(&o);
        char url[64];
        for (int k = 0; k < PER_HOST; k++)
            for (int h = 0; h < HOSTS; h++) {
                snprintf(url, sizeof url, "http://h%d.test/%d", h, k);
                assert(zc_frontier_add(f, url, 0, true) == ZC_FRONTIER_ADMITTED);
            }
        assert(zc_frontier_hosts(f) == HOSTS);
        int64_t last_start[HOSTS];
        int inflight[HOSTS];
        uint64_t ids[HOSTS * PER_HOST];
        int idhost[HOSTS * PER_HOST];
        size_t nids = 0;
        for (int h = 0; h < HOSTS; h++) {
            last_start[h] = -1;
            inflight[h] = 0;
        }
        uint64_t rng = 12345;
        int64_t now = 0;
        size_t done = 0;
        while (done < HOSTS * PER_HOST) {
            zc_frontier_task_t t;
            while (zc_frontier_peek(f, now, &t) == 0) {
                int h = s_test_hostnum(t.url);
                assert(h >= 0 && h < HOSTS);
                if (conc == 1)
                    assert(last_start[h] < 0 || now - last_start[h] >= DELAY);
                last_start[h] = now;
                inflight[h]++;
                assert(inflight[h] <= (int)conc);
                ids[nids] = zc_frontier_lease(f, now);
                idhost[nids++] = h;
            }
            /* Ack a random lease, or move the clock to the next ready host. */
            if (nids && (rng = s_mix(rng)) % 3 != 0) {
                size_t i = (size_t)(rng >> 8) % nids;
                assert(zc_frontier_ack(f, ids[i], now, 0, NULL) == 0);
                inflight[idhost[i]]--;
                ids[i] = ids[nids - 1];
                idhost[i] = idhost[--nids];
                done++;
                now += (int64_t)((rng >> 40) % 7);
            } else {
                int64_t r = zc_frontier_next_ready(f);
                if (r == INT64_MAX) {
                    assert(nids > 0);
                    continue;
                }
                assert(r > now); /* peek took everything up to now */
                now = r;
            }
        }
        assert(zc_frontier_idle(f) && zc_frontier_hosts_ready(f) == 0);
        if (verbose)
            fprintf(stderr, "many hosts conc=%u finished at t=%lld\n", conc, (long long)now);
        zc_frontier_destroy(&f);
    }

    /* Hosts dispatched at times 0..N-1 and acked at once become ready again
       in exactly that order. */
    zc_frontier_opts_t o = s_test_opts();
    o.scope = ZC_SCOPE_ANY;
    o.delay_ms = DELAY;
    zc_frontier_t *f = zc_frontier_new(&o);
    char url[64], got[64];
    for (int k = 0; k < 2; k++)
        for (int h = HOSTS - 1; h >= 0; h--) {
            snprintf(url, sizeof url, "http://h%d.test/%d", h, k);
            assert(zc_frontier_add(f, url, 0, true) == ZC_FRONTIER_ADMITTED);
        }
    int order[HOSTS];
    for (int i = 0; i < HOSTS; i++) {
        uint64_t id = s_test_take(f, i, got, sizeof got);
        assert(id);
        order[i] = s_test_hostnum(got);
        assert(zc_frontier_ack(f, id, i, 0, NULL) == 0);
    }
    for (int i = 0; i < HOSTS; i++) {
        int64_t r = zc_frontier_next_ready(f);
        assert(r == DELAY + i);
        uint64_t id = s_test_take(f, r, got, sizeof got);
        assert(id && s_test_hostnum(got) == order[i]);
        assert(zc_frontier_ack(f, id, r, 0, NULL) == 0);
    }
    assert(zc_frontier_idle(f));
    zc_frontier_destroy(&f);
}

static void s_test_expiry(void)
{
    zc_frontier_opts_t o = s_test_opts();
    o.lease_ms = 50;
    o.max_attempts = 2;
    o.delay_ms = 10;
    zc_frontier_t *f = zc_frontier_new(&o);
    assert(zc_frontier_add(f, "http://a.test/1", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/2", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://b.test/1", 0, true) == ZC_FRONTIER_ADMITTED);
    zc_frontier_lease_t l;
    uint64_t a1 = s_test_take(f, 0, NULL, 0), b1 = s_test_take(f, 5, NULL, 0);
    assert(a1 && b1 && zc_frontier_inflight(f) == 2);
    assert(zc_frontier_next_expiry(f) == 50);
    assert(zc_frontier_expire(f, 49, &l) == ZC_EAGAIN);
    /* The b lease is acked before it expires: it never shows up. */
    assert(zc_frontier_ack(f, b1, 20, 0, NULL) == 0);
    assert(zc_frontier_expire(f, 50, &l) == 0 && !l.failed && l.url == NULL && l.attempt == 1);
    assert(zc_frontier_expire(f, 1000, &l) == ZC_EAGAIN);
    assert(zc_frontier_next_expiry(f) == INT64_MAX);
    assert(zc_frontier_ack(f, a1, 51, 0, NULL) == ZC_ENOTFOUND); /* stale */
    /* Back at the front of its queue with attempt 2. */
    zc_frontier_task_t t;
    assert(zc_frontier_peek(f, 60, &t) == 0);
    assert(strcmp(t.url, "http://a.test/1") == 0 && t.attempt == 2 && t.task_id == 3);
    uint64_t a2 = zc_frontier_lease(f, 60);
    assert(a2 == 3 && zc_frontier_next_expiry(f) == 110);
    assert(zc_frontier_expire(f, 110, &l) == 0);
    assert(l.failed && l.attempt == 2 && strcmp(l.url, "http://a.test/1") == 0);
    free(l.url);
    assert(zc_frontier_queued(f) == 1 && zc_frontier_inflight(f) == 0 && !zc_frontier_idle(f));
    uint64_t a3 = s_test_take(f, 120, NULL, 0);
    assert(a3 && zc_frontier_ack(f, a3, 121, 0, NULL) == 0);
    assert(zc_frontier_idle(f));
    zc_frontier_destroy(&f);

    /* Lease index under churn: many leases, acked in scrambled order. */
    o = s_test_opts();
    o.scope = ZC_SCOPE_ANY;
    o.host_concurrency = 1;
    f = zc_frontier_new(&o);
    enum { N = 3000 };
    char url[64];
    for (int i = 0; i < N; i++) {
        snprintf(url, sizeof url, "http://n%d.test/", i);
        assert(zc_frontier_add(f, url, 0, true) == ZC_FRONTIER_ADMITTED);
    }
    uint64_t ids[N];
    for (int i = 0; i < N; i++)
        assert((ids[i] = s_test_take(f, 0, NULL, 0)) != 0);
    assert(zc_frontier_inflight(f) == N);
    for (int i = 0; i < N; i++) {
        size_t k = (size_t)(i * 7919) % N;
        assert(zc_frontier_ack(f, ids[k], 1, 0, NULL) == 0);
    }
    assert(zc_frontier_idle(f));
    zc_frontier_destroy(&f);
}

int zc_frontier_test(bool verbose)
{
    s_test_admission();
    s_test_politeness();
    s_test_many_hosts(verbose);
    s_test_expiry();
    return 0;
}
