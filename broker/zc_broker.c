/*  zc_broker — see zc_broker.h. */
#include "zc_broker.h"

#include "zc_log.h"
#include "zc_msg.h"
#include "zc_signal.h"
#include "zc_stats.h"
#include "zc_util.h"
#include "zc_wire.h"

#include <assert.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define ZC_BROKER_BATCH 256          /* frames handled per wake-up before housekeeping */
#define ZC_BROKER_WARN_EVERY_MS 1000 /* at most one bad-message warning per second */

struct zc_broker_t {
    void *pull, *push;
    zc_stats_t *stats;
    uint64_t *relayed, *bytes, *bad;
    zmq_msg_t held; /* a checked frame waiting for a parser */
    bool holding;
    int64_t last_warn;
};

zc_broker_t *zc_broker_new(void *zmq_ctx, const zc_broker_cfg_t *cfg)
{
    zc_broker_t *self = zc_calloc(1, sizeof *self);
    zc_sockopt_t in = {.type = ZMQ_PULL, .maxmsg = cfg->max_bytes + ZC_MSG_OVERHEAD};
    zc_sockopt_t out = {.type = ZMQ_PUSH};
    self->pull = zc_sock_open(zmq_ctx, &in, cfg->pull, true);
    self->push = self->pull ? zc_sock_open(zmq_ctx, &out, cfg->push, true) : NULL;
    self->stats = zc_stats_new(zmq_ctx, cfg->common.stats, "broker", cfg->common.worker);
    if (!self->pull || !self->push || !self->stats) {
        zc_broker_destroy(&self);
        return NULL;
    }
    self->relayed = zc_stats_counter(self->stats, "messages_relayed_total");
    self->bytes = zc_stats_counter(self->stats, "bytes_relayed_total");
    self->bad = zc_stats_counter(self->stats, "bad_messages_total");
    return self;
}

void zc_broker_destroy(zc_broker_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_broker_t *self = *self_p;
    if (self->holding)
        zmq_msg_close(&self->held);
    if (self->stats) {
        zc_stats_set_stopping(self->stats, true);
        zc_stats_tick(self->stats, true);
    }
    zc_sock_close(&self->pull);
    zc_sock_close(&self->push);
    zc_stats_destroy(&self->stats);
    free(self);
    *self_p = NULL;
}

/* Tries to hand the held frame to a parser; true when it went. */
static bool s_forward(zc_broker_t *self)
{
    size_t len = zmq_msg_size(&self->held);
    if (zmq_msg_send(&self->held, self->push, ZMQ_DONTWAIT) < 0)
        return false;
    self->holding = false;
    (*self->relayed)++;
    *self->bytes += len;
    return true;
}

/* Receives and checks frames until one is held for sending or none is left. */
static void s_pump(zc_broker_t *self)
{
    static const uint32_t required[] = {1, 2}; /* Fetch: version, task */
    for (int i = 0; i < ZC_BROKER_BATCH; i++) {
        if (self->holding && !s_forward(self))
            return;
        zmq_msg_init(&self->held);
        if (zmq_msg_recv(&self->held, self->pull, ZMQ_DONTWAIT) < 0) {
            zmq_msg_close(&self->held);
            return;
        }
        int rc = zmq_msg_more(&self->held)
                     ? ZC_EPROTO
                     : zc_wire_check(zmq_msg_data(&self->held), zmq_msg_size(&self->held),
                                     ZC_FORMAT_VERSION, required, ZC_ARRAY_LEN(required));
        if (rc) {
            bool more = zmq_msg_more(&self->held);
            zmq_msg_close(&self->held);
            while (more) { /* drop the rest of a multipart message */
                zmq_msg_t part;
                zmq_msg_init(&part);
                more = zmq_msg_recv(&part, self->pull, 0) >= 0 && zmq_msg_more(&part);
                zmq_msg_close(&part);
            }
            (*self->bad)++;
            int64_t now = zc_mono_ms();
            if (now - self->last_warn >= ZC_BROKER_WARN_EVERY_MS) {
                self->last_warn = now;
                zc_warn("dropped malformed message reason=\"%s\" total=%llu", zc_strerror(rc),
                        (unsigned long long)*self->bad);
            }
            continue;
        }
        self->holding = true;
    }
}

