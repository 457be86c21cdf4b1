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

    Invariants
    1. The handler answers on its first call for a request and marks the
       request (*con_cls) so that later calls (a request body arriving) are
       consumed and ignored: no body is ever read or kept.
    2. routes[0..n_routes) have distinct paths; a static route owns one
       persistent response, destroyed with the server.
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

static const char s_body_404[] = "not found\n";
static const char s_body_405[] = "method not allowed\n";
static const char s_body_500[] = "internal error\n";

typedef struct {
    zc_http_route_t r;
    struct MHD_Response *resp; /* static routes only */
} s_route_t;

struct zc_http_t {
    struct MHD_Daemon *daemon;
    int fd, port;
    s_route_t routes[ZC_HTTP_MAX_ROUTES];
    size_t n_routes;
    struct MHD_Response *r404, *r405, *r500;
    uint64_t requests;
    int64_t last_log_ms;
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
    int64_t now = zc_mono_ms();
    if (self && now - self->last_log_ms < S_LOG_EVERY_MS)
        return;
    if (self)
        self->last_log_ms = now;
    char line[S_LOG_LINE];
    vsnprintf(line, sizeof line, fm, ap);
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
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
    if (!self->r404 || !self->r405 || !self->r500)
        goto err;
    MHD_add_response_header(self->r405, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");

    unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
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
    if (self->daemon)
        MHD_stop_daemon(self->daemon);
    for (size_t i = 0; i < self->n_routes; i++)
        if (self->routes[i].resp)
            MHD_destroy_response(self->routes[i].resp);
    if (self->r404)
        MHD_destroy_response(self->r404);
    if (self->r405)
        MHD_destroy_response(self->r405);
    if (self->r500)
        MHD_destroy_response(self->r500);
    free(self);
    *self_p = NULL;
}

int zc_http_route(zc_http_t *self, const zc_http_route_t *route)
{
    assert(route->path && route->content_type && (route->data || route->fn));
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
    return 0;
}
