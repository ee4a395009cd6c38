/* lexicon.c: see lexicon.h.  Each file is read whole and kept: fields are
 * cut in place (NUL-terminated), so the structs point into the buffers. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "extract/text.h"

#define MAX_FIELDS DG_TSV_MAX_FIELDS

/* Generic phrase tables: see dg_lexicon_table in lexicon.h.  Add a file
 * name here to load one more (optional) table. */
static const char *const table_files[] = {
    "event-nouns.tsv", "event-cues.tsv",      "date-words.tsv",  "topics.tsv",
    "cities.tsv",      "title-countries.tsv", "memberships.tsv", NULL};
#define NTABLES (sizeof table_files / sizeof *table_files - 1)

struct dg_lex_table {
    struct dg_trie *trie;
    char *(*rows)[MAX_FIELDS]; /* fields of each row (NULL when absent) */
    size_t nrows;
};

struct dg_lexicon {
    struct dg_lex_table tables[NTABLES];
    char **bufs;
    size_t nbufs;
    struct dg_lex_country *countries;
    size_t ncountries;
    struct dg_lex_org *orgs;
    size_t norgs;
    const char **ranks;
    size_t nranks;
    struct dg_lex_head *heads;
    size_t nheads;
    struct dg_trie *entities, *rank_trie, *titles, *honorifics, *head_trie,
        *office;
    struct dg_words *words; /* the words of every trie above */
};

static int
grow(void **v, size_t n, size_t size)
{
    /* grows to a power of two when n reaches one */
    if (n && (n & (n - 1)))
        return 0;
    void *nv = realloc(*v, (n ? n * 2 : 16) * size);
    if (!nv)
        return -1;
    *v = nv;
    return 0;
}

static int
is_upper_ascii(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

static int
load_countries(struct dg_lexicon *lx, const char *dir, struct dg_error *err)
{
    struct dg_tsv r;

    if (dg_tsv_open(&r, dir, "countries.tsv", 0, &lx->bufs, &lx->nbufs, err) <
        0)
        return -1;
    while (dg_tsv_next(&r)) {
        if (r.nf < 4)
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: expected at least 4 fields, got %zu",
                                r.path, r.line, r.nf);
        if (!is_upper_ascii(r.f[0], 3))
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: bad alpha-3 code '%s'", r.path, r.line,
                                r.f[0]);
        if (r.f[2][0] && r.f[2][0] != 'Q')
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: bad Wikidata id '%s'", r.path, r.line,
                                r.f[2]);
        if (!r.f[3][0])
            return dg_error_set(err, DG_ERR_INPUT, "%s:%zu: empty name", r.path,
                                r.line);
        if (grow((void **)&lx->countries, lx->ncountries,
                 sizeof *lx->countries) < 0)
            goto nomem;
        struct dg_lex_country *c = &lx->countries[lx->ncountries];
        c->iso3 = r.f[0];
        c->iso2 = r.f[1];
        c->qid = r.f[2];
        c->name = r.f[3];
        int v = DG_LEX_VALUE(DG_LEX_COUNTRY, (int)lx->ncountries);
        lx->ncountries++;
        if (dg_trie_add(lx->entities, c->name, v) < 0)
            goto nomem;
        if (r.nf > 4 && dg_tsv_add_variants(lx->entities, r.f[4], v) < 0)
            goto nomem;
    }
    return 0;
nomem:
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

static int
load_orgs(struct dg_lexicon *lx, const char *dir, struct dg_error *err)
{
    struct dg_tsv r;

    if (dg_tsv_open(&r, dir, "orgs.tsv", 0, &lx->bufs, &lx->nbufs, err) < 0)
        return -1;
    while (dg_tsv_next(&r)) {
        if (r.nf < 4)
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: expected at least 4 fields, got %zu",
                                r.path, r.line, r.nf);
        if (!r.f[0][0] || !r.f[1][0] || !r.f[3][0])
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: empty key, name or kind", r.path,
                                r.line);
        for (const char *k = r.f[0]; *k; k++)
            if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') ||
                  *k == '-'))
                return dg_error_set(err, DG_ERR_INPUT,
                                    "%s:%zu: key '%s' is not a slug", r.path,
                                    r.line, r.f[0]);
        if (grow((void **)&lx->orgs, lx->norgs, sizeof *lx->orgs) < 0)
            goto nomem;
        struct dg_lex_org *o = &lx->orgs[lx->norgs];
        o->key = r.f[0];
        o->name = r.f[1];
        o->acronym = r.f[2];
        o->kind = r.f[3];
        o->parent = r.nf > 5 ? r.f[5] : "";
        o->slug = dg_text_slug(o->name, strlen(o->name));
        if (!o->slug)
            goto nomem;
        int v = DG_LEX_VALUE(DG_LEX_ORG, (int)lx->norgs);
        lx->norgs++;
        if (dg_trie_add(lx->entities, o->name, v) < 0 ||
            (o->acronym[0] && dg_trie_add(lx->entities, o->acronym, v) < 0))
            goto nomem;
        if (r.nf > 4 && dg_tsv_add_variants(lx->entities, r.f[4], v) < 0)
            goto nomem;
    }
    for (size_t i = 0; i < lx->norgs; i++)
        if (lx->orgs[i].parent[0] &&
            dg_lexicon_org_by_key(lx, lx->orgs[i].parent) < 0)
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s: org '%s' has unknown parent '%s'", r.path,
                                lx->orgs[i].key, lx->orgs[i].parent);
    return 0;
