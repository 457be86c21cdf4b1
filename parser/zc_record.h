/*  zc_record — a Record as one line of pages.jsonl (SPEC §6).

    The parser, `zcrawl parse` and the sink all write records through
    zc_record_json(), so the output is the same wherever it is made: the
    fields in SPEC order, every one always present, null where the Record
    leaves it unset, outlinks always an array, items always an object. Strings
    are written by zc_buf_json_str (invalid UTF-8 becomes U+FFFD).
*/
#ifndef ZC_RECORD_H
#define ZC_RECORD_H

#include "zc_buf.h"
#include "zc_msg.h"

#include <stdbool.h>

/* Appends r as one JSON object (no newline) to out. Returns ZC_OK, or
   ZC_ETOOBIG when out's limit is reached (out is then restored to its
   length before the call). */
int zc_record_json(const Zcrawl__Record *r, zc_buf_t *out);

/* Appends the items of r as a JSON object: {"name": ["value", ...], ...}. */
int zc_record_items_json(const Zcrawl__Record *r, zc_buf_t *out);

int zc_record_test(bool verbose);

#endif
