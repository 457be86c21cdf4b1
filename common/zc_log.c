/*  zc_log — see zc_log.h. */
#include "zc_log.h"

#include "zc_util.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char s_stage[32] = "zcrawl";
static char s_worker[64] = "0";
static zc_log_level_t s_level = ZC_LOG_INFO;

static const char *const s_names[] = {"DEBUG", "INFO", "WARN", "ERROR"};

void zc_log_init(const char *stage, const char *worker, zc_log_level_t level)
{
    snprintf(s_stage, sizeof s_stage, "%s", stage ? stage : "zcrawl");
    snprintf(s_worker, sizeof s_worker, "%s", worker ? worker : "0");
    s_level = level;
}

int zc_log_level_parse(const char *name)
{
    static const char *const lower[] = {"debug", "info", "warn", "error"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, lower[i]) == 0)
            return i;
    return -1;
}

bool zc_log_enabled(zc_log_level_t level)
{
    return level >= s_level;
}

void zc_log_write(zc_log_level_t level, const char *fmt, ...)
{
    char line[2048], ts[32];
    int n = snprintf(line, sizeof line, "%s %s %s[%s] ", zc_rfc3339_ms(zc_wall_ms(), ts, sizeof ts),
                     s_names[level], s_stage, s_worker);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof line)
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    /* One write per line keeps lines from several processes whole. */
    size_t len = strnlen(line, sizeof line - 2);
    line[len++] = '\n';
    fwrite(line, 1, len, stderr);
}

int zc_log_test(bool verbose)
{
    assert(zc_log_level_parse("warn") == ZC_LOG_WARN);
    assert(zc_log_level_parse("loud") == -1);
    zc_log_init("test", "1", verbose ? ZC_LOG_DEBUG : ZC_LOG_ERROR);
    assert(zc_log_enabled(ZC_LOG_ERROR));
    assert(!zc_log_enabled(ZC_LOG_WARN) || verbose);
    zc_debug("debug line shown only when verbose n=%d", 1);
    zc_log_init("test", "1", ZC_LOG_INFO);
    return 0;
}
