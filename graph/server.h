/* server.h: the store over HTTP: the SPARQL 1.1 Protocol (queries) and the
 * SPARQL 1.1 Graph Store HTTP Protocol, on libmicrohttpd.
 *
 *   GET  /                     a small HTML page with a query box
 *   GET  /sparql?query=Q       a query (also POST, form-encoded or
 *   POST /sparql                 application/sparql-query); results by
 *                                content negotiation (JSON, XML, CSV,
 *                                TSV; Turtle, N-Triples for graphs)
 *   GET|HEAD|PUT|POST|DELETE /store?graph=IRI  (or ?default)
 *                              a named graph, or the default graph
 *   ... /store/PATH            the graph http://HOST/store/PATH
 *   POST /store                a new graph (201, Location)
 *
 * The server runs its own threads (one per connection).  The store is
 * opened by the caller and used only through graph/store/store.h.  Writes
 * (PUT, POST, DELETE) and the export of a named graph (GET, HEAD:
 * Redland, not thread-safe) hold one writer lock; each write is one store
 * transaction, synced before the answer.  Queries and GET of the default
 * graph take no lock on a store with dg_store_concurrent_reads (lmdb):
 * up to opts.threads of them run at once (more wait for a free slot),
 * each on the snapshot committed when it began (a query that begins
 * before a PUT commits sees the old graph, one that begins after sees
 * the new), and writes do not wait for them.  On the other stores they
 * take the writer lock too.
 *
 * The server never prints: each request is handed, as one line, to the
 * log function of the options. */
#ifndef DG_SERVER_H
#define DG_SERVER_H

#include <stddef.h>

#include "common/error.h"
#include "graph/store/store.h"

#define DG_SERVER_DEFAULT_BIND "127.0.0.1:7878"
#define DG_SERVER_DEFAULT_THREADS 4

/* Receives one line (borrowed, no newline) per request; called from the
 * server's threads, so it must be thread-safe (one fprintf is). */
typedef void (*dg_server_log_fn)(void *ctx, const char *line);

struct dg_server_opts {
    const char *bind;     /* "ADDR:PORT" or "[ADDR6]:PORT" (borrowed);
                             NULL: DG_SERVER_DEFAULT_BIND; port 0: any */
    int read_only;        /* 1: writes answer 405 */
    long timeout_ms;      /* of each query; 0: none */
    long max_rows;        /* of each query; 0: none */
    size_t max_body;      /* bytes of a request body (413 past it) */
    size_t max_result;    /* bytes of an answer (503 past it) */
    unsigned threads;     /* queries computed at once; 0: 4 */
    unsigned connections; /* open connections at most; 0: 64 */
    /* credentials for writes (copied; NULL: none).  With neither, writes
     * need none; with either, a write needs one of them (401 without) */
    const char *bearer_token; /* "Authorization: Bearer TOKEN" */
    const char *basic_auth;   /* "USER:PASSWORD" for Basic auth */
    dg_server_log_fn log;     /* NULL: no log */
    void *log_ctx;
    /* 1: also log "METHOD URI running" when a request's store work
     * begins (before it waits for the writer lock) */
    int log_running;
};

struct dg_server;

/* Starts serving st (borrowed: it must outlive the server, and the
 * caller must not use it until dg_server_stop returns) with opts
 * (copied).  Returns the running server, or NULL with err set (a bad
 * bind address: DG_ERR_USAGE; a port in use: DG_ERR_IO). */
struct dg_server *dg_server_start(struct dg_store *st,
                                  const struct dg_server_opts *opts,
                                  struct dg_error *err);

/* The address served, as "http://ADDR:PORT/" (borrowed, valid until the
 * server is stopped): with port 0 in the bind address, the port chosen. */
const char *dg_server_url(const struct dg_server *srv);

/* Stops accepting, waits for the requests under way, frees srv.  NULL is
 * safe. */
void dg_server_stop(struct dg_server *srv);

#endif /* DG_SERVER_H */
