/*  zc_html — see zc_html.h.

    The scanner is a loop over '<' positions (memchr), with one function per
    construct that returns where the data state resumes. Attribute names and
    values of the tag at hand are written to a scratch buffer that is reset for
    every tag; the attrs array is filled from offsets once the tag is complete,
    because the buffer may move while it grows. A tag cut by the end of the
    input is dropped, as the tokenizer does.
*/
#include "zc_html.h"

#include "zc_util.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned char uchar;

/* Named references: the HTML 4 set plus &apos; and the upper-case legacy
   names, sorted by strcmp. `legacy` marks those recognised without ';'. */
typedef struct {
    const char *name;
    uint32_t cp;
    int legacy;
} s_entity_t;

static const s_entity_t s_entities[] = {
    {"AElig", 0xC6, 1}, {"AMP", 0x26, 1}, {"Aacute", 0xC1, 1}, {"Acirc", 0xC2, 1},
    {"Agrave", 0xC0, 1}, {"Alpha", 0x391, 0}, {"Aring", 0xC5, 1}, {"Atilde", 0xC3, 1},
    {"Auml", 0xC4, 1}, {"Beta", 0x392, 0}, {"COPY", 0xA9, 1}, {"Ccedil", 0xC7, 1},
    {"Chi", 0x3A7, 0}, {"Dagger", 0x2021, 0}, {"Delta", 0x394, 0}, {"ETH", 0xD0, 1},
    {"Eacute", 0xC9, 1}, {"Ecirc", 0xCA, 1}, {"Egrave", 0xC8, 1}, {"Epsilon", 0x395, 0},
    {"Eta", 0x397, 0}, {"Euml", 0xCB, 1}, {"GT", 0x3E, 1}, {"Gamma", 0x393, 0},
    {"Iacute", 0xCD, 1}, {"Icirc", 0xCE, 1}, {"Igrave", 0xCC, 1}, {"Iota", 0x399, 0},
    {"Iuml", 0xCF, 1}, {"Kappa", 0x39A, 0}, {"LT", 0x3C, 1}, {"Lambda", 0x39B, 0},
    {"Mu", 0x39C, 0}, {"Ntilde", 0xD1, 1}, {"Nu", 0x39D, 0}, {"OElig", 0x152, 0},
    {"Oacute", 0xD3, 1}, {"Ocirc", 0xD4, 1}, {"Ograve", 0xD2, 1}, {"Omega", 0x3A9, 0},
    {"Omicron", 0x39F, 0}, {"Oslash", 0xD8, 1}, {"Otilde", 0xD5, 1}, {"Ouml", 0xD6, 1},
    {"Phi", 0x3A6, 0}, {"Pi", 0x3A0, 0}, {"Prime", 0x2033, 0}, {"Psi", 0x3A8, 0},
    {"QUOT", 0x22, 1}, {"REG", 0xAE, 1}, {"Rho", 0x3A1, 0}, {"Scaron", 0x160, 0},
    {"Sigma", 0x3A3, 0}, {"THORN", 0xDE, 1}, {"Tau", 0x3A4, 0}, {"Theta", 0x398, 0},
    {"Uacute", 0xDA, 1}, {"Ucirc", 0xDB, 1}, {"Ugrave", 0xD9, 1}, {"Upsilon", 0x3A5, 0},
    {"Uuml", 0xDC, 1}, {"Xi", 0x39E, 0}, {"Yacute", 0xDD, 1}, {"Yuml", 0x178, 0},
    {"Zeta", 0x396, 0}, {"aacute", 0xE1, 1}, {"acirc", 0xE2, 1}, {"acute", 0xB4, 1},
    {"aelig", 0xE6, 1}, {"agrave", 0xE0, 1}, {"alefsym", 0x2135, 0}, {"alpha", 0x3B1, 0},
    {"amp", 0x26, 1}, {"and", 0x2227, 0}, {"ang", 0x2220, 0}, {"apos", 0x27, 0},
    {"aring", 0xE5, 1}, {"asymp", 0x2248, 0}, {"atilde", 0xE3, 1}, {"auml", 0xE4, 1},
    {"bdquo", 0x201E, 0}, {"beta", 0x3B2, 0}, {"brvbar", 0xA6, 1}, {"bull", 0x2022, 0},
    {"cap", 0x2229, 0}, {"ccedil", 0xE7, 1}, {"cedil", 0xB8, 1}, {"cent", 0xA2, 1},
    {"chi", 0x3C7, 0}, {"circ", 0x2C6, 0}, {"clubs", 0x2663, 0}, {"cong", 0x2245, 0},
    {"copy", 0xA9, 1}, {"crarr", 0x21B5, 0}, {"cup", 0x222A, 0}, {"curren", 0xA4, 1},
    {"dArr", 0x21D3, 0}, {"dagger", 0x2020, 0}, {"darr", 0x2193, 0}, {"deg", 0xB0, 1},
    {"delta", 0x3B4, 0}, {"diams", 0x2666, 0}, {"divide", 0xF7, 1}, {"eacute", 0xE9, 1},
    {"ecirc", 0xEA, 1}, {"egrave", 0xE8, 1}, {"empty", 0x2205, 0}, {"emsp", 0x2003, 0},
    {"ensp", 0x2002, 0}, {"epsilon", 0x3B5, 0}, {"equiv", 0x2261, 0}, {"eta", 0x3B7, 0},
    {"eth", 0xF0, 1}, {"euml", 0xEB, 1}, {"euro", 0x20AC, 0}, {"exist", 0x2203, 0},
    {"fnof", 0x192, 0}, {"forall", 0x2200, 0}, {"frac12", 0xBD, 1}, {"frac14", 0xBC, 1},
    {"frac34", 0xBE, 1}, {"frasl", 0x2044, 0}, {"gamma", 0x3B3, 0}, {"ge", 0x2265, 0},
    {"gt", 0x3E, 1}, {"hArr", 0x21D4, 0}, {"harr", 0x2194, 0}, {"hearts", 0x2665, 0},
    {"hellip", 0x2026, 0}, {"iacute", 0xED, 1}, {"icirc", 0xEE, 1}, {"iexcl", 0xA1, 1},
    {"igrave", 0xEC, 1}, {"image", 0x2111, 0}, {"infin", 0x221E, 0}, {"int", 0x222B, 0},
    {"iota", 0x3B9, 0}, {"iquest", 0xBF, 1}, {"isin", 0x2208, 0}, {"iuml", 0xEF, 1},
    {"kappa", 0x3BA, 0}, {"lArr", 0x21D0, 0}, {"lambda", 0x3BB, 0}, {"lang", 0x2329, 0},
    {"laquo", 0xAB, 1}, {"larr", 0x2190, 0}, {"lceil", 0x2308, 0}, {"ldquo", 0x201C, 0},
    {"le", 0x2264, 0}, {"lfloor", 0x230A, 0}, {"lowast", 0x2217, 0}, {"loz", 0x25CA, 0},
    {"lrm", 0x200E, 0}, {"lsaquo", 0x2039, 0}, {"lsquo", 0x2018, 0}, {"lt", 0x3C, 1},
    {"macr", 0xAF, 1}, {"mdash", 0x2014, 0}, {"micro", 0xB5, 1}, {"middot", 0xB7, 1},
    {"minus", 0x2212, 0}, {"mu", 0x3BC, 0}, {"nabla", 0x2207, 0}, {"nbsp", 0xA0, 1},
    {"ndash", 0x2013, 0}, {"ne", 0x2260, 0}, {"ni", 0x220B, 0}, {"not", 0xAC, 1},
    {"notin", 0x2209, 0}, {"nsub", 0x2284, 0}, {"ntilde", 0xF1, 1}, {"nu", 0x3BD, 0},
    {"oacute", 0xF3, 1}, {"ocirc", 0xF4, 1}, {"oelig", 0x153, 0}, {"ograve", 0xF2, 1},
    {"oline", 0x203E, 0}, {"omega", 0x3C9, 0}, {"omicron", 0x3BF, 0}, {"oplus", 0x2295, 0},
    {"or", 0x2228, 0}, {"ordf", 0xAA, 1}, {"ordm", 0xBA, 1}, {"oslash", 0xF8, 1},
    {"otilde", 0xF5, 1}, {"otimes", 0x2297, 0}, {"ouml", 0xF6, 1}, {"para", 0xB6, 1},
    {"part", 0x2202, 0}, {"permil", 0x2030, 0}, {"perp", 0x22A5, 0}, {"phi", 0x3C6, 0},
    {"pi", 0x3C0, 0}, {"piv", 0x3D6, 0}, {"plusmn", 0xB1, 1}, {"pound", 0xA3, 1},
    {"prime", 0x2032, 0}, {"prod", 0x220F, 0}, {"prop", 0x221D, 0}, {"psi", 0x3C8, 0},
    {"quot", 0x22, 1}, {"rArr", 0x21D2, 0}, {"radic", 0x221A, 0}, {"rang", 0x232A, 0},
    {"raquo", 0xBB, 1}, {"rarr", 0x2192, 0}, {"rceil", 0x2309, 0}, {"rdquo", 0x201D, 0},
    {"real", 0x211C, 0}, {"reg", 0xAE, 1}, {"rfloor", 0x230B, 0}, {"rho", 0x3C1, 0},
    {"rlm", 0x200F, 0}, {"rsaquo", 0x203A, 0}, {"rsquo", 0x2019, 0}, {"sbquo", 0x201A, 0},
    {"scaron", 0x161, 0}, {"sdot", 0x22C5, 0}, {"sect", 0xA7, 1}, {"shy", 0xAD, 1},
    {"sigma", 0x3C3, 0}, {"sigmaf", 0x3C2, 0}, {"sim", 0x223C, 0}, {"spades", 0x2660, 0},
    {"sub", 0x2282, 0}, {"sube", 0x2286, 0}, {"sum", 0x2211, 0}, {"sup", 0x2283, 0},
    {"sup1", 0xB9, 1}, {"sup2", 0xB2, 1}, {"sup3", 0xB3, 1}, {"supe", 0x2287, 0},
    {"szlig", 0xDF, 1}, {"tau", 0x3C4, 0}, {"there4", 0x2234, 0}, {"theta", 0x3B8, 0},
    {"thetasym", 0x3D1, 0}, {"thinsp", 0x2009, 0}, {"thorn", 0xFE, 1}, {"tilde", 0x2DC, 0},
    {"times", 0xD7, 1}, {"trade", 0x2122, 0}, {"uArr", 0x21D1, 0}, {"uacute", 0xFA, 1},
    {"uarr", 0x2191, 0}, {"ucirc", 0xFB, 1}, {"ugrave", 0xF9, 1}, {"uml", 0xA8, 1},
    {"upsih", 0x3D2, 0}, {"upsilon", 0x3C5, 0}, {"uuml", 0xFC, 1}, {"weierp", 0x2118, 0},
    {"xi", 0x3BE, 0}, {"yacute", 0xFD, 1}, {"yen", 0xA5, 1}, {"yuml", 0xFF, 1},
    {"zeta", 0x3B6, 0}, {"zwj", 0x200D, 0}, {"zwnj", 0x200C, 0},
};

