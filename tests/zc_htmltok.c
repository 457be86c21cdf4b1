/*  zc_htmltok — runs the HTML scanner (parser/zc_html) on test cases, for
    tests/test_html5lib.py.

    Reads JSON lines on stdin, one case each:
        {"input_hex": "3c6120623d2763273e", "state": "Data state", "last": "xmp"}
    - input_hex: the input's UTF-8 bytes as hex digits, so any byte (NUL
      included) arrives exactly; a JSON string could not carry the lone
      surrogates of some tests, which the caller turns into U+FFFD first;
    - state: an html5lib initial state ("Data state", "RCDATA state",
      "RAWTEXT state", "Script data state", "PLAINTEXT state", "CDATA section
      state"); missing or null: the data state;
    - last: the last start tag's name, or null.
    Writes one JSON line per case, in order:
        {"start": [["a", [["b", "c"]]]], "text": "..."}
    the start tags with their kept attributes (names and decoded values, in
    order) and the character data the text callback delivered, joined. The
    scanner runs as the bare tokenizer (no state switch after <script> and
    the like), as html5lib's tokenizer tests expect. A line that does not
    parse gives {"error": "..."} and exit status 1 at the end.
*/
#include "zc_buf.h"
#include "zc_html.h"
#include "zc_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest input line and output line. */
#define ZC_HTMLTOK_LINE_MAX (64u << 20)

typedef struct {
    zc_buf_t start; /* the JSON array of start tags, without its brackets */
    size_t ntags;
    zc_buf_t text;
} s_out_t;

static bool s_tag_cb(const zc_html_tag_t *tag, void *arg)
{
    s_out_t *o = arg;
    if (tag->end)
        return false;
    zc_buf_adds(&o->start, o->ntags++ ? ",[" : "[");
    zc_buf_json_str(&o->start, tag->name, tag->name_len);
    zc_buf_adds(&o->start, ",[");
    for (size_t i = 0; i < tag->nattrs; i++) {
        zc_buf_adds(&o->start, i ? ",[" : "[");
        zc_buf_json_str(&o->start, tag->attrs[i].name, tag->attrs[i].name_len);
        zc_buf_addc(&o->start, ',');
        zc_buf_json_str(&o->start, tag->attrs[i].value, tag->attrs[i].value_len);
        zc_buf_addc(&o->start, ']');
    }
    zc_buf_adds(&o->start, "]]");
    return false;
}

static bool s_text_cb(const char *text, size_t len, void *arg)
{
    s_out_t *o = arg;
    zc_buf_add(&o->text, text, len);
    return false;
}

static void s_skip_ws(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r'))
        (*p)++;
}

static int s_hex4(const char *p, const char *end, unsigned *v)
{
    if (end - p < 4)
        return -1;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        *v = *v * 16 + (unsigned)d;
    }
    return 0;
}

static void s_put_utf8(zc_buf_t *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    zc_buf_add(b, u, n);
}

/* Parses the JSON string at *p (on its '"') into out as UTF-8; a lone
   surrogate escape becomes U+FFFD. Returns 0, or -1 when it is malformed. */
static int s_json_str(const char **p, const char *end, zc_buf_t *out)
{
    const char *q = *p;
    if (q >= end || *q != '"')
        return -1;
    q++;
    while (q < end && *q != '"') {
        if (*q != '\\') {
            zc_buf_addc(out, *q++);
            continue;
        }
        if (++q >= end)
            return -1;
        char c = *q++;
        unsigned cp;
        switch (c) {
        case '"': case '\\': case '/': zc_buf_addc(out, c); break;
        case 'b': zc_buf_addc(out, '\b'); break;
        case 'f': zc_buf_addc(out, '\f'); break;
        case 'n': zc_buf_addc(out, '\n'); break;
        case 'r': zc_buf_addc(out, '\r'); break;
        case 't': zc_buf_addc(out, '\t'); break;
        case 'u':
            if (s_hex4(q, end, &cp))
                return -1;
            q += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && end - q >= 6 && q[0] == '\\' && q[1] == 'u') {
                unsigned lo;
                if (s_hex4(q + 2, end, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    q += 6;
                }
            }
            s_put_utf8(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
            break;
        default:
            return -1;
        }
    }
    if (q >= end)
        return -1;
    *p = q + 1;
    return 0;
}

typedef struct {
    zc_buf_t hex, state, last;
    bool has_state, has_last;
} s_case_t;

/* Parses one flat JSON object of string or null values. */
static int s_parse_case(const char *line, size_t len, s_case_t *c)
{
    const char *p = line, *end = line + len;
    zc_buf_t key;
    zc_buf_init(&key, ZC_HTMLTOK_LINE_MAX);
    int rc = -1;
    s_skip_ws(&p, end);
    if (p >= end || *p++ != '{')
        goto out;
    s_skip_ws(&p, end);
    if (p < end && *p == '}') {
        rc = 0;
        goto out;
    }
    for (;;) {
        zc_buf_reset(&key);
        s_skip_ws(&p, end);
        if (s_json_str(&p, end, &key))
            goto out;
        s_skip_ws(&p, end);
        if (p >= end || *p++ != ':')
            goto out;
        s_skip_ws(&p, end);
        const char *k = key.data ? key.data : "";
        zc_buf_t *dst = strcmp(k, "input_hex") == 0 ? &c->hex
                        : strcmp(k, "state") == 0   ? &c->state
                        : strcmp(k, "last") == 0    ? &c->last
                                                    : NULL;
        if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
            p += 4;
        } else {
            zc_buf_t skip;
            zc_buf_init(&skip, ZC_HTMLTOK_LINE_MAX);
            int r = s_json_str(&p, end, dst ? dst : &skip);
            zc_buf_free(&skip);
            if (r)
                goto out;
            if (dst == &c->state)
                c->has_state = true;
            if (dst == &c->last)
                c->has_last = true;
        }
        s_skip_ws(&p, end);
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        if (p < end && *p == '}')
            break;
        goto out;
    }
    rc = 0;
out:
    zc_buf_free(&key);
    return rc;
}

