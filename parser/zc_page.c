/*  zc_page — see zc_page.h.

    One scan of the document, then one pass over the links: the scan
    collects the raw link references (decoded, in an arena sized by the
    input), the first <base href>, the meta robots verdict and, with
    extraction rules, feeds every tag and text chunk to the rules' matcher
    (zc_select); then the references are resolved
    against the base, which is right even when <base> comes after some links.
    Dedup uses per-page fingerprint sets (zc_fpset): one for the raw
    references already tried, one for the outlinks, one for the links to
    follow. References with a scheme other than http(s) are dropped before
    they reach the URL parser, and at most ZC_PAGE_MAX_RESOLVE references are
    resolved per page, so a hostile page costs bounded time.
*/
#include "zc_page.h"

#include "zc_buf.h"
#include "zc_fpset.h"
#include "zc_html.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* References resolved per page at most (dropped ones included). */
#define ZC_PAGE_MAX_RESOLVE 100000
/* Longest charset label considered. */
#define ZC_PAGE_LABEL_MAX 48
/* Initial size of the per-page fingerprint sets. */
#define ZC_PAGE_SET_INITIAL 256

static bool s_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

void zc_page_clear(zc_page_t *page)
{
    if (!page)
        return;
    free(page->title);
    zc_strlist_free(&page->outlinks);
    zc_strlist_free(&page->follow);
    for (size_t i = 0; i < page->nitems; i++) {
        free(page->items[i].name);
        zc_strlist_free(&page->items[i].values);
    }
    free(page->items);
    memset(page, 0, sizeof *page);
}

/* --- HTML detection ------------------------------------------------------- */

/* Case-insensitive prefix test of s (len bytes) against lower-case word. */
static bool s_iprefix(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && strncasecmp(s, word, n) == 0;
}

bool zc_page_is_html(const char *content_type, const char *body, size_t len)
{
    if (content_type) {
        const char *p = content_type;
        while (s_ws((unsigned char)*p))
            p++;
        size_t n = 0;
        while (p[n] && p[n] != ';' && !s_ws((unsigned char)p[n]))
            n++;
        if (n > 0)
            return (n == 9 && strncasecmp(p, "text/html", 9) == 0) ||
                   (n == 21 && strncasecmp(p, "application/xhtml+xml", 21) == 0);
    }
    if (!body)
        return false;
    if (len > ZC_PAGE_SNIFF_MAX)
        len = ZC_PAGE_SNIFF_MAX;
    size_t i = 0;
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && s_ws((unsigned char)body[i]))
        i++;
    const char *sig[] = {"<!doctype html", "<html"};
    for (size_t k = 0; k < ZC_ARRAY_LEN(sig); k++) {
        size_t n = strlen(sig[k]);
        if (s_iprefix(body + i, len - i, sig[k]) &&
            (i + n == len || s_ws((unsigned char)body[i + n]) || body[i + n] == '>'))
            return true;
    }
    return false;
}

/* --- robots directives ---------------------------------------------------- */

/* Directives that carry a value after ':' (not a user-agent prefix). */
static const char *const s_valued[] = {"unavailable_after", "max-snippet", "max-image-preview",
                                       "max-video-preview"};

static bool s_token_is(const char *s, size_t n, const char *word)
{
    return n == strlen(word) && strncasecmp(s, word, n) == 0;
}

bool zc_page_robots_nofollow(const char *directives, size_t len)
{
    bool applies = true; /* no user-agent prefix yet: every crawler */
    const char *p = directives, *end = directives + len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *te = comma ? comma : end;
        const char *ts = p;
        p = comma ? comma + 1 : end;
        const char *colon = memchr(ts, ':', (size_t)(te - ts));
        if (colon) {
            const char *ns = ts, *ne = colon;
            while (ns < ne && s_ws((unsigned char)*ns))
                ns++;
            while (ne > ns && s_ws((unsigned char)ne[-1]))
                ne--;
            bool valued = false;
            for (size_t i = 0; i < ZC_ARRAY_LEN(s_valued); i++)
                valued = valued || s_token_is(ns, (size_t)(ne - ns), s_valued[i]);
            if (valued)
                continue;
            /* "agent: directive": what follows applies to that agent. */
            applies = s_token_is(ns, (size_t)(ne - ns), "zcrawl") ||
                      s_token_is(ns, (size_t)(ne - ns), "*");
            ts = colon + 1;
        }
        while (ts < te && s_ws((unsigned char)*ts))
            ts++;
        while (te > ts && s_ws((unsigned char)te[-1]))
            te--;
        if (applies && (s_token_is(ts, (size_t)(te - ts), "nofollow") ||
                        s_token_is(ts, (size_t)(te - ts), "none")))
            return true;
    }
    return false;
}

