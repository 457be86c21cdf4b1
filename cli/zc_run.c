/*  zc_run — see zc_run.h. */
#include "zc_run.h"

#include "zc_broker_cfg.h"
#include "zc_config.h"
#include "zc_crawler_cfg.h"
#include "zc_log.h"
#include "zc_msg.h"
#include "zc_parser_cfg.h"
#include "zc_producer_cfg.h"
#include "zc_signal.h"
#include "zc_sink_cfg.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define ZC_RUN_TICK_MS 200              /* supervision period */
#define ZC_RUN_PROGRESS_MS 1000         /* progress line refresh */
#define ZC_RUN_RESTART_BACKOFF_MS 500   /* first restart delay, doubled up to the max */
#define ZC_RUN_RESTART_BACKOFF_MAX 5000
#define ZC_RUN_RESTART_WINDOW_MS 60000  /* too many restarts within this window ... */
#define ZC_RUN_RESTART_LIMIT 30         /* ... is a runtime failure */
#define ZC_RUN_WORKER_STOP_MS 15000     /* grace for workers to drain on SIGTERM */
#define ZC_RUN_SINK_STOP_MS 20000       /* grace for the sink to drain */
#define ZC_RUN_MAX_WORKERS 256
#define ZC_RUN_STATS_MAX (4 * 1024 * 1024)
#define ZC_RUN_ARG_MAX 8192              /* one forwarded "--flag=value" word */
#define ZC_RUN_MAX_PRODUCERS 64          /* producer shards */

typedef enum { S_SINK, S_PRODUCER, S_BROKER, S_PARSER, S_CRAWLER, S_NSTAGES } s_stage_t;

static const char *const s_stage_name[S_NSTAGES] = {"sink", "producer", "broker", "parser",
                                                    "crawler"};

/* Flags run sets itself on each stage: a user value would break the wiring. */
static const char *const s_reserved[] = {"tasks",    "feedback", "sink",    "stats", "producer",
                                         "broker",   "pull",     "push",    "records",
                                         "stats-in", "worker",   "shard",   "peer",  "control",
                                         NULL};

typedef struct {
    s_stage_t stage;
    int index;
    pid_t pid;          /* 0 when not running */
    int restarts;       /* within the current window */
    int64_t window_start;
    int64_t restart_at; /* when a dead process is due to start again; 0 = not due */
    int64_t backoff;
    int shards;         /* producer: N of its --shard K/N (K = index) */
    bool finished;      /* producer: exited 0, its part of the crawl done */
} s_proc_t;

typedef struct {
    zc_common_cfg_t common;
    char *out;
    int64_t crawlers, parsers, producers;
    char *run_dir;
} s_run_cfg_t;

/* Only --log-level and --curve of the common flags: run names the workers and
   wires the stats endpoint itself. --curve is also every stage's. */
static const zc_opt_t s_run_opts[] = {
    {"log-level", ZC_OPT_STR, offsetof(s_run_cfg_t, common.log_level), "info", 0, 0,
     "debug, info, warn or error (also passed to every stage)"},
    {"out", ZC_OPT_STR, offsetof(s_run_cfg_t, out), NULL, 0, 0,
     "output directory (pages.jsonl, stats.json; zcrawl.log on a terminal)"},
    {"crawlers", ZC_OPT_INT, offsetof(s_run_cfg_t, crawlers), "1", 1, ZC_RUN_MAX_WORKERS,
     "crawler processes"},
    {"parsers", ZC_OPT_INT, offsetof(s_run_cfg_t, parsers), "0", 0, ZC_RUN_MAX_WORKERS,
     "parser processes (0: one per two cores, at least one)"},
    {"producers", ZC_OPT_INT, offsetof(s_run_cfg_t, producers), "1", 1, ZC_RUN_MAX_PRODUCERS,
     "producer shards (each owns the hosts that hash to it, with its own store "
     "RUN_DIR/state-K)"},
    {"run-dir", ZC_OPT_STR, offsetof(s_run_cfg_t, run_dir), NULL, 0, 0,
     "directory for the local ipc endpoints (default: a new temporary directory)"},
    ZC_CURVE_OPT(s_run_cfg_t),
    {NULL, 0, 0, NULL, 0, 0, NULL}};

