/* test-lmdb-readers.c: SPARQL datasets on an lmdb storage opened in other
 * threads while one thread writes (what graph/server.c does): a reader
 * sees the snapshot committed when its dataset opened, never the writer's
 * open transaction, while the writer still sees its own work; then
 * readers and a writer at full speed, where every answer must be one
 * whole version of the graph.  Run it under ThreadSanitizer too. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <librdf.h>

#include "graph/results.h"
#include "graph/sparql/eval.h"
#include "graph/sparql/parse.h"
#include "graph/store/lmdb_dataset.h"
#include "graph/store/lmdb_storage.h"
#include "tests/unit/tap.h"

#define G "http://ex.org/g"
#define P "http://ex.org/p"
#define NREADERS 4
#define NVERSIONS 40
#define PER_VERSION 25

static librdf_world *world;
static librdf_storage *storage;
static librdf_model *model;
static librdf_uri *xsd_integer;

/* ---- helpers */

/* Runs a one-row, one-or-more-column query on a new dataset (or on ds
 * when not NULL) and copies its first row's cells, as numbers, into out.
 * Returns 0, or -1 with a diagnostic line printed. */
static int
ask(struct dg_dataset *ds, const char *sparql, long *out, size_t n)
{
    struct dg_error err = {0, ""};
    struct dg_eval_opts eo = {DG_DEFAULT_UNION, 0, 0};
    struct dg_dataset *own = NULL;
    struct dg_query *q = dg_sparql_parse(sparql, NULL, &err);
    struct dg_results *r = NULL;
    int rc = -1;

    if (!q)
        goto out;
    if (!ds && !(ds = own = dg_lmdb_dataset_open(storage, &err)))
        goto out;
    if (!(r = dg_sparql_eval(q, ds, &eo, &err)) || r->nrows != 1)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const struct dg_term *c = dg_results_cell(r, 0, i);
        out[i] = c && c->value ? atol(c->value) : -1;
    }
    rc = 0;
out:
    if (rc)
        printf("# query failed: %s\n", err.msg[0] ? err.msg : "no row");
    dg_results_free(r);
    dg_dataset_free(own);
    dg_query_free(q);
    return rc;
}

/* The number of triples in G seen through ds (NULL: a new dataset). */
static long
count(struct dg_dataset *ds)
{
    long n = -1;
    ask(ds, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" G "> { ?s ?p ?o } }", &n,
        1);
    return n;
}

/* Adds <http://ex.org/sI> P value to G.  0 or -1. */
static int
add(int i, long value)
{
    char s[64], v[32];
    snprintf(s, sizeof s, "http://ex.org/s%d", i);
    snprintf(v, sizeof v, "%ld", value);
    librdf_node *ctx =
        librdf_new_node_from_uri_string(world, (const unsigned char *)G);
    librdf_statement *st = librdf_new_statement_from_nodes(
        world, librdf_new_node_from_uri_string(world, (const unsigned char *)s),
        librdf_new_node_from_uri_string(world, (const unsigned char *)P),
        librdf_new_node_from_typed_literal(world, (const unsigned char *)v,
                                           NULL, xsd_integer));
    int rc =
        ctx && st ? librdf_model_context_add_statement(model, ctx, st) : -1;
    librdf_free_statement(st);
    librdf_free_node(ctx);
    return rc ? -1 : 0;
}

/* ---- part 1: snapshots, step by step */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stage;

