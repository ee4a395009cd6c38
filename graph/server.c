/* server.c: see server.h.  The only file that includes libmicrohttpd.
 *
 * A request goes through on_request several times: the first call routes
 * it and checks what needs no body (method, read-only, credentials,
 * content type, announced length), the next ones collect the body (at
 * most max_body bytes), the last one answers.  Parameters are decoded
 * here, once, from the raw request line (uri_log gives it), so that the
 * query string and a form-encoded body go through one decoder. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/iri.h"
#include "extract/text.h"
#include "graph/server.h"

#define MAX_PARAMS 256
#define DEFAULT_CONNECTIONS 64
#define IDLE_TIMEOUT_S 60
#define LOG_URI_MAX 300

struct dg_server {
    struct MHD_Daemon *daemon;
    struct dg_store *st; /* borrowed */
    /* the writer lock: held for every write and every other use of
     * Redland (the export of a named graph); queries run without it when
     * the store allows (shared_reads), each on its own snapshot */
    pthread_mutex_t wlock;
    int shared_reads; /* dg_store_concurrent_reads */
    sem_t slots;      /* o.threads queries at once, when shared_reads */
    int slots_ready;
    struct dg_server_opts o;
    char *bearer; /* owned: the expected "Bearer" credentials, or NULL */
    char *basic;  /* owned: base64 of "USER:PASSWORD", or NULL */
    char url[128];
};

enum route { R_NONE, R_PAGE, R_SPARQL, R_STORE };

/* one request: made by uri_log, freed by on_completed */
struct req {
    struct dg_server *srv;
    char *uri; /* owned: the raw request target, path and query */
    int route; /* enum route */
    int started, responded;
    char *body; /* owned, NUL-terminated once complete */
    size_t len, cap;
    int too_large;
    char method[16]; /* for the log */
    int status;
    size_t bytes;
    char msg[256]; /* the error answered, for the log */
    struct timespec t0;
};

/* ---- parameters: application/x-www-form-urlencoded, decoded once */

struct params {
    size_t n;
    char *key[MAX_PARAMS], *val[MAX_PARAMS]; /* owned */
};

static void
params_free(struct params *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->key[i]);
        free(p->val[i]);
    }
    p->n = 0;
}

static int
hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes s[0..n) ('+' is a space, %XX a byte) into a new string; NULL
 * on a bad escape, a NUL byte or no memory. */
static char *
form_decode(const char *s, size_t n)
{
    char *d = malloc(n + 1), *o = d;
    if (!d)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%') {
            int hi = i + 2 < n ? hex_value((unsigned char)s[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(d);
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return d;
}

/* Adds the pairs of s[0..n) to p.  0, or -1 with msg filled. */
static int
params_parse(struct params *p, const char *s, size_t n, char *msg, size_t size)
{
    size_t i = 0;
    while (i < n) {
        size_t end = i;
        while (end < n && s[end] != '&')
            end++;
        if (end > i) {
            const char *eq = memchr(s + i, '=', end - i);
            size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
            if (p->n == MAX_PARAMS) {
                snprintf(msg, size, "more than %d parameters", MAX_PARAMS);
                return -1;
            }
            char *k = form_decode(s + i, klen);
            char *v = eq ? form_decode(eq + 1, (size_t)(s + end - eq - 1))
                         : strdup("");
            if (!k || !v) {
                free(k);
                free(v);
                snprintf(msg, size, "bad percent-encoding in parameter '%.*s'",
                         (int)(klen > 40 ? 40 : klen), s + i);
                return -1;
            }
            p->key[p->n] = k;
            p->val[p->n++] = v;
        }
        i = end + 1;
    }
    return 0;
}

/* The first value of key (borrowed) or NULL; *count (may be NULL) gets
 * how many times key appears. */
static const char *
params_get(const struct params *p, const char *key, size_t *count)
{
    const char *first = NULL;
    size_t c = 0;
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->key[i], key)) {
            if (!c++)
                first = p->val[i];
        }
    if (count)
        *count = c;
    return first;
}

/* ---- media types */

/* Copies the media type of a Content-Type value, lowercase, without
 * parameters; *charset_ok is 0 when a charset other than UTF-8 is named. */
static void
media_type(const char *value, char *out, size_t size, int *charset_ok)
{
    size_t n = 0;
    *charset_ok = 1;
    out[0] = '\0';
    if (!value)
        return;
    while (*value == ' ' || *value == '\t')
        value++;
    for (; value[n] && value[n] != ';' && value[n] != ' ' && n + 1 < size; n++)
        out[n] = (char)tolower((unsigned char)value[n]);
    out[n] = '\0';
    const char *cs = value;
    while (*cs && strncasecmp(cs, "charset=", 8))
        cs++;
    if (*cs) {
        cs += strlen("charset=");
        if (*cs == '"')
            cs++;
        *charset_ok = !strncasecmp(cs, "utf-8", 5) &&
                      (!cs[5] || cs[5] == '"' || cs[5] == ';' || cs[5] == ' ');
    }
}

struct offer {
    const char *type; /* media type offered */
    int fmt;          /* enum dg_format, or a syntax index for graphs */
};

/* How well the media range r[0..n) matches type: 3 exact, 2 type/star,
 * 1 star/star, 0 not at all. */
