/* parse.h: SPARQL 1.1 query text to the algebra (graph/sparql/algebra.h).
 *
 * The whole SPARQL 1.1 Query grammar: prologue (BASE, PREFIX), SELECT
 * (DISTINCT, REDUCED, expressions), CONSTRUCT (and CONSTRUCT WHERE), ASK,
 * DESCRIBE, FROM / FROM NAMED, group graph patterns, OPTIONAL, UNION,
 * MINUS, GRAPH, FILTER, BIND, VALUES (inline and trailing), subqueries,
 * property paths, aggregates (DISTINCT, SEPARATOR), GROUP BY, HAVING,
 * ORDER BY, LIMIT, OFFSET, every built-in call, IRI function calls, and
 * the grammar's notes (scoping of BIND and of SELECT expressions,
 * aggregates only where allowed, blank node labels not reused across
 * groups).  SERVICE is refused with an error that says so.  SPARQL
 * Update is not a query: refused with an error that says so. */
#ifndef DG_SPARQL_PARSE_H
#define DG_SPARQL_PARSE_H

#include "common/error.h"
#include "graph/sparql/algebra.h"

/* Parses text (borrowed, UTF-8, NUL-terminated) with base IRI base
 * (borrowed; NULL: none, relative IRIs are then kept as written).
 * Returns a new query (caller frees with dg_query_free), or NULL with err
 * set: DG_ERR_QUERY with a message that starts "line L, column C: " (the
 * position of the offending token, columns counted in characters, 1-based)
 * for syntax and static errors, DG_ERR_NOMEM when out of memory. */
struct dg_query *dg_sparql_parse(const char *text, const char *base,
                                 struct dg_error *err);

#endif /* DG_SPARQL_PARSE_H */
