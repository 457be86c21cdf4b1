/*  zc_robots_cmd — see zc_robots_cmd.h. */
#include "zc_robots_cmd.h"

#include "zc_buf.h"
#include "zc_config.h"
#include "zc_robots.h"
#include "zc_url.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes read from FILE: the parser reads ZC_ROBOTS_MAX_BYTES and needs one
   more to know whether the cap cut a line. */
#define ZC_ROBOTS_CMD_READ_MAX (ZC_ROBOTS_MAX_BYTES + 1)
/* Limit of the whole answer: a line per URL (each at most ZC_URL_MAX) and
   the sitemaps; argv bounds the URLs, this bounds the buffer. */
#define ZC_ROBOTS_CMD_OUT_MAX (256 * 1024 * 1024)

static const zc_opt_t s_opts[] = {{NULL, 0, 0, NULL, 0, 0, NULL}};

static const zc_cmdinfo_t s_info = {
    "zcrawl robots", "FILE AGENT URL...",
    "Answers with the producer's robots.txt code whether AGENT (a User-Agent or\n"
    "its product token) may fetch each URL under the robots.txt in FILE ('-' reads\n"
    "standard input): one line per URL, 'allowed URL' or 'disallowed URL' (the URL\n"
    "normalized), then 'crawl-delay SECONDS' if the file sets one for AGENT and a\n"
    "'sitemap URL' line per Sitemap. Exit 1 if FILE cannot be read, 2 on a usage\n"
    "error (an invalid URL among them)."};

/* Reads up to max bytes of path ("-": stdin) into b, which it initializes
   (the caller frees it in every case). ZC_EIO with errno set on failure. */
