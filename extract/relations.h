/* relations.h: memberships, chairs and cooperation between countries.
 *
 * dg_relations_scan() reads the minable sentences of d (after the entity,
 * person and event stages, before the action stage) and adds:
 *   dg:memberOf   country -> org: "Laos, a member of ASEAN", "Laos and
 *                 other ASEAN members", "delegates from Laos, Japan and
 *                 ADMM+ countries", and every country that holds an org's
 *                 chair
 *   dg:chairs     country -> org: "Laos held the rotating chairmanship of
 *                 the regional bloc", "during its ASEAN Chairmanship Year
 *                 2024", "Laos, as the 2024 ASEAN Chair"
 *   dg:coChairs   country -> org: "Laos and Japan as the co-chairs of the
 *                 Experts' Working Group on ..."
 *   dg:cooperatesWith, both directions, between two countries only:
 *                 "the Laos - Japan strategic partnership", "Laos would
 *                 boost cooperation with ... Japan", "bilateral defence
 *                 cooperation" of an event with exactly two countries as
 *                 parties, two countries co-chairing one body
 * "The bloc", "the grouping" name the article's most mentioned
 * intergovernmental organisation.  Word lists: cue-words.tsv (cues.h).
 *
 * cues is borrowed.  Returns 0, or -1 with err set (out of memory). */
#ifndef DG_RELATIONS_H
#define DG_RELATIONS_H

#include "common/error.h"
#include "extract/cues.h"
#include "extract/doc.h"

int dg_relations_scan(struct dg_doc *d, const struct dg_cues *cues,
                      struct dg_error *err);

/* States a dg:cooperatesWith b and b dg:cooperatesWith a when a and b are
 * two different countries (entity ids of d); otherwise does nothing.
 * Returns 0 or -1 (out of memory). */
int dg_relations_cooperate(struct dg_doc *d, int a, int b);

#endif /* DG_RELATIONS_H */
