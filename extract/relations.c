/* relations.c: see relations.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/np.h"
#include "extract/parties.h"
#include "extract/relations.h"

#define MAXC 16

struct rs {
    struct dg_doc *d;
    const struct dg_cues *c;
    struct dg_np *np;
    int err;
};

static int
is_w(const struct dg_doc *d, size_t k, const char *w)
{
    return k < d->ntok && dg_tok_is_ci(&d->tok[k], w);
}

static void
add_id(int *v, size_t *n, int id)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i] == id)
            return;
    if (*n < MAXC)
        v[(*n)++] = id;
}

int
dg_relations_cooperate(struct dg_doc *d, int a, int b)
{
    if (a < 0 || b < 0 || a == b || d->ent[a].kind != DG_ENT_COUNTRY ||
        d->ent[b].kind != DG_ENT_COUNTRY)
        return 0;
    const char *ia = d->ent[a].iri, *ib = d->ent[b].iri;
    if (dg_doc_prop_iri(d, a, DG_NS "cooperatesWith", ib) < 0 ||
        dg_doc_prop_iri(d, b, DG_NS "cooperatesWith", ia) < 0)
        return -1;
    return 0;
}

static void
rel(struct rs *s, int from, const char *p, int to)
{
    if (from < 0 || to < 0 || from == to)
        return;
    if (dg_doc_prop_iri(s->d, from, p, s->d->ent[to].iri) < 0)
        s->err = 1;
}

/* The country mention at token k (head or possessor), or NULL. */
static const struct dg_mention *
country_at(const struct rs *s, size_t k, size_t end)
{
    const struct dg_mention *m = dg_np_at(s->np, k);
    size_t after;
    if (!m || m->kind != DG_ENT_COUNTRY)
        return NULL;
    int r = dg_np_role(s->np, m, end, &after);
    return r == DG_NP_MODIFIER || r == DG_NP_TITLE ? NULL : m;
}

/* Countries of a list "A, B and C" that ends just before token k. */
static size_t
list_before(const struct rs *s, size_t k, size_t a0, size_t end, int *out)
{
    size_t n = 0;
    while (k > a0) {
        const struct dg_mention *m = dg_np_at(s->np, k - 1);
        if (m && m->kind == DG_ENT_COUNTRY) {
            size_t after;
            int r = dg_np_role(s->np, m, end, &after);
            if (r == DG_NP_MODIFIER || r == DG_NP_TITLE)
                break;
            add_id(out, &n, m->entity);
            k = m->tok_first;
            continue;
        }
        if (n > 0 &&
            (is_w(s->d, k - 1, "and") || dg_np_punct(s->d, k - 1, ","))) {
            k--;
            continue;
        }
        break;
    }
    return n;
}

/* Countries of a list "A, B and C" that starts at token k. */
static size_t
list_after(const struct rs *s, size_t k, size_t end, int *out)
{
    size_t n = 0;
    while (k < end) {
        const struct dg_mention *m = dg_np_at(s->np, k);
        if (m && m->tok_first == k && m->kind == DG_ENT_COUNTRY) {
            add_id(out, &n, m->entity);
            k = m->tok_end;
            continue;
        }
        if (n > 0 && (is_w(s->d, k, "and") || dg_np_punct(s->d, k, ","))) {
            k++;
            continue;
        }
        break;
    }
    return n;
}

/* The org of the doc whose name starts with the capitalised words at
 * token k ("the Experts' Working Group" for "Experts' Working Group on
 * Peacekeeping Operations" named elsewhere), or -1.  Two words at least. */
