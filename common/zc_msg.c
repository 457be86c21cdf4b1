/*  zc_msg — see zc_msg.h. */
#include "zc_msg.h"

#include "zc_log.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

static int s_curve_setup(void *ctx, void *sock, const zc_sockopt_t *opt, const char *ep, bool bind);

int zc_endpoint(const char *in, char *buf, size_t size)
{
    if (!in || !*in)
        return ZC_EINVAL;
    int n = strstr(in, "://") ? snprintf(buf, size, "%s", in) : snprintf(buf, size, "tcp://%s", in);
    return n > 0 && (size_t)n < size ? ZC_OK : ZC_EINVAL;
}

int zc_sock_connect(void *sock, const char *endpoint)
{
    char ep[512];
    if (zc_endpoint(endpoint, ep, sizeof ep)) {
        zc_error("bad endpoint endpoint=%s", endpoint ? endpoint : "(none)");
        return ZC_EINVAL;
    }
    if (zmq_connect(sock, ep) != 0) {
        zc_error("cannot connect socket endpoint=%s err=\"%s\"", ep, zmq_strerror(errno));
        return ZC_EINVAL;
    }
    return ZC_OK;
}

void *zc_sock_open(void *ctx, const zc_sockopt_t *opt, const char *endpoint, bool bind)
{
    char ep[512];
    if (zc_endpoint(endpoint, ep, sizeof ep)) {
        zc_error("bad endpoint endpoint=%s", endpoint ? endpoint : "(none)");
        return NULL;
    }
    void *s = zmq_socket(ctx, opt->type);
    if (!s) {
        zc_error("zmq_socket failed err=%s", zmq_strerror(errno));
        return NULL;
    }
    int64_t maxmsg = opt->maxmsg ? opt->maxmsg : ZC_CONTROL_MSG_MAX;
    int linger = ZC_SOCK_LINGER_MS;
    int sndhwm = opt->sndhwm ? opt->sndhwm : ZC_SOCK_HWM;
    int rcvhwm = opt->rcvhwm ? opt->rcvhwm : ZC_SOCK_HWM;
    int immediate = opt->immediate ? 1 : 0;
    zmq_setsockopt(s, ZMQ_MAXMSGSIZE, &maxmsg, sizeof maxmsg);
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(s, ZMQ_SNDHWM, &sndhwm, sizeof sndhwm);
    zmq_setsockopt(s, ZMQ_RCVHWM, &rcvhwm, sizeof rcvhwm);
    zmq_setsockopt(s, ZMQ_IMMEDIATE, &immediate, sizeof immediate);
    /* ZMTP heartbeats: a peer that vanished without closing (a host cut off
       the network, a frozen container) is noticed within the timeout, its
       connection closed and, on the connecting side, made again; otherwise
       messages would queue towards it until TCP gives up, minutes later. */
    int hb_ivl = ZC_SOCK_HEARTBEAT_IVL_MS, hb_timeout = ZC_SOCK_HEARTBEAT_TIMEOUT_MS;
    zmq_setsockopt(s, ZMQ_HEARTBEAT_IVL, &hb_ivl, sizeof hb_ivl);
    zmq_setsockopt(s, ZMQ_HEARTBEAT_TIMEOUT, &hb_timeout, sizeof hb_timeout);
    zmq_setsockopt(s, ZMQ_HEARTBEAT_TTL, &hb_timeout, sizeof hb_timeout);
    if (s_curve_setup(ctx, s, opt, ep, bind) != ZC_OK) {
        zmq_close(s);
        return NULL;
    }
    int rc = bind ? zmq_bind(s, ep) : zmq_connect(s, ep);
    if (rc != 0) {
        zc_error("cannot %s socket endpoint=%s err=\"%s\"", bind ? "bind" : "connect", ep,
                 zmq_strerror(errno));
        zmq_close(s);
        return NULL;
    }
    return s;
}

void zc_sock_close(void **sock)
{
    if (sock && *sock) {
        zmq_close(*sock);
        *sock = NULL;
    }
}

bool zc_sock_readable(void *sock)
{
    int events = 0;
    size_t len = sizeof events;
    if (zmq_getsockopt(sock, ZMQ_EVENTS, &events, &len) != 0)
        return false;
    return (events & ZMQ_POLLIN) != 0;
}

int zc_msg_send(void *sock, const ProtobufCMessage *msg, int flags)
{
    size_t len = protobuf_c_message_get_packed_size(msg);
    zmq_msg_t zm;
    if (zmq_msg_init_size(&zm, len) != 0)
        return ZC_ENOMEM;
    protobuf_c_message_pack(msg, zmq_msg_data(&zm));
    if (zmq_msg_send(&zm, sock, flags) < 0) {
        int e = errno;
        zmq_msg_close(&zm);
        return e == EAGAIN ? ZC_EAGAIN : ZC_EIO;
    }
    return ZC_OK;
}

/* Every message of zcrawl.proto has `version` as its first field, so it is the
   first member after the protobuf-c header. */
typedef struct {
    ProtobufCMessage base;
    uint32_t version;
} s_versioned_t;

int zc_msg_unpack(const ProtobufCMessageDescriptor *desc, const void *data, size_t len,
                  ProtobufCMessage **out)
{
    ProtobufCMessage *m = protobuf_c_message_unpack(desc, NULL, len, data);
    if (!m)
        return ZC_EPROTO;
    if (((s_versioned_t *)m)->version != ZC_FORMAT_VERSION) {
        protobuf_c_message_free_unpacked(m, NULL);
        return ZC_EVERSION;
    }
    *out = m;
    return ZC_OK;
}

