/* test-article.c: article validation and layout (extract/article.h) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/article.h"
#include "tap.h"

static struct dg_article *
parse(const char *text, struct dg_error *err)
{
    struct dg_article *a = NULL;
    dg_error_clear(err);
    if (dg_article_parse(text, strlen(text), 1 << 20, &a, err) < 0)
        return NULL;
    return a;
}

static void
refused(const char *text, size_t len, size_t max, const char *cause,
        const char *title)
{
    struct dg_article *a = NULL;
    struct dg_error err;
    dg_error_clear(&err);
    int rc = dg_article_parse(text, len, max, &a, &err);
    ok(rc == -1 && a == NULL && err.code == DG_ERR_INPUT &&
           strstr(err.msg, cause) != NULL && !strchr(err.msg, '\n'),
       "%s (%s)", title, err.msg);
}

static size_t
count_kind(const struct dg_article *a, int kind)
{
    size_t n, c = 0;
    const struct dg_line *l = dg_article_lines(a, &n);
    for (size_t i = 0; i < n; i++)
        c += l[i].kind == kind;
    return c;
}

int
main(void)
{
    struct dg_error err;
    struct dg_article *a;
    const char *t;

    /* failures */
    refused("", 0, 100, "empty", "empty text is refused");
    refused(" \n\t\n\xc2\xa0 \n", 8, 100, "whitespace",
            "whitespace only is refused");
    refused("Hanoi \xff\xfe talks", 14, 100, "UTF-8",
            "invalid UTF-8 is refused");
    refused("Hanoi \xe1\xba talks", 13, 100, "UTF-8",
            "truncated sequence is refused");
    refused("abc\0def", 7, 100, "NUL", "a NUL byte is refused as binary");
    refused("abc\x01\x02 def", 9, 100, "binary", "control bytes are refused");
    refused("The ministers met in Manila.", 28, 10, "too big",
            "text over the size limit is refused");

    /* date line on the same line as the first sentence */
    t = " date 2023-03-14 The two navies held a joint patrol.\n";
    a = parse(t, &err);
    ok(a != NULL, "an article with a date line parses");
    is_str(dg_article_date(a), "2023-03-14", "date from the date line");
    is_int((long)dg_article_body_start(a), 17, "body starts after the date");
    dg_article_free(a);

    t = "date 2023-03-14\n\nThe two navies held a joint patrol.\n";
    a = parse(t, &err);
    is_str(dg_article_date(a), "2023-03-14", "date line on a line of its own");
    dg_article_free(a);

    t = " date 2023-13-40 Talks went on.\n";
    a = parse(t, &err);
    ok(a && dg_article_date(a) == NULL,
       "an impossible date is not a date line");
    dg_article_free(a);

    /* datelines, captions, credits, chrome */
    t = "Officers salute at the ceremony (Photo: mod.gov.vn)\n\n"
        "MANILA (PNA) \xe2\x80\x93 The Philippine Navy hosted a seminar.\n\n"
        "Share | Tweet | Email\n\n"
        "By Anna Grey and Tom Bell\n\n"
        "By contrast, the army kept its drills small.\n\n"
        "Translated by L\xc3\xaa Thu H\xc3\xa0\n";
    a = parse(t, &err);
    ok(a != NULL, "a laid-out article parses");
    size_t ds = 0, de = 0;
    ok(dg_article_dateline(a, &ds, &de) == 0, "a dateline is found");
    ok(a && strncmp(t + de, "The Philippine", 14) == 0,
       "the dateline ends after the dash");
    is_int((long)count_kind(a, DG_LINE_CAPTION), 1, "one photo caption");
    is_int((long)count_kind(a, DG_LINE_CHROME), 1, "one chrome line");
    is_int((long)count_kind(a, DG_LINE_BYLINE), 1, "one byline");
    is_int((long)count_kind(a, DG_LINE_TRANSLATOR), 1, "one translator line");
    is_int((long)dg_article_author_count(a), 2, "two authors");
    is_str(dg_article_author(a, 1), "Tom Bell", "second author");
    is_str(dg_article_translator(a, 0), "L\xc3\xaa Thu H\xc3\xa0",
           "translator name keeps diacritics");
    dg_article_free(a);

    t = "AKP Phnom Penh, June 18, 2018 \xe2\x80\x94"
        "Cambodian Prime Minister "
        "Hun Sen received the visiting minister.\n";
    a = parse(t, &err);
    ok(a && dg_article_dateline(a, &ds, &de) == 0 &&
           strncmp(t + de, "Cambodian", 9) == 0,
       "'AGENCY City, Date \xe2\x80\x94Text': a long dash glued to the text "
       "ends a dateline");
    dg_article_free(a);

    t = "The talks took place in the context of closer ties \xe2\x80\x93 as "
        "both said.\n";
    a = parse(t, &err);
    ok(a && dg_article_dateline(a, &ds, &de) == -1,
       "a dash after lowercase words is not a dateline");
    dg_article_free(a);

    t = "H\xc3\x80 N\xe1\xbb\x98I \xe2\x80\x94 Deputy ministers met on "
        "Tuesday.";
    a = parse(t, &err);
    ok(a && dg_article_dateline(a, &ds, &de) == 0 && ds == 0,
       "an all-caps Vietnamese dateline is found");
    dg_article_free(a);

    t = "OSLO: Defence Minister Kari Berg met his Danish counterpart on "
        "Tuesday.";
    a = parse(t, &err);
    ok(a && dg_article_dateline(a, &ds, &de) == 0 && ds == 0 && de == 6,
       "'OSLO: ' in capitals and a colon is a dateline");
    dg_article_free(a);

    t = "Photo: Defence Minister Kari Berg met his Danish counterpart on "
        "Tuesday.";
    a = parse(t, &err);
    ok(a && dg_article_dateline(a, &ds, &de) == -1, "  ... 'Photo: ' is not");
    dg_article_free(a);

    /* page chrome around a real paragraph: cookie banner, paywall,
     * teaser, a list of related headlines, a footer */
    t = "This site uses tracking. We use cookies to improve browsing, see our "
        "Cookie Policy. Accept all\n"
        "Fleet commanders from Peru and Chile met in Lima on Monday to plan a "
        "joint drill.\n"
        "Read more: Brazil and Uruguay hold border talks after a long pause\n"
        "Subscribe to continue reading. Already a subscriber? Log in\n"
        "Related stories\n"
        "- Admiral Jorge Silva named head of the Pacific Command\n"
        "- Colombian Defence Forum 2024 opens in Bogota\n"
        "\n"
        "\xc2\xa9 2024 Andes Wire. All rights reserved.\n"
        "The drill will be held in March, the navies said in a statement "
        "on Tuesday.\n";
    a = parse(t, &err);
    ok(a != NULL, "a messy page parses");
    is_int((long)count_kind(a, DG_LINE_BODY), 2,
           "only the two paragraphs are body text");
    is_int(
        (long)count_kind(a, DG_LINE_CHROME), 7,
        "banner, teaser, paywall, heading, two headlines, footer are chrome");
    dg_article_free(a);

    dg_article_free(NULL);
    ok(1, "dg_article_free(NULL) is safe");
    return tap_done();
}
