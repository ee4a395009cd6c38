/* test-jsonld.c: graph/jsonld.h: the exact JSON-LD of a small dataset
 * (order of rows, repeated quads, default and named graphs, literals,
 * blank nodes, escapes), an empty one, and what cannot be written. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/jsonld.h"
#include "graph/results.h"
#include "tests/unit/tap.h"

#define XSD "http://www.w3.org/2001/XMLSchema#"

/* one term spec: kind letter, value, datatype or language */
struct spec {
    char kind; /* 'i' IRI, 'b' blank, 'l' literal, 'L' language, '-' none */
    const char *value, *extra;
};

static int
set(struct dg_term *t, const struct spec *s)
{
    switch (s->kind) {
    case 'i': return dg_term_set(t, DG_TERM_IRI, s->value, NULL, NULL);
    case 'b': return dg_term_set(t, DG_TERM_BLANK, s->value, NULL, NULL);
    case 'l': return dg_term_set(t, DG_TERM_LITERAL, s->value, s->extra, NULL);
    case 'L': return dg_term_set(t, DG_TERM_LITERAL, s->value, NULL, s->extra);
    default: return 0;
    }
}

static struct dg_results *
make(int kind, size_t ncols, const struct spec (*rows)[4], size_t nrows)
{
    static const char *names[] = {"s", "p", "o", "g"};
    struct dg_results *r = dg_results_new(kind);
    for (size_t c = 0; r && c < ncols; c++)
        if (dg_results_add_var(r, names[c]) < 0)
            return NULL;
    for (size_t i = 0; r && i < nrows; i++) {
        struct dg_term *row = dg_results_add_row(r);
        for (size_t c = 0; row && c < ncols; c++)
            if (set(&row[c], &rows[i][c]) < 0)
                return NULL;
    }
    return r;
}

