/* test-store-write.c: the store calls that serve's Graph Store Protocol
 * writes with (graph/store/store.h): dg_store_load_buffer (add, replace,
 * all or nothing), dg_store_drop_graph, and a query dataset given beside
 * the query (dg_store_query_dataset), on a fresh lmdb store. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/store/store.h"
#include "tests/unit/tap.h"

#define G1 "http://ex.org/g1"
#define G2 "http://ex.org/g2"

/* The number of triples in graph g (NULL: the true default graph). */
static long
count(struct dg_store *st, const char *g)
{
    char q[256];
    struct dg_query_opts opts = {1, 0, 0};
    struct dg_error err = {0, ""};
    if (g)
        snprintf(q, sizeof q,
                 "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }",
                 g);
    else
        snprintf(q, sizeof q, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    struct dg_results *r = dg_store_query_opts(st, q, &opts, &err);
    long n = r && r->nrows == 1 ? atol(dg_results_cell(r, 0, 0)->value) : -1;
    if (!r)
        printf("# %s\n", err.msg);
    dg_results_free(r);
    return n;
}

static int
load(struct dg_store *st, const char *text, const char *syntax,
     const char *graph, int replace, struct dg_error *err)
{
    size_t added = 0;
    return dg_store_load_buffer(st, text, strlen(text), "the text", syntax,
                                graph, "http://ex.org/base/", replace, &added,
                                err);
}

int
main(void)
{
    char dir[] = "/tmp/dg-test-store-write.XXXXXX";
    char spec[64];
    struct dg_error err = {0, ""};
    if (!mkdtemp(dir))
        return 1;
    snprintf(spec, sizeof spec, "lmdb:%s/st", dir);
    struct dg_store *st = dg_store_open(spec, DG_STORE_CREATE, NULL, &err);
    ok(st != NULL, "open a new lmdb store");
    if (!st)
        return tap_done();

    const char *ttl = "@prefix ex: <http://ex.org/> .\n"
                      "ex:a ex:p 1, 2 .\n<rel> ex:p ex:b .\n";
    ok(load(st, ttl, "turtle", G1, 0, &err) == 0, "load Turtle into g1");
    is_int(count(st, G1), 3, "g1 holds 3 triples");
    ok(load(st, "<http://ex.org/a> <http://ex.org/q> \"x\" .\n", "ntriples", G1,
            0, &err) == 0,
       "add N-Triples to g1");
    is_int(count(st, G1), 4, "adding keeps the old triples");
    struct dg_results *r = dg_store_query(
        st, "ASK { GRAPH <" G1 "> { <http://ex.org/base/rel> ?p ?o } }", &err);
    ok(r && r->boolean, "a relative IRI resolves against the base");
    dg_results_free(r);

    ok(load(st, "<http://ex.org/c> <http://ex.org/p> <http://ex.org/d> .\n",
            "ntriples", G1, 1, &err) == 0,
       "replace g1");
    is_int(count(st, G1), 1, "replacing leaves only the new triple");

    dg_error_clear(&err);
    ok(load(st, "<http://ex.org/e> <http://ex.org/p> .\n", "ntriples", G1, 1,
            &err) < 0 &&
           err.code == DG_ERR_INPUT && strstr(err.msg, "cannot parse"),
       "a parse error fails with DG_ERR_INPUT");
    is_int(count(st, G1), 1, "a failed replace leaves the graph as it was");
    dg_error_clear(&err);
    ok(load(st, "<http://ex.org/e> <http://ex.org/p> \"a\\u0000b\" .\n",
            "ntriples", G1, 1, &err) < 0 &&
           strstr(err.msg, "NUL"),
       "an escaped NUL is refused");
    dg_error_clear(&err);
    ok(load(st, "x", "nquads", G1, 0, &err) < 0 && err.code == DG_ERR_USAGE,
       "a quad syntax is refused for one graph");

    ok(load(st, "", "turtle", G2, 1, &err) == 0 && count(st, G2) == 0,
       "an empty body makes an empty graph");
    ok(load(st, ttl, "turtle", DG_STORE_DEFAULT_GRAPH, 0, &err) == 0,
       "load into the default graph");
    is_int(count(st, NULL), 3, "the default graph holds 3 triples");
    is_int(count(st, G1), 1, "g1 is untouched");

    const char *dflt[] = {G1};
    struct dg_query_dataset ds = {1, 0, dflt, NULL};
    r = dg_store_query_dataset(st, "SELECT * WHERE { ?s ?p ?o }", NULL, &ds,
                               &err);
    ok(r && r->nrows == 1, "a dataset beside the query makes g1 the default");
    dg_results_free(r);
    r = dg_store_query_dataset(st, "SELECT * FROM <" G2 "> WHERE { ?s ?p ?o }",
                               NULL, &ds, &err);
    ok(r && r->nrows == 1, "the dataset replaces the query's FROM");
    dg_results_free(r);

    ok(dg_store_drop_graph(st, G1, &err) == 0 && count(st, G1) == 0, "drop g1");
    ok(dg_store_drop_graph(st, G1, &err) == 0, "dropping it again succeeds");
    ok(dg_store_drop_graph(st, DG_STORE_DEFAULT_GRAPH, &err) == 0 &&
           count(st, NULL) == 0,
       "drop the default graph");

    dg_store_free(st);

    /* a store without transactions: a failed replace must not clear */
    if (!(st = dg_store_open("memory:", DG_STORE_CREATE, NULL, &err)))
        return ok(0, "open a memory store"), tap_done();
    ok(load(st, ttl, "turtle", G1, 1, &err) == 0 && count(st, G1) == 3,
       "memory: load g1");
    dg_error_clear(&err);
    ok(load(st,
            "<http://ex.org/e> <http://ex.org/p> <http://ex.org/f> .\n"
            "<http://ex.org/e> <http://ex.org/p> .\n",
            "ntriples", G1, 1, &err) < 0 &&
           err.code == DG_ERR_INPUT,
       "memory: a replace with a parse error fails");
    is_int(count(st, G1), 3, "memory: and leaves the old graph whole");
    ok(load(st, "<http://ex.org/e> <http://ex.org/p> <http://ex.org/f> .\n",
            "ntriples", G1, 1, &err) == 0 &&
           count(st, G1) == 1,
       "memory: a good replace replaces");
    dg_store_free(st);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# cannot remove %s\n", dir);
    return tap_done();
}
