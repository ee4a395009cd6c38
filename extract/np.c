/* np.c: see np.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "extract/np.h"

struct dg_np *
dg_np_new(const struct dg_doc *d, const struct dg_cues *c)
{
    struct dg_np *np = calloc(1, sizeof *np);

    if (!np)
        return NULL;
    np->d = d;
    np->c = c;
    np->at = malloc((d->ntok + 1) * sizeof *np->at);
    if (!np->at) {
        free(np);
        return NULL;
    }
    for (size_t k = 0; k <= d->ntok; k++)
        np->at[k] = -1;
    for (size_t i = 0; i < d->nmen; i++) {
        const struct dg_mention *m = &d->men[i];
        if (m->sent < 0 || (m->flags & DG_MEN_NESTED) ||
            m->kind == DG_ENT_ACTION || m->kind == DG_ENT_TOPIC)
            continue;
        size_t len = m->tok_end - m->tok_first;
        for (size_t k = m->tok_first; k < m->tok_end && k < d->ntok; k++) {
            long o = np->at[k];
            if (o >= 0) {
                const struct dg_mention *x = &d->men[o];
                size_t olen = x->tok_end - x->tok_first;
                if (olen > len || (olen == len && (x->kind == DG_ENT_PERSON ||
                                                   m->kind != DG_ENT_PERSON)))
                    continue;
            }
            np->at[k] = (long)i;
        }
    }
    return np;
}

void
dg_np_free(struct dg_np *np)
{
    if (!np)
        return;
    free(np->at);
    free(np);
}

const struct dg_mention *
dg_np_at(const struct dg_np *np, size_t k)
{
    if (k >= np->d->ntok || np->at[k] < 0)
        return NULL;
    return &np->d->men[np->at[k]];
}

int
dg_np_punct(const struct dg_doc *d, size_t k, const char *p)
{
    return k < d->ntok && !(d->tok[k].flags & DG_TOK_WORD) &&
           strcmp(d->tok[k].fold, p) == 0;
}

static int
glued(const struct dg_doc *d, size_t k)
{
    return k < d->ntok && !(d->tok[k].flags & DG_TOK_SPACE);
}

int
dg_np_role(const struct dg_np *np, const struct dg_mention *m, size_t end,
           size_t *after)
{
    const struct dg_doc *d = np->d;
    const struct dg_token *t = d->tok;
    size_t k = m->tok_end, n;

    *after = k;
    /* "ASEAN-UK", "Vietnam-Singapore": a compound modifier */
    if (m->tok_first >= 2 && dg_np_punct(d, m->tok_first - 1, "-") &&
        glued(d, m->tok_first - 1) && glued(d, m->tok_first) &&
        (t[m->tok_first - 2].flags & DG_TOK_WORD))
        return DG_NP_MODIFIER;
    if (k >= end)
        return DG_NP_HEAD;
    if (dg_np_punct(d, k, "'")) {
        /* "the UK's", "Russia' top diplomats" */
        k++;
        if (k < end && dg_tok_is_ci(&t[k], "s") && glued(d, k))
            k++;
        *after = k;
        n = k < end ? dg_cues_is(np->c, t, k, end, DG_CUE_ROLE) : 0;
        if (n) {
            *after = k + n;
            return DG_NP_ROLE;
        }
        return DG_NP_POSSESSOR;
    }
    if (!(t[k].flags & DG_TOK_WORD)) {
        if (dg_np_punct(d, k, "-") && glued(d, k) && k + 1 < end &&
            glued(d, k + 1))
            return DG_NP_MODIFIER;
        return DG_NP_HEAD;
    }
    if (t[k].flags & (DG_TOK_CAP | DG_TOK_DIGIT))
        return DG_NP_MODIFIER;
    /* a role noun, maybe after one lowercase word ("top", "senior") */
    for (size_t j = k; j < end && j <= k + 1; j++) {
        n = dg_cues_is(np->c, t, j, end, DG_CUE_ROLE);
        if (!n)
            continue;
        *after = j + n;
        /* "Russian foreign minister Sergey Lavrov": a title */
        const struct dg_mention *p = dg_np_at(np, j + n);
        if (p && p->kind == DG_ENT_PERSON)
            return DG_NP_TITLE;
        return DG_NP_ROLE;
    }
    if (dg_cues_is(np->c, t, k, end, DG_CUE_FUNC) ||
        dg_cues_is(np->c, t, k, end, DG_CUE_HOLD))
        return DG_NP_HEAD;
    /* a verb after the name: "Vietnam reaffirmed", "Japan hosts" */
    const struct dg_cue_verb *v;
    size_t wl = strlen(t[k].lower);
    if (dg_cues_verb(np->c, t, k, end, &v) ||
        (wl > 3 && strcmp(t[k].lower + wl - 2, "ed") == 0))
        return DG_NP_HEAD;
    return DG_NP_MODIFIER;
}

const char *
dg_np_text(struct dg_doc *d, size_t a, size_t b)
{
    while (b > a && !(d->tok[b - 1].flags & DG_TOK_WORD) &&
           !dg_np_punct(d, b - 1, ")") && !dg_np_punct(d, b - 1, "\""))
        b--;
    while (a < b && (dg_np_punct(d, a, ",") || dg_np_punct(d, a, ":")))
        a++;
    if (b <= a)
        return NULL;
    return dg_doc_span(d, a, b);
}
