/* func.c: numbers, dates, the built-in functions and the XSD casts of
 * SPARQL 1.1 (section 17.4 and 17.5); see func.h and expr.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <nettle/nettle-meta.h>
#include <pcre2.h>
#include <utf8proc.h>

#include "graph/sparql/func.h"

#define XSD DG_XSD

/* ---- small helpers ---------------------------------------------------- */

static int
nomem(struct dg_error *err)
{
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

static int
is_dt(const struct dg_sterm *t, const char *local)
{
    return t->kind == DG_ST_LITERAL && t->dt && !strncmp(t->dt, XSD, 33) &&
           !strcmp(t->dt + 33, local);
}

/* A simple literal or xsd:string. */
static int
is_simple(const struct dg_sterm *t)
{
    return t->kind == DG_ST_LITERAL && !t->lang &&
           (!t->dt || !strcmp(t->dt, XSD "string"));
}

/* A string literal: simple, xsd:string or language-tagged. */
static int
is_string(const struct dg_sterm *t)
{
    return is_simple(t) || (t->kind == DG_ST_LITERAL && t->lang);
}

/* 17.4.3.1.2: may a and b be the two arguments of STRSTARTS & co.? */
static int
compatible(const struct dg_sterm *a, const struct dg_sterm *b)
{
    if (!is_string(a) || !is_string(b))
        return 0;
    if (!b->lang)
        return 1;
    return a->lang && !strcasecmp(a->lang, b->lang);
}

static int
set_str(struct dg_sterm *out, const char *s, size_t n, const char *lang,
        struct dg_error *err)
{
    if (dg_sterm_set(out, DG_ST_LITERAL, s, n, NULL, lang) < 0)
        return nomem(err);
    return 0;
}

static int
set_typed(struct dg_sterm *out, const char *s, const char *dt,
          struct dg_error *err)
{
    if (dg_sterm_set_str(out, DG_ST_LITERAL, s, dt, NULL) < 0)
        return nomem(err);
    return 0;
}

static int
set_int(struct dg_sterm *out, long long v, struct dg_error *err)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return set_typed(out, buf, XSD "integer", err);
}

static int
lex_is(const struct dg_sterm *t, const char *s)
{
    return t->len == strlen(s) && !memcmp(t->lex, s, t->len);
}

/* ---- rounding without libm (the library is not linked with -lm) ------ */

/* x toward zero; x itself when it has no fraction, is infinite or NaN. */
static long double
m_trunc(long double x)
{
    if (!(x > -9.2e18L && x < 9.2e18L))
        return x;
    long double t = (long double)(long long)x;
    return t == 0 && x < 0 ? -0.0L : t;
}

static long double
m_floor(long double x)
{
    long double t = m_trunc(x);
    return t > x ? t - 1 : t;
}

static long double
m_ceil(long double x)
{
    long double t = m_trunc(x);
    return t < x ? t + 1 : t;
}

static long double
m_pow10(int n)
{
    long double p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* ---- numbers ---------------------------------------------------------- */

static const dg_i128 I128_MAX = (dg_i128)(((unsigned __int128)1 << 127) - 1);

static dg_i128
pow10_i(int n)
{
    dg_i128 p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* m * 10^by into *out; 1 on overflow. */
static int
scale_up(dg_i128 m, int by, dg_i128 *out)
{
    while (by-- > 0)
        if (__builtin_mul_overflow(m, (dg_i128)10, &m))
            return 1;
    *out = m;
    return 0;
}

static void
normalise(struct dg_num *n)
{
    if (n->approx || n->type != DG_N_DECIMAL)
        return;
    while (n->scale > 0 && n->m % 10 == 0) {
        n->m /= 10;
        n->scale--;
    }
}

static long double
num_ld(const struct dg_num *n)
{
    if (n->type >= DG_N_FLOAT)
        return n->d;
    if (n->approx)
        return n->ld;
    return (long double)n->m / m_pow10(n->scale);
}

double
dg_num_double(const struct dg_num *n)
{
    return (double)num_ld(n);
}

void
dg_num_int(struct dg_num *n, long long v)
{
    memset(n, 0, sizeof *n);
    n->type = DG_N_INTEGER;
    n->m = v;
}

struct int_type {
    const char *name;
    int has_min, has_max;
    long long min;
    unsigned long long max;
};

static const struct int_type int_types[] = {
    {"integer", 0, 0, 0, 0},
    {"nonPositiveInteger", 0, 1, 0, 0},
    {"negativeInteger", 0, 1, 0, 0}, /* max -1: special-cased */
    {"long", 1, 1, INT64_MIN, INT64_MAX},
    {"int", 1, 1, INT32_MIN, INT32_MAX},
    {"short", 1, 1, INT16_MIN, INT16_MAX},
    {"byte", 1, 1, INT8_MIN, INT8_MAX},
    {"nonNegativeInteger", 1, 0, 0, 0},
    {"positiveInteger", 1, 0, 1, 0},
    {"unsignedLong", 1, 1, 0, UINT64_MAX},
    {"unsignedInt", 1, 1, 0, UINT32_MAX},
    {"unsignedShort", 1, 1, 0, UINT16_MAX},
    {"unsignedByte", 1, 1, 0, UINT8_MAX},
};

static const struct int_type *
int_type(const char *dt)
{
    if (!dt || strncmp(dt, XSD, 33))
        return NULL;
    for (size_t i = 0; i < sizeof int_types / sizeof *int_types; i++)
        if (!strcmp(dt + 33, int_types[i].name))
            return &int_types[i];
    return NULL;
}

int
dg_dt_is_integer(const char *dt)
{
    return int_type(dt) != NULL;
}

/* Parses [+-]?digits(.digits)? into n (exact, or approx on overflow).
 * allow_point: decimals.  1 when valid. */
static int
parse_decimal(const char *s, size_t len, int allow_point, struct dg_num *n)
{
    size_t i = 0, digits = 0;
    int neg = 0, point = 0, over = 0;
    dg_i128 m = 0;
    int scale = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    for (; i < len; i++) {
        if (s[i] == '.' && allow_point && !point) {
            point = 1;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            return 0;
        digits++;
        if (over)
            continue;
        if (__builtin_mul_overflow(m, (dg_i128)10, &m) ||
            __builtin_add_overflow(m, (dg_i128)(s[i] - '0'), &m))
            over = 1;
        else if (point)
            scale++;
    }
    if (!digits)
        return 0;
    memset(n, 0, sizeof *n);
    n->type = allow_point ? DG_N_DECIMAL : DG_N_INTEGER;
    if (over) {
        char *tmp = strndup(s, len);
        n->approx = 1;
        n->ld = tmp ? strtold(tmp, NULL) : 0;
        free(tmp);
    } else {
        n->m = neg ? -m : m;
        n->scale = scale;
    }
    normalise(n);
    return 1;
}

/* xsd:double / xsd:float lexical forms. */
static int
parse_double(const char *s, size_t len, double *d)
{
    size_t i = 0, digits = 0;
    char buf[128];
    if (len == 3 && !memcmp(s, "INF", 3)) {
        *d = INFINITY;
        return 1;
    }
    if (len == 4 && (!memcmp(s, "-INF", 4) || !memcmp(s, "+INF", 4))) {
        *d = s[0] == '-' ? -INFINITY : INFINITY;
        return 1;
    }
    if (len == 3 && !memcmp(s, "NaN", 3)) {
        *d = NAN;
        return 1;
    }
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (!digits)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = 0;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            e++;
        if (!e)
            return 0;
    }
    if (i != len || len >= sizeof buf)
        return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    *d = strtod(buf, NULL);
    return 1;
}

int
dg_num_parse(const struct dg_sterm *t, struct dg_num *n)
{
    const struct int_type *it;
    if (t->kind != DG_ST_LITERAL || !t->dt || t->lang)
        return 0;
    if ((it = int_type(t->dt))) {
        if (!parse_decimal(t->lex, t->len, 0, n))
            return 0;
        if (n->approx)
            return !it->has_min && !it->has_max;
        if (!strcmp(it->name, "negativeInteger"))
            return n->m <= -1;
        if (!strcmp(it->name, "nonPositiveInteger"))
            return n->m <= 0;
        if (it->has_min && n->m < (dg_i128)it->min)
            return 0;
        if (it->has_max && n->m > (dg_i128)it->max)
            return 0;
        return 1;
    }
    if (is_dt(t, "decimal"))
        return parse_decimal(t->lex, t->len, 1, n);
    if (is_dt(t, "double") || is_dt(t, "float")) {
        memset(n, 0, sizeof *n);
        n->type = is_dt(t, "double") ? DG_N_DOUBLE : DG_N_FLOAT;
        if (!parse_double(t->lex, t->len, &n->d))
            return 0;
        if (n->type == DG_N_FLOAT)
            n->d = (float)n->d;
        return 1;
    }
    return 0;
}

static void
i128_str(dg_i128 v, char *buf)
{
    char tmp[48];
    int n = 0, neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    if (neg)
        *buf++ = '-';
    while (n)
        *buf++ = tmp[--n];
    *buf = '\0';
}

/* The shortest decimal digits of a > 0 that read back as the same double
 * (or float): digits[0..*nd), no trailing zeros, value d.ddd x 10^expo.
 * Returns expo. */
static int
shortest_digits(double a, int is_float, char *digits, int *nd)
{
    char tmp[64], *e;
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, a);
        double back = strtod(tmp, NULL);
        if (is_float ? (float)back == (float)a : back == a)
            break;
    }
    e = strchr(tmp, 'e');
    *e = '\0';
    *nd = 0;
    for (const char *p = tmp; *p; p++)
        if (*p >= '0' && *p <= '9')
            digits[(*nd)++] = *p;
    while (*nd > 1 && digits[*nd - 1] == '0')
        (*nd)--;
    digits[*nd] = '\0';
    return atoi(e + 1);
}

