/*  zc_parser — see zc_parser.h.

    The crawl's extraction rules (--extract) are compiled once in
    zc_parser_new; s_build runs them in the page's single scan and lays the
    page's items out as the Record's repeated Item, pointing into the page
    (names and values are not copied). zc_parser_build, the public entry
    used by tests and fuzzing, is s_build without rules.

    With --warc, a record of a fetch that got a response also carries the
    exchange (Record.capture: request and response heads, the body), which
    the producer forwards with the record and the sink writes as WARC request
    and response records (sink/zc_warc). The capture points into the Fetch
    too; it is added after the record was fitted, and its body is cut (and
    marked truncated) only if the feedback would pass ZC_CONTROL_MSG_MAX.
*/
#include "zc_parser.h"

#include "zc_log.h"
#include "zc_robots.h"
#include "zc_signal.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

/* A malformed-message warning is logged at most this often. */
#define ZC_PARSER_WARN_EVERY_MS 1000
/* A send stalled this long is worth a warning. */
#define ZC_PARSER_STALL_WARN_MS 5000
/* Room left in a control message for the feedback's own fields. */
#define ZC_PARSER_FEEDBACK_SLACK (64 * 1024)

struct zc_parser_t {
    void *pull;            /* Fetch from the broker */
    void **push;           /* Feedback to producer shard 0, 1, ... */
    size_t npush;
    zc_stats_t *stats;     /* the caller's */
    size_t max_outlinks;
    zc_select_rules_t *rules; /* --extract, compiled */
    bool warc;             /* --warc: records carry their Capture */
    uint64_t *pages, *html, *links, *sent, *bad, *robots;
    int64_t last_warn_ms;
};

void zc_parser_result_clear(zc_parser_result_t *res)
{
    if (!res)
        return;
    zc_page_clear(&res->page);
    free(res->record.items); /* one block: the pointers, then the items */
    free(res->record.capture);
    free(res->redirect);
    free(res->links);
    free(res->packed);
    memset(res, 0, sizeof *res);
}

/* Packs the record into the feedback. */
static void s_pack(zc_parser_result_t *res)
{
    free(res->packed);
    size_t size = zcrawl__record__get_packed_size(&res->record);
    res->packed = zc_malloc(size ? size : 1);
    zcrawl__record__pack(&res->record, res->packed);
    res->feedback.has_record = true;
    res->feedback.record.data = res->packed;
    res->feedback.record.len = size;
}

/* Room for a hex SHA-1 and its NUL. */
#define ZC_PARSER_DIGEST_HEX_SIZE 41

