/*  zc_html — see zc_html.h.

    The scanner is a loop over '<' positions (memchr), with one function per
    construct that returns where the data state resumes; the text between
    constructs is only looked at when someone asked for it. Tags follow the
    tokenizer's states (tag name, before/after attribute name, attribute
    name, before/after attribute value, the three value states, self-closing
    start tag) folded into one loop, with a byte-class table instead of
    per-byte comparisons. A name or value that reads as written (no upper
    case, reference, CR or NUL: most of them) is reported as a slice of the
    input; the others are written to a scratch buffer that is reset for every
    tag, and the attrs array is filled once the tag is complete, because the
    buffer may move while it grows. A tag cut by the end of the input is
    dropped, as the tokenizer does.

    Character references follow "consume a character reference": numeric
    ones with the Windows-1252 table for 0x80–0x9F and U+FFFD for zero,
    surrogates and values past U+10FFFF; named ones by the longest match in
    the full table (zc_entities), where in attribute values a match without
    ';' followed by '=' or an alphanumeric stays as written. A reference
    never crosses the end of a value or of a text run, and whatever follows
    one (a quote, whitespace, '>', '<') is neither '=' nor alphanumeric, so
    values and runs are decoded as slices once their end is known.

    The raw-text states (RCDATA, RAWTEXT, script data with its escaped and
    double-escaped states) only decide where the element ends: the
    "appropriate end tag" is `</` + the last start tag's name + whitespace,
    '/' or '>'; a name with other than ASCII letters can never be one.
*/
#include "zc_html.h"

#include "zc_entities.h"
#include "zc_util.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned char uchar;

/* Byte classes. */
enum {
    S_WS = 1,       /* ASCII whitespace: tab, LF, FF, CR, space */
    S_TAGSTOP = 2,  /* ends a tag name: whitespace, '/', '>' */
    S_NAMESTOP = 4, /* ends an attribute name: whitespace, '/', '>', '=' */
    S_UNQSTOP = 8,  /* ends an unquoted value: whitespace, '>' */
    S_SPECIAL = 16, /* needs work in a value or text: '&', CR, NUL */
    S_FIXNAME = 32, /* changes in a name: A-Z, NUL */
    S_ALNUM = 64,
};

#define S_WSALL (S_WS | S_TAGSTOP | S_NAMESTOP | S_UNQSTOP)
#define S_UP (S_FIXNAME | S_ALNUM)

static const uint8_t s_cls[256] = {
    [0] = S_SPECIAL | S_FIXNAME,
    ['\t'] = S_WSALL, ['\n'] = S_WSALL, ['\f'] = S_WSALL, [' '] = S_WSALL,
    ['\r'] = S_WSALL | S_SPECIAL,
    ['/'] = S_TAGSTOP | S_NAMESTOP,
    ['>'] = S_TAGSTOP | S_NAMESTOP | S_UNQSTOP,
    ['='] = S_NAMESTOP,
    ['&'] = S_SPECIAL,
    ['0'] = S_ALNUM, ['1'] = S_ALNUM, ['2'] = S_ALNUM, ['3'] = S_ALNUM, ['4'] = S_ALNUM,
    ['5'] = S_ALNUM, ['6'] = S_ALNUM, ['7'] = S_ALNUM, ['8'] = S_ALNUM, ['9'] = S_ALNUM,
    ['A'] = S_UP, ['B'] = S_UP, ['C'] = S_UP, ['D'] = S_UP, ['E'] = S_UP, ['F'] = S_UP,
    ['G'] = S_UP, ['H'] = S_UP, ['I'] = S_UP, ['J'] = S_UP, ['K'] = S_UP, ['L'] = S_UP,
    ['M'] = S_UP, ['N'] = S_UP, ['O'] = S_UP, ['P'] = S_UP, ['Q'] = S_UP, ['R'] = S_UP,
    ['S'] = S_UP, ['T'] = S_UP, ['U'] = S_UP, ['V'] = S_UP, ['W'] = S_UP, ['X'] = S_UP,
    ['Y'] = S_UP, ['Z'] = S_UP,
    ['a'] = S_ALNUM, ['b'] = S_ALNUM, ['c'] = S_ALNUM, ['d'] = S_ALNUM, ['e'] = S_ALNUM,
    ['f'] = S_ALNUM, ['g'] = S_ALNUM, ['h'] = S_ALNUM, ['i'] = S_ALNUM, ['j'] = S_ALNUM,
    ['k'] = S_ALNUM, ['l'] = S_ALNUM, ['m'] = S_ALNUM, ['n'] = S_ALNUM, ['o'] = S_ALNUM,
    ['p'] = S_ALNUM, ['q'] = S_ALNUM, ['r'] = S_ALNUM, ['s'] = S_ALNUM, ['t'] = S_ALNUM,
    ['u'] = S_ALNUM, ['v'] = S_ALNUM, ['w'] = S_ALNUM, ['x'] = S_ALNUM, ['y'] = S_ALNUM,
    ['z'] = S_ALNUM,
};

/* U+FFFD in UTF-8: what NUL becomes in names and values. */
#define S_FFFD "\xEF\xBF\xBD"