static int
range_match(const char *r, size_t n, const char *type)
{
    if (n == 3 && !strncmp(r, "*/*", 3))
        return 1;
    if (n == strlen(type) && !strncasecmp(r, type, n))
        return 3;
    const char *slash = strchr(type, '/');
    size_t tl = (size_t)(slash - type);
    if (n == tl + 2 && !strncasecmp(r, type, tl) && r[tl] == '/' &&
        r[tl + 1] == '*')
        return 2;
    return 0;
}

/* The q an Accept header gives type (the most specific range wins). */
static double
accept_q(const char *accept, const char *type)
{
    int best = 0;
    double q = 0;
    const char *p = accept;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, ",; ");
        int m = range_match(p, n, type);
        const char *end = p + strcspn(p, ",");
        double rq = 1.0;
        const char *qp = p;
        while ((qp = strchr(qp, ';')) && qp < end) {
            qp++;
            while (*qp == ' ')
                qp++;
            if (!strncmp(qp, "q=", 2))
                rq = strtod(qp + 2, NULL);
        }
        if (m > best) {
            best = m;
            q = rq;
        }
        p = end;
    }
    return q;
}

/* The offer the Accept header prefers (offers in the server's order of
 * preference), the first one without a header, or NULL when none is
 * acceptable. */
static const struct offer *
negotiate(const char *accept, const struct offer *offers, size_t n)
{
    const struct offer *best = NULL;
    double bq = 0;
    if (!accept || !*accept)
        return &offers[0];
    for (size_t i = 0; i < n; i++) {
        double q = accept_q(accept, offers[i].type);
        if (q > bq) {
            bq = q;
            best = &offers[i];
        }
    }
    return best;
}

static const struct offer result_offers[] = {
    {"application/sparql-results+json", DG_FMT_JSON},
    {"application/sparql-results+xml", DG_FMT_XML},
    {"text/csv", DG_FMT_CSV},
    {"text/tab-separated-values", DG_FMT_TSV},
    {"application/json", DG_FMT_JSON},
    {"application/xml", DG_FMT_XML},
    {"text/xml", DG_FMT_XML},
};
static const struct offer graph_offers[] = {
    {"text/turtle", DG_FMT_TURTLE},
    {"application/n-triples", DG_FMT_NTRIPLES},
    {"text/plain", DG_FMT_NTRIPLES},
    {"application/x-turtle", DG_FMT_TURTLE},
    {"application/ld+json", DG_FMT_JSONLD},
};
/* bytes past --max-body a refused body may have and still be read (and
 * dropped) before the 413 */
#define DRAIN_MAX (64ULL << 20)
#define NOFFERS(a) (sizeof(a) / sizeof(a)[0])

static const char *
format_type(int fmt)
{
    switch (fmt) {
    case DG_FMT_JSON: return "application/sparql-results+json";
    case DG_FMT_XML: return "application/sparql-results+xml";
    case DG_FMT_CSV: return "text/csv; charset=utf-8";
    case DG_FMT_TSV: return "text/tab-separated-values; charset=utf-8";
    case DG_FMT_TURTLE: return "text/turtle; charset=utf-8";
    case DG_FMT_JSONLD: return "application/ld+json";
    default: return "application/n-triples";
    }
}

/* The RDF syntax of a Graph Store body's media type (the store's own
 * table, dg_store_syntax_of), or NULL: triples only, and text/plain as
 * N-Triples. */
static const char *
body_syntax(const char *type)
{
    if (!strcmp(type, "text/plain"))
        return "ntriples";
    const char *syntax = dg_store_syntax_of(NULL, type);
    return syntax && strcmp(syntax, "nquads") && strcmp(syntax, "trig") ? syntax
                                                                        : NULL;
}

/* ---- answers */

static enum MHD_Result
send_response(struct MHD_Connection *conn, struct req *rq, int status,
              const char *ctype, char *buf, size_t len,
              enum MHD_ResponseMemoryMode mode, const char *hname,
              const char *hvalue)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, mode);
    if (!resp) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(buf);
        return MHD_NO;
    }
    if (ctype)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    if (hname)
        MHD_add_response_header(resp, hname, hvalue);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    enum MHD_Result r = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    rq->status = status;
    rq->bytes = len;
    rq->responded = 1;
    return r;
}

/* An error answer: one line of text, also kept for the log.  hname and
 * hvalue (may be NULL) add a header (Allow, WWW-Authenticate). */
