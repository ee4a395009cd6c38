/* eval.c: see eval.h.
 *
 * Data flow: the query's constants are resolved to ids (store ids, or
 * local ids for terms the store lacks); each pattern node gets an
 * analysis node (struct op: its variables, the variables it certainly
 * binds, where a seed may be pushed); then evaluation is a tree of
 * iterators producing rows of nvars ids.
 *
 * Seeds.  An iterator is opened with a seed row (the bindings of the row
 * that drives it, or none).  Where the algebra allows it, the seed is
 * pushed down (a triple pattern with a bound variable is an index range
 * scan, which is how joins become index nested loops); where pushing would
 * change the answer (a variable that a FILTER, an OPTIONAL's right side
 * or a BIND reads but the node does not certainly bind, and every
 * subquery, group, order, slice or distinct), the node is evaluated on
 * its own and its rows are merged with the seed if compatible.  EXISTS
 * substitutes the row everywhere, as the specification says (18.6).
 *
 * Materialising operators: the right side of a join or an OPTIONAL that
 * cannot take a seed (it is built once and probed through a hash of the
 * variables both sides certainly bind), MINUS's right side, GROUP,
 * ORDER BY (bounded to OFFSET + LIMIT rows when a slice sits above it),
 * DISTINCT's set. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/sparql/eval.h"
#include "graph/sparql/expr.h"
#include "graph/sparql/path.h"

/* ---- bitsets over variables ------------------------------------------- */

typedef uint64_t bits_t;

static int
bit_get(const bits_t *b, size_t i)
{
    return (int)((b[i >> 6] >> (i & 63)) & 1);
}

static void
bit_set(bits_t *b, size_t i)
{
    b[i >> 6] |= (bits_t)1 << (i & 63);
}

/* ---- the evaluation context ------------------------------------------- */

enum { GC_DEFAULT, GC_FIXED, GC_VAR };

struct gctx {
    int mode;   /* GC_DEFAULT, GC_FIXED (g) or GC_VAR (var) */
    uint64_t g; /* GC_FIXED */
    int var;    /* GC_VAR */
};

enum { DM_UNION, DM_STORED, DM_FROM };

struct op;

/* An EXISTS pattern and its analysis. */
struct exists_ref {
    const struct dg_pattern *p;
    struct op *op;
};

struct ev {
    struct dg_query *q;
    struct dg_dataset *ds;
    struct dg_error *err;
    size_t nvars, nwords, width; /* width: row allocation (>= 1) */
    struct dg_expr_env env;
    int env_ready;
    /* local terms: computed by the query, absent from the store */
    struct dg_sterm *locals;
    size_t nlocals, clocals;
    uint64_t *lslot; /* open addressing: local index + 1, or 0 */
    size_t lcap;
    /* the ids of recently interned terms by hash (a BIND of a constant
     * or of a repeated value asks the store once) */
    uint64_t icache_hash[256], icache_id[256];
    /* the dataset of the query */
    int dmode;
    uint64_t *from;
    size_t nfrom;
    int named_restricted;
    uint64_t *named; /* sorted; FROM NAMED, or the dataset's list */
    size_t nnamed;
    int named_ready;
    /* analysis nodes */
    struct op *ops; /* list of all, for freeing */
    struct exists_ref *exists_refs;
    size_t nexists_refs, cexists_refs;
    struct gctx cur_g;
    long timeout_ms;
    long max_rows; /* 0: no limit */
    long rows;     /* rows materialised so far (tables and results) */
    struct timespec start;
    unsigned ticks;
    uint64_t solution;
};

static int
ev_fail_nomem(struct ev *ev)
{
    return dg_error_set(ev->err, DG_ERR_NOMEM, "out of memory");
}

static long
elapsed_ms(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)(t.tv_sec - t0->tv_sec) * 1000 +
           (long)(t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Called in every loop that may run long: 0, or -1 when out of time. */
static int
ev_tick(struct ev *ev)
{
    if (!ev->timeout_ms || (++ev->ticks & 4095))
        return 0;
    if (elapsed_ms(&ev->start) > ev->timeout_ms)
        return dg_error_set(ev->err, DG_ERR_QUERY,
                            "query timed out after %ld ms", ev->timeout_ms);
    return 0;
}

/* Called for every row kept in memory (a materialised table, a sort, a
 * DISTINCT or GROUP BY key, a result): 0, or -1 past opts->max_rows. */
static int
ev_hold(struct ev *ev)
{
    if (!ev->max_rows || ++ev->rows <= ev->max_rows)
        return 0;
    return dg_error_set(ev->err, DG_ERR_QUERY,
                        "query stopped: more than %ld rows in memory; use "
                        "--max-rows",
                        ev->max_rows);
}

/* ---- terms and local ids ---------------------------------------------- */

static const struct dg_sterm *
ev_term(struct ev *ev, uint64_t id)
{
    if (id & DG_ID_LOCAL) {
        uint64_t i = id & ~DG_ID_LOCAL;
        if (i >= ev->nlocals) {
            dg_error_set(ev->err, DG_ERR_INTERNAL, "bad local term id");
            return NULL;
        }
        return &ev->locals[i];
    }
    return ev->ds->ops->term(ev->ds, id, ev->err);
}

static const struct dg_sterm *
env_term(void *ctx, uint64_t id, struct dg_error *err)
{
    struct ev *ev = ctx;
    const struct dg_sterm *t = ev_term(ev, id);
    if (!t && err && err != ev->err)
        dg_error_set(err, ev->err->code, "%s", ev->err->msg);
    return t;
}

/* The id of t (borrowed): the store's when it holds t, else a local one.
 * Returns 0 with err set on failure. */
static uint64_t
ev_intern(struct ev *ev, const struct dg_sterm *t)
{
    uint64_t id = 0;
    if (t->kind == DG_ST_NONE)
        return 0;
    uint64_t h = dg_sterm_hash(t);
    size_t c = (size_t)(h ^ (h >> 32)) & 255;
    if (ev->icache_id[c] && ev->icache_hash[c] == h) {
        const struct dg_sterm *k = ev_term(ev, ev->icache_id[c]);
        if (k && dg_sterm_same(k, t))
            return ev->icache_id[c];
    }
    if (ev->ds->ops->lookup(ev->ds, t, &id, ev->err) < 0)
        return 0;
    if (id) {
        ev->icache_hash[c] = h;
        ev->icache_id[c] = id;
        return id;
    }
    if (ev->lcap) {
        for (size_t j = h & (ev->lcap - 1); ev->lslot[j];
             j = (j + 1) & (ev->lcap - 1))
            if (dg_sterm_same(&ev->locals[ev->lslot[j] - 1], t)) {
                ev->icache_hash[c] = h;
                ev->icache_id[c] = (ev->lslot[j] - 1) | DG_ID_LOCAL;
                return ev->icache_id[c];
            }
    }
    if (2 * (ev->nlocals + 1) > ev->lcap) {
        size_t ncap = ev->lcap ? 2 * ev->lcap : 256;
        uint64_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return ev_fail_nomem(ev), 0;
        for (size_t i = 0; i < ev->nlocals; i++) {
            size_t j = dg_sterm_hash(&ev->locals[i]) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = i + 1;
        }
        free(ev->lslot);
        ev->lslot = ns;
        ev->lcap = ncap;
    }
    if (ev->nlocals == ev->clocals) {
        size_t ncap = ev->clocals ? 2 * ev->clocals : 64;
        struct dg_sterm *nl = realloc(ev->locals, ncap * sizeof *nl);
        if (!nl)
            return ev_fail_nomem(ev), 0;
        ev->locals = nl;
        ev->clocals = ncap;
    }
    struct dg_sterm *slot = &ev->locals[ev->nlocals];
    memset(slot, 0, sizeof *slot);
    if (dg_sterm_copy(slot, t) < 0)
        return ev_fail_nomem(ev), 0;
    size_t j = h & (ev->lcap - 1);
    while (ev->lslot[j])
        j = (j + 1) & (ev->lcap - 1);
    ev->lslot[j] = ev->nlocals + 1;
    return (ev->nlocals++) | DG_ID_LOCAL;
}

/* ---- row sets: rows of k ids, hashed ---------------------------------- */

struct rowset {
    size_t k;       /* ids per row */
    uint64_t *rows; /* n * k */
    size_t n, cap;
    uint32_t *slot; /* index + 1, or 0 */
    size_t scap;
};

static uint64_t
row_hash(const uint64_t *r, size_t k)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < k; i++) {
        h ^= r[i] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        h *= 0xff51afd7ed558ccdULL;
    }
    return h ^ (h >> 29);
}

/* Index of row r in s (added when absent, *added set): or -1 when out
 * of memory. */
static long
rowset_put(struct rowset *s, const uint64_t *r, int *added)
{
    if (2 * (s->n + 1) > s->scap) {
        size_t ncap = s->scap ? 2 * s->scap : 64;
        uint32_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < s->n; i++) {
            size_t j = row_hash(s->rows + i * s->k, s->k) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = (uint32_t)(i + 1);
        }
        free(s->slot);
        s->slot = ns;
        s->scap = ncap;
    }
    size_t j = row_hash(r, s->k) & (s->scap - 1);
    while (s->slot[j]) {
        size_t i = s->slot[j] - 1;
        if (!s->k || !memcmp(s->rows + i * s->k, r, s->k * sizeof *r)) {
            if (added)
                *added = 0;
            return (long)i;
        }
        j = (j + 1) & (s->scap - 1);
    }
    if (s->n == s->cap) {
        size_t ncap = s->cap ? 2 * s->cap : 64;
        uint64_t *nr = realloc(s->rows, ncap * (s->k ? s->k : 1) * sizeof *nr);
        if (!nr)
            return -1;
        s->rows = nr;
        s->cap = ncap;
    }
    if (s->k)
        memcpy(s->rows + s->n * s->k, r, s->k * sizeof *r);
    s->slot[j] = (uint32_t)(s->n + 1);
    if (added)
        *added = 1;
    return (long)s->n++;
}

static long
rowset_find(const struct rowset *s, const uint64_t *r)
{
    if (!s->scap)
        return -1;
    size_t j = row_hash(r, s->k) & (s->scap - 1);
    while (s->slot[j]) {
        size_t i = s->slot[j] - 1;
        if (!s->k || !memcmp(s->rows + i * s->k, r, s->k * sizeof *r))
            return (long)i;
        j = (j + 1) & (s->scap - 1);
    }
    return -1;
}

static void
rowset_free(struct rowset *s)
{
    free(s->rows);
    free(s->slot);
    memset(s, 0, sizeof *s);
}

/* A bag of rows of width w. */
struct bag {
    size_t w;
    uint64_t *rows;
    size_t n, cap;
    long *held; /* NULL, or a count of rows in memory (ev->rows) that
                   bag_free lowers by n */
};

static int
bag_push(struct bag *b, const uint64_t *row)
{
    if (b->n == b->cap) {
        size_t ncap = b->cap ? 2 * b->cap : 64;
        uint64_t *nr = realloc(b->rows, ncap * b->w * sizeof *nr);
        if (!nr)
            return -1;
        b->rows = nr;
        b->cap = ncap;
    }
    memcpy(b->rows + b->n * b->w, row, b->w * sizeof *row);
    b->n++;
    return 0;
}

static void
bag_free(struct bag *b)
{
    if (b->held)
        *b->held -= (long)b->n;
    free(b->rows);
    b->rows = NULL;
    b->n = b->cap = 0;
}

/* ---- analysis nodes --------------------------------------------------- */

struct op {
    const struct dg_pattern *p;
    struct op *l, *r;
    bits_t *vars;    /* every variable the node mentions */
    bits_t *certain; /* variables bound in every solution */
    bits_t *unsafe;  /* seed variables that must not be pushed */
    int opaque;      /* never takes a seed */
    int materialise; /* as a right side: build once, probe by hash */
    int graph_ok;    /* GRAPH ?g may evaluate it once with ?g as a quad
                        position (no MINUS, subquery or group inside) */
    bits_t *joinkey; /* JOIN/LEFTJOIN/MINUS: certain on both sides */
    long long topk;  /* ORDER: keep this many rows (0: all) */
    /* BGP: the plan (order of triples) for the last seed signature */
    size_t *order;
    bits_t *plan_sig;
    int planned;
    struct op *next_all;
    /* EXISTS patterns found in this node's expressions */
};

static struct op *analyse(struct ev *ev, const struct dg_pattern *p);

static bits_t *
bits_new(struct ev *ev)
{
    bits_t *b = calloc(ev->nwords ? ev->nwords : 1, sizeof *b);
    if (!b)
        ev_fail_nomem(ev);
    return b;
}

static void
bits_or(struct ev *ev, bits_t *d, const bits_t *s)
{
    for (size_t i = 0; i < ev->nwords; i++)
        d[i] |= s[i];
}

static void
bits_and(struct ev *ev, bits_t *d, const bits_t *s)
{
    for (size_t i = 0; i < ev->nwords; i++)
        d[i] &= s[i];
}

static int
bits_any_common(struct ev *ev, const bits_t *a, const bits_t *b)
{
    for (size_t i = 0; i < ev->nwords; i++)
        if (a[i] & b[i])
            return 1;
    return 0;
}