/* Windows-1252 meanings of the numeric references &#128; to &#159;. */
static const uint16_t s_c1[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

/* Start tags that end svg/math content (the "breakout" list of the tree
   builder); <font> only with color, face or size. */
static const char *const s_breakout[] = {
    "b",  "big", "blockquote", "body", "br", "center", "code", "dd",   "div",    "dl",
    "dt", "em",  "embed",      "h1",   "h2", "h3",     "h4",   "h5",   "h6",     "head",
    "hr", "i",   "img",        "li",   "listing", "menu", "meta", "nobr", "ol",   "p",
    "pre", "ruby", "s",        "small", "span", "strong", "strike", "sub", "sup", "table",
    "tt", "u",   "ul",         "var"};

static bool s_ws(uchar c)
{
    return (s_cls[c] & S_WS) != 0;
}

static bool s_alpha(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool s_digit(uchar c)
{
    return c >= '0' && c <= '9';
}

static uchar s_lower(uchar c)
{
    return c >= 'A' && c <= 'Z' ? (uchar)(c + 32) : c;
}

static int s_hexval(uchar c)
{
    if (s_digit(c))
        return c - '0';
    c = s_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Writes code point cp as UTF-8; returns the length. */
static size_t s_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the character reference at p (pointing at '&'). Returns the bytes
   consumed, 0 when there is no reference here ('&' is then literal, and so
   is what follows it). The UTF-8 text is *val (*vlen bytes): the table's,
   or written to buf (at least 4 bytes) for a numeric reference. */
static size_t s_charref(const uchar *p, const uchar *end, bool attr, char *buf,
                        const char **val, size_t *vlen)
{
    const uchar *q = p + 1;
    if (q < end && *q == '#') {
        q++;
        bool hex = q < end && (*q == 'x' || *q == 'X');
        if (hex)
            q++;
        const uchar *digits = q;
        uint32_t v = 0;
        for (; q < end; q++) {
            int d = hex ? s_hexval(*q) : s_digit(*q) ? *q - '0' : -1;
            if (d < 0)
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)d;
            if (v > 0x10FFFF)
                v = 0x110000; /* stays out of range, cannot overflow */
        }
        if (q == digits)
            return 0; /* "&#", "&#x": absence of digits */
        if (q < end && *q == ';')
            q++;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F)
            v = s_c1[v - 0x80];
        *val = buf;
        *vlen = s_utf8_put(v, buf);
        return (size_t)(q - p);
    }
    size_t n = zc_entities_match((const char *)q, (size_t)(end - q), val, vlen);
    if (n == 0)
        return 0;
    const uchar *after = q + n;
    if (attr && q[n - 1] != ';' && after < end && (*after == '=' || (s_cls[*after] & S_ALNUM)))
        return 0; /* "?a=1&copy=2" stays as written in a URL */
    return n + 1;
}

/* Where decoded text goes: a buffer or a text callback. */
typedef struct {
    zc_buf_t *buf;
    bool cut;          /* buf: keep what fits when a piece does not */
    int rc;            /* buf: ZC_ETOOBIG once it is full */
    zc_html_text_fn fn;
    void *arg;
    bool stop;         /* fn asked to stop */
} s_sink_t;

/* Appends a piece; false when nothing more should be appended. */
static bool s_put(s_sink_t *k, const void *p, size_t n)
{
    if (k->buf) {
        int rc = zc_buf_add(k->buf, p, n);
        if (rc == 0)
            return true;
        if (k->cut && rc == ZC_ETOOBIG && k->buf->max > k->buf->len)
            zc_buf_add(k->buf, p, k->buf->max - k->buf->len);
        k->rc = rc;
        return false;
    }
    if (k->fn((const char *)p, n, k->arg)) {
        k->stop = true;
        return false;
    }
    return true;
}

/* How a slice is decoded. */
enum {
    S_DEC_REFS = 1, /* character references */
    S_DEC_ATTR = 2, /* ... with the attribute-value rule */
    S_DEC_NUL = 4,  /* NUL as U+FFFD */
};

/* Decodes p..end into k: references as flags say, CR and CR LF as LF.
   Returns false when the sink refused more. */
static bool s_decode(const uchar *p, const uchar *end, unsigned flags, s_sink_t *k)
{
    const uchar *run = p;
    while (p < end) {
        uchar c = *p;
        if (!(s_cls[c] & S_SPECIAL)) {
            p++;
            continue;
        }
        char buf[4];
        const char *val;
        size_t vlen, used;
        if (c == '\r') {
            val = "\n";
            vlen = 1;
            used = p + 1 < end && p[1] == '\n' ? 2 : 1;
        } else if (c == 0) {
            if (!(flags & S_DEC_NUL)) {
                p++;
                continue;
            }
            val = S_FFFD;
            vlen = 3;
            used = 1;
        } else {
            used = flags & S_DEC_REFS
                       ? s_charref(p, end, (flags & S_DEC_ATTR) != 0, buf, &val, &vlen)
                       : 0;
            if (used == 0) {
                p++; /* a literal '&' */
                continue;
            }
        }
        if ((p > run && !s_put(k, run, (size_t)(p - run))) || !s_put(k, val, vlen))
            return false;
        p += used;
        run = p;
    }
    return p == run || s_put(k, run, (size_t)(p - run));
}

int zc_html_decode(const char *s, size_t len, bool attr, zc_buf_t *out)
{
    s_sink_t k = {.buf = out, .cut = true};
    s_decode((const uchar *)s, (const uchar *)s + len,
             S_DEC_REFS | S_DEC_NUL | (attr ? S_DEC_ATTR : 0), &k);
    return k.rc;
}

/* --- the scanner -------------------------------------------------------- */

/* A name or value of the tag at hand: a slice of the input when it needs no
   change (the common case, no copy), else a slice of the scratch buffer,
   kept as an offset because the buffer may move while it grows. */
typedef struct {
    const char *p; /* in the input, or NULL: at off in scratch */
    size_t off, len;
} s_str_t;

typedef struct {
    s_str_t name, val;
} s_attr_off_t;

typedef struct {
    const uchar *s;
    size_t len;
    zc_html_tag_fn fn;
    zc_html_text_fn text;
    void *arg;
    zc_buf_t *title;
    bool *has_title;
    bool title_done;
    bool tokenizer_only;
    bool stop;
    unsigned foreign;    /* svg/math nesting depth */
    zc_buf_t scratch;    /* names and values of the tag at hand */
    s_attr_off_t off[ZC_HTML_MAX_ATTRS];
    zc_html_attr_t attrs[ZC_HTML_MAX_ATTRS];
} s_scan_t;

/* Hands s[from..to) to the text callback, decoded as flags say. */
static void s_text(s_scan_t *sc, size_t from, size_t to, unsigned flags)
{
    if (!sc->text || from >= to || sc->stop)
        return;
    s_sink_t k = {.fn = sc->text, .arg = sc->arg};
    s_decode(sc->s + from, sc->s + to, flags, &k);
    sc->stop = k.stop;
}

/* True when s[p..] is "name" (lower case; the input in any case) followed by
   whitespace, '/' or '>': the end of a tag name. */
static bool s_name_at(const s_scan_t *sc, size_t p, const char *name, size_t n)
{
    if (p + n >= sc->len)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s_lower(sc->s[p + i]) != (uchar)name[i])
            return false;
    return (s_cls[sc->s[p + n]] & S_TAGSTOP) != 0;
}

