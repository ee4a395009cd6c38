/* store.c: see store.h.  The only file that opens librdf storages. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <librdf.h>
#include <raptor2.h>

#include "common/file.h"
#include "common/ns.h"
#include "graph/sparql/eval.h"
#include "graph/sparql/parse.h"
#include "graph/store/lmdb_check.h"
#include "graph/store/lmdb_dataset.h"
#include "graph/store/lmdb_storage.h"
#include "graph/store/mem_dataset.h"
#include "graph/store/store.h"

/* The graph holding the ontology in every store. */
/* librdf storage name (file prefix for hashes) */
#define STORAGE_NAME "diplograph"

#define LABEL_CACHE 4096
/* kind of a new store given as a bare directory */
#define DEFAULT_KIND "lmdb"

struct label_entry {
    char *iri;
    char *label; /* NULL: looked up, none */
};

struct dg_store {
    librdf_world *world;
    librdf_storage *storage;
    librdf_model *model;
    char *name;
    struct dg_store_spec spec;
    /* first error logged by Redland during the current operation */
    char log_msg[1024];
    int log_errors;
    int log_line;      /* line of the first error, 0 when unknown */
    char log_raw[960]; /* its message without the position */
    int in_txn;
    struct label_entry *labels;
    size_t nlabels, labels_cap;
    struct dg_query_opts qopts; /* of dg_store_query: bounds for all */
};

/* ---- logging: Redland's messages become the current error */

static int
log_handler(void *user_data, librdf_log_message *message)
{
    struct dg_store *st = user_data;
    if (librdf_log_message_level(message) < LIBRDF_LOG_ERROR)
        return 1; /* drop debug, info and warnings */
    if (st->log_errors++ == 0) {
        const char *msg = librdf_log_message_message(message);
        raptor_locator *loc = librdf_log_message_locator(message);
        st->log_line = loc ? raptor_locator_line(loc) : 0;
        snprintf(st->log_raw, sizeof st->log_raw, "%s", msg ? msg : "error");
        if (loc && raptor_locator_line(loc) > 0) {
            int col = raptor_locator_column(loc);
            if (col > 0)
                snprintf(st->log_msg, sizeof st->log_msg,
                         "line %d, column %d: %s", raptor_locator_line(loc),
                         col, msg ? msg : "error");
            else
                snprintf(st->log_msg, sizeof st->log_msg, "line %d: %s",
                         raptor_locator_line(loc), msg ? msg : "error");
        } else {
            snprintf(st->log_msg, sizeof st->log_msg, "%s",
                     msg ? msg : "error");
        }
    }
    return 1;
}

static void
log_reset(struct dg_store *st)
{
    st->log_msg[0] = '\0';
    st->log_errors = 0;
    st->log_line = 0;
    st->log_raw[0] = '\0';
}

static const char *
log_text(struct dg_store *st, const char *fallback)
{
    return st->log_msg[0] ? st->log_msg : fallback;
}

/* ---- store specs */

int
dg_store_spec_parse(const char *spec, struct dg_store_spec *out,
                    struct dg_error *err)
{
    memset(out, 0, sizeof *out);
    if (!spec || !*spec)
        return dg_error_set(err, DG_ERR_USAGE, "empty store spec");
    const char *colon = strchr(spec, ':');
    if (strncmp(spec, "postgresql://", 13) == 0) {
        /* postgresql://USER[:PASSWORD]@HOST[:PORT]/DB */
        char user[256] = "", pass[256] = "", host[256] = "", port[32] = "",
             db[256] = "";
        const char *p = spec + 13;
        const char *at = strchr(p, '@');
        const char *slash = strchr(at ? at : p, '/');
        if (!at || !slash || !slash[1])
            return dg_error_set(
                err, DG_ERR_USAGE,
                "bad store spec '%s': expected "
                "postgresql://USER:PASSWORD@HOST[:PORT]/DATABASE",
                spec);
        const char *pc = memchr(p, ':', (size_t)(at - p));
        if (pc) {
            snprintf(user, sizeof user, "%.*s", (int)(pc - p), p);
            snprintf(pass, sizeof pass, "%.*s", (int)(at - pc - 1), pc + 1);
        } else {
            snprintf(user, sizeof user, "%.*s", (int)(at - p), p);
        }
        const char *h = at + 1;
        const char *hc = memchr(h, ':', (size_t)(slash - h));
        if (hc) {
            snprintf(host, sizeof host, "%.*s", (int)(hc - h), h);
            snprintf(port, sizeof port, "%.*s", (int)(slash - hc - 1), hc + 1);
        } else {
            snprintf(host, sizeof host, "%.*s", (int)(slash - h), h);
            snprintf(port, sizeof port, "5432");
        }
        snprintf(db, sizeof db, "%s", slash + 1);
        if (strpbrk(user, "'") || strpbrk(pass, "'") || strpbrk(host, "'") ||
            strpbrk(db, "'"))
            return dg_error_set(err, DG_ERR_USAGE,
                                "bad store spec: quotes are not allowed");
        snprintf(out->kind, sizeof out->kind, "postgresql");
        snprintf(out->conninfo, sizeof out->conninfo,
                 "host='%s',port='%s',database='%s',user='%s',password='%s'",
                 host, port, db, user, pass);
        return 0;
    }
    if (colon && colon - spec < (long)sizeof out->kind &&
        colon - spec > 1) { /* one letter: a Windows-like drive, a path */
        size_t n = (size_t)(colon - spec);
        char kind[16];
        memcpy(kind, spec, n);
        kind[n] = '\0';
        if (strcmp(kind, "lmdb") != 0 && strcmp(kind, "hashes") != 0 &&
            strcmp(kind, "memory") != 0)
            return dg_error_set(err, DG_ERR_USAGE,
                                "unknown store kind '%s' (lmdb, hashes, "
                                "memory, postgresql)",
                                kind);
        snprintf(out->kind, sizeof out->kind, "%s", kind);
        if (strcmp(kind, "memory") != 0) {
            if (!colon[1])
                return dg_error_set(err, DG_ERR_USAGE,
                                    "store spec '%s' has no directory", spec);
            if (strlen(colon + 1) >= sizeof out->path)
                return dg_error_set(err, DG_ERR_USAGE, "store path too long");
            snprintf(out->path, sizeof out->path, "%s", colon + 1);
        }
        return 0;
    }
    if (strlen(spec) >= sizeof out->path)
        return dg_error_set(err, DG_ERR_USAGE, "store path too long");
    snprintf(out->path, sizeof out->path, "%s", spec);
    out->kind[0] = '\0'; /* decided at open: what the directory holds */
    return 0;
}

static int
file_exists(const char *dir, const char *name)
{
    char path[1200];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* mkdir -p */
static int
make_dirs(const char *path, struct dg_error *err)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) < 0 && errno != EEXIST)
            return dg_error_set(err, DG_ERR_IO, "cannot create '%s': %s", buf,
                                strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0777) < 0 && errno != EEXIST)
        return dg_error_set(err, DG_ERR_IO, "cannot create '%s': %s", buf,
                            strerror(errno));
    return 0;
}

/* A copy of spec for messages, with the password of a postgresql:// spec
 * replaced by "***".  Caller frees; NULL when out of memory. */
static char *
mask_password(const char *spec)
{
    const char *at = strrchr(spec, '@');
    const char *colon =
        strncmp(spec, "postgresql://", 13) == 0 ? strchr(spec + 13, ':') : NULL;
    if (!at || !colon || colon > at)
        return strdup(spec);
    size_t n = strlen(spec) + 4;
    char *copy = malloc(n);
    if (copy)
        snprintf(copy, n, "%.*s***%s", (int)(colon + 1 - spec), spec, at);
    return copy;
}

