/*  zc_http — see zc_http.h.

    Design notes
    The daemon is started with MHD_USE_EPOLL and without
    MHD_USE_INTERNAL_POLLING_THREAD, so libmicrohttpd creates no thread: its
    listening socket and connections sit in one epoll set whose descriptor
    the caller polls. libmicrohttpd watches connection sockets edge-triggered
    and keeps its own list of connections with work left; MHD_get_timeout()
    is 0 while that list is not empty, which is why the loop must both honour
    zc_http_timeout_ms() and call zc_http_run() after every wake-up, whatever
    woke it.

    Responses: 404, 405 and every static route are built once and queued as
    often as needed (MHD_RESPMEM_PERSISTENT, reference-counted by the
    library); a dynamic route's body is copied into a fresh response per
    request. HEAD gets the same status and headers as GET and no body
    (libmicrohttpd drops the body of a HEAD answer itself).

    Event streams: each client of the stream route gets a response whose
    body comes from s_stream_read() (chunked, no length) and a subscriber
    that holds a copy of the event it is sending. With nothing new to send,
    the reader suspends the connection (libmicrohttpd then leaves it alone:
    no wake-up, no timeout); zc_http_publish() stores the event and resumes
    every suspended subscriber, whose reader then copies the latest event.
    libmicrohttpd frees the subscriber (s_stream_free) when the connection
    ends. Suspended connections must be resumed before the daemon stops:
    zc_http_destroy() resumes them with `closing` set, so that each reader
    ends its stream, and runs the daemon once more before stopping it.

    Invariants
    1. The handler answers on its first call for a request and marks the
       request (*con_cls) so that later calls (a request body arriving) are
       consumed and ignored: no body is ever read or kept.
    2. routes[0..n_routes) have distinct paths; a static route owns one
       persistent response, destroyed with the server.
    3. subs lists the live subscribers, n_subs of them (<=
       ZC_HTTP_MAX_STREAMS); sub->suspended is true exactly while its
       connection is suspended; sub->off <= sub->len.
    4. event holds the latest published event, event_seq counts
       publications (0: none yet); a subscriber's seq is that of the event
       in its buffer, 0 before its first.
*/
#include "zc_http.h"

#include "zc_buf.h"
#include "zc_log.h"
#include "zc_util.h"

#include <assert.h>
#include <curl/curl.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define S_LOG_EVERY_MS 1000 /* at most one libmicrohttpd message per period */
#define S_LOG_LINE 512
#define S_STREAM_BLOCK 16384 /* an event stream's write size */

static const char s_body_404[] = "not found\n";
static const char s_body_405[] = "method not allowed\n";
static const char s_body_500[] = "internal error\n";
static const char s_body_503[] = "too many event streams\n";

typedef struct s_sub_t s_sub_t;

typedef struct {
    zc_http_route_t r;
    struct MHD_Response *resp; /* static routes only */
} s_route_t;

struct zc_http_t {
    struct MHD_Daemon *daemon;
    int fd, port;
    s_route_t routes[ZC_HTTP_MAX_ROUTES];
    size_t n_routes;
    struct MHD_Response *r404, *r405, *r500, *r503;
    uint64_t requests;
    int64_t last_log_ms;
    zc_buf_t event;       /* the latest event, "data: ...\n\n" (invariant 4) */
    uint64_t event_seq;
    s_sub_t *subs;        /* invariant 3 */
    size_t n_subs;
    bool closing;
};

/* One event-stream client. */
struct s_sub_t {
    zc_http_t *owner;
    struct MHD_Connection *conn;
    s_sub_t *prev, *next;
    zc_buf_t buf;         /* the event being sent */
    size_t off;           /* bytes of buf sent */
    uint64_t seq;
    bool suspended;
};

bool zc_http_disabled(const char *spec)
{
    return !spec || !*spec || strcmp(spec, "off") == 0;
}

