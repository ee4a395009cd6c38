/* lmdb_dataset.c: the SPARQL dataset interface (graph/sparql/dataset.h)
 * straight on an "lmdb" storage's environment (see lmdb_dataset.h and
 * graph/store/README.md for the key layout).
 *
 * One transaction per dataset: a read transaction from the storage's pool
 * (a snapshot), or the storage's open write transaction, so that a writer
 * sees its own work.  In the second case the transaction belongs to the
 * storage: when it ends (dg_lmdb_txn_serial changes) every call fails
 * with an error and scans leave their cursors to LMDB, which frees them
 * with the transaction.
 *
 * Scans pick the index whose key order starts with the bound positions
 * (spoc posc ospc for DG_G_UNION and DG_G_NAMED, whose graph is last in
 * the key; cspo cpos cosp for one graph), seek to the prefix and walk
 * while it matches.  In DG_G_UNION the quads of one triple are adjacent
 * (they differ only in the last slot): each triple is returned once.
 *
 * Terms are decoded once and kept in a hash map id -> term; each term is
 * allocated on its own, so pointers stay valid until the dataset is
 * freed. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "graph/store/lmdb_dataset.h"
#include "graph/store/lmdb_internal.h"

#define ID_LEN 8
#define KEY_LEN (4 * ID_LEN)
#define WALK_RESULTS 1000 /* estimate: exact up to this many results */
#define WALK_KEYS 4000    /* ... and this many keys walked */
#define SPARE_SCANS 8     /* closed scans kept per index */

enum { MODE_GRAPH, MODE_UNION, MODE_NAMED };

/* idx_order[i][j]: the quad position (DG_S..DG_G) in key slot j */
static const int idx_order[6][4] = {
    {DG_S, DG_P, DG_O, DG_G}, {DG_P, DG_O, DG_S, DG_G},
    {DG_O, DG_S, DG_P, DG_G}, {DG_G, DG_S, DG_P, DG_O},
    {DG_G, DG_P, DG_O, DG_S}, {DG_G, DG_O, DG_S, DG_P},
};

struct lm_ds {
    struct dg_dataset base; /* first member */
    struct dg_lmdb_env e;
    MDB_txn *txn; /* owned when own, else the storage's write txn */
    int own;
    unsigned long serial; /* dg_lmdb_txn_serial when opened */
    /* term cache: open addressing on ids, 0 = empty slot */
    uint64_t *tids;
    struct dg_sterm **terms; /* owned, each malloc'd */
    size_t tcap, tcount;
    /* graphs(): computed for gnhidden hidden graphs */
    uint64_t *graphs;
    size_t ngraphs, gnhidden;
    int graphs_done;
    unsigned char *buf; /* encoding scratch */
    size_t bufcap;
    uint64_t max_id; /* the largest term id, 0 until read */
    /* closed scans kept with their cursors, per index: a cursor reused
     * for a nearby key skips LMDB's descent from the root (the inner
     * loops of a join seek near where they were) */
    struct lm_dscan *spare[6][SPARE_SCANS];
    int nspare[6];
};

struct lm_dscan {
    struct lm_ds *ds; /* borrowed */
    MDB_cursor *cur;  /* owned */
    int idx, mode;
    uint64_t pat[4];
    unsigned char prefix[KEY_LEN];
    size_t plen;
    int started, at_end, have_last;
    uint64_t last[3]; /* DG_G_UNION: the last triple returned */
    int dups;         /* DG_G_UNION: copies of it skipped one by one */
    int reseek;       /* the next step seeks to seekkey */
    unsigned char seekkey[KEY_LEN];
    unsigned char lastkey[KEY_LEN]; /* the key before, to check the order */
    uint64_t keys;                  /* keys walked */
};

static int
fail(const struct lm_ds *ds, struct dg_error *err, const char *what, int rc)
{
    if (dg_lmdb_is_damage(rc))
        return dg_error_set(err, DG_ERR_STORE,
                            "lmdb: %s: store '%s' is damaged: %s (see "
                            "'diplograph check')",
                            what, ds->e.path, mdb_strerror(rc));
    return dg_error_set(err, rc == ENOMEM ? DG_ERR_NOMEM : DG_ERR_STORE,
                        "lmdb: %s: %s", what, mdb_strerror(rc));
}

