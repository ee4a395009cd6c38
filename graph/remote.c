/* remote.c: pushing graphs to, and querying, another SPARQL server over
 * HTTP with libcurl (see remote.h). */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/ns.h"
#include "common/output.h"
#include "graph/remote.h"
#include "graph/store/store.h"

/* the graph every diplograph store holds the ontology in (not pushed) */
#define CONNECT_TIMEOUT_MS 10000L
#define MAX_BACKOFF_MS 10000L
#define MAX_ANSWER_BYTES (1024UL * 1024 * 1024)
#define MAX_REDIRECTS 5

struct dg_remote {
    CURL *curl;              /* owned */
    char *auth_header;       /* owned "Authorization: Bearer ..." or NULL */
    char *userpwd;           /* owned "USER:PASSWORD" or NULL */
    struct dg_remote_opts o; /* o.auth not kept */
};

/* a growing byte buffer, always NUL-terminated once allocated */
struct buf {
    char *p;
    size_t len, cap;
    int overflow;
    size_t max; /* the most bytes taken (0: MAX_ANSWER_BYTES) */
};

static int
buf_add(struct buf *b, const char *data, size_t n)
{
    return dg_buf_append(&b->p, &b->len, &b->cap, 4096, data, n);
}

static size_t
on_write(char *data, size_t size, size_t n, void *ud)
{
    struct buf *b = ud;
    if (b->len + size * n > (b->max ? b->max : MAX_ANSWER_BYTES)) {
        b->overflow = 1;
        return 0;
    }
    return buf_add(b, data, size * n) < 0 ? 0 : size * n;
}

struct dg_remote *
dg_remote_new(const struct dg_remote_opts *opts, struct dg_error *err)
{
    struct dg_remote *rm = calloc(1, sizeof *rm);
    if (!rm) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    rm->o = *opts;
    rm->o.auth = NULL;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
        !(rm->curl = curl_easy_init())) {
        free(rm);
        dg_error_set(err, DG_ERR_INTERNAL, "cannot start libcurl");
        return NULL;
    }
    if (opts->auth && !strncasecmp(opts->auth, "Bearer ", 7)) {
        size_t n = strlen(opts->auth) + sizeof "Authorization: ";
        if ((rm->auth_header = malloc(n)))
            snprintf(rm->auth_header, n, "Authorization: %s", opts->auth);
    } else if (opts->auth) {
        rm->userpwd = strdup(opts->auth);
    }
    if (opts->auth && !rm->auth_header && !rm->userpwd) {
        dg_remote_free(rm);
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    return rm;
}

void
dg_remote_free(struct dg_remote *rm)
{
    if (!rm)
        return;
    curl_easy_cleanup(rm->curl);
    curl_global_cleanup();
    dg_file_free_secret(rm->auth_header);
    dg_file_free_secret(rm->userpwd);
    free(rm);
}

char *
dg_remote_graph_url(const char *store_url, const char *graph_iri)
{
    char *enc = curl_easy_escape(NULL, graph_iri, 0);
    if (!enc)
        return NULL;
    size_t n = strlen(store_url) + strlen(enc) + sizeof "&graph=";
    char *url = malloc(n);
    if (url)
        snprintf(url, n, "%s%sgraph=%s", store_url,
                 strchr(store_url, '?') ? "&" : "?", enc);
    curl_free(enc);
    return url;
}

/* 1 when a failed request may succeed later */
static int
transient_code(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE: return 1;
    default: return 0;
    }
}

static int
transient_status(long status)
{
    return status == 408 || status == 429 ||
           (status >= 500 && status != 501 && status != 505);
}

static void
sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* the first line of an answer, at most 120 bytes, for messages */
static void
first_line(const struct buf *b, char *out, size_t size)
{
    size_t n = 0;
    const char *p = b->p ? b->p : "";
    while (p[n] && p[n] != '\n' && p[n] != '\r' && n < 120)
        n++;
    snprintf(out, size, "%.*s", (int)n, p);
}

/* Sends one request (method "PUT", "POST" or "GET") to url, retrying
 * transient failures; the answer goes to *out (caller frees out->p; at
 * most out->max bytes).  A GET follows up to MAX_REDIRECTS redirects and
 * sends no body (ctype NULL).  Messages name name (the url, or a shorter
 * one). */
