/* entities.c: see entities.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/entities.h"

/* Capitalised function words that never start or continue a name. */
static const char *const stop_caps[] = {
    "The",      "A",         "An",           "At",      "In",
    "On",       "For",       "Of",           "And",     "By",
    "With",     "From",      "To",           "As",      "Its",
    "His",      "Her",       "Their",        "Our",     "This",
    "That",     "These",     "Those",        "During",  "After",
    "Before",   "Under",     "According",    "Both",    "Meanwhile",
    "However",  "Also",      "But",          "While",   "When",
    "He",       "She",       "It",           "They",    "We",
    "Speaking", "Regarding", "Apart",        "Besides", "Additionally",
    "Moreover", "Other",     "Participants", NULL};

const char *
dg_entities_name(struct dg_doc *d, size_t a, size_t b)
{
    size_t cap = 0;
    for (size_t k = a; k < b; k++)
        cap += d->tok[k].end - d->tok[k].start + 1;
    char *buf = malloc(cap + 1), *p = buf;
    if (!buf)
        return NULL;
    for (size_t k = a; k < b; k++) {
        if (k > a && (d->tok[k].flags & DG_TOK_SPACE))
            *p++ = ' ';
        memcpy(p, d->text + d->tok[k].start, d->tok[k].end - d->tok[k].start);
        p += d->tok[k].end - d->tok[k].start;
    }
    *p = '\0';
    const char *r = dg_doc_strdup(d, buf);
    free(buf);
    return r;
}

int
dg_entities_org(struct dg_doc *d, const char *name, const char *kind,
                int *created)
{
    *created = 0;
    char *slug = dg_text_slug(name, strlen(name));
    const char *iri = slug ? dg_doc_iri(d, "org/", slug) : NULL;
    free(slug);
    if (!iri)
        return -1;
    int id = dg_doc_entity_find(d, iri);
    if (id >= 0)
        return id;
    /* "United States' Indo-Pacific Command": a lexicon organisation's name
     * written with other punctuation is that organisation */
    long lex = dg_lexicon_org_by_slug(d->lex, strrchr(iri, '/') + 1);
    if (lex >= 0)
        return dg_doc_org(d, (size_t)lex);
    id = dg_doc_entity(d, DG_ENT_ORG, iri, name);
    if (id < 0 || dg_doc_prop_lit(d, id, DG_NS "orgKind", kind, NULL) < 0)
        return -1;
    *created = 1;
    return id;
}

static int
is_word(const struct dg_token *t)
{
    return (t->flags & DG_TOK_WORD) != 0;
}

static int
is_capword(const struct dg_token *t)
{
    return is_word(t) && (t->flags & (DG_TOK_CAP | DG_TOK_DIGIT)) &&
           !dg_word_in(stop_caps, t->fold);
}

static int
tok_eq(const struct dg_token *t, const char *s)
{
    return t->fold[0] == s[0] && strcmp(t->fold, s) == 0;
}

/* Which sentence-level scanning a token range gets. */
enum { SCAN_NONE = 0, SCAN_ORGS = 1, SCAN_ALL = 2 };

static int
scan_mode(const struct dg_doc *d, size_t k)
{
    if (d->dl_end > d->dl_first && k >= d->dl_first && k < d->dl_end)
        return SCAN_ORGS;
    long s = dg_doc_sentence_of(d, k);
    if (s < 0)
        return SCAN_NONE;
    unsigned f = d->sent[s].flags;
    if (f & (DG_SENT_CAPTION | DG_SENT_CHROME))
        return SCAN_NONE;
    if (f & DG_SENT_CREDIT)
        return SCAN_ORGS;
    return SCAN_ALL;
}

/* ---- lexicon entities ------------------------------------------------- */

