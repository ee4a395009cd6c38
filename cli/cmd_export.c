/* cmd_export.c: diplograph export: the store as Turtle, N-Triples, ... */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/output.h"
#include "common/iri.h"
#include "graph/jsonld.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph export [--store SPEC] "
    "[-f turtle|ntriples|nquads|trig|rdfxml|jsonld]\n"
    "                         [--graph IRI] [-o FILE]";

int
cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"graph", required_argument, NULL, 'g'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *fmt = "turtle", *graph = NULL, *out = NULL;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "f:o:h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'f': fmt = optarg; break;
        case 'g':
            if (dg_iri_check(optarg, &err) < 0)
                return dg_cli_usage_error(usage_line, "export: --graph %s",
                                          err.msg);
            graph = optarg;
            break;
        case 'o': out = optarg; break;
        case 'h':
            printf("%s\n\nWrites the whole store (or one graph) with the "
                   "vocabulary's prefixes.\nTurtle, N-Triples and RDF/XML "
                   "merge the graphs (a triple stated by\nseveral articles is "
                   "written once); N-Quads, TriG and JSON-LD keep them.\n"
                   "JSON-LD is JSON-LD 1.1 in expanded form, each named "
                   "graph an object\nwith \"@id\" and \"@graph\".\n",
                   usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "f:o:h", argv);
        }
    }
    if (optind != argc)
        return dg_cli_usage_error(
            usage_line, "export: unexpected argument '%s'", argv[optind]);
    static const char *formats[] = {"turtle", "ntriples", "nquads",
                                    "trig",   "rdfxml",   "jsonld"};
    int known = 0;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        known |= !strcmp(fmt, formats[i]);
    if (!known)
        return dg_cli_usage_error(usage_line, "export: unknown format '%s'",
                                  fmt);

    struct dg_store *st =
        dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ, NULL, &err);
    if (!st)
        return dg_cli_fail(&err);
    struct dg_output o;
    FILE *fp = dg_output_open(&o, out, &err);
    size_t n = 0;
    if (!fp) {
        status = dg_cli_fail(&err);
        goto out;
    }
    int rc = !strcmp(fmt, "jsonld")
                 ? dg_jsonld_export(st, graph, fp, &n, &err)
                 : dg_store_export(st, fmt, graph, fp, &n, &err);
    if (dg_output_finish(&o, rc, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    if (out && strcmp(out, "-"))
        dg_cli_note(1, "wrote %zu %s%s to '%s'", n,
                    strcmp(fmt, "nquads") && strcmp(fmt, "trig") &&
                            strcmp(fmt, "jsonld")
                        ? "triple"
                        : "quad",
                    dg_cli_s(n), out);
    status = DG_EXIT_OK;
out:
    dg_store_free(st);
    return status;
}
