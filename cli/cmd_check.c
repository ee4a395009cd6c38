/* cmd_check.c: diplograph check: walk and cross-check an lmdb store. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "graph/store/store.h"

static const char usage_line[] = "usage: diplograph check [--store SPEC]";

/* one problem per line on stdout: the check's output is its data */
static void
print_problem(void *ctx, const char *msg)
{
    (void)ctx;
    printf("damaged: %s\n", msg);
}

int
cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL;
    unsigned long long quads = 0, terms = 0, graphs = 0;
    struct dg_error err = {0, ""};
    struct dg_store *st;
    long problems;
    int c;

    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'h':
            printf("%s\n\nReads every table of the store (an lmdb store) and "
                   "cross-checks them:\nthe six quad indexes against each "
                   "other, the dictionary both ways,\nthe graph list and the "
                   "per-predicate counts.  Prints one line per kind\nof "
                   "problem and exits 1, or \"ok: N quads, M terms, G "
                   "graphs\" and exits 0.\nIt only reads: it may run while a "
                   "build writes.\n",
                   usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind != argc)
        return dg_cli_usage_error(usage_line, "check: unexpected argument '%s'",
                                  argv[optind]);
    st = dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ_ONLY, NULL,
                       &err);
    if (!st)
        return dg_cli_fail(&err);
    problems =
        dg_store_check(st, print_problem, NULL, &quads, &terms, &graphs, &err);
    dg_store_free(st);
    if (problems < 0)
        return dg_cli_fail(&err);
    if (problems > 0)
        return dg_cli_error("store '%s' is damaged: %ld kind%s of problem",
                            dg_cli_store_spec(store_opt), problems,
                            problems == 1 ? "" : "s");
    printf("ok: %llu quad%s, %llu term%s, %llu graph%s\n", quads,
           dg_cli_s(quads), terms, dg_cli_s(terms), graphs, dg_cli_s(graphs));
    return DG_EXIT_OK;
}