static int
org_by_prefix(const struct rs *s, size_t k, size_t end)
{
    const struct dg_doc *d = s->d;
    size_t e = k, words = 0;
    int best = -1;

    while (e < end && ((d->tok[e].flags & DG_TOK_CAP) ||
                       (dg_np_punct(d, e, "'") && e > k))) {
        words += (d->tok[e].flags & DG_TOK_WORD) != 0;
        e++;
    }
    /* the longest run of words that starts an org's name */
    for (; words >= 2 && best < 0; words--) {
        while (e > k && !(d->tok[e - 1].flags & DG_TOK_WORD))
            e--;
        char *p = dg_text_fold(d->text + d->tok[k].start,
                               d->tok[e - 1].end - d->tok[k].start, 1);
        if (!p)
            return -1;
        size_t pl = strlen(p);
        for (size_t i = 0; i < d->nent && best < 0; i++) {
            const char *name = d->ent[i].name;
            if (d->ent[i].kind != DG_ENT_ORG || !name)
                continue;
            char *f = dg_text_fold(name, strlen(name), 1);
            if (f && strncmp(f, p, pl) == 0 && (f[pl] == ' ' || f[pl] == '\0'))
                best = (int)i;
            free(f);
        }
        free(p);
        e--;
    }
    return best;
}

/* The org a phrase starting at k names within a few tokens: an org
 * mention, or "the bloc" for the article's main intergovernmental org. */
static int
org_after(const struct rs *s, size_t k, size_t end, size_t span)
{
    for (size_t j = k; j < end && j < k + span; j++) {
        const struct dg_mention *m = dg_np_at(s->np, j);
        if (m && m->kind == DG_ENT_ORG) {
            size_t after;
            /* "the ADMM-Plus Experts' Working Group": not ADMM-Plus */
            if (dg_np_role(s->np, m, end, &after) != DG_NP_MODIFIER ||
                m->tok_end >= end ||
                !(s->d->tok[m->tok_end].flags & DG_TOK_CAP))
                return m->entity;
            j = m->tok_end - 1;
            continue;
        }
        if (!m && (s->d->tok[j].flags & DG_TOK_CAP) &&
            (j == k || !(s->d->tok[j - 1].flags & DG_TOK_CAP))) {
            int o = org_by_prefix(s, j, end);
            if (o >= 0)
                return o;
        }
        if (dg_np_punct(s->d, j, ".") || dg_np_punct(s->d, j, ";") ||
            dg_np_punct(s->d, j, ","))
            break;
        if (dg_cues_is(s->c, s->d->tok, j, end, DG_CUE_BLOC)) {
            int best = -1;
            size_t bn = 0;
            for (size_t e = 0; e < s->d->nent; e++) {
                const char *kind =
                    dg_doc_prop_get(s->d, (int)e, DG_NS "orgKind");
                if (s->d->ent[e].kind != DG_ENT_ORG || !kind ||
                    strcmp(kind, "intergovernmental organization") != 0)
                    continue;
                size_t c = 0;
                for (size_t i = 0; i < s->d->nmen; i++)
                    c += s->d->men[i].entity == (int)e;
                if (c > bn) {
                    best = (int)e;
                    bn = c;
                }
            }
            return best;
        }
    }
    return -1;
}

/* The nearest country standing as a head before token k in the
 * sentence, or -1. */
static int
country_before(const struct rs *s, size_t k, size_t a0, size_t end)
{
    while (k > a0) {
        k--;
        if (dg_np_punct(s->d, k, ";"))
            break;
        const struct dg_mention *m = country_at(s, k, end);
        if (m)
            return m->entity;
    }
    return -1;
}

/* The two countries a bilateral phrase of sentence si means: the
 * sentence's own two countries, else the main event's two, else the
 * article's two (minable sentences, names inside org names too).  Returns
 * 1 with *a, *b set, or 0 when they are not exactly two. */
static int
bilateral_pair(const struct rs *s, size_t si, int *a, int *b)
{
    const struct dg_doc *d = s->d;
    int ids[MAXC], p[MAXC];
    size_t n = 0, nm;
    const struct dg_mention *m = dg_doc_mentions_in(d, si, &nm);

    for (size_t i = 0; i < nm; i++)
        if (m[i].kind == DG_ENT_COUNTRY)
            add_id(ids, &n, m[i].entity);
    if (n != 2) {
        size_t np = dg_parties_all(d, p, MAXC);
        n = 0;
        for (size_t i = 0; i < np; i++)
            if (d->ent[p[i]].kind == DG_ENT_COUNTRY)
                add_id(ids, &n, p[i]);
    }
    if (n != 2) {
        n = 0;
        for (size_t i = 0; i < d->nmen && n <= 2; i++)
            if (d->men[i].kind == DG_ENT_COUNTRY && d->men[i].sent >= 0 &&
                !(d->sent[d->men[i].sent].flags & DG_SENT_NOMINE))
                add_id(ids, &n, d->men[i].entity);
    }
    if (n != 2)
        return 0;
    *a = ids[0];
    *b = ids[1];
    return 1;
}

