/* test-sparql-dataset.c: the two implementations of the SPARQL dataset
 * interface (graph/sparql/dataset.h): graph/store/lmdb_dataset.c on an
 * "lmdb" store and graph/store/mem_dataset.c, run through one test body
 * and checked against a brute-force filter of the quads put in. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <librdf.h>
#include <lmdb.h>

#include "graph/sparql/dataset.h"
#include "graph/store/lmdb_dataset.h"
#include "graph/store/lmdb_storage.h"
#include "graph/store/mem_dataset.h"
#include "tests/unit/tap.h"

#define EX "http://ex.org/"
#define XSD "http://www.w3.org/2001/XMLSchema#"

enum { I = DG_ST_IRI, B = DG_ST_BLANK, L = DG_ST_LITERAL };

struct tdef {
    int kind;
    const char *lex;
    const char *dt;
    const char *lang;
};

static char long_lex[700];

/* every term of the data; pairwise distinct as RDF terms */
static struct tdef T[] = {
    /* 0 */ {I, EX "s1", NULL, NULL},
    /* 1 */ {I, EX "s2", NULL, NULL},
    /* 2 */ {B, "b1", NULL, NULL},
    /* 3 */ {I, EX "p1", NULL, NULL},
    /* 4 */ {I, EX "p2", NULL, NULL},
    /* 5 */ {I, EX "p3", NULL, NULL},
    /* 6 */ {L, "plain", NULL, NULL},
    /* 7 */ {L, "chat", NULL, "fr"},
    /* 8 */ {L, "42", XSD "integer", NULL},
    /* 9 */ {L, "typed", XSD "string", NULL},
    /* 10 */ {L, long_lex, NULL, NULL},
    /* 11 */ {I, EX "g1", NULL, NULL},
    /* 12 */ {I, EX "g2", NULL, NULL},
    /* 13 */ {I, EX "ghidden", NULL, NULL},
    /* 14 */ {I, EX "o1", NULL, NULL},
    /* 15 */ {B, "b2", NULL, NULL},
    /* 16 */ {L, "42", NULL, "en"},
};
#define NT (sizeof T / sizeof T[0])

/* s p o g as indexes of T; g -1: the default graph */
static const int Q[][4] = {
    {0, 3, 6, -1}, {0, 3, 7, -1},   {0, 4, 14, -1}, {1, 3, 6, 11},
    {1, 4, 8, 11}, {2, 5, 9, 11},   {0, 3, 6, 11},  {0, 4, 14, 12},
    {1, 3, 6, 12}, {2, 3, 10, 12},  {15, 4, 2, 12}, {0, 5, 6, 13},
    {1, 3, 6, 13}, {13, 4, 11, 13}, {14, 3, 7, 12}, {2, 5, 16, -1},
};
#define NQ (sizeof Q / sizeof Q[0])

typedef uint64_t quad_t4[4];

static librdf_world *world;
static struct dg_sterm terms[NT];

/* ---- helpers ---------------------------------------------------------- */

static librdf_node *
new_node(const struct tdef *d)
{
    librdf_uri *dt = NULL;
    librdf_node *n;

    switch (d->kind) {
    case I:
        return librdf_new_node_from_uri_string(world,
                                               (const unsigned char *)d->lex);
    case B:
        return librdf_new_node_from_blank_identifier(
            world, (const unsigned char *)d->lex);
    default:
        if (d->dt)
            dt = librdf_new_uri(world, (const unsigned char *)d->dt);
        n = librdf_new_node_from_typed_counted_literal(
            world, (const unsigned char *)d->lex, strlen(d->lex), d->lang,
            d->lang ? strlen(d->lang) : 0, dt);
        if (dt)
            librdf_free_uri(dt);
        return n;
    }
}

/* Adds s p o in graph g (indexes of T; g -1: default).  0 or -1. */
static int
model_add(librdf_model *model, int s, int p, int o, int g)
{
    librdf_statement *st = librdf_new_statement_from_nodes(
        world, new_node(&T[s]), new_node(&T[p]), new_node(&T[o]));
    librdf_node *ctx = g >= 0 ? new_node(&T[g]) : NULL;
    int rc;

    if (!st)
        return -1;
    rc = ctx ? librdf_model_context_add_statement(model, ctx, st)
             : librdf_model_add_statement(model, st);
    librdf_free_statement(st);
    if (ctx)
        librdf_free_node(ctx);
    return rc ? -1 : 0;
}

