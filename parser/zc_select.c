/*  zc_select — see zc_select.h.

    Compilation turns each rule into an array of compounds, left to right;
    compound i carries `child` when the combinator between i-1 and i is '>'.
    Every compound but a rule's last gets a bit number; an open element keeps
    those bits (one row of `words` 64-bit words per stack entry), so walking
    the stack is bit tests, never string compares.

    Invariants of a matcher
    1. stack[0..depth) are the open elements, outermost first; names[] holds
       their names back to back, and an entry's name_off is where the names
       arena ends when it is popped.
    2. active[0..nactive) are the text values being gathered, with the stack
       index of their element; indexes never decrease along the array (a
       value starts at an element pushed after, hence inside, every earlier
       open one), so popping to depth d finishes a suffix of the array.
    3. held is the sum of the bytes of every value, finished or gathered, and
       never passes ZC_SELECT_ITEMS_MAX.
    4. notext counts the open elements whose text is not gathered.
*/
#include "zc_select.h"

#include "zc_buf.h"
#include "zc_util.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned char uchar;

/* --- compiled rules ------------------------------------------------------- */

typedef struct {
    char *name; /* lower case */
    size_t name_len;
    char *value; /* NULL: [attr] */
    size_t value_len;
} s_attrsel_t;

typedef struct {
    char *type; /* lower case, NULL for any element */
    size_t type_len;
    char **classes;
    size_t *class_lens;
    size_t nclasses;
    s_attrsel_t *attrs; /* #id is [id=...] */
    size_t nattrs;
    bool child;  /* the combinator before this compound is '>' */
    size_t bit;  /* stack bit (every compound but the last) */
} s_compound_t;

typedef struct {
    char *name;
    s_compound_t *c;
    size_t n;
    char *take; /* @attr (lower case), NULL for the text */
    size_t take_len;
} s_rule_t;

/* Slots of the open-addressing index of s_elems (a power of two). */
#define S_ELEM_SLOTS 256

struct zc_select_rules_t {
    s_rule_t r[ZC_SELECT_MAX_RULES];
    size_t n;
    uint8_t elem[S_ELEM_SLOTS]; /* s_elems index + 1 by name hash, 0: empty */
    const s_compound_t *bitc[ZC_SELECT_MAX_RULES * ZC_SELECT_MAX_COMPOUNDS];
    size_t nbits;
    bool text;
};

static void s_elem_index(zc_select_rules_t *rules);

static void s_compound_free(s_compound_t *c)
{
    free(c->type);
    for (size_t i = 0; i < c->nclasses; i++)
        free(c->classes[i]);
    free(c->classes);
    free(c->class_lens);
    for (size_t i = 0; i < c->nattrs; i++) {
        free(c->attrs[i].name);
        free(c->attrs[i].value);
    }
    free(c->attrs);
}

static void s_rule_free(s_rule_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        s_compound_free(&r->c[i]);
    free(r->c);
    free(r->name);
    free(r->take);
    memset(r, 0, sizeof *r);
}

void zc_select_rules_destroy(zc_select_rules_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_select_rules_t *self = *self_p;
    for (size_t i = 0; i < self->n; i++)
        s_rule_free(&self->r[i]);
    free(self);
    *self_p = NULL;
}

size_t zc_select_rules_count(const zc_select_rules_t *rules)
{
    return rules ? rules->n : 0;
}

const char *zc_select_rules_name(const zc_select_rules_t *rules, size_t i)
{
    return rules && i < rules->n ? rules->r[i].name : NULL;
}

bool zc_select_rules_text(const zc_select_rules_t *rules)
{
    return rules && rules->text;
}

/* --- selector parser ------------------------------------------------------ */

typedef struct {
    const char *spec; /* the whole rule, for messages */
    const uchar *s;   /* the selector */
    size_t len, pos;
    char *err;
    size_t errsize;
    bool failed;
} s_lex_t;

