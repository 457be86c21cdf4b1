/*  gen_msg_corpus — writes the seed corpus of fuzz_msg.

    Usage: gen_msg_corpus DIR

    Each file is one selector byte (the message type, as fuzz_msg reads it:
    0 Task, 1 Fetch, 2 Feedback, 3 Record, 4 Stats) followed by a packed
    message like those the stages exchange. The output is committed in
    fuzz/corpus/fuzz_msg/; run this again after proto/zcrawl.proto changes.
    task_version_overlong there is written by hand (protobuf-c packs no such
    bytes): a Task whose version varint is 2^32 + 1, which decoders read as
    1 (the case zc_wire once refused).
*/
#include "zc_msg.h"
#include "zc_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int s_write(const char *dir, const char *name, unsigned sel, const ProtobufCMessage *m)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = zc_malloc(n + 1);
    buf[0] = (uint8_t)sel;
    protobuf_c_message_pack(m, buf + 1);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    int rc = f && fwrite(buf, 1, n + 1, f) == n + 1 ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    free(buf);
    if (rc)
        fprintf(stderr, "gen_msg_corpus: cannot write %s\n", path);
    return rc;
}

static void s_bytes(ProtobufCBinaryData *b, protobuf_c_boolean *has, const char *s)
{
    b->data = (uint8_t *)s;
    b->len = strlen(s);
    *has = 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_msg_corpus DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    int rc = 0;

    /* Task: producer -> crawler. */
    Zcrawl__Task task = ZCRAWL__TASK__INIT;
    task.version = ZC_FORMAT_VERSION;
    task.task_id = 42;
    task.url = "http://example.com/dir/page.html?q=1";
    task.has_depth = task.has_attempt = task.has_shard = 1;
    task.depth = 2;
    task.attempt = 1;
    rc |= s_write(dir, "task_basic", 0, &task.base);
    Zcrawl__Task odd = ZCRAWL__TASK__INIT;
    odd.version = ZC_FORMAT_VERSION;
    odd.task_id = 7;
    odd.url = "HTTP://B\xc3\xbc" "cher.DE:80/a/./b/../%7e?x#f";
    rc |= s_write(dir, "task_idn", 0, &odd.base);

    /* Fetch: crawler -> broker -> parser. */
    Zcrawl__Fetch f = ZCRAWL__FETCH__INIT;
    f.version = ZC_FORMAT_VERSION;
    f.task = &task;
    f.has_status = 1;
    f.status = 200;
    f.content_type = "text/html; charset=utf-8";
    s_bytes(&f.body, &f.has_body,
            "<!doctype html><html><head><title> Hello  &amp; world </title>"
            "<base href=\"/base/\"><meta name=robots content=index></head><body>"
            "<a href=\"a.html\">a</a> <a href='../b?x=1#f' rel=nofollow>b</a>"
            "<link rel=canonical href=\"http://example.com/c\"><iframe src=//other.org/f>"
            "<a href=\"mailto:x@y\">m</a><area href=\"/d\"></body></html>");
    f.has_bytes = 1;
    f.bytes = f.body.len;
    f.has_fetched_at_ms = f.has_fetch_ms = 1;
    f.fetched_at_ms = 1700000000123ULL;
    f.fetch_ms = 35;
    f.digest = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    f.ip = "127.0.0.1";
    f.http_version = "1.1";
    f.worker = "crawler-1";
    s_bytes(&f.response_headers, &f.has_response_headers,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n");
    rc |= s_write(dir, "fetch_html", 1, &f.base);

    Zcrawl__Fetch redir = ZCRAWL__FETCH__INIT;
    redir.version = ZC_FORMAT_VERSION;
    redir.task = &task;
    redir.has_status = 1;
    redir.status = 301;
    redir.redirect = "../moved/here?x=1";
    redir.content_type = "text/html";
    s_bytes(&redir.body, &redir.has_body, "<title>Moved</title>");
    rc |= s_write(dir, "fetch_redirect", 1, &redir.base);

    Zcrawl__Fetch err = ZCRAWL__FETCH__INIT;
    err.version = ZC_FORMAT_VERSION;
    err.task = &odd;
    err.has_status = 1;
    err.status = 0;
    err.error = "timeout";
    err.error_detail = "Operation timed out after 10000 ms";
    rc |= s_write(dir, "fetch_timeout", 1, &err.base);

    Zcrawl__Fetch big = ZCRAWL__FETCH__INIT;
    big.version = ZC_FORMAT_VERSION;
    big.task = &task;
    big.has_status = 1;
    big.status = 200;
    big.error = "too_large";
    big.content_type = "text/html; charset=windows-1252";
    s_bytes(&big.body, &big.has_body, "<title>caf\xe9 \x80</title><a href=/x\xe9>");
    big.has_truncated = big.truncated = 1;
    big.x_robots_tag = "noarchive, nofollow";
    big.has_retry_after_s = 1;
    big.retry_after_s = 30;
    rc |= s_write(dir, "fetch_truncated", 1, &big.base);

    /* Feedback: parser -> producer (an ack with its record, and seeds). */
    Zcrawl__Record rec = ZCRAWL__RECORD__INIT;
    rec.version = ZC_FORMAT_VERSION;
    rec.url = "http://example.com/dir/page.html?q=1";
    rec.has_status = 1;
    rec.status = 200;
    rec.content_type = "text/html";
    rec.has_bytes = 1;
    rec.bytes = 1234;
    rec.title = "Hello \"world\" \xc3\xa9\x01";
    rec.has_depth = 1;
    rec.depth = 2;
    char *outlinks[] = {"http://example.com/a.html", "http://other.org/f"};
    rec.outlinks = outlinks;
    rec.n_outlinks = 2;
    rec.has_fetched_at_ms = rec.has_fetch_ms = rec.has_attempt = 1;
    rec.fetched_at_ms = 1700000000123ULL;
    rec.fetch_ms = 35;
    rec.attempt = 1;
    rec.digest = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    char *v1[] = {"one", "two"}, *v2[] = {"three"};
    Zcrawl__Item it1 = ZCRAWL__ITEM__INIT, it2 = ZCRAWL__ITEM__INIT, it3 = ZCRAWL__ITEM__INIT;
    it1.name = "price";
    it1.values = v1;
    it1.n_values = 2;
    it2.name = "h1";
    it2.values = v2;
    it2.n_values = 1;
    it3.name = "price";
    it3.values = v2;
    it3.n_values = 1;
    Zcrawl__Item *items[] = {&it1, &it2, &it3};
    rec.items = items;
    rec.n_items = 3;
    rec.http_version = "2";
    rec.ip = "::1";
    size_t rn = zcrawl__record__get_packed_size(&rec);
    uint8_t *rbuf = zc_malloc(rn);
    zcrawl__record__pack(&rec, rbuf);

    Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
    fb.version = ZC_FORMAT_VERSION;
    fb.has_task_id = fb.has_status = fb.has_attempt = fb.has_depth = 1;
    fb.task_id = 42;
    fb.url = rec.url;
    fb.status = 200;
    fb.attempt = 1;
    fb.depth = 2;
    fb.links = outlinks;
    fb.n_links = 2;
    fb.has_record = 1;
    fb.record.data = rbuf;
    fb.record.len = rn;
    rc |= s_write(dir, "feedback_ack", 2, &fb.base);

    Zcrawl__Feedback seeds = ZCRAWL__FEEDBACK__INIT;
    seeds.version = ZC_FORMAT_VERSION;
    char *seed_links[] = {"example.com", "HTTPS://Example.com:443/", "http://[::1]:8080/x"};
    seeds.links = seed_links;
    seeds.n_links = 3;
    rc |= s_write(dir, "feedback_seeds", 2, &seeds.base);

    /* Record: parser (via producer) -> sink. */
    rc |= s_write(dir, "record_full", 3, &rec.base);
    Zcrawl__Record fail = ZCRAWL__RECORD__INIT;
    fail.version = ZC_FORMAT_VERSION;
    fail.url = "http://example.com/gone";
    fail.has_status = 1;
    fail.error = "max_attempts";
    rc |= s_write(dir, "record_failure", 3, &fail.base);
    /* A record with a WARC capture: the server's raw head, which the sink's
       WARC writer rewrites (gzip and chunked undone). */
    Zcrawl__Capture cap = ZCRAWL__CAPTURE__INIT;
    s_bytes(&cap.request_headers, &cap.has_request_headers,
            "GET /dir/page.html?q=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
    s_bytes(&cap.response_headers, &cap.has_response_headers,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            "Transfer-Encoding: chunked\r\nContent-Length: 99\r\nX-A:  b \r\n\r\n");
    s_bytes(&cap.body, &cap.has_body, "<html><title>t</title></html>");
    cap.truncated = "length";
    rec.capture = &cap;
    rc |= s_write(dir, "record_capture", 3, &rec.base);
    rec.capture = NULL;

    /* Stats: every process -> sink. */
    Zcrawl__Metric c1 = ZCRAWL__METRIC__INIT, c2 = ZCRAWL__METRIC__INIT,
                   g1 = ZCRAWL__METRIC__INIT;
    c1.name = "tasks_dispatched_total";
    c1.value = 120;
    c2.name = "frontier_verdicts_total{verdict=\"new\"}";
    c2.value = 118.5;
    g1.name = "frontier_queued";
    g1.value = 3;
    Zcrawl__Metric *counters[] = {&c1, &c2}, *gauges[] = {&g1};
    Zcrawl__Stats st = ZCRAWL__STATS__INIT;
    st.version = ZC_FORMAT_VERSION;
    st.stage = "producer";
    st.worker = "0";
    st.has_pid = st.has_sent_at_ms = st.has_complete = st.has_records_expected = 1;
    st.pid = 4242;
    st.sent_at_ms = 1700000000000ULL;
    st.counters = counters;
    st.n_counters = 2;
    st.gauges = gauges;
    st.n_gauges = 1;
    st.complete = 1;
    st.records_expected = 120;
    rc |= s_write(dir, "stats_producer", 4, &st.base);
    Zcrawl__Stats cs = ZCRAWL__STATS__INIT;
    cs.version = ZC_FORMAT_VERSION;
    cs.stage = "crawler";
    cs.worker = "w\"1";
    cs.has_stopping = cs.stopping = 1;
    rc |= s_write(dir, "stats_crawler", 4, &cs.base);

    free(rbuf);
    return rc ? 1 : 0;
}
