/*  zc_robots_cmd — `zcrawl robots FILE AGENT URL…`.

    Answers, with the producer's own robots.txt code (common/zc_robots.c),
    whether AGENT may fetch each URL under the robots.txt in FILE ("-" reads
    standard input). AGENT is a User-Agent string or a bare product token;
    its product token ("zcrawl" of "zcrawl/0.1 (+http://…)") picks the
    group. Each URL is normalized as a crawl would (common/zc_url.h) and
    printed normalized, one line each:

        allowed URL | disallowed URL
        crawl-delay SECONDS      when the chosen group sets one
        sitemap URL              one per Sitemap: line of the file

    Exit status: 0 answered; 1 FILE unreadable; 2 usage error (missing
    arguments, an AGENT without a product token, a URL that is not a valid
    http(s) URL), with a one-line message on stderr and nothing on stdout.
*/
#ifndef ZC_ROBOTS_CMD_H
#define ZC_ROBOTS_CMD_H

#include <stdbool.h>

/* argv[0] is "robots". Returns the exit status (0, 1 or 2). */
int zc_robots_cmd_main(int argc, char **argv);

int zc_robots_cmd_test(bool verbose);

#endif