/* ---- open and close */

static int load_ontology(struct dg_store *st, const char *path,
                         struct dg_error *err);

struct dg_store *
dg_store_open(const char *specstr, int mode, const char *ontology_path,
              struct dg_error *err)
{
    struct dg_store *st = calloc(1, sizeof *st);
    char options[1400];
    int fresh = 0;
    if (!st) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (dg_store_spec_parse(specstr, &st->spec, err) < 0)
        goto fail;
    if (!(st->name = mask_password(specstr))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto fail;
    }

    struct dg_store_spec *sp = &st->spec;
    if (!sp->kind[0] || !strcmp(sp->kind, "lmdb") ||
        !strcmp(sp->kind, "hashes")) {
        struct stat sb;
        int exists = stat(sp->path, &sb) == 0;
        if (exists && !S_ISDIR(sb.st_mode)) {
            dg_error_set(err, DG_ERR_STORE, "store '%s' is not a directory",
                         sp->path);
            goto fail;
        }
        int has_lmdb = exists && file_exists(sp->path, "data.mdb");
        int has_bdb = exists && file_exists(sp->path, STORAGE_NAME "-sp2o.db");
        if (!sp->kind[0])
            snprintf(sp->kind, sizeof sp->kind, "%s",
                     has_lmdb && !has_bdb ? "lmdb" : DEFAULT_KIND);
        int has = !strcmp(sp->kind, "lmdb") ? has_lmdb : has_bdb;
        if (!has) {
            if (mode != DG_STORE_CREATE) {
                dg_error_set(err, DG_ERR_STORE,
                             "no store at '%s': run 'diplograph build' first",
                             sp->path);
                goto fail;
            }
            if (make_dirs(sp->path, err) < 0)
                goto fail;
            fresh = 1;
        }
    }

    st->world = librdf_new_world();
    if (!st->world) {
        dg_error_set(err, DG_ERR_STORE, "cannot create the Redland world");
        goto fail;
    }
    {
        /* librdf loads every storage module it finds at open, and
         * PostgreSQL's pulls in libpq and OpenSSL: a quarter of every
         * command's start-up.  Only a postgresql:// store needs a module,
         * so the others open librdf with an empty module path. */
        const char *was = getenv("REDLAND_MODULE_PATH");
        char *saved = was ? strdup(was) : NULL;
        int skip = strcmp(sp->kind, "postgresql") != 0 && (!was || saved);
        if (skip)
            setenv("REDLAND_MODULE_PATH", "/nonexistent/diplograph", 1);
        librdf_world_open(st->world);
        if (skip && saved)
            setenv("REDLAND_MODULE_PATH", saved, 1);
        else if (skip)
            unsetenv("REDLAND_MODULE_PATH");
        free(saved);
    }
    librdf_world_set_logger(st->world, st, log_handler);
    if (dg_lmdb_storage_register(st->world) < 0) {
        dg_error_set(err, DG_ERR_STORE, "cannot register the lmdb storage");
        goto fail;
    }
    log_reset(st);

    const char *factory = sp->kind;
    const char *sname = STORAGE_NAME;
    if (!strcmp(sp->kind, "hashes")) {
        snprintf(options, sizeof options,
                 "hash-type='bdb',dir='%s',contexts='yes',"
                 "index-predicates='yes',new='%s'",
                 sp->path, fresh ? "yes" : "no");
    } else if (!strcmp(sp->kind, "lmdb")) {
        /* pages written with pwrite, not through a writable map (a full
         * disk is then an error, not SIGBUS); the transactions of one
         * second grouped into one LMDB commit, synced without its meta
         * page (MDB_NOMETASYNC): a power cut may undo the last second of
         * articles, never corrupt the store (README.md, "Durability").
         * $DIPLOGRAPH_LMDB_OPTIONS replaces these for benchmarks, e.g.
         * "sync='no'" */
        const char *tune = getenv("DIPLOGRAPH_LMDB_OPTIONS");
        snprintf(options, sizeof options, "dir='%s',new='%s',write='%s',%s",
                 sp->path, fresh ? "yes" : "no",
                 mode == DG_STORE_CREATE ? "yes"
                 : mode == DG_STORE_READ ? "auto"
                                         : "no",
                 tune && *tune ? tune : "sync='meta',group-commit='1000'");
    } else if (!strcmp(sp->kind, "memory")) {
        snprintf(options, sizeof options, "contexts='yes'");
        fresh = 1;
    } else { /* postgresql */
        snprintf(options, sizeof options, "%s,new='no'", sp->conninfo);
        sname = "diplograph";
    }
    st->storage = librdf_new_storage(st->world, factory, sname, options);
    if (!st->storage && !strcmp(sp->kind, "postgresql") &&
        mode == DG_STORE_CREATE) {
        /* first use of this database: create the tables */
        log_reset(st);
        snprintf(options, sizeof options, "%s,new='yes'", sp->conninfo);
        st->storage = librdf_new_storage(st->world, factory, sname, options);
        fresh = 1;
    }
    if (!st->storage) {
        dg_error_set(err, DG_ERR_STORE, "cannot open store '%s': %s", st->name,
                     log_text(st, "storage failed to open"));
        goto fail;
    }
    st->model = librdf_new_model(st->world, st->storage, NULL);
    if (!st->model) {
        dg_error_set(err, DG_ERR_STORE, "cannot open store '%s': %s", st->name,
                     log_text(st, "model failed to open"));
        goto fail;
    }
    if (fresh && ontology_path && load_ontology(st, ontology_path, err) < 0)
        goto fail;
    return st;
fail:
    dg_store_free(st);
    return NULL;
}

void
dg_store_free(struct dg_store *st)
{
    if (!st)
        return;
    if (st->model) {
        if (st->in_txn)
            librdf_model_transaction_rollback(st->model);
        librdf_model_sync(st->model);
        librdf_free_model(st->model);
    }
    if (st->storage)
        librdf_free_storage(st->storage);
    if (st->world)
        librdf_free_world(st->world);
    for (size_t i = 0; i < st->labels_cap; i++) {
        free(st->labels ? st->labels[i].iri : NULL);
        free(st->labels ? st->labels[i].label : NULL);
    }
    free(st->labels);
    free(st->name);
    free(st);
}

int
dg_store_sync(struct dg_store *st, struct dg_error *err)
{
    log_reset(st);
    if (librdf_model_sync(st->model) != 0 || st->log_errors)
        return dg_error_set(err, DG_ERR_STORE, "cannot sync store '%s': %s",
                            st->name, log_text(st, "sync failed"));
    return 0;
}

long
dg_store_check(struct dg_store *st, void (*problem)(void *ctx, const char *msg),
               void *ctx, unsigned long long *quads, unsigned long long *terms,
               unsigned long long *graphs, struct dg_error *err)
{
    struct dg_lmdb_check_counts c;

    if (strcmp(st->spec.kind, "lmdb"))
        return dg_error_set(err, DG_ERR_USAGE,
                            "store '%s' is not an lmdb store: only those "
                            "can be checked",
                            st->name);
    if (dg_lmdb_check(st->storage, problem, ctx, &c, err))
        return -1;
    *quads = c.quads;
    *terms = c.terms;
    *graphs = c.graphs;
    return (long)c.problems;
}

int
dg_store_backup(struct dg_store *st, const char *dir, unsigned long long *bytes,
                struct dg_error *err)
{
    uint64_t n = 0;