static enum MHD_Result send_error(struct MHD_Connection *conn, struct req *rq,
                                  int status, const char *hname,
                                  const char *hvalue, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static enum MHD_Result
send_error(struct MHD_Connection *conn, struct req *rq, int status,
           const char *hname, const char *hvalue, const char *fmt, ...)
{
    char line[sizeof rq->msg + 1];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rq->msg, sizeof rq->msg, fmt, ap);
    va_end(ap);
    /* a message may quote request text: keep it on one line */
    for (char *c = rq->msg; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    size_t n = (size_t)snprintf(line, sizeof line, "%s\n", rq->msg);
    if (n >= sizeof line)
        n = sizeof line - 1;
    return send_response(conn, rq, status, "text/plain; charset=utf-8", line, n,
                         MHD_RESPMEM_MUST_COPY, hname, hvalue);
}

static const char page_html[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<title>diplograph SPARQL endpoint</title>\n"
    "<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
    "textarea{width:100%;font-family:monospace}</style>\n"
    "</head><body>\n"
    "<h1>diplograph</h1>\n"
    "<p>SPARQL 1.1 queries at <code>/sparql</code> (GET or POST); graphs "
    "at <code>/store?graph=IRI</code> or <code>/store?default</code> "
    "(SPARQL 1.1 Graph Store HTTP Protocol).</p>\n"
    "<form method=\"get\" action=\"/sparql\">\n"
    "<textarea name=\"query\" rows=\"14\">"
    "PREFIX schema: &lt;http://schema.org/&gt;\n"
    "SELECT ?country ?name WHERE {\n"
    "  ?country a schema:Country ; schema:name ?name .\n"
    "} ORDER BY ?name LIMIT 20</textarea>\n"
    "<p><label>results: <select name=\"format\">"
    "<option value=\"json\">JSON</option>"
    "<option value=\"xml\">XML</option>"
    "<option value=\"csv\">CSV</option>"
    "<option value=\"tsv\">TSV</option>"
    "<option value=\"turtle\">Turtle (CONSTRUCT)</option>"
    "<option value=\"ntriples\">N-Triples (CONSTRUCT)</option>"
    "</select></label>\n"
    "<button type=\"submit\">Run</button></p>\n"
    "</form>\n"
    "</body></html>\n";

/* ---- store work */

/* The request target for the log: cut to LOG_URI_MAX bytes, control
 * bytes and spaces as '?' (one line, one field). */
static void
log_uri(const struct req *rq, char *out, size_t size)
{
    snprintf(out, size, "%.*s%s", LOG_URI_MAX, rq->uri,
             strlen(rq->uri) > LOG_URI_MAX ? "..." : "");
    for (char *c = out; *c; c++)
        if ((unsigned char)*c < 0x21 || *c == 0x7f)
            *c = '?';
}

/* Logs that rq's store work begins (opts.log_running). */
static void
log_running(const struct req *rq)
{
    const struct dg_server *srv = rq->srv;
    char uri[LOG_URI_MAX + 4], line[LOG_URI_MAX + 64];
    if (!srv->o.log || !srv->o.log_running)
        return;
    log_uri(rq, uri, sizeof uri);
    snprintf(line, sizeof line, "%s %s running", rq->method, uri);
    srv->o.log(srv->o.log_ctx, line);
}

/* Around a query: one of the o.threads slots when queries may run at
 * once (more wait for a slot, not for a given one), else the writer lock
 * (a store read through Redland).  Writes take no slot: they wait for
 * the writer lock only, never for queries. */
static void
read_lock(struct dg_server *srv)
{
    if (!srv->shared_reads)
        pthread_mutex_lock(&srv->wlock);
    else
        while (sem_wait(&srv->slots) != 0 && errno == EINTR)
            ;
}

static void
read_unlock(struct dg_server *srv)
{
    if (!srv->shared_reads)
        pthread_mutex_unlock(&srv->wlock);
    else
        sem_post(&srv->slots);
}

/* The outcome of a store call: an HTTP status for an error. */
static int
error_status(const struct dg_error *err)
{
    switch (err->code) {
    case DG_ERR_QUERY:
        if (!strncmp(err->msg, "query timed out", 15) ||
            !strncmp(err->msg, "query stopped", 13))
            return MHD_HTTP_SERVICE_UNAVAILABLE;
        return MHD_HTTP_BAD_REQUEST;
    case DG_ERR_INPUT:
    case DG_ERR_USAGE: return MHD_HTTP_BAD_REQUEST;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

/* 1 when the named graph iri (an IRI checked by dg_iri_check) holds a
 * triple, 0 when not, -1 with err set.  Called under the writer lock. */
static int
graph_exists(struct dg_server *srv, const char *iri, struct dg_error *err)
{
    size_t n = strlen(iri) + 64;
    char *q = malloc(n);
    if (!q)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    snprintf(q, n, "ASK { GRAPH <%s> { ?s ?p ?o } }", iri);
    struct dg_results *r = dg_store_query(srv->st, q, err);
    free(q);
    if (!r)
        return -1;
    int yes = r->boolean;
    dg_results_free(r);
    return yes;
}

/* The answer text in a memory stream: *buf (caller frees) and *len. */
struct membuf {
    char *buf;
    size_t len;
    FILE *fp;
};

static FILE *
membuf_open(struct membuf *m)
{
    m->buf = NULL;
    m->len = 0;
    return m->fp = open_memstream(&m->buf, &m->len);
}

/* Closes the stream: 0, or -1 when a write failed. */
static int
membuf_close(struct membuf *m)
{
    int bad = ferror(m->fp);
    if (fclose(m->fp) != 0)
        bad = 1;
    m->fp = NULL;
    return bad ? -1 : 0;
}

/* Sends the text of m (consumed) as the answer, or 503 past max_result. */
static enum MHD_Result
send_membuf(struct MHD_Connection *conn, struct req *rq, struct membuf *m,
            const char *ctype)
{
    struct dg_server *srv = rq->srv;
    if (srv->o.max_result && m->len > srv->o.max_result) {
        free(m->buf);
        return send_error(conn, rq, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, NULL,
                          "the answer is larger than %zu bytes",
                          srv->o.max_result);
    }
    return send_response(conn, rq, MHD_HTTP_OK, ctype, m->buf, m->len,
                         MHD_RESPMEM_MUST_FREE, NULL, NULL);
}

/* ---- the SPARQL 1.1 Protocol: /sparql */

static enum MHD_Result
run_query(struct MHD_Connection *conn, struct req *rq, const struct params *p,
          const char *query)
{
    struct dg_server *srv = rq->srv;
    const char *dg[MAX_PARAMS], *ng[MAX_PARAMS];
    struct dg_query_dataset ds = {0, 0, dg, ng};
    struct dg_error err = {0, ""};
    struct dg_query_opts qo = {0, srv->o.timeout_ms, srv->o.max_rows};

    if (dg_text_validate(query, strlen(query), &err) < 0)
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                          "the query is not UTF-8 text: %s", err.msg);
    for (size_t i = 0; i < p->n; i++) {
        int def = !strcmp(p->key[i], "default-graph-uri");
        if (!def && strcmp(p->key[i], "named-graph-uri"))
            continue;
        if (dg_iri_check(p->val[i], &err) < 0)
            return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                              "%s: %s", p->key[i], err.msg);
        if (def)
            dg[ds.ndefault++] = p->val[i];
        else
            ng[ds.nnamed++] = p->val[i];
    }
    const char *fname = params_get(p, "format", NULL);
    int forced = -1;
    if (fname &&
        ((forced = dg_format_parse(fname)) < 0 || forced == DG_FMT_TABLE))
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                          "unknown format '%s' (json, xml, csv, tsv, turtle, "
                          "ntriples)",
                          fname);

    log_running(rq);
    read_lock(srv);
    struct dg_results *r =
        dg_store_query_dataset(srv->st, query, &qo, &ds, &err);
    read_unlock(srv);
    if (!r)
        return send_error(conn, rq, error_status(&err), NULL, NULL, "%s",
                          err.msg);

    int graph = r->kind == DG_RESULTS_GRAPH;
    int fmt = forced;
    if (fmt < 0) {
        const char *accept =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept");
        const struct offer *o =
            graph ? negotiate(accept, graph_offers, NOFFERS(graph_offers))
                  : negotiate(accept, result_offers, NOFFERS(result_offers));
        if (!o) {
            dg_results_free(r);
            return send_error(conn, rq, MHD_HTTP_NOT_ACCEPTABLE, NULL, NULL,
                              "no acceptable media type: %s",
                              graph
                                  ? "text/turtle, application/n-triples, "
                                    "application/ld+json"
                                  : "application/sparql-results+json, "
                                    "application/sparql-results+xml, text/csv, "
                                    "text/tab-separated-values");
        }
        fmt = o->fmt;
    }
    struct membuf m;
    if (!membuf_open(&m)) {
        dg_results_free(r);
        return send_error(conn, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, NULL,
                          "out of memory");
    }
    int rc = dg_results_write(r, fmt, m.fp, NULL, NULL, &err);
    dg_results_free(r);
    if (membuf_close(&m) < 0 || rc < 0) {
        free(m.buf);
        return send_error(conn, rq,
                          err.code == DG_ERR_USAGE
                              ? MHD_HTTP_BAD_REQUEST
                              : MHD_HTTP_INTERNAL_SERVER_ERROR,
                          NULL, NULL, "%s",
                          err.msg[0] ? err.msg : "cannot write the results");
    }
    return send_membuf(conn, rq, &m, format_type(fmt));
}

static enum MHD_Result
serve_sparql(struct MHD_Connection *conn, struct req *rq, struct params *p,
             const char *method)
{
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_TYPE);
    char type[96];
    int charset_ok;
    const char *query;
    size_t nq = 0, nu = 0;
    int post = !strcmp(method, "POST");

    media_type(ct, type, sizeof type, &charset_ok);
    if (post && !strcmp(type, "application/x-www-form-urlencoded") &&
        params_parse(p, rq->body, rq->len, rq->msg, sizeof rq->msg) < 0)
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL, "%s",
                          rq->msg);
    query = params_get(p, "query", &nq);
    params_get(p, "update", &nu);
    if (nu || (post && !strcmp(type, "application/sparql-update")))
        return send_error(conn, rq, MHD_HTTP_NOT_IMPLEMENTED, NULL, NULL,
                          "sparql update is not supported: write graphs "
                          "with the graph store protocol at /store");
    if (post && !strcmp(type, "application/sparql-query")) {
        if (nq)
            return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                              "a 'query' parameter beside a query body");
        return run_query(conn, rq, p, rq->body);
    }
    if (nq > 1)
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                          "more than one 'query' parameter");
    if (!nq)
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                          "no 'query' parameter");
    return run_query(conn, rq, p, query);
}

