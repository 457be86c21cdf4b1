/*  zc_prom — see zc_prom.h.

    Design notes
    A render collects one entry per sample (family, suffix, labels, value),
    sorts them so that a family's samples are adjacent (histogram buckets in
    increasing `le`, then _sum, then _count; other samples by their labels),
    and prints them with a HELP and TYPE line before each family. It runs at
    most once per scrape, over at most ZC_AGG_MAX_NAMES names and two series
    per worker, so the per-render allocation is small and bounded.

    Invariants
    1. Every family name printed matches [a-zA-Z_][a-zA-Z0-9_]* and starts
       with ZC_PROM_PREFIX; every label name matches the same and does not
       start with "__"; label values are escaped (\\, \", \n).
    2. A family is printed once, with one type; no series is printed twice.
*/
#include "zc_prom.h"

#include "zc_util.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_LABELS_MAX 1024 /* bytes of one rendered label set */

typedef enum { S_COUNTER, S_GAUGE, S_HISTOGRAM } s_type_t;

static const char *const s_type_names[] = {"counter", "gauge", "histogram"};

/* Internal base names the stages send, and their Prometheus families. */
typedef struct {
    const char *base;
    const char *family;
    s_type_t type;
    const char *suffix; /* histogram part: "_bucket", "_sum", "_count"; else "" */
    double scale;
    const char *help;
} s_map_t;

#define S_HIST "zcrawl_fetch_duration_seconds"

static const s_map_t s_map[] = {
    /* sink */
    {"records_written_total", "zcrawl_records_written_total", S_COUNTER, "", 1,
     "Records written to pages.jsonl (each URL once)"},
    {"duplicates_total", "zcrawl_duplicates_total", S_COUNTER, "", 1,
     "Records the sink dropped because their URL was already written"},
    {"bad_messages_total", "zcrawl_bad_messages_total", S_COUNTER, "", 1,
     "Malformed messages dropped, every stage together"},
    {"workers_dropped_total", "zcrawl_workers_dropped_total", S_COUNTER, "", 1,
     "Heartbeats dropped because the sink's worker table was full"},
    {"metrics_dropped_total", "zcrawl_metrics_dropped_total", S_COUNTER, "", 1,
     "Metrics dropped from heartbeats (invalid or over the sink's limits)"},
    {"pages_total", "zcrawl_pages_total", S_COUNTER, "", 1,
     "Records written, by HTTP status class"},
    {"errors_total", "zcrawl_errors_total", S_COUNTER, "", 1,
     "Records written with an error, by error kind"},
    /* producer */
    {"frontier_size", "zcrawl_frontier_urls", S_GAUGE, "", 1, "URLs queued in the frontier"},
    {"hosts", "zcrawl_frontier_hosts", S_GAUGE, "", 1, "Hosts known to the frontier"},
    {"hosts_ready", "zcrawl_frontier_hosts_ready", S_GAUGE, "", 1,
     "Hosts with a URL that may be dispatched now"},
    {"inflight", "zcrawl_inflight_leases", S_GAUGE, "", 1,
     "Tasks leased to the pipeline and not yet acknowledged"},
    {"redispatches_total", "zcrawl_redispatches_total", S_COUNTER, "", 1,
     "Tasks dispatched again after their lease expired"},
    {"urls_admitted_total", "zcrawl_urls_admitted_total", S_COUNTER, "", 1,
     "URLs admitted to the frontier"},
    {"urls_seen_total", "zcrawl_urls_seen_total", S_COUNTER, "", 1,
     "Links checked against the seen-set"},
    {"links_dropped_total", "zcrawl_links_dropped_total", S_COUNTER, "", 1,
     "Links not admitted, by reason"},
    {"tasks_dispatched_total", "zcrawl_tasks_dispatched_total", S_COUNTER, "", 1,
     "Tasks sent to crawlers"},
    {"acks_total", "zcrawl_acks_total", S_COUNTER, "", 1, "Tasks acknowledged by parsers"},
    {"acks_stale_total", "zcrawl_acks_stale_total", S_COUNTER, "", 1,
     "Acknowledgements of leases already retired"},
    {"records_total", "zcrawl_records_released_total", S_COUNTER, "", 1,
     "Records the producer released to the sink"},
    {"failed_total", "zcrawl_urls_failed_total", S_COUNTER, "", 1,
     "URLs recorded as failed after --max-attempts dispatches"},
    /* crawler */
    {"tasks_received_total", "zcrawl_crawler_tasks_received_total", S_COUNTER, "", 1,
     "Tasks crawlers took"},
    {"fetches_total", "zcrawl_fetches_total", S_COUNTER, "", 1, "Fetches finished by crawlers"},
    {"fetch_errors_total", "zcrawl_fetch_errors_total", S_COUNTER, "", 1,
     "Fetches that ended in an error, by error kind"},
    {"bytes_total", "zcrawl_fetched_bytes_total", S_COUNTER, "", 1,
     "Body bytes fetched, after content decoding"},
    {"fetches_dropped_total", "zcrawl_fetches_dropped_total", S_COUNTER, "", 1,
     "Fetch results crawlers could not hand to the broker"},
    {"transfers", "zcrawl_crawler_transfers", S_GAUGE, "", 1,
     "Transfers in flight in live crawlers"},
    {"concurrency", "zcrawl_crawler_concurrency", S_GAUGE, "", 1,
     "Transfer slots of live crawlers"},
    {"fetch_duration_seconds_bucket", S_HIST, S_HISTOGRAM, "_bucket", 1,
     "Time of a fetch, request start to last byte"},
    {"fetch_duration_ms_sum", S_HIST, S_HISTOGRAM, "_sum", 0.001,
     "Time of a fetch, request start to last byte"},
    {"fetch_duration_seconds_count", S_HIST, S_HISTOGRAM, "_count", 1,
     "Time of a fetch, request start to last byte"},
    /* broker */
    {"messages_relayed_total", "zcrawl_broker_messages_relayed_total", S_COUNTER, "", 1,
     "Fetch messages relayed from crawlers to parsers"},
    {"bytes_relayed_total", "zcrawl_broker_bytes_relayed_total", S_COUNTER, "", 1,
     "Bytes of fetch messages relayed"},
    /* parser */
    {"pages_parsed_total", "zcrawl_pages_parsed_total", S_COUNTER, "", 1,
     "Fetch results parsed"},
    {"html_pages_total", "zcrawl_html_pages_total", S_COUNTER, "", 1, "Pages parsed as HTML"},
    {"links_extracted_total", "zcrawl_links_extracted_total", S_COUNTER, "", 1,
     "Outlinks extracted from pages"},
    {"feedback_sent_total", "zcrawl_feedback_sent_total", S_COUNTER, "", 1,
     "Acknowledgements (with links and record) sent to the producer"},
};

