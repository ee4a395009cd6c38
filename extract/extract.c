/* extract.c: see extract.h.  The pipeline: parse the article, build the
 * doc (tokens, sentences), find countries and orgs, then persons, then
 * emit the article node, the run and the doc.  Phase-2 stages (dates,
 * events, actions) plug in between dg_persons_scan and the emission; see
 * doc.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/actions.h"
#include "extract/article.h"
#include "extract/cues.h"
#include "extract/doc.h"
#include "extract/entities.h"
#include "extract/events.h"
#include "extract/extract.h"
#include "extract/lexicon.h"
#include "extract/persons.h"
#include "extract/relations.h"

#ifdef PACKAGE_VERSION
#define DG_VERSION PACKAGE_VERSION
#else
#define DG_VERSION "unknown"
#endif

struct dg_extractor {
    struct dg_lexicon *lex;
    struct dg_cues *cues; /* action and relation word lists */
};

struct dg_extractor *
dg_extract_new(const char *datadir, struct dg_error *err)
{
    struct dg_extractor *x;

    if (!datadir) {
        dg_error_set(err, DG_ERR_USAGE, "no data directory");
        return NULL;
    }
    x = calloc(1, sizeof *x);
    if (!x) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    x->lex = dg_lexicon_load(datadir, err);
    if (!x->lex) {
        free(x);
        return NULL;
    }
    x->cues = dg_cues_load(datadir, err);
    if (!x->cues) {
        dg_lexicon_free(x->lex);
        free(x);
        return NULL;
    }
    return x;
}

void
dg_extract_free(struct dg_extractor *x)
{
    if (!x)
        return;
    dg_lexicon_free(x->lex);
    dg_cues_free(x->cues);
    free(x);
}

int
dg_extract_graph_iri(const char *base, const char *key, char *buf, size_t size)
{
    int n =
        snprintf(buf, size, "%sarticle/%s", base ? base : DG_BASE_DEFAULT, key);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int
emit_article(const struct dg_doc *d, const struct dg_extract_opts *o,
             struct dg_facts *out)
{
    const char *a = d->article_iri;
    const char *date = dg_article_date(d->article);
    int rc = 0;

    rc |= dg_facts_add_iri(out, a, DG_RDF_TYPE, DG_NS_SCHEMA "NewsArticle");
    rc |= dg_facts_add_lit(out, a, DG_NS_SCHEMA "identifier", d->key, NULL);
    if (date)
        rc |= dg_facts_add_lit(out, a, DG_NS_SCHEMA "datePublished", date,
                               DG_NS_XSD "date");
    if (o->source_file)
        rc |=
            dg_facts_add_lit(out, a, DG_NS "sourceFile", o->source_file, NULL);
    for (size_t i = 0; i < dg_article_translator_count(d->article); i++)
        rc |= dg_facts_add_lit(out, a, DG_NS_SCHEMA "translator",
                               dg_article_translator(d->article, i), NULL);
    for (size_t i = 0; i < dg_article_author_count(d->article); i++)
        rc |= dg_facts_add_lit(out, a, DG_NS_SCHEMA "author",
                               dg_article_author(d->article, i), NULL);
    if (o->run_iri) {
        const char *version = o->version ? o->version : DG_VERSION;
        char agent[1024];
        snprintf(agent, sizeof agent, "%ssoftware/diplograph/%s", d->base,
                 version);
        rc |= dg_facts_add_iri(out, a, DG_NS_PROV "wasGeneratedBy", o->run_iri);
        rc |= dg_facts_add_iri(out, o->run_iri, DG_RDF_TYPE,
                               DG_NS_PROV "Activity");
        if (o->run_started)
            rc |= dg_facts_add_lit(out, o->run_iri, DG_NS_PROV "startedAtTime",
                                   o->run_started, DG_NS_XSD "dateTime");
        rc |= dg_facts_add_iri(out, o->run_iri, DG_NS_PROV "wasAssociatedWith",
                               agent);
        rc |= dg_facts_add_iri(out, agent, DG_RDF_TYPE,
                               DG_NS_PROV "SoftwareAgent");
        rc |= dg_facts_add_lit(out, agent, DG_NS_SCHEMA "name", "diplograph",
                               NULL);
        rc |= dg_facts_add_lit(out, agent, DG_NS_SCHEMA "softwareVersion",
                               version, NULL);
    }
    return rc ? -1 : 0;
}

int
dg_extract_article(struct dg_extractor *x, const char *text, size_t len,
                   const struct dg_extract_opts *opts, struct dg_facts *out,
                   struct dg_extract_stats *st, struct dg_error *err)
{
    struct dg_article *a = NULL;
    struct dg_doc *d = NULL;
    struct dg_facts *tmp = NULL;
    int rc = -1;

    if (!x || !opts || !opts->key || !out)
        return dg_error_set(err, DG_ERR_USAGE, "missing extractor argument");
    if (dg_article_parse(text, len, DG_EXTRACT_MAX_BYTES, &a, err) < 0)
        goto out;
    d = dg_doc_new(text, len, a, x->lex, opts->base, opts->key, err);
    if (!d)
        goto out;
    if (dg_entities_scan(d, err) < 0 || dg_persons_scan(d, err) < 0)
        goto out;
    /* phase 2 (dates, events, actions) goes here */
    if (dg_events_scan(d, err) < 0)
        goto out;
    /* relations before actions: "the two sides" leaves out members */
    if (dg_relations_scan(d, x->cues, err) < 0 ||
        dg_actions_scan(d, x->cues, err) < 0)
        goto out;
    /* emit into a scratch set first: nothing is appended on failure */
    tmp = dg_facts_new();
    if (!tmp || emit_article(d, opts, tmp) < 0 || dg_doc_emit(d, tmp) < 0) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    size_t before = dg_facts_count(out);
    for (size_t i = 0; i < dg_facts_count(tmp); i++) {
        const struct dg_triple *t = dg_facts_get(tmp, i);
        int r = t->o_is_iri ? dg_facts_add_iri(out, t->s, t->p, t->o)
                            : dg_facts_add_lit(out, t->s, t->p, t->o, t->dt);
        if (r < 0) {
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            goto out;
        }
    }
    if (st) {
        st->sentences = d->nsent;
        st->triples = dg_facts_count(out) - before;
    }
    rc = 0;
out:
    dg_facts_free(tmp);
    dg_doc_free(d);
    dg_article_free(a);
    return rc;
}
