/* eval.h: evaluates a parsed query (graph/sparql/algebra.h) over a
 * dataset (graph/sparql/dataset.h) into plain results
 * (graph/results.h).
 *
 * Evaluation is on term ids: each triple pattern a range scan on the
 * index that fits its bound positions, joins ordered from the dataset's
 * estimates, terms materialised only for expressions and output. */
#ifndef DG_SPARQL_EVAL_H
#define DG_SPARQL_EVAL_H

#include <stdio.h>

#include "common/error.h"
#include "graph/results.h"
#include "graph/sparql/algebra.h"
#include "graph/sparql/dataset.h"

/* Which graph is the default graph when the query has no FROM. */
enum dg_default_graph {
    DG_DEFAULT_UNION = 0, /* the merge of every graph but the hidden ones */
    DG_DEFAULT_STORED     /* only the true default graph */
};

struct dg_eval_opts {
    int default_graph; /* enum dg_default_graph */
    long timeout_ms;   /* 0: none */
    /* 0: none; else the query fails ("query stopped: more than N rows in
     * memory") when it would keep more rows than this in memory at once
     * or over its run: results, materialised tables, sorts, DISTINCT */
    long max_rows;
};

/* Runs q (borrowed; its id fields are rewritten for ds) on ds
 * (borrowed).  Returns new results (caller frees with dg_results_free):
 * bindings for SELECT, a boolean for ASK, rows of (subject, predicate,
 * object) for CONSTRUCT and DESCRIBE; NULL with err set on failure
 * (DG_ERR_QUERY when the query runs out of time or gives more than
 * max_rows rows). */
struct dg_results *dg_sparql_eval(struct dg_query *q, struct dg_dataset *ds,
                                  const struct dg_eval_opts *opts,
                                  struct dg_error *err);

/* Writes the plan chosen for q on ds (join order, indexes, estimates) to
 * fp, for `query --explain`.  0, or -1 with err set. */
int dg_sparql_explain(struct dg_query *q, struct dg_dataset *ds,
                      const struct dg_eval_opts *opts, FILE *fp,
                      struct dg_error *err);

#endif /* DG_SPARQL_EVAL_H */
