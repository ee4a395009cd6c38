/* actions.c: see actions.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/ns.h"
#include "extract/actions.h"
#include "extract/np.h"
#include "extract/parties.h"
#include "extract/relations.h"

#define MAXE 32 /* agents or recipients of one action */
#define MAXI 4  /* items of one action */
#define MAXCHAIN 4

struct act {
    const char *type, *cameo;
    int ag[MAXE], rc[MAXE];
    size_t nag, nrc;
    const char *it[MAXI];
    size_t nit;
    int collective; /* agents from a collective phrase */
};

struct st {
    struct dg_doc *d;
    const struct dg_cues *c;
    struct dg_np *np;
    int group[MAXE]; /* the last group, for "they" */
    size_t ngroup;
    /* parties.h answers, computed once (the doc's events and relations
     * do not change during this stage) */
    int sides[MAXE], persons[MAXE], main_ev;
    size_t nsides, npersons;
    int err;
};

/* ---- small helpers ------------------------------------------------------ */

static int
is_w(const struct dg_doc *d, size_t k, const char *w)
{
    return k < d->ntok && dg_tok_is_ci(&d->tok[k], w);
}

/* 1 when token k alone (a one-token phrase) has class cls. */
static int
is1(const struct st *s, size_t k, int cls)
{
    return k < s->d->ntok && dg_cues_is(s->c, s->d->tok, k, k + 1, cls) == 1;
}

static void
add_id(int *v, size_t *n, int id)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i] == id)
            return;
    if (*n < MAXE)
        v[(*n)++] = id;
}

static void
remove_id(int *v, size_t *n, int id)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i] == id) {
            memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof *v);
            (*n)--;
            return;
        }
}

static int
boundary(const struct dg_doc *d, size_t k)
{
    return dg_np_punct(d, k, ",") || dg_np_punct(d, k, ";") ||
           dg_np_punct(d, k, ":") || dg_np_punct(d, k, "(") ||
           dg_np_punct(d, k, ")") || dg_np_punct(d, k, "\"") ||
           is_w(d, k, "that");
}

/* End of the clause that starts at k: the sentence end, ';', ", CUT" or a
 * CUTANY phrase. */
static size_t
clause_end(const struct st *s, size_t k, size_t end)
{
    for (size_t j = k; j < end; j++) {
        if (dg_np_punct(s->d, j, ";"))
            return j;
        if (dg_np_punct(s->d, j, ",") && j + 1 < end &&
            dg_cues_is(s->c, s->d->tok, j + 1, end, DG_CUE_CUT))
            return j;
        if (j > k && dg_cues_is(s->c, s->d->tok, j, end, DG_CUE_CUTANY))
            return j;
        /* "congratulated X on Y and praised Z": the next verb */
        if (j > k && is_w(s->d, j, "and")) {
            size_t q = j + 1;
            const struct dg_cue_verb *v;
            while (q < end && is1(s, q, DG_CUE_AUX))
                q++;
            if (q < end && (s->d->tok[q].flags & DG_TOK_LOWER) &&
                dg_cues_verb(s->c, s->d->tok, q, end, &v))
                return j;
        }
    }
    return end;
}

/* The person "he" or "she" at token k stands for: the first person of
 * the nearest sentence that names one before k (the subject of "Mr. A met
 * B and C." is who "he" is in the next sentence), or -1. */
static int
last_person(const struct dg_doc *d, size_t k)
{
    long sent = -1;
    int who = -1;
    for (size_t i = d->nmen; i-- > 0;) {
        const struct dg_mention *m = &d->men[i];
        if (m->kind != DG_ENT_PERSON || m->sent < 0 || m->tok_end > k)
            continue;
        if (sent >= 0 && m->sent != sent)
            break;
        sent = m->sent;
        who = m->entity;
    }
    return who;
}

static size_t
copy_ids(int *out, const int *in, size_t n)
{
    if (n > MAXE)
        n = MAXE;
    memcpy(out, in, n * sizeof *in);
    return n;
}

/* ---- noun phrases ---------------------------------------------------------
 */

/* Persons, and countries/orgs standing as heads, in tokens [a, b) of a
 * sentence ending at end. */
