/* sentence.c: see sentence.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "extract/sentence.h"

struct dg_sentences {
    struct dg_sentence *v;
    size_t n, cap;
};

/* Words after which a full stop does not end a sentence (lowercase,
 * folded).  Titles and ranks are abbreviated this way in news text. */
static const char *const abbrevs[] = {
    "mr",     "mrs",  "ms",   "dr",   "prof",  "st",    "jr",   "sr",   "snr",
    "lt",     "gen",  "col",  "maj",  "capt",  "cpt",   "cmdr", "cdr",  "adm",
    "brig",   "sgt",  "cpl",  "pvt",  "lieut", "gov",   "sen",  "rep",  "amb",
    "hon",    "rev",  "pres", "no",   "nos",   "vol",   "art",  "para", "fig",
    "approx", "dept", "est",  "vs",   "cf",    "jan",   "feb",  "mar",  "apr",
    "jun",    "jul",  "aug",  "sep",  "sept",  "oct",   "nov",  "dec",  "mon",
    "tue",    "tues", "wed",  "thu",  "thur",  "thurs", "fri",  "sat",  "inc",
    "ltd",    "corp", "co",   "bros", "mt",    "ft",    "h.e",  NULL};

/* Capitalised words that start sentences: after an initialism ("the
 * U.S. The ...") they mark a boundary. */
static const char *const starters[] = {
    "The",     "He",      "She",       "It",        "They",   "We",    "I",
    "In",      "On",      "At",        "This",      "That",   "These", "Those",
    "But",     "However", "Meanwhile", "Also",      "A",      "An",    "His",
    "Her",     "Their",   "Its",       "According", "During", "After", "Both",
    "Earlier", "Later",   NULL};

int
dg_sentence_is_abbrev(const char *w)
{
    return dg_word_in(abbrevs, w);
}

static int
is_term(const struct dg_token *t)
{
    return !(t->flags & DG_TOK_WORD) &&
           (strcmp(t->fold, ".") == 0 || strcmp(t->fold, "!") == 0 ||
            strcmp(t->fold, "?") == 0 || strcmp(t->fold, "...") == 0);
}

static int
is_closer(const struct dg_token *t)
{
    return !(t->flags & (DG_TOK_WORD | DG_TOK_SPACE)) &&
           (strcmp(t->fold, "\"") == 0 || strcmp(t->fold, "'") == 0 ||
            strcmp(t->fold, ")") == 0 || strcmp(t->fold, "]") == 0);
}

static int
is_opener(const struct dg_token *t)
{
    return strcmp(t->fold, "\"") == 0 || strcmp(t->fold, "'") == 0 ||
           strcmp(t->fold, "(") == 0 || strcmp(t->fold, "[") == 0 ||
           strcmp(t->fold, "-") == 0;
}

/* 1 when t is a word of two or more characters whose last one is a
 * lowercase letter ("pandemic", "Saturday"; not "U", "US" or "2023"). */
static int
ends_lower(const struct dg_token *t)
{
    size_t n = strlen(t->fold);
    return (t->flags & DG_TOK_WORD) && !(t->flags & DG_TOK_DIGIT) &&
           t->end - t->start >= 2 && n >= 2 && t->fold[n - 1] >= 'a' &&
           t->fold[n - 1] <= 'z';
}

/* 1 when the full stop at k ends an abbreviation or initial. */
static int
after_abbrev(const struct dg_token *t, size_t first, size_t k)
{
    if (k == first || strcmp(t[k].fold, ".") != 0)
        return 0;
    const struct dg_token *p = &t[k - 1];
    if (!(p->flags & DG_TOK_WORD) || (t[k].flags & DG_TOK_SPACE))
        return 0;
    if (dg_sentence_is_abbrev(p->lower))
        return 1;
    /* a single letter: an initial ("U.", "J.") or "e.g." */
    if (p->end - p->start == 1 && !(p->flags & DG_TOK_DIGIT))
        return 1;
    return 0;
}

static int
push(struct dg_sentences *s, const struct dg_token *t, size_t a, size_t b,
     unsigned flags)
{
    if (a >= b)
        return 0;
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 32;
        struct dg_sentence *nv = realloc(s->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        s->v = nv;
        s->cap = ncap;
    }
    struct dg_sentence *x = &s->v[s->n++];
    x->start = t[a].start;
    x->end = t[b - 1].end;
    x->tok_first = a;
    x->tok_end = b;
    size_t words = 0, lower = 0;
    for (size_t k = a; k < b; k++) {
        if (t[k].flags & DG_TOK_WORD) {
            words++;
            if ((t[k].flags & DG_TOK_LOWER) && t[k].end - t[k].start >= 2)
                lower++;
        }
    }
    if (x->end - x->start > DG_SENTENCE_LONG_BYTES)
        flags |= DG_SENT_LONG;
    if (words < 4 || lower == 0)
        flags |= DG_SENT_FRAGMENT;
    /* "— VNS" at the end of a story: a credit */
    if (strcmp(t[a].fold, "-") == 0 && words <= 4 && lower == 0)
        flags |= DG_SENT_CREDIT;
    x->flags = flags;
    return 0;
}

