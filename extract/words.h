/* words.h: interned words, numbered 0, 1, 2 ... in the order first seen.
 *
 * A trie (match.h) walks word ids, not strings.  The tries of one lexicon
 * share one table, and a document's tokens carry their id in it
 * (dg_tokens_new_in, text.h), found once per token: a phrase lookup then
 * costs no hashing and no string compare per token and per trie.
 *
 * Words are compared as byte strings; callers pass the word's hash,
 * dg_hash_str(word) (common/hash.h), which tokens already hold.
 *
 * Ownership: a struct dg_words owns copies of its words.  Lookups are
 * read-only, so one table may be shared by several threads once filled.
 * dg_words_free(NULL) is safe. */
#ifndef DG_WORDS_H
#define DG_WORDS_H

#include <stddef.h>
#include <stdint.h>

struct dg_words;

/* Returns a new empty table, or NULL when out of memory.  Caller frees
 * with dg_words_free. */
struct dg_words *dg_words_new(void);
void dg_words_free(struct dg_words *w);

/* The id of word (NUL-terminated; hash = dg_hash_str(word)), or -1 when
 * it is not in the table. */
long dg_words_find(const struct dg_words *w, const char *word, uint64_t hash);

/* The id of word, added when new.  Returns -1 when out of memory. */
long dg_words_intern(struct dg_words *w, const char *word, uint64_t hash);

#endif /* DG_WORDS_H */