    if (strcmp(st->spec.kind, "lmdb"))
        return dg_error_set(err, DG_ERR_USAGE,
                            "store '%s' is not an lmdb store: only those "
                            "can be backed up",
                            st->name);
    if (dg_lmdb_backup(st->storage, dir, &n, err))
        return -1;
    if (bytes)
        *bytes = n;
    return 0;
}

const char *
dg_store_name(const struct dg_store *st)
{
    return st->name;
}

int
dg_store_concurrent_reads(const struct dg_store *st)
{
    /* the query path of an lmdb store (open_dataset, the engine) reads
     * only fields fixed at open and the environment, through
     * lmdb_dataset.c, which takes its own snapshot */
    return !strcmp(st->spec.kind, "lmdb");
}

/* ---- transactions: real ones where the storage has them */

static int
txn_begin(struct dg_store *st)
{
    /* librdf 1.0.17's postgresql storage loses every add made inside a
     * transaction yet returns 0 (measured; STYLE.md): write it without */
    if (!strcmp(st->spec.kind, "postgresql")) {
        st->in_txn = 0;
        return 0;
    }
    st->in_txn = librdf_model_transaction_start(st->model) == 0;
    return 0;
}

static int
txn_commit(struct dg_store *st, struct dg_error *err)
{
    if (st->in_txn) {
        st->in_txn = 0;
        if (librdf_model_transaction_commit(st->model) != 0)
            return dg_error_set(err, DG_ERR_STORE, "cannot commit: %s",
                                log_text(st, "transaction failed"));
    }
    return 0;
}

static void
txn_abort(struct dg_store *st)
{
    if (st->in_txn) {
        st->in_txn = 0;
        librdf_model_transaction_rollback(st->model);
    }
}

/* ---- adding facts */

static librdf_node *
node_from_iri(librdf_world *w, const char *iri)
{
    return librdf_new_node_from_uri_string(w, (const unsigned char *)iri);
}

/* Adds <s> <p> o to context ctx (NULL: the default graph, no context);
 * s, p, o are consumed (also on failure). */
static int
add_nodes(struct dg_store *st, librdf_node *ctx, librdf_node *s, librdf_node *p,
          librdf_node *o)
{
    if (!s || !p || !o) {
        if (s)
            librdf_free_node(s);
        if (p)
            librdf_free_node(p);
        if (o)
            librdf_free_node(o);
        return -1;
    }
    librdf_statement *stmt =
        librdf_new_statement_from_nodes(st->world, s, p, o);
    if (!stmt)
        return -1;
    int rc = ctx ? librdf_model_context_add_statement(st->model, ctx, stmt)
                 : librdf_model_add_statement(st->model, stmt);
    librdf_free_statement(stmt);
    return rc ? -1 : 0;
}

static librdf_node *
node_from_fact_object(librdf_world *w, const struct dg_triple *t)
{
    if (t->o_is_iri)
        return node_from_iri(w, t->o);
    librdf_uri *dt = NULL;
    if (t->dt && !(dt = librdf_new_uri(w, (const unsigned char *)t->dt)))
        return NULL;
    librdf_node *n = librdf_new_node_from_typed_literal(
        w, (const unsigned char *)t->o, NULL, dt);
    if (dt)
        librdf_free_uri(dt);
    return n;
}

int
dg_store_replace_graph(struct dg_store *st, const char *graph_iri,
                       const struct dg_facts *facts, size_t *added,
                       struct dg_error *err)
{
    librdf_node *ctx = node_from_iri(st->world, graph_iri);
    size_t n = dg_facts_count(facts), ok = 0;
    int rc = -1;
    if (!ctx)
        return dg_error_set(err, DG_ERR_STORE, "bad graph IRI '%s'", graph_iri);
    log_reset(st);
    txn_begin(st);
    if (librdf_model_context_remove_statements(st->model, ctx) != 0) {
        dg_error_set(err, DG_ERR_STORE, "cannot clear graph '%s': %s",
                     graph_iri, log_text(st, "remove failed"));
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const struct dg_triple *t = dg_facts_get(facts, i);
        if (add_nodes(st, ctx, node_from_iri(st->world, t->s),
                      node_from_iri(st->world, t->p),
                      node_from_fact_object(st->world, t)) < 0) {
            dg_error_set(err, DG_ERR_STORE,
                         "cannot add a triple to graph '%s': %s", graph_iri,
                         log_text(st, "add failed"));
            goto out;
        }
        ok++;
    }
    if (txn_commit(st, err) < 0)
        goto out;
    rc = 0;
out:
    if (rc < 0)
        txn_abort(st);
    if (added)
        *added = rc == 0 ? ok : 0;
    librdf_free_node(ctx);
    return rc;
}

/* ---- loading RDF files */

struct load_ctx {
    struct dg_store *st;
    librdf_node *default_ctx;
    size_t seen, added;
    int failed;
    int dry;               /* count the statements, store nothing */
    raptor_parser *parser; /* borrowed: where a bad IRI is */
    int bad_line;          /* line of the first bad IRI (-1: unknown) */
};

/* 1 when t (NULL is fine) is not an IRI, or is one (or a literal whose
 * datatype is one) without the characters RDF's IRIREF forbids: controls,
 * space, <>"{}|^`\ (and a blank node label without what BLANK_NODE_LABEL
 * forbids).  raptor's N-Triples and N-Quads parsers let them
 * through; stored, they make exports that do not parse. */
/* 1 when s[0..n) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF). */
static int
utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; s && i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80         ? 0
                   : (c >> 5) == 6  ? 1
                   : (c >> 4) == 14 ? 2
                   : (c >> 3) == 30 ? 3
                                    : 9;
        if (k == 9 || i + k >= n)
            return 0;
        unsigned cp = k == 0 ? c : c & (0x3f >> k);
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3f);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) ||
            (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += k + 1;
    }
    return 1;
}

static int
iri_ok(const raptor_term *t)
{
    raptor_uri *u = NULL;
    size_t n = 0;
    /* a blank node label read from "_:b\n1": no space, control or
     * punctuation a writer could not write back */
    if (t && t->type == RAPTOR_TERM_TYPE_BLANK) {
        const unsigned char *b = t->value.blank.string;
        size_t len = b ? t->value.blank.string_len : 0;
        /* not empty, not starting with '-' or '.', not ending with '.' */
        if (!len || b[0] == '-' || b[0] == '.' || b[len - 1] == '.')
            return 0;
        for (size_t i = 0; i < len; i++)
            if (b[i] <= 0x20 || strchr("<>\"{}|^`\\'()[];,#@!$&*+=~?/%:", b[i]))
                return 0;
        return 1;
    }
    /* a literal whose text is not UTF-8 (raptor's Turtle parser lets
     * such bytes through; its Turtle writer then writes no Turtle) */
    if (t && t->type == RAPTOR_TERM_TYPE_LITERAL &&
        !utf8_ok(t->value.literal.string, t->value.literal.string_len))
        return 0;
    if (t && t->type == RAPTOR_TERM_TYPE_URI)
        u = t->value.uri;
    else if (t && t->type == RAPTOR_TERM_TYPE_LITERAL)
        u = t->value.literal.datatype;
    const unsigned char *s = u ? raptor_uri_as_counted_string(u, &n) : NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] <= 0x20 || strchr("<>\"{}|^`\\", s[i]))
            return 0;
    return 1;
}

