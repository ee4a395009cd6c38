/* hash.h: the 64-bit FNV-1a hash of a NUL-terminated string, finalised
 * with a mixing step, shared by the
 * open-addressing tables of extract/ (header only; the value is never
 * stored, so it may change without a format break). */
#ifndef DG_HASH_H
#define DG_HASH_H

#include <stdint.h>

static inline uint64_t
dg_hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    /* FNV's low bits depend only on the low bits of the bytes: mix the high
     * bits down, as the tables index by the low bits */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

#endif /* DG_HASH_H */
