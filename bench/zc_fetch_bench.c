/*  zc_fetch_bench — fetch-only throughput of one real zcrawl-crawler process.

    Plays producer and broker for one `zcrawl-crawler` child: binds a PUSH
    socket for Tasks, a PULL socket for Fetches and a PULL socket for the
    crawler's stats heartbeats (drained and dropped), starts the crawler
    binary with those endpoints, and feeds it Tasks for a URL list (one URL a
    line, used round-robin) while at most --window Tasks are outstanding
    (sent, no Fetch back yet).

    Phases
    1. Warm-up: --warmup Tasks (default: the concurrency) are sent and their
       Fetches awaited; this waits out process start-up and the ZeroMQ
       connects, and opens the crawler's connections. Not measured.
    2. Measured: from the first Task sent to the last Fetch received. Tasks
       are sent until --requests have been sent, or (with --duration) until
       that many seconds have passed; the outstanding ones are then drained.
       The crawler's CPU is utime+stime from /proc/PID/stat read at both ends
       (clock ticks, usually 10 ms), the driver's own CPU from getrusage.
    3. Stop: SIGTERM to the crawler's PID, a bounded wait, SIGKILL if needed;
       wait4() gives its whole-life CPU too.

    Fetches are not unpacked with protobuf-c: the driver reads only the
    top-level status (3), error (4) and bytes (8) fields off the wire, so its
    own cost per page stays small and does not copy the body.

    Output: one JSON line on stdout. Exit 0 if every measured Task got a
    Fetch, 1 otherwise (time limit, crawler died), 2 on usage errors.

    Only loopback: the endpoints are ipc:// in a private temp dir, or
    tcp://127.0.0.1 with ephemeral ports. Every wait is bounded by --timeout.
*/
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_signal.h"
#include "zc_util.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#define S_MAX_URL_LEN 2048
#define S_MAX_URLS 10000000
#define S_MAX_CRAWLER_ARGS 32
#define S_MAX_STATUS 1000
#define S_MAX_ERROR_KINDS 32
#define S_ERROR_NAME_LEN 32
#define S_POLL_MS 100
#define S_STOP_WAIT_MS 10000        /* after SIGTERM: drain is 5 s, linger 2 s */
#define S_FETCH_MSG_MAX (1024LL * 1024 * 1024 + ZC_MSG_OVERHEAD)

typedef struct {
    const char *crawler;
    const char *urls_path;
    int64_t concurrency, window, warmup, requests, timeout_s;
    double duration_s;
    const char *transport;
    const char *pid_file;
    const char *label;
    const char *cargs[S_MAX_CRAWLER_ARGS];
    int ncargs;
} s_opts_t;

typedef struct {
    uint64_t status[S_MAX_STATUS];
    char error_name[S_MAX_ERROR_KINDS][S_ERROR_NAME_LEN];
    uint64_t error_count[S_MAX_ERROR_KINDS];
    int nerrors;
    uint64_t fetches, bytes, bad;
} s_counts_t;

static void s_usage(FILE *f)
{
    fprintf(f,
            "Usage: zc_fetch_bench --crawler PATH --urls FILE [options]\n"
            "  --crawler PATH      zcrawl-crawler binary to start\n"
            "  --urls FILE         URLs, one a line, used round-robin\n"
            "  --concurrency C     crawler --concurrency (default 32)\n"
            "  --requests N        measured fetches (default 20000; 0 with --duration)\n"
            "  --duration S        send Tasks for S seconds instead of a count\n"
            "  --window W          Tasks outstanding at most (default 4*C)\n"
            "  --warmup N          unmeasured fetches first (default C)\n"
            "  --transport ipc|tcp sockets between driver and crawler (default ipc)\n"
            "  --timeout S         limit for the whole run (default 120 + duration)\n"
            "  --pid-file F        write the crawler's PID there once it runs\n"
            "  --label L           \"label\" field of the JSON line\n"
            "  --crawler-arg A     extra crawler argument (repeatable)\n");
}