static void
load_statement(void *user_data, raptor_statement *rs)
{
    struct load_ctx *lc = user_data;
    lc->seen++;
    if (lc->failed)
        return;
    if (!iri_ok(rs->subject) || !iri_ok(rs->predicate) || !iri_ok(rs->object) ||
        !iri_ok(rs->graph)) {
        raptor_locator *loc = raptor_parser_get_locator(lc->parser);
        lc->bad_line = loc && loc->line > 0 ? loc->line : -1;
        lc->failed = 1;
        return;
    }
    if (lc->dry)
        return;
    librdf_node *ctx = rs->graph ? rs->graph : lc->default_ctx;
    if (add_nodes(lc->st, ctx, librdf_new_node_from_node(rs->subject),
                  librdf_new_node_from_node(rs->predicate),
                  librdf_new_node_from_node(rs->object)) < 0)
        lc->failed = 1;
    else
        lc->added++;
}

static const char *
syntax_from_path(const char *path)
{
    static const struct {
        const char *ext, *syntax;
    } map[] = {{".ttl", "turtle"}, {".turtle", "turtle"}, {".nt", "ntriples"},
               {".nq", "nquads"},  {".trig", "trig"},     {".rdf", "rdfxml"},
               {".owl", "rdfxml"}, {".xml", "rdfxml"}};
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(dot, map[i].ext) == 0)
            return map[i].syntax;
    return NULL;
}

/* A scan for NUL in RDF text, across chunks: a NUL byte, or a "\u0000"
 * or "\U00000000" escape (not one after an escaped backslash).  The
 * store keeps terms as C strings: a NUL would cut a literal silently. */
struct nul_scan {
    size_t off;    /* bytes scanned so far */
    int backslash; /* the last byte was an unescaped backslash */
    int zeros;     /* 1 + the '0's seen after "\u" or "\U"; 0: none */
    int need;      /* the '0's that make a NUL: 4 or 8 */
    size_t start;  /* offset of that escape's backslash */
};

/* 1-based offset of the first NUL in buf[0..n) (after what st has seen),
 * or 0 */
static size_t
nul_scan(struct nul_scan *st, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++, st->off++) {
        char c = buf[i];
        if (c == '\0')
            return st->off + 1;
        if (st->zeros) {
            if (c == '0') {
                if (st->zeros++ == st->need)
                    return st->start + 1;
                continue;
            }
            st->zeros = 0;
            continue; /* another hex digit: a harmless escape */
        }
        if (st->backslash) {
            st->backslash = 0;
            if (c == 'u' || c == 'U') {
                st->zeros = 1;
                st->need = c == 'u' ? 4 : 8;
                st->start = st->off - 1;
            }
            continue;
        }
        st->backslash = c == '\\';
    }
    return 0;
}

/* Parses fp in chunks, or buf[0..len) when fp is NULL, refusing a NUL
 * (*nul_at: its 1-based offset in the text).  Returns raptor's status. */
static int
parse_stream(raptor_parser *parser, FILE *fp, const char *text, size_t len,
             raptor_uri *base, size_t *nul_at)
{
    char buf[65536];
    struct nul_scan ns = {0, 0, 0, 0, 0};
    size_t n;
    if (raptor_parser_parse_start(parser, base) != 0)
        return -1;
    if (!fp) {
        if ((*nul_at = nul_scan(&ns, text, len)))
            return 0;
        if (len && raptor_parser_parse_chunk(
                       parser, (const unsigned char *)text, len, 0))
            return -1;
        return raptor_parser_parse_chunk(parser, NULL, 0, 1);
    }
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if ((*nul_at = nul_scan(&ns, buf, n)))
            return 0;
        if (raptor_parser_parse_chunk(parser, (unsigned char *)buf, n, 0))
            return -1;
    }
    if (ferror(fp))
        return -1;
    return raptor_parser_parse_chunk(parser, NULL, 0, 1);
}

/* Removes every statement of graph ctx (NULL: the default graph). */
static int
clear_graph(struct dg_store *st, librdf_node *ctx)
{
    if (ctx)
        return librdf_model_context_remove_statements(st->model, ctx);
    /* the model wrapper refuses a NULL context; the storage takes it */
    return librdf_storage_context_remove_statements(st->storage, NULL);
}

/* Parses RDF text from fp, or text[0..len) when fp is NULL, named name in
 * messages, with base IRI base_str, into the store in one transaction;
 * with replace, graph_iri is emptied first in the same transaction. */
static int
parse_text(struct dg_store *st, FILE *fp, const char *text, size_t len,
           const char *name, const unsigned char *base_str, const char *syntax,
           const char *graph_iri, int replace, size_t *added,
           struct dg_error *err)
{
    raptor_world *rw = librdf_world_get_raptor(st->world);
    raptor_parser *parser = NULL;
    raptor_uri *base = NULL;
    struct load_ctx lc = {st, NULL, 0, 0, 0, 0, NULL, 0};
    int rc = -1;

