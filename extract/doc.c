/* doc.c: see doc.h. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "common/ns.h"
#include "extract/doc.h"

#define ARENA_BLOCK 65536

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    char data[];
};

struct dg_doc_arena {
    struct arena_block *head;
};

static char *
arena_alloc(struct dg_doc *d, size_t n)
{
    struct arena_block *b = d->arena->head;
    n = (n + 7) & ~(size_t)7;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        struct arena_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->size = size;
        nb->used = 0;
        nb->next = b;
        d->arena->head = nb;
        b = nb;
    }
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

const char *
dg_doc_strndup(struct dg_doc *d, const char *s, size_t n)
{
    char *p = arena_alloc(d, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

const char *
dg_doc_strdup(struct dg_doc *d, const char *s)
{
    return s ? dg_doc_strndup(d, s, strlen(s)) : NULL;
}

const char *
dg_doc_printf(struct dg_doc *d, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof small)
        return dg_doc_strndup(d, small, (size_t)n);
    char *p = arena_alloc(d, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

const char *
dg_doc_span(struct dg_doc *d, size_t a, size_t b)
{
    if (a >= b || b > d->ntok)
        return dg_doc_strdup(d, "");
    return dg_doc_strndup(d, d->text + d->tok[a].start,
                          d->tok[b - 1].end - d->tok[a].start);
}

const char *
dg_doc_iri(struct dg_doc *d, const char *prefix, const char *slug)
{
    return dg_doc_printf(d, "%s%s%s", d->base, prefix, slug);
}

long
dg_doc_sentence_of(const struct dg_doc *d, size_t k)
{
    size_t lo = 0, hi = d->nsent;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sent[mid].tok_end <= k)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < d->nsent && d->sent[lo].tok_first <= k)
        return (long)lo;
    return -1;
}

struct dg_doc *
dg_doc_new(const char *text, size_t len, const struct dg_article *a,
           const struct dg_lexicon *lex, const char *base, const char *key,
           struct dg_error *err)
{
    struct dg_doc *d = calloc(1, sizeof *d);

    if (!d || !(d->arena = calloc(1, sizeof *d->arena)))
        goto nomem;
    d->text = text;
    d->len = len;
    d->article = a;
    d->lex = lex;
    d->base = dg_doc_strdup(d, base ? base : DG_BASE_DEFAULT);
    d->key = dg_doc_strdup(d, key ? key : "article");
    if (!d->base || !d->key)
        goto nomem;
    d->article_iri = dg_doc_iri(d, "article/", d->key);
    /* tagged with the lexicon's word ids: every trie lookup uses them */
    d->tokens = dg_tokens_new_in(text, dg_article_body_start(a), len,
                                 dg_lexicon_words(lex));
    if (!d->article_iri || !d->tokens)
        goto nomem;
    d->tok = dg_tokens_get(d->tokens);
    d->ntok = dg_tokens_count(d->tokens);
    d->sentences = dg_sentence_split(text, a, d->tokens, err);
    if (!d->sentences)
        goto fail;
    d->nsent = dg_sentences_count(d->sentences);
    d->sent = d->nsent ? dg_sentences_get(d->sentences, 0) : NULL;
    d->sent_iri = calloc(d->nsent + 1, sizeof *d->sent_iri);
    if (!d->sent_iri)
        goto nomem;
    for (size_t i = 0; i < d->nsent; i++) {
        d->sent_iri[i] = dg_doc_printf(d, "%s#s%zu", d->article_iri, i + 1);
        if (!d->sent_iri[i])
            goto nomem;
    }
    size_t ds, de;
    if (dg_article_dateline(a, &ds, &de) == 0) {
        size_t k = 0;
        while (k < d->ntok && d->tok[k].start < ds)
            k++;
        d->dl_first = k;
        while (k < d->ntok && d->tok[k].end <= de)
            k++;
        d->dl_end = k;
    }
    return d;
nomem:
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
fail:
    dg_doc_free(d);
    return NULL;
}

void
dg_doc_free(struct dg_doc *d)
{
    if (!d)
        return;
    if (d->arena) {
        struct arena_block *b = d->arena->head;
        while (b) {
            struct arena_block *next = b->next;
            free(b);
            b = next;
        }
        free(d->arena);
    }
    for (size_t i = 0; i < d->nent; i++)
        free(d->ent[i].props);
    free(d->ent);
    free(d->men);
    free(d->sent_men);
    free(d->acr);
    free(d->ent_hash);
    free(d->country_ent);
    free(d->org_ent);
    free(d->sent_iri);
    dg_sentences_free(d->sentences);
    dg_tokens_free(d->tokens);
    free(d);
}

