/* match.h: longest-match phrase lookup over tokens (a token trie).
 *
 * A phrase is tokenised like article text (dg_tokens_new) and stored as a
 * path of lowercased folded tokens, so "Việt Nam" in a text matches the
 * phrase "Viet Nam" and "Ministry of Defence" matches "ministry of
 * defence".  Case still matters where it carries meaning: a phrase token in
 * capitals ("WHO", "ASEAN") only matches the same capitals, and a phrase
 * whose first letter is uppercase only matches a capitalised text token
 * (so "china" and "who" do not match), unless DG_MATCH_ANYCASE is given.
 *
 * Ownership: a struct dg_trie owns copies of its phrases; tokens passed to
 * dg_trie_match are borrowed.  dg_trie_free(NULL) is safe.  Lookups are
 * read-only and cost one hash probe per token walked (two for a token
 * that does not carry its id in the trie's word table). */
#ifndef DG_MATCH_H
#define DG_MATCH_H

#include <stddef.h>

#include "extract/text.h"
#include "extract/words.h"

enum { DG_MATCH_ANYCASE = 1 };

struct dg_trie;

/* Returns a new empty trie, or NULL when out of memory. */
struct dg_trie *dg_trie_new(void);
/* The same, numbering its words in words (borrowed: it must outlive the
 * trie), which several tries may share; tokens tagged with the same table
 * (dg_tokens_new_in) are then looked up by the id they carry. */
struct dg_trie *dg_trie_new_in(struct dg_words *words);
void dg_trie_free(struct dg_trie *tr);

/* Adds phrase (NUL-terminated UTF-8) with an int value.  Returns 0, 1 when
 * the phrase was already there (the first value is kept), 2 when the
 * phrase has no token (nothing added), or -1 when out of memory. */
int dg_trie_add(struct dg_trie *tr, const char *phrase, int value);

/* Finds the longest phrase that starts at token pos of t (tokens up to
 * end, exclusive) and passes the case rules (unless mode has
 * DG_MATCH_ANYCASE).  Returns its length in tokens and stores its value in
 * *value, or returns 0 when none matches. */
size_t dg_trie_match(const struct dg_trie *tr, const struct dg_token *t,
                     size_t pos, size_t end, unsigned mode, int *value);

/* Number of phrases stored. */
size_t dg_trie_count(const struct dg_trie *tr);

#endif /* DG_MATCH_H */
