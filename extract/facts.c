/* facts.c: see facts.h.  Strings live in an arena of large blocks; a hash
 * table over (s, p, o, dt, kind) keeps the set free of duplicates. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "extract/facts.h"

#define BLOCK_SIZE 65536

struct block {
    struct block *next;
    size_t used, size;
    char data[];
};

struct dg_facts {
    struct dg_triple *v;
    uint64_t *hv; /* hash of each triple, compared before the strings */
    size_t n, cap;
    size_t *hash; /* open addressing: index+1 into v, 0 empty */
    size_t hcap;
    struct block *blocks;
};

struct dg_facts *
dg_facts_new(void)
{
    return calloc(1, sizeof(struct dg_facts));
}

static void
free_blocks(struct block *b)
{
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
}

void
dg_facts_free(struct dg_facts *f)
{
    if (!f)
        return;
    free(f->v);
    free(f->hv);
    free(f->hash);
    free_blocks(f->blocks);
    free(f);
}

void
dg_facts_clear(struct dg_facts *f)
{
    if (!f)
        return;
    f->n = 0;
    if (f->hash)
        memset(f->hash, 0, f->hcap * sizeof *f->hash);
    /* keep the first block, drop the others */
    if (f->blocks) {
        free_blocks(f->blocks->next);
        f->blocks->next = NULL;
        f->blocks->used = 0;
    }
}

/* A string with its length, measured once per added triple: hashing,
 * comparing and copying then need no strlen of their own. */
struct str {
    const char *s; /* NULL: no datatype */
    size_t n;
};

static struct str
str_of(const char *s)
{
    struct str r = {s, s ? strlen(s) : 0};
    return r;
}

static const char *
arena_put(struct dg_facts *f, struct str s)
{
    size_t len = s.n + 1;
    struct block *b = f->blocks;
    if (!b || b->size - b->used < len) {
        size_t size = len > BLOCK_SIZE ? len : BLOCK_SIZE;
        struct block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->size = size;
        nb->used = 0;
        if (b && len > BLOCK_SIZE) {
            /* a big string gets its own block behind the current one */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            f->blocks = nb;
        }
        b = nb;
    }
    char *p = b->data + b->used;
    memcpy(p, s.s, len);
    b->used += len;
    return p;
}

/* Eight bytes at a time (IRIs are long: a byte at a time was a tenth of
 * extraction's CPU). */
static uint64_t
hash_str(uint64_t h, struct str str)
{
    if (!str.s)
        return h * 1099511628211ULL + 7;
    const char *s = str.s;
    size_t n = str.n;
    uint64_t w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w ^ ((uint64_t)n << 56)) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 32);
}

static uint64_t
hash_triple(struct str s, struct str p, struct str o, struct str dt,
            int o_is_iri)
{
    uint64_t h = 14695981039346656037ULL;
    h = hash_str(h, s);
    h = hash_str(h, p);
    h = hash_str(h, o);
    h = hash_str(h, dt);
    /* the tables index by the low bits */
    return dg_hash_mix(h ^ (uint64_t)o_is_iri);
}

/* stored (NUL-terminated) equals s: the length first, then the bytes */
static int
str_is(const char *stored, struct str s)
{
    if (!stored || !s.s)
        return stored == s.s;
    return strncmp(stored, s.s, s.n) == 0 && stored[s.n] == '\0';
}

static int
same(const struct dg_triple *t, struct str s, struct str p, struct str o,
     struct str dt, int o_is_iri)
{
    return t->o_is_iri == o_is_iri && str_is(t->s, s) && str_is(t->p, p) &&
           str_is(t->o, o) && str_is(t->dt, dt);
}

