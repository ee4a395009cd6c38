/* lmdb_storage.c: the "lmdb" librdf storage module (see lmdb_storage.h and
 * graph/store/README.md).
 *
 * One LMDB environment per storage instance, in the store directory, with
 * these named databases:
 *
 *   meta   "format" -> "diplograph-lmdb 1"
 *   i2t    id (8 bytes, big-endian) -> term encoding
 *   t2i    term encoding -> id, for encodings up to the LMDB key limit
 *   t2h    FNV-1a-64 of the encoding -> ids (DUPSORT|DUPFIXED), for longer
 *          encodings (long literals); candidates are checked against i2t
 *   spoc posc ospc cspo cpos cosp
 *          key: four 8-byte big-endian ids in the order of the name,
 *          value: empty.  A key is a quad; the six hold the same quads.
 *   ctx    key: the id of a named graph that holds at least one quad,
 *          value: empty.
 *
 * Term encoding: 'U' uri | 'B' blank-id | 'L' lang '\0' datatype '\0' value
 * (the value goes last, so it may hold any byte).  Ids start at 1 and are
 * never reused; id 0 in the C position means the default graph (a statement
 * added without a context).
 *
 * Why these six indexes.  A pattern binds a subset of S, P, O and, with a
 * context, C: 16 cases.  Each case must be one contiguous key range, so the
 * bound positions must form a prefix of some index order:
 *
 *   no context: {} S SP SPO -> spoc    P PO -> posc    O OS -> ospc
 *   context:    C CS CSP CSPO -> cspo  CP CPO -> cpos  CO COS -> cosp
 *
 * Three orders are the fewest that cover the 8 subsets of {S,P,O} (each of
 * S, P, O must lead some order), and with a context bound C must lead as
 * well, which gives the same three orders behind C.  Five indexes (the
 * usual SPOC POSC OSPC CSPO plus one) would leave either GRAPH <g> { ?s <p>
 * ?o } or GRAPH <g> { ?s ?p <o> } as a scan of the whole graph with a
 * filter; six keep every one of the 16 patterns an exact range, at 6 x 32
 * bytes of key per quad.  Removing a graph is a range walk over cspo.
 *
 * Why the ctx table.  librdf's SPARQL bridge lists every named graph
 * (get_contexts) before each query.  Walking cspo from one C to the next
 * costs one B-tree seek per graph into a large index (at 10,000 graphs an
 * empty query took 0.24 s instead of 0.15 s); ctx is a small table read
 * with MDB_NEXT.  It is kept in the write transaction that changes the quads:
 * a quad added in graph C puts C (MDB_NOOVERWRITE, usually a no-op); a
 * removal deletes C when cspo has nothing left under C.  A store made
 * before the table existed gets it built from cspo, in one write
 * transaction, the first time it is opened for writing; a read-only open
 * of such a store walks cspo as before.
 *
 * The exact size is the entry count of spoc (mdb_stat, O(1)); a quad added
 * twice is refused by MDB_NOOVERWRITE on spoc before the other five are
 * touched.
 *
 * Transactions: outside librdf_model_transaction_start each write is its own
 * short LMDB write transaction (autocommit; add_statements is one).  Inside,
 * every write, read and new stream uses the one write transaction, so the
 * builder sees its own uncommitted quads; streams still open when it ends
 * move to a fresh read transaction at the same key.  Every other stream
 * owns a read transaction (MDB_NOTLS, so one thread may hold many), closed
 * when the stream is freed: readers never block writers and see one
 * snapshot.  SPARQL datasets (lmdb_dataset.c) may read in other threads
 * at the same time: only the thread holding the write transaction reads
 * through it; what the threads share is under the instance's mutex (see
 * struct lm_store and README.md, "Readers in several threads").
 *
 * Ownership: the storage instance (struct lm_store) owns the environment,
 * the term cache and the read-transaction pool.  Streams and iterators hold
 * a reference on the librdf_storage, so the instance outlives them; they
 * own their cursor, their read transaction and the nodes they return, which
 * are SHARED with the caller until the next call to next (librdf's rule).
 *
 * Methods left NULL on purpose: find_sources, find_arcs, find_targets,
 * get_arcs_in, get_arcs_out, has_arc_in, has_arc_out (librdf builds them
 * from find_statements, which here is an index range), supports_query and
 * query_execute (diplograph's SPARQL engine reads the indexes directly
 * through graph/store/lmdb_dataset.c, beside librdf).  clone, set_feature and
 * transaction_start_with_handle are implemented and report an error. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <librdf.h>
#include <lmdb.h>

#include "graph/store/lmdb_internal.h"
#include "graph/store/lmdb_storage.h"

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"
#define LM_ID_LEN 8
#define LM_KEY_LEN (4 * LM_ID_LEN)
#define LM_MAX_DBS 16
#define LM_MAX_READERS 1022
#define LM_POOL_MAX 8
#define LM_CACHE_SLOTS (1u << 16) /* power of two */
/* codes of this module, outside LMDB's range and errno's */
#define LM_ERR_WRITEMAP (-30000) /* writemap='yes' on a store made without */
#define LM_ERR_NOTOURS (-30001)  /* an LMDB environment without our format */
#define LM_ERR_VERSION (-30002)  /* another format version: st->detail */

enum { POS_S, POS_P, POS_O, POS_C };

enum { IDX_SPOC, IDX_POSC, IDX_OSPC, IDX_CSPO, IDX_CPOS, IDX_COSP, IDX_COUNT };

/* idx_order[i][j]: the statement position stored in key slot j of index i */
static const int idx_order[IDX_COUNT][4] = {
    {POS_S, POS_P, POS_O, POS_C}, {POS_P, POS_O, POS_S, POS_C},
    {POS_O, POS_S, POS_P, POS_C}, {POS_C, POS_S, POS_P, POS_O},
    {POS_C, POS_P, POS_O, POS_S}, {POS_C, POS_O, POS_S, POS_P},
};

enum {
    DB_META,
    DB_I2T,
    DB_T2I,
    DB_T2H,
    DB_IDX0,
    DB_CTX = DB_IDX0 + IDX_COUNT,
    DB_STATS,
    DB_COUNT
};

static const char *const db_names[DB_COUNT] = {
    "meta", "i2t",  "t2i",  "t2h",  "spoc", "posc",
    "ospc", "cspo", "cpos", "cosp", "ctx",  "stats",
};

/* One slot of the direct-mapped term -> id cache. */
struct lm_slot {
    uint64_t hash;
    uint64_t id; /* 0: empty slot */
    size_t len;
    size_t cap;
    unsigned char *bytes; /* owned */
};

struct lm_scan;

struct lm_store {
    librdf_world *world; /* borrowed */
    char *path;          /* owned: the store directory */
    dev_t dev;           /* identity of the directory, for the registry */
    ino_t ino;
    int registered;
    int read_only;
    int no_lock;      /* read-only open without the lock file (MDB_NOLOCK) */
    int writemap;     /* MDB_WRITEMAP: a property of the store, see open_dbs */
    char detail[160]; /* what open_dbs found wrong, for the message */
    MDB_env *env;     /* owned */
    MDB_dbi dbi[DB_COUNT];
    int has_ctx;   /* dbi[DB_CTX] is open (always when writable) */
    int has_stats; /* dbi[DB_STATS] is open (always when writable) */
    unsigned long wtxn_serial; /* bumped when wtxn starts or ends */
    size_t maxkey;
    MDB_txn *wtxn;     /* owned: the explicit transaction, or NULL */
    int wtxn_failed;   /* an LMDB error hit wtxn: only rollback remains */
    uint64_t next_id;  /* valid while a write transaction is open */
    int terms_created; /* the open write transaction allocated ids */
    struct lm_scan *attached; /* scans reading through wtxn (borrowed) */
    /* What reader threads share with the writer (lmdb_internal.h: a
     * dataset may be opened in any thread while one thread writes),
     * guarded by mu: the pool, the count of live read transactions, and
     * which thread writes.  Everything else here is either fixed after
     * open or the writer's alone: only the thread for which
     * writer_is_self() is true touches wtxn, ptxn and the term cache. */
    pthread_mutex_t mu;
    int mu_ready;
    MDB_txn *pool[LM_POOL_MAX]; /* owned: reset read transactions */
    int npool;
    int live_readers;  /* read transactions begun and not yet reset */
    int wtop;          /* top-level write transactions open (0 or 1) */
    pthread_t wthread; /* the thread that began it, while wtop > 0 */
    /* group commit (group-commit='MS'): each librdf transaction is a
     * nested LMDB transaction of ptxn, which is committed (and synced)
     * once MS milliseconds have passed since it began */
    MDB_txn *ptxn;         /* owned: the pending parent, or NULL */
    double ptxn_start;     /* when it began, monotonic seconds */
    int ptxn_terms;        /* ids were allocated in it */
    unsigned group_ms;     /* 0: every commit is an LMDB commit */
    int unsynced;          /* committed since the last mdb_env_sync */
    unsigned long commits; /* librdf transactions committed since open */
    struct lm_slot *cache; /* owned: LM_CACHE_SLOTS slots, or NULL */
    unsigned char *buf;    /* owned: scratch for one term encoding */
    size_t bufcap;
};

/* A cursor walk over one database (a quad index, or ctx), shared by
 * streams and the context iterator. */
struct lm_scan {
    struct lm_store *st;     /* borrowed: the owner holds a reference */
    librdf_storage *storage; /* reference held, dropped by the owner */
    MDB_txn *txn;            /* own read txn, or st->wtxn when attached */
    MDB_cursor *cur;         /* owned */
    int attached;
    struct lm_scan *next; /* next in st->attached */
    int db;               /* DB_IDX0 + idx, or DB_CTX */
    int idx;              /* the quad index, when db is one */
    size_t klen;          /* key length: LM_KEY_LEN, or LM_ID_LEN in ctx */
    unsigned char prefix[LM_KEY_LEN];
    size_t plen;
    unsigned char key[LM_KEY_LEN]; /* current key, when !at_end */
    int at_end;
    int ahead;    /* after a move: 1 cursor is on the next key, 2 no next */
    int whole;    /* walking the whole table from its first key */
    size_t nkeys; /* keys met since, checked against the entry count */
    /* decodes the current item while the transaction still exists */
    void (*materialise)(struct lm_scan *scan);
};

struct lm_stream {
    struct lm_scan scan;         /* first member */
    librdf_statement *statement; /* owned, shared with the caller */
    int decoded;
    uint64_t ids[4];       /* ids of nodes[] */
    librdf_node *nodes[4]; /* owned: last node decoded per position */
};

struct lm_ctxiter {
    struct lm_scan scan; /* first member */
    int table;           /* 1: walks ctx; 0: seeks through cspo */
    uint64_t cid;
    librdf_node *node; /* owned, shared with the caller */
    int decoded;
};

/* ---- small helpers ---------------------------------------------------- */

static void
key_ids(const unsigned char *key, int idx, uint64_t ids[4])
{
    for (int j = 0; j < 4; j++)
        ids[idx_order[idx][j]] = dg_lmdb_get_id(key + LM_ID_LEN * j);
}

static void
quad_key(unsigned char *key, int idx, const uint64_t ids[4])
{
    for (int j = 0; j < 4; j++)
        dg_lmdb_put_id(key + LM_ID_LEN * j, ids[idx_order[idx][j]]);
}

__attribute__((format(printf, 3, 4))) static void
lm_log(librdf_world *world, librdf_log_level level, const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    librdf_log_simple(world, 0, level, LIBRDF_FROM_STORAGE, NULL, msg);
}

/* 1 when the file system holding path has (almost) no space left.  LMDB
 * reports a short pwrite, which is how a full disk shows when a commit
 * writes several pages at once, as EIO: this tells the two apart. */
static int
disk_full(const char *path)
{
    struct statvfs vs;

    return statvfs(path, &vs) == 0 &&
           (unsigned long long)vs.f_bavail * vs.f_frsize < (1u << 20);
}

/* Logs "lmdb: WHAT: reason" for the LMDB or errno code rc and returns -1.
 * Damage reads "store 'DIR' is damaged: ...", so that no caller mistakes
 * it for an empty answer. */
static int
lm_fail(struct lm_store *st, const char *what, int rc)
{
    if (dg_lmdb_is_damage(rc)) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: %s: store '%s' is damaged: %s (see 'diplograph check')",
               what, st->path, mdb_strerror(rc));
    } else if (rc == ENOSPC || (rc == EIO && disk_full(st->path))) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: %s: store '%s': no space left on device", what, st->path);
    } else if (rc == EACCES && st->read_only) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: %s: store '%s' is open read-only (write='no')", what,
               st->path);
    } else if (rc == MDB_MAP_FULL) {
        MDB_envinfo info;
        size_t size = 0;
        if (mdb_env_info(st->env, &info) == 0)
            size = info.me_mapsize;
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: %s: store '%s' is full (map-size %zu bytes): reopen "
               "it with a larger map-size option",
               what, st->path, size);
    } else {
        lm_log(st->world, LIBRDF_LOG_ERROR, "lmdb: %s: %s", what,
               mdb_strerror(rc));
    }
    return -1;
}