/* ---- the SPARQL 1.1 Graph Store HTTP Protocol: /store */

static enum MHD_Result
store_get(struct MHD_Connection *conn, struct req *rq, const char *graph)
{
    struct dg_server *srv = rq->srv;
    struct dg_error err = {0, ""};
    const char *accept =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept");
    static const struct offer named_offers[] = {{"text/turtle", 0},
                                                {"application/n-triples", 1},
                                                {"text/plain", 1},
                                                {"application/rdf+xml", 2},
                                                {"application/x-turtle", 0}};
    static const char *syntaxes[] = {"turtle", "ntriples", "rdfxml"};
    static const char *types[] = {"text/turtle; charset=utf-8",
                                  "application/n-triples",
                                  "application/rdf+xml"};
    struct membuf m;
    int rc, exists = 1;

    const struct offer *o =
        graph ? negotiate(accept, named_offers, NOFFERS(named_offers))
              : negotiate(accept, graph_offers, NOFFERS(graph_offers));
    if (!o)
        return send_error(conn, rq, MHD_HTTP_NOT_ACCEPTABLE, NULL, NULL,
                          "no acceptable media type: text/turtle, "
                          "application/n-triples%s",
                          graph ? ", application/rdf+xml" : "");
    if (!membuf_open(&m))
        return send_error(conn, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, NULL,
                          "out of memory");
    log_running(rq);
    if (graph) {
        /* the export goes through Redland: with the writers, and the
         * check and the export see the same graph */
        pthread_mutex_lock(&srv->wlock);
        exists = graph_exists(srv, graph, &err);
        rc = exists > 0 ? dg_store_export(srv->st, syntaxes[o->fmt], graph,
                                          m.fp, NULL, &err)
                        : exists;
        pthread_mutex_unlock(&srv->wlock);
    } else {
        struct dg_query_opts qo = {1, srv->o.timeout_ms, srv->o.max_rows};
        read_lock(srv);
        struct dg_results *r = dg_store_query_opts(
            srv->st, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", &qo, &err);
        read_unlock(srv);
        rc = r ? dg_results_write(r, o->fmt, m.fp, NULL, NULL, &err) : -1;
        dg_results_free(r);
    }
    if (membuf_close(&m) < 0 && rc == 0)
        rc = dg_error_set(&err, DG_ERR_NOMEM, "out of memory");
    if (rc < 0 || !exists) {
        free(m.buf);
        if (!exists)
            return send_error(conn, rq, MHD_HTTP_NOT_FOUND, NULL, NULL,
                              "no graph '%s'", graph);
        return send_error(conn, rq, error_status(&err), NULL, NULL, "%s",
                          err.msg);
    }
    return send_membuf(conn, rq, &m,
                       graph ? types[o->fmt] : format_type(o->fmt));
}

/* location (may be NULL): the Location of a graph this request names */
static enum MHD_Result
store_write(struct MHD_Connection *conn, struct req *rq, const char *method,
            const char *graph, const char *location)
{
    struct dg_server *srv = rq->srv;
    struct dg_error err = {0, ""};
    const char *target = graph ? graph : DG_STORE_DEFAULT_GRAPH;
    int del = !strcmp(method, "DELETE"), put = !strcmp(method, "PUT");
    int exists = 1, rc;
    size_t added = 0;
    const char *syntax = NULL;

    if (!del) {
        char type[96];
        int charset_ok;
        media_type(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                               MHD_HTTP_HEADER_CONTENT_TYPE),
                   type, sizeof type, &charset_ok);
        syntax = body_syntax(type); /* checked before the body was read */
    }
    log_running(rq);
    pthread_mutex_lock(&srv->wlock);
    if (graph)
        exists = graph_exists(srv, graph, &err);
    if (exists < 0)
        rc = -1;
    else if (del)
        rc = exists ? dg_store_drop_graph(srv->st, target, &err) : 0;
    else
        rc = dg_store_load_buffer(srv->st, rq->body, rq->len,
                                  "the request body", syntax, target,
                                  graph ? graph : srv->url, put, &added, &err);
    if (rc == 0 && (!del || exists)) {
        rc = dg_store_sync(srv->st, &err);
    } else if (rc < 0) {
        /* a failed write may leave group commit's pending transaction
         * open: LMDB ties it to this thread, so end it here, before the
         * next write comes from another one */
        struct dg_error ignored = {0, ""};
        dg_store_sync(srv->st, &ignored);
    }
    pthread_mutex_unlock(&srv->wlock);
    if (rc < 0)
        return send_error(conn, rq, error_status(&err), NULL, NULL, "%s",
                          err.msg);
    if (del && !exists)
        return send_error(conn, rq, MHD_HTTP_NOT_FOUND, NULL, NULL,
                          "no graph '%s'", graph);
    return send_response(conn, rq,
                         exists ? MHD_HTTP_NO_CONTENT : MHD_HTTP_CREATED, NULL,
                         (char *)"", 0, MHD_RESPMEM_PERSISTENT,
                         exists || !location ? NULL : "Location", location);
}

