/*  fuzz_msg — libFuzzer target for the decoding of every message a stage
    receives, and for what the receiving stage does with it first.

    Input: one selector byte, then the bytes of a message. The selector picks
    the message type (and so the stage that receives it):
      0 Task      crawler   decode; the URL is normalized
      1 Fetch     broker    zc_wire_check as the broker does before relaying
                  parser    decode; zc_parser_build makes the Record and the
                            Feedback, both are packed and decoded again
      2 Feedback  producer  decode; links normalized, the packed Record inside
                            decoded as the sink will
      3 Record    sink      decode; zc_record_json writes the pages.jsonl line
      4 Stats     sink      decode; zc_agg takes the heartbeat and writes the
                            stats.json snapshot
    zc_wire_check runs on the bytes whatever the type. Invariants checked
    with a trap:
    1. Bytes that zc_msg_unpack accepts pass zc_wire_check with the type's
       required fields (the broker never drops what a parser would take),
       unless they hold top-level fields unknown to zcrawl.proto.
    2. A decoded message (without unknown fields) packs again, and the
       packed bytes decode again.
    3. What zc_parser_build makes decodes (zc_msg_unpack) and passes
       zc_wire_check; its links are normalized URLs.
    4. The pages.jsonl line and the stats.json snapshot are valid JSON
       (strict RFC 8259, valid UTF-8), and the URL located by
       zc_record_json_url lies inside the line.
*/
#include "fuzz_util.h"
#include "zc_agg.h"
#include "zc_msg.h"
#include "zc_parser.h"
#include "zc_prom.h"
#include "zc_record.h"
#include "zc_url.h"
#include "zc_util.h"
#include "zc_warc.h"
#include "zc_wire.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Buffer limits for the JSON writers: one generous, one tight enough that
   inputs reach the ZC_ETOOBIG paths. */
#define S_JSON_MAX (1u << 20)
#define S_JSON_TIGHT 200

/* The parser's --max-outlinks for the Fetch path. */
#define S_MAX_OUTLINKS 1000
/* WARC files of one input rotate quickly, so rotation is fuzzed too. */
#define S_WARC_MAX_BYTES (64 * 1024)

typedef struct {
    const ProtobufCMessageDescriptor *desc;
    uint32_t required[3]; /* field numbers proto2 marks required */
    size_t nreq;
} s_type_t;

static const s_type_t s_types[] = {
    {&zcrawl__task__descriptor, {1, 2, 3}, 3},
    {&zcrawl__fetch__descriptor, {1, 2}, 2},
    {&zcrawl__feedback__descriptor, {1}, 1},
    {&zcrawl__record__descriptor, {1, 2}, 2},
    {&zcrawl__stats__descriptor, {1, 2, 3}, 3},
    {&zcrawl__control__descriptor, {1}, 1},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return fuzz_init(argc, argv);
}

/* True when m or a message inside it holds fields unknown to zcrawl.proto,
   which protobuf-c keeps and packs again as they came, malformed or not. */
static bool s_has_unknown(const ProtobufCMessage *m)
{
    if (m->n_unknown_fields)
        return true;
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (f->type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        const char *base = (const char *)m;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(const size_t *)(base + f->quantifier_offset);
            ProtobufCMessage *const *v = *(ProtobufCMessage *const *const *)(base + f->offset);
            for (size_t k = 0; k < n; k++)
                if (v[k] && s_has_unknown(v[k]))
                    return true;
        } else {
            const ProtobufCMessage *sub = *(ProtobufCMessage *const *)(base + f->offset);
            if (sub && s_has_unknown(sub))
                return true;
        }
    }
    return false;
}

/* Packs m and checks that the bytes decode again as its type. Only for
   messages without unknown fields: no stage sends any, and protobuf-c
   packs some that it accepted (field number 0 spelt as an overlong varint)
   into bytes it then refuses. */
static void s_repack(const ProtobufCMessage *m, const s_type_t *t)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = zc_malloc(n ? n : 1);
    FUZZ_CHECK(protobuf_c_message_pack(m, buf) == n);
    ProtobufCMessage *again = NULL;
    FUZZ_CHECK(zc_msg_unpack(t->desc, buf, n, &again) == ZC_OK);
    FUZZ_CHECK(zc_wire_check(buf, n, ZC_FORMAT_VERSION, t->required, t->nreq) == ZC_OK);
    FUZZ_CHECK(protobuf_c_message_get_packed_size(again) == n);
    zc_msg_free(&again);
    free(buf);
}