static int
quad_cmp(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    for (int j = 0; j < 4; j++)
        if (x[j] != y[j])
            return x[j] < y[j] ? -1 : 1;
    return 0;
}

/* Scans pat into *out (sorted).  Returns the count, or -1. */
static long
scan_all(struct dg_dataset *ds, const uint64_t pat[4], quad_t4 **out)
{
    struct dg_error err = {0};
    struct dg_scan *sc = ds->ops->scan(ds, pat, &err);
    quad_t4 *v = NULL;
    size_t n = 0, cap = 0;
    uint64_t q[4];
    int rc;

    *out = NULL;
    if (!sc) {
        printf("# scan: %s\n", err.msg);
        return -1;
    }
    while ((rc = ds->ops->next(sc, q, &err)) == 1) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                abort();
        }
        memcpy(v[n++], q, sizeof q);
    }
    ds->ops->close(sc);
    if (rc < 0) {
        printf("# next: %s\n", err.msg);
        free(v);
        return -1;
    }
    if (n)
        qsort(v, n, sizeof *v, quad_cmp);
    *out = v;
    return (long)n;
}

/* The quads of ref[0..nref) matching pat, as dataset.h defines (sorted,
 * union deduplicated) into *out; returns the count. */
static long
brute(const struct dg_dataset *ds, quad_t4 *ref, size_t nref,
      const uint64_t pat[4], quad_t4 *out)
{
    size_t n = 0;

    for (size_t i = 0; i < nref; i++) {
        uint64_t q[4];
        int skip = 0;
        memcpy(q, ref[i], sizeof q);
        for (int pos = 0; pos < 3; pos++)
            if (pat[pos] && pat[pos] != q[pos])
                skip = 1;
        if (pat[DG_G] == DG_G_UNION) {
            if (dg_dataset_is_hidden(ds, q[DG_G]))
                skip = 1;
            q[DG_G] = DG_G_UNION;
        } else if (pat[DG_G] == DG_G_NAMED) {
            if (!q[DG_G] || dg_dataset_is_hidden(ds, q[DG_G]))
                skip = 1;
        } else if (q[DG_G] != pat[DG_G]) {
            skip = 1;
        }
        for (size_t j = 0; j < n && !skip; j++)
            if (!quad_cmp(out[j], q))
                skip = 1; /* the union's duplicates */
        if (!skip)
            memcpy(out[n++], q, sizeof q);
    }
    if (n)
        qsort(out, n, sizeof *out, quad_cmp);
    return (long)n;
}

static uint64_t
lookup(struct dg_dataset *ds, const struct dg_sterm *t)
{
    struct dg_error err = {0};
    uint64_t id = 99;
    if (ds->ops->lookup(ds, t, &id, &err)) {
        printf("# lookup: %s\n", err.msg);
        return 0;
    }
    return id;
}

/* ---- the common test body --------------------------------------------- */

