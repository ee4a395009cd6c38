/* entities.h: countries and organisations in a doc.
 *
 * dg_entities_scan() finds, in every minable sentence (and, for orgs
 * only, in the dateline and credit lines):
 *   - lexicon countries and orgs, longest match first; geo-blockers
 *     ("South China Sea") consume their tokens and yield nothing;
 *   - rule orgs: a capitalised phrase around an org head of org-heads.tsv
 *     ("Defense Policy Bureau", "Vietnamese Ministry of National Defense",
 *     "Experts' Working Group on ..."), named as written, keyed by slug;
 *     "the Vietnamese Defense Ministry" becomes an alternateName of a
 *     "Vietnamese Ministry of ... Defense" of the same article;
 *   - "X under/of the Y" between two orgs: X org:subOrganizationOf Y;
 *   - acronyms defined in the text, "Full Name (ACR)": an alternateName of
 *     the org just before, and a struct dg_acronym in the doc either way.
 * It registers entities and mentions in d and sorts the mentions.
 * Returns 0, or -1 with err set (out of memory). */
#ifndef DG_ENTITIES_H
#define DG_ENTITIES_H

#include "common/error.h"
#include "extract/doc.h"

int dg_entities_scan(struct dg_doc *d, struct dg_error *err);

/* The name of tokens [a, b) as written: original bytes, any run of
 * spaces between tokens written as one ' '.  Owned by d. */
const char *dg_entities_name(struct dg_doc *d, size_t a, size_t b);

/* The organisation the lexicon does not know named name (borrowed, as
 * written), IRI org/SLUG: found when the doc has it, else made with
 * dg:orgKind kind (*created set).  Returns its entity id, or -1 when out
 * of memory. */
int dg_entities_org(struct dg_doc *d, const char *name, const char *kind,
                    int *created);

#endif /* DG_ENTITIES_H */