static const zc_cmdinfo_t s_run_info = {
    "zcrawl run", "--seed URL... [--seed-file F] --out DIR [OPTION]...",
    "Runs the whole pipeline on this machine as separate processes: sink, producer,\n"
    "broker, parsers and crawlers. Exits 0 when the crawl is complete. Any flag of\n"
    "zcrawl-producer, -crawler, -broker, -parser or -sink is accepted and passed to\n"
    "the stages that know it (see their --help). A bare URL argument is a seed."};

typedef struct {
    s_run_cfg_t cfg;
    zc_strlist_t fwd[S_NSTAGES];
    char bindir[PATH_MAX];
    char run_dir[PATH_MAX];
    bool made_run_dir;
    char ep_fetch_in[PATH_MAX + 16],
        ep_fetch_out[PATH_MAX + 16], ep_records[PATH_MAX + 16], ep_stats[PATH_MAX + 16],
        ep_control[PATH_MAX + 16];
    s_proc_t *procs;
    size_t nprocs;
    int child_stderr; /* fd the children log to, -1 = inherit */
    int chld_fd;      /* signalfd for SIGCHLD: a stage's exit wakes the loop at once */
    bool tty;
    bool progress_shown;
} s_run_t;

static const zc_opt_t *s_stage_opts(s_stage_t st)
{
    switch (st) {
    case S_SINK: return zc_sink_opts;
    case S_PRODUCER: return zc_producer_opts;
    case S_BROKER: return zc_broker_opts;
    case S_PARSER: return zc_parser_opts;
    case S_CRAWLER: return zc_crawler_opts;
    default: return NULL;
    }
}

static bool s_is_reserved(const char *name)
{
    for (int i = 0; s_reserved[i]; i++)
        if (strcmp(s_reserved[i], name) == 0)
            return true;
    return false;
}

static void s_usage(FILE *out)
{
    zc_config_usage(&s_run_info, s_run_opts, out);
    for (int st = 0; st < S_NSTAGES; st++) {
        fprintf(out, "\nForwarded to zcrawl-%s:\n", s_stage_name[st]);
        for (const zc_opt_t *o = s_stage_opts(st); o->name; o++)
            if (!s_is_reserved(o->name) && !zc_config_find(s_run_opts, o->name) &&
                strcmp(o->name, "out") != 0)
                fprintf(out, "  --%-24s %s\n", o->name, o->help);
    }
}

/* Splits argv between run's own flags and the stages'. Returns a ZC_CONFIG_*
   code; own_argv receives run's flags (argv[0] first). */
static int s_split_args(s_run_t *r, int argc, char **argv, zc_strlist_t *own)
{
    zc_strlist_push(own, "run");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            s_usage(stdout);
            return ZC_CONFIG_EXIT;
        }
        if (!strcmp(a, "--version")) {
            printf("zcrawl %s\n", ZC_VERSION);
            return ZC_CONFIG_EXIT;
        }
        if (strncmp(a, "--", 2) != 0 || !a[2]) {
            /* A bare argument is a seed URL. */
            char seed[ZC_RUN_ARG_MAX];
            snprintf(seed, sizeof seed, "--seed=%s", a);
            zc_strlist_push(&r->fwd[S_PRODUCER], seed);
            continue;
        }
        char name[128];
        const char *eq = strchr(a + 2, '=');
        size_t nlen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        if (nlen >= sizeof name) {
            fprintf(stderr, "zcrawl run: unknown option '%s' (try --help)\n", a);
            return ZC_CONFIG_USAGE;
        }
        memcpy(name, a + 2, nlen);
        name[nlen] = '\0';
        const zc_opt_t *own_opt = zc_config_find(s_run_opts, name);
        const zc_opt_t *o = own_opt;
        bool known = own_opt != NULL;
        for (int st = 0; st < S_NSTAGES && !o; st++)
            o = zc_config_find(s_stage_opts(st), name);
        if (!o) {
            fprintf(stderr, "zcrawl run: unknown option '--%s' (try --help)\n", name);
            return ZC_CONFIG_USAGE;
        }
        if (s_is_reserved(name)) {
            fprintf(stderr, "zcrawl run: --%s is set by zcrawl run itself\n", name);
            return ZC_CONFIG_USAGE;
        }
        const char *value = NULL;
        if (eq)
            value = eq + 1;
        else if (o->type == ZC_OPT_BOOL)
            value = "true";
        else if (i + 1 < argc)
            value = argv[++i];
        else {
            fprintf(stderr, "zcrawl run: option '--%s' needs a value\n", name);
            return ZC_CONFIG_USAGE;
        }
        /* Forwarded as one "--name=value" word, so a boolean's value cannot
           be mistaken for an argument. */
        char flag[ZC_RUN_ARG_MAX];
        snprintf(flag, sizeof flag, "--%s=%s", name, value);
        if (known)
            zc_strlist_push(own, flag);
        /* --out is run's own and handed to the sink explicitly. */
        if (!strcmp(name, "out"))
            continue;
        for (int st = 0; st < S_NSTAGES; st++) {
            if (zc_config_find(s_stage_opts(st), name))
                zc_strlist_push(&r->fwd[st], flag);
        }
    }
    return ZC_CONFIG_OK;
}

