/*  zc_addr — see zc_addr.h. */
#include "zc_addr.h"

#include <arpa/inet.h>
#include <assert.h>
#include <netinet/in.h>
#include <string.h>

/* True when addr lies in prefix/bits (host byte order). */
static bool s_in4(uint32_t addr, uint32_t prefix, int bits)
{
    uint32_t mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
    return (addr & mask) == (prefix & mask);
}

zc_addr_class_t zc_addr_classify_v4(uint32_t a)
{
    if (s_in4(a, 0x00000000u, 8))
        return ZC_ADDR_UNSPECIFIED;
    if (s_in4(a, 0x7f000000u, 8))
        return ZC_ADDR_LOOPBACK;
    if (s_in4(a, 0x0a000000u, 8) || s_in4(a, 0xac100000u, 12) || s_in4(a, 0xc0a80000u, 16))
        return ZC_ADDR_PRIVATE;
    if (s_in4(a, 0xa9fe0000u, 16))
        return ZC_ADDR_LINKLOCAL;
    if (s_in4(a, 0x64400000u, 10))
        return ZC_ADDR_CGNAT;
    if (s_in4(a, 0xe0000000u, 4))
        return ZC_ADDR_MULTICAST;
    if (a == 0xffffffffu)
        return ZC_ADDR_BROADCAST;
    if (s_in4(a, 0xf0000000u, 4))
        return ZC_ADDR_RESERVED;
    return ZC_ADDR_PUBLIC;
}

static uint32_t s_v4_at(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

zc_addr_class_t zc_addr_classify_v6(const uint8_t a[16])
{
    static const uint8_t zero[16] = {0};
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (memcmp(a, zero, 15) == 0)
        return a[15] == 1 ? ZC_ADDR_LOOPBACK : a[15] == 0 ? ZC_ADDR_UNSPECIFIED
                                                          : zc_addr_classify_v4(s_v4_at(a + 12));
    if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0 || memcmp(a, zero, 12) == 0)
        return zc_addr_classify_v4(s_v4_at(a + 12));
    if ((a[0] & 0xfe) == 0xfc)
        return ZC_ADDR_PRIVATE;                 /* unique local fc00::/7 */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
        return ZC_ADDR_LINKLOCAL;               /* fe80::/10 */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
        return ZC_ADDR_PRIVATE;                 /* site-local fec0::/10, deprecated */
    if (a[0] == 0xff)
        return ZC_ADDR_MULTICAST;
    return ZC_ADDR_PUBLIC;
}

