/* lmdb_internal.h: what graph/store/lmdb_storage.c exposes to the other
 * modules of graph/store/ that read an "lmdb" storage's environment
 * directly (graph/store/lmdb_dataset.c).  Not for use outside graph/store/.
 *
 * Handles are borrowed from the storage instance and valid while it is
 * open.  LMDB functions here return LMDB (or errno) codes, 0 on success. */
#ifndef DG_LMDB_INTERNAL_H
#define DG_LMDB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <librdf.h>
#include <lmdb.h>

/* The format record: meta's key "format" holds this value in every store
 * this code reads and writes (the magic and version together). */
#define DG_LMDB_FORMAT "diplograph-lmdb 1"

/* 1 when an LMDB (or storage) code says the file's pages or records do
 * not decode: the store is damaged, not merely busy or full. */
static inline int
dg_lmdb_is_damage(int rc)
{
    return rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND ||
           rc == MDB_INVALID || rc == MDB_BAD_VALSIZE;
}

/* The key of a long term encoding in t2h: FNV-1a-64 of the encoding. */
static inline uint64_t
dg_lmdb_hash(const unsigned char *p, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* LMDB's default key order: bytes, then the shorter first. */
static inline int
dg_lmdb_cmp(const MDB_val *a, const MDB_val *b)
{
    size_t n = a->mv_size < b->mv_size ? a->mv_size : b->mv_size;
    int c = n ? memcmp(a->mv_data, b->mv_data, n) : 0;

    if (c)
        return c;
    return a->mv_size < b->mv_size ? -1 : a->mv_size > b->mv_size;
}

/* mdb_cursor_get(cur, k, v, MDB_SET_RANGE) that also checks where the
 * descent landed.  LMDB keeps no checksums: a damaged separator key in a
 * branch page can send the search one leaf too far right, past the start
 * of the range, and the range would read as shorter or empty.  The key
 * before the one found must be below *k, and when none is found the last
 * key must be: else MDB_CORRUPTED.  The extra step stays in the leaf
 * (one more descent only at the ends of the table). */
static inline int
dg_lmdb_seek(MDB_cursor *cur, MDB_val *k, MDB_val *v)
{
    MDB_val want = *k, pk, pv;
    int rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);

    if (rc == MDB_NOTFOUND) {
        rc = mdb_cursor_get(cur, &pk, &pv, MDB_LAST);
        if (rc == MDB_NOTFOUND)
            return MDB_NOTFOUND; /* an empty table */
        if (rc)
            return rc;
        return dg_lmdb_cmp(&pk, &want) < 0 ? MDB_NOTFOUND : MDB_CORRUPTED;
    }
    if (rc)
        return rc;
    rc = mdb_cursor_get(cur, &pk, &pv, MDB_PREV);
    if (rc == MDB_NOTFOUND) { /* the first key: seek again to be on it */
        *k = want;
        return mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
    }
    if (rc)
        return rc;
    if (dg_lmdb_cmp(&pk, &want) >= 0)
        return MDB_CORRUPTED;
    return mdb_cursor_get(cur, k, v, MDB_NEXT);
}

/* Ids in keys are 8 bytes big-endian, so LMDB's memcmp order is the
 * numeric order and every prefix of a key is a range. */
static inline void
dg_lmdb_put_id(unsigned char *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (unsigned char)(v & 0xff);
        v >>= 8;
    }
}

static inline uint64_t
dg_lmdb_get_id(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

/* Quad indexes, in the order of dg_lmdb_env.idx. */
enum {
    DG_LMDB_SPOC,
    DG_LMDB_POSC,
    DG_LMDB_OSPC,
    DG_LMDB_CSPO,
    DG_LMDB_CPOS,
    DG_LMDB_COSP
};

struct dg_lmdb_env {
    void *store;      /* the instance (struct lm_store), opaque */
    const char *path; /* the store directory, for messages */
    MDB_env *env;
    MDB_dbi i2t, t2i, t2h, ctx, stats;
    MDB_dbi idx[6]; /* spoc posc ospc cspo cpos cosp */
    int has_ctx;    /* ctx is open (absent: read-only open of an old store) */
    int has_stats;  /* stats is open (likewise) */
    size_t maxkey;  /* longest key of t2i */
};

/* Fills *out for storage (borrowed).  Returns 0, or -1 when storage is not
 * an open "lmdb" storage. */
int dg_lmdb_env_get(librdf_storage *storage, struct dg_lmdb_env *out);

/* A transaction to read from: the storage's open write transaction when
 * the calling thread is the one that holds it (*own 0: the dataset must
 * stop using it when dg_lmdb_txn_serial changes), else a read transaction
 * from the storage's pool (*own 1: end it with dg_lmdb_txn_put, in any
 * thread, before the storage is freed).  These two, dg_lmdb_term_find and
 * dg_lmdb_pred_count may be called from several threads at once, beside
 * the one thread using the storage through librdf; dg_lmdb_txn_serial
 * only from the thread that holds the write transaction. */
int dg_lmdb_txn_get(const struct dg_lmdb_env *e, MDB_txn **txn, int *own);
void dg_lmdb_txn_put(const struct dg_lmdb_env *e, MDB_txn *txn, int own);

/* Changes whenever the storage's write transaction starts or ends. */
unsigned long dg_lmdb_txn_serial(const struct dg_lmdb_env *e);

/* The id of the term encoded as enc[0..len) (the storage's encoding: 'U'
 * uri, 'B' label, 'L' lang '\0' datatype '\0' value), found through t2i or,
 * for a long encoding, t2h.  0, MDB_NOTFOUND or an LMDB error. */
int dg_lmdb_term_find(const struct dg_lmdb_env *e, MDB_txn *txn,
                      const unsigned char *enc, size_t len, uint64_t *id);

/* The number of quads with predicate p, from the stats table: 0, or
 * MDB_NOTFOUND when the table is absent; a predicate without quads
 * gives *n = 0. */
int dg_lmdb_pred_count(const struct dg_lmdb_env *e, MDB_txn *txn, uint64_t p,
                       uint64_t *n);

#endif /* DG_LMDB_INTERNAL_H */
