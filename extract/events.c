/* events.c: see events.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/dates.h"
#include "extract/entities.h"
#include "extract/events.h"
#include "extract/relations.h"
#include "extract/match.h"
#include "extract/sentence.h"
#include "extract/text.h"
#include "extract/topics.h"

#define NOUNS "event-nouns.tsv"
#define CUES "event-cues.tsv"
#define MAX_EVENTS 64
#define MAX_LEFT 14     /* modifier tokens before an event noun */
#define MAX_RIGHT 28    /* complement tokens after it */
#define MAX_LINKS 3     /* "of/for/on/with" complements */
#define MAX_NAME_TOK 24 /* content tokens kept for coreference */
#define MAX_PARTIES 24
#define MAX_TOPICS 30  /* schema:about per event */
#define DATE_WINDOW 15 /* tokens from an event phrase to its date */
#define TENSE_WINDOW 12

/* event-cues.tsv classes */
enum cue {
    Q_NONE,
    Q_ONLINE,
    Q_CHAIR,
    Q_COCHAIR,
    Q_CHAIR_VERB,
    Q_COCHAIR_VERB,
    Q_HOST,
    Q_HOST_VERB,
    Q_HOST_ROLE,
    Q_TAKE_PLACE,
    Q_PARTICIPATE,
    Q_ATTEND_VERB,
    Q_CONTINUE,
    Q_COLLECTIVE,
    Q_SOURCE,
    Q_GENERIC,
    Q_PAST,
    Q_FUTURE,
    Q_DET,
    Q_INDEF,
    Q_ORDINAL,
    Q_HOLD,
    Q_BOUNDARY,
    Q_SPORTS,
    Q_CLAUSE,
    Q_OBJPREP,
    Q_NOUN_TAIL,
    Q_HEAD_TAIL,
    Q_MEET_VERB,
    Q_DURATION,
    Q_VENUE,
    Q_ANCHOR,
    Q_SIDELINE,
    Q_VENUE_NOUN,
    Q_HONOUR,
    Q_FORMAT,
    Q_TOPIC_VERB,
    Q_PRESENT,
    Q_ROLES,
    Q_SITS,
    Q_SIGN_VERB,
    Q_AHEAD,
    Q_INVITE,
    Q_COUNT
};

static const char *const cue_names[] = {
    "",           "online",       "chair",       "cochair",
    "chair-verb", "cochair-verb", "host",        "host-verb",
    "host-role",  "take-place",   "participate", "attend-verb",
    "continue",   "collective",   "source",      "generic",
    "past",       "future",       "det",         "indef",
    "ordinal",    "hold",         "boundary",    "sports",
    "clause",     "object-prep",  "noun-tail",   "head-tail",
    "meet-verb",  "duration",     "venue",       "anchor",
    "sideline",   "venue-noun",   "honour",      "format",
    "topic-verb", "present",      "roles",       "sits",
    "sign-verb",  "ahead",        "invite"};

_Static_assert(sizeof cue_names / sizeof *cue_names == Q_COUNT,
               "one class name for each enum cue");

static int
is_boundary(int c)
{
    return c == Q_BOUNDARY || c == Q_CLAUSE || c == Q_OBJPREP;
}

/* noun phrase flags */
enum {
    F_DET = 1 << 0,
    F_INDEF = 1 << 1,
    F_POSS = 1 << 2,
    F_ORD = 1 << 3,
    F_ORG = 1 << 4,
    F_COUNTRY = 1 << 5,
    F_CAP = 1 << 6,
    F_COMP = 1 << 7,
    F_YEAR = 1 << 8,
    F_ACR = 1 << 9,
    F_TITLE = 1 << 10,
    F_PLURAL = 1 << 11,
    F_ANAPHOR = 1 << 12,
    F_ONLINE = 1 << 13,
    F_FUTURE = 1 << 14,
    F_PAST = 1 << 15,
    F_GENERIC = 1 << 16,
    F_HOLD = 1 << 17,
    F_FORUM = 1 << 18,
    F_WEAK = 1 << 19,
    F_LOWER = 1 << 20,
    F_NAMED = 1 << 21,
    F_CALLEE = 1 << 22 /* "a courtesy call on A B": np->person is called on */
};
#define F_SPECIFIC                                                             \
    (F_ORD | F_ORG | F_COUNTRY | F_CAP | F_COMP | F_YEAR | F_ACR | F_TITLE |   \
     F_LOWER | F_NAMED)

struct np {
    size_t a, b;             /* whole phrase, determiner included */
    size_t na;               /* name start (after determiner, "recent") */
    size_t h0, h1;           /* head noun */
    size_t comp_a, comp_b;   /* "on X" complement (topic), or 0 0 */
    size_t title_a, title_b; /* quoted title, or 0 0 */
    size_t to_a;             /* "visit to X": X's first token, or 0 */
    int row;                 /* event-nouns row of the head */
    int person;              /* "for/with/by PERSON" complement, or -1 */
    size_t nm_a, nm_b;       /* the name in apposition ("its largest
                                exercise, Steadfast Defender 24"), or 0 0 */
    unsigned f;
    int forum; /* org entity for a forum-as-event, else -1 */
};

struct ev {
    int id; /* doc entity */
    const char *kind;
    const char *toks[MAX_NAME_TOK]; /* distinctive lowercase tokens */
    size_t ntok;
    int bare, future, online, forum;
    int ahead;       /* told after "ahead of" ("ahead of the 12th ADMM") */
    int named_forum; /* a forum named inside its name ("the 12th Asean Defence
                        Ministers' Meeting (ADMM)"), or -1 */
    long first_sent;
    size_t nmen;
    struct dg_date date;
    int verb;      /* said with a verb ("met with") */
    int who[2];    /* a meeting said with a verb: subject and object persons,
                      else -1 */
    int place;     /* entity id or -1 */
    int anchor;    /* event whose date and venue it shares ("Before the talks,
                      X hosted a ceremony"), or -1 */
    int within;    /* event it is part of ("on the sidelines of"), or -1 */
    int comp;      /* the phrase has a complement ("ceremony of X") */
    int beside;    /* within was said with "on the sidelines of": the two
                      share date and venue both ways */
    int name_year; /* a year in the name ("exercise Balikatan 2023"), or 0 */
    int spokes;    /* one side meets each of the others in turn ("X's
                      meetings with counterparts from A, B and C"): the
                      others do not meet one another */
    int of;        /* the event a ceremony is of ("opening ceremony of the X
                      exercise"): the forums and chairs of the phrase are its */
    int honoree;   /* the person a ceremony is for ("Guard of Honour for X",
                      "a welcome ceremony for X"), or -1 */
    int parties[MAX_PARTIES];
    char implied[MAX_PARTIES]; /* parties[i] only a side (add_side) */
    size_t nparties;
};

struct mrec {
    long sent;
    struct np np;
    int ev;
};

struct es {
    struct dg_doc *d;
    const struct dg_lex_table *nouns, *cues;
    unsigned char *row_cue; /* class of each cue row */
    struct dg_date_ctx dctx;
    int dl_place; /* dateline_place(): -3 not yet computed */
    struct dg_topics *topics;
    struct ev ev[MAX_EVENTS];
    size_t nev;
    struct mrec *mr;
    size_t nmr, capmr;
    size_t *sent_mr;       /* mrecs of sentence i: [sent_mr[i], sent_mr[i+1]) */
    long *cov;             /* per token: outermost entity mention index + 1 */
    unsigned char *sports; /* per sentence: 1 about sports, 2 headline */
    int main_ev;           /* index in ev, or -1 */
    int host_meet_row;     /* the meet-verb row whose subject hosts
                              ("received", "hosted"), or -1 */
    int verb_subj;         /* subject of the last meeting verb, or -1 */
    long verb_subj_sent;
    long last_main_sent;
};

/* ---- tokens and word lists ------------------------------------------- */

static const struct dg_token *
tk(const struct es *s, size_t k)
{
    return &s->d->tok[k];
}

static int
is_w(const struct es *s, size_t k, const char *w)
{
    /* the first byte first: most tests fail there, without a call */
    const char *t = tk(s, k)->lower;
    return t[0] == w[0] && strcmp(t, w) == 0;
}

static int
is_word(const struct es *s, size_t k)
{
    return (tk(s, k)->flags & DG_TOK_WORD) != 0;
}

static int
is_glue(const struct es *s, size_t k)
{
    const struct dg_token *t = tk(s, k);
    if (t->flags & DG_TOK_WORD)
        return 0;
    /* "U.S.", "H.E. Gen. Wei": the full stop of an initial or of an
     * abbreviated title or rank */
    return strcmp(t->lower, "-") == 0 || strcmp(t->lower, "'") == 0 ||
           strcmp(t->lower, "+") == 0 || strcmp(t->lower, "&") == 0 ||
           (strcmp(t->lower, ".") == 0 && k > 0 &&
            (tk(s, k - 1)->flags & DG_TOK_WORD) &&
            (tk(s, k - 1)->end - tk(s, k - 1)->start == 1 ||
             ((tk(s, k - 1)->flags & DG_TOK_CAP) &&
              dg_sentence_is_abbrev(tk(s, k - 1)->lower))));
}

/* The cue class of the longest entry at k, or Q_NONE. */
static int
cue_at(const struct es *s, size_t k, size_t end, size_t *len)
{
    int row;
    size_t n = k < end ? dg_trie_match(dg_lex_table_trie(s->cues), s->d->tok, k,
                                       end, DG_MATCH_ANYCASE, &row)
                       : 0;
    if (len)
        *len = n;
    return n ? s->row_cue[row] : Q_NONE;
}

/* The cue class of the one-token entry at k. */
static int
cue1(const struct es *s, size_t k)
{
    return cue_at(s, k, k + 1, NULL);
}

static int
noun_at(const struct es *s, size_t k, size_t end, size_t *len, int *row)
{
    *len = k < end ? dg_trie_match(dg_lex_table_trie(s->nouns), s->d->tok, k,
                                   end, DG_MATCH_ANYCASE, row)
                   : 0;
    return *len > 0;
}