/* Longest entity name, and longest legacy one (matched as a prefix). */
#define S_ENTITY_NAME_MAX 8
#define S_LEGACY_NAME_MAX 6

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

/* Elements whose content is raw text up to their end tag. */
static const char *const s_rawtext[] = {"style", "xmp", "iframe", "noembed", "noframes",
                                        "noscript"};

static bool s_ws(uchar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool s_alpha(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool s_digit(uchar c)
{
    return c >= '0' && c <= '9';
}

static bool s_alnum(uchar c)
{
    return s_alpha(c) || s_digit(c);
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

static const s_entity_t *s_entity_find(const uchar *name, size_t n)
{
    size_t lo = 0, hi = ZC_ARRAY_LEN(s_entities);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *e = s_entities[mid].name;
        int c = strncmp(e, (const char *)name, n);
        if (c == 0)
            c = e[n] ? 1 : 0;
        if (c == 0)
            return &s_entities[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Decodes the character reference at p (pointing at '&'). Returns the bytes
   consumed, 0 when there is no reference here ('&' is then literal); the
   UTF-8 text goes to out (at least 4 bytes), its length to *olen. */
static size_t s_charref(const uchar *p, const uchar *end, bool attr, char *out, size_t *olen)
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
            return 0;
        if (q < end && *q == ';')
            q++;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F)
            v = s_c1[v - 0x80];
        *olen = s_utf8_put(v, out);
        return (size_t)(q - p);
    }
    const uchar *name = q;
    while (q < end && s_alnum(*q) && (size_t)(q - name) <= S_ENTITY_NAME_MAX)
        q++;
    size_t n = (size_t)(q - name);
    if (n == 0)
        return 0;
    if (n <= S_ENTITY_NAME_MAX && q < end && *q == ';') {
        const s_entity_t *e = s_entity_find(name, n);
        if (e) {
            *olen = s_utf8_put(e->cp, out);
            return n + 2;
        }
    }
    /* The longest legacy name that is a prefix, as the tokenizer matches. */
    for (size_t k = n < S_LEGACY_NAME_MAX ? n : S_LEGACY_NAME_MAX; k >= 2; k--) {
        const s_entity_t *e = s_entity_find(name, k);
        if (!e || !e->legacy)
            continue;
        const uchar *after = name + k;
        if (attr && after < end && (*after == '=' || s_alnum(*after)))
            return 0; /* "?a=1&copy=2" stays as written in a URL */
        *olen = s_utf8_put(e->cp, out);
        return k + 1;
    }
    return 0;
}

/* zc_buf_add that keeps what fits when the whole does not. */
static int s_add_cut(zc_buf_t *b, const void *data, size_t len)
{
    int rc = zc_buf_add(b, data, len);
    if (rc == ZC_ETOOBIG && b->max > b->len) {
        zc_buf_add(b, data, b->max - b->len);
    }
    return rc;
}

int zc_html_decode(const char *s, size_t len, bool attr, zc_buf_t *out)
{
    const uchar *p = (const uchar *)s, *end = p + len;
    while (p < end) {
        const uchar *amp = memchr(p, '&', (size_t)(end - p));
        if (!amp)
            return s_add_cut(out, p, (size_t)(end - p));
        if (amp > p) {
            int rc = s_add_cut(out, p, (size_t)(amp - p));
            if (rc)
                return rc;
        }
        char u[4];
        size_t ulen = 0, used = s_charref(amp, end, attr, u, &ulen);
        int rc = used ? s_add_cut(out, u, ulen) : s_add_cut(out, "&", 1);
        if (rc)
            return rc;
        p = amp + (used ? used : 1);
    }
    return ZC_OK;
}

bool zc_html_tag_is(const zc_html_tag_t *tag, const char *name)
{
    size_t n = strlen(name);
    return tag->name_len == n && memcmp(tag->name, name, n) == 0;
}

const zc_html_attr_t *zc_html_attr(const zc_html_tag_t *tag, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < tag->nattrs; i++)
        if (tag->attrs[i].name_len == n && memcmp(tag->attrs[i].name, name, n) == 0)
            return &tag->attrs[i];
    return NULL;
}

/* --- the scanner -------------------------------------------------------- */

typedef struct {
    size_t name_off, name_len, val_off, val_len;
} s_attr_off_t;

typedef struct {
    const uchar *s;
    size_t len;
    zc_html_tag_fn fn;
    void *arg;
    zc_buf_t *title;
    bool *has_title;
    bool title_done;
    bool stop;
    unsigned foreign;    /* svg/math nesting depth */
    zc_buf_t scratch;    /* names and values of the tag at hand */
    s_attr_off_t off[ZC_HTML_MAX_ATTRS];
    zc_html_attr_t attrs[ZC_HTML_MAX_ATTRS];
} s_scan_t;

/* True when s[p..] is "name" (case-insensitive) followed by whitespace, '/'
   or '>': the end of a tag name. */
static bool s_name_at(const s_scan_t *sc, size_t p, const char *name, size_t n)
{
    if (p + n >= sc->len)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s_lower(sc->s[p + i]) != (uchar)name[i])
            return false;
    uchar c = sc->s[p + n];
    return s_ws(c) || c == '/' || c == '>';
}

