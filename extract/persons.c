/* persons.c: see persons.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/ns.h"
#include "extract/entities.h"
#include "extract/persons.h"

#define MAX_NAME_TOK 6
#define MAX_TITLES 8
#define MAX_WORKS 8
#define MAX_EVID 32
#define MAX_SPANS 64

struct span {
    size_t a, b;
    unsigned flags;
};

struct person {
    const char *name;               /* as written (doc arena) */
    const char *toks[MAX_NAME_TOK]; /* folded lowercase name tokens */
    size_t ntok;
    int full;   /* 1: full name; 0: only a short form */
    int merged; /* merged into another person */
    int rank;   /* rank index or -1 */
    const char *titles[MAX_TITLES];
    size_t ntitles;
    int nat;       /* country entity id or -1 */
    long tcountry; /* lexicon country of a title-countries.tsv phrase, -1 */
    int orgpre;    /* an org named just before the title ("NATO Secretary
                      General"): serves it, not the article's country */
    size_t cpart;  /* "his Indian counterpart(,) A": 1 + the token of
                      "counterpart", 0 otherwise */
    long cpart_sent;
    int works[MAX_WORKS];
    size_t nworks;
    long evid[MAX_EVID];
    size_t nevid;
    struct span spans[MAX_SPANS];
    size_t nspans;
};

struct ps {
    struct dg_doc *d;
    struct person *p;
    size_t n, cap;
    int *cov;            /* per token: country/org mention index + 1, 0 none */
    unsigned char *used; /* per token: part of a person pattern */
    size_t carry_at;     /* "Thai Foreign Minister A and Defence Minister B": */
    int carry_nat;       /* B, at token carry_at, gets A's nationality */
    size_t cpart_name;   /* the name after "counterpart" starts here ... */
    size_t cpart_tok;    /* ... 1 + the token of "counterpart" */
    long cpart_sent;
};

/* Capitalised function words: they start no name of their own, but may
 * be part of one ("Le Van An") or follow a rank ("General An"). */
static const char *const function_words[] = {
    "The",       "A",         "An",           "At",
    "In",        "On",        "For",          "Of",
    "And",       "By",        "With",         "From",
    "To",        "As",        "Its",          "His",
    "Her",       "Their",     "Our",          "This",
    "That",      "These",     "Those",        "During",
    "After",     "Before",    "Under",        "According",
    "Both",      "Meanwhile", "However",      "Also",
    "But",       "While",     "When",         "He",
    "She",       "It",        "They",         "We",
    "I",         "You",       "Speaking",     "Regarding",
    "Apart",     "Besides",   "Additionally", "Moreover",
    "Other",     "Later",     "Earlier",      "Today",
    "Yesterday", "Then",      "Thus",         "Still",
    NULL};

/* Capitalised words that are never part of a name. */
static const char *const not_names[] = {
    "Organizers", "Organisers", "Participants", "Delegates",   "Officials",
    "Minister",   "January",    "February",     "March",       "April",
    "May",        "June",       "July",         "August",      "September",
    "October",    "November",   "December",     "Monday",      "Tuesday",
    "Wednesday",  "Thursday",   "Friday",       "Saturday",    "Sunday",
    "Government", "State",      "Party",        "Army",        "Navy",
    "Ministry",   "Department", "Committee",    "Council",     "Office",
    "Embassy",    "Mission",    "Conference",   "Meeting",     "Summit",
    "Forum",      "Dialogue",   "Seminar",      "Declaration", "Statement",
    "Agreement",  "Plan",       "Program",      "Programme",   "Group",
    "Working",    "COVID",      "Covid",        "Photo",       "Source",
    "News",       "Staff",      "Assembly",     "Command",     "Headquarters",
    "Forces",     "Corps",      "Area",         "Region",      "Naval",
    "Fleet",      "Zone",       "District",     "Province",    "Division",
    "Brigade",    "Battalion",  "Regiment",     "Squadron",    "Western",
    "Eastern",    "Northern",   "Southern",     NULL};

/* Words that open a clause put before the subject ("While holding talks
 * with X, A B said"). */
static const char *const clause_openers[] = {
    "While", "After", "Before", "During", "When",     "Following", "Upon",
    "On",    "In",    "As",     "At",     "Speaking", NULL};

static const char *const particles[] = {
    "bin", "binti", "bte", "van", "von", "de",  "da",  "der", "den", "al",
    "el",  "la",    "le",  "di",  "du",  "dos", "das", "del", "ibn", NULL};

/* Generational suffixes, as written (case matters: "II", not "ii"). */
static const char *const name_suffixes[] = {"Jr",  "Sr", "II",
                                            "III", "IV", NULL};

static int
tok_eq(const struct dg_token *t, const char *s)
{
    return t->fold[0] == s[0] && strcmp(t->fold, s) == 0;
}

static size_t
rank_at(const struct ps *s, size_t k, size_t end, int *ri)
{
    return dg_trie_match(dg_lexicon_ranks(s->d->lex), s->d->tok, k, end, 0, ri);
}

static size_t
rank_at_ci(const struct ps *s, size_t k, size_t end, int *ri)
{
    return dg_trie_match(dg_lexicon_ranks(s->d->lex), s->d->tok, k, end,
                         DG_MATCH_ANYCASE, ri);
}

/* Words that make a title a lower or an acting one ("deputy defence
 * minister", "First Vice Minister", "acting foreign minister"): part of
 * the title, whatever the lexicon lists. */
static const char *const title_prefixes[] = {
    "deputy", "vice", "acting", "assistant", "senior", "first", NULL};

static size_t
title_at(const struct ps *s, size_t k, size_t end)
{
    int v;
    if (k >= end || !(s->d->tok[k].flags & DG_TOK_WORD))
        return 0;
    size_t n = dg_trie_match(dg_lexicon_titles(s->d->lex), s->d->tok, k, end,
                             DG_MATCH_ANYCASE, &v);
    if (n)
        return n;
    size_t p = k;
    while (p < end && p < k + 2 &&
           dg_word_in(title_prefixes, s->d->tok[p].lower))
        p++;
    if (p == k || p >= end)
        return 0;
    n = dg_trie_match(dg_lexicon_titles(s->d->lex), s->d->tok, p, end,
                      DG_MATCH_ANYCASE, &v);
    return n ? p - k + n : 0;
}

/* The length of "(R)", "(Retd)", "(Ret.)", "(retired)" at k, or 0. */
static size_t
retired_at(const struct ps *s, size_t k, size_t end)
{
    const struct dg_token *t = s->d->tok;
    if (k + 2 >= end || !tok_eq(&t[k], "("))
        return 0;
    const char *w = t[k + 1].lower;
    if (strcmp(w, "r") && strcmp(w, "ret") && strcmp(w, "retd") &&
        strcmp(w, "retired"))
        return 0;
    size_t n = 2;
    if (tok_eq(&t[k + n], "."))
        n++;
    return k + n < end && tok_eq(&t[k + n], ")") ? n + 1 : 0;
}

static size_t
hon_at(const struct ps *s, size_t k, size_t end)
{
    int v;
    return dg_trie_match(dg_lexicon_honorifics(s->d->lex), s->d->tok, k, end, 0,
                         &v);
}

static int
country_cov(const struct ps *s, size_t k)
{
    int m = s->cov[k] - 1;
    return m >= 0 && s->d->men[m].kind == DG_ENT_COUNTRY ? m : -1;
}

static int name_tok_x(const struct ps *s, size_t k, size_t end, int inside);

/* A token that may start a name on its own (no rank or honorific before
 * it) or continue one. */
static int
name_tok(const struct ps *s, size_t k, size_t end)
{
    return name_tok_x(s, k, end, 0);
}

static int
name_tok_x(const struct ps *s, size_t k, size_t end, int inside)
{
    const struct dg_token *t = &s->d->tok[k];
    int ri;
    if (!(t->flags & DG_TOK_WORD) || !(t->flags & DG_TOK_CAP) || s->cov[k] ||
        s->used[k])
        return 0;
    /* capitals are an acronym, but "RAdm WDEM Sudarshana": initials
     * after a rank, before a name word */
    if ((t->flags & DG_TOK_ALLCAPS) &&
        !(inside && t->end - t->start <= 5 && k + 1 < end &&
          (t[1].flags & DG_TOK_WORD) && (t[1].flags & DG_TOK_CAP) &&
          !(t[1].flags & DG_TOK_ALLCAPS) && !s->cov[k + 1]))
        return 0;
    if (dg_word_in(not_names, t->fold) ||
        (!inside && dg_word_in(function_words, t->fold)))
        return 0;
    if (rank_at(s, k, end, &ri) || hon_at(s, k, end))
        return 0;
    if (title_at(s, k, end))
        return 0;
    return 1;
}