/* True when s[p..] is the appropriate end tag "</name" followed by a
   tag-name end; never when name is NULL. */
static bool s_endtag_at(const s_scan_t *sc, size_t p, const char *name, size_t n)
{
    return name && p + 1 < sc->len && sc->s[p] == '<' && sc->s[p + 1] == '/' &&
           s_name_at(sc, p + 2, name, n);
}

/* From p, the position after the first '>' (a bogus comment or DOCTYPE). */
static size_t s_bogus(const s_scan_t *sc, size_t p)
{
    const uchar *gt = p < sc->len ? memchr(sc->s + p, '>', sc->len - p) : NULL;
    return gt ? (size_t)(gt - sc->s) + 1 : sc->len;
}

/* p is after "<!--": the position after the comment's end. The comment
   less-than-sign states of the tokenizer only add parse errors: they end the
   comment where "-->" or "--!>" does. */
static size_t s_comment(const s_scan_t *sc, size_t p)
{
    const uchar *s = sc->s;
    size_t len = sc->len;
    if (p < len && s[p] == '>')
        return p + 1; /* <!--> */
    if (p + 1 < len && s[p] == '-' && s[p + 1] == '>')
        return p + 2; /* <!---> */
    while (p < len) {
        const uchar *d = memchr(s + p, '-', len - p);
        if (!d)
            return len;
        p = (size_t)(d - s);
        if (p + 1 < len && s[p + 1] == '-') {
            size_t e = p + 2;
            while (e < len && s[e] == '-')
                e++;
            if (e < len && s[e] == '>')
                return e + 1;
            if (e + 1 < len && s[e] == '!' && s[e + 1] == '>')
                return e + 2;
            p = e;
        } else {
            p++;
        }
    }
    return len;
}

/* p is after "<!". */
static size_t s_markup(s_scan_t *sc, size_t p)
{
    if (p + 1 < sc->len && sc->s[p] == '-' && sc->s[p + 1] == '-')
        return s_comment(sc, p + 2);
    if (sc->foreign && sc->len - p >= 7 && memcmp(sc->s + p, "[CDATA[", 7) == 0) {
        const uchar *e = memmem(sc->s + p + 7, sc->len - p - 7, "]]>", 3);
        size_t end = e ? (size_t)(e - sc->s) : sc->len;
        s_text(sc, p + 7, end, 0);
        return e ? end + 3 : sc->len;
    }
    return s_bogus(sc, p); /* DOCTYPE, CDATA in HTML, anything else */
}

/* p is in script data: the position of the appropriate end tag (</name),
   or len. Follows the script data states, escaped ("<!--") and double
   escaped ("<!-- <script>"), in which "</script>" does not end the
   element. */
static size_t s_script_end(const s_scan_t *sc, size_t p, const char *name, size_t n)
{
    enum { DATA, ESCAPED, DOUBLE } st = DATA;
    unsigned dashes = 0;
    const uchar *s = sc->s;
    while (p < sc->len) {
        if (st == DATA) {
            const uchar *lt = memchr(s + p, '<', sc->len - p);
            if (!lt)
                return sc->len;
            p = (size_t)(lt - s);
            if (s_endtag_at(sc, p, name, n))
                return p;
            if (p + 3 < sc->len && s[p + 1] == '!' && s[p + 2] == '-' && s[p + 3] == '-') {
                st = ESCAPED; /* the escaped dash dash state */
                dashes = 2;
                p += 4;
                continue;
            }
            p++;
            continue;
        }
        uchar c = s[p];
        if (c == '-') {
            dashes++;
            p++;
            continue;
        }
        if (c == '>' && dashes >= 2) {
            st = DATA;
            dashes = 0;
            p++;
            continue;
        }
        dashes = 0;
        if (c == '<') {
            if (st == ESCAPED) {
                if (s_endtag_at(sc, p, name, n))
                    return p;
                if (s_name_at(sc, p + 1, "script", 6)) {
                    st = DOUBLE;
                    p += 7;
                    continue;
                }
            } else if (s_endtag_at(sc, p, "script", 6)) {
                st = ESCAPED;
                p += 8;
                continue;
            }
        }
        p++;
    }
    return sc->len;
}

/* p is in RCDATA or RAWTEXT: the position of </name>, or len. */
static size_t s_text_end(const s_scan_t *sc, size_t p, const char *name, size_t n)
{
    if (!name)
        return sc->len;
    while (p < sc->len) {
        const uchar *lt = memchr(sc->s + p, '<', sc->len - p);
        if (!lt)
            return sc->len;
        p = (size_t)(lt - sc->s);
        if (s_endtag_at(sc, p, name, n))
            return p;
        p++;
    }
    return sc->len;
}

static const char *s_str(const s_scan_t *sc, const s_str_t *x)
{
    return x->p ? x->p : sc->scratch.data + x->off;
}

/* A tag or attribute name: ASCII lower case, NUL as U+FFFD. Copied to the
   scratch buffer only when that changes it. */