int zc_http_parse(const char *spec, char *host, size_t hostlen, int *port)
{
    if (!spec)
        return ZC_EINVAL;
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec)
        return ZC_EINVAL;
    const char *h = spec;
    size_t hl = (size_t)(colon - spec);
    if (h[0] == '[') {
        if (hl < 3 || h[hl - 1] != ']')
            return ZC_EINVAL;
        h++;
        hl -= 2;
    } else if (memchr(h, ':', hl)) {
        return ZC_EINVAL; /* an IPv6 address needs brackets */
    }
    int64_t p;
    if (zc_parse_i64(colon + 1, 0, 65535, &p) != 0)
        return ZC_EINVAL;
    if (hl == 1 && h[0] == '*') {
        h = "0.0.0.0";
        hl = strlen(h);
    }
    if (hl + 1 > hostlen)
        return ZC_EINVAL;
    for (size_t i = 0; i < hl; i++)
        if ((unsigned char)h[i] <= ' ' || h[i] == '/' || h[i] == '[' || h[i] == ']')
            return ZC_EINVAL;
    memcpy(host, h, hl);
    host[hl] = '\0';
    *port = (int)p;
    return ZC_OK;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* libmicrohttpd's own messages (bind failures, protocol errors), rate-limited. */
static void s_log(void *cls, const char *fm, va_list ap)
{
    zc_http_t *self = cls;
    char line[S_LOG_LINE];
    vsnprintf(line, sizeof line, fm, ap);
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    /* A client that went away (a dashboard closed mid-stream) is routine. */
    if (strstr(line, "no longer available")) {
        zc_debug("http: %s", line);
        return;
    }
    int64_t now = zc_mono_ms();
    if (self && now - self->last_log_ms < S_LOG_EVERY_MS)
        return;
    if (self)
        self->last_log_ms = now;
    zc_warn("http: %s", line);
}
#pragma GCC diagnostic pop

static struct MHD_Response *s_fixed(const char *body, size_t len, const char *ctype)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return NULL;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    return r;
}

static const s_route_t *s_find(const zc_http_t *self, const char *url)
{
    for (size_t i = 0; i < self->n_routes; i++)
        if (strcmp(self->routes[i].r.path, url) == 0)
            return &self->routes[i];
    return NULL;
}

/* MHD_ContentReaderCallback of a stream: the rest of the event in hand,
   else the latest event if there is a newer one, else nothing for now (the
   connection is suspended until zc_http_publish). */
static ssize_t s_stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    ZC_UNUSED(pos);
    s_sub_t *sub = cls;
    zc_http_t *self = sub->owner;
    if (self->closing)
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (sub->off == sub->buf.len) {
        if (sub->seq == self->event_seq) {
            MHD_suspend_connection(sub->conn);
            sub->suspended = true;
            return 0;
        }
        zc_buf_reset(&sub->buf);
        if (zc_buf_add(&sub->buf, self->event.data, self->event.len) != 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        sub->seq = self->event_seq;
        sub->off = 0;
    }
    size_t n = sub->buf.len - sub->off;
    if (n > max)
        n = max;
    memcpy(buf, sub->buf.data + sub->off, n);
    sub->off += n;
    return (ssize_t)n;
}

/* MHD_ContentReaderFreeCallback: the stream's connection is done. */
static void s_stream_free(void *cls)
{
    s_sub_t *sub = cls;
    zc_http_t *self = sub->owner;
    if (sub->prev)
        sub->prev->next = sub->next;
    else
        self->subs = sub->next;
    if (sub->next)
        sub->next->prev = sub->prev;
    self->n_subs--;
    zc_buf_free(&sub->buf);
    free(sub);
}

/* A new event-stream client: starts with the reconnection delay, then gets
   the latest event. */
static enum MHD_Result s_stream_open(zc_http_t *self, struct MHD_Connection *conn,
                                     const s_route_t *rt)
{
    if (self->n_subs >= ZC_HTTP_MAX_STREAMS || self->closing)
        return MHD_queue_response(conn, MHD_HTTP_SERVICE_UNAVAILABLE, self->r503);
    s_sub_t *sub = zc_calloc(1, sizeof *sub);
    sub->owner = self;
    sub->conn = conn;
    zc_buf_init(&sub->buf, ZC_HTTP_EVENT_MAX);
    char retry[32];
    int n = snprintf(retry, sizeof retry, "retry: %d\n\n", ZC_HTTP_STREAM_RETRY_MS);
    zc_buf_add(&sub->buf, retry, (size_t)n);
    struct MHD_Response *r = MHD_create_response_from_callback(
        MHD_SIZE_UNKNOWN, S_STREAM_BLOCK, s_stream_read, sub, s_stream_free);
    if (!r) {
        zc_buf_free(&sub->buf);
        free(sub);
        return MHD_NO;
    }
    sub->next = self->subs;
    if (self->subs)
        self->subs->prev = sub;
    self->subs = sub;
    self->n_subs++;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rt->r.content_type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Accel-Buffering", "no"); /* a proxy must not hold events */
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r); /* freed, with the subscriber, when the connection is done */
    return ret;
}

