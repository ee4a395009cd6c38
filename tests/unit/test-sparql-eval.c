/* test-sparql-eval.c: the evaluator's operators, on a small in-memory
 * dataset, with answers worked out by hand. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/results.h"
#include "graph/sparql/eval.h"
#include "graph/sparql/parse.h"
#include "graph/store/mem_dataset.h"
#include "tests/unit/tap.h"

#define EX "http://example.org/"

static struct dg_dataset *ds;

static void
add(const char *s, const char *p, const char *o, int o_lit, const char *dt,
    const char *g)
{
    struct dg_sterm ts = {0}, tp = {0}, to = {0}, tg = {0};
    struct dg_error err = {0, ""};
    dg_sterm_set_str(&ts, s[0] == '_' ? DG_ST_BLANK : DG_ST_IRI,
                     s[0] == '_' ? s + 2 : s, NULL, NULL);
    dg_sterm_set_str(&tp, DG_ST_IRI, p, NULL, NULL);
    dg_sterm_set_str(&to, o_lit ? DG_ST_LITERAL : DG_ST_IRI, o, dt, NULL);
    if (g)
        dg_sterm_set_str(&tg, DG_ST_IRI, g, NULL, NULL);
    if (dg_mem_dataset_add(ds, &ts, &tp, &to, g ? &tg : NULL, &err) < 0)
        printf("# add failed: %s\n", err.msg);
    dg_sterm_clear(&ts);
    dg_sterm_clear(&tp);
    dg_sterm_clear(&to);
    dg_sterm_clear(&tg);
}

static int
line_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The results as text: one line per row, "var=value" cells separated by
 * spaces (IRIs shortened by EX), rows sorted unless ordered; ASK gives
 * "true"/"false"; an error gives "error: message". */
/* the row limit of the next queries (dg_eval_opts.max_rows; 0: none) */
static long max_rows;

static char *
run_opts(const char *query, int ordered, int stored)
{
    struct dg_error err = {0, ""};
    struct dg_eval_opts opts = {stored ? DG_DEFAULT_STORED : DG_DEFAULT_UNION,
                                0, max_rows};
    struct dg_query *q = dg_sparql_parse(query, NULL, &err);
    struct dg_results *r = q ? dg_sparql_eval(q, ds, &opts, &err) : NULL;
    char *out = NULL;
    size_t cap = 1;
    if (!r) {
        out = malloc(strlen(err.msg) + 16);
        sprintf(out, "error: %s", err.msg);
        dg_query_free(q);
        return out;
    }
    if (r->kind == DG_RESULTS_BOOLEAN) {
        out = strdup(r->boolean ? "true" : "false");
        goto done;
    }
    char **lines = calloc(r->nrows + 1, sizeof *lines);
    for (size_t i = 0; i < r->nrows; i++) {
        char buf[2048] = "";
        for (size_t c = 0; c < r->nvars; c++) {
            const struct dg_term *t = dg_results_cell(r, i, c);
            char cell[512];
            if (t->type == DG_TERM_UNBOUND)
                continue;
            const char *v = t->value;
            if (t->type == DG_TERM_IRI && !strncmp(v, EX, strlen(EX)))
                snprintf(cell, sizeof cell, ":%s", v + strlen(EX));
            else if (t->type == DG_TERM_IRI)
                snprintf(cell, sizeof cell, "<%s>", v);
            else if (t->type == DG_TERM_BLANK)
                snprintf(cell, sizeof cell, "_:b");
            else if (t->lang)
                snprintf(cell, sizeof cell, "\"%s\"@%s", v, t->lang);
            else if (t->datatype &&
                     !strncmp(t->datatype, DG_XSD, strlen(DG_XSD)))
                snprintf(cell, sizeof cell, "\"%s\"^^%s", v,
                         t->datatype + strlen(DG_XSD));
            else
                snprintf(cell, sizeof cell, "\"%s\"", v);
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s=%s",
                     buf[0] ? " " : "", r->vars[c], cell);
        }
        lines[i] = strdup(buf);
        cap += strlen(buf) + 1;
    }
    if (!ordered)
        qsort(lines, r->nrows, sizeof *lines, line_cmp);
    out = calloc(1, cap);
    for (size_t i = 0; i < r->nrows; i++) {
        strcat(out, lines[i]);
        if (i + 1 < r->nrows)
            strcat(out, "|");
        free(lines[i]);
    }
    free(lines);
done:
    dg_results_free(r);
    dg_query_free(q);
    return out;
}

