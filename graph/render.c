/* render.c: see render.h.  The only file that includes Graphviz headers;
 * cgraph's non-const `char *` parameters are cast here and nowhere else. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "common/buf.h"
#include "common/ns.h"
#include "graph/render.h"

/* label lines are wrapped at about this many characters */
#define WRAP_WIDTH 24

/* ---- query headers */

static void
copy_trimmed(char *dst, size_t size, const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* copies the first word of s (up to space, ';', ',' or '(') */
static void
copy_word(char *dst, size_t size, const char *s)
{
    size_t n = 0;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '?' || *s == '$')
        s++;
    while (s[n] && !isspace((unsigned char)s[n]) && !strchr(";,()", s[n]))
        n++;
    copy_trimmed(dst, size, s, n);
}

static void
parse_render(struct dg_query_header *h, const char *v)
{
    char part[256], word[64];
    int first = 1;
    while (*v) {
        size_t n = strcspn(v, ";");
        copy_trimmed(part, sizeof part, v, n);
        if (!strncmp(part, "engine=", 7)) {
            copy_word(h->engine, sizeof h->engine, part + 7);
        } else if (!strncmp(part, "cluster=", 8)) {
            copy_word(h->cluster, sizeof h->cluster, part + 8);
        } else if (!strncmp(part, "edges=", 6)) {
            copy_word(word, sizeof word, part + 6);
            h->undirected = !strcmp(word, "undirected");
        } else if (first) {
            copy_word(word, sizeof word, part);
            if (!strcmp(word, "none") || dg_render_engine_ok(word))
                copy_trimmed(h->engine, sizeof h->engine, word, strlen(word));
        }
        first = 0;
        v += n;
        if (*v == ';')
            v++;
    }
}

void
dg_query_header_parse(const char *sparql, struct dg_query_header *h)
{
    const char *p = sparql;
    memset(h, 0, sizeof *h);
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        const char *l = p, *end = p + len;
        char line[1024], key[32];
        while (l < end && isspace((unsigned char)*l))
            l++;
        if (l < end && *l != '#')
            break; /* the header ends at the first line of SPARQL */
        if (l < end) {
            size_t k = 0;
            l++;
            while (l < end && isspace((unsigned char)*l))
                l++;
            while (l + k < end && (isalnum((unsigned char)l[k]) || l[k] == '-'))
                k++;
            if (k > 0 && k < sizeof key && l + k < end && l[k] == ':') {
                memcpy(key, l, k);
                key[k] = '\0';
                copy_trimmed(line, sizeof line, l + k + 1,
                             (size_t)(end - (l + k + 1)));
                if (!strcmp(key, "title"))
                    copy_trimmed(h->title, sizeof h->title, line, strlen(line));
                else if (!strcmp(key, "question"))
                    copy_trimmed(h->question, sizeof h->question, line,
                                 strlen(line));
                else if (!strcmp(key, "render"))
                    parse_render(h, line);
                else if (!strcmp(key, "cluster"))
                    copy_word(h->cluster, sizeof h->cluster, line);
                else if (!strcmp(key, "edges"))
                    h->undirected = !strcmp(line, "undirected");
            }
        }
        p = eol ? eol + 1 : NULL;
    }
}

/* ---- whitelists */

int
dg_render_format_ok(const char *format)
{
    static const char *const ok[] = {"svg", "png", "pdf", "dot"};
    for (size_t i = 0; format && i < sizeof ok / sizeof ok[0]; i++)
        if (!strcmp(format, ok[i]))
            return 1;
    return 0;
}

const char *
dg_render_anchor(const char *iri, char *buf, size_t size)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    const char *tail = iri, *p;
    size_t n = 0, slashes = 0;
    char part[68];

    for (p = iri; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (p = iri + strlen(iri); p > iri; p--) /* the last two segments */
        if ((p[-1] == '/' || p[-1] == '#') && ++slashes == 2)
            break;
    tail = p;
    for (p = tail; *p && n < 64; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '_';
        if (ok)
            part[n++] = c;
        else if (n && part[n - 1] != '-')
            part[n++] = '-';
    }
    part[n] = '\0';
    snprintf(buf, size, "e-%s%s%08" PRIx32, part,
             n && part[n - 1] == '-' ? "" : "-", h);
    return buf;
}

int
dg_render_engine_ok(const char *engine)
{
    static const char *const ok[] = {"dot", "neato", "sfdp", "circo", "fdp"};
    for (size_t i = 0; engine && i < sizeof ok / sizeof ok[0]; i++)
        if (!strcmp(engine, ok[i]))
            return 1;
    return 0;
}

/* ---- the visual language: one style per kind */

struct kind_style {
    const char *kind; /* dg_store_kind's name; NULL: anything else */
    const char *shape, *style, *fillcolor, *color, *fontcolor;
};

static const struct kind_style styles[] = {
    {"country", "box", "filled", "#c6dbef", "#2171b5", "#08306b"},
    {"person", "ellipse", "filled", "#fdd0a2", "#d94801", "#000000"},
    {"organisation", "hexagon", "filled", "#c7e9c0", "#238b45", "#00441b"},
    {"event", "note", "filled", "#fff7bc", "#cc9a06", "#000000"},
    {"topic", "box", "rounded,filled", "#efedf5", "#6a51a3", "#3f007d"},
    {"place", "house", "filled", "#e0e0e0", "#636363", "#000000"},
    {"article", "tab", "filled", "#f2f0f7", "#756bb1", "#000000"},
    {"sentence", "plain", "", "", "#969696", "#525252"},
    {"action", "cds", "filled", "#fcbba1", "#cb181d", "#000000"},
    /* an organisation whose dg:orgKind is "media" */
    {"news outlet", "component", "filled", "#fde0ef", "#c51b7d", "#000000"},
    {NULL, "ellipse", "dashed", "", "#969696", "#000000"},
};
#define NSTYLES (sizeof styles / sizeof styles[0])

static size_t
style_index(const char *kind)
{
    for (size_t i = 0; i + 1 < NSTYLES; i++)
        if (kind && !strcmp(kind, styles[i].kind))
            return i;
    return NSTYLES - 1;
}

/* ---- Graphviz messages: captured, never printed */

static _Thread_local char gv_msg[256];
static _Thread_local int gv_capturing;

static int
gv_errf(char *msg)
{
    if (!strcmp(msg, "Error")) {
        gv_capturing = 1;
        gv_msg[0] = '\0';
        return 0;
    }
    if (!strcmp(msg, "Warning")) {
        gv_capturing = 0;
        return 0;
    }
    if (gv_capturing) {
        size_t n = strlen(gv_msg);
        if (n == 0 && !strcmp(msg, ": "))
            return 0;
        snprintf(gv_msg + n, sizeof gv_msg - n, "%s", msg);
        for (char *c = gv_msg; *c; c++)
            if (*c == '\n' || *c == '\r')
                *c = ' ';
    }
    return 0;
}

static const char *
gv_error_text(const char *fallback)
{
    size_t n = strlen(gv_msg);
    while (n > 0 && gv_msg[n - 1] == ' ')
        gv_msg[--n] = '\0';
    return n ? gv_msg : fallback;
}

/* ---- the graph as plain data, before Graphviz sees it */

struct rnode {
    int type;            /* DG_TERM_IRI or DG_TERM_BLANK */
    const char *value;   /* borrowed from the results */
    const char *cluster; /* borrowed: value of its cluster term, or NULL */
    int cluster_type;
    char **attrs; /* owned "key: value" lines */
    size_t nattrs;
    size_t degree;
    const char *label; /* borrowed from the store: dg_store_label, or NULL */
    int label_done;    /* label was looked up */
    int has_edge;      /* scratch for apply_edge_limit */
    int keep;
    size_t cluster_ix; /* index into the cluster list when kept */
    Agnode_t *an;
};

