/*  zc_cmd_status — see zc_cmd_status.h. */
#include "zc_cmd_status.h"

#include "zc_buf.h"
#include "zc_config.h"
#include "zc_log.h"
#include "zc_signal.h"
#include "zc_util.h"

#include <assert.h>
#include <curl/curl.h>
#include <jansson.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S_URL_MAX 1024
#define S_COL_WORKER 22 /* display columns */
#define S_COL_URL 60
#define S_COL_TITLE 40
#define S_MIX_MAX 16    /* labels shown per mix */

typedef struct {
    zc_common_cfg_t common;
    char *sink;
    bool watch;
} s_status_cfg_t;

static const zc_opt_t s_status_opts[] = {
    {"log-level", ZC_OPT_STR, offsetof(s_status_cfg_t, common.log_level), "warn", 0, 0,
     "debug, info, warn or error"},
    {"sink", ZC_OPT_STR, offsetof(s_status_cfg_t, sink), "127.0.0.1:8080", 0, 0,
     "the sink's HTTP address (its --http), ADDR:PORT or an http:// URL"},
    {"watch", ZC_OPT_BOOL, offsetof(s_status_cfg_t, watch), NULL, 0, 0,
     "redraw every second until Ctrl-C"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};

static const zc_cmdinfo_t s_status_info = {
    "zcrawl status", "[--sink ADDR:PORT] [--watch]",
    "Shows a running crawl as the sink sees it: totals, pages/s, status and error\n"
    "mix, every worker with its liveness, the latest pages. Reads the sink's /stats\n"
    "(zcrawl-sink --http). Exit status 1 when the sink does not answer."};

/* --- fetching --------------------------------------------------------------- */

/* The /stats URL of a sink given as ADDR:PORT or as an http(s) URL. */
static int s_stats_url(const char *sink, char *url, size_t size)
{
    if (!sink || !*sink)
        return ZC_EINVAL;
    bool has_scheme = !strncmp(sink, "http://", 7) || !strncmp(sink, "https://", 8);
    size_t len = strlen(sink);
    while (len && sink[len - 1] == '/')
        len--;
    int n = snprintf(url, size, "%s%.*s/stats", has_scheme ? "" : "http://", (int)len, sink);
    return n > 0 && (size_t)n < size ? ZC_OK : ZC_EINVAL;
}

static size_t s_on_body(char *p, size_t size, size_t n, void *arg)
{
    return zc_buf_add(arg, p, size * n) == 0 ? size * n : 0;
}

/* GETs url into body (reset first). Returns 0, or ZC_EIO with a reason in err. */
static int s_fetch(const char *url, zc_buf_t *body, char *err, size_t errlen)
{
    zc_buf_reset(body);
    CURL *e = curl_easy_init();
    if (!e) {
        snprintf(err, errlen, "cannot set up libcurl");
        return ZC_EIO;
    }
    char cerr[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)ZC_STATUS_TIMEOUT_MS);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, cerr);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, s_on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "zcrawl-status/" ZC_VERSION);
    CURLcode rc = curl_easy_perform(e);
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(e);
    if (rc != CURLE_OK) {
        snprintf(err, errlen, "%s", cerr[0] ? cerr : curl_easy_strerror(rc));
        return ZC_EIO;
    }
    if (code != 200) {
        snprintf(err, errlen, "HTTP status %ld", code);
        return ZC_EIO;
    }
    return ZC_OK;
}

/* --- rendering ------------------------------------------------------------ */

/* Copies s for a terminal: control characters (C0, DEL, C1) and bytes that
   are not UTF-8 become '?', and the text is cut to cols characters (the
   last one then "…"). out must hold 4 * cols + 1 bytes. */