/* The IRI of a graph named by the request URL (direct identification:
 * http://HOST/store/...), or of a new graph (POST to /store: /store/ and
 * 32 random hex digits), into iri.  0, or -1 with msg filled. */
static int
url_graph(struct MHD_Connection *conn, struct req *rq, int create, char *iri,
          size_t size)
{
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_HOST);
    const char *authority = rq->srv->url + strlen("http://");
    int n;
    if (!host || !*host)
        host = authority; /* HTTP/1.0: the address served */
    if (create) {
        unsigned char rnd[16];
        char hex[33];
        if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
            snprintf(rq->msg, sizeof rq->msg, "cannot name a new graph: %s",
                     strerror(errno));
            return -1;
        }
        for (size_t i = 0; i < sizeof rnd; i++)
            snprintf(hex + 2 * i, 3, "%02x", rnd[i]);
        n = snprintf(iri, size, "http://%.*s/store/%s", (int)strcspn(host, "/"),
                     host, hex);
    } else {
        n = snprintf(iri, size, "http://%.*s%.*s", (int)strcspn(host, "/"),
                     host, (int)strcspn(rq->uri, "?#"), rq->uri);
    }
    if (n < 0 || (size_t)n >= size) {
        snprintf(rq->msg, sizeof rq->msg, "the graph IRI is too long");
        return -1;
    }
    return 0;
}

