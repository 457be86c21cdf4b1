/*  zc_fetcher — see zc_fetcher.h.

    Design notes
    The fetcher has cfg->concurrency transfer slots, allocated once. A slot
    keeps its curl easy handle (created on first use, options set once) and
    its header buffers across transfers. The body is received straight into
    the slot's Fetch buffer, behind room for the body field's key and length;
    s_pack() writes the other fields after the body and the buffer becomes
    the ZeroMQ message as it is (zmq_msg_init_data, freed by ZeroMQ once
    sent), so a page's bytes are copied once in user space (libcurl's buffer
    to ours) and the slot takes a fresh buffer for its next transfer. Per
    page that is one buffer allocation, plus what protobuf-c needs to decode
    the Task. Connections are reused through the multi handle's pool
    (CURLMOPT_MAXCONNECTS, s_max_connects), HTTP/2 streams are multiplexed.

    The loop drives libcurl with its socket interface: s_on_socket() mirrors
    the sockets libcurl wants watched into one epoll set, s_on_timer() keeps
    libcurl's one timer; zc_fetcher_run_once() waits in epoll_wait() and calls
    curl_multi_socket_action() for each ready socket only (and for the timer
    when due), so a wake-up costs O(ready sockets), not O(transfers).

    Slot states and transitions
        FREE --s_start()--> RUNNING --s_finish()--> FREE
        s_start():  a Task was taken from the PULL socket; the easy handle is
                    added to the multi (or, if that fails, finished at once).
        s_finish(): libcurl reported CURLMSG_DONE (or s_start failed); the
                    Fetch is laid out in the slot's buffer (s_pack), which
                    goes to the PUSH socket, and the Task is freed.

    Invariants
    1. inflight == number of RUNNING slots == handles in the multi
       <= cfg->concurrency: a Task is read from the socket only for a FREE
       slot, and never once stopping.
    2. A RUNNING slot owns exactly one Task; s_finish() sends one Fetch for it
       and frees it. Tasks still running at destroy get no Fetch (their lease
       at the producer re-dispatches them).
    3. body_len <= cfg->max_bytes; truncated is set iff bytes were dropped.
       out is NULL or owned by the slot; once handed to a message it is
       ZeroMQ's (s_out_free), so the bodies in memory are at most one being
       received per slot plus those queued for the broker (sndhwm).
       The crawler computes no digest: Fetch.digest stays unset and the
       parser hashes the body it receives (CPU the fetch loop saves).
    4. resp_hdr holds the header block of the final response (a 1xx block is
       replaced by the next one) and never more than cfg->max_header_bytes.
       head_done is set iff the block seen last has ended (its blank line).

    Hostile servers: the body limit counts decoded bytes, so a gzip bomb stops
    at max_bytes like a plain body (and the connection is closed at once); a
    header block over max_header_bytes and a single header line over
    libcurl's own cap (CURL_MAX_HTTP_HEADER, which libcurl < 8.6 reports as
    out of memory) are both `http`; resets and broken chunking are libcurl
    receive errors (`http`); trickles and silent servers end at the
    low-speed or total timeout (`timeout`).

    Waiting: the epoll set holds libcurl's sockets (level-triggered, as
    libcurl expects), the PULL socket's ZMQ_FD and the wake-up fd. ZMQ_FD is
    edge-triggered by nature and is registered with EPOLLET: a Task that
    stays queued while every slot is busy wakes the loop once, not again and
    again. So the rule is: take Tasks (s_take) whenever a slot is free, and
    before blocking ask ZMQ_EVENTS (which also re-arms the fd); when a Task
    is ready and a slot is free, epoll_wait gets timeout 0.
*/
#include "zc_fetcher.h"

#include "zc_addr.h"
#include "zc_buf.h"
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_robots.h"
#include "zc_signal.h"
#include "zc_util.h"

#include <assert.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

/* A slot's Fetch buffer starts this large (most pages fit) and doubles as
   the body grows, up to the body limit plus the rest of the Fetch. */
#define ZC_FETCHER_OUT_INITIAL_BYTES (64 * 1024)
/* Room before the body in the Fetch buffer for the body field's key and
   length (a protobuf key of field 7 is one byte, a length varint <= 10). */
#define ZC_FETCHER_BODY_HEAD 11
/* libcurl's receive buffer per easy handle (its default is 16 KiB). Most
   pages then arrive in one recv(), and libcurl 7.x polls the socket after
   every recv() to see whether more is pending: -2 syscalls per page here. */
#define ZC_FETCHER_CURL_BUFFER_BYTES (64 * 1024)
/* The protobuf key of Fetch.body: field 7, length-delimited. */
#define ZC_FETCHER_BODY_KEY ((7u << 3) | 2u)
/* The request header block kept for WARC. */
#define ZC_FETCHER_REQ_HDR_MAX (16 * 1024)
/* X-Robots-Tag values joined, and one Retry-After value. */
#define ZC_FETCHER_XROBOTS_MAX 4096
#define ZC_FETCHER_RETRY_AFTER_LEN 128
/* While the broker does not take a Fetch, check for stop this often. */
#define ZC_FETCHER_SEND_POLL_MS 100
/* At most one warning per this interval about bad Task messages. */
#define ZC_FETCHER_WARN_EVERY_MS 1000
#define ZC_FETCHER_SSRF_DETAIL_LEN 160
/* Ready fds taken from epoll per wait; more stay ready for the next one. */
#define ZC_FETCHER_EPOLL_BATCH 256

/* Error kinds of SPEC §6 that a crawler can report. */
typedef enum {
    S_ERR_NONE = -1,
    S_ERR_DNS = 0,
    S_ERR_CONNECT,
    S_ERR_TIMEOUT,
    S_ERR_TLS,
    S_ERR_TOO_LARGE,
    S_ERR_HTTP,
    S_ERR_SSRF,
    S_ERR_BAD_URL,
    S_ERR_OTHER,
    S_ERR_COUNT
} s_err_t;

static const char *const s_err_names[S_ERR_COUNT] = {
    "dns", "connect", "timeout", "tls", "too_large", "http", "ssrf", "bad_url", "other"};

/* Upper bounds (seconds, as written in the `le` label) of the fetch-latency
   histogram buckets; the last is +Inf. */
static const char *const s_dur_le[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                                       "1",     "2.5",  "5",     "10",   "30",  "60",  "+Inf"};
static const int64_t s_dur_le_us[] = {5000,    10000,   25000,    50000,    100000,
                                      250000,  500000,  1000000,  2500000,  5000000,
                                      10000000, 30000000, 60000000, INT64_MAX};

typedef struct s_xfer_t s_xfer_t;
struct s_xfer_t {
    zc_fetcher_t *owner;
    CURL *easy;                  /* NULL until the slot is first used */
    Zcrawl__Task *task;          /* owned while RUNNING */
    /* The Fetch being built: ZC_FETCHER_BODY_HEAD bytes of room, the body
       (body_len bytes, received straight here), then room for the other
       fields. Sent as the ZeroMQ message itself (no copy); NULL until the
       slot's next transfer needs one. */
    uint8_t *out;
    size_t out_cap, body_len;
    size_t limit;         /* body bytes kept: --max-bytes, or ZC_ROBOTS_MAX_BYTES for robots.txt */
    bool robots;          /* a ROBOTS task: redirects followed, a cut body is no error */
    zc_buf_t resp_hdr, req_hdr, xrobots;
    char retry_after[ZC_FETCHER_RETRY_AFTER_LEN];
    char errbuf[CURL_ERROR_SIZE];
    char ssrf_detail[ZC_FETCHER_SSRF_DETAIL_LEN];
    int64_t fetched_at_ms;
    bool truncated, hdr_overflow, ssrf, head_done;
    s_xfer_t *next_free;
};