/* "A and B have agreed to strengthen cooperation": the two countries of
 * a subject "A and B" a few words before the cooperation noun at k. */
static void
coop_subject(struct rs *s, size_t k, size_t a0, size_t end)
{
    const struct dg_doc *d = s->d;
    for (size_t j = k; j > a0 && j + 7 > k; j--) {
        if (dg_np_punct(d, j - 1, ",") || dg_np_punct(d, j - 1, ";") ||
            is_w(d, j - 1, "with") || is_w(d, j - 1, "between") ||
            is_w(d, j - 1, "but") || is_w(d, j - 1, "while"))
            return;
        const struct dg_mention *m = country_at(s, j - 1, end);
        if (!m)
            continue;
        /* the whole list "A and B" ending there, and its first token */
        int ids[MAXC];
        size_t n = 0, f = m->tok_end;
        while (f > a0) {
            const struct dg_mention *c = dg_np_at(s->np, f - 1);
            if (c && c->kind == DG_ENT_COUNTRY) {
                add_id(ids, &n, c->entity);
                f = c->tok_first;
            } else if (is_w(d, f - 1, "and") || dg_np_punct(d, f - 1, ",")) {
                f--;
            } else {
                break;
            }
        }
        while (f > a0 && is_w(d, f - 1, "the"))
            f--;
        /* a subject: not "with A and B", not "A, B and C" */
        if (n == 2 &&
            !(f > a0 && (is_w(d, f - 1, "with") || is_w(d, f - 1, "between") ||
                         is_w(d, f - 1, "to") || is_w(d, f - 1, "from"))) &&
            dg_relations_cooperate(s->d, ids[0], ids[1]) < 0)
            s->err = 1;
        return;
    }
}

static void
chair(struct rs *s, int country, int org, const char *p)
{
    if (country < 0 || org < 0 || s->d->ent[country].kind != DG_ENT_COUNTRY ||
        s->d->ent[org].kind != DG_ENT_ORG)
        return;
    rel(s, country, p, org);
    if (strcmp(p, DG_NS "chairs") == 0)
        rel(s, country, DG_NS "memberOf", org);
}