static void
pnode_vars(const struct dg_pnode *n, bits_t *b)
{
    if (n->var >= 0)
        bit_set(b, (size_t)n->var);
}

static int expr_vars(struct ev *ev, const struct dg_expr *e, bits_t *b);

/* Adds the variables e reads to b; EXISTS patterns are analysed (their
 * variables count). */
static int
expr_vars(struct ev *ev, const struct dg_expr *e, bits_t *b)
{
    if (!e)
        return 0;
    if (e->op == DG_E_VAR && e->var >= 0)
        bit_set(b, (size_t)e->var);
    if ((e->op == DG_E_EXISTS || e->op == DG_E_NOT_EXISTS) && e->pattern) {
        struct op *o = analyse(ev, e->pattern);
        if (!o)
            return -1;
        if (ev->nexists_refs == ev->cexists_refs) {
            size_t nc = ev->cexists_refs ? 2 * ev->cexists_refs : 8;
            struct exists_ref *nr = realloc(ev->exists_refs, nc * sizeof *nr);
            if (!nr)
                return ev_fail_nomem(ev);
            ev->exists_refs = nr;
            ev->cexists_refs = nc;
        }
        ev->exists_refs[ev->nexists_refs].p = e->pattern;
        ev->exists_refs[ev->nexists_refs++].op = o;
        bits_or(ev, b, o->vars);
    }
    for (size_t i = 0; i < e->nargs; i++)
        if (expr_vars(ev, e->args[i], b) < 0)
            return -1;
    return 0;
}

static struct op *
analyse(struct ev *ev, const struct dg_pattern *p)
{
    struct op *o = calloc(1, sizeof *o);
    bits_t *fv = NULL;
    if (!o) {
        ev_fail_nomem(ev);
        return NULL;
    }
    o->p = p;
    o->next_all = ev->ops;
    ev->ops = o;
    if (!(o->vars = bits_new(ev)) || !(o->certain = bits_new(ev)) ||
        !(o->unsafe = bits_new(ev)) || !(fv = bits_new(ev)))
        goto fail;
    if (p->left && !(o->l = analyse(ev, p->left)))
        goto fail;
    if (p->right && !(o->r = analyse(ev, p->right)))
        goto fail;
    switch (p->op) {
    case DG_P_BGP:
        for (size_t i = 0; i < p->ntriples; i++) {
            pnode_vars(&p->triples[i].s, o->vars);
            pnode_vars(&p->triples[i].p, o->vars);
            pnode_vars(&p->triples[i].o, o->vars);
        }
        bits_or(ev, o->certain, o->vars);
        break;
    case DG_P_PATH:
        pnode_vars(&p->s, o->vars);
        pnode_vars(&p->o, o->vars);
        bits_or(ev, o->certain, o->vars);
        break;
    case DG_P_JOIN:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->vars, o->r->vars);
        bits_or(ev, o->certain, o->l->certain);
        bits_or(ev, o->certain, o->r->certain);
        break;
    case DG_P_LEFTJOIN:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->vars, o->r->vars);
        bits_or(ev, o->certain, o->l->certain);
        if (expr_vars(ev, p->expr, fv) < 0)
            goto fail;
        bits_or(ev, fv, o->r->vars);
        bits_or(ev, o->vars, fv);
        for (size_t i = 0; i < ev->nwords; i++)
            o->unsafe[i] = fv[i] & ~o->l->certain[i];
        break;
    case DG_P_FILTER:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->certain, o->l->certain);
        for (size_t i = 0; i < p->nexprs; i++)
            if (expr_vars(ev, p->exprs[i], fv) < 0)
                goto fail;
        for (size_t i = 0; i < ev->nwords; i++)
            o->unsafe[i] = fv[i] & ~o->l->certain[i];
        break;
    case DG_P_UNION:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->vars, o->r->vars);
        bits_or(ev, o->certain, o->l->certain);
        bits_and(ev, o->certain, o->r->certain);
        break;
    case DG_P_MINUS:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->certain, o->l->certain);
        break;
    case DG_P_GRAPH:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->certain, o->l->certain);
        if (p->name.var >= 0) {
            bit_set(o->vars, (size_t)p->name.var);
            bit_set(o->certain, (size_t)p->name.var);
        }
        break;
    case DG_P_EXTEND:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->certain, o->l->certain);
        if (expr_vars(ev, p->expr, fv) < 0)
            goto fail;
        if (p->var >= 0)
            bit_set(fv, (size_t)p->var);
        bits_or(ev, o->vars, fv);
        for (size_t i = 0; i < ev->nwords; i++)
            o->unsafe[i] = fv[i] & ~o->l->certain[i];
        break;
    case DG_P_VALUES:
        for (size_t i = 0; i < p->nvars; i++)
            bit_set(o->vars, (size_t)p->vars[i]);
        for (size_t v = 0; v < p->nvars; v++) {
            int all = 1;
            for (size_t r = 0; r < p->nrows && all; r++)
                all = p->values[r * p->nvars + v].kind != DG_ST_NONE;
            if (all)
                bit_set(o->certain, (size_t)p->vars[v]);
        }
        break;
    case DG_P_GROUP:
        for (size_t i = 0; i < p->ngroup; i++)
            if (p->group[i].var >= 0) {
                bit_set(o->vars, (size_t)p->group[i].var);
                if (p->group[i].expr && p->group[i].expr->op == DG_E_VAR &&
                    bit_get(o->l->certain, (size_t)p->group[i].var))
                    bit_set(o->certain, (size_t)p->group[i].var);
            }
        for (size_t i = 0; i < p->naggs; i++) {
            if (p->aggs[i].var >= 0)
                bit_set(o->vars, (size_t)p->aggs[i].var);
            if (p->aggs[i].expr && expr_vars(ev, p->aggs[i].expr, fv) < 0)
                goto fail;
        }
        for (size_t i = 0; i < p->ngroup; i++)
            if (expr_vars(ev, p->group[i].expr, fv) < 0)
                goto fail;
        o->opaque = 1;
        break;
    case DG_P_PROJECT:
        for (size_t i = 0; i < p->nvars; i++) {
            bit_set(o->vars, (size_t)p->vars[i]);
            if (bit_get(o->l->certain, (size_t)p->vars[i]))
                bit_set(o->certain, (size_t)p->vars[i]);
        }
        o->opaque = 1;
        break;
    case DG_P_ORDER:
        for (size_t i = 0; i < p->nkeys; i++)
            if (expr_vars(ev, p->keys[i].expr, fv) < 0)
                goto fail;
        /* fall through */
    case DG_P_DISTINCT:
    case DG_P_REDUCED:
    case DG_P_SLICE:
        bits_or(ev, o->vars, o->l->vars);
        bits_or(ev, o->certain, o->l->certain);
        o->opaque = 1;
        break;
    default:
        dg_error_set(ev->err, DG_ERR_INTERNAL, "unknown pattern operator %d",
                     p->op);
        goto fail;
    }
    if (o->opaque)
        memset(o->unsafe, 0xff, ev->nwords * sizeof *o->unsafe);
    o->graph_ok = !o->opaque && p->op != DG_P_MINUS &&
                  (!o->l || o->l->graph_ok) && (!o->r || o->r->graph_ok);
    if ((p->op == DG_P_JOIN || p->op == DG_P_LEFTJOIN || p->op == DG_P_MINUS) &&
        o->r) {
        if (!(o->joinkey = bits_new(ev)))
            goto fail;
        bits_or(ev, o->joinkey, o->l->certain);
        bits_and(ev, o->joinkey, o->r->certain);
        /* build the right side once when it cannot take a seed, or
         * shares no variable with the left (a cross product) */
        o->r->materialise = o->r->opaque || p->op == DG_P_MINUS ||
                            !bits_any_common(ev, o->l->vars, o->r->vars);
    }
    /* ORDER under a SLICE (through a PROJECT): keep offset + limit */
    if (p->op == DG_P_SLICE && p->limit >= 0) {
        struct op *c = o->l;
        if (c && c->p->op == DG_P_PROJECT)
            c = c->l;
        if (c && c->p->op == DG_P_ORDER)
            c->topk = p->offset + p->limit;
    }
    free(fv);
    return o;
fail:
    free(fv);
    return NULL;
}

static void
ops_free(struct ev *ev)
{
    struct op *o = ev->ops, *next;
    for (; o; o = next) {
        next = o->next_all;
        free(o->vars);
        free(o->certain);
        free(o->unsafe);
        free(o->joinkey);
        free(o->order);
        free(o->plan_sig);
        free(o);
    }
    ev->ops = NULL;
}

static struct op *
exists_op(struct ev *ev, const struct dg_pattern *p)
{
    for (size_t i = 0; i < ev->nexists_refs; i++)
        if (ev->exists_refs[i].p == p)
            return ev->exists_refs[i].op;
    return NULL;
}

/* ---- iterators -------------------------------------------------------- */

struct it {
    /* next row into row (ev->width ids): 1, 0 at the end, -1 failure */
    int (*next)(struct it *it, uint64_t *row);
    void (*free)(struct it *it);
    struct ev *ev;
};

static void
it_free(struct it *it)
{
    if (it)
        it->free(it);
}

static struct it *open_op(struct ev *ev, struct op *op, const uint64_t *seed,
                          struct gctx g, int force);

/* The empty iterator. */
static int
empty_next(struct it *it, uint64_t *row)
{
    (void)it;
    (void)row;
    return 0;
}

static void
plain_free(struct it *it)
{
    free(it);
}

static struct it *
it_empty(struct ev *ev)
{
    struct it *it = calloc(1, sizeof *it);
    if (!it) {
        ev_fail_nomem(ev);
        return NULL;
    }
    it->next = empty_next;
    it->free = plain_free;
    it->ev = ev;
    return it;
}

/* Rows from a bag (owned by the iterator). */
struct it_bag {
    struct it base;
    struct bag bag;
    size_t i;
};

static int
bag_next(struct it *it, uint64_t *row)
{
    struct it_bag *b = (struct it_bag *)it;
    if (b->i >= b->bag.n)
        return 0;
    memcpy(row, b->bag.rows + b->i * b->bag.w, b->bag.w * sizeof *row);
    b->i++;
    return 1;
}

static void
bag_it_free(struct it *it)
{
    struct it_bag *b = (struct it_bag *)it;
    bag_free(&b->bag);
    free(b);
}

/* Takes bag's rows (the bag is emptied). */
static struct it *
it_from_bag(struct ev *ev, struct bag *bag)
{
    struct it_bag *b = calloc(1, sizeof *b);
    if (!b) {
        bag_free(bag);
        ev_fail_nomem(ev);
        return NULL;
    }
    b->base.next = bag_next;
    b->base.free = bag_it_free;
    b->base.ev = ev;
    b->bag = *bag;
    memset(bag, 0, sizeof *bag);
    bag->w = b->bag.w;
    return &b->base;
}

/* Reads every row of it (freed) into bag.  0 or -1. */
static int
drain(struct ev *ev, struct it *it, struct bag *bag)
{
    uint64_t *row = malloc(ev->width * sizeof *row);
    int rc = 0, r;
    if (!it || !row) {
        free(row);
        it_free(it);
        return it ? ev_fail_nomem(ev) : -1;
    }
    bag->held = &ev->rows;
    while ((r = it->next(it, row)) == 1) {
        if (ev_hold(ev) < 0) {
            rc = -1;
            break;
        }
        if (bag_push(bag, row) < 0) {
            rc = ev_fail_nomem(ev);
            break;
        }
        if (ev_tick(ev) < 0) {
            rc = -1;
            break;
        }
    }
    if (r < 0)
        rc = -1;
    free(row);
    it_free(it);
    return rc;
}

/* Compatible: every variable bound in both has the same id. */
static int
compatible(const struct ev *ev, const uint64_t *a, const uint64_t *b)
{
    for (size_t i = 0; i < ev->nvars; i++)
        if (a[i] && b[i] && a[i] != b[i])
            return 0;
    return 1;
}

static void
merge_into(const struct ev *ev, uint64_t *dst, const uint64_t *src)
{
    for (size_t i = 0; i < ev->nvars; i++)
        if (!dst[i])
            dst[i] = src[i];
}

/* A copy of seed into *out (NULL seed: *out NULL).  0, or -1 when out of
 * memory (err set). */
static int
row_dup(struct ev *ev, const uint64_t *seed, uint64_t **out)
{
    *out = NULL;
    if (!seed)
        return 0;
    if (!(*out = malloc(ev->width * sizeof **out)))
        return ev_fail_nomem(ev);
    memcpy(*out, seed, ev->width * sizeof *seed);
    return 0;
}

/* ---- the compatibility wrapper: rows of sub merged with a seed --------- */

struct it_compat {
    struct it base;
    struct it *sub;
    uint64_t *seed;
};

static int
compat_next(struct it *it, uint64_t *row)
{
    struct it_compat *c = (struct it_compat *)it;
    int r;
    while ((r = c->sub->next(c->sub, row)) == 1) {
        if (!compatible(it->ev, row, c->seed))
            continue;
        merge_into(it->ev, row, c->seed);
        return 1;
    }
    return r;
}