/* Writes the lowercase hex SHA-1 of [p, p+n) to out (41 bytes). */
static int s_sha1_hex(const void *p, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    if (EVP_Digest(p, n, md, &len, EVP_sha1(), NULL) != 1 ||
        2 * len + 1 > ZC_PARSER_DIGEST_HEX_SIZE)
        return ZC_EIO;
    for (unsigned i = 0; i < len; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[2 * len] = '\0';
    return ZC_OK;
}

/* Points r->items at the page's items: one allocation holding the
   pointer array and the Item structs, freed by zc_parser_result_clear. */
static void s_items(Zcrawl__Record *r, const zc_page_t *page)
{
    size_t n = page->nitems;
    if (!n)
        return;
    Zcrawl__Item **ptrs = zc_calloc(n, sizeof *ptrs + sizeof(Zcrawl__Item));
    Zcrawl__Item *items = (Zcrawl__Item *)(ptrs + n);
    for (size_t i = 0; i < n; i++) {
        zcrawl__item__init(&items[i]);
        items[i].name = page->items[i].name;
        items[i].values = page->items[i].values.v;
        items[i].n_values = page->items[i].values.n;
        ptrs[i] = &items[i];
    }
    r->items = ptrs;
    r->n_items = n;
}

/* Puts the exchange of a fetch that got a response into the record, for
   the sink's WARC output, and packs the record again. The body is cut where
   the feedback would pass ZC_CONTROL_MSG_MAX (only a --max-bytes close to
   it gets there); the WARC-Truncated reason says why a body is not whole. */
static void s_capture(const Zcrawl__Fetch *f, zc_parser_result_t *res)
{
    if (!f->has_status || f->status == 0 || !f->has_response_headers)
        return;
    Zcrawl__Capture *c = zc_malloc(sizeof *c);
    zcrawl__capture__init(c);
    c->has_request_headers = f->has_request_headers;
    c->request_headers = f->request_headers;
    c->has_response_headers = true;
    c->response_headers = f->response_headers;
    c->has_body = true;
    if (f->has_body)
        c->body = f->body;
    size_t used = zcrawl__feedback__get_packed_size(&res->feedback) + ZC_PARSER_FEEDBACK_SLACK +
                  c->request_headers.len + c->response_headers.len;
    size_t room = used < ZC_CONTROL_MSG_MAX ? ZC_CONTROL_MSG_MAX - used : 0;
    bool cut = c->body.len > room;
    if (cut)
        c->body.len = room;
    const char *err = f->error && *f->error ? f->error : NULL;
    if (cut || (f->has_truncated && f->truncated) || (err && !strcmp(err, "too_large")))
        c->truncated = "length";
    else if (err && !strcmp(err, "timeout"))
        c->truncated = "time";
    else if (err)
        c->truncated = "unspecified"; /* a reset or broken chunking mid-body, ... */
    res->record.capture = c;
    s_pack(res);
}

/* zc_parser_build with the crawl's extraction rules (NULL: none), which
   apply to the pages whose links are extracted: 2xx HTML, and with the
   exchange in the record when warc is set. */
static int s_build(const Zcrawl__Fetch *f, size_t max_outlinks, const zc_select_rules_t *rules,
                   bool warc, zc_parser_result_t *res)
{
    const Zcrawl__Task *t = f->task;
    if (!t || !t->url)
        return ZC_EINVAL;
    uint32_t status = f->has_status ? f->status : 0;
    const char *error = f->error && *f->error ? f->error : NULL;
    if (!error && status >= 400)
        error = "http";
    /* A response was received whole (or cut at --max-bytes, still worth
       parsing); other errors (timeout, tls, ...) leave nothing to parse. */
    bool received = status >= 200 && (!error || !strcmp(error, "too_large") ||
                                      !strcmp(error, "http"));
    const char *body = f->has_body ? (const char *)f->body.data : NULL;
    size_t len = f->has_body ? f->body.len : 0;

    if (received && status < 300) {
        zc_page_analyze_with(&res->page, t->url, f->content_type, body, len, f->x_robots_tag,
                             max_outlinks, rules);
    } else if (received) {
        zc_page_analyze(&res->page, t->url, f->content_type, body, len, NULL, 0);
        if (status < 400 && f->redirect && *f->redirect)
            zc_url_resolve(t->url, f->redirect, strlen(f->redirect), &res->redirect);
    }

    Zcrawl__Record *r = &res->record;
    zcrawl__record__init(r);
    r->version = ZC_FORMAT_VERSION;
    r->url = t->url;
    r->has_status = true;
    r->status = status;
    r->error = (char *)error;
    r->content_type = f->content_type;
    r->has_bytes = f->has_bytes || f->has_body;
    r->bytes = f->has_bytes ? f->bytes : len;
    r->title = res->page.title;
    r->has_depth = true;
    r->depth = t->depth;
    r->outlinks = res->page.outlinks.v;
    r->n_outlinks = res->page.outlinks.n;
    r->redirect = res->redirect;
    r->has_fetched_at_ms = f->has_fetched_at_ms;
    r->fetched_at_ms = f->fetched_at_ms;
    r->has_fetch_ms = f->has_fetch_ms;
    r->fetch_ms = f->fetch_ms;
    r->has_attempt = t->has_attempt;
    r->attempt = t->attempt;
    r->digest = f->digest;
    r->has_truncated = f->has_truncated;
    r->truncated = f->truncated;
    r->http_version = f->http_version;
    r->ip = f->ip;
    s_items(r, &res->page);

    /* The links array's block also holds the body digest when the parser
       computes it (below), so zc_parser_result_clear frees both at once. */
    size_t n = res->page.follow.n;
    res->links = zc_calloc(1, (n + 1) * sizeof *res->links + ZC_PARSER_DIGEST_HEX_SIZE);
    if (n)
        memcpy(res->links, res->page.follow.v, n * sizeof *res->links);
    if (!f->digest && f->has_body) {
        /* Crawlers leave the digest to the parser (it is CPU the fetch loop
           should not spend): the hex SHA-1 of the body as received. */
        char *hex = (char *)(res->links + n + 1);
        if (s_sha1_hex(f->body.data, f->body.len, hex) == ZC_OK)
            r->digest = hex;
    }
    if (res->redirect)
        res->links[n++] = res->redirect;

    Zcrawl__Feedback *fb = &res->feedback;
    zcrawl__feedback__init(fb);
    fb->version = ZC_FORMAT_VERSION;
    fb->has_task_id = true;
    fb->task_id = t->task_id;
    /* The shard that issued the task: it drops an ack meant for another. */
    fb->has_shard = t->has_shard;
    fb->shard = t->shard;
    fb->url = t->url;
    fb->has_status = true;
    fb->status = status;
    fb->error = (char *)error;
    fb->has_retry_after_s = f->has_retry_after_s;
    fb->retry_after_s = f->retry_after_s;
    fb->links = res->links;
    fb->n_links = n;
    fb->has_attempt = t->has_attempt;
    fb->attempt = t->attempt;
    fb->has_depth = true;
    fb->depth = t->depth;
    s_pack(res);

    /* The producer refuses messages past ZC_CONTROL_MSG_MAX: halve the links
       until the feedback fits (only an absurd --max-outlinks gets here). */
    while (zcrawl__feedback__get_packed_size(fb) + ZC_PARSER_FEEDBACK_SLACK > ZC_CONTROL_MSG_MAX &&
           (r->n_outlinks || fb->n_links)) {
        r->n_outlinks /= 2;
        fb->n_links /= 2;
        s_pack(res);
    }
    if (warc)
        s_capture(f, res);
    return ZC_OK;
}

int zc_parser_build(const Zcrawl__Fetch *f, size_t max_outlinks, zc_parser_result_t *res)
{
    return s_build(f, max_outlinks, NULL, false, res);
}

zc_parser_t *zc_parser_new(void *ctx, const zc_parser_cfg_t *cfg, zc_stats_t *stats)
{
    assert(ctx && cfg && stats);
    zc_parser_t *self = zc_calloc(1, sizeof *self);
    zc_sockopt_t in = {.type = ZMQ_PULL,
                       .maxmsg = cfg->max_bytes + ZC_MSG_OVERHEAD,
                       .rcvhwm = ZC_PARSER_RCVHWM,
                       .peer = "broker"};
    zc_sockopt_t out = {.type = ZMQ_PUSH, .peer = "producer"};
    self->pull = zc_sock_open(ctx, &in, cfg->broker, false);
    /* One socket per shard: feedback goes to the shard that issued the task. */
    self->npush = cfg->producer.n ? cfg->producer.n : 1;
    self->push = zc_calloc(self->npush, sizeof *self->push);
    bool ok = self->pull != NULL;
    for (size_t i = 0; ok && i < self->npush; i++) {
        const char *ep = cfg->producer.n ? cfg->producer.v[i] : ZC_PARSER_PRODUCER_DEFAULT;
        self->push[i] = zc_sock_open(ctx, &out, ep, false);
        ok = self->push[i] != NULL;
    }
    if (!ok) {
        zc_parser_destroy(&self);
        return NULL;
    }
    char err[ZC_SELECT_ERR_MAX];
    if (zc_select_compile(&cfg->extract, &self->rules, err, sizeof err) != ZC_OK) {
        zc_error("bad extraction rule: --extract %s", err);
        zc_parser_destroy(&self);
        return NULL;
    }
    self->stats = stats;
    self->max_outlinks = (size_t)cfg->max_outlinks;
    self->warc = cfg->warc;
    self->pages = zc_stats_counter(stats, "pages_parsed_total");
    self->html = zc_stats_counter(stats, "html_pages_total");
    self->links = zc_stats_counter(stats, "links_extracted_total");
    self->sent = zc_stats_counter(stats, "feedback_sent_total");
    self->bad = zc_stats_counter(stats, "bad_messages_total");
    self->robots = zc_stats_counter(stats, "robots_answered_total");
    return self;
}

void zc_parser_destroy(zc_parser_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_parser_t *self = *self_p;
    zc_sock_close(&self->pull);
    for (size_t i = 0; self->push && i < self->npush; i++)
        zc_sock_close(&self->push[i]);
    free(self->push);
    zc_select_rules_destroy(&self->rules);
    free(self);
    *self_p = NULL;
}

/* Sends msg to the shard that issued task, waiting while its queue is
   full. Gives up ZC_SOCK_LINGER_MS after a signal (ZC_EAGAIN); ZC_EINVAL
   for a task of a shard this parser has no --producer for. */
static int s_send(zc_parser_t *self, const Zcrawl__Task *task, const ProtobufCMessage *msg,
                  int stop_fd)
{
    uint32_t shard = task->has_shard ? task->shard : 0;
    if (shard >= self->npush) {
        zc_error("task of producer shard %u, but only %zu --producer given url=%s", shard,
                 self->npush, task->url);
        return ZC_EINVAL;
    }
    void *push = self->push[shard];
    int64_t start = zc_mono_ms(), deadline = -1;
    bool warned = false;
    for (;;) {
        int rc = zc_msg_send(push, msg, ZMQ_DONTWAIT);
        if (rc != ZC_EAGAIN)
            return rc;
        int64_t now = zc_mono_ms();
        if (zc_signal_interrupted()) {
            if (deadline < 0)
                deadline = now + ZC_SOCK_LINGER_MS;
            else if (now >= deadline)
                return ZC_EAGAIN;
        }
        if (!warned && now - start >= ZC_PARSER_STALL_WARN_MS) {
            zc_warn("producer is not taking feedback, waiting waited_ms=%lld",
                    (long long)(now - start));
            warned = true;
        }
        zmq_pollitem_t items[2] = {{push, 0, ZMQ_POLLOUT, 0},
                                   {NULL, stop_fd, ZMQ_POLLIN, 0}};
        int nitems = stop_fd >= 0 && deadline < 0 ? 2 : 1;
        zmq_poll(items, nitems, zc_stats_tick(self->stats, false));
        if (nitems == 2 && items[1].revents)
            zc_signal_drain();
    }
}

/* The answer to a ROBOTS task: its status and body go back to the producer,
   whose robots.txt code reads them; no record, no links. */
static void s_robots_answer(zc_parser_t *self, const Zcrawl__Fetch *f, int stop_fd)
{
    Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
    fb.version = ZC_FORMAT_VERSION;
    fb.has_task_id = true;
    fb.task_id = f->task->task_id;
    fb.has_shard = f->task->has_shard;
    fb.shard = f->task->shard;
    fb.url = f->task->url;
    fb.has_kind = true;
    fb.kind = ZCRAWL__TASK_KIND__ROBOTS;
    fb.has_status = true;
    fb.status = f->has_status ? f->status : 0;
    fb.error = f->error;
    fb.has_attempt = f->task->has_attempt;
    fb.attempt = f->task->attempt;
    if (f->has_body) {
        fb.has_robots = true;
        fb.robots.data = f->body.data;
        fb.robots.len = f->body.len < ZC_ROBOTS_MAX_BYTES ? f->body.len : ZC_ROBOTS_MAX_BYTES;
    }
    (*self->robots)++;
    zc_debug("robots.txt url=%s status=%u bytes=%zu", f->task->url, fb.status,
             fb.has_robots ? fb.robots.len : (size_t)0);
    if (s_send(self, f->task, &fb.base, stop_fd) == ZC_OK)
        (*self->sent)++;
    else
        zc_warn("feedback not sent, the lease will bring the task back url=%s", f->task->url);
}

int zc_parser_step(zc_parser_t *self, int stop_fd)
{
    ProtobufCMessage *m = NULL;
    int rc = zc_msg_recv(self->pull, &zcrawl__fetch__descriptor, ZMQ_DONTWAIT, &m);
    if (rc == ZC_EAGAIN || rc == ZC_EIO)
        return rc;
    if (rc == ZC_EPROTO || rc == ZC_EVERSION) {
        (*self->bad)++;
        int64_t now = zc_mono_ms();
        if (now - self->last_warn_ms >= ZC_PARSER_WARN_EVERY_MS) {
            self->last_warn_ms = now;
            zc_warn("dropped a malformed fetch message err=%s total=%llu", zc_strerror(rc),
                    (unsigned long long)*self->bad);
        }
        return ZC_OK;
    }
    const Zcrawl__Fetch *f = (const Zcrawl__Fetch *)m;
    if (f->task->has_kind && f->task->kind == ZCRAWL__TASK_KIND__ROBOTS) {
        s_robots_answer(self, f, stop_fd);
        zc_msg_free(&m);
        return ZC_OK;
    }
    zc_parser_result_t res;
    memset(&res, 0, sizeof res);
    if (s_build(f, self->max_outlinks, self->rules, self->warc, &res) != ZC_OK) {
        (*self->bad)++;
        zc_msg_free(&m);
        return ZC_OK;
    }
    (*self->pages)++;
    if (res.page.html)
        (*self->html)++;
    *self->links += res.record.n_outlinks;
    zc_debug("parsed url=%s status=%u outlinks=%zu follow=%zu items=%zu%s", f->task->url,
             res.record.status, res.record.n_outlinks, res.feedback.n_links, res.record.n_items,
             res.page.items_truncated ? " items_truncated=1" : "");
    rc = s_send(self, f->task, &res.feedback.base, stop_fd);
    if (rc == ZC_OK)
        (*self->sent)++;
    else
        zc_warn("feedback not sent, the lease will bring the task back url=%s err=%s",
                f->task->url, zc_strerror(rc));
    zc_parser_result_clear(&res);
    zc_msg_free(&m);
    return ZC_OK;
}

int zc_parser_run(zc_parser_t *self, int stop_fd)
{
    while (!zc_signal_interrupted()) {
        while (!zc_signal_interrupted() && zc_parser_step(self, stop_fd) == ZC_OK)
            zc_stats_tick(self->stats, false);
        if (zc_signal_interrupted())
            break;
        zmq_pollitem_t items[2] = {{self->pull, 0, ZMQ_POLLIN, 0},
                                   {NULL, stop_fd, ZMQ_POLLIN, 0}};
        int nitems = stop_fd >= 0 ? 2 : 1;
        zmq_poll(items, nitems, zc_stats_tick(self->stats, false));
        if (nitems == 2 && items[1].revents)
            zc_signal_drain();
    }
    return ZC_OK;
}

/* --- self-test ------------------------------------------------------------ */

static void s_fetch_init(Zcrawl__Fetch *f, Zcrawl__Task *t, uint32_t status, const char *ct,
                         const char *body)
{
    zcrawl__task__init(t);
    t->version = ZC_FORMAT_VERSION;
    t->task_id = 77;
    t->url = "http://example.com/dir/";
    t->has_depth = true;
    t->depth = 2;
    t->has_attempt = true;
    t->attempt = 1;
    zcrawl__fetch__init(f);
    f->version = ZC_FORMAT_VERSION;
    f->task = t;
    f->has_status = status != 0;
    f->status = status;
    f->content_type = (char *)ct;
    if (body) {
        f->has_body = true;
        f->body.data = (uint8_t *)body;
        f->body.len = strlen(body);
        f->has_bytes = true;
        f->bytes = f->body.len;
    }
    f->has_fetched_at_ms = true;
    f->fetched_at_ms = 1767323045678;
    f->has_fetch_ms = true;
    f->fetch_ms = 12;
}

/* Unpacks the record a feedback carries. */
static Zcrawl__Record *s_unpack_record(const Zcrawl__Feedback *fb)
{
    assert(fb->has_record);
    ProtobufCMessage *m = NULL;
    assert(zc_msg_unpack(&zcrawl__record__descriptor, fb->record.data, fb->record.len, &m) == 0);
    return (Zcrawl__Record *)m;
}

static const char s_page[] =
    "<!doctype html><title> Test  page </title><a href=a>a</a><a href=/b rel=nofollow>b</a>"
    "<a href='a#x'>dup</a><a href=mailto:x@y>m</a>";

int zc_parser_test(bool verbose)
{
    ZC_UNUSED(verbose);
    Zcrawl__Fetch f;
    Zcrawl__Task t;
    zc_parser_result_t res;
    memset(&res, 0, sizeof res);

    /* 200 HTML: title, outlinks, follow links, the record in the feedback. */
    s_fetch_init(&f, &t, 200, "text/html", s_page);
    f.digest = "abc";
    assert(zc_parser_build(&f, 1000, &res) == ZC_OK);
    Zcrawl__Feedback *fb = &res.feedback;
    assert(fb->task_id == 77 && strcmp(fb->url, t.url) == 0 && fb->status == 200 && !fb->error);
    assert(fb->attempt == 1 && fb->depth == 2 && !fb->has_retry_after_s);
    assert(fb->n_links == 1 && strcmp(fb->links[0], "http://example.com/dir/a") == 0);
    Zcrawl__Record *r = s_unpack_record(fb);
    assert(strcmp(r->url, t.url) == 0 && r->status == 200 && !r->error);
    assert(strcmp(r->title, "Test page") == 0 && r->depth == 2 && r->attempt == 1);
    assert(r->n_outlinks == 2 && strcmp(r->outlinks[1], "http://example.com/b") == 0);
    assert(r->bytes == strlen(s_page) && strcmp(r->digest, "abc") == 0 && !r->redirect);
    assert(r->fetched_at_ms == 1767323045678 && r->fetch_ms == 12 && !r->has_truncated);
    zc_msg_free((ProtobufCMessage **)&r);
    zc_parser_result_clear(&res);

    /* Without a digest from the crawler the parser computes it: hex SHA-1
       of the body (of an empty body too), the same in Record and packed. */
    f.digest = NULL;
    assert(zc_parser_build(&f, 1000, &res) == ZC_OK);
    assert(res.record.digest &&
           strcmp(res.record.digest, "37729c5550d38403fb37e6bfff2a2ed6d8249046") == 0);
    r = s_unpack_record(&res.feedback);
    assert(strcmp(r->digest, "37729c5550d38403fb37e6bfff2a2ed6d8249046") == 0);
    zc_msg_free((ProtobufCMessage **)&r);
    zc_parser_result_clear(&res);
    f.body.len = 0;
    assert(zc_parser_build(&f, 1000, &res) == ZC_OK);
    assert(strcmp(res.record.digest, "da39a3ee5e6b4b0d3255bfef95601890afd80709") == 0);
    zc_parser_result_clear(&res);
    f.has_body = false;
    assert(zc_parser_build(&f, 1000, &res) == ZC_OK && !res.record.digest);
    zc_parser_result_clear(&res);
    s_fetch_init(&f, &t, 200, "text/html", s_page);

    /* X-Robots-Tag: outlinks recorded, nothing followed. */
    f.x_robots_tag = "noindex, nofollow";
    zc_parser_build(&f, 1000, &res);
    assert(res.record.n_outlinks == 2 && res.feedback.n_links == 0);
    zc_parser_result_clear(&res);

    /* A too_large page cut at --max-bytes is still parsed. */
    s_fetch_init(&f, &t, 200, "text/html; charset=utf-8", s_page);
    f.error = "too_large";
    f.has_truncated = true;
    f.truncated = true;
    zc_parser_build(&f, 1000, &res);
    assert(strcmp(res.record.error, "too_large") == 0 && res.record.truncated);
    assert(res.record.n_outlinks == 2 && res.feedback.n_links == 1 && res.record.title);
    zc_parser_result_clear(&res);

    /* Not HTML: metadata only. */
    s_fetch_init(&f, &t, 200, "image/png", "<html><title>no</title><a href=x>");
    zc_parser_build(&f, 1000, &res);
    assert(!res.record.title && res.record.n_outlinks == 0 && res.feedback.n_links == 0);
    assert(!res.page.html);
    zc_parser_result_clear(&res);

    /* 3xx: the normalized Location is the redirect and the only link. */
    s_fetch_init(&f, &t, 301, "text/html", "<title>Moved</title><a href=/elsewhere>");
    f.redirect = "../New%7ePage#frag";
    zc_parser_build(&f, 1000, &res);
    assert(strcmp(res.record.redirect, "http://example.com/New~Page") == 0);
    assert(res.record.n_outlinks == 0 && !res.record.error);
    assert(res.feedback.n_links == 1 && res.feedback.links[0] == res.record.redirect);
    zc_parser_result_clear(&res);
    f.redirect = "mailto:x@y";
    zc_parser_build(&f, 1000, &res);
    assert(!res.record.redirect && res.feedback.n_links == 0);
    zc_parser_result_clear(&res);

    /* 4xx HTML: error "http", title only. */
    s_fetch_init(&f, &t, 404, "text/html", "<title>Not found</title><a href=x>");
    zc_parser_build(&f, 1000, &res);
    assert(strcmp(res.record.error, "http") == 0 && strcmp(res.record.title, "Not found") == 0);
    assert(res.record.n_outlinks == 0 && res.feedback.n_links == 0);
    assert(strcmp(res.feedback.error, "http") == 0 && res.feedback.status == 404);
    zc_parser_result_clear(&res);

    /* 429 / 503: status and Retry-After go back to the producer. */
    s_fetch_init(&f, &t, 429, NULL, NULL);
    f.has_retry_after_s = true;
    f.retry_after_s = 30;
    zc_parser_build(&f, 1000, &res);
    assert(res.feedback.status == 429 && res.feedback.has_retry_after_s &&
           res.feedback.retry_after_s == 30);
    assert(!res.record.has_bytes && !res.record.title);
    zc_parser_result_clear(&res);

    /* A failed fetch: nothing parsed, the error recorded. */
    s_fetch_init(&f, &t, 0, NULL, NULL);
    f.error = "dns";
    zc_parser_build(&f, 1000, &res);
    assert(res.record.status == 0 && strcmp(res.record.error, "dns") == 0);
    assert(res.feedback.n_links == 0 && res.feedback.status == 0);
    r = s_unpack_record(&res.feedback);
    assert(r->has_status && r->status == 0 && strcmp(r->error, "dns") == 0);
    zc_msg_free((ProtobufCMessage **)&r);
    zc_parser_result_clear(&res);

    /* Extraction rules: every rule's item on 2xx HTML (empty when nothing
       matched), in the packed record too; none on error pages. */
    const char *specs[] = {"post=a@href", "title=title", "none=table"};
    zc_strlist_t spec_list = {(char **)specs, 3};
    zc_select_rules_t *rules = NULL;
    assert(zc_select_compile(&spec_list, &rules, NULL, 0) == ZC_OK);
    s_fetch_init(&f, &t, 200, "text/html", s_page);
    assert(s_build(&f, 1000, rules, false, &res) == ZC_OK);
    assert(res.record.n_items == 3 && res.record.items[0]->n_values == 4);
    r = s_unpack_record(&res.feedback);
    assert(r->n_items == 3 && strcmp(r->items[0]->name, "post") == 0);
    assert(strcmp(r->items[0]->values[0], "a") == 0 && strcmp(r->items[0]->values[1], "/b") == 0);
    assert(strcmp(r->items[0]->values[3], "mailto:x@y") == 0);
    assert(r->items[1]->n_values == 1 && strcmp(r->items[1]->values[0], "Test page") == 0);
    assert(strcmp(r->items[2]->name, "none") == 0 && r->items[2]->n_values == 0);
    zc_msg_free((ProtobufCMessage **)&r);
    zc_parser_result_clear(&res);
    s_fetch_init(&f, &t, 404, "text/html", s_page);
    assert(s_build(&f, 1000, rules, false, &res) == ZC_OK && res.record.n_items == 0);
    zc_parser_result_clear(&res);
    s_fetch_init(&f, &t, 200, "application/json", "{}");
    assert(s_build(&f, 1000, rules, false, &res) == ZC_OK && res.record.n_items == 0);
    zc_parser_result_clear(&res);
    zc_select_rules_destroy(&rules);

    /* --warc: a response's record carries the exchange, in the packed record
       too; none without --warc or without a response; a body that would not
       fit a control message is cut and marked. */
    static const char req[] = "GET /dir/ HTTP/1.1\r\nHost: example.com\r\n\r\n";
    static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    s_fetch_init(&f, &t, 200, "text/html", s_page);
    f.has_request_headers = f.has_response_headers = true;
    f.request_headers.data = (uint8_t *)req;
    f.request_headers.len = strlen(req);
    f.response_headers.data = (uint8_t *)head;
    f.response_headers.len = strlen(head);
    assert(s_build(&f, 1000, NULL, false, &res) == ZC_OK && !res.record.capture);
    zc_parser_result_clear(&res);
    assert(s_build(&f, 1000, NULL, true, &res) == ZC_OK && res.record.capture);
    r = s_unpack_record(&res.feedback);
    Zcrawl__Capture *cap = r->capture;
    assert(cap && cap->has_request_headers && cap->request_headers.len == strlen(req) &&
           memcmp(cap->request_headers.data, req, strlen(req)) == 0);
    assert(cap->response_headers.len == strlen(head) &&
           memcmp(cap->response_headers.data, head, strlen(head)) == 0);
    assert(cap->body.len == strlen(s_page) && memcmp(cap->body.data, s_page, strlen(s_page)) == 0);
    assert(!cap->truncated && strcmp(r->title, "Test page") == 0 && r->n_outlinks == 2);
    zc_msg_free((ProtobufCMessage **)&r);
    zc_parser_result_clear(&res);
    f.error = "timeout";
    assert(s_build(&f, 1000, NULL, true, &res) == ZC_OK);
    assert(strcmp(res.record.capture->truncated, "time") == 0);
    zc_parser_result_clear(&res);
    f.error = "too_large";
    assert(s_build(&f, 1000, NULL, true, &res) == ZC_OK);
    assert(strcmp(res.record.capture->truncated, "length") == 0);
    zc_parser_result_clear(&res);
    f.error = NULL;
    size_t huge = ZC_CONTROL_MSG_MAX;
    char *big = zc_calloc(1, huge);
    f.body.data = (uint8_t *)big;
    f.body.len = f.bytes = huge;
    assert(s_build(&f, 1000, NULL, true, &res) == ZC_OK);
    assert(res.record.capture->body.len < huge && res.record.capture->body.len > huge / 2);
    assert(strcmp(res.record.capture->truncated, "length") == 0);
    assert(zcrawl__feedback__get_packed_size(&res.feedback) <= ZC_CONTROL_MSG_MAX);
    zc_parser_result_clear(&res);
    free(big);
    s_fetch_init(&f, &t, 0, NULL, NULL);
    f.error = "connect";
    assert(s_build(&f, 1000, NULL, true, &res) == ZC_OK && !res.record.capture);
    zc_parser_result_clear(&res);

    /* The loop over inproc sockets: Fetch in, Feedback out, garbage counted. */
    void *ctx = zmq_ctx_new();
    zc_sockopt_t push_opt = {.type = ZMQ_PUSH}, pull_opt = {.type = ZMQ_PULL};
    void *broker = zc_sock_open(ctx, &push_opt, "inproc://zc-parser-test-in", true);
    void *producer = zc_sock_open(ctx, &pull_opt, "inproc://zc-parser-test-out", true);
    void *shard1 = zc_sock_open(ctx, &pull_opt, "inproc://zc-parser-test-out-1", true);
    assert(broker && producer && shard1);
    char *outs[] = {"inproc://zc-parser-test-out", "inproc://zc-parser-test-out-1"};
    zc_parser_cfg_t cfg = {.broker = "inproc://zc-parser-test-in",
                           .producer = {outs, 2},
                           .max_bytes = 1 << 20,
                           .max_outlinks = 1000,
                           .extract = {(char **)specs, 1}};
    zc_stats_t *stats = zc_stats_new(ctx, NULL, "parser", "test");
    zc_parser_t *p = zc_parser_new(ctx, &cfg, stats);
    assert(p);
    assert(zmq_send(broker, "\x08\x01garbage", 9, 0) == 9);
    s_fetch_init(&f, &t, 200, "text/html", s_page);
    assert(zc_msg_send(broker, &f.base, 0) == ZC_OK);
    int handled = 0;
    for (int i = 0; i < 100 && handled < 2; i++) {
        int rc = zc_parser_step(p, -1);
        if (rc == ZC_OK) {
            handled++;
        } else {
            zmq_pollitem_t item = {p->pull, 0, ZMQ_POLLIN, 0};
            zmq_poll(&item, 1, 50);
        }
    }
    assert(handled == 2);
    assert(*p->bad == 1 && *p->pages == 1 && *p->html == 1 && *p->links == 2 && *p->sent == 1);
    ProtobufCMessage *m = NULL;
    assert(zc_msg_recv(producer, &zcrawl__feedback__descriptor, 0, &m) == ZC_OK);
    Zcrawl__Feedback *got = (Zcrawl__Feedback *)m;
    assert(got->task_id == 77 && got->n_links == 1);
    r = s_unpack_record(got);
    assert(strcmp(r->title, "Test page") == 0 && r->n_outlinks == 2);
    assert(r->n_items == 1 && r->items[0]->n_values == 4);
    zc_msg_free((ProtobufCMessage **)&r);
    zc_msg_free(&m);
    assert(zc_parser_step(p, -1) == ZC_EAGAIN);

    /* Feedback goes to the shard that issued the task; a shard without a
       --producer gets nothing (the lease brings the task back). */
    s_fetch_init(&f, &t, 200, "text/html", s_page);
    t.has_shard = true;
    t.shard = 1;
    assert(zc_msg_send(broker, &f.base, 0) == ZC_OK);
    t.shard = 2;
    assert(zc_msg_send(broker, &f.base, 0) == ZC_OK);
    for (int i = 0, done = 0; i < 100 && done < 2; i++) {
        if (zc_parser_step(p, -1) == ZC_OK) {
            done++;
        } else {
            zmq_pollitem_t item = {p->pull, 0, ZMQ_POLLIN, 0};
            zmq_poll(&item, 1, 50);
        }
    }
    assert(zc_msg_recv(shard1, &zcrawl__feedback__descriptor, 0, &m) == ZC_OK);
    assert(((Zcrawl__Feedback *)m)->task_id == 77);
    assert(((Zcrawl__Feedback *)m)->has_shard && ((Zcrawl__Feedback *)m)->shard == 1);
    zc_msg_free(&m);
    assert(zc_msg_recv(producer, &zcrawl__feedback__descriptor, ZMQ_DONTWAIT, &m) == ZC_EAGAIN);
    assert(zc_msg_recv(shard1, &zcrawl__feedback__descriptor, ZMQ_DONTWAIT, &m) == ZC_EAGAIN);
    assert(*p->sent == 2);

    zc_parser_destroy(&p);
    assert(p == NULL);
    zc_stats_destroy(&stats);
    zc_sock_close(&broker);
    zc_sock_close(&producer);
    zc_sock_close(&shard1);
    zmq_ctx_term(ctx);
    return 0;
}
