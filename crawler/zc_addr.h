/*  zc_addr — which network addresses a crawler may connect to (the SSRF guard).

    A crawler fetches URLs that strangers wrote, so a page must not be able to
    send it to the operator's own network. The guard runs on the resolved
    address, from libcurl's open-socket callback, so DNS tricks (a public name
    resolving to 10.0.0.1, or re-binding between checks) cannot get past it.

    zc_addr_classify() names the range an address falls in; only
    ZC_ADDR_PUBLIC is allowed without --allow-private. IPv6 forms that carry
    an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d and
    the NAT64 prefix 64:ff9b::/96) are judged by the IPv4 address inside.
    Anything that is not AF_INET or AF_INET6 is ZC_ADDR_OTHER and refused.
*/
#ifndef ZC_ADDR_H
#define ZC_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

typedef enum {
    ZC_ADDR_PUBLIC = 0,
    ZC_ADDR_LOOPBACK,     /* 127/8, ::1 */
    ZC_ADDR_PRIVATE,      /* 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10 */
    ZC_ADDR_LINKLOCAL,    /* 169.254/16, fe80::/10 */
    ZC_ADDR_MULTICAST,    /* 224/4, ff00::/8 */
    ZC_ADDR_UNSPECIFIED,  /* 0/8, :: */
    ZC_ADDR_CGNAT,        /* 100.64/10 */
    ZC_ADDR_BROADCAST,    /* 255.255.255.255 */
    ZC_ADDR_RESERVED,     /* 240/4 */
    ZC_ADDR_OTHER,        /* not an IP address */
} zc_addr_class_t;

/* Class of an IPv4 address given in host byte order. */
zc_addr_class_t zc_addr_classify_v4(uint32_t addr);

/* Class of an IPv6 address (16 bytes, network order). */
zc_addr_class_t zc_addr_classify_v6(const uint8_t addr[16]);

/* Class of a socket address of len bytes; ZC_ADDR_OTHER if it is too short
   or of another family. */
zc_addr_class_t zc_addr_classify(const struct sockaddr *sa, size_t len);

/* Short name of a class ("loopback", "private", ...); never NULL. */
const char *zc_addr_class_name(zc_addr_class_t c);

int zc_addr_test(bool verbose);

#endif