int zc_msg_recv(void *sock, const ProtobufCMessageDescriptor *desc, int flags,
                ProtobufCMessage **out)
{
    zmq_msg_t zm;
    zmq_msg_init(&zm);
    if (zmq_msg_recv(&zm, sock, flags) < 0) {
        int e = errno;
        zmq_msg_close(&zm);
        return e == EAGAIN ? ZC_EAGAIN : ZC_EIO;
    }
    /* PUSH/PULL carries single frames; a multipart message is not ours. */
    int more = zmq_msg_more(&zm);
    int rc = more ? ZC_EPROTO : zc_msg_unpack(desc, zmq_msg_data(&zm), zmq_msg_size(&zm), out);
    zmq_msg_close(&zm);
    while (more) {
        zmq_msg_init(&zm);
        if (zmq_msg_recv(&zm, sock, 0) < 0)
            more = 0;
        else
            more = zmq_msg_more(&zm);
        zmq_msg_close(&zm);
    }
    return rc;
}

void zc_msg_free(ProtobufCMessage **msg)
{
    if (msg && *msg) {
        protobuf_c_message_free_unpacked(*msg, NULL);
        *msg = NULL;
    }
}

/* --- CURVE: keys, sockets, the ZAP guard ---------------------------------------

   The keys are part of the parsed configuration: zc_curve_load() stores them
   once, from main, before any socket exists. The guards are per ZeroMQ
   context: a thread holding the ZAP handler (a REP socket on
   inproc://zeromq.zap.01) and the PAIR ends of the monitors of the context's
   CURVE sockets. zc_sock_open() hands a new monitor to the guard through
   `pending` under the lock; the guard adopts it within S_GUARD_POLL_MS (the
   monitor queues its events meanwhile). zmq_ctx_term() ends a guard: its poll
   fails with ETERM, it marks itself done and closes its sockets, so the
   context can finish; a later call reaps (joins and frees) done guards.

   libzmq accepts every CURVE client when no ZAP handler is bound, so the guard
   of a context is started before its first CURVE socket is bound. */

#define S_KEY_FILE_MAX 4096       /* a key file is a comment and a key */
#define S_GUARD_MAX_WATCH 32      /* monitored sockets per context */
#define S_GUARD_POLL_MS 100       /* how soon a guard adopts a new monitor */
#define S_GUARD_LOG_EVERY_MS 1000 /* refusals logged at most this often per socket */
#define S_ZAP_MAX_FRAMES 8        /* a ZAP request for CURVE has 7 */
#define S_DOMAIN_MAX 256          /* ZMQ_ZAP_DOMAIN holds up to 255 characters */
#define S_RAW_KEY_LEN 32

const char *const zc_curve_ids[ZC_CURVE_NIDS] = {"producer", "crawler", "broker",
                                                 "parser",   "sink",    ZC_CURVE_CLIENT};

typedef struct {
    void *pair;  /* the monitor's PAIR end */
    bool server; /* a bound socket: failures are refused peers */
    char endpoint[S_DOMAIN_MAX];
    int64_t last_log_ms; /* -1: nothing logged yet */
    uint64_t unlogged;   /* failures since the last line */
} s_watch_t;

typedef struct s_guard_t {
    void *ctx;
    void *zap; /* REP on inproc://zeromq.zap.01 */
    pthread_t thread;
    uint8_t known[ZC_CURVE_NIDS][S_RAW_KEY_LEN];
    s_watch_t watch[S_GUARD_MAX_WATCH]; /* the guard thread's own */
    size_t nwatch;
    s_watch_t unmatched;                  /* rate limit of ZAP refusals on no watched socket */
    s_watch_t pending[S_GUARD_MAX_WATCH]; /* handed over: under s_curve.lock */
    size_t npending;
    bool done; /* under s_curve.lock: the thread has ended */
    struct s_guard_t *next;
} s_guard_t;

typedef struct {
    char pub[ZC_CURVE_KEY_LEN + 1], sec[ZC_CURVE_KEY_LEN + 1];
    char ids_pub[ZC_CURVE_NIDS][ZC_CURVE_KEY_LEN + 1];
} s_keys_t;

static struct {
    pthread_mutex_t lock; /* guards and their pending monitors */
    bool on;
    s_keys_t keys;
    atomic_uint_fast64_t refused;
    unsigned monitors; /* names the inproc monitor endpoints */
    s_guard_t *guards;
} s_curve = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int s_id_index(const char *name)
{
    for (int i = 0; name && i < ZC_CURVE_NIDS; i++)
        if (strcmp(zc_curve_ids[i], name) == 0)
            return i;
    return -1;
}

const char *zc_curve_identity(const char *stage)
{
    int i = s_id_index(stage);
    return i >= 0 ? zc_curve_ids[i] : ZC_CURVE_CLIENT;
}

int zc_curve_read_key(const char *path, char key[ZC_CURVE_KEY_LEN + 1], char *err, size_t errsize)
{
    char *data = NULL;
    size_t len = 0;
    int rc = zc_read_file(path, S_KEY_FILE_MAX, &data, &len);
    if (rc == ZC_EIO) {
        snprintf(err, errsize, "cannot read %s: %s", path, strerror(errno));
        return ZC_EIO;
    }
    int keys = 0;
    bool bad = rc != ZC_OK;
    for (char *line = data, *next; !bad && line && line < data + len; line = next) {
        next = memchr(line, '\n', (size_t)(data + len - line));
        char *end = next ? next : data + len;
        if (next)
            next++;
        while (line < end && (*line == ' ' || *line == '\t'))
            line++;
        while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
            end--;
        if (line == end || *line == '#')
            continue;
        uint8_t raw[S_RAW_KEY_LEN];
        if (keys++ || end - line != ZC_CURVE_KEY_LEN || memchr(line, '\0', ZC_CURVE_KEY_LEN)) {
            bad = true;
            break;
        }
        memcpy(key, line, ZC_CURVE_KEY_LEN);
        key[ZC_CURVE_KEY_LEN] = '\0';
        bad = zmq_z85_decode(raw, key) == NULL;
    }
    free(data);
    if (bad || keys != 1) {
        snprintf(err, errsize,
                 "%s is not a CURVE key file (expected one line of %d Z85 characters)", path,
                 ZC_CURVE_KEY_LEN);
        return ZC_EINVAL;
    }
    return ZC_OK;
}