static void
body(struct dg_dataset *ds, const char *name)
{
    struct dg_error err = {0};
    uint64_t id[NT], absent_id, pat[4];
    quad_t4 ref[NQ], expect[NQ], *got;
    struct dg_sterm t = {0};
    const uint64_t *gl;
    size_t ngl;
    int good;
    long n, m;

    ok(dg_dataset_hide(ds, EX "ghidden", &err) == 0 && ds->nhidden == 1 &&
           dg_dataset_hide(ds, EX "absent", &err) == 0 && ds->nhidden == 1 &&
           dg_dataset_hide(ds, EX "ghidden", &err) == 0 && ds->nhidden == 1,
       "%s: hide a graph; absent graphs and repeats ignored", name);

    good = 1;
    for (size_t i = 0; i < NT; i++) {
        const struct dg_sterm *r;
        id[i] = lookup(ds, &terms[i]);
        r = id[i] ? ds->ops->term(ds, id[i], &err) : NULL;
        if (!id[i] || !r || !dg_sterm_same(r, &terms[i]) ||
            ds->ops->term(ds, id[i], &err) != r) {
            printf("# term %zu '%s' id %llu\n", i, T[i].lex,
                   (unsigned long long)id[i]);
            good = 0;
        }
        for (size_t j = 0; j < i; j++)
            if (id[j] == id[i])
                good = 0;
    }
    ok(good, "%s: lookup and term round trip for %zu terms", name, NT);
    ok(dg_dataset_is_hidden(ds, id[13]) && !dg_dataset_is_hidden(ds, id[11]),
       "%s: is_hidden", name);

    good = 1;
    dg_sterm_set_str(&t, DG_ST_IRI, EX "nothing", NULL, NULL);
    good &= lookup(ds, &t) == 0;
    dg_sterm_set_str(&t, DG_ST_LITERAL, "plain", NULL, "en");
    good &= lookup(ds, &t) == 0;
    dg_sterm_set_str(&t, DG_ST_LITERAL, "42", XSD "decimal", NULL);
    good &= lookup(ds, &t) == 0;
    dg_sterm_set_str(&t, DG_ST_LITERAL, "b1", NULL, NULL);
    good &= lookup(ds, &t) == 0;
    dg_sterm_set_str(&t, DG_ST_LITERAL, "typed", XSD "string", NULL);
    good &= lookup(ds, &t) == id[9];
    dg_sterm_clear(&t);
    good &= lookup(ds, &t) == 0;
    ok(good, "%s: absent terms have id 0; xsd:string is the simple literal",
       name);
    ok(ds->ops->term(ds, 1000000, &err) == NULL && err.code != DG_OK,
       "%s: an unknown id is an error", name);

    for (size_t i = 0; i < NQ; i++) {
        ref[i][DG_S] = id[Q[i][0]];
        ref[i][DG_P] = id[Q[i][1]];
        ref[i][DG_O] = id[Q[i][2]];
        ref[i][DG_G] = Q[i][3] < 0 ? 0 : id[Q[i][3]];
    }
    absent_id = id[5]; /* p3: never a subject nor an object */

    const uint64_t modes[] = {DG_G_UNION, DG_G_NAMED, DG_G_DEFAULT, id[11],
                              id[12],     id[13],     id[3]};
    const char *mode_names[] = {"union", "named",   "default",     "g1",
                                "g2",    "ghidden", "non-graph id"};
    for (size_t mi = 0; mi < sizeof modes / sizeof modes[0]; mi++) {
        long checks = 0, bad = 0;
        for (int mask = 0; mask < 8; mask++)
            for (size_t qi = 0; qi <= NQ; qi++) {
                for (int pos = 0; pos < 3; pos++)
                    pat[pos] = !(mask & (1 << pos)) ? 0
                               : qi < NQ            ? ref[qi][pos]
                                                    : absent_id;
                pat[DG_G] = modes[mi];
                if (mask == 2 && qi == NQ)
                    pat[DG_P] = id[0]; /* a subject as predicate */
                m = brute(ds, ref, NQ, pat, expect);
                n = scan_all(ds, pat, &got);
                checks++;
                if (n != m || (n > 0 && memcmp(got, expect, n * sizeof *got)) ||
                    ds->ops->estimate(ds, pat) != (uint64_t)m) {
                    if (!bad++)
                        printf("# %s: mask %d pattern %zu: %ld quads, "
                               "expected %ld, estimate %llu\n",
                               mode_names[mi], mask, qi, n, m,
                               (unsigned long long)ds->ops->estimate(ds, pat));
                }
                free(got);
            }
        ok(!bad, "%s: %s: %ld scans and estimates of the 8 shapes match", name,
           mode_names[mi], checks);
    }

    /* the union's dedupe and the hidden graph, spelled out */
    pat[DG_S] = id[1];
    pat[DG_P] = id[3];
    pat[DG_O] = id[6];
    pat[DG_G] = DG_G_UNION;
    n = scan_all(ds, pat, &got);
    ok(n == 1 && got[0][DG_G] == DG_G_UNION,
       "%s: a triple in three graphs is one union quad", name);
    free(got);
    pat[DG_G] = DG_G_NAMED;
    n = scan_all(ds, pat, &got);
    ok(n == 2 && got[0][DG_G] != id[13] && got[1][DG_G] != id[13],
       "%s: named graphs leave the hidden graph out", name);
    free(got);
    pat[DG_G] = id[13];
    n = scan_all(ds, pat, &got);
    ok(n == 1 && got[0][DG_G] == id[13],
       "%s: the hidden graph is reachable by id", name);
    free(got);
    pat[DG_S] = pat[DG_P] = pat[DG_O] = 0;
    pat[DG_G] = DG_G_DEFAULT;
    ok(scan_all(ds, pat, &got) == 4, "%s: 4 quads in the default graph", name);
    free(got);

    ok(ds->ops->graphs(ds, &gl, &ngl, &err) == 0 && ngl == 2 &&
           gl[0] == (id[11] < id[12] ? id[11] : id[12]) &&
           gl[1] == (id[11] < id[12] ? id[12] : id[11]),
       "%s: graphs() lists g1 and g2 in order, not the hidden one", name);
}