static int s_parse_args(int argc, char **argv, s_opts_t *o)
{
    o->concurrency = 32;
    o->requests = 20000;
    o->window = 0;
    o->warmup = -1;
    o->timeout_s = 0;
    o->transport = "ipc";
    o->label = "zcrawl";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            s_usage(stdout);
            exit(0);
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "zc_fetch_bench: %s needs a value\n", a);
            return -1;
        }
        const char *v = argv[++i];
        int rc = 0;
        if (strcmp(a, "--crawler") == 0)
            o->crawler = v;
        else if (strcmp(a, "--urls") == 0)
            o->urls_path = v;
        else if (strcmp(a, "--concurrency") == 0)
            rc = zc_parse_i64(v, 1, 10000, &o->concurrency);
        else if (strcmp(a, "--requests") == 0)
            rc = zc_parse_i64(v, 0, INT64_C(1000000000), &o->requests);
        else if (strcmp(a, "--duration") == 0) {
            char *end = NULL;
            o->duration_s = strtod(v, &end);
            rc = (end == v || *end || o->duration_s <= 0 || o->duration_s > 86400) ? -1 : 0;
        } else if (strcmp(a, "--window") == 0)
            rc = zc_parse_i64(v, 1, 10000000, &o->window);
        else if (strcmp(a, "--warmup") == 0)
            rc = zc_parse_i64(v, 0, 10000000, &o->warmup);
        else if (strcmp(a, "--transport") == 0) {
            o->transport = v;
            rc = (strcmp(v, "ipc") == 0 || strcmp(v, "tcp") == 0) ? 0 : -1;
        } else if (strcmp(a, "--timeout") == 0)
            rc = zc_parse_i64(v, 1, 86400, &o->timeout_s);
        else if (strcmp(a, "--pid-file") == 0)
            o->pid_file = v;
        else if (strcmp(a, "--label") == 0)
            o->label = v;
        else if (strcmp(a, "--crawler-arg") == 0) {
            if (o->ncargs >= S_MAX_CRAWLER_ARGS)
                rc = -1;
            else
                o->cargs[o->ncargs++] = v;
        } else {
            fprintf(stderr, "zc_fetch_bench: unknown option %s\n", a);
            return -1;
        }
        if (rc != 0) {
            fprintf(stderr, "zc_fetch_bench: bad value for %s: '%s'\n", a, v);
            return -1;
        }
    }
    if (!o->crawler || !o->urls_path) {
        fprintf(stderr, "zc_fetch_bench: --crawler and --urls are required\n");
        return -1;
    }
    if (o->duration_s > 0)
        o->requests = 0;
    else if (o->requests == 0) {
        fprintf(stderr, "zc_fetch_bench: --requests 0 needs --duration\n");
        return -1;
    }
    if (o->window == 0)
        o->window = 4 * o->concurrency;
    if (o->warmup < 0)
        o->warmup = o->concurrency;
    if (o->timeout_s == 0)
        o->timeout_s = 120 + (int64_t)o->duration_s;
    return 0;
}

/* Reads the URL list: one URL a line, blank lines and lines over
   S_MAX_URL_LEN skipped. Returns the count (0 on failure). */
static size_t s_read_urls(const char *path, char ***out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "zc_fetch_bench: cannot open %s: %s\n", path, strerror(errno));
        return 0;
    }
    size_t n = 0, cap = 1024;
    char **urls = zc_malloc(cap * sizeof *urls);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) >= 0 && n < S_MAX_URLS) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
                           line[len - 1] == ' '))
            line[--len] = '\0';
        if (len == 0 || len > S_MAX_URL_LEN)
            continue;
        if (n == cap) {
            cap *= 2;
            urls = zc_realloc(urls, cap * sizeof *urls);
        }
        urls[n++] = zc_strndup(line, (size_t)len);
    }
    free(line);
    fclose(f);
    *out = urls;
    return n;
}

static double s_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* utime+stime of a live process in seconds from /proc/PID/stat; -1 if unreadable. */
static double s_proc_cpu_s(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* The command name may hold blanks and parentheses: fields follow the last ')'. */
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    unsigned long long ut = 0, st = 0;
    /* After ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt
       majflt cmajflt utime(14) stime(15). */
    if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
        return -1;
    long hz = sysconf(_SC_CLK_TCK);
    return (double)(ut + st) / (double)(hz > 0 ? hz : 100);
}

