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

/* A transaction to read from: the storage's open write transaction (*own
 * 0: the dataset must stop using it when dg_lmdb_txn_serial changes), or
 * a read transaction from the storage's pool (*own 1: end it with
 * dg_lmdb_txn_put, before the storage is freed). */
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
