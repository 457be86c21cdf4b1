/*  zc_stats — see zc_stats.h. */
#include "zc_stats.h"

#include "zc_log.h"
#include "zc_msg.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

typedef struct {
    char *name;
    bool gauge;
    uint64_t count;
    double value;
} s_metric_t;

struct zc_stats_t {
    void *sock;
    char *stage, *worker;
    s_metric_t metrics[ZC_STATS_MAX_METRICS];
    size_t n;
    int64_t last_ms;
    bool complete, stopping;
    uint64_t records;
    bool sharded;             /* a producer shard: shard fields are sent */
    uint32_t shard, shards;
    uint64_t wave, activity;
    uint64_t *auth_failures; /* with CURVE: peers this process refused */
    char *health_file;       /* touched every heartbeat, or NULL */
    bool health_failed;      /* a touch failed: logged once */
};

zc_stats_t *zc_stats_new(void *zmq_ctx, const char *endpoint, const char *stage, const char *worker)
{
    zc_stats_t *self = zc_calloc(1, sizeof *self);
    self->stage = zc_strdup(stage);
    self->worker = zc_strdup(worker);
    const char *health = getenv(ZC_STATS_HEALTH_ENV);
    if (health && *health)
        self->health_file = zc_strdup(health);
    if (endpoint && *endpoint) {
        /* A small queue: stale heartbeats are worth nothing. */
        zc_sockopt_t opt = {.type = ZMQ_PUSH, .sndhwm = 16, .peer = "sink"};
        self->sock = zc_sock_open(zmq_ctx, &opt, endpoint, false);
        if (!self->sock) {
            zc_stats_destroy(&self);
            return NULL;
        }
        int linger = 500;
        zmq_setsockopt(self->sock, ZMQ_LINGER, &linger, sizeof linger);
    }
    if (zc_curve_on())
        self->auth_failures = zc_stats_counter(self, "auth_failures_total");
    return self;
}

void zc_stats_destroy(zc_stats_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_stats_t *self = *self_p;
    zc_sock_close(&self->sock);
    for (size_t i = 0; i < self->n; i++)
        free(self->metrics[i].name);
    free(self->stage);
    free(self->worker);
    free(self->health_file);
    free(self);
    *self_p = NULL;
}

static s_metric_t *s_slot(zc_stats_t *self, const char *name, bool gauge)
{
    for (size_t i = 0; i < self->n; i++)
        if (strcmp(self->metrics[i].name, name) == 0) {
            assert(self->metrics[i].gauge == gauge);
            return &self->metrics[i];
        }
    assert(self->n < ZC_STATS_MAX_METRICS);
    s_metric_t *m = &self->metrics[self->n++];
    m->name = zc_strdup(name);
    m->gauge = gauge;
    return m;
}

uint64_t *zc_stats_counter(zc_stats_t *self, const char *name)
{
    return &s_slot(self, name, false)->count;
}

double *zc_stats_gauge(zc_stats_t *self, const char *name)
{
    return &s_slot(self, name, true)->value;
}

void zc_stats_set_complete(zc_stats_t *self, bool complete, uint64_t records)
{
    self->complete = complete;
    self->records = records;
}

void zc_stats_set_shard(zc_stats_t *self, uint32_t shard, uint32_t shards, uint64_t wave,
                        uint64_t activity)
{
    self->sharded = true;
    self->shard = shard;
    self->shards = shards;
    self->wave = wave;
    self->activity = activity;
}

void zc_stats_set_stopping(zc_stats_t *self, bool stopping)
{
    self->stopping = stopping;
}