static enum MHD_Result s_handle(void *cls, struct MHD_Connection *conn, const char *url,
                                const char *method, const char *version,
                                const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    zc_http_t *self = cls;
    if (*con_cls) {
        /* Already answered (invariant 1): drop any request body. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    *con_cls = self;
    self->requests++;
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return MHD_queue_response(conn, MHD_HTTP_METHOD_NOT_ALLOWED, self->r405);
    const s_route_t *rt = s_find(self, url ? url : "");
    if (!rt)
        return MHD_queue_response(conn, MHD_HTTP_NOT_FOUND, self->r404);
    if (rt->resp)
        return MHD_queue_response(conn, MHD_HTTP_OK, rt->resp);
    if (rt->r.stream)
        return s_stream_open(self, conn, rt);
    const char *data = NULL;
    size_t len = 0;
    if (rt->r.fn(rt->r.arg, &data, &len) != 0 || (!data && len))
        return MHD_queue_response(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, self->r500);
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)(data ? data : ""), MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO; /* out of memory: libmicrohttpd closes the connection */
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rt->r.content_type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (rt->r.csp)
        MHD_add_response_header(r, "Content-Security-Policy", rt->r.csp);
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

zc_http_t *zc_http_new(const char *spec)
{
    char host[ZC_HTTP_HOST_MAX], portstr[16];
    int port;
    if (zc_http_parse(spec, host, sizeof host, &port) != 0) {
        zc_warn("http server off: bad address http=%s", spec ? spec : "");
        return NULL;
    }
    snprintf(portstr, sizeof portstr, "%d", port);
    struct addrinfo hints = {0}, *ai = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gai = getaddrinfo(host, portstr, &hints, &ai);
    if (gai != 0 || !ai) {
        zc_warn("http server off: cannot resolve http=%s err=\"%s\"", spec, gai_strerror(gai));
        if (ai)
            freeaddrinfo(ai);
        return NULL;
    }
    zc_http_t *self = zc_calloc(1, sizeof *self);
    self->fd = -1;
    self->r404 = s_fixed(s_body_404, sizeof s_body_404 - 1, "text/plain; charset=utf-8");
    self->r405 = s_fixed(s_body_405, sizeof s_body_405 - 1, "text/plain; charset=utf-8");
    self->r500 = s_fixed(s_body_500, sizeof s_body_500 - 1, "text/plain; charset=utf-8");
    self->r503 = s_fixed(s_body_503, sizeof s_body_503 - 1, "text/plain; charset=utf-8");
    zc_buf_init(&self->event, ZC_HTTP_EVENT_MAX);
    if (!self->r404 || !self->r405 || !self->r500 || !self->r503)
        goto err;
    MHD_add_response_header(self->r405, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");

    /* Suspend/resume (event streams) adds an eventfd to the daemon's epoll
       set, so a resume wakes the caller's poll like any socket. */
    unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* Every log of the daemon goes through s_log, rate-limited. */
    self->daemon = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, s_handle, self, /* the logger must come first */
        MHD_OPTION_EXTERNAL_LOGGER, s_log, self, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)ZC_HTTP_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)ZC_HTTP_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)ZC_HTTP_CONN_MEMORY, MHD_OPTION_END);
    freeaddrinfo(ai);
    ai = NULL;
    if (!self->daemon) {
        zc_warn("http server off: cannot listen http=%s (port in use? --http off disables it)",
                spec);
        goto err;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(self->daemon, MHD_DAEMON_INFO_EPOLL_FD);
    self->fd = info ? info->epoll_fd : -1;
    info = MHD_get_daemon_info(self->daemon, MHD_DAEMON_INFO_BIND_PORT);
    self->port = info ? (int)info->port : port;
    if (self->fd < 0) {
        zc_warn("http server off: no epoll descriptor http=%s", spec);
        goto err;
    }
    zc_info("http listening http=%s port=%d", spec, self->port);
    return self;
err:
    if (ai)
        freeaddrinfo(ai);
    zc_http_destroy(&self);
    return NULL;
}

