/* sparql_check.h: refuse SPARQL that Debian's rasqal 0.9.33 gets wrong.
 *
 * rasqal 0.9.33 crashes or silently returns wrong rows on some SPARQL 1.1
 * features (measured; see ../shared/STYLE.md).  Rather than crash or lie,
 * diplograph refuses such queries with an error that names the feature,
 * its line and column, and the rewrite that works. */
#ifndef DG_SPARQL_CHECK_H
#define DG_SPARQL_CHECK_H

#include "common/error.h"

/* Scans query (borrowed, NUL-terminated) outside strings, IRIs and
 * comments.  Returns 0 when it uses no known-bad feature, else -1 with
 * err set (DG_ERR_QUERY). */
int dg_sparql_check(const char *query, struct dg_error *err);

/* One key of a top-level ORDER BY. */
struct dg_order_key {
    char var[64]; /* variable name without '?' */
    int desc;     /* 1 for DESC(?var) */
};

/* Reads the outermost ORDER BY of query when it is made of plain
 * variables, ASC(?v) and DESC(?v) only.  Fills up to max keys and returns
 * their count; returns 0 when there is no ORDER BY or it uses expressions
 * (then the engine's order is kept as it is). */
size_t dg_sparql_order_keys(const char *query, struct dg_order_key *keys,
                            size_t max);

#endif /* DG_SPARQL_CHECK_H */
