/* dates.c: see dates.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/dates.h"
#include "extract/match.h"

#define DATE_WORDS "date-words.tsv"

enum wclass {
    W_NONE,
    W_MONTH,
    W_WEEKDAY,
    W_THIS,
    W_LAST,
    W_NEXT,
    W_UNIT,
    W_RELDAY,
    W_FUTURE,
    W_RANGE
};

struct word {
    int cls;   /* enum wclass */
    int val;   /* month, weekday, deictic or day offset */
    char unit; /* 'd', 'w', 'm', 'y' for W_UNIT */
    size_t len;
};

static const struct dg_lex_table *
words_table(const struct dg_doc *d)
{
    return dg_lexicon_table(d->lex, DATE_WORDS);
}

/* The date word at k (longest match), or cls W_NONE. */
static struct word
word_at(const struct dg_doc *d, size_t k, size_t end)
{
    struct word w = {W_NONE, 0, 0, 0};
    const struct dg_lex_table *t = words_table(d);
    int row;
    size_t n;

    if (k >= end || !t)
        return w;
    n = dg_trie_match(dg_lex_table_trie(t), d->tok, k, end, 0, &row);
    if (!n)
        return w;
    const char *c = dg_lex_table_field(t, (size_t)row, 1);
    const char *v = dg_lex_table_field(t, (size_t)row, 2);
    static const struct {
        const char *name;
        int cls;
    } classes[] = {
        {"month", W_MONTH},    {"weekday", W_WEEKDAY}, {"this", W_THIS},
        {"last", W_LAST},      {"next", W_NEXT},       {"unit", W_UNIT},
        {"rel-day", W_RELDAY}, {"future", W_FUTURE},   {"range", W_RANGE},
    };
    for (size_t i = 0; i < sizeof classes / sizeof *classes; i++)
        if (strcmp(c, classes[i].name) == 0)
            w.cls = classes[i].cls;
    if (w.cls == W_NONE)
        return w;
    w.val = atoi(v);
    w.unit = v[0];
    w.len = n;
    return w;
}

static int
is_tok(const struct dg_doc *d, size_t k, size_t end, const char *s)
{
    return k < end && strcmp(d->tok[k].lower, s) == 0;
}

/* A day of month at k ("6", "6th"): 1-31, else 0. */
static int
day_tok(const struct dg_doc *d, size_t k, size_t end)
{
    if (k >= end || !(d->tok[k].flags & DG_TOK_DIGIT))
        return 0;
    const char *s = d->tok[k].lower;
    int v = 0, n = 0;
    while (*s >= '0' && *s <= '9' && n < 3) {
        v = v * 10 + (*s++ - '0');
        n++;
    }
    if (*s && strcmp(s, "st") && strcmp(s, "nd") && strcmp(s, "rd") &&
        strcmp(s, "th"))
        return 0;
    return v >= 1 && v <= 31 ? v : 0;
}

int
dg_dates_word(const struct dg_doc *d, size_t k, size_t end)
{
    struct word w = word_at(d, k, end);
    return w.cls != W_NONE && w.cls != W_FUTURE && w.cls != W_RANGE;
}

int
dg_dates_year_tok(const struct dg_doc *d, size_t k)
{
    const char *s = d->tok[k].lower;
    if (!(d->tok[k].flags & DG_TOK_DIGIT) || strlen(s) != 4)
        return 0;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v >= 1900 && v <= 2100 ? v : 0;
}

/* A year at k that is part of a span ("2021-2023", "(2021-2025)") or of
 * a document's title ("Regulations (2005)"). */
static int
year_in_span(const struct dg_doc *d, size_t first, size_t k, size_t end)
{
    const struct dg_token *t = d->tok;
    if (k + 2 < end && strcmp(t[k + 1].lower, "-") == 0 &&
        (t[k + 2].flags & DG_TOK_DIGIT))
        return 1;
    if (k >= first + 2 && strcmp(t[k - 1].lower, "-") == 0 &&
        (t[k - 2].flags & DG_TOK_DIGIT))
        return 1;
    if (k > first && k + 1 < end && strcmp(t[k - 1].lower, "(") == 0 &&
        strcmp(t[k + 1].lower, ")") == 0)
        return 1;
    return 0;
}

/* ---- calendar ---------------------------------------------------------- */