typedef struct {
    char *family;   /* owned */
    const char *suffix;
    char *labels;   /* owned: `a="x",b="y"`, "" for none */
    double le;      /* histogram buckets: the bound, for ordering */
    int part;       /* 0 bucket or plain sample, 1 _sum, 2 _count */
    double value;
    s_type_t type;
    const char *help; /* NULL: generic */
} s_entry_t;

typedef struct {
    s_entry_t *v;
    size_t n, cap;
} s_list_t;

static bool s_name_ok(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

/* Appends a label value escaped per the text format. */
static int s_escape(zc_buf_t *b, const char *s, size_t len, bool help)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < len; i++) {
        if (s[i] == '\\')
            rc = zc_buf_adds(b, "\\\\");
        else if (s[i] == '\n')
            rc = zc_buf_adds(b, "\\n");
        else if (s[i] == '"' && !help)
            rc = zc_buf_adds(b, "\\\"");
        else
            rc = zc_buf_addc(b, s[i]);
    }
    return rc;
}

/* Parses `{a="x",b=y}` (quoted or bare values; a quoted value may escape \ "
   and n) from p to the end of the name into a canonical, escaped label set
   in out; the value of label le is stored in *le when asked for. */
static int s_labels(const char *p, zc_buf_t *out, double *le)
{
    if (*p == '\0')
        return 0;
    if (*p++ != '{')
        return ZC_EINVAL;
    bool first = true;
    while (*p != '}') {
        const char *name = p;
        while (*p && *p != '=' && *p != '}' && *p != ',')
            p++;
        size_t nlen = (size_t)(p - name);
        if (*p != '=' || !s_name_ok(name, nlen) || (nlen >= 2 && !strncmp(name, "__", 2)))
            return ZC_EINVAL;
        p++;
        char val[S_LABELS_MAX];
        size_t vlen = 0;
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++) {
                char c = *p;
                if (c == '\\') {
                    p++;
                    if (*p == 'n')
                        c = '\n';
                    else if (*p == '\\' || *p == '"')
                        c = *p;
                    else
                        return ZC_EINVAL;
                }
                if (vlen + 1 >= sizeof val)
                    return ZC_EINVAL;
                val[vlen++] = c;
            }
            if (*p++ != '"')
                return ZC_EINVAL;
        } else {
            for (; *p && *p != ',' && *p != '}'; p++) {
                if (*p == '"' || *p == '\\' || vlen + 1 >= sizeof val)
                    return ZC_EINVAL;
                val[vlen++] = *p;
            }
        }
        val[vlen] = '\0';
        if (le && nlen == 2 && !strncmp(name, "le", 2)) {
            char *end = NULL;
            *le = !strcmp(val, "+Inf") ? INFINITY : strtod(val, &end);
            if (!isinf(*le) && (vlen == 0 || !end || *end || isnan(*le)))
                return ZC_EINVAL;
        }
        int rc = first ? 0 : zc_buf_addc(out, ',');
        first = false;
        if (!rc)
            rc = zc_buf_add(out, name, nlen);
        if (!rc)
            rc = zc_buf_adds(out, "=\"");
        if (!rc)
            rc = s_escape(out, val, vlen, false);
        if (!rc)
            rc = zc_buf_addc(out, '"');
        if (rc)
            return rc;
        if (*p == ',')
            p++;
        else if (*p != '}')
            return ZC_EINVAL;
    }
    return p[1] == '\0' ? 0 : ZC_EINVAL;
}

