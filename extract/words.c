/* words.c: see words.h.  Open addressing over the word hashes; a slot
 * holds the id + 1 (0: empty), and each id's hash sits beside its string
 * so a probe compares strings only when the hashes agree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "extract/words.h"

struct dg_words {
    char **words;    /* by id, owned */
    uint64_t *hash;  /* by id: dg_hash_str of the word */
    size_t n, cap;   /* ids in use, room in words and hash */
    uint32_t *slots; /* id + 1, 0 empty; a power of two, at most half full */
    size_t nslots;
};

struct dg_words *
dg_words_new(void)
{
    return calloc(1, sizeof(struct dg_words));
}

void
dg_words_free(struct dg_words *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        free(w->words[i]);
    free(w->words);
    free(w->hash);
    free(w->slots);
    free(w);
}

long
dg_words_find(const struct dg_words *w, const char *word, uint64_t hash)
{
    if (!w || !w->nslots)
        return -1;
    size_t mask = w->nslots - 1, i = (size_t)hash & mask;
    while (w->slots[i]) {
        uint32_t id = w->slots[i] - 1;
        if (w->hash[id] == hash && strcmp(w->words[id], word) == 0)
            return (long)id;
        i = (i + 1) & mask;
    }
    return -1;
}

/* Puts id in the first free slot of its probe sequence. */
static void
place(uint32_t *slots, size_t nslots, uint64_t hash, size_t id)
{
    size_t i = (size_t)hash & (nslots - 1);
    while (slots[i])
        i = (i + 1) & (nslots - 1);
    slots[i] = (uint32_t)(id + 1);
}

static int
rehash(struct dg_words *w)
{
    size_t nslots = w->nslots ? w->nslots * 2 : 1024;
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < w->n; id++)
        place(slots, nslots, w->hash[id], id);
    free(w->slots);
    w->slots = slots;
    w->nslots = nslots;
    return 0;
}

static int
grow(struct dg_words *w)
{
    size_t cap = w->cap ? w->cap * 2 : 256;
    char **words = realloc(w->words, cap * sizeof *words);
    if (!words)
        return -1;
    w->words = words;
    uint64_t *hash = realloc(w->hash, cap * sizeof *hash);
    if (!hash)
        return -1;
    w->hash = hash;
    w->cap = cap;
    return 0;
}

long
dg_words_intern(struct dg_words *w, const char *word, uint64_t hash)
{
    long id = dg_words_find(w, word, hash);
    if (id >= 0)
        return id;
    if ((w->n + 1) * 2 > w->nslots && rehash(w) < 0)
        return -1;
    if (w->n == w->cap && grow(w) < 0)
        return -1;
    char *copy = strdup(word);
    if (!copy)
        return -1;
    w->words[w->n] = copy;
    w->hash[w->n] = hash;
    place(w->slots, w->nslots, hash, w->n);
    return (long)w->n++;
}
