/*  zc_msg — ZeroMQ sockets and protobuf-c messages, the only way stages talk.

    Endpoints are given as ZeroMQ addresses (tcp://host:port, ipc://path) or
    as plain HOST:PORT, which means tcp. Every socket gets a bounded message
    size (ZMQ_MAXMSGSIZE: a peer cannot make a stage allocate without limit),
    bounded queues and a linger, so a graceful exit still delivers what was
    queued.

    zc_msg_recv() decodes one message and checks its format version. A message
    that does not decode, or carries another version, is dropped: the call
    returns ZC_EPROTO / ZC_EVERSION and the caller counts it and goes on.

    CURVE (--curve DIR). zc_curve_load() reads the process's key pair and every
    known public key from DIR; from then on each socket zc_sock_open() makes on
    a tcp:// or ipc:// endpoint is authenticated and encrypted (inproc never
    leaves the process and stays plain):
    - a bound socket is a CURVE server with the process's secret key, and
      admits only clients whose public key is one of DIR's. ZeroMQ asks a ZAP
      handler (RFC 27) on inproc://zeromq.zap.01 of the socket's context; one
      guard thread per context answers it, as CZMQ's zauth actor does, so the
      stages' single-threaded loops need no new socket to serve;
    - a connecting socket is a CURVE client with the process's key pair and
      the public key of opt->peer, the stage bound at the endpoint.
    A refused peer (unknown key, no CURVE at all, a wrong server key) never
    completes the handshake: it can neither send nor receive a message. The
    guard counts every refusal (zc_curve_refused(), sent by zc_stats as
    auth_failures_total) and logs it at most once a second per socket, with
    the peer's address when ZeroMQ knows it. It learns of handshakes that fail
    before ZAP (no CURVE, a wrong server key) from a socket monitor on each
    CURVE socket; on connecting sockets the same monitor logs a server that
    refuses this process.

    Key files: DIR/NAME.key (public) and DIR/NAME.key_secret (secret, mode
    0600), for NAME in zc_curve_ids: each holds one 40-character Z85 key on a
    line of its own; lines starting with '#' are comments.
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
/* Every socket pings its peers this often and drops a peer silent this long. */
#define ZC_SOCK_HEARTBEAT_IVL_MS 2000
#define ZC_SOCK_HEARTBEAT_TIMEOUT_MS 10000
#define ZC_SOCK_HWM 10000

typedef struct {
    int type;          /* ZMQ_PUSH, ZMQ_PULL */
    int64_t maxmsg;    /* ZMQ_MAXMSGSIZE for incoming messages; 0 = ZC_CONTROL_MSG_MAX */
    int sndhwm, rcvhwm;/* 0 = ZC_SOCK_HWM */
    bool immediate;    /* ZMQ_IMMEDIATE: queue only to completed connections */
    const char *peer;  /* connect: the stage bound at the endpoint ("producer", "broker",
                          "sink"), whose public key a CURVE client needs; bind: unused */
} zc_sockopt_t;

/* Turns "HOST:PORT" into "tcp://HOST:PORT"; other forms are kept. The result
   is written to buf; ZC_EINVAL if it does not fit or is empty. */
int zc_endpoint(const char *in, char *buf, size_t size);

/* Creates a socket with the options and binds (bind=true) or connects it to
   the endpoint; with CURVE loaded (see above) a tcp/ipc socket is a CURVE
   server (bind) or a client of opt->peer (connect). Returns NULL and logs the
   reason on failure (a connect without opt->peer fails under CURVE). */
void *zc_sock_open(void *ctx, const zc_sockopt_t *opt, const char *endpoint, bool bind);

/* Connects an open socket (from zc_sock_open, bind=false) to one more
   endpoint, with the same options and CURVE peer. 0, or ZC_EINVAL (logged). */
int zc_sock_connect(void *sock, const char *endpoint);

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

/* --- CURVE ------------------------------------------------------------------- */

#define ZC_CURVE_KEY_LEN 40            /* Z85 text of a 32-byte key */
#define ZC_CURVE_PUBLIC_SUFFIX ".key"
#define ZC_CURVE_SECRET_SUFFIX ".key_secret"
#define ZC_CURVE_CLIENT "client"       /* the identity of every non-stage tool */
#define ZC_CURVE_NIDS 6

/* The identities that have a key pair: the five stages, then "client". */
extern const char *const zc_curve_ids[ZC_CURVE_NIDS];

/* The identity a process of this stage uses: the stage's own name for the
   five stages, ZC_CURVE_CLIENT for anything else (seed, run, test tools). */
const char *zc_curve_identity(const char *stage);

/* Reads one key file into key (40 characters and a NUL). 0 on success;
   otherwise ZC_EIO (unreadable) or ZC_EINVAL (not one Z85 key), with a
   message naming the file in err. */
int zc_curve_read_key(const char *path, char key[ZC_CURVE_KEY_LEN + 1], char *err,
                      size_t errsize);

/* Checks that dir holds a usable key pair for identity (its secret key, the
   public key it derives matching NAME.key) and every identity's public key.
   0 or a negative code with a message naming the file in err. */
int zc_curve_check(const char *dir, const char *identity, char *err, size_t errsize);

/* As zc_curve_check, then turns CURVE on for every socket opened afterwards
   in this process. On failure nothing changes. */
int zc_curve_load(const char *dir, const char *identity, char *err, size_t errsize);

/* Turns CURVE off for sockets opened afterwards (open ones keep theirs) and
   forgets the guards of terminated contexts. For tests. */
void zc_curve_off(void);

/* True while CURVE is on. */
bool zc_curve_on(void);

/* Peers refused by this process's CURVE sockets so far (all contexts). */
uint64_t zc_curve_refused(void);

int zc_msg_test(bool verbose);

#endif
