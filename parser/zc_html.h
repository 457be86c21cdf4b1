/*  zc_html — a streaming HTML tag scanner, without a DOM.

    zc_html_scan() walks a document once and calls back for every start and
    end tag, with its attributes, and collects the text of the first <title>;
    zc_html_scan_opts() can also call back with the character data, and start
    in any tokenizer state. It follows the HTML5 tokenizer wherever the
    tokenizer decides what is a tag and what is not: comments (`<!-- -->`,
    `<!-->`, `<!--->`, `--!>`), bogus comments (`<!x>`, `<?x>`, `</ x>`),
    DOCTYPE, CDATA (a bogus comment in HTML, a section in svg/math), raw-text
    elements (script with its escaped states, style, xmp, iframe, noembed,
    noframes, noscript), RCDATA (title, textarea), plaintext, tag and
    attribute names in ASCII lower case, quoted and unquoted values, the first
    of duplicate attributes, the full HTML5 table of character references in
    values and text (zc_entities), the input stream's CR and CR LF read as LF,
    NUL as U+FFFD in names and values. The html5lib tokenizer tests check it
    (tests/test_html5lib.py). It does not build a tree: the only tree state it
    keeps is the svg/math nesting depth, so that an svg <title> is not
    mistaken for the document's, and the raw-text and RCDATA elements switch
    the tokenizer as the tree builder would.

    Input is UTF-8 (or any ASCII-compatible bytes, passed through); output
    strings are slices of the input or of a scratch buffer, never
    NUL-terminated. The scan is linear in the input: every construct that
    reaches the end of the input ends the scan, nothing recurses, and buffers
    are bounded by three times the input size (a NUL becomes 3 bytes).
*/
#ifndef ZC_HTML_H
#define ZC_HTML_H

#include "zc_buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

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

/* Called with character data, in document order between the tag calls, in
   any number of chunks (a run of text is cut at each character reference and
   line break, so never assume one call per text node). What is delivered:
   - text in the data state: character references decoded, CR and CR LF as
     LF, NUL kept (the tokenizer emits it; HTML's tree builder drops it);
   - the content of RCDATA elements (title, textarea): references decoded,
     CR and CR LF as LF, NUL as U+FFFD;
   - the content of plaintext and of CDATA sections in svg/math, as is (CR
     and CR LF as LF; NUL as U+FFFD in plaintext).
   Not delivered: comments, DOCTYPE, processing instructions, and the raw
   text of script, style, xmp, iframe, noembed, noframes and noscript.
   `<` that does not start a tag is text (`a < b` gives "a < b"). The text is
   valid during the call only; returning true stops the scan. */
typedef bool (*zc_html_text_fn)(const char *text, size_t len, void *arg);

/* Tokenizer states a scan can start in (the html5lib tests' initialStates).
   RCDATA, RAWTEXT and script data end at the appropriate end tag of
   last_start_tag, then the scan goes on in the data state. */
typedef enum {
    ZC_HTML_STATE_DATA = 0,
    ZC_HTML_STATE_RCDATA,
    ZC_HTML_STATE_RAWTEXT,
    ZC_HTML_STATE_SCRIPT_DATA,
    ZC_HTML_STATE_PLAINTEXT,
    ZC_HTML_STATE_CDATA, /* a CDATA section, up to "]]>" */
} zc_html_state_t;

typedef struct {
    zc_html_tag_fn tag;          /* each tag; may be NULL */
    zc_html_text_fn text;        /* character data; may be NULL */
    void *arg;                   /* passed to tag and text */
    zc_buf_t *title;             /* the first <title>, as in zc_html_scan; may be NULL */
    bool *has_title;             /* must be set when title is */
    zc_html_state_t state;       /* the state the tokenizer starts in */
    const char *last_start_tag;  /* NUL-terminated, lower case: the name of the last start tag
                                    emitted, whose end tag ends the initial RCDATA, RAWTEXT or
                                    script data; NULL: none, they run to the end */
    bool tokenizer_only;         /* the bare tokenizer: start tags do not switch it to raw text,
                                    RCDATA or plaintext, svg/math are not tracked, no title is
                                    collected (what the html5lib tokenizer tests expect) */
} zc_html_opts_t;

/* Scans len bytes of data. fn may be NULL. When title is not NULL the text of
   the first HTML <title> element (references decoded, whitespace untouched) is
   appended to it, cut at the buffer's limit, and *has_title says whether there
   was one. Returns ZC_OK. */
int zc_html_scan(const char *data, size_t len, zc_html_tag_fn fn, void *arg, zc_buf_t *title,
                 bool *has_title);

/* Scans len bytes of data as opts says (all zero: the data state, no
   callbacks). Returns ZC_OK, or ZC_EINVAL for an unknown state. */
int zc_html_scan_opts(const char *data, size_t len, const zc_html_opts_t *opts);

/* True when the tag is named name (lower case). Inline, so that the length
   of a literal name is known at compile time: callbacks call these for every
   tag of every page. */
static inline bool zc_html_tag_is(const zc_html_tag_t *tag, const char *name)
{
    size_t n = strlen(name);
    return tag->name_len == n && memcmp(tag->name, name, n) == 0;
}

/* The attribute named name (lower case), or NULL. */
static inline const zc_html_attr_t *zc_html_attr(const zc_html_tag_t *tag, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < tag->nattrs; i++)
        if (tag->attrs[i].name_len == n && memcmp(tag->attrs[i].name, name, n) == 0)
            return &tag->attrs[i];
    return NULL;
}

/* Appends s as the tokenizer reads an attribute value (attr) or RCDATA text
   (!attr): character references decoded with the rules for each, CR and
   CR LF as LF, NUL as U+FFFD. Returns ZC_OK or ZC_ETOOBIG (out keeps what
   fitted, cut on a byte boundary). */
int zc_html_decode(const char *s, size_t len, bool attr, zc_buf_t *out);

int zc_html_test(bool verbose);

#endif
