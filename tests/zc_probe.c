/*  zc_probe — a test tool that talks to a stage's sockets directly.

    zc_probe send ENDPOINT KIND [URL]   connect a PUSH socket and send one message:
        garbage        bytes that are not protobuf
        truncated      a valid Fetch cut short
        version        a Task/Fetch/Feedback/Record/Stats of another format version
        multipart      a two-frame message
        task URL | fetch URL | seed URL | record URL | stats NAME   valid messages
    zc_probe recv ENDPOINT KIND TIMEOUT_MS   connect a PULL socket, receive one
        message of KIND (task, fetch, feedback, record) and print its main fields;
        exit 1 if none arrives in time, 3 if it does not decode.

    Options, before send/recv:
      --curve DIR        a CURVE client with DIR's "client" key pair (a known peer)
      --curve-rogue DIR  a CURVE client with a fresh key pair that is not in DIR,
                         and the right server key from DIR (an unknown peer)
      --peer STAGE       the stage bound at ENDPOINT, whose public key is the server key
      --wait-ms N        send: wait this long for the connection (default 10000);
                         exit 4 if it never completes (a refused peer's fate)
*/
#include "zc_msg.h"
#include "zc_util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define ZC_PROBE_CONNECT_WAIT_MS 10000

static int s_send_raw(void *sock, const void *data, size_t len, int flags)
{
    return zmq_send(sock, data, len, flags | ZMQ_DONTWAIT) < 0 ? 1 : 0;
}

static int s_send(void *sock, const char *kind, const char *arg)
{
    Zcrawl__Task task = ZCRAWL__TASK__INIT;
    task.version = ZC_FORMAT_VERSION;
    task.task_id = 4242;
    task.url = (char *)(arg ? arg : "http://127.0.0.1:9/probe");
    task.has_depth = task.has_attempt = true;
    task.attempt = 1;
    Zcrawl__Fetch fetch = ZCRAWL__FETCH__INIT;
    fetch.version = ZC_FORMAT_VERSION;
    fetch.task = &task;
    fetch.has_status = true;
    fetch.status = 200;
    fetch.content_type = "text/html";
    static const char body[] = "<html><title>probe</title><a href=/next>n</a></html>";
    fetch.has_body = true;
    fetch.body.data = (uint8_t *)body;
    fetch.body.len = sizeof body - 1;
    fetch.has_bytes = true;
    fetch.bytes = sizeof body - 1;

    if (!strcmp(kind, "garbage"))
        return s_send_raw(sock, "\xff\xfe\x00garbage\x07", 11, 0);
    if (!strcmp(kind, "multipart"))
        return s_send_raw(sock, "a", 1, ZMQ_SNDMORE) || s_send_raw(sock, "b", 1, 0);
    if (!strcmp(kind, "truncated")) {
        size_t n = zcrawl__fetch__get_packed_size(&fetch);
        uint8_t *buf = zc_malloc(n);
        zcrawl__fetch__pack(&fetch, buf);
        int rc = s_send_raw(sock, buf, n / 2, 0);
        free(buf);
        return rc;
    }
    if (!strcmp(kind, "version")) {
        /* Field 1 = 99 then nothing else: another version of any message. */
        return s_send_raw(sock, "\x08\x63\x12\x00", 4, 0);
    }
    if (!strcmp(kind, "task"))
        return zc_msg_send(sock, &task.base, ZMQ_DONTWAIT) ? 1 : 0;
    if (!strcmp(kind, "fetch"))
        return zc_msg_send(sock, &fetch.base, ZMQ_DONTWAIT) ? 1 : 0;
    if (!strcmp(kind, "seed")) {
        Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
        fb.version = ZC_FORMAT_VERSION;
        fb.has_task_id = true;
        char *links[1] = {task.url};
        fb.n_links = 1;
        fb.links = links;
        return zc_msg_send(sock, &fb.base, ZMQ_DONTWAIT) ? 1 : 0;
    }
    if (!strcmp(kind, "record")) {
        Zcrawl__Record r = ZCRAWL__RECORD__INIT;
        r.version = ZC_FORMAT_VERSION;
        r.url = task.url;
        r.has_status = true;
        r.status = 200;
        r.title = "probe";
        return zc_msg_send(sock, &r.base, ZMQ_DONTWAIT) ? 1 : 0;
    }
    if (!strcmp(kind, "stats")) {
        Zcrawl__Stats st = ZCRAWL__STATS__INIT;
        st.version = ZC_FORMAT_VERSION;
        st.stage = "probe";
        st.worker = (char *)(arg ? arg : "probe-1");
        return zc_msg_send(sock, &st.base, ZMQ_DONTWAIT) ? 1 : 0;
    }
    fprintf(stderr, "zc_probe: unknown kind %s\n", kind);
    return 2;
}

