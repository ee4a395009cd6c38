/* test-lmdb.c: the "lmdb" librdf storage (graph/store/lmdb_storage.c), through
 * the librdf API only.
 *
 * Run without arguments it prints TAP.  Its other modes are helpers the
 * test runs in child processes (re-executing itself):
 *   test-lmdb --writer DIR   commit 10 quads, open a transaction, add 10
 *                            more, print "ready", wait to be killed
 *   test-lmdb --reader DIR   print "SIZE FOUND" (FOUND: statements of
 *                            <http://ex.org/new>) from a read-only open */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <librdf.h>
#include <lmdb.h>

#include "graph/store/lmdb_storage.h"
#include "tests/unit/tap.h"

#define EX "http://ex.org/"
#define XSD "http://www.w3.org/2001/XMLSchema#"

static librdf_world *world;
static const char *self_path = "/proc/self/exe"; /* argv[0] when it has a /
                                                  * (valgrind's exe is not
                                                  * this program) */
static int log_errors; /* errors logged since the last log_reset() */
static char last_log[1024];

static int
log_handler(void *data, librdf_log_message *message)
{
    (void)data;
    if (librdf_log_message_level(message) >= LIBRDF_LOG_WARN) {
        const char *m = librdf_log_message_message(message);
        snprintf(last_log, sizeof last_log, "%s", m ? m : "");
        if (librdf_log_message_level(message) >= LIBRDF_LOG_ERROR)
            log_errors++;
        printf("# log: %s\n", last_log);
    }
    return 1;
}

static void
log_reset(void)
{
    log_errors = 0;
    last_log[0] = '\0';
}

static librdf_world *
new_world(void)
{
    librdf_world *w = librdf_new_world();
    if (!w)
        return NULL;
    librdf_world_open(w);
    librdf_world_set_logger(w, NULL, log_handler);
    if (dg_lmdb_storage_register(w) != 0) {
        librdf_free_world(w);
        return NULL;
    }
    return w;
}

/* ---- sanitizers ------------------------------------------------------------
 */

/* In an ASan build: leaks inside librdf 1.0.17 and rasqal 0.9.33 query
 * execution are theirs, not ours (the same list as lmdb.supp for
 * valgrind).  Matching them needs full malloc stacks: these libraries have
 * no frame pointers, so the fast unwinder stops after two frames. */
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *
__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions(void)
{
    return "leak:rasqal_new_triples_match\n"
           "leak:librdf_query_execute\n"
           "leak:librdf_new_query_from_factory\n";
}

/* ---- the store under test ---------------------------------------------- */

struct store {
    librdf_storage *storage;
    librdf_model *model;
};

static int
store_open(struct store *s, const char *dir, const char *extra)
{
    char options[1200];
    snprintf(options, sizeof options, "dir='%s'%s%s", dir, extra ? "," : "",
             extra ? extra : "");
    s->model = NULL;
    s->storage = librdf_new_storage(world, "lmdb", "test", options);
    if (!s->storage)
        return -1;
    s->model = librdf_new_model(world, s->storage, NULL);
    if (!s->model) {
        librdf_free_storage(s->storage);
        s->storage = NULL;
        return -1;
    }
    return 0;
}

static void
store_close(struct store *s)
{
    if (s->model)
        librdf_free_model(s->model);
    if (s->storage)
        librdf_free_storage(s->storage);
    s->model = NULL;
    s->storage = NULL;
}

static librdf_node *
uri(const char *s)
{
    return librdf_new_node_from_uri_string(world, (const unsigned char *)s);
}

static librdf_node *
copy(librdf_node *n)
{
    return n ? librdf_new_node_from_node(n) : NULL;
}

/* Returns a new statement of copies of s, p, o (each may be NULL). */
static librdf_statement *
stmt(librdf_node *s, librdf_node *p, librdf_node *o)
{
    return librdf_new_statement_from_nodes(world, copy(s), copy(p), copy(o));
}

static int
add(librdf_model *m, librdf_node *s, librdf_node *p, librdf_node *o,
    librdf_node *g)
{
    librdf_statement *st = stmt(s, p, o);
    int rc = g ? librdf_model_context_add_statement(m, g, st)
               : librdf_model_add_statement(m, st);
    librdf_free_statement(st);
    return rc;
}

static int
contains(librdf_model *m, librdf_node *s, librdf_node *p, librdf_node *o)
{
    librdf_statement *st = stmt(s, p, o);
    int rc = librdf_model_contains_statement(m, st);
    librdf_free_statement(st);
    return rc != 0; /* librdf 1.0.17 returns -1 for yes */
}

static int
stream_count(librdf_stream *stream)
{
    int n = 0;
    if (!stream)
        return -1;
    for (; !librdf_stream_end(stream); librdf_stream_next(stream))
        n++;
    librdf_free_stream(stream);
    return n;
}

static int
iter_count(librdf_iterator *it)
{
    int n = 0;
    if (!it)
        return -1;
    for (; !librdf_iterator_end(it); librdf_iterator_next(it))
        n++;
    librdf_free_iterator(it);
    return n;
}

/* ---- the data set -------------------------------------------------------- */

enum { NS = 4, NP = 3, NO = 7, NG = 3, NQ = 60 };
static librdf_node *subj[NS], *pred[NP], *obj[NO], *graph[NG];

struct quad {
    int s, p, o, g; /* indexes; g == -1: default graph */
};
static struct quad expect[NQ];
static int nexpect;

static void
terms_make(void)
{
    char buf[2100];
    librdf_uri *dt;

    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, EX "s%d", i);
        subj[i] = uri(buf);
    }
    subj[3] = librdf_new_node_from_blank_identifier(
        world, (const unsigned char *)"b1");
    for (int i = 0; i < NP; i++) {
        snprintf(buf, sizeof buf, EX "p%d", i);
        pred[i] = uri(buf);
    }
    obj[0] = uri(EX "s1");
    obj[1] = librdf_new_node_from_literal(world, (const unsigned char *)"x",
                                          NULL, 0);
    obj[2] = librdf_new_node_from_literal(world, (const unsigned char *)"x",
                                          "en", 0);
    /* (a literal typed xsd:string is the simple literal in RDF 1.1 and is
     * stored as one: tests/unit/test-sparql-dataset checks it) */
    dt = librdf_new_uri(world, (const unsigned char *)EX "dt");
    obj[3] = librdf_new_node_from_typed_literal(
        world, (const unsigned char *)"x", NULL, dt);
    librdf_free_uri(dt);
    obj[4] = librdf_new_node_from_blank_identifier(world,
                                                   (const unsigned char *)"b1");
    memset(buf, 'y', 2000); /* longer than LMDB's 511-byte key limit */
    strcpy(buf + 2000, "\xc3\xa9");
    obj[5] = librdf_new_node_from_literal(world, (const unsigned char *)buf,
                                          NULL, 0);
    dt = librdf_new_uri(world, (const unsigned char *)XSD "date");
    obj[6] = librdf_new_node_from_typed_literal(
        world, (const unsigned char *)"2020-01-02", NULL, dt);
    librdf_free_uri(dt);
    graph[0] = uri(EX "g0");
    graph[1] = uri(EX "g1");
    graph[2] = librdf_new_node_from_blank_identifier(
        world, (const unsigned char *)"gb");
}

