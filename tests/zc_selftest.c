/*  zc_selftest — runs the self-test of one module, or of all of them.

    Usage: zc_selftest [-v] [MODULE...]. Each module's zc_<name>_test(verbose)
    is its usage example and its unit test; ctest runs one process per module.
*/
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*fn)(bool verbose);
} zc_selftest_t;

#include "zc_selftests.inc"

int main(int argc, char **argv)
{
    bool verbose = false;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = true;
        first = 2;
    }
    size_t n = sizeof s_tests / sizeof s_tests[0];
    int failed = 0, ran = 0;
    for (size_t i = 0; i < n; i++) {
        bool selected = first >= argc;
        for (int a = first; a < argc; a++)
            if (strcmp(argv[a], s_tests[i].name) == 0)
                selected = true;
        if (!selected)
            continue;
        ran++;
        int rc = s_tests[i].fn(verbose);
        printf("%s: %s\n", s_tests[i].name, rc == 0 ? "ok" : "FAILED");
        if (rc)
            failed++;
    }
    if (!ran) {
        fprintf(stderr, "zc_selftest: no such module\n");
        return 2;
    }
    return failed ? 1 : 0;
}
