/* parse.c: SPARQL 1.1 query text to the algebra; see parse.h.
 *
 * A recursive-descent parser over the tokens of lex.c, one function per
 * production of the grammar (section 19.8), that builds the algebra as it
 * goes (section 18.2): a group graph pattern is translated while its
 * elements are read, the solution modifiers once the query is read. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/sparql/lex.h"
#include "graph/sparql/parse.h"

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* ---- parser state -------------------------------------------------- */

struct prefix {
    char *name, *iri;
};

struct blabel {
    char *label;
    int var;
    int bgp; /* the basic graph pattern that uses it */
};

/* the aggregates of one (sub)query */
struct aggctx {
    struct dg_aggregate *aggs;
    size_t naggs, cap;
    int allowed; /* in SELECT, HAVING, ORDER BY */
    int inside;  /* in an aggregate's argument */
};

struct parser {
    struct dg_lex lx;
    struct dg_token tok;  /* the current token */
    struct dg_token next; /* lookahead, when has_next */
    int has_next;
    struct dg_error *err;
    struct dg_query *q;
    char *base;
    struct prefix *prefixes;
    size_t nprefixes;
    struct blabel *labels;
    size_t nlabels;
    int bgp;          /* id of the basic graph pattern being read */
    int nbgp;         /* ids given */
    int nhidden;      /* hidden variables made (_b, _p, _agg) */
    int ntemplate_bn; /* template blank nodes made */
    int in_template;  /* reading a CONSTRUCT template */
    struct aggctx *agg;
    struct dg_pattern *group_filter; /* FILTER node made by the last group */
    unsigned char *hidden;           /* per variable: 1 for a hidden one */
    int depth;                       /* brackets open at the current token */
};

/* Every recursion of the grammar opens a bracket, so bounding how deep
 * brackets nest bounds the parser's (and the evaluator's) stack. */
#define MAX_NESTING 256

/* the triples and paths of a triples block */
struct sink {
    struct dg_tpat *t;
    size_t n, cap;
    struct dg_pattern **paths;
    size_t npaths, cappaths;
};

static struct dg_pattern *parse_group(struct parser *P);
static struct dg_expr *parse_expr(struct parser *P);
static int parse_graph_node(struct parser *P, struct sink *k,
                            struct dg_pnode *out, int paths);
static struct dg_path *parse_path(struct parser *P);
static int parse_property_list(struct parser *P, struct sink *k,
                               const struct dg_pnode *s, int paths);

/* ---- errors and tokens --------------------------------------------- */

__attribute__((format(printf, 4, 5))) static int
perr_at(struct parser *P, int line, int col, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return dg_error_set(P->err, DG_ERR_QUERY, "line %d, column %d: %s", line,
                        col, msg);
}

static int
nomem(struct parser *P)
{
    return dg_error_set(P->err, DG_ERR_NOMEM, "out of memory");
}

static int
advance(struct parser *P)
{
    if (P->has_next) {
        dg_token_clear(&P->tok);
        P->tok = P->next;
        memset(&P->next, 0, sizeof P->next);
        P->has_next = 0;
    } else if (dg_lex_next(&P->lx, &P->tok, P->err)) {
        return -1;
    }
    switch (P->tok.type) {
    case DG_T_LBRACE:
    case DG_T_LPAREN:
    case DG_T_LBRACKET:
        if (++P->depth > MAX_NESTING)
            return perr_at(P, P->tok.line, P->tok.col,
                           "brackets nested more than %d deep", MAX_NESTING);
        break;
    case DG_T_RBRACE:
    case DG_T_RPAREN:
    case DG_T_RBRACKET: P->depth--; break;
    default: break;
    }
    return 0;
}

static int
expected(struct parser *P, const char *what)
{
    char buf[64];
    return perr_at(P, P->tok.line, P->tok.col, "expected %s but found %s", what,
                   dg_token_describe(&P->tok, buf, sizeof buf));
}

static int
is_kw(struct parser *P, const char *kw)
{
    return P->tok.type == DG_T_NAME && !strcasecmp(P->tok.val, kw);
}

static int
accept(struct parser *P, int type)
{
    if (P->tok.type != type)
        return 0;
    return advance(P) ? -1 : 1;
}

static int
expect(struct parser *P, int type, const char *what)
{
    if (P->tok.type != type)
        return expected(P, what);
    return advance(P);
}

static int
expect_kw(struct parser *P, const char *kw)
{
    if (!is_kw(P, kw)) {
        char w[40];
        snprintf(w, sizeof w, "'%s'", kw);
        return expected(P, w);
    }
    return advance(P);
}

/* ---- IRIs ---------------------------------------------------------- */

static char *
dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

struct iriparts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t nscheme, nauth, npath, nquery, nfrag;
    int has_scheme, has_auth, has_query, has_frag;
};

static void
iri_split(const char *s, struct iriparts *r)
{
    memset(r, 0, sizeof *r);
    const char *p = s;
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
        const char *q = p;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
               (*q >= '0' && *q <= '9') || *q == '+' || *q == '-' || *q == '.')
            q++;
        if (*q == ':') {
            r->has_scheme = 1;
            r->scheme = p;
            r->nscheme = (size_t)(q - p);
            p = q + 1;
        }
    }
    if (p[0] == '/' && p[1] == '/') {
        r->has_auth = 1;
        r->auth = p + 2;
        p += 2;
        while (*p && *p != '/' && *p != '?' && *p != '#')
            p++;
        r->nauth = (size_t)(p - r->auth);
    }
    r->path = p;
    while (*p && *p != '?' && *p != '#')
        p++;
    r->npath = (size_t)(p - r->path);
    if (*p == '?') {
        r->has_query = 1;
        r->query = ++p;
        while (*p && *p != '#')
            p++;
        r->nquery = (size_t)(p - r->query);
    }
    if (*p == '#') {
        r->has_frag = 1;
        r->frag = p + 1;
        r->nfrag = strlen(p + 1);
    }
}