/* End of the name starting at k (k itself when there is none). */
static size_t
name_end_x(const struct ps *s, size_t k, size_t end, size_t *ntok,
           int triggered)
{
    size_t j = k, n = 0;
    const struct dg_token *t = s->d->tok;
    while (j < end && n < MAX_NAME_TOK - 1) {
        if (name_tok_x(s, j, end, n > 0 || triggered)) {
            j++;
            n++;
            continue;
        }
        /* "Jean-Yves", "O'Brien": glued '-' or '\'' between name words */
        if (n > 0 && j + 1 < end && !(t[j].flags & DG_TOK_SPACE) &&
            !(t[j + 1].flags & DG_TOK_SPACE) &&
            (tok_eq(&t[j], "-") || tok_eq(&t[j], "'")) &&
            name_tok_x(s, j + 1, end, 1)) {
            j++;
            continue;
        }
        /* "Song Young-moo", "Moon Jae-in": a lowercase syllable glued by
         * a hyphen to a name word is part of it */
        if (n > 0 && j + 1 < end && tok_eq(&t[j], "-") &&
            !(t[j].flags & DG_TOK_SPACE) && !(t[j + 1].flags & DG_TOK_SPACE) &&
            (t[j + 1].flags & DG_TOK_WORD) && (t[j + 1].flags & DG_TOK_LOWER) &&
            t[j + 1].end - t[j + 1].start <= 5 && !s->cov[j + 1] &&
            (j + 2 >= end || !(t[j + 2].flags & DG_TOK_WORD) ||
             (t[j + 2].flags & DG_TOK_SPACE))) {
            j += 2;
            continue;
        }
        /* "Awang Halbi Haji Md Yussof": inside a Malay name, "Haji" is
         * the father's title, part of the name like "bin" */
        if (n > 0 && j + 1 < end &&
            (dg_word_in(particles, t[j].fold) || tok_eq(&t[j], "Haji") ||
             tok_eq(&t[j], "Hajah")) &&
            name_tok_x(s, j + 1, end, 1)) {
            j++;
            continue;
        }
        /* "Lloyd J. Austin": a middle initial and its glued full stop */
        if (n > 1 && j + 1 < end && tok_eq(&t[j], ".") &&
            !(t[j].flags & DG_TOK_SPACE) &&
            t[j - 1].end - t[j - 1].start == 1 &&
            name_tok_x(s, j + 1, end, 1)) {
            j++;
            continue;
        }
        break;
    }
    /* "Austin III", "Teodoro Jr.": a generational suffix ends the name */
    if (n >= 2 && j < end && !s->cov[j] && dg_word_in(name_suffixes, t[j].fold))
        j++;
    *ntok = n;
    return j;
}

static size_t
name_end(const struct ps *s, size_t k, size_t end, size_t *ntok)
{
    return name_end_x(s, k, end, ntok, 0);
}

/* Tokens that continue a title before a name. */
static int
office_tok(const struct ps *s, size_t k, size_t end)
{
    const struct dg_token *t = &s->d->tok[k];
    int v;
    if (s->cov[k] || (t->flags & (DG_TOK_ALLCAPS | DG_TOK_DIGIT)))
        return 1;
    if (dg_trie_match(dg_lexicon_office_words(s->d->lex), s->d->tok, k, end,
                      DG_MATCH_ANYCASE, &v))
        return 1;
    if (dg_trie_match(dg_lexicon_org_heads(s->d->lex), s->d->tok, k, end,
                      DG_MATCH_ANYCASE, &v))
        return 1;
    if (!(t->flags & DG_TOK_WORD) && !(t->flags & DG_TOK_SPACE) &&
        (tok_eq(t, "-") || tok_eq(t, "+") || tok_eq(t, "'")))
        return 1;
    /* "U.N.": a full stop glued to a word on both sides */
    if (tok_eq(t, ".") && !(t->flags & DG_TOK_SPACE) && k + 1 < end &&
        !(s->d->tok[k + 1].flags & DG_TOK_SPACE) &&
        (s->d->tok[k + 1].flags & DG_TOK_WORD))
        return 1;
    return 0;
}

/* 1 when token k is a word of office-words.txt. */
static int
office_word(const struct ps *s, size_t k, size_t end)
{
    int v;
    return dg_trie_match(dg_lexicon_office_words(s->d->lex), s->d->tok, k, end,
                         DG_MATCH_ANYCASE, &v) > 0;
}

/* 1 when token k is a full stop that ends a sentence or a clause. */
static int
final_stop(const struct ps *s, size_t k, size_t end)
{
    const struct dg_token *t = s->d->tok;
    if (!tok_eq(&t[k], ".") ||
        (k + 1 < end && !(t[k + 1].flags & DG_TOK_SPACE)))
        return 0;
    /* "the U.N. Peacekeeping Mission": an initial goes on */
    if (k > 0 && (t[k - 1].flags & DG_TOK_WORD) && k + 1 < end &&
        (t[k - 1].end - t[k - 1].start == 1 ||
         dg_sentence_is_abbrev(t[k - 1].lower)))
        return 0;
    return 1;
}

static int
is_connector(const struct dg_token *t)
{
    static const char *const conn[] = {"of",     "for",   "on",  "in",
                                       "at",     "under", "the", "to",
                                       "within", "with",  NULL};
    return dg_word_in(conn, t->fold);
}

/* Parses a title starting at k (a title head must be there).  prenominal:
 * a name follows the title, so only office words continue it.  Returns the
 * end of the title (k when there is none).  Stops before "and TITLE". */
static size_t
parse_title(const struct ps *s, size_t k, size_t end, int prenominal)
{
    const struct dg_token *t = s->d->tok;
    size_t n = title_at(s, k, end), j, last;
    int ri;

    if (!n)
        return k;
    j = last = k + n;
    while (j < end) {
        if (tok_eq(&t[j], ",") || tok_eq(&t[j], ";") || tok_eq(&t[j], "(") ||
            tok_eq(&t[j], ")"))
            break;
        /* a rank ends the title, but "the General Staff" is a body */
        if (rank_at(s, j, end, &ri) && j > k && !tok_eq(&t[j - 1], "the"))
            break;
        if (tok_eq(&t[j], "and")) {
            if (title_at(s, j + 1, end))
                break;
            if (j + 1 < end &&
                (prenominal ? office_tok(s, j + 1, end)
                            : (t[j + 1].flags & DG_TOK_CAP) != 0)) {
                j++;
                continue;
            }
            break;
        }
        if (is_connector(&t[j])) {
            j++;
            continue;
        }
        if (final_stop(s, j, end))
            break;
        /* "Head of the Vietnamese delegation": lowercase office words */
        if ((t[j].flags & DG_TOK_LOWER) && !office_tok(s, j, end))
            break;
        if (prenominal ? office_tok(s, j, end)
                       : ((t[j].flags & (DG_TOK_CAP | DG_TOK_DIGIT)) ||
                          s->cov[j] || office_tok(s, j, end))) {
            j++;
            last = j;
            continue;
        }
        break;
    }
    return last;
}

/* 1 when a title ending at j is followed by ", [form of address]
 * [rank] A B" (a full name), or, when more, by "and TITLE" that is. */
static int
apposed_name(const struct ps *s, size_t j, size_t end, int more)
{
    const struct dg_token *t = s->d->tok;
    int ri;
    /* "Head of AU Mission in Somalia (AMISOM), A B" */
    if (j + 3 < end && tok_eq(&t[j], "(") && tok_eq(&t[j + 2], ")") &&
        (t[j + 1].flags & DG_TOK_ALLCAPS))
        j += 3;
    if (more && j + 1 < end && tok_eq(&t[j], "and") && title_at(s, j + 1, end))
        return apposed_name(s, parse_title(s, j + 1, end, 0), end, 0);
    if (j + 2 >= end || !tok_eq(&t[j], ","))
        return 0;
    size_t y = j + 1, n;
    for (int i = 0; i < 3 && y < end; i++) {
        if ((n = hon_at(s, y, end)) || (n = rank_at(s, y, end, &ri)))
            y += n;
        else
            break;
    }
    size_t nt;
    return y < end && name_tok(s, y, end) && name_end(s, y, end, &nt) > y &&
           nt >= 2;
}

/* ---- person records --------------------------------------------------- */