/* xsd:double / xsd:float as XPath casts them to a string (F&O 19.1.2.2),
 * which is what SPARQL engines print: "NaN", "INF", "-INF", "0", "-0";
 * from 1.0E-6 up to (not including) 1.0E6 the shortest digits that read
 * back as the same number, in decimal notation ("1050", "0.2", "3");
 * otherwise scientific notation with one digit before the point
 * ("1.0E20", "1.5E-7"). */
static void
fmt_double(double d, int is_float, char *buf, size_t size)
{
    char digits[32];
    int expo, nd = 0, neg = d < 0;
    double a = neg ? -d : d;
    if (isnan(d)) {
        snprintf(buf, size, "NaN");
        return;
    }
    if (isinf(d)) {
        snprintf(buf, size, d < 0 ? "-INF" : "INF");
        return;
    }
    if (d == 0) {
        snprintf(buf, size, signbit(d) ? "-0" : "0");
        return;
    }
    expo = shortest_digits(a, is_float, digits, &nd);
    if (a >= 1e-6 && a < 1e6) {
        /* decimal notation: digits with the point after expo + 1 */
        char out[64];
        int k = 0;
        if (neg)
            out[k++] = '-';
        if (expo < 0) {
            out[k++] = '0';
            out[k++] = '.';
            for (int z = 0; z < -expo - 1; z++)
                out[k++] = '0';
            for (int i = 0; i < nd; i++)
                out[k++] = digits[i];
        } else {
            for (int i = 0; i <= expo; i++)
                out[k++] = i < nd ? digits[i] : '0';
            if (nd > expo + 1) {
                out[k++] = '.';
                for (int i = expo + 1; i < nd; i++)
                    out[k++] = digits[i];
            }
        }
        out[k] = '\0';
        snprintf(buf, size, "%s", out);
        return;
    }
    snprintf(buf, size, "%s%c.%sE%d", neg ? "-" : "", digits[0],
             nd > 1 ? digits + 1 : "0", expo);
}

static void
fmt_num(const struct dg_num *n, char *buf, size_t size)
{
    if (n->type >= DG_N_FLOAT) {
        fmt_double(n->d, n->type == DG_N_FLOAT, buf, size);
        return;
    }
    if (n->approx) {
        if (n->type == DG_N_INTEGER) {
            snprintf(buf, size, "%.0Lf", n->ld);
            return;
        }
        snprintf(buf, size, "%.18Lf", n->ld);
        size_t len = strlen(buf);
        while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
            buf[--len] = '\0';
        if (len > 2 && buf[len - 1] == '0' && buf[len - 2] == '.')
            buf[len - 2] = '\0';
        return;
    }
    char digits[48];
    dg_i128 m = n->m;
    int scale = n->scale;
    if (n->type == DG_N_DECIMAL)
        while (scale > 0 && m % 10 == 0) {
            m /= 10;
            scale--;
        }
    int neg = m < 0;
    i128_str(neg ? -m : m, digits);
    if (n->type == DG_N_INTEGER && scale == 0) {
        snprintf(buf, size, "%s%s", neg ? "-" : "", digits);
        return;
    }
    if (scale == 0) { /* XSD 1.1: an integral decimal has no point */
        snprintf(buf, size, "%s%s", neg ? "-" : "", digits);
        return;
    }
    size_t len = strlen(digits);
    char padded[96];
    int pad = scale + 1 - (int)len;
    if (pad < 0)
        pad = 0;
    memset(padded, '0', (size_t)pad);
    memcpy(padded + pad, digits, len + 1);
    len += (size_t)pad;
    snprintf(buf, size, "%s%.*s.%s", neg ? "-" : "", (int)(len - scale), padded,
             padded + len - scale);
}

int
dg_num_term(const struct dg_num *n, struct dg_sterm *out)
{
    static const char *const dts[] = {XSD "integer", XSD "decimal", XSD "float",
                                      XSD "double"};
    char buf[160];
    fmt_num(n, buf, sizeof buf);
    return dg_sterm_set_str(out, DG_ST_LITERAL, buf, dts[n->type], NULL);
}

/* Brings a and b to one scale. 1 on overflow. */
static int
align(const struct dg_num *a, const struct dg_num *b, dg_i128 *ma, dg_i128 *mb,
      int *scale)
{
    int s = a->scale > b->scale ? a->scale : b->scale;
    if (scale_up(a->m, s - a->scale, ma) || scale_up(b->m, s - b->scale, mb))
        return 1;
    *scale = s;
    return 0;
}

static int
approx_arith(int op, const struct dg_num *a, const struct dg_num *b,
             struct dg_num *r)
{
    long double x = num_ld(a), y = num_ld(b);
    r->approx = 1;
    r->m = 0;
    r->scale = 0;
    switch (op) {
    case DG_E_ADD: r->ld = x + y; break;
    case DG_E_SUB: r->ld = x - y; break;
    case DG_E_MUL: r->ld = x * y; break;
    default:
        if (y == 0)
            return 1;
        r->ld = x / y;
    }
    if (r->type == DG_N_INTEGER)
        r->ld = m_trunc(r->ld);
    return 0;
}

int
dg_num_arith(int op, const struct dg_num *a, const struct dg_num *b,
             struct dg_num *r)
{
    int type = a->type > b->type ? a->type : b->type;
    memset(r, 0, sizeof *r);
    if (type >= DG_N_FLOAT) {
        double x = dg_num_double(a), y = dg_num_double(b), z;
        switch (op) {
        case DG_E_ADD: z = x + y; break;
        case DG_E_SUB: z = x - y; break;
        case DG_E_MUL: z = x * y; break;
        default: z = x / y; break;
        }
        r->type = type;
        r->d = type == DG_N_FLOAT ? (float)z : z;
        return 0;
    }
    if (op == DG_E_DIV)
        type = DG_N_DECIMAL;
    r->type = type;
    if (a->approx || b->approx)
        return approx_arith(op, a, b, r);
    dg_i128 ma, mb, m;
    int s;
    switch (op) {
    case DG_E_ADD:
    case DG_E_SUB:
        if (align(a, b, &ma, &mb, &s) ||
            (op == DG_E_ADD ? __builtin_add_overflow(ma, mb, &m)
                            : __builtin_sub_overflow(ma, mb, &m)))
            return approx_arith(op, a, b, r);
        r->m = m;
        r->scale = s;
        break;
    case DG_E_MUL:
        if (__builtin_mul_overflow(a->m, b->m, &m))
            return approx_arith(op, a, b, r);
        r->m = m;
        r->scale = a->scale + b->scale;
        break;
    default: {
        if (b->m == 0)
            return 1;
        if (align(a, b, &ma, &mb, &s))
            return approx_arith(op, a, b, r);
        int neg = (ma < 0) != (mb < 0);
        unsigned __int128 x =
            ma < 0 ? -(unsigned __int128)ma : (unsigned __int128)ma;
        unsigned __int128 y =
            mb < 0 ? -(unsigned __int128)mb : (unsigned __int128)mb;
        unsigned __int128 q = x / y, rem = x % y;
        if (q > (unsigned __int128)I128_MAX)
            return approx_arith(op, a, b, r);
        m = (dg_i128)q;
        s = 0;
        /* long division: up to 24 digits after the point */
        while (rem && s < 24) {
            dg_i128 next;
            if (rem > (unsigned __int128)I128_MAX / 10)
                break;
            rem *= 10;
            if (__builtin_mul_overflow(m, (dg_i128)10, &next) ||
                __builtin_add_overflow(next, (dg_i128)(rem / y), &next))
                break;
            m = next;
            rem %= y;
            s++;
        }
        r->m = neg ? -m : m;
        r->scale = s;
    }
    }
    normalise(r);
    return 0;
}