static struct lm_store *
store_of(librdf_storage *storage)
{
    return (struct lm_store *)librdf_storage_get_instance(storage);
}

static int
buf_reserve(struct lm_store *st, size_t need)
{
    unsigned char *p;
    size_t cap;

    if (need <= st->bufcap)
        return 0;
    cap = st->bufcap ? st->bufcap : 256;
    while (cap < need)
        cap *= 2;
    p = realloc(st->buf, cap);
    if (!p)
        return ENOMEM;
    st->buf = p;
    st->bufcap = cap;
    return 0;
}

/* ---- process-wide registry of open stores ----------------------------- */

/* LMDB forbids opening one environment twice in a process (closing either
 * copy drops the other's locks), so a second open is refused. */
struct lm_open {
    dev_t dev;
    ino_t ino;
    struct lm_store *st;  /* borrowed: the instance, once it is open */
    struct lm_open *next; /* owned */
};

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lm_open *registry; /* owned */

static int
registry_add(dev_t dev, ino_t ino, struct lm_store *st)
{
    struct lm_open *o;
    int rc = 0;

    pthread_mutex_lock(&registry_lock);
    for (o = registry; o; o = o->next)
        if (o->dev == dev && o->ino == ino) {
            rc = EBUSY;
            goto out;
        }
    o = malloc(sizeof *o);
    if (!o) {
        rc = ENOMEM;
        goto out;
    }
    o->dev = dev;
    o->ino = ino;
    o->st = st;
    o->next = registry;
    registry = o;
out:
    pthread_mutex_unlock(&registry_lock);
    return rc;
}

static void
registry_remove(dev_t dev, ino_t ino)
{
    struct lm_open **pp;

    pthread_mutex_lock(&registry_lock);
    for (pp = &registry; *pp; pp = &(*pp)->next)
        if ((*pp)->dev == dev && (*pp)->ino == ino) {
            struct lm_open *o = *pp;
            *pp = o->next;
            free(o);
            break;
        }
    pthread_mutex_unlock(&registry_lock);
}

/* ---- term encoding ---------------------------------------------------- */

/* Encodes node (borrowed) into st->buf.  Returns 0, EINVAL or ENOMEM. */
static int
term_encode(struct lm_store *st, librdf_node *node, size_t *len_out)
{
    const unsigned char *a = NULL, *b = NULL, *c = NULL;
    size_t al = 0, bl = 0, cl = 0, need;
    unsigned char tag, *p;
    librdf_uri *dt;

    if (!node)
        return EINVAL;
    switch (librdf_node_get_type(node)) {
    case LIBRDF_NODE_TYPE_RESOURCE:
        tag = 'U';
        a = librdf_uri_as_counted_string(librdf_node_get_uri(node), &al);
        if (!a)
            return EINVAL;
        break;
    case LIBRDF_NODE_TYPE_BLANK:
        tag = 'B';
        a = librdf_node_get_counted_blank_identifier(node, &al);
        if (!a)
            return EINVAL;
        break;
    case LIBRDF_NODE_TYPE_LITERAL:
        tag = 'L';
        a = (const unsigned char *)librdf_node_get_literal_value_language(node);
        al = a ? strlen((const char *)a) : 0;
        dt = librdf_node_get_literal_value_datatype_uri(node);
        if (dt)
            b = librdf_uri_as_counted_string(dt, &bl);
        /* RDF 1.1: "x"^^xsd:string is the simple literal "x"; one term,
         * one id */
        if (b && bl == sizeof XSD_STRING - 1 && !memcmp(b, XSD_STRING, bl))
            b = NULL, bl = 0;
        c = librdf_node_get_literal_value_as_counted_string(node, &cl);
        if (!c)
            cl = 0;
        break;
    default: return EINVAL;
    }
    need = 1 + al + (tag == 'L' ? 2 + bl + cl : 0);
    if (buf_reserve(st, need))
        return ENOMEM;
    p = st->buf;
    *p++ = tag;
    if (al)
        memcpy(p, a, al);
    p += al;
    if (tag == 'L') {
        *p++ = '\0';
        if (bl)
            memcpy(p, b, bl);
        p += bl;
        *p++ = '\0';
        if (cl)
            memcpy(p, c, cl);
    }
    *len_out = need;
    return 0;
}

/* Returns a new node (caller frees with librdf_free_node) decoded from
 * p[0..n) (borrowed), or NULL. */
static librdf_node *
term_decode(librdf_world *world, const unsigned char *p, size_t n)
{
    const unsigned char *lang, *dt, *val, *end = p + n, *z;
    size_t langlen, dtlen;
    librdf_uri *dturi = NULL;
    librdf_node *node;

    if (n < 1)
        return NULL;
    switch (p[0]) {
    case 'U':
        return librdf_new_node_from_counted_uri_string(world, p + 1, n - 1);
    case 'B':
        return librdf_new_node_from_counted_blank_identifier(world, p + 1,
                                                             n - 1);
    case 'L':
        lang = p + 1;
        z = memchr(lang, '\0', (size_t)(end - lang));
        if (!z)
            return NULL;
        langlen = (size_t)(z - lang);
        dt = z + 1;
        z = memchr(dt, '\0', (size_t)(end - dt));
        if (!z)
            return NULL;
        dtlen = (size_t)(z - dt);
        val = z + 1;
        if (dtlen) {
            dturi = librdf_new_uri2(world, dt, dtlen);
            if (!dturi)
                return NULL;
        }
        node = librdf_new_node_from_typed_counted_literal(
            world, val, (size_t)(end - val),
            langlen ? (const char *)lang : NULL, langlen, dturi);
        if (dturi)
            librdf_free_uri(dturi);
        return node;
    default: return NULL;
    }
}

/* ---- term cache (term -> id) ------------------------------------------ */

static int
cache_get(struct lm_store *st, uint64_t hash, const unsigned char *enc,
          size_t len, uint64_t *id)
{
    struct lm_slot *s;

    if (!st->cache)
        return 0;
    s = &st->cache[hash & (LM_CACHE_SLOTS - 1)];
    if (s->id && s->hash == hash && s->len == len &&
        memcmp(s->bytes, enc, len) == 0) {
        *id = s->id;
        return 1;
    }
    return 0;
}

/* Best effort: a failed allocation only leaves the slot empty. */
static void
cache_put(struct lm_store *st, uint64_t hash, const unsigned char *enc,
          size_t len, uint64_t id)
{
    struct lm_slot *s;

    if (len > 4096)
        return;
    if (!st->cache) {
        st->cache = calloc(LM_CACHE_SLOTS, sizeof *st->cache);
        if (!st->cache)
            return;
    }
    s = &st->cache[hash & (LM_CACHE_SLOTS - 1)];
    if (s->cap < len) {
        unsigned char *p = realloc(s->bytes, len);
        if (!p) {
            s->id = 0;
            return;
        }
        s->bytes = p;
        s->cap = len;
    }
    memcpy(s->bytes, enc, len);
    s->len = len;
    s->hash = hash;
    s->id = id;
}

/* Forgets every id: needed when a transaction that allocated ids ends
 * without committing (the ids will be handed out again). */
static void
cache_clear(struct lm_store *st)
{
    if (!st->cache)
        return;
    for (size_t i = 0; i < LM_CACHE_SLOTS; i++)
        st->cache[i].id = 0;
}

static void
cache_free(struct lm_store *st)
{
    if (!st->cache)
        return;
    for (size_t i = 0; i < LM_CACHE_SLOTS; i++)
        free(st->cache[i].bytes);
    free(st->cache);
    st->cache = NULL;
}

/* ---- read transactions ------------------------------------------------ */

static void
pool_drain(struct lm_store *st)
{
    while (st->npool > 0)
        mdb_txn_abort(st->pool[--st->npool]);
}

static int group_flush(struct lm_store *st);

/* 1 when the calling thread has this process's write transaction open
 * (an explicit one, an autocommit one, or group commit's pending
 * parent).  LMDB ties a write transaction to its thread: any other
 * thread must read committed snapshots and leave wtxn and ptxn alone. */
static int
writer_is_self(struct lm_store *st)
{
    int mine;

    pthread_mutex_lock(&st->mu);
    mine = st->wtop > 0 && pthread_equal(st->wthread, pthread_self());
    pthread_mutex_unlock(&st->mu);
    return mine;
}

/* A top-level write transaction ended (committed or aborted). */
static void
top_ended(struct lm_store *st)
{
    pthread_mutex_lock(&st->mu);
    st->wtop--;
    pthread_mutex_unlock(&st->mu);
}

/* Begins a read transaction (caller ends it with reader_put).  Safe in
 * any thread. */
static int
reader_get(struct lm_store *st, MDB_txn **out)
{
    MDB_txn *txn = NULL;
    int rc;

    /* a reader sees what was committed: grouped commits too, when they
     * are this thread's (another thread sees the last LMDB commit; the
     * writer's next commit or sync flushes them) */
    if (writer_is_self(st) && st->ptxn && !st->wtxn) {
        rc = group_flush(st);
        if (rc)
            return rc;
    }
    /* under mu: the map size must not change while a transaction
     * begins (maybe_grow, top_begin) */
    pthread_mutex_lock(&st->mu);
    while (st->npool > 0) {
        txn = st->pool[--st->npool];
        if (mdb_txn_renew(txn) == 0)
            goto out;
        mdb_txn_abort(txn);
    }
    rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn);
    if (rc == MDB_MAP_RESIZED && st->live_readers == 0 && st->wtop == 0) {
        /* another process grew the map: adopt its size */
        rc = mdb_env_set_mapsize(st->env, 0);
        if (rc == 0)
            rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn);
    }
    if (rc) {
        pthread_mutex_unlock(&st->mu);
        return rc;
    }
out:
    st->live_readers++;
    pthread_mutex_unlock(&st->mu);
    *out = txn;
    return 0;
}

static void
reader_put(struct lm_store *st, MDB_txn *txn)
{
    pthread_mutex_lock(&st->mu);
    st->live_readers--;
    if (st->npool < LM_POOL_MAX) {
        mdb_txn_reset(txn);
        st->pool[st->npool++] = txn;
    } else {
        mdb_txn_abort(txn);
    }
    pthread_mutex_unlock(&st->mu);
}

/* A transaction to read from: the explicit write transaction if one is
 * open (so the writer sees its own work), else a read transaction. */
static int
read_begin(struct lm_store *st, MDB_txn **txn, int *own)
{
    if (st->wtxn) {
        *txn = st->wtxn;
        *own = 0;
        return 0;
    }
    *own = 1;
    return reader_get(st, txn);
}

static void
read_end(struct lm_store *st, MDB_txn *txn, int own)
{
    if (own)
        reader_put(st, txn);
}

/* ---- write transactions ----------------------------------------------- */

/* Doubles the map when it is three-quarters used and no transaction of
 * this process is open (LMDB's condition for mdb_env_set_mapsize).
 * Called with mu held.  While other threads read, it waits for a moment
 * without readers: the map is large (64G by default) for that reason. */
static void
maybe_grow(struct lm_store *st)
{
    MDB_envinfo info;
    MDB_stat ms;
    size_t used;

    if (st->live_readers > 0 || st->wtop > 0)
        return;
    if (mdb_env_info(st->env, &info) || mdb_env_stat(st->env, &ms))
        return;
    used = (info.me_last_pgno + 1) * (size_t)ms.ms_psize;
    if (used < info.me_mapsize / 4 * 3 || info.me_mapsize > SIZE_MAX / 2)
        return;
    pool_drain(st);
    mdb_env_set_mapsize(st->env, info.me_mapsize * 2);
}

static int
load_next_id(struct lm_store *st, MDB_txn *txn)
{
    MDB_cursor *cur;
    MDB_val k, v;
    int rc;

    rc = mdb_cursor_open(txn, st->dbi[DB_I2T], &cur);
    if (rc)
        return rc;
    rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
    if (rc == MDB_NOTFOUND) {
        st->next_id = 1;
        rc = 0;
    } else if (rc == 0) {
        if (k.mv_size == LM_ID_LEN)
            st->next_id = dg_lmdb_get_id(k.mv_data) + 1;
        else
            rc = MDB_CORRUPTED;
    }
    mdb_cursor_close(cur);
    return rc;
}

static double
now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* After a commit: LMDB writes only the pages in use, so when a
 * transaction freed the highest page it named (a large delete does), the
 * file ends before that page and the next open's check_data_size would
 * call the store truncated.  The file is extended to every page the meta
 * page names (the missing pages are free: zeros are fine).  Best effort:
 * the data is safe either way. */