/* Reads what identity needs from dir into k. */
static int s_load(const char *dir, const char *identity, s_keys_t *k, char *err, size_t errsize)
{
    int self = s_id_index(identity);
    if (self < 0) {
        snprintf(err, errsize, "no key pair is made for '%s'", identity ? identity : "");
        return ZC_EINVAL;
    }
    struct stat st;
    if (!dir || !*dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errsize, "%s is not a directory of keys", dir ? dir : "");
        return ZC_EIO;
    }
    char path[PATH_MAX];
    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        snprintf(path, sizeof path, "%s/%s" ZC_CURVE_PUBLIC_SUFFIX, dir, zc_curve_ids[i]);
        int rc = zc_curve_read_key(path, k->ids_pub[i], err, errsize);
        if (rc)
            return rc;
    }
    snprintf(path, sizeof path, "%s/%s" ZC_CURVE_SECRET_SUFFIX, dir, identity);
    int rc = zc_curve_read_key(path, k->sec, err, errsize);
    if (rc)
        return rc;
    char derived[ZC_CURVE_KEY_LEN + 1];
    if (zmq_curve_public(derived, k->sec) != 0 || strcmp(derived, k->ids_pub[self]) != 0) {
        /* A message cut to errsize is still a message. */
        if (snprintf(err, errsize, "%s does not match %s/%s" ZC_CURVE_PUBLIC_SUFFIX, path, dir,
                     identity) < 0 && errsize)
            err[0] = '\0';
        return ZC_EINVAL;
    }
    memcpy(k->pub, k->ids_pub[self], sizeof k->pub);
    if (stat(path, &st) == 0 && (st.st_mode & 077))
        zc_warn("curve: secret key readable by others path=%s mode=%04o", path,
                (unsigned)(st.st_mode & 0777));
    return ZC_OK;
}

int zc_curve_check(const char *dir, const char *identity, char *err, size_t errsize)
{
    s_keys_t k;
    int rc = s_load(dir, identity, &k, err, errsize);
    explicit_bzero(&k, sizeof k);
    return rc;
}

int zc_curve_load(const char *dir, const char *identity, char *err, size_t errsize)
{
    if (!zmq_has("curve")) {
        snprintf(err, errsize, "this libzmq was built without CURVE");
        return ZC_EINVAL;
    }
    s_keys_t k;
    int rc = s_load(dir, identity, &k, err, errsize);
    if (rc == ZC_OK) {
        s_curve.keys = k;
        s_curve.on = true;
    }
    explicit_bzero(&k, sizeof k);
    return rc;
}

bool zc_curve_on(void)
{
    return s_curve.on;
}

uint64_t zc_curve_refused(void)
{
    return atomic_load(&s_curve.refused);
}

