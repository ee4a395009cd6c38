/* extract.h: article text in, RDF facts out (plain C, no Redland).
 *
 * One struct dg_extractor holds the lexicons (data files a user can extend,
 * in extract/data/, installed to $(pkgdatadir)/lexicon) and is reused for
 * every article.  It is not thread-safe: use one per thread.
 *
 * dg_extract_article() reads one article (UTF-8 plain text, optional first
 * line " date YYYY-MM-DD"), splits it into sentences and emits every fact of
 * ../shared/VOCABULARY.md it finds into the caller's struct dg_facts: the
 * article node, the run, sentences with byte offsets, countries,
 * organisations, persons, events, topics, places, actions and relations,
 * each event, action and person position with dg:evidence sentences.  All
 * triples belong to the article's named graph, dg_extract_graph_iri(). */
#ifndef DG_EXTRACT_H
#define DG_EXTRACT_H

#include <stddef.h>

#include "common/error.h"
#include "extract/facts.h"

/* Articles larger than this are refused (DG_ERR_INPUT). */
#define DG_EXTRACT_MAX_BYTES (16u * 1024u * 1024u)

struct dg_extractor;

struct dg_extract_opts {
    const char *base;        /* entity IRI base; NULL: DG_BASE_DEFAULT */
    const char *key;         /* article key: file name without .txt */
    const char *source_file; /* recorded as dg:sourceFile, e.g. "seeds/x.txt" */
    const char *run_iri;     /* prov:wasGeneratedBy target; NULL: none */
    const char *run_started; /* xsd:dateTime of the run, "2026-...Z" */
    const char *version;     /* software version, e.g. PACKAGE_VERSION */
};

struct dg_extract_stats {
    size_t sentences; /* sentences found in the article */
    size_t triples;   /* triples added to the facts */
};

/* Loads the lexicons from datadir (a directory holding countries.tsv,
 * orgs.tsv, ...).  Returns a new extractor, or NULL with err set.
 * Caller frees with dg_extract_free (NULL is safe). */
struct dg_extractor *dg_extract_new(const char *datadir, struct dg_error *err);
void dg_extract_free(struct dg_extractor *x);

/* Extracts one article of len bytes (borrowed; need not be NUL-terminated)
 * into out (borrowed; facts are appended).  Returns 0, or -1 with err set
 * (DG_ERR_INPUT for empty, binary, non-UTF-8 or oversized text; nothing is
 * appended then).  st may be NULL. */
int dg_extract_article(struct dg_extractor *x, const char *text, size_t len,
                       const struct dg_extract_opts *opts, struct dg_facts *out,
                       struct dg_extract_stats *st, struct dg_error *err);

/* Writes the IRI of the article's named graph (base + "article/" + key)
 * into buf.  Returns 0, or -1 when it does not fit. */
int dg_extract_graph_iri(const char *base, const char *key, char *buf,
                         size_t size);

#endif /* DG_EXTRACT_H */
