/* main.c: the diplograph command: a git-style table of subcommands. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

int dg_verbosity = 1;

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"build", cmd_build, "extract articles (*.txt) into the store"},
    {"load", cmd_load, "import RDF files (Turtle, N-Triples, N-Quads, ...)"},
    {"query", cmd_query, "run a SPARQL query and print its results"},
    {"render", cmd_render, "draw a query's results as a diagram (Graphviz)"},
    {"report", cmd_report, "write an HTML report of every query (out/report)"},
    {"export", cmd_export, "write the store as Turtle, N-Triples, N-Quads"},
    {"stats", cmd_stats, "count triples, graphs and entities by type"},
    {"check", cmd_check, "check an lmdb store for damage"},
    {"backup", cmd_backup, "copy an lmdb store, compacted, to a directory"},
    {"extract", cmd_extract, "print an article's facts as N-Triples"},
};

static void
usage(FILE *fp)
{
    fprintf(fp, "usage: diplograph [-q|-v] COMMAND [OPTIONS] [ARGS]\n\n"
                "Turns diplomacy and defence news into a knowledge graph.\n\n"
                "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp,
            "\n'diplograph COMMAND --help' tells more about a command.\n"
            "The store is --store SPEC, $DIPLOGRAPH_STORE, or '%s'.\n",
            DG_DEFAULT_STORE);
}

/* ---- messages */

int
dg_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("diplograph: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return DG_EXIT_FAIL;
}

int
dg_cli_fail(const struct dg_error *err)
{
    dg_cli_error("%s", err->msg[0] ? err->msg : "unknown error");
    return err->code == DG_ERR_USAGE ? DG_EXIT_USAGE : DG_EXIT_FAIL;
}

void
dg_cli_warn(const char *fmt, ...)
{
    va_list ap;
    if (dg_verbosity < 1)
        return;
    fputs("diplograph: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void
dg_cli_note(int level, const char *fmt, ...)
{
    va_list ap;
    if (dg_verbosity < level)
        return;
    fputs("diplograph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int
dg_cli_usage_error(const char *usage_line, const char *fmt, ...)
{
    va_list ap;
    fputs("diplograph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s\n", usage_line);
    return DG_EXIT_USAGE;
}

/* ---- paths */

const char *
dg_cli_store_spec(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("DIPLOGRAPH_STORE");
    return env && *env ? env : DG_DEFAULT_STORE;
}

static int
is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* 1 when this binary runs from the build tree (not installed) */
static int
in_build_tree(void)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return 0;
    self[n] = '\0';
    size_t bl = strlen(DG_BUILDDIR);
    return strncmp(self, DG_BUILDDIR, bl) == 0 && self[bl] == '/';
}

/* resolves a data path: env var, build tree (source file), installed */
static const char *
find_data(char *buf, size_t size, const char *env, const char *src_rel,
          const char *inst_rel, int want_dir)
{
    const char *e = env ? getenv(env) : NULL;
    if (e && *e)
        return e;
    struct stat sb;
    snprintf(buf, size, "%s/%s", DG_SRCDIR, src_rel);
    if (in_build_tree() && stat(buf, &sb) == 0)
        return buf;
    snprintf(buf, size, "%s/%s", DG_PKGDATADIR, inst_rel);
    if (stat(buf, &sb) == 0 && (!want_dir || S_ISDIR(sb.st_mode)))
        return buf;
    /* last resort: the source tree even when installed elsewhere */
    snprintf(buf, size, "%s/%s", DG_SRCDIR, src_rel);
    return buf;
}

const char *
dg_cli_datadir(void)
{
    static char buf[4096];
    return find_data(buf, sizeof buf, "DIPLOGRAPH_DATADIR", "extract/data",
                     "lexicon", 1);
}

const char *
dg_cli_ontology(void)
{
    static char buf[4096];
    return find_data(buf, sizeof buf, NULL, "graph/diplograph.ttl",
                     "diplograph.ttl", 0);
}

const char *
dg_cli_queries_dir(void)
{
    static char buf[4096];
    return find_data(buf, sizeof buf, "DIPLOGRAPH_QUERIES", "queries",
                     "queries", 1);
}

char *
dg_cli_read_file(const char *path, size_t *len, struct dg_error *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!fp) {
        dg_error_set(err, DG_ERR_IO, "cannot open '%s': %s", path,
                     strerror(errno));
        return NULL;
    }
    if (is_dir(path)) {
        dg_error_set(err, DG_ERR_IO, "cannot read '%s': is a directory", path);
        goto fail;
    }
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                dg_error_set(err, DG_ERR_NOMEM, "out of memory reading '%s'",
                             path);
                goto fail;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        dg_error_set(err, DG_ERR_IO, "cannot read '%s': %s", path,
                     strerror(errno));
        goto fail;
    }
    if (fp != stdin)
        fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
fail:
    if (fp != stdin)
        fclose(fp);
    free(buf);
    return NULL;
}

int
dg_cli_finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        dg_cli_error("cannot write to standard output: %s", strerror(errno));
        return DG_EXIT_FAIL;
    }
    return status;
}

int
main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            dg_verbosity = 0;
        } else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
            dg_verbosity = 2;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return dg_cli_finish_stdout(DG_EXIT_OK);
        } else if (!strcmp(argv[i], "--version")) {
            printf("diplograph %s\n", PACKAGE_VERSION);
            return dg_cli_finish_stdout(DG_EXIT_OK);
        } else {
            fprintf(stderr, "diplograph: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return DG_EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return DG_EXIT_USAGE;
    }
    if (!strcmp(argv[i], "help")) {
        usage(stdout);
        return dg_cli_finish_stdout(DG_EXIT_OK);
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (!strcmp(argv[i], commands[k].name))
            return dg_cli_finish_stdout(commands[k].fn(argc - i, argv + i));
    fprintf(stderr, "diplograph: unknown command '%s'\n", argv[i]);
    usage(stderr);
    return DG_EXIT_USAGE;
}
