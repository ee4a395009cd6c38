/* mem_dataset.c: the SPARQL dataset interface (graph/sparql/dataset.h) in
 * memory (see mem_dataset.h).
 *
 * A dictionary (terms[id - 1], and a hash table of ids keyed by the
 * term) and the quads as s, p, o, g id tuples.  At the first read the
 * quads are sorted and deduplicated (that is the spoc index); the other
 * five orders (posc ospc cspo cpos cosp, as in the LMDB store) are sorted
 * copies made when a scan first needs them.  A scan binary-searches the
 * range of its bound prefix and filters it as the LMDB dataset does, so
 * the two return the same quads.  Estimates are exact. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "graph/store/mem_dataset.h"

enum { MODE_GRAPH, MODE_UNION, MODE_NAMED };
enum { IX_SPOC, IX_POSC, IX_OSPC, IX_CSPO, IX_CPOS, IX_COSP, IX_COUNT };

static const int idx_order[IX_COUNT][4] = {
    {DG_S, DG_P, DG_O, DG_G}, {DG_P, DG_O, DG_S, DG_G},
    {DG_O, DG_S, DG_P, DG_G}, {DG_G, DG_S, DG_P, DG_O},
    {DG_G, DG_P, DG_O, DG_S}, {DG_G, DG_O, DG_S, DG_P},
};

typedef uint64_t mquad[4];

struct mem_ds {
    struct dg_dataset base;  /* first member */
    struct dg_sterm **terms; /* owned: terms[id - 1], each malloc'd */
    size_t nterms, tcap;
    uint64_t *slots; /* hash table of ids, 0 = empty */
    size_t nslots;
    mquad *quads; /* s p o g, in spoc order once frozen */
    size_t nquads, qcap;
    int frozen;
    mquad *ix[IX_COUNT]; /* keys in the order of the index; ix[0] = quads */
    uint64_t *graphs;
    size_t ngraphs, gnhidden;
    int graphs_done;
};

struct mem_scan {
    struct mem_ds *ds;
    const mquad *keys; /* borrowed: the range */
    size_t i, n;
    int idx, mode;
    uint64_t pat[4];
    int have_last;
    uint64_t last[3];
};

/* ---- dictionary ------------------------------------------------------- */

static size_t
slot_of(const struct dg_sterm *t, size_t nslots)
{
    return (size_t)(dg_sterm_hash(t) & (nslots - 1));
}

static int
slots_grow(struct mem_ds *ds)
{
    size_t n = ds->nslots ? ds->nslots * 2 : 1024;
    uint64_t *s = calloc(n, sizeof *s);

    if (!s)
        return -1;
    for (size_t id = 1; id <= ds->nterms; id++) {
        size_t j = slot_of(ds->terms[id - 1], n);
        while (s[j])
            j = (j + 1) & (n - 1);
        s[j] = id;
    }
    free(ds->slots);
    ds->slots = s;
    ds->nslots = n;
    return 0;
}

/* The id of t, 0 when absent; *slot: where it would go. */
static uint64_t
dict_find(const struct mem_ds *ds, const struct dg_sterm *t, size_t *slot)
{
    size_t j;

    if (!ds->nslots)
        return 0;
    for (j = slot_of(t, ds->nslots); ds->slots[j];
         j = (j + 1) & (ds->nslots - 1))
        if (dg_sterm_same(ds->terms[ds->slots[j] - 1], t))
            return ds->slots[j];
    if (slot)
        *slot = j;
    return 0;
}