static void
terms_free(void)
{
    for (int i = 0; i < NS; i++)
        librdf_free_node(subj[i]);
    for (int i = 0; i < NP; i++)
        librdf_free_node(pred[i]);
    for (int i = 0; i < NO; i++)
        librdf_free_node(obj[i]);
    for (int i = 0; i < NG; i++)
        librdf_free_node(graph[i]);
}

static struct quad
quad_of(int i)
{
    struct quad q = {i % NS, (i / NS) % NP, (i * 3 + i / 5) % NO,
                     (i * 5 + 1) % (NG + 1) - 1};
    return q;
}

static int
quad_eq(struct quad a, struct quad b)
{
    return a.s == b.s && a.p == b.p && a.o == b.o && a.g == b.g;
}

static int
find_index(librdf_node **arr, int n, librdf_node *node)
{
    if (!node)
        return -1;
    for (int i = 0; i < n; i++)
        if (librdf_node_equals(arr[i], node))
            return i;
    return -2;
}

/* Whether the expected set holds (s, p, o) in graph g (-2: any graph). */
static int
has_triple(int s, int p, int o, int g)
{
    for (int j = 0; j < nexpect; j++)
        if (expect[j].s == s && expect[j].p == p && expect[j].o == o &&
            (g == -2 || expect[j].g == g))
            return 1;
    return 0;
}

/* Loads quad_of(0..NQ) twice (the second time all duplicates). */
static int
load_data(librdf_model *m)
{
    int fails = 0;
    nexpect = 0;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < NQ; i++) {
            struct quad q = quad_of(i);
            int dup = 0;
            fails += add(m, subj[q.s], pred[q.p], obj[q.o],
                         q.g < 0 ? NULL : graph[q.g]) != 0;
            for (int j = 0; j < nexpect; j++)
                dup |= quad_eq(expect[j], q);
            if (!dup)
                expect[nexpect++] = q;
        }
    return fails;
}

/* Runs every pattern shape (mask of bound S/P/O; in a graph or not) built
 * from every expected quad and from an absent combination, and checks that
 * the stream returns exactly the matching quads, each once. */
static void
check_patterns(struct store *sto, int in_graph)
{
    librdf_model *m = sto->model;

    for (int mask = 0; mask < 8; mask++) {
        int bad = 0, probes = 0;
        for (int k = 0; k <= nexpect; k++) {
            struct quad pq =
                k < nexpect ? expect[k] : (struct quad){3, 2, 0, 2};
            int seen[NQ] = {0}, want = 0, got = 0;
            librdf_statement *pat;
            librdf_stream *stream;
            librdf_node *g = NULL;

            if (in_graph && pq.g >= 0)
                g = graph[pq.g];
            pat =
                stmt(mask & 1 ? subj[pq.s] : NULL, mask & 2 ? pred[pq.p] : NULL,
                     mask & 4 ? obj[pq.o] : NULL);
            for (int j = 0; j < nexpect; j++) {
                struct quad e = expect[j];
                if ((mask & 1 && e.s != pq.s) || (mask & 2 && e.p != pq.p) ||
                    (mask & 4 && e.o != pq.o) || (in_graph && e.g != pq.g))
                    continue;
                want++;
            }
            if (in_graph && pq.g < 0) /* librdf_model_ asserts non-NULL */
                stream = librdf_storage_context_as_stream(sto->storage, NULL);
            else if (in_graph)
                stream = librdf_model_find_statements_in_context(m, pat, g);
            else
                stream = librdf_model_find_statements(m, pat);
            if (in_graph && pq.g < 0) {
                /* the default graph through context_serialise(NULL) */
                want = 0;
                for (int j = 0; j < nexpect; j++)
                    want += expect[j].g < 0;
            }
            probes++;
            if (!stream) {
                bad++;
                librdf_free_statement(pat);
                continue;
            }
            for (; !librdf_stream_end(stream); librdf_stream_next(stream)) {
                librdf_statement *st = librdf_stream_get_object(stream);
                librdf_node *ctx = librdf_stream_get_context2(stream);
                struct quad r = {
                    find_index(subj, NS, librdf_statement_get_subject(st)),
                    find_index(pred, NP, librdf_statement_get_predicate(st)),
                    find_index(obj, NO, librdf_statement_get_object(st)),
                    find_index(graph, NG, ctx)};
                int j;
                for (j = 0; j < nexpect; j++)
                    if (quad_eq(expect[j], r))
                        break;
                if (j == nexpect || seen[j]++ ||
                    (!(in_graph && pq.g < 0) &&
                     !librdf_statement_match(st, pat)))
                    bad++;
                got++;
            }
            librdf_free_stream(stream);
            librdf_free_statement(pat);
            if (got != want) {
                printf("# mask %d graph %d probe %d: got %d want %d\n", mask,
                       in_graph, k, got, want);
                bad++;
            }
        }
        ok(bad == 0, "find %c%c%c%s: %d probes exact", mask & 1 ? 'S' : '?',
           mask & 2 ? 'P' : '?', mask & 4 ? 'O' : '?',
           in_graph ? " in a graph" : " in any graph", probes);
    }
}

/* ---- SPARQL ----------------------------------------------------------------
 */

/* Runs query on m; returns the number of rows (-1 on failure) and counts
 * the values of variable var equal to want in *hits (when want given). */