/* --- charset -------------------------------------------------------------- */

typedef struct {
    const char *label;
    const char *iconv; /* NULL: UTF-8 */
} s_alias_t;

/* WHATWG Encoding aliases that differ from what iconv understands by the
   same name (latin1 is windows-1252 on the web, and so on). */
static const s_alias_t s_aliases[] = {
    {"utf-8", NULL},           {"utf8", NULL},           {"unicode-1-1-utf-8", NULL},
    {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"}, {"iso-8859-1", "WINDOWS-1252"},
    {"iso8859-1", "WINDOWS-1252"}, {"iso_8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},    {"cp819", "WINDOWS-1252"}, {"windows-1252", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"}, {"x-cp1252", "WINDOWS-1252"}, {"iso-8859-9", "WINDOWS-1254"},
    {"latin5", "WINDOWS-1254"}, {"tis-620", "WINDOWS-874"}, {"iso-8859-11", "WINDOWS-874"},
    {"gb2312", "GBK"},         {"gbk", "GBK"},           {"x-gbk", "GBK"},
    {"shift_jis", "CP932"},    {"sjis", "CP932"},        {"x-sjis", "CP932"},
    {"ms932", "CP932"},        {"windows-31j", "CP932"}, {"euc-kr", "CP949"},
    {"ks_c_5601-1987", "CP949"}, {"big5", "BIG5-HKSCS"}, {"x-user-defined", "WINDOWS-1252"},
};

/* The iconv name for a charset label into buf, or NULL for UTF-8 (and for
   labels that are not plausible charset names: the bytes are then kept). */
static const char *s_encoding(const char *label, size_t n, char *buf, size_t size)
{
    while (n && (s_ws((unsigned char)*label) || *label == '"' || *label == '\'')) {
        label++;
        n--;
    }
    while (n && (s_ws((unsigned char)label[n - 1]) || label[n - 1] == '"' ||
                 label[n - 1] == '\''))
        n--;
    if (n == 0 || n >= size || n >= ZC_PAGE_LABEL_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = label[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ':'))
            return NULL;
        buf[i] = c;
    }
    buf[n] = '\0';
    for (size_t i = 0; i < ZC_ARRAY_LEN(s_aliases); i++)
        if (strcmp(buf, s_aliases[i].label) == 0)
            return s_aliases[i].iconv;
    return buf;
}

/* The value of "charset=" inside s (a Content-Type or a meta content). */
static bool s_charset_param(const char *s, size_t len, const char **val, size_t *vlen)
{
    const char *end = s + len;
    for (const char *p = s; p + 7 <= end; p++) {
        if (strncasecmp(p, "charset", 7) != 0)
            continue;
        const char *q = p + 7;
        while (q < end && s_ws((unsigned char)*q))
            q++;
        if (q >= end || *q != '=')
            continue;
        q++;
        while (q < end && s_ws((unsigned char)*q))
            q++;
        char quote = q < end && (*q == '"' || *q == '\'') ? *q : 0;
        if (quote)
            q++;
        const char *v = q;
        while (q < end && (quote ? *q != quote : (*q != ';' && !s_ws((unsigned char)*q))))
            q++;
        *val = v;
        *vlen = (size_t)(q - v);
        return *vlen > 0;
    }
    return false;
}

typedef struct {
    char label[ZC_PAGE_LABEL_MAX];
    bool found;
} s_meta_charset_t;

static void s_meta_keep(s_meta_charset_t *m, const char *v, size_t n)
{
    if (n >= sizeof m->label)
        n = sizeof m->label - 1;
    memcpy(m->label, v, n);
    m->label[n] = '\0';
    m->found = true;
}

static bool s_meta_cb(const zc_html_tag_t *tag, void *arg)
{
    s_meta_charset_t *m = arg;
    if (tag->end || !zc_html_tag_is(tag, "meta"))
        return false;
    const zc_html_attr_t *cs = zc_html_attr(tag, "charset");
    if (cs && cs->value_len) {
        s_meta_keep(m, cs->value, cs->value_len);
        return true;
    }
    const zc_html_attr_t *he = zc_html_attr(tag, "http-equiv");
    const zc_html_attr_t *ct = zc_html_attr(tag, "content");
    const char *v;
    size_t n;
    if (he && ct && he->value_len == 12 && strncasecmp(he->value, "content-type", 12) == 0 &&
        s_charset_param(ct->value, ct->value_len, &v, &n)) {
        s_meta_keep(m, v, n);
        return true;
    }
    return false;
}

