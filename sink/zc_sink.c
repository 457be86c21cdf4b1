/*  zc_sink — see zc_sink.h.

    States
      RUNNING   --signal or zc_sink_stop-->   DRAINING   (zc_sink_run notes drain_start)
      DRAINING  --complete | quiet | drain-ms-->  DONE   (s_finish: flush, stats.json)
*/
#include "zc_sink.h"

#include "dashboard.h"
#include "zc_http.h"
#include "zc_jsonl.h"
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_prom.h"
#include "zc_signal.h"
#include "zc_util.h"
#include "zc_warc.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

struct zc_sink_t {
    const zc_sink_cfg_t *cfg;
    void *records, *stats;
    void *control;           /* PUB to producer shards, or NULL */
    zc_jsonl_t *jsonl;
    zc_warc_t *warc;         /* --warc: OUT/warc/, or NULL */
    zc_agg_t *agg;
    zc_buf_t snapshot;       /* stats.json text, reused every second */
    char *stats_path, *tmp_path;
    zc_http_t *http;         /* --http, or NULL (off, or could not listen) */
    zc_buf_t metrics;        /* /metrics text, rendered at most once per tick */
    uint64_t tick_gen, metrics_gen; /* metrics is current while they are equal */
    int64_t snapshot_ms;     /* when snapshot was rendered (monotonic) */
    int64_t last_record_ms;  /* monotonic time of the last message on records */
    int64_t last_warn_ms, last_error_ms;
    bool stop;
    bool complete_logged;
};

/* mkdir -p: creates dir and its missing parents. */
static int s_mkdirs(const char *dir)
{
    char *p = zc_strdup(dir);
    int rc = ZC_OK;
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST)
            rc = ZC_EIO;
        *q = '/';
        if (rc)
            break;
    }
    if (!rc && mkdir(p, 0755) != 0 && errno != EEXIST)
        rc = ZC_EIO;
    struct stat st;
    if (!rc && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = ZC_EIO;
    free(p);
    return rc;
}

static char *s_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = zc_malloc(n);
    snprintf(s, n, "%s/%s", dir, name);
    return s;
}

/* --- HTTP: /stats, /metrics, the dashboard -------------------------------- */

static int s_render_stats(zc_sink_t *self, int64_t now);
static void s_flush(zc_sink_t *self, int64_t now);

/* GET /stats: the stats.json snapshot, rendered again when it is older than
   ZC_SINK_HTTP_FRESH_MS, so that liveness on the dashboard lags the sink's
   own view by that much at most, not by a whole tick. */
static int s_get_stats(void *arg, const char **data, size_t *len)
{
    zc_sink_t *self = arg;
    int64_t now = zc_mono_ms();
    if (self->snapshot.len == 0 || now - self->snapshot_ms >= ZC_SINK_HTTP_FRESH_MS) {
        int rc = s_render_stats(self, now);
        if (rc)
            return rc;
    }
    *data = self->snapshot.data;
    *len = self->snapshot.len;
    return ZC_OK;
}

/* GET /metrics: rendered on the first scrape after each tick, so any number
   of scrapers cost one rendering a second. */
static int s_get_metrics(void *arg, const char **data, size_t *len)
{
    zc_sink_t *self = arg;
    if (self->metrics.len == 0 || self->metrics_gen != self->tick_gen) {
        s_flush(self, zc_mono_ms()); /* see s_render_stats */
        zc_buf_reset(&self->metrics);
        int rc = zc_prom_render(self->agg, zc_mono_ms(), &self->metrics);
        if (rc) {
            zc_buf_reset(&self->metrics);
            return rc;
        }
        self->metrics_gen = self->tick_gen;
    }
    *data = self->metrics.data;
    *len = self->metrics.len;
    return ZC_OK;
}

/* The dashboard may run inline script and style and fetch from its own
   origin, nothing else: no external asset can load even by mistake. */
#define S_DASHBOARD_CSP                                                                    \
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "          \
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "             \
    "frame-ancestors 'none'"

