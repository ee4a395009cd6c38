/* file.h: reading input files safely (no FIFO, device or huge file).
 *
 * Every input the CLI reads whole (articles, queries) or streams (RDF to
 * load) goes through these functions, so that a FIFO never blocks, a
 * device such as /dev/zero is never read, and a file's size is checked
 * before it is read.  The path "-" is standard input: it may be a pipe,
 * and is then read at most to the size limit plus one byte.
 *
 * Errors: -1 (or NULL) with err set; err's message is the cause alone
 * ("not a regular file", "larger than 16 MiB", "symbolic link loop",
 * "No such file or directory"), without the path, so that each caller
 * names the file in its own words ("skipped 'X': ...", "cannot read
 * 'X': ...").  Nothing is printed. */
#ifndef DG_FILE_H
#define DG_FILE_H

#include <stdio.h>
#include <sys/stat.h>

#include "common/error.h"

/* Why a path cannot be read as an input file: 0 when path (borrowed) names
 * a regular file (following symbolic links) no larger than max_bytes (0:
 * no limit), with its status in *sb (may be NULL); -1 with err set
 * otherwise.  Does not open the file. */
int dg_file_check(const char *path, size_t max_bytes, struct stat *sb,
                  struct dg_error *err);

/* Opens path (borrowed) for reading: a regular file, opened without
 * blocking and checked with fstat (so a FIFO swapped in after a check
 * is refused too), or "-" for standard input.  max_bytes as above (not
 * checked for standard input, which has no size).  Returns a stream the
 * caller closes with dg_file_close, or NULL with err set. */
FILE *dg_file_open(const char *path, size_t max_bytes, struct dg_error *err);
/* Closes a stream of dg_file_open (standard input is left open); NULL is
 * safe.  Returns 0, or -1 when closing failed. */
int dg_file_close(FILE *fp);

/* Flags of dg_file_read. */
enum {
    DG_FILE_NO_NUL = 1 /* refuse a file with a NUL byte (text such as a
                          query, where a NUL would cut it silently) */
};

/* Reads the whole of path (borrowed; "-": standard input) into a new
 * NUL-terminated buffer, refusing more than max_bytes (0: no limit).  The
 * caller frees the buffer with free(); *len gets its length (the
 * terminating NUL not counted).  NULL with err set on failure. */
char *dg_file_read(const char *path, size_t max_bytes, int flags, size_t *len,
                   struct dg_error *err);

/* Overwrites a NUL-terminated secret (a token or a password read from a
 * file, or a copy of one) and frees it; NULL is fine.  explicit_bzero: a
 * write before free that the compiler may not drop, as it may a memset. */
void dg_file_free_secret(char *secret);

/* "16 MiB", "512 KiB" or "300 bytes" for n, into buf (size bytes);
 * returns buf. */
const char *dg_file_size_text(size_t n, char *buf, size_t size);

#endif /* DG_FILE_H */
