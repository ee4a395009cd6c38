/* topics.c: see topics.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/match.h"
#include "extract/text.h"
#include "extract/topics.h"

#define TOPICS "topics.tsv"
#define MAX_ITEM_TOK 8
#define MAX_TITLE_TOK 16
#define MAX_SEGMENT 40

enum cand_kind { C_KEYWORD, C_PHRASE };

struct cand {
    int event;
    const char *label; /* doc arena */
    size_t a, b;       /* source span, a == b for dg_topics_text */
    int kind;          /* enum cand_kind */
};

struct dg_topics {
    struct dg_doc *d;
    const struct dg_lex_table *tab;
    struct cand *c;
    size_t n, cap;
};

enum tclass {
    T_NONE,
    T_KEYWORD,
    T_CUE,
    T_LIST,
    T_STOP,
    T_DROP,
    T_AFFIX,
    T_GENERIC,
    T_REQUEST
};

struct dg_topics *
dg_topics_new(struct dg_doc *d)
{
    struct dg_topics *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->d = d;
    t->tab = dg_lexicon_table(d->lex, TOPICS);
    return t;
}

void
dg_topics_free(struct dg_topics *t)
{
    if (!t)
        return;
    free(t->c);
    free(t);
}

/* The class of the longest entry at k; *len and *row get its extent. */
static int
class_at(const struct dg_topics *t, const struct dg_token *tok, size_t k,
         size_t end, size_t *len, int *row)
{
    *len = 0;
    if (!t->tab || k >= end)
        return T_NONE;
    *len = dg_trie_match(dg_lex_table_trie(t->tab), tok, k, end, 0, row);
    if (!*len)
        return T_NONE;
    const char *l = dg_lex_table_field(t->tab, (size_t)*row, 1);
    if (l[0] != '@')
        return T_KEYWORD;
    if (strcmp(l, "@cue") == 0)
        return T_CUE;
    if (strcmp(l, "@list") == 0)
        return T_LIST;
    if (strcmp(l, "@stop") == 0)
        return T_STOP;
    if (strcmp(l, "@drop") == 0)
        return T_DROP;
    if (strcmp(l, "@affix") == 0)
        return T_AFFIX;
    if (strcmp(l, "@generic") == 0)
        return T_GENERIC;
    if (strcmp(l, "@request") == 0)
        return T_REQUEST;
    return T_NONE;
}

static int
add_cand(struct dg_topics *t, int event, const char *label, size_t a, size_t b,
         int kind)
{
    if (!label || !label[0])
        return label ? 0 : -1;
    for (size_t i = 0; i < t->n; i++)
        if (t->c[i].event == event && strcmp(t->c[i].label, label) == 0)
            return 0;
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 32;
        struct cand *c = realloc(t->c, nc * sizeof *c);
        if (!c)
            return -1;
        t->c = c;
        t->cap = nc;
    }
    t->c[t->n++] = (struct cand){event, label, a, b, kind};
    return 0;
}

static int
is_punct(const struct dg_token *tk, const char *s)
{
    return !(tk->flags & DG_TOK_WORD) && strcmp(tk->lower, s) == 0;
}

/* A token that only glues words ("-", "'", "+", "." in "U.N."). */
static int
is_glue(const struct dg_token *t, size_t k, size_t end)
{
    const struct dg_token *x = &t[k];
    if (x->flags & DG_TOK_WORD)
        return 0;
    if (strcmp(x->lower, "-") == 0 || strcmp(x->lower, "'") == 0 ||
        strcmp(x->lower, "+") == 0 || strcmp(x->lower, "/") == 0)
        return 1;
    /* "U.N.": a full stop right after a one-letter word */
    return strcmp(x->lower, ".") == 0 && k > 0 &&
           (t[k - 1].flags & DG_TOK_WORD) &&
           t[k - 1].end - t[k - 1].start == 1 &&
           (k + 1 >= end || !(t[k + 1].flags & DG_TOK_SPACE) ||
            (t[k + 1].flags & DG_TOK_WORD));
}

static const char *const stop_words[] = {
    "the",   "a",     "an",  "of",   "on",   "in",    "for",   "to",
    "with",  "at",    "and", "by",   "s",    "from",  "as",    "its",
    "their", "his",   "her", "this", "that", "these", "those", "between",
    "among", "under", "via", "or",   NULL};

