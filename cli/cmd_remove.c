/* cmd_remove.c: diplograph remove: delete articles' graphs from the store;
 * and the pruning of `build --prune` (graphs of articles whose files are
 * gone), which removes graphs the same way. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "common/iri.h"
#include "common/ns.h"
#include "extract/extract.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph remove [--store SPEC] [--base IRI] PATH|IRI...";

static void
help(void)
{
    printf("%s\n\n"
           "Deletes articles from the store: each argument is a graph IRI,\n"
           "or an article as `build` names it (a path or URL whose file\n"
           "name, without its suffix, is the key: graph BASE/article/KEY).\n"
           "Every graph is looked up first: when one is not in the store,\n"
           "nothing is removed and the exit status is 1.  The graphs are\n"
           "removed in one transaction (lmdb stores).\n\n"
           "  --store SPEC  store (default $DIPLOGRAPH_STORE or %s)\n"
           "  --base IRI    base of the article graphs (default %s)\n",
           usage_line, DG_DEFAULT_STORE, DG_BASE_DEFAULT);
}

long
dg_cli_graph_size(struct dg_store *st, const char *iri, struct dg_error *err)
{
    char q[2048];
    long n = -1;
    if (dg_iri_check(iri, err) < 0)
        return -1;
    int k = snprintf(q, sizeof q,
                     "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> "
                     "{ ?s ?p ?o } }",
                     iri);
    if (k < 0 || (size_t)k >= sizeof q)
        return dg_error_set(err, DG_ERR_USAGE, "graph IRI too long '%s'", iri);
    struct dg_results *r = dg_store_query(st, q, err);
    if (!r)
        return -1;
    if (r->nrows == 1 && r->nvars == 1 && dg_results_cell(r, 0, 0)->value)
        n = strtol(dg_results_cell(r, 0, 0)->value, NULL, 10);
    else
        dg_error_set(err, DG_ERR_INTERNAL, "cannot count graph '%s'", iri);
    dg_results_free(r);
    return n;
}

/* ---- pruning: graphs of article files that are gone */

/* path with "./" segments, repeated and trailing slashes dropped, into
 * buf; "." for an empty result */
static void
normal_path(const char *path, char *buf, size_t size)
{
    size_t o = 0;
    const char *p = path;
    if (*p == '/' && o + 1 < size)
        buf[o++] = '/';
    while (*p) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        if (n == 0)
            break;
        if (!(n == 1 && p[0] == '.')) {
            if (o && buf[o - 1] != '/' && o + 1 < size)
                buf[o++] = '/';
            for (size_t i = 0; i < n && o + 1 < size; i++)
                buf[o++] = p[i];
        }
        p += n;
    }
    if (!o && size > 1)
        buf[o++] = '.';
    buf[o] = '\0';
}

/* 1 when file (normalised) lies under dir (normalised) */
static int
under(const char *file, const char *dir)
{
    size_t n = strlen(dir);
    if (!strcmp(dir, "."))
        return file[0] != '/';
    if (!strcmp(dir, "/"))
        return file[0] == '/';
    return !strncmp(file, dir, n) && file[n] == '/';
}

int
dg_cli_prune(struct dg_store *st, char *const *dirs, size_t ndirs,
             size_t *removed, struct dg_error *err)
{
    const char *q = "SELECT DISTINCT ?g ?f WHERE { GRAPH ?g { ?a <" DG_NS
                    "sourceFile> ?f } } ORDER BY ?g ?f";
    struct dg_results *r = dg_store_query(st, q, err);
    const char **gone = NULL;
    size_t n = 0;
    int rc = -1;
    char want[4096], file[4096];

    *removed = 0;
    if (!r)
        return -1;
    if (r->nrows && !(gone = calloc(r->nrows, sizeof *gone))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < r->nrows; i++) {
        const struct dg_term *g = dg_results_cell(r, i, 0);
        const struct dg_term *f = dg_results_cell(r, i, 1);
        struct stat sb;
        int in = 0;
        if (!g->value || !f->value || g->type != DG_TERM_IRI ||
            !strcmp(f->value, "-") || strstr(f->value, "://"))
            continue;
        normal_path(f->value, file, sizeof file);
        for (size_t d = 0; d < ndirs && !in; d++) {
            normal_path(dirs[d], want, sizeof want);
            in = under(file, want);
        }
        if (!in || stat(f->value, &sb) == 0 || errno != ENOENT)
            continue; /* not ours, or still there (or unknown: kept) */
        if (n && !strcmp(gone[n - 1], g->value))
            continue;
        dg_cli_note(2, "pruning '%s' (%s is gone)", g->value, f->value);
        gone[n++] = g->value;
    }
    if (n && dg_store_drop_graphs(st, gone, n, err) < 0)
        goto out;
    *removed = n;
    rc = 0;
out:
    free(gone);
    dg_results_free(r);
    return rc;
}

