/*  zc_cmd_parse — `zcrawl parse [--base URL] [--content-type TYPE] FILE…`.

    Runs the parser's own page analysis (parser/zc_page.c) on saved pages and
    prints one JSON line per file: {"file", "title", "outlinks", "items"},
    the last three exactly as a crawl records them in pages.jsonl. "-" reads
    standard input. Relative links resolve against --base (default
    http://localhost/); the content type defaults to text/html (an empty
    --content-type sniffs the content as the crawl does without one). A file
    that cannot be read is reported on stderr and makes the exit status 1
    once the other files are done; usage errors exit 2.
*/
#ifndef ZC_CMD_PARSE_H
#define ZC_CMD_PARSE_H

#include <stdbool.h>

/* argv[0] is "parse". Returns the exit status (0, 1 or 2). */
int zc_cmd_parse(int argc, char **argv);

int zc_cmd_parse_test(bool verbose);

#endif