nomem:
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

/* One phrase per line (first field), added with value. */
static int
load_list(struct dg_lexicon *lx, const char *dir, const char *name,
          struct dg_trie *tr, int value, struct dg_error *err)
{
    struct dg_tsv r;

    if (dg_tsv_open(&r, dir, name, 1, &lx->bufs, &lx->nbufs, err) < 0)
        return -1;
    while (dg_tsv_next(&r)) {
        if (!r.f[0][0])
            return dg_error_set(err, DG_ERR_INPUT, "%s:%zu: empty phrase",
                                r.path, r.line);
        if (dg_trie_add(tr, r.f[0], value) < 0)
            return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    }
    return 0;
}

static int
load_ranks(struct dg_lexicon *lx, const char *dir, struct dg_error *err)
{
    struct dg_tsv r;

    if (dg_tsv_open(&r, dir, "ranks.tsv", 1, &lx->bufs, &lx->nbufs, err) < 0)
        return -1;
    while (dg_tsv_next(&r)) {
        if (!r.f[0][0])
            return dg_error_set(err, DG_ERR_INPUT, "%s:%zu: empty rank", r.path,
                                r.line);
        if (grow((void **)&lx->ranks, lx->nranks, sizeof *lx->ranks) < 0)
            goto nomem;
        int v = (int)lx->nranks;
        lx->ranks[lx->nranks++] = r.f[0];
        if (dg_trie_add(lx->rank_trie, r.f[0], v) < 0)
            goto nomem;
        if (r.nf > 1 && dg_tsv_add_variants(lx->rank_trie, r.f[1], v) < 0)
            goto nomem;
    }
    return 0;
nomem:
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

static int
load_heads(struct dg_lexicon *lx, const char *dir, struct dg_error *err)
{
    struct dg_tsv r;

    if (dg_tsv_open(&r, dir, "org-heads.tsv", 1, &lx->bufs, &lx->nbufs, err) <
        0)
        return -1;
    while (dg_tsv_next(&r)) {
        if (r.nf < 3 || !r.f[0][0] || !r.f[1][0])
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: expected head, kind, position", r.path,
                                r.line);
        int pre = strcmp(r.f[2], "pre") == 0 || strcmp(r.f[2], "both") == 0;
        int post = strcmp(r.f[2], "post") == 0 || strcmp(r.f[2], "both") == 0;
        if (!pre && !post)
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: position '%s' is not pre, post or "
                                "both",
                                r.path, r.line, r.f[2]);
        if (grow((void **)&lx->heads, lx->nheads, sizeof *lx->heads) < 0)
            goto nomem;
        int v = (int)lx->nheads;
        lx->heads[lx->nheads].kind = r.f[1];
        lx->heads[lx->nheads].pre = pre;
        lx->heads[lx->nheads].post = post;
        lx->nheads++;
        if (dg_trie_add(lx->head_trie, r.f[0], v) < 0)
            goto nomem;
    }
    return 0;
nomem:
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

static int
load_table(struct dg_lexicon *lx, const char *dir, size_t ti,
           struct dg_error *err)
{
    struct dg_tsv r;
    struct dg_lex_table *t = &lx->tables[ti];