/* Converts in (len bytes) from enc to UTF-8 in a new buffer; bytes that do
   not convert become U+FFFD. NULL if iconv does not know enc. */
static char *s_iconv(const char *enc, const char *in, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16, used = 0;
    char *out = zc_malloc(cap);
    char *ip = (char *)in;
    size_t ileft = len;
    while (ileft) {
        if (cap - used < 16) {
            cap *= 2;
            out = zc_realloc(out, cap);
        }
        char *op = out + used;
        size_t oleft = cap - used - 4; /* room kept for one U+FFFD */
        size_t rc = iconv(cd, &ip, &ileft, &op, &oleft);
        used = (size_t)(op - out);
        if (rc != (size_t)-1 || errno == E2BIG)
            continue;
        memcpy(out + used, "\xEF\xBF\xBD", 3);
        used += 3;
        if (errno == EILSEQ) {
            ip++;
            ileft--;
        } else {
            break; /* EINVAL: an incomplete sequence at the end */
        }
    }
    iconv_close(cd);
    out[used] = '\0';
    *outlen = used;
    return out;
}

/* Finds the document's charset and, when it is not UTF-8, converts. On
   return *doc and *dlen are what to scan; *owned is a buffer to free, if any. */
static void s_to_utf8(const char *content_type, const char *body, size_t len, const char **doc,
                      size_t *dlen, char **owned)
{
    *doc = body;
    *dlen = len;
    *owned = NULL;
    char buf[ZC_PAGE_LABEL_MAX];
    const char *enc = NULL;
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
        *doc = body + 3;
        *dlen = len - 3;
        return;
    }
    if (len >= 2 && (memcmp(body, "\xFE\xFF", 2) == 0 || memcmp(body, "\xFF\xFE", 2) == 0)) {
        enc = body[0] == '\xFE' ? "UTF-16BE" : "UTF-16LE";
        body += 2;
        len -= 2;
    } else {
        const char *v;
        size_t n;
        s_meta_charset_t meta = {{0}, false};
        if (content_type && s_charset_param(content_type, strlen(content_type), &v, &n)) {
            enc = s_encoding(v, n, buf, sizeof buf);
        } else {
            zc_html_scan(body, len < ZC_PAGE_PRESCAN_MAX ? len : ZC_PAGE_PRESCAN_MAX, s_meta_cb,
                         &meta, NULL, NULL);
            if (meta.found) {
                enc = s_encoding(meta.label, strlen(meta.label), buf, sizeof buf);
                /* A document that can declare itself in ASCII is not UTF-16. */
                if (enc && strncmp(enc, "utf-16", 6) == 0)
                    enc = NULL;
            }
        }
    }
    if (!enc)
        return;
    size_t n = 0;
    char *conv = s_iconv(enc, body, len, &n);
    if (conv) {
        *doc = conv;
        *dlen = n;
        *owned = conv;
    }
}

/* --- title ---------------------------------------------------------------- */

/* Collapses and trims ASCII whitespace, replaces invalid UTF-8 with U+FFFD
   and cuts at ZC_PAGE_TITLE_MAX bytes on a character boundary. */
static char *s_title_clean(const char *raw, size_t len)
{
    zc_buf_t b;
    zc_buf_init(&b, ZC_PAGE_TITLE_MAX);
    const unsigned char *p = (const unsigned char *)raw, *end = p + len;
    bool space = false;
    while (p < end) {
        if (s_ws(*p)) {
            space = b.len > 0;
            p++;
            continue;
        }
        size_t n = *p < 0x80 ? 1 : zc_utf8_seq(p, (size_t)(end - p));
        const char *add = n ? (const char *)p : "\xEF\xBF\xBD";
        size_t alen = n ? n : 3;
        if (b.len + (space ? 1 : 0) + alen > b.max)
            break;
        if (space)
            zc_buf_addc(&b, ' ');
        zc_buf_add(&b, add, alen);
        space = false;
        p += n ? n : 1;
    }
    char *out = zc_strndup(b.data ? b.data : "", b.len);
    zc_buf_free(&b);
    return out;
}

/* --- links ---------------------------------------------------------------- */

typedef struct {
    size_t off, len;
    bool follow;
} s_ref_t;

