/* algebra.c: constructors and destructors of the algebra's nodes (see
 * algebra.h).  The S-expression writer is in graph/sparql/sse.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "graph/sparql/algebra.h"

struct dg_expr *
dg_expr_new(int op)
{
    struct dg_expr *e = calloc(1, sizeof *e);
    if (e) {
        e->op = op;
        e->var = -1;
    }
    return e;
}

void
dg_expr_free(struct dg_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nargs; i++)
        dg_expr_free(e->args[i]);
    free(e->args);
    dg_sterm_clear(&e->term);
    dg_pattern_free(e->pattern);
    free(e);
}

struct dg_path *
dg_path_new(int op)
{
    struct dg_path *p = calloc(1, sizeof *p);
    if (p)
        p->op = op;
    return p;
}

void
dg_path_free(struct dg_path *p)
{
    if (!p)
        return;
    dg_sterm_clear(&p->iri);
    dg_path_free(p->a);
    dg_path_free(p->b);
    for (size_t i = 0; i < p->nfwd; i++)
        dg_sterm_clear(&p->fwd[i]);
    for (size_t i = 0; i < p->ninv; i++)
        dg_sterm_clear(&p->inv[i]);
    free(p->fwd);
    free(p->inv);
    free(p->fwd_ids);
    free(p->inv_ids);
    free(p);
}

void
dg_pnode_clear(struct dg_pnode *n)
{
    if (!n)
        return;
    dg_sterm_clear(&n->term);
    n->var = -1;
    n->id = 0;
}

static void
triples_free(struct dg_tpat *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dg_pnode_clear(&t[i].s);
        dg_pnode_clear(&t[i].p);
        dg_pnode_clear(&t[i].o);
    }
    free(t);
}

struct dg_pattern *
dg_pattern_new(int op)
{
    struct dg_pattern *p = calloc(1, sizeof *p);
    if (p) {
        p->op = op;
        p->var = -1;
        p->s.var = p->o.var = p->name.var = -1;
        p->limit = -1;
    }
    return p;
}

void
dg_pattern_free(struct dg_pattern *p)
{
    if (!p)
        return;
    dg_pattern_free(p->left);
    dg_pattern_free(p->right);
    triples_free(p->triples, p->ntriples);
    dg_pnode_clear(&p->s);
    dg_pnode_clear(&p->o);
    dg_path_free(p->path);
    dg_pnode_clear(&p->name);
    dg_expr_free(p->expr);
    for (size_t i = 0; i < p->nexprs; i++)
        dg_expr_free(p->exprs[i]);
    free(p->exprs);
    free(p->vars);
    for (size_t i = 0; i < p->nrows * p->nvars; i++)
        dg_sterm_clear(&p->values[i]);
    free(p->values);
    free(p->value_ids);
    for (size_t i = 0; i < p->ngroup; i++)
        dg_expr_free(p->group[i].expr);
    free(p->group);
    for (size_t i = 0; i < p->naggs; i++) {
        dg_expr_free(p->aggs[i].expr);
        free(p->aggs[i].separator);
    }
    free(p->aggs);
    for (size_t i = 0; i < p->nkeys; i++)
        dg_expr_free(p->keys[i].expr);
    free(p->keys);
    free(p);
}

void
dg_query_free(struct dg_query *q)
{
    if (!q)
        return;
    dg_pattern_free(q->pattern);
    for (size_t i = 0; i < q->nvars; i++)
        free(q->var_names[i]);
    free(q->var_names);
    free(q->proj);
    triples_free(q->template_, q->ntemplate);
    for (size_t i = 0; i < q->ndescribe; i++)
        dg_pnode_clear(&q->describe[i]);
    free(q->describe);
    for (size_t i = 0; i < q->nfrom; i++)
        free(q->from[i]);
    free(q->from);
    for (size_t i = 0; i < q->nfrom_named; i++)
        free(q->from_named[i]);
    free(q->from_named);
    free(q->base);
    free(q);
}