static int
perform(struct dg_remote *rm, const char *method, const char *url,
        const char *name, const char *ctype, const char *accept,
        const char *body, size_t len, struct buf *out, long *status,
        struct dg_error *err)
{
    char ctype_h[128], accept_h[512], errbuf[CURL_ERROR_SIZE];
    struct curl_slist *hdrs = NULL, *h;
    long delay = rm->o.backoff_ms > 0 ? rm->o.backoff_ms : 0;
    int rc = -1;

    int get = !strcmp(method, "GET");
    snprintf(ctype_h, sizeof ctype_h, "Content-Type: %s", ctype ? ctype : "");
    snprintf(accept_h, sizeof accept_h, "Accept: %s", accept ? accept : "*/*");
    if ((ctype && (!(h = curl_slist_append(hdrs, ctype_h)) || !(hdrs = h))) ||
        !(h = curl_slist_append(hdrs, accept_h)) || !(hdrs = h) ||
        !(h = curl_slist_append(hdrs, "Expect:")) || !(hdrs = h) ||
        (rm->auth_header &&
         (!(h = curl_slist_append(hdrs, rm->auth_header)) || !(hdrs = h)))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (int attempt = 0;; attempt++) {
        CURL *c = rm->curl;
        CURLcode cc;
        out->len = 0;
        out->overflow = 0;
        if (out->p)
            out->p[0] = '\0';
        errbuf[0] = '\0';
        *status = 0;
        curl_easy_reset(c); /* keeps the connections */
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        if (get) {
            curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
            curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
            curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
            curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
            curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
            if (out->max)
                curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                                 (curl_off_t)out->max);
        } else {
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        }
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_TIMEOUT_MS);
        if (rm->o.timeout_ms > 0)
            curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, rm->o.timeout_ms);
        if (rm->userpwd) {
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
            curl_easy_setopt(c, CURLOPT_USERPWD, rm->userpwd);
        }
        cc = curl_easy_perform(c);
        if (cc == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
        int again =
            cc == CURLE_OK ? transient_status(*status) : transient_code(cc);
        if (cc == CURLE_OK && *status >= 200 && *status < 300) {
            rc = 0;
            goto out;
        }
        if (!again || attempt >= rm->o.retries) {
            char line[128], who[1100];
            const char *tries = attempt ? " tries" : " try";
            unsigned long max =
                out->max ? (unsigned long)out->max : MAX_ANSWER_BYTES;
            /* a GET (a page to read) names no URL: the caller does */
            if (get)
                snprintf(who, sizeof who, "the server");
            else
                snprintf(who, sizeof who, "'%s'", name);
            if (out->overflow || cc == CURLE_FILESIZE_EXCEEDED) {
                dg_error_set(err, DG_ERR_IO, "the answer of %s is over %lu %s",
                             who, max >= 1048576 ? max / 1048576 : max,
                             max >= 1048576 ? "MiB" : "bytes");
            } else if (cc == CURLE_TOO_MANY_REDIRECTS) {
                dg_error_set(err, DG_ERR_IO, "more than %d redirects",
                             MAX_REDIRECTS);
            } else if (cc != CURLE_OK) {
                dg_error_set(err, DG_ERR_IO, "cannot reach %s: %s (%d%s)", who,
                             errbuf[0] ? errbuf : curl_easy_strerror(cc),
                             attempt + 1, tries);
            } else {
                first_line(out, line, sizeof line);
                if (get) /* the page of an error: no words worth quoting */
                    line[0] = '\0';
                dg_error_set(err, DG_ERR_IO, "%s answered %ld%s%s (%d%s)", who,
                             *status, line[0] ? ": " : "", line, attempt + 1,
                             tries);
            }
            goto out;
        }
        sleep_ms(delay);
        delay = delay * 2 > MAX_BACKOFF_MS ? MAX_BACKOFF_MS : delay * 2;
    }
out:
    curl_slist_free_all(hdrs);
    return rc;
}

static int
put_named(struct dg_remote *rm, const char *url, const char *name,
          const char *ctype, const char *body, size_t len, long *status,
          struct dg_error *err)
{
    struct buf b = {NULL, 0, 0, 0, 0};
    long st = 0;
    int rc =
        perform(rm, "PUT", url, name, ctype, NULL, body, len, &b, &st, err);
    if (status)
        *status = st;
    free(b.p);
    return rc;
}

