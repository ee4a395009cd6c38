/* fuzz-sparql-parse.c: libFuzzer target for the SPARQL 1.1 parser
 * (graph/sparql/parse.h): any bytes as query text, with and without a
 * base IRI; a query that parses is written as its algebra (sse.c).
 * Checks the parser's contract: a syntax error is DG_ERR_QUERY with a
 * message starting "line L, column C: ". */
#include "config.h"

#include "graph/sparql/algebra.h"
#include "graph/sparql/parse.h"
#include "tests/fuzz/fuzz-util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dg_error err = {0, ""};
    char *text = fuzz_cstr(data, size);
    /* the base changes how relative IRIs resolve: both ways, by length */
    const char *base = size & 1 ? "http://example.org/base/dir/doc?q#f" : NULL;
    struct dg_query *q = dg_sparql_parse(text, base, &err);
    if (q) {
        char *sse = dg_query_sse(q);
        if (!sse)
            abort();
        free(sse);
        dg_query_free(q);
    } else {
        unsigned line, col;
        char c;
        if (err.code != DG_ERR_QUERY && err.code != DG_ERR_NOMEM)
            abort();
        if (err.code == DG_ERR_QUERY &&
            (sscanf(err.msg, "line %u, column %u%c", &line, &col, &c) != 3 ||
             c != ':' || line < 1 || col < 1)) {
            fprintf(stderr, "fuzz-sparql-parse: bad error message '%s'\n",
                    err.msg);
            abort();
        }
    }
    free(text);
    return 0;
}
