/* persons.h: officials named in a doc.
 *
 * dg_persons_scan() reads the minable sentences of d (after
 * dg_entities_scan) and registers schema:Person entities:
 *   "RANK NAME[, TITLE...]"        Lieutenant General An Van Binh, Director..
 *   "[Adj] TITLE... NAME"          Thai Defence Minister Somchai Wong
 *   "NAME, [the] [Adj] TITLE..."   Ana Silva, the Chilean Ambassador to ...
 *   "HONORIFIC NAME"               Ms. Keiko Tanaka, Dr. Ravi Kumar
 *   "NAME, who is/was [also] ..."  ... who was the first observer at ...
 * Titles are kept as written (schema:jobTitle, one per office: "Deputy
 * Prime Minister and Minister of Foreign Affairs" gives two), ranks in
 * their canonical form (dg:rank), the first country in the title chain or
 * before the title is schema:nationality, ministries and departments of
 * the chain are schema:worksFor, each sentence is dg:evidence.  Short
 * mentions ("General Binh", "Ms. Tanaka", "Binh") resolve to the full
 * person of the article; a short mention with no full form is a person
 * named by it.  "the Thai general" gives the only Thai general his
 * nationality.  Honorifics are dropped; names keep their diacritics
 * (the IRI slug folds them).  Bylines and translators are never persons:
 * their lines are not mined.  Word lists are data (ranks.tsv, titles.txt,
 * honorifics.txt, office-words.txt).
 *
 * Adds entities, properties and person mentions (DG_MEN_SHORT for short
 * ones) to d, and sorts the mentions.  Returns 0, or -1 with err set. */
#ifndef DG_PERSONS_H
#define DG_PERSONS_H

#include "common/error.h"
#include "extract/doc.h"

int dg_persons_scan(struct dg_doc *d, struct dg_error *err);

#endif /* DG_PERSONS_H */
