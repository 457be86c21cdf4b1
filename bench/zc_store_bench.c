/*  zc_store_bench — LMDB against SQLite on the frontier's on-disk workload.

    The producer keeps its per-host URL queues on disk. This program runs the
    queue's three operations against one store and prints one JSON line, so
    that bench/store_bench.sh can put LMDB and SQLite side by side.

    Data: one table "queue"; key = host id (u32) + per-host sequence (u64),
    value = depth, attempt and the URL bytes.
      LMDB    named DB "queue", key 12 bytes big-endian (so byte order is
              (host, seq) order), value depth (u32 BE) attempt (u32 BE) URL.
      SQLite  CREATE TABLE queue(host INTEGER, seq INTEGER, depth INTEGER,
              attempt INTEGER, url BLOB, PRIMARY KEY(host, seq)) WITHOUT ROWID
              (the row lives in the primary-key B-tree, as in LMDB).

    Operations, counted one per URL; a write transaction is committed after
    every --batch of them (and at the end of a phase):
      enqueue   put (host, seq) for a new URL; the host is uniform random over
                --hosts, seq the host's next one, so hosts interleave.
      dispatch  hand out the next URL of the next host in round-robin order
                (hosts that have queued URLs only). A host keeps a read-ahead
                of up to 8 entries in RAM; when it is empty one cursor seek
                reads the first keys >= (host, next_seq): MDB_SET_RANGE and
                MDB_NEXT, or SELECT ... WHERE host=? AND seq>=? ORDER BY seq
                LIMIT 8. The entries read are copied out of the store.
      ack       delete (host, seq). A dispatched URL is acked once --inflight
                later dispatches have happened (the leases in flight while
                crawlers fetch), and at the end of a phase.

    Phases, run in this order on one store:
      enqueue   --urls URLs are enqueued.
      mixed     --mixed steps (default --urls) of enqueue, dispatch, ack
                interleaved 1:1:1 on top of the queued backlog: the steady
                state of a running crawl.
      drain     every queued URL is dispatched and acked, host-round-robin.
    After the enqueue phase the store's files are measured (allocated bytes of
    all files in --dir), then a checkpoint is taken outside the timing (SQLite:
    wal_checkpoint(TRUNCATE); LMDB: mdb_env_sync) and they are measured again,
    with the pages of the queue's B-tree against those of the file and the
    share of the tree's bytes that are entry bytes ("fill", in LMDB's layout:
    12-byte key, 8-byte header, URL). With --enqueue-only the run stops there.

    Durability (the same class for both): a kill -9 of the process loses no
    committed transaction, because every commit has reached the kernel; a
    power loss may lose the last second or so.
      LMDB    MDB_NOSYNC (no fsync at commit) and mdb_env_sync(force) when a
              second has passed since the last one, checked after a commit.
      SQLite  journal_mode=WAL, synchronous=NORMAL (no fsync at commit; WAL
              and database are fsynced at each checkpoint, automatic every
              1000 WAL pages), locking_mode=EXCLUSIVE (the producer is the only
              user of its state dir, so no shared-memory wal-index).
              --sqlite-sync off drops even the checkpoint fsyncs.

    Checks: every entry read must be the one expected (host, seq, count); a
    checksum over every URL enqueued must equal the one over every URL read;
    the store must hold --urls entries after the enqueue phase and none after
    the drain. "ok" in the JSON says so; exit 1 if not (or on --max-seconds).

    Measured per phase: wall time (monotonic clock), CPU user+sys
    (getrusage), bytes written (/proc/self/io write_bytes: pages dirtied or
    written to the page cache; wchar: bytes passed to write calls), RssAnon and
    RssFile (/proc/self/status) at its end; VmHWM at the end of the run. The
    URLs are generated on the fly from a seeded PRNG (identical for both
    stores); what generating costs alone is measured first and reported as
    gen_ns_per_url.

    Everything runs in this one thread: the figures are for one core.
*/
#include "zc_util.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <lmdb.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#define S_URL_MAX 128 /* generated URLs are 50..100 bytes */
#define S_URL_MIN_LEN 50
#define S_URL_MAX_LEN 100
#define S_READ_AHEAD 8         /* entries one dispatch seek reads at most */
#define S_KEY_LEN 12           /* host u32 + seq u64 */
#define S_VAL_HDR 8            /* depth u32 + attempt u32 */
#define S_SYNC_NS 1000000000LL /* LMDB: mdb_env_sync at most once a second */
#define S_MAX_URLS 100000000LL
#define S_MAX_HOSTS 10000000LL /* host names have at most 7 digits */
#define S_MAX_BATCH 100000000LL
#define S_MAX_INFLIGHT 10000000LL
#define S_DEADLINE_EVERY 4096 /* ops between two looks at the clock */
#define S_PATH_MAX 4096

typedef enum { S_LMDB, S_SQLITE } s_kind_t;

typedef struct {
    const char *store;
    const char *dir;
    int64_t urls, hosts, batch, inflight, mixed, seed, max_seconds, map_gb;
    bool enqueue_only, writemap;
    const char *sqlite_sync;
    int64_t sqlite_cache_mb, sqlite_mmap_mb, sqlite_page_size;
    bool sqlite_shared;
} s_opts_t;

/* One queue entry as read back from a store (copied out of it). */
typedef struct {
    uint32_t host;
    uint64_t seq;
    uint32_t depth, attempt;
    size_t url_len;
    char url[S_URL_MAX];
} s_entry_t;

typedef struct {
    s_kind_t kind;
    const s_opts_t *o;
    /* LMDB */
    MDB_env *env;
    MDB_txn *txn;
    MDB_cursor *cur;
    MDB_dbi dbi;
    int64_t last_sync_ns;
    uint64_t syncs;
    /* SQLite */
    sqlite3 *db;
    sqlite3_stmt *st_begin, *st_commit, *st_put, *st_seek, *st_del;
} s_store_t;

typedef struct {
    uint32_t host;
    uint64_t seq;
} s_lease_t;

