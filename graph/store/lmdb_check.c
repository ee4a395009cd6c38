/* lmdb_check.c: consistency check and compacting backup of an "lmdb"
 * storage (see lmdb_check.h and graph/store/README.md). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "graph/store/lmdb_check.h"
#include "graph/store/lmdb_internal.h"

#define ID_LEN 8
#define KEY_LEN (4 * ID_LEN)

static const char *const idx_names[6] = {"spoc", "posc", "ospc",
                                         "cspo", "cpos", "cosp"};
/* idx_order[i][j]: the quad position (s p o c = 0..3) in key slot j */
static const int idx_order[6][4] = {
    {0, 1, 2, 3}, {1, 2, 0, 3}, {2, 0, 1, 3},
    {3, 0, 1, 2}, {3, 1, 2, 0}, {3, 2, 0, 1},
};

/* One kind of problem: counted, reported once at the end with the first
 * example. */
struct finding {
    uint64_t n;
    char first[160];
};

enum {
    F_READ,      /* LMDB could not read a table */
    F_I2T_KEY,   /* i2t key not 8 bytes, or ids not 1..N in order */
    F_TERM,      /* a term encoding does not decode */
    F_T2I_MISS,  /* a term not found again under its encoding */
    F_T2I_EXTRA, /* t2i/t2h entries that are not terms of i2t */
    F_IDX_KEY,   /* an index key of the wrong size, order or value */
    F_IDX_ID,    /* an index names an id that is not a term */
    F_IDX_KIND,  /* a literal subject, predicate or graph; a blank p */
    F_IDX_MISS,  /* a spoc quad missing from another index */
    F_IDX_COUNT, /* indexes with different numbers of quads */
    F_CTX,       /* ctx disagrees with cspo */
    F_STATS,     /* stats disagrees with posc */
    F_COUNT
};

static const char *const finding_what[F_COUNT] = {
    "tables that cannot be read",
    "bad keys in the dictionary (i2t)",
    "terms that do not decode",
    "terms missing from the reverse map (t2i, t2h)",
    "reverse map entries that are not terms",
    "index keys of the wrong size, order or value",
    "index entries naming an id that is not a term",
    "index entries with a term of the wrong kind",
    "quads of spoc missing from another index",
    "indexes holding different numbers of quads",
    "graphs where ctx and cspo disagree",
    "predicates where stats and posc disagree",
};

struct checker {
    const struct dg_lmdb_env *e;
    MDB_txn *txn;
    struct finding f[F_COUNT];
    unsigned char *kind; /* kind[id]: 'U' 'B' 'L' or 0, ids 1..nterms */
    uint64_t nterms;
    uint64_t graphs;            /* named graphs met in cspo */
    uint64_t counts[6];         /* quads per index */
    const char *volatile stage; /* the tables being walked */
};

__attribute__((format(printf, 3, 4))) static void
found(struct checker *c, int kind, const char *fmt, ...)
{
    va_list ap;

    if (c->f[kind].n++ > 0)
        return;
    va_start(ap, fmt);
    vsnprintf(c->f[kind].first, sizeof c->f[kind].first, fmt, ap);
    va_end(ap);
}

/* 0 when enc[0..n) is a well-formed term encoding. */
static int
enc_ok(const unsigned char *p, size_t n)
{
    const unsigned char *z;

    if (n < 1)
        return -1;
    switch (p[0]) {
    case 'U':
    case 'B': return n > 1 && !memchr(p + 1, '\0', n - 1) ? 0 : -1;
    case 'L':
        z = memchr(p + 1, '\0', n - 1);
        if (!z)
            return -1;
        return memchr(z + 1, '\0', (size_t)(p + n - (z + 1))) ? 0 : -1;
    default: return -1;
    }
}

/* Walks i2t: ids 1..N in order, encodings that decode, each found again
 * through t2i or t2h with its id.  Fills c->kind. */
