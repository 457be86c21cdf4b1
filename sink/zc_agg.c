/*  zc_agg — see zc_agg.h.

    Design notes
    Metric names are interned once into ids (a bounded table with a hash
    index), so a worker stores its latest metrics as small (id, value) arrays
    and a snapshot sums them into per-id arrays: no string compare on the
    heartbeat path beyond the intern lookup, and no per-second allocation
    beyond the output buffer. The sink's own counters are interned first, so
    their ids are 0..S_OWN_N-1 and they always appear in the totals.

    Invariants
    1. names[0..n_names) are distinct; sorted[] holds the same ids ordered by
       name (maintained on insert, so snapshots need no sort of the names).
    2. The worker index maps (stage, worker) to a slot of workers[0..n_workers);
       it is rebuilt whenever a slot moves (retirement, which is rare).
    3. retired[id] holds the last counter values of processes that are no
       longer in the table (retired slots, or the previous pid of a worker that
       restarted under the same name); totals = retired + every worker's
       counters + live workers' gauges + own counters.
    4. ring[] holds records written per monotonic second for the seconds
       ring_sec - ZC_AGG_RATE_WINDOW_S .. ring_sec, one slot each.
    5. latest[] is a ring of the last ZC_AGG_LATEST records written: the
       newest at (latest_next - 1) mod ZC_AGG_LATEST, n_latest of them valid;
       each owns its (length-capped) strings.
    6. gauge_name[id] is set once a worker sent name id as a gauge; the
       metrics exposition types such a name as a gauge.
*/
#include "zc_agg.h"

#include "zc_log.h"
#include "zc_util.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S_NAME_INDEX (2 * ZC_AGG_MAX_NAMES)     /* power of two, at most half full */
#define S_WORKER_INDEX (2 * ZC_AGG_MAX_WORKERS) /* power of two, at most half full */
#define S_RING (ZC_AGG_RATE_WINDOW_S + 1)
#define S_INTEGER_MAX 1e15 /* integral doubles below this print without exponent */

/* The sink's own counters: fixed names, interned first. */
enum {
    S_OWN_WRITTEN = 0,
    S_OWN_DUP,
    S_OWN_BAD,
    S_OWN_WDROP,
    S_OWN_MDROP,
    S_OWN_PAGES,                 /* pages_total by status class, S_N_CLASSES of them */
    S_OWN_ERRORS = S_OWN_PAGES + 7, /* errors_total by kind, S_N_KINDS of them */
    S_OWN_N = S_OWN_ERRORS + 11,
};

static const char *const s_classes[] = {"1xx", "2xx", "3xx", "4xx", "5xx", "none", "other"};
static const char *const s_kinds[] = {"robots", "dns",     "connect",      "timeout",
                                      "tls",    "too_large", "http",       "ssrf",
                                      "max_attempts", "bad_url", "other"};
#define S_CLASS_NONE 5
#define S_CLASS_OTHER 6
#define S_KIND_OTHER 10

typedef struct {
    uint32_t id;
    double v;
} s_val_t;

typedef struct {
    char *url, *title, *error;
    bool has_status;
    uint32_t status, depth, fetch_ms;
    uint64_t bytes;
    int64_t at_ms; /* wall time: fetched_at, or when written */
} s_latest_t;

typedef struct {
    char *stage, *worker;
    bool has_pid;
    uint32_t pid;
    int64_t seen_ms;
    bool complete, stopping;
    uint64_t expected;
    s_val_t *counters, *gauges;
    size_t nc, ng;
} s_worker_t;

/* The latest heartbeat of one producer shard, for the completion rounds. */
typedef struct {
    bool present, idle, stopping;
    uint32_t pid;
    uint64_t wave, activity, expected;
    int64_t seen_ms;
    size_t slot;        /* its worker's slot + 1 (0: none) */
} s_shard_t;

/* The producer gauges shown per shard. */
static const char *const s_shard_gauges[ZC_AGG_SHARD_GAUGES] = {
    "frontier_size", "hosts", "inflight", "forwards_unconfirmed"};

struct zc_agg_t {
    char *worker;

    /* Producer shards (SPEC §10): see zc_agg_round. */
    s_shard_t shards[ZC_SHARD_MAX];
    uint32_t nshards;          /* N of the shards heard (0: no sharded producer) */
    bool shards_mismatch_logged;
    uint64_t wave;             /* the wave of the round under way (>= 1) */
    bool prev_idle;            /* the last round over found every shard idle ... */
    uint32_t prev_pid[ZC_SHARD_MAX];      /* ... with these processes */
    uint64_t prev_activity[ZC_SHARD_MAX]; /* ... and activity counts */
    bool shards_complete;      /* two such rounds in a row, nothing changed */
    int shard_gauge_id[ZC_AGG_SHARD_GAUGES];
    int64_t dead_after_ms, start_ms;

    char *names[ZC_AGG_MAX_NAMES];
    uint32_t sorted[ZC_AGG_MAX_NAMES];
    uint32_t name_index[S_NAME_INDEX]; /* id + 1, 0 = empty */
    size_t n_names;
    uint32_t mark[ZC_AGG_MAX_NAMES];   /* duplicate-name check within one heartbeat */
    uint32_t mark_gen;

    s_worker_t *workers;               /* ZC_AGG_MAX_WORKERS slots, allocated at first use */
    uint32_t worker_index[S_WORKER_INDEX]; /* slot + 1, 0 = empty */
    size_t n_workers;

    double retired[ZC_AGG_MAX_NAMES];
    bool retired_has[ZC_AGG_MAX_NAMES];
    uint64_t own[S_OWN_N];

    uint64_t ring[S_RING];
    int64_t ring_sec;

    bool gauge_name[ZC_AGG_MAX_NAMES];
    s_latest_t latest[ZC_AGG_LATEST];
    size_t latest_next, n_latest;

    /* Scratch for snapshots. */
    double tot[ZC_AGG_MAX_NAMES];
    bool present[ZC_AGG_MAX_NAMES];
    s_worker_t **order;
};

/* --- names ---------------------------------------------------------------- */

static uint64_t s_hash(const char *s, size_t len)
{
    return zc_hash64(s, len, 0x6167677265676174ULL);
}

/* The id of name, interning it if new; -1 when the name is too long or the
   table is full. */