/* What a failed handshake means, from a monitor event. */
static const char *s_reason(uint16_t event, uint32_t value)
{
    if (event == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
        return "key_refused";
    if (event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
        return "handshake_failed";
    if (value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH)
        return "no_curve";
    if (value == ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC)
        return "bad_handshake";
    if (value >= ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED && value < ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED)
        return "zap_error";
    return "protocol_error";
}

/* A peer failed to authenticate on a bound socket: counted, and logged at
   most once per S_GUARD_LOG_EVERY_MS per socket. peer and key may be NULL. */
static void s_refused(s_watch_t *w, const char *endpoint, const char *reason, const char *peer,
                      const char *key)
{
    uint64_t total = atomic_fetch_add(&s_curve.refused, 1) + 1;
    w->unlogged++;
    int64_t now = zc_mono_ms();
    if (w->last_log_ms >= 0 && now - w->last_log_ms < S_GUARD_LOG_EVERY_MS)
        return;
    zc_warn("curve: peer refused endpoint=%s reason=%s peer=%s key=%s refused=%llu "
            "auth_failures_total=%llu",
            endpoint, reason, peer && *peer ? peer : "unknown", key ? key : "none",
            (unsigned long long)w->unlogged, (unsigned long long)total);
    w->last_log_ms = now;
    w->unlogged = 0;
}

/* This process could not authenticate to a server (connecting socket). */
static void s_client_failed(s_watch_t *w, const char *reason)
{
    w->unlogged++;
    int64_t now = zc_mono_ms();
    if (w->last_log_ms >= 0 && now - w->last_log_ms < S_GUARD_LOG_EVERY_MS)
        return;
    zc_warn("curve: server did not accept this process endpoint=%s reason=%s failures=%llu "
            "(are both sides using the same --curve keys?)",
            w->endpoint, reason, (unsigned long long)w->unlogged);
    w->last_log_ms = now;
    w->unlogged = 0;
}

/* Moves the monitors handed over by zc_sock_open into the guard's own list. */
static void s_guard_adopt(s_guard_t *g)
{
    pthread_mutex_lock(&s_curve.lock);
    for (size_t i = 0; i < g->npending; i++) {
        if (g->nwatch < S_GUARD_MAX_WATCH)
            g->watch[g->nwatch++] = g->pending[i];
        else
            zmq_close(g->pending[i].pair);
    }
    g->npending = 0;
    pthread_mutex_unlock(&s_curve.lock);
}

static bool s_frame_is(zmq_msg_t *m, const char *s)
{
    size_t n = strlen(s);
    return zmq_msg_size(m) == n && memcmp(zmq_msg_data(m), s, n) == 0;
}

static void s_frame_str(zmq_msg_t *m, char *buf, size_t size)
{
    size_t n = zmq_msg_size(m) < size - 1 ? zmq_msg_size(m) : size - 1;
    memcpy(buf, zmq_msg_data(m), n);
    buf[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f || buf[i] == ' ')
            buf[i] = '?';
}

/* Answers one ZAP request (RFC 27): 200 for a CURVE client whose public key
   is known, 400 otherwise. ZC_EIO when the socket fails (ETERM). */
static int s_zap_answer(s_guard_t *g)
{
    zmq_msg_t f[S_ZAP_MAX_FRAMES];
    size_t n = 0;
    for (int more = 1; more;) {
        zmq_msg_t scratch, *m = n < S_ZAP_MAX_FRAMES ? &f[n] : &scratch;
        zmq_msg_init(m);
        if (zmq_msg_recv(m, g->zap, ZMQ_DONTWAIT) < 0) {
            int e = errno;
            zmq_msg_close(m);
            for (size_t i = 0; i < n; i++)
                zmq_msg_close(&f[i]);
            return e == EAGAIN && n == 0 ? ZC_OK : ZC_EIO;
        }
        more = zmq_msg_more(m);
        if (m == &scratch)
            zmq_msg_close(m);
        else
            n++;
    }
    int who = -1;
    const char *reason = "bad_request";
    if (n >= 6 && s_frame_is(&f[0], "1.0")) {
        reason = "no_curve";
        if (s_frame_is(&f[5], "CURVE") && n >= 7 && zmq_msg_size(&f[6]) == S_RAW_KEY_LEN) {
            reason = "unknown_key";
            for (int i = 0; i < ZC_CURVE_NIDS && who < 0; i++)
                if (memcmp(zmq_msg_data(&f[6]), g->known[i], S_RAW_KEY_LEN) == 0)
                    who = i;
        }
    }
    const char *status = who >= 0 ? "200" : "400";
    const char *text = who >= 0 ? "OK" : "unknown key";
    const char *user = who >= 0 ? zc_curve_ids[who] : "";
    bool ok = zmq_send(g->zap, "1.0", 3, ZMQ_SNDMORE) >= 0 &&
              zmq_send(g->zap, n >= 2 ? zmq_msg_data(&f[1]) : "", n >= 2 ? zmq_msg_size(&f[1]) : 0,
                       ZMQ_SNDMORE) >= 0 &&
              zmq_send(g->zap, status, 3, ZMQ_SNDMORE) >= 0 &&
              zmq_send(g->zap, text, strlen(text), ZMQ_SNDMORE) >= 0 &&
              zmq_send(g->zap, user, strlen(user), ZMQ_SNDMORE) >= 0 &&
              zmq_send(g->zap, "", 0, 0) >= 0;
    if (who < 0) {
        char domain[S_DOMAIN_MAX] = "unknown", peer[64] = "", key[ZC_CURVE_KEY_LEN + 1] = "";
        if (n >= 4) {
            s_frame_str(&f[2], domain, sizeof domain);
            s_frame_str(&f[3], peer, sizeof peer);
        }
        if (n >= 7 && zmq_msg_size(&f[6]) == S_RAW_KEY_LEN)
            zmq_z85_encode(key, zmq_msg_data(&f[6]), S_RAW_KEY_LEN);
        s_guard_adopt(g);
        s_watch_t *w = &g->unmatched;
        for (size_t i = 0; i < g->nwatch; i++)
            if (g->watch[i].server && strcmp(g->watch[i].endpoint, domain) == 0)
                w = &g->watch[i];
        s_refused(w, domain, reason, peer, *key ? key : NULL);
    }
    for (size_t i = 0; i < n; i++)
        zmq_msg_close(&f[i]);
    return ok ? ZC_OK : ZC_EIO;
}

/* Reads one monitor event of watch i; a stopped monitor is closed and its
   slot given to the last one. */
static void s_watch_event(s_guard_t *g, size_t i)
{
    s_watch_t *w = &g->watch[i];
    zmq_msg_t m;
    zmq_msg_init(&m);
    if (zmq_msg_recv(&m, w->pair, ZMQ_DONTWAIT) < 0) {
        zmq_msg_close(&m);
        return;
    }
    uint16_t event = 0;
    uint32_t value = 0;
    bool ok = zmq_msg_size(&m) == 6;
    if (ok) {
        memcpy(&event, zmq_msg_data(&m), sizeof event);
        memcpy(&value, (const uint8_t *)zmq_msg_data(&m) + 2, sizeof value);
    }
    /* The second frame names the socket's endpoint, known already. */
    for (int more = zmq_msg_more(&m); more;) {
        zmq_msg_close(&m);
        zmq_msg_init(&m);
        more = zmq_msg_recv(&m, w->pair, 0) >= 0 && zmq_msg_more(&m);
    }
    zmq_msg_close(&m);
    if (event == ZMQ_EVENT_MONITOR_STOPPED) {
        zmq_close(w->pair);
        g->watch[i] = g->watch[--g->nwatch];
        return;
    }
    if (!ok)
        return;
    if (w->server)
        s_refused(w, w->endpoint, s_reason(event, value), NULL, NULL);
    else
        s_client_failed(w, s_reason(event, value));
}

static void *s_guard_run(void *arg)
{
    s_guard_t *g = arg;
    for (;;) {
        s_guard_adopt(g);
        zmq_pollitem_t items[1 + S_GUARD_MAX_WATCH];
        items[0] = (zmq_pollitem_t){g->zap, 0, ZMQ_POLLIN, 0};
        for (size_t i = 0; i < g->nwatch; i++)
            items[1 + i] = (zmq_pollitem_t){g->watch[i].pair, 0, ZMQ_POLLIN, 0};
        int rc = zmq_poll(items, 1 + (int)g->nwatch, S_GUARD_POLL_MS);
        if (rc < 0 && errno == ETERM)
            break;
        if (rc < 0) {
            usleep(S_GUARD_POLL_MS * 1000);
            continue;
        }
        if ((items[0].revents & ZMQ_POLLIN) && s_zap_answer(g) != ZC_OK)
            break;
        /* Downwards: a stopped monitor's slot takes the last, already seen. */
        for (size_t i = g->nwatch; i-- > 0;)
            if (items[1 + i].revents & ZMQ_POLLIN)
                s_watch_event(g, i);
    }
    /* Done first, under the lock: once the sockets below are closed the
       context may end and its address be reused by a new one. */
    pthread_mutex_lock(&s_curve.lock);
    for (size_t i = 0; i < g->npending; i++)
        zmq_close(g->pending[i].pair);
    g->npending = 0;
    g->done = true;
    pthread_mutex_unlock(&s_curve.lock);
    for (size_t i = 0; i < g->nwatch; i++)
        zmq_close(g->watch[i].pair);
    g->nwatch = 0;
    zmq_close(g->zap);
    return NULL;
}

/* Joins and frees the guards whose context has ended. Lock held. */
static void s_guard_reap(void)
{
    for (s_guard_t **pp = &s_curve.guards; *pp;) {
        s_guard_t *g = *pp;
        if (!g->done) {
            pp = &g->next;
            continue;
        }
        pthread_join(g->thread, NULL);
        *pp = g->next;
        free(g);
    }
}

/* The running guard of ctx, started if there is none. Lock held. */
static s_guard_t *s_guard_get(void *ctx)
{
    s_guard_reap();
    for (s_guard_t *g = s_curve.guards; g; g = g->next)
        if (g->ctx == ctx)
            return g;
    s_guard_t *g = zc_calloc(1, sizeof *g);
    g->ctx = ctx;
    g->unmatched.last_log_ms = -1;
    for (int i = 0; i < ZC_CURVE_NIDS; i++)
        zmq_z85_decode(g->known[i], s_curve.keys.ids_pub[i]);
    int linger = 0;
    g->zap = zmq_socket(ctx, ZMQ_REP);
    if (g->zap)
        zmq_setsockopt(g->zap, ZMQ_LINGER, &linger, sizeof linger);
    if (!g->zap || zmq_bind(g->zap, "inproc://zeromq.zap.01") != 0) {
        zc_error("curve: cannot start the ZAP handler err=\"%s\"", zmq_strerror(errno));
        if (g->zap)
            zmq_close(g->zap);
        free(g);
        return NULL;
    }
    int rc = pthread_create(&g->thread, NULL, s_guard_run, g);
    if (rc != 0) {
        zc_error("curve: cannot start the ZAP thread err=\"%s\"", strerror(rc));
        zmq_close(g->zap);
        free(g);
        return NULL;
    }
    g->next = s_curve.guards;
    s_curve.guards = g;
    return g;
}

void zc_curve_off(void)
{
    pthread_mutex_lock(&s_curve.lock);
    s_curve.on = false;
    explicit_bzero(&s_curve.keys, sizeof s_curve.keys);
    s_guard_reap();
    pthread_mutex_unlock(&s_curve.lock);
}

/* Makes sock a CURVE server (bind) or a client of opt->peer (connect) and
   has the context's guard watch it. A no-op without CURVE or on inproc. */
static int s_curve_setup(void *ctx, void *sock, const zc_sockopt_t *opt, const char *ep, bool bind)
{
    if (!s_curve.on || strncmp(ep, "inproc://", 9) == 0)
        return ZC_OK;
    const s_keys_t *k = &s_curve.keys;
    /* The endpoint is the ZAP domain, so a refusal names the socket; cut to
       what ZMQ_ZAP_DOMAIN holds. */
    char domain[S_DOMAIN_MAX];
    size_t dlen = strnlen(ep, sizeof domain - 1);
    memcpy(domain, ep, dlen);
    domain[dlen] = '\0';
    int rc;
    if (bind) {
        int one = 1;
        rc = zmq_setsockopt(sock, ZMQ_CURVE_SERVER, &one, sizeof one) ||
             zmq_setsockopt(sock, ZMQ_CURVE_SECRETKEY, k->sec, ZC_CURVE_KEY_LEN) ||
             zmq_setsockopt(sock, ZMQ_ZAP_DOMAIN, domain, strlen(domain));
    } else {
        int peer = s_id_index(opt->peer);
        if (peer < 0) {
            zc_error("curve: no server key for this connection endpoint=%s peer=%s", ep,
                     opt->peer ? opt->peer : "(none)");
            return ZC_EINVAL;
        }
        rc = zmq_setsockopt(sock, ZMQ_CURVE_SERVERKEY, k->ids_pub[peer], ZC_CURVE_KEY_LEN) ||
             zmq_setsockopt(sock, ZMQ_CURVE_PUBLICKEY, k->pub, ZC_CURVE_KEY_LEN) ||
             zmq_setsockopt(sock, ZMQ_CURVE_SECRETKEY, k->sec, ZC_CURVE_KEY_LEN);
    }
    if (rc) {
        zc_error("curve: cannot set up the socket endpoint=%s err=\"%s\"", ep, zmq_strerror(errno));
        return ZC_EIO;
    }
    pthread_mutex_lock(&s_curve.lock);
    s_guard_t *g = s_guard_get(ctx);
    if (g && g->npending < S_GUARD_MAX_WATCH) {
        /* Server: handshakes that fail before ZAP (ZAP refusals are the
           guard's own): a protocol error, or a peer that hung up mid-way (a
           plain peer that saw the greeting ask for CURVE may reset the
           connection before its own greeting is read); client: any failure,
           the server's refusal included. */
        int events = ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
        if (!bind)
            events |= ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
        char mon[64];
        snprintf(mon, sizeof mon, "inproc://zc-curve-monitor-%u", s_curve.monitors++);
        void *pair = NULL;
        if (zmq_socket_monitor(sock, mon, events) == 0 && (pair = zmq_socket(ctx, ZMQ_PAIR))) {
            int linger = 0;
            zmq_setsockopt(pair, ZMQ_LINGER, &linger, sizeof linger);
            if (zmq_connect(pair, mon) == 0) {
                s_watch_t *w = &g->pending[g->npending++];
                memset(w, 0, sizeof *w);
                w->pair = pair;
                w->server = bind;
                w->last_log_ms = -1;
                memcpy(w->endpoint, domain, dlen + 1);
            } else {
                zmq_close(pair);
            }
        }
    }
    pthread_mutex_unlock(&s_curve.lock);
    return g ? ZC_OK : ZC_EIO;
}

/* --- self-test ------------------------------------------------------------ */

static void s_test_write(const char *dir, const char *name, const char *suffix, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s%s", dir, name, suffix);
    FILE *f = fopen(path, "w");
    assert(f);
    fputs(text, f);
    fclose(f);
    chmod(path, 0600);
}

/* A key directory like the one zcrawl keygen (cli/zc_keygen.c) makes, with a
   comment line in every public file and CRLF ends in the secret ones. */
static void s_test_keys(const char *dir)
{
    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        char pub[ZC_CURVE_KEY_LEN + 1], sec[ZC_CURVE_KEY_LEN + 1], text[128];
        int rc = zmq_curve_keypair(pub, sec);
        assert(rc == 0);
        snprintf(text, sizeof text, "# public key\n%s\n", pub);
        s_test_write(dir, zc_curve_ids[i], ZC_CURVE_PUBLIC_SUFFIX, text);
        snprintf(text, sizeof text, "  %s\r\n", sec);
        s_test_write(dir, zc_curve_ids[i], ZC_CURVE_SECRET_SUFFIX, text);
    }
}

static bool s_test_wait_in(void *sock, int ms)
{
    zmq_pollitem_t it = {sock, 0, ZMQ_POLLIN, 0};
    return zmq_poll(&it, 1, ms) == 1;
}

/* Waits (bounded) until the guard has refused more than `above` peers. */
static void s_test_wait_refused(uint64_t above)
{
    for (int i = 0; i < 250 && zc_curve_refused() <= above; i++)
        usleep(20 * 1000);
    assert(zc_curve_refused() > above);
}

/* A socket made by hand: plain when server is NULL, else CURVE with the given keys. */
static void *s_test_raw(void *ctx, int type, const char *ep, const char *server, const char *pub,
                        const char *sec)
{
    void *s = zmq_socket(ctx, type);
    int linger = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    if (server) {
        zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, server, ZC_CURVE_KEY_LEN);
        zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, pub, ZC_CURVE_KEY_LEN);
        zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, sec, ZC_CURVE_KEY_LEN);
    }
    int rc = zmq_connect(s, ep);
    assert(rc == 0);
    return s;
}