struct redge {
    size_t s, t;       /* s < t when undirected */
    const char *label; /* borrowed (results, store or IRI), or NULL */
    int undirected;
    const char *wname; /* borrowed: the column of its count, or NULL */
    const char *wtext; /* borrowed: the count as written, or NULL */
    double w;          /* the count; the largest of duplicate rows */
    int keep;          /* drawn: see apply_edge_limit */
    int both;          /* directed both ways (s < t): one edge, two arrows */
};

struct cluster {
    int type;
    const char *value; /* borrowed from the results */
    Agraph_t *sg;
};

struct rgraph {
    const struct dg_results *symmetric; /* borrowed: ?p rows, or NULL */
    struct rnode *nodes;
    size_t nnodes;
    struct redge *edges;
    size_t nedges, edges_cap;
    struct cluster *clusters;
    size_t nclusters;
};

static int
is_node_term(const struct dg_term *t)
{
    return t->value && (t->type == DG_TERM_IRI || t->type == DG_TERM_BLANK);
}

static int
cmp_term(int ta, const char *va, int tb, const char *vb)
{
    if (ta != tb)
        return ta < tb ? -1 : 1;
    return strcmp(va, vb);
}

static int
cmp_node(const void *a, const void *b)
{
    const struct rnode *x = a, *y = b;
    return cmp_term(x->type, x->value, y->type, y->value);
}

static struct rnode *
find_node(struct rgraph *g, const struct dg_term *t)
{
    struct rnode key;
    if (!is_node_term(t))
        return NULL;
    key.type = t->type;
    key.value = t->value;
    return bsearch(&key, g->nodes, g->nnodes, sizeof *g->nodes, cmp_node);
}

static int
cmp_str_null(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int
cmp_edge(const void *a, const void *b)
{
    const struct redge *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->undirected != y->undirected)
        return x->undirected - y->undirected;
    return cmp_str_null(x->label, y->label);
}

static void
rgraph_release(struct rgraph *g)
{
    for (size_t i = 0; i < g->nnodes; i++) {
        for (size_t k = 0; k < g->nodes[i].nattrs; k++)
            free(g->nodes[i].attrs[k]);
        free(g->nodes[i].attrs);
    }
    free(g->nodes);
    free(g->edges);
    free(g->clusters);
    memset(g, 0, sizeof *g);
}

/* the part of an IRI after its last '#' or '/' (borrowed) */
static const char *
local_name(const char *iri)
{
    const char *h = strrchr(iri, '#'), *s = strrchr(iri, '/');
    const char *p = h && (!s || h > s) ? h : s;
    return p && p[1] ? p + 1 : iri;
}

/* a display text for a term: label, literal value, or local name */
static const char *
term_text(struct dg_store *st, const struct dg_term *t)
{
    const char *l;
    if (!t->value)
        return NULL;
    if (t->type == DG_TERM_LITERAL)
        return t->value;
    if (t->type == DG_TERM_BLANK)
        return "(anonymous)";
    l = dg_store_label(st, t->value);
    return l ? l : local_name(t->value);
}

static int
node_add_attr(struct rnode *n, const char *key, const char *value)
{
    size_t len = strlen(key) + strlen(value) + 3;
    char *line = malloc(len), **na;
    if (!line)
        return -1;
    snprintf(line, len, "%s: %s", key, value);
    for (size_t i = 0; i < n->nattrs; i++)
        if (!strcmp(n->attrs[i], line)) {
            free(line);
            return 0;
        }
    if (!(na = realloc(n->attrs, (n->nattrs + 1) * sizeof *na))) {
        free(line);
        return -1;
    }
    n->attrs = na;
    n->attrs[n->nattrs++] = line;
    return 0;
}

/* the node's store label, looked up once (borrowed, may be NULL) */
static const char *
node_label(struct dg_store *st, struct rnode *n)
{
    if (!n->label_done && n->type == DG_TERM_IRI)
        n->label = dg_store_label(st, n->value);
    n->label_done = 1;
    return n->label;
}

/* 1 when t is a numeric literal (a count, a sum) */
static int
is_number(const struct dg_term *t)
{
    static const char *const types[] = {"integer",
                                        "decimal",
                                        "double",
                                        "float",
                                        "int",
                                        "long",
                                        "short",
                                        "nonNegativeInteger",
                                        "positiveInteger",
                                        "unsignedLong",
                                        "unsignedInt"};
    size_t nl = strlen(DG_NS_XSD);
    if (t->type != DG_TERM_LITERAL || !t->value || !t->datatype ||
        strncmp(t->datatype, DG_NS_XSD, nl) != 0)
        return 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(t->datatype + nl, types[i]))
            return 1;
    return 0;
}

/* 1 when the edge term is a predicate the ontology calls symmetric */
static int
is_symmetric(const struct rgraph *g, const struct dg_term *p)
{
    if (!g->symmetric || !p->value || p->type != DG_TERM_IRI)
        return 0;
    for (size_t i = 0; i < g->symmetric->nrows; i++) {
        const struct dg_term *x = dg_results_cell(g->symmetric, i, 0);
        if (x->value && !strcmp(x->value, p->value))
            return 1;
    }
    return 0;
}

/* the predicates declared owl:SymmetricProperty; NULL when none or on
 * failure (then every edge keeps its direction) */
static struct dg_results *
symmetric_predicates(struct dg_store *st)
{
    static const char q[] =
        "SELECT DISTINCT ?p WHERE { GRAPH <" DG_ONTOLOGY_GRAPH
        "> { ?p a <" DG_NS_OWL "SymmetricProperty> } } ORDER BY ?p";
    return dg_store_query(st, q, NULL);
}

static int
add_edge(struct rgraph *g, size_t s, size_t t, const char *label,
         int undirected)
{
    if (g->nedges == g->edges_cap) {
        size_t nc = g->edges_cap ? g->edges_cap * 2 : 64;
        struct redge *ne = realloc(g->edges, nc * sizeof *ne);
        if (!ne)
            return -1;
        g->edges = ne;
        g->edges_cap = nc;
    }
    memset(&g->edges[g->nedges], 0, sizeof *g->edges);
    g->edges[g->nedges].s = undirected && t < s ? t : s;
    g->edges[g->nedges].t = undirected && t < s ? s : t;
    g->edges[g->nedges].label = label;
    g->edges[g->nedges].undirected = undirected;
    g->nedges++;
    return 0;
}

/* which columns hold what */
struct columns {
    long src, edge, tgt, clu; /* -1: none */
};

static long
var_index(const struct dg_results *r, const char *name)
{
    for (size_t i = 0; i < r->nvars; i++)
        if (!strcmp(r->vars[i], name))
            return (long)i;
    return -1;
}

static int
first_bound_is_node(const struct dg_results *r, size_t col)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const struct dg_term *t = dg_results_cell(r, i, col);
        if (t->value)
            return is_node_term(t);
    }
    return 0;
}