static int
sparql_rows(librdf_model *m, const char *q, const char *var, librdf_node *want,
            int *hits)
{
    librdf_query *query;
    librdf_query_results *res;
    int rows = 0;

    if (hits)
        *hits = 0;
    query =
        librdf_new_query(world, "sparql", NULL, (const unsigned char *)q, NULL);
    if (!query)
        return -1;
    res = librdf_model_query_execute(m, query);
    if (!res) {
        librdf_free_query(query);
        return -1;
    }
    while (!librdf_query_results_finished(res)) {
        if (var && want) {
            librdf_node *v =
                librdf_query_results_get_binding_value_by_name(res, var);
            if (v && librdf_node_equals(v, want))
                (*hits)++;
            if (v)
                librdf_free_node(v);
        }
        rows++;
        librdf_query_results_next(res);
    }
    librdf_free_query_results(res);
    librdf_free_query(query);
    return rows;
}

/* ---- child processes ------------------------------------------------------
 */

static int
child_writer(const char *dir)
{
    struct store s;
    char buf[64];

    world = new_world();
    if (!world || store_open(&s, dir, "new='yes'"))
        return 2;
    librdf_node *p = uri(EX "p"), *g0 = uri(EX "g0");
    if (librdf_model_transaction_start(s.model))
        return 2;
    for (int i = 0; i < 10; i++) {
        snprintf(buf, sizeof buf, EX "committed%d", i);
        librdf_node *n = uri(buf);
        add(s.model, n, p, n, g0);
        librdf_free_node(n);
    }
    if (librdf_model_transaction_commit(s.model))
        return 2;
    if (librdf_model_transaction_start(s.model))
        return 2;
    librdf_node *g = uri(EX "killed");
    for (int i = 0; i < 10; i++) {
        snprintf(buf, sizeof buf, EX "uncommitted%d", i);
        librdf_node *n = uri(buf);
        add(s.model, n, p, n, g);
        librdf_free_node(n);
    }
    printf("ready\n");
    fflush(stdout);
    for (;;)
        pause();
}

static int
child_reader(const char *dir)
{
    struct store s;

    world = new_world();
    if (!world || store_open(&s, dir, "write='no'"))
        return 2;
    librdf_node *n = uri(EX "new");
    librdf_statement *pat = stmt(n, NULL, NULL);
    int found = stream_count(librdf_model_find_statements(s.model, pat));
    printf("%d %d\n", librdf_model_size(s.model), found);
    fflush(stdout);
    librdf_free_statement(pat);
    librdf_free_node(n);
    store_close(&s);
    librdf_free_world(world);
    return 0;
}

/* Starts this program in mode on dir with stdout to a pipe; returns the
 * pid and sets *fd to the read end. */
static pid_t
spawn(const char *mode, const char *dir, int *fd)
{
    int p[2];
    pid_t pid;

    if (pipe(p))
        return -1;
    pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execl(self_path, "test-lmdb", mode, dir, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    *fd = p[0];
    return pid;
}

/* Reads a line from fd within seconds; returns its length or -1. */
static int
read_line(int fd, char *buf, size_t size, int seconds)
{
    size_t n = 0;
    while (n + 1 < size) {
        struct pollfd pfd = {fd, POLLIN, 0};
        if (poll(&pfd, 1, seconds * 1000) <= 0)
            return -1;
        ssize_t r = read(fd, buf + n, 1);
        if (r <= 0)
            break;
        if (buf[n] == '\n')
            break;
        n++;
    }
    buf[n] = '\0';
    return (int)n;
}

static int
run_reader(const char *dir, int *size, int *found)
{
    char line[128];
    int fd, status, rc = -1;
    pid_t pid = spawn("--reader", dir, &fd);

    if (pid < 0)
        return -1;
    if (read_line(fd, line, sizeof line, 20) > 0 &&
        sscanf(line, "%d %d", size, found) == 2)
        rc = 0;
    else
        kill(pid, SIGKILL); /* blocked or failed */
    close(fd);
    waitpid(pid, &status, 0);
    return rc;
}

/* ---- helpers for the file system --------------------------------------- */

static char tmpdir[] = "/tmp/dg-test-lmdb-XXXXXX";

static void
path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmpdir, name);
}

static void
rm_store(const char *name)
{
    char p[512];
    path_in(p, sizeof p, name);
    char f[600];
    snprintf(f, sizeof f, "%s/data.mdb", p);
    unlink(f);
    snprintf(f, sizeof f, "%s/lock.mdb", p);
    unlink(f);
    rmdir(p);
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the tests ----------------------------------------------------------- */

static void
test_basics(const char *dir)
{
    struct store s;
    librdf_uri *feature;
    librdf_node *v;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes',contexts='yes'") == 0,
            "open new store"))
        return;
    is_int(librdf_model_size(s.model), 0, "new store is empty");

    feature = librdf_new_uri(
        world, (const unsigned char *)LIBRDF_MODEL_FEATURE_CONTEXTS);
    v = librdf_model_get_feature(s.model, feature);
    is_str(v ? (const char *)librdf_node_get_literal_value(v) : NULL, "1",
           "feature contexts is 1");
    if (v)
        librdf_free_node(v);
    librdf_free_uri(feature);

    is_int(load_data(s.model), 0, "add 120 statements (60 duplicates)");
    is_int(librdf_model_size(s.model), nexpect, "size counts distinct quads");
    printf("# %d distinct quads\n", nexpect);
    is_int(log_errors, 0, "no errors logged");

    /* a quad added twice is stored once */
    int n = librdf_model_size(s.model);
    int present = has_triple(0, 0, 1, -1);
    add(s.model, subj[0], pred[0], obj[1], NULL);
    add(s.model, subj[0], pred[0], obj[1], NULL);
    is_int(librdf_model_size(s.model), n + !present,
           "adding a quad twice stores it once");
    store_close(&s);
}

