/* fuzz-sparql-eval.c: libFuzzer target for the SPARQL evaluator: any
 * bytes as a query, parsed and run (as `diplograph query` runs one) on an
 * LMDB store built once from tests/fixtures/articles.trig and the
 * ontology; the results are written in every format that fits them.
 * Each run is bounded by the query timeout and a row limit
 * (DG_FUZZ_TIMEOUT_MS, default 500; DG_FUZZ_MAX_ROWS, default 2000) so
 * that only real hangs and blow-ups are findings. */
#include "config.h"

#include "graph/results.h"
#include "graph/store/store.h"
#include "tests/fuzz/fuzz-util.h"

static struct dg_store *store;
static struct dg_query_opts qopts = {0, 500, 2000};

static void
close_store(void)
{
    dg_store_free(store); /* before the scratch directory goes */
    store = NULL;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct dg_error err = {0, ""};
    char spec[4200], onto[4096], trig[4096];
    const char *e;
    (void)argc;
    (void)argv;
    if ((e = getenv("DG_FUZZ_TIMEOUT_MS")))
        qopts.timeout_ms = atol(e);
    if ((e = getenv("DG_FUZZ_MAX_ROWS")))
        qopts.max_rows = (size_t)atol(e);
    snprintf(spec, sizeof spec, "lmdb:%s/store", fuzz_scratch_dir());
    fuzz_src_path(onto, sizeof onto, "graph/diplograph.ttl");
    fuzz_src_path(trig, sizeof trig, "tests/fixtures/articles.trig");
    if (!(store = dg_store_open(spec, DG_STORE_CREATE, onto, &err)) ||
        dg_store_load_file(store, trig, "trig", NULL, NULL, &err) < 0 ||
        dg_store_sync(store, &err) < 0) {
        fprintf(stderr, "fuzz-sparql-eval: cannot build the store: %s\n",
                err.msg);
        exit(1);
    }
    atexit(close_store); /* runs before fuzz_scratch_dir's handler */
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int formats[] = {DG_FMT_TABLE, DG_FMT_TSV, DG_FMT_CSV,
                                  DG_FMT_JSON,  DG_FMT_XML, DG_FMT_NTRIPLES,
                                  DG_FMT_TURTLE};
    struct dg_error err = {0, ""};
    char *text = fuzz_cstr(data, size);
    struct dg_query_opts o = qopts;
    /* both views of the default graph, chosen by the length */
    o.stored_default = (int)(size & 1);
    struct dg_results *r = dg_store_query_opts(store, text, &o, &err);
    if (!r) {
        if (!err.code || !err.msg[0])
            abort(); /* a failure must say why */
    } else {
        for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
            int graph = r->kind == DG_RESULTS_GRAPH;
            int needs_graph =
                formats[i] == DG_FMT_NTRIPLES || formats[i] == DG_FMT_TURTLE;
            struct dg_error werr = {0, ""};
            int rc = dg_results_write(r, formats[i], fuzz_devnull(),
                                      dg_store_label_cb, store, &werr);
            /* only a graph format for a non-graph result may fail */
            if (rc < 0 && !(needs_graph && !graph)) {
                fprintf(stderr, "fuzz-sparql-eval: format %d: %s\n", formats[i],
                        werr.msg);
                abort();
            }
        }
    }
    dg_results_free(r);
    free(text);
    return 0;
}