static int
choose_columns(const struct dg_results *r, const struct dg_query_header *h,
               struct columns *c, struct dg_error *err)
{
    c->src = c->edge = c->tgt = c->clu = -1;
    if (r->kind == DG_RESULTS_BOOLEAN)
        return dg_error_set(
            err, DG_ERR_QUERY,
            "cannot draw an ASK query: use SELECT or CONSTRUCT");
    if (r->nrows == 0)
        return 0; /* an empty diagram that says so */
    if (r->kind == DG_RESULTS_GRAPH) {
        c->src = 0;
        c->edge = 1;
        c->tgt = 2;
    } else if ((c->src = var_index(r, "source")) >= 0 &&
               (c->tgt = var_index(r, "target")) >= 0) {
        c->edge = var_index(r, "edge");
    } else if (r->nvars == 2 || r->nvars == 3) {
        c->src = 0;
        c->tgt = (long)r->nvars - 1;
        c->edge = r->nvars == 3 ? 1 : -1;
    } else if (r->nvars > 3) {
        c->src = c->tgt = -1;
        for (size_t i = 0; i < r->nvars && c->tgt < 0; i++)
            if (first_bound_is_node(r, i)) {
                if (c->src < 0)
                    c->src = (long)i;
                else
                    c->tgt = (long)i;
            }
        if (c->tgt < 0) {
            c->src = 0;
            c->tgt = 1;
        }
    } else {
        return dg_error_set(err, DG_ERR_QUERY,
                            "cannot draw results with %zu column%s: select "
                            "?source ?target (and ?edge), or use CONSTRUCT",
                            r->nvars, r->nvars == 1 ? "" : "s");
    }
    if (h && h->cluster[0]) {
        if (r->kind == DG_RESULTS_GRAPH ||
            (c->clu = var_index(r, h->cluster)) < 0)
            return dg_error_set(err, DG_ERR_QUERY,
                                "cluster column '?%s' is not in the results",
                                h->cluster);
    }
    return 0;
}

/* the text of an edge's label for row i (borrowed) */
static const char *
edge_label(struct dg_store *st, const struct dg_results *r,
           const struct columns *c, size_t i)
{
    if (c->edge < 0)
        return NULL;
    return term_text(st, dg_results_cell(r, i, (size_t)c->edge));
}

static int
collect_nodes(struct rgraph *g, const struct dg_results *r,
              const struct columns *c)
{
    size_t n = 0;
    g->nodes = calloc(r->nrows * 2 + 1, sizeof *g->nodes);
    if (!g->nodes)
        return -1;
    for (size_t i = 0; i < r->nrows; i++) {
        const struct dg_term *s = dg_results_cell(r, i, (size_t)c->src);
        const struct dg_term *t = dg_results_cell(r, i, (size_t)c->tgt);
        if (!is_node_term(s))
            continue;
        g->nodes[n].type = s->type;
        g->nodes[n++].value = s->value;
        if (is_node_term(t)) {
            g->nodes[n].type = t->type;
            g->nodes[n++].value = t->value;
        }
    }
    if (n)
        qsort(g->nodes, n, sizeof *g->nodes, cmp_node);
    g->nnodes = 0;
    for (size_t i = 0; i < n; i++)
        if (g->nnodes == 0 ||
            cmp_node(&g->nodes[g->nnodes - 1], &g->nodes[i]) != 0)
            g->nodes[g->nnodes++] = g->nodes[i];
    return 0;
}

/* a directed edge stated both ways with one label (A requests from B, B
 * requests from A) becomes one edge with two arrows, kept as s < t with
 * the larger count: two lines between one pair read as clutter.  The
 * edges are sorted and unique (cmp_edge). */
static void
merge_reverse(struct rgraph *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->nedges; i++) { /* mark: both, or -1 merged */
        struct redge *e = &g->edges[i], key = *e, *r;
        if (e->undirected || e->s >= e->t)
            continue;
        key.s = e->t;
        key.t = e->s;
        if (!(r = bsearch(&key, g->edges, g->nedges, sizeof *g->edges,
                          cmp_edge)))
            continue;
        e->both = 1;
        r->both = -1;
        if (r->wtext && (!e->wtext || r->w > e->w)) {
            e->wname = r->wname;
            e->wtext = r->wtext;
            e->w = r->w;
        }
    }
    for (size_t i = 0; i < g->nedges; i++) /* then drop the merged */
        if (g->edges[i].both >= 0)
            g->edges[n++] = g->edges[i];
    g->nedges = n;
}

static int
collect_rows(struct rgraph *g, struct dg_store *st, const struct dg_results *r,
             const struct columns *c, int undirected)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const struct dg_term *tt = dg_results_cell(r, i, (size_t)c->tgt);
        struct rnode *s = find_node(g, dg_results_cell(r, i, (size_t)c->src));
        struct rnode *t = find_node(g, tt);
        const char *el = edge_label(st, r, c, i);
        struct redge *e = NULL;
        if (!s)
            continue;
        if (t) {
            int und = undirected ||
                      (c->edge >= 0 &&
                       is_symmetric(g, dg_results_cell(r, i, (size_t)c->edge)));
            if (add_edge(g, (size_t)(s - g->nodes), (size_t)(t - g->nodes), el,
                         und) < 0)
                return -1;
            e = &g->edges[g->nedges - 1];
        } else if (tt->value &&
                   node_add_attr(s, el ? el : r->vars[c->tgt], tt->value) < 0) {
            return -1;
        }
        /* other columns: literals describe the nearest node column before */
        for (size_t k = 0; k < r->nvars; k++) {
            const struct dg_term *x = dg_results_cell(r, i, k);
            long lk = (long)k;
            struct rnode *owner = s;
            if (lk == c->src || lk == c->tgt || lk == c->edge || lk == c->clu ||
                r->kind == DG_RESULTS_GRAPH || x->type != DG_TERM_LITERAL ||
                !x->value)
                continue;
            /* a count in an edge's row is the edge's, not a node's */
            if (e && is_number(x) && (!e->wname || e->wname == r->vars[k])) {
                e->wname = r->vars[k];
                e->wtext = x->value;
                e->w = strtod(x->value, NULL);
                continue;
            }
            /* a name column repeats the label the node shows */
            if (!cmp_str_null(x->value, node_label(st, s)) ||
                (t && !cmp_str_null(x->value, node_label(st, t))))
                continue;
            /* the node column nearest before this one, else the source */
            if (t && c->tgt < lk && (c->src > lk || c->tgt > c->src))
                owner = t;
            if (node_add_attr(owner, r->vars[k], x->value) < 0)
                return -1;
        }
        if (c->clu >= 0) {
            const struct dg_term *cv = dg_results_cell(r, i, (size_t)c->clu);
            struct rnode *m = t ? t : s;
            if (cv->value &&
                (!m->cluster || cmp_term(cv->type, cv->value, m->cluster_type,
                                         m->cluster) < 0)) {
                m->cluster = cv->value;
                m->cluster_type = cv->type;
            }
        }
    }
    /* sort, drop duplicates (a triple stated in two graphs, a pair in both
     * directions), keeping the largest count, and count degrees */
    if (g->nedges) /* qsort(NULL, 0, ...) is undefined */
        qsort(g->edges, g->nedges, sizeof *g->edges, cmp_edge);
    size_t n = 0;
    for (size_t i = 0; i < g->nedges; i++)
        if (n == 0 || cmp_edge(&g->edges[n - 1], &g->edges[i]) != 0)
            g->edges[n++] = g->edges[i];
        else if (g->edges[i].wtext &&
                 (!g->edges[n - 1].wtext || g->edges[i].w > g->edges[n - 1].w))
            g->edges[n - 1] = g->edges[i];
    g->nedges = n;
    merge_reverse(g);
    for (size_t i = 0; i < g->nedges; i++) {
        g->nodes[g->edges[i].s].degree++;
        g->nodes[g->edges[i].t].degree++;
    }
    return 0;
}

struct rank {
    size_t links, degree, ix; /* nodes are sorted, so ix orders by IRI */
};