/* "store 'DIR' is damaged: what", for records that do not decode. */
static int
damaged(const struct lm_ds *ds, struct dg_error *err, const char *what)
{
    return dg_error_set(err, DG_ERR_STORE,
                        "lmdb: store '%s' is damaged: %s (see 'diplograph "
                        "check')",
                        ds->e.path, what);
}

/* 0 while the dataset's transaction is usable, else -1 with err set. */
static int
txn_check(struct lm_ds *ds, struct dg_error *err)
{
    if (ds->own || dg_lmdb_txn_serial(&ds->e) == ds->serial)
        return 0;
    return dg_error_set(err, DG_ERR_STORE,
                        "lmdb: the store's transaction ended while a dataset "
                        "was reading through it");
}

static int
buf_reserve(struct lm_ds *ds, size_t need)
{
    unsigned char *p;
    size_t cap;

    if (need <= ds->bufcap)
        return 0;
    cap = ds->bufcap ? ds->bufcap : 256;
    while (cap < need)
        cap *= 2;
    p = realloc(ds->buf, cap);
    if (!p)
        return -1;
    ds->buf = p;
    ds->bufcap = cap;
    return 0;
}

/* ---- dictionary ------------------------------------------------------- */

/* Encodes the literal parts into ds->buf as lmdb_storage.c does. */
static int
encode_literal(struct lm_ds *ds, const struct dg_sterm *t, const char *lang,
               const char *dt, size_t *len)
{
    size_t ll = lang ? strlen(lang) : 0, dl = dt ? strlen(dt) : 0;
    size_t need = 1 + ll + 1 + dl + 1 + t->len;
    unsigned char *p;

    if (buf_reserve(ds, need))
        return -1;
    p = ds->buf;
    *p++ = 'L';
    if (ll)
        memcpy(p, lang, ll);
    p += ll;
    *p++ = '\0';
    if (dl)
        memcpy(p, dt, dl);
    p += dl;
    *p++ = '\0';
    if (t->len)
        memcpy(p, t->lex, t->len);
    *len = need;
    return 0;
}

static int
find_enc(struct lm_ds *ds, size_t len, uint64_t *id, struct dg_error *err)
{
    int rc = dg_lmdb_term_find(&ds->e, ds->txn, ds->buf, len, id);
    if (rc == MDB_NOTFOUND) {
        *id = 0;
        return 0;
    }
    return rc ? fail(ds, err, "cannot look up a term", rc) : 0;
}

static int
ds_lookup(struct dg_dataset *base, const struct dg_sterm *t, uint64_t *id,
          struct dg_error *err)
{
    struct lm_ds *ds = (struct lm_ds *)base;
    size_t len;
    char *lower = NULL;
    int rc = -1;

    *id = 0;
    if (txn_check(ds, err))
        return -1;
    switch (t->kind) {
    case DG_ST_IRI:
    case DG_ST_BLANK:
        len = 1 + t->len;
        if (buf_reserve(ds, len))
            goto nomem;
        ds->buf[0] = t->kind == DG_ST_IRI ? 'U' : 'B';
        if (t->len)
            memcpy(ds->buf + 1, t->lex, t->len);
        return find_enc(ds, len, id, err);
    case DG_ST_LITERAL:
        if (encode_literal(ds, t, t->lang, t->dt, &len))
            goto nomem;
        if (find_enc(ds, len, id, err))
            return -1;
        if (*id)
            return 0;
        if (!t->dt && !t->lang) {
            /* a simple literal may be stored typed xsd:string */
            if (encode_literal(ds, t, NULL, DG_XSD "string", &len))
                goto nomem;
            return find_enc(ds, len, id, err);
        }
        if (t->lang) {
            /* tags compare case-insensitively: try the lowercase form */
            int upper = 0;
            lower = strdup(t->lang);
            if (!lower)
                goto nomem;
            for (char *c = lower; *c; c++)
                if (isupper((unsigned char)*c)) {
                    *c = (char)tolower((unsigned char)*c);
                    upper = 1;
                }
            rc = 0;
            if (upper) {
                if (encode_literal(ds, t, lower, NULL, &len)) {
                    free(lower);
                    goto nomem;
                }
                rc = find_enc(ds, len, id, err);
            }
            free(lower);
            return rc;
        }
        return 0;
    default: return 0; /* no term: not in the store */
    }
nomem:
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

/* Decodes enc[0..n) into t (cleared first).  0, or -1 (corrupt or out of
 * memory, with err set). */
static int
decode(const unsigned char *p, size_t n, struct dg_sterm *t,
       struct dg_error *err)
{
    const unsigned char *end = p + n, *lang, *dt, *val, *z;
    int rc;

