/* jsonld.h: RDF datasets as JSON-LD 1.1 (export -f jsonld, query -f
 * jsonld).
 *
 * The writer prints the expanded document form, which needs no context:
 * a top-level array of node objects; the default graph's nodes at the
 * top, each named graph as {"@id": GRAPH, "@graph": [NODES]}.  IRIs are
 * written whole, blank nodes as "_:LABEL", literals as value objects
 * {"@value": LEXICAL} with "@language" or "@type" (none for xsd:string);
 * lexical forms stay strings, so that reading the document back gives
 * the same literals.  Nodes, properties and values are sorted (by kind,
 * then text) and repeated quads written once: the output does not depend
 * on the order of the rows.
 *
 * Nothing is printed but to the FILE given; errors fill err. */
#ifndef DG_JSONLD_H
#define DG_JSONLD_H

#include <stddef.h>
#include <stdio.h>

#include "common/error.h"
#include "graph/results.h"

struct dg_store;

/* Writes the quads of r (borrowed) to fp as JSON-LD.  r holds rows of
 * subject, predicate and object (a graph result: the default graph), and
 * optionally a fourth column, the graph's IRI or blank node (unbound: the
 * default graph).  Rows whose subject is a literal, or whose predicate is
 * not an IRI, cannot be written in JSON-LD and are left out.  Returns 0,
 * or -1 with err set (DG_ERR_NOMEM, DG_ERR_IO, DG_ERR_INTERNAL when r has
 * not 3 or 4 columns). */
int dg_jsonld_write(const struct dg_results *r, FILE *fp, struct dg_error *err);

/* Writes every quad of the store st (every graph, the ontology's
 * included, and the default graph), or those of the one named graph
 * graph_iri (borrowed, a valid IRI; NULL: all), to fp as JSON-LD.
 * *written (may be NULL) gets the number of quads written.  Returns 0, or
 * -1 with err set. */
int dg_jsonld_export(struct dg_store *st, const char *graph_iri, FILE *fp,
                     size_t *written, struct dg_error *err);

#endif /* DG_JSONLD_H */