/* ---- entities --------------------------------------------------------- */

int
dg_doc_entity_find(const struct dg_doc *d, const char *iri)
{
    if (!d->ent_hcap)
        return -1;
    size_t mask = d->ent_hcap - 1, i = (size_t)dg_hash_str(iri) & mask;
    while (d->ent_hash[i]) {
        if (strcmp(d->ent[d->ent_hash[i] - 1].iri, iri) == 0)
            return (int)(d->ent_hash[i] - 1);
        i = (i + 1) & mask;
    }
    return -1;
}

static int
ent_rehash(struct dg_doc *d)
{
    size_t ncap = d->ent_hcap ? d->ent_hcap * 2 : 64;
    size_t *nh = calloc(ncap, sizeof *nh);
    if (!nh)
        return -1;
    for (size_t k = 0; k < d->nent; k++) {
        size_t i = (size_t)dg_hash_str(d->ent[k].iri) & (ncap - 1);
        while (nh[i])
            i = (i + 1) & (ncap - 1);
        nh[i] = k + 1;
    }
    free(d->ent_hash);
    d->ent_hash = nh;
    d->ent_hcap = ncap;
    return 0;
}

int
dg_doc_entity(struct dg_doc *d, int kind, const char *iri, const char *name)
{
    int id = dg_doc_entity_find(d, iri);
    if (id >= 0)
        return id;
    if ((d->nent + 1) * 2 > d->ent_hcap && ent_rehash(d) < 0)
        return -1;
    if (d->nent == d->capent) {
        size_t ncap = d->capent ? d->capent * 2 : 32;
        struct dg_entity *nv = realloc(d->ent, ncap * sizeof *nv);
        if (!nv)
            return -1;
        d->ent = nv;
        d->capent = ncap;
    }
    struct dg_entity *e = &d->ent[d->nent];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->lex = -1;
    e->iri = dg_doc_strdup(d, iri);
    e->name = name ? dg_doc_strdup(d, name) : NULL;
    if (!e->iri || (name && !e->name))
        return -1;
    size_t i = (size_t)dg_hash_str(iri) & (d->ent_hcap - 1);
    while (d->ent_hash[i])
        i = (i + 1) & (d->ent_hcap - 1);
    d->ent_hash[i] = d->nent + 1;
    return (int)d->nent++;
}

int
dg_doc_entity_rename(struct dg_doc *d, int id, const char *name)
{
    const char *n = dg_doc_strdup(d, name);
    if (!n)
        return -1;
    d->ent[id].name = n;
    return 0;
}

/* The slot of lexicon entry i (of n) in *cache, the array made on first
 * use: every mention of a country or org looks its entity up, and the IRI
 * it would print and hash for that is the same each time.  NULL when i is
 * out of range or out of memory. */
static int *
lex_slot(int **cache, size_t n, size_t i)
{
    if (i >= n)
        return NULL;
    if (!*cache)
        *cache = calloc(n, sizeof **cache);
    return *cache ? &(*cache)[i] : NULL;
}

/* Records id (>= 0) in slot, when there is one; returns id. */
static int
remember(int *slot, int id)
{
    if (slot && id >= 0)
        *slot = id + 1;
    return id;
}

static int
country_entity(struct dg_doc *d, size_t i)
{
    const struct dg_lex_country *c = dg_lexicon_country(d->lex, i);
    const char *iri = c ? dg_doc_iri(d, "country/", c->iso3) : NULL;
    if (!iri)
        return -1;
    int id = dg_doc_entity_find(d, iri);
    if (id >= 0)
        return id;
    id = dg_doc_entity(d, DG_ENT_COUNTRY, iri, c->name);
    if (id < 0)
        return -1;
    d->ent[id].lex = (long)i;
    if (dg_doc_prop_lit(d, id, DG_NS "iso3", c->iso3, NULL) < 0)
        return -1;
    if (c->qid[0]) {
        const char *wd = dg_doc_printf(d, "%s%s", DG_NS_WD, c->qid);
        if (!wd || dg_doc_prop_iri(d, id, DG_NS_OWL "sameAs", wd) < 0)
            return -1;
    }
    return id;
}