static s_str_t s_name(s_scan_t *sc, const uchar *p, size_t n)
{
    size_t i = 0;
    while (i < n && !(s_cls[p[i]] & S_FIXNAME))
        i++;
    if (i == n)
        return (s_str_t){(const char *)p, 0, n};
    size_t at = sc->scratch.len;
    /* Appends cannot fail: the scratch limit is three times the input. */
    zc_buf_add(&sc->scratch, p, i);
    for (; i < n; i++) {
        uchar c = s_lower(p[i]);
        zc_buf_add(&sc->scratch, c ? (const void *)&c : S_FFFD, c ? 1 : 3);
    }
    return (s_str_t){NULL, at, sc->scratch.len - at};
}

/* An attribute value as the tokenizer reads it (references, CR, NUL);
   copied to the scratch buffer only when that changes it. */
static s_str_t s_value(s_scan_t *sc, const uchar *p, size_t n)
{
    size_t i = 0;
    while (i < n && !(s_cls[p[i]] & S_SPECIAL))
        i++;
    if (i == n)
        return (s_str_t){(const char *)p, 0, n};
    size_t at = sc->scratch.len;
    s_sink_t k = {.buf = &sc->scratch};
    s_decode(p, p + n, S_DEC_REFS | S_DEC_ATTR | S_DEC_NUL, &k);
    return (s_str_t){NULL, at, sc->scratch.len - at};
}

/* Keeps one attribute of a start tag unless it repeats an earlier name. */
static void s_keep_attr(s_scan_t *sc, size_t *na, const uchar *name, size_t nlen,
                        const uchar *val, size_t vlen)
{
    if (*na >= ZC_HTML_MAX_ATTRS)
        return;
    size_t mark = sc->scratch.len;
    s_str_t nm = s_name(sc, name, nlen);
    const char *lname = s_str(sc, &nm);
    for (size_t i = 0; i < *na; i++)
        if (sc->off[i].name.len == nm.len &&
            memcmp(s_str(sc, &sc->off[i].name), lname, nm.len) == 0) {
            sc->scratch.len = mark; /* the first one wins */
            return;
        }
    sc->off[*na] = (s_attr_off_t){nm, s_value(sc, val, vlen)};
    (*na)++;
}

static bool s_in(const char *const *list, size_t n, const zc_html_tag_t *tag)
{
    for (size_t i = 0; i < n; i++)
        if (zc_html_tag_is(tag, list[i]))
            return true;
    return false;
}

/* Elements the tree builder treats specially. */
typedef enum {
    S_EL_OTHER,
    S_EL_SVGMATH,   /* svg, math: foreign content */
    S_EL_SCRIPT,    /* script data */
    S_EL_RAWTEXT,   /* style, xmp, iframe, noembed, noframes, noscript */
    S_EL_TEXTAREA,  /* RCDATA */
    S_EL_TITLE,     /* RCDATA */
    S_EL_PLAINTEXT,
} s_el_t;

static bool s_is(const char *name, size_t n, const char *lit)
{
    return memcmp(name, lit, n) == 0;
}

/* Which of them the tag is: by length first, most tags are none. */
static s_el_t s_element(const char *nm, size_t n)
{
    switch (n) {
    case 3:
        return s_is(nm, n, "svg") ? S_EL_SVGMATH : s_is(nm, n, "xmp") ? S_EL_RAWTEXT : S_EL_OTHER;
    case 4:
        return s_is(nm, n, "math") ? S_EL_SVGMATH : S_EL_OTHER;
    case 5:
        return s_is(nm, n, "style") ? S_EL_RAWTEXT : s_is(nm, n, "title") ? S_EL_TITLE : S_EL_OTHER;
    case 6:
        return s_is(nm, n, "script")   ? S_EL_SCRIPT
               : s_is(nm, n, "iframe") ? S_EL_RAWTEXT
                                       : S_EL_OTHER;
    case 7:
        return s_is(nm, n, "noembed") ? S_EL_RAWTEXT : S_EL_OTHER;
    case 8:
        return s_is(nm, n, "noframes") || s_is(nm, n, "noscript") ? S_EL_RAWTEXT
               : s_is(nm, n, "textarea")                         ? S_EL_TEXTAREA
                                                                 : S_EL_OTHER;
    case 9:
        return s_is(nm, n, "plaintext") ? S_EL_PLAINTEXT : S_EL_OTHER;
    default:
        return S_EL_OTHER;
    }
}

/* Tree-builder effects of a tag: svg/math nesting, raw text, RCDATA and the
   title. p is just after the tag; returns where the data state resumes. */
static size_t s_after_tag(s_scan_t *sc, const zc_html_tag_t *tag, size_t p)
{
    if (sc->tokenizer_only)
        return p;
    s_el_t el = s_element(tag->name, tag->name_len);
    if (tag->end) {
        if (el == S_EL_SVGMATH && sc->foreign)
            sc->foreign--;
        return p;
    }
    if (tag->foreign) {
        if (el == S_EL_SVGMATH && !tag->self_closing && sc->foreign < UINT32_MAX)
            sc->foreign++;
        return p;
    }
    size_t e;
    switch (el) {
    case S_EL_OTHER:
        return p;
    case S_EL_SVGMATH:
        if (!tag->self_closing)
            sc->foreign = 1;
        return p;
    case S_EL_SCRIPT:
        return s_script_end(sc, p, "script", 6);
    case S_EL_RAWTEXT:
        return s_text_end(sc, p, tag->name, tag->name_len);
    case S_EL_TEXTAREA:
        e = s_text_end(sc, p, "textarea", 8);
        s_text(sc, p, e, S_DEC_REFS | S_DEC_NUL);
        return e;
    case S_EL_PLAINTEXT:
        s_text(sc, p, sc->len, S_DEC_NUL);
        return sc->len;
    case S_EL_TITLE:
        e = s_text_end(sc, p, "title", 5);
        if (sc->title && !sc->title_done) {
            sc->title_done = true;
            *sc->has_title = true;
            s_sink_t k = {.buf = sc->title, .cut = true};
            s_decode(sc->s + p, sc->s + e, S_DEC_REFS | S_DEC_NUL, &k);
        }
        s_text(sc, p, e, S_DEC_REFS | S_DEC_NUL);
        return e;
    }
    return p;
}