static size_t
entities(const struct st *s, size_t a, size_t b, size_t end, int *out)
{
    size_t n = 0, after;
    for (size_t k = a; k < b; k++) {
        const struct dg_mention *m = dg_np_at(s->np, k);
        if (!m)
            continue;
        if (m->tok_first >= a) {
            if (m->kind == DG_ENT_PERSON) {
                add_id(out, &n, m->entity);
            } else if (m->kind == DG_ENT_COUNTRY || m->kind == DG_ENT_ORG) {
                int r = dg_np_role(s->np, m, end, &after);
                if (r == DG_NP_HEAD || r == DG_NP_POSSESSOR || r == DG_NP_ROLE)
                    add_id(out, &n, m->entity);
            }
        }
        k = m->tok_end - 1;
    }
    return n;
}

/* "by X, Y and Z": the entities listed from k. */
static size_t
by_list(const struct st *s, size_t k, size_t end, int *out)
{
    size_t n = 0, after;
    while (k < end) {
        if (is_w(s->d, k, "the") || is_w(s->d, k, "and") ||
            dg_np_punct(s->d, k, ",")) {
            k++;
            continue;
        }
        const struct dg_mention *m = dg_np_at(s->np, k);
        if (!m || m->tok_first != k)
            break;
        if (m->kind == DG_ENT_PERSON) {
            add_id(out, &n, m->entity);
            k = m->tok_end;
        } else if (m->kind == DG_ENT_COUNTRY || m->kind == DG_ENT_ORG) {
            int r = dg_np_role(s->np, m, end, &after);
            if (r == DG_NP_MODIFIER || r == DG_NP_TITLE)
                break;
            add_id(out, &n, m->entity);
            k = after > m->tok_end ? after : m->tok_end;
        } else {
            break;
        }
    }
    return n;
}

/* "the two officers" at token k: the main event's two persons, else the
 * last two persons named before k. */
static size_t
two_persons(const struct st *s, size_t k, int *out)
{
    const struct dg_doc *d = s->d;
    size_t n = 0;
    if (s->npersons == 2)
        return copy_ids(out, s->persons, s->npersons);
    for (size_t i = d->nmen; i-- > 0 && n < 2;) {
        const struct dg_mention *m = &d->men[i];
        if (m->kind == DG_ENT_PERSON && m->sent >= 0 && m->tok_end <= k)
            add_id(out, &n, m->entity);
    }
    return n == 2 ? n : copy_ids(out, s->persons, s->npersons);
}

static size_t
resolve_group(const struct st *s, int cls, int *out)
{
    if (cls == DG_CUE_OFFICIALS)
        return copy_ids(out, s->persons, s->npersons);
    return copy_ids(out, s->sides, s->nsides);
}

/* The agents named by tokens [a, b).  *coll is set when they come from a
 * collective phrase or a pronoun for a group. */
static size_t
resolve_seg(const struct st *s, size_t a, size_t b, size_t end, int *out,
            int *coll)
{
    const struct dg_doc *d = s->d;
    size_t n;

    *coll = 0;
    if (a >= b)
        return 0;
    if (is1(s, a, DG_CUE_HE) && b - a <= 2) {
        int p = last_person(d, a);
        if (p < 0)
            return 0;
        out[0] = p;
        return 1;
    }
    if (is1(s, a, DG_CUE_THEY) && b - a <= 2) {
        *coll = 1;
        if (s->ngroup)
            return copy_ids(out, s->group, s->ngroup);
        return resolve_group(s, DG_CUE_SIDES, out);
    }
    n = entities(s, a, b, end, out);
    if (n)
        return n;
    for (size_t k = a; k < b; k++) {
        unsigned cls;
        size_t len = dg_cues_word(s->c, d->tok, k, b, &cls);
        const struct dg_mention *m = dg_np_at(s->np, k);
        if (m && m->kind == DG_ENT_EVENT) {
            *coll = 1;
            return resolve_group(s, DG_CUE_GROUP, out);
        }
        if (!len)
            continue;
        if (cls & (1u << DG_CUE_OFFICIALS)) {
            *coll = 1;
            return two_persons(s, k, out);
        }
        if (cls & ((1u << DG_CUE_SIDES) | (1u << DG_CUE_GROUP))) {
            *coll = 1;
            return resolve_group(s, DG_CUE_SIDES, out);
        }
    }
    return 0;
}

/* The subject of the verb at token v of sentence si: the phrase just
 * before it, else the sentence's first phrase that is not introductory.
 * *sa, *sb get its tokens. */
