/*  zc_fpset — see zc_fpset.h. */
#include "zc_fpset.h"

#include "zc_util.h"

#include <assert.h>
#include <stdlib.h>

struct zc_fpset_t {
    uint64_t *slots;
    size_t mask;   /* capacity - 1 */
    size_t count;
};

zc_fpset_t *zc_fpset_new(size_t initial)
{
    size_t cap = 64;
    while (cap / 4 * 3 < initial)
        cap *= 2;
    zc_fpset_t *self = zc_calloc(1, sizeof *self);
    self->slots = zc_calloc(cap, sizeof *self->slots);
    self->mask = cap - 1;
    return self;
}

void zc_fpset_destroy(zc_fpset_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    free((*self_p)->slots);
    free(*self_p);
    *self_p = NULL;
}

static void s_grow(zc_fpset_t *self)
{
    size_t oldcap = self->mask + 1, cap = oldcap * 2;
    uint64_t *old = self->slots;
    self->slots = zc_calloc(cap, sizeof *self->slots);
    self->mask = cap - 1;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i])
            continue;
        size_t j = (size_t)old[i] & self->mask;
        while (self->slots[j])
            j = (j + 1) & self->mask;
        self->slots[j] = old[i];
    }
    free(old);
}

bool zc_fpset_add(zc_fpset_t *self, uint64_t fp)
{
    if (!fp)
        fp = 1;
    if (self->count + 1 > (self->mask + 1) / 4 * 3)
        s_grow(self);
    size_t j = (size_t)fp & self->mask;
    while (self->slots[j]) {
        if (self->slots[j] == fp)
            return false;
        j = (j + 1) & self->mask;
    }
    self->slots[j] = fp;
    self->count++;
    return true;
}

bool zc_fpset_has(const zc_fpset_t *self, uint64_t fp)
{
    if (!fp)
        fp = 1;
    size_t j = (size_t)fp & self->mask;
    while (self->slots[j]) {
        if (self->slots[j] == fp)
            return true;
        j = (j + 1) & self->mask;
    }
    return false;
}

size_t zc_fpset_size(const zc_fpset_t *self)
{
    return self->count;
}

uint64_t zc_fp_url(const char *url, size_t len)
{
    return zc_hash64(url, len, 0x7a637261776cULL);
}

int zc_fpset_test(bool verbose)
{
    ZC_UNUSED(verbose);
    zc_fpset_t *s = zc_fpset_new(4);
    for (uint64_t i = 0; i < 100000; i++)
        assert(zc_fpset_add(s, i * 0x9e3779b97f4a7c15ULL));
    assert(zc_fpset_size(s) == 100000);
    for (uint64_t i = 0; i < 100000; i++) {
        assert(zc_fpset_has(s, i * 0x9e3779b97f4a7c15ULL));
        assert(!zc_fpset_add(s, i * 0x9e3779b97f4a7c15ULL));
    }
    assert(!zc_fpset_has(s, 12345));
    assert(zc_fpset_has(s, 0)); /* 0 was added as i = 0 */
    zc_fpset_destroy(&s);
    assert(s == NULL);
    return 0;
}