static void s_clean(const char *s, size_t cols, char *out, size_t size)
{
    size_t o = 0, c = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    assert(size >= 4 * cols + 1);
    while (*p) {
        size_t n = zc_utf8_seq(p, strnlen((const char *)p, 4));
        bool ctrl = n == 0 || *p < 0x20 || *p == 0x7f || (n == 2 && p[0] == 0xc2 && p[1] < 0xa0);
        if (c + 1 == cols && p[n ? n : 1]) {
            memcpy(out + o, "\xe2\x80\xa6", 3); /* … */
            o += 3;
            break;
        }
        if (ctrl)
            out[o++] = '?';
        else {
            memcpy(out + o, p, n);
            o += n;
        }
        p += n ? n : 1;
        c++;
    }
    out[o] = '\0';
}

static double s_num(const json_t *obj, const char *key)
{
    const json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_number(v) ? json_number_value(v) : 0;
}

static const char *s_str(const json_t *obj, const char *key)
{
    const json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Label values and sums of the totals named base{label="value"}. */
typedef struct {
    const char *label[S_MIX_MAX];
    double v[S_MIX_MAX];
    size_t n;
    double sum;
} s_mix_t;

static void s_mix(const json_t *totals, const char *base, s_mix_t *m)
{
    memset(m, 0, sizeof *m);
    const char *key;
    json_t *val;
    size_t blen = strlen(base);
    json_object_foreach((json_t *)totals, key, val)
    {
        if (strncmp(key, base, blen) != 0 || key[blen] != '{' || !json_is_number(val))
            continue;
        double v = json_number_value(val);
        m->sum += v;
        const char *q = strchr(key + blen, '"');
        if (v == 0 || !q || m->n == S_MIX_MAX)
            continue;
        m->label[m->n] = q + 1;
        m->v[m->n++] = v;
    }
}

static void s_print_mix(FILE *out, const char *title, const s_mix_t *m)
{
    fprintf(out, "%-12s", title);
    if (!m->n)
        fprintf(out, "none");
    for (size_t i = 0; i < m->n; i++) {
        const char *l = m->label[i];
        size_t len = strcspn(l, "\"");
        char clean[4 * 32 + 1], cut[33];
        snprintf(cut, sizeof cut, "%.*s", (int)(len < 32 ? len : 32), l);
        s_clean(cut, 32, clean, sizeof clean);
        fprintf(out, "%s%s %.0f", i ? ", " : "", clean, m->v[i]);
    }
    fputc('\n', out);
}

static void s_duration(double secs, char *buf, size_t size)
{
    long s = secs > 0 && secs < 1e12 ? (long)secs : 0;
    if (s >= 3600)
        snprintf(buf, size, "%ldh %ldm %lds", s / 3600, s / 60 % 60, s % 60);
    else if (s >= 60)
        snprintf(buf, size, "%ldm %lds", s / 60, s % 60);
    else
        snprintf(buf, size, "%lds", s);
}

/* What a worker is doing, from the counters its stage sends. */
static void s_activity(const json_t *w, const char *stage, char *buf, size_t size)
{
    static const struct {
        const char *stage, *name, *label;
    } acts[] = {
        {"producer", "frontier_size", "frontier"},
        {"producer", "tasks_dispatched_total", "dispatched"},
        {"crawler", "fetches_total", "fetches"},
        {"crawler", "transfers", "transfers"},
        {"broker", "messages_relayed_total", "relayed"},
        {"parser", "pages_parsed_total", "parsed"},
        {"parser", "links_extracted_total", "links"},
        {"sink", "records_written_total", "written"},
    };
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ZC_ARRAY_LEN(acts); i++) {
        if (strcmp(acts[i].stage, stage) != 0)
            continue;
        const json_t *v = json_object_get(json_object_get(w, "counters"), acts[i].name);
        if (!v)
            v = json_object_get(json_object_get(w, "gauges"), acts[i].name);
        if (!json_is_number(v) || o >= size)
            continue;
        int n = snprintf(buf + o, size - o, "%s%s %.0f", o ? ", " : "", acts[i].label,
                         json_number_value(v));
        if (n > 0)
            o += (size_t)n;
    }
}