static int
scan_lexicon(struct dg_doc *d, unsigned char *covered)
{
    const struct dg_trie *tr = dg_lexicon_entities(d->lex);
    size_t k = 0;

    while (k < d->ntok) {
        int mode = scan_mode(d, k);
        if (mode == SCAN_NONE || !is_word(&d->tok[k])) {
            k++;
            continue;
        }
        long s = dg_doc_sentence_of(d, k);
        size_t end = s >= 0 ? d->sent[s].tok_end : d->dl_end;
        int v;
        size_t n = dg_trie_match(tr, d->tok, k, end, 0, &v);
        if (n == 0) {
            k++;
            continue;
        }
        /* "ASEAN-hosted": fine; "asean.org": a host name, not the org */
        if (k + n < d->ntok && tok_eq(&d->tok[k + n], ".") &&
            !(d->tok[k + n].flags & DG_TOK_SPACE) && k + n + 1 < d->ntok &&
            (d->tok[k + n + 1].flags & DG_TOK_LOWER) &&
            !(d->tok[k + n + 1].flags & DG_TOK_SPACE)) {
            k += n;
            continue;
        }
        int kind = DG_LEX_KIND(v), id = -1;
        size_t idx = (size_t)DG_LEX_INDEX(v);
        if (kind == DG_LEX_COUNTRY && mode == SCAN_ALL)
            id = dg_doc_country(d, idx);
        else if (kind == DG_LEX_ORG)
            id = dg_doc_org(d, idx);
        else {
            k += n;
            continue; /* a blocker, or a country in the dateline */
        }
        if (id < 0 || dg_doc_mention(d, id, k, k + n, 0) < 0)
            return -1;
        if (kind == DG_LEX_ORG) {
            /* the variant as written, when it is not the name */
            const char *as = dg_entities_name(d, k, k + n);
            if (!as)
                return -1;
            if (strcmp(as, d->ent[id].name) != 0 && n > 1 &&
                (d->tok[k].flags & DG_TOK_CAP) &&
                dg_doc_prop_lit(d, id, DG_NS_SCHEMA "alternateName", as, NULL) <
                    0)
                return -1;
            if (n == 1 && (d->tok[k].flags & DG_TOK_ALLCAPS) &&
                strcmp(as, d->ent[id].name) != 0 &&
                dg_doc_prop_lit(d, id, DG_NS_SCHEMA "alternateName", as, NULL) <
                    0)
                return -1;
        }
        /* countries named inside an org name count as mentioned ("UN
         * Mission in South Sudan"), but not in datelines and credits */
        for (size_t j = k; kind == DG_LEX_ORG && mode == SCAN_ALL && j < k + n;
             j++) {
            int v2;
            size_t n2 = 0, lim = k + n;
            /* the longest form at j may be the org itself or another org
             * ("Singapore Navy" in "Republic of Singapore Navy"): try
             * shorter ones until a country or nothing is left */
            while (lim > j) {
                n2 = dg_trie_match(tr, d->tok, j, lim, 0, &v2);
                if (n2 == 0 || (n2 < n && DG_LEX_KIND(v2) == DG_LEX_COUNTRY))
                    break;
                lim = j + n2 - 1;
                n2 = 0;
            }
            if (n2 == 0)
                continue;
            if (DG_LEX_KIND(v2) == DG_LEX_COUNTRY) {
                int cid = dg_doc_country(d, (size_t)DG_LEX_INDEX(v2));
                if (cid < 0 || dg_doc_mention(d, cid, j, j + n2, 0) < 0)
                    return -1;
            }
            j += n2 - 1;
        }
        for (size_t j = k; j < k + n; j++)
            covered[j] = 1;
        k += n;
    }
    return 0;
}

/* ---- rule orgs -------------------------------------------------------- */

struct cand {
    size_t a, b; /* tokens of the name */
    size_t h;    /* first token of the head */
    size_t hb;   /* end of the head */
    size_t post; /* first token of the complement (b when none) */
    int head;    /* head index */
    int id;      /* entity id once registered */
};

static int
head_at(const struct dg_doc *d, size_t k, size_t end, size_t *n)
{
    int v;
    *n = dg_trie_match(dg_lexicon_org_heads(d->lex), d->tok, k, end, 0, &v);
    return *n ? v : -1;
}