static size_t
subject(const struct st *s, size_t si, size_t v, int *out, int *coll,
        size_t *sa, size_t *sb)
{
    const struct dg_doc *d = s->d;
    size_t a0 = d->sent[si].tok_first, end = d->sent[si].tok_end;
    size_t b = v, a, n;

    while (b > a0 && is1(s, b - 1, DG_CUE_AUX))
        b--;
    for (a = b; a > a0 && !boundary(d, a - 1); a--)
        ;
    /* "X congratulated Y and praised Z": the subject of the first verb */
    if (b > a0 && is_w(d, b - 1, "and")) {
        for (size_t q = a; q + 1 < b; q++) {
            const struct dg_cue_verb *vb;
            if ((d->tok[q].flags & DG_TOK_LOWER) &&
                dg_cues_verb(s->c, d->tok, q, b, &vb))
                return subject(s, si, q, out, coll, sa, sb);
        }
    }
    *sa = a;
    *sb = b;
    n = resolve_seg(s, a, b, end, out, coll);
    if (n)
        return n;
    for (a = a0; a < b;) {
        size_t e = a;
        while (e < b && !boundary(d, e))
            e++;
        if (e > a && !is1(s, a, DG_CUE_INTRO)) {
            /* "Hammond said Australia would ..., and praised X": the
             * reporter is the subject, not what he reports */
            for (size_t q = a + 1; q < e; q++)
                if ((d->tok[q].flags & DG_TOK_LOWER) &&
                    dg_cues_is(s->c, d->tok, q, e, DG_CUE_SAY)) {
                    e = q;
                    break;
                }
            *sa = a;
            *sb = e;
            return resolve_seg(s, a, e, end, out, coll);
        }
        a = e + 1;
    }
    return 0;
}

/* 1 when token k is a word ending in "-ing" ("praising"). */
static int
ing_form(const struct dg_doc *d, size_t k)
{
    const char *w = d->tok[k].lower;
    size_t n = strlen(w);
    return n > 4 && strcmp(w + n - 3, "ing") == 0;
}

/* "..., he said, praising X": the agent of a participle after the comma
 * at c is the first person, pronoun or country heading the clause before
 * it. */
static size_t
participle_subject(const struct st *s, size_t si, size_t c, int *out)
{
    const struct dg_doc *d = s->d;
    size_t a0 = d->sent[si].tok_first, end = d->sent[si].tok_end, a, after;

    for (a = c; a > a0 && !boundary(d, a - 1); a--)
        ;
    if (a == c && a > a0 && dg_np_punct(d, a - 1, "\""))
        return 0;
    for (size_t k = a; k < c; k++) {
        if (is1(s, k, DG_CUE_HE)) {
            int p = last_person(d, k);
            if (p < 0)
                return 0;
            out[0] = p;
            return 1;
        }
        const struct dg_mention *m = dg_np_at(s->np, k);
        if (!m)
            continue;
        if (m->kind == DG_ENT_PERSON ||
            ((m->kind == DG_ENT_COUNTRY || m->kind == DG_ENT_ORG) &&
             dg_np_role(s->np, m, end, &after) == DG_NP_HEAD)) {
            out[0] = m->entity;
            return 1;
        }
        k = m->tok_end - 1;
    }
    return 0;
}

/* ---- items ----------------------------------------------------------------
 */

/* text NULL (empty) adds nothing. */
static void
add_item(struct act *x, const char *text)
{
    if (!text)
        return;
    for (size_t i = 0; i < x->nit; i++)
        if (strcmp(x->it[i], text) == 0)
            return;
    if (x->nit < MAXI)
        x->it[x->nit++] = text;
}

/* Items of tokens [a, b): one per "as well as" part; in a request, a
 * leading giving verb is dropped with its purpose ("provide X to
 * support Y" gives X). */
static void
items(struct st *s, struct act *x, size_t a, size_t b, int request)
{
    const struct dg_doc *d = s->d;
    while (a < b) {
        size_t e = a;
        while (e < b && !(is_w(d, e, "as") && is_w(d, e + 1, "well") &&
                          is_w(d, e + 2, "as")))
            e++;
        size_t pa = a, pb = e;
        while (pa < pb && (is_w(d, pa, "and") || dg_np_punct(d, pa, ",")))
            pa++;
        size_t g = request ? dg_cues_is(s->c, d->tok, pa, pb, DG_CUE_GIVE) : 0;
        if (g && pa + g < pb) {
            pa += g;
            for (size_t j = pa + 1; j < pb; j++)
                if (is_w(d, j, "to") || is_w(d, j, "for")) {
                    pb = j;
                    break;
                }
        }
        if (pb > pa)
            add_item(x, dg_np_text(s->d, pa, pb));
        a = e + 3;
    }
}