static int
cmp_rank(const void *a, const void *b)
{
    const struct rank *x = a, *y = b;
    if (x->links != y->links)
        return x->links > y->links ? -1 : 1;
    if (x->degree != y->degree)
        return x->degree > y->degree ? -1 : 1;
    return x->ix < y->ix ? -1 : x->ix > y->ix;
}

struct pair {
    size_t cand, hub; /* a candidate's rank and a hub's node index */
};

static int
cmp_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    if (x->cand != y->cand)
        return x->cand < y->cand ? -1 : 1;
    return x->hub < y->hub ? -1 : x->hub > y->hub;
}

/* Marks the nodes to draw: all, or limit of them: the third most connected
 * (the hubs); then, for each hub, its best neighbour, best meaning most
 * edges to the hubs, then most connected; then the best others; ties are
 * broken by IRI.  Not simply the most connected: in a star graph (chairs
 * and the events they chair) those are all centres, with no edge between
 * them.  May be called again with a smaller limit. */
static int
apply_limit(struct rgraph *g, size_t limit)
{
    struct rank *rk = NULL;
    size_t *pos = NULL;
    struct pair *pairs = NULL;
    size_t hubs = limit - limit / 3 * 2, n = 0, npairs = 0, left;
    int rc = -1;

    for (size_t i = 0; i < g->nnodes; i++)
        g->nodes[i].keep = g->nnodes <= limit;
    if (g->nnodes <= limit)
        return 0;
    if (!(rk = malloc(g->nnodes * sizeof *rk)) ||
        !(pos = malloc(g->nnodes * sizeof *pos)) ||
        !(pairs = malloc((g->nedges + 1) * sizeof *pairs)))
        goto out;
    for (size_t i = 0; i < g->nnodes; i++) {
        rk[i].links = 0;
        rk[i].degree = g->nodes[i].degree;
        rk[i].ix = i;
        g->nodes[i].has_edge = 0;
    }
    qsort(rk, g->nnodes, sizeof *rk, cmp_rank);
    for (size_t i = 0; i < hubs; i++)
        g->nodes[rk[i].ix].keep = 1;
    /* the others, ranked by their edges to the hubs */
    for (size_t i = hubs; i < g->nnodes; i++)
        rk[n++] = rk[i];
    for (size_t i = 0; i < g->nnodes; i++)
        pos[i] = (size_t)-1;
    for (size_t i = 0; i < n; i++)
        pos[rk[i].ix] = i;
    for (size_t i = 0; i < g->nedges; i++) {
        size_t s = g->edges[i].s, t = g->edges[i].t;
        if (g->nodes[s].keep && pos[t] != (size_t)-1)
            rk[pos[t]].links++;
        if (g->nodes[t].keep && pos[s] != (size_t)-1)
            rk[pos[s]].links++;
    }
    qsort(rk, n, sizeof *rk, cmp_rank);
    for (size_t i = 0; i < n; i++)
        pos[rk[i].ix] = i;
    /* each hub's best neighbour first (has_edge: the hub has one) */
    for (size_t i = 0; i < g->nedges; i++) {
        size_t s = g->edges[i].s, t = g->edges[i].t;
        if (g->nodes[s].keep && pos[t] != (size_t)-1)
            pairs[npairs++] = (struct pair){pos[t], s};
        else if (g->nodes[t].keep && pos[s] != (size_t)-1)
            pairs[npairs++] = (struct pair){pos[s], t};
    }
    if (npairs)
        qsort(pairs, npairs, sizeof *pairs, cmp_pair);
    left = limit - hubs;
    for (size_t i = 0; i < npairs; i++) {
        struct rnode *c = &g->nodes[rk[pairs[i].cand].ix];
        if (g->nodes[pairs[i].hub].has_edge)
            continue;
        if (!c->keep) {
            if (left == 0)
                continue;
            c->keep = 1;
            left--;
        }
        g->nodes[pairs[i].hub].has_edge = 1;
    }
    for (size_t i = 0; i < n && left > 0; i++)
        if (!g->nodes[rk[i].ix].keep) {
            g->nodes[rk[i].ix].keep = 1;
            left--;
        }
    rc = 0;
out:
    free(rk);
    free(pos);
    free(pairs);
    return rc;
}

static size_t
kept_nodes(const struct rgraph *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        n += g->nodes[i].keep != 0;
    return n;
}

static int
edge_kept(const struct rgraph *g, const struct redge *e)
{
    return e->keep && g->nodes[e->s].keep && g->nodes[e->t].keep;
}

struct erank {
    double w;
    size_t degree, ix; /* edges are sorted, so ix orders by IRI */
};

static int
cmp_erank(const void *a, const void *b)
{
    const struct erank *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    if (x->degree != y->degree)
        return x->degree > y->degree ? -1 : 1;
    return x->ix < y->ix ? -1 : x->ix > y->ix;
}

/* Marks the edges to draw among the kept nodes: all, or limit of them:
 * first the strongest edge of each node (so that no drawn node is left
 * without its edges), then the strongest others; strongest is the largest
 * count, then between the most connected nodes, then by IRI. */
static int
apply_edge_limit(struct rgraph *g, size_t limit)
{
    struct erank *rk;
    size_t n = 0;
    for (size_t i = 0; i < g->nedges; i++) {
        struct redge *e = &g->edges[i];
        e->keep = g->nodes[e->s].keep && g->nodes[e->t].keep;
        n += e->keep != 0;
    }
    if (n <= limit)
        return 0;
    if (!(rk = malloc(n * sizeof *rk)))
        return -1;
    n = 0;
    for (size_t i = 0; i < g->nedges; i++) {
        struct redge *e = &g->edges[i];
        if (!e->keep)
            continue;
        rk[n].w = e->wtext ? e->w : 0;
        rk[n].degree = g->nodes[e->s].degree + g->nodes[e->t].degree;
        rk[n++].ix = i;
        e->keep = 0;
    }
    qsort(rk, n, sizeof *rk, cmp_erank);
    for (size_t i = 0; i < g->nnodes; i++)
        g->nodes[i].has_edge = 0;
    for (size_t i = 0; i < n && limit > 0; i++) {
        struct redge *e = &g->edges[rk[i].ix];
        if (g->nodes[e->s].has_edge && g->nodes[e->t].has_edge)
            continue;
        e->keep = 1;
        g->nodes[e->s].has_edge = g->nodes[e->t].has_edge = 1;
        limit--;
    }
    for (size_t i = 0; i < n && limit > 0; i++)
        if (!g->edges[rk[i].ix].keep) {
            g->edges[rk[i].ix].keep = 1;
            limit--;
        }
    free(rk);
    return 0;
}

static size_t
kept_edges(const struct rgraph *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->nedges; i++)
        n += edge_kept(g, &g->edges[i]);
    return n;
}

/* ---- bounded layout */

/* The most nodes and edges each engine lays out, with the SVG rendered, in
 * about 5 s on a 2-core machine shared with other work (Graphviz 2.42;
 * bench/render-bench.sh and bench/RESULTS.md).  Measured on the canned
 * queries over 3,000 generated articles: circo took 1.2 s on 60 nodes and
 * 114 edges, 3.5 s on 120 and 221, did not finish in 25 s on 250 and 447,
 * nor on 60 nodes and 896 edges; dot took 3.5 s on 250 and 447, 14 s on
 * 250 and 1448, 4.4 s on 60 and 896 and 10 s on the 183 and 659 of
 * requests-provisions; neato 4.3 s on 500 and 807, 4.5 s on
 * 120 and 2808; fdp 1.8 s on 1000 and 1284, 5.7 s on 120 and 2808; sfdp
 * 2.3 s on 500 and 3058, 7.4 s on 1000 and 5836, and on 10,000 articles
 * 5 to 8 s on 1000 and 3000 (most of it removing overlaps), 2 s of CPU on
 * 700 and 2000.  sfdp is last: the one that replaces the others. */