static void
test_full(const char *dir)
{
    struct store s;
    librdf_statement *st;
    librdf_iterator *it;
    int n, want;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes'") == 0,
            "open store for the full test"))
        return;
    load_data(s.model);
    is_int(librdf_model_size(s.model), nexpect, "size after load");

    /* duplicates */
    add(s.model, subj[0], pred[0], obj[0], graph[0]);
    n = librdf_model_size(s.model);
    is_int(add(s.model, subj[0], pred[0], obj[0], graph[0]), 0,
           "adding a duplicate quad succeeds");
    is_int(librdf_model_size(s.model), n, "a duplicate quad is not stored");
    is_int(add(s.model, subj[0], pred[0], obj[0], graph[1]) == 0 &&
               librdf_model_size(s.model) == n + 1 &&
               add(s.model, subj[0], pred[0], obj[0], graph[1]) == 0 &&
               librdf_model_size(s.model) == n + 1,
           1, "the same triple in another graph is one more quad, once");
    /* back to the expected set */
    st = stmt(subj[0], pred[0], obj[0]);
    librdf_model_context_remove_statement(s.model, graph[1], st);
    librdf_free_statement(st);
    {
        int present = 0;
        for (int j = 0; j < nexpect; j++)
            present |= quad_eq(expect[j], (struct quad){0, 0, 0, 0});
        if (!present)
            expect[nexpect++] = (struct quad){0, 0, 0, 0};
    }
    is_int(librdf_model_size(s.model), nexpect, "size exact after removal");

    /* contains */
    ok(contains(s.model, subj[expect[0].s], pred[expect[0].p],
                obj[expect[0].o]),
       "contains a stored triple");
    ok(contains(s.model, subj[3], pred[2], obj[0]) == has_triple(3, 2, 0, -2),
       "does not contain an absent triple");
    {
        librdf_node *nope = uri(EX "nowhere");
        ok(!contains(s.model, nope, pred[0], obj[0]),
           "does not contain a triple with an unknown term");
        librdf_free_node(nope);
    }

    /* find: every bound combination, with and without a graph */
    check_patterns(&s, 0);
    check_patterns(&s, 1);
    is_int(stream_count(librdf_model_as_stream(s.model)), nexpect,
           "serialise returns every quad");

    /* contexts */
    {
        int want_g[NG] = {0}, seen_g[NG] = {0}, bad = 0, count = 0;
        for (int j = 0; j < nexpect; j++)
            if (expect[j].g >= 0)
                want_g[expect[j].g]++;
        it = librdf_model_get_contexts(s.model);
        ok(it != NULL, "get_contexts returns an iterator");
        for (; it && !librdf_iterator_end(it); librdf_iterator_next(it)) {
            librdf_node *g = librdf_iterator_get_object(it);
            int gi = find_index(graph, NG, g);
            if (gi < 0 || seen_g[gi]++)
                bad++;
            count++;
        }
        if (it)
            librdf_free_iterator(it);
        for (int g = 0; g < NG; g++)
            if (!!want_g[g] != seen_g[g])
                bad++;
        ok(bad == 0 && count == NG, "get_contexts lists each graph once");
        for (int g = 0; g < NG; g++) {
            char title[80];
            snprintf(title, sizeof title, "context_serialise graph %d", g);
            is_int(
                stream_count(librdf_model_context_as_stream(s.model, graph[g])),
                want_g[g], title);
        }
        ok(librdf_model_contains_context(s.model, graph[0]),
           "contains_context");
    }

    /* remove_statement removes the triple from every graph */
    {
        struct quad q = expect[0];
        int copies = 0, before = librdf_model_size(s.model);
        for (int j = 0; j < nexpect; j++)
            copies +=
                expect[j].s == q.s && expect[j].p == q.p && expect[j].o == q.o;
        add(s.model, subj[q.s], pred[q.p], obj[q.o], graph[2]);
        add(s.model, subj[q.s], pred[q.p], obj[q.o], graph[1]);
        int after_add = librdf_model_size(s.model);
        st = stmt(subj[q.s], pred[q.p], obj[q.o]);
        is_int(librdf_model_remove_statement(s.model, st), 0,
               "remove_statement succeeds");
        librdf_free_statement(st);
        ok(!contains(s.model, subj[q.s], pred[q.p], obj[q.o]),
           "the removed triple is gone from every graph");
        ok(after_add >= before && librdf_model_size(s.model) == before - copies,
           "size drops by the quads removed");
        int w = 0;
        for (int j = 0; j < nexpect; j++)
            if (!(expect[j].s == q.s && expect[j].p == q.p &&
                  expect[j].o == q.o))
                expect[w++] = expect[j];
        nexpect = w;
        st = stmt(subj[q.s], pred[q.p], obj[q.o]);
        is_int(librdf_model_remove_statement(s.model, st), 0,
               "removing an absent statement succeeds");
        librdf_free_statement(st);
    }

    /* context_remove_statement removes one quad only */
    add(s.model, subj[1], pred[1], obj[6], graph[0]);
    add(s.model, subj[1], pred[1], obj[6], graph[1]);
    n = librdf_model_size(s.model);
    st = stmt(subj[1], pred[1], obj[6]);
    is_int(librdf_model_context_remove_statement(s.model, graph[0], st), 0,
           "context_remove_statement succeeds");
    librdf_free_statement(st);
    is_int(librdf_model_size(s.model), n - 1, "it removed one quad");
    ok(contains(s.model, subj[1], pred[1], obj[6]),
       "the copy in the other graph stays");

    /* context_remove_statements: a whole graph */
    n = librdf_model_size(s.model);
    want = stream_count(librdf_model_context_as_stream(s.model, graph[1]));
    is_int(librdf_model_context_remove_statements(s.model, graph[1]), 0,
           "context_remove_statements succeeds");
    is_int(librdf_model_size(s.model), n - want,
           "size drops by the graph's quads");
    is_int(stream_count(librdf_model_context_as_stream(s.model, graph[1])), 0,
           "the graph is empty");
    is_int(iter_count(librdf_model_get_contexts(s.model)), NG - 1,
           "the graph is no longer listed");
    is_int(librdf_model_context_remove_statements(s.model, graph[1]), 0,
           "removing an empty graph succeeds");
    n = librdf_model_size(s.model);
    want = stream_count(librdf_storage_context_as_stream(s.storage, NULL));
    ok(want > 0, "context_as_stream(NULL) is the default graph (%d)", want);
    is_int(librdf_storage_context_remove_statements(s.storage, NULL), 0,
           "context_remove_statements(NULL) clears the default graph");
    is_int(librdf_model_size(s.model), n - want, "and only it");
    is_int(log_errors, 0, "no errors logged");

    /* unsupported methods say so */
    log_reset();
    ok(librdf_new_storage_from_storage(s.storage) == NULL && log_errors == 1,
       "clone fails with an error");
    log_reset();
    {
        librdf_uri *f = librdf_new_uri(world, (const unsigned char *)EX "f");
        librdf_node *one = uri(EX "one");
        ok(librdf_model_set_feature(s.model, f, one) != 0 && log_errors == 1,
           "set_feature fails with an error");
        librdf_free_node(one);
        librdf_free_uri(f);
    }
    log_reset();
    ok(librdf_model_transaction_commit(s.model) != 0 && log_errors == 1,
       "commit without a transaction fails with an error");
    log_reset();
    ok(librdf_model_transaction_start_with_handle(s.model, NULL) != 0 &&
           log_errors == 1,
       "transaction_start_with_handle fails with an error");
    log_reset();
    is_int(librdf_model_sync(s.model), 0, "sync");
    store_close(&s);
}