static void
compat_free(struct it *it)
{
    struct it_compat *c = (struct it_compat *)it;
    it_free(c->sub);
    free(c->seed);
    free(c);
}

static struct it *
it_compat(struct ev *ev, struct it *sub, const uint64_t *seed)
{
    struct it_compat *c;
    if (!sub)
        return NULL;
    if (!(c = calloc(1, sizeof *c)) || row_dup(ev, seed, &c->seed) < 0) {
        if (!c)
            ev_fail_nomem(ev);
        free(c);
        it_free(sub);
        return NULL;
    }
    c->base.next = compat_next;
    c->base.free = compat_free;
    c->base.ev = ev;
    c->sub = sub;
    return &c->base;
}

/* ---- quad sources: a triple pattern in a graph context ---------------- */

struct qsrc {
    struct ev *ev;
    struct dg_scan *sc;
    uint64_t pat[4];
    int empty;
    /* several graphs one after the other (FROM with several graphs,
     * GRAPH ?g over a FROM NAMED list) */
    const uint64_t *glist;
    size_t ng, gi;
    int dedupe;          /* FROM merge: each triple once */
    struct rowset *seen; /* owned */
};

static int
ensure_named(struct ev *ev)
{
    if (ev->named_ready)
        return 0;
    const uint64_t *ids;
    size_t n;
    if (ev->ds->ops->graphs(ev->ds, &ids, &n, ev->err) < 0)
        return -1;
    if (!(ev->named = malloc((n ? n : 1) * sizeof *ev->named)))
        return ev_fail_nomem(ev);
    if (n)
        memcpy(ev->named, ids, n * sizeof *ids);
    ev->nnamed = n;
    ev->named_ready = 1;
    return 0;
}

static int
is_named(struct ev *ev, uint64_t g)
{
    size_t lo = 0, hi = ev->nnamed;
    if (ensure_named(ev) < 0)
        return -1;
    hi = ev->nnamed;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ev->named[mid] == g)
            return 1;
        if (ev->named[mid] < g)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* a hidden graph is still reachable by name, unless FROM NAMED
     * restricts the dataset */
    return !ev->named_restricted && dg_dataset_is_hidden(ev->ds, g);
}

static int
qsrc_open_scan(struct qsrc *q)
{
    q->sc = q->ev->ds->ops->scan(q->ev->ds, q->pat, q->ev->err);
    return q->sc ? 0 : -1;
}

/* Opens a source for spo (0: any) in graph context g with row (for a
 * GRAPH variable).  Returns 0 or -1. */
static int
qsrc_open(struct ev *ev, struct qsrc *q, const uint64_t spo[3],
          const struct gctx *g, const uint64_t *row)
{
    memset(q, 0, sizeof *q);
    q->ev = ev;
    for (int i = 0; i < 3; i++) {
        q->pat[i] = spo[i];
        if (spo[i] & DG_ID_LOCAL)
            q->empty = 1; /* a term the store does not hold */
    }
    if (q->empty)
        return 0;
    switch (g->mode) {
    case GC_DEFAULT:
        if (ev->dmode == DM_UNION)
            q->pat[DG_G] = DG_G_UNION;
        else if (ev->dmode == DM_STORED)
            q->pat[DG_G] = DG_G_DEFAULT;
        else if (ev->nfrom == 0) {
            q->empty = 1;
            return 0;
        } else if (ev->nfrom == 1)
            q->pat[DG_G] = ev->from[0];
        else {
            q->glist = ev->from;
            q->ng = ev->nfrom;
            q->dedupe = 1;
            if (!(q->seen = calloc(1, sizeof *q->seen)))
                return ev_fail_nomem(ev);
            q->seen->k = 3;
            q->pat[DG_G] = ev->from[0];
        }
        break;
    case GC_FIXED:
        if (!g->g || (g->g & DG_ID_LOCAL)) {
            q->empty = 1;
            return 0;
        }
        q->pat[DG_G] = g->g;
        break;
    case GC_VAR: {
        uint64_t b = row ? row[g->var] : 0;
        if (b) {
            int named = is_named(ev, b);
            if (named < 0)
                return -1;
            if (!named || (b & DG_ID_LOCAL)) {
                q->empty = 1;
                return 0;
            }
            q->pat[DG_G] = b;
        } else if (!ev->named_restricted) {
            q->pat[DG_G] = DG_G_NAMED;
        } else {
            if (ensure_named(ev) < 0)
                return -1;
            if (!ev->nnamed) {
                q->empty = 1;
                return 0;
            }
            q->glist = ev->named;
            q->ng = ev->nnamed;
            q->pat[DG_G] = ev->named[0];
        }
        break;
    }
    }
    return qsrc_open_scan(q);
}

static void
qsrc_close(struct qsrc *q)
{
    if (q->sc)
        q->ev->ds->ops->close(q->sc);
    q->sc = NULL;
    if (q->seen) {
        rowset_free(q->seen);
        free(q->seen);
        q->seen = NULL;
    }
}

static int
qsrc_next(struct qsrc *q, uint64_t quad[4])
{
    if (q->empty)
        return 0;
    for (;;) {
        int r = q->ev->ds->ops->next(q->sc, quad, q->ev->err);
        if (r < 0)
            return -1;
        if (r == 1) {
            if (ev_tick(q->ev) < 0)
                return -1;
            if (q->dedupe) {
                int added;
                if (rowset_put(q->seen, quad, &added) < 0)
                    return ev_fail_nomem(q->ev);
                if (!added)
                    continue;
                quad[DG_G] = DG_G_UNION;
            }
            return 1;
        }
        if (!q->glist || q->gi + 1 >= q->ng)
            return 0;
        q->ev->ds->ops->close(q->sc);
        q->sc = NULL;
        q->pat[DG_G] = q->glist[++q->gi];
        if (qsrc_open_scan(q) < 0)
            return -1;
    }
}

/* ---- BGP: index nested loops over the planned order ------------------- */

static uint64_t
pnode_value(const struct dg_pnode *n, const uint64_t *row)
{
    return n->var >= 0 ? row[n->var] : n->id;
}

static uint64_t
estimate_triple(struct ev *ev, const struct dg_tpat *t, const uint64_t *row,
                const struct gctx *g)
{
    uint64_t pat[4] = {pnode_value(&t->s, row), pnode_value(&t->p, row),
                       pnode_value(&t->o, row), DG_G_UNION};
    for (int i = 0; i < 3; i++)
        if (pat[i] & DG_ID_LOCAL)
            return 0;
    if (g->mode == GC_FIXED)
        pat[DG_G] = g->g;
    else if (g->mode == GC_VAR)
        pat[DG_G] = row[g->var] ? row[g->var] : DG_G_NAMED;
    else if (ev->dmode == DM_STORED)
        pat[DG_G] = DG_G_DEFAULT;
    else if (ev->dmode == DM_FROM)
        pat[DG_G] = ev->nfrom == 1 ? ev->from[0] : DG_G_UNION;
    if (pat[DG_G] != DG_G_UNION && pat[DG_G] != DG_G_NAMED &&
        (pat[DG_G] & DG_ID_LOCAL))
        return 0; /* a graph the store does not hold */
    return ev->ds->ops->estimate(ev->ds, pat);
}

/* Greedy join order: start with the smallest pattern; then, among the
 * patterns that share a bound variable, the one with the smallest
 * estimate, each bound variable counting as a strong restriction. */
static int
plan_bgp(struct ev *ev, struct op *op, const uint64_t *seed,
         const struct gctx *g)
{
    const struct dg_pattern *p = op->p;
    size_t n = p->ntriples;
    bits_t *bound = NULL;
    uint64_t *est = NULL;
    unsigned char *used = NULL;
    uint64_t *zero = NULL;
    int rc = -1;

    if (!op->order && !(op->order = malloc((n ? n : 1) * sizeof *op->order)))
        return ev_fail_nomem(ev);
    if (!(bound = bits_new(ev)) || !(est = calloc(n ? n : 1, sizeof *est)) ||
        !(used = calloc(n ? n : 1, 1)) ||
        !(zero = calloc(ev->width, sizeof *zero)))
        goto out;
    for (size_t v = 0; v < ev->nvars; v++)
        if (seed && seed[v])
            bit_set(bound, v);
    if (g->mode == GC_VAR && seed && seed[g->var])
        bit_set(bound, (size_t)g->var);
    /* a plan is kept for every later seed that binds the same variables,
     * so it must not depend on this seed's values: estimate from the
     * constants alone, and count a variable bound by the seed as bound */
    for (size_t i = 0; i < n; i++)
        est[i] = estimate_triple(ev, &p->triples[i], zero, g);
    for (size_t k = 0; k < n; k++) {
        size_t best = n;
        double best_cost = 0;
        int best_conn = 0;
        for (size_t i = 0; i < n; i++) {
            if (used[i])
                continue;
            const struct dg_tpat *t = &p->triples[i];
            const struct dg_pnode *pos[3] = {&t->s, &t->p, &t->o};
            int conn = 0;
            double cost = (double)est[i];
            for (int j = 0; j < 3; j++) {
                if (pos[j]->var >= 0 && bit_get(bound, (size_t)pos[j]->var)) {
                    conn = 1;
                    cost /= j == 1 ? 2.0 : (j == 0 ? 1000.0 : 50.0);
                }
            }
            if (g->mode == GC_VAR && bit_get(bound, (size_t)g->var)) {
                conn = 1;
                cost /= 20.0;
            }
            if (best == n || (conn && !best_conn) ||
                (conn == best_conn && cost < best_cost)) {
                best = i;
                best_cost = cost;
                best_conn = conn;
            }
        }
        used[best] = 1;
        op->order[k] = best;
        const struct dg_tpat *t = &p->triples[best];
        pnode_vars(&t->s, bound);
        pnode_vars(&t->p, bound);
        pnode_vars(&t->o, bound);
        if (g->mode == GC_VAR)
            bit_set(bound, (size_t)g->var);
    }
    rc = 0;
out:
    if (rc < 0 && !ev->err->code)
        ev_fail_nomem(ev);
    free(bound);
    free(est);
    free(used);
    free(zero);
    return rc;
}

/* The seed's signature: which variables it binds (plans depend on it). */
static int
seed_sig_equal(struct ev *ev, const bits_t *sig, const uint64_t *seed)
{
    for (size_t v = 0; v < ev->nvars; v++)
        if (bit_get(sig, v) != (seed && seed[v] != 0))
            return 0;
    return 1;
}

struct it_bgp {
    struct it base;
    struct op *op;
    struct gctx g;
    size_t n;
    uint64_t *row;
    struct qsrc *src; /* per level */
    int *bound;       /* per level: up to 4 variables bound there */
    int level;        /* -1: not started; -2: done */
    int opened;       /* levels with an open source */
};

static void
bgp_unbind(struct it_bgp *b, int level)
{
    int *vs = &b->bound[level * 4];
    for (int i = 0; i < 4; i++)
        if (vs[i] >= 0) {
            b->row[vs[i]] = 0;
            vs[i] = -1;
        }
}

static int
bgp_bind(struct it_bgp *b, int level, int var, uint64_t val)
{
    if (var < 0)
        return 1;
    if (b->row[var])
        return b->row[var] == val;
    b->row[var] = val;
    int *vs = &b->bound[level * 4];
    for (int i = 0; i < 4; i++)
        if (vs[i] < 0) {
            vs[i] = var;
            break;
        }
    return 1;
}

static int
bgp_open_level(struct it_bgp *b, int level)
{
    const struct dg_tpat *t = &b->op->p->triples[b->op->order[level]];
    uint64_t spo[3] = {pnode_value(&t->s, b->row), pnode_value(&t->p, b->row),
                       pnode_value(&t->o, b->row)};
    return qsrc_open(b->base.ev, &b->src[level], spo, &b->g, b->row);
}

static int
bgp_next(struct it *it, uint64_t *out)
{
    struct it_bgp *b = (struct it_bgp *)it;
    uint64_t quad[4];

    if (b->level == -2)
        return 0;
    if (b->level == -1) {
        if (b->n == 0) {
            b->level = -2;
            memcpy(out, b->row, it->ev->width * sizeof *out);
            return 1;
        }
        if (bgp_open_level(b, 0) < 0)
            return -1;
        b->level = 0;
        b->opened = 1;
    }
    for (;;) {
        int lv = b->level;
        int r = qsrc_next(&b->src[lv], quad);
        if (r < 0)
            return -1;
        bgp_unbind(b, lv);
        if (r == 0) {
            qsrc_close(&b->src[lv]);
            b->opened = lv;
            if (lv == 0) {
                b->level = -2;
                return 0;
            }
            b->level = lv - 1;
            continue;
        }
        const struct dg_tpat *t = &b->op->p->triples[b->op->order[lv]];
        if (!bgp_bind(b, lv, t->s.var, quad[DG_S]) ||
            !bgp_bind(b, lv, t->p.var, quad[DG_P]) ||
            !bgp_bind(b, lv, t->o.var, quad[DG_O]) ||
            (b->g.mode == GC_VAR && !bgp_bind(b, lv, b->g.var, quad[DG_G]))) {
            bgp_unbind(b, lv);
            continue;
        }
        if ((size_t)lv + 1 == b->n) {
            memcpy(out, b->row, it->ev->width * sizeof *out);
            return 1;
        }
        if (bgp_open_level(b, lv + 1) < 0)
            return -1;
        b->level = lv + 1;
        b->opened = lv + 2;
    }
}

