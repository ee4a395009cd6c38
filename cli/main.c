/* main.c: the diplograph command: a git-style table of subcommands. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/output.h"
#include "common/file.h"
#include "extract/html.h"

int dg_verbosity = 1;

/* --store SPEC given before the command (dg_cli_store_spec) */
static const char *global_store;

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"build", cmd_build, "extract articles (*.txt, *.html) into the store"},
    {"load", cmd_load, "import RDF files (Turtle, N-Triples, N-Quads, ...)"},
    {"query", cmd_query, "run a SPARQL query and print its results"},
    {"render", cmd_render, "draw a query's results as a diagram (Graphviz)"},
    {"report", cmd_report, "write an HTML report of every query (out/report)"},
    {"remove", cmd_remove, "delete articles' graphs (by path or graph IRI)"},
    {"export", cmd_export, "write the store as Turtle, N-Triples, N-Quads"},
    {"push", cmd_push, "send the graphs to a SPARQL Graph Store endpoint"},
    {"serve", cmd_serve, "serve the store over the SPARQL 1.1 HTTP protocols"},
    {"stats", cmd_stats, "count triples, graphs and entities by type"},
    {"check", cmd_check, "check an lmdb store for damage"},
    {"backup", cmd_backup, "copy an lmdb store, compacted, to a directory"},
    {"extract", cmd_extract, "print an article's facts as N-Triples"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char main_usage[] =
    "usage: diplograph [-q|-v] [--store SPEC] COMMAND [OPTIONS] [ARGS]";

static void
usage(FILE *fp)
{
    fprintf(fp,
            "%s\n       diplograph help [COMMAND]\n       diplograph "
            "-V|--version\n\n"
            "Turns diplomacy and defence news into a knowledge graph.\n\n"
            "commands:\n",
            main_usage);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp,
            "\n'diplograph help COMMAND' or 'diplograph COMMAND --help' "
            "tells more about a\ncommand; 'man diplograph' tells all.  "
            "-q (--quiet) and -v (--verbose) go\nbefore or after the "
            "command.  The store is --store SPEC, $DIPLOGRAPH_STORE,\n"
            "or '%s'.  Exit status: 0 success, 1 failure, 2 usage error.\n",
            DG_DEFAULT_STORE);
}

static const struct command *
find_command(const char *name)
{
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (!strcmp(name, commands[k].name))
            return &commands[k];
    return NULL;
}

/* a usage error of the command line before the command: one line */
static int __attribute__((format(printf, 1, 2)))
main_usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("diplograph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (see 'diplograph --help')\n", stderr);
    return DG_EXIT_USAGE;
}

/* ---- messages */

/* s on one line: each run of blanks holding a line break, tab or other
 * control character (a library's message of several lines, such as
 * libpq's) becomes one space; trailing blanks go */
static void
one_line(char *s)
{
    char *o = s;
    for (const char *p = s; *p;) {
        size_t n = 0;
        int ctl = 0;
        while (p[n] == ' ' || ((unsigned char)p[n] < 0x20 && p[n] != '\0'))
            ctl |= p[n++] != ' ';
        if (!ctl) {
            memmove(o, p, n ? n : 1);
            o += n ? n : 1;
            p += n ? n : 1;
            continue;
        }
        p += n;
        if (*p && o > s)
            *o++ = ' ';
    }
    while (o > s && o[-1] == ' ')
        o--;
    *o = '\0';
}