/* "the support of X to Y", "X's contribution of Y to Z", "the efforts of
 * X": sets *who to X and returns 1; *gift gets the provided item, or NULL
 * when the noun is not one of provision. */
static int
possessed(struct st *s, size_t k, size_t end, int *who, const char **gift)
{
    struct dg_doc *d = s->d;
    size_t after, n;
    const struct dg_mention *m;

    *gift = NULL;
    while (k < end &&
           (is_w(d, k, "the") || is_w(d, k, "a") || is_w(d, k, "an")))
        k++;
    m = dg_np_at(s->np, k);
    if (m && m->tok_first == k &&
        (m->kind == DG_ENT_COUNTRY || m->kind == DG_ENT_ORG) &&
        dg_np_role(s->np, m, end, &after) == DG_NP_POSSESSOR) {
        *who = m->entity;
        n = dg_cues_is(s->c, d->tok, after, end, DG_CUE_GIFT);
        if (n) {
            size_t r = after + n;
            if (is_w(d, r, "of") && r + 1 < end)
                *gift = dg_np_text(d, r + 1, end);
            else
                *gift = dg_np_text(d, after, end);
        }
        return 1;
    }
    /* NOUN [NOUN] of [the] ENTITY */
    for (size_t j = k; j < end && j <= k + 2; j++) {
        if (!(d->tok[j].flags & DG_TOK_LOWER))
            break;
        if (!is_w(d, j, "of") || j == k)
            continue;
        size_t e = j + 1;
        while (e < end && is_w(d, e, "the"))
            e++;
        m = dg_np_at(s->np, e);
        if (!m || m->tok_first != e)
            return 0;
        if (m->kind != DG_ENT_PERSON && m->kind != DG_ENT_COUNTRY &&
            m->kind != DG_ENT_ORG)
            return 0;
        if (m->kind != DG_ENT_PERSON &&
            dg_np_role(s->np, m, end, &after) == DG_NP_MODIFIER)
            return 0;
        *who = m->entity;
        n = dg_cues_is(s->c, d->tok, k, j, DG_CUE_GIFT);
        if (n && m->tok_end < end) {
            const char *noun = dg_doc_span(d, k, j);
            const char *rest = dg_np_text(d, m->tok_end, end);
            *gift = noun && rest ? dg_doc_printf(d, "%s %s", noun, rest) : NULL;
        }
        return 1;
    }
    return 0;
}

/* ---- emission --------------------------------------------------------------
 */

/* The country an agent stands for: itself, or a person's nationality;
 * -1 for an org or a person with none. */
static int
agent_country(const struct dg_doc *d, int id)
{
    if (d->ent[id].kind == DG_ENT_COUNTRY)
        return id;
    if (d->ent[id].kind != DG_ENT_PERSON)
        return -1;
    const char *nat = dg_doc_prop_get(d, id, DG_NS_SCHEMA "nationality");
    return nat ? dg_doc_entity_find(d, nat) : -1;
}