struct zc_fetcher_t {
    const zc_crawler_cfg_t *cfg;
    zc_stats_t *stats;
    void *in, *out;
    int in_fd, wake_fd;
    int epfd;                    /* curl's sockets, the PULL socket's ZMQ_FD, wake_fd */
    int64_t timer_ms;            /* monotonic deadline of curl's timer, -1: none */
    CURLM *multi;
    s_xfer_t *slots;
    size_t nslots, inflight;
    s_xfer_t *free_list;
    bool stopping;
    int64_t drain_deadline_ms;   /* monotonic, valid when stopping */
    int64_t last_bad_warn_ms;
    /* metrics */
    uint64_t *fetches, *bytes, *bad_messages, *tasks_received, *send_dropped;
    uint64_t *errors[S_ERR_COUNT]; /* registered on first use */
    double *g_inflight, *g_concurrency;
    /* Fetch-latency histogram (transfers that ran): cumulative buckets as the
       sink's Prometheus exposition wants them, the sum in whole ms (counters
       are integers; the sink converts to seconds) and the count. */
    uint64_t *dur_bucket[ZC_ARRAY_LEN(s_dur_le)], *dur_sum_ms, *dur_count;
};


/* Redirects a robots.txt fetch follows (RFC 9309 2.3.1.2: at least five). */
#define S_ROBOTS_MAX_REDIRECTS 5
/* Idle connections kept per transfer slot (see s_max_connects). */
#define S_CONNECTS_PER_SLOT 8
/* Idle connections kept for reuse: a crawl cycling through hundreds of
   polite hosts comes back to each only after its delay, so the pool holds
   several connections per transfer slot, as far as the open-file limit
   allows (raised to its hard limit first). */
static long s_max_connects(int64_t concurrency)
{
    struct rlimit rl;
    long files = 1024;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
            getrlimit(RLIMIT_NOFILE, &rl);
        }
        files = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 1000000 ? 1000000
                                                                      : (long)rl.rlim_cur;
    }
    long want = (long)concurrency * S_CONNECTS_PER_SLOT;
    long room = files / 2 - (long)concurrency;
    if (want > room)
        want = room;
    return want > (long)concurrency ? want : (long)concurrency;
}

/* --- classification helpers ----------------------------------------------- */

static s_err_t s_error_kind(CURLcode rc, bool truncated, bool hdr_overflow, bool ssrf)
{
    switch (rc) {
    case CURLE_OK:
        return S_ERR_NONE;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return S_ERR_DNS;
    case CURLE_COULDNT_CONNECT:
        return ssrf ? S_ERR_SSRF : S_ERR_CONNECT;
    case CURLE_OPERATION_TIMEDOUT:
        return S_ERR_TIMEOUT;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return S_ERR_TLS;
    case CURLE_WRITE_ERROR:
        /* Our own callbacks abort by returning 0; anything else is local. */
        return truncated ? S_ERR_TOO_LARGE : hdr_overflow ? S_ERR_HTTP : S_ERR_OTHER;
    case CURLE_OUT_OF_MEMORY:
        /* hdr_overflow here: a header line over libcurl's cap (s_finish). */
        return hdr_overflow ? S_ERR_HTTP : S_ERR_OTHER;
#if LIBCURL_VERSION_NUM >= 0x080600
    case CURLE_TOO_LARGE: /* libcurl >= 8.6: a header line or block over its cap */
#endif
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_HTTP_RETURNED_ERROR:
    case CURLE_RANGE_ERROR:
        return S_ERR_HTTP;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return S_ERR_BAD_URL;
    default:
        return S_ERR_OTHER;
    }
}

/* Parses a Retry-After value: delay-seconds, or an HTTP-date turned into
   seconds from now (0 when already past). False when it is neither. */
static bool s_retry_after_parse(const char *v, time_t now, uint32_t *out)
{
    while (*v == ' ' || *v == '\t')
        v++;
    if (*v >= '0' && *v <= '9') {
        uint64_t n = 0;
        for (; *v >= '0' && *v <= '9'; v++)
            n = n > UINT32_MAX ? n : n * 10 + (uint64_t)(*v - '0');
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v)
            return false;
        *out = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
        return true;
    }
    time_t t = curl_getdate(v, NULL);
    if (t == -1)
        return false;
    int64_t d = (int64_t)t - (int64_t)now;
    *out = d <= 0 ? 0 : d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
    return true;
}

/* If the header line [p, p+n) is `name: value`, points *val at the value
   with surrounding blanks and the line end removed. */
static bool s_header_is(const char *p, size_t n, const char *name, const char **val,
                        size_t *vlen)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(p, name, k) != 0 || p[k] != ':')
        return false;
    const char *b = p + k + 1, *e = p + n;
    while (b < e && (*b == ' ' || *b == '\t'))
        b++;
    while (e > b && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t'))
        e--;
    *val = b;
    *vlen = (size_t)(e - b);
    return true;
}

/* --- libcurl callbacks ---------------------------------------------------- */

/* Grows the slot's Fetch buffer to at least need bytes: doubling, but not
   past what the largest Fetch can need (a body of max_bytes and
   ZC_MSG_OVERHEAD for the rest, the broker's message limit). */
static void s_out_reserve(s_xfer_t *x, size_t need)
{
    if (need <= x->out_cap)
        return;
    size_t limit = ZC_FETCHER_BODY_HEAD + (size_t)x->owner->cfg->max_bytes + ZC_MSG_OVERHEAD;
    size_t cap = x->out_cap ? x->out_cap : ZC_FETCHER_OUT_INITIAL_BYTES;
    while (cap < need)
        cap *= 2;
    if (cap > limit)
        cap = need > limit ? need : limit;
    x->out = zc_realloc(x->out, cap);
    x->out_cap = cap;
}

static size_t s_on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
    s_xfer_t *x = ud;
    size_t n = size * nmemb;
    size_t room = x->limit - x->body_len;
    size_t keep = n <= room ? n : room;
    if (keep) {
        s_out_reserve(x, ZC_FETCHER_BODY_HEAD + x->body_len + keep);
        memcpy(x->out + ZC_FETCHER_BODY_HEAD + x->body_len, ptr, keep);
        x->body_len += keep;
    }
    if (keep < n) {
        x->truncated = true;
        return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
    }
    return n;
}

static size_t s_on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
    s_xfer_t *x = ud;
    size_t n = size * nmemb;
    if (n >= 5 && memcmp(ptr, "HTTP/", 5) == 0) {
        /* A new response: forget an interim (1xx) one. */
        zc_buf_reset(&x->resp_hdr);
        zc_buf_reset(&x->xrobots);
        x->retry_after[0] = '\0';
        x->head_done = false;
    } else if ((n == 2 && ptr[0] == '\r' && ptr[1] == '\n') || (n == 1 && ptr[0] == '\n')) {
        x->head_done = true;
    }
    if (zc_buf_add(&x->resp_hdr, ptr, n) != 0) {
        x->hdr_overflow = true;
        return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
    }
    const char *v;
    size_t vlen;
    if (s_header_is(ptr, n, "x-robots-tag", &v, &vlen)) {
        /* Repeated headers join as one list; what does not fit is dropped. */
        if (x->xrobots.len && vlen && x->xrobots.len + 2 + vlen <= x->xrobots.max)
            zc_buf_add(&x->xrobots, ", ", 2);
        if (vlen && x->xrobots.len + vlen <= x->xrobots.max)
            zc_buf_add(&x->xrobots, v, vlen);
    } else if (s_header_is(ptr, n, "retry-after", &v, &vlen)) {
        if (vlen >= sizeof x->retry_after)
            vlen = sizeof x->retry_after - 1;
        memcpy(x->retry_after, v, vlen);
        x->retry_after[vlen] = '\0';
    }
    return n;
}

static int s_on_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *ud)
{
    ZC_UNUSED(easy);
    if (type == CURLINFO_HEADER_OUT) {
        s_xfer_t *x = ud;
        /* Too long (it cannot be, with our own headers): keep what fits. */
        if (zc_buf_add(&x->req_hdr, data, size) != 0)
            zc_buf_add(&x->req_hdr, data, x->req_hdr.max - x->req_hdr.len);
    }
    return 0;
}