int zc_broker_run(zc_broker_t *self, int stop_fd, int64_t max_ms)
{
    int64_t start = zc_mono_ms();
    for (;;) {
        int64_t now = zc_mono_ms();
        if (max_ms >= 0 && now - start >= max_ms)
            break;
        s_pump(self);
        int timeout = zc_stats_tick(self->stats, false);
        if (max_ms >= 0 && max_ms - (now - start) < timeout)
            timeout = (int)(max_ms - (now - start));
        zmq_pollitem_t items[2] = {
            {self->holding ? self->push : self->pull, 0, self->holding ? ZMQ_POLLOUT : ZMQ_POLLIN, 0},
            {NULL, stop_fd, ZMQ_POLLIN, 0}};
        int n = zmq_poll(items, stop_fd >= 0 ? 2 : 1, timeout);
        if (n < 0 && errno != EINTR) {
            zc_error("poll failed err=\"%s\"", zmq_strerror(errno));
            return ZC_EIO;
        }
        if (stop_fd >= 0 && (items[1].revents & ZMQ_POLLIN))
            break;
    }
    /* Graceful stop: hand over what is in hand if a parser can take it soon. */
    for (int i = 0; i < 10 && self->holding; i++) {
        if (!s_forward(self)) {
            zmq_pollitem_t it = {self->push, 0, ZMQ_POLLOUT, 0};
            zmq_poll(&it, 1, 100);
        }
    }
    zc_info("broker stopping relayed=%llu dropped=%llu", (unsigned long long)*self->relayed,
            (unsigned long long)*self->bad);
    return ZC_OK;
}

uint64_t zc_broker_relayed(const zc_broker_t *self)
{
    return *self->relayed;
}

uint64_t zc_broker_dropped(const zc_broker_t *self)
{
    return *self->bad;
}

int zc_broker_test(bool verbose)
{
    ZC_UNUSED(verbose);
    void *ctx = zmq_ctx_new();
    zc_broker_cfg_t cfg = {0};
    cfg.pull = "inproc://broker-in";
    cfg.push = "inproc://broker-out";
    cfg.max_bytes = 1 << 20;
    cfg.common.stats = "";
    cfg.common.worker = "t";
    zc_broker_t *b = zc_broker_new(ctx, &cfg);
    assert(b);
    zc_sockopt_t push_opt = {.type = ZMQ_PUSH}, pull_opt = {.type = ZMQ_PULL};
    void *crawler = zc_sock_open(ctx, &push_opt, "inproc://broker-in", false);
    void *parser = zc_sock_open(ctx, &pull_opt, "inproc://broker-out", false);
    assert(crawler && parser);

    Zcrawl__Task t = ZCRAWL__TASK__INIT;
    t.version = ZC_FORMAT_VERSION;
    t.task_id = 9;
    t.url = "http://a/";
    Zcrawl__Fetch f = ZCRAWL__FETCH__INIT;
    f.version = ZC_FORMAT_VERSION;
    f.task = &t;
    /* garbage, a valid fetch, a wrong version, a truncated fetch, a valid fetch */
    zmq_send(crawler, "\x0a\xff", 2, 0);
    assert(zc_msg_send(crawler, &f.base, 0) == 0);
    f.version = ZC_FORMAT_VERSION + 1;
    assert(zc_msg_send(crawler, &f.base, 0) == 0);
    f.version = ZC_FORMAT_VERSION;
    uint8_t buf[128];
    size_t n = zcrawl__fetch__pack(&f, buf);
    zmq_send(crawler, buf, n - 2, 0);
    assert(zc_msg_send(crawler, &f.base, 0) == 0);

    zc_broker_run(b, -1, 300);
    ProtobufCMessage *m = NULL;
    for (int i = 0; i < 2; i++) {
        assert(zc_msg_recv(parser, &zcrawl__fetch__descriptor, ZMQ_DONTWAIT, &m) == 0);
        assert(((Zcrawl__Fetch *)m)->task->task_id == 9);
        zc_msg_free(&m);
    }
    assert(zc_msg_recv(parser, &zcrawl__fetch__descriptor, ZMQ_DONTWAIT, &m) == ZC_EAGAIN);
    assert(zc_broker_relayed(b) == 2 && zc_broker_dropped(b) == 3);

    zc_sock_close(&crawler);
    zc_sock_close(&parser);
    zc_broker_destroy(&b);
    assert(b == NULL);
    zmq_ctx_term(ctx);
    return 0;
}