int
dg_cli_error(const char *fmt, ...)
{
    va_list ap;
    char msg[2048];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    one_line(msg);
    fprintf(stderr, "diplograph: error: %s\n", msg);
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

void
dg_cli_html_note(const char *name, const struct dg_html_stats *st)
{
    dg_cli_note(2,
                "'%s': web page, main text from %s, date from %s, %zu "
                "blocks; left out: %zu elements by kind (script, nav, "
                "header, footer, ...), %zu by class or id (menu, share, "
                "related, ...), %zu lists of links, %zu blocks outside the "
                "main text",
                name, st->main, st->date_from ? st->date_from : "nowhere",
                st->blocks, st->dropped, st->boilerplate, st->link_lists,
                st->outside);
}

/* "build" from "usage: diplograph build ..." */
static void
usage_command(const char *usage_line, char *buf, size_t size)
{
    const char *p = strstr(usage_line, "diplograph ");
    size_t n = 0;
    p = p ? p + strlen("diplograph ") : "";
    while (p[n] && p[n] != ' ' && p[n] != '\n')
        n++;
    snprintf(buf, size, "%.*s", (int)n, p);
}

int
dg_cli_usage_error(const char *usage_line, const char *fmt, ...)
{
    va_list ap;
    char cmd[32];
    usage_command(usage_line, cmd, sizeof cmd);
    fputs("diplograph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'diplograph %s --help')\n", cmd);
    return DG_EXIT_USAGE;
}

int
dg_cli_getopt(int argc, char **argv, const char *optstring,
              const struct option *longopts)
{
    /* the command's options, then -q, -v, --quiet, --verbose */
    static char opts[64];
    static struct option lopts[64];
    size_t n = 0;
    int c;
    snprintf(opts, sizeof opts, "%sqv", optstring);
    while (longopts[n].name && n + 3 < sizeof lopts / sizeof lopts[0]) {
        lopts[n] = longopts[n];
        n++;
    }
    lopts[n++] = (struct option){"quiet", no_argument, NULL, 'q'};
    lopts[n++] = (struct option){"verbose", no_argument, NULL, 'v'};
    lopts[n] = (struct option){NULL, 0, NULL, 0};
    while ((c = getopt_long(argc, argv, opts, lopts, NULL)) == 'q' || c == 'v')
        dg_verbosity = c == 'q' ? 0 : 2;
    return c;
}

int
dg_cli_bad_option(const char *usage_line, const char *optstring, char **argv)
{
    const char *word = argv[optind - 1];
    char cmd[32];
    usage_command(usage_line, cmd, sizeof cmd);
    if (!strncmp(word, "--", 2)) {
        size_t n = strcspn(word, "=");
        if (optopt)
            return dg_cli_usage_error(usage_line,
                                      "%s: option '%.*s' needs a value", cmd,
                                      (int)n, word);
        return dg_cli_usage_error(usage_line, "%s: unknown option '%.*s'", cmd,
                                  (int)n, word);
    }
    const char *o = optopt ? strchr(optstring, optopt) : NULL;
    if (o && o[1] == ':')
        return dg_cli_usage_error(usage_line, "%s: option '-%c' needs a value",
                                  cmd, optopt);
    if (optopt)
        return dg_cli_usage_error(usage_line, "%s: unknown option '-%c'", cmd,
                                  optopt);
    return dg_cli_usage_error(usage_line, "%s: bad option '%s'", cmd, word);
}

/* ---- paths */

const char *
dg_cli_store_spec(const char *opt)
{
    if (opt && *opt)
        return opt;
    if (global_store && *global_store)
        return global_store;
    const char *env = getenv("DIPLOGRAPH_STORE");
    return env && *env ? env : DG_DEFAULT_STORE;
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
dg_cli_read_file(const char *path, size_t max_bytes, int flags, size_t *len,
                 struct dg_error *err)
{
    struct dg_error e = {0, ""};
    char *text = dg_file_read(path, max_bytes, flags, len, &e);
    if (!text)
        dg_error_set(err, e.code, "cannot read '%s': %s", path, e.msg);
    return text;
}

char *
dg_cli_read_secret(const char *path, enum dg_cli_secret kind,
                   struct dg_error *err)
{
    size_t len;
    struct stat sb;
    char *text = dg_cli_read_file(path, 4096, DG_FILE_NO_NUL, &len, err);
    if (!text)
        return NULL;
    text[strcspn(text, "\r\n")] = '\0';
    int ok = kind == DG_SECRET_TOKEN           ? text[0] != '\0'
             : kind == DG_SECRET_USERPASS      ? strchr(text, ':') != NULL
             : strncasecmp(text, "Bearer ", 7) ? strchr(text, ':') != NULL
                                               : text[7] != '\0';
    if (!ok) {
        if (kind == DG_SECRET_REMOTE)
            dg_error_set(err, DG_ERR_INPUT,
                         "'%s' holds neither 'Bearer TOKEN' nor "
                         "USER:PASSWORD on its first line",
                         path);
        else
            dg_error_set(err, DG_ERR_INPUT,
                         "'%s' holds no %s on its first line", path,
                         kind == DG_SECRET_TOKEN ? "token" : "USER:PASSWORD");
        free(text);
        return NULL;
    }
    if (stat(path, &sb) == 0 && (sb.st_mode & 077))
        dg_cli_warn("'%s' can be read by other users", path);
    return text;
}

int
dg_cli_parse_long(const char *arg, long *out)
{
    char *end;
    if (!(arg[0] >= '0' && arg[0] <= '9'))
        return -1;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

int
dg_cli_finish_stdout(int status)
{
    struct dg_error err = {0, ""};
    struct dg_output o;
    int bad = 0;
    dg_output_open(&o, "-", &err);
    if (dg_output_commit(&o, &err) < 0)
        bad = 1;
    else if (fclose(stdout) != 0 && errno != EBADF)
        bad = dg_error_set(&err, DG_ERR_IO, "cannot write standard output: %s",
                           strerror(errno));
    if (!bad || status != DG_EXIT_OK)
        return status; /* a failed command has said why: one line */
    return dg_cli_fail(&err);
}

/* diplograph help [COMMAND]: the usage of all, or of one command (as
 * COMMAND --help) */
static int
help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return DG_EXIT_OK;
    }
    const struct command *cmd = find_command(argv[1]);
    if (argc > 2)
        return main_usage_error("help: give one COMMAND, not '%s'", argv[2]);
    if (!cmd)
        return main_usage_error("help: unknown command '%s'", argv[1]);
    char *args[] = {argv[1], "--help", NULL};
    return cmd->fn(2, args);
}

int
main(int argc, char **argv)
{
    int i = 1;
    opterr = 0; /* dg_cli_bad_option says what was wrong, in one line */
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            dg_verbosity = 0;
        } else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
            dg_verbosity = 2;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return dg_cli_finish_stdout(DG_EXIT_OK);
        } else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
            printf("diplograph %s\n", PACKAGE_VERSION);
            return dg_cli_finish_stdout(DG_EXIT_OK);
        } else if (!strcmp(argv[i], "--store")) {
            if (++i >= argc)
                return main_usage_error("option '%s' needs a value", "--store");
            global_store = argv[i];
        } else if (!strncmp(argv[i], "--store=", 8)) {
            global_store = argv[i] + 8;
        } else {
            return main_usage_error("unknown option '%s'", argv[i]);
        }
    }
    if (i >= argc) {
        fprintf(stderr, "%s (see 'diplograph --help')\n", main_usage);
        return DG_EXIT_USAGE;
    }
    if (!strcmp(argv[i], "help"))
        return dg_cli_finish_stdout(help(argc - i, argv + i));
    const struct command *cmd = find_command(argv[i]);
    if (cmd)
        return dg_cli_finish_stdout(cmd->fn(argc - i, argv + i));
    return main_usage_error("unknown command '%s'", argv[i]);
}