static void
pad_file(struct lm_store *st)
{
    MDB_envinfo info;
    MDB_stat ms;
    struct stat sb;
    int fd = -1;

    if (st->writemap || mdb_env_get_fd(st->env, &fd) || fd < 0 ||
        mdb_env_info(st->env, &info) || mdb_env_stat(st->env, &ms) ||
        fstat(fd, &sb))
        return;
    off_t need = ((off_t)info.me_last_pgno + 1) * (off_t)ms.ms_psize;
    if (sb.st_size < need && ftruncate(fd, need) != 0)
        return; /* the next commit tries again */
}

/* Commits group commit's pending parent transaction, if any: the point
 * where the grouped librdf transactions reach the disk. */
static int
group_flush(struct lm_store *st)
{
    int rc;

    if (!st->ptxn)
        return 0;
    rc = mdb_txn_commit(st->ptxn);
    if (!rc)
        pad_file(st);
    st->ptxn = NULL;
    top_ended(st);
    st->unsynced = 1; /* even a failed commit may have written pages */
    if (rc && st->ptxn_terms)
        cache_clear(st); /* its ids will be handed out again */
    st->ptxn_terms = 0;
    return rc;
}

/* Begins a top-level write transaction (growing the map first when it
 * may). */
static int
top_begin(struct lm_store *st, MDB_txn **txn)
{
    int rc;

    pthread_mutex_lock(&st->mu);
    maybe_grow(st);
    /* counted before it begins: from here no reader resizes the map */
    st->wtop++;
    st->wthread = pthread_self();
    pthread_mutex_unlock(&st->mu);
    rc = mdb_txn_begin(st->env, NULL, 0, txn);
    if (rc == MDB_MAP_RESIZED) {
        pthread_mutex_lock(&st->mu);
        if (st->live_readers == 0) {
            pool_drain(st);
            rc = mdb_env_set_mapsize(st->env, 0);
        }
        pthread_mutex_unlock(&st->mu);
        if (rc == 0)
            rc = mdb_txn_begin(st->env, NULL, 0, txn);
    }
    if (rc)
        top_ended(st);
    return rc;
}

/* Begins a write transaction: with group (an explicit librdf
 * transaction and group commit on), nested in the pending parent, begun
 * here when there is none; else a top-level one, after committing the
 * pending parent. */
static int
wtxn_begin(struct lm_store *st, MDB_txn **out, int group)
{
    MDB_txn *txn = NULL;
    int rc;

    if (st->read_only)
        return EACCES;
    /* the first transaction after open commits on its own: what it does
     * (a new store's ontology) is on disk before grouping starts */
    group = group && st->group_ms && st->commits > 0;
    if (st->ptxn &&
        (!group || (now_seconds() - st->ptxn_start) * 1000 >= st->group_ms)) {
        rc = group_flush(st);
        if (rc)
            return rc;
    }
    if (group && !st->ptxn) {
        rc = top_begin(st, &st->ptxn);
        if (rc) {
            st->ptxn = NULL;
            return rc;
        }
        st->ptxn_start = now_seconds();
    }
    rc =
        group ? mdb_txn_begin(st->env, st->ptxn, 0, &txn) : top_begin(st, &txn);
    if (rc)
        return rc;
    rc = load_next_id(st, txn);
    if (rc) {
        mdb_txn_abort(txn);
        if (!group)
            top_ended(st);
        return rc;
    }
    st->terms_created = 0;
    *out = txn;
    return 0;
}

static int
wtxn_commit(struct lm_store *st, MDB_txn *txn)
{
    int nested = st->ptxn != NULL;
    int rc = mdb_txn_commit(txn);

    if (!nested) {
        top_ended(st);
        st->unsynced = 1;
    }
    if (!rc && !nested)
        pad_file(st);
    if (rc && st->terms_created)
        cache_clear(st);
    if (!rc && nested && st->terms_created)
        st->ptxn_terms = 1;
    st->terms_created = 0;
    if (!rc && nested &&
        (now_seconds() - st->ptxn_start) * 1000 >= st->group_ms)
        rc = group_flush(st);
    return rc;
}

static void
wtxn_abort(struct lm_store *st, MDB_txn *txn)
{
    int nested = st->ptxn != NULL;

    mdb_txn_abort(txn);
    if (!nested)
        top_ended(st);
    if (st->terms_created)
        cache_clear(st);
    st->terms_created = 0;
}

/* The transaction for one write: the explicit one, or a new autocommit
 * one (*own set).  Finish with op_end. */
static int
op_begin(struct lm_store *st, MDB_txn **txn, int *own)
{
    if (st->read_only)
        return EACCES;
    if (st->wtxn) {
        if (st->wtxn_failed)
            return MDB_BAD_TXN;
        *txn = st->wtxn;
        *own = 0;
        return 0;
    }
    *own = 1;
    return wtxn_begin(st, txn, 0);
}

/* Commits an autocommit transaction when rc is 0, else aborts it.  In an
 * explicit transaction an LMDB error (anything but EINVAL, a refused
 * statement) leaves only rollback possible. */
static int
op_end(struct lm_store *st, MDB_txn *txn, int own, int rc)
{
    if (!own) {
        if (rc && rc != EINVAL)
            st->wtxn_failed = 1;
        return rc;
    }
    if (rc == 0)
        return wtxn_commit(st, txn);
    wtxn_abort(st, txn);
    return rc;
}

/* ---- term ids --------------------------------------------------------- */

static int
term_db_find(struct lm_store *st, MDB_txn *txn, const unsigned char *enc,
             size_t len, uint64_t hash, uint64_t *id)
{
    unsigned char hk[LM_ID_LEN];
    MDB_cursor *cur;
    MDB_val k, v, ik, iv;
    int rc;

    if (len <= st->maxkey) {
        /* a seek, not mdb_get: a term that a damaged page hides must not
         * read as absent (a build would give it a second id) */
        rc = mdb_cursor_open(txn, st->dbi[DB_T2I], &cur);
        if (rc)
            return rc;
        k.mv_data = (void *)enc;
        k.mv_size = len;
        rc = dg_lmdb_seek(cur, &k, &v);
        mdb_cursor_close(cur);
        if (rc == 0 && (k.mv_size != len || memcmp(k.mv_data, enc, len)))
            rc = MDB_NOTFOUND;
        if (rc)
            return rc;
        if (v.mv_size != LM_ID_LEN)
            return MDB_CORRUPTED;
        *id = dg_lmdb_get_id(v.mv_data);
        return 0;
    }
    dg_lmdb_put_id(hk, hash);
    rc = mdb_cursor_open(txn, st->dbi[DB_T2H], &cur);
    if (rc)
        return rc;
    k.mv_data = hk;
    k.mv_size = sizeof hk;
    rc = mdb_cursor_get(cur, &k, &v, MDB_SET_KEY);
    while (rc == 0) {
        if (v.mv_size != LM_ID_LEN) {
            rc = MDB_CORRUPTED;
            break;
        }
        ik = v;
        rc = mdb_get(txn, st->dbi[DB_I2T], &ik, &iv);
        if (rc)
            break;
        if (iv.mv_size == len && memcmp(iv.mv_data, enc, len) == 0) {
            *id = dg_lmdb_get_id(v.mv_data);
            break;
        }
        rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP);
    }
    mdb_cursor_close(cur);
    return rc;
}

/* Finds the id of node (borrowed) in txn; with create (txn is then a write
 * transaction) allocates one when absent.  Returns 0, MDB_NOTFOUND (absent
 * and !create), EINVAL (not a term) or an LMDB error. */
static int
term_id(struct lm_store *st, MDB_txn *txn, librdf_node *node, int create,
        uint64_t *id)
{
    unsigned char ib[LM_ID_LEN], hk[LM_ID_LEN];
    MDB_val k, v;
    uint64_t hash, nid;
    size_t len;
    int rc;

    rc = term_encode(st, node, &len);
    if (rc)
        return rc;
    hash = dg_lmdb_hash(st->buf, len);
    if (cache_get(st, hash, st->buf, len, id))
        return 0;
    rc = term_db_find(st, txn, st->buf, len, hash, id);
    if (rc == 0)
        cache_put(st, hash, st->buf, len, *id);
    if (rc != MDB_NOTFOUND || !create)
        return rc;

    nid = st->next_id++;
    dg_lmdb_put_id(ib, nid);
    k.mv_data = ib;
    k.mv_size = sizeof ib;
    v.mv_data = st->buf;
    v.mv_size = len;
    rc = mdb_put(txn, st->dbi[DB_I2T], &k, &v, MDB_APPEND);
    if (rc)
        return rc;
    st->terms_created = 1;
    v.mv_data = ib;
    v.mv_size = sizeof ib;
    if (len <= st->maxkey) {
        k.mv_data = st->buf;
        k.mv_size = len;
        rc = mdb_put(txn, st->dbi[DB_T2I], &k, &v, MDB_NOOVERWRITE);
    } else {
        dg_lmdb_put_id(hk, hash);
        k.mv_data = hk;
        k.mv_size = sizeof hk;
        rc = mdb_put(txn, st->dbi[DB_T2H], &k, &v, 0);
    }
    if (rc)
        return rc;
    cache_put(st, hash, st->buf, len, nid);
    *id = nid;
    return 0;
}

/* Returns a new node for id (caller frees), or NULL with *rc set. */
static librdf_node *
id_node(struct lm_store *st, MDB_txn *txn, uint64_t id, int *rc)
{
    unsigned char ib[LM_ID_LEN];
    MDB_val k, v;
    librdf_node *node;

    dg_lmdb_put_id(ib, id);
    k.mv_data = ib;
    k.mv_size = sizeof ib;
    *rc = mdb_get(txn, st->dbi[DB_I2T], &k, &v);
    if (*rc == MDB_NOTFOUND)
        *rc = MDB_CORRUPTED; /* an index names an id the dictionary lacks */
    if (*rc)
        return NULL;
    node = term_decode(st->world, v.mv_data, v.mv_size);
    if (!node)
        *rc = MDB_CORRUPTED;
    return node;
}

/* ---- the table of graphs ---------------------------------------------- */

/* Sets *cid to the first graph id >= from that has a quad in cspo (cur is
 * a cursor on cspo).  Returns 0, MDB_NOTFOUND (none) or an LMDB error. */
static int
cspo_graph_from(MDB_cursor *cur, uint64_t from, uint64_t *cid)
{
    unsigned char kb[LM_ID_LEN];
    MDB_val k = {LM_ID_LEN, kb}, v;
    int rc;

    dg_lmdb_put_id(kb, from);
    rc = dg_lmdb_seek(cur, &k, &v);
    if (rc)
        return rc;
    if (k.mv_size != LM_KEY_LEN)
        return MDB_CORRUPTED;
    *cid = dg_lmdb_get_id(k.mv_data);
    return 0;
}

/* Records that named graph cid (not 0) holds a quad. */
static int
ctx_put(struct lm_store *st, MDB_txn *txn, uint64_t cid)
{
    unsigned char kb[LM_ID_LEN];
    MDB_val k = {LM_ID_LEN, kb}, v = {0, kb};
    int rc;

    dg_lmdb_put_id(kb, cid);
    rc = mdb_put(txn, st->dbi[DB_CTX], &k, &v, MDB_NOOVERWRITE);
    return rc == MDB_KEYEXIST ? 0 : rc;
}