    if (n < 1)
        goto corrupt;
    switch (p[0]) {
    case 'U':
    case 'B':
        rc = dg_sterm_set(t, p[0] == 'U' ? DG_ST_IRI : DG_ST_BLANK,
                          (const char *)p + 1, n - 1, NULL, NULL);
        break;
    case 'L':
        lang = p + 1;
        z = memchr(lang, '\0', (size_t)(end - lang));
        if (!z)
            goto corrupt;
        dt = z + 1;
        z = memchr(dt, '\0', (size_t)(end - dt));
        if (!z)
            goto corrupt;
        val = z + 1;
        /* lang and dt end with the encoding's NUL separators */
        rc = dg_sterm_set(t, DG_ST_LITERAL, (const char *)val,
                          (size_t)(end - val), *dt ? (const char *)dt : NULL,
                          *lang ? (const char *)lang : NULL);
        break;
    default: goto corrupt;
    }
    if (rc)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    return 0;
corrupt:
    return dg_error_set(err, DG_ERR_STORE, "lmdb: a term is corrupt");
}

static size_t
id_slot(uint64_t id, size_t cap)
{
    uint64_t h = id * UINT64_C(0x9e3779b97f4a7c15);
    return (size_t)(h >> 17) & (cap - 1);
}

static int
tcache_grow(struct lm_ds *ds)
{
    size_t cap = ds->tcap ? ds->tcap * 2 : 1024;
    uint64_t *ids = calloc(cap, sizeof *ids);
    struct dg_sterm **terms = calloc(cap, sizeof *terms);

    if (!ids || !terms) {
        free(ids);
        free(terms);
        return -1;
    }
    for (size_t i = 0; i < ds->tcap; i++) {
        size_t j;
        if (!ds->tids[i])
            continue;
        for (j = id_slot(ds->tids[i], cap); ids[j]; j = (j + 1) & (cap - 1))
            ;
        ids[j] = ds->tids[i];
        terms[j] = ds->terms[i];
    }
    free(ds->tids);
    free(ds->terms);
    ds->tids = ids;
    ds->terms = terms;
    ds->tcap = cap;
    return 0;
}

static const struct dg_sterm *
ds_term(struct dg_dataset *base, uint64_t id, struct dg_error *err)
{
    struct lm_ds *ds = (struct lm_ds *)base;
    unsigned char kb[ID_LEN];
    MDB_val k = {ID_LEN, kb}, v;
    struct dg_error derr = {0, ""};
    struct dg_sterm *t;
    size_t j;
    int rc;

    if (ds->tcap) {
        for (j = id_slot(id, ds->tcap); ds->tids[j];
             j = (j + 1) & (ds->tcap - 1))
            if (ds->tids[j] == id)
                return ds->terms[j];
    }
    if (id == 0 || (id & DG_ID_LOCAL)) {
        dg_error_set(err, DG_ERR_INTERNAL, "lmdb: no term has id %llu",
                     (unsigned long long)id);
        return NULL;
    }
    if (txn_check(ds, err))
        return NULL;
    dg_lmdb_put_id(kb, id);
    rc = mdb_get(ds->txn, ds->e.i2t, &k, &v);
    if (rc == MDB_NOTFOUND) {
        /* the id came from an index: the dictionary must have it */
        damaged(ds, err, "an index names a term the dictionary lacks");
        return NULL;
    }
    if (rc) {
        fail(ds, err, "cannot read a term", rc);
        return NULL;
    }
    if ((ds->tcount + 1) * 2 > ds->tcap && tcache_grow(ds)) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    t = calloc(1, sizeof *t);
    if (!t) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (decode(v.mv_data, v.mv_size, t, &derr)) {
        if (derr.code == DG_ERR_NOMEM)
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        else
            damaged(ds, err, "a term does not decode");
        free(t);
        return NULL;
    }
    for (j = id_slot(id, ds->tcap); ds->tids[j]; j = (j + 1) & (ds->tcap - 1))
        ;
    ds->tids[j] = id;
    ds->terms[j] = t;
    ds->tcount++;
    return t;
}

/* ---- scans ------------------------------------------------------------ */

static int
is_hidden(const struct lm_ds *ds, uint64_t g)
{
    return ds->base.nhidden && dg_dataset_is_hidden(&ds->base, g);
}

/* Sets up sc for pat: index, mode and prefix. */
static void
scan_plan(struct lm_dscan *sc, const uint64_t pat[4])
{
    int mask = 0;

    memcpy(sc->pat, pat, sizeof sc->pat);
    if (pat[DG_G] == DG_G_UNION)
        sc->mode = MODE_UNION;
    else if (pat[DG_G] == DG_G_NAMED)
        sc->mode = MODE_NAMED;
    else
        sc->mode = MODE_GRAPH;
    for (int pos = 0; pos < 3; pos++)
        if (pat[pos])
            mask |= 1 << pos;
    /* masks: 1 S, 2 P, 3 SP, 4 O, 5 SO, 6 PO, 7 SPO */
    if (mask == 2 || mask == 6)
        sc->idx = DG_LMDB_POSC;
    else if (mask == 4 || mask == 5)
        sc->idx = DG_LMDB_OSPC;
    else
        sc->idx = DG_LMDB_SPOC;
    if (sc->mode == MODE_GRAPH)
        sc->idx += DG_LMDB_CSPO; /* the same order behind the graph */
    sc->plen = 0;
    for (int j = 0; j < 4; j++) {
        int pos = idx_order[sc->idx][j];
        if (pos == DG_G ? sc->mode != MODE_GRAPH : !pat[pos])
            break;
        dg_lmdb_put_id(sc->prefix + sc->plen, pat[pos]);
        sc->plen += ID_LEN;
    }
}

static struct lm_dscan *
scan_new(struct lm_ds *ds, const uint64_t pat[4], struct dg_error *err)
{
    struct lm_dscan *sc;
    int rc;

    if (txn_check(ds, err))
        return NULL;
    sc = calloc(1, sizeof *sc);
    if (!sc) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    sc->ds = ds;
    scan_plan(sc, pat);
    if (ds->nspare[sc->idx]) {
        struct lm_dscan *old = ds->spare[sc->idx][--ds->nspare[sc->idx]];
        sc->cur = old->cur;
        free(old);
        return sc;
    }
    rc = mdb_cursor_open(ds->txn, ds->e.idx[sc->idx], &sc->cur);
    if (rc) {
        free(sc);
        fail(ds, err, "cannot scan the store", rc);
        return NULL;
    }
    return sc;
}

static struct dg_scan *
ds_scan(struct dg_dataset *base, const uint64_t pat[4], struct dg_error *err)
{
    return (struct dg_scan *)scan_new((struct lm_ds *)base, pat, err);
}

/* Moves to the next key of the range: 1 (sc->cur is on it, key in *k), 0
 * at the end, -1 with err set. */
static int
scan_step(struct lm_dscan *sc, MDB_val *k, struct dg_error *err)
{
    MDB_val v;
    int rc, next = 0;

    if (sc->at_end)
        return 0;
    if (sc->reseek) {
        sc->reseek = 0;
        k->mv_data = sc->seekkey;
        k->mv_size = KEY_LEN;
        rc = dg_lmdb_seek(sc->cur, k, &v);
    } else if (!sc->started) {
        sc->started = 1;
        if (sc->plen) {
            k->mv_data = sc->prefix;
            k->mv_size = sc->plen;
            rc = dg_lmdb_seek(sc->cur, k, &v);
        } else {
            rc = mdb_cursor_get(sc->cur, k, &v, MDB_FIRST);
        }
    } else {
        rc = mdb_cursor_get(sc->cur, k, &v, MDB_NEXT);
        next = 1;
    }
    if (rc == MDB_NOTFOUND) {
        sc->at_end = 1;
        return 0;
    }
    if (rc) {
        sc->at_end = 1;
        return fail(sc->ds, err, "cannot scan the store", rc);
    }
    /* every index key is four ids with an empty value, each after the
     * one before: anything else is damage, never the end of the range */
    if (k->mv_size != KEY_LEN || v.mv_size != 0 ||
        (next && memcmp(k->mv_data, sc->lastkey, KEY_LEN) <= 0)) {
        sc->at_end = 1;
        return damaged(sc->ds, err, "an index key does not decode");
    }
    memcpy(sc->lastkey, k->mv_data, KEY_LEN);
    if (sc->plen && memcmp(k->mv_data, sc->prefix, sc->plen)) {
        sc->at_end = 1;
        return 0;
    }
    sc->keys++;
    return 1;
}

static int
scan_next(struct lm_dscan *sc, uint64_t quad[4], struct dg_error *err)
{
    struct lm_ds *ds = sc->ds;
    MDB_val k;
    uint64_t q[4];
    int rc;

    if (txn_check(ds, err))
        return -1;
    while ((rc = scan_step(sc, &k, err)) == 1) {
        const unsigned char *key = k.mv_data;
        int skip = 0;
        for (int j = 0; j < 4; j++)
            q[idx_order[sc->idx][j]] = dg_lmdb_get_id(key + ID_LEN * j);
        for (int pos = 0; pos < 3; pos++)
            if (sc->pat[pos] && q[pos] != sc->pat[pos])
                skip = 1;
        if (skip)
            continue;
        if (sc->mode == MODE_NAMED && (!q[DG_G] || is_hidden(ds, q[DG_G])))
            continue;
        if (sc->mode == MODE_UNION) {
            if (is_hidden(ds, q[DG_G]))
                continue;
            if (sc->have_last && q[0] == sc->last[0] && q[1] == sc->last[1] &&
                q[2] == sc->last[2]) {
                /* a triple stated in many graphs: past a few copies, seek
                 * over the rest (the graph is the key's last id) */
                if (++sc->dups == 4) {
                    memcpy(sc->seekkey, key, KEY_LEN - ID_LEN);
                    memset(sc->seekkey + KEY_LEN - ID_LEN, 0xff, ID_LEN);
                    sc->reseek = 1;
                }
                continue;
            }
            memcpy(sc->last, q, sizeof sc->last);
            sc->have_last = 1;
            sc->dups = 0;
            q[DG_G] = DG_G_UNION;
            /* s, p and o all given: the range holds copies of one triple */
            if (sc->pat[DG_S] && sc->pat[DG_P] && sc->pat[DG_O])
                sc->at_end = 1;
        }
        memcpy(quad, q, sizeof q);
        return 1;
    }
    return rc;
}

static int
ds_next(struct dg_scan *scan, uint64_t quad[4], struct dg_error *err)
{
    return scan_next((struct lm_dscan *)scan, quad, err);
}

static void
scan_free(struct lm_dscan *sc)
{
    if (!sc)
        return;
    /* a cursor of a write transaction that has ended is LMDB's to free */
    if (sc->cur && sc->ds->own && sc->ds->nspare[sc->idx] < SPARE_SCANS) {
        sc->ds->spare[sc->idx][sc->ds->nspare[sc->idx]++] = sc;
        return;
    }
    if (sc->cur && !txn_check(sc->ds, NULL))
        mdb_cursor_close(sc->cur);
    free(sc);
}

static void
ds_close(struct dg_scan *scan)
{
    scan_free((struct lm_dscan *)scan);
}

/* ---- estimates -------------------------------------------------------- */

static uint64_t
max_id(struct lm_ds *ds)
{
    MDB_cursor *cur;
    MDB_val k, v;

    if (ds->max_id)
        return ds->max_id;
    if (mdb_cursor_open(ds->txn, ds->e.i2t, &cur))
        return 0;
    if (mdb_cursor_get(cur, &k, &v, MDB_LAST) == 0 && k.mv_size == ID_LEN)
        ds->max_id = dg_lmdb_get_id(k.mv_data);
    mdb_cursor_close(cur);
    return ds->max_id;
}

/* The key's position after the prefix as a number: its remaining ids as
 * digits of base radix. */
static double
key_position(const unsigned char *key, size_t plen, double radix)
{
    double v = 0, scale = 1;

    for (size_t off = plen; off < KEY_LEN; off += ID_LEN) {
        v += (double)dg_lmdb_get_id(key + off) * scale;
        scale /= radix;
    }
    return v;
}

/* The last key of sc's range into last[] (sc->cur is moved).  0 or -1. */
static int
range_last(struct lm_dscan *sc, unsigned char *last)
{
    unsigned char kb[KEY_LEN];
    MDB_val k, v;
    int rc, carry = 1;

    if (sc->plen == 0) {
        rc = mdb_cursor_get(sc->cur, &k, &v, MDB_LAST);
    } else {
        /* the first key after the range, then one back */
        memcpy(kb, sc->prefix, sc->plen);
        for (size_t i = sc->plen; i-- > 0 && carry;) {
            kb[i] = (unsigned char)(kb[i] + 1);
            carry = kb[i] == 0;
        }
        k.mv_data = kb;
        k.mv_size = sc->plen;
        rc = carry ? MDB_NOTFOUND
                   : mdb_cursor_get(sc->cur, &k, &v, MDB_SET_RANGE);
        if (rc == 0)
            rc = mdb_cursor_get(sc->cur, &k, &v, MDB_PREV);
        else if (rc == MDB_NOTFOUND)
            rc = mdb_cursor_get(sc->cur, &k, &v, MDB_LAST);
    }
    if (rc || k.mv_size != KEY_LEN ||
        (sc->plen && memcmp(k.mv_data, sc->prefix, sc->plen)))
        return -1;
    memcpy(last, k.mv_data, KEY_LEN);
    return 0;
}

static uint64_t
ds_estimate(struct dg_dataset *base, const uint64_t pat[4])
{
    struct lm_ds *ds = (struct lm_ds *)base;
    unsigned char first[KEY_LEN], cur[KEY_LEN], last[KEY_LEN];
    struct lm_dscan *sc;
    uint64_t quad[4], n = 0, upper = 0, pn;
    MDB_stat ms;
    MDB_val k, v;
    int have_first = 0, mode;
    double est, radix, span, done;

    sc = scan_new(ds, pat, NULL);
    if (!sc)
        return 1;
    mode = sc->mode;
    while (n < WALK_RESULTS && sc->keys < WALK_KEYS &&
           scan_next(sc, quad, NULL) == 1) {
        if (!have_first) {
            mdb_cursor_get(sc->cur, &k, &v, MDB_GET_CURRENT);
            memcpy(first, k.mv_data, KEY_LEN);
            have_first = 1;
        }
        n++;
    }
    if (sc->at_end) {
        scan_free(sc);
        return n; /* the whole range was walked: exact */
    }
    /* a large range: extrapolate, within what the statistics allow */
    if (mdb_stat(ds->txn, ds->e.idx[DG_LMDB_SPOC], &ms) == 0)
        upper = ms.ms_entries;
    if (pat[DG_P] && dg_lmdb_pred_count(&ds->e, ds->txn, pat[DG_P], &pn) == 0 &&
        pn < upper) {
        upper = pn;
        if (!pat[DG_S] && !pat[DG_O] && mode != MODE_GRAPH) {
            scan_free(sc);
            return upper > n ? upper : n + 1;
        }
    }
    if (!pat[DG_S] && !pat[DG_P] && !pat[DG_O] && mode != MODE_GRAPH) {
        scan_free(sc);
        return upper > n ? upper : n + 1;
    }
    est = (double)upper;
    if (mdb_cursor_get(sc->cur, &k, &v, MDB_GET_CURRENT) == 0 &&
        k.mv_size == KEY_LEN) {
        memcpy(cur, k.mv_data, KEY_LEN);
        if (!have_first)
            memcpy(first, cur, KEY_LEN);
        if (range_last(sc, last) == 0) {
            radix = (double)max_id(ds) + 2;
            done = key_position(cur, sc->plen, radix) -
                   key_position(first, sc->plen, radix);
            span = key_position(last, sc->plen, radix) -
                   key_position(first, sc->plen, radix);
            if (done > 0)
                est = (double)n * span / done;
        }
    }
    scan_free(sc);
    if (est > (double)upper)
        est = (double)upper;
    if (est < (double)n + 1)
        est = (double)n + 1;
    return (uint64_t)est;
}

/* ---- graphs ----------------------------------------------------------- */

static int
graphs_push(struct lm_ds *ds, size_t *cap, uint64_t g)
{
    if (ds->ngraphs == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        uint64_t *p = realloc(ds->graphs, nc * sizeof *p);
        if (!p)
            return ENOMEM;
        ds->graphs = p;
        *cap = nc;
    }
    ds->graphs[ds->ngraphs++] = g;
    return 0;
}

static int
ds_graphs(struct dg_dataset *base, const uint64_t **ids, size_t *n,
          struct dg_error *err)
{
    struct lm_ds *ds = (struct lm_ds *)base;
    unsigned char kb[ID_LEN];
    MDB_cursor *cur = NULL;
    MDB_val k, v;
    size_t cap = 0;
    uint64_t g = 0;
    int rc;