typedef struct {
    zc_buf_t arena;      /* raw references, decoded */
    s_ref_t *refs;
    size_t n, cap;
    bool want_links;
    bool has_base;
    size_t base_off, base_len;
    bool meta_nofollow;
    zc_select_t *sel;    /* the extraction rules' matcher, or NULL */
} s_collect_t;

/* True when the whitespace-separated list v holds token (case-insensitive). */
static bool s_has_token(const zc_html_attr_t *a, const char *token)
{
    if (!a)
        return false;
    const char *p = a->value, *end = a->value + a->value_len;
    while (p < end) {
        while (p < end && s_ws((unsigned char)*p))
            p++;
        const char *s = p;
        while (p < end && !s_ws((unsigned char)*p))
            p++;
        if (p > s && s_token_is(s, (size_t)(p - s), token))
            return true;
    }
    return false;
}

static int s_keep(s_collect_t *c, const zc_html_attr_t *a, size_t *off)
{
    *off = c->arena.len;
    return zc_buf_add(&c->arena, a->value, a->value_len);
}

static void s_add_ref(s_collect_t *c, const zc_html_attr_t *a, bool follow)
{
    size_t off;
    if (s_keep(c, a, &off))
        return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->refs = zc_realloc(c->refs, c->cap * sizeof *c->refs);
    }
    c->refs[c->n++] = (s_ref_t){off, a->value_len, follow};
}

static bool s_collect_cb(const zc_html_tag_t *tag, void *arg)
{
    s_collect_t *c = arg;
    if (c->sel)
        zc_select_tag(c->sel, tag);
    if (tag->end)
        return false;
    if (zc_html_tag_is(tag, "meta")) {
        const zc_html_attr_t *name = zc_html_attr(tag, "name");
        const zc_html_attr_t *content = zc_html_attr(tag, "content");
        if (name && content &&
            (s_token_is(name->value, name->value_len, "robots") ||
             s_token_is(name->value, name->value_len, "zcrawl")) &&
            zc_page_robots_nofollow(content->value, content->value_len))
            c->meta_nofollow = true;
        return false;
    }
    if (!c->want_links)
        return false;
    const zc_html_attr_t *a = NULL;
    bool follow = true;
    if (zc_html_tag_is(tag, "a") || zc_html_tag_is(tag, "area")) {
        a = zc_html_attr(tag, "href");
        follow = !s_has_token(zc_html_attr(tag, "rel"), "nofollow");
    } else if (zc_html_tag_is(tag, "link")) {
        const zc_html_attr_t *rel = zc_html_attr(tag, "rel");
        if (s_has_token(rel, "canonical") || s_has_token(rel, "alternate") ||
            s_has_token(rel, "next") || s_has_token(rel, "prev"))
            a = zc_html_attr(tag, "href");
        follow = !s_has_token(rel, "nofollow");
    } else if (zc_html_tag_is(tag, "frame") || zc_html_tag_is(tag, "iframe")) {
        a = zc_html_attr(tag, "src");
    } else if (zc_html_tag_is(tag, "base") && !c->has_base) {
        const zc_html_attr_t *href = zc_html_attr(tag, "href");
        if (href && !s_keep(c, href, &c->base_off)) {
            c->has_base = true;
            c->base_len = href->value_len;
        }
    }
    if (a)
        s_add_ref(c, a, follow);
    return false;
}

static bool s_text_cb(const char *text, size_t len, void *arg)
{
    s_collect_t *c = arg;
    zc_select_text(c->sel, text, len);
    return false;
}

/* True when ref starts with a scheme other than http or https (mailto:,
   javascript:, data:...), which zc_url_resolve would refuse anyway. */
static bool s_other_scheme(const char *ref, size_t len)
{
    size_t i = 0;
    while (i < len && (unsigned char)ref[i] <= 0x20)
        i++;
    size_t s = i;
    while (i < len && ((ref[i] >= 'a' && ref[i] <= 'z') || (ref[i] >= 'A' && ref[i] <= 'Z') ||
                       (i > s && ((ref[i] >= '0' && ref[i] <= '9') || ref[i] == '+' ||
                                  ref[i] == '-' || ref[i] == '.'))))
        i++;
    if (i == s || i >= len || ref[i] != ':')
        return false;
    size_t n = i - s;
    return !s_token_is(ref + s, n, "http") && !s_token_is(ref + s, n, "https");
}

