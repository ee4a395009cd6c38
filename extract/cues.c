/* cues.c: see cues.h.  Each file is read whole with lexicon.h's TSV reader
 * and kept; fields are cut in place, so the tables point into the
 * buffers. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/cues.h"
#include "extract/lexicon.h"
#include "extract/match.h"

struct cameo_row {
    const char *type, *word, *code;
};

struct dg_cues {
    char **bufs;
    size_t nbufs;
    struct dg_trie *verbs, *words;
    struct dg_cue_verb *verb;
    size_t nverb, capverb;
    struct cameo_row *cameo;
    size_t ncameo, capcameo;
};

static const char *const class_names[DG_CUE_NCLASSES] = {
    "role",  "sides",   "officials", "group",  "he",       "they",
    "intro", "aux",     "be",        "modal",  "neg",      "func",
    "cut",   "cutany",  "gift",      "evnoun", "memberof", "memberpost",
    "chair", "cochair", "hold",      "coop",   "coopwith", "bilateral",
    "bloc",  "give",    "say",       "speech"};

static const char *const pattern_names[] = {
    "", "obj", "objto", "that", "to", "item", "with", "none", NULL};

static int
load_verbs(struct dg_cues *c, const char *dir, struct dg_error *err)
{
    struct dg_tsv r;

    if (dg_tsv_open(&r, dir, "action-verbs.tsv", 1, &c->bufs, &c->nbufs, err) <
        0)
        return -1;
    while (dg_tsv_next(&r)) {
        int pat = 0;
        if (r.nf < 4 || !r.f[0][0] || !r.f[1][0])
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: expected form, type, code, pattern",
                                r.path, r.line);
        for (int i = 1; pattern_names[i]; i++)
            if (strcmp(pattern_names[i], r.f[3]) == 0)
                pat = i;
        if (!pat)
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: unknown pattern '%s'", r.path, r.line,
                                r.f[3]);
        if (c->nverb == c->capverb) {
            size_t ncap = c->capverb ? c->capverb * 2 : 32;
            struct dg_cue_verb *nv = realloc(c->verb, ncap * sizeof *nv);
            if (!nv)
                goto nomem;
            c->verb = nv;
            c->capverb = ncap;
        }
        c->verb[c->nverb].type = r.f[1];
        c->verb[c->nverb].cameo = r.f[2];
        c->verb[c->nverb].pattern = pat;
        if (dg_tsv_add_variants(c->verbs, r.f[0], (int)c->nverb) < 0)
            goto nomem;
        c->nverb++;
    }
    return 0;
nomem:
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

static int
load_words(struct dg_cues *c, const char *dir, struct dg_error *err)
{
    struct dg_tsv r;
    char **ph = NULL;
    unsigned *masks = NULL;
    size_t nph = 0, capph = 0;
    int rc = -1;

    if (dg_tsv_open(&r, dir, "cue-words.tsv", 1, &c->bufs, &c->nbufs, err) < 0)
        return -1;
    while (dg_tsv_next(&r)) {
        unsigned mask = 0;
        if (r.nf < 2 || !r.f[0][0]) {
            dg_error_set(err, DG_ERR_INPUT, "%s:%zu: expected phrase, classes",
                         r.path, r.line);
            goto out;
        }
        for (char *s = r.f[1]; s && *s;) {
            char *comma = strchr(s, ',');
            if (comma)
                *comma = '\0';
            char *name = dg_tsv_trim(s);
            int k;
            for (k = 0; k < DG_CUE_NCLASSES; k++)
                if (strcmp(class_names[k], name) == 0)
                    break;
            if (k == DG_CUE_NCLASSES) {
                dg_error_set(err, DG_ERR_INPUT, "%s:%zu: unknown class '%s'",
                             r.path, r.line, name);
                goto out;
            }
            mask |= 1u << k;
            s = comma ? comma + 1 : NULL;
        }
        /* a phrase listed on several lines gets all their classes */
        for (char *s = r.f[0]; s && *s;) {
            char *bar = strchr(s, '|');
            if (bar)
                *bar = '\0';
            char *v = dg_tsv_trim(s);
            size_t i;
            for (i = 0; *v && i < nph; i++)
                if (strcasecmp(ph[i], v) == 0)
                    break;
            if (*v && i == nph) {
                if (nph == capph) {
                    size_t ncap = capph ? capph * 2 : 256;
                    char **np = realloc(ph, ncap * sizeof *np);
                    unsigned *nm = realloc(masks, ncap * sizeof *nm);
                    if (np)
                        ph = np;
                    if (nm)
                        masks = nm;
                    if (!np || !nm)
                        goto nomem;
                    capph = ncap;
                }
                ph[nph] = v;
                masks[nph++] = 0;
            }
            if (*v)
                masks[i] |= mask;
            s = bar ? bar + 1 : NULL;
        }
    }
    for (size_t i = 0; i < nph; i++)
        if (dg_trie_add(c->words, ph[i], (int)masks[i]) < 0)
            goto nomem;
    rc = 0;
    goto out;