static int
noun_flag(const struct es *s, int row, const char *flag)
{
    const char *f = dg_lex_table_field(s->nouns, (size_t)row, 2);
    size_t n = strlen(flag);
    for (const char *p = f; (p = strstr(p, flag)); p += n)
        if ((p == f || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
            return 1;
    return 0;
}

static int
is_ordinal(const struct es *s, size_t k)
{
    const char *w = tk(s, k)->lower;
    if (tk(s, k)->flags & DG_TOK_DIGIT) {
        while (*w >= '0' && *w <= '9')
            w++;
        return strcmp(w, "st") == 0 || strcmp(w, "nd") == 0 ||
               strcmp(w, "rd") == 0 || strcmp(w, "th") == 0;
    }
    return cue1(s, k) == Q_ORDINAL;
}

static int
is_quote(const struct es *s, size_t k)
{
    const char *w = tk(s, k)->lower;
    return !strcmp(w, "\"") || !strcmp(w, "\xe2\x80\x9c") ||
           !strcmp(w, "\xe2\x80\x9d");
}

static int
is_punct(const struct es *s, size_t k)
{
    return !is_word(s, k) && !is_glue(s, k);
}

/* ---- mentions -------------------------------------------------------- */

static const struct dg_mention *
men_at(const struct es *s, size_t k)
{
    long m = s->cov[k] - 1;
    return m >= 0 ? &s->d->men[m] : NULL;
}

static int
men_kind(const struct es *s, size_t k)
{
    const struct dg_mention *m = men_at(s, k);
    return m ? m->kind : 0;
}

static const char *
org_kind(const struct es *s, int ent)
{
    const struct dg_entity *e = &s->d->ent[ent];
    if (e->kind != DG_ENT_ORG)
        return "";
    if (e->lex >= 0) {
        const struct dg_lex_org *o = dg_lexicon_org(s->d->lex, (size_t)e->lex);
        if (o)
            return o->kind;
    }
    const char *k = dg_doc_prop_get(s->d, ent, DG_NS "orgKind");
    return k ? k : "";
}

/* An org that can take part in an event: not a document-like initiative,
 * a fund or a medium. */
static int
org_can_take_part(const struct es *s, int ent)
{
    const char *k = org_kind(s, ent);
    return strcmp(k, "initiative") && strcmp(k, "fund") && strcmp(k, "media");
}

static int
org_is_forum(const struct es *s, int ent)
{
    const char *k = org_kind(s, ent);
    return !strcmp(k, "forum") || !strcmp(k, "working group") ||
           !strcmp(k, "intergovernmental organization") ||
           !strcmp(k, "UN body");
}

static int
build_cover(struct es *s)
{
    struct dg_doc *d = s->d;
    s->cov = calloc(d->ntok ? d->ntok : 1, sizeof *s->cov);
    if (!s->cov)
        return -1;
    for (size_t i = 0; i < d->nmen; i++) {
        const struct dg_mention *m = &d->men[i];
        if (m->sent < 0 || (m->flags & DG_MEN_DATELINE) ||
            (m->kind != DG_ENT_COUNTRY && m->kind != DG_ENT_ORG &&
             m->kind != DG_ENT_PERSON))
            continue;
        for (size_t k = m->tok_first; k < m->tok_end && k < d->ntok; k++) {
            const struct dg_mention *o = men_at(s, k);
            if (!o || o->tok_end - o->tok_first < m->tok_end - m->tok_first)
                s->cov[k] = (long)i + 1;
        }
    }
    return 0;
}

/* ---- noun phrases ---------------------------------------------------- */

static int
verb_cue(int c)
{
    return c == Q_HOLD || c == Q_HOST_VERB || c == Q_ATTEND_VERB ||
           c == Q_TAKE_PLACE || c == Q_CHAIR_VERB || c == Q_COCHAIR_VERB;
}

/* Reads the modifiers before the head at h0; fills np->a, na, flags. */
static void
left_of(const struct es *s, size_t first, struct np *np)
{
    size_t k = np->h0, caps_from = np->h0, seg = first;
    int det = 0, poss = 0;
    unsigned f = 0;

    /* extent: back to a determiner or a boundary; "political, security
     * and defense dialogue" goes on over "and" and "," */
    while (k > first && np->h0 - k < MAX_LEFT) {
        size_t j = k - 1;
        if ((is_w(s, j, "and") || is_w(s, j, ",")) && j > first && k < np->h0 &&
            (tk(s, k)->flags & DG_TOK_LOWER) && cue1(s, k) == Q_NONE &&
            is_word(s, j - 1) && !men_at(s, j - 1) &&
            cue1(s, j - 1) == Q_NONE) {
            if (seg == first)
                seg = k;
            k = j;
            continue;
        }
        /* "Foreign and Defense Ministerial Meeting": title-case words
         * joined by "and" */
        if (is_w(s, j, "and") && j > first && k < np->h0 &&
            (tk(s, k)->flags & DG_TOK_CAP) && is_word(s, j - 1) &&
            (tk(s, j - 1)->flags & DG_TOK_CAP) && !men_at(s, j - 1) &&
            !men_at(s, k)) {
            k = j;
            continue;
        }
        const struct dg_mention *m = men_at(s, j);
        if (m) {
            if (m->kind == DG_ENT_PERSON)
                break;
            k = m->tok_first < first ? first : m->tok_first;
            caps_from = k;
            continue;
        }
        if (is_glue(s, j)) {
            k = j;
            continue;
        }
        /* "the 14th X Committee (JDCC) meeting", "the 2nd X Coalition
         * (IMCTC) defence ministers meeting": an acronym in brackets */
        if (is_w(s, j, ")") && j >= first + 2 && is_w(s, j - 2, "(") &&
            (tk(s, j - 1)->flags & DG_TOK_ALLCAPS)) {
            k = j - 2;
            continue;
        }
        if (!is_word(s, j))
            break;
        int c = cue1(s, j);
        if (c == Q_DET || c == Q_INDEF) {
            f |= c == Q_DET ? F_DET : F_INDEF;
            det = 1;
            k = j;
            break;
        }
        if (is_boundary(c) || verb_cue(c))
            break;
        if (is_w(s, j, "s") && j > first && is_w(s, j - 1, "'"))
            poss = 1;
        else if (tk(s, j)->flags & (DG_TOK_CAP | DG_TOK_DIGIT))
            caps_from = j;
        k = j;
    }
    np->a = det || poss ? k : caps_from >= seg ? caps_from : np->h0;
    if (poss)
        f |= F_POSS;
    /* the name starts after the determiner and "recent"/"upcoming" */
    size_t na = np->a + (size_t)det;
    while (na < np->h0) {
        size_t dl;
        if (cue_at(s, na, np->h0, &dl) == Q_DURATION && dl) {
            na += dl;
            continue;
        }
        int c = cue1(s, na);
        if (c == Q_PAST)
            f |= F_PAST;
        else if (c == Q_FUTURE)
            f |= F_FUTURE;
        else if (c == Q_GENERIC)
            f |= F_GENERIC;
        else if (c != Q_DET)
            break;
        na++;
    }
    np->na = na;
    /* what the modifiers say */
    for (size_t j = na; j < np->h0; j++) {
        const struct dg_mention *m = men_at(s, j);
        if (m) {
            f |= m->kind == DG_ENT_ORG ? F_ORG : F_COUNTRY;
            j = m->tok_end - 1;
            continue;
        }
        if (!is_word(s, j) || is_w(s, j, "s"))
            continue;
        int c = cue1(s, j);
        if (is_ordinal(s, j))
            f |= F_ORD;
        else if (dg_dates_year_tok(s->d, j))
            f |= F_YEAR;
        else if (c == Q_ONLINE)
            f |= F_ONLINE;
        else if (c == Q_PAST)
            f |= F_PAST;
        else if (c == Q_FUTURE)
            f |= F_FUTURE;
        else if (tk(s, j)->flags & (DG_TOK_CAP | DG_TOK_DIGIT)) {
            if (j > first)
                f |= F_CAP;
        } else {
            f |= F_LOWER;
        }
    }
    /* what stands before the phrase */
    if (np->a > first) {
        int c = cue1(s, np->a - 1);
        if (verb_cue(c))
            f |= F_HOLD;
        if (c == Q_GENERIC && !(det && is_w(s, np->a - 1, "such")))
            f |= F_GENERIC;
    }
    np->f |= f;
}

/* End of a capitalised run starting at k ("Phnom Penh", "COVID-19"). */
static size_t
cap_run(const struct es *s, size_t k, size_t end)
{
    size_t j = k;
    while (
        j < end && j - k < 6 &&
        ((is_word(s, j) && (tk(s, j)->flags & (DG_TOK_CAP | DG_TOK_DIGIT))) ||
         (j > k && is_glue(s, j))))
        j++;
    return j;
}

/* 1 when "in" at k continues a complement ("in U.N. peacekeeping",
 * "in COVID-19 prevention"), 0 when a venue or a date follows. */
static int
in_continues(const struct es *s, size_t k, size_t end)
{
    size_t j = k + 1;
    struct dg_date dt;
    if (j >= end || !is_word(s, j))
        return 0;
    if (men_kind(s, j) == DG_ENT_COUNTRY || men_kind(s, j) == DG_ENT_PERSON)
        return 0;
    if (dg_dates_match(s->d, &s->dctx, k, j, end, 0, &dt) ||
        dg_dates_year_tok(s->d, j))
        return 0;
    if (tk(s, j)->flags & DG_TOK_LOWER)
        return cue1(s, j) != Q_DET || (j + 1 < end && is_word(s, j + 1) &&
                                       (tk(s, j + 1)->flags & DG_TOK_LOWER));
    if (men_kind(s, j) == DG_ENT_ORG)
        return 1;
    size_t r = cap_run(s, j, end);
    return r < end && is_word(s, r) && (tk(s, r)->flags & DG_TOK_LOWER) &&
           !is_boundary(cue1(s, r));
}

/* Reads what follows the head: a year, "(ACR)", a quoted title and
 * "of/for/on/with" complements.  Sets np->b. */
static void
right_of(const struct es *s, size_t end, struct np *np)
{
    size_t j = np->h1;
    int links = 0;

    if (j < end && dg_dates_year_tok(s->d, j)) {
        np->f |= F_YEAR;
        j++;
    }
    if (j + 2 < end && is_w(s, j, "(") &&
        (tk(s, j + 1)->flags & (DG_TOK_ALLCAPS | DG_TOK_DIGIT))) {
        /* "(ADSOM)", "(2+2)" */
        size_t q = j + 2;
        while (q < end && q < j + 5 && !is_w(s, q, ")"))
            q++;
        if (q < end && is_w(s, q, ")")) {
            np->f |= F_ACR;
            j = q + 1;
        }
    }
    if (j < end && is_w(s, j, "\"")) {
        size_t q = j + 1;
        while (q < end && q < j + 30 && !is_w(s, q, "\""))
            q++;
        if (q < end && q > j + 1) {
            np->title_a = j;
            np->title_b = q + 1;
            np->f |= F_TITLE;
            j = q + 1;
        }
    }
    int visit =
        np->row >= 0 &&
        !strcmp(dg_lex_table_field(s->nouns, (size_t)np->row, 1), "visit");
    /* "a courtesy call on Prime Minister A B": A B is called on */
    int callee = np->row >= 0 && noun_flag(s, np->row, "callee");
    while (j < end && links < MAX_LINKS && j - np->h1 < MAX_RIGHT) {
        const char *w = tk(s, j)->lower;
        /* "a two-day meeting focused on maritime security" */
        if (j + 1 < end && is_w(s, j + 1, "on") && !(np->f & F_DET) &&
            (!strcmp(w, "focused") || !strcmp(w, "focusing") ||
             !strcmp(w, "centred") || !strcmp(w, "centered") ||
             !strcmp(w, "focussed"))) {
            j++;
            w = tk(s, j)->lower;
        }
        /* "a visit to Vietnam", "a three-day trip to Tokyo" */
        if (visit && !strcmp(w, "to") && j + 1 < end && !np->to_a &&
            ((men_kind(s, j + 1) == DG_ENT_COUNTRY &&
              !(men_at(s, j + 1)->flags & DG_MEN_ADJ)) ||
             (!men_at(s, j + 1) && is_word(s, j + 1) &&
              (tk(s, j + 1)->flags & DG_TOK_CAP)))) {
            size_t q = men_at(s, j + 1) ? men_at(s, j + 1)->tok_end
                                        : cap_run(s, j + 1, end);
            np->to_a = j + 1;
            np->f |= F_COMP;
            j = q;
            links++;
            continue;
        }
        /* "a courtesy call by Admiral X", "a visit by the Lao minister" */
        if (!strcmp(w, "by") && j + 1 < end) {
            size_t q = j + 1;
            while (q < end && q < j + 10 &&
                   (men_at(s, q)
                        ? men_kind(s, q) != DG_ENT_PERSON
                        : is_word(s, q) &&
                              (!(tk(s, q)->flags & DG_TOK_LOWER) ||
                               cue1(s, q) == Q_DET ||
                               /* "Chief of Navy" */
                               ((is_w(s, q, "of") || is_w(s, q, "for")) &&
                                q + 1 < end &&
                                (tk(s, q + 1)->flags & DG_TOK_CAP)))))
                q = men_at(s, q) ? men_at(s, q)->tok_end : q + 1;
            if (q < end && men_kind(s, q) == DG_ENT_PERSON) {
                np->f |= F_COMP;
                np->person = men_at(s, q)->entity;
                j = men_at(s, q)->tok_end;
                links++;
                continue;
            }
            break;
        }
        int is_on = !strcmp(w, "on") || !strcmp(w, "about");
        int call_on = callee && !links && np->person < 0 &&
                      (!strcmp(w, "on") || !strcmp(w, "to"));
        if (strcmp(w, "of") && strcmp(w, "for") && !is_on && !call_on &&
            strcmp(w, "with") && strcmp(w, "among") && strcmp(w, "between"))
            break;
        /* "a courtesy call to Lao Party General Secretary and President
         * A B": through the titles to the person */
        if (call_on) {
            size_t r = j + 1;
            while (r < end && r < j + 16 && men_kind(s, r) != DG_ENT_PERSON) {
                const struct dg_mention *m = men_at(s, r);
                if (m)
                    r = m->tok_end;
                else if ((is_word(s, r) && (tk(s, r)->flags & DG_TOK_CAP)) ||
                         is_w(s, r, "and") || is_w(s, r, "of") ||
                         is_w(s, r, "the") || is_w(s, r, ",") || is_glue(s, r))
                    r++;
                else
                    break;
            }
            if (r < end && men_kind(s, r) == DG_ENT_PERSON) {
                np->person = men_at(s, r)->entity;
                np->f |= F_CALLEE | F_COMP;
                j = men_at(s, r)->tok_end;
                links++;
                continue;
            }
        }
        size_t len;
        int c = cue_at(s, j, end, &len);
        if (c == Q_PARTICIPATE || c == Q_TAKE_PLACE || c == Q_HOST ||
            c == Q_CHAIR || c == Q_COCHAIR || c == Q_ONLINE || c == Q_SIDELINE)
            break;
        size_t q = j + 1, stop = j + 1;
        int has_ent = 0;
        struct dg_date dt;
        int list = !strcmp(w, "among") || !strcmp(w, "between");
        while (q < end && q - np->h1 < MAX_RIGHT) {
            if (dg_dates_match(s->d, &s->dctx, j, q, end, 0, &dt))
                break;
            /* "between A and B": countries and organisations only */
            if (list &&
                (men_at(s, q) ? men_kind(s, q) == DG_ENT_PERSON
                              : !is_w(s, q, "the") &&
                                    !((is_w(s, q, ",") || is_w(s, q, "and")) &&
                                      q + 1 < end && men_at(s, q + 1))))
                break;
            if (men_at(s, q)) {
                if (men_kind(s, q) == DG_ENT_PERSON) {
                    /* "a welcome ceremony for Tea Banh", "his meeting
                     * with Indonesian Defence Minister X": the person
                     * ends the complement */
                    if ((!strcmp(w, "for") || !strcmp(w, "with") ||
                         (!strcmp(w, "of") && visit) || call_on) &&
                        np->person < 0 && !links) {
                        np->person = men_at(s, q)->entity;
                        has_ent = 1;
                        stop = men_at(s, q)->tok_end;
                        if (call_on)
                            np->f |= F_CALLEE;
                    }
                    break;
                }
                has_ent = 1;
                q = men_at(s, q)->tok_end;
                stop = q;
                /* "between A and B": the list ends the complement */
                if (list &&
                    !(q + 1 < end && (is_w(s, q, ",") || is_w(s, q, "and")) &&
                      men_at(s, q + 1)))
                    break;
                continue;
            }
            if (is_glue(s, q)) {
                q++;
                continue;
            }
            if (is_w(s, q, "(") && q + 2 < end &&
                (tk(s, q + 1)->flags & DG_TOK_ALLCAPS)) {
                /* "(EWG)", "(EWG on HMA)" */
                size_t r = q + 2;
                while (r < end && r < q + 6 && !is_w(s, r, ")") &&
                       !is_w(s, r, "("))
                    r++;
                if (r < end && is_w(s, r, ")")) {
                    q = r + 1;
                    stop = q;
                    continue;
                }
            }
            /* 'Laos - China "Friendship Shield - 2023" joint exercise' */
            if (is_quote(s, q) && q + 1 < end && is_word(s, q + 1) &&
                !(tk(s, q + 1)->flags & DG_TOK_LOWER)) {
                q++;
                continue;
            }
            if (is_quote(s, q) && q > j + 1 && q + 1 < end &&
                is_word(s, q + 1) && (tk(s, q + 1)->flags & DG_TOK_LOWER) &&
                cue1(s, q + 1) == Q_NONE) {
                q++;
                continue;
            }
            /* "the dialogue among India, Sri Lanka and Maldives" */
            if (list && has_ent && (is_w(s, q, ",") || is_w(s, q, "and")) &&
                q + 1 < end && men_at(s, q + 1)) {
                q++;
                continue;
            }
            if (!is_word(s, q))
                break;
            /* "talks with his Indian counterpart, A B": A B ends it */
            if ((is_w(s, q, "counterpart") || is_w(s, q, "counterparts")) &&
                (!strcmp(w, "for") || !strcmp(w, "with")) && np->person < 0 &&
                !links) {
                size_t r = q + 1 < end && is_w(s, q + 1, ",") ? q + 2 : q + 1;
                if (r < end && men_kind(s, r) == DG_ENT_PERSON) {
                    np->person = men_at(s, r)->entity;
                    has_ent = 1;
                    stop = men_at(s, r)->tok_end;
                    break;
                }
            }
            c = cue1(s, q);
            if (c == Q_DET || c == Q_INDEF || c == Q_ORDINAL) {
                q++;
                continue;
            }
            if (is_w(s, q, "in") && in_continues(s, q, end)) {
                q++;
                continue;
            }
            if (is_boundary(c) || c == Q_TAKE_PLACE || c == Q_HOST_VERB ||
                c == Q_HOLD || c == Q_CHAIR_VERB || c == Q_ATTEND_VERB)
                break;
            c = cue_at(s, q, end, &len);
            if (c == Q_HOST || c == Q_SIDELINE) /* "... on the sidelines of" */
                break;
            q++;
            stop = q;
        }
        if (stop <= j + 1)
            break;
        if (!strcmp(w, "with") && !has_ent)
            break;
        if (is_on && !np->comp_a && !(np->f & F_CALLEE)) {
            np->comp_a = j + 1;
            np->comp_b = stop;
        }
        np->f |= F_COMP;
        j = stop;
        links++;
    }
    np->b = j;
}

/* ---- events ---------------------------------------------------------- */

static const char *const name_stop[] = {
    "the",  "a",  "an", "of",   "on", "in",  "for",   "to",  "with", "at",
    "and",  "by", "s",  "from", "as", "its", "their", "his", "her",  "this",
    "that", "'",  "-",  "+",    "\"", "(",   ")",     ",",   ".",    NULL};

/* Distinctive tokens of [a, b) without the head [h0, h1). */
static void
ev_tokens(const struct es *s, struct ev *e, size_t a, size_t b, size_t h0,
          size_t h1)
{
    for (size_t k = a; k < b && e->ntok < MAX_NAME_TOK; k++) {
        if (k >= h0 && k < h1)
            continue;
        const char *w = tk(s, k)->lower;
        int c = cue1(s, k);
        if (dg_word_in(name_stop, w) || c == Q_ONLINE || c == Q_PAST ||
            c == Q_FUTURE || c == Q_GENERIC)
            continue;
        int dup = 0;
        for (size_t i = 0; i < e->ntok; i++)
            dup |= !strcmp(e->toks[i], w);
        if (!dup)
            e->toks[e->ntok++] = w;
    }
}

static int
ordinal_word(const char *w)
{
    size_t n = strlen(w);
    return n > 2 && w[0] >= '0' && w[0] <= '9' &&
           (!strcmp(w + n - 2, "st") || !strcmp(w + n - 2, "nd") ||
            !strcmp(w + n - 2, "rd") || !strcmp(w + n - 2, "th"));
}

/* Overlap of the distinctive tokens of two events (0 on an ordinal
 * conflict). */
static double
ev_overlap(const struct ev *a, const struct ev *b)
{
    size_t common = 0;
    int oa = 0, ob = 0, oc = 0;
    for (size_t i = 0; i < a->ntok; i++) {
        int in = 0;
        for (size_t j = 0; j < b->ntok; j++)
            in |= !strcmp(a->toks[i], b->toks[j]);
        common += in;
        if (ordinal_word(a->toks[i])) {
            oa = 1;
            oc |= in;
        }
    }
    for (size_t j = 0; j < b->ntok; j++)
        ob |= ordinal_word(b->toks[j]);
    if (oa && ob && !oc)
        return 0;
    size_t mn = a->ntok < b->ntok ? a->ntok : b->ntok;
    return mn ? (double)common / (double)mn : 0;
}

static const char *
np_kind(const struct es *s, const struct np *np)
{
    const char *kind = dg_lex_table_field(s->nouns, (size_t)np->row, 1);
    if (!(np->f & F_WEAK))
        return kind;
    size_t len;
    int row;
    for (size_t k = np->na; k < np->h0; k++)
        if (noun_at(s, k, np->h0, &len, &row) && !noun_flag(s, row, "weak") &&
            !noun_flag(s, row, "anaphor"))
            kind = dg_lex_table_field(s->nouns, (size_t)row, 1);
    return kind;
}

static const char *label_word(struct es *s, int ent);
static const char *full_name(struct es *s, int ent);
static int last_person(const struct es *s, size_t k);
static int verb_subject(const struct es *s, size_t first, size_t k, size_t *a);

/* The person whose event the phrase names: "his meeting" (the last
 * person), "Lacroix's visit", "as he wrapped up a three-day visit" (the
 * subject of the clause); -1 when none. */
static int
np_owner(const struct es *s, const struct np *np)
{
    size_t first =
        (size_t)s->d->sent[dg_doc_sentence_of(s->d, np->h0)].tok_first;
    size_t a = np->a;
    if (a < np->h0 && (is_w(s, a, "his") || is_w(s, a, "her")))
        return last_person(s, a);
    if (np->f & F_POSS) {
        /* "Lacroix's visit": the mention before "'s" */
        for (size_t k = a; k + 1 < np->h0; k++)
            if (is_w(s, k, "'") && is_w(s, k + 1, "s")) {
                const struct dg_mention *m = k > 0 ? men_at(s, k - 1) : NULL;
                return m && m->kind == DG_ENT_PERSON ? m->entity : -1;
            }
        return -1;
    }
    /* "as he wrapped up a visit to X", "Mr X made a visit": the subject
     * of the verb just before */
    if (a > first + 1 && (tk(s, a - 1)->flags & DG_TOK_LOWER) &&
        !is_boundary(cue1(s, a - 1))) {
        size_t sa;
        return verb_subject(s, first, a - 1, &sa);
    }
    return -1;
}

/* Names after their persons the events that a phrase ties to them:
 * "his meeting with Indonesian Defence Minister X" -> "meeting between
 * <him> and X"; "a three-day visit to Lebanon" of the clause's subject ->
 * "Lacroix's visit to Lebanon"; "X was accorded a Guard of Honour" ->
 * "Guard of Honour for X".  Returns 0, -1 on error. */
static int
person_label(struct es *s, struct ev *e, const struct np *np)
{
    struct dg_doc *d = s->d;
    const char *name;
    if (np->forum >= 0 || np->row < 0 || (np->f & F_PLURAL))
        return 0;
    if (!strcmp(e->kind, "meeting") && np->person >= 0 && (np->f & F_CALLEE)) {
        /* "X paid a courtesy call on Y": X attends (tie_events), Y hosts;
         * the label stays as written */
        int o = np_owner(s, np);
        if (o >= 0 && o != np->person)
            e->who[0] = o;
        return 0;
    }
    if (!strcmp(e->kind, "meeting") && np->person >= 0) {
        int o = np_owner(s, np);
        if (o < 0 || o == np->person)
            return 0;
        const char *noun = dg_doc_span(d, np->h0, np->h1);
        if (!noun)
            return -1;
        name = dg_doc_printf(d, "%s between %s and %s", noun, label_word(s, o),
                             label_word(s, np->person));
        e->who[0] = o;
        e->who[1] = np->person;
        e->verb = 1;
    } else if (!strcmp(e->kind, "visit") && np->to_a) {
        int o = np_owner(s, np);
        if (o < 0 || (np->f & F_POSS))
            return 0;
        name =
            dg_doc_printf(d, "%s's %s", label_word(s, o), d->ent[e->id].name);
        e->verb = 1;
        e->who[0] = o;
    } else if (!strcmp(e->kind, "ceremony") && np->person < 0 && np->a > 0 &&
               cue1(s, np->a - 1) == Q_HONOUR) {
        /* "Mr Marles was accorded a Guard of Honour" */
        size_t first = d->sent[dg_doc_sentence_of(d, np->h0)].tok_first, sa;
        size_t v = np->a - 1;
        while (v > first + 1 &&
               (is_w(s, v - 1, "was") || is_w(s, v - 1, "were") ||
                is_w(s, v - 1, "is") || is_w(s, v - 1, "been") ||
                is_w(s, v - 1, "be") || is_w(s, v - 1, "being") ||
                is_w(s, v - 1, "has") || is_w(s, v - 1, "had")))
            v--;
        int o = verb_subject(s, first, v, &sa);
        if (o < 0)
            return 0;
        name =
            dg_doc_printf(d, "%s for %s", d->ent[e->id].name, full_name(s, o));
        e->comp = 1;
        e->honoree = o;
    } else {
        return 0;
    }
    if (!name)
        return -1;
    return dg_doc_entity_rename(d, e->id, name);
}

/* Registers a new event named by np.  Returns its index, -1 when out of
 * memory, -2 when the article has too many events. */
/* Registers the event entity NAME (borrowed, may be NULL) and starts its
 * record s->ev[s->nev] (not yet counted) with kind, place and first
 * sentence; the caller fills the rest and then counts it.  Returns the
 * record, or NULL with *full set (the table is full) or clear (out of
 * memory). */
static struct ev *
ev_start(struct es *s, const char *name, const char *kind, int place, long sent,
         int *full)
{
    *full = s->nev >= MAX_EVENTS;
    if (*full)
        return NULL;
    const char *iri = dg_doc_next_event_iri(s->d);
    if (!iri || !name)
        return NULL;
    int id = dg_doc_entity(s->d, DG_ENT_EVENT, iri, name);
    if (id < 0)
        return NULL;
    struct ev *e = &s->ev[s->nev];
    memset(e, 0, sizeof *e);
    e->id = id;
    e->kind = kind;
    e->place = place;
    e->anchor = e->within = e->of = e->honoree = -1;
    e->who[0] = e->who[1] = -1;
    e->forum = e->named_forum = -1;
    e->first_sent = sent;
    return e;
}

static int
new_event(struct es *s, const struct np *np, long sent)
{
    int full;
    const char *name = s->nev >= MAX_EVENTS ? NULL
                       : np->nm_b ? dg_entities_name(s->d, np->nm_a, np->nm_b)
                                  : dg_entities_name(s->d, np->na, np->b);
    struct ev *e = ev_start(s, name, np_kind(s, np), -1, sent, &full);
    if (!e)
        return full ? -2 : -1;
    e->forum = np->forum;
    /* in the name, not in a complement ("the meeting of ASEAN and Japan") */
    for (size_t k = np->na; k < np->h1 && e->forum < 0 && e->named_forum < 0;
         k++) {
        const struct dg_mention *m = men_at(s, k);
        if (m && m->kind == DG_ENT_ORG && org_is_forum(s, m->entity))
            e->named_forum = m->entity;
    }
    e->bare = !(np->f & (F_SPECIFIC & ~F_LOWER)) && np->forum < 0;
    e->future = (np->f & F_FUTURE) != 0;
    /* "X will hold talks with Y", "X would pay a courtesy call on Y": the
     * clause's tense */
    if ((np->f & F_HOLD) && !(np->f & F_PAST) && sent >= 0 &&
        dg_dates_future_at(s->d, s->d->sent[sent].tok_first, np->a,
                           TENSE_WINDOW))
        e->future = 1;
    /* "X met Y yesterday ahead of the 12th ADMM": later than the clause,
     * so neither its date nor its past */
    for (size_t j = np->a > 5 ? np->a - 5 : 0; sent >= 0 && j < np->a; j++) {
        size_t len;
        if (j > (size_t)s->d->sent[sent].tok_first &&
            cue_at(s, j, np->a + 1, &len) == Q_AHEAD &&
            (j + len == np->a ||
             (j + len == np->a + 1 && is_w(s, np->a, "the"))))
            e->ahead = 1;
    }
    /* "... ahead of the 12th ADMM and the 5th ADMM-Plus" */
    if (np->a > 0 && is_w(s, np->a - 1, "and") && s->nev > 0 &&
        s->ev[s->nev - 1].ahead && s->ev[s->nev - 1].first_sent == sent)
        e->ahead = 1;
    e->comp = (np->f & F_COMP) != 0;
    if (!strcmp(e->kind, "ceremony") && np->person >= 0)
        e->honoree = np->person;
    for (size_t k = np->na; k < np->b && !e->name_year; k++)
        e->name_year = dg_dates_year_tok(s->d, k);
    if (np->nm_b)
        ev_tokens(s, e, np->nm_a, np->nm_b, np->nm_b, np->nm_b);
    else
        ev_tokens(s, e, np->na, np->b, np->h0, np->h1);
    if (person_label(s, e, np) < 0)
        return -1;
    return (int)s->nev++;
}

/* The first event that is not upcoming, or -1. */
static int
main_event(const struct es *s)
{
    /* a signing is the main event only when nothing else happened: "A
     * and B signed X during the 2+2" reports the 2+2 */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->nev; i++)
            if (!s->ev[i].future && (pass || strcmp(s->ev[i].kind, "signing")))
                return (int)i;
    return -1;
}

/* What a bare definite phrase ("the meeting") refers to: a same-kind
 * event of this or the previous sentence that is not upcoming, else the
 * main event; -1 when there is none. */
static int
antecedent(const struct es *s, const char *kind, long sent)
{
    int m = main_event(s);
    if (m >= 0 && !strcmp(s->ev[m].kind, kind))
        return m;
    for (size_t i = s->nmr; i-- > 0;) {
        const struct mrec *r = &s->mr[i];
        if (r->sent < sent - 1)
            break;
        if (r->ev >= 0 && !s->ev[r->ev].future &&
            !strcmp(s->ev[r->ev].kind, kind))
            return r->ev;
    }
    /* "the exercise" after "the opening ceremony of the X exercise" */
    for (size_t i = s->nev; i-- > 0;)
        if (!s->ev[i].future && !strcmp(s->ev[i].kind, kind))
            return (int)i;
    return m;
}

static int sitting_of(const struct es *s, int org);

/* What "the event" or "the gathering" refers to: the main event, or,
 * when the text opened with two events ("The ADMM Retreat and the Third
 * ADMM-Plus will kick off"), the one of those two told last in this
 * sentence or the one before; -1 when there is none. */
static int
recent_event(const struct es *s, const char *kind, long sent)
{
    int m = main_event(s);
    /* "the ADMM-Plus is set to see 320 delegates": a forum named alone
     * in this or the sentence before is its sitting */
    for (size_t i = s->d->nmen; m >= 0 && i-- > 0;) {
        const struct dg_mention *x = &s->d->men[i];
        if (x->sent < sent - 1 || x->sent > sent || x->kind != DG_ENT_ORG ||
            !org_is_forum(s, x->entity))
            continue;
        int e = sitting_of(s, x->entity);
        if (e >= 0 && e != m && s->ev[e].first_sent == s->ev[m].first_sent &&
            s->ev[e].first_sent < x->sent)
            return e;
    }
    for (size_t i = s->nmr; m >= 0 && i-- > 0;) {
        const struct mrec *r = &s->mr[i];
        if (r->sent < sent - 1)
            break;
        if (r->ev >= 0 && r->ev != m &&
            !s->ev[r->ev].future == !s->ev[m].future &&
            s->ev[r->ev].first_sent == s->ev[m].first_sent)
            return r->ev;
        if (r->ev == m)
            break;
    }
    return antecedent(s, kind, sent);
}

/* 1 when a date, "in PLACE" or "took place" follows the phrase. */
static int
when_where_after(const struct es *s, const struct np *np, size_t end)
{
    struct dg_date dt;
    for (size_t j = np->b; j < end && j < np->b + 4; j++) {
        size_t len;
        int c = cue_at(s, j, end, &len);
        if (c == Q_TAKE_PLACE || c == Q_ONLINE)
            return 1;
        if (dg_dates_match(s->d, &s->dctx, np->a, j, end, 0, &dt))
            return 1;
        if (is_w(s, j, "in") && j + 1 < end &&
            (tk(s, j + 1)->flags & DG_TOK_CAP))
            return 1;
    }
    return 0;
}

/* The sitting of forum org the text tells of (the last one, not
 * upcoming first), or -1. */
static int
sitting_of(const struct es *s, int org)
{
    int best = -1;
    for (size_t i = 0; i < s->nev; i++)
        if ((s->ev[i].forum == org || s->ev[i].named_forum == org) &&
            (best < 0 || s->ev[best].future || !s->ev[i].future))
            best = (int)i;
    return best;
}

/* 1 when tokens [a, b) and [c, c + b - a) are the same words. */
static int
same_words(const struct es *s, size_t a, size_t b, size_t c, size_t end)
{
    if (c + (b - a) > end)
        return 0;
    for (size_t k = 0; k < b - a; k++)
        if (strcmp(tk(s, a + k)->fold, tk(s, c + k)->fold))
            return 0;
    return 1;
}

/* "the Mendoza meeting": the event, not upcoming, that an earlier
 * sentence says is held "in Mendoza" (tokens [a, b)), or -1. */
static int
held_at(const struct es *s, size_t a, size_t b)
{
    const struct dg_doc *d = s->d;
    if (b <= a || b - a > 3 || !(tk(s, a)->flags & DG_TOK_CAP))
        return -1;
    for (size_t k = a; k < b; k++)
        if (men_at(s, k) || !is_word(s, k))
            return -1;
    for (size_t i = 0; i < s->nmr; i++) {
        const struct mrec *r = &s->mr[i];
        if (r->ev < 0 || s->ev[r->ev].future || r->sent < 0)
            continue;
        size_t end = d->sent[r->sent].tok_end;
        for (size_t k = r->np.b; k + 1 < end; k++)
            if ((is_w(s, k, "in") || is_w(s, k, "of")) &&
                same_words(s, a, b, k + 1, end))
                return r->ev;
    }
    return -1;
}

/* 1 when np is "a press (news) conference" someone speaks at: "said in a
 * press conference", "told a news conference". */
static int
press_conference(const struct es *s, const struct np *np)
{
    if (np->h1 < np->h0 + 2 ||
        (!is_w(s, np->h0, "press") && !is_w(s, np->h0, "news")) || np->a == 0)
        return 0;
    size_t p = np->a - 1;
    return is_w(s, p, "in") || is_w(s, p, "at") || is_w(s, p, "during") ||
           is_w(s, p, "told") || is_w(s, p, "gave") || is_w(s, p, "held");
}

/* Resolves a phrase to an event index (creating one when it names a new
 * occurrence); -1 when it names none; -2 on error. */
static int
resolve_np(struct es *s, const struct np *np, long sent, size_t end,
           int long_sent)
{
    unsigned f = np->f;
    const char *kind = np_kind(s, np);

    if (np->forum >= 0) {
        struct ev tmp;
        memset(&tmp, 0, sizeof tmp);
        ev_tokens(s, &tmp, np->na, np->b, np->h0, np->h1);
        for (size_t i = 0; i < s->nev; i++)
            if (s->ev[i].forum == np->forum &&
                (!tmp.ntok || !s->ev[i].ntok ||
                 ev_overlap(&tmp, &s->ev[i]) > 0)) /* "17th" is not "18th" */
                return (int)i;
        int r = new_event(s, np, sent);
        return r == -2 ? -1 : r == -1 ? -2 : r;
    }
    /* "such meetings", "annual exercises"; not "the annual Cobra Gold 2023
     * exercises", named and numbered */
    if ((f & F_GENERIC) && !((f & F_CAP) && (f & (F_YEAR | F_ORD))))
        return -1;
    /* "on the sidelines of this series of meetings", "these talks": the
     * events told before */
    if ((f & F_PLURAL) && (f & F_DET) && !(f & F_CAP) &&
        (is_w(s, np->a, "this") || is_w(s, np->a, "these")))
        return antecedent(s, kind, sent);
    if ((f & F_PLURAL) && !((f & F_CAP) && (f & (F_ORG | F_ORD | F_YEAR))))
        return -1;
    if (f & F_ANAPHOR)
        return (f & F_DET) ? recent_event(s, kind, sent) : -1;
    int bare = !(f & F_SPECIFIC);
    int create = 0;
    if (bare) {
        if (f & F_DET) {
            int a = antecedent(s, kind, sent);
            if (a >= 0)
                return a;
            create = !long_sent && !(f & F_WEAK);
        } else if (f & F_INDEF) {
            create = (f & F_HOLD) || when_where_after(s, np, end) ||
                     press_conference(s, np);
        } else {
            create = (f & F_HOLD) && !(f & F_WEAK);
        }
    } else {
        int tied =
            (f & (F_DET | F_POSS)) ||
            ((f & F_INDEF) && ((f & (F_SPECIFIC & ~F_LOWER)) || (f & F_HOLD) ||
                               when_where_after(s, np, end))) ||
            ((f & F_HOLD) && !(f & F_WEAK)) || (f & F_NAMED) ||
            /* "after talks with his counterpart A in Warsaw" */
            (np->person >= 0 && (f & F_COMP) && !(f & F_WEAK)) ||
            ((f & F_CAP) && (f & (F_ORG | F_ORD | F_YEAR | F_COUNTRY | F_ACR)));
        if (!tied)
            return -1;
        if (long_sent &&
            !(f & (F_ORD | F_ORG | F_CAP | F_YEAR | F_ACR | F_TITLE)))
            return -1;
        /* the same occurrence named again */
        struct ev tmp;
        memset(&tmp, 0, sizeof tmp);
        ev_tokens(s, &tmp, np->na, np->b, np->h0, np->h1);
        int best = -1;
        double bo = 0;
        for (size_t i = 0; i < s->nev; i++) {
            if (strcmp(s->ev[i].kind, kind) || !tmp.ntok || !s->ev[i].ntok)
                continue;
            double o = ev_overlap(&tmp, &s->ev[i]);
            if (o >= 0.6 && o > bo) {
                bo = o;
                best = (int)i;
            }
        }
        if (best >= 0)
            return best;
        /* "a meeting with General A B" ... "a face-to-face meeting with
         * Minister B": the same person, the same meeting */
        for (size_t i = 0; np->person >= 0 && i < s->nmr; i++) {
            const struct mrec *r = &s->mr[i];
            if (r->ev >= 0 && !strcmp(s->ev[r->ev].kind, kind) &&
                (r->np.person == np->person ||
                 s->ev[r->ev].who[1] == np->person))
                return r->ev;
        }
        /* "the Mendoza meeting": named by the place an event of the text
         * is held in, that event */
        if ((f & F_DET) && np->h0 > np->na) {
            int at = held_at(s, np->na, np->h0);
            if (at >= 0)
                return at;
        }
        if (!tmp.ntok && (f & F_DET)) {
            int a = antecedent(s, kind, sent);
            if (a >= 0)
                return a;
        }
        /* "exercise Balikatan 2023, the largest iteration of the
         * bilateral exercise": a definite phrase with lowercase words
         * only refers to an event of its kind */
        /* ... not "they agreed to hold the vice ministerial 2+2
         * dialogue": an event to come is not one told as past */
        int ahead = (f & F_FUTURE) ||
                    ((f & F_HOLD) && sent >= 0 &&
                     dg_dates_future_at(s->d, s->d->sent[sent].tok_first, np->a,
                                        TENSE_WINDOW));
        if ((f & F_DET) && !(f & (F_SPECIFIC & ~F_LOWER)) && !np->comp_b) {
            int a = antecedent(s, kind, sent);
            if (a >= 0 && !strcmp(s->ev[a].kind, kind) &&
                (!ahead || s->ev[a].future))
                return a;
        }
        create = 1;
    }
    /* "We also discussed the Coordinated Patrol (CORPAT)": a subject */
    for (size_t l = 1; create && l <= 3 && l <= np->a; l++) {
        size_t len;
        if (cue_at(s, np->a - l, np->a, &len) == Q_TOPIC_VERB && len == l)
            create = 0;
    }
    if (!create)
        return -1;
    int r = new_event(s, np, sent);
    return r == -2 ? -1 : r == -1 ? -2 : r;
}

static int
add_mrec(struct es *s, long sent, const struct np *np, int ev)
{
    if (s->nmr == s->capmr) {
        size_t nc = s->capmr ? s->capmr * 2 : 32;
        struct mrec *m = realloc(s->mr, nc * sizeof *m);
        if (!m)
            return -1;
        s->mr = m;
        s->capmr = nc;
    }
    s->mr[s->nmr++] = (struct mrec){sent, *np, ev};
    s->ev[ev].nmen++;
    if (dg_doc_mention(s->d, s->ev[ev].id, np->a, np->b, 0) < 0)
        return -1;
    return 0;
}

/* Records the mention of event ev told with a verb: the phrase [a, b),
 * the verb [h0, h1) standing for its head.  Returns 0 or -1. */
static int
verb_mrec(struct es *s, size_t si, size_t a, size_t h0, size_t h1, size_t b,
          int ev)
{
    struct np np;
    memset(&np, 0, sizeof np);
    np.forum = np.person = np.row = -1;
    np.a = np.na = a;
    np.h0 = h0;
    np.h1 = h1;
    np.b = b;
    np.f = F_HOLD;
    return add_mrec(s, (long)si, &np, ev);
}

/* A forum of the lexicon named like a meeting, at mention m, that the
 * context says takes place ("the upcoming ADSOM+ ... expected to take
 * place on July 7", "the 14th ADMM").  Fills np and returns 1, else 0. */
static int
forum_event(const struct es *s, const struct dg_mention *m, size_t first,
            size_t end, struct np *np)
{
    size_t len;
    int row, named = 0;
    if (m->kind != DG_ENT_ORG)
        return 0;
    /* a forum, or a body that sits ("the 16th Joint Defence Council") */
    int forum = !strcmp(org_kind(s, m->entity), "forum");
    int sits = 0;
    for (size_t k = m->tok_first; k < m->tok_end && !forum; k++)
        sits |= cue1(s, k) == Q_SITS;
    if (!forum && !sits)
        return 0;
    for (size_t k = m->tok_first; k < m->tok_end; k++)
        if (noun_at(s, k, m->tok_end, &len, &row) &&
            !noun_flag(s, row, "anaphor")) {
            named = 1;
            np->row = row;
        }
    /* "the Third ADMM-Plus", "ADSOM 2021": a sitting by its number or
     * year, whatever the forum's name says */
    int numbered =
        (m->tok_first > first && (is_ordinal(s, m->tok_first - 1) ||
                                  dg_dates_year_tok(s->d, m->tok_first - 1))) ||
        (m->tok_end < end && dg_dates_year_tok(s->d, m->tok_end));
    /* "The ADMM, a platform for ..., will be held today": a forum named
     * alone refers to its sitting told before when a cue says it takes
     * place */
    int again = 0;
    struct dg_date when;
    for (size_t i = 0; i < s->nev && !named && !numbered && forum && !again;
         i++) {
        if (s->ev[i].forum != m->entity && s->ev[i].named_forum != m->entity)
            continue;
        for (size_t j = m->tok_end; j < end && j < m->tok_end + 16; j++)
            if (cue_at(s, j, end, &len) == Q_TAKE_PLACE) {
                again = 1;
                break;
            }
        /* "X will be held today, and the ADMM-Plus tomorrow" */
        if (!again && m->tok_end < end &&
            dg_dates_match(s->d, &s->dctx, first, m->tok_end, end, 0, &when))
            for (size_t j = first; j < m->tok_first; j++)
                if (cue_at(s, j, m->tok_first, &len) == Q_TAKE_PLACE) {
                    again = 1;
                    break;
                }
    }
    if ((!named && !numbered && !again) || (!forum && !numbered))
        return 0;
    if (!named) {
        int r0 = -1; /* the plain meeting row gives the kind */
        for (size_t r = 0; r < dg_lex_table_rows(s->nouns) && r0 < 0; r++)
            if (!strcmp(dg_lex_table_field(s->nouns, r, 1), "meeting") &&
                !dg_lex_table_field(s->nouns, r, 2)[0])
                r0 = (int)r;
        if (r0 < 0)
            return 0;
        row = r0;
    }
    memset(np, 0, sizeof *np);
    np->forum = m->entity;
    np->person = -1;
    np->row = row;
    np->h0 = m->tok_first;
    np->h1 = m->tok_end;
    size_t a = m->tok_first, na = a;
    int ok = again;
    if (a > first) {
        size_t j = a - 1;
        if (is_ordinal(s, j) || dg_dates_year_tok(s->d, j)) {
            ok = 1;
            na = a = j;
        } else if (cue1(s, j) == Q_PAST || cue1(s, j) == Q_FUTURE) {
            ok = 1;
            np->f |= cue1(s, j) == Q_FUTURE ? F_FUTURE : F_PAST;
            a = j;
        }
        if (a > first && cue1(s, a - 1) == Q_DET)
            a--;
    }
    size_t b = m->tok_end;
    if (b + 2 < end && is_w(s, b, "(") && is_w(s, b + 2, ")"))
        b += 3;
    else if (b + 3 < end && is_w(s, b, "(") && is_w(s, b + 3, ")"))
        b += 4;
    struct dg_date dt;
    for (size_t j = b; j < end && j < b + 6 && !ok; j++) {
        int c = cue_at(s, j, end, &len);
        if (c == Q_TAKE_PLACE || c == Q_HOST)
            ok = 1;
        else if (j < b + 2 &&
                 dg_dates_match(s->d, &s->dctx, first, j, end, 0, &dt))
            ok = 1;
        else if (is_punct(s, j))
            break;
    }
    if (!ok)
        return 0;
    np->a = a;
    np->na = na;
    np->b = b;
    np->f |= F_FORUM | F_ORG;
    return 1;
}

/* "the Dialogue's political dimension" in an article on NATO's
 * Mediterranean Dialogue: a capitalised event noun alone, after "the",
 * that ends the name of an organisation the article names, is that
 * organisation's short name, not an event. */
static int
forum_short_name(const struct es *s, const struct np *np)
{
    if (np->h1 != np->h0 + 1 || !(tk(s, np->h0)->flags & DG_TOK_CAP) ||
        np->na != np->h0 || np->forum >= 0)
        return 0;
    const char *w = tk(s, np->h0)->fold;
    size_t wl = strlen(w);
    for (size_t i = 0; i < s->d->nent; i++) {
        const struct dg_entity *e = &s->d->ent[i];
        size_t nl = e->name ? strlen(e->name) : 0;
        if (e->kind == DG_ENT_ORG && nl > wl + 1 &&
            e->name[nl - wl - 1] == ' ' && !strcmp(e->name + nl - wl, w))
            return 1;
    }
    return 0;
}

/* ---- meetings and visits said with a verb ---------------------------- */

static int add_party(struct es *s, int ent, int ev);
static int add_side(struct es *s, int country, int ev);
static int rel(struct es *s, int subj, const char *p, int ev);
static int place_at(struct es *s, size_t p, size_t end);
static int dateline_place(struct es *s);
static int venue_at(struct es *s, size_t p, size_t end);
static void set_date(struct es *s, int ev, const struct dg_date *dt);
static int sitting_forum(struct es *s, const struct mrec *r);
static const char *short_name(const struct es *s, int ent);

/* The word that names person ent in a label: the last word of the name,
 * before a suffix ("Lloyd J. Austin III" -> "Austin"), or the full name
 * when the family name comes first ("Li Shangfu"); other entities by
 * their name. */
/* 1 when person ent is of a country whose names put the family name
 * first (the family-first row of event-cues.tsv lists their ISO codes). */
static int
family_first(const struct es *s, int ent)
{
    const char *nat = dg_doc_prop_get(s->d, ent, DG_NS_SCHEMA "nationality");
    const char *iso = nat ? strrchr(nat, '/') : NULL;
    if (!iso || strlen(iso + 1) != 3)
        return 0;
    for (size_t r = 0; r < dg_lex_table_rows(s->cues); r++) {
        if (strcmp(dg_lex_table_field(s->cues, r, 1), "family-first"))
            continue;
        const char *v = dg_lex_table_field(s->cues, r, 0);
        if (strlen(v) == 3 && (v[0] | 32) == (iso[1] | 32) &&
            (v[1] | 32) == (iso[2] | 32) && (v[2] | 32) == (iso[3] | 32))
            return 1;
    }
    return 0;
}

static const char *
full_name(struct es *s, int ent)
{
    const char *n = s->d->ent[ent].name;
    static const char *const suffix[] = {" Jr.", " Jr",  " Sr.", " Sr",
                                         " II",  " III", " IV",  NULL};
    if (s->d->ent[ent].kind != DG_ENT_PERSON)
        return short_name(s, ent);
    size_t l = strlen(n);
    for (const char *const *x = suffix; *x; x++) {
        size_t xl = strlen(*x);
        if (l > xl && !strcmp(n + l - xl, *x))
            return dg_doc_strndup(s->d, n, l - xl);
    }
    return n;
}

static const char *
label_word(struct es *s, int ent)
{
    static const char *const suffix[] = {"Jr", "Jr.", "Sr", "Sr.",
                                         "II", "III", "IV", NULL};
    const char *n = s->d->ent[ent].name;
    if (s->d->ent[ent].kind != DG_ENT_PERSON)
        return short_name(s, ent);
    if (family_first(s, ent))
        return full_name(s, ent); /* "Li Shangfu", not "Shangfu" */
    const char *w[16];
    size_t wl[16], nw = 0;
    for (const char *p = n; *p && nw < 16;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        w[nw] = p;
        wl[nw++] = (size_t)(q - p);
        p = q;
    }
    while (nw > 1) {
        int suf = 0;
        for (const char *const *x = suffix; *x; x++)
            suf |=
                strlen(*x) == wl[nw - 1] && !strncmp(*x, w[nw - 1], wl[nw - 1]);
        if (!suf)
            break;
        nw--;
    }
    if (nw == 0)
        return n;
    size_t l = wl[nw - 1];
    while (l > 1 && (w[nw - 1][l - 1] == ',' || w[nw - 1][l - 1] == '.'))
        l--;
    return dg_doc_strndup(s->d, w[nw - 1], l);
}

/* The country of person (or the country itself), or -1. */
static int
nationality(const struct es *s, int ent)
{
    if (ent < 0)
        return -1;
    if (s->d->ent[ent].kind == DG_ENT_COUNTRY)
        return ent;
    if (s->d->ent[ent].kind != DG_ENT_PERSON)
        return -1;
    const char *nat = dg_doc_prop_get(s->d, ent, DG_NS_SCHEMA "nationality");
    return nat ? dg_doc_entity_find(s->d, nat) : -1;
}

/* The last person mentioned before token k (outside the dateline), or
 * -1: "He met ..." */
static int
last_person(const struct es *s, size_t k)
{
    int p = -1;
    for (size_t i = 0; i < s->d->nmen; i++) {
        const struct dg_mention *m = &s->d->men[i];
        if (m->kind == DG_ENT_PERSON && m->sent >= 0 && m->tok_end <= k &&
            !(m->flags & DG_MEN_DATELINE) &&
            !(s->d->sent[m->sent].flags & DG_SENT_NOMINE))
            p = m->entity;
    }
    return p;
}

/* The subject of the verb at k: the person just before it ("Defense
 * Secretary X (also) met"), "he"/"she" or a title ("The Secretary
 * General") for the last person; -1 when none.  *a gets the first token
 * of the subject in the sentence (k when elsewhere). */
static int
verb_subject(const struct es *s, size_t first, size_t k, size_t *a)
{
    size_t j = k;
    *a = k;
    /* adverbs and auxiliaries: "also", "has", "later" */
    static const char *const aux[] = {
        "has",        "have",     "had",  "will",  "would",
        "shall",      "also",     "then", "later", "separately",
        "previously", "recently", NULL};
    while (
        j > first && k - j < 3 && is_word(s, j - 1) && !men_at(s, j - 1) &&
        (tk(s, j - 1)->flags & DG_TOK_LOWER) && !is_w(s, j - 1, "he") &&
        !is_w(s, j - 1, "she") && !is_w(s, j - 1, "and") &&
        !is_w(s, j - 1, "not") && !is_w(s, j - 1, "never") &&
        cue1(s, j - 1) != Q_DET &&
        (!is_boundary(cue1(s, j - 1)) || dg_word_in(aux, tk(s, j - 1)->lower)))
        j--;
    /* "X on Thursday night spoke", "X yesterday met": a date between
     * the subject and the verb */
    for (size_t d0 = j, j0 = j; d0-- > first && j0 - d0 <= 6;) {
        struct dg_date dt;
        size_t o = is_w(s, d0, "on") ? 1 : 0, n, e;
        if (!(n = dg_dates_match(s->d, &s->dctx, first, d0 + o, j0, 0, &dt)))
            continue;
        e = d0 + o + n;
        while (e < j0 && (is_w(s, e, "night") || is_w(s, e, "morning") ||
                          is_w(s, e, "afternoon") || is_w(s, e, "evening")))
            e++;
        if (e == j0)
            j = d0; /* the longest such date wins */
    }
    /* "Lloyd J. Austin III met": a suffix after the name */
    size_t j2 = j;
    while (j2 > first && j - j2 < 3 && !men_at(s, j2 - 1) &&
           (is_w(s, j2 - 1, ".") || is_w(s, j2 - 1, ",") ||
            (is_word(s, j2 - 1) && (tk(s, j2 - 1)->flags & DG_TOK_CAP) &&
             tk(s, j2 - 1)->end - tk(s, j2 - 1)->start <= 3)))
        j2--;
    if (j2 < j && j2 > first && men_at(s, j2 - 1) &&
        men_at(s, j2 - 1)->kind == DG_ENT_PERSON)
        j = j2;
    if (j == first)
        return -1;
    /* "commanded by Captain A B, who would call on C": the person before
     * the relative pronoun */
    if (is_w(s, j - 1, "who") && j - 1 > first + 1 && is_w(s, j - 2, ",")) {
        const struct dg_mention *m = men_at(s, j - 3);
        if (m && m->kind == DG_ENT_PERSON) {
            *a = m->tok_first;
            return m->entity;
        }
        return -1;
    }
    /* "X visited A and met B": the subject of the verb before */
    if (is_w(s, j - 1, "and") && s->verb_subj >= 0 &&
        s->verb_subj_sent == dg_doc_sentence_of(s->d, k)) {
        *a = k;
        return s->verb_subj;
    }
    const struct dg_mention *m = men_at(s, j - 1);
    if (m && m->kind == DG_ENT_PERSON) {
        *a = m->tok_first;
        return m->entity;
    }
    if (m)
        return -1;
    if (is_w(s, j - 1, "he") || is_w(s, j - 1, "she")) {
        *a = j - 1;
        /* "A met B. He also met C": the subject of the meeting told in
         * the sentence before, not its object */
        long si = dg_doc_sentence_of(s->d, k);
        if (j - 1 == first && s->verb_subj >= 0 && si > 0 &&
            s->verb_subj_sent == si - 1)
            return s->verb_subj;
        return last_person(s, j - 1);
    }
    /* "The Secretary General met": a capitalised title after "the" at
     * the start of the sentence */
    size_t t = j;
    while (t > first && is_word(s, t - 1) &&
           (tk(s, t - 1)->flags & DG_TOK_CAP) && !men_at(s, t - 1) && j - t < 4)
        t--;
    if (t < j && t > first && t - 1 == first && is_w(s, first, "the")) {
        *a = first;
        return last_person(s, first);
    }
    return -1;
}

static int
is_negated(const struct es *s, size_t first, size_t k)
{
    for (size_t j = k; j > first && k - j < 3; j--)
        if (is_w(s, j - 1, "not") || is_w(s, j - 1, "never") ||
            is_w(s, j - 1, "n't") || is_w(s, j - 1, "to"))
            return 1;
    return 0;
}

/* An existing event of this kind with the same two persons, or -1. */
static int
same_meeting(const struct es *s, const char *kind, int p0, int p1)
{
    for (size_t i = 0; i < s->nev; i++) {
        const struct ev *e = &s->ev[i];
        if (strcmp(e->kind, kind))
            continue;
        if (e->who[0] >= 0 && ((e->who[0] == p0 && e->who[1] == p1) ||
                               (e->who[0] == p1 && e->who[1] == p0)))
            return (int)i;
    }
    return -1;
}

/* Registers an event said with a verb, named name, with the distinctive
 * words of its name.  Returns its index, -1 when the article has too many
 * events, -2 on error. */
static int
verb_new_event(struct es *s, size_t si, const char *name, const char *kind,
               int place)
{
    int full;
    struct ev *e = ev_start(s, name, kind, place, (long)si, &full);
    if (!e)
        return full ? -1 : -2;
    e->verb = 1;
    struct dg_tokens *tt = dg_tokens_new(name, 0, strlen(name));
    if (!tt)
        return -2;
    const struct dg_token *t = dg_tokens_get(tt);
    for (size_t i = 0; i < dg_tokens_count(tt) && e->ntok < MAX_NAME_TOK; i++)
        if ((t[i].flags & DG_TOK_WORD) && !dg_word_in(name_stop, t[i].lower) &&
            strcmp(t[i].lower, "between")) {
            const char *w = dg_doc_strdup(s->d, t[i].lower);
            if (!w) {
                dg_tokens_free(tt);
                return -2;
            }
            e->toks[e->ntok++] = w;
        }
    dg_tokens_free(tt);
    return (int)s->nev++;
}

/* "NATO Defence Ministers met at NATO Headquarters in Brussels": a group
 * named by an organisation (or country) and a capitalised plural role at
 * the start of the sentence meets: "meeting of NATO Defence Ministers",
 * part of the organisation.  "Ministers also met in the format of the
 * NATO-Ukraine Council with X": "NATO-Ukraine Council meeting", part of
 * the council; X attends.  Returns the token after what it read, k when
 * none, 0 on error. */
static size_t
group_meeting(struct es *s, size_t si, size_t k, size_t len)
{
    const struct dg_sentence *se = &s->d->sent[si];
    size_t first = se->tok_first, end = se->tok_end, j = k, l;
    int org = -1, fmt = -1;

    while (j > first && k - j < 2 &&
           (is_w(s, j - 1, "also") || is_w(s, j - 1, "then") ||
            is_w(s, j - 1, "later") || is_w(s, j - 1, "first")))
        j--;
    if (j == first || !is_word(s, j - 1) || men_at(s, j - 1) ||
        !(tk(s, j - 1)->flags & DG_TOK_CAP))
        return k;
    const char *role = tk(s, j - 1)->lower;
    size_t rl = strlen(role);
    if (rl < 4 || role[rl - 1] != 's')
        return k;
    size_t a = j - 1;
    while (a > first && j - a < 4 && is_word(s, a - 1) && !men_at(s, a - 1) &&
           (tk(s, a - 1)->flags & DG_TOK_CAP))
        a--;
    const struct dg_mention *m = a > first ? men_at(s, a - 1) : NULL;
    if (m && (m->kind == DG_ENT_ORG || m->kind == DG_ENT_COUNTRY)) {
        org = m->entity;
        a = m->tok_first;
    }
    if (a > first && cue1(s, a - 1) == Q_DET)
        a--;
    if (a != first)
        return k;
    size_t p = k + len, b = p;
    if (cue_at(s, p, end, &l) == Q_FORMAT) {
        size_t q = p + l;
        if (q < end && cue1(s, q) == Q_DET)
            q++;
        const struct dg_mention *f = q < end ? men_at(s, q) : NULL;
        if (f && f->kind == DG_ENT_ORG) {
            fmt = f->entity;
            b = f->tok_end;
        }
    }
    if (org < 0 && fmt < 0)
        return k;
    const char *name;
    if (fmt >= 0)
        name = dg_doc_printf(s->d, "%s meeting", s->d->ent[fmt].name);
    else
        name = dg_doc_printf(s->d, "meeting of %s",
                             dg_entities_name(s->d, first, j));
    int ev = verb_new_event(s, si, name, "meeting", -1);
    if (ev == -2)
        return 0;
    if (ev < 0)
        return k;
    struct ev *e = &s->ev[ev];
    e->future = dg_dates_future_at(s->d, first, k, TENSE_WINDOW);
    /* "Ministers also met ...": at the same time and place as the
     * meeting told before */
    for (size_t q = j; q < k + len; q++) /* "also met" is one cue */
        if (is_w(s, q, "also"))
            for (int x = ev; x-- > 0;)
                if (!s->ev[x].future && !strcmp(s->ev[x].kind, "meeting")) {
                    e->anchor = x;
                    break;
                }
    int part = fmt >= 0 ? fmt : org;
    if (s->d->ent[part].kind == DG_ENT_ORG &&
        dg_doc_prop_iri(s->d, e->id, DG_NS "partOf", s->d->ent[part].iri) < 0)
        return 0;
    if (org >= 0 && add_party(s, org, ev) < 0)
        return 0;
    /* "with Ukrainian Minister of Defence X" */
    if (b < end && is_w(s, b, "with"))
        for (size_t q = b + 1; q < end && q < b + 12; q++) {
            const struct dg_mention *x = men_at(s, q);
            if (!x)
                continue;
            if (x->kind == DG_ENT_PERSON) {
                int c = nationality(s, x->entity);
                if ((!e->future &&
                     rel(s, x->entity, DG_NS "attends", ev) < 0) ||
                    (c >= 0 && add_side(s, c, ev) < 0))
                    return 0;
                b = x->tok_end;
                break;
            }
            q = x->tok_end - 1;
        }
    if (verb_mrec(s, si, first, k, k + len, b, ev) < 0)
        return 0;
    return b;
}

/* "X met with (his) counterparts from A, B and C" (q at "his" or
 * "counterparts"): one event, "X's meetings with counterparts from A, B
 * and C"; X attends, the countries take part, and X's country cooperates
 * with each.  Returns the token after the list, q when the phrase is not
 * there, 0 on error. */
static const char *const list_lead[] = {
    "other", "countries", "nations", "states", "such",    "as", "including",
    "like",  "several",   "various", "many",   "partner", NULL};

static size_t
counterparts_meeting(struct es *s, size_t si, size_t k, size_t sa, size_t q,
                     int subj, int place, const struct dg_date *when)
{
    size_t first = s->d->sent[si].tok_first, end = s->d->sent[si].tok_end;
    size_t c = q, a, b;
    int cs[16];
    size_t nc = 0;
    if (c < end && (is_w(s, c, "his") || is_w(s, c, "her") ||
                    is_w(s, c, "their") || is_w(s, c, "its")))
        c++;
    if (c + 2 >= end || !is_w(s, c, "counterparts") ||
        (!is_w(s, c + 1, "from") && !is_w(s, c + 1, "of")))
        return q;
    a = b = c + 2;
    for (size_t j = c + 2; j < end && nc < 16;) {
        const struct dg_mention *m = men_at(s, j);
        if (m && m->kind == DG_ENT_COUNTRY && !(m->flags & DG_MEN_ADJ)) {
            if (!nc)
                a = j;
            cs[nc++] = m->entity;
            b = j = m->tok_end;
        } else if (is_w(s, j, "the") ||
                   (nc && (is_w(s, j, ",") || is_w(s, j, "and"))) ||
                   (!nc && j - c < 8 &&
                    dg_word_in(list_lead, tk(s, j)->lower))) {
            j++; /* "from other countries such as A, B and C" */
        } else {
            break;
        }
    }
    if (nc < 2)
        return q;
    /* "met his counterparts from A and B. ... A's minister X and B's
     * minister Y": the meetings are told one by one */
    for (size_t i = 0; i < s->d->nmen; i++) {
        const struct dg_mention *m = &s->d->men[i];
        if (m->kind != DG_ENT_PERSON || m->sent < (long)si ||
            m->sent > (long)si + 1)
            continue;
        int n = nationality(s, m->entity);
        for (size_t x = 0; x < nc; x++)
            if (n == cs[x])
                return q;
    }
    const char *list = dg_doc_span(s->d, a, b);
    const char *name =
        list ? dg_doc_printf(s->d, "%s's meetings with counterparts from %s",
                             label_word(s, subj), list)
             : NULL;
    if (!name)
        return 0;
    int ev = verb_new_event(s, si, name, "meeting", place);
    if (ev == -2)
        return 0;
    if (ev < 0)
        return q;
    struct ev *e = &s->ev[ev];
    e->spokes = 1;
    e->future = dg_dates_future_at(s->d, first, k, TENSE_WINDOW);
    if (dg_dates_precision(when))
        set_date(s, ev, when);
    if (!e->future && rel(s, subj, DG_NS "attends", ev) < 0)
        return 0;
    int home = nationality(s, subj);
    for (size_t i = 0; i < nc; i++)
        if (add_party(s, cs[i], ev) < 0 ||
            (home >= 0 && dg_relations_cooperate(s->d, home, cs[i]) < 0))
            return 0;
    if (verb_mrec(s, si, sa < k ? sa : k, k, c + 1, b, ev) < 0)
        return 0;
    return b;
}

static int city_row(const struct es *s, size_t p, size_t r);

/* The ISO 3166 alpha-3 code of the country of place p, named by tokens
 * [a, b): a country's own, the country it is in, or that of the city of
 * cities.tsv (named in the text or not); NULL when not known. */
static const char *
place_iso3(const struct es *s, int p, size_t a, size_t b)
{
    const struct dg_doc *d = s->d;
    if (p >= 0 && d->ent[p].kind == DG_ENT_COUNTRY)
        return dg_doc_prop_get(d, p, DG_NS "iso3");
    int row = city_row(s, a, b);
    return row >= 0 ? dg_lex_table_field(dg_lexicon_table(d->lex, "cities.tsv"),
                                         (size_t)row, 1)
                    : NULL;
}

/* "X met (with) Y", "X held talks with Y", "X received the visiting Y",
 * "X paid a courtesy call on Y", "X visited Vietnam", "X paid an official
 * visit to Japan": a meeting between the subject and the persons (or
 * countries, orgs) after the verb, or a visit to the country or place
 * after it.  Returns the token after what it read (the event's mention),
 * or k when the verb names no event; 0 on error. */
static size_t
verb_event(struct es *s, size_t si, size_t k, size_t len, int row)
{
    const struct dg_sentence *se = &s->d->sent[si];
    size_t first = se->tok_first, end = se->tok_end;
    const char *kind = dg_lex_table_field(s->cues, (size_t)row, 2);
    const char *noun = dg_lex_table_field(s->cues, (size_t)row, 3);
    int visit = !strcmp(kind, "visit");
    int objs[4] = {-1, -1, -1, -1}, place = -1;
    size_t nobj = 0, p = k + len, stop = p, sa;
    struct dg_date when = {0, 0, 0, 0};

    if (!kind[0] || !noun[0] || is_negated(s, first, k))
        return k;
    /* "held bilateral talks with", "paid an official visit to": the
     * noun as written */
    if (len > 2 && (is_w(s, k + len - 1, "with") ||
                    is_w(s, k + len - 1, "on") || is_w(s, k + len - 1, "to"))) {
        size_t a = k + 1, b = k + len - 1;
        while (a < b && (cue1(s, a) == Q_INDEF || cue1(s, a) == Q_DET))
            a++;
        size_t l2;
        int r2;
        int ends = 0; /* an event noun ends the words: "bilateral talks" */
        for (size_t j = a; j < b && !ends; j++)
            ends = noun_at(s, j, b, &l2, &r2) && j + l2 == b;
        if (ends) {
            const char *w = dg_doc_span(s->d, a, b);
            if (!w)
                return 0;
            noun = w;
        }
    }
    if (k > first && (cue1(s, k - 1) == Q_DET || cue1(s, k - 1) == Q_INDEF))
        return k;
    int subj = verb_subject(s, first, k, &sa);
    if (subj >= 0) {
        s->verb_subj = subj;
        s->verb_subj_sent = (long)si;
    }
    /* "X on Thursday met Y": the date between the subject and the verb */
    for (size_t q = sa; subj >= 0 && q < k && !dg_dates_precision(&when); q++)
        if (!men_at(s, q))
            dg_dates_match(s->d, &s->dctx, first, q, k, 0, &when);
    if (visit) {
        size_t q = p;
        if (q + 1 < end && is_w(s, q, "the") && men_at(s, q + 1))
            q++; /* "left for the US" */
        /* "X will travel to" at the end of a truncated text: no place */
        const struct dg_mention *m = q < end ? men_at(s, q) : NULL;
        if (m && m->kind == DG_ENT_COUNTRY && !(m->flags & DG_MEN_ADJ)) {
            place = m->entity;
            stop = m->tok_end;
        } else if (!m && q < end && is_word(s, q) &&
                   (tk(s, q)->flags & DG_TOK_CAP)) {
            place = place_at(s, q, end);
            if (place == -2)
                return 0;
            stop = q + 1;
            while (stop < end && is_word(s, stop) &&
                   (tk(s, stop)->flags & DG_TOK_CAP) && !men_at(s, stop))
                stop++;
        }
        if (place < 0)
            return k;
        /* "General A was in Nairobi last month": a visit when A is of
         * another country, and not there "for" an event told instead */
        if (is_w(s, k + 1, "in") && len == 2) {
            const char *pi = place_iso3(s, place, q, stop);
            int sc = nationality(s, subj);
            const char *si3 =
                sc >= 0 ? dg_doc_prop_get(s->d, sc, DG_NS "iso3") : NULL;
            size_t f = stop;
            while (f < end && f < stop + 6 && !is_w(s, f, "for"))
                f++;
            if (!pi || !si3 || !strcmp(pi, si3) ||
                (f < end && is_w(s, f, "for")))
                return k;
        }
    } else {
        /* "A, her counterpart B and C of Chile met in Buenos Aires" */
        int coordinated = 0;
        if (is_w(s, k, "met") && !(k + 1 < end && is_w(s, k + 1, "with"))) {
            size_t last_end = first;
            for (size_t q2 = first; q2 < k; q2++) {
                const struct dg_mention *m = men_at(s, q2);
                if (!m)
                    continue;
                q2 = m->tok_end - 1;
                last_end = m->tok_end;
                coordinated += m->kind == DG_ENT_PERSON;
            }
            /* the subject ends right before the verb */
            coordinated = coordinated >= 2 && k - last_end <= 1;
        }
        if (subj < 0 && !coordinated)
            return strcmp(kind, "meeting") ? k : group_meeting(s, si, k, len);
        size_t q = p, gap = 0;
        /* "met in Beirut with ...", "met on Tuesday in Cairo with",
         * "met yesterday with": the venue and the date first */
        for (int more = 1; more && q < end;) {
            struct dg_date adv;
            size_t n, o = is_w(s, q, "on") || is_w(s, q, "in") ? 1 : 0;
            more = 0;
            if ((n = dg_dates_match(s->d, &s->dctx, first, q + o, end, 0,
                                    &adv))) {
                if (!dg_dates_precision(&when))
                    when = adv;
                q += o + n;
                more = 1;
            } else if (q + 1 < end && is_w(s, q, "in") && !men_at(s, q + 1)) {
                int pl = place_at(s, q + 1, end);
                if (pl == -2)
                    return 0;
                if (pl >= 0) {
                    place = pl;
                    q += 2;
                    while (q < end && is_word(s, q) &&
                           (tk(s, q)->flags & DG_TOK_CAP) && !men_at(s, q))
                        q++;
                    more = 1;
                }
            } else if (is_w(s, q, "here")) {
                int pl = dateline_place(s);
                if (pl == -2)
                    return 0;
                if (pl >= 0)
                    place = pl;
                q++;
                more = 1;
            } else if (q + 1 < end && is_w(s, q, "this") &&
                       (is_w(s, q + 1, "morning") ||
                        is_w(s, q + 1, "afternoon") ||
                        is_w(s, q + 1, "evening"))) {
                if (!dg_dates_precision(&when) && s->dctx.ay) {
                    when.y = s->dctx.ay, when.m = s->dctx.am;
                    when.d = s->dctx.ad, when.inferred = 1;
                }
                q += 2;
                more = 1;
            } else if (q + 1 < end && is_w(s, q, "at") && !men_at(s, q + 1)) {
                /* "received here at the Peace Palace visiting X" */
                size_t r = q + 1;
                if (cue1(s, r) == Q_DET)
                    r++;
                size_t r0 = r;
                while (r < end && r - r0 < 6 && is_word(s, r) &&
                       (tk(s, r)->flags & DG_TOK_CAP) && !men_at(s, r))
                    r++;
                if (r > r0) {
                    int pl = venue_at(s, q + 1, end);
                    if (pl == -2)
                        return 0;
                    if (pl >= 0) /* more specific than "here" */
                        place = pl;
                    q = r;
                    more = 1;
                }
            }
        }
        if (q < end && is_w(s, q, "with"))
            q++;
        /* "met with counterparts from A, B and C" */
        if (subj >= 0) {
            size_t r =
                counterparts_meeting(s, si, k, sa, q, subj, place, &when);
            if (r != q)
                return r;
        }
        int person_seen = 0;
        for (; q < end && gap < 24 && nobj < 4; q++) {
            const struct dg_mention *m = men_at(s, q);
            if (m) {
                if (m->kind == DG_ENT_PERSON) {
                    if (!person_seen)
                        nobj = 0;
                    person_seen = 1;
                    if (m->entity != subj)
                        objs[nobj++] = m->entity;
                    stop = m->tok_end;
                    gap = 0;
                } else if (!person_seen && !(m->flags & DG_MEN_ADJ) && !nobj &&
                           !(q + 1 < m->tok_end + 1 && m->tok_end < end &&
                             is_word(s, m->tok_end) &&
                             (tk(s, m->tok_end)->flags & DG_TOK_CAP))) {
                    objs[nobj++] = m->entity;
                    stop = m->tok_end;
                }
                q = m->tok_end - 1;
                continue;
            }
            /* a full stop ends the objects, not one after an abbreviation
             * ("Gen. Wei Fenghe") */
            if (is_w(s, q, ".") && !is_glue(s, q) &&
                !(q > p && q + 1 < end && is_word(s, q - 1) &&
                  (tk(s, q - 1)->flags & DG_TOK_CAP) &&
                  tk(s, q - 1)->end - tk(s, q - 1)->start <= 4 &&
                  (tk(s, q + 1)->flags & DG_TOK_CAP)))
                break;
            if (is_w(s, q, ";") || is_w(s, q, "to") || is_w(s, q, "on") ||
                is_w(s, q, "at") || is_w(s, q, "in") || is_w(s, q, "where") ||
                is_w(s, q, "which") || is_w(s, q, "who") ||
                is_w(s, q, "during") || is_w(s, q, "after") ||
                is_w(s, q, "before") || is_w(s, q, "as") || is_w(s, q, "\""))
                break;
            /* "Minister for Defence", "Minister of the Armed Forces": a
             * title goes on */
            if ((is_w(s, q, "for") || is_w(s, q, "of")) &&
                !(q + 1 < end && (tk(s, q + 1)->flags & DG_TOK_CAP)) &&
                !(q + 2 < end && is_w(s, q + 1, "the") &&
                  (tk(s, q + 2)->flags & DG_TOK_CAP)))
                break;
            if ((is_w(s, q, "and") || is_w(s, q, ",")) && q + 1 < end &&
                (tk(s, q + 1)->flags & DG_TOK_LOWER) &&
                cue1(s, q + 1) != Q_DET && !is_w(s, q + 1, "and"))
                break;
            gap += (tk(s, q)->flags & DG_TOK_LOWER) ? 4 : 1;
        }
        /* "A, her counterpart B and C met in Buenos Aires": persons
         * coordinated before the verb meet one another */
        if (!nobj && coordinated) {
            int who[4];
            size_t nw = 0;
            for (size_t q2 = first; q2 < k && nw < 4; q2++) {
                const struct dg_mention *m = men_at(s, q2);
                if (!m)
                    continue;
                q2 = m->tok_end - 1;
                if (m->kind == DG_ENT_PERSON &&
                    (nw == 0 || who[nw - 1] != m->entity))
                    who[nw++] = m->entity;
            }
            if (nw >= 2 && (subj == who[nw - 1] || subj < 0)) {
                subj = who[0];
                for (size_t x = 1; x < nw && nobj < 4; x++)
                    objs[nobj++] = who[x];
                person_seen = 1;
            }
        }
        if (!nobj)
            return k;
        /* "received" and its kind need a person */
        if (!person_seen &&
            !strcmp(dg_lex_table_field(s->cues, (size_t)row, 4), "person"))
            return k;
    }

    /* the same meeting told again (a headline, "the two met again") */
    int ev = -1;
    if (!visit && subj >= 0 && nobj)
        ev = same_meeting(s, kind, subj, objs[0]);
    /* "... during the second 2+2 Ministerial Meeting. A and B met with C
     * and D": the named meeting of this or the sentence before */
    int sitting = -1;
    for (size_t i = s->nmr; !visit && ev < 0 && sitting < 0 && i-- > 0;) {
        const struct mrec *r = &s->mr[i];
        if (r->sent < (long)si - 1)
            break;
        const struct ev *x = &s->ev[r->ev];
        if (!strcmp(x->kind, kind) && !x->verb && !x->future && !x->bare &&
            !dg_dates_future_at(s->d, first, k, TENSE_WINDOW)) {
            /* "X was in Riyadh for the 2nd IMCTC ministers meeting. He
             * also held bilateral discussions with Y": a meeting of two
             * at a forum's sitting is one of its own, part of it */
            if ((x->forum >= 0 || x->named_forum >= 0) && nobj == 1)
                sitting = r->ev;
            else
                ev = r->ev;
        }
    }
    if (ev < 0) {
        if (s->nev >= MAX_EVENTS)
            return k;
        const char *name;
        if (visit)
            name = subj >= 0 ? dg_doc_printf(s->d, "%s's %s to %s",
                                             label_word(s, subj), noun,
                                             s->d->ent[place].name)
                             : dg_doc_printf(s->d, "%s to %s", noun,
                                             s->d->ent[place].name);
        else if (!strcmp(dg_lex_table_field(s->cues, (size_t)row, 5),
                         "object") &&
                 subj >= 0 && s->d->ent[objs[0]].kind == DG_ENT_PERSON) {
            /* "X paid a courtesy call on Y": "X's courtesy call on Prime
             * Minister Y", with the callee's title as the press writes it */
            const char *title =
                dg_doc_prop_get(s->d, objs[0], DG_NS_SCHEMA "jobTitle");
            size_t words = 0;
            for (const char *c = title; c && *c; c++)
                words += *c == ' ';
            name =
                title && words < 4
                    ? dg_doc_printf(s->d, "%s's %s on %s %s",
                                    label_word(s, subj), noun, title,
                                    full_name(s, objs[0]))
                    : dg_doc_printf(s->d, "%s's %s on %s", label_word(s, subj),
                                    noun, full_name(s, objs[0]));
        } else {
            int c0 = nationality(s, subj), c1 = nationality(s, objs[0]);
            if (c0 >= 0 && c1 >= 0 && c0 != c1)
                name =
                    dg_doc_printf(s->d, "%s-%s %s between %s and %s",
                                  short_name(s, c0), short_name(s, c1), noun,
                                  label_word(s, subj), label_word(s, objs[0]));
            else
                name =
                    dg_doc_printf(s->d, "%s between %s and %s", noun,
                                  label_word(s, subj), label_word(s, objs[0]));
        }
        ev = verb_new_event(s, si, name, kind, place);
        if (ev == -2)
            return 0;
        if (ev < 0)
            return k;
        struct ev *e = &s->ev[ev];
        e->who[0] = subj; /* the visitor, or the first side */
        e->who[1] = visit ? -1 : objs[0];
        e->future = dg_dates_future_at(s->d, first, k, TENSE_WINDOW);
        if (sitting >= 0) {
            e->within = sitting;
            e->beside = 1;
        }
        /* "Dr Ng also met X": at the time of the meeting told before */
        for (size_t q = sa < k ? sa : k; q < k; q++)
            if (is_w(s, q, "also"))
                for (int x = ev; x-- > 0;)
                    if (!s->ev[x].future && s->ev[x].verb &&
                        !strcmp(s->ev[x].kind, kind)) {
                        s->ev[ev].anchor = x;
                        break;
                    }
    } else if (place >= 0 && s->ev[ev].place < 0) {
        s->ev[ev].place = place;
    }
    if (dg_dates_precision(&when))
        set_date(s, ev, &when);
    struct ev *e = &s->ev[ev];
    /* attendees and their countries */
    int who[5];
    size_t nw = 0;
    if (subj >= 0)
        who[nw++] = subj;
    for (size_t i = 0; !visit && i < nobj; i++)
        who[nw++] = objs[i];
    /* "X received Y": X hosts; "X paid a courtesy call on Y": Y does */
    const char *hosting = dg_lex_table_field(s->cues, (size_t)row, 5);
    for (size_t i = 0; i < nw; i++) {
        int x = who[i];
        if (s->d->ent[x].kind != DG_ENT_PERSON) {
            if (add_party(s, x, ev) < 0)
                return 0;
            continue;
        }
        int host = subj >= 0 && ((!strcmp(hosting, "subject") && i == 0) ||
                                 (!strcmp(hosting, "object") && i > 0));
        if (host && rel(s, x, DG_NS "hosts", ev) < 0)
            return 0;
        if (!host && !e->future && rel(s, x, DG_NS "attends", ev) < 0)
            return 0;
        int c = nationality(s, x);
        if (c >= 0 && add_side(s, c, ev) < 0)
            return 0;
    }
    size_t b = stop > k + len ? stop : k + len;
    if (verb_mrec(s, si, sa < k ? sa : k, k, k + len, b, ev) < 0)
        return 0;
    return b;
}

/* "Argentina and Chile signed an agreement yesterday to ...", "the
 * ministers signed a joint decision on X": the signing of the document
 * after the verb, named "signing of the <document>"; the countries and
 * orgs of the clause before the verb take part, its persons attend.
 * Returns the token after the document, k when none, 0 on error. */
static size_t
sign_event(struct es *s, size_t si, size_t k, size_t len)
{
    const struct dg_sentence *se = &s->d->sent[si];
    size_t first = se->tok_first, end = se->tok_end, a = k + len, b;
    struct dg_date dt;

    if (is_negated(s, first, k) ||
        (k > first && (cue1(s, k - 1) == Q_DET || cue1(s, k - 1) == Q_INDEF)))
        return k; /* "the signed agreements" */
    while (a < end && (cue1(s, a) == Q_INDEF || cue1(s, a) == Q_DET))
        a++;
    /* the document: words up to a clause boundary, a date, a venue or a
     * relative clause; "of" and "on" complements stay ("memorandum of
     * understanding on defence cooperation") */
    for (b = a; b < end && b - a < 12; b++) {
        if (!is_word(s, b) && !is_w(s, b, "-") && !is_w(s, b, "'"))
            break;
        if (dg_dates_match(s->d, &s->dctx, first, b, end, 0, &dt))
            break;
        if ((is_w(s, b, "on") || is_w(s, b, "in")) && b + 1 < end &&
            dg_dates_match(s->d, &s->dctx, first, b + 1, end, 0, &dt))
            break;
        if (is_w(s, b, "in") || is_w(s, b, "at") || is_w(s, b, "during") ||
            is_w(s, b, "with") || is_w(s, b, "which") || is_w(s, b, "that") ||
            is_w(s, b, "between") || is_w(s, b, "by") || is_w(s, b, "as") ||
            is_w(s, b, "to") || is_w(s, b, "and") || is_w(s, b, "after") ||
            is_w(s, b, "before") || is_w(s, b, "here") || is_w(s, b, "for"))
            break;
    }
    if (b == a || (b == a + 1 && !(tk(s, a)->flags & DG_TOK_CAP) &&
                   strlen(tk(s, a)->lower) < 4))
        return k;
    const char *doc = dg_entities_name(s->d, a, b);
    const char *name =
        doc ? dg_doc_printf(s->d, "signing of %s%s",
                            (tk(s, a)->flags & DG_TOK_CAP) ? "" : "the ", doc)
            : NULL;
    if (!name)
        return 0;
    int ev = verb_new_event(s, si, name, "signing", -1);
    if (ev == -2)
        return 0;
    if (ev < 0)
        return k;
    struct ev *e = &s->ev[ev];
    /* "a joint decision on the return of contingents": what it is about */
    for (size_t q = a + 1; q + 1 < b; q++)
        if (is_w(s, q, "on") || is_w(s, q, "regarding") ||
            is_w(s, q, "concerning")) {
            size_t t0 = q + 1;
            while (t0 < b && cue1(s, t0) == Q_DET)
                t0++;
            if (t0 < b && dg_topics_phrase(s->topics, e->id, t0, b) < 0)
                return 0;
            break;
        }
    e->future = dg_dates_future_at(s->d, first, k, TENSE_WINDOW);
    size_t from = first;
    for (size_t q = first; q < k; q++)
        if (is_w(s, q, ";") || cue1(s, q) == Q_CLAUSE)
            from = q + 1;
    for (size_t q = from; q < k; q++) {
        const struct dg_mention *m = men_at(s, q);
        if (!m)
            continue;
        q = m->tok_end - 1;
        int x = m->entity, kind = s->d->ent[x].kind;
        if (kind == DG_ENT_PERSON) {
            int c = nationality(s, x);
            if ((!e->future && rel(s, x, DG_NS "attends", ev) < 0) ||
                (c >= 0 && add_side(s, c, ev) < 0))
                return 0;
        } else if ((kind == DG_ENT_COUNTRY || kind == DG_ENT_ORG) &&
                   !(m->flags & DG_MEN_ADJ) && add_party(s, x, ev) < 0) {
            return 0;
        }
    }
    if (verb_mrec(s, si, k, k, k + len, b, ev) < 0)
        return 0;
    return b;
}

/* "its largest exercise in decades, Steadfast Defender 24, with ...":
 * a capitalised name in apposition after a definite or possessive
 * phrase (two words or more, or ending with a number; not a title before
 * a person nor an organisation) names the event. */
static void
apposition(const struct es *s, struct np *np, size_t end)
{
    size_t j = np->b, n;
    if (!(np->f & (F_DET | F_POSS)) || (np->f & (F_PLURAL | F_ANAPHOR)) ||
        np->forum >= 0)
        return;
    /* "in decades", "to date": a short lowercase tail */
    for (n = 0; j < end && n < 3 && is_word(s, j) && !men_at(s, j) &&
                (tk(s, j)->flags & DG_TOK_LOWER);
         n++)
        j++;
    if (j + 1 >= end || !is_w(s, j, ","))
        return;
    size_t a = j + 1, r = a;
    while (r < end && r - a < 6 && is_word(s, r) && !men_at(s, r) &&
           (tk(s, r)->flags & (DG_TOK_CAP | DG_TOK_DIGIT)) &&
           cue1(s, r) == Q_NONE)
        r++;
    struct dg_date dt;
    if (r == a || (tk(s, a)->flags & DG_TOK_DIGIT) ||
        (r - a < 2 && !(tk(s, r - 1)->flags & DG_TOK_DIGIT)) ||
        dg_dates_match(s->d, &s->dctx, a, a, end, 0, &dt))
        return;
    if (r < end && !is_w(s, r, ",") && !is_w(s, r, ".") &&
        !is_w(s, r, "with") && !is_w(s, r, ";"))
        return;
    np->nm_a = a;
    np->nm_b = r;
    np->b = r;
    np->f |= F_CAP | F_NAMED;
}

/* "the opening ceremony of the X field training exercise": the event
 * the ceremony's complement names is one too, and the ceremony is part of
 * it.  Returns 0, -1 on error. */
static int
inner_event(struct es *s, size_t si, const struct np *np, int ev, int long_sent)
{
    size_t len;
    int row;
    if (strcmp(s->ev[ev].kind, "ceremony") || np->h1 + 2 >= np->b ||
        !is_w(s, np->h1, "of"))
        return 0;
    for (size_t q = np->b; q-- > np->h1 + 2;) {
        if (!noun_at(s, q, np->b, &len, &row) || q + len != np->b ||
            noun_flag(s, row, "anaphor") || noun_flag(s, row, "plural") ||
            !strcmp(dg_lex_table_field(s->nouns, (size_t)row, 1), "ceremony"))
            continue;
        struct np in;
        memset(&in, 0, sizeof in);
        in.forum = -1;
        in.person = -1;
        in.row = row;
        in.a = in.na = np->h1 + 1;
        if (cue1(s, in.na) == Q_DET) {
            in.na++;
            in.f |= F_DET;
        }
        in.h0 = q;
        in.h1 = np->b;
        in.b = np->b;
        for (size_t j = in.na; j < q; j++)
            if (men_at(s, j) || (tk(s, j)->flags & (DG_TOK_CAP | DG_TOK_DIGIT)))
                in.f |= F_CAP | F_NAMED;
        if (!(in.f & F_CAP))
            return 0;
        int x = resolve_np(s, &in, (long)si, s->d->sent[si].tok_end, long_sent);
        if (x == -2)
            return -1;
        if (x >= 0 && x != ev && s->ev[ev].within < 0) {
            s->ev[ev].within = x;
            s->ev[ev].of = x;
            s->ev[x].nmen++;
        }
        return 0;
    }
    return 0;
}

/* "Meeting in Istanbul, NATO leaders decided ...": a participle at the
 * start of the sentence says the group of its subject met there: "meeting
 * of NATO leaders", part of the organisation.  Returns 0, -1 on error. */
static int
participle_meeting(struct es *s, size_t si)
{
    const struct dg_sentence *se = &s->d->sent[si];
    size_t first = se->tok_first, end = se->tok_end, c;
    if (end - first < 6 || !is_w(s, first, "meeting") ||
        !(tk(s, first)->flags & DG_TOK_CAP) ||
        !(is_w(s, first + 1, "in") || is_w(s, first + 1, "at")))
        return 0;
    for (c = first + 2; c < end && c < first + 8 && !is_w(s, c, ","); c++)
        ;
    if (c + 2 >= end || !is_w(s, c, ","))
        return 0;
    const struct dg_mention *m = men_at(s, c + 1);
    if (!m || (m->kind != DG_ENT_ORG && m->kind != DG_ENT_COUNTRY))
        return 0;
    size_t r = m->tok_end;
    const char *role = r < end && is_word(s, r) ? tk(s, r)->lower : "";
    size_t rl = strlen(role);
    if (rl < 4 || role[rl - 1] != 's' ||
        (cue1(s, r) != Q_ROLES && cue1(s, r) != Q_COLLECTIVE))
        return 0;
    int place = place_at(s, first + 2, c);
    if (place == -2)
        return -1;
    const char *name = dg_doc_printf(s->d, "meeting of %s",
                                     dg_entities_name(s->d, c + 1, r + 1));
    int ev = verb_new_event(s, si, name, "meeting", place);
    if (ev == -2)
        return -1;
    if (ev < 0)
        return 0;
    if (m->kind == DG_ENT_ORG &&
        dg_doc_prop_iri(s->d, s->ev[ev].id, DG_NS "partOf",
                        s->d->ent[m->entity].iri) < 0)
        return -1;
    if (add_party(s, m->entity, ev) < 0)
        return -1;
    return verb_mrec(s, si, first, first, first + 1, c, ev);
}

/* Pass 1 over sentence si: phrases, coreference, mentions. */
/* 1 when an event noun comes after k before any person ("hosted a
 * welcome ceremony for A": the ceremony is the event, not a meeting). */
static int
noun_before_person(const struct es *s, size_t k, size_t end)
{
    size_t len;
    int row;
    for (size_t j = k; j < end && j < k + 8; j++) {
        if (men_kind(s, j) == DG_ENT_PERSON)
            return 0;
        if (noun_at(s, j, end, &len, &row))
            return 1;
    }
    return 0;
}

static int
scan_sentence(struct es *s, size_t si)
{
    const struct dg_sentence *se = &s->d->sent[si];
    size_t first = se->tok_first, end = se->tok_end;
    int long_sent = (se->flags & DG_SENT_LONG) != 0;

    if (participle_meeting(s, si) < 0)
        return -1;

    for (size_t k = first; k < end; k++) {
        const struct dg_mention *m = men_at(s, k);
        struct np np;
        size_t len;
        int row;
        if (m) {
            if (k == m->tok_first && forum_event(s, m, first, end, &np)) {
                int ev = resolve_np(s, &np, (long)si, end, long_sent);
                if (ev == -2 || (ev >= 0 && add_mrec(s, (long)si, &np, ev) < 0))
                    return -1;
                k = np.b - 1;
                continue;
            }
            k = m->tok_end - 1;
            continue;
        }
        /* a verb that tells of a signing or a meeting */
        int crow = -1;
        size_t vlen = (tk(s, k)->flags & DG_TOK_LOWER)
                          ? dg_trie_match(dg_lex_table_trie(s->cues), s->d->tok,
                                          k, end, DG_MATCH_ANYCASE, &crow)
                          : 0;
        if (vlen && s->row_cue[crow] == Q_SIGN_VERB) {
            size_t e = sign_event(s, si, k, vlen);
            if (!e)
                return -1;
            if (e > k) {
                k = e - 1;
                continue;
            }
        }
        /* "A hosted his counterpart B": "hosted" is first a hosting verb,
         * and with a person after it a meeting verb too */
        if (vlen == 1 && s->row_cue[crow] == Q_HOST_VERB &&
            s->host_meet_row >= 0 &&
            (is_w(s, k, "hosted") || is_w(s, k, "hosts")) &&
            !noun_before_person(s, k + 1, end))
            crow = s->host_meet_row;
        if (vlen && s->row_cue[crow] == Q_MEET_VERB) {
            size_t e = verb_event(s, si, k, vlen, crow);
            if (!e)
                return -1;
            if (e > k) {
                k = e - 1;
                continue;
            }
        }
        if (!noun_at(s, k, end, &len, &row))
            continue;
        /* "field training exercise", "Conference 10 1 Session": the last
         * noun is the head */
        size_t j = k + len, skip = 0;
        size_t l2;
        int r2;
        while (j < end && skip < 3 &&
               ((tk(s, j)->flags & DG_TOK_DIGIT) ||
                (is_word(s, j) && (tk(s, j)->flags & DG_TOK_CAP) &&
                 (tk(s, k)->flags & DG_TOK_CAP)))) {
            if (noun_at(s, j, end, &l2, &r2))
                break;
            j++;
            skip++;
        }
        if (noun_at(s, j, end, &l2, &r2) && !noun_flag(s, r2, "anaphor") &&
            !men_at(s, j)) {
            k = j - 1;
            continue;
        }
        /* "exercise Balikatan 2023", "Exercise AUSTRAHIND": a name
         * after the head */
        size_t t = k + len, named = 0;
        if (noun_flag(s, row, "named") && t < end && is_word(s, t) &&
            (tk(s, t)->flags & DG_TOK_CAP) && !men_at(s, t) &&
            cue1(s, t) == Q_NONE && !(tk(s, t)->flags & DG_TOK_DIGIT)) {
            struct dg_date dt;
            if (!dg_dates_match(s->d, &s->dctx, first, t, end, 0, &dt))
                named = cap_run(s, t, end) - t;
        }
        if (!named && t < end && is_word(s, t) &&
            (cue1(s, t) == Q_NOUN_TAIL ||
             ((tk(s, k)->flags & DG_TOK_CAP) &&
              (tk(s, t)->flags & DG_TOK_CAP) && !men_at(s, t) &&
              !(tk(s, t)->flags & DG_TOK_DIGIT) && cue1(s, t) == Q_NONE))) {
            k = t - 1;
            continue;
        }
        memset(&np, 0, sizeof np);
        np.forum = -1;
        np.person = -1;
        np.row = row;
        np.h0 = k;
        np.h1 = k + len + named;
        if (named)
            np.f |= F_CAP | F_NAMED;
        if (np.h1 < end && cue1(s, np.h1) == Q_HEAD_TAIL)
            np.h1++;
        if (noun_flag(s, row, "plural"))
            np.f |= F_PLURAL;
        if (noun_flag(s, row, "anaphor"))
            np.f |= F_ANAPHOR;
        if (noun_flag(s, row, "weak"))
            np.f |= F_WEAK;
        if (noun_flag(s, row, "online"))
            np.f |= F_ONLINE;
        if (k > first && (tk(s, k)->flags & DG_TOK_CAP))
            np.f |= F_CAP;
        left_of(s, first, &np);
        right_of(s, end, &np);
        if (np.f & F_ANAPHOR)
            np.b = np.h1;
        apposition(s, &np, end);
        if (forum_short_name(s, &np)) {
            k = np.h1 - 1;
            continue;
        }
        int ev = resolve_np(s, &np, (long)si, end, long_sent);
        if (ev == -2)
            return -1;
        if (ev >= 0 && add_mrec(s, (long)si, &np, ev) < 0)
            return -1;
        if (ev >= 0 && inner_event(s, si, &np, ev, long_sent) < 0)
            return -1;
        k = (np.b > k + len ? np.b : k + len) - 1;
    }
    return 0;
}

/* ---- relations ------------------------------------------------------- */

static const char *
ev_iri(const struct es *s, int ev)
{
    return s->d->ent[s->ev[ev].id].iri;
}

/* 1 when entity id hosts, chairs or co-chairs the event iri. */
static int
leads(const struct dg_doc *d, int id, const char *iri)
{
    return dg_doc_prop_has(d, id, DG_NS "hosts", iri) ||
           dg_doc_prop_has(d, id, DG_NS "chairs", iri) ||
           dg_doc_prop_has(d, id, DG_NS "coChairs", iri);
}

static int
rel(struct es *s, int subj, const char *p, int ev)
{
    const char *iri = ev_iri(s, ev);
    /* a host or a chair is not also listed as attending */
    if (!strcmp(p, DG_NS "attends") && leads(s->d, subj, iri))
        return 0;
    /* a visit is attended by its visitors; no country takes part in it
     * (their countries are its sides, the one visited its place) */
    if (!strcmp(p, DG_NS "participatesIn") && !strcmp(s->ev[ev].kind, "visit"))
        return 0;
    return dg_doc_prop_iri(s->d, subj, p, iri);
}

static int
add_party(struct es *s, int ent, int ev)
{
    struct ev *e = &s->ev[ev];
    int k = s->d->ent[ent].kind;
    if (k != DG_ENT_COUNTRY && !(k == DG_ENT_ORG && org_can_take_part(s, ent)))
        return 0;
    /* "the 47th ASEAN Summit", "a meeting of NATO leaders", "the 993rd
     * meeting of the PSC" (the AU's): an organisation's own meeting is
     * not one it takes part in */
    if (k == DG_ENT_ORG) {
        const char *iri = s->d->ent[ent].iri;
        if (e->forum == ent || e->named_forum == ent)
            return 0;
        int f = e->forum >= 0 ? e->forum : e->named_forum;
        const char *up =
            f >= 0 ? dg_doc_prop_get(s->d, f, DG_NS_ORG "subOrganizationOf")
                   : NULL;
        if (up && !strcmp(up, iri))
            return 0;
    }
    for (size_t i = 0; i < e->nparties; i++)
        if (e->parties[i] == ent)
            return 0;
    if (e->nparties < MAX_PARTIES)
        e->parties[e->nparties++] = ent;
    return rel(s, ent, DG_NS "participatesIn", ev);
}

/* The country of an attending official as a side of event ev: a party
 * for the stages that ask who the sides are (parties.c), but said to
 * take part (dg:participatesIn) only when the event is multilateral
 * (finish_event): "Sobhy met Karem" makes Egypt and the US the sides of
 * the meeting, not participants the text names. */
static int
add_side(struct es *s, int country, int ev)
{
    struct ev *e = &s->ev[ev];
    for (size_t i = 0; i < e->nparties; i++)
        if (e->parties[i] == country)
            return 0;
    if (e->nparties < MAX_PARTIES) {
        e->implied[e->nparties] = 1;
        e->parties[e->nparties++] = country;
    }
    return rel(s, country, DG_IMPLIED_PARTY, ev);
}

static int
in_mrec_span(const struct es *s, size_t m0, size_t m1, size_t k)
{
    for (size_t i = m0; i < m1; i++)
        if (s->mr[i].np.a <= k && k < s->mr[i].np.b)
            return 1;
    return 0;
}

/* Mentions [m0, m1) of the sentence; i and i + 1 joined by "and" / ",". */
static int
coordinated(const struct es *s, size_t i)
{
    const struct np *a = &s->mr[i].np, *b = &s->mr[i + 1].np;
    if (s->mr[i].sent != s->mr[i + 1].sent || b->a < a->b)
        return 0;
    for (size_t k = a->b; k < b->a; k++)
        if (!is_w(s, k, "and") && !is_w(s, k, ",") && cue1(s, k) != Q_DET)
            return 0;
    return b->a - a->b <= 3;
}

/* Applies fn-like property to mrec i and the events coordinated with it:
 * collects their event indexes into out (at most n). */
static size_t
group_of(const struct es *s, size_t m0, size_t m1, size_t i, int *out, size_t n)
{
    size_t lo = i, hi = i, c = 0;
    while (lo > m0 && coordinated(s, lo - 1))
        lo--;
    while (hi + 1 < m1 && coordinated(s, hi))
        hi++;
    for (size_t j = lo; j <= hi && c < n; j++)
        out[c++] = s->mr[j].ev;
    return c;
}

/* The mrec closest before token k (ending at most window tokens before
 * it), or SIZE_MAX. */
static size_t
mrec_before(const struct es *s, size_t m0, size_t m1, size_t k, size_t window)
{
    size_t best = (size_t)-1;
    for (size_t i = m0; i < m1; i++)
        if (s->mr[i].np.b <= k && k - s->mr[i].np.b <= window)
            best = i;
    return best;
}

static size_t
mrec_after(const struct es *s, size_t m0, size_t m1, size_t k, size_t window)
{
    for (size_t i = m0; i < m1; i++)
        if (s->mr[i].np.a >= k && s->mr[i].np.a - k <= window)
            return i;
    return (size_t)-1;
}

static void
set_date(struct es *s, int ev, const struct dg_date *dt)
{
    struct ev *e = &s->ev[ev];
    int p = dg_dates_precision(dt), q = dg_dates_precision(&e->date);
    if (!p)
        return;
    if (q && e->date.y && dt->y && e->date.y != dt->y)
        return; /* the first date stays */
    if (q && e->date.m && dt->m && e->date.m != dt->m)
        return;
    if (p > q)
        e->date = *dt;
    /* "will be on a working visit tomorrow (October 28)": a day after the
     * article's is to come */
    const struct dg_date *x = &e->date;
    if (s->dctx.ay && x->y && x->m && x->d &&
        (x->y > s->dctx.ay ||
         (x->y == s->dctx.ay &&
          (x->m > s->dctx.am || (x->m == s->dctx.am && x->d > s->dctx.ad)))))
        e->future = 1;
}

/* The cities.tsv row of the city that spans exactly [p, r), or -1. */
static int
city_row(const struct es *s, size_t p, size_t r)
{
    const struct dg_lex_table *tab = dg_lexicon_table(s->d->lex, "cities.tsv");
    int row;
    if (!tab || p >= r ||
        dg_trie_match(dg_lex_table_trie(tab), s->d->tok, p, r, DG_MATCH_ANYCASE,
                      &row) != r - p)
        return -1;
    return row;
}

/* The country entity of the city of cities.tsv that spans exactly
 * [p, r), when the article names that country; else -1. */
static int
city_country(const struct es *s, size_t p, size_t r)
{
    const struct dg_lex_table *tab = dg_lexicon_table(s->d->lex, "cities.tsv");
    int row = city_row(s, p, r);
    if (row < 0)
        return -1;
    const char *iso = dg_lex_table_field(tab, (size_t)row, 1);
    const char *iri = iso ? dg_doc_iri(s->d, "country/", iso) : NULL;
    return iri ? dg_doc_entity_find(s->d, iri) : -1;
}

/* The place entity named name, contained in country (or -1): its id, -1
 * when the name has no slug, -2 on error. */
static int
place_entity(struct dg_doc *d, const char *name, int country)
{
    char *slug = dg_text_slug(name, strlen(name));
    if (!slug)
        return -2;
    const char *iri = slug[0] ? dg_doc_iri(d, "place/", slug) : NULL;
    free(slug);
    if (!iri)
        return -1;
    int id = dg_doc_entity(d, DG_ENT_PLACE, iri, name);
    if (id < 0)
        return -2;
    if (country >= 0 && dg_doc_prop_iri(d, id, DG_NS_SCHEMA "containedInPlace",
                                        d->ent[country].iri) < 0)
        return -2;
    return id;
}

/* The capital of country entity c (cities.tsv), as a place in it: its
 * id, -1 when none is listed, -2 on error. */
static int
capital_of(struct es *s, int c)
{
    const struct dg_lex_table *tab = dg_lexicon_table(s->d->lex, "cities.tsv");
    const char *iso = dg_doc_prop_get(s->d, c, DG_NS "iso3");
    for (size_t r = 0; tab && iso && r < dg_lex_table_rows(tab); r++) {
        const char *cap = dg_lex_table_field(tab, r, 2);
        const char *rc = dg_lex_table_field(tab, r, 1);
        if (!cap || strcmp(cap, "capital") || !rc || strcmp(rc, iso))
            continue;
        const char *names = dg_lex_table_field(tab, r, 0);
        const char *bar = strchr(names, '|');
        const char *name =
            bar ? dg_doc_strndup(s->d, names, (size_t)(bar - names)) : names;
        return name ? place_entity(s->d, name, c) : -2;
    }
    return -1;
}

/* A venue at p ("London", "Phnom Penh, Cambodia", a country): returns
 * its entity id, -1 none, -2 on error. */
static int
place_at(struct es *s, size_t p, size_t end)
{
    struct dg_doc *d = s->d;
    const struct dg_mention *m;
    struct dg_date dt;
    if (p >= end ||
        (d->dl_end > d->dl_first && p < d->dl_end && p >= d->dl_first))
        return -1;
    /* "in the city of Mendoza", "in the port city of Da Nang" */
    if (p + 3 < end && is_w(s, p, "the")) {
        size_t q =
            p + 1 + (is_w(s, p + 1, "port") || is_w(s, p + 1, "coastal"));
        if (q + 2 < end &&
            (is_w(s, q, "city") || is_w(s, q, "town") ||
             is_w(s, q, "province") || is_w(s, q, "state")) &&
            is_w(s, q + 1, "of") && (tk(s, q + 2)->flags & DG_TOK_CAP))
            p = q + 2;
    }
    /* "in the Turkish capital" */
    if (p + 2 < end && is_w(s, p, "the") && (m = men_at(s, p + 1)) &&
        m->kind == DG_ENT_COUNTRY && m->tok_end < end &&
        is_w(s, m->tok_end, "capital"))
        return capital_of(s, m->entity);
    if ((m = men_at(s, p)))
        return m->kind == DG_ENT_COUNTRY && !(m->flags & DG_MEN_ADJ) ? m->entity
                                                                     : -1;
    if (!is_word(s, p) || !(tk(s, p)->flags & DG_TOK_CAP) ||
        (tk(s, p)->flags & DG_TOK_DIGIT) || cue1(s, p) != Q_NONE ||
        dg_dates_match(d, &s->dctx, p, p, end, 0, &dt))
        return -1;
    size_t r = p;
    while (r < end && r - p < 4 && is_word(s, r) && !men_at(s, r) &&
           (tk(s, r)->flags & DG_TOK_CAP) && !(tk(s, r)->flags & DG_TOK_DIGIT))
        r++;
    int country = -1;
    size_t c = r + 1;
    if (c < end && is_w(s, c, "the")) /* "Manila, the Philippines" */
        c++;
    if (c < end && is_w(s, r, ",") && (m = men_at(s, c)) &&
        m->kind == DG_ENT_COUNTRY && !(m->flags & DG_MEN_ADJ))
        country = m->entity;
    else if (city_row(s, p, r) >= 0)
        ; /* a known city whatever follows: "the meeting in Hanoi ended" */
    else if (r < end && is_word(s, r) && !is_boundary(cue1(s, r)) &&
             !dg_dates_match(d, &s->dctx, p, r, end, 0, &dt) &&
             !dg_dates_word(d, r, end))
        return -1;
    const char *name = dg_entities_name(d, p, r);
    if (!name)
        return -2;
    if (country < 0)
        country = city_country(s, p, r);
    return place_entity(d, name, country);
}

/* A named venue after "at" or "aboard" at p: "the Pentagon", "NATO
 * Headquarters in Brussels", "the August 1st Building", "the South Block
 * lawns", "the navy headquarters in Cilangkap", "the Kommadam Military
 * Academy, Vientiane".  A capitalised name, with a lowercase venue noun
 * after it; a city after "in" or "," is added to the name ("NATO
 * Headquarters, Brussels") and names the country; a lowercase venue ("the
 * navy headquarters") counts only with its city.  Not an event ("at the
 * meeting"), a person, an organisation alone ("at ASEAN") or a date.
 * Returns the place id, -1 none, -2 on error. */
static int
venue_at(struct es *s, size_t p, size_t end)
{
    struct dg_doc *d = s->d;
    struct dg_date dt;
    size_t a = p, k, len;
    int caps = 0, last_men = 0, row;

    if (a < end && is_w(s, a, "the"))
        a++;
    if (d->dl_end > d->dl_first && a < d->dl_end && a >= d->dl_first)
        return -1;
    for (k = a; k < end && k - a < 7;) {
        const struct dg_mention *m = men_at(s, k);
        if (m) {
            if (m->kind == DG_ENT_PERSON || m->kind == DG_ENT_EVENT)
                return -1;
            if (m->kind == DG_ENT_COUNTRY && k == a && !caps)
                break; /* "at Vietnam's request": not a venue */
            k = m->tok_end;
            caps = last_men = 1;
            continue;
        }
        if (!is_word(s, k)) {
            if (k > a && k + 1 < end && is_word(s, k + 1) &&
                !(tk(s, k + 1)->flags & DG_TOK_SPACE) &&
                !(tk(s, k)->flags & DG_TOK_SPACE) && !is_w(s, k, ",")) {
                k++; /* "Bhumibol-Adulyadej", "St.Paul" */
                continue;
            }
            break;
        }
        if (dg_dates_match(d, &s->dctx, p, k, end, 0, &dt) ||
            noun_at(s, k, end, &len, &row))
            break;
        if (is_w(s, k, "of") && caps && k + 1 < end &&
            (tk(s, k + 1)->flags & DG_TOK_CAP)) {
            k++;
            continue;
        }
        int c = cue1(s, k);
        if (tk(s, k)->flags & (DG_TOK_CAP | DG_TOK_DIGIT)) {
            if (c != Q_NONE && c != Q_VENUE_NOUN && c != Q_NOUN_TAIL)
                break;
            caps = 1;
        } else if (c == Q_VENUE_NOUN || c == Q_NOUN_TAIL) {
            /* "lawns", "headquarters": the venue ends here */
            k++;
            last_men = 0;
            break;
        } else if (caps || c != Q_NONE || !(tk(s, k)->flags & DG_TOK_LOWER)) {
            break;
        }
        last_men = 0;
        k++;
    }
    if (k == a || k - a >= 7)
        return -1;
    /* the venue's city: "in Brussels", ", Vientiane" */
    size_t r = k, c0 = 0, c1 = 0;
    if (r + 1 < end && (is_w(s, r, "in") || is_w(s, r, ",")) &&
        (tk(s, r + 1)->flags & DG_TOK_CAP)) {
        c0 = r + 1;
        const struct dg_mention *m = men_at(s, c0);
        if (m)
            c1 = m->kind == DG_ENT_COUNTRY && !(m->flags & DG_MEN_ADJ)
                     ? m->tok_end
                     : 0;
        else
            c1 = cap_run(s, c0, end);
        if (c1 && !men_at(s, c0) && city_country(s, c0, c1) < 0 &&
            !is_w(s, r, "in"))
            c1 = 0; /* ", Lieutenant General X" */
    }
    int country = -1;
    if (c1) {
        const struct dg_mention *m = men_at(s, c0);
        country = m ? m->entity : city_country(s, c0, c1);
    }
    if (!caps || (last_men && !c1)) {
        /* "at the navy headquarters in Cilangkap": the city alone */
        if (!c1)
            return -1;
        return place_at(s, c0, end);
    }
    const char *name = dg_entities_name(d, a, k);
    if (!name)
        return -2;
    if (c1) {
        const char *city = dg_entities_name(d, c0, c1);
        name = city ? dg_doc_printf(d, "%s, %s", name, city) : NULL;
        if (!name)
            return -2;
    }
    return place_entity(d, name, country);
}

/* Words that may stand between an event phrase and its venue. */
static int
venue_skip(const struct es *s, size_t j, size_t end, size_t *len)
{
    static const char *const w[] = {
        "which", "that",         "is",         "was",     "are",
        "were",  "will",         "would",      "be",      "been",
        "to",    "has",          "have",       "on",      "for",
        "also",  "successfully", "officially", "jointly", ",",
        "jr",    "sr",           "ii",         "iii",     "iv",
        ".",     "running",      "lasting",    "from",    "until",
        "till",  "through",      "hosted",     "held",    "staged",
        NULL};
    struct dg_date dt;
    int c = cue_at(s, j, end, len);
    if (c == Q_TAKE_PLACE || c == Q_ONLINE || c == Q_HOST)
        return 1;
    if ((*len = dg_dates_match(s->d, &s->dctx, j, j, end, 0, &dt)))
        return 1;
    for (const char *const *p = w; *p; p++)
        if (is_w(s, j, *p)) {
            *len = 1;
            return 1;
        }
    const char *x = tk(s, j)->lower;
    size_t n = strlen(x);
    if ((tk(s, j)->flags & DG_TOK_DIGIT) || /* "from June 17 to 21" */
        ((tk(s, j)->flags & DG_TOK_LOWER) && n > 4 &&
         !strcmp(x + n - 2, "ly"))) { /* "was grandly held" */
        *len = 1;
        return 1;
    }
    return 0;
}

/* "The ADMM, a key platform for dialogue, will be held at X": the token
 * after an apposition that starts at j with ", a" or ", the" and ends
 * with a comma before stop; else j. */
static size_t
past_apposition(const struct es *s, size_t j, size_t stop)
{
    if (j + 2 >= stop || !is_w(s, j, ",") ||
        (!is_w(s, j + 1, "a") && !is_w(s, j + 1, "an") &&
         !is_w(s, j + 1, "the") && !is_w(s, j + 1, "one")))
        return j;
    for (size_t k = j + 2; k < stop && k < j + 24; k++) {
        if (is_w(s, k, ","))
            return k + 1;
        if (men_at(s, k) && men_at(s, k)->kind == DG_ENT_PERSON)
            return j; /* ", the minister A B, said" */
    }
    return j;
}

static int
venue_after(struct es *s, int ev, size_t j, size_t end)
{
    size_t len, stop = j + 12;
    while (j < end && j < stop) {
        /* "in the Gulf of Thailand", "in the North Sea": a named venue
         * after "the" that no lowercase word continues */
        if (is_w(s, j, "in") && s->ev[ev].place < 0 && j + 2 < end &&
            is_w(s, j + 1, "the") && !men_at(s, j + 2) && is_word(s, j + 2) &&
            (tk(s, j + 2)->flags & DG_TOK_CAP)) {
            size_t r = j + 2;
            while (r < end && r - j < 8 &&
                   ((is_word(s, r) && (tk(s, r)->flags & DG_TOK_CAP)) ||
                    (is_w(s, r, "of") && r + 1 < end &&
                     (tk(s, r + 1)->flags & DG_TOK_CAP))))
                r = men_at(s, r) ? men_at(s, r)->tok_end : r + 1;
            if (r < end && is_word(s, r) && (tk(s, r)->flags & DG_TOK_LOWER) &&
                !is_boundary(cue1(s, r)) && !dg_dates_word(s->d, r, end))
                return 0;
            int p = venue_at(s, j + 1, end);
            if (p == -2)
                return -1;
            if (p >= 0)
                s->ev[ev].place = p;
            return 0;
        }
        /* "will kick off here": where the dateline is */
        if (is_w(s, j, "here") && s->ev[ev].place < 0) {
            int p = dateline_place(s);
            if (p == -2)
                return -1;
            if (p >= 0)
                s->ev[ev].place = p;
            j++;
            continue;
        }
        if (is_w(s, j, "in") && s->ev[ev].place < 0) {
            int p = place_at(s, j + 1, end);
            if (p == -2)
                return -1;
            if (p >= 0)
                s->ev[ev].place = p;
            return 0;
        }
        if ((is_w(s, j, "at") || cue_at(s, j, end, &len) == Q_VENUE) &&
            s->ev[ev].place < 0) {
            size_t n = is_w(s, j, "at") ? 1 : len;
            int p = venue_at(s, j + n, end);
            if (p == -2)
                return -1;
            if (p >= 0)
                s->ev[ev].place = p;
            return 0;
        }
        if (cue_at(s, j, end, &len) == Q_HOST && len) {
            j += len;
            if (j < end && men_at(s, j))
                j = men_at(s, j)->tok_end;
            continue;
        }
        if (!venue_skip(s, j, end, &len))
            return 0;
        j += len ? len : 1;
    }
    return 0;
}

/* Persons, countries and orgs named in [a, b) (outermost mentions, not
 * in an event phrase of the sentence): entity ids into out. */
static size_t
entities_in(const struct es *s, size_t a, size_t b, size_t m0, size_t m1,
            int want_person, int *out, size_t n)
{
    size_t c = 0;
    for (size_t k = a; k < b && c < n; k++) {
        const struct dg_mention *m = men_at(s, k);
        if (!m)
            continue;
        if (!in_mrec_span(s, m0, m1, k) &&
            (want_person ? m->kind == DG_ENT_PERSON
                         : m->kind != DG_ENT_PERSON)) {
            int dup = 0;
            for (size_t i = 0; i < c; i++)
                dup |= out[i] == m->entity;
            if (!dup)
                out[c++] = m->entity;
        }
        k = m->tok_end - 1;
    }
    return c;
}

/* The participant list after a cue at p: mentions while the words
 * between them are list words. */
static int
take_list(struct es *s, int ev, size_t p, size_t end)
{
    size_t gap = 0;
    for (size_t k = p; k < end && gap < 6; k++) {
        const struct dg_mention *m = men_at(s, k);
        if (m) {
            if (m->kind != DG_ENT_PERSON && add_party(s, m->entity, ev) < 0)
                return -1;
            k = m->tok_end - 1;
            gap = 0;
            continue;
        }
        if (is_w(s, k, ".") || is_w(s, k, ";") || is_w(s, k, "to"))
            break;
        if (!is_w(s, k, ",") && !is_w(s, k, "and"))
            gap++;
    }
    return 0;
}

static int
is_continuation(struct es *s, size_t si, int main)
{
    const struct dg_sentence *se = &s->d->sent[si];
    size_t first = se->tok_first, end = se->tok_end, len;
    if (main < 0)
        return 0;
    size_t k = first;
    /* "In addition," "Also," ... */
    for (size_t j = first; j < end && j < first + 3; j++)
        if (is_w(s, j, ",")) {
            k = j + 1;
            break;
        }
    int c = cue_at(s, k, end, &len);
    if (c == Q_CONTINUE || c == Q_COLLECTIVE)
        return 1;
    c = cue_at(s, first, end, &len);
    if (c == Q_CONTINUE || c == Q_COLLECTIVE)
        return 1;
    if ((is_w(s, k, "he") || is_w(s, k, "she")) &&
        s->last_main_sent == (long)si - 1)
        return 1;
    if (s->last_main_sent == (long)si - 1 &&
        dg_topics_has_list(s->topics, first, end))
        return 1;
    while (k < end && cue1(s, k) == Q_DET)
        k++;
    for (size_t j = k; j < end && j < k + 3; j++) {
        const struct dg_mention *m = men_at(s, j);
        if (!m)
            continue;
        const char *iri = ev_iri(s, main);
        if (m->kind == DG_ENT_PERSON)
            return dg_doc_prop_has(s->d, m->entity, DG_NS "attends", iri) ||
                   dg_doc_prop_has(s->d, m->entity, DG_NS "chairs", iri) ||
                   dg_doc_prop_has(s->d, m->entity, DG_NS "coChairs", iri);
        for (size_t i = 0; i < s->ev[main].nparties; i++)
            if (s->ev[main].parties[i] == m->entity)
                return 1;
        return 0;
    }
    return 0;
}

/* The first two countries of the article (for "the two sides"). */
static size_t
two_sides(const struct es *s, int *out)
{
    size_t c = 0;
    for (size_t i = 0; i < s->d->nmen && c < 2; i++) {
        const struct dg_mention *m = &s->d->men[i];
        if (m->kind != DG_ENT_COUNTRY || m->sent < 0 ||
            (m->flags & (DG_MEN_DATELINE | DG_MEN_NESTED)) ||
            (s->d->sent[m->sent].flags & DG_SENT_NOMINE))
            continue;
        if (c == 0 || out[0] != m->entity)
            out[c++] = m->entity;
    }
    return c;
}

/* The countries and forums that act in the clause before event phrase
 * i ("ASEAN and the UK reaffirmed ... at their first meeting", "proposed
 * by Vietnam and Japan at the 14th meeting", "they held a meeting"): not
 * objects of a preposition ("on the UK"), and after the last clause word
 * ("since ASEAN conferred ..."), unless only a pronoun stands there. */
static int
agents(struct es *s, size_t i, size_t first, size_t m0, size_t m1)
{
    const struct mrec *r = &s->mr[i];
    size_t a = r->np.a, from = first, k;
    int ents[32];
    if (a <= first)
        return 0;
    int c = cue1(s, a - 1);
    /* a cue of several words ending before the phrase: "took part in" */
    for (size_t j = a - 1, l; j > first && a - j < 4 && c == Q_OBJPREP; j--)
        if (cue_at(s, j - 1, a, &l) == Q_ATTEND_VERB && j - 1 + l == a)
            c = Q_ATTEND_VERB;
    if (!is_w(s, a - 1, "at") && !is_w(s, a - 1, "during") && c != Q_HOLD &&
        c != Q_ATTEND_VERB && c != Q_TAKE_PLACE)
        return 0;
    for (k = first; k < a; k++)
        if (is_w(s, k, ";") || cue1(s, k) == Q_CLAUSE)
            from = k + 1;
    size_t ne = entities_in(s, from, a, m0, m1, 0, ents, 32);
    if (!ne && from > first && from < a &&
        (is_w(s, from, "they") || is_w(s, from, "we") ||
         cue_at(s, from, a, NULL) == Q_COLLECTIVE))
        from = first;
    int excluded = 0;
    for (k = from; k < a; k++) {
        const struct dg_mention *m = men_at(s, k);
        if (!m || in_mrec_span(s, m0, m1, k)) {
            continue;
        }
        size_t p = k;
        while (p > from && cue1(s, p - 1) == Q_DET)
            p--;
        if (p > from) {
            int pc = cue1(s, p - 1);
            /* "on the UK" is not an agent; "ministers of the UK" is */
            if (pc == Q_OBJPREP &&
                !(p - 1 > from &&
                  (cue1(s, p - 2) == Q_ROLES ||
                   cue1(s, p - 2) == Q_COLLECTIVE) &&
                  (is_w(s, p - 1, "of") || is_w(s, p - 1, "from"))))
                excluded = 1;
            else if (!is_w(s, p - 1, "and") && !is_w(s, p - 1, ","))
                excluded = 0;
        } else {
            excluded = 0;
        }
        int ek = s->d->ent[m->entity].kind;
        if (!excluded &&
            (ek == DG_ENT_COUNTRY ||
             (ek == DG_ENT_ORG && org_is_forum(s, m->entity) &&
              strcmp(org_kind(s, m->entity), "working group"))) &&
            add_party(s, m->entity, r->ev) < 0)
            return -1;
        k = m->tok_end - 1;
    }
    return 0;
}

/* The person named at token k: its mention, or a capitalised word that
 * is the first or last word of exactly one person's name ("Li" for Li
 * Shangfu); -1 when none. */
static int
person_word(const struct es *s, size_t k)
{
    const struct dg_mention *m = men_at(s, k);
    if (m)
        return m->kind == DG_ENT_PERSON ? m->entity : -1;
    if (!is_word(s, k) || !(tk(s, k)->flags & DG_TOK_CAP))
        return -1;
    const char *w = tk(s, k)->fold;
    size_t wl = strlen(w);
    int found = -1;
    for (size_t i = 0; i < s->d->nent; i++) {
        const char *n = s->d->ent[i].name;
        if (s->d->ent[i].kind != DG_ENT_PERSON || !n)
            continue;
        const char *last = strrchr(n, ' ');
        int hit = (!strncmp(n, w, wl) && n[wl] == ' ') ||
                  (last && !strcmp(last + 1, w));
        if (hit) {
            if (found >= 0)
                return -1;
            found = (int)i;
        }
    }
    return found;
}

/* Pass 2 over sentence si. */
static int
relate_sentence(struct es *s, size_t si, int main)
{
    struct dg_doc *d = s->d;
    const struct dg_sentence *se = &d->sent[si];
    size_t first = se->tok_first, end = se->tok_end, len;
    size_t m0 = s->sent_mr[si], m1 = s->sent_mr[si + 1];
    int cont = m0 == m1 && is_continuation(s, si, main);
    int primary = -1, group[16], ents[32];
    size_t ng, ne;

    for (size_t i = m0; i < m1; i++)
        if (s->mr[i].ev == main)
            primary = main;
    if (primary < 0 && m1 > m0)
        primary = s->mr[m0].ev;
    if (primary < 0 && cont)
        primary = main;
    /* "Also present were X and Y", "X and Y were present": the event of
     * the sentence before */
    for (size_t k = first; m0 == m1 && k < end; k++)
        if (cue_at(s, k, end, &len) == Q_PRESENT) {
            int prev =
                si > 0 && s->sent_mr[si - 1] < m0 ? s->mr[m0 - 1].ev : -1;
            if (prev >= 0 && !s->ev[prev].future &&
                !(s->dctx.ay && s->ev[prev].date.y > s->dctx.ay))
                primary = prev; /* not "to the Expo next year" */
            else
                primary = main;
            break;
        }
    /* "ASEAN defence ministers included A, B and C", "Others are D, E
     * and F": a sentence listing three officials or more and naming no
     * event lists those at the event told last */
    int roster = 0;
    if (m0 == m1 && main >= 0 &&
        !dg_dates_future_at(d, first, end, end - first)) {
        int seen[3] = {-1, -1, -1};
        size_t np = 0;
        for (size_t k = first; k < end && np < 3; k++) {
            const struct dg_mention *m = men_at(s, k);
            if (!m)
                continue;
            k = m->tok_end - 1;
            if (m->kind != DG_ENT_PERSON || m->entity == seen[0] ||
                m->entity == seen[1])
                continue;
            seen[np++] = m->entity;
        }
        if (np >= 3) {
            int prev = m0 > 0 ? s->mr[m0 - 1].ev : -1;
            roster = 1;
            /* "Meanwhile ADMM-Plus gathered A, B and C": the sitting of
             * the forum the sentence names */
            for (size_t k = first; k < end && primary < 0; k++) {
                const struct dg_mention *m = men_at(s, k);
                if (!m || m->kind != DG_ENT_ORG)
                    continue;
                for (size_t x = 0; x < s->nev && primary < 0; x++)
                    if (s->ev[x].forum == m->entity && !s->ev[x].future)
                        primary = (int)x;
                k = m->tok_end - 1;
            }
            if (primary < 0) /* the main event first */
                primary = !s->ev[main].future || prev < 0 || s->ev[prev].future
                              ? main
                              : prev;
        }
    }
    /* "Singapore is chairing the ADMM-Plus": a sitting of that forum */
    for (size_t k = first; m0 == m1 && primary < 0 && k + 1 < end; k++) {
        int c = cue_at(s, k, end, &len);
        if (c != Q_CHAIR_VERB && c != Q_COCHAIR_VERB)
            continue;
        size_t q = k + len + (k + len < end && is_w(s, k + len, "the"));
        const struct dg_mention *fm = q < end ? men_at(s, q) : NULL;
        if (fm && fm->kind == DG_ENT_ORG && org_is_forum(s, fm->entity))
            primary = sitting_of(s, fm->entity);
    }
    if (primary < 0)
        return 0;
    if (primary == main)
        s->last_main_sent = (long)si;

    /* evidence */
    for (size_t i = m0; i < m1; i++)
        if (dg_doc_prop_iri(d, s->ev[s->mr[i].ev].id, DG_NS "evidence",
                            d->sent_iri[si]) < 0)
            return -1;
    if (dg_doc_prop_iri(d, s->ev[primary].id, DG_NS "evidence",
                        d->sent_iri[si]) < 0)
        return -1;

    /* "Held on July 6 in London, it ...": the leading clause */
    size_t lead_end = first;
    if (cue_at(s, first, end, &len) == Q_TAKE_PLACE && main >= 0) {
        lead_end = first + len;
        while (lead_end < end && !is_w(s, lead_end, ","))
            lead_end++;
        if (venue_after(s, main, first + len, lead_end) < 0)
            return -1;
    }

    /* dates */
    for (size_t k = first; k < end; k++) {
        struct dg_date dt;
        size_t n = dg_dates_match(d, &s->dctx, first, k, end, 0, &dt);
        if (!n || in_mrec_span(s, m0, m1, k))
            continue;
        /* "in a statement today", "said on Tuesday": the date of the
         * report, not of the event */
        int report = 0;
        for (size_t q = k; q-- > first && k - q <= 3 && !report;)
            report = is_w(s, q, "statement") || is_w(s, q, "said") ||
                     is_w(s, q, "told") || is_w(s, q, "announced") ||
                     is_w(s, q, "release") || is_w(s, q, "reported") ||
                     is_w(s, q, "says");
        /* "the first visit by a defence chief since 2012": when it last
         * happened, not when this one did */
        if (report || (k > first && is_w(s, k - 1, "since"))) {
            k += n - 1;
            continue;
        }
        if (dg_dates_future_at(d, first, k, TENSE_WINDOW))
            n = dg_dates_match(d, &s->dctx, first, k, end, 1, &dt);
        size_t i = mrec_before(s, m0, m1, k, DATE_WINDOW);
        if (i == (size_t)-1)
            i = mrec_after(s, m0, m1, k + n, 6);
        /* "X and Y on Monday signed the RAA during the 2+2" */
        if (i == (size_t)-1) {
            i = mrec_after(s, m0, m1, k + n, 20);
            if (i != (size_t)-1 && !(s->mr[i].np.a > first &&
                                     (is_w(s, s->mr[i].np.a - 1, "during") ||
                                      is_w(s, s->mr[i].np.a - 1, "at"))))
                i = (size_t)-1;
        }
        /* "On June 17, in Ha Noi, the ministry held the ceremony": a
         * leading date is the first event's */
        if (i == (size_t)-1 && m1 > m0 && k <= first + 3 && k + n < end &&
            is_w(s, k + n, ","))
            i = m0;
        /* "will hold its largest exercise, X, ... through May": the
         * event's clause is future */
        if (i != (size_t)-1 && k >= lead_end &&
            !dg_dates_future_at(d, first, k, TENSE_WINDOW) &&
            (dg_dates_future_at(d, first, s->mr[i].np.a, TENSE_WINDOW) ||
             s->ev[s->mr[i].ev].future)) {
            struct dg_date fd;
            size_t fn = dg_dates_match(d, &s->dctx, first, k, end, 1, &fd);
            if (fn) {
                n = fn;
                dt = fd;
            }
        }
        /* "The opening ceremony of the exercises, which go on until March
         * 10": the end of what lasts, never the day of a ceremony */
        int until =
            k > first && (is_w(s, k - 1, "until") || is_w(s, k - 1, "till"));
        if (until && i != (size_t)-1 &&
            (!strcmp(s->ev[s->mr[i].ev].kind, "ceremony") ||
             !strcmp(s->ev[s->mr[i].ev].kind, "signing") ||
             !strcmp(s->ev[s->mr[i].ev].kind, "meeting")))
            i = (size_t)-1;
        if (k < lead_end) {
            set_date(s, main, &dt);
        } else if (i != (size_t)-1) {
            ng = group_of(s, m0, m1, i, group, 16);
            for (size_t g = 0; g < ng; g++)
                set_date(s, group[g], &dt);
        }
        /* "On 27 November last year, A visited B to take part in the C
         * Dialogue": a date that opens the sentence is that of each event
         * it tells of first */
        if (k >= lead_end && k <= first + 1 && k + n < end &&
            is_w(s, k + n, ",") && !until)
            for (size_t r = m0; r < m1; r++)
                if (s->ev[s->mr[r].ev].first_sent == (long)si &&
                    !s->ev[s->mr[r].ev].future)
                    set_date(s, s->mr[r].ev, &dt);
        k += n - 1;
    }

    /* "Before the talks, X hosted a ceremony", "Earlier, X was accorded
     * a Guard of Honour": the other events of the sentence share the
     * date and venue of that event (the main one after "Earlier,") */
    int anchor = cue_at(s, first, end, &len);
    if ((anchor == Q_ANCHOR || anchor == Q_AHEAD) && m1 > m0) {
        int ref = main;
        for (size_t i = m0; i < m1; i++)
            if (s->mr[i].np.a >= first && s->mr[i].np.a <= first + len)
                ref = s->mr[i].ev;
        for (size_t i = m0; ref >= 0 && i < m1; i++)
            if (s->mr[i].ev != ref && s->ev[s->mr[i].ev].anchor < 0 &&
                s->ev[ref].anchor != s->mr[i].ev)
                s->ev[s->mr[i].ev].anchor = ref;
    }
    /* "X on the sidelines of Y", "X in conjunction with Y": X is part of
     * Y */
    for (size_t k = first; k < end; k++) {
        if (cue_at(s, k, end, &len) != Q_SIDELINE || !len)
            continue;
        size_t j = mrec_after(s, m0, m1, k + len - 1, 2);
        size_t i = mrec_before(s, m0, m1, k, 30);
        int x = i != (size_t)-1 ? s->mr[i].ev : primary;
        int to = j != (size_t)-1 ? s->mr[j].ev : -1;
        /* "on the sidelines of the ADMM-Plus": the forum's sitting; "...
         * of this series of meetings": the main event */
        size_t q = k + len;
        if (q < end && (cue1(s, q) == Q_DET))
            q++;
        const struct dg_mention *fm = q < end ? men_at(s, q) : NULL;
        if (to < 0 && fm && fm->kind == DG_ENT_ORG &&
            org_is_forum(s, fm->entity))
            to = sitting_of(s, fm->entity);
        else if (to < 0 && q > k + len && q < end &&
                 (is_w(s, q, "series") || is_w(s, q, "meetings") ||
                  is_w(s, q, "talks") || is_w(s, q, "events")))
            to = main;
        if (to >= 0 && x >= 0 && x != to && s->ev[x].within < 0 &&
            s->ev[to].within != x) {
            s->ev[x].within = to;
            s->ev[x].beside = 1;
        }
        k += len - 1;
    }

    /* "On June 17, in Ha Noi, the ministry held ...": a leading venue
     * is the first event's */
    for (size_t k = first; m1 > m0 && k < first + 8 && k < s->mr[m0].np.a;
         k++) {
        if (!is_w(s, k, "in") || s->ev[s->mr[m0].ev].place >= 0)
            continue;
        size_t r = k + 1;
        while (r < end && r < k + 5 && is_word(s, r) &&
               (tk(s, r)->flags & DG_TOK_CAP))
            r++;
        if (r == k + 1 || r >= end || !is_w(s, r, ","))
            continue;
        int pl = place_at(s, k + 1, end);
        if (pl == -2)
            return -1;
        if (pl >= 0)
            s->ev[s->mr[m0].ev].place = pl;
        break;
    }

    /* venues and online mode */
    for (size_t i = m0; i < m1; i++) {
        const struct mrec *r = &s->mr[i];
        struct ev *e = &s->ev[r->ev];
        size_t stop = i + 1 < m1 ? s->mr[i + 1].np.a : end;
        if (r->np.to_a && e->place < 0) {
            int pl = place_at(s, r->np.to_a, end);
            if (pl == -2)
                return -1;
            e->place = pl;
        }
        /* "the 12th ADMM-Plus in Kuala Lumpur": a venue inside the
         * phrase */
        for (size_t j = r->np.h1; j + 1 < r->np.b && e->place < 0; j++)
            if (is_w(s, j, "in")) {
                int pl =
                    place_at(s, j + 1, r->np.b + 1 < end ? r->np.b + 1 : end);
                if (pl == -2)
                    return -1;
                e->place = pl;
            }
        /* "the biggest joint military exercise in Southeast Asia": after
         * a superlative, "in" says where it is the biggest, not where it
         * is held */
        int superlative = 0;
        for (size_t j = r->np.a; j < r->np.h0 && !superlative; j++)
            superlative = is_w(s, j, "biggest") || is_w(s, j, "largest") ||
                          is_w(s, j, "longest") || is_w(s, j, "oldest") ||
                          is_w(s, j, "most");
        size_t vfrom = past_apposition(s, r->np.b, stop);
        if (superlative && vfrom < stop && is_w(s, vfrom, "in")) {
            vfrom++;
            while (vfrom < stop && is_word(s, vfrom) &&
                   (tk(s, vfrom)->flags & DG_TOK_CAP))
                vfrom++;
        }
        if (venue_after(s, r->ev, vfrom, stop) < 0)
            return -1;
        if (r->np.f & F_ONLINE)
            e->online = 1;
        /* "held online"; not "joined the meeting by video link" */
        int joined = r->np.a > first && cue1(s, r->np.a - 1) == Q_ATTEND_VERB;
        for (size_t j = r->np.b; j < stop && j < r->np.b + 6 && !joined; j++)
            if (cue_at(s, j, stop, &len) == Q_ONLINE)
                e->online = 1;
        if (r->np.f & F_FUTURE)
            e->future = 1;
    }

    /* "A visited Sri Lanka to take part in the X Dialogue", "A and B met
     * in Buenos Aires to sign several agreements": what the purpose
     * clause names is held where the event before it is */
    for (size_t i = m0; i + 1 < m1; i++) {
        const struct ev *a = &s->ev[s->mr[i].ev];
        struct ev *b = &s->ev[s->mr[i + 1].ev];
        if (a->place < 0 || b->place >= 0 || b->online || a == b ||
            a->future != b->future)
            continue;
        size_t from = s->mr[i].np.b, to = s->mr[i + 1].np.a;
        int purpose = 0;
        for (size_t k = from; k + 1 < to && k < from + 12 && !purpose; k++)
            purpose = is_w(s, k, "to") &&
                      (is_w(s, k + 1, "attend") || is_w(s, k + 1, "sign") ||
                       is_w(s, k + 1, "participate") ||
                       is_w(s, k + 1, "join") || is_w(s, k + 1, "take"));
        if (purpose)
            b->place = a->place;
    }

    /* "X hosted the 16th Council ..., under the auspices of Y, at Al
     * Bustan Palace Hotel": a named venue (its last word a venue noun)
     * further on in the sentence, when nothing nearer is */
    if (s->ev[primary].place < 0 && !s->ev[primary].online && m1 > m0) {
        for (size_t k = s->mr[m0].np.h1; k + 1 < end; k++) {
            if (!is_w(s, k, "at"))
                continue;
            size_t r = k + 1, l;
            if (cue1(s, r) == Q_DET)
                r++;
            size_t r0 = r, last = (size_t)-1;
            while (r < end && r - r0 < 7 &&
                   ((is_word(s, r) && (tk(s, r)->flags & DG_TOK_CAP)) ||
                    (is_w(s, r, "of") && r > r0))) {
                int c = cue_at(s, r, end, &l);
                if (c == Q_VENUE_NOUN || c == Q_NOUN_TAIL)
                    last = r;
                r++;
            }
            if (last == (size_t)-1 || last + 1 != r)
                continue;
            int pl = venue_at(s, k + 1, end);
            if (pl == -2)
                return -1;
            if (pl >= 0) {
                s->ev[primary].place = pl;
                break;
            }
        }
    }

    /* "the 19th ADMM and the 12th ADMM-Plus in Kuala Lumpur": events
     * coordinated in one phrase share the venue */
    for (size_t i = m0; i + 1 < m1; i++) {
        struct ev *a = &s->ev[s->mr[i].ev], *b = &s->ev[s->mr[i + 1].ev];
        size_t g = s->mr[i].np.b;
        if (g >= s->mr[i + 1].np.a || !is_w(s, g, "and") ||
            s->mr[i + 1].np.a - g > 2 || a == b)
            continue;
        if (a->place < 0)
            a->place = b->place;
        else if (b->place < 0)
            b->place = a->place;
    }

    /* "the 18th Shangri-La Dialogue": a sitting of a forum the lexicon
     * does not know */
    for (size_t i = m0; i < m1; i++)
        if (sitting_forum(s, &s->mr[i]) < 0)
            return -1;

    /* forums, countries and orgs in the name */
    for (size_t i = m0; i < m1; i++) {
        const struct mrec *r = &s->mr[i];
        if (r->np.forum >= 0 &&
            dg_doc_prop_iri(d, s->ev[r->ev].id, DG_NS "partOf",
                            d->ent[r->np.forum].iri) < 0)
            return -1;
        if (r->np.forum >= 0)
            continue;
        for (size_t k = r->np.na; k < r->np.b; k++) {
            const struct dg_mention *m = men_at(s, k);
            if (!m ||
                (r->np.title_a <= k && k < r->np.title_b && r->np.title_b))
                continue;
            size_t e = m->tok_end;
            k = e - 1;
            if (m->kind == DG_ENT_PERSON) {
                /* "a courtesy call on Prime Minister A B": A B hosts */
                if ((r->np.f & F_CALLEE) && m->entity == r->np.person) {
                    if (rel(s, m->entity, DG_NS "hosts", r->ev) < 0)
                        return -1;
                    continue;
                }
                /* "talks with his Russian counterpart Sergei Shoigu" */
                if (!s->ev[r->ev].future &&
                    rel(s, m->entity, DG_NS "attends", r->ev) < 0)
                    return -1;
                continue;
            }
            if (m->kind == DG_ENT_COUNTRY) {
                /* "a visit to Sri Lanka": where, not who */
                if (r->np.to_a && m->tok_first >= r->np.to_a)
                    continue;
                /* "the opening ceremony of the Laos - China exercise":
                 * the exercise's parties */
                if (add_party(s, m->entity,
                              s->ev[r->ev].of >= 0 ? s->ev[r->ev].of : r->ev) <
                    0)
                    return -1;
                continue;
            }
            if (m->kind != DG_ENT_ORG)
                continue;
            int poss = e + 1 < end && is_w(s, e, "'") && is_w(s, e + 1, "s");
            /* "the opening ceremony of the EWG exercise": the exercise
             * is the working group's */
            int to = s->ev[r->ev].of >= 0 ? s->ev[r->ev].of : r->ev;
            if (org_is_forum(s, m->entity) && !poss) {
                if (dg_doc_prop_iri(d, s->ev[to].id, DG_NS "partOf",
                                    d->ent[m->entity].iri) < 0)
                    return -1;
                if (!strcmp(org_kind(s, m->entity), "working group") &&
                    dg_topics_text(s->topics, s->ev[to].id,
                                   d->ent[m->entity].name) < 0)
                    return -1;
            }
            /* "the South Korea-Visegrad Group meeting": a side; "the 47th
             * ASEAN Summit", "a meeting of NATO leaders": the organisation's
             * own meeting, not one it takes part in */
            int side =
                (m->tok_first > r->np.na && is_w(s, m->tok_first - 1, "-")) ||
                (e < r->np.b && is_w(s, e, "-")) ||
                /* "the meeting of ASEAN and Japan", not "of NATO leaders" */
                (m->tok_first >= r->np.h1 &&
                 !(e < end &&
                   (cue1(s, e) == Q_ROLES || cue1(s, e) == Q_COLLECTIVE)));
            if ((poss || (side && !strcmp(org_kind(s, m->entity),
                                          "intergovernmental organization"))) &&
                add_party(s, m->entity, r->ev) < 0)
                return -1;
        }
    }

    /* cues: chairs, hosts, participants; "according to X" */
    size_t src_end = first;
    for (size_t k = first; k < end; k++) {
        int c = cue_at(s, k, end, &len);
        if (!len)
            continue;
        if (c == Q_SOURCE) {
            src_end = k + len;
            const struct dg_mention *m = NULL;
            for (size_t q = src_end; q < end && q < src_end + 6 && !m; q++)
                m = men_at(s, q);
            if (m)
                src_end = m->tok_end;
        }
        size_t after = k + len;
        size_t i = mrec_before(s, m0, m1, k, 30);
        int owner = i != (size_t)-1 ? s->mr[i].ev : primary;
        if (c == Q_CHAIR || c == Q_COCHAIR) {
            const char *p = c == Q_CHAIR ? DG_NS "chairs" : DG_NS "coChairs";
            ne = entities_in(s, after, end, m0, m1, 1, ents, 32);
            if (c == Q_CHAIR && ne > 1)
                ne = 1;
            if (!ne) {
                ne = entities_in(s, after, after + 8 < end ? after + 8 : end,
                                 m0, m1, 0, ents, 32);
                if (ne > 1 && c == Q_CHAIR) /* "co-chaired by A and B" */
                    ne = 1;
            }
            ng = i != (size_t)-1 ? group_of(s, m0, m1, i, group, 16) : 0;
            if (!ng)
                group[ng++] = owner;
            for (size_t g = 0; g < ng; g++) {
                int to = group[g] >= 0 && s->ev[group[g]].of >= 0
                             ? s->ev[group[g]].of
                             : group[g];
                for (size_t x = 0; x < ne; x++)
                    if (rel(s, ents[x], p, to) < 0)
                        return -1;
            }
        } else if ((c == Q_CHAIR_VERB || c == Q_COCHAIR_VERB) && k > first &&
                   cue1(s, k - 1) != Q_DET && !is_w(s, k - 1, "s")) {
            size_t j = mrec_after(s, m0, m1, after, 2);
            /* "Singapore is chairing the ADMM-Plus": the forum's sitting
             * the text tells of */
            int to = j != (size_t)-1 ? s->mr[j].ev : -1;
            size_t q = after + (after < end && is_w(s, after, "the"));
            const struct dg_mention *fm = q < end ? men_at(s, q) : NULL;
            if (to < 0 && fm && fm->kind == DG_ENT_ORG &&
                org_is_forum(s, fm->entity))
                to = sitting_of(s, fm->entity);
            if (to < 0)
                goto next;
            ne = entities_in(s, first, k, m0, m1, 1, ents, 32);
            if (!ne)
                ne = entities_in(s, first, k, m0, m1, 0, ents, 32);
            /* a forum chairs nothing: "since the ADMM-Plus began, it is
             * chairing ..." */
            while (ne && s->d->ent[ents[ne - 1]].kind == DG_ENT_ORG &&
                   org_is_forum(s, ents[ne - 1]))
                ne--;
            if (ne && rel(s, ents[ne - 1],
                          c == Q_CHAIR_VERB ? DG_NS "chairs" : DG_NS "coChairs",
                          to) < 0)
                return -1;
        } else if (c == Q_HOST) {
            ne = entities_in(s, after, after + 4 < end ? after + 4 : end, m0,
                             m1, 0, ents, 1);
            if (i == (size_t)-1 || k - s->mr[i].np.b > 6 || !ne)
                goto next;
            ng = group_of(s, m0, m1, i, group, 16);
            for (size_t g = 0; g < ng; g++)
                if (rel(s, ents[0], DG_NS "hosts", group[g]) < 0)
                    return -1;
        } else if (c == Q_INVITE) {
            /* "X is on a five-day official visit to Cambodia, from June 16
             * to 20, at the invitation of Minister A": A hosts it */
            ne = entities_in(s, after, after + 12 < end ? after + 12 : end, m0,
                             m1, 1, ents, 1);
            if (!ne)
                ne = entities_in(s, after, after + 6 < end ? after + 6 : end,
                                 m0, m1, 0, ents, 1);
            if (owner < 0 || !ne)
                goto next;
            if (rel(s, ents[0], DG_NS "hosts", owner) < 0)
                return -1;
        } else if (c == Q_HOST_VERB ||
                   /* "hosted" is a meeting verb too ("X hosted Y") */
                   (c == Q_MEET_VERB &&
                    (is_w(s, k, "hosted") || is_w(s, k, "hosts")))) {
            size_t from = k > first + 6 ? k - 6 : first;
            ne = entities_in(s, from, k, m0, m1, 0, ents, 32);
            size_t j = mrec_after(s, m0, m1, after, 6);
            /* "Li hosted a welcome ceremony", "Dr Ng hosted lunch for
             * General Wei": the person hosts */
            int pid = k > first ? person_word(s, k - 1) : -1;
            if (!ne && j != (size_t)-1 && pid >= 0) {
                if (rel(s, pid, DG_NS "hosts", s->mr[j].ev) < 0)
                    return -1;
                goto next;
            }
            int incl = 0;
            for (size_t q = after; q < end && q < after + 4; q++)
                incl |= is_w(s, q, "including");
            if (!ne || (j == (size_t)-1 && !incl))
                goto next;
            int fut = dg_dates_future_at(d, first, after, 4);
            for (size_t q = m0; q < m1; q++) {
                if (s->mr[q].np.a < after)
                    continue;
                if (j == (size_t)-1 && !incl)
                    break;
                if (rel(s, ents[ne - 1], DG_NS "hosts", s->mr[q].ev) < 0)
                    return -1;
                if (fut)
                    s->ev[s->mr[q].ev].future = 1;
                if (!incl)
                    break;
            }
        } else if (c == Q_PARTICIPATE) {
            if (take_list(s, owner, after, end) < 0)
                return -1;
        } else if (c == Q_COLLECTIVE && owner >= 0 &&
                   s->ev[owner].nparties < 2) {
            const char *w = tk(s, k)->lower;
            int two = 0;
            for (size_t q = k; q < after; q++)
                two |= is_w(s, q, "two") || is_w(s, q, "both") ||
                       is_w(s, q, "sides");
            (void)w;
            if (two) {
                int sides[2];
                size_t n2 = two_sides(s, sides);
                for (size_t x = 0; x < n2; x++)
                    if (add_party(s, sides[x], owner) < 0)
                        return -1;
            }
        }
    next:
        k = after - 1;
    }

    /* agents before "at/during the EVENT" or "held a EVENT" */
    for (size_t i = m0; i < m1; i++)
        if (agents(s, i, first, m0, m1) < 0)
            return -1;

    /* attendees: persons of the sentence (not after "according to") */
    if (!s->ev[primary].future) {
        ne = entities_in(s, first, end, m0, m1, 1, ents, 32);
        for (size_t x = 0; x < ne; x++) {
            int pid = ents[x];
            int skip = 0;
            for (size_t k = first; k < src_end; k++) {
                const struct dg_mention *m = men_at(s, k);
                if (m && m->entity == pid)
                    skip = 1;
            }
            if (skip)
                continue;
            if (rel(s, pid, DG_NS "attends", primary) < 0)
                return -1;
            /* a roster's officials represent their countries */
            int c = roster ? nationality(s, pid) : -1;
            if (c >= 0 && add_party(s, c, primary) < 0)
                return -1;
        }
    }

    /* "Both discussed ways to enhance bilateral defence cooperation": the
     * two sides of the event speak of cooperating */
    int coop = 0, strengthen = 0;
    for (size_t k = first; k < end; k++) {
        coop |= is_w(s, k, "cooperation") || is_w(s, k, "co-operation") ||
                is_w(s, k, "cooperate") || is_w(s, k, "partnership") ||
                is_w(s, k, "ties") || is_w(s, k, "relations");
        strengthen |= is_w(s, k, "strengthen") || is_w(s, k, "enhance") ||
                      is_w(s, k, "boost") || is_w(s, k, "deepen") ||
                      is_w(s, k, "expand") || is_w(s, k, "promote") ||
                      is_w(s, k, "bolster") || is_w(s, k, "bilateral") ||
                      is_w(s, k, "cooperation") || is_w(s, k, "cooperate");
    }
    if (coop && strengthen) {
        int sides[2];
        size_t ns = 0, more = 0;
        const struct ev *pe = &s->ev[primary];
        for (size_t k = 0; k < pe->nparties; k++)
            if (d->ent[pe->parties[k]].kind == DG_ENT_COUNTRY) {
                if (ns < 2)
                    sides[ns++] = pe->parties[k];
                else
                    more = 1;
            }
        if (ns == 2 && !more && !pe->spokes &&
            dg_relations_cooperate(d, sides[0], sides[1]) < 0)
            return -1;
    }

    /* topics: phrases and keywords of each event phrase, the rest of the
     * sentence for the primary event */
    for (size_t i = m0; i < m1; i++) {
        const struct mrec *r = &s->mr[i];
        int id = s->ev[r->ev].id;
        if (r->np.title_b &&
            dg_topics_phrase(s->topics, id, r->np.title_a, r->np.title_b) < 0)
            return -1;
        if (r->np.comp_b &&
            dg_topics_phrase(s->topics, id, r->np.comp_a, r->np.comp_b) < 0)
            return -1;
        if (s->ev[r->ev].of >= 0)
            id = s->ev[s->ev[r->ev].of].id;
        if (dg_topics_scan(s->topics, id, r->np.na, r->np.b,
                           DG_TOPICS_KEYWORDS) < 0)
            return -1;
    }
    if (!s->ev[primary].future || primary == main) {
        int id = s->ev[primary].id;
        size_t a = first;
        for (size_t i = m0; i <= m1; i++) {
            size_t b = i < m1 ? s->mr[i].np.a : end;
            if (b > a &&
                dg_topics_scan(s->topics, id, a, b, DG_TOPICS_KEYWORDS) < 0)
                return -1;
            if (i < m1)
                a = s->mr[i].np.b;
        }
        if (dg_topics_scan(s->topics, id, first, end, DG_TOPICS_CUES) < 0)
            return -1;
    }
    return 0;
}

/* ---- finishing ------------------------------------------------------- */

static const char *
short_name(const struct es *s, int ent)
{
    const struct dg_entity *e = &s->d->ent[ent];
    if (e->kind == DG_ENT_ORG && e->lex >= 0) {
        const struct dg_lex_org *o = dg_lexicon_org(s->d->lex, (size_t)e->lex);
        if (o && o->acronym[0])
            return o->acronym;
    }
    return e->name;
}

/* "the 18th Shangri-La Dialogue", "the 16th Conference of Defense
 * Ministers of the Americas (CDMA)", "the 47th ASEAN Summit": a numbered
 * sitting whose capitalised name is no forum of the lexicon names a forum
 * of its own, the org the sitting is part of.  Returns 0, -1 on error. */
static int
sitting_forum(struct es *s, const struct mrec *r)
{
    struct dg_doc *d = s->d;
    const struct np *np = &r->np;
    struct ev *e = &s->ev[r->ev];
    if (np->forum >= 0 || e->named_forum >= 0 || !(np->f & F_ORD) ||
        !(tk(s, np->h0)->flags & DG_TOK_CAP) || !strcmp(e->kind, "exercise"))
        return 0;
    size_t a = np->na;
    while (a < np->h0 && !is_ordinal(s, a))
        a++;
    /* "the first Senior Officials' Meeting (AUKSOM)": an inaugural
     * meeting makes no series yet */
    if (a >= np->h0 || is_w(s, a, "first") || is_w(s, a, "1st") ||
        is_w(s, a, "inaugural"))
        return 0;
    a++;
    size_t b = a, words = 0;
    for (size_t k = a; k < np->b; k++) {
        const struct dg_mention *m = men_at(s, k);
        if (m && m->kind == DG_ENT_ORG && org_is_forum(s, m->entity))
            return 0;
        if (is_w(s, k, "("))
            break;
        if (is_word(s, k) && !(tk(s, k)->flags & DG_TOK_CAP) &&
            !is_w(s, k, "of") && !is_w(s, k, "the") && !is_w(s, k, "for") &&
            !is_w(s, k, "and") && !is_w(s, k, "on"))
            return 0;
        if (!is_word(s, k) && !is_glue(s, k))
            break;
        words += is_word(s, k) && (tk(s, k)->flags & DG_TOK_CAP);
        b = k + 1;
    }
    if (words < 2 || b <= np->h0)
        return 0;
    const char *name = dg_entities_name(d, a, b);
    int created;
    int id = name ? dg_entities_org(d, name, "forum", &created) : -1;
    if (id < 0)
        return -1;
    /* "(CDMA)" after the name */
    if (created && b + 2 < d->ntok && is_w(s, b, "(") &&
        (tk(s, b + 1)->flags & DG_TOK_ALLCAPS) && is_w(s, b + 2, ")") &&
        dg_doc_prop_lit(d, id, DG_NS_SCHEMA "alternateName", tk(s, b + 1)->fold,
                        NULL) < 0)
        return -1;
    if (dg_doc_mention(d, id, a, b, DG_MEN_RULE) < 0)
        return -1;
    e->named_forum = id;
    return dg_doc_prop_iri(d, e->id, DG_NS "partOf", d->ent[id].iri);
}

/* Copies the date and the venue of event b to event a where a has none. */
static void
share(struct es *s, int a, int b)
{
    struct ev *x = &s->ev[a], *y = &s->ev[b];
    if (!dg_dates_precision(&x->date) && dg_dates_precision(&y->date))
        x->date = y->date;
    if (x->place < 0)
        x->place = y->place;
}

/* Events told around another one: a ceremony named only by its kind
 * ("the closing ceremony") is the main event's ("closing ceremony of the
 * 35th Exercise Singsiam"), part of it; an event part of another ("on the
 * sidelines of") shares its date and venue both ways; an anchored one
 * ("Before the talks, ...") takes its anchor's.  Returns 0, -1 on
 * error. */
/* 1 when person p takes part in event i: its subject or object, or one
 * who attends, chairs or hosts it. */
static int
takes_part(const struct es *s, int p, int i)
{
    static const char *const roles[] = {DG_NS "attends", DG_NS "chairs",
                                        DG_NS "coChairs", DG_NS "hosts", NULL};
    const struct ev *e = &s->ev[i];
    if (p < 0)
        return 0;
    if (e->who[0] == p || e->who[1] == p)
        return 1;
    for (size_t r = 0; roles[r]; r++)
        if (dg_doc_prop_has(s->d, p, roles[r], s->d->ent[e->id].iri))
            return 1;
    return 0;
}

/* 1 when a person who attends event v takes part in event i. */
static int
shared_person(const struct es *s, int v, int i)
{
    const struct dg_doc *d = s->d;
    for (size_t p = 0; p < d->nent; p++)
        if (d->ent[p].kind == DG_ENT_PERSON &&
            dg_doc_prop_has(d, (int)p, DG_NS "attends",
                            d->ent[s->ev[v].id].iri) &&
            takes_part(s, (int)p, i))
            return 1;
    return 0;
}

/* The country entity of place p: itself, or the country it is in (when
 * the text names it); -1 when none. */
static int
place_country(const struct es *s, int p)
{
    const struct dg_doc *d = s->d;
    if (p < 0 || d->ent[p].kind == DG_ENT_COUNTRY)
        return p;
    const char *in = dg_doc_prop_get(d, p, DG_NS_SCHEMA "containedInPlace");
    return in ? dg_doc_entity_find(d, in) : -1;
}

/* 1 when a person of the country visit v goes to takes part in event
 * i ("a courtesy call on the Area Commander A B" during a port call). */
static int
hosts_side(const struct es *s, int i, int v)
{
    const struct dg_doc *d = s->d;
    int c = place_country(s, s->ev[v].place);
    if (c < 0)
        return 0;
    for (size_t p = 0; p < d->nent; p++)
        if (d->ent[p].kind == DG_ENT_PERSON && nationality(s, (int)p) == c &&
            takes_part(s, (int)p, i))
            return 1;
    return 0;
}

/* The visit meeting i is part of, or -1: a visit of the same tense whose
 * visitor takes part in the meeting (or, when the visit names no visitor,
 * the only visit told, the main event), in the place visited or a place in it,
 * and not of another year or month. */
static int
visit_of(const struct es *s, int i, int main)
{
    const struct dg_doc *d = s->d;
    const struct ev *e = &s->ev[i];
    const char *in =
        e->place < 0
            ? NULL
            : dg_doc_prop_get(d, e->place, DG_NS_SCHEMA "containedInPlace");
    int found = -1, visits = 0;
    for (size_t v = 0; v < s->nev; v++)
        visits +=
            !strcmp(s->ev[v].kind, "visit") && s->ev[v].future == e->future;
    for (size_t v = 0; v < s->nev; v++) {
        const struct ev *x = &s->ev[v];
        if ((int)v == i || strcmp(x->kind, "visit") || x->future != e->future ||
            x->place < 0)
            continue;
        if (x->who[0] >= 0
                ? !takes_part(s, x->who[0], i)
                : !shared_person(s, (int)v, i) &&
                      (visits != 1 || (main >= 0 && (int)v != main) ||
                       (e->place < 0 && !hosts_side(s, i, v))))
            continue;
        if (e->place >= 0 && x->place != e->place &&
            (!in || strcmp(in, d->ent[x->place].iri)))
            continue;
        if (dg_dates_precision(&e->date) >= 3 &&
            dg_dates_precision(&x->date) >= 3 &&
            (e->date.y != x->date.y ||
             (e->date.m != x->date.m && abs(e->date.m - x->date.m) > 1)))
            continue;
        if (found < 0 || labs(x->first_sent - e->first_sent) <
                             labs(s->ev[found].first_sent - e->first_sent))
            found = (int)v;
    }
    return found;
}

static int
tie_events(struct es *s, int main)
{
    struct dg_doc *d = s->d;
    for (size_t i = 0; i < s->nev; i++) {
        struct ev *e = &s->ev[i];
        if (main < 0 || (int)i == main || strcmp(e->kind, "ceremony") ||
            e->comp || e->forum >= 0 || e->future ||
            !strcmp(s->ev[main].kind, "ceremony") || e->within >= 0 ||
            e->first_sent < s->ev[main].first_sent)
            continue;
        const char *name = dg_doc_printf(d, "%s of %s", d->ent[e->id].name,
                                         d->ent[s->ev[main].id].name);
        if (!name || dg_doc_entity_rename(d, e->id, name) < 0)
            return -1;
        e->within = main;
        if (e->anchor < 0)
            e->anchor = main;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->nev; i++) {
            struct ev *e = &s->ev[i];
            if (e->within >= 0 && e->beside) {
                share(s, (int)i, e->within);
                share(s, e->within, (int)i);
            }
            if (e->anchor >= 0)
                share(s, (int)i, e->anchor);
        }
    for (size_t i = 0; i < s->nev; i++)
        if (s->ev[i].within >= 0 &&
            dg_doc_prop_iri(d, s->ev[i].id, DG_NS "partOf",
                            ev_iri(s, s->ev[i].within)) < 0)
            return -1;
    /* "Mr Marles was accorded a Guard of Honour": the host is the other
     * country of the main event; the honoree attends */
    for (size_t i = 0; main >= 0 && i < s->nev; i++) {
        struct ev *e = &s->ev[i];
        const struct ev *m = &s->ev[main];
        if (e->honoree < 0 || (int)i == main || e->future)
            continue;
        int c = nationality(s, e->honoree), host = -1;
        if (rel(s, e->honoree, DG_NS "attends", (int)i) < 0)
            return -1;
        if (c < 0 || m->nparties != 2)
            continue;
        if (m->parties[0] == c)
            host = m->parties[1];
        else if (m->parties[1] == c)
            host = m->parties[0];
        if (host >= 0 && d->ent[host].kind == DG_ENT_COUNTRY &&
            rel(s, host, DG_NS "hosts", (int)i) < 0)
            return -1;
    }
    /* "Lacroix's visit to Lebanon" ... "Lacroix met in Beirut with X":
     * a meeting of the visitor in the country visited is part of the
     * visit, told before or after it */
    for (size_t i = 0; i < s->nev; i++) {
        struct ev *e = &s->ev[i];
        if ((strcmp(e->kind, "meeting") && strcmp(e->kind, "ceremony") &&
             strcmp(e->kind, "signing")) ||
            e->within >= 0 || e->forum >= 0)
            continue;
        int v = visit_of(s, (int)i, main);
        if (v < 0)
            continue;
        e->within = v;
        if (e->place < 0)
            e->place = s->ev[v].place;
        if (!dg_dates_precision(&e->date))
            e->date = s->ev[v].date;
        if (dg_doc_prop_iri(d, e->id, DG_NS "partOf", ev_iri(s, v)) < 0)
            return -1;
    }
    /* "his meeting with X": both attend, their countries take part */
    for (size_t i = 0; i < s->nev; i++)
        for (int w = 0; w < 2 && !s->ev[i].future; w++) {
            int p = s->ev[i].who[w];
            if (p < 0 || d->ent[p].kind != DG_ENT_PERSON)
                continue;
            int c = nationality(s, p);
            if (rel(s, p, DG_NS "attends", (int)i) < 0 ||
                (c >= 0 && add_side(s, c, (int)i) < 0))
                return -1;
        }
    return 0;
}

/* With no dateline, the place a headline puts its news in ("... to
 * kick off in Malaysia"): the last "in PLACE" of the first headline;
 * -1 when none, -2 on error. */
static int
headline_place(struct es *s)
{
    for (size_t i = 0; i < s->d->nsent; i++) {
        if (!(s->sports[i] & 2))
            continue;
        int pl = -1;
        size_t first = s->d->sent[i].tok_first, end = s->d->sent[i].tok_end;
        for (size_t k = first; k + 1 < end; k++)
            if (is_w(s, k, "in")) {
                int p = place_at(s, k + 1, end);
                if (p == -2)
                    return -2;
                if (p >= 0)
                    pl = p;
            }
        return pl;
    }
    return -1;
}

/* The place of the dateline ("KUALA LUMPUR, Oct 27 (Bernama) --"): the
 * city of cities.tsv it names, in its country, else a country it names;
 * -1 when none, -2 on error.  Computed once. */
static int
dateline_place(struct es *s)
{
    struct dg_doc *d = s->d;
    const struct dg_lex_table *tab = dg_lexicon_table(d->lex, "cities.tsv");
    int row;
    if (s->dl_place != -3)
        return s->dl_place;
    s->dl_place = -1;
    if (d->dl_end <= d->dl_first)
        return s->dl_place = headline_place(s);
    for (size_t k = d->dl_first; tab && k < d->dl_end; k++) {
        size_t n = dg_trie_match(dg_lex_table_trie(tab), d->tok, k, d->dl_end,
                                 DG_MATCH_ANYCASE, &row);
        if (!n)
            continue;
        const char *names = dg_lex_table_field(tab, (size_t)row, 0);
        const char *bar = strchr(names, '|');
        const char *name =
            bar ? dg_doc_strndup(d, names, (size_t)(bar - names)) : names;
        const char *iso = dg_lex_table_field(tab, (size_t)row, 1);
        const char *iri = iso ? dg_doc_iri(d, "country/", iso) : NULL;
        if (!name)
            return s->dl_place = -2;
        /* a city that is also a country ("Singapore") is the country */
        int c = iri ? dg_doc_entity_find(d, iri) : -1;
        if (c >= 0 && !strcmp(d->ent[c].name, name))
            return s->dl_place = c;
        return s->dl_place = place_entity(d, name, c);
    }
    for (size_t i = 0; i < d->nmen; i++)
        if (d->men[i].sent < 0 && d->men[i].kind == DG_ENT_COUNTRY &&
            !(d->men[i].flags & DG_MEN_ADJ))
            return s->dl_place = d->men[i].entity;
    return -1;
}

static int
finish_event(struct es *s, int i, int main)
{
    struct dg_doc *d = s->d;
    struct ev *e = &s->ev[i];
    char buf[32];

    /* "Minister Giang valued Minister Kishi's decision to choose Vietnam
     * for his first overseas visit": one of the country visited receives
     * the visit, he does not attend it */
    if (!strcmp(e->kind, "visit") && e->place >= 0) {
        int pc = place_country(s, e->place);
        for (size_t x = 0; pc >= 0 && x < d->nent; x++)
            if (d->ent[x].kind == DG_ENT_PERSON && nationality(s, (int)x) == pc)
                dg_doc_prop_del(d, (int)x, DG_NS "attends", d->ent[e->id].iri);
    }
    /* a chair or a host does not also attend (rel() keeps that for what
     * is said after the role; this, for what was said before it) */
    for (size_t x = 0; x < d->nent; x++)
        if (d->ent[x].kind == DG_ENT_PERSON &&
            leads(d, (int)x, d->ent[e->id].iri))
            dg_doc_prop_del(d, (int)x, DG_NS "attends", d->ent[e->id].iri);
    /* the countries of the officials at a multilateral event take part */
    size_t sides = 0;
    for (size_t k = 0; k < e->nparties; k++)
        sides += d->ent[e->parties[k]].kind == DG_ENT_COUNTRY;
    if (e->forum >= 0 || sides >= 3)
        for (size_t k = 0; k < e->nparties; k++)
            if (e->implied[k] &&
                rel(s, e->parties[k], DG_NS "participatesIn", i) < 0)
                return -1;
    /* "The meeting was held in the presence of A, UAE Minister of State
     * for Defence Affairs, B, Bahrain's Minister ...": at a sitting of a
     * forum, the country of each official who attends takes part (one
     * that hosts or chairs is taken out at the end) */
    if ((e->forum >= 0 || e->named_forum >= 0 || sides >= 3) && !e->future &&
        !e->spokes) {
        const char *iri = d->ent[e->id].iri;
        for (size_t x = 0; x < d->nent; x++) {
            int c;
            if (d->ent[x].kind != DG_ENT_PERSON ||
                !dg_doc_prop_has(d, (int)x, DG_NS "attends", iri) ||
                (c = nationality(s, (int)x)) < 0)
                continue;
            if (rel(s, c, DG_NS "participatesIn", i) < 0)
                return -1;
        }
    }

    if (dg_doc_prop_lit(d, e->id, DG_NS "eventKind", e->kind, NULL) < 0)
        return -1;
    struct dg_date dt = e->date;
    /* the main event with no date of its own, told beside a dated one
     * ("A and B signed X yesterday. A, B, C and D met in Buenos Aires to
     * sign several agreements"): the same occasion */
    for (size_t x = 0; !dg_dates_precision(&dt) && i == main && !e->future &&
                       !e->name_year && x < s->nev;
         x++)
        if ((int)x != i && !s->ev[x].future &&
            dg_dates_precision(&s->ev[x].date) >= 4 &&
            s->ev[x].first_sent + 1 >= e->first_sent &&
            s->ev[x].first_sent <= e->first_sent + 1 &&
            /* of these days, not an earlier occasion recalled */
            s->ev[x].date.y == s->dctx.ay && s->ev[x].date.m == s->dctx.am &&
            s->dctx.ad - s->ev[x].date.d >= 0 &&
            s->dctx.ad - s->ev[x].date.d <= 7) {
            dt = s->ev[x].date;
            dt.inferred = 1;
        }
    if (!dg_dates_precision(&dt) && main >= 0 && (int)i != main && !e->future &&
        !e->ahead && !e->name_year &&
        dg_dates_precision(&s->ev[main].date) >= 3 &&
        e->first_sent >= s->ev[main].first_sent) {
        /* told after the main event with no date of its own: during it */
        dt = s->ev[main].date;
        dt.inferred = 1;
    }
    if (!dg_dates_precision(&dt) && !e->future && !e->ahead && s->dctx.ay &&
        !e->name_year) {
        /* "X met Y" in the news, and the article's main event told with no
         * date: the day of the article, marked inferred */
        dt.y = s->dctx.ay;
        dt.m = s->dctx.am;
        dt.d = s->dctx.ad;
        dt.inferred = 1;
    }
    if (!dg_dates_precision(&dt) && e->name_year) {
        /* "exercise Balikatan 2023": the year of its name */
        dt.y = e->name_year;
        dt.inferred = 1;
    }
    if (!dg_dates_precision(&dt) && i == main && s->dctx.certain) {
        dt.y = s->dctx.certain;
        dt.inferred = 1;
    }
    const char *type = dg_dates_format(&dt, buf, sizeof buf);
    if (type &&
        dg_doc_prop_lit(d, e->id, DG_NS_SCHEMA "startDate", buf, type) < 0)
        return -1;
    if (type && dt.inferred &&
        dg_doc_prop_lit(d, e->id, DG_NS "dateInferred", "true",
                        DG_NS_XSD "boolean") < 0)
        return -1;
    /* no venue of its own: told after the main event, at its venue; the
     * article's dateline for what it reports */
    if (e->place < 0 && !e->future && !e->online && main >= 0 &&
        (int)i != main && s->ev[main].place >= 0 &&
        e->first_sent >= s->ev[main].first_sent &&
        (!strcmp(e->kind, "meeting") || !strcmp(e->kind, "ceremony") ||
         !strcmp(e->kind, "other")))
        e->place = s->ev[main].place;
    if (e->place < 0 && !e->future && !e->online &&
        (e->verb || (int)i == main)) {
        int dl = dateline_place(s);
        if (dl == -2)
            return -1;
        if (dl >= 0 && !(!strcmp(e->kind, "visit") && !e->verb))
            e->place = dl;
    }
    if (e->place >= 0 && dg_doc_prop_iri(d, e->id, DG_NS_SCHEMA "location",
                                         d->ent[e->place].iri) < 0)
        return -1;
    /* "the 12th ADMM-Plus in Kuala Lumpur": a sitting of a forum is
     * hosted by the country it meets in, unless the text names a host */
    if (e->forum >= 0 && e->place >= 0 && !e->online) {
        int c = place_country(s, e->place);
        int hosted = 0;
        for (size_t x = 0; x < d->nent && !hosted; x++)
            hosted =
                dg_doc_prop_has(d, (int)x, DG_NS "hosts", d->ent[e->id].iri);
        if (c >= 0 && !hosted && rel(s, c, DG_NS "hosts", i) < 0)
            return -1;
    }
    /* a meeting of officials of two countries, one side each: the two
     * countries cooperate (talks, calls and courtesy calls are the
     * working of their relations) */
    if (!strcmp(e->kind, "meeting") && e->forum < 0) {
        static const char *const roles[] = {DG_NS "attends", DG_NS "chairs",
                                            DG_NS "coChairs", DG_NS "hosts"};
        int two[2] = {-1, -1}, more = 0;
        for (size_t x = 0; x < d->nent && !more; x++) {
            if (d->ent[x].kind != DG_ENT_PERSON)
                continue;
            int c = nationality(s, (int)x), in = 0;
            for (size_t r = 0; r < 4 && !in; r++)
                in = dg_doc_prop_has(d, (int)x, roles[r], d->ent[e->id].iri);
            if (!in || c < 0 || c == two[0] || c == two[1])
                continue;
            if (two[0] < 0)
                two[0] = c;
            else if (two[1] < 0)
                two[1] = c;
            else
                more = 1;
        }
        if (!more && two[1] >= 0 &&
            dg_relations_cooperate(d, two[0], two[1]) < 0)
            return -1;
    }
    if (e->online &&
        dg_doc_prop_iri(d, e->id, DG_NS_SCHEMA "eventAttendanceMode",
                        DG_NS_SCHEMA "OnlineEventAttendanceMode") < 0)
        return -1;
    if (e->bare && e->nparties == 2) {
        const char *name =
            dg_doc_printf(d, "%s-%s %s", short_name(s, e->parties[0]),
                          short_name(s, e->parties[1]), d->ent[e->id].name);
        if (!name || dg_doc_entity_rename(d, e->id, name) < 0)
            return -1;
    }
    /* the country that hosts or chairs (known only now, from the venue)
     * does not also take part */
    for (size_t x = 0; x < d->nent; x++)
        if (d->ent[x].kind == DG_ENT_COUNTRY &&
            leads(d, (int)x, d->ent[e->id].iri))
            dg_doc_prop_del(d, (int)x, DG_NS "participatesIn",
                            d->ent[e->id].iri);
    return 0;
}

static int
sports_sentence(const struct es *s, size_t i)
{
    const struct dg_sentence *se = &s->d->sent[i];
    size_t len;
    for (size_t k = se->tok_first; k < se->tok_end; k++)
        if (cue_at(s, k, se->tok_end, &len) == Q_SPORTS)
            return 1;
    return 0;
}

/* Marks the sentences about sports; returns 1 when two or more are. */
static int
sports_page(struct es *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->d->nsent; i++) {
        s->sports[i] = (unsigned char)sports_sentence(s, i);
        n += s->sports[i];
    }
    return n >= 2;
}