static enum MHD_Result
serve_store(struct MHD_Connection *conn, struct req *rq, struct params *p,
            const char *method)
{
    size_t ng = 0, nd = 0;
    struct dg_error err = {0, ""};
    const char *graph = params_get(p, "graph", &ng);
    char iri[2048];
    params_get(p, "default", &nd);
    int direct =
        !strncmp(rq->uri, "/store/", 7) && strcspn(rq->uri + 7, "?#") > 0;
    int create = !direct && ng + nd == 0 && !strcmp(method, "POST");
    if (direct && ng + nd)
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                          "a graph named by the URL takes no 'graph' or "
                          "'default' parameter");
    if (!direct && !create && ng + nd != 1)
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL,
                          "give one 'graph=IRI' parameter or 'default'");
    if (direct || create) {
        if (url_graph(conn, rq, create, iri, sizeof iri) < 0)
            return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL, "%s",
                              rq->msg);
        graph = iri;
    }
    if (graph && dg_iri_check(graph, &err) < 0)
        return send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL, "%s",
                          err.msg);
    if (!strcmp(method, "GET") || !strcmp(method, "HEAD"))
        return store_get(conn, rq, graph);
    return store_write(conn, rq, method, graph, create ? graph : NULL);
}

/* ---- checks made before the body is read */

static int
const_time_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = la != lb;
    for (size_t i = 0; i < la; i++)
        d |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
    return d == 0;
}

/* 1 when the request carries the write credentials (or none are set). */
static int
authorised(struct dg_server *srv, struct MHD_Connection *conn)
{
    if (!srv->bearer && !srv->basic)
        return 1;
    const char *a = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_AUTHORIZATION);
    if (!a)
        return 0;
    if (srv->bearer && !strncasecmp(a, "Bearer ", 7))
        return const_time_equal(a + 7, srv->bearer);
    if (srv->basic && !strncasecmp(a, "Basic ", 6))
        return const_time_equal(a + 6, srv->basic);
    return 0;
}

static int
is_write(const char *method)
{
    return !strcmp(method, "PUT") || !strcmp(method, "POST") ||
           !strcmp(method, "DELETE");
}

/* Answers now when the request can be refused without its body; returns
 * 1 when it did (or failed to), 0 to read on. */
static int
precheck(struct MHD_Connection *conn, struct req *rq, const char *method)
{
    struct dg_server *srv = rq->srv;
    const char *allow = NULL;
    int ok = 0;
    switch (rq->route) {
    case R_PAGE:
        allow = "GET, HEAD";
        ok = !strcmp(method, "GET") || !strcmp(method, "HEAD");
        break;
    case R_SPARQL:
        allow = "GET, POST";
        ok = !strcmp(method, "GET") || !strcmp(method, "POST");
        break;
    case R_STORE:
        allow = srv->o.read_only ? "GET, HEAD" : "GET, HEAD, PUT, POST, DELETE";
        ok = !strcmp(method, "GET") || !strcmp(method, "HEAD") ||
             (!srv->o.read_only && is_write(method));
        break;
    default:
        send_error(conn, rq, MHD_HTTP_NOT_FOUND, NULL, NULL,
                   "no such resource: try /, /sparql or /store");
        return 1;
    }
    if (!ok) {
        if (rq->route == R_STORE && srv->o.read_only && is_write(method))
            send_error(conn, rq, MHD_HTTP_METHOD_NOT_ALLOWED, "Allow", allow,
                       "the store is served read-only");
        else
            send_error(conn, rq, MHD_HTTP_METHOD_NOT_ALLOWED, "Allow", allow,
                       "method %s is not allowed here (%s)", method, allow);
        return 1;
    }
    if (rq->route == R_STORE && is_write(method) && !authorised(srv, conn)) {
        send_error(conn, rq, MHD_HTTP_UNAUTHORIZED, "WWW-Authenticate",
                   srv->bearer ? "Bearer realm=\"diplograph\""
                               : "Basic realm=\"diplograph\"",
                   "writes need credentials");
        return 1;
    }
    char type[96];
    int charset_ok;
    media_type(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                           MHD_HTTP_HEADER_CONTENT_TYPE),
               type, sizeof type, &charset_ok);
    if (rq->route == R_SPARQL && !strcmp(method, "POST")) {
        if (strcmp(type, "application/x-www-form-urlencoded") &&
            strcmp(type, "application/sparql-query") &&
            strcmp(type, "application/sparql-update")) {
            send_error(conn, rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, NULL, NULL,
                       "unsupported content type '%s': use "
                       "application/sparql-query or "
                       "application/x-www-form-urlencoded",
                       type);
            return 1;
        }
    }
    if (rq->route == R_STORE &&
        (!strcmp(method, "PUT") || !strcmp(method, "POST")) &&
        !body_syntax(type)) {
        send_error(conn, rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, NULL, NULL,
                   "unsupported content type '%s': use text/turtle, "
                   "application/n-triples or application/rdf+xml",
                   type);
        return 1;
    }
    if ((rq->route == R_SPARQL || rq->route == R_STORE) && !charset_ok) {
        send_error(conn, rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, NULL, NULL,
                   "unsupported charset: only utf-8");
        return 1;
    }
    /* a body over the limit: refused at once when the client waits for
     * "100 Continue" or the body is far over (the connection is then closed
     * and a client still sending may miss the answer); otherwise read and
     * dropped, and refused when it ends (body_append), so that the client
     * reads the 413 */
    const char *cl = MHD_lookup_connection_value(
        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *expect =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");
    unsigned long long clen = cl ? strtoull(cl, NULL, 10) : 0;
    if (cl && clen > srv->o.max_body &&
        (expect || clen - srv->o.max_body > DRAIN_MAX)) {
        send_error(conn, rq, MHD_HTTP_CONTENT_TOO_LARGE, NULL, NULL,
                   "the request body is larger than %zu bytes",
                   srv->o.max_body);
        return 1;
    }
    return 0;
}