static int
dict_intern(struct mem_ds *ds, const struct dg_sterm *t, uint64_t *id)
{
    struct dg_sterm *c;
    size_t slot = 0;

    *id = dict_find(ds, t, &slot);
    if (*id)
        return 0;
    if ((ds->nterms + 1) * 2 > ds->nslots) {
        if (slots_grow(ds))
            return -1;
        dict_find(ds, t, &slot);
    }
    if (ds->nterms == ds->tcap) {
        size_t nc = ds->tcap ? ds->tcap * 2 : 256;
        struct dg_sterm **p = realloc(ds->terms, nc * sizeof *p);
        if (!p)
            return -1;
        ds->terms = p;
        ds->tcap = nc;
    }
    c = calloc(1, sizeof *c);
    if (!c || dg_sterm_copy(c, t)) {
        free(c);
        return -1;
    }
    ds->terms[ds->nterms++] = c;
    *id = ds->nterms;
    ds->slots[slot] = *id;
    return 0;
}

static int
ds_lookup(struct dg_dataset *base, const struct dg_sterm *t, uint64_t *id,
          struct dg_error *err)
{
    struct mem_ds *ds = (struct mem_ds *)base;

    (void)err;
    *id = t->kind == DG_ST_NONE ? 0 : dict_find(ds, t, NULL);
    return 0;
}

static const struct dg_sterm *
ds_term(struct dg_dataset *base, uint64_t id, struct dg_error *err)
{
    struct mem_ds *ds = (struct mem_ds *)base;

    if (id == 0 || id > ds->nterms) {
        dg_error_set(err, DG_ERR_INTERNAL, "no term has id %llu",
                     (unsigned long long)id);
        return NULL;
    }
    return ds->terms[id - 1];
}

/* ---- quads ------------------------------------------------------------ */

int
dg_mem_dataset_add(struct dg_dataset *base, const struct dg_sterm *s,
                   const struct dg_sterm *p, const struct dg_sterm *o,
                   const struct dg_sterm *g, struct dg_error *err)
{
    struct mem_ds *ds = (struct mem_ds *)base;
    uint64_t q[4] = {0, 0, 0, 0};

    if (ds->frozen)
        return dg_error_set(err, DG_ERR_INTERNAL,
                            "cannot add to a dataset already read");
    if (!s || !p || !o || s->kind == DG_ST_NONE || p->kind == DG_ST_NONE ||
        o->kind == DG_ST_NONE)
        return dg_error_set(err, DG_ERR_USAGE, "cannot add an incomplete quad");
    if (dict_intern(ds, s, &q[DG_S]) || dict_intern(ds, p, &q[DG_P]) ||
        dict_intern(ds, o, &q[DG_O]) ||
        (g && g->kind != DG_ST_NONE && dict_intern(ds, g, &q[DG_G])))
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    if (ds->nquads == ds->qcap) {
        size_t nc = ds->qcap ? ds->qcap * 2 : 1024;
        mquad *nq = realloc(ds->quads, nc * sizeof *nq);
        if (!nq)
            return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        ds->quads = nq;
        ds->qcap = nc;
    }
    memcpy(ds->quads[ds->nquads++], q, sizeof q);
    return 0;
}

static int
key_cmp(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;

    for (int j = 0; j < 4; j++)
        if (x[j] != y[j])
            return x[j] < y[j] ? -1 : 1;
    return 0;
}

/* Sorts and deduplicates the quads (the spoc index), once. */
static void
freeze(struct mem_ds *ds)
{
    size_t w = 0;

    if (ds->frozen)
        return;
    ds->frozen = 1;
    if (ds->nquads)
        qsort(ds->quads, ds->nquads, sizeof *ds->quads, key_cmp);
    for (size_t r = 0; r < ds->nquads; r++)
        if (w == 0 || key_cmp(ds->quads[r], ds->quads[w - 1]))
            memmove(ds->quads[w++], ds->quads[r], sizeof *ds->quads);
    ds->nquads = w;
    ds->ix[IX_SPOC] = ds->quads;
}

static int
index_get(struct mem_ds *ds, int idx, struct dg_error *err)
{
    mquad *k;

    freeze(ds);
    if (ds->ix[idx] || ds->nquads == 0)
        return 0;
    k = malloc(ds->nquads * sizeof *k);
    if (!k)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < ds->nquads; i++)
        for (int j = 0; j < 4; j++)
            k[i][j] = ds->quads[i][idx_order[idx][j]];
    qsort(k, ds->nquads, sizeof *k, key_cmp);
    ds->ix[idx] = k;
    return 0;
}

