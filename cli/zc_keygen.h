/*  zc_keygen — `zcrawl keygen DIR`: the CURVE key pairs of a crawl.

    Writes one key pair for each identity of zc_curve_ids (the five stages and
    "client", used by zcrawl seed and other tools) into DIR, created with mode
    0700 if missing: NAME.key holds the public key, NAME.key_secret the secret
    one (mode 0600), each as a comment line and the 40-character Z85 key (the
    format zc_curve_read_key() reads, see common/zc_msg.h). Every file is
    written to a temporary name and renamed, so a reader never sees half a key.
    Existing keys are never replaced without --force: a crawl's running
    processes would lock each other out.
*/
#ifndef ZC_KEYGEN_H
#define ZC_KEYGEN_H

#include <stdbool.h>
#include <stddef.h>

/* Writes every key pair into dir. Without force, nothing is written if any
   key file exists. 0 on success, else a negative ZC_E* code with a message
   naming the file or directory in err. */
int zc_keygen_write(const char *dir, bool force, char *err, size_t errsize);

/* The `zcrawl keygen` command (argv[0] is "keygen"). Returns the exit status:
   0 written, 1 keys exist (without --force) or cannot be written, 2 usage. */
int zc_keygen_main(int argc, char **argv);

int zc_keygen_test(bool verbose);

#endif
