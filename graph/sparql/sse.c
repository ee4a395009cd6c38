/* sse.c: the algebra as an S-expression (see dg_query_sse in algebra.h).
 *
 * The layout follows the specification's examples and Jena's SSE: one
 * operator of the pattern tree per line, indented by two spaces per level,
 * expressions and paths inline.  Variables print as ?name (hidden ones as
 * ?_b0 ...), IRIs as <...>, numbers and booleans bare. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/sparql/algebra.h"

struct out {
    char *s;
    size_t n, cap;
    int failed;
};

__attribute__((format(printf, 2, 3))) static void
put(struct out *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0) {
        o->failed = 1;
        return;
    }
    if (o->n + (size_t)k + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->n + (size_t)k + 1)
            cap *= 2;
        char *ns = realloc(o->s, cap);
        if (!ns) {
            o->failed = 1;
            return;
        }
        o->s = ns;
        o->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(o->s + o->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    o->n += (size_t)k;
}

static void
nl(struct out *o, int indent)
{
    put(o, "\n%*s", indent, "");
}

static void
var(struct out *o, const struct dg_query *q, int v)
{
    if (v >= 0 && (size_t)v < q->nvars)
        put(o, "?%s", q->var_names[v]);
    else
        put(o, "?%d", v);
}

static void
term(struct out *o, const struct dg_sterm *t)
{
    switch (t->kind) {
    case DG_ST_NONE: put(o, "UNDEF"); return;
    case DG_ST_IRI: put(o, "<%s>", t->lex); return;
    case DG_ST_BLANK: put(o, "_:%s", t->lex); return;
    default: break;
    }
    if (t->dt &&
        (!strcmp(t->dt, DG_XSD "integer") || !strcmp(t->dt, DG_XSD "decimal") ||
         !strcmp(t->dt, DG_XSD "double") || !strcmp(t->dt, DG_XSD "boolean"))) {
        int plain = t->len > 0;
        for (size_t i = 0; i < t->len; i++)
            if (!strchr("0123456789+-.eE", t->lex[i]) &&
                strcmp(t->lex, "true") && strcmp(t->lex, "false"))
                plain = 0;
        if (plain) {
            put(o, "%s", t->lex);
            return;
        }
    }
    put(o, "\"");
    for (size_t i = 0; i < t->len; i++) {
        char c = t->lex[i];
        switch (c) {
        case '"': put(o, "\\\""); break;
        case '\\': put(o, "\\\\"); break;
        case '\n': put(o, "\\n"); break;
        case '\r': put(o, "\\r"); break;
        case '\t': put(o, "\\t"); break;
        case '\0': put(o, "\\u0000"); break;
        default: put(o, "%c", c); break;
        }
    }
    put(o, "\"");
    if (t->lang)
        put(o, "@%s", t->lang);
    else if (t->dt)
        put(o, "^^<%s>", t->dt);
}

static void
pnode(struct out *o, const struct dg_query *q, const struct dg_pnode *n)
{
    if (n->var >= 0)
        var(o, q, n->var);
    else
        term(o, &n->term);
}

static void
path(struct out *o, const struct dg_path *p)
{
    switch (p->op) {
    case DG_PATH_LINK: term(o, &p->iri); return;
    case DG_PATH_INV: put(o, "(reverse "); break;
    case DG_PATH_SEQ: put(o, "(seq "); break;
    case DG_PATH_ALT: put(o, "(alt "); break;
    case DG_PATH_STAR: put(o, "(path* "); break;
    case DG_PATH_PLUS: put(o, "(path+ "); break;
    case DG_PATH_OPT: put(o, "(path? "); break;
    case DG_PATH_NPS:
        put(o, "(notoneof");
        for (size_t i = 0; i < p->nfwd; i++) {
            put(o, " ");
            term(o, &p->fwd[i]);
        }
        for (size_t i = 0; i < p->ninv; i++) {
            put(o, " (reverse ");
            term(o, &p->inv[i]);
            put(o, ")");
        }
        put(o, ")");
        return;
    default: put(o, "(?path "); break;
    }
    if (p->a)
        path(o, p->a);
    if (p->b) {
        put(o, " ");
        path(o, p->b);
    }
    put(o, ")");
}

static const char *const builtin_names[DG_F_COUNT_] = {
    [DG_F_STR] = "str",
    [DG_F_LANG] = "lang",
    [DG_F_LANGMATCHES] = "langMatches",
    [DG_F_DATATYPE] = "datatype",
    [DG_F_BOUND] = "bound",
    [DG_F_IRI] = "iri",
    [DG_F_BNODE] = "bnode",
    [DG_F_RAND] = "rand",
    [DG_F_ABS] = "abs",
    [DG_F_CEIL] = "ceil",
    [DG_F_FLOOR] = "floor",
    [DG_F_ROUND] = "round",
    [DG_F_CONCAT] = "concat",
    [DG_F_SUBSTR] = "substr",
    [DG_F_STRLEN] = "strlen",
    [DG_F_REPLACE] = "replace",
    [DG_F_UCASE] = "ucase",
    [DG_F_LCASE] = "lcase",
    [DG_F_ENCODE_FOR_URI] = "encode_for_uri",
    [DG_F_CONTAINS] = "contains",
    [DG_F_STRSTARTS] = "strstarts",
    [DG_F_STRENDS] = "strends",
    [DG_F_STRBEFORE] = "strbefore",
    [DG_F_STRAFTER] = "strafter",
    [DG_F_YEAR] = "year",
    [DG_F_MONTH] = "month",
    [DG_F_DAY] = "day",
    [DG_F_HOURS] = "hours",
    [DG_F_MINUTES] = "minutes",
    [DG_F_SECONDS] = "seconds",
    [DG_F_TIMEZONE] = "timezone",
    [DG_F_TZ] = "tz",
    [DG_F_NOW] = "now",
    [DG_F_UUID] = "uuid",
    [DG_F_STRUUID] = "struuid",
    [DG_F_MD5] = "md5",
    [DG_F_SHA1] = "sha1",
    [DG_F_SHA256] = "sha256",
    [DG_F_SHA384] = "sha384",
    [DG_F_SHA512] = "sha512",
    [DG_F_COALESCE] = "coalesce",
    [DG_F_IF] = "if",
    [DG_F_STRLANG] = "strlang",
    [DG_F_STRDT] = "strdt",
    [DG_F_SAMETERM] = "sameTerm",
    [DG_F_ISIRI] = "isIRI",
    [DG_F_ISBLANK] = "isBlank",
    [DG_F_ISLITERAL] = "isLiteral",
    [DG_F_ISNUMERIC] = "isNumeric",
    [DG_F_REGEX] = "regex",
};

static void pattern(struct out *o, const struct dg_query *q,
                    const struct dg_pattern *p, int indent);

static void
expr(struct out *o, const struct dg_query *q, const struct dg_expr *e,
     int indent)
{
    static const char *const ops[] = {
        [DG_E_OR] = "||", [DG_E_AND] = "&&",       [DG_E_NOT] = "!",
        [DG_E_EQ] = "=",  [DG_E_NE] = "!=",        [DG_E_LT] = "<",
        [DG_E_GT] = ">",  [DG_E_LE] = "<=",        [DG_E_GE] = ">=",
        [DG_E_IN] = "in", [DG_E_NOT_IN] = "notin", [DG_E_ADD] = "+",
        [DG_E_SUB] = "-", [DG_E_MUL] = "*",        [DG_E_DIV] = "/",
        [DG_E_NEG] = "-", [DG_E_PLUS] = "+"};
    if (!e) {
        put(o, "true");
        return;
    }
    switch (e->op) {
    case DG_E_CONST: term(o, &e->term); return;
    case DG_E_VAR: var(o, q, e->var); return;
    case DG_E_EXISTS:
    case DG_E_NOT_EXISTS:
        put(o, "(%s", e->op == DG_E_EXISTS ? "exists" : "notexists");
        nl(o, indent);
        pattern(o, q, e->pattern, indent);
        put(o, ")");
        return;
    case DG_E_BUILTIN:
        put(o, "(%s",
            e->func >= 0 && e->func < DG_F_COUNT_ ? builtin_names[e->func]
                                                  : "?builtin");
        break;
    case DG_E_CALL: put(o, "(<%s>", e->term.lex); break;
    default:
        put(o, "(%s",
            e->op >= DG_E_OR && e->op <= DG_E_PLUS ? ops[e->op] : "?op");
        break;
    }
    for (size_t i = 0; i < e->nargs; i++) {
        put(o, " ");
        expr(o, q, e->args[i], indent);
    }
    put(o, ")");
}

static void
aggregate(struct out *o, const struct dg_query *q, const struct dg_aggregate *a,
          int indent)
{
    static const char *const names[] = {[DG_A_COUNT] = "count",
                                        [DG_A_SUM] = "sum",
                                        [DG_A_MIN] = "min",
                                        [DG_A_MAX] = "max",
                                        [DG_A_AVG] = "avg",
                                        [DG_A_SAMPLE] = "sample",
                                        [DG_A_GROUP_CONCAT] = "group_concat"};
    put(o, "(");
    var(o, q, a->var);
    put(o, " (%s",
        a->kind >= 0 && a->kind <= DG_A_GROUP_CONCAT ? names[a->kind] : "?agg");
    if (a->distinct)
        put(o, " distinct");
    if (a->separator) {
        struct dg_sterm t = {.kind = DG_ST_LITERAL,
                             .lex = a->separator,
                             .len = strlen(a->separator)};
        put(o, " (separator ");
        term(o, &t);
        put(o, ")");
    }
    if (a->expr) {
        put(o, " ");
        expr(o, q, a->expr, indent);
    }
    put(o, "))");
}

static void
pattern(struct out *o, const struct dg_query *q, const struct dg_pattern *p,
        int indent)
{
    int in = indent + 2;
    if (!p) {
        put(o, "(null)");
        return;
    }
    switch (p->op) {
    case DG_P_BGP:
        put(o, "(bgp");
        for (size_t i = 0; i < p->ntriples; i++) {
            nl(o, in);
            put(o, "(triple ");
            pnode(o, q, &p->triples[i].s);
            put(o, " ");
            pnode(o, q, &p->triples[i].p);
            put(o, " ");
            pnode(o, q, &p->triples[i].o);
            put(o, ")");
        }
        put(o, ")");
        return;
    case DG_P_PATH:
        put(o, "(path ");
        pnode(o, q, &p->s);
        put(o, " ");
        path(o, p->path);
        put(o, " ");
        pnode(o, q, &p->o);
        put(o, ")");
        return;
    case DG_P_JOIN: put(o, "(join"); break;
    case DG_P_LEFTJOIN: put(o, "(leftjoin"); break;
    case DG_P_UNION: put(o, "(union"); break;
    case DG_P_MINUS: put(o, "(minus"); break;
    case DG_P_FILTER:
        put(o, "(filter ");
        if (p->nexprs == 1)
            expr(o, q, p->exprs[0], in);
        else {
            put(o, "(exprlist");
            for (size_t i = 0; i < p->nexprs; i++) {
                put(o, " ");
                expr(o, q, p->exprs[i], in);
            }
            put(o, ")");
        }
        break;
    case DG_P_GRAPH:
        put(o, "(graph ");
        pnode(o, q, &p->name);
        break;
    case DG_P_EXTEND:
        put(o, "(extend ((");
        var(o, q, p->var);
        put(o, " ");
        expr(o, q, p->expr, in);
        put(o, "))");
        break;
    case DG_P_VALUES:
        put(o, "(table (vars");
        for (size_t i = 0; i < p->nvars; i++) {
            put(o, " ");
            var(o, q, p->vars[i]);
        }
        put(o, ")");
        for (size_t r = 0; r < p->nrows; r++) {
            nl(o, in);
            put(o, "(row");
            for (size_t i = 0; i < p->nvars; i++) {
                const struct dg_sterm *t = &p->values[r * p->nvars + i];
                if (t->kind == DG_ST_NONE)
                    continue;
                put(o, " [");
                var(o, q, p->vars[i]);
                put(o, " ");
                term(o, t);
                put(o, "]");
            }
            put(o, ")");
        }
        put(o, ")");
        return;
    case DG_P_GROUP:
        put(o, "(group (");
        for (size_t i = 0; i < p->ngroup; i++) {
            const struct dg_group_key *k = &p->group[i];
            if (i)
                put(o, " ");
            if (k->var >= 0 &&
                !(k->expr->op == DG_E_VAR && k->expr->var == k->var)) {
                put(o, "(");
                var(o, q, k->var);
                put(o, " ");
                expr(o, q, k->expr, in);
                put(o, ")");
            } else
                expr(o, q, k->expr, in);
        }
        put(o, ") (");
        for (size_t i = 0; i < p->naggs; i++) {
            if (i)
                put(o, " ");
            aggregate(o, q, &p->aggs[i], in);
        }
        put(o, ")");
        break;
    case DG_P_ORDER:
        put(o, "(order (");
        for (size_t i = 0; i < p->nkeys; i++) {
            if (i)
                put(o, " ");
            if (p->keys[i].desc)
                put(o, "(desc ");
            expr(o, q, p->keys[i].expr, in);
            if (p->keys[i].desc)
                put(o, ")");
        }
        put(o, ")");
        break;
    case DG_P_PROJECT:
        put(o, "(project (");
        for (size_t i = 0; i < p->nvars; i++) {
            if (i)
                put(o, " ");
            var(o, q, p->vars[i]);
        }
        put(o, ")");
        break;
    case DG_P_DISTINCT: put(o, "(distinct"); break;
    case DG_P_REDUCED: put(o, "(reduced"); break;
    case DG_P_SLICE:
        put(o, "(slice ");
        if (p->offset > 0)
            put(o, "%lld", p->offset);
        else
            put(o, "_");
        if (p->limit >= 0)
            put(o, " %lld", p->limit);
        else
            put(o, " _");
        break;
    default: put(o, "(?op%d", p->op); break;
    }
    if (p->left) {
        nl(o, in);
        pattern(o, q, p->left, in);
    }
    if (p->right) {
        nl(o, in);
        pattern(o, q, p->right, in);
    }
    if (p->op == DG_P_LEFTJOIN && p->expr) {
        nl(o, in);
        expr(o, q, p->expr, in);
    }
    put(o, ")");
}

char *
dg_query_sse(const struct dg_query *q)
{
    struct out o = {0};
    int indent = 0;
    if (q->form == DG_Q_CONSTRUCT) {
        put(&o, "(construct (template");
        for (size_t i = 0; i < q->ntemplate; i++) {
            put(&o, " (triple ");
            pnode(&o, q, &q->template_[i].s);
            put(&o, " ");
            pnode(&o, q, &q->template_[i].p);
            put(&o, " ");
            pnode(&o, q, &q->template_[i].o);
            put(&o, ")");
        }
        put(&o, ")");
        indent = 2;
    } else if (q->form == DG_Q_DESCRIBE) {
        put(&o, "(describe (");
        if (q->describe_all)
            put(&o, "*");
        for (size_t i = 0; i < q->ndescribe; i++) {
            if (i)
                put(&o, " ");
            pnode(&o, q, &q->describe[i]);
        }
        put(&o, ")");
        indent = 2;
    } else if (q->form == DG_Q_ASK) {
        put(&o, "(ask");
        indent = 2;
    }
    if (indent)
        nl(&o, indent);
    pattern(&o, q, q->pattern, indent);
    if (indent)
        put(&o, ")");
    if (o.failed || !o.s) {
        free(o.s);
        return NULL;
    }
    return o.s;
}
