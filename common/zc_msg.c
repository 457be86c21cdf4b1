/*  zc_msg — see zc_msg.h. */
#include "zc_msg.h"

#include "zc_log.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

int zc_endpoint(const char *in, char *buf, size_t size)
{
    if (!in || !*in)
        return ZC_EINVAL;
    int n = strstr(in, "://") ? snprintf(buf, size, "%s", in) : snprintf(buf, size, "tcp://%s", in);
    return n > 0 && (size_t)n < size ? ZC_OK : ZC_EINVAL;
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

int zc_msg_test(bool verbose)
{
    ZC_UNUSED(verbose);
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
    return 0;
}
