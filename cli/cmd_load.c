/* cmd_load.c: diplograph load: import RDF files into the store. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/file.h"
#include "common/iri.h"
#include "extract/extract.h"
#include "extract/html.h"
#include "graph/remote.h"
#include "graph/store/store.h"

/* a fetched RDF file: the whole request at most */
#define DG_LOAD_FETCH_TIMEOUT_MS 60000L

static const char usage_line[] =
    "usage: diplograph load [--store SPEC] [--graph IRI | --default] "
    "[-i turtle|ntriples|nquads|trig|rdfxml] FILE|URL|-...";

/* Fetches url and loads it: the syntax from -i, else the Content-Type,
 * else the URL's extension; the graph from --graph/--default, else the
 * final URL, which is also the base of relative IRIs.  *rm is made at the
 * first call. */
static int
load_url(struct dg_remote **rm, struct dg_store *st, const char *url,
         const char *syntax, const char *graph, size_t *added,
         struct dg_error *err)
{
    struct dg_remote_page page;
    struct dg_error e = {0, ""};
    struct dg_remote_opts ro = {NULL, 0, 0, DG_LOAD_FETCH_TIMEOUT_MS};
    int rc = -1;

    if (!*rm && !(*rm = dg_remote_new(&ro, err)))
        return -1;
    if (dg_remote_fetch(*rm, url, DG_EXTRACT_MAX_BYTES, &page, &e) < 0)
        return dg_error_set(err, e.code, "cannot fetch '%s': %s", url, e.msg);
    if (!syntax && !(syntax = dg_store_syntax_of(page.url, page.ctype))) {
        if (dg_html_detect(page.url, page.ctype, page.body, page.len))
            dg_error_set(err, DG_ERR_INPUT,
                         "'%s' is a web page, not RDF: 'diplograph build' "
                         "reads pages",
                         url);
        else
            dg_error_set(err, DG_ERR_USAGE,
                         "cannot tell the syntax of '%s' (Content-Type "
                         "'%s'): use -i turtle|ntriples|nquads|trig|rdfxml",
                         url, page.ctype ? page.ctype : "none");
        goto out;
    }
    rc = dg_store_load_text(st, page.body, page.len, url, syntax,
                            graph ? graph : page.url, page.url, added, err);
out:
    dg_remote_page_release(&page);
    return rc;
}

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
                "reads standard input, with -i and --graph or --default.\n"
                "An http:// or https:// URL is fetched (at most 16 MiB, 5\n"
                "redirects, 60 s); its Content-Type (else its extension, or\n"
                "-i) gives the syntax, its final URL the graph and the base\n"
                "of relative IRIs.  A web page is refused: build reads "
                "those.\n",
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
        } else if (dg_remote_is_url(argv[i])) {
            continue; /* fetched when its turn comes */
        } else if (dg_file_check(argv[i], 0, NULL, &ferr) < 0) {
            return dg_cli_error("cannot read '%s': %s", argv[i], ferr.msg);
        }
    }
    const char *spec = dg_cli_store_spec(store_opt);
    struct dg_store *st =
        dg_store_open(spec, DG_STORE_CREATE, dg_cli_ontology(), &err);
    if (!st)
        return dg_cli_fail(&err);
    struct dg_remote *rm = NULL; /* made for the first URL */
    size_t total = 0;
    /* a progress line, as build's, when stderr is a terminal (-v: a
     * line per file instead) */
    int progress = isatty(STDERR_FILENO) && dg_verbosity == 1;
    for (int i = optind; i < argc; i++) {
        size_t added = 0;
        if (progress)
            fprintf(stderr, "\r\033[Kdiplograph: [%d/%d] %s", i - optind + 1,
                    argc - optind, argv[i]);
        int rc =
            dg_remote_is_url(argv[i])
                ? load_url(&rm, st, argv[i], syntax, graph, &added, &err)
                : dg_store_load_file(st, argv[i], syntax, graph, &added, &err);
        if (rc < 0) {
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
    dg_remote_free(rm);
    dg_store_free(st);
    return status;
}