static void
set_stage(int s)
{
    pthread_mutex_lock(&mu);
    stage = s;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static void
wait_stage(int s)
{
    pthread_mutex_lock(&mu);
    while (stage < s)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
}

/* what the reader thread saw, checked by the main thread */
static long seen_first, seen_in_txn, seen_grouped, seen_old_after,
    seen_new_after;

static void *
stepping_reader(void *arg)
{
    (void)arg;
    struct dg_error err = {0, ""};
    struct dg_dataset *first = dg_lmdb_dataset_open(storage, &err);
    seen_first = first ? count(first) : -1;
    set_stage(1);
    wait_stage(2); /* the writer's transaction is open, not committed */
    seen_in_txn = count(NULL);
    set_stage(3);
    wait_stage(4); /* committed into group commit's pending transaction */
    seen_grouped = count(NULL);
    set_stage(5);
    wait_stage(6); /* flushed and synced */
    seen_old_after = first ? count(first) : -1;
    seen_new_after = count(NULL);
    dg_dataset_free(first);
    set_stage(7);
    return NULL;
}

static void
test_snapshots(void)
{
    pthread_t th;
    struct dg_error err = {0, ""};
    int good = 1;

    for (int i = 0; i < 3; i++)
        good &= add(i, 1) == 0;
    /* the first transaction after open commits on its own: after it,
     * transactions are grouped */
    good &= librdf_model_transaction_start(model) == 0 &&
            librdf_model_transaction_commit(model) == 0;
    ok(good && count(NULL) == 3, "a store with 3 triples in <g>");

    pthread_create(&th, NULL, stepping_reader, NULL);
    wait_stage(1);
    ok(librdf_model_transaction_start(model) == 0 && add(3, 1) == 0 &&
           add(4, 1) == 0,
       "the writer adds 2 triples in a transaction");
    set_stage(2);
    wait_stage(3);
    struct dg_dataset *mine = dg_lmdb_dataset_open(storage, &err);
    is_int(mine ? count(mine) : -1, 5, "the writer sees its own work");
    dg_dataset_free(mine);
    ok(librdf_model_transaction_commit(model) == 0, "commit");
    set_stage(4);
    wait_stage(5);
    ok(librdf_model_sync(model) == 0, "sync (flushes the grouped commit)");
    set_stage(6);
    wait_stage(7);
    pthread_join(th, NULL);

    is_int(seen_first, 3, "a reader thread's dataset counts 3");
    is_int(seen_in_txn, 3,
           "another thread never reads through the open write transaction");
    is_int(seen_grouped, 3,
           "nor flushes the writer's grouped commit: it sees the last "
           "LMDB commit");
    is_int(seen_old_after, 3,
           "a dataset opened before the commit keeps its snapshot");
    is_int(seen_new_after, 5, "a dataset opened after the sync sees 5");
}

/* ---- part 2: readers and a writer at full speed */

static int writer_done;
static pthread_mutex_t done_mu = PTHREAD_MUTEX_INITIALIZER;

static int
is_done(void)
{
    pthread_mutex_lock(&done_mu);
    int d = writer_done;
    pthread_mutex_unlock(&done_mu);
    return d;
}

struct reader_result {
    long queries, bad, last;
};

static void *
racing_reader(void *arg)
{
    struct reader_result *res = arg;
    long prev = 0;
    for (;;) {
        int after = is_done();
        long v[3];
        if (ask(NULL,
                "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?o) AS ?d) "
                "(MAX(?o) AS ?v) WHERE { GRAPH <" G "> { ?s ?p ?o } }",
                v, 3) < 0 ||
            v[0] != PER_VERSION || v[1] != 1 || v[2] < prev) {
            if (res->bad++ < 3)
                printf("# reader saw n=%ld distinct=%ld version=%ld after "
                       "%ld\n",
                       v[0], v[1], v[2], prev);
        } else {
            prev = v[2];
        }
        res->queries++;
        if (after)
            break;
    }
    res->last = prev;
    return NULL;
}

/* Replaces G with version v (PER_VERSION triples, object v) in one
 * transaction, and syncs, as a Graph Store PUT does. */
static int
put_version(long v)
{
    librdf_node *ctx =
        librdf_new_node_from_uri_string(world, (const unsigned char *)G);
    int rc = librdf_model_transaction_start(model);
    if (!rc)
        rc = librdf_model_context_remove_statements(model, ctx);
    for (int i = 0; !rc && i < PER_VERSION; i++)
        rc = add(i, v);
    if (!rc)
        rc = librdf_model_transaction_commit(model);
    else
        librdf_model_transaction_rollback(model);
    if (!rc)
        rc = librdf_model_sync(model);
    librdf_free_node(ctx);
    return rc;
}

static void
test_racing(void)
{
    pthread_t th[NREADERS];
    struct reader_result res[NREADERS];
    int good = put_version(1) == 0;

    memset(res, 0, sizeof res);
    for (int i = 0; i < NREADERS; i++)
        pthread_create(&th[i], NULL, racing_reader, &res[i]);
    for (long v = 2; good && v <= NVERSIONS; v++)
        good = put_version(v) == 0;
    pthread_mutex_lock(&done_mu);
    writer_done = 1;
    pthread_mutex_unlock(&done_mu);
    long queries = 0, bad = 0, last_ok = 1;
    for (int i = 0; i < NREADERS; i++) {
        pthread_join(th[i], NULL);
        queries += res[i].queries;
        bad += res[i].bad;
        last_ok &= res[i].last == NVERSIONS;
    }
    ok(good, "%d versions written while %d threads query", NVERSIONS, NREADERS);
    is_int(bad, 0, "every answer is one whole version, never going back");
    ok(queries >= NREADERS, "%ld queries ran", queries);
    ok(last_ok, "each reader's last query (begun after the writer was "
                "done) sees the last version");
}

int
main(void)
{
    char dir[] = "/tmp/dg-test-lmdb-readers.XXXXXX", opts[256], p[300];

    if (!mkdtemp(dir))
        return 1;
    world = librdf_new_world();
    librdf_world_open(world);
    ok(dg_lmdb_storage_register(world) == 0, "lmdb storage registered");
    xsd_integer = librdf_new_uri(
        world,
        (const unsigned char *)"http://www.w3.org/2001/XMLSchema#integer");
    snprintf(opts, sizeof opts,
             "dir='%s',new='yes',sync='no',group-commit='60000'", dir);
    storage = librdf_new_storage(world, "lmdb", "store", opts);
    model = storage ? librdf_new_model(world, storage, NULL) : NULL;
    ok(model != NULL, "a new store with group commit");
    if (model) {
        test_snapshots();
        test_racing();
    }
    if (model)
        librdf_free_model(model);
    if (storage)
        librdf_free_storage(storage);
    librdf_free_uri(xsd_integer);
    librdf_free_world(world);
    snprintf(p, sizeof p, "%s/data.mdb", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/lock.mdb", dir);
    unlink(p);
    rmdir(dir);
    return tap_done();
}