/* Forgets named graph cid (not 0); absent already is fine. */
static int
ctx_del(struct lm_store *st, MDB_txn *txn, uint64_t cid)
{
    unsigned char kb[LM_ID_LEN];
    MDB_val k = {LM_ID_LEN, kb};
    int rc;

    dg_lmdb_put_id(kb, cid);
    rc = mdb_del(txn, st->dbi[DB_CTX], &k, NULL);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

/* After a quad of named graph cid was deleted: forgets the graph when
 * cspo holds nothing more under cid. */
static int
ctx_del_if_empty(struct lm_store *st, MDB_txn *txn, uint64_t cid)
{
    MDB_cursor *cur;
    uint64_t first = 0;
    int rc;

    rc = mdb_cursor_open(txn, st->dbi[DB_IDX0 + IDX_CSPO], &cur);
    if (rc)
        return rc;
    rc = cspo_graph_from(cur, cid, &first);
    mdb_cursor_close(cur);
    if (rc == 0 && first == cid)
        return 0;
    if (rc && rc != MDB_NOTFOUND)
        return rc;
    return ctx_del(st, txn, cid);
}

/* Fills the empty ctx table from cspo (one seek per graph), for a store
 * made before the table existed. */
static int
ctx_build(struct lm_store *st, MDB_txn *txn)
{
    unsigned char kb[LM_ID_LEN];
    MDB_val k = {LM_ID_LEN, kb}, v = {0, kb};
    MDB_cursor *cur;
    uint64_t cid = 0;
    int rc;

    rc = mdb_cursor_open(txn, st->dbi[DB_IDX0 + IDX_CSPO], &cur);
    if (rc)
        return rc;
    while ((rc = cspo_graph_from(cur, cid + 1, &cid)) == 0) {
        dg_lmdb_put_id(kb, cid);
        k.mv_size = LM_ID_LEN;
        k.mv_data = kb;
        rc = mdb_put(txn, st->dbi[DB_CTX], &k, &v, MDB_APPEND);
        if (rc || cid == UINT64_MAX)
            break;
    }
    mdb_cursor_close(cur);
    return rc == MDB_NOTFOUND ? 0 : rc;
}

/* ---- statistics ------------------------------------------------------- */

/* The stats table: key 'p' + predicate id (8 bytes big-endian), value the
 * number of quads with that predicate (8 bytes big-endian); a predicate
 * with no quad has no key.  The total is spoc's entry count. */
static void
stats_pred_key(unsigned char *kb, uint64_t p)
{
    kb[0] = 'p';
    dg_lmdb_put_id(kb + 1, p);
}

/* Adds delta (+1 or -1) to the count of predicate p. */
static int
stats_add(struct lm_store *st, MDB_txn *txn, uint64_t p, int delta)
{
    unsigned char kb[1 + LM_ID_LEN], vb[LM_ID_LEN];
    MDB_val k = {sizeof kb, kb}, v;
    uint64_t n = 0;
    int rc;

    if (!st->has_stats)
        return 0;
    stats_pred_key(kb, p);
    rc = mdb_get(txn, st->dbi[DB_STATS], &k, &v);
    if (rc == 0) {
        if (v.mv_size != LM_ID_LEN)
            return MDB_CORRUPTED;
        n = dg_lmdb_get_id(v.mv_data);
    } else if (rc != MDB_NOTFOUND) {
        return rc;
    }
    if (delta < 0 && n == 0)
        return MDB_CORRUPTED;
    n = delta < 0 ? n - 1 : n + 1;
    if (n == 0)
        return mdb_del(txn, st->dbi[DB_STATS], &k, NULL);
    dg_lmdb_put_id(vb, n);
    v.mv_data = vb;
    v.mv_size = sizeof vb;
    return mdb_put(txn, st->dbi[DB_STATS], &k, &v, 0);
}

/* Fills the empty stats table from posc (one pass over the index), for a
 * store made before the table existed. */
static int
stats_build(struct lm_store *st, MDB_txn *txn)
{
    unsigned char kb[1 + LM_ID_LEN], vb[LM_ID_LEN];
    MDB_val k, v, sk, sv;
    MDB_cursor *cur;
    uint64_t p = 0, n = 0;
    int rc;

    rc = mdb_cursor_open(txn, st->dbi[DB_IDX0 + IDX_POSC], &cur);
    if (rc)
        return rc;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        uint64_t kp = 0;
        if (rc == 0 && k.mv_size != LM_KEY_LEN)
            rc = MDB_CORRUPTED;
        if (rc && rc != MDB_NOTFOUND)
            break;
        if (rc == 0)
            kp = dg_lmdb_get_id(k.mv_data);
        if (n && (rc == MDB_NOTFOUND || kp != p)) {
            stats_pred_key(kb, p);
            dg_lmdb_put_id(vb, n);
            sk.mv_data = kb;
            sk.mv_size = sizeof kb;
            sv.mv_data = vb;
            sv.mv_size = sizeof vb;
            int prc = mdb_put(txn, st->dbi[DB_STATS], &sk, &sv, MDB_APPEND);
            if (prc) {
                rc = prc;
                break;
            }
            n = 0;
        }
        if (rc == MDB_NOTFOUND) {
            rc = 0;
            break;
        }
        p = kp;
        n++;
    }
    mdb_cursor_close(cur);
    return rc;
}

/* ---- quads ------------------------------------------------------------ */

/* Adds the quad to the six indexes (and its graph to ctx); *added is 0
 * when it was present. */
static int
quad_put(struct lm_store *st, MDB_txn *txn, const uint64_t ids[4], int *added)
{
    unsigned char key[LM_KEY_LEN];
    MDB_val k = {LM_KEY_LEN, key}, v = {0, key};
    int rc;

    *added = 0;
    quad_key(key, IDX_SPOC, ids);
    rc = mdb_put(txn, st->dbi[DB_IDX0 + IDX_SPOC], &k, &v, MDB_NOOVERWRITE);
    if (rc == MDB_KEYEXIST)
        return 0;
    if (rc)
        return rc;
    for (int i = IDX_SPOC + 1; i < IDX_COUNT; i++) {
        quad_key(key, i, ids);
        k.mv_data = key;
        k.mv_size = LM_KEY_LEN;
        v.mv_data = key;
        v.mv_size = 0;
        rc = mdb_put(txn, st->dbi[DB_IDX0 + i], &k, &v, 0);
        if (rc)
            return rc;
    }
    if (ids[POS_C]) {
        rc = ctx_put(st, txn, ids[POS_C]);
        if (rc)
            return rc;
    }
    rc = stats_add(st, txn, ids[POS_P], 1);
    if (rc)
        return rc;
    *added = 1;
    return 0;
}

/* Deletes the quad from the six indexes; *removed is 0 when absent.  The
 * caller keeps ctx (ctx_del_if_empty, or ctx_del for a whole graph). */
static int
quad_del(struct lm_store *st, MDB_txn *txn, const uint64_t ids[4], int *removed)
{
    unsigned char key[LM_KEY_LEN];
    MDB_val k;
    int rc;

    *removed = 0;
    for (int i = 0; i < IDX_COUNT; i++) {
        quad_key(key, i, ids);
        k.mv_data = key;
        k.mv_size = LM_KEY_LEN;
        rc = mdb_del(txn, st->dbi[DB_IDX0 + i], &k, NULL);
        if (rc == MDB_NOTFOUND && i == IDX_SPOC)
            return 0;
        if (rc == MDB_NOTFOUND)
            return MDB_CORRUPTED; /* the indexes disagree */
        if (rc)
            return rc;
    }
    rc = stats_add(st, txn, ids[POS_P], -1);
    if (rc)
        return rc;
    *removed = 1;
    return 0;
}

/* Deletes every quad whose key in index idx starts with prefix (plen > 0
 * bytes).  With idx IDX_CSPO the caller keeps ctx; otherwise each graph
 * left empty is removed from ctx. */
static int
remove_prefix(struct lm_store *st, MDB_txn *txn, int idx,
              const unsigned char *prefix, size_t plen)
{
    MDB_cursor *cur;
    MDB_val k, v;
    uint64_t ids[4];
    int rc, removed;

    rc = mdb_cursor_open(txn, st->dbi[DB_IDX0 + idx], &cur);
    if (rc)
        return rc;
    for (;;) {
        k.mv_data = (void *)prefix;
        k.mv_size = plen;
        rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
        if (rc == MDB_NOTFOUND) {
            rc = 0;
            break;
        }
        if (rc)
            break;
        if (k.mv_size != LM_KEY_LEN || memcmp(k.mv_data, prefix, plen))
            break;
        key_ids(k.mv_data, idx, ids);
        rc = quad_del(st, txn, ids, &removed);
        if (rc)
            break;
        if (!removed) {
            rc = MDB_CORRUPTED;
            break;
        }
        if (idx != IDX_CSPO && ids[POS_C]) {
            rc = ctx_del_if_empty(st, txn, ids[POS_C]);
            if (rc)
                break;
        }
    }
    mdb_cursor_close(cur);
    return rc;
}

static int
statement_ok(librdf_statement *statement)
{
    librdf_node *s, *p, *o;

    if (!statement)
        return 0;
    s = librdf_statement_get_subject(statement);
    p = librdf_statement_get_predicate(statement);
    o = librdf_statement_get_object(statement);
    return s && p && o &&
           (librdf_node_is_resource(s) || librdf_node_is_blank(s)) &&
           librdf_node_is_resource(p);
}

/* Adds statement (borrowed) in context (borrowed, NULL: default graph). */
static int
add_one(struct lm_store *st, MDB_txn *txn, librdf_node *context,
        librdf_statement *statement)
{
    uint64_t ids[4] = {0, 0, 0, 0};
    int rc, added;

    if (!statement_ok(statement))
        return EINVAL;
    rc = term_id(st, txn, librdf_statement_get_subject(statement), 1,
                 &ids[POS_S]);
    if (!rc)
        rc = term_id(st, txn, librdf_statement_get_predicate(statement), 1,
                     &ids[POS_P]);
    if (!rc)
        rc = term_id(st, txn, librdf_statement_get_object(statement), 1,
                     &ids[POS_O]);
    if (!rc && context)
        rc = term_id(st, txn, context, 1, &ids[POS_C]);
    if (rc)
        return rc;
    return quad_put(st, txn, ids, &added);
}

/* ---- scans ------------------------------------------------------------ */

/* Starts a walk over database db (a quad index or DB_CTX): takes a
 * reference on storage and a transaction and cursor.  The owner calls
 * scan_end, then drops the reference. */
static int
scan_begin(struct lm_store *st, librdf_storage *storage, struct lm_scan *s,
           int db)
{
    int rc;

    s->st = st;
    s->storage = storage;
    librdf_storage_add_reference(storage);
    s->db = db;
    s->idx = db - DB_IDX0;
    s->klen = db == DB_CTX ? LM_ID_LEN : LM_KEY_LEN;
    if (st->wtxn) {
        if (st->wtxn_failed)
            return MDB_BAD_TXN;
        s->txn = st->wtxn;
        s->attached = 1;
        s->next = st->attached;
        st->attached = s;
    } else {
        rc = reader_get(st, &s->txn);
        if (rc)
            return rc;
    }
    return mdb_cursor_open(s->txn, st->dbi[db], &s->cur);
}

/* Takes the key the cursor moved to (after MDB_NEXT when next is set).
 * Every key of these tables has klen bytes and an empty value, and each
 * key follows the one before: anything else is damage, never an end. */
static int
scan_check(struct lm_scan *s, int rc, const MDB_val *k, const MDB_val *v,
           int next)
{
    if (rc == MDB_NOTFOUND) {
        MDB_stat ms;
        s->at_end = 1;
        /* a damaged page can end a walk early: a whole walk must meet
         * as many keys as the table's header counts */
        if (s->whole && !s->plen && !s->attached && s->txn &&
            mdb_stat(s->txn, s->st->dbi[s->db], &ms) == 0 &&
            ms.ms_entries != s->nkeys)
            return MDB_CORRUPTED;
        return 0;
    }
    if (!rc && (k->mv_size != s->klen || v->mv_size != 0 ||
                (next && memcmp(k->mv_data, s->key, s->klen) <= 0)))
        rc = MDB_CORRUPTED;
    if (rc) {
        s->at_end = 1;
        return rc;
    }
    if (s->plen && memcmp(k->mv_data, s->prefix, s->plen)) {
        s->at_end = 1;
        return 0;
    }
    memcpy(s->key, k->mv_data, s->klen);
    s->nkeys++;
    return 0;
}

/* Positions on the first key >= key[0..klen). */
static int
scan_seek(struct lm_scan *s, const unsigned char *key, size_t klen)
{
    MDB_val k, v;
    int rc;

    s->ahead = 0;
    s->whole = klen == 0;
    s->nkeys = 0;
    if (klen == 0) {
        rc = mdb_cursor_get(s->cur, &k, &v, MDB_FIRST);
    } else {
        k.mv_data = (void *)key;
        k.mv_size = klen;
        rc = dg_lmdb_seek(s->cur, &k, &v);
    }
    return scan_check(s, rc, &k, &v, 0);
}

static int
scan_next(struct lm_scan *s)
{
    MDB_val k, v;
    int rc, next;

    if (s->at_end)
        return 0;
    if (s->ahead == 2) {
        s->at_end = 1;
        return 0;
    }
    next = s->ahead != 1;
    rc = mdb_cursor_get(s->cur, &k, &v, next ? MDB_NEXT : MDB_GET_CURRENT);
    s->ahead = 0;
    return scan_check(s, rc, &k, &v, next);
}

static void
scan_end(struct lm_scan *s)
{
    struct lm_store *st = s->st;
    struct lm_scan **pp;

    if (!st)
        return;
    if (s->cur)
        mdb_cursor_close(s->cur);
    s->cur = NULL;
    if (s->attached) {
        for (pp = &st->attached; *pp; pp = &(*pp)->next)
            if (*pp == s) {
                *pp = s->next;
                break;
            }
    } else if (s->txn) {
        reader_put(st, s->txn);
    }
    s->txn = NULL;
}

/* Before the write transaction ends: decode each attached scan's current
 * item (it may vanish on rollback) and close its cursor. */
static void
scans_detach(struct lm_store *st)
{
    for (struct lm_scan *s = st->attached; s; s = s->next) {
        if (!s->at_end && s->materialise)
            s->materialise(s);
        if (s->cur)
            mdb_cursor_close(s->cur);
        s->cur = NULL;
        s->txn = NULL;
    }
}

