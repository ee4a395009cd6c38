/* cmd_stats.c: diplograph stats: triples, graphs, entities by type. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "graph/store/store.h"

static const char usage_line[] = "usage: diplograph stats [--store SPEC]";

int
cmd_stats(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'h':
            printf("%s\n\nPrints the number of triples and named graphs, then "
                   "the number of\ndistinct entities of each rdf:type, as TSV "
                   "lines: KEY TAB COUNT.\n",
                   usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind != argc)
        return dg_cli_usage_error(usage_line, "stats: unexpected argument '%s'",
                                  argv[optind]);
    struct dg_store *st =
        dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ, NULL, &err);
    struct dg_results *r = NULL;
    struct dg_store_counts counts;
    if (!st)
        return dg_cli_fail(&err);
    if (dg_store_counts(st, &counts, &err) < 0 ||
        !(r = dg_store_type_counts(st, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    printf("triples\t%ld\ngraphs\t%ld\n", counts.triples, counts.graphs);
    for (size_t i = 0; i < r->nrows; i++) {
        const struct dg_term *t = dg_results_cell(r, i, 0);
        const struct dg_term *n = dg_results_cell(r, i, 1);
        char buf[512];
        if (t->value && n->value)
            printf("%s\t%s\n", dg_iri_shorten(t->value, buf, sizeof buf),
                   n->value);
    }
    status = DG_EXIT_OK;
out:
    dg_results_free(r);
    dg_store_free(st);
    return status;
}