/* ---- remove */

/* the graph an argument names: itself when it is the IRI of a graph in
 * the store, else the article graph of the path or URL; into iri.
 * *size gets its number of triples (0: not in the store). */
static int
resolve(struct dg_store *st, const char *arg, const char *base, char *iri,
        size_t size, long *triples, struct dg_error *err)
{
    char key[512];
    long n = 0;
    if (dg_iri_check(arg, NULL) == 0 && strlen(arg) < size) {
        if ((n = dg_cli_graph_size(st, arg, err)) < 0)
            return -1;
        if (n > 0) {
            snprintf(iri, size, "%s", arg);
            *triples = n;
            return 0;
        }
    }
    dg_cli_article_key(arg, key, sizeof key);
    if (!key[0] || dg_extract_graph_iri(base, key, iri, size) < 0 ||
        dg_iri_check(iri, NULL) < 0) {
        *triples = 0;
        snprintf(iri, size, "%s", arg);
        return 0;
    }
    if ((n = dg_cli_graph_size(st, iri, err)) < 0)
        return -1;
    *triples = n;
    return 0;
}

int
cmd_remove(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"base", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *base = DG_BASE_DEFAULT;
    struct dg_error err = {0, ""};
    struct dg_store *st = NULL;
    char **iris = NULL;
    size_t n = 0;
    long total = 0;
    int c, status = DG_EXIT_FAIL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'b':
            if (dg_iri_check(optarg, &err) < 0)
                return dg_cli_usage_error(usage_line, "remove: --base %s",
                                          err.msg);
            base = optarg;
            break;
        case 'h': help(); return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind >= argc)
        return dg_cli_usage_error(usage_line, "remove: no article given");
    const char *spec = dg_cli_store_spec(store_opt);
    if (!(st = dg_store_open(spec, DG_STORE_READ, NULL, &err)))
        return dg_cli_fail(&err);
    if (!(iris = calloc((size_t)(argc - optind), sizeof *iris))) {
        dg_cli_error("out of memory");
        goto out;
    }
    /* every graph is looked up before any is removed */
    for (int i = optind; i < argc; i++) {
        char iri[2048];
        long size = 0;
        if (resolve(st, argv[i], base, iri, sizeof iri, &size, &err) < 0) {
            status = dg_cli_fail(&err);
            goto out;
        }
        if (!strcmp(iri, DG_ONTOLOGY_GRAPH)) {
            dg_cli_error("'%s' is the ontology's graph: not removed", argv[i]);
            goto out;
        }
        if (size == 0) {
            if (strcmp(iri, argv[i]))
                dg_cli_error("no graph for '%s' in '%s' (looked for '%s')",
                             argv[i], spec, iri);
            else
                dg_cli_error("no graph '%s' in '%s'", argv[i], spec);
            goto out;
        }
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++)
            dup = !strcmp(iris[k], iri);
        if (dup)
            continue;
        if (!(iris[n] = strdup(iri))) {
            dg_cli_error("out of memory");
            goto out;
        }
        n++;
        total += size;
        dg_cli_note(2, "removing '%s' (%ld triples)", iri, size);
    }
    if (dg_store_drop_graphs(st, (const char *const *)iris, n, &err) < 0 ||
        dg_store_sync(st, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    dg_cli_note(1, "removed %zu graph%s (%ld triples) from '%s'", n,
                n == 1 ? "" : "s", total, spec);
    status = DG_EXIT_OK;
out:
    for (size_t k = 0; iris && k < n; k++)
        free(iris[k]);
    free(iris);
    dg_store_free(st);
    return status;
}