/* True when s[p..] is the end tag "</name" followed by a tag-name end. */
static bool s_endtag_at(const s_scan_t *sc, size_t p, const char *name, size_t n)
{
    return p + 1 < sc->len && sc->s[p] == '<' && sc->s[p + 1] == '/' &&
           s_name_at(sc, p + 2, name, n);
}

/* From p, the position after the first '>' (a bogus comment or DOCTYPE). */
static size_t s_bogus(const s_scan_t *sc, size_t p)
{
    const uchar *gt = p < sc->len ? memchr(sc->s + p, '>', sc->len - p) : NULL;
    return gt ? (size_t)(gt - sc->s) + 1 : sc->len;
}

/* p is after "<!--": the position after the comment's end. */
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
static size_t s_markup(const s_scan_t *sc, size_t p)
{
    if (p + 1 < sc->len && sc->s[p] == '-' && sc->s[p + 1] == '-')
        return s_comment(sc, p + 2);
    if (sc->foreign && sc->len - p >= 7 && memcmp(sc->s + p, "[CDATA[", 7) == 0) {
        const uchar *e = memmem(sc->s + p + 7, sc->len - p - 7, "]]>", 3);
        return e ? (size_t)(e - sc->s) + 3 : sc->len;
    }
    return s_bogus(sc, p); /* DOCTYPE, CDATA in HTML, anything else */
}

