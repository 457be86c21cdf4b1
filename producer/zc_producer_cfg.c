/*  zc_producer_cfg — see zc_producer_cfg.h. */
#include "zc_producer_cfg.h"

#include "zc_scope.h"
#include "zc_shard.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_PATH_MAX 4096

typedef zc_producer_cfg_t s_cfg_t;

const zc_opt_t zc_producer_opts[] = {
    ZC_COMMON_OPTS(s_cfg_t),
    {"tasks", ZC_OPT_STR, offsetof(s_cfg_t, tasks), "tcp://*:5551", 0, 0,
     "endpoint to bind for tasks to crawlers (PUSH)"},
    {"feedback", ZC_OPT_STR, offsetof(s_cfg_t, feedback), "tcp://*:5554", 0, 0,
     "endpoint to bind for feedback from parsers (PULL)"},
    {"sink", ZC_OPT_STR, offsetof(s_cfg_t, sink), "tcp://localhost:5555", 0, 0,
     "sink records endpoint to connect to (PUSH)"},
    {"seed", ZC_OPT_LIST, offsetof(s_cfg_t, seeds), NULL, 0, 0, "seed URL"},
    {"seed-file", ZC_OPT_STR, offsetof(s_cfg_t, seed_file), NULL, 0, 0,
     "file of seed URLs, one per line (# comments)"},
    {"state", ZC_OPT_STR, offsetof(s_cfg_t, state), NULL, 0, 0,
     "directory for the frontier state (created if missing)"},
    {"scope", ZC_OPT_STR, offsetof(s_cfg_t, scope), "host", 0, 0,
     "host (the seeds' hosts), domain (the seeds' registrable domains, by the Public Suffix "
     "List) or any"},
    {"include", ZC_OPT_LIST, offsetof(s_cfg_t, include), NULL, 0, 0,
     "only URLs matching one of these POSIX extended regexes (repeatable)"},
    {"exclude", ZC_OPT_LIST, offsetof(s_cfg_t, exclude), NULL, 0, 0,
     "no URL matching this POSIX extended regex (repeatable)"},
    {"max-urls-per-host", ZC_OPT_INT, offsetof(s_cfg_t, max_urls_per_host), "0", 0,
     ZC_PRODUCER_PAGES_MAX, "admit at most N URLs per host (0 = unlimited)"},
    {"user-agent", ZC_OPT_STR, offsetof(s_cfg_t, user_agent), "zcrawl/" ZC_VERSION, 0, 0,
     "the crawlers' User-Agent: its product token picks the robots.txt group"},
    {"max-depth", ZC_OPT_INT, offsetof(s_cfg_t, max_depth), "-1", -1, ZC_PRODUCER_DEPTH_MAX,
     "links of pages at this depth are not followed; seeds are depth 0 (-1 = unlimited)"},
    {"max-pages", ZC_OPT_INT, offsetof(s_cfg_t, max_pages), "0", 0, ZC_PRODUCER_PAGES_MAX,
     "admit at most N URLs, so at most N records (0 = unlimited)"},
    {"delay-ms", ZC_OPT_INT, offsetof(s_cfg_t, delay_ms), "1000", 0, ZC_PRODUCER_DELAY_MAX_MS,
     "least time between two request starts on one host"},
    {"host-concurrency", ZC_OPT_INT, offsetof(s_cfg_t, host_concurrency), "1", 1,
     ZC_PRODUCER_CONCURRENCY_MAX, "requests in flight per host at most"},
    {"lease-ms", ZC_OPT_INT, offsetof(s_cfg_t, lease_ms), "60000", 1, ZC_PRODUCER_LEASE_MAX_MS,
     "a task not acknowledged within this is dispatched again"},
    {"max-attempts", ZC_OPT_INT, offsetof(s_cfg_t, max_attempts), "3", 1,
     ZC_PRODUCER_ATTEMPTS_MAX, "dispatches of one URL before it is recorded as failed"},
    {"max-inflight", ZC_OPT_INT, offsetof(s_cfg_t, max_inflight), "10000", 1,
     ZC_PRODUCER_INFLIGHT_MAX, "leased tasks at once at most"},
    {"keep-running", ZC_OPT_BOOL, offsetof(s_cfg_t, keep_running), NULL, 0, 0,
     "stay up when the crawl is complete, waiting for new seeds"},
    {"shard", ZC_OPT_STR, offsetof(s_cfg_t, shard), "0/1", 0, 0,
     "K/N: this producer is shard K of N and owns the hosts that hash to K"},
    {"peer", ZC_OPT_LIST, offsetof(s_cfg_t, peers), NULL, 0, 0,
     "with N > 1: the feedback endpoint of every shard, in shard order (repeat N times; "
     "this shard's own entry is not used)"},
    {"control", ZC_OPT_STR, offsetof(s_cfg_t, control), "tcp://localhost:5557", 0, 0,
     "with N > 1: the sink's control endpoint, which announces the end of the crawl (SUB)"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};

const zc_cmdinfo_t zc_producer_info = {
    "zcrawl-producer", "[OPTION]...",
    "The frontier: admits URLs (seen-set, scope, depth, page budget), queues them per host, "
    "dispatches tasks to crawlers politely under leases, and releases each page's record to "
    "the sink when the parser's feedback acknowledges its task."};

void zc_producer_seeds_parse(const char *text, size_t len, zc_strlist_t *out)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *a = p, *b = e;
        while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
            b--;
        if (a < b && *a != '#') {
            char *line = zc_strndup(a, (size_t)(b - a));
            zc_strlist_push(out, line);
            free(line);
        }
        p = nl ? nl + 1 : end;
    }
}