/* RFC 3986 5.2.4, in place on a NUL-terminated path */
static void
remove_dots(char *in)
{
    char *out = in, *s = in;
    size_t o = 0;
    while (*s) {
        if (!strncmp(s, "../", 3))
            s += 3;
        else if (!strncmp(s, "./", 2))
            s += 2;
        else if (!strncmp(s, "/./", 3))
            s += 2;
        else if (!strcmp(s, "/."))
            s[1] = '\0';
        else if (!strncmp(s, "/../", 4) || !strcmp(s, "/..")) {
            if (s[3])
                s += 3;
            else {
                s += 2;
                *s = '/';
            }
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else if (!strcmp(s, ".") || !strcmp(s, ".."))
            s += strlen(s);
        else {
            do
                out[o++] = *s++;
            while (*s && *s != '/');
        }
    }
    out[o] = '\0';
}

/* resolves ref against base (RFC 3986 5.2.2); malloc'd */
static char *
iri_resolve(const char *base, const char *ref)
{
    struct iriparts b, r;
    iri_split(ref, &r);
    if (!base || r.has_scheme)
        return strdup(ref);
    iri_split(base, &b);
    size_t cap = strlen(base) + strlen(ref) + 8;
    char *out = malloc(cap), *path = malloc(cap);
    if (!out || !path) {
        free(out);
        free(path);
        return NULL;
    }
    const char *auth, *query;
    size_t nauth, nquery;
    int has_auth, has_query;
    if (r.has_auth) {
        has_auth = 1, auth = r.auth, nauth = r.nauth;
        memcpy(path, r.path, r.npath);
        path[r.npath] = '\0';
        remove_dots(path);
        has_query = r.has_query, query = r.query, nquery = r.nquery;
    } else {
        has_auth = b.has_auth, auth = b.auth, nauth = b.nauth;
        if (!r.npath) {
            memcpy(path, b.path, b.npath);
            path[b.npath] = '\0';
            if (r.has_query)
                has_query = 1, query = r.query, nquery = r.nquery;
            else
                has_query = b.has_query, query = b.query, nquery = b.nquery;
        } else {
            if (r.path[0] == '/') {
                memcpy(path, r.path, r.npath);
                path[r.npath] = '\0';
            } else {
                size_t n = 0;
                if (b.has_auth && !b.npath) {
                    path[n++] = '/';
                } else {
                    const char *sl = NULL;
                    for (size_t i = 0; i < b.npath; i++)
                        if (b.path[i] == '/')
                            sl = b.path + i;
                    if (sl) {
                        n = (size_t)(sl - b.path) + 1;
                        memcpy(path, b.path, n);
                    }
                }
                memcpy(path + n, r.path, r.npath);
                path[n + r.npath] = '\0';
            }
            remove_dots(path);
            has_query = r.has_query, query = r.query, nquery = r.nquery;
        }
    }
    size_t o = 0;
    if (b.has_scheme) {
        memcpy(out + o, b.scheme, b.nscheme);
        o += b.nscheme;
        out[o++] = ':';
    }
    if (has_auth) {
        out[o++] = '/';
        out[o++] = '/';
        memcpy(out + o, auth, nauth);
        o += nauth;
    }
    size_t np = strlen(path);
    memcpy(out + o, path, np);
    o += np;
    if (has_query) {
        out[o++] = '?';
        memcpy(out + o, query, nquery);
        o += nquery;
    }
    if (r.has_frag) {
        out[o++] = '#';
        memcpy(out + o, r.frag, r.nfrag);
        o += r.nfrag;
    }
    out[o] = '\0';
    free(path);
    return out;
}

/* the IRI of the current IRIREF or prefixed name (malloc'd), and advance */
static char *
parse_iri(struct parser *P)
{
    char *iri = NULL;
    if (P->tok.type == DG_T_IRIREF) {
        iri = iri_resolve(P->base, P->tok.val);
        if (!iri) {
            nomem(P);
            return NULL;
        }
    } else if (P->tok.type == DG_T_PNAME_NS || P->tok.type == DG_T_PNAME_LN) {
        struct prefix *pf = NULL;
        for (size_t i = 0; i < P->nprefixes; i++)
            if (!strcmp(P->prefixes[i].name, P->tok.val))
                pf = &P->prefixes[i];
        if (!pf) {
            perr_at(P, P->tok.line, P->tok.col, "undefined prefix '%s:'",
                    P->tok.val);
            return NULL;
        }
        const char *local = P->tok.val2 ? P->tok.val2 : "";
        size_t n1 = strlen(pf->iri), n2 = strlen(local);
        iri = malloc(n1 + n2 + 1);
        if (!iri) {
            nomem(P);
            return NULL;
        }
        memcpy(iri, pf->iri, n1);
        memcpy(iri + n1, local, n2 + 1);
    } else {
        expected(P, "an IRI");
        return NULL;
    }
    if (advance(P)) {
        free(iri);
        return NULL;
    }
    return iri;
}

static int
is_iri_tok(struct parser *P)
{
    return P->tok.type == DG_T_IRIREF || P->tok.type == DG_T_PNAME_NS ||
           P->tok.type == DG_T_PNAME_LN;
}

/* ---- variables ----------------------------------------------------- */

/* the index of variable name, added if new; a SPARQL variable may be
 * called ?_b0 too: it is never one of the hidden variables (P->hidden) */
static int
var_add(struct parser *P, const char *name, int hidden)
{
    struct dg_query *q = P->q;
    for (size_t i = 0; i < q->nvars; i++)
        if (P->hidden[i] == hidden && !strcmp(q->var_names[i], name))
            return (int)i;
    char **nv = realloc(q->var_names, (q->nvars + 1) * sizeof *nv);
    if (!nv)
        return nomem(P);
    q->var_names = nv;
    unsigned char *nh = realloc(P->hidden, q->nvars + 1);
    if (!nh)
        return nomem(P);
    P->hidden = nh;
    nh[q->nvars] = (unsigned char)hidden;
    if (!(nv[q->nvars] = strdup(name)))
        return nomem(P);
    return (int)q->nvars++;
}

static int
var_hidden(struct parser *P, const char *kind)
{
    char name[32];
    snprintf(name, sizeof name, "_%s%d", kind, P->nhidden++);
    return var_add(P, name, 1);
}

/* the current token must be a variable: its index, and advance */
static int
parse_var(struct parser *P)
{
    if (P->tok.type != DG_T_VAR)
        return expected(P, "a variable");
    int v = var_add(P, P->tok.val, 0);
    if (v < 0 || advance(P))
        return -1;
    return v;
}

/* ---- terms --------------------------------------------------------- */

static int
is_literal_start(struct parser *P)
{
    int t = P->tok.type;
    return t == DG_T_STRING || t == DG_T_INTEGER || t == DG_T_DECIMAL ||
           t == DG_T_DOUBLE || is_kw(P, "true") || is_kw(P, "false");
}

/* RDFLiteral | NumericLiteral | BooleanLiteral into t */
static int
parse_literal_(struct parser *P, struct dg_sterm *t)
{
    int type = P->tok.type;
    const char *dt = NULL;
    if (type == DG_T_INTEGER)
        dt = DG_XSD "integer";
    else if (type == DG_T_DECIMAL)
        dt = DG_XSD "decimal";
    else if (type == DG_T_DOUBLE)
        dt = DG_XSD "double";
    if (dt) {
        if (dg_sterm_set(t, DG_ST_LITERAL, P->tok.val, P->tok.vlen, dt, NULL))
            return nomem(P);
        return advance(P);
    }
    if (is_kw(P, "true") || is_kw(P, "false")) {
        if (dg_sterm_set_str(t, DG_ST_LITERAL,
                             is_kw(P, "true") ? "true" : "false",
                             DG_XSD "boolean", NULL))
            return nomem(P);
        return advance(P);
    }
    if (type != DG_T_STRING)
        return expected(P, "a literal");
    char *lex = P->tok.val;
    size_t len = P->tok.vlen;
    P->tok.val = NULL;
    int rc = -1;
    if (advance(P))
        goto out;
    if (P->tok.type == DG_T_LANGTAG) {
        if (dg_sterm_set(t, DG_ST_LITERAL, lex, len, NULL, P->tok.val)) {
            nomem(P);
            goto out;
        }
        rc = advance(P);
    } else if (P->tok.type == DG_T_DCARET) {
        if (advance(P))
            goto out;
        char *iri = parse_iri(P);
        if (!iri)
            goto out;
        rc = dg_sterm_set(t, DG_ST_LITERAL, lex, len, iri, NULL);
        free(iri);
        if (rc)
            nomem(P);
    } else {
        rc = dg_sterm_set(t, DG_ST_LITERAL, lex, len, NULL, NULL);
        if (rc)
            nomem(P);
    }
out:
    free(lex);
    return rc;
}

/* same, t is NONE on failure */
static int
parse_literal(struct parser *P, struct dg_sterm *t)
{
    int rc = parse_literal_(P, t);
    if (rc)
        dg_sterm_clear(t);
    return rc;
}

/* a signed number: '+' or '-' touching a number (INTEGER_POSITIVE...) */
static int
is_signed_number(struct parser *P)
{
    int t = P->tok.type;
    return (t == DG_T_INTEGER || t == DG_T_DECIMAL || t == DG_T_DOUBLE) &&
           (P->tok.val[0] == '+' || P->tok.val[0] == '-');
}

static int
pnode_copy(struct parser *P, struct dg_pnode *d, const struct dg_pnode *s)
{
    d->var = s->var;
    d->id = 0;
    memset(&d->term, 0, sizeof d->term);
    if (s->var < 0 && dg_sterm_copy(&d->term, &s->term))
        return nomem(P);
    return 0;
}

/* a new blank node: a hidden variable in patterns, a term in templates */
static int
fresh_bnode(struct parser *P, struct dg_pnode *n)
{
    memset(n, 0, sizeof *n);
    n->var = -1;
    if (P->in_template) {
        char label[32];
        snprintf(label, sizeof label, "?a%d", P->ntemplate_bn++);
        if (dg_sterm_set_str(&n->term, DG_ST_BLANK, label, NULL, NULL))
            return nomem(P);
        return 0;
    }
    n->var = var_hidden(P, "b");
    return n->var < 0 ? -1 : 0;
}

/* _:label at the current token */
static int
labelled_bnode(struct parser *P, struct dg_pnode *n)
{
    memset(n, 0, sizeof *n);
    n->var = -1;
    if (P->in_template) {
        if (dg_sterm_set_str(&n->term, DG_ST_BLANK, P->tok.val, NULL, NULL))
            return nomem(P);
        return advance(P);
    }
    for (size_t i = 0; i < P->nlabels; i++) {
        if (strcmp(P->labels[i].label, P->tok.val))
            continue;
        if (P->labels[i].bgp != P->bgp)
            return perr_at(P, P->tok.line, P->tok.col,
                           "blank node '_:%s' used in two basic graph "
                           "patterns",
                           P->tok.val);
        n->var = P->labels[i].var;
        return advance(P);
    }
    if (P->bgp < 0)
        return perr_at(P, P->tok.line, P->tok.col,
                       "blank node '_:%s' not allowed here", P->tok.val);
    struct blabel *nl = realloc(P->labels, (P->nlabels + 1) * sizeof *nl);
    if (!nl)
        return nomem(P);
    P->labels = nl;
    int v = var_hidden(P, "b");
    if (v < 0)
        return -1;
    if (!(nl[P->nlabels].label = strdup(P->tok.val)))
        return nomem(P);
    nl[P->nlabels].var = v;
    nl[P->nlabels].bgp = P->bgp;
    P->nlabels++;
    n->var = v;
    return advance(P);
}

/* VarOrTerm (no collections or property lists) into n */
static int
parse_var_or_term_(struct parser *P, struct dg_pnode *n)
{
    memset(n, 0, sizeof *n);
    n->var = -1;
    switch (P->tok.type) {
    case DG_T_VAR: n->var = parse_var(P); return n->var < 0 ? -1 : 0;
    case DG_T_IRIREF:
    case DG_T_PNAME_NS:
    case DG_T_PNAME_LN: {
        char *iri = parse_iri(P);
        if (!iri)
            return -1;
        int rc = dg_sterm_set_str(&n->term, DG_ST_IRI, iri, NULL, NULL);
        free(iri);
        return rc ? nomem(P) : 0;
    }
    case DG_T_BLANK: return labelled_bnode(P, n);
    case DG_T_ANON:
        if (fresh_bnode(P, n))
            return -1;
        return advance(P);
    case DG_T_NIL:
        if (dg_sterm_set_str(&n->term, DG_ST_IRI, RDF_NS "nil", NULL, NULL))
            return nomem(P);
        return advance(P);
    default:
        if (is_literal_start(P))
            return parse_literal(P, &n->term);
        return expected(P, "a variable or an RDF term");
    }
}

/* same, n is cleared on failure */
static int
parse_var_or_term(struct parser *P, struct dg_pnode *n)
{
    int rc = parse_var_or_term_(P, n);
    if (rc)
        dg_pnode_clear(n);
    return rc;
}

/* ---- triples ------------------------------------------------------- */

static void
sink_free(struct sink *k)
{
    for (size_t i = 0; i < k->n; i++) {
        dg_pnode_clear(&k->t[i].s);
        dg_pnode_clear(&k->t[i].p);
        dg_pnode_clear(&k->t[i].o);
    }
    free(k->t);
    for (size_t i = 0; i < k->npaths; i++)
        dg_pattern_free(k->paths[i]);
    free(k->paths);
    memset(k, 0, sizeof *k);
}

/* adds (s p o), copies of the borrowed nodes */
static int
sink_add(struct parser *P, struct sink *k, const struct dg_pnode *s,
         const struct dg_pnode *p, const struct dg_pnode *o)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 8;
        struct dg_tpat *nt = realloc(k->t, cap * sizeof *nt);
        if (!nt)
            return nomem(P);
        k->t = nt;
        k->cap = cap;
    }
    struct dg_tpat *t = &k->t[k->n];
    memset(t, 0, sizeof *t);
    t->s.var = t->p.var = t->o.var = -1;
    if (pnode_copy(P, &t->s, s) || pnode_copy(P, &t->p, p) ||
        pnode_copy(P, &t->o, o)) {
        dg_pnode_clear(&t->s);
        dg_pnode_clear(&t->p);
        dg_pnode_clear(&t->o);
        return -1;
    }
    k->n++;
    return 0;
}

static int
sink_add_iri(struct parser *P, struct sink *k, const struct dg_pnode *s,
             const char *iri, const struct dg_pnode *o)
{
    struct dg_pnode p = {.var = -1};
    if (dg_sterm_set_str(&p.term, DG_ST_IRI, iri, NULL, NULL))
        return nomem(P);
    int rc = sink_add(P, k, s, &p, o);
    dg_pnode_clear(&p);
    return rc;
}

static struct dg_path *
path_copy(const struct dg_path *s)
{
    if (!s)
        return NULL;
    struct dg_path *d = dg_path_new(s->op);
    if (!d)
        return NULL;
    if (dg_sterm_copy(&d->iri, &s->iri))
        goto fail;
    if (s->a && !(d->a = path_copy(s->a)))
        goto fail;
    if (s->b && !(d->b = path_copy(s->b)))
        goto fail;
    if (s->nfwd) {
        if (!(d->fwd = calloc(s->nfwd, sizeof *d->fwd)))
            goto fail;
        d->nfwd = s->nfwd;
        for (size_t i = 0; i < s->nfwd; i++)
            if (dg_sterm_copy(&d->fwd[i], &s->fwd[i]))
                goto fail;
    }
    if (s->ninv) {
        if (!(d->inv = calloc(s->ninv, sizeof *d->inv)))
            goto fail;
        d->ninv = s->ninv;
        for (size_t i = 0; i < s->ninv; i++)
            if (dg_sterm_copy(&d->inv[i], &s->inv[i]))
                goto fail;
    }
    return d;
fail:
    dg_path_free(d);
    return NULL;
}

/* moves the triples k->t[n1..] before k->t[n0..n1), so that a triple
 * comes before those of the nodes of its object, in text order */
static int
sink_rotate(struct parser *P, struct sink *k, size_t n0, size_t n1)
{
    size_t a = n1 - n0, b = k->n - n1;
    if (!a || !b)
        return 0;
    struct dg_tpat *tmp = malloc(a * sizeof *tmp);
    if (!tmp)
        return nomem(P);
    memcpy(tmp, k->t + n0, a * sizeof *tmp);
    memmove(k->t + n0, k->t + n1, b * sizeof *tmp);
    memcpy(k->t + n0 + b, tmp, a * sizeof *tmp);
    free(tmp);
    return 0;
}

/* s path o into k (18.2.2.4): path is borrowed */
static int
emit_path(struct parser *P, struct sink *k, const struct dg_pnode *s,
          const struct dg_path *path, const struct dg_pnode *o)
{
    if (path->op == DG_PATH_LINK) {
        struct dg_pnode p = {.var = -1};
        if (dg_sterm_copy(&p.term, &path->iri))
            return nomem(P);
        int rc = sink_add(P, k, s, &p, o);
        dg_pnode_clear(&p);
        return rc;
    }
    if (path->op == DG_PATH_INV && path->a->op == DG_PATH_LINK)
        return emit_path(P, k, o, path->a, s);
    if (path->op == DG_PATH_INV && path->a->op == DG_PATH_SEQ) {
        /* ^(a/b) = ^b/^a */
        struct dg_path *a = dg_path_new(DG_PATH_INV);
        struct dg_path *b = dg_path_new(DG_PATH_INV);
        struct dg_path *seq = dg_path_new(DG_PATH_SEQ);
        int rc = -1;
        if (!a || !b || !seq) {
            nomem(P);
            dg_path_free(a);
            dg_path_free(b);
            dg_path_free(seq);
            return -1;
        }
        seq->a = b;
        seq->b = a;
        b->a = path_copy(path->a->b);
        a->a = path_copy(path->a->a);
        if (!a->a || !b->a)
            nomem(P);
        else
            rc = emit_path(P, k, s, seq, o);
        dg_path_free(seq);
        return rc;
    }
    if (path->op == DG_PATH_INV && path->a->op == DG_PATH_INV)
        return emit_path(P, k, s, path->a->a, o);
    if (path->op == DG_PATH_SEQ && P->in_template)
        return perr_at(P, P->tok.line, P->tok.col,
                       "property path not allowed in a template");
    if (path->op == DG_PATH_SEQ) {
        struct dg_pnode v = {.var = var_hidden(P, "p")};
        if (v.var < 0)
            return -1;
        if (emit_path(P, k, s, path->a, &v))
            return -1;
        return emit_path(P, k, &v, path->b, o);
    }
    if (k->npaths == k->cappaths) {
        size_t cap = k->cappaths ? 2 * k->cappaths : 4;
        struct dg_pattern **np = realloc(k->paths, cap * sizeof *np);
        if (!np)
            return nomem(P);
        k->paths = np;
        k->cappaths = cap;
    }
    struct dg_pattern *pp = dg_pattern_new(DG_P_PATH);
    if (!pp)
        return nomem(P);
    if (pnode_copy(P, &pp->s, s) || pnode_copy(P, &pp->o, o) ||
        !(pp->path = path_copy(path))) {
        dg_pattern_free(pp);
        return nomem(P);
    }
    k->paths[k->npaths++] = pp;
    return 0;
}