/* Sets the health file's times to now, creating it if needed. */
static void s_health_touch(zc_stats_t *self)
{
    if (utimensat(AT_FDCWD, self->health_file, NULL, 0) == 0)
        return;
    int fd = -1;
    if (errno == ENOENT)
        fd = open(self->health_file, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
    if (fd >= 0) {
        close(fd);
        return;
    }
    if (!self->health_failed)
        zc_warn("cannot touch the health file path=%s err=\"%s\"", self->health_file,
                strerror(errno));
    self->health_failed = true;
}

int zc_stats_tick(zc_stats_t *self, bool force)
{
    int64_t now = zc_mono_ms();
    if (!force && now - self->last_ms < ZC_STATS_INTERVAL_MS)
        return (int)(ZC_STATS_INTERVAL_MS - (now - self->last_ms));
    self->last_ms = now;
    if (self->health_file)
        s_health_touch(self);
    if (self->auth_failures)
        *self->auth_failures = zc_curve_refused();
    if (!self->sock)
        return ZC_STATS_INTERVAL_MS;

    Zcrawl__Metric mbuf[ZC_STATS_MAX_METRICS];
    Zcrawl__Metric *counters[ZC_STATS_MAX_METRICS], *gauges[ZC_STATS_MAX_METRICS];
    size_t nc = 0, ng = 0;
    for (size_t i = 0; i < self->n; i++) {
        s_metric_t *m = &self->metrics[i];
        zcrawl__metric__init(&mbuf[i]);
        mbuf[i].name = m->name;
        if (m->gauge) {
            mbuf[i].value = m->value;
            gauges[ng++] = &mbuf[i];
        } else {
            mbuf[i].value = (double)m->count;
            counters[nc++] = &mbuf[i];
        }
    }
    Zcrawl__Stats st = ZCRAWL__STATS__INIT;
    st.version = ZC_FORMAT_VERSION;
    st.stage = self->stage;
    st.worker = self->worker;
    st.has_pid = true;
    st.pid = (uint32_t)getpid();
    st.has_sent_at_ms = true;
    st.sent_at_ms = (uint64_t)zc_wall_ms();
    st.n_counters = nc;
    st.counters = counters;
    st.n_gauges = ng;
    st.gauges = gauges;
    st.has_complete = true;
    st.complete = self->complete;
    st.has_records_expected = true;
    st.records_expected = self->records;
    st.has_stopping = true;
    st.stopping = self->stopping;
    if (self->sharded) {
        st.has_shard = st.has_shards = st.has_wave = st.has_activity = true;
        st.shard = self->shard;
        st.shards = self->shards;
        st.wave = self->wave;
        st.activity = self->activity;
    }
    zc_msg_send(self->sock, &st.base, ZMQ_DONTWAIT);
    return ZC_STATS_INTERVAL_MS;
}

int zc_stats_test(bool verbose)
{
    ZC_UNUSED(verbose);
    void *ctx = zmq_ctx_new();
    zc_sockopt_t opt = {.type = ZMQ_PULL};
    void *pull = zc_sock_open(ctx, &opt, "inproc://zc-stats-test", true);
    zc_stats_t *st = zc_stats_new(ctx, "inproc://zc-stats-test", "test", "w1");
    assert(st);
    uint64_t *pages = zc_stats_counter(st, "pages_total");
    assert(pages == zc_stats_counter(st, "pages_total"));
    double *q = zc_stats_gauge(st, "queue");
    *pages += 3;
    *q = 1.5;
    zc_stats_set_complete(st, true, 7);
    zc_stats_tick(st, true);
    ProtobufCMessage *m = NULL;
    assert(zc_msg_recv(pull, &zcrawl__stats__descriptor, 0, &m) == 0);
    Zcrawl__Stats *s = (Zcrawl__Stats *)m;
    assert(strcmp(s->stage, "test") == 0 && strcmp(s->worker, "w1") == 0);
    assert(s->n_counters == 1 && s->counters[0]->value == 3.0);
    assert(s->n_gauges == 1 && s->gauges[0]->value == 1.5);
    assert(s->complete && s->records_expected == 7);
    zc_msg_free(&m);
    /* A second tick within the interval sends nothing. */
    assert(zc_stats_tick(st, false) > 0);
    assert(zc_msg_recv(pull, &zcrawl__stats__descriptor, ZMQ_DONTWAIT, &m) == ZC_EAGAIN);
    zc_stats_destroy(&st);
    assert(st == NULL);

    /* The health file: created by the first heartbeat, its time moved on by
       each later one, nothing when the variable is unset. */
    char dir[] = "/tmp/zc-stats-test.XXXXXX", path[64];
    assert(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/health", dir);
    setenv(ZC_STATS_HEALTH_ENV, path, 1);
    st = zc_stats_new(ctx, NULL, "test", "w2");
    unsetenv(ZC_STATS_HEALTH_ENV);
    struct stat sb;
    assert(stat(path, &sb) != 0);
    zc_stats_tick(st, true);
    assert(stat(path, &sb) == 0 && S_ISREG(sb.st_mode));
    struct timespec old[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    assert(utimensat(AT_FDCWD, path, old, 0) == 0);
    assert(zc_stats_tick(st, false) > 0); /* not due yet: untouched */
    assert(stat(path, &sb) == 0 && sb.st_mtime == 1000000000);
    zc_stats_tick(st, true);
    assert(stat(path, &sb) == 0 && sb.st_mtime > 1000000000);
    zc_stats_destroy(&st);
    zc_stats_t *none = zc_stats_new(ctx, NULL, "test", "w3");
    assert(unlink(path) == 0);
    zc_stats_tick(none, true);
    assert(stat(path, &sb) != 0);
    zc_stats_destroy(&none);
    /* A path that cannot be made is logged once; the heartbeat goes on. */
    snprintf(path, sizeof path, "%s/no/such/dir", dir);
    setenv(ZC_STATS_HEALTH_ENV, path, 1);
    st = zc_stats_new(ctx, NULL, "test", "w4");
    unsetenv(ZC_STATS_HEALTH_ENV);
    assert(zc_stats_tick(st, true) == ZC_STATS_INTERVAL_MS);
    assert(st->health_failed && stat(path, &sb) != 0);
    zc_stats_destroy(&st);
    assert(rmdir(dir) == 0);

    zc_sock_close(&pull);
    zmq_ctx_term(ctx);
    return 0;
}