int
dg_num_cmp(const struct dg_num *a, const struct dg_num *b)
{
    if (a->type >= DG_N_FLOAT || b->type >= DG_N_FLOAT || a->approx ||
        b->approx) {
        long double x = num_ld(a), y = num_ld(b);
        if (isnan(x) || isnan(y))
            return 2;
        return x < y ? -1 : x > y;
    }
    dg_i128 ma, mb;
    int s;
    if (align(a, b, &ma, &mb, &s)) {
        long double x = num_ld(a), y = num_ld(b);
        return x < y ? -1 : x > y;
    }
    return ma < mb ? -1 : ma > mb;
}

/* ---- booleans --------------------------------------------------------- */

int
dg_bool_parse(const struct dg_sterm *t, int *value)
{
    if (!is_dt(t, "boolean"))
        return 0;
    if (lex_is(t, "true") || lex_is(t, "1"))
        *value = 1;
    else if (lex_is(t, "false") || lex_is(t, "0"))
        *value = 0;
    else
        return 0;
    return 1;
}

int
dg_bool_term(int value, struct dg_sterm *out)
{
    return dg_sterm_set_str(out, DG_ST_LITERAL, value ? "true" : "false",
                            XSD "boolean", NULL);
}

/* ---- dates and times -------------------------------------------------- */

static int
two_digits(const char *s, size_t len, size_t *i, int *v)
{
    if (*i + 2 > len || !isdigit((unsigned char)s[*i]) ||
        !isdigit((unsigned char)s[*i + 1]))
        return 0;
    *v = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
    *i += 2;
    return 1;
}