static long
days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* 1 Monday .. 7 Sunday */
static int
weekday_of(long days)
{
    long w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

static void
set_days(struct dg_date *out, long z)
{
    civil_from_days(z, &out->y, &out->m, &out->d);
}

/* ---- context ------------------------------------------------------------ */

void
dg_dates_context(const struct dg_doc *d, struct dg_date_ctx *ctx)
{
    const char *ad = dg_article_date(d->article);
    int ymax = 0, nmax = 0, this_seen = 0, art_seen = 0;

    memset(ctx, 0, sizeof *ctx);
    if (ad && sscanf(ad, "%4d-%2d-%2d", &ctx->ay, &ctx->am, &ctx->ad) != 3)
        ctx->ay = ctx->am = ctx->ad = 0;
    for (size_t s = 0; s < d->nsent; s++) {
        const struct dg_sentence *se = &d->sent[s];
        if (se->flags & DG_SENT_NOMINE)
            continue;
        for (size_t k = se->tok_first; k < se->tok_end; k++) {
            int y = dg_dates_year_tok(d, k);
            if (y) {
                if (y == ctx->ay)
                    art_seen = 1;
                if (!year_in_span(d, se->tok_first, k, se->tok_end) &&
                    !dg_dates_future_at(d, se->tok_first, k, 12)) {
                    if (y > ymax) {
                        ymax = y;
                        nmax = 0;
                    }
                    if (y == ymax)
                        nmax++;
                }
                continue;
            }
            struct word w = word_at(d, k, se->tok_end);
            if (w.cls == W_THIS) {
                struct word n = word_at(d, k + w.len, se->tok_end);
                if (n.cls == W_MONTH || (n.cls == W_UNIT && n.unit == 'y'))
                    this_seen = 1;
            }
        }
    }
    if (ctx->ay) {
        ctx->year = ctx->ay;
        ctx->certain = art_seen || this_seen ? ctx->ay : 0;
    } else if (ymax && (this_seen || nmax >= 2)) {
        ctx->year = ctx->certain = ymax;
    }
}

int
dg_dates_future_at(const struct dg_doc *d, size_t first, size_t k,
                   size_t window)
{
    size_t from = k > first + window ? k - window : first;
    for (size_t j = from; j < k; j++) {
        const char *w = d->tok[j].lower;
        if (strcmp(w, ";") == 0 || strcmp(w, ".") == 0)
            from = j + 1;
    }
    for (size_t j = from; j < k; j++) {
        struct word w = word_at(d, j, k);
        if (w.cls == W_FUTURE)
            return 1;
        if (w.len > 1)
            j += w.len - 1;
    }
    return 0;
}

/* ---- expressions -------------------------------------------------------- */

static const char *const lead_words[] = {
    "in",  "since", "until", "till",    "during", "throughout", "early", "late",
    "mid", "by",    "from",  "through", "before", "after",      NULL};

static int
lead_before(const struct dg_doc *d, size_t first, size_t k)
{
    if (k <= first)
        return 0;
    const char *w = d->tok[k - 1].lower;
    if (strcmp(w, "-") == 0 && k >= first + 2) /* "mid-2023" */
        w = d->tok[k - 2].lower;
    return dg_word_in(lead_words, w);
}

/* Fills the year of a month(-day) without one. */
static void
resolve_year(const struct dg_date_ctx *ctx, int future, struct dg_date *o)
{
    if (!ctx->year) {
        o->y = 0;
        return;
    }
    o->y = ctx->year;
    if (!ctx->ay)
        return;
    int after = o->m > ctx->am || (o->m == ctx->am && o->d > ctx->ad);
    int before = o->m < ctx->am || (o->m == ctx->am && o->d && o->d < ctx->ad);
    if (!future && after)
        o->y--;
    else if (future && before)
        o->y++;
}

/* "last year", "next year", "this year" at j: fills *y from the article
 * year and returns 2, else 0. */
static size_t
year_word(const struct dg_doc *d, const struct dg_date_ctx *ctx, size_t j,
          size_t end, int *y)
{
    int base = ctx->ay ? ctx->ay : ctx->year;
    if (!base || j + 1 >= end || !is_tok(d, j + 1, end, "year"))
        return 0;
    if (is_tok(d, j, end, "last") || is_tok(d, j, end, "previous"))
        *y = base - 1;
    else if (is_tok(d, j, end, "next"))
        *y = base + 1;
    else if (is_tok(d, j, end, "this"))
        *y = base;
    else
        return 0;
    return 2;
}

static size_t
match_month(const struct dg_doc *d, const struct dg_date_ctx *ctx, size_t first,
            size_t k, size_t end, int future, struct dg_date *out,
            struct word w)
{
    size_t j = k + w.len;
    int day = day_tok(d, j, end), y;
    out->m = w.val;
    /* "the August 1st Building": a name, not a date */
    if (day && j + 1 < end &&
        !(d->tok[j].lower[0] >= '0' &&
          d->tok[j].lower[strlen(d->tok[j].lower) - 1] <= '9') &&
        (d->tok[j + 1].flags & DG_TOK_CAP) &&
        (d->tok[j + 1].flags & DG_TOK_WORD) &&
        word_at(d, j + 1, end).cls == W_NONE)
        return 0;
    if (day && !dg_dates_year_tok(d, j)) {
        out->d = day;
        j++;
        /* "July 11-12", "July 11 and 12" */
        if (j + 1 < end &&
            (is_tok(d, j, end, "-") || is_tok(d, j, end, "and") ||
             is_tok(d, j, end, "to")) &&
            day_tok(d, j + 1, end) && !dg_dates_year_tok(d, j + 1))
            j += 2;
        size_t c = j;
        if (is_tok(d, c, end, ","))
            c++;
        if (c < end && (y = dg_dates_year_tok(d, c))) {
            out->y = y;
            return c + 1 - k;
        }
        size_t n = year_word(d, ctx, j, end, &y); /* "June 3 last year" */
        if (n) {
            out->y = y;
            return j + n - k;
        }
        resolve_year(ctx, future, out);
        return j - k;
    }
    if (j < end && (y = dg_dates_year_tok(d, j))) {
        out->y = y;
        return j + 1 - k;
    }
    size_t yn = year_word(d, ctx, j, end, &y); /* "in March last year" */
    if (yn) {
        out->y = y;
        return j + yn - k;
    }
    /* a month alone: only after "in", "since", ... */
    if (!lead_before(d, first, k))
        return 0;
    resolve_year(ctx, future, out);
    return out->y ? j - k : 0;
}

size_t
dg_dates_match(const struct dg_doc *d, const struct dg_date_ctx *ctx,
               size_t first, size_t k, size_t end, int future,
               struct dg_date *out)
{
    struct word w;
    int v;
    long art = ctx->ay ? days_from_civil(ctx->ay, ctx->am, ctx->ad) : 0;

    memset(out, 0, sizeof *out);
    if (k >= end)
        return 0;
    /* "9/1/2018", "09.01.2018": day first, unless the first number
     * cannot be a day's month and day order fits better; an ambiguous
     * pair takes the reading nearer the article date */
    if ((v = day_tok(d, k, end)) && k + 4 < end &&
        (is_tok(d, k + 1, end, "/") || is_tok(d, k + 1, end, ".")) &&
        is_tok(d, k + 3, end, d->tok[k + 1].lower) && day_tok(d, k + 2, end) &&
        dg_dates_year_tok(d, k + 4) && !(d->tok[k + 1].flags & DG_TOK_SPACE) &&
        !(d->tok[k + 2].flags & DG_TOK_SPACE) &&
        !(d->tok[k + 3].flags & DG_TOK_SPACE) &&
        !(d->tok[k + 4].flags & DG_TOK_SPACE)) {
        int a = v, b = day_tok(d, k + 2, end), y = dg_dates_year_tok(d, k + 4);
        int dm = b <= 12, md = a <= 12;
        if (dm && md && art) {
            long x = days_from_civil(y, b, a), z = days_from_civil(y, a, b);
            long dx = x > art ? x - art : art - x;
            long dz = z > art ? z - art : art - z;
            dm = dx <= dz;
            md = !dm;
        }
        if (dm) {
            out->y = y, out->m = b, out->d = a;
            return 5;
        }
        if (md) {
            out->y = y, out->m = a, out->d = b;
            return 5;
        }
        return 0;
    }
    /* "6 July 2022", "11 and 12 July", "11-12 July" (the first day) */
    if ((v = day_tok(d, k, end)) && !dg_dates_year_tok(d, k)) {
        size_t m = k + 1;
        if (m + 1 < end &&
            (is_tok(d, m, end, "and") || is_tok(d, m, end, "-") ||
             is_tok(d, m, end, "to")) &&
            day_tok(d, m + 1, end))
            m += 2;
        w = word_at(d, m, end);
        if (w.cls == W_MONTH) {
            int y;
            size_t j = m + w.len;
            out->m = w.val;
            out->d = v;
            if (j < end && (y = dg_dates_year_tok(d, j))) {
                out->y = y;
                return j + 1 - k;
            }
            size_t n = year_word(d, ctx, j, end, &y); /* "27 May last year" */
            if (n) {
                out->y = y;
                return j + n - k;
            }
            resolve_year(ctx, future, out);
            return j - k;
        }
        return 0;
    }
    if ((v = dg_dates_year_tok(d, k))) {
        /* ISO 8601: "2024-06-05" written without spaces */
        int mo, dy;
        if (k + 4 < end && is_tok(d, k + 1, end, "-") &&
            is_tok(d, k + 3, end, "-") && strlen(d->tok[k + 2].lower) == 2 &&
            strlen(d->tok[k + 4].lower) == 2 && (mo = day_tok(d, k + 2, end)) &&
            mo <= 12 && (dy = day_tok(d, k + 4, end)) &&
            !(d->tok[k + 1].flags & DG_TOK_SPACE) &&
            !(d->tok[k + 2].flags & DG_TOK_SPACE) &&
            !(d->tok[k + 3].flags & DG_TOK_SPACE) &&
            !(d->tok[k + 4].flags & DG_TOK_SPACE)) {
            out->y = v;
            out->m = mo;
            out->d = dy;
            return 5;
        }
        if (year_in_span(d, first, k, end) || !lead_before(d, first, k))
            return 0;
        w = word_at(d, k + 1, end);
        if (w.cls == W_RANGE)
            return 0;
        out->y = v;
        return 1;
    }
    w = word_at(d, k, end);
    switch (w.cls) {
    case W_MONTH: return match_month(d, ctx, first, k, end, future, out, w);
    case W_WEEKDAY:
        if (ctx->ay) {
            int aw = weekday_of(art);
            int back = (aw - w.val + 7) % 7;
            int fwd = (w.val - aw + 7) % 7;
            set_days(out, future ? art + (fwd ? fwd : 7) : art - back);
        } else if (ctx->year) {
            out->y = ctx->year;
        } else {
            return 0;
        }
        out->inferred = 1;
        return w.len;
    case W_RELDAY:
        if (!ctx->ay)
            return 0;
        set_days(out, art + w.val);
        out->inferred = 1;
        return w.len;
    case W_THIS:
    case W_LAST:
    case W_NEXT: {
        struct word n = word_at(d, k + w.len, end);
        int delta = w.cls == W_THIS ? 0 : w.cls == W_LAST ? -1 : 1;
        size_t len = w.len + n.len;
        if (n.cls == W_MONTH) {
            if (!ctx->year)
                return 0;
            out->m = n.val;
            out->y = ctx->year;
            if (ctx->ay && delta < 0 && n.val >= ctx->am)
                out->y--;
            else if (ctx->ay && delta > 0 && n.val <= ctx->am)
                out->y++;
            return len;
        }
        if (n.cls == W_WEEKDAY) {
            if (!ctx->ay)
                return 0;
            int aw = weekday_of(art);
            long z;
            if (delta < 0) {
                int back = (aw - n.val + 7) % 7;
                z = art - (back ? back : 7);
            } else if (delta > 0) {
                int fwd = (n.val - aw + 7) % 7;
                z = art + (fwd ? fwd : 7);
            } else {
                z = art + (n.val - aw);
            }
            set_days(out, z);
            out->inferred = 1;
            return len;
        }
        if (n.cls == W_UNIT) {
            if (n.unit == 'y' && ctx->year) {
                out->y = ctx->year + delta;
                return len;
            }
            if (!ctx->ay)
                return 0;
            if (n.unit == 'm') {
                int m = ctx->am + delta, y = ctx->ay;
                if (m < 1) {
                    m = 12;
                    y--;
                } else if (m > 12) {
                    m = 1;
                    y++;
                }
                out->y = y;
                out->m = m;
                out->inferred = 1;
                return len;
            }
            if (n.unit == 'w' || n.unit == 'd') {
                set_days(out, art + (n.unit == 'w' ? 7 : 1) * delta);
                out->inferred = 1;
                return len;
            }
        }
        return 0;
    }
    default: return 0;
    }
}

int
dg_dates_precision(const struct dg_date *dt)
{
    if (dt->y && dt->m && dt->d)
        return 4;
    if (dt->y && dt->m)
        return 3;
    if (!dt->y && dt->m && dt->d)
        return 2;
    if (dt->y)
        return 1;
    return 0;
}

const char *
dg_dates_format(const struct dg_date *dt, char *buf, size_t size)
{
    switch (dg_dates_precision(dt)) {
    case 4:
        snprintf(buf, size, "%04d-%02d-%02d", dt->y, dt->m, dt->d);
        return DG_NS_XSD "date";
    case 3:
        snprintf(buf, size, "%04d-%02d", dt->y, dt->m);
        return DG_NS_XSD "gYearMonth";
    case 2:
        snprintf(buf, size, "--%02d-%02d", dt->m, dt->d);
        return DG_NS_XSD "gMonthDay";
    case 1: snprintf(buf, size, "%04d", dt->y); return DG_NS_XSD "gYear";
    default:
        if (size)
            buf[0] = '\0';
        return NULL;
    }
}