static const struct engine_bound {
    const char *engine;
    size_t nodes, edges;
} bounds[] = {
    {"dot", 250, 450},   {"neato", 500, 2000}, {"fdp", 1000, 2000},
    {"circo", 100, 200}, {"sfdp", 700, 2000},
};

/* the bound of engine (an engine_ok name) */
static const struct engine_bound *
engine_bound(const char *engine)
{
    size_t n = sizeof bounds / sizeof bounds[0];
    for (size_t i = 0; i + 1 < n; i++)
        if (!strcmp(engine, bounds[i].engine))
            return &bounds[i];
    return &bounds[n - 1]; /* sfdp */
}

static int
engine_fits(const char *engine, size_t nodes, size_t edges)
{
    const struct engine_bound *b = engine_bound(engine);
    return nodes <= b->nodes && edges <= b->edges;
}

/* Marks what to draw and chooses the engine: at most limit nodes (the most
 * connected) and elimit edges among them (the strongest); the engine asked
 * for (NULL: dot or sfdp, whichever fits) unless it would be slow, then
 * sfdp; when even sfdp would be slow, fewer nodes and edges.  *requested
 * is set to the engine that was replaced, else NULL.  NULL when out of
 * memory. */
static const char *
choose_engine(struct rgraph *g, size_t limit, size_t elimit, const char *engine,
              const char **requested)
{
    size_t nodes, edges;
    if (apply_limit(g, limit) < 0 || apply_edge_limit(g, elimit) < 0)
        return NULL;
    nodes = kept_nodes(g);
    edges = kept_edges(g);
    *requested = NULL;
    if (!engine)
        engine = engine_fits("dot", nodes, edges) ? "dot" : "sfdp";
    if (!engine_fits(engine, nodes, edges) && strcmp(engine, "sfdp") != 0) {
        *requested = engine;
        engine = "sfdp";
    }
    while (!engine_fits(engine, nodes, edges)) {
        const struct engine_bound *b = engine_bound(engine);
        if (nodes > b->nodes && apply_limit(g, b->nodes) < 0)
            return NULL;
        if (elimit > b->edges)
            elimit = b->edges;
        if (apply_edge_limit(g, elimit) < 0)
            return NULL;
        nodes = kept_nodes(g);
        edges = kept_edges(g);
    }
    return engine;
}

static int
cmp_cluster(const void *a, const void *b)
{
    const struct cluster *x = a, *y = b;
    return cmp_term(x->type, x->value, y->type, y->value);
}

static int
collect_clusters(struct rgraph *g)
{
    size_t n = 0;
    if (!(g->clusters = calloc(g->nnodes + 1, sizeof *g->clusters)))
        return -1;
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].keep && g->nodes[i].cluster) {
            g->clusters[n].type = g->nodes[i].cluster_type;
            g->clusters[n++].value = g->nodes[i].cluster;
        }
    qsort(g->clusters, n, sizeof *g->clusters, cmp_cluster);
    g->nclusters = 0;
    for (size_t i = 0; i < n; i++)
        if (g->nclusters == 0 ||
            cmp_cluster(&g->clusters[g->nclusters - 1], &g->clusters[i]) != 0)
            g->clusters[g->nclusters++] = g->clusters[i];
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].keep && g->nodes[i].cluster) {
            struct cluster key = {g->nodes[i].cluster_type, g->nodes[i].cluster,
                                  NULL};
            struct cluster *cl = bsearch(&key, g->clusters, g->nclusters,
                                         sizeof *g->clusters, cmp_cluster);
            g->nodes[i].cluster_ix = (size_t)(cl - g->clusters);
        }
    return 0;
}

/* ---- text for Graphviz: escString with backslashes escaped, wrapped */

struct sbuf {
    char *s;
    size_t n, cap;
    int failed;
};

static void
sb_putn(struct sbuf *b, const char *s, size_t n)
{
    if (!b->failed && dg_buf_append(&b->s, &b->n, &b->cap, 64, s, n) < 0)
        b->failed = 1;
}

static void
sb_puts(struct sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

/* appends text as an escString: backslashes doubled, control characters
 * as spaces, lines broken ("\n") at spaces near width (0: no wrapping) */
static void
sb_esc(struct sbuf *b, const char *text, size_t width)
{
    size_t col = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ' && width && col >= width) {
            sb_puts(b, "\\n");
            col = 0;
            continue;
        }
        if (*p == '\\')
            sb_puts(b, "\\\\");
        else if ((unsigned char)*p < 0x20)
            sb_puts(b, " ");
        else
            sb_putn(b, p, 1);
        if (((unsigned char)*p & 0xc0) != 0x80) /* count UTF-8 characters */
            col++;
    }
}

/* ---- building the cgraph graph */

static void
set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

/* the node's name in DOT: its IRI without the default base, else shortened */
static void
node_name(const struct rnode *n, char *buf, size_t size)
{
    size_t bl = strlen(DG_BASE_DEFAULT);
    if (n->type == DG_TERM_BLANK)
        snprintf(buf, size, "_:%s", n->value);
    else if (!strncmp(n->value, DG_BASE_DEFAULT, bl) && n->value[bl])
        snprintf(buf, size, "%s", n->value + bl);
    else if (dg_iri_shorten(n->value, buf, size) != buf)
        snprintf(buf, size, "%s", n->value);
}

/* ---- look-ups in one query's rows: sorted once, then binary search */

struct kv {
    const char *key, *val; /* borrowed from the results */
    size_t row;
};

struct table {
    struct kv *kv;
    size_t n;
};

static int
cmp_kv(const void *a, const void *b)
{
    const struct kv *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* the rows of r (borrowed; may be NULL) keyed by their first column, with
 * the second (if any) as value; 0 or -1 (out of memory) */
static int
table_init(struct table *t, const struct dg_results *r)
{
    t->kv = NULL;
    t->n = 0;
    if (!r || r->nrows == 0)
        return 0;
    if (!(t->kv = malloc(r->nrows * sizeof *t->kv)))
        return -1;
    for (size_t i = 0; i < r->nrows; i++) {
        const struct dg_term *k = dg_results_cell(r, i, 0);
        const struct dg_term *v =
            r->nvars > 1 ? dg_results_cell(r, i, 1) : NULL;
        if (!k->value)
            continue;
        t->kv[t->n].key = k->value;
        t->kv[t->n].val = v ? v->value : NULL;
        t->kv[t->n++].row = i;
    }
    if (t->n)
        qsort(t->kv, t->n, sizeof *t->kv, cmp_kv);
    return 0;
}

/* the first row's entry for key (borrowed), or NULL */
static const struct kv *
table_get(const struct table *t, const char *key)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) { /* the first entry whose key is not below key */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(t->kv[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && !strcmp(t->kv[lo].key, key) ? &t->kv[lo] : NULL;
}

/* what build_node looks up for every node, in one query each */
struct node_facts {
    struct dg_results *dates_r, *media_r; /* owned; NULL: none */
    struct table dates;                   /* event -> its first date */
    struct table media;                   /* organisations of kind media */
};

static int
any_kept_of_kind(struct dg_store *st, const struct rgraph *g, const char *kind)
{
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].keep && g->nodes[i].type == DG_TERM_IRI &&
            !cmp_str_null(dg_store_kind(st, g->nodes[i].value), kind))
            return 1;
    return 0;
}