/* Records the first error: the rule, the reason, the 1-based position. */
static void s_fail(s_lex_t *lx, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void s_fail(s_lex_t *lx, size_t pos, const char *fmt, ...)
{
    if (lx->failed)
        return;
    lx->failed = true;
    if (!lx->err || !lx->errsize)
        return;
    char why[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    snprintf(lx->err, lx->errsize, "'%s', character %zu of the selector: %s", lx->spec, pos + 1,
             why);
}

static bool s_ws(uchar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool s_hex(uchar c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool s_name_char(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c >= 0x80;
}

static bool s_at_name(const s_lex_t *lx)
{
    return lx->pos < lx->len && (s_name_char(lx->s[lx->pos]) || lx->s[lx->pos] == '\\');
}

static void s_skip_ws(s_lex_t *lx)
{
    while (lx->pos < lx->len && s_ws(lx->s[lx->pos]))
        lx->pos++;
}

/* Takes the escaped character after a backslash at lx->pos into b. */
static void s_escape(s_lex_t *lx, zc_buf_t *b)
{
    size_t at = lx->pos++;
    if (lx->pos >= lx->len || lx->s[lx->pos] == '\n') {
        s_fail(lx, at, "'\\' must be followed by a character");
        return;
    }
    if (s_hex(lx->s[lx->pos])) {
        s_fail(lx, at, "hexadecimal escapes are not supported");
        return;
    }
    zc_buf_addc(b, (char)lx->s[lx->pos++]);
}

/* A name (identifier) at lx->pos, lower-cased when lower; NULL (and an error
   naming what) when there is none. */
static char *s_name(s_lex_t *lx, bool lower, size_t *len, const char *what)
{
    zc_buf_t b;
    zc_buf_init(&b, ZC_SELECT_MAX_LEN);
    size_t start = lx->pos;
    while (!lx->failed && lx->pos < lx->len) {
        uchar c = lx->s[lx->pos];
        if (c == '\\') {
            s_escape(lx, &b);
        } else if (s_name_char(c)) {
            zc_buf_addc(&b, (char)(lower && c >= 'A' && c <= 'Z' ? c + 32 : c));
            lx->pos++;
        } else {
            break;
        }
    }
    if (!lx->failed && b.len == 0)
        s_fail(lx, start, "expected %s", what);
    if (lx->failed) {
        zc_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

/* A quoted string at lx->pos (on its quote). */
static char *s_string(s_lex_t *lx, size_t *len)
{
    uchar q = lx->s[lx->pos];
    size_t start = lx->pos++;
    zc_buf_t b;
    zc_buf_init(&b, ZC_SELECT_MAX_LEN);
    for (;;) {
        if (lx->pos >= lx->len) {
            s_fail(lx, start, "unterminated string");
            break;
        }
        uchar c = lx->s[lx->pos];
        if (c == q) {
            lx->pos++;
            break;
        }
        if (c == '\\') {
            s_escape(lx, &b);
            if (lx->failed)
                break;
        } else {
            zc_buf_addc(&b, (char)c);
            lx->pos++;
        }
    }
    if (lx->failed) {
        zc_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data ? b.data : zc_strdup("");
}

/* "[name]" or "[name=value]", lx->pos on '['. */
static void s_attr(s_lex_t *lx, s_compound_t *c)
{
    size_t open = lx->pos++;
    s_attrsel_t a = {0};
    s_skip_ws(lx);
    a.name = s_name(lx, true, &a.name_len, "an attribute name after '['");
    if (lx->failed)
        return;
    s_skip_ws(lx);
    if (lx->pos < lx->len && strchr("~|^$*", lx->s[lx->pos]) && lx->pos + 1 < lx->len &&
        lx->s[lx->pos + 1] == '=') {
        s_fail(lx, lx->pos, "'%c=' is not supported (only [attr] and [attr=value])",
               lx->s[lx->pos]);
    } else if (lx->pos < lx->len && lx->s[lx->pos] == '=') {
        lx->pos++;
        s_skip_ws(lx);
        if (lx->pos < lx->len && (lx->s[lx->pos] == '"' || lx->s[lx->pos] == '\''))
            a.value = s_string(lx, &a.value_len);
        else
            a.value = s_name(lx, false, &a.value_len, "a value after '='");
        s_skip_ws(lx);
    }
    if (!lx->failed && (lx->pos >= lx->len || lx->s[lx->pos] != ']')) {
        if (lx->pos >= lx->len)
            s_fail(lx, open, "unclosed '['");
        else
            s_fail(lx, lx->pos, "expected ']'%s", a.value ? "" : " or '='");
    }
    if (lx->failed) {
        free(a.name);
        free(a.value);
        return;
    }
    lx->pos++;
    c->attrs = zc_realloc(c->attrs, (c->nattrs + 1) * sizeof *c->attrs);
    c->attrs[c->nattrs++] = a;
}

/* One compound selector at lx->pos. */
static void s_compound(s_lex_t *lx, s_compound_t *c)
{
    size_t start = lx->pos;
    if (lx->pos < lx->len && lx->s[lx->pos] == '*')
        lx->pos++;
    else if (s_at_name(lx))
        c->type = s_name(lx, true, &c->type_len, "an element name");
    while (!lx->failed && lx->pos < lx->len) {
        uchar ch = lx->s[lx->pos];
        if (ch == '.') {
            lx->pos++;
            size_t n = 0;
            char *cls = s_name(lx, false, &n, "a class name after '.'");
            if (!cls)
                break;
            c->classes = zc_realloc(c->classes, (c->nclasses + 1) * sizeof *c->classes);
            c->class_lens = zc_realloc(c->class_lens, (c->nclasses + 1) * sizeof *c->class_lens);
            c->classes[c->nclasses] = cls;
            c->class_lens[c->nclasses++] = n;
        } else if (ch == '#') {
            lx->pos++;
            s_attrsel_t a = {zc_strdup("id"), 2, NULL, 0};
            a.value = s_name(lx, false, &a.value_len, "an id after '#'");
            if (!a.value) {
                free(a.name);
                break;
            }
            c->attrs = zc_realloc(c->attrs, (c->nattrs + 1) * sizeof *c->attrs);
            c->attrs[c->nattrs++] = a;
        } else if (ch == '[') {
            s_attr(lx, c);
        } else if (ch == ':') {
            s_fail(lx, lx->pos, "pseudo-classes and pseudo-elements (':') are not supported");
        } else if (ch == '*' || s_at_name(lx)) {
            s_fail(lx, lx->pos, "the element name must come first in a compound selector");
        } else {
            break;
        }
    }
    if (!lx->failed && lx->pos == start)
        s_fail(lx, start, "expected an element name, '*', '.', '#' or '['");
}

/* Parses the selector of rule r from lx. */
static void s_selector(s_lex_t *lx, s_rule_t *r)
{
    s_skip_ws(lx);
    bool child = false;
    for (;;) {
        if (r->n == ZC_SELECT_MAX_COMPOUNDS) {
            s_fail(lx, lx->pos, "more than %d compound selectors", ZC_SELECT_MAX_COMPOUNDS);
            return;
        }
        r->c = zc_realloc(r->c, (r->n + 1) * sizeof *r->c);
        s_compound_t *c = &r->c[r->n++];
        memset(c, 0, sizeof *c);
        c->child = child;
        s_compound(lx, c);
        if (lx->failed)
            return;
        size_t before = lx->pos;
        s_skip_ws(lx);
        if (lx->pos >= lx->len)
            return;
        uchar ch = lx->s[lx->pos];
        if (ch == '@') {
            lx->pos++;
            r->take = s_name(lx, true, &r->take_len, "an attribute name after '@'");
            s_skip_ws(lx);
            if (!lx->failed && lx->pos < lx->len)
                s_fail(lx, lx->pos, "nothing may follow '@%s'", r->take);
            return;
        }
        if (ch == ',') {
            s_fail(lx, lx->pos, "selector lists (',') are not supported: give each selector "
                                "its own --extract");
            return;
        }
        if (ch == '+' || ch == '~') {
            s_fail(lx, lx->pos, "sibling combinators ('%c') are not supported", ch);
            return;
        }
        child = ch == '>';
        if (child) {
            lx->pos++;
            s_skip_ws(lx);
            if (lx->pos >= lx->len) {
                s_fail(lx, lx->pos, "expected a compound selector after '>'");
                return;
            }
        } else if (lx->pos == before) {
            s_fail(lx, lx->pos, "unexpected '%c'", ch);
            return;
        }
    }
}

/* Compiles one "NAME=SELECTOR" into r. */
static int s_rule(const char *spec, s_rule_t *r, char *err, size_t errsize)
{
    memset(r, 0, sizeof *r);
    const char *eq = strchr(spec, '=');
    s_lex_t lx = {.spec = spec, .err = err, .errsize = errsize};
    if (!eq || eq == spec) {
        if (err && errsize)
            snprintf(err, errsize, "'%s': expected NAME=SELECTOR[@attr]", spec);
        return ZC_EINVAL;
    }
    size_t nlen = (size_t)(eq - spec);
    for (size_t i = 0; i < nlen; i++) {
        uchar c = (uchar)spec[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.')) {
            if (err && errsize)
                snprintf(err, errsize,
                         "'%s': a rule name is made of letters, digits, '_', '-' and '.'", spec);
            return ZC_EINVAL;
        }
    }
    if (nlen > ZC_SELECT_NAME_MAX) {
        if (err && errsize)
            snprintf(err, errsize, "'%s': rule name longer than %d bytes", spec,
                     ZC_SELECT_NAME_MAX);
        return ZC_EINVAL;
    }
    lx.s = (const uchar *)eq + 1;
    lx.len = strlen(eq + 1);
    if (lx.len > ZC_SELECT_MAX_LEN) {
        if (err && errsize)
            snprintf(err, errsize, "'%.40s...': selector longer than %d bytes", spec,
                     ZC_SELECT_MAX_LEN);
        return ZC_EINVAL;
    }
    while (lx.pos < lx.len && s_ws(lx.s[lx.pos]))
        lx.pos++;
    if (lx.pos == lx.len) {
        if (err && errsize)
            snprintf(err, errsize, "'%s': empty selector", spec);
        return ZC_EINVAL;
    }
    lx.pos = 0;
    r->name = zc_strndup(spec, nlen);
    s_selector(&lx, r);
    if (lx.failed) {
        s_rule_free(r);
        return ZC_EINVAL;
    }
    return ZC_OK;
}

int zc_select_compile(const zc_strlist_t *specs, zc_select_rules_t **out, char *err,
                      size_t errsize)
{
    *out = NULL;
    zc_select_rules_t *self = zc_calloc(1, sizeof *self);
    s_elem_index(self);
    size_t n = specs ? specs->n : 0;
    if (n > ZC_SELECT_MAX_RULES) {
        if (err && errsize)
            snprintf(err, errsize, "more than %d extraction rules", ZC_SELECT_MAX_RULES);
        zc_select_rules_destroy(&self);
        return ZC_ETOOBIG;
    }
    for (size_t i = 0; i < n; i++) {
        s_rule_t *r = &self->r[self->n];
        int rc = s_rule(specs->v[i], r, err, errsize);
        for (size_t j = 0; rc == ZC_OK && j < self->n; j++) {
            if (strcmp(self->r[j].name, r->name) == 0) {
                if (err && errsize)
                    snprintf(err, errsize, "'%s': rule name '%s' is used twice", specs->v[i],
                             r->name);
                s_rule_free(r);
                rc = ZC_EINVAL;
            }
        }
        if (rc) {
            zc_select_rules_destroy(&self);
            return rc;
        }
        self->n++;
        for (size_t k = 0; k + 1 < r->n; k++) {
            r->c[k].bit = self->nbits;
            self->bitc[self->nbits++] = &r->c[k];
        }
        if (!r->take)
            self->text = true;
    }
    *out = self;
    return ZC_OK;
}

/* --- elements the tree builder treats specially --------------------------- */

enum {
    K_P = 1 << 0,
    K_LI = 1 << 1,
    K_DT = 1 << 2,
    K_DD = 1 << 3,
    K_OPTION = 1 << 4,
    K_TR = 1 << 5,
    K_TD = 1 << 6,
    K_TH = 1 << 7,
    F_VOID = 1 << 8,    /* never pushed */
    F_CLOSE_P = 1 << 9, /* its start closes an open p */
    F_SCOPE = 1 << 10,  /* bounds every search for an element to close */
    F_LIST = 1 << 11,   /* bounds the search for li */
    F_DL = 1 << 12,     /* bounds dt/dd */
    F_SELECT = 1 << 13, /* bounds option */
    F_TABLE = 1 << 14,  /* bounds tr, td, th */
    F_NOTEXT = 1 << 15, /* its text is not gathered */
};

typedef struct {
    const char *name;
    uint32_t flags;
} s_elem_t;

/* Sorted by strcmp (the self-test checks it). */
static const s_elem_t s_elems[] = {
    {"address", F_CLOSE_P},
    {"applet", F_SCOPE},
    {"area", F_VOID},
    {"article", F_CLOSE_P},
    {"aside", F_CLOSE_P},
    {"base", F_VOID},
    {"blockquote", F_CLOSE_P},
    {"br", F_VOID},
    {"button", F_SCOPE},
    {"caption", F_SCOPE},
    {"col", F_VOID},
    {"datalist", F_SELECT},
    {"dd", K_DD | F_CLOSE_P},
    {"div", F_CLOSE_P},
    {"dl", F_CLOSE_P | F_DL},
    {"dt", K_DT | F_CLOSE_P},
    {"embed", F_VOID},
    {"fieldset", F_CLOSE_P},
    {"footer", F_CLOSE_P},
    {"form", F_CLOSE_P},
    {"h1", F_CLOSE_P},
    {"h2", F_CLOSE_P},
    {"h3", F_CLOSE_P},
    {"h4", F_CLOSE_P},
    {"h5", F_CLOSE_P},
    {"h6", F_CLOSE_P},
    {"header", F_CLOSE_P},
    {"hr", F_VOID | F_CLOSE_P},
    {"html", F_SCOPE},
    {"iframe", F_NOTEXT},
    {"img", F_VOID},
    {"input", F_VOID},
    {"li", K_LI | F_CLOSE_P},
    {"link", F_VOID},
    {"main", F_CLOSE_P},
    {"marquee", F_SCOPE},
    {"menu", F_CLOSE_P | F_LIST},
    {"meta", F_VOID},
    {"nav", F_CLOSE_P},
    {"noembed", F_NOTEXT},
    {"noframes", F_NOTEXT},
    {"noscript", F_NOTEXT},
    {"object", F_SCOPE},
    {"ol", F_CLOSE_P | F_LIST},
    {"option", K_OPTION},
    {"p", K_P | F_CLOSE_P},
    {"pre", F_CLOSE_P},
    {"script", F_NOTEXT},
    {"section", F_CLOSE_P},
    {"select", F_SELECT},
    {"source", F_VOID},
    {"style", F_NOTEXT},
    {"table", F_CLOSE_P | F_TABLE | F_SCOPE},
    {"tbody", F_TABLE},
    {"td", K_TD | F_SCOPE},
    {"template", F_SCOPE | F_NOTEXT},
    {"tfoot", F_TABLE},
    {"th", K_TH | F_SCOPE},
    {"thead", F_TABLE},
    {"tr", K_TR},
    {"track", F_VOID},
    {"ul", F_CLOSE_P | F_LIST},
    {"wbr", F_VOID},
};

/* Longest name in s_elems. */
#define S_ELEM_NAME_MAX 10

static size_t s_elem_hash(const char *name, size_t len)
{
    return ((uchar)name[0] * 31u + (uchar)name[len - 1] * 7u + len * 131u) & (S_ELEM_SLOTS - 1);
}

/* Fills the index of s_elems (once per compilation: it is read-only then). */
static void s_elem_index(zc_select_rules_t *rules)
{
    for (size_t i = 0; i < ZC_ARRAY_LEN(s_elems); i++) {
        size_t h = s_elem_hash(s_elems[i].name, strlen(s_elems[i].name));
        while (rules->elem[h])
            h = (h + 1) & (S_ELEM_SLOTS - 1);
        rules->elem[h] = (uint8_t)(i + 1);
    }
}

/* The flags of the element named name: one hash and, mostly, one compare
   per tag, since this runs for every tag of every page. */
static uint32_t s_flags(const zc_select_rules_t *rules, const char *name, size_t len)
{
    if (len == 0 || len > S_ELEM_NAME_MAX)
        return 0;
    for (size_t h = s_elem_hash(name, len); rules->elem[h]; h = (h + 1) & (S_ELEM_SLOTS - 1)) {
        const s_elem_t *e = &s_elems[rules->elem[h] - 1];
        /* strncmp, not memcmp: a table name shorter than len ends at its NUL
           and must not be read past it. */
        if (e->name[0] == name[0] && strncmp(e->name, name, len) == 0 && e->name[len] == '\0')
            return e->flags;
    }
    return 0;
}

/* --- matcher -------------------------------------------------------------- */

typedef struct {
    size_t name_off, name_len;
    uint32_t flags;
} s_open_t;

typedef struct {
    zc_buf_t raw;  /* the text while it is gathered */
    char *str;     /* the value once finished */
    size_t len;
    bool space;    /* whitespace seen after the last character gathered */
    bool cut;      /* a limit cut the gathering */
} s_value_t;

typedef struct {
    s_value_t *v;
    size_t n, cap;
} s_values_t;

typedef struct {
    size_t rule, slot, depth;
} s_active_t;

struct zc_select_t {
    const zc_select_rules_t *rules;
    s_open_t *stack;
    size_t depth, cap;
    uint64_t *bits; /* words per stack entry, cap entries */
    size_t words;
    zc_buf_t names;
    s_active_t *active;
    size_t nactive, active_cap;
    s_values_t *vals; /* one per rule */
    zc_buf_t chunk;   /* a text chunk, collapsed */
    size_t held;
    size_t notext;
    bool truncated;
};

zc_select_t *zc_select_new(const zc_select_rules_t *rules)
{
    assert(rules);
    zc_select_t *self = zc_calloc(1, sizeof *self);
    self->rules = rules;
    self->words = (rules->nbits + 63) / 64;
    self->vals = zc_calloc(rules->n ? rules->n : 1, sizeof *self->vals);
    /* Names are bounded by the input that holds them. */
    zc_buf_init(&self->names, SIZE_MAX / 2);
    zc_buf_init(&self->chunk, ZC_SELECT_VALUE_MAX);
    return self;
}

void zc_select_destroy(zc_select_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    zc_select_t *self = *self_p;
    for (size_t r = 0; r < self->rules->n; r++) {
        for (size_t i = 0; i < self->vals[r].n; i++) {
            zc_buf_free(&self->vals[r].v[i].raw);
            free(self->vals[r].v[i].str);
        }
        free(self->vals[r].v);
    }
    free(self->vals);
    free(self->stack);
    free(self->bits);
    free(self->active);
    zc_buf_free(&self->names);
    zc_buf_free(&self->chunk);
    free(self);
    *self_p = NULL;
}

bool zc_select_truncated(const zc_select_t *self)
{
    return self->truncated;
}

/* Room left in the page's value budget. */
static size_t s_room(const zc_select_t *self)
{
    return ZC_SELECT_ITEMS_MAX - self->held;
}

/* True when s[0..avail) is the start of a UTF-8 sequence cut short. */
static bool s_cut_seq(const uchar *s, size_t avail)
{
    size_t need = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
                  : s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : 0;
    if (need == 0 || avail >= need)
        return false;
    for (size_t i = 1; i < avail; i++)
        if ((s[i] & 0xc0) != 0x80)
            return false;
    return true;
}

/* The value for len bytes of in: valid UTF-8 (NUL and invalid bytes become
   U+FFFD), at most max bytes, cut on a character boundary. A sequence cut
   short at the end is dropped when cut says the input itself was cut.
   *truncated is set when bytes were left out. */
static char *s_clean(const char *in, size_t len, size_t max, bool cut, size_t *outlen,
                     bool *truncated)
{
    zc_buf_t b;
    zc_buf_init(&b, max);
    const uchar *p = (const uchar *)in, *end = p + len;
    while (p < end) {
        size_t n = *p ? zc_utf8_seq(p, (size_t)(end - p)) : 0;
        if (!n && cut && s_cut_seq(p, (size_t)(end - p)))
            break;
        if (zc_buf_add(&b, n ? (const char *)p : "\xEF\xBF\xBD", n ? n : 3) != ZC_OK) {
            *truncated = true;
            break;
        }
        p += n ? n : 1;
    }
    *outlen = b.len;
    return b.data ? b.data : zc_strdup("");
}

/* A new value slot for rule r, or NULL when a limit says no. */
static s_value_t *s_slot(zc_select_t *self, size_t r, size_t *slot)
{
    s_values_t *vs = &self->vals[r];
    if (vs->n >= ZC_SELECT_MAX_VALUES || s_room(self) == 0) {
        self->truncated = true;
        return NULL;
    }
    if (vs->n == vs->cap) {
        vs->cap = vs->cap ? vs->cap * 2 : 8;
        vs->v = zc_realloc(vs->v, vs->cap * sizeof *vs->v);
    }
    *slot = vs->n;
    s_value_t *v = &vs->v[vs->n++];
    memset(v, 0, sizeof *v);
    zc_buf_init(&v->raw, ZC_SELECT_VALUE_MAX);
    return v;
}

/* Sets v to its final string made from len bytes of in. */
static void s_set(zc_select_t *self, s_value_t *v, const char *in, size_t len, bool cut)
{
    size_t max = s_room(self) < ZC_SELECT_VALUE_MAX ? s_room(self) : ZC_SELECT_VALUE_MAX;
    v->str = s_clean(in, len, max, cut, &v->len, &self->truncated);
    self->held += v->len;
}

/* Finishes the text value of an active entry. */
static void s_finish_text(zc_select_t *self, const s_active_t *a)
{
    s_value_t *v = &self->vals[a->rule].v[a->slot];
    self->held -= v->raw.len;
    s_set(self, v, v->raw.data ? v->raw.data : "", v->raw.len, v->cut);
    zc_buf_free(&v->raw);
}

/* Pops the open elements down to depth d, finishing their text values. */
static void s_pop_to(zc_select_t *self, size_t d)
{
    while (self->nactive && self->active[self->nactive - 1].depth >= d)
        s_finish_text(self, &self->active[--self->nactive]);
    while (self->depth > d) {
        const s_open_t *e = &self->stack[--self->depth];
        if (e->flags & F_NOTEXT)
            self->notext--;
        self->names.len = e->name_off;
    }
}

/* Closes the nearest open element with a flag in target, unless an element
   with a flag in stop comes first. */
static void s_close(zc_select_t *self, uint32_t target, uint32_t stop)
{
    for (size_t i = self->depth; i-- > 0;) {
        uint32_t f = self->stack[i].flags;
        if (f & target) {
            s_pop_to(self, i);
            return;
        }
        if (f & stop)
            return;
    }
}

static const zc_html_attr_t *s_find(const zc_html_tag_t *tag, const char *name, size_t len)
{
    for (size_t i = 0; i < tag->nattrs; i++)
        if (tag->attrs[i].name_len == len && memcmp(tag->attrs[i].name, name, len) == 0)
            return &tag->attrs[i];
    return NULL;
}

/* True when the whitespace-separated list a holds cls (case-sensitive). */
static bool s_has_class(const zc_html_attr_t *a, const char *cls, size_t len)
{
    const uchar *p = (const uchar *)a->value, *end = p + a->value_len;
    while (p < end) {
        while (p < end && s_ws(*p))
            p++;
        const uchar *s = p;
        while (p < end && !s_ws(*p))
            p++;
        if ((size_t)(p - s) == len && memcmp(s, cls, len) == 0)
            return true;
    }
    return false;
}

static bool s_compound_match(const s_compound_t *c, const zc_html_tag_t *tag)
{
    if (c->type && (tag->name_len != c->type_len || tag->name[0] != c->type[0] ||
                    memcmp(tag->name, c->type, c->type_len) != 0))
        return false;
    for (size_t i = 0; i < c->nattrs; i++) {
        const s_attrsel_t *s = &c->attrs[i];
        const zc_html_attr_t *a = s_find(tag, s->name, s->name_len);
        if (!a || (s->value && (a->value_len != s->value_len ||
                                memcmp(a->value, s->value, s->value_len) != 0)))
            return false;
    }
    if (c->nclasses) {
        const zc_html_attr_t *a = s_find(tag, "class", 5);
        if (!a)
            return false;
        for (size_t i = 0; i < c->nclasses; i++)
            if (!s_has_class(a, c->classes[i], c->class_lens[i]))
                return false;
    }
    return true;
}

static bool s_bit(const zc_select_t *self, size_t pos, size_t bit)
{
    return (self->bits[pos * self->words + bit / 64] >> (bit % 64)) & 1;
}

/* True when compounds lo..hi of r sit on the open elements pos-(hi-lo)..pos. */
static bool s_chain_at(const zc_select_t *self, const s_rule_t *r, size_t lo, size_t hi,
                       size_t pos)
{
    for (size_t k = 0; k <= hi - lo; k++)
        if (!s_bit(self, pos - k, r->c[hi - k].bit))
            return false;
    return true;
}

/* True when the ancestors on the stack satisfy r, whose last compound
   matched the element being started (at stack index depth). */
static bool s_ancestors(const zc_select_t *self, const s_rule_t *r)
{
    size_t i = r->n - 1, at = self->depth;
    /* The run of child combinators ending at the element is anchored. */
    while (i > 0 && r->c[i].child) {
        if (at == 0)
            return false;
        at--;
        i--;
        if (!s_bit(self, at, r->c[i].bit))
            return false;
    }
    /* Each earlier run goes on the nearest ancestors that fit: placing it
       lower can only leave fewer places for the runs before it. */
    while (i > 0) {
        size_t hi = i - 1, lo = hi;
        while (lo > 0 && r->c[lo].child)
            lo--;
        size_t span = hi - lo;
        bool found = false;
        for (size_t p = at; p-- > span;) {
            if (s_chain_at(self, r, lo, hi, p)) {
                at = p - span;
                found = true;
                break;
            }
        }
        if (!found)
            return false;
        i = lo;
    }
    return true;
}

static void s_start(zc_select_t *self, const zc_html_tag_t *tag)
{
    uint32_t f = s_flags(self->rules, tag->name, tag->name_len);
    if (f & K_LI)
        s_close(self, K_LI, F_LIST | F_SCOPE);
    if (f & (K_DT | K_DD))
        s_close(self, K_DT | K_DD, F_DL | F_SCOPE);
    if (f & F_CLOSE_P)
        s_close(self, K_P, F_SCOPE);
    if (f & K_OPTION)
        s_close(self, K_OPTION, F_SELECT | F_SCOPE);
    if (f & (K_TD | K_TH | K_TR))
        s_close(self, K_TD | K_TH, K_TR | F_TABLE | F_SCOPE);
    if (f & K_TR)
        s_close(self, K_TR, F_TABLE | F_SCOPE);

    bool isvoid = (f & F_VOID) ||
                  (tag->self_closing && (tag->foreign || zc_html_tag_is(tag, "svg") ||
                                         zc_html_tag_is(tag, "math")));
    bool push = !isvoid && self->depth < ZC_SELECT_MAX_DEPTH;
    if (push && self->depth == self->cap) {
        self->cap = self->cap ? self->cap * 2 : 64;
        self->stack = zc_realloc(self->stack, self->cap * sizeof *self->stack);
        if (self->words)
            self->bits = zc_realloc(self->bits, self->cap * self->words * sizeof *self->bits);
    }

    const zc_select_rules_t *rules = self->rules;
    for (size_t ri = 0; ri < rules->n; ri++) {
        const s_rule_t *r = &rules->r[ri];
        if (!s_compound_match(&r->c[r->n - 1], tag) || !s_ancestors(self, r))
            continue;
        size_t slot;
        s_value_t *v;
        if (r->take) {
            const zc_html_attr_t *a = s_find(tag, r->take, r->take_len);
            if (a && (v = s_slot(self, ri, &slot)) != NULL)
                s_set(self, v, a->value, a->value_len, false);
        } else if (isvoid) {
            if ((v = s_slot(self, ri, &slot)) != NULL)
                s_set(self, v, "", 0, false);
        } else if (push && (v = s_slot(self, ri, &slot)) != NULL) {
            if (self->nactive == self->active_cap) {
                self->active_cap = self->active_cap ? self->active_cap * 2 : 16;
                self->active = zc_realloc(self->active, self->active_cap * sizeof *self->active);
            }
            self->active[self->nactive++] = (s_active_t){ri, slot, self->depth};
        }
    }

    if (!push) {
        if (!isvoid)
            self->truncated = true;
        return;
    }
    if (self->words) {
        uint64_t *row = self->bits + self->depth * self->words;
        memset(row, 0, self->words * sizeof *row);
        for (size_t b = 0; b < rules->nbits; b++)
            if (s_compound_match(rules->bitc[b], tag))
                row[b / 64] |= UINT64_C(1) << (b % 64);
    }
    s_open_t *e = &self->stack[self->depth++];
    e->name_off = self->names.len;
    e->name_len = tag->name_len;
    e->flags = f;
    zc_buf_add(&self->names, tag->name, tag->name_len);
    if (f & F_NOTEXT)
        self->notext++;
}

void zc_select_tag(zc_select_t *self, const zc_html_tag_t *tag)
{
    if (!tag->end) {
        s_start(self, tag);
        return;
    }
    for (size_t i = self->depth; i-- > 0;) {
        const s_open_t *e = &self->stack[i];
        const char *name = self->names.data + e->name_off;
        if (e->name_len == tag->name_len && name[0] == tag->name[0] &&
            memcmp(name, tag->name, tag->name_len) == 0) {
            s_pop_to(self, i);
            return;
        }
    }
}

/* Appends n bytes of collapsed text s to v, after a space when one is due. */
static void s_gather(zc_select_t *self, s_value_t *v, const char *s, size_t n)
{
    size_t sp = v->space ? 1 : 0;
    size_t room = ZC_SELECT_VALUE_MAX - v->raw.len;
    if (s_room(self) < room)
        room = s_room(self);
    if (sp + n > room) {
        v->cut = true;
        self->truncated = true;
        if (room <= sp)
            return;
        n = room - sp;
    }
    if (sp)
        zc_buf_addc(&v->raw, ' ');
    zc_buf_add(&v->raw, s, n);
    self->held += sp + n;
    v->space = false;
}

void zc_select_text(zc_select_t *self, const char *data, size_t len)
{
    if (!self->nactive || self->notext || len == 0)
        return;
    /* Collapse the chunk once for every value gathering it; no value can
       take more than ZC_SELECT_VALUE_MAX bytes of it. */
    const uchar *p = (const uchar *)data, *end = p + len;
    bool lead = s_ws(p[0]), trail = s_ws(end[-1]), space = false;
    zc_buf_reset(&self->chunk);
    for (; p < end && self->chunk.len < self->chunk.max; p++) {
        if (*p == '\0')
            continue; /* the tree builder drops NUL in text */
        if (s_ws(*p)) {
            space = self->chunk.len > 0;
            continue;
        }
        if (space && zc_buf_addc(&self->chunk, ' ') != ZC_OK)
            break;
        space = false;
        if (zc_buf_addc(&self->chunk, (char)*p) != ZC_OK)
            break;
    }
    if (self->chunk.len && self->chunk.data[self->chunk.len - 1] == ' ')
        self->chunk.len--; /* the space before a character that did not fit */
    for (size_t i = 0; i < self->nactive; i++) {
        s_value_t *v = &self->vals[self->active[i].rule].v[self->active[i].slot];
        if (v->cut)
            continue;
        if (lead && v->raw.len)
            v->space = true;
        if (self->chunk.len)
            s_gather(self, v, self->chunk.data, self->chunk.len);
        if (trail && v->raw.len)
            v->space = true;
    }
}

void zc_select_finish(zc_select_t *self)
{
    s_pop_to(self, 0);
}

size_t zc_select_count(const zc_select_t *self, size_t rule)
{
    return rule < self->rules->n ? self->vals[rule].n : 0;
}

const char *zc_select_value(const zc_select_t *self, size_t rule, size_t i)
{
    if (rule >= self->rules->n || i >= self->vals[rule].n)
        return NULL;
    return self->vals[rule].v[i].str;
}

void zc_select_take(zc_select_t *self, size_t rule, zc_strlist_t *out)
{
    if (rule >= self->rules->n)
        return;
    s_values_t *vs = &self->vals[rule];
    if (vs->n == 0)
        return;
    out->v = zc_realloc(out->v, (out->n + vs->n) * sizeof *out->v);
    for (size_t i = 0; i < vs->n; i++) {
        s_value_t *v = &vs->v[i];
        out->v[out->n++] = v->str ? v->str : zc_strdup("");
        v->str = NULL;
        zc_buf_free(&v->raw);
    }
    vs->n = 0;
}

/* --- self-test ------------------------------------------------------------ */

static void s_test_text(zc_select_t *m, const char *s, size_t n, size_t chunk)
{
    if (!chunk)
        chunk = n;
    for (size_t off = 0; off < n; off += chunk)
        zc_select_text(m, s + off, n - off < chunk ? n - off : chunk);
}

/* Feeds html to m as events, the way the scanner reports them: start tags
   (names lower-cased, values unquoted; no references, comments or raw text),
   end tags, and the text between, cut in chunks of `chunk` bytes (0: whole). */
static void s_feed(zc_select_t *m, const char *html, size_t chunk)
{
    enum { NAME = 64 };
    static char names[ZC_HTML_MAX_ATTRS + 1][NAME];
    zc_html_attr_t attrs[ZC_HTML_MAX_ATTRS];
    const char *p = html;
    while (*p) {
        if (*p != '<') {
            const char *lt = strchr(p, '<');
            if (!lt)
                lt = p + strlen(p);
            s_test_text(m, p, (size_t)(lt - p), chunk);
            p = lt;
            continue;
        }
        p++;
        zc_html_tag_t tag = {0};
        if (*p == '/') {
            tag.end = true;
            p++;
        }
        size_t n = 0;
        while (*p && !s_ws((uchar)*p) && *p != '>' && !(*p == '/' && p[1] == '>')) {
            assert(n + 1 < NAME);
            names[0][n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
            p++;
        }
        tag.name = names[0];
        tag.name_len = n;
        size_t na = 0;
        for (;;) {
            while (s_ws((uchar)*p))
                p++;
            if (!*p)
                break;
            if (*p == '>') {
                p++;
                break;
            }
            if (*p == '/' && p[1] == '>') {
                tag.self_closing = true;
                p += 2;
                break;
            }
            assert(na < ZC_HTML_MAX_ATTRS);
            char *nm = names[na + 1];
            size_t k = 0;
            while (*p && !s_ws((uchar)*p) && *p != '=' && *p != '>') {
                assert(k + 1 < NAME);
                nm[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
                p++;
            }
            attrs[na] = (zc_html_attr_t){nm, k, "", 0};
            if (*p == '=') {
                p++;
                const char *s = p;
                if (*p == '"' || *p == '\'') {
                    char q = *p++;
                    s = p;
                    while (*p && *p != q)
                        p++;
                    attrs[na].value = s;
                    attrs[na].value_len = (size_t)(p - s);
                    if (*p)
                        p++;
                } else {
                    while (*p && !s_ws((uchar)*p) && *p != '>')
                        p++;
                    attrs[na].value = s;
                    attrs[na].value_len = (size_t)(p - s);
                }
            }
            na++;
        }
        if (tag.name_len && tag.name[0] == '!')
            continue;
        tag.attrs = attrs;
        tag.nattrs = tag.end ? 0 : na;
        zc_select_tag(m, &tag);
    }
}

/* "name:[v1][v2] name2:[]" for every rule of m. */
static void s_dump(const zc_select_t *m, zc_buf_t *out)
{
    zc_buf_reset(out);
    for (size_t r = 0; r < zc_select_rules_count(m->rules); r++) {
        zc_buf_printf(out, "%s%s:", r ? " " : "", zc_select_rules_name(m->rules, r));
        for (size_t i = 0; i < zc_select_count(m, r); i++)
            zc_buf_printf(out, "[%s]", zc_select_value(m, r, i));
    }
}

static zc_select_rules_t *s_rules(const char *const *specs, size_t n)
{
    zc_strlist_t l = {(char **)specs, n};
    zc_select_rules_t *rules = NULL;
    char err[256] = "";
    int rc = zc_select_compile(&l, &rules, err, sizeof err);
    if (rc)
        fprintf(stderr, "compile: %s\n", err);
    assert(rc == ZC_OK && rules);
    return rules;
}

/* Runs the rules over html, whole and in 1- and 3-byte text chunks, and
   checks the values against want (the s_dump form). */
static void s_case(const char *const *specs, size_t n, const char *html, const char *want,
                   bool verbose)
{
    zc_select_rules_t *rules = s_rules(specs, n);
    zc_buf_t got;
    zc_buf_init(&got, 1 << 20);
    const size_t chunks[] = {0, 1, 3};
    for (size_t c = 0; c < ZC_ARRAY_LEN(chunks); c++) {
        zc_select_t *m = zc_select_new(rules);
        s_feed(m, html, chunks[c]);
        zc_select_finish(m);
        s_dump(m, &got);
        bool ok = strcmp(got.data ? got.data : "", want) == 0;
        if (verbose || !ok)
            fprintf(stderr, "  %s\n  got  %s\n  want %s\n", html, got.data, want);
        assert(ok);
        assert(m->held <= ZC_SELECT_ITEMS_MAX && m->depth == 0 && m->nactive == 0);
        zc_select_destroy(&m);
        assert(m == NULL);
    }
    zc_buf_free(&got);
    zc_select_rules_destroy(&rules);
    assert(rules == NULL);
}

#define S_CASE(specs, html, want) s_case(specs, ZC_ARRAY_LEN(specs), html, want, verbose)

/* Compiling spec fails with rc, and the message holds what. */
static void s_bad(const char *spec, int rc, const char *what, bool verbose)
{
    zc_strlist_t l = {(char **)&spec, 1};
    zc_select_rules_t *rules = (zc_select_rules_t *)&l; /* must come back NULL */
    char err[512] = "";
    int got = zc_select_compile(&l, &rules, err, sizeof err);
    if (verbose || got != rc || !strstr(err, what))
        fprintf(stderr, "  %s -> %d %s\n", spec, got, err);
    assert(got == rc && rules == NULL && strstr(err, what));
}

int zc_select_test(bool verbose)
{
    zc_select_rules_t *rules = NULL;
    assert(zc_select_compile(NULL, &rules, NULL, 0) == ZC_OK);
    for (size_t i = 1; i < ZC_ARRAY_LEN(s_elems); i++)
        assert(strcmp(s_elems[i - 1].name, s_elems[i].name) < 0);
    for (size_t i = 0; i < ZC_ARRAY_LEN(s_elems); i++)
        assert(strlen(s_elems[i].name) <= S_ELEM_NAME_MAX &&
               s_flags(rules, s_elems[i].name, strlen(s_elems[i].name)) == s_elems[i].flags);
    assert(s_flags(rules, "pa", 2) == 0 && s_flags(rules, "", 0) == 0 &&
           s_flags(rules, "blockquotes", 11) == 0 && s_flags(rules, "tdx", 2) == (K_TD | F_SCOPE) &&
           s_flags(rules, "span", 4) == 0 && s_flags(rules, "h7", 2) == 0);
    zc_select_rules_destroy(&rules);

    /* The blog crawler's rule: raw hrefs (not resolved), document order; the
       text of the same links, and a longer path through the structure. */
    const char blog[] =
        "<html><head><title>My blog</title></head><body>\n"
        "<div class=\"post-list\">\n"
        " <div class=\"post-item\"><h2><a class=\"post-item-title\" href=\"/2024/01/hello.html\">"
        "Hello, world</a></h2><p class=summary>First post.</div>\n"
        " <div class=\"post-item\"><h2><a class=\"featured  post-item-title\" "
        "href=\"2024/02/second.html?x=1&y=2\">\n  Second   <em>post</em>\n</a></h2>\n"
        " <div class=\"post-item\"><a class=\"post-item-titles\" href=\"/no\">not this</a>"
        "<a class=\"Post-Item-Title\" href=\"/no2\">nor this</a><a class=post-item-title>"
        "no href</a></div>\n"
        "</div></body></html>";
    const char *blog_rules[] = {"post=a.post-item-title@href", "title=A.post-item-title",
                                "path=body > div.post-list > div.post-item h2 > a@HREF",
                                "summary=.post-item p.summary", "none=div.post-list > h2",
                                "direct=div.post-list > div.post-item > a@href",
                                "nested=div.post-item div.post-item > a@href"};
    S_CASE(blog_rules, blog,
           "post:[/2024/01/hello.html][2024/02/second.html?x=1&y=2] "
           "title:[Hello, world][Second post][no href] "
           "path:[/2024/01/hello.html][2024/02/second.html?x=1&y=2] summary:[First post.] "
           "none: direct: nested:[/no][/no2]");

    /* Descendant against child; the nearest li does not fit, the outer does. */
    const char *comb[] = {"desc=div span", "child=div > span", "deep=ul > li span",
                          "star=div > * > span", "two=div div"};
    S_CASE(comb,
           "<div id=a><p><span>x</span></p><span>y</span></div>"
           "<ul><li><ol><li><span>z</span></ol></ul><div><div><div>w</div></div></div>",
           "desc:[x][y] child:[y] deep:[z] star:[x] two:[w][w]");

    /* [attr], [attr=value] (value case-sensitive, name not), #id. */
    const char *attr[] = {"quoted=a[data-kind=\"x y\"]@href", "bare=a[data-kind=z]@href",
                          "has=[DATA-kind]@href", "lang=p[lang=en]", "id=#main",
                          "idc=div#Main.box[role='main' ]", "single=a[title='it\\'s']@href",
                          "empty=a[href=\"\"]@title"};
    S_CASE(attr,
           "<a data-kind=\"x y\" href=1></a><a data-kind=z href=2></a><a data-kind href=3>"
           "</a><a href='' title=t></a><a title=\"it's\" href=4></a>"
           "<p lang=EN>no</p><p lang=en>yes</p><div id=Main class='box' role=main>M</div>"
           "<div id=main>m</div>",
           "quoted:[1] bare:[2] has:[1][2][3] lang:[yes] id:[m] idc:[M] single:[4] "
           "empty:[t]");

    /* Text: nested elements, whitespace collapsed and trimmed, nested matches
       in start-tag order, script/style/noscript left out, empty text kept. */
    const char *text[] = {"c=div.c", "div=section div", "b=b", "h=h1"};
    S_CASE(text,
           "<div class=c>\n Hello <b>big</b>\n\t<i>world</i> ! <script>var x = 1;</script>"
           "<style>p{}</style><noscript>no</noscript>end </div>"
           "<section><div>a<div> b </div>c</div></section><h1>  </h1><h1></h1>",
           "c:[Hello big world ! end] div:[a b c][b] b:[big] h:[][]");

    /* Implied end tags: p, li, dt/dd, option, tr, td/th. */
    const char *implied[] = {"p=p", "li=li", "d=dl > *", "opt=option", "tr=tr", "td=td",
                             "in_p=p span"};
    S_CASE(implied,
           "<p>one<p>two<div>three</div><span>four</span>"
           "<ul><li>a<li>b <ul><li>c</ul></ul>"
           "<dl><dt>t1<dd>d1<dt>t2</dl>"
           "<select><option>o1<option>o2</select>"
           "<table><tr><th>h<td>1<td>2<tr><td>3</table>",
           "p:[one][two] li:[a][b c][c] d:[t1][d1][t2] opt:[o1][o2] tr:[h12][3] "
           "td:[1][2][3] in_p:");

    /* Void elements are never pushed; a stray end tag is ignored; an end tag
       closes what is open inside it; self-closing svg is void. */
    const char *voids[] = {"src=div.x > img@src", "span=div.x > span", "txt=div.x",
                           "img=img", "s=div > span.s"};
    S_CASE(voids,
           "<div class=x><img src=a.png><br></br><input value=v>text<span>s</span>"
           "<link rel=x></div><div><span class=s>a</b>b</span></div>"
           "<div class=x><span>c</div>d</span><div><svg/><span class=s>e</span></div>",
           "src:[a.png] span:[s][c] txt:[texts][c] img:[] s:[ab][e]");

    /* Foreign self-closing elements are not pushed either. */
    const char *svg[] = {"t=svg > text"};
    rules = s_rules(svg, 1);
    zc_select_t *m = zc_select_new(rules);
    const zc_html_tag_t tsvg = {"svg", 3, false, false, false, NULL, 0};
    const zc_html_tag_t tpath = {"path", 4, false, true, true, NULL, 0};
    const zc_html_tag_t ttext = {"text", 4, false, false, true, NULL, 0};
    const zc_html_tag_t etext = {"text", 4, true, false, true, NULL, 0};
    zc_select_tag(m, &tsvg);
    zc_select_tag(m, &tpath);
    zc_select_tag(m, &ttext);
    zc_select_text(m, "T", 1);
    zc_select_tag(m, &etext);
    zc_select_finish(m);
    assert(zc_select_count(m, 0) == 1 && strcmp(zc_select_value(m, 0, 0), "T") == 0);
    assert(zc_select_value(m, 0, 1) == NULL && zc_select_value(m, 1, 0) == NULL);
    zc_strlist_t took = {0};
    zc_select_take(m, 0, &took);
    assert(took.n == 1 && strcmp(took.v[0], "T") == 0 && zc_select_count(m, 0) == 0);
    zc_strlist_free(&took);
    zc_select_destroy(&m);

    /* NUL in text is dropped, as the tree builder does; a whitespace run
       split over chunks is still one space. */
    m = zc_select_new(rules);
    zc_select_tag(m, &tsvg);
    zc_select_tag(m, &ttext);
    zc_select_text(m, " a\0b \n", 6);
    zc_select_text(m, "\t ", 2);
    zc_select_text(m, "c ", 2);
    zc_select_finish(m);
    assert(zc_select_count(m, 0) == 1 && strcmp(zc_select_value(m, 0, 0), "ab c") == 0);
    zc_select_destroy(&m);
    zc_select_rules_destroy(&rules);

    /* Values are valid UTF-8: NUL and invalid bytes become U+FFFD. */
    const char *utf[] = {"v=a@title", "t=a"};
    S_CASE(utf, "<a title='caf\xc3\xa9 \xff'>\xe2\x82\xac \xe2\x82</a>",
           "v:[caf\xc3\xa9 \xef\xbf\xbd] t:[\xe2\x82\xac \xef\xbf\xbd\xef\xbf\xbd]");

    /* Bad rules: ZC_EINVAL and the reason, with the position. */
    s_bad("post", ZC_EINVAL, "expected NAME=SELECTOR[@attr]", verbose);
    s_bad("=a", ZC_EINVAL, "expected NAME=SELECTOR", verbose);
    s_bad("p st=a", ZC_EINVAL, "rule name is made of", verbose);
    s_bad("x=", ZC_EINVAL, "empty selector", verbose);
    s_bad("x=   ", ZC_EINVAL, "empty selector", verbose);
    s_bad("x=a..b", ZC_EINVAL,
          "'x=a..b', character 3 of the selector: expected a class name after '.'", verbose);
    s_bad("x=a.", ZC_EINVAL, "character 3 of the selector: expected a class name", verbose);
    s_bad("x=#", ZC_EINVAL, "expected an id after '#'", verbose);
    s_bad("x=a[", ZC_EINVAL, "expected an attribute name after '['", verbose);
    s_bad("x=a[href", ZC_EINVAL, "character 2 of the selector: unclosed '['", verbose);
    s_bad("x=a[href x]", ZC_EINVAL, "character 8 of the selector: expected ']' or '='",
          verbose);
    s_bad("x=a[href=]", ZC_EINVAL, "expected a value after '='", verbose);
    s_bad("x=a[href=a b]", ZC_EINVAL, "character 10 of the selector: expected ']'",
          verbose);
    s_bad("x=a[href~=x]", ZC_EINVAL, "'~=' is not supported", verbose);
    s_bad("x=a[href^='x']", ZC_EINVAL, "'^=' is not supported", verbose);
    s_bad("x=a[href='x]", ZC_EINVAL, "character 8 of the selector: unterminated string",
          verbose);
    s_bad("x=a:hover", ZC_EINVAL, "pseudo-classes", verbose);
    s_bad("x=a::text", ZC_EINVAL, "pseudo-classes", verbose);
    s_bad("x=a + b", ZC_EINVAL, "sibling combinators ('+')", verbose);
    s_bad("x=a~b", ZC_EINVAL, "sibling combinators ('~')", verbose);
    s_bad("x=a, b", ZC_EINVAL, "selector lists", verbose);
    s_bad("x=a >", ZC_EINVAL, "expected a compound selector after '>'", verbose);
    s_bad("x=> a", ZC_EINVAL,
          "character 1 of the selector: expected an element name, '*', '.', '#' or '['", verbose);
    s_bad("x=a > > b", ZC_EINVAL, "character 5 of the selector", verbose);
    s_bad("x=a@", ZC_EINVAL, "expected an attribute name after '@'", verbose);
    s_bad("x=a@href b", ZC_EINVAL, "nothing may follow '@href'", verbose);
    s_bad("x=[x]div", ZC_EINVAL, "the element name must come first", verbose);
    s_bad("x=a*", ZC_EINVAL, "the element name must come first", verbose);
    s_bad("x=a\\31", ZC_EINVAL, "hexadecimal escapes", verbose);
    s_bad("x=a\\", ZC_EINVAL, "'\\' must be followed by a character", verbose);
    s_bad("x=a{b}", ZC_EINVAL, "unexpected '{'", verbose);
    s_bad("x=@href", ZC_EINVAL, "expected an element name", verbose);

    /* An escaped character is literal: a Tailwind-style class. */
    const char *esc[] = {"e=div.md\\:flex", "u=*"};
    S_CASE(esc, "<div class='md:flex'>ok</div>", "e:[ok] u:[ok]");

    /* Limits of compilation. */
    zc_buf_t big;
    zc_buf_init(&big, 1 << 20);
    zc_buf_adds(&big, "x=a");
    for (int i = 1; i < ZC_SELECT_MAX_COMPOUNDS; i++)
        zc_buf_adds(&big, " a");
    const char *okspec = big.data;
    zc_strlist_t l1 = {(char **)&okspec, 1};
    assert(zc_select_compile(&l1, &rules, NULL, 0) == ZC_OK);
    zc_select_rules_destroy(&rules);
    zc_buf_adds(&big, " a");
    s_bad(big.data, ZC_EINVAL, "more than 16 compound selectors", verbose);
    zc_buf_reset(&big);
    zc_buf_adds(&big, "x=a");
    for (int i = 0; i < ZC_SELECT_MAX_LEN; i++)
        zc_buf_addc(&big, 'b');
    s_bad(big.data, ZC_EINVAL, "selector longer than 1024 bytes", verbose);
    zc_buf_reset(&big);
    for (int i = 0; i <= ZC_SELECT_NAME_MAX; i++)
        zc_buf_addc(&big, 'n');
    zc_buf_adds(&big, "=a");
    s_bad(big.data, ZC_EINVAL, "rule name longer than 64 bytes", verbose);
    char specbuf[ZC_SELECT_MAX_RULES + 1][16];
    char *specv[ZC_SELECT_MAX_RULES + 1];
    for (int i = 0; i <= ZC_SELECT_MAX_RULES; i++) {
        snprintf(specbuf[i], sizeof specbuf[i], "r%d=a", i);
        specv[i] = specbuf[i];
    }
    zc_strlist_t many = {specv, ZC_SELECT_MAX_RULES};
    char err[256] = "";
    assert(zc_select_compile(&many, &rules, err, sizeof err) == ZC_OK);
    assert(zc_select_rules_count(rules) == ZC_SELECT_MAX_RULES && zc_select_rules_text(rules));
    zc_select_rules_destroy(&rules);
    many.n++;
    assert(zc_select_compile(&many, &rules, err, sizeof err) == ZC_ETOOBIG && !rules);
    assert(strstr(err, "more than 32 extraction rules"));
    const char *dup[] = {"a=a", "b=b@href", "a=p"};
    zc_strlist_t ldup = {(char **)dup, 3};
    assert(zc_select_compile(&ldup, &rules, err, sizeof err) == ZC_EINVAL && !rules);
    assert(strstr(err, "'a=p': rule name 'a' is used twice"));
    assert(zc_select_compile(NULL, &rules, err, sizeof err) == ZC_OK);
    assert(zc_select_rules_count(rules) == 0 && !zc_select_rules_text(rules));
    zc_select_rules_destroy(&rules);
    const char *attr_only[] = {"h=a@href"};
    rules = s_rules(attr_only, 1);
    assert(!zc_select_rules_text(rules));
    zc_select_rules_destroy(&rules);

    /* Limits of matching: values per rule, bytes per value (cut on a
       character boundary), bytes per page, depth. */
    const char *lim[] = {"i=i", "h=i@title"};
    zc_buf_reset(&big);
    for (int i = 0; i < ZC_SELECT_MAX_VALUES + 5; i++)
        zc_buf_printf(&big, "<i title=%d>%d</i>", i, i);
    rules = s_rules(lim, 2);
    m = zc_select_new(rules);
    s_feed(m, big.data, 0);
    zc_select_finish(m);
    assert(zc_select_count(m, 0) == ZC_SELECT_MAX_VALUES &&
           zc_select_count(m, 1) == ZC_SELECT_MAX_VALUES && zc_select_truncated(m));
    assert(strcmp(zc_select_value(m, 0, 999), "999") == 0);
    zc_select_destroy(&m);

    zc_buf_reset(&big);
    zc_buf_adds(&big, "<i title='");
    for (int i = 0; i < ZC_SELECT_VALUE_MAX; i++)
        zc_buf_adds(&big, "\xe2\x82\xac");
    zc_buf_adds(&big, "'>");
    for (int i = 0; i < ZC_SELECT_VALUE_MAX; i++)
        zc_buf_adds(&big, "\xe2\x82\xac ");
    zc_buf_adds(&big, "</i><i>short</i>");
    m = zc_select_new(rules);
    s_feed(m, big.data, 0);
    zc_select_finish(m);
    const char *v0 = zc_select_value(m, 0, 0), *v1 = zc_select_value(m, 1, 0);
    assert(strlen(v1) == ZC_SELECT_VALUE_MAX / 3 * 3 && zc_select_truncated(m));
    assert(strlen(v0) <= ZC_SELECT_VALUE_MAX && strlen(v0) > ZC_SELECT_VALUE_MAX - 4);
    for (size_t i = 0; v0[i]; i += zc_utf8_seq((const uchar *)v0 + i, strlen(v0 + i)))
        assert(zc_utf8_seq((const uchar *)v0 + i, strlen(v0 + i)) > 0);
    assert(strcmp(zc_select_value(m, 0, 1), "short") == 0);
    zc_select_destroy(&m);

    /* 100 nested values of 16 KiB each: the page budget holds. */
    zc_buf_reset(&big);
    for (int i = 0; i < 100; i++)
        zc_buf_adds(&big, "<i>");
    for (int i = 0; i < ZC_SELECT_VALUE_MAX; i++)
        zc_buf_addc(&big, 'x');
    m = zc_select_new(rules);
    s_feed(m, big.data, 0);
    zc_select_finish(m);
    size_t total = 0;
    for (size_t i = 0; i < zc_select_count(m, 0); i++)
        total += strlen(zc_select_value(m, 0, i));
    assert(total <= ZC_SELECT_ITEMS_MAX && total > ZC_SELECT_ITEMS_MAX - ZC_SELECT_VALUE_MAX);
    assert(zc_select_count(m, 0) == 100 && zc_select_truncated(m));
    zc_select_destroy(&m);
    zc_select_rules_destroy(&rules);

    const char *deep[] = {"d=div", "a=a@href", "da=div a@href"};
    zc_buf_reset(&big);
    for (int i = 0; i < ZC_SELECT_MAX_DEPTH + 100; i++)
        zc_buf_adds(&big, "<div>");
    zc_buf_adds(&big, "<a href=x>t</a>");
    rules = s_rules(deep, 3);
    m = zc_select_new(rules);
    s_feed(m, big.data, 0);
    zc_select_finish(m);
    assert(zc_select_count(m, 0) == ZC_SELECT_MAX_DEPTH && zc_select_truncated(m));
    assert(strcmp(zc_select_value(m, 0, 0), "t") == 0);
    assert(zc_select_count(m, 1) == 1 && zc_select_count(m, 2) == 1);
    zc_select_destroy(&m);
    zc_select_rules_destroy(&rules);
    zc_buf_free(&big);
    return 0;
}
