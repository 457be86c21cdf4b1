/*  zc_page — what a crawl records of one page: title, outlinks, links to follow.

    zc_page_analyze() is the whole page analysis shared by the parser stage and
    `zcrawl parse`: it decides whether the content is HTML, converts it to
    UTF-8 when its charset (BOM, then Content-Type, then <meta> in the first
    1024 bytes) says otherwise, scans it with zc_html, and returns the title
    (whitespace collapsed, valid UTF-8) and the outlinks: a[href], area[href],
    link[href] with rel canonical/alternate/next/prev, frame[src], iframe[src],
    resolved against the first <base href> (or the page URL) and normalized by
    zc_url_resolve, in document order, without duplicates, at most
    max_outlinks. The links to follow are the outlinks not marked
    rel=nofollow, and none when <meta name=robots> or X-Robots-Tag says
    nofollow or none. With extraction rules (zc_select), the same single scan
    feeds the rules' matcher its tags and text, and the page gets one item
    per rule: the rule's name and its values in document order.
*/
#ifndef ZC_PAGE_H
#define ZC_PAGE_H

#include "zc_config.h"
#include "zc_select.h"

#include <stdbool.h>
#include <stddef.h>

/* The title is cut (at a character boundary) past this many bytes. */
#define ZC_PAGE_TITLE_MAX 2048
/* Bytes of title text gathered before whitespace is collapsed. */
#define ZC_PAGE_TITLE_RAW_MAX (64 * 1024)
/* Bytes sniffed for an HTML signature when there is no Content-Type. */
#define ZC_PAGE_SNIFF_MAX 512
/* Bytes searched for <meta charset>, as browsers do. */
#define ZC_PAGE_PRESCAN_MAX 1024

/* The values one extraction rule found on a page. */
typedef struct {
    char *name;             /* the rule's name */
    zc_strlist_t values;    /* document order */
} zc_page_item_t;

typedef struct {
    bool html;              /* the content is HTML and was scanned */
    char *title;            /* NULL when not HTML or without <title> */
    zc_strlist_t outlinks;  /* normalized absolute URLs, document order, unique */
    zc_strlist_t follow;    /* the outlinks that may be followed, same order */
    bool nofollow;          /* meta robots or X-Robots-Tag said nofollow/none */
    zc_page_item_t *items;  /* one per extraction rule, in rule order (HTML only) */
    size_t nitems;
    bool items_truncated;   /* a zc_select limit dropped or cut a value */
} zc_page_t;

/* Analyses body (len bytes) fetched from url with the given Content-Type
   (NULL: sniffed) and X-Robots-Tag (NULL: none). max_outlinks 0 gives the
   title only. page must be zeroed or cleared; it owns what it holds
   afterwards, to be released with zc_page_clear(). Returns ZC_OK. */
int zc_page_analyze(zc_page_t *page, const char *url, const char *content_type, const char *body,
                    size_t len, const char *x_robots_tag, size_t max_outlinks);

/* The same, and when rules is not NULL and the content is HTML, page->items
   gets one item per rule (an empty one when nothing matched). rules stays
   the caller's. Without rules the scan costs exactly what
   zc_page_analyze's does. */
int zc_page_analyze_with(zc_page_t *page, const char *url, const char *content_type,
                         const char *body, size_t len, const char *x_robots_tag,
                         size_t max_outlinks, const zc_select_rules_t *rules);

/* Frees what page holds and zeroes it. */
void zc_page_clear(zc_page_t *page);

/* True when content_type (case-insensitive, parameters ignored) is text/html
   or application/xhtml+xml, or, when it is NULL or empty, when the first
   ZC_PAGE_SNIFF_MAX bytes start with <!doctype html or <html (after a BOM and
   whitespace). */
bool zc_page_is_html(const char *content_type, const char *body, size_t len);

/* True when a robots directive list (meta robots content or X-Robots-Tag)
   holds nofollow or none for every crawler or for zcrawl. */
bool zc_page_robots_nofollow(const char *directives, size_t len);

int zc_page_test(bool verbose);

#endif
