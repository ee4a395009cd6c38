/* test-dates.c: date expressions resolved against the article date */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/article.h"
#include "extract/dates.h"
#include "extract/doc.h"
#include "extract/lexicon.h"
#include "tap.h"

#define DATA DG_SRCDIR "/extract/data"

static struct dg_lexicon *lx;

/* Reads the date expression that starts at the first token folding to
 * word (the nth one when n > 1) in text; writes its lexical form into out
 * ("" when none) and returns its datatype (NULL when none). */
static const char *
date_at(const char *text, const char *word, int n, char *out, size_t size,
        int *inferred)
{
    struct dg_article *a = NULL;
    struct dg_doc *d = NULL;
    struct dg_error err;
    const char *type = NULL;

    out[0] = '\0';
    if (dg_article_parse(text, strlen(text), 1 << 20, &a, &err) < 0)
        goto out;
    d = dg_doc_new(text, strlen(text), a, lx, NULL, "t1", &err);
    if (!d)
        goto out;
    struct dg_date_ctx ctx;
    dg_dates_context(d, &ctx);
    for (size_t i = 0; i < d->nsent; i++) {
        const struct dg_sentence *s = &d->sent[i];
        for (size_t k = s->tok_first; k < s->tok_end; k++) {
            if (strcmp(d->tok[k].fold, word) || --n > 0)
                continue;
            int fut = dg_dates_future_at(d, s->tok_first, k, 12);
            struct dg_date dt;
            if (dg_dates_match(d, &ctx, s->tok_first, k, s->tok_end, fut,
                               &dt)) {
                type = dg_dates_format(&dt, out, size);
                if (inferred)
                    *inferred = dt.inferred;
            }
            goto out;
        }
    }
out:
    dg_doc_free(d);
    dg_article_free(a);
    return type;
}

static void
check(const char *text, const char *word, const char *want,
      const char *want_type, const char *title)
{
    char buf[32];
    const char *type = date_at(text, word, 1, buf, sizeof buf, NULL);
    is_str(buf, want, title);
    if (want_type)
        is_str(type, want_type, "  ... and its datatype");
}

/* dg_dates_word at the first token folding to word in text. */
static int
word_at(const char *text, const char *word)
{
    struct dg_article *a = NULL;
    struct dg_doc *d = NULL;
    struct dg_error err;
    int r = -1;
    if (dg_article_parse(text, strlen(text), 1 << 20, &a, &err) == 0 &&
        (d = dg_doc_new(text, strlen(text), a, lx, NULL, "t1", &err)))
        for (size_t k = 0; k < d->ntok && r < 0; k++)
            if (!strcmp(d->tok[k].fold, word))
                r = dg_dates_word(d, k, d->ntok);
    dg_doc_free(d);
    dg_article_free(a);
    return r;
}

static int
certain_year(const char *text)
{
    struct dg_article *a = NULL;
    struct dg_doc *d = NULL;
    struct dg_error err;
    struct dg_date_ctx ctx = {0};
    if (dg_article_parse(text, strlen(text), 1 << 20, &a, &err) == 0 &&
        (d = dg_doc_new(text, strlen(text), a, lx, NULL, "t1", &err)))
        dg_dates_context(d, &ctx);
    dg_doc_free(d);
    dg_article_free(a);
    return ctx.certain;
}