void zc_http_destroy(zc_http_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_http_t *self = *self_p;
    if (self->daemon) {
        /* No connection may be suspended when the daemon stops: resume the
           streams, whose readers now end them. */
        self->closing = true;
        for (s_sub_t *sub = self->subs; sub; sub = sub->next)
            if (sub->suspended) {
                sub->suspended = false;
                MHD_resume_connection(sub->conn);
            }
        MHD_run(self->daemon);
        MHD_stop_daemon(self->daemon); /* frees the remaining subscribers */
    }
    for (size_t i = 0; i < self->n_routes; i++)
        if (self->routes[i].resp)
            MHD_destroy_response(self->routes[i].resp);
    if (self->r404)
        MHD_destroy_response(self->r404);
    if (self->r405)
        MHD_destroy_response(self->r405);
    if (self->r500)
        MHD_destroy_response(self->r500);
    if (self->r503)
        MHD_destroy_response(self->r503);
    zc_buf_free(&self->event);
    free(self);
    *self_p = NULL;
}

int zc_http_route(zc_http_t *self, const zc_http_route_t *route)
{
    assert(route->path && route->content_type &&
           (route->data || route->fn || route->stream));
    if (self->n_routes == ZC_HTTP_MAX_ROUTES || s_find(self, route->path))
        return ZC_ETOOBIG;
    s_route_t *rt = &self->routes[self->n_routes];
    memset(rt, 0, sizeof *rt);
    rt->r = *route;
    if (route->data) {
        rt->resp = MHD_create_response_from_buffer(route->len, (void *)route->data,
                                                   MHD_RESPMEM_PERSISTENT);
        if (!rt->resp)
            return ZC_ENOMEM;
        MHD_add_response_header(rt->resp, MHD_HTTP_HEADER_CONTENT_TYPE, route->content_type);
        MHD_add_response_header(rt->resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
        MHD_add_response_header(rt->resp, "X-Content-Type-Options", "nosniff");
        if (route->csp)
            MHD_add_response_header(rt->resp, "Content-Security-Policy", route->csp);
    }
    self->n_routes++;
    return ZC_OK;
}

int zc_http_fd(const zc_http_t *self)
{
    return self->fd;
}

int64_t zc_http_timeout_ms(zc_http_t *self, int64_t max_ms)
{
    MHD_UNSIGNED_LONG_LONG t = 0;
    if (MHD_get_timeout(self->daemon, &t) != MHD_YES)
        return max_ms;
    return t < (MHD_UNSIGNED_LONG_LONG)max_ms ? (int64_t)t : max_ms;
}

void zc_http_run(zc_http_t *self)
{
    MHD_run(self->daemon);
}

int zc_http_port(const zc_http_t *self)
{
    return self->port;
}

uint64_t zc_http_requests(const zc_http_t *self)
{
    return self->requests;
}

void zc_http_publish(zc_http_t *self, const char *data, size_t len)
{
    while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
        len--;
    /* One "data:" line per line of the data (an event ends at a blank
       line), built aside: an event too large leaves the last one in place. */
    zc_buf_t ev;
    zc_buf_init(&ev, ZC_HTTP_EVENT_MAX);
    int rc = 0;
    const char *p = data, *end = data + len;
    do {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        rc |= zc_buf_add(&ev, "data: ", 6);
        rc |= zc_buf_add(&ev, p, (size_t)(stop - p));
        rc |= zc_buf_addc(&ev, '\n');
        p = nl ? nl + 1 : end;
    } while (p < end);
    rc |= zc_buf_addc(&ev, '\n');
    if (rc) {
        zc_buf_free(&ev);
        zc_warn("http: event too large, not sent bytes=%zu", len);
        return;
    }
    zc_buf_free(&self->event);
    self->event = ev;
    self->event_seq++;
    bool resumed = false;
    for (s_sub_t *sub = self->subs; sub; sub = sub->next)
        if (sub->suspended) {
            sub->suspended = false;
            MHD_resume_connection(sub->conn);
            resumed = true;
        }
    if (resumed)
        MHD_run(self->daemon); /* sends now rather than at the next wake-up */
}

size_t zc_http_streams(const zc_http_t *self)
{
    return self->n_subs;
}

/* --- self-test ------------------------------------------------------------ */

typedef struct {
    int calls;
    int fail;
} s_test_state_t;

static int s_test_fn(void *arg, const char **data, size_t *len)
{
    s_test_state_t *st = arg;
    st->calls++;
    if (st->fail)
        return ZC_EIO;
    *data = "dynamic body\n";
    *len = strlen(*data);
    return 0;
}

static size_t s_test_write(char *p, size_t size, size_t n, void *arg)
{
    zc_buf_t *b = arg;
    return zc_buf_add(b, p, size * n) == 0 ? size * n : 0;
}

/* One request through libcurl, with the server driven in the same thread. */
static long s_test_req(zc_http_t *h, const char *method, const char *path, zc_buf_t *body,
                       zc_buf_t *hdrs)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", zc_http_port(h), path);
    CURL *e = curl_easy_init();
    CURLM *m = curl_multi_init();
    assert(e && m);
    zc_buf_reset(body);
    zc_buf_reset(hdrs);
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, s_test_write);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, s_test_write);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, hdrs);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    else if (strcmp(method, "POST") == 0)
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, "x=1");
    else if (strcmp(method, "GET") != 0)
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
    curl_multi_add_handle(m, e);
    int running = 1;
    int64_t deadline = zc_mono_ms() + 5000;
    while (running && zc_mono_ms() < deadline) {
        curl_multi_perform(m, &running);
        struct curl_waitfd w = {.fd = zc_http_fd(h), .events = CURL_WAIT_POLLIN};
        curl_multi_wait(m, &w, 1, (int)zc_http_timeout_ms(h, 20), NULL);
        zc_http_run(h);
    }
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    curl_multi_remove_handle(m, e);
    curl_easy_cleanup(e);
    curl_multi_cleanup(m);
    return running ? -1 : code;
}

