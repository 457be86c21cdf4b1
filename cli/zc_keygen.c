/*  zc_keygen — see zc_keygen.h. */
#include "zc_keygen.h"

#include "zc_config.h"
#include "zc_msg.h"
#include "zc_util.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#define ZC_KEYGEN_DIR_MODE 0700
#define ZC_KEYGEN_PUBLIC_MODE 0644
#define ZC_KEYGEN_SECRET_MODE 0600
#define ZC_KEYGEN_TEXT_MAX 256

typedef struct {
    zc_common_cfg_t common; /* unused; zc_config wants the shape */
    bool force;
} s_keygen_cfg_t;

static const zc_opt_t s_keygen_opts[] = {
    {"force", ZC_OPT_BOOL, offsetof(s_keygen_cfg_t, force), NULL, 0, 0,
     "replace existing keys (every process must then get the new ones)"},
    {NULL, 0, 0, NULL, 0, 0, NULL}};

static const zc_cmdinfo_t s_keygen_info = {
    "zcrawl keygen", "[--force] DIR",
    "Writes a CURVE key pair for every stage (producer, crawler, broker, parser, sink)\n"
    "and for the client tools (client: zcrawl seed) into DIR, created if missing:\n"
    "NAME.key is the public key, NAME.key_secret the secret one (mode 0600). Then\n"
    "give every process --curve DIR. Existing keys are kept unless --force."};

/* dir/ID+suffix into buf; false if it does not fit (zc_keygen_write checks
   the length of dir first). */
static bool s_path(char *buf, size_t size, const char *dir, const char *id, const char *suffix)
{
    int n = snprintf(buf, size, "%s/%s%s", dir, id, suffix);
    return n > 0 && (size_t)n < size;
}

/* Writes text to path through a temporary file, with exactly this mode. */
static int s_write(const char *path, const char *text, mode_t mode, char *err, size_t errsize)
{
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) {
        snprintf(err, errsize, "cannot write %s: %s", tmp, strerror(errno));
        return ZC_EIO;
    }
    size_t len = strlen(text);
    bool ok = fchmod(fd, mode) == 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        unlink(tmp);
        snprintf(err, errsize, "cannot write %s: %s", path, strerror(e));
        return ZC_EIO;
    }
    return ZC_OK;
}

int zc_keygen_write(const char *dir, bool force, char *err, size_t errsize)
{
    struct stat st;
    if (!dir || !*dir) {
        snprintf(err, errsize, "no directory given");
        return ZC_EINVAL;
    }
    char path[PATH_MAX];
    if (!s_path(path, sizeof path, dir, "longest-name", ZC_CURVE_SECRET_SUFFIX ".tmp")) {
        snprintf(err, errsize, "directory name too long");
        return ZC_EINVAL;
    }
    if (mkdir(dir, ZC_KEYGEN_DIR_MODE) != 0 && errno != EEXIST) {
        snprintf(err, errsize, "cannot create %s: %s", dir, strerror(errno));
        return ZC_EIO;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errsize, "%s is not a directory", dir);
        return ZC_EIO;
    }
    static const char *const suffixes[] = {ZC_CURVE_PUBLIC_SUFFIX, ZC_CURVE_SECRET_SUFFIX};
    for (int i = 0; i < ZC_CURVE_NIDS && !force; i++)
        for (size_t s = 0; s < ZC_ARRAY_LEN(suffixes); s++) {
            s_path(path, sizeof path, dir, zc_curve_ids[i], suffixes[s]);
            if (lstat(path, &st) == 0) {
                snprintf(err, errsize, "%s exists: keys are not replaced without --force", path);
                return ZC_EINVAL;
            }
        }
    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        const char *id = zc_curve_ids[i];
        char pub[ZC_CURVE_KEY_LEN + 1], sec[ZC_CURVE_KEY_LEN + 1], text[ZC_KEYGEN_TEXT_MAX];
        if (zmq_curve_keypair(pub, sec) != 0) {
            snprintf(err, errsize, "cannot make keys: %s", zmq_strerror(errno));
            return ZC_EIO;
        }
        /* The secret first: a public key never names a pair that is not there. */
        snprintf(text, sizeof text,
                 "# zcrawl CURVE secret key of %s (Z85). Keep it private: only %s needs it.\n%s\n",
                 id, i + 1 < ZC_CURVE_NIDS ? "this stage" : "the client tools", sec);
        s_path(path, sizeof path, dir, id, ZC_CURVE_SECRET_SUFFIX);
        int rc = s_write(path, text, ZC_KEYGEN_SECRET_MODE, err, errsize);
        explicit_bzero(sec, sizeof sec);
        explicit_bzero(text, sizeof text);
        if (rc)
            return rc;
        snprintf(
            text, sizeof text,
            "# zcrawl CURVE public key of %s (Z85). Every process of the crawl needs it.\n%s\n", id,
            pub);
        s_path(path, sizeof path, dir, id, ZC_CURVE_PUBLIC_SUFFIX);
        rc = s_write(path, text, ZC_KEYGEN_PUBLIC_MODE, err, errsize);
        if (rc)
            return rc;
    }
    return ZC_OK;
}