static struct person *
new_person(struct ps *s, size_t a, size_t b, int full)
{
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 16;
        struct person *nv = realloc(s->p, ncap * sizeof *nv);
        if (!nv)
            return NULL;
        s->p = nv;
        s->cap = ncap;
    }
    struct person *p = &s->p[s->n];
    memset(p, 0, sizeof *p);
    p->name = dg_entities_name(s->d, a, b);
    if (!p->name)
        return NULL;
    for (size_t k = a; k < b && p->ntok < MAX_NAME_TOK; k++)
        if (s->d->tok[k].flags & DG_TOK_WORD &&
            !dg_word_in(particles, s->d->tok[k].fold) &&
            !dg_word_in(name_suffixes, s->d->tok[k].fold))
            p->toks[p->ntok++] = s->d->tok[k].lower;
    p->full = full;
    p->rank = -1;
    p->nat = -1;
    p->tcountry = -1;
    if (a == s->cpart_name && s->cpart_tok) {
        p->cpart = s->cpart_tok;
        p->cpart_sent = s->cpart_sent;
        s->cpart_tok = 0;
    }
    s->n++;
    return p;
}

static void
add_span(struct person *p, size_t a, size_t b, unsigned flags, long sent)
{
    if (p->nspans < MAX_SPANS) {
        p->spans[p->nspans].a = a;
        p->spans[p->nspans].b = b;
        p->spans[p->nspans].flags = flags;
        p->nspans++;
    }
    for (size_t i = 0; i < p->nevid; i++)
        if (p->evid[i] == sent)
            return;
    if (p->nevid < MAX_EVID && sent >= 0)
        p->evid[p->nevid++] = sent;
}

/* 1 when titles a and b are one title written two ways: case, and the
 * British and American spellings ("Defence Minister", "defense minister"). */
static int
same_title(const char *a, const char *b)
{
    while (*a && *b) {
        if (!strncasecmp(a, "defence", 7) && !strncasecmp(b, "defense", 7)) {
            a += 7, b += 7;
            continue;
        }
        if (!strncasecmp(a, "defense", 7) && !strncasecmp(b, "defence", 7)) {
            a += 7, b += 7;
            continue;
        }
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
        a++, b++;
    }
    return *a == *b;
}

static void
add_title(struct person *p, const char *title)
{
    for (size_t i = 0; i < p->ntitles; i++)
        if (same_title(p->titles[i], title))
            return;
    if (p->ntitles < MAX_TITLES)
        p->titles[p->ntitles++] = title;
}

static void
add_work(struct person *p, int id)
{
    for (size_t i = 0; i < p->nworks; i++)
        if (p->works[i] == id)
            return;
    if (p->nworks < MAX_WORKS)
        p->works[p->nworks++] = id;
}

/* Org kinds of a state's own bodies: an official's employer. */
static const char *const national_kinds[] = {"ministry", "department", "agency",
                                             "military", NULL};

/* Countries and orgs inside tokens [a, b): nationality (the first
 * country) and employers (ministries, departments, agencies). */
static void
chain_affiliations(struct ps *s, struct person *p, size_t a, size_t b)
{
    size_t best = (size_t)-1, n = 0;
    int nat = -1, igo = -1;
    long si = dg_doc_sentence_of(s->d, a);
    const struct dg_mention *men =
        si >= 0 ? dg_doc_mentions_in(s->d, (size_t)si, &n) : NULL;
    for (size_t i = 0; men && i < n; i++) {
        const struct dg_mention *x = &men[i];
        if (x->tok_first < a || x->tok_end > b)
            continue;
        if (x->kind == DG_ENT_COUNTRY && x->tok_first < best) {
            best = x->tok_first;
            nat = x->entity;
        }
        if (x->kind == DG_ENT_ORG && !(x->flags & DG_MEN_NESTED)) {
            const char *kind =
                dg_doc_prop_get(s->d, x->entity, DG_NS "orgKind");
            if (kind && (dg_word_in(national_kinds, kind) ||
                         strcmp(kind, "UN body") == 0))
                add_work(p, x->entity);
            else if (kind && igo == -1 &&
                     strcmp(kind, "intergovernmental organization") == 0)
                igo = x->entity;
        }
    }
    if (p->nat < 0 && nat >= 0)
        p->nat = nat;
    /* "Deputy Secretary General of the CSTO": an official of the
     * organisation, when no country is named in the chain */
    if (igo >= 0 && nat < 0 && p->nat < 0)
        add_work(p, igo);
}

/* A phrase of title-countries.tsv in the title [a, b) or in the
 * capitalised words just before it ("Pentagon Press Secretary"). */
static void
title_country(struct ps *s, struct person *p, size_t a, size_t b)
{
    const struct dg_doc *d = s->d;
    const struct dg_lex_table *tab =
        dg_lexicon_table(d->lex, "title-countries.tsv");
    const struct dg_trie *tr = dg_lex_table_trie(tab);
    long si = dg_doc_sentence_of(d, a);
    size_t a0 = si >= 0 ? d->sent[si].tok_first : a;
    int row;

    if (p->tcountry >= 0 || !tr)
        return;
    for (size_t i = 0; i < 3 && a > a0 && (d->tok[a - 1].flags & DG_TOK_CAP) &&
                       (d->tok[a - 1].flags & DG_TOK_WORD);
         i++)
        a--;
    for (size_t k = a; k < b; k++)
        if (dg_trie_match(tr, d->tok, k, b, DG_MATCH_ANYCASE, &row)) {
            p->tcountry = dg_lexicon_country_by_iso3(
                d->lex, dg_lex_table_field(tab, (size_t)row, 1));
            return;
        }
}

static int
add_title_span(struct ps *s, struct person *p, size_t a, size_t b)
{
    /* "Deputy Prime Minister and Minister of ..." is cut before "and" by
     * parse_title, so one span is one office */
    while (b > a && (is_connector(&s->d->tok[b - 1]) ||
                     tok_eq(&s->d->tok[b - 1], "and")))
        b--;
    if (b <= a)
        return 0;
    const char *t = dg_entities_name(s->d, a, b);
    if (!t)
        return -1;
    add_title(p, t);
    chain_affiliations(s, p, a, b);
    title_country(s, p, a, b);
    return 0;
}

/* After a name ending at k: ", [the] [Adj] TITLE[, TITLE]..." or ", who
 * is/was [also] ...".  Returns the end of what it consumed. */
static size_t
appositive(struct ps *s, struct person *p, size_t k, size_t end, int *err)
{
    const struct dg_token *t = s->d->tok;
    size_t j = k;
    int first = 1;

    while (j < end) {
        size_t x = j;
        if (tok_eq(&t[x], ","))
            x++;
        else if (!(first == 0 && tok_eq(&t[x], "and")))
            break;
        if (x < end && tok_eq(&t[x], "and") && !first)
            x++;
        /* who is / who was (also) */
        if (x + 1 < end && tok_eq(&t[x], "who") &&
            (tok_eq(&t[x + 1], "is") || tok_eq(&t[x + 1], "was"))) {
            size_t y = x + 2, ye;
            if (y < end && tok_eq(&t[y], "also"))
                y++;
            while (y < end && (tok_eq(&t[y], "the") || tok_eq(&t[y], "a") ||
                               tok_eq(&t[y], "an")))
                y++;
            ye = y;
            int has_head = 0;
            while (ye < end && !tok_eq(&t[ye], ",") &&
                   !final_stop(s, ye, end) && !tok_eq(&t[ye], ";")) {
                if (title_at(s, ye, end))
                    has_head = 1;
                ye++;
            }
            if (!has_head || ye == y)
                break;
            if (add_title_span(s, p, y, ye) < 0)
                *err = 1;
            j = ye;
            first = 0;
            continue;
        }
        while (x < end && (tok_eq(&t[x], "the") || tok_eq(&t[x], "a") ||
                           tok_eq(&t[x], "an")))
            x++;
        size_t tstart = x;
        /* "the Vietnamese Deputy Minister": the adjective is nationality */
        int cm, nat = -1;
        while (x < end && (cm = country_cov(s, x)) >= 0) {
            if (nat < 0)
                nat = s->d->men[cm].entity;
            x = s->d->men[cm].tok_end;
            /* "A, Bahrain's Minister of Defence Affairs" */
            if (x + 1 < end && tok_eq(&t[x], "'") && tok_eq(&t[x + 1], "s"))
                x += 2;
            else if (x < end && tok_eq(&t[x], "'") && x + 1 < end &&
                     title_at(s, x + 1, end))
                x += 1;
        }
        if (!title_at(s, x, end) ||
            (!first && !(t[x].flags & DG_TOK_CAP) && x == tstart))
            break;
        size_t te = parse_title(s, x, end, 0);
        if (te == x)
            break;
        /* "A, Danish Defence Minister B": the title is B's, not A's */
        size_t rn0, nt0;
        int ri0;
        size_t tp = parse_title(s, x, end, 1);
        /* "deputy prime minister and defence minister B" */
        while (tp + 1 < end && tok_eq(&t[tp], "and") &&
               title_at(s, tp + 1, end)) {
            size_t t2 = parse_title(s, tp + 1, end, 1);
            if (t2 == tp + 1)
                break;
            tp = t2;
        }
        size_t y = tp + ((rn0 = rank_at(s, tp, end, &ri0)) ? rn0 : 0);
        y += hon_at(s, y, end);
        if (tp > x && y < end && name_tok(s, y, end) &&
            name_end(s, y, end, &nt0) > y && nt0 >= 2)
            break;
        if (p->nat < 0)
            p->nat = nat;
        if (add_title_span(s, p, x, te) < 0)
            *err = 1;
        j = te;
        first = 0;
        /* "Deputy Prime Minister and Minister of ..." */
        while (j + 1 < end && tok_eq(&t[j], "and") && title_at(s, j + 1, end)) {
            size_t te2 = parse_title(s, j + 1, end, 0);
            if (add_title_span(s, p, j + 1, te2) < 0)
                *err = 1;
            j = te2;
        }
    }
    return j;
}