static int s_read(const char *path, size_t max, zc_buf_t *b)
{
    zc_buf_init(b, max);
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return ZC_EIO;
    char chunk[16 * 1024];
    int rc = ZC_OK;
    while (b->len < max) {
        size_t want = max - b->len < sizeof chunk ? max - b->len : sizeof chunk;
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
    if (!is_stdin)
        fclose(f);
    return rc;
}

/* Appends "crawl-delay S\n", S in seconds with at most 3 decimals. */
static int s_delay_line(int64_t ms, zc_buf_t *out)
{
    int rc = zc_buf_printf(out, "crawl-delay %lld", (long long)(ms / 1000));
    int64_t frac = ms % 1000;
    if (!rc && frac) {
        char digits[8];
        snprintf(digits, sizeof digits, "%03lld", (long long)frac);
        size_t n = strlen(digits);
        while (n > 0 && digits[n - 1] == '0')
            n--;
        rc = zc_buf_addc(out, '.');
        rc = rc ? rc : zc_buf_add(out, digits, n);
    }
    return rc ? rc : zc_buf_addc(out, '\n');
}

int zc_robots_cmd_main(int argc, char **argv)
{
    zc_strlist_t pos = {0};
    int rc = zc_config_parse(&s_info, s_opts, NULL, argc, argv, &pos);
    int status = rc == ZC_CONFIG_EXIT ? 0 : 2;
    char **urls = NULL;
    size_t nurls = 0;
    zc_buf_t text, out;
    zc_buf_init(&text, ZC_ROBOTS_CMD_READ_MAX);
    zc_buf_init(&out, ZC_ROBOTS_CMD_OUT_MAX);
    zc_robots_t *robots = NULL;
    if (rc != ZC_CONFIG_OK)
        goto done;
    if (pos.n < 3) {
        fprintf(stderr, "zcrawl robots: usage: zcrawl robots FILE AGENT URL... (try --help)\n");
        goto done;
    }
    const char *file = pos.v[0], *agent = pos.v[1];
    char token[ZC_ROBOTS_TOKEN_MAX];
    if (zc_robots_product_token(agent, token, sizeof token)[0] == '\0') {
        fprintf(stderr,
                "zcrawl robots: AGENT '%s' has no product token (it must start with a "
                "letter, digit, '_' or '-')\n",
                agent);
        goto done;
    }
    /* Every URL is checked before anything is printed. */
    nurls = pos.n - 2;
    urls = zc_calloc(nurls, sizeof *urls);
    for (size_t i = 0; i < nurls; i++) {
        const char *u = pos.v[i + 2];
        int urc = zc_url_normalize(u, &urls[i]);
        if (urc != ZC_OK) {
            fprintf(stderr, "zcrawl robots: invalid URL '%s': %s\n", u,
                    urc == ZC_ETOOBIG ? "longer than 2048 bytes after normalization"
                                      : "expected an absolute http(s) URL");
            goto done;
        }
    }
    errno = 0;
    if (s_read(file, ZC_ROBOTS_CMD_READ_MAX, &text) != ZC_OK) {
        int err = errno;
        fprintf(stderr, "zcrawl robots: cannot read %s: %s\n", file, strerror(err));
        status = 1;
        goto done;
    }
    robots = zc_robots_parse(text.data, text.len, agent);
    rc = ZC_OK;
    for (size_t i = 0; !rc && i < nurls; i++)
        rc = zc_buf_printf(&out, "%s %s\n",
                           zc_robots_allowed(robots, urls[i]) ? "allowed" : "disallowed", urls[i]);
    int64_t delay = zc_robots_crawl_delay_ms(robots);
    if (!rc && delay >= 0)
        rc = s_delay_line(delay, &out);
    for (size_t i = 0; !rc && i < zc_robots_nsitemaps(robots); i++)
        rc = zc_buf_printf(&out, "sitemap %s\n", zc_robots_sitemap(robots, i));
    if (rc) {
        fprintf(stderr, "zcrawl robots: answer too long\n");
        status = 1;
        goto done;
    }
    fwrite(out.data, 1, out.len, stdout);
    status = fflush(stdout) == 0 ? 0 : 1;
done:
    zc_robots_destroy(&robots);
    for (size_t i = 0; urls && i < nurls; i++)
        free(urls[i]);
    free(urls);
    zc_buf_free(&text);
    zc_buf_free(&out);
    zc_strlist_free(&pos);
    return status;
}

/* --- self-test ------------------------------------------------------------ */

/* Runs the command with stdout and stderr captured; returns its status. */
static int s_capture(int argc, char **argv, zc_buf_t *out, zc_buf_t *err)
{
    char opath[] = "/tmp/zc-robots-cmd-out-XXXXXX", epath[] = "/tmp/zc-robots-cmd-err-XXXXXX";
    int ofd = mkstemp(opath), efd = mkstemp(epath);
    assert(ofd >= 0 && efd >= 0);
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    dup2(ofd, 1);
    dup2(efd, 2);
    int status = zc_robots_cmd_main(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    close(ofd);
    close(efd);
    zc_buf_t *bufs[2] = {out, err};
    const char *paths[2] = {opath, epath};
    for (int i = 0; i < 2; i++) {
        char *data = NULL;
        size_t len = 0;
        assert(zc_read_file(paths[i], 1 << 20, &data, &len) == ZC_OK);
        zc_buf_reset(bufs[i]);
        zc_buf_add(bufs[i], data, len);
        free(data);
        unlink(paths[i]);
    }
    return status;
}

int zc_robots_cmd_test(bool verbose)
{
    char file[] = "/tmp/zc-robots-cmd-file-XXXXXX";
    int fd = mkstemp(file);
    assert(fd >= 0);
    const char robots[] = "User-agent: *\nDisallow: /\n\n"
                          "User-agent: zcrawl\nDisallow: /private/\nAllow: /private/ok$\n"
                          "Crawl-delay: 2.5\nSitemap: http://example.com/sitemap.xml\n";
    assert(write(fd, robots, sizeof robots - 1) == (ssize_t)(sizeof robots - 1));
    close(fd);

    zc_buf_t out, err;
    zc_buf_init(&out, 1 << 20);
    zc_buf_init(&err, 1 << 20);
    char *argv1[] = {"robots",
                     file,
                     "zcrawl/0.1 (+http://example.com/bot)",
                     "http://Example.com/private/x",
                     "http://example.com/private/ok",
                     "HTTP://example.com:80/public/%7Eme",
                     NULL};
    assert(s_capture(6, argv1, &out, &err) == 0);
    const char *want1 = "disallowed http://example.com/private/x\n"
                        "allowed http://example.com/private/ok\n"
                        "allowed http://example.com/public/~me\n"
                        "crawl-delay 2.5\n"
                        "sitemap http://example.com/sitemap.xml\n";
    if (verbose || strcmp(out.data, want1) != 0)
        fprintf(stderr, "%s%s", out.data, err.data);
    assert(strcmp(out.data, want1) == 0 && err.len == 0);

    /* Another agent gets the '*' group, which sets no delay. */
    char *argv2[] = {"robots", file, "otherbot", "http://example.com/", NULL};
    assert(s_capture(4, argv2, &out, &err) == 0);
    assert(strcmp(out.data, "disallowed http://example.com/\n"
                            "sitemap http://example.com/sitemap.xml\n") == 0);

    /* Usage errors: a bad URL (nothing printed), missing arguments, an
       agent without a product token. */
    char *argv3[] = {"robots", file, "zcrawl", "http://example.com/", "ftp://example.com/", NULL};
    assert(s_capture(5, argv3, &out, &err) == 2 && out.len == 0);
    assert(strstr(err.data, "ftp://example.com/"));
    char *argv4[] = {"robots", file, "zcrawl", NULL};
    assert(s_capture(3, argv4, &out, &err) == 2 && out.len == 0 && strstr(err.data, "usage"));
    char *argv5[] = {"robots", file, "/0.1", "http://example.com/", NULL};
    assert(s_capture(4, argv5, &out, &err) == 2 && out.len == 0);
    char *argv6[] = {"robots", "--bogus", file, "zcrawl", "http://example.com/", NULL};
    assert(s_capture(5, argv6, &out, &err) == 2 && out.len == 0);

    /* An unreadable file: exit 1 with a message. */
    char *argv7[] = {"robots", "/nonexistent/zc-robots.txt", "zcrawl", "http://example.com/", NULL};
    assert(s_capture(4, argv7, &out, &err) == 1 && out.len == 0);
    assert(strstr(err.data, "/nonexistent/zc-robots.txt"));

    /* An empty file allows everything. */
    fd = open(file, O_WRONLY | O_TRUNC);
    assert(fd >= 0);
    close(fd);
    char *argv8[] = {"robots", file, "zcrawl", "http://example.com/any", NULL};
    assert(s_capture(4, argv8, &out, &err) == 0);
    assert(strcmp(out.data, "allowed http://example.com/any\n") == 0);

    /* Delays print in seconds without trailing zeros. */
    struct {
        int64_t ms;
        const char *line;
    } delays[] = {{0, "crawl-delay 0\n"},
                  {1, "crawl-delay 0.001\n"},
                  {2000, "crawl-delay 2\n"},
                  {2050, "crawl-delay 2.05\n"},
                  {120000, "crawl-delay 120\n"}};
    for (size_t i = 0; i < ZC_ARRAY_LEN(delays); i++) {
        zc_buf_reset(&out);
        assert(s_delay_line(delays[i].ms, &out) == 0 && strcmp(out.data, delays[i].line) == 0);
    }

    unlink(file);
    zc_buf_free(&out);
    zc_buf_free(&err);
    return 0;
}