static void s_push(s_list_t *l, const s_entry_t *e)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = zc_realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *e;
}

static int s_on_total(void *arg, const char *name, double value, bool gauge)
{
    s_list_t *l = arg;
    const char *brace = strchr(name, '{');
    size_t blen = brace ? (size_t)(brace - name) : strlen(name);
    if (!s_name_ok(name, blen))
        return 0;
    const s_map_t *m = NULL;
    for (size_t i = 0; i < ZC_ARRAY_LEN(s_map); i++)
        if (strlen(s_map[i].base) == blen && !strncmp(s_map[i].base, name, blen)) {
            m = &s_map[i];
            break;
        }
    s_entry_t e = {.suffix = "", .le = 0, .value = value};
    zc_buf_t lb;
    zc_buf_init(&lb, S_LABELS_MAX);
    bool bucket = m && m->type == S_HISTOGRAM && !strcmp(m->suffix, "_bucket");
    double le = NAN;
    if (s_labels(brace ? brace : "", &lb, bucket ? &le : NULL) != 0 || (bucket && isnan(le))) {
        zc_buf_free(&lb);
        return 0; /* not representable: left out */
    }
    e.labels = lb.data ? lb.data : zc_strdup("");
    if (m) {
        e.family = zc_strdup(m->family);
        e.type = m->type;
        e.suffix = m->suffix;
        e.value = value * m->scale;
        e.help = m->help;
        e.le = bucket ? le : 0;
        e.part = !strcmp(m->suffix, "_sum") ? 1 : !strcmp(m->suffix, "_count") ? 2 : 0;
    } else {
        /* Unknown names: prefixed; a counter ends in _total. */
        bool total = blen >= 6 && !strncmp(name + blen - 6, "_total", 6);
        e.type = gauge ? S_GAUGE : S_COUNTER;
        size_t n = strlen(ZC_PROM_PREFIX) + blen + 7;
        e.family = zc_malloc(n);
        snprintf(e.family, n, "%s%.*s%s", ZC_PROM_PREFIX, (int)blen, name,
                 e.type == S_COUNTER && !total ? "_total" : "");
    }
    s_push(l, &e);
    return 0;
}

