/* cmd_report.c: diplograph report: one HTML page with every query. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "graph/render.h"
#include "graph/report.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph report [--store SPEC] [-o DIR]";

#define DEFAULT_DIR "out/report"

int
cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *dir = DEFAULT_DIR;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    struct dg_report_info info;
    struct dg_store *st = NULL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'o': dir = optarg; break;
        case 'h':
            printf("%s\n\nWrites DIR/index.html (default DIR: %s) and one SVG "
                   "per diagram: every\nquery of the queries directory (%s)\n"
                   "with its title, question, diagram and table, the graph's "
                   "statistics,\nthe events and actions with links to their "
                   "evidence, and every\narticle's sentences.  The page is "
                   "self-contained and works offline.\nA query that fails is "
                   "shown in the page and reported as a warning.\n",
                   usage_line, DEFAULT_DIR, dg_cli_queries_dir());
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "o:h", argv);
        }
    }
    if (optind != argc)
        return dg_cli_usage_error(
            usage_line, "report: unexpected argument '%s'", argv[optind]);
    if (!(st = dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ, NULL,
                             &err)))
        return dg_cli_fail(&err);
    if (dg_report_write(st, dg_cli_queries_dir(), dir, &info, &err) < 0) {
        dg_cli_fail(&err);
        goto out;
    }
    if (info.failed)
        dg_cli_warn("%zu quer%s failed (shown in the report); first: %s",
                    info.failed, info.failed == 1 ? "y" : "ies",
                    info.first_failure);
    dg_cli_note(1,
                "wrote '%s/index.html': %zu queries, %zu diagrams, "
                "%zu articles",
                dir, info.queries, info.diagrams, info.articles);
    status = DG_EXIT_OK;
out:
    dg_render_shutdown();
    dg_store_free(st);
    return status;
}