static void
test_transactions(const char *dir)
{
    struct store s;
    librdf_node *p = uri(EX "tp"), *g = uri(EX "tg");
    librdf_node *a = uri(EX "ta"), *b = uri(EX "tb");
    librdf_statement *pat;
    librdf_stream *stream;
    char buf[64];
    int n, got;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes'") == 0,
            "open store for transactions"))
        return;
    add(s.model, a, p, a, NULL);
    n = librdf_model_size(s.model);

    is_int(librdf_model_transaction_start(s.model), 0, "transaction_start");
    ok(librdf_model_transaction_start(s.model) != 0 && log_errors == 1,
       "a second transaction_start fails with an error");
    log_reset();
    ok(librdf_model_transaction_get_handle(s.model) != NULL,
       "transaction_get_handle gives the LMDB txn");
    for (int i = 0; i < 5; i++) {
        snprintf(buf, sizeof buf, EX "t%d", i);
        librdf_node *x = uri(buf);
        add(s.model, x, p, b, g);
        librdf_free_node(x);
    }
    is_int(librdf_model_size(s.model), n + 5, "the writer sees its own adds");
    pat = stmt(NULL, p, b);
    is_int(stream_count(librdf_model_find_statements(s.model, pat)), 5,
           "find inside the transaction sees them");
    is_int(librdf_model_transaction_rollback(s.model), 0, "rollback");
    is_int(librdf_model_size(s.model), n, "rollback discards the adds");
    is_int(stream_count(librdf_model_find_statements(s.model, pat)), 0,
           "nothing found after rollback");
    is_int(iter_count(librdf_model_get_contexts(s.model)), 0,
           "no graph listed after rollback");

    /* the ids handed out in the rolled back transaction are reused: the
     * term cache must not keep them */
    librdf_model_transaction_start(s.model);
    add(s.model, b, p, a, NULL);
    librdf_model_transaction_commit(s.model);
    ok(contains(s.model, b, p, a) && !contains(s.model, a, p, b),
       "terms stay right after a rollback reused their ids");

    /* a stream opened inside a transaction outlives its commit */
    librdf_model_transaction_start(s.model);
    for (int i = 0; i < 6; i++) {
        snprintf(buf, sizeof buf, EX "u%d", i);
        librdf_node *x = uri(buf);
        add(s.model, x, p, b, g);
        librdf_free_node(x);
    }
    stream = librdf_model_find_statements(s.model, pat);
    got = 0;
    for (; stream && !librdf_stream_end(stream); librdf_stream_next(stream)) {
        if (++got == 3)
            librdf_model_transaction_commit(s.model);
        if (!librdf_stream_get_object(stream))
            got = -100;
    }
    if (stream)
        librdf_free_stream(stream);
    is_int(got, 6, "a stream continues across the commit");

    librdf_model_transaction_start(s.model);
    add(s.model, a, p, g, g);
    stream = librdf_model_find_statements(s.model, pat);
    librdf_stream_next(stream);
    librdf_model_transaction_rollback(s.model);
    got = 1;
    for (; !librdf_stream_end(stream); librdf_stream_next(stream))
        got++;
    librdf_free_stream(stream);
    is_int(got, 6, "and across a rollback");

    librdf_model_transaction_start(s.model);
    add(s.model, a, p, g, g);
    is_int(librdf_model_transaction_commit(s.model), 0, "commit");
    ok(contains(s.model, a, p, g), "committed data is present");
    librdf_free_statement(pat);
    is_int(log_errors, 0, "no errors logged");

    /* closing with an open transaction rolls it back */
    librdf_model_transaction_start(s.model);
    add(s.model, b, p, g, g);
    store_close(&s);
    if (!ok(store_open(&s, dir, NULL) == 0, "reopen"))
        return;
    ok(!contains(s.model, b, p, g) && contains(s.model, a, p, g),
       "closing inside a transaction rolled it back");
    store_close(&s);

    librdf_free_node(p);
    librdf_free_node(g);
    librdf_free_node(a);
    librdf_free_node(b);
}

static void
test_reopen(const char *dir)
{
    struct store s, s2;
    int n;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes'") == 0, "open store to reopen"))
        return;
    load_data(s.model);
    n = librdf_model_size(s.model);
    log_reset();
    ok(store_open(&s2, dir, NULL) != 0 && log_errors > 0 &&
           strstr(last_log, "already open"),
       "a second open in the same process is refused");
    store_close(&s);
    log_reset();
    if (!ok(store_open(&s, dir, NULL) == 0, "reopen after close"))
        return;
    is_int(librdf_model_size(s.model), n, "the data is kept");
    ok(contains(s.model, subj[expect[1].s], pred[expect[1].p],
                obj[expect[1].o]),
       "a statement is still there");
    is_int(stream_count(librdf_model_context_as_stream(s.model, graph[2])) > 0,
           1, "a blank-node graph is still there");
    store_close(&s);
    if (!ok(store_open(&s, dir, "write='no'") == 0, "open read-only"))
        return;
    is_int(librdf_model_size(s.model), n, "read-only sees the data");
    log_reset();
    ok(add(s.model, subj[0], pred[0], obj[0], NULL) != 0 && log_errors == 1,
       "read-only refuses writes with an error");
    store_close(&s);
    ok(store_open(&s, dir, "new='yes'") == 0 && librdf_model_size(s.model) == 0,
       "new='yes' empties the store");
    store_close(&s);
    log_reset();
    ok(store_open(&s, dir, "map-size='lots'") != 0 && log_errors == 1,
       "a bad map-size is refused");
}

/* Whether get_contexts lists exactly the graphs graph[i] whose bit i is
 * set in want, each once. */
static int
graphs_are(librdf_model *m, unsigned want)
{
    librdf_iterator *it = librdf_model_get_contexts(m);
    unsigned seen = 0;
    int bad = 0;

    if (!it)
        return 0;
    for (; !librdf_iterator_end(it); librdf_iterator_next(it)) {
        int i = find_index(graph, NG, librdf_iterator_get_object(it));
        if (i < 0 || (seen & (1u << i)))
            bad++;
        else
            seen |= 1u << i;
    }
    librdf_free_iterator(it);
    if (bad || seen != want)
        printf("# graphs listed: mask %#x, want %#x, %d bad\n", seen, want,
               bad);
    return !bad && seen == want;
}

