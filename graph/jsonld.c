/* jsonld.c: see jsonld.h */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/iri.h"
#include "common/ns.h"
#include "graph/jsonld.h"
#include "graph/store/store.h"

/* one quad: borrowed terms of the results; g is NULL or unbound for the
 * default graph */
struct quad {
    const struct dg_term *s, *p, *o, *g;
};

static int
cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int
cmp_term(const struct dg_term *a, const struct dg_term *b)
{
    int ta = a ? a->type : DG_TERM_UNBOUND, tb = b ? b->type : DG_TERM_UNBOUND;
    int c;
    if (ta != tb)
        return ta < tb ? -1 : 1;
    if (ta == DG_TERM_UNBOUND)
        return 0;
    if ((c = strcmp(a->value, b->value)) != 0 ||
        (c = cmp_str0(a->datatype, b->datatype)) != 0)
        return c;
    return cmp_str0(a->lang, b->lang);
}

/* graph, subject, predicate, object */
static int
cmp_quad(const void *x, const void *y)
{
    const struct quad *a = x, *b = y;
    int c;
    if ((c = cmp_term(a->g, b->g)) != 0 || (c = cmp_term(a->s, b->s)) != 0 ||
        (c = cmp_term(a->p, b->p)) != 0)
        return c;
    return cmp_term(a->o, b->o);
}

static void
indent(FILE *fp, int n)
{
    fprintf(fp, "%*s", n, "");
}

/* "@id" value of an IRI or a blank node ("_:LABEL") */
static void
put_id(FILE *fp, const struct dg_term *t)
{
    if (t->type != DG_TERM_BLANK) {
        dg_json_put_string(fp, t->value);
        return;
    }
    fputs("\"_:", fp);
    dg_json_put_chars(fp, t->value);
    fputc('"', fp);
}

/* a node object or a value object, on one line */
static void
put_object(FILE *fp, const struct dg_term *t)
{
    if (t->type != DG_TERM_LITERAL) {
        fputs("{ \"@id\": ", fp);
        put_id(fp, t);
        fputs(" }", fp);
        return;
    }
    fputs("{ \"@value\": ", fp);
    dg_json_put_string(fp, t->value);
    if (t->lang) {
        fputs(", \"@language\": ", fp);
        dg_json_put_string(fp, t->lang);
    } else if (t->datatype && strcmp(t->datatype, DG_NS_XSD "string") != 0) {
        fputs(", \"@type\": ", fp);
        dg_json_put_string(fp, t->datatype);
    }
    fputs(" }", fp);
}

/* the node object of q[0..n), which share graph and subject, at column
 * ind */
static void
put_node(FILE *fp, const struct quad *q, size_t n, int ind)
{
    indent(fp, ind);
    fputs("{\n", fp);
    indent(fp, ind + 2);
    fputs("\"@id\": ", fp);
    put_id(fp, q[0].s);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || cmp_term(q[i - 1].p, q[i].p) != 0) {
            if (i) {
                fputs("\n", fp);
                indent(fp, ind + 2);
                fputs("]", fp);
            }
            fputs(",\n", fp);
            indent(fp, ind + 2);
            dg_json_put_string(fp, q[i].p->value);
            fputs(": [\n", fp);
        } else {
            fputs(",\n", fp);
        }
        indent(fp, ind + 4);
        put_object(fp, q[i].o);
    }
    if (n) {
        fputs("\n", fp);
        indent(fp, ind + 2);
        fputs("]", fp);
    }
    fputs("\n", fp);
    indent(fp, ind);
    fputs("}", fp);
}

/* the nodes of q[0..n), which share a graph, one per subject, separated
 * by commas */
static void
put_nodes(FILE *fp, const struct quad *q, size_t n, int ind)
{
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && cmp_term(q[i].s, q[j].s) == 0; j++)
            ;
        if (i)
            fputs(",\n", fp);
        put_node(fp, q + i, j - i, ind);
    }
}

static int
writable(const struct quad *q)
{
    return (q->s->type == DG_TERM_IRI || q->s->type == DG_TERM_BLANK) &&
           q->p->type == DG_TERM_IRI && q->o->type != DG_TERM_UNBOUND &&
           (!q->g || q->g->type != DG_TERM_LITERAL);
}

static int
write_quads(const struct dg_results *r, FILE *fp, size_t *written,
            struct dg_error *err)
{
    struct quad *q = NULL;
    size_t n = 0, m = 0;
    if (r->nvars != 3 && r->nvars != 4)
        return dg_error_set(err, DG_ERR_INTERNAL,
                            "JSON-LD needs 3 or 4 columns, not %zu", r->nvars);
    if (r->nrows && !(q = malloc(r->nrows * sizeof *q)))
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    for (size_t row = 0; row < r->nrows; row++) {
        const struct dg_term *t = dg_results_cell(r, row, 0);
        struct quad x = {&t[0], &t[1], &t[2], r->nvars == 4 ? &t[3] : NULL};
        if (writable(&x))
            q[n++] = x;
    }
    if (n)
        qsort(q, n, sizeof *q, cmp_quad);
    for (size_t i = 0; i < n; i++) /* repeated quads once */
        if (m == 0 || cmp_quad(&q[m - 1], &q[i]) != 0)
            q[m++] = q[i];
    fputs(m ? "[\n" : "[", fp);
    for (size_t i = 0, j; i < m; i = j) {
        for (j = i + 1; j < m && cmp_term(q[i].g, q[j].g) == 0; j++)
            ;
        if (i)
            fputs(",\n", fp);
        if (!q[i].g || q[i].g->type == DG_TERM_UNBOUND) {
            put_nodes(fp, q + i, j - i, 2);
            continue;
        }
        fputs("  {\n    \"@id\": ", fp);
        put_id(fp, q[i].g);
        fputs(",\n    \"@graph\": [\n", fp);
        put_nodes(fp, q + i, j - i, 6);
        fputs("\n    ]\n  }", fp);
    }
    fputs(m ? "\n]\n" : "]\n", fp);
    free(q);
    if (written)
        *written = m;
    if (ferror(fp))
        return dg_error_set(err, DG_ERR_IO, "cannot write JSON-LD");
    return 0;
}

int
dg_jsonld_write(const struct dg_results *r, FILE *fp, struct dg_error *err)
{
    return write_quads(r, fp, NULL, err);
}

int
dg_jsonld_export(struct dg_store *st, const char *graph_iri, FILE *fp,
                 size_t *written, struct dg_error *err)
{
    /* the true default graph and every named graph; GRAPH ?g leaves out
     * the ontology's (hidden), which is named */
    static const char all[] =
        "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION "
        "{ GRAPH ?g { ?s ?p ?o } } UNION "
        "{ VALUES ?g { <" DG_ONTOLOGY_GRAPH "> } GRAPH ?g { ?s ?p ?o } } }";
    struct dg_query_opts opts = {1, 0, 0};
    char *sparql = NULL;
    struct dg_results *r;
    int rc;

    if (graph_iri) {
        size_t n = strlen(graph_iri) + 80;
        if (dg_iri_check(graph_iri, err) < 0)
            return -1;
        if (!(sparql = malloc(n)))
            return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        snprintf(sparql, n,
                 "SELECT ?s ?p ?o ?g WHERE { VALUES ?g { <%s> } "
                 "GRAPH ?g { ?s ?p ?o } }",
                 graph_iri);
    }
    r = dg_store_query_opts(st, sparql ? sparql : all, &opts, err);
    free(sparql);
    if (!r)
        return -1;
    rc = write_quads(r, fp, written, err);
    dg_results_free(r);
    return rc;
}