int
dg_remote_put(struct dg_remote *rm, const char *url, const char *ctype,
              const char *body, size_t len, long *status, struct dg_error *err)
{
    return put_named(rm, url, url, ctype, body, len, status, err);
}

char *
dg_remote_query(struct dg_remote *rm, const char *url, const char *query,
                const char *accept, size_t *len, struct dg_error *err)
{
    struct buf b = {NULL, 0, 0, 0, 0};
    long st = 0;
    char *enc = curl_easy_escape(NULL, query, 0), *form = NULL;
    size_t n = enc ? strlen(enc) + sizeof "query=" : 0;
    if (!enc || !(form = malloc(n))) {
        curl_free(enc);
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(form, n, "query=%s", enc);
    curl_free(enc);
    int rc = perform(rm, "POST", url, url, "application/x-www-form-urlencoded",
                     accept, form, n - 1, &b, &st, err);
    free(form);
    if (rc < 0) {
        free(b.p);
        return NULL;
    }
    if (!b.p && buf_add(&b, "", 0) < 0) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    *len = b.len;
    return b.p;
}

int
dg_remote_fetch(struct dg_remote *rm, const char *url, size_t max_bytes,
                struct dg_remote_page *page, struct dg_error *err)
{
    struct buf b = {NULL, 0, 0, 0, max_bytes};
    long st = 0;
    char *ct = NULL, *eff = NULL;

    *page = (struct dg_remote_page){NULL, 0, NULL, NULL, 0};
    if (perform(rm, "GET", url, url, NULL, NULL, NULL, 0, &b, &st, err) < 0)
        goto fail;
    curl_easy_getinfo(rm->curl, CURLINFO_CONTENT_TYPE, &ct);
    curl_easy_getinfo(rm->curl, CURLINFO_EFFECTIVE_URL, &eff);
    if ((!b.p && buf_add(&b, "", 0) < 0) ||
        !(page->url = strdup(eff ? eff : url)) ||
        (ct && !(page->ctype = strdup(ct)))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto fail;
    }
    page->body = b.p;
    page->len = b.len;
    page->status = st;
    return 0;
fail:
    free(b.p);
    dg_remote_page_release(page);
    return -1;
}

void
dg_remote_page_release(struct dg_remote_page *page)
{
    if (!page)
        return;
    free(page->body);
    free(page->ctype);
    free(page->url);
    *page = (struct dg_remote_page){NULL, 0, NULL, NULL, 0};
}

int
dg_remote_is_url(const char *s)
{
    return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

/* ---- answers parsed back into results */

#define XSD "http://www.w3.org/2001/XMLSchema#"

static int
hexval(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* appends code point cp as UTF-8 */
static int
put_utf8(struct buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else if (cp < 0x110000) {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    } else {
        return -1;
    }
    return buf_add(b, u, n);
}

/* Parses one RDF term in Turtle/N-Triples form at *pp, up to end, into t
 * and moves *pp past it.  -1 when it is not a term (or out of memory). */
static int
parse_term(const char **pp, const char *end, struct dg_term *t)
{
    const char *p = *pp, *q;
    struct buf b = {NULL, 0, 0, 0, 0};
    int rc = -1;

    if (p >= end)
        return -1;
    if (*p == '<') {
        for (q = p + 1; q < end && *q != '>'; q++)
            ;
        if (q >= end || buf_add(&b, p + 1, (size_t)(q - p - 1)) < 0)
            goto out;
        rc = dg_term_set(t, DG_TERM_IRI, b.p, NULL, NULL);
        *pp = q + 1;
    } else if (*p == '_' && p + 1 < end && p[1] == ':') {
        for (q = p + 2; q < end && *q != '\t' && *q != ' '; q++)
            ;
        if (q == p + 2 || buf_add(&b, p + 2, (size_t)(q - p - 2)) < 0)
            goto out;
        rc = dg_term_set(t, DG_TERM_BLANK, b.p, NULL, NULL);
        *pp = q;
    } else if (*p == '"') {
        char lang[64] = "", *dt = NULL;
        for (q = p + 1; q < end && *q != '"'; q++) {
            const char *esc = "t\tn\nr\rb\bf\f\"\"''\\\\";
            const char *e;
            if (*q != '\\') {
                if (buf_add(&b, q, 1) < 0)
                    goto out;
                continue;
            }
            if (++q >= end)
                goto out;
            if (*q == 'u' || *q == 'U') {
                int n = *q == 'u' ? 4 : 8;
                unsigned long cp = 0;
                for (int i = 1; i <= n; i++) {
                    if (q + i >= end || hexval(q[i]) < 0)
                        goto out;
                    cp = cp * 16 + (unsigned long)hexval(q[i]);
                }
                if (put_utf8(&b, cp) < 0)
                    goto out;
                q += n;
                continue;
            }
            for (e = esc; *e && *e != *q; e += 2)
                ;
            if (!*e || buf_add(&b, e + 1, 1) < 0)
                goto out;
        }
        if (q >= end || (!b.p && buf_add(&b, "", 0) < 0))
            goto out;
        q++;
        if (q < end && *q == '@') {
            const char *l = ++q;
            while (q < end && *q != '\t' && *q != ' ')
                q++;
            if (q == l || (size_t)(q - l) >= sizeof lang)
                goto out;
            memcpy(lang, l, (size_t)(q - l));
            lang[q - l] = '\0';
        } else if (q + 2 < end && q[0] == '^' && q[1] == '^' && q[2] == '<') {
            const char *d = q + 3;
            for (q = d; q < end && *q != '>'; q++)
                ;
            if (q >= end || !(dt = strndup(d, (size_t)(q - d))))
                goto out;
            q++;
        }
        rc = dg_term_set(t, DG_TERM_LITERAL, b.p, dt, lang[0] ? lang : NULL);
        free(dt);
        *pp = q;
    } else { /* Turtle's bare numbers and booleans */
        const char *dt = XSD "integer";
        for (q = p; q < end && *q != '\t' && *q != ' '; q++) {
            if (*q == '.' && strcmp(dt, XSD "double"))
                dt = XSD "decimal";
            else if (*q == 'e' || *q == 'E')
                dt = XSD "double";
            else if (!strchr("0123456789+-", *q))
                dt = NULL;
        }
        if (q - p == 4 && !strncmp(p, "true", 4))
            dt = XSD "boolean";
        if (q - p == 5 && !strncmp(p, "false", 5))
            dt = XSD "boolean";
        if (!dt || q == p || buf_add(&b, p, (size_t)(q - p)) < 0)
            goto out;
        rc = dg_term_set(t, DG_TERM_LITERAL, b.p, dt, NULL);
        *pp = q;
    }
out:
    free(b.p);
    return rc;
}

struct dg_results *
dg_remote_parse_answer(const char *text, size_t len, struct dg_error *err)
{
    const char *p = text, *end = text + len;
    struct dg_results *r = NULL;
    size_t lineno = 0;
    int graph = 0;

    if (len >= 4 && (!strncmp(text, "true", 4) || !strncmp(text, "false", 5)) &&
        strspn(text + (text[0] == 't' ? 4 : 5), "\r\n") ==
            len - (text[0] == 't' ? 4 : 5)) {
        if (!(r = dg_results_new(DG_RESULTS_BOOLEAN)))
            goto nomem;
        r->boolean = text[0] == 't';
        return r;
    }
    graph = len > 0 && *text != '?';
    if (!(r = dg_results_new(graph ? DG_RESULTS_GRAPH : DG_RESULTS_BINDINGS)))
        goto nomem;
    if (graph && (dg_results_add_var(r, "subject") < 0 ||
                  dg_results_add_var(r, "predicate") < 0 ||
                  dg_results_add_var(r, "object") < 0))
        goto nomem;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p;
        if (!eol)
            eol = end;
        const char *stop = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        lineno++;
        if (!graph && lineno == 1) { /* ?a TAB ?b */
            while (q < stop) {
                const char *v = q + 1, *e = v;
                while (e < stop && *e != '\t')
                    e++;
                char *name = *q == '?' ? strndup(v, (size_t)(e - v)) : NULL;
                if (!name || dg_results_add_var(r, name) < 0) {
                    free(name);
                    goto bad;
                }
                free(name);
                q = e < stop ? e + 1 : e;
            }
        } else if (stop > p) {
            struct dg_term *row = dg_results_add_row(r);
            if (!row)
                goto nomem;
            for (size_t col = 0; col < r->nvars; col++) {
                if (graph)
                    while (q < stop && *q == ' ')
                        q++;
                if (!(graph || q >= stop || *q == '\t') &&
                    parse_term(&q, stop, &row[col]) < 0)
                    goto bad;
                if (graph && parse_term(&q, stop, &row[col]) < 0)
                    goto bad;
                if (!graph && col + 1 < r->nvars) {
                    if (q >= stop || *q != '\t')
                        goto bad;
                    q++;
                }
            }
            while (graph && q < stop && (*q == ' ' || *q == '.'))
                q++;
            if (q != stop)
                goto bad;
        }
        p = eol < end ? eol + 1 : end;
    }
    return r;
bad:
    dg_results_free(r);
    dg_error_set(err, DG_ERR_INPUT,
                 "the answer is not SPARQL results TSV nor N-Triples (line "
                 "%zu)",
                 lineno);
    return NULL;
nomem:
    dg_results_free(r);
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    return NULL;
}

int
dg_remote_fetch_labels(struct dg_remote *rm, const char *url,
                       const struct dg_results *r, size_t max_iris,
                       struct dg_store *st, struct dg_error *err)
{
    struct buf q = {NULL, 0, 0, 0, 0};
    size_t n = 0, cells = r->nrows * r->nvars, len = 0;
    char *answer = NULL;
    int rc = -1;
    static const char head[] =
        "CONSTRUCT { ?x ?p ?o } WHERE { VALUES ?p { <" DG_NS_RDF
        "type> <" DG_NS_SCHEMA "name> <" DG_NS_RDFS "label> <" DG_NS_SKOS
        "prefLabel> <" DG_NS "iso3> <" DG_NS_SCHEMA "startDate> } VALUES ?x {";

    if (buf_add(&q, head, sizeof head - 1) < 0)
        goto nomem;
    for (size_t i = 0; i < cells && (!max_iris || n < max_iris); i++) {
        const struct dg_term *t = &r->cells[i];
        /* an IRI with '>' or a space cannot be written between <>: skip */
        if (t->type != DG_TERM_IRI || strpbrk(t->value, "<>\" {}|^`\\ "))
            continue;
        if (buf_add(&q, " <", 2) < 0 ||
            buf_add(&q, t->value, strlen(t->value)) < 0 ||
            buf_add(&q, ">", 1) < 0)
            goto nomem;
        n++;
    }
    if (!n) {
        rc = 0;
        goto out;
    }
    if (buf_add(&q, " } ?x ?p ?o }", 13) < 0)
        goto nomem;
    if (!(answer = dg_remote_query(rm, url, q.p, "application/n-triples", &len,
                                   err)))
        goto out;
    rc = dg_store_load_buffer(st, answer, len, url, "ntriples",
                              DG_STORE_DEFAULT_GRAPH, url, 0, NULL, err);
    goto out;
nomem:
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
out:
    free(answer);
    free(q.p);
    return rc;
}

/* ---- push */

struct state_entry {
    char *graph; /* owned */
    char hash[2 * SHA256_DIGEST_SIZE + 1];
};

struct state {
    struct buf others; /* lines of other URLs, kept as they were */
    struct state_entry *e;
    size_t n, cap;
};

static int
entry_cmp(const void *a, const void *b)
{
    return strcmp(((const struct state_entry *)a)->graph,
                  ((const struct state_entry *)b)->graph);
}

static int
state_add(struct state *s, const char *graph, const char *hash)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        struct state_entry *e = realloc(s->e, cap * sizeof *e);
        if (!e)
            return -1;
        s->e = e;
        s->cap = cap;
    }
    if (!(s->e[s->n].graph = strdup(graph)))
        return -1;
    snprintf(s->e[s->n].hash, sizeof s->e[s->n].hash, "%s", hash);
    s->n++;
    return 0;
}

