/* topics.h: what an event is about (schema:about <topic/{slug}>, a
 * skos:Concept with a short lowercase skos:prefLabel).
 *
 * The words are data (topics.tsv): keywords with their label ("Covid-19",
 * "coronavirus" -> "covid-19"; "defense ties" -> "defence cooperation"),
 * cue phrases after which a topic phrase follows ("exchanged views on",
 * "under the theme", "aimed to boost", "focusing on"), list cues ("areas
 * of cooperation, including"), and the words that end a topic phrase
 * ("among", "while", "which") or are dropped from its start ("the", "the
 * importance of").  A phrase after a cue is split into items at ';' (when
 * the list uses them), else at ',' and at an "and" between two phrases of
 * which the first has two content words ("regional and international
 * situations and issues of global concern" gives two); items longer than
 * eight tokens, or that are an organisation's name, are dropped.  A quoted
 * theme is one item, cut at its first comma.  A keyword inside a phrase
 * already taken, or whose words the phrase contains, adds nothing; nor
 * does a keyword inside an organisation's name.
 *
 * Usage: dg_topics_new, then dg_topics_scan / dg_topics_phrase for any
 * event and token range, then dg_topics_emit once, which registers the
 * topics and the schema:about properties in the doc.
 *
 * Ownership: the collector borrows the doc (which must outlive it) and
 * owns its arrays; labels live in the doc's arena.  dg_topics_free(NULL)
 * is safe. */
#ifndef DG_TOPICS_H
#define DG_TOPICS_H

#include <stddef.h>

#include "extract/doc.h"

enum {
    DG_TOPICS_KEYWORDS = 1 << 0, /* keywords of topics.tsv */
    DG_TOPICS_CUES = 1 << 1      /* phrases after cue phrases */
};

struct dg_topics;

/* Returns a new collector for d, or NULL when out of memory. */
struct dg_topics *dg_topics_new(struct dg_doc *d);
void dg_topics_free(struct dg_topics *t);

/* Finds topics of event (a doc entity id) in tokens [a, b) of one
 * sentence, as flags say.  Returns 0 or -1 (out of memory). */
int dg_topics_scan(struct dg_topics *t, int event, size_t a, size_t b,
                   unsigned flags);

/* The phrase of tokens [a, b) (an "on X" complement of an event's name,
 * a theme) as topics of event, split like a cue's phrase.  Returns 0 or
 * -1. */
int dg_topics_phrase(struct dg_topics *t, int event, size_t a, size_t b);

/* 1 when tokens [a, b) hold a list cue ("areas of cooperation"). */
int dg_topics_has_list(const struct dg_topics *t, size_t a, size_t b);

/* Keyword topics of the text s (an organisation's canonical name, not in
 * the article): "Experts' Working Group on Peacekeeping Operations" gives
 * peacekeeping.  Returns 0 or -1. */
int dg_topics_text(struct dg_topics *t, int event, const char *s);

/* Registers every topic kept (entity topic/{slug}, skos:prefLabel) and
 * adds <event> schema:about <topic>.  At most max_per_event topics per
 * event, in the order found.  Returns 0 or -1. */
int dg_topics_emit(struct dg_topics *t, size_t max_per_event);

#endif /* DG_TOPICS_H */