static void
check_terms(struct checker *c)
{
    MDB_cursor *cur = NULL, *rev = NULL, *hcur = NULL;
    MDB_stat ms;
    MDB_val k, v, rk, rv;
    uint64_t want = 1;
    int rc;

    rc = mdb_stat(c->txn, c->e->i2t, &ms);
    if (!rc) {
        c->nterms = ms.ms_entries;
        c->kind = calloc(c->nterms + 1, 1);
        if (!c->kind)
            rc = ENOMEM;
    }
    if (!rc)
        rc = mdb_cursor_open(c->txn, c->e->i2t, &cur);
    if (!rc)
        rc = mdb_cursor_open(c->txn, c->e->t2i, &rev);
    if (!rc)
        rc = mdb_cursor_open(c->txn, c->e->t2h, &hcur);
    for (rc = rc ? rc : mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        uint64_t id;
        unsigned char ib[ID_LEN], hb[ID_LEN];
        if (k.mv_size != ID_LEN) {
            found(c, F_I2T_KEY, "a key of %zu bytes", k.mv_size);
            continue;
        }
        id = dg_lmdb_get_id(k.mv_data);
        if (id != want)
            found(c, F_I2T_KEY, "id %llu where %llu was due",
                  (unsigned long long)id, (unsigned long long)want);
        want = id + 1;
        if (enc_ok(v.mv_data, v.mv_size)) {
            found(c, F_TERM, "term %llu", (unsigned long long)id);
            continue;
        }
        if (id >= 1 && id <= c->nterms)
            c->kind[id] = *(const unsigned char *)v.mv_data;
        dg_lmdb_put_id(ib, id);
        if (v.mv_size <= c->e->maxkey) {
            rk = v;
            rc = dg_lmdb_seek(rev, &rk, &rv);
            if (rc == 0 && (rk.mv_size != v.mv_size ||
                            memcmp(rk.mv_data, v.mv_data, v.mv_size)))
                rc = MDB_NOTFOUND;
        } else {
            dg_lmdb_put_id(hb, dg_lmdb_hash(v.mv_data, v.mv_size));
            rk.mv_data = hb;
            rk.mv_size = ID_LEN;
            rv.mv_data = ib;
            rv.mv_size = ID_LEN;
            rc = mdb_cursor_get(hcur, &rk, &rv, MDB_GET_BOTH);
        }
        if (rc == MDB_NOTFOUND ||
            (rc == 0 && (rv.mv_size != ID_LEN || memcmp(rv.mv_data, ib, 8))))
            found(c, F_T2I_MISS, "term %llu", (unsigned long long)id);
        else if (rc)
            break;
    }
    if (rc != MDB_NOTFOUND)
        found(c, F_READ, "i2t, t2i or t2h: %s", mdb_strerror(rc));
    mdb_cursor_close(hcur);
    mdb_cursor_close(rev);
    mdb_cursor_close(cur);
}

/* Counts t2i and t2h entries (each must be a term found above: with as
 * many entries as terms and every term found, there is nothing else) and
 * checks their ids. */
static void
check_reverse(struct checker *c)
{
    MDB_stat a, b;
    MDB_cursor *cur = NULL;
    MDB_val k, v;
    int rc;

    rc = mdb_stat(c->txn, c->e->t2i, &a);
    if (!rc)
        rc = mdb_stat(c->txn, c->e->t2h, &b);
    if (rc) {
        found(c, F_READ, "t2i or t2h: %s", mdb_strerror(rc));
        return;
    }
    if (a.ms_entries + b.ms_entries != c->nterms)
        found(c, F_T2I_EXTRA, "%zu entries for %llu terms",
              a.ms_entries + b.ms_entries, (unsigned long long)c->nterms);
    rc = mdb_cursor_open(c->txn, c->e->t2i, &cur);
    for (rc = rc ? rc : mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        uint64_t id = v.mv_size == ID_LEN ? dg_lmdb_get_id(v.mv_data) : 0;
        if (id < 1 || id > c->nterms || !c->kind[id])
            found(c, F_T2I_EXTRA, "a t2i entry naming id %llu",
                  (unsigned long long)id);
    }
    if (rc != MDB_NOTFOUND)
        found(c, F_READ, "t2i: %s", mdb_strerror(rc));
    mdb_cursor_close(cur);
}

/* Walks index i: key sizes, order, empty values, ids that are terms of
 * the right kind; for spoc, each quad in the five others.  With cspo,
 * compares its graphs with ctx; with posc, its counts with stats. */