/* Looks up event dates and news outlets when some kept node may need
 * them.  A failed query only loses the dates or the outlet style: 0, or
 * -1 when out of memory. */
static int
node_facts_init(struct node_facts *f, struct dg_store *st,
                const struct rgraph *g)
{
    static const char dates_q[] =
        "SELECT DISTINCT ?e ?d WHERE { ?e a <" DG_NS_SCHEMA "Event> . "
        "?e <" DG_NS_SCHEMA "startDate> ?d } ORDER BY ?e ?d";
    static const char media_q[] =
        "SELECT DISTINCT ?o WHERE { ?o a <" DG_NS_SCHEMA
        "Organization> ; <" DG_NS "orgKind> \"media\" } ORDER BY ?o";
    memset(f, 0, sizeof *f);
    if (any_kept_of_kind(st, g, "event"))
        f->dates_r = dg_store_query(st, dates_q, NULL);
    if (any_kept_of_kind(st, g, "organisation"))
        f->media_r = dg_store_query(st, media_q, NULL);
    return table_init(&f->dates, f->dates_r) < 0 ||
                   table_init(&f->media, f->media_r) < 0
               ? -1
               : 0;
}

static void
node_facts_release(struct node_facts *f)
{
    free(f->dates.kv);
    free(f->media.kv);
    dg_results_free(f->dates_r);
    dg_results_free(f->media_r);
    memset(f, 0, sizeof *f);
}

static void
apply_style(void *obj, size_t si)
{
    const struct kind_style *ks = &styles[si];
    set(obj, "shape", ks->shape);
    if (ks->style[0])
        set(obj, "style", ks->style);
    if (ks->fillcolor[0])
        set(obj, "fillcolor", ks->fillcolor);
    set(obj, "color", ks->color);
    set(obj, "fontcolor", ks->fontcolor);
}

/* the text a node shows (borrowed) */
static const char *
node_text(struct dg_store *st, struct rnode *n)
{
    const char *text =
        n->type == DG_TERM_BLANK ? "(anonymous)" : node_label(st, n);
    return text ? text : local_name(n->value);
}

static int
build_node(Agraph_t *g, Agraph_t *root, struct dg_store *st, struct rnode *n,
           const struct node_facts *facts, const struct dg_render_opts *opts,
           int *kinds_seen)
{
    char name[1024];
    struct sbuf label = {0}, tip = {0};
    const char *kind =
        n->type == DG_TERM_IRI ? dg_store_kind(st, n->value) : NULL;
    const char *text = node_text(st, n);
    const struct kv *date = kind && !strcmp(kind, "event")
                                ? table_get(&facts->dates, n->value)
                                : NULL;
    size_t si;
    int rc = -1;

    if (kind && !strcmp(kind, "organisation") &&
        table_get(&facts->media, n->value))
        kind = "news outlet";
    si = style_index(kind);
    node_name(n, name, sizeof name);
    if (agnode(root, name, 0)) /* two IRIs with one short name */
        snprintf(name, sizeof name, "%s", n->value);
    if (!(n->an = agnode(g, name, 1)))
        goto out;
    sb_esc(&label, text, WRAP_WIDTH);
    if (date && date->val) {
        sb_puts(&label, "\\n");
        sb_esc(&label, date->val, 0);
    }
    sb_esc(&tip, text, 0);
    if (kind) {
        sb_puts(&tip, " (");
        sb_puts(&tip, kind);
        sb_puts(&tip, ")");
    }
    if (date && date->val) {
        sb_puts(&tip, "\\ndate: ");
        sb_esc(&tip, date->val, 0);
    }
    for (size_t i = 0; i < n->nattrs; i++) {
        sb_puts(&tip, "\\n");
        sb_esc(&tip, n->attrs[i], 0);
    }
    if (label.failed || tip.failed)
        goto out;
    set(n->an, "label", label.s ? label.s : "");
    set(n->an, "tooltip", tip.s ? tip.s : "");
    if (opts->link_prefix && n->type == DG_TERM_IRI) {
        char url[512], anchor[DG_RENDER_ANCHOR_SIZE];
        snprintf(url, sizeof url, "%s%s", opts->link_prefix,
                 dg_render_anchor(n->value, anchor, sizeof anchor));
        set(n->an, "URL", url);
    }
    if (opts->on_node && n->type == DG_TERM_IRI)
        opts->on_node(opts->on_node_ctx, n->value);
    apply_style(n->an, si);
    kinds_seen[si] = 1;
    rc = 0;
out:
    free(label.s);
    free(tip.s);
    return rc;
}

/* ---- edges: labelled only when their labels differ */

/* above this many edges, differing labels become colours (with a legend)
 * rather than text on every edge, when there are few enough of them */
#define EDGE_TEXT_MAX 40

static const char *const edge_colours[] = {
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a",
    "#66a61e", "#e6ab02", "#a6761d", "#666666",
};
#define NCOLOURS (sizeof edge_colours / sizeof edge_colours[0])

enum edge_mode {
    EDGES_TEXT,   /* each edge shows its label */
    EDGES_COMMON, /* one label for all: said once, in the graph label */
    EDGES_COLOUR, /* a colour per label, named in the legend */
};

struct edge_plan {
    enum edge_mode mode;
    const char *labels[NCOLOURS]; /* sorted distinct labels (COMMON, COLOUR) */
    size_t nlabels;
    int all_undirected, any_directed;
    double wmin, wmax; /* the smallest and largest counts; 0: no counts */
};

static void
plan_edges(const struct rgraph *g, struct edge_plan *p)
{
    size_t nedges = 0;
    int unlabelled = 0, many = 0;
    memset(p, 0, sizeof *p);
    p->all_undirected = 1;
    for (size_t i = 0; i < g->nedges; i++) {
        const struct redge *e = &g->edges[i];
        size_t k = 0;
        if (!edge_kept(g, e))
            continue;
        nedges++;
        if (!e->undirected)
            p->all_undirected = 0, p->any_directed = 1;
        if (e->wtext && e->w > p->wmax)
            p->wmax = e->w;
        if (e->wtext && e->w >= 1 && (p->wmin == 0 || e->w < p->wmin))
            p->wmin = e->w;
        if (!e->label) {
            unlabelled = 1;
            continue;
        }
        while (k < p->nlabels && strcmp(p->labels[k], e->label) < 0)
            k++;
        if (k < p->nlabels && !strcmp(p->labels[k], e->label))
            continue;
        if (p->nlabels == NCOLOURS) {
            many = 1;
            continue;
        }
        memmove(&p->labels[k + 1], &p->labels[k],
                (p->nlabels - k) * sizeof *p->labels);
        p->labels[k] = e->label;
        p->nlabels++;
    }
    if (nedges == 0)
        p->all_undirected = 0;
    if (p->nlabels == 1 && !unlabelled && !many)
        p->mode = EDGES_COMMON;
    else if (nedges > EDGE_TEXT_MAX && p->nlabels > 1 && !many)
        p->mode = EDGES_COLOUR;
    else
        p->mode = EDGES_TEXT;
}

static const char *
edge_colour(const struct edge_plan *p, const char *label)
{
    for (size_t i = 0; label && i < p->nlabels; i++)
        if (!strcmp(p->labels[i], label))
            return edge_colours[i];
    return NULL;
}

/* log2(x) for x >= 1, piecewise linear between powers of two: enough for a
 * line's thickness, and no libm */
