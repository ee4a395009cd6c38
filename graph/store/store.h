/* store.h: diplograph's RDF store, a Redland librdf model with contexts.
 *
 * A store spec names the storage:
 *   DIR                   the default embedded store in directory DIR
 *   lmdb:DIR              diplograph's LMDB storage (transactional)
 *   hashes:DIR            librdf's Berkeley DB hashes (not transactional)
 *   memory:               an in-memory store (tests, scratch work)
 *   postgresql://USER:PASSWORD@HOST:PORT/DB   librdf's PostgreSQL storage
 *
 * One struct dg_store owns its librdf world, storage and model.  Redland
 * is not thread-safe, so a store is used by one thread at a time (the
 * thread that opened it, or threads that take turns behind one lock),
 * with one exception: on a store for which dg_store_concurrent_reads is
 * 1, the query functions (dg_store_query, _query_opts, _query_dataset,
 * _type_counts, _explain) may also run in any number of other threads at
 * the same time, beside the one thread that uses the rest.  Each such
 * query reads one snapshot (an LMDB read transaction of its own, never
 * the writer's open transaction): it sees what was committed when it
 * began, nothing written later, and writers do not wait for it.
 * Every function returns 0 (or a pointer) on success and -1 (or NULL) with
 * err set on failure; nothing is printed. */
#ifndef DG_STORE_H
#define DG_STORE_H

#include <stddef.h>
#include <stdio.h>

#include "common/error.h"
#include "extract/facts.h"
#include "graph/results.h"

struct dg_store;

enum dg_store_mode {
    DG_STORE_READ = 0,      /* open an existing store; fail if there is none
                             * (read-only when it may not be written) */
    DG_STORE_CREATE = 1,    /* open, creating the store if it is missing */
    DG_STORE_READ_ONLY = 2, /* as READ, and never write to it (check) */
};

struct dg_store_spec {
    char kind[16];       /* "lmdb", "hashes", "memory", "postgresql" */
    char path[1024];     /* directory for lmdb/hashes */
    char conninfo[1024]; /* postgresql parts as librdf options */
};

/* Parses spec into out.  Returns 0, or -1 with err set (DG_ERR_USAGE). */
int dg_store_spec_parse(const char *spec, struct dg_store_spec *out,
                        struct dg_error *err);

/* Opens (or creates) the store named by spec (borrowed).  A new store
 * gets the ontology (ontology_path, borrowed; NULL: none) loaded into its
 * own graph.  Returns a new store; caller frees with dg_store_free
 * (NULL is safe). */
struct dg_store *dg_store_open(const char *spec, int mode,
                               const char *ontology_path, struct dg_error *err);
void dg_store_free(struct dg_store *st);

/* Replaces the named graph graph_iri (borrowed) with facts (borrowed):
 * its old triples are removed and the new ones added, in one transaction
 * where the storage supports it.  *added (may be NULL) gets the count. */
int dg_store_replace_graph(struct dg_store *st, const char *graph_iri,
                           const struct dg_facts *facts, size_t *added,
                           struct dg_error *err);

/* Parses an RDF file (syntax: "turtle", "ntriples", "nquads", "trig",
 * "rdfxml"; NULL guesses from the extension) into the store, all of it or
 * nothing.  Quads keep their graph; triples go to graph_iri (NULL: the
 * file's URI; DG_STORE_DEFAULT_GRAPH: the default graph, as statements
 * without a context).  *added (may be NULL) gets the number of statements
 * stored. */
#define DG_STORE_DEFAULT_GRAPH ""
int dg_store_load_file(struct dg_store *st, const char *path,
                       const char *syntax, const char *graph_iri, size_t *added,
                       struct dg_error *err);

/* The RDF syntax ("turtle", "ntriples", "nquads", "trig", "rdfxml") of a
 * media type (borrowed, may be NULL; parameters after ';' ignored), else
 * of the extension of name (borrowed, a path or URL; may be NULL): .ttl
 * .nt .nq .trig .rdf .owl .xml.  NULL when neither tells.  Static
 * string. */