static void
mark_used(struct ps *s, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        s->used[k] = 1;
}

/* 1 when a title starting at token k goes on a coordination whose first
 * person had a nationality: k is carry_at, or a few capitalised words
 * ("Army Commander General B") follow it. */
static int
carried(const struct ps *s, size_t k)
{
    if (s->carry_nat < 0 || k < s->carry_at || k > s->carry_at + 3)
        return 0;
    for (size_t j = s->carry_at; j < k; j++)
        if (!(s->d->tok[j].flags & DG_TOK_CAP) || s->cov[j])
            return 0;
    return 1;
}

/* Tries every pattern at token k of sentence si.  Returns the token to go
 * on from (k + 1 when nothing matched), or 0 on error. */
/* "Malaysia's A B, Brunei's C D and ...": a full name of two to four
 * name words right after a country's possessive, followed by a list
 * separator or the end of the clause, in a list of such names (another
 * "'s" follows within a few words). */
static int
possessed_name(const struct ps *s, size_t k, size_t end)
{
    const struct dg_token *t = s->d->tok;
    size_t nt;
    if (k >= end || !name_tok(s, k, end) || s->cov[k])
        return 0;
    size_t ne = name_end(s, k, end, &nt);
    if (nt < 2 || nt > 4)
        return 0;
    if (ne < end && !tok_eq(&t[ne], ",") && !tok_eq(&t[ne], "and") &&
        !tok_eq(&t[ne], ";") && !tok_eq(&t[ne], "."))
        return 0;
    for (size_t j = ne; j < end && j < ne + 6; j++)
        if (country_cov(s, j) >= 0) {
            size_t q = s->d->men[country_cov(s, j)].tok_end;
            return q < end && tok_eq(&t[q], "'");
        }
    /* the last of the list: a possessive name before it */
    for (size_t j = k; j-- > 0 && k - j < 12;)
        if (tok_eq(&t[j], "'") && j > 0 && country_cov(s, j - 1) >= 0 &&
            j + 2 < k)
            return 1;
    return 0;
}

static size_t
try_at(struct ps *s, size_t si, size_t k, size_t end, int *err)
{
    const struct dg_token *t = s->d->tok;
    size_t start = k, x = k, nt;
    int nat = -1, ri = -1, cm;
    size_t titles_a[MAX_TITLES], titles_b[MAX_TITLES], ntitles = 0;
    size_t org_b = k;

    /* "NATO Secretary General A": the org is his employer */
    if (s->cov[x] && s->d->men[s->cov[x] - 1].kind == DG_ENT_ORG &&
        s->d->men[s->cov[x] - 1].tok_first == x) {
        size_t oe = s->d->men[s->cov[x] - 1].tok_end;
        if (oe < end && (t[oe].flags & DG_TOK_CAP) && title_at(s, oe, end))
            x = org_b = oe;
    }
    /* [Adj] TITLE [and TITLE]...; "Sweden's Minister for Defence" */
    while (x < end && (cm = country_cov(s, x)) >= 0) {
        nat = s->d->men[cm].entity;
        x = s->d->men[cm].tok_end;
        if (x + 1 < end && tok_eq(&t[x], "'") && tok_eq(&t[x + 1], "s") &&
            (title_at(s, x + 2, end) || rank_at(s, x + 2, end, &ri) ||
             hon_at(s, x + 2, end) || possessed_name(s, x + 2, end)))
            x += 2;
        else if (x < end && tok_eq(&t[x], "'") && x + 1 < end &&
                 (rank_at(s, x + 1, end, &ri) || hon_at(s, x + 1, end) ||
                  possessed_name(s, x + 1, end)))
            x += 1; /* "Laos' Lieutenant General A" */
    }
    ri = -1;
    /* "National Security Advisor", "Senior Defence Minister": capitalised
     * office words before a title's head belong to it */
    size_t lead = x;
    /* ... lowercase after a country's adjective ("Egyptian army
     * spokesman A") */
    while (lead < end && lead - x < 3 &&
           ((t[lead].flags & DG_TOK_CAP) || nat >= 0) && !s->cov[lead] &&
           !title_at(s, lead, end) && office_word(s, lead, end))
        lead++;
    if (lead == x || !title_at(s, lead, end))
        lead = x;
    while (x < end && ntitles < MAX_TITLES && title_at(s, lead, end) &&
           ((t[x].flags & DG_TOK_CAP) || nat >= 0 || ntitles > 0 ||
            (x > 0 && (t[x - 1].flags & DG_TOK_LOWER)))) {
        size_t te = parse_title(s, lead, end, 1);
        /* "the Permanent Representative of Djibouti to the AU and
         * Chairperson of the PSC, H.E. Ambassador A B": before a comma
         * and the holder's name, the title's country and body are its */
        size_t te0 = parse_title(s, lead, end, 0);
        if (te0 > te && apposed_name(s, te0, end, 1))
            te = te0;
        if (te == lead)
            break;
        titles_a[ntitles] = x;
        titles_b[ntitles++] = te;
        x = lead = te;
        /* "National Security Advisor (NSA) Ajit Doval": the title's
         * acronym in brackets */
        if (x + 2 < end && tok_eq(&t[x], "(") && tok_eq(&t[x + 2], ")") &&
            (t[x + 1].flags & DG_TOK_ALLCAPS))
            x = lead = x + 3;
        if (x + 1 < end && tok_eq(&t[x], "and") && title_at(s, x + 1, end))
            x = lead = x + 1;
        else
            break;
    }
    /* "Thai Navy Commander Admiral A": the adjective covers the title
     * a few capitalised words on */
    if (nat >= 0 && ntitles == 0 && x < end && (t[x].flags & DG_TOK_CAP)) {
        s->carry_at = x;
        s->carry_nat = nat;
    }
    /* "Nigeria's Chief of Defence Staff, General A B, ...", "the Minister
     * of Defence, A B,": a title, a comma and the full name */
    if (ntitles > 0 && x + 2 < end && tok_eq(&t[x], ",")) {
        size_t y = x + 1, n2, nt2;
        int r2;
        if ((n2 = rank_at(s, y, end, &r2)))
            y += n2;
        y += hon_at(s, y, end);
        if (y < end && name_tok_x(s, y, end, 1)) {
            size_t ye = name_end_x(s, y, end, &nt2, 1);
            /* "While holding talks with the Secretary of National Defence,
             * A B welcomed ...": the comma ends a fronted clause, and A B
             * is the subject of the sentence, not the title's holder */
            size_t first = s->d->sent[si].tok_first;
            int fronted = ye < end && (t[ye].flags & DG_TOK_LOWER) &&
                          dg_word_in(clause_openers, t[first].fold);
            if (nt2 >= 2 && !fronted &&
                (ye >= end || tok_eq(&t[ye], ",") || tok_eq(&t[ye], "and") ||
                 tok_eq(&t[ye], ".") || (t[ye].flags & DG_TOK_LOWER)))
                x++;
        }
    }
    /* "Defence Minister H.E. Gen. A B": a form of address before the
     * rank */
    size_t h0 = x < end ? hon_at(s, x, end) : 0;
    if (h0 && x + h0 < end && rank_at(s, x + h0, end, &ri))
        x += h0;
    size_t rn = x < end ? rank_at(s, x, end, &ri) : 0;
    if (rn)
        x += rn;
    else
        ri = -1;
    /* "Gen (R) A B", "Major General (Retd.) A B": retired */
    if (rn)
        x += retired_at(s, x, end);
    size_t hn = x < end ? hon_at(s, x, end) : 0;
    /* "his Ukrainian counterpart Rustem Umerov", "his Indian counterpart,
     * A B,": the country's official, with the office of the one whose
     * counterpart he is (counterparts()) */
    if (!hn && !rn && ntitles == 0 && x + 1 < end &&
        tok_eq(&t[x], "counterpart") &&
        (nat >= 0 ||
         (x > 0 && (tok_eq(&t[x - 1], "his") || tok_eq(&t[x - 1], "her"))))) {
        size_t y = x + 1;
        if (y + 1 < end && tok_eq(&t[y], ","))
            y++;
        /* "his Japanese counterpart Gen A" */
        int r3;
        size_t n3 = rank_at(s, y, end, &r3);
        if (n3 && name_tok(s, y + n3, end)) {
            ri = r3;
            rn = n3;
            y += n3;
        }
        if (name_tok(s, y, end)) {
            s->cpart_name = y;
            s->cpart_tok = x + 1;
            s->cpart_sent = (long)si;
            hn = y - x;
        } else if (nat >= 0 && y > x + 1 && title_at(s, y, end)) {
            /* "his Thai counterpart, Deputy Prime Minister and Minister
             * of Defence General A B": the adjective is the titled
             * person's */
            s->carry_at = y;
            s->carry_nat = nat;
        }
    }
    x += hn;
    if (ntitles == 0 && !rn && !hn && nat >= 0 && x > k &&
        possessed_name(s, x, end)) {
        size_t ne = name_end(s, x, end, &nt);
        struct person *p = new_person(s, x, ne, 1);
        if (!p) {
            *err = 1;
            return 0;
        }
        p->nat = nat;
        add_span(p, x, ne, 0, (long)si);
        mark_used(s, start, ne);
        return ne;
    }
    if (ntitles == 0 && !rn && !hn) {
        /* bare "NAME, TITLE" */
        if (!name_tok(s, k, end) || (k > 0 && name_tok(s, k - 1, end)))
            return k + 1;
        size_t ne = name_end(s, k, end, &nt);
        /* "A B (Bahamas), C D (Belize)": a roster of names and their
         * countries */
        if (nt >= 2 && ne + 2 < end && tok_eq(&t[ne], "(") &&
            country_cov(s, ne + 1) >= 0 &&
            s->d->men[country_cov(s, ne + 1)].tok_end < end &&
            tok_eq(&t[s->d->men[country_cov(s, ne + 1)].tok_end], ")")) {
            const struct dg_mention *pm = &s->d->men[country_cov(s, ne + 1)];
            struct person *p = new_person(s, k, ne, 1);
            if (!p) {
                *err = 1;
                return 0;
            }
            p->nat = pm->entity;
            add_span(p, k, ne, 0, (long)si);
            mark_used(s, k, pm->tok_end + 1);
            return pm->tok_end + 1;
        }
        if (nt < 2 || ne >= end || !tok_eq(&t[ne], ","))
            return k + 1;
        struct person tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.nat = -1;
        tmp.rank = -1;
        /* check that a title follows, without side effects on s */
        size_t y = ne + 1;
        while (y < end && (tok_eq(&t[y], "the") || tok_eq(&t[y], "a")))
            y++;
        while (y < end && country_cov(s, y) >= 0) {
            y = s->d->men[country_cov(s, y)].tok_end;
            if (y + 1 < end && tok_eq(&t[y], "'") && tok_eq(&t[y + 1], "s"))
                y += 2; /* "A B, Saudi Arabia's Assistant Minister" */
        }
        int who = y + 1 < end && tok_eq(&t[ne + 1], "who");
        if (!who && !(y < end && title_at(s, y, end)))
            return k + 1;
        struct person *p = new_person(s, k, ne, 1);
        if (!p) {
            *err = 1;
            return 0;
        }
        add_span(p, k, ne, 0, (long)si);
        size_t ae = appositive(s, p, ne, end, err);
        if (p->ntitles == 0) {
            s->n--; /* not an official after all */
            return k + 1;
        }
        mark_used(s, k, ae);
        return ae;
    }
    int trig = rn || hn;
    if (x >= end || !name_tok_x(s, x, end, trig))
        return k + 1;
    size_t ne = name_end_x(s, x, end, &nt, trig);
    if (nt == 0)
        return k + 1;
    /* a bare title needs a full name: "Minister Lavrov" is fine only with
     * a rank or an honorific or a known person, resolved later */
    struct person *p = new_person(s, x, ne, nt >= 2);
    if (!p) {
        *err = 1;
        return 0;
    }
    p->rank = ri;
    p->nat = nat;
    if (org_b > start) {
        chain_affiliations(s, p, start, org_b);
        p->orgpre = 1;
    }
    for (size_t i = 0; i < ntitles; i++)
        if (add_title_span(s, p, titles_a[i], titles_b[i]) < 0)
            *err = 1;
    /* the adjective of "Thai Foreign Minister A and Defence Minister B"
     * covers B too; a title chain of B's own naming a country wins */
    if (p->nat < 0 && ntitles > 0 && carried(s, start))
        p->nat = s->carry_nat;
    add_span(p, x, ne, nt >= 2 ? 0 : DG_MEN_SHORT, (long)si);
    size_t ae = appositive(s, p, ne, end, err);
    if (p->nat >= 0 && ntitles > 0 && ae + 1 < end && tok_eq(&t[ae], "and")) {
        s->carry_at = ae + 1;
        s->carry_nat = p->nat;
    }
    mark_used(s, start, ae);
    return ae > k ? ae : k + 1;
}

