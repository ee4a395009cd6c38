/* parties.h: who takes part in an article, for the stages that resolve
 * collective subjects ("the two sides", "the countries", "the two
 * officials") and bilateral cues.
 *
 * The main event is the event entity with the most mentions (the first
 * registered on a tie), or -1 when the doc has no event.  Its parties are
 * the countries and organisations with dg:participatesIn, dg:hosts,
 * dg:chairs or dg:coChairs on it; with no event, or none of those, they
 * are the countries and intergovernmental organisations named in the
 * first minable sentence that names two or more.  Its persons are those
 * with dg:attends, dg:chairs or dg:coChairs on it, else the first two
 * persons of the article.
 *
 * All functions read d only; ids are entity ids of d.  out has room for
 * max ids; the count written is returned. */
#ifndef DG_PARTIES_H
#define DG_PARTIES_H

#include <stddef.h>

#include "extract/doc.h"

int dg_parties_main_event(const struct dg_doc *d);
size_t dg_parties_all(const struct dg_doc *d, int *out, size_t max);
/* The parties without those that are dg:memberOf another party ("the two
 * sides" of an ASEAN-Russia meeting are ASEAN and Russia, not Vietnam).
 * Sides are two at least: when the event gives fewer, the first
 * sentence's parties are added. */
size_t dg_parties_sides(const struct dg_doc *d, int *out, size_t max);
size_t dg_parties_persons(const struct dg_doc *d, int *out, size_t max);

#endif /* DG_PARTIES_H */