/* The SSRF guard: sees every address libcurl is about to connect to. */
static curl_socket_t s_on_opensocket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    ZC_UNUSED(purpose);
    s_xfer_t *x = ud;
    if (!x->owner->cfg->allow_private) {
        zc_addr_class_t c = zc_addr_classify(&a->addr, a->addrlen);
        if (c != ZC_ADDR_PUBLIC) {
            x->ssrf = true;
            snprintf(x->ssrf_detail, sizeof x->ssrf_detail,
                     "refused to connect to a %s address (SSRF guard; --allow-private)",
                     zc_addr_class_name(c));
            return CURL_SOCKET_BAD;
        }
    }
    return socket(a->family, a->socktype, a->protocol);
}

/* --- libcurl's multi socket interface ------------------------------------ */

/* CURLMOPT_SOCKETFUNCTION: mirrors the events libcurl wants on a socket into
   the epoll set (level-triggered, as libcurl expects). socketp is non-NULL
   once the socket is in the set (curl_multi_assign). */
static int s_on_socket(CURL *easy, curl_socket_t fd, int what, void *ud, void *socketp)
{
    ZC_UNUSED(easy);
    zc_fetcher_t *self = ud;
    if (what == CURL_POLL_REMOVE) {
        /* The socket may be closed already (then it left the set by itself). */
        epoll_ctl(self->epfd, EPOLL_CTL_DEL, fd, NULL);
        curl_multi_assign(self->multi, fd, NULL);
        return 0;
    }
    struct epoll_event ev = {.events = 0, .data.fd = fd};
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
        ev.events |= EPOLLIN;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
        ev.events |= EPOLLOUT;
    int op = socketp ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int rc = epoll_ctl(self->epfd, op, fd, &ev);
    if (rc != 0 && errno == (op == EPOLL_CTL_ADD ? EEXIST : ENOENT))
        rc = epoll_ctl(self->epfd, op == EPOLL_CTL_ADD ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev);
    if (rc != 0) {
        /* Not -1: libcurl would then fail every transfer of the multi. This
           one ends at its timeout. */
        zc_error("epoll_ctl failed fd=%d err=\"%s\"", fd, strerror(errno));
        return 0;
    }
    if (!socketp)
        curl_multi_assign(self->multi, fd, self);
    return 0;
}

/* CURLMOPT_TIMERFUNCTION: libcurl's single timer, run by the loop. */
static int s_on_timer(CURLM *multi, long timeout_ms, void *ud)
{
    ZC_UNUSED(multi);
    zc_fetcher_t *self = ud;
    self->timer_ms = timeout_ms < 0 ? -1 : zc_mono_ms() + timeout_ms;
    return 0;
}

