/*  fuzz_html — libFuzzer target for parser/zc_html and parser/zc_page.

    Input: one selector byte, then the document. The selector picks the
    Content-Type (HTML with no charset, charsets that make zc_page convert
    with iconv, UTF-16, a bogus label, XHTML, or none so that the content is
    sniffed), the X-Robots-Tag, the outlink limit and the title buffer's limit.

    The document goes through the bare scanner (every tag and attribute is
    read, so that ASan sees any out-of-bounds string), the reference decoder
    and the whole page analysis. Invariants checked with a trap:
    1. Tag and attribute names are ASCII lower case; end tags carry no
       attributes; at most ZC_HTML_MAX_ATTRS attributes, none named twice.
    2. The title fits its buffer's limit.
    3. zc_page: no title nor links unless the content is HTML; the title is
       valid UTF-8 within ZC_PAGE_TITLE_MAX bytes; at most max_outlinks
       outlinks, unique, each a normalized URL; the follow links are
       unique outlinks, and none under nofollow.
*/
#include "fuzz_util.h"
#include "zc_html.h"
#include "zc_page.h"
#include "zc_url.h"
#include "zc_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The page the document claims to come from. */
#define S_PAGE_URL "http://example.com/dir/page.html"

static const char *const s_types[] = {
    "text/html",
    "text/html; charset=windows-1252",
    "text/html; charset=ISO-8859-1",
    "text/html; charset=shift_jis",
    "text/html; charset=utf-16le",
    "text/html; charset=\"koi8-r\"",
    "text/html; charset=bogus-label",
    "application/xhtml+xml",
    "text/html; charset=utf-8",
    "text/html; charset=gb18030",
    NULL,
    "",
};

static const char *const s_robots[] = {NULL, "noindex", "nofollow", "zcrawl: none"};

static const size_t s_max_outlinks[] = {1000, 0, 1, 7};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return fuzz_init(argc, argv);
}

static bool s_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            return false;
    return true;
}

typedef struct {
    unsigned long sum; /* reading every byte lets ASan check the strings */
    size_t tags;
    bool stop_early;
} s_scan_t;

static bool s_tag_cb(const zc_html_tag_t *tag, void *arg)
{
    s_scan_t *s = arg;
    FUZZ_CHECK(s_lower(tag->name, tag->name_len));
    FUZZ_CHECK(tag->nattrs <= ZC_HTML_MAX_ATTRS);
    FUZZ_CHECK(!tag->end || tag->nattrs == 0);
    for (size_t i = 0; i < tag->name_len; i++)
        s->sum += (unsigned char)tag->name[i];
    for (size_t i = 0; i < tag->nattrs; i++) {
        const zc_html_attr_t *a = &tag->attrs[i];
        FUZZ_CHECK(s_lower(a->name, a->name_len));
        for (size_t k = 0; k < a->name_len; k++)
            s->sum += (unsigned char)a->name[k];
        for (size_t k = 0; k < a->value_len; k++)
            s->sum += (unsigned char)a->value[k];
        for (size_t k = 0; k < i; k++)
            FUZZ_CHECK(tag->attrs[k].name_len != a->name_len ||
                       memcmp(tag->attrs[k].name, a->name, a->name_len) != 0);
    }
    /* The lookups the page analysis makes. */
    if (zc_html_tag_is(tag, "a") || zc_html_tag_is(tag, "base")) {
        const zc_html_attr_t *href = zc_html_attr(tag, "href");
        if (href)
            s->sum += href->value_len;
    }
    s->tags++;
    return s->stop_early && s->tags >= 3;
}

static int s_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted copy of the list's pointers (the caller frees it). */
static char **s_sorted(const zc_strlist_t *l)
{
    char **v = zc_malloc((l->n ? l->n : 1) * sizeof *v);
    if (l->n)
        memcpy(v, l->v, l->n * sizeof *v);
    qsort(v, l->n, sizeof *v, s_cmp);
    return v;
}

