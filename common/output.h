/* output.h: writing a named output file the way a shell's `>` would, but
 * atomically and with every write checked.
 *
 *   struct dg_output o;
 *   FILE *fp = dg_output_open(&o, path, &err);   // NULL: err says why
 *   if (!fp || dg_output_finish(&o, write_things(fp, &err), &err) < 0)
 *       ... report err ...
 *
 * What PATH names decides how it is written:
 *   - NULL or "-": standard output, written through (never closed here);
 *   - a regular file, or a name that does not exist yet: a temporary file
 *     beside it, renamed over it by dg_output_commit(); an existing file
 *     keeps its mode (and owner when permitted), a new one gets
 *     0666 & ~umask; a file we may not write is an error, as with `>`;
 *     unlike `>`, the file gets a new inode, so its other hard links (if
 *     any) keep the old content;
 *   - a symbolic link: followed (also when dangling); its final target is
 *     what gets replaced, and the link stays a link;
 *   - a device, FIFO or socket, or a name under /proc or /dev/fd (such as
 *     /dev/stdout): opened and written straight through, no temporary file;
 *   - a directory, or a place whose directory is missing or not writable:
 *     dg_output_open() fails and creates nothing.
 * Until dg_output_commit() succeeds the old target is untouched;
 * dg_output_abort() removes the temporary file and leaves it so.
 *
 * Messages are "cannot write 'PATH': REASON" (PATH as given) or "cannot
 * write standard output: REASON". */
#ifndef DG_OUTPUT_H
#define DG_OUTPUT_H

#include <stdio.h>
#include <sys/types.h>

#include "common/error.h"

struct dg_output {
    char *name;  /* PATH as given, for messages (owned), or NULL: stdout */
    char *final; /* the file replaced, links resolved (owned), or NULL */
    char *tmp;   /* the temporary file beside final (owned), or NULL when
                    written through */
    FILE *fp;    /* the stream written (owned unless stdout) */
    int existed; /* 1 when final existed: the new file takes its mode
                    and (when permitted) owner */
    mode_t mode;
    uid_t uid;
    gid_t gid;
};

/* Opens PATH (borrowed; NULL or "-" is stdout) for writing and fills *o.
 * Returns the stream to write (owned by *o: finish with commit or abort),
 * or NULL with err set (DG_ERR_IO, DG_ERR_NOMEM) and *o cleared, nothing
 * created. */
FILE *dg_output_open(struct dg_output *o, const char *path,
                     struct dg_error *err);

/* Checks that everything written reached its place: flushes, syncs and
 * closes the file and renames the temporary file over the target.  0 on
 * success; -1 with err set on failure, the temporary file removed and the
 * old target unchanged.  *o is released either way (stdout stays open,
 * flushed).  Safe on a cleared or released *o (returns 0). */
int dg_output_commit(struct dg_output *o, struct dg_error *err);

/* Gives the output up: closes and removes the temporary file, leaving the
 * target as it was, and releases *o.  Safe on a cleared or released *o. */
void dg_output_abort(struct dg_output *o);

/* After a writer failed: when the stream has a write error, sets err to
 * this output's message (overriding a vaguer one already set) and returns
 * -1; else returns 0 and leaves err alone.  *o stays open. */
int dg_output_check(struct dg_output *o, struct dg_error *err);

/* Finishes *o after its writer returned rc: rc >= 0 commits (as
 * dg_output_commit), rc < 0 aborts (as dg_output_abort) after
 * dg_output_check, so that a write error is reported as such rather than
 * as the writer's own message.  Returns 0, or -1 with err set. */
int dg_output_finish(struct dg_output *o, int rc, struct dg_error *err);

#endif /* DG_OUTPUT_H */
