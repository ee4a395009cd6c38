/* match.c: see match.h.  Tokens are interned to ids; the trie's edges live
 * in one open-addressing hash table keyed by (parent node, token id). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "extract/match.h"
#include "extract/words.h"

enum { CONS_NONE = 0, CONS_CAP = 1, CONS_EXACT = 2 };

/* bits of the first-word filter (a power of two; 512 bytes) */
#define FIRST_WORDS 4096

struct term {
    int value;
    size_t ntok;
    unsigned char *cons; /* per token: CONS_* */
    char **exact;        /* per token: folded form when CONS_EXACT */
};

struct dg_trie {
    /* the ids of the phrases' words: the trie's own, or a lexicon's
     * (shared by its tries, and its ids carried by a document's tokens) */
    struct dg_words *words;
    int own_words;
    /* edges: key = parent << 32 | word id + 1, val = child */
    uint64_t *ekeys;
    uint32_t *evals;
    size_t nedges, ecap;
    /* nodes: term index + 1, 0 none */
    uint32_t *nodes;
    size_t nnodes, capnodes;
    struct term *terms;
    size_t nterms, capterms;
    /* one bit per hash bucket of the phrases' first words: most tokens
     * start no phrase, and one bit test tells so without touching the
     * word table (lookups run at every token, for a dozen tries) */
    uint64_t first[FIRST_WORDS / 64];
};

struct dg_trie *
dg_trie_new_in(struct dg_words *words)
{
    struct dg_trie *tr = calloc(1, sizeof *tr);
    if (!tr)
        return NULL;
    tr->own_words = words == NULL;
    tr->words = words ? words : dg_words_new();
    tr->nodes = calloc(64, sizeof *tr->nodes);
    if (!tr->words || !tr->nodes) {
        dg_trie_free(tr);
        return NULL;
    }
    tr->capnodes = 64;
    tr->nnodes = 1; /* the root */
    return tr;
}

struct dg_trie *
dg_trie_new(void)
{
    return dg_trie_new_in(NULL);
}

void
dg_trie_free(struct dg_trie *tr)
{
    if (!tr)
        return;
    for (size_t i = 0; i < tr->nterms; i++) {
        for (size_t k = 0; k < tr->terms[i].ntok; k++)
            free(tr->terms[i].exact[k]);
        free(tr->terms[i].exact);
        free(tr->terms[i].cons);
    }
    if (tr->own_words)
        dg_words_free(tr->words);
    free(tr->ekeys);
    free(tr->evals);
    free(tr->nodes);
    free(tr->terms);
    free(tr);
}

size_t
dg_trie_count(const struct dg_trie *tr)
{
    return tr ? tr->nterms : 0;
}

static long
edge_find(const struct dg_trie *tr, uint32_t parent, long wid)
{
    if (!tr->ecap)
        return -1;
    uint64_t key = ((uint64_t)parent << 32) | (uint64_t)(wid + 1);
    size_t mask = tr->ecap - 1, i = (size_t)dg_hash_mix(key) & mask;
    while (tr->ekeys[i]) {
        if (tr->ekeys[i] == key)
            return tr->evals[i];
        i = (i + 1) & mask;
    }
    return -1;
}

static int
edge_rehash(struct dg_trie *tr)
{
    size_t ncap = tr->ecap ? tr->ecap * 2 : 1024;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return -1;
    }
    for (size_t k = 0; k < tr->ecap; k++) {
        if (!tr->ekeys[k])
            continue;
        size_t i = (size_t)dg_hash_mix(tr->ekeys[k]) & (ncap - 1);
        while (nk[i])
            i = (i + 1) & (ncap - 1);
        nk[i] = tr->ekeys[k];
        nv[i] = tr->evals[k];
    }
    free(tr->ekeys);
    free(tr->evals);
    tr->ekeys = nk;
    tr->evals = nv;
    tr->ecap = ncap;
    return 0;
}

static long
edge_add(struct dg_trie *tr, uint32_t parent, long wid)
{
    long child = edge_find(tr, parent, wid);
    if (child >= 0)
        return child;
    if ((tr->nedges + 1) * 2 > tr->ecap && edge_rehash(tr) < 0)
        return -1;
    if (tr->nnodes == tr->capnodes) {
        size_t ncap = tr->capnodes * 2;
        uint32_t *nn = realloc(tr->nodes, ncap * sizeof *nn);
        if (!nn)
            return -1;
        tr->nodes = nn;
        tr->capnodes = ncap;
    }
    child = (long)tr->nnodes++;
    tr->nodes[child] = 0;
    uint64_t key = ((uint64_t)parent << 32) | (uint64_t)(wid + 1);
    size_t i = (size_t)dg_hash_mix(key) & (tr->ecap - 1);
    while (tr->ekeys[i])
        i = (i + 1) & (tr->ecap - 1);
    tr->ekeys[i] = key;
    tr->evals[i] = (uint32_t)child;
    tr->nedges++;
    return child;
}

static void
first_set(struct dg_trie *tr, uint64_t h)
{
    size_t bit = (size_t)(h >> 32) & (FIRST_WORDS - 1);
    tr->first[bit / 64] |= (uint64_t)1 << (bit % 64);
}

/* 0 when no phrase starts with a word of hash h; 1 when one may. */
static int
first_may(const struct dg_trie *tr, uint64_t h)
{
    size_t bit = (size_t)(h >> 32) & (FIRST_WORDS - 1);
    return (int)((tr->first[bit / 64] >> (bit % 64)) & 1);
}

