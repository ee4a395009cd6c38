/* cmd_query.c: diplograph query: run SPARQL, print a table. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/file.h"
#include "common/output.h"
#include "graph/remote.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph query [--store SPEC] "
    "[-f FORMAT]\n"
    "                        [--default-graph union|stored] [--timeout MS] "
    "[--max-rows N]\n"
    "                        [--explain] [-o FILE] (FILE.rq | -e 'SPARQL')\n"
    "       diplograph query --endpoint URL [--auth FILE] "
    "[-f FORMAT]\n"
    "                        [--timeout MS] [-o FILE] (FILE.rq | -e 'SPARQL')";

/* The Accept header asking an endpoint for format fmt: what `query -f
 * fmt` prints here (-1: TSV, or Turtle for a graph result). */
static const char *
endpoint_accept(int fmt)
{
    switch (fmt) {
    case DG_FMT_CSV: return "text/csv";
    case DG_FMT_JSON: return "application/sparql-results+json";
    case DG_FMT_XML: return "application/sparql-results+xml";
    case DG_FMT_NTRIPLES:
    case DG_FMT_NQUADS: return "application/n-triples";
    case DG_FMT_TURTLE: return "text/turtle";
    case DG_FMT_JSONLD: return "application/ld+json";
    case DG_FMT_TABLE: /* parsed back: dg_remote_parse_answer */
        return "text/tab-separated-values, application/n-triples;q=0.9";
    default: return "text/tab-separated-values, text/turtle;q=0.9";
    }
}

/* query --endpoint: the query over the SPARQL protocol, the answer's
 * bytes written as they came (fmt -1: TSV, or Turtle for a graph). */
