/* test-sparql-parse.c: the SPARQL parser (graph/sparql/parse.c) and the
 * S-expression writer (graph/sparql/sse.c).
 *
 *  1. the W3C syntax tests of $DG_SHARED/w3c-sparql (SPARQL 1.0 and 1.1):
 *     positive ones parse, negative ones are rejected, and the query of
 *     every evaluation test parses; one TAP line per folder;
 *  2. the algebra of representative queries, as S-expressions;
 *  3. the positions of syntax errors. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <raptor2.h>

#include "graph/sparql/parse.h"
#include "tests/unit/tap.h"

#define MF "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define QT "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

/* ---- manifests ------------------------------------------------------ */

struct triple {
    char *s, *p, *o;
};

struct manifest {
    struct triple *t;
    size_t n, cap;
};

static char *
term_str(raptor_term *t)
{
    if (t->type == RAPTOR_TERM_TYPE_URI)
        return strdup((const char *)raptor_uri_as_string(t->value.uri));
    if (t->type == RAPTOR_TERM_TYPE_BLANK) {
        char *s = malloc(t->value.blank.string_len + 3);
        sprintf(s, "_:%s", (const char *)t->value.blank.string);
        return s;
    }
    return strdup((const char *)t->value.literal.string);
}

static void
on_statement(void *data, raptor_statement *st)
{
    struct manifest *m = data;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 256;
        m->t = realloc(m->t, m->cap * sizeof *m->t);
    }
    m->t[m->n].s = term_str(st->subject);
    m->t[m->n].p = term_str(st->predicate);
    m->t[m->n].o = term_str(st->object);
    m->n++;
}

static int
manifest_read(raptor_world *w, const char *path, struct manifest *m)
{
    memset(m, 0, sizeof *m);
    raptor_parser *rp = raptor_new_parser(w, "turtle");
    unsigned char *us = raptor_uri_filename_to_uri_string(path);
    raptor_uri *uri = raptor_new_uri(w, us);
    raptor_parser_set_statement_handler(rp, m, on_statement);
    int rc = raptor_parser_parse_file(rp, uri, uri);
    raptor_free_uri(uri);
    raptor_free_memory(us);
    raptor_free_parser(rp);
    return rc;
}

static void
manifest_free(struct manifest *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->t[i].s);
        free(m->t[i].p);
        free(m->t[i].o);
    }
    free(m->t);
}

static const char *
manifest_get(const struct manifest *m, const char *s, const char *p)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->t[i].s, s) && !strcmp(m->t[i].p, p))
            return m->t[i].o;
    return NULL;
}

static char *
read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

/* 1 pass, 0 fail, -1 skipped (SERVICE, which is refused on purpose) */
static int
run_one(const char *uri, int positive, const char *folder)
{
    const char *path = uri;
    if (!strncmp(path, "file://", 7))
        path += 7;
    char *text = read_text(path);
    if (!text) {
        printf("# %s: cannot read '%s'\n", folder, path);
        return 0;
    }
    struct dg_error err = {0};
    struct dg_query *q = dg_sparql_parse(text, uri, &err);
    int pass;
    if (positive && !q && strstr(err.msg, "SERVICE is not supported")) {
        pass = -1;
    } else if (positive) {
        pass = q != NULL;
        if (!pass)
            printf("# %s: %s: %s\n", folder, strrchr(path, '/') + 1, err.msg);
    } else {
        pass = q == NULL;
        if (!pass)
            printf("# %s: %s: accepted a bad query\n", folder,
                   strrchr(path, '/') + 1);
        else if (getenv("DG_VERBOSE"))
            printf("# %s: %s: rejected: %s\n", folder, strrchr(path, '/') + 1,
                   err.msg);
    }
    if (q) {
        /* the writer must cope with every query */
        char *s = dg_query_sse(q);
        if (!s) {
            printf("# %s: %s: no SSE\n", folder, strrchr(path, '/') + 1);
            pass = 0;
        }
        free(s);
    }
    dg_query_free(q);
    free(text);
    return pass;
}

