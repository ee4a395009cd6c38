/* actions.h: diplomatic actions stated in a doc (dg:Action).
 *
 * dg_actions_scan() reads the minable sentences of d (after the entity,
 * person, event and relation stages) and, for each verb of
 * action-verbs.tsv used as a finite verb (not after "to", a modal or a
 * negation), registers an action entity action/{key}/{n} with
 *   dg:actionType  the verb's type (requests, provides, appreciates,
 *                  congratulates, agrees, pledges, proposes, hosts, signs)
 *   dg:cameo       the verb's code, refined by action-cameo.tsv
 *   dg:agent       the subject: persons, countries and orgs as heads of the
 *                  subject phrase ("ASEAN foreign ministers" is ASEAN, "the
 *                  Thai side" Thailand), "he"/"she" the last person, "the
 *                  two officials" the event's persons, "the two sides" /
 *                  "they" / "the countries" / "the meeting" the event's
 *                  parties (parties.h); in the passive, "by X"; with an
 *                  absolute "with X highly appreciated", the subject of
 *                  the main clause
 *   dg:recipient   the object's heads ("praised Japan", "asked the Thai
 *                  side to ...", "hoped Laos would ..."); "the support of
 *                  X" and "X's contribution" name X
 *   dg:item        what was asked, given, agreed or praised, as written,
 *                  one per "as well as" part, cut before ", including",
 *                  ", especially" and similar
 *   dg:inEvent     the event mentioned in the sentence, else the main
 *                  event when the sentence says "at the meeting" or its
 *                  subject is the meeting or its parties
 *   dg:evidence    the sentence
 * "Thanked for and highly appreciated X" is one action per type; "the
 * support of X to Y" under an appreciating verb also gives "X provides
 * support to Y".  A proposal or signature by exactly two countries makes
 * them cooperate (relations.h).
 *
 * cues is borrowed.  Returns 0, or -1 with err set (out of memory). */
#ifndef DG_ACTIONS_H
#define DG_ACTIONS_H

#include "common/error.h"
#include "extract/cues.h"
#include "extract/doc.h"

int dg_actions_scan(struct dg_doc *d, const struct dg_cues *cues,
                    struct dg_error *err);

#endif /* DG_ACTIONS_H */