static size_t
content_count(const struct dg_token *t, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t k = a; k < b; k++)
        n += (t[k].flags & DG_TOK_WORD) && !dg_word_in(stop_words, t[k].lower);
    return n;
}

/* The label of tokens [a, b): folded lowercase forms, a space where the
 * text has one.  Owned by the doc. */
static const char *
label_of(struct dg_doc *d, size_t a, size_t b)
{
    size_t cap = 1;
    for (size_t k = a; k < b; k++)
        cap += strlen(d->tok[k].lower) + 1;
    char *buf = malloc(cap), *p = buf;
    if (!buf)
        return NULL;
    for (size_t k = a; k < b; k++) {
        if (k > a && (d->tok[k].flags & DG_TOK_SPACE))
            *p++ = ' ';
        size_t n = strlen(d->tok[k].lower);
        memcpy(p, d->tok[k].lower, n);
        p += n;
    }
    *p = '\0';
    const char *r = dg_doc_strdup(d, buf);
    free(buf);
    return r;
}

/* Index+1 of an org mention covering token k, 0 none; *end gets its
 * end, *ent its entity. */
static size_t
org_cover_ent(const struct dg_doc *d, size_t k, size_t *end, int *ent)
{
    long s = dg_doc_sentence_of(d, k);
    size_t n;
    if (s < 0 || !d->sent_men)
        return 0;
    const struct dg_mention *m = dg_doc_mentions_in(d, (size_t)s, &n);
    for (size_t i = 0; i < n; i++)
        if (m[i].kind == DG_ENT_ORG && m[i].tok_first <= k &&
            k < m[i].tok_end) {
            if (end)
                *end = m[i].tok_end;
            if (ent)
                *ent = m[i].entity;
            return i + 1;
        }
    return 0;
}

static size_t
org_cover(const struct dg_doc *d, size_t k, size_t *end)
{
    return org_cover_ent(d, k, end, NULL);
}

/* The short name of org entity id (its acronym when it has one). */
static const char *
org_short(const struct dg_doc *d, int id)
{
    const struct dg_entity *e = &d->ent[id];
    if (e->lex >= 0) {
        const struct dg_lex_org *o = dg_lexicon_org(d->lex, (size_t)e->lex);
        if (o && o->acronym[0])
            return o->acronym;
    }
    return e->name;
}