/* mkdir -p: 0 when path is (now) a directory. */
static int s_mkdirs(const char *path)
{
    char buf[S_PATH_MAX];
    int n = snprintf(buf, sizeof buf, "%s", path);
    if (n <= 0 || (size_t)n >= sizeof buf)
        return ZC_EINVAL;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return ZC_EIO;
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return ZC_EIO;
    struct stat st;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? ZC_OK : ZC_EIO;
}

int zc_producer_cfg_check(zc_producer_cfg_t *cfg)
{
    const char *name = zc_producer_info.name;
    if (zc_shard_parse(cfg->shard, &cfg->shard_k, &cfg->shard_n) != ZC_OK) {
        fprintf(stderr, "%s: invalid value '%s' for --shard: expected K/N with 0 <= K < N <= %d\n",
                name, cfg->shard ? cfg->shard : "", ZC_SHARD_MAX);
        return ZC_CONFIG_USAGE;
    }
    if (cfg->shard_n > 1 && cfg->peers.n != cfg->shard_n) {
        fprintf(stderr,
                "%s: --shard %s needs --peer once per shard (%u, in shard order), got %zu\n",
                name, cfg->shard, cfg->shard_n, cfg->peers.n);
        return ZC_CONFIG_USAGE;
    }
    if (cfg->shard_n == 1 && cfg->peers.n > 1) {
        fprintf(stderr, "%s: --peer is for sharded producers (--shard K/N with N > 1)\n", name);
        return ZC_CONFIG_USAGE;
    }
    for (size_t i = 0; i < cfg->peers.n; i++)
        if (!cfg->peers.v[i] || !*cfg->peers.v[i]) {
            fprintf(stderr, "%s: --peer must not be empty\n", name);
            return ZC_CONFIG_USAGE;
        }
    if (cfg->shard_n > 1 && (!cfg->control || !*cfg->control)) {
        fprintf(stderr, "%s: --control must not be empty\n", name);
        return ZC_CONFIG_USAGE;
    }
    zc_scope_mode_t mode;
    if (!cfg->scope || zc_scope_mode_parse(cfg->scope, &mode) != ZC_OK) {
        fprintf(stderr, "%s: invalid value '%s' for --scope: expected host, domain or any\n",
                name, cfg->scope ? cfg->scope : "");
        return ZC_CONFIG_USAGE;
    }
    /* The regexes compile (zc_scope says which one does not and why). */
    char *err = NULL;
    zc_scope_t *scope = zc_scope_new(mode, (const char *const *)cfg->include.v, cfg->include.n,
                                     (const char *const *)cfg->exclude.v, cfg->exclude.n, &err);
    if (!scope) {
        fprintf(stderr, "%s: %s\n", name, err ? err : "invalid scope");
        free(err);
        return ZC_CONFIG_USAGE;
    }
    zc_scope_destroy(&scope);
    if (!cfg->user_agent || !*cfg->user_agent) {
        fprintf(stderr, "%s: --user-agent must not be empty\n", name);
        return ZC_CONFIG_USAGE;
    }
    if (cfg->seed_file && *cfg->seed_file) {
        char *text = NULL;
        size_t len = 0;
        int rc = zc_read_file(cfg->seed_file, ZC_PRODUCER_SEED_FILE_MAX, &text, &len);
        if (rc) {
            fprintf(stderr, "%s: cannot read --seed-file '%s': %s\n", name, cfg->seed_file,
                    rc == ZC_ETOOBIG ? "file too large" : strerror(errno));
            return ZC_CONFIG_USAGE;
        }
        zc_producer_seeds_parse(text, len, &cfg->seeds);
        free(text);
    }
    if (cfg->state && *cfg->state && s_mkdirs(cfg->state)) {
        fprintf(stderr, "%s: cannot create --state directory '%s': %s\n", name, cfg->state,
                strerror(errno));
        return ZC_CONFIG_USAGE;
    }
    return ZC_CONFIG_OK;
}