static void s_test_key_of(const char *dir, const char *name, const char *suffix,
                          char key[ZC_CURVE_KEY_LEN + 1])
{
    char path[PATH_MAX], err[512];
    snprintf(path, sizeof path, "%s/%s%s", dir, name, suffix);
    int rc = zc_curve_read_key(path, key, err, sizeof err);
    assert(rc == 0);
}

static void s_test_curve_files(const char *dir)
{
    char err[512], saved[ZC_CURVE_KEY_LEN + 1], text[256];
    for (int i = 0; i < ZC_CURVE_NIDS; i++)
        assert(zc_curve_check(dir, zc_curve_ids[i], err, sizeof err) == 0);
    assert(!strcmp(zc_curve_identity("parser"), "parser"));
    assert(!strcmp(zc_curve_identity("seed"), ZC_CURVE_CLIENT));
    assert(zc_curve_check(dir, "nobody", err, sizeof err) == ZC_EINVAL);
    assert(zc_curve_check("/nonexistent/zc-keys", "producer", err, sizeof err) == ZC_EIO &&
           strstr(err, "/nonexistent/zc-keys"));

    /* A garbled public key of any identity fails every identity, naming the file. */
    s_test_key_of(dir, "broker", ZC_CURVE_PUBLIC_SUFFIX, saved);
    static const char *const garbled[] = {
        "not a key\n", "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n", "", "# only a comment\n",
        "0123456789012345678901234567890123456789x\n"};
    for (size_t i = 0; i < ZC_ARRAY_LEN(garbled); i++) {
        s_test_write(dir, "broker", ZC_CURVE_PUBLIC_SUFFIX, garbled[i]);
        assert(zc_curve_check(dir, "producer", err, sizeof err) == ZC_EINVAL);
        assert(strstr(err, "broker.key") && strstr(err, "not a CURVE key"));
    }
    snprintf(text, sizeof text, "%s\n%s\n", saved, saved); /* two keys */
    s_test_write(dir, "broker", ZC_CURVE_PUBLIC_SUFFIX, text);
    assert(zc_curve_check(dir, "producer", err, sizeof err) == ZC_EINVAL);
    snprintf(text, sizeof text, "%s\n", saved);
    s_test_write(dir, "broker", ZC_CURVE_PUBLIC_SUFFIX, text);
    assert(zc_curve_check(dir, "producer", err, sizeof err) == 0);

    /* A missing secret key fails its own identity only. */
    char path[PATH_MAX], moved[PATH_MAX + 8];
    snprintf(path, sizeof path, "%s/sink" ZC_CURVE_SECRET_SUFFIX, dir);
    snprintf(moved, sizeof moved, "%s.bak", path);
    assert(rename(path, moved) == 0);
    assert(zc_curve_check(dir, "sink", err, sizeof err) == ZC_EIO &&
           strstr(err, "sink.key_secret"));
    assert(zc_curve_check(dir, "parser", err, sizeof err) == 0);
    /* Another identity's secret key does not match the public one. */
    s_test_key_of(dir, "parser", ZC_CURVE_SECRET_SUFFIX, saved);
    snprintf(text, sizeof text, "%s\n", saved);
    s_test_write(dir, "sink", ZC_CURVE_SECRET_SUFFIX, text);
    assert(zc_curve_check(dir, "sink", err, sizeof err) == ZC_EINVAL &&
           strstr(err, "does not match"));
    assert(rename(moved, path) == 0);
    assert(zc_curve_check(dir, "sink", err, sizeof err) == 0);

    /* A failed load changes nothing. */
    assert(!zc_curve_on());
    assert(zc_curve_load("/nonexistent/zc-keys", "producer", err, sizeof err) != 0);
    assert(!zc_curve_on());
}