/* Drops the ctx table with LMDB directly (the store must be closed), as a
 * store made before the table existed; *entries gets its size before. */
static int
drop_ctx_table(const char *dir, size_t *entries)
{
    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    MDB_dbi dbi;
    MDB_stat ms;
    int rc;

    rc = mdb_env_create(&env);
    if (!rc)
        rc = mdb_env_set_maxdbs(env, 16);
    if (!rc)
        rc = mdb_env_set_mapsize(env, (size_t)1 << 30);
    if (!rc)
        rc = mdb_env_open(env, dir, 0, 0666);
    if (!rc)
        rc = mdb_txn_begin(env, NULL, 0, &txn);
    if (!rc)
        rc = mdb_dbi_open(txn, "ctx", 0, &dbi);
    if (!rc)
        rc = mdb_stat(txn, dbi, &ms);
    if (!rc) {
        *entries = ms.ms_entries;
        rc = mdb_drop(txn, dbi, 1);
    }
    if (!rc)
        rc = mdb_txn_commit(txn);
    else if (txn)
        mdb_txn_abort(txn);
    if (!rc) { /* check that it is gone */
        rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);
        if (!rc) {
            rc = mdb_dbi_open(txn, "ctx", 0, &dbi) == MDB_NOTFOUND ? 0 : -1;
            mdb_txn_abort(txn);
        }
    }
    mdb_env_close(env);
    if (rc)
        printf("# cannot drop the ctx table: %s\n", mdb_strerror(rc));
    return rc;
}

/* Entries of the ctx table (the store must be closed), -1 when there is
 * no such table, -2 on error. */
static long
ctx_table_size(const char *dir)
{
    MDB_env *env = NULL;
    MDB_txn *txn = NULL;
    MDB_dbi dbi;
    MDB_stat ms;
    long n = -2;
    int rc;

    if (mdb_env_create(&env))
        return -2;
    if (!mdb_env_set_maxdbs(env, 16) &&
        !mdb_env_set_mapsize(env, (size_t)1 << 30) &&
        !mdb_env_open(env, dir, MDB_RDONLY, 0666) &&
        !mdb_txn_begin(env, NULL, MDB_RDONLY, &txn)) {
        rc = mdb_dbi_open(txn, "ctx", 0, &dbi);
        if (rc == MDB_NOTFOUND)
            n = -1;
        else if (!rc && !mdb_stat(txn, dbi, &ms))
            n = (long)ms.ms_entries;
        mdb_txn_abort(txn);
    }
    mdb_env_close(env);
    return n;
}

/* The table of graphs (ctx) follows adds and removals, transactions,
 * reopening, and is rebuilt for a store made before it. */
static void
test_graph_list(const char *dir)
{
    struct store s;
    librdf_statement *st;
    size_t before = 0;
    int fails = 0;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes'") == 0, "open store for graphs"))
        return;
    ok(graphs_are(s.model, 0), "a new store lists no graph");
    fails += add(s.model, subj[0], pred[0], obj[0], graph[0]);
    fails += add(s.model, subj[1], pred[0], obj[0], graph[0]);
    fails += add(s.model, subj[0], pred[0], obj[0], graph[1]);
    fails += add(s.model, subj[2], pred[1], obj[0], graph[2]);
    fails += add(s.model, subj[3], pred[1], obj[0], graph[2]);
    fails += add(s.model, subj[2], pred[1], obj[0], NULL);
    fails += add(s.model, subj[0], pred[0], obj[0], graph[0]); /* again */
    ok(fails == 0 && graphs_are(s.model, 7),
       "graphs listed after adds (the default graph is not)");

    ok(librdf_model_context_remove_statements(s.model, graph[1]) == 0 &&
           graphs_are(s.model, 5),
       "a graph removed whole is no longer listed");

    st = stmt(subj[0], pred[0], obj[0]);
    ok(librdf_model_context_remove_statement(s.model, graph[0], st) == 0 &&
           graphs_are(s.model, 5),
       "a graph keeps its place while it holds a quad");
    librdf_free_statement(st);
    st = stmt(subj[1], pred[0], obj[0]);
    ok(librdf_model_context_remove_statement(s.model, graph[0], st) == 0 &&
           graphs_are(s.model, 4),
       "a graph whose last quad is removed is no longer listed");
    librdf_free_statement(st);

    st = stmt(subj[2], pred[1], obj[0]);
    ok(librdf_model_remove_statement(s.model, st) == 0 &&
           graphs_are(s.model, 4) && librdf_model_size(s.model) == 1,
       "remove_statement from every graph keeps a graph still in use");
    librdf_free_statement(st);
    st = stmt(subj[3], pred[1], obj[0]);
    ok(librdf_model_remove_statement(s.model, st) == 0 &&
           graphs_are(s.model, 0) && librdf_model_size(s.model) == 0,
       "remove_statement of a graph's last triple unlists it");
    librdf_free_statement(st);

    ok(librdf_model_transaction_start(s.model) == 0 &&
           add(s.model, subj[0], pred[0], obj[0], graph[1]) == 0 &&
           graphs_are(s.model, 2) &&
           librdf_model_transaction_rollback(s.model) == 0 &&
           graphs_are(s.model, 0),
       "a graph added in a rolled-back transaction is not listed");
    fails = add(s.model, subj[0], pred[0], obj[0], graph[0]);
    fails += add(s.model, subj[1], pred[2], obj[1], graph[1]);
    ok(fails == 0 && graphs_are(s.model, 3), "graphs added again");
    store_close(&s);

    if (!ok(store_open(&s, dir, NULL) == 0, "reopen the store of graphs"))
        return;
    ok(graphs_are(s.model, 3), "graphs listed after reopen");
    store_close(&s);

    if (!ok(drop_ctx_table(dir, &before) == 0 && before == 2,
            "drop the table of graphs (a store made before it)"))
        return;
    if (ok(store_open(&s, dir, "write='no'") == 0, "open it read-only")) {
        ok(graphs_are(s.model, 3), "read-only, graphs are found in cspo");
        store_close(&s);
    }
    is_int(ctx_table_size(dir), -1, "a read-only open leaves it alone");
    log_reset();
    if (!ok(store_open(&s, dir, NULL) == 0 && log_errors == 0,
            "open it for writing"))
        return;
    ok(graphs_are(s.model, 3), "graphs listed after the table is rebuilt");
    ok(librdf_model_context_remove_statements(s.model, graph[0]) == 0 &&
           graphs_are(s.model, 2),
       "the rebuilt table is kept up to date");
    store_close(&s);
    is_int(ctx_table_size(dir), 1, "the rebuilt table is stored");
}