nomem:
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
out:
    free(ph);
    free(masks);
    return rc;
}

static int
load_cameo(struct dg_cues *c, const char *dir, struct dg_error *err)
{
    struct dg_tsv r;

    if (dg_tsv_open(&r, dir, "action-cameo.tsv", 1, &c->bufs, &c->nbufs, err) <
        0)
        return -1;
    while (dg_tsv_next(&r)) {
        if (r.nf < 3 || !r.f[0][0] || !r.f[1][0] || !r.f[2][0])
            return dg_error_set(err, DG_ERR_INPUT,
                                "%s:%zu: expected type, keyword, code", r.path,
                                r.line);
        if (c->ncameo == c->capcameo) {
            size_t ncap = c->capcameo ? c->capcameo * 2 : 16;
            struct cameo_row *nv = realloc(c->cameo, ncap * sizeof *nv);
            if (!nv)
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            c->cameo = nv;
            c->capcameo = ncap;
        }
        c->cameo[c->ncameo].type = r.f[0];
        c->cameo[c->ncameo].word = r.f[1];
        c->cameo[c->ncameo].code = r.f[2];
        c->ncameo++;
    }
    return 0;
}

struct dg_cues *
dg_cues_load(const char *datadir, struct dg_error *err)
{
    struct dg_cues *c = calloc(1, sizeof *c);

    if (!c) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->verbs = dg_trie_new();
    c->words = dg_trie_new();
    if (!c->verbs || !c->words) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (load_verbs(c, datadir, err) < 0 || load_words(c, datadir, err) < 0 ||
        load_cameo(c, datadir, err) < 0)
        goto fail;
    return c;
fail:
    dg_cues_free(c);
    return NULL;
}

void
dg_cues_free(struct dg_cues *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nbufs; i++)
        free(c->bufs[i]);
    free(c->bufs);
    dg_trie_free(c->verbs);
    dg_trie_free(c->words);
    free(c->verb);
    free(c->cameo);
    free(c);
}

size_t
dg_cues_verb(const struct dg_cues *c, const struct dg_token *t, size_t pos,
             size_t end, const struct dg_cue_verb **verb)
{
    int v;
    size_t n;

    if (pos >= end || !(t[pos].flags & DG_TOK_WORD))
        return 0;
    n = dg_trie_match(c->verbs, t, pos, end, DG_MATCH_ANYCASE, &v);
    if (!n || v < 0 || (size_t)v >= c->nverb)
        return 0;
    *verb = &c->verb[v];
    return n;
}

size_t
dg_cues_word(const struct dg_cues *c, const struct dg_token *t, size_t pos,
             size_t end, unsigned *classes)
{
    int v;
    size_t n;

    if (pos >= end)
        return 0;
    n = dg_trie_match(c->words, t, pos, end, DG_MATCH_ANYCASE, &v);
    if (!n)
        return 0;
    *classes = (unsigned)v;
    return n;
}

size_t
dg_cues_is(const struct dg_cues *c, const struct dg_token *t, size_t pos,
           size_t end, int cls)
{
    unsigned m;
    size_t n = dg_cues_word(c, t, pos, end, &m);
    return n && (m & (1u << cls)) ? n : 0;
}

/* 1 when word occurs in text as a whole word, ignoring ASCII case. */
static int
has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++) {
        if ((p == text || !isalnum((unsigned char)p[-1])) &&
            strncasecmp(p, word, n) == 0 && !isalnum((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

const char *
dg_cues_cameo(const struct dg_cues *c, const char *type, const char *text,
              const char *dflt)
{
    for (size_t i = 0; text && i < c->ncameo; i++)
        if (strcmp(c->cameo[i].type, type) == 0 &&
            has_word(text, c->cameo[i].word))
            return c->cameo[i].code;
    return dflt;
}
