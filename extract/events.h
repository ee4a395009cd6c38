/* events.h: meetings, dialogues, conferences, exercises, visits... in a
 * doc, with their date, venue, forum, topics and who took part.
 *
 * dg_events_scan() reads the minable sentences of d (after
 * dg_entities_scan and dg_persons_scan) and registers schema:Event
 * entities (event/{key}/{n}):
 *   - an event noun of event-nouns.tsv heads a noun phrase; the phrase
 *     names one occurrence when a determiner, an ordinal, a forum or
 *     country, a capitalised name, a year, an acronym, a quoted title or a
 *     complement ("of the EWG PKO", "on COVID-19", "with the UK") ties it
 *     down, or a verb holds it ("held talks"); plural and bare generic
 *     nouns ("conferences held by", "defense policy dialogue") are not
 *     events.  A forum of the lexicon whose name is a meeting ("ASEAN
 *     Defence Senior Officials' Meeting-Plus") is an event too when an
 *     ordinal, "upcoming"/"recent", a year or "is expected to take place"
 *     says that it takes place; the event is dg:partOf the forum;
 *   - repeated phrases ("the celebration of the 10th founding anniversary
 *     of the ADMM+" after "a ceremony for ...") are one event; bare
 *     definite phrases ("the meeting", "the webinar") and "the event", "the
 *     gathering" refer to the article's main event (the first one that is
 *     not upcoming), or to a same-kind event of the sentence before;
 *   - per sentence: dates (dates.h) go to the nearest event phrase, "in
 *     London" / "in Phnom Penh, Cambodia" after it is the venue (never the
 *     dateline), "online"/"virtual"/a webinar make it online, forums in its
 *     name make it dg:partOf them, "chaired by", "co-chaired by", "X chairs
 *     the ...", "under the chair of" give dg:chairs / dg:coChairs, "hosted
 *     by", "X will host A, B and C", "X has organized ..." give dg:hosts,
 *     "with the participation of", "delegates from" lists and the
 *     countries and organisations before "at/during the ..." or "held ..."
 *     give dg:participatesIn, persons of the sentences about it (not
 *     after "according to") dg:attends, and their nationality takes part;
 *   - sentences that go on about the main event ("At the event, ...",
 *     "For his part, ...", "The two sides ...", a sentence led by one of its
 *     attendees) are its evidence too; topics (topics.h) come from the
 *     sentences about each event;
 *   - an undated main event gets the year dates.h says is certain (as
 *     dg:dateInferred), else no date; a bare main event ("the dialogue")
 *     is named after its two sides ("Vietnam-Singapore dialogue").
 * Every event gets dg:evidence for each sentence about it, and a mention
 * (dg_doc_mention) for each phrase that names it, so that later stages
 * (actions) find the events of a sentence with dg_doc_mentions_in.
 * Sports pages ("ASEAN Cup") give no events.  Word lists are data:
 * event-nouns.tsv, event-cues.tsv, date-words.tsv, topics.tsv.
 *
 * Returns 0, or -1 with err set (out of memory).  Sorts the mentions. */
#ifndef DG_EVENTS_H
#define DG_EVENTS_H

#include "common/error.h"
#include "extract/doc.h"

int dg_events_scan(struct dg_doc *d, struct dg_error *err);

#endif /* DG_EVENTS_H */
