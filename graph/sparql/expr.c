/* expr.c: evaluation of SPARQL 1.1 expressions, comparisons, the effective
 * boolean value, ORDER BY's order and the aggregates (see expr.h).  The
 * values of numbers and dates and the built-in functions are in
 * graph/sparql/func.c.
 *
 * A regular expression that cannot be compiled is a failure of the query
 * (-1, DG_ERR_QUERY) when its pattern and flags are constants of the
 * query, and an expression error (1) when they are computed from the
 * data: a query with a bad constant pattern can never be right, while one
 * bad value in the data should not stop a query. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "graph/sparql/expr.h"
#include "graph/sparql/func.h"

#define XSD DG_XSD

static int
nomem(struct dg_error *err)
{
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

/* ---- the environment -------------------------------------------------- */

int
dg_expr_env_init(struct dg_expr_env *env)
{
    struct timespec ts;
    struct tm tm;
    char buf[64];
    uint64_t seed = 0;
    FILE *f;
    memset(env, 0, sizeof *env);
    if (clock_gettime(CLOCK_REALTIME, &ts) < 0) {
        ts.tv_sec = time(NULL);
        ts.tv_nsec = 0;
    }
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
    if (dg_sterm_set_str(&env->now, DG_ST_LITERAL, buf, XSD "dateTime", NULL) <
        0)
        return -1;
    if ((f = fopen("/dev/urandom", "rb"))) {
        if (fread(&seed, sizeof seed, 1, f) != 1)
            seed = 0;
        fclose(f);
    }
    env->rand_state = seed ^ ((uint64_t)ts.tv_sec * 1000000007ULL) ^
                      (uint64_t)ts.tv_nsec ^ (uint64_t)(uintptr_t)env;
    return 0;
}

void
dg_expr_env_release(struct dg_expr_env *env)
{
    if (!env)
        return;
    dg_sterm_clear(&env->now);
    dg_func_cache_free(env->cache);
    env->cache = NULL;
}

/* ---- values of literals for comparisons ------------------------------- */

enum vclass {
    V_NUM,
    V_BOOL,
    V_DATETIME,
    V_DATE,
    V_TIME,
    V_STR,    /* simple literal, xsd:string */
    V_LANG,   /* language-tagged */
    V_ILL,    /* a datatype above with an invalid lexical form */
    V_UNKNOWN /* another datatype */
};

struct value {
    int cls;
    int fam; /* V_ILL: the class its datatype would have */
    struct dg_num num;
    int b;
    struct dg_date date;
};

static void
classify(const struct dg_sterm *t, struct value *v)
{
    if (t->lang) {
        v->cls = V_LANG;
    } else if (!t->dt || !strcmp(t->dt, XSD "string")) {
        v->cls = V_STR;
    } else if (dg_num_parse(t, &v->num)) {
        v->cls = V_NUM;
    } else if (dg_bool_parse(t, &v->b)) {
        v->cls = V_BOOL;
    } else if (dg_date_parse(t, &v->date)) {
        v->cls = v->date.kind == DG_D_DATETIME ? V_DATETIME
                 : v->date.kind == DG_D_DATE   ? V_DATE
                                               : V_TIME;
    } else {
        v->cls = V_UNKNOWN;
        if (dg_dt_is_integer(t->dt) || !strcmp(t->dt, XSD "decimal") ||
            !strcmp(t->dt, XSD "double") || !strcmp(t->dt, XSD "float"))
            v->fam = V_NUM;
        else if (!strcmp(t->dt, XSD "boolean"))
            v->fam = V_BOOL;
        else if (!strcmp(t->dt, XSD "dateTime"))
            v->fam = V_DATETIME;
        else if (!strcmp(t->dt, XSD "date"))
            v->fam = V_DATE;
        else if (!strcmp(t->dt, XSD "time"))
            v->fam = V_TIME;
        else
            return;
        v->cls = V_ILL;
    }
}