typedef struct {
    const s_opts_t *o;
    s_store_t st;
    uint64_t rng;
    uint32_t nhosts;
    int width;         /* digits of a host name */
    uint64_t *tail;    /* per host: the next seq to assign */
    uint64_t *next;    /* per host: the next seq to read from the store */
    uint8_t *buffered; /* per host: entries read ahead, not yet dispatched */
    uint8_t *in_ready; /* per host: in the round-robin ring */
    uint32_t *ready;   /* round-robin ring of hosts with queued URLs */
    size_t ready_head, ready_len;
    s_lease_t *ring; /* dispatched, not yet acked, oldest first */
    size_t ring_head, ring_len, ring_cap;
    uint64_t ops, ops_in_txn, commits, seeks, queued;
    uint64_t data_bytes;      /* key + value bytes of the URLs enqueued (LMDB layout) */
    uint64_t sum_in, sum_out; /* checksums of URLs enqueued and read */
    int64_t deadline_ns;
    bool timed_out;
    s_entry_t ent[S_READ_AHEAD];
} s_bench_t;

typedef struct {
    uint64_t ops, seeks, commits, syncs;
    double wall_s, cpu_s;
    int64_t write_bytes, wchar;
    int64_t rss_anon_kb, rss_file_kb;
} s_phase_t;

typedef struct {
    int64_t ns, cpu_us, write_bytes, wchar;
    uint64_t ops, seeks, commits, syncs;
} s_snap_t;

/* ------------------------------------------------------------------ helpers */

static int64_t s_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t s_cpu_us(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (int64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL + ru.ru_utime.tv_usec +
           ru.ru_stime.tv_usec;
}

/* Value of "key: N" in a /proc file (N as written, e.g. kB), or -1. */
static int64_t s_proc_value(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    size_t klen = strlen(key);
    int64_t v = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
            v = strtoll(line + klen + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

static uint64_t s_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static char *s_put_digits(char *p, uint64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* http://hostNNNN.example/path/NNNNNN?x=... of 50..100 bytes; returns the length. */
static size_t s_make_url(uint64_t *rng, int width, uint32_t host, uint64_t seq, char *buf)
{
    static const char alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    size_t len = S_URL_MIN_LEN + s_rand(rng) % (S_URL_MAX_LEN - S_URL_MIN_LEN + 1);
    char *p = buf;
    memcpy(p, "http://host", 11);
    p = s_put_digits(p + 11, host, width);
    memcpy(p, ".example/path/", 14);
    p = s_put_digits(p + 14, seq % 1000000, 6);
    memcpy(p, "?x=", 3);
    p += 3;
    char *end = buf + len;
    while (p < end) {
        uint64_t r = s_rand(rng);
        for (int i = 0; i < 10 && p < end; i++, r >>= 6)
            *p++ = alphabet[r & 63];
    }
    return len;
}

static uint64_t s_entry_sum(uint32_t host, uint64_t seq, uint32_t depth, uint32_t attempt,
                            const char *url, size_t len)
{
    uint64_t tag = ((uint64_t)host << 32) ^ seq ^ ((uint64_t)depth << 48) ^ attempt;
    return zc_hash64(url, len, tag);
}

static void s_be32(uint8_t *p, uint32_t v)
{
    for (int i = 3; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static void s_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static uint32_t s_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t s_get64(const uint8_t *p)
{
    return (uint64_t)s_get32(p) << 32 | s_get32(p + 4);
}

/* Sum of st_size and of allocated bytes of the regular files in dir. */
static int s_dir_bytes(const char *dir, int64_t *size, int64_t *alloc)
{
    *size = *alloc = 0;
    DIR *d = opendir(dir);
    if (!d)
        return ZC_EIO;
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[S_PATH_MAX];
        struct stat sb;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
            continue;
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
            *size += sb.st_size;
            *alloc += (int64_t)sb.st_blocks * 512;
        }
    }
    closedir(d);
    return ZC_OK;
}

/* The store's dir: created if missing; must be empty, so no data is mixed in or lost. */
static int s_prepare_dir(const char *dir)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "zc_store_bench: mkdir %s: %s\n", dir, strerror(errno));
        return ZC_EIO;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "zc_store_bench: %s: %s\n", dir, strerror(errno));
        return ZC_EIO;
    }
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    if (n) {
        fprintf(stderr, "zc_store_bench: --dir %s is not empty\n", dir);
        return ZC_EINVAL;
    }
    return ZC_OK;
}

/* -------------------------------------------------------------------- LMDB */

static int s_mdb_fail(const char *what, int rc)
{
    fprintf(stderr, "zc_store_bench: %s: %s\n", what, mdb_strerror(rc));
    return ZC_EIO;
}

static int s_lmdb_open(s_store_t *s)
{
    int rc = mdb_env_create(&s->env);
    if (rc)
        return s_mdb_fail("mdb_env_create", rc);
    if ((rc = mdb_env_set_mapsize(s->env, (size_t)s->o->map_gb << 30)) ||
        (rc = mdb_env_set_maxdbs(s->env, 1)))
        return s_mdb_fail("mdb_env_set", rc);
    unsigned flags = MDB_NOSYNC | (s->o->writemap ? MDB_WRITEMAP : 0);
    if ((rc = mdb_env_open(s->env, s->o->dir, flags, 0644)))
        return s_mdb_fail("mdb_env_open", rc);
    MDB_txn *txn;
    if ((rc = mdb_txn_begin(s->env, NULL, 0, &txn)))
        return s_mdb_fail("mdb_txn_begin", rc);
    if ((rc = mdb_dbi_open(txn, "queue", MDB_CREATE, &s->dbi))) {
        mdb_txn_abort(txn);
        return s_mdb_fail("mdb_dbi_open", rc);
    }
    if ((rc = mdb_txn_commit(txn)))
        return s_mdb_fail("mdb_txn_commit", rc);
    s->last_sync_ns = s_now_ns();
    return ZC_OK;
}

static int s_lmdb_begin(s_store_t *s)
{
    int rc = mdb_txn_begin(s->env, NULL, 0, &s->txn);
    if (rc)
        return s_mdb_fail("mdb_txn_begin", rc);
    if ((rc = mdb_cursor_open(s->txn, s->dbi, &s->cur)))
        return s_mdb_fail("mdb_cursor_open", rc);
    return ZC_OK;
}