static int
leap(long long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long long y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

static int
parse_ymd(const char *s, size_t len, size_t *i, struct dg_date *d)
{
    int neg = 0;
    size_t start;
    long long y = 0;
    if (*i < len && s[*i] == '-') {
        neg = 1;
        (*i)++;
    }
    start = *i;
    while (*i < len && isdigit((unsigned char)s[*i])) {
        if (y > 100000000000LL)
            return 0;
        y = y * 10 + (s[*i] - '0');
        (*i)++;
    }
    if (*i - start < 4 || (*i - start > 4 && s[start] == '0'))
        return 0;
    d->year = neg ? -y : y;
    if (*i >= len || s[(*i)++] != '-' || !two_digits(s, len, i, &d->month) ||
        *i >= len || s[(*i)++] != '-' || !two_digits(s, len, i, &d->day))
        return 0;
    return d->month >= 1 && d->month <= 12 && d->day >= 1 &&
           d->day <= month_days(d->year, d->month);
}

static int
parse_hms(const char *s, size_t len, size_t *i, struct dg_date *d)
{
    if (!two_digits(s, len, i, &d->hour) || *i >= len || s[(*i)++] != ':' ||
        !two_digits(s, len, i, &d->minute) || *i >= len || s[(*i)++] != ':' ||
        !two_digits(s, len, i, &d->second))
        return 0;
    if (*i < len && s[*i] == '.') {
        (*i)++;
        d->frac = s + *i;
        long scale = 100000000;
        while (*i < len && isdigit((unsigned char)s[*i])) {
            d->nanos += (s[*i] - '0') * scale;
            scale /= 10;
            d->nfrac++;
            (*i)++;
        }
        if (!d->nfrac)
            return 0;
    }
    if (d->hour == 24)
        return d->minute == 0 && d->second == 0 && d->nanos == 0;
    return d->hour < 24 && d->minute < 60 && d->second < 60;
}

static int
parse_tz(const char *s, size_t len, size_t *i, struct dg_date *d)
{
    int h, m;
    if (*i == len)
        return 1;
    d->tz_lex = s + *i;
    if (s[*i] == 'Z') {
        (*i)++;
    } else if (s[*i] == '+' || s[*i] == '-') {
        int neg = s[(*i)++] == '-';
        if (!two_digits(s, len, i, &h) || *i >= len || s[(*i)++] != ':' ||
            !two_digits(s, len, i, &m) || h > 14 || m > 59 || (h == 14 && m))
            return 0;
        d->tz = (neg ? -1 : 1) * (h * 60 + m);
    } else {
        return 0;
    }
    d->has_tz = 1;
    d->tz_len = (int)(s + *i - d->tz_lex);
    return *i == len;
}

int
dg_date_parse(const struct dg_sterm *t, struct dg_date *d)
{
    size_t i = 0;
    memset(d, 0, sizeof *d);
    if (t->kind != DG_ST_LITERAL || !t->dt || t->lang)
        return 0;
    if (is_dt(t, "dateTime") || is_dt(t, "dateTimeStamp")) {
        d->kind = DG_D_DATETIME;
        if (!parse_ymd(t->lex, t->len, &i, d) || i >= t->len ||
            t->lex[i++] != 'T' || !parse_hms(t->lex, t->len, &i, d))
            return 0;
    } else if (is_dt(t, "date")) {
        d->kind = DG_D_DATE;
        if (!parse_ymd(t->lex, t->len, &i, d))
            return 0;
    } else if (is_dt(t, "time")) {
        d->kind = DG_D_TIME;
        d->year = 1972;
        d->month = 12;
        d->day = 31;
        if (!parse_hms(t->lex, t->len, &i, d))
            return 0;
    } else {
        return 0;
    }
    return parse_tz(t->lex, t->len, &i, d);
}

/* Days from 1970-01-01 in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Seconds of d's local time, shifted by offset minutes. */
static long long
date_secs(const struct dg_date *d, int offset)
{
    return days_from_civil(d->year, d->month, d->day) * 86400 +
           d->hour * 3600LL + d->minute * 60LL + d->second - offset * 60LL;
}

static int
cmp_ll(long long a, long a_ns, long long b, long b_ns)
{
    if (a != b)
        return a < b ? -1 : 1;
    return a_ns < b_ns ? -1 : a_ns > b_ns;
}

int
dg_date_cmp(const struct dg_date *a, const struct dg_date *b, int total)
{
    if (total || a->has_tz == b->has_tz)
        return cmp_ll(date_secs(a, a->tz), a->nanos, date_secs(b, b->tz),
                      b->nanos);
    if (!a->has_tz) {
        int r = dg_date_cmp(b, a, 0);
        return r == 2 ? 2 : -r;
    }
    /* a has a timezone, b not: b lies within +-14 hours */
    long long sa = date_secs(a, a->tz);
    if (cmp_ll(sa, a->nanos, date_secs(b, 14 * 60), b->nanos) < 0)
        return -1;
    if (cmp_ll(sa, a->nanos, date_secs(b, -14 * 60), b->nanos) > 0)
        return 1;
    return 2;
}

/* ---- random numbers --------------------------------------------------- */

uint64_t
dg_func_rand(struct dg_expr_env *env)
{
    uint64_t z = (env->rand_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* ---- regular expressions ---------------------------------------------- */

#define CACHE_BUCKETS 64
#define CACHE_MAX 512

struct cache_entry {
    char *key; /* pattern, NUL, flags */
    size_t klen;
    pcre2_code *code;
    struct cache_entry *next;
};

struct dg_expr_cache {
    struct cache_entry *b[CACHE_BUCKETS];
    size_t n;
};

static void
cache_clear(struct dg_expr_cache *c)
{
    for (size_t i = 0; i < CACHE_BUCKETS; i++) {
        struct cache_entry *e = c->b[i], *next;
        for (; e; e = next) {
            next = e->next;
            pcre2_code_free(e->code);
            free(e->key);
            free(e);
        }
        c->b[i] = NULL;
    }
    c->n = 0;
}

void
dg_func_cache_free(struct dg_expr_cache *c)
{
    if (!c)
        return;
    cache_clear(c);
    free(c);
}

/* The compiled pattern for pat and flags (borrowed, owned by the cache).
 * Returns 0, 1 for an invalid pattern or flags (an expression error) or
 * -1 when out of memory; *msg describes an invalid pattern. */
static int
regex_get(struct dg_expr_env *env, const struct dg_sterm *pat,
          const struct dg_sterm *flags, pcre2_code **out, char *msg,
          size_t msize)
{
    uint32_t opts = PCRE2_UTF | PCRE2_UCP;
    size_t flen = flags ? flags->len : 0;
    uint64_t h = 1469598103934665603ULL;
    struct cache_entry *e;
    for (size_t i = 0; i < flen; i++) {
        switch (flags->lex[i]) {
        case 'i': opts |= PCRE2_CASELESS; break;
        case 's': opts |= PCRE2_DOTALL; break;
        case 'm': opts |= PCRE2_MULTILINE; break;
        case 'x': opts |= PCRE2_EXTENDED; break;
        case 'q': opts |= PCRE2_LITERAL; break;
        default:
            snprintf(msg, msize, "invalid regular expression flags '%.*s'",
                     (int)flen, flags->lex);
            return 1;
        }
    }
    if (opts & PCRE2_LITERAL) /* it allows few other options */
        opts &= PCRE2_LITERAL | PCRE2_UTF | PCRE2_CASELESS;
    if (!env->cache && !(env->cache = calloc(1, sizeof *env->cache)))
        return -1;
    size_t klen = pat->len + 1 + flen;
    for (size_t i = 0; i < pat->len; i++)
        h = (h ^ (unsigned char)pat->lex[i]) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (size_t i = 0; i < flen; i++)
        h = (h ^ (unsigned char)flags->lex[i]) * 1099511628211ULL;
    size_t bucket = h % CACHE_BUCKETS;
    for (e = env->cache->b[bucket]; e; e = e->next)
        if (e->klen == klen && !memcmp(e->key, pat->lex, pat->len) &&
            (!flen || !memcmp(e->key + pat->len + 1, flags->lex, flen))) {
            *out = e->code;
            return 0;
        }
    int ecode;
    PCRE2_SIZE eoff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat->lex, pat->len, opts,
                                     &ecode, &eoff, NULL);
    if (!code) {
        char buf[160];
        pcre2_get_error_message(ecode, (PCRE2_UCHAR *)buf, sizeof buf);
        snprintf(msg, msize, "invalid regular expression '%.*s': %s",
                 (int)(pat->len > 60 ? 60 : pat->len), pat->lex, buf);
        return 1;
    }
    if (env->cache->n >= CACHE_MAX)
        cache_clear(env->cache);
    e = calloc(1, sizeof *e);
    if (!e || !(e->key = malloc(klen))) {
        free(e);
        pcre2_code_free(code);
        return -1;
    }
    memcpy(e->key, pat->lex, pat->len);
    e->key[pat->len] = '\0';
    if (flen)
        memcpy(e->key + pat->len + 1, flags->lex, flen);
    e->klen = klen;
    e->code = code;
    e->next = env->cache->b[bucket];
    env->cache->b[bucket] = e;
    env->cache->n++;
    *out = code;
    return 0;
}

/* A pattern or flags argument that is a constant makes a bad regular
 * expression a failure of the query (it can never match anything);
 * computed ones make it an expression error. */
static int
regex_compile(struct dg_expr_env *env, const struct dg_expr *e, size_t pi,
              const struct dg_sterm *pat, const struct dg_sterm *flags,
              pcre2_code **code, struct dg_error *err)
{
    char msg[240] = "";
    int r = regex_get(env, pat, flags, code, msg, sizeof msg);
    if (r < 0)
        return nomem(err);
    if (r == 0)
        return 0;
    int constant = 1;
    for (size_t i = pi; i < e->nargs; i++)
        if (e->args[i]->op != DG_E_CONST)
            constant = 0;
    if (constant)
        return dg_error_set(err, DG_ERR_QUERY, "%s", msg);
    return 1;
}

static int
fn_regex(struct dg_expr_env *env, const struct dg_expr *e,
         const struct dg_sterm *const *a, struct dg_sterm *out,
         struct dg_error *err)
{
    pcre2_code *code;
    const struct dg_sterm *flags = e->nargs > 2 ? a[2] : NULL;
    if (!is_string(a[0]) || !is_simple(a[1]) || (flags && !is_simple(flags)))
        return 1;
    int r = regex_compile(env, e, 1, a[1], flags, &code, err);
    if (r)
        return r;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    if (!md)
        return nomem(err);
    int rc =
        pcre2_match(code, (PCRE2_SPTR)a[0]->lex, a[0]->len, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
        return 1;
    if (dg_bool_term(rc >= 0, out) < 0)
        return nomem(err);
    return 0;
}

/* XPath's replacement string ($1, \$, \\) in PCRE2's syntax; NULL when
 * invalid (*bad set) or out of memory. */
static char *
xpath_replacement(const struct dg_sterm *r, uint32_t ngroups, int literal,
                  int *bad)
{
    char *o = malloc(r->len * 3 + 1), *p = o;
    if (!o)
        return NULL;
    for (size_t i = 0; i < r->len; i++) {
        char c = r->lex[i];
        if (literal) {
            if (c == '$')
                *p++ = '$';
            *p++ = c;
        } else if (c == '\\') {
            if (i + 1 >= r->len ||
                (r->lex[i + 1] != '\\' && r->lex[i + 1] != '$'))
                goto bad;
            if (r->lex[++i] == '$')
                *p++ = '$';
            *p++ = r->lex[i];
        } else if (c == '$') {
            if (i + 1 >= r->len || !isdigit((unsigned char)r->lex[i + 1]))
                goto bad;
            size_t start = ++i;
            uint32_t n = (uint32_t)(r->lex[i] - '0');
            while (i + 1 < r->len && isdigit((unsigned char)r->lex[i + 1]) &&
                   n * 10 + (uint32_t)(r->lex[i + 1] - '0') <= ngroups) {
                n = n * 10 + (uint32_t)(r->lex[i + 1] - '0');
                i++;
            }
            if (n <= ngroups) {
                *p++ = '$';
                *p++ = '{';
                memcpy(p, r->lex + start, i + 1 - start);
                p += i + 1 - start;
                *p++ = '}';
            }
        } else {
            *p++ = c;
        }
    }
    *p = '\0';
    return o;
bad:
    free(o);
    *bad = 1;
    return NULL;
}

static int
fn_replace(struct dg_expr_env *env, const struct dg_expr *e,
           const struct dg_sterm *const *a, struct dg_sterm *out,
           struct dg_error *err)
{
    pcre2_code *code;
    const struct dg_sterm *flags = e->nargs > 3 ? a[3] : NULL;
    uint32_t ngroups = 0;
    int bad = 0, r;
    char *repl = NULL, *buf = NULL;
    if (!is_string(a[0]) || !is_simple(a[1]) || !is_simple(a[2]) ||
        (flags && !is_simple(flags)))
        return 1;
    if ((r = regex_compile(env, e, 1, a[1], flags, &code, err)))
        return r;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ngroups);
    int literal = flags && memchr(flags->lex, 'q', flags->len);
    if (!(repl = xpath_replacement(a[2], ngroups, literal, &bad))) {
        if (bad)
            return 1;
        return nomem(err);
    }
    PCRE2_SIZE size = a[0]->len * 2 + 64, outlen;
    for (int tries = 0; tries < 2; tries++) {
        free(buf);
        if (!(buf = malloc(size + 1))) {
            r = nomem(err);
            goto out;
        }
        outlen = size;
        int rc = pcre2_substitute(
            code, (PCRE2_SPTR)a[0]->lex, a[0]->len, 0,
            PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
                PCRE2_SUBSTITUTE_UNSET_EMPTY,
            NULL, NULL, (PCRE2_SPTR)repl, PCRE2_ZERO_TERMINATED,
            (PCRE2_UCHAR *)buf, &outlen);
        if (rc >= 0) {
            r = set_str(out, buf, outlen, a[0]->lang, err);
            goto out;
        }
        if (rc != PCRE2_ERROR_NOMEMORY) {
            r = 1;
            goto out;
        }
        size = outlen;
    }
    r = 1;
out:
    free(buf);
    free(repl);
    return r;
}

/* ---- IRIs (RFC 3986 section 5.2) -------------------------------------- */

struct iri_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t nscheme, nauth, npath, nquery, nfrag;
};

static void
iri_split(const char *s, struct iri_parts *p)
{
    const char *c = s;
    memset(p, 0, sizeof *p);
    while (*c &&
           (isalnum((unsigned char)*c) || *c == '+' || *c == '-' || *c == '.'))
        c++;
    if (*c == ':' && c > s && isalpha((unsigned char)*s)) {
        p->scheme = s;
        p->nscheme = (size_t)(c - s);
        s = c + 1;
    }
    if (s[0] == '/' && s[1] == '/') {
        p->auth = s + 2;
        p->nauth = strcspn(p->auth, "/?#");
        s = p->auth + p->nauth;
    }
    p->path = s;
    p->npath = strcspn(s, "?#");
    s += p->npath;
    if (*s == '?') {
        p->query = s + 1;
        p->nquery = strcspn(p->query, "#");
        s = p->query + p->nquery;
    }
    if (*s == '#') {
        p->frag = s + 1;
        p->nfrag = strlen(p->frag);
    }
}

/* remove_dot_segments of in[0..n) appended to out (room for n + 1). */
static size_t
remove_dots(const char *in, size_t n, char *out)
{
    size_t o = 0, i = 0;
    while (i < n) {
        const char *s = in + i;
        size_t left = n - i;
        if (left >= 3 && !strncmp(s, "../", 3))
            i += 3;
        else if (left >= 2 && !strncmp(s, "./", 2))
            i += 2;
        else if (left >= 3 && !strncmp(s, "/./", 3))
            i += 2;
        else if (left == 2 && !strncmp(s, "/.", 2)) {
            out[o++] = '/';
            i += 2;
        } else if ((left >= 4 && !strncmp(s, "/../", 4)) ||
                   (left == 3 && !strncmp(s, "/..", 3))) {
            i += 3;
            if (left == 3) {
                while (o > 0 && out[o - 1] != '/')
                    o--;
                if (o > 0)
                    o--;
                out[o++] = '/';
                continue;
            }
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else if ((left == 1 && s[0] == '.') ||
                   (left == 2 && !strncmp(s, "..", 2))) {
            i = n;
        } else {
            if (s[0] == '/')
                out[o++] = in[i++];
            while (i < n && in[i] != '/')
                out[o++] = in[i++];
        }
    }
    out[o] = '\0';
    return o;
}

/* ref resolved against base: malloc'd, or NULL when out of memory. */
static char *
iri_resolve(const char *base, const char *ref)
{
    struct iri_parts b, r;
    iri_split(ref, &r);
    if (r.scheme || !base)
        return strdup(ref);
    iri_split(base, &b);
    size_t cap = strlen(base) + strlen(ref) + 8;
    char *out = malloc(cap), *merged = malloc(cap), *path = malloc(cap);
    char *o = out;
    if (!out || !merged || !path) {
        free(out);
        free(merged);
        free(path);
        return NULL;
    }
    const char *auth = b.auth, *query = b.query;
    size_t nauth = b.nauth, nquery = b.nquery;
    size_t npath;
    if (r.auth) {
        auth = r.auth;
        nauth = r.nauth;
        npath = remove_dots(r.path, r.npath, path);
        query = r.query;
        nquery = r.nquery;
    } else if (!r.npath) {
        memcpy(path, b.path, b.npath);
        npath = b.npath;
        if (r.query) {
            query = r.query;
            nquery = r.nquery;
        }
    } else {
        if (r.path[0] == '/') {
            npath = remove_dots(r.path, r.npath, path);
        } else {
            size_t m = 0;
            if (b.auth && !b.npath) {
                merged[m++] = '/';
            } else {
                const char *slash = NULL;
                for (size_t i = 0; i < b.npath; i++)
                    if (b.path[i] == '/')
                        slash = b.path + i;
                if (slash) {
                    m = (size_t)(slash - b.path) + 1;
                    memcpy(merged, b.path, m);
                }
            }
            memcpy(merged + m, r.path, r.npath);
            npath = remove_dots(merged, m + r.npath, path);
        }
        query = r.query;
        nquery = r.nquery;
    }
    if (b.scheme) {
        memcpy(o, b.scheme, b.nscheme);
        o += b.nscheme;
        *o++ = ':';
    }
    if (auth) {
        *o++ = '/';
        *o++ = '/';
        memcpy(o, auth, nauth);
        o += nauth;
    }
    memcpy(o, path, npath);
    o += npath;
    if (query) {
        *o++ = '?';
        memcpy(o, query, nquery);
        o += nquery;
    }
    if (r.frag) {
        *o++ = '#';
        memcpy(o, r.frag, r.nfrag);
        o += r.nfrag;
    }
    *o = '\0';
    free(merged);
    free(path);
    return out;
}

/* ---- strings ---------------------------------------------------------- */

/* Characters (code points) in s[0..n). */
static size_t
utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* Byte offset of character k (0-based) in s[0..n), n when past the end. */
static size_t
utf8_offset(const char *s, size_t n, size_t k)
{
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

static int
fn_case(const struct dg_sterm *a, int upper, struct dg_sterm *out,
        struct dg_error *err)
{
    utf8proc_int32_t cp;
    size_t i = 0, o = 0;
    char *buf;
    if (!is_string(a))
        return 1;
    if (!(buf = malloc(a->len * 3 + 1)))
        return nomem(err);
    while (i < a->len) {
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)a->lex + i,
                             (utf8proc_ssize_t)(a->len - i), &cp);
        if (n <= 0) {
            free(buf);
            return 1;
        }
        i += (size_t)n;
        if (upper && cp == 0xDF) { /* the full mapping of sharp s */
            buf[o++] = 'S';
            buf[o++] = 'S';
            continue;
        }
        cp = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
        o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + o);
    }
    int r = set_str(out, buf, o, a->lang, err);
    free(buf);
    return r;
}