/* Real handshakes on loopback: known keys pass, every other peer is refused,
   counted, and neither delivers nor receives a message. */
static void s_test_curve_sockets(const char *dir)
{
    char err[512], ep[128], ep2[128];
    void *ctx = zmq_ctx_new();
    assert(zc_curve_load(dir, "producer", err, sizeof err) == 0 && zc_curve_on());
    zc_sockopt_t pull_opt = {.type = ZMQ_PULL};
    zc_sockopt_t push_opt = {.type = ZMQ_PUSH, .peer = "producer"};
    void *server = zc_sock_open(ctx, &pull_opt, "tcp://127.0.0.1:*", true);
    assert(server);
    size_t len = sizeof ep;
    zmq_getsockopt(server, ZMQ_LAST_ENDPOINT, ep, &len);

    /* A known key (this process's own) gets through. */
    void *client = zc_sock_open(ctx, &push_opt, ep, false);
    assert(client);
    Zcrawl__Task t = ZCRAWL__TASK__INIT;
    t.version = ZC_FORMAT_VERSION;
    t.task_id = 7;
    t.url = "http://example.com/curve";
    assert(zc_msg_send(client, &t.base, 0) == 0);
    ProtobufCMessage *m = NULL;
    assert(s_test_wait_in(server, 5000));
    assert(zc_msg_recv(server, &zcrawl__task__descriptor, 0, &m) == 0);
    assert(((Zcrawl__Task *)m)->task_id == 7);
    zc_msg_free(&m);

    /* Under CURVE a connect must name its peer stage; inproc stays plain. */
    zc_sockopt_t nopeer = {.type = ZMQ_PUSH};
    assert(zc_sock_open(ctx, &nopeer, ep, false) == NULL);
    void *ipull = zc_sock_open(ctx, &pull_opt, "inproc://zc-msg-curve", true);
    void *ipush = zc_sock_open(ctx, &nopeer, "inproc://zc-msg-curve", false);
    assert(ipull && ipush);
    assert(zc_msg_send(ipush, &t.base, 0) == 0);
    assert(zc_msg_recv(ipull, &zcrawl__task__descriptor, 0, &m) == 0);
    zc_msg_free(&m);

    /* An unknown key, no CURVE, a wrong server key: refused, nothing arrives. */
    char spub[ZC_CURVE_KEY_LEN + 1], cpub[ZC_CURVE_KEY_LEN + 1], csec[ZC_CURVE_KEY_LEN + 1];
    char rpub[ZC_CURVE_KEY_LEN + 1], rsec[ZC_CURVE_KEY_LEN + 1];
    s_test_key_of(dir, "producer", ZC_CURVE_PUBLIC_SUFFIX, spub);
    s_test_key_of(dir, "crawler", ZC_CURVE_PUBLIC_SUFFIX, cpub);
    s_test_key_of(dir, "crawler", ZC_CURVE_SECRET_SUFFIX, csec);
    assert(zmq_curve_keypair(rpub, rsec) == 0);
    void *rogue[3];
    uint64_t before = zc_curve_refused();
    rogue[0] = s_test_raw(ctx, ZMQ_PUSH, ep, spub, rpub, rsec);
    s_test_wait_refused(before);
    before = zc_curve_refused();
    rogue[1] = s_test_raw(ctx, ZMQ_PUSH, ep, NULL, NULL, NULL);
    s_test_wait_refused(before);
    before = zc_curve_refused();
    rogue[2] = s_test_raw(ctx, ZMQ_PUSH, ep, rpub, cpub, csec);
    s_test_wait_refused(before);
    for (int i = 0; i < 3; i++)
        zmq_send(rogue[i], "rogue", 5, ZMQ_DONTWAIT);
    assert(!s_test_wait_in(server, 300));

    /* A bound PUSH hands nothing to a refused PULL, and serves a known one. */
    zc_sockopt_t out_opt = {.type = ZMQ_PUSH};
    zc_sockopt_t in_opt = {.type = ZMQ_PULL, .peer = "producer"};
    void *out = zc_sock_open(ctx, &out_opt, "tcp://127.0.0.1:*", true);
    assert(out);
    len = sizeof ep2;
    zmq_getsockopt(out, ZMQ_LAST_ENDPOINT, ep2, &len);
    before = zc_curve_refused();
    void *thief = s_test_raw(ctx, ZMQ_PULL, ep2, spub, rpub, rsec);
    s_test_wait_refused(before);
    assert(zmq_send(out, "task", 4, ZMQ_DONTWAIT) < 0 && errno == EAGAIN);
    void *in = zc_sock_open(ctx, &in_opt, ep2, false);
    assert(in);
    zmq_pollitem_t it = {out, 0, ZMQ_POLLOUT, 0};
    assert(zmq_poll(&it, 1, 5000) == 1);
    assert(zmq_send(out, "task", 4, ZMQ_DONTWAIT) == 4);
    assert(s_test_wait_in(in, 5000));
    assert(!s_test_wait_in(thief, 200));

    for (int i = 0; i < 3; i++)
        zmq_close(rogue[i]);
    zmq_close(thief);
    void *socks[] = {server, client, ipull, ipush, out, in};
    for (size_t i = 0; i < ZC_ARRAY_LEN(socks); i++)
        zc_sock_close(&socks[i]);
    zmq_ctx_term(ctx); /* returns: the guard ends with its context */
    zc_curve_off();
    assert(!zc_curve_on());

    /* Plain sockets again; a new context starts no guard. */
    ctx = zmq_ctx_new();
    server = zc_sock_open(ctx, &pull_opt, "tcp://127.0.0.1:*", true);
    len = sizeof ep;
    zmq_getsockopt(server, ZMQ_LAST_ENDPOINT, ep, &len);
    client = zc_sock_open(ctx, &nopeer, ep, false);
    assert(server && client && zc_msg_send(client, &t.base, 0) == 0);
    assert(s_test_wait_in(server, 5000));
    zc_sock_close(&client);
    zc_sock_close(&server);
    zmq_ctx_term(ctx);
}