int zc_producer_cfg_test(bool verbose)
{
    ZC_UNUSED(verbose);
    char dir[] = "/tmp/zc-producer-cfg-XXXXXX";
    assert(mkdtemp(dir));
    char seedfile[S_PATH_MAX], state[S_PATH_MAX];
    snprintf(seedfile, sizeof seedfile, "%s/seeds.txt", dir);
    snprintf(state, sizeof state, "%s/state/a/b", dir);
    FILE *fp = fopen(seedfile, "w");
    assert(fp);
    fputs("# a comment\n\n  http://b.test/  \r\nhttp://c.test/x\n   # indented comment\nhttp://d.test/",
          fp);
    fclose(fp);

    zc_producer_cfg_t cfg;
    memset(&cfg, 0, sizeof cfg);
    char *argv[] = {"p", "--seed", "http://a.test/", "--seed-file", seedfile, "--state", state,
                    "--max-depth", "2", "--keep-running", "--scope", "any", "--exclude", "x$",
                    "--exclude", "y", "--max-urls-per-host", "7", NULL};
    assert(zc_config_parse(&zc_producer_info, zc_producer_opts, &cfg, 18, argv, NULL) ==
           ZC_CONFIG_OK);
    assert(zc_producer_cfg_check(&cfg) == ZC_CONFIG_OK);
    assert(cfg.seeds.n == 4);
    assert(strcmp(cfg.seeds.v[0], "http://a.test/") == 0);
    assert(strcmp(cfg.seeds.v[1], "http://b.test/") == 0);
    assert(strcmp(cfg.seeds.v[3], "http://d.test/") == 0);
    assert(cfg.max_depth == 2 && cfg.keep_running && cfg.delay_ms == 1000);
    assert(cfg.lease_ms == 60000 && cfg.max_attempts == 3 && cfg.max_inflight == 10000);
    assert(cfg.host_concurrency == 1 && cfg.max_pages == 0);
    assert(cfg.exclude.n == 2 && cfg.include.n == 0 && cfg.max_urls_per_host == 7);
    assert(strncmp(cfg.user_agent, "zcrawl/", 7) == 0);
    assert(strcmp(cfg.tasks, "tcp://*:5551") == 0 && strcmp(cfg.sink, "tcp://localhost:5555") == 0);
    assert(cfg.shard_k == 0 && cfg.shard_n == 1);
    struct stat st;
    assert(stat(state, &st) == 0 && S_ISDIR(st.st_mode));
    zc_config_free(zc_producer_opts, &cfg);

    /* A shard: K/N and one --peer per shard. */
    memset(&cfg, 0, sizeof cfg);
    char *sharg[] = {"p", "--shard", "1/3", "--peer", "a:1", "--peer", "b:1", "--peer", "c:1", NULL};
    assert(zc_config_parse(&zc_producer_info, zc_producer_opts, &cfg, 9, sharg, NULL) ==
           ZC_CONFIG_OK);
    assert(zc_producer_cfg_check(&cfg) == ZC_CONFIG_OK);
    assert(cfg.shard_k == 1 && cfg.shard_n == 3 && cfg.peers.n == 3);
    assert(strcmp(cfg.control, "tcp://localhost:5557") == 0);
    zc_config_free(zc_producer_opts, &cfg);

    /* Unknown scopes, bad regexes, missing seed file, bad shards: usage errors. */
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    const char *bad[][2] = {{"--include", "a("}, {"--scope", "planet"}, {"--exclude", "[z"},
                            {"--seed-file", "/nonexistent/zc-seeds"}, {"--shard", "3/3"},
                            {"--shard", "x"}, {"--shard", "0/2"}, {"--peer", ""}};
    for (size_t i = 0; i < ZC_ARRAY_LEN(bad); i++) {
        memset(&cfg, 0, sizeof cfg);
        char *av[] = {"p", (char *)bad[i][0], (char *)bad[i][1], NULL};
        assert(zc_config_parse(&zc_producer_info, zc_producer_opts, &cfg, 3, av, NULL) ==
               ZC_CONFIG_OK);
        assert(zc_producer_cfg_check(&cfg) == ZC_CONFIG_USAGE);
        zc_config_free(zc_producer_opts, &cfg);
    }
    fclose(stderr);
    stderr = saved;

    unlink(seedfile);
    rmdir(state);
    snprintf(state, sizeof state, "%s/state/a", dir);
    rmdir(state);
    snprintf(state, sizeof state, "%s/state", dir);
    rmdir(state);
    rmdir(dir);
    return 0;
}