static void s_resolve(zc_page_t *page, const char *url, s_collect_t *c, size_t max_outlinks)
{
    /* The base is parsed once per page (the page URL, or its first <base
       href> resolved against it); each link is then resolved into a stack
       buffer without allocating, and only kept links are copied. */
    zc_url_base_t base_buf;
    const zc_url_base_t *base = NULL;
    if (zc_url_base_parse(&base_buf, url, strlen(url)) == ZC_OK)
        base = &base_buf;
    char abs[ZC_URL_MAX + 1];
    size_t alen;
    if (c->has_base &&
        zc_url_resolve_buf(base, c->arena.data + c->base_off, c->base_len, abs, sizeof abs,
                           &alen) == ZC_OK &&
        zc_url_base_parse(&base_buf, abs, alen) == ZC_OK)
        base = &base_buf;
    zc_fpset_t *tried = zc_fpset_new(ZC_PAGE_SET_INITIAL);
    zc_fpset_t *out = zc_fpset_new(ZC_PAGE_SET_INITIAL);
    zc_fpset_t *fol = zc_fpset_new(ZC_PAGE_SET_INITIAL);
    size_t resolved = 0;
    for (size_t i = 0; i < c->n && page->outlinks.n < max_outlinks; i++) {
        const s_ref_t *r = &c->refs[i];
        const char *ref = c->arena.data + r->off;
        bool follow = r->follow && !page->nofollow;
        if (s_other_scheme(ref, r->len) ||
            !zc_fpset_add(tried, zc_hash64(ref, r->len, follow ? 1 : 2)))
            continue;
        if (++resolved > ZC_PAGE_MAX_RESOLVE)
            break;
        if (zc_url_resolve_buf(base, ref, r->len, abs, sizeof abs, &alen) != ZC_OK)
            continue;
        uint64_t fp = zc_fp_url(abs, alen);
        if (zc_fpset_add(out, fp))
            zc_strlist_push(&page->outlinks, abs);
        if (follow && zc_fpset_add(fol, fp))
            zc_strlist_push(&page->follow, abs);
    }
    zc_fpset_destroy(&tried);
    zc_fpset_destroy(&out);
    zc_fpset_destroy(&fol);
}

int zc_page_analyze(zc_page_t *page, const char *url, const char *content_type, const char *body,
                    size_t len, const char *x_robots_tag, size_t max_outlinks)
{
    return zc_page_analyze_with(page, url, content_type, body, len, x_robots_tag, max_outlinks,
                                NULL);
}

/* Moves the values the matcher found into page->items. */
static void s_items(zc_page_t *page, const zc_select_rules_t *rules, zc_select_t *sel)
{
    zc_select_finish(sel);
    page->nitems = zc_select_rules_count(rules);
    page->items = zc_calloc(page->nitems, sizeof *page->items);
    for (size_t i = 0; i < page->nitems; i++) {
        page->items[i].name = zc_strdup(zc_select_rules_name(rules, i));
        zc_select_take(sel, i, &page->items[i].values);
    }
    page->items_truncated = zc_select_truncated(sel);
}

int zc_page_analyze_with(zc_page_t *page, const char *url, const char *content_type,
                         const char *body, size_t len, const char *x_robots_tag,
                         size_t max_outlinks, const zc_select_rules_t *rules)
{
    if (!body)
        len = 0;
    if (!zc_page_is_html(content_type, body, len))
        return ZC_OK;
    page->html = true;
    const char *doc;
    size_t dlen;
    char *owned;
    s_to_utf8(content_type, body ? body : "", len, &doc, &dlen, &owned);

    s_collect_t c;
    memset(&c, 0, sizeof c);
    c.want_links = max_outlinks > 0;
    /* References are decoded attribute values, at most three times their
       source (a NUL becomes U+FFFD, a few references decode longer); the
       arena only grows as far as the page needs. */
    zc_buf_init(&c.arena, 3 * dlen + 64);
    zc_buf_t title;
    zc_buf_init(&title, ZC_PAGE_TITLE_RAW_MAX);
    bool has_title = false;
    /* Without rules the scan is zc_html_scan's: no matcher, no text calls. */
    if (zc_select_rules_count(rules))
        c.sel = zc_select_new(rules);
    zc_html_opts_t scan = {.tag = s_collect_cb,
                           .text = c.sel && zc_select_rules_text(rules) ? s_text_cb : NULL,
                           .arg = &c,
                           .title = &title,
                           .has_title = &has_title};
    zc_html_scan_opts(doc, dlen, &scan);
    if (c.sel) {
        s_items(page, rules, c.sel);
        zc_select_destroy(&c.sel);
    }
    if (has_title)
        page->title = s_title_clean(title.data ? title.data : "", title.len);
    page->nofollow = c.meta_nofollow ||
                     (x_robots_tag && zc_page_robots_nofollow(x_robots_tag, strlen(x_robots_tag)));
    if (max_outlinks)
        s_resolve(page, url, &c, max_outlinks);

    zc_buf_free(&title);
    zc_buf_free(&c.arena);
    free(c.refs);
    free(owned);
    return ZC_OK;
}

