/* hash.h: the 64-bit FNV-1a hash of a NUL-terminated string, finalised
 * with a mixing step (dg_hash_mix, also for other keys), shared by the
 * open-addressing tables of extract/ (header only; the value is never
 * stored, so it may change without a format break). */
#ifndef DG_HASH_H
#define DG_HASH_H

#include <stdint.h>

/* Mixes the high bits of x down into the low ones (MurmurHash3's
 * finaliser step), for tables that index by the low bits. */
static inline uint64_t
dg_hash_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static inline uint64_t
dg_hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    /* FNV's low bits depend only on the low bits of the bytes */
    return dg_hash_mix(h);
}

#endif /* DG_HASH_H */
