/*  zc_select — extraction rules (SPEC §4): CSS-subset selectors matched while
    the page streams by, without a DOM.

    A rule is `NAME=SELECTOR[@attr]`. SELECTOR is a CSS subset: compound
    selectors made of a type (or `*`) followed by any number of `.class`,
    `#id`, `[attr]` and `[attr=value]` (value quoted "..." or '...', or a bare
    name), joined by the descendant (whitespace) and child (`>`) combinators.
    Type and attribute names are case-insensitive, classes, ids and attribute
    values case-sensitive. Names are runs of letters, digits, `-`, `_` and
    non-ASCII characters; `\` makes the next character literal (`.md\:flex`).
    The optional `@attr` suffix takes that attribute's value (raw: character
    references decoded by the scanner, relative URLs not resolved; elements
    without it give nothing); without it the value is the element's text,
    runs of ASCII whitespace collapsed to one space and trimmed, the text of
    script, style, template and the other raw-text elements left out (the
    concatenated text nodes, as textContent: `<p>a</p><p>b</p>` gives "ab"). Anything else (selector
    lists, sibling combinators, pseudo-classes, other attribute operators) is
    refused with the position and the reason.

    zc_select_rules_t holds the compiled rules of a crawl; it is immutable
    once compiled and outlives every page. zc_select_t is one page's matcher:
    it is fed the scanner's events in document order — start and end tags
    (zc_select_tag) and character data (zc_select_text) — and keeps an open-
    element stack with a small, documented subset of the HTML tree builder:

    - void elements (area base br col embed hr img input link meta source
      track wbr, and self-closing svg/math elements) are never pushed;
    - an end tag pops to the nearest open element of that name, and is
      ignored when there is none;
    - implied end tags: an open <p> is closed by the start of address,
      article, aside, blockquote, div, dl, fieldset, footer, form, h1–h6,
      header, hr, main, nav, ol, p, pre, section, table, ul (and li, dt, dd,
      as HTML does); li by li; dt and dd by dt or dd; option by option; tr by
      tr; td and th by td, th or tr. The search for the element to close stops
      at the elements that bound it (a list for li, dl for dt/dd, select for
      option, table for tr/td/th; table, td, th, caption, button, object,
      template, html for p);
    - past ZC_SELECT_MAX_DEPTH open elements, further ones are not pushed:
      they can still match @attr rules, but not text rules, nor be ancestors.
    html, head and body are not implied: `body > div` needs a <body> tag.

    Matching is right to left: on a start tag each rule's last compound is
    compared with the element first, and only then are the combinators
    walked on the stack, where every open element carries one bit per
    non-last compound (computed once when it is pushed). Each run of child
    combinators is placed at the nearest ancestors that fit, which is exact
    for descendant and child combinators and costs O(depth) per rule. Values
    are in document order of their start tags; the text of an element is
    gathered until it closes (explicitly, implied, or at the end).
*/
#ifndef ZC_SELECT_H
#define ZC_SELECT_H

#include "zc_config.h"
#include "zc_html.h"

#include <stdbool.h>
#include <stddef.h>

/* Rules per crawl (--extract flags). */
#define ZC_SELECT_MAX_RULES 32
/* Compound selectors per selector (a b > c is three). */
#define ZC_SELECT_MAX_COMPOUNDS 16
/* Bytes of one selector (after NAME=). */
#define ZC_SELECT_MAX_LEN 1024
/* Bytes of a rule name. */
#define ZC_SELECT_NAME_MAX 64
/* Values kept per rule per page (the first ones). */
#define ZC_SELECT_MAX_VALUES 1000
/* Bytes of one value; longer ones are cut on a character boundary. */
#define ZC_SELECT_VALUE_MAX (16 * 1024)
/* Bytes of all values of a page, text being gathered included. */
#define ZC_SELECT_ITEMS_MAX (1024 * 1024)
/* Open elements tracked; deeper ones are not pushed. */
#define ZC_SELECT_MAX_DEPTH 512
/* A buffer this large holds any message of zc_select_compile whole. */
#define ZC_SELECT_ERR_MAX (ZC_SELECT_MAX_LEN + 512)

typedef struct zc_select_rules_t zc_select_rules_t;

/* Compiles the rules "NAME=SELECTOR[@attr]" of specs (NULL or empty: none)
   into *out. On a bad rule writes a one-line reason (the rule, the position
   in the selector, what was expected) into err and returns ZC_EINVAL (too
   many rules: ZC_ETOOBIG); *out is then NULL. Rule names must be unique. */
int zc_select_compile(const zc_strlist_t *specs, zc_select_rules_t **out, char *err,
                      size_t errsize);
void zc_select_rules_destroy(zc_select_rules_t **self_p);

/* Number of rules, the name of rule i, and whether any rule takes text. */
size_t zc_select_rules_count(const zc_select_rules_t *rules);
const char *zc_select_rules_name(const zc_select_rules_t *rules, size_t i);
bool zc_select_rules_text(const zc_select_rules_t *rules);

typedef struct zc_select_t zc_select_t;

/* A matcher for one page; rules (not NULL) must outlive it. */
zc_select_t *zc_select_new(const zc_select_rules_t *rules);
void zc_select_destroy(zc_select_t **self_p);

/* Events, in document order: a start or end tag (tag->end), and character
   data (references decoded) in any number of chunks; NUL bytes in it are
   dropped, as HTML's tree builder does. */
void zc_select_tag(zc_select_t *self, const zc_html_tag_t *tag);
void zc_select_text(zc_select_t *self, const char *data, size_t len);

/* The end of the document: closes every open element. Call once, before
   reading the values. */
void zc_select_finish(zc_select_t *self);

/* Values of rule i after zc_select_finish: valid UTF-8, NUL-terminated. */
size_t zc_select_count(const zc_select_t *self, size_t rule);
const char *zc_select_value(const zc_select_t *self, size_t rule, size_t i);

/* Moves the values of rule i to the end of out (which owns them then). */
void zc_select_take(zc_select_t *self, size_t rule, zc_strlist_t *out);

/* True when a limit dropped or cut a value on this page. */
bool zc_select_truncated(const zc_select_t *self);

int zc_select_test(bool verbose);

#endif