/* Collection or BlankNodePropertyList at the current token */
static int
parse_triples_node(struct parser *P, struct sink *k, struct dg_pnode *out,
                   int paths)
{
    memset(out, 0, sizeof *out);
    out->var = -1;
    if (P->tok.type == DG_T_LBRACKET) {
        if (advance(P) || fresh_bnode(P, out))
            return -1;
        if (parse_property_list(P, k, out, paths) ||
            expect(P, DG_T_RBRACKET, "']'")) {
            dg_pnode_clear(out);
            return -1;
        }
        return 0;
    }
    /* ( items ) */
    if (advance(P))
        return -1;
    struct dg_pnode cur = {.var = -1}, item = {.var = -1}, nxt = {.var = -1};
    struct dg_pnode nil = {.var = -1};
    int first = 1, rc = -1;
    if (dg_sterm_set_str(&nil.term, DG_ST_IRI, RDF_NS "nil", NULL, NULL)) {
        nomem(P);
        goto out;
    }
    while (P->tok.type != DG_T_RPAREN) {
        if (P->tok.type == DG_T_EOF) {
            expected(P, "')'");
            goto out;
        }
        if (parse_graph_node(P, k, &item, paths))
            goto out;
        if (first) {
            if (fresh_bnode(P, out))
                goto out;
            if (pnode_copy(P, &cur, out))
                goto out;
            first = 0;
        } else {
            if (fresh_bnode(P, &nxt) ||
                sink_add_iri(P, k, &cur, RDF_NS "rest", &nxt))
                goto out;
            dg_pnode_clear(&cur);
            cur = nxt;
            memset(&nxt, 0, sizeof nxt);
            nxt.var = -1;
        }
        if (sink_add_iri(P, k, &cur, RDF_NS "first", &item))
            goto out;
        dg_pnode_clear(&item);
    }
    if (first) {
        expected(P, "a collection item");
        goto out;
    }
    if (sink_add_iri(P, k, &cur, RDF_NS "rest", &nil) || advance(P))
        goto out;
    rc = 0;
out:
    if (rc)
        dg_pnode_clear(out);
    dg_pnode_clear(&cur);
    dg_pnode_clear(&item);
    dg_pnode_clear(&nxt);
    dg_pnode_clear(&nil);
    return rc;
}

static int
parse_graph_node(struct parser *P, struct sink *k, struct dg_pnode *out,
                 int paths)
{
    if (P->tok.type == DG_T_LBRACKET || P->tok.type == DG_T_LPAREN)
        return parse_triples_node(P, k, out, paths);
    return parse_var_or_term(P, out);
}

/* a verb: a variable, or a path (an IRI or 'a' when !paths) */
static int
parse_verb(struct parser *P, struct dg_pnode *var, struct dg_path **path,
           int paths)
{
    *path = NULL;
    memset(var, 0, sizeof *var);
    var->var = -1;
    if (P->tok.type == DG_T_VAR) {
        var->var = parse_var(P);
        return var->var < 0 ? -1 : 0;
    }
    if (!paths) {
        if (P->tok.type == DG_T_NAME && !strcmp(P->tok.val, "a")) {
            if (dg_sterm_set_str(&var->term, DG_ST_IRI, RDF_NS "type", NULL,
                                 NULL))
                return nomem(P);
            return advance(P);
        }
        if (!is_iri_tok(P))
            return expected(P, "a verb");
        char *iri = parse_iri(P);
        if (!iri)
            return -1;
        int rc = dg_sterm_set_str(&var->term, DG_ST_IRI, iri, NULL, NULL);
        free(iri);
        return rc ? nomem(P) : 0;
    }
    *path = parse_path(P);
    return *path ? 0 : -1;
}

static int
verb_start(struct parser *P)
{
    return P->tok.type == DG_T_VAR || is_iri_tok(P) ||
           P->tok.type == DG_T_CARET || P->tok.type == DG_T_BANG ||
           P->tok.type == DG_T_LPAREN ||
           (P->tok.type == DG_T_NAME && !strcmp(P->tok.val, "a"));
}

/* PropertyListNotEmpty / PropertyListPathNotEmpty for subject s */
static int
parse_property_list(struct parser *P, struct sink *k, const struct dg_pnode *s,
                    int paths)
{
    for (;;) {
        struct dg_pnode v;
        struct dg_path *path = NULL;
        if (parse_verb(P, &v, &path, paths)) {
            dg_pnode_clear(&v);
            dg_path_free(path);
            return -1;
        }
        for (;;) {
            struct dg_pnode o;
            size_t n0 = k->n, n1;
            if (parse_graph_node(P, k, &o, paths)) {
                dg_pnode_clear(&v);
                dg_path_free(path);
                return -1;
            }
            n1 = k->n;
            int rc =
                path ? emit_path(P, k, s, path, &o) : sink_add(P, k, s, &v, &o);
            dg_pnode_clear(&o);
            if (!rc)
                rc = sink_rotate(P, k, n0, n1);
            if (rc || (rc = accept(P, DG_T_COMMA)) < 0) {
                dg_pnode_clear(&v);
                dg_path_free(path);
                return -1;
            }
            if (!rc)
                break;
        }
        dg_pnode_clear(&v);
        dg_path_free(path);
        int semi = 0, rc;
        while ((rc = accept(P, DG_T_SEMI)) > 0)
            semi = 1;
        if (rc < 0)
            return -1;
        if (!semi)
            return 0;
        /* after ';' another verb may follow, or not */
        if (!verb_start(P))
            return 0;
    }
}

/* TriplesSameSubject(Path): one subject and its property list */
static int
parse_triples_same_subject(struct parser *P, struct sink *k, int paths)
{
    struct dg_pnode s;
    int node = P->tok.type == DG_T_LBRACKET || P->tok.type == DG_T_LPAREN;
    if (parse_graph_node(P, k, &s, paths))
        return -1;
    int rc = 0;
    /* [ :p :o ] and ( ... ) may stand alone */
    if (!node || verb_start(P))
        rc = parse_property_list(P, k, &s, paths);
    dg_pnode_clear(&s);
    return rc;
}

static int
triples_start(struct parser *P)
{
    int t = P->tok.type;
    return t == DG_T_VAR || t == DG_T_IRIREF || t == DG_T_PNAME_NS ||
           t == DG_T_PNAME_LN || t == DG_T_BLANK || t == DG_T_ANON ||
           t == DG_T_NIL || t == DG_T_LBRACKET || t == DG_T_LPAREN ||
           is_literal_start(P) || is_signed_number(P);
}

/* ---- property paths ------------------------------------------------ */

static struct dg_path *
path_link(struct parser *P)
{
    char *iri;
    if (P->tok.type == DG_T_NAME && !strcmp(P->tok.val, "a")) {
        iri = strdup(RDF_NS "type");
        if (!iri || advance(P)) {
            free(iri);
            if (!iri)
                nomem(P);
            return NULL;
        }
    } else if (!(iri = parse_iri(P)))
        return NULL;
    struct dg_path *p = dg_path_new(DG_PATH_LINK);
    if (!p || dg_sterm_set_str(&p->iri, DG_ST_IRI, iri, NULL, NULL)) {
        dg_path_free(p);
        free(iri);
        nomem(P);
        return NULL;
    }
    free(iri);
    return p;
}

static int
nps_add(struct parser *P, struct dg_path *nps)
{
    int inv = 0;
    if (P->tok.type == DG_T_CARET) {
        inv = 1;
        if (advance(P))
            return -1;
    }
    if (!is_iri_tok(P) &&
        !(P->tok.type == DG_T_NAME && !strcmp(P->tok.val, "a")))
        return expected(P, "an IRI");
    struct dg_path *l = path_link(P);
    if (!l)
        return -1;
    struct dg_sterm **arr = inv ? &nps->inv : &nps->fwd;
    size_t *n = inv ? &nps->ninv : &nps->nfwd;
    struct dg_sterm *na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na) {
        dg_path_free(l);
        return nomem(P);
    }
    *arr = na;
    na[*n] = l->iri;
    memset(&l->iri, 0, sizeof l->iri);
    (*n)++;
    dg_path_free(l);
    return 0;
}

static struct dg_path *
path_primary(struct parser *P)
{
    if (P->tok.type == DG_T_LPAREN) {
        if (advance(P))
            return NULL;
        struct dg_path *p = parse_path(P);
        if (p && expect(P, DG_T_RPAREN, "')'")) {
            dg_path_free(p);
            return NULL;
        }
        return p;
    }
    if (P->tok.type == DG_T_BANG) {
        if (advance(P))
            return NULL;
        struct dg_path *p = dg_path_new(DG_PATH_NPS);
        if (!p) {
            nomem(P);
            return NULL;
        }
        if (P->tok.type == DG_T_NIL)
            return advance(P) ? (dg_path_free(p), NULL) : p;
        if (P->tok.type == DG_T_LPAREN) {
            if (advance(P))
                goto fail;
            for (;;) {
                if (nps_add(P, p))
                    goto fail;
                int rc = accept(P, DG_T_PIPE);
                if (rc < 0)
                    goto fail;
                if (!rc)
                    break;
            }
            if (expect(P, DG_T_RPAREN, "')'"))
                goto fail;
        } else if (nps_add(P, p))
            goto fail;
        return p;
    fail:
        dg_path_free(p);
        return NULL;
    }
    if (is_iri_tok(P) || (P->tok.type == DG_T_NAME && !strcmp(P->tok.val, "a")))
        return path_link(P);
    expected(P, "a property path");
    return NULL;
}

static struct dg_path *
path_elt_or_inverse(struct parser *P)
{
    int inv = 0;
    if (P->tok.type == DG_T_CARET) {
        inv = 1;
        if (advance(P))
            return NULL;
    }
    struct dg_path *p = path_primary(P);
    if (!p)
        return NULL;
    int mod = P->tok.type == DG_T_STAR       ? DG_PATH_STAR
              : P->tok.type == DG_T_PLUS     ? DG_PATH_PLUS
              : P->tok.type == DG_T_QUESTION ? DG_PATH_OPT
                                             : -1;
    if (mod >= 0) {
        struct dg_path *m = dg_path_new(mod);
        if (!m || advance(P)) {
            if (!m)
                nomem(P);
            dg_path_free(m);
            dg_path_free(p);
            return NULL;
        }
        m->a = p;
        p = m;
    }
    if (inv) {
        struct dg_path *m = dg_path_new(DG_PATH_INV);
        if (!m) {
            dg_path_free(p);
            nomem(P);
            return NULL;
        }
        m->a = p;
        p = m;
    }
    return p;
}

