/*  zc_url_wpt — zc_url against the WHATWG URL conformance suite.

    A test-only module: its self-test reads the web-platform-tests file
    urltestdata.json (kept in shared/testdata/url/ beside the repository)
    and checks zc_url_resolve_buf() and zc_url_resolve() on every case
    whose result concerns an http or https URL: a case the suite expects to
    fail must fail, any other must give the suite's href after zcrawl's own
    normalization (fragment dropped, escapes of unreserved characters
    decoded, the others upper-cased). Every case whose result is not
    http(s) must be refused. The file is found through the environment
    variable ZC_URLTESTDATA, else as ../shared/testdata/url/urltestdata.json
    from the working directory or one of its parents, or from the test
    binary's folder or one of its parents; without it the test fails.
*/
#ifndef ZC_URL_WPT_H
#define ZC_URL_WPT_H

#include <stdbool.h>

int zc_url_wpt_test(bool verbose);

#endif