    t->trie = dg_trie_new_in(lx->words);
    if (!t->trie)
        goto nomem;
    if (dg_tsv_open(&r, dir, table_files[ti], 1, &lx->bufs, &lx->nbufs, err) <
        0)
        return -1;
    while (dg_tsv_next(&r)) {
        if (!r.f[0][0])
            return dg_error_set(err, DG_ERR_INPUT, "%s:%zu: empty phrase",
                                r.path, r.line);
        if (grow((void **)&t->rows, t->nrows, sizeof *t->rows) < 0)
            goto nomem;
        for (size_t k = 0; k < MAX_FIELDS; k++)
            t->rows[t->nrows][k] = k < r.nf ? r.f[k] : NULL;
        if (dg_tsv_add_variants(t->trie, r.f[0], (int)t->nrows) < 0)
            goto nomem;
        t->nrows++;
    }
    return 0;
nomem:
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

const struct dg_lex_table *
dg_lexicon_table(const struct dg_lexicon *lx, const char *file)
{
    /* the first byte first: stages look tables up at every token */
    for (size_t i = 0; i < NTABLES; i++)
        if (table_files[i][0] == file[0] && strcmp(table_files[i], file) == 0)
            return &lx->tables[i];
    return NULL;
}

const struct dg_words *
dg_lexicon_words(const struct dg_lexicon *lx)
{
    return lx ? lx->words : NULL;
}

const struct dg_trie *
dg_lex_table_trie(const struct dg_lex_table *t)
{
    return t ? t->trie : NULL;
}

size_t
dg_lex_table_rows(const struct dg_lex_table *t)
{
    return t ? t->nrows : 0;
}

const char *
dg_lex_table_field(const struct dg_lex_table *t, size_t row, size_t col)
{
    if (!t || row >= t->nrows || col >= MAX_FIELDS || !t->rows[row][col])
        return "";
    return t->rows[row][col];
}

struct dg_lexicon *
dg_lexicon_load(const char *datadir, struct dg_error *err)
{
    struct dg_lexicon *lx = calloc(1, sizeof *lx);

    if (!lx) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    lx->words = dg_words_new();
    lx->entities = dg_trie_new_in(lx->words);
    lx->rank_trie = dg_trie_new_in(lx->words);
    lx->titles = dg_trie_new_in(lx->words);
    lx->honorifics = dg_trie_new_in(lx->words);
    lx->head_trie = dg_trie_new_in(lx->words);
    lx->office = dg_trie_new_in(lx->words);
    if (!lx->words || !lx->office || !lx->entities || !lx->rank_trie ||
        !lx->titles || !lx->honorifics || !lx->head_trie) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* blockers first: a phrase listed as a blocker stays one */
    if (load_list(lx, datadir, "geo-blockers.txt", lx->entities,
                  DG_LEX_VALUE(DG_LEX_BLOCKER, 0), err) < 0 ||
        load_countries(lx, datadir, err) < 0 ||
        load_orgs(lx, datadir, err) < 0 || load_ranks(lx, datadir, err) < 0 ||
        load_list(lx, datadir, "titles.txt", lx->titles, 0, err) < 0 ||
        load_list(lx, datadir, "honorifics.txt", lx->honorifics, 0, err) < 0 ||
        load_list(lx, datadir, "office-words.txt", lx->office, 0, err) < 0 ||
        load_heads(lx, datadir, err) < 0)
        goto fail;
    for (size_t i = 0; i < NTABLES; i++)
        if (load_table(lx, datadir, i, err) < 0)
            goto fail;
    return lx;
fail:
    dg_lexicon_free(lx);
    return NULL;
}

void
dg_lexicon_free(struct dg_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < NTABLES; i++) {
        dg_trie_free(lx->tables[i].trie);
        free(lx->tables[i].rows);
    }
    for (size_t i = 0; i < lx->nbufs; i++)
        free(lx->bufs[i]);
    free(lx->bufs);
    free(lx->countries);
    for (size_t i = 0; i < lx->norgs; i++)
        free(lx->orgs[i].slug);
    free(lx->orgs);
    free(lx->ranks);
    free(lx->heads);
    dg_trie_free(lx->entities);
    dg_trie_free(lx->rank_trie);
    dg_trie_free(lx->titles);
    dg_trie_free(lx->honorifics);
    dg_trie_free(lx->head_trie);
    dg_trie_free(lx->office);
    dg_words_free(lx->words); /* after the tries that borrow it */
    free(lx);
}

size_t
dg_lexicon_country_count(const struct dg_lexicon *lx)
{
    return lx->ncountries;
}

const struct dg_lex_country *
dg_lexicon_country(const struct dg_lexicon *lx, size_t i)
{
    return i < lx->ncountries ? &lx->countries[i] : NULL;
}

long
dg_lexicon_country_by_iso3(const struct dg_lexicon *lx, const char *iso3)
{
    for (size_t i = 0; i < lx->ncountries; i++)
        if (strcmp(lx->countries[i].iso3, iso3) == 0)
            return (long)i;
    return -1;
}

size_t
dg_lexicon_org_count(const struct dg_lexicon *lx)
{
    return lx->norgs;
}

const struct dg_lex_org *
dg_lexicon_org(const struct dg_lexicon *lx, size_t i)
{
    return i < lx->norgs ? &lx->orgs[i] : NULL;
}