static void
run_folder(raptor_world *w, const char *dir, const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/manifest.ttl", dir);
    struct stat sb;
    if (stat(path, &sb))
        return;
    struct manifest m;
    if (manifest_read(w, path, &m)) {
        ok(0, "%s: manifest read", name);
        manifest_free(&m);
        return;
    }
    int npos = 0, nneg = 0, neval = 0, failed = 0, skipped = 0;
    for (size_t i = 0; i < m.n; i++) {
        if (strcmp(m.t[i].p, RDF_TYPE))
            continue;
        const char *type = m.t[i].o, *s = m.t[i].s;
        const char *action = manifest_get(&m, s, MF "action");
        int positive = -1;
        const char *query = NULL;
        if (!strcmp(type, MF "PositiveSyntaxTest") ||
            !strcmp(type, MF "PositiveSyntaxTest11"))
            positive = 1, query = action, npos++;
        else if (!strcmp(type, MF "NegativeSyntaxTest") ||
                 !strcmp(type, MF "NegativeSyntaxTest11"))
            positive = 0, query = action, nneg++;
        else if (!strcmp(type, MF "QueryEvaluationTest") && action) {
            query = manifest_get(&m, action, QT "query");
            positive = 1;
            neval++;
        }
        if (positive < 0 || !query)
            continue;
        int r = run_one(query, positive, name);
        if (r < 0)
            skipped++;
        else if (!r)
            failed++;
    }
    if (npos + nneg + neval)
        ok(!failed,
           "%s: %d positive, %d negative, %d evaluation queries, %d failed"
           "%s",
           name, npos, nneg, neval, failed,
           skipped ? " (SERVICE refused on purpose)" : "");
    manifest_free(&m);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_w3c(void)
{
    const char *shared = getenv("DG_SHARED");
    char root[1024];
    snprintf(root, sizeof root, "%s/w3c-sparql",
             shared ? shared : DG_SRCDIR "/../shared");
    struct stat sb;
    if (stat(root, &sb)) {
        ok(1, "# SKIP W3C test suites not found in '%s'", root);
        return;
    }
    raptor_world *w = raptor_new_world();
    const char *suites[] = {"sparql10", "sparql11"};
    for (int s = 0; s < 2; s++) {
        char dir[1100];
        snprintf(dir, sizeof dir, "%s/%s", root, suites[s]);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        char *names[256];
        size_t n = 0;
        struct dirent *de;
        while ((de = readdir(d)) && n < 256)
            if (de->d_name[0] != '.' && strcmp(de->d_name, "entailment") &&
                strcmp(de->d_name, "service"))
                names[n++] = strdup(de->d_name);
        closedir(d);
        qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            char sub[1400], label[300];
            snprintf(sub, sizeof sub, "%s/%s", dir, names[i]);
            snprintf(label, sizeof label, "%s/%s", suites[s], names[i]);
            if (!stat(sub, &sb) && S_ISDIR(sb.st_mode))
                run_folder(w, sub, label);
            free(names[i]);
        }
    }
    raptor_free_world(w);
}

/* ---- algebra ------------------------------------------------------- */

static void
sse_is(const char *query, const char *want, const char *title)
{
    struct dg_error err = {0};
    struct dg_query *q = dg_sparql_parse(query, NULL, &err);
    char *got = q ? dg_query_sse(q) : NULL;
    if (!q)
        printf("# error: %s\n", err.msg);
    is_str(got, want, title);
    free(got);
    dg_query_free(q);
}

#define PFX "PREFIX : <http://e/> "

