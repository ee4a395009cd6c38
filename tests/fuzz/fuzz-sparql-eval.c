/* fuzz-sparql-eval.c: libFuzzer target for the SPARQL evaluator: any
 * bytes as a query, parsed and run (as `diplograph query` runs one) on an
 * LMDB store built once from tests/fixtures/articles.trig and the
 * ontology; the results are written in every format that fits them.
 * Each run is bounded by the query timeout and a row limit
 * (DG_FUZZ_TIMEOUT_MS, default 500; DG_FUZZ_MAX_ROWS, default 2000) so
 * that only real hangs and blow-ups are findings.
 *
 * Differential check: the same data is also in a memory store, which the
 * engine reads through its in-memory dataset (graph/store/mem_dataset.c)
 * instead of LMDB (graph/store/lmdb_dataset.c).  A query whose answer
 * does not depend on order or chance (no LIMIT, OFFSET, SAMPLE, RAND,
 * NOW, UUID, BNODE) must give as many rows (ASK: the same answer) on
 * both, or fail on both.  DG_FUZZ_DIFF=0 turns this off. */
#include "config.h"

#include <strings.h>

#include "graph/results.h"
#include "graph/store/store.h"
#include "tests/fuzz/fuzz-util.h"

static struct dg_store *store, *mem;
static int diff = 1;
static struct dg_query_opts qopts = {0, 500, 2000};

static void
close_store(void)
{
    dg_store_free(store); /* before the scratch directory goes */
    dg_store_free(mem);
    store = mem = NULL;
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
        qopts.max_rows = atol(e);
    if ((e = getenv("DG_FUZZ_DIFF")))
        diff = atoi(e);
    snprintf(spec, sizeof spec, "lmdb:%s/store", fuzz_scratch_dir());
    fuzz_src_path(onto, sizeof onto, "graph/diplograph.ttl");
    fuzz_src_path(trig, sizeof trig, "tests/fixtures/articles.trig");
    if (!(store = dg_store_open(spec, DG_STORE_CREATE, onto, &err)) ||
        dg_store_load_file(store, trig, "trig", NULL, NULL, &err) < 0 ||
        dg_store_sync(store, &err) < 0 ||
        !(mem = dg_store_open("memory:", DG_STORE_CREATE, onto, &err)) ||
        dg_store_load_file(mem, trig, "trig", NULL, NULL, &err) < 0) {
        fprintf(stderr, "fuzz-sparql-eval: cannot build the store: %s\n",
                err.msg);
        exit(1);
    }
    atexit(close_store); /* runs before fuzz_scratch_dir's handler */
    return 0;
}

/* 1 when the query's answer may depend on scan order or chance */
static int
nondeterministic(const char *text)
{
    static const char *const words[] = {"LIMIT", "OFFSET", "SAMPLE", "RAND",
                                        "NOW",   "UUID",   "BNODE"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        for (const char *t = text; *t; t++)
            if (!strncasecmp(t, words[i], strlen(words[i])))
                return 1;
    return 0;
}

/* 1 when err is the timeout or the row limit, which one dataset may reach
 * and the other not */
static int
bounded(const struct dg_error *err)
{
    return strstr(err->msg, "timed out") || strstr(err->msg, "more than");
}

/* Runs text on the memory store and compares with r/err from LMDB;
 * aborts on a difference, after printing it. */
static void
compare_mem(const char *text, const struct dg_query_opts *o,
            const struct dg_results *r, const struct dg_error *err)
{
    struct dg_error merr = {0, ""};
    struct dg_results *m = dg_store_query_opts(mem, text, o, &merr);
    int differ = 0;
    if (!r || !m)
        differ = !r != !m && !bounded(!r ? err : &merr);
    else if (r->kind != m->kind || r->nrows != m->nrows ||
             (r->kind == DG_RESULTS_BOOLEAN && r->boolean != m->boolean))
        differ = 1;
    if (differ) {
        fprintf(stderr,
                "fuzz-sparql-eval: lmdb and memory differ: lmdb %s (%zu "
                "rows, %d), memory %s (%zu rows, %d)\n",
                r ? "ok" : err->msg, r ? r->nrows : 0, r ? r->boolean : -1,
                m ? "ok" : merr.msg, m ? m->nrows : 0, m ? m->boolean : -1);
        abort();
    }
    dg_results_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int formats[] = {DG_FMT_TABLE,  DG_FMT_TSV,    DG_FMT_CSV,
                                  DG_FMT_JSON,   DG_FMT_XML,    DG_FMT_NTRIPLES,
                                  DG_FMT_TURTLE, DG_FMT_NQUADS, DG_FMT_JSONLD};
    struct dg_error err = {0, ""};
    char *text = fuzz_cstr(data, size);
    struct dg_query_opts o = qopts;
    /* both views of the default graph, chosen by the length */
    o.stored_default = (int)(size & 1);
    struct dg_results *r = dg_store_query_opts(store, text, &o, &err);
    if (diff && !nondeterministic(text))
        compare_mem(text, &o, r, &err);
    if (!r) {
        if (!err.code || !err.msg[0])
            abort(); /* a failure must say why */
    } else {
        for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
            int fits = dg_format_fits(formats[i], r->kind);
            struct dg_error werr = {0, ""};
            int rc = dg_results_write(r, formats[i], fuzz_devnull(),
                                      dg_store_label_cb, store, &werr);
            /* only a format that does not fit the result may fail, and
             * that one must */
            if ((rc < 0) == fits) {
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