    if (ds->graphs_done && ds->gnhidden == ds->base.nhidden)
        goto out;
    if (txn_check(ds, err))
        return -1;
    free(ds->graphs);
    ds->graphs = NULL;
    ds->ngraphs = 0;
    rc = mdb_cursor_open(
        ds->txn, ds->e.has_ctx ? ds->e.ctx : ds->e.idx[DG_LMDB_CSPO], &cur);
    if (rc)
        return fail(ds, err, "cannot list graphs", rc);
    for (;;) {
        if (ds->e.has_ctx) {
            rc = mdb_cursor_get(cur, &k, &v, g ? MDB_NEXT : MDB_FIRST);
        } else {
            /* a store without ctx: one seek per graph in cspo */
            if (g == UINT64_MAX) {
                rc = MDB_NOTFOUND;
                break;
            }
            dg_lmdb_put_id(kb, g + 1);
            k.mv_data = kb;
            k.mv_size = ID_LEN;
            rc = dg_lmdb_seek(cur, &k, &v);
        }
        if (rc)
            break;
        if (k.mv_size != (ds->e.has_ctx ? ID_LEN : KEY_LEN) || v.mv_size != 0 ||
            dg_lmdb_get_id(k.mv_data) <= g) {
            rc = MDB_CORRUPTED; /* ctx never holds 0, and keys ascend */
            break;
        }
        g = dg_lmdb_get_id(k.mv_data);
        if (g && !is_hidden(ds, g) && (rc = graphs_push(ds, &cap, g)))
            break;
    }
    mdb_cursor_close(cur);
    if (rc != MDB_NOTFOUND)
        return fail(ds, err, "cannot list graphs", rc);
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
    struct lm_ds *ds = (struct lm_ds *)base;