    if (!(base = raptor_new_uri(rw, base_str))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (graph_iri && !strcmp(graph_iri, DG_STORE_DEFAULT_GRAPH))
        lc.default_ctx = NULL; /* triples go to the default graph */
    else if (!(lc.default_ctx = node_from_iri(
                   st->world,
                   graph_iri ? graph_iri : (const char *)base_str))) {
        dg_error_set(err, DG_ERR_USAGE, "bad graph IRI '%s'",
                     graph_iri ? graph_iri : (const char *)base_str);
        goto out;
    }
    if (!(parser = raptor_new_parser(rw, syntax))) {
        dg_error_set(err, DG_ERR_USAGE, "unknown RDF syntax '%s'", syntax);
        goto out;
    }
    lc.parser = parser;
    raptor_parser_set_statement_handler(parser, &lc, load_statement);
    log_reset(st);
    txn_begin(st);
    /* without a transaction (memory, hashes, postgresql), a replace parses
     * the text twice: first only to check it, so that a parse error
     * leaves the old graph */
    for (int pass = replace && !st->in_txn && !fp ? 0 : 1; pass < 2; pass++) {
        lc.dry = pass == 0;
        lc.seen = 0;
        if (pass == 1 && replace && clear_graph(st, lc.default_ctx) != 0) {
            txn_abort(st);
            dg_error_set(err, DG_ERR_STORE, "cannot clear graph '%s': %s",
                         graph_iri, log_text(st, "remove failed"));
            goto out;
        }
        size_t nul_at = 0;
        int prc = parse_stream(parser, fp, text, len, base, &nul_at);
        if (prc == 0 && nul_at) {
            txn_abort(st);
            dg_error_set(err, DG_ERR_INPUT,
                         "cannot load '%s': a NUL byte (or \\u0000) at byte "
                         "%zu",
                         name, nul_at - 1);
            goto out;
        }
        if (prc != 0 || st->log_errors) {
            txn_abort(st);
            dg_error_set(err, DG_ERR_INPUT, "cannot parse '%s' as %s: %s", name,
                         syntax, log_text(st, "parse error"));
            goto out;
        }
        if (lc.bad_line) {
            txn_abort(st);
            if (lc.bad_line > 0)
                dg_error_set(err, DG_ERR_INPUT,
                             "cannot parse '%s' as %s: line %d: text not "
                             "UTF-8, or an IRI or blank node with a space, "
                             "a control character or one of <>\"{}|^`\\",
                             name, syntax, lc.bad_line);
            else
                dg_error_set(err, DG_ERR_INPUT,
                             "cannot parse '%s' as %s: text not UTF-8, or an "
                             "IRI or blank node with a space, a control "
                             "character or one of <>\"{}|^`\\",
                             name, syntax);
            goto out;
        }
    }
    if (lc.failed || lc.added != lc.seen) {
        txn_abort(st);
        dg_error_set(err, DG_ERR_STORE,
                     "cannot store the triples of '%s' (%zu of %zu stored): %s",
                     name, lc.added, lc.seen, log_text(st, "add failed"));
        goto out;
    }
    if (txn_commit(st, err) < 0)
        goto out;
    if (added)
        *added = lc.added;
    rc = 0;
out:
    if (parser)
        raptor_free_parser(parser);
    if (base)
        raptor_free_uri(base);
    if (lc.default_ctx)
        librdf_free_node(lc.default_ctx);
    return rc;
}

static int
parse_into(struct dg_store *st, const char *path, const char *syntax,
           const char *graph_iri, size_t *added, struct dg_error *err)
{
    raptor_world *rw = librdf_world_get_raptor(st->world);
    unsigned char *uri_str = NULL;
    FILE *fp = NULL;
    int rc = -1;

    if (!syntax && !(syntax = syntax_from_path(path)))
        return dg_error_set(err, DG_ERR_USAGE,
                            "cannot tell the syntax of '%s' from its name: "
                            "use -i turtle|ntriples|nquads|trig|rdfxml",
                            path);
    if (!raptor_world_is_parser_name(rw, syntax) || !strcmp(syntax, "guess"))
        return dg_error_set(err, DG_ERR_USAGE, "unknown RDF syntax '%s'",
                            syntax);
    struct dg_error ferr = {0, ""};
    if (!(fp = dg_file_open(path, 0, &ferr)))
        return dg_error_set(err, ferr.code, "cannot read '%s': %s", path,
                            ferr.msg);
    /* standard input: relative IRIs resolve against the working directory */
    uri_str =
        raptor_uri_filename_to_uri_string(strcmp(path, "-") ? path : "stdin");
    if (!uri_str) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    rc = parse_text(st, fp, NULL, 0, path, uri_str, syntax, graph_iri, 0, added,
                    err);
out:
    if (uri_str)
        raptor_free_memory(uri_str);
    dg_file_close(fp);
    return rc;
}

int
dg_store_load_file(struct dg_store *st, const char *path, const char *syntax,
                   const char *graph_iri, size_t *added, struct dg_error *err)
{
    return parse_into(st, path, syntax, graph_iri, added, err);
}

int
dg_store_load_buffer(struct dg_store *st, const char *text, size_t len,
                     const char *name, const char *syntax,
                     const char *graph_iri, const char *base_iri, int replace,
                     size_t *added, struct dg_error *err)
{
    static const char *syntaxes[] = {"turtle", "ntriples", "rdfxml"};
    int known = 0;
    for (size_t i = 0; i < sizeof syntaxes / sizeof syntaxes[0]; i++)
        known |= !strcmp(syntax, syntaxes[i]);
    if (!known)
        return dg_error_set(err, DG_ERR_USAGE,
                            "unknown RDF syntax '%s' (turtle, ntriples, "
                            "rdfxml)",
                            syntax);
    return parse_text(st, NULL, text, len, name,
                      (const unsigned char *)base_iri, syntax, graph_iri,
                      replace, added, err);
}

const char *
dg_store_syntax_of(const char *name, const char *media_type)
{
    static const struct {
        const char *type, *syntax;
    } map[] = {{"text/turtle", "turtle"},
               {"application/x-turtle", "turtle"},
               {"application/n-triples", "ntriples"},
               {"application/n-quads", "nquads"},
               {"application/trig", "trig"},
               {"application/rdf+xml", "rdfxml"}};
    if (media_type) {
        size_t n = strcspn(media_type, "; \t");
        for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
            if (strlen(map[i].type) == n &&
                !strncasecmp(media_type, map[i].type, n))
                return map[i].syntax;
    }
    if (!name)
        return NULL;
    /* a URL's query and fragment are not its extension */
    char path[1024];
    size_t n = strstr(name, "://") ? strcspn(name, "?#") : strlen(name);
    snprintf(path, sizeof path, "%.*s", (int)n, name);
    const char *slash = strrchr(path, '/');
    return syntax_from_path(slash ? slash + 1 : path);
}

int
dg_store_load_text(struct dg_store *st, const char *text, size_t len,
                   const char *name, const char *syntax, const char *graph_iri,
                   const char *base_iri, size_t *added, struct dg_error *err)
{
    raptor_world *rw = librdf_world_get_raptor(st->world);
    if (!raptor_world_is_parser_name(rw, syntax) || !strcmp(syntax, "guess"))
        return dg_error_set(err, DG_ERR_USAGE, "unknown RDF syntax '%s'",
                            syntax);
    return parse_text(st, NULL, text, len, name,
                      (const unsigned char *)base_iri, syntax, graph_iri, 0,
                      added, err);
}

int
dg_store_drop_graphs(struct dg_store *st, const char *const *iris, size_t n,
                     struct dg_error *err)
{
    librdf_node *ctx = NULL;
    log_reset(st);
    txn_begin(st);
    for (size_t i = 0; i < n; i++) {
        if (!(ctx = node_from_iri(st->world, iris[i]))) {
            txn_abort(st);
            return dg_error_set(err, DG_ERR_USAGE, "bad graph IRI '%s'",
                                iris[i]);
        }
        int rc = clear_graph(st, ctx);
        librdf_free_node(ctx);
        if (rc != 0 || st->log_errors) {
            txn_abort(st);
            return dg_error_set(err, DG_ERR_STORE, "cannot drop graph '%s': %s",
                                iris[i], log_text(st, "remove failed"));
        }
    }
    return txn_commit(st, err);
}

int
dg_store_drop_graph(struct dg_store *st, const char *graph_iri,
                    struct dg_error *err)
{
    librdf_node *ctx = NULL;
    int rc = -1;
    if (strcmp(graph_iri, DG_STORE_DEFAULT_GRAPH) &&
        !(ctx = node_from_iri(st->world, graph_iri)))
        return dg_error_set(err, DG_ERR_USAGE, "bad graph IRI '%s'", graph_iri);
    log_reset(st);
    txn_begin(st);
    if (clear_graph(st, ctx) != 0 || st->log_errors) {
        txn_abort(st);
        dg_error_set(err, DG_ERR_STORE, "cannot drop graph '%s': %s", graph_iri,
                     log_text(st, "remove failed"));
        goto out;
    }
    if (txn_commit(st, err) < 0)
        goto out;
    rc = 0;
out:
    if (ctx)
        librdf_free_node(ctx);
    return rc;
}

static int
load_ontology(struct dg_store *st, const char *path, struct dg_error *err)
{
    struct dg_error e2 = {0, ""};
    if (parse_into(st, path, "turtle", DG_ONTOLOGY_GRAPH, NULL, &e2) < 0)
        return dg_error_set(err, e2.code, "cannot load the ontology: %s",
                            e2.msg);
    return 0;
}

/* ---- queries */

/* The id-level view of the store for the engine: straight on LMDB for
 * lmdb stores, an in-memory copy read through librdf for the others. */
static struct dg_dataset *
open_dataset(struct dg_store *st, struct dg_error *err)
{
    struct dg_dataset *ds;
    if (!strcmp(st->spec.kind, "lmdb"))
        ds = dg_lmdb_dataset_open(st->storage, err);
    else
        ds = dg_mem_dataset_from_model(st->model, err);
    if (ds && dg_dataset_hide(ds, DG_ONTOLOGY_GRAPH, err) < 0) {
        dg_dataset_free(ds);
        return NULL;
    }
    return ds;
}

struct dg_results *
dg_store_query(struct dg_store *st, const char *sparql, struct dg_error *err)
{
    return dg_store_query_opts(st, sparql, NULL, err);
}

void
dg_store_set_query_opts(struct dg_store *st, const struct dg_query_opts *opts)
{
    st->qopts = *opts;
}

static struct dg_query *
parse_query(const char *sparql, struct dg_error *err)
{
    struct dg_error perr = {0, ""};
    struct dg_query *q = dg_sparql_parse(sparql, NULL, &perr);
    if (!q) {
        if (perr.code == DG_ERR_QUERY)
            dg_error_set(err, DG_ERR_QUERY, "query syntax error: %s", perr.msg);
        else
            dg_error_set(err, perr.code, "%s", perr.msg);
    }
    return q;
}

struct dg_results *
dg_store_query_opts(struct dg_store *st, const char *sparql,
                    const struct dg_query_opts *opts, struct dg_error *err)
{
    return dg_store_query_dataset(st, sparql, opts, NULL, err);
}

/* Copies n IRIs into *arr (freeing what it held) and sets *count. */
static int
set_iris(char ***arr, size_t *count, const char *const *iris, size_t n)
{
    char **v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(v[i] = strdup(iris[i]))) {
            while (i--)
                free(v[i]);
            free(v);
            return -1;
        }
    for (size_t i = 0; i < *count; i++)
        free((*arr)[i]);
    free(*arr);
    *arr = v;
    *count = n;
    return 0;
}

