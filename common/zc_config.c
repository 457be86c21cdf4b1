/*  zc_config — see zc_config.h. */
#include "zc_config.h"

#include "zc_log.h"
#include "zc_msg.h"
#include "zc_util.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ZC_ENV_PREFIX "ZCRAWL_"
#define ZC_ENV_NAME_MAX 128

void zc_strlist_push(zc_strlist_t *l, const char *s)
{
    l->v = zc_realloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = zc_strdup(s);
}

void zc_strlist_free(zc_strlist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

const zc_opt_t *zc_config_find(const zc_opt_t *opts, const char *name)
{
    for (const zc_opt_t *o = opts; o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

static int s_parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcasecmp(v, "on")) {
        *out = true;
        return ZC_OK;
    }
    if (!strcmp(v, "0") || !strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcasecmp(v, "off") ||
        !*v) {
        *out = false;
        return ZC_OK;
    }
    return ZC_EINVAL;
}

/* Stores value into the field of o; from_env splits lists. */
static int s_set(const zc_cmdinfo_t *info, const zc_opt_t *o, void *cfg, const char *value,
                 const char *source)
{
    char *field = (char *)cfg + o->offset;
    switch (o->type) {
    case ZC_OPT_STR: {
        char **p = (char **)field;
        free(*p);
        *p = zc_strdup(value);
        return ZC_OK;
    }
    case ZC_OPT_INT: {
        int64_t v;
        if (zc_parse_i64(value, o->min, o->max, &v)) {
            fprintf(stderr, "%s: invalid value '%s' for --%s%s: expected an integer from %lld to %lld\n",
                    info->name, value, o->name, source, (long long)o->min, (long long)o->max);
            return ZC_EINVAL;
        }
        *(int64_t *)field = v;
        return ZC_OK;
    }
    case ZC_OPT_BOOL:
        if (s_parse_bool(value, (bool *)field)) {
            fprintf(stderr, "%s: invalid value '%s' for --%s%s: expected true or false\n", info->name,
                    value, o->name, source);
            return ZC_EINVAL;
        }
        return ZC_OK;
    case ZC_OPT_LIST:
        zc_strlist_push((zc_strlist_t *)field, value);
        return ZC_OK;
    }
    return ZC_EINVAL;
}

static int s_set_env_list(const zc_opt_t *o, void *cfg, const char *value)
{
    zc_strlist_t *l = (zc_strlist_t *)((char *)cfg + o->offset);
    const char *seps = strchr(value, '\n') ? "\n" : " \t";
    char *copy = zc_strdup(value), *save = NULL;
    for (char *tok = strtok_r(copy, seps, &save); tok; tok = strtok_r(NULL, seps, &save))
        if (*tok)
            zc_strlist_push(l, tok);
    free(copy);
    return ZC_OK;
}

static void s_env_name(const char *flag, char *buf, size_t size)
{
    size_t n = snprintf(buf, size, "%s", ZC_ENV_PREFIX);
    for (const char *p = flag; *p && n + 1 < size; p++)
        buf[n++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    buf[n] = '\0';
}

void zc_config_usage(const zc_cmdinfo_t *info, const zc_opt_t *opts, FILE *out)
{
    fprintf(out, "Usage: %s %s\n\n%s\n\nOptions (each also as env ZCRAWL_<NAME>):\n", info->name,
            info->usage, info->summary);
    for (const zc_opt_t *o = opts; o->name; o++) {
        char left[64];
        const char *arg = o->type == ZC_OPT_BOOL ? "" : o->type == ZC_OPT_INT ? " N" : " VALUE";
        snprintf(left, sizeof left, "--%s%s", o->name, arg);
        fprintf(out, "  %-26s %s", left, o->help);
        if (o->type == ZC_OPT_LIST)
            fprintf(out, " (repeatable)");
        if (o->def)
            fprintf(out, " [default: %s]", o->def);
        fputc('\n', out);
    }
    fprintf(out, "  %-26s %s\n  %-26s %s\n", "--help", "print this help and exit", "--version",
            "print the version and exit");
}

int zc_config_parse(const zc_cmdinfo_t *info, const zc_opt_t *opts, void *cfg, int argc,
                    char **argv, zc_strlist_t *positional)
{
    /* Defaults first, then the environment. */
    for (const zc_opt_t *o = opts; o->name; o++) {
        if (o->def && s_set(info, o, cfg, o->def, " (default)"))
            return ZC_CONFIG_USAGE;
        char env[ZC_ENV_NAME_MAX];
        s_env_name(o->name, env, sizeof env);
        const char *v = getenv(env);
        if (!v)
            continue;
        if (o->type == ZC_OPT_LIST) {
            s_set_env_list(o, cfg, v);
        } else {
            char src[ZC_ENV_NAME_MAX + 16];
            snprintf(src, sizeof src, " (from %s)", env);
            if (s_set(info, o, cfg, v, src))
                return ZC_CONFIG_USAGE;
        }
    }
    bool flags_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (flags_done || a[0] != '-' || !strcmp(a, "-")) {
            if (!positional) {
                fprintf(stderr, "%s: unexpected argument '%s' (try --help)\n", info->name, a);
                return ZC_CONFIG_USAGE;
            }
            zc_strlist_push(positional, a);
            continue;
        }
        if (!strcmp(a, "--")) {
            flags_done = true;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            zc_config_usage(info, opts, stdout);
            return ZC_CONFIG_EXIT;
        }
        if (!strcmp(a, "--version")) {
            printf("%s %s\n", info->name, ZC_VERSION);
            return ZC_CONFIG_EXIT;
        }
        if (strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "%s: unknown option '%s' (try --help)\n", info->name, a);
            return ZC_CONFIG_USAGE;
        }
        char name[ZC_ENV_NAME_MAX];
        const char *eq = strchr(a + 2, '=');
        size_t nlen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        if (nlen >= sizeof name) {
            fprintf(stderr, "%s: unknown option '%s' (try --help)\n", info->name, a);
            return ZC_CONFIG_USAGE;
        }
        memcpy(name, a + 2, nlen);
        name[nlen] = '\0';
        const zc_opt_t *o = zc_config_find(opts, name);
        if (!o) {
            fprintf(stderr, "%s: unknown option '--%s' (try --help)\n", info->name, name);
            return ZC_CONFIG_USAGE;
        }
        const char *value;
        if (eq) {
            value = eq + 1;
        } else if (o->type == ZC_OPT_BOOL) {
            value = "true";
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            fprintf(stderr, "%s: option '--%s' needs a value\n", info->name, name);
            return ZC_CONFIG_USAGE;
        }
        if (s_set(info, o, cfg, value, ""))
            return ZC_CONFIG_USAGE;
    }
    return ZC_CONFIG_OK;
}