static void
test_writemap(const char *dir)
{
    struct store s;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes',writemap='yes'") == 0,
            "open a new store with writemap='yes'"))
        return;
    load_data(s.model);
    is_int(librdf_model_size(s.model), nexpect, "writemap store takes data");
    store_close(&s);
    ok(store_open(&s, dir, "write='no'") == 0 &&
           librdf_model_size(s.model) == nexpect,
       "a reader without writemap is fine");
    store_close(&s);
    ok(store_open(&s, dir, "writemap='yes'") == 0 &&
           librdf_model_size(s.model) == nexpect && log_errors == 0,
       "reopen with writemap='yes'");
    store_close(&s);
    /* a writer without it takes the store over (a full disk is then an
     * error, not SIGBUS); from then on writemap='yes' is refused, as
     * LMDB asks not to mix the two */
    ok(store_open(&s, dir, NULL) == 0 &&
           librdf_model_size(s.model) == nexpect && log_errors == 0,
       "a writer without writemap takes the store over");
    store_close(&s);
    ok(store_open(&s, dir, "writemap='yes'") != 0 && log_errors == 1 &&
           strstr(last_log, "writemap"),
       "then a writer with writemap is refused");
}

/* group-commit: librdf transactions nest in one pending LMDB commit; a
 * rollback undoes its own only; reads, sync and close commit the rest. */
static void
test_group_commit(const char *dir)
{
    struct store s;
    librdf_node *p = uri(EX "p"), *g = uri(EX "g");
    char buf[64];
    int okay = 1;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes',group-commit='60000'") == 0,
            "open a store with group-commit='60000'"))
        goto out;
    for (int i = 0; i < 3; i++) {
        librdf_node *o;
        snprintf(buf, sizeof buf, EX "o%d", i);
        o = uri(buf);
        okay &= librdf_model_transaction_start(s.model) == 0 &&
                add(s.model, p, p, o, g) == 0;
        if (i == 1)
            okay &= librdf_model_transaction_rollback(s.model) == 0;
        else
            okay &= librdf_model_transaction_commit(s.model) == 0;
        librdf_free_node(o);
    }
    ok(okay && log_errors == 0, "three grouped transactions, one rolled back");
    is_int(librdf_model_size(s.model), 2,
           "a rollback undid its own transaction only");
    ok(librdf_model_transaction_start(s.model) == 0 &&
           add(s.model, g, p, p, g) == 0 &&
           librdf_model_transaction_commit(s.model) == 0,
       "one more grouped commit");
    store_close(&s);
    if (!ok(store_open(&s, dir, "write='no'") == 0, "reopen read-only"))
        goto out;
    is_int(librdf_model_size(s.model), 3, "close committed the group");
    store_close(&s);
    ok(store_open(&s, dir, "group-commit='soon'") != 0 &&
           strstr(last_log, "group-commit"),
       "a bad group-commit value is refused");
out:
    librdf_free_node(p);
    librdf_free_node(g);
}

static void
test_map_full(const char *dir)
{
    struct store s;
    librdf_node *p = uri(EX "p");
    char buf[64];
    int fails = 0, i;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes',map-size='256K'") == 0,
            "open a store with a tiny map"))
        return;
    librdf_model_transaction_start(s.model);
    for (i = 0; i < 20000 && !fails; i++) {
        snprintf(buf, sizeof buf, EX "full%d", i);
        librdf_node *n = uri(buf);
        fails += add(s.model, n, p, n, NULL) != 0;
        librdf_free_node(n);
    }
    ok(fails == 1 && strstr(last_log, "map-size") != NULL,
       "a full map fails the add with a clear error");
    ok(librdf_model_transaction_commit(s.model) != 0,
       "and the transaction cannot commit");
    is_int(librdf_model_size(s.model), 0, "nothing of it was stored");
    log_reset();
    is_int(add(s.model, p, p, p, NULL), 0, "the store still works");
    store_close(&s);
    librdf_free_node(p);
}

static void
test_kill(const char *dir)
{
    struct store s;
    char line[64];
    int fd, status = 0;
    pid_t pid = spawn("--writer", dir, &fd);

    ok(pid > 0 && read_line(fd, line, sizeof line, 30) > 0 &&
           !strcmp(line, "ready"),
       "writer child is inside its second transaction");
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        close(fd);
    }
    ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
       "writer child killed with SIGKILL");
    log_reset();
    if (!ok(store_open(&s, dir, NULL) == 0, "the store opens after the kill"))
        return;
    is_int(librdf_model_size(s.model), 10, "only committed data is there");
    librdf_node *c = uri(EX "committed3"), *u = uri(EX "uncommitted3");
    librdf_node *p = uri(EX "p");
    ok(contains(s.model, c, p, c) && !contains(s.model, u, p, u),
       "committed present, uncommitted absent");
    is_int(add(s.model, u, p, u, NULL), 0, "the store takes writes again");
    store_close(&s);
    librdf_free_node(c);
    librdf_free_node(u);
    librdf_free_node(p);
}

static void
test_concurrent_reader(const char *dir)
{
    struct store s;
    librdf_node *n = uri(EX "new"), *p = uri(EX "p");
    int size = -1, found = -1, before, rc;
    double t0;

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes'") == 0, "open store for the reader"))
        return;
    add(s.model, p, p, p, NULL);
    before = librdf_model_size(s.model);
    librdf_model_transaction_start(s.model);
    add(s.model, n, p, n, NULL);
    add(s.model, n, p, p, NULL);
    t0 = now();
    rc = run_reader(dir, &size, &found);
    t0 = now() - t0;
    ok(rc == 0,
       "a reader process runs while a write transaction is open "
       "(%.2fs)",
       t0);
    ok(size == before && found == 0,
       "it sees the state before the transaction (%d, %d)", size, found);
    librdf_model_transaction_commit(s.model);
    rc = run_reader(dir, &size, &found);
    ok(rc == 0 && size == before + 2 && found == 2,
       "after commit a reader sees the new state (%d, %d)", size, found);
    store_close(&s);
    librdf_free_node(n);
    librdf_free_node(p);
}