/* 1 when sentence i ends with a sentence mark ('.', '!', '?', a closing
 * quote or bracket after one). */
static int
ends_sentence(const struct es *s, size_t i)
{
    const struct dg_sentence *se = &s->d->sent[i];
    for (size_t k = se->tok_end; k > se->tok_first; k--) {
        const char *w = tk(s, k - 1)->lower;
        if (!strcmp(w, ".") || !strcmp(w, "!") || !strcmp(w, "?"))
            return !(!strcmp(w, ".") && k - 1 > se->tok_first &&
                     dg_sentence_is_abbrev(tk(s, k - 2)->lower));
        if (strcmp(w, "\"") && strcmp(w, ")") && strcmp(w, "\xe2\x80\x9d") &&
            strcmp(w, "'"))
            return 0;
    }
    return 0;
}

/* Marks the headlines: lines before the first sentence that ends with a
 * full stop, ending with a word ("Readout of X's Meeting With Y", "X
 * holds talks with Y in Z").  Their events are told again in the body,
 * with the details: they give none of their own. */
static void
mark_headlines(struct es *s)
{
    size_t p = 0;
    while (p < s->d->nsent &&
           ((s->d->sent[p].flags & DG_SENT_NOMINE) || !ends_sentence(s, p)))
        p++;
    if (p == s->d->nsent)
        return;
    for (size_t i = 0; i < p; i++) {
        const struct dg_sentence *se = &s->d->sent[i];
        size_t e = se->tok_end;
        if (e > se->tok_first + 1 && is_w(s, e - 1, ".") &&
            dg_sentence_is_abbrev(tk(s, e - 2)->lower))
            e--; /* "... Gilberto Teodoro Jr." */
        if (e > se->tok_first && is_word(s, e - 1))
            s->sports[i] |= 2;
    }
}