static int
country_at(const struct dg_doc *d, size_t k, size_t end)
{
    int v;
    size_t n =
        dg_trie_match(dg_lexicon_entities(d->lex), d->tok, k, end, 0, &v);
    return n && DG_LEX_KIND(v) == DG_LEX_COUNTRY;
}

/* 1 when a rank ("General", "Brig. Gen.") or an honorific ("Tan Sri")
 * starts at token k (before end). */
static int
person_word_at(const struct dg_doc *d, size_t k, size_t end)
{
    int v;
    return dg_trie_match(dg_lexicon_ranks(d->lex), d->tok, k, end, 0, &v) ||
           dg_trie_match(dg_lexicon_honorifics(d->lex), d->tok, k, end, 0, &v);
}

/* 1 when the name [a, b) only modifies what follows it: a person ("Air
 * Force Brig. Gen. Pat Ryder", "Navy Capt. X") or an event named with it
 * ("the 17th ASEAN Navy Chiefs' Meeting"). */
static int
modifier_name(const struct dg_doc *d, size_t b, size_t end)
{
    if (b < end && person_word_at(d, b, end))
        return 1;
    const struct dg_trie *ev =
        dg_lex_table_trie(dg_lexicon_table(d->lex, "event-nouns.tsv"));
    size_t k = b;
    int v;
    while (k < end && k < b + 4) {
        const struct dg_token *t = &d->tok[k];
        if (ev && (t->flags & DG_TOK_CAP) &&
            dg_trie_match(ev, d->tok, k, end, DG_MATCH_ANYCASE, &v))
            return 1;
        if (is_capword(t) || ((tok_eq(t, "'") || tok_eq(t, "-")) &&
                              !(t->flags & DG_TOK_SPACE))) {
            k++;
            continue;
        }
        if (is_word(t) && strcmp(t->lower, "s") == 0 && k > b &&
            tok_eq(&d->tok[k - 1], "'")) {
            k++;
            continue;
        }
        break;
    }
    return 0;
}

/* Extends left from the head at h over a capitalised name. */
static size_t
extend_left(const struct dg_doc *d, size_t first, size_t h)
{
    size_t a = h;
    int saw_and = 0;
    while (a > first) {
        const struct dg_token *t = &d->tok[a - 1];
        /* "... General Tan Sri X and Indonesian Armed Forces": a rank or
         * an honorific belongs to a person, not to the org's name */
        /* ... but "General Authority for Statistics", "General Staff":
         * one rank word right before the head names the body */
        if (person_word_at(d, a - 1, h) && !country_at(d, a - 1, h) &&
            !(a == h && is_capword(t) &&
              dg_trie_match(dg_lexicon_ranks(d->lex), d->tok, a - 1, h, 0,
                            &(int){0}) == 1))
            break; /* "Sri" is an honorific, "Sri Lanka" a country */
        if (is_capword(t) || (t->flags & DG_TOK_ALLCAPS)) {
            a--;
            continue;
        }
        /* "Experts' Working Group", "Indo-Pacific", "U.N.", "ADMM+" */
        if (a - 1 > first && !(t->flags & DG_TOK_SPACE) &&
            (tok_eq(t, "'") || tok_eq(t, "-") || tok_eq(t, ".") ||
             tok_eq(t, "+")) &&
            (is_capword(&d->tok[a - 2]) ||
             (d->tok[a - 2].flags & DG_TOK_ALLCAPS) ||
             (tok_eq(t, "'") && d->tok[a - 2].fold[0] &&
              d->tok[a - 2].lower[strlen(d->tok[a - 2].lower) - 1] == 's'))) {
            a--;
            continue;
        }
        if (tok_eq(t, "+") && a - 1 > first &&
            (d->tok[a - 2].flags & DG_TOK_ALLCAPS)) {
            a--;
            continue;
        }
        /* "Women, Peace and Security Platform"; not "X and Thai Navy",
         * two names joined */
        if (a - 1 > first && tok_eq(t, "and") && is_capword(&d->tok[a - 2]) &&
            a < h && !country_at(d, a, h)) {
            saw_and = 1;
            a--;
            continue;
        }
        if (saw_and && a - 1 > first && tok_eq(t, ",") &&
            is_capword(&d->tok[a - 2])) {
            a--;
            continue;
        }
        break;
    }
    /* never start with a connector, punctuation or an ordinal ("14th
     * ... Committee meeting": the number belongs to the meeting) */
    while (a < h && (!is_word(&d->tok[a]) || tok_eq(&d->tok[a], "and") ||
                     (d->tok[a].flags & DG_TOK_DIGIT)))
        a++;
    return a;
}