/* Adds fd to the epoll set for input; et: edge-triggered. */
static int s_watch(zc_fetcher_t *self, int fd, bool et)
{
    struct epoll_event ev = {.events = EPOLLIN | (et ? EPOLLET : 0u), .data.fd = fd};
    if (epoll_ctl(self->epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        zc_error("epoll_ctl failed fd=%d err=\"%s\"", fd, strerror(errno));
        return ZC_EIO;
    }
    return ZC_OK;
}

/* --- slots ---------------------------------------------------------------- */

/* Creates the slot's easy handle with every option that does not change
   between transfers. */
static CURL *s_easy_new(zc_fetcher_t *self, s_xfer_t *x)
{
    const zc_crawler_cfg_t *c = self->cfg;
    CURL *e = curl_easy_init();
    if (!e)
        return NULL;
    long low_speed_s = (long)((c->low_speed_ms + 999) / 1000);
    CURLcode rc = CURLE_OK;
#define S_SET(opt, val)                                                                    \
    do {                                                                                   \
        if (rc == CURLE_OK)                                                                \
            rc = curl_easy_setopt(e, opt, val);                                            \
    } while (0)
    S_SET(CURLOPT_PRIVATE, (void *)x);
    S_SET(CURLOPT_NOSIGNAL, 1L);
    S_SET(CURLOPT_PROTOCOLS_STR, "http,https");
    S_SET(CURLOPT_PROXY, ""); /* no proxy from the environment: the guard checks peers */
    S_SET(CURLOPT_FOLLOWLOCATION, 0L);
    S_SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    S_SET(CURLOPT_ACCEPT_ENCODING, "");
    S_SET(CURLOPT_USERAGENT, c->user_agent);
    S_SET(CURLOPT_CONNECTTIMEOUT_MS, (long)c->connect_timeout_ms);
    S_SET(CURLOPT_TIMEOUT_MS, (long)c->timeout_ms);
    S_SET(CURLOPT_LOW_SPEED_LIMIT, (long)c->low_speed_bytes);
    S_SET(CURLOPT_LOW_SPEED_TIME, c->low_speed_bytes > 0 ? low_speed_s : 0L);
    S_SET(CURLOPT_SSL_VERIFYPEER, c->insecure ? 0L : 1L);
    S_SET(CURLOPT_SSL_VERIFYHOST, c->insecure ? 0L : 2L);
    S_SET(CURLOPT_ERRORBUFFER, x->errbuf);
    S_SET(CURLOPT_BUFFERSIZE, (long)ZC_FETCHER_CURL_BUFFER_BYTES);
    S_SET(CURLOPT_WRITEFUNCTION, s_on_body);
    S_SET(CURLOPT_WRITEDATA, (void *)x);
    S_SET(CURLOPT_HEADERFUNCTION, s_on_header);
    S_SET(CURLOPT_HEADERDATA, (void *)x);
    S_SET(CURLOPT_OPENSOCKETFUNCTION, s_on_opensocket);
    S_SET(CURLOPT_OPENSOCKETDATA, (void *)x);
    /* The request headers as sent, for WARC request records. */
    S_SET(CURLOPT_DEBUGFUNCTION, s_on_debug);
    S_SET(CURLOPT_DEBUGDATA, (void *)x);
    S_SET(CURLOPT_VERBOSE, 1L);
#undef S_SET
    if (rc != CURLE_OK) {
        zc_error("curl setup failed err=\"%s\"", curl_easy_strerror(rc));
        curl_easy_cleanup(e);
        return NULL;
    }
    return e;
}

static void s_slot_release(zc_fetcher_t *self, s_xfer_t *x)
{
    zc_msg_free((ProtobufCMessage **)&x->task);
    x->next_free = self->free_list;
    self->free_list = x;
}

static void s_count_error(zc_fetcher_t *self, s_err_t kind)
{
    if (!self->errors[kind]) {
        char name[64];
        snprintf(name, sizeof name, "fetch_errors_total{kind=\"%s\"}", s_err_names[kind]);
        self->errors[kind] = zc_stats_counter(self->stats, name);
    }
    (*self->errors[kind])++;
}

/* zmq_msg_init_data's free function: the I/O thread is done with a Fetch
   buffer. */
static void s_out_free(void *data, void *hint)
{
    ZC_UNUSED(data);
    free(hint);
}

/* Sends one Fetch message (the socket takes it on success; on failure it is
   closed here). Waits for the broker as long as it takes, unless stopping:
   then it gives up at the drain deadline (the Task is simply not acked). */
static int s_send(zc_fetcher_t *self, zmq_msg_t *zm)
{
    for (;;) {
        if (zmq_msg_send(zm, self->out, ZMQ_DONTWAIT) >= 0)
            return ZC_OK;
        if (errno != EAGAIN) {
            zmq_msg_close(zm);
            return ZC_EIO;
        }
        if (!self->stopping && zc_signal_interrupted())
            zc_fetcher_stop(self, ZC_FETCHER_DRAIN_MS);
        if (self->stopping && zc_mono_ms() >= self->drain_deadline_ms) {
            zmq_msg_close(zm);
            return ZC_EAGAIN;
        }
        zmq_pollitem_t item = {.socket = self->out, .events = ZMQ_POLLOUT};
        zmq_poll(&item, 1, ZC_FETCHER_SEND_POLL_MS);
        zc_stats_tick(self->stats, false);
    }
}

/* Lays the Fetch out in the slot's buffer, around the body already there,
   and hands the buffer to a ZeroMQ message (the slot gets a new one on its
   next transfer): packed once, the body never copied. */
static void s_pack(s_xfer_t *x, const Zcrawl__Fetch *f, bool with_body, zmq_msg_t *zm)
{
    size_t blen = with_body ? x->body_len : 0; /* without: bytes kept are not sent */
    size_t rest = protobuf_c_message_get_packed_size(&f->base);
    s_out_reserve(x, ZC_FETCHER_BODY_HEAD + blen + rest);
    uint8_t *body = x->out + ZC_FETCHER_BODY_HEAD, *start = body;
    protobuf_c_message_pack(&f->base, body + blen);
    if (with_body) {
        uint8_t head[ZC_FETCHER_BODY_HEAD];
        size_t n = 0;
        head[n++] = (uint8_t)ZC_FETCHER_BODY_KEY;
        for (uint64_t v = blen;; v >>= 7) {
            head[n++] = (uint8_t)(v < 0x80 ? v : (v & 0x7f) | 0x80);
            if (v < 0x80)
                break;
        }
        start = body - n;
        memcpy(start, head, n);
    }
    size_t len = (size_t)(body + blen + rest - start);
    /* Only allocates the message header (and aborts when even that fails,
       like our allocator). */
    zmq_msg_init_data(zm, start, len, s_out_free, x->out);
    x->out = NULL;
    x->out_cap = 0;
}

/* Builds and sends the Fetch of a slot, then frees the slot. performed is
   false when the transfer never started (its curl info would be stale). */
static void s_finish(zc_fetcher_t *self, s_xfer_t *x, CURLcode result, bool performed)
{
    Zcrawl__Fetch f = ZCRAWL__FETCH__INIT;
    f.version = ZC_FORMAT_VERSION;
    f.task = x->task;
    f.worker = self->cfg->common.worker;

    long status = 0, httpver = 0, req_size = 0;
    char *ctype = NULL, *ip = NULL, *redirect = NULL;
    curl_off_t total_us = 0;
    if (performed) {
        curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ctype);
        curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip);
        curl_easy_getinfo(x->easy, CURLINFO_HTTP_VERSION, &httpver);
        curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME_T, &total_us);
        curl_easy_getinfo(x->easy, CURLINFO_REQUEST_SIZE, &req_size);
        if (status >= 300 && status < 400)
            curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &redirect);
    }
    f.has_status = true;
    f.status = status > 0 && status < 1000 ? (uint32_t)status : 0;

    if (result == CURLE_OUT_OF_MEMORY && req_size > 0 && !x->head_done) {
        /* Sent, and the response head unfinished: libcurl < 8.6 reports a
           header line over CURL_MAX_HTTP_HEADER as out of memory, silently. */
        x->hdr_overflow = true;
        snprintf(x->errbuf, sizeof x->errbuf,
                 "a response header line larger than libcurl's limit of %d bytes",
                 CURL_MAX_HTTP_HEADER);
    }
    s_err_t kind = s_error_kind(result, x->truncated, x->hdr_overflow, x->ssrf);
    /* robots.txt: the first ZC_ROBOTS_MAX_BYTES are what counts (RFC 9309 2.5). */
    if (x->robots && kind == S_ERR_TOO_LARGE && f.status != 0)
        kind = S_ERR_NONE;
    if (kind != S_ERR_NONE) {
        f.error = (char *)s_err_names[kind];
        f.error_detail = kind == S_ERR_SSRF ? x->ssrf_detail
                         : kind == S_ERR_TOO_LARGE ? "body larger than --max-bytes"
                         : x->hdr_overflow && result == CURLE_WRITE_ERROR
                             ? "response headers larger than --max-header-bytes"
                         : x->errbuf[0] ? x->errbuf
                                        : (char *)curl_easy_strerror(result);
        s_count_error(self, kind);
    }
    if (ctype && *ctype)
        f.content_type = ctype;
    /* With a response, the body is sent (empty or not) as field 7 right
       before the other fields (protobuf fields may come in any order). */
    bool with_body = f.status != 0;
    f.has_bytes = true;
    f.bytes = x->body_len;
    if (x->truncated) {
        f.has_truncated = true;
        f.truncated = true;
    }
    if (redirect && *redirect)
        f.redirect = redirect;
    f.has_fetched_at_ms = true;
    f.fetched_at_ms = (uint64_t)x->fetched_at_ms;
    f.has_fetch_ms = true;
    f.fetch_ms = (uint32_t)(total_us / 1000);
    if (ip && *ip)
        f.ip = ip;
    switch (httpver) {
    case CURL_HTTP_VERSION_1_0: f.http_version = "1.0"; break;
    case CURL_HTTP_VERSION_1_1: f.http_version = "1.1"; break;
    case CURL_HTTP_VERSION_2_0: f.http_version = "2"; break;
    case CURL_HTTP_VERSION_3: f.http_version = "3"; break;
    default: break;
    }
    if (x->xrobots.len)
        f.x_robots_tag = x->xrobots.data;
    uint32_t ra;
    if ((f.status == 429 || f.status == 503) && x->retry_after[0] &&
        s_retry_after_parse(x->retry_after, time(NULL), &ra)) {
        f.has_retry_after_s = true;
        f.retry_after_s = ra;
    }
    if (x->req_hdr.len) {
        f.has_request_headers = true;
        f.request_headers.data = (uint8_t *)x->req_hdr.data;
        f.request_headers.len = x->req_hdr.len;
    }
    if (x->resp_hdr.len) {
        f.has_response_headers = true;
        f.response_headers.data = (uint8_t *)x->resp_hdr.data;
        f.response_headers.len = x->resp_hdr.len;
    }

    (*self->fetches)++;
    *self->bytes += x->body_len;
    if (performed) {
        for (size_t i = 0; i < ZC_ARRAY_LEN(s_dur_le_us); i++)
            if ((int64_t)total_us <= s_dur_le_us[i])
                (*self->dur_bucket[i])++;
        *self->dur_sum_ms += (uint64_t)(total_us / 1000);
        (*self->dur_count)++;
    }
    zc_debug("fetched url=%s status=%u error=%s bytes=%zu ms=%u", x->task->url, f.status,
             f.error ? f.error : "-", x->body_len, f.fetch_ms);
    zmq_msg_t zm;
    s_pack(x, &f, with_body, &zm);
    int rc = s_send(self, &zm);
    if (rc != 0) {
        (*self->send_dropped)++;
        zc_warn("fetch not delivered to broker url=%s err=%s", x->task->url, zc_strerror(rc));
    }
    s_slot_release(self, x);
}

/* Puts a Task into a free slot and hands its transfer to libcurl. */
static void s_start(zc_fetcher_t *self, Zcrawl__Task *task)
{
    s_xfer_t *x = self->free_list;
    assert(x);
    self->free_list = x->next_free;
    x->next_free = NULL;
    x->task = task;
    x->body_len = 0;
    zc_buf_reset(&x->resp_hdr);
    zc_buf_reset(&x->req_hdr);
    zc_buf_reset(&x->xrobots);
    x->retry_after[0] = x->errbuf[0] = x->ssrf_detail[0] = '\0';
    x->truncated = x->hdr_overflow = x->ssrf = x->head_done = false;
    x->fetched_at_ms = zc_wall_ms();
    x->robots = task->has_kind && task->kind == ZCRAWL__TASK_KIND__ROBOTS;
    x->limit = (size_t)self->cfg->max_bytes;
    if (x->robots && x->limit > ZC_ROBOTS_MAX_BYTES)
        x->limit = ZC_ROBOTS_MAX_BYTES;

    if (!x->easy) {
        x->easy = s_easy_new(self, x);
        if (!x->easy) {
            snprintf(x->errbuf, sizeof x->errbuf, "cannot create a curl handle");
            s_finish(self, x, CURLE_OUT_OF_MEMORY, false);
            return;
        }
    }
    CURLcode rc = curl_easy_setopt(x->easy, CURLOPT_URL, task->url);
    /* Pages get their 3xx recorded; robots.txt follows up to 5 (RFC 9309 2.3.1.2). */
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, x->robots ? 1L : 0L);
    if (rc == CURLE_OK && x->robots)
        rc = curl_easy_setopt(x->easy, CURLOPT_MAXREDIRS, (long)S_ROBOTS_MAX_REDIRECTS);
    if (rc != CURLE_OK) {
        /* Only a URL too long for libcurl gets here. */
        s_finish(self, x, CURLE_URL_MALFORMAT, false);
        return;
    }
    CURLMcode mc = curl_multi_add_handle(self->multi, x->easy);
    if (mc != CURLM_OK) {
        snprintf(x->errbuf, sizeof x->errbuf, "%s", curl_multi_strerror(mc));
        s_finish(self, x, CURLE_FAILED_INIT, false);
        return;
    }
    self->inflight++;
}