int
main(void)
{
    struct dg_error err;
    char buf[32];
    int inf = 0;

    lx = dg_lexicon_load(DATA, &err);
    ok(lx != NULL, "lexicon with date-words.tsv");
    if (!lx)
        return tap_done();

    /* month and day */
    check(" date 2023-03-15 The two navies met on March 10 in Subic Bay.\n",
          "March", "2023-03-10", DG_NS_XSD "date",
          "'March 10' takes the article's year");
    check(" date 2023-03-15 The patrol ended on November 20 near Palawan.\n",
          "November", "2022-11-20", NULL,
          "a past month after the article date is last year's");
    check(" date 2023-05-20 The drill is expected to take place on April 2 "
          "off Darwin.\n",
          "April", "2024-04-02", NULL,
          "an upcoming month before the article date is next year's");
    check(" date 2023-03-15 The forum is slated for August 4 in Vientiane.\n",
          "August", "2023-08-04", NULL, "an upcoming month later this year");
    check(" date 2023-03-15 Talks were held on Aug. 4 in Vientiane.\n", "Aug",
          "2022-08-04", NULL, "abbreviated month");
    check(" date 2023-03-15 The accord was signed on April 6, 2021 in Seoul.\n",
          "April", "2021-04-06", NULL, "'April 6, 2021' as written");
    check(" date 2023-03-15 The ministers met on 12 May 2019 in Bangkok.\n",
          "12", "2019-05-12", NULL, "'12 May 2019'");
    check(" date 2023-06-16 The summit will be held on 11 and 12 July in "
          "Oslo.\n",
          "11", "2023-07-11", NULL, "'11 and 12 July' is the first day");
    check(" date 2023-06-16 The summit will be held on July 11-12 in Oslo.\n",
          "July", "2023-07-11", NULL, "'July 11-12' is the first day");

    /* ranges, names, ISO and deictic forms */
    check(" date 2024-06-06 The admiral visited Vietnam from June 3 to 5.\n",
          "June", "2024-06-03", DG_NS_XSD "date",
          "'from June 3 to 5' is the first day");
    check(" date 2024-06-06 The navies will meet again in mid-June.\n", "June",
          "2024-06", DG_NS_XSD "gYearMonth", "'mid-June'");
    check(" date 2024-06-06 The 2+2 dialogue will be held in late 2024.\n",
          "2024", "2024", DG_NS_XSD "gYear", "'late 2024'");
    check(" date 2024-06-06 The accord was signed on 2024-05-30 in Hanoi.\n",
          "2024", "2024-05-30", DG_NS_XSD "date", "an ISO date");
    check(" date 2018-01-10 They met on 9/1/2018 in Cairo.\n", "9",
          "2018-01-09", DG_NS_XSD "date",
          "'9/1/2018': the reading nearer the article date (day first)");
    check(" date 2018-10-10 They met on 9/1/2018 in Cairo.\n", "9",
          "2018-09-01", DG_NS_XSD "date", "  ... or month first");
    check(" date 2020-01-10 They met on 25.12.2019 in Cairo.\n", "25",
          "2019-12-25", DG_NS_XSD "date", "'25.12.2019': the day first");
    check(" date 2020-01-10 They met on 12/25/2019 in Cairo.\n", "12",
          "2019-12-25", DG_NS_XSD "date", "'12/25/2019': the month first");
    check(" date 2021-04-13 They met on 27 November last year.\n", "27",
          "2020-11-27", DG_NS_XSD "date", "'27 November last year'");
    check(" date 2021-04-13 They met in March last year.\n", "March", "2020-03",
          DG_NS_XSD "gYearMonth", "'in March last year'");
    check(" date 2024-06-06 The plan covers the 2024-2026 period.\n", "2024",
          "", NULL, "'2024-2026' is a span, not an ISO date");
    check(" date 2023-05-16 The ceremony was held at the August 1st "
          "Building.\n",
          "August", "", NULL, "'the August 1st Building' is a name");
    check(" date 2023-10-18 The committee met earlier this month.\n", "earlier",
          "2023-10", DG_NS_XSD "gYearMonth", "'earlier this month'");
    check(" date 2024-02-16 The officers met yesterday.\n", "yesterday",
          "2024-02-15", DG_NS_XSD "date", "'yesterday'");
    check(" date 2024-02-16 The drill ended last week.\n", "last", "2024-02-09",
          DG_NS_XSD "date", "'last week' counts back seven days");

    /* month, year */
    check(" date 2023-03-15 The retreat took place in February 2020 in "
          "Hue.\n",
          "February", "2020-02", DG_NS_XSD "gYearMonth", "'February 2020'");
    check(" date 2023-03-15 The expo is slated for this October in Hanoi.\n",
          "this", "2023-10", NULL, "'this October'");
    check(" date 2023-03-15 Cadets trained together last June in Busan.\n",
          "last", "2022-06", NULL, "'last June'");
    check(" date 2023-12-15 A new round of talks is planned for next "
          "month.\n",
          "next", "2024-01", NULL, "'next month' in December");
    check(" date 2023-03-15 A joint exercise is scheduled to be held in "
          "2025.\n",
          "2025", "2025", DG_NS_XSD "gYear", "'in 2025'");
    check(" date 2023-03-15 The officers met in March to plan drills.\n",
          "March", "2023-03", NULL, "'in March'");

    /* weekdays and relative days */
    date_at(" date 2023-03-15 Defence chiefs met on Monday in Singapore.\n",
            "Monday", 1, buf, sizeof buf, &inf);
    is_str(buf, "2023-03-13", "'on Monday' is the Monday before a Wednesday");
    ok(inf, "  ... and is marked inferred");
    check(" date 2023-03-15 The envoy arrived on Wednesday.\n", "Wednesday",
          "2023-03-15", NULL, "a weekday can be the article's day");
    check(" date 2023-03-15 The frigate will dock next Friday.\n", "next",
          "2023-03-17", NULL, "'next Friday'");
    check(" date 2023-03-15 The frigate will dock on Tuesday.\n", "Tuesday",
          "2023-03-21", NULL, "an upcoming weekday is the next one");
    check(" date 2023-03-15 The minister left for Tokyo yesterday.\n",
          "yesterday", "2023-03-14", NULL, "'yesterday'");

    /* not dates */
    check(" date 2023-03-15 Both sides may hold talks soon.\n", "may", "", NULL,
          "'may' is not May");
    check(" date 2023-03-15 The plan covers the 2021-2023 period.\n", "2021",
          "", NULL, "a span of years is not a date");
    check(" date 2023-03-15 The plan covers the 2021-2023 period.\n", "2023",
          "", NULL, "nor is its end");
    check(" date 2023-03-15 Officials presented Vision 2030 on trade.\n",
          "2030", "", NULL, "a year in a name is not a date");
    check(" date 2023-03-15 The 2005 regulations (2005) still apply in "
          "2005.\n",
          "2005", "", NULL, "a year before a noun is no date");

    /* no date line */
    check("The first tank biathlon opened on October 3 near Moscow.\n",
          "October", "--10-03", DG_NS_XSD "gMonthDay",
          "no date line, no certain year: month and day only");
    check("Thailand chaired the group in 2019. The first tank biathlon of "
          "this year opened on October 3 near Moscow.\n",
          "October", "2019-10-03", NULL,
          "no date line: 'this year' makes the year mentioned certain");
    check("Envoys met on Friday to prepare the visit.\n", "Friday", "", NULL,
          "no date line: a weekday alone gives nothing");
    is_int(certain_year(" date 2021-10-01 The co-chairs serve in the "
                        "2021-2023 cycle.\n"),
           2021, "the article's year is certain when the text names it");
    is_int(certain_year(" date 2021-10-12 Vietnam chaired ASEAN in 2020.\n"), 0,
           "another year in the text makes nothing certain");
    is_int(certain_year("Vietnam chaired ASEAN in 2020. Under the theme for "
                        "this year, ministers met.\n"),
           2020, "no date line: the year and 'this year'");
    is_int(certain_year("The summit of 2018 and the meeting of 2019.\n"), 0,
           "no date line: two single years are not certain");

    /* formats */
    struct dg_date dt = {2020, 7, 7, 0};
    is_str(dg_dates_format(&dt, buf, sizeof buf), DG_NS_XSD "date",
           "format: xsd:date");
    is_str(buf, "2020-07-07", "format: 2020-07-07");
    dt = (struct dg_date){0, 0, 0, 0};
    ok(dg_dates_format(&dt, buf, sizeof buf) == NULL && !buf[0],
       "format: an empty date has no form");
    is_int(dg_dates_precision(&(struct dg_date){2020, 10, 0, 0}), 3,
           "precision of a year and month");

    /* date words that need no date line */
    is_int(word_at("The meeting is in Bali next month.\n", "next"), 1,
           "'next' is a date word without a date line");
    is_int(word_at("The meeting is in Bali on Tuesday.\n", "Tuesday"), 1,
           "  ... so is a weekday");
    is_int(word_at("The meeting will be in Bali.\n", "will"), 0,
           "a future marker is not");
    is_int(word_at("The meeting is in Bali soon.\n", "soon"), 0,
           "nor an adverb");
    dg_lexicon_free(lx);
    return tap_done();
}
