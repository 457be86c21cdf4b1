/*  zc_frontier_bench — the producer's frontier alone, on its real store.

    Usage:
      zc_frontier_bench throughput [--urls N] [--hosts H] [--dups D] [--batch B] [--dir DIR]
      zc_frontier_bench memory [--urls N] [--hosts H] [--batch B] [--dir DIR]

    throughput: N distinct URLs over H hosts are offered to the frontier,
    each followed by D offers of URLs already seen (the links a crawl finds
    again), in batches of B; after each batch every ready URL is dispatched
    (peek + lease) and acknowledged, and the batch is committed, as the
    producer's loop does. Politeness off (delay 0), no robots.txt. Prints
    one JSON line: URLs/s for enqueue + dedup + dispatch + ack, offers/s,
    CPU seconds, per phase.

    memory: N distinct URLs over H hosts are admitted (nothing dispatched),
    committed every B; then the store is synced, as the producer does once a
    second. Prints RSS (VmRSS, RssAnon, RssFile, VmHWM), the store's size on
    disk and bytes per URL in RAM and on disk.

    URLs are generated before the clock starts. DIR defaults to a new
    folder under $TMPDIR, removed at the end.
*/
#include "zc_frontier.h"
#include "zc_log.h"
#include "zc_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    const char *mode;
    size_t urls, hosts, dups, batch;
    const char *dir;
} s_args_t;

static double s_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double s_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* A value in kB from /proc/self/status ("VmRSS", "RssAnon", ...). */
static long s_status_kb(const char *key)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t klen = strlen(key);
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, key, klen) == 0 && line[klen] == ':')
            v = strtol(line + klen + 1, NULL, 10);
    if (fp)
        fclose(fp);
    return v;
}

static long long s_dir_bytes(const char *dir)
{
    DIR *d = opendir(dir);
    long long sum = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char p[4096 + 256];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        /* Blocks actually used: LMDB's file is sparse past its last page. */
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
            sum += (long long)st.st_blocks * 512;
    }
    if (d)
        closedir(d);
    return sum;
}

static void s_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char p[4096 + 256];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.')
            unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* All URLs in one block, NUL-separated: "http://hK.example/dir/K2/page-I.html". */
static char **s_gen(size_t n, size_t hosts, char **block)
{
    size_t cap = n * 64, off = 0;
    char *b = zc_malloc(cap);
    char **v = zc_malloc(n * sizeof *v);
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t h = (size_t)(x % hosts);
        int len = snprintf(b + off, cap - off, "http://h%zu.example/dir/%zu/page-%zu.html", h,
                           (size_t)(x >> 40) % 100, i);
        v[i] = b + off;
        off += (size_t)len + 1;
    }
    *block = b;
    return v;
}

static zc_frontier_t *s_open(const char *dir)
{
    zc_frontier_opts_t o = {.state_dir = dir,
                            .scope = ZC_SCOPE_ANY,
                            .max_depth = -1,
                            .delay_ms = 0,
                            .host_concurrency = 1000,
                            .lease_ms = 600000,
                            .max_attempts = 3,
                            .max_inflight = 10000000};
    char *err = NULL;
    zc_frontier_t *f = zc_frontier_open(&o, &err);
    if (!f) {
        fprintf(stderr, "zc_frontier_bench: %s\n", err);
        exit(1);
    }
    return f;
}

/* Dispatches and acks everything ready; returns how many. */
static size_t s_drain(zc_frontier_t *f, int64_t now)
{
    size_t n = 0;
    zc_frontier_task_t t;
    static uint64_t *ids;
    static size_t cap;
    while (zc_frontier_peek(f, now, &t) == 0) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            ids = zc_realloc(ids, cap * sizeof *ids);
        }
        ids[n++] = zc_frontier_lease(f, now);
    }
    for (size_t i = 0; i < n; i++)
        if (zc_frontier_ack(f, ids[i], now, 0, NULL) != 0) {
            fprintf(stderr, "zc_frontier_bench: ack failed\n");
            exit(1);
        }
    return n;
}

/* The offers as a parser's feedback brings them: for each new URL, the URL
   then D URLs seen before, copied one after the other into one stream, so
   the frontier reads them sequentially as it would from messages. */
static char *s_stream(char **urls, size_t n, size_t dups, size_t *len)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        cap += (strlen(urls[i]) + 1) * (1 + dups);
    char *st = zc_malloc(cap), *p = st;
    uint64_t x = 1;
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(urls[k]) + 1;
        memcpy(p, urls[k], l);
        p += l;
        for (size_t d = 0; d < dups; d++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t j = (size_t)(x >> 33) % (k + 1);
            l = strlen(urls[j]) + 1;
            memcpy(p, urls[j], l);
            p += l;
        }
    }
    *len = (size_t)(p - st);
    return st;
}