static struct dg_path *
path_binary(struct parser *P, int tok, int op,
            struct dg_path *(*sub)(struct parser *))
{
    struct dg_path *l = sub(P);
    while (l && P->tok.type == tok) {
        if (advance(P)) {
            dg_path_free(l);
            return NULL;
        }
        struct dg_path *r = sub(P);
        struct dg_path *n = r ? dg_path_new(op) : NULL;
        if (!n) {
            if (r)
                nomem(P);
            dg_path_free(l);
            dg_path_free(r);
            return NULL;
        }
        n->a = l;
        n->b = r;
        l = n;
    }
    return l;
}

static struct dg_path *
path_sequence(struct parser *P)
{
    return path_binary(P, DG_T_SLASH, DG_PATH_SEQ, path_elt_or_inverse);
}

static struct dg_path *
parse_path(struct parser *P)
{
    return path_binary(P, DG_T_PIPE, DG_PATH_ALT, path_sequence);
}

/* ---- expressions --------------------------------------------------- */

static struct dg_expr *
expr_new(struct parser *P, int op, int line, int col)
{
    struct dg_expr *e = dg_expr_new(op);
    if (!e) {
        nomem(P);
        return NULL;
    }
    e->line = line;
    e->col = col;
    return e;
}

static int
expr_push(struct parser *P, struct dg_expr *e, struct dg_expr *a)
{
    struct dg_expr **na = realloc(e->args, (e->nargs + 1) * sizeof *na);
    if (!na) {
        dg_expr_free(a);
        return nomem(P);
    }
    e->args = na;
    na[e->nargs++] = a;
    return 0;
}

static struct dg_expr *
expr_binary(struct parser *P, int op, struct dg_expr *l, struct dg_expr *r,
            int line, int col)
{
    struct dg_expr *e = expr_new(P, op, line, col);
    if (!e) {
        dg_expr_free(l);
        dg_expr_free(r);
        return NULL;
    }
    if (expr_push(P, e, l)) {
        dg_expr_free(e);
        dg_expr_free(r);
        return NULL;
    }
    if (expr_push(P, e, r)) {
        dg_expr_free(e);
        return NULL;
    }
    return e;
}

/* '(' Expression (',' Expression)* ')' or NIL into e->args */
static int
parse_arg_list(struct parser *P, struct dg_expr *e, int allow_distinct)
{
    if (P->tok.type == DG_T_NIL)
        return advance(P);
    if (expect(P, DG_T_LPAREN, "'('"))
        return -1;
    if (allow_distinct && is_kw(P, "DISTINCT") && advance(P))
        return -1;
    for (;;) {
        struct dg_expr *a = parse_expr(P);
        if (!a || expr_push(P, e, a))
            return -1;
        int rc = accept(P, DG_T_COMMA);
        if (rc < 0)
            return -1;
        if (!rc)
            break;
    }
    return expect(P, DG_T_RPAREN, "')' or ','");
}

static const struct builtin {
    const char *name;
    int func, min, max;
} builtins[] = {
    {"STR", DG_F_STR, 1, 1},
    {"LANG", DG_F_LANG, 1, 1},
    {"LANGMATCHES", DG_F_LANGMATCHES, 2, 2},
    {"DATATYPE", DG_F_DATATYPE, 1, 1},
    {"BOUND", DG_F_BOUND, 1, 1},
    {"IRI", DG_F_IRI, 1, 1},
    {"URI", DG_F_IRI, 1, 1},
    {"BNODE", DG_F_BNODE, 0, 1},
    {"RAND", DG_F_RAND, 0, 0},
    {"ABS", DG_F_ABS, 1, 1},
    {"CEIL", DG_F_CEIL, 1, 1},
    {"FLOOR", DG_F_FLOOR, 1, 1},
    {"ROUND", DG_F_ROUND, 1, 1},
    {"CONCAT", DG_F_CONCAT, 0, 1 << 20},
    {"SUBSTR", DG_F_SUBSTR, 2, 3},
    {"STRLEN", DG_F_STRLEN, 1, 1},
    {"REPLACE", DG_F_REPLACE, 3, 4},
    {"UCASE", DG_F_UCASE, 1, 1},
    {"LCASE", DG_F_LCASE, 1, 1},
    {"ENCODE_FOR_URI", DG_F_ENCODE_FOR_URI, 1, 1},
    {"CONTAINS", DG_F_CONTAINS, 2, 2},
    {"STRSTARTS", DG_F_STRSTARTS, 2, 2},
    {"STRENDS", DG_F_STRENDS, 2, 2},
    {"STRBEFORE", DG_F_STRBEFORE, 2, 2},
    {"STRAFTER", DG_F_STRAFTER, 2, 2},
    {"YEAR", DG_F_YEAR, 1, 1},
    {"MONTH", DG_F_MONTH, 1, 1},
    {"DAY", DG_F_DAY, 1, 1},
    {"HOURS", DG_F_HOURS, 1, 1},
    {"MINUTES", DG_F_MINUTES, 1, 1},
    {"SECONDS", DG_F_SECONDS, 1, 1},
    {"TIMEZONE", DG_F_TIMEZONE, 1, 1},
    {"TZ", DG_F_TZ, 1, 1},
    {"NOW", DG_F_NOW, 0, 0},
    {"UUID", DG_F_UUID, 0, 0},
    {"STRUUID", DG_F_STRUUID, 0, 0},
    {"MD5", DG_F_MD5, 1, 1},
    {"SHA1", DG_F_SHA1, 1, 1},
    {"SHA256", DG_F_SHA256, 1, 1},
    {"SHA384", DG_F_SHA384, 1, 1},
    {"SHA512", DG_F_SHA512, 1, 1},
    {"COALESCE", DG_F_COALESCE, 0, 1 << 20},
    {"IF", DG_F_IF, 3, 3},
    {"STRLANG", DG_F_STRLANG, 2, 2},
    {"STRDT", DG_F_STRDT, 2, 2},
    {"sameTerm", DG_F_SAMETERM, 2, 2},
    {"isIRI", DG_F_ISIRI, 1, 1},
    {"isURI", DG_F_ISIRI, 1, 1},
    {"isBLANK", DG_F_ISBLANK, 1, 1},
    {"isLITERAL", DG_F_ISLITERAL, 1, 1},
    {"isNUMERIC", DG_F_ISNUMERIC, 1, 1},
    {"REGEX", DG_F_REGEX, 2, 3},
};

static const char *const agg_names[] = {"COUNT", "SUM",    "MIN",         "MAX",
                                        "AVG",   "SAMPLE", "GROUP_CONCAT"};

static int
agg_kind(struct parser *P)
{
    if (P->tok.type != DG_T_NAME)
        return -1;
    for (int i = 0; i < 7; i++)
        if (!strcasecmp(P->tok.val, agg_names[i]))
            return i;
    return -1;
}

/* Aggregate: returns a DG_E_VAR of the hidden variable bound to it */
static struct dg_expr *
parse_aggregate(struct parser *P, int kind)
{
    int line = P->tok.line, col = P->tok.col;
    struct aggctx *A = P->agg;
    if (!A || !A->allowed) {
        perr_at(P, line, col, "aggregate '%s' not allowed here",
                agg_names[kind]);
        return NULL;
    }
    if (A->inside) {
        perr_at(P, line, col, "aggregate '%s' inside an aggregate",
                agg_names[kind]);
        return NULL;
    }
    struct dg_aggregate ag = {.kind = kind, .var = -1};
    struct dg_expr *e = NULL;
    if (advance(P) || expect(P, DG_T_LPAREN, "'('"))
        return NULL;
    if (is_kw(P, "DISTINCT")) {
        ag.distinct = 1;
        if (advance(P))
            return NULL;
    }
    if (kind == DG_A_COUNT && P->tok.type == DG_T_STAR) {
        if (advance(P))
            return NULL;
    } else {
        A->inside = 1;
        ag.expr = parse_expr(P);
        A->inside = 0;
        if (!ag.expr)
            return NULL;
    }
    if (kind == DG_A_GROUP_CONCAT && P->tok.type == DG_T_SEMI) {
        if (advance(P) || expect_kw(P, "SEPARATOR") ||
            expect(P, DG_T_EQ, "'='"))
            goto fail;
        if (P->tok.type != DG_T_STRING) {
            expected(P, "a string");
            goto fail;
        }
        ag.separator = dup_n(P->tok.val, P->tok.vlen);
        if (!ag.separator) {
            nomem(P);
            goto fail;
        }
        if (advance(P))
            goto fail;
    }
    if (expect(P, DG_T_RPAREN, "')'"))
        goto fail;
    if (A->naggs == A->cap) {
        size_t cap = A->cap ? 2 * A->cap : 4;
        struct dg_aggregate *na = realloc(A->aggs, cap * sizeof *na);
        if (!na) {
            nomem(P);
            goto fail;
        }
        A->aggs = na;
        A->cap = cap;
    }
    if ((ag.var = var_hidden(P, "agg")) < 0)
        goto fail;
    if (!(e = expr_new(P, DG_E_VAR, line, col)))
        goto fail;
    e->var = ag.var;
    A->aggs[A->naggs++] = ag;
    return e;
fail:
    dg_expr_free(ag.expr);
    free(ag.separator);
    return NULL;
}

static struct dg_expr *
parse_builtin_or_call(struct parser *P)
{
    int line = P->tok.line, col = P->tok.col;
    struct dg_expr *e = NULL;
    if (P->tok.type == DG_T_NAME) {
        int k = agg_kind(P);
        if (k >= 0)
            return parse_aggregate(P, k);
        if (is_kw(P, "EXISTS") || is_kw(P, "NOT")) {
            int op = DG_E_EXISTS;
            if (is_kw(P, "NOT")) {
                op = DG_E_NOT_EXISTS;
                if (advance(P))
                    return NULL;
                if (!is_kw(P, "EXISTS")) {
                    expected(P, "'EXISTS'");
                    return NULL;
                }
            }
            if (advance(P) || !(e = expr_new(P, op, line, col)))
                return NULL;
            /* an EXISTS pattern keeps its own blank node scope */
            int bgp = P->bgp;
            struct dg_pattern *gf = P->group_filter;
            e->pattern = parse_group(P);
            P->bgp = bgp;
            P->group_filter = gf;
            if (!e->pattern) {
                dg_expr_free(e);
                return NULL;
            }
            return e;
        }
        const struct builtin *b = NULL;
        for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
            if (!strcasecmp(P->tok.val, builtins[i].name))
                b = &builtins[i];
        if (!b) {
            char buf[64];
            perr_at(P, line, col, "unknown function %s",
                    dg_token_describe(&P->tok, buf, sizeof buf));
            return NULL;
        }
        if (advance(P) || !(e = expr_new(P, DG_E_BUILTIN, line, col)))
            return NULL;
        e->func = b->func;
        if (P->tok.type != DG_T_LPAREN && P->tok.type != DG_T_NIL) {
            expected(P, "'('");
            goto fail;
        }
        if (parse_arg_list(P, e, 0))
            goto fail;
        if ((int)e->nargs < b->min || (int)e->nargs > b->max) {
            perr_at(P, line, col, "wrong number of arguments to '%s'", b->name);
            goto fail;
        }
        if (b->func == DG_F_BOUND && e->args[0]->op != DG_E_VAR) {
            perr_at(P, e->args[0]->line, e->args[0]->col,
                    "BOUND takes a variable");
            goto fail;
        }
        return e;
    }
    /* iri or iri(args) */
    char *iri = parse_iri(P);
    if (!iri)
        return NULL;
    if (P->tok.type == DG_T_LPAREN || P->tok.type == DG_T_NIL) {
        e = expr_new(P, DG_E_CALL, line, col);
        if (!e || dg_sterm_set_str(&e->term, DG_ST_IRI, iri, NULL, NULL)) {
            if (e)
                nomem(P);
            free(iri);
            goto fail;
        }
        free(iri);
        if (parse_arg_list(P, e, 1))
            goto fail;
        return e;
    }
    e = expr_new(P, DG_E_CONST, line, col);
    if (!e || dg_sterm_set_str(&e->term, DG_ST_IRI, iri, NULL, NULL)) {
        if (e)
            nomem(P);
        free(iri);
        goto fail;
    }
    free(iri);
    return e;
fail:
    dg_expr_free(e);
    return NULL;
}

