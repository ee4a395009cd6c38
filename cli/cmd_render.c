/* cmd_render.c: diplograph render: draw a query's results with Graphviz. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/output.h"
#include "common/file.h"
#include "graph/remote.h"
#include "graph/render.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph render [--store SPEC] [-T svg|png|pdf|dot] "
    "[-K dot|neato|sfdp|circo|fdp] [--max-nodes N] [-o FILE]\n"
    "                         [--timeout MS] [--max-rows N] "
    "(FILE.rq | -e 'SPARQL')\n"
    "       diplograph render --endpoint URL [--auth FILE] [-T ...] [-K ...] "
    "[--max-nodes N]\n"
    "                         [-o FILE] [--timeout MS] (FILE.rq | -e "
    "'SPARQL')";

/* the most result IRIs whose labels render --endpoint asks for */
#define RENDER_MAX_LABELS 5000

static const char help_text[] =
    "\n\nDraws the results of a SPARQL query as a diagram (default: SVG on\n"
    "standard output).  CONSTRUCT results become nodes and edges labelled\n"
    "with the predicate's label; a SELECT gives edges from ?source ?edge\n"
    "?target, or from its first columns (2: unlabelled edges, 3: the middle\n"
    "one labels the edge).  Literals become tooltip lines of their node;\n"
    "a number in an edge's row (a count) is its tooltip and thickness.\n"
    "Nodes show labels, with a shape and colour by type and a legend.\n\n"
    "  -T FORMAT   svg, png, pdf, or dot (the graph before layout, sorted)\n"
    "  -K ENGINE   layout engine; default: the query's '# render:' header,\n"
    "              else dot when it is quick and sfdp above; an engine that\n"
    "              would take more than seconds on the graph is replaced by\n"
    "              sfdp (the diagram says so; -T dot: its layout attribute)\n"
    "  --max-nodes N  draw at most N nodes, the most connected and their\n"
    "              neighbours, with at most 3 edges per node among them,\n"
    "              the strongest (default 60; 0: all, or as many as sfdp\n"
    "              lays out in seconds); --limit N is the older name\n"
    "  -o FILE     write FILE (replaced only when rendering succeeded)\n"
    "  --timeout MS   stop the query after MS milliseconds (default: none)\n"
    "  --max-rows N   stop the query when it holds more than N rows in\n"
    "                 memory (default 5000000; 0: no limit)\n\n"
    "Query header comments: '# title: TEXT' (graph label), '# render:\n"
    "ENGINE' (or 'engine=E; cluster=?var'), '# cluster: ?var' (groups the\n"
    "target nodes by that column's value), '# edges: undirected' (a\n"
    "symmetric relation: no arrows, as for an owl:SymmetricProperty).\n\n"
    "--endpoint URL asks that SPARQL endpoint instead of the store (SPARQL\n"
    "1.1 Protocol; TSV or N-Triples parsed back), then the types, labels\n"
    "and event dates of the IRIs in the answer (a second query), and draws\n"
    "them the same way; --auth FILE as for push.\n";