/* ---- datasets --------------------------------------------------------- */

static char tmpdir[64];

static void
remove_store(const char *dir)
{
    char p[256];
    snprintf(p, sizeof p, "%s/data.mdb", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/lock.mdb", dir);
    unlink(p);
    rmdir(dir);
}

static librdf_storage *
open_store(const char *dir, const char *opts)
{
    char o[512];
    snprintf(o, sizeof o, "dir='%s',%s", dir, opts);
    return librdf_new_storage(world, "lmdb", "store", o);
}

/* The common body on a store and its mem copies. */
static void
test_common(void)
{
    char dir[128];
    struct dg_error err = {0};
    librdf_storage *storage, *hs;
    librdf_model *model, *hm;
    struct dg_dataset *ds;
    int good = 1;

    snprintf(dir, sizeof dir, "%s/common", tmpdir);
    storage = open_store(dir, "new='yes'");
    model = storage ? librdf_new_model(world, storage, NULL) : NULL;
    for (size_t i = 0; model && i < NQ; i++)
        if (model_add(model, Q[i][0], Q[i][1], Q[i][2], Q[i][3]))
            good = 0;
    ok(model && good, "a store of %zu quads", NQ);
    if (!model)
        return;

    ds = dg_lmdb_dataset_open(storage, &err);
    ok(ds != NULL, "lmdb dataset opens");
    if (ds)
        body(ds, "lmdb");
    dg_dataset_free(ds);

    ds = dg_mem_dataset_new();
    good = ds != NULL;
    for (size_t i = 0; ds && i < NQ; i++)
        good &= dg_mem_dataset_add(
                    ds, &terms[Q[i][0]], &terms[Q[i][1]], &terms[Q[i][2]],
                    Q[i][3] < 0 ? NULL : &terms[Q[i][3]], &err) == 0;
    /* a quad twice is once */
    good &= ds && dg_mem_dataset_add(ds, &terms[0], &terms[3], &terms[6], NULL,
                                     &err) == 0;
    ok(good, "mem dataset built quad by quad");
    if (ds)
        body(ds, "mem");
    ok(ds && dg_mem_dataset_add(ds, &terms[0], &terms[3], &terms[6], NULL,
                                &err) == -1,
       "mem: adding after reading is an error");
    dg_dataset_free(ds);

    ds = dg_mem_dataset_from_model(model, &err);
    ok(ds != NULL, "mem dataset from the lmdb model");
    if (ds)
        body(ds, "mem from model");
    dg_dataset_free(ds);

    /* another storage with contexts: hashes in memory */
    hs = librdf_new_storage(world, "hashes", "h",
                            "hash-type='memory',contexts='yes'");
    hm = hs ? librdf_new_model(world, hs, NULL) : NULL;
    good = hm != NULL;
    for (size_t i = 0; hm && i < NQ; i++)
        good &= model_add(hm, Q[i][0], Q[i][1], Q[i][2], Q[i][3]) == 0;
    ds = good ? dg_mem_dataset_from_model(hm, &err) : NULL;
    ok(ds != NULL, "mem dataset from a hashes model");
    if (ds)
        body(ds, "mem from hashes");
    dg_dataset_free(ds);
    if (hm)
        librdf_free_model(hm);
    if (hs)
        librdf_free_storage(hs);

    librdf_free_model(model);
    librdf_free_storage(storage);
    remove_store(dir);
}

/* Reading inside the storage's write transaction. */
static void
test_transaction(void)
{
    char dir[128];
    struct dg_error err = {0};
    struct dg_sterm t = {0};
    librdf_storage *storage;
    librdf_model *model;
    struct dg_dataset *ds;
    uint64_t pat[4] = {0, 0, 0, DG_G_UNION}, q[4];
    struct dg_scan *sc;
    quad_t4 *got;
    long n;

    snprintf(dir, sizeof dir, "%s/txn", tmpdir);
    storage = open_store(dir, "new='yes'");
    model = storage ? librdf_new_model(world, storage, NULL) : NULL;
    if (!model || model_add(model, 0, 3, 6, -1)) {
        ok(0, "a store for transactions");
        return;
    }
    ok(librdf_model_transaction_start(model) == 0 &&
           model_add(model, 1, 4, 7, 11) == 0,
       "transaction: a quad added");
    ds = dg_lmdb_dataset_open(storage, &err);
    dg_sterm_set_str(&t, DG_ST_LITERAL, "chat", NULL, "fr");
    n = ds ? scan_all(ds, pat, &got) : -1;
    ok(ds && lookup(ds, &t) != 0 && n == 2,
       "transaction: the dataset sees the uncommitted quad");
    if (n >= 0)
        free(got);
    dg_dataset_free(ds);
    librdf_model_transaction_rollback(model);
    ds = dg_lmdb_dataset_open(storage, &err);
    n = ds ? scan_all(ds, pat, &got) : -1;
    ok(ds && lookup(ds, &t) == 0 && n == 1,
       "transaction: after rollback it is gone");
    if (n >= 0)
        free(got);
    dg_dataset_free(ds);

    /* a dataset outliving the transaction fails cleanly */
    librdf_model_transaction_start(model);
    model_add(model, 1, 4, 7, 11);
    ds = dg_lmdb_dataset_open(storage, &err);
    sc = ds ? ds->ops->scan(ds, pat, &err) : NULL;
    ok(sc && ds->ops->next(sc, q, &err) == 1, "transaction: a scan started");
    librdf_model_transaction_commit(model);
    dg_error_clear(&err);
    ok(sc && ds->ops->next(sc, q, &err) == -1 && err.code == DG_ERR_STORE,
       "transaction: after commit the dataset reports '%s'", err.msg);
    if (ds)
        ds->ops->close(sc);
    dg_dataset_free(ds);
    ds = dg_lmdb_dataset_open(storage, &err);
    n = ds ? scan_all(ds, pat, &got) : -1;
    ok(n == 2, "transaction: committed quad seen by a new dataset");
    if (n >= 0)
        free(got);
    dg_dataset_free(ds);

    /* a simple literal stored both plain and typed xsd:string */
    model_add(model, 0, 3, 9, -1);
    {
        struct tdef d = {L, "typed", NULL, NULL};
        librdf_statement *st = librdf_new_statement_from_nodes(
            world, new_node(&T[0]), new_node(&T[4]), new_node(&d));
        librdf_model_add_statement(model, st);
        librdf_free_statement(st);
    }
    ds = dg_lmdb_dataset_open(storage, &err);
    {
        uint64_t tp[4] = {0, 0, 0, DG_G_DEFAULT}, typed_id = 0, plain_id;
        long k;
        const struct dg_sterm *r;
        dg_sterm_set_str(&t, DG_ST_LITERAL, "typed", NULL, NULL);
        plain_id = ds ? lookup(ds, &t) : 0;
        tp[DG_S] = ds ? lookup(ds, &terms[0]) : 0;
        tp[DG_P] = ds ? lookup(ds, &terms[3]) : 0;
        k = ds ? scan_all(ds, tp, &got) : -1;
        /* RDF 1.1: "typed"^^xsd:string is the simple literal "typed":
         * the storage keeps one term, so the two adds are one quad */
        for (long i = 0; i < k; i++)
            if ((r = ds->ops->term(ds, got[i][DG_O], &err)) &&
                r->kind == DG_ST_LITERAL && !strcmp(r->lex, "typed"))
                typed_id = typed_id ? UINT64_MAX : got[i][DG_O];
        r = typed_id && typed_id != UINT64_MAX
                ? ds->ops->term(ds, typed_id, &err)
                : NULL;
        ok(plain_id && typed_id == plain_id && r && r->dt == NULL,
           "xsd:string: a typed and a plain add are one term, one quad, "
           "without a datatype");
        if (k >= 0)
            free(got);
    }
    dg_dataset_free(ds);
    dg_sterm_clear(&t);

    librdf_free_model(model);
    librdf_free_storage(storage);
    remove_store(dir);
}

static int
drop_stats(const char *dir)
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    int rc = mdb_env_create(&env);

    if (rc)
        return rc;
    mdb_env_set_maxdbs(env, 16);
    mdb_env_set_mapsize(env, (size_t)1 << 30); /* fits under valgrind */
    rc = mdb_env_open(env, dir, MDB_NOTLS, 0666);
    if (!rc)
        rc = mdb_txn_begin(env, NULL, 0, &txn);
    if (!rc) {
        rc = mdb_dbi_open(txn, "stats", 0, &dbi);
        if (!rc)
            rc = mdb_drop(txn, dbi, 1);
        if (!rc)
            rc = mdb_txn_commit(txn);
        else
            mdb_txn_abort(txn);
    }
    mdb_env_close(env);
    return rc;
}