int
dg_trie_add(struct dg_trie *tr, const char *phrase, int value)
{
    struct dg_tokens *toks = dg_tokens_new(phrase, 0, strlen(phrase));
    const struct dg_token *t;
    size_t n;
    uint32_t node = 0;
    int rc = -1;

    if (!toks)
        return -1;
    t = dg_tokens_get(toks);
    n = dg_tokens_count(toks);
    if (n == 0) {
        rc = 2;
        goto out;
    }
    first_set(tr, t[0].hash);
    for (size_t k = 0; k < n; k++) {
        long wid = dg_words_intern(tr->words, t[k].lower, t[k].hash);
        if (wid < 0)
            goto out;
        long child = edge_add(tr, node, wid);
        if (child < 0)
            goto out;
        node = (uint32_t)child;
    }
    if (tr->nodes[node]) {
        rc = 1;
        goto out;
    }
    if (tr->nterms == tr->capterms) {
        size_t ncap = tr->capterms ? tr->capterms * 2 : 64;
        struct term *nv = realloc(tr->terms, ncap * sizeof *nv);
        if (!nv)
            goto out;
        tr->terms = nv;
        tr->capterms = ncap;
    }
    struct term *term = &tr->terms[tr->nterms];
    term->value = value;
    term->ntok = n;
    term->cons = calloc(n, 1);
    term->exact = calloc(n, sizeof *term->exact);
    if (!term->cons || !term->exact) {
        free(term->cons);
        free(term->exact);
        goto out;
    }
    for (size_t k = 0; k < n; k++) {
        if (t[k].flags & DG_TOK_ALLCAPS) {
            term->cons[k] = CONS_EXACT;
            term->exact[k] = strdup(t[k].fold);
            if (!term->exact[k]) {
                for (size_t j = 0; j < k; j++)
                    free(term->exact[j]);
                free(term->cons);
                free(term->exact);
                goto out;
            }
        } else if (k == 0 && (t[k].flags & DG_TOK_CAP)) {
            term->cons[k] = CONS_CAP;
        }
    }
    tr->nterms++;
    tr->nodes[node] = (uint32_t)tr->nterms;
    rc = 0;
out:
    dg_tokens_free(toks);
    return rc;
}

/* The id of token x's word in the trie's table, or -1 when no phrase
 * has it: the id the token carries when it was tagged with this table
 * (dg_tokens_new_in), else a lookup. */
static long
word_of(const struct dg_trie *tr, const struct dg_token *x)
{
    if (x->words == tr->words)
        return (long)x->word - 1;
    return dg_words_find(tr->words, x->lower, x->hash);
}

/* 1 when text token x is capitals phrase token w written in title case,
 * as many papers write acronyms ("Asean Defence Ministers' Meeting",
 * "Unesco"): inside a phrase of several tokens, or alone when it has five
 * letters or more ("Plan", "Quad" stay words). */
static int
title_of(const struct dg_token *x, const char *w, size_t ntok)
{
    size_t n = strlen(w);
    if (!(x->flags & DG_TOK_CAP) || (x->flags & DG_TOK_ALLCAPS) ||
        (ntok < 2 && n < 5) || strlen(x->fold) != n || x->fold[0] != w[0])
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (w[i] < 'A' || w[i] > 'Z' || x->fold[i] != w[i] - 'A' + 'a')
            return 0;
    }
    return 1;
}

static int
case_ok(const struct term *term, const struct dg_token *t, size_t pos)
{
    for (size_t k = 0; k < term->ntok; k++) {
        const struct dg_token *x = &t[pos + k];
        if (term->cons[k] == CONS_EXACT &&
            strcmp(x->fold, term->exact[k]) != 0 &&
            !title_of(x, term->exact[k], term->ntok))
            return 0;
        if (term->cons[k] == CONS_CAP && !(x->flags & DG_TOK_CAP))
            return 0;
    }
    return 1;
}

/* Walks the trie from token pos: the longest phrase that passes the case
 * rules (unless mode has DG_MATCH_ANYCASE) wins, so each terminal on the
 * path that passes replaces the shorter one before it.  Kept out of line:
 * two calls in three end at dg_trie_match's filter, and would otherwise
 * pay this loop's register saves and stack frame. */
static __attribute__((noinline)) size_t
walk(const struct dg_trie *tr, const struct dg_token *t, size_t pos, size_t end,
     unsigned mode, int *value)
{
    uint32_t node = 0;
    size_t best = 0;

    for (size_t k = pos; k < end; k++) {
        long wid = word_of(tr, &t[k]);
        if (wid < 0)
            break;
        long child = edge_find(tr, node, wid);
        if (child < 0)
            break;
        node = (uint32_t)child;
        if (!tr->nodes[node])
            continue;
        const struct term *term = &tr->terms[tr->nodes[node] - 1];
        if ((mode & DG_MATCH_ANYCASE) || case_ok(term, t, pos)) {
            *value = term->value;
            best = k - pos + 1;
        }
    }
    return best;
}

size_t
dg_trie_match(const struct dg_trie *tr, const struct dg_token *t, size_t pos,
              size_t end, unsigned mode, int *value)
{
    if (!tr || pos >= end || !first_may(tr, t[pos].hash))
        return 0;
    return walk(tr, t, pos, end, mode, value);
}
