/*  dashboard.h — the live dashboard page, sink/dashboard.html, compiled into
    the sink as bytes (CMake turns the file into a C array in the build
    directory with sink/embed.cmake; the page itself is plain HTML with
    inline CSS and JavaScript and needs no build). Served as GET /.
*/
#ifndef ZC_DASHBOARD_H
#define ZC_DASHBOARD_H

#include <stddef.h>

extern const unsigned char zc_dashboard_html[];
extern const size_t zc_dashboard_html_len; /* without the trailing NUL */

#endif
