/* mem_dataset.h: the SPARQL dataset interface (graph/sparql/dataset.h)
 * in memory: a dictionary and sorted quad arrays, filled from any librdf
 * model (the hashes:, memory: and postgresql:// stores) or quad by quad
 * (tests). */
#ifndef DG_MEM_DATASET_H
#define DG_MEM_DATASET_H

#include <librdf.h>

#include "common/error.h"
#include "graph/sparql/dataset.h"
#include "graph/sparql/term.h"

/* A new empty dataset, or NULL when out of memory. */
struct dg_dataset *dg_mem_dataset_new(void);

/* Adds the quad s p o in graph g (all borrowed; g NULL or kind
 * DG_ST_NONE: the default graph).  A quad already there is not added
 * twice.  Must not be called after the first scan, lookup or estimate.
 * Returns 0, or -1 with err set. */
int dg_mem_dataset_add(struct dg_dataset *ds, const struct dg_sterm *s,
                       const struct dg_sterm *p, const struct dg_sterm *o,
                       const struct dg_sterm *g, struct dg_error *err);

/* A dataset holding every quad of model (borrowed), read through
 * librdf's statement API (statements with no context are the default
 * graph).  NULL with err set on failure. */
struct dg_dataset *dg_mem_dataset_from_model(librdf_model *model,
                                             struct dg_error *err);

#endif /* DG_MEM_DATASET_H */