struct dg_results *
dg_store_query_dataset(struct dg_store *st, const char *sparql,
                       const struct dg_query_opts *opts,
                       const struct dg_query_dataset *dataset,
                       struct dg_error *err)
{
    struct dg_eval_opts eo = {DG_DEFAULT_UNION, 0, 0};
    struct dg_query *q = NULL;
    struct dg_dataset *ds = NULL;
    struct dg_results *r = NULL;

    if (!opts)
        opts = &st->qopts;
    eo.default_graph =
        opts->stored_default ? DG_DEFAULT_STORED : DG_DEFAULT_UNION;
    eo.timeout_ms = opts->timeout_ms;
    eo.max_rows = opts->max_rows;
    if (!(q = parse_query(sparql, err)))
        goto out;
    if (dataset && (dataset->ndefault || dataset->nnamed) &&
        (set_iris(&q->from, &q->nfrom, dataset->default_graphs,
                  dataset->ndefault) < 0 ||
         set_iris(&q->from_named, &q->nfrom_named, dataset->named_graphs,
                  dataset->nnamed) < 0)) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (!(ds = open_dataset(st, err)))
        goto out;
    r = dg_sparql_eval(q, ds, &eo, err);
out:
    dg_dataset_free(ds);
    dg_query_free(q);
    return r;
}

struct dg_results *
dg_store_type_counts(struct dg_store *st, struct dg_error *err)
{
    return dg_store_query(st,
                          "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) "
                          "WHERE { ?s a ?type } GROUP BY ?type ORDER BY ?type",
                          err);
}

int
dg_store_explain(struct dg_store *st, const char *sparql,
                 const struct dg_query_opts *opts, FILE *fp,
                 struct dg_error *err)
{
    struct dg_eval_opts eo = {DG_DEFAULT_UNION, 0, 0};
    struct dg_query *q = NULL;
    struct dg_dataset *ds = NULL;
    char *sse = NULL;
    int rc = -1;

    if (opts)
        eo.default_graph =
            opts->stored_default ? DG_DEFAULT_STORED : DG_DEFAULT_UNION;
    if (!(q = parse_query(sparql, err)) || !(ds = open_dataset(st, err)))
        goto out;
    if ((sse = dg_query_sse(q)))
        fprintf(fp, "# algebra\n%s\n# plan\n", sse);
    rc = dg_sparql_explain(q, ds, &eo, fp, err);
out:
    free(sse);
    dg_dataset_free(ds);
    dg_query_free(q);
    return rc;
}

/* ---- export */

/* A set of 64-bit hashes, to write a triple stated in several graphs once. */
struct hset {
    uint64_t *v;
    size_t n, cap;
};

static int
hset_add(struct hset *h, uint64_t x)
{
    if (!x)
        x = 1;
    if ((h->n + 1) * 2 > h->cap) {
        size_t ncap = h->cap ? h->cap * 2 : 1024;
        uint64_t *nv = calloc(ncap, sizeof *nv);
        if (!nv)
            return -1;
        for (size_t i = 0; i < h->cap; i++) {
            if (!h->v[i])
                continue;
            size_t j = h->v[i] & (ncap - 1);
            while (nv[j])
                j = (j + 1) & (ncap - 1);
            nv[j] = h->v[i];
        }
        free(h->v);
        h->v = nv;
        h->cap = ncap;
    }
    size_t j = x & (h->cap - 1);
    while (h->v[j]) {
        if (h->v[j] == x)
            return 0;
        j = (j + 1) & (h->cap - 1);
    }
    h->v[j] = x;
    h->n++;
    return 1;
}

static uint64_t
hash_bytes(uint64_t h, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ULL;
    return (h ^ 0xff) * 1099511628211ULL;
}

static uint64_t
hash_node(uint64_t h, librdf_node *n)
{
    size_t len = 0;
    const unsigned char *s;
    if (librdf_node_is_resource(n)) {
        s = librdf_uri_as_counted_string(librdf_node_get_uri(n), &len);
        h = hash_bytes(h, (const unsigned char *)"U", 1);
    } else if (librdf_node_is_blank(n)) {
        s = librdf_node_get_blank_identifier(n);
        len = strlen((const char *)s);
        h = hash_bytes(h, (const unsigned char *)"B", 1);
    } else {
        s = librdf_node_get_literal_value(n);
        len = strlen((const char *)s);
        librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
        const char *lang = librdf_node_get_literal_value_language(n);
        size_t dl = 0;
        if (dt) {
            const unsigned char *ds = librdf_uri_as_counted_string(dt, &dl);
            h = hash_bytes(h, ds, dl);
        }
        if (lang)
            h = hash_bytes(h, (const unsigned char *)lang, strlen(lang));
        h = hash_bytes(h, (const unsigned char *)"L", 1);
    }
    return hash_bytes(h, s, len);
}

static const struct {
    const char *prefix, *ns;
} export_prefixes[] = {
    {"dg", DG_NS},        {"schema", DG_NS_SCHEMA}, {"org", DG_NS_ORG},
    {"prov", DG_NS_PROV}, {"skos", DG_NS_SKOS},     {"owl", DG_NS_OWL},
    {"xsd", DG_NS_XSD},   {"rdf", DG_NS_RDF},       {"rdfs", DG_NS_RDFS},
    {"wd", DG_NS_WD},
};

/* 1 when raptor's Turtle writer writes literal t as it is: it writes an
 * xsd:integer, xsd:decimal, xsd:double or xsd:boolean literal with a valid
 * XSD form bare, so "1.5"^^xsd:double would read back as a decimal, "456"^^
 * xsd:decimal as an integer, "456."^^xsd:decimal and "INF"^^xsd:double not
 * at all.  Those are written apart, as N-Triples lines (fuzz finding
 * load-turtle-decimal). */