static int s_intern(zc_agg_t *self, const char *name)
{
    size_t len = strnlen(name, ZC_AGG_MAX_NAME_LEN + 1);
    if (len == 0 || len > ZC_AGG_MAX_NAME_LEN)
        return -1;
    size_t mask = S_NAME_INDEX - 1;
    size_t i = (size_t)s_hash(name, len) & mask;
    while (self->name_index[i]) {
        uint32_t id = self->name_index[i] - 1;
        if (strcmp(self->names[id], name) == 0)
            return (int)id;
        i = (i + 1) & mask;
    }
    if (self->n_names == ZC_AGG_MAX_NAMES)
        return -1;
    uint32_t id = (uint32_t)self->n_names++;
    self->names[id] = zc_strndup(name, len);
    self->name_index[i] = id + 1;
    /* Keep sorted[] in name order: binary search, then shift. */
    size_t lo = 0, hi = id;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(self->names[self->sorted[mid]], name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(&self->sorted[lo + 1], &self->sorted[lo], (id - lo) * sizeof self->sorted[0]);
    self->sorted[lo] = id;
    return (int)id;
}

/* --- workers -------------------------------------------------------------- */

static uint64_t s_worker_hash(const char *stage, const char *worker)
{
    return s_hash(stage, strlen(stage)) ^ (s_hash(worker, strlen(worker)) * 31);
}

static size_t s_worker_slot(const zc_agg_t *self, const char *stage, const char *worker,
                            bool *found)
{
    size_t mask = S_WORKER_INDEX - 1;
    size_t i = (size_t)s_worker_hash(stage, worker) & mask;
    while (self->worker_index[i]) {
        const s_worker_t *w = &self->workers[self->worker_index[i] - 1];
        if (strcmp(w->stage, stage) == 0 && strcmp(w->worker, worker) == 0) {
            *found = true;
            return i;
        }
        i = (i + 1) & mask;
    }
    *found = false;
    return i;
}

static void s_reindex(zc_agg_t *self)
{
    memset(self->worker_index, 0, sizeof self->worker_index);
    for (size_t k = 0; k < self->n_workers; k++) {
        bool found;
        size_t i = s_worker_slot(self, self->workers[k].stage, self->workers[k].worker, &found);
        assert(!found);
        self->worker_index[i] = (uint32_t)k + 1;
    }
}

static bool s_alive(const zc_agg_t *self, const s_worker_t *w, int64_t now_ms)
{
    int64_t age = now_ms - w->seen_ms;
    if (age > self->dead_after_ms)
        return false;
    return !(w->stopping && age > ZC_AGG_STOPPED_GONE_MS);
}

/* Keeps a process's last counters in the totals after it left the table. */
static void s_fold(zc_agg_t *self, const s_worker_t *w)
{
    for (size_t k = 0; k < w->nc; k++) {
        self->retired[w->counters[k].id] += w->counters[k].v;
        self->retired_has[w->counters[k].id] = true;
    }
}

static void s_worker_free(s_worker_t *w)
{
    free(w->stage);
    free(w->worker);
    free(w->counters);
    free(w->gauges);
    memset(w, 0, sizeof *w);
}

/* Frees the slot of the longest-dead worker; false if every worker is alive. */
static bool s_retire_one(zc_agg_t *self, int64_t now_ms)
{
    size_t victim = SIZE_MAX;
    for (size_t k = 0; k < self->n_workers; k++) {
        const s_worker_t *w = &self->workers[k];
        if (!s_alive(self, w, now_ms) &&
            (victim == SIZE_MAX || w->seen_ms < self->workers[victim].seen_ms))
            victim = k;
    }
    if (victim == SIZE_MAX)
        return false;
    s_fold(self, &self->workers[victim]);
    s_worker_free(&self->workers[victim]);
    self->workers[victim] = self->workers[--self->n_workers];
    memset(&self->workers[self->n_workers], 0, sizeof self->workers[0]);
    s_reindex(self);
    return true;
}

/* Copies metrics into a worker's array; returns the number kept. */
static size_t s_take(zc_agg_t *self, Zcrawl__Metric **m, size_t n, s_val_t *dst)
{
    size_t kept = 0;
    self->mark_gen++;
    if (self->mark_gen == 0) {
        memset(self->mark, 0, sizeof self->mark);
        self->mark_gen = 1;
    }
    for (size_t k = 0; k < n; k++) {
        if (kept == ZC_AGG_MAX_METRICS || !m[k] || !m[k]->name || !isfinite(m[k]->value)) {
            self->own[S_OWN_MDROP]++;
            continue;
        }
        int id = s_intern(self, m[k]->name);
        if (id < 0 || self->mark[id] == self->mark_gen) {
            self->own[S_OWN_MDROP]++;
            continue;
        }
        self->mark[id] = self->mark_gen;
        dst[kept].id = (uint32_t)id;
        dst[kept].v = m[k]->value;
        kept++;
    }
    return kept;
}

static bool s_valid_id(const char *s)
{
    if (!s)
        return false;
    size_t len = strnlen(s, ZC_AGG_MAX_ID_LEN + 1);
    return len > 0 && len <= ZC_AGG_MAX_ID_LEN;
}

static void s_latest_free(s_latest_t *l)
{
    free(l->url);
    free(l->title);
    free(l->error);
    memset(l, 0, sizeof *l);
}

/* A copy of s cut to at most max bytes, on a UTF-8 character boundary when
   s is valid UTF-8 (the JSON writer replaces what is not); NULL for NULL. */
static char *s_cut(const char *s, size_t max)
{
    if (!s)
        return NULL;
    size_t len = strnlen(s, max + 1);
    if (len <= max)
        return zc_strndup(s, len);
    size_t keep = 0;
    while (keep < max) {
        size_t n = zc_utf8_seq((const unsigned char *)s + keep, strnlen(s + keep, 4));
        if (n == 0)
            n = 1; /* not UTF-8: one byte (the JSON writer replaces it) */
        if (keep + n > max)
            break;
        keep += n;
    }
    return zc_strndup(s, keep);
}

/* --- public --------------------------------------------------------------- */

zc_agg_t *zc_agg_new(const char *worker, int64_t dead_after_ms, int64_t now_ms)
{
    zc_agg_t *self = zc_calloc(1, sizeof *self);
    self->worker = zc_strdup(worker ? worker : "sink");
    self->dead_after_ms = dead_after_ms;
    self->start_ms = now_ms;
    self->ring_sec = now_ms / 1000;
    self->wave = 1;
    char name[64];
    int id;
    id = s_intern(self, "records_written_total");
    assert(id == S_OWN_WRITTEN);
    id = s_intern(self, "duplicates_total");
    assert(id == S_OWN_DUP);
    id = s_intern(self, "bad_messages_total");
    assert(id == S_OWN_BAD);
    id = s_intern(self, "workers_dropped_total");
    assert(id == S_OWN_WDROP);
    id = s_intern(self, "metrics_dropped_total");
    assert(id == S_OWN_MDROP);
    for (size_t k = 0; k < ZC_ARRAY_LEN(s_classes); k++) {
        snprintf(name, sizeof name, "pages_total{status_class=\"%s\"}", s_classes[k]);
        id = s_intern(self, name);
        assert(id == (int)(S_OWN_PAGES + k));
    }
    for (size_t k = 0; k < ZC_ARRAY_LEN(s_kinds); k++) {
        snprintf(name, sizeof name, "errors_total{kind=\"%s\"}", s_kinds[k]);
        id = s_intern(self, name);
        assert(id == (int)(S_OWN_ERRORS + k));
    }
    assert(self->n_names == S_OWN_N);
    ZC_UNUSED(id);
    for (int g = 0; g < ZC_AGG_SHARD_GAUGES; g++)
        self->shard_gauge_id[g] = s_intern(self, s_shard_gauges[g]);
    return self;
}

void zc_agg_destroy(zc_agg_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_agg_t *self = *self_p;
    for (size_t k = 0; k < self->n_workers; k++)
        s_worker_free(&self->workers[k]);
    free(self->workers);
    free(self->order);
    for (size_t k = 0; k < self->n_names; k++)
        free(self->names[k]);
    for (size_t k = 0; k < ZC_AGG_LATEST; k++)
        s_latest_free(&self->latest[k]);
    free(self->worker);
    free(self);
    *self_p = NULL;
}

int zc_agg_heartbeat(zc_agg_t *self, const Zcrawl__Stats *st, int64_t now_ms)
{
    if (!s_valid_id(st->stage) || !s_valid_id(st->worker))
        return ZC_EINVAL;
    if (!self->workers)
        self->workers = zc_calloc(ZC_AGG_MAX_WORKERS, sizeof *self->workers);
    bool found;
    size_t i = s_worker_slot(self, st->stage, st->worker, &found);
    s_worker_t *w;
    if (found) {
        w = &self->workers[self->worker_index[i] - 1];
        /* Same name, another process: the old one's totals must not vanish. */
        if (st->has_pid && w->has_pid && st->pid != w->pid)
            s_fold(self, w);
    } else {
        if (self->n_workers == ZC_AGG_MAX_WORKERS) {
            if (!s_retire_one(self, now_ms)) {
                self->own[S_OWN_WDROP]++;
                return ZC_ETOOBIG;
            }
            i = s_worker_slot(self, st->stage, st->worker, &found);
        }
        w = &self->workers[self->n_workers];
        w->stage = zc_strdup(st->stage);
        w->worker = zc_strdup(st->worker);
        self->worker_index[i] = (uint32_t)self->n_workers + 1;
        self->n_workers++;
    }
    /* Arrays are sized for the message, capped by ZC_AGG_MAX_METRICS. */
    size_t nc = st->n_counters < ZC_AGG_MAX_METRICS ? st->n_counters : ZC_AGG_MAX_METRICS;
    size_t ng = st->n_gauges < ZC_AGG_MAX_METRICS ? st->n_gauges : ZC_AGG_MAX_METRICS;
    w->counters = zc_realloc(w->counters, (nc ? nc : 1) * sizeof *w->counters);
    w->gauges = zc_realloc(w->gauges, (ng ? ng : 1) * sizeof *w->gauges);
    w->nc = s_take(self, st->counters, st->n_counters, w->counters);
    w->ng = s_take(self, st->gauges, st->n_gauges, w->gauges);
    for (size_t k = 0; k < w->ng; k++)
        self->gauge_name[w->gauges[k].id] = true;
    w->has_pid = st->has_pid;
    w->pid = st->pid;
    w->seen_ms = now_ms;
    w->complete = st->has_complete && st->complete;
    w->expected = st->has_records_expected ? st->records_expected : 0;
    w->stopping = st->has_stopping && st->stopping;
    if (strcmp(st->stage, "producer") == 0 && st->has_shards && st->shards > 1 &&
        st->shards <= ZC_SHARD_MAX && st->has_shard && st->shard < st->shards) {
        if (self->nshards && st->shards != self->nshards && !self->shards_mismatch_logged) {
            zc_error("producer shards disagree on N shard=%u shards=%u other_shards=%u",
                     st->shard, st->shards, self->nshards);
            self->shards_mismatch_logged = true;
        }
        if (st->shards > self->nshards)
            self->nshards = st->shards;
        s_shard_t *sh = &self->shards[st->shard];
        sh->present = true;
        sh->idle = st->has_complete && st->complete;
        sh->stopping = st->has_stopping && st->stopping;
        sh->pid = st->pid;
        sh->wave = st->has_wave ? st->wave : 0;
        sh->activity = st->has_activity ? st->activity : 0;
        sh->expected = w->expected;
        sh->seen_ms = now_ms;
        sh->slot = (size_t)(w - self->workers) + 1;
        /* Once complete, the crawl stays so while every shard stays idle (a
           shard restarted then learns the end too); a busy shard (new
           seeds) starts the rounds again. */
        if (!sh->idle && self->shards_complete) {
            self->shards_complete = false;
            self->prev_idle = false;
        }
    }
    return ZC_OK;
}

void zc_agg_set_wave(zc_agg_t *self, uint64_t wave)
{
    self->wave = wave ? wave : 1;
}

int zc_agg_each_shard(zc_agg_t *self, int64_t now_ms, zc_agg_shard_fn fn, void *arg)
{
    int rc = 0;
    for (uint32_t k = 0; !rc && k < self->nshards; k++) {
        const s_shard_t *sh = &self->shards[k];
        zc_agg_shard_t v = {.shard = k, .present = sh->present, .idle = sh->idle,
                            .wave = sh->wave, .activity = sh->activity,
                            .records = sh->expected};
        const s_worker_t *w = NULL;
        if (sh->slot && sh->slot <= self->n_workers &&
            strcmp(self->workers[sh->slot - 1].stage, "producer") == 0)
            w = &self->workers[sh->slot - 1];
        v.worker = w ? w->worker : NULL;
        v.alive = w && s_alive(self, w, now_ms);
        for (size_t j = 0; w && j < w->ng; j++)
            for (int g = 0; g < ZC_AGG_SHARD_GAUGES; g++)
                if (self->shard_gauge_id[g] >= 0 && w->gauges[j].id == (uint32_t)self->shard_gauge_id[g])
                    v.gauges[g] = w->gauges[j].v;
        rc = fn(arg, &v);
    }
    return rc;
}

const char *zc_agg_shard_gauge_name(int g)
{
    return g >= 0 && g < ZC_AGG_SHARD_GAUGES ? s_shard_gauges[g] : NULL;
}

static int s_json_shard(void *arg, const zc_agg_shard_t *v)
{
    zc_buf_t *out = arg;
    int rc = zc_buf_printf(out, "%s{\"shard\":%u,\"worker\":", v->shard ? "," : "", v->shard);
    if (!rc)
        rc = zc_buf_json_strz(out, v->worker);
    if (!rc)
        rc = zc_buf_printf(out,
                           ",\"alive\":%s,\"idle\":%s,\"wave\":%llu,\"activity\":%llu,"
                           "\"records\":%llu",
                           v->alive ? "true" : "false", v->idle ? "true" : "false",
                           (unsigned long long)v->wave, (unsigned long long)v->activity,
                           (unsigned long long)v->records);
    for (int g = 0; !rc && g < ZC_AGG_SHARD_GAUGES; g++) {
        rc = zc_buf_printf(out, ",\"%s\":", s_shard_gauges[g]);
        if (!rc)
            rc = zc_agg_json_num(out, v->gauges[g]);
    }
    return rc ? rc : zc_buf_addc(out, '}');
}

uint64_t zc_agg_wave(const zc_agg_t *self)
{
    return self->wave;
}

uint32_t zc_agg_shards(const zc_agg_t *self)
{
    return self->nshards;
}

int zc_agg_round(zc_agg_t *self)
{
    if (self->nshards < 2 || self->shards_complete)
        return ZC_AGG_ROUND_NONE;
    bool idle = true;
    for (uint32_t k = 0; k < self->nshards; k++) {
        const s_shard_t *sh = &self->shards[k];
        /* The round is over when every shard answered this wave. */
        if (!sh->present || sh->wave != self->wave)
            return ZC_AGG_ROUND_NONE;
        idle = idle && sh->idle;
    }
    bool same = self->prev_idle && idle;
    for (uint32_t k = 0; k < self->nshards && same; k++)
        same = self->prev_pid[k] == self->shards[k].pid &&
               self->prev_activity[k] == self->shards[k].activity;
    self->shards_complete = same;
    self->prev_idle = idle;
    for (uint32_t k = 0; k < self->nshards; k++) {
        self->prev_pid[k] = self->shards[k].pid;
        self->prev_activity[k] = self->shards[k].activity;
    }
    self->wave++;
    return idle ? ZC_AGG_ROUND_NOW : ZC_AGG_ROUND_LATER;
}

static void s_ring_advance(zc_agg_t *self, int64_t now_ms)
{
    int64_t sec = now_ms / 1000;
    if (sec <= self->ring_sec)
        return;
    int64_t from = self->ring_sec + 1;
    if (sec - from >= S_RING)
        from = sec - S_RING + 1;
    for (int64_t s = from; s <= sec; s++)
        self->ring[s % S_RING] = 0;
    self->ring_sec = sec;
}

void zc_agg_record(zc_agg_t *self, bool has_status, uint32_t status, const char *error,
                   int64_t now_ms)
{
    self->own[S_OWN_WRITTEN]++;
    s_ring_advance(self, now_ms);
    self->ring[self->ring_sec % S_RING]++;

    size_t cls;
    if (!has_status || status == 0)
        cls = S_CLASS_NONE;
    else if (status >= 100 && status <= 599)
        cls = status / 100 - 1;
    else
        cls = S_CLASS_OTHER;
    self->own[S_OWN_PAGES + cls]++;

    if (error) {
        size_t kind = S_KIND_OTHER;
        for (size_t k = 0; k < ZC_ARRAY_LEN(s_kinds); k++)
            if (strcmp(error, s_kinds[k]) == 0) {
                kind = k;
                break;
            }
        self->own[S_OWN_ERRORS + kind]++;
    }
}

void zc_agg_latest(zc_agg_t *self, const Zcrawl__Record *r, int64_t wall_ms)
{
    s_latest_t *l = &self->latest[self->latest_next];
    s_latest_free(l);
    l->url = s_cut(r->url ? r->url : "", ZC_AGG_LATEST_URL_MAX);
    l->title = s_cut(r->title, ZC_AGG_LATEST_TITLE_MAX);
    l->error = s_cut(r->error, ZC_AGG_MAX_ID_LEN);
    l->has_status = r->has_status;
    l->status = r->status;
    l->depth = r->has_depth ? r->depth : 0;
    l->fetch_ms = r->has_fetch_ms ? r->fetch_ms : 0;
    l->bytes = r->has_bytes ? r->bytes : 0;
    l->at_ms = r->has_fetched_at_ms && r->fetched_at_ms > 0 && r->fetched_at_ms < INT64_MAX
                   ? (int64_t)r->fetched_at_ms
                   : wall_ms;
    self->latest_next = (self->latest_next + 1) % ZC_AGG_LATEST;
    if (self->n_latest < ZC_AGG_LATEST)
        self->n_latest++;
}

void zc_agg_duplicate(zc_agg_t *self)
{
    self->own[S_OWN_DUP]++;
}

void zc_agg_bad_message(zc_agg_t *self)
{
    self->own[S_OWN_BAD]++;
}

void zc_agg_set_recovered(zc_agg_t *self, uint64_t n)
{
    self->own[S_OWN_WRITTEN] += n;
}

uint64_t zc_agg_written(const zc_agg_t *self)
{
    return self->own[S_OWN_WRITTEN];
}

uint64_t zc_agg_duplicates(const zc_agg_t *self)
{
    return self->own[S_OWN_DUP];
}

uint64_t zc_agg_bad_messages(const zc_agg_t *self)
{
    return self->own[S_OWN_BAD];
}

bool zc_agg_complete(const zc_agg_t *self, int64_t now_ms, uint64_t *expected)
{
    if (self->nshards > 1) {
        /* Shards: the rounds decide; every shard's records must be written. */
        uint64_t sum = 0;
        for (uint32_t k = 0; k < self->nshards; k++)
            sum += self->shards[k].expected;
        if (expected)
            *expected = sum;
        return self->shards_complete && sum > 0 && self->own[S_OWN_WRITTEN] >= sum;
    }
    /* Pass 0 counts live producers; pass 1, when none is alive, those that
       exited gracefully (their last word is final). Crashed producers count
       in neither: their successor speaks for the frontier. */
    uint64_t sum = 0;
    size_t n = 0;
    bool all = true;
    for (int pass = 0; pass < 2 && n == 0; pass++) {
        for (size_t k = 0; k < self->n_workers; k++) {
            const s_worker_t *w = &self->workers[k];
            if (strcmp(w->stage, "producer") != 0)
                continue;
            bool alive = s_alive(self, w, now_ms);
            if (pass == 0 ? !alive : (alive || !w->stopping))
                continue;
            n++;
            sum += w->expected;
            all = all && w->complete;
        }
    }
    if (expected)
        *expected = sum;
    return n > 0 && all && self->own[S_OWN_WRITTEN] >= sum;
}

double zc_agg_rate(zc_agg_t *self, int64_t now_ms)
{
    s_ring_advance(self, now_ms);
    uint64_t sum = 0;
    for (int64_t s = self->ring_sec - ZC_AGG_RATE_WINDOW_S; s < self->ring_sec; s++)
        if (s >= 0)
            sum += self->ring[s % S_RING];
    return (double)sum / ZC_AGG_RATE_WINDOW_S;
}

int zc_agg_json_num(zc_buf_t *out, double v)
{
    if (!isfinite(v))
        return zc_buf_adds(out, "null");
    if (v == trunc(v) && fabs(v) < S_INTEGER_MAX)
        return zc_buf_printf(out, "%lld", (long long)v);
    return zc_buf_printf(out, "%.15g", v);
}

/* Appends {"name":value,...} for the (id, value) pairs, in their order. */
static int s_json_vals(const zc_agg_t *self, zc_buf_t *out, const s_val_t *v, size_t n)
{
    int rc = zc_buf_addc(out, '{');
    for (size_t k = 0; !rc && k < n; k++) {
        if (k)
            rc = zc_buf_addc(out, ',');
        if (!rc)
            rc = zc_buf_json_strz(out, self->names[v[k].id]);
        if (!rc)
            rc = zc_buf_addc(out, ':');
        if (!rc)
            rc = zc_agg_json_num(out, v[k].v);
    }
    return rc ? rc : zc_buf_addc(out, '}');
}

static int s_cmp_worker(const void *a, const void *b)
{
    const s_worker_t *x = *(s_worker_t *const *)a, *y = *(s_worker_t *const *)b;
    int c = strcmp(x->stage, y->stage);
    return c ? c : strcmp(x->worker, y->worker);
}

/* Fills tot[] and present[]: retired + every worker's counters + live
   workers' gauges + own counters (invariant 3). */
static void s_totals(zc_agg_t *self, int64_t now_ms)
{
    memcpy(self->tot, self->retired, self->n_names * sizeof self->tot[0]);
    for (size_t id = 0; id < self->n_names; id++)
        self->present[id] = id < S_OWN_N || self->retired_has[id];
    for (size_t id = 0; id < S_OWN_N; id++)
        self->tot[id] += (double)self->own[id];
    for (size_t k = 0; k < self->n_workers; k++) {
        const s_worker_t *w = &self->workers[k];
        for (size_t j = 0; j < w->nc; j++) {
            self->tot[w->counters[j].id] += w->counters[j].v;
            self->present[w->counters[j].id] = true;
        }
        if (!s_alive(self, w, now_ms))
            continue;
        for (size_t j = 0; j < w->ng; j++) {
            self->tot[w->gauges[j].id] += w->gauges[j].v;
            self->present[w->gauges[j].id] = true;
        }
    }
}

/* Sorts the workers into order[] by (stage, worker); returns how many. */
static size_t s_order(zc_agg_t *self)
{
    if (!self->order && self->n_workers)
        self->order = zc_calloc(ZC_AGG_MAX_WORKERS, sizeof *self->order);
    for (size_t k = 0; k < self->n_workers; k++)
        self->order[k] = &self->workers[k];
    if (self->n_workers)
        qsort(self->order, self->n_workers, sizeof *self->order, s_cmp_worker);
    return self->n_workers;
}

int zc_agg_each_total(zc_agg_t *self, int64_t now_ms, zc_agg_total_fn fn, void *arg)
{
    s_totals(self, now_ms);
    int rc = 0;
    for (size_t k = 0; !rc && k < self->n_names; k++) {
        uint32_t id = self->sorted[k];
        if (self->present[id])
            rc = fn(arg, self->names[id], self->tot[id], self->gauge_name[id]);
    }
    return rc;
}

int zc_agg_each_worker(zc_agg_t *self, int64_t now_ms, zc_agg_worker_fn fn, void *arg)
{
    int rc = fn(arg, "sink", self->worker, true, 0);
    size_t n = s_order(self);
    for (size_t k = 0; !rc && k < n; k++) {
        const s_worker_t *w = self->order[k];
        rc = fn(arg, w->stage, w->worker, s_alive(self, w, now_ms), now_ms - w->seen_ms);
    }
    return rc;
}

/* Appends ,"latest":[...] newest first. */
static int s_json_latest(const zc_agg_t *self, zc_buf_t *out)
{
    char when[40];
    int rc = zc_buf_adds(out, ",\"latest\":[");
    for (size_t k = 0; !rc && k < self->n_latest; k++) {
        const s_latest_t *l =
            &self->latest[(self->latest_next + ZC_AGG_LATEST - 1 - k) % ZC_AGG_LATEST];
        rc = zc_buf_adds(out, k ? ",{\"url\":" : "{\"url\":");
        if (!rc)
            rc = zc_buf_json_strz(out, l->url);
        if (!rc && l->has_status)
            rc = zc_buf_printf(out, ",\"status\":%u", (unsigned)l->status);
        else if (!rc)
            rc = zc_buf_adds(out, ",\"status\":null");
        if (!rc)
            rc = zc_buf_adds(out, ",\"error\":");
        if (!rc)
            rc = zc_buf_json_strz(out, l->error);
        if (!rc)
            rc = zc_buf_adds(out, ",\"title\":");
        if (!rc)
            rc = zc_buf_json_strz(out, l->title);
        if (!rc)
            rc = zc_buf_printf(out, ",\"depth\":%u,\"bytes\":%llu,\"fetch_ms\":%u,\"at\":\"%s\"}",
                               (unsigned)l->depth, (unsigned long long)l->bytes,
                               (unsigned)l->fetch_ms, zc_rfc3339_ms(l->at_ms, when, sizeof when));
    }
    return rc ? rc : zc_buf_addc(out, ']');
}

int zc_agg_json(zc_agg_t *self, int64_t now_ms, int64_t wall_ms, zc_buf_t *out)
{
    char when[40];
    uint64_t expected = 0;
    bool complete = zc_agg_complete(self, now_ms, &expected);
    double rate = zc_agg_rate(self, now_ms);
    int rc = zc_buf_printf(out,
                           "{\"time\":\"%s\",\"uptime_s\":%lld,\"complete\":%s,"
                           "\"records_expected\":%llu,\"records_written\":%llu,"
                           "\"duplicates\":%llu,\"pages_per_s\":%.1f,\"totals\":{",
                           zc_rfc3339_ms(wall_ms, when, sizeof when),
                           (long long)((now_ms - self->start_ms) / 1000),
                           complete ? "true" : "false", (unsigned long long)expected,
                           (unsigned long long)self->own[S_OWN_WRITTEN],
                           (unsigned long long)self->own[S_OWN_DUP], rate);
    if (rc)
        return rc;

    /* Totals: per-id sums, then printed in name order. */
    s_totals(self, now_ms);
    bool first = true;
    for (size_t k = 0; !rc && k < self->n_names; k++) {
        uint32_t id = self->sorted[k];
        if (!self->present[id])
            continue;
        if (!first)
            rc = zc_buf_addc(out, ',');
        first = false;
        if (!rc)
            rc = zc_buf_json_strz(out, self->names[id]);
        if (!rc)
            rc = zc_buf_addc(out, ':');
        if (!rc)
            rc = zc_agg_json_num(out, self->tot[id]);
    }

    /* Workers: the sink itself first, then every other in (stage, worker) order. */
    if (!rc)
        rc = zc_buf_adds(out, "},\"workers\":[{\"stage\":\"sink\",\"worker\":");
    if (!rc)
        rc = zc_buf_json_strz(out, self->worker);
    if (!rc)
        rc = zc_buf_printf(out, ",\"pid\":%d,\"alive\":true,\"last_seen_ms_ago\":0,\"counters\":{",
                           (int)getpid());
    for (size_t id = 0; !rc && id < S_OWN_N; id++) {
        if (id)
            rc = zc_buf_addc(out, ',');
        if (!rc)
            rc = zc_buf_json_strz(out, self->names[id]);
        if (!rc)
            rc = zc_buf_printf(out, ":%llu", (unsigned long long)self->own[id]);
    }
    if (!rc)
        rc = zc_buf_adds(out, "},\"gauges\":{}}");

    size_t nw = s_order(self);
    for (size_t k = 0; !rc && k < nw; k++) {
        const s_worker_t *w = self->order[k];
        rc = zc_buf_adds(out, ",{\"stage\":");
        if (!rc)
            rc = zc_buf_json_strz(out, w->stage);
        if (!rc)
            rc = zc_buf_adds(out, ",\"worker\":");
        if (!rc)
            rc = zc_buf_json_strz(out, w->worker);
        if (!rc && w->has_pid)
            rc = zc_buf_printf(out, ",\"pid\":%u", (unsigned)w->pid);
        else if (!rc)
            rc = zc_buf_adds(out, ",\"pid\":null");
        if (!rc)
            rc = zc_buf_printf(out, ",\"alive\":%s,\"last_seen_ms_ago\":%lld,\"counters\":",
                               s_alive(self, w, now_ms) ? "true" : "false",
                               (long long)(now_ms - w->seen_ms));
        if (!rc)
            rc = s_json_vals(self, out, w->counters, w->nc);
        if (!rc)
            rc = zc_buf_adds(out, ",\"gauges\":");
        if (!rc)
            rc = s_json_vals(self, out, w->gauges, w->ng);
        if (!rc)
            rc = zc_buf_addc(out, '}');
    }
    if (!rc)
        rc = zc_buf_addc(out, ']');
    /* Producer shards, when there are: one entry each, in shard order. */
    if (!rc && self->nshards > 1) {
        rc = zc_buf_printf(out, ",\"wave\":%llu,\"shards\":[", (unsigned long long)self->wave);
        if (!rc)
            rc = zc_agg_each_shard(self, now_ms, s_json_shard, out);
        if (!rc)
            rc = zc_buf_addc(out, ']');
    }
    if (!rc)
        rc = s_json_latest(self, out);
    return rc ? rc : zc_buf_addc(out, '}');
}

/* --- self-test ------------------------------------------------------------ */

typedef struct {
    Zcrawl__Stats st;
    Zcrawl__Metric m[4];
    Zcrawl__Metric *c[2], *g[2];
} s_hb_t;

/* Builds a heartbeat with one counter and one gauge (names may be NULL). */
static Zcrawl__Stats *s_hb(s_hb_t *h, const char *stage, const char *worker, uint32_t pid,
                           const char *cname, double cval, const char *gname, double gval)
{
    zcrawl__stats__init(&h->st);
    h->st.version = 1;
    h->st.stage = (char *)stage;
    h->st.worker = (char *)worker;
    h->st.has_pid = true;
    h->st.pid = pid;
    for (int k = 0; k < 2; k++)
        zcrawl__metric__init(&h->m[k]);
    h->m[0].name = (char *)cname;
    h->m[0].value = cval;
    h->m[1].name = (char *)gname;
    h->m[1].value = gval;
    h->c[0] = &h->m[0];
    h->g[0] = &h->m[1];
    h->st.counters = h->c;
    h->st.n_counters = cname ? 1 : 0;
    h->st.gauges = h->g;
    h->st.n_gauges = gname ? 1 : 0;
    return &h->st;
}

/* The value of "name": in a JSON text (the first occurrence), as a double. */
static double s_json_get(const char *json, const char *key)
{
    char pat[300];
    snprintf(pat, sizeof pat, "%s:", key);
    const char *p = strstr(json, pat);
    assert(p);
    return strtod(p + strlen(pat), NULL);
}

typedef struct {
    double fetches, transfers;
    bool transfers_seen, transfers_gauge;
    int workers, dead;
    char first[16];
} s_iter_t;

static int s_iter_total(void *arg, const char *name, double value, bool gauge)
{
    s_iter_t *it = arg;
    if (!strcmp(name, "fetches_total"))
        it->fetches = value;
    if (!strcmp(name, "transfers")) {
        it->transfers = value;
        it->transfers_seen = true;
        it->transfers_gauge = gauge;
    }
    return 0;
}

static int s_iter_worker(void *arg, const char *stage, const char *worker, bool alive,
                         int64_t age_ms)
{
    s_iter_t *it = arg;
    ZC_UNUSED(worker);
    ZC_UNUSED(age_ms);
    if (it->workers++ == 0)
        snprintf(it->first, sizeof it->first, "%s", stage);
    it->dead += !alive;
    return 0;
}

/* A shard's heartbeat: K of n, its wave, idleness, activity and records. */
static void s_test_shard(zc_agg_t *a, uint32_t k, uint32_t n, uint32_t pid, uint64_t wave,
                         bool idle, uint64_t activity, uint64_t records, int64_t now)
{
    char worker[32];
    snprintf(worker, sizeof worker, "shard-%u", k);
    Zcrawl__Metric g = ZCRAWL__METRIC__INIT, *gs[1] = {&g};
    g.name = "frontier_size";
    g.value = idle ? 0 : 5;
    Zcrawl__Stats st = ZCRAWL__STATS__INIT;
    st.version = 1;
    st.stage = "producer";
    st.worker = worker;
    st.has_pid = true;
    st.pid = pid;
    st.n_gauges = 1;
    st.gauges = gs;
    st.has_complete = st.has_records_expected = true;
    st.complete = idle;
    st.records_expected = records;
    st.has_shard = st.has_shards = st.has_wave = st.has_activity = true;
    st.shard = k;
    st.shards = n;
    st.wave = wave;
    st.activity = activity;
    assert(zc_agg_heartbeat(a, &st, now) == 0);
}

/* Completion rounds of three producer shards. */
static void s_test_rounds(void)
{
    const int64_t t = 5000000;
    zc_agg_t *a = zc_agg_new("sink", 5000, t);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NONE && zc_agg_wave(a) == 1);
    /* Two shards idle, the third unheard: no round ends. */
    s_test_shard(a, 0, 3, 100, 1, true, 10, 4, t);
    s_test_shard(a, 1, 3, 101, 1, true, 20, 3, t);
    assert(zc_agg_shards(a) == 3 && zc_agg_round(a) == ZC_AGG_ROUND_NONE);
    /* The third answers wave 1 busy: round over, the next one later. */
    s_test_shard(a, 2, 3, 102, 1, false, 30, 0, t);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_LATER && zc_agg_wave(a) == 2);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NONE); /* nobody answered wave 2 yet */
    /* Wave 2: all idle (shard 2 has done something since): round over, at once. */
    s_test_shard(a, 0, 3, 100, 2, true, 10, 4, t + 10);
    s_test_shard(a, 1, 3, 101, 2, true, 20, 3, t + 10);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NONE);
    s_test_shard(a, 2, 3, 102, 2, true, 35, 2, t + 10);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NOW && zc_agg_wave(a) == 3);
    for (int i = 0; i < 9; i++)
        zc_agg_record(a, true, 200, NULL, t + 20);
    assert(!zc_agg_complete(a, t + 20, NULL)); /* one idle round is not enough */
    /* Wave 3: idle again, but shard 1 handled something: not complete. */
    s_test_shard(a, 0, 3, 100, 3, true, 10, 4, t + 30);
    s_test_shard(a, 1, 3, 101, 3, true, 21, 3, t + 30);
    s_test_shard(a, 2, 3, 102, 3, true, 35, 2, t + 30);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NOW && !zc_agg_complete(a, t + 30, NULL));
    /* Wave 4: shard 2 restarted (new pid, same counts): not complete. */
    s_test_shard(a, 0, 3, 100, 4, true, 10, 4, t + 40);
    s_test_shard(a, 1, 3, 101, 4, true, 21, 3, t + 40);
    s_test_shard(a, 2, 3, 202, 4, true, 35, 2, t + 40);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NOW && !zc_agg_complete(a, t + 40, NULL));
    /* Wave 5: nothing changed since wave 4, but one record is missing. */
    s_test_shard(a, 0, 3, 100, 5, true, 10, 4, t + 50);
    s_test_shard(a, 1, 3, 101, 5, true, 21, 3, t + 50);
    s_test_shard(a, 2, 3, 202, 5, true, 35, 3, t + 50);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NOW);
    uint64_t exp = 0;
    assert(!zc_agg_complete(a, t + 50, &exp) && exp == 10);
    zc_agg_record(a, true, 200, NULL, t + 55);
    assert(zc_agg_complete(a, t + 55, &exp) && exp == 10);
    /* Complete stays while the shards stay idle (one restarted meanwhile learns it too). */
    s_test_shard(a, 2, 3, 302, 6, true, 0, 3, t + 58);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NONE && zc_agg_complete(a, t + 58, NULL));
    /* A busy shard (new seeds) ends it; an old answer (a heartbeat of an earlier wave, or of
       a wave of an earlier sink) does not end a round. */
    s_test_shard(a, 1, 3, 101, 5, false, 22, 3, t + 60);
    assert(!zc_agg_complete(a, t + 60, NULL));
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NONE);
    s_test_shard(a, 0, 3, 100, 7, true, 10, 4, t + 60);
    s_test_shard(a, 2, 3, 302, 7, true, 0, 3, t + 60);
    assert(zc_agg_round(a) == ZC_AGG_ROUND_NONE);
    /* The snapshot and the shard list. */
    zc_buf_t b;
    zc_buf_init(&b, ZC_AGG_JSON_MAX);
    assert(zc_agg_json(a, t + 60, 1700000000000LL, &b) == 0);
    assert(strstr(b.data, ",\"wave\":6,\"shards\":[{\"shard\":0,\"worker\":\"shard-0\","
                          "\"alive\":true,\"idle\":true,\"wave\":7,\"activity\":10,"
                          "\"records\":4,\"frontier_size\":0,\"hosts\":0,"));
    assert(strstr(b.data, "{\"shard\":1,\"worker\":\"shard-1\",\"alive\":true,\"idle\":false,"
                          "\"wave\":5,\"activity\":22,\"records\":3,\"frontier_size\":5,"));
    zc_buf_free(&b);
    zc_agg_destroy(&a);
}