static struct dg_expr *
parse_primary(struct parser *P)
{
    int line = P->tok.line, col = P->tok.col;
    struct dg_expr *e;
    if (P->tok.type == DG_T_LPAREN) {
        if (advance(P))
            return NULL;
        e = parse_expr(P);
        if (e && expect(P, DG_T_RPAREN, "')'")) {
            dg_expr_free(e);
            return NULL;
        }
        return e;
    }
    if (P->tok.type == DG_T_VAR) {
        if (!(e = expr_new(P, DG_E_VAR, line, col)))
            return NULL;
        if ((e->var = parse_var(P)) < 0) {
            dg_expr_free(e);
            return NULL;
        }
        return e;
    }
    if (is_literal_start(P)) {
        if (!(e = expr_new(P, DG_E_CONST, line, col)))
            return NULL;
        if (parse_literal(P, &e->term)) {
            dg_expr_free(e);
            return NULL;
        }
        return e;
    }
    if (P->tok.type == DG_T_NAME || is_iri_tok(P))
        return parse_builtin_or_call(P);
    expected(P, "an expression");
    return NULL;
}

static struct dg_expr *
parse_unary(struct parser *P)
{
    int line = P->tok.line, col = P->tok.col;
    int op = P->tok.type == DG_T_BANG    ? DG_E_NOT
             : P->tok.type == DG_T_PLUS  ? DG_E_PLUS
             : P->tok.type == DG_T_MINUS ? DG_E_NEG
                                         : -1;
    if (op < 0)
        return parse_primary(P);
    if (advance(P))
        return NULL;
    struct dg_expr *a = parse_primary(P);
    if (!a)
        return NULL;
    struct dg_expr *e = expr_new(P, op, line, col);
    if (!e) {
        dg_expr_free(a);
        return NULL;
    }
    if (expr_push(P, e, a)) {
        dg_expr_free(e);
        return NULL;
    }
    return e;
}

static struct dg_expr *
parse_multiplicative_rest(struct parser *P, struct dg_expr *l)
{
    while (l && (P->tok.type == DG_T_STAR || P->tok.type == DG_T_SLASH)) {
        int op = P->tok.type == DG_T_STAR ? DG_E_MUL : DG_E_DIV;
        int line = P->tok.line, col = P->tok.col;
        if (advance(P)) {
            dg_expr_free(l);
            return NULL;
        }
        struct dg_expr *r = parse_unary(P);
        if (!r) {
            dg_expr_free(l);
            return NULL;
        }
        l = expr_binary(P, op, l, r, line, col);
    }
    return l;
}

static struct dg_expr *
parse_additive(struct parser *P)
{
    struct dg_expr *l = parse_multiplicative_rest(P, parse_unary(P));
    while (l) {
        int line = P->tok.line, col = P->tok.col;
        struct dg_expr *r;
        int op;
        if (P->tok.type == DG_T_PLUS || P->tok.type == DG_T_MINUS) {
            op = P->tok.type == DG_T_PLUS ? DG_E_ADD : DG_E_SUB;
            if (advance(P)) {
                dg_expr_free(l);
                return NULL;
            }
            r = parse_multiplicative_rest(P, parse_unary(P));
        } else if (is_signed_number(P)) {
            /* ?x -1: a subtraction of the unsigned number */
            op = P->tok.val[0] == '+' ? DG_E_ADD : DG_E_SUB;
            r = expr_new(P, DG_E_CONST, line, col + 1);
            const char *dt = P->tok.type == DG_T_INTEGER   ? DG_XSD "integer"
                             : P->tok.type == DG_T_DECIMAL ? DG_XSD "decimal"
                                                           : DG_XSD "double";
            if (r && dg_sterm_set_str(&r->term, DG_ST_LITERAL, P->tok.val + 1,
                                      dt, NULL)) {
                nomem(P);
                dg_expr_free(r);
                r = NULL;
            }
            if (r && advance(P)) {
                dg_expr_free(r);
                r = NULL;
            }
            r = parse_multiplicative_rest(P, r);
        } else
            break;
        if (!r) {
            dg_expr_free(l);
            return NULL;
        }
        l = expr_binary(P, op, l, r, line, col);
    }
    return l;
}

static struct dg_expr *
parse_relational(struct parser *P)
{
    struct dg_expr *l = parse_additive(P);
    if (!l)
        return NULL;
    int line = P->tok.line, col = P->tok.col, op = -1;
    switch (P->tok.type) {
    case DG_T_EQ: op = DG_E_EQ; break;
    case DG_T_NE: op = DG_E_NE; break;
    case DG_T_LT: op = DG_E_LT; break;
    case DG_T_GT: op = DG_E_GT; break;
    case DG_T_LE: op = DG_E_LE; break;
    case DG_T_GE: op = DG_E_GE; break;
    default: break;
    }
    if (op >= 0) {
        if (advance(P)) {
            dg_expr_free(l);
            return NULL;
        }
        struct dg_expr *r = parse_additive(P);
        if (!r) {
            dg_expr_free(l);
            return NULL;
        }
        return expr_binary(P, op, l, r, line, col);
    }
    if (is_kw(P, "IN") || is_kw(P, "NOT")) {
        op = DG_E_IN;
        if (is_kw(P, "NOT")) {
            op = DG_E_NOT_IN;
            if (advance(P) || (!is_kw(P, "IN") && expected(P, "'IN'"))) {
                dg_expr_free(l);
                return NULL;
            }
        }
        struct dg_expr *e = expr_new(P, op, line, col);
        if (!e) {
            dg_expr_free(l);
            return NULL;
        }
        if (expr_push(P, e, l) || advance(P) || parse_arg_list(P, e, 0)) {
            dg_expr_free(e);
            return NULL;
        }
        return e;
    }
    return l;
}

static struct dg_expr *
parse_and(struct parser *P)
{
    struct dg_expr *l = parse_relational(P);
    while (l && P->tok.type == DG_T_AND) {
        int line = P->tok.line, col = P->tok.col;
        if (advance(P)) {
            dg_expr_free(l);
            return NULL;
        }
        struct dg_expr *r = parse_relational(P);
        if (!r) {
            dg_expr_free(l);
            return NULL;
        }
        l = expr_binary(P, DG_E_AND, l, r, line, col);
    }
    return l;
}

static struct dg_expr *
parse_expr(struct parser *P)
{
    struct dg_expr *l = parse_and(P);
    while (l && P->tok.type == DG_T_OR) {
        int line = P->tok.line, col = P->tok.col;
        if (advance(P)) {
            dg_expr_free(l);
            return NULL;
        }
        struct dg_expr *r = parse_and(P);
        if (!r) {
            dg_expr_free(l);
            return NULL;
        }
        l = expr_binary(P, DG_E_OR, l, r, line, col);
    }
    return l;
}

/* Constraint: BrackettedExpression | BuiltInCall | FunctionCall */
static struct dg_expr *
parse_constraint(struct parser *P)
{
    if (P->tok.type == DG_T_LPAREN)
        return parse_primary(P);
    if (P->tok.type == DG_T_NAME || is_iri_tok(P)) {
        int call = is_iri_tok(P);
        struct dg_expr *e = parse_builtin_or_call(P);
        if (e && call && e->op != DG_E_CALL) {
            perr_at(P, e->line, e->col, "expected a function call");
            dg_expr_free(e);
            return NULL;
        }
        return e;
    }
    expected(P, "a constraint");
    return NULL;
}

/* ---- scope (18.2.1) ------------------------------------------------ */

static void
scope_pnode(const struct dg_pnode *n, unsigned char *set)
{
    if (n->var >= 0)
        set[n->var] = 1;
}

static void
scope_collect(const struct dg_pattern *p, unsigned char *set)
{
    if (!p)
        return;
    switch (p->op) {
    case DG_P_BGP:
        for (size_t i = 0; i < p->ntriples; i++) {
            scope_pnode(&p->triples[i].s, set);
            scope_pnode(&p->triples[i].p, set);
            scope_pnode(&p->triples[i].o, set);
        }
        break;
    case DG_P_PATH:
        scope_pnode(&p->s, set);
        scope_pnode(&p->o, set);
        break;
    case DG_P_JOIN:
    case DG_P_LEFTJOIN:
    case DG_P_UNION:
        scope_collect(p->left, set);
        scope_collect(p->right, set);
        break;
    case DG_P_GRAPH:
        scope_pnode(&p->name, set);
        scope_collect(p->left, set);
        break;
    case DG_P_EXTEND:
        set[p->var] = 1;
        scope_collect(p->left, set);
        break;
    case DG_P_VALUES:
    case DG_P_PROJECT:
        for (size_t i = 0; i < p->nvars; i++)
            set[p->vars[i]] = 1;
        break;
    case DG_P_GROUP:
        for (size_t i = 0; i < p->ngroup; i++)
            if (p->group[i].var >= 0)
                set[p->group[i].var] = 1;
        for (size_t i = 0; i < p->naggs; i++)
            set[p->aggs[i].var] = 1;
        break;
    default: scope_collect(p->left, set); break;
    }
}

/* a set of nvars flags (caller frees), or NULL */
static unsigned char *
scope_of(struct parser *P, const struct dg_pattern *p)
{
    unsigned char *set = calloc(P->q->nvars + 1, 1);
    if (!set)
        nomem(P);
    else
        scope_collect(p, set);
    return set;
}

/* ---- patterns ------------------------------------------------------ */

static struct dg_pattern *
pat_new(struct parser *P, int op, int line, int col)
{
    struct dg_pattern *p = dg_pattern_new(op);
    if (!p) {
        nomem(P);
        return NULL;
    }
    p->line = line;
    p->col = col;
    return p;
}

static int
is_empty_bgp(const struct dg_pattern *p)
{
    return p->op == DG_P_BGP && !p->ntriples;
}

/* Join(l, r), both consumed; either may be NULL (nothing yet) */
static struct dg_pattern *
pat_join(struct parser *P, struct dg_pattern *l, struct dg_pattern *r)
{
    if (!l)
        return r;
    if (!r)
        return l;
    if (is_empty_bgp(l)) {
        dg_pattern_free(l);
        return r;
    }
    if (is_empty_bgp(r)) {
        dg_pattern_free(r);
        return l;
    }
    struct dg_pattern *j = pat_new(P, DG_P_JOIN, l->line, l->col);
    if (!j) {
        dg_pattern_free(l);
        dg_pattern_free(r);
        return NULL;
    }
    j->left = l;
    j->right = r;
    return j;
}

/* the pattern of a triples block: BGP joined with its paths; k emptied */
static struct dg_pattern *
sink_pattern(struct parser *P, struct sink *k, int line, int col)
{
    struct dg_pattern *g = NULL;
    if (k->n) {
        if (!(g = pat_new(P, DG_P_BGP, line, col))) {
            sink_free(k);
            return NULL;
        }
        g->triples = k->t;
        g->ntriples = k->n;
        k->t = NULL;
        k->n = k->cap = 0;
    }
    for (size_t i = 0; i < k->npaths; i++) {
        struct dg_pattern *pp = k->paths[i];
        k->paths[i] = NULL;
        g = pat_join(P, g, pp);
        if (!g) {
            sink_free(k);
            return NULL;
        }
    }
    sink_free(k);
    if (!g)
        g = pat_new(P, DG_P_BGP, line, col);
    return g;
}

static int
parse_data_value(struct parser *P, struct dg_sterm *t)
{
    if (is_kw(P, "UNDEF")) {
        memset(t, 0, sizeof *t);
        return advance(P);
    }
    if (is_iri_tok(P)) {
        char *iri = parse_iri(P);
        if (!iri)
            return -1;
        int rc = dg_sterm_set_str(t, DG_ST_IRI, iri, NULL, NULL);
        free(iri);
        return rc ? nomem(P) : 0;
    }
    if (is_literal_start(P))
        return parse_literal(P, t);
    return expected(P, "a value or 'UNDEF'");
}

