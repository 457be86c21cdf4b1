/*  zc_shards_bench — throughput and memory of N real zcrawl-producer shards.

    One process plays every crawler, parser and the sink for N producer
    processes (`--shard K/N`, or plain defaults for N = 1) that it starts
    itself:
    - it binds the records endpoint (PULL, the producers' --sink), the stats
      endpoint (PULL: the shards' heartbeats, read for their counters) and,
      for N > 1, the control endpoint (PUB, never written: the shards are
      stopped by PID at the end instead of by a completion round);
    - it connects one PULL socket to every shard's tasks endpoint and one PUSH
      socket to every shard's feedback endpoint;
    - a ROBOTS task is answered with a Feedback (kind ROBOTS, status 404) to
      the shard that issued it (Task.shard); a PAGE task with an ack (status
      200, a tiny packed Record holding the URL) to that shard, carrying
      --links new unique URLs until --urls have been generated in all, then
      none. URL i is http://h(i mod H).test/p/i over --hosts H hosts, so the
      links of one page belong to many hosts and (N - 1)/N of them to other
      shards: they travel as FORWARDs shard to shard and come back as
      RECEIPTs, which is part of what is measured.
    - --seeds S seed URLs (i = 0 .. S-1) go to their owner shards as a seed
      injection (Feedback with task_id 0), once every shard has sent its
      first heartbeat; the clock starts then.

    The run ends when a record has arrived for each of the S + M URLs (or at
    --timeout). Then the driver waits (at most S_SETTLE_MS) for a heartbeat
    from every shard saying it is idle (frontier empty, every FORWARD
    confirmed), reads each shard's CPU time (/proc/PID/stat utime and stime),
    bytes written (/proc/PID/io wchar and write_bytes), VmRSS, VmHWM, RssAnon,
    RssFile (/proc/PID/status), stops the shards with
    SIGTERM (SIGKILL after S_STOP_WAIT_MS), takes their last heartbeats and
    sums the blocks allocated under each shard's --state directory.

    Output: one JSON line on stdout. Wall time is from the seeds to the last
    record; URLs/s = (S + M) / wall, each URL through admission, forwarding
    (if another shard found it), dispatch, ack and record. Per shard: the
    URLs it owns (records counted by owner shard of the URL's host, which is
    the shard that issued its task), its CPU during the run, RSS at the end
    and at start, bytes of RAM and disk per URL it knows, and its forward
    counters. Exit 0 if every URL got exactly one record, every task came
    from its URL's owner and every shard stopped cleanly; 1 otherwise; 2 on
    usage errors.

    Only loopback: ipc:// endpoints in the work dir, or tcp://127.0.0.1 on
    free ports. Every wait is bounded; every process started is stopped by
    its PID; the work dir is removed unless --keep (or --dir was given).
*/
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_shard.h"
#include "zc_signal.h"
#include "zc_util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#define S_SHARDS_MAX 16
#define S_EXTRA_ARGS_MAX 32
#define S_EP_LEN 512
#define S_URL_LEN 96
#define S_POLL_MS 50
#define S_READY_WAIT_MS 20000   /* for every shard's first heartbeat */
#define S_SETTLE_MS 10000       /* after the last record, for every shard to report idle */
#define S_STOP_WAIT_MS 30000    /* after SIGTERM: the final commit and sync */
#define S_TASKS_PER_ROUND 4096
#define S_BACKLOG_MAX 20000     /* feedback not taken by a shard's queue: stop reading tasks */
#define S_LINKS_MAX 1000

typedef struct {
    const char *producer;
    uint32_t shards;
    uint64_t urls, seeds;
    uint32_t links, hosts;
    const char *max_inflight;
    const char *transport;
    int64_t timeout_s;
    const char *dir;
    const char *label;
    const char *log_level;
    bool keep;
    const char *extra[S_EXTRA_ARGS_MAX];
    int nextra;
} s_opts_t;

/* A feedback message waiting for its shard's queue. */
typedef struct {
    uint8_t *data;
    size_t len;
} s_buf_t;

/* Counters from a shard's heartbeats (the latest one). */
typedef struct {
    bool seen, complete, stopping;
    uint64_t sent_at_ms;
    uint64_t admitted, records, acks, stale, redispatches, dropped_seen;
    uint64_t fwd_links, fwd_sent, fwd_resent, fwd_in, fwd_in_links, receipts, misrouted, bad;
    double unconfirmed, frontier, inflight;
    double inflight_max, frontier_max; /* the largest seen in any heartbeat */
} s_hb_t;

typedef struct {
    pid_t pid;
    bool gone;
    int status;
    char tasks_ep[S_EP_LEN], feedback_ep[S_EP_LEN];
    char state[S_EP_LEN], log[S_EP_LEN];
    void *fb;                 /* PUSH to its feedback endpoint */
    s_buf_t *backlog;         /* FIFO [bhead, bn) */
    size_t bhead, bn, bcap;
    uint64_t page_tasks, robots_tasks, owned_records, wrong_shard_tasks;
    double user0, sys0, user1, sys1;
    long long wchar0, wchar1, wbytes0, wbytes1;
    long rss0_kb, rss_kb, hwm_kb, anon_kb, file_kb, anon0_kb;
    long long disk_bytes;
    s_hb_t hb;
} s_shard_t;

typedef struct {
    s_opts_t *o;
    void *ctx, *tasks, *rec_sock, *stats, *control;
    char records_ep[S_EP_LEN], stats_ep[S_EP_LEN], control_ep[S_EP_LEN];
    s_shard_t sh[S_SHARDS_MAX];
    uint32_t *host_owner;     /* by host index */
    uint8_t *got;             /* a bit per URL index: its record arrived */
    uint8_t *tasked;          /* a bit per URL index: its PAGE task arrived */
    uint64_t total;           /* seeds + urls */
    uint64_t next_url;        /* next URL index to hand out as a link */
    uint64_t records, distinct, dup_records, foreign_records, dup_tasks, bad_msgs;
    double t0, t_last;
} s_run_t;

/* --- small helpers ------------------------------------------------------- */

static double s_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t s_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static double s_self_cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* utime and stime of a live process in seconds from /proc/PID/stat; false if unreadable. */
static bool s_proc_times(pid_t pid, double *user, double *sys)
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
    unsigned long long ut = 0, st = 0;
    if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut,
                     &st) != 2)
        return false;
    long hz = sysconf(_SC_CLK_TCK);
    *user = (double)ut / (double)(hz > 0 ? hz : 100);
    *sys = (double)st / (double)(hz > 0 ? hz : 100);
    return true;
}