/* prefix + " " + s in lowercase ASCII, owned by d. */
static const char *
prefixed(struct dg_doc *d, const char *prefix, const char *s)
{
    const char *r = dg_doc_printf(d, "%s %s", prefix, s);
    if (r)
        for (char *p = (char *)r; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    return r;
}

/* Adds the item [a, b) after trimming; quoted: a title (one item). */
static int
add_item(struct dg_topics *t, int event, size_t a, size_t b, int quoted,
         const char *prefix)
{
    struct dg_doc *d = t->d;
    const struct dg_token *tk = d->tok;
    size_t len;
    int row;

    /* leading "and", punctuation and drop phrases */
    for (;;) {
        while (a < b && (!(tk[a].flags & DG_TOK_WORD) ||
                         strcmp(tk[a].lower, "and") == 0 ||
                         strcmp(tk[a].lower, "or") == 0))
            a++;
        if (a < b && class_at(t, tk, a, b, &len, &row) == T_DROP &&
            a + len < b) {
            a += len;
            continue;
        }
        if (a < b &&
            (strcmp(tk[a].lower, "in") == 0 || strcmp(tk[a].lower, "on") == 0 ||
             strcmp(tk[a].lower, "of") == 0))
            a++;
        else
            break;
    }
    /* "is continuously developing": no phrase */
    if (a < b && !quoted && class_at(t, tk, a, b, &len, &row) == T_STOP)
        return 0;
    /* cut at a comma, a stop phrase or an opening bracket */
    for (size_t k = a; k < b; k++) {
        if (is_punct(&tk[k], ",") || is_punct(&tk[k], ":") ||
            (!quoted && is_punct(&tk[k], "(") && k > a)) {
            if (!quoted || content_count(tk, a, k) >= 2)
                b = k;
            break;
        }
        if (!quoted && k > a && class_at(t, tk, k, b, &len, &row) == T_STOP) {
            b = k;
            break;
        }
    }
    while (b > a && !(tk[b - 1].flags & DG_TOK_WORD) &&
           !is_punct(&tk[b - 1], ")") && !is_punct(&tk[b - 1], "+"))
        b--;
    if (b <= a || content_count(tk, a, b) == 0)
        return 0;
    if (b - a > (quoted ? MAX_TITLE_TOK : MAX_ITEM_TOK))
        return 0;
    /* "issues of global concern", "the proposed agenda": a generic head */
    if (!quoted && class_at(t, tk, b - 1, b, &len, &row) == T_GENERIC)
        return 0;
    /* an organisation's name is not a topic (but "preparations for" it
     * is) */
    size_t oend;
    int org;
    if (org_cover_ent(d, a, &oend, &org) && oend >= a + (b - a + 1) / 2)
        return prefix && prefix[0]
                   ? add_cand(t, event, prefixed(d, prefix, org_short(d, org)),
                              a, b, C_PHRASE)
                   : 0;
    const char *label;
    /* the whole item is a keyword: its label */
    if (class_at(t, tk, a, b, &len, &row) == T_KEYWORD && a + len == b)
        label = dg_lex_table_field(t->tab, (size_t)row, 1);
    else
        label = label_of(d, a, b);
    if (prefix && prefix[0])
        label = prefixed(d, prefix, label);
    return add_cand(t, event, label, a, b, C_PHRASE);
}

/* 1 when a keyword starting in [a, k) covers token k ("humanitarian
 * assistance and disaster relief" is one topic). */
static int
in_keyword(const struct dg_topics *t, size_t a, size_t k, size_t b)
{
    size_t len;
    int row;
    for (size_t j = a; j < k; j++)
        if (class_at(t, t->d->tok, j, b, &len, &row) == T_KEYWORD &&
            j + len > k)
            return 1;
    return 0;
}

/* Splits [a, b) at ';' (list_semi), else at ',' (when commas) and at an
 * "and" joining two phrases; adds each item. */
static int
add_items(struct dg_topics *t, int event, size_t a, size_t b, int commas,
          const char *prefix)
{
    const struct dg_token *tk = t->d->tok;
    int semi = 0;
    /* "... and security trends, MINDEF added": the source of the report
     * is no item */
    static const char *const says[] = {
        "said",     "added",     "noted", "stated", "told",
        "reported", "according", "says",  "adds",   NULL};
    for (size_t k = a; k < b; k++)
        if (is_punct(&tk[k], ",")) {
            for (size_t j = k + 1; j < t->d->ntok && j < k + 6; j++)
                if (dg_word_in(says, tk[j].lower)) {
                    b = k;
                    break;
                }
        }
    for (size_t k = a; k < b; k++)
        semi |= is_punct(&tk[k], ";");
    size_t s = a;
    for (size_t k = a; k <= b; k++) {
        int cut = k == b;
        if (!cut && semi)
            cut = is_punct(&tk[k], ";");
        else if (!cut && commas && is_punct(&tk[k], ","))
            cut = 1;
        else if (!cut && !semi && strcmp(tk[k].lower, "and") == 0 &&
                 content_count(tk, s, k) >= 2 &&
                 content_count(tk, k + 1, b) >= 1 && !in_keyword(t, s, k, b))
            cut = 1;
        if (cut) {
            if (add_item(t, event, s, k, 0, prefix) < 0)
                return -1;
            s = k + 1;
        }
    }
    return 0;
}

/* "and agreed to ...", "and stressed that ...": a new clause starts at
 * the "and" at k. */
static int
verb_after_and(const struct dg_token *tk, size_t k, size_t end)
{
    if (strcmp(tk[k].lower, "and") || k + 2 >= end)
        return 0;
    const char *w = tk[k + 1].lower;
    size_t n = strlen(w);
    if (!(tk[k + 1].flags & DG_TOK_LOWER) || n < 4 || strcmp(w + n - 2, "ed"))
        return 0;
    w = tk[k + 2].lower;
    return !strcmp(w, "to") || !strcmp(w, "that") || !strcmp(w, "the") ||
           !strcmp(w, "a") || !strcmp(w, "an") || !strcmp(w, "on") ||
           !strcmp(w, "their") || !strcmp(w, "its");
}

/* The phrase after a cue ending at p: a quoted title, or items up to the
 * end of the clause. */
static int
take_after(struct dg_topics *t, int event, size_t p, size_t end, int list,
           const char *prefix)
{
    const struct dg_token *tk = t->d->tok;
    size_t len;
    int row;

    while (p < end && (strcmp(tk[p].lower, "are") == 0 ||
                       strcmp(tk[p].lower, "include") == 0 ||
                       strcmp(tk[p].lower, "includes") == 0 ||
                       is_punct(&tk[p], ":") || is_punct(&tk[p], ",")))
        p++;
    if (p < end && (!strcmp(tk[p].lower, "and") || !strcmp(tk[p].lower, "or")))
        return 0; /* "to discuss and exchange": a verb follows */
    if (p < end && (is_punct(&tk[p], "\"") || is_punct(&tk[p], "'"))) {
        size_t q = p + 1;
        while (q < end && q < p + 1 + 40 && !is_punct(&tk[q], "\""))
            q++;
        if (q < end && is_punct(&tk[q], "\""))
            return add_item(t, event, p + 1, q, 1, prefix);
        return 0;
    }
    size_t q = p;
    while (q < end && q < p + (list ? 3 * MAX_SEGMENT / 2 : MAX_SEGMENT)) {
        if (is_punct(&tk[q], ".") && !is_glue(tk, q, end))
            break;
        if (!list && (is_punct(&tk[q], ";") || is_punct(&tk[q], "\"")))
            break;
        if (!list && class_at(t, tk, q, end, &len, &row) == T_STOP)
            break;
        if (!list && verb_after_and(tk, q, end))
            break;
        q++;
    }
    return add_items(t, event, p, q, 1, prefix);
}

/* 1 when the keyword at [a, b) is the end of a compound
 * ("civil-military cooperation" is not military cooperation). */
static int
in_compound(const struct dg_topics *t, size_t a)
{
    const struct dg_token *tk = t->d->tok;
    long s = dg_doc_sentence_of(t->d, a);
    if (s < 0 || a < t->d->sent[s].tok_first + 2)
        return 0;
    size_t len;
    int row;
    return !strcmp(tk[a - 1].lower, "-") && !(tk[a - 1].flags & DG_TOK_SPACE) &&
           !(tk[a].flags & DG_TOK_SPACE) && (tk[a - 2].flags & DG_TOK_WORD) &&
           class_at(t, tk, a - 2, a - 1, &len, &row) != T_AFFIX;
}

/* 1 when the capitalised keyword at [a, b) is part of the job title of a
 * person of the sentence ("Director for Defense Cooperation"). */
static int
in_title(const struct dg_topics *t, size_t a, size_t b)
{
    struct dg_doc *d = t->d;
    const struct dg_token *tk = d->tok;
    long s = dg_doc_sentence_of(d, a);
    size_t n;
    if (s < 0 || !d->sent_men)
        return 0;
    for (size_t k = a; k < b; k++)
        if ((tk[k].flags & DG_TOK_WORD) && !(tk[k].flags & DG_TOK_CAP))
            return 0;
    const char *span = dg_doc_span(d, a, b);
    const struct dg_mention *m = dg_doc_mentions_in(d, (size_t)s, &n);
    for (size_t i = 0; span && i < n; i++) {
        if (m[i].kind != DG_ENT_PERSON)
            continue;
        const struct dg_entity *e = &d->ent[m[i].entity];
        for (size_t p = 0; p < e->nprops; p++)
            if (!strcmp(e->props[p].p, DG_NS_SCHEMA "jobTitle") &&
                strstr(e->props[p].o, span))
                return 1;
    }
    return 0;
}

int
dg_topics_scan(struct dg_topics *t, int event, size_t a, size_t b,
               unsigned flags)
{
    const struct dg_token *tk = t->d->tok;
    size_t len, oend;
    int row;

    for (size_t k = a; k < b; k++) {
        int c = class_at(t, tk, k, b, &len, &row);
        /* a keyword inside an organisation's name is the name's */
        if ((flags & DG_TOPICS_KEYWORDS) && org_cover(t->d, k, &oend) &&
            !(c == T_KEYWORD && k + len > oend)) {
            k = oend - 1;
            continue;
        }
        /* "asked X to help Y access to COVID-19 vaccines": the rest of
         * the sentence names the things asked for */
        if (c == T_REQUEST && (flags & DG_TOPICS_KEYWORDS) &&
            !(flags & DG_TOPICS_CUES))
            break;
        if (c == T_KEYWORD && (flags & DG_TOPICS_KEYWORDS) &&
            !in_compound(t, k) && !in_title(t, k, k + len)) {
            if (add_cand(t, event, dg_lex_table_field(t->tab, (size_t)row, 1),
                         k, k + len, C_KEYWORD) < 0)
                return -1;
        } else if ((c == T_CUE || c == T_LIST) && (flags & DG_TOPICS_CUES)) {
            if (take_after(t, event, k + len, b, c == T_LIST,
                           dg_lex_table_field(t->tab, (size_t)row, 2)) < 0)
                return -1;
        }
        if (len > 1)
            k += len - 1;
    }
    return 0;
}

int
dg_topics_phrase(struct dg_topics *t, int event, size_t a, size_t b)
{
    if (a < b && (is_punct(&t->d->tok[a], "\"")))
        return take_after(t, event, a, b, 0, NULL);
    return add_items(t, event, a, b, 1, NULL);
}

int
dg_topics_has_list(const struct dg_topics *t, size_t a, size_t b)
{
    size_t len;
    int row;
    for (size_t k = a; k < b; k++)
        if (class_at(t, t->d->tok, k, b, &len, &row) == T_LIST)
            return 1;
    return 0;
}

int
dg_topics_text(struct dg_topics *t, int event, const char *s)
{
    struct dg_tokens *toks = dg_tokens_new(s, 0, strlen(s));
    int rc = -1;
    size_t len;
    int row;

    if (!toks)
        return -1;
    const struct dg_token *tk = dg_tokens_get(toks);
    size_t n = dg_tokens_count(toks);
    for (size_t k = 0; k < n; k++) {
        if (class_at(t, tk, k, n, &len, &row) == T_KEYWORD &&
            add_cand(t, event, dg_lex_table_field(t->tab, (size_t)row, 1), 0, 0,
                     C_KEYWORD) < 0)
            goto out;
        if (len > 1)
            k += len - 1;
    }
    rc = 0;
out:
    dg_tokens_free(toks);
    return rc;
}

static int
word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80;
}