/* Estimates of large ranges: from the stats table, and without it. */
static void
test_estimates(void)
{
    char dir[128], iri[64];
    struct dg_error err = {0};
    librdf_storage *storage;
    librdf_model *model;
    struct dg_dataset *ds;
    uint64_t pat[4], e1, e2, e3, e4;
    struct dg_sterm big = {0};
    int good = 1;

    snprintf(dir, sizeof dir, "%s/big", tmpdir);
    storage = open_store(dir, "new='yes',sync='no'");
    model = storage ? librdf_new_model(world, storage, NULL) : NULL;
    if (!model) {
        ok(0, "a store of 3000 quads");
        return;
    }
    librdf_model_transaction_start(model);
    for (int i = 0; i < 3000; i++) {
        librdf_statement *st;
        snprintf(iri, sizeof iri, EX "s%d", i);
        st = librdf_new_statement_from_nodes(
            world, librdf_new_node_from_uri_string(world, (unsigned char *)iri),
            librdf_new_node_from_uri_string(world, (unsigned char *)EX "big"),
            librdf_new_node_from_literal(world, (unsigned char *)iri, NULL, 0));
        good &= st && librdf_model_add_statement(model, st) == 0;
        librdf_free_statement(st);
    }
    good &= librdf_model_transaction_commit(model) == 0;
    ok(good && librdf_model_size(model) == 3000, "a store of 3000 quads");
    dg_sterm_set_str(&big, DG_ST_IRI, EX "big", NULL, NULL);

    ds = dg_lmdb_dataset_open(storage, &err);
    pat[DG_S] = pat[DG_O] = 0;
    pat[DG_P] = ds ? lookup(ds, &big) : 0;
    pat[DG_G] = DG_G_UNION;
    e1 = ds ? ds->ops->estimate(ds, pat) : 0;
    pat[DG_G] = DG_G_DEFAULT;
    e2 = ds ? ds->ops->estimate(ds, pat) : 0;
    pat[DG_P] = 0;
    e3 = ds ? ds->ops->estimate(ds, pat) : 0;
    ok(e1 == 3000, "estimate from the stats table: %llu",
       (unsigned long long)e1);
    ok(e2 > 2000 && e2 <= 3000 && e3 > 2000 && e3 <= 3000,
       "estimates interpolated in a graph: %llu, %llu", (unsigned long long)e2,
       (unsigned long long)e3);
    dg_dataset_free(ds);
    librdf_free_model(model);
    librdf_free_storage(storage);

    ok(drop_stats(dir) == 0, "stats table dropped");
    storage = open_store(dir, "write='no'");
    ds = storage ? dg_lmdb_dataset_open(storage, &err) : NULL;
    pat[DG_P] = ds ? lookup(ds, &big) : 0;
    pat[DG_G] = DG_G_UNION;
    e4 = ds ? ds->ops->estimate(ds, pat) : 0;
    ok(e4 > 2000 && e4 <= 3000,
       "read-only without stats: estimate %llu by walking",
       (unsigned long long)e4);
    dg_dataset_free(ds);
    if (storage)
        librdf_free_storage(storage);

    storage = open_store(dir, "");
    ds = storage ? dg_lmdb_dataset_open(storage, &err) : NULL;
    e4 = ds ? ds->ops->estimate(ds, pat) : 0;
    ok(e4 == 3000, "a writable open rebuilds the stats table");
    dg_dataset_free(ds);
    if (storage)
        librdf_free_storage(storage);
    dg_sterm_clear(&big);
    remove_store(dir);
}