static void
scan_sentence(struct rs *s, size_t si)
{
    struct dg_doc *d = s->d;
    const struct dg_token *t = d->tok;
    size_t a0 = d->sent[si].tok_first, end = d->sent[si].tok_end;
    int ids[MAXC];
    size_t n, len;

    for (size_t k = a0; k < end; k++) {
        unsigned cls = 0;
        const struct dg_mention *m = dg_np_at(s->np, k);

        /* "ASEAN countries", "ADMM+ nations", "ASEAN member Laos" */
        if (m && m->tok_first == k && m->kind == DG_ENT_ORG &&
            (len = dg_cues_is(s->c, t, m->tok_end, end, DG_CUE_MEMBERPOST))) {
            size_t b = k;
            if (b > a0 && is_w(d, b - 1, "other"))
                b--;
            n = 0;
            if (b > a0 && (is_w(d, b - 1, "and") || dg_np_punct(d, b - 1, ",")))
                n = list_before(s, b - 1, a0, end, ids);
            size_t f = m->tok_end + len;
            if (is_w(d, f, "such") && is_w(d, f + 1, "as"))
                f += 2;
            else if (is_w(d, f, "including") || (dg_np_punct(d, f, ":")))
                f++;
            else if (dg_np_punct(d, f, ","))
                f = end; /* "ASEAN countries, Australia and China": a
                            coordination, not the members */
            int tmp[MAXC];
            size_t n2 = list_after(s, f, end, tmp);
            for (size_t i = 0; i < n2; i++)
                add_id(ids, &n, tmp[i]);
            for (size_t i = 0; i < n; i++)
                rel(s, ids[i], DG_NS "memberOf", m->entity);
            k = m->tok_end + len - 1;
            continue;
        }
        len = dg_cues_word(s->c, t, k, end, &cls);
        if (!len)
            continue;
        /* "Laos and Cambodia are members of ASEAN" */
        if (cls & (1u << DG_CUE_MEMBEROF)) {
            int org = org_after(s, k + len, end, 3);
            size_t b = k;
            int neg = 0;
            while (b > a0 &&
                   (is_w(d, b - 1, "a") || is_w(d, b - 1, "an") ||
                    is_w(d, b - 1, "the") || is_w(d, b - 1, "is") ||
                    is_w(d, b - 1, "are") || is_w(d, b - 1, "was") ||
                    is_w(d, b - 1, "were") || is_w(d, b - 1, "as") ||
                    is_w(d, b - 1, "all") || is_w(d, b - 1, "both") ||
                    is_w(d, b - 1, "also") || is_w(d, b - 1, "now") ||
                    is_w(d, b - 1, "which") || is_w(d, b - 1, "fellow") ||
                    is_w(d, b - 1, "not") || is_w(d, b - 1, "never") ||
                    dg_np_punct(d, b - 1, ","))) {
                neg |= is_w(d, b - 1, "not") || is_w(d, b - 1, "never");
                b--;
            }
            n = neg || org < 0 ? 0 : list_before(s, b, a0, end, ids);
            for (size_t i = 0; i < n; i++)
                rel(s, ids[i], DG_NS "memberOf", org);
        }
        /* chairs of an org */
        if ((cls & (1u << DG_CUE_CHAIR)) && !(cls & (1u << DG_CUE_COCHAIR))) {
            const struct dg_mention *o = k > a0 ? dg_np_at(s->np, k - 1) : NULL;
            if (o && o->kind == DG_ENT_ORG && o->tok_end == k) {
                /* "its ASEAN Chairmanship", "as the 2020 ASEAN Chair" */
                size_t b = o->tok_first;
                while (b > a0 && ((t[b - 1].flags & DG_TOK_DIGIT) ||
                                  is_w(d, b - 1, "the")))
                    b--;
                int holder = -1;
                if (b > a0 && dg_np_punct(d, b - 1, "'")) {
                    size_t q = b - 1;
                    const struct dg_mention *c =
                        q > a0 ? dg_np_at(s->np, q - 1) : NULL;
                    if (c && c->kind == DG_ENT_COUNTRY)
                        holder = c->entity;
                } else if (b > a0 && is_w(d, b - 1, "s") && b - 1 > a0 &&
                           dg_np_punct(d, b - 2, "'")) {
                    const struct dg_mention *c = dg_np_at(s->np, b - 3);
                    if (b >= 3 && c && c->kind == DG_ENT_COUNTRY)
                        holder = c->entity;
                } else if (b > a0 &&
                           (is_w(d, b - 1, "its") || is_w(d, b - 1, "as") ||
                            dg_np_punct(d, b - 1, ","))) {
                    holder = country_before(s, b - 1, a0, end);
                } else {
                    n = list_after(s, k + len, end, ids);
                    holder = n == 1 ? ids[0] : -1;
                }
                chair(s, holder, o->entity, DG_NS "chairs");
            } else if (is_w(d, k + len, "of")) {
                /* "Laos held the rotating chairmanship of the bloc" */
                int org = org_after(s, k + len + 1, end, 10);
                size_t b = k;
                while (b > a0 &&
                       (is_w(d, b - 1, "the") || is_w(d, b - 1, "rotating")))
                    b--;
                size_t hb = b;
                for (size_t j = b; j > a0 && j + 4 > b; j--)
                    if (dg_cues_is(s->c, t, j - 1, b, DG_CUE_HOLD)) {
                        hb = j - 1;
                        break;
                    }
                if (hb < b)
                    chair(s, country_before(s, hb, a0, end), org,
                          DG_NS "chairs");
            }
        }
        /* "Laos and Japan as the co-chairs of the ... Working Group" */
        if (cls & (1u << DG_CUE_COCHAIR)) {
            int org = org_after(s, k + len, end, 14);
            size_t b = k;
            while (b > a0 && is_w(d, b - 1, "the"))
                b--;
            n = 0;
            if (b > a0 && is_w(d, b - 1, "as"))
                n = list_before(s, b - 1, a0, end, ids);
            for (size_t i = 0; i < n; i++)
                chair(s, ids[i], org, DG_NS "coChairs");
            if (n == 2 && org >= 0 &&
                dg_relations_cooperate(d, ids[0], ids[1]) < 0)
                s->err = 1;
        }
        /* "the comprehensive strategic cooperative partnership of Laos
         * and China", "Laos and China pledged to boost defence ties" */
        if (cls & (1u << DG_CUE_COOP)) {
            if (is_w(d, k + len, "of") || is_w(d, k + len, "between")) {
                size_t f = k + len + 1;
                while (f < end && is_w(d, f, "the"))
                    f++;
                n = list_after(s, f, end, ids);
                if (n == 2 && dg_relations_cooperate(d, ids[0], ids[1]) < 0)
                    s->err = 1;
            }
            coop_subject(s, k, a0, end);
        }
        /* "the Laos - Japan strategic partnership" */
        if (cls & (1u << DG_CUE_COOP)) {
            size_t b = k;
            for (size_t i = 0;
                 i < 2 && b > a0 && (t[b - 1].flags & DG_TOK_LOWER) &&
                 !is_w(d, b - 1, "and") && !is_w(d, b - 1, "to");
                 i++)
                b--;
            if (b > a0 && is_w(d, b - 1, "s"))
                b--;
            if (b > a0 && dg_np_punct(d, b - 1, "'"))
                b--;
            const struct dg_mention *c2 =
                b > a0 ? dg_np_at(s->np, b - 1) : NULL;
            if (c2 && c2->kind == DG_ENT_COUNTRY && c2->tok_end == b) {
                size_t j = c2->tok_first;
                if (j > a0 &&
                    (dg_np_punct(d, j - 1, "-") || is_w(d, j - 1, "and"))) {
                    const struct dg_mention *c1 = dg_np_at(s->np, j - 2);
                    if (j >= 2 && c1 && c1->kind == DG_ENT_COUNTRY &&
                        c1->tok_end == j - 1 &&
                        dg_relations_cooperate(d, c1->entity, c2->entity) < 0)
                        s->err = 1;
                }
            }
        }
        /* "Laos would boost cooperation with ... Japan" */
        if (cls & (1u << DG_CUE_COOPWITH)) {
            size_t f = k + len, e;
            for (e = f; e < end; e++)
                if (dg_np_punct(d, e, ";") || is_w(d, e, "while") ||
                    is_w(d, e, "but") || is_w(d, e, "whereas"))
                    break;
            if (is_w(d, k + len - 1, "between")) {
                n = list_after(s, f, e, ids);
                if (n == 2 && dg_relations_cooperate(d, ids[0], ids[1]) < 0)
                    s->err = 1;
            } else {
                int c1 = country_before(s, k, a0, end);
                for (size_t j = f; j < e; j++) {
                    const struct dg_mention *c = country_at(s, j, end);
                    if (!c || c->tok_first != j)
                        continue;
                    if (dg_relations_cooperate(d, c1, c->entity) < 0)
                        s->err = 1;
                    j = c->tok_end - 1;
                }
            }
        }
        /* "bilateral defence cooperation", "the two sides' cooperation" */
        if (cls & ((1u << DG_CUE_BILATERAL) | (1u << DG_CUE_SIDES))) {
            int coop = 0;
            for (size_t j = k + len; j < end && j < k + len + 4 && !coop; j++)
                coop = dg_cues_is(s->c, t, j, end, DG_CUE_COOP) != 0;
            int c1, c2;
            if (coop && bilateral_pair(s, si, &c1, &c2) &&
                dg_relations_cooperate(d, c1, c2) < 0)
                s->err = 1;
        }
        k += len - 1;
    }
}