int zc_cmd_status_render(const char *json, size_t len, const char *sink, FILE *out)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, 0, &jerr);
    const json_t *totals = json_object_get(root, "totals");
    const json_t *workers = json_object_get(root, "workers");
    if (!json_is_object(root) || !json_is_object(totals) || !json_is_array(workers)) {
        json_decref(root);
        return ZC_EPROTO;
    }
    char up[64], when[4 * 30 + 1], sinkc[4 * 64 + 1];
    s_duration(s_num(root, "uptime_s"), up, sizeof up);
    s_clean(s_str(root, "time"), 30, when, sizeof when);
    s_clean(sink, 64, sinkc, sizeof sinkc);
    bool complete = json_is_true(json_object_get(root, "complete"));
    fprintf(out, "zcrawl sink %s: %s, up %s, at %s\n", sinkc,
            complete ? "crawl complete" : "crawling", up, when);

    s_mix_t classes, errors;
    s_mix(totals, "pages_total", &classes);
    s_mix(totals, "errors_total", &errors);
    fprintf(out,
            "pages %.0f   pages/s %.1f   frontier %.0f   in flight %.0f   transfers %.0f   "
            "hosts %.0f\n",
            s_num(root, "records_written"), s_num(root, "pages_per_s"),
            s_num(totals, "frontier_size"), s_num(totals, "inflight"),
            s_num(totals, "transfers"), s_num(totals, "hosts"));
    fprintf(out, "errors %.0f   re-dispatches %.0f   duplicates %.0f   bad messages %.0f\n",
            errors.sum, s_num(totals, "redispatches_total"), s_num(root, "duplicates"),
            s_num(totals, "bad_messages_total"));
    s_print_mix(out, "status mix:", &classes);
    s_print_mix(out, "error mix:", &errors);

    size_t nw = json_array_size(workers), alive = 0;
    for (size_t i = 0; i < nw; i++)
        alive += json_is_true(json_object_get(json_array_get(workers, i), "alive"));
    fprintf(out, "\nworkers: %zu alive, %zu dead\n", alive, nw - alive);
    fprintf(out, "  %-9s %-*s %-8s %-6s %10s  %s\n", "STAGE", S_COL_WORKER, "WORKER", "PID",
            "STATE", "LAST SEEN", "ACTIVITY");
    for (size_t i = 0; i < nw; i++) {
        const json_t *w = json_array_get(workers, i);
        char stage[4 * 9 + 1], name[4 * S_COL_WORKER + 1], pid[24], act[256];
        const char *st = s_str(w, "stage");
        s_clean(st, 9, stage, sizeof stage);
        s_clean(s_str(w, "worker"), S_COL_WORKER, name, sizeof name);
        const json_t *p = json_object_get(w, "pid");
        if (json_is_integer(p))
            snprintf(pid, sizeof pid, "%lld", (long long)json_integer_value(p));
        else
            snprintf(pid, sizeof pid, "-");
        s_activity(w, st ? st : "", act, sizeof act);
        bool ok = json_is_true(json_object_get(w, "alive"));
        /* Pad by characters, not bytes: names may be UTF-8. */
        fprintf(out, "  %-9s %s%*s %-8s %-6s %8.1f s  %s\n", stage, name,
                (int)(S_COL_WORKER - (strlen(name) > S_COL_WORKER ? S_COL_WORKER : strlen(name))),
                "", pid, ok ? "alive" : "DEAD", s_num(w, "last_seen_ms_ago") / 1000.0, act);
    }

    const json_t *latest = json_object_get(root, "latest");
    size_t nl = json_array_size(latest);
    fprintf(out, "\nlatest pages:\n");
    if (nl == 0)
        fprintf(out, "  none yet\n");
    else
        fprintf(out, "  %-6s %-*s  %s\n", "STATUS", S_COL_URL, "URL", "TITLE / ERROR");
    for (size_t i = 0; i < nl && i < ZC_STATUS_LATEST_ROWS; i++) {
        const json_t *r = json_array_get(latest, i);
        char url[4 * S_COL_URL + 1], title[4 * S_COL_TITLE + 1], status[16];
        s_clean(s_str(r, "url"), S_COL_URL, url, sizeof url);
        const char *err = s_str(r, "error");
        s_clean(err ? err : s_str(r, "title"), S_COL_TITLE, title, sizeof title);
        const json_t *sv = json_object_get(r, "status");
        if (json_is_integer(sv))
            snprintf(status, sizeof status, "%lld", (long long)json_integer_value(sv));
        else
            snprintf(status, sizeof status, "-");
        size_t ulen = 0;
        for (const char *q = url; *q; q++)
            ulen += ((unsigned char)*q & 0xc0) != 0x80;
        fprintf(out, "  %-6s %s%*s  %s%s\n", status, url,
                (int)(S_COL_URL - (ulen > S_COL_URL ? S_COL_URL : ulen)), "",
                err ? "error: " : "", title);
    }
    json_decref(root);
    return ZC_OK;
}

