/* expr.h: SPARQL 1.1 expressions, functions and aggregates over
 * materialised terms (section 17 of the specification).
 *
 * Values are struct dg_sterm (graph/sparql/term.h).  An expression either
 * gives a value or raises an error (an unbound variable, a type error, a
 * bad argument): errors are not failures, they make a FILTER false and
 * leave a BIND unbound, so dg_expr_eval returns them as 1.  Failures
 * (out of memory, a store error, a bad regular expression) are -1 with
 * err set and stop the query.
 *
 * Numbers follow XPath's type promotion (integer < decimal < float <
 * double; the derived integer types are integers) and computed numbers
 * are written in their canonical lexical form (xsd:integer "12",
 * xsd:decimal "1.5" / "2" (XSD 1.1), xsd:double and xsd:float as XPath
 * casts them to strings: "1050", "0.2", "1.0E20");
 * stored literals are never rewritten.  String functions count
 * characters (code points), not bytes.  REGEX and REPLACE use PCRE2 with
 * the flags i, s, m, x and q.  Hashes use Nettle.  Dates and times:
 * xsd:dateTime, xsd:date, xsd:time with or without a timezone. */
#ifndef DG_SPARQL_EXPR_H
#define DG_SPARQL_EXPR_H

#include <stdint.h>

#include "common/error.h"
#include "graph/sparql/algebra.h"
#include "graph/sparql/term.h"

struct dg_expr_cache; /* compiled regular expressions, owned by the env */

/* What an expression needs from the evaluator that runs it. */
struct dg_expr_env {
    /* The term of id (a store id or a local one): a pointer valid until
     * the query ends; NULL with err set on failure.  Required. */
    const struct dg_sterm *(*term)(void *ctx, uint64_t id,
                                   struct dg_error *err);
    /* EXISTS: 1 when pattern (borrowed) has a solution compatible with
     * row (borrowed, nvars ids), 0 when not, -1 with err set. */
    int (*exists)(void *ctx, const struct dg_pattern *pattern,
                  const uint64_t *row, struct dg_error *err);
    void *ctx;
    const char *base;    /* base IRI for IRI() of a relative IRI, or NULL */
    struct dg_sterm now; /* NOW(): one xsd:dateTime for the whole query;
                            owned by the env (set by dg_expr_env_init) */
    uint64_t solution;   /* the evaluator bumps it for each solution:
                            BNODE("x") gives the same node within one
                            solution and a new one in the next */
    uint64_t bnodes;     /* counter of blank nodes made by BNODE() */
    uint64_t rand_state;
    struct dg_expr_cache *cache; /* owned */
};

/* Initialises env (zeroed first): NOW() from the clock, a random seed.
 * Returns 0 or -1 (out of memory). */
int dg_expr_env_init(struct dg_expr_env *env);
/* Frees what dg_expr_env_init and evaluation allocated. */
void dg_expr_env_release(struct dg_expr_env *env);

/* Evaluates e (borrowed) against row (borrowed; variable i is row[i],
 * 0 when unbound).  Returns 0 with *out set (caller clears), 1 for an
 * expression error (*out NONE), -1 with err set for a failure. */
int dg_expr_eval(struct dg_expr_env *env, const struct dg_expr *e,
                 const uint64_t *row, struct dg_sterm *out,
                 struct dg_error *err);

/* FILTER: the effective boolean value of e on row.  Returns 1 (true), 0
 * (false or an expression error), -1 with err set for a failure. */
int dg_expr_filter(struct dg_expr_env *env, const struct dg_expr *e,
                   const uint64_t *row, struct dg_error *err);

/* The effective boolean value of v: 1, 0, or -1 when it has none
 * (an IRI, a blank node, a literal of another datatype). */
int dg_sterm_ebv(const struct dg_sterm *v);

/* ORDER BY's total order on terms (15.1): no value first, then blank
 * nodes, IRIs, literals; comparable literals (numbers, dates, strings of
 * the same kind) by value, the rest by lexical form, datatype and
 * language, so the order is total and deterministic.  <0, 0, >0. */
int dg_sterm_order(const struct dg_sterm *a, const struct dg_sterm *b);

/* SPARQL's "=" between two terms (RDFterm-equal and value equality of
 * literals): 1 equal, 0 not, -1 a type error. */
int dg_sterm_equal(const struct dg_sterm *a, const struct dg_sterm *b);

/* ---- aggregates ----------------------------------------------------- */

struct dg_agg_state;

/* A new accumulator for a (borrowed; it must outlive the state).  NULL
 * when out of memory. */
struct dg_agg_state *dg_agg_new(const struct dg_aggregate *a);
/* Adds one solution's value: v (borrowed) the value of the aggregate's
 * expression, or NULL when it raised an error (COUNT skips it, SUM, AVG,
 * MIN, MAX and GROUP_CONCAT then end in error, SAMPLE ignores it).  For
 * COUNT(*) pass any non-NULL term per solution (for COUNT(DISTINCT *) a
 * term that identifies the solution).  0, or -1 when out of memory. */
int dg_agg_add(struct dg_agg_state *s, const struct dg_sterm *v);
/* The result into *out (caller clears): 0, or 1 when the aggregate is an
 * error (the variable stays unbound), -1 when out of memory.  An empty
 * group gives COUNT 0, SUM 0, AVG 0, GROUP_CONCAT "", and errors for
 * MIN, MAX and SAMPLE. */
int dg_agg_result(struct dg_agg_state *s, struct dg_sterm *out);
void dg_agg_free(struct dg_agg_state *s); /* NULL is safe */

#endif /* DG_SPARQL_EXPR_H */