zc_addr_class_t zc_addr_classify(const struct sockaddr *sa, size_t len)
{
    if (!sa || len < sizeof(sa_family_t))
        return ZC_ADDR_OTHER;
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        struct sockaddr_in sin;
        memcpy(&sin, sa, sizeof sin);
        return zc_addr_classify_v4(ntohl(sin.sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 sin6;
        memcpy(&sin6, sa, sizeof sin6);
        return zc_addr_classify_v6(sin6.sin6_addr.s6_addr);
    }
    return ZC_ADDR_OTHER;
}

const char *zc_addr_class_name(zc_addr_class_t c)
{
    switch (c) {
    case ZC_ADDR_PUBLIC: return "public";
    case ZC_ADDR_LOOPBACK: return "loopback";
    case ZC_ADDR_PRIVATE: return "private";
    case ZC_ADDR_LINKLOCAL: return "link-local";
    case ZC_ADDR_MULTICAST: return "multicast";
    case ZC_ADDR_UNSPECIFIED: return "unspecified";
    case ZC_ADDR_CGNAT: return "cgnat";
    case ZC_ADDR_BROADCAST: return "broadcast";
    case ZC_ADDR_RESERVED: return "reserved";
    case ZC_ADDR_OTHER: break;
    }
    return "other";
}

/* --- self-test ------------------------------------------------------------ */

static zc_addr_class_t s_parse_classify(const char *text)
{
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    memset(&sin, 0, sizeof sin);
    memset(&sin6, 0, sizeof sin6);
    if (inet_pton(AF_INET, text, &sin.sin_addr) == 1) {
        sin.sin_family = AF_INET;
        return zc_addr_classify((struct sockaddr *)&sin, sizeof sin);
    }
    int ok = inet_pton(AF_INET6, text, &sin6.sin6_addr);
    assert(ok == 1);
    sin6.sin6_family = AF_INET6;
    return zc_addr_classify((struct sockaddr *)&sin6, sizeof sin6);
}

int zc_addr_test(bool verbose)
{
    (void)verbose;
    static const struct {
        const char *addr;
        zc_addr_class_t want;
    } cases[] = {
        {"8.8.8.8", ZC_ADDR_PUBLIC},
        {"93.184.216.34", ZC_ADDR_PUBLIC},
        {"127.0.0.1", ZC_ADDR_LOOPBACK},
        {"127.255.255.254", ZC_ADDR_LOOPBACK},
        {"10.1.2.3", ZC_ADDR_PRIVATE},
        {"172.16.0.1", ZC_ADDR_PRIVATE},
        {"172.31.255.255", ZC_ADDR_PRIVATE},
        {"172.32.0.1", ZC_ADDR_PUBLIC},
        {"172.15.255.255", ZC_ADDR_PUBLIC},
        {"192.168.1.1", ZC_ADDR_PRIVATE},
        {"192.169.0.1", ZC_ADDR_PUBLIC},
        {"169.254.169.254", ZC_ADDR_LINKLOCAL},
        {"224.0.0.1", ZC_ADDR_MULTICAST},
        {"239.255.255.250", ZC_ADDR_MULTICAST},
        {"0.0.0.0", ZC_ADDR_UNSPECIFIED},
        {"0.1.2.3", ZC_ADDR_UNSPECIFIED},
        {"100.64.0.1", ZC_ADDR_CGNAT},
        {"100.127.255.255", ZC_ADDR_CGNAT},
        {"100.128.0.1", ZC_ADDR_PUBLIC},
        {"255.255.255.255", ZC_ADDR_BROADCAST},
        {"240.0.0.1", ZC_ADDR_RESERVED},
        {"2606:4700::1111", ZC_ADDR_PUBLIC},
        {"::1", ZC_ADDR_LOOPBACK},
        {"::", ZC_ADDR_UNSPECIFIED},
        {"fc00::1", ZC_ADDR_PRIVATE},
        {"fd12:3456::1", ZC_ADDR_PRIVATE},
        {"fec0::1", ZC_ADDR_PRIVATE},
        {"fe80::1", ZC_ADDR_LINKLOCAL},
        {"febf::1", ZC_ADDR_LINKLOCAL},
        {"ff02::1", ZC_ADDR_MULTICAST},
        {"::ffff:127.0.0.1", ZC_ADDR_LOOPBACK},
        {"::ffff:10.0.0.1", ZC_ADDR_PRIVATE},
        {"::ffff:169.254.1.1", ZC_ADDR_LINKLOCAL},
        {"::ffff:0.0.0.0", ZC_ADDR_UNSPECIFIED},
        {"::ffff:8.8.8.8", ZC_ADDR_PUBLIC},
        {"::127.0.0.1", ZC_ADDR_LOOPBACK},
        {"::192.168.0.1", ZC_ADDR_PRIVATE},
        {"64:ff9b::a00:1", ZC_ADDR_PRIVATE},
        {"64:ff9b::808:808", ZC_ADDR_PUBLIC},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        zc_addr_class_t got = s_parse_classify(cases[i].addr);
        assert(got == cases[i].want);
    }
    /* Not an IP address, or too short: refused. */
    struct sockaddr sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_family = AF_UNIX;
    assert(zc_addr_classify(&sa, sizeof sa) == ZC_ADDR_OTHER);
    struct sockaddr_in6 short6;
    memset(&short6, 0, sizeof short6);
    short6.sin6_family = AF_INET6;
    assert(zc_addr_classify((struct sockaddr *)&short6, sizeof(struct sockaddr_in)) ==
           ZC_ADDR_OTHER);
    assert(zc_addr_classify(NULL, 0) == ZC_ADDR_OTHER);
    assert(strcmp(zc_addr_class_name(ZC_ADDR_LOOPBACK), "loopback") == 0);
    assert(strcmp(zc_addr_class_name(ZC_ADDR_OTHER), "other") == 0);
    return 0;
}
