#!/usr/bin/env python3
"""Generates parser/zc_entities.c and parser/zc_entities.h, the HTML5 named
character reference table, from Python's standard library
(html.entities.html5, which is the WHATWG table: 2231 names, the 106 legacy
ones also without ';').

Usage: python3 scripts/gen_entities.py [REPO_ROOT]

The table is one sorted array of small fixed-size entries (offsets into a
name pool and a value pool) searched by bisection; names are compared as
bytes, shorter first, which is how Python sorts bytes. The output is
deterministic, so running the script again on the same Python gives the same
files; they are committed so a build needs no Python.
"""
import html.entities
import os
import sys


def c_bytes(b):
    """A C string literal body for bytes b: printable ASCII as is, the rest
    as three-digit octal escapes (which never swallow a following digit)."""
    out = []
    for x in b:
        c = chr(x)
        if c in '"\\?':
            out.append("\\" + c)
        elif 0x20 <= x < 0x7F:
            out.append(c)
        else:
            out.append("\\%03o" % x)
    return "".join(out)


def wrap_literal(b, width=88, indent="    "):
    """Splits bytes b into lines of quoted literals."""
    lines, cur = [], ""
    for x in b:
        piece = c_bytes(bytes([x]))
        if len(cur) + len(piece) > width:
            lines.append('%s"%s"' % (indent, cur))
            cur = ""
        cur += piece
    if cur or not lines:
        lines.append('%s"%s"' % (indent, cur))
    return "\n".join(lines)


HEADER = """/*  zc_entities — the HTML5 named character references.

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
#define ZC_ENTITIES_COUNT %(count)d
/* Longest name, ';' included. */
#define ZC_ENTITIES_NAME_MAX %(name_max)d
/* Longest name recognised without ';'. */
#define ZC_ENTITIES_LEGACY_MAX %(legacy_max)d
/* Longest value, in UTF-8 bytes. */
#define ZC_ENTITIES_VALUE_MAX %(value_max)d

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
"""