/* ---- resolution ------------------------------------------------------- */

static const char *
last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

static int
rank_compatible(const struct ps *s, int a, int b)
{
    if (a < 0 || b < 0)
        return 1;
    return strcmp(last_word(dg_lexicon_rank(s->d->lex, a)),
                  last_word(dg_lexicon_rank(s->d->lex, b))) == 0;
}

static void
merge_into(struct person *to, struct person *from)
{
    for (size_t i = 0; i < from->nspans; i++)
        if (to->nspans < MAX_SPANS)
            to->spans[to->nspans++] = from->spans[i];
    for (size_t i = 0; i < from->nevid; i++) {
        size_t j;
        for (j = 0; j < to->nevid && to->evid[j] != from->evid[i]; j++)
            ;
        if (j == to->nevid && to->nevid < MAX_EVID)
            to->evid[to->nevid++] = from->evid[i];
    }
    for (size_t i = 0; i < from->ntitles; i++)
        add_title(to, from->titles[i]);
    for (size_t i = 0; i < from->nworks; i++)
        add_work(to, from->works[i]);
    if (to->rank < 0)
        to->rank = from->rank;
    if (to->nat < 0)
        to->nat = from->nat;
    from->merged = 1;
}

/* The full person whose name has token w (last token preferred) and whose
 * rank fits; -1 when none or ambiguous. */
static long
resolve_short(const struct ps *s, const char *w, int rank)
{
    long best = -1;
    int best_score = 0, ties = 0;
    for (size_t i = 0; i < s->n; i++) {
        const struct person *p = &s->p[i];
        if (!p->full || p->merged || !rank_compatible(s, p->rank, rank))
            continue;
        int score = 0;
        for (size_t k = 0; k < p->ntok; k++)
            if (strcmp(p->toks[k], w) == 0)
                score = k + 1 == p->ntok ? 3 : (k == 0 ? 2 : 1);
        if (score && rank >= 0 && p->rank >= 0)
            score += 3;
        if (score > best_score) {
            best = (long)i;
            best_score = score;
            ties = 0;
        } else if (score && score == best_score) {
            ties++;
        }
    }
    return ties ? -1 : best;
}

/* 1 when a and b have the same name words once initials are left out. */
static int
same_but_initials(const struct person *a, const struct person *b)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < a->ntok && strlen(a->toks[i]) < 2)
            i++;
        while (j < b->ntok && strlen(b->toks[j]) < 2)
            j++;
        if (i == a->ntok || j == b->ntok)
            return i == a->ntok && j == b->ntok;
        if (strcmp(a->toks[i++], b->toks[j++]))
            return 0;
    }
}

static int
resolve(struct ps *s)
{
    /* same full name, with or without a middle initial ("Lloyd J.
     * Austin III", "Lloyd Austin III"): one person, the longer name */
    for (size_t i = 0; i < s->n; i++) {
        if (!s->p[i].full || s->p[i].merged)
            continue;
        for (size_t j = i + 1; j < s->n; j++)
            if (s->p[j].full && !s->p[j].merged &&
                (strcmp(s->p[i].name, s->p[j].name) == 0 ||
                 same_but_initials(&s->p[i], &s->p[j]))) {
                if (s->p[j].ntok > s->p[i].ntok) {
                    merge_into(&s->p[j], &s->p[i]);
                    break;
                }
                merge_into(&s->p[i], &s->p[j]);
            }
    }
    /* short forms ("General Thang", "Ms. Matsuzawa") */
    for (size_t i = 0; i < s->n; i++) {
        struct person *p = &s->p[i];
        if (p->full || p->merged || p->ntok != 1)
            continue;
        long to = resolve_short(s, p->toks[0], p->rank);
        if (to >= 0)
            merge_into(&s->p[to], p);
    }
    /* the same short form twice, without a full name */
    for (size_t i = 0; i < s->n; i++) {
        if (s->p[i].full || s->p[i].merged)
            continue;
        for (size_t j = i + 1; j < s->n; j++)
            if (!s->p[j].full && !s->p[j].merged &&
                strcmp(s->p[i].name, s->p[j].name) == 0)
                merge_into(&s->p[i], &s->p[j]);
    }
    return 0;
}

