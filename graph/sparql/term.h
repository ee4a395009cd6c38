/* term.h: RDF terms as the SPARQL engine sees them outside the store.
 *
 * The evaluator works on 8-byte term ids (graph/sparql/dataset.h); a
 * struct dg_sterm is the materialised form, used for the query's
 * constants, for expression values and for output.  A literal with no
 * datatype and no language is a simple literal (xsd:string in RDF 1.1):
 * dt is NULL for it, and a literal typed xsd:string is normalised to that
 * form by dg_sterm_set (so the two are one term, as in RDF 1.1).  A
 * language-tagged literal has lang set and dt NULL (rdf:langString is
 * implied).
 *
 * Ownership: a struct dg_sterm owns lex, dt and lang (malloc'd, NUL
 * terminated; lex may also contain NUL bytes, len counts them).  Free with
 * dg_sterm_clear.  A zeroed struct is the "no term" value (kind
 * DG_ST_NONE), safe to clear. */
#ifndef DG_SPARQL_TERM_H
#define DG_SPARQL_TERM_H

#include <stddef.h>
#include <stdint.h>

#define DG_XSD "http://www.w3.org/2001/XMLSchema#"
#define DG_RDF_LANGSTRING                                                      \
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

enum dg_sterm_kind {
    DG_ST_NONE = 0, /* unbound / no value */
    DG_ST_IRI,
    DG_ST_BLANK,
    DG_ST_LITERAL
};

struct dg_sterm {
    int kind;   /* enum dg_sterm_kind */
    char *lex;  /* IRI, blank node label, or lexical form; owned */
    size_t len; /* bytes in lex, without the final NUL */
    char *dt;   /* literal datatype IRI, or NULL (simple or language) */
    char *lang; /* language tag (as written) or NULL */
};

/* Sets t (cleared first) to a copy of the given parts: lex[0..len)
 * (borrowed), dt and lang (borrowed, may be NULL; dt equal to xsd:string
 * is dropped).  Returns 0, or -1 when out of memory (t is then NONE). */
int dg_sterm_set(struct dg_sterm *t, int kind, const char *lex, size_t len,
                 const char *dt, const char *lang);
/* Same with a NUL-terminated lex. */
int dg_sterm_set_str(struct dg_sterm *t, int kind, const char *lex,
                     const char *dt, const char *lang);
/* Deep copy of src (borrowed) into dst (cleared first).  0 or -1. */
int dg_sterm_copy(struct dg_sterm *dst, const struct dg_sterm *src);
/* Moves src into dst (dst cleared first); src becomes NONE. */
void dg_sterm_move(struct dg_sterm *dst, struct dg_sterm *src);
/* Frees the strings; t becomes NONE.  NULL is safe. */
void dg_sterm_clear(struct dg_sterm *t);

/* RDF term equality (sameTerm): kind, lex, dt and lang all equal
 * (language tags compared case-insensitively). */
int dg_sterm_same(const struct dg_sterm *a, const struct dg_sterm *b);
/* A hash consistent with dg_sterm_same. */
uint64_t dg_sterm_hash(const struct dg_sterm *t);

#endif /* DG_SPARQL_TERM_H */