/* Returns the slot where the triple of hash h is or would go. */
static size_t
find_slot(const struct dg_facts *f, uint64_t h, struct str s, struct str p,
          struct str o, struct str dt, int o_is_iri)
{
    size_t mask = f->hcap - 1;
    size_t i = (size_t)h & mask;
    while (f->hash[i]) {
        size_t k = f->hash[i] - 1;
        if (f->hv[k] == h && same(&f->v[k], s, p, o, dt, o_is_iri))
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

static int
rehash(struct dg_facts *f)
{
    size_t ncap = f->hcap ? f->hcap * 2 : 256;
    size_t *nh = calloc(ncap, sizeof *nh);
    if (!nh)
        return -1;
    free(f->hash);
    f->hash = nh;
    f->hcap = ncap;
    for (size_t k = 0; k < f->n; k++) {
        size_t i = (size_t)f->hv[k] & (ncap - 1);
        while (f->hash[i]) /* all stored triples are distinct */
            i = (i + 1) & (ncap - 1);
        f->hash[i] = k + 1;
    }
    return 0;
}

static int
add(struct dg_facts *f, const char *s_, const char *p_, const char *o_,
    const char *dt_, int o_is_iri)
{
    if (!f || !s_ || !p_ || !o_)
        return -1;
    if ((f->n + 1) * 2 > f->hcap && rehash(f) < 0)
        return -1;
    struct str s = str_of(s_), p = str_of(p_), o = str_of(o_), dt = str_of(dt_);
    uint64_t h = hash_triple(s, p, o, dt, o_is_iri);
    size_t slot = find_slot(f, h, s, p, o, dt, o_is_iri);
    if (f->hash[slot])
        return 0; /* already there */
    if (f->n == f->cap) {
        size_t ncap = f->cap ? f->cap * 2 : 64;
        struct dg_triple *nv = realloc(f->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        f->v = nv;
        uint64_t *nh = realloc(f->hv, ncap * sizeof *nh);
        if (!nh)
            return -1;
        f->hv = nh;
        f->cap = ncap;
    }
    f->hv[f->n] = h;
    struct dg_triple *t = &f->v[f->n];
    t->s = arena_put(f, s);
    t->p = arena_put(f, p);
    t->o = arena_put(f, o);
    t->dt = dt.s ? arena_put(f, dt) : NULL;
    t->o_is_iri = o_is_iri;
    if (!t->s || !t->p || !t->o || (dt.s && !t->dt))
        return -1;
    f->n++;
    f->hash[slot] = f->n;
    return 0;
}

int
dg_facts_add_iri(struct dg_facts *f, const char *s, const char *p,
                 const char *o)
{
    return add(f, s, p, o, NULL, 1);
}

int
dg_facts_add_lit(struct dg_facts *f, const char *s, const char *p,
                 const char *lit, const char *dt)
{
    return add(f, s, p, lit, dt, 0);
}

int
dg_facts_add_int(struct dg_facts *f, const char *s, const char *p, long n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", n);
    return add(f, s, p, buf, "http://www.w3.org/2001/XMLSchema#integer", 0);
}

size_t
dg_facts_count(const struct dg_facts *f)
{
    return f ? f->n : 0;
}

const struct dg_triple *
dg_facts_get(const struct dg_facts *f, size_t i)
{
    return f && i < f->n ? &f->v[i] : NULL;
}

int
dg_facts_has(const struct dg_facts *f, const char *s, const char *p,
             const char *o, int o_is_iri)
{
    if (!f || !f->hcap)
        return 0;
    for (size_t k = 0; k < f->n; k++) {
        const struct dg_triple *t = &f->v[k];
        if (t->o_is_iri == o_is_iri && strcmp(t->s, s) == 0 &&
            strcmp(t->p, p) == 0 && strcmp(t->o, o) == 0)
            return 1;
    }
    return 0;
}

static void
write_escaped(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default: fputc(*s, fp);
        }
    }
}

int
dg_facts_write_ntriples(const struct dg_facts *f, void *vfp)
{
    FILE *fp = vfp;
    for (size_t k = 0; f && k < f->n; k++) {
        const struct dg_triple *t = &f->v[k];
        fprintf(fp, "<%s> <%s> ", t->s, t->p);
        if (t->o_is_iri) {
            fprintf(fp, "<%s>", t->o);
        } else {
            fputc('"', fp);
            write_escaped(fp, t->o);
            fputc('"', fp);
            if (t->dt)
                fprintf(fp, "^^<%s>", t->dt);
        }
        fputs(" .\n", fp);
    }
    return ferror(fp) ? -1 : 0;
}