static int
turtle_safe(const raptor_term *t)
{
    static const char xsd[] = "http://www.w3.org/2001/XMLSchema#";
    if (!t || t->type != RAPTOR_TERM_TYPE_LITERAL || !t->value.literal.datatype)
        return 1;
    const char *dt =
        (const char *)raptor_uri_as_string(t->value.literal.datatype);
    if (strncmp(dt, xsd, sizeof xsd - 1))
        return 1;
    dt += sizeof xsd - 1;
    const char *v = (const char *)t->value.literal.string;
    if (!v)
        return 1;
    size_t i = (*v == '+' || *v == '-') ? 1 : 0, digits = 0, frac = 0;
    if (!strcmp(dt, "boolean"))
        return !strcmp(v, "true") || !strcmp(v, "false");
    if (!strcmp(dt, "integer")) {
        for (; v[i] >= '0' && v[i] <= '9'; i++)
            digits++;
        return digits && !v[i];
    }
    if (!strcmp(dt, "decimal")) { /* [+-]? [0-9]* '.' [0-9]+ */
        for (; v[i] >= '0' && v[i] <= '9'; i++)
            ;
        if (v[i++] != '.')
            return 0;
        for (; v[i] >= '0' && v[i] <= '9'; i++)
            frac++;
        return frac && !v[i];
    }
    if (!strcmp(dt, "double")) { /* mantissa, then [eE] [+-]? [0-9]+ */
        for (; v[i] >= '0' && v[i] <= '9'; i++)
            digits++;
        if (v[i] == '.')
            for (i++; v[i] >= '0' && v[i] <= '9'; i++)
                frac++;
        if (!digits && !frac)
            return 0;
        if (v[i] != 'e' && v[i] != 'E')
            return 0;
        i++;
        if (v[i] == '+' || v[i] == '-')
            i++;
        size_t ex = 0;
        for (; v[i] >= '0' && v[i] <= '9'; i++)
            ex++;
        return ex && !v[i];
    }
    return 1;
}

static int
serialize_stream(raptor_serializer *ser, librdf_stream *stream,
                 librdf_node *graph, int default_only, struct hset *seen,
                 size_t *count, raptor_serializer *aside)
{
    while (!librdf_stream_end(stream)) {
        librdf_statement *s = librdf_stream_get_object(stream); /* shared */
        if (default_only && librdf_stream_get_context2(stream)) {
            librdf_stream_next(stream);
            continue;
        }
        if (seen) {
            uint64_t h = 14695981039346656037ULL;
            h = hash_node(h, librdf_statement_get_subject(s));
            h = hash_node(h, librdf_statement_get_predicate(s));
            h = hash_node(h, librdf_statement_get_object(s));
            int added = hset_add(seen, h);
            if (added < 0)
                return -1;
            if (!added) {
                librdf_stream_next(stream);
                continue;
            }
        }
        raptor_statement rs = *s;
        rs.graph = graph;
        if (raptor_serializer_serialize_statement(
                aside && !turtle_safe(rs.object) ? aside : ser, &rs) != 0)
            return -1;
        (*count)++;
        librdf_stream_next(stream);
    }
    return 0;
}

/* One graph of a TriG export: the graph's label, then its triples
 * (stream, consumed) as N-Triples lines in braces: raptor 2 reads TriG but
 * has no TriG writer, and N-Triples lines are valid TriG statements.  0,
 * or -1 when reading the stream or writing fails. */
static int
trig_graph(raptor_serializer *nt, FILE *fp, librdf_stream *stream,
           librdf_node *graph, size_t *count)
{
    unsigned char *label = raptor_term_to_string(graph);
    int rc = -1;
    if (label && fprintf(fp, "%s {\n", (const char *)label) >= 0 &&
        serialize_stream(nt, stream, NULL, 0, NULL, count, NULL) == 0 &&
        raptor_serializer_flush(nt) == 0 && fputs("}\n", fp) >= 0)
        rc = 0;
    if (label)
        raptor_free_memory(label);
    librdf_free_stream(stream);
    return rc;
}

/* The default graph (`load --default`) into an export: the statements
 * that the whole-model stream gives without a graph, as triples (in TriG
 * a "{ ... }" block).  Only when the stream tells graphs (lmdb, memory)
 * or the store has no named graph (ngraphs 0): a hashes store's stream is
 * the union of its graphs, so its default graph cannot be told apart
 * there.  0, or -1 on error. */
static int
export_default_graph(struct dg_store *st, raptor_serializer *ser, FILE *fp,
                     int trig, size_t ngraphs, struct hset *seen, size_t *count,
                     raptor_serializer *aside)
{
    librdf_stream *s = librdf_model_as_stream(st->model);
    int named = 0, unnamed = 0, rc = -1;
    if (!s)
        return -1;
    for (; !librdf_stream_end(s); librdf_stream_next(s)) {
        if (librdf_stream_get_context2(s))
            named = 1;
        else
            unnamed = 1;
    }
    librdf_free_stream(s);
    if (!unnamed || (!named && ngraphs))
        return 0;
    if (!(s = librdf_model_as_stream(st->model)))
        return -1;
    if ((!trig || fputs("{\n", fp) >= 0) &&
        serialize_stream(ser, s, NULL, 1, seen, count, aside) == 0 &&
        raptor_serializer_flush(ser) == 0 && (!trig || fputs("}\n", fp) >= 0))
        rc = 0;
    librdf_free_stream(s);
    return rc;
}

int
dg_store_export(struct dg_store *st, const char *syntax, const char *graph_iri,
                FILE *fp, size_t *written, struct dg_error *err)
{
    raptor_world *rw = librdf_world_get_raptor(st->world);
    raptor_serializer *ser = NULL;
    librdf_node *only = NULL;
    librdf_iterator *it = NULL;
    librdf_stream *stream = NULL;
    struct hset seen = {NULL, 0, 0};
    size_t count = 0;
    int trig = !strcmp(syntax, "trig");
    int quads = !strcmp(syntax, "nquads") || trig;
    const char *writer = trig ? "ntriples" : syntax; /* see trig_graph */
    /* Turtle: the literals raptor would write wrong go after its output
     * as N-Triples lines (turtle_safe) */
    raptor_serializer *aside = NULL;
    char *aside_buf = NULL;
    size_t aside_len = 0;
    FILE *aside_fp = NULL;
    int rc = -1;

    if (!raptor_world_is_serializer_name(rw, writer))
        return dg_error_set(err, DG_ERR_USAGE,
                            "unknown export format '%s' (turtle, ntriples, "
                            "nquads, trig, rdfxml)",
                            syntax);
    if (!(ser = raptor_new_serializer(rw, writer)))
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < sizeof export_prefixes / sizeof export_prefixes[0];
         i++) {
        raptor_uri *u =
            raptor_new_uri(rw, (const unsigned char *)export_prefixes[i].ns);
        if (u) {
            raptor_serializer_set_namespace(
                ser, u, (const unsigned char *)export_prefixes[i].prefix);
            raptor_free_uri(u);
        }
    }
    log_reset(st);
    if (raptor_serializer_start_to_file_handle(ser, NULL, fp) != 0) {
        dg_error_set(err, DG_ERR_IO, "cannot start the %s writer", syntax);
        goto out;
    }
    if (!strcmp(syntax, "turtle") &&
        (!(aside_fp = open_memstream(&aside_buf, &aside_len)) ||
         !(aside = raptor_new_serializer(rw, "ntriples")) ||
         raptor_serializer_start_to_file_handle(aside, NULL, aside_fp) != 0)) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (graph_iri) {
        if (!(only = node_from_iri(st->world, graph_iri))) {
            dg_error_set(err, DG_ERR_USAGE, "bad graph IRI '%s'", graph_iri);
            goto out;
        }
        stream = librdf_model_context_as_stream(st->model, only);
        int r = !stream ? -1
                : trig  ? trig_graph(ser, fp, stream, only, &count)
                        : serialize_stream(ser, stream, quads ? only : NULL, 0,
                                           NULL, &count, aside);
        if (trig)
            stream = NULL; /* trig_graph consumed it */
        if (r < 0) {
            dg_error_set(err, DG_ERR_STORE, "cannot read graph '%s': %s",
                         graph_iri, log_text(st, "stream failed"));
            goto out;
        }
    } else {
        size_t ngraphs = 0;
        it = librdf_model_get_contexts(st->model);
        while (it && !librdf_iterator_end(it)) {
            ngraphs++;
            librdf_node *ctx = librdf_iterator_get_object(it); /* shared */
            stream = librdf_model_context_as_stream(st->model, ctx);
            int r = !stream ? -1
                    : trig
                        ? trig_graph(ser, fp, stream, ctx, &count)
                        : serialize_stream(ser, stream, quads ? ctx : NULL, 0,
                                           quads ? NULL : &seen, &count, aside);
            if (trig)
                stream = NULL; /* trig_graph consumed it */
            if (r < 0) {
                dg_error_set(err, DG_ERR_STORE, "cannot read the store: %s",
                             log_text(st, "stream failed"));
                goto out;
            }
            if (stream)
                librdf_free_stream(stream);
            stream = NULL;
            librdf_iterator_next(it);
        }
        if (export_default_graph(st, ser, fp, trig, ngraphs,
                                 quads ? NULL : &seen, &count, aside) < 0) {
            dg_error_set(err, DG_ERR_STORE, "cannot read the default graph: %s",
                         log_text(st, "stream failed"));
            goto out;
        }
    }
    if (st->log_errors) { /* a stream that failed ends like a short one */
        dg_error_set(err, DG_ERR_STORE, "cannot read the store: %s",
                     log_text(st, "stream failed"));
        goto out;
    }
    if (raptor_serializer_serialize_end(ser) != 0 || ferror(fp)) {
        dg_error_set(err, DG_ERR_IO, "cannot write the %s output", syntax);
        goto out;
    }
    if (aside) {
        if (raptor_serializer_serialize_end(aside) != 0 ||
            fflush(aside_fp) != 0 ||
            (aside_len && fwrite(aside_buf, 1, aside_len, fp) != aside_len) ||
            ferror(fp)) {
            dg_error_set(err, DG_ERR_IO, "cannot write the %s output", syntax);
            goto out;
        }
    }
    if (written)
        *written = count;
    rc = 0;
