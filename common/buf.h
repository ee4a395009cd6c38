/* buf.h: the growth step of the NUL-terminated byte buffers that the
 * extractor's HTML reader, the renderer, the HTTP client and the server
 * build text in (each keeps its own struct and its own limits).
 *
 * Ownership: *p is malloc'ed and owned by the caller's buffer; it is
 * reallocated here and freed by the caller with free(). */
#ifndef DG_BUF_H
#define DG_BUF_H

#include <stddef.h>

/* Appends data[0..n) to the buffer *p of *len bytes in *cap allocated
 * (*p may be NULL with *len and *cap 0), doubling the allocation as
 * needed (first initial bytes), and keeps it NUL-terminated.  Returns 0,
 * or -1 when out of memory (the buffer unchanged). */
int dg_buf_append(char **p, size_t *len, size_t *cap, size_t initial,
                  const char *data, size_t n);

#endif /* DG_BUF_H */