static int
emit(struct st *s, struct act *x, size_t si, int ev)
{
    struct dg_doc *d = s->d;
    const char *iri;
    int id;

    if (x->collective)
        for (size_t i = 0; i < x->nrc; i++)
            remove_id(x->ag, &x->nag, x->rc[i]);
    for (size_t i = 0; i < x->nag; i++)
        remove_id(x->rc, &x->nrc, x->ag[i]);
    if (!x->nag)
        return 0;
    /* "Minister A and Secretary B agreed on X": officials of two
     * countries agree for them, so the two countries agree */
    if (!strcmp(x->type, "agrees") && x->nag == 2 && !x->nrc) {
        int c0 = agent_country(d, x->ag[0]), c1 = agent_country(d, x->ag[1]);
        if (c0 >= 0 && c1 >= 0 && c0 != c1) {
            x->ag[0] = c0;
            x->ag[1] = c1;
        }
    }
    /* "the two sides agreed to ...": two countries agree with each other,
     * one agreement (its item kept), not two agents of an agreement with
     * no one */
    if (!strcmp(x->type, "agrees") && x->nag == 2 && !x->nrc &&
        d->ent[x->ag[0]].kind == DG_ENT_COUNTRY &&
        d->ent[x->ag[1]].kind == DG_ENT_COUNTRY) {
        x->rc[x->nrc++] = x->ag[1];
        x->nag = 1;
    }
    iri = dg_doc_next_action_iri(d);
    if (!iri || (id = dg_doc_entity(d, DG_ENT_ACTION, iri, NULL)) < 0)
        return -1;
    const char *cameo = x->cameo;
    for (size_t i = 0; i < x->nit; i++)
        cameo = dg_cues_cameo(s->c, x->type, x->it[i], cameo);
    if (dg_doc_prop_lit(d, id, DG_NS "actionType", x->type, NULL) < 0 ||
        (cameo && cameo[0] &&
         dg_doc_prop_lit(d, id, DG_NS "cameo", cameo, NULL) < 0))
        return -1;
    for (size_t i = 0; i < x->nag; i++)
        if (dg_doc_prop_iri(d, id, DG_NS "agent", d->ent[x->ag[i]].iri) < 0)
            return -1;
    for (size_t i = 0; i < x->nrc; i++)
        if (dg_doc_prop_iri(d, id, DG_NS "recipient", d->ent[x->rc[i]].iri) < 0)
            return -1;
    for (size_t i = 0; i < x->nit; i++)
        if (dg_doc_prop_lit(d, id, DG_NS "item", x->it[i], NULL) < 0)
            return -1;
    if (ev >= 0 && dg_doc_prop_iri(d, id, DG_NS "inEvent", d->ent[ev].iri) < 0)
        return -1;
    if (dg_doc_prop_iri(d, id, DG_NS "evidence", d->sent_iri[si]) < 0)
        return -1;
    /* a joint proposal or signature by two countries is cooperation */
    if ((strcmp(x->type, "proposes") == 0 || strcmp(x->type, "signs") == 0) &&
        x->nag == 2 && d->ent[x->ag[0]].kind == DG_ENT_COUNTRY &&
        d->ent[x->ag[1]].kind == DG_ENT_COUNTRY &&
        dg_relations_cooperate(d, x->ag[0], x->ag[1]) < 0)
        return -1;
    return 0;
}

/* An agreement or pledge about cooperation, item tokens [a, b): "the two
 * leaders agreed to expand cooperation" makes their two countries
 * cooperate; "... trilateral cooperation with the United States" makes
 * each of them cooperate with it. */
static void
coop_agreement(struct st *s, const struct act *x, size_t a, size_t b)
{
    struct dg_doc *d = s->d;
    int c[MAXE];
    size_t nc = 0, after;
    int coop = 0;

    for (size_t i = 0; i < x->nag; i++) {
        int k = agent_country(d, x->ag[i]);
        if (k >= 0)
            add_id(c, &nc, k);
    }
    /* emit() made the second party of an agreement its recipient */
    for (size_t i = 0; !strcmp(x->type, "agrees") && i < x->nrc; i++) {
        int k = agent_country(d, x->rc[i]);
        if (k >= 0)
            add_id(c, &nc, k);
    }
    for (size_t k = a; k < b; k++) {
        unsigned cls;
        size_t len = dg_cues_word(s->c, d->tok, k, b, &cls);
        if (!len)
            continue;
        if (cls & ((1u << DG_CUE_COOP) | (1u << DG_CUE_SIDES) |
                   (1u << DG_CUE_BILATERAL)))
            coop = 1;
        if (cls & (1u << DG_CUE_COOPWITH)) {
            size_t f = k + len;
            while (f < b && is_w(d, f, "the"))
                f++;
            const struct dg_mention *m = dg_np_at(s->np, f);
            if (m && m->tok_first == f && m->kind == DG_ENT_COUNTRY &&
                dg_np_role(s->np, m, b, &after) != DG_NP_MODIFIER)
                for (size_t i = 0; i < nc; i++)
                    if (dg_relations_cooperate(d, c[i], m->entity) < 0)
                        s->err = 1;
            coop = 1;
        }
        k += len - 1;
    }
    if (coop && nc == 2 && dg_relations_cooperate(d, c[0], c[1]) < 0)
        s->err = 1;
}

/* The event of sentence si: one it mentions, else the main event when it
 * says "at/during the meeting" or its subject is collective. */
static int
sentence_event(const struct st *s, size_t si, int collective)
{
    const struct dg_doc *d = s->d;
    size_t n, a = d->sent[si].tok_first, end = d->sent[si].tok_end;
    const struct dg_mention *m = dg_doc_mentions_in(d, si, &n);

    for (size_t i = 0; i < n; i++)
        if (m[i].kind == DG_ENT_EVENT)
            return m[i].entity;
    int main_ev = s->main_ev;
    if (main_ev < 0)
        return -1;
    if (collective)
        return main_ev;
    for (size_t k = a; k + 2 < end; k++)
        if ((is_w(d, k, "at") || is_w(d, k, "during")) &&
            is_w(d, k + 1, "the") &&
            dg_cues_is(s->c, d->tok, k + 2, end, DG_CUE_EVNOUN))
            return main_ev;
    return -1;
}