static void s_test_curve(bool verbose)
{
    zc_log_init("test", "msg", verbose ? ZC_LOG_DEBUG : ZC_LOG_ERROR);
    char dir[] = "/tmp/zc-msg-curve-XXXXXX";
    assert(mkdtemp(dir));
    s_test_keys(dir);
    s_test_curve_files(dir);
    s_test_curve_sockets(dir);
    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s" ZC_CURVE_PUBLIC_SUFFIX, dir, zc_curve_ids[i]);
        unlink(path);
        snprintf(path, sizeof path, "%s/%s" ZC_CURVE_SECRET_SUFFIX, dir, zc_curve_ids[i]);
        unlink(path);
    }
    rmdir(dir);
    zc_log_init("test", "1", ZC_LOG_INFO);
}

int zc_msg_test(bool verbose)
{
    char buf[64];
    assert(zc_endpoint("localhost:5551", buf, sizeof buf) == 0 &&
           strcmp(buf, "tcp://localhost:5551") == 0);
    assert(zc_endpoint("ipc:///tmp/x", buf, sizeof buf) == 0 && strcmp(buf, "ipc:///tmp/x") == 0);
    assert(zc_endpoint("", buf, sizeof buf) == ZC_EINVAL);

    void *ctx = zmq_ctx_new();
    zc_sockopt_t pull_opt = {.type = ZMQ_PULL}, push_opt = {.type = ZMQ_PUSH};
    void *pull = zc_sock_open(ctx, &pull_opt, "inproc://zc-msg-test", true);
    void *push = zc_sock_open(ctx, &push_opt, "inproc://zc-msg-test", false);
    assert(pull && push);

    Zcrawl__Task t = ZCRAWL__TASK__INIT;
    t.version = ZC_FORMAT_VERSION;
    t.task_id = 42;
    t.url = "http://example.com/";
    assert(zc_msg_send(push, &t.base, 0) == 0);
    ProtobufCMessage *m = NULL;
    assert(zc_msg_recv(pull, &zcrawl__task__descriptor, 0, &m) == 0);
    Zcrawl__Task *got = (Zcrawl__Task *)m;
    assert(got->task_id == 42 && strcmp(got->url, "http://example.com/") == 0);
    zc_msg_free(&m);
    assert(m == NULL);

    /* Garbage and another version are refused, and the socket goes on. */
    zmq_send(push, "\xff\xff\xff", 3, 0);
    assert(zc_msg_recv(pull, &zcrawl__task__descriptor, 0, &m) == ZC_EPROTO);
    t.version = ZC_FORMAT_VERSION + 1;
    assert(zc_msg_send(push, &t.base, 0) == 0);
    assert(zc_msg_recv(pull, &zcrawl__task__descriptor, 0, &m) == ZC_EVERSION);
    zmq_send(push, "a", 1, ZMQ_SNDMORE);
    zmq_send(push, "b", 1, 0);
    assert(zc_msg_recv(pull, &zcrawl__task__descriptor, 0, &m) == ZC_EPROTO);
    t.version = ZC_FORMAT_VERSION;
    assert(zc_msg_send(push, &t.base, 0) == 0);
    assert(zc_msg_recv(pull, &zcrawl__task__descriptor, 0, &m) == 0);
    zc_msg_free(&m);
    assert(zc_msg_recv(pull, &zcrawl__task__descriptor, ZMQ_DONTWAIT, &m) == ZC_EAGAIN);

    zc_sock_close(&push);
    zc_sock_close(&pull);
    assert(push == NULL);
    zmq_ctx_term(ctx);

    s_test_curve(verbose);
    return 0;
}