static int s_on_worker(void *arg, const char *stage, const char *worker, bool alive,
                       int64_t age_ms)
{
    s_list_t *l = arg;
    zc_buf_t lb;
    zc_buf_init(&lb, S_LABELS_MAX);
    int rc = zc_buf_adds(&lb, "stage=\"");
    if (!rc)
        rc = s_escape(&lb, stage, strlen(stage), false);
    if (!rc)
        rc = zc_buf_adds(&lb, "\",worker=\"");
    if (!rc)
        rc = s_escape(&lb, worker, strlen(worker), false);
    if (!rc)
        rc = zc_buf_addc(&lb, '"');
    if (rc) {
        zc_buf_free(&lb);
        return 0;
    }
    s_entry_t e = {.family = zc_strdup("zcrawl_up"), .suffix = "", .labels = lb.data,
                   .value = alive ? 1 : 0, .type = S_GAUGE,
                   .help = "1 while a worker's heartbeats arrive, 0 once it is dead"};
    s_push(l, &e);
    s_entry_t a = {.family = zc_strdup("zcrawl_worker_heartbeat_age_seconds"), .suffix = "",
                   .labels = zc_strdup(lb.data), .value = (double)age_ms / 1000.0,
                   .type = S_GAUGE, .help = "Seconds since a worker's last heartbeat"};
    s_push(l, &a);
    return 0;
}

/* One producer shard: its frontier gauges, liveness and idleness, labelled
   shard="K" (SPEC §10). */
static int s_on_shard(void *arg, const zc_agg_shard_t *v)
{
    s_list_t *l = arg;
    static const char *const help[ZC_AGG_SHARD_GAUGES] = {
        "URLs queued in a producer shard's frontier", "Hosts a producer shard has seen",
        "Tasks a producer shard has leased and not seen acknowledged",
        "Links a producer shard forwarded to their owner shard, not yet confirmed"};
    char lbl[32];
    snprintf(lbl, sizeof lbl, "shard=\"%u\"", v->shard);
    for (int g = 0; g < ZC_AGG_SHARD_GAUGES; g++) {
        char fam[96];
        snprintf(fam, sizeof fam, "zcrawl_shard_%s", zc_agg_shard_gauge_name(g));
        s_entry_t e = {.family = zc_strdup(fam), .suffix = "", .labels = zc_strdup(lbl),
                       .value = v->gauges[g], .type = S_GAUGE, .help = help[g]};
        s_push(l, &e);
    }
    s_entry_t up = {.family = zc_strdup("zcrawl_shard_up"), .suffix = "", .labels = zc_strdup(lbl),
                    .value = v->alive ? 1 : 0, .type = S_GAUGE,
                    .help = "1 while a producer shard's heartbeats arrive"};
    s_push(l, &up);
    s_entry_t idle = {.family = zc_strdup("zcrawl_shard_idle"), .suffix = "",
                      .labels = zc_strdup(lbl), .value = v->idle ? 1 : 0, .type = S_GAUGE,
                      .help = "1 while a producer shard has nothing queued, leased or unconfirmed"};
    s_push(l, &idle);
    s_entry_t rec = {.family = zc_strdup("zcrawl_shard_records_released"), .suffix = "",
                     .labels = zc_strdup(lbl), .value = (double)v->records, .type = S_GAUGE,
                     .help = "Records a producer shard has released to the sink"};
    s_push(l, &rec);
    return 0;
}

static int s_cmp(const void *pa, const void *pb)
{
    const s_entry_t *a = pa, *b = pb;
    int c = strcmp(a->family, b->family);
    if (c)
        return c;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    if (a->le != b->le)
        return a->le < b->le ? -1 : 1;
    return strcmp(a->labels, b->labels);
}

static int s_value(zc_buf_t *out, double v)
{
    if (isnan(v))
        return zc_buf_adds(out, "NaN");
    if (isinf(v))
        return zc_buf_adds(out, v > 0 ? "+Inf" : "-Inf");
    if (v == trunc(v) && fabs(v) < 1e15)
        return zc_buf_printf(out, "%lld", (long long)v);
    return zc_buf_printf(out, "%.17g", v);
}