/* Listens on --http unless it is off; a failure leaves self->http NULL. */
static void s_http_start(zc_sink_t *self)
{
    if (zc_http_disabled(self->cfg->http))
        return;
    self->http = zc_http_new(self->cfg->http);
    if (!self->http)
        return;
    const zc_http_route_t routes[] = {
        {.path = "/", .content_type = "text/html; charset=utf-8", .csp = S_DASHBOARD_CSP,
         .data = zc_dashboard_html, .len = zc_dashboard_html_len},
        {.path = "/stats", .content_type = "application/json", .fn = s_get_stats, .arg = self},
        {.path = "/metrics", .content_type = ZC_PROM_CONTENT_TYPE, .fn = s_get_metrics,
         .arg = self},
        /* The /stats snapshot of every tick, pushed (Server-Sent Events). */
        {.path = "/events", .content_type = "text/event-stream", .stream = true},
    };
    for (size_t i = 0; i < ZC_ARRAY_LEN(routes); i++)
        if (zc_http_route(self->http, &routes[i]) != 0) {
            zc_warn("http server off: cannot add route path=%s", routes[i].path);
            zc_http_destroy(&self->http);
            return;
        }
}

zc_sink_t *zc_sink_new(const zc_sink_cfg_t *cfg, void *zmq_ctx)
{
    zc_sink_t *self = zc_calloc(1, sizeof *self);
    self->cfg = cfg;
    zc_buf_init(&self->snapshot, ZC_AGG_JSON_MAX);
    zc_buf_init(&self->metrics, ZC_AGG_JSON_MAX);
    self->stats_path = s_join(cfg->out, ZC_SINK_STATS_FILE);
    self->tmp_path = s_join(cfg->out, ZC_SINK_STATS_FILE ".tmp");
    if (s_mkdirs(cfg->out) != 0) {
        zc_error("cannot create output directory out=%s err=\"%s\"", cfg->out, strerror(errno));
        goto err;
    }
    self->jsonl = zc_jsonl_new(cfg->out);
    if (!self->jsonl)
        goto err;
    if (cfg->warc && !(self->warc = zc_warc_new(cfg->out, cfg->warc_max_bytes)))
        goto err;
    self->agg = zc_agg_new(cfg->common.worker, cfg->dead_after_ms, zc_mono_ms());
    zc_agg_set_wave(self->agg, (uint64_t)zc_wall_ms());
    zc_agg_set_recovered(self->agg, zc_jsonl_recovered(self->jsonl));
    zc_sockopt_t opt = {.type = ZMQ_PULL};
    self->records = zc_sock_open(zmq_ctx, &opt, cfg->records, true);
    if (!self->records)
        goto err;
    self->stats = zc_sock_open(zmq_ctx, &opt, cfg->stats_in, true);
    if (!self->stats)
        goto err;
    if (cfg->control && strcmp(cfg->control, "off") != 0) {
        zc_sockopt_t pub = {.type = ZMQ_PUB};
        self->control = zc_sock_open(zmq_ctx, &pub, cfg->control, true);
        if (!self->control)
            goto err;
    }
    s_http_start(self);
    zc_info("sink ready records=%s stats_in=%s out=%s resumed=%" PRIu64, cfg->records,
            cfg->stats_in, cfg->out, zc_jsonl_recovered(self->jsonl));
    return self;
err:
    zc_sink_destroy(&self);
    return NULL;
}

void zc_sink_destroy(zc_sink_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_sink_t *self = *self_p;
    zc_http_destroy(&self->http);
    zc_buf_free(&self->metrics);
    zc_sock_close(&self->records);
    zc_sock_close(&self->stats);
    zc_sock_close(&self->control);
    zc_jsonl_destroy(&self->jsonl);
    zc_warc_destroy(&self->warc);
    zc_agg_destroy(&self->agg);
    zc_buf_free(&self->snapshot);
    free(self->stats_path);
    free(self->tmp_path);
    free(self);
    *self_p = NULL;
}

void zc_sink_stop(zc_sink_t *self)
{
    self->stop = true;
}

zc_agg_t *zc_sink_agg(zc_sink_t *self)
{
    return self->agg;
}

static void s_bad(zc_sink_t *self, int64_t now, const char *socket, int err)
{
    zc_agg_bad_message(self->agg);
    if (now - self->last_warn_ms < ZC_SINK_WARN_EVERY_MS)
        return;
    self->last_warn_ms = now;
    zc_warn("dropped malformed message socket=%s err=%s bad_messages=%" PRIu64, socket,
            zc_strerror(err), zc_agg_bad_messages(self->agg));
}