const char *dg_store_syntax_of(const char *name, const char *media_type);

/* Parses len bytes of RDF text (borrowed; a NUL in it is refused) in
 * syntax "turtle", "ntriples" or "rdfxml" into the graph graph_iri
 * (borrowed; DG_STORE_DEFAULT_GRAPH: the default graph), relative IRIs
 * resolved against base_iri (borrowed, not NULL), all of it or nothing.
 * With replace, the graph's old triples are removed first, in the same
 * transaction (a Graph Store PUT).  name (borrowed) names the text in
 * messages.  *added (may be NULL) gets the number of statements stored. */
int dg_store_load_buffer(struct dg_store *st, const char *text, size_t len,
                         const char *name, const char *syntax,
                         const char *graph_iri, const char *base_iri,
                         int replace, size_t *added, struct dg_error *err);

/* Parses len bytes of RDF text (borrowed) in any syntax of
 * dg_store_load_file, as that does (quads keep their graph; triples go to
 * graph_iri, borrowed), relative IRIs resolved against base_iri
 * (borrowed, not NULL), all of it or nothing; name (borrowed) names the
 * text in messages.  *added (may be NULL) gets the count. */
int dg_store_load_text(struct dg_store *st, const char *text, size_t len,
                       const char *name, const char *syntax,
                       const char *graph_iri, const char *base_iri,
                       size_t *added, struct dg_error *err);

/* Removes every triple of graph graph_iri (borrowed;
 * DG_STORE_DEFAULT_GRAPH: the default graph) in one transaction.  Removing
 * an empty or absent graph succeeds. */
int dg_store_drop_graph(struct dg_store *st, const char *graph_iri,
                        struct dg_error *err);

/* Removes every triple of the n named graphs iris (borrowed) in one
 * transaction where the storage has them: all of them or, on failure,
 * none.  Removing an empty or absent graph succeeds. */
int dg_store_drop_graphs(struct dg_store *st, const char *const *iris, size_t n,
                         struct dg_error *err);

/* Runs a SPARQL 1.1 query (borrowed) with diplograph's engine
 * (graph/sparql/) and returns its results as plain data; caller frees
 * with dg_results_free.  Syntax errors give DG_ERR_QUERY with the line
 * and column.  The default graph is the merge of every graph but the
 * ontology's; the ontology is reached with GRAPH or FROM. */
struct dg_results *dg_store_query(struct dg_store *st, const char *sparql,
                                  struct dg_error *err);

/* How a query runs (dg_store_query uses the defaults: all zero). */
struct dg_query_opts {
    /* 0: the default graph is the merge of every graph but the
     * ontology's (the analysts' view); 1: only the true default graph
     * (triples loaded with `load --default`), as the W3C tests expect */
    int stored_default;
    long timeout_ms; /* 0: none; else "query timed out after N ms" */
    long max_rows;   /* 0: none; else the most rows a query may hold in
                        memory ("query stopped: more than N rows ...") */
};

/* Sets the options of every later dg_store_query on st, and of
 * dg_store_query_opts with NULL options (all zero at open): how the CLI
 * bounds the queries that render and report run.  opts is copied. */
void dg_store_set_query_opts(struct dg_store *st,
                             const struct dg_query_opts *opts);

/* dg_store_query with options (borrowed; NULL: those of
 * dg_store_set_query_opts). */
struct dg_results *dg_store_query_opts(struct dg_store *st, const char *sparql,
                                       const struct dg_query_opts *opts,
                                       struct dg_error *err);

/* A dataset given beside a query, as the SPARQL protocol's
 * default-graph-uri and named-graph-uri parameters do: when either list
 * is not empty, the two lists replace the query's FROM and FROM NAMED. */