/* Takes Tasks while a slot is free and the socket has one. Returns true
   when it stopped because the socket had none left (EAGAIN): that receive
   processed the socket's pending commands like ZMQ_EVENTS does, so the
   edge-triggered ZMQ_FD is armed for the next Task. */
static bool s_take(zc_fetcher_t *self)
{
    while (!self->stopping && self->free_list) {
        ProtobufCMessage *m = NULL;
        int rc = zc_msg_recv(self->in, &zcrawl__task__descriptor, ZMQ_DONTWAIT, &m);
        if (rc == ZC_EAGAIN)
            return true;
        if (rc == ZC_EIO)
            return false;
        if (rc != 0) {
            (*self->bad_messages)++;
            int64_t now = zc_mono_ms();
            if (now - self->last_bad_warn_ms >= ZC_FETCHER_WARN_EVERY_MS) {
                self->last_bad_warn_ms = now;
                zc_warn("dropped a bad task message err=%s total=%llu", zc_strerror(rc),
                        (unsigned long long)*self->bad_messages);
            }
            continue;
        }
        (*self->tasks_received)++;
        s_start(self, (Zcrawl__Task *)m);
    }
    return false;
}

/* Turns every transfer libcurl has finished into a Fetch. */
static void s_reap(zc_fetcher_t *self)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(self->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *e = msg->easy_handle;
        CURLcode result = msg->data.result;
        char *p = NULL;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, &p);
        s_xfer_t *x = (s_xfer_t *)p;
        assert(x && x->easy == e);
        curl_multi_remove_handle(self->multi, e);
        self->inflight--;
        s_finish(self, x, result, true);
    }
}

/* --- public API ----------------------------------------------------------- */

zc_fetcher_t *zc_fetcher_new(const zc_crawler_cfg_t *cfg, zc_stats_t *stats, void *in_sock,
                             void *out_sock)
{
    assert(cfg && stats && in_sock && out_sock);
    assert(cfg->concurrency >= 1 && cfg->concurrency <= ZC_CRAWLER_MAX_CONCURRENCY);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        zc_error("curl_global_init failed");
        return NULL;
    }
    zc_fetcher_t *self = zc_calloc(1, sizeof *self);
    self->cfg = cfg;
    self->stats = stats;
    self->in = in_sock;
    self->out = out_sock;
    self->wake_fd = -1;
    self->epfd = -1;
    size_t fdlen = sizeof self->in_fd;
    if (zmq_getsockopt(in_sock, ZMQ_FD, &self->in_fd, &fdlen) != 0) {
        zc_error("cannot get the task socket's fd err=\"%s\"", zmq_strerror(errno));
        goto err;
    }
    self->timer_ms = -1;
    self->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (self->epfd < 0) {
        zc_error("epoll_create1 failed err=\"%s\"", strerror(errno));
        goto err;
    }
    /* ZMQ_FD is edge-triggered by nature: registered with EPOLLET it wakes
       the loop once per edge, never again and again for a pending Task. */
    if (s_watch(self, self->in_fd, true) != 0)
        goto err;
    self->multi = curl_multi_init();
    if (!self->multi)
        goto err;
    curl_multi_setopt(self->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
    curl_multi_setopt(self->multi, CURLMOPT_MAXCONNECTS, s_max_connects(cfg->concurrency));
    curl_multi_setopt(self->multi, CURLMOPT_SOCKETFUNCTION, s_on_socket);
    curl_multi_setopt(self->multi, CURLMOPT_SOCKETDATA, (void *)self);
    curl_multi_setopt(self->multi, CURLMOPT_TIMERFUNCTION, s_on_timer);
    curl_multi_setopt(self->multi, CURLMOPT_TIMERDATA, (void *)self);

    self->nslots = (size_t)cfg->concurrency;
    self->slots = zc_calloc(self->nslots, sizeof *self->slots);
    for (size_t i = self->nslots; i-- > 0;) {
        s_xfer_t *x = &self->slots[i];
        x->owner = self;
        zc_buf_init(&x->resp_hdr, (size_t)cfg->max_header_bytes);
        zc_buf_init(&x->req_hdr, ZC_FETCHER_REQ_HDR_MAX);
        zc_buf_init(&x->xrobots, ZC_FETCHER_XROBOTS_MAX);
        x->next_free = self->free_list;
        self->free_list = x;
    }

    self->fetches = zc_stats_counter(stats, "fetches_total");
    self->bytes = zc_stats_counter(stats, "bytes_total");
    self->bad_messages = zc_stats_counter(stats, "bad_messages_total");
    self->tasks_received = zc_stats_counter(stats, "tasks_received_total");
    self->send_dropped = zc_stats_counter(stats, "fetches_dropped_total");
    for (size_t i = 0; i < ZC_ARRAY_LEN(s_dur_le); i++) {
        char name[64];
        snprintf(name, sizeof name, "fetch_duration_seconds_bucket{le=\"%s\"}", s_dur_le[i]);
        self->dur_bucket[i] = zc_stats_counter(stats, name);
    }
    self->dur_sum_ms = zc_stats_counter(stats, "fetch_duration_ms_sum");
    self->dur_count = zc_stats_counter(stats, "fetch_duration_seconds_count");
    /* Not "inflight": in the sink's totals that name is the producer's leases. */
    self->g_inflight = zc_stats_gauge(stats, "transfers");
    self->g_concurrency = zc_stats_gauge(stats, "concurrency");
    *self->g_concurrency = (double)cfg->concurrency;
    return self;
err:
    zc_fetcher_destroy(&self);
    return NULL;
}

void zc_fetcher_destroy(zc_fetcher_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_fetcher_t *self = *self_p;
    size_t aborted = 0;
    for (size_t i = 0; i < self->nslots; i++) {
        s_xfer_t *x = &self->slots[i];
        if (x->task) {
            curl_multi_remove_handle(self->multi, x->easy);
            zc_msg_free((ProtobufCMessage **)&x->task);
            aborted++;
        }
        if (x->easy)
            curl_easy_cleanup(x->easy);
        free(x->out);
        zc_buf_free(&x->resp_hdr);
        zc_buf_free(&x->req_hdr);
        zc_buf_free(&x->xrobots);
    }
    if (aborted)
        zc_warn("aborted unfinished transfers count=%zu (their leases will re-dispatch them)",
                aborted);
    free(self->slots);
    if (self->multi)
        curl_multi_cleanup(self->multi); /* may still call s_on_socket */
    if (self->epfd >= 0)
        close(self->epfd);
    free(self);
    curl_global_cleanup();
    *self_p = NULL;
}

size_t zc_fetcher_inflight(const zc_fetcher_t *self)
{
    return self->inflight;
}

void zc_fetcher_stop(zc_fetcher_t *self, int drain_ms)
{
    if (!self->stopping)
        self->drain_deadline_ms = zc_mono_ms() + drain_ms;
    self->stopping = true;
}

/* Lets libcurl act on one socket (or, with CURL_SOCKET_TIMEOUT, on its
   expired timers). */
static int s_action(zc_fetcher_t *self, curl_socket_t fd, int mask)
{
    int running = 0;
    CURLMcode mc = curl_multi_socket_action(self->multi, fd, mask, &running);
    if (mc != CURLM_OK) {
        zc_error("curl_multi_socket_action failed err=\"%s\"", curl_multi_strerror(mc));
        return ZC_EIO;
    }
    return ZC_OK;
}

