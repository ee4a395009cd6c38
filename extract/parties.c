/* parties.c: see parties.h. */
#include "config.h"

#include <string.h>

#include "common/ns.h"
#include "extract/parties.h"

int
dg_parties_main_event(const struct dg_doc *d)
{
    int best = -1;
    size_t best_n = 0;

    for (size_t i = 0; i < d->nent; i++) {
        if (d->ent[i].kind != DG_ENT_EVENT)
            continue;
        size_t n = 0;
        for (size_t m = 0; m < d->nmen; m++)
            n += d->men[m].entity == (int)i;
        if (best < 0 || n > best_n) {
            best = (int)i;
            best_n = n;
        }
    }
    return best;
}

static int
has_id(const int *v, size_t n, int id)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == id)
            return 1;
    return 0;
}

static int
tied_to(const struct dg_doc *d, int id, const char *ev,
        const char *const *props)
{
    for (; *props; props++)
        if (dg_doc_prop_has(d, id, *props, ev))
            return 1;
    return 0;
}

static int
is_igo(const struct dg_doc *d, int id)
{
    const char *k = dg_doc_prop_get(d, id, DG_NS "orgKind");
    return k && strcmp(k, "intergovernmental organization") == 0;
}

/* Countries and intergovernmental orgs of the first minable sentence
 * that names two or more. */
static size_t
first_sentence(const struct dg_doc *d, int *out, size_t max)
{
    size_t n = 0;
    for (size_t si = 0; si < d->nsent; si++) {
        size_t nm;
        const struct dg_mention *m;
        if (d->sent[si].flags & DG_SENT_NOMINE)
            continue;
        m = dg_doc_mentions_in(d, si, &nm);
        n = 0;
        for (size_t i = 0; i < nm && n < max; i++) {
            if (m[i].flags & DG_MEN_NESTED)
                continue;
            if ((m[i].kind == DG_ENT_COUNTRY ||
                 (m[i].kind == DG_ENT_ORG && is_igo(d, m[i].entity))) &&
                !has_id(out, n, m[i].entity))
                out[n++] = m[i].entity;
        }
        if (n >= 2)
            return n;
    }
    return 0;
}

size_t
dg_parties_all(const struct dg_doc *d, int *out, size_t max)
{
    static const char *const props[] = {
        DG_NS "participatesIn", DG_IMPLIED_PARTY, DG_NS "hosts",
        DG_NS "chairs",         DG_NS "coChairs", NULL};
    size_t n = 0;
    int ev = dg_parties_main_event(d);

    if (ev >= 0) {
        for (size_t i = 0; i < d->nent && n < max; i++) {
            int k = d->ent[i].kind;
            if ((k == DG_ENT_COUNTRY || k == DG_ENT_ORG) &&
                tied_to(d, (int)i, d->ent[ev].iri, props))
                out[n++] = (int)i;
        }
        if (n)
            return n;
    }
    return first_sentence(d, out, max);
}

/* ids of all[0..n) that are not dg:memberOf another org among them */
static size_t
top_level(const struct dg_doc *d, const int *all, size_t n, int *out,
          size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        int member = 0;
        for (size_t j = 0; j < n && !member; j++)
            member = j != i && d->ent[all[j]].kind == DG_ENT_ORG &&
                     dg_doc_prop_has(d, all[i], DG_NS "memberOf",
                                     d->ent[all[j]].iri);
        if (!member && !has_id(out, k, all[i]))
            out[k++] = all[i];
    }
    return k;
}

size_t
dg_parties_sides(const struct dg_doc *d, int *out, size_t max)
{
    int all[64];
    size_t n = dg_parties_all(d, all, 32), k;

    k = top_level(d, all, n, out, max);
    if (k >= 2)
        return k;
    /* "both sides" are two at least: add the first sentence's parties */
    n += first_sentence(d, all + n, 32);
    return top_level(d, all, n, out, max);
}

size_t
dg_parties_persons(const struct dg_doc *d, int *out, size_t max)
{
    static const char *const props[] = {DG_NS "attends", DG_NS "chairs",
                                        DG_NS "coChairs", NULL};
    size_t n = 0;
    int ev = dg_parties_main_event(d);

    if (ev >= 0) {
        for (size_t i = 0; i < d->nent && n < max; i++)
            if (d->ent[i].kind == DG_ENT_PERSON &&
                tied_to(d, (int)i, d->ent[ev].iri, props))
                out[n++] = (int)i;
        if (n)
            return n;
    }
    /* the first two persons, in the order of their first mention */
    for (size_t m = 0; m < d->nmen && n < max && n < 2; m++)
        if (d->men[m].kind == DG_ENT_PERSON && d->men[m].sent >= 0 &&
            !has_id(out, n, d->men[m].entity))
            out[n++] = d->men[m].entity;
    return n;
}
