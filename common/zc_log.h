/*  zc_log — one log format for every stage, on stderr.

    A line is `TIME LEVEL stage[worker] message key=value…`, TIME being RFC 3339
    UTC with milliseconds. The level is checked before anything is formatted, so
    a disabled debug line costs one comparison. The stage and worker names are
    set once by main (zc_log_init); they are the only logging state.
*/
#ifndef ZC_LOG_H
#define ZC_LOG_H

#include <stdbool.h>

typedef enum { ZC_LOG_DEBUG = 0, ZC_LOG_INFO, ZC_LOG_WARN, ZC_LOG_ERROR } zc_log_level_t;

/* Sets the stage and worker names shown on every line and the lowest level
   printed. Strings are copied. */
void zc_log_init(const char *stage, const char *worker, zc_log_level_t level);

/* Parses "debug", "info", "warn" or "error"; -1 if none of them. */
int zc_log_level_parse(const char *name);

/* True when lines at this level are printed. */
bool zc_log_enabled(zc_log_level_t level);

/* Prints one line; fmt is the message followed by key=value pairs. */
void zc_log_write(zc_log_level_t level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define ZC_LOG(lvl, ...)                                                                   \
    do {                                                                                   \
        if (zc_log_enabled(lvl))                                                           \
            zc_log_write(lvl, __VA_ARGS__);                                                \
    } while (0)
#define zc_debug(...) ZC_LOG(ZC_LOG_DEBUG, __VA_ARGS__)
#define zc_info(...) ZC_LOG(ZC_LOG_INFO, __VA_ARGS__)
#define zc_warn(...) ZC_LOG(ZC_LOG_WARN, __VA_ARGS__)
#define zc_error(...) ZC_LOG(ZC_LOG_ERROR, __VA_ARGS__)

int zc_log_test(bool verbose);

#endif