static int s_lmdb_sync(s_store_t *s)
{
    int rc = mdb_env_sync(s->env, 1);
    if (rc)
        return s_mdb_fail("mdb_env_sync", rc);
    s->syncs++;
    s->last_sync_ns = s_now_ns();
    return ZC_OK;
}

static int s_lmdb_commit(s_store_t *s)
{
    int rc = mdb_txn_commit(s->txn); /* closes the write cursor too */
    s->txn = NULL;
    s->cur = NULL;
    if (rc)
        return s_mdb_fail("mdb_txn_commit", rc);
    if (s_now_ns() - s->last_sync_ns >= S_SYNC_NS)
        return s_lmdb_sync(s);
    return ZC_OK;
}

static int s_lmdb_put(s_store_t *s, uint32_t host, uint64_t seq, uint32_t depth, uint32_t attempt,
                      const char *url, size_t len)
{
    uint8_t kb[S_KEY_LEN], vb[S_VAL_HDR + S_URL_MAX];
    s_be32(kb, host);
    s_be64(kb + 4, seq);
    s_be32(vb, depth);
    s_be32(vb + 4, attempt);
    memcpy(vb + S_VAL_HDR, url, len);
    MDB_val k = {S_KEY_LEN, kb}, v = {S_VAL_HDR + len, vb};
    int rc = mdb_cursor_put(s->cur, &k, &v, 0);
    return rc ? s_mdb_fail("mdb_cursor_put", rc) : ZC_OK;
}

static int s_lmdb_seek(s_store_t *s, uint32_t host, uint64_t from, s_entry_t *out, int max, int *n)
{
    uint8_t kb[S_KEY_LEN];
    s_be32(kb, host);
    s_be64(kb + 4, from);
    MDB_val k = {S_KEY_LEN, kb}, v;
    *n = 0;
    int rc = mdb_cursor_get(s->cur, &k, &v, MDB_SET_RANGE);
    while (rc == 0 && *n < max) {
        const uint8_t *kp = k.mv_data, *vp = v.mv_data;
        if (k.mv_size != S_KEY_LEN || s_get32(kp) != host)
            break;
        if (v.mv_size < S_VAL_HDR || v.mv_size - S_VAL_HDR > S_URL_MAX)
            return ZC_EPROTO;
        s_entry_t *e = &out[(*n)++];
        e->host = host;
        e->seq = s_get64(kp + 4);
        e->depth = s_get32(vp);
        e->attempt = s_get32(vp + 4);
        e->url_len = v.mv_size - S_VAL_HDR;
        memcpy(e->url, vp + S_VAL_HDR, e->url_len);
        if (*n < max)
            rc = mdb_cursor_get(s->cur, &k, &v, MDB_NEXT);
    }
    if (rc && rc != MDB_NOTFOUND)
        return s_mdb_fail("mdb_cursor_get", rc);
    return ZC_OK;
}

static int s_lmdb_del(s_store_t *s, uint32_t host, uint64_t seq)
{
    uint8_t kb[S_KEY_LEN];
    s_be32(kb, host);
    s_be64(kb + 4, seq);
    MDB_val k = {S_KEY_LEN, kb};
    int rc = mdb_del(s->txn, s->dbi, &k, NULL);
    return rc ? s_mdb_fail("mdb_del", rc) : ZC_OK;
}

static int s_lmdb_count(s_store_t *s, uint64_t *n)
{
    MDB_txn *txn;
    MDB_stat ms;
    int rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn);
    if (rc)
        return s_mdb_fail("mdb_txn_begin", rc);
    rc = mdb_stat(txn, s->dbi, &ms);
    mdb_txn_abort(txn);
    if (rc)
        return s_mdb_fail("mdb_stat", rc);
    *n = ms.ms_entries;
    return ZC_OK;
}

static void s_lmdb_close(s_store_t *s)
{
    if (s->txn)
        mdb_txn_abort(s->txn);
    if (s->env) {
        mdb_env_sync(s->env, 1);
        mdb_env_close(s->env);
    }
    s->env = NULL;
}

/* ------------------------------------------------------------------ SQLite */

static int s_sql_fail(s_store_t *s, const char *what)
{
    fprintf(stderr, "zc_store_bench: %s: %s\n", what, s->db ? sqlite3_errmsg(s->db) : "?");
    return ZC_EIO;
}

static int s_sql_exec(s_store_t *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "zc_store_bench: %s: %s\n", sql, err ? err : "?");
        sqlite3_free(err);
        return ZC_EIO;
    }
    return ZC_OK;
}

/* The first column of the first row of sql as text, into buf. */
static int s_sql_text(s_store_t *s, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return s_sql_fail(s, sql);
    int rc = ZC_EIO;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(buf, size, "%s", t ? (const char *)t : "");
        rc = ZC_OK;
    }
    sqlite3_finalize(st);
    return rc ? s_sql_fail(s, sql) : ZC_OK;
}

static int s_sql_prepare(s_store_t *s, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return s_sql_fail(s, sql);
    return ZC_OK;
}