/* After it ended: give each scan a read transaction positioned at its key
 * (or at the key after it, when that one is gone). */
static void
scans_reattach(struct lm_store *st)
{
    struct lm_scan *s = st->attached, *next;
    MDB_val k, v;
    int rc;

    st->attached = NULL;
    for (; s; s = next) {
        next = s->next;
        s->next = NULL;
        s->attached = 0;
        s->whole = 0; /* another snapshot from here on */
        rc = reader_get(st, &s->txn);
        if (rc) {
            s->txn = NULL;
            s->at_end = 1;
            lm_fail(st, "cannot continue a stream after the transaction", rc);
            continue;
        }
        rc = mdb_cursor_open(s->txn, st->dbi[s->db], &s->cur);
        if (rc) {
            s->cur = NULL;
            s->at_end = 1;
            lm_fail(st, "cannot continue a stream after the transaction", rc);
            continue;
        }
        if (s->at_end)
            continue;
        k.mv_data = s->key;
        k.mv_size = s->klen;
        rc = mdb_cursor_get(s->cur, &k, &v, MDB_SET_RANGE);
        if (rc == 0 && k.mv_size == s->klen &&
            memcmp(k.mv_data, s->key, s->klen) == 0)
            s->ahead = 0;
        else if (rc == 0 && k.mv_size == s->klen &&
                 (!s->plen || !memcmp(k.mv_data, s->prefix, s->plen)))
            s->ahead = 1;
        else
            s->ahead = 2;
    }
}

/* ---- statement streams ------------------------------------------------ */

static int
stream_decode(struct lm_stream *ls)
{
    struct lm_store *st = ls->scan.st;
    uint64_t ids[4];
    librdf_node *s, *p, *o;
    int rc = 0;

    key_ids(ls->scan.key, ls->scan.idx, ids);
    for (int pos = 0; pos < 4; pos++) {
        if (ids[pos] == ls->ids[pos] && (ls->nodes[pos] || !ids[pos]))
            continue;
        if (ls->nodes[pos])
            librdf_free_node(ls->nodes[pos]);
        ls->nodes[pos] = NULL;
        ls->ids[pos] = 0;
        if (!ids[pos]) {
            if (pos != POS_C)
                return MDB_CORRUPTED;
            continue;
        }
        ls->nodes[pos] = id_node(st, ls->scan.txn, ids[pos], &rc);
        if (!ls->nodes[pos])
            return rc;
        ls->ids[pos] = ids[pos];
        /* a literal subject or graph, or a predicate that is not an IRI,
         * cannot have been stored: the id points at the wrong term */
        if (pos != POS_O &&
            (librdf_node_is_literal(ls->nodes[pos]) ||
             (pos == POS_P && !librdf_node_is_resource(ls->nodes[pos]))))
            return MDB_CORRUPTED;
    }
    s = librdf_new_node_from_node(ls->nodes[POS_S]);
    p = librdf_new_node_from_node(ls->nodes[POS_P]);
    o = librdf_new_node_from_node(ls->nodes[POS_O]);
    librdf_statement_clear(ls->statement);
    librdf_statement_set_subject(ls->statement, s);
    librdf_statement_set_predicate(ls->statement, p);
    librdf_statement_set_object(ls->statement, o);
    if (!s || !p || !o)
        return ENOMEM;
    ls->decoded = 1;
    return 0;
}

static int
stream_ensure(struct lm_stream *ls)
{
    int rc;

    if (ls->scan.at_end || ls->decoded)
        return 0;
    rc = stream_decode(ls);
    if (rc) {
        ls->scan.at_end = 1;
        lm_fail(ls->scan.st, "cannot read a statement", rc);
    }
    return rc;
}

static void
stream_materialise(struct lm_scan *scan)
{
    stream_ensure((struct lm_stream *)scan);
}

static int
stream_is_end(void *context)
{
    struct lm_stream *ls = context;
    return ls->scan.at_end;
}

static int
stream_next(void *context)
{
    struct lm_stream *ls = context;
    int rc;

    ls->decoded = 0;
    rc = scan_next(&ls->scan);
    if (rc)
        lm_fail(ls->scan.st, "cannot read the next statement", rc);
    return ls->scan.at_end;
}

/* Returns the current statement or its context node: SHARED, owned by the
 * stream, valid until the next call to next. */
static void *
stream_get(void *context, int flags)
{
    struct lm_stream *ls = context;

    if (ls->scan.at_end || stream_ensure(ls))
        return NULL;
    switch (flags) {
    case LIBRDF_STREAM_GET_METHOD_GET_OBJECT: return ls->statement;
    case LIBRDF_STREAM_GET_METHOD_GET_CONTEXT: return ls->nodes[POS_C];
    default:
        lm_log(ls->scan.st->world, LIBRDF_LOG_ERROR,
               "lmdb: unknown stream get flag %d", flags);
        return NULL;
    }
}

static void
stream_finished(void *context)
{
    struct lm_stream *ls = context;
    librdf_storage *storage = ls->scan.storage;

    scan_end(&ls->scan);
    for (int pos = 0; pos < 4; pos++)
        if (ls->nodes[pos])
            librdf_free_node(ls->nodes[pos]);
    if (ls->statement)
        librdf_free_statement(ls->statement);
    free(ls);
    if (storage)
        librdf_storage_remove_reference(storage);
}

enum { CTX_ANY, CTX_BOUND };

/* Returns a new stream (caller frees with librdf_free_stream) over the
 * quads matching pattern (borrowed, NULL: all) in any graph (CTX_ANY) or in
 * graph context (borrowed; NULL: the default graph), or NULL. */
static librdf_stream *
find_quads(librdf_storage *storage, librdf_statement *pattern, int ctx_mode,
           librdf_node *context)
{
    struct lm_store *st = store_of(storage);
    librdf_node *nodes[4] = {NULL, NULL, NULL, NULL};
    uint64_t ids[4] = {0, 0, 0, 0};
    int bound[4] = {0, 0, 0, 0};
    struct lm_stream *ls;
    librdf_stream *stream;
    int mask = 0, idx, rc, empty = 0;
    size_t plen = 0;

    if (pattern) {
        nodes[POS_S] = librdf_statement_get_subject(pattern);
        nodes[POS_P] = librdf_statement_get_predicate(pattern);
        nodes[POS_O] = librdf_statement_get_object(pattern);
    }
    for (int pos = 0; pos < 3; pos++)
        if (nodes[pos]) {
            bound[pos] = 1;
            mask |= 1 << pos;
        }
    /* masks: 1 S, 2 P, 3 SP, 4 O, 5 SO, 6 PO, 7 SPO */
    if (mask == 2 || mask == 6)
        idx = IDX_POSC;
    else if (mask == 4 || mask == 5)
        idx = IDX_OSPC;
    else
        idx = IDX_SPOC;
    if (ctx_mode == CTX_BOUND) {
        idx += IDX_CSPO; /* the same order behind C */
        bound[POS_C] = 1;
        nodes[POS_C] = context;
    }

    ls = calloc(1, sizeof *ls);
    if (!ls) {
        lm_fail(st, "cannot find statements", ENOMEM);
        return NULL;
    }
    ls->scan.materialise = stream_materialise;
    ls->statement = librdf_new_statement(st->world);
    if (!ls->statement) {
        rc = ENOMEM;
        goto fail;
    }
    rc = scan_begin(st, storage, &ls->scan, DB_IDX0 + idx);
    if (rc)
        goto fail;
    for (int pos = 0; pos < 4 && !empty; pos++) {
        if (!bound[pos] || !nodes[pos])
            continue; /* a NULL bound context is the default graph, id 0 */
        rc = term_id(st, ls->scan.txn, nodes[pos], 0, &ids[pos]);
        if (rc == MDB_NOTFOUND)
            empty = 1; /* an unknown term matches nothing */
        else if (rc)
            goto fail;
    }
    if (empty) {
        ls->scan.at_end = 1;
    } else {
        for (int j = 0; j < 4 && bound[idx_order[idx][j]]; j++) {
            dg_lmdb_put_id(ls->scan.prefix + plen, ids[idx_order[idx][j]]);
            plen += LM_ID_LEN;
        }
        ls->scan.plen = plen;
        rc = scan_seek(&ls->scan, ls->scan.prefix, plen);
        if (rc)
            goto fail;
        if (ls->scan.at_end && mask == 0 && ids[POS_C] && st->has_ctx) {
            /* a listed graph holds a quad: none found means damage */
            unsigned char kb[LM_ID_LEN];
            MDB_val k = {LM_ID_LEN, kb}, v;
            dg_lmdb_put_id(kb, ids[POS_C]);
            rc = mdb_get(ls->scan.txn, st->dbi[DB_CTX], &k, &v);
            if (rc == 0)
                rc = MDB_CORRUPTED;
            if (rc != MDB_NOTFOUND)
                goto fail;
            rc = 0;
        }
    }
    stream = librdf_new_stream(st->world, ls, stream_is_end, stream_next,
                               stream_get, stream_finished);
    if (!stream) {
        stream_finished(ls);
        lm_fail(st, "cannot find statements", ENOMEM);
    }
    return stream;

fail:
    lm_fail(st, "cannot find statements", rc);
    stream_finished(ls);
    return NULL;
}

/* ---- context iterator ------------------------------------------------- */

/* Positions on the first graph >= cid: a key of ctx, or the first cspo
 * key of that graph. */
static int
ctxiter_seek_from(struct lm_ctxiter *it, uint64_t cid)
{
    unsigned char k[LM_ID_LEN];
    int rc;

    it->decoded = 0;
    dg_lmdb_put_id(k, cid);
    /* the table from its start is a whole walk (its keys are ids >= 1) */
    rc = it->table && cid == 1 ? scan_seek(&it->scan, NULL, 0)
                               : scan_seek(&it->scan, k, sizeof k);
    if (!rc && !it->scan.at_end)
        it->cid = dg_lmdb_get_id(it->scan.key);
    return rc;
}

static int
ctxiter_ensure(struct lm_ctxiter *it)
{
    size_t len;
    int rc = 0;

    if (it->scan.at_end || it->decoded)
        return 0;
    if (it->node)
        librdf_free_node(it->node);
    it->node = id_node(it->scan.st, it->scan.txn, it->cid, &rc);
    if (!it->node) {
        it->scan.at_end = 1;
        lm_fail(it->scan.st, "cannot read a context", rc);
        return rc;
    }
    /* the caller's next step is usually a stream over this graph: give
     * the term cache its id, which saves the t2i lookup (and a damaged
     * t2i cannot then hide a graph that ctx lists) */
    if (term_encode(it->scan.st, it->node, &len) == 0)
        cache_put(it->scan.st, dg_lmdb_hash(it->scan.st->buf, len),
                  it->scan.st->buf, len, it->cid);
    it->decoded = 1;
    return 0;
}

static void
ctxiter_materialise(struct lm_scan *scan)
{
    ctxiter_ensure((struct lm_ctxiter *)scan);
}

static int
ctxiter_is_end(void *context)
{
    struct lm_ctxiter *it = context;
    return it->scan.at_end;
}

static int
ctxiter_next(void *context)
{
    struct lm_ctxiter *it = context;
    int rc;

    if (it->scan.at_end)
        return 1;
    if (it->table) {
        it->decoded = 0;
        rc = scan_next(&it->scan);
        if (!rc && !it->scan.at_end)
            it->cid = dg_lmdb_get_id(it->scan.key);
    } else if (it->cid == UINT64_MAX) {
        it->scan.at_end = 1;
        rc = 0;
    } else {
        rc = ctxiter_seek_from(it, it->cid + 1); /* the next graph */
    }
    if (rc)
        lm_fail(it->scan.st, "cannot read the next context", rc);
    return it->scan.at_end;
}

/* Returns the current context node: SHARED, valid until next. */
static void *
ctxiter_get(void *context, int flags)
{
    struct lm_ctxiter *it = context;

    if (it->scan.at_end)
        return NULL;
    switch (flags) {
    case LIBRDF_ITERATOR_GET_METHOD_GET_OBJECT:
        return ctxiter_ensure(it) ? NULL : it->node;
    case LIBRDF_ITERATOR_GET_METHOD_GET_CONTEXT:
        return NULL; /* contexts have no context */
    default:
        lm_log(it->scan.st->world, LIBRDF_LOG_ERROR,
               "lmdb: unknown iterator get flag %d", flags);
        return NULL;
    }
}

static void
ctxiter_finished(void *context)
{
    struct lm_ctxiter *it = context;
    librdf_storage *storage = it->scan.storage;

    scan_end(&it->scan);
    if (it->node)
        librdf_free_node(it->node);
    free(it);
    if (storage)
        librdf_storage_remove_reference(storage);
}

/* ---- factory methods -------------------------------------------------- */