SOURCE_HEAD = """/*  zc_entities — see zc_entities.h.

    GENERATED FILE, do not edit: `python3 scripts/gen_entities.py` writes it
    from Python's html.entities.html5.

    s_entries is sorted by name (bytes, shorter first) and searched by
    bisection; each entry points into s_names and s_values, so the whole
    table is a few tens of kilobytes without relocations.
*/
#include "zc_entities.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Every name, in table order, back to back. */
static const char s_names[] =
%(names)s;

/* Every distinct value (UTF-8), back to back. */
static const char s_values[] =
%(values)s;

typedef struct {
    uint16_t name_off;
    uint8_t name_len;
    uint8_t value_len;
    uint16_t value_off;
} s_entry_t;

static const s_entry_t s_entries[ZC_ENTITIES_COUNT] = {
%(entries)s
};

/* memcmp order, a prefix before the longer name. */
static int s_cmp(const s_entry_t *e, const char *name, size_t len)
{
    size_t n = e->name_len < len ? e->name_len : len;
    int c = memcmp(s_names + e->name_off, name, n);
    if (c)
        return c;
    return e->name_len < len ? -1 : e->name_len > len ? 1 : 0;
}

bool zc_entities_find(const char *name, size_t len, const char **value, size_t *vlen)
{
    if (len == 0 || len > ZC_ENTITIES_NAME_MAX)
        return false;
    size_t lo = 0, hi = ZC_ENTITIES_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = s_cmp(&s_entries[mid], name, len);
        if (c == 0) {
            *value = s_values + s_entries[mid].value_off;
            *vlen = s_entries[mid].value_len;
            return true;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static bool s_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t zc_entities_match(const char *s, size_t n, const char **value, size_t *vlen)
{
    /* Names are alphanumerics, then ';' or not: a name with ';' can only
       match the whole alphanumeric run, a legacy one any prefix of it. */
    size_t k = 0;
    while (k < n && k < ZC_ENTITIES_NAME_MAX && s_alnum(s[k]))
        k++;
    if (k < n && s[k] == ';' && zc_entities_find(s, k + 1, value, vlen))
        return k + 1;
    for (size_t j = k < ZC_ENTITIES_LEGACY_MAX ? k : ZC_ENTITIES_LEGACY_MAX; j > 0; j--)
        if (zc_entities_find(s, j, value, vlen))
            return j;
    return 0;
}

/* --- self-test ------------------------------------------------------------ */

static void s_expect(const char *in, size_t used, const char *value, bool verbose)
{
    const char *v = NULL;
    size_t vlen = 0;
    size_t got = zc_entities_match(in, strlen(in), &v, &vlen);
    bool ok = got == used && (used == 0 || (vlen == strlen(value) && memcmp(v, value, vlen) == 0));
    if (verbose || !ok)
        fprintf(stderr, "&%%s: used %%zu (want %%zu)\\n", in, got, used);
    assert(ok);
}

int zc_entities_test(bool verbose)
{
    /* Sorted strictly, and every name finds itself. */
    for (size_t i = 0; i < ZC_ENTITIES_COUNT; i++) {
        const s_entry_t *e = &s_entries[i];
        assert(e->name_len > 0 && e->name_len <= ZC_ENTITIES_NAME_MAX);
        assert(e->value_len > 0 && e->value_len <= ZC_ENTITIES_VALUE_MAX);
        if (i > 0)
            assert(s_cmp(&s_entries[i - 1], s_names + e->name_off, e->name_len) < 0);
        const char *v;
        size_t vlen;
        assert(zc_entities_find(s_names + e->name_off, e->name_len, &v, &vlen));
        assert(v == s_values + e->value_off && vlen == e->value_len);
        if (s_names[e->name_off + e->name_len - 1] != ';')
            assert(e->name_len <= ZC_ENTITIES_LEGACY_MAX);
    }
    /* Known values: one and two code points, longest and legacy names. */
    s_expect("amp;", 4, "&", verbose);
    s_expect("amp", 3, "&", verbose);
    s_expect("AMP;x", 4, "&", verbose);
    s_expect("ampx", 3, "&", verbose);
    s_expect("notin;", 6, "\\342\\210\\211", verbose);
    s_expect("notit;", 3, "\\302\\254", verbose);
    s_expect("NotEqualTilde;", 14, "\\342\\211\\202\\314\\270", verbose);
    s_expect("CounterClockwiseContourIntegral;", 32, "\\342\\210\\263", verbose);
    s_expect("hellip", 0, "", verbose);
    s_expect("hellip;", 7, "\\342\\200\\246", verbose);
    s_expect("xyz;", 0, "", verbose);
    s_expect(";", 0, "", verbose);
    s_expect("", 0, "", verbose);
    s_expect("Amp;", 0, "", verbose);
    const char *v;
    size_t vlen;
    assert(!zc_entities_find("amp;x", 5, &v, &vlen));
    assert(!zc_entities_find("am", 2, &v, &vlen));
    return 0;
}
"""


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    table = {k.encode("ascii"): v.encode("utf-8") for k, v in html.entities.html5.items()}
    names = sorted(table)
    values, value_off = b"", {}
    for n in names:
        v = table[n]
        if v not in value_off:
            value_off[v] = len(values)
            values += v
    pool, entries = b"", []
    for n in names:
        entries.append("    {%d, %d, %d, %d}, /* %s */" % (len(pool), len(n), len(table[n]),
                                                         value_off[table[n]], n.decode()))
        pool += n
    assert len(pool) < 65536 and len(values) < 65536
    legacy = [n for n in names if not n.endswith(b";")]
    params = {
        "count": len(names),
        "name_max": max(map(len, names)),
        "legacy_max": max(map(len, legacy)),
        "value_max": max(map(len, table.values())),
    }
    src = SOURCE_HEAD % {"names": wrap_literal(pool), "values": wrap_literal(values),
                         "entries": "\n".join(entries)}
    for path, text in (("parser/zc_entities.h", HEADER % params),
                       ("parser/zc_entities.c", src)):
        with open(os.path.join(root, path), "w", encoding="utf-8") as f:
            f.write(text)
    print("wrote %d names (%d legacy) to parser/zc_entities.[ch]" % (len(names), len(legacy)))


if __name__ == "__main__":
    main()