int zc_prom_render(zc_agg_t *agg, int64_t now_ms, zc_buf_t *out)
{
    s_list_t l = {0};
    zc_agg_each_total(agg, now_ms, s_on_total, &l);
    zc_agg_each_worker(agg, now_ms, s_on_worker, &l);
    zc_agg_each_shard(agg, now_ms, s_on_shard, &l);
    uint64_t expected = 0;
    bool complete = zc_agg_complete(agg, now_ms, &expected);
    s_entry_t g[] = {
        {.family = zc_strdup("zcrawl_crawl_complete"), .suffix = "", .labels = zc_strdup(""),
         .value = complete ? 1 : 0, .type = S_GAUGE,
         .help = "1 once the crawl is complete (frontier empty, every record written)"},
        {.family = zc_strdup("zcrawl_records_expected"), .suffix = "", .labels = zc_strdup(""),
         .value = (double)expected, .type = S_GAUGE,
         .help = "Records the producers have released so far"},
        {.family = zc_strdup("zcrawl_pages_per_second"), .suffix = "", .labels = zc_strdup(""),
         .value = zc_agg_rate(agg, now_ms), .type = S_GAUGE,
         .help = "Records written per second over the last 5 s"},
    };
    for (size_t i = 0; i < ZC_ARRAY_LEN(g); i++)
        s_push(&l, &g[i]);
    if (l.n)
        qsort(l.v, l.n, sizeof *l.v, s_cmp);

    int rc = 0;
    const s_entry_t *fam = NULL, *prev = NULL;
    for (size_t i = 0; !rc && i < l.n; i++) {
        const s_entry_t *e = &l.v[i];
        if (!fam || strcmp(fam->family, e->family) != 0) {
            fam = e;
            prev = NULL;
            rc = zc_buf_printf(out, "# HELP %s ", e->family);
            if (!rc && e->help)
                rc = s_escape(out, e->help, strlen(e->help), true);
            else if (!rc)
                rc = zc_buf_printf(out, "zcrawl metric %s, summed over every worker",
                                   e->family + strlen(ZC_PROM_PREFIX));
            if (!rc)
                rc = zc_buf_printf(out, "\n# TYPE %s %s\n", e->family, s_type_names[e->type]);
        }
        /* Invariant 2: one type per family, one sample per series. */
        if (e->type != fam->type ||
            (prev && prev->part == e->part && !strcmp(prev->labels, e->labels)))
            continue;
        prev = e;
        if (!rc)
            rc = zc_buf_printf(out, "%s%s", e->family, e->suffix);
        if (!rc && *e->labels)
            rc = zc_buf_printf(out, "{%s}", e->labels);
        if (!rc)
            rc = zc_buf_addc(out, ' ');
        if (!rc)
            rc = s_value(out, e->value);
        if (!rc)
            rc = zc_buf_addc(out, '\n');
    }
    for (size_t i = 0; i < l.n; i++) {
        free(l.v[i].family);
        free(l.v[i].labels);
    }
    free(l.v);
    return rc;
}

/* --- self-test ------------------------------------------------------------ */

static void s_hb(zc_agg_t *agg, const char *stage, const char *worker, const char *const *cn,
                 const double *cv, size_t nc, const char *const *gn, const double *gv, size_t ng,
                 int64_t now)
{
    Zcrawl__Stats st = ZCRAWL__STATS__INIT;
    Zcrawl__Metric m[32], *cp[16], *gp[16];
    assert(nc <= 16 && ng <= 16);
    st.version = 1;
    st.stage = (char *)stage;
    st.worker = (char *)worker;
    st.has_pid = true;
    st.pid = 7;
    for (size_t i = 0; i < nc; i++) {
        zcrawl__metric__init(&m[i]);
        m[i].name = (char *)cn[i];
        m[i].value = cv[i];
        cp[i] = &m[i];
    }
    for (size_t i = 0; i < ng; i++) {
        zcrawl__metric__init(&m[16 + i]);
        m[16 + i].name = (char *)gn[i];
        m[16 + i].value = gv[i];
        gp[i] = &m[16 + i];
    }
    st.counters = cp;
    st.n_counters = nc;
    st.gauges = gp;
    st.n_gauges = ng;
    int rc = zc_agg_heartbeat(agg, &st, now);
    assert(rc == 0);
}