/* The full person named exactly by the name tokens [a, b), or -1. */
static long
full_name_at(const struct ps *s, size_t a, size_t b)
{
    const struct dg_token *t = s->d->tok;
    for (size_t i = 0; i < s->n; i++) {
        const struct person *p = &s->p[i];
        size_t j = 0, k;
        if (!p->full || p->merged)
            continue;
        for (k = a; k < b && j < p->ntok; k++) {
            if (!(t[k].flags & DG_TOK_WORD) ||
                dg_word_in(particles, t[k].fold) ||
                dg_word_in(name_suffixes, t[k].fold))
                continue;
            if (strcmp(p->toks[j], t[k].lower) != 0)
                break;
            j++;
        }
        if (k == b && j == p->ntok)
            return (long)i;
    }
    return -1;
}

/* Bare surnames ("Lavrov said", "Minh reaffirmed") of known persons. */
static void
bare_mentions(struct ps *s)
{
    struct dg_doc *d = s->d;
    for (size_t si = 0; si < d->nsent; si++) {
        if (d->sent[si].flags & DG_SENT_NOMINE)
            continue;
        size_t end = d->sent[si].tok_end;
        for (size_t k = d->sent[si].tok_first; k < end; k++) {
            if (!name_tok(s, k, end) || (k > 0 && name_tok(s, k - 1, end)))
                continue;
            /* "Tea Banh thanked ...": a full name again, without title */
            size_t nt, ne = name_end(s, k, end, &nt);
            if (nt >= 2) {
                long full = full_name_at(s, k, ne);
                if (full >= 0) {
                    add_span(&s->p[full], k, ne, 0, (long)si);
                    k = ne - 1;
                }
                continue;
            }
            /* the last name word ("Wongsuwan"), else the first one of one
             * person only ("Kim" for Kim Dong-soo: the family name first) */
            long to = -1, first = -1;
            int ties = 0, first_ties = 0;
            for (size_t i = 0; i < s->n; i++) {
                const struct person *p = &s->p[i];
                if (!p->full || p->merged || p->ntok < 2)
                    continue;
                if (!strcmp(p->toks[0], d->tok[k].lower)) {
                    first_ties |= first >= 0;
                    first = (long)i;
                }
                if (strcmp(p->toks[p->ntok - 1], d->tok[k].lower) != 0)
                    continue;
                if (to >= 0)
                    ties = 1;
                to = (long)i;
            }
            if (to < 0 && first >= 0 && !first_ties)
                to = first;
            if (to >= 0 && !ties)
                add_span(&s->p[to], k, k + 1, DG_MEN_SHORT, (long)si);
        }
    }
}

/* "the Vietnamese general": the only matching person gets the
 * nationality. */
static void
descriptions(struct ps *s)
{
    struct dg_doc *d = s->d;
    for (size_t si = 0; si < d->nsent; si++) {
        if (d->sent[si].flags & DG_SENT_NOMINE)
            continue;
        size_t end = d->sent[si].tok_end;
        for (size_t k = d->sent[si].tok_first; k + 2 < end; k++) {
            int cm;
            if (!dg_tok_is_ci(&d->tok[k], "the") ||
                (cm = country_cov(s, k + 1)) < 0)
                continue;
            size_t w = d->men[cm].tok_end;
            int ri;
            if (w >= end || !(d->tok[w].flags & DG_TOK_LOWER))
                continue;
            size_t rn = rank_at_ci(s, w, end, &ri);
            size_t tn = rn ? 0 : title_at(s, w, end);
            if (!rn && !tn)
                continue;
            int country = d->men[cm].entity;
            long to = -1;
            int ties = 0;
            for (size_t i = 0; i < s->n; i++) {
                const struct person *p = &s->p[i];
                if (p->merged || (p->nat >= 0 && p->nat != country))
                    continue;
                int fit = 0;
                if (rn && p->rank >= 0)
                    fit = strcmp(last_word(dg_lexicon_rank(d->lex, p->rank)),
                                 last_word(dg_lexicon_rank(d->lex, ri))) == 0;
                for (size_t t = 0; tn && t < p->ntitles && !fit; t++) {
                    char *f =
                        dg_text_fold(p->titles[t], strlen(p->titles[t]), 1);
                    char *g = dg_text_fold(
                        d->text + d->tok[w].start,
                        d->tok[w + tn - 1].end - d->tok[w].start, 1);
                    fit = f && g && strstr(f, g) != NULL;
                    free(f);
                    free(g);
                }
                if (!fit)
                    continue;
                if (to >= 0)
                    ties = 1;
                to = (long)i;
            }
            if (to >= 0 && !ties) {
                struct person *p = &s->p[to];
                if (p->nat < 0)
                    p->nat = country;
                add_span(p, k + 1, w + (rn ? rn : tn), DG_MEN_SHORT, (long)si);
            }
        }
    }
}

/* The country named inside a mention of org id ("Vietnamese Ministry of
 * ..."), or inside its parents' (org:subOrganizationOf); -1 if none. */
static int
org_country(const struct dg_doc *d, int id, int depth)
{
    for (size_t i = 0; i < d->nmen; i++) {
        const struct dg_mention *m = &d->men[i];
        if (m->entity != id || m->sent < 0)
            continue;
        size_t n;
        const struct dg_mention *sm =
            dg_doc_mentions_in(d, (size_t)m->sent, &n);
        for (size_t j = 0; j < n; j++) {
            const struct dg_mention *c = &sm[j];
            if (c->kind == DG_ENT_COUNTRY && c->tok_first >= m->tok_first &&
                c->tok_end <= m->tok_end)
                return c->entity;
        }
    }
    if (depth >= 3)
        return -1;
    const struct dg_entity *e = &d->ent[id];
    for (size_t k = 0; k < e->nprops; k++) {
        if (strcmp(e->props[k].p, DG_NS_ORG "subOrganizationOf") != 0)
            continue;
        int pid = dg_doc_entity_find(d, e->props[k].o);
        int c = pid >= 0 ? org_country(d, pid, depth + 1) : -1;
        if (c >= 0)
            return c;
    }
    return -1;
}

/* The country entity of lexicon country i (registered when the text has
 * not named it), or -1. */
static int
country_entity(struct dg_doc *d, long i)
{
    if (i < 0)
        return -1;
    return dg_doc_country(d, (size_t)i);
}

/* 1 when country entity c is mentioned in a sentence (not only in the
 * dateline). */
static int
in_body(const struct dg_doc *d, int c)
{
    for (size_t i = 0; i < d->nmen; i++)
        if (d->men[i].entity == c && d->men[i].sent >= 0)
            return 1;
    return 0;
}

/* The country of the dateline ("KUALA LUMPUR, March 9 (Bernama) --"): a
 * country named in it or a city of cities.tsv; -1 when none, -2 when the
 * article has no dateline. */
static int
dateline_country(struct dg_doc *d)
{
    const struct dg_lex_table *tab = dg_lexicon_table(d->lex, "cities.tsv");
    int row;

    if (d->dl_end <= d->dl_first)
        return -2;
    for (size_t i = 0; i < d->nmen; i++)
        if (d->men[i].sent < 0 && d->men[i].kind == DG_ENT_COUNTRY)
            return d->men[i].entity;
    for (size_t k = d->dl_first; tab && k < d->dl_end; k++)
        if (dg_trie_match(dg_lex_table_trie(tab), d->tok, k, d->dl_end,
                          DG_MATCH_ANYCASE, &row)) {
            /* only a country the text names: no entity of its own here */
            const char *iri = dg_doc_iri(
                d, "country/", dg_lex_table_field(tab, (size_t)row, 1));
            return iri ? dg_doc_entity_find(d, iri) : -1;
        }
    return -1;
}

/* "Deputy Minister of National Defence" and the doc's one "Vietnam
 * Ministry of National Defence": the ministry's country, or -1. */