/* DataBlock (after VALUES) */
static struct dg_pattern *
parse_data_block(struct parser *P, int line, int col)
{
    struct dg_pattern *v = pat_new(P, DG_P_VALUES, line, col);
    if (!v)
        return NULL;
    int one = 0;
    if (P->tok.type == DG_T_VAR) {
        one = 1;
        if (!(v->vars = malloc(sizeof *v->vars)))
            goto nomem;
        if ((v->vars[0] = parse_var(P)) < 0)
            goto fail;
        v->nvars = 1;
    } else if (P->tok.type == DG_T_NIL) {
        if (advance(P))
            goto fail;
    } else {
        if (expect(P, DG_T_LPAREN, "'(' or a variable"))
            goto fail;
        while (P->tok.type == DG_T_VAR) {
            int *nv = realloc(v->vars, (v->nvars + 1) * sizeof *nv);
            if (!nv)
                goto nomem;
            v->vars = nv;
            if ((nv[v->nvars] = parse_var(P)) < 0)
                goto fail;
            v->nvars++;
        }
        if (expect(P, DG_T_RPAREN, "')' or a variable"))
            goto fail;
    }
    if (expect(P, DG_T_LBRACE, "'{'"))
        goto fail;
    size_t cap = 0;
    while (P->tok.type != DG_T_RBRACE) {
        int rline = P->tok.line, rcol = P->tok.col;
        if (v->nrows * v->nvars + v->nvars > cap || !v->values) {
            size_t nc = cap ? 2 * cap : 8 * (v->nvars + 1);
            struct dg_sterm *nv = realloc(v->values, nc * sizeof *nv);
            if (!nv)
                goto nomem;
            v->values = nv;
            cap = nc;
        }
        struct dg_sterm *row = v->values + v->nrows * v->nvars;
        memset(row, 0, v->nvars * sizeof *row);
        if (one) {
            v->nrows++;
            if (parse_data_value(P, &row[0]))
                goto fail;
            continue;
        }
        if (P->tok.type == DG_T_NIL) {
            if (v->nvars) {
                perr_at(P, rline, rcol, "expected %zu values in the row",
                        v->nvars);
                goto fail;
            }
            v->nrows++;
            if (advance(P))
                goto fail;
            continue;
        }
        if (expect(P, DG_T_LPAREN, "'(' or '}'"))
            goto fail;
        v->nrows++;
        size_t i = 0;
        while (P->tok.type != DG_T_RPAREN) {
            if (i == v->nvars) {
                perr_at(P, P->tok.line, P->tok.col,
                        "more values than variables in the row");
                goto fail;
            }
            if (parse_data_value(P, &row[i]))
                goto fail;
            i++;
        }
        if (i != v->nvars) {
            perr_at(P, rline, rcol,
                    "expected %zu values in the row but found %zu", v->nvars,
                    i);
            goto fail;
        }
        if (advance(P))
            goto fail;
    }
    if (advance(P))
        goto fail;
    return v;
nomem:
    nomem(P);
fail:
    dg_pattern_free(v);
    return NULL;
}

/* conjunction of exprs (consumed) */
static struct dg_expr *
conjunction(struct parser *P, struct dg_expr **exprs, size_t n)
{
    struct dg_expr *e = exprs[0];
    for (size_t i = 1; i < n && e; i++)
        e = expr_binary(P, DG_E_AND, e, exprs[i], e->line, e->col);
    if (!e)
        return NULL;
    return e;
}

static struct dg_pattern *parse_subselect(struct parser *P);

/* a GraphPatternNotTriples or a Filter */
static int
element_start(struct parser *P)
{
    static const char *const kws[] = {"FILTER", "OPTIONAL", "MINUS",  "GRAPH",
                                      "BIND",   "VALUES",   "SERVICE"};
    if (P->tok.type == DG_T_LBRACE)
        return 1;
    for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
        if (is_kw(P, kws[i]))
            return 1;
    return 0;
}

/* GroupGraphPattern: '{' ... '}' (18.2.2.6) */
static struct dg_pattern *
parse_group(struct parser *P)
{
    int line = P->tok.line, col = P->tok.col;
    struct dg_pattern *G = NULL, *X = NULL;
    struct dg_expr **filters = NULL;
    size_t nfilters = 0;
    struct sink k = {0};
    int kline = 0, kcol = 0;
    if (expect(P, DG_T_LBRACE, "'{'"))
        return NULL;
    if (is_kw(P, "SELECT")) {
        G = parse_subselect(P);
        if (G && expect(P, DG_T_RBRACE, "'}'")) {
            dg_pattern_free(G);
            G = NULL;
        }
        P->group_filter = NULL;
        return G;
    }
    P->bgp = -1;
    for (;;) {
        int eline = P->tok.line, ecol = P->tok.col;
        if (P->tok.type == DG_T_RBRACE)
            break;
        if (triples_start(P)) {
            if (P->bgp < 0) {
                P->bgp = P->nbgp++;
                kline = eline;
                kcol = ecol;
            }
            if (parse_triples_same_subject(P, &k, 1))
                goto fail;
            int rc = accept(P, DG_T_DOT);
            if (rc < 0)
                goto fail;
            if (!rc && P->tok.type != DG_T_RBRACE && !element_start(P)) {
                expected(P, "'.' or '}'");
                goto fail;
            }
            continue;
        }
        if (is_kw(P, "FILTER")) {
            if (advance(P))
                goto fail;
            struct dg_expr *f = parse_constraint(P);
            if (!f)
                goto fail;
            struct dg_expr **nf = realloc(filters, (nfilters + 1) * sizeof *nf);
            if (!nf) {
                dg_expr_free(f);
                nomem(P);
                goto fail;
            }
            filters = nf;
            filters[nfilters++] = f;
            if (accept(P, DG_T_DOT) < 0)
                goto fail;
            continue;
        }
        /* any other element ends the triples block */
        if (k.n || k.npaths) {
            struct dg_pattern *b = sink_pattern(P, &k, kline, kcol);
            if (!b || !(G = pat_join(P, G, b)))
                goto fail;
        }
        P->bgp = -1;
        if (is_kw(P, "OPTIONAL") || is_kw(P, "MINUS")) {
            int minus = is_kw(P, "MINUS");
            if (advance(P) || !(X = parse_group(P)))
                goto fail;
            struct dg_pattern *n =
                pat_new(P, minus ? DG_P_MINUS : DG_P_LEFTJOIN, eline, ecol);
            if (!n)
                goto fail;
            if (!minus && X->op == DG_P_FILTER && X == P->group_filter) {
                n->expr = conjunction(P, X->exprs, X->nexprs);
                X->nexprs = 0;
                free(X->exprs);
                X->exprs = NULL;
                struct dg_pattern *in = X->left;
                X->left = NULL;
                dg_pattern_free(X);
                X = in;
                if (!n->expr) {
                    dg_pattern_free(n);
                    goto fail;
                }
            }
            if (!G && !(G = pat_new(P, DG_P_BGP, line, col))) {
                dg_pattern_free(n);
                goto fail;
            }
            n->left = G;
            n->right = X;
            G = n;
            X = NULL;
        } else if (is_kw(P, "GRAPH")) {
            struct dg_pattern *n = pat_new(P, DG_P_GRAPH, eline, ecol);
            if (!n)
                goto fail;
            if (advance(P) ||
                (P->tok.type != DG_T_VAR && !is_iri_tok(P) &&
                 expected(P, "a variable or an IRI")) ||
                parse_var_or_term(P, &n->name) || !(n->left = parse_group(P))) {
                dg_pattern_free(n);
                goto fail;
            }
            if (!(G = pat_join(P, G, n)))
                goto fail;
        } else if (is_kw(P, "SERVICE")) {
            perr_at(P, eline, ecol,
                    "SERVICE is not supported (diplograph does not query "
                    "remote endpoints)");
            goto fail;
        } else if (is_kw(P, "BIND")) {
            struct dg_pattern *n = pat_new(P, DG_P_EXTEND, eline, ecol);
            if (!n)
                goto fail;
            int vline, vcol;
            if (advance(P) || expect(P, DG_T_LPAREN, "'('") ||
                !(n->expr = parse_expr(P)) || expect_kw(P, "AS") ||
                ((vline = P->tok.line), (vcol = P->tok.col),
                 (n->var = parse_var(P)) < 0) ||
                expect(P, DG_T_RPAREN, "')'")) {
                dg_pattern_free(n);
                goto fail;
            }
            unsigned char *set = scope_of(P, G);
            if (!set) {
                dg_pattern_free(n);
                goto fail;
            }
            int in = set[n->var];
            free(set);
            if (in) {
                perr_at(P, vline, vcol,
                        "variable '?%s' of BIND already in scope",
                        P->q->var_names[n->var]);
                dg_pattern_free(n);
                goto fail;
            }
            if (!G && !(G = pat_new(P, DG_P_BGP, line, col))) {
                dg_pattern_free(n);
                goto fail;
            }
            n->left = G;
            G = n;
        } else if (is_kw(P, "VALUES")) {
            if (advance(P) || !(X = parse_data_block(P, eline, ecol)))
                goto fail;
            G = pat_join(P, G, X);
            X = NULL;
            if (!G)
                goto fail;
        } else if (P->tok.type == DG_T_LBRACE) {
            if (!(X = parse_group(P)))
                goto fail;
            while (is_kw(P, "UNION")) {
                int uline = P->tok.line, ucol = P->tok.col;
                struct dg_pattern *r, *u;
                if (advance(P) || !(r = parse_group(P)))
                    goto fail;
                if (!(u = pat_new(P, DG_P_UNION, uline, ucol))) {
                    dg_pattern_free(r);
                    goto fail;
                }
                u->left = X;
                u->right = r;
                X = u;
            }
            G = pat_join(P, G, X);
            X = NULL;
            if (!G)
                goto fail;
        } else {
            expected(P, "a graph pattern or '}'");
            goto fail;
        }
        P->bgp = -1;
        if (accept(P, DG_T_DOT) < 0)
            goto fail;
    }
    if (k.n || k.npaths) {
        struct dg_pattern *b = sink_pattern(P, &k, kline, kcol);
        if (!b || !(G = pat_join(P, G, b)))
            goto fail;
    }
    if (advance(P))
        goto fail;
    if (!G && !(G = pat_new(P, DG_P_BGP, line, col)))
        goto fail;
    P->group_filter = NULL;
    if (nfilters) {
        struct dg_pattern *f = pat_new(P, DG_P_FILTER, line, col);
        if (!f)
            goto fail;
        f->exprs = filters;
        f->nexprs = nfilters;
        f->left = G;
        G = f;
        P->group_filter = f;
    }
    P->bgp = -1;
    return G;
fail:
    sink_free(&k);
    dg_pattern_free(G);
    dg_pattern_free(X);
    for (size_t i = 0; i < nfilters; i++)
        dg_expr_free(filters[i]);
    free(filters);
    return NULL;
}

/* ---- queries ------------------------------------------------------- */

struct selitem {
    int var;
    struct dg_expr *expr; /* NULL for a plain variable */
    int line, col;
};

struct select {
    int star, distinct, reduced;
    int line, col; /* of '*' */
    struct selitem *items;
    size_t nitems;
    /* solution modifiers */
    int has_group;
    struct dg_group_key *group;
    size_t ngroup;
    struct dg_expr **having;
    size_t nhaving;
    struct dg_order_key *order;
    size_t norder;
    long long offset, limit;
    struct dg_pattern *values;
};

static void
select_release(struct select *s)
{
    for (size_t i = 0; i < s->nitems; i++)
        dg_expr_free(s->items[i].expr);
    free(s->items);
    for (size_t i = 0; i < s->ngroup; i++)
        dg_expr_free(s->group[i].expr);
    free(s->group);
    for (size_t i = 0; i < s->nhaving; i++)
        dg_expr_free(s->having[i]);
    free(s->having);
    for (size_t i = 0; i < s->norder; i++)
        dg_expr_free(s->order[i].expr);
    free(s->order);
    dg_pattern_free(s->values);
    memset(s, 0, sizeof *s);
}