static int s_recv(void *sock, const char *kind, int timeout_ms)
{
    const ProtobufCMessageDescriptor *d =
        !strcmp(kind, "task")       ? &zcrawl__task__descriptor
        : !strcmp(kind, "fetch")    ? &zcrawl__fetch__descriptor
        : !strcmp(kind, "feedback") ? &zcrawl__feedback__descriptor
        : !strcmp(kind, "record")   ? &zcrawl__record__descriptor
                                    : NULL;
    if (!d) {
        fprintf(stderr, "zc_probe: unknown kind %s\n", kind);
        return 2;
    }
    zmq_pollitem_t it = {sock, 0, ZMQ_POLLIN, 0};
    if (zmq_poll(&it, 1, timeout_ms) != 1) {
        fprintf(stderr, "zc_probe: nothing received in %d ms\n", timeout_ms);
        return 1;
    }
    ProtobufCMessage *m = NULL;
    int rc = zc_msg_recv(sock, d, 0, &m);
    if (rc) {
        fprintf(stderr, "zc_probe: received a bad message: %s\n", zc_strerror(rc));
        return 3;
    }
    if (d == &zcrawl__task__descriptor) {
        Zcrawl__Task *t = (Zcrawl__Task *)m;
        printf("task task_id=%llu url=%s depth=%u attempt=%u\n", (unsigned long long)t->task_id,
               t->url, t->depth, t->attempt);
    } else if (d == &zcrawl__fetch__descriptor) {
        Zcrawl__Fetch *f = (Zcrawl__Fetch *)m;
        printf("fetch url=%s status=%u\n", f->task->url, f->status);
    } else if (d == &zcrawl__feedback__descriptor) {
        Zcrawl__Feedback *f = (Zcrawl__Feedback *)m;
        printf("feedback task_id=%llu links=%zu\n", (unsigned long long)f->task_id, f->n_links);
    } else {
        Zcrawl__Record *r = (Zcrawl__Record *)m;
        printf("record url=%s status=%u\n", r->url, r->status);
    }
    zc_msg_free(&m);
    return 0;
}

/* A CURVE client socket with a fresh key pair, unknown to any stage, and the
   real server key of peer from dir. NULL on failure. */
static void *s_rogue_socket(void *ctx, int type, const char *dir, const char *peer,
                            const char *endpoint)
{
    char path[PATH_MAX], err[PATH_MAX + 128], server[ZC_CURVE_KEY_LEN + 1];
    char pub[ZC_CURVE_KEY_LEN + 1], sec[ZC_CURVE_KEY_LEN + 1], ep[512];
    snprintf(path, sizeof path, "%s/%s" ZC_CURVE_PUBLIC_SUFFIX, dir, peer ? peer : "");
    if (zc_curve_read_key(path, server, err, sizeof err)) {
        fprintf(stderr, "zc_probe: %s\n", err);
        return NULL;
    }
    if (zmq_curve_keypair(pub, sec) || zc_endpoint(endpoint, ep, sizeof ep))
        return NULL;
    void *s = zmq_socket(ctx, type);
    int linger = 0, immediate = 1;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(s, ZMQ_IMMEDIATE, &immediate, sizeof immediate);
    zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, server, ZC_CURVE_KEY_LEN);
    zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, pub, ZC_CURVE_KEY_LEN);
    zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, sec, ZC_CURVE_KEY_LEN);
    if (zmq_connect(s, ep) != 0) {
        zmq_close(s);
        return NULL;
    }
    return s;
}

int main(int argc, char **argv)
{
    const char *curve = NULL, *rogue = NULL, *peer = NULL;
    int64_t wait_ms = ZC_PROBE_CONNECT_WAIT_MS;
    int i = 1;
    for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
        if (!strcmp(argv[i], "--curve"))
            curve = argv[i + 1];
        else if (!strcmp(argv[i], "--curve-rogue"))
            rogue = argv[i + 1];
        else if (!strcmp(argv[i], "--peer"))
            peer = argv[i + 1];
        else if (!strcmp(argv[i], "--wait-ms") && !zc_parse_i64(argv[i + 1], 0, 600000, &wait_ms))
            continue;
        else {
            fprintf(stderr, "zc_probe: bad option %s\n", argv[i]);
            return 2;
        }
    }
    argc -= i - 1;
    argv += i - 1;
    if (argc < 4 || (strcmp(argv[1], "send") && strcmp(argv[1], "recv"))) {
        fprintf(stderr, "usage: zc_probe send ENDPOINT KIND [ARG] | recv ENDPOINT KIND TIMEOUT_MS\n");
        return 2;
    }
    bool send = !strcmp(argv[1], "send");
    char err[PATH_MAX + 128];
    if (curve && zc_curve_load(curve, ZC_CURVE_CLIENT, err, sizeof err)) {
        fprintf(stderr, "zc_probe: --curve: %s\n", err);
        return 2;
    }
    void *ctx = zmq_ctx_new();
    zc_sockopt_t opt = {.type = send ? ZMQ_PUSH : ZMQ_PULL, .maxmsg = 64 << 20, .immediate = send,
                        .peer = peer};
    void *sock = rogue ? s_rogue_socket(ctx, opt.type, rogue, peer, argv[2])
                       : zc_sock_open(ctx, &opt, argv[2], false);
    if (!sock) {
        zmq_ctx_term(ctx);
        return 2;
    }
    int rc;
    if (send) {
        /* Wait for the connection so the message is not queued to nowhere;
           a peer the stage refuses never gets one. */
        zmq_pollitem_t it = {sock, 0, ZMQ_POLLOUT, 0};
        if (zmq_poll(&it, 1, (long)wait_ms) == 1) {
            rc = s_send(sock, argv[3], argc > 4 ? argv[4] : NULL);
        } else {
            fprintf(stderr, "zc_probe: no connection to %s within %lld ms\n", argv[2],
                    (long long)wait_ms);
            rc = 4;
        }
    } else {
        int64_t t;
        if (argc < 5 || zc_parse_i64(argv[4], 0, 600000, &t)) {
            fprintf(stderr, "zc_probe: recv needs TIMEOUT_MS\n");
            return 2;
        }
        rc = s_recv(sock, argv[3], (int)t);
    }
    zc_sock_close(&sock);
    zmq_ctx_term(ctx);
    return rc;
}