void zc_config_free(const zc_opt_t *opts, void *cfg)
{
    for (const zc_opt_t *o = opts; o->name; o++) {
        char *field = (char *)cfg + o->offset;
        if (o->type == ZC_OPT_STR) {
            free(*(char **)field);
            *(char **)field = NULL;
        } else if (o->type == ZC_OPT_LIST) {
            zc_strlist_free((zc_strlist_t *)field);
        }
    }
}

int zc_config_common(const char *stage, zc_common_cfg_t *common)
{
    int level = zc_log_level_parse(common->log_level ? common->log_level : "info");
    if (level < 0) {
        fprintf(stderr, "zcrawl-%s: invalid --log-level '%s': use debug, info, warn or error\n", stage,
                common->log_level);
        return ZC_CONFIG_USAGE;
    }
    if (!common->worker || !*common->worker) {
        char host[64] = "host", name[96];
        gethostname(host, sizeof host - 1);
        host[sizeof host - 1] = '\0';
        snprintf(name, sizeof name, "%s-%d", host, (int)getpid());
        free(common->worker);
        common->worker = zc_strdup(name);
    }
    zc_log_init(stage, common->worker, (zc_log_level_t)level);
    if (common->curve && *common->curve) {
        char err[PATH_MAX + 256];
        if (zc_curve_load(common->curve, zc_curve_identity(stage), err, sizeof err) != ZC_OK) {
            fprintf(stderr, "zcrawl-%s: --curve %s: %s (zcrawl keygen DIR makes the keys)\n", stage,
                    common->curve, err);
            return ZC_CONFIG_USAGE;
        }
    }
    return ZC_CONFIG_OK;
}