/* With --curve every stage needs its own key pair: checked before any starts,
   so a bad key directory is run's usage error, not a stage's. */
static int s_check_keys(const char *dir)
{
    for (int st = 0; st < S_NSTAGES; st++) {
        char err[PATH_MAX + 256];
        if (zc_curve_check(dir, s_stage_name[st], err, sizeof err) != ZC_OK) {
            fprintf(stderr, "zcrawl run: --curve %s: %s (zcrawl keygen DIR makes the keys)\n", dir,
                    err);
            return ZC_CONFIG_USAGE;
        }
    }
    return ZC_CONFIG_OK;
}

static bool s_has_seeds(const s_run_t *r)
{
    const zc_strlist_t *p = &r->fwd[S_PRODUCER];
    for (size_t i = 0; i < p->n; i++)
        if (!strncmp(p->v[i], "--seed=", 7) || !strncmp(p->v[i], "--seed-file=", 12))
            return true;
    const char *e1 = getenv("ZCRAWL_SEED"), *e2 = getenv("ZCRAWL_SEED_FILE");
    return (e1 && *e1) || (e2 && *e2);
}

static int s_find_bindir(s_run_t *r)
{
    const char *env = getenv("ZCRAWL_BIN_DIR");
    if (env && *env) {
        snprintf(r->bindir, sizeof r->bindir, "%s", env);
        return ZC_OK;
    }
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return ZC_EIO;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return ZC_EIO;
    *slash = '\0';
    snprintf(r->bindir, sizeof r->bindir, "%s", self);
    return ZC_OK;
}

/* Producer shard k's endpoint or store: RUN_DIR/NAME with one producer,
   RUN_DIR/NAME-K with shards. */
static void s_shard_path(const s_run_t *r, const char *prefix, const char *name, int k, char *buf,
                         size_t size)
{
    if (r->cfg.producers > 1)
        snprintf(buf, size, "%s%s/%s-%d", prefix, r->run_dir, name, k);
    else
        snprintf(buf, size, "%s%s/%s", prefix, r->run_dir, name);
}

static void s_push_shard(zc_strlist_t *a, const s_run_t *r, const char *flag, const char *name,
                         int k)
{
    char buf[PATH_MAX + 32];
    s_shard_path(r, "ipc://", name, k, buf, sizeof buf);
    zc_strlist_push(a, flag);
    zc_strlist_push(a, buf);
}

static void s_proc_name(const s_proc_t *p, char *buf, size_t size)
{
    if (p->stage == S_PRODUCER && p->shards > 1)
        snprintf(buf, size, "producer-%d", p->index);
    else if (p->stage == S_PARSER || p->stage == S_CRAWLER)
        snprintf(buf, size, "%s-%d", s_stage_name[p->stage], p->index + 1);
    else
        snprintf(buf, size, "%s", s_stage_name[p->stage]);
}