/* Extends right from the head end hb over "of/for/on/in [the] Name". */
static size_t
extend_right(const struct dg_doc *d, size_t hb, size_t end)
{
    size_t b = hb, k = hb;
    int first = 1;
    while (k < end) {
        const struct dg_token *t = &d->tok[k];
        if (!(tok_eq(t, "of") || tok_eq(t, "for") || tok_eq(t, "on") ||
              (first && tok_eq(t, "in"))))
            break;
        size_t j = k + 1;
        if (j < end && (tok_eq(&d->tok[j], "the")))
            j++;
        if (j >= end || !is_capword(&d->tok[j]))
            break;
        if (!first && country_at(d, j, end))
            break;
        /* "Mission in South Sudan", but not "Training Centre in Son Tay":
         * "in" takes a country, anything else is where the org is */
        if (tok_eq(t, "in") && !country_at(d, j, end))
            break;
        size_t c = j, hn;
        int stop = 0;
        while (c < end) {
            const struct dg_token *x = &d->tok[c];
            if (head_at(d, c, end, &hn) >= 0) {
                stop = 1;
                break;
            }
            if (is_capword(x) || (x->flags & DG_TOK_ALLCAPS)) {
                c++;
                continue;
            }
            if ((tok_eq(x, "-") || tok_eq(x, "'")) &&
                !(x->flags & DG_TOK_SPACE) && c + 1 < end &&
                is_capword(&d->tok[c + 1])) {
                c++;
                continue;
            }
            /* "... for Somalia and Head of AU Mission": not a title */
            if (tok_eq(x, "and") && c + 1 < end && is_capword(&d->tok[c + 1]) &&
                head_at(d, c + 1, end, &hn) < 0 &&
                !dg_trie_match(dg_lexicon_titles(d->lex), d->tok, c + 1, end,
                               DG_MATCH_ANYCASE, &(int){0})) {
                c++;
                continue;
            }
            break;
        }
        if (stop || c == j)
            break;
        b = c;
        k = c;
        first = 0;
    }
    return b;
}

static int
find_candidates(struct dg_doc *d, const unsigned char *covered,
                struct cand **out, size_t *nout)
{
    struct cand *v = NULL;
    size_t n = 0, cap = 0;

    for (size_t s = 0; s < d->nsent; s++) {
        if (d->sent[s].flags & DG_SENT_NOMINE)
            continue;
        size_t first = d->sent[s].tok_first, end = d->sent[s].tok_end;
        for (size_t k = first; k < end; k++) {
            size_t hn;
            int head = head_at(d, k, end, &hn);
            if (head < 0)
                continue;
            const struct dg_lex_head *hd = dg_lexicon_org_head(d->lex, head);
            size_t a = hd->pre ? extend_left(d, first, k) : k;
            size_t b = hd->post ? extend_right(d, k + hn, end) : k + hn;
            /* "Defense Policy Bureau of ...": a pre name wins over a
             * post complement only when there is no complement */
            size_t words = 0;
            for (size_t j = a; j < b; j++)
                words += is_word(&d->tok[j]);
            size_t hwords = 0;
            for (size_t j = k; j < k + hn; j++)
                hwords += is_word(&d->tok[j]);
            if (words <= hwords || modifier_name(d, b, end)) {
                k += hn - 1;
                continue;
            }
            /* the whole phrase already is a lexicon entity */
            int all = 1;
            for (size_t j = a; j < b; j++)
                all &= covered[j];
            if (all) {
                k += hn - 1;
                continue;
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                struct cand *nv = realloc(v, cap * sizeof *nv);
                if (!nv) {
                    free(v);
                    return -1;
                }
                v = nv;
            }
            v[n].a = a;
            v[n].b = b;
            v[n].h = k;
            v[n].hb = k + hn;
            v[n].post = k + hn;
            v[n].head = head;
            v[n].id = -1;
            n++;
            k = b > k ? b - 1 : k;
        }
    }
    *out = v;
    *nout = n;
    return 0;
}