/* --- command ---------------------------------------------------------------- */

/* One fetch and draw; returns 0 or 1 (the exit status of a single shot). */
static int s_once(const s_status_cfg_t *cfg, const char *url, zc_buf_t *body, bool clear)
{
    char err[CURL_ERROR_SIZE + 64];
    int rc = s_fetch(url, body, err, sizeof err);
    if (clear)
        fputs("\033[H\033[2J", stdout);
    if (rc) {
        fprintf(stderr, "zcrawl status: the sink at %s does not answer: %s\n", cfg->sink, err);
        return 1;
    }
    if (zc_cmd_status_render(body->data, body->len, cfg->sink, stdout) != 0) {
        fprintf(stderr, "zcrawl status: %s did not return the sink's stats\n", url);
        return 1;
    }
    fflush(stdout);
    return 0;
}

int zc_cmd_status(int argc, char **argv)
{
    s_status_cfg_t cfg = {0};
    int status = 2;
    zc_buf_t body;
    zc_buf_init(&body, ZC_STATUS_MAX_BYTES);
    int rc = zc_config_parse(&s_status_info, s_status_opts, &cfg, argc, argv, NULL);
    if (rc == ZC_CONFIG_OK)
        rc = zc_config_common("status", &cfg.common);
    if (rc == ZC_CONFIG_EXIT)
        status = 0;
    if (rc != ZC_CONFIG_OK)
        goto done;
    char url[S_URL_MAX];
    if (s_stats_url(cfg.sink, url, sizeof url) != 0) {
        fprintf(stderr, "zcrawl status: invalid --sink '%s'\n", cfg.sink ? cfg.sink : "");
        goto done;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!cfg.watch) {
        status = s_once(&cfg, url, &body, false);
    } else {
        int sigfd = zc_signal_init();
        bool tty = isatty(STDOUT_FILENO);
        status = 0;
        while (!zc_signal_interrupted()) {
            s_once(&cfg, url, &body, tty);
            if (!tty)
                fputc('\n', stdout);
            fflush(stdout);
            struct pollfd p = {.fd = sigfd, .events = POLLIN};
            poll(&p, sigfd >= 0 ? 1 : 0, ZC_STATUS_WATCH_MS);
        }
    }
    curl_global_cleanup();
done:
    zc_buf_free(&body);
    zc_config_free(s_status_opts, &cfg);
    free(cfg.common.worker); /* set by zc_config_common, not by the table */
    return status;
}

/* --- self-test ------------------------------------------------------------ */