static int s_throughput(const s_args_t *a, const char *dir)
{
    char *block;
    char **urls = s_gen(a->urls, a->hosts, &block);
    size_t slen;
    char *stream = s_stream(urls, a->urls, a->dups, &slen), *p = stream;
    free(urls);
    free(block);
    zc_frontier_t *f = s_open(dir);
    size_t admitted = 0, done = 0, offers = 0, seen = 0;
    double t0 = s_now(), c0 = s_cpu();
    for (size_t i = 0; i < a->urls; i += a->batch) {
        size_t end = i + a->batch < a->urls ? i + a->batch : a->urls;
        for (size_t k = i; k < end; k++) {
            for (size_t d = 0; d <= a->dups; d++) {
                size_t l = strlen(p);
                zc_frontier_verdict_t v = zc_frontier_add(f, p, 1, false);
                admitted += v == ZC_FRONTIER_ADMITTED;
                seen += v == ZC_FRONTIER_SEEN;
                p += l + 1;
                offers++;
            }
        }
        done += s_drain(f, 0);
        if (zc_frontier_commit(f) != 0)
            return 1;
    }
    done += s_drain(f, 0);
    zc_frontier_commit(f);
    zc_frontier_sync(f);
    double wall = s_now() - t0, cpu = s_cpu() - c0;
    if (admitted != a->urls || done != a->urls || seen != a->urls * a->dups ||
        !zc_frontier_idle(f)) {
        fprintf(stderr, "zc_frontier_bench: admitted %zu done %zu seen %zu of %zu\n", admitted,
                done, seen, a->urls);
        return 1;
    }
    long long disk = s_dir_bytes(dir);
    zc_frontier_destroy(&f);
    printf("{\"mode\":\"throughput\",\"urls\":%zu,\"hosts\":%zu,\"dups\":%zu,\"batch\":%zu,"
           "\"wall_s\":%.3f,\"cpu_s\":%.3f,\"urls_per_s\":%.0f,\"urls_per_cpu_s\":%.0f,"
           "\"offers_per_s\":%.0f,\"disk_bytes_after\":%lld}\n",
           a->urls, a->hosts, a->dups, a->batch, wall, cpu, (double)a->urls / wall,
           (double)a->urls / cpu, (double)offers / wall, disk);
    free(stream);
    return 0;
}

static int s_memory(const s_args_t *a, const char *dir)
{
    /* Generated in chunks, so the URL list itself does not sit in RSS. */
    zc_frontier_t *f = s_open(dir);
    long base_anon = s_status_kb("RssAnon");
    double t0 = s_now(), c0 = s_cpu(), last_sync = t0;
    size_t admitted = 0;
    char url[128];
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < a->urls; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        snprintf(url, sizeof url, "http://h%zu.example/dir/%zu/page-%zu.html",
                 (size_t)(x % a->hosts), (size_t)(x >> 40) % 100, i);
        admitted += zc_frontier_add(f, url, 1, false) == ZC_FRONTIER_ADMITTED;
        if ((i + 1) % a->batch == 0) {
            /* As the producer: a commit per batch, a sync once a second. */
            if (zc_frontier_commit(f) != 0)
                return 1;
            if (s_now() - last_sync >= 1.0) {
                last_sync = s_now();
                if (zc_frontier_sync(f) != 0)
                    return 1;
            }
        }
    }
    zc_frontier_commit(f);
    zc_frontier_sync(f);
    double wall = s_now() - t0, cpu = s_cpu() - c0;
    long rss = s_status_kb("VmRSS"), anon = s_status_kb("RssAnon"),
         file = s_status_kb("RssFile"), hwm = s_status_kb("VmHWM");
    long long disk = s_dir_bytes(dir);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "minor faults %ld, major %ld\n", ru.ru_minflt, ru.ru_majflt);
    /* Reopening rebuilds the seen-set and host table from the store. */
    zc_frontier_destroy(&f);
    double r0 = s_now();
    f = s_open(dir);
    double reopen = s_now() - r0;
    int ok = zc_frontier_queued(f) == admitted && admitted == a->urls;
    long rss2 = s_status_kb("VmRSS");
    zc_frontier_destroy(&f);
    printf("{\"mode\":\"memory\",\"urls\":%zu,\"hosts\":%zu,\"wall_s\":%.3f,\"cpu_s\":%.3f,"
           "\"admit_per_s\":%.0f,\"vm_rss_kb\":%ld,\"rss_anon_kb\":%ld,\"rss_file_kb\":%ld,"
           "\"vm_hwm_kb\":%ld,\"ram_bytes_per_url\":%.1f,\"disk_bytes\":%lld,"
           "\"disk_bytes_per_url\":%.1f,\"reopen_s\":%.2f,\"rss_after_reopen_kb\":%ld,"
           "\"ok\":%s}\n",
           a->urls, a->hosts, wall, cpu, (double)a->urls / wall, rss, anon, file, hwm,
           (double)(anon - base_anon) * 1024.0 / (double)a->urls, disk,
           (double)disk / (double)a->urls, reopen, rss2, ok ? "true" : "false");
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    s_args_t a = {.urls = 2000000, .hosts = 1000, .dups = 4, .batch = 10000};
    if (argc < 2 || (strcmp(argv[1], "throughput") != 0 && strcmp(argv[1], "memory") != 0)) {
        fprintf(stderr, "usage: zc_frontier_bench throughput|memory [--urls N] [--hosts H] "
                        "[--dups D] [--batch B] [--dir DIR]\n");
        return 2;
    }
    a.mode = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        size_t n = (size_t)strtoull(v, NULL, 10);
        if (strcmp(k, "--urls") == 0 && n > 0)
            a.urls = n;
        else if (strcmp(k, "--hosts") == 0 && n > 0)
            a.hosts = n;
        else if (strcmp(k, "--dups") == 0)
            a.dups = n;
        else if (strcmp(k, "--batch") == 0 && n > 0)
            a.batch = n;
        else if (strcmp(k, "--dir") == 0)
            a.dir = v;
        else {
            fprintf(stderr, "zc_frontier_bench: bad argument %s %s\n", k, v);
            return 2;
        }
    }
    zc_log_init("bench", "frontier", ZC_LOG_WARN);
    char tmp[4096];
    const char *dir = a.dir;
    if (!dir) {
        const char *t = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/zc-frontier-bench-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmp)) {
            perror("mkdtemp");
            return 1;
        }
        dir = tmp;
    }
    int rc = strcmp(a.mode, "throughput") == 0 ? s_throughput(&a, dir) : s_memory(&a, dir);
    if (!a.dir)
        s_rmdir(dir);
    return rc;
}