static int s_sqlite_open(s_store_t *s)
{
    char path[S_PATH_MAX], sql[512], val[64];
    if (snprintf(path, sizeof path, "%s/queue.sqlite", s->o->dir) >= (int)sizeof path)
        return ZC_EINVAL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK)
        return s_sql_fail(s, "sqlite3_open_v2");
    /* The locking mode comes before WAL, so that an exclusive connection
       keeps its wal-index in heap memory (no -shm file). */
    snprintf(sql, sizeof sql,
             "PRAGMA page_size=%" PRId64 "; PRAGMA locking_mode=%s; PRAGMA journal_mode=WAL;"
             " PRAGMA synchronous=%s; PRAGMA cache_size=-%" PRId64 "; PRAGMA mmap_size=%" PRId64
             ";",
             s->o->sqlite_page_size, s->o->sqlite_shared ? "NORMAL" : "EXCLUSIVE",
             s->o->sqlite_sync, s->o->sqlite_cache_mb * 1024, s->o->sqlite_mmap_mb << 20);
    int rc = s_sql_exec(s, sql);
    if (!rc)
        rc = s_sql_exec(s, "CREATE TABLE queue(host INTEGER NOT NULL, seq INTEGER NOT NULL,"
                           " depth INTEGER NOT NULL, attempt INTEGER NOT NULL, url BLOB NOT NULL,"
                           " PRIMARY KEY(host, seq)) WITHOUT ROWID;");
    if (rc)
        return rc;
    /* What the pragmas asked for must be what the connection runs with. */
    if ((rc = s_sql_text(s, "PRAGMA journal_mode", val, sizeof val)))
        return rc;
    if (strcmp(val, "wal") != 0) {
        fprintf(stderr, "zc_store_bench: journal_mode is %s, not wal\n", val);
        return ZC_EIO;
    }
    if ((rc = s_sql_text(s, "PRAGMA synchronous", val, sizeof val)))
        return rc;
    const char *want = strcmp(s->o->sqlite_sync, "off") == 0 ? "0" : "1";
    if (strcmp(val, want) != 0) {
        fprintf(stderr, "zc_store_bench: synchronous is %s, not %s\n", val, want);
        return ZC_EIO;
    }
    if ((rc = s_sql_prepare(s, "BEGIN IMMEDIATE", &s->st_begin)) ||
        (rc = s_sql_prepare(s, "COMMIT", &s->st_commit)) ||
        (rc = s_sql_prepare(s,
                            "INSERT INTO queue(host, seq, depth, attempt, url)"
                            " VALUES(?1, ?2, ?3, ?4, ?5)",
                            &s->st_put)) ||
        (rc = s_sql_prepare(s,
                            "SELECT seq, depth, attempt, url FROM queue"
                            " WHERE host = ?1 AND seq >= ?2 ORDER BY seq LIMIT 8",
                            &s->st_seek)) ||
        (rc = s_sql_prepare(s, "DELETE FROM queue WHERE host = ?1 AND seq = ?2", &s->st_del)))
        return rc;
    return ZC_OK;
}

static int s_sql_step_done(s_store_t *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? ZC_OK : s_sql_fail(s, what);
}

static int s_sqlite_put(s_store_t *s, uint32_t host, uint64_t seq, uint32_t depth, uint32_t attempt,
                        const char *url, size_t len)
{
    sqlite3_bind_int64(s->st_put, 1, host);
    sqlite3_bind_int64(s->st_put, 2, (sqlite3_int64)seq);
    sqlite3_bind_int64(s->st_put, 3, depth);
    sqlite3_bind_int64(s->st_put, 4, attempt);
    sqlite3_bind_blob(s->st_put, 5, url, (int)len, SQLITE_STATIC);
    return s_sql_step_done(s, s->st_put, "INSERT");
}

static int s_sqlite_seek(s_store_t *s, uint32_t host, uint64_t from, s_entry_t *out, int max,
                         int *n)
{
    sqlite3_bind_int64(s->st_seek, 1, host);
    sqlite3_bind_int64(s->st_seek, 2, (sqlite3_int64)from);
    *n = 0;
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(s->st_seek)) == SQLITE_ROW) {
        int len = sqlite3_column_bytes(s->st_seek, 3);
        const void *url = sqlite3_column_blob(s->st_seek, 3);
        if (len < 0 || len > S_URL_MAX || (len && !url)) {
            sqlite3_reset(s->st_seek);
            return ZC_EPROTO;
        }
        s_entry_t *e = &out[(*n)++];
        e->host = host;
        e->seq = (uint64_t)sqlite3_column_int64(s->st_seek, 0);
        e->depth = (uint32_t)sqlite3_column_int64(s->st_seek, 1);
        e->attempt = (uint32_t)sqlite3_column_int64(s->st_seek, 2);
        e->url_len = (size_t)len;
        memcpy(e->url, url, (size_t)len);
    }
    sqlite3_reset(s->st_seek);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return s_sql_fail(s, "SELECT");
    return ZC_OK;
}

static int s_sqlite_del(s_store_t *s, uint32_t host, uint64_t seq)
{
    sqlite3_bind_int64(s->st_del, 1, host);
    sqlite3_bind_int64(s->st_del, 2, (sqlite3_int64)seq);
    int rc = s_sql_step_done(s, s->st_del, "DELETE");
    if (!rc && sqlite3_changes(s->db) != 1) {
        fprintf(stderr, "zc_store_bench: DELETE (%u, %" PRIu64 ") found no row\n", host, seq);
        return ZC_ENOTFOUND;
    }
    return rc;
}

static int s_sqlite_count(s_store_t *s, uint64_t *n)
{
    char val[32];
    int rc = s_sql_text(s, "SELECT count(*) FROM queue", val, sizeof val);
    if (!rc)
        *n = strtoull(val, NULL, 10);
    return rc;
}

static void s_sqlite_close(s_store_t *s)
{
    sqlite3_finalize(s->st_begin);
    sqlite3_finalize(s->st_commit);
    sqlite3_finalize(s->st_put);
    sqlite3_finalize(s->st_seek);
    sqlite3_finalize(s->st_del);
    sqlite3_close(s->db);
    s->db = NULL;
}

/* -------------------------------------------------------- the store, either */

static int s_store_open(s_store_t *s)
{
    return s->kind == S_LMDB ? s_lmdb_open(s) : s_sqlite_open(s);
}

static int s_store_begin(s_store_t *s)
{
    return s->kind == S_LMDB ? s_lmdb_begin(s) : s_sql_step_done(s, s->st_begin, "BEGIN IMMEDIATE");
}

static int s_store_commit(s_store_t *s)
{
    return s->kind == S_LMDB ? s_lmdb_commit(s) : s_sql_step_done(s, s->st_commit, "COMMIT");
}

static int s_store_put(s_store_t *s, uint32_t host, uint64_t seq, uint32_t depth, uint32_t attempt,
                       const char *url, size_t len)
{
    return s->kind == S_LMDB ? s_lmdb_put(s, host, seq, depth, attempt, url, len)
                             : s_sqlite_put(s, host, seq, depth, attempt, url, len);
}