int zc_fetcher_run_once(zc_fetcher_t *self, int wait_ms)
{
    /* Tasks for the slots the last iteration freed. */
    bool drained = s_take(self);
    if (wait_ms < 0)
        wait_ms = 0;
    /* The edge-triggered ZMQ_FD: a Task already queued has no edge left to
       wake us, so with a slot free do not block unless the socket was just
       found empty (s_take drained it: that, like ZMQ_EVENTS, re-armed the
       fd). Asking ZMQ_EVENTS again would only cost a poll() in libzmq. */
    if (!self->stopping && self->free_list && !drained && zc_sock_readable(self->in))
        wait_ms = 0;
    if (self->timer_ms >= 0) {
        int64_t left = self->timer_ms - zc_mono_ms();
        if (left < wait_ms)
            wait_ms = left < 0 ? 0 : (int)left;
    }
    struct epoll_event ev[ZC_FETCHER_EPOLL_BATCH];
    int n = epoll_wait(self->epfd, ev, ZC_FETCHER_EPOLL_BATCH, wait_ms);
    if (n < 0 && errno != EINTR) {
        zc_error("epoll_wait failed err=\"%s\"", strerror(errno));
        return ZC_EIO;
    }
    for (int i = 0; i < n; i++) {
        int fd = ev[i].data.fd;
        if (fd == self->in_fd || fd == self->wake_fd)
            continue; /* s_take and zc_fetcher_run look at those */
        int mask = 0;
        if (ev[i].events & EPOLLIN)
            mask |= CURL_CSELECT_IN;
        if (ev[i].events & EPOLLOUT)
            mask |= CURL_CSELECT_OUT;
        if (ev[i].events & (EPOLLERR | EPOLLHUP))
            mask |= CURL_CSELECT_ERR;
        if (s_action(self, fd, mask) != 0)
            return ZC_EIO;
    }
    if (self->timer_ms >= 0 && zc_mono_ms() >= self->timer_ms) {
        if (s_action(self, CURL_SOCKET_TIMEOUT, 0) != 0)
            return ZC_EIO;
        /* Re-read the timer: libcurl calls s_on_timer only when its next
           expiry changes, which it does not when we came a little early. */
        long t = -1;
        curl_multi_timeout(self->multi, &t);
        self->timer_ms = t < 0 ? -1 : zc_mono_ms() + t;
    }
    s_reap(self); /* the freed slots take Tasks at the next call's start */
    *self->g_inflight = (double)self->inflight;
    return ZC_OK;
}

int zc_fetcher_run(zc_fetcher_t *self, int wake_fd)
{
    if (wake_fd >= 0 && wake_fd != self->wake_fd) {
        if (s_watch(self, wake_fd, false) != 0)
            return ZC_EIO;
        self->wake_fd = wake_fd;
    }
    int rc = ZC_OK;
    for (;;) {
        int wait = zc_stats_tick(self->stats, false);
        if (zc_signal_interrupted()) {
            zc_signal_drain();
            if (!self->stopping) {
                zc_info("stopping: draining in-flight transfers inflight=%zu max_ms=%d",
                        self->inflight, ZC_FETCHER_DRAIN_MS);
                zc_fetcher_stop(self, ZC_FETCHER_DRAIN_MS);
            }
        }
        if (self->stopping) {
            zc_stats_set_stopping(self->stats, true);
            int64_t left = self->drain_deadline_ms - zc_mono_ms();
            if (self->inflight == 0 || left <= 0)
                break;
            if (left < wait)
                wait = (int)left;
        }
        rc = zc_fetcher_run_once(self, wait);
        if (rc != 0)
            break;
    }
    *self->g_inflight = (double)self->inflight;
    zc_stats_tick(self->stats, true);
    return rc;
}

/* --- self-test ------------------------------------------------------------ */

/* The test runs a tiny HTTP/1.1 server in a forked child on 127.0.0.1 and
   drives fetchers in-process over inproc sockets. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define S_TEST_BIG_BYTES 5000
#define S_TEST_MAX_BYTES 1000
#define S_TEST_MAX_HEADER_BYTES 2048
#define S_TEST_DEADLINE_MS 10000

static const char s_test_page[] = "<html><head><title>hi</title></head><body>hello</body></html>";
static const char s_test_plain[] = "hello gzip world, hello gzip world, hello gzip world\n";

static uint32_t s_test_crc32(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/* A gzip member holding data in one stored (uncompressed) deflate block. */
static size_t s_test_gzip(const char *data, size_t n, unsigned char *out)
{
    static const unsigned char hdr[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    size_t o = 0;
    memcpy(out, hdr, sizeof hdr);
    o += sizeof hdr;
    out[o++] = 1; /* BFINAL, stored */
    out[o++] = (unsigned char)(n & 0xff);
    out[o++] = (unsigned char)(n >> 8);
    out[o++] = (unsigned char)(~n & 0xff);
    out[o++] = (unsigned char)((~n >> 8) & 0xff);
    memcpy(out + o, data, n);
    o += n;
    uint32_t crc = s_test_crc32((const unsigned char *)data, n);
    for (int i = 0; i < 4; i++)
        out[o++] = (unsigned char)(crc >> (8 * i));
    for (int i = 0; i < 4; i++)
        out[o++] = (unsigned char)((uint32_t)n >> (8 * i));
    return o;
}

static void s_test_send_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w <= 0)
            return;
        c += w;
        n -= (size_t)w;
    }
}

static void s_test_respond(int fd, const char *status, const char *extra, const void *body,
                           size_t len)
{
    char head[8192];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\n%sContent-Length: %zu\r\nConnection: close\r\n\r\n", status,
                     extra, len);
    s_test_send_all(fd, head, (size_t)n);
    s_test_send_all(fd, body, len);
}