int zc_prom_test(bool verbose)
{
    const int64_t t0 = 100000;
    zc_agg_t *agg = zc_agg_new("sink-1", 5000, t0);
    static const char *const cn[] = {
        "fetches_total",
        "fetch_duration_seconds_bucket{le=\"0.1\"}",
        "fetch_duration_seconds_bucket{le=\"+Inf\"}",
        "fetch_duration_seconds_bucket{le=\"0.05\"}",
        "fetch_duration_ms_sum",
        "fetch_duration_seconds_count",
        "fetch_errors_total{kind=\"dns\"}",
        "weird{a=\"x\\\"y\\\\z\\n\",b=bare}",
        "bad name",
        "lbl{__x=\"1\"}",
        "open{a=\"1\"",
        "fetches_total_x",
    };
    static const double cv[] = {5, 3, 5, 1, 1500, 5, 2, 9, 1, 1, 1, 4};
    static const char *const gn[] = {"transfers", "frontier_size", "depth_now"};
    static const double gv[] = {2, 40, 1.5};
    s_hb(agg, "crawler", "c\"1\n", cn, cv, ZC_ARRAY_LEN(cn), gn, gv, ZC_ARRAY_LEN(gn), t0);
    s_hb(agg, "crawler", "c2", cn, cv, 1, NULL, NULL, 0, t0 - 6000); /* dead */
    zc_agg_record(agg, true, 200, NULL, t0);
    zc_agg_record(agg, true, 404, "http", t0);

    zc_buf_t b;
    zc_buf_init(&b, 1 << 20);
    assert(zc_prom_render(agg, t0, &b) == 0);
    if (verbose)
        fprintf(stderr, "%s", b.data);
    const char *want[] = {
        "# HELP zcrawl_fetch_duration_seconds Time of a fetch, request start to last byte\n"
        "# TYPE zcrawl_fetch_duration_seconds histogram\n"
        "zcrawl_fetch_duration_seconds_bucket{le=\"0.05\"} 1\n"
        "zcrawl_fetch_duration_seconds_bucket{le=\"0.1\"} 3\n"
        "zcrawl_fetch_duration_seconds_bucket{le=\"+Inf\"} 5\n"
        "zcrawl_fetch_duration_seconds_sum 1.5\n"
        "zcrawl_fetch_duration_seconds_count 5\n",
        "# TYPE zcrawl_fetches_total counter\nzcrawl_fetches_total 10\n",
        "zcrawl_fetch_errors_total{kind=\"dns\"} 2\n",
        "# TYPE zcrawl_frontier_urls gauge\nzcrawl_frontier_urls 40\n",
        "# TYPE zcrawl_crawler_transfers gauge\nzcrawl_crawler_transfers 2\n",
        "# TYPE zcrawl_depth_now gauge\nzcrawl_depth_now 1.5\n",
        "# TYPE zcrawl_weird_total counter\nzcrawl_weird_total{a=\"x\\\"y\\\\z\\n\",b=\"bare\"} 9\n",
        "zcrawl_fetches_total_x_total 4\n",
        "zcrawl_pages_total{status_class=\"2xx\"} 1\n",
        "zcrawl_pages_total{status_class=\"4xx\"} 1\n",
        "zcrawl_errors_total{kind=\"http\"} 1\n",
        "# TYPE zcrawl_records_written_total counter\nzcrawl_records_written_total 2\n",
        "zcrawl_up{stage=\"crawler\",worker=\"c\\\"1\\n\"} 1\n",
        "zcrawl_up{stage=\"crawler\",worker=\"c2\"} 0\n",
        "zcrawl_up{stage=\"sink\",worker=\"sink-1\"} 1\n",
        "zcrawl_worker_heartbeat_age_seconds{stage=\"crawler\",worker=\"c2\"} 6\n",
        "# TYPE zcrawl_crawl_complete gauge\nzcrawl_crawl_complete 0\n",
        "# TYPE zcrawl_pages_per_second gauge\n",
    };
    for (size_t i = 0; i < ZC_ARRAY_LEN(want); i++) {
        if (!strstr(b.data, want[i]))
            fprintf(stderr, "missing:\n%s\nin:\n%s", want[i], b.data);
        assert(strstr(b.data, want[i]));
    }
    /* Left out: names and labels Prometheus cannot carry. */
    assert(!strstr(b.data, "bad name") && !strstr(b.data, "__x") && !strstr(b.data, "open"));
    /* Every family once. */
    assert(strstr(strstr(b.data, "# TYPE zcrawl_up ") + 1, "# TYPE zcrawl_up ") == NULL);
    assert(b.data[b.len - 1] == '\n');

    /* The limit of the output buffer is reported. */
    zc_buf_t small;
    zc_buf_init(&small, 64);
    assert(zc_prom_render(agg, t0, &small) == ZC_ETOOBIG);
    zc_buf_free(&small);
    zc_buf_free(&b);
    zc_agg_destroy(&agg);
    return 0;
}