/* p is at the first letter of a tag name. Parses the tag as the tokenizer's
   tag states do, reports it and returns where the data state resumes (len
   when the input ends inside). */
static size_t s_tag(s_scan_t *sc, size_t p, bool end)
{
    const uchar *s = sc->s;
    size_t len = sc->len, start = p;
    while (p < len && !(s_cls[s[p]] & S_TAGSTOP))
        p++;
    if (p >= len)
        return len;
    zc_buf_reset(&sc->scratch);
    s_str_t name = s_name(sc, s + start, p - start);
    size_t na = 0;
    bool self_closing = false;
    for (;;) {
        /* Before attribute name. */
        while (p < len && s_ws(s[p]))
            p++;
        if (p >= len)
            return len;
        if (s[p] == '>') {
            p++;
            break;
        }
        if (s[p] == '/') {
            /* Self-closing start tag: anything but '>' goes back to before
               attribute name. */
            p++;
            if (p < len && s[p] == '>') {
                self_closing = true;
                p++;
                break;
            }
            continue;
        }
        /* Attribute name; its first character may be '='. */
        size_t ns = p++;
        while (p < len && !(s_cls[s[p]] & S_NAMESTOP))
            p++;
        size_t ne = p;
        /* After attribute name. */
        while (p < len && s_ws(s[p]))
            p++;
        if (p >= len)
            return len;
        size_t vs = p, ve = p;
        if (s[p] == '=') {
            /* Before attribute value. */
            p++;
            while (p < len && s_ws(s[p]))
                p++;
            if (p >= len)
                return len;
            if (s[p] == '"' || s[p] == '\'') {
                const uchar *q = memchr(s + p + 1, s[p], len - p - 1);
                if (!q)
                    return len;
                vs = p + 1;
                ve = (size_t)(q - s);
                /* After attribute value (quoted): whatever follows is read
                   as in before attribute name. */
                p = ve + 1;
            } else if (s[p] != '>') {
                vs = p;
                while (p < len && !(s_cls[s[p]] & S_UNQSTOP))
                    p++;
                if (p >= len)
                    return len;
                ve = p;
            }
        }
        if (!end)
            s_keep_attr(sc, &na, s + ns, ne - ns, s + vs, ve - vs);
    }

    zc_html_tag_t tag = {.name = s_str(sc, &name), .name_len = name.len, .end = end,
                         .self_closing = self_closing, .attrs = sc->attrs, .nattrs = na};
    for (size_t i = 0; i < na; i++)
        sc->attrs[i] = (zc_html_attr_t){s_str(sc, &sc->off[i].name), sc->off[i].name.len,
                                        s_str(sc, &sc->off[i].val), sc->off[i].val.len};
    if (sc->foreign && !end &&
        (s_in(s_breakout, ZC_ARRAY_LEN(s_breakout), &tag) ||
         (zc_html_tag_is(&tag, "font") &&
          (zc_html_attr(&tag, "color") || zc_html_attr(&tag, "face") ||
           zc_html_attr(&tag, "size")))))
        sc->foreign = 0;
    tag.foreign = sc->foreign > 0;
    if (sc->fn && sc->fn(&tag, sc->arg)) {
        sc->stop = true;
        return len;
    }
    return s_after_tag(sc, &tag, p);
}

/* The data state from p to the end of the input. */
static void s_data(s_scan_t *sc, size_t p)
{
    const uchar *s = sc->s;
    size_t len = sc->len;
    size_t text = p; /* start of the text not yet handed out */
    while (p < len && !sc->stop) {
        const uchar *lt = memchr(s + p, '<', len - p);
        if (!lt)
            break;
        size_t at = (size_t)(lt - s);
        if (at + 1 >= len)
            break; /* "<" at the end is text */
        uchar c = s[at + 1];
        if (!(c == '!' || c == '?' || s_alpha(c) || (c == '/' && at + 2 < len))) {
            p = at + 1; /* "<" that opens nothing, "</" at the end: text */
            continue;
        }
        s_text(sc, text, at, S_DEC_REFS);
        if (sc->stop)
            return;
        if (c == '!')
            p = s_markup(sc, at + 2);
        else if (c == '?')
            p = s_bogus(sc, at + 1);
        else if (c != '/')
            p = s_tag(sc, at + 1, false);
        else if (s_alpha(s[at + 2]))
            p = s_tag(sc, at + 2, true);
        else if (s[at + 2] == '>')
            p = at + 3; /* "</>" is nothing */
        else
            p = s_bogus(sc, at + 2);
        text = p;
    }
    s_text(sc, text, len, S_DEC_REFS);
}

