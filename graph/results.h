/* results.h: query results as plain C data, and their table formats.
 *
 * The SPARQL engine (graph/sparql/eval.c) returns a struct dg_results so
 * that formatting (table, TSV, CSV, W3C SPARQL JSON and XML for SELECT and
 * ASK; Turtle, N-Triples and JSON-LD for graph results) and rendering do
 * not depend on librdf iterators.
 *
 * Ownership: a struct dg_results owns every string it holds; free it with
 * dg_results_free (NULL is safe).  Getters return borrowed pointers valid
 * until the results are freed. */
#ifndef DG_RESULTS_H
#define DG_RESULTS_H

#include <stddef.h>
#include <stdio.h>

#include "common/error.h"

enum dg_term_type {
    DG_TERM_UNBOUND = 0,
    DG_TERM_IRI,
    DG_TERM_LITERAL,
    DG_TERM_BLANK
};

struct dg_term {
    int type;       /* enum dg_term_type */
    char *value;    /* IRI, lexical form or blank node id; NULL if unbound */
    char *datatype; /* literal datatype IRI or NULL */
    char *lang;     /* literal language tag or NULL */
};

enum dg_results_kind {
    DG_RESULTS_BINDINGS, /* SELECT */
    DG_RESULTS_BOOLEAN,  /* ASK */
    DG_RESULTS_GRAPH     /* CONSTRUCT, DESCRIBE: rows of (s, p, o) */
};

enum dg_format {
    DG_FMT_TABLE,
    DG_FMT_TSV,
    DG_FMT_CSV,
    DG_FMT_JSON,
    DG_FMT_XML,
    DG_FMT_NTRIPLES, /* graph results only */
    DG_FMT_TURTLE,   /* graph results only */
    DG_FMT_NQUADS,   /* graph results only: N-Triples, which is N-Quads */
    DG_FMT_JSONLD    /* graph results only (graph/jsonld.h) */
};

struct dg_results {
    int kind;     /* enum dg_results_kind */
    int boolean;  /* ASK answer */
    size_t nvars; /* columns; 3 (s, p, o) for graph results */
    char **vars;  /* column names, without '?' */
    size_t nrows;
    struct dg_term *cells; /* nrows * nvars, row-major */
    size_t cap;
};

/* New empty results of the given kind; NULL when out of memory. */
struct dg_results *dg_results_new(int kind);
void dg_results_free(struct dg_results *r);

/* Adds a column (copied).  Returns 0 or -1. */
int dg_results_add_var(struct dg_results *r, const char *name);
/* Appends a row of nvars unbound cells and returns it, or NULL. */
struct dg_term *dg_results_add_row(struct dg_results *r);
/* Sets a cell's term (strings copied; NULL value leaves it unbound).
 * Returns 0 or -1. */
int dg_term_set(struct dg_term *t, int type, const char *value,
                const char *datatype, const char *lang);

static inline const struct dg_term *
dg_results_cell(const struct dg_results *r, size_t row, size_t col)
{
    return &r->cells[row * r->nvars + col];
}

/* Parses "table", "tsv", "csv", "json", "xml", "ntriples", "turtle",
 * "nquads", "jsonld".  Returns the format or -1. */
int dg_format_parse(const char *name);
/* The name of format fmt ("tsv"), or "?" for none. */
const char *dg_format_name(int fmt);
/* 1 when format fmt can write results of kind kind (enum
 * dg_results_kind), else 0: SELECT and ASK take table, tsv, csv, json
 * and xml; graph results take turtle, ntriples, nquads, jsonld and
 * table. */
int dg_format_fits(int fmt, int kind);
/* The formats that fit results of kind kind, as a borrowed static
 * string for messages: "turtle, ntriples, nquads, jsonld or table". */
const char *dg_format_fitting(int kind);

/* A function that gives a display label for an IRI (used by the table
 * format, which shows labels); returns a borrowed string or NULL. */
typedef const char *(*dg_label_fn)(void *ctx, const char *iri);

/* Writes r to fp in format fmt.  label may be NULL (IRIs then shown
 * shortened with the vocabulary prefixes).  SELECT and ASK results take
 * table, tsv, csv, json and xml (the W3C SPARQL 1.1 results formats; ASK
 * gives a boolean in each).  Graph results take turtle, ntriples, nquads
 * (the same N-Triples lines), jsonld and table (rows of subject,
 * predicate and object with labels, for a terminal).  Returns 0, or -1
 * with err set: on a write error, or DG_ERR_USAGE ("format 'xml' does not
 * fit a CONSTRUCT or DESCRIBE result: use -f turtle, ...") when the
 * format does not fit the results (dg_format_fits). */
int dg_results_write(const struct dg_results *r, int fmt, FILE *fp,
                     dg_label_fn label, void *label_ctx, struct dg_error *err);

/* Writes s as a JSON string, in double quotes, with JSON's escapes. */
void dg_json_put_string(FILE *fp, const char *s);
/* The same without the quotes (the inside of a JSON string). */
void dg_json_put_chars(FILE *fp, const char *s);

/* Shortens an IRI with the known prefixes ("schema:name") into buf;
 * returns buf, or iri itself when no prefix applies. */
const char *dg_iri_shorten(const char *iri, char *buf, size_t size);

#endif /* DG_RESULTS_H */