int zc_agg_test(bool verbose)
{
    s_test_rounds();
    const int64_t t0 = 1000000; /* monotonic ms */
    const int64_t wall = 1700000000123LL;
    zc_buf_t b;
    zc_buf_init(&b, ZC_AGG_JSON_MAX);
    s_hb_t h;

    /* 1. Exact output of a small snapshot. */
    zc_agg_t *a = zc_agg_new("sink-1", 5000, t0);
    assert(zc_agg_heartbeat(a, s_hb(&h, "crawler", "c\"1", 42, "fetches_total", 10, "inflight",
                                    2.5),
                            t0 + 500) == 0);
    zc_agg_record(a, true, 200, NULL, t0 + 600);
    zc_agg_record(a, true, 404, "http", t0 + 700);
    zc_agg_record(a, false, 0, "weird", t0 + 800);
    zc_agg_duplicate(a);
    zc_agg_bad_message(a);
    assert(zc_agg_json(a, t0 + 2000, wall, &b) == 0);
    char want[4096];
    snprintf(
        want, sizeof want,
        "{\"time\":\"2023-11-14T22:13:20.123Z\",\"uptime_s\":2,\"complete\":false,"
        "\"records_expected\":0,\"records_written\":3,\"duplicates\":1,\"pages_per_s\":0.6,"
        "\"totals\":{\"bad_messages_total\":1,\"duplicates_total\":1,"
        "\"errors_total{kind=\\\"bad_url\\\"}\":0,\"errors_total{kind=\\\"connect\\\"}\":0,"
        "\"errors_total{kind=\\\"dns\\\"}\":0,\"errors_total{kind=\\\"http\\\"}\":1,"
        "\"errors_total{kind=\\\"max_attempts\\\"}\":0,\"errors_total{kind=\\\"other\\\"}\":1,"
        "\"errors_total{kind=\\\"robots\\\"}\":0,\"errors_total{kind=\\\"ssrf\\\"}\":0,"
        "\"errors_total{kind=\\\"timeout\\\"}\":0,\"errors_total{kind=\\\"tls\\\"}\":0,"
        "\"errors_total{kind=\\\"too_large\\\"}\":0,\"fetches_total\":10,\"inflight\":2.5,"
        "\"metrics_dropped_total\":0,"
        "\"pages_total{status_class=\\\"1xx\\\"}\":0,\"pages_total{status_class=\\\"2xx\\\"}\":1,"
        "\"pages_total{status_class=\\\"3xx\\\"}\":0,\"pages_total{status_class=\\\"4xx\\\"}\":1,"
        "\"pages_total{status_class=\\\"5xx\\\"}\":0,\"pages_total{status_class=\\\"none\\\"}\":1,"
        "\"pages_total{status_class=\\\"other\\\"}\":0,\"records_written_total\":3,"
        "\"workers_dropped_total\":0},"
        "\"workers\":[{\"stage\":\"sink\",\"worker\":\"sink-1\",\"pid\":%d,\"alive\":true,"
        "\"last_seen_ms_ago\":0,\"counters\":{\"records_written_total\":3,\"duplicates_total\":1,"
        "\"bad_messages_total\":1,\"workers_dropped_total\":0,\"metrics_dropped_total\":0,"
        "\"pages_total{status_class=\\\"1xx\\\"}\":0,\"pages_total{status_class=\\\"2xx\\\"}\":1,"
        "\"pages_total{status_class=\\\"3xx\\\"}\":0,\"pages_total{status_class=\\\"4xx\\\"}\":1,"
        "\"pages_total{status_class=\\\"5xx\\\"}\":0,\"pages_total{status_class=\\\"none\\\"}\":1,"
        "\"pages_total{status_class=\\\"other\\\"}\":0,"
        "\"errors_total{kind=\\\"robots\\\"}\":0,\"errors_total{kind=\\\"dns\\\"}\":0,"
        "\"errors_total{kind=\\\"connect\\\"}\":0,\"errors_total{kind=\\\"timeout\\\"}\":0,"
        "\"errors_total{kind=\\\"tls\\\"}\":0,\"errors_total{kind=\\\"too_large\\\"}\":0,"
        "\"errors_total{kind=\\\"http\\\"}\":1,\"errors_total{kind=\\\"ssrf\\\"}\":0,"
        "\"errors_total{kind=\\\"max_attempts\\\"}\":0,\"errors_total{kind=\\\"bad_url\\\"}\":0,"
        "\"errors_total{kind=\\\"other\\\"}\":1},\"gauges\":{}},"
        "{\"stage\":\"crawler\",\"worker\":\"c\\\"1\",\"pid\":42,\"alive\":true,"
        "\"last_seen_ms_ago\":1500,\"counters\":{\"fetches_total\":10},"
        "\"gauges\":{\"inflight\":2.5}}],\"latest\":[]}",
        (int)getpid());
    if (verbose || strcmp(b.data, want) != 0)
        fprintf(stderr, "got:  %s\nwant: %s\n", b.data, want);
    assert(strcmp(b.data, want) == 0);
    zc_agg_destroy(&a);
    assert(a == NULL);
    zc_agg_destroy(&a); /* NULL-safe */

    /* 2. Dead workers keep their counters but not their gauges; a worker
          restarted under a new name adds up; one restarted under the same name
          (new pid) does not lose the old process's counts. */
    a = zc_agg_new("sink-1", 5000, t0);
    zc_agg_heartbeat(a, s_hb(&h, "crawler", "c1", 10, "fetches_total", 10, "inflight", 3), t0);
    zc_agg_heartbeat(a, s_hb(&h, "crawler", "c2", 11, "fetches_total", 4, "inflight", 2),
                     t0 + 6000);
    zc_buf_reset(&b);
    zc_agg_json(a, t0 + 6000, wall, &b);
    assert(s_json_get(b.data, "\"fetches_total\"") == 14);
    assert(s_json_get(b.data, "\"inflight\"") == 2);
    assert(strstr(b.data, "\"worker\":\"c1\",\"pid\":10,\"alive\":false,\"last_seen_ms_ago\":6000"));
    assert(strstr(b.data, "\"worker\":\"c2\",\"pid\":11,\"alive\":true"));
    zc_agg_heartbeat(a, s_hb(&h, "crawler", "c2", 12, "fetches_total", 1, "inflight", 1),
                     t0 + 7000);
    zc_buf_reset(&b);
    zc_agg_json(a, t0 + 7000, wall, &b);
    assert(s_json_get(b.data, "\"fetches_total\"") == 15);
    assert(s_json_get(b.data, "\"inflight\"") == 1);
    /* Same pid again: the latest value replaces, nothing is folded twice. */
    zc_agg_heartbeat(a, s_hb(&h, "crawler", "c2", 12, "fetches_total", 3, "inflight", 1),
                     t0 + 8000);
    zc_buf_reset(&b);
    zc_agg_json(a, t0 + 8000, wall, &b);
    assert(s_json_get(b.data, "\"fetches_total\"") == 17);

    /* Bad heartbeats: no name, non-finite values, duplicate names. */
    assert(zc_agg_heartbeat(a, s_hb(&h, "", "x", 1, NULL, 0, NULL, 0), t0) == ZC_EINVAL);
    zc_agg_heartbeat(a, s_hb(&h, "parser", "p1", 13, "x_total", NAN, "g", INFINITY), t0 + 8000);
    zc_buf_reset(&b);
    zc_agg_json(a, t0 + 8000, wall, &b);
    assert(s_json_get(b.data, "\"metrics_dropped_total\"") == 2);
    assert(!strstr(b.data, "\"x_total\""));
    zc_agg_destroy(&a);

    /* 3. Completeness: every counting producer complete and enough written. */
    a = zc_agg_new("sink-1", 5000, t0);
    uint64_t exp = 99;
    assert(!zc_agg_complete(a, t0, &exp) && exp == 0);
    s_hb(&h, "producer", "p0", 20, "urls_total", 3, NULL, 0);
    h.st.has_complete = h.st.has_records_expected = true;
    h.st.complete = false;
    h.st.records_expected = 2;
    zc_agg_heartbeat(a, &h.st, t0);
    zc_agg_record(a, true, 200, NULL, t0);
    zc_agg_record(a, true, 301, NULL, t0);
    assert(!zc_agg_complete(a, t0, &exp) && exp == 2);
    h.st.complete = true;
    h.st.records_expected = 3;
    zc_agg_heartbeat(a, &h.st, t0 + 100);
    assert(!zc_agg_complete(a, t0 + 100, &exp) && exp == 3);
    zc_agg_set_recovered(a, 1);
    assert(zc_agg_complete(a, t0 + 100, &exp) && zc_agg_written(a) == 3);
    /* A second shard that is not done holds completion back. */
    s_hb(&h, "producer", "p1", 21, NULL, 0, NULL, 0);
    h.st.has_complete = h.st.has_records_expected = true;
    h.st.complete = false;
    h.st.records_expected = 1;
    zc_agg_heartbeat(a, &h.st, t0 + 200);
    assert(!zc_agg_complete(a, t0 + 200, &exp) && exp == 4);
    h.st.complete = true;
    h.st.has_stopping = h.st.stopping = true;
    zc_agg_heartbeat(a, &h.st, t0 + 300);
    zc_agg_record(a, true, 200, NULL, t0 + 300);
    assert(zc_agg_complete(a, t0 + 300, &exp) && exp == 4);
    /* p1 exited gracefully (gone after ZC_AGG_STOPPED_GONE_MS); p0 still counts. */
    assert(zc_agg_complete(a, t0 + 300 + ZC_AGG_STOPPED_GONE_MS + 1, &exp) && exp == 3);
    /* p0 crashed (dead, not stopping): only the gracefully stopped one counts. */
    assert(zc_agg_complete(a, t0 + 100000, &exp) && exp == 1);
    zc_agg_destroy(&a);

    /* 4. pages_per_s over the last whole seconds. */
    a = zc_agg_new("sink-1", 5000, 0);
    for (int s = 0; s < 10; s++)
        for (int k = 0; k < (s + 1) * 10; k++)
            zc_agg_record(a, true, 200, NULL, s * 1000 + k);
    /* At 10.5 s: seconds 5..9 hold 60+70+80+90+100 = 400 → 80/s. */
    assert(zc_agg_rate(a, 10500) == 80.0);
    assert(zc_agg_rate(a, 12000) == (80.0 + 90.0 + 100.0) / ZC_AGG_RATE_WINDOW_S);
    assert(zc_agg_rate(a, 60000) == 0.0);
    zc_agg_destroy(&a);

    /* 5. The worker table is bounded: full of live workers → dropped and
          counted; with dead ones, the oldest is retired and its counters stay. */
    a = zc_agg_new("sink-1", 5000, t0);
    char name[32];
    for (int k = 0; k < ZC_AGG_MAX_WORKERS; k++) {
        snprintf(name, sizeof name, "w%d", k);
        assert(zc_agg_heartbeat(a, s_hb(&h, "crawler", name, 1, "fetches_total", 1, NULL, 0),
                                t0 + k) == 0);
    }
    assert(zc_agg_heartbeat(a, s_hb(&h, "crawler", "extra", 1, "fetches_total", 1, NULL, 0),
                            t0 + 5000) == ZC_ETOOBIG);
    zc_buf_reset(&b);
    assert(zc_agg_json(a, t0 + 5000, wall, &b) == 0);
    assert(s_json_get(b.data, "\"workers_dropped_total\"") == 1);
    assert(s_json_get(b.data, "\"fetches_total\"") == ZC_AGG_MAX_WORKERS);
    /* At t0 + 5001 worker w0 is dead: it is retired to make room. */
    assert(zc_agg_heartbeat(a, s_hb(&h, "crawler", "extra", 1, "fetches_total", 1, NULL, 0),
                            t0 + 5001) == 0);
    zc_buf_reset(&b);
    zc_agg_json(a, t0 + 5001, wall, &b);
    assert(s_json_get(b.data, "\"fetches_total\"") == ZC_AGG_MAX_WORKERS + 1);
    assert(!strstr(b.data, "\"worker\":\"w0\""));
    assert(strstr(b.data, "\"worker\":\"w1\""));
    /* The index still finds every worker after the move. */
    assert(zc_agg_heartbeat(a, s_hb(&h, "crawler", "w1", 1, "fetches_total", 2, NULL, 0),
                            t0 + 5002) == 0);
    zc_buf_reset(&b);
    zc_agg_json(a, t0 + 5002, wall, &b);
    assert(s_json_get(b.data, "\"fetches_total\"") == ZC_AGG_MAX_WORKERS + 2);
    zc_agg_destroy(&a);

    /* 6. Latest records: newest first, at most ZC_AGG_LATEST, strings cut on
          a character boundary; totals and workers through the iterators. */
    a = zc_agg_new("sink-1", 5000, t0);
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    char url[64], title[ZC_AGG_LATEST_TITLE_MAX + 8];
    memset(title, 'x', sizeof title);
    memcpy(title + ZC_AGG_LATEST_TITLE_MAX - 1, "\xc3\xa9", 2); /* é across the cut */
    title[sizeof title - 1] = '\0';
    for (int k = 0; k < ZC_AGG_LATEST + 5; k++) {
        snprintf(url, sizeof url, "http://a.test/%d", k);
        r.url = url;
        r.has_status = k != 3;
        r.status = 200;
        r.error = k == 3 ? "dns" : NULL;
        r.title = k == 24 ? title : NULL;
        zc_agg_latest(a, &r, wall);
    }
    r.url = "http://a.test/last";
    r.title = title;
    r.has_fetched_at_ms = true;
    r.fetched_at_ms = (uint64_t)wall;
    zc_agg_latest(a, &r, 0);
    zc_buf_reset(&b);
    assert(zc_agg_json(a, t0, wall, &b) == 0);
    const char *lat = strstr(b.data, ",\"latest\":[{\"url\":\"http://a.test/last\",\"status\":200,"
                                     "\"error\":null,\"title\":\"xxx");
    if (!lat || verbose)
        fprintf(stderr, "%s\n", b.data);
    assert(lat);
    assert(strstr(lat, "xx\",\"depth\":0,\"bytes\":0,\"fetch_ms\":0,"
                       "\"at\":\"2023-11-14T22:13:20.123Z\"},{\"url\":\"http://a.test/24\""));
    assert(!strstr(lat, "\xc3") && !strstr(lat, "a.test/5\"") && strstr(lat, "a.test/6\""));
    size_t nlat = 0;
    for (const char *p = lat; (p = strstr(p, "{\"url\"")); p++)
        nlat++;
    assert(nlat == ZC_AGG_LATEST);
    assert(b.data[b.len - 1] == '}' && b.data[b.len - 2] == ']');
    zc_agg_heartbeat(a, s_hb(&h, "crawler", "c1", 10, "fetches_total", 7, "transfers", 3), t0);
    zc_agg_heartbeat(a, s_hb(&h, "parser", "p1", 11, "pages_parsed_total", 2, NULL, 0), t0);
    s_iter_t it = {0};
    assert(zc_agg_each_total(a, t0 + 6000, s_iter_total, &it) == 0);
    assert(it.fetches == 7 && it.transfers_seen == false); /* c1 is dead: no gauge */
    assert(zc_agg_each_total(a, t0 + 100, s_iter_total, &it) == 0);
    assert(it.transfers_seen && it.transfers_gauge && it.transfers == 3);
    assert(zc_agg_each_worker(a, t0 + 6000, s_iter_worker, &it) == 0);
    assert(it.workers == 3 && it.dead == 2 && !strcmp(it.first, "sink"));
    zc_agg_destroy(&a);

    /* Numbers. */
    zc_buf_reset(&b);
    zc_agg_json_num(&b, 3);
    zc_buf_addc(&b, ' ');
    zc_agg_json_num(&b, -0.0);
    zc_buf_addc(&b, ' ');
    zc_agg_json_num(&b, 0.25);
    zc_buf_addc(&b, ' ');
    zc_agg_json_num(&b, 1e20);
    zc_buf_addc(&b, ' ');
    zc_agg_json_num(&b, NAN);
    assert(strcmp(b.data, "3 0 0.25 1e+20 null") == 0);
    zc_buf_free(&b);
    return 0;
}