int zc_html_scan_opts(const char *data, size_t len, const zc_html_opts_t *opts)
{
    if ((unsigned)opts->state > ZC_HTML_STATE_CDATA)
        return ZC_EINVAL;
    s_scan_t *sc = zc_calloc(1, sizeof *sc);
    sc->s = (const uchar *)data;
    sc->len = len;
    sc->fn = opts->tag;
    sc->text = opts->text;
    sc->arg = opts->arg;
    sc->tokenizer_only = opts->tokenizer_only;
    if (opts->title && opts->has_title && !opts->tokenizer_only) {
        sc->title = opts->title;
        sc->has_title = opts->has_title;
    }
    if (opts->has_title)
        *opts->has_title = false;
    /* A decoded name or value is at most three times its source (NUL is
       U+FFFD; no reference is longer decoded than written), so this limit
       is never reached. */
    zc_buf_init(&sc->scratch, 3 * len + 64);

    /* An end tag can only be appropriate for a name of ASCII letters. */
    const char *last = opts->last_start_tag;
    size_t lastn = last ? strlen(last) : 0;
    for (size_t i = 0; i < lastn; i++)
        if (!s_alpha((uchar)last[i]))
            last = NULL;
    if (lastn == 0)
        last = NULL;

    size_t p = 0;
    switch (opts->state) {
    case ZC_HTML_STATE_DATA:
        break;
    case ZC_HTML_STATE_RCDATA:
        p = s_text_end(sc, 0, last, lastn);
        s_text(sc, 0, p, S_DEC_REFS | S_DEC_NUL);
        break;
    case ZC_HTML_STATE_RAWTEXT:
        p = s_text_end(sc, 0, last, lastn);
        break;
    case ZC_HTML_STATE_SCRIPT_DATA:
        p = s_script_end(sc, 0, last, lastn);
        break;
    case ZC_HTML_STATE_PLAINTEXT:
        s_text(sc, 0, len, S_DEC_NUL);
        p = len;
        break;
    case ZC_HTML_STATE_CDATA: {
        const uchar *e = memmem(data, len, "]]>", 3);
        p = e ? (size_t)(e - sc->s) : len;
        s_text(sc, 0, p, 0);
        p = e ? p + 3 : len;
        break;
    }
    }
    if (!sc->stop)
        s_data(sc, p);
    zc_buf_free(&sc->scratch);
    free(sc);
    return ZC_OK;
}

int zc_html_scan(const char *data, size_t len, zc_html_tag_fn fn, void *arg, zc_buf_t *title,
                 bool *has_title)
{
    zc_html_opts_t o = {.tag = fn, .arg = arg, .title = title, .has_title = has_title};
    return zc_html_scan_opts(data, len, &o);
}

/* --- self-test ------------------------------------------------------------ */

static bool s_test_cb(const zc_html_tag_t *tag, void *arg)
{
    zc_buf_t *b = arg;
    if (b->len)
        zc_buf_addc(b, ' ');
    if (tag->end)
        zc_buf_addc(b, '/');
    zc_buf_add(b, tag->name, tag->name_len);
    for (size_t i = 0; i < tag->nattrs; i++) {
        zc_buf_addc(b, i ? ',' : '[');
        zc_buf_add(b, tag->attrs[i].name, tag->attrs[i].name_len);
        zc_buf_addc(b, '=');
        zc_buf_add(b, tag->attrs[i].value, tag->attrs[i].value_len);
    }
    if (tag->nattrs)
        zc_buf_addc(b, ']');
    if (tag->self_closing)
        zc_buf_addc(b, '/');
    if (tag->foreign)
        zc_buf_addc(b, '^');
    return zc_html_tag_is(tag, "stop");
}

/* Scans html and checks the tag list and the title (NULL: no title). */
static void s_check(const char *html, const char *tags, const char *title, bool verbose)
{
    zc_buf_t b, t;
    zc_buf_init(&b, 1 << 20);
    zc_buf_init(&t, 1 << 20);
    bool has_title = true;
    assert(zc_html_scan(html, strlen(html), s_test_cb, &b, &t, &has_title) == ZC_OK);
    const char *got = b.data ? b.data : "";
    const char *got_title = has_title ? (t.data ? t.data : "") : NULL;
    bool ok = strcmp(got, tags) == 0 &&
              (title ? got_title && strcmp(got_title, title) == 0 : got_title == NULL);
    if (verbose || !ok)
        fprintf(stderr, "%s\n  tags:  %s\n  title: %s\n", html, got,
                got_title ? got_title : "(none)");
    assert(ok);
    zc_buf_free(&b);
    zc_buf_free(&t);
}

/* Tags and text in one line: text in braces, chunks merged. */
typedef struct {
    zc_buf_t b;
    bool in_text;
    const char *stop_at; /* text chunk that stops the scan */
} s_events_t;

static bool s_ev_tag(const zc_html_tag_t *tag, void *arg)
{
    s_events_t *e = arg;
    if (e->in_text)
        zc_buf_addc(&e->b, '}');
    e->in_text = false;
    return s_test_cb(tag, &e->b);
}

static bool s_ev_text(const char *text, size_t len, void *arg)
{
    s_events_t *e = arg;
    assert(len > 0);
    if (!e->in_text)
        zc_buf_adds(&e->b, e->b.len ? " {" : "{");
    e->in_text = true;
    zc_buf_add(&e->b, text, len);
    return e->stop_at && len == strlen(e->stop_at) && memcmp(text, e->stop_at, len) == 0;
}

/* Scans len bytes of html from state (last: the last start tag) and checks
   the events. */
static void s_check_ev(const char *html, size_t len, zc_html_state_t state, const char *last,
                       bool tokenizer_only, const char *want, bool verbose)
{
    s_events_t e = {.stop_at = "STOP"};
    zc_buf_init(&e.b, 1 << 20);
    zc_html_opts_t o = {.tag = s_ev_tag, .text = s_ev_text, .arg = &e, .state = state,
                        .last_start_tag = last, .tokenizer_only = tokenizer_only};
    assert(zc_html_scan_opts(html, len, &o) == ZC_OK);
    if (e.in_text)
        zc_buf_addc(&e.b, '}');
    const char *got = e.b.data ? e.b.data : "";
    bool ok = strcmp(got, want) == 0;
    if (verbose || !ok)
        fprintf(stderr, "%s\n  events: %s\n  want:   %s\n", html, got, want);
    assert(ok);
    zc_buf_free(&e.b);
}

#define S_EV(html, state, last, tok, want) \
    s_check_ev(html, sizeof html - 1, state, last, tok, want, verbose)