/* Logs an output failure at most once per period. */
static bool s_error_due(zc_sink_t *self, int64_t now)
{
    if (now - self->last_error_ms < ZC_SINK_WARN_EVERY_MS)
        return false;
    self->last_error_ms = now;
    return true;
}

static void s_take_records(zc_sink_t *self, int64_t now)
{
    for (int k = 0; k < ZC_SINK_BATCH; k++) {
        ProtobufCMessage *m = NULL;
        int rc = zc_msg_recv(self->records, &zcrawl__record__descriptor, ZMQ_DONTWAIT, &m);
        if (rc == ZC_EAGAIN || rc == ZC_EIO)
            return;
        self->last_record_ms = now;
        if (rc) {
            s_bad(self, now, "records", rc);
            continue;
        }
        const Zcrawl__Record *r = (const Zcrawl__Record *)m;
        rc = zc_jsonl_write(self->jsonl, r);
        if (rc == ZC_OK) {
            zc_agg_record(self->agg, r->has_status, r->status, r->error, now);
            zc_agg_latest(self->agg, r, zc_wall_ms());
        } else if (rc == ZC_JSONL_DUPLICATE)
            zc_agg_duplicate(self->agg);
        else if (rc == ZC_EIO) {
            if (s_error_due(self, now))
                zc_error("cannot write record url=%s err=\"%s\"", r->url, strerror(errno));
        } else
            s_bad(self, now, "records", rc);
        /* The WARC records go with the page's one line: never for a duplicate. */
        int wrc = rc == ZC_OK && self->warc ? zc_warc_write(self->warc, r) : ZC_OK;
        if (wrc && s_error_due(self, now))
            zc_error("cannot write warc records url=%s err=%s", r->url, zc_strerror(wrc));
        zc_msg_free(&m);
    }
}

/* Tells the producer shards the wave under way and whether the crawl is
   complete (see zc_agg_round). */
static void s_announce(zc_sink_t *self, int64_t now)
{
    if (!self->control || zc_agg_shards(self->agg) < 2)
        return;
    Zcrawl__Control c = ZCRAWL__CONTROL__INIT;
    c.version = ZC_FORMAT_VERSION;
    c.has_wave = c.has_complete = true;
    c.wave = zc_agg_wave(self->agg);
    c.complete = zc_agg_complete(self->agg, now, NULL);
    zc_msg_send(self->control, &c.base, ZMQ_DONTWAIT);
}

static void s_take_stats(zc_sink_t *self, int64_t now)
{
    for (int k = 0; k < ZC_SINK_BATCH; k++) {
        ProtobufCMessage *m = NULL;
        int rc = zc_msg_recv(self->stats, &zcrawl__stats__descriptor, ZMQ_DONTWAIT, &m);
        if (rc == ZC_EAGAIN || rc == ZC_EIO)
            return;
        if (!rc) {
            rc = zc_agg_heartbeat(self->agg, (const Zcrawl__Stats *)m, now);
            zc_msg_free(&m);
            if (rc == ZC_ETOOBIG) {
                if (s_error_due(self, now))
                    zc_warn("worker table full, heartbeat dropped max_workers=%d",
                            ZC_AGG_MAX_WORKERS);
                continue;
            }
        }
        if (rc)
            s_bad(self, now, "stats-in", rc);
        /* A round found every shard idle: the next starts at once; other
           rounds start with the next tick. */
        if (zc_agg_round(self->agg) == ZC_AGG_ROUND_NOW)
            s_announce(self, now);
    }
}

/* Renders the stats.json text into snapshot (also served as /stats). The
   output is flushed first: a reader who sees a record counted (or the crawl
   complete) and then reads pages.jsonl finds that record there. */
static int s_render_stats(zc_sink_t *self, int64_t now)
{
    s_flush(self, now);
    zc_buf_reset(&self->snapshot);
    int rc = zc_agg_json(self->agg, now, zc_wall_ms(), &self->snapshot);
    if (!rc)
        rc = zc_buf_addc(&self->snapshot, '\n');
    if (rc)
        zc_buf_reset(&self->snapshot);
    self->snapshot_ms = now;
    return rc;
}

