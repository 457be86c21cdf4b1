/*  zc_frontier — persistent frontier: seen-set, per-host queues on disk,
    robots.txt, politeness, leases.

    Data structures (RAM)
    - Seen-set: a zc_fpset of URL fingerprints (zc_fp_url), 8 bytes per slot;
      no URL string is kept except in a host's window or a lease.
    - Hosts: an array of s_host_t (never shrinks; the index is the host id,
      also its id in the store), found by host key ("scheme://host[:port]")
      through an open-addressing index. Each host holds a small window (ring
      buffer) of the first URLs of its queue; the rest of the queue is only
      on disk. Plus its leases, next_allowed (earliest next request start),
      its robots.txt state and rules, and its effective delay.
    - Ready heap: a binary min-heap of the hosts that have work (queued URLs)
      and may be given a task (a free slot and no robots.txt fetch out), keyed
      by next_allowed. Scheduling never scans hosts.
    - Leases: a slab of s_lease_t (free list), an open-addressing index by
      task_id, and a doubly linked list in deadline order (deadlines are
      now + lease_ms on a monotonic clock, so appending keeps it sorted; the
      deadline is clamped to the tail's to stay so).

    The store (LMDB, one environment in the state folder)
    - "queue": (host id u32 BE, seq u64 BE) -> depth u32, attempt u32, URL.
      Per host the keys are in FIFO order. An entry stays until its URL is
      done (acked, failed, denied), so a restart re-queues leased URLs.
    - "hosts": host key -> s_hostrec_t + serialized robots.txt rules.
    - "seeds": seed URL -> "" (the scope is rebuilt from them).
    - "records": seq u64 BE -> packed Record (see zc_frontier_record_put).
    - "forwards": (owner shard u32 BE, seq u64 BE) -> a packed FORWARD for
      another producer shard, until its receipt (zc_frontier_forward_put).
    - "meta": "state" -> s_meta_t (epoch, URLs admitted).
    - seen.fp, beside it: the fingerprints admitted, 8 bytes each, appended
      after each commit. On open the seen-set is this file plus the
      fingerprints of every queued URL, so a crash between a commit and the
      append loses nothing: the URLs of that commit are still queued.
    One write transaction is open between commits; reads inside it see its
    own changes. Task ids are (epoch << 40) + counter, the epoch counting the
    opens of the store, so an ack of a task from before a restart is stale.

    Per host queue positions: the window holds items with seq < load_seq that
    are neither leased nor done, in seq order (an expired lease goes back to
    its front); "ondisk" counts the entries with seq >= load_seq, which are
    only on disk; new URLs get next_seq. A URL added while ondisk == 0 and the
    window holds fewer than S_WINDOW_ADD goes into the window directly; an
    empty window is refilled with up to S_WINDOW URLs when its host is due.
    RAM per host is thus bounded, whatever the length of its queue.

    Invariants
    1. A URL is in exactly one place: a window, the disk-only part of its
       host queue, a lease, or done (only its fingerprint stays).
    2. A host is in the ready heap iff it has work, inflight < concurrency and
       no robots.txt fetch of its own is out; heap_pos is its heap index or -1.
    3. host->inflight is the number of leases naming the host (<= concurrency);
       the lease count never exceeds max_inflight.
    4. Lease deadlines are non-decreasing from the list head to its tail.
    5. With concurrency 1, two request starts on a host are at least its delay
       apart: lease and ack both push next_allowed to >= now + delay.
    6. No page of a host is handed out before its robots.txt answer is in.
*/
#include "zc_frontier.h"

#include "zc_buf.h"
#include "zc_fpset.h"
#include "zc_log.h"
#include "zc_robots.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <stdarg.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_NIL UINT32_MAX
#define S_INDEX_MIN 64           /* initial slots of the host and lease indexes */
#define S_WINDOW 8               /* URLs of a host queue loaded into RAM at once */
#define S_WINDOW_ADD 2           /* URLs of a new host queue kept in RAM as they come */
#define S_SEEN_INITIAL 4096
#define S_HOST_SEED 0x686f7374ULL
#define S_MAP_SIZE ((size_t)1 << 38) /* LMDB address space (256 GiB, sparse) */
#define S_EPOCH_SHIFT 40
#define S_QKEY_LEN 12
#define S_QVAL_HEAD 8
#define S_ROBOTS_BACKOFF_MIN_MS 1000
#define S_ROBOTS_BACKOFF_MAX_MS (60 * 1000)
#define S_MAP_RELEASE_MS 10
#define S_THROTTLE_MIN_MS 1000   /* 429/503 back-off: at least this, doubling */
#define S_THROTTLE_MAX_MS (3600 * 1000LL)
#define S_THROTTLE_SHIFT_MAX 13
#define S_META_VERSION 1
#define S_HOSTREC_VERSION 1

enum { S_ROBOTS_NONE = 0, S_ROBOTS_FETCHING = 1, S_ROBOTS_READY = 2 };

typedef struct {
    char *url;
    uint32_t depth, attempt;
    uint64_t seq;
} s_item_t;

typedef struct {
    char *key;
    uint64_t hash;
    s_item_t *q;          /* the window: a ring buffer, qcap a power of two (or 0) */
    size_t qhead, qlen, qcap;
    uint64_t ondisk;      /* queued entries only on disk (seq >= load_seq) */
    uint64_t load_seq, next_seq;
    uint64_t admitted;    /* URLs ever admitted for this host */
    uint32_t inflight;
    int64_t next_allowed;
    int64_t heap_pos;     /* index in the ready heap, -1 when not in it */
    int64_t delay_ms;     /* max(opts.delay_ms, robots.txt Crawl-delay) */
    int64_t robots_expires; /* monotonic; READY only */
    zc_robots_t *robots;  /* READY: the rules (NULL: allow all) */
    uint8_t robots_state;
    uint8_t robots_tries; /* failed robots.txt fetches in a row */
    uint8_t throttles;    /* 429/503 answers in a row */
    bool dirty;           /* its store record is out of date */
} s_host_t;

typedef struct {
    uint64_t task_id;     /* 0 = free slot */
    char *url;
    uint32_t depth, attempt;
    uint32_t host;
    zc_task_kind_t kind;
    uint64_t seq;
    int64_t deadline;
    uint32_t prev, next;  /* deadline list, or next = free list link */
} s_lease_t;

/* A host's record in the store ("hosts"), followed by its robots blob. */
typedef struct {
    uint32_t version;
    uint32_t id;
    uint32_t robots_state;
    uint32_t robots_tries;
    int64_t robots_expires_wall; /* Unix ms */
    uint64_t admitted;
    uint64_t next_seq;
} s_hostrec_t;

typedef struct {
    uint32_t version;
    uint32_t pad;
    uint64_t epoch;
    uint64_t admitted;
} s_meta_t;

struct zc_frontier_t {
    zc_frontier_opts_t opts;
    zc_scope_t *scope;
    char agent[64];           /* robots.txt product token; "" = robots not used */
    zc_fpset_t *seen;
    uint64_t admitted;
    uint64_t meta_admitted;   /* admitted as last written to the store */
    size_t queued;
    int64_t wall_offset;      /* wall ms - monotonic ms at open */

    s_host_t *hosts;
    size_t nhosts, hosts_cap;
    uint32_t *hindex;         /* host index + 1, 0 = empty */
    size_t hmask;
    uint32_t *dirty;          /* hosts whose record must be written at commit */
    size_t ndirty, dirty_cap;

    uint32_t *heap;           /* host indexes */
    size_t heap_n, heap_cap;

    s_lease_t *leases;
    size_t leases_cap, nleases;
    uint32_t lfree;           /* free list head */
    uint32_t *lindex;         /* lease slot + 1, 0 = empty */
    size_t lmask;
    uint32_t lhead, ltail;    /* deadline order, oldest first */
    uint64_t next_task_id;
    char robots_url[ZC_URL_MAX + 16]; /* the URL of a ROBOTS task peek offers */