/* Builds the argv of a stage process: wiring first, then forwarded flags. */
static char **s_build_argv(s_run_t *r, const s_proc_t *p, char *path, size_t pathsize)
{
    snprintf(path, pathsize, "%s/zcrawl-%s", r->bindir, s_stage_name[p->stage]);
    zc_strlist_t a = {0};
    char name[64];
    s_proc_name(p, name, sizeof name);
    zc_strlist_push(&a, path);
    zc_strlist_push(&a, "--worker");
    zc_strlist_push(&a, name);
    switch (p->stage) {
    case S_SINK:
        zc_strlist_push(&a, "--records");
        zc_strlist_push(&a, r->ep_records);
        zc_strlist_push(&a, "--control");
        zc_strlist_push(&a, r->ep_control);
        zc_strlist_push(&a, "--stats-in");
        zc_strlist_push(&a, r->ep_stats);
        zc_strlist_push(&a, "--out");
        zc_strlist_push(&a, r->cfg.out);
        break;
    case S_PRODUCER: {
        s_push_shard(&a, r, "--tasks", "tasks", p->index);
        s_push_shard(&a, r, "--feedback", "feedback", p->index);
        zc_strlist_push(&a, "--sink");
        zc_strlist_push(&a, r->ep_records);
        /* A producer restarted by this run resumes its frontier; --state,
           when given (one producer only), comes later and wins. */
        char state[PATH_MAX + 32];
        s_shard_path(r, "", "state", p->index, state, sizeof state);
        zc_strlist_push(&a, "--state");
        zc_strlist_push(&a, state);
        if (r->cfg.producers > 1) {
            char shard[32];
            snprintf(shard, sizeof shard, "%d/%lld", p->index, (long long)r->cfg.producers);
            zc_strlist_push(&a, "--shard");
            zc_strlist_push(&a, shard);
            for (int k = 0; k < r->cfg.producers; k++)
                s_push_shard(&a, r, "--peer", "feedback", k);
            zc_strlist_push(&a, "--control");
            zc_strlist_push(&a, r->ep_control);
        }
        break;
    }
    case S_BROKER:
        zc_strlist_push(&a, "--pull");
        zc_strlist_push(&a, r->ep_fetch_in);
        zc_strlist_push(&a, "--push");
        zc_strlist_push(&a, r->ep_fetch_out);
        break;
    case S_PARSER:
        zc_strlist_push(&a, "--broker");
        zc_strlist_push(&a, r->ep_fetch_out);
        for (int k = 0; k < r->cfg.producers; k++)
            s_push_shard(&a, r, "--producer", "feedback", k);
        break;
    case S_CRAWLER:
        for (int k = 0; k < r->cfg.producers; k++)
            s_push_shard(&a, r, "--producer", "tasks", k);
        zc_strlist_push(&a, "--broker");
        zc_strlist_push(&a, r->ep_fetch_in);
        break;
    default:
        break;
    }
    if (p->stage != S_SINK) {
        zc_strlist_push(&a, "--stats");
        zc_strlist_push(&a, r->ep_stats);
    }
    for (size_t i = 0; i < r->fwd[p->stage].n; i++)
        zc_strlist_push(&a, r->fwd[p->stage].v[i]);
    char **argv = zc_calloc(a.n + 1, sizeof *argv);
    memcpy(argv, a.v, a.n * sizeof *argv);
    free(a.v); /* the strings now belong to argv */
    return argv;
}

static void s_free_argv(char **argv)
{
    for (char **p = argv; *p; p++)
        free(*p);
    free(argv);
}

