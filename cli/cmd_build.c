/* cmd_build.c: diplograph build: extract articles into the store. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
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
#include "extract/html.h"
#include "graph/remote.h"
#include "graph/store/store.h"

/* a page fetched over HTTP: the whole request at most */
#define DG_BUILD_FETCH_TIMEOUT_MS 60000L

/* the most threads -j takes */
#define DG_BUILD_MAX_JOBS 256

static const char usage_line[] =
    "usage: diplograph build [--store SPEC] [--base IRI] [--strict] [--prune] "
    "[-j N] FILE_OR_DIR|URL|-...";

static void
help(void)
{
    printf(
        "%s\n\n"
        "Extracts every article (*.txt, and saved web pages *.html, *.htm,\n"
        "*.xhtml; directories searched recursively; - reads one article\n"
        "from standard input, key 'stdin') and stores its facts as one\n"
        "named graph per article, keyed by the file name without its\n"
        "suffix.  A web page (by its suffix, or when it starts with\n"
        "<!doctype html or <html) gives its title, date and main text;\n"
        "-v says what was left out of it.  An http:// or https:// URL is\n"
        "fetched (at most 16 MiB, 5 redirects, 60 s): its Content-Type\n"
        "tells a web page from text, its last path segment gives the key,\n"
        "and the final URL is recorded (dg:sourceFile, schema:url).\n"
        "Building an article\n"
        "again replaces its graph.  Each file is read once however many\n"
        "links lead to it.  What cannot be an article is skipped with a\n"
        "warning line: not a regular file (FIFO, device), a symbolic link\n"
        "loop, larger than 16 MiB, empty, not UTF-8 or binary.  When\n"
        "nothing could be built the exit status is 1.\n\n"
        "  --store SPEC  store (default $DIPLOGRAPH_STORE or %s)\n"
        "  --base IRI    base of entity IRIs, an absolute IRI (default %s)\n"
        "  --strict      exit 1 when anything was skipped\n"
        "  --prune       the store mirrors the directories given: after\n"
        "                building, the graphs of articles under them whose\n"
        "                files are gone are removed (one transaction)\n"
        "  -j, --jobs N  read and extract on N threads (default 0: one per\n"
        "                online processor); one writer stores the articles\n"
        "                in input order, so the store is the same for any N\n",
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

/* the length of the article suffix of name: .txt, .html, .htm, .xhtml */
static size_t
article_suffix(const char *name)
{
    size_t k = 0;
    if (has_txt_suffix(name))
        return 4;
    return dg_html_has_suffix(name, &k) ? k : 0;
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
    int has_url; /* an input is a URL: the workers need an HTTP client */
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
    if (explicit && dg_remote_is_url(path)) {
        c->has_url = 1;
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
    if (!explicit && !article_suffix(path))
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

/* collects the articles (*.txt, *.html, ...) under dir (status sb), sorted,
 * recursively */
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

/* The article key: the file name without its article suffix, with the bytes
 * that an IRI cannot hold (and '%', '/', '?', '#') percent-encoded. */
void
dg_cli_article_key(const char *path, char *key, size_t size)
{
    const char *base = strrchr(path, '/');
    char seg[512];
    base = base ? base + 1 : path;
    size_t n = strlen(base), o = 0;
    if (!strcmp(path, "-")) {
        snprintf(key, size, "stdin");
        return;
    }
    if (dg_remote_is_url(path)) {
        /* the last non-empty path segment, else the host */
        const char *p = strstr(path, "://") + 3;
        size_t end = strcspn(p, "?#"), s = end;
        while (s > 0 && p[s - 1] == '/')
            s--;
        end = s;
        while (s > 0 && p[s - 1] != '/')
            s--;
        snprintf(seg, sizeof seg, "%.*s", (int)(end - s), p + s);
        base = seg;
        n = strlen(base);
    }
    if (article_suffix(base) < n)
        n -= article_suffix(base);
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

/* the CPU time of the calling thread: what a phase costs, whatever else
 * runs on the machine */
static double
thread_cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) < 0)
        return 0;
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- one article: read and extracted (by a worker), then stored (by the
 * writer, in input order) */

/* what does not change during the run, shared read-only by the workers */
struct job {
    const struct paths *files;
    const char *base;
    const char *run_iri, *started;
};

struct article {
    size_t index; /* in job->files */
    int ready;    /* 1: prepared, waiting for the writer (under pool.mu) */
    int bad_name; /* the key does not make a graph IRI */
    int failed;   /* not read or not extracted: err says why */
    char key[512], graph[1024];
    struct dg_facts *facts; /* owned */
    struct dg_extract_stats xs;
    int html; /* read as a web page: hs says what was left out */
    struct dg_html_stats hs;
    struct dg_error err;
    double secs; /* CPU time spent reading and extracting */
};

/* the charset parameter of a Content-Type, into buf; NULL when none */
static const char *
ctype_charset(const char *ctype, char *buf, size_t size)
{
    const char *p = ctype ? strstr(ctype, "charset=") : NULL;
    if (!p)
        return NULL;
    p += 8;
    if (*p == '"')
        p++;
    size_t n = strcspn(p, "\"; ");
    if (!n || n >= size)
        return NULL;
    snprintf(buf, size, "%.*s", (int)n, p);
    return buf;
}

/* reads and extracts article i into a; touches nothing shared but the
 * read-only job, so workers run it in parallel, each with its own x and
 * rm (NULL when no input is a URL) */
static void
prepare(struct article *a, struct dg_extractor *x, struct dg_remote *rm,
        const struct job *job, size_t i)
{
    struct dg_remote_page page = {NULL, 0, NULL, NULL, 0};
    char charset_buf[64];
    const char *charset = NULL;
    const char *path = job->files->v[i];
    double t = thread_cpu_seconds();
    size_t len = 0;

    a->index = i;
    a->bad_name = a->failed = 0;
    a->xs = (struct dg_extract_stats){0, 0};
    a->err = (struct dg_error){0, ""};
    dg_facts_clear(a->facts);
    dg_cli_article_key(path, a->key, sizeof a->key);
    if (dg_extract_graph_iri(job->base, a->key, a->graph, sizeof a->graph) <
            0 ||
        dg_iri_check(a->graph, NULL) < 0) {
        a->bad_name = 1;
        goto out;
    }
    /* read with the size limit: the file may have grown since */
    char *text = NULL;
    if (rm && dg_remote_is_url(path)) {
        if (dg_remote_fetch(rm, path, DG_EXTRACT_MAX_BYTES, &page, &a->err) ==
            0) {
            text = page.body;
            len = page.len;
            page.body = NULL;
            charset =
                ctype_charset(page.ctype, charset_buf, sizeof charset_buf);
        }
    } else {
        text = dg_file_read(path, DG_EXTRACT_MAX_BYTES, 0, &len, &a->err);
    }
    const char *source = page.url ? page.url : path;
    struct dg_extract_opts opts = {job->base,    a->key,       source,
                                   job->run_iri, job->started, PACKAGE_VERSION};
    a->html = 0;
    if (!text ||
        dg_html_article(&text, &len, strcmp(source, "-") ? source : NULL,
                        page.ctype, charset, &a->html, &a->hs, &a->err) < 0 ||
        dg_extract_article(x, text, len, &opts, a->facts, &a->xs, &a->err) < 0)
        a->failed = 1;
    else if (page.url && dg_iri_check(page.url, NULL) == 0 &&
             dg_facts_add_iri(a->facts, a->graph, DG_NS_SCHEMA "url",
                              page.url) < 0)
        a->failed = dg_error_set(&a->err, DG_ERR_NOMEM, "out of memory");
    free(text);
    dg_remote_page_release(&page);
out:
    a->secs = thread_cpu_seconds() - t;
}

/* The N workers take article indexes in order from next, prepare them into
 * the ring slot index % ring_n and mark it ready; the writer (the calling
 * thread) stores slot after slot in index order and frees each for index +
 * ring_n.  A worker waits while its slot is still the writer's. */
struct pool {
    pthread_mutex_t mu;
    pthread_cond_t ready_cv; /* an article became ready: the writer */
    pthread_cond_t space_cv; /* a slot was freed, or stop: the workers */
    struct article *ring;
    size_t ring_n;
    size_t next; /* the next index to prepare */
    size_t done; /* articles the writer is finished with */
    int stop;    /* the writer gave up: workers end */
    const struct job *job;
};

struct worker {
    pthread_t thread;
    struct pool *pool;
    struct dg_extractor *x; /* owned, this worker's only */
    struct dg_remote *rm;   /* owned, this worker's only; NULL: no URL */
};

static void *
work(void *arg)
{
    struct worker *w = arg;
    struct pool *p = w->pool;
    size_t n = p->job->files->n;

    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next < n && p->next >= p->done + p->ring_n)
            pthread_cond_wait(&p->space_cv, &p->mu);
        if (p->stop || p->next >= n)
            break;
        size_t i = p->next++;
        struct article *a = &p->ring[i % p->ring_n];
        pthread_mutex_unlock(&p->mu);
        prepare(a, w->x, w->rm, p->job, i);
        pthread_mutex_lock(&p->mu);
        a->ready = 1;
        pthread_cond_signal(&p->ready_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* build --prune: the graphs of the articles gone from dirs removed */
static int
prune_gone(struct dg_store *st, const struct paths *dirs, const char *spec,
           struct dg_error *err)
{
    size_t removed = 0;
    if (dg_cli_prune(st, dirs->v, dirs->n, &removed, err) < 0)
        return -1;
    dg_cli_note(1, "pruned %zu graph%s of articles gone from %s%s%s in '%s'",
                removed, removed == 1 ? "" : "s", dirs->n == 1 ? "'" : "",
                dirs->n == 1 ? dirs->v[0] : "the directories",
                dirs->n == 1 ? "'" : "", spec);
    return 0;
}

/* the number of online processors, at least 1 */
static long
online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n;
}

int
cmd_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"base", required_argument, NULL, 'b'},
        {"strict", no_argument, NULL, 'S'},
        {"jobs", required_argument, NULL, 'j'},
        {"prune", no_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *base = DG_BASE_DEFAULT;
    int strict = 0, prune = 0, c, status = DG_EXIT_FAIL;
    struct paths prune_dirs = {NULL, 0, 0};
    long jobs = 0;
    struct dg_error err = {0, ""};
    struct skips skips = {0, "", 0, 0};
    struct collect col = {{NULL, 0, 0},
                          {NULL, NULL, 0, 0},
                          {NULL, NULL, 0, 0},
                          NULL,
                          0,
                          0,
                          &skips,
                          0,
                          0};
    struct paths *files = &col.files;
    struct dg_store *st = NULL;
    struct worker *workers = NULL;
    size_t nworkers = 0, started_workers = 0;
    struct pool pool = {PTHREAD_MUTEX_INITIALIZER,
                        PTHREAD_COND_INITIALIZER,
                        PTHREAD_COND_INITIALIZER,
                        NULL,
                        0,
                        0,
                        0,
                        0,
                        NULL};
    size_t built = 0;

    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "hj:", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'b':
            if (dg_iri_check(optarg, &err) < 0)
                return dg_cli_usage_error(usage_line, "build: --base %s",
                                          err.msg);
            base = optarg;
            break;
        case 'S': strict = 1; break;
        case 'P': prune = 1; break;
        case 'j':
            if (dg_cli_parse_long(optarg, &jobs) < 0 ||
                jobs > DG_BUILD_MAX_JOBS)
                return dg_cli_usage_error(
                    usage_line, "build: --jobs takes 0 to %d, not '%s'",
                    DG_BUILD_MAX_JOBS, optarg);
            break;
        case 'h': help(); return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "hj:", argv);
        }
    }
    if (optind >= argc)
        return dg_cli_usage_error(usage_line, "build: no article given");
    for (int i = optind; prune && i < argc; i++) {
        struct stat sb;
        if (!dg_remote_is_url(argv[i]) && stat(argv[i], &sb) == 0 &&
            S_ISDIR(sb.st_mode) && paths_add(&prune_dirs, argv[i]) < 0) {
            paths_release(&prune_dirs);
            return dg_cli_error("out of memory");
        }
    }
    if (prune && !prune_dirs.n)
        return dg_cli_usage_error(usage_line,
                                  "build: --prune needs a directory");
    if (jobs == 0)
        jobs = online_cpus();
    for (int i = optind; i < argc; i++)
        if (collect_path(&col, argv[i], 1, &err) < 0) {
            status = dg_cli_fail(&err);
            goto out;
        }
    if (files->n == 0 && prune && !skips.n) {
        /* every article of the directories is gone: prune only */
        const char *spec = dg_cli_store_spec(store_opt);
        if (!(st = dg_store_open(spec, DG_STORE_CREATE, dg_cli_ontology(),
                                 &err)) ||
            prune_gone(st, &prune_dirs, spec, &err) < 0 ||
            dg_store_sync(st, &err) < 0) {
            status = dg_cli_fail(&err);
            goto out;
        }
        status = DG_EXIT_OK;
        goto out;
    }
    if (files->n == 0)
        goto done; /* the skips (or their absence) say why */
    skips_flush(&skips);

    /* N workers read and extract (no more than there are articles); the
     * writer is this thread.  With one, this thread does all, as before. */
    nworkers = (size_t)jobs < files->n ? (size_t)jobs : files->n;
    pool.ring_n = nworkers == 1 ? 1 : 2 * nworkers;
    if (!(workers = calloc(nworkers, sizeof *workers)) ||
        !(pool.ring = calloc(pool.ring_n, sizeof *pool.ring))) {
        dg_error_set(&err, DG_ERR_NOMEM, "out of memory");
        status = dg_cli_fail(&err);
        goto out;
    }
    for (size_t i = 0; i < pool.ring_n; i++)
        if (!(pool.ring[i].facts = dg_facts_new())) {
            dg_error_set(&err, DG_ERR_NOMEM, "out of memory");
            status = dg_cli_fail(&err);
            goto out;
        }
    for (size_t i = 0; i < nworkers; i++) {
        workers[i].pool = &pool;
        if (!(workers[i].x = dg_extract_new(dg_cli_datadir(), &err))) {
            status = dg_cli_fail(&err);
            goto out;
        }
        struct dg_remote_opts ro = {NULL, 0, 0, DG_BUILD_FETCH_TIMEOUT_MS};
        if (col.has_url && !(workers[i].rm = dg_remote_new(&ro, &err))) {
            status = dg_cli_fail(&err);
            goto out;
        }
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
    struct job job = {files, base, run_iri, started};
    pool.job = &job;

    double start = now_seconds();
    double extract_secs = 0, store_secs = 0, wait_secs = 0;
    size_t sentences = 0, triples = 0;
    int progress = isatty(STDERR_FILENO) && dg_verbosity > 0;
    skips.progress = progress;
    if (nworkers > 1)
        for (; started_workers < nworkers; started_workers++) {
            int e = pthread_create(&workers[started_workers].thread, NULL, work,
                                   &workers[started_workers]);
            if (e) { /* build on the threads that started, or on this one */
                dg_cli_note(2, "cannot start a thread: %s", strerror(e));
                break;
            }
        }
    for (size_t i = 0; i < files->n; i++) {
        const char *path = files->v[i];
        struct article *a = &pool.ring[i % pool.ring_n];
        size_t added = 0;
        double t = now_seconds();
        if (!started_workers) {
            prepare(a, workers[0].x, workers[0].rm, &job, i);
        } else {
            pthread_mutex_lock(&pool.mu);
            while (!a->ready)
                pthread_cond_wait(&pool.ready_cv, &pool.mu);
            pthread_mutex_unlock(&pool.mu);
            wait_secs += now_seconds() - t;
        }
        extract_secs += a->secs;
        if (progress)
            fprintf(stderr, "\r\033[Kdiplograph: [%zu/%zu] %s", i + 1, files->n,
                    a->key);
        if (a->bad_name) {
            skip(&skips, path, "its name does not make an IRI");
        } else if (a->failed) {
            skip(&skips, path, a->err.msg);
        } else {
            t = thread_cpu_seconds();
            if (dg_store_replace_graph(st, a->graph, a->facts, &added, &err) <
                0) {
                if (progress)
                    fputs("\r\033[K", stderr);
                status = dg_cli_fail(&err);
                goto out;
            }
            store_secs += thread_cpu_seconds() - t;
            skips_flush(&skips);
            if (a->html && dg_verbosity > 1) {
                if (progress)
                    fputs("\r\033[K", stderr);
                dg_cli_html_note(path, &a->hs);
            }
            built++;
            sentences += a->xs.sentences;
            triples += added;
        }
        pthread_mutex_lock(&pool.mu);
        a->ready = 0;
        pool.done = i + 1;
        pthread_cond_broadcast(&pool.space_cv);
        pthread_mutex_unlock(&pool.mu);
    }
    if (progress)
        fputs("\r\033[K", stderr);
    double t = thread_cpu_seconds();
    if (dg_store_sync(st, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    store_secs += thread_cpu_seconds() - t;
    double secs = now_seconds() - start;
    if (built && dg_verbosity > 0)
        fprintf(stderr,
                "diplograph: built %zu article%s%s, %zu sentence%s, %zu "
                "triple%s in %.2f s into '%s'\n",
                built, dg_cli_s(built), skips.n ? " (some skipped)" : "",
                sentences, dg_cli_s(sentences), triples, dg_cli_s(triples),
                secs, spec);
    if (built && skips.n && dg_verbosity > 0)
        fprintf(stderr, "diplograph: %zu skipped\n", skips.n);
    if (prune && (prune_gone(st, &prune_dirs, spec, &err) < 0 ||
                  dg_store_sync(st, &err) < 0)) {
        status = dg_cli_fail(&err);
        goto out;
    }
    dg_cli_note(2,
                "%zu thread%s: reading and extracting %.2f s CPU (summed), "
                "store writes %.2f s CPU, writer waiting %.2f s",
                started_workers ? started_workers : 1,
                started_workers > 1 ? "s" : "", extract_secs, store_secs,
                wait_secs);
done:
    status = (built == 0 || (strict && skips.n)) ? DG_EXIT_FAIL : DG_EXIT_OK;
    if (built == 0) {
        if (skips.n == 1 && !skips.first_shown) {
            dg_cli_error("no article could be built: %s", skips.first);
            skips.first_shown = 1;
        } else if (files->n == 0 && !skips.n) {
            dg_cli_error("no *.txt article or *.html page in the given paths");
        } else {
            skips_flush(&skips);
            dg_cli_error("no article could be built (%zu skipped)", skips.n);
        }
    }
out:
    if (started_workers) {
        pthread_mutex_lock(&pool.mu);
        pool.stop = 1;
        pthread_cond_broadcast(&pool.space_cv);
        pthread_mutex_unlock(&pool.mu);
        for (size_t i = 0; i < started_workers; i++)
            pthread_join(workers[i].thread, NULL);
    }
    skips_flush(&skips);
    dg_store_free(st);
    for (size_t i = 0; pool.ring && i < pool.ring_n; i++)
        dg_facts_free(pool.ring[i].facts);
    free(pool.ring);
    for (size_t i = 0; workers && i < nworkers; i++) {
        dg_extract_free(workers[i].x);
        dg_remote_free(workers[i].rm);
    }
    free(workers);
    paths_release(&col.files);
    paths_release(&prune_dirs);
    id_set_release(&col.seen_files);
    id_set_release(&col.seen_dirs);
    free(col.stack);
    return status;
}