static int
parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    unsigned shift = 0;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    switch (*end) {
    case 'k':
    case 'K':
        shift = 10;
        end++;
        break;
    case 'm':
    case 'M':
        shift = 20;
        end++;
        break;
    case 'g':
    case 'G':
        shift = 30;
        end++;
        break;
    case 't':
    case 'T':
        shift = 40;
        end++;
        break;
    default: break;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || v == 0 || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)v << shift;
    return 0;
}

/* "yes"/"true"/"1" -> 1, "no"/"false"/"0" -> 0, absent -> dflt. */
static int
option_bool(librdf_hash *options, const char *key, int dflt)
{
    int v;

    if (!options)
        return dflt;
    v = librdf_hash_get_as_boolean(options, key);
    return v < 0 ? dflt : v > 0;
}

/* Whether the store was last written by a writer using MDB_WRITEMAP (the
 * meta record "writemap").  LMDB asks not to mix processes with and
 * without it on one environment: a store written with it refuses a writer
 * with writemap='yes' only once a writer without it has taken it over. */
static int
store_writemap(struct lm_store *st, MDB_txn *txn)
{
    MDB_val k = {8, "writemap"}, v;

    return mdb_get(txn, st->dbi[DB_META], &k, &v) == 0 && v.mv_size == 1 &&
           *(const char *)v.mv_data == '1';
}

/* Checks the format record of the environment in txn.  Returns 0 (ours,
 * this version; st->dbi[DB_META] is open), MDB_NOTFOUND (an empty
 * environment: a new store), LM_ERR_NOTOURS, LM_ERR_VERSION (the value
 * found is in st->detail) or an LMDB error. */
static int
check_format(struct lm_store *st, MDB_txn *txn)
{
    MDB_val k = {6, "format"}, v;
    MDB_dbi main_db;
    MDB_stat ms;
    size_t n;
    int rc;

    rc = mdb_dbi_open(txn, db_names[DB_META], 0, &st->dbi[DB_META]);
    if (rc == MDB_NOTFOUND) {
        rc = mdb_dbi_open(txn, NULL, 0, &main_db);
        if (!rc)
            rc = mdb_stat(txn, main_db, &ms);
        if (rc)
            return rc;
        return ms.ms_entries == 0 ? MDB_NOTFOUND : LM_ERR_NOTOURS;
    }
    if (rc == MDB_INCOMPATIBLE) /* a plain key named "meta" */
        return LM_ERR_NOTOURS;
    if (rc)
        return rc;
    rc = mdb_get(txn, st->dbi[DB_META], &k, &v);
    if (rc == MDB_NOTFOUND)
        return LM_ERR_NOTOURS;
    if (rc)
        return rc;
    if (v.mv_size == strlen(DG_LMDB_FORMAT) &&
        memcmp(v.mv_data, DG_LMDB_FORMAT, v.mv_size) == 0)
        return 0;
    n = v.mv_size < 60 ? v.mv_size : 60;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = ((const unsigned char *)v.mv_data)[i];
        st->detail[i] = c >= 0x20 && c < 0x7f && c != '\'' ? (char)c : '?';
    }
    st->detail[n] = '\0';
    return LM_ERR_VERSION;
}

/* The writer's way in: creates the tables that are missing (all of them
 * for a new store; ctx and stats for a store made before them, built from
 * the indexes), empties them with make_new, writes the format record and
 * this writer's writemap mode, in one write transaction. */
static int
create_dbs(struct lm_store *st, int make_new)
{
    MDB_txn *txn = NULL;
    MDB_val k, v;
    int rc, ctx_missing, stats_missing;

    rc = mdb_txn_begin(st->env, NULL, 0, &txn);
    if (rc)
        return rc;
    ctx_missing = mdb_dbi_open(txn, db_names[DB_CTX], 0, &st->dbi[DB_CTX]) ==
                  MDB_NOTFOUND;
    stats_missing = mdb_dbi_open(txn, db_names[DB_STATS], 0,
                                 &st->dbi[DB_STATS]) == MDB_NOTFOUND;
    for (int i = 0; i < DB_COUNT && !rc; i++) {
        rc = mdb_dbi_open(txn, db_names[i],
                          MDB_CREATE |
                              (i == DB_T2H ? MDB_DUPSORT | MDB_DUPFIXED : 0),
                          &st->dbi[i]);
        if (!rc && make_new)
            rc = mdb_drop(txn, st->dbi[i], 0);
    }
    if (!rc) {
        k.mv_data = "format";
        k.mv_size = 6;
        v.mv_data = DG_LMDB_FORMAT;
        v.mv_size = strlen(DG_LMDB_FORMAT);
        rc = mdb_put(txn, st->dbi[DB_META], &k, &v, 0);
    }
    if (!rc) {
        k.mv_data = "writemap";
        k.mv_size = 8;
        v.mv_data = st->writemap ? "1" : "0";
        v.mv_size = 1;
        rc = mdb_put(txn, st->dbi[DB_META], &k, &v, 0);
    }
    if (!rc && ctx_missing && !make_new)
        rc = ctx_build(st, txn);
    st->has_stats = 1; /* stats_build appends to the new table */
    if (!rc && stats_missing && !make_new)
        rc = stats_build(st, txn);
    if (rc) {
        st->has_stats = 0;
        mdb_txn_abort(txn);
        return rc;
    }
    rc = mdb_txn_commit(txn);
    st->unsynced = 1;
    st->has_ctx = !rc;
    st->has_stats = !rc;
    return rc;
}

/* Opens the named databases of the store, after checking that it is one
 * (the format record; an empty environment becomes a new store for a
 * writer) and that no table is missing.  A writer goes on to create_dbs
 * when something must change: new='yes', the ctx or stats table of an
 * older store, or the writemap mode; a read-only open goes on without ctx
 * and stats (st->has_ctx, st->has_stats 0). */
static int
open_dbs(struct lm_store *st, int make_new)
{
    MDB_txn *txn = NULL;
    int rc, change = 0;

    if (make_new)
        return create_dbs(st, 1);
    rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn);
    if (rc)
        return rc;
    rc = check_format(st, txn);
    if (rc == MDB_NOTFOUND) {
        mdb_txn_abort(txn);
        return st->read_only ? MDB_NOTFOUND : create_dbs(st, 1);
    }
    for (int i = DB_META + 1; i < DB_COUNT && !rc; i++) {
        rc = mdb_dbi_open(txn, db_names[i],
                          i == DB_T2H ? MDB_DUPSORT | MDB_DUPFIXED : 0,
                          &st->dbi[i]);
        if (rc == MDB_NOTFOUND && (i == DB_CTX || i == DB_STATS)) {
            change = 1; /* made before the table */
            rc = 0;
        } else if (rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE) {
            snprintf(st->detail, sizeof st->detail, "its table '%s' is gone",
                     db_names[i]);
            rc = MDB_CORRUPTED;
        } else if (rc == 0 && i == DB_CTX) {
            st->has_ctx = 1;
        } else if (rc == 0 && i == DB_STATS) {
            st->has_stats = 1;
        }
    }
    if (!rc && !st->read_only) {
        int was = store_writemap(st, txn);
        if (!was && st->writemap)
            rc = LM_ERR_WRITEMAP;
        else if (was != st->writemap)
            change = 1;
    }
    if (rc) {
        mdb_txn_abort(txn);
        return rc;
    }
    if (st->read_only || !change)
        return mdb_txn_commit(txn); /* keeps the dbi handles */
    mdb_txn_abort(txn);
    st->has_ctx = st->has_stats = 0;
    return create_dbs(st, 0);
}

/* Creates and opens st->env; on failure st->env is NULL. */
static int
env_open(struct lm_store *st, size_t map_size, unsigned flags)
{
    int rc = mdb_env_create(&st->env);
    if (rc) {
        st->env = NULL;
        return rc;
    }
    rc = mdb_env_set_maxdbs(st->env, LM_MAX_DBS);
    if (!rc)
        rc = mdb_env_set_maxreaders(st->env, LM_MAX_READERS);
    if (!rc)
        rc = mdb_env_set_mapsize(st->env, map_size);
    if (!rc)
        rc = mdb_env_open(st->env, st->path, flags, 0666);
    if (rc) {
        mdb_env_close(st->env);
        st->env = NULL;
    }
    return rc;
}

/* Frees everything init built.  Safe on a partly built instance. */
static void
store_free(struct lm_store *st)
{
    if (!st)
        return;
    if (st->wtxn) {
        lm_log(st->world, LIBRDF_LOG_WARN,
               "lmdb: store '%s' closed inside a transaction: rolled back",
               st->path);
        scans_detach(st);
        wtxn_abort(st, st->wtxn);
        st->wtxn = NULL;
        st->wtxn_serial++;
        scans_reattach(st);
    }
    if (st->ptxn) {
        int rc = group_flush(st);
        if (rc)
            lm_fail(st, "cannot commit the last transactions", rc);
    }
    pool_drain(st);
    if (st->env)
        mdb_env_close(st->env);
    if (st->mu_ready)
        pthread_mutex_destroy(&st->mu);
    if (st->registered)
        registry_remove(st->dev, st->ino);
    cache_free(st);
    free(st->buf);
    free(st->path);
    free(st);
}

/* The value of a three-way option: 0 for "no", 2 for third (e.g. "meta"),
 * 1 for "yes" or when absent; -1 for anything else. */
static int
option_tri(librdf_hash *options, const char *key, const char *third)
{
    char *v = options ? librdf_hash_get(options, key) : NULL;
    int r = 1;

    if (!v)
        return 1;
    if (!strcmp(v, third))
        r = 2;
    else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
        r = 0;
    else if (strcmp(v, "yes") && strcmp(v, "true") && strcmp(v, "1"))
        r = -1;
    librdf_free_memory(v);
    return r;
}

/* Before LMDB sees the directory: an empty data.mdb would be taken for a
 * new environment (and a build would quietly start over), so it is
 * damage.  0, or -1 with st->detail set. */
static int
check_data_file(struct lm_store *st)
{
    char file[4096];
    struct stat sb;

    snprintf(file, sizeof file, "%s/data.mdb", st->path);
    if (stat(file, &sb) || sb.st_size > 0)
        return 0;
    snprintf(st->detail, sizeof st->detail, "its data.mdb is empty");
    return -1;
}

/* After the open: every page up to the last one the current meta page
 * names must be in the file (a truncated file would fault on access).
 * 0, or -1 with st->detail set. */
static int
check_data_size(struct lm_store *st)
{
    char file[4096];
    MDB_envinfo info;
    MDB_stat ms;
    struct stat sb;
    unsigned long long need;

    snprintf(file, sizeof file, "%s/data.mdb", st->path);
    if (stat(file, &sb) || mdb_env_info(st->env, &info) ||
        mdb_env_stat(st->env, &ms))
        return 0;
    need = ((unsigned long long)info.me_last_pgno + 1) * ms.ms_psize;
    if ((unsigned long long)sb.st_size >= need)
        return 0;
    snprintf(st->detail, sizeof st->detail,
             "its data.mdb is truncated (%lld bytes, %llu expected)",
             (long long)sb.st_size, need);
    return -1;
}

/* Opens the store named by name and options (options become owned by the
 * storage and are freed here, also on failure). */