static double
log2ish(double x)
{
    double n = 0;
    while (x >= 2) {
        x /= 2;
        n++;
    }
    return n + (x - 1);
}

static int
build_edge(Agraph_t *g, struct dg_store *st, struct rgraph *rg,
           const struct redge *e, const struct edge_plan *p)
{
    struct rnode *s = &rg->nodes[e->s], *t = &rg->nodes[e->t];
    struct sbuf tip = {0}, el = {0};
    Agedge_t *ae = agedge(g, s->an, t->an, NULL, 1);
    char buf[64];
    int rc = -1;

    if (!ae)
        goto out;
    sb_esc(&tip, node_text(st, s), 0);
    sb_puts(&tip, e->undirected ? " \xe2\x80\x94 "
                  : e->both     ? " \xe2\x86\x94 "
                                : " \xe2\x86\x92 ");
    sb_esc(&tip, node_text(st, t), 0);
    if (e->label) {
        sb_puts(&tip, "\\n");
        sb_esc(&tip, e->label, 0);
    }
    if (e->wtext) {
        sb_puts(&tip, "\\n");
        sb_esc(&tip, e->wname, 0);
        sb_puts(&tip, ": ");
        sb_esc(&tip, e->wtext, 0);
    }
    if (e->label && p->mode == EDGES_TEXT)
        sb_esc(&el, e->label, 0);
    if (tip.failed || el.failed)
        goto out;
    if (el.s)
        set(ae, "label", el.s);
    set(ae, "tooltip", tip.s ? tip.s : "");
    if (e->undirected && !p->all_undirected)
        set(ae, "dir", "none");
    else if (e->both)
        set(ae, "dir", "both");
    if (p->mode == EDGES_COLOUR && edge_colour(p, e->label))
        set(ae, "color", edge_colour(p, e->label)); /* named in the legend */
    if (e->wtext && p->wmin >= 1 && p->wmax > p->wmin && e->w > p->wmin) {
        /* 1 to 5 points from the smallest count drawn to the largest,
         * logarithmic: counts span orders of magnitude */
        snprintf(buf, sizeof buf, "%.2f",
                 1.0 + 4.0 * (log2ish(e->w) - log2ish(p->wmin)) /
                           (log2ish(p->wmax) - log2ish(p->wmin)));
        set(ae, "penwidth", buf);
    }
    rc = 0;
out:
    free(tip.s);
    free(el.s);
    return rc;
}

static int
build_legend(Agraph_t *g, const int *kinds_seen, const struct edge_plan *p)
{
    Agraph_t *lg;
    Agnode_t *prev = NULL;
    size_t nkinds = 0, ncolours = p->mode == EDGES_COLOUR ? p->nlabels : 0;
    for (size_t i = 0; i < NSTYLES; i++)
        nkinds += kinds_seen[i] != 0;
    if (nkinds + ncolours < 2) /* one kind of node: its shape says it */
        return 0;
    if (!(lg = agsubg(g, (char *)"cluster_legend", 1)))
        return -1;
    set(lg, "label", "legend");
    set(lg, "style", "dashed");
    set(lg, "color", "#969696");
    for (size_t i = 0; i < NSTYLES + ncolours; i++) {
        char name[64];
        Agnode_t *n;
        if (i < NSTYLES && !kinds_seen[i])
            continue;
        if (i < NSTYLES)
            snprintf(name, sizeof name, "legend:%s",
                     styles[i].kind ? styles[i].kind : "other");
        else
            snprintf(name, sizeof name, "legend:edge:%zu", i - NSTYLES + 1);
        if (!(n = agnode(lg, name, 1)))
            return -1;
        set(n, "tooltip", "legend");
        if (i < NSTYLES) {
            set(n, "label", styles[i].kind ? styles[i].kind : "other");
            apply_style(n, i);
        } else {
            struct sbuf l = {0};
            sb_puts(&l, p->any_directed ? "\xe2\x86\x92 " : "\xe2\x80\x94 ");
            sb_esc(&l, p->labels[i - NSTYLES], 0);
            if (l.failed)
                return -1;
            set(n, "label", l.s);
            set(n, "shape", "plaintext");
            set(n, "fontcolor", edge_colours[i - NSTYLES]);
            free(l.s);
        }
        /* an invisible chain keeps the legend in one column */
        if (prev) {
            Agedge_t *e = agedge(lg, prev, n, NULL, 1);
            if (!e)
                return -1;
            set(e, "style", "invis");
        }
        prev = n;
    }
    return 0;
}

/* what the graph label says besides the title */
struct graph_notes {
    size_t shown;          /* nodes kept */
    const char *engine;    /* the layout engine */
    const char *requested; /* the engine replaced by it, or NULL */
    size_t edges;          /* edges kept */
    size_t edges_among;    /* edges between kept nodes */
};

static int
build_graph(Agraph_t *g, struct dg_store *st, struct rgraph *rg,
            const struct dg_render_opts *opts, const struct graph_notes *gn,
            size_t *nedges)
{
    const struct dg_query_header *h = opts->header;
    char buf[512];
    struct sbuf title = {0};
    int kinds_seen[NSTYLES] = {0};
    struct node_facts facts;
    struct edge_plan plan;
    int rc = -1;

    if (node_facts_init(&facts, st, rg) < 0)
        goto out;
    plan_edges(rg, &plan);
    if (h && h->title[0])
        sb_esc(&title, h->title, 0);
    if (rg->nnodes == 0)
        sb_puts(&title, title.n ? "\\nno results" : "no results");
    if (gn->shown < rg->nnodes) {
        snprintf(buf, sizeof buf, "%sshowing %zu of %zu nodes (most connected)",
                 title.n ? "\\n" : "", gn->shown, rg->nnodes);
        sb_puts(&title, buf);
    }
    if (gn->edges < gn->edges_among) {
        snprintf(buf, sizeof buf, "%s%zu of their %zu edges (%s)",
                 title.n ? "\\n" : "", gn->edges, gn->edges_among,
                 plan.wmax > 0 ? "the largest counts" : "the most connected");
        sb_puts(&title, buf);
    }
    if (plan.mode == EDGES_COMMON) {
        sb_puts(&title, title.n ? "\\nedges: " : "edges: ");
        sb_esc(&title, plan.labels[0], 0);
    }
    if (gn->requested) {
        snprintf(buf, sizeof buf,
                 "%slayout %s: %s would be too slow for %zu nodes and %zu "
                 "edges",
                 title.n ? "\\n" : "", gn->engine, gn->requested, gn->shown,
                 gn->edges);
        sb_puts(&title, buf);
    }
    if (title.failed)
        goto out;
    if (title.s) {
        set(g, "label", title.s);
        set(g, "labelloc", "t");
        set(g, "fontsize", "16");
    }
    set(g, "layout", gn->engine);
    set(g, "fontname", "Helvetica");
    set(g, "rankdir", "LR");
    set(g, "overlap", "false");
    set(g, "outputorder", "edgesfirst");
    agattr(g, AGNODE, (char *)"fontname", (char *)"Helvetica");
    agattr(g, AGNODE, (char *)"fontsize", (char *)"12");
    agattr(g, AGEDGE, (char *)"fontname", (char *)"Helvetica");
    agattr(g, AGEDGE, (char *)"fontsize", (char *)"10");
    agattr(g, AGEDGE, (char *)"color", (char *)"#636363");
    if (plan.all_undirected)
        agattr(g, AGEDGE, (char *)"dir", (char *)"none");

    for (size_t i = 0; i < rg->nclusters; i++) {
        struct cluster *cl = &rg->clusters[i];
        struct dg_term t = {cl->type, (char *)cl->value, NULL, NULL};
        struct sbuf cl_label = {0};
        snprintf(buf, sizeof buf, "cluster_%zu", i + 1);
        if (!(cl->sg = agsubg(g, buf, 1)))
            goto out;
        sb_esc(&cl_label, term_text(st, &t), 0);
        if (cl_label.failed)
            goto out;
        set(cl->sg, "label", cl_label.s ? cl_label.s : "");
        set(cl->sg, "style", "rounded");
        set(cl->sg, "color", "#bdbdbd");
        free(cl_label.s);
    }
    for (size_t i = 0; i < rg->nnodes; i++) {
        struct rnode *n = &rg->nodes[i];
        Agraph_t *sg = n->cluster ? rg->clusters[n->cluster_ix].sg : g;
        if (n->keep && build_node(sg, g, st, n, &facts, opts, kinds_seen) < 0)
            goto out;
    }
    if (build_legend(g, kinds_seen, &plan) < 0)
        goto out;
    *nedges = 0;
    for (size_t i = 0; i < rg->nedges; i++) {
        if (!edge_kept(rg, &rg->edges[i]))
            continue;
        if (build_edge(g, st, rg, &rg->edges[i], &plan) < 0)
            goto out;
        ++*nedges;
    }
    rc = 0;
out:
    node_facts_release(&facts);
    free(title.s);
    return rc;
}