static void
state_release(struct state *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->e[i].graph);
    free(s->e);
    free(s->others.p);
    memset(s, 0, sizeof *s);
}

/* the recorded hash of graph, or NULL (s->e sorted) */
static const char *
state_find(const struct state *s, const char *graph)
{
    struct state_entry key = {(char *)graph, ""};
    const struct state_entry *e =
        s->n ? bsearch(&key, s->e, s->n, sizeof *s->e, entry_cmp) : NULL;
    return e ? e->hash : NULL;
}

/* Reads the state file: the lines of url into s->e (sorted), the others
 * into s->others.  A missing file is an empty state. */
static int
state_load(struct state *s, const char *path, const char *url,
           struct dg_error *err)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    size_t ulen = strlen(url), lineno = 0;
    int rc = -1;

    if (!fp) {
        if (errno == ENOENT)
            return 0;
        return dg_error_set(err, DG_ERR_IO, "cannot read '%s': %s", path,
                            strerror(errno));
    }
    while ((n = getline(&line, &cap, fp)) > 0) {
        lineno++;
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || strchr(t2 + 1, '\t') ||
            strlen(t2 + 1) != 2 * SHA256_DIGEST_SIZE) {
            dg_error_set(err, DG_ERR_INPUT,
                         "'%s' line %zu: not URL, graph and hash "
                         "(remove the file to send every graph again)",
                         path, lineno);
            goto out;
        }
        if ((size_t)(t1 - line) == ulen && !strncmp(line, url, ulen)) {
            *t2 = '\0';
            if (state_add(s, t1 + 1, t2 + 1) < 0)
                goto nomem;
        } else {
            line[n] = '\n';
            if (buf_add(&s->others, line, (size_t)n + 1) < 0)
                goto nomem;
        }
    }
    if (ferror(fp)) {
        dg_error_set(err, DG_ERR_IO, "cannot read '%s': %s", path,
                     strerror(errno));
        goto out;
    }
    if (s->n)
        qsort(s->e, s->n, sizeof *s->e, entry_cmp);
    rc = 0;
    goto out;
