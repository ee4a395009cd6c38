/* test-sentence.c: sentence splitting and text helpers */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/article.h"
#include "extract/sentence.h"
#include "extract/text.h"
#include "tap.h"

struct split {
    struct dg_article *a;
    struct dg_tokens *t;
    struct dg_sentences *s;
};

static size_t
split(struct split *x, const char *text)
{
    struct dg_error err;
    dg_error_clear(&err);
    memset(x, 0, sizeof *x);
    if (dg_article_parse(text, strlen(text), 1 << 20, &x->a, &err) < 0)
        return 0;
    x->t = dg_tokens_new(text, dg_article_body_start(x->a), strlen(text));
    x->s = dg_sentence_split(text, x->a, x->t, &err);
    return dg_sentences_count(x->s);
}

static void
done(struct split *x)
{
    dg_sentences_free(x->s);
    dg_tokens_free(x->t);
    dg_article_free(x->a);
}

static void
is_sent(const struct split *x, const char *text, size_t i, const char *want)
{
    const struct dg_sentence *s = dg_sentences_get(x->s, i);
    char buf[1024] = "";
    if (s && s->end - s->start < sizeof buf) {
        memcpy(buf, text + s->start, s->end - s->start);
        buf[s->end - s->start] = '\0';
    }
    char title[64];
    snprintf(title, sizeof title, "sentence %zu cut by offsets", i + 1);
    is_str(buf, want, title);
}

int
main(void)
{
    struct split x;
    const char *t;
    char *f;

    t = " date 2022-05-02 Lt. Gen. Nguyen Van An met U.S. officials on Jan. 5 "
        "in Hanoi. The talks covered the U.N. mission, e.g. training. "
        "Dr. Kim said so.\n";
    is_int((long)split(&x, t), 3, "abbreviations do not end sentences");
    is_sent(&x, t, 0,
            "Lt. Gen. Nguyen Van An met U.S. officials on Jan. 5 in Hanoi.");
    is_sent(&x, t, 1, "The talks covered the U.N. mission, e.g. training.");
    is_sent(&x, t, 2, "Dr. Kim said so.");
    is_int((long)dg_sentences_get(x.s, 0)->start, 17,
           "first sentence starts after the date");
    done(&x);

    t = "Navies joined a drill on the pandemic.Thai officers observed it. "
        "See asean.org for details.";
    is_int((long)split(&x, t), 3, "a glued full stop before a capital splits");
    is_sent(&x, t, 1, "Thai officers observed it.");
    is_sent(&x, t, 2, "See asean.org for details.");
    done(&x);

    t = "His office said so on Saturday.During the talks, Gen.Kim met "
        "U.S.Navy officers from the US.They agreed.";
    is_int((long)split(&x, t), 2,
           "a glued full stop after a capitalised word splits, not after an "
           "abbreviation or initials");
    is_sent(&x, t, 1,
            "During the talks, Gen.Kim met U.S.Navy officers from the US.They "
            "agreed.");
    done(&x);

    t = "Minister meets envoy\n\nThe minister met the envoy on Monday\n"
        "Both sides agreed on\nmore drills next year.\n";
    is_int((long)split(&x, t), 3,
           "paragraphs and unpunctuated lines are boundaries");
    is_sent(&x, t, 0, "Minister meets envoy");
    ok(dg_sentences_get(x.s, 0)->flags & DG_SENT_FRAGMENT,
       "a headline is a fragment");
    is_sent(&x, t, 2, "Both sides agreed on\nmore drills next year.");
    done(&x);

    t = "MANILA \xe2\x80\x94 Talks ended.\xc2\xa0 \"We agree,\" she said. "
        "\xe2\x80\x94 PNA";
    is_int((long)split(&x, t), 3, "no-break spaces separate sentences");
    is_sent(&x, t, 0, "Talks ended.");
    is_sent(&x, t, 2, "\xe2\x80\x94 PNA");
    ok(dg_sentences_get(x.s, 2)->flags & DG_SENT_CREDIT,
       "an agency tag is a credit");
    done(&x);

    char longs[900] = "The delegates";
    for (int i = 0; i < 40; i++)
        strcat(longs, " discussed issues");
    strcat(longs, ".\n\nTranslated by Mai Lan");
    is_int((long)split(&x, longs), 2, "a long sentence stays one sentence");
    ok(dg_sentences_get(x.s, 0)->flags & DG_SENT_LONG,
       "a long sentence is flagged");
    ok(dg_sentences_get(x.s, 1)->flags & DG_SENT_CREDIT,
       "a translator line is a credit, not minable");
    done(&x);

    /* folding and slugs */
    f = dg_text_fold("Vi\xe1\xbb\x87t Nam", 10, 0);
    is_str(f, "Viet Nam", "fold drops diacritics and keeps case");
    free(f);
    f = dg_text_fold("\xc4\x90\xc3\xa0 N\xe1\xba\xb5ng", 11, 1);
    is_str(f, "da nang", "fold maps \xc4\x90 to d and lowercases");
    free(f);
    f = dg_text_slug("ADMM+", 5);
    is_str(f, "admm-plus", "'+' becomes -plus in slugs");
    free(f);
    f = dg_text_slug("V\xc5\xa9 Chi\xe1\xba\xbfn Th\xe1\xba\xafng", 19);
    is_str(f, "vu-chien-thang", "person slug folds diacritics");
    free(f);
    f = dg_text_slug("Experts' Working Group", 22);
    is_str(f, "experts-working-group", "apostrophes vanish in slugs");
    free(f);
    dg_sentences_free(NULL);
    dg_tokens_free(NULL);
    ok(1, "free(NULL) is safe");
    return tap_done();
}