static int
lex_cmp(const struct dg_sterm *a, const struct dg_sterm *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->lex, b->lex, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* Compares two values of one class: -1, 0, 1, or 2 (unordered). */
static int
value_cmp(const struct dg_sterm *a, const struct value *va,
          const struct dg_sterm *b, const struct value *vb, int total)
{
    switch (va->cls) {
    case V_NUM: return dg_num_cmp(&va->num, &vb->num);
    case V_BOOL: return va->b < vb->b ? -1 : va->b > vb->b;
    case V_DATETIME:
    case V_DATE:
    case V_TIME: return dg_date_cmp(&va->date, &vb->date, total);
    default: return lex_cmp(a, b);
    }
}

/* a op b for the comparison operators: 1 true, 0 false, -1 type error. */
static int
compare(const struct dg_sterm *a, const struct dg_sterm *b, int op)
{
    struct value va, vb;
    int eqop = op == DG_E_EQ || op == DG_E_NE;
    int c;
    if (a->kind != DG_ST_LITERAL || b->kind != DG_ST_LITERAL) {
        if (!eqop)
            return -1;
        c = dg_sterm_same(a, b);
        return op == DG_E_EQ ? c : !c;
    }
    classify(a, &va);
    classify(b, &vb);
    if (va.cls == vb.cls && va.cls <= V_STR) {
        c = value_cmp(a, &va, b, &vb, 0);
        if (c == 2) {
            /* NaN (unequal to everything), or dates not ordered for
             * want of a timezone (indeterminate: an error) */
            if (va.cls != V_NUM)
                return -1;
            return eqop ? op == DG_E_NE : 0;
        }
    } else if (eqop) {
        if (dg_sterm_same(a, b))
            c = 0;
        else if ((va.cls == V_LANG) != (vb.cls == V_LANG))
            c = 1; /* a language-tagged string equals no other kind */
        else if (va.cls == V_UNKNOWN || vb.cls == V_UNKNOWN ||
                 va.cls == V_ILL || vb.cls == V_ILL)
            return -1; /* a value unknown here: RDFterm-equal's error */
        else
            c = 1; /* different value spaces, or language tags */
        return op == DG_E_EQ ? c == 0 : c != 0;
    } else {
        return -1;
    }
    switch (op) {
    case DG_E_EQ: return c == 0;
    case DG_E_NE: return c != 0;
    case DG_E_LT: return c < 0;
    case DG_E_GT: return c > 0;
    case DG_E_LE: return c <= 0;
    default: return c >= 0;
    }
}

int
dg_sterm_equal(const struct dg_sterm *a, const struct dg_sterm *b)
{
    return compare(a, b, DG_E_EQ);
}

int
dg_sterm_ebv(const struct dg_sterm *v)
{
    struct dg_num n;
    int b;
    if (v->kind != DG_ST_LITERAL)
        return -1;
    if (v->lang || !v->dt || !strcmp(v->dt, XSD "string"))
        return v->len > 0;
    if (!strcmp(v->dt, XSD "boolean"))
        return dg_bool_parse(v, &b) ? b : 0;
    if (dg_num_parse(v, &n)) {
        if (n.type >= DG_N_FLOAT)
            return !(n.d == 0 || isnan(n.d));
        return n.approx ? n.ld != 0 : n.m != 0;
    }
    if (dg_dt_is_integer(v->dt) || !strcmp(v->dt, XSD "decimal") ||
        !strcmp(v->dt, XSD "double") || !strcmp(v->dt, XSD "float"))
        return 0; /* a numeric datatype with an invalid lexical form */
    return -1;
}

static int
str_cmp0(const char *a, const char *b, int ci)
{
    if (!a || !b)
        return !a && !b ? 0 : !a ? -1 : 1;
    int c = ci ? strcasecmp(a, b) : strcmp(a, b);
    return c < 0 ? -1 : c > 0;
}

int
dg_sterm_order(const struct dg_sterm *a, const struct dg_sterm *b)
{
    static const int kind_rank[] = {0, 2, 1, 3}; /* NONE, IRI, BLANK, LIT */
    struct value va, vb;
    int c;
    if (a->kind != b->kind)
        return kind_rank[a->kind] < kind_rank[b->kind] ? -1 : 1;
    if (a->kind == DG_ST_NONE)
        return 0;
    if (a->kind != DG_ST_LITERAL)
        return lex_cmp(a, b);
    classify(a, &va);
    classify(b, &vb);
    /* numbers, booleans, dateTimes, dates, times, then the rest */
    int ca = va.cls > V_TIME ? V_STR : va.cls;
    int cb = vb.cls > V_TIME ? V_STR : vb.cls;
    if (ca != cb)
        return ca < cb ? -1 : 1;
    if (ca < V_STR) {
        if (ca == V_NUM && (dg_num_cmp(&va.num, &vb.num) == 2)) {
            int na = va.num.type >= DG_N_FLOAT && isnan(va.num.d);
            int nb = vb.num.type >= DG_N_FLOAT && isnan(vb.num.d);
            c = na && nb ? 0 : na ? -1 : 1;
        } else {
            c = value_cmp(a, &va, b, &vb, 1);
        }
        if (c)
            return c;
    }
    if ((c = lex_cmp(a, b)))
        return c;
    if ((c = str_cmp0(a->dt, b->dt, 0)))
        return c;
    return str_cmp0(a->lang, b->lang, 1);
}

/* ---- evaluation ------------------------------------------------------- */

static int eval_node(struct dg_expr_env *env, const struct dg_expr *e,
                     const uint64_t *row, struct dg_sterm *out,
                     struct dg_error *err);

/* The value of e: borrowed (*v points at a constant, a term of the env or
 * tmp).  0, 1 (expression error) or -1. */
static int
ev(struct dg_expr_env *env, const struct dg_expr *e, const uint64_t *row,
   struct dg_sterm *tmp, const struct dg_sterm **v, struct dg_error *err)
{
    if (e->op == DG_E_CONST) {
        if (e->term.kind == DG_ST_NONE)
            return 1;
        *v = &e->term;
        return 0;
    }
    if (e->op == DG_E_VAR) {
        if (e->var < 0 || !row || !row[e->var])
            return 1;
        *v = env->term(env->ctx, row[e->var], err);
        if (!*v)
            return -1;
        return (*v)->kind == DG_ST_NONE ? 1 : 0;
    }
    int r = eval_node(env, e, row, tmp, err);
    if (r == 0)
        *v = tmp;
    return r;
}

/* The effective boolean value of e: 1, 0, 2 (error) or -1 (failure). */
static int
ebv_expr(struct dg_expr_env *env, const struct dg_expr *e, const uint64_t *row,
         struct dg_error *err)
{
    struct dg_sterm tmp = {0};
    const struct dg_sterm *v;
    int r = ev(env, e, row, &tmp, &v, err);
    if (r == 0) {
        r = dg_sterm_ebv(v);
        if (r < 0)
            r = 2;
    } else if (r == 1) {
        r = 2;
    }
    dg_sterm_clear(&tmp);
    return r;
}

static int
set_bool(struct dg_sterm *out, int b, struct dg_error *err)
{
    return dg_bool_term(b, out) < 0 ? nomem(err) : 0;
}

static int
eval_in(struct dg_expr_env *env, const struct dg_expr *e, const uint64_t *row,
        struct dg_sterm *out, struct dg_error *err)
{
    struct dg_sterm lt = {0}, rt = {0};
    const struct dg_sterm *l, *r;
    int rc, found = 0, error = 0;
    if (e->nargs < 1)
        return 1;
    if ((rc = ev(env, e->args[0], row, &lt, &l, err)))
        return rc;
    for (size_t i = 1; i < e->nargs && !found; i++) {
        rc = ev(env, e->args[i], row, &rt, &r, err);
        if (rc < 0)
            goto out;
        if (rc == 1) {
            error = 1;
            continue;
        }
        int eq = dg_sterm_equal(l, r);
        if (eq < 0)
            error = 1;
        else if (eq)
            found = 1;
        dg_sterm_clear(&rt);
    }
    if (!found && error)
        rc = 1;
    else
        rc = set_bool(out, e->op == DG_E_IN ? found : !found, err);
out:
    dg_sterm_clear(&lt);
    dg_sterm_clear(&rt);
    return rc;
}

static int
eval_arith(struct dg_expr_env *env, const struct dg_expr *e,
           const uint64_t *row, struct dg_sterm *out, struct dg_error *err)
{
    struct dg_sterm t[2] = {{0}, {0}};
    const struct dg_sterm *v[2];
    struct dg_num n[2], r;
    int rc = 1;
    size_t k = e->op == DG_E_NEG || e->op == DG_E_PLUS ? 1 : 2;
    if (e->nargs < k)
        return 1;
    for (size_t i = 0; i < k; i++) {
        if ((rc = ev(env, e->args[i], row, &t[i], &v[i], err)))
            goto out;
        if (!dg_num_parse(v[i], &n[i])) {
            rc = 1;
            goto out;
        }
    }
    if (e->op == DG_E_PLUS) {
        rc = dg_sterm_copy(out, v[0]) < 0 ? nomem(err) : 0;
        goto out;
    }
    if (e->op == DG_E_NEG) {
        r = n[0];
        r.m = -r.m;
        r.ld = -r.ld;
        r.d = -r.d;
    } else if ((rc = dg_num_arith(e->op, &n[0], &n[1], &r))) {
        goto out;
    }
    rc = dg_num_term(&r, out) < 0 ? nomem(err) : 0;
out:
    dg_sterm_clear(&t[0]);
    dg_sterm_clear(&t[1]);
    return rc;
}

/* The fewest arguments of each built-in. */
static const unsigned char min_args[DG_F_COUNT_] = {
    [DG_F_STR] = 1,         [DG_F_LANG] = 1,
    [DG_F_LANGMATCHES] = 2, [DG_F_DATATYPE] = 1,
    [DG_F_BOUND] = 1,       [DG_F_IRI] = 1,
    [DG_F_ABS] = 1,         [DG_F_CEIL] = 1,
    [DG_F_FLOOR] = 1,       [DG_F_ROUND] = 1,
    [DG_F_SUBSTR] = 2,      [DG_F_STRLEN] = 1,
    [DG_F_REPLACE] = 3,     [DG_F_UCASE] = 1,
    [DG_F_LCASE] = 1,       [DG_F_ENCODE_FOR_URI] = 1,
    [DG_F_CONTAINS] = 2,    [DG_F_STRSTARTS] = 2,
    [DG_F_STRENDS] = 2,     [DG_F_STRBEFORE] = 2,
    [DG_F_STRAFTER] = 2,    [DG_F_YEAR] = 1,
    [DG_F_MONTH] = 1,       [DG_F_DAY] = 1,
    [DG_F_HOURS] = 1,       [DG_F_MINUTES] = 1,
    [DG_F_SECONDS] = 1,     [DG_F_TIMEZONE] = 1,
    [DG_F_TZ] = 1,          [DG_F_MD5] = 1,
    [DG_F_SHA1] = 1,        [DG_F_SHA256] = 1,
    [DG_F_SHA384] = 1,      [DG_F_SHA512] = 1,
    [DG_F_IF] = 3,          [DG_F_STRLANG] = 2,
    [DG_F_STRDT] = 2,       [DG_F_SAMETERM] = 2,
    [DG_F_ISIRI] = 1,       [DG_F_ISBLANK] = 1,
    [DG_F_ISLITERAL] = 1,   [DG_F_ISNUMERIC] = 1,
    [DG_F_REGEX] = 2,
};

/* Evaluates every argument then calls the function (built-in or IRI). */
static int
eval_call(struct dg_expr_env *env, const struct dg_expr *e, const uint64_t *row,
          struct dg_sterm *out, struct dg_error *err)
{
    struct dg_sterm tbuf[8];
    const struct dg_sterm *vbuf[8];
    struct dg_sterm *tmp = tbuf;
    const struct dg_sterm **vals = vbuf;
    int rc = 0;
    size_t n = e->nargs;
    if (n > 8) {
        tmp = calloc(n, sizeof *tmp);
        vals = calloc(n, sizeof *vals);
        if (!tmp || !vals) {
            rc = nomem(err);
            goto out;
        }
    } else {
        memset(tbuf, 0, sizeof tbuf);
    }
    for (size_t i = 0; i < n && !rc; i++)
        rc = ev(env, e->args[i], row, &tmp[i], &vals[i], err);
    if (!rc) {
        if (e->op == DG_E_CALL)
            rc = dg_func_call(env, e->term.lex ? e->term.lex : "", n, vals, out,
                              err);
        else
            rc = dg_func_builtin(env, e, vals, out, err);
    }
out:
    if (tmp)
        for (size_t i = 0; i < n; i++)
            dg_sterm_clear(&tmp[i]);
    if (tmp != tbuf)
        free(tmp);
    if (vals != vbuf)
        free(vals);
    if (rc)
        dg_sterm_clear(out);
    return rc;
}

static int
eval_builtin(struct dg_expr_env *env, const struct dg_expr *e,
             const uint64_t *row, struct dg_sterm *out, struct dg_error *err)
{
    struct dg_sterm tmp = {0};
    const struct dg_sterm *v;
    int rc;
    if (e->func < 0 || e->func >= DG_F_COUNT_)
        return dg_error_set(err, DG_ERR_INTERNAL,
                            "unknown built-in function %d", e->func);
    if (e->nargs < min_args[e->func])
        return dg_error_set(err, DG_ERR_INTERNAL,
                            "too few arguments for built-in function %d",
                            e->func);
    switch (e->func) {
    case DG_F_BOUND: {
        const struct dg_expr *a = e->args[0];
        if (a->op != DG_E_VAR)
            return 1;
        return set_bool(out, a->var >= 0 && row && row[a->var] != 0, err);
    }
    case DG_F_COALESCE:
        for (size_t i = 0; i < e->nargs; i++) {
            rc = ev(env, e->args[i], row, &tmp, &v, err);
            if (rc < 0)
                return rc;
            if (rc == 0) {
                if (v == &tmp)
                    dg_sterm_move(out, &tmp);
                else if (dg_sterm_copy(out, v) < 0)
                    return nomem(err);
                return 0;
            }
        }
        return 1;
    case DG_F_IF:
        rc = ebv_expr(env, e->args[0], row, err);
        if (rc < 0)
            return rc;
        if (rc == 2)
            return 1;
        rc = ev(env, e->args[rc ? 1 : 2], row, &tmp, &v, err);
        if (rc)
            return rc;
        if (v == &tmp)
            dg_sterm_move(out, &tmp);
        else if (dg_sterm_copy(out, v) < 0)
            return nomem(err);
        return 0;
    default: return eval_call(env, e, row, out, err);
    }
}

static int
eval_node(struct dg_expr_env *env, const struct dg_expr *e, const uint64_t *row,
          struct dg_sterm *out, struct dg_error *err)
{
    struct dg_sterm t[2] = {{0}, {0}};
    const struct dg_sterm *v[2];
    int a, b, rc;
    switch (e->op) {
    case DG_E_CONST:
    case DG_E_VAR:
        if ((rc = ev(env, e, row, &t[0], &v[0], err)))
            return rc;
        return dg_sterm_copy(out, v[0]) < 0 ? nomem(err) : 0;
    case DG_E_OR:
    case DG_E_AND:
        if (e->nargs < 2)
            return 1;
        if ((a = ebv_expr(env, e->args[0], row, err)) < 0)
            return -1;
        if (a == (e->op == DG_E_OR))
            return set_bool(out, a, err);
        if ((b = ebv_expr(env, e->args[1], row, err)) < 0)
            return -1;
        if (b == (e->op == DG_E_OR))
            return set_bool(out, b, err);
        if (a == 2 || b == 2)
            return 1;
        return set_bool(out, e->op == DG_E_AND, err);
    case DG_E_NOT:
        if (e->nargs < 1)
            return 1;
        if ((a = ebv_expr(env, e->args[0], row, err)) < 0)
            return -1;
        return a == 2 ? 1 : set_bool(out, !a, err);
    case DG_E_EQ:
    case DG_E_NE:
    case DG_E_LT:
    case DG_E_GT:
    case DG_E_LE:
    case DG_E_GE:
        if (e->nargs < 2)
            return 1;
        if ((rc = ev(env, e->args[0], row, &t[0], &v[0], err)) == 0 &&
            (rc = ev(env, e->args[1], row, &t[1], &v[1], err)) == 0) {
            int c = compare(v[0], v[1], e->op);
            rc = c < 0 ? 1 : set_bool(out, c, err);
        }
        dg_sterm_clear(&t[0]);
        dg_sterm_clear(&t[1]);
        return rc;
    case DG_E_IN:
    case DG_E_NOT_IN: return eval_in(env, e, row, out, err);
    case DG_E_ADD:
    case DG_E_SUB:
    case DG_E_MUL:
    case DG_E_DIV:
    case DG_E_NEG:
    case DG_E_PLUS: return eval_arith(env, e, row, out, err);
    case DG_E_BUILTIN: return eval_builtin(env, e, row, out, err);
    case DG_E_CALL: return eval_call(env, e, row, out, err);
    case DG_E_EXISTS:
    case DG_E_NOT_EXISTS:
        if (!env->exists)
            return dg_error_set(err, DG_ERR_QUERY, "EXISTS is not supported");
        rc = env->exists(env->ctx, e->pattern, row, err);
        if (rc < 0)
            return -1;
        return set_bool(out, e->op == DG_E_EXISTS ? rc : !rc, err);
    }
    return dg_error_set(err, DG_ERR_INTERNAL, "unknown expression %d", e->op);
}

int
dg_expr_eval(struct dg_expr_env *env, const struct dg_expr *e,
             const uint64_t *row, struct dg_sterm *out, struct dg_error *err)
{
    struct dg_sterm tmp = {0};
    const struct dg_sterm *v;
    dg_sterm_clear(out);
    int rc = ev(env, e, row, &tmp, &v, err);
    if (rc == 0) {
        if (v == &tmp)
            dg_sterm_move(out, &tmp);
        else if (dg_sterm_copy(out, v) < 0)
            rc = nomem(err);
    }
    dg_sterm_clear(&tmp);
    return rc;
}

int
dg_expr_filter(struct dg_expr_env *env, const struct dg_expr *e,
               const uint64_t *row, struct dg_error *err)
{
    int r = ebv_expr(env, e, row, err);
    return r == 2 ? 0 : r;
}

/* ---- aggregates ------------------------------------------------------- */

struct dg_agg_state {
    const struct dg_aggregate *a;
    int error;
    long long count;
    struct dg_num sum;
    int has;
    struct dg_sterm best; /* MIN, MAX, SAMPLE */
    char *buf;            /* GROUP_CONCAT */
    size_t len, cap;
    /* DISTINCT: an open-addressing set of the values seen */
    struct dg_sterm *set;
    size_t nset, capset;
};

struct dg_agg_state *
dg_agg_new(const struct dg_aggregate *a)
{
    struct dg_agg_state *s = calloc(1, sizeof *s);
    if (s) {
        s->a = a;
        dg_num_int(&s->sum, 0);
    }
    return s;
}

void
dg_agg_free(struct dg_agg_state *s)
{
    if (!s)
        return;
    dg_sterm_clear(&s->best);
    free(s->buf);
    for (size_t i = 0; i < s->capset; i++)
        dg_sterm_clear(&s->set[i]);
    free(s->set);
    free(s);
}

/* Adds v to the set: 1 when new, 0 when seen, -1 when out of memory. */
static int
set_add(struct dg_agg_state *s, const struct dg_sterm *v)
{
    if ((s->nset + 1) * 2 > s->capset) {
        size_t cap = s->capset ? s->capset * 2 : 16;
        struct dg_sterm *set = calloc(cap, sizeof *set);
        if (!set)
            return -1;
        for (size_t i = 0; i < s->capset; i++) {
            if (s->set[i].kind == DG_ST_NONE)
                continue;
            size_t j = dg_sterm_hash(&s->set[i]) & (cap - 1);
            while (set[j].kind != DG_ST_NONE)
                j = (j + 1) & (cap - 1);
            set[j] = s->set[i];
        }
        free(s->set);
        s->set = set;
        s->capset = cap;
    }
    size_t j = dg_sterm_hash(v) & (s->capset - 1);
    while (s->set[j].kind != DG_ST_NONE) {
        if (dg_sterm_same(&s->set[j], v))
            return 0;
        j = (j + 1) & (s->capset - 1);
    }
    if (dg_sterm_copy(&s->set[j], v) < 0)
        return -1;
    s->nset++;
    return 1;
}

static int
append(struct dg_agg_state *s, const char *p, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 64;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b)
            return -1;
        s->buf = b;
        s->cap = cap;
    }
    if (n)
        memcpy(s->buf + s->len, p, n);
    s->len += n;
    s->buf[s->len] = '\0';
    return 0;
}