static int
ministry_country(struct ps *s, const struct person *p)
{
    struct dg_doc *d = s->d;
    int found = -1;
    for (size_t t = 0; t < p->ntitles; t++) {
        char *f = dg_text_fold(p->titles[t], strlen(p->titles[t]), 1);
        const char *m = f ? strstr(f, "minister ") : NULL;
        if (m &&
            (strncmp(m + 9, "of ", 3) == 0 || strncmp(m + 9, "for ", 4) == 0)) {
            const char *rest = m + 9 + (m[9] == 'o' ? 3 : 4);
            for (size_t i = 0; i < d->nent; i++) {
                const char *kind = dg_doc_prop_get(d, (int)i, DG_NS "orgKind");
                if (d->ent[i].kind != DG_ENT_ORG || !kind ||
                    strcmp(kind, "ministry") != 0)
                    continue;
                char *g =
                    dg_text_fold(d->ent[i].name, strlen(d->ent[i].name), 1);
                const char *q = g ? strstr(g, "ministry ") : NULL;
                if (q &&
                    (strncmp(q + 9, "of ", 3) == 0 ||
                     strncmp(q + 9, "for ", 4) == 0) &&
                    strcmp(q + 9 + (q[9] == 'o' ? 3 : 4), rest) == 0) {
                    int c = org_country(d, (int)i, 0);
                    if (c >= 0 && found >= 0 && c != found)
                        found = -3; /* two countries: none */
                    else if (c >= 0 && found != -3)
                        found = c;
                }
                free(g);
            }
        }
        free(f);
    }
    return found >= 0 ? found : -1;
}