nomem:
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
out:
    free(line);
    fclose(fp);
    return rc;
}

/* Writes the other URLs' lines, then those of url (atomically). */
static int
state_save(const struct state *s, const char *path, const char *url,
           struct dg_error *err)
{
    struct dg_output o;
    FILE *fp = dg_output_open(&o, path, err);
    if (!fp)
        return -1;
    if (s->others.len)
        fwrite(s->others.p, 1, s->others.len, fp);
    for (size_t i = 0; i < s->n; i++)
        fprintf(fp, "%s\t%s\t%s\n", url, s->e[i].graph, s->e[i].hash);
    return dg_output_finish(&o, ferror(fp) ? -1 : 0, err);
}

static int
line_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The graph as sorted N-Triples (*text, caller frees; *len bytes), its
 * SHA-256 in hex, and its number of triples. */
static int
graph_text(struct dg_store *st, const char *graph, char **text, size_t *len,
           char hash[2 * SHA256_DIGEST_SIZE + 1], size_t *triples,
           struct dg_error *err)
{
    char *raw = NULL, **lines = NULL, *sorted = NULL;
    size_t rawlen = 0, n = 0, cap = 0, written = 0;
    FILE *fp = open_memstream(&raw, &rawlen);
    int rc = -1;

    if (!fp)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    if (dg_store_export(st, "ntriples", graph, fp, &written, err) < 0) {
        fclose(fp);
        goto out;
    }
    if (fclose(fp) != 0 || !raw) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    /* N-Triples escapes newlines in literals: one statement a line */
    for (char *p = raw, *nl; *p; p = nl + 1) {
        if (!(nl = strchr(p, '\n')))
            nl = p + strlen(p) - 1; /* a last line without newline */
        else
            *nl = '\0';
        if (!*p)
            continue;
        if (n == cap) {
            char **l = realloc(lines, (cap = cap ? 2 * cap : 256) * sizeof *l);
            if (!l) {
                dg_error_set(err, DG_ERR_NOMEM, "out of memory");
                goto out;
            }
            lines = l;
        }
        lines[n++] = p;
        if (!nl[1])
            break;
    }
    if (n)
        qsort(lines, n, sizeof *lines, line_cmp);
    if (!(sorted = malloc(rawlen + 2))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(lines[i]);
        memcpy(sorted + off, lines[i], l);
        off += l;
        sorted[off++] = '\n';
    }
    sorted[off] = '\0';

    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, off, (const uint8_t *)sorted);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hash + 2 * i, 3, "%02x", digest[i]);
    *text = sorted;
    *len = off;
    *triples = n;
    sorted = NULL;
    rc = 0;