/* the output of dg_jsonld_write (caller frees), NULL on failure */
static char *
write_str(const struct dg_results *r, struct dg_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    int rc = fp ? dg_jsonld_write(r, fp, err) : -1;
    if (fp)
        fclose(fp);
    if (rc < 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* clang-format off */
#define I(v) {'i', v, NULL}
#define B(v) {'b', v, NULL}
#define LIT(v, dt) {'l', v, dt}
#define LANG(v, tag) {'L', v, tag}
#define NONE {'-', NULL, NULL}
/* clang-format on */

static const struct spec quads[][4] = {
    /* named graph first in the rows: written after the default graph */
    {I("http://e/a"), I("http://e/p"), I("http://e/c"), I("http://e/g")},
    {B("n1"), I("http://e/q"), LIT("tab\there \"q\" \\ \x01", NULL),
     I("http://e/g")},
    {I("http://e/a"), I("http://e/p"), LANG("x", "en"), NONE},
    {I("http://e/a"), I("http://e/p"), LIT("1", XSD "integer"), NONE},
    {I("http://e/a"), I("http://e/p"), I("http://e/b"), NONE},
    /* repeated: written once */
    {I("http://e/a"), I("http://e/p"), LANG("x", "en"), NONE},
    {I("http://e/a"), I("http://e/n"), LIT("s", XSD "string"), NONE},
    {B("n1"), I("http://e/q"), B("n2"), B("g2")},
    /* not writable: a literal subject, an unbound object */
    {LIT("lit", NULL), I("http://e/p"), I("http://e/b"), NONE},
    {I("http://e/a"), I("http://e/p"), NONE, NONE},
};

static const char want_quads[] =
    "[\n"
    "  {\n"
    "    \"@id\": \"http://e/a\",\n"
    "    \"http://e/n\": [\n"
    "      { \"@value\": \"s\" }\n"
    "    ],\n"
    "    \"http://e/p\": [\n"
    "      { \"@id\": \"http://e/b\" },\n"
    "      { \"@value\": \"1\", \"@type\": "
    "\"http://www.w3.org/2001/XMLSchema#integer\" },\n"
    "      { \"@value\": \"x\", \"@language\": \"en\" }\n"
    "    ]\n"
    "  },\n"
    "  {\n"
    "    \"@id\": \"http://e/g\",\n"
    "    \"@graph\": [\n"
    "      {\n"
    "        \"@id\": \"http://e/a\",\n"
    "        \"http://e/p\": [\n"
    "          { \"@id\": \"http://e/c\" }\n"
    "        ]\n"
    "      },\n"
    "      {\n"
    "        \"@id\": \"_:n1\",\n"
    "        \"http://e/q\": [\n"
    "          { \"@value\": \"tab\\there \\\"q\\\" \\\\ \\u0001\" }\n"
    "        ]\n"
    "      }\n"
    "    ]\n"
    "  },\n"
    "  {\n"
    "    \"@id\": \"_:g2\",\n"
    "    \"@graph\": [\n"
    "      {\n"
    "        \"@id\": \"_:n1\",\n"
    "        \"http://e/q\": [\n"
    "          { \"@id\": \"_:n2\" }\n"
    "        ]\n"
    "      }\n"
    "    ]\n"
    "  }\n"
    "]\n";

int
main(void)
{
    struct dg_error err = {0, ""};
    size_t n = sizeof quads / sizeof quads[0];
    struct dg_results *r = make(DG_RESULTS_BINDINGS, 4, quads, n);
    char *got = r ? write_str(r, &err) : NULL;
    is_str(got ? got : err.msg, want_quads,
           "quads: sorted, repeated once, default graph first, escapes");
    free(got);
    dg_results_free(r);

    /* a graph result (3 columns) through dg_results_write: no @graph */
    r = make(DG_RESULTS_GRAPH, 3, quads + 4, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    int rc =
        r && fp ? dg_results_write(r, DG_FMT_JSONLD, fp, NULL, NULL, &err) : -1;
    if (fp)
        fclose(fp);
    is_int(rc, 0, "dg_results_write -f jsonld on a graph result");
    is_str(buf ? buf : "",
           "[\n  {\n    \"@id\": \"http://e/a\",\n    \"http://e/p\": [\n"
           "      { \"@id\": \"http://e/b\" }\n    ]\n  }\n]\n",
           "a graph result: its triples in the default graph");
    free(buf);
    dg_results_free(r);

    r = make(DG_RESULTS_GRAPH, 3, NULL, 0);
    got = r ? write_str(r, &err) : NULL;
    is_str(got ? got : err.msg, "[]\n", "no quads: an empty array");
    free(got);
    dg_results_free(r);

    r = make(DG_RESULTS_BINDINGS, 2, quads, 1);
    struct dg_error e2 = {0, ""};
    got = r ? write_str(r, &e2) : NULL;
    ok(!got && e2.code == DG_ERR_INTERNAL &&
           strstr(e2.msg, "3 or 4 columns") != NULL,
       "two columns: refused (%s)", e2.msg);
    free(got);
    dg_results_free(r);

    /* formats and kinds */
    ok(dg_format_parse("jsonld") == DG_FMT_JSONLD &&
           dg_format_parse("nquads") == DG_FMT_NQUADS,
       "jsonld and nquads are format names");
    ok(dg_format_fits(DG_FMT_JSONLD, DG_RESULTS_GRAPH) &&
           !dg_format_fits(DG_FMT_JSONLD, DG_RESULTS_BINDINGS) &&
           !dg_format_fits(DG_FMT_XML, DG_RESULTS_GRAPH) &&
           !dg_format_fits(DG_FMT_TSV, DG_RESULTS_GRAPH) &&
           dg_format_fits(DG_FMT_TABLE, DG_RESULTS_GRAPH) &&
           dg_format_fits(DG_FMT_TSV, DG_RESULTS_BOOLEAN),
       "which formats fit which results");
    r = make(DG_RESULTS_GRAPH, 3, quads + 4, 1);
    struct dg_error e3 = {0, ""};
    fp = fopen("/dev/null", "w");
    rc = r && fp ? dg_results_write(r, DG_FMT_XML, fp, NULL, NULL, &e3) : 0;
    if (fp)
        fclose(fp);
    ok(rc < 0 && e3.code == DG_ERR_USAGE &&
           !strcmp(e3.msg, "format 'xml' does not fit a CONSTRUCT or DESCRIBE "
                           "result: use -f turtle, ntriples, nquads, jsonld "
                           "or table"),
       "-f xml on a graph: a usage error naming the formats (%s)", e3.msg);
    dg_results_free(r);
    return tap_done();
}