static int s_spawn(s_run_t *r, s_proc_t *p)
{
    char path[PATH_MAX + 32];
    char **argv = s_build_argv(r, p, path, sizeof path);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        zc_error("fork failed err=\"%s\"", strerror(errno));
        s_free_argv(argv);
        return ZC_EIO;
    }
    if (pid == 0) {
        /* Own process group: a terminal's Ctrl-C reaches run only, which then
           stops the stages in order. Die with run if run is killed. */
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(1);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (r->child_stderr >= 0)
            dup2(r->child_stderr, STDERR_FILENO);
        execv(path, argv);
        fprintf(stderr, "zcrawl run: cannot execute %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    s_free_argv(argv);
    p->pid = pid;
    p->restart_at = 0;
    char name[64];
    s_proc_name(p, name, sizeof name);
    zc_debug("started stage name=%s pid=%d", name, (int)pid);
    return ZC_OK;
}

static s_proc_t *s_by_pid(s_run_t *r, pid_t pid)
{
    for (size_t i = 0; i < r->nprocs; i++)
        if (r->procs[i].pid == pid)
            return &r->procs[i];
    return NULL;
}

static s_proc_t *s_producer(s_run_t *r)
{
    for (size_t i = 0; i < r->nprocs; i++)
        if (r->procs[i].stage == S_PRODUCER)
            return &r->procs[i];
    return NULL;
}

/* Sleeps until a child exits (SIGCHLD), extra_fd is readable, or timeout_ms
   passes; drains the signalfd. */
static void s_wait_child(s_run_t *r, int extra_fd, int64_t timeout_ms)
{
    struct pollfd pfd[2] = {{r->chld_fd, POLLIN, 0}, {extra_fd, POLLIN, 0}};
    int n = poll(pfd, extra_fd >= 0 ? 2 : 1, (int)timeout_ms);
    if (n > 0 && (pfd[0].revents & POLLIN)) {
        struct signalfd_siginfo si;
        while (read(r->chld_fd, &si, sizeof si) == (ssize_t)sizeof si) {
        }
    }
}

/* Sends sig to every running process of the given stages and waits up to
   wait_ms for them to exit; whatever is left is killed. */
static void s_stop(s_run_t *r, const bool *stages, int sig, int64_t wait_ms)
{
    for (size_t i = 0; i < r->nprocs; i++)
        if (stages[r->procs[i].stage] && r->procs[i].pid > 0)
            kill(r->procs[i].pid, sig);
    int64_t deadline = zc_mono_ms() + wait_ms;
    for (;;) {
        bool left = false;
        for (size_t i = 0; i < r->nprocs; i++) {
            s_proc_t *p = &r->procs[i];
            if (!stages[p->stage] || p->pid <= 0)
                continue;
            int st;
            pid_t w = waitpid(p->pid, &st, WNOHANG);
            if (w == p->pid || (w < 0 && errno == ECHILD))
                p->pid = 0;
            else
                left = true;
        }
        if (!left)
            return;
        int64_t left_ms = deadline - zc_mono_ms();
        if (left_ms <= 0)
            break;
        s_wait_child(r, -1, left_ms);
    }
    for (size_t i = 0; i < r->nprocs; i++) {
        s_proc_t *p = &r->procs[i];
        if (stages[p->stage] && p->pid > 0) {
            char name[64];
            s_proc_name(p, name, sizeof name);
            zc_warn("stage did not stop in time, killing name=%s pid=%d", name, (int)p->pid);
            kill(p->pid, SIGKILL);
            waitpid(p->pid, NULL, 0);
            p->pid = 0;
        }
    }
}

/* Ordered shutdown: the producer first (it stops dispatching and saves its
   state), then the workers, then the sink, which drains every record. */
static void s_shutdown(s_run_t *r)
{
    bool producer[S_NSTAGES] = {[S_PRODUCER] = true};
    bool workers[S_NSTAGES] = {[S_CRAWLER] = true, [S_PARSER] = true, [S_BROKER] = true};
    bool sink[S_NSTAGES] = {[S_SINK] = true};
    s_stop(r, producer, SIGTERM, ZC_RUN_WORKER_STOP_MS);
    s_stop(r, workers, SIGTERM, ZC_RUN_WORKER_STOP_MS);
    s_stop(r, sink, SIGTERM, ZC_RUN_SINK_STOP_MS);
}

/* Reads a number that follows "key": in a JSON text; 0 when absent. */
static double s_json_num(const char *json, const char *key)
{
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(json, pat);
    if (!p)
        return 0;
    p += strlen(pat);
    while (*p == ' ')
        p++;
    return strtod(p, NULL);
}

/* Sum of every "errors_total{...}": value in the totals. */
static double s_json_errors(const char *json)
{
    double sum = 0;
    for (const char *p = strstr(json, "\"errors_total{"); p; p = strstr(p + 1, "\"errors_total{")) {
        const char *colon = strstr(p, "\":");
        if (colon)
            sum += strtod(colon + 2, NULL);
    }
    return sum;
}

static void s_progress(s_run_t *r, bool final)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/stats.json", r->cfg.out);
    char *json = NULL;
    size_t len = 0;
    if (zc_read_file(path, ZC_RUN_STATS_MAX, &json, &len) != ZC_OK)
        return;
    const char *totals = strstr(json, "\"totals\"");
    const char *t = totals ? totals : json;
    fprintf(stderr, "\rzcrawl: %.0f pages  %.1f pages/s  frontier %.0f  in flight %.0f  errors %.0f\033[K%s",
            s_json_num(json, "records_written"), s_json_num(json, "pages_per_s"),
            s_json_num(t, "frontier_size"), s_json_num(t, "inflight"), s_json_errors(t),
            final ? "\n" : "");
    r->progress_shown = true;
    free(json);
}

/* Handles one exited child. Returns 2 for a usage error, 0 otherwise;
   sets *complete when the producer finished the crawl (with shards: every
   shard exited 0, which each does once the sink announced the end). */