static int
query_endpoint(const char *url, const char *auth_file, int fmt, long timeout_ms,
               const char *query, const char *output)
{
    struct dg_error err = {0, ""};
    struct dg_remote *rm = NULL;
    struct dg_output o;
    char *auth = NULL, *answer = NULL;
    struct dg_results *r = NULL; /* the answer parsed, for the table */
    size_t len = 0;
    int status = DG_EXIT_FAIL, rc;
    FILE *fp;

    if (auth_file &&
        !(auth = dg_cli_read_secret(auth_file, DG_SECRET_REMOTE, &err)))
        return dg_cli_fail(&err);
    struct dg_remote_opts ro = {auth, 3, 500L, timeout_ms};
    if (!(rm = dg_remote_new(&ro, &err)) ||
        !(answer = dg_remote_query(rm, url, query, endpoint_accept(fmt), &len,
                                   &err)) ||
        (fmt == DG_FMT_TABLE &&
         !(r = dg_remote_parse_answer(answer, len, &err))) ||
        !(fp = dg_output_open(&o, output, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    if (r) /* labels are the server's: IRIs are shortened instead */
        rc = dg_results_write(r, fmt, fp, NULL, NULL, &err);
    else
        rc = fwrite(answer, 1, len, fp) == len ? 0 : -1;
    if (dg_output_finish(&o, rc, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    status = DG_EXIT_OK;
out:
    dg_remote_free(rm);
    dg_results_free(r);
    free(answer);
    dg_file_free_secret(auth);
    return status;
}

int
cmd_query(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"expr", required_argument, NULL, 'e'},
        {"default-graph", required_argument, NULL, 'D'},
        {"timeout", required_argument, NULL, 'T'},
        {"max-rows", required_argument, NULL, 'R'},
        {"explain", no_argument, NULL, 'X'},
        {"output", required_argument, NULL, 'o'},
        {"endpoint", required_argument, NULL, 'E'},
        {"auth", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *expr = NULL, *output = NULL;
    const char *endpoint = NULL, *auth_file = NULL;
    int fmt = -1;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    char *text = NULL;
    struct dg_store *st = NULL;
    struct dg_results *r = NULL;
    struct dg_output o;
    FILE *fp;
    struct dg_query_opts opts = {0, 0, DG_CLI_MAX_ROWS};
    int explain = 0;

    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "f:e:o:h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'e': expr = optarg; break;
        case 'o': output = optarg; break;
        case 'f':
            if ((fmt = dg_format_parse(optarg)) < 0)
                return dg_cli_usage_error(usage_line,
                                          "query: unknown format '%s'", optarg);
            break;
        case 'D':
            if (!strcmp(optarg, "union"))
                opts.stored_default = 0;
            else if (!strcmp(optarg, "stored"))
                opts.stored_default = 1;
            else
                return dg_cli_usage_error(
                    usage_line,
                    "query: --default-graph takes union or "
                    "stored, not '%s'",
                    optarg);
            break;
        case 'T':
            if (dg_cli_parse_long(optarg, &opts.timeout_ms) < 0)
                return dg_cli_usage_error(
                    usage_line, "query: --timeout takes milliseconds, not '%s'",
                    optarg);
            break;
        case 'R':
            if (dg_cli_parse_long(optarg, &opts.max_rows) < 0)
                return dg_cli_usage_error(
                    usage_line, "query: --max-rows takes a count, not '%s'",
                    optarg);
            break;
        case 'X': explain = 1; break;
        case 'E': endpoint = optarg; break;
        case 'a': auth_file = optarg; break;
        case 'h':
            printf(
                "%s\n\nRuns a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query "
                "on the store.\nSELECT and ASK: -f json, xml, csv and tsv "
                "are the W3C SPARQL 1.1 results\nformats; the default is an "
                "aligned table with labels on a terminal, TSV\notherwise.  "
                "CONSTRUCT and DESCRIBE print a graph: -f turtle (the\n"
                "default), ntriples, nquads (the same lines), jsonld "
                "(JSON-LD 1.1), or\ntable (rows of subject, predicate and "
                "object with labels).  A format that\ndoes not fit the "
                "query is a usage error (exit 2)."
                "\n--default-graph union (the default) queries the merge of "
                "every graph but\nthe ontology's; stored only the default "
                "graph (load --default).\n--timeout MS stops a query that "
                "runs longer (default: none).\n--max-rows N stops a query "
                "that holds more than N rows in memory\n(results, sorts, "
                "joins built in memory; default %ld, 0: no limit).\n--explain "
                "prints the query's algebra and the "
                "plan chosen on this store\n(join order, estimates) instead "
                "of running it.\n-o FILE writes FILE (replaced only when the "
                "query succeeded) instead\nof standard output.\n--endpoint URL "
                "sends the query to that SPARQL endpoint instead (SPARQL\n"
                "1.1 Protocol, POST form-encoded) and prints its answer in "
                "the format -f\nasks for (the table, parsed from TSV, shortens "
                "IRIs "
                "with prefixes\nrather than show labels); --auth "
                "FILE as for push; --timeout MS\nbounds the request.\n",
                usage_line, DG_CLI_MAX_ROWS);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "f:e:o:h", argv);
        }
    }
    if ((expr && optind != argc) || (!expr && optind + 1 != argc))
        return dg_cli_usage_error(usage_line,
                                  "query: give one FILE.rq or -e 'SPARQL'");
    if (endpoint && (explain || store_opt))
        return dg_cli_usage_error(usage_line, "query: --endpoint goes without "
                                              "--explain and --store");
    if (auth_file && !endpoint)
        return dg_cli_usage_error(usage_line,
                                  "query: --auth goes with --endpoint");
    int tty = (!output || !strcmp(output, "-")) && isatty(STDOUT_FILENO);
    if (fmt < 0 && endpoint && tty) /* the table is for a terminal */
        fmt = DG_FMT_TABLE;
    if (!expr) {
        size_t len;
        if (!(text = dg_cli_read_file(argv[optind], DG_CLI_MAX_QUERY_BYTES,
                                      DG_FILE_NO_NUL, &len, &err)))
            return dg_cli_fail(&err);
        expr = text;
    }
    if (endpoint) {
        status = query_endpoint(endpoint, auth_file, fmt, opts.timeout_ms, expr,
                                output);
        goto out;
    }
    if (!(st = dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ, NULL,
                             &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    if (!explain && !(r = dg_store_query_opts(st, expr, &opts, &err))) {
        if (text)
            dg_cli_error("'%s': %s", argv[optind], err.msg);
        else
            status = dg_cli_fail(&err);
        goto out;
    }
    if (r && fmt < 0) /* a graph as Turtle; a table for a terminal */
        fmt = r->kind == DG_RESULTS_GRAPH ? DG_FMT_TURTLE
              : tty                       ? DG_FMT_TABLE
                                          : DG_FMT_TSV;
    if (r && !dg_format_fits(fmt, r->kind)) {
        status = dg_cli_usage_error(
            usage_line,
            "query: format '%s' does not fit a %s result: use -f %s",
            dg_format_name(fmt),
            r->kind == DG_RESULTS_GRAPH ? "CONSTRUCT or DESCRIBE"
                                        : "SELECT or ASK",
            dg_format_fitting(r->kind));
        goto out;
    }
    if (!(fp = dg_output_open(&o, output, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    if (dg_output_finish(
            &o,
            explain ? dg_store_explain(st, expr, &opts, fp, &err)
                    : dg_results_write(r, fmt, fp, dg_store_label_cb, st, &err),
            &err) < 0) {
        if (explain && text && err.code == DG_ERR_QUERY)
            dg_cli_error("'%s': %s", argv[optind], err.msg);
        else
            status = dg_cli_fail(&err);
        goto out;
    }
    status = DG_EXIT_OK;
out:
    dg_results_free(r);
    dg_store_free(st);
    free(text);
    return status;
}