static int
fn_substr(const struct dg_expr *e, const struct dg_sterm *const *a,
          struct dg_sterm *out, struct dg_error *err)
{
    struct dg_num ns, nl;
    if (!is_string(a[0]) || !dg_num_parse(a[1], &ns) ||
        (e->nargs > 2 && !dg_num_parse(a[2], &nl)))
        return 1;
    /* characters at positions p with round(start) <= p < round(start) +
     * round(length), 1-based (XPath fn:substring) */
    double s = (double)m_floor(dg_num_double(&ns) + 0.5);
    double l =
        e->nargs > 2 ? (double)m_floor(dg_num_double(&nl) + 0.5) : INFINITY;
    double end = s + l;
    size_t nchars = utf8_count(a[0]->lex, a[0]->len);
    size_t from = 0, to = 0;
    if (!isnan(s) && !isnan(end)) {
        double f = s < 1 ? 1 : s;
        double t = end > (double)nchars + 1 ? (double)nchars + 1 : end;
        if (t > f) {
            from = (size_t)f - 1;
            to = (size_t)t - 1;
        }
    }
    size_t bf = utf8_offset(a[0]->lex, a[0]->len, from);
    size_t bt = utf8_offset(a[0]->lex, a[0]->len, to);
    return set_str(out, a[0]->lex + bf, bt - bf, a[0]->lang, err);
}