static int s_store_seek(s_store_t *s, uint32_t host, uint64_t from, s_entry_t *out, int max, int *n)
{
    return s->kind == S_LMDB ? s_lmdb_seek(s, host, from, out, max, n)
                             : s_sqlite_seek(s, host, from, out, max, n);
}

static int s_store_del(s_store_t *s, uint32_t host, uint64_t seq)
{
    return s->kind == S_LMDB ? s_lmdb_del(s, host, seq) : s_sqlite_del(s, host, seq);
}

static int s_store_count(s_store_t *s, uint64_t *n)
{
    return s->kind == S_LMDB ? s_lmdb_count(s, n) : s_sqlite_count(s, n);
}

/* Outside the timing: SQLite moves the WAL into the database file and
   truncates it; LMDB flushes to disk. */
static int s_store_checkpoint(s_store_t *s)
{
    if (s->kind == S_LMDB)
        return s_lmdb_sync(s);
    int logn = 0, done = 0;
    if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &logn, &done) !=
        SQLITE_OK)
        return s_sql_fail(s, "wal_checkpoint");
    return ZC_OK;
}

/* Pages of the queue's B-tree and pages the database file holds, after a
   checkpoint (for the disk figures: how full the tree is, how much is free). */
static int s_store_pages(s_store_t *s, int64_t *tree, int64_t *file, int64_t *psize)
{
    if (s->kind == S_LMDB) {
        MDB_txn *txn;
        MDB_stat ms;
        MDB_envinfo ei;
        int rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn);
        if (rc)
            return s_mdb_fail("mdb_txn_begin", rc);
        rc = mdb_stat(txn, s->dbi, &ms);
        mdb_txn_abort(txn);
        if (!rc)
            rc = mdb_env_info(s->env, &ei);
        if (rc)
            return s_mdb_fail("mdb_stat", rc);
        *tree = (int64_t)(ms.ms_branch_pages + ms.ms_leaf_pages + ms.ms_overflow_pages);
        *file = (int64_t)ei.me_last_pgno + 1;
        *psize = ms.ms_psize;
        return ZC_OK;
    }
    char v[32];
    int rc = s_sql_text(s, "PRAGMA page_count", v, sizeof v);
    if (rc)
        return rc;
    *file = strtoll(v, NULL, 10);
    if ((rc = s_sql_text(s, "PRAGMA freelist_count", v, sizeof v)))
        return rc;
    *tree = *file - strtoll(v, NULL, 10) - 1; /* less the schema page */
    if ((rc = s_sql_text(s, "PRAGMA page_size", v, sizeof v)))
        return rc;
    *psize = strtoll(v, NULL, 10);
    return ZC_OK;
}

static void s_store_close(s_store_t *s)
{
    if (s->kind == S_LMDB)
        s_lmdb_close(s);
    else
        s_sqlite_close(s);
}

/* ------------------------------------------------------------ the workload */

/* One operation done: commits every --batch operations; looks at the clock
   now and then. ZC_EAGAIN once --max-seconds have passed. */
static int s_tick(s_bench_t *b)
{
    b->ops++;
    if (++b->ops_in_txn >= (uint64_t)b->o->batch) {
        int rc = s_store_commit(&b->st);
        if (!rc)
            rc = s_store_begin(&b->st);
        if (rc)
            return rc;
        b->commits++;
        b->ops_in_txn = 0;
    }
    if (b->ops % S_DEADLINE_EVERY == 0 && s_now_ns() > b->deadline_ns) {
        b->timed_out = true;
        return ZC_EAGAIN;
    }
    return ZC_OK;
}

static void s_ready_push(s_bench_t *b, uint32_t h)
{
    b->ready[(b->ready_head + b->ready_len) % b->nhosts] = h;
    b->ready_len++;
    b->in_ready[h] = 1;
}

static int s_enqueue_one(s_bench_t *b)
{
    char url[S_URL_MAX];
    uint32_t h = (uint32_t)(s_rand(&b->rng) % b->nhosts);
    uint64_t seq = b->tail[h]++;
    uint32_t depth = 1 + (uint32_t)(s_rand(&b->rng) % 8);
    size_t len = s_make_url(&b->rng, b->width, h, seq, url);
    b->sum_in += s_entry_sum(h, seq, depth, 0, url, len);
    int rc = s_store_put(&b->st, h, seq, depth, 0, url, len);
    if (rc)
        return rc;
    b->queued++;
    b->data_bytes += S_KEY_LEN + S_VAL_HDR + len;
    if (!b->in_ready[h])
        s_ready_push(b, h);
    return s_tick(b);
}

static int s_ack_oldest(s_bench_t *b)
{
    s_lease_t *l = &b->ring[b->ring_head];
    int rc = s_store_del(&b->st, l->host, l->seq);
    if (rc)
        return rc;
    b->ring_head = (b->ring_head + 1) % b->ring_cap;
    b->ring_len--;
    b->queued--;
    return s_tick(b);
}

/* Hands out the next URL of the next ready host; ZC_ENOTFOUND if none is queued. */
static int s_dispatch_one(s_bench_t *b)
{
    if (!b->ready_len)
        return ZC_ENOTFOUND;
    uint32_t h = b->ready[b->ready_head];
    b->ready_head = (b->ready_head + 1) % b->nhosts;
    b->ready_len--;
    b->in_ready[h] = 0;
    int rc;
    if (!b->buffered[h]) {
        int n = 0;
        uint64_t pending = b->tail[h] - b->next[h];
        uint64_t want = pending < S_READ_AHEAD ? pending : S_READ_AHEAD;
        if ((rc = s_store_seek(&b->st, h, b->next[h], b->ent, S_READ_AHEAD, &n)))
            return rc;
        b->seeks++;
        if ((uint64_t)n != want) {
            fprintf(stderr, "zc_store_bench: host %u: read %d entries, expected %" PRIu64 "\n", h,
                    n, want);
            return ZC_EPROTO;
        }
        for (int i = 0; i < n; i++) {
            s_entry_t *e = &b->ent[i];
            if (e->seq != b->next[h] + (uint64_t)i || e->url_len < S_URL_MIN_LEN) {
                fprintf(stderr,
                        "zc_store_bench: host %u: read seq %" PRIu64 ", expected %" PRIu64 "\n", h,
                        e->seq, b->next[h] + (uint64_t)i);
                return ZC_EPROTO;
            }
            b->sum_out += s_entry_sum(h, e->seq, e->depth, e->attempt, e->url, e->url_len);
        }
        b->buffered[h] = (uint8_t)n;
        b->next[h] += (uint64_t)n;
    }
    uint64_t seq = b->next[h] - b->buffered[h];
    b->buffered[h]--;
    if (b->ring_len == b->ring_cap && (rc = s_ack_oldest(b)))
        return rc;
    b->ring[(b->ring_head + b->ring_len) % b->ring_cap] = (s_lease_t){h, seq};
    b->ring_len++;
    if (b->tail[h] > b->next[h] - b->buffered[h])
        s_ready_push(b, h);
    return s_tick(b);
}