/* Event-stream clients in one multi handle, the server driven in the same
   thread. */
typedef struct {
    CURLM *m;
    CURL *e[ZC_HTTP_MAX_STREAMS + 1];
    zc_buf_t body[ZC_HTTP_MAX_STREAMS + 1];
    int n;
} s_test_streams_t;

static int s_test_stream_open(s_test_streams_t *ts, zc_http_t *h, const char *path)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", zc_http_port(h), path);
    int i = ts->n++;
    assert(i < (int)ZC_ARRAY_LEN(ts->e));
    ts->e[i] = curl_easy_init();
    zc_buf_init(&ts->body[i], 1 << 20);
    curl_easy_setopt(ts->e[i], CURLOPT_URL, url);
    curl_easy_setopt(ts->e[i], CURLOPT_PROXY, "");
    curl_easy_setopt(ts->e[i], CURLOPT_WRITEFUNCTION, s_test_write);
    curl_easy_setopt(ts->e[i], CURLOPT_WRITEDATA, &ts->body[i]);
    curl_multi_add_handle(ts->m, ts->e[i]);
    return i;
}

static void s_test_stream_close(s_test_streams_t *ts, int i)
{
    curl_multi_remove_handle(ts->m, ts->e[i]);
    curl_easy_cleanup(ts->e[i]);
    ts->e[i] = NULL;
    zc_buf_free(&ts->body[i]);
}

/* Runs clients and server for up to ms, or until body i holds want (NULL:
   the whole time). Returns whether it does. */