int
dg_doc_country(struct dg_doc *d, size_t i)
{
    int *slot = lex_slot(&d->country_ent, dg_lexicon_country_count(d->lex), i);
    if (slot && *slot)
        return *slot - 1;
    return remember(slot, country_entity(d, i));
}

static int
org_entity(struct dg_doc *d, size_t i)
{
    const struct dg_lex_org *o = dg_lexicon_org(d->lex, i);
    const char *iri = o ? dg_doc_iri(d, "org/", o->key) : NULL;
    if (!iri)
        return -1;
    int id = dg_doc_entity_find(d, iri);
    if (id >= 0)
        return id;
    id = dg_doc_entity(d, DG_ENT_ORG, iri, o->name);
    if (id < 0)
        return -1;
    d->ent[id].lex = (long)i;
    if (dg_doc_prop_lit(d, id, DG_NS "orgKind", o->kind, NULL) < 0)
        return -1;
    if (o->acronym[0] && dg_doc_prop_lit(d, id, DG_NS_SCHEMA "alternateName",
                                         o->acronym, NULL) < 0)
        return -1;
    if (o->parent[0]) {
        /* the parent is named by its IRI only: it is not registered (and
         * so not typed) unless the article mentions it too */
        const char *piri = dg_doc_iri(d, "org/", o->parent);
        if (!piri ||
            dg_doc_prop_iri(d, id, DG_NS_ORG "subOrganizationOf", piri) < 0)
            return -1;
    }
    return id;
}

int
dg_doc_org(struct dg_doc *d, size_t i)
{
    int *slot = lex_slot(&d->org_ent, dg_lexicon_org_count(d->lex), i);
    if (slot && *slot)
        return *slot - 1;
    return remember(slot, org_entity(d, i));
}

static int
add_prop(struct dg_doc *d, int id, const char *p, const char *o, const char *dt,
         int o_is_iri)
{
    struct dg_entity *e;
    if (id < 0 || (size_t)id >= d->nent || !p || !o)
        return -1;
    e = &d->ent[id];
    for (size_t k = 0; k < e->nprops; k++)
        if (e->props[k].o_is_iri == o_is_iri && strcmp(e->props[k].p, p) == 0 &&
            strcmp(e->props[k].o, o) == 0)
            return 0;
    if (e->nprops == e->capprops) {
        size_t ncap = e->capprops ? e->capprops * 2 : 8;
        struct dg_prop *nv = realloc(e->props, ncap * sizeof *nv);
        if (!nv)
            return -1;
        e->props = nv;
        e->capprops = ncap;
    }
    struct dg_prop *x = &e->props[e->nprops];
    x->p = dg_doc_strdup(d, p);
    x->o = dg_doc_strdup(d, o);
    x->dt = dt ? dg_doc_strdup(d, dt) : NULL;
    x->o_is_iri = o_is_iri;
    if (!x->p || !x->o || (dt && !x->dt))
        return -1;
    e->nprops++;
    return 0;
}

int
dg_doc_prop_iri(struct dg_doc *d, int id, const char *p, const char *o)
{
    return add_prop(d, id, p, o, NULL, 1);
}

int
dg_doc_prop_lit(struct dg_doc *d, int id, const char *p, const char *lit,
                const char *dt)
{
    return add_prop(d, id, p, lit, dt, 0);
}

void
dg_doc_prop_del(struct dg_doc *d, int id, const char *p, const char *o)
{
    if (id < 0 || (size_t)id >= d->nent)
        return;
    struct dg_entity *e = &d->ent[id];
    size_t n = 0;
    for (size_t k = 0; k < e->nprops; k++)
        if (strcmp(e->props[k].p, p) != 0 || strcmp(e->props[k].o, o) != 0)
            e->props[n++] = e->props[k];
    e->nprops = n;
}

int
dg_doc_prop_has(const struct dg_doc *d, int id, const char *p, const char *o)
{
    if (id < 0 || (size_t)id >= d->nent)
        return 0;
    const struct dg_entity *e = &d->ent[id];
    for (size_t k = 0; k < e->nprops; k++)
        if (strcmp(e->props[k].p, p) == 0 &&
            (!o || strcmp(e->props[k].o, o) == 0))
            return 1;
    return 0;
}