long
dg_lexicon_org_by_slug(const struct dg_lexicon *lx, const char *slug)
{
    for (size_t i = 0; i < lx->norgs; i++)
        if (lx->orgs[i].slug[0] == slug[0] && !strcmp(lx->orgs[i].slug, slug))
            return (long)i;
    return -1;
}

long
dg_lexicon_org_by_key(const struct dg_lexicon *lx, const char *key)
{
    for (size_t i = 0; i < lx->norgs; i++)
        if (strcmp(lx->orgs[i].key, key) == 0)
            return (long)i;
    return -1;
}

const struct dg_trie *
dg_lexicon_entities(const struct dg_lexicon *lx)
{
    return lx->entities;
}

const struct dg_trie *
dg_lexicon_ranks(const struct dg_lexicon *lx)
{
    return lx->rank_trie;
}

const char *
dg_lexicon_rank(const struct dg_lexicon *lx, int i)
{
    return i >= 0 && (size_t)i < lx->nranks ? lx->ranks[i] : NULL;
}

const struct dg_trie *
dg_lexicon_titles(const struct dg_lexicon *lx)
{
    return lx->titles;
}

const struct dg_trie *
dg_lexicon_honorifics(const struct dg_lexicon *lx)
{
    return lx->honorifics;
}

const struct dg_trie *
dg_lexicon_org_heads(const struct dg_lexicon *lx)
{
    return lx->head_trie;
}

const struct dg_lex_head *
dg_lexicon_org_head(const struct dg_lexicon *lx, int i)
{
    return i >= 0 && (size_t)i < lx->nheads ? &lx->heads[i] : NULL;
}

const struct dg_trie *
dg_lexicon_office_words(const struct dg_lexicon *lx)
{
    return lx->office;
}

/* ---- the TSV reader (lexicon.h), shared with cues.c -------------------- */

int
dg_tsv_open(struct dg_tsv *r, const char *dir, const char *name, int missing_ok,
            char ***bufs, size_t *nbufs, struct dg_error *err)
{
    FILE *fp;
    char *b = NULL, **nb;
    size_t n = 0, cap = 0;

    memset(r, 0, sizeof *r);
    if ((size_t)snprintf(r->path, sizeof r->path, "%s/%s", dir, name) >=
        sizeof r->path)
        return dg_error_set(err, DG_ERR_USAGE, "data directory name too long");
    fp = fopen(r->path, "rb");
    if (!fp) {
        if (missing_ok && errno == ENOENT)
            return 0;
        return dg_error_set(err, DG_ERR_IO, "cannot open '%s': %s", r->path,
                            strerror(errno));
    }
    for (;;) {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 65536;
            char *t = realloc(b, cap + 1);
            if (!t) {
                dg_error_set(err, DG_ERR_NOMEM, "out of memory");
                goto fail;
            }
            b = t;
        }
        size_t got = fread(b + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        dg_error_set(err, DG_ERR_IO, "cannot read '%s': %s", r->path,
                     strerror(errno));
        goto fail;
    }
    fclose(fp);
    b[n] = '\0';
    if (n > 0 && dg_text_validate(b, n, NULL) < 0) {
        free(b);
        return dg_error_set(err, DG_ERR_INPUT, "'%s' is not UTF-8 text",
                            r->path);
    }
    nb = realloc(*bufs, (*nbufs + 1) * sizeof *nb);
    if (!nb) {
        free(b);
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    }
    *bufs = nb;
    (*bufs)[(*nbufs)++] = b;
    r->p = b;
    r->end = b + n;
    return 0;
fail:
    fclose(fp);
    free(b);
    return -1;
}

char *
dg_tsv_trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

int
dg_tsv_next(struct dg_tsv *r)
{
    while (r->p && r->p < r->end) {
        char *line = r->p, *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
        if (nl) {
            *nl = '\0';
            r->p = nl + 1;
        } else {
            r->p = r->end;
        }
        r->line++;
        char *s = line;
        while (*s == ' ' || *s == '\r')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        r->nf = 0;
        for (char *f = line;;) {
            char *tab = strchr(f, '\t');
            if (tab)
                *tab = '\0';
            if (r->nf < DG_TSV_MAX_FIELDS)
                r->f[r->nf++] = dg_tsv_trim(f);
            if (!tab)
                break;
            f = tab + 1;
        }
        return 1;
    }
    return 0;
}

int
dg_tsv_add_variants(struct dg_trie *tr, char *s, int value)
{
    while (s && *s) {
        char *bar = strchr(s, '|');
        if (bar)
            *bar = '\0';
        char *v = dg_tsv_trim(s);
        if (*v && dg_trie_add(tr, v, value) < 0)
            return -1;
        s = bar ? bar + 1 : NULL;
    }
    return 0;
}
