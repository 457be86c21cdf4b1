/*  zc_cmd_parse — `zcrawl parse [--base URL] [--content-type TYPE]
    [--extract NAME=SELECTOR]… FILE…`.

    Runs the parser's own page analysis (parser/zc_page.c) on saved pages and
    prints one JSON line per file: {"file", "title", "outlinks", "items"},
    the last three exactly as a crawl records them in pages.jsonl. "-" reads
    standard input. Relative links resolve against --base (default
    http://localhost/); the content type defaults to text/html (an empty
    --content-type sniffs the content as the crawl does without one). A file
    that cannot be read is reported on stderr and makes the exit status 1
    once the other files are done; usage errors (a bad --extract rule among
    them) exit 2. With --extract, items holds one key per rule, as the
    parser stage records them for a 2xx HTML page.
*/
#ifndef ZC_CMD_PARSE_H
#define ZC_CMD_PARSE_H

#include <stdbool.h>

/* argv[0] is "parse". Returns the exit status (0, 1 or 2). */
int zc_cmd_parse(int argc, char **argv);

int zc_cmd_parse_test(bool verbose);

#endif
