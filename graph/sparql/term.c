/* term.c: see term.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/sparql/term.h"

static char *
dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

int
dg_sterm_set(struct dg_sterm *t, int kind, const char *lex, size_t len,
             const char *dt, const char *lang)
{
    dg_sterm_clear(t);
    if (kind == DG_ST_NONE)
        return 0;
    if (dt && !strcmp(dt, DG_XSD "string"))
        dt = NULL;
    if (lang && !*lang)
        lang = NULL;
    if (lang || (dt && !strcmp(dt, DG_RDF_LANGSTRING)))
        dt = NULL;
    t->lex = dup_n(lex ? lex : "", lex ? len : 0);
    t->dt = dt ? dup_n(dt, strlen(dt)) : NULL;
    t->lang = lang ? dup_n(lang, strlen(lang)) : NULL;
    if (!t->lex || (dt && !t->dt) || (lang && !t->lang)) {
        dg_sterm_clear(t);
        return -1;
    }
    t->kind = kind;
    t->len = lex ? len : 0;
    return 0;
}

int
dg_sterm_set_str(struct dg_sterm *t, int kind, const char *lex, const char *dt,
                 const char *lang)
{
    return dg_sterm_set(t, kind, lex, lex ? strlen(lex) : 0, dt, lang);
}

int
dg_sterm_copy(struct dg_sterm *dst, const struct dg_sterm *src)
{
    if (dst == src)
        return 0;
    return dg_sterm_set(dst, src->kind, src->lex, src->len, src->dt, src->lang);
}

void
dg_sterm_move(struct dg_sterm *dst, struct dg_sterm *src)
{
    if (dst == src)
        return;
    dg_sterm_clear(dst);
    *dst = *src;
    memset(src, 0, sizeof *src);
}

void
dg_sterm_clear(struct dg_sterm *t)
{
    if (!t)
        return;
    free(t->lex);
    free(t->dt);
    free(t->lang);
    memset(t, 0, sizeof *t);
}

static int
str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int
dg_sterm_same(const struct dg_sterm *a, const struct dg_sterm *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind == DG_ST_NONE)
        return 1;
    if (a->len != b->len || (a->len && memcmp(a->lex, b->lex, a->len)))
        return 0;
    if (!str_eq(a->dt, b->dt))
        return 0;
    if (!a->lang || !b->lang)
        return !a->lang && !b->lang;
    return !strcasecmp(a->lang, b->lang);
}

uint64_t
dg_sterm_hash(const struct dg_sterm *t)
{
    uint64_t h = 14695981039346656037ULL ^ (uint64_t)t->kind;
    for (size_t i = 0; i < t->len; i++)
        h = (h ^ (unsigned char)t->lex[i]) * 1099511628211ULL;
    if (t->dt)
        for (const char *p = t->dt; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    if (t->lang)
        for (const char *p = t->lang; *p; p++) {
            unsigned char c = (unsigned char)*p;
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            h = (h ^ c) * 1099511628211ULL;
        }
    return h;
}