/* The next word of *p (its length in *n, 0 at the end); advances *p. */
static const char *
next_word(const char **p, size_t *n)
{
    const char *s = *p;
    while (*s && !word_char(*s))
        s++;
    const char *w = s;
    while (word_char(*s))
        s++;
    *n = (size_t)(s - w);
    *p = s;
    return w;
}

/* 1 when every word of label a is a word of label b. */
static int
words_in(const char *a, const char *b)
{
    size_t n, m;
    for (const char *w; (w = next_word(&a, &n)), n;) {
        int found = 0;
        const char *q = b;
        for (const char *x; (x = next_word(&q, &m)), m;)
            if (m == n && strncmp(x, w, n) == 0) {
                found = 1;
                break;
            }
        if (!found)
            return 0;
    }
    return 1;
}

static int
dropped(const struct dg_topics *t, const struct cand *c)
{
    if (c->kind != C_KEYWORD)
        return 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct cand *p = &t->c[i];
        if (p == c || p->kind != C_PHRASE)
            continue;
        if (c->a < c->b && p->a <= c->a && c->b <= p->b)
            return 1;
        if (p->event == c->event && words_in(c->label, p->label))
            return 1;
    }
    return 0;
}

int
dg_topics_emit(struct dg_topics *t, size_t max_per_event)
{
    struct dg_doc *d = t->d;
    for (size_t i = 0; i < t->n; i++) {
        const struct cand *c = &t->c[i];
        if (dropped(t, c))
            continue;
        size_t before = 0;
        for (size_t j = 0; j < i; j++)
            before += t->c[j].event == c->event && !dropped(t, &t->c[j]);
        if (before >= max_per_event)
            continue;
        char *slug = dg_text_slug(c->label, strlen(c->label));
        if (!slug)
            return -1;
        if (!slug[0]) {
            free(slug);
            continue;
        }
        const char *iri = dg_doc_iri(d, "topic/", slug);
        free(slug);
        if (!iri)
            return -1;
        if (dg_doc_entity(d, DG_ENT_TOPIC, iri, c->label) < 0 ||
            dg_doc_prop_iri(d, c->event, DG_NS_SCHEMA "about", iri) < 0)
            return -1;
    }
    return 0;
}