static void
bgp_free(struct it *it)
{
    struct it_bgp *b = (struct it_bgp *)it;
    for (int i = 0; i < b->opened && (size_t)i < b->n; i++)
        qsrc_close(&b->src[i]);
    free(b->row);
    free(b->src);
    free(b->bound);
    free(b);
}

static struct it *
open_bgp(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g)
{
    size_t n = op->p->ntriples;
    struct it_bgp *b = calloc(1, sizeof *b);
    if (!b)
        goto nomem;
    b->base.next = bgp_next;
    b->base.free = bgp_free;
    b->base.ev = ev;
    b->op = op;
    b->g = g;
    b->n = n;
    b->level = -1;
    if (!(b->row = calloc(ev->width, sizeof *b->row)) ||
        !(b->src = calloc(n ? n : 1, sizeof *b->src)) ||
        !(b->bound = malloc((n ? n : 1) * 4 * sizeof *b->bound)))
        goto nomem;
    for (size_t i = 0; i < (n ? n : 1) * 4; i++)
        b->bound[i] = -1;
    if (seed)
        memcpy(b->row, seed, ev->width * sizeof *seed);
    if (n && (!op->planned || !seed_sig_equal(ev, op->plan_sig, seed))) {
        if (plan_bgp(ev, op, seed, &g) < 0)
            goto fail;
        if (!op->plan_sig && !(op->plan_sig = bits_new(ev)))
            goto fail;
        memset(op->plan_sig, 0, ev->nwords * sizeof *op->plan_sig);
        for (size_t v = 0; v < ev->nvars; v++)
            if (seed && seed[v])
                bit_set(op->plan_sig, v);
        op->planned = 1;
    }
    return &b->base;
nomem:
    ev_fail_nomem(ev);
fail:
    if (b)
        bgp_free(&b->base);
    return NULL;
}

/* ---- property paths --------------------------------------------------- */

struct path_ctx {
    struct ev *ev;
    struct gctx g; /* GC_DEFAULT or GC_FIXED */
};

static int
path_scan(void *ctx, const uint64_t spo[3], struct dg_ids *out,
          struct dg_error *err)
{
    struct path_ctx *pc = ctx;
    struct qsrc q;
    uint64_t quad[4];
    int r;
    (void)err;
    if (qsrc_open(pc->ev, &q, spo, &pc->g, NULL) < 0)
        return -1;
    while ((r = qsrc_next(&q, quad)) == 1)
        if (dg_ids_push(out, quad[0]) < 0 || dg_ids_push(out, quad[1]) < 0 ||
            dg_ids_push(out, quad[2]) < 0) {
            r = ev_fail_nomem(pc->ev);
            break;
        }
    qsrc_close(&q);
    return r < 0 ? -1 : 0;
}

static int
path_nodes(void *ctx, struct dg_ids *out, struct dg_error *err)
{
    struct path_ctx *pc = ctx;
    struct rowset seen = {.k = 1};
    struct dg_ids all = {0};
    static const uint64_t any[3] = {0, 0, 0};
    int rc = path_scan(ctx, any, &all, err);
    for (size_t i = 0; rc == 0 && i < all.n; i += 3) {
        for (int j = 0; j < 3; j += 2) {
            int added;
            if (rowset_put(&seen, &all.v[i + j], &added) < 0) {
                rc = ev_fail_nomem(pc->ev);
                break;
            }
            if (added && dg_ids_push(out, all.v[i + j]) < 0) {
                rc = ev_fail_nomem(pc->ev);
                break;
            }
        }
    }
    rowset_free(&seen);
    dg_ids_release(&all);
    return rc;
}

/* Is x a subject or an object of the active graph?  1, 0, or -1. */
static int
node_in_graph(struct path_ctx *pc, uint64_t x)
{
    for (int side = 0; side < 2; side++) {
        uint64_t spo[3] = {side ? 0 : x, 0, side ? x : 0}, quad[4];
        struct qsrc q;
        int r;
        if (qsrc_open(pc->ev, &q, spo, &pc->g, NULL) < 0)
            return -1;
        r = qsrc_next(&q, quad);
        qsrc_close(&q);
        if (r != 0)
            return r;
    }
    return 0;
}

/* Binds a path end: var < 0 (a constant) always fits; a bound variable
 * must hold x.  1 when row fits, 0 when not. */
static int
bind_end(uint64_t *row, int var, uint64_t x)
{
    if (var < 0)
        return 1;
    if (row[var] && row[var] != x)
        return 0;
    row[var] = x;
    return 1;
}

/* Evaluates the path node into a bag of rows extending seed.  An end that
 * is a variable bound by the seed must be a node of the graph: the path
 * is evaluated on its own and then joined (a zero-length path from a term
 * of the query, not of the data, matches only for a constant). */
static int
path_rows(struct ev *ev, const struct dg_pattern *p, const uint64_t *seed,
          struct gctx g, struct bag *bag)
{
    uint64_t *row = calloc(ev->width, sizeof *row);
    uint64_t *res = malloc(ev->width * sizeof *res);
    struct dg_ids pairs = {0};
    const uint64_t *graphs = NULL;
    size_t ngraphs = 1;
    uint64_t one = 0;
    int rc = -1;
    if (!row || !res) {
        ev_fail_nomem(ev);
        goto out;
    }
    if (seed)
        memcpy(row, seed, ev->width * sizeof *row);
    if (g.mode == GC_VAR && !row[g.var]) {
        if (ensure_named(ev) < 0)
            goto out;
        graphs = ev->named;
        ngraphs = ev->nnamed;
    } else if (g.mode == GC_VAR) {
        int named = is_named(ev, row[g.var]);
        if (named < 0)
            goto out;
        if (!named) {
            rc = 0;
            goto out;
        }
        one = row[g.var];
        graphs = &one;
    }
    for (size_t gi = 0; gi < ngraphs; gi++) {
        struct path_ctx pc = {ev, g};
        if (graphs) {
            pc.g.mode = GC_FIXED;
            pc.g.g = graphs[gi];
        }
        struct dg_path_src src = {path_scan, path_nodes, &pc};
        uint64_t s = pnode_value(&p->s, row), o = pnode_value(&p->o, row);
        int in = 1;
        if (p->s.var >= 0 && s)
            in = node_in_graph(&pc, s);
        if (in == 1 && p->o.var >= 0 && o && o != s)
            in = node_in_graph(&pc, o);
        if (in < 0)
            goto out;
        if (!in)
            continue;
        pairs.n = 0;
        if (dg_path_eval(&src, p->path, s, o, &pairs, ev->err) < 0)
            goto out;
        for (size_t i = 0; i < pairs.n; i += 2) {
            memcpy(res, row, ev->width * sizeof *res);
            if (!bind_end(res, p->s.var, pairs.v[i]) ||
                !bind_end(res, p->o.var, pairs.v[i + 1]))
                continue;
            if (g.mode == GC_VAR)
                res[g.var] = graphs[gi];
            if (bag_push(bag, res) < 0) {
                ev_fail_nomem(ev);
                goto out;
            }
        }
    }
    rc = 0;
out:
    free(row);
    free(res);
    dg_ids_release(&pairs);
    return rc;
}

static struct it *
open_path(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g)
{
    struct bag bag = {.w = ev->width};
    if (path_rows(ev, op->p, seed, g, &bag) < 0) {
        bag_free(&bag);
        return NULL;
    }
    return it_from_bag(ev, &bag);
}

/* ---- join, optional, union, minus ------------------------------------- */

/* A right side built once: its rows, and a hash of them by the join key
 * (the variables both sides certainly bind), when there is one. */
struct built {
    struct bag rows;
    size_t nkey;
    int *key; /* variables */
    struct rowset keys;
    size_t *first, *next; /* chains of rows per key */
};

static void
built_free(struct built *b)
{
    bag_free(&b->rows);
    free(b->key);
    rowset_free(&b->keys);
    free(b->first);
    free(b->next);
    memset(b, 0, sizeof *b);
}

static int
built_make(struct ev *ev, struct op *op, struct op *right, struct gctx g,
           struct built *b)
{
    uint64_t kv[64];
    memset(b, 0, sizeof *b);
    b->rows.w = ev->width;
    if (drain(ev, open_op(ev, right, NULL, g, 0), &b->rows) < 0)
        return -1;
    if (!op->joinkey)
        return 0;
    for (size_t v = 0; v < ev->nvars && b->nkey < 64; v++)
        if (bit_get(op->joinkey, v))
            b->nkey++;
    if (!b->nkey)
        return 0;
    if (!(b->key = malloc(b->nkey * sizeof *b->key)))
        return ev_fail_nomem(ev);
    b->nkey = 0;
    for (size_t v = 0; v < ev->nvars && b->nkey < 64; v++)
        if (bit_get(op->joinkey, v))
            b->key[b->nkey++] = (int)v;
    b->keys.k = b->nkey;
    if (!(b->next = malloc((b->rows.n ? b->rows.n : 1) * sizeof *b->next)) ||
        !(b->first = malloc((b->rows.n ? b->rows.n : 1) * sizeof *b->first)))
        return ev_fail_nomem(ev);
    for (size_t i = 0; i < b->rows.n; i++) {
        const uint64_t *r = b->rows.rows + i * b->rows.w;
        int added;
        for (size_t k = 0; k < b->nkey; k++)
            kv[k] = r[b->key[k]];
        long slot = rowset_put(&b->keys, kv, &added);
        if (slot < 0)
            return ev_fail_nomem(ev);
        if (added)
            b->first[slot] = SIZE_MAX;
        b->next[i] = b->first[slot];
        b->first[slot] = i;
    }
    return 0;
}

/* The first candidate row of b for left row l (SIZE_MAX: none); walk
 * with built_step. */
static size_t
built_first(const struct built *b, const uint64_t *l, int *chained)
{
    uint64_t kv[64];
    *chained = 0;
    if (!b->nkey)
        return b->rows.n ? 0 : SIZE_MAX;
    for (size_t k = 0; k < b->nkey; k++) {
        kv[k] = l[b->key[k]];
        if (!kv[k])
            return b->rows.n ? 0 : SIZE_MAX; /* not bound: scan all */
    }
    *chained = 1;
    long slot = rowset_find(&b->keys, kv);
    return slot < 0 ? SIZE_MAX : b->first[slot];
}

static size_t
built_step(const struct built *b, size_t i, int chained)
{
    if (chained)
        return b->next[i];
    return i + 1 < b->rows.n ? i + 1 : SIZE_MAX;
}

struct it_join {
    struct it base;
    struct op *op;
    struct op *lop, *rop; /* the sides in the order they run */
    struct gctx g;
    int force;
    int kind; /* DG_P_JOIN, DG_P_LEFTJOIN, DG_P_MINUS */
    struct it *left, *right;
    uint64_t *lrow;
    int have_left, matched;
    int built_ready;
    struct built b;
    size_t cur;
    int chained;
};

static int
lj_accept(struct it_join *j, uint64_t *row)
{
    const struct dg_expr *e = j->op->p->expr;
    struct ev *ev = j->base.ev;
    if (!e)
        return 1;
    ev->cur_g = j->g;
    ev->env.solution = ++ev->solution;
    return dg_expr_filter(&ev->env, e, row, ev->err);
}

/* Is some row of the built right side compatible with l and sharing a
 * variable with it (MINUS)? */
static int
minus_hit(struct it_join *j, const uint64_t *l)
{
    struct ev *ev = j->base.ev;
    int chained;
    for (size_t i = built_first(&j->b, l, &chained); i != SIZE_MAX;
         i = built_step(&j->b, i, chained)) {
        const uint64_t *r = j->b.rows.rows + i * j->b.rows.w;
        int shared = 0, ok = 1;
        for (size_t v = 0; v < ev->nvars && ok; v++) {
            if (l[v] && r[v]) {
                shared = 1;
                ok = l[v] == r[v];
            }
        }
        if (ok && shared)
            return 1;
    }
    return 0;
}