/* ---- scans ------------------------------------------------------------ */

/* The first key in k[0..n) whose first plen ids are >= prefix (or >, with
 * after). */
static size_t
bound_of(const mquad *k, size_t n, const uint64_t *prefix, int plen, int after)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = 0;
        for (int j = 0; j < plen && !c; j++)
            if (k[mid][j] != prefix[j])
                c = k[mid][j] < prefix[j] ? -1 : 1;
        if (c < 0 || (after && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static struct mem_scan *
scan_new(struct mem_ds *ds, const uint64_t pat[4], struct dg_error *err)
{
    struct mem_scan *sc;
    uint64_t prefix[4];
    int mask = 0, plen = 0;
    size_t lo, hi;

    sc = calloc(1, sizeof *sc);
    if (!sc) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    sc->ds = ds;
    memcpy(sc->pat, pat, sizeof sc->pat);
    sc->mode = pat[DG_G] == DG_G_UNION   ? MODE_UNION
               : pat[DG_G] == DG_G_NAMED ? MODE_NAMED
                                         : MODE_GRAPH;
    for (int pos = 0; pos < 3; pos++)
        if (pat[pos])
            mask |= 1 << pos;
    sc->idx = mask == 2 || mask == 6   ? IX_POSC
              : mask == 4 || mask == 5 ? IX_OSPC
                                       : IX_SPOC;
    if (sc->mode == MODE_GRAPH)
        sc->idx += IX_CSPO;
    if (index_get(ds, sc->idx, err)) {
        free(sc);
        return NULL;
    }
    for (int j = 0; j < 4; j++) {
        int pos = idx_order[sc->idx][j];
        if (pos == DG_G ? sc->mode != MODE_GRAPH : !pat[pos])
            break;
        prefix[plen++] = pat[pos];
    }
    if (ds->nquads) {
        lo = bound_of(ds->ix[sc->idx], ds->nquads, prefix, plen, 0);
        hi = bound_of(ds->ix[sc->idx], ds->nquads, prefix, plen, 1);
        sc->keys = ds->ix[sc->idx] + lo;
        sc->n = hi - lo;
    }
    return sc;
}

static struct dg_scan *
ds_scan(struct dg_dataset *base, const uint64_t pat[4], struct dg_error *err)
{
    return (struct dg_scan *)scan_new((struct mem_ds *)base, pat, err);
}

static int
scan_next(struct mem_scan *sc, uint64_t quad[4])
{
    const struct dg_dataset *base = &sc->ds->base;
    uint64_t q[4];

    while (sc->i < sc->n) {
        const uint64_t *key = sc->keys[sc->i++];
        int skip = 0;
        for (int j = 0; j < 4; j++)
            q[idx_order[sc->idx][j]] = key[j];
        for (int pos = 0; pos < 3; pos++)
            if (sc->pat[pos] && q[pos] != sc->pat[pos])
                skip = 1;
        if (skip)
            continue;
        if (sc->mode == MODE_NAMED &&
            (!q[DG_G] || dg_dataset_is_hidden(base, q[DG_G])))
            continue;
        if (sc->mode == MODE_UNION) {
            if (dg_dataset_is_hidden(base, q[DG_G]))
                continue;
            if (sc->have_last && !memcmp(q, sc->last, sizeof sc->last))
                continue;
            memcpy(sc->last, q, sizeof sc->last);
            sc->have_last = 1;
            q[DG_G] = DG_G_UNION;
        }
        memcpy(quad, q, sizeof q);
        return 1;
    }
    return 0;
}

static int
ds_next(struct dg_scan *scan, uint64_t quad[4], struct dg_error *err)
{
    (void)err;
    return scan_next((struct mem_scan *)scan, quad);
}

static void
ds_close(struct dg_scan *scan)
{
    free(scan);
}

static uint64_t
ds_estimate(struct dg_dataset *base, const uint64_t pat[4])
{
    struct mem_scan *sc = scan_new((struct mem_ds *)base, pat, NULL);
    uint64_t q[4], n = 0;

    if (!sc)
        return 1;
    if (sc->mode == MODE_GRAPH)
        n = sc->n; /* the range is the answer */
    else
        while (scan_next(sc, q) == 1)
            n++;
    free(sc);
    return n;
}

static int
ds_graphs(struct dg_dataset *base, const uint64_t **ids, size_t *n,
          struct dg_error *err)
{
    struct mem_ds *ds = (struct mem_ds *)base;
    size_t cap = 0;

    if (ds->graphs_done && ds->gnhidden == ds->base.nhidden)
        goto out;
    if (index_get(ds, IX_CSPO, err))
        return -1;
    free(ds->graphs);
    ds->graphs = NULL;
    ds->ngraphs = 0;
    for (size_t i = 0; i < ds->nquads; i++) {
        uint64_t g = ds->ix[IX_CSPO][i][0];
        if (!g || (i && ds->ix[IX_CSPO][i - 1][0] == g) ||
            dg_dataset_is_hidden(base, g))
            continue;
        if (ds->ngraphs == cap) {
            size_t nc = cap ? cap * 2 : 16;
            uint64_t *p = realloc(ds->graphs, nc * sizeof *p);
            if (!p)
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            ds->graphs = p;
            cap = nc;
        }
        ds->graphs[ds->ngraphs++] = g;
    }
    ds->graphs_done = 1;
    ds->gnhidden = ds->base.nhidden;
out:
    *ids = ds->graphs;
    *n = ds->ngraphs;
    return 0;
}

/* ---- life cycle ------------------------------------------------------- */

static void
ds_free(struct dg_dataset *base)
{
    struct mem_ds *ds = (struct mem_ds *)base;

    for (size_t i = 0; i < ds->nterms; i++) {
        dg_sterm_clear(ds->terms[i]);
        free(ds->terms[i]);
    }
    free(ds->terms);
    free(ds->slots);
    for (int i = IX_SPOC + 1; i < IX_COUNT; i++)
        free(ds->ix[i]);
    free(ds->quads);
    free(ds->graphs);
    free(ds);
}

static const struct dg_dataset_ops mem_ops = {
    .lookup = ds_lookup,
    .term = ds_term,
    .scan = ds_scan,
    .next = ds_next,
    .close = ds_close,
    .estimate = ds_estimate,
    .graphs = ds_graphs,
    .free = ds_free,
};

struct dg_dataset *
dg_mem_dataset_new(void)
{
    struct mem_ds *ds = calloc(1, sizeof *ds);

    if (!ds)
        return NULL;
    ds->base.ops = &mem_ops;
    return &ds->base;
}

/* ---- from a librdf model ---------------------------------------------- */

/* Sets t from node (borrowed; NULL: no term).  0 or -1. */
static int
node_term(librdf_node *node, struct dg_sterm *t)
{
    const unsigned char *s;
    size_t len = 0;
    librdf_uri *dt;

    dg_sterm_clear(t);
    if (!node)
        return 0;
    switch (librdf_node_get_type(node)) {
    case LIBRDF_NODE_TYPE_RESOURCE:
        s = librdf_uri_as_counted_string(librdf_node_get_uri(node), &len);
        return dg_sterm_set(t, DG_ST_IRI, (const char *)s, len, NULL, NULL);
    case LIBRDF_NODE_TYPE_BLANK:
        s = librdf_node_get_counted_blank_identifier(node, &len);
        return dg_sterm_set(t, DG_ST_BLANK, (const char *)s, len, NULL, NULL);
    case LIBRDF_NODE_TYPE_LITERAL:
        s = librdf_node_get_literal_value_as_counted_string(node, &len);
        dt = librdf_node_get_literal_value_datatype_uri(node);
        return dg_sterm_set(t, DG_ST_LITERAL, (const char *)s, s ? len : 0,
                            dt ? (const char *)librdf_uri_as_string(dt) : NULL,
                            librdf_node_get_literal_value_language(node));
    default: return -1;
    }
}

/* Adds every statement of stream (consumed) in graph context (borrowed;
 * NULL: the stream's own context per statement, else the default
 * graph).  *with_ctx counts statements the stream gave a context. */
static int
add_stream(struct mem_ds *ds, librdf_stream *stream, librdf_node *context,
           size_t *with_ctx, struct dg_error *err)
{
    struct dg_sterm t[4] = {{0}, {0}, {0}, {0}};
    int rc = 0;

    if (!stream)
        return dg_error_set(err, DG_ERR_STORE, "cannot read the model");
    for (; !librdf_stream_end(stream); librdf_stream_next(stream)) {
        librdf_statement *st = librdf_stream_get_object(stream);
        librdf_node *g = context;
        if (!st) {
            rc = dg_error_set(err, DG_ERR_STORE, "cannot read the model");
            break;
        }
        if (!g) {
            g = librdf_stream_get_context2(stream);
            if (g && with_ctx)
                (*with_ctx)++;
        }
        if (node_term(librdf_statement_get_subject(st), &t[0]) ||
            node_term(librdf_statement_get_predicate(st), &t[1]) ||
            node_term(librdf_statement_get_object(st), &t[2]) ||
            node_term(g, &t[3])) {
            rc = dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            break;
        }
        rc = dg_mem_dataset_add(&ds->base, &t[0], &t[1], &t[2], &t[3], err);
        if (rc)
            break;
    }
    for (int i = 0; i < 4; i++)
        dg_sterm_clear(&t[i]);
    librdf_free_stream(stream);
    return rc;
}

static int
triple_cmp(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;

    for (int j = 0; j < 3; j++)
        if (x[j] != y[j])
            return x[j] < y[j] ? -1 : 1;
    return 0;
}

/* For storages whose whole-model stream gives no contexts (hashes: it is
 * the union of the graphs): the quads from the named graphs are first;
 * a triple of the stream is in the default graph only when no named
 * graph holds it (a triple in both cannot be told apart there). */
static int
drop_named_duplicates(struct mem_ds *ds, size_t nnamed)
{
    size_t w = nnamed;

    if (nnamed)
        qsort(ds->quads, nnamed, sizeof *ds->quads, triple_cmp);
    for (size_t r = nnamed; r < ds->nquads; r++) {
        if (nnamed && bsearch(ds->quads[r], ds->quads, nnamed,
                              sizeof *ds->quads, triple_cmp))
            continue;
        memmove(ds->quads[w++], ds->quads[r], sizeof *ds->quads);
    }
    ds->nquads = w;
    return 0;
}

struct dg_dataset *
dg_mem_dataset_from_model(librdf_model *model, struct dg_error *err)
{
    struct mem_ds *ds = (struct mem_ds *)dg_mem_dataset_new();
    librdf_iterator *it;
    size_t with_ctx = 0, nnamed;
    int rc = 0;

    if (!ds) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    /* the named graphs, each through its own stream */
    it = librdf_model_get_contexts(model);
    for (; it && !librdf_iterator_end(it) && !rc; librdf_iterator_next(it)) {
        librdf_node *g = librdf_iterator_get_object(it);
        if (g)
            rc = add_stream(ds, librdf_model_context_as_stream(model, g), g,
                            NULL, err);
    }
    if (it)
        librdf_free_iterator(it);
    nnamed = ds->nquads;
    /* then every statement, with its context when the storage gives it */
    if (!rc)
        rc =
            add_stream(ds, librdf_model_as_stream(model), NULL, &with_ctx, err);
    if (!rc && !with_ctx)
        rc = drop_named_duplicates(ds, nnamed);
    if (rc) {
        ds_free(&ds->base);
        return NULL;
    }
    return &ds->base;
}