/* 1 when the article speaks of the members of org entity o: "ASEAN
 * member states", "ASEAN countries", "members of the Visegrad Group". */
static int
members_spoken_of(struct rs *s, int o)
{
    const struct dg_doc *d = s->d;
    unsigned cls;
    for (size_t i = 0; i < d->nmen; i++) {
        const struct dg_mention *m = &d->men[i];
        if (m->entity != o || m->sent < 0 ||
            (d->sent[m->sent].flags & DG_SENT_NOMINE))
            continue;
        size_t end = d->sent[m->sent].tok_end, a0 = d->sent[m->sent].tok_first;
        /* "ASEAN member states", "the Visegrad Group, an alliance of four
         * Central European countries", "its seven Mediterranean partners" */
        for (size_t k = m->tok_end; k < end && k < m->tok_end + 8; k++)
            if (dg_cues_is(s->c, d->tok, k, end, DG_CUE_MEMBERPOST))
                return 1;
        for (size_t k = m->tok_first; k-- > a0 && m->tok_first - k <= 5;) {
            cls = 0;
            size_t len = dg_cues_word(s->c, d->tok, k, end, &cls);
            if (len && (cls & (1u << DG_CUE_MEMBEROF)) &&
                k + len <= m->tok_first)
                return 1;
        }
    }
    return 0;
}