const char *
dg_doc_prop_get(const struct dg_doc *d, int id, const char *p)
{
    if (id < 0 || (size_t)id >= d->nent)
        return NULL;
    const struct dg_entity *e = &d->ent[id];
    for (size_t k = 0; k < e->nprops; k++)
        if (strcmp(e->props[k].p, p) == 0)
            return e->props[k].o;
    return NULL;
}

/* ---- mentions --------------------------------------------------------- */

long
dg_doc_mention(struct dg_doc *d, int id, size_t a, size_t b, unsigned flags)
{
    if (id < 0 || (size_t)id >= d->nent || a >= b || b > d->ntok)
        return -1;
    for (size_t k = d->nmen; k-- > 0 && k + 64 >= d->nmen;)
        if (d->men[k].entity == id && d->men[k].tok_first == a &&
            d->men[k].tok_end == b)
            return (long)k;
    if (d->nmen == d->capmen) {
        size_t ncap = d->capmen ? d->capmen * 2 : 64;
        struct dg_mention *nv = realloc(d->men, ncap * sizeof *nv);
        if (!nv)
            return -1;
        d->men = nv;
        d->capmen = ncap;
    }
    struct dg_mention *m = &d->men[d->nmen];
    m->entity = id;
    m->kind = d->ent[id].kind;
    m->sent = dg_doc_sentence_of(d, a);
    m->tok_first = a;
    m->tok_end = b;
    m->start = d->tok[a].start;
    m->end = d->tok[b - 1].end;
    m->flags = flags;
    if (a >= d->dl_first && b <= d->dl_end && d->dl_end > d->dl_first)
        m->flags |= DG_MEN_DATELINE;
    return (long)d->nmen++;
}

static int
cmp_mention(const void *pa, const void *pb)
{
    const struct dg_mention *a = pa, *b = pb;
    if (a->tok_first != b->tok_first)
        return a->tok_first < b->tok_first ? -1 : 1;
    if (a->tok_end != b->tok_end)
        return a->tok_end > b->tok_end ? -1 : 1; /* longer first */
    return a->entity - b->entity;
}

int
dg_doc_sort_mentions(struct dg_doc *d)
{
    size_t *sm = realloc(d->sent_men, (d->nsent + 1) * sizeof *sm);
    if (!sm)
        return -1;
    d->sent_men = sm;
    if (d->nmen)
        qsort(d->men, d->nmen, sizeof *d->men, cmp_mention);
    size_t k = 0;
    for (size_t i = 0; i < d->nsent; i++) {
        while (k < d->nmen && d->men[k].tok_first < d->sent[i].tok_first)
            k++;
        sm[i] = k;
    }
    sm[d->nsent] = d->nmen;
    return 0;
}

const struct dg_mention *
dg_doc_mentions_in(const struct dg_doc *d, size_t i, size_t *n)
{
    *n = 0;
    if (!d->sent_men || i >= d->nsent)
        return NULL;
    size_t a = d->sent_men[i], b = a;
    while (b < d->nmen && d->men[b].tok_first < d->sent[i].tok_end)
        b++;
    *n = b - a;
    /* no mention: NULL, not d->men + a (NULL + 0 when there is none) */
    return b > a ? d->men + a : NULL;
}

int
dg_doc_acronym(struct dg_doc *d, const char *acr, size_t a, size_t b,
               int entity)
{
    if (d->nacr == d->capacr) {
        size_t ncap = d->capacr ? d->capacr * 2 : 8;
        struct dg_acronym *nv = realloc(d->acr, ncap * sizeof *nv);
        if (!nv)
            return -1;
        d->acr = nv;
        d->capacr = ncap;
    }
    struct dg_acronym *x = &d->acr[d->nacr];
    x->acronym = dg_doc_strdup(d, acr);
    if (!x->acronym)
        return -1;
    x->tok_first = a;
    x->tok_end = b;
    x->sent = dg_doc_sentence_of(d, a);
    x->entity = entity;
    d->nacr++;
    return 0;
}

const char *
dg_doc_next_event_iri(struct dg_doc *d)
{
    return dg_doc_printf(d, "%sevent/%s/%d", d->base, d->key, ++d->nevents);
}

const char *
dg_doc_next_action_iri(struct dg_doc *d)
{
    return dg_doc_printf(d, "%saction/%s/%d", d->base, d->key, ++d->nactions);
}