static void
check(const char *title, const char *query, const char *want)
{
    char *got = run_opts(query, strstr(query, "ORDER BY") != NULL, 0);
    is_str(got, want, title);
    free(got);
}

static void
check_stored(const char *title, const char *query, const char *want)
{
    char *got = run_opts(query, strstr(query, "ORDER BY") != NULL, 1);
    is_str(got, want, title);
    free(got);
}

#define P "PREFIX : <" EX "> "

int
main(void)
{
    const char *g1 = EX "g1", *g2 = EX "g2", *onto = EX "onto";
    struct dg_error err = {0, ""};
    ds = dg_mem_dataset_new();
    if (!ds) {
        ok(0, "dataset");
        return tap_done();
    }
    /* g1: alice knows bob, bob knows carol; ages */
    add(EX "alice", EX "knows", EX "bob", 0, NULL, g1);
    add(EX "bob", EX "knows", EX "carol", 0, NULL, g1);
    add(EX "alice", EX "age", "30", 1, DG_XSD "integer", g1);
    add(EX "bob", EX "age", "25", 1, DG_XSD "integer", g1);
    add(EX "alice", EX "name", "Alice", 1, NULL, g1);
    /* g2: the same alice-bob triple again, carol knows dave */
    add(EX "alice", EX "knows", EX "bob", 0, NULL, g2);
    add(EX "carol", EX "knows", EX "dave", 0, NULL, g2);
    add(EX "carol", EX "age", "41", 1, DG_XSD "integer", g2);
    /* the true default graph */
    add(EX "dave", EX "knows", EX "alice", 0, NULL, NULL);
    /* a hidden graph */
    add(EX "Person", EX "label", "person", 1, NULL, onto);
    if (dg_dataset_hide(ds, onto, &err) < 0)
        printf("# hide: %s\n", err.msg);

    max_rows = 3;
    check("max_rows: 4 result rows over a limit of 3 stop the query",
          P "SELECT ?x ?y { ?x :knows ?y }",
          "error: query stopped: more than 3 rows in memory; use --max-rows");
    check("max_rows: an ORDER BY holds its rows: 4 over 3 stop it",
          P "SELECT ?x { ?x :knows ?y } ORDER BY ?x LIMIT 1",
          "error: query stopped: more than 3 rows in memory; use --max-rows");
    check("max_rows: 3 rows pass a limit of 3", P "SELECT ?x { ?x :age ?a }",
          "x=:alice|x=:bob|x=:carol");
    check("max_rows: COUNT over 4 rows gives 1 row",
          P "SELECT (COUNT(*) AS ?n) { ?x :knows ?y }", "n=\"4\"^^integer");
    max_rows = 0;
    check("bgp: union default graph, each triple once",
          P "SELECT ?x ?y { ?x :knows ?y }",
          "x=:alice y=:bob|x=:bob y=:carol|x=:carol y=:dave|x=:dave "
          "y=:alice");
    check_stored("stored default graph only", P "SELECT ?x ?y { ?x :knows ?y }",
                 "x=:dave y=:alice");
    check("join of two patterns",
          P "SELECT ?x ?z { ?x :knows ?y . ?y :knows ?z }",
          "x=:alice z=:carol|x=:bob z=:dave|x=:carol z=:alice|x=:dave z=:bob");
    check("hidden graph not in the default graph",
          P "SELECT ?s { ?s :label ?l }", "");
    check("hidden graph reachable by name",
          P "SELECT ?l { GRAPH :onto { ?s :label ?l } }", "l=\"person\"");
    check("GRAPH ?g binds each named graph",
          P "SELECT ?g { GRAPH ?g { :alice :knows :bob } }", "g=:g1|g=:g2");
    check("GRAPH ?g {} lists the named graphs, hidden ones left out",
          P "SELECT ?g { GRAPH ?g {} }", "g=:g1|g=:g2");
    check("OPTIONAL keeps rows without a match",
          P "SELECT ?x ?a { ?x :knows ?y OPTIONAL { ?x :age ?a } }",
          "x=:alice a=\"30\"^^integer|x=:bob a=\"25\"^^integer|x=:carol "
          "a=\"41\"^^integer|x=:dave");
    check(
        "OPTIONAL with a filter on both sides",
        P "SELECT ?x ?a { ?x :knows ?y OPTIONAL { ?x :age ?a FILTER(?a > 28) "
          "} }",
        "x=:alice a=\"30\"^^integer|x=:bob|x=:carol a=\"41\"^^integer|x=:dave");
    check("FILTER !BOUND after OPTIONAL",
          P
          "SELECT ?x { ?x :knows ?y OPTIONAL { ?x :age ?a } FILTER(!BOUND(?a)) "
          "}",
          "x=:dave");
    check("MINUS", P "SELECT ?x { ?x :knows ?y MINUS { ?x :age ?a } }",
          "x=:dave");
    check("MINUS with no shared variable removes nothing",
          P "SELECT ?x { ?x :knows :bob MINUS { ?s :age ?a } }", "x=:alice");
    check("NOT EXISTS",
          P "SELECT ?x { ?x :knows ?y FILTER NOT EXISTS { ?y :age ?a } }",
          "x=:carol");
    check("EXISTS", P "SELECT ?x { ?x :knows ?y FILTER EXISTS { ?y :age ?a } }",
          "x=:alice|x=:bob|x=:dave");
    check("UNION",
          P "SELECT ?v { { :alice :age ?v } UNION { :alice :name ?v } }",
          "v=\"30\"^^integer|v=\"Alice\"");
    check("BIND and arithmetic",
          P "SELECT ?x ?b { ?x :age ?a BIND(?a + 1 AS ?b) FILTER(?a < 30) }",
          "x=:bob b=\"26\"^^integer");
    check("VALUES joins",
          P "SELECT ?x ?a { VALUES ?x { :bob :zed } ?x :age ?a }",
          "x=:bob a=\"25\"^^integer");
    check("VALUES with UNDEF",
          P
          "SELECT ?x ?y { VALUES (?x ?y) { (:alice UNDEF) (UNDEF :carol) } ?x "
          ":knows ?y }",
          "x=:alice y=:bob|x=:bob y=:carol");
    check("COUNT(*) and GROUP BY",
          P "SELECT ?x (COUNT(*) AS ?n) { ?x :knows ?y } GROUP BY ?x HAVING "
            "(COUNT(*) >= 1) ORDER BY ?x",
          "x=:alice n=\"1\"^^integer|x=:bob n=\"1\"^^integer|x=:carol "
          "n=\"1\"^^integer|x=:dave n=\"1\"^^integer");
    check("COUNT(*) of one pattern counts each triple of the union once",
          P "SELECT (COUNT(*) AS ?n) { ?x :knows ?y }", "n=\"4\"^^integer");
    check("COUNT(*) of one pattern in a named graph",
          P "SELECT (COUNT(*) AS ?n) (COUNT(*) AS ?m) { GRAPH :g1 { ?x ?p ?y "
            "} }",
          "n=\"5\"^^integer m=\"5\"^^integer");
    check("COUNT(*) of a pattern with a repeated variable",
          P "SELECT (COUNT(*) AS ?n) { ?x :knows ?x }", "n=\"0\"^^integer");
    check("COUNT(DISTINCT ?g) over named graphs",
          P "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
          "n=\"2\"^^integer");
    check("aggregates over no rows",
          P "SELECT (COUNT(*) AS ?n) (SUM(?a) AS ?s) { ?x :nothing ?a }",
          "n=\"0\"^^integer s=\"0\"^^integer");
    check("SUM and AVG",
          P "SELECT (SUM(?a) AS ?s) (MAX(?a) AS ?m) { ?x :age ?a }",
          "s=\"96\"^^integer m=\"41\"^^integer");
    check("ORDER BY DESC with LIMIT and OFFSET",
          P "SELECT ?x { ?x :age ?a } ORDER BY DESC(?a) LIMIT 2 OFFSET 1",
          "x=:alice|x=:bob");
    check("DISTINCT", P "SELECT DISTINCT ?x { ?x ?p ?o FILTER(?x = :alice) }",
          "x=:alice");
    check("subquery with its own LIMIT",
          P
          "SELECT ?x ?a { ?x :age ?a { SELECT ?x { ?x :knows ?y } ORDER BY ?x "
          "LIMIT 1 } }",
          "x=:alice a=\"30\"^^integer");
    check("path +", P "SELECT ?y { :alice :knows+ ?y }",
          "y=:alice|y=:bob|y=:carol|y=:dave");
    check("path * from an unknown node is the node itself",
          P "SELECT ?y { :nobody :knows* ?y }", "y=:nobody");
    check("path ^ and /", P "SELECT ?x { :carol ^:knows/^:knows ?x }",
          "x=:alice");
    check("path |", P "SELECT ?v { :alice (:age|:name) ?v }",
          "v=\"30\"^^integer|v=\"Alice\"");
    check("negated property set", P "SELECT ?v { :alice !(:knows|:name) ?v }",
          "v=\"30\"^^integer");
    check("ASK true", P "ASK { :alice :knows :bob }", "true");
    check("ASK false", P "ASK { :bob :knows :alice }", "false");
    check(
        "CONSTRUCT makes a set",
        P
        "CONSTRUCT { ?y :knownBy ?x } WHERE { ?x :knows ?y FILTER(?y = :bob) }",
        "subject=:bob predicate=:knownBy object=:alice");
    check("FROM picks the default graph",
          P "SELECT ?y FROM :g2 { :carol :knows ?y }", "y=:dave");
    check("FROM NAMED restricts GRAPH",
          P "SELECT ?g FROM NAMED :g2 { GRAPH ?g { :alice :knows :bob } }",
          "g=:g2");
    check("a term the store lacks matches nothing",
          P "SELECT ?x { ?x :knows :nobody }", "");
    check("a filter between patterns does not multiply rows",
          P "SELECT ?x ?y { ?x :knows ?y FILTER(?x = :alice) ?y :age ?a }",
          "x=:alice y=:bob");
    check("syntax errors give a position", "SELECT ?x { ?x }",
          "error: line 1, column 16: expected a property path but found '}'");

    {
        /* hostile queries: a clear error, never a crash */
        size_t n = 20000;
        char *deep = malloc(2 * n + 32);
        strcpy(deep, "ASK { FILTER(");
        memset(deep + strlen(deep), '(', n);
        deep[13 + n] = '\0';
        strcat(deep, "1");
        memset(deep + strlen(deep), ')', n);
        deep[14 + 2 * n] = '\0';
        strcat(deep, ") }");
        char *got = run_opts(deep, 0, 0);
        ok(!strncmp(got,
                    "error: line 1, column 268: brackets nested more "
                    "than 256 deep",
                    60),
           "20,000 nested brackets: an error, not a stack overflow: %.70s",
           got);
        free(got);
        free(deep);
        got = run_opts("ASK { ?s ?p \"\xff\" }", 0, 0);
        is_str(got, "error: line 1, column 14: the query is not valid UTF-8",
               "a query that is not UTF-8 says where");
        free(got);
    }

    {
        /* a row limit: reached is fine, passed is an error */
        struct dg_eval_opts opts = {DG_DEFAULT_UNION, 0, 3};
        dg_error_clear(&err);
        struct dg_query *q =
            dg_sparql_parse("SELECT ?s { ?s ?p ?o } LIMIT 3", NULL, &err);
        struct dg_results *r = q ? dg_sparql_eval(q, ds, &opts, &err) : NULL;
        is_int(r ? (long)r->nrows : -1, 3, "max_rows 3: 3 rows are fine");
        dg_results_free(r);
        dg_query_free(q);
        q = dg_sparql_parse("SELECT ?s { ?s ?p ?o } LIMIT 4", NULL, &err);
        r = q ? dg_sparql_eval(q, ds, &opts, &err) : NULL;
        ok(!r, "max_rows 3: 4 rows are an error");
        is_str(err.msg,
               "query stopped: more than 3 rows in memory; use --max-rows",
               "max_rows: the error says so");
        dg_results_free(r);
        dg_query_free(q);
        dg_error_clear(&err);
        q = dg_sparql_parse("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", NULL,
                            &err);
        r = q ? dg_sparql_eval(q, ds, &opts, &err) : NULL;
        ok(!r && err.code == DG_ERR_QUERY,
           "max_rows holds for CONSTRUCT too: %s", err.msg);
        dg_results_free(r);
        dg_query_free(q);
    }

    {
        /* found by tests/fuzz: a zero-or-one path with both ends unbound
         * on an empty graph sorted a NULL array (UBSan) */
        struct dg_dataset *empty = dg_mem_dataset_new();
        struct dg_query *q = dg_sparql_parse(
            "SELECT * { ?a <" EX "p>? ?b } ORDER BY ?a", NULL, &err);
        struct dg_results *r =
            q && empty ? dg_sparql_eval(q, empty, NULL, &err) : NULL;
        ok(r && r->nrows == 0, "?a :p? ?b on an empty dataset: no rows");
        dg_results_free(r);
        dg_query_free(q);
        dg_dataset_free(empty);
    }

    dg_dataset_free(ds);
    return tap_done();
}
