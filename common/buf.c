/* buf.c: see buf.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"

int
dg_buf_append(char **p, size_t *len, size_t *cap, size_t initial,
              const char *data, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t ncap = *cap ? *cap : initial;
        while (ncap < *len + n + 1)
            ncap *= 2;
        char *np = realloc(*p, ncap);
        if (!np)
            return -1;
        *p = np;
        *cap = ncap;
    }
    if (n)
        memcpy(*p + *len, data, n);
    *len += n;
    (*p)[*len] = '\0';
    return 0;
}
