/*  zc_http — the sink's small HTTP server (libmicrohttpd), driven by the
    sink's own event loop.

    Why external polling, not a thread: the sink is one single-threaded loop
    (STYLE §7) and everything it serves (the stats snapshot, the metrics, the
    dashboard page) lives in that loop's memory. libmicrohttpd runs here in
    "external select" mode with epoll: the daemon's whole state is one epoll
    descriptor (zc_http_fd) that the loop adds to its zmq_poll set, and
    zc_http_run() does the daemon's work, non-blocking, after every wake-up.
    Request handlers therefore run on the loop's thread and read the loop's
    data directly: no lock, no second copy of the aggregates, no race between
    a handler and the once-a-second refresh. A dynamic route's body is copied
    into the response (MHD_RESPMEM_MUST_COPY), so a slow client that is still
    reading last second's snapshot never sees it change under it; a static
    route (the dashboard page) is served from its constant bytes.

    Bounds: at most ZC_HTTP_MAX_CONNECTIONS connections at once (more wait in
    the listen backlog, then are refused), each closed after
    ZC_HTTP_TIMEOUT_S idle seconds and held to ZC_HTTP_CONN_MEMORY bytes of
    request (headers included: a larger request gets an error from
    libmicrohttpd and the connection is closed). Only GET and HEAD are
    served; any other method gets 405 (with Allow), any other path 404. No
    request body is ever read. At most ZC_HTTP_MAX_STREAMS of the
    connections are event streams (Server-Sent Events, text/event-stream):
    the dashboard holds one open and is pushed each new snapshot instead of
    asking for it, which saves the browser a request a second.

    Failure to listen (port taken, address not local) is not fatal: the
    caller gets NULL with a warning logged, and runs on without HTTP.
*/
#ifndef ZC_HTTP_H
#define ZC_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZC_HTTP_MAX_CONNECTIONS 64
#define ZC_HTTP_TIMEOUT_S 10
#define ZC_HTTP_CONN_MEMORY (64 * 1024)
#define ZC_HTTP_MAX_ROUTES 8
#define ZC_HTTP_HOST_MAX 256
#define ZC_HTTP_MAX_STREAMS 16   /* event-stream clients at once; more get 503 */
#define ZC_HTTP_STREAM_RETRY_MS 2000 /* the reconnection delay sent to them */
#define ZC_HTTP_EVENT_MAX (65u << 20) /* one event, "data:" prefixes included */

typedef struct zc_http_t zc_http_t;

/* A dynamic route's handler: sets *data / *len to the body to send (copied
   at once, so it only has to stay valid until the handler's caller returns).
   Returns 0, or a ZC_E* code to answer 500 instead. */
typedef int (*zc_http_fn)(void *arg, const char **data, size_t *len);

typedef struct {
    const char *path;          /* exact match, e.g. "/metrics" */
    const char *content_type;
    const char *csp;           /* Content-Security-Policy header, or NULL */
    const void *data;          /* static body (not copied; must outlive the server) ... */
    size_t len;
    zc_http_fn fn;             /* ... or a handler called per request (data NULL) */
    void *arg;
    bool stream;               /* ... or the event stream (data and fn NULL): every
                                  zc_http_publish() goes to each client connected */
} zc_http_route_t;

/* True when spec turns HTTP off: NULL, "" or "off". */
bool zc_http_disabled(const char *spec);

/* Parses "HOST:PORT", "[IPV6]:PORT" or "*:PORT" (every interface) into host
   (the bracketless address; "*" becomes "0.0.0.0") and port (0: any free
   port). Returns 0 or ZC_EINVAL (no port, port out of range, host too long).
   The host is not resolved here. */
int zc_http_parse(const char *spec, char *host, size_t hostlen, int *port);

/* Listens on spec (see zc_http_parse). Returns NULL, with a warning logged,
   when spec is bad, the host does not resolve or the socket cannot be bound;
   the caller then goes on without HTTP. */
zc_http_t *zc_http_new(const char *spec);

/* Stops listening, closes every connection; NULL-safe, nulls *self_p. */
void zc_http_destroy(zc_http_t **self_p);

/* Adds a route (the struct is copied; its strings and static data are not).
   Returns 0, or ZC_ETOOBIG beyond ZC_HTTP_MAX_ROUTES. */
int zc_http_route(zc_http_t *self, const zc_http_route_t *route);

/* The descriptor to poll for input (an epoll fd), and the longest the loop
   may sleep before calling zc_http_run() again (at most max_ms). */
int zc_http_fd(const zc_http_t *self);
int64_t zc_http_timeout_ms(zc_http_t *self, int64_t max_ms);

/* Accepts, reads, answers and times out connections; never blocks. Call it
   after every wake-up of the loop's poll. */
void zc_http_run(zc_http_t *self);

/* Sends data to every client of the event-stream route as one Server-Sent
   Event ("data:" lines; a trailing newline is dropped), now or, for a client
   still sending an earlier event, once it has; a client that falls behind
   skips to the latest event, never gets half of one; a client that connects
   gets the latest event at once. The data is copied; data too large for one
   event (ZC_HTTP_EVENT_MAX) is not sent, with a warning. A stream client
   costs nothing between events: its connection is suspended. */
void zc_http_publish(zc_http_t *self, const char *data, size_t len);

/* Event-stream clients connected now. */
size_t zc_http_streams(const zc_http_t *self);

/* The port actually bound (useful when the spec said port 0). */
int zc_http_port(const zc_http_t *self);

/* Requests answered so far (any status). */
uint64_t zc_http_requests(const zc_http_t *self);

int zc_http_test(bool verbose);

#endif