    /* the store */
    char *dir;
    bool tmpdir, resumed;
    int lock_fd, seen_fd;
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi db_queue, db_hosts, db_seeds, db_records, db_forwards, db_meta;
    uint64_t epoch;
    uint64_t *seen_new;       /* fingerprints admitted since the last commit */
    size_t seen_n, seen_cap;
    uint64_t rec_low, rec_sent, rec_next; /* records kept: [rec_low, rec_next) */
    void *map_addr;           /* LMDB's read-only map of data.mdb (from /proc/self/maps) */
    size_t map_len;
    int64_t map_released_ms;
    int err;
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

/* --- the store ------------------------------------------------------------------ */

/* Records the first store failure; every later change is skipped. */
static void s_fail(zc_frontier_t *self, int rc, const char *what)
{
    if (!self->err)
        zc_error("frontier store failed op=%s err=\"%s\" dir=%s", what, mdb_strerror(rc),
                 self->dir);
    self->err = ZC_EIO;
}

/* The open write transaction, begun when needed; NULL after a failure. */
static MDB_txn *s_txn(zc_frontier_t *self)
{
    if (self->err)
        return NULL;
    if (!self->txn) {
        int rc = mdb_txn_begin(self->env, NULL, 0, &self->txn);
        if (rc) {
            self->txn = NULL;
            s_fail(self, rc, "txn_begin");
        }
    }
    return self->txn;
}

static void s_put(zc_frontier_t *self, MDB_dbi db, const void *k, size_t klen, const void *v,
                  size_t vlen, const char *what)
{
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return;
    MDB_val key = {klen, (void *)k}, val = {vlen, (void *)v};
    int rc = mdb_put(txn, db, &key, &val, 0);
    if (rc)
        s_fail(self, rc, what);
}

static void s_del(zc_frontier_t *self, MDB_dbi db, const void *k, size_t klen, const char *what)
{
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return;
    MDB_val key = {klen, (void *)k};
    int rc = mdb_del(txn, db, &key, NULL);
    if (rc && rc != MDB_NOTFOUND)
        s_fail(self, rc, what);
}

static void s_be32(uint8_t *p, uint32_t v)
{
    for (int i = 3; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static void s_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static uint64_t s_get_be(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static void s_qkey(uint8_t k[S_QKEY_LEN], uint32_t host, uint64_t seq)
{
    s_be32(k, host);
    s_be64(k + 4, seq);
}

/* Writes a queue entry. */
static void s_queue_put(zc_frontier_t *self, uint32_t host, uint64_t seq, const char *url,
                        uint32_t depth, uint32_t attempt)
{
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return;
    uint8_t k[S_QKEY_LEN];
    s_qkey(k, host, seq);
    size_t len = strlen(url);
    MDB_val key = {sizeof k, k}, val = {S_QVAL_HEAD + len, NULL};
    int rc = mdb_put(txn, self->db_queue, &key, &val, MDB_RESERVE);
    if (rc) {
        s_fail(self, rc, "queue_put");
        return;
    }
    uint8_t *v = val.mv_data;
    memcpy(v, &depth, 4);
    memcpy(v + 4, &attempt, 4);
    memcpy(v + S_QVAL_HEAD, url, len);
}

static void s_queue_del(zc_frontier_t *self, uint32_t host, uint64_t seq)
{
    uint8_t k[S_QKEY_LEN];
    s_qkey(k, host, seq);
    s_del(self, self->db_queue, k, sizeof k, "queue_del");
}

static void s_host_dirty(zc_frontier_t *self, uint32_t hi)
{
    s_host_t *h = &self->hosts[hi];
    if (h->dirty)
        return;
    h->dirty = true;
    if (self->ndirty == self->dirty_cap) {
        self->dirty_cap = self->dirty_cap ? self->dirty_cap * 2 : 64;
        self->dirty = zc_realloc(self->dirty, self->dirty_cap * sizeof *self->dirty);
    }
    self->dirty[self->ndirty++] = hi;
}

static void s_host_write(zc_frontier_t *self, uint32_t hi)
{
    s_host_t *h = &self->hosts[hi];
    s_hostrec_t r = {.version = S_HOSTREC_VERSION,
                     .id = hi,
                     .robots_state = h->robots_state == S_ROBOTS_READY ? S_ROBOTS_READY
                                                                       : S_ROBOTS_NONE,
                     .robots_tries = h->robots_tries,
                     .robots_expires_wall = h->robots_expires == INT64_MAX
                                                ? INT64_MAX
                                                : h->robots_expires + self->wall_offset,
                     .admitted = h->admitted,
                     .next_seq = h->next_seq};
    zc_buf_t b;
    zc_buf_init(&b, SIZE_MAX);
    zc_buf_add(&b, &r, sizeof r);
    if (h->robots_state == S_ROBOTS_READY && h->robots)
        zc_robots_serialize(h->robots, &b);
    s_put(self, self->db_hosts, h->key, strlen(h->key), b.data, b.len, "host_put");
    zc_buf_free(&b);
}

static void s_meta_write(zc_frontier_t *self)
{
    s_meta_t m = {.version = S_META_VERSION, .epoch = self->epoch, .admitted = self->admitted};
    s_put(self, self->db_meta, "state", 5, &m, sizeof m, "meta_put");
}

/* Store pages read through the map stay resident in this process until the
   kernel needs the memory, and copy-on-write puts every changed page at a
   new place in the file, so each transaction maps fresh pages. They are let
   go after commits (at most every S_MAP_RELEASE_MS; they stay in the page
   cache), so the producer's resident memory is its RAM structures, not the
   size of the store. */
static void s_map_release(zc_frontier_t *self)
{
    int64_t now = zc_mono_ms();
    if (!self->map_addr || now - self->map_released_ms < S_MAP_RELEASE_MS)
        return;
    self->map_released_ms = now;
    size_t len = self->map_len;
    MDB_envinfo info;
    MDB_stat st;
    if (mdb_env_info(self->env, &info) == 0 && mdb_env_stat(self->env, &st) == 0) {
        size_t used = ((size_t)info.me_last_pgno + 1) * st.ms_psize;
        if (used < len)
            len = used;
    }
    madvise(self->map_addr, len, MADV_DONTNEED);
}

int zc_frontier_commit(zc_frontier_t *self)
{
    if (self->err)
        return self->err;
    if (!self->txn && self->ndirty == 0 && self->seen_n == 0)
        return ZC_OK;
    for (size_t i = 0; i < self->ndirty; i++) {
        s_host_write(self, self->dirty[i]);
        self->hosts[self->dirty[i]].dirty = false;
    }
    self->ndirty = 0;
    if (self->meta_admitted != self->admitted) {
        s_meta_write(self);
        self->meta_admitted = self->admitted;
    }
    if (self->err)
        return self->err;
    int rc = mdb_txn_commit(self->txn);
    self->txn = NULL;
    if (rc) {
        s_fail(self, rc, "commit");
        return self->err;
    }
    /* Only now the fingerprints: their URLs are safely queued. */
    size_t bytes = self->seen_n * sizeof *self->seen_new;
    const char *p = (const char *)self->seen_new;
    while (bytes > 0) {
        ssize_t n = write(self->seen_fd, p, bytes);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            zc_error("frontier seen-set append failed err=\"%s\" dir=%s", strerror(errno),
                     self->dir);
            self->err = ZC_EIO;
            return self->err;
        }
        p += n;
        bytes -= (size_t)n;
    }
    self->seen_n = 0;
    s_map_release(self);
    return ZC_OK;
}

int zc_frontier_sync(zc_frontier_t *self)
{
    if (self->err)
        return self->err;
    int rc = mdb_env_sync(self->env, 1);
    if (rc) {
        s_fail(self, rc, "sync");
        return self->err;
    }
    if (fdatasync(self->seen_fd) != 0) {
        zc_error("frontier seen-set sync failed err=\"%s\"", strerror(errno));
        self->err = ZC_EIO;
    }
    s_map_release(self);
    return self->err;
}

bool zc_frontier_dirty(const zc_frontier_t *self)
{
    return self->txn || self->ndirty || self->seen_n;
}

int zc_frontier_error(const zc_frontier_t *self)
{
    return self->err;
}

void zc_frontier_record_put(zc_frontier_t *self, const void *data, size_t len)
{
    uint8_t k[8];
    s_be64(k, self->rec_next++);
    s_put(self, self->db_records, k, sizeof k, data, len, "record_put");
}

void zc_frontier_record_sent(zc_frontier_t *self)
{
    if (self->rec_sent < self->rec_next)
        self->rec_sent++;
    while (self->rec_low + ZC_FRONTIER_RECORDS_KEEP < self->rec_sent) {
        uint8_t k[8];
        s_be64(k, self->rec_low++);
        s_del(self, self->db_records, k, sizeof k, "record_del");
    }
}

size_t zc_frontier_records_replay(zc_frontier_t *self,
                                  void (*fn)(void *arg, const void *data, size_t len), void *arg)
{
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return 0;
    MDB_cursor *c;
    if (mdb_cursor_open(txn, self->db_records, &c)) {
        s_fail(self, MDB_PANIC, "cursor_open");
        return 0;
    }
    size_t n = 0;
    MDB_val k, v;
    for (int rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
        fn(arg, v.mv_data, v.mv_size);
        n++;
    }
    mdb_cursor_close(c);
    return n;
}

/* --- forwards to other shards ------------------------------------------------------- */

static void s_fkey(uint8_t k[12], uint32_t owner, uint64_t seq)
{
    for (int i = 0; i < 4; i++)
        k[i] = (uint8_t)(owner >> (24 - 8 * i));
    s_be64(k + 4, seq);
}

int zc_frontier_label(zc_frontier_t *self, const char *key, const char *value, char **stored)
{
    *stored = NULL;
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return ZC_EIO;
    char k[64];
    int kl = snprintf(k, sizeof k, "label:%s", key);
    if (kl <= 0 || (size_t)kl >= sizeof k)
        return ZC_EINVAL;
    MDB_val mk = {(size_t)kl, k}, v;
    int rc = mdb_get(txn, self->db_meta, &mk, &v);
    if (rc == MDB_NOTFOUND) {
        s_put(self, self->db_meta, k, (size_t)kl, value, strlen(value), "label_put");
        return ZC_OK;
    }
    if (rc) {
        s_fail(self, rc, "label_get");
        return ZC_EIO;
    }
    if (v.mv_size == strlen(value) && memcmp(v.mv_data, value, v.mv_size) == 0)
        return ZC_OK;
    *stored = zc_strndup(v.mv_data, v.mv_size);
    return ZC_EINVAL;
}

uint64_t zc_frontier_epoch(const zc_frontier_t *self)
{
    return self->epoch;
}

void zc_frontier_forward_put(zc_frontier_t *self, uint32_t owner, uint64_t seq, const void *data,
                             size_t len)
{
    uint8_t k[12];
    s_fkey(k, owner, seq);
    s_put(self, self->db_forwards, k, sizeof k, data, len, "forward_put");
}

bool zc_frontier_forward_del(zc_frontier_t *self, uint32_t owner, uint64_t seq)
{
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return false;
    uint8_t k[12];
    s_fkey(k, owner, seq);
    MDB_val key = {sizeof k, k};
    int rc = mdb_del(txn, self->db_forwards, &key, NULL);
    if (rc && rc != MDB_NOTFOUND)
        s_fail(self, rc, "forward_del");
    return rc == 0;
}

int zc_frontier_forward_get(zc_frontier_t *self, uint32_t owner, uint64_t seq, const void **data,
                            size_t *len)
{
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return ZC_EIO;
    uint8_t k[12];
    s_fkey(k, owner, seq);
    MDB_val key = {sizeof k, k}, v;
    int rc = mdb_get(txn, self->db_forwards, &key, &v);
    if (rc == MDB_NOTFOUND)
        return ZC_ENOTFOUND;
    if (rc) {
        s_fail(self, rc, "forward_get");
        return ZC_EIO;
    }
    *data = v.mv_data;
    *len = v.mv_size;
    return ZC_OK;
}

size_t zc_frontier_forwards_each(zc_frontier_t *self,
                                 void (*fn)(void *arg, uint32_t owner, uint64_t seq), void *arg)
{
    MDB_txn *txn = s_txn(self);
    if (!txn)
        return 0;
    MDB_cursor *c;
    if (mdb_cursor_open(txn, self->db_forwards, &c)) {
        s_fail(self, MDB_PANIC, "cursor_open");
        return 0;
    }
    size_t n = 0;
    MDB_val k, v;
    for (int rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
        if (k.mv_size != 12)
            continue;
        fn(arg, (uint32_t)s_get_be(k.mv_data, 4), s_get_be((const uint8_t *)k.mv_data + 4, 8));
        n++;
    }
    mdb_cursor_close(c);
    return n;
}

/* --- host windows ------------------------------------------------------------------ */

static void s_window_grow(s_host_t *h)
{
    size_t cap = h->qcap ? h->qcap * 2 : 4;
    s_item_t *q = zc_malloc(cap * sizeof *q);
    for (size_t i = 0; i < h->qlen; i++)
        q[i] = h->q[(h->qhead + i) & (h->qcap - 1)];
    free(h->q);
    h->q = q;
    h->qcap = cap;
    h->qhead = 0;
}

static void s_window_push_back(s_host_t *h, s_item_t it)
{
    if (h->qlen == h->qcap)
        s_window_grow(h);
    h->q[(h->qhead + h->qlen) & (h->qcap - 1)] = it;
    h->qlen++;
}

static void s_window_push_front(s_host_t *h, s_item_t it)
{
    if (h->qlen == h->qcap)
        s_window_grow(h);
    h->qhead = (h->qhead + h->qcap - 1) & (h->qcap - 1);
    h->q[h->qhead] = it;
    h->qlen++;
}

static s_item_t s_window_pop(s_host_t *h)
{
    assert(h->qlen > 0);
    s_item_t it = h->q[h->qhead];
    h->qhead = (h->qhead + 1) & (h->qcap - 1);
    h->qlen--;
    if (h->qlen == 0) {
        free(h->q);
        h->q = NULL;
        h->qcap = 0;
        h->qhead = 0;
    }
    return it;
}

/* Loads the next disk-only URLs of host hi into its (empty) window. */
static void s_window_refill(zc_frontier_t *self, uint32_t hi)
{
    s_host_t *h = &self->hosts[hi];
    MDB_txn *txn = s_txn(self);
    if (!txn || h->ondisk == 0)
        return;
    MDB_cursor *c;
    int rc = mdb_cursor_open(txn, self->db_queue, &c);
    if (rc) {
        s_fail(self, rc, "cursor_open");
        return;
    }
    uint8_t kb[S_QKEY_LEN];
    s_qkey(kb, hi, h->load_seq);
    MDB_val k = {sizeof kb, kb}, v;
    size_t n = 0;
    for (rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE); rc == 0 && n < S_WINDOW;
         rc = mdb_cursor_get(c, &k, &v, MDB_NEXT), n++) {
        if (k.mv_size != S_QKEY_LEN || s_get_be(k.mv_data, 4) != hi ||
            v.mv_size < S_QVAL_HEAD)
            break;
        s_item_t it;
        it.seq = s_get_be((const uint8_t *)k.mv_data + 4, 8);
        memcpy(&it.depth, v.mv_data, 4);
        memcpy(&it.attempt, (const uint8_t *)v.mv_data + 4, 4);
        it.url = zc_strndup((const char *)v.mv_data + S_QVAL_HEAD, v.mv_size - S_QVAL_HEAD);
        s_window_push_back(h, it);
        h->load_seq = it.seq + 1;
    }
    mdb_cursor_close(c);
    if (rc && rc != MDB_NOTFOUND) {
        s_fail(self, rc, "cursor_get");
        return;
    }
    if (n == 0) {
        /* The count said more; the store disagrees. Trust the store. */
        zc_error("frontier queue shorter than counted host=%s ondisk=%llu", h->key,
                 (unsigned long long)h->ondisk);
        self->queued -= h->ondisk;
        h->ondisk = 0;
        return;
    }
    h->ondisk = h->ondisk >= n ? h->ondisk - n : 0;
}

/* --- hosts ----------------------------------------------------------------------------- */

static bool s_host_has_work(const s_host_t *h)
{
    return h->qlen > 0 || h->ondisk > 0;
}

/* Restores invariant 2 for host after its queue, slots, robots state or
   next_allowed changed. */
static void s_host_update(zc_frontier_t *self, uint32_t host)
{
    s_host_t *h = &self->hosts[host];
    bool want = s_host_has_work(h) && h->inflight < self->opts.host_concurrency &&
                h->robots_state != S_ROBOTS_FETCHING;
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

static void s_hindex_insert(zc_frontier_t *self, uint32_t host)
{
    size_t j = (size_t)self->hosts[host].hash & self->hmask;
    while (self->hindex[j])
        j = (j + 1) & self->hmask;
    self->hindex[j] = host + 1;
}

/* The index of the host with key (len bytes), or S_NIL. */
static uint32_t s_host_find(const zc_frontier_t *self, const char *key, size_t len, uint64_t hash)
{
    size_t j = (size_t)hash & self->hmask;
    while (self->hindex[j]) {
        const s_host_t *h = &self->hosts[self->hindex[j] - 1];
        if (h->hash == hash && strncmp(h->key, key, len) == 0 && h->key[len] == '\0')
            return self->hindex[j] - 1;
        j = (j + 1) & self->hmask;
    }
    return S_NIL;
}

/* Appends a new host with key (len bytes); its index is its id. */
static uint32_t s_host_new(zc_frontier_t *self, const char *key, size_t len, uint64_t hash)
{
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
    h->delay_ms = self->opts.delay_ms;
    h->robots_state = self->agent[0] ? S_ROBOTS_NONE : S_ROBOTS_READY;
    h->robots_expires = INT64_MAX;
    if ((self->nhosts * 2) > self->hmask + 1) {
        size_t cap = (self->hmask + 1) * 2;
        free(self->hindex);
        self->hindex = zc_calloc(cap, sizeof *self->hindex);
        self->hmask = cap - 1;
        for (uint32_t i = 0; i < self->nhosts; i++)
            s_hindex_insert(self, i);
    } else {
        s_hindex_insert(self, idx);
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

/* --- open and close -------------------------------------------------------------------- */

static char *s_errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *s_errf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return zc_strdup(buf);
}

static char *s_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = zc_malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void s_remove_tmpdir(const char *dir)
{
    static const char *const files[] = {"data.mdb", "lock.mdb", "seen.fp", "LOCK"};
    for (size_t i = 0; i < ZC_ARRAY_LEN(files); i++) {
        char *p = s_path(dir, files[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
}

/* Finds LMDB's map of data.mdb among this process's mappings. */
static void s_map_find(zc_frontier_t *self)
{
    char *want = s_path(self->dir, "data.mdb");
    char *real = realpath(want, NULL);
    free(want);
    FILE *fp = real ? fopen("/proc/self/maps", "r") : NULL;
    char line[4096 + 256];
    size_t rlen = real ? strlen(real) : 0;
    while (fp && fgets(line, sizeof line, fp)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n < rlen || strcmp(line + n - rlen, real) != 0)
            continue;
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && hi > lo) {
            self->map_addr = (void *)lo;
            self->map_len = hi - lo;
            break;
        }
    }
    if (fp)
        fclose(fp);
    free(real);
}

/* Rebuilds the hosts from the store. */
static int s_load_hosts(zc_frontier_t *self, char **err)
{
    MDB_cursor *c;
    MDB_stat st;
    if (mdb_stat(self->txn, self->db_hosts, &st) ||
        mdb_cursor_open(self->txn, self->db_hosts, &c)) {
        *err = s_errf("cannot read the hosts of the frontier store in %s", self->dir);
        return ZC_EIO;
    }
    size_t n = st.ms_entries;
    self->hosts_cap = n > S_INDEX_MIN ? n : S_INDEX_MIN;
    self->hosts = zc_calloc(self->hosts_cap, sizeof *self->hosts);
    MDB_val k, v;
    int rc = ZC_OK;
    for (int g = mdb_cursor_get(c, &k, &v, MDB_FIRST); g == 0;
         g = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
        s_hostrec_t r;
        if (v.mv_size < sizeof r || k.mv_size == 0 || k.mv_size > ZC_URL_MAX) {
            rc = ZC_EPROTO;
            break;
        }
        memcpy(&r, v.mv_data, sizeof r);
        if (r.version != S_HOSTREC_VERSION || r.id >= n || self->hosts[r.id].key) {
            rc = ZC_EPROTO;
            break;
        }
        s_host_t *h = &self->hosts[r.id];
        h->key = zc_strndup(k.mv_data, k.mv_size);
        h->hash = zc_hash64(h->key, k.mv_size, S_HOST_SEED);
        h->heap_pos = -1;
        h->delay_ms = self->opts.delay_ms;
        h->admitted = r.admitted;
        h->next_seq = r.next_seq;
        h->robots_tries = (uint8_t)(r.robots_tries > 255 ? 255 : r.robots_tries);
        h->robots_state = S_ROBOTS_NONE;
        h->robots_expires = INT64_MAX;
        if (!self->agent[0]) {
            h->robots_state = S_ROBOTS_READY;
        } else if (r.robots_state == S_ROBOTS_READY) {
            size_t blen = v.mv_size - sizeof r;
            zc_robots_t *rb =
                blen ? zc_robots_deserialize((const uint8_t *)v.mv_data + sizeof r, blen) : NULL;
            if (!blen || rb) {
                h->robots = rb;
                h->robots_state = S_ROBOTS_READY;
                if (r.robots_expires_wall == INT64_MAX)
                    h->robots_expires = INT64_MAX;
                else if (__builtin_sub_overflow(r.robots_expires_wall, self->wall_offset,
                                                &h->robots_expires))
                    h->robots_expires = 0; /* nonsense on disk: fetch it again */
                int64_t cd = rb ? zc_robots_crawl_delay_ms(rb) : -1;
                if (cd > h->delay_ms)
                    h->delay_ms = cd;
            }
        }
        /* The last request may have started just before the crash. */
        h->next_allowed = self->opts.open_ms + h->delay_ms;
    }
    mdb_cursor_close(c);
    for (size_t i = 0; rc == ZC_OK && i < n; i++)
        if (!self->hosts[i].key)
            rc = ZC_EPROTO;
    self->nhosts = n;
    size_t cap = S_INDEX_MIN;
    while (cap < n * 2 + 2)
        cap *= 2;
    free(self->hindex);
    self->hindex = zc_calloc(cap, sizeof *self->hindex);
    self->hmask = cap - 1;
    for (uint32_t i = 0; rc == ZC_OK && i < n; i++)
        s_hindex_insert(self, i);
    if (rc != ZC_OK)
        *err = s_errf("the frontier store in %s holds a malformed host record", self->dir);
    return rc;
}

/* Counts the queued URLs per host and adds their fingerprints to the seen-set. */
static int s_load_queue(zc_frontier_t *self, char **err)
{
    MDB_cursor *c;
    if (mdb_cursor_open(self->txn, self->db_queue, &c)) {
        *err = s_errf("cannot read the queue of the frontier store in %s", self->dir);
        return ZC_EIO;
    }
    MDB_val k, v;
    int rc = ZC_OK;
    for (int g = mdb_cursor_get(c, &k, &v, MDB_FIRST); g == 0;
         g = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
        if (k.mv_size != S_QKEY_LEN || v.mv_size < S_QVAL_HEAD) {
            rc = ZC_EPROTO;
            break;
        }
        uint64_t hi = s_get_be(k.mv_data, 4), seq = s_get_be((const uint8_t *)k.mv_data + 4, 8);
        if (hi >= self->nhosts) {
            rc = ZC_EPROTO;
            break;
        }
        s_host_t *h = &self->hosts[hi];
        h->ondisk++;
        if (h->next_seq <= seq)
            h->next_seq = seq + 1;
        zc_fpset_add(self->seen,
                     zc_fp_url((const char *)v.mv_data + S_QVAL_HEAD, v.mv_size - S_QVAL_HEAD));
        self->queued++;
    }
    mdb_cursor_close(c);
    if (rc != ZC_OK)
        *err = s_errf("the frontier store in %s holds a malformed queue entry", self->dir);
    return rc;
}

static int s_load_seen(zc_frontier_t *self, char **err)
{
    char *path = s_path(self->dir, "seen.fp");
    self->seen_fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    free(path);
    struct stat st;
    if (self->seen_fd < 0 || fstat(self->seen_fd, &st) != 0) {
        *err = s_errf("cannot open %s/seen.fp: %s", self->dir, strerror(errno));
        return ZC_EIO;
    }
    size_t n = (size_t)st.st_size / 8;
    self->seen = zc_fpset_new(n > S_SEEN_INITIAL ? n : S_SEEN_INITIAL);
    if ((size_t)st.st_size != n * 8 && ftruncate(self->seen_fd, (off_t)(n * 8)) != 0) {
        *err = s_errf("cannot repair %s/seen.fp: %s", self->dir, strerror(errno));
        return ZC_EIO;
    }
    enum { CHUNK = 8192 };
    uint64_t *buf = zc_malloc(CHUNK * sizeof *buf);
    size_t done = 0;
    while (done < n) {
        size_t want = n - done < CHUNK ? n - done : CHUNK;
        ssize_t got = pread(self->seen_fd, buf, want * 8, (off_t)(done * 8));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || got % 8) {
            free(buf);
            *err = s_errf("cannot read %s/seen.fp: %s", self->dir,
                          got < 0 ? strerror(errno) : "short read");
            return ZC_EIO;
        }
        for (size_t i = 0; i < (size_t)got / 8; i++)
            zc_fpset_add(self->seen, buf[i]);
        done += (size_t)got / 8;
    }
    free(buf);
    return ZC_OK;
}

static int s_load(zc_frontier_t *self, char **err)
{
    int rc = mdb_env_create(&self->env);
    if (!rc)
        rc = mdb_env_set_maxdbs(self->env, 8);
    if (!rc)
        rc = mdb_env_set_mapsize(self->env, S_MAP_SIZE);
    /* NOSYNC: a commit is safe against a crash of this process (the pages are
       in the page cache); zc_frontier_sync makes it safe against power loss. */
    if (!rc)
        rc = mdb_env_open(self->env, self->dir, MDB_NOSYNC | MDB_NORDAHEAD, 0644);
    if (!rc)
        rc = mdb_txn_begin(self->env, NULL, 0, &self->txn);
    if (!rc)
        rc = mdb_dbi_open(self->txn, "queue", MDB_CREATE, &self->db_queue);
    if (!rc)
        rc = mdb_dbi_open(self->txn, "hosts", MDB_CREATE, &self->db_hosts);
    if (!rc)
        rc = mdb_dbi_open(self->txn, "seeds", MDB_CREATE, &self->db_seeds);
    if (!rc)
        rc = mdb_dbi_open(self->txn, "records", MDB_CREATE, &self->db_records);
    if (!rc)
        rc = mdb_dbi_open(self->txn, "forwards", MDB_CREATE, &self->db_forwards);
    if (!rc)
        rc = mdb_dbi_open(self->txn, "meta", MDB_CREATE, &self->db_meta);
    if (rc) {
        *err = s_errf("cannot open the frontier store in %s: %s", self->dir, mdb_strerror(rc));
        return ZC_EIO;
    }
    MDB_val k = {5, "state"}, v;
    rc = mdb_get(self->txn, self->db_meta, &k, &v);
    if (rc == 0) {
        s_meta_t m;
        if (v.mv_size != sizeof m) {
            *err = s_errf("the frontier store in %s has a malformed header", self->dir);
            return ZC_EPROTO;
        }
        memcpy(&m, v.mv_data, sizeof m);
        if (m.version != S_META_VERSION) {
            *err = s_errf("the frontier store in %s has format %u, this build reads %u",
                          self->dir, m.version, S_META_VERSION);
            return ZC_EPROTO;
        }
        self->epoch = m.epoch + 1;
        self->admitted = m.admitted;
        self->resumed = true;
    } else if (rc != MDB_NOTFOUND) {
        *err = s_errf("cannot read the frontier store in %s: %s", self->dir, mdb_strerror(rc));
        return ZC_EIO;
    }
    if (self->epoch >= ((uint64_t)1 << (64 - S_EPOCH_SHIFT)) - 1) {
        *err = s_errf("the frontier store in %s was opened too often", self->dir);
        return ZC_ETOOBIG;
    }
    self->next_task_id = (self->epoch << S_EPOCH_SHIFT) | 1;
    self->meta_admitted = UINT64_MAX; /* the new epoch is written by the first commit */

    if ((rc = s_load_seen(self, err)) || (rc = s_load_hosts(self, err)) ||
        (rc = s_load_queue(self, err)))
        return rc;
    /* Seeds rebuild the scope. */
    MDB_cursor *c;
    if (mdb_cursor_open(self->txn, self->db_seeds, &c) == 0) {
        for (int g = mdb_cursor_get(c, &k, &v, MDB_FIRST); g == 0;
             g = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
            char *u = zc_strndup(k.mv_data, k.mv_size);
            zc_scope_add_seed(self->scope, u);
            free(u);
        }
        mdb_cursor_close(c);
    }
    /* Records kept for the sink. */
    if (mdb_cursor_open(self->txn, self->db_records, &c) == 0) {
        if (mdb_cursor_get(c, &k, &v, MDB_FIRST) == 0 && k.mv_size == 8)
            self->rec_low = s_get_be(k.mv_data, 8);
        if (mdb_cursor_get(c, &k, &v, MDB_LAST) == 0 && k.mv_size == 8)
            self->rec_next = s_get_be(k.mv_data, 8) + 1;
        mdb_cursor_close(c);
    }
    self->rec_sent = self->rec_low;
    for (uint32_t i = 0; i < self->nhosts; i++)
        s_host_update(self, i);
    return zc_frontier_commit(self);
}

zc_frontier_t *zc_frontier_open(const zc_frontier_opts_t *opts, char **err)
{
    *err = NULL;
    if (!opts || opts->host_concurrency < 1 || opts->max_inflight < 1 || opts->max_attempts < 1 ||
        opts->delay_ms < 0 || opts->lease_ms < 1 || opts->max_depth < -1) {
        *err = zc_strdup("invalid frontier settings");
        return NULL;
    }
    zc_frontier_t *self = zc_calloc(1, sizeof *self);
    self->opts = *opts;
    self->opts.state_dir = NULL;
    self->lock_fd = self->seen_fd = -1;
    self->scope = zc_scope_new(opts->scope, opts->include, opts->ninclude, opts->exclude,
                               opts->nexclude, err);
    if (!self->scope)
        goto fail;
    if (opts->user_agent)
        zc_robots_product_token(opts->user_agent, self->agent, sizeof self->agent);
    if (opts->user_agent && !self->agent[0])
        snprintf(self->agent, sizeof self->agent, "*");
    self->hindex = zc_calloc(S_INDEX_MIN, sizeof *self->hindex);
    self->hmask = S_INDEX_MIN - 1;
    self->lindex = zc_calloc(S_INDEX_MIN, sizeof *self->lindex);
    self->lmask = S_INDEX_MIN - 1;
    self->lfree = S_NIL;
    self->lhead = self->ltail = S_NIL;
    self->wall_offset = zc_wall_ms() - zc_mono_ms();

    if (opts->state_dir && *opts->state_dir) {
        self->dir = zc_strdup(opts->state_dir);
        if (mkdir(self->dir, 0755) != 0 && errno != EEXIST) {
            *err = s_errf("cannot create state folder %s: %s", self->dir, strerror(errno));
            goto fail;
        }
    } else {
        const char *tmp = getenv("TMPDIR");
        char *tmpl = s_path(tmp && *tmp ? tmp : "/tmp", "zcrawl-frontier-XXXXXX");
        if (!mkdtemp(tmpl)) {
            *err = s_errf("cannot create a temporary frontier folder %s: %s", tmpl,
                          strerror(errno));
            free(tmpl);
            goto fail;
        }
        self->dir = tmpl;
        self->tmpdir = true;
    }
    char *lock = s_path(self->dir, "LOCK");
    self->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    free(lock);
    if (self->lock_fd < 0) {
        *err = s_errf("cannot open %s/LOCK: %s", self->dir, strerror(errno));
        goto fail;
    }
    if (flock(self->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        *err = s_errf("state folder %s is in use by another producer", self->dir);
        goto fail;
    }
    if (s_load(self, err) != ZC_OK) {
        if (!*err)
            *err = s_errf("cannot open the frontier store in %s", self->dir);
        goto fail;
    }
    s_map_find(self);
    /* Loading read every queue page through the map: let them go. */
    if (self->map_addr)
        madvise(self->map_addr, self->map_len, MADV_DONTNEED);
    return self;
fail:
    zc_frontier_destroy(&self);
    return NULL;
}

void zc_frontier_destroy(zc_frontier_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_frontier_t *self = *self_p;
    if (self->txn)
        mdb_txn_abort(self->txn);
    if (self->env)
        mdb_env_close(self->env);
    if (self->seen_fd >= 0)
        close(self->seen_fd);
    for (size_t i = 0; i < self->nhosts; i++) {
        s_host_t *h = &self->hosts[i];
        for (size_t k = 0; k < h->qlen; k++)
            free(h->q[(h->qhead + k) & (h->qcap - 1)].url);
        free(h->q);
        free(h->key);
        zc_robots_destroy(&h->robots);
    }
    if (self->hosts && self->nhosts == 0) /* a failed load may leave keys */
        for (size_t i = 0; i < self->hosts_cap; i++) {
            free(self->hosts[i].key);
            zc_robots_destroy(&self->hosts[i].robots);
        }
    for (size_t i = 0; i < self->leases_cap; i++)
        if (self->leases[i].task_id)
            free(self->leases[i].url);
    if (self->dir && self->tmpdir)
        s_remove_tmpdir(self->dir);
    if (self->lock_fd >= 0)
        close(self->lock_fd);
    free(self->dir);
    free(self->hosts);
    free(self->hindex);
    free(self->dirty);
    free(self->heap);
    free(self->leases);
    free(self->lindex);
    free(self->seen_new);
    zc_fpset_destroy(&self->seen);
    zc_scope_destroy(&self->scope);
    free(self);
    *self_p = NULL;
}

const char *zc_frontier_verdict_name(zc_frontier_verdict_t v)
{
    switch (v) {
    case ZC_FRONTIER_ADMITTED: return "admitted";
    case ZC_FRONTIER_SEEN: return "seen";
    case ZC_FRONTIER_SCOPE: return "scope";
    case ZC_FRONTIER_EXCLUDED: return "excluded";
    case ZC_FRONTIER_DEPTH: return "depth";
    case ZC_FRONTIER_MAX_PAGES: return "max_pages";
    case ZC_FRONTIER_HOST_CAP: return "max_urls_per_host";
    case ZC_FRONTIER_BAD_URL: return "bad_url";
    }
    return "unknown";
}

/* --- admission ---------------------------------------------------------------------------- */

void zc_frontier_scope_add(zc_frontier_t *self, const char *url)
{
    size_t len = strlen(url);
    if (len == 0 || len > ZC_URL_MAX ||
        (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
        return;
    if (zc_scope_add_seed(self->scope, url) == ZC_OK)
        s_put(self, self->db_seeds, url, len, "", 0, "seed_put");
}

zc_frontier_verdict_t zc_frontier_add(zc_frontier_t *self, const char *url, uint32_t depth,
                                      bool seed)
{
    size_t len = strlen(url);
    if (len == 0 || len > ZC_URL_MAX ||
        (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
        return ZC_FRONTIER_BAD_URL;
    /* Most links a crawl finds were seen before: that check comes first
       (a URL in the seen-set passed every other check when admitted). */
    uint64_t fp = zc_fp_url(url, len);
    if (!seed && zc_fpset_has(self->seen, fp))
        return ZC_FRONTIER_SEEN;
    /* The politeness key: "scheme://host[:port]", without user-info. */
    char key[ZC_URL_MAX + 1];
    if (zc_url_hostkey(url, key, sizeof key))
        return ZC_FRONTIER_BAD_URL;
    if (seed && zc_scope_add_seed(self->scope, url) == ZC_OK)
        s_put(self, self->db_seeds, url, len, "", 0, "seed_put");
    if (!seed && self->opts.max_depth >= 0 && (int64_t)depth > self->opts.max_depth)
        return ZC_FRONTIER_DEPTH;
    switch (zc_scope_check(self->scope, url)) {
    case ZC_SCOPE_IN: break;
    case ZC_SCOPE_OUT: return ZC_FRONTIER_SCOPE;
    case ZC_SCOPE_EXCLUDED: return ZC_FRONTIER_EXCLUDED;
    }
    if (self->opts.max_pages && self->admitted >= self->opts.max_pages)
        return zc_fpset_has(self->seen, fp) ? ZC_FRONTIER_SEEN : ZC_FRONTIER_MAX_PAGES;
    size_t klen = strlen(key);
    uint64_t hash = zc_hash64(key, klen, S_HOST_SEED);
    uint32_t hi = s_host_find(self, key, klen, hash);
    if (self->opts.max_urls_per_host && hi != S_NIL &&
        self->hosts[hi].admitted >= self->opts.max_urls_per_host)
        return zc_fpset_has(self->seen, fp) ? ZC_FRONTIER_SEEN : ZC_FRONTIER_HOST_CAP;
    if (!zc_fpset_add(self->seen, fp))
        return ZC_FRONTIER_SEEN;
    if (self->seen_n == self->seen_cap) {
        self->seen_cap = self->seen_cap ? self->seen_cap * 2 : 1024;
        self->seen_new = zc_realloc(self->seen_new, self->seen_cap * sizeof *self->seen_new);
    }
    self->seen_new[self->seen_n++] = fp;
    if (hi == S_NIL)
        hi = s_host_new(self, key, klen, hash);
    s_host_t *h = &self->hosts[hi];
    uint64_t seq = h->next_seq++;
    s_queue_put(self, hi, seq, url, depth, 1);
    if (h->ondisk == 0 && h->qlen < S_WINDOW_ADD) {
        s_item_t it = {zc_strndup(url, len), depth, 1, seq};
        s_window_push_back(h, it);
        h->load_seq = h->next_seq;
    } else {
        h->ondisk++;
    }
    h->admitted++;
    s_host_dirty(self, hi);
    self->admitted++;
    self->queued++;
    s_host_update(self, hi);
    return ZC_FRONTIER_ADMITTED;
}

/* --- dispatch ------------------------------------------------------------------------------- */

int zc_frontier_peek(zc_frontier_t *self, int64_t now, zc_frontier_task_t *task)
{
    for (;;) {
        if (self->err || self->nleases >= self->opts.max_inflight || self->heap_n == 0)
            return ZC_EAGAIN;
        uint32_t hi = self->heap[0];
        s_host_t *h = &self->hosts[hi];
        if (h->next_allowed > now)
            return ZC_EAGAIN;
        if (h->robots_state == S_ROBOTS_READY && now >= h->robots_expires && self->agent[0]) {
            h->robots_state = S_ROBOTS_NONE; /* the cached answer is too old */
            zc_robots_destroy(&h->robots);
            h->delay_ms = self->opts.delay_ms;
        }
        if (h->robots_state == S_ROBOTS_NONE) {
            task->kind = ZC_TASK_ROBOTS;
            snprintf(self->robots_url, sizeof self->robots_url, "%s/robots.txt", h->key);
            task->url = self->robots_url;
            task->task_id = self->next_task_id;
            task->depth = 0;
            task->attempt = (uint32_t)h->robots_tries + 1;
            return ZC_OK;
        }
        if (h->qlen == 0) {
            s_window_refill(self, hi);
            if (h->qlen == 0) {
                s_host_update(self, hi);
                continue;
            }
        }
        const s_item_t *it = &h->q[h->qhead];
        task->url = it->url;
        task->task_id = self->next_task_id;
        task->depth = it->depth;
        task->attempt = it->attempt;
        task->kind = h->robots && !zc_robots_allowed(h->robots, it->url) ? ZC_TASK_DENIED
                                                                        : ZC_TASK_PAGE;
        return ZC_OK;
    }
}

static void s_lease_add(zc_frontier_t *self, s_lease_t *src, int64_t now)
{
    uint32_t slot = s_lease_alloc(self);
    s_lease_t *l = &self->leases[slot];
    *l = *src;
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
}

uint64_t zc_frontier_lease(zc_frontier_t *self, int64_t now)
{
    assert(self->nleases < self->opts.max_inflight && self->heap_n > 0);
    uint32_t hi = self->heap[0];
    s_host_t *h = &self->hosts[hi];
    assert(h->next_allowed <= now);
    s_lease_t l = {.task_id = self->next_task_id++, .host = hi};
    if (h->robots_state == S_ROBOTS_NONE) {
        size_t n = strlen(h->key) + sizeof "/robots.txt";
        l.url = zc_malloc(n);
        snprintf(l.url, n, "%s/robots.txt", h->key);
        l.kind = ZC_TASK_ROBOTS;
        l.attempt = (uint32_t)h->robots_tries + 1;
        h->robots_state = S_ROBOTS_FETCHING;
    } else {
        assert(h->qlen > 0);
        s_item_t it = s_window_pop(h);
        self->queued--;
        l.url = it.url;
        l.depth = it.depth;
        l.attempt = it.attempt;
        l.seq = it.seq;
        l.kind = ZC_TASK_PAGE;
    }
    h->inflight++;
    if (h->next_allowed < now + h->delay_ms)
        h->next_allowed = now + h->delay_ms;
    s_host_update(self, hi);
    s_lease_add(self, &l, now);
    return l.task_id;
}

void zc_frontier_deny(zc_frontier_t *self)
{
    assert(self->heap_n > 0);
    uint32_t hi = self->heap[0];
    s_host_t *h = &self->hosts[hi];
    assert(h->qlen > 0);
    s_item_t it = s_window_pop(h);
    self->queued--;
    s_queue_del(self, hi, it.seq);
    free(it.url);
    s_host_update(self, hi);
}

/* --- acks and expiry ------------------------------------------------------------------------- */

/* A host's lease ended at now: slot back, next start no earlier than now + wait. */
static void s_host_release(zc_frontier_t *self, uint32_t hi, int64_t now, int64_t wait)
{
    s_host_t *h = &self->hosts[hi];
    assert(h->inflight > 0);
    h->inflight--;
    if (wait < h->delay_ms)
        wait = h->delay_ms;
    if (h->next_allowed < now + wait)
        h->next_allowed = now + wait;
}

int zc_frontier_ack(zc_frontier_t *self, uint64_t task_id, int64_t now, int64_t throttle_ms,
                    zc_frontier_lease_t *out)
{
    size_t pos = s_lfind(self, task_id);
    if (pos == SIZE_MAX || self->leases[self->lindex[pos] - 1].kind != ZC_TASK_PAGE)
        return ZC_ENOTFOUND;
    s_lease_t l = s_lease_take(self, pos);
    s_queue_del(self, l.host, l.seq);
    /* 429/503: back off exponentially while the host keeps saying so. */
    s_host_t *h = &self->hosts[l.host];
    int64_t wait = 0;
    if (throttle_ms > 0) {
        if (h->throttles < S_THROTTLE_SHIFT_MAX)
            h->throttles++;
        int64_t base = h->delay_ms > S_THROTTLE_MIN_MS ? h->delay_ms : S_THROTTLE_MIN_MS;
        wait = base << (h->throttles - 1);
        if (wait < throttle_ms)
            wait = throttle_ms;
        if (wait > S_THROTTLE_MAX_MS)
            wait = S_THROTTLE_MAX_MS;
    } else {
        h->throttles = 0;
    }
    s_host_release(self, l.host, now, wait);
    s_host_update(self, l.host);
    free(l.url);
    if (out) {
        out->kind = ZC_TASK_PAGE;
        out->url = NULL;
        out->depth = l.depth;
        out->attempt = l.attempt;
        out->failed = false;
        out->rules = NULL;
    }
    return ZC_OK;
}

/* Applies a robots.txt outcome to host hi; rules NULL with unreachable
   false = allow all. Returns true if the host was given up on. */
static bool s_robots_apply(zc_frontier_t *self, uint32_t hi, int64_t now, bool unreachable,
                           zc_robots_t *rules)
{
    s_host_t *h = &self->hosts[hi];
    bool gave_up = false;
    int64_t wait = 0;
    zc_robots_destroy(&h->robots);
    h->delay_ms = self->opts.delay_ms;
    if (unreachable) {
        if (h->robots_tries < 255)
            h->robots_tries++;
        if (h->robots_tries >= self->opts.max_attempts) {
            gave_up = true;
            h->robots = zc_robots_disallow_all();
            h->robots_state = S_ROBOTS_READY;
            h->robots_expires = now + ZC_FRONTIER_ROBOTS_TTL_MS;
            h->robots_tries = 0;
        } else {
            h->robots_state = S_ROBOTS_NONE;
            int64_t base = h->delay_ms > S_ROBOTS_BACKOFF_MIN_MS ? h->delay_ms
                                                                 : S_ROBOTS_BACKOFF_MIN_MS;
            wait = base << (h->robots_tries - 1);
            if (wait > S_ROBOTS_BACKOFF_MAX_MS)
                wait = S_ROBOTS_BACKOFF_MAX_MS;
        }
    } else {
        h->robots = rules;
        h->robots_state = S_ROBOTS_READY;
        h->robots_expires = now + ZC_FRONTIER_ROBOTS_TTL_MS;
        h->robots_tries = 0;
        int64_t cd = rules ? zc_robots_crawl_delay_ms(rules) : -1;
        if (cd > h->delay_ms)
            h->delay_ms = cd;
    }
    s_host_release(self, hi, now, wait);
    s_host_dirty(self, hi);
    s_host_update(self, hi);
    return gave_up;
}

int zc_frontier_robots(zc_frontier_t *self, uint64_t task_id, int64_t now, uint32_t status,
                       const void *body, size_t len, zc_frontier_lease_t *out)
{
    size_t pos = s_lfind(self, task_id);
    if (pos == SIZE_MAX || self->leases[self->lindex[pos] - 1].kind != ZC_TASK_ROBOTS)
        return ZC_ENOTFOUND;
    s_lease_t l = s_lease_take(self, pos);
    free(l.url);
    bool unreachable = status == 0 || status == 429 || status >= 500;
    zc_robots_t *rules = NULL;
    if (status >= 200 && status < 300)
        rules = zc_robots_parse(body ? body : "", body ? (len < ZC_ROBOTS_MAX_BYTES ? len
                                                                  : ZC_ROBOTS_MAX_BYTES)
                                                : 0,
                                self->agent);
    bool failed = s_robots_apply(self, l.host, now, unreachable, rules);
    if (out) {
        out->kind = ZC_TASK_ROBOTS;
        out->url = NULL;
        out->depth = 0;
        out->attempt = l.attempt;
        out->failed = failed;
        out->rules = self->hosts[l.host].robots;
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
    out->kind = l.kind;
    out->depth = l.depth;
    out->attempt = l.attempt;
    out->url = NULL;
    out->rules = NULL;
    if (l.kind == ZC_TASK_ROBOTS) {
        free(l.url);
        out->failed = s_robots_apply(self, l.host, now, true, NULL);
        return ZC_OK;
    }
    s_host_release(self, l.host, now, 0);
    if (l.attempt >= self->opts.max_attempts) {
        s_queue_del(self, l.host, l.seq);
        out->url = l.url;
        out->failed = true;
    } else {
        s_item_t it = {l.url, l.depth, l.attempt + 1, l.seq};
        s_queue_put(self, l.host, l.seq, l.url, l.depth, l.attempt + 1);
        s_window_push_front(&self->hosts[l.host], it);
        self->queued++;
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

size_t zc_frontier_seen(const zc_frontier_t *self)
{
    return zc_fpset_size(self->seen);
}

bool zc_frontier_resumed(const zc_frontier_t *self)
{
    return self->resumed;
}

const char *zc_frontier_dir(const zc_frontier_t *self)
{
    return self->dir;
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

static zc_frontier_t *s_test_open(const zc_frontier_opts_t *o)
{
    char *err = NULL;
    zc_frontier_t *f = zc_frontier_open(o, &err);
    if (!f)
        fprintf(stderr, "zc_frontier_open: %s\n", err);
    assert(f && !err);
    return f;
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
    zc_frontier_t *f = s_test_open(&o);
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
    f = s_test_open(&o);
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
    f = s_test_open(&o);
    assert(zc_frontier_add(f, "http://h.test/a", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://u@h.test/b", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://u:p@h.test/c", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://h.test:8080/d", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_hosts(f) == 2);
    zc_frontier_destroy(&f);

    o = s_test_opts();
    o.host_concurrency = 0;
    char *err = NULL;
    assert(zc_frontier_open(&o, &err) == NULL && err && strstr(err, "invalid"));
    free(err);
}

static void s_test_politeness(void)
{
    zc_frontier_opts_t o = s_test_opts();
    o.delay_ms = 100;
    zc_frontier_t *f = s_test_open(&o);
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
    /* 429/503 without Retry-After: 1 s, then 2 s while it goes on; an answer resets it. */
    uint64_t t4 = s_test_take(f, 5220, NULL, 0);
    assert(zc_frontier_add(f, "http://a.test/5", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/6", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_ack(f, t4, 5230, 1, NULL) == 0);
    assert(zc_frontier_next_ready(f) == 5230 + 2000); /* second throttle in a row */
    uint64_t t5 = s_test_take(f, 7230, NULL, 0);
    assert(zc_frontier_ack(f, t5, 7240, 0, NULL) == 0);
    assert(zc_frontier_next_ready(f) == 7340);
    uint64_t t6 = s_test_take(f, 7340, NULL, 0);
    assert(t6 && zc_frontier_add(f, "http://a.test/7", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_ack(f, t6, 7350, 1, NULL) == 0);
    assert(zc_frontier_next_ready(f) == 8350);
    zc_frontier_destroy(&f);

    /* Concurrency 2 without delay: two leases, the third waits for an ack. */
    o = s_test_opts();
    o.host_concurrency = 2;
    f = s_test_open(&o);
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
    f = s_test_open(&o);
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
        zc_frontier_t *f = s_test_open(&o);
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
    zc_frontier_t *f = s_test_open(&o);
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
    zc_frontier_t *f = s_test_open(&o);
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
    f = s_test_open(&o);
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


/* robots.txt: fetched first, host held meanwhile, rules and Crawl-delay
   applied, 4xx allows all, 5xx retried with back-off then gives up, an
   expired robots lease counts as a failure, the answer expires. */
static void s_test_robots(void)
{
    zc_frontier_opts_t o = s_test_opts();
    o.user_agent = "zcrawl/1.0 (+http://example.org/bot)";
    o.scope = ZC_SCOPE_ANY;
    o.delay_ms = 100;
    zc_frontier_t *f = s_test_open(&o);
    assert(zc_frontier_add(f, "http://a.test/1", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/private/x", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://a.test/2", 0, true) == ZC_FRONTIER_ADMITTED);
    zc_frontier_task_t t;
    assert(zc_frontier_peek(f, 0, &t) == 0 && t.kind == ZC_TASK_ROBOTS);
    assert(strcmp(t.url, "http://a.test/robots.txt") == 0 && t.attempt == 1);
    uint64_t r = zc_frontier_lease(f, 0);
    assert(r == t.task_id);
    /* Held while robots.txt is out, whatever the time. */
    assert(zc_frontier_peek(f, 100000, &t) == ZC_EAGAIN);
    assert(zc_frontier_ack(f, r, 5, 0, NULL) == ZC_ENOTFOUND); /* not a page lease */
    const char *txt = "User-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\n"
                      "Crawl-delay: 1\n";
    zc_frontier_lease_t l;
    assert(zc_frontier_robots(f, r, 10, 200, txt, strlen(txt), &l) == 0);
    assert(l.kind == ZC_TASK_ROBOTS && !l.failed);
    assert(zc_frontier_robots(f, r, 10, 200, txt, strlen(txt), &l) == ZC_ENOTFOUND);
    assert(zc_frontier_next_ready(f) == 1010); /* Crawl-delay 1 s beats delay_ms 100 */
    assert(zc_frontier_peek(f, 1010, &t) == 0 && t.kind == ZC_TASK_PAGE);
    assert(strcmp(t.url, "http://a.test/1") == 0);
    uint64_t p1 = zc_frontier_lease(f, 1010);
    assert(zc_frontier_robots(f, p1, 1020, 200, "", 0, NULL) == ZC_ENOTFOUND);
    assert(zc_frontier_ack(f, p1, 1020, 0, NULL) == 0);
    assert(zc_frontier_next_ready(f) == 2020);
    /* The disallowed URL is denied without taking the host's turn. */
    assert(zc_frontier_peek(f, 2020, &t) == 0 && t.kind == ZC_TASK_DENIED);
    assert(strcmp(t.url, "http://a.test/private/x") == 0);
    zc_frontier_deny(f);
    assert(zc_frontier_peek(f, 2020, &t) == 0 && t.kind == ZC_TASK_PAGE);
    assert(strcmp(t.url, "http://a.test/2") == 0);
    uint64_t p2 = zc_frontier_lease(f, 2020);
    assert(zc_frontier_ack(f, p2, 2030, 0, NULL) == 0 && zc_frontier_idle(f));
    /* A day later the answer is fetched again before the next page. */
    int64_t later = 2030 + ZC_FRONTIER_ROBOTS_TTL_MS;
    assert(zc_frontier_add(f, "http://a.test/3", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_peek(f, later, &t) == 0 && t.kind == ZC_TASK_ROBOTS);
    r = zc_frontier_lease(f, later);
    assert(zc_frontier_robots(f, r, later, 404, "", 0, &l) == 0 && !l.failed);
    assert(zc_frontier_next_ready(f) == later + 100); /* 404: allow all, no Crawl-delay */
    assert(zc_frontier_peek(f, later + 100, &t) == 0 && t.kind == ZC_TASK_PAGE);

    /* 5xx: disallowed for now, retried after 1 s then 2 s, then given up:
       every URL of the host is denied. An expired lease is a failure too. */
    o.delay_ms = 0;
    o.max_attempts = 3;
    o.lease_ms = 50;
    zc_frontier_t *g = s_test_open(&o);
    for (int i = 0; i < 3; i++) {
        char url[64];
        snprintf(url, sizeof url, "http://b.test/%d", i);
        assert(zc_frontier_add(g, url, 0, true) == ZC_FRONTIER_ADMITTED);
    }
    assert(zc_frontier_peek(g, 0, &t) == 0 && t.kind == ZC_TASK_ROBOTS && t.attempt == 1);
    r = zc_frontier_lease(g, 0);
    assert(zc_frontier_robots(g, r, 0, 503, "x", 1, &l) == 0 && !l.failed);
    assert(zc_frontier_peek(g, 999, &t) == ZC_EAGAIN && zc_frontier_next_ready(g) == 1000);
    assert(zc_frontier_peek(g, 1000, &t) == 0 && t.kind == ZC_TASK_ROBOTS && t.attempt == 2);
    r = zc_frontier_lease(g, 1000);
    assert(zc_frontier_expire(g, 1049, &l) == ZC_EAGAIN);
    assert(zc_frontier_expire(g, 1050, &l) == 0 && l.kind == ZC_TASK_ROBOTS && !l.failed);
    assert(zc_frontier_robots(g, r, 1060, 200, "", 0, &l) == ZC_ENOTFOUND); /* too late */
    assert(zc_frontier_next_ready(g) == 3050);
    assert(zc_frontier_peek(g, 3050, &t) == 0 && t.kind == ZC_TASK_ROBOTS && t.attempt == 3);
    r = zc_frontier_lease(g, 3050);
    assert(zc_frontier_robots(g, r, 3060, 0, NULL, 0, &l) == 0 && l.failed);
    for (int i = 0; i < 3; i++) {
        assert(zc_frontier_peek(g, 3060, &t) == 0 && t.kind == ZC_TASK_DENIED);
        zc_frontier_deny(g);
    }
    assert(zc_frontier_idle(g) && zc_frontier_peek(g, 3060, &t) == ZC_EAGAIN);
    zc_frontier_destroy(&g);
    zc_frontier_destroy(&f);
}

/* Budgets and scope through the frontier. */
static void s_test_budgets(void)
{
    zc_frontier_opts_t o = s_test_opts();
    o.max_urls_per_host = 2;
    const char *exclude[] = {"\\.pdf$"};
    o.exclude = exclude;
    o.nexclude = 1;
    o.scope = ZC_SCOPE_DOMAIN;
    zc_frontier_t *f = s_test_open(&o);
    assert(zc_frontier_add(f, "http://www.example.co.uk/", 0, true) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://shop.example.co.uk/a", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://other.co.uk/", 1, false) == ZC_FRONTIER_SCOPE);
    assert(zc_frontier_add(f, "http://www.example.co.uk/x.pdf", 1, false) ==
           ZC_FRONTIER_EXCLUDED);
    assert(zc_frontier_add(f, "http://www.example.co.uk/b", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://www.example.co.uk/c", 1, false) == ZC_FRONTIER_HOST_CAP);
    assert(zc_frontier_add(f, "http://www.example.co.uk/b", 1, false) == ZC_FRONTIER_SEEN);
    assert(zc_frontier_add(f, "http://shop.example.co.uk/b", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(strcmp(zc_frontier_verdict_name(ZC_FRONTIER_HOST_CAP), "max_urls_per_host") == 0);
    zc_frontier_destroy(&f);

    const char *bad[] = {"a("};
    o.exclude = bad;
    char *err = NULL;
    assert(zc_frontier_open(&o, &err) == NULL && err && strstr(err, "a("));
    free(err);
}

static void s_test_drain_collect(zc_frontier_t *f, int64_t now, char **urls, size_t *n,
                                 size_t max)
{
    zc_frontier_task_t t;
    while (zc_frontier_peek(f, now, &t) == 0) {
        assert(t.kind == ZC_TASK_PAGE && *n < max);
        urls[(*n)++] = zc_strdup(t.url);
        uint64_t id = zc_frontier_lease(f, now);
        assert(zc_frontier_ack(f, id, now, 0, NULL) == 0);
    }
}

static int s_test_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void s_test_record_count(void *arg, const void *data, size_t len)
{
    (*(size_t *)arg)++;
    assert(len == 3 && memcmp(data, "rec", 3) == 0);
}

/* The store: what was committed survives a crash (destroy without commit),
   leased URLs come back, the seen-set and scope survive, task ids change
   epoch, the store is locked while open, windows refill from disk. */
static void s_test_persist(bool verbose)
{
    char tmpl[] = "/tmp/zc-frontier-test-XXXXXX";
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/zc-frontier-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert(mkdtemp(dir));
    (void)tmpl;
    enum { N = 100 };
    zc_frontier_opts_t o = s_test_opts();
    o.state_dir = dir;
    o.lease_ms = 1000;
    zc_frontier_t *f = s_test_open(&o);
    assert(!zc_frontier_resumed(f) && f->map_addr && f->map_len > 0);
    char url[64];
    for (int i = 0; i < N; i++) {
        snprintf(url, sizeof url, "http://a.test/%03d", i);
        assert(zc_frontier_add(f, url, 0, i == 0) == ZC_FRONTIER_ADMITTED);
    }
    assert(zc_frontier_add(f, "http://b.test/", 0, true) == ZC_FRONTIER_ADMITTED);
    /* a.test/000 acked, b.test/ leased, a.test/001 leased and expired once. */
    zc_frontier_task_t t;
    assert(zc_frontier_peek(f, 0, &t) == 0 && strcmp(t.url, "http://a.test/000") == 0);
    uint64_t a0 = zc_frontier_lease(f, 0);
    assert(zc_frontier_peek(f, 0, &t) == 0 && strcmp(t.url, "http://b.test/") == 0);
    uint64_t b0 = zc_frontier_lease(f, 0);
    assert(zc_frontier_ack(f, a0, 1, 0, NULL) == 0);
    assert(zc_frontier_peek(f, 1, &t) == 0 && strcmp(t.url, "http://a.test/001") == 0);
    zc_frontier_lease(f, 1);
    zc_frontier_lease_t l;
    assert(zc_frontier_expire(f, 1001, &l) == 0 && !l.failed); /* b.test/ */
    assert(zc_frontier_expire(f, 1001, &l) == 0 && !l.failed); /* a.test/001 */
    assert(zc_frontier_peek(f, 1001, &t) == 0);
    zc_frontier_lease(f, 1001); /* leased again at the crash */
    zc_frontier_record_put(f, "rec", 3);
    zc_frontier_record_put(f, "rec", 3);
    assert(zc_frontier_commit(f) == 0);
    /* Not committed: lost with the crash. */
    assert(zc_frontier_add(f, "http://c.test/", 0, true) == ZC_FRONTIER_ADMITTED);
    /* A second producer cannot open the same store. */
    char *err = NULL;
    assert(zc_frontier_open(&o, &err) == NULL && err && strstr(err, "in use"));
    free(err);
    zc_frontier_destroy(&f);
    (void)b0;

    f = s_test_open(&o);
    assert(zc_frontier_resumed(f));
    assert(zc_frontier_queued(f) == N && zc_frontier_admitted(f) == N + 1);
    assert(zc_frontier_hosts(f) == 2 && zc_frontier_inflight(f) == 0);
    assert(zc_frontier_add(f, "http://a.test/000", 1, false) == ZC_FRONTIER_SEEN);
    assert(zc_frontier_add(f, "http://a.test/050", 1, false) == ZC_FRONTIER_SEEN);
    assert(zc_frontier_add(f, "http://b.test/", 1, false) == ZC_FRONTIER_SEEN);
    /* The seed's host is still in scope; c.test was never committed. */
    assert(zc_frontier_add(f, "http://a.test/new", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_add(f, "http://c.test/x", 1, false) == ZC_FRONTIER_SCOPE);
    size_t nrec = 0;
    assert(zc_frontier_records_replay(f, s_test_record_count, &nrec) == 2 && nrec == 2);
    /* Task ids of this run cannot be confused with the last run's. */
    assert(zc_frontier_peek(f, 0, &t) == 0 && (t.task_id >> 40) == 1);
    assert(zc_frontier_ack(f, a0, 0, 0, NULL) == ZC_ENOTFOUND);
    assert(strcmp(t.url, "http://a.test/001") == 0 && t.attempt == 2);
    char *urls[N + 1];
    size_t n = 0;
    s_test_drain_collect(f, 0, urls, &n, N + 1);
    assert(n == N + 1 && zc_frontier_idle(f));
    qsort(urls, n, sizeof *urls, s_test_cmp);
    for (size_t i = 1; i < n; i++)
        assert(strcmp(urls[i - 1], urls[i]) != 0);
    for (size_t i = 0; i < n; i++)
        free(urls[i]);
    assert(zc_frontier_commit(f) == 0 && zc_frontier_sync(f) == 0);
    zc_frontier_destroy(&f);

    /* Done: everything acked stays done. A host of a resumed store waits its delay from
       the open, whatever it did before. */
    o.open_ms = 5000;
    o.delay_ms = 300;
    f = s_test_open(&o);
    assert(zc_frontier_idle(f) && zc_frontier_admitted(f) == N + 2);
    assert(zc_frontier_seen(f) == N + 2);
    assert(zc_frontier_add(f, "http://a.test/after", 1, false) == ZC_FRONTIER_ADMITTED);
    assert(zc_frontier_peek(f, 5299, &t) == ZC_EAGAIN);
    assert(zc_frontier_next_ready(f) == 5300);
    assert(zc_frontier_peek(f, 5300, &t) == 0 && strcmp(t.url, "http://a.test/after") == 0);
    zc_frontier_destroy(&f);
    if (verbose)
        fprintf(stderr, "persist: store in %s ok\n", dir);
    s_remove_tmpdir(dir);
}

int zc_frontier_test(bool verbose)
{
    s_test_admission();
    s_test_politeness();
    s_test_many_hosts(verbose);
    s_test_expiry();
    s_test_robots();
    s_test_budgets();
    s_test_persist(verbose);
    return 0;
}
