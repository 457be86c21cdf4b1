/*  zcrawl — the front: one command for operators.

    zcrawl run     the whole pipeline as local processes (cli/zc_run.c)
    zcrawl seed    add seeds to a running producer (cli/zc_cmd_seed.c)
    zcrawl parse   the parser's code on saved pages (cli/zc_cmd_parse.c)
    zcrawl status  a running crawl as the sink sees it (cli/zc_cmd_status.c)
    zcrawl robots  may an agent fetch these URLs under a robots.txt (cli/zc_robots_cmd.c)
    zcrawl keygen  CURVE key pairs for every stage (cli/zc_keygen.c)
*/
#include "zc_cmd_parse.h"
#include "zc_cmd_seed.h"
#include "zc_cmd_status.h"
#include "zc_keygen.h"
#include "zc_robots_cmd.h"
#include "zc_run.h"
#include "zc_util.h"

#include <stdio.h>
#include <string.h>

static void s_usage(FILE *out)
{
    fprintf(out,
            "Usage: zcrawl COMMAND [OPTION]...\n\n"
            "zcrawl is a distributed web crawler: producer, crawlers, broker, parsers and\n"
            "sink run as separate processes connected by ZeroMQ.\n\n"
            "Commands:\n"
            "  run     crawl with the whole pipeline on this machine\n"
            "  seed    add seed URLs to a running producer\n"
            "  parse   run the parser on saved pages, one JSON line per file\n"
            "  status  show a running crawl: totals, workers, latest pages\n"
            "  robots  may AGENT fetch these URLs under a robots.txt file?\n"
            "  keygen  write CURVE key pairs for every stage (for --curve DIR)\n\n"
            "`zcrawl COMMAND --help` describes each command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        s_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        s_usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("zcrawl %s\n", ZC_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "run"))
        return zc_run_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "seed"))
        return zc_cmd_seed(argc - 1, argv + 1);
    if (!strcmp(cmd, "parse"))
        return zc_cmd_parse(argc - 1, argv + 1);
    if (!strcmp(cmd, "status"))
        return zc_cmd_status(argc - 1, argv + 1);
    if (!strcmp(cmd, "robots"))
        return zc_robots_cmd_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "keygen"))
        return zc_keygen_main(argc - 1, argv + 1);
    fprintf(stderr, "zcrawl: unknown command '%s' (try zcrawl --help)\n", cmd);
    return 2;
}
