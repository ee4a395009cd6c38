/* algebra.h: a parsed SPARQL 1.1 query, as the algebra of the
 * specification (section 18) that graph/sparql/parse.c translates it to
 * and graph/sparql/eval.c evaluates.
 *
 * Variables are numbered densely per query (0 .. nvars-1), in one space
 * shared by the whole query, subqueries included; a solution row is an
 * array of nvars term ids (0: unbound).  Blank nodes of the WHERE clause,
 * the fresh variables of property-path sequences and the variables that
 * stand for aggregates are "hidden" variables: never projected by
 * SELECT *, named with a leading '_' that no SPARQL variable can have.
 *
 * The tree is the specification's algebra after its translation steps
 * (18.2.2 groups and filters, 18.2.4 aggregates and modifiers):
 *   - a group's FILTERs wrap the whole group (DG_P_FILTER over it; an
 *     OPTIONAL's top-level filters are the LEFTJOIN's expression);
 *   - simple paths are triple patterns: an IRI is a triple, ^iri swaps
 *     subject and object, a sequence p/q joins through a fresh hidden
 *     variable; only paths that need more (*, +, ?, |, !, and inverses or
 *     sequences containing them) stay DG_P_PATH nodes;
 *   - aggregates become DG_P_GROUP nodes whose aggregate results bind
 *     hidden variables; HAVING is a DG_P_FILTER above the group, the
 *     SELECT expressions DG_P_EXTENDs above that, then ORDER BY,
 *     PROJECT, DISTINCT/REDUCED and SLICE, outermost last;
 *   - a subquery is its own PROJECT(...) subtree inside the pattern;
 *   - VALUES after the WHERE clause is joined with it (DG_P_JOIN).
 *
 * Ownership: the struct dg_query owns the whole tree (every pointer
 * below is owned by its parent); free with dg_query_free.  The ids
 * (uint64_t id fields) are filled in by the evaluator for the dataset it
 * runs on (0: the term is not in the dataset) and may be rewritten by it;
 * the parser leaves them 0. */
#ifndef DG_SPARQL_ALGEBRA_H
#define DG_SPARQL_ALGEBRA_H

#include <stddef.h>
#include <stdint.h>

#include "graph/sparql/term.h"

/* ---- expressions ---------------------------------------------------- */

enum dg_expr_op {
    DG_E_CONST,     /* term */
    DG_E_VAR,       /* var */
    DG_E_OR,        /* args[0] || args[1] */
    DG_E_AND,       /* args[0] && args[1] */
    DG_E_NOT,       /* ! args[0] */
    DG_E_EQ,        /* = */
    DG_E_NE,        /* != */
    DG_E_LT,        /* < */
    DG_E_GT,        /* > */
    DG_E_LE,        /* <= */
    DG_E_GE,        /* >= */
    DG_E_IN,        /* args[0] IN (args[1..]) */
    DG_E_NOT_IN,    /* args[0] NOT IN (args[1..]) */
    DG_E_ADD,       /* + */
    DG_E_SUB,       /* - */
    DG_E_MUL,       /* * */
    DG_E_DIV,       /* / */
    DG_E_NEG,       /* unary - */
    DG_E_PLUS,      /* unary + */
    DG_E_BUILTIN,   /* func (enum dg_builtin) over args */
    DG_E_CALL,      /* term.lex: function IRI (XSD casts) over args */
    DG_E_EXISTS,    /* EXISTS { pattern } */
    DG_E_NOT_EXISTS /* NOT EXISTS { pattern } */
};

enum dg_builtin {
    DG_F_STR,
    DG_F_LANG,
    DG_F_LANGMATCHES,
    DG_F_DATATYPE,
    DG_F_BOUND, /* args[0] is a DG_E_VAR */
    DG_F_IRI,   /* IRI() and URI() */
    DG_F_BNODE, /* 0 or 1 argument */
    DG_F_RAND,
    DG_F_ABS,
    DG_F_CEIL,
    DG_F_FLOOR,
    DG_F_ROUND,
    DG_F_CONCAT,
    DG_F_SUBSTR, /* 2 or 3 arguments */
    DG_F_STRLEN,
    DG_F_REPLACE, /* 3 or 4 arguments */
    DG_F_UCASE,
    DG_F_LCASE,
    DG_F_ENCODE_FOR_URI,
    DG_F_CONTAINS,
    DG_F_STRSTARTS,
    DG_F_STRENDS,
    DG_F_STRBEFORE,
    DG_F_STRAFTER,
    DG_F_YEAR,
    DG_F_MONTH,
    DG_F_DAY,
    DG_F_HOURS,
    DG_F_MINUTES,
    DG_F_SECONDS,
    DG_F_TIMEZONE,
    DG_F_TZ,
    DG_F_NOW,
    DG_F_UUID,
    DG_F_STRUUID,
    DG_F_MD5,
    DG_F_SHA1,
    DG_F_SHA256,
    DG_F_SHA384,
    DG_F_SHA512,
    DG_F_COALESCE,
    DG_F_IF,
    DG_F_STRLANG,
    DG_F_STRDT,
    DG_F_SAMETERM,
    DG_F_ISIRI, /* isIRI and isURI */
    DG_F_ISBLANK,
    DG_F_ISLITERAL,
    DG_F_ISNUMERIC,
    DG_F_REGEX, /* 2 or 3 arguments */
    DG_F_COUNT_
};