/* Replaces stats.json atomically: a reader sees the old or the new file. */
static void s_write_stats(zc_sink_t *self, int64_t now)
{
    int rc = s_render_stats(self, now);
    if (rc) {
        if (s_error_due(self, now))
            zc_error("stats snapshot too big err=%s", zc_strerror(rc));
        return;
    }
    FILE *f = fopen(self->tmp_path, "w");
    bool ok = f && fwrite(self->snapshot.data, 1, self->snapshot.len, f) == self->snapshot.len;
    if (f && fclose(f) != 0)
        ok = false;
    if (ok && rename(self->tmp_path, self->stats_path) == 0)
        return;
    if (s_error_due(self, now))
        zc_error("cannot write stats path=%s err=\"%s\"", self->stats_path, strerror(errno));
}

static bool s_complete(zc_sink_t *self, int64_t now)
{
    bool complete = zc_agg_complete(self->agg, now, NULL);
    if (complete && !self->complete_logged)
        zc_info("crawl complete records=%" PRIu64, zc_agg_written(self->agg));
    self->complete_logged = complete;
    return complete;
}

/* The records written so far leave the stdio buffers for the kernel. */
static void s_flush(zc_sink_t *self, int64_t now)
{
    if (zc_jsonl_flush(self->jsonl) != 0 && s_error_due(self, now))
        zc_error("cannot flush output out=%s err=\"%s\"", self->cfg->out, strerror(errno));
    if (self->warc)
        zc_warc_flush(self->warc); /* logs its own failure */
}

static void s_tick(zc_sink_t *self, int64_t now)
{
    s_flush(self, now);
    s_complete(self, now);
    s_announce(self, now);
    s_write_stats(self, now);
    /* The snapshot just rendered (s_write_stats), to the dashboards open; kept
       as the first event of a dashboard that connects before the next tick. */
    if (self->http && self->snapshot.len)
        zc_http_publish(self->http, self->snapshot.data, self->snapshot.len);
    self->tick_gen++; /* /metrics is rendered afresh at the next scrape */
}

int zc_sink_run(zc_sink_t *self, int sigfd)
{
    int64_t now = zc_mono_ms();
    int64_t next_tick = now + ZC_SINK_TICK_MS;
    int64_t drain_start = -1;
    int result = ZC_OK;
    for (;;) {
        now = zc_mono_ms();
        int64_t timeout = next_tick - now;
        if (drain_start < 0 && (self->stop || zc_signal_interrupted())) {
            drain_start = now;
            zc_info("draining drain_ms=%" PRId64, self->cfg->drain_ms);
        }
        if (drain_start >= 0) {
            int64_t quiet_since =
                self->last_record_ms > drain_start ? self->last_record_ms : drain_start;
            int64_t quiet_left = quiet_since + ZC_SINK_QUIET_MS - now;
            int64_t drain_left = drain_start + self->cfg->drain_ms - now;
            if (s_complete(self, now) || quiet_left <= 0)
                break;
            if (drain_left <= 0) {
                zc_warn("drain time is up, records may still be in flight drain_ms=%" PRId64,
                        self->cfg->drain_ms);
                break;
            }
            if (quiet_left < timeout)
                timeout = quiet_left;
            if (drain_left < timeout)
                timeout = drain_left;
        }
        if (timeout < 0)
            timeout = 0;
        if (timeout > ZC_SINK_TICK_MS)
            timeout = ZC_SINK_TICK_MS;

        if (self->http)
            timeout = zc_http_timeout_ms(self->http, timeout);
        zmq_pollitem_t items[4] = {
            {self->records, 0, ZMQ_POLLIN, 0},
            {self->stats, 0, ZMQ_POLLIN, 0},
        };
        int nitems = 2, sig_item = -1;
        if (sigfd >= 0) {
            sig_item = nitems;
            items[nitems++] = (zmq_pollitem_t){NULL, sigfd, ZMQ_POLLIN, 0};
        }
        if (self->http)
            items[nitems++] = (zmq_pollitem_t){NULL, zc_http_fd(self->http), ZMQ_POLLIN, 0};
        int rc = zmq_poll(items, nitems, (long)timeout);
        if (rc < 0 && errno != EINTR) {
            zc_error("poll failed err=\"%s\"", zmq_strerror(errno));
            result = ZC_EIO;
            break;
        }
        if (sig_item >= 0 && rc > 0 && (items[sig_item].revents & ZMQ_POLLIN))
            zc_signal_drain();
        /* After every wake-up, whatever woke the loop (see zc_http.h). */
        if (self->http)
            zc_http_run(self->http);
        now = zc_mono_ms();
        if (rc > 0 && (items[0].revents & ZMQ_POLLIN))
            s_take_records(self, now);
        if (rc > 0 && (items[1].revents & ZMQ_POLLIN))
            s_take_stats(self, now);
        if (now >= next_tick) {
            s_tick(self, now);
            next_tick = now + ZC_SINK_TICK_MS;
        }
    }
    s_tick(self, zc_mono_ms());
    zc_info("sink stopped records=%" PRIu64 " duplicates=%" PRIu64 " bad_messages=%" PRIu64,
            zc_agg_written(self->agg), zc_agg_duplicates(self->agg),
            zc_agg_bad_messages(self->agg));
    return result;
}