static int
minable(const struct es *s, size_t i)
{
    unsigned f = s->d->sent[i].flags;
    return !(f & (DG_SENT_NOMINE | DG_SENT_FRAGMENT)) && !s->sports[i];
}

int
dg_events_scan(struct dg_doc *d, struct dg_error *err)
{
    struct es s;
    int rc = -1;

    memset(&s, 0, sizeof s);
    s.d = d;
    s.main_ev = -1;
    s.verb_subj = -1;
    s.verb_subj_sent = -1;
    s.last_main_sent = -2;
    s.nouns = dg_lexicon_table(d->lex, NOUNS);
    s.cues = dg_lexicon_table(d->lex, CUES);
    if (!s.nouns || !s.cues || !dg_lex_table_rows(s.nouns))
        return 0; /* no word lists: no events */
    s.row_cue = calloc(dg_lex_table_rows(s.cues) + 1, 1);
    s.sent_mr = calloc(d->nsent + 1, sizeof *s.sent_mr);
    s.sports = calloc(d->nsent + 1, 1);
    s.topics = dg_topics_new(d);
    if (!s.row_cue || !s.sent_mr || !s.sports || !s.topics ||
        build_cover(&s) < 0)
        goto nomem;
    s.host_meet_row = -1;
    for (size_t r = 0; r < dg_lex_table_rows(s.cues); r++) {
        const char *c = dg_lex_table_field(s.cues, r, 1);
        for (int q = 1; q < Q_COUNT; q++)
            if (!strcmp(c, cue_names[q]))
                s.row_cue[r] = (unsigned char)q;
        /* the meeting verbs whose subject hosts ("received", "hosted") */
        if (s.row_cue[r] == Q_MEET_VERB && s.host_meet_row < 0 &&
            !strcmp(dg_lex_table_field(s.cues, r, 5), "subject"))
            s.host_meet_row = (int)r;
    }
    dg_dates_context(d, &s.dctx);
    s.dl_place = -3;
    if (sports_page(&s)) {
        rc = 0;
        goto out;
    }
    mark_headlines(&s);
    for (size_t i = 0; i < d->nsent; i++) {
        s.sent_mr[i] = s.nmr;
        if (minable(&s, i) && scan_sentence(&s, i) < 0)
            goto nomem;
    }
    s.sent_mr[d->nsent] = s.nmr;
    int main = main_event(&s);
    for (size_t i = 0; i < d->nsent; i++)
        if (minable(&s, i) && relate_sentence(&s, i, main) < 0)
            goto nomem;
    if (tie_events(&s, main) < 0)
        goto nomem;
    for (size_t i = 0; i < s.nev; i++)
        if (finish_event(&s, (int)i, main) < 0)
            goto nomem;
    if (dg_topics_emit(s.topics, MAX_TOPICS) < 0 || dg_doc_sort_mentions(d) < 0)
        goto nomem;
    rc = 0;
    goto out;
nomem:
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
out:
    dg_topics_free(s.topics);
    free(s.row_cue);
    free(s.sent_mr);
    free(s.sports);
    free(s.cov);
    free(s.mr);
    return rc;
}