int zc_cmd_status_test(bool verbose)
{
    char url[S_URL_MAX];
    assert(s_stats_url("127.0.0.1:8080", url, sizeof url) == 0 &&
           !strcmp(url, "http://127.0.0.1:8080/stats"));
    assert(s_stats_url("http://[::1]:9/", url, sizeof url) == 0 &&
           !strcmp(url, "http://[::1]:9/stats"));
    assert(s_stats_url("", url, sizeof url) == ZC_EINVAL);

    char out[4 * 8 + 1];
    s_clean("a\x1b[2Jb", 8, out, sizeof out);
    assert(!strcmp(out, "a?[2Jb"));
    s_clean("\xc2\x9b\xffok", 8, out, sizeof out);
    assert(!strcmp(out, "??ok"));
    s_clean("h\xc3\xa9llo world", 6, out, sizeof out);
    assert(!strcmp(out, "h\xc3\xa9llo\xe2\x80\xa6"));
    s_clean("exactly6", 8, out, sizeof out);
    assert(!strcmp(out, "exactly6"));
    s_clean(NULL, 8, out, sizeof out);
    assert(!strcmp(out, ""));

    static const char doc[] =
        "{\"time\":\"2026-01-02T03:04:05.678Z\",\"uptime_s\":83,\"complete\":false,"
        "\"records_expected\":10,\"records_written\":7,\"duplicates\":1,\"pages_per_s\":2.5,"
        "\"totals\":{\"frontier_size\":40,\"inflight\":3,\"hosts\":2,\"transfers\":1,"
        "\"pages_total{status_class=\\\"2xx\\\"}\":6,\"pages_total{status_class=\\\"4xx\\\"}\":1,"
        "\"pages_total{status_class=\\\"5xx\\\"}\":0,"
        "\"errors_total{kind=\\\"http\\\"}\":1,\"errors_total{kind=\\\"dns\\\"}\":0,"
        "\"bad_messages_total\":0,\"redispatches_total\":2},"
        "\"workers\":[{\"stage\":\"sink\",\"worker\":\"sink\",\"pid\":1,\"alive\":true,"
        "\"last_seen_ms_ago\":0,\"counters\":{\"records_written_total\":7},\"gauges\":{}},"
        "{\"stage\":\"crawler\",\"worker\":\"crawler-1\",\"pid\":2,\"alive\":false,"
        "\"last_seen_ms_ago\":6500,\"counters\":{\"fetches_total\":9},\"gauges\":{\"transfers\":1}}],"
        "\"latest\":[{\"url\":\"http://a.test/\\u001b[31m\",\"status\":404,\"error\":\"http\","
        "\"title\":\"Not found\"},{\"url\":\"http://a.test/ok\",\"status\":200,\"error\":null,"
        "\"title\":\"Hello\"}]}";
    char *text = NULL;
    size_t tlen = 0;
    FILE *f = open_memstream(&text, &tlen);
    assert(f);
    assert(zc_cmd_status_render(doc, sizeof doc - 1, "127.0.0.1:8080", f) == 0);
    fclose(f);
    if (verbose)
        fputs(text, stderr);
    assert(strstr(text, "zcrawl sink 127.0.0.1:8080: crawling, up 1m 23s"));
    assert(strstr(text, "pages 7   pages/s 2.5   frontier 40   in flight 3"));
    assert(strstr(text, "errors 1   re-dispatches 2   duplicates 1"));
    assert(strstr(text, "status mix: 2xx 6, 4xx 1\n"));
    assert(strstr(text, "error mix:  http 1\n"));
    assert(strstr(text, "workers: 1 alive, 1 dead"));
    assert(strstr(text, "crawler-1") && strstr(text, "DEAD") && strstr(text, "6.5 s"));
    assert(strstr(text, "fetches 9, transfers 1"));
    assert(strstr(text, "http://a.test/?[31m") && !strchr(text, '\x1b'));
    assert(strstr(text, "error: http") && strstr(text, "Hello"));
    free(text);

    f = fopen("/dev/null", "w");
    assert(zc_cmd_status_render("[]", 2, "x", f) == ZC_EPROTO);
    assert(zc_cmd_status_render("{\"totals\":", 10, "x", f) == ZC_EPROTO);
    fclose(f);

    /* Nothing listens on a port just released: the fetch fails, quickly. */
    zc_buf_t body;
    zc_buf_init(&body, 1024);
    char err[CURL_ERROR_SIZE + 64];
    assert(s_fetch("http://127.0.0.1:9/stats", &body, err, sizeof err) == ZC_EIO && err[0]);
    zc_buf_free(&body);
    return 0;
}