static int
lm_init(librdf_storage *storage, const char *name, librdf_hash *options)
{
    librdf_world *world = librdf_storage_get_world(storage);
    struct lm_store *st;
    char *dir = NULL, *map = NULL;
    size_t map_size =
        sizeof(size_t) >= 8 ? ((size_t)64 << 30) : ((size_t)1 << 30);
    int make_new, sync_mode, write_mode, rc, status = 1, dead;
    unsigned flags;
    struct stat sb;

    st = calloc(1, sizeof *st);
    if (!st) {
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: out of memory");
        goto out;
    }
    st->world = world;
    if (pthread_mutex_init(&st->mu, NULL)) {
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: cannot make a mutex");
        goto out;
    }
    st->mu_ready = 1;
    if (options) {
        dir = librdf_hash_get(options, "dir");
        map = librdf_hash_get(options, "map-size");
    }
    make_new = option_bool(options, "new", 0);
    write_mode = option_tri(options, "write", "auto");
    sync_mode = option_tri(options, "sync", "meta");
    if (write_mode < 0 || sync_mode < 0) {
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: bad %s option: expected yes, no or %s",
               write_mode < 0 ? "write" : "sync",
               write_mode < 0 ? "auto" : "meta");
        goto out;
    }
    st->read_only = write_mode == 0;
    st->writemap = !st->read_only && option_bool(options, "writemap", 0);
    if (options) {
        char *gc = librdf_hash_get(options, "group-commit");
        char *end = NULL;
        unsigned long ms = gc ? strtoul(gc, &end, 10) : 0;
        int bad = gc && (!*gc || *end || ms > 3600000);
        if (gc)
            librdf_free_memory(gc);
        if (bad) {
            lm_log(world, LIBRDF_LOG_ERROR,
                   "lmdb: bad group-commit option: expected milliseconds");
            goto out;
        }
        /* nested transactions, which it uses, exclude MDB_WRITEMAP */
        st->group_ms = st->writemap ? 0 : (unsigned)ms;
    }
    if (st->writemap && !map)
        map_size = (size_t)4 << 30; /* the file is extended to the map */
    if (!option_bool(options, "contexts", 1))
        lm_log(world, LIBRDF_LOG_WARN,
               "lmdb: contexts='no' ignored: contexts are always on");
    if (map && parse_size(map, &map_size)) {
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: bad map-size '%s': expected bytes with an optional "
               "K, M, G or T suffix",
               map);
        goto out;
    }
    if (!(dir && *dir) && !(name && *name)) {
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: no store directory: give a storage name or dir='...'");
        goto out;
    }
    st->path = strdup(dir && *dir ? dir : name);
    if (!st->path) {
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: out of memory");
        goto out;
    }
    if (make_new && write_mode != 1) {
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: new='yes' and write='no' contradict each other");
        goto out;
    }
    if (!st->read_only && mkdir(st->path, 0777) && errno != EEXIST) {
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: cannot create '%s': %s",
               st->path, strerror(errno));
        goto out;
    }
    if (stat(st->path, &sb)) {
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: cannot open '%s': %s", st->path,
               strerror(errno));
        goto out;
    }
    if (!S_ISDIR(sb.st_mode)) {
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': not a directory", st->path);
        goto out;
    }
    rc = registry_add(sb.st_dev, sb.st_ino, st);
    if (rc) {
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: cannot open '%s': %s", st->path,
               rc == EBUSY ? "already open in this process" : strerror(rc));
        goto out;
    }
    st->registered = 1;
    st->dev = sb.st_dev;
    st->ino = sb.st_ino;

    if (!make_new && check_data_file(st)) {
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': store '%s' is damaged: %s", st->path,
               st->path, st->detail);
        goto out;
    }
    for (;;) {
        flags = MDB_NOTLS | (st->read_only ? MDB_RDONLY : 0) |
                (st->no_lock ? MDB_NOLOCK : 0) |
                (sync_mode == 0   ? MDB_NOSYNC
                 : sync_mode == 2 ? MDB_NOMETASYNC
                                  : 0) |
                (st->writemap ? MDB_WRITEMAP : 0);
        rc = env_open(st, map_size, flags);
        if ((rc == EACCES || rc == EROFS || rc == EPERM) && !st->read_only &&
            write_mode == 2) {
            st->read_only = 1; /* write='auto': read what we may not write */
            st->writemap = 0;
        } else if ((rc == EACCES || rc == EPERM) && st->read_only &&
                   !st->no_lock) {
            /* the lock file cannot be opened for writing (a store owned
             * by someone else): read without it */
            st->no_lock = 1;
        } else if ((rc == EINVAL || rc == ENOMEM) && !map &&
                   map_size > ((size_t)1 << 30)) {
            /* the default map may not fit the address space (ulimit -v,
             * valgrind): halve it down to 1 GiB */
            map_size /= 2;
        } else {
            break;
        }
    }
    if (rc) {
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: cannot open '%s': %s", st->path,
               dg_lmdb_is_damage(rc) ? "store is damaged: not an LMDB file"
                                     : mdb_strerror(rc));
        goto out;
    }
    if (!st->no_lock)
        mdb_reader_check(st->env, &dead); /* clear slots of killed readers */
    if (check_data_size(st)) {
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': store '%s' is damaged: %s", st->path,
               st->path, st->detail);
        goto out;
    }
    st->maxkey = (size_t)mdb_env_get_maxkeysize(st->env);
    rc = open_dbs(st, make_new);
    if (rc == LM_ERR_WRITEMAP)
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': writemap='yes' on a store written "
               "without it (LMDB asks not to mix the two)",
               st->path);
    else if (rc == LM_ERR_NOTOURS)
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': not a diplograph store (an LMDB "
               "environment without the '%s' format record)",
               st->path, DG_LMDB_FORMAT);
    else if (rc == LM_ERR_VERSION)
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': the store's format is '%s', this "
               "diplograph reads '%s'",
               st->path, st->detail, DG_LMDB_FORMAT);
    else if (rc == MDB_NOTFOUND)
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': no store there (and write='no')",
               st->path);
    else if (dg_lmdb_is_damage(rc))
        lm_log(world, LIBRDF_LOG_ERROR,
               "lmdb: cannot open '%s': store '%s' is damaged: %s", st->path,
               st->path, st->detail[0] ? st->detail : mdb_strerror(rc));
    else if (rc)
        lm_log(world, LIBRDF_LOG_ERROR, "lmdb: cannot open '%s': %s", st->path,
               mdb_strerror(rc));
    if (rc)
        goto out;
    status = 0;
out:
    if (status) {
        store_free(st);
        st = NULL;
    }
    librdf_storage_set_instance(storage, st);
    if (dir)
        librdf_free_memory(dir);
    if (map)
        librdf_free_memory(map);
    if (options)
        librdf_free_hash(options);
    return status;
}

static int
lm_clone(librdf_storage *new_storage, librdf_storage *old_storage)
{
    struct lm_store *st = store_of(old_storage);

    librdf_storage_set_instance(new_storage, NULL);
    lm_log(librdf_storage_get_world(old_storage), LIBRDF_LOG_ERROR,
           "lmdb: cannot clone store '%s': open a new storage on another "
           "directory instead",
           st ? st->path : "");
    return 1;
}

static void
lm_terminate(librdf_storage *storage)
{
    store_free(store_of(storage));
    librdf_storage_set_instance(storage, NULL);
}

static int
lm_open(librdf_storage *storage, librdf_model *model)
{
    (void)model;
    return store_of(storage) ? 0 : 1;
}

static int lm_transaction_rollback(librdf_storage *storage);

static int
lm_close(librdf_storage *storage)
{
    struct lm_store *st = store_of(storage);

    if (st && st->wtxn) {
        lm_log(st->world, LIBRDF_LOG_WARN,
               "lmdb: store '%s' closed inside a transaction: rolled back",
               st->path);
        lm_transaction_rollback(storage);
    }
    return 0;
}

static int
lm_size(librdf_storage *storage)
{
    struct lm_store *st = store_of(storage);
    MDB_txn *txn;
    MDB_stat ms;
    int rc, own;

    rc = read_begin(st, &txn, &own);
    if (rc)
        return lm_fail(st, "cannot count statements", rc);
    rc = mdb_stat(txn, st->dbi[DB_IDX0 + IDX_SPOC], &ms);
    read_end(st, txn, own);
    if (rc)
        return lm_fail(st, "cannot count statements", rc);
    if (ms.ms_entries > INT_MAX) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: %zu statements do not fit librdf's int size",
               ms.ms_entries);
        return -1;
    }
    return (int)ms.ms_entries;
}

/* Adds statement in context (NULL: default graph).  Returns 0, 1 for an
 * illegal statement, -1 on error. */
static int
lm_context_add_statement(librdf_storage *storage, librdf_node *context,
                         librdf_statement *statement)
{
    struct lm_store *st = store_of(storage);
    MDB_txn *txn;
    int rc, own;

    if (!statement_ok(statement)) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: cannot add an incomplete or illegal statement");
        return 1;
    }
    rc = op_begin(st, &txn, &own);
    if (rc)
        return lm_fail(st, "cannot add statement", rc);
    rc = op_end(st, txn, own, add_one(st, txn, context, statement));
    if (rc == EINVAL) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: cannot add a statement with an unknown node type");
        return 1;
    }
    return rc ? lm_fail(st, "cannot add statement", rc) : 0;
}

static int
lm_add_statement(librdf_storage *storage, librdf_statement *statement)
{
    return lm_context_add_statement(storage, NULL, statement);
}

/* Adds every statement of stream (borrowed; consumed to its end) in
 * context, all in one transaction; illegal statements are skipped with a
 * warning, as librdf's own loop does. */
static int
lm_context_add_statements(librdf_storage *storage, librdf_node *context,
                          librdf_stream *stream)
{
    struct lm_store *st = store_of(storage);
    librdf_statement *statement;
    MDB_txn *txn;
    int rc, own, skipped = 0;

    if (!stream)
        return 1;
    rc = op_begin(st, &txn, &own);
    if (rc)
        return lm_fail(st, "cannot add statements", rc);
    for (; !librdf_stream_end(stream); librdf_stream_next(stream)) {
        statement = librdf_stream_get_object(stream);
        if (!statement) {
            rc = EIO;
            break;
        }
        rc = add_one(st, txn, context, statement);
        if (rc == EINVAL) {
            skipped++;
            rc = 0;
        }
        if (rc)
            break;
    }
    rc = op_end(st, txn, own, rc);
    if (rc)
        return lm_fail(st, "cannot add statements", rc);
    if (skipped)
        lm_log(st->world, LIBRDF_LOG_WARN,
               "lmdb: skipped %d illegal statements", skipped);
    return 0;
}

static int
lm_add_statements(librdf_storage *storage, librdf_stream *stream)
{
    return lm_context_add_statements(storage, NULL, stream);
}

/* Removes statement from context, or from every graph when context is
 * NULL.  Removing an absent statement succeeds. */
static int
lm_context_remove_statement(librdf_storage *storage, librdf_node *context,
                            librdf_statement *statement)
{
    struct lm_store *st = store_of(storage);
    unsigned char prefix[3 * LM_ID_LEN];
    uint64_t ids[4] = {0, 0, 0, 0};
    MDB_txn *txn;
    int rc, own, removed;

    if (!statement_ok(statement)) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: cannot remove an incomplete statement");
        return 1;
    }
    rc = op_begin(st, &txn, &own);
    if (rc)
        return lm_fail(st, "cannot remove statement", rc);
    rc = term_id(st, txn, librdf_statement_get_subject(statement), 0,
                 &ids[POS_S]);
    if (!rc)
        rc = term_id(st, txn, librdf_statement_get_predicate(statement), 0,
                     &ids[POS_P]);
    if (!rc)
        rc = term_id(st, txn, librdf_statement_get_object(statement), 0,
                     &ids[POS_O]);
    if (!rc && context)
        rc = term_id(st, txn, context, 0, &ids[POS_C]);
    if (!rc && context) {
        rc = quad_del(st, txn, ids, &removed);
        if (!rc && removed && ids[POS_C])
            rc = ctx_del_if_empty(st, txn, ids[POS_C]);
    } else if (!rc) {
        dg_lmdb_put_id(prefix, ids[POS_S]);
        dg_lmdb_put_id(prefix + LM_ID_LEN, ids[POS_P]);
        dg_lmdb_put_id(prefix + 2 * LM_ID_LEN, ids[POS_O]);
        rc = remove_prefix(st, txn, IDX_SPOC, prefix, sizeof prefix);
    } else if (rc == MDB_NOTFOUND) {
        rc = 0; /* an unknown term: nothing to remove */
    }
    rc = op_end(st, txn, own, rc);
    return rc ? lm_fail(st, "cannot remove statement", rc) : 0;
}

static int
lm_remove_statement(librdf_storage *storage, librdf_statement *statement)
{
    return lm_context_remove_statement(storage, NULL, statement);
}

/* Removes every statement of graph context (NULL: the default graph). */
static int
lm_context_remove_statements(librdf_storage *storage, librdf_node *context)
{
    struct lm_store *st = store_of(storage);
    unsigned char prefix[LM_ID_LEN];
    uint64_t cid = 0;
    MDB_txn *txn;
    int rc, own;

    rc = op_begin(st, &txn, &own);
    if (rc)
        return lm_fail(st, "cannot remove a context", rc);
    rc = context ? term_id(st, txn, context, 0, &cid) : 0;
    if (rc == 0) {
        dg_lmdb_put_id(prefix, cid);
        rc = remove_prefix(st, txn, IDX_CSPO, prefix, sizeof prefix);
        if (!rc && cid)
            rc = ctx_del(st, txn, cid);
    } else if (rc == MDB_NOTFOUND) {
        rc = 0;
    }
    rc = op_end(st, txn, own, rc);
    return rc ? lm_fail(st, "cannot remove a context", rc) : 0;
}