/* p is just after <script ...>: the position of its end tag, or len.
   Follows the script data states, escaped ("<!--") and double escaped
   ("<!-- <script>"), in which "</script>" does not end the element. */
static size_t s_script_end(const s_scan_t *sc, size_t p)
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
            if (s_endtag_at(sc, p, "script", 6))
                return p;
            if (p + 3 < sc->len && s[p + 1] == '!' && s[p + 2] == '-' && s[p + 3] == '-') {
                st = ESCAPED;
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
                if (s_endtag_at(sc, p, "script", 6))
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

/* p is just after the start tag: the position of </name>, or len. */
static size_t s_text_end(const s_scan_t *sc, size_t p, const char *name, size_t n)
{
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

/* Appends lower-cased bytes to the scratch buffer. */
static int s_add_lower(s_scan_t *sc, const uchar *p, size_t n)
{
    size_t at = sc->scratch.len;
    int rc = zc_buf_add(&sc->scratch, p, n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        sc->scratch.data[at + i] = (char)s_lower((uchar)sc->scratch.data[at + i]);
    return ZC_OK;
}

/* Keeps one attribute of a start tag unless it repeats an earlier name. */
static void s_keep_attr(s_scan_t *sc, size_t *na, const uchar *name, size_t nlen,
                        const uchar *val, size_t vlen)
{
    if (*na >= ZC_HTML_MAX_ATTRS)
        return;
    size_t mark = sc->scratch.len;
    if (s_add_lower(sc, name, nlen))
        goto undo;
    const char *lname = sc->scratch.data + mark;
    for (size_t i = 0; i < *na; i++)
        if (sc->off[i].name_len == nlen &&
            memcmp(sc->scratch.data + sc->off[i].name_off, lname, nlen) == 0)
            goto undo; /* the first one wins */
    size_t voff = sc->scratch.len;
    if (zc_html_decode((const char *)val, vlen, true, &sc->scratch))
        goto undo;
    sc->off[*na] = (s_attr_off_t){mark, nlen, voff, sc->scratch.len - voff};
    (*na)++;
    return;
undo:
    sc->scratch.len = mark;
    if (sc->scratch.data)
        sc->scratch.data[mark] = '\0';
}

static bool s_in(const char *const *list, size_t n, const zc_html_tag_t *tag)
{
    for (size_t i = 0; i < n; i++)
        if (zc_html_tag_is(tag, list[i]))
            return true;
    return false;
}

/* Tree-builder effects of a tag: svg/math nesting, raw text, RCDATA and the
   title. Returns where the data state resumes. */
static size_t s_after_tag(s_scan_t *sc, const zc_html_tag_t *tag, size_t p)
{
    bool svgmath = zc_html_tag_is(tag, "svg") || zc_html_tag_is(tag, "math");
    if (tag->end) {
        if (svgmath && sc->foreign)
            sc->foreign--;
        return p;
    }
    if (tag->foreign) {
        if (svgmath && !tag->self_closing && sc->foreign < UINT32_MAX)
            sc->foreign++;
        return p;
    }
    if (svgmath) {
        if (!tag->self_closing)
            sc->foreign = 1;
        return p;
    }
    if (zc_html_tag_is(tag, "script"))
        return s_script_end(sc, p);
    if (s_in(s_rawtext, ZC_ARRAY_LEN(s_rawtext), tag))
        return s_text_end(sc, p, tag->name, tag->name_len);
    if (zc_html_tag_is(tag, "textarea"))
        return s_text_end(sc, p, "textarea", 8);
    if (zc_html_tag_is(tag, "plaintext"))
        return sc->len;
    if (zc_html_tag_is(tag, "title")) {
        size_t e = s_text_end(sc, p, "title", 5);
        if (sc->title && !sc->title_done) {
            sc->title_done = true;
            *sc->has_title = true;
            zc_html_decode((const char *)sc->s + p, e - p, false, sc->title);
        }
        return e;
    }
    return p;
}

/* p is at the first letter of a tag name. Parses the tag, reports it and
   returns where the data state resumes (len when the input ends inside). */
static size_t s_tag(s_scan_t *sc, size_t p, bool end)
{
    const uchar *s = sc->s;
    size_t len = sc->len, start = p;
    while (p < len && !s_ws(s[p]) && s[p] != '/' && s[p] != '>')
        p++;
    if (p >= len)
        return len;
    zc_buf_reset(&sc->scratch);
    if (s_add_lower(sc, s + start, p - start))
        return len; /* cannot happen: scratch holds twice the input */
    size_t name_len = p - start, na = 0;
    bool self_closing = false;
    for (;;) {
        while (p < len && s_ws(s[p]))
            p++;
        if (p >= len)
            return len;
        if (s[p] == '>') {
            p++;
            break;
        }
        if (s[p] == '/') {
            p++;
            if (p < len && s[p] == '>') {
                self_closing = true;
                p++;
                break;
            }
            continue;
        }
        /* An attribute name; its first character may be '='. */
        size_t ns = p++;
        while (p < len && !s_ws(s[p]) && s[p] != '/' && s[p] != '>' && s[p] != '=')
            p++;
        size_t ne = p;
        while (p < len && s_ws(s[p]))
            p++;
        if (p >= len)
            return len;
        size_t vs = p, ve = p;
        if (s[p] == '=') {
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
                p = ve + 1;
            } else if (s[p] != '>') {
                vs = p;
                while (p < len && !s_ws(s[p]) && s[p] != '>')
                    p++;
                if (p >= len)
                    return len;
                ve = p;
            }
        }
        if (!end)
            s_keep_attr(sc, &na, s + ns, ne - ns, s + vs, ve - vs);
    }

    zc_html_tag_t tag = {.name = sc->scratch.data, .name_len = name_len, .end = end,
                         .self_closing = self_closing, .attrs = sc->attrs, .nattrs = na};
    for (size_t i = 0; i < na; i++)
        sc->attrs[i] = (zc_html_attr_t){sc->scratch.data + sc->off[i].name_off,
                                        sc->off[i].name_len,
                                        sc->scratch.data + sc->off[i].val_off,
                                        sc->off[i].val_len};
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

int zc_html_scan(const char *data, size_t len, zc_html_tag_fn fn, void *arg, zc_buf_t *title,
                 bool *has_title)
{
    s_scan_t *sc = zc_calloc(1, sizeof *sc);
    sc->s = (const uchar *)data;
    sc->len = len;
    sc->fn = fn;
    sc->arg = arg;
    sc->title = title;
    sc->has_title = has_title;
    if (has_title)
        *has_title = false;
    if (!has_title)
        sc->title = NULL;
    /* Decoded text is never longer than its source (a reference of n bytes
       decodes to at most n), so twice the input can never be exceeded. */
    zc_buf_init(&sc->scratch, 2 * len + 64);

    const uchar *s = sc->s;
    size_t p = 0;
    while (p < len && !sc->stop) {
        const uchar *lt = memchr(s + p, '<', len - p);
        if (!lt || (size_t)(lt - s) + 1 >= len)
            break;
        p = (size_t)(lt - s);
        uchar c = s[p + 1];
        if (c == '!') {
            p = s_markup(sc, p + 2);
        } else if (c == '/') {
            if (p + 2 >= len)
                break;
            if (s_alpha(s[p + 2]))
                p = s_tag(sc, p + 2, true);
            else if (s[p + 2] == '>')
                p += 3;
            else
                p = s_bogus(sc, p + 2);
        } else if (c == '?') {
            p = s_bogus(sc, p + 1);
        } else if (s_alpha(c)) {
            p = s_tag(sc, p + 1, false);
        } else {
            p++;
        }
    }
    zc_buf_free(&sc->scratch);
    free(sc);
    return ZC_OK;
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
    s_check_hostile("<script>", "<!--<script>--><", mb);
    s_check_hostile("<script><!--", "<script></script", mb);
    s_check_hostile("<style>", "</styl", mb);
    s_check_hostile("", "<!", mb);
    s_check_hostile("", "</ ", mb);
    s_check_hostile("<svg>", "<![CDATA[", mb);

    /* zc_html_decode keeps what fits. */
    zc_buf_t small;
    zc_buf_init(&small, 4);
    assert(zc_html_decode("ab&amp;cdef", 11, false, &small) == ZC_ETOOBIG);
    assert(small.len == 4 && memcmp(small.data, "ab&c", 4) == 0);
    zc_buf_free(&small);
    return 0;
}