static uint64_t
check_index(struct checker *c, int i)
{
    MDB_cursor *cur = NULL, *side = NULL;
    MDB_val k, v, sk = {0, NULL}, sv;
    unsigned char prev[KEY_LEN], key[KEY_LEN];
    uint64_t n = 0, q[4], group = 0, gcount = 0;
    int rc, have = 0, side_db = i == 3 ? 1 : i == 1 ? 2 : 0;

    rc = mdb_cursor_open(c->txn, c->e->idx[i], &cur);
    if (!rc && side_db == 1 && c->e->has_ctx)
        rc = mdb_cursor_open(c->txn, c->e->ctx, &side);
    if (!rc && side_db == 2 && c->e->has_stats)
        rc = mdb_cursor_open(c->txn, c->e->stats, &side);
    if (!rc && side) {
        int src = mdb_cursor_get(side, &sk, &sv, MDB_FIRST);
        if (src && src != MDB_NOTFOUND)
            rc = src;
        else if (src == MDB_NOTFOUND)
            sk.mv_size = 0; /* an empty side table */
    }
    for (rc = rc ? rc : mdb_cursor_get(cur, &k, &v, MDB_FIRST);;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        uint64_t g = 0;
        int end = rc == MDB_NOTFOUND;
        if (rc && !end)
            break;
        if (!end) {
            n++;
            if (k.mv_size != KEY_LEN || v.mv_size != 0 ||
                (have && memcmp(k.mv_data, prev, KEY_LEN) <= 0)) {
                found(c, F_IDX_KEY, "in %s, quad %llu", idx_names[i],
                      (unsigned long long)n);
                if (k.mv_size != KEY_LEN)
                    continue;
            }
            memcpy(prev, k.mv_data, KEY_LEN);
            have = 1;
            for (int j = 0; j < 4; j++)
                q[idx_order[i][j]] =
                    dg_lmdb_get_id((const unsigned char *)k.mv_data + 8 * j);
            for (int pos = 0; pos < 4; pos++) {
                int kd = q[pos] <= c->nterms ? c->kind[q[pos]] : 0;
                if (pos == 3 && q[pos] == 0)
                    continue; /* the default graph */
                if (!kd) {
                    found(c, F_IDX_ID, "in %s, id %llu", idx_names[i],
                          (unsigned long long)q[pos]);
                } else if ((pos != 2 && kd == 'L') || (pos == 1 && kd != 'U')) {
                    found(c, F_IDX_KIND, "in %s, id %llu as %s", idx_names[i],
                          (unsigned long long)q[pos],
                          pos == 0   ? "subject"
                          : pos == 1 ? "predicate"
                                     : "graph");
                }
            }
            if (i == 0) {
                for (int x = 1; x < 6; x++) {
                    MDB_val xk = {KEY_LEN, key}, xv;
                    int xrc;
                    for (int j = 0; j < 4; j++)
                        dg_lmdb_put_id(key + 8 * j, q[idx_order[x][j]]);
                    xrc = mdb_get(c->txn, c->e->idx[x], &xk, &xv);
                    if (xrc == MDB_NOTFOUND)
                        found(c, F_IDX_MISS, "%llu %llu %llu %llu not in %s",
                              (unsigned long long)q[0],
                              (unsigned long long)q[1],
                              (unsigned long long)q[2],
                              (unsigned long long)q[3], idx_names[x]);
                    else if (xrc)
                        found(c, F_READ, "%s: %s", idx_names[x],
                              mdb_strerror(xrc));
                }
            }
            g = i == 3 ? q[3] : q[1];
        }
        if (side_db == 0 && end)
            break;
        if (side_db == 0)
            continue;
        /* cspo: one group per graph (not 0), against ctx; posc: one
         * group per predicate, against stats */
        if (!end && g == group && gcount) {
            gcount++;
            continue;
        }
        if (gcount && (side_db == 2 || group)) {
            if (side_db == 1 && c->e->has_ctx) {
                while (sk.mv_size == ID_LEN &&
                       dg_lmdb_get_id(sk.mv_data) < group) {
                    found(c, F_CTX, "graph %llu listed without quads",
                          (unsigned long long)dg_lmdb_get_id(sk.mv_data));
                    if (mdb_cursor_get(side, &sk, &sv, MDB_NEXT))
                        sk.mv_size = 0;
                }
                if (sk.mv_size == ID_LEN &&
                    dg_lmdb_get_id(sk.mv_data) == group) {
                    if (mdb_cursor_get(side, &sk, &sv, MDB_NEXT))
                        sk.mv_size = 0;
                } else {
                    found(c, F_CTX, "graph %llu not listed",
                          (unsigned long long)group);
                }
            } else if (side_db == 2 && c->e->has_stats) {
                while (sk.mv_size == 9 &&
                       dg_lmdb_get_id((const unsigned char *)sk.mv_data + 1) <
                           group) {
                    found(c, F_STATS, "predicate %llu counted without quads",
                          (unsigned long long)dg_lmdb_get_id(
                              (const unsigned char *)sk.mv_data + 1));
                    if (mdb_cursor_get(side, &sk, &sv, MDB_NEXT))
                        sk.mv_size = 0;
                }
                if (sk.mv_size == 9 &&
                    dg_lmdb_get_id((const unsigned char *)sk.mv_data + 1) ==
                        group) {
                    uint64_t have_n =
                        sv.mv_size == ID_LEN ? dg_lmdb_get_id(sv.mv_data) : 0;
                    if (have_n != gcount)
                        found(c, F_STATS,
                              "predicate %llu counted %llu, posc has %llu",
                              (unsigned long long)group,
                              (unsigned long long)have_n,
                              (unsigned long long)gcount);
                    if (mdb_cursor_get(side, &sk, &sv, MDB_NEXT))
                        sk.mv_size = 0;
                } else {
                    found(c, F_STATS, "predicate %llu not counted",
                          (unsigned long long)group);
                }
            }
            if (side_db == 1)
                c->graphs++;
        }
        if (end)
            break;
        group = g;
        gcount = 1;
    }
    if (rc && rc != MDB_NOTFOUND)
        found(c, F_READ, "%s: %s", idx_names[i], mdb_strerror(rc));
    if (side && sk.mv_size) /* side entries after the last group */
        found(c, side_db == 1 ? F_CTX : F_STATS, "%s has entries past %s",
              side_db == 1 ? "ctx" : "stats", idx_names[i]);
    mdb_cursor_close(side);
    mdb_cursor_close(cur);
    return n;
}

