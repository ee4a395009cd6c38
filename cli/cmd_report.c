/* cmd_report.c: diplograph report: one HTML page with every query. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "graph/render.h"
#include "graph/report.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph report [--store SPEC] [-o DIR] [--timeout MS] "
    "[--max-rows N]";

#define DEFAULT_DIR "out/report"

int
cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"timeout", required_argument, NULL, 't'},
        {"max-rows", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *dir = DEFAULT_DIR;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    struct dg_report_info info;
    struct dg_store *st = NULL;
    struct dg_query_opts qopts = {0, DG_CLI_REPORT_TIMEOUT, DG_CLI_MAX_ROWS};

    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "o:h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'o': dir = optarg; break;
        case 't':
            if (dg_cli_parse_long(optarg, &qopts.timeout_ms) < 0)
                return dg_cli_usage_error(
                    usage_line,
                    "report: --timeout takes milliseconds, not '%s'", optarg);
            break;
        case 'R':
            if (dg_cli_parse_long(optarg, &qopts.max_rows) < 0)
                return dg_cli_usage_error(
                    usage_line, "report: --max-rows takes a count, not '%s'",
                    optarg);
            break;
        case 'h':
            printf("%s\n\nWrites DIR/index.html (default DIR: %s) and one SVG "
                   "per diagram: every\nquery of the queries directory (%s)\n"
                   "with its title, question, diagram (inline SVG: tooltips, "
                   "node links)\nand table first; then the graph's "
                   "statistics, the events and actions\nwith links to their "
                   "evidence, an index of the entities shown, and "
                   "every\narticle's sentences.  The page is "
                   "self-contained and works offline.\nA query that fails is "
                   "shown in the page with its error and reported as a\n"
                   "warning; the rest of the report is still written, and "
                   "the exit status\nis then 1.\n\n"
                   "  --timeout MS  stop each query after MS milliseconds "
                   "(default %ld; 0: none)\n"
                   "  --max-rows N  stop a query that holds more than N rows "
                   "in memory\n"
                   "                (default %ld; 0: no limit)\n",
                   usage_line, DEFAULT_DIR, dg_cli_queries_dir(),
                   DG_CLI_REPORT_TIMEOUT, DG_CLI_MAX_ROWS);
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
    dg_store_set_query_opts(st, &qopts);
    if (dg_report_write(st, dg_cli_queries_dir(), dir, &info, &err) < 0) {
        dg_cli_fail(&err);
        goto out;
    }
    if (info.failed)
        dg_cli_warn("%zu quer%s failed (shown in the report); first: %s",
                    info.failed, info.failed == 1 ? "y" : "ies",
                    info.first_failure);
    dg_cli_note(1,
                "wrote '%s/index.html': %zu quer%s, %zu diagram%s, "
                "%zu article%s",
                dir, info.queries, info.queries == 1 ? "y" : "ies",
                info.diagrams, dg_cli_s(info.diagrams), info.articles,
                dg_cli_s(info.articles));
    status = info.failed ? DG_EXIT_FAIL : DG_EXIT_OK;
out:
    dg_render_shutdown();
    dg_store_free(st);
    return status;
}