struct dg_pattern;

struct dg_expr {
    int op;               /* enum dg_expr_op */
    int func;             /* DG_E_BUILTIN: enum dg_builtin */
    int var;              /* DG_E_VAR: variable index */
    struct dg_sterm term; /* DG_E_CONST: the term; DG_E_CALL: IRI */
    uint64_t id;          /* DG_E_CONST: id in the dataset (evaluator) */
    size_t nargs;
    struct dg_expr **args;      /* owned, nargs of them */
    struct dg_pattern *pattern; /* DG_E_EXISTS, DG_E_NOT_EXISTS: owned */
    int line, col;              /* position in the query text (1-based) */
};

/* ---- aggregates ----------------------------------------------------- */

enum dg_agg_kind {
    DG_A_COUNT,
    DG_A_SUM,
    DG_A_MIN,
    DG_A_MAX,
    DG_A_AVG,
    DG_A_SAMPLE,
    DG_A_GROUP_CONCAT
};

struct dg_aggregate {
    int kind;             /* enum dg_agg_kind */
    int distinct;         /* DISTINCT inside the call */
    struct dg_expr *expr; /* owned; NULL for COUNT(*) */
    char *separator;      /* GROUP_CONCAT: owned, NULL means " " */
    int var;              /* the hidden variable that gets the result */
};

/* ---- property paths ------------------------------------------------- */

enum dg_path_op {
    DG_PATH_LINK, /* iri */
    DG_PATH_INV,  /* ^a */
    DG_PATH_SEQ,  /* a / b */
    DG_PATH_ALT,  /* a | b */
    DG_PATH_STAR, /* a* */
    DG_PATH_PLUS, /* a+ */
    DG_PATH_OPT,  /* a? */
    DG_PATH_NPS   /* !(iri | ^iri ...): negated property set */
};

struct dg_path {
    int op;                /* enum dg_path_op */
    struct dg_sterm iri;   /* DG_PATH_LINK */
    uint64_t id;           /* DG_PATH_LINK: id in the dataset */
    struct dg_path *a, *b; /* operands (b: SEQ and ALT only); owned */
    /* DG_PATH_NPS: the IRIs excluded forwards and backwards */
    size_t nfwd, ninv;
    struct dg_sterm *fwd, *inv;  /* owned arrays */
    uint64_t *fwd_ids, *inv_ids; /* owned arrays, filled by the evaluator */
};

/* ---- graph patterns ------------------------------------------------- */

/* A position in a triple pattern: a variable or a constant term. */
struct dg_pnode {
    int var;              /* variable index, or -1 for a constant */
    struct dg_sterm term; /* the constant when var < 0 */
    uint64_t id;          /* the constant's id in the dataset */
};

struct dg_tpat {
    struct dg_pnode s, p, o;
};

struct dg_order_key {
    struct dg_expr *expr; /* owned */
    int desc;
};

/* GROUP BY key: expr, bound to var when var >= 0 (GROUP BY ?x has
 * expr a DG_E_VAR and var = x; GROUP BY (e AS ?v) has var = v; a bare
 * GROUP BY e has var = -1). */
struct dg_group_key {
    struct dg_expr *expr; /* owned */
    int var;
};

