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
#include <stdint.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/file.h"
#include "common/iri.h"
#include "common/ns.h"
#include "extract/extract.h"
#include "graph/store/store.h"

static const char usage_line[] =
    "usage: diplograph build [--store SPEC] [--base IRI] [--strict] "
    "FILE_OR_DIR|-...";

static void
help(void)
{
    printf("%s\n\n"
           "Extracts every article (*.txt, directories searched recursively;\n"
           "- reads one article from standard input, key 'stdin') and stores\n"
           "its facts as one named graph per article; building an article\n"
           "again replaces its graph.  Each file is read once however many\n"
           "links lead to it.  What cannot be an article is skipped with a\n"
           "warning line: not a regular file (FIFO, device), a symbolic link\n"
           "loop, larger than 16 MiB, empty, not UTF-8 or binary.  When\n"
           "nothing could be built the exit status is 1.\n\n"
           "  --store SPEC  store (default $DIPLOGRAPH_STORE or %s)\n"
           "  --base IRI    base of entity IRIs, an absolute IRI (default %s)\n"
           "  --strict      exit 1 when anything was skipped\n",
           usage_line, DG_DEFAULT_STORE, DG_BASE_DEFAULT);
}

/* ---- the articles to build: each file once, loops and devices skipped */

struct file_id {
    dev_t dev;
    ino_t ino;
};

/* a set of (device, inode) pairs, open addressing; slot 0 ino = empty is
 * avoided by storing the pair with a used flag */
struct id_set {
    struct file_id *v;
    unsigned char *used;
    size_t n, cap;
};

static size_t
id_hash(struct file_id id)
{
    uint64_t h = (uint64_t)id.dev * 0x9e3779b97f4a7c15ULL ^ (uint64_t)id.ino;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    return (size_t)(h ^ (h >> 29));
}

/* 1 when id was already in s, 0 when added, -1 out of memory */
static int
id_set_put(struct id_set *s, struct file_id id)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t ncap = s->cap ? 2 * s->cap : 64;
        struct file_id *nv = calloc(ncap, sizeof *nv);
        unsigned char *nu = calloc(ncap, 1);
        if (!nv || !nu) {
            free(nv);
            free(nu);
            return -1;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->used[i])
                continue;
            size_t j = id_hash(s->v[i]) & (ncap - 1);
            while (nu[j])
                j = (j + 1) & (ncap - 1);
            nv[j] = s->v[i];
            nu[j] = 1;
        }
        free(s->v);
        free(s->used);
        s->v = nv;
        s->used = nu;
        s->cap = ncap;
    }
    size_t j = id_hash(id) & (s->cap - 1);
    for (; s->used[j]; j = (j + 1) & (s->cap - 1))
        if (s->v[j].dev == id.dev && s->v[j].ino == id.ino)
            return 1;
    s->v[j] = id;
    s->used[j] = 1;
    s->n++;
    return 0;
}

