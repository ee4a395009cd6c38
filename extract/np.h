/* np.h: noun-phrase helpers over a doc's mentions, shared by the action
 * and relation stages.
 *
 * A struct dg_np maps every token to the mention that covers it: the
 * longest mention that is not nested in another (a person wins a tie), so
 * "the Vietnamese general" is the person, not Vietnam.  Dateline mentions
 * are left out.
 *
 * Ownership: dg_np_new borrows d and cues (they must outlive the index)
 * and returns an index the caller frees with dg_np_free (NULL is safe). */
#ifndef DG_NP_H
#define DG_NP_H

#include <stddef.h>

#include "extract/cues.h"
#include "extract/doc.h"

struct dg_np {
    const struct dg_doc *d;
    const struct dg_cues *c;
    long *at; /* per token: index in d->men, or -1 */
};

/* Builds the index (after every stage that adds mentions).  Returns NULL
 * when out of memory. */
struct dg_np *dg_np_new(const struct dg_doc *d, const struct dg_cues *c);
void dg_np_free(struct dg_np *np);

/* The mention covering token k, or NULL. */
const struct dg_mention *dg_np_at(const struct dg_np *np, size_t k);

enum {
    DG_NP_MODIFIER = 0, /* "ASEAN" in "ASEAN Response Fund", "ASEAN-UK" */
    DG_NP_HEAD,         /* "Vietnam" in "Vietnam for its efforts" */
    DG_NP_POSSESSOR,    /* "UK" in "the UK's contribution" */
    DG_NP_ROLE,         /* "Thai" in "the Thai side", "ASEAN ministers" */
    DG_NP_TITLE         /* "Russian" in "Russian foreign minister Lavrov":
                           part of a person's title */
};

/* How country/org mention m (within sentence tokens up to end) stands in
 * its noun phrase: one of the values above.  *after gets the first token
 * after the mention and its possessive or role words. */
int dg_np_role(const struct dg_np *np, const struct dg_mention *m, size_t end,
               size_t *after);

/* 1 when token k is punctuation written as p ("," ";" ...). */
int dg_np_punct(const struct dg_doc *d, size_t k, const char *p);

/* Sentence tokens [a, b) as written, trimmed of spaces and of trailing
 * punctuation; NULL when empty.  Owned by d. */
const char *dg_np_text(struct dg_doc *d, size_t a, size_t b);

#endif /* DG_NP_H */
