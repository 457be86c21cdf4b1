/*  fuzz_select — libFuzzer target for parser/zc_select, the extraction rules.

    Input: the rules, then '\n', then an HTML document. The rules part is
    split on NUL bytes into rule specs ("NAME=SELECTOR[@attr]"), at most
    S_MAX_SPECS of them (a few past ZC_SELECT_MAX_RULES, so that the limit is
    reached too). The specs are compiled; when they compile, the document is
    scanned with zc_html and fed to a matcher, and analysed by
    zc_page_analyze_with with the same rules.

    Invariants checked with a trap:
    1. A refused spec gives ZC_EINVAL or ZC_ETOOBIG, no rules, and a
       non-empty reason that fits ZC_SELECT_ERR_MAX; a small or absent error
       buffer gives the same result.
    2. Compiled rules: one per spec, names unique and at most
       ZC_SELECT_NAME_MAX bytes.
    3. Values: at most ZC_SELECT_MAX_VALUES per rule, each valid UTF-8 of at
       most ZC_SELECT_VALUE_MAX bytes, all of them within
       ZC_SELECT_ITEMS_MAX; zc_page gives one item per rule, in rule order.
*/
#include "fuzz_util.h"
#include "zc_html.h"
#include "zc_page.h"
#include "zc_select.h"
#include "zc_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_SPECS (ZC_SELECT_MAX_RULES + 2)
#define S_PAGE_URL "http://example.com/dir/page.html"
#define S_MAX_OUTLINKS 100

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return fuzz_init(argc, argv);
}

static bool s_tag(const zc_html_tag_t *tag, void *arg)
{
    zc_select_tag(arg, tag);
    return false;
}

static bool s_text(const char *text, size_t len, void *arg)
{
    zc_select_text(arg, text, len);
    return false;
}

/* Invariant 3 on one rule's values; adds their bytes to *total. */
static void s_check_value(const char *v, size_t *total)
{
    FUZZ_CHECK(v != NULL);
    size_t n = strlen(v);
    FUZZ_CHECK(n <= ZC_SELECT_VALUE_MAX);
    FUZZ_CHECK(fuzz_utf8_valid(v, n));
    *total += n;
}

static void s_match(const zc_select_rules_t *rules, const char *doc, size_t len)
{
    zc_select_t *m = zc_select_new(rules);
    FUZZ_CHECK(m != NULL);
    zc_html_opts_t opts;
    memset(&opts, 0, sizeof opts);
    opts.tag = s_tag;
    opts.text = s_text;
    opts.arg = m;
    FUZZ_CHECK(zc_html_scan_opts(doc, len, &opts) == ZC_OK);
    zc_select_finish(m);
    size_t nrules = zc_select_rules_count(rules), total = 0;
    for (size_t r = 0; r < nrules; r++) {
        size_t n = zc_select_count(m, r);
        FUZZ_CHECK(n <= ZC_SELECT_MAX_VALUES);
        for (size_t i = 0; i < n; i++)
            s_check_value(zc_select_value(m, r, i), &total);
    }
    FUZZ_CHECK(total <= ZC_SELECT_ITEMS_MAX);
    /* Take every other rule's values; the rest go with the matcher. */
    zc_strlist_t taken = {0};
    for (size_t r = 0; r < nrules; r += 2) {
        size_t before = taken.n, n = zc_select_count(m, r);
        zc_select_take(m, r, &taken);
        FUZZ_CHECK(taken.n == before + n);
    }
    zc_strlist_free(&taken);
    zc_select_destroy(&m);
    FUZZ_CHECK(m == NULL);
}

static void s_page(const zc_select_rules_t *rules, const char *doc, size_t len)
{
    zc_page_t pg;
    memset(&pg, 0, sizeof pg);
    FUZZ_CHECK(zc_page_analyze_with(&pg, S_PAGE_URL, "text/html", doc, len, NULL,
                                    S_MAX_OUTLINKS, rules) == ZC_OK);
    size_t nrules = zc_select_rules_count(rules), total = 0;
    FUZZ_CHECK(pg.html && pg.nitems == nrules);
    for (size_t r = 0; r < pg.nitems; r++) {
        const char *name = zc_select_rules_name(rules, r);
        FUZZ_CHECK(pg.items[r].name && strcmp(pg.items[r].name, name) == 0);
        FUZZ_CHECK(pg.items[r].values.n <= ZC_SELECT_MAX_VALUES);
        for (size_t i = 0; i < pg.items[r].values.n; i++)
            s_check_value(pg.items[r].values.v[i], &total);
    }
    FUZZ_CHECK(total <= ZC_SELECT_ITEMS_MAX);
    zc_page_clear(&pg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nl = memchr(in, '\n', size);
    size_t rlen = nl ? (size_t)(nl - in) : size;
    const char *doc = nl ? nl + 1 : "";
    size_t dlen = nl ? size - rlen - 1 : 0;

    zc_strlist_t specs = {0};
    for (size_t p = 0; p <= rlen && specs.n < S_MAX_SPECS;) {
        const char *nul = memchr(in + p, '\0', rlen - p);
        size_t e = nul ? (size_t)(nul - in) : rlen;
        char *spec = zc_strndup(in + p, e - p);
        zc_strlist_push(&specs, spec);
        free(spec);
        p = e + 1;
    }

    char err[ZC_SELECT_ERR_MAX];
    err[0] = '\0';
    zc_select_rules_t *rules = NULL;
    int rc = zc_select_compile(&specs, &rules, err, sizeof err);
    FUZZ_CHECK(rc == ZC_OK || rc == ZC_EINVAL || rc == ZC_ETOOBIG);

    /* The same with a small error buffer and with none. */
    char small[8];
    zc_select_rules_t *again = NULL;
    FUZZ_CHECK(zc_select_compile(&specs, &again, small, sizeof small) == rc);
    FUZZ_CHECK((again != NULL) == (rc == ZC_OK));
    if (rc != ZC_OK)
        FUZZ_CHECK(memchr(small, '\0', sizeof small) != NULL);
    zc_select_rules_destroy(&again);
    FUZZ_CHECK(zc_select_compile(&specs, &again, NULL, 0) == rc);
    zc_select_rules_destroy(&again);
    FUZZ_CHECK(again == NULL);

    if (rc != ZC_OK) {
        FUZZ_CHECK(rules == NULL);
        size_t n = strnlen(err, sizeof err);
        FUZZ_CHECK(n > 0 && n < sizeof err);
    } else {
        size_t n = zc_select_rules_count(rules);
        FUZZ_CHECK(n == specs.n);
        for (size_t i = 0; i < n; i++) {
            const char *name = zc_select_rules_name(rules, i);
            FUZZ_CHECK(name && strlen(name) <= ZC_SELECT_NAME_MAX);
            for (size_t j = 0; j < i; j++)
                FUZZ_CHECK(strcmp(name, zc_select_rules_name(rules, j)) != 0);
        }
        s_match(rules, doc, dlen);
        s_page(rules, doc, dlen);
        zc_select_rules_destroy(&rules);
        FUZZ_CHECK(rules == NULL);
    }
    zc_strlist_free(&specs);
    return 0;
}
