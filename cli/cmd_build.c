/* cmd_build.c: diplograph build: extract articles into the store. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/ns.h"
#include "extract/extract.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph build [--store SPEC] [--base IRI] [--strict] "
    "FILE_OR_DIR...";

static void
help(void)
{
    printf("%s\n\n"
           "Extracts every article (*.txt, directories searched recursively)\n"
           "and stores its facts as one named graph per article; building an\n"
           "article again replaces its graph.  Unreadable, empty or non-UTF-8\n"
           "articles are skipped with a warning.\n\n"
           "  --store SPEC  store (default $DIPLOGRAPH_STORE or %s)\n"
           "  --base IRI    base of entity IRIs (default %s)\n"
           "  --strict      exit 1 when any article was skipped\n",
           usage_line, DG_DEFAULT_STORE, DG_BASE_DEFAULT);
}

struct paths {
    char **v;
    size_t n, cap;
};

static int
paths_add(struct paths *p, const char *path)
{
    if (p->n == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 64;
        char **nv = realloc(p->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        p->v = nv;
        p->cap = ncap;
    }
    if (!(p->v[p->n] = strdup(path)))
        return -1;
    p->n++;
    return 0;
}

static void
paths_release(struct paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static int
has_txt_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* collects *.txt under dir, sorted, recursively */
static int
collect_dir(const char *dir, struct paths *out, struct dg_error *err)
{
    DIR *d = opendir(dir);
    struct paths local = {NULL, 0, 0};
    int rc = -1;
    if (!d)
        return dg_error_set(err, DG_ERR_IO, "cannot open '%s': %s", dir,
                            strerror(errno));
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s%s%s", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
        if (paths_add(&local, path) < 0) {
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            goto out;
        }
    }
    if (local.n)
        qsort(local.v, local.n, sizeof *local.v, cmp_str);
    for (size_t i = 0; i < local.n; i++) {
        struct stat sb;
        if (stat(local.v[i], &sb) < 0)
            continue;
        if (S_ISDIR(sb.st_mode)) {
            if (collect_dir(local.v[i], out, err) < 0)
                goto out;
        } else if (S_ISREG(sb.st_mode) && has_txt_suffix(local.v[i])) {
            if (paths_add(out, local.v[i]) < 0) {
                dg_error_set(err, DG_ERR_NOMEM, "out of memory");
                goto out;
            }
        }
    }
    rc = 0;
out:
    closedir(d);
    paths_release(&local);
    return rc;
}

static void
article_key(const char *path, char *key, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (has_txt_suffix(base))
        n -= 4;
    snprintf(key, size, "%.*s", (int)n, base);
}

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
cmd_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"base", required_argument, NULL, 'b'},
        {"strict", no_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *base = DG_BASE_DEFAULT;
    int strict = 0, c, status = DG_EXIT_FAIL;
    struct dg_error err = {0, ""};
    struct paths files = {NULL, 0, 0};
    struct dg_extractor *x = NULL;
    struct dg_store *st = NULL;
    struct dg_facts *facts = NULL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'b': base = optarg; break;
        case 'S': strict = 1; break;
        case 'h': help(); return DG_EXIT_OK;
        default: return dg_cli_usage_error(usage_line, "build: bad option");
        }
    }
    if (optind >= argc)
        return dg_cli_usage_error(usage_line, "build: no article given");
    for (int i = optind; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) < 0) {
            dg_cli_error("cannot open '%s': %s", argv[i], strerror(errno));
            goto out;
        }
        if (S_ISDIR(sb.st_mode)) {
            if (collect_dir(argv[i], &files, &err) < 0) {
                status = dg_cli_fail(&err);
                goto out;
            }
        } else if (paths_add(&files, argv[i]) < 0) {
            dg_cli_error("out of memory");
            goto out;
        }
    }
    if (files.n == 0) {
        dg_cli_error("no *.txt article in the given paths");
        goto out;
    }

    if (!(x = dg_extract_new(dg_cli_datadir(), &err)) ||
        !(facts = dg_facts_new())) {
        if (!err.code)
            dg_error_set(&err, DG_ERR_NOMEM, "out of memory");
        status = dg_cli_fail(&err);
        goto out;
    }
    const char *spec = dg_cli_store_spec(store_opt);
    if (!(st = dg_store_open(spec, DG_STORE_CREATE, dg_cli_ontology(), &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }

    char run_iri[1024], started[32];
    time_t t0 = time(NULL);
    struct tm tm;
    gmtime_r(&t0, &tm);
    strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(run_iri, sizeof run_iri, "%srun/%s", base, started);

    double start = now_seconds();
    size_t built = 0, skipped = 0, sentences = 0, triples = 0;
    int progress = isatty(STDERR_FILENO) && dg_verbosity > 0;
    for (size_t i = 0; i < files.n; i++) {
        const char *path = files.v[i];
        char key[512], graph[1024];
        size_t len = 0, added = 0;
        struct dg_extract_stats xs = {0, 0};
        struct dg_error aerr = {0, ""};
        article_key(path, key, sizeof key);
        if (progress)
            fprintf(stderr, "\r\033[Kdiplograph: [%zu/%zu] %s", i + 1, files.n,
                    key);
        char *text = dg_cli_read_file(path, &len, &aerr);
        struct dg_extract_opts opts = {base,    key,     path,
                                       run_iri, started, PACKAGE_VERSION};
        dg_facts_clear(facts);
        if (!text ||
            dg_extract_article(x, text, len, &opts, facts, &xs, &aerr) < 0) {
            if (progress)
                fputs("\r\033[K", stderr);
            dg_cli_warn("skipping '%s': %s", path, aerr.msg);
            skipped++;
            free(text);
            continue;
        }
        free(text);
        if (dg_extract_graph_iri(base, key, graph, sizeof graph) < 0) {
            dg_cli_warn("skipping '%s': article key too long", path);
            skipped++;
            continue;
        }
        if (dg_store_replace_graph(st, graph, facts, &added, &err) < 0) {
            if (progress)
                fputs("\r\033[K", stderr);
            status = dg_cli_fail(&err);
            goto out;
        }
        built++;
        sentences += xs.sentences;
        triples += added;
    }
    if (progress)
        fputs("\r\033[K", stderr);
    if (dg_store_sync(st, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    double secs = now_seconds() - start;
    if (dg_verbosity > 0)
        fprintf(stderr,
                "diplograph: built %zu article%s%s, %zu sentences, %zu "
                "triples in %.2f s into '%s'\n",
                built, built == 1 ? "" : "s", skipped ? " (some skipped)" : "",
                sentences, triples, secs, spec);
    if (skipped && dg_verbosity > 0)
        fprintf(stderr, "diplograph: %zu article%s skipped\n", skipped,
                skipped == 1 ? "" : "s");
    status = (built == 0 || (strict && skipped)) ? DG_EXIT_FAIL : DG_EXIT_OK;
    if (built == 0)
        dg_cli_error("no article could be built");
out:
    dg_store_free(st);
    dg_facts_free(facts);
    dg_extract_free(x);
    paths_release(&files);
    return status;
}
