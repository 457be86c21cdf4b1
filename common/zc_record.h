/*  zc_record — a Record as one line of pages.jsonl (SPEC §6).

    The sink and `zcrawl parse` write records through these functions, so the
    output is the same wherever it is made: the fields in SPEC order (url,
    status, error, content_type, bytes, title, depth, outlinks, redirect,
    fetched_at, fetch_ms, attempt, digest, items, and beyond SPEC §6
    http_version and ip), every one always present,
    null where the Record leaves it unset (status is 0 then: no response),
    outlinks always an array, items always an object whose repeated rule
    names are merged in order. Strings go through zc_buf_json_str (invalid
    UTF-8 becomes U+FFFD), so every line is valid JSON whatever a page held.
    Numbers are written without printf: this runs once per page in the sink.
*/
#ifndef ZC_RECORD_H
#define ZC_RECORD_H

#include "zc_buf.h"
#include "zc_msg.h"

#include <stdbool.h>
#include <stddef.h>

/* Appends r as one JSON object (no newline) to out. Returns ZC_OK, or
   ZC_ETOOBIG when out's limit is reached (out is then as before the call). */
int zc_record_json(const Zcrawl__Record *r, zc_buf_t *out);

/* The same, and *url_off / *url_len locate the escaped URL (between its
   quotes) in out, for fingerprinting what was written. */
int zc_record_json_url(const Zcrawl__Record *r, zc_buf_t *out, size_t *url_off, size_t *url_len);

/* Appends the items of r as a JSON object: {"name": ["value", ...], ...}. */
int zc_record_items_json(const Zcrawl__Record *r, zc_buf_t *out);

int zc_record_test(bool verbose);

#endif