int zc_keygen_main(int argc, char **argv)
{
    s_keygen_cfg_t cfg = {0};
    zc_strlist_t pos = {0};
    int status = 2;
    int rc = zc_config_parse(&s_keygen_info, s_keygen_opts, &cfg, argc, argv, &pos);
    if (rc == ZC_CONFIG_EXIT)
        status = 0;
    if (rc != ZC_CONFIG_OK)
        goto done;
    if (pos.n != 1) {
        fprintf(stderr, "zcrawl keygen: give one directory (try --help)\n");
        goto done;
    }
    char err[PATH_MAX + 128];
    if (zc_keygen_write(pos.v[0], cfg.force, err, sizeof err) != ZC_OK) {
        fprintf(stderr, "zcrawl keygen: %s\n", err);
        status = 1;
        goto done;
    }
    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        char path[PATH_MAX], key[ZC_CURVE_KEY_LEN + 1];
        s_path(path, sizeof path, pos.v[0], zc_curve_ids[i], ZC_CURVE_PUBLIC_SUFFIX);
        if (zc_curve_read_key(path, key, err, sizeof err) == ZC_OK)
            printf("%-8s %s\n", zc_curve_ids[i], key);
    }
    status = 0;
done:
    zc_strlist_free(&pos);
    zc_config_free(s_keygen_opts, &cfg);
    return status;
}

/* --- self-test ------------------------------------------------------------ */

static mode_t s_mode(const char *path)
{
    struct stat st;
    int rc = stat(path, &st);
    assert(rc == 0);
    return st.st_mode & 0777;
}

static void s_read_all(const char *dir, char keys[ZC_CURVE_NIDS][ZC_CURVE_KEY_LEN + 1])
{
    char path[PATH_MAX], err[512];
    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        s_path(path, sizeof path, dir, zc_curve_ids[i], ZC_CURVE_PUBLIC_SUFFIX);
        int rc = zc_curve_read_key(path, keys[i], err, sizeof err);
        assert(rc == 0);
        assert(s_mode(path) == ZC_KEYGEN_PUBLIC_MODE);
        s_path(path, sizeof path, dir, zc_curve_ids[i], ZC_CURVE_SECRET_SUFFIX);
        assert(s_mode(path) == ZC_KEYGEN_SECRET_MODE);
        /* Each pair loads: the secret key matches its public one. */
        rc = zc_curve_check(dir, zc_curve_ids[i], err, sizeof err);
        assert(rc == 0);
    }
}

int zc_keygen_test(bool verbose)
{
    ZC_UNUSED(verbose);
    char base[] = "/tmp/zc-keygen-test-XXXXXX";
    assert(mkdtemp(base));
    char dir[256], err[PATH_MAX + 128];
    snprintf(dir, sizeof dir, "%s/keys", base);
    mode_t old_mask = umask(077); /* the public files get 0644 all the same */
    assert(zc_keygen_write(dir, false, err, sizeof err) == 0);
    umask(old_mask);
    assert(s_mode(dir) == ZC_KEYGEN_DIR_MODE);
    char first[ZC_CURVE_NIDS][ZC_CURVE_KEY_LEN + 1], second[ZC_CURVE_NIDS][ZC_CURVE_KEY_LEN + 1];
    s_read_all(dir, first);
    for (int i = 0; i < ZC_CURVE_NIDS; i++)
        for (int j = 0; j < i; j++)
            assert(strcmp(first[i], first[j]) != 0);

    /* Never replaced without --force, even if only one file is there. */
    assert(zc_keygen_write(dir, false, err, sizeof err) == ZC_EINVAL);
    assert(strstr(err, "producer.key") && strstr(err, "--force"));
    char path[PATH_MAX];
    s_path(path, sizeof path, dir, "parser", ZC_CURVE_SECRET_SUFFIX);
    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        char p[PATH_MAX];
        s_path(p, sizeof p, dir, zc_curve_ids[i], ZC_CURVE_PUBLIC_SUFFIX);
        unlink(p);
        s_path(p, sizeof p, dir, zc_curve_ids[i], ZC_CURVE_SECRET_SUFFIX);
        if (strcmp(p, path) != 0)
            unlink(p);
    }
    assert(zc_keygen_write(dir, false, err, sizeof err) == ZC_EINVAL && strstr(err, "parser"));
    assert(zc_keygen_write(dir, true, err, sizeof err) == 0);
    s_read_all(dir, second);
    for (int i = 0; i < ZC_CURVE_NIDS; i++)
        assert(strcmp(first[i], second[i]) != 0);

    /* A file where the directory should be. */
    s_path(path, sizeof path, dir, "producer", ZC_CURVE_PUBLIC_SUFFIX);
    assert(zc_keygen_write(path, true, err, sizeof err) == ZC_EIO &&
           strstr(err, "not a directory"));

    /* The command: usage errors 2, existing keys 1, --force 0. */
    FILE *saved_out = stdout, *saved_err = stderr;
    stdout = fopen("/dev/null", "w");
    stderr = fopen("/dev/null", "w");
    char *a1[] = {"keygen", NULL};
    assert(zc_keygen_main(1, a1) == 2);
    char *a2[] = {"keygen", dir, "other", NULL};
    assert(zc_keygen_main(3, a2) == 2);
    char *a3[] = {"keygen", dir, NULL};
    assert(zc_keygen_main(2, a3) == 1);
    char *a4[] = {"keygen", "--force", dir, NULL};
    assert(zc_keygen_main(3, a4) == 0);
    fclose(stdout);
    fclose(stderr);
    stdout = saved_out;
    stderr = saved_err;
    s_read_all(dir, first);
    for (int i = 0; i < ZC_CURVE_NIDS; i++)
        assert(strcmp(first[i], second[i]) != 0);

    for (int i = 0; i < ZC_CURVE_NIDS; i++) {
        s_path(path, sizeof path, dir, zc_curve_ids[i], ZC_CURVE_PUBLIC_SUFFIX);
        unlink(path);
        s_path(path, sizeof path, dir, zc_curve_ids[i], ZC_CURVE_SECRET_SUFFIX);
        unlink(path);
    }
    rmdir(dir);
    rmdir(base);
    return 0;
}