static const struct {
    const char *name;
    zc_html_state_t state;
} s_states[] = {
    {"Data state", ZC_HTML_STATE_DATA},
    {"RCDATA state", ZC_HTML_STATE_RCDATA},
    {"RAWTEXT state", ZC_HTML_STATE_RAWTEXT},
    {"Script data state", ZC_HTML_STATE_SCRIPT_DATA},
    {"PLAINTEXT state", ZC_HTML_STATE_PLAINTEXT},
    {"CDATA section state", ZC_HTML_STATE_CDATA},
};

/* Runs one case; writes its output line to out. Returns 0 or -1 (the error
   is then in out). */
static int s_run(const char *line, size_t len, zc_buf_t *out)
{
    s_case_t c;
    memset(&c, 0, sizeof c);
    zc_buf_init(&c.hex, ZC_HTMLTOK_LINE_MAX);
    zc_buf_init(&c.state, 256);
    zc_buf_init(&c.last, 256);
    const char *err = NULL;
    zc_buf_t input;
    zc_buf_init(&input, ZC_HTMLTOK_LINE_MAX);
    zc_html_opts_t o = {.tag = s_tag_cb, .text = s_text_cb, .tokenizer_only = true};
    if (s_parse_case(line, len, &c)) {
        err = "not a flat JSON object of strings";
        goto out;
    }
    if (c.hex.len % 2) {
        err = "input_hex has an odd length";
        goto out;
    }
    for (size_t i = 0; i < c.hex.len; i += 2) {
        unsigned v;
        char four[4] = {'0', '0', c.hex.data[i], c.hex.data[i + 1]};
        if (s_hex4(four, four + 4, &v)) {
            err = "input_hex is not hex";
            goto out;
        }
        zc_buf_addc(&input, (char)v);
    }
    if (c.has_state) {
        size_t i = 0;
        while (i < ZC_ARRAY_LEN(s_states) &&
               strcmp(c.state.data ? c.state.data : "", s_states[i].name) != 0)
            i++;
        if (i == ZC_ARRAY_LEN(s_states)) {
            err = "unknown state";
            goto out;
        }
        o.state = s_states[i].state;
    }
    if (c.has_last)
        o.last_start_tag = c.last.data ? c.last.data : "";
    s_out_t r;
    zc_buf_init(&r.start, ZC_HTMLTOK_LINE_MAX);
    zc_buf_init(&r.text, ZC_HTMLTOK_LINE_MAX);
    r.ntags = 0;
    o.arg = &r;
    if (zc_html_scan_opts(input.data ? input.data : "", input.len, &o) != ZC_OK)
        err = "scan failed";
    zc_buf_adds(out, "{\"start\":[");
    zc_buf_add(out, r.start.data ? r.start.data : "", r.start.len);
    zc_buf_adds(out, "],\"text\":");
    zc_buf_json_str(out, r.text.data ? r.text.data : "", r.text.len);
    zc_buf_adds(out, "}\n");
    zc_buf_free(&r.start);
    zc_buf_free(&r.text);
out:
    if (err) {
        zc_buf_reset(out);
        zc_buf_adds(out, "{\"error\":");
        zc_buf_json_strz(out, err);
        zc_buf_adds(out, "}\n");
    }
    zc_buf_free(&input);
    zc_buf_free(&c.hex);
    zc_buf_free(&c.state);
    zc_buf_free(&c.last);
    return err ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        fprintf(stderr, "usage: %s < cases.jsonl > tags.jsonl\n", argv[0]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int status = 0;
    zc_buf_t out;
    zc_buf_init(&out, ZC_HTMLTOK_LINE_MAX);
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (n == 0)
            continue;
        zc_buf_reset(&out);
        if (s_run(line, (size_t)n, &out))
            status = 1;
        fwrite(out.data, 1, out.len, stdout);
    }
    free(line);
    zc_buf_free(&out);
    return fflush(stdout) == 0 ? status : 1;
}