    for (int i = 0; i < 6; i++)
        for (int k = 0; k < ds->nspare[i]; k++) {
            mdb_cursor_close(ds->spare[i][k]->cur);
            free(ds->spare[i][k]);
        }
    if (ds->txn)
        dg_lmdb_txn_put(&ds->e, ds->txn, ds->own);
    for (size_t i = 0; i < ds->tcap; i++)
        if (ds->tids[i]) {
            dg_sterm_clear(ds->terms[i]);
            free(ds->terms[i]);
        }
    free(ds->tids);
    free(ds->terms);
    free(ds->graphs);
    free(ds->buf);
    free(ds);
}

static const struct dg_dataset_ops lm_ops = {
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
dg_lmdb_dataset_open(librdf_storage *storage, struct dg_error *err)
{
    struct lm_ds *ds;
    int rc;

    ds = calloc(1, sizeof *ds);
    if (!ds) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    ds->base.ops = &lm_ops;
    if (dg_lmdb_env_get(storage, &ds->e)) {
        free(ds);
        dg_error_set(err, DG_ERR_USAGE, "not an lmdb storage");
        return NULL;
    }
    rc = dg_lmdb_txn_get(&ds->e, &ds->txn, &ds->own);
    if (rc) {
        ds->txn = NULL;
        fail(ds, err, "cannot read the store", rc);
        ds_free(&ds->base);
        return NULL;
    }
    /* the serial is the writer's: read only on its thread */
    ds->serial = ds->own ? 0 : dg_lmdb_txn_serial(&ds->e);
    return &ds->base;
}