out:
    if (aside)
        raptor_free_serializer(aside);
    if (aside_fp)
        fclose(aside_fp);
    free(aside_buf);
    if (stream)
        librdf_free_stream(stream);
    if (it)
        librdf_free_iterator(it);
    if (only)
        librdf_free_node(only);
    raptor_free_serializer(ser);
    free(seen.v);
    return rc;
}

/* ---- counts */

int
dg_store_counts(struct dg_store *st, struct dg_store_counts *out,
                struct dg_error *err)
{
    out->triples = 0;
    out->graphs = 0;
    log_reset(st);
    librdf_iterator *it = librdf_model_get_contexts(st->model);
    if (!it)
        return dg_error_set(err, DG_ERR_STORE, "cannot list graphs: %s",
                            log_text(st, "no contexts"));
    while (!librdf_iterator_end(it)) {
        out->graphs++;
        librdf_iterator_next(it);
    }
    librdf_free_iterator(it);
    int size = librdf_model_size(st->model);
    if (size >= 0) {
        out->triples = size;
        return 0;
    }
    librdf_stream *s = librdf_model_as_stream(st->model);
    if (!s)
        return dg_error_set(err, DG_ERR_STORE, "cannot count triples: %s",
                            log_text(st, "no stream"));
    while (!librdf_stream_end(s)) {
        out->triples++;
        librdf_stream_next(s);
    }
    librdf_free_stream(s);
    return 0;
}

/* ---- labels and kinds */

static uint64_t
hash_str(const char *s)
{
    return hash_bytes(14695981039346656037ULL, (const unsigned char *)s,
                      strlen(s));
}

static char *
lookup_label(struct dg_store *st, const char *iri)
{
    static const char *props[] = {DG_NS_SCHEMA "name", DG_NS_RDFS "label",
                                  DG_NS_SKOS "prefLabel", DG_NS "iso3"};
    librdf_node *subj = node_from_iri(st->world, iri);
    char *label = NULL;
    if (!subj)
        return NULL;
    for (size_t i = 0; i < sizeof props / sizeof props[0] && !label; i++) {
        librdf_node *p = node_from_iri(st->world, props[i]);
        librdf_node *t = p ? librdf_model_get_target(st->model, subj, p) : NULL;
        if (t && librdf_node_is_literal(t))
            label = strdup((const char *)librdf_node_get_literal_value(t));
        if (t)
            librdf_free_node(t);
        if (p)
            librdf_free_node(p);
    }
    librdf_free_node(subj);
    return label;
}

static int
labels_grow(struct dg_store *st)
{
    size_t ncap = st->labels_cap ? st->labels_cap * 2 : LABEL_CACHE;
    struct label_entry *nl = calloc(ncap, sizeof *nl);
    if (!nl)
        return -1;
    for (size_t i = 0; i < st->labels_cap; i++) {
        if (!st->labels[i].iri)
            continue;
        size_t j = hash_str(st->labels[i].iri) & (ncap - 1);
        while (nl[j].iri)
            j = (j + 1) & (ncap - 1);
        nl[j] = st->labels[i];
    }
    free(st->labels);
    st->labels = nl;
    st->labels_cap = ncap;
    return 0;
}

const char *
dg_store_label(struct dg_store *st, const char *iri)
{
    if ((st->nlabels + 1) * 2 > st->labels_cap && labels_grow(st) < 0)
        return NULL;
    size_t mask = st->labels_cap - 1;
    size_t i = hash_str(iri) & mask;
    while (st->labels[i].iri) {
        if (!strcmp(st->labels[i].iri, iri))
            return st->labels[i].label;
        i = (i + 1) & mask;
    }
    if (!(st->labels[i].iri = strdup(iri)))
        return NULL;
    st->labels[i].label = lookup_label(st, iri);
    st->nlabels++;
    return st->labels[i].label;
}

const char *
dg_store_label_cb(void *ctx, const char *iri)
{
    return dg_store_label(ctx, iri);
}

const char *
dg_store_kind(struct dg_store *st, const char *iri)
{
    static const struct {
        const char *cls, *kind;
    } kinds[] = {
        {DG_NS_SCHEMA "Country", "country"},
        {DG_NS_SCHEMA "Person", "person"},
        {DG_NS_SCHEMA "Organization", "organisation"},
        {DG_NS_SCHEMA "Event", "event"},
        {DG_NS_SKOS "Concept", "topic"},
        {DG_NS_SCHEMA "Place", "place"},
        {DG_NS_SCHEMA "NewsArticle", "article"},
        {DG_NS "Sentence", "sentence"},
        {DG_NS "Action", "action"},
    };
    const char *kind = NULL;
    librdf_node *subj = node_from_iri(st->world, iri);
    librdf_node *type = node_from_iri(st->world, DG_RDF_TYPE);
    librdf_iterator *it =
        subj && type ? librdf_model_get_targets(st->model, subj, type) : NULL;
    while (it && !librdf_iterator_end(it) && !kind) {
        librdf_node *t = librdf_iterator_get_object(it); /* shared */
        if (librdf_node_is_resource(t)) {
            const char *u =
                (const char *)librdf_uri_as_string(librdf_node_get_uri(t));
            for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
                if (!strcmp(u, kinds[i].cls))
                    kind = kinds[i].kind;
        }
        librdf_iterator_next(it);
    }
    if (it)
        librdf_free_iterator(it);
    if (subj)
        librdf_free_node(subj);
    if (type)
        librdf_free_node(type);
    return kind;
}
