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
*/
#include "zc_msg.h"
#include "zc_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define ZC_PROBE_CONNECT_WAIT_MS 3000

static int s_send_raw(void *sock, const void *data, size_t len, int flags)
{
    return zmq_send(sock, data, len, flags) < 0 ? 1 : 0;
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
        return zc_msg_send(sock, &task.base, 0) ? 1 : 0;
    if (!strcmp(kind, "fetch"))
        return zc_msg_send(sock, &fetch.base, 0) ? 1 : 0;
    if (!strcmp(kind, "seed")) {
        Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
        fb.version = ZC_FORMAT_VERSION;
        fb.has_task_id = true;
        char *links[1] = {task.url};
        fb.n_links = 1;
        fb.links = links;
        return zc_msg_send(sock, &fb.base, 0) ? 1 : 0;
    }
    if (!strcmp(kind, "record")) {
        Zcrawl__Record r = ZCRAWL__RECORD__INIT;
        r.version = ZC_FORMAT_VERSION;
        r.url = task.url;
        r.has_status = true;
        r.status = 200;
        r.title = "probe";
        return zc_msg_send(sock, &r.base, 0) ? 1 : 0;
    }
    if (!strcmp(kind, "stats")) {
        Zcrawl__Stats st = ZCRAWL__STATS__INIT;
        st.version = ZC_FORMAT_VERSION;
        st.stage = "probe";
        st.worker = (char *)(arg ? arg : "probe-1");
        return zc_msg_send(sock, &st.base, 0) ? 1 : 0;
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

int main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[1], "send") && strcmp(argv[1], "recv"))) {
        fprintf(stderr, "usage: zc_probe send ENDPOINT KIND [ARG] | recv ENDPOINT KIND TIMEOUT_MS\n");
        return 2;
    }
    bool send = !strcmp(argv[1], "send");
    void *ctx = zmq_ctx_new();
    zc_sockopt_t opt = {.type = send ? ZMQ_PUSH : ZMQ_PULL, .maxmsg = 64 << 20, .immediate = send};
    void *sock = zc_sock_open(ctx, &opt, argv[2], false);
    if (!sock)
        return 2;
    int rc;
    if (send) {
        /* Wait for the connection so the message is not queued to nowhere. */
        zmq_pollitem_t it = {sock, 0, ZMQ_POLLOUT, 0};
        zmq_poll(&it, 1, ZC_PROBE_CONNECT_WAIT_MS);
        rc = s_send(sock, argv[3], argc > 4 ? argv[4] : NULL);
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