/* --- self-test ------------------------------------------------------------ */

typedef struct {
    zc_common_cfg_t common;
    char *name;
    int64_t count;
    bool flag;
    zc_strlist_t seeds;
} s_test_cfg_t;

static const zc_opt_t s_test_opts[] = {
    ZC_COMMON_OPTS(s_test_cfg_t),
    {"name", ZC_OPT_STR, offsetof(s_test_cfg_t, name), "x", 0, 0, "a name"},
    {"count", ZC_OPT_INT, offsetof(s_test_cfg_t, count), "5", 1, 10, "a count"},
    {"flag", ZC_OPT_BOOL, offsetof(s_test_cfg_t, flag), NULL, 0, 0, "a flag"},
    {"seed", ZC_OPT_LIST, offsetof(s_test_cfg_t, seeds), NULL, 0, 0, "seeds"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};

int zc_config_test(bool verbose)
{
    ZC_UNUSED(verbose);
    zc_cmdinfo_t info = {"zc-test", "[OPTION]...", "test"};
    s_test_cfg_t c = {0};
    setenv("ZCRAWL_COUNT", "7", 1);
    setenv("ZCRAWL_SEED", "http://a/ http://b/", 1);
    char *argv1[] = {"t", "--name", "y", "--flag", "--seed=http://c/", "pos", NULL};
    zc_strlist_t pos = {0};
    assert(zc_config_parse(&info, s_test_opts, &c, 6, argv1, &pos) == ZC_CONFIG_OK);
    assert(strcmp(c.name, "y") == 0 && c.count == 7 && c.flag);
    assert(c.seeds.n == 3 && strcmp(c.seeds.v[2], "http://c/") == 0);
    assert(pos.n == 1 && strcmp(pos.v[0], "pos") == 0);
    zc_config_free(s_test_opts, &c);
    zc_strlist_free(&pos);
    unsetenv("ZCRAWL_SEED");

    /* Out of range, unknown flag, missing value, bad env: usage errors. */
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    char *argv2[] = {"t", "--count", "11", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&info, s_test_opts, &c, 3, argv2, NULL) == ZC_CONFIG_USAGE);
    zc_config_free(s_test_opts, &c);
    char *argv3[] = {"t", "--bogus", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&info, s_test_opts, &c, 2, argv3, NULL) == ZC_CONFIG_USAGE);
    zc_config_free(s_test_opts, &c);
    char *argv4[] = {"t", "--name", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&info, s_test_opts, &c, 2, argv4, NULL) == ZC_CONFIG_USAGE);
    zc_config_free(s_test_opts, &c);
    setenv("ZCRAWL_COUNT", "lots", 1);
    char *argv5[] = {"t", NULL};
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&info, s_test_opts, &c, 1, argv5, NULL) == ZC_CONFIG_USAGE);
    zc_config_free(s_test_opts, &c);
    /* --curve naming no key directory is a usage error; without it, plain. */
    memset(&c, 0, sizeof c);
    char *argv6[] = {"t", "--curve", "/nonexistent/zc-keys", "--log-level", "error", NULL};
    unsetenv("ZCRAWL_COUNT");
    assert(zc_config_parse(&info, s_test_opts, &c, 5, argv6, NULL) == ZC_CONFIG_OK);
    assert(!strcmp(c.common.curve, "/nonexistent/zc-keys"));
    assert(zc_config_common("test", &c.common) == ZC_CONFIG_USAGE && !zc_curve_on());
    zc_config_free(s_test_opts, &c);
    fclose(stderr);
    stderr = saved;
    memset(&c, 0, sizeof c);
    assert(zc_config_parse(&info, s_test_opts, &c, 1, argv5, NULL) == ZC_CONFIG_OK);
    assert(zc_config_common("test", &c.common) == ZC_CONFIG_OK && !zc_curve_on());
    zc_config_free(s_test_opts, &c);
    zc_log_init("test", "1", ZC_LOG_INFO);
    return 0;
}