/* A triple stated in many graphs: the union gives it once, and the scan
 * seeks over its copies (checked by the answers, each path once). */
static void
test_many_copies(void)
{
    char dir[128], g[64], o[64];
    struct dg_error err = {0};
    librdf_storage *storage;
    librdf_model *model;
    struct dg_dataset *ds;
    struct dg_sterm s = {0}, p = {0};
    quad_t4 *got = NULL;
    int good = 1;

    snprintf(dir, sizeof dir, "%s/copies", tmpdir);
    storage = open_store(dir, "new='yes',sync='no'");
    model = storage ? librdf_new_model(world, storage, NULL) : NULL;
    if (!model) {
        ok(0, "a store of copies");
        return;
    }
    librdf_model_transaction_start(model);
    /* s p o0 in 50 graphs, s p o1..o9 once each, s p o10 in 7 graphs */
    for (int k = 0; k < 50 + 9 + 7; k++) {
        int obj = k < 50 ? 0 : k < 59 ? k - 49 : 10;
        snprintf(g, sizeof g, EX "g%d", k);
        snprintf(o, sizeof o, EX "o%d", obj);
        librdf_statement *st = librdf_new_statement_from_nodes(
            world,
            librdf_new_node_from_uri_string(world, (unsigned char *)EX "s"),
            librdf_new_node_from_uri_string(world, (unsigned char *)EX "p"),
            librdf_new_node_from_uri_string(world, (unsigned char *)o));
        librdf_node *gn =
            librdf_new_node_from_uri_string(world, (unsigned char *)g);
        good &=
            st && gn && librdf_model_context_add_statement(model, gn, st) == 0;
        librdf_free_statement(st);
        librdf_free_node(gn);
    }
    good &= librdf_model_transaction_commit(model) == 0;
    ds = good ? dg_lmdb_dataset_open(storage, &err) : NULL;
    dg_sterm_set_str(&s, DG_ST_IRI, EX "s", NULL, NULL);
    dg_sterm_set_str(&p, DG_ST_IRI, EX "p", NULL, NULL);
    uint64_t pat[4] = {ds ? lookup(ds, &s) : 0, 0, 0, DG_G_UNION};
    long n = ds ? scan_all(ds, pat, &got) : -1;
    int distinct = n == 11;
    for (long i = 1; distinct && i < n; i++)
        distinct = got[i][DG_O] != got[i - 1][DG_O];
    ok(distinct, "the union gives each of 11 triples once over 66 quads: %ld",
       n);
    if (n >= 0)
        free(got);
    pat[DG_P] = ds ? lookup(ds, &p) : 0;
    if (ds) {
        struct dg_sterm o0 = {0};
        dg_sterm_set_str(&o0, DG_ST_IRI, EX "o0", NULL, NULL);
        pat[DG_O] = lookup(ds, &o0);
        dg_sterm_clear(&o0);
    }
    n = ds ? scan_all(ds, pat, &got) : -1;
    ok(n == 1, "s p o given: the triple once, not once a graph: %ld", n);
    if (n >= 0)
        free(got);
    pat[DG_G] = DG_G_NAMED;
    n = ds ? scan_all(ds, pat, &got) : -1;
    ok(n == 50, "in the named graphs: each of its 50 quads: %ld", n);
    if (n >= 0)
        free(got);
    dg_sterm_clear(&s);
    dg_sterm_clear(&p);
    dg_dataset_free(ds);
    librdf_free_model(model);
    librdf_free_storage(storage);
    remove_store(dir);
}

