/* dates.h: date expressions of a doc, resolved against the article date.
 *
 * The words are data (date-words.tsv: months, weekdays, deictics such as
 * "this"/"last"/"next", units, "yesterday", future markers and range
 * words).  dg_dates_match() reads one expression at a token:
 *   "July 6", "6 July", "April 6, 2021", "Aug. 4"      month and day
 *   "February 2020", "in February"                     month
 *   "in 2023"                                          year (not "2021-2023",
 *                                                      not "the 2021 plan")
 *   "this October", "last June", "next month",
 *   "this year"                                        deictic
 *   "on Wednesday", "last Friday"                      weekday
 *   "today", "yesterday", "tomorrow"                   relative day
 * and resolves it with a struct dg_date_ctx: a month without a year takes
 * the article's year, or the year before when it lies after the article
 * date in a past-tense clause (the year after when before it in a future
 * one); a weekday is the most recent such day on or before the article
 * date (the next one in a future clause) and is marked inferred.  Without
 * an article date, the year is the writing year only when the text makes
 * it certain (dg_dates_context), else a month and day stay year-less
 * (--MM-DD) and a weekday gives the year alone or nothing.
 *
 * Ownership: nothing is allocated; the doc is borrowed. */
#ifndef DG_DATES_H
#define DG_DATES_H

#include <stddef.h>

#include "extract/doc.h"

struct dg_date {
    int y, m, d;  /* 0 when unknown: y only, y-m, y-m-d, or m-d */
    int inferred; /* resolved from the article date (weekday, "today") */
};

struct dg_date_ctx {
    int ay, am, ad; /* the article date, all 0 when there is none */
    int year;       /* year for expressions without one: the article's,
                       else the writing year when certain, else 0 */
    int certain;    /* the year an undated main event certainly has (the
                       article's year when the text mentions it or says
                       "this year"; without a date line, the writing year
                       when certain), else 0 */
};

/* Fills ctx from the article date and the years the text mentions. */
void dg_dates_context(const struct dg_doc *d, struct dg_date_ctx *ctx);

/* Reads a date expression starting at token k (tokens up to end,
 * exclusive, all in one sentence whose first token is first).  future:
 * the clause speaks of the future (dg_dates_future_at).  Returns the
 * number of tokens read and fills *out, or 0 when no resolvable date
 * starts at k. */
size_t dg_dates_match(const struct dg_doc *d, const struct dg_date_ctx *ctx,
                      size_t first, size_t k, size_t end, int future,
                      struct dg_date *out);

/* 1 when a future marker ("will", "expected to", "slated", "upcoming")
 * occurs in the clause before token k, at most window tokens back and not
 * before token first. */
int dg_dates_future_at(const struct dg_doc *d, size_t first, size_t k,
                       size_t window);

/* 1 when a date word of date-words.tsv starts at k ("next", "May",
 * "Tuesday", "yesterday"), resolvable or not. */
int dg_dates_word(const struct dg_doc *d, size_t k, size_t end);

/* A 4-digit year token (1900-2100) at k: returns the year or 0. */
int dg_dates_year_tok(const struct dg_doc *d, size_t k);

/* Writes the lexical form into buf ("2020-07-07", "2020-10", "2020",
 * "--07-07") and returns the XSD datatype IRI (xsd:date, xsd:gYearMonth,
 * xsd:gYear, xsd:gMonthDay), or NULL (buf "") when the date is empty or
 * has no form (a month alone). */
const char *dg_dates_format(const struct dg_date *dt, char *buf, size_t size);

/* Precision of a date, for choosing the best: 0 none, 1 year, 2 month
 * and day without year, 3 year-month, 4 full date. */
int dg_dates_precision(const struct dg_date *dt);

#endif /* DG_DATES_H */