static int s_ack_all(s_bench_t *b)
{
    int rc = ZC_OK;
    while (b->ring_len && !rc)
        rc = s_ack_oldest(b);
    return rc;
}

typedef enum { S_ENQUEUE, S_MIXED, S_DRAIN } s_phase_kind_t;

static void s_snap(s_bench_t *b, s_snap_t *sn)
{
    sn->ns = s_now_ns();
    sn->cpu_us = s_cpu_us();
    sn->write_bytes = s_proc_value("/proc/self/io", "write_bytes");
    sn->wchar = s_proc_value("/proc/self/io", "wchar");
    sn->ops = b->ops;
    sn->seeks = b->seeks;
    sn->commits = b->commits;
    sn->syncs = b->st.syncs;
}

static int s_run_phase(s_bench_t *b, s_phase_kind_t kind, s_phase_t *p)
{
    s_snap_t a, z;
    s_snap(b, &a);
    int rc = s_store_begin(&b->st);
    b->ops_in_txn = 0;
    if (kind == S_ENQUEUE) {
        for (int64_t i = 0; i < b->o->urls && !rc; i++)
            rc = s_enqueue_one(b);
    } else if (kind == S_MIXED) {
        for (int64_t i = 0; i < b->o->mixed && !rc; i++) {
            rc = s_enqueue_one(b);
            if (!rc)
                rc = s_dispatch_one(b); /* acks the oldest lease once --inflight are out */
        }
        if (!rc)
            rc = s_ack_all(b);
    } else {
        /* Bounded: every dispatch takes one of the queued URLs. */
        while (!rc && b->ready_len)
            rc = s_dispatch_one(b);
        if (!rc)
            rc = s_ack_all(b);
    }
    if (!rc || b->timed_out) { /* what was done before the time limit is kept */
        int crc = s_store_commit(&b->st);
        b->commits++;
        if (crc)
            rc = crc;
    }
    s_snap(b, &z);
    p->ops = z.ops - a.ops;
    p->seeks = z.seeks - a.seeks;
    p->commits = z.commits - a.commits;
    p->syncs = z.syncs - a.syncs;
    p->wall_s = (double)(z.ns - a.ns) / 1e9;
    p->cpu_s = (double)(z.cpu_us - a.cpu_us) / 1e6;
    p->write_bytes = a.write_bytes >= 0 && z.write_bytes >= 0 ? z.write_bytes - a.write_bytes : -1;
    p->wchar = a.wchar >= 0 && z.wchar >= 0 ? z.wchar - a.wchar : -1;
    p->rss_anon_kb = s_proc_value("/proc/self/status", "RssAnon");
    p->rss_file_kb = s_proc_value("/proc/self/status", "RssFile");
    return rc;
}

static void s_print_phase(const char *name, const s_phase_t *p, uint64_t urls)
{
    double w = p->wall_s > 0 ? p->wall_s : 1e-9;
    printf(",\"%s\":{\"ops\":%" PRIu64 ",\"urls\":%" PRIu64 ",\"wall_s\":%.4f,\"cpu_s\":%.4f,"
           "\"ops_per_s\":%.0f,\"urls_per_s\":%.0f,\"seeks\":%" PRIu64 ",\"commits\":%" PRIu64
           ",\"syncs\":%" PRIu64 ",\"write_mb\":%.1f,\"wchar_mb\":%.1f,\"rss_anon_mb\":%.1f,"
           "\"rss_file_mb\":%.1f}",
           name, p->ops, urls, p->wall_s, p->cpu_s, (double)p->ops / w, (double)urls / w, p->seeks,
           p->commits, p->syncs, (double)p->write_bytes / 1048576.0, (double)p->wchar / 1048576.0,
           (double)p->rss_anon_kb / 1024.0, (double)p->rss_file_kb / 1024.0);
}

/* ------------------------------------------------------------------ options */

static void s_usage(FILE *f)
{
    fprintf(f,
            "Usage: zc_store_bench --store lmdb|sqlite --dir DIR [options]\n"
            "  --store lmdb|sqlite   the store to measure\n"
            "  --dir DIR             where its files go (created; must be empty)\n"
            "  --urls N              URLs enqueued, then drained (default 1000000)\n"
            "  --hosts H             hosts the URLs are spread over (default 1000)\n"
            "  --batch B             operations per write transaction (default 10000)\n"
            "  --inflight W          dispatched URLs not yet acked (default 1000)\n"
            "  --mixed M             steps of the mixed phase (default: --urls)\n"
            "  --enqueue-only        run the enqueue phase only (and measure the files)\n"
            "  --seed S              PRNG seed of the workload (default 1)\n"
            "  --max-seconds S       stop (exit 1) after S seconds (default 900)\n"
            "  --map-gb G            LMDB map size in GiB (default 64; virtual only)\n"
            "  --lmdb-writemap       LMDB: MDB_WRITEMAP (writes through the map)\n"
            "  --sqlite-sync normal|off  SQLite synchronous in WAL mode (default normal)\n"
            "  --sqlite-cache-mb M   SQLite page cache (default 64)\n"
            "  --sqlite-mmap-mb M    SQLite mmap_size (default 0: read() calls)\n"
            "  --sqlite-page-size P  SQLite page size (default 4096)\n"
            "  --sqlite-shared       SQLite locking_mode=NORMAL (default EXCLUSIVE)\n"
            "Prints one JSON line. Exit 0 if every check passed, 1 if not, 2 on usage errors.\n");
}