static void
aggctx_release(struct aggctx *A)
{
    for (size_t i = 0; i < A->naggs; i++) {
        dg_expr_free(A->aggs[i].expr);
        free(A->aggs[i].separator);
    }
    free(A->aggs);
    memset(A, 0, sizeof *A);
}

/* SelectClause, after SELECT */
static int
parse_select_clause(struct parser *P, struct select *S)
{
    if (is_kw(P, "DISTINCT"))
        S->distinct = 1;
    else if (is_kw(P, "REDUCED"))
        S->reduced = 1;
    if ((S->distinct || S->reduced) && advance(P))
        return -1;
    if (P->tok.type == DG_T_STAR) {
        S->star = 1;
        S->line = P->tok.line;
        S->col = P->tok.col;
        return advance(P);
    }
    for (;;) {
        struct selitem it = {.var = -1, .line = P->tok.line, .col = P->tok.col};
        if (P->tok.type == DG_T_VAR) {
            if ((it.var = parse_var(P)) < 0)
                return -1;
        } else if (P->tok.type == DG_T_LPAREN) {
            P->agg->allowed = 1;
            if (advance(P) || !(it.expr = parse_expr(P)))
                return -1;
            P->agg->allowed = 0;
            if (expect_kw(P, "AS")) {
                dg_expr_free(it.expr);
                return -1;
            }
            it.line = P->tok.line;
            it.col = P->tok.col;
            if ((it.var = parse_var(P)) < 0 || expect(P, DG_T_RPAREN, "')'")) {
                dg_expr_free(it.expr);
                return -1;
            }
        } else if (S->nitems)
            return 0;
        else
            return expected(P, "a variable, '(' or '*'");
        for (size_t i = 0; i < S->nitems; i++)
            if (S->items[i].var == it.var && (it.expr || S->items[i].expr)) {
                dg_expr_free(it.expr);
                return perr_at(P, it.line, it.col,
                               "variable '?%s' projected twice",
                               P->q->var_names[it.var]);
            }
        struct selitem *ni = realloc(S->items, (S->nitems + 1) * sizeof *ni);
        if (!ni) {
            dg_expr_free(it.expr);
            return nomem(P);
        }
        S->items = ni;
        ni[S->nitems++] = it;
    }
}

static int
is_modifier_kw(struct parser *P)
{
    return is_kw(P, "GROUP") || is_kw(P, "HAVING") || is_kw(P, "ORDER") ||
           is_kw(P, "LIMIT") || is_kw(P, "OFFSET") || is_kw(P, "VALUES");
}

/* SolutionModifier and ValuesClause */
static int
parse_modifiers(struct parser *P, struct select *S)
{
    S->limit = -1;
    if (is_kw(P, "GROUP")) {
        S->has_group = 1;
        if (advance(P) || expect_kw(P, "BY"))
            return -1;
        for (;;) {
            struct dg_group_key key = {.var = -1};
            int line = P->tok.line, col = P->tok.col;
            if (P->tok.type == DG_T_VAR) {
                if (!(key.expr = expr_new(P, DG_E_VAR, line, col)) ||
                    (key.expr->var = key.var = parse_var(P)) < 0) {
                    dg_expr_free(key.expr);
                    return -1;
                }
            } else if (P->tok.type == DG_T_LPAREN) {
                if (advance(P) || !(key.expr = parse_expr(P)))
                    return -1;
                if (is_kw(P, "AS")) {
                    if (advance(P) || (key.var = parse_var(P)) < 0) {
                        dg_expr_free(key.expr);
                        return -1;
                    }
                }
                if (expect(P, DG_T_RPAREN, "')'")) {
                    dg_expr_free(key.expr);
                    return -1;
                }
            } else if ((P->tok.type == DG_T_NAME && !is_modifier_kw(P)) ||
                       is_iri_tok(P)) {
                if (!(key.expr = parse_constraint(P)))
                    return -1;
            } else if (S->ngroup)
                break;
            else
                return expected(P, "a group condition");
            struct dg_group_key *ng =
                realloc(S->group, (S->ngroup + 1) * sizeof *ng);
            if (!ng) {
                dg_expr_free(key.expr);
                return nomem(P);
            }
            S->group = ng;
            ng[S->ngroup++] = key;
        }
    }
    if (is_kw(P, "HAVING")) {
        if (advance(P))
            return -1;
        P->agg->allowed = 1;
        do {
            struct dg_expr *e = parse_constraint(P);
            if (!e)
                return -1;
            struct dg_expr **nh =
                realloc(S->having, (S->nhaving + 1) * sizeof *nh);
            if (!nh) {
                dg_expr_free(e);
                return nomem(P);
            }
            S->having = nh;
            nh[S->nhaving++] = e;
        } while (P->tok.type == DG_T_LPAREN ||
                 (P->tok.type == DG_T_NAME && !is_modifier_kw(P)) ||
                 is_iri_tok(P));
        P->agg->allowed = 0;
    }
    if (is_kw(P, "ORDER")) {
        if (advance(P) || expect_kw(P, "BY"))
            return -1;
        P->agg->allowed = 1;
        for (;;) {
            struct dg_order_key key = {0};
            if (is_kw(P, "ASC") || is_kw(P, "DESC")) {
                key.desc = is_kw(P, "DESC");
                if (advance(P))
                    return -1;
                if (P->tok.type != DG_T_LPAREN)
                    return expected(P, "'('");
                if (!(key.expr = parse_primary(P)))
                    return -1;
            } else if (P->tok.type == DG_T_VAR) {
                if (!(key.expr = parse_primary(P)))
                    return -1;
            } else if (P->tok.type == DG_T_LPAREN ||
                       (P->tok.type == DG_T_NAME && !is_modifier_kw(P)) ||
                       is_iri_tok(P)) {
                if (!(key.expr = parse_constraint(P)))
                    return -1;
            } else if (S->norder)
                break;
            else
                return expected(P, "an order condition");
            struct dg_order_key *no =
                realloc(S->order, (S->norder + 1) * sizeof *no);
            if (!no) {
                dg_expr_free(key.expr);
                return nomem(P);
            }
            S->order = no;
            no[S->norder++] = key;
        }
        P->agg->allowed = 0;
    }
    for (int round = 0; round < 2; round++) {
        int lim = is_kw(P, "LIMIT");
        if (!lim && !is_kw(P, "OFFSET"))
            break;
        if ((lim && S->limit >= 0) || (!lim && S->offset > 0))
            return expected(P, "one LIMIT and one OFFSET");
        if (advance(P))
            return -1;
        if (P->tok.type != DG_T_INTEGER || is_signed_number(P))
            return expected(P, "an integer");
        long long n = strtoll(P->tok.val, NULL, 10);
        if (lim)
            S->limit = n;
        else
            S->offset = n;
        if (advance(P))
            return -1;
    }
    if (is_kw(P, "VALUES")) {
        int line = P->tok.line, col = P->tok.col;
        if (advance(P) || !(S->values = parse_data_block(P, line, col)))
            return -1;
    }
    return 0;
}

static int
expr_vars_ok(struct parser *P, const struct dg_expr *e, const unsigned char *ok,
             int *bad)
{
    if (!e)
        return 1;
    if (e->op == DG_E_VAR && !ok[e->var]) {
        *bad = e->var;
        return 0;
    }
    for (size_t i = 0; i < e->nargs; i++)
        if (!expr_vars_ok(P, e->args[i], ok, bad))
            return 0;
    return 1;
}

static struct dg_pattern *
wrap(struct parser *P, int op, struct dg_pattern *in)
{
    struct dg_pattern *n = pat_new(P, op, in->line, in->col);
    if (!n) {
        dg_pattern_free(in);
        return NULL;
    }
    n->left = in;
    return n;
}

/* 18.2.4: the modifiers around where (consumed); for SELECT fills
 * proj and nproj (the projected variables, caller frees) */
static struct dg_pattern *
assemble(struct parser *P, struct dg_pattern *where, struct select *S, int form,
         int **proj, size_t *nproj)
{
    struct aggctx *A = P->agg;
    struct dg_pattern *G = where;
    unsigned char *ok = NULL;
    int *pv = NULL;
    size_t npv = 0;
    int aggq = S->has_group || A->naggs;

    if (aggq) {
        if (S->star) {
            perr_at(P, S->line, S->col,
                    "SELECT * not allowed with GROUP BY or aggregates");
            goto fail;
        }
        struct dg_pattern *g = wrap(P, DG_P_GROUP, G);
        G = g;
        if (!g)
            goto fail;
        g->group = S->group;
        g->ngroup = S->ngroup;
        S->group = NULL;
        S->ngroup = 0;
        g->aggs = A->aggs;
        g->naggs = A->naggs;
        A->aggs = NULL;
        A->naggs = A->cap = 0;
    }
    if (S->nhaving) {
        struct dg_pattern *f = wrap(P, DG_P_FILTER, G);
        G = f;
        if (!f)
            goto fail;
        f->exprs = S->having;
        f->nexprs = S->nhaving;
        S->having = NULL;
        S->nhaving = 0;
    }
    if (S->values) {
        G = pat_join(P, G, S->values);
        S->values = NULL;
        if (!G)
            goto fail;
    }
    if (form == DG_Q_SELECT) {
        /* the variables a SELECT expression may use */
        if (!(ok = scope_of(P, G)))
            goto fail;
        unsigned char *inscope = scope_of(P, G);
        if (!inscope)
            goto fail;
        for (size_t i = 0; i < S->nitems; i++) {
            struct selitem *it = &S->items[i];
            int bad = -1;
            if (it->expr && inscope[it->var]) {
                free(inscope);
                perr_at(P, it->line, it->col, "variable '?%s' already in scope",
                        P->q->var_names[it->var]);
                goto fail;
            }
            if (aggq && ((!it->expr && !ok[it->var]) ||
                         !expr_vars_ok(P, it->expr, ok, &bad))) {
                if (bad < 0)
                    bad = it->var;
                free(inscope);
                perr_at(P, it->line, it->col, "variable '?%s' is not grouped",
                        P->q->var_names[bad]);
                goto fail;
            }
            if (it->expr) {
                struct dg_pattern *x = wrap(P, DG_P_EXTEND, G);
                G = x;
                if (!x) {
                    free(inscope);
                    goto fail;
                }
                x->var = it->var;
                x->expr = it->expr;
                it->expr = NULL;
                ok[it->var] = 1;
                inscope[it->var] = 1;
            }
        }
        /* the projection */
        if (S->star) {
            for (size_t v = 0; v < P->q->nvars; v++)
                if (inscope[v] && !P->hidden[v])
                    npv++;
            pv = malloc((npv + 1) * sizeof *pv);
            if (pv) {
                npv = 0;
                for (size_t v = 0; v < P->q->nvars; v++)
                    if (inscope[v] && !P->hidden[v])
                        pv[npv++] = (int)v;
            }
        } else {
            pv = malloc((S->nitems + 1) * sizeof *pv);
            if (pv)
                for (size_t i = 0; i < S->nitems; i++) {
                    size_t j;
                    for (j = 0; j < npv && pv[j] != S->items[i].var; j++)
                        ;
                    if (j == npv)
                        pv[npv++] = S->items[i].var;
                }
        }
        free(inscope);
        if (!pv) {
            nomem(P);
            goto fail;
        }
    }
    if (S->norder) {
        struct dg_pattern *o = wrap(P, DG_P_ORDER, G);
        G = o;
        if (!o)
            goto fail;
        o->keys = S->order;
        o->nkeys = S->norder;
        S->order = NULL;
        S->norder = 0;
    }
    if (form == DG_Q_SELECT) {
        struct dg_pattern *pr = wrap(P, DG_P_PROJECT, G);
        G = pr;
        if (!pr)
            goto fail;
        if (!(pr->vars = malloc((npv + 1) * sizeof *pr->vars))) {
            nomem(P);
            goto fail;
        }
        memcpy(pr->vars, pv, npv * sizeof *pv);
        pr->nvars = npv;
    }
    if (S->distinct || S->reduced) {
        G = wrap(P, S->distinct ? DG_P_DISTINCT : DG_P_REDUCED, G);
        if (!G)
            goto fail;
    }
    if (S->offset > 0 || S->limit >= 0) {
        struct dg_pattern *sl = wrap(P, DG_P_SLICE, G);
        G = sl;
        if (!sl)
            goto fail;
        sl->offset = S->offset;
        sl->limit = S->limit;
    }
    free(ok);
    if (proj) {
        *proj = pv;
        *nproj = npv;
    } else
        free(pv);
    return G;
fail:
    free(ok);
    free(pv);
    dg_pattern_free(G);
    return NULL;
}