static const char *
find_bytes(const char *h, size_t hn, const char *n, size_t nn)
{
    if (nn == 0)
        return h;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == n[0] && !memcmp(h + i, n, nn))
            return h + i;
    return NULL;
}

static int
fn_strpos(int f, const struct dg_sterm *a, const struct dg_sterm *b,
          struct dg_sterm *out, struct dg_error *err)
{
    const char *hit;
    int v = 0;
    if (!compatible(a, b))
        return 1;
    switch (f) {
    case DG_F_CONTAINS:
        v = find_bytes(a->lex, a->len, b->lex, b->len) != NULL;
        break;
    case DG_F_STRSTARTS:
        v = b->len <= a->len && !memcmp(a->lex, b->lex, b->len);
        break;
    case DG_F_STRENDS:
        v = b->len <= a->len &&
            !memcmp(a->lex + a->len - b->len, b->lex, b->len);
        break;
    case DG_F_STRBEFORE:
    case DG_F_STRAFTER:
        hit = find_bytes(a->lex, a->len, b->lex, b->len);
        if (!hit)
            return set_str(out, "", 0, NULL, err);
        if (f == DG_F_STRBEFORE)
            return set_str(out, a->lex, (size_t)(hit - a->lex), a->lang, err);
        return set_str(out, hit + b->len,
                       a->len - (size_t)(hit - a->lex) - b->len, a->lang, err);
    }
    if (dg_bool_term(v, out) < 0)
        return nomem(err);
    return 0;
}

static int
fn_concat(size_t n, const struct dg_sterm *const *a, struct dg_sterm *out,
          struct dg_error *err)
{
    size_t len = 0, o = 0;
    const char *lang = NULL;
    int same = 1;
    for (size_t i = 0; i < n; i++) {
        if (!is_string(a[i]))
            return 1;
        len += a[i]->len;
        if (i == 0)
            lang = a[i]->lang;
        else if (!lang || !a[i]->lang || strcasecmp(lang, a[i]->lang))
            same = 0;
    }
    char *buf = malloc(len + 1);
    if (!buf)
        return nomem(err);
    for (size_t i = 0; i < n; i++) {
        if (a[i]->len)
            memcpy(buf + o, a[i]->lex, a[i]->len);
        o += a[i]->len;
    }
    int r = set_str(out, buf, len, same ? lang : NULL, err);
    free(buf);
    return r;
}

static int
fn_encode(const struct dg_sterm *a, struct dg_sterm *out, struct dg_error *err)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    if (!is_string(a))
        return 1;
    char *buf = malloc(a->len * 3 + 1);
    if (!buf)
        return nomem(err);
    for (size_t i = 0; i < a->len; i++) {
        unsigned char c = (unsigned char)a->lex[i];
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            buf[o++] = (char)c;
        } else {
            buf[o++] = '%';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    int r = set_str(out, buf, o, NULL, err);
    free(buf);
    return r;
}

static int
fn_hash(int f, const struct dg_sterm *a, struct dg_sterm *out,
        struct dg_error *err)
{
    const struct nettle_hash *h;
    uint8_t digest[64];
    char hexs[129];
    if (!is_simple(a))
        return 1;
    switch (f) {
    case DG_F_MD5: h = &nettle_md5; break;
    case DG_F_SHA1: h = &nettle_sha1; break;
    case DG_F_SHA256: h = &nettle_sha256; break;
    case DG_F_SHA384: h = &nettle_sha384; break;
    default: h = &nettle_sha512; break;
    }
    void *ctx = malloc(h->context_size);
    if (!ctx)
        return nomem(err);
    h->init(ctx);
    h->update(ctx, a->len, (const uint8_t *)a->lex);
    h->digest(ctx, h->digest_size, digest);
    free(ctx);
    for (unsigned i = 0; i < h->digest_size; i++)
        snprintf(hexs + 2 * i, 3, "%02x", digest[i]);
    return set_str(out, hexs, 2 * h->digest_size, NULL, err);
}

static void
make_uuid(struct dg_expr_env *env, char *buf)
{
    uint8_t b[16];
    uint64_t x = dg_func_rand(env), y = dg_func_rand(env);
    memcpy(b, &x, 8);
    memcpy(b + 8, &y, 8);
    b[6] = (uint8_t)((b[6] & 0x0F) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3F) | 0x80);
    snprintf(buf, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
             b[11], b[12], b[13], b[14], b[15]);
}

/* LANGMATCHES: RFC 4647 basic filtering. */
static int
lang_matches(const struct dg_sterm *tag, const struct dg_sterm *range)
{
    if (lex_is(range, "*"))
        return tag->len > 0;
    if (range->len > tag->len || strncasecmp(tag->lex, range->lex, range->len))
        return 0;
    return tag->len == range->len || tag->lex[range->len] == '-';
}

static int
valid_lang(const struct dg_sterm *t)
{
    if (!t->len)
        return 0;
    for (size_t i = 0; i < t->len; i++)
        if (!isalnum((unsigned char)t->lex[i]) && t->lex[i] != '-')
            return 0;
    return isalpha((unsigned char)t->lex[0]);
}

/* ABS, CEIL, FLOOR, ROUND on n. */
static void
num_round(int f, struct dg_num *n)
{
    if (n->type >= DG_N_FLOAT) {
        double d = n->d;
        switch (f) {
        case DG_F_ABS: d = d < 0 ? -d : d; break;
        case DG_F_CEIL: d = (double)m_ceil(d); break;
        case DG_F_FLOOR: d = (double)m_floor(d); break;
        default:
            if (isfinite(d) && d != 0) {
                double r = (double)m_floor(d + 0.5);
                d = (r == 0 && d < 0) ? -0.0 : r;
            }
        }
        n->d = n->type == DG_N_FLOAT ? (float)d : d;
        return;
    }
    if (n->approx) {
        long double d = n->ld;
        n->ld = f == DG_F_ABS     ? (d < 0 ? -d : d)
                : f == DG_F_CEIL  ? m_ceil(d)
                : f == DG_F_FLOOR ? m_floor(d)
                                  : m_floor(d + 0.5L);
        return;
    }
    if (f == DG_F_ABS) {
        if (n->m < 0)
            n->m = -n->m;
        return;
    }
    if (n->scale == 0)
        return;
    dg_i128 p = pow10_i(n->scale);
    dg_i128 q = n->m / p, r = n->m % p; /* truncated toward zero */
    if (f == DG_F_FLOOR && r < 0)
        q--;
    else if (f == DG_F_CEIL && r > 0)
        q++;
    else if (f == DG_F_ROUND) {
        /* half toward positive infinity */
        if (r > 0 && 2 * r >= p)
            q++;
        else if (r < 0 && 2 * -r > p)
            q--;
    }
    n->m = q;
    n->scale = 0;
}