struct dg_query_dataset {
    size_t ndefault, nnamed;
    const char *const *default_graphs; /* borrowed IRIs */
    const char *const *named_graphs;   /* borrowed IRIs */
};

/* dg_store_query_opts with a dataset (borrowed; NULL: the query's). */
struct dg_results *dg_store_query_dataset(struct dg_store *st,
                                          const char *sparql,
                                          const struct dg_query_opts *opts,
                                          const struct dg_query_dataset *ds,
                                          struct dg_error *err);

/* Writes the algebra of the query and the plan chosen for it on this
 * store to fp (query --explain).  0, or -1 with err set. */
int dg_store_explain(struct dg_store *st, const char *sparql,
                     const struct dg_query_opts *opts, FILE *fp,
                     struct dg_error *err);

/* Writes the store (or the one graph graph_iri, when not NULL) to fp in
 * syntax "turtle", "ntriples", "nquads", "trig" or "rdfxml", with the
 * prefixes of the vocabulary.  *written (may be NULL) gets the count. */
int dg_store_export(struct dg_store *st, const char *syntax,
                    const char *graph_iri, FILE *fp, size_t *written,
                    struct dg_error *err);

/* Counts: triples (over all graphs), named graphs, articles. */
struct dg_store_counts {
    long triples;
    long graphs;
};
int dg_store_counts(struct dg_store *st, struct dg_store_counts *out,
                    struct dg_error *err);

/* The number of distinct entities of each rdf:type in the default graph
 * (the article graphs, not the ontology), as rows (?type, ?n) ordered by
 * type: what `stats` and the report print.  Caller frees the results. */
struct dg_results *dg_store_type_counts(struct dg_store *st,
                                        struct dg_error *err);

/* A display label for an entity IRI: schema:name, rdfs:label,
 * skos:prefLabel or dg:iso3, in that order.  Returns a string owned by
 * the store (valid until it is freed), or NULL when the entity has none. */
const char *dg_store_label(struct dg_store *st, const char *iri);

/* The first rdf:type of iri among the data model's classes, as a short
 * name: "country", "person", "organisation", "event", "topic", "place",
 * "article", "sentence", "action", or NULL.  Borrowed static string. */
const char *dg_store_kind(struct dg_store *st, const char *iri);

/* A dg_label_fn for dg_results_write (ctx: the store). */
const char *dg_store_label_cb(void *ctx, const char *iri);

/* Writes everything committed so far to disk (commits are atomic but,
 * for speed, not each flushed).  dg_store_free also syncs, silently. */
int dg_store_sync(struct dg_store *st, struct dg_error *err);

/* Checks an lmdb store table by table (graph/store/lmdb_check.h): each
 * kind of problem is passed to problem (ctx borrowed) as one line.
 * *quads, *terms, *graphs get the counts.  Returns the number of kinds
 * of problem (0: consistent), or -1 with err set when the check could not
 * run (not an lmdb store, unreadable). */
long dg_store_check(struct dg_store *st,
                    void (*problem)(void *ctx, const char *msg), void *ctx,
                    unsigned long long *quads, unsigned long long *terms,
                    unsigned long long *graphs, struct dg_error *err);

/* Writes a compacted copy of an lmdb store to directory dir (borrowed;
 * absent or empty), consistent even while a build writes.  *bytes (may
 * be NULL) gets the size of the copy.  0, or -1 with err set. */
int dg_store_backup(struct dg_store *st, const char *dir,
                    unsigned long long *bytes, struct dg_error *err);

/* 1 when queries on st may run in several threads at once, beside one
 * thread that writes (see the top of this file): an lmdb store, whose
 * queries read the environment directly.  0 for the other kinds, whose
 * queries go through Redland: every use must then be serialised. */
int dg_store_concurrent_reads(const struct dg_store *st);

/* The spec as given at open (borrowed). */
const char *dg_store_name(const struct dg_store *st);

#endif /* DG_STORE_H */