static void
test_sse(void)
{
    sse_is(PFX "SELECT * { ?s :p ?o . ?o :q [] }",
           "(project (?s ?o)\n"
           "  (bgp\n"
           "    (triple ?s <http://e/p> ?o)\n"
           "    (triple ?o <http://e/q> ?_b0)))",
           "bgp with a blank node");
    sse_is(PFX "SELECT ?s { ?s :p ?o OPTIONAL { ?o :q ?x FILTER(?x > 2) } }",
           "(project (?s)\n"
           "  (leftjoin\n"
           "    (bgp\n"
           "      (triple ?s <http://e/p> ?o))\n"
           "    (bgp\n"
           "      (triple ?o <http://e/q> ?x))\n"
           "    (> ?x 2)))",
           "optional with a filter");
    sse_is(PFX "SELECT * { ?s :p ?o FILTER(?o != 1) MINUS { ?s :q ?o } }",
           "(project (?s ?o)\n"
           "  (filter (!= ?o 1)\n"
           "    (minus\n"
           "      (bgp\n"
           "        (triple ?s <http://e/p> ?o))\n"
           "      (bgp\n"
           "        (triple ?s <http://e/q> ?o)))))",
           "minus, group filter");
    sse_is(PFX "SELECT ?s ?z { ?s :p ?o BIND(?o * 2 AS ?z) ?s :q ?w }",
           "(project (?s ?z)\n"
           "  (join\n"
           "    (extend ((?z (* ?o 2)))\n"
           "      (bgp\n"
           "        (triple ?s <http://e/p> ?o)))\n"
           "    (bgp\n"
           "      (triple ?s <http://e/q> ?w))))",
           "bind");
    sse_is(PFX "SELECT ?s (COUNT(?o) AS ?n) { ?s :p ?o } GROUP BY ?s "
               "HAVING (COUNT(?o) > 1) ORDER BY DESC(?n) LIMIT 5",
           "(slice _ 5\n"
           "  (project (?s ?n)\n"
           "    (order ((desc ?n))\n"
           "      (extend ((?n ?_agg0))\n"
           "        (filter (> ?_agg1 1)\n"
           "          (group (?s) ((?_agg0 (count ?o)) (?_agg1 (count ?o)))\n"
           "            (bgp\n"
           "              (triple ?s <http://e/p> ?o))))))))",
           "group, having, order, slice");
    sse_is(PFX "SELECT (SUM(?o) AS ?t) { ?s :p ?o }",
           "(project (?t)\n"
           "  (extend ((?t ?_agg0))\n"
           "    (group () ((?_agg0 (sum ?o)))\n"
           "      (bgp\n"
           "        (triple ?s <http://e/p> ?o)))))",
           "aggregate without GROUP BY");
    sse_is(PFX "ASK { ?s :p/^:q ?o . ?o :r* ?x . ?x (:a|:b) ?y }",
           "(ask\n"
           "  (join\n"
           "    (join\n"
           "      (bgp\n"
           "        (triple ?s <http://e/p> ?_p0)\n"
           "        (triple ?o <http://e/q> ?_p0))\n"
           "      (path ?o (path* <http://e/r>) ?x))\n"
           "    (path ?x (alt <http://e/a> <http://e/b>) ?y)))",
           "property paths");
    sse_is(PFX "SELECT * { ?s !(:p|^:q) ?o }",
           "(project (?s ?o)\n"
           "  (path ?s (notoneof <http://e/p> (reverse <http://e/q>)) ?o))",
           "negated property set");
    sse_is(PFX "SELECT * { VALUES ?x { :a 1 } ?x :p ?y } "
               "VALUES (?y ?z) { (UNDEF \"b\"@en) }",
           "(project (?x ?y ?z)\n"
           "  (join\n"
           "    (join\n"
           "      (table (vars ?x)\n"
           "        (row [?x <http://e/a>])\n"
           "        (row [?x 1]))\n"
           "      (bgp\n"
           "        (triple ?x <http://e/p> ?y)))\n"
           "    (table (vars ?y ?z)\n"
           "      (row [?z \"b\"@en]))))",
           "inline and trailing VALUES");
    sse_is(PFX "SELECT ?s { ?s :p ?o { SELECT DISTINCT ?o { ?o :q ?v } } }",
           "(project (?s)\n"
           "  (join\n"
           "    (bgp\n"
           "      (triple ?s <http://e/p> ?o))\n"
           "    (distinct\n"
           "      (project (?o)\n"
           "        (bgp\n"
           "          (triple ?o <http://e/q> ?v))))))",
           "subquery");
    sse_is(PFX "SELECT * { { ?s :p ?o } UNION { ?s :q ?o } UNION "
               "{ GRAPH ?g { ?s a :C } } FILTER NOT EXISTS { ?s :r -1 } }",
           "(project (?s ?o ?g)\n"
           "  (filter (notexists\n"
           "    (bgp\n"
           "      (triple ?s <http://e/r> -1)))\n"
           "    (union\n"
           "      (union\n"
           "        (bgp\n"
           "          (triple ?s <http://e/p> ?o))\n"
           "        (bgp\n"
           "          (triple ?s <http://e/q> ?o)))\n"
           "      (graph ?g\n"
           "        (bgp\n"
           "          (triple ?s "
           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
           "<http://e/C>))))))",
           "union, graph, not exists, 'a'");
    sse_is("BASE <http://x/a/b> PREFIX e: <c/> CONSTRUCT { ?s e:p [ e:q "
           "\"v\\n\" ] } WHERE { ?s <../d> 1.5e0, +01, true }",
           "(construct (template (triple ?s <http://x/a/c/p> _:?a0) "
           "(triple _:?a0 <http://x/a/c/q> \"v\\n\"))\n"
           "  (bgp\n"
           "    (triple ?s <http://x/d> 1.5e0)\n"
           "    (triple ?s <http://x/d> +01)\n"
           "    (triple ?s <http://x/d> true)))",
           "construct, base, literals");
    sse_is(PFX "SELECT ?x { ?x :p (1 ?y) FILTER(?y - 1 < -2 && ?y IN (1, "
               "2)) }",
           "(project (?x)\n"
           "  (filter (&& (< (- ?y 1) -2) (in ?y 1 2))\n"
           "    (bgp\n"
           "      (triple ?x <http://e/p> ?_b0)\n"
           "      (triple ?_b0 "
           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> 1)\n"
           "      (triple ?_b0 "
           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> ?_b1)\n"
           "      (triple ?_b1 "
           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?y)\n"
           "      (triple ?_b1 "
           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>))))",
           "collections and arithmetic");

    sse_is(PFX "CONSTRUCT WHERE { ?s :p _:b }",
           "(construct (template (triple ?s <http://e/p> _:?_b0))\n"
           "  (bgp\n"
           "    (triple ?s <http://e/p> ?_b0)))",
           "construct where: blank nodes fresh in the template");
    sse_is("SELECT * { ?_b0 ?p [] }",
           "(project (?_b0 ?p)\n"
           "  (bgp\n"
           "    (triple ?_b0 ?p ?_b0)))",
           "a variable ?_b0 is not hidden");

    /* the query record itself */
    struct dg_error err = {0};
    struct dg_query *q = dg_sparql_parse(
        "SELECT ?x (STR(?x) AS ?y) FROM <g1> FROM NAMED <g2> { ?x ?p ?o }",
        "http://b/", &err);
    ok(q && q->form == DG_Q_SELECT && q->nproj == 2 &&
           !strcmp(q->var_names[q->proj[0]], "x") &&
           !strcmp(q->var_names[q->proj[1]], "y") && q->nfrom == 1 &&
           !strcmp(q->from[0], "http://b/g1") && q->nfrom_named == 1 &&
           !strcmp(q->from_named[0], "http://b/g2") &&
           !strcmp(q->base, "http://b/"),
       "projection, FROM, FROM NAMED, base");
    dg_query_free(q);
    q = dg_sparql_parse("DESCRIBE ?x <http://e/y> WHERE { ?x ?p ?o }", NULL,
                        &err);
    ok(q && q->form == DG_Q_DESCRIBE && q->ndescribe == 2 &&
           q->describe[0].var >= 0 && q->describe[1].var < 0 &&
           !q->describe_all,
       "describe");
    dg_query_free(q);
}