/* --- self-test ------------------------------------------------------------ */

/* Checks a string list against a NULL-terminated expectation. */
static void s_expect(const zc_strlist_t *l, const char *const *want, bool verbose)
{
    size_t n = 0;
    while (want[n])
        n++;
    bool ok = l->n == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = strcmp(l->v[i], want[i]) == 0;
    if (verbose || !ok)
        for (size_t i = 0; i < l->n; i++)
            fprintf(stderr, "  [%zu] %s\n", i, l->v[i]);
    assert(ok);
}

static void s_run(zc_page_t *pg, const char *ct, const char *html, const char *xrt, size_t max)
{
    zc_page_clear(pg);
    assert(zc_page_analyze(pg, "http://example.com/dir/page.html", ct, html, strlen(html), xrt,
                           max) == ZC_OK);
}

int zc_page_test(bool verbose)
{
    zc_page_t pg;
    memset(&pg, 0, sizeof pg);

    /* Relative, absolute, fragment and duplicate links; which elements count. */
    s_run(&pg, "text/html; charset=utf-8",
          "<html><head><title>\n  Hello,\t\n world  </title>"
          "<link rel=stylesheet href=s.css><link rel=\"Canonical\" href=/canon>"
          "<link rel='next prev' href=/n></head><body>"
          "<a href=\"a.html\">a</a> <a href='/b'>b</a> <a href=#frag>f</a>"
          "<a href=\"a.html#x\">dup</a> <a href=\"HTTP://Other.ORG:80/x\">o</a>"
          "<a href=\"mailto:x@y.z\">m</a><a href=\"javascript:void(0)\">j</a><a>none</a>"
          "<area href=/area><iframe src=/if></iframe><frame src=/fr><img src=/img.png>"
          "<a href=\"nf\" rel=\"noopener NoFollow\">nf</a><a href=a.html rel=nofollow>d</a>"
          "<a href=\"/q?a=1&amp;b=2\">q</a><script>x='<a href=/no>'</script>"
          "<a href=\"nf\">nf again, followable</a></body></html>",
          NULL, 1000);
    assert(pg.html && pg.title && strcmp(pg.title, "Hello, world") == 0 && !pg.nofollow);
    const char *want1[] = {"http://example.com/canon", "http://example.com/n",
                           "http://example.com/dir/a.html", "http://example.com/b",
                           "http://example.com/dir/page.html", "http://other.org/x",
                           "http://example.com/area", "http://example.com/if",
                           "http://example.com/fr", "http://example.com/dir/nf",
                           "http://example.com/q?a=1&b=2", NULL};
    s_expect(&pg.outlinks, want1, verbose);
    const char *follow1[] = {"http://example.com/canon", "http://example.com/n",
                             "http://example.com/dir/a.html", "http://example.com/b",
                             "http://example.com/dir/page.html", "http://other.org/x",
                             "http://example.com/area", "http://example.com/if",
                             "http://example.com/fr", "http://example.com/q?a=1&b=2",
                             "http://example.com/dir/nf", NULL};
    s_expect(&pg.follow, follow1, verbose);

    /* The first <base href> counts, even for links before it. */
    s_run(&pg, "text/html", "<a href=x></a><base href=\"/other/\"><base href=\"http://no/\">"
          "<a href=\"../y\">", NULL, 1000);
    const char *want2[] = {"http://example.com/other/x", "http://example.com/y", NULL};
    s_expect(&pg.outlinks, want2, verbose);
    assert(pg.title == NULL);
    s_run(&pg, "text/html", "<base target=_top><base href=\"javascript:x\"><a href=x>", NULL,
          1000);
    const char *want3[] = {"http://example.com/dir/x", NULL};
    s_expect(&pg.outlinks, want3, verbose);

    /* Page-level nofollow: meta robots and X-Robots-Tag. */
    const char *none[] = {NULL};
    s_run(&pg, "text/html", "<meta name=ROBOTS content=\"noindex, NoFollow\"><a href=x>", NULL,
          1000);
    assert(pg.nofollow && pg.outlinks.n == 1);
    s_expect(&pg.follow, none, verbose);
    s_run(&pg, "text/html", "<meta name=robots content=none><a href=x>", NULL, 1000);
    assert(pg.nofollow && pg.follow.n == 0);
    s_run(&pg, "text/html", "<meta name=robots content=noindex><a href=x>", NULL, 1000);
    assert(!pg.nofollow && pg.follow.n == 1);
    s_run(&pg, "text/html", "<a href=x>", "noarchive, nofollow", 1000);
    assert(pg.nofollow && pg.follow.n == 0 && pg.outlinks.n == 1);
    const char *xrt_yes[] = {"NONE", "zcrawl: nofollow", "unavailable_after: 1 Jan 2020, nofollow",
                             "googlebot: noindex, zcrawl: none"};
    const char *xrt_no[] = {"noindex", "googlebot: nofollow", "nofollowx", ""};
    for (size_t i = 0; i < ZC_ARRAY_LEN(xrt_yes); i++)
        assert(zc_page_robots_nofollow(xrt_yes[i], strlen(xrt_yes[i])));
    for (size_t i = 0; i < ZC_ARRAY_LEN(xrt_no); i++)
        assert(!zc_page_robots_nofollow(xrt_no[i], strlen(xrt_no[i])));

    /* Limits: max outlinks, title only, URLs past ZC_URL_MAX dropped. */
    s_run(&pg, "text/html", "<a href=1><a href=2><a href=1><a href=3><a href=4>", NULL, 3);
    const char *want4[] = {"http://example.com/dir/1", "http://example.com/dir/2",
                           "http://example.com/dir/3", NULL};
    s_expect(&pg.outlinks, want4, verbose);
    s_run(&pg, "text/html", "<title>T</title><a href=1>", NULL, 0);
    assert(strcmp(pg.title, "T") == 0 && pg.outlinks.n == 0 && pg.follow.n == 0);
    zc_buf_t big;
    zc_buf_init(&big, 1 << 16);
    zc_buf_adds(&big, "<a href=\"/");
    for (int i = 0; i < ZC_URL_MAX; i++)
        zc_buf_addc(&big, 'x');
    zc_buf_adds(&big, "\"><a href=/ok>");
    s_run(&pg, "text/html", big.data, NULL, 1000);
    const char *want5[] = {"http://example.com/ok", NULL};
    s_expect(&pg.outlinks, want5, verbose);
    zc_buf_free(&big);

    /* HTML detection. */
    assert(zc_page_is_html("TEXT/HTML; charset=x", "", 0));
    assert(zc_page_is_html(" application/xhtml+xml", "", 0));
    assert(!zc_page_is_html("text/plain", "<html>", 6));
    assert(!zc_page_is_html("text/htmlx", "<html>", 6));
    assert(zc_page_is_html(NULL, "\xEF\xBB\xBF \n<!DOCTYPE HTML>", 20));
    assert(zc_page_is_html("", "<HTML lang=en>", 14));
    assert(zc_page_is_html(NULL, "<html", 5));
    assert(!zc_page_is_html(NULL, "<htmlx>", 7));
    assert(!zc_page_is_html(NULL, "hello <html>", 12));
    assert(!zc_page_is_html(NULL, NULL, 0));
    s_run(&pg, "application/pdf", "<title>T</title><a href=x>", NULL, 1000);
    assert(!pg.html && !pg.title && pg.outlinks.n == 0);
    s_run(&pg, NULL, "<!doctype html><title>Sniffed</title>", NULL, 1000);
    assert(pg.html && strcmp(pg.title, "Sniffed") == 0);

    /* Charsets: header, meta, BOM; invalid UTF-8 replaced. */
    s_run(&pg, "text/html; charset=\"ISO-8859-1\"", "<title>caf\xe9 &eacute;</title>", NULL, 10);
    assert(strcmp(pg.title, "caf\xc3\xa9 \xc3\xa9") == 0);
    s_run(&pg, "text/html", "<meta charset='windows-1252'><title>\x80 \xe9</title>"
          "<a href=/caf\xe9>", NULL, 10);
    assert(strcmp(pg.title, "\xe2\x82\xac \xc3\xa9") == 0);
    assert(pg.outlinks.n == 1 && strcmp(pg.outlinks.v[0], "http://example.com/caf%C3%A9") == 0);
    s_run(&pg, "text/html", "<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>"
          "<title>\xf0\xd2\xc9\xd7\xc5\xd4</title>", NULL, 10);
    assert(strcmp(pg.title, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82") == 0);
    s_run(&pg, "text/html", "<meta charset=utf-16><title>\xc3\xa9</title>", NULL, 10);
    assert(strcmp(pg.title, "\xc3\xa9") == 0);
    s_run(&pg, "text/html; charset=bogus-charset", "<title>x\xff</title>", NULL, 10);
    assert(strcmp(pg.title, "x\xef\xbf\xbd") == 0);
    s_run(&pg, "text/html", "<title>\xc3\xa9\xff\xc3</title>", NULL, 10);
    assert(strcmp(pg.title, "\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd") == 0);
    const char u16[] = "\xff\xfe<\0t\0i\0t\0l\0e\0>\0\xe9\0<\0/\0t\0i\0t\0l\0e\0>\0";
    zc_page_clear(&pg);
    zc_page_analyze(&pg, "http://example.com/", "text/html", u16, sizeof u16 - 1, NULL, 10);
    assert(pg.title && strcmp(pg.title, "\xc3\xa9") == 0);

    /* A long title is cut on a character boundary. */
    zc_buf_init(&big, 1 << 16);
    zc_buf_adds(&big, "<title>");
    for (int i = 0; i < ZC_PAGE_TITLE_MAX; i++)
        zc_buf_adds(&big, "\xc3\xa9");
    zc_buf_adds(&big, "</title>");
    s_run(&pg, "text/html", big.data, NULL, 10);
    assert(strlen(pg.title) == ZC_PAGE_TITLE_MAX);
    zc_buf_free(&big);

    /* Extraction rules ride on the same scan: raw attribute values with
       references decoded, text with references decoded and whitespace
       collapsed, an item per rule even when nothing matched, none without
       rules or for content that is not HTML. */
    const char *specs[] = {"post=a.post-item-title@href", "title=h1", "none=table td",
                           "head=title"};
    zc_strlist_t l = {(char **)specs, ZC_ARRAY_LEN(specs)};
    zc_select_rules_t *rules = NULL;
    assert(zc_select_compile(&l, &rules, NULL, 0) == ZC_OK);
    const char blog[] = "<title>Blog</title><h1>My &amp;\n <b>blog</b>&#33;</h1><ul>"
                        "<li><a class=post-item-title href='/p/1?a=1&amp;b=2'>One</a>"
                        "<li><a class='x post-item-title' href=p/2.html>Two</a>"
                        "<li><a class=post-item href=/p/3>Three</a></ul>";
    zc_page_clear(&pg);
    assert(zc_page_analyze_with(&pg, "http://example.com/dir/page.html", "text/html", blog,
                                strlen(blog), NULL, 1000, rules) == ZC_OK);
    assert(pg.nitems == 4 && strcmp(pg.items[0].name, "post") == 0);
    const char *posts[] = {"/p/1?a=1&b=2", "p/2.html", NULL};
    s_expect(&pg.items[0].values, posts, verbose);
    const char *h1[] = {"My & blog!", NULL};
    s_expect(&pg.items[1].values, h1, verbose);
    assert(strcmp(pg.items[2].name, "none") == 0 && pg.items[2].values.n == 0);
    const char *head[] = {"Blog", NULL};
    s_expect(&pg.items[3].values, head, verbose);
    assert(pg.outlinks.n == 3 && strcmp(pg.title, "Blog") == 0 && !pg.items_truncated);
    s_run(&pg, "text/html", blog, NULL, 1000);
    assert(pg.nitems == 0 && pg.items == NULL && pg.outlinks.n == 3);
    zc_page_clear(&pg);
    assert(zc_page_analyze_with(&pg, "http://example.com/", "text/plain", blog, strlen(blog),
                                NULL, 1000, rules) == ZC_OK);
    assert(!pg.html && pg.nitems == 0);
    zc_page_clear(&pg);
    const char latin1[] = "<h1>caf\xe9</h1>";
    assert(zc_page_analyze_with(&pg, "http://example.com/", "text/html; charset=iso-8859-1",
                                latin1, strlen(latin1), NULL, 0, rules) == ZC_OK);
    assert(pg.nitems == 4 && pg.items[1].values.n == 1 &&
           strcmp(pg.items[1].values.v[0], "caf\xc3\xa9") == 0);
    zc_select_rules_destroy(&rules);

    zc_page_clear(&pg);
    assert(pg.title == NULL && pg.outlinks.n == 0 && pg.items == NULL);
    return 0;
}