int
cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'T'},
        {"engine", required_argument, NULL, 'K'},
        {"limit", required_argument, NULL, 'l'},
        {"max-nodes", required_argument, NULL, 'm'},
        {"output", required_argument, NULL, 'o'},
        {"expr", required_argument, NULL, 'e'},
        {"timeout", required_argument, NULL, 't'},
        {"max-rows", required_argument, NULL, 'R'},
        {"endpoint", required_argument, NULL, 'E'},
        {"auth", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *expr = NULL, *output = NULL;
    const char *endpoint = NULL, *auth_file = NULL;
    char *auth = NULL, *answer = NULL;
    struct dg_remote *rm = NULL;
    struct dg_render_opts opts = {"svg", NULL, 0, NULL, NULL, NULL, NULL};
    struct dg_query_header header;
    struct dg_render_info info;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    char *text = NULL, *end;
    struct dg_store *st = NULL;
    struct dg_results *r = NULL;
    struct dg_output o;
    FILE *fp;
    unsigned long lim;
    long max_nodes;
    struct dg_query_opts qopts = {0, 0, DG_CLI_MAX_ROWS};

    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "T:K:o:e:h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'e': expr = optarg; break;
        case 'o': output = optarg; break;
        case 'T':
            if (!dg_render_format_ok(optarg))
                return dg_cli_usage_error(
                    usage_line, "render: unknown format '%s'", optarg);
            opts.format = optarg;
            break;
        case 'K':
            if (!dg_render_engine_ok(optarg))
                return dg_cli_usage_error(
                    usage_line, "render: unknown layout engine '%s'", optarg);
            opts.engine = optarg;
            break;
        case 'l':
            errno = 0;
            lim = strtoul(optarg, &end, 10);
            if (errno || end == optarg || *end || lim == 0 || optarg[0] == '-')
                return dg_cli_usage_error(usage_line,
                                          "render: bad --limit '%s'", optarg);
            opts.limit = (size_t)lim;
            break;
        case 'm':
            if (dg_cli_parse_long(optarg, &max_nodes) < 0)
                return dg_cli_usage_error(
                    usage_line, "render: --max-nodes takes a count, not '%s'",
                    optarg);
            opts.limit = max_nodes ? (size_t)max_nodes : DG_RENDER_ALL;
            break;
        case 't':
            if (dg_cli_parse_long(optarg, &qopts.timeout_ms) < 0)
                return dg_cli_usage_error(
                    usage_line,
                    "render: --timeout takes milliseconds, not '%s'", optarg);
            break;
        case 'R':
            if (dg_cli_parse_long(optarg, &qopts.max_rows) < 0)
                return dg_cli_usage_error(
                    usage_line, "render: --max-rows takes a count, not '%s'",
                    optarg);
            break;
        case 'E': endpoint = optarg; break;
        case 'a': auth_file = optarg; break;
        case 'h': printf("%s%s", usage_line, help_text); return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "T:K:o:e:h", argv);
        }
    }
    if ((expr && optind != argc) || (!expr && optind + 1 != argc))
        return dg_cli_usage_error(usage_line,
                                  "render: give one FILE.rq or -e 'SPARQL'");
    if (!expr) {
        size_t len;
        if (!(text = dg_cli_read_file(argv[optind], DG_CLI_MAX_QUERY_BYTES,
                                      DG_FILE_NO_NUL, &len, &err)))
            return dg_cli_fail(&err);
        expr = text;
    }
    if (endpoint && store_opt) {
        status = dg_cli_usage_error(usage_line,
                                    "render: --endpoint goes without --store");
        goto out;
    }
    if (auth_file && !endpoint) {
        status = dg_cli_usage_error(usage_line,
                                    "render: --auth goes with --endpoint");
        goto out;
    }
    dg_query_header_parse(expr, &header);
    opts.header = &header;
    if (endpoint) {
        /* the answer, and the labels and types of its IRIs, go to a
         * scratch store with the ontology (the predicates' labels) */
        size_t len = 0;
        if (auth_file &&
            !(auth = dg_cli_read_secret(auth_file, DG_SECRET_REMOTE, &err))) {
            dg_cli_fail(&err);
            goto out;
        }
        struct dg_remote_opts ro = {auth, 3, 500L, qopts.timeout_ms};
        if (!(st = dg_store_open("memory:", DG_STORE_CREATE, dg_cli_ontology(),
                                 &err)) ||
            !(rm = dg_remote_new(&ro, &err)) ||
            !(answer = dg_remote_query(
                  rm, endpoint, expr,
                  "text/tab-separated-values, application/n-triples;q=0.9",
                  &len, &err)) ||
            !(r = dg_remote_parse_answer(answer, len, &err)) ||
            dg_remote_fetch_labels(rm, endpoint, r, RENDER_MAX_LABELS, st,
                                   &err) < 0) {
            dg_cli_fail(&err);
            goto out;
        }
    } else if (!(st = dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ,
                                    NULL, &err))) {
        dg_cli_fail(&err);
        goto out;
    }
    if (!endpoint)
        dg_store_set_query_opts(st, &qopts);
    if (!r && !(r = dg_store_query(st, expr, &err))) {
        if (text)
            dg_cli_error("'%s': %s", argv[optind], err.msg);
        else
            dg_cli_fail(&err);
        goto out;
    }
    if (!(fp = dg_output_open(&o, output, &err))) {
        dg_cli_fail(&err);
        goto out;
    }
    if (dg_output_finish(&o, dg_render_results(st, r, &opts, fp, &info, &err),
                         &err) < 0) {
        dg_cli_fail(&err);
        goto out;
    }
    if (info.nodes_shown < info.nodes_total)
        dg_cli_warn("showing %zu of %zu node%s (--max-nodes)", info.nodes_shown,
                    info.nodes_total, dg_cli_s(info.nodes_total));
    if (info.requested[0])
        dg_cli_warn("layout with %s: %s would be too slow for %zu node%s",
                    info.engine, info.requested, info.nodes_shown,
                    dg_cli_s(info.nodes_shown));
    dg_cli_note(2, "%zu node%s, %zu edge%s%s%s", info.nodes_shown,
                dg_cli_s(info.nodes_shown), info.edges_shown,
                dg_cli_s(info.edges_shown), info.engine[0] ? ", layout " : "",
                info.engine);
    status = DG_EXIT_OK;
out:
    dg_render_shutdown();
    dg_results_free(r);
    dg_store_free(st);
    dg_remote_free(rm);
    free(answer);
    dg_file_free_secret(auth);
    free(text);
    return status;
}
