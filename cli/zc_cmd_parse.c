/*  zc_cmd_parse — see zc_cmd_parse.h. */
#include "zc_cmd_parse.h"

#include "zc_buf.h"
#include "zc_config.h"
#include "zc_msg.h"
#include "zc_page.h"
#include "zc_record.h"
#include "zc_select.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes read from a file per call. */
#define ZC_CMD_PARSE_CHUNK (64 * 1024)
/* Limit of one output line: the outlinks plus the title and the name. */
#define ZC_CMD_PARSE_LINE_MAX (64 * 1024 * 1024)

typedef struct {
    char *base;
    char *content_type;
    int64_t max_bytes;
    int64_t max_outlinks;
    zc_strlist_t extract;
} s_parse_cfg_t;

static const zc_opt_t s_opts[] = {
    {"base", ZC_OPT_STR, offsetof(s_parse_cfg_t, base), "http://localhost/", 0, 0,
     "URL the pages are taken to come from: relative links resolve against it"},
    {"content-type", ZC_OPT_STR, offsetof(s_parse_cfg_t, content_type), "text/html", 0, 0,
     "Content-Type the pages are taken to have (empty: sniff, as a crawl without one)"},
    {"max-bytes", ZC_OPT_INT, offsetof(s_parse_cfg_t, max_bytes), "10485760", 1024,
     INT64_C(1) << 32, "bytes of each file parsed, as a crawl cuts bodies"},
    {"max-outlinks", ZC_OPT_INT, offsetof(s_parse_cfg_t, max_outlinks), "1000", 0, 100000,
     "outlinks kept per page"},
    {"extract", ZC_OPT_LIST, offsetof(s_parse_cfg_t, extract), NULL, 0, 0,
     "extraction rule NAME=SELECTOR[@attr], as the parser's --extract"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};

static const zc_cmdinfo_t s_info = {
    "zcrawl parse", "[OPTION]... FILE...",
    "Runs the parser on saved pages and prints one JSON line per file with the\n"
    "title, outlinks and items fields exactly as a crawl records them. '-' reads\n"
    "standard input."};

/* Reads up to max bytes of path ("-": stdin) into b, which it initializes
   (the caller frees it in every case). ZC_EIO with errno set on failure. */
static int s_read(const char *path, size_t max, zc_buf_t *b)
{
    zc_buf_init(b, max);
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return ZC_EIO;
    char *chunk = zc_malloc(ZC_CMD_PARSE_CHUNK);
    int rc = ZC_OK;
    while (b->len < max) {
        size_t want = max - b->len < ZC_CMD_PARSE_CHUNK ? max - b->len : ZC_CMD_PARSE_CHUNK;
        size_t got = fread(chunk, 1, want, f);
        if (got)
            zc_buf_add(b, chunk, got);
        if (got < want) {
            if (ferror(f)) {
                rc = ZC_EIO;
                errno = errno ? errno : EIO;
            }
            break;
        }
    }
    free(chunk);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* Appends the page's items as a crawl's record holds and writes them. */
static int s_items_json(const zc_page_t *page, zc_buf_t *out)
{
    Zcrawl__Record r = ZCRAWL__RECORD__INIT;
    Zcrawl__Item *items = zc_calloc(page->nitems ? page->nitems : 1, sizeof *items);
    Zcrawl__Item **ptrs = zc_calloc(page->nitems ? page->nitems : 1, sizeof *ptrs);
    for (size_t i = 0; i < page->nitems; i++) {
        zcrawl__item__init(&items[i]);
        items[i].name = page->items[i].name;
        items[i].values = page->items[i].values.v;
        items[i].n_values = page->items[i].values.n;
        ptrs[i] = &items[i];
    }
    r.items = ptrs;
    r.n_items = page->nitems;
    int rc = zc_record_items_json(&r, out);
    free(ptrs);
    free(items);
    return rc;
}

/* Appends the JSON line (with its newline) for one page. */
static int s_line(const char *name, const zc_page_t *page, zc_buf_t *out)
{
    int rc = zc_buf_adds(out, "{\"file\":");
    rc = rc ? rc : zc_buf_json_strz(out, name);
    rc = rc ? rc : zc_buf_adds(out, ",\"title\":");
    rc = rc ? rc : zc_buf_json_strz(out, page->title);
    rc = rc ? rc : zc_buf_adds(out, ",\"outlinks\":[");
    for (size_t i = 0; !rc && i < page->outlinks.n; i++) {
        rc = i ? zc_buf_addc(out, ',') : 0;
        rc = rc ? rc : zc_buf_json_strz(out, page->outlinks.v[i]);
    }
    rc = rc ? rc : zc_buf_adds(out, "],\"items\":");
    rc = rc ? rc : s_items_json(page, out);
    return rc ? rc : zc_buf_adds(out, "}\n");
}

int zc_cmd_parse(int argc, char **argv)
{
    s_parse_cfg_t cfg;
    memset(&cfg, 0, sizeof cfg);
    zc_strlist_t files = {0};
    int rc = zc_config_parse(&s_info, s_opts, &cfg, argc, argv, &files);
    int status = rc == ZC_CONFIG_EXIT ? 0 : 2;
    char *base = NULL;
    zc_select_rules_t *rules = NULL;
    if (rc != ZC_CONFIG_OK)
        goto done;
    if (files.n == 0) {
        fprintf(stderr, "zcrawl parse: no FILE given (try --help)\n");
        goto done;
    }
    if (zc_url_normalize(cfg.base, &base) != ZC_OK) {
        fprintf(stderr, "zcrawl parse: invalid --base '%s': expected an absolute http(s) URL\n",
                cfg.base);
        goto done;
    }
    char why[ZC_SELECT_ERR_MAX];
    if (zc_select_compile(&cfg.extract, &rules, why, sizeof why) != ZC_OK) {
        fprintf(stderr, "zcrawl parse: --extract %s\n", why);
        goto done;
    }
    const char *ct = cfg.content_type && *cfg.content_type ? cfg.content_type : NULL;
    status = 0;
    for (size_t i = 0; i < files.n; i++) {
        zc_buf_t body, line;
        errno = 0;
        if (s_read(files.v[i], (size_t)cfg.max_bytes, &body) != ZC_OK) {
            int err = errno;
            fprintf(stderr, "zcrawl parse: cannot read %s: %s\n", files.v[i], strerror(err));
            zc_buf_free(&body);
            status = 1;
            continue;
        }
        zc_page_t page;
        memset(&page, 0, sizeof page);
        zc_page_analyze_with(&page, base, ct, body.data, body.len, NULL,
                             (size_t)cfg.max_outlinks, rules);
        zc_buf_init(&line, ZC_CMD_PARSE_LINE_MAX);
        if (s_line(files.v[i], &page, &line) == ZC_OK) {
            fwrite(line.data, 1, line.len, stdout);
        } else {
            fprintf(stderr, "zcrawl parse: output line too long for %s\n", files.v[i]);
            status = 1;
        }
        zc_buf_free(&line);
        zc_page_clear(&page);
        zc_buf_free(&body);
    }
    if (fflush(stdout) != 0)
        status = 1;
done:
    zc_select_rules_destroy(&rules);
    free(base);
    zc_strlist_free(&files);
    zc_config_free(s_opts, &cfg);
    return status;
}

/* --- self-test ------------------------------------------------------------ */

/* Runs zc_cmd_parse with stdout and stderr captured; returns its status. */
static int s_capture(int argc, char **argv, zc_buf_t *out)
{
    char path[] = "/tmp/zc-cmd-parse-out-XXXXXX";
    int fd = mkstemp(path);
    assert(fd >= 0);
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    dup2(fd, 1);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    int status = zc_cmd_parse(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    close(devnull);
    close(fd);
    char *data = NULL;
    size_t len = 0;
    assert(zc_read_file(path, 1 << 20, &data, &len) == ZC_OK);
    zc_buf_reset(out);
    zc_buf_add(out, data, len);
    free(data);
    unlink(path);
    return status;
}

int zc_cmd_parse_test(bool verbose)
{
    char page[] = "/tmp/zc-cmd-parse-page-XXXXXX";
    int fd = mkstemp(page);
    assert(fd >= 0);
    const char html[] = "<html><head><title> Saved\n page </title><base href=/sub/></head>"
                        "<a href=a.html>a</a> <a href=\"http://Other.example/x#y\">x</a>"
                        "<a href=a.html>dup</a><a href='javascript:go()'>j</a></html>";
    assert(write(fd, html, sizeof html - 1) == (ssize_t)(sizeof html - 1));
    close(fd);

    zc_buf_t out, want;
    zc_buf_init(&out, 1 << 20);
    zc_buf_init(&want, 1 << 20);
    char *argv1[] = {"parse", page, NULL};
    assert(s_capture(2, argv1, &out) == 0);
    zc_buf_printf(&want,
                  "{\"file\":\"%s\",\"title\":\"Saved page\",\"outlinks\":"
                  "[\"http://localhost/sub/a.html\",\"http://other.example/x\"],\"items\":{}}\n",
                  page);
    if (verbose || strcmp(out.data, want.data) != 0)
        fprintf(stderr, "%s", out.data);
    assert(strcmp(out.data, want.data) == 0);

    /* --base, a missing file among good ones: exit 1, the others printed. */
    char *argv2[] = {"parse", "--base", "https://Example.com/d/i.html", page,
                     "/nonexistent/zc-page", page, NULL};
    assert(s_capture(6, argv2, &out) == 1);
    zc_buf_reset(&want);
    for (int i = 0; i < 2; i++)
        zc_buf_printf(&want,
                      "{\"file\":\"%s\",\"title\":\"Saved page\",\"outlinks\":"
                      "[\"https://example.com/sub/a.html\",\"http://other.example/x\"],"
                      "\"items\":{}}\n",
                      page);
    assert(strcmp(out.data, want.data) == 0);

    /* A content type that is not HTML: no title, no links. */
    char *argv3[] = {"parse", "--content-type", "text/plain", page, NULL};
    assert(s_capture(4, argv3, &out) == 0);
    assert(strstr(out.data, "\"title\":null,\"outlinks\":[],\"items\":{}}\n"));

    /* Usage errors. */
    char *argv4[] = {"parse", NULL};
    assert(s_capture(1, argv4, &out) == 2 && out.len == 0);
    char *argv5[] = {"parse", "--extract", "post=a..b", page, NULL};
    assert(s_capture(4, argv5, &out) == 2 && out.len == 0);
    char *argv7[] = {"parse", "--extract", "post=a@href", page, "--extract", "post=p", NULL};
    assert(s_capture(6, argv7, &out) == 2 && out.len == 0);

    /* Extraction rules: raw values in document order, one key per rule. */
    char *argv8[] = {"parse", "--extract", "post=a@href", "--extract=title=title",
                     "--extract", "none=table td", page, NULL};
    assert(s_capture(7, argv8, &out) == 0);
    assert(strstr(out.data, "\"items\":{\"post\":[\"a.html\",\"http://Other.example/x#y\","
                            "\"a.html\",\"javascript:go()\"],\"title\":[\"Saved page\"],"
                            "\"none\":[]}}\n"));
    char *argv6[] = {"parse", "--base", "file:///x", page, NULL};
    assert(s_capture(4, argv6, &out) == 2 && out.len == 0);

    zc_buf_free(&out);
    zc_buf_free(&want);
    unlink(page);
    return 0;
}
