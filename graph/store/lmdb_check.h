/* lmdb_check.h: a full consistency check of an "lmdb" storage (diplograph
 * check).
 *
 * LMDB keeps no checksums, so damage shows as records that do not decode
 * or tables that disagree.  dg_lmdb_check walks every table in one read
 * transaction (a snapshot; a build may run meanwhile) and cross-checks:
 *   - i2t: ids 1..N, ascending, each term encoding well formed;
 *   - t2i and t2h: every term found again under its encoding (or the hash
 *     of it), with its id, and nothing else in them;
 *   - the six indexes: keys of four ids in ascending order with empty
 *     values, the same number of quads in each, every spoc quad present
 *     in the five others, every id a term (a subject, predicate or graph
 *     never a literal, a predicate an IRI);
 *   - ctx: exactly the graphs that hold a quad in cspo;
 *   - stats: exactly the per-predicate counts of posc.
 * Each kind of problem is reported once, with its count and a first
 * example. */
#ifndef DG_LMDB_CHECK_H
#define DG_LMDB_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include <librdf.h>

#include "common/error.h"

struct dg_lmdb_check_counts {
    uint64_t quads;  /* entries of spoc */
    uint64_t terms;  /* entries of i2t */
    uint64_t graphs; /* named graphs holding a quad (from cspo) */
    size_t problems; /* kinds of problem reported */
};

/* Called once per kind of problem with a one-line message (borrowed,
 * valid during the call). */
typedef void (*dg_lmdb_problem_fn)(void *ctx, const char *msg);

/* Checks the open "lmdb" storage (borrowed).  Returns 0 when the walk
 * ran (out->problems says whether anything is wrong; each was passed to
 * problem), -1 with err set when it could not run at all. */
int dg_lmdb_check(librdf_storage *storage, dg_lmdb_problem_fn problem,
                  void *ctx, struct dg_lmdb_check_counts *out,
                  struct dg_error *err);

/* Writes a compacted copy of the storage's environment (borrowed) to
 * directory dir (borrowed), which must not exist or be empty: LMDB's
 * mdb_env_copy2 with MDB_CP_COMPACT, a snapshot in one read transaction,
 * so a build may run meanwhile.  The copy is flushed to disk.  *bytes
 * (may be NULL) gets its size.  0, or -1 with err set. */
int dg_lmdb_backup(librdf_storage *storage, const char *dir, uint64_t *bytes,
                   struct dg_error *err);

#endif /* DG_LMDB_CHECK_H */