int
main(void)
{
    struct dg_error err = {0};

    memset(long_lex, 'x', sizeof long_lex - 1);
    memcpy(long_lex, "long:", 5);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dg-dataset-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        ok(0, "temp dir");
        return tap_done();
    }
    world = librdf_new_world();
    librdf_world_open(world);
    if (dg_lmdb_storage_register(world)) {
        ok(0, "lmdb storage registered");
        return tap_done();
    }
    for (size_t i = 0; i < NT; i++)
        dg_sterm_set_str(&terms[i], T[i].kind, T[i].lex, T[i].dt, T[i].lang);

    test_common();
    test_transaction();
    test_estimates();
    test_many_copies();

    {
        librdf_storage *hs =
            librdf_new_storage(world, "hashes", "x", "hash-type='memory'");
        struct dg_dataset *ds = dg_lmdb_dataset_open(hs, &err);
        ok(!ds && err.code == DG_ERR_USAGE,
           "a non-lmdb storage is refused: '%s'", err.msg);
        dg_dataset_free(ds);
        if (hs)
            librdf_free_storage(hs);
    }

    for (size_t i = 0; i < NT; i++)
        dg_sterm_clear(&terms[i]);
    librdf_free_world(world);
    rmdir(tmpdir);
    return tap_done();
}
