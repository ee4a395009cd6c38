/* test-sparql-expr.c: SPARQL expressions, functions, casts, ORDER BY's
 * order and aggregates (graph/sparql/expr.c, graph/sparql/func.c), on
 * expression trees built by hand. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/sparql/expr.h"
#include "tests/unit/tap.h"

#define XSD DG_XSD

/* ---- a tiny environment: ids 1..N are the terms below ------------------ */

static struct dg_sterm terms[4];
static uint64_t row[10] = {1, 2, 3, 4, 0, 0, 0, 0, 0, 0};
enum { V_FIVE, V_IRI, V_BLANK, V_STR, V_UNBOUND };
static int exists_answer;

static const struct dg_sterm *
term_of(void *ctx, uint64_t id, struct dg_error *err)
{
    (void)ctx;
    if (id < 1 || id > 4) {
        dg_error_set(err, DG_ERR_INTERNAL, "no term %llu",
                     (unsigned long long)id);
        return NULL;
    }
    return &terms[id - 1];
}

static int
exists_cb(void *ctx, const struct dg_pattern *p, const uint64_t *r,
          struct dg_error *err)
{
    (void)ctx;
    (void)p;
    (void)r;
    (void)err;
    return exists_answer;
}

static struct dg_expr_env env;

/* ---- building expressions ---------------------------------------------- */

static struct dg_expr *
lit(const char *lex, const char *dt, const char *lang)
{
    char buf[256];
    struct dg_expr *e = dg_expr_new(DG_E_CONST);
    if (dt && !strncmp(dt, "xsd:", 4)) {
        snprintf(buf, sizeof buf, XSD "%s", dt + 4);
        dt = buf;
    }
    dg_sterm_set_str(&e->term, DG_ST_LITERAL, lex, dt, lang);
    return e;
}

#define I(s) lit(s, "xsd:integer", NULL)
#define DEC(s) lit(s, "xsd:decimal", NULL)
#define DBL(s) lit(s, "xsd:double", NULL)
#define S(s) lit(s, NULL, NULL)
#define L(s, l) lit(s, NULL, l)
#define DT(s) lit(s, "xsd:dateTime", NULL)
#define TRUE_ lit("true", "xsd:boolean", NULL)
#define FALSE_ lit("false", "xsd:boolean", NULL)

static struct dg_expr *
iri(const char *s)
{
    struct dg_expr *e = dg_expr_new(DG_E_CONST);
    dg_sterm_set_str(&e->term, DG_ST_IRI, s, NULL, NULL);
    return e;
}

static struct dg_expr *
var(int i)
{
    struct dg_expr *e = dg_expr_new(DG_E_VAR);
    e->var = i;
    return e;
}

#define ERR var(V_UNBOUND)

static struct dg_expr *
vmk(int op, int func, int n, va_list ap)
{
    struct dg_expr *e = dg_expr_new(op);
    e->func = func;
    e->nargs = (size_t)n;
    e->args = n ? calloc((size_t)n, sizeof *e->args) : NULL;
    for (int i = 0; i < n; i++)
        e->args[i] = va_arg(ap, struct dg_expr *);
    return e;
}

static struct dg_expr *
op(int o, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    struct dg_expr *e = vmk(o, 0, n, ap);
    va_end(ap);
    return e;
}

static struct dg_expr *
fn(int f, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    struct dg_expr *e = vmk(DG_E_BUILTIN, f, n, ap);
    va_end(ap);
    return e;
}

static struct dg_expr *
call(const char *name, int n, ...)
{
    va_list ap;
    char buf[256];
    va_start(ap, n);
    struct dg_expr *e = vmk(DG_E_CALL, 0, n, ap);
    va_end(ap);
    if (!strncmp(name, "xsd:", 4)) {
        snprintf(buf, sizeof buf, XSD "%s", name + 4);
        name = buf;
    }
    dg_sterm_set_str(&e->term, DG_ST_IRI, name, NULL, NULL);
    return e;
}

/* ---- rendering results ------------------------------------------------- */

static char rbuf[1024];

static const char *
render(const struct dg_sterm *t)
{
    switch (t->kind) {
    case DG_ST_IRI: snprintf(rbuf, sizeof rbuf, "<%s>", t->lex); break;
    case DG_ST_BLANK: snprintf(rbuf, sizeof rbuf, "_:%s", t->lex); break;
    case DG_ST_LITERAL: {
        int n = snprintf(rbuf, sizeof rbuf, "\"%s\"", t->lex);
        if (t->lang)
            snprintf(rbuf + n, sizeof rbuf - (size_t)n, "@%s", t->lang);
        else if (t->dt && !strncmp(t->dt, XSD, strlen(XSD)))
            snprintf(rbuf + n, sizeof rbuf - (size_t)n, "^^xsd:%s",
                     t->dt + strlen(XSD));
        else if (t->dt)
            snprintf(rbuf + n, sizeof rbuf - (size_t)n, "^^<%s>", t->dt);
        break;
    }
    default: snprintf(rbuf, sizeof rbuf, "NONE");
    }
    return rbuf;
}

static struct dg_error last_err;

/* Evaluates e (consumed) on row: its value as text, "ERROR" or "FAIL". */
static const char *
ev(struct dg_expr *e)
{
    struct dg_sterm out = {0};
    dg_error_clear(&last_err);
    int r = dg_expr_eval(&env, e, row, &out, &last_err);
    dg_expr_free(e);
    if (r == 1) {
        ok(out.kind == DG_ST_NONE, "an error leaves no value");
        return "ERROR";
    }
    if (r < 0)
        return "FAIL";
    render(&out);
    dg_sterm_clear(&out);
    return rbuf;
}

static void
check(const char *got, const char *want, const char *expr)
{
    char title[512];
    snprintf(title, sizeof title, "%.300s = %.200s", expr, want);
    is_str(got, want, title);
}

#define T(expr, want) check(ev(expr), want, #expr)

/* ---- tests ------------------------------------------------------------- */