static int s_reap_one(s_run_t *r, pid_t pid, int status, bool *complete)
{
    s_proc_t *p = s_by_pid(r, pid);
    if (!p)
        return 0;
    p->pid = 0;
    char name[64];
    s_proc_name(p, name, sizeof name);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (p->stage == S_PRODUCER && code == 0) {
        p->finished = true;
        bool all = true;
        for (size_t i = 0; i < r->nprocs; i++)
            if (r->procs[i].stage == S_PRODUCER && !r->procs[i].finished)
                all = false;
        *complete = all;
        return 0;
    }
    if (code == 2) {
        zc_error("stage rejected its configuration name=%s status=2", name);
        return 2;
    }
    int64_t now = zc_mono_ms();
    if (now - p->window_start > ZC_RUN_RESTART_WINDOW_MS) {
        p->window_start = now;
        p->restarts = 0;
        p->backoff = 0;
    }
    p->restarts++;
    p->backoff = p->backoff ? p->backoff * 2 : ZC_RUN_RESTART_BACKOFF_MS;
    if (p->backoff > ZC_RUN_RESTART_BACKOFF_MAX)
        p->backoff = ZC_RUN_RESTART_BACKOFF_MAX;
    p->restart_at = now + p->backoff;
    if (WIFSIGNALED(status))
        zc_warn("stage died, restarting name=%s signal=%d restart_in_ms=%lld", name,
                WTERMSIG(status), (long long)p->backoff);
    else
        zc_warn("stage exited, restarting name=%s status=%d restart_in_ms=%lld", name, code,
                (long long)p->backoff);
    return 0;
}

static int s_supervise(s_run_t *r, int sigfd)
{
    int64_t last_progress = 0;
    for (;;) {
        s_wait_child(r, sigfd, ZC_RUN_TICK_MS);
        if (zc_signal_interrupted()) {
            zc_info("interrupted, stopping every stage");
            return 1;
        }
        bool complete = false;
        int st;
        pid_t pid;
        while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
            if (s_reap_one(r, pid, st, &complete) == 2)
                return 2;
        }
        if (complete)
            return 0;
        int64_t now = zc_mono_ms();
        for (size_t i = 0; i < r->nprocs; i++) {
            s_proc_t *p = &r->procs[i];
            if (p->pid == 0 && p->restart_at && now >= p->restart_at) {
                if (p->restarts > ZC_RUN_RESTART_LIMIT) {
                    char name[64];
                    s_proc_name(p, name, sizeof name);
                    zc_error("stage keeps dying, giving up name=%s restarts=%d", name, p->restarts);
                    return 1;
                }
                if (s_spawn(r, p))
                    return 1;
            }
        }
        if (r->tty && now - last_progress >= ZC_RUN_PROGRESS_MS) {
            last_progress = now;
            s_progress(r, false);
        }
    }
}