static void s_test_serve_one(int fd)
{
    char req[8192];
    size_t n = 0;
    while (n < sizeof req - 1) {
        ssize_t r = recv(fd, req + n, sizeof req - 1 - n, 0);
        if (r <= 0)
            return;
        n += (size_t)r;
        req[n] = '\0';
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    char path[256] = "";
    if (sscanf(req, "GET %255s ", path) != 1)
        return;
    if (strcmp(path, "/page") == 0) {
        s_test_respond(fd, "200 OK",
                       "Content-Type: text/html; charset=utf-8\r\nX-Robots-Tag: noindex\r\n"
                       "X-Robots-Tag: nofollow\r\n",
                       s_test_page, strlen(s_test_page));
    } else if (strcmp(path, "/redirect") == 0) {
        s_test_respond(fd, "301 Moved Permanently", "Location: /page\r\n", "", 0);
    } else if (strcmp(path, "/big") == 0) {
        char big[S_TEST_BIG_BYTES];
        for (size_t i = 0; i < sizeof big; i++)
            big[i] = (char)('a' + i % 26);
        s_test_respond(fd, "200 OK", "Content-Type: text/plain\r\n", big, sizeof big);
    } else if (strcmp(path, "/gzip") == 0) {
        unsigned char gz[256];
        size_t len = s_test_gzip(s_test_plain, strlen(s_test_plain), gz);
        s_test_respond(fd, "200 OK", "Content-Type: text/plain\r\nContent-Encoding: gzip\r\n",
                       gz, len);
    } else if (strcmp(path, "/retry") == 0) {
        s_test_respond(fd, "503 Service Unavailable", "Retry-After: 120\r\n", "", 0);
    } else if (strcmp(path, "/retry-date") == 0) {
        char extra[128], date[64];
        time_t t = time(NULL) + 3600;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        snprintf(extra, sizeof extra, "Retry-After: %s\r\n", date);
        s_test_respond(fd, "429 Too Many Requests", extra, "", 0);
    } else if (strcmp(path, "/headers") == 0) {
        char extra[6000];
        size_t o = 0;
        for (int i = 0; i < 40; i++)
            o += (size_t)snprintf(extra + o, sizeof extra - o, "X-Filler-%02d: %090d\r\n", i, 0);
        s_test_respond(fd, "200 OK", extra, "x", 1);
    } else if (strcmp(path, "/header-line") == 0) {
        /* One header line over libcurl's own cap: it never reaches our callback. */
        static char line[CURL_MAX_HTTP_HEADER + 4096];
        memset(line, 'v', sizeof line);
        memcpy(line, "X-Huge: ", 8);
        memcpy(line + sizeof line - 2, "\r\n", 2);
        static const char status[] = "HTTP/1.1 200 OK\r\n", tail[] = "Content-Length: 1\r\n\r\nx";
        s_test_send_all(fd, status, strlen(status));
        s_test_send_all(fd, line, sizeof line);
        s_test_send_all(fd, tail, strlen(tail));
    } else {
        s_test_respond(fd, "404 Not Found", "Content-Type: text/plain\r\n", "not found", 9);
    }
}

static void s_test_server(int lfd)
{
    signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (;;) {
        int c = accept(lfd, NULL, NULL);
        if (c < 0)
            continue;
        s_test_serve_one(c);
        close(c);
    }
}

/* A listening socket on 127.0.0.1 with an ephemeral port. */
static int s_test_listen(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert(fd >= 0);
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert(bind(fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    assert(listen(fd, 64) == 0);
    socklen_t len = sizeof sin;
    assert(getsockname(fd, (struct sockaddr *)&sin, &len) == 0);
    *port = ntohs(sin.sin_port);
    return fd;
}

static void s_test_task(void *push, uint64_t id, const char *url)
{
    Zcrawl__Task t = ZCRAWL__TASK__INIT;
    t.version = ZC_FORMAT_VERSION;
    t.task_id = id;
    t.url = (char *)url;
    t.has_attempt = true;
    t.attempt = 1;
    assert(zc_msg_send(push, &t.base, 0) == 0);
}

/* Runs f until want Fetches arrived on pull (stored by task_id - 1 in got). */
static void s_test_collect(zc_fetcher_t *f, void *pull, Zcrawl__Fetch **got, size_t want,
                           size_t max_inflight)
{
    size_t have = 0;
    int64_t deadline = zc_mono_ms() + S_TEST_DEADLINE_MS;
    while (have < want) {
        if (zc_mono_ms() >= deadline) {
            for (size_t i = 0; i < want; i++)
                if (!got[i])
                    zc_error("test: no fetch for task_id=%zu inflight=%zu", i + 1,
                             zc_fetcher_inflight(f));
            assert(!"fetches missing at the deadline");
        }
        assert(zc_fetcher_run_once(f, 50) == 0);
        assert(zc_fetcher_inflight(f) <= max_inflight);
        ProtobufCMessage *m = NULL;
        while (zc_msg_recv(pull, &zcrawl__fetch__descriptor, ZMQ_DONTWAIT, &m) == 0) {
            Zcrawl__Fetch *fe = (Zcrawl__Fetch *)m;
            uint64_t id = fe->task->task_id;
            assert(id >= 1 && id <= want && !got[id - 1]);
            got[id - 1] = fe;
            have++;
        }
    }
}

static bool s_test_streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

int zc_fetcher_test(bool verbose)
{
    ZC_UNUSED(verbose);
    /* Pure helpers first. */
    uint32_t ra = 0;
    assert(s_retry_after_parse(" 120 ", 0, &ra) && ra == 120);
    assert(s_retry_after_parse("99999999999", 0, &ra) && ra == UINT32_MAX);
    assert(!s_retry_after_parse("12abc", 0, &ra));
    assert(!s_retry_after_parse("soon", 0, &ra));
    time_t now = curl_getdate("Sun, 06 Nov 1994 08:49:37 GMT", NULL);
    assert(s_retry_after_parse("Sun, 06 Nov 1994 08:50:37 GMT", now, &ra) && ra == 60);
    assert(s_retry_after_parse("Sun, 06 Nov 1994 08:48:37 GMT", now, &ra) && ra == 0);
    assert(s_error_kind(CURLE_OK, false, false, false) == S_ERR_NONE);
    assert(s_error_kind(CURLE_COULDNT_RESOLVE_HOST, false, false, false) == S_ERR_DNS);
    assert(s_error_kind(CURLE_COULDNT_CONNECT, false, false, true) == S_ERR_SSRF);
    assert(s_error_kind(CURLE_PEER_FAILED_VERIFICATION, false, false, false) == S_ERR_TLS);
    assert(s_error_kind(CURLE_WRITE_ERROR, true, false, false) == S_ERR_TOO_LARGE);
    assert(s_error_kind(CURLE_WRITE_ERROR, false, true, false) == S_ERR_HTTP);
    assert(s_error_kind(CURLE_GOT_NOTHING, false, false, false) == S_ERR_HTTP);
    assert(s_error_kind(CURLE_ABORTED_BY_CALLBACK, false, false, false) == S_ERR_OTHER);
    assert(s_error_kind(CURLE_OUT_OF_MEMORY, false, true, false) == S_ERR_HTTP);
    assert(s_error_kind(CURLE_OUT_OF_MEMORY, false, false, false) == S_ERR_OTHER);

    /* The server child is forked before any ZeroMQ or curl state exists. */
    int port = 0, quiet_port = 0, closed_port = 0;
    int lfd = s_test_listen(&port);
    pid_t child = fork();
    assert(child >= 0);
    if (child == 0) {
        s_test_server(lfd);
        _exit(0);
    }
    close(lfd);
    int quiet = s_test_listen(&quiet_port); /* accepts by backlog, never answers */
    int cfd = s_test_listen(&closed_port);
    close(cfd); /* nothing listens there now: connection refused */

    zc_crawler_cfg_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.common.worker = "test-worker";
    cfg.concurrency = 4;
    cfg.max_bytes = S_TEST_MAX_BYTES;
    cfg.user_agent = "zcrawl-test/1";
    cfg.connect_timeout_ms = 2000;
    cfg.timeout_ms = 1000;
    cfg.low_speed_bytes = 0;
    cfg.low_speed_ms = 10000;
    cfg.max_header_bytes = S_TEST_MAX_HEADER_BYTES;
    cfg.allow_private = true;

    void *ctx = zmq_ctx_new();
    zc_sockopt_t push_opt = {.type = ZMQ_PUSH}, pull_opt = {.type = ZMQ_PULL};
    zc_sockopt_t in_opt = {.type = ZMQ_PULL, .rcvhwm = (int)cfg.concurrency};
    zc_sockopt_t out_opt = {.type = ZMQ_PUSH};
    void *tasks = zc_sock_open(ctx, &push_opt, "inproc://zc-fetcher-tasks", true);
    void *fetches = zc_sock_open(ctx, &pull_opt, "inproc://zc-fetcher-fetches", true);
    void *in = zc_sock_open(ctx, &in_opt, "inproc://zc-fetcher-tasks", false);
    void *out = zc_sock_open(ctx, &out_opt, "inproc://zc-fetcher-fetches", false);
    assert(tasks && fetches && in && out);
    zc_stats_t *stats = zc_stats_new(ctx, NULL, "crawler", "test-worker");
    assert(stats);
    zc_fetcher_t *f = zc_fetcher_new(&cfg, stats, in, out);
    assert(f);

    enum { T_PAGE = 1, T_REDIRECT, T_MISSING, T_BIG, T_GZIP, T_RETRY, T_RETRY_DATE, T_HEADERS,
           T_HEADER_LINE, T_TIMEOUT, T_REFUSED, T_FTP, T_MALFORMED, T_COUNT = T_MALFORMED };
    char url[128];
#define S_URL(p, path) (snprintf(url, sizeof url, "http://127.0.0.1:%d%s", p, path), url)
    s_test_task(tasks, T_PAGE, S_URL(port, "/page"));
    zmq_send(tasks, "\x08\xff\xff", 3, 0); /* a malformed Task in between */
    s_test_task(tasks, T_REDIRECT, S_URL(port, "/redirect"));
    s_test_task(tasks, T_MISSING, S_URL(port, "/missing"));
    s_test_task(tasks, T_BIG, S_URL(port, "/big"));
    s_test_task(tasks, T_GZIP, S_URL(port, "/gzip"));
    s_test_task(tasks, T_RETRY, S_URL(port, "/retry"));
    s_test_task(tasks, T_RETRY_DATE, S_URL(port, "/retry-date"));
    s_test_task(tasks, T_HEADERS, S_URL(port, "/headers"));
    s_test_task(tasks, T_HEADER_LINE, S_URL(port, "/header-line"));
    s_test_task(tasks, T_TIMEOUT, S_URL(quiet_port, "/slow"));
    s_test_task(tasks, T_REFUSED, S_URL(closed_port, "/"));
    s_test_task(tasks, T_FTP, "ftp://127.0.0.1/file");
    s_test_task(tasks, T_MALFORMED, "http://[::1/");
    Zcrawl__Fetch *got[T_COUNT] = {0};
    s_test_collect(f, fetches, got, T_COUNT, (size_t)cfg.concurrency);

    Zcrawl__Fetch *g = got[T_PAGE - 1];
    assert(g->status == 200 && !g->error && s_test_streq(g->worker, "test-worker"));
    assert(g->task->has_attempt && g->task->attempt == 1);
    assert(g->has_body && g->body.len == strlen(s_test_page) &&
           memcmp(g->body.data, s_test_page, g->body.len) == 0);
    assert(g->has_bytes && g->bytes == strlen(s_test_page) && !g->has_truncated);
    assert(!g->digest); /* the parser computes it */
    assert(s_test_streq(g->content_type, "text/html; charset=utf-8"));
    assert(s_test_streq(g->ip, "127.0.0.1") && s_test_streq(g->http_version, "1.1"));
    assert(s_test_streq(g->x_robots_tag, "noindex, nofollow"));
    assert(g->has_fetched_at_ms && g->fetched_at_ms > 0 && g->has_fetch_ms && !g->redirect);
    assert(g->has_request_headers &&
           memmem(g->request_headers.data, g->request_headers.len, "GET /page HTTP/1.1\r\n", 20) &&
           memmem(g->request_headers.data, g->request_headers.len, "User-Agent: zcrawl-test/1",
                  25));
    assert(g->has_response_headers &&
           memmem(g->response_headers.data, g->response_headers.len, "HTTP/1.1 200 OK\r\n", 17));

    g = got[T_REDIRECT - 1];
    assert(g->status == 301 && !g->error && g->bytes == 0);
    assert(s_test_streq(g->redirect, S_URL(port, "/page")));

    g = got[T_MISSING - 1];
    assert(g->status == 404 && !g->error && g->bytes == 9);

    g = got[T_BIG - 1];
    assert(g->status == 200 && s_test_streq(g->error, "too_large"));
    assert(g->bytes == S_TEST_MAX_BYTES && g->body.len == S_TEST_MAX_BYTES);
    assert(g->has_truncated && g->truncated);
    assert(g->body.data[0] == 'a' && g->body.data[S_TEST_MAX_BYTES - 1] ==
                                         'a' + (S_TEST_MAX_BYTES - 1) % 26);
    assert(!g->digest);

    g = got[T_GZIP - 1];
    assert(g->status == 200 && !g->error && g->bytes == strlen(s_test_plain));
    assert(memcmp(g->body.data, s_test_plain, g->body.len) == 0);

    g = got[T_RETRY - 1];
    assert(g->status == 503 && !g->error && g->has_retry_after_s && g->retry_after_s == 120);
    g = got[T_RETRY_DATE - 1];
    assert(g->status == 429 && g->has_retry_after_s && g->retry_after_s >= 3590 &&
           g->retry_after_s <= 3600);

    g = got[T_HEADERS - 1];
    assert(s_test_streq(g->error, "http") && g->error_detail &&
           strstr(g->error_detail, "--max-header-bytes"));
    g = got[T_HEADER_LINE - 1];
    assert(s_test_streq(g->error, "http") && g->error_detail &&
           strstr(g->error_detail, "header line"));
    assert(got[T_TIMEOUT - 1]->status == 0 && s_test_streq(got[T_TIMEOUT - 1]->error, "timeout"));
    assert(s_test_streq(got[T_REFUSED - 1]->error, "connect"));
    assert(!got[T_REFUSED - 1]->has_body && !got[T_REFUSED - 1]->digest);
    assert(s_test_streq(got[T_FTP - 1]->error, "bad_url"));
    assert(s_test_streq(got[T_MALFORMED - 1]->error, "bad_url"));

    assert(*zc_stats_counter(stats, "fetches_total") == T_COUNT);
    /* The latency histogram: cumulative, +Inf == count == transfers that ran
       (the two bad URLs never started). */
    uint64_t hcount = *zc_stats_counter(stats, "fetch_duration_seconds_count");
    assert(hcount > 0 && hcount <= T_COUNT);
    assert(*zc_stats_counter(stats, "fetch_duration_seconds_bucket{le=\"+Inf\"}") == hcount);
    assert(*zc_stats_counter(stats, "fetch_duration_seconds_bucket{le=\"0.005\"}") <=
           *zc_stats_counter(stats, "fetch_duration_seconds_bucket{le=\"60\"}"));
    assert(*zc_stats_counter(stats, "tasks_received_total") == T_COUNT);
    assert(*zc_stats_counter(stats, "bad_messages_total") == 1);
    assert(*zc_stats_counter(stats, "fetch_errors_total{kind=\"too_large\"}") == 1);
    assert(*zc_stats_counter(stats, "fetch_errors_total{kind=\"bad_url\"}") == 2);
    assert(*zc_stats_gauge(stats, "transfers") == 0);
    for (size_t i = 0; i < T_COUNT; i++)
        zc_msg_free((ProtobufCMessage **)&got[i]);

    /* The same slots serve again (handles and buffers reused). */
    s_test_task(tasks, 1, S_URL(port, "/page"));
    s_test_task(tasks, 2, S_URL(port, "/gzip"));
    s_test_collect(f, fetches, got, 2, (size_t)cfg.concurrency);
    assert(got[0]->status == 200 && got[0]->bytes == strlen(s_test_page) && !got[0]->error);
    assert(got[1]->status == 200 && got[1]->bytes == strlen(s_test_plain));
    zc_msg_free((ProtobufCMessage **)&got[0]);
    zc_msg_free((ProtobufCMessage **)&got[1]);

    /* Stopping: no more Tasks are taken. */
    zc_fetcher_stop(f, 100);
    s_test_task(tasks, 1, S_URL(port, "/page"));
    for (int i = 0; i < 3; i++)
        assert(zc_fetcher_run_once(f, 10) == 0 && zc_fetcher_inflight(f) == 0);
    zc_fetcher_destroy(&f);
    assert(f == NULL);
    zc_sock_close(&in);

    /* Without --allow-private the guard refuses loopback: error ssrf.
       A fresh task pipe: the old one still holds the Task of the stop test. */
    cfg.allow_private = false;
    zc_sock_close(&tasks);
    tasks = zc_sock_open(ctx, &push_opt, "inproc://zc-fetcher-tasks-2", true);
    in = zc_sock_open(ctx, &in_opt, "inproc://zc-fetcher-tasks-2", false);
    assert(tasks && in);
    f = zc_fetcher_new(&cfg, stats, in, out);
    assert(f);
    s_test_task(tasks, 1, S_URL(port, "/page"));
    s_test_collect(f, fetches, got, 1, (size_t)cfg.concurrency);
    assert(got[0]->status == 0 && s_test_streq(got[0]->error, "ssrf"));
    assert(got[0]->error_detail && strstr(got[0]->error_detail, "loopback"));
    zc_msg_free((ProtobufCMessage **)&got[0]);
    assert(*zc_stats_counter(stats, "fetch_errors_total{kind=\"ssrf\"}") == 1);
#undef S_URL

    zc_fetcher_destroy(&f);
    zc_stats_destroy(&stats);
    zc_sock_close(&in);
    zc_sock_close(&out);
    zc_sock_close(&tasks);
    zc_sock_close(&fetches);
    zmq_ctx_term(ctx);
    close(quiet);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 0;
}
