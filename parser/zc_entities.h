/*  zc_entities — the HTML5 named character references.

    GENERATED FILE, do not edit: `python3 scripts/gen_entities.py` writes
    parser/zc_entities.c and parser/zc_entities.h from Python's
    html.entities.html5 (the WHATWG named character reference table).

    The table has every name the HTML5 tokenizer knows, with its ';' where
    the name needs one; the legacy names (&amp, &copy, &eacute...) are there
    twice, with and without ';'. Values are UTF-8, one or two code points.
    zc_entities_match() is the tokenizer's "consume the maximum number of
    characters possible" step; the attribute-value rule (a match without ';'
    followed by '=' or an alphanumeric is not decoded) is the caller's.
*/
#ifndef ZC_ENTITIES_H
#define ZC_ENTITIES_H

#include <stdbool.h>
#include <stddef.h>

/* Names in the table. */
#define ZC_ENTITIES_COUNT 2231
/* Longest name, ';' included. */
#define ZC_ENTITIES_NAME_MAX 32
/* Longest name recognised without ';'. */
#define ZC_ENTITIES_LEGACY_MAX 6
/* Longest value, in UTF-8 bytes. */
#define ZC_ENTITIES_VALUE_MAX 6

/* Looks up the exact name (len bytes, without '&', with its ';' if it has
   one). On a hit sets *value (UTF-8, not NUL-terminated) and *vlen and
   returns true. */
bool zc_entities_find(const char *name, size_t len, const char **value, size_t *vlen);

/* The longest name in the table that s (n bytes, the text after '&') starts
   with. Returns its length (';' included when it has one), or 0 when no name
   matches; on a match sets *value and *vlen. */
size_t zc_entities_match(const char *s, size_t n, const char **value, size_t *vlen);

int zc_entities_test(bool verbose);

#endif
