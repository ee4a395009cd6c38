/* path.h: property paths (SPARQL 1.1 section 9, evaluation 18.4) over
 * term ids.
 *
 * A path is evaluated between two ends, each a term id or 0 (unbound),
 * into a list of (start, end) pairs.  Alternatives and sequences keep
 * duplicates (they are unions and joins in the algebra); *, + and ? give
 * each pair once (the specification's ALP sets).  Cycles are followed
 * once.  The graph to read is the scan callback's business. */
#ifndef DG_SPARQL_PATH_H
#define DG_SPARQL_PATH_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "graph/sparql/algebra.h"

/* A growable array of ids (pairs or triples, flattened). */
struct dg_ids {
    uint64_t *v; /* owned */
    size_t n, cap;
};

int dg_ids_push(struct dg_ids *a, uint64_t x);
void dg_ids_release(struct dg_ids *a);

/* What the path evaluator reads. */
struct dg_path_src {
    /* Appends to out the (s, p, o) of every triple of the active graph
     * matching spo (0: any): 0, or -1 with err set. */
    int (*scan)(void *ctx, const uint64_t spo[3], struct dg_ids *out,
                struct dg_error *err);
    /* Appends every node (subject or object) of the active graph, each
     * once: 0, or -1 with err set. */
    int (*nodes)(void *ctx, struct dg_ids *out, struct dg_error *err);
    void *ctx;
};

/* Appends to out the pairs (a, b) such that path (borrowed) links a to b,
 * with a = s when s != 0 and b = o when o != 0.  0, or -1 with err set. */
int dg_path_eval(const struct dg_path_src *src, const struct dg_path *path,
                 uint64_t s, uint64_t o, struct dg_ids *out,
                 struct dg_error *err);

#endif /* DG_SPARQL_PATH_H */
