/*  zc_html — a streaming HTML tag scanner, without a DOM.

    zc_html_scan() walks a document once and calls back for every start and
    end tag, with its attributes, and collects the text of the first <title>.
    It follows the HTML5 tokenizer wherever the tokenizer decides what is a
    tag and what is not: comments (`<!-- -->`, `<!-->`, `<!--->`, `--!>`),
    bogus comments (`<!x>`, `<?x>`, `</ x>`), DOCTYPE, CDATA (a bogus comment
    in HTML, a section in svg/math), raw-text elements (script with its
    escaped states, style, xmp, iframe, noembed, noframes, noscript), RCDATA
    (title, textarea), plaintext, tag and attribute names in ASCII lower case,
    quoted and unquoted values, the first of duplicate attributes, character
    references in values and in the title. It does not build a tree: the only
    tree state it keeps is the svg/math nesting depth, so that an svg <title>
    is not mistaken for the document's.

    The scan is linear in the input: every construct that reaches the end of
    the input ends the scan, nothing recurses, and buffers are bounded by the
    input size. The legacy named references without `;` and the HTML 4 named
    references are known; the full HTML5 table is left for later.
*/
#ifndef ZC_HTML_H
#define ZC_HTML_H

#include "zc_buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Attributes kept per tag; further ones are parsed and dropped. */
#define ZC_HTML_MAX_ATTRS 64

typedef struct {
    const char *name;   /* ASCII lower case, not NUL-terminated */
    size_t name_len;
    const char *value;  /* character references decoded, not NUL-terminated */
    size_t value_len;
} zc_html_attr_t;

typedef struct {
    const char *name;   /* ASCII lower case, not NUL-terminated */
    size_t name_len;
    bool end;           /* an end tag: no attributes are reported */
    bool self_closing;  /* ended in "/>" */
    bool foreign;       /* inside svg or math */
    const zc_html_attr_t *attrs;
    size_t nattrs;
} zc_html_tag_t;

/* Called for each tag. The tag and its strings are valid during the call
   only. Returning true stops the scan. */
typedef bool (*zc_html_tag_fn)(const zc_html_tag_t *tag, void *arg);

/* Scans len bytes of data. fn may be NULL. When title is not NULL the text of
   the first HTML <title> element (references decoded, whitespace untouched) is
   appended to it, cut at the buffer's limit, and *has_title says whether there
   was one. Returns ZC_OK. */
int zc_html_scan(const char *data, size_t len, zc_html_tag_fn fn, void *arg, zc_buf_t *title,
                 bool *has_title);

/* True when the tag is named name (lower case). */
bool zc_html_tag_is(const zc_html_tag_t *tag, const char *name);

/* The attribute named name (lower case), or NULL. */
const zc_html_attr_t *zc_html_attr(const zc_html_tag_t *tag, const char *name);

/* Appends s with its character references decoded (attr: the rules for
   attribute values). Returns ZC_OK or ZC_ETOOBIG (out keeps what fitted). */
int zc_html_decode(const char *s, size_t len, bool attr, zc_buf_t *out);

int zc_html_test(bool verbose);

#endif
