/* cli.h: shared pieces of the diplograph command line.
 *
 * Each subcommand lives in cli/cmd_<name>.c as `int cmd_<name>(int argc,
 * char **argv)` and returns an exit status: DG_EXIT_OK, DG_EXIT_FAIL (a
 * run-time failure, reported on stderr) or DG_EXIT_USAGE (misuse).  Only
 * this folder prints: data to stdout, logs and progress to stderr. */
#ifndef DG_CLI_H
#define DG_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "common/error.h"

enum { DG_EXIT_OK = 0, DG_EXIT_FAIL = 1, DG_EXIT_USAGE = 2 };

#define DG_DEFAULT_STORE "out/store"

/* verbosity: 0 quiet (-q), 1 normal, 2 verbose (-v) */
extern int dg_verbosity;

/* "diplograph: error: MSG" on stderr; returns DG_EXIT_FAIL. */
int dg_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints err's message as above; returns DG_EXIT_USAGE for DG_ERR_USAGE
 * errors, else DG_EXIT_FAIL. */
int dg_cli_fail(const struct dg_error *err);
/* "diplograph: warning: MSG" on stderr (unless quiet). */
void dg_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "diplograph: MSG" on stderr when verbosity >= level. */
void dg_cli_note(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "diplograph: MSG (see 'diplograph CMD --help')" on stderr, one line,
 * CMD taken from the usage line; returns DG_EXIT_USAGE. */
int dg_cli_usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* getopt_long (opterr 0) with the global options added: -q/--quiet and
 * -v/--verbose are accepted after the command too, set dg_verbosity and
 * are not returned.  optstring and longopts are the command's (borrowed;
 * at most 60 of each). */
int dg_cli_getopt(int argc, char **argv, const char *optstring,
                  const struct option *longopts);
/* The usage error for getopt_long's '?' (opterr is 0): "unknown option
 * 'X'" or "option 'X' needs a value"; optstring: getopt's short options.
 * Returns DG_EXIT_USAGE. */
int dg_cli_bad_option(const char *usage, const char *optstring, char **argv);

/* "s" unless n is 1, for counts: "%zu triple%s", n, dg_cli_s(n). */
static inline const char *
dg_cli_s(unsigned long long n)
{
    return n == 1 ? "" : "s";
}

/* The store spec to use: the command's --store value, else the --store
 * given before the command, else $DIPLOGRAPH_STORE, else DG_DEFAULT_STORE
 * (borrowed strings). */
const char *dg_cli_store_spec(const char *opt);

/* The directory of the lexicon data files: $DIPLOGRAPH_DATADIR, else the
 * source tree's extract/data when running from the build tree, else the
 * installed $(pkgdatadir)/lexicon.  Borrowed static string. */
const char *dg_cli_datadir(void);
/* The ontology file (graph/diplograph.ttl), found like the data dir. */
const char *dg_cli_ontology(void);
/* The queries directory (queries/), found like the data dir. */
const char *dg_cli_queries_dir(void);

/* dg_file_read (common/file.h): a whole regular file, or "-" for stdin,
 * of at most max_bytes (0: no limit), into a NUL-terminated buffer the
 * caller frees with free(); *len gets its length.  NULL with err set to
 * "cannot read 'PATH': CAUSE". */
char *dg_cli_read_file(const char *path, size_t max_bytes, int flags,
                       size_t *len, struct dg_error *err);

/* Query bounds of query, render and report (--max-rows, --timeout). */
#define DG_CLI_MAX_ROWS 5000000L     /* rows a query may hold in memory */
#define DG_CLI_REPORT_TIMEOUT 60000L /* ms per query of the report */

/* Parses a count or a duration in ms: digits only, 0 allowed; returns 0
 * and fills *out, or -1. */
int dg_cli_parse_long(const char *arg, long *out);

/* The largest query file read (queries are text, not data). */
#define DG_CLI_MAX_QUERY_BYTES (1024u * 1024u)

/* Called once, by main, after every command: flushes and closes stdout and
 * checks that everything was written.  Returns status; when stdout failed
 * and status was DG_EXIT_OK, prints "cannot write standard output: WHY"
 * and returns DG_EXIT_FAIL (a command that failed has said why already:
 * one error line, not two). */
int dg_cli_finish_stdout(int status);

/* What a secret file's first line must hold. */
enum dg_cli_secret {
    DG_SECRET_TOKEN,    /* any text: serve --token-file */
    DG_SECRET_USERPASS, /* USER:PASSWORD: serve --auth-file */
    DG_SECRET_REMOTE    /* "Bearer TOKEN" or USER:PASSWORD: push, --endpoint */
};

/* The first line of the secret file path (borrowed), without its end of
 * line, checked for kind; a file other users can read gets a warning
 * (secrets are never taken from the command line).  Caller frees with
 * free(); NULL with err set. */
char *dg_cli_read_secret(const char *path, enum dg_cli_secret kind,
                         struct dg_error *err);

struct dg_html_stats;
/* At -v, "diplograph: 'NAME': web page, main text from <article>, date
 * from meta ..., N blocks; left out: ..." on stderr (name borrowed). */
void dg_cli_html_note(const char *name, const struct dg_html_stats *st);

struct dg_store;
/* The article key build gives path (borrowed; a file path, a URL, or "-"
 * for "stdin"): the file name (a URL's last path segment) without its
 * .txt/.html/.htm/.xhtml suffix, with the bytes an IRI cannot hold
 * percent-encoded; into key (size bytes; "" when nothing is left). */
void dg_cli_article_key(const char *path, char *key, size_t size);
/* The number of triples of graph iri (borrowed) in st: 0 when it is
 * absent; -1 with err set on failure or when iri is not an IRI. */
long dg_cli_graph_size(struct dg_store *st, const char *iri,
                       struct dg_error *err);
/* build --prune: removes, in one transaction, the graphs of articles whose
 * dg:sourceFile lies under one of the ndirs directories dirs (borrowed;
 * compared as paths with "./" and repeated slashes dropped) and no longer
 * exists.  *removed gets their number.  0, or -1 with err set (nothing
 * removed). */
int dg_cli_prune(struct dg_store *st, char *const *dirs, size_t ndirs,
                 size_t *removed, struct dg_error *err);

int cmd_backup(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_push(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_stats(int argc, char **argv);

#endif /* DG_CLI_H */
