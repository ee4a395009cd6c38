/* cmd_load.c: diplograph load: import RDF files into the store. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/file.h"
#include "common/iri.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph load [--store SPEC] [--graph IRI | --default] "
    "[-i turtle|ntriples|nquads|trig|rdfxml] FILE|-...";

int
cmd_load(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"graph", required_argument, NULL, 'g'},
        {"default", no_argument, NULL, 'd'},
        {"input", required_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *graph = NULL, *syntax = NULL;
    int c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "i:h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'g':
            if (graph && !*graph)
                return dg_cli_usage_error(usage_line, "load: give --graph "
                                                      "or --default, not both");
            if (dg_iri_check(optarg, &err) < 0)
                return dg_cli_usage_error(usage_line, "load: --graph %s",
                                          err.msg);
            graph = optarg;
            break;
        case 'd':
            if (graph && *graph)
                return dg_cli_usage_error(usage_line, "load: give --graph "
                                                      "or --default, not both");
            graph = DG_STORE_DEFAULT_GRAPH;
            break;
        case 'i': syntax = optarg; break;
        case 'h':
            printf(
                "%s\n\nImports RDF files; the syntax comes from the file "
                "name (.ttl .nt .nq\n.trig .rdf .owl) or -i.  N-Quads and "
                "TriG keep their graphs; triples go\nto --graph IRI (default: "
                "the file's URI), or with --default to the\ndefault graph "
                "(statements without a graph, which `query --default-graph\n"
                "stored` sees).  Each file is stored whole or not at all.\n"
                "Only regular files are read (a FIFO or device is refused); -\n"
                "reads standard input, with -i and --graph or --default.\n",
                usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "i:h", argv);
        }
    }
    if (optind >= argc)
        return dg_cli_usage_error(usage_line, "load: no file given");
    /* every file is checked before the store is opened: a FIFO or a
     * device is refused at once, and nothing is loaded */
    int stdin_seen = 0;
    for (int i = optind; i < argc; i++) {
        struct dg_error ferr = {0, ""};
        if (!strcmp(argv[i], "-")) {
            if (stdin_seen++)
                return dg_cli_usage_error(usage_line,
                                          "load: - given more than once");
            if (!syntax || !graph)
                return dg_cli_usage_error(
                    usage_line, "load: - (standard input) needs -i SYNTAX and "
                                "--graph IRI or --default");
        } else if (dg_file_check(argv[i], 0, NULL, &ferr) < 0) {
            return dg_cli_error("cannot read '%s': %s", argv[i], ferr.msg);
        }
    }
    const char *spec = dg_cli_store_spec(store_opt);
    struct dg_store *st =
        dg_store_open(spec, DG_STORE_CREATE, dg_cli_ontology(), &err);
    if (!st)
        return dg_cli_fail(&err);
    size_t total = 0;
    /* a progress line, as build's, when stderr is a terminal (-v: a
     * line per file instead) */
    int progress = isatty(STDERR_FILENO) && dg_verbosity == 1;
    for (int i = optind; i < argc; i++) {
        size_t added = 0;
        if (progress)
            fprintf(stderr, "\r\033[Kdiplograph: [%d/%d] %s", i - optind + 1,
                    argc - optind, argv[i]);
        if (dg_store_load_file(st, argv[i], syntax, graph, &added, &err) < 0) {
            if (progress)
                fputs("\r\033[K", stderr);
            status = dg_cli_fail(&err);
            goto out;
        }
        dg_cli_note(2, "loaded %zu triple%s from '%s'", added, dg_cli_s(added),
                    argv[i]);
        total += added;
    }
    if (progress)
        fputs("\r\033[K", stderr);
    if (dg_store_sync(st, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    dg_cli_note(1, "loaded %zu triple%s from %d file%s into '%s'", total,
                dg_cli_s(total), argc - optind,
                dg_cli_s((unsigned long long)(argc - optind)), spec);
    status = DG_EXIT_OK;
out:
    dg_store_free(st);
    return status;
}