/* ---- the pipeline */

/* One Graphviz context for the process: Graphviz 2.43's pango plugin keeps
 * a pointer to the last font name across contexts, and gvFreeContext frees
 * that name, so a second context reads freed memory (valgrind shows it in
 * textspan_size).  dg_render_shutdown frees it at the end. */
static GVC_t *gv_context;

void
dg_render_shutdown(void)
{
    if (gv_context)
        gvFreeContext(gv_context); /* its count of Graphviz errors is not
                                      a failure of ours: ignored */
    gv_context = NULL;
}

int
dg_render_results(struct dg_store *st, const struct dg_results *r,
                  const struct dg_render_opts *opts, FILE *fp,
                  struct dg_render_info *info, struct dg_error *err)
{
    struct rgraph rg = {0};
    struct dg_results *symmetric = NULL;
    struct columns cols;
    GVC_t *gvc = gv_context;
    Agraph_t *g = NULL;
    int laid_out = 0, rc = -1;
    char *data = NULL; /* the rendered diagram (gvFreeRenderData) */
    unsigned int len;  /* its length (this Graphviz's gvRenderData type) */
    size_t limit = opts->limit ? opts->limit : DG_RENDER_DEFAULT_LIMIT;
    size_t edge_limit = limit > (size_t)-1 / DG_RENDER_EDGES_PER_NODE
                            ? (size_t)-1
                            : limit * DG_RENDER_EDGES_PER_NODE;
    size_t nedges = 0;
    const char *engine = opts->engine && *opts->engine ? opts->engine : NULL;
    struct graph_notes gn = {0, NULL, NULL, 0, 0};
    agusererrf old_errf = agseterrf(gv_errf);

    gv_msg[0] = '\0';
    gv_capturing = 0;
    if (!dg_render_format_ok(opts->format)) {
        dg_error_set(err, DG_ERR_USAGE, "unknown output format '%s'",
                     opts->format ? opts->format : "");
        goto out;
    }
    if (engine && !dg_render_engine_ok(engine)) {
        dg_error_set(err, DG_ERR_USAGE, "unknown layout engine '%s'", engine);
        goto out;
    }
    if (!engine && opts->header && opts->header->engine[0] &&
        strcmp(opts->header->engine, "none") != 0) {
        engine = opts->header->engine;
        if (!dg_render_engine_ok(engine)) {
            dg_error_set(err, DG_ERR_QUERY,
                         "unknown layout engine '%s' in the query header",
                         engine);
            goto out;
        }
    }
    if (choose_columns(r, opts->header, &cols, err) < 0)
        goto out;
    if (r->nrows > 0 && cols.edge >= 0)
        rg.symmetric = symmetric = symmetric_predicates(st);
    if (collect_nodes(&rg, r, &cols) < 0 ||
        collect_rows(&rg, st, r, &cols,
                     opts->header && opts->header->undirected) < 0 ||
        !(gn.engine =
              choose_engine(&rg, limit, edge_limit, engine, &gn.requested)) ||
        collect_clusters(&rg) < 0) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory building the diagram");
        goto out;
    }
    gn.shown = kept_nodes(&rg);
    gn.edges = kept_edges(&rg);
    for (size_t i = 0; i < rg.nedges; i++)
        gn.edges_among +=
            rg.nodes[rg.edges[i].s].keep && rg.nodes[rg.edges[i].t].keep;
    engine = gn.engine;

    if (!(g = agopen((char *)"diplograph", Agdirected, NULL))) {
        dg_error_set(err, DG_ERR_RENDER, "cannot create a graph: %s",
                     gv_error_text("out of memory"));
        goto out;
    }
    if (build_graph(g, st, &rg, opts, &gn, &nedges) < 0) {
        dg_error_set(err, DG_ERR_RENDER, "cannot build the graph: %s",
                     gv_error_text("out of memory"));
        goto out;
    }
    if (info) {
        info->nodes_total = rg.nnodes;
        info->nodes_shown = gn.shown;
        info->edges_shown = nedges;
        snprintf(info->engine, sizeof info->engine, "%s", engine);
        snprintf(info->requested, sizeof info->requested, "%s",
                 gn.requested ? gn.requested : "");
    }
    if (!strcmp(opts->format, "dot")) {
        errno = 0;
        if (agwrite(g, fp) != 0 || fflush(fp) != 0 || ferror(fp)) {
            dg_error_set(err, DG_ERR_IO, "cannot write the diagram: %s",
                         errno ? strerror(errno) : "write error");
            goto out;
        }
        rc = 0;
        goto out;
    }
    if (!gvc && !(gvc = gv_context = gvContext())) {
        dg_error_set(err, DG_ERR_RENDER, "cannot start Graphviz: %s",
                     gv_error_text("gvContext failed"));
        goto out;
    }
    gv_msg[0] = '\0';
    if (gvLayout(gvc, g, engine) != 0) {
        dg_error_set(err, DG_ERR_RENDER, "layout with '%s' failed: %s", engine,
                     gv_error_text("unknown error"));
        goto out;
    }
    laid_out = 1;
    gv_msg[0] = '\0';
    /* render into memory: Graphviz exits the process when its own write to
     * a stream fails (a full disk), so the writing is ours */
    if (gvRenderData(gvc, g, opts->format, &data, &len) != 0 || !data) {
        dg_error_set(err, DG_ERR_RENDER, "rendering %s failed: %s",
                     opts->format, gv_error_text("unknown error"));
        goto out;
    }
    errno = 0;
    if (fwrite(data, 1, len, fp) != len || fflush(fp) != 0 || ferror(fp)) {
        dg_error_set(err, DG_ERR_IO, "cannot write the diagram: %s",
                     errno ? strerror(errno) : "write error");
        goto out;
    }
    rc = 0;
out:
    if (data)
        gvFreeRenderData(data);
    if (laid_out && gvFreeLayout(gvc, g) != 0 && rc == 0)
        rc = dg_error_set(err, DG_ERR_RENDER, "cannot free the layout");
    if (g && agclose(g) != 0 && rc == 0)
        rc = dg_error_set(err, DG_ERR_RENDER, "cannot free the graph");
    agseterrf(old_errf);
    rgraph_release(&rg);
    dg_results_free(symmetric);
    return rc;
}