/* ---- errors -------------------------------------------------------- */

static void
error_is(const char *query, const char *want)
{
    struct dg_error err = {0};
    struct dg_query *q = dg_sparql_parse(query, NULL, &err);
    int good =
        !q && err.code == DG_ERR_QUERY && !strncmp(err.msg, want, strlen(want));
    ok(good, "error: %s", want);
    if (!good)
        printf("#   got: '%s'\n", q ? "(parsed)" : err.msg);
    dg_query_free(q);
}

static void
test_errors(void)
{
    error_is("SELECT * {\n  ?s ?p ?o .\n  ?s ?q ?o SELECT",
             "line 3, column 12: expected '.' or '}' but found 'SELECT'");
    error_is("SELECT * { ?s ?p ?o", "line 1, column 20: expected");
    error_is("SELECT * WHERE {\n\t?s foo:p ?o }",
             "line 2, column 5: undefined prefix 'foo:'");
    error_is("SELECT ?x { ?x ?p \"abc\n\" }",
             "line 1, column 19: end of line in a string");
    error_is("SELECT * { ?x ?p ?o } GROUP BY ?x",
             "line 1, column 8: SELECT * not allowed with GROUP BY");
    error_is("SELECT ?o { ?x ?p ?o } GROUP BY ?x",
             "line 1, column 8: variable '?o' is not grouped");
    error_is("SELECT ?x {\n  ?x ?p ?o BIND (1 AS ?o) }",
             "line 2, column 23: variable '?o' of BIND already in scope");
    error_is("SELECT * { ?x ?p ?o FILTER(COUNT(?x) > 1) }",
             "line 1, column 28: aggregate 'COUNT' not allowed here");
    error_is("SELECT (SUM(MAX(?x)) AS ?y) { ?x ?p ?o }",
             "line 1, column 13: aggregate 'MAX' inside an aggregate");
    error_is("SELECT * { VALUES (?a ?b) { (1) } }",
             "line 1, column 29: expected 2 values in the row but found 1");
    error_is("SELECT * { _:a ?p ?o OPTIONAL { ?o ?q ?r } _:a ?x ?y }",
             "line 1, column 44: blank node '_:a' used in two basic");
    error_is(
        "PREFIX : <http://e/>\nSELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "line 2, column 12: SERVICE is not supported (diplograph does "
        "not query remote endpoints)");
    error_is("INSERT DATA { <a> <b> <c> }",
             "line 1, column 1: SPARQL Update is not supported");
    error_is("SELECT ?x (1 AS ?x) {}",
             "line 1, column 17: variable '?x' projected twice");
    error_is("SELECT * { ?s ?p ?o } éx",
             "line 1, column 23: unexpected character 'é'");
}

int
main(void)
{
    test_sse();
    test_errors();
    test_w3c();
    return tap_done();
}
