/* cmd_query.c: diplograph query: run SPARQL, print a table. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph query [--store SPEC] [-f table|tsv|csv|json|xml] "
    "(FILE.rq | -e 'SPARQL')";

int
cmd_query(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"expr", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *expr = NULL;
    int fmt = isatty(STDOUT_FILENO) ? DG_FMT_TABLE : DG_FMT_TSV;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    char *text = NULL;
    struct dg_store *st = NULL;
    struct dg_results *r = NULL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "f:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'e': expr = optarg; break;
        case 'f':
            if ((fmt = dg_format_parse(optarg)) < 0 || fmt == DG_FMT_NTRIPLES)
                return dg_cli_usage_error(usage_line,
                                          "query: unknown format '%s'", optarg);
            break;
        case 'h':
            printf(
                "%s\n\nRuns a SPARQL SELECT, ASK or CONSTRUCT query on the "
                "store.\n-f json is W3C SPARQL 1.1 Query Results JSON; the "
                "default is\nan aligned table with labels on a terminal, TSV "
                "otherwise.\nCONSTRUCT results print as N-Triples (tsv) or "
                "s/p/o rows.\n",
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
    if (!(r = dg_store_query(st, expr, &err))) {
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