/* ---- the request cycle */

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)conn;
    struct req *rq = calloc(1, sizeof *rq);
    if (!rq)
        return NULL;
    rq->srv = cls;
    clock_gettime(CLOCK_MONOTONIC, &rq->t0);
    if (!(rq->uri = strdup(uri ? uri : ""))) {
        free(rq);
        return NULL;
    }
    return rq;
}

static int
route_of(const char *uri)
{
    size_t n = strcspn(uri, "?#");
    static const struct {
        const char *path;
        int route;
    } routes[] = {{"/", R_PAGE},         {"/index.html", R_PAGE},
                  {"/sparql", R_SPARQL}, {"/sparql/", R_SPARQL},
                  {"/query", R_SPARQL},  {"/store", R_STORE},
                  {"/store/", R_STORE}};
    for (size_t i = 0; i < NOFFERS(routes); i++)
        if (strlen(routes[i].path) == n && !strncmp(uri, routes[i].path, n))
            return routes[i].route;
    /* a graph named by its URL (the Graph Store's direct identification) */
    return !strncmp(uri, "/store/", 7) ? R_STORE : R_NONE;
}

static int
body_append(struct req *rq, const char *data, size_t n, size_t max)
{
    if (rq->too_large)
        return 0;
    if (rq->len + n > max) {
        rq->too_large = 1;
        free(rq->body);
        rq->body = NULL;
        rq->len = rq->cap = 0;
        return 0;
    }
    return dg_buf_append(&rq->body, &rq->len, &rq->cap, 4096, data, n);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
           const char *method, const char *version, const char *upload,
           size_t *upload_size, void **con_cls)
{
    struct dg_server *srv = cls;
    struct req *rq = *con_cls;
    (void)url;
    (void)version;
    if (!rq)
        return MHD_NO; /* out of memory in on_uri */
    if (!rq->started) {
        rq->started = 1;
        snprintf(rq->method, sizeof rq->method, "%s", method);
        rq->route = route_of(rq->uri);
        if (precheck(conn, rq, method))
            return rq->responded ? MHD_YES : MHD_NO;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!rq->responded &&
            body_append(rq, upload, *upload_size, srv->o.max_body) < 0)
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    if (rq->responded)
        return MHD_YES;
    if (rq->too_large)
        return send_error(conn, rq, MHD_HTTP_CONTENT_TOO_LARGE, NULL, NULL,
                          "the request body is larger than %zu bytes",
                          srv->o.max_body);
    if (!rq->body && body_append(rq, "", 0, srv->o.max_body) < 0)
        return MHD_NO;

    if (rq->route == R_PAGE)
        return send_response(conn, rq, MHD_HTTP_OK, "text/html; charset=utf-8",
                             (char *)page_html, sizeof page_html - 1,
                             MHD_RESPMEM_PERSISTENT, NULL, NULL);
    struct params p = {0, {NULL}, {NULL}};
    const char *qs = strchr(rq->uri, '?');
    enum MHD_Result r;
    if (qs && params_parse(&p, qs + 1, strcspn(qs + 1, "#"), rq->msg,
                           sizeof rq->msg) < 0)
        r = send_error(conn, rq, MHD_HTTP_BAD_REQUEST, NULL, NULL, "%s",
                       rq->msg);
    else if (rq->route == R_SPARQL)
        r = serve_sparql(conn, rq, &p, method);
    else
        r = serve_store(conn, rq, &p, method);
    params_free(&p);
    return r;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct dg_server *srv = cls;
    struct req *rq = *con_cls;
    (void)toe;
    if (!rq)
        return;
    if (srv->o.log) {
        char peer[64] = "-", line[LOG_URI_MAX + 512], uri[LOG_URI_MAX + 4];
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        struct timespec t1;
        if (ci && ci->client_addr)
            getnameinfo(ci->client_addr,
                        ci->client_addr->sa_family == AF_INET6
                            ? sizeof(struct sockaddr_in6)
                            : sizeof(struct sockaddr_in),
                        peer, sizeof peer, NULL, 0, NI_NUMERICHOST);
        log_uri(rq, uri, sizeof uri);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long ms = (t1.tv_sec - rq->t0.tv_sec) * 1000L +
                  (t1.tv_nsec - rq->t0.tv_nsec) / 1000000L;
        snprintf(line, sizeof line, "%s %s %s %d %zu bytes %ld ms%s%s%s", peer,
                 rq->method[0] ? rq->method : "-", uri, rq->status, rq->bytes,
                 ms, rq->msg[0] ? " (" : "", rq->msg, rq->msg[0] ? ")" : "");
        srv->o.log(srv->o.log_ctx, line);
    }
    free(rq->body);
    free(rq->uri);
    free(rq);
    *con_cls = NULL;
}

