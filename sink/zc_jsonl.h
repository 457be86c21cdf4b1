/*  zc_jsonl — pages.jsonl: one JSON line per URL, written effectively once.

    Each line is the JSON of a Record as common/zc_record.h writes it.

    A zc_jsonl_t owns OUT/pages.jsonl. It keeps a zc_fpset of the fingerprints
    of the URLs it holds, so a URL is written once whatever the pipeline
    re-delivers; the fingerprint is zc_fp_url() of the URL as it appears
    between the quotes of the "url" field (the same bytes as the URL for any
    URL without quotes, backslashes, control bytes or invalid UTF-8, and
    exactly what a restart can read back). On open, an existing file is read
    line by line to rebuild the set, and a last line without its newline (a
    crash mid-write) is cut off before appending. Writes go through a large
    stdio buffer: the caller flushes (zc_jsonl_flush) once a second and on
    exit; a crash loses at most that second, and the next start repairs the
    torn line.
*/
#ifndef ZC_JSONL_H
#define ZC_JSONL_H

#include "zc_buf.h"
#include "zcrawl.pb-c.h"

#include <stdbool.h>
#include <stdint.h>

#define ZC_JSONL_FILE "pages.jsonl"
#define ZC_JSONL_STDIO_BUF (1u << 20)   /* setvbuf size of the output file */
#define ZC_JSONL_LINE_MAX (128u << 20)  /* one line; a 16 MiB record escaped fits */
#define ZC_JSONL_FPSET_INITIAL (1u << 16)

/* zc_jsonl_write() result for a URL already in the file. */
#define ZC_JSONL_DUPLICATE 1

typedef struct zc_jsonl_t zc_jsonl_t;


/* Opens (creating if missing) DIR/pages.jsonl for appending; DIR must exist.
   Recovers the set of written URLs from the file and cuts a torn last line.
   Returns NULL (and logs why) when the file cannot be read or opened. */
zc_jsonl_t *zc_jsonl_new(const char *dir);

/* Flushes and closes the file; NULL-safe, nulls *self_p. */
void zc_jsonl_destroy(zc_jsonl_t **self_p);

/* Writes r as one line unless its URL was already written. Returns 0 when
   written, ZC_JSONL_DUPLICATE when dropped as a duplicate, ZC_EINVAL for a
   record without a URL, ZC_ETOOBIG for a line over ZC_JSONL_LINE_MAX, ZC_EIO
   when the write failed (the URL is then not marked as written). */
int zc_jsonl_write(zc_jsonl_t *self, const Zcrawl__Record *r);

/* Pushes buffered lines to the file; 0 or ZC_EIO. */
int zc_jsonl_flush(zc_jsonl_t *self);

/* Lines found in the file at open, and lines written since. */
uint64_t zc_jsonl_recovered(const zc_jsonl_t *self);
uint64_t zc_jsonl_written(const zc_jsonl_t *self);

int zc_jsonl_test(bool verbose);

#endif
