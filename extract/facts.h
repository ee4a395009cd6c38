/* facts.h: the triples an extractor produces for one article.
 *
 * This is the only interface between extract/ (plain C, no Redland) and
 * graph/ (which turns facts into librdf statements).  Subjects and
 * predicates are absolute IRIs; an object is an IRI or a literal with an
 * optional datatype IRI (NULL: a plain literal, as VOCABULARY.md asks for
 * names, kinds and action types).
 *
 * Ownership: a struct dg_facts owns copies of every string added to it;
 * callers keep ownership of what they pass in.  dg_facts_free(NULL) is safe.
 * Adding the same triple twice stores it once (a set, in insertion order). */
#ifndef DG_FACTS_H
#define DG_FACTS_H

#include <stddef.h>

#include "common/error.h"

struct dg_triple {
    const char *s;  /* subject IRI (owned by the facts) */
    const char *p;  /* predicate IRI */
    const char *o;  /* object IRI, or literal lexical form */
    const char *dt; /* literal datatype IRI, or NULL for a plain literal */
    int o_is_iri;   /* 1: o is an IRI; 0: o is a literal */
};

struct dg_facts;

/* Returns a new empty set, or NULL when out of memory.
 * Caller frees with dg_facts_free. */
struct dg_facts *dg_facts_new(void);
void dg_facts_free(struct dg_facts *f);
/* Empties the set, keeping its memory for reuse. */
void dg_facts_clear(struct dg_facts *f);

/* Add <s> <p> <o>.  Returns 0, or -1 when out of memory. */
int dg_facts_add_iri(struct dg_facts *f, const char *s, const char *p,
                     const char *o);
/* Add <s> <p> "lit"^^<dt> (dt NULL: plain literal).  Returns 0 or -1. */
int dg_facts_add_lit(struct dg_facts *f, const char *s, const char *p,
                     const char *lit, const char *dt);
/* Add <s> <p> "n"^^xsd:integer.  Returns 0 or -1. */
int dg_facts_add_int(struct dg_facts *f, const char *s, const char *p, long n);

size_t dg_facts_count(const struct dg_facts *f);
/* The i-th triple (0 <= i < count), borrowed: valid until the facts are
 * cleared or freed. */
const struct dg_triple *dg_facts_get(const struct dg_facts *f, size_t i);

/* 1 when the set holds exactly this triple (dt NULL matches a plain
 * literal only; for IRIs pass o_is_iri 1). */
int dg_facts_has(const struct dg_facts *f, const char *s, const char *p,
                 const char *o, int o_is_iri);

/* Writes the facts as N-Triples to fp (for tests and debugging).
 * Returns 0, or -1 on a write error. */
int dg_facts_write_ntriples(const struct dg_facts *f, void *fp);

#endif /* DG_FACTS_H */