static int
has_int(const int *v, size_t n, int x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

/* Officials with no country of their own.  Explicit marks come first (an
 * adjective, a country in the title chain, the employer's country); then
 * a title used by one country only (title-countries.tsv); then the
 * country of a ministry the title names; last, the article's own country
 * for the publishing side: the dateline's country when the text names it,
 * or, with no dateline, the only country named that no official is
 * marked with. */
/* The first token of p's first mention (*a) and of its sentence
 * (*first); -1 when p has none in a sentence. */
static int
first_mention(const struct dg_doc *d, const struct person *p, size_t *a,
              size_t *first)
{
    if (!p->nspans)
        return -1;
    *a = p->spans[0].a;
    long si = dg_doc_sentence_of(d, *a);
    if (si < 0)
        return -1;
    *first = d->sent[si].tok_first;
    return 0;
}

/* "a delegation of the Vietnam People's Army led by ... X": the country
 * of what X leads, or -1. */
static int
led_country(struct ps *s, const struct person *p)
{
    struct dg_doc *d = s->d;
    size_t a, first, by = (size_t)-1;
    if (first_mention(d, p, &a, &first) < 0)
        return -1;
    for (size_t k = a; k-- > first + 1 && a - k <= 24;)
        if ((tok_eq(&d->tok[k - 1], "led") ||
             tok_eq(&d->tok[k - 1], "headed")) &&
            tok_eq(&d->tok[k], "by")) {
            by = k - 1;
            break;
        }
    for (size_t k = by; k != (size_t)-1 && k-- > first;) {
        int c = s->cov[k] ? (int)(s->cov[k] - 1) : -1;
        if (c < 0)
            continue;
        const struct dg_mention *m = &d->men[c];
        int n = m->kind == DG_ENT_COUNTRY ? m->entity
                : m->kind == DG_ENT_ORG   ? org_country(d, m->entity, 0)
                                          : -1;
        if (n >= 0)
            return n;
        k = m->tok_first;
    }
    return -1;
}

/* "Myanmar was represented by Charge d'Affaires A": the country just
 * before "was represented by" some words before p's first mention, or
 * -1. */
static int
represented_country(struct ps *s, const struct person *p)
{
    struct dg_doc *d = s->d;
    size_t a, first;
    if (first_mention(d, p, &a, &first) < 0)
        return -1;
    for (size_t k = a; k-- > first + 2 && a - k <= 8;) {
        if (tok_eq(&d->tok[k], ",") || tok_eq(&d->tok[k], "and"))
            return -1; /* "represented by A, and B": A's only */
        if (!tok_eq(&d->tok[k], "by") ||
            !tok_eq(&d->tok[k - 1], "represented") ||
            (!tok_eq(&d->tok[k - 2], "was") && !tok_eq(&d->tok[k - 2], "is") &&
             !tok_eq(&d->tok[k - 2], "will") && !tok_eq(&d->tok[k - 2], "be")))
            continue;
        size_t j = k - 2;
        while (j > first &&
               (tok_eq(&d->tok[j - 1], "be") || tok_eq(&d->tok[j - 1], "will")))
            j--;
        int c = j > first && s->cov[j - 1] ? (int)(s->cov[j - 1] - 1) : -1;
        if (c < 0 || d->men[c].kind != DG_ENT_COUNTRY ||
            (d->men[c].flags & DG_MEN_ADJ))
            return -1;
        return d->men[c].entity;
    }
    return -1;
}

/* "ASEAN defence ministers included A, B and C", "Present were the army
 * chiefs: A, B": a plural office before a roster gives each person of
 * the roster with no title of his own that office, in the singular. */
static int
roster_titles(struct ps *s)
{
    struct dg_doc *d = s->d;
    for (size_t si = 0; si < d->nsent; si++) {
        size_t first = d->sent[si].tok_first, end = d->sent[si].tok_end;
        const char *office = NULL;
        size_t after = end;
        for (size_t k = first; k < end && !office; k++) {
            const struct dg_token *t = &d->tok[k];
            size_t l = strlen(t->lower);
            if (!(t->flags & DG_TOK_WORD) || l < 4 || t->lower[l - 1] != 's' ||
                k + 1 >= end)
                continue;
            int intro = tok_eq(&d->tok[k + 1], "included") ||
                        tok_eq(&d->tok[k + 1], "include") ||
                        tok_eq(&d->tok[k + 1], "were") ||
                        tok_eq(&d->tok[k + 1], "are") ||
                        tok_eq(&d->tok[k + 1], ":") ||
                        tok_eq(&d->tok[k + 1], "including");
            if (!intro)
                continue;
            /* the office: up to two words before the plural, singular */
            for (size_t j = k > first + 2 ? k - 2 : first; j <= k && !office;
                 j++) {
                size_t sa = d->tok[j].start, sb = d->tok[k].end - 1;
                const char *txt = dg_doc_strndup(d, d->text + sa, sb - sa);
                if (!txt)
                    return -1;
                struct dg_tokens *tt = dg_tokens_new(txt, 0, strlen(txt));
                if (!tt)
                    return -1;
                int v;
                size_t n = dg_tokens_count(tt);
                if (n &&
                    dg_trie_match(dg_lexicon_titles(d->lex), dg_tokens_get(tt),
                                  0, n, DG_MATCH_ANYCASE, &v) == n)
                    office = txt;
                dg_tokens_free(tt);
            }
            after = k + 1;
        }
        if (!office)
            continue;
        for (size_t i = 0; i < s->n; i++) {
            struct person *p = &s->p[i];
            if (p->merged || p->ntitles)
                continue;
            for (size_t k = 0; k < p->nspans; k++)
                if (p->spans[k].a >= after && p->spans[k].b <= end) {
                    add_title(p, office);
                    break;
                }
        }
    }
    return 0;
}

/* "Defence Minister A held talks with his Indian counterpart B": B holds
 * A's office, when B has none of his own; A is the nearest person before
 * "counterpart" in the sentence. */
static void
counterparts(struct ps *s)
{
    for (size_t i = 0; i < s->n; i++) {
        struct person *p = &s->p[i];
        if (p->merged || !p->cpart || p->ntitles)
            continue;
        size_t at = p->cpart - 1, first = s->d->sent[p->cpart_sent].tok_first;
        const struct person *subj = NULL;
        size_t best = 0;
        for (size_t j = 0; j < s->n; j++) {
            const struct person *q = &s->p[j];
            if (q == p || q->merged)
                continue;
            for (size_t k = 0; k < q->nspans; k++)
                if (q->spans[k].a >= first && q->spans[k].b <= at &&
                    q->spans[k].b > best) {
                    best = q->spans[k].b;
                    subj = q;
                }
        }
        for (size_t k = 0; subj && k < subj->ntitles; k++)
            add_title(p, subj->titles[k]);
    }
}

/* 1 when p works for a ministry, department, agency or force of no
 * country named ("Defence Ministry Spokesman A"): a national office, of
 * the text's home country like a bare title. */
static int
works_national(const struct dg_doc *d, const struct person *p)
{
    for (size_t w = 0; w < p->nworks; w++) {
        const char *kind = dg_doc_prop_get(d, p->works[w], DG_NS "orgKind");
        if (!kind || !dg_word_in(national_kinds, kind) ||
            org_country(d, p->works[w], 0) >= 0)
            return 0;
    }
    return p->nworks > 0;
}

/* 1 when p works for an intergovernmental organisation: its official,
 * not his country's. */
static int
works_igo(const struct dg_doc *d, const struct person *p)
{
    for (size_t w = 0; w < p->nworks; w++) {
        const char *kind = dg_doc_prop_get(d, p->works[w], DG_NS "orgKind");
        if (kind && strcmp(kind, "intergovernmental organization") == 0)
            return 1;
    }
    return 0;
}

static int
nationalities(struct ps *s)
{
    struct dg_doc *d = s->d;
    int claimed[64], home = -1, weak = 0;
    size_t nclaimed = 0;

    for (size_t i = 0; i < s->n; i++) {
        struct person *p = &s->p[i];
        if (p->merged)
            continue;
        for (size_t w = 0; w < p->nworks && p->nat < 0; w++)
            p->nat = org_country(d, p->works[w], 0);
        if (p->nat >= 0 && nclaimed < 64)
            claimed[nclaimed++] = p->nat;
    }
    for (size_t i = 0; i < s->n; i++) {
        struct person *p = &s->p[i];
        if (p->merged || p->nat >= 0)
            continue;
        p->nat = country_entity(d, p->tcountry);
        if (p->nat < 0)
            p->nat = led_country(s, p);
        if (p->nat < 0)
            p->nat = represented_country(s, p);
        if (p->nat < 0)
            p->nat = ministry_country(s, p);
    }
    int dl = dateline_country(d);
    if (dl >= 0 && in_body(d, dl)) {
        home = dl;
    } else if (dl == -2) {
        /* the countries named that no official is marked with, and those
         * of officials known by their title alone: exactly one */
        int cand[64], named = -1;
        size_t ncand = 0, votes[64] = {0};
        for (size_t i = 0; i < d->nmen; i++) {
            const struct dg_mention *m = &d->men[i];
            if (m->kind != DG_ENT_COUNTRY || m->sent < 0 ||
                (d->sent[m->sent].flags & DG_SENT_NOMINE))
                continue;
            named = named == -1 || named == m->entity ? m->entity : -3;
            if (has_int(claimed, nclaimed, m->entity))
                continue;
            size_t c = 0;
            while (c < ncand && cand[c] != m->entity)
                c++;
            if (c == ncand && ncand < 64)
                cand[ncand++] = m->entity;
            if (c < ncand)
                votes[c]++;
        }
        for (size_t i = 0; i < s->n; i++) {
            const struct person *p = &s->p[i];
            if (!p->merged && p->nat >= 0 &&
                !has_int(claimed, nclaimed, p->nat) &&
                !has_int(cand, ncand, p->nat) && ncand < 64)
                votes[ncand] = 1, cand[ncand++] = p->nat;
        }
        /* the one named most often, when no other is named as often; or
         * the only country the text names at all */
        size_t best = 0;
        for (size_t c = 1; c < ncand; c++)
            if (votes[c] > votes[best])
                best = c;
        int tie = 0;
        for (size_t c = 0; c < ncand; c++)
            tie |= c != best && votes[c] == votes[best];
        home = ncand && !tie ? cand[best] : -1;
        if (!ncand && named >= 0) {
            home = named;
            weak = 1;
        }
    }
    for (size_t i = 0; home >= 0 && i < s->n; i++) {
        struct person *p = &s->p[i];
        /* a country some official claims is the home only of those
         * with an office ("Minister of Defence"), not of a rank alone */
        /* "his counterpart A": of another country than the one whose
         * counterpart he is, so not of the home country either */
        if (!p->merged && p->nat < 0 && (!p->orgpre || works_national(d, p)) &&
            !works_igo(d, p) && !p->cpart &&
            (p->ntitles > 0 || (p->rank >= 0 && !weak)))
            p->nat = home;
    }
    return 0;
}

/* 1 when title i of p is a word of another of its titles ("Secretary"
 * of "Secretary of Defense", "Commander" of "Force Commander"). */
static int
title_inside(const struct person *p, size_t i)
{
    const char *a = p->titles[i];
    size_t n = strlen(a);
    for (size_t j = 0; j < p->ntitles; j++) {
        const char *b = p->titles[j];
        size_t m = strlen(b);
        if (j == i || m <= n)
            continue;
        if ((strncmp(b, a, n) == 0 && b[n] == ' ') ||
            (strcmp(b + m - n, a) == 0 && b[m - n - 1] == ' '))
            return 1;
    }
    return 0;
}

static int
emit_persons(struct ps *s)
{
    struct dg_doc *d = s->d;
    const struct dg_lex_table *cities = dg_lexicon_table(d->lex, "cities.tsv");
    for (size_t i = 0; i < s->n; i++) {
        struct person *p = &s->p[i];
        if (p->merged)
            continue;
        /* "Defence Minister New Delhi": a city is no person's name */
        int row;
        if (cities && p->nspans &&
            dg_trie_match(dg_lex_table_trie(cities), d->tok, p->spans[0].a,
                          p->spans[0].b, DG_MATCH_ANYCASE,
                          &row) == p->spans[0].b - p->spans[0].a)
            continue;
        char *slug = dg_text_slug(p->name, strlen(p->name));
        if (!slug)
            return -1;
        if (!slug[0]) {
            free(slug);
            continue;
        }
        const char *iri = dg_doc_iri(d, "person/", slug);
        free(slug);
        if (!iri)
            return -1;
        int id = dg_doc_entity(d, DG_ENT_PERSON, iri, p->name);
        if (id < 0)
            return -1;
        if (p->rank >= 0 &&
            dg_doc_prop_lit(d, id, DG_NS "rank",
                            dg_lexicon_rank(d->lex, p->rank), NULL) < 0)
            return -1;
        for (size_t t = 0; t < p->ntitles; t++)
            if (!title_inside(p, t) &&
                dg_doc_prop_lit(d, id, DG_NS_SCHEMA "jobTitle", p->titles[t],
                                NULL) < 0)
                return -1;
        if (p->nat >= 0 && dg_doc_prop_iri(d, id, DG_NS_SCHEMA "nationality",
                                           d->ent[p->nat].iri) < 0)
            return -1;
        for (size_t w = 0; w < p->nworks; w++)
            if (dg_doc_prop_iri(d, id, DG_NS_SCHEMA "worksFor",
                                d->ent[p->works[w]].iri) < 0)
                return -1;
        for (size_t e = 0; e < p->nevid; e++)
            if (dg_doc_prop_iri(d, id, DG_NS "evidence",
                                d->sent_iri[p->evid[e]]) < 0)
                return -1;
        for (size_t m = 0; m < p->nspans; m++)
            if (dg_doc_mention(d, id, p->spans[m].a, p->spans[m].b,
                               p->spans[m].flags) < 0)
                return -1;
    }
    return 0;
}

int
dg_persons_scan(struct dg_doc *d, struct dg_error *err)
{
    struct ps s;
    int rc = -1, e = 0;

    memset(&s, 0, sizeof s);
    s.d = d;
    s.carry_at = (size_t)-1;
    s.carry_nat = -1;
    s.cov = calloc(d->ntok + 1, sizeof *s.cov);
    s.used = calloc(d->ntok + 1, 1);
    if (!s.cov || !s.used)
        goto out;
    /* longest non-nested country/org mention covering each token */
    for (size_t i = 0; i < d->nmen; i++) {
        const struct dg_mention *m = &d->men[i];
        if ((m->kind != DG_ENT_COUNTRY && m->kind != DG_ENT_ORG) ||
            (m->flags & DG_MEN_NESTED))
            continue;
        for (size_t k = m->tok_first; k < m->tok_end; k++)
            s.cov[k] = (int)i + 1;
    }
    /* nested countries stay visible inside org names for nationality */
    for (size_t i = 0; i < d->nmen; i++) {
        const struct dg_mention *m = &d->men[i];
        if (m->kind == DG_ENT_COUNTRY && (m->flags & DG_MEN_NESTED))
            for (size_t k = m->tok_first; k < m->tok_end; k++)
                if (!s.cov[k] || d->men[s.cov[k] - 1].kind != DG_ENT_ORG)
                    s.cov[k] = (int)i + 1;
    }
    for (size_t si = 0; si < d->nsent; si++) {
        if (d->sent[si].flags & DG_SENT_NOMINE)
            continue;
        size_t end = d->sent[si].tok_end;
        for (size_t k = d->sent[si].tok_first; k < end;) {
            if (s.used[k]) {
                k++;
                continue;
            }
            size_t next = try_at(&s, si, k, end, &e);
            if (e || next == 0)
                goto out;
            k = next;
        }
    }
    if (resolve(&s) < 0)
        goto out;
    bare_mentions(&s);
    descriptions(&s);
    counterparts(&s);
    if (roster_titles(&s) < 0 || nationalities(&s) < 0 ||
        emit_persons(&s) < 0 || dg_doc_sort_mentions(d) < 0)
        goto out;
    rc = 0;
out:
    if (rc < 0)
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    free(s.cov);
    free(s.used);
    free(s.p);
    return rc;
}