static int
fn_date_part(int f, const struct dg_sterm *a, struct dg_sterm *out,
             struct dg_error *err)
{
    struct dg_date d;
    /* an extension, as in Oxigraph: YEAR of xsd:gYear and xsd:gYearMonth,
     * MONTH of xsd:gYearMonth (diplograph's own data uses them) */
    if (a->kind == DG_ST_LITERAL && a->dt && !a->lang &&
        (!strcmp(a->dt, XSD "gYear") || !strcmp(a->dt, XSD "gYearMonth")) &&
        (f == DG_F_YEAR || (f == DG_F_MONTH && a->dt[33] == 'g' &&
                            !strcmp(a->dt + 33, "gYearMonth")))) {
        long long v = 0;
        size_t i = 0, digits = 0;
        int neg = a->len && a->lex[0] == '-';
        i = (size_t)neg;
        for (; i < a->len && a->lex[i] >= '0' && a->lex[i] <= '9'; i++) {
            if (++digits > 12)
                return 1;
            v = v * 10 + (a->lex[i] - '0');
        }
        if (digits < 4)
            return 1;
        if (f == DG_F_MONTH) {
            if (i + 3 > a->len || a->lex[i] != '-' || a->lex[i + 1] < '0' ||
                a->lex[i + 1] > '1' || a->lex[i + 2] < '0' ||
                a->lex[i + 2] > '9')
                return 1;
            v = (a->lex[i + 1] - '0') * 10 + (a->lex[i + 2] - '0');
            if (v < 1 || v > 12)
                return 1;
            return set_int(out, v, err);
        }
        return set_int(out, neg ? -v : v, err);
    }
    if (!dg_date_parse(a, &d))
        return 1;
    switch (f) {
    case DG_F_YEAR:
    case DG_F_MONTH:
    case DG_F_DAY:
        if (d.kind == DG_D_TIME)
            return 1;
        return set_int(out,
                       f == DG_F_YEAR    ? d.year
                       : f == DG_F_MONTH ? d.month
                                         : d.day,
                       err);
    case DG_F_HOURS:
    case DG_F_MINUTES:
        if (d.kind == DG_D_DATE)
            return 1;
        return set_int(out, f == DG_F_HOURS ? d.hour : d.minute, err);
    case DG_F_SECONDS: {
        struct dg_num n;
        if (d.kind == DG_D_DATE)
            return 1;
        memset(&n, 0, sizeof n);
        n.type = DG_N_DECIMAL;
        n.m = d.second;
        for (int i = 0; i < d.nfrac && i < 30; i++) {
            n.m = n.m * 10 + (d.frac[i] - '0');
            n.scale++;
        }
        normalise(&n);
        if (dg_num_term(&n, out) < 0)
            return nomem(err);
        return 0;
    }
    case DG_F_TIMEZONE: {
        char buf[32];
        int tz = d.tz < 0 ? -d.tz : d.tz, o = 0;
        if (!d.has_tz)
            return 1;
        if (d.tz == 0) {
            snprintf(buf, sizeof buf, "PT0S");
        } else {
            o = snprintf(buf, sizeof buf, "%sPT", d.tz < 0 ? "-" : "");
            if (tz / 60)
                o += snprintf(buf + o, sizeof buf - (size_t)o, "%dH", tz / 60);
            if (tz % 60)
                snprintf(buf + o, sizeof buf - (size_t)o, "%dM", tz % 60);
        }
        return set_typed(out, buf, XSD "dayTimeDuration", err);
    }
    default: /* TZ */
        return set_str(out, d.has_tz ? d.tz_lex : "",
                       d.has_tz ? (size_t)d.tz_len : 0, NULL, err);
    }
}

int
dg_func_builtin(struct dg_expr_env *env, const struct dg_expr *e,
                const struct dg_sterm *const *a, struct dg_sterm *out,
                struct dg_error *err)
{
    struct dg_num n;
    char buf[96];
    int f = e->func;
    switch (f) {
    case DG_F_STR:
        if (a[0]->kind != DG_ST_IRI && a[0]->kind != DG_ST_LITERAL)
            return 1;
        return set_str(out, a[0]->lex, a[0]->len, NULL, err);
    case DG_F_LANG:
        if (a[0]->kind != DG_ST_LITERAL)
            return 1;
        return set_str(out, a[0]->lang ? a[0]->lang : "",
                       a[0]->lang ? strlen(a[0]->lang) : 0, NULL, err);
    case DG_F_LANGMATCHES:
        if (!is_simple(a[0]) || !is_simple(a[1]))
            return 1;
        if (dg_bool_term(lang_matches(a[0], a[1]), out) < 0)
            return nomem(err);
        return 0;
    case DG_F_DATATYPE:
        if (a[0]->kind != DG_ST_LITERAL)
            return 1;
        if (dg_sterm_set_str(out, DG_ST_IRI,
                             a[0]->lang ? DG_RDF_LANGSTRING
                             : a[0]->dt ? a[0]->dt
                                        : XSD "string",
                             NULL, NULL) < 0)
            return nomem(err);
        return 0;
    case DG_F_IRI: {
        if (a[0]->kind == DG_ST_IRI)
            return dg_sterm_copy(out, a[0]) < 0 ? nomem(err) : 0;
        if (!is_simple(a[0]) || memchr(a[0]->lex, '\0', a[0]->len))
            return 1;
        char *iri = iri_resolve(env->base, a[0]->lex);
        if (!iri)
            return nomem(err);
        int r = dg_sterm_set_str(out, DG_ST_IRI, iri, NULL, NULL);
        free(iri);
        return r < 0 ? nomem(err) : 0;
    }
    case DG_F_BNODE:
        if (e->nargs == 0) {
            snprintf(buf, sizeof buf, "_e%llu",
                     (unsigned long long)++env->bnodes);
        } else {
            if (!is_simple(a[0]))
                return 1;
            uint64_t h = 1469598103934665603ULL;
            for (size_t i = 0; i < a[0]->len; i++)
                h = (h ^ (unsigned char)a[0]->lex[i]) * 1099511628211ULL;
            snprintf(buf, sizeof buf, "_e%llux%016llx",
                     (unsigned long long)env->solution, (unsigned long long)h);
        }
        return dg_sterm_set_str(out, DG_ST_BLANK, buf, NULL, NULL) < 0
                   ? nomem(err)
                   : 0;
    case DG_F_RAND:
        memset(&n, 0, sizeof n);
        n.type = DG_N_DOUBLE;
        n.d = (double)(dg_func_rand(env) >> 11) * 0x1.0p-53;
        return dg_num_term(&n, out) < 0 ? nomem(err) : 0;
    case DG_F_ABS:
    case DG_F_CEIL:
    case DG_F_FLOOR:
    case DG_F_ROUND:
        if (!dg_num_parse(a[0], &n))
            return 1;
        num_round(f, &n);
        return dg_num_term(&n, out) < 0 ? nomem(err) : 0;
    case DG_F_CONCAT: return fn_concat(e->nargs, a, out, err);
    case DG_F_SUBSTR: return fn_substr(e, a, out, err);
    case DG_F_STRLEN:
        if (!is_string(a[0]))
            return 1;
        return set_int(out, (long long)utf8_count(a[0]->lex, a[0]->len), err);
    case DG_F_REPLACE: return fn_replace(env, e, a, out, err);
    case DG_F_UCASE:
    case DG_F_LCASE: return fn_case(a[0], f == DG_F_UCASE, out, err);
    case DG_F_ENCODE_FOR_URI: return fn_encode(a[0], out, err);
    case DG_F_CONTAINS:
    case DG_F_STRSTARTS:
    case DG_F_STRENDS:
    case DG_F_STRBEFORE:
    case DG_F_STRAFTER: return fn_strpos(f, a[0], a[1], out, err);
    case DG_F_YEAR:
    case DG_F_MONTH:
    case DG_F_DAY:
    case DG_F_HOURS:
    case DG_F_MINUTES:
    case DG_F_SECONDS:
    case DG_F_TIMEZONE:
    case DG_F_TZ: return fn_date_part(f, a[0], out, err);
    case DG_F_NOW: return dg_sterm_copy(out, &env->now) < 0 ? nomem(err) : 0;
    case DG_F_UUID:
    case DG_F_STRUUID: {
        char u[48];
        make_uuid(env, u);
        snprintf(buf, sizeof buf, "%s%s", f == DG_F_UUID ? "urn:uuid:" : "", u);
        return dg_sterm_set_str(out, f == DG_F_UUID ? DG_ST_IRI : DG_ST_LITERAL,
                                buf, NULL, NULL) < 0
                   ? nomem(err)
                   : 0;
    }
    case DG_F_MD5:
    case DG_F_SHA1:
    case DG_F_SHA256:
    case DG_F_SHA384:
    case DG_F_SHA512: return fn_hash(f, a[0], out, err);
    case DG_F_STRLANG:
        if (!is_simple(a[0]) || !is_simple(a[1]) || !valid_lang(a[1]))
            return 1;
        return set_str(out, a[0]->lex, a[0]->len, a[1]->lex, err);
    case DG_F_STRDT:
        if (!is_simple(a[0]) || a[1]->kind != DG_ST_IRI)
            return 1;
        if (!strcmp(a[1]->lex, DG_RDF_LANGSTRING))
            return 1;
        return dg_sterm_set(out, DG_ST_LITERAL, a[0]->lex, a[0]->len, a[1]->lex,
                            NULL) < 0
                   ? nomem(err)
                   : 0;
    case DG_F_SAMETERM:
        return dg_bool_term(dg_sterm_same(a[0], a[1]), out) < 0 ? nomem(err)
                                                                : 0;
    case DG_F_ISIRI:
    case DG_F_ISBLANK:
    case DG_F_ISLITERAL: {
        int kind = f == DG_F_ISIRI     ? DG_ST_IRI
                   : f == DG_F_ISBLANK ? DG_ST_BLANK
                                       : DG_ST_LITERAL;
        return dg_bool_term(a[0]->kind == kind, out) < 0 ? nomem(err) : 0;
    }
    case DG_F_ISNUMERIC:
        return dg_bool_term(dg_num_parse(a[0], &n), out) < 0 ? nomem(err) : 0;
    case DG_F_REGEX: return fn_regex(env, e, a, out, err);
    }
    return dg_error_set(err, DG_ERR_INTERNAL, "unknown built-in function %d",
                        f);
}