/* SubSelect, at SELECT (inside '{') */
static struct dg_pattern *
parse_subselect(struct parser *P)
{
    struct select S = {0};
    struct aggctx A = {0}, *outer = P->agg;
    struct dg_pattern *where = NULL, *r = NULL;
    int bgp = P->bgp;
    P->agg = &A;
    if (advance(P) || parse_select_clause(P, &S))
        goto out;
    if (is_kw(P, "WHERE") && advance(P))
        goto out;
    if (!(where = parse_group(P)) || parse_modifiers(P, &S))
        goto out;
    r = assemble(P, where, &S, DG_Q_SELECT, NULL, NULL);
    where = NULL;
out:
    dg_pattern_free(where);
    select_release(&S);
    aggctx_release(&A);
    P->agg = outer;
    P->bgp = bgp;
    return r;
}

static int
parse_dataset(struct parser *P)
{
    struct dg_query *q = P->q;
    while (is_kw(P, "FROM")) {
        int named = 0;
        if (advance(P))
            return -1;
        if (is_kw(P, "NAMED")) {
            named = 1;
            if (advance(P))
                return -1;
        }
        char *iri = parse_iri(P);
        if (!iri)
            return -1;
        char ***arr = named ? &q->from_named : &q->from;
        size_t *n = named ? &q->nfrom_named : &q->nfrom;
        char **na = realloc(*arr, (*n + 1) * sizeof *na);
        if (!na) {
            free(iri);
            return nomem(P);
        }
        *arr = na;
        na[(*n)++] = iri;
    }
    return 0;
}

static int
parse_prologue(struct parser *P)
{
    for (;;) {
        if (is_kw(P, "BASE")) {
            if (advance(P))
                return -1;
            if (P->tok.type != DG_T_IRIREF)
                return expected(P, "an IRI");
            char *b = iri_resolve(P->base, P->tok.val);
            if (!b)
                return nomem(P);
            free(P->base);
            P->base = b;
            if (advance(P))
                return -1;
        } else if (is_kw(P, "PREFIX")) {
            if (advance(P))
                return -1;
            if (P->tok.type != DG_T_PNAME_NS)
                return expected(P, "a prefix name");
            char *name = strdup(P->tok.val);
            if (!name)
                return nomem(P);
            if (advance(P)) {
                free(name);
                return -1;
            }
            if (P->tok.type != DG_T_IRIREF) {
                free(name);
                return expected(P, "an IRI");
            }
            char *iri = parse_iri(P);
            if (!iri) {
                free(name);
                return -1;
            }
            size_t i;
            for (i = 0; i < P->nprefixes; i++)
                if (!strcmp(P->prefixes[i].name, name))
                    break;
            if (i < P->nprefixes) {
                free(name);
                free(P->prefixes[i].iri);
                P->prefixes[i].iri = iri;
                continue;
            }
            struct prefix *np =
                realloc(P->prefixes, (P->nprefixes + 1) * sizeof *np);
            if (!np) {
                free(name);
                free(iri);
                return nomem(P);
            }
            P->prefixes = np;
            np[P->nprefixes].name = name;
            np[P->nprefixes].iri = iri;
            P->nprefixes++;
        } else
            return 0;
    }
}

/* ConstructTemplate / ConstructTriples into q->template_ */
static int
parse_template(struct parser *P, struct sink *k)
{
    if (expect(P, DG_T_LBRACE, "'{'"))
        return -1;
    P->in_template = 1;
    while (P->tok.type != DG_T_RBRACE) {
        if (!triples_start(P)) {
            P->in_template = 0;
            return expected(P, "a triple or '}'");
        }
        if (parse_triples_same_subject(P, k, 0)) {
            P->in_template = 0;
            return -1;
        }
        int rc = accept(P, DG_T_DOT);
        if (rc < 0)
            return -1;
        if (!rc && P->tok.type != DG_T_RBRACE) {
            P->in_template = 0;
            return expected(P, "'.' or '}'");
        }
    }
    P->in_template = 0;
    return advance(P);
}

static int
template_blank(struct parser *P, struct dg_pnode *n)
{
    if (n->var < 0 || !P->hidden[n->var])
        return 0;
    char label[40];
    snprintf(label, sizeof label, "?%s", P->q->var_names[n->var]);
    n->var = -1;
    if (dg_sterm_set_str(&n->term, DG_ST_BLANK, label, NULL, NULL))
        return nomem(P);
    return 0;
}

static int
template_blanks(struct parser *P, struct dg_tpat *t)
{
    return template_blank(P, &t->s) || template_blank(P, &t->p) ||
           template_blank(P, &t->o);
}

static int
update_keyword(struct parser *P)
{
    static const char *const kws[] = {"INSERT", "DELETE", "LOAD", "CLEAR",
                                      "DROP",   "CREATE", "ADD",  "MOVE",
                                      "COPY",   "WITH"};
    for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
        if (is_kw(P, kws[i]))
            return 1;
    return 0;
}

static int
parse_query(struct parser *P)
{
    struct dg_query *q = P->q;
    struct select S = {0};
    struct aggctx A = {0};
    struct sink tmpl = {0};
    struct dg_pattern *where = NULL;
    int rc = -1;
    P->agg = &A;
    if (parse_prologue(P))
        goto out;
    if (is_kw(P, "SELECT")) {
        q->form = DG_Q_SELECT;
        if (advance(P) || parse_select_clause(P, &S))
            goto out;
    } else if (is_kw(P, "CONSTRUCT")) {
        q->form = DG_Q_CONSTRUCT;
        if (advance(P))
            goto out;
        if (P->tok.type == DG_T_LBRACE) {
            if (parse_template(P, &tmpl))
                goto out;
        } else {
            /* CONSTRUCT DatasetClause* WHERE { TriplesTemplate? } */
            int line, col;
            if (parse_dataset(P) || expect_kw(P, "WHERE"))
                goto out;
            line = P->tok.line;
            col = P->tok.col;
            if (expect(P, DG_T_LBRACE, "'{'"))
                goto out;
            struct sink k = {0};
            P->bgp = P->nbgp++;
            while (P->tok.type != DG_T_RBRACE) {
                if (!triples_start(P)) {
                    expected(P, "a triple or '}'");
                    sink_free(&k);
                    goto out;
                }
                if (parse_triples_same_subject(P, &k, 0)) {
                    sink_free(&k);
                    goto out;
                }
                int r = accept(P, DG_T_DOT);
                if (r < 0 || (!r && P->tok.type != DG_T_RBRACE &&
                              expected(P, "'.' or '}'"))) {
                    sink_free(&k);
                    goto out;
                }
            }
            if (advance(P)) {
                sink_free(&k);
                goto out;
            }
            /* the template: the same triples, where the pattern's blank
             * nodes (hidden variables) are template blank nodes again */
            for (size_t i = 0; i < k.n; i++) {
                if (sink_add(P, &tmpl, &k.t[i].s, &k.t[i].p, &k.t[i].o) ||
                    template_blanks(P, &tmpl.t[tmpl.n - 1])) {
                    sink_free(&k);
                    goto out;
                }
            }
            if (!(where = sink_pattern(P, &k, line, col)) ||
                parse_modifiers(P, &S))
                goto out;
            goto assemble;
        }
    } else if (is_kw(P, "ASK")) {
        q->form = DG_Q_ASK;
        if (advance(P))
            goto out;
    } else if (is_kw(P, "DESCRIBE")) {
        q->form = DG_Q_DESCRIBE;
        if (advance(P))
            goto out;
        if (P->tok.type == DG_T_STAR) {
            q->describe_all = 1;
            if (advance(P))
                goto out;
        } else {
            do {
                struct dg_pnode *nd =
                    realloc(q->describe, (q->ndescribe + 1) * sizeof *nd);
                if (!nd) {
                    nomem(P);
                    goto out;
                }
                q->describe = nd;
                memset(&nd[q->ndescribe], 0, sizeof *nd);
                nd[q->ndescribe].var = -1;
                q->ndescribe++;
                if (P->tok.type != DG_T_VAR && !is_iri_tok(P)) {
                    expected(P, "a variable or an IRI");
                    goto out;
                }
                if (parse_var_or_term(P, &nd[q->ndescribe - 1]))
                    goto out;
            } while (P->tok.type == DG_T_VAR || is_iri_tok(P));
        }
    } else if (update_keyword(P)) {
        perr_at(P, P->tok.line, P->tok.col,
                "SPARQL Update is not supported (%s): only queries",
                P->tok.val);
        goto out;
    } else {
        expected(P, "SELECT, CONSTRUCT, ASK or DESCRIBE");
        goto out;
    }
    if (parse_dataset(P))
        goto out;
    if (q->form == DG_Q_DESCRIBE && !is_kw(P, "WHERE") &&
        P->tok.type != DG_T_LBRACE) {
        if (!(where = pat_new(P, DG_P_BGP, P->tok.line, P->tok.col)))
            goto out;
    } else {
        if (is_kw(P, "WHERE")) {
            if (advance(P))
                goto out;
        } else if (q->form == DG_Q_SELECT && P->tok.type != DG_T_LBRACE) {
            expected(P, "'WHERE' or '{'");
            goto out;
        }
        if (!(where = parse_group(P)))
            goto out;
    }
    if (parse_modifiers(P, &S))
        goto out;
assemble:
    if (P->tok.type != DG_T_EOF) {
        if (update_keyword(P) || P->tok.type == DG_T_SEMI)
            perr_at(P, P->tok.line, P->tok.col,
                    "SPARQL Update is not supported: only queries");
        else
            expected(P, "end of query");
        goto out;
    }
    q->pattern = assemble(P, where, &S, q->form, &q->proj, &q->nproj);
    where = NULL;
    if (!q->pattern)
        goto out;
    q->template_ = tmpl.t;
    q->ntemplate = tmpl.n;
    tmpl.t = NULL;
    tmpl.n = 0;
    rc = 0;
out:
    sink_free(&tmpl);
    dg_pattern_free(where);
    select_release(&S);
    aggctx_release(&A);
    P->agg = NULL;
    return rc;
}

struct dg_query *
dg_sparql_parse(const char *text, const char *base, struct dg_error *err)
{
    struct parser P = {0};
    struct dg_query *q = NULL;
    P.err = err;
    P.bgp = -1;
    if (dg_lex_init(&P.lx, text, err))
        return NULL;
    if (!(q = calloc(1, sizeof *q))) {
        nomem(&P);
        goto out;
    }
    P.q = q;
    if (base && !(P.base = strdup(base))) {
        nomem(&P);
        goto fail;
    }
    if (advance(&P) || parse_query(&P))
        goto fail;
    if (P.base && !(q->base = strdup(P.base))) {
        nomem(&P);
        goto fail;
    }
    goto out;
fail:
    dg_query_free(q);
    q = NULL;
out:
    dg_token_clear(&P.tok);
    dg_token_clear(&P.next);
    dg_lex_release(&P.lx);
    free(P.base);
    for (size_t i = 0; i < P.nprefixes; i++) {
        free(P.prefixes[i].name);
        free(P.prefixes[i].iri);
    }
    free(P.prefixes);
    for (size_t i = 0; i < P.nlabels; i++)
        free(P.labels[i].label);
    free(P.labels);
    free(P.hidden);
    return q;
}