int
dg_agg_add(struct dg_agg_state *s, const struct dg_sterm *v)
{
    struct dg_num n, r;
    int kind = s->a->kind;
    if (!v || v->kind == DG_ST_NONE) {
        if (kind != DG_A_COUNT && kind != DG_A_SAMPLE)
            s->error = 1;
        return 0;
    }
    if (s->error)
        return 0;
    if (s->a->distinct) {
        int added = set_add(s, v);
        if (added <= 0)
            return added;
    }
    switch (kind) {
    case DG_A_COUNT: s->count++; break;
    case DG_A_SUM:
    case DG_A_AVG:
        if (!dg_num_parse(v, &n) || dg_num_arith(DG_E_ADD, &s->sum, &n, &r)) {
            s->error = 1;
            break;
        }
        s->sum = r;
        s->count++;
        break;
    case DG_A_MIN:
    case DG_A_MAX:
    case DG_A_SAMPLE:
        if (s->has) {
            if (kind == DG_A_SAMPLE)
                break;
            int c = dg_sterm_order(v, &s->best);
            if (kind == DG_A_MIN ? c >= 0 : c <= 0)
                break;
        }
        if (dg_sterm_copy(&s->best, v) < 0)
            return -1;
        s->has = 1;
        break;
    case DG_A_GROUP_CONCAT: {
        const char *sep = s->a->separator ? s->a->separator : " ";
        if (v->kind == DG_ST_BLANK) {
            s->error = 1;
            break;
        }
        if ((s->count && append(s, sep, strlen(sep)) < 0) ||
            append(s, v->lex, v->len) < 0)
            return -1;
        s->count++;
        break;
    }
    }
    return 0;
}

int
dg_agg_result(struct dg_agg_state *s, struct dg_sterm *out)
{
    struct dg_num n, r;
    dg_sterm_clear(out);
    switch (s->a->kind) {
    case DG_A_COUNT: dg_num_int(&n, s->count); return dg_num_term(&n, out);
    case DG_A_SUM:
        if (s->error)
            return 1;
        return dg_num_term(&s->sum, out);
    case DG_A_AVG:
        if (s->error)
            return 1;
        if (!s->count) {
            dg_num_int(&n, 0);
            return dg_num_term(&n, out);
        }
        dg_num_int(&n, s->count);
        if (dg_num_arith(DG_E_DIV, &s->sum, &n, &r))
            return 1;
        return dg_num_term(&r, out);
    case DG_A_MIN:
    case DG_A_MAX:
    case DG_A_SAMPLE:
        if (s->error || !s->has)
            return 1;
        return dg_sterm_copy(out, &s->best);
    default:
        if (s->error)
            return 1;
        return dg_sterm_set(out, DG_ST_LITERAL, s->buf ? s->buf : "", s->len,
                            NULL, NULL);
    }
}