/* A URL that must already be normalized. */
static void s_check_normalized(const char *url)
{
    char *norm = NULL;
    FUZZ_CHECK(zc_url_normalize(url, &norm) == ZC_OK);
    FUZZ_CHECK(strcmp(norm, url) == 0);
    free(norm);
}

/* The sink's line for r, with a generous and with a tight limit. */
static void s_record_json(const Zcrawl__Record *r)
{
    static const size_t limits[] = {S_JSON_MAX, S_JSON_TIGHT};
    for (size_t i = 0; i < ZC_ARRAY_LEN(limits); i++) {
        zc_buf_t out;
        zc_buf_init(&out, limits[i]);
        FUZZ_CHECK(zc_buf_adds(&out, "x") == ZC_OK);
        size_t off = 0, len = 0;
        int rc = zc_record_json_url(r, &out, &off, &len);
        FUZZ_CHECK(rc == ZC_OK || rc == ZC_ETOOBIG);
        if (rc == ZC_OK) {
            FUZZ_CHECK(fuzz_json_valid(out.data + 1, out.len - 1));
            FUZZ_CHECK(off >= 1 && off + len < out.len && out.data[off - 1] == '"' &&
                       out.data[off + len] == '"');
        } else {
            /* out is as before the call. */
            FUZZ_CHECK(out.len == 1 && out.data[0] == 'x' && out.data[1] == '\0');
        }
        zc_buf_free(&out);

        zc_buf_init(&out, limits[i]);
        rc = zc_record_json(r, &out);
        FUZZ_CHECK(rc == ZC_OK || rc == ZC_ETOOBIG);
        if (rc == ZC_OK)
            FUZZ_CHECK(fuzz_json_valid(out.data, out.len));
        zc_buf_free(&out);
    }
}

/* Empties DIR/warc, so inputs do not fill the disk. */
static void s_warc_clear(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/warc", dir);
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char f[1024];
        snprintf(f, sizeof f, "%s/%s", path, e->d_name);
        unlink(f);
    }
    closedir(d);
}

/* The sink's WARC records for r (the capture carries the server's raw
   response head, which the writer rewrites): into a scratch directory of
   this process, emptied after every input. */
static void s_record_warc(const Zcrawl__Record *r)
{
    static char dir[512];
    if (!r->capture)
        return;
    if (!dir[0]) {
        /* Under TMPDIR: fuzz/run.sh points it at its own temporary folder. */
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/zc-fuzz-warc-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            dir[0] = '\0';
            return;
        }
    }
    zc_warc_t *w = zc_warc_new(dir, S_WARC_MAX_BYTES);
    FUZZ_CHECK(w != NULL);
    int rc = zc_warc_write(w, r);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_EINVAL || rc == ZC_ETOOBIG);
    zc_warc_destroy(&w);
    s_warc_clear(dir);
}

/* A packed Record as the sink receives it (from Feedback.record). */
static void s_record_bytes(const uint8_t *data, size_t len, bool must_decode)
{
    ProtobufCMessage *m = NULL;
    int rc = zc_msg_unpack(&zcrawl__record__descriptor, data, len, &m);
    FUZZ_CHECK(!must_decode || rc == ZC_OK);
    if (rc != ZC_OK)
        return;
    static const uint32_t req[] = {1, 2};
    if (m->n_unknown_fields == 0)
        FUZZ_CHECK(zc_wire_check(data, len, ZC_FORMAT_VERSION, req, ZC_ARRAY_LEN(req)) == ZC_OK);
    s_record_json((const Zcrawl__Record *)m);
    s_record_warc((const Zcrawl__Record *)m);
    zc_msg_free(&m);
}

static void s_task(const Zcrawl__Task *t)
{
    /* The crawler fetches the URL it is given; whatever its spelling, the
       URL module must cope with it. */
    char *norm = NULL;
    if (zc_url_normalize(t->url, &norm) == ZC_OK) {
        char key[ZC_URL_MAX + 1];
        FUZZ_CHECK(zc_url_hostkey(norm, key, sizeof key) == ZC_OK);
        free(norm);
    }
}