/* ---- casts (17.5) ----------------------------------------------------- */

/* a literal view of s[0..n) with datatype dt, for validation */
static struct dg_sterm
view(const char *s, size_t n, const char *dt)
{
    struct dg_sterm t;
    memset(&t, 0, sizeof t);
    t.kind = DG_ST_LITERAL;
    t.lex = (char *)s;
    t.len = n;
    t.dt = (char *)dt;
    return t;
}

/* Double to an exact decimal (via the shortest round-trip digits). */
static int
double_to_decimal(double d, struct dg_num *n)
{
    char digits[32];
    int nd = 0, expo;
    if (!isfinite(d))
        return 0;
    memset(n, 0, sizeof n[0]);
    n->type = DG_N_DECIMAL;
    if (d == 0)
        return 1;
    expo = shortest_digits(d < 0 ? -d : d, 0, digits, &nd);
    /* value = 0.digits... : d.ddd * 10^expo = digits * 10^(expo-nd+1) */
    dg_i128 m = 0;
    for (int i = 0; i < nd; i++)
        m = m * 10 + (digits[i] - '0');
    if (d < 0)
        m = -m;
    int shift = expo - nd + 1;
    if (shift >= 0) {
        if (scale_up(m, shift, &n->m)) {
            n->approx = 1;
            n->ld = d;
        }
    } else if (-shift > 38) {
        n->approx = 1;
        n->ld = d;
    } else {
        n->m = m;
        n->scale = -shift;
    }
    normalise(n);
    return 1;
}

static void
trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static int
cast(const char *to, const struct dg_sterm *a, struct dg_sterm *out,
     struct dg_error *err)
{
    struct dg_num n, r;
    struct dg_date d;
    int b;
    int str = is_simple(a), num = dg_num_parse(a, &n);
    int isbool = dg_bool_parse(a, &b);
    const char *s = a->lex;
    size_t len = a->len;
    if (!strcmp(to, "string")) {
        /* numbers and booleans as XPath casts them: canonical */
        if (num || isbool) {
            struct dg_sterm c = {0};
            int rc = num ? dg_num_term(&n, &c) : dg_bool_term(b, &c);
            if (rc < 0)
                return nomem(err);
            rc = set_str(out, c.lex, c.len, NULL, err);
            dg_sterm_clear(&c);
            return rc;
        }
        if (a->kind == DG_ST_IRI || (a->kind == DG_ST_LITERAL && !a->lang))
            return set_str(out, a->lex, a->len, NULL, err);
        return 1;
    }
    if (a->kind != DG_ST_LITERAL || a->lang)
        return 1;
    if (str)
        trim(&s, &len);
    if (!strcmp(to, "boolean")) {
        if (str) {
            struct dg_sterm v = view(s, len, XSD "boolean");
            if (!dg_bool_parse(&v, &b))
                return 1;
        } else if (num) {
            b = n.type >= DG_N_FLOAT ? !(n.d == 0 || isnan(n.d))
                                     : dg_num_double(&n) != 0;
        } else if (!isbool) {
            return 1;
        }
        return dg_bool_term(b, out) < 0 ? nomem(err) : 0;
    }
    if (!strcmp(to, "integer") || !strcmp(to, "decimal")) {
        int integer = to[0] == 'i';
        if (str) {
            struct dg_sterm v =
                view(s, len, integer ? XSD "integer" : XSD "decimal");
            if (!dg_num_parse(&v, &r))
                return 1;
        } else if (isbool) {
            dg_num_int(&r, b);
        } else if (!num) {
            return 1;
        } else if (n.type >= DG_N_FLOAT) {
            if (!double_to_decimal(integer ? (double)m_trunc(n.d) : n.d, &r))
                return 1;
        } else {
            r = n;
        }
        if (integer) {
            if (r.approx)
                r.ld = m_trunc(r.ld);
            else if (r.scale) {
                r.m /= pow10_i(r.scale);
                r.scale = 0;
            }
        }
        r.type = integer ? DG_N_INTEGER : DG_N_DECIMAL;
        return dg_num_term(&r, out) < 0 ? nomem(err) : 0;
    }
    if (!strcmp(to, "double") || !strcmp(to, "float")) {
        memset(&r, 0, sizeof r);
        r.type = to[0] == 'd' ? DG_N_DOUBLE : DG_N_FLOAT;
        if (str) {
            if (!parse_double(s, len, &r.d))
                return 1;
        } else if (isbool) {
            r.d = b;
        } else if (num) {
            r.d = dg_num_double(&n);
        } else {
            return 1;
        }
        if (r.type == DG_N_FLOAT)
            r.d = (float)r.d;
        return dg_num_term(&r, out) < 0 ? nomem(err) : 0;
    }
    if (!strcmp(to, "dateTime") || !strcmp(to, "date") || !strcmp(to, "time")) {
        char dt[64], *buf;
        snprintf(dt, sizeof dt, XSD "%s", to);
        if (str) {
            struct dg_sterm v = view(s, len, dt);
            if (!dg_date_parse(&v, &d))
                return 1;
            return dg_sterm_set(out, DG_ST_LITERAL, s, len, dt, NULL) < 0
                       ? nomem(err)
                       : 0;
        }
        if (!dg_date_parse(a, &d))
            return 1;
        if (!strcmp(a->dt, dt))
            return dg_sterm_copy(out, a) < 0 ? nomem(err) : 0;
        if (!(buf = malloc(a->len + 16)))
            return nomem(err);
        const char *tzs = d.has_tz ? d.tz_lex : "";
        int tzl = d.has_tz ? d.tz_len : 0;
        const char *t = memchr(a->lex, 'T', a->len);
        int ok = 1;
        if (d.kind == DG_D_DATE && !strcmp(to, "dateTime"))
            snprintf(buf, a->len + 16, "%.*sT00:00:00%.*s",
                     (int)(a->len - (size_t)tzl), a->lex, tzl, tzs);
        else if (d.kind == DG_D_DATETIME && !strcmp(to, "date"))
            snprintf(buf, a->len + 16, "%.*s%.*s", (int)(t - a->lex), a->lex,
                     tzl, tzs);
        else if (d.kind == DG_D_DATETIME && !strcmp(to, "time"))
            snprintf(buf, a->len + 16, "%s", t + 1);
        else
            ok = 0;
        int rc = ok ? set_typed(out, buf, dt, err) : 1;
        free(buf);
        return rc;
    }
    return 1;
}

int
dg_func_call(struct dg_expr_env *env, const char *iri, size_t nargs,
             const struct dg_sterm *const *args, struct dg_sterm *out,
             struct dg_error *err)
{
    (void)env;
    struct dg_num n;
    if (nargs != 1 || strncmp(iri, XSD, 33))
        return 1;
    if (!int_type(iri) || !strcmp(iri + 33, "integer"))
        return cast(iri + 33, args[0], out, err);
    /* xsd:int & co.: an integer cast, then the type's range */
    int r = cast("integer", args[0], out, err);
    if (r)
        return r;
    char *dt = strdup(iri);
    if (!dt) {
        dg_sterm_clear(out);
        return nomem(err);
    }
    free(out->dt);
    out->dt = dt;
    if (!dg_num_parse(out, &n)) {
        dg_sterm_clear(out);
        return 1;
    }
    return 0;
}
