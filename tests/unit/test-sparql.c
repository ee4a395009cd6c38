/* test-sparql.c: the SPARQL guard, ORDER BY keys and the result sort */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "graph/results.h"
#include "graph/sparql_check.h"
#include "tap.h"

static int
refused(const char *q, const char *word)
{
    struct dg_error err = {0, ""};
    return dg_sparql_check(q, &err) < 0 && strstr(err.msg, word) != NULL;
}

static int
accepted(const char *q)
{
    struct dg_error err = {0, ""};
    return dg_sparql_check(q, &err) == 0;
}

static void
add_row(struct dg_results *r, const char *a, const char *dt, const char *b)
{
    struct dg_term *row = dg_results_add_row(r);
    dg_term_set(&row[0], DG_TERM_LITERAL, a, dt, NULL);
    if (b)
        dg_term_set(&row[1], DG_TERM_IRI, b, NULL, NULL);
}

int
main(void)
{
    ok(refused("SELECT * WHERE { ?s ?p ?o } VALUES ?s { <a> }", "VALUES"),
       "VALUES is refused");
    ok(refused("SELECT * WHERE { ?s ?p ?o MINUS { ?s a ?t } }", "MINUS"),
       "MINUS is refused");
    ok(refused("ASK { FILTER NOT EXISTS { ?s ?p ?o } }", "EXISTS"),
       "NOT EXISTS is refused");
    ok(refused("SELECT ?y WHERE { ?s ?p ?o BIND(CONCAT(?o, \"x\") AS ?y) }",
               "CONCAT"),
       "CONCAT inside BIND is refused");
    ok(refused("SELECT (YEAR(?d) AS ?y) WHERE { ?s ?p ?d }", "SUBSTR"),
       "YEAR() is refused with the rewrite");
    ok(accepted("SELECT (CONCAT(?a, ?b) AS ?c) WHERE { ?s ?p ?a . ?s ?q ?b }"),
       "CONCAT outside BIND is allowed");
    ok(accepted("# VALUES in a comment\nASK { ?s <urn:values> \"MINUS\" }"),
       "keywords in comments, IRIs and strings are ignored");
    ok(accepted("PREFIX ex: <urn:x#> ASK { ?s ex:values ?o }"),
       "a prefixed name like ex:values is not a keyword");
    struct dg_error err = {0, ""};
    dg_sparql_check("SELECT *\nWHERE { ?s ?p ?o }\n  VALUES ?s {}", &err);
    ok(strstr(err.msg, "line 3, column 3") != NULL, "line and column: %s",
       err.msg);

    struct dg_order_key k[8];
    is_int((long)dg_sparql_order_keys("SELECT ?a WHERE { ?a ?b ?c } "
                                      "ORDER BY ?a DESC(?b) ASC( ?c ) LIMIT 3",
                                      k, 8),
           3, "three ORDER BY keys");
    is_str(k[1].var, "b", "second key variable");
    ok(k[1].desc && !k[0].desc && !k[2].desc, "DESC and ASC flags");
    is_int((long)dg_sparql_order_keys(
               "SELECT ?a WHERE { ?a ?b ?c } ORDER BY STR(?a)", k, 8),
           0, "an expression key leaves the order to the engine");
    is_int((long)dg_sparql_order_keys(
               "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a "
               "LIMIT 1 } }",
               k, 8),
           0, "ORDER BY inside a sub-query is not the outer order");
    is_int((long)dg_sparql_order_keys("# ORDER BY ?x\nASK { ?a ?b \"ORDER BY "
                                      "?c\" }",
                                      k, 8),
           0, "ORDER BY in comments and strings is ignored");

    struct dg_results *r = dg_results_new(DG_RESULTS_BINDINGS);
    dg_results_add_var(r, "n");
    dg_results_add_var(r, "x");
    const char *xint = "http://www.w3.org/2001/XMLSchema#integer";
    add_row(r, "10", xint, "urn:b");
    add_row(r, "9", xint, "urn:a");
    add_row(r, "10", xint, "urn:a");
    struct dg_term *row = dg_results_add_row(r); /* unbound n */
    dg_term_set(&row[1], DG_TERM_IRI, "urn:c", NULL, NULL);
    size_t cols[2] = {0, 1};
    int desc[2] = {1, 0};
    ok(dg_results_sort(r, cols, desc, 2) == 0, "sort");
    is_str(dg_results_cell(r, 0, 0)->value, "10",
           "numbers sort by value, descending");
    is_str(dg_results_cell(r, 0, 1)->value, "urn:a", "ties on the next key");
    is_str(dg_results_cell(r, 2, 0)->value, "9", "9 after 10 descending");
    ok(dg_results_cell(r, 3, 0)->type == DG_TERM_UNBOUND,
       "unbound sorts first, so last when descending");
    dg_results_free(r);
    return tap_done();
}