static void
test_sparql(const char *dir)
{
    struct store s;
    int hits, rows, want, named = 0;
    char q[512];

    log_reset();
    if (!ok(store_open(&s, dir, "new='yes'") == 0, "open store for SPARQL"))
        return;
    load_data(s.model);
    /* librdf hands rasqal each graph by its URI, so a graph named by a
     * blank node is invisible to GRAPH ?g (it still counts in the default
     * graph) */
    for (int j = 0; j < nexpect; j++)
        named +=
            expect[j].g >= 0 && librdf_node_is_resource(graph[expect[j].g]);

    rows = sparql_rows(s.model,
                       "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                       "g", graph[0], &hits);
    want = 0;
    for (int j = 0; j < nexpect; j++)
        want += expect[j].g == 0;
    is_int(rows, named,
           "GRAPH ?g { ?s ?p ?o } returns every quad of a "
           "URI-named graph");
    is_int(hits, want, "with ?g bound to the right graph");

    rows = sparql_rows(s.model, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", NULL,
                       NULL, NULL);
    is_int(rows, nexpect, "the default graph is the union of all graphs");

    snprintf(q, sizeof q,
             "SELECT ?s ?o WHERE { GRAPH <" EX "g1> { ?s <" EX "p1> ?o } }");
    want = 0;
    for (int j = 0; j < nexpect; j++)
        want += expect[j].g == 1 && expect[j].p == 1;
    is_int(sparql_rows(s.model, q, NULL, NULL, NULL), want,
           "GRAPH <g> { ?s <p> ?o }");

    snprintf(q, sizeof q,
             "SELECT DISTINCT ?g WHERE { GRAPH ?g { <" EX "s0> ?p ?o } } "
             "ORDER BY ?g");
    want = 0;
    for (int g = 0; g < NG; g++) {
        int has = 0;
        for (int j = 0; j < nexpect; j++)
            has |= expect[j].g == g && expect[j].s == 0;
        want += has && librdf_node_is_resource(graph[g]);
    }
    is_int(sparql_rows(s.model, q, NULL, NULL, NULL), want,
           "DISTINCT ?g with a bound subject");

    snprintf(q, sizeof q, "SELECT ?s WHERE { ?s <" EX "p0> \"x\"@en }");
    want = 0;
    for (int j = 0; j < nexpect; j++)
        want += expect[j].p == 0 && expect[j].o == 2;
    is_int(sparql_rows(s.model, q, NULL, NULL, NULL), want,
           "a language-tagged literal matches exactly");
    is_int(log_errors, 0, "no errors logged");
    store_close(&s);
}

static void
test_speed(const char *dir)
{
    struct store s;
    librdf_node *p[8], *lit;
    char buf[128];
    const int n = 100000;
    double t0, t1;
    int fails = 0;

    if (!ok(store_open(&s, dir, "new='yes',sync='no'") == 0,
            "open store for a speed smoke test"))
        return;
    for (int i = 0; i < 8; i++) {
        snprintf(buf, sizeof buf, EX "prop%d", i);
        p[i] = uri(buf);
    }
    t0 = now();
    for (int a = 0; a < n / 100; a++) {
        snprintf(buf, sizeof buf, EX "article/%d", a);
        librdf_node *g = uri(buf);
        librdf_model_transaction_start(s.model);
        for (int i = 0; i < 100; i++) {
            int k = a * 100 + i;
            snprintf(buf, sizeof buf, EX "entity/%d", k / 7);
            librdf_node *sn = uri(buf);
            snprintf(buf, sizeof buf, "value %d", k % 5000);
            lit = librdf_new_node_from_literal(
                world, (const unsigned char *)buf, NULL, 0);
            fails += add(s.model, sn, p[k % 8], lit, g) != 0;
            librdf_free_node(sn);
            librdf_free_node(lit);
        }
        fails += librdf_model_transaction_commit(s.model) != 0;
        librdf_free_node(g);
    }
    t1 = now();
    is_int(fails, 0, "100k quads in 1000 transactions");
    printf("# build: %.0f quads/s\n", n / (t1 - t0));
    is_int(librdf_model_size(s.model), n, "all stored");
    t0 = now();
    int found = 0;
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, EX "entity/%d", (i * 37) % (n / 7));
        librdf_node *sn = uri(buf);
        librdf_statement *pat = stmt(sn, NULL, NULL);
        found += stream_count(librdf_model_find_statements(s.model, pat));
        librdf_free_statement(pat);
        librdf_free_node(sn);
    }
    t1 = now();
    printf("# bound-subject lookup: %.1f us each\n", (t1 - t0) * 1000.0);
    ok(found >= 1000 * 7 - 10, "bound-subject lookups find their quads");
    for (int i = 0; i < 8; i++)
        librdf_free_node(p[i]);
    store_close(&s);
}

int
main(int argc, char **argv)
{
    char dir[512];

    if (argv[0] && strchr(argv[0], '/'))
        self_path = argv[0];
    if (argc == 3 && !strcmp(argv[1], "--writer"))
        return child_writer(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "--reader"))
        return child_reader(argv[2]);

    if (!mkdtemp(tmpdir)) {
        printf("Bail out! cannot create a temporary directory\n");
        return 1;
    }
    world = new_world();
    ok(world != NULL, "world with the lmdb storage registered");
    if (!world)
        return tap_done();
    log_reset();
    ok(dg_lmdb_storage_register(world) == -1, "registering twice fails");
    terms_make();

    path_in(dir, sizeof dir, "basic");
    test_basics(dir);
    path_in(dir, sizeof dir, "full");
    test_full(dir);
    path_in(dir, sizeof dir, "txn");
    test_transactions(dir);
    path_in(dir, sizeof dir, "reopen");
    test_reopen(dir);
    path_in(dir, sizeof dir, "graphs");
    test_graph_list(dir);
    path_in(dir, sizeof dir, "writemap");
    test_writemap(dir);
    path_in(dir, sizeof dir, "group");
    test_group_commit(dir);
    path_in(dir, sizeof dir, "mapfull");
    test_map_full(dir);
    path_in(dir, sizeof dir, "kill");
    test_kill(dir);
    path_in(dir, sizeof dir, "reader");
    test_concurrent_reader(dir);
    path_in(dir, sizeof dir, "sparql");
    test_sparql(dir);
    if (!getenv("DG_TEST_FAST")) {
        path_in(dir, sizeof dir, "speed");
        test_speed(dir);
    }

    terms_free();
    librdf_free_world(world);
    const char *stores[] = {"basic",  "full",    "txn",     "reopen",
                            "graphs", "mapfull", "kill",    "reader",
                            "sparql", "speed",   "writemap"};
    for (size_t i = 0; i < sizeof stores / sizeof *stores; i++)
        rm_store(stores[i]);
    rmdir(tmpdir);
    return tap_done();
}
