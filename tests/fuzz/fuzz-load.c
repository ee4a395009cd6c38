/* fuzz-load.c: libFuzzer target for the RDF loaders as `diplograph load`
 * calls them (dg_store_load_file).  The first input byte picks the
 * syntax (its low two bits: N-Triples, Turtle, TriG, N-Quads) and the
 * target graph (the next two: the file's URI, a named graph, the default
 * graph), the next two the export syntax, and the top bit the store: a
 * fresh memory store, or a fresh LMDB store (the default kind) in a
 * scratch directory.  The rest is written to a file with the syntax's
 * extension and loaded; the store is then counted (a failed load into
 * LMDB must leave it empty: a file is stored whole or not at all),
 * exported, and queried with the SPARQL engine. */
#include "config.h"

#include "graph/results.h"
#include "graph/store/store.h"
#include "tests/fuzz/fuzz-util.h"

static const char *dir;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dir = fuzz_scratch_dir();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const ext[] = {"nt", "ttl", "trig", "nq"};
    static const char *const export_as[] = {"ntriples", "turtle", "trig",
                                            "nquads"};
    static const char *const graphs[] = {NULL, "http://example.org/g",
                                         DG_STORE_DEFAULT_GRAPH, NULL};
    struct dg_error err = {0, ""};
    struct dg_store *st = NULL;
    struct dg_results *r = NULL;
    char path[4200];
    size_t added = 0;
    if (size < 1)
        return 0;
    int syn = data[0] & 3;
    const char *graph = graphs[(data[0] >> 2) & 3];
    snprintf(path, sizeof path, "%s/input.%s", dir, ext[syn]);
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data + 1, 1, size - 1, fp) != size - 1 || fclose(fp)) {
        perror("fuzz-load: cannot write the input");
        abort();
    }
    int lmdb = data[0] >> 7;
    char spec[4200];
    if (lmdb)
        snprintf(spec, sizeof spec, "lmdb:%s/store", dir);
    else
        snprintf(spec, sizeof spec, "memory:");
    if (!(st = dg_store_open(spec, DG_STORE_CREATE, NULL, &err))) {
        fprintf(stderr, "fuzz-load: cannot open '%s': %s\n", spec, err.msg);
        abort();
    }
    if (dg_store_load_file(st, path, NULL, graph, &added, &err) < 0) {
        if (!err.code || !err.msg[0])
            abort(); /* a failure must say why */
        struct dg_store_counts c;
        if (dg_store_counts(st, &c, &err) < 0 || (lmdb && c.triples != 0))
            abort(); /* all of the file or nothing */
        goto out;
    }
    struct dg_store_counts c;
    if (dg_store_counts(st, &c, &err) < 0 || c.triples < 0 ||
        (size_t)c.triples > added)
        abort();
    struct dg_error e2 = {0, ""};
    if (dg_store_export(st, export_as[data[0] >> 4 & 3], NULL, fuzz_devnull(),
                        NULL, &e2) < 0) {
        fprintf(stderr, "fuzz-load: export failed: %s\n", e2.msg);
        abort();
    }
    r = dg_store_query(st,
                       "SELECT ?g ?s ?p ?o { { ?s ?p ?o } UNION "
                       "{ GRAPH ?g { ?s ?p ?o } } FILTER(STR(?o) != \"\") }",
                       &err);
    if (!r) {
        fprintf(stderr, "fuzz-load: query failed: %s\n", err.msg);
        abort();
    }
    if (dg_results_write(r, DG_FMT_JSON, fuzz_devnull(), NULL, NULL, &err) < 0)
        abort();
out:
    dg_results_free(r);
    dg_store_free(st);
    if (lmdb) {
        snprintf(path, sizeof path, "%s/store", dir);
        fuzz_rm_tree(path);
    }
    return 0;
}