static int s_parse_args(int argc, char **argv, s_opts_t *o)
{
    *o = (s_opts_t){.urls = 1000000,
                    .hosts = 1000,
                    .batch = 10000,
                    .inflight = 1000,
                    .mixed = -1,
                    .seed = 1,
                    .max_seconds = 900,
                    .map_gb = 64,
                    .sqlite_sync = "normal",
                    .sqlite_cache_mb = 64,
                    .sqlite_mmap_mb = 0,
                    .sqlite_page_size = 4096};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            s_usage(stdout);
            exit(0);
        }
        if (strcmp(a, "--enqueue-only") == 0) {
            o->enqueue_only = true;
            continue;
        }
        if (strcmp(a, "--lmdb-writemap") == 0) {
            o->writemap = true;
            continue;
        }
        if (strcmp(a, "--sqlite-shared") == 0) {
            o->sqlite_shared = true;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "zc_store_bench: %s needs a value\n", a);
            return -1;
        }
        const char *v = argv[++i];
        int rc = 0;
        if (strcmp(a, "--store") == 0) {
            o->store = v;
            rc = (strcmp(v, "lmdb") == 0 || strcmp(v, "sqlite") == 0) ? 0 : -1;
        } else if (strcmp(a, "--dir") == 0)
            o->dir = v;
        else if (strcmp(a, "--urls") == 0)
            rc = zc_parse_i64(v, 1, S_MAX_URLS, &o->urls);
        else if (strcmp(a, "--hosts") == 0)
            rc = zc_parse_i64(v, 1, S_MAX_HOSTS, &o->hosts);
        else if (strcmp(a, "--batch") == 0)
            rc = zc_parse_i64(v, 1, S_MAX_BATCH, &o->batch);
        else if (strcmp(a, "--inflight") == 0)
            rc = zc_parse_i64(v, 1, S_MAX_INFLIGHT, &o->inflight);
        else if (strcmp(a, "--mixed") == 0)
            rc = zc_parse_i64(v, 0, S_MAX_URLS, &o->mixed);
        else if (strcmp(a, "--seed") == 0)
            rc = zc_parse_i64(v, 0, INT64_MAX, &o->seed);
        else if (strcmp(a, "--max-seconds") == 0)
            rc = zc_parse_i64(v, 1, 86400, &o->max_seconds);
        else if (strcmp(a, "--map-gb") == 0)
            rc = zc_parse_i64(v, 1, 1024, &o->map_gb);
        else if (strcmp(a, "--sqlite-sync") == 0) {
            o->sqlite_sync = v;
            rc = (strcmp(v, "normal") == 0 || strcmp(v, "off") == 0) ? 0 : -1;
        } else if (strcmp(a, "--sqlite-cache-mb") == 0)
            rc = zc_parse_i64(v, 1, 65536, &o->sqlite_cache_mb);
        else if (strcmp(a, "--sqlite-mmap-mb") == 0)
            rc = zc_parse_i64(v, 0, 1048576, &o->sqlite_mmap_mb);
        else if (strcmp(a, "--sqlite-page-size") == 0) {
            rc = zc_parse_i64(v, 512, 65536, &o->sqlite_page_size);
            if (!rc && (o->sqlite_page_size & (o->sqlite_page_size - 1)))
                rc = -1;
        } else {
            fprintf(stderr, "zc_store_bench: unknown option %s\n", a);
            return -1;
        }
        if (rc) {
            fprintf(stderr, "zc_store_bench: bad value for %s: '%s'\n", a, v);
            return -1;
        }
    }
    if (!o->store || !o->dir) {
        fprintf(stderr, "zc_store_bench: --store and --dir are required\n");
        return -1;
    }
    if (o->mixed < 0)
        o->mixed = o->urls;
    return 0;
}

static void s_print_config(const s_bench_t *b)
{
    const s_opts_t *o = b->o;
    if (b->st.kind == S_LMDB)
        printf("\"config\":\"MDB_NOSYNC%s, mdb_env_sync once a second, map %" PRId64 " GiB\"",
               o->writemap ? "|MDB_WRITEMAP" : "", o->map_gb);
    else
        printf("\"config\":\"WAL, synchronous=%s, locking_mode=%s, page %" PRId64 ", cache %" PRId64
               " MiB, mmap %" PRId64 " MiB, WITHOUT ROWID, sqlite %s\"",
               o->sqlite_sync, o->sqlite_shared ? "NORMAL" : "EXCLUSIVE", o->sqlite_page_size,
               o->sqlite_cache_mb, o->sqlite_mmap_mb, sqlite3_libversion());
}

