/*  zc_wire — a structural check of a protobuf message without decoding it.

    The broker relays Fetch messages that carry whole page bodies. Unpacking
    each one just to check it would copy megabytes per page; instead
    zc_wire_check() walks the top-level fields (tags, varints, lengths) in
    place and verifies that the message is well-formed protobuf, that field 1
    is the expected format version and that the required fields are there.
    What is nested inside a length-delimited field is the receiver's to check.
*/
#ifndef ZC_WIRE_H
#define ZC_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Checks data as a top-level message: well-formed fields, field 1 a varint
   equal to version, and every field number in required[0..nreq) present.
   Returns 0, ZC_EPROTO or ZC_EVERSION. */
int zc_wire_check(const void *data, size_t len, uint32_t version, const uint32_t *required,
                  size_t nreq);

int zc_wire_test(bool verbose);

#endif
