/* cmd_query.c: diplograph query: run SPARQL, print a table. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph query [--store SPEC] "
    "[-f table|tsv|csv|json|xml|ntriples|turtle]\n"
    "                        [--default-graph union|stored] [--timeout MS] "
    "[--explain]\n"
    "                        (FILE.rq | -e 'SPARQL')";

int
cmd_query(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"expr", required_argument, NULL, 'e'},
        {"default-graph", required_argument, NULL, 'D'},
        {"timeout", required_argument, NULL, 'T'},
        {"explain", no_argument, NULL, 'X'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *expr = NULL;
    int fmt = isatty(STDOUT_FILENO) ? DG_FMT_TABLE : DG_FMT_TSV;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    char *text = NULL;
    struct dg_store *st = NULL;
    struct dg_results *r = NULL;
    struct dg_query_opts opts = {0, 0, 0};
    int explain = 0;
    char *end;

    optind = 1;
    while ((c = getopt_long(argc, argv, "f:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'e': expr = optarg; break;
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
            opts.timeout_ms = strtol(optarg, &end, 10);
            if (end == optarg || *end || opts.timeout_ms < 0)
                return dg_cli_usage_error(
                    usage_line, "query: --timeout takes milliseconds, not '%s'",
                    optarg);
            break;
        case 'X': explain = 1; break;
        case 'h':
            printf(
                "%s\n\nRuns a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query "
                "on the store.\nSELECT and ASK: -f json, xml, csv and tsv "
                "are the W3C SPARQL 1.1 results\nformats; the default is an "
                "aligned table with labels on a terminal, TSV\notherwise.  "
                "CONSTRUCT and DESCRIBE: -f ntriples (the default off a\n"
                "terminal; tsv gives the same), turtle, or rows of subject,\n"
                "predicate and object (table, csv, json, xml)."
                "\n--default-graph union (the default) queries the merge of "
                "every graph but\nthe ontology's; stored only the default "
                "graph (load --default).\n--timeout MS stops a query that "
                "runs longer.\n--explain prints the query's algebra and the "
                "plan chosen on this store\n(join order, estimates) instead "
                "of running it.\n",
                usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_usage_error(usage_line, "query: bad option");
        }
    }
    if ((expr && optind != argc) || (!expr && optind + 1 != argc))
        return dg_cli_usage_error(usage_line,
                                  "query: give one FILE.rq or -e 'SPARQL'");
    if (!expr) {
        size_t len;
        if (!(text = dg_cli_read_file(argv[optind], &len, &err)))
            return dg_cli_fail(&err);
        expr = text;
    }
    if (!(st = dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ, NULL,
                             &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    if (explain) {
        if (dg_store_explain(st, expr, &opts, stdout, &err) < 0) {
            if (text)
                dg_cli_error("'%s': %s", argv[optind], err.msg);
            else
                status = dg_cli_fail(&err);
            goto out;
        }
        status = DG_EXIT_OK;
        goto out;
    }
    if (!(r = dg_store_query_opts(st, expr, &opts, &err))) {
        if (text)
            dg_cli_error("'%s': %s", argv[optind], err.msg);
        else
            status = dg_cli_fail(&err);
        goto out;
    }
    if (dg_results_write(r, fmt, stdout, dg_store_label_cb, st, &err) < 0) {
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