int main(int argc, char **argv)
{
    s_opts_t o;
    if (s_parse_args(argc, argv, &o) != 0) {
        s_usage(stderr);
        return 2;
    }
    if (s_prepare_dir(o.dir) != ZC_OK)
        return 2;

    s_bench_t b = {.o = &o, .nhosts = (uint32_t)o.hosts, .width = 4};
    for (int64_t h = o.hosts - 1; h >= 10000; h /= 10)
        b.width++;
    b.tail = zc_calloc((size_t)o.hosts, sizeof *b.tail);
    b.next = zc_calloc((size_t)o.hosts, sizeof *b.next);
    b.buffered = zc_calloc((size_t)o.hosts, 1);
    b.in_ready = zc_calloc((size_t)o.hosts, 1);
    b.ready = zc_calloc((size_t)o.hosts, sizeof *b.ready);
    b.ring_cap = (size_t)o.inflight;
    b.ring = zc_calloc(b.ring_cap, sizeof *b.ring);
    b.st.kind = strcmp(o.store, "lmdb") == 0 ? S_LMDB : S_SQLITE;
    b.st.o = &o;

    /* What generating the URLs costs alone (same generator, its own stream). */
    uint64_t g = (uint64_t)o.seed ^ 0x5eedULL, gsum = 0;
    int64_t t0 = s_now_ns();
    for (int64_t i = 0; i < o.urls; i++) {
        char url[S_URL_MAX];
        uint32_t h = (uint32_t)(s_rand(&g) % b.nhosts);
        size_t len = s_make_url(&g, b.width, h, (uint64_t)i, url);
        gsum += s_entry_sum(h, (uint64_t)i, 1, 0, url, len);
    }
    double gen_ns = (double)(s_now_ns() - t0) / (double)o.urls;

    b.rng = (uint64_t)o.seed;
    b.deadline_ns = s_now_ns() + o.max_seconds * 1000000000LL;
    int rc = s_store_open(&b.st);
    s_phase_t pe = {0}, pm = {0}, pd = {0};
    int64_t sz1 = 0, al1 = 0, sz2 = 0, al2 = 0, sz3 = 0, al3 = 0;
    int64_t tree_pages = 0, file_pages = 0, page_size = 0;
    uint64_t data_enq = 0;
    uint64_t count_enq = 0, count_end = UINT64_MAX;
    bool ran_mixed = false, ran_drain = false;
    if (!rc)
        rc = s_run_phase(&b, S_ENQUEUE, &pe);
    uint64_t nq = b.queued; /* all of --urls unless the time limit cut the phase short */
    if (!rc || b.timed_out) {
        s_dir_bytes(o.dir, &sz1, &al1);
        int crc = s_store_checkpoint(&b.st);
        s_dir_bytes(o.dir, &sz2, &al2);
        if (!crc)
            crc = s_store_pages(&b.st, &tree_pages, &file_pages, &page_size);
        data_enq = b.data_bytes;
        if (!crc)
            crc = s_store_count(&b.st, &count_enq);
        if (!rc)
            rc = crc;
    }
    if (!rc && !o.enqueue_only) {
        ran_mixed = true;
        rc = s_run_phase(&b, S_MIXED, &pm);
        if (!rc) {
            ran_drain = true;
            rc = s_run_phase(&b, S_DRAIN, &pd);
        }
        if (!rc)
            rc = s_store_count(&b.st, &count_end);
        s_dir_bytes(o.dir, &sz3, &al3);
    }
    int64_t hwm_kb = s_proc_value("/proc/self/status", "VmHWM");
    int64_t anon_kb = s_proc_value("/proc/self/status", "RssAnon");
    int64_t file_kb = s_proc_value("/proc/self/status", "RssFile");
    double cpu_total = (double)s_cpu_us() / 1e6;
    s_store_close(&b.st);

    bool ok = !rc && count_enq == (uint64_t)o.urls;
    if (!o.enqueue_only)
        ok = ok && count_end == 0 && b.queued == 0 && b.sum_in == b.sum_out;

    uint64_t n = (uint64_t)o.urls;
    printf("{\"store\":\"%s\",\"urls\":%" PRIu64 ",\"hosts\":%" PRId64 ",\"batch\":%" PRId64
           ",\"inflight\":%" PRId64 ",\"mixed_steps\":%" PRId64 ",\"seed\":%" PRId64 ",",
           o.store, n, o.hosts, o.batch, o.inflight, o.enqueue_only ? 0 : o.mixed, o.seed);
    s_print_config(&b);
    printf(",\"gen_ns_per_url\":%.1f,\"gen_sum\":\"%016" PRIx64 "\"", gen_ns, gsum);
    s_print_phase("enqueue", &pe, nq);
    /* Allocated bytes: with MDB_WRITEMAP the LMDB file is as long as the map
       but sparse, so its length says nothing. */
    double per = nq ? 1.0 / (double)nq : 0.0;
    printf(",\"disk_after_enqueue\":{\"urls\":%" PRIu64 ",\"size_bytes\":%" PRId64
           ",\"alloc_bytes\":%" PRId64
           ",\"bytes_per_url\":%.1f,\"checkpointed_alloc_bytes\":%" PRId64
           ",\"checkpointed_bytes_per_url\":%.1f}",
           nq, sz1, al1, (double)al1 * per, al2, (double)al2 * per);
    /* fill: entry bytes (12-byte key + 8-byte header + URL) over the tree's bytes. */
    printf(",\"pages_after_enqueue\":{\"page_size\":%" PRId64 ",\"tree_pages\":%" PRId64
           ",\"file_pages\":%" PRId64 ",\"data_bytes\":%" PRIu64 ",\"fill\":%.3f}",
           page_size, tree_pages, file_pages, data_enq,
           tree_pages > 0 ? (double)data_enq / (double)(tree_pages * page_size) : 0.0);
    if (ran_mixed)
        s_print_phase("mixed", &pm, (uint64_t)o.mixed);
    if (ran_drain) {
        s_print_phase("drain", &pd, n);
        /* A URL's whole life: its enqueue plus its dispatch and ack. */
        double life_wall = pe.wall_s + pd.wall_s, life_cpu = pe.cpu_s + pd.cpu_s;
        printf(",\"life_urls_per_s\":%.0f,\"life_urls_per_cpu_s\":%.0f", (double)n / life_wall,
               life_cpu > 0 ? (double)n / life_cpu : 0.0);
        printf(",\"disk_after_drain_alloc_bytes\":%" PRId64, al3);
    }
    printf(",\"vm_hwm_mb\":%.1f,\"rss_anon_mb\":%.1f,\"rss_file_mb\":%.1f,\"cpu_s\":%.3f,"
           "\"timed_out\":%s,\"ok\":%s}\n",
           (double)hwm_kb / 1024.0, (double)anon_kb / 1024.0, (double)file_kb / 1024.0, cpu_total,
           b.timed_out ? "true" : "false", ok ? "true" : "false");
    fflush(stdout);
    if (!ok)
        fprintf(stderr,
                "zc_store_bench: FAILED (%s): count after enqueue %" PRIu64 ", at end %" PRIu64
                ", checksums %s\n",
                rc ? zc_strerror(rc) : "check", count_enq, count_end,
                b.sum_in == b.sum_out ? "equal" : "differ");

    free(b.tail);
    free(b.next);
    free(b.buffered);
    free(b.in_ready);
    free(b.ready);
    free(b.ring);
    return ok ? 0 : 1;
}