/* Folded lowercase words of tokens [a, b) joined by ' ', in buf. */
static void
words_of(const struct dg_doc *d, size_t a, size_t b, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = a; k < b; k++) {
        if (!is_word(&d->tok[k]))
            continue;
        size_t l = strlen(d->tok[k].lower);
        if (n + l + 2 >= size)
            break;
        if (n)
            buf[n++] = ' ';
        memcpy(buf + n, d->tok[k].lower, l);
        n += l;
        buf[n] = '\0';
    }
}

/* "Vietnamese Defense Ministry" (pre name, no complement) is an alias of
 * "Vietnamese Ministry of National Defense" when the first word agrees and
 * every word before the head occurs in the other's complement. */
static int
alias_of(const struct dg_doc *d, const struct cand *c, const struct cand *all,
         size_t n)
{
    if (c->b != c->hb || c->h == c->a)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct cand *o = &all[i];
        if (o == c || o->b == o->hb || o->head != c->head || o->id < 0)
            continue;
        if (strcmp(d->tok[o->a].lower, d->tok[c->a].lower) != 0)
            continue;
        char comp[512];
        words_of(d, o->hb, o->b, comp, sizeof comp);
        int ok = 1;
        for (size_t k = c->a + 1; k < c->h && ok; k++) {
            if (!is_word(&d->tok[k]))
                continue;
            const char *w = d->tok[k].lower;
            /* defence/defense */
            ok = strstr(comp, w) != NULL ||
                 (strncmp(w, "defen", 5) == 0 && strstr(comp, "defen"));
        }
        if (ok && c->h > c->a + 1)
            return o->id;
        if (ok && c->h == c->a + 1 && c->a < o->h)
            return o->id;
    }
    return -1;
}

/* "the Vietnamese Defense Ministry" when the article has no Vietnamese
 * ministry of defence but names another one "Singaporean Ministry of
 * National Defense": the canonical name follows the article's style,
 * "Vietnamese Ministry of National Defense".  NULL when no style fits. */
static const char *
style_name(struct dg_doc *d, const struct cand *c, const struct cand *all,
           size_t n)
{
    if (c->b != c->hb || c->h < c->a + 2)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const struct cand *o = &all[i];
        if (o == c || o->b == o->hb || o->head != c->head)
            continue;
        /* the words between the adjective and the head must end the
         * other's complement: "Defense" ends "of National Defense" */
        size_t cw = c->h - (c->a + 1), ow = o->b - o->hb;
        if (cw >= ow)
            continue;
        int ok = 1;
        for (size_t k = 0; k < cw && ok; k++) {
            const char *x = d->tok[c->a + 1 + k].lower;
            const char *y = d->tok[o->b - cw + k].lower;
            ok = strcmp(x, y) == 0 ||
                 (strncmp(x, "defen", 5) == 0 && strncmp(y, "defen", 5) == 0);
        }
        if (!ok)
            continue;
        /* adjective as written + head + the other's complement */
        const char *adj = dg_entities_name(d, c->a, c->a + 1);
        const char *rest = dg_entities_name(d, o->h, o->b);
        return adj && rest ? dg_doc_printf(d, "%s %s", adj, rest) : NULL;
    }
    return NULL;
}