/* ---- one verb (or a chain of verbs sharing subject and object) ---------- */

static size_t
do_verb(struct st *s, size_t si, size_t v)
{
    struct dg_doc *d = s->d;
    const struct dg_token *t = d->tok;
    size_t a0 = d->sent[si].tok_first, end = d->sent[si].tok_end;
    const struct dg_cue_verb *chain[MAXCHAIN];
    size_t nchain = 0, ve, n, p;
    const struct dg_cue_verb *vb;

    n = dg_cues_verb(s->c, t, v, end, &vb);
    if (!n)
        return v + 1;
    if (!(t[v].flags & DG_TOK_LOWER) || vb->pattern == DG_PAT_NONE)
        return v + n;
    chain[nchain++] = vb;
    ve = v + n;
    /* "thanked for and highly appreciated", "appreciated and congratulated" */
    for (;;) {
        size_t j = ve;
        if (is_w(d, j, "for") && is_w(d, j + 1, "and"))
            j++;
        if (!is_w(d, j, "and"))
            break;
        j++;
        while (j < end && is1(s, j, DG_CUE_AUX))
            j++;
        const struct dg_cue_verb *v2;
        size_t n2 = dg_cues_verb(s->c, t, j, end, &v2);
        if (!n2 || v2->pattern == DG_PAT_NONE || nchain == MAXCHAIN)
            break;
        int dup = 0;
        for (size_t i = 0; i < nchain; i++)
            dup |= strcmp(chain[i]->type, v2->type) == 0;
        if (!dup)
            chain[nchain++] = v2;
        vb = v2;
        ve = j + n2;
    }
    /* what stands before the verb */
    for (p = v; p > a0 && is1(s, p - 1, DG_CUE_AUX); p--)
        ;
    /* "the declaration, which provides ...": the subject is a thing */
    if (p > a0 && (is_w(d, p - 1, "which") || is_w(d, p - 1, "that")))
        return ve;
    int passive = p > a0 && is1(s, p - 1, DG_CUE_BE);
    if (!passive && p > a0 &&
        (is1(s, p - 1, DG_CUE_MODAL) || is1(s, p - 1, DG_CUE_NEG) ||
         is_w(d, p - 1, "the") || is_w(d, p - 1, "a") || is_w(d, p - 1, "an") ||
         is_w(d, p - 1, "its") || is_w(d, p - 1, "their")))
        return ve;
    if (p >= 2 && is1(s, p - 1, DG_CUE_BE) && is1(s, p - 2, DG_CUE_NEG))
        return ve;
    size_t cend = clause_end(s, ve, end);
    int by = is_w(d, ve, "by");
    int absolute = 0;
    if (!passive && !by &&
        (ve >= end || dg_np_punct(d, ve, ",") || dg_np_punct(d, ve, ".") ||
         dg_np_punct(d, ve, ";"))) {
        size_t w;
        for (w = p; w > a0 && !boundary(d, w - 1); w--)
            if (is_w(d, w - 1, "with"))
                break;
        absolute = w > a0 && is_w(d, w - 1, "with");
        if (absolute)
            by = 0;
    }

    struct act x;
    int coll = 0, ev;
    size_t sa = a0, sb = a0;
    int gift_who = -1;
    const char *gift = NULL;

    memset(&x, 0, sizeof x);
    if (passive || by || absolute) {
        /* theme before the verb, agents after "by" or the main subject */
        size_t ta, tb = p - (passive ? 1 : 0);
        if (absolute) {
            for (ta = p; ta > a0 && !is_w(d, ta - 1, "with"); ta--)
                ;
        } else {
            /* the phrase before the verb (and its auxiliary) */
            tb = passive ? p - 1 : p;
            for (ta = tb; ta > a0 && !boundary(d, ta - 1); ta--)
                ;
            if (passive && ta == tb) {
                int tmp[MAXE], c2;
                size_t se;
                subject(s, si, tb, tmp, &c2, &ta, &se);
                tb = se < tb ? se : tb;
            }
        }
        if (absolute) {
            size_t a = a0, e;
            while (a < ta && is1(s, a, DG_CUE_INTRO)) {
                while (a < ta && !boundary(d, a))
                    a++;
                a++;
            }
            for (e = a; e < ta && !boundary(d, e) && e < a + 6; e++)
                ;
            x.nag = resolve_seg(s, a, e, end, x.ag, &coll);
        } else {
            size_t b = ve;
            while (b < cend && is1(s, b, DG_CUE_AUX))
                b++;
            if (!is_w(d, b, "by") || vb->pattern == DG_PAT_WITH)
                return ve;
            x.nag = by_list(s, b + 1, cend, x.ag);
            if (!x.nag)
                x.nag = resolve_seg(s, b + 1, cend, end, x.ag, &coll);
        }
        int who;
        if (possessed(s, ta, tb, &who, &gift)) {
            x.rc[x.nrc++] = who;
            gift_who = gift ? who : -1;
        } else {
            x.nrc = entities(s, ta, tb, tb, x.rc);
        }
        for (size_t i = 0; i < nchain; i++) {
            x.type = chain[i]->type;
            x.cameo = chain[i]->cameo;
            x.nit = 0;
            if (chain[i]->pattern == DG_PAT_ITEM) {
                x.nrc = 0;
                add_item(&x, dg_np_text(d, ta, tb));
            }
            x.collective = coll;
            ev = sentence_event(s, si, coll);
            struct act y = x;
            if (emit(s, &y, si, ev) < 0)
                s->err = 1;
        }
        goto gift_out;
    }

    if (p > a0 && dg_np_punct(d, p - 1, ",") && ing_form(d, v))
        x.nag = participle_subject(s, si, p - 1, x.ag);
    else
        x.nag = subject(s, si, v, x.ag, &coll, &sa, &sb);
    if (!x.nag)
        return ve;
    x.collective = coll;
    ev = sentence_event(s, si, coll);
    for (size_t i = 0; i < nchain; i++) {
        struct act y;
        memcpy(&y, &x, sizeof y);
        y.type = chain[i]->type;
        y.cameo = chain[i]->cameo;
        size_t o = ve, k;
        switch (chain[i]->pattern) {
        case DG_PAT_OBJ: {
            size_t lim = cend;
            for (k = o; k < cend; k++)
                if (is_w(d, k, "for") || is_w(d, k, "on") || is_w(d, k, "by"))
                    break;
            lim = k;
            if (k < cend && !is_w(d, k, "by"))
                add_item(&y, dg_np_text(d, k + 1, cend));
            int who;
            if (possessed(s, o, cend, &who, &gift)) {
                add_id(y.rc, &y.nrc, who);
                gift_who = gift ? who : -1;
                if (!y.nit)
                    add_item(&y, dg_np_text(d, o, cend));
            } else {
                y.nrc = entities(s, o, lim, end, y.rc);
                /* "thanked Japan for its assistance to X": Japan gave it */
                size_t q = k + 1;
                if (y.nrc == 1 && k < cend && is_w(d, k, "for") &&
                    (is_w(d, q, "its") || is_w(d, q, "their"))) {
                    size_t g = 0;
                    for (q++; q < cend && q < k + 7 && !g; q++)
                        if ((g = dg_cues_is(s->c, d->tok, q, cend,
                                            DG_CUE_GIFT)))
                            break;
                    if (g) {
                        gift = dg_np_text(d, k + 2, cend);
                        gift_who = gift ? y.rc[0] : -1;
                    }
                }
            }
            break;
        }
        case DG_PAT_OBJTO:
            for (k = o; k < cend && !is_w(d, k, "to"); k++)
                ;
            /* "urges support for X" asks nobody to do anything */
            if (k >= cend)
                continue;
            y.nrc = entities(s, o, k, end, y.rc);
            if (k < cend)
                items(s, &y, k + 1, cend, 1);
            break;
        case DG_PAT_THAT:
            if (is_w(d, o, "that"))
                o++;
            for (k = o; k < cend && k < o + 12; k++)
                if (is1(s, k, DG_CUE_MODAL) && !is_w(d, k, "to"))
                    break;
            if (k >= cend || k >= o + 12 || k == o)
                continue;
            y.nrc = entities(s, o, k, end, y.rc);
            if (!y.nrc)
                continue;
            items(s, &y, k + 1, cend, 1);
            break;
        case DG_PAT_TO:
            if (!(is_w(d, o, "to") || is_w(d, o, "on") || is_w(d, o, "upon") ||
                  is_w(d, o, "that")))
                continue;
            items(s, &y, o + 1, cend, 0);
            break;
        case DG_PAT_ITEM:
            if (strcmp(y.type, "provides") == 0) {
                /* "provided the following readout": words, not a gift */
                int speech = 0;
                for (k = o; k < cend && k < o + 4 && !speech; k++)
                    speech = is1(s, k, DG_CUE_SPEECH);
                if (speech)
                    continue;
                for (k = o + 1; k + 1 < cend; k++)
                    if (is_w(d, k, "to")) {
                        size_t e = k + 1;
                        while (e < cend && is_w(d, e, "the"))
                            e++;
                        const struct dg_mention *m = dg_np_at(s->np, e);
                        if (m && m->tok_first == e &&
                            (m->kind == DG_ENT_COUNTRY ||
                             m->kind == DG_ENT_ORG))
                            y.nrc = entities(s, e, cend, end, y.rc);
                        break;
                    }
                items(s, &y, is_w(d, o, "to") ? o + 1 : o, y.nrc ? k : cend, 0);
            } else {
                items(s, &y, o, cend, 0);
            }
            break;
        case DG_PAT_WITH: {
            const struct dg_mention *m = dg_np_at(s->np, o);
            size_t after;
            if (!m || m->tok_first != o ||
                (m->kind != DG_ENT_COUNTRY && m->kind != DG_ENT_ORG))
                continue;
            dg_np_role(s->np, m, end, &after);
            if (!is_w(d, after, "with"))
                continue;
            add_id(y.rc, &y.nrc, m->entity);
            items(s, &y, after + 1, cend, 0);
            break;
        }
        default: continue;
        }
        if (emit(s, &y, si, ev) < 0)
            s->err = 1;
        /* not when the subject ends a list cut at a comma ("Brazil,
         * Chile and Peru agreed") */
        if (chain[i]->pattern == DG_PAT_TO && y.nag &&
            !(sa > a0 && dg_np_punct(d, sa - 1, ",") && sa - 1 > a0 &&
              dg_np_at(s->np, sa - 2)))
            coop_agreement(s, &y, o, cend);
    }
gift_out:
    /* "thanked X for their support": nothing says what was given to whom */
    if (gift && !strchr(gift, ' '))
        gift = NULL;
    if (gift && gift_who >= 0) {
        struct act g;
        memset(&g, 0, sizeof g);
        g.type = "provides";
        g.cameo = "070";
        g.ag[g.nag++] = gift_who;
        add_item(&g, gift);
        if (emit(s, &g, si, -1) < 0)
            s->err = 1;
    }
    return cend > ve ? ve : ve;
}