/* LMDB trusts the page numbers and offsets it reads: a damaged page can
 * make it read outside the map (SIGSEGV, SIGBUS past the end of the
 * file) or fail one of its assertions (then abort).  While check walks,
 * such a fault ends the walk with a finding instead of the process.  The
 * walk only reads the map; after a fault its transaction is abandoned,
 * not used again.  One check at a time per process. */
static sigjmp_buf fault_jmp;
static volatile sig_atomic_t fault_sig;
static char fault_assert[160];

static void
on_fault(int sig)
{
    fault_sig = sig;
    siglongjmp(fault_jmp, 1);
}

static void
on_assert(MDB_env *env, const char *msg)
{
    (void)env;
    snprintf(fault_assert, sizeof fault_assert, "%s", msg ? msg : "");
    siglongjmp(fault_jmp, 1);
}

/* The walk, stage by stage (c->stage names the one running). */
static void
walk(struct checker *c)
{
    c->stage = "i2t, t2i, t2h";
    check_terms(c);
    c->stage = "t2i, t2h";
    check_reverse(c);
    for (int i = 0; i < 6; i++) {
        c->stage = idx_names[i];
        c->counts[i] = check_index(c, i);
    }
    c->stage = NULL;
    for (int i = 1; i < 6; i++)
        if (c->counts[i] != c->counts[0])
            found(c, F_IDX_COUNT, "spoc %llu, %s %llu",
                  (unsigned long long)c->counts[0], idx_names[i],
                  (unsigned long long)c->counts[i]);
}

int
dg_lmdb_check(librdf_storage *storage, dg_lmdb_problem_fn problem, void *ctx,
              struct dg_lmdb_check_counts *out, struct dg_error *err)
{
    struct sigaction sa, old_segv, old_bus;
    struct dg_lmdb_env e;
    struct checker *c;
    int own, rc, faulted;