static void
test_numbers(void)
{
    T(op(DG_E_ADD, 2, I("1"), I("1")), "\"2\"^^xsd:integer");
    T(op(DG_E_DIV, 2, I("1"), I("2")), "\"0.5\"^^xsd:decimal");
    T(op(DG_E_MUL, 2, DBL("1.0e0"), I("2")), "\"2\"^^xsd:double");
    T(op(DG_E_DIV, 2, I("4"), I("2")), "\"2\"^^xsd:decimal");
    T(op(DG_E_ADD, 2, DEC("1.5"), DEC("1.5")), "\"3\"^^xsd:decimal");
    T(op(DG_E_ADD, 2, lit("2", "xsd:int", NULL), lit("3", "xsd:short", NULL)),
      "\"5\"^^xsd:integer");
    T(op(DG_E_DIV, 2, I("1"), I("0")), "ERROR");
    T(op(DG_E_DIV, 2, DEC("1.0"), DEC("0.0")), "ERROR");
    T(op(DG_E_DIV, 2, DBL("1.0e0"), I("0")), "\"INF\"^^xsd:double");
    T(op(DG_E_DIV, 2, DBL("-1e0"), I("0")), "\"-INF\"^^xsd:double");
    T(op(DG_E_DIV, 2, DBL("0e0"), I("0")), "\"NaN\"^^xsd:double");
    T(op(DG_E_MUL, 2, lit("1.5", "xsd:float", NULL), I("2")),
      "\"3\"^^xsd:float");
    T(op(DG_E_MUL, 2, DBL("10e0"), I("1")), "\"10\"^^xsd:double");
    T(op(DG_E_MUL, 2, DBL("0.00125"), I("1")), "\"0.00125\"^^xsd:double");
    T(op(DG_E_MUL, 2, DBL("1e20"), I("1")), "\"1.0E20\"^^xsd:double");
    T(op(DG_E_MUL, 2, DBL("-1.5e-7"), I("1")), "\"-1.5E-7\"^^xsd:double");
    T(op(DG_E_DIV, 2, I("1"), I("3")),
      "\"0.333333333333333333333333\"^^xsd:decimal");
    T(op(DG_E_ADD, 2, I("9223372036854775807"), I("1")),
      "\"9223372036854775808\"^^xsd:integer");
    T(op(DG_E_MUL, 2, I("100000000000000000000"), I("10000000000")),
      "\"1000000000000000000000000000000\"^^xsd:integer");
    T(op(DG_E_ADD, 2, DEC("0.1"), DEC("0.2")), "\"0.3\"^^xsd:decimal");
    T(op(DG_E_NEG, 1, I("5")), "\"-5\"^^xsd:integer");
    T(op(DG_E_PLUS, 1, I("05")), "\"05\"^^xsd:integer");
    T(op(DG_E_PLUS, 1, S("5")), "ERROR");
    T(op(DG_E_ADD, 2, lit("abc", "xsd:integer", NULL), I("1")), "ERROR");
    T(op(DG_E_ADD, 2, S("1"), I("1")), "ERROR");
    T(op(DG_E_SUB, 2, DEC("2.5"), DEC("0.5")), "\"2\"^^xsd:decimal");
    T(op(DG_E_ADD, 2, DBL("1e0"), I("1")), "\"2\"^^xsd:double");
    T(op(DG_E_MUL, 2, DEC("-0.5"), I("2")), "\"-1\"^^xsd:decimal");
    T(op(DG_E_SUB, 2, I("3"), DEC("0.25")), "\"2.75\"^^xsd:decimal");
    T(op(DG_E_ADD, 2, var(V_FIVE), I("1")), "\"6\"^^xsd:integer");
    T(op(DG_E_ADD, 2, ERR, I("1")), "ERROR");
}

static void
test_compare(void)
{
    const char *t = "\"true\"^^xsd:boolean", *f = "\"false\"^^xsd:boolean";
    T(op(DG_E_EQ, 2, I("1"), DEC("1.0")), t);
    T(op(DG_E_LT, 2, I("1"), DEC("2.5")), t);
    T(op(DG_E_GE, 2, DBL("1e1"), I("10")), t);
    T(op(DG_E_LT, 2, S("abc"), S("abd")), t);
    T(op(DG_E_LT, 2, S("b"), lit("ab", "xsd:string", NULL)), f);
    T(op(DG_E_EQ, 2, S("a"), lit("a", "xsd:string", NULL)), t);
    T(op(DG_E_EQ, 2, L("a", "en"), L("a", "EN")), t);
    T(op(DG_E_EQ, 2, L("a", "en"), L("a", "fr")), f);
    T(op(DG_E_LT, 2, L("a", "en"), L("b", "en")), "ERROR");
    T(op(DG_E_EQ, 2, I("1"), S("1")), f);
    T(op(DG_E_NE, 2, I("1"), S("1")), t);
    T(op(DG_E_LT, 2, I("1"), S("1")), "ERROR");
    T(op(DG_E_EQ, 2, lit("abc", "http://ex/t", NULL),
         lit("abc", "http://ex/t", NULL)),
      t);
    T(op(DG_E_EQ, 2, lit("abc", "http://ex/t", NULL),
         lit("abd", "http://ex/t", NULL)),
      "ERROR");
    T(op(DG_E_NE, 2, lit("abc", "http://ex/t", NULL),
         lit("abd", "http://ex/t", NULL)),
      "ERROR");
    T(op(DG_E_EQ, 2, lit("abc", "xsd:integer", NULL),
         lit("abc", "xsd:integer", NULL)),
      t);
    T(op(DG_E_EQ, 2, lit("abc", "xsd:integer", NULL), I("1")), "ERROR");
    T(op(DG_E_EQ, 2, I("01"), I("1")), t);
    /* open-world: an invalid integer against a string is an error (its
     * value is unknown), against a language-tagged string unequal */
    T(op(DG_E_NE, 2, lit("xyz", "xsd:integer", NULL), S("xyz")), "ERROR");
    T(op(DG_E_NE, 2, lit("xyz", "xsd:integer", NULL), L("xyz", "en")), t);
    T(op(DG_E_NE, 2, lit("xyz", "xsd:integer", NULL),
         lit("abc", "xsd:integer", NULL)),
      "ERROR");
    T(op(DG_E_NE, 2, lit("xyz", "xsd:integer", NULL),
         lit("xyz", "http://ex/t", NULL)),
      "ERROR");
    T(op(DG_E_NE, 2, lit("xyz", "http://ex/t", NULL), iri("http://ex/t")), t);
    T(op(DG_E_GT, 2, TRUE_, FALSE_), t);
    T(op(DG_E_EQ, 2, lit("1", "xsd:boolean", NULL), TRUE_), t);
    T(op(DG_E_EQ, 2, DBL("NaN"), DBL("NaN")), f);
    T(op(DG_E_NE, 2, DBL("NaN"), DBL("NaN")), t);
    T(op(DG_E_LT, 2, DBL("NaN"), I("1")), f);
    T(op(DG_E_LT, 2, DT("2011-01-10T14:45:13Z"),
         DT("2011-01-10T10:45:13-05:00")),
      t);
    T(op(DG_E_EQ, 2, DT("2011-01-10T14:45:13Z"),
         DT("2011-01-10T09:45:13-05:00")),
      t);
    T(op(DG_E_LT, 2, DT("2011-01-10T14:45:13Z"), DT("2011-01-10T14:00:00")),
      "ERROR");
    T(op(DG_E_LT, 2, DT("2011-01-10T14:45:13Z"), DT("2011-01-12T14:00:00")), t);
    T(op(DG_E_EQ, 2, DT("2011-01-10T14:45:13Z"), DT("2011-01-10T14:45:13")),
      "ERROR"); /* indeterminate: open-world/date-2 */
    T(op(DG_E_EQ, 2, lit("2006-08-23", "xsd:date", NULL),
         lit("2006-08-23", "xsd:date", NULL)),
      t);
    T(op(DG_E_LT, 2, lit("2006-08-23", "xsd:date", NULL),
         lit("2006-08-24", "xsd:date", NULL)),
      t);
    T(op(DG_E_EQ, 2, iri("http://ex/a"), iri("http://ex/a")), t);
    T(op(DG_E_EQ, 2, iri("http://ex/a"), S("http://ex/a")), f);
    T(op(DG_E_LT, 2, iri("http://ex/a"), iri("http://ex/b")), "ERROR");
    T(op(DG_E_EQ, 2, var(V_FIVE), I("5")), t);
    T(op(DG_E_EQ, 2, ERR, I("5")), "ERROR");
}