static int s_prepare(s_run_t *r)
{
    /* SIGCHLD through a signalfd: the loop wakes the moment a stage exits
       instead of noticing it on the next tick. */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    r->chld_fd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
    if (r->chld_fd < 0) {
        zc_error("signalfd failed err=\"%s\"", strerror(errno));
        return 1;
    }
    if (s_find_bindir(r)) {
        zc_error("cannot find the stage binaries (set ZCRAWL_BIN_DIR)");
        return 1;
    }
    for (int st = 0; st < S_NSTAGES; st++) {
        char path[PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/zcrawl-%s", r->bindir, s_stage_name[st]);
        if (access(path, X_OK) != 0) {
            zc_error("stage binary missing path=%s", path);
            return 1;
        }
    }
    if (mkdir(r->cfg.out, 0755) != 0 && errno != EEXIST) {
        zc_error("cannot create output directory dir=%s err=\"%s\"", r->cfg.out, strerror(errno));
        return 1;
    }
    if (r->cfg.run_dir) {
        snprintf(r->run_dir, sizeof r->run_dir, "%s", r->cfg.run_dir);
        if (mkdir(r->run_dir, 0700) != 0 && errno != EEXIST) {
            zc_error("cannot create run directory dir=%s err=\"%s\"", r->run_dir, strerror(errno));
            return 1;
        }
    } else {
        const char *tmp = getenv("TMPDIR");
        snprintf(r->run_dir, sizeof r->run_dir, "%s/zcrawl-run.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(r->run_dir)) {
            zc_error("cannot create run directory err=\"%s\"", strerror(errno));
            return 1;
        }
        r->made_run_dir = true;
    }
#define S_EP(field, name) snprintf(r->field, sizeof r->field, "ipc://%s/" name, r->run_dir)
    S_EP(ep_fetch_in, "fetch-in");
    S_EP(ep_fetch_out, "fetch-out");
    S_EP(ep_records, "records");
    S_EP(ep_stats, "stats");
    S_EP(ep_control, "control");
#undef S_EP
    r->child_stderr = -1;
    r->tty = isatty(STDERR_FILENO);
    if (r->tty) {
        /* On a terminal the stages log to a file and run shows progress. */
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/zcrawl.log", r->cfg.out);
        r->child_stderr = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (r->child_stderr < 0) {
            zc_error("cannot open log file path=%s err=\"%s\"", path, strerror(errno));
            return 1;
        }
        fprintf(stderr, "zcrawl: stage logs in %s\n", path);
    }
    return 0;
}

static void s_cleanup(s_run_t *r)
{
    if (r->made_run_dir) {
        static const char *const names[] = {"fetch-in", "fetch-out", "records", "stats",
                                            "control"};
        for (size_t i = 0; i < ZC_ARRAY_LEN(names); i++) {
            char path[PATH_MAX + 16];
            snprintf(path, sizeof path, "%s/%s", r->run_dir, names[i]);
            unlink(path);
        }
        static const char *const store[] = {"data.mdb", "lock.mdb", "seen.fp", "LOCK"};
        for (int k = 0; k < r->cfg.producers; k++) {
            char path[PATH_MAX + 64], dir[PATH_MAX + 32];
            s_shard_path(r, "", "tasks", k, path, sizeof path);
            unlink(path);
            s_shard_path(r, "", "feedback", k, path, sizeof path);
            unlink(path);
            s_shard_path(r, "", "state", k, dir, sizeof dir);
            for (size_t i = 0; i < ZC_ARRAY_LEN(store); i++) {
                snprintf(path, sizeof path, "%s/%s", dir, store[i]);
                unlink(path);
            }
            rmdir(dir);
        }
        rmdir(r->run_dir);
    }
    if (r->child_stderr >= 0)
        close(r->child_stderr);
    if (r->chld_fd >= 0)
        close(r->chld_fd);
    for (int st = 0; st < S_NSTAGES; st++)
        zc_strlist_free(&r->fwd[st]);
    free(r->procs);
    zc_config_free(s_run_opts, &r->cfg);
    free(r->cfg.common.worker); /* set by zc_config_common, not by the table */
}

int zc_run_main(int argc, char **argv)
{
    s_run_t r;
    memset(&r, 0, sizeof r);
    r.child_stderr = -1;
    r.chld_fd = -1;
    zc_strlist_t own = {0};
    int rc = s_split_args(&r, argc, argv, &own);
    if (rc == ZC_CONFIG_OK)
        rc = zc_config_parse(&s_run_info, s_run_opts, &r.cfg, (int)own.n, own.v, NULL);
    zc_strlist_free(&own);
    if (rc == ZC_CONFIG_OK)
        rc = zc_config_common("run", &r.cfg.common);
    if (rc == ZC_CONFIG_OK && r.cfg.common.curve && *r.cfg.common.curve)
        rc = s_check_keys(r.cfg.common.curve);
    if (rc == ZC_CONFIG_OK && (!r.cfg.out || !*r.cfg.out)) {
        fprintf(stderr, "zcrawl run: --out DIR is required\n");
        rc = ZC_CONFIG_USAGE;
    }
    if (rc == ZC_CONFIG_OK && r.cfg.producers > 1) {
        for (size_t i = 0; i < r.fwd[S_PRODUCER].n; i++)
            if (!strncmp(r.fwd[S_PRODUCER].v[i], "--state=", 8)) {
                fprintf(stderr, "zcrawl run: --state is for one producer; shard K of "
                                "--producers keeps its store in RUN_DIR/state-K (--run-dir)\n");
                rc = ZC_CONFIG_USAGE;
                break;
            }
    }
    if (rc == ZC_CONFIG_OK && !s_has_seeds(&r)) {
        fprintf(stderr, "zcrawl run: no seeds: give --seed URL or --seed-file FILE\n");
        rc = ZC_CONFIG_USAGE;
    }
    if (rc != ZC_CONFIG_OK) {
        s_cleanup(&r);
        return rc == ZC_CONFIG_EXIT ? 0 : 2;
    }
    if (r.cfg.parsers == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        r.cfg.parsers = cores >= 4 ? cores / 2 : 1;
    }
    /* The workers log as "run" too; their own --worker names them. */
    int sigfd = zc_signal_init();
    if (s_prepare(&r)) {
        s_cleanup(&r);
        return 1;
    }
    r.nprocs = 2 + (size_t)r.cfg.producers + (size_t)r.cfg.parsers + (size_t)r.cfg.crawlers;
    r.procs = zc_calloc(r.nprocs, sizeof *r.procs);
    size_t k = 0;
    r.procs[k++].stage = S_SINK;
    for (int i = 0; i < r.cfg.producers; i++, k++) {
        r.procs[k].stage = S_PRODUCER;
        r.procs[k].index = i;
        r.procs[k].shards = (int)r.cfg.producers;
    }
    r.procs[k++].stage = S_BROKER;
    for (int i = 0; i < r.cfg.parsers; i++, k++) {
        r.procs[k].stage = S_PARSER;
        r.procs[k].index = i;
    }
    for (int i = 0; i < r.cfg.crawlers; i++, k++) {
        r.procs[k].stage = S_CRAWLER;
        r.procs[k].index = i;
    }
    zc_info("starting pipeline producers=%lld crawlers=%lld parsers=%lld out=%s run_dir=%s",
            (long long)r.cfg.producers, (long long)r.cfg.crawlers, (long long)r.cfg.parsers,
            r.cfg.out, r.run_dir);
    int status = 0;
    int64_t now = zc_mono_ms();
    for (size_t i = 0; i < r.nprocs && !status; i++) {
        r.procs[i].window_start = now;
        if (s_spawn(&r, &r.procs[i]))
            status = 1;
    }
    if (!status)
        status = s_supervise(&r, sigfd);
    s_shutdown(&r);
    if (r.tty)
        s_progress(&r, true);
    if (status == 0)
        zc_info("crawl complete out=%s", r.cfg.out);
    (void)s_producer;
    s_cleanup(&r);
    return status;
}

int zc_run_test(bool verbose)
{
    ZC_UNUSED(verbose);
    s_run_t r;
    memset(&r, 0, sizeof r);
    zc_strlist_t own = {0};
    char *argv[] = {"run",       "--out",      "/tmp/x", "--crawlers", "3",
                    "--delay-ms", "5",          "--log-level", "debug", "http://a.example/",
                    "--concurrency=7", NULL};
    assert(s_split_args(&r, 11, argv, &own) == ZC_CONFIG_OK);
    /* run keeps --out and --crawlers; --log-level is both run's and every stage's */
    assert(own.n == 4 && !strcmp(own.v[1], "--out=/tmp/x") && !strcmp(own.v[2], "--crawlers=3"));
    const zc_strlist_t *p = &r.fwd[S_PRODUCER];
    bool delay = false, seed = false;
    for (size_t i = 0; i < p->n; i++) {
        delay |= !strcmp(p->v[i], "--delay-ms=5");
        seed |= !strcmp(p->v[i], "--seed=http://a.example/");
    }
    assert(delay && seed && s_has_seeds(&r));
    const zc_strlist_t *c = &r.fwd[S_CRAWLER];
    assert(c->n == 2 && !strcmp(c->v[1], "--concurrency=7"));
    assert(r.fwd[S_SINK].n == 1); /* only --log-level */
    assert(r.fwd[S_PRODUCER].n == 3);
    zc_strlist_free(&own);
    for (int st = 0; st < S_NSTAGES; st++)
        zc_strlist_free(&r.fwd[st]);

    /* Unknown and reserved flags are usage errors. */
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    memset(&r, 0, sizeof r);
    char *bad1[] = {"run", "--no-such-flag", NULL};
    assert(s_split_args(&r, 2, bad1, &own) == ZC_CONFIG_USAGE);
    zc_strlist_free(&own);
    char *bad2[] = {"run", "--tasks", "tcp://x:1", NULL};
    assert(s_split_args(&r, 3, bad2, &own) == ZC_CONFIG_USAGE);
    zc_strlist_free(&own);
    fclose(stderr);
    stderr = saved;
    for (int st = 0; st < S_NSTAGES; st++)
        zc_strlist_free(&r.fwd[st]);

    assert(s_json_num("{\"a\": 3, \"records_written\": 12}", "records_written") == 12);
    assert(s_json_errors("{\"errors_total{kind=\\\"dns\\\"}\": 2, \"errors_total{kind=\\\"x\\\"}\": 3}") == 5);
    return 0;
}