/* ---- emission --------------------------------------------------------- */

static const char *
class_of(int kind)
{
    switch (kind) {
    case DG_ENT_COUNTRY: return DG_NS_SCHEMA "Country";
    case DG_ENT_ORG: return DG_NS_SCHEMA "Organization";
    case DG_ENT_PERSON: return DG_NS_SCHEMA "Person";
    case DG_ENT_PLACE: return DG_NS_SCHEMA "Place";
    case DG_ENT_EVENT: return DG_NS_SCHEMA "Event";
    case DG_ENT_TOPIC: return DG_NS_SKOS "Concept";
    case DG_ENT_ACTION: return DG_NS "Action";
    default: return NULL;
    }
}

/* 1 when entity i is a news outlet that the article only cites or credits
 * ("(Bernama)", "-- Reuters pic", "Xinhua reported"): no other entity
 * points at it.  It is recorded as the article's source, not as an
 * organisation the news is about. */
static int
credit_only(const struct dg_doc *d, size_t i)
{
    const struct dg_entity *e = &d->ent[i];
    int media = 0;
    if (e->kind != DG_ENT_ORG)
        return 0;
    for (size_t k = 0; k < e->nprops; k++)
        if (!strcmp(e->props[k].p, DG_NS "orgKind") &&
            !strcmp(e->props[k].o, "media"))
            media = 1;
    if (!media)
        return 0;
    for (size_t j = 0; j < d->nent; j++)
        for (size_t k = 0; j != i && k < d->ent[j].nprops; k++)
            if (d->ent[j].props[k].o_is_iri &&
                !strcmp(d->ent[j].props[k].o, e->iri))
                return 0;
    return 1;
}

int
dg_doc_emit(const struct dg_doc *d, struct dg_facts *out)
{
    for (size_t i = 0; i < d->nsent; i++) {
        const struct dg_sentence *s = &d->sent[i];
        const char *iri = d->sent_iri[i];
        char *text = malloc(s->end - s->start + 1);
        if (!text)
            return -1;
        memcpy(text, d->text + s->start, s->end - s->start);
        text[s->end - s->start] = '\0';
        int rc = dg_facts_add_iri(out, iri, DG_RDF_TYPE, DG_NS "Sentence") |
                 dg_facts_add_iri(out, iri, DG_NS "inArticle", d->article_iri) |
                 dg_facts_add_int(out, iri, DG_NS "index", (long)i + 1) |
                 dg_facts_add_lit(out, iri, DG_NS_SCHEMA "text", text, NULL) |
                 dg_facts_add_int(out, iri, DG_NS "charStart", (long)s->start) |
                 dg_facts_add_int(out, iri, DG_NS "charEnd", (long)s->end);
        free(text);
        if (rc)
            return -1;
    }
    for (size_t i = 0; i < d->nent; i++) {
        const struct dg_entity *e = &d->ent[i];
        const char *cls = class_of(e->kind);
        if (e->name && credit_only(d, i)) {
            if (dg_facts_add_lit(out, d->article_iri,
                                 DG_NS_SCHEMA "sourceOrganization", e->name,
                                 NULL) < 0)
                return -1;
            continue;
        }
        if (cls && dg_facts_add_iri(out, e->iri, DG_RDF_TYPE, cls) < 0)
            return -1;
        if (e->name) {
            const char *p = e->kind == DG_ENT_TOPIC ? DG_NS_SKOS "prefLabel"
                                                    : DG_NS_SCHEMA "name";
            if (dg_facts_add_lit(out, e->iri, p, e->name, NULL) < 0)
                return -1;
        }
        for (size_t k = 0; k < e->nprops; k++) {
            const struct dg_prop *p = &e->props[k];
            if (!strncmp(p->p, DG_INTERNAL, sizeof DG_INTERNAL - 1))
                continue;
            /* an alternateName equal to the name says nothing */
            if (!p->o_is_iri && e->name &&
                strcmp(p->p, DG_NS_SCHEMA "alternateName") == 0 &&
                strcmp(p->o, e->name) == 0)
                continue;
            int rc = p->o_is_iri
                         ? dg_facts_add_iri(out, e->iri, p->p, p->o)
                         : dg_facts_add_lit(out, e->iri, p->p, p->o, p->dt);
            if (rc < 0)
                return -1;
        }
    }
    return 0;
}