static int
register_candidates(struct dg_doc *d, struct cand *v, size_t n)
{
    /* names with a complement first, so aliases can find them */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            struct cand *c = &v[i];
            int has_post = c->b > c->hb;
            if ((pass == 0) != has_post)
                continue;
            int id = pass == 1 ? alias_of(d, c, v, n) : -1;
            const char *name = dg_entities_name(d, c->a, c->b);
            if (!name)
                return -1;
            const char *alt = NULL;
            if (id < 0 && pass == 1 && (alt = style_name(d, c, v, n)) != NULL) {
                const char *written = name;
                name = alt;
                alt = written;
            }
            if (id >= 0) {
                if (dg_doc_prop_lit(d, id, DG_NS_SCHEMA "alternateName", name,
                                    NULL) < 0)
                    return -1;
            } else {
                int created;
                id = dg_entities_org(d, name,
                                     dg_lexicon_org_head(d->lex, c->head)->kind,
                                     &created);
                if (id < 0)
                    return -1;
                if (alt && dg_doc_prop_lit(d, id, DG_NS_SCHEMA "alternateName",
                                           alt, NULL) < 0)
                    return -1;
            }
            c->id = id;
            if (dg_doc_mention(d, id, c->a, c->b, DG_MEN_RULE) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- nesting, hierarchy, acronyms ------------------------------------- */

/* Flags mentions inside a longer one.  Needs sorted mentions (by start,
 * longer first): a container always comes before what it contains. */
static void
mark_nested(struct dg_doc *d)
{
    size_t best_end = 0, best_len = 0;
    int have = 0;
    for (size_t i = 0; i < d->nmen; i++) {
        struct dg_mention *m = &d->men[i];
        size_t len = m->tok_end - m->tok_first;
        if (have && best_end >= m->tok_end && best_len > len)
            m->flags |= DG_MEN_NESTED;
        if (!have || m->tok_end > best_end) {
            best_end = m->tok_end;
            best_len = len;
            have = 1;
        }
    }
}

/* Org mention (not nested) that ends at token b (exclusive), or -1.
 * Needs sorted mentions. */
static long
org_ending_at(const struct dg_doc *d, size_t b)
{
    long best = -1;
    if (b == 0)
        return -1;
    long s = dg_doc_sentence_of(d, b - 1);
    size_t n;
    const struct dg_mention *m =
        s >= 0 ? dg_doc_mentions_in(d, (size_t)s, &n) : NULL;
    for (size_t i = 0; m && i < n; i++)
        if (m[i].kind == DG_ENT_ORG && m[i].tok_end == b &&
            !(m[i].flags & DG_MEN_NESTED))
            best = (long)(m + i - d->men);
    return best;
}

/* Org mention (not nested) that starts at token a, or -1.  Needs sorted
 * mentions. */
static long
org_starting_at(const struct dg_doc *d, size_t a)
{
    size_t lo = 0, hi = d->nmen;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->men[mid].tok_first < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < d->nmen && d->men[i].tok_first == a; i++)
        if (d->men[i].kind == DG_ENT_ORG && !(d->men[i].flags & DG_MEN_NESTED))
            return (long)i;
    return -1;
}

static int
link_hierarchy(struct dg_doc *d)
{
    for (size_t i = 0; i < d->nmen; i++) {
        const struct dg_mention *m = &d->men[i];
        if (m->kind != DG_ENT_ORG || (m->flags & DG_MEN_NESTED))
            continue;
        size_t k = m->tok_end;
        if (k >= d->ntok ||
            !(tok_eq(&d->tok[k], "under") || tok_eq(&d->tok[k], "of")))
            continue;
        /* "X of the Y" makes X a part of Y only for units of a body */
        const char *kind = dg_doc_prop_get(d, m->entity, DG_NS "orgKind");
        if (tok_eq(&d->tok[k], "of") &&
            !(kind &&
              (strcmp(kind, "department") == 0 || strcmp(kind, "agency") == 0 ||
               strcmp(kind, "working group") == 0 ||
               strcmp(kind, "military") == 0)))
            continue;
        k++;
        if (k < d->ntok && tok_eq(&d->tok[k], "the"))
            k++;
        long p = org_starting_at(d, k);
        if (p < 0 || d->men[p].entity == m->entity)
            continue;
        /* an intergovernmental body is not part of a national one */
        if (dg_doc_prop_iri(d, m->entity, DG_NS_ORG "subOrganizationOf",
                            d->ent[d->men[p].entity].iri) < 0)
            return -1;
    }
    return 0;
}

static int
scan_acronyms(struct dg_doc *d)
{
    for (size_t k = 1; k + 2 < d->ntok; k++) {
        if (!tok_eq(&d->tok[k], "("))
            continue;
        /* the acronym: one all-caps word, maybe with "+" or digits */
        size_t j = k + 1;
        if (!(d->tok[j].flags & DG_TOK_ALLCAPS))
            continue;
        size_t e = j + 1;
        while (e < d->ntok && !(d->tok[e].flags & DG_TOK_SPACE) &&
               (tok_eq(&d->tok[e], "+") || (d->tok[e].flags & DG_TOK_DIGIT) ||
                tok_eq(&d->tok[e], "-")))
            e++;
        if (e >= d->ntok || !tok_eq(&d->tok[e], ")"))
            continue;
        const char *acr = dg_entities_name(d, j, e);
        if (!acr)
            return -1;
        long m = org_ending_at(d, k);
        int id = m >= 0 ? d->men[m].entity : -1;
        size_t a = k;
        if (m >= 0) {
            a = d->men[m].tok_first;
        } else {
            /* the capitalised words before "(" */
            long s = dg_doc_sentence_of(d, k);
            size_t first = s >= 0 ? d->sent[s].tok_first : 0;
            while (a > first && (is_capword(&d->tok[a - 1]) ||
                                 (d->tok[a - 1].flags & DG_TOK_ALLCAPS) ||
                                 tok_eq(&d->tok[a - 1], "'") ||
                                 tok_eq(&d->tok[a - 1], "of") ||
                                 tok_eq(&d->tok[a - 1], "on") ||
                                 tok_eq(&d->tok[a - 1], "for") ||
                                 tok_eq(&d->tok[a - 1], "and") ||
                                 tok_eq(&d->tok[a - 1], "-")))
                a--;
            while (a < k && !is_capword(&d->tok[a]))
                a++;
        }
        if (a == k)
            continue;
        if (id >= 0) {
            long ja = -1;
            int v;
            /* the acronym itself may be a lexicon org of its own */
            if (dg_trie_match(dg_lexicon_entities(d->lex), d->tok, j, e, 0, &v))
                ja = DG_LEX_KIND(v) == DG_LEX_ORG ? DG_LEX_INDEX(v) : -1;
            if (ja < 0 || d->ent[id].lex == ja) {
                if (dg_doc_prop_lit(d, id, DG_NS_SCHEMA "alternateName", acr,
                                    NULL) < 0)
                    return -1;
                /* the acronym mention names the same org */
                if (dg_doc_mention(d, id, j, e, 0) < 0)
                    return -1;
            }
        }
        if (dg_doc_acronym(d, acr, a, k, id) < 0)
            return -1;
    }
    return 0;
}

int
dg_entities_scan(struct dg_doc *d, struct dg_error *err)
{
    unsigned char *covered = calloc(d->ntok + 1, 1);
    struct cand *cands = NULL;
    size_t ncands = 0;
    int rc = -1;

    if (!covered)
        goto out;
    if (scan_lexicon(d, covered) < 0 ||
        find_candidates(d, covered, &cands, &ncands) < 0 ||
        register_candidates(d, cands, ncands) < 0)
        goto out;
    if (dg_doc_sort_mentions(d) < 0)
        goto out;
    mark_nested(d);
    if (link_hierarchy(d) < 0 || scan_acronyms(d) < 0)
        goto out;
    if (dg_doc_sort_mentions(d) < 0)
        goto out;
    mark_nested(d);
    rc = 0;
out:
    if (rc < 0)
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    free(covered);
    free(cands);
    return rc;
}