    memset(out, 0, sizeof *out);
    if (dg_lmdb_env_get(storage, &e))
        return dg_error_set(err, DG_ERR_USAGE, "not an lmdb store");
    c = calloc(1, sizeof *c);
    if (!c)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    c->e = &e;
    rc = dg_lmdb_txn_get(&e, &c->txn, &own);
    if (rc) {
        free(c);
        return dg_error_set(err, DG_ERR_STORE, "cannot read store '%s': %s",
                            e.path, mdb_strerror(rc));
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fault;
    sigemptyset(&sa.sa_mask);
    fault_sig = 0;
    fault_assert[0] = '\0';
    sigaction(SIGSEGV, &sa, &old_segv);
    sigaction(SIGBUS, &sa, &old_bus);
    mdb_env_set_assert(e.env, on_assert);
    faulted = sigsetjmp(fault_jmp, 1);
    if (!faulted)
        walk(c);
    mdb_env_set_assert(e.env, NULL);
    sigaction(SIGSEGV, &old_segv, NULL);
    sigaction(SIGBUS, &old_bus, NULL);
    if (faulted)
        found(c, F_READ, "%s: LMDB %s%s", c->stage ? c->stage : "?",
              fault_assert[0] ? "failed an assertion: " : "faulted reading it",
              fault_assert);
    else
        dg_lmdb_txn_put(&e, c->txn, own); /* else abandoned, see above */
    out->quads = c->counts[0];
    out->terms = c->nterms;
    out->graphs = c->graphs;
    for (int k = 0; k < F_COUNT; k++) {
        char msg[400];
        if (!c->f[k].n)
            continue;
        snprintf(msg, sizeof msg, "%s: %llu (first: %s)", finding_what[k],
                 (unsigned long long)c->f[k].n, c->f[k].first);
        out->problems++;
        if (problem)
            problem(ctx, msg);
    }
    free(c->kind);
    free(c);
    return 0;
}

/* ---- backup ----------------------------------------------------------- */

/* 0 when dir is absent (then created) or an empty directory. */
static int
prepare_dir(const char *dir, struct dg_error *err)
{
    DIR *d;
    struct dirent *de;
    int n = 0;

    if (mkdir(dir, 0777) == 0)
        return 0;
    if (errno != EEXIST)
        return dg_error_set(err, DG_ERR_IO, "cannot create '%s': %s", dir,
                            strerror(errno));
    d = opendir(dir);
    if (!d)
        return dg_error_set(err, DG_ERR_IO, "cannot open '%s': %s", dir,
                            strerror(errno));
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    closedir(d);
    if (n)
        return dg_error_set(err, DG_ERR_IO,
                            "backup directory '%s' is not empty", dir);
    return 0;
}

/* fsync on path (a file or a directory). */
static int
sync_path(const char *path)
{
    int fd = open(path, O_RDONLY), rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int
dg_lmdb_backup(librdf_storage *storage, const char *dir, uint64_t *bytes,
               struct dg_error *err)
{
    struct dg_lmdb_env e;
    char file[4096];
    struct stat sb;
    int rc;

    if (dg_lmdb_env_get(storage, &e))
        return dg_error_set(err, DG_ERR_USAGE, "not an lmdb store");
    if (prepare_dir(dir, err))
        return -1;
    rc = mdb_env_copy2(e.env, dir, MDB_CP_COMPACT);
    snprintf(file, sizeof file, "%s/data.mdb", dir);
    if (rc) {
        unlink(file);
        return dg_error_set(
            err, dg_lmdb_is_damage(rc) ? DG_ERR_STORE : DG_ERR_IO,
            "cannot copy store '%s' to '%s': %s", e.path, dir,
            dg_lmdb_is_damage(rc) ? "the store is damaged" : mdb_strerror(rc));
    }
    if (sync_path(file) || sync_path(dir) || stat(file, &sb))
        return dg_error_set(err, DG_ERR_IO, "cannot flush '%s': %s", file,
                            strerror(errno));
    if (bytes)
        *bytes = (uint64_t)sb.st_size;
    return 0;
}