static double s_self_cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* --- the Fetch wire format, read without unpacking ------------------------- */

static bool s_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    uint64_t r = 0;
    for (int shift = 0; shift < 64 && *p < end; shift += 7) {
        uint8_t b = *(*p)++;
        r |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = r;
            return true;
        }
    }
    return false;
}

static void s_count_error(s_counts_t *c, const uint8_t *s, size_t len)
{
    if (len >= S_ERROR_NAME_LEN)
        len = S_ERROR_NAME_LEN - 1;
    for (int i = 0; i < c->nerrors; i++) {
        if (strlen(c->error_name[i]) == len && memcmp(c->error_name[i], s, len) == 0) {
            c->error_count[i]++;
            return;
        }
    }
    if (c->nerrors == S_MAX_ERROR_KINDS)
        return;
    /* Only the characters JSON output may carry unescaped. */
    char *d = c->error_name[c->nerrors];
    for (size_t i = 0; i < len; i++)
        d[i] = (s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' ? (char)s[i] : '?';
    d[len] = '\0';
    c->error_count[c->nerrors++] = 1;
}

/* Counts one Fetch: status, error kind, bytes. False if it does not parse. */
static bool s_count_fetch(s_counts_t *c, const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n;
    uint64_t status = 0, bytes = 0;
    const uint8_t *err = NULL;
    size_t errlen = 0;
    while (p < end) {
        uint64_t key, v;
        if (!s_varint(&p, end, &key))
            return false;
        unsigned field = (unsigned)(key >> 3), wt = (unsigned)(key & 7);
        switch (wt) {
        case 0:
            if (!s_varint(&p, end, &v))
                return false;
            if (field == 3)
                status = v;
            else if (field == 8)
                bytes = v;
            break;
        case 1:
            if (end - p < 8)
                return false;
            p += 8;
            break;
        case 2:
            if (!s_varint(&p, end, &v) || v > (uint64_t)(end - p))
                return false;
            if (field == 4) {
                err = p;
                errlen = (size_t)v;
            }
            p += v;
            break;
        case 5:
            if (end - p < 4)
                return false;
            p += 4;
            break;
        default:
            return false;
        }
    }
    c->fetches++;
    c->bytes += bytes;
    c->status[status < S_MAX_STATUS ? status : 0]++;
    if (err)
        s_count_error(c, err, errlen);
    return true;
}

/* --- the run ------------------------------------------------------------- */

typedef struct {
    s_opts_t *o;
    void *tasks, *fetches, *stats;
    char **urls;
    size_t nurls, next_url;
    uint64_t next_id;
    pid_t child;
    bool child_gone;
    int child_status;
    struct rusage child_ru;
} s_run_t;

/* Sends one Task without blocking; ZC_EAGAIN when the pipe is full. */
static int s_send_task(s_run_t *r)
{
    Zcrawl__Task t = ZCRAWL__TASK__INIT;
    t.version = ZC_FORMAT_VERSION;
    t.task_id = r->next_id;
    t.url = r->urls[r->next_url];
    t.has_depth = true;
    t.depth = 1;
    t.has_attempt = true;
    t.attempt = 1;
    int rc = zc_msg_send(r->tasks, &t.base, ZMQ_DONTWAIT);
    if (rc == 0) {
        r->next_id++;
        r->next_url = (r->next_url + 1) % r->nurls;
    }
    return rc;
}

static void s_drain_stats(s_run_t *r)
{
    zmq_msg_t m;
    zmq_msg_init(&m);
    while (zmq_msg_recv(&m, r->stats, ZMQ_DONTWAIT) >= 0)
        ;
    zmq_msg_close(&m);
}

/* Receives every Fetch that is there; returns how many. *last_s is set to the
   time of the last one. */
static uint64_t s_recv_fetches(s_run_t *r, s_counts_t *c, double *last_s)
{
    uint64_t got = 0;
    zmq_msg_t m;
    zmq_msg_init(&m);
    while (zmq_msg_recv(&m, r->fetches, ZMQ_DONTWAIT) >= 0) {
        if (!s_count_fetch(c, zmq_msg_data(&m), zmq_msg_size(&m)))
            c->bad++;
        got++;
    }
    zmq_msg_close(&m);
    if (got)
        *last_s = s_now_s();
    return got;
}

static bool s_child_alive(s_run_t *r)
{
    if (r->child_gone)
        return false;
    pid_t p = wait4(r->child, &r->child_status, WNOHANG, &r->child_ru);
    if (p == r->child) {
        r->child_gone = true;
        return false;
    }
    return true;
}

/* Sends up to `total` Tasks (0: until stop_at_s) keeping at most window
   outstanding and receives their Fetches. Returns the number sent; *received
   the number of Fetches. Gives up at deadline_s, on a signal or if the
   crawler dies. */
static uint64_t s_pump(s_run_t *r, s_counts_t *c, uint64_t total, double stop_at_s,
                       double deadline_s, uint64_t *received, double *first_s, double *last_s)
{
    uint64_t sent = 0, recvd = 0;
    uint64_t window = (uint64_t)r->o->window;
    *first_s = 0;
    for (;;) {
        double now = s_now_s();
        bool sending = total ? sent < total : (*first_s == 0 || now < stop_at_s);
        while (sending && sent - recvd < window) {
            if (s_send_task(r) != 0)
                break;
            if (sent++ == 0) {
                *first_s = s_now_s();
                if (!total)
                    stop_at_s += *first_s; /* a duration counts from the first Task */
            }
            if (total && sent >= total)
                break;
        }
        uint64_t got = s_recv_fetches(r, c, last_s);
        recvd += got;
        sending = total ? sent < total : (*first_s == 0 || s_now_s() < stop_at_s);
        if (!sending && recvd >= sent)
            break;
        /* The crawler's liveness is asked only when it sent nothing this round. */
        if (now >= deadline_s || zc_signal_interrupted() || (!got && !s_child_alive(r)))
            break;
        zmq_pollitem_t items[3] = {
            {.socket = r->fetches, .events = ZMQ_POLLIN},
            {.socket = r->stats, .events = ZMQ_POLLIN},
            {.socket = r->tasks, .events = ZMQ_POLLOUT},
        };
        int nitems = sending && sent - recvd < window ? 3 : 2;
        zmq_poll(items, nitems, S_POLL_MS);
        if (items[1].revents & ZMQ_POLLIN)
            s_drain_stats(r);
    }
    *received = recvd;
    return sent;
}

static void s_stop_child(s_run_t *r)
{
    if (r->child <= 0 || r->child_gone)
        return;
    kill(r->child, SIGTERM);
    int64_t deadline = zc_mono_ms() + S_STOP_WAIT_MS;
    while (zc_mono_ms() < deadline) {
        if (!s_child_alive(r))
            return;
        usleep(20000);
    }
    fprintf(stderr, "zc_fetch_bench: crawler pid %d did not stop, killing\n", (int)r->child);
    kill(r->child, SIGKILL);
    if (wait4(r->child, &r->child_status, 0, &r->child_ru) == r->child)
        r->child_gone = true;
}

static pid_t s_spawn(const s_opts_t *o, const char *ep_tasks, const char *ep_fetches,
                     const char *ep_stats)
{
    char conc[32];
    snprintf(conc, sizeof conc, "%" PRId64, o->concurrency);
    const char *argv[16 + S_MAX_CRAWLER_ARGS];
    int n = 0;
    argv[n++] = o->crawler;
    argv[n++] = "--producer";
    argv[n++] = ep_tasks;
    argv[n++] = "--broker";
    argv[n++] = ep_fetches;
    argv[n++] = "--stats";
    argv[n++] = ep_stats;
    argv[n++] = "--concurrency";
    argv[n++] = conc;
    argv[n++] = "--allow-private";
    argv[n++] = "--worker";
    argv[n++] = "fetch-bench";
    argv[n++] = "--log-level";
    argv[n++] = "warn";
    for (int i = 0; i < o->ncargs; i++)
        argv[n++] = o->cargs[i];
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        /* Never outlive the driver, whatever happens to it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        execv(o->crawler, (char *const *)argv);
        fprintf(stderr, "zc_fetch_bench: cannot run %s: %s\n", o->crawler, strerror(errno));
        _exit(127);
    }
    return pid;
}

static void *s_bind(void *ctx, int type, const char *ep, char *last, size_t lastlen)
{
    zc_sockopt_t opt = {.type = type, .maxmsg = S_FETCH_MSG_MAX};
    void *s = zc_sock_open(ctx, &opt, ep, true);
    if (!s)
        return NULL;
    int linger = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    size_t len = lastlen;
    if (zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &len) != 0) {
        zc_sock_close(&s);
        return NULL;
    }
    return s;
}

static void s_print_json(const s_run_t *r, const s_counts_t *c, uint64_t sent, uint64_t recvd,
                         double wall_s, double cpu_s, double driver_cpu_s, double cpu_total_s,
                         bool complete)
{
    const s_opts_t *o = r->o;
    double rps = wall_s > 0 ? (double)recvd / wall_s : 0;
    printf("{\"tool\": \"zcrawl\", \"label\": \"%s\", \"concurrency\": %" PRId64
           ", \"window\": %" PRId64 ", \"warmup\": %" PRId64 ", \"transport\": \"%s\"",
           o->label, o->concurrency, o->window, o->warmup, o->transport);
    if (o->duration_s > 0)
        printf(", \"duration_s\": %.3f", o->duration_s);
    printf(", \"sent\": %" PRIu64 ", \"requests\": %" PRIu64 ", \"wall_s\": %.4f"
           ", \"rps\": %.1f, \"bytes\": %" PRIu64 ", \"status\": {",
           sent, recvd, wall_s, rps, c->bytes);
    bool first = true;
    for (int s = 0; s < S_MAX_STATUS; s++) {
        if (c->status[s]) {
            printf("%s\"%d\": %" PRIu64, first ? "" : ", ", s, c->status[s]);
            first = false;
        }
    }
    printf("}, \"errors\": {");
    for (int i = 0; i < c->nerrors; i++)
        printf("%s\"%s\": %" PRIu64, i ? ", " : "", c->error_name[i], c->error_count[i]);
    printf("}, \"bad_messages\": %" PRIu64, c->bad);
    printf(", \"crawler_cpu_s\": %.3f, \"cpu_us_per_req\": %.2f", cpu_s,
           recvd ? cpu_s * 1e6 / (double)recvd : 0.0);
    printf(", \"crawler_cpu_total_s\": %.3f", cpu_total_s);
    printf(", \"driver_cpu_s\": %.3f, \"driver_cpu_us_per_req\": %.2f", driver_cpu_s,
           recvd ? driver_cpu_s * 1e6 / (double)recvd : 0.0);
    int ex = -1;
    if (r->child_gone)
        ex = WIFEXITED(r->child_status) ? WEXITSTATUS(r->child_status)
                                         : -WTERMSIG(r->child_status);
    printf(", \"crawler_exit\": %d, \"complete\": %s}\n", ex, complete ? "true" : "false");
    fflush(stdout);
}

int main(int argc, char **argv)
{
    s_opts_t o;
    memset(&o, 0, sizeof o);
    if (s_parse_args(argc, argv, &o) != 0) {
        s_usage(stderr);
        return 2;
    }
    zc_log_init("fetch-bench", "bench", ZC_LOG_WARN);
    s_run_t r;
    memset(&r, 0, sizeof r);
    r.o = &o;
    r.next_id = 1;
    r.nurls = s_read_urls(o.urls_path, &r.urls);
    if (r.nurls == 0) {
        fprintf(stderr, "zc_fetch_bench: no URLs in %s\n", o.urls_path);
        return 2;
    }
    if (zc_signal_init() < 0) {
        fprintf(stderr, "zc_fetch_bench: cannot install signal handlers\n");
        return 1;
    }

    int status = 1;
    char dir[] = "/tmp/zc-fetch-bench.XXXXXX";
    bool have_dir = false;
    char ep[3][600], last[3][600];
    void *ctx = zmq_ctx_new();
    if (strcmp(o.transport, "ipc") == 0) {
        if (!mkdtemp(dir)) {
            fprintf(stderr, "zc_fetch_bench: mkdtemp: %s\n", strerror(errno));
            goto done;
        }
        have_dir = true;
        snprintf(ep[0], sizeof ep[0], "ipc://%s/tasks", dir);
        snprintf(ep[1], sizeof ep[1], "ipc://%s/fetches", dir);
        snprintf(ep[2], sizeof ep[2], "ipc://%s/stats", dir);
    } else {
        for (int i = 0; i < 3; i++)
            snprintf(ep[i], sizeof ep[i], "tcp://127.0.0.1:*");
    }
    r.tasks = s_bind(ctx, ZMQ_PUSH, ep[0], last[0], sizeof last[0]);
    r.fetches = s_bind(ctx, ZMQ_PULL, ep[1], last[1], sizeof last[1]);
    r.stats = s_bind(ctx, ZMQ_PULL, ep[2], last[2], sizeof last[2]);
    if (!r.tasks || !r.fetches || !r.stats)
        goto done;

    r.child = s_spawn(&o, last[0], last[1], last[2]);
    if (r.child < 0) {
        fprintf(stderr, "zc_fetch_bench: fork: %s\n", strerror(errno));
        goto done;
    }
    if (o.pid_file) {
        FILE *pf = fopen(o.pid_file, "w");
        if (pf) {
            fprintf(pf, "%d\n", (int)r.child);
            fclose(pf);
        }
    }
    double deadline = s_now_s() + (double)o.timeout_s;
    s_counts_t warm, meas;
    memset(&warm, 0, sizeof warm);
    memset(&meas, 0, sizeof meas);
    uint64_t wsent = 0, wrecvd = 0, sent = 0, recvd = 0;
    double first_s = 0, last_s = 0;
    if (o.warmup > 0) {
        wsent = s_pump(&r, &warm, (uint64_t)o.warmup, 0, deadline, &wrecvd, &first_s, &last_s);
        if (wrecvd < wsent || wsent < (uint64_t)o.warmup) {
            fprintf(stderr, "zc_fetch_bench: warm-up incomplete: %" PRIu64 " of %" PRId64
                    " fetches (crawler %s)\n", wrecvd, o.warmup,
                    s_child_alive(&r) ? "running" : "exited");
            goto stop;
        }
    }
    double cpu0 = s_proc_cpu_s(r.child), self0 = s_self_cpu_s();
    last_s = 0;
    sent = s_pump(&r, &meas, (uint64_t)o.requests, o.duration_s, deadline, &recvd, &first_s,
                  &last_s);
    double cpu1 = s_proc_cpu_s(r.child), self1 = s_self_cpu_s();
    bool complete = recvd == sent && sent > 0 &&
                    (o.requests == 0 || sent == (uint64_t)o.requests);
    if (!complete)
        fprintf(stderr, "zc_fetch_bench: incomplete: sent %" PRIu64 ", received %" PRIu64
                "%s%s\n", sent, recvd, s_now_s() >= deadline ? " (time limit)" : "",
                r.child_gone ? " (crawler exited)" : "");
    s_stop_child(&r);
    double total = (double)r.child_ru.ru_utime.tv_sec + (double)r.child_ru.ru_utime.tv_usec / 1e6 +
                   (double)r.child_ru.ru_stime.tv_sec + (double)r.child_ru.ru_stime.tv_usec / 1e6;
    s_print_json(&r, &meas, sent, recvd, last_s > first_s ? last_s - first_s : 0,
                 cpu0 >= 0 && cpu1 >= 0 ? cpu1 - cpu0 : -1, self1 - self0, total, complete);
    status = complete ? 0 : 1;
stop:
    s_stop_child(&r);
done:
    zc_sock_close(&r.tasks);
    zc_sock_close(&r.fetches);
    zc_sock_close(&r.stats);
    zmq_ctx_term(ctx);
    if (have_dir) {
        char p[700];
        for (int i = 0; i < 3; i++) {
            snprintf(p, sizeof p, "%s", ep[i] + strlen("ipc://"));
            unlink(p);
        }
        rmdir(dir);
    }
    for (size_t i = 0; i < r.nurls; i++)
        free(r.urls[i]);
    free(r.urls);
    return status;
}