static int
join_next(struct it *it, uint64_t *row)
{
    struct it_join *j = (struct it_join *)it;
    struct ev *ev = it->ev;
    int r;

    if (!j->built_ready && j->rop->materialise) {
        if (built_make(ev, j->op, j->rop, j->g, &j->b) < 0)
            return -1;
        j->built_ready = 1;
    }
    for (;;) {
        if (j->have_left) {
            if (j->rop->materialise) {
                while (j->cur != SIZE_MAX) {
                    const uint64_t *rr = j->b.rows.rows + j->cur * j->b.rows.w;
                    j->cur = built_step(&j->b, j->cur, j->chained);
                    if (!compatible(ev, j->lrow, rr))
                        continue;
                    memcpy(row, j->lrow, ev->width * sizeof *row);
                    merge_into(ev, row, rr);
                    if (j->kind == DG_P_LEFTJOIN) {
                        int a = lj_accept(j, row);
                        if (a < 0)
                            return -1;
                        if (!a)
                            continue;
                        j->matched = 1;
                    }
                    return 1;
                }
            } else {
                while ((r = j->right->next(j->right, row)) == 1) {
                    if (j->kind == DG_P_LEFTJOIN) {
                        int a = lj_accept(j, row);
                        if (a < 0)
                            return -1;
                        if (!a)
                            continue;
                        j->matched = 1;
                    }
                    return 1;
                }
                if (r < 0)
                    return -1;
                it_free(j->right);
                j->right = NULL;
            }
            j->have_left = 0;
            if (j->kind == DG_P_LEFTJOIN && !j->matched) {
                memcpy(row, j->lrow, ev->width * sizeof *row);
                return 1;
            }
        }
        if ((r = j->left->next(j->left, j->lrow)) != 1)
            return r;
        if (j->kind == DG_P_MINUS) {
            if (!minus_hit(j, j->lrow)) {
                memcpy(row, j->lrow, ev->width * sizeof *row);
                return 1;
            }
            continue;
        }
        j->have_left = 1;
        j->matched = 0;
        if (j->op->r->materialise) {
            j->cur = built_first(&j->b, j->lrow, &j->chained);
        } else if (!(j->right =
                         open_op(ev, j->op->r, j->lrow, j->g, j->force))) {
            return -1;
        }
    }
}

static void
join_free(struct it *it)
{
    struct it_join *j = (struct it_join *)it;
    it_free(j->left);
    it_free(j->right);
    built_free(&j->b);
    free(j->lrow);
    free(j);
}

static struct it *
open_join(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g,
          int force)
{
    struct it_join *j = calloc(1, sizeof *j);
    if (!j || !(j->lrow = calloc(ev->width, sizeof *j->lrow))) {
        free(j);
        ev_fail_nomem(ev);
        return NULL;
    }
    j->base.next = join_next;
    j->base.free = join_free;
    j->base.ev = ev;
    j->op = op;
    j->g = g;
    j->force = force;
    j->kind = op->p->op;
    /* MINUS's right side is evaluated on its own, even under EXISTS */
    if (j->kind == DG_P_MINUS && !op->r->materialise)
        op->r->materialise = 1;
    j->lop = op->l;
    j->rop = op->r;
    /* a path joined after a group's triples (where the parser puts it)
     * runs first when one of its ends is known and the triples share a
     * variable with it: `?c (:a|:b) ?e . ?c :name ?n` with ?e bound */
    if (j->kind == DG_P_JOIN && op->l->p->op == DG_P_BGP &&
        op->r->p->op == DG_P_PATH && !op->r->materialise) {
        const struct dg_pattern *pp = op->r->p;
        int known = pp->s.var < 0 || pp->o.var < 0 ||
                    (seed && (seed[pp->s.var] || seed[pp->o.var]));
        if (known) {
            j->lop = op->r;
            j->rop = op->l;
        }
    }
    if (!(j->left = open_op(ev, j->lop, seed, g, force))) {
        join_free(&j->base);
        return NULL;
    }
    return &j->base;
}

struct it_union {
    struct it base;
    struct op *op;
    struct gctx g;
    int force;
    uint64_t *seed;
    struct it *cur;
    int side;
};

static int
union_next(struct it *it, uint64_t *row)
{
    struct it_union *u = (struct it_union *)it;
    for (;;) {
        int r = u->cur->next(u->cur, row);
        if (r != 0 || u->side == 1)
            return r;
        it_free(u->cur);
        u->side = 1;
        if (!(u->cur = open_op(it->ev, u->op->r, u->seed, u->g, u->force)))
            return -1;
    }
}

static void
union_free(struct it *it)
{
    struct it_union *u = (struct it_union *)it;
    it_free(u->cur);
    free(u->seed);
    free(u);
}

static struct it *
open_union(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g,
           int force)
{
    struct it_union *u = calloc(1, sizeof *u);
    if (!u) {
        ev_fail_nomem(ev);
        return NULL;
    }
    u->base.next = union_next;
    u->base.free = union_free;
    u->base.ev = ev;
    u->op = op;
    u->g = g;
    u->force = force;
    if (row_dup(ev, seed, &u->seed) < 0) {
        free(u);
        return NULL;
    }
    if (!(u->cur = open_op(ev, op->l, seed, g, force))) {
        union_free(&u->base);
        return NULL;
    }
    return &u->base;
}

/* ---- filter, extend, values ------------------------------------------- */

struct it_unary {
    struct it base;
    struct op *op;
    struct gctx g;
    int force;
    struct it *sub;
    /* VALUES */
    uint64_t *seed;
    size_t i;
};

static int
filter_next(struct it *it, uint64_t *row)
{
    struct it_unary *u = (struct it_unary *)it;
    struct ev *ev = it->ev;
    int r;
    while ((r = u->sub->next(u->sub, row)) == 1) {
        int pass = 1;
        ev->env.solution = ++ev->solution;
        for (size_t i = 0; i < u->op->p->nexprs && pass; i++) {
            ev->cur_g = u->g;
            pass = dg_expr_filter(&ev->env, u->op->p->exprs[i], row, ev->err);
            if (pass < 0)
                return -1;
        }
        if (pass)
            return 1;
    }
    return r;
}

static int
extend_next(struct it *it, uint64_t *row)
{
    struct it_unary *u = (struct it_unary *)it;
    struct ev *ev = it->ev;
    struct dg_sterm v = {0};
    int r = u->sub->next(u->sub, row);
    if (r != 1)
        return r;
    ev->cur_g = u->g;
    /* a chain of BINDs (the SELECT expressions) works on one solution:
     * BNODE("x") is the same node in all of them */
    if (u->op->l->p->op != DG_P_EXTEND)
        ev->env.solution = ++ev->solution;
    r = dg_expr_eval(&ev->env, u->op->p->expr, row, &v, ev->err);
    if (r < 0)
        return -1;
    if (r == 0 && u->op->p->var >= 0) {
        uint64_t id = ev_intern(ev, &v);
        dg_sterm_clear(&v);
        if (!id)
            return -1;
        row[u->op->p->var] = id;
    }
    return 1;
}

static int
values_next(struct it *it, uint64_t *row)
{
    struct it_unary *u = (struct it_unary *)it;
    const struct dg_pattern *p = u->op->p;
    struct ev *ev = it->ev;
    while (u->i < p->nrows) {
        const uint64_t *vals = p->value_ids + u->i * p->nvars;
        int ok = 1;
        u->i++;
        if (u->seed)
            memcpy(row, u->seed, ev->width * sizeof *row);
        else
            memset(row, 0, ev->width * sizeof *row);
        for (size_t v = 0; v < p->nvars && ok; v++) {
            int var = p->vars[v];
            if (!vals[v])
                continue;
            if (row[var] && row[var] != vals[v])
                ok = 0;
            row[var] = vals[v];
        }
        if (ok)
            return 1;
    }
    return 0;
}

static void
unary_free(struct it *it)
{
    struct it_unary *u = (struct it_unary *)it;
    it_free(u->sub);
    free(u->seed);
    free(u);
}

static struct it *
open_unary(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g,
           int force, int (*next)(struct it *, uint64_t *), int with_sub)
{
    struct it_unary *u = calloc(1, sizeof *u);
    if (!u) {
        ev_fail_nomem(ev);
        return NULL;
    }
    u->base.next = next;
    u->base.free = unary_free;
    u->base.ev = ev;
    u->op = op;
    u->g = g;
    u->force = force;
    if (row_dup(ev, seed, &u->seed) < 0) {
        free(u);
        return NULL;
    }
    if (with_sub && !(u->sub = open_op(ev, op->l, seed, g, force))) {
        unary_free(&u->base);
        return NULL;
    }
    return &u->base;
}

/* ---- GRAPH ------------------------------------------------------------ */

struct it_graph {
    struct it base;
    struct op *op;
    int var;
    int force;
    struct it *sub;
    uint64_t *pending; /* a row whose graph variable is unbound */
    size_t gi;         /* next graph to give it */
    int expanding;
    /* one graph at a time (graph_each_next): the seed of each group */
    uint64_t *seed;
};

static int
graph_each_next(struct it *it, uint64_t *row)
{
    struct it_graph *gr = (struct it_graph *)it;
    struct ev *ev = it->ev;
    int r;
    for (;;) {
        if (gr->sub) {
            while ((r = gr->sub->next(gr->sub, row)) == 1) {
                uint64_t g = ev->named[gr->gi - 1];
                if (row[gr->var] && row[gr->var] != g)
                    continue;
                row[gr->var] = g;
                return 1;
            }
            if (r < 0)
                return -1;
            it_free(gr->sub);
            gr->sub = NULL;
        }
        if (gr->gi >= ev->nnamed)
            return 0;
        struct gctx inner = {GC_FIXED, ev->named[gr->gi++], -1};
        if (!(gr->sub = open_op(ev, gr->op->l, gr->seed, inner, gr->force)))
            return -1;
    }
}

static int
graph_next(struct it *it, uint64_t *row)
{
    struct it_graph *gr = (struct it_graph *)it;
    struct ev *ev = it->ev;
    int r;
    for (;;) {
        if (gr->expanding) {
            if (gr->gi < ev->nnamed) {
                memcpy(row, gr->pending, ev->width * sizeof *row);
                row[gr->var] = ev->named[gr->gi++];
                return 1;
            }
            gr->expanding = 0;
        }
        if ((r = gr->sub->next(gr->sub, row)) != 1)
            return r;
        if (row[gr->var])
            return 1;
        /* nothing in the group read a graph: one row per named graph */
        if (ensure_named(ev) < 0)
            return -1;
        memcpy(gr->pending, row, ev->width * sizeof *row);
        gr->gi = 0;
        gr->expanding = 1;
    }
}

static void
graph_free(struct it *it)
{
    struct it_graph *gr = (struct it_graph *)it;
    it_free(gr->sub);
    free(gr->pending);
    free(gr->seed);
    free(gr);
}

static struct it *
open_graph(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g,
           int force)
{
    const struct dg_pattern *p = op->p;
    struct gctx inner = {GC_FIXED, 0, -1};
    (void)g;
    if (p->name.var < 0 || (seed && seed[p->name.var])) {
        uint64_t id = p->name.var < 0 ? p->name.id : seed[p->name.var];
        int named = (id && !(id & DG_ID_LOCAL)) ? is_named(ev, id) : 0;
        if (named < 0)
            return NULL;
        if (!named)
            return it_empty(ev);
        inner.g = id;
        return open_op(ev, op->l, seed, inner, force);
    }
    struct it_graph *gr = calloc(1, sizeof *gr);
    if (!gr || !(gr->pending = calloc(ev->width, sizeof *gr->pending))) {
        free(gr);
        ev_fail_nomem(ev);
        return NULL;
    }
    gr->base.next = graph_next;
    gr->base.free = graph_free;
    gr->base.ev = ev;
    gr->op = op;
    gr->var = p->name.var;
    gr->force = force;
    if (!op->l->graph_ok || bit_get(op->l->vars, (size_t)p->name.var)) {
        /* evaluated in each named graph in turn, as the algebra says */
        if (ensure_named(ev) < 0) {
            graph_free(&gr->base);
            return NULL;
        }
        gr->base.next = graph_each_next;
        if (row_dup(ev, seed, &gr->seed) < 0) {
            graph_free(&gr->base);
            return NULL;
        }
        return &gr->base;
    }
    inner.mode = GC_VAR;
    inner.var = p->name.var;
    if (!(gr->sub = open_op(ev, op->l, seed, inner, force))) {
        graph_free(&gr->base);
        return NULL;
    }
    return &gr->base;
}

/* ---- project, distinct, slice ----------------------------------------- */

struct it_mod {
    struct it base;
    struct op *op;
    struct it *sub;
    bits_t *keep;
    struct rowset seen;
    long long skipped, given;
};

static int
project_next(struct it *it, uint64_t *row)
{
    struct it_mod *m = (struct it_mod *)it;
    int r = m->sub->next(m->sub, row);
    if (r == 1)
        for (size_t v = 0; v < it->ev->nvars; v++)
            if (!bit_get(m->keep, v))
                row[v] = 0;
    return r;
}

static int
distinct_next(struct it *it, uint64_t *row)
{
    struct it_mod *m = (struct it_mod *)it;
    int r, added;
    while ((r = m->sub->next(m->sub, row)) == 1) {
        if (rowset_put(&m->seen, row, &added) < 0)
            return ev_fail_nomem(it->ev);
        if (added && ev_hold(it->ev) < 0)
            return -1;
        if (added)
            return 1;
    }
    return r;
}

static int
slice_next(struct it *it, uint64_t *row)
{
    struct it_mod *m = (struct it_mod *)it;
    const struct dg_pattern *p = m->op->p;
    int r;
    if (p->limit >= 0 && m->given >= p->limit)
        return 0;
    while ((r = m->sub->next(m->sub, row)) == 1) {
        if (m->skipped < p->offset) {
            m->skipped++;
            continue;
        }
        m->given++;
        return 1;
    }
    return r;
}