/* Membership the article implies: when it speaks of an org's members,
 * every country it names that memberships.tsv lists as a member of the
 * org is memberOf it ("delegates from ten ASEAN member states ... the
 * Thai Navy" gives Thailand memberOf ASEAN). */
static void
table_members(struct rs *s)
{
    struct dg_doc *d = s->d;
    const struct dg_lex_table *tab =
        dg_lexicon_table(d->lex, "memberships.tsv");
    if (!tab || !dg_lex_table_rows(tab))
        return;
    for (size_t o = 0; o < d->nent; o++) {
        const struct dg_entity *e = &d->ent[o];
        if (e->kind != DG_ENT_ORG || e->lex < 0)
            continue;
        const struct dg_lex_org *lo = dg_lexicon_org(d->lex, (size_t)e->lex);
        const char *members = NULL;
        for (size_t r = 0; lo && r < dg_lex_table_rows(tab) && !members; r++)
            if (!strcmp(dg_lex_table_field(tab, r, 0), lo->key))
                members = dg_lex_table_field(tab, r, 1);
        if (!members || !members_spoken_of(s, (int)o))
            continue;
        for (size_t c = 0; c < d->nent; c++) {
            const char *iso = strrchr(d->ent[c].iri, '/');
            if (d->ent[c].kind != DG_ENT_COUNTRY || !iso || strlen(iso) != 4)
                continue;
            int named = 0;
            for (size_t i = 0; i < d->nmen && !named; i++)
                named = d->men[i].entity == (int)c && d->men[i].sent >= 0;
            for (const char *p = members; named && *p; p += p[3] ? 4 : 3)
                if (!strncmp(p, iso + 1, 3)) {
                    rel(s, (int)c, DG_NS "memberOf", (int)o);
                    break;
                }
        }
    }
}

int
dg_relations_scan(struct dg_doc *d, const struct dg_cues *cues,
                  struct dg_error *err)
{
    struct rs s;
    int rc = -1;

    memset(&s, 0, sizeof s);
    if (!cues)
        return 0;
    s.d = d;
    s.c = cues;
    if (dg_doc_sort_mentions(d) < 0)
        goto out;
    s.np = dg_np_new(d, cues);
    if (!s.np)
        goto out;
    for (size_t si = 0; si < d->nsent && !s.err; si++)
        if (!(d->sent[si].flags & DG_SENT_NOMINE))
            scan_sentence(&s, si);
    if (!s.err)
        table_members(&s);
    rc = s.err ? -1 : 0;
out:
    if (rc < 0)
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    dg_np_free(s.np);
    return rc;
}
