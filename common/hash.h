/* hash.h: the 64-bit FNV-1a hash of a NUL-terminated string, shared by the
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
    return h;
}

#endif /* DG_HASH_H */