static void
mod_free(struct it *it)
{
    struct it_mod *m = (struct it_mod *)it;
    it_free(m->sub);
    free(m->keep);
    rowset_free(&m->seen);
    free(m);
}

static struct it *
open_mod(struct ev *ev, struct op *op, struct gctx g,
         int (*next)(struct it *, uint64_t *))
{
    struct it_mod *m = calloc(1, sizeof *m);
    if (!m) {
        ev_fail_nomem(ev);
        return NULL;
    }
    m->base.next = next;
    m->base.free = mod_free;
    m->base.ev = ev;
    m->op = op;
    m->seen.k = ev->nvars;
    if (op->p->op == DG_P_PROJECT) {
        if (!(m->keep = bits_new(ev))) {
            free(m);
            return NULL;
        }
        for (size_t i = 0; i < op->p->nvars; i++)
            bit_set(m->keep, (size_t)op->p->vars[i]);
    }
    if (!(m->sub = open_op(ev, op->l, NULL, g, 0))) {
        mod_free(&m->base);
        return NULL;
    }
    return &m->base;
}

/* ---- ORDER BY --------------------------------------------------------- */

struct sort_ctx {
    struct ev *ev;
    const struct dg_pattern *p;
    struct dg_sterm *keys;      /* row-major: nrows * nkeys (owned copies) */
    const struct dg_sterm **kp; /* pointers: store terms or keys[] */
    size_t nkeys;
    int timed_out; /* qsort cannot stop: compares are then all equal */
};

/* qsort has no context argument: one per thread, since queries run in
 * several threads at once (graph/server.c) */
static _Thread_local struct sort_ctx *the_sort;

static int
sort_cmp(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    struct sort_ctx *s = the_sort;
    if (s->timed_out || (s->timed_out = ev_tick(s->ev) < 0))
        return 0;
    for (size_t k = 0; k < s->nkeys; k++) {
        int c =
            dg_sterm_order(s->kp[i * s->nkeys + k], s->kp[j * s->nkeys + k]);
        if (c)
            return s->p->keys[k].desc ? -c : c;
    }
    return i < j ? -1 : i > j;
}

static const struct dg_sterm none_term = {0};

