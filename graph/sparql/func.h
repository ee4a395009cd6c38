/* func.h: internal interface between graph/sparql/expr.c (operators,
 * comparisons, aggregates) and graph/sparql/func.c (values of numbers and
 * dates, the built-in functions and the XSD casts).  Not for other
 * modules: they use graph/sparql/expr.h.
 *
 * Every function returning an int follows expr.h: 0 done, 1 an
 * expression error (out left NONE), -1 a failure (err set).  Terms
 * passed in are borrowed; out terms are owned by the caller. */
#ifndef DG_FUNC_P_H
#define DG_FUNC_P_H

#include <stdint.h>

#include "common/error.h"
#include "graph/sparql/expr.h"
#include "graph/sparql/term.h"

__extension__ typedef __int128 dg_i128;

/* ---- numbers ---------------------------------------------------------- */

enum dg_num_type { DG_N_INTEGER, DG_N_DECIMAL, DG_N_FLOAT, DG_N_DOUBLE };

/* A numeric value.  Integers and decimals are exact, m / 10^scale, unless
 * approx is set (the value overflowed 128 bits): then ld holds it.
 * Floats and doubles are in d. */
struct dg_num {
    int type; /* enum dg_num_type */
    int approx;
    dg_i128 m;
    int scale;
    long double ld;
    double d;
};

/* The numeric value of t: 1 when t is a literal of a numeric datatype with
 * a valid lexical form (the derived integer types within their range),
 * 0 otherwise. */
int dg_num_parse(const struct dg_sterm *t, struct dg_num *n);
/* n as a literal in canonical form.  0 or -1 (out of memory). */
int dg_num_term(const struct dg_num *n, struct dg_sterm *out);
/* a op b (op one of DG_E_ADD, SUB, MUL, DIV) with type promotion.  0, or
 * 1 for an error (integer or decimal division by zero). */
int dg_num_arith(int op, const struct dg_num *a, const struct dg_num *b,
                 struct dg_num *r);
/* -1, 0, 1; 2 when unordered (a NaN). */
int dg_num_cmp(const struct dg_num *a, const struct dg_num *b);
/* The value as a double. */
double dg_num_double(const struct dg_num *n);
void dg_num_int(struct dg_num *n, long long v);
/* Is dt (may be NULL) xsd:integer or one of its derived types? */
int dg_dt_is_integer(const char *dt);

/* ---- dates and times -------------------------------------------------- */

enum dg_date_kind { DG_D_DATETIME = 1, DG_D_DATE, DG_D_TIME };

struct dg_date {
    int kind; /* enum dg_date_kind */
    long long year;
    int month, day, hour, minute, second;
    long nanos;       /* fraction of the second, in nanoseconds */
    const char *frac; /* the fraction's digits in the lexical form */
    int nfrac;        /* how many */
    int has_tz;
    int tz;             /* offset in minutes */
    const char *tz_lex; /* the timezone as written ("Z", "-05:00") */
    int tz_len;
};

/* The value of t: 1 when t is a valid xsd:dateTime, xsd:date or xsd:time
 * literal, 0 otherwise.  d points into t. */
int dg_date_parse(const struct dg_sterm *t, struct dg_date *d);
/* Compares two values of the same kind on the time line (values without
 * a timezone as if in UTC when total is set; otherwise XML Schema's
 * partial order, 2 when indeterminate).  -1, 0, 1 or 2. */
int dg_date_cmp(const struct dg_date *a, const struct dg_date *b, int total);

/* ---- functions -------------------------------------------------------- */

/* Is t a literal of xsd:boolean with a valid lexical form?  1 (*value
 * set) or 0. */
int dg_bool_parse(const struct dg_sterm *t, int *value);
/* Sets out to "true"/"false"^^xsd:boolean.  0 or -1. */
int dg_bool_term(int value, struct dg_sterm *out);

/* The built-in function e->func over its evaluated arguments args[0 ..
 * e->nargs) (all bound: the caller handles BOUND, COALESCE, IF and the
 * errors of arguments).  e->args is read to know whether REGEX and
 * REPLACE patterns are constants. */
int dg_func_builtin(struct dg_expr_env *env, const struct dg_expr *e,
                    const struct dg_sterm *const *args, struct dg_sterm *out,
                    struct dg_error *err);
/* A call of the function iri (XSD casts) over nargs values. */
int dg_func_call(struct dg_expr_env *env, const char *iri, size_t nargs,
                 const struct dg_sterm *const *args, struct dg_sterm *out,
                 struct dg_error *err);

/* Frees the cache of regular expressions.  NULL is safe. */
void dg_func_cache_free(struct dg_expr_cache *c);
/* The next pseudo-random 64-bit number of env. */
uint64_t dg_func_rand(struct dg_expr_env *env);

#endif /* DG_FUNC_P_H */