enum dg_pattern_op {
    DG_P_BGP,      /* triples (possibly none: the empty group) */
    DG_P_PATH,     /* s path o */
    DG_P_JOIN,     /* left, right */
    DG_P_LEFTJOIN, /* left, right, expr (NULL: true) */
    DG_P_FILTER,   /* exprs (a conjunction), left */
    DG_P_UNION,    /* left, right */
    DG_P_MINUS,    /* left, right */
    DG_P_GRAPH,    /* name (variable or IRI), left */
    DG_P_EXTEND,   /* var := expr, over left */
    DG_P_VALUES,   /* inline data: vars x rows */
    DG_P_GROUP,    /* keys, aggs over left */
    DG_P_ORDER,    /* keys over left */
    DG_P_PROJECT,  /* vars over left */
    DG_P_DISTINCT, /* left */
    DG_P_REDUCED,  /* left */
    DG_P_SLICE     /* offset, limit over left */
};

struct dg_pattern {
    int op;                          /* enum dg_pattern_op */
    struct dg_pattern *left, *right; /* owned operands */
    /* DG_P_BGP */
    size_t ntriples;
    struct dg_tpat *triples; /* owned array */
    /* DG_P_PATH */
    struct dg_pnode s, o;
    struct dg_path *path; /* owned */
    /* DG_P_GRAPH */
    struct dg_pnode name;
    /* DG_P_LEFTJOIN (expr, may be NULL), DG_P_EXTEND (expr) */
    struct dg_expr *expr; /* owned */
    /* DG_P_FILTER */
    size_t nexprs;
    struct dg_expr **exprs; /* owned */
    /* DG_P_EXTEND: the variable bound; DG_P_PROJECT, DG_P_VALUES: vars */
    int var;
    size_t nvars;
    int *vars; /* owned */
    /* DG_P_VALUES: nrows rows of nvars terms (kind DG_ST_NONE: UNDEF),
     * row-major, and their ids */
    size_t nrows;
    struct dg_sterm *values; /* owned, nrows * nvars */
    uint64_t *value_ids;     /* owned, filled by the evaluator */
    /* DG_P_GROUP */
    size_t ngroup;
    struct dg_group_key *group; /* owned */
    size_t naggs;
    struct dg_aggregate *aggs; /* owned */
    /* DG_P_ORDER */
    size_t nkeys;
    struct dg_order_key *keys; /* owned */
    /* DG_P_SLICE */
    long long offset; /* 0 when none */
    long long limit;  /* -1 when none */
    int line, col;    /* where the construct starts in the query text */
};

/* ---- the query ------------------------------------------------------ */

enum dg_query_form { DG_Q_SELECT, DG_Q_CONSTRUCT, DG_Q_ASK, DG_Q_DESCRIBE };

struct dg_query {
    int form; /* enum dg_query_form */
    /* the whole algebra, modifiers included (PROJECT for SELECT) */
    struct dg_pattern *pattern; /* owned; never NULL */
    /* variables: names without '?', hidden ones start with '_' */
    size_t nvars;
    char **var_names; /* owned */
    /* SELECT: the result columns, in order (SELECT * lists the visible
     * variables in scope, in order of first appearance) */
    size_t nproj;
    int *proj; /* owned */
    /* CONSTRUCT: the template; a constant blank node in it (var < 0,
     * term.kind DG_ST_BLANK) is a fresh blank node per solution */
    size_t ntemplate;
    struct dg_tpat *template_; /* owned */
    /* DESCRIBE: the resources (variables or IRIs); describe_all for * */
    size_t ndescribe;
    struct dg_pnode *describe; /* owned */
    int describe_all;
    /* dataset clauses: IRIs, owned */
    size_t nfrom, nfrom_named;
    char **from, **from_named;
    char *base; /* owned: BASE or the base given to the parser, or NULL */
};

/* Frees q and everything it owns.  NULL is safe. */
void dg_query_free(struct dg_query *q);

/* Constructors and destructors of the parts, for the parser, the tests
 * and rewrites.  Each returns a zeroed node (var/fields -1 where that
 * means "none": pnode var, pattern var, limit), or NULL when out of
 * memory.  The frees free everything the node owns; NULL is safe. */
struct dg_expr *dg_expr_new(int op);
void dg_expr_free(struct dg_expr *e);
struct dg_path *dg_path_new(int op);
void dg_path_free(struct dg_path *p);
struct dg_pattern *dg_pattern_new(int op);
void dg_pattern_free(struct dg_pattern *p);
void dg_pnode_clear(struct dg_pnode *n);

/* (graph/sparql/sse.c) Writes the algebra of q as an S-expression (as in the
 * specification's examples and Jena's "qparse --print=op") to buf: for `query
 * --explain` and tests.  Returns a malloc'd string (caller frees), or NULL. */
char *dg_query_sse(const struct dg_query *q);

#endif /* DG_SPARQL_ALGEBRA_H */
