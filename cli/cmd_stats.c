/* cmd_stats.c: diplograph stats: triples, graphs, entities by type. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "graph/store/store.h"

static const char usage_line[] = "usage: diplograph stats [--store SPEC]";

/* entities of the article graphs only, not the ontology's classes; counted
 * here rather than with COUNT(DISTINCT), which rasqal 0.9.33 gets wrong
 * when the union of graphs repeats a triple */
static const char by_type[] =
    "SELECT DISTINCT ?type ?s WHERE { GRAPH ?g { ?s a ?type } "
    "FILTER(?g != <https://w3id.org/diplograph/ns>) } ORDER BY ?type ?s";

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
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'h':
            printf("%s\n\nPrints the number of triples and named graphs, then "
                   "the number of\ndistinct entities of each rdf:type, as TSV "
                   "lines: KEY TAB COUNT.\n",
                   usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_usage_error(usage_line, "stats: bad option");
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
        !(r = dg_store_query(st, by_type, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    printf("triples\t%ld\ngraphs\t%ld\n", counts.triples, counts.graphs);
    for (size_t i = 0; i < r->nrows;) {
        const struct dg_term *t = dg_results_cell(r, i, 0);
        size_t j = i + 1, n = 1;
        char buf[512];
        for (; j < r->nrows; j++) {
            const struct dg_term *u = dg_results_cell(r, j, 0);
            if (!t->value || !u->value || strcmp(t->value, u->value))
                break;
            /* rows are distinct and sorted: a new ?s each time */
            n++;
        }
        if (t->value)
            printf("%s\t%zu\n", dg_iri_shorten(t->value, buf, sizeof buf), n);
        i = j;
    }
    status = DG_EXIT_OK;
out:
    dg_results_free(r);
    dg_store_free(st);
    return status;
}
