/*  zc_msg — ZeroMQ sockets and protobuf-c messages, the only way stages talk.

    Endpoints are given as ZeroMQ addresses (tcp://host:port, ipc://path) or
    as plain HOST:PORT, which means tcp. Every socket gets a bounded message
    size (ZMQ_MAXMSGSIZE: a peer cannot make a stage allocate without limit),
    bounded queues and a linger, so a graceful exit still delivers what was
    queued.

    zc_msg_recv() decodes one message and checks its format version. A message
    that does not decode, or carries another version, is dropped: the call
    returns ZC_EPROTO / ZC_EVERSION and the caller counts it and goes on.
*/
#ifndef ZC_MSG_H
#define ZC_MSG_H

#include "zcrawl.pb-c.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Version of the messages in proto/zcrawl.proto. */
#define ZC_FORMAT_VERSION 1

/* Limits shared by every socket. */
#define ZC_MSG_OVERHEAD (256 * 1024)     /* headers, links and fields around a body */
#define ZC_CONTROL_MSG_MAX (16 * 1024 * 1024) /* any message without a page body */
#define ZC_SOCK_LINGER_MS 5000
#define ZC_SOCK_HWM 10000

typedef struct {
    int type;          /* ZMQ_PUSH, ZMQ_PULL */
    int64_t maxmsg;    /* ZMQ_MAXMSGSIZE for incoming messages; 0 = ZC_CONTROL_MSG_MAX */
    int sndhwm, rcvhwm;/* 0 = ZC_SOCK_HWM */
    bool immediate;    /* ZMQ_IMMEDIATE: queue only to completed connections */
} zc_sockopt_t;

/* Turns "HOST:PORT" into "tcp://HOST:PORT"; other forms are kept. The result
   is written to buf; ZC_EINVAL if it does not fit or is empty. */
int zc_endpoint(const char *in, char *buf, size_t size);

/* Creates a socket with the options and binds (bind=true) or connects it to
   the endpoint. Returns NULL and logs the reason on failure. */
void *zc_sock_open(void *ctx, const zc_sockopt_t *opt, const char *endpoint, bool bind);

/* Closes the socket, if any, and sets *sock to NULL. */
void zc_sock_close(void **sock);

/* True when a zmq_poll-free check says the socket has a message to read. */
bool zc_sock_readable(void *sock);

/* Packs msg and sends it; flags as zmq_send (ZMQ_DONTWAIT). 0 on success,
   ZC_EAGAIN if it would block, ZC_EIO otherwise. The message stays the caller's. */
int zc_msg_send(void *sock, const ProtobufCMessage *msg, int flags);

/* Receives one frame and unpacks it as desc. On success *out holds a message
   to free with zc_msg_free(). Returns ZC_EAGAIN when nothing is there (with
   ZMQ_DONTWAIT), ZC_EPROTO for bytes that do not decode, ZC_EVERSION for
   another format version, ZC_EIO on socket errors (EINTR included). */
int zc_msg_recv(void *sock, const ProtobufCMessageDescriptor *desc, int flags,
                ProtobufCMessage **out);

/* Unpacks bytes as desc with the version check of zc_msg_recv. */
int zc_msg_unpack(const ProtobufCMessageDescriptor *desc, const void *data, size_t len,
                  ProtobufCMessage **out);

/* Frees a message from zc_msg_recv/zc_msg_unpack; NULL-safe, nulls *msg. */
void zc_msg_free(ProtobufCMessage **msg);

int zc_msg_test(bool verbose);

#endif