static void s_check_page(const zc_page_t *pg, size_t max_outlinks)
{
    if (!pg->html) {
        FUZZ_CHECK(pg->title == NULL && pg->outlinks.n == 0 && pg->follow.n == 0);
        return;
    }
    if (pg->title) {
        size_t n = strlen(pg->title);
        FUZZ_CHECK(n <= ZC_PAGE_TITLE_MAX);
        FUZZ_CHECK(fuzz_utf8_valid(pg->title, n));
    }
    FUZZ_CHECK(pg->outlinks.n <= max_outlinks);
    FUZZ_CHECK(pg->follow.n <= pg->outlinks.n);
    if (pg->nofollow)
        FUZZ_CHECK(pg->follow.n == 0);
    for (size_t i = 0; i < pg->outlinks.n; i++) {
        char *norm = NULL;
        FUZZ_CHECK(zc_url_normalize(pg->outlinks.v[i], &norm) == ZC_OK);
        FUZZ_CHECK(strcmp(norm, pg->outlinks.v[i]) == 0);
        free(norm);
    }
    /* Outlinks are unique; follow links are unique outlinks. (Not in the
       same order: a link first seen with rel=nofollow and later without is
       an outlink at its first place and a follow link at its second.) */
    char **sorted = s_sorted(&pg->outlinks);
    for (size_t i = 1; i < pg->outlinks.n; i++)
        FUZZ_CHECK(strcmp(sorted[i - 1], sorted[i]) != 0);
    for (size_t i = 0; i < pg->follow.n; i++)
        FUZZ_CHECK(bsearch(&pg->follow.v[i], sorted, pg->outlinks.n, sizeof *sorted, s_cmp));
    free(sorted);
    sorted = s_sorted(&pg->follow);
    for (size_t i = 1; i < pg->follow.n; i++)
        FUZZ_CHECK(strcmp(sorted[i - 1], sorted[i]) != 0);
    free(sorted);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const char *doc = (const char *)data + 1;
    size_t len = size - 1;

    /* The bare scanner, with a title buffer of a varying limit. */
    size_t title_max = (sel & 0x80) ? 16 : 4096;
    zc_buf_t title;
    zc_buf_init(&title, title_max);
    bool has_title = false;
    s_scan_t scan = {0, 0, (sel & 0x40) != 0};
    FUZZ_CHECK(zc_html_scan(doc, len, s_tag_cb, &scan, &title, &has_title) == ZC_OK);
    FUZZ_CHECK(title.len <= title_max);
    if (!has_title)
        FUZZ_CHECK(title.len == 0);
    zc_buf_free(&title);
    FUZZ_CHECK(zc_html_scan(doc, len, NULL, NULL, NULL, NULL) == ZC_OK);

    /* Character references, both rules, into a bounded buffer. */
    zc_buf_t dec;
    zc_buf_init(&dec, 4 * len + 64);
    int rc = zc_html_decode(doc, len, (sel & 1) != 0, &dec);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_ETOOBIG);
    FUZZ_CHECK(dec.len <= dec.max);
    zc_buf_free(&dec);

    /* The whole page analysis. */
    const char *ctype = s_types[sel % ZC_ARRAY_LEN(s_types)];
    const char *robots = s_robots[(sel >> 4) & 3];
    size_t max_outlinks = s_max_outlinks[(sel >> 6) & 3];
    zc_page_t pg;
    memset(&pg, 0, sizeof pg);
    FUZZ_CHECK(zc_page_analyze(&pg, S_PAGE_URL, ctype, doc, len, robots, max_outlinks) == ZC_OK);
    s_check_page(&pg, max_outlinks);
    zc_page_clear(&pg);
    FUZZ_CHECK(pg.title == NULL && pg.outlinks.n == 0);

    /* The robots directive parser on the raw bytes. */
    (void)zc_page_robots_nofollow(doc, len);
    return 0;
}