/* A counter of /proc/PID/io ("wchar": bytes passed to write(), "write_bytes":
   bytes sent to storage); -1 if unreadable. */
static long long s_proc_io(pid_t pid, const char *key)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/io", (int)pid);
    FILE *fp = fopen(path, "r");
    long long v = -1;
    size_t klen = strlen(key);
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, key, klen) == 0 && line[klen] == ':')
            v = strtoll(line + klen + 1, NULL, 10);
    if (fp)
        fclose(fp);
    return v;
}

/* A value in kB from /proc/PID/status ("VmRSS", "VmHWM", ...); -1 if absent. */
static long s_status_kb(pid_t pid, const char *key)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *fp = fopen(path, "r");
    long v = -1;
    size_t klen = strlen(key);
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, key, klen) == 0 && line[klen] == ':')
            v = strtol(line + klen + 1, NULL, 10);
    if (fp)
        fclose(fp);
    return v;
}

/* Busy and total jiffies of the whole machine from /proc/stat. */
static void s_machine_jiffies(unsigned long long *busy, unsigned long long *all)
{
    unsigned long long v[10] = {0};
    FILE *fp = fopen("/proc/stat", "r");
    if (fp) {
        if (fscanf(fp, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
                   &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]) < 4)
            memset(v, 0, sizeof v);
        fclose(fp);
    }
    /* user nice system idle iowait irq softirq steal (guest is in user) */
    *all = v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7];
    *busy = *all - v[3] - v[4];
}

static long long s_du_sum;
static int s_du_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    /* Blocks actually used: LMDB's file is sparse past its last page. */
    if (flag == FTW_F)
        s_du_sum += (long long)st->st_blocks * 512;
    return 0;
}

static long long s_du(const char *dir)
{
    s_du_sum = 0;
    if (nftw(dir, s_du_one, 16, FTW_PHYS) != 0)
        return -1;
    return s_du_sum;
}

static int s_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

