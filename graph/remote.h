/* remote.h: another SPARQL server, over HTTP (libcurl): push a store's
 * graphs to its SPARQL 1.1 Graph Store endpoint, ask it queries with the
 * SPARQL 1.1 Protocol.
 *
 * A struct dg_remote holds one libcurl handle (connections are reused
 * between requests) and the credentials.  Requests that fail for a
 * transient cause (no connection, a timeout, a status 5xx other than 501,
 * or 429) are tried again after a delay that doubles, up to
 * opts.retries times; other failures (4xx, 501) are final.  Every
 * function returns 0 (or a pointer) on success and -1 (or NULL) with err
 * set on failure; nothing is printed. */
#ifndef DG_REMOTE_H
#define DG_REMOTE_H

#include <stddef.h>

#include "common/error.h"
#include "graph/results.h"

struct dg_store;
struct dg_remote;

struct dg_remote_opts {
    /* credentials (borrowed, copied by dg_remote_new; NULL: none):
     * "Bearer TOKEN" sends that Authorization header, "USER:PASSWORD"
     * HTTP basic auth */
    const char *auth;
    int retries;     /* tries after the first (0: none) */
    long backoff_ms; /* delay before the first retry, doubled each time */
    long timeout_ms; /* whole request (0: none); connecting: 10 s at most */
};

/* A new client; caller frees with dg_remote_free (NULL is safe). */
struct dg_remote *dg_remote_new(const struct dg_remote_opts *opts,
                                struct dg_error *err);
void dg_remote_free(struct dg_remote *rm);

/* The Graph Store URL of the graph graph_iri (borrowed) at store_url
 * (borrowed): STORE_URL?graph=IRI, the IRI percent-encoded.  Caller
 * frees with free(); NULL when out of memory. */
char *dg_remote_graph_url(const char *store_url, const char *graph_iri);

/* PUTs len bytes of body (borrowed) of media type ctype (borrowed) to
 * url (borrowed): a Graph Store PUT replaces the graph.  *status (may be
 * NULL) gets the final HTTP status (2xx).  A status other than 2xx is an
 * error naming the status and the first line of the answer. */
int dg_remote_put(struct dg_remote *rm, const char *url, const char *ctype,
                  const char *body, size_t len, long *status,
                  struct dg_error *err);

/* POSTs the query (borrowed) to the SPARQL endpoint url (borrowed),
 * form-encoded (query=...: every SPARQL 1.1 server takes it, where some,
 * such as Virtuoso 7.2, hang on application/sparql-query), with the
 * Accept header accept (borrowed), and
 * returns the answer's bytes, NUL-terminated; *len gets their number.
 * Caller frees with free(). */
char *dg_remote_query(struct dg_remote *rm, const char *url, const char *query,
                      const char *accept, size_t *len, struct dg_error *err);

/* ---- fetching: an article or an RDF file over HTTP(S) */

/* A page fetched with dg_remote_fetch; release with
 * dg_remote_page_release. */
struct dg_remote_page {
    char *body;  /* owned, NUL-terminated (a NUL inside is possible) */
    size_t len;  /* bytes of body, the NUL not counted */
    char *ctype; /* owned Content-Type as sent ("text/html; charset=..."),
                    NULL when the server sent none */
    char *url;   /* owned: the URL after redirects */
    long status; /* the final HTTP status (2xx) */
};

/* 1 when s (borrowed) starts with http:// or https:// (any case). */
int dg_remote_is_url(const char *s);

/* GETs url (borrowed, http or https only), following at most 5 redirects
 * (http and https only), refusing more than max_bytes (0: 1 GiB) of
 * answer, into *page.  Timeouts and retries as for every request of rm.
 * The messages do not repeat the URL (the caller names it): a status
 * other than 2xx is "the server answered 404 (1 try)", a refused
 * connection "cannot reach the server: ...".  Returns 0, or -1 with err
 * set and *page empty. */
int dg_remote_fetch(struct dg_remote *rm, const char *url, size_t max_bytes,
                    struct dg_remote_page *page, struct dg_error *err);
/* Frees what page owns and empties it; NULL is safe. */
void dg_remote_page_release(struct dg_remote_page *page);

/* Parses an endpoint's answer of len bytes (borrowed): SPARQL 1.1
 * results TSV (a header of ?variables, then rows), "true" or "false"
 * (ASK), or N-Triples (a graph result), into results the caller frees
 * with dg_results_free.  NULL with err set (DG_ERR_INPUT naming the
 * line) when it is none of them. */
struct dg_results *dg_remote_parse_answer(const char *text, size_t len,
                                          struct dg_error *err);

/* Asks the endpoint url (borrowed) for the types and labels (rdf:type,
 * schema:name, rdfs:label, skos:prefLabel, dg:iso3) and the event dates
 * (schema:startDate) of the IRIs in r
 * (borrowed), at most max_iris of them (0: all), and adds them to the
 * default graph of st (borrowed; a scratch store such as "memory:"), so
 * that graph/render.c can draw results that came from another server
 * with labels and kinds.  Results without IRIs ask nothing. */
int dg_remote_fetch_labels(struct dg_remote *rm, const char *url,
                           const struct dg_results *r, size_t max_iris,
                           struct dg_store *st, struct dg_error *err);

/* ---- push: a store's named graphs to a Graph Store endpoint */

/* What happened to one graph (passed to the progress callback). */
enum dg_push_what {
    DG_PUSH_CREATED,   /* sent; the server made a new graph (201) */
    DG_PUSH_REPLACED,  /* sent; the server replaced the graph (200, 204) */
    DG_PUSH_UNCHANGED, /* not sent: the same as at the last push */
};

struct dg_push_stats {
    size_t graphs;    /* named graphs of the store (ontology excluded) */
    size_t created;   /* sent, new on the server */
    size_t replaced;  /* sent, replaced on the server */
    size_t unchanged; /* skipped: unchanged since the last push */
    size_t triples;   /* triples sent */
};

struct dg_push_opts {
    const char *store_url;  /* Graph Store endpoint (borrowed) */
    const char *state_path; /* the state file (borrowed); NULL: none (all
                               graphs are sent, nothing is recorded) */
    int all;                /* send every graph, changed or not */
    /* called after each graph (may be NULL; ctx borrowed) */
    void (*progress)(void *ctx, const char *graph_iri, int what,
                     size_t triples);
    void *ctx;
};

/* Sends every named graph of st but the ontology's to opts->store_url
 * with a Graph Store PUT, as N-Triples, so that pushing is idempotent
 * and a graph rebuilt replaces the old one on the server.  Graphs whose
 * sorted N-Triples hash (SHA-256) is recorded in the state file for this
 * store_url are skipped unless opts->all.  The state file (lines of
 * "STORE_URL TAB GRAPH_IRI TAB SHA256", other URLs' lines kept) is
 * rewritten atomically at the end, also after a failure, with the graphs
 * sent so far, so a re-run sends only the rest.  *stats (may be NULL)
 * gets the counts, also on failure. */
int dg_remote_push(struct dg_remote *rm, struct dg_store *st,
                   const struct dg_push_opts *opts, struct dg_push_stats *stats,
                   struct dg_error *err);

#endif /* DG_REMOTE_H */