static bool s_test_pump(s_test_streams_t *ts, zc_http_t *h, int i, const char *want, int ms)
{
    int64_t deadline = zc_mono_ms() + ms;
    for (;;) {
        if (want && ts->body[i].data && strstr(ts->body[i].data, want))
            return true;
        if (zc_mono_ms() >= deadline)
            return !want;
        int running;
        curl_multi_perform(ts->m, &running);
        struct curl_waitfd w = {.fd = zc_http_fd(h), .events = CURL_WAIT_POLLIN};
        curl_multi_wait(ts->m, &w, 1, (int)zc_http_timeout_ms(h, 10), NULL);
        zc_http_run(h);
    }
}

/* GET of a stream route, HEAD and 503: as for other routes; the events in
   order, each whole; late clients get the latest at once; a client gone
   leaves the list; suspended clients at destroy. */
static void s_test_streams(void)
{
    zc_http_t *h = zc_http_new("127.0.0.1:0");
    assert(h);
    zc_http_route_t r = {.path = "/events", .content_type = "text/event-stream", .stream = true};
    assert(zc_http_route(h, &r) == 0);
    zc_http_publish(h, "ignored\n", 8); /* nobody listening yet */
    s_test_streams_t ts = {.m = curl_multi_init()};
    int a = s_test_stream_open(&ts, h, "/events");
    assert(s_test_pump(&ts, h, a, "retry: 2000\n\n", 3000));
    /* It gets the event published before it came, then waits suspended. */
    assert(s_test_pump(&ts, h, a, "data: ignored\n\n", 3000));
    assert(zc_http_streams(h) == 1);
    s_test_pump(&ts, h, a, NULL, 100);
    size_t len = ts.body[a].len;
    s_test_pump(&ts, h, a, NULL, 100);
    assert(ts.body[a].len == len); /* nothing new, nothing sent */
    zc_http_publish(h, "one\n", 4);
    assert(s_test_pump(&ts, h, a, "data: ignored\n\ndata: one\n\n", 3000));
    zc_http_publish(h, "two\nlines", 9);
    assert(s_test_pump(&ts, h, a, "data: one\n\ndata: two\ndata: lines\n\n", 3000));
    /* A late client: the latest event only. */
    int b = s_test_stream_open(&ts, h, "/events");
    assert(s_test_pump(&ts, h, b, "retry: 2000\n\ndata: two\ndata: lines\n\n", 3000));
    assert(!strstr(ts.body[b].data, "one"));
    /* A large event reaches both whole. */
    static char big[200000];
    memset(big, 'x', sizeof big - 2);
    big[sizeof big - 2] = 'y';
    zc_http_publish(h, big, sizeof big - 1);
    assert(s_test_pump(&ts, h, a, "xy\n\n", 5000) && s_test_pump(&ts, h, b, "xy\n\n", 5000));
    assert(zc_http_streams(h) == 2);
    /* A client that leaves is dropped when a write to it fails: a suspended
       connection is not watched, so at the latest after the next events. */
    s_test_stream_close(&ts, b);
    zc_http_publish(h, "three", 5);
    assert(s_test_pump(&ts, h, a, "data: three\n\n", 3000));
    int64_t until = zc_mono_ms() + 3000;
    for (int k = 0; zc_http_streams(h) != 1 && zc_mono_ms() < until; k++) {
        zc_http_publish(h, "more", 4);
        s_test_pump(&ts, h, a, NULL, 50);
    }
    assert(zc_http_streams(h) == 1);
    /* The bound: ZC_HTTP_MAX_STREAMS, then 503. */
    for (int i = 1; i < ZC_HTTP_MAX_STREAMS; i++)
        (void)s_test_stream_open(&ts, h, "/events");
    until = zc_mono_ms() + 5000;
    while (zc_http_streams(h) != ZC_HTTP_MAX_STREAMS && zc_mono_ms() < until)
        s_test_pump(&ts, h, a, NULL, 20);
    assert(zc_http_streams(h) == ZC_HTTP_MAX_STREAMS);
    zc_buf_t body, hdrs;
    zc_buf_init(&body, 1 << 20);
    zc_buf_init(&hdrs, 1 << 20);
    assert(s_test_req(h, "GET", "/events", &body, &hdrs) == 503);
    assert(zc_http_streams(h) == ZC_HTTP_MAX_STREAMS);
    zc_buf_free(&body);
    zc_buf_free(&hdrs);
    /* Destroyed with suspended streams: they are ended, nothing leaks. */
    zc_http_destroy(&h);
    for (int i = 0; i < ts.n; i++)
        if (ts.e[i])
            s_test_stream_close(&ts, i);
    curl_multi_cleanup(ts.m);
}