/* The group a sentence leaves for a following "they". */
static void
update_group(struct st *s, size_t si)
{
    const struct dg_doc *d = s->d;
    size_t a = d->sent[si].tok_first, end = d->sent[si].tok_end;
    for (size_t k = a; k < end; k++) {
        unsigned cls;
        size_t len = dg_cues_word(s->c, d->tok, k, end, &cls);
        if (!len)
            continue;
        if (cls & (1u << DG_CUE_OFFICIALS))
            s->ngroup = resolve_group(s, DG_CUE_OFFICIALS, s->group);
        else if (cls & ((1u << DG_CUE_SIDES) | (1u << DG_CUE_GROUP)))
            s->ngroup = resolve_group(s, DG_CUE_SIDES, s->group);
        k += len - 1;
    }
}

int
dg_actions_scan(struct dg_doc *d, const struct dg_cues *cues,
                struct dg_error *err)
{
    struct st s;
    int rc = -1;

    memset(&s, 0, sizeof s);
    s.d = d;
    s.c = cues;
    if (!cues)
        return 0;
    if (dg_doc_sort_mentions(d) < 0)
        goto out;
    s.np = dg_np_new(d, cues);
    if (!s.np)
        goto out;
    s.main_ev = dg_parties_main_event(d);
    s.nsides = dg_parties_sides(d, s.sides, MAXE);
    s.npersons = dg_parties_persons(d, s.persons, MAXE);
    for (size_t si = 0; si < d->nsent; si++) {
        if (d->sent[si].flags & (DG_SENT_NOMINE | DG_SENT_FRAGMENT))
            continue;
        for (size_t k = d->sent[si].tok_first; k < d->sent[si].tok_end;) {
            k = do_verb(&s, si, k);
            if (s.err)
                goto out;
        }
        update_group(&s, si);
    }
    rc = 0;
out:
    if (rc < 0 || s.err) {
        rc = -1;
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    }
    dg_np_free(s.np);
    return rc;
}