static void s_rm_rf(const char *dir)
{
    nftw(dir, s_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A TCP port on 127.0.0.1 nobody listens on now (the kernel's choice). */
static int s_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = -1;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

/* --- URLs ------------------------------------------------------------------ */

static int s_url(const s_opts_t *o, uint64_t i, char *buf, size_t size)
{
    return snprintf(buf, size, "http://h%" PRIu64 ".test/p/%" PRIu64, i % o->hosts, i);
}

/* The URL index of "http://hH.test/p/I" (its host checked against I); false
   for anything else. */
static bool s_url_index(const s_run_t *r, const uint8_t *u, size_t len, uint64_t *idx)
{
    const uint8_t *end = u + len, *p = end;
    while (p > u && p[-1] >= '0' && p[-1] <= '9')
        p--;
    if (p == end || end - p > 19 || p - u < 3 || memcmp(p - 3, "/p/", 3) != 0)
        return false;
    uint64_t i = 0;
    for (const uint8_t *q = p; q < end; q++)
        i = i * 10 + (uint64_t)(*q - '0');
    if (i >= r->total)
        return false;
    char want[S_URL_LEN];
    int n = s_url(r->o, i, want, sizeof want);
    if (n < 0 || (size_t)n != len || memcmp(want, u, len) != 0)
        return false;
    *idx = i;
    return true;
}

static bool s_bit(const uint8_t *set, uint64_t i)
{
    return set[i >> 3] & (1u << (i & 7));
}

static void s_bit_set(uint8_t *set, uint64_t i)
{
    set[i >> 3] |= (uint8_t)(1u << (i & 7));
}

/* --- the wire format, written and read without protobuf-c -------------------- */

/* Written by hand to keep the driver's own cost per URL small; s_selfcheck
   unpacks one of each with protobuf-c before the run. */

static uint8_t *s_put_varint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static uint8_t *s_put_bytes(uint8_t *p, unsigned field, const void *s, size_t len)
{
    p = s_put_varint(p, (uint64_t)field << 3 | 2);
    p = s_put_varint(p, len);
    memcpy(p, s, len);
    return p + len;
}

static bool s_get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
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

/* The fields of a Task the driver needs. */
typedef struct {
    uint64_t version, task_id, shard, kind;
    bool has_shard;
    const uint8_t *url;
    size_t url_len;
} s_task_t;

/* Walks a message's top-level fields; for each varint field calls back with
   its value, for each length-delimited one with its bytes. False if it does
   not parse. */
typedef void (*s_field_fn)(void *arg, unsigned field, uint64_t v, const uint8_t *s, size_t len);

static bool s_walk(const uint8_t *p, size_t n, s_field_fn fn, void *arg)
{
    const uint8_t *end = p + n;
    while (p < end) {
        uint64_t key, v;
        if (!s_get_varint(&p, end, &key))
            return false;
        unsigned field = (unsigned)(key >> 3);
        switch (key & 7) {
        case 0:
            if (!s_get_varint(&p, end, &v))
                return false;
            fn(arg, field, v, NULL, 0);
            break;
        case 1:
            if (end - p < 8)
                return false;
            p += 8;
            break;
        case 2:
            if (!s_get_varint(&p, end, &v) || v > (uint64_t)(end - p))
                return false;
            fn(arg, field, 0, p, (size_t)v);
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
    return true;
}

static void s_task_field(void *arg, unsigned field, uint64_t v, const uint8_t *s, size_t len)
{
    s_task_t *t = arg;
    switch (field) {
    case 1: t->version = v; break;
    case 2: t->task_id = v; break;
    case 3: t->url = s; t->url_len = len; break;
    case 6: t->shard = v; t->has_shard = true; break;
    case 7: t->kind = v; break;
    default: break;
    }
}

typedef struct {
    uint64_t version;
    const uint8_t *url;
    size_t url_len;
} s_rec_t;

static void s_rec_field(void *arg, unsigned field, uint64_t v, const uint8_t *s, size_t len)
{
    s_rec_t *r = arg;
    if (field == 1)
        r->version = v;
    else if (field == 2) {
        r->url = s;
        r->url_len = len;
    }
}

/* Feedback (proto/zcrawl.proto): 1 version, 2 task_id, 3 url, 4 status,
   7 links, 10 record, 11 kind. Record: 1 version, 2 url, 3 status. The
   buffer must hold s_fb_size(...) bytes. */
static size_t s_fb_size(size_t url_len, size_t nlinks)
{
    return 64 + 2 * (url_len + 16) + nlinks * (S_URL_LEN + 4);
}

static size_t s_fb_pack(uint8_t *buf, uint64_t task_id, const char *url, size_t url_len,
                        uint32_t status, bool robots, char links[][S_URL_LEN],
                        const size_t *link_len, size_t nlinks)
{
    uint8_t *p = buf;
    p = s_put_varint(p, 1 << 3);
    p = s_put_varint(p, ZC_FORMAT_VERSION);
    p = s_put_varint(p, 2 << 3);
    p = s_put_varint(p, task_id);
    p = s_put_bytes(p, 3, url, url_len);
    p = s_put_varint(p, 4 << 3);
    p = s_put_varint(p, status);
    for (size_t i = 0; i < nlinks; i++)
        p = s_put_bytes(p, 7, links[i], link_len[i]);
    if (robots) {
        p = s_put_varint(p, 11 << 3);
        p = s_put_varint(p, ZCRAWL__TASK_KIND__ROBOTS);
    } else {
        uint8_t rec[S_URL_LEN + 32], *q = rec;
        q = s_put_varint(q, 1 << 3);
        q = s_put_varint(q, ZC_FORMAT_VERSION);
        q = s_put_bytes(q, 2, url, url_len);
        q = s_put_varint(q, 3 << 3);
        q = s_put_varint(q, status);
        p = s_put_bytes(p, 10, rec, (size_t)(q - rec));
    }
    return (size_t)(p - buf);
}

/* The hand-written encoding unpacks with protobuf-c to what it means. */
static bool s_selfcheck(void)
{
    char links[2][S_URL_LEN] = {"http://h1.test/p/1", "http://h2.test/p/2"};
    size_t ll[2] = {strlen(links[0]), strlen(links[1])};
    const char *url = "http://h0.test/p/0";
    uint8_t buf[1024];
    size_t n = s_fb_pack(buf, 300, url, strlen(url), 200, false, links, ll, 2);
    ProtobufCMessage *m = NULL;
    if (zc_msg_unpack(&zcrawl__feedback__descriptor, buf, n, &m) != ZC_OK)
        return false;
    Zcrawl__Feedback *fb = (Zcrawl__Feedback *)m;
    bool ok = fb->task_id == 300 && strcmp(fb->url, url) == 0 && fb->status == 200 &&
              fb->n_links == 2 && strcmp(fb->links[1], links[1]) == 0 && fb->has_record &&
              fb->kind == ZCRAWL__TASK_KIND__PAGE && fb->type == ZCRAWL__FEEDBACK_TYPE__ACK;
    ProtobufCMessage *rm = NULL;
    if (ok && zc_msg_unpack(&zcrawl__record__descriptor, fb->record.data, fb->record.len, &rm) ==
                  ZC_OK) {
        Zcrawl__Record *rec = (Zcrawl__Record *)rm;
        ok = strcmp(rec->url, url) == 0 && rec->status == 200;
        zc_msg_free(&rm);
    } else {
        ok = false;
    }
    zc_msg_free(&m);
    n = s_fb_pack(buf, 7, "http://h0.test/robots.txt", 25, 404, true, NULL, NULL, 0);
    if (!ok || zc_msg_unpack(&zcrawl__feedback__descriptor, buf, n, &m) != ZC_OK)
        return false;
    fb = (Zcrawl__Feedback *)m;
    ok = fb->task_id == 7 && fb->status == 404 && fb->kind == ZCRAWL__TASK_KIND__ROBOTS &&
         !fb->has_record;
    zc_msg_free(&m);
    /* And a Task packed by protobuf-c reads back by hand. */
    Zcrawl__Task t = ZCRAWL__TASK__INIT;
    t.version = ZC_FORMAT_VERSION;
    t.task_id = 1ULL << 40;
    t.url = (char *)url;
    t.has_shard = true;
    t.shard = 3;
    t.has_kind = true;
    t.kind = ZCRAWL__TASK_KIND__ROBOTS;
    n = zcrawl__task__pack(&t, buf);
    s_task_t st = {0};
    return ok && s_walk(buf, n, s_task_field, &st) && st.task_id == t.task_id &&
           st.has_shard && st.shard == 3 && st.kind == ZCRAWL__TASK_KIND__ROBOTS &&
           st.url_len == strlen(url) && memcmp(st.url, url, st.url_len) == 0;
}

/* --- options ----------------------------------------------------------------- */

static void s_usage(FILE *f)
{
    fprintf(f,
            "Usage: zc_shards_bench --producer PATH [options]\n"
            "  --producer PATH     zcrawl-producer binary to start\n"
            "  --shards N          producer shards (default 1: plain defaults, no --shard)\n"
            "  --urls M            URLs handed out as links in all (default 2000000)\n"
            "  --seeds S           seed URLs (default 100)\n"
            "  --links L           new links per page until M are out (default 10)\n"
            "  --hosts H           hosts the URLs spread over (default 1000)\n"
            "  --max-inflight N    the producers' --max-inflight (default 100000)\n"
            "  --transport ipc|tcp endpoints (default ipc, in the work dir)\n"
            "  --timeout S         limit for the run (default 300)\n"
            "  --dir DIR           work dir (state, logs, sockets); default a new temp dir\n"
            "  --keep              keep the work dir (a --dir given is always kept)\n"
            "  --label L           \"label\" field of the JSON line\n"
            "  --log-level LVL     the producers' --log-level (default info)\n"
            "  --producer-arg A    extra producer argument (repeatable)\n");
}

static int s_parse_args(int argc, char **argv, s_opts_t *o)
{
    o->shards = 1;
    o->urls = 2000000;
    o->seeds = 100;
    o->links = 10;
    o->hosts = 1000;
    o->max_inflight = "100000";
    o->transport = "ipc";
    o->timeout_s = 300;
    o->label = "shards";
    o->log_level = "info";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            s_usage(stdout);
            exit(0);
        }
        if (strcmp(a, "--keep") == 0) {
            o->keep = true;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "zc_shards_bench: %s needs a value\n", a);
            return -1;
        }
        const char *v = argv[++i];
        int64_t x = 0;
        int rc = 0;
        if (strcmp(a, "--producer") == 0)
            o->producer = v;
        else if (strcmp(a, "--shards") == 0) {
            rc = zc_parse_i64(v, 1, S_SHARDS_MAX, &x);
            o->shards = (uint32_t)x;
        } else if (strcmp(a, "--urls") == 0) {
            rc = zc_parse_i64(v, 0, INT64_C(1000000000), &x);
            o->urls = (uint64_t)x;
        } else if (strcmp(a, "--seeds") == 0) {
            rc = zc_parse_i64(v, 1, 1000000, &x);
            o->seeds = (uint64_t)x;
        } else if (strcmp(a, "--links") == 0) {
            rc = zc_parse_i64(v, 1, S_LINKS_MAX, &x);
            o->links = (uint32_t)x;
        } else if (strcmp(a, "--hosts") == 0) {
            rc = zc_parse_i64(v, 1, 1000000, &x);
            o->hosts = (uint32_t)x;
        } else if (strcmp(a, "--max-inflight") == 0) {
            rc = zc_parse_i64(v, 1, 10000000, &x);
            o->max_inflight = v;
        } else if (strcmp(a, "--transport") == 0) {
            o->transport = v;
            rc = (strcmp(v, "ipc") == 0 || strcmp(v, "tcp") == 0) ? 0 : -1;
        } else if (strcmp(a, "--timeout") == 0)
            rc = zc_parse_i64(v, 1, 86400, &o->timeout_s);
        else if (strcmp(a, "--dir") == 0)
            o->dir = v;
        else if (strcmp(a, "--label") == 0)
            o->label = v;
        else if (strcmp(a, "--log-level") == 0)
            o->log_level = v;
        else if (strcmp(a, "--producer-arg") == 0) {
            if (o->nextra >= S_EXTRA_ARGS_MAX)
                rc = -1;
            else
                o->extra[o->nextra++] = v;
        } else {
            fprintf(stderr, "zc_shards_bench: unknown option %s\n", a);
            return -1;
        }
        if (rc != 0) {
            fprintf(stderr, "zc_shards_bench: bad value for %s: '%s'\n", a, v);
            return -1;
        }
    }
    if (!o->producer) {
        fprintf(stderr, "zc_shards_bench: --producer is required\n");
        return -1;
    }
    return 0;
}

/* --- the shards -------------------------------------------------------------------- */

static pid_t s_spawn(s_run_t *r, uint32_t k)
{
    const s_opts_t *o = r->o;
    s_shard_t *s = &r->sh[k];
    char shard[32], worker[32];
    snprintf(shard, sizeof shard, "%u/%u", k, o->shards);
    snprintf(worker, sizeof worker, "bench-shard-%u", k);
    const char *argv[64 + S_SHARDS_MAX + S_EXTRA_ARGS_MAX];
    int n = 0;
    argv[n++] = o->producer;
    argv[n++] = "--tasks";
    argv[n++] = s->tasks_ep;
    argv[n++] = "--feedback";
    argv[n++] = s->feedback_ep;
    argv[n++] = "--sink";
    argv[n++] = r->records_ep;
    argv[n++] = "--stats";
    argv[n++] = r->stats_ep;
    argv[n++] = "--state";
    argv[n++] = s->state;
    argv[n++] = "--worker";
    argv[n++] = worker;
    argv[n++] = "--log-level";
    argv[n++] = o->log_level;
    /* Every host of every link is in scope; politeness out of the way;
       robots.txt cannot be turned off: it is answered 404. */
    argv[n++] = "--scope";
    argv[n++] = "any";
    argv[n++] = "--delay-ms";
    argv[n++] = "0";
    argv[n++] = "--host-concurrency";
    argv[n++] = "1000";
    argv[n++] = "--max-inflight";
    argv[n++] = o->max_inflight;
    argv[n++] = "--lease-ms";
    argv[n++] = "3600000";
    argv[n++] = "--user-agent";
    argv[n++] = "zcrawl-shards-bench";
    /* Stopped by PID once every record is in, so that its memory can be read. */
    argv[n++] = "--keep-running";
    if (o->shards > 1) {
        argv[n++] = "--shard";
        argv[n++] = shard;
        for (uint32_t i = 0; i < o->shards; i++) {
            argv[n++] = "--peer";
            argv[n++] = r->sh[i].feedback_ep;
        }
        argv[n++] = "--control";
        argv[n++] = r->control_ep;
    }
    for (int i = 0; i < o->nextra; i++)
        argv[n++] = o->extra[i];
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        /* Never outlive the driver, whatever happens to it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        int fd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        execv(o->producer, (char *const *)argv);
        fprintf(stderr, "zc_shards_bench: cannot run %s: %s\n", o->producer, strerror(errno));
        _exit(127);
    }
    return pid;
}

static bool s_alive(s_shard_t *s)
{
    if (s->pid <= 0 || s->gone)
        return false;
    if (waitpid(s->pid, &s->status, WNOHANG) == s->pid) {
        s->gone = true;
        return false;
    }
    return true;
}

static int s_exit_code(const s_shard_t *s)
{
    if (!s->gone)
        return -1000;
    return WIFEXITED(s->status) ? WEXITSTATUS(s->status) : -WTERMSIG(s->status);
}

/* --- messages ------------------------------------------------------------------------ */

static void s_backlog_push(s_shard_t *s, const uint8_t *data, size_t len)
{
    if (s->bn == s->bcap) {
        if (s->bhead > 0) {
            memmove(s->backlog, s->backlog + s->bhead, (s->bn - s->bhead) * sizeof *s->backlog);
            s->bn -= s->bhead;
            s->bhead = 0;
        }
        if (s->bn == s->bcap) {
            s->bcap = s->bcap ? s->bcap * 2 : 256;
            s->backlog = zc_realloc(s->backlog, s->bcap * sizeof *s->backlog);
        }
    }
    s->backlog[s->bn].data = zc_malloc(len);
    memcpy(s->backlog[s->bn].data, data, len);
    s->backlog[s->bn].len = len;
    s->bn++;
}

/* Sends to a shard what its queue takes, in order; true if nothing is left. */
static bool s_send_fb(s_shard_t *s, const uint8_t *data, size_t len)
{
    if (s->bhead == s->bn && zmq_send(s->fb, data, len, ZMQ_DONTWAIT) >= 0)
        return true;
    s_backlog_push(s, data, len);
    return false;
}

static void s_flush_backlog(s_shard_t *s)
{
    while (s->bhead < s->bn) {
        s_buf_t *b = &s->backlog[s->bhead];
        if (zmq_send(s->fb, b->data, b->len, ZMQ_DONTWAIT) < 0)
            return;
        free(b->data);
        s->bhead++;
    }
    s->bhead = s->bn = 0;
}

static size_t s_backlog_len(const s_run_t *r)
{
    size_t n = 0;
    for (uint32_t k = 0; k < r->o->shards; k++)
        n += r->sh[k].bn - r->sh[k].bhead;
    return n;
}

/* One Task: its answer goes to the shard that issued it. */
static void s_handle_task(s_run_t *r, const uint8_t *data, size_t len)
{
    const s_opts_t *o = r->o;
    s_task_t t = {0};
    if (!s_walk(data, len, s_task_field, &t) || t.version != ZC_FORMAT_VERSION || !t.url ||
        t.url_len >= S_URL_LEN || t.task_id == 0) {
        r->bad_msgs++;
        return;
    }
    uint32_t k = t.has_shard ? (uint32_t)t.shard : 0;
    if (k >= o->shards) {
        r->bad_msgs++;
        return;
    }
    s_shard_t *s = &r->sh[k];
    static uint8_t *buf;
    static size_t cap;
    size_t need = s_fb_size(t.url_len, o->links);
    if (need > cap) {
        cap = need;
        buf = zc_realloc(buf, cap);
    }
    if (t.kind == ZCRAWL__TASK_KIND__ROBOTS) {
        s->robots_tasks++;
        size_t n = s_fb_pack(buf, t.task_id, (const char *)t.url, t.url_len, 404, true, NULL,
                             NULL, 0);
        s_send_fb(s, buf, n);
        return;
    }
    s->page_tasks++;
    uint64_t idx;
    if (s_url_index(r, t.url, t.url_len, &idx)) {
        if (s_bit(r->tasked, idx))
            r->dup_tasks++;
        s_bit_set(r->tasked, idx);
        if (r->host_owner[idx % o->hosts] != k)
            s->wrong_shard_tasks++;
    }
    static char links[S_LINKS_MAX][S_URL_LEN];
    static size_t link_len[S_LINKS_MAX];
    size_t nl = 0;
    while (nl < o->links && r->next_url < r->total) {
        link_len[nl] = (size_t)s_url(o, r->next_url++, links[nl], S_URL_LEN);
        nl++;
    }
    size_t n = s_fb_pack(buf, t.task_id, (const char *)t.url, t.url_len, 200, false, links,
                         link_len, nl);
    s_send_fb(s, buf, n);
}

static void s_handle_record(s_run_t *r, const uint8_t *data, size_t len)
{
    s_rec_t rec = {0};
    if (!s_walk(data, len, s_rec_field, &rec) || rec.version != ZC_FORMAT_VERSION || !rec.url) {
        r->bad_msgs++;
        return;
    }
    r->records++;
    uint64_t idx;
    if (!s_url_index(r, rec.url, rec.url_len, &idx)) {
        r->foreign_records++;
        return;
    }
    if (s_bit(r->got, idx)) {
        r->dup_records++;
        return;
    }
    s_bit_set(r->got, idx);
    r->distinct++;
    r->sh[r->host_owner[idx % r->o->hosts]].owned_records++;
}

static uint64_t s_metric(const Zcrawl__Stats *st, const char *name)
{
    for (size_t i = 0; i < st->n_counters; i++)
        if (strcmp(st->counters[i]->name, name) == 0)
            return (uint64_t)st->counters[i]->value;
    return 0;
}

static double s_gauge(const Zcrawl__Stats *st, const char *name)
{
    for (size_t i = 0; i < st->n_gauges; i++)
        if (strcmp(st->gauges[i]->name, name) == 0)
            return st->gauges[i]->value;
    return 0;
}

static void s_handle_stats(s_run_t *r, const uint8_t *data, size_t len)
{
    ProtobufCMessage *m = NULL;
    if (zc_msg_unpack(&zcrawl__stats__descriptor, data, len, &m) != ZC_OK) {
        r->bad_msgs++;
        return;
    }
    const Zcrawl__Stats *st = (const Zcrawl__Stats *)m;
    unsigned k;
    if (strcmp(st->stage, "producer") == 0 && sscanf(st->worker, "bench-shard-%u", &k) == 1 &&
        k < r->o->shards) {
        s_hb_t *h = &r->sh[k].hb;
        h->seen = true;
        h->complete = st->has_complete && st->complete;
        h->stopping = st->has_stopping && st->stopping;
        h->sent_at_ms = st->sent_at_ms;
        h->admitted = s_metric(st, "urls_admitted_total");
        h->records = s_metric(st, "records_total");
        h->acks = s_metric(st, "acks_total");
        h->stale = s_metric(st, "acks_stale_total");
        h->redispatches = s_metric(st, "redispatches_total");
        h->dropped_seen = s_metric(st, "links_dropped_total{reason=\"seen\"}");
        h->fwd_links = s_metric(st, "links_forwarded_total");
        h->fwd_sent = s_metric(st, "forwards_sent_total");
        h->fwd_resent = s_metric(st, "forwards_resent_total");
        h->fwd_in = s_metric(st, "forwards_received_total");
        h->fwd_in_links = s_metric(st, "links_received_total");
        h->receipts = s_metric(st, "forward_receipts_total");
        h->misrouted = s_metric(st, "links_misrouted_total");
        h->bad = s_metric(st, "bad_messages_total");
        h->unconfirmed = s_gauge(st, "forwards_unconfirmed");
        h->frontier = s_gauge(st, "frontier_size");
        h->inflight = s_gauge(st, "inflight");
        if (h->inflight > h->inflight_max)
            h->inflight_max = h->inflight;
        if (h->frontier > h->frontier_max)
            h->frontier_max = h->frontier;
    }
    zc_msg_free(&m);
}

/* Reads what is there on sock (at most max), handing each frame to fn. */
static size_t s_drain(s_run_t *r, void *sock, size_t max,
                      void (*fn)(s_run_t *, const uint8_t *, size_t))
{
    zmq_msg_t m;
    zmq_msg_init(&m);
    size_t n = 0;
    while (n < max && zmq_msg_recv(&m, sock, ZMQ_DONTWAIT) >= 0) {
        fn(r, zmq_msg_data(&m), zmq_msg_size(&m));
        n++;
    }
    zmq_msg_close(&m);
    return n;
}

/* One turn of the loop: tasks (while the shards take the answers), answers,
   records, heartbeats, then a bounded wait. */
static void s_turn(s_run_t *r, int wait_ms)
{
    uint32_t ns = r->o->shards;
    size_t got = 0;
    if (s_backlog_len(r) < S_BACKLOG_MAX)
        got += s_drain(r, r->tasks, S_TASKS_PER_ROUND, s_handle_task);
    for (uint32_t k = 0; k < ns; k++)
        s_flush_backlog(&r->sh[k]);
    size_t nrec = s_drain(r, r->rec_sock, SIZE_MAX, s_handle_record);
    if (nrec)
        r->t_last = s_now_s();
    got += nrec;
    got += s_drain(r, r->stats, SIZE_MAX, s_handle_stats);
    if (got)
        return;
    zmq_pollitem_t items[3 + S_SHARDS_MAX];
    int n = 0;
    items[n++] = (zmq_pollitem_t){.socket = r->rec_sock, .events = ZMQ_POLLIN};
    items[n++] = (zmq_pollitem_t){.socket = r->stats, .events = ZMQ_POLLIN};
    if (s_backlog_len(r) < S_BACKLOG_MAX)
        items[n++] = (zmq_pollitem_t){.socket = r->tasks, .events = ZMQ_POLLIN};
    for (uint32_t k = 0; k < ns; k++)
        if (r->sh[k].bn > r->sh[k].bhead)
            items[n++] = (zmq_pollitem_t){.socket = r->sh[k].fb, .events = ZMQ_POLLOUT};
    zmq_poll(items, n, wait_ms);
}

/* Seeds to their owners, one injection per owner. */
static bool s_send_seeds(s_run_t *r)
{
    const s_opts_t *o = r->o;
    for (uint32_t k = 0; k < o->shards; k++) {
        Zcrawl__Feedback fb = ZCRAWL__FEEDBACK__INIT;
        fb.version = ZC_FORMAT_VERSION;
        char **v = zc_malloc(o->seeds * sizeof *v);
        size_t nv = 0;
        for (uint64_t i = 0; i < o->seeds; i++) {
            if (r->host_owner[i % o->hosts] != k)
                continue;
            char u[S_URL_LEN];
            s_url(o, i, u, sizeof u);
            v[nv++] = zc_strdup(u);
        }
        fb.n_links = nv;
        fb.links = v;
        int rc = nv ? zc_msg_send(r->sh[k].fb, &fb.base, 0) : ZC_OK;
        for (size_t i = 0; i < nv; i++)
            free(v[i]);
        free(v);
        if (rc != ZC_OK)
            return false;
    }
    return true;
}

static bool s_all(const s_run_t *r, bool (*pred)(const s_shard_t *, void *), void *arg)
{
    for (uint32_t k = 0; k < r->o->shards; k++)
        if (!pred(&r->sh[k], arg))
            return false;
    return true;
}

static bool s_pred_seen(const s_shard_t *s, void *arg)
{
    (void)arg;
    return s->hb.seen;
}

/* Idle, everything confirmed, in a heartbeat sent after *arg (epoch ms). */
static bool s_pred_settled(const s_shard_t *s, void *arg)
{
    uint64_t after = *(const uint64_t *)arg;
    return s->hb.sent_at_ms > after && s->hb.complete && s->hb.unconfirmed == 0;
}

static void s_stop_all(s_run_t *r)
{
    for (uint32_t k = 0; k < r->o->shards; k++)
        if (s_alive(&r->sh[k]))
            kill(r->sh[k].pid, SIGTERM);
    double deadline = s_now_s() + S_STOP_WAIT_MS / 1000.0;
    while (s_now_s() < deadline) {
        bool any = false;
        for (uint32_t k = 0; k < r->o->shards; k++)
            any |= s_alive(&r->sh[k]);
        if (!any)
            break;
        /* Their last heartbeats (stopping) and records still come in. */
        s_turn(r, S_POLL_MS);
    }
    for (uint32_t k = 0; k < r->o->shards; k++) {
        s_shard_t *s = &r->sh[k];
        if (s_alive(s)) {
            fprintf(stderr, "zc_shards_bench: shard %u pid %d did not stop, killing\n", k,
                    (int)s->pid);
            kill(s->pid, SIGKILL);
            if (waitpid(s->pid, &s->status, 0) == s->pid)
                s->gone = true;
        }
    }
    s_turn(r, 0);
}

static void s_tail(const char *path, int lines)
{
    char cmd[S_EP_LEN + 64];
    snprintf(cmd, sizeof cmd, "tail -n %d '%s' >&2", lines, path);
    if (system(cmd) != 0)
        fprintf(stderr, "zc_shards_bench: cannot show %s\n", path);
}

/* --- output ------------------------------------------------------------------------------ */

static double s_per(double x, uint64_t n)
{
    return n ? x / (double)n : 0;
}

static void s_print_json(const s_run_t *r, double wall_s, double driver_cpu_s, double cores_busy,
                         bool complete, bool settled, bool ok)
{
    const s_opts_t *o = r->o;
    double shard_cpu = 0;
    long rss_sum = 0;
    long long disk_sum = 0;
    for (uint32_t k = 0; k < o->shards; k++) {
        shard_cpu += r->sh[k].user1 + r->sh[k].sys1 - r->sh[k].user0 - r->sh[k].sys0;
        rss_sum += r->sh[k].rss_kb;
        disk_sum += r->sh[k].disk_bytes;
    }
    printf("{\"label\": \"%s\", \"shards\": %u, \"transport\": \"%s\", \"urls\": %" PRIu64
           ", \"seeds\": %" PRIu64 ", \"links\": %u, \"hosts\": %u",
           o->label, o->shards, o->transport, o->urls, o->seeds, o->links, o->hosts);
    printf(", \"expected\": %" PRIu64 ", \"records\": %" PRIu64 ", \"distinct\": %" PRIu64
           ", \"dup_records\": %" PRIu64 ", \"foreign_records\": %" PRIu64
           ", \"dup_tasks\": %" PRIu64 ", \"bad_messages\": %" PRIu64,
           r->total, r->records, r->distinct, r->dup_records, r->foreign_records, r->dup_tasks,
           r->bad_msgs);
    printf(", \"wall_s\": %.3f, \"urls_per_s\": %.1f, \"shards_cpu_s\": %.3f"
           ", \"shards_cpu_us_per_url\": %.3f, \"driver_cpu_s\": %.3f"
           ", \"driver_cpu_us_per_url\": %.3f, \"machine_cores_busy\": %.2f"
           ", \"rss_kb_sum\": %ld, \"disk_bytes_sum\": %lld",
           wall_s, wall_s > 0 ? (double)r->distinct / wall_s : 0, shard_cpu,
           s_per(shard_cpu * 1e6, r->distinct), driver_cpu_s,
           s_per(driver_cpu_s * 1e6, r->distinct), cores_busy, rss_sum, disk_sum);
    printf(", \"per_shard\": [");
    for (uint32_t k = 0; k < o->shards; k++) {
        const s_shard_t *s = &r->sh[k];
        const s_hb_t *h = &s->hb;
        uint64_t known = s->owned_records;
        double user = s->user1 - s->user0, sys = s->sys1 - s->sys0, cpu = user + sys;
        printf("%s{\"shard\": %u, \"pid\": %d, \"urls\": %" PRIu64 ", \"admitted\": %" PRIu64
               ", \"page_tasks\": %" PRIu64 ", \"robots_tasks\": %" PRIu64
               ", \"wrong_shard_tasks\": %" PRIu64,
               k ? ", " : "", k, (int)s->pid, known, h->admitted, s->page_tasks, s->robots_tasks,
               s->wrong_shard_tasks);
        printf(", \"cpu_user_s\": %.3f, \"cpu_sys_s\": %.3f, \"wchar\": %lld"
               ", \"write_bytes\": %lld",
               user, sys, s->wchar1 - s->wchar0, s->wbytes1 - s->wbytes0);
        printf(", \"cpu_s\": %.3f, \"cpu_us_per_url\": %.3f, \"rss_kb\": %ld, \"hwm_kb\": %ld"
               ", \"rss_anon_kb\": %ld, \"rss_file_kb\": %ld, \"rss_start_kb\": %ld"
               ", \"rss_anon_start_kb\": %ld, \"disk_bytes\": %lld",
               cpu, s_per(cpu * 1e6, known), s->rss_kb, s->hwm_kb, s->anon_kb, s->file_kb,
               s->rss0_kb, s->anon0_kb, s->disk_bytes);
        printf(", \"ram_bytes_per_url\": %.1f, \"ram_growth_bytes_per_url\": %.1f"
               ", \"hwm_bytes_per_url\": %.1f, \"disk_bytes_per_url\": %.1f",
               s_per((double)s->rss_kb * 1024, known),
               s_per((double)(s->rss_kb - s->rss0_kb) * 1024, known),
               s_per((double)s->hwm_kb * 1024, known), s_per((double)s->disk_bytes, known));
        printf(", \"hb_records\": %" PRIu64 ", \"acks\": %" PRIu64 ", \"acks_stale\": %" PRIu64
               ", \"redispatches\": %" PRIu64 ", \"links_dropped_seen\": %" PRIu64
               ", \"links_forwarded\": %" PRIu64 ", \"forwards_sent\": %" PRIu64
               ", \"forwards_resent\": %" PRIu64 ", \"forwards_received\": %" PRIu64
               ", \"links_received\": %" PRIu64 ", \"receipts\": %" PRIu64
               ", \"links_misrouted\": %" PRIu64 ", \"bad_messages\": %" PRIu64
               ", \"forwards_unconfirmed\": %.0f, \"inflight_max\": %.0f"
               ", \"frontier_max\": %.0f, \"exit\": %d}",
               h->records, h->acks, h->stale, h->redispatches, h->dropped_seen, h->fwd_links,
               h->fwd_sent, h->fwd_resent, h->fwd_in, h->fwd_in_links, h->receipts, h->misrouted,
               h->bad, h->unconfirmed, h->inflight_max, h->frontier_max, s_exit_code(s));
    }
    printf("], \"complete\": %s, \"settled\": %s, \"ok\": %s}\n", complete ? "true" : "false",
           settled ? "true" : "false", ok ? "true" : "false");
    fflush(stdout);
}

/* --- main ------------------------------------------------------------------------------------ */

static void *s_open(void *ctx, int type, const char *ep, bool bind)
{
    /* Long queues on the driver's side: it must never be the one that waits. */
    zc_sockopt_t opt = {.type = type, .sndhwm = 100000, .rcvhwm = 100000};
    void *s = zc_sock_open(ctx, &opt, ep, bind);
    if (s) {
        int linger = 0;
        zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    }
    return s;
}

static void s_endpoint(const s_opts_t *o, const char *dir, const char *name, char *out)
{
    if (strcmp(o->transport, "ipc") == 0)
        snprintf(out, S_EP_LEN, "ipc://%s/%s.sock", dir, name);
    else
        snprintf(out, S_EP_LEN, "tcp://127.0.0.1:%d", s_free_port());
}

int main(int argc, char **argv)
{
    s_opts_t o;
    memset(&o, 0, sizeof o);
    if (s_parse_args(argc, argv, &o) != 0) {
        s_usage(stderr);
        return 2;
    }
    zc_log_init("shards-bench", "bench", ZC_LOG_WARN);
    if (!s_selfcheck()) {
        fprintf(stderr, "zc_shards_bench: the hand-written wire format does not round-trip\n");
        return 1;
    }
    if (zc_signal_init() < 0) {
        fprintf(stderr, "zc_shards_bench: cannot install signal handlers\n");
        return 1;
    }
    s_run_t r;
    memset(&r, 0, sizeof r);
    r.o = &o;
    r.total = o.seeds + o.urls;
    r.next_url = o.seeds;
    r.got = zc_calloc(r.total / 8 + 1, 1);
    r.tasked = zc_calloc(r.total / 8 + 1, 1);
    r.host_owner = zc_malloc(o.hosts * sizeof *r.host_owner);
    for (uint32_t h = 0; h < o.hosts; h++) {
        char u[S_URL_LEN];
        s_url(&o, h, u, sizeof u);
        r.host_owner[h] = zc_shard_of_url(u, o.shards);
    }

    int status = 1;
    char tmpl[] = "/tmp/zc-shards-bench.XXXXXX";
    const char *dir = o.dir;
    bool remove_dir = false;
    if (!dir) {
        const char *tmp = getenv("TMPDIR");
        static char buf[S_EP_LEN];
        snprintf(buf, sizeof buf, "%s/zc-shards-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        dir = mkdtemp(buf) ? buf : mkdtemp(tmpl);
        if (!dir) {
            fprintf(stderr, "zc_shards_bench: mkdtemp: %s\n", strerror(errno));
            return 1;
        }
        remove_dir = !o.keep;
    } else if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "zc_shards_bench: mkdir %s: %s\n", dir, strerror(errno));
        return 1;
    }
    r.ctx = zmq_ctx_new();
    s_endpoint(&o, dir, "records", r.records_ep);
    s_endpoint(&o, dir, "stats", r.stats_ep);
    s_endpoint(&o, dir, "control", r.control_ep);
    for (uint32_t k = 0; k < o.shards; k++) {
        s_shard_t *s = &r.sh[k];
        char name[32];
        snprintf(name, sizeof name, "tasks-%u", k);
        s_endpoint(&o, dir, name, s->tasks_ep);
        snprintf(name, sizeof name, "feedback-%u", k);
        s_endpoint(&o, dir, name, s->feedback_ep);
        if (snprintf(s->state, sizeof s->state, "%s/state-%u", dir, k) >= (int)sizeof s->state ||
            snprintf(s->log, sizeof s->log, "%s/shard-%u.log", dir, k) >= (int)sizeof s->log) {
            fprintf(stderr, "zc_shards_bench: work dir path too long\n");
            goto done;
        }
    }
    r.rec_sock = s_open(r.ctx, ZMQ_PULL, r.records_ep, true);
    r.stats = s_open(r.ctx, ZMQ_PULL, r.stats_ep, true);
    r.control = o.shards > 1 ? s_open(r.ctx, ZMQ_PUB, r.control_ep, true) : NULL;
    r.tasks = s_open(r.ctx, ZMQ_PULL, r.sh[0].tasks_ep, false);
    bool opened = r.rec_sock && r.stats && (o.shards == 1 || r.control) && r.tasks;
    for (uint32_t k = 1; opened && k < o.shards; k++)
        opened = zc_sock_connect(r.tasks, r.sh[k].tasks_ep) == ZC_OK;
    for (uint32_t k = 0; opened && k < o.shards; k++)
        opened = (r.sh[k].fb = s_open(r.ctx, ZMQ_PUSH, r.sh[k].feedback_ep, false)) != NULL;
    if (!opened)
        goto done;

    for (uint32_t k = 0; k < o.shards; k++) {
        r.sh[k].pid = s_spawn(&r, k);
        if (r.sh[k].pid < 0) {
            fprintf(stderr, "zc_shards_bench: fork: %s\n", strerror(errno));
            goto stop;
        }
    }
    /* Start-up: every shard's first heartbeat says it runs and its sockets are open. */
    double deadline = s_now_s() + S_READY_WAIT_MS / 1000.0;
    while (!s_all(&r, s_pred_seen, NULL)) {
        bool dead = false;
        for (uint32_t k = 0; k < o.shards; k++)
            dead |= !s_alive(&r.sh[k]);
        if (dead || s_now_s() >= deadline || zc_signal_interrupted()) {
            fprintf(stderr, "zc_shards_bench: the shards did not all start\n");
            for (uint32_t k = 0; k < o.shards; k++)
                s_tail(r.sh[k].log, 10);
            goto stop;
        }
        s_turn(&r, S_POLL_MS);
    }
    for (uint32_t k = 0; k < o.shards; k++) {
        s_shard_t *s = &r.sh[k];
        s_proc_times(s->pid, &s->user0, &s->sys0);
        s->wchar0 = s_proc_io(s->pid, "wchar");
        s->wbytes0 = s_proc_io(s->pid, "write_bytes");
        s->rss0_kb = s_status_kb(s->pid, "VmRSS");
        s->anon0_kb = s_status_kb(s->pid, "RssAnon");
    }
    unsigned long long busy0, all0, busy1, all1;
    s_machine_jiffies(&busy0, &all0);
    double self0 = s_self_cpu_s();
    r.t0 = s_now_s();
    r.t_last = r.t0;
    if (!s_send_seeds(&r)) {
        fprintf(stderr, "zc_shards_bench: cannot send the seeds\n");
        goto stop;
    }

    /* The run: until every URL has its record. */
    deadline = r.t0 + (double)o.timeout_s;
    double next_check = r.t0 + 0.5;
    bool dead = false;
    while (r.distinct < r.total && !zc_signal_interrupted()) {
        s_turn(&r, S_POLL_MS);
        double now = s_now_s();
        if (now >= deadline)
            break;
        if (now >= next_check) {
            next_check = now + 0.5;
            for (uint32_t k = 0; k < o.shards; k++)
                dead |= !s_alive(&r.sh[k]);
            if (dead)
                break;
        }
    }
    double wall = r.t_last - r.t0;
    double self1 = s_self_cpu_s();
    s_machine_jiffies(&busy1, &all1);
    long hz = sysconf(_SC_CLK_TCK);
    double cores_busy = wall > 0 ? (double)(busy1 - busy0) / (double)(hz > 0 ? hz : 100) /
                                       (s_now_s() - r.t0)
                                 : 0;
    bool complete = r.distinct == r.total;
    if (!complete)
        fprintf(stderr, "zc_shards_bench: incomplete: %" PRIu64 " of %" PRIu64
                " URLs recorded%s%s%s\n", r.distinct, r.total,
                s_now_s() >= deadline ? " (time limit)" : "", dead ? " (a shard exited)" : "",
                zc_signal_interrupted() ? " (interrupted)" : "");

    /* Settle: every shard idle with every FORWARD confirmed, as it says in a
       heartbeat sent after the last record (they come once a second). */
    uint64_t after = s_wall_ms();
    double settle_deadline = s_now_s() + S_SETTLE_MS / 1000.0;
    bool settled = false;
    while (complete && !zc_signal_interrupted() && s_now_s() < settle_deadline) {
        if ((settled = s_all(&r, s_pred_settled, &after)))
            break;
        s_turn(&r, S_POLL_MS);
    }
    if (complete && !settled)
        fprintf(stderr, "zc_shards_bench: not every shard reported idle within %d ms\n",
                S_SETTLE_MS);
    for (uint32_t k = 0; k < o.shards; k++) {
        s_shard_t *s = &r.sh[k];
        if (!s_alive(s))
            continue;
        s_proc_times(s->pid, &s->user1, &s->sys1);
        s->wchar1 = s_proc_io(s->pid, "wchar");
        s->wbytes1 = s_proc_io(s->pid, "write_bytes");
        s->rss_kb = s_status_kb(s->pid, "VmRSS");
        s->hwm_kb = s_status_kb(s->pid, "VmHWM");
        s->anon_kb = s_status_kb(s->pid, "RssAnon");
        s->file_kb = s_status_kb(s->pid, "RssFile");
    }
    s_stop_all(&r);
    bool ok = complete && r.dup_records == 0 && r.foreign_records == 0 && r.bad_msgs == 0;
    for (uint32_t k = 0; k < o.shards; k++) {
        s_shard_t *s = &r.sh[k];
        s->disk_bytes = s_du(s->state);
        if (s_exit_code(s) != 0 || s->wrong_shard_tasks) {
            ok = false;
            fprintf(stderr, "zc_shards_bench: shard %u exit %d, tasks for other shards' hosts %"
                    PRIu64 "; last lines of its log:\n", k, s_exit_code(s), s->wrong_shard_tasks);
            s_tail(s->log, 10);
        }
    }
    s_print_json(&r, wall, self1 - self0, cores_busy, complete, settled, ok);
    status = ok ? 0 : 1;
stop:
    s_stop_all(&r);
done:
    for (uint32_t k = 0; k < o.shards; k++) {
        s_shard_t *s = &r.sh[k];
        zc_sock_close(&s->fb);
        for (size_t i = s->bhead; i < s->bn; i++)
            free(s->backlog[i].data);
        free(s->backlog);
    }
    zc_sock_close(&r.tasks);
    zc_sock_close(&r.rec_sock);
    zc_sock_close(&r.stats);
    zc_sock_close(&r.control);
    zmq_ctx_term(r.ctx);
    if (remove_dir)
        s_rm_rf(dir);
    free(r.got);
    free(r.tasked);
    free(r.host_owner);
    return status;
}