/* Scans a hostile document and checks it yields no tag in bounded time. */
static void s_check_hostile(const char *prefix, const char *unit, size_t total)
{
    size_t plen = strlen(prefix), ulen = strlen(unit);
    char *doc = zc_malloc(total + plen + 1);
    memcpy(doc, prefix, plen);
    size_t n = plen;
    while (n + ulen <= total + plen) {
        memcpy(doc + n, unit, ulen);
        n += ulen;
    }
    zc_buf_t b;
    zc_buf_init(&b, 1 << 24);
    int64_t t0 = zc_mono_ms();
    assert(zc_html_scan(doc, n, s_test_cb, &b, NULL, NULL) == ZC_OK);
    int64_t took = zc_mono_ms() - t0;
    assert(took < 2000);
    zc_buf_free(&b);
    free(doc);
}

int zc_html_test(bool verbose)
{
    /* Tags, names lower-cased, quoting styles, first duplicate wins. */
    s_check("<A HREF=\"x\" Title='t' data=u>t</a>", "a[href=x,title=t,data=u] /a", NULL, verbose);
    s_check("<a href=/p?a=1&amp;b=2&copy=3 HREF=dup hReF='dup2'>",
            "a[href=/p?a=1&b=2&copy=3]", NULL, verbose);
    s_check("<a href='x'title=y><a href = \"z\" ><a href>", "a[href=x,title=y] a[href=z] a[href=]",
            NULL, verbose);
    s_check("<br/><a/href=x/><img src=\"a\"/>", "br/ a[href=x/] img[src=a]/", NULL, verbose);
    s_check("<a =x><a<b href=1></a foo=bar>", "a[=x=] a<b[href=1] /a", NULL, verbose);
    s_check("x < y <3 <a\thref\n=\n1>", "a[href=1]", NULL, verbose);

    /* Character references in values. */
    s_check("<a title=\"&lt;&gt;&quot;&apos;&nbsp;&#65;&#x42;&#X1F600;&#128;&#0;&bogus;&amp\">",
            "a[title=<>\"'\xc2\xa0" "AB\xf0\x9f\x98\x80\xe2\x82\xac\xef\xbf\xbd&bogus;&]", NULL,
            verbose);
    s_check("<a title='&notit; &copy2 &copy &hellip; &hellip &#; &#x; &'>",
            "a[title=&notit; &copy2 \xc2\xa9 \xe2\x80\xa6 &hellip &#; &#x; &]", NULL, verbose);

    /* Comments, bogus comments, DOCTYPE, CDATA in HTML. */
    s_check("<!DOCTYPE html><!-- <a href=1> --><a href=2><!--><a href=3><!---><a href=4>"
            "<!-- x --!><a href=5><!--- -- ---><a href=6><!----><a href=7>",
            "a[href=2] a[href=3] a[href=4] a[href=5] a[href=6] a[href=7]", NULL, verbose);
    s_check("<!foo><?xml version=\"1.0\"?></ 3><a href=1></><![CDATA[<a href=no>]]><a href=2>",
            "a[href=1] a[href=2]", NULL, verbose);
    s_check("<!-- unclosed <a href=no>", "", NULL, verbose);

    /* Raw text: script (with a tag in a JS string), style, escaped scripts. */
    s_check("<script>var s = \"<a href='/x'>\"; if (a</script.length) {}</script><a href=ok>",
            "script /script a[href=ok]", NULL, verbose);
    s_check("<SCRIPT type=x><!-- document.write(\"<script>x</script><a href=no>\"); --></SCRIPT >"
            "<a href=ok>",
            "script[type=x] /script a[href=ok]", NULL, verbose);
    s_check("<script><!--<script></script><a href=no></script><a href=ok>",
            "script /script a[href=ok]", NULL, verbose);
    s_check("<script><!--></script><a href=ok>", "script /script a[href=ok]", NULL, verbose);
    s_check("<style>a[href=\"<a href=no>\"]</STYLE><a href=ok><noscript><a href=no></noscript>"
            "<iframe src=f><a href=no></iframe><xmp><a href=no></xmp>",
            "style /style a[href=ok] noscript /noscript iframe[src=f] /iframe xmp /xmp", NULL,
            verbose);
    s_check("<textarea><a href=no></textarea><a href=ok>", "textarea /textarea a[href=ok]", NULL,
            verbose);
    s_check("<script>never closed <a href=no>", "script", NULL, verbose);
    s_check("<plaintext><a href=no>", "plaintext", NULL, verbose);

    /* Title: RCDATA, references decoded, first one only, not an svg title. */
    s_check("<title>A &amp; B <b>x</b></title><title>second</title>",
            "title /title title /title", "A & B <b>x</b>", verbose);
    s_check("<svg><title>icon</title><![CDATA[<a href=no>]]></svg><title>Real</title>",
            "svg title^ /title^ /svg^ title /title", "Real", verbose);
    s_check("<svg/><title>T</title>", "svg/ title /title", "T", verbose);
    s_check("<math><p><title>T</title>", "math p title /title", "T", verbose);
    s_check("<title></title>", "title /title", "", verbose);
    s_check("<title>never closed", "title", "never closed", verbose);
    s_check("<body>", "body", NULL, verbose);

    /* Cut at the end of the input: the tag is dropped. */
    s_check("<a href=ok><a href=\"x", "a[href=ok]", NULL, verbose);
    s_check("<a href=x", "", NULL, verbose);
    s_check("<a", "", NULL, verbose);
    s_check("</", "", NULL, verbose);

    /* The callback can stop the scan. */
    s_check("<a><stop><b>", "a stop", NULL, verbose);

    /* More attributes than kept: the first ZC_HTML_MAX_ATTRS. */
    zc_buf_t big, out;
    zc_buf_init(&big, 1 << 16);
    zc_buf_init(&out, 1 << 16);
    zc_buf_adds(&big, "<x");
    for (int i = 0; i < ZC_HTML_MAX_ATTRS + 10; i++)
        zc_buf_printf(&big, " a%d=%d", i, i);
    zc_buf_adds(&big, ">");
    size_t nattrs = 0;
    zc_html_scan(big.data, big.len, s_test_cb, &out, NULL, NULL);
    for (const char *p = out.data; (p = strchr(p, '=')); p++)
        nattrs++;
    assert(nattrs == ZC_HTML_MAX_ATTRS);
    zc_buf_free(&big);
    zc_buf_free(&out);

    /* Hostile inputs stay linear. */
    size_t mb = 1 << 20;
    s_check_hostile("", "<", mb);
    s_check_hostile("<!--", "a-", mb);
    s_check_hostile("<!--", "-!", mb);
    s_check_hostile("<a ", "b ", mb);
    s_check_hostile("<a ", "b=& ", mb);
    s_check_hostile("<a x='", "&amp;&#1234567890", mb);
    s_check_hostile("<a x='", "&CounterClockwiseContourIntegra&notin", mb);
    s_check_hostile("<a", "\r\n\rA=\"B\r\n&lt\"", mb);
    s_check_hostile("<script>", "<!--<script>--><", mb);
    s_check_hostile("<script><!--", "<script></script", mb);
    s_check_hostile("<style>", "</styl", mb);
    s_check_hostile("", "<!", mb);
    s_check_hostile("", "</ ", mb);
    s_check_hostile("<svg>", "<![CDATA[", mb);

    /* The full reference table, the attribute rule, CR LF and NUL. */
    s_check("<a title='&NotEqualTilde;&notin;&notit;&not;it&amp=&ampx&amp;x&lt'>",
            "a[title=\xe2\x89\x82\xcc\xb8\xe2\x88\x89&notit;\xc2\xacit&amp=&ampx&x<]", NULL,
            verbose);
    s_check("<a b='&#x80;&#x81;&#xD800;&#x110000;&#xFFFF;&#1;&#13;&#99999999999;'>",
            "a[b=\xe2\x82\xac\xc2\x81\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbf\x01\r\xef\xbf\xbd]", NULL,
            verbose);
    s_check("<a b='1\r\n2\r3\n'\rc=\"&amp\r\n\">", "a[b=1\n2\n3\n,c=&\n]", NULL, verbose);
    S_EV("<a\0b c\0d=\"\0\" e=\0>x\0y", ZC_HTML_STATE_DATA, NULL, false,
         "a\xef\xbf\xbd" "b[c\xef\xbf\xbd" "d=\xef\xbf\xbd,e=\xef\xbf\xbd] {x\0y}");
    S_EV("<title>&lt;\0\r\n</title>", ZC_HTML_STATE_DATA, NULL, false,
         "title {<\xef\xbf\xbd\n} /title");

    /* Unquoted values, "=" names, missing spaces, slashes: the tag states. */
    s_check("<a b=c\"d'e<f=g`h><a b='c'd=e><a b=\"c\"/d><a/b/c/><a b/ =c>",
            "a[b=c\"d'e<f=g`h] a[b=c,d=e] a[b=c,d=] a[b=,c=]/ a[b=,=c=]", NULL, verbose);
    s_check("<a b = 'c' = d><a B=1 b=2 b=3 C=4><a b=>", "a[b=c,==,d=] a[b=1,c=4] a[b=]", NULL,
            verbose);

    /* Text: decoded, between the tags, not in comments, scripts or styles. */
    S_EV("<p>a &amp; b <3 &notit; &copy2</p><!--c--><script>s</script>t<?x>"
         "<textarea>&lt;b&gt;</textarea><style>s</style></>u</",
         ZC_HTML_STATE_DATA, NULL, false,
         "p {a & b <3 \xc2\xacit; \xc2\xa9" "2} /p script /script {t} textarea {<b>} /textarea "
         "style /style {u</}");
    S_EV("<svg><![CDATA[a<b&amp;]]></svg><plaintext>&amp;</plaintext>", ZC_HTML_STATE_DATA,
         NULL, false, "svg {a<b&amp;} /svg^ plaintext {&amp;</plaintext>}");
    S_EV("a<b>STOP<c>", ZC_HTML_STATE_DATA, NULL, false, "{a} b {STOP}");
    S_EV("a<b x", ZC_HTML_STATE_DATA, NULL, false, "{a}");

    /* Initial states and the last start tag. */
    S_EV("a&amp;<b></TITLE x=1><c>", ZC_HTML_STATE_RCDATA, "title", false,
         "{a&<b>} /title c");
    S_EV("a&amp;<b></title><c>", ZC_HTML_STATE_RCDATA, NULL, false, "{a&<b></title><c>}");
    S_EV("<b></h1><c>", ZC_HTML_STATE_RAWTEXT, "h1", false, "");
    S_EV("<b></xmp/><c>", ZC_HTML_STATE_RAWTEXT, "xmp", false, "/xmp/ c");
    S_EV("<!--<script></xmp></script></xmp><c>", ZC_HTML_STATE_SCRIPT_DATA, "xmp", false,
         "/xmp c");
    S_EV("</script><c>", ZC_HTML_STATE_SCRIPT_DATA, "xmp", false, "");
    S_EV("&amp;<c>", ZC_HTML_STATE_PLAINTEXT, "plaintext", false, "{&amp;<c>}");
    S_EV("a]]]><c>x", ZC_HTML_STATE_CDATA, NULL, false, "{a]} c {x}");
    zc_html_opts_t bad = {.state = (zc_html_state_t)99};
    assert(zc_html_scan_opts("", 0, &bad) == ZC_EINVAL);

    /* The bare tokenizer: no raw text after start tags, no svg. */
    S_EV("<script><a><title><b></title><svg><![CDATA[<c>]]>", ZC_HTML_STATE_DATA, NULL, true,
         "script a title b /title svg {]]>}");

    /* zc_html_decode keeps what fits. */
    zc_buf_t small;
    zc_buf_init(&small, 4);
    assert(zc_html_decode("ab&amp;cdef", 11, false, &small) == ZC_ETOOBIG);
    assert(small.len == 4 && memcmp(small.data, "ab&c", 4) == 0);
    zc_buf_free(&small);
    return 0;
}