int zc_http_test(bool verbose)
{
    ZC_UNUSED(verbose);
    char host[ZC_HTTP_HOST_MAX];
    int port = -1;
    /* Address syntax. */
    assert(zc_http_disabled(NULL) && zc_http_disabled("") && zc_http_disabled("off"));
    assert(!zc_http_disabled("127.0.0.1:8080"));
    assert(zc_http_parse("127.0.0.1:8080", host, sizeof host, &port) == 0 &&
           !strcmp(host, "127.0.0.1") && port == 8080);
    assert(zc_http_parse("[::1]:0", host, sizeof host, &port) == 0 && !strcmp(host, "::1") &&
           port == 0);
    assert(zc_http_parse("*:9", host, sizeof host, &port) == 0 && !strcmp(host, "0.0.0.0"));
    assert(zc_http_parse("localhost:65535", host, sizeof host, &port) == 0);
    assert(zc_http_parse("localhost", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse(":80", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse("h:65536", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse("h:-1", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse("h:80x", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse("::1:80", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse("[]:80", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse("a b:80", host, sizeof host, &port) == ZC_EINVAL);
    assert(zc_http_parse("abcdef:1", host, 4, &port) == ZC_EINVAL);

    /* A server on a free loopback port. */
    zc_http_t *h = zc_http_new("127.0.0.1:0");
    assert(h && zc_http_port(h) > 0 && zc_http_fd(h) >= 0);
    static const char page[] = "<!doctype html><title>t</title>";
    s_test_state_t st = {0};
    zc_http_route_t r1 = {.path = "/", .content_type = "text/html; charset=utf-8",
                          .csp = "default-src 'none'", .data = page, .len = sizeof page - 1};
    zc_http_route_t r2 = {.path = "/dyn", .content_type = "text/plain", .fn = s_test_fn,
                          .arg = &st};
    assert(zc_http_route(h, &r1) == 0 && zc_http_route(h, &r2) == 0);
    assert(zc_http_route(h, &r2) == ZC_ETOOBIG); /* same path twice */

    zc_buf_t body, hdrs;
    zc_buf_init(&body, 1 << 20);
    zc_buf_init(&hdrs, 1 << 20);
    assert(s_test_req(h, "GET", "/", &body, &hdrs) == 200);
    assert(body.len == sizeof page - 1 && !memcmp(body.data, page, body.len));
    assert(strstr(hdrs.data, "Content-Security-Policy: default-src 'none'"));
    assert(s_test_req(h, "GET", "/dyn?x=1", &body, &hdrs) == 200);
    assert(!strcmp(body.data, "dynamic body\n") && st.calls == 1);
    assert(strstr(hdrs.data, "Cache-Control: no-store"));
    assert(s_test_req(h, "HEAD", "/dyn", &body, &hdrs) == 200 && body.len == 0);
    assert(strstr(hdrs.data, "Content-Length: 13"));
    assert(s_test_req(h, "GET", "/nope", &body, &hdrs) == 404);
    assert(s_test_req(h, "POST", "/dyn", &body, &hdrs) == 405);
    assert(strstr(hdrs.data, "Allow: GET, HEAD"));
    assert(s_test_req(h, "DELETE", "/", &body, &hdrs) == 405);
    st.fail = 1;
    assert(s_test_req(h, "GET", "/dyn", &body, &hdrs) == 500);
    assert(zc_http_requests(h) == 7);

    /* The same port again cannot be bound: NULL, and the caller goes on. */
    char spec[64];
    snprintf(spec, sizeof spec, "127.0.0.1:%d", zc_http_port(h));
    zc_http_t *h2 = zc_http_new(spec);
    assert(h2 == NULL);
    assert(zc_http_new("bad") == NULL);

    zc_buf_free(&body);
    zc_buf_free(&hdrs);
    zc_http_destroy(&h);
    assert(h == NULL);
    zc_http_destroy(&h); /* NULL-safe */

    s_test_streams();
    return 0;
}