/* --- self-test ------------------------------------------------------------ */

static void s_send_record(void *push, const char *url, uint32_t status, const char *error)
{
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    r.version = ZC_FORMAT_VERSION;
    r.url = (char *)url;
    r.has_status = true;
    r.status = status;
    r.error = (char *)error;
    int rc = zc_msg_send(push, &r.base, 0);
    assert(rc == 0);
}

static void s_send_producer(void *push, bool complete, uint64_t expected)
{
    Zcrawl__Stats st = ZCRAWL__STATS__INIT;
    st.version = ZC_FORMAT_VERSION;
    st.stage = "producer";
    st.worker = "p0";
    st.has_pid = true;
    st.pid = 4242;
    st.has_complete = st.has_records_expected = true;
    st.complete = complete;
    st.records_expected = expected;
    int rc = zc_msg_send(push, &st.base, 0);
    assert(rc == 0);
}

static size_t s_count_lines(const char *path)
{
    char *data = NULL;
    size_t len = 0, lines = 0;
    int rc = zc_read_file(path, 1 << 20, &data, &len);
    assert(rc == 0);
    for (size_t i = 0; i < len; i++)
        lines += data[i] == '\n';
    assert(len == 0 || data[len - 1] == '\n');
    free(data);
    return lines;
}

int zc_sink_test(bool verbose)
{
    ZC_UNUSED(verbose);
    char base[] = "/tmp/zc-sink-test-XXXXXX";
    assert(mkdtemp(base));
    char out[256], pages[300], stats[300];
    snprintf(out, sizeof out, "%s/a/b", base); /* parents are created */
    snprintf(pages, sizeof pages, "%s/%s", out, "pages.jsonl");
    snprintf(stats, sizeof stats, "%s/%s", out, ZC_SINK_STATS_FILE);

    zc_sink_cfg_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.common.worker = "sink-test";
    cfg.records = "inproc://zc-sink-test-records";
    cfg.stats_in = "inproc://zc-sink-test-stats";
    cfg.out = out;
    cfg.drain_ms = 3000;
    cfg.dead_after_ms = 5000;
    void *ctx = zmq_ctx_new();

    /* 1. Records with a duplicate and garbage; not complete: the drain ends
          after ZC_SINK_QUIET_MS without records. */
    zc_sink_t *sink = zc_sink_new(&cfg, ctx);
    assert(sink);
    zc_sockopt_t popt = {.type = ZMQ_PUSH};
    void *rec = zc_sock_open(ctx, &popt, cfg.records, false);
    void *hb = zc_sock_open(ctx, &popt, cfg.stats_in, false);
    assert(rec && hb);
    s_send_record(rec, "http://a.test/", 200, NULL);
    s_send_record(rec, "http://a.test/x", 0, "dns");
    s_send_record(rec, "http://a.test/", 200, NULL); /* re-delivered */
    zmq_send(rec, "\x0a\xff\xff", 3, 0);              /* garbage */
    zmq_send(hb, "garbage", 7, 0);
    s_send_producer(hb, false, 3);
    zc_sink_stop(sink);
    int64_t t = zc_mono_ms();
    assert(zc_sink_run(sink, -1) == 0);
    int64_t took = zc_mono_ms() - t;
    assert(took >= ZC_SINK_QUIET_MS && took < cfg.drain_ms);
    zc_agg_t *agg = zc_sink_agg(sink);
    assert(zc_agg_written(agg) == 2 && zc_agg_duplicates(agg) == 1);
    assert(zc_agg_bad_messages(agg) == 2);
    assert(!zc_agg_complete(agg, zc_mono_ms(), NULL));
    assert(s_count_lines(pages) == 2);
    char *js = NULL;
    size_t len = 0;
    assert(zc_read_file(stats, 1 << 20, &js, &len) == 0);
    assert(strstr(js, "\"complete\":false,\"records_expected\":3,\"records_written\":2,"
                      "\"duplicates\":1,"));
    assert(strstr(js, "\"bad_messages_total\":2,"));
    assert(strstr(js, "\"errors_total{kind=\\\"dns\\\"}\":1,"));
    assert(strstr(js, "\"pages_total{status_class=\\\"2xx\\\"}\":1,"));
    assert(strstr(js, "\"stage\":\"producer\",\"worker\":\"p0\",\"pid\":4242,\"alive\":true"));
    free(js);
    zc_sock_close(&rec);
    zc_sock_close(&hb);
    zc_sink_destroy(&sink);
    assert(sink == NULL);

    /* 2. A restart on the same directory resumes: old URLs stay duplicates,
          and a complete crawl ends the drain at once. */
    cfg.records = "inproc://zc-sink-test-records-2";
    cfg.stats_in = "inproc://zc-sink-test-stats-2";
    cfg.http = "127.0.0.1:0"; /* any free port */
    sink = zc_sink_new(&cfg, ctx);
    assert(sink && sink->http);
    rec = zc_sock_open(ctx, &popt, cfg.records, false);
    hb = zc_sock_open(ctx, &popt, cfg.stats_in, false);
    s_send_record(rec, "http://a.test/x", 0, "dns");
    s_send_record(rec, "http://a.test/y", 404, "http");
    s_send_producer(hb, true, 3);
    zc_sink_stop(sink);
    t = zc_mono_ms();
    assert(zc_sink_run(sink, -1) == 0);
    took = zc_mono_ms() - t;
    assert(took < ZC_SINK_QUIET_MS);
    agg = zc_sink_agg(sink);
    assert(zc_agg_written(agg) == 3 && zc_agg_duplicates(agg) == 1);
    assert(zc_agg_complete(agg, zc_mono_ms(), NULL));
    assert(s_count_lines(pages) == 3);
    assert(zc_read_file(stats, 1 << 20, &js, &len) == 0);
    assert(strstr(js, "\"complete\":true,\"records_expected\":3,\"records_written\":3,"));
    /* What HTTP serves: /stats is the stats.json text (the re-delivered
       URL is not among the latest), /metrics the same numbers. */
    const char *body = NULL;
    size_t blen = 0;
    assert(s_get_stats(sink, &body, &blen) == 0 && body[blen - 1] == '\n');
    assert(strstr(body, "\"complete\":true,\"records_expected\":3,\"records_written\":3,"));
    assert(strstr(body, "\"latest\":[{\"url\":\"http://a.test/y\",\"status\":404,"
                        "\"error\":\"http\","));
    assert(!strstr(body, "a.test/x"));
    free(js);
    assert(s_get_metrics(sink, &body, &blen) == 0 && body[blen - 1] == '\n');
    assert(strstr(body, "\nzcrawl_records_written_total 3\n"));
    assert(strstr(body, "\nzcrawl_up{stage=\"producer\",worker=\"p0\"} 1\n"));
    assert(strstr(body, "\nzcrawl_crawl_complete 1\n"));

    /* 3. What /stats counts as written is in pages.jsonl already, ticked or
          not: a reader who sees the count and then reads the file finds it. */
    s_send_record(rec, "http://a.test/z", 200, NULL);
    for (int i = 0; i < 200 && zc_agg_written(agg) < 4; i++) {
        s_take_records(sink, zc_mono_ms());
        if (zc_agg_written(agg) < 4)
            usleep(5000);
    }
    assert(zc_agg_written(agg) == 4);
    assert(s_render_stats(sink, zc_mono_ms()) == 0);
    assert(strstr(sink->snapshot.data, "\"records_written\":4,"));
    assert(s_count_lines(pages) == 4);
    zc_sock_close(&rec);
    zc_sock_close(&hb);
    zc_sink_destroy(&sink);
    zmq_ctx_term(ctx);

    unlink(pages);
    unlink(stats);
    char dir[300];
    rmdir(out);
    snprintf(dir, sizeof dir, "%s/a", base);
    rmdir(dir);
    rmdir(base);
    return 0;
}