static void
test_ebv_logic(void)
{
    struct {
        const char *lex, *dt, *lang;
        int kind, want;
    } cases[] = {
        {"", NULL, NULL, DG_ST_LITERAL, 0},
        {"a", NULL, NULL, DG_ST_LITERAL, 1},
        {"a", NULL, "en", DG_ST_LITERAL, 1},
        {"0", XSD "integer", NULL, DG_ST_LITERAL, 0},
        {"7", XSD "integer", NULL, DG_ST_LITERAL, 1},
        {"0.0", XSD "decimal", NULL, DG_ST_LITERAL, 0},
        {"NaN", XSD "double", NULL, DG_ST_LITERAL, 0},
        {"abc", XSD "integer", NULL, DG_ST_LITERAL, 0},
        {"true", XSD "boolean", NULL, DG_ST_LITERAL, 1},
        {"false", XSD "boolean", NULL, DG_ST_LITERAL, 0},
        {"tru", XSD "boolean", NULL, DG_ST_LITERAL, 0},
        {"x", "http://ex/t", NULL, DG_ST_LITERAL, -1},
        {"2011-01-10", XSD "date", NULL, DG_ST_LITERAL, -1},
        {"http://ex/a", NULL, NULL, DG_ST_IRI, -1},
        {"b", NULL, NULL, DG_ST_BLANK, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct dg_sterm v = {0};
        char title[128];
        dg_sterm_set_str(&v, cases[i].kind, cases[i].lex, cases[i].dt,
                         cases[i].lang);
        snprintf(title, sizeof title, "EBV of '%s' %s", cases[i].lex,
                 cases[i].dt ? cases[i].dt : "");
        is_int(dg_sterm_ebv(&v), cases[i].want, title);
        dg_sterm_clear(&v);
    }
    const char *t = "\"true\"^^xsd:boolean", *f = "\"false\"^^xsd:boolean";
    T(op(DG_E_OR, 2, TRUE_, ERR), t);
    T(op(DG_E_OR, 2, ERR, TRUE_), t);
    T(op(DG_E_OR, 2, FALSE_, ERR), "ERROR");
    T(op(DG_E_OR, 2, FALSE_, FALSE_), f);
    T(op(DG_E_AND, 2, FALSE_, ERR), f);
    T(op(DG_E_AND, 2, ERR, FALSE_), f);
    T(op(DG_E_AND, 2, TRUE_, ERR), "ERROR");
    T(op(DG_E_AND, 2, S("x"), I("3")), t);
    T(op(DG_E_NOT, 1, ERR), "ERROR");
    T(op(DG_E_NOT, 1, S("")), t);
    T(op(DG_E_NOT, 1, iri("http://ex/a")), "ERROR");

    struct dg_error err;
    struct dg_expr *e = op(DG_E_OR, 2, FALSE_, ERR);
    is_int(dg_expr_filter(&env, e, row, &err), 0, "FILTER of an error");
    dg_expr_free(e);
    e = op(DG_E_LT, 2, I("1"), I("2"));
    is_int(dg_expr_filter(&env, e, row, &err), 1, "FILTER(1 < 2)");
    dg_expr_free(e);
    e = var(V_STR);
    is_int(dg_expr_filter(&env, e, row, &err), 1, "FILTER(?x) on \"x\"");
    dg_expr_free(e);

    exists_answer = 1;
    T(op(DG_E_EXISTS, 0), t);
    T(op(DG_E_NOT_EXISTS, 0), f);
    exists_answer = 0;
    T(op(DG_E_EXISTS, 0), f);
}

static void
test_in(void)
{
    const char *t = "\"true\"^^xsd:boolean", *f = "\"false\"^^xsd:boolean";
    T(op(DG_E_IN, 3, I("2"), I("1"), I("2")), t);
    T(op(DG_E_IN, 4, I("2"), I("1"), ERR, I("2")), t);
    T(op(DG_E_IN, 3, I("2"), I("1"), ERR), "ERROR");
    T(op(DG_E_IN, 1, I("2")), f);
    T(op(DG_E_NOT_IN, 1, I("2")), t);
    T(op(DG_E_NOT_IN, 3, I("2"), I("1"), ERR), "ERROR");
    T(op(DG_E_NOT_IN, 3, I("2"), I("1"), I("3")), t);
    T(op(DG_E_NOT_IN, 3, I("2"), DEC("2.0"), I("3")), f);
    T(op(DG_E_IN, 2, ERR, I("1")), "ERROR");
    T(op(DG_E_IN, 3, iri("http://ex/a"), S("x"), iri("http://ex/a")), t);
}

static void
test_strings(void)
{
    const char *t = "\"true\"^^xsd:boolean", *f = "\"false\"^^xsd:boolean";
    T(fn(DG_F_STRLEN, 1, S("日本")), "\"2\"^^xsd:integer");
    T(fn(DG_F_STRLEN, 1, L("chat", "fr")), "\"4\"^^xsd:integer");
    T(fn(DG_F_STRLEN, 1, I("12")), "ERROR");
    T(fn(DG_F_SUBSTR, 2, S("日本語"), I("2")), "\"本語\"");
    T(fn(DG_F_SUBSTR, 3, S("日本語"), I("2"), I("1")), "\"本\"");
    T(fn(DG_F_SUBSTR, 3, L("abc", "en"), I("1"), I("2")), "\"ab\"@en");
    T(fn(DG_F_SUBSTR, 3, S("12345"), DEC("1.5"), DEC("2.6")), "\"234\"");
    T(fn(DG_F_SUBSTR, 3, S("12345"), I("0"), I("3")), "\"12\"");
    T(fn(DG_F_SUBSTR, 2, S("12345"), DBL("NaN")), "\"\"");
    T(fn(DG_F_SUBSTR, 2, S("abc"), S("1")), "ERROR");
    T(fn(DG_F_UCASE, 1, S("straße")), "\"STRASSE\"");
    T(fn(DG_F_UCASE, 1, L("abc", "en")), "\"ABC\"@en");
    T(fn(DG_F_LCASE, 1, S("ÉCOLE")), "\"école\"");
    T(fn(DG_F_CONCAT, 2, L("a", "en"), L("b", "en")), "\"ab\"@en");
    T(fn(DG_F_CONCAT, 2, L("a", "en"), S("b")), "\"ab\"");
    T(fn(DG_F_CONCAT, 2, L("a", "en"), L("b", "fr")), "\"ab\"");
    T(fn(DG_F_CONCAT, 2, S("a"), lit("b", "xsd:string", NULL)), "\"ab\"");
    T(fn(DG_F_CONCAT, 0), "\"\"");
    T(fn(DG_F_CONCAT, 2, S("a"), I("1")), "ERROR");
    T(fn(DG_F_STRBEFORE, 2, S("abc"), S("b")), "\"a\"");
    T(fn(DG_F_STRBEFORE, 2, L("abc", "en"), S("bc")), "\"a\"@en");
    T(fn(DG_F_STRBEFORE, 2, L("abc", "en"), L("b", "cy")), "ERROR");
    T(fn(DG_F_STRBEFORE, 2, S("abc"), L("b", "en")), "ERROR");
    T(fn(DG_F_STRBEFORE, 2, S("abc"), S("xyz")), "\"\"");
    T(fn(DG_F_STRBEFORE, 2, L("abc", "en"), S("")), "\"\"@en");
    T(fn(DG_F_STRBEFORE, 2, L("abc", "en"), L("z", "en")), "\"\"");
    T(fn(DG_F_STRAFTER, 2, S("abc"), S("b")), "\"c\"");
    T(fn(DG_F_STRAFTER, 2, L("abc", "en"), L("b", "en")), "\"c\"@en");
    T(fn(DG_F_STRAFTER, 2, L("abc", "en"), S("")), "\"abc\"@en");
    T(fn(DG_F_CONTAINS, 2, S("foobar"), S("bar")), t);
    T(fn(DG_F_STRSTARTS, 2, S("foobar"), S("foo")), t);
    T(fn(DG_F_STRENDS, 2, S("foobar"), S("foo")), f);
    T(fn(DG_F_STRENDS, 2, L("foobar", "en"), S("bar")), t);
    T(fn(DG_F_STRSTARTS, 2, I("1"), S("1")), "ERROR");
    T(fn(DG_F_ENCODE_FOR_URI, 1, S("Los Angeles")), "\"Los%20Angeles\"");
    T(fn(DG_F_ENCODE_FOR_URI, 1, L("é~", "fr")), "\"%C3%A9~\"");
    T(fn(DG_F_STR, 1, iri("http://x/")), "\"http://x/\"");
    T(fn(DG_F_STR, 1, var(V_BLANK)), "ERROR");
    T(fn(DG_F_STR, 1, I("07")), "\"07\"");
    T(fn(DG_F_LANG, 1, L("a", "en-GB")), "\"en-GB\"");
    T(fn(DG_F_LANG, 1, S("a")), "\"\"");
    T(fn(DG_F_LANG, 1, iri("http://x/")), "ERROR");
    T(fn(DG_F_DATATYPE, 1, S("a")),
      "<http://www.w3.org/2001/XMLSchema#string>");
    T(fn(DG_F_DATATYPE, 1, L("a", "en")), "<" DG_RDF_LANGSTRING ">");
    T(fn(DG_F_DATATYPE, 1, I("1")),
      "<http://www.w3.org/2001/XMLSchema#integer>");
    T(fn(DG_F_DATATYPE, 1, iri("http://x/")), "ERROR");
    T(fn(DG_F_LANGMATCHES, 2, S("en-US"), S("en")), t);
    T(fn(DG_F_LANGMATCHES, 2, S("EN"), S("en")), t);
    T(fn(DG_F_LANGMATCHES, 2, S("fr"), S("*")), t);
    T(fn(DG_F_LANGMATCHES, 2, S(""), S("*")), f);
    T(fn(DG_F_LANGMATCHES, 2, S("en"), S("en-US")), f);
    T(fn(DG_F_LANGMATCHES, 2, S("english"), S("en")), f);
    T(fn(DG_F_STRLANG, 2, S("a"), S("en")), "\"a\"@en");
    T(fn(DG_F_STRLANG, 2, L("a", "fr"), S("en")), "ERROR");
    T(fn(DG_F_STRLANG, 2, S("a"), S("")), "ERROR");
    T(fn(DG_F_STRDT, 2, S("1"), iri(XSD "integer")), "\"1\"^^xsd:integer");
    T(fn(DG_F_STRDT, 2, S("1"), iri(XSD "string")), "\"1\"");
    T(fn(DG_F_STRDT, 2, L("1", "en"), iri(XSD "integer")), "ERROR");
}

static void
test_regex_hash(void)
{
    const char *t = "\"true\"^^xsd:boolean", *f = "\"false\"^^xsd:boolean";
    T(fn(DG_F_REGEX, 2, S("Alice"), S("^ali")), f);
    T(fn(DG_F_REGEX, 3, S("Alice"), S("^ali"), S("i")), t);
    T(fn(DG_F_REGEX, 3, S("a\nb"), S("^b"), S("m")), t);
    T(fn(DG_F_REGEX, 2, S("a\nb"), S("^b")), f);
    T(fn(DG_F_REGEX, 3, S("a\nb"), S("a.b"), S("s")), t);
    T(fn(DG_F_REGEX, 3, S("axb"), S("a.b"), S("q")), f);
    T(fn(DG_F_REGEX, 3, S("a.b"), S("a.b"), S("q")), t);
    T(fn(DG_F_REGEX, 3, S("abc"), S("a b c"), S("x")), t);
    T(fn(DG_F_REGEX, 2, S("日本"), S("^.{2}$")), t);
    T(fn(DG_F_REGEX, 2, L("chat", "fr"), S("ha")), t);
    T(fn(DG_F_REGEX, 2, I("1"), S("1")), "ERROR");
    T(fn(DG_F_REGEX, 3, S("abc"), S("a"), S("z")), "FAIL");
    is_int(last_err.code, DG_ERR_QUERY, "a bad constant flag is a failure");
    T(fn(DG_F_REGEX, 2, S("abc"), S("(")), "FAIL");
    ok(strstr(last_err.msg, "'('") != NULL, "the message names the pattern");
    T(fn(DG_F_REGEX, 2, S("abc"), fn(DG_F_CONCAT, 1, S("("))), "ERROR");
    T(fn(DG_F_REPLACE, 3, S("abcd"), S("b"), S("Z")), "\"aZcd\"");
    T(fn(DG_F_REPLACE, 3, S("abab"), S("(a)(b)"), S("$2$1")), "\"baba\"");
    T(fn(DG_F_REPLACE, 3, S("abc"), S("b"), S("\\$")), "\"a$c\"");
    T(fn(DG_F_REPLACE, 3, S("abcd"), S("(ab)|(a)"), S("[1=$1][2=$2]")),
      "\"[1=ab][2=]cd\"");
    T(fn(DG_F_REPLACE, 3, S("abc"), S("b"), S("$")), "ERROR");
    T(fn(DG_F_REPLACE, 4, L("AbC", "en"), S("b"), S("x"), S("i")),
      "\"AxC\"@en");
    T(fn(DG_F_REPLACE, 4, S("a.c"), S("."), S("$1"), S("q")), "\"a$1c\"");
    T(fn(DG_F_REPLACE, 3, S("日本語"), S("本"), S("-")), "\"日-語\"");
    T(fn(DG_F_MD5, 1, S("abc")), "\"900150983cd24fb0d6963f7d28e17f72\"");
    T(fn(DG_F_SHA1, 1, S("abc")),
      "\"a9993e364706816aba3e25717850c26c9cd0d89d\"");
    T(fn(DG_F_SHA256, 1, lit("abc", "xsd:string", NULL)),
      "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
    T(fn(DG_F_SHA384, 1, S("abc")),
      "\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
      "8086072ba1e7cc2358baeca134c825a7\"");
    T(fn(DG_F_SHA512, 1, S("abc")),
      "\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"");
    T(fn(DG_F_MD5, 1, L("abc", "en")), "ERROR");
}

static void
test_terms_misc(void)
{
    const char *t = "\"true\"^^xsd:boolean", *f = "\"false\"^^xsd:boolean";
    env.base = "http://ex.org/a/c";
    T(fn(DG_F_IRI, 1, S("b")), "<http://ex.org/a/b>");
    T(fn(DG_F_IRI, 1, S("../x?q#f")), "<http://ex.org/x?q#f>");
    T(fn(DG_F_IRI, 1, S("#frag")), "<http://ex.org/a/c#frag>");
    T(fn(DG_F_IRI, 1, S("http://y/z")), "<http://y/z>");
    T(fn(DG_F_IRI, 1, iri("http://y/")), "<http://y/>");
    T(fn(DG_F_IRI, 1, I("1")), "ERROR");
    env.base = NULL;

    char a[256], b[256];
    snprintf(a, sizeof a, "%s", ev(fn(DG_F_BNODE, 1, S("x"))));
    snprintf(b, sizeof b, "%s", ev(fn(DG_F_BNODE, 1, S("x"))));
    ok(a[0] == '_' && !strcmp(a, b), "BNODE(\"x\") twice in one solution");
    snprintf(b, sizeof b, "%s", ev(fn(DG_F_BNODE, 1, S("y"))));
    ok(strcmp(a, b) != 0, "BNODE(\"y\") differs from BNODE(\"x\")");
    env.solution++;
    snprintf(b, sizeof b, "%s", ev(fn(DG_F_BNODE, 1, S("x"))));
    ok(strcmp(a, b) != 0, "BNODE(\"x\") in the next solution is new");
    snprintf(a, sizeof a, "%s", ev(fn(DG_F_BNODE, 0)));
    snprintf(b, sizeof b, "%s", ev(fn(DG_F_BNODE, 0)));
    ok(a[0] == '_' && strcmp(a, b) != 0, "BNODE() is fresh each time");
    T(fn(DG_F_BNODE, 1, L("x", "en")), "ERROR");

    const char *u = ev(fn(DG_F_UUID, 0));
    ok(!strncmp(u, "<urn:uuid:", 10) && strlen(u) == 47 && u[24] == '4',
       "UUID() is a v4 urn:uuid IRI: %s", u);
    u = ev(fn(DG_F_STRUUID, 0));
    ok(strlen(u) == 38 && u[9] == '-', "STRUUID() is a string: %s", u);
    u = ev(fn(DG_F_RAND, 0));
    ok(!strncmp(u, "\"0.", 3) && strstr(u, "^^xsd:double"), "RAND(): %s", u);
    T(op(DG_E_LT, 2, fn(DG_F_RAND, 0), I("1")), t);

    T(fn(DG_F_SAMETERM, 2, I("1"), DEC("1.0")), f);
    T(fn(DG_F_SAMETERM, 2, I("1"), I("1")), t);
    T(fn(DG_F_SAMETERM, 2, L("a", "en"), L("a", "EN")), t);
    T(fn(DG_F_ISIRI, 1, iri("http://x/")), t);
    T(fn(DG_F_ISIRI, 1, S("http://x/")), f);
    T(fn(DG_F_ISBLANK, 1, var(V_BLANK)), t);
    T(fn(DG_F_ISLITERAL, 1, var(V_FIVE)), t);
    T(fn(DG_F_ISLITERAL, 1, ERR), "ERROR");
    T(fn(DG_F_ISNUMERIC, 1, I("1")), t);
    T(fn(DG_F_ISNUMERIC, 1, S("1")), f);
    T(fn(DG_F_ISNUMERIC, 1, lit("abc", "xsd:integer", NULL)), f);
    T(fn(DG_F_ISNUMERIC, 1, lit("-1", "xsd:nonNegativeInteger", NULL)), f);
    T(fn(DG_F_ISNUMERIC, 1, lit("128", "xsd:byte", NULL)), f);
    T(fn(DG_F_ISNUMERIC, 1, lit("127", "xsd:byte", NULL)), t);
    T(fn(DG_F_ISNUMERIC, 1, DBL("1.5e3")), t);
    T(fn(DG_F_ISNUMERIC, 1, DBL("1.5e")), f);

    T(fn(DG_F_ABS, 1, DEC("-1.5")), "\"1.5\"^^xsd:decimal");
    T(fn(DG_F_ABS, 1, I("-3")), "\"3\"^^xsd:integer");
    T(fn(DG_F_CEIL, 1, DEC("1.2")), "\"2\"^^xsd:decimal");
    T(fn(DG_F_CEIL, 1, DEC("-1.2")), "\"-1\"^^xsd:decimal");
    T(fn(DG_F_FLOOR, 1, DEC("-1.5")), "\"-2\"^^xsd:decimal");
    T(fn(DG_F_ROUND, 1, DEC("2.5")), "\"3\"^^xsd:decimal");
    T(fn(DG_F_ROUND, 1, DEC("-2.5")), "\"-2\"^^xsd:decimal");
    T(fn(DG_F_ROUND, 1, DBL("-2.5e0")), "\"-2\"^^xsd:double");
    T(fn(DG_F_ROUND, 1, DBL("2.4999e0")), "\"2\"^^xsd:double");
    T(fn(DG_F_FLOOR, 1, S("1")), "ERROR");

    T(fn(DG_F_COALESCE, 2, ERR, I("1")), "\"1\"^^xsd:integer");
    T(fn(DG_F_COALESCE, 3, ERR, op(DG_E_DIV, 2, I("1"), I("0")), var(V_STR)),
      "\"x\"");
    T(fn(DG_F_COALESCE, 0), "ERROR");
    T(fn(DG_F_COALESCE, 1, ERR), "ERROR");
    T(fn(DG_F_IF, 3, TRUE_, I("1"), I("2")), "\"1\"^^xsd:integer");
    T(fn(DG_F_IF, 3, ERR, I("1"), I("2")), "ERROR");
    T(fn(DG_F_IF, 3, FALSE_, ERR, I("2")), "\"2\"^^xsd:integer");
    T(fn(DG_F_BOUND, 1, var(V_FIVE)), t);
    T(fn(DG_F_BOUND, 1, var(V_UNBOUND)), f);
}

static void
test_dates(void)
{
    const char *d = "2011-01-10T14:45:13.815-05:00";
    T(fn(DG_F_YEAR, 1, DT(d)), "\"2011\"^^xsd:integer");
    T(fn(DG_F_MONTH, 1, DT(d)), "\"1\"^^xsd:integer");
    T(fn(DG_F_DAY, 1, DT(d)), "\"10\"^^xsd:integer");
    T(fn(DG_F_HOURS, 1, DT(d)), "\"14\"^^xsd:integer");
    T(fn(DG_F_MINUTES, 1, DT(d)), "\"45\"^^xsd:integer");
    T(fn(DG_F_SECONDS, 1, DT(d)), "\"13.815\"^^xsd:decimal");
    T(fn(DG_F_SECONDS, 1, DT("2011-01-10T14:45:00Z")), "\"0\"^^xsd:decimal");
    T(fn(DG_F_TIMEZONE, 1, DT(d)), "\"-PT5H\"^^xsd:dayTimeDuration");
    T(fn(DG_F_TIMEZONE, 1, DT("2011-01-10T14:45:13Z")),
      "\"PT0S\"^^xsd:dayTimeDuration");
    T(fn(DG_F_TIMEZONE, 1, DT("2011-01-10T14:45:13+05:30")),
      "\"PT5H30M\"^^xsd:dayTimeDuration");
    T(fn(DG_F_TIMEZONE, 1, DT("2011-01-10T14:45:13")), "ERROR");
    T(fn(DG_F_TZ, 1, DT(d)), "\"-05:00\"");
    T(fn(DG_F_TZ, 1, DT("2011-01-10T14:45:13Z")), "\"Z\"");
    T(fn(DG_F_TZ, 1, DT("2011-01-10T14:45:13")), "\"\"");
    T(fn(DG_F_YEAR, 1, lit("2010-06-21", "xsd:date", NULL)),
      "\"2010\"^^xsd:integer");
    T(fn(DG_F_YEAR, 1, DT("2011-02-30T00:00:00")), "ERROR");
    /* an extension: YEAR and MONTH of xsd:gYear and xsd:gYearMonth */
    T(fn(DG_F_YEAR, 1, lit("2020-07", "xsd:gYearMonth", NULL)),
      "\"2020\"^^xsd:integer");
    T(fn(DG_F_MONTH, 1, lit("2020-07", "xsd:gYearMonth", NULL)),
      "\"7\"^^xsd:integer");
    T(fn(DG_F_YEAR, 1, lit("2020", "xsd:gYear", NULL)),
      "\"2020\"^^xsd:integer");
    T(fn(DG_F_MONTH, 1, lit("2020", "xsd:gYear", NULL)), "ERROR");
    T(fn(DG_F_YEAR, 1, lit("20", "xsd:gYear", NULL)), "ERROR");
    T(fn(DG_F_YEAR, 1, S(d)), "ERROR");
    T(fn(DG_F_HOURS, 1, lit("10:20:30", "xsd:time", NULL)),
      "\"10\"^^xsd:integer");

    const char *now = ev(fn(DG_F_NOW, 0));
    char first[128];
    snprintf(first, sizeof first, "%s", now);
    ok(strstr(first, "Z\"^^xsd:dateTime") != NULL && strlen(first) == 40,
       "NOW() is an xsd:dateTime in UTC: %s", first);
    is_str(ev(fn(DG_F_NOW, 0)), first, "NOW() is fixed for the query");
}

static void
test_casts(void)
{
    const char *t = "\"true\"^^xsd:boolean", *f = "\"false\"^^xsd:boolean";
    T(call("xsd:integer", 1, S("1.5")), "ERROR");
    T(call("xsd:integer", 1, S("012")), "\"12\"^^xsd:integer");
    T(call("xsd:integer", 1, S(" 7 ")), "\"7\"^^xsd:integer");
    T(call("xsd:integer", 1, DBL("1.9e0")), "\"1\"^^xsd:integer");
    T(call("xsd:integer", 1, DBL("-1.9e0")), "\"-1\"^^xsd:integer");
    T(call("xsd:integer", 1, DEC("2.75")), "\"2\"^^xsd:integer");
    T(call("xsd:integer", 1, TRUE_), "\"1\"^^xsd:integer");
    T(call("xsd:integer", 1, DBL("NaN")), "ERROR");
    T(call("xsd:integer", 1, L("1", "en")), "ERROR");
    T(call("xsd:boolean", 1, S("1")), t);
    T(call("xsd:boolean", 1, S("false")), f);
    T(call("xsd:boolean", 1, S("x")), "ERROR");
    T(call("xsd:boolean", 1, I("0")), f);
    T(call("xsd:boolean", 1, DBL("NaN")), f);
    T(call("xsd:boolean", 1, DEC("0.5")), t);
    T(call("xsd:double", 1, S("1")), "\"1\"^^xsd:double");
    T(call("xsd:double", 1, S("abc")), "ERROR");
    T(call("xsd:double", 1, S("-INF")), "\"-INF\"^^xsd:double");
    T(call("xsd:double", 1, DEC("123.5")), "\"123.5\"^^xsd:double");
    T(call("xsd:float", 1, S("1.5")), "\"1.5\"^^xsd:float");
    T(call("xsd:float", 1, FALSE_), "\"0\"^^xsd:float");
    T(call("xsd:decimal", 1, DBL("1.5e0")), "\"1.5\"^^xsd:decimal");
    T(call("xsd:decimal", 1, DBL("1e3")), "\"1000\"^^xsd:decimal");
    T(call("xsd:decimal", 1, S("1e0")), "ERROR");
    T(call("xsd:decimal", 1, S("-.5")), "\"-0.5\"^^xsd:decimal");
    T(call("xsd:decimal", 1, I("3")), "\"3\"^^xsd:decimal");
    T(call("xsd:string", 1, I("1")), "\"1\"");
    T(call("xsd:string", 1, iri("http://x/")), "\"http://x/\"");
    T(call("xsd:string", 1, var(V_BLANK)), "ERROR");
    T(call("xsd:dateTime", 1, S("2011-01-10T14:45:13Z")),
      "\"2011-01-10T14:45:13Z\"^^xsd:dateTime");
    T(call("xsd:dateTime", 1, S("2011-13-10T14:45:13Z")), "ERROR");
    T(call("xsd:dateTime", 1, lit("2011-01-10Z", "xsd:date", NULL)),
      "\"2011-01-10T00:00:00Z\"^^xsd:dateTime");
    T(call("xsd:date", 1, DT("2011-01-10T14:45:13-05:00")),
      "\"2011-01-10-05:00\"^^xsd:date");
    T(call("xsd:date", 1, S("2011-01-10")), "\"2011-01-10\"^^xsd:date");
    T(call("xsd:dateTime", 1, I("1")), "ERROR");
    T(call("http://ex/f", 1, I("1")), "ERROR");
    T(call("xsd:byte", 1, S("12")), "\"12\"^^xsd:byte");
    T(call("xsd:byte", 1, S("300")), "ERROR");
    T(call("xsd:nonNegativeInteger", 1, DBL("-1.5e0")), "ERROR");
    T(call("xsd:long", 1, DEC("-7.9")), "\"-7\"^^xsd:long");
    T(call("xsd:integer", 2, I("1"), I("2")), "ERROR");
}

static int
order_cmp(const void *a, const void *b)
{
    return dg_sterm_order(a, b);
}

static void
test_order(void)
{
    struct dg_sterm v[12];
    memset(v, 0, sizeof v);
    /* given out of order; the expected order is by index in want[] */
    dg_sterm_set_str(&v[0], DG_ST_LITERAL, "b", NULL, NULL);
    dg_sterm_set_str(&v[1], DG_ST_LITERAL, "10", XSD "integer", NULL);
    dg_sterm_set_str(&v[2], DG_ST_IRI, "http://ex/a", NULL, NULL);
    dg_sterm_set_str(&v[3], DG_ST_LITERAL, "9.5", XSD "decimal", NULL);
    dg_sterm_set_str(&v[4], DG_ST_BLANK, "z", NULL, NULL);
    dg_sterm_set_str(&v[5], DG_ST_LITERAL, "a", NULL, "en");
    dg_sterm_set_str(&v[6], DG_ST_LITERAL, "a", NULL, NULL);
    dg_sterm_set_str(&v[7], DG_ST_LITERAL, "2011-01-10T14:00:00Z",
                     XSD "dateTime", NULL);
    dg_sterm_set_str(&v[8], DG_ST_LITERAL, "2011-01-10T10:00:00-05:00",
                     XSD "dateTime", NULL);
    dg_sterm_set_str(&v[9], DG_ST_LITERAL, "1e0", XSD "double", NULL);
    dg_sterm_set_str(&v[10], DG_ST_LITERAL, "abc", XSD "integer", NULL);
    /* v[11] stays NONE */
    qsort(v, 12, sizeof *v, order_cmp);
    static const char *const want[] = {
        "NONE",
        "_:z",
        "<http://ex/a>",
        "\"1e0\"^^xsd:double",
        "\"9.5\"^^xsd:decimal",
        "\"10\"^^xsd:integer",
        "\"2011-01-10T14:00:00Z\"^^xsd:dateTime",
        "\"2011-01-10T10:00:00-05:00\"^^xsd:dateTime",
        "\"a\"",
        "\"a\"@en",
        "\"abc\"^^xsd:integer",
        "\"b\"",
    };
    for (size_t i = 0; i < 12; i++) {
        char title[64];
        snprintf(title, sizeof title, "ORDER BY position %zu", i);
        is_str(render(&v[i]), want[i], title);
    }
    for (size_t i = 0; i < 12; i++)
        dg_sterm_clear(&v[i]);

    struct dg_sterm x = {0}, y = {0};
    dg_sterm_set_str(&x, DG_ST_LITERAL, "1", XSD "integer", NULL);
    dg_sterm_set_str(&y, DG_ST_LITERAL, "1.0", XSD "decimal", NULL);
    int c1 = dg_sterm_order(&x, &y), c2 = dg_sterm_order(&y, &x);
    ok(c1 != 0 && (c1 < 0) == (c2 > 0), "1 and 1.0 ordered, antisymmetric");
    is_int(dg_sterm_equal(&x, &y), 1, "1 = 1.0");
    dg_sterm_set_str(&y, DG_ST_LITERAL, "1", XSD "integer", NULL);
    is_int(dg_sterm_order(&x, &y), 0, "a term orders equal to itself");
    dg_sterm_set_str(&y, DG_ST_LITERAL, "x", NULL, NULL);
    is_int(dg_sterm_equal(&x, &y), 0, "1 = \"x\" is false (known types)");
    dg_sterm_set_str(&y, DG_ST_LITERAL, "x", "http://ex/t", NULL);
    is_int(dg_sterm_equal(&x, &y), -1, "1 = \"x\"^^ex:t is a type error");
    dg_sterm_set_str(&x, DG_ST_LITERAL, "y", "http://ex/t", NULL);
    is_int(dg_sterm_equal(&x, &y), -1, "unknown datatypes: a type error");
    dg_sterm_clear(&x);
    dg_sterm_clear(&y);
}

/* Runs one aggregate over n values (NULL: an error) and renders it. */
static const char *
agg(int kind, int distinct, const char *sep, size_t n,
    const struct dg_sterm *const *vals)
{
    struct dg_aggregate a = {0};
    struct dg_sterm out = {0};
    a.kind = kind;
    a.distinct = distinct;
    a.separator = (char *)sep;
    struct dg_agg_state *s = dg_agg_new(&a);
    for (size_t i = 0; i < n; i++)
        if (dg_agg_add(s, vals[i]) < 0)
            return "FAIL";
    int r = dg_agg_result(s, &out);
    dg_agg_free(s);
    if (r == 1)
        return "ERROR";
    if (r < 0)
        return "FAIL";
    render(&out);
    dg_sterm_clear(&out);
    return rbuf;
}

static void
test_aggregates(void)
{
    struct dg_sterm one = {0}, two = {0}, two2 = {0}, half = {0}, a = {0},
                    b = {0}, la = {0}, ir = {0};
    dg_sterm_set_str(&one, DG_ST_LITERAL, "1", XSD "integer", NULL);
    dg_sterm_set_str(&two, DG_ST_LITERAL, "2", XSD "integer", NULL);
    dg_sterm_set_str(&two2, DG_ST_LITERAL, "2", XSD "integer", NULL);
    dg_sterm_set_str(&half, DG_ST_LITERAL, "2.5", XSD "decimal", NULL);
    dg_sterm_set_str(&a, DG_ST_LITERAL, "a", NULL, NULL);
    dg_sterm_set_str(&b, DG_ST_LITERAL, "b", NULL, NULL);
    dg_sterm_set_str(&la, DG_ST_LITERAL, "a", NULL, "en");
    dg_sterm_set_str(&ir, DG_ST_IRI, "http://ex/i", NULL, NULL);
    const struct dg_sterm *nums[] = {&one, &two, &two2};
    const struct dg_sterm *numerr[] = {&one, NULL, &two};
    const struct dg_sterm *mixed[] = {&one, &half};
    const struct dg_sterm *strs[] = {&a, &b, &a};
    const struct dg_sterm *langs[] = {&a, &la};
    const struct dg_sterm *wild[] = {&b, &one, &ir, &a};
    const struct dg_sterm *nullfirst[] = {NULL, &b};

    is_str(agg(DG_A_COUNT, 0, NULL, 3, nums), "\"3\"^^xsd:integer", "COUNT");
    is_str(agg(DG_A_COUNT, 1, NULL, 3, nums), "\"2\"^^xsd:integer",
           "COUNT DISTINCT");
    is_str(agg(DG_A_COUNT, 0, NULL, 3, numerr), "\"2\"^^xsd:integer",
           "COUNT skips errors");
    is_str(agg(DG_A_COUNT, 0, NULL, 0, NULL), "\"0\"^^xsd:integer",
           "COUNT of an empty group");
    is_str(agg(DG_A_SUM, 0, NULL, 3, nums), "\"5\"^^xsd:integer", "SUM");
    is_str(agg(DG_A_SUM, 1, NULL, 3, nums), "\"3\"^^xsd:integer",
           "SUM DISTINCT");
    is_str(agg(DG_A_SUM, 0, NULL, 2, mixed), "\"3.5\"^^xsd:decimal",
           "SUM promotes");
    is_str(agg(DG_A_SUM, 0, NULL, 3, strs), "ERROR", "SUM of strings");
    is_str(agg(DG_A_SUM, 0, NULL, 3, numerr), "ERROR", "SUM with an error");
    is_str(agg(DG_A_SUM, 0, NULL, 0, NULL), "\"0\"^^xsd:integer",
           "SUM of an empty group");
    is_str(agg(DG_A_AVG, 0, NULL, 3, nums),
           "\"1.666666666666666666666666\""
           "^^xsd:decimal",
           "AVG");
    is_str(agg(DG_A_AVG, 1, NULL, 3, nums), "\"1.5\"^^xsd:decimal",
           "AVG DISTINCT");
    is_str(agg(DG_A_AVG, 0, NULL, 2, mixed), "\"1.75\"^^xsd:decimal",
           "AVG of an integer and a decimal");
    is_str(agg(DG_A_AVG, 0, NULL, 0, NULL), "\"0\"^^xsd:integer",
           "AVG of an empty group");
    is_str(agg(DG_A_AVG, 0, NULL, 3, numerr), "ERROR", "AVG with an error");
    is_str(agg(DG_A_MIN, 0, NULL, 3, nums), "\"1\"^^xsd:integer", "MIN");
    is_str(agg(DG_A_MAX, 0, NULL, 3, nums), "\"2\"^^xsd:integer", "MAX");
    is_str(agg(DG_A_MAX, 1, NULL, 3, nums), "\"2\"^^xsd:integer",
           "MAX DISTINCT");
    is_str(agg(DG_A_MIN, 0, NULL, 4, wild), "<http://ex/i>",
           "MIN of mixed terms: the IRI");
    is_str(agg(DG_A_MAX, 0, NULL, 4, wild), "\"b\"",
           "MAX of mixed terms: the string");
    is_str(agg(DG_A_MIN, 0, NULL, 0, NULL), "ERROR", "MIN of an empty group");
    is_str(agg(DG_A_MAX, 0, NULL, 3, numerr), "ERROR", "MAX with an error");
    is_str(agg(DG_A_SAMPLE, 0, NULL, 3, strs), "\"a\"", "SAMPLE");
    is_str(agg(DG_A_SAMPLE, 1, NULL, 3, strs), "\"a\"", "SAMPLE DISTINCT");
    is_str(agg(DG_A_SAMPLE, 0, NULL, 2, nullfirst), "\"b\"",
           "SAMPLE skips errors");
    is_str(agg(DG_A_SAMPLE, 0, NULL, 0, NULL), "ERROR",
           "SAMPLE of an empty group");
    is_str(agg(DG_A_GROUP_CONCAT, 0, NULL, 3, strs), "\"a b a\"",
           "GROUP_CONCAT");
    is_str(agg(DG_A_GROUP_CONCAT, 1, NULL, 3, strs), "\"a b\"",
           "GROUP_CONCAT DISTINCT");
    is_str(agg(DG_A_GROUP_CONCAT, 0, ", ", 3, strs), "\"a, b, a\"",
           "GROUP_CONCAT with a separator");
    is_str(agg(DG_A_GROUP_CONCAT, 1, NULL, 2, langs), "\"a a\"",
           "GROUP_CONCAT DISTINCT keeps \"a\" and \"a\"@en apart");
    is_str(agg(DG_A_GROUP_CONCAT, 0, NULL, 3, nums), "\"1 2 2\"",
           "GROUP_CONCAT of numbers");
    is_str(agg(DG_A_GROUP_CONCAT, 0, NULL, 0, NULL), "\"\"",
           "GROUP_CONCAT of an empty group");
    is_str(agg(DG_A_GROUP_CONCAT, 0, NULL, 3, numerr), "ERROR",
           "GROUP_CONCAT with an error");

    /* DISTINCT over many values exercises the set's growth */
    struct dg_aggregate ag = {0};
    ag.kind = DG_A_COUNT;
    ag.distinct = 1;
    struct dg_agg_state *s = dg_agg_new(&ag);
    struct dg_sterm v = {0}, out = {0};
    for (int i = 0; i < 300; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", i % 100);
        dg_sterm_set_str(&v, DG_ST_LITERAL, buf, XSD "integer", NULL);
        dg_agg_add(s, &v);
    }
    dg_agg_result(s, &out);
    is_str(render(&out), "\"100\"^^xsd:integer", "COUNT DISTINCT of 300");
    dg_agg_free(s);
    dg_sterm_clear(&v);
    dg_sterm_clear(&out);

    dg_sterm_clear(&one);
    dg_sterm_clear(&two);
    dg_sterm_clear(&two2);
    dg_sterm_clear(&half);
    dg_sterm_clear(&a);
    dg_sterm_clear(&b);
    dg_sterm_clear(&la);
    dg_sterm_clear(&ir);
}

int
main(void)
{
    if (dg_expr_env_init(&env) < 0)
        return 1;
    env.term = term_of;
    env.exists = exists_cb;
    dg_sterm_set_str(&terms[0], DG_ST_LITERAL, "5", XSD "integer", NULL);
    dg_sterm_set_str(&terms[1], DG_ST_IRI, "http://ex/a", NULL, NULL);
    dg_sterm_set_str(&terms[2], DG_ST_BLANK, "b1", NULL, NULL);
    dg_sterm_set_str(&terms[3], DG_ST_LITERAL, "x", NULL, NULL);

    test_numbers();
    test_compare();
    test_ebv_logic();
    test_in();
    test_strings();
    test_regex_hash();
    test_terms_misc();
    test_dates();
    test_casts();
    test_order();
    test_aggregates();

    for (size_t i = 0; i < 4; i++)
        dg_sterm_clear(&terms[i]);
    dg_expr_env_release(&env);
    return tap_done();
}