/* Sorts bag by the ORDER node's keys; keeps the first keep rows (0: all). */
static int
sort_bag(struct ev *ev, const struct dg_pattern *p, struct bag *bag,
         size_t keep)
{
    size_t n = bag->n, nk = p->nkeys, total = bag->n * p->nkeys;
    struct sort_ctx s = {ev, p, NULL, NULL, nk, 0};
    size_t *idx = NULL;
    uint64_t *sorted = NULL;
    int rc = -1;
    if (!n)
        return 0;
    if (!(s.keys = calloc(total + 1, sizeof *s.keys)) ||
        !(s.kp = calloc(total + 1, sizeof *s.kp)) ||
        !(idx = malloc(n * sizeof *idx))) {
        ev_fail_nomem(ev);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const uint64_t *row = bag->rows + i * bag->w;
        if (ev_tick(ev) < 0)
            goto out;
        idx[i] = i;
        ev->env.solution = ++ev->solution;
        for (size_t k = 0; k < nk; k++) {
            const struct dg_expr *e = p->keys[k].expr;
            const struct dg_sterm **slot = &s.kp[i * nk + k];
            if (e->op == DG_E_VAR && e->var >= 0) {
                *slot = row[e->var] ? ev_term(ev, row[e->var]) : &none_term;
                if (!*slot)
                    goto out;
                continue;
            }
            int r =
                dg_expr_eval(&ev->env, e, row, &s.keys[i * nk + k], ev->err);
            if (r < 0)
                goto out;
            *slot = &s.keys[i * nk + k];
        }
    }
    the_sort = &s;
    qsort(idx, n, sizeof *idx, sort_cmp);
    the_sort = NULL;
    if (s.timed_out)
        goto out;
    if (keep && keep < n)
        n = keep;
    if (!(sorted = malloc((n ? n : 1) * bag->w * sizeof *sorted))) {
        ev_fail_nomem(ev);
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        memcpy(sorted + i * bag->w, bag->rows + idx[i] * bag->w,
               bag->w * sizeof *sorted);
    free(bag->rows);
    bag->rows = sorted;
    bag->n = n;
    bag->cap = n;
    sorted = NULL;
    rc = 0;
out:
    if (s.keys)
        for (size_t i = 0; i < total; i++)
            dg_sterm_clear(&s.keys[i]);
    free(s.keys);
    free(s.kp);
    free(idx);
    free(sorted);
    return rc;
}

static struct it *
open_order(struct ev *ev, struct op *op, struct gctx g)
{
    struct bag bag = {.w = ev->width, .held = &ev->rows};
    struct it *sub = open_op(ev, op->l, NULL, g, 0);
    uint64_t *row = malloc(ev->width * sizeof *row);
    size_t keep = op->topk > 0 ? (size_t)op->topk : 0;
    int r;
    if (!sub || !row) {
        free(row);
        it_free(sub);
        if (sub)
            ev_fail_nomem(ev);
        return NULL;
    }
    while ((r = sub->next(sub, row)) == 1) {
        if (ev_hold(ev) < 0) {
            r = -1;
            break;
        }
        if (bag_push(&bag, row) < 0) {
            r = ev_fail_nomem(ev);
            break;
        }
        /* ORDER BY under LIMIT: keep the best rows only */
        if (keep && bag.n >= 2 * keep + 1024) {
            /* stable: rows arrive in order, sort keeps earlier first */
            ev->rows -= (long)bag.n;
            int sr = sort_bag(ev, op->p, &bag, keep);
            ev->rows += (long)bag.n;
            if (sr < 0) {
                r = -1;
                break;
            }
        }
        if (ev_tick(ev) < 0) {
            r = -1;
            break;
        }
    }
    free(row);
    it_free(sub);
    if (r >= 0) {
        ev->rows -= (long)bag.n;
        r = sort_bag(ev, op->p, &bag, keep);
        ev->rows += (long)bag.n;
    }
    if (r < 0) {
        bag_free(&bag);
        return NULL;
    }
    return it_from_bag(ev, &bag);
}

/* ---- GROUP BY and aggregates ------------------------------------------ */

struct group {
    struct dg_agg_state **agg; /* naggs */
    /* COUNT fast path: counts and id sets per aggregate */
    uint64_t *count;
    struct rowset *dset;
};

static int
agg_is_fast_count(const struct dg_aggregate *a)
{
    return a->kind == DG_A_COUNT &&
           (!a->expr || (a->expr->op == DG_E_VAR && a->expr->var >= 0));
}

static void
group_free(struct group *g, size_t naggs)
{
    for (size_t i = 0; i < naggs; i++) {
        if (g->agg)
            dg_agg_free(g->agg[i]);
        if (g->dset)
            rowset_free(&g->dset[i]);
    }
    free(g->agg);
    free(g->count);
    free(g->dset);
}

static int
group_init(struct ev *ev, struct group *g, const struct dg_pattern *p)
{
    size_t n = p->naggs ? p->naggs : 1;
    memset(g, 0, sizeof *g);
    if (!(g->agg = calloc(n, sizeof *g->agg)) ||
        !(g->count = calloc(n, sizeof *g->count)) ||
        !(g->dset = calloc(n, sizeof *g->dset)))
        return ev_fail_nomem(ev);
    for (size_t i = 0; i < p->naggs; i++) {
        if (agg_is_fast_count(&p->aggs[i])) {
            g->dset[i].k = p->aggs[i].expr ? 1 : ev->nvars;
            continue;
        }
        if (!(g->agg[i] = dg_agg_new(&p->aggs[i])))
            return ev_fail_nomem(ev);
    }
    return 0;
}

static int
group_add(struct ev *ev, struct group *g, const struct dg_pattern *p,
          const uint64_t *row)
{
    ev->env.solution = ++ev->solution;
    for (size_t i = 0; i < p->naggs; i++) {
        const struct dg_aggregate *a = &p->aggs[i];
        if (agg_is_fast_count(a)) {
            const uint64_t *key = a->expr ? &row[a->expr->var] : row;
            if (a->expr && !row[a->expr->var])
                continue;
            if (a->distinct) {
                int added;
                if (rowset_put(&g->dset[i], key, &added) < 0)
                    return ev_fail_nomem(ev);
                if (!added)
                    continue;
            }
            g->count[i]++;
            continue;
        }
        if (a->expr && a->expr->op == DG_E_VAR && a->expr->var >= 0) {
            const struct dg_sterm *t = NULL;
            if (row[a->expr->var] && !(t = ev_term(ev, row[a->expr->var])))
                return -1;
            if (dg_agg_add(g->agg[i], t) < 0)
                return ev_fail_nomem(ev);
            continue;
        }
        struct dg_sterm v = {0};
        int r = a->expr ? dg_expr_eval(&ev->env, a->expr, row, &v, ev->err) : 0;
        if (r < 0)
            return -1;
        if (!a->expr) {
            /* COUNT(*) is the fast path; any other aggregate has an
             * expression */
            r = 1;
        }
        int rc = dg_agg_add(g->agg[i], r == 0 ? &v : NULL);
        dg_sterm_clear(&v);
        if (rc < 0)
            return ev_fail_nomem(ev);
    }
    return 0;
}

/* Is op a GROUP of COUNT(*)s alone over one triple pattern whose
 * variables are distinct, in the default graph or a fixed one? */
static int
count_only(struct ev *ev, struct op *op, struct gctx g)
{
    const struct dg_pattern *p = op->p, *l = op->l->p;
    (void)ev;
    if (p->ngroup || !p->naggs || g.mode == GC_VAR || l->op != DG_P_BGP ||
        l->ntriples != 1)
        return 0;
    for (size_t i = 0; i < p->naggs; i++)
        if (p->aggs[i].kind != DG_A_COUNT || p->aggs[i].expr ||
            p->aggs[i].distinct)
            return 0;
    const struct dg_tpat *t = &l->triples[0];
    int vs = t->s.var, vp = t->p.var, vo = t->o.var;
    return !((vs >= 0 && (vs == vp || vs == vo)) || (vp >= 0 && vp == vo));
}

static struct it *
open_group(struct ev *ev, struct op *op, struct gctx g)
{
    const struct dg_pattern *p = op->p;
    struct rowset keys = {.k = p->ngroup};
    struct group *groups = NULL;
    size_t ngroups = 0, cgroups = 0;
    struct bag out = {.w = ev->width};
    uint64_t *row = malloc(ev->width * sizeof *row);
    uint64_t *kv = calloc(p->ngroup ? p->ngroup : 1, sizeof *kv);
    struct it *sub = NULL, *res = NULL;
    int r;

    if (!row || !kv) {
        ev_fail_nomem(ev);
        goto out;
    }
    if (count_only(ev, op, g)) {
        /* COUNT(*) of one triple pattern: count the scan's quads */
        const struct dg_tpat *t = &op->l->p->triples[0];
        uint64_t spo[3] = {t->s.var < 0 ? t->s.id : 0,
                           t->p.var < 0 ? t->p.id : 0,
                           t->o.var < 0 ? t->o.id : 0},
                 quad[4], n = 0;
        struct qsrc q;
        if (qsrc_open(ev, &q, spo, &g, NULL) < 0)
            goto out;
        while ((r = qsrc_next(&q, quad)) == 1)
            n++;
        qsrc_close(&q);
        if (r < 0 || !(groups = calloc(1, sizeof *groups)))
            goto out;
        ngroups = cgroups = 1;
        if (group_init(ev, &groups[0], p) < 0 ||
            rowset_put(&keys, kv, NULL) < 0)
            goto out;
        for (size_t i = 0; i < p->naggs; i++)
            groups[0].count[i] = n;
        goto results;
    }
    if (!(sub = open_op(ev, op->l, NULL, g, 0)))
        goto out;
    ev->cur_g = g;
    while ((r = sub->next(sub, row)) == 1) {
        for (size_t k = 0; k < p->ngroup; k++) {
            const struct dg_expr *e = p->group[k].expr;
            if (e->op == DG_E_VAR && e->var >= 0) {
                kv[k] = row[e->var];
                continue;
            }
            struct dg_sterm v = {0};
            int er = dg_expr_eval(&ev->env, e, row, &v, ev->err);
            if (er < 0)
                goto out;
            kv[k] = er == 0 ? ev_intern(ev, &v) : 0;
            dg_sterm_clear(&v);
            if (er == 0 && !kv[k])
                goto out;
        }
        int added;
        long gi = rowset_put(&keys, kv, &added);
        if (gi < 0) {
            ev_fail_nomem(ev);
            goto out;
        }
        if (added) {
            if (ngroups == cgroups) {
                size_t nc = cgroups ? 2 * cgroups : 16;
                struct group *ng = realloc(groups, nc * sizeof *ng);
                if (!ng) {
                    ev_fail_nomem(ev);
                    goto out;
                }
                groups = ng;
                cgroups = nc;
            }
            if (group_init(ev, &groups[ngroups++], p) < 0)
                goto out;
        }
        if (group_add(ev, &groups[gi], p, row) < 0 || ev_tick(ev) < 0)
            goto out;
    }
    if (r < 0)
        goto out;
    if (ngroups == 0 && p->ngroup == 0) {
        /* aggregates over no solution: one group */
        if (!(groups = calloc(1, sizeof *groups))) {
            ev_fail_nomem(ev);
            goto out;
        }
        cgroups = 1;
        if (group_init(ev, &groups[ngroups++], p) < 0)
            goto out;
        if (rowset_put(&keys, kv, NULL) < 0) {
            ev_fail_nomem(ev);
            goto out;
        }
    }
results:
    for (size_t gi = 0; gi < ngroups; gi++) {
        memset(row, 0, ev->width * sizeof *row);
        for (size_t k = 0; k < p->ngroup; k++)
            if (p->group[k].var >= 0)
                row[p->group[k].var] = keys.rows[gi * keys.k + k];
        for (size_t i = 0; i < p->naggs; i++) {
            const struct dg_aggregate *a = &p->aggs[i];
            struct dg_sterm v = {0};
            int ar;
            if (agg_is_fast_count(a)) {
                char buf[32];
                snprintf(buf, sizeof buf, "%llu",
                         (unsigned long long)groups[gi].count[i]);
                ar = dg_sterm_set_str(&v, DG_ST_LITERAL, buf, DG_XSD "integer",
                                      NULL);
            } else {
                ar = dg_agg_result(groups[gi].agg[i], &v);
            }
            if (ar < 0) {
                ev_fail_nomem(ev);
                goto out;
            }
            if (ar == 0 && a->var >= 0) {
                uint64_t id = ev_intern(ev, &v);
                dg_sterm_clear(&v);
                if (!id)
                    goto out;
                row[a->var] = id;
            }
            dg_sterm_clear(&v);
        }
        if (bag_push(&out, row) < 0) {
            ev_fail_nomem(ev);
            goto out;
        }
    }
    res = it_from_bag(ev, &out);
out:
    it_free(sub);
    for (size_t i = 0; i < ngroups; i++)
        group_free(&groups[i], p->naggs);
    free(groups);
    rowset_free(&keys);
    bag_free(&out);
    free(row);
    free(kv);
    return res;
}

/* ---- dispatch --------------------------------------------------------- */

static struct it *
open_raw(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g,
         int force)
{
    switch (op->p->op) {
    case DG_P_BGP: return open_bgp(ev, op, seed, g);
    case DG_P_PATH: return open_path(ev, op, seed, g);
    case DG_P_JOIN:
    case DG_P_LEFTJOIN:
    case DG_P_MINUS: return open_join(ev, op, seed, g, force);
    case DG_P_UNION: return open_union(ev, op, seed, g, force);
    case DG_P_FILTER: return open_unary(ev, op, seed, g, force, filter_next, 1);
    case DG_P_EXTEND: return open_unary(ev, op, seed, g, force, extend_next, 1);
    case DG_P_VALUES: return open_unary(ev, op, seed, g, force, values_next, 0);
    case DG_P_GRAPH: return open_graph(ev, op, seed, g, force);
    case DG_P_PROJECT: return open_mod(ev, op, g, project_next);
    case DG_P_DISTINCT:
    case DG_P_REDUCED: return open_mod(ev, op, g, distinct_next);
    case DG_P_SLICE: return open_mod(ev, op, g, slice_next);
    case DG_P_ORDER: return open_order(ev, op, g);
    case DG_P_GROUP: return open_group(ev, op, g);
    }
    dg_error_set(ev->err, DG_ERR_INTERNAL, "unknown pattern operator %d",
                 op->p->op);
    return NULL;
}

/* Opens op with seed (NULL: none): the seed's variables that the node
 * allows are pushed down, the rest are checked and merged after. */
static struct it *
open_op(struct ev *ev, struct op *op, const uint64_t *seed, struct gctx g,
        int force)
{
    uint64_t *pushed;
    int dropped = 0, any = 0;
    struct it *it;

    if (ev->err->code)
        return NULL;
    if (!seed)
        return open_raw(ev, op, NULL, g, force);
    for (size_t v = 0; v < ev->nvars; v++)
        any |= seed[v] != 0;
    if (!any)
        return open_raw(ev, op, NULL, g, force);
    if (force && !op->opaque)
        return open_raw(ev, op, seed, g, force);
    for (size_t v = 0; v < ev->nvars && !dropped; v++)
        dropped = seed[v] && bit_get(op->unsafe, v);
    if (!dropped)
        return open_raw(ev, op, seed, g, force);
    if (!(pushed = malloc(ev->width * sizeof *pushed))) {
        ev_fail_nomem(ev);
        return NULL;
    }
    memcpy(pushed, seed, ev->width * sizeof *seed);
    for (size_t v = 0; v < ev->nvars; v++)
        if (bit_get(op->unsafe, v))
            pushed[v] = 0;
    it = open_raw(ev, op, op->opaque ? NULL : pushed, g, force);
    free(pushed);
    return it_compat(ev, it, seed);
}

/* EXISTS: the row substituted into the pattern (18.6). */
static int
env_exists(void *ctx, const struct dg_pattern *pattern, const uint64_t *row,
           struct dg_error *err)
{
    struct ev *ev = ctx;
    struct op *op = exists_op(ev, pattern);
    uint64_t *buf;
    struct it *it;
    int r;
    (void)err;
    if (!op)
        return dg_error_set(ev->err, DG_ERR_INTERNAL,
                            "EXISTS pattern was not analysed");
    if (!(buf = malloc(ev->width * sizeof *buf)))
        return ev_fail_nomem(ev);
    struct gctx g = ev->cur_g;
    if (!(it = open_op(ev, op, row, g, 1))) {
        free(buf);
        return -1;
    }
    r = it->next(it, buf);
    it_free(it);
    free(buf);
    ev->cur_g = g;
    return r;
}

/* ---- constants -------------------------------------------------------- */

static int resolve_pattern(struct ev *ev, struct dg_pattern *p);

static int
resolve_pnode(struct ev *ev, struct dg_pnode *n)
{
    if (n->var >= 0 || n->term.kind == DG_ST_NONE)
        return 0;
    n->id = ev_intern(ev, &n->term);
    return n->id ? 0 : -1;
}

static int
resolve_expr(struct ev *ev, struct dg_expr *e)
{
    if (!e)
        return 0;
    if (e->pattern && resolve_pattern(ev, e->pattern) < 0)
        return -1;
    for (size_t i = 0; i < e->nargs; i++)
        if (resolve_expr(ev, e->args[i]) < 0)
            return -1;
    return 0;
}

static int
resolve_path(struct ev *ev, struct dg_path *p)
{
    if (!p)
        return 0;
    if (p->op == DG_PATH_LINK) {
        if (ev->ds->ops->lookup(ev->ds, &p->iri, &p->id, ev->err) < 0)
            return -1;
        if (!p->id)
            p->id = DG_ID_LOCAL; /* matches nothing */
    }
    if (p->op == DG_PATH_NPS) {
        free(p->fwd_ids);
        free(p->inv_ids);
        p->fwd_ids = calloc(p->nfwd ? p->nfwd : 1, sizeof *p->fwd_ids);
        p->inv_ids = calloc(p->ninv ? p->ninv : 1, sizeof *p->inv_ids);
        if (!p->fwd_ids || !p->inv_ids)
            return ev_fail_nomem(ev);
        for (size_t i = 0; i < p->nfwd; i++)
            if (ev->ds->ops->lookup(ev->ds, &p->fwd[i], &p->fwd_ids[i],
                                    ev->err) < 0)
                return -1;
        for (size_t i = 0; i < p->ninv; i++)
            if (ev->ds->ops->lookup(ev->ds, &p->inv[i], &p->inv_ids[i],
                                    ev->err) < 0)
                return -1;
    }
    if (resolve_path(ev, p->a) < 0 || resolve_path(ev, p->b) < 0)
        return -1;
    return 0;
}

static int
resolve_pattern(struct ev *ev, struct dg_pattern *p)
{
    if (!p)
        return 0;
    for (size_t i = 0; i < p->ntriples; i++)
        if (resolve_pnode(ev, &p->triples[i].s) < 0 ||
            resolve_pnode(ev, &p->triples[i].p) < 0 ||
            resolve_pnode(ev, &p->triples[i].o) < 0)
            return -1;
    if (resolve_pnode(ev, &p->s) < 0 || resolve_pnode(ev, &p->o) < 0 ||
        resolve_pnode(ev, &p->name) < 0 || resolve_path(ev, p->path) < 0 ||
        resolve_expr(ev, p->expr) < 0)
        return -1;
    for (size_t i = 0; i < p->nexprs; i++)
        if (resolve_expr(ev, p->exprs[i]) < 0)
            return -1;
    if (p->op == DG_P_VALUES) {
        free(p->value_ids);
        size_t n = p->nrows * p->nvars;
        if (!(p->value_ids = calloc(n ? n : 1, sizeof *p->value_ids)))
            return ev_fail_nomem(ev);
        for (size_t i = 0; i < n; i++)
            if (p->values[i].kind != DG_ST_NONE &&
                !(p->value_ids[i] = ev_intern(ev, &p->values[i])))
                return -1;
    }
    for (size_t i = 0; i < p->ngroup; i++)
        if (resolve_expr(ev, p->group[i].expr) < 0)
            return -1;
    for (size_t i = 0; i < p->naggs; i++)
        if (resolve_expr(ev, p->aggs[i].expr) < 0)
            return -1;
    for (size_t i = 0; i < p->nkeys; i++)
        if (resolve_expr(ev, p->keys[i].expr) < 0)
            return -1;
    return resolve_pattern(ev, p->left) < 0 ? -1
                                            : resolve_pattern(ev, p->right);
}

static int
id_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The dataset of the query: FROM / FROM NAMED, or the store's view. */
static int
setup_dataset(struct ev *ev, const struct dg_eval_opts *opts)
{
    struct dg_query *q = ev->q;
    if (!q->nfrom && !q->nfrom_named) {
        ev->dmode = opts && opts->default_graph == DG_DEFAULT_STORED ? DM_STORED
                                                                     : DM_UNION;
        return 0;
    }
    ev->dmode = DM_FROM;
    ev->named_restricted = 1;
    ev->named_ready = 1;
    if (!(ev->from = calloc(q->nfrom ? q->nfrom : 1, sizeof *ev->from)) ||
        !(ev->named =
              calloc(q->nfrom_named ? q->nfrom_named : 1, sizeof *ev->named)))
        return ev_fail_nomem(ev);
    for (size_t i = 0; i < q->nfrom; i++) {
        struct dg_sterm t = {DG_ST_IRI, q->from[i], strlen(q->from[i]), NULL,
                             NULL};
        uint64_t id = 0;
        if (ev->ds->ops->lookup(ev->ds, &t, &id, ev->err) < 0)
            return -1;
        int dup = 0;
        for (size_t k = 0; k < ev->nfrom; k++)
            dup |= ev->from[k] == id;
        if (id && !dup)
            ev->from[ev->nfrom++] = id;
    }
    for (size_t i = 0; i < q->nfrom_named; i++) {
        struct dg_sterm t = {DG_ST_IRI, q->from_named[i],
                             strlen(q->from_named[i]), NULL, NULL};
        uint64_t id = 0;
        if (ev->ds->ops->lookup(ev->ds, &t, &id, ev->err) < 0)
            return -1;
        if (id)
            ev->named[ev->nnamed++] = id;
    }
    qsort(ev->named, ev->nnamed, sizeof *ev->named, id_cmp);
    size_t k = 0;
    for (size_t i = 0; i < ev->nnamed; i++)
        if (!k || ev->named[k - 1] != ev->named[i])
            ev->named[k++] = ev->named[i];
    ev->nnamed = k;
    return 0;
}

/* ---- results ---------------------------------------------------------- */

static int
term_to_cell(struct ev *ev, uint64_t id, struct dg_term *cell)
{
    const struct dg_sterm *t;
    if (!id)
        return 0;
    if (!(t = ev_term(ev, id)))
        return -1;
    int type = t->kind == DG_ST_IRI     ? DG_TERM_IRI
               : t->kind == DG_ST_BLANK ? DG_TERM_BLANK
                                        : DG_TERM_LITERAL;
    if (dg_term_set(cell, type, t->lex, t->dt, t->lang) < 0)
        return ev_fail_nomem(ev);
    return 0;
}

static int
select_results(struct ev *ev, struct it *it, struct dg_results *res)
{
    struct dg_query *q = ev->q;
    uint64_t *row = malloc(ev->width * sizeof *row);
    int r;
    if (!row)
        return ev_fail_nomem(ev);
    for (size_t i = 0; i < q->nproj; i++)
        if (dg_results_add_var(res, q->var_names[q->proj[i]]) < 0) {
            free(row);
            return ev_fail_nomem(ev);
        }
    while ((r = it->next(it, row)) == 1) {
        if (ev_hold(ev) < 0) {
            free(row);
            return -1;
        }
        struct dg_term *cells = dg_results_add_row(res);
        if (!cells) {
            free(row);
            return -1;
        }
        for (size_t i = 0; i < q->nproj; i++)
            if (term_to_cell(ev, row[q->proj[i]], &cells[i]) < 0) {
                free(row);
                return -1;
            }
    }
    free(row);
    return r < 0 ? -1 : 0;
}

static int
add_triple_row(struct ev *ev, struct dg_results *res, const uint64_t t[3])
{
    if (ev_hold(ev) < 0)
        return -1;
    struct dg_term *cells = dg_results_add_row(res);
    if (!cells)
        return -1;
    for (int i = 0; i < 3; i++)
        if (term_to_cell(ev, t[i], &cells[i]) < 0)
            return -1;
    return 0;
}

static int
graph_header(struct ev *ev, struct dg_results *res)
{
    if (dg_results_add_var(res, "subject") < 0 ||
        dg_results_add_var(res, "predicate") < 0 ||
        dg_results_add_var(res, "object") < 0)
        return ev_fail_nomem(ev);
    return 0;
}

/* A template position's id for one solution: a variable's value, a
 * constant, or a fresh blank node per solution and label. */
static uint64_t
template_id(struct ev *ev, const struct dg_pnode *n, const uint64_t *row,
            uint64_t sol)
{
    if (n->var >= 0)
        return row[n->var];
    if (n->term.kind != DG_ST_BLANK)
        return n->id;
    char buf[64];
    struct dg_sterm b = {0};
    int len = snprintf(buf, sizeof buf, "c%llu_", (unsigned long long)sol);
    char *label = malloc((size_t)len + n->term.len + 1);
    if (!label)
        return ev_fail_nomem(ev), 0;
    memcpy(label, buf, (size_t)len);
    memcpy(label + len, n->term.lex, n->term.len + 1);
    b.kind = DG_ST_BLANK;
    b.lex = label;
    b.len = (size_t)len + n->term.len;
    uint64_t id = ev_intern(ev, &b);
    free(label);
    return id;
}

static int
construct_results(struct ev *ev, struct it *it, struct dg_results *res)
{
    struct dg_query *q = ev->q;
    struct rowset seen = {.k = 3};
    uint64_t *row = malloc(ev->width * sizeof *row);
    uint64_t sol = 0;
    int r, rc = -1;
    if (!row)
        return ev_fail_nomem(ev);
    if (graph_header(ev, res) < 0)
        goto out;
    while ((r = it->next(it, row)) == 1) {
        sol++;
        for (size_t i = 0; i < q->ntemplate; i++) {
            const struct dg_tpat *t = &q->template_[i];
            uint64_t spo[3] = {template_id(ev, &t->s, row, sol),
                               template_id(ev, &t->p, row, sol),
                               template_id(ev, &t->o, row, sol)};
            if (ev->err->code)
                goto out;
            if (!spo[0] || !spo[1] || !spo[2])
                continue;
            const struct dg_sterm *ts = ev_term(ev, spo[0]);
            const struct dg_sterm *tp = ev_term(ev, spo[1]);
            if (!ts || !tp)
                goto out;
            if (ts->kind == DG_ST_LITERAL || tp->kind != DG_ST_IRI)
                continue;
            int added;
            if (rowset_put(&seen, spo, &added) < 0) {
                ev_fail_nomem(ev);
                goto out;
            }
            if (added && add_triple_row(ev, res, spo) < 0)
                goto out;
        }
    }
    rc = r < 0 ? -1 : 0;
out:
    rowset_free(&seen);
    free(row);
    return rc;
}

/* DESCRIBE: each resource's triples as subject in the default graph, and
 * those of the blank nodes they lead to (a concise bounded description). */
static int
describe_results(struct ev *ev, struct it *it, struct dg_results *res)
{
    struct dg_query *q = ev->q;
    struct rowset seen = {.k = 3}, done = {.k = 1};
    struct dg_ids todo = {0};
    uint64_t *row = malloc(ev->width * sizeof *row);
    struct gctx g = {GC_DEFAULT, 0, -1};
    int r, rc = -1;
    if (!row)
        return ev_fail_nomem(ev);
    if (graph_header(ev, res) < 0)
        goto out;
    while ((r = it->next(it, row)) == 1) {
        if (q->describe_all) {
            for (size_t i = 0; i < q->nproj; i++)
                if (row[q->proj[i]] && dg_ids_push(&todo, row[q->proj[i]]) < 0)
                    goto nomem;
        }
        for (size_t i = 0; i < q->ndescribe; i++) {
            uint64_t id = pnode_value(&q->describe[i], row);
            if (id && dg_ids_push(&todo, id) < 0)
                goto nomem;
        }
    }
    if (r < 0)
        goto out;
    if (q->describe_all == 0 && q->ndescribe && !q->pattern) {
        /* nothing else */
    }
    for (size_t k = 0; k < todo.n; k++) {
        uint64_t id = todo.v[k], quad[4];
        int added;
        struct qsrc src;
        if (rowset_put(&done, &id, &added) < 0)
            goto nomem;
        if (!added || (id & DG_ID_LOCAL))
            continue;
        uint64_t spo[3] = {id, 0, 0};
        if (qsrc_open(ev, &src, spo, &g, NULL) < 0)
            goto out;
        while ((r = qsrc_next(&src, quad)) == 1) {
            if (rowset_put(&seen, quad, &added) < 0) {
                qsrc_close(&src);
                goto nomem;
            }
            if (!added)
                continue;
            if (add_triple_row(ev, res, quad) < 0) {
                qsrc_close(&src);
                goto out;
            }
            const struct dg_sterm *o = ev_term(ev, quad[2]);
            if (o && o->kind == DG_ST_BLANK &&
                dg_ids_push(&todo, quad[2]) < 0) {
                qsrc_close(&src);
                goto nomem;
            }
        }
        qsrc_close(&src);
        if (r < 0)
            goto out;
    }
    rc = 0;
    goto out;
nomem:
    ev_fail_nomem(ev);
out:
    rowset_free(&seen);
    rowset_free(&done);
    dg_ids_release(&todo);
    free(row);
    return rc;
}

/* ---- entry points ----------------------------------------------------- */

static int
ev_init(struct ev *ev, struct dg_query *q, struct dg_dataset *ds,
        const struct dg_eval_opts *opts, struct dg_error *err)
{
    static _Thread_local struct dg_error scratch; /* err NULL: per thread */
    memset(ev, 0, sizeof *ev);
    ev->q = q;
    ev->ds = ds;
    ev->err = err ? err : &scratch;
    dg_error_clear(ev->err);
    ev->nvars = q->nvars;
    ev->nwords = (q->nvars + 63) / 64;
    if (!ev->nwords)
        ev->nwords = 1;
    ev->width = q->nvars ? q->nvars : 1;
    ev->timeout_ms = opts ? opts->timeout_ms : 0;
    ev->max_rows = opts ? opts->max_rows : 0;
    clock_gettime(CLOCK_MONOTONIC, &ev->start);
    if (dg_expr_env_init(&ev->env) < 0)
        return ev_fail_nomem(ev);
    ev->env_ready = 1;
    ev->env.term = env_term;
    ev->env.exists = env_exists;
    ev->env.ctx = ev;
    ev->env.base = q->base;
    if (setup_dataset(ev, opts) < 0 || resolve_pattern(ev, q->pattern) < 0)
        return -1;
    for (size_t i = 0; i < q->ntemplate; i++)
        if ((q->template_[i].s.term.kind != DG_ST_BLANK &&
             resolve_pnode(ev, &q->template_[i].s) < 0) ||
            resolve_pnode(ev, &q->template_[i].p) < 0 ||
            (q->template_[i].o.term.kind != DG_ST_BLANK &&
             resolve_pnode(ev, &q->template_[i].o) < 0))
            return -1;
    for (size_t i = 0; i < q->ndescribe; i++)
        if (resolve_pnode(ev, &q->describe[i]) < 0)
            return -1;
    return 0;
}

static void
ev_release(struct ev *ev)
{
    ops_free(ev);
    if (ev->env_ready)
        dg_expr_env_release(&ev->env);
    for (size_t i = 0; i < ev->nlocals; i++)
        dg_sterm_clear(&ev->locals[i]);
    free(ev->locals);
    free(ev->lslot);
    free(ev->from);
    free(ev->named);
    free(ev->exists_refs);
}

struct dg_results *
dg_sparql_eval(struct dg_query *q, struct dg_dataset *ds,
               const struct dg_eval_opts *opts, struct dg_error *err)
{
    struct ev ev;
    struct op *root;
    struct it *it = NULL;
    struct dg_results *res = NULL;
    struct gctx g = {GC_DEFAULT, 0, -1};
    int kind = q->form == DG_Q_ASK      ? DG_RESULTS_BOOLEAN
               : q->form == DG_Q_SELECT ? DG_RESULTS_BINDINGS
                                        : DG_RESULTS_GRAPH;

    if (ev_init(&ev, q, ds, opts, err) < 0)
        goto fail;
    if (!(root = analyse(&ev, q->pattern)))
        goto fail;
    if (!(res = dg_results_new(kind))) {
        ev_fail_nomem(&ev);
        goto fail;
    }
    if (!(it = open_op(&ev, root, NULL, g, 0)))
        goto fail;
    if (q->form == DG_Q_ASK) {
        uint64_t *row = malloc(ev.width * sizeof *row);
        int r = row ? it->next(it, row) : ev_fail_nomem(&ev);
        free(row);
        if (r < 0)
            goto fail;
        res->boolean = r == 1;
    } else if (q->form == DG_Q_SELECT) {
        if (select_results(&ev, it, res) < 0)
            goto fail;
    } else if (q->form == DG_Q_CONSTRUCT) {
        if (construct_results(&ev, it, res) < 0)
            goto fail;
    } else if (describe_results(&ev, it, res) < 0) {
        goto fail;
    }
    it_free(it);
    ev_release(&ev);
    return res;
fail:
    if (!ev.err->code)
        dg_error_set(ev.err, DG_ERR_INTERNAL, "query evaluation failed");
    it_free(it);
    dg_results_free(res);
    ev_release(&ev);
    return NULL;
}

/* ---- explain ---------------------------------------------------------- */

static const char *const op_names[] = {
    "bgp",     "path",     "join",    "leftjoin", "filter", "union",
    "minus",   "graph",    "extend",  "values",   "group",  "order",
    "project", "distinct", "reduced", "slice"};

static void
explain_pnode(struct ev *ev, const struct dg_pnode *n, FILE *fp)
{
    if (n->var >= 0)
        fprintf(fp, "?%s", ev->q->var_names[n->var]);
    else if (n->term.kind == DG_ST_IRI)
        fprintf(fp, "<%s>", n->term.lex);
    else if (n->term.kind == DG_ST_BLANK)
        fprintf(fp, "_:%s", n->term.lex);
    else
        fprintf(fp, "\"%s\"", n->term.lex ? n->term.lex : "");
}

static int
explain_op(struct ev *ev, struct op *op, int depth, FILE *fp)
{
    struct gctx g = {GC_DEFAULT, 0, -1};
    const struct dg_pattern *p = op->p;
    fprintf(fp, "%*s(%s", 2 * depth, "",
            (size_t)p->op < sizeof op_names / sizeof *op_names ? op_names[p->op]
                                                               : "?");
    if (p->op == DG_P_BGP) {
        if (p->ntriples && plan_bgp(ev, op, NULL, &g) < 0)
            return -1;
        for (size_t k = 0; k < p->ntriples; k++) {
            const struct dg_tpat *t = &p->triples[op->order[k]];
            uint64_t *zero = calloc(ev->width, sizeof *zero);
            if (!zero)
                return ev_fail_nomem(ev);
            fprintf(fp, "\n%*s(triple ", 2 * depth + 2, "");
            explain_pnode(ev, &t->s, fp);
            fputc(' ', fp);
            explain_pnode(ev, &t->p, fp);
            fputc(' ', fp);
            explain_pnode(ev, &t->o, fp);
            fprintf(fp, ") ; estimate %llu",
                    (unsigned long long)estimate_triple(ev, t, zero, &g));
            free(zero);
        }
    }
    if (op->r && op->r->materialise)
        fprintf(fp, " ; right side built once, hash join");
    if (p->op == DG_P_ORDER && op->topk)
        fprintf(fp, " ; keeps the best %lld", op->topk);
    if (op->l) {
        fputc('\n', fp);
        if (explain_op(ev, op->l, depth + 1, fp) < 0)
            return -1;
    }
    if (op->r) {
        fputc('\n', fp);
        if (explain_op(ev, op->r, depth + 1, fp) < 0)
            return -1;
    }
    fputc(')', fp);
    return 0;
}

int
dg_sparql_explain(struct dg_query *q, struct dg_dataset *ds,
                  const struct dg_eval_opts *opts, FILE *fp,
                  struct dg_error *err)
{
    struct ev ev;
    struct op *root;
    int rc = -1;
    if (ev_init(&ev, q, ds, opts, err) < 0)
        goto out;
    if (!(root = analyse(&ev, q->pattern)))
        goto out;
    if (explain_op(&ev, root, 0, fp) < 0)
        goto out;
    fputc('\n', fp);
    rc = 0;
out:
    ev_release(&ev);
    return rc;
}