static void s_fetch(const Zcrawl__Fetch *f)
{
    zc_parser_result_t res;
    memset(&res, 0, sizeof res);
    int rc = zc_parser_build(f, S_MAX_OUTLINKS, &res);
    if (rc == ZC_OK) {
        const Zcrawl__Feedback *fb = &res.feedback;
        size_t n = zcrawl__feedback__get_packed_size(fb);
        uint8_t *buf = zc_malloc(n ? n : 1);
        FUZZ_CHECK(zcrawl__feedback__pack(fb, buf) == n);
        static const uint32_t req[] = {1};
        FUZZ_CHECK(zc_wire_check(buf, n, ZC_FORMAT_VERSION, req, ZC_ARRAY_LEN(req)) == ZC_OK);
        ProtobufCMessage *m = NULL;
        FUZZ_CHECK(zc_msg_unpack(&zcrawl__feedback__descriptor, buf, n, &m) == ZC_OK);
        const Zcrawl__Feedback *back = (const Zcrawl__Feedback *)m;
        FUZZ_CHECK(back->n_links == fb->n_links && back->has_record);
        for (size_t i = 0; i < back->n_links; i++)
            s_check_normalized(back->links[i]);
        s_record_bytes(back->record.data, back->record.len, true);
        zc_msg_free(&m);
        free(buf);
    }
    zc_parser_result_clear(&res);
    FUZZ_CHECK(res.packed == NULL && res.links == NULL && res.redirect == NULL);
}

static void s_feedback(const Zcrawl__Feedback *fb)
{
    /* The producer normalizes links it cannot trust as they are (seeds),
       and forwards the record to the sink, which decodes it. */
    for (size_t i = 0; i < fb->n_links; i++) {
        char *norm = NULL;
        if (zc_url_normalize(fb->links[i], &norm) == ZC_OK) {
            s_check_normalized(norm);
            free(norm);
        }
    }
    if (fb->has_record)
        s_record_bytes(fb->record.data, fb->record.len, false);
}

static void s_stats(const Zcrawl__Stats *st)
{
    zc_agg_t *agg = zc_agg_new("fuzz", 5000, 0);
    int rc = zc_agg_heartbeat(agg, st, 1000);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_EINVAL || rc == ZC_ETOOBIG);
    /* The same worker again, later: a repeat (or a restart if the pid moved). */
    rc = zc_agg_heartbeat(agg, st, 2500);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_EINVAL || rc == ZC_ETOOBIG);
    zc_agg_record(agg, true, 200, NULL, 2600);
    (void)zc_agg_complete(agg, 3000, NULL);
    zc_buf_t out;
    zc_buf_init(&out, S_JSON_MAX);
    rc = zc_agg_json(agg, 3000, 1700000000000, &out);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_ETOOBIG);
    if (rc == ZC_OK)
        FUZZ_CHECK(fuzz_json_valid(out.data, out.len));
    zc_buf_free(&out);
    /* /metrics from the same heartbeats: names and labels come from other
       processes. */
    zc_buf_init(&out, S_JSON_MAX);
    rc = zc_prom_render(agg, 3000, &out);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_ETOOBIG);
    zc_buf_free(&out);
    zc_agg_destroy(&agg);
    FUZZ_CHECK(agg == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0] % ZC_ARRAY_LEN(s_types);
    const s_type_t *t = &s_types[sel];
    const uint8_t *msg = data + 1;
    size_t len = size - 1;

    /* The broker's check, before any decoding. */
    int wrc = zc_wire_check(msg, len, ZC_FORMAT_VERSION, t->required, t->nreq);
    FUZZ_CHECK(wrc == ZC_OK || wrc == ZC_EPROTO || wrc == ZC_EVERSION);

    ProtobufCMessage *m = NULL;
    int rc = zc_msg_unpack(t->desc, msg, len, &m);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_EPROTO || rc == ZC_EVERSION);
    FUZZ_CHECK((rc == ZC_OK) == (m != NULL));
    if (rc != ZC_OK)
        return 0;
    /* protobuf-c keeps top-level fields it does not know, even some that are
       not valid protobuf (numbers past 2^29 - 1), which zc_wire refuses;
       no stage sends such fields. */
    if (m->n_unknown_fields == 0)
        FUZZ_CHECK(wrc == ZC_OK);
    if (!s_has_unknown(m))
        s_repack(m, t);

    switch (sel) {
    case 0:
        s_task((const Zcrawl__Task *)m);
        break;
    case 1:
        s_fetch((const Zcrawl__Fetch *)m);
        break;
    case 2:
        s_feedback((const Zcrawl__Feedback *)m);
        break;
    case 3:
        s_record_json((const Zcrawl__Record *)m);
        s_record_warc((const Zcrawl__Record *)m);
        break;
    case 4:
        s_stats((const Zcrawl__Stats *)m);
        break;
    default:
        /* Control: a wave and a flag, read as they come (decoding is the check). */
        break;
    }
    zc_msg_free(&m);
    FUZZ_CHECK(m == NULL);
    return 0;
}