/* Splits tokens [a, b) of one block into sentences. */
static int
split_block(struct dg_sentences *s, const struct dg_token *t, size_t a,
            size_t b, unsigned flags)
{
    size_t first = a;
    for (size_t k = a; k < b; k++) {
        if (!is_term(&t[k]))
            continue;
        size_t e = k + 1;
        while (e < b && is_closer(&t[e]))
            e++;
        if (e >= b)
            break;
        const struct dg_token *n = &t[e];
        int boundary = 0;
        if (n->flags & DG_TOK_SPACE) {
            if ((n->flags & (DG_TOK_CAP | DG_TOK_DIGIT)) || is_opener(n)) {
                boundary = !after_abbrev(t, first, k);
                /* "the U.S. The ..." */
                if (!boundary && k >= 2 && strcmp(t[k - 2].fold, ".") == 0 &&
                    (t[k - 1].flags & DG_TOK_CAP) &&
                    t[k - 1].end - t[k - 1].start == 1 &&
                    dg_word_in(starters, n->fold))
                    boundary = 1;
            }
        } else if (strcmp(t[k].fold, ".") == 0 && k > first &&
                   (n->flags & DG_TOK_CAP) && (n->flags & DG_TOK_WORD) &&
                   ends_lower(&t[k - 1]) &&
                   !dg_sentence_is_abbrev(t[k - 1].lower)) {
            /* "pandemic.Vietnamese", "said Saturday.During the talks":
             * paragraphs run together when a page was scraped */
            boundary = 1;
        }
        if (boundary) {
            if (push(s, t, first, e, flags) < 0)
                return -1;
            first = e;
            k = e - 1;
        }
    }
    return push(s, t, first, b, flags);
}

/* First token index whose start is >= off. */
static size_t
tok_at(const struct dg_token *t, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static unsigned
line_flags(int kind)
{
    switch (kind) {
    case DG_LINE_CAPTION: return DG_SENT_CAPTION;
    case DG_LINE_TRANSLATOR:
    case DG_LINE_BYLINE: return DG_SENT_CREDIT;
    case DG_LINE_CHROME: return DG_SENT_CHROME;
    default: return 0;
    }
}

struct dg_sentences *
dg_sentence_split(const char *text, const struct dg_article *a,
                  const struct dg_tokens *toks, struct dg_error *err)
{
    struct dg_sentences *s = calloc(1, sizeof *s);
    const struct dg_token *t = dg_tokens_get(toks);
    size_t nt = dg_tokens_count(toks), nl, i;
    const struct dg_line *lines = dg_article_lines(a, &nl);
    size_t dl_start = 0, dl_end = 0;
    int has_dl = dg_article_dateline(a, &dl_start, &dl_end) == 0;

    (void)text;
    if (!s)
        goto nomem;
    for (i = 0; i < nl; i++) {
        size_t start = lines[i].start, end = lines[i].end;
        size_t j = i;
        /* hard-wrapped text: the next line of the paragraph goes on in
         * lowercase and this one has no final punctuation */
        while (lines[j].kind == DG_LINE_BODY && j + 1 < nl &&
               !lines[j + 1].para && lines[j + 1].kind == DG_LINE_BODY) {
            size_t nt1 = tok_at(t, nt, lines[j + 1].start);
            size_t lt = tok_at(t, nt, lines[j].end);
            if (nt1 >= nt || !(t[nt1].flags & DG_TOK_LOWER) || lt == 0 ||
                is_term(&t[lt - 1]))
                break;
            j++;
            end = lines[j].end;
        }
        if (has_dl && start == dl_start)
            start = dl_end;
        size_t ta = tok_at(t, nt, start), tb = tok_at(t, nt, end);
        if (split_block(s, t, ta, tb, line_flags(lines[i].kind)) < 0)
            goto nomem;
        i = j;
    }
    return s;
nomem:
    dg_sentences_free(s);
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    return NULL;
}

void
dg_sentences_free(struct dg_sentences *s)
{
    if (!s)
        return;
    free(s->v);
    free(s);
}

size_t
dg_sentences_count(const struct dg_sentences *s)
{
    return s ? s->n : 0;
}

const struct dg_sentence *
dg_sentences_get(const struct dg_sentences *s, size_t i)
{
    return s && i < s->n ? &s->v[i] : NULL;
}