out:
    free(sorted);
    free(lines);
    free(raw);
    return rc;
}

/* the named graphs of st but the ontology's, as one-column results */
static struct dg_results *
list_graphs(struct dg_store *st, struct dg_error *err)
{
    return dg_store_query(st,
                          "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER(?g != <" DG_ONTOLOGY_GRAPH ">) } ORDER BY ?g",
                          err);
}

/* After a failure at graph i: the graphs from i on keep the hashes
 * recorded before (the server still has what was sent then).  Out of
 * memory here only makes a later push send more. */
static void
keep_rest(struct state *now, const struct state *old,
          const struct dg_results *graphs, size_t i)
{
    for (; i < graphs->nrows; i++) {
        const struct dg_term *r = dg_results_cell(graphs, i, 0);
        const char *h = r->value ? state_find(old, r->value) : NULL;
        if (h && state_add(now, r->value, h) < 0)
            return;
    }
}

int
dg_remote_push(struct dg_remote *rm, struct dg_store *st,
               const struct dg_push_opts *opts, struct dg_push_stats *stats,
               struct dg_error *err)
{
    struct state old, now;
    struct dg_push_stats sum;
    struct dg_results *graphs = NULL;
    int rc = -1, loaded = 0;

    memset(&old, 0, sizeof old);
    memset(&now, 0, sizeof now);
    memset(&sum, 0, sizeof sum);
    if (opts->state_path &&
        state_load(&old, opts->state_path, opts->store_url, err) < 0)
        goto out;
    loaded = 1;
    if (!(graphs = list_graphs(st, err)))
        goto out;
    sum.graphs = graphs->nrows;
    for (size_t i = 0; i < graphs->nrows; i++) {
        const struct dg_term *g = dg_results_cell(graphs, i, 0);
        char hash[2 * SHA256_DIGEST_SIZE + 1], *text = NULL, *url = NULL;
        size_t len = 0, triples = 0;
        long status = 0;
        const char *was;
        int what;
        struct dg_error e2 = {0, ""};

        if (g->type != DG_TERM_IRI)
            continue;
        was = state_find(&old, g->value);
        if (graph_text(st, g->value, &text, &len, hash, &triples, err) < 0) {
            keep_rest(&now, &old, graphs, i);
            goto out;
        }
        if (!opts->all && was && !strcmp(was, hash)) {
            what = DG_PUSH_UNCHANGED;
            sum.unchanged++;
        } else if (!(url = dg_remote_graph_url(opts->store_url, g->value))) {
            free(text);
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            goto out;
        } else if (put_named(rm, url, opts->store_url, "application/n-triples",
                             text, len, &status, &e2) < 0) {
            dg_error_set(err, e2.code, "cannot push '%s': %s", g->value,
                         e2.msg);
            free(url);
            free(text);
            keep_rest(&now, &old, graphs, i);
            goto out;
        } else {
            what = status == 201 ? DG_PUSH_CREATED : DG_PUSH_REPLACED;
            if (status == 201)
                sum.created++;
            else
                sum.replaced++;
            sum.triples += triples;
        }
        free(url);
        free(text);
        if (state_add(&now, g->value, hash) < 0) {
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            goto out;
        }
        if (opts->progress)
            opts->progress(opts->ctx, g->value, what, triples);
    }
    rc = 0;
out:
    if (loaded && opts->state_path) {
        /* the graphs sent are recorded, also after a failure */
        struct dg_error e2 = {0, ""};
        now.others = old.others;
        old.others.p = NULL;
        if (now.n)
            qsort(now.e, now.n, sizeof *now.e, entry_cmp);
        if (state_save(&now, opts->state_path, opts->store_url, &e2) < 0 &&
            rc == 0) {
            if (err)
                *err = e2;
            rc = -1;
        }
    }
    if (stats)
        *stats = sum;
    state_release(&old);
    state_release(&now);
    dg_results_free(graphs);
    return rc;
}