/* Non-zero when the triple is in some graph. */
static int
lm_contains_statement(librdf_storage *storage, librdf_statement *statement)
{
    struct lm_store *st = store_of(storage);
    unsigned char prefix[3 * LM_ID_LEN];
    uint64_t ids[3];
    MDB_cursor *cur;
    MDB_txn *txn;
    MDB_val k, v;
    int rc, own, found = 0;

    if (!statement_ok(statement))
        return 0;
    rc = read_begin(st, &txn, &own);
    if (rc) {
        lm_fail(st, "cannot look up a statement", rc);
        return 0;
    }
    rc = term_id(st, txn, librdf_statement_get_subject(statement), 0, &ids[0]);
    if (!rc)
        rc = term_id(st, txn, librdf_statement_get_predicate(statement), 0,
                     &ids[1]);
    if (!rc)
        rc = term_id(st, txn, librdf_statement_get_object(statement), 0,
                     &ids[2]);
    if (!rc) {
        for (int i = 0; i < 3; i++)
            dg_lmdb_put_id(prefix + LM_ID_LEN * i, ids[i]);
        rc = mdb_cursor_open(txn, st->dbi[DB_IDX0 + IDX_SPOC], &cur);
        if (!rc) {
            k.mv_data = prefix;
            k.mv_size = sizeof prefix;
            rc = dg_lmdb_seek(cur, &k, &v);
            if (!rc && k.mv_size == LM_KEY_LEN &&
                !memcmp(k.mv_data, prefix, sizeof prefix))
                found = 1;
            mdb_cursor_close(cur);
        }
    }
    read_end(st, txn, own);
    if (rc && rc != MDB_NOTFOUND)
        lm_fail(st, "cannot look up a statement", rc);
    return found;
}

static librdf_stream *
lm_serialise(librdf_storage *storage)
{
    return find_quads(storage, NULL, CTX_ANY, NULL);
}

static librdf_stream *
lm_find_statements(librdf_storage *storage, librdf_statement *statement)
{
    return find_quads(storage, statement, CTX_ANY, NULL);
}

/* context NULL: every graph, as librdf's core defines it. */
static librdf_stream *
lm_find_statements_in_context(librdf_storage *storage,
                              librdf_statement *statement, librdf_node *context)
{
    return find_quads(storage, statement, context ? CTX_BOUND : CTX_ANY,
                      context);
}

static librdf_stream *
lm_find_statements_with_options(librdf_storage *storage,
                                librdf_statement *statement,
                                librdf_node *context, librdf_hash *options)
{
    struct lm_store *st = store_of(storage);
    char *s;
    int any;

    if (options) {
        s = librdf_hash_to_string(options, NULL);
        any = s && *s;
        if (any)
            lm_log(st->world, LIBRDF_LOG_ERROR,
                   "lmdb: find options are not supported: '%s'", s);
        if (s)
            librdf_free_memory(s);
        if (any)
            return NULL;
    }
    return lm_find_statements_in_context(storage, statement, context);
}

/* context NULL: the default graph only. */
static librdf_stream *
lm_context_serialise(librdf_storage *storage, librdf_node *context)
{
    return find_quads(storage, NULL, CTX_BOUND, context);
}

/* Returns an iterator over the named graphs (the default graph is not
 * listed), read from ctx (or, on a read-only store made before ctx, by
 * seeking through cspo); nodes are SHARED, valid until next.  Each graph
 * costs one i2t lookup and one node, made when the node is first got. */
static librdf_iterator *
lm_get_contexts(librdf_storage *storage)
{
    struct lm_store *st = store_of(storage);
    struct lm_ctxiter *it;
    librdf_iterator *iterator;
    int rc;

    it = calloc(1, sizeof *it);
    if (!it) {
        lm_fail(st, "cannot list contexts", ENOMEM);
        return NULL;
    }
    it->scan.materialise = ctxiter_materialise;
    it->table = st->has_ctx;
    rc = scan_begin(st, storage, &it->scan,
                    it->table ? DB_CTX : DB_IDX0 + IDX_CSPO);
    if (!rc)
        rc = ctxiter_seek_from(it, 1);
    if (rc) {
        lm_fail(st, "cannot list contexts", rc);
        ctxiter_finished(it);
        return NULL;
    }
    iterator = librdf_new_iterator(st->world, it, ctxiter_is_end, ctxiter_next,
                                   ctxiter_get, ctxiter_finished);
    if (!iterator) {
        ctxiter_finished(it);
        lm_fail(st, "cannot list contexts", ENOMEM);
    }
    return iterator;
}

static int
lm_sync(librdf_storage *storage)
{
    struct lm_store *st = store_of(storage);
    int rc;

    if (st->read_only)
        return 0;
    rc = st->wtxn ? 0 : group_flush(st);
    /* a reading command commits nothing: no fdatasync for it */
    if (!rc && (st->unsynced || st->wtxn))
        rc = mdb_env_sync(st->env, 1);
    if (!rc && !st->wtxn)
        st->unsynced = 0;
    return rc ? lm_fail(st, "cannot sync", rc) : 0;
}

/* Returns a new node (caller frees): "1" for the contexts feature; NULL
 * for features this storage does not have. */
static librdf_node *
lm_get_feature(librdf_storage *storage, librdf_uri *feature)
{
    struct lm_store *st = store_of(storage);
    unsigned char *uri;

    if (!feature)
        return NULL;
    uri = librdf_uri_as_string(feature);
    if (uri && !strcmp((const char *)uri, LIBRDF_MODEL_FEATURE_CONTEXTS))
        return librdf_new_node_from_typed_literal(
            st->world, (const unsigned char *)"1", NULL, NULL);
    return NULL;
}

static int
lm_set_feature(librdf_storage *storage, librdf_uri *feature, librdf_node *value)
{
    struct lm_store *st = store_of(storage);

    (void)value;
    lm_log(st->world, LIBRDF_LOG_ERROR, "lmdb: feature '%s' cannot be set",
           feature ? (const char *)librdf_uri_as_string(feature) : "");
    return -1;
}

static int
lm_transaction_start(librdf_storage *storage)
{
    struct lm_store *st = store_of(storage);
    MDB_txn *txn;
    int rc;

    if (st->wtxn) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: a transaction is already active on '%s'", st->path);
        return 1;
    }
    rc = wtxn_begin(st, &txn, 1);
    if (rc) {
        lm_fail(st, "cannot start a transaction", rc);
        return 1;
    }
    st->wtxn = txn;
    st->wtxn_serial++;
    st->wtxn_failed = 0;
    return 0;
}

static int
lm_transaction_start_with_handle(librdf_storage *storage, void *handle)
{
    (void)handle;
    lm_log(store_of(storage)->world, LIBRDF_LOG_ERROR,
           "lmdb: transactions with an external handle are not supported: "
           "use librdf_model_transaction_start");
    return 1;
}

static int
lm_transaction_commit(librdf_storage *storage)
{
    struct lm_store *st = store_of(storage);
    MDB_txn *txn = st->wtxn;
    int rc;

    if (!txn) {
        lm_log(st->world, LIBRDF_LOG_ERROR, "lmdb: no transaction to commit");
        return 1;
    }
    scans_detach(st);
    if (st->wtxn_failed) {
        wtxn_abort(st, txn);
        rc = -1;
    } else {
        rc = wtxn_commit(st, txn);
    }
    st->wtxn = NULL;
    st->wtxn_serial++;
    st->wtxn_failed = 0;
    scans_reattach(st);
    if (rc == -1) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: transaction not committed: a write in it failed, so "
               "it was rolled back");
        return 1;
    }
    if (rc) {
        lm_fail(st, "cannot commit", rc);
        return 1;
    }
    st->commits++;
    return 0;
}

static int
lm_transaction_rollback(librdf_storage *storage)
{
    struct lm_store *st = store_of(storage);

    if (!st->wtxn) {
        lm_log(st->world, LIBRDF_LOG_ERROR,
               "lmdb: no transaction to roll back");
        return 1;
    }
    scans_detach(st);
    wtxn_abort(st, st->wtxn);
    st->wtxn = NULL;
    st->wtxn_serial++;
    st->wtxn_failed = 0;
    scans_reattach(st);
    return 0;
}

/* Returns the open MDB_txn (borrowed) or NULL. */
static void *
lm_transaction_get_handle(librdf_storage *storage)
{
    return store_of(storage)->wtxn;
}

static void
lm_register_factory(librdf_storage_factory *factory)
{
    factory->version = LIBRDF_STORAGE_INTERFACE_VERSION;
    factory->init = lm_init;
    factory->clone = lm_clone;
    factory->terminate = lm_terminate;
    factory->open = lm_open;
    factory->close = lm_close;
    factory->size = lm_size;
    factory->add_statement = lm_add_statement;
    factory->add_statements = lm_add_statements;
    factory->remove_statement = lm_remove_statement;
    factory->contains_statement = lm_contains_statement;
    factory->serialise = lm_serialise;
    factory->find_statements = lm_find_statements;
    factory->find_statements_with_options = lm_find_statements_with_options;
    factory->context_add_statement = lm_context_add_statement;
    factory->context_remove_statement = lm_context_remove_statement;
    factory->context_serialise = lm_context_serialise;
    factory->sync = lm_sync;
    factory->context_add_statements = lm_context_add_statements;
    factory->context_remove_statements = lm_context_remove_statements;
    factory->find_statements_in_context = lm_find_statements_in_context;
    factory->get_contexts = lm_get_contexts;
    factory->get_feature = lm_get_feature;
    factory->set_feature = lm_set_feature;
    factory->transaction_start = lm_transaction_start;
    factory->transaction_start_with_handle = lm_transaction_start_with_handle;
    factory->transaction_commit = lm_transaction_commit;
    factory->transaction_rollback = lm_transaction_rollback;
    factory->transaction_get_handle = lm_transaction_get_handle;
}

int
dg_lmdb_storage_register(librdf_world *world)
{
    const char *name;

    if (!world)
        return -1;
    /* librdf 1.0.17 accepts a second registration silently */
    for (unsigned i = 0; !librdf_storage_enumerate(world, i, &name, NULL); i++)
        if (name && !strcmp(name, "lmdb")) {
            lm_log(world, LIBRDF_LOG_ERROR,
                   "lmdb: storage 'lmdb' is already registered");
            return -1;
        }
    return librdf_storage_register_factory(
               world, "lmdb", "LMDB embedded quad store", lm_register_factory)
               ? -1
               : 0;
}

/* ---- direct access for graph/store/ (lmdb_internal.h) ------------------ */

int
dg_lmdb_env_get(librdf_storage *storage, struct dg_lmdb_env *out)
{
    void *inst = storage ? librdf_storage_get_instance(storage) : NULL;
    struct lm_store *st = NULL;

    if (!inst)
        return -1;
    /* only instances of this module are in the registry */
    pthread_mutex_lock(&registry_lock);
    for (struct lm_open *o = registry; o; o = o->next)
        if (o->st == inst) {
            st = o->st;
            break;
        }
    pthread_mutex_unlock(&registry_lock);
    if (!st || !st->env)
        return -1;
    memset(out, 0, sizeof *out);
    out->store = st;
    out->path = st->path;
    out->env = st->env;
    out->i2t = st->dbi[DB_I2T];
    out->t2i = st->dbi[DB_T2I];
    out->t2h = st->dbi[DB_T2H];
    out->ctx = st->dbi[DB_CTX];
    out->stats = st->dbi[DB_STATS];
    for (int i = 0; i < IDX_COUNT; i++)
        out->idx[i] = st->dbi[DB_IDX0 + i];
    out->has_ctx = st->has_ctx;
    out->has_stats = st->has_stats;
    out->maxkey = st->maxkey;
    return 0;
}

int
dg_lmdb_txn_get(const struct dg_lmdb_env *e, MDB_txn **txn, int *own)
{
    struct lm_store *st = e->store;

    /* only the writing thread may read through its transaction */
    if (writer_is_self(st) && st->wtxn) {
        if (st->wtxn_failed)
            return MDB_BAD_TXN;
        *txn = st->wtxn;
        *own = 0;
        return 0;
    }
    *own = 1;
    return reader_get(st, txn);
}

void
dg_lmdb_txn_put(const struct dg_lmdb_env *e, MDB_txn *txn, int own)
{
    read_end(e->store, txn, own);
}

unsigned long
dg_lmdb_txn_serial(const struct dg_lmdb_env *e)
{
    return ((const struct lm_store *)e->store)->wtxn_serial;
}

int
dg_lmdb_term_find(const struct dg_lmdb_env *e, MDB_txn *txn,
                  const unsigned char *enc, size_t len, uint64_t *id)
{
    return term_db_find(e->store, txn, enc, len, dg_lmdb_hash(enc, len), id);
}

int
dg_lmdb_pred_count(const struct dg_lmdb_env *e, MDB_txn *txn, uint64_t p,
                   uint64_t *n)
{
    struct lm_store *st = e->store;
    unsigned char kb[1 + LM_ID_LEN];
    MDB_val k = {sizeof kb, kb}, v;
    int rc;

    if (!st->has_stats)
        return MDB_NOTFOUND;
    stats_pred_key(kb, p);
    rc = mdb_get(txn, st->dbi[DB_STATS], &k, &v);
    *n = 0;
    if (rc == MDB_NOTFOUND)
        return 0;
    if (rc)
        return rc;
    if (v.mv_size != LM_ID_LEN)
        return MDB_CORRUPTED;
    *n = dg_lmdb_get_id(v.mv_data);
    return 0;
}