/* ---- start and stop */

static char *
base64(const char *s)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(s);
    char *out = malloc(4 * ((n + 2) / 3) + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)(unsigned char)s[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)(unsigned char)s[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)s[i + 2];
        *o++ = tab[v >> 18 & 63];
        *o++ = tab[v >> 12 & 63];
        *o++ = i + 1 < n ? tab[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? tab[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

/* Opens a listening socket on bind ("ADDR:PORT", "[ADDR6]:PORT") and
 * fills url.  Returns the socket, or -1 with err set. */
static int
listen_on(const char *bind_addr, char *url, size_t size, struct dg_error *err)
{
    char host[256], port[16];
    const char *colon = strrchr(bind_addr, ':');
    const char *h = bind_addr;
    size_t hl = colon ? (size_t)(colon - bind_addr) : 0;
    if (!colon || !colon[1] || strlen(colon + 1) >= sizeof port ||
        strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
        atol(colon + 1) > 65535 || hl == 0 || hl >= sizeof host)
        return dg_error_set(err, DG_ERR_USAGE,
                            "bad bind address '%s': expected ADDR:PORT",
                            bind_addr);
    if (h[0] == '[' && hl >= 2 && h[hl - 1] == ']') {
        h++;
        hl -= 2;
    }
    snprintf(host, sizeof host, "%.*s", (int)hl, h);
    snprintf(port, sizeof port, "%s", colon + 1);

    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0)
        return dg_error_set(err, DG_ERR_USAGE, "bad bind address '%s': %s",
                            bind_addr, gai_strerror(gai));
    int fd = -1, saved = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 64) == 0)
            break;
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0)
        return dg_error_set(err, DG_ERR_IO, "cannot listen on '%s': %s",
                            bind_addr, strerror(saved));
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char nh[64] = "?", np[16] = "?";
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        getnameinfo((struct sockaddr *)&ss, sl, nh, sizeof nh, np, sizeof np,
                    NI_NUMERICHOST | NI_NUMERICSERV);
    snprintf(url, size,
             ss.ss_family == AF_INET6 ? "http://[%s]:%s/" : "http://%s:%s/", nh,
             np);
    return fd;
}

struct dg_server *
dg_server_start(struct dg_store *st, const struct dg_server_opts *opts,
                struct dg_error *err)
{
    struct dg_server *srv = calloc(1, sizeof *srv);
    int fd = -1;
    if (!srv) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    srv->st = st;
    srv->shared_reads = dg_store_concurrent_reads(st);
    srv->o = *opts;
    srv->o.bearer_token = srv->o.basic_auth = NULL; /* copied below */
    pthread_mutex_init(&srv->wlock, NULL);
    if (!srv->o.bind)
        srv->o.bind = DG_SERVER_DEFAULT_BIND;
    if (!srv->o.threads)
        srv->o.threads = DG_SERVER_DEFAULT_THREADS;
    if (!srv->o.connections)
        srv->o.connections = DEFAULT_CONNECTIONS;
    if ((opts->bearer_token && !(srv->bearer = strdup(opts->bearer_token))) ||
        (opts->basic_auth && !(srv->basic = base64(opts->basic_auth)))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (sem_init(&srv->slots, 0, srv->o.threads) != 0) {
        dg_error_set(err, DG_ERR_IO, "cannot make a semaphore: %s",
                     strerror(errno));
        goto fail;
    }
    srv->slots_ready = 1;
    if ((fd = listen_on(srv->o.bind, srv->url, sizeof srv->url, err)) < 0)
        goto fail;
    srv->o.bind = NULL; /* borrowed: not kept */
    /* a thread per connection: a request never waits behind another one
     * that its worker is busy with (as in a pool); the slots bound how
     * many queries compute at once */
    srv->daemon = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, NULL,
        NULL, on_request, srv, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_CONNECTION_LIMIT, srv->o.connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, srv, MHD_OPTION_END);
    if (!srv->daemon) {
        close(fd);
        dg_error_set(err, DG_ERR_IO, "cannot start the http server on '%s'",
                     srv->url);
        goto fail;
    }
    return srv;
fail:
    dg_server_stop(srv);
    return NULL;
}

const char *
dg_server_url(const struct dg_server *srv)
{
    return srv->url;
}

void
dg_server_stop(struct dg_server *srv)
{
    if (!srv)
        return;
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    pthread_mutex_destroy(&srv->wlock);
    if (srv->slots_ready)
        sem_destroy(&srv->slots);
    dg_file_free_secret(srv->bearer);
    dg_file_free_secret(srv->basic);
    free(srv);
}