static void
id_set_release(struct id_set *s)
{
    free(s->v);
    free(s->used);
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

/* What was skipped.  The first skip is held back: when it turns out to be
 * the only input, it becomes the one error line of the run instead of a
 * warning followed by "no article could be built". */
struct skips {
    size_t n;
    char first[640];
    int first_shown;
    int progress; /* a progress line is on stderr: clear it first */
};

static void
skips_flush(struct skips *k)
{
    if (k->n && !k->first_shown) {
        if (k->progress)
            fputs("\r\033[K", stderr);
        dg_cli_warn("skipped %s", k->first);
        k->first_shown = 1;
    }
}

static void
skip(struct skips *k, const char *path, const char *why)
{
    if (k->n++ == 0) {
        snprintf(k->first, sizeof k->first, "'%s': %s", path, why);
        return;
    }
    skips_flush(k);
    if (k->progress)
        fputs("\r\033[K", stderr);
    dg_cli_warn("skipped '%s': %s", path, why);
}

struct collect {
    struct paths files;
    struct id_set seen_files, seen_dirs;
    struct file_id *stack; /* the directories being walked, for loops */
    size_t depth, cap;
    struct skips *skips;
    int has_stdin;
};

static int collect_dir(struct collect *c, const char *dir,
                       const struct stat *sb, struct dg_error *err);

/* one path: named on the command line (explicit) or found in a walk */
static int
collect_path(struct collect *c, const char *path, int explicit,
             struct dg_error *err)
{
    struct stat sb, lsb;
    struct dg_error why = {0, ""};

    if (explicit && !strcmp(path, "-")) {
        if (c->has_stdin++) {
            skip(c->skips, path, "standard input given twice");
            return 0;
        }
        if (paths_add(&c->files, path) < 0)
            return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return 0;
    }
    if (stat(path, &sb) < 0) {
        int e = errno;
        if (e == ENOENT && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
            skip(c->skips, path, "broken symbolic link");
        else
            skip(c->skips, path,
                 e == ELOOP ? "symbolic link loop" : strerror(e));
        return 0;
    }
    if (S_ISDIR(sb.st_mode))
        return collect_dir(c, path, &sb, err);
    if (!explicit && !has_txt_suffix(path))
        return 0; /* not an article: not even looked at */
    if (dg_file_check(path, DG_EXTRACT_MAX_BYTES, &sb, &why) < 0) {
        skip(c->skips, path, why.msg);
        return 0;
    }
    int r = id_set_put(&c->seen_files, (struct file_id){sb.st_dev, sb.st_ino});
    if (r < 0)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    if (r == 1) { /* a second link to a file built once: not a problem */
        dg_cli_note(2, "'%s' is a file already read", path);
        return 0;
    }
    if (paths_add(&c->files, path) < 0)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    return 0;
}

/* collects *.txt under dir (status sb), sorted, recursively */
static int
collect_dir(struct collect *c, const char *dir, const struct stat *sb,
            struct dg_error *err)
{
    struct file_id id = {sb->st_dev, sb->st_ino};
    struct paths local = {NULL, 0, 0};
    DIR *d = NULL;
    int rc = -1;

    for (size_t i = 0; i < c->depth; i++)
        if (c->stack[i].dev == id.dev && c->stack[i].ino == id.ino) {
            skip(c->skips, dir, "symbolic link loop");
            return 0;
        }
    int r = id_set_put(&c->seen_dirs, id);
    if (r < 0)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    if (r == 1) {
        dg_cli_note(2, "'%s' is a directory already read", dir);
        return 0;
    }
    if (!(d = opendir(dir))) {
        skip(c->skips, dir, strerror(errno));
        return 0;
    }
    if (c->depth == c->cap) {
        size_t ncap = c->cap ? 2 * c->cap : 16;
        struct file_id *ns = realloc(c->stack, ncap * sizeof *ns);
        if (!ns) {
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            goto out;
        }
        c->stack = ns;
        c->cap = ncap;
    }
    c->stack[c->depth++] = id;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        int n = snprintf(path, sizeof path, "%s%s%s", dir,
                         dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
        if (n < 0 || (size_t)n >= sizeof path) {
            skip(c->skips, de->d_name, "path too long");
            continue;
        }
        if (paths_add(&local, path) < 0) {
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            goto pop;
        }
    }
    if (local.n)
        qsort(local.v, local.n, sizeof *local.v, cmp_str);
    for (size_t i = 0; i < local.n; i++)
        if (collect_path(c, local.v[i], 0, err) < 0)
            goto pop;
    rc = 0;
pop:
    c->depth--;
out:
    closedir(d);
    paths_release(&local);
    return rc;
}

/* The article key: the file name without .txt, with the bytes that an
 * IRI cannot hold (and '%', '/', '?', '#') percent-encoded. */
static void
article_key(const char *path, char *key, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base), o = 0;
    if (!strcmp(path, "-")) {
        snprintf(key, size, "stdin");
        return;
    }
    if (has_txt_suffix(base))
        n -= 4;
    for (size_t i = 0; i < n && o + 4 < size; i++) {
        unsigned char ch = (unsigned char)base[i];
        if (ch <= 0x20 || ch == 0x7f || strchr("<>\"{}|\\^`%#?/", ch))
            o += (size_t)snprintf(key + o, size - o, "%%%02X", ch);
        else
            key[o++] = (char)ch;
    }
    key[o] = '\0';
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
    struct skips skips = {0, "", 0, 0};
    struct collect col = {{NULL, 0, 0},
                          {NULL, NULL, 0, 0},
                          {NULL, NULL, 0, 0},
                          NULL,
                          0,
                          0,
                          &skips,
                          0};
    struct paths *files = &col.files;
    struct dg_extractor *x = NULL;
    struct dg_store *st = NULL;
    struct dg_facts *facts = NULL;
    size_t built = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'b':
            if (dg_iri_check(optarg, &err) < 0)
                return dg_cli_usage_error(usage_line, "build: --base %s",
                                          err.msg);
            base = optarg;
            break;
        case 'S': strict = 1; break;
        case 'h': help(); return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind >= argc)
        return dg_cli_usage_error(usage_line, "build: no article given");
    for (int i = optind; i < argc; i++)
        if (collect_path(&col, argv[i], 1, &err) < 0) {
            status = dg_cli_fail(&err);
            goto out;
        }
    if (files->n == 0)
        goto done; /* the skips (or their absence) say why */
    skips_flush(&skips);

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
    size_t sentences = 0, triples = 0;
    int progress = isatty(STDERR_FILENO) && dg_verbosity > 0;
    skips.progress = progress;
    for (size_t i = 0; i < files->n; i++) {
        const char *path = files->v[i];
        char key[512], graph[1024];
        size_t len = 0, added = 0;
        struct dg_extract_stats xs = {0, 0};
        struct dg_error aerr = {0, ""};
        article_key(path, key, sizeof key);
        if (progress)
            fprintf(stderr, "\r\033[Kdiplograph: [%zu/%zu] %s", i + 1, files->n,
                    key);
        if (dg_extract_graph_iri(base, key, graph, sizeof graph) < 0 ||
            dg_iri_check(graph, NULL) < 0) {
            skip(&skips, path, "its name does not make an IRI");
            continue;
        }
        /* read with the size limit: the file may have grown since */
        char *text = dg_file_read(path, DG_EXTRACT_MAX_BYTES, 0, &len, &aerr);
        struct dg_extract_opts opts = {base,    key,     path,
                                       run_iri, started, PACKAGE_VERSION};
        dg_facts_clear(facts);
        if (!text ||
            dg_extract_article(x, text, len, &opts, facts, &xs, &aerr) < 0) {
            free(text);
            skip(&skips, path, aerr.msg);
            continue;
        }
        free(text);
        if (dg_store_replace_graph(st, graph, facts, &added, &err) < 0) {
            if (progress)
                fputs("\r\033[K", stderr);
            status = dg_cli_fail(&err);
            goto out;
        }
        skips_flush(&skips);
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
    if (built && dg_verbosity > 0)
        fprintf(stderr,
                "diplograph: built %zu article%s%s, %zu sentences, %zu "
                "triples in %.2f s into '%s'\n",
                built, built == 1 ? "" : "s", skips.n ? " (some skipped)" : "",
                sentences, triples, secs, spec);
    if (built && skips.n && dg_verbosity > 0)
        fprintf(stderr, "diplograph: %zu skipped\n", skips.n);
done:
    status = (built == 0 || (strict && skips.n)) ? DG_EXIT_FAIL : DG_EXIT_OK;
    if (built == 0) {
        if (skips.n == 1 && !skips.first_shown) {
            dg_cli_error("no article could be built: %s", skips.first);
            skips.first_shown = 1;
        } else if (files->n == 0 && !skips.n) {
            dg_cli_error("no *.txt article in the given paths");
        } else {
            skips_flush(&skips);
            dg_cli_error("no article could be built (%zu skipped)", skips.n);
        }
    }
out:
    skips_flush(&skips);
    dg_store_free(st);
    dg_facts_free(facts);
    dg_extract_free(x);
    paths_release(&col.files);
    id_set_release(&col.seen_files);
    id_set_release(&col.seen_dirs);
    free(col.stack);
    return status;
}
