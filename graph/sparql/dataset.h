/* dataset.h: what the SPARQL evaluator needs from a store: quads of
 * 8-byte term ids, range scans by pattern, cheap cardinality estimates
 * and the dictionary between ids and terms.  Nothing of SPARQL beyond
 * that lives here.
 *
 * Two implementations:
 *   graph/store/lmdb_dataset.c  straight on the LMDB store's indexes, in
 *                               one read transaction (a snapshot)
 *   graph/store/mem_dataset.c   in memory, filled from a librdf stream:
 *                               for hashes:, memory: and postgresql://
 *
 * Ids: 1 .. 2^63-1 are the store's term ids; 0 means "none" (an unbound
 * position, or a term not in the store); ids with DG_ID_LOCAL set belong
 * to the evaluator (terms computed by the query) and never reach a
 * dataset.  Equal terms have equal ids within one dataset.
 *
 * Graphs: a quad's graph id g is the id of its graph's IRI (or blank
 * node), or DG_G_DEFAULT (0) for the true default graph (triples loaded
 * without a graph name).  A scan's graph position is one of:
 *   a graph id            the quads of that graph (DG_G_DEFAULT: the
 *                         true default graph)
 *   DG_G_UNION            the RDF merge of every graph, the default one
 *                         included, except the hidden graphs: each
 *                         distinct triple once, with g = DG_G_UNION
 *   DG_G_NAMED            every quad of every named graph except the
 *                         hidden graphs, with its g (for GRAPH ?g)
 * Hidden graphs (the ontology's, by default) are still reachable by id.
 *
 * Ownership: a dataset owns its snapshot and every term it returns;
 * scans are owned by the caller (close each before freeing the dataset).
 * A dataset is used from one thread. */
#ifndef DG_SPARQL_DATASET_H
#define DG_SPARQL_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "graph/sparql/term.h"

#define DG_ID_LOCAL (UINT64_C(1) << 63)
#define DG_G_DEFAULT UINT64_C(0)
#define DG_G_UNION (UINT64_MAX - 1)
#define DG_G_NAMED (UINT64_MAX - 2)

/* Positions in a quad pattern or quad: s, p, o, g. */
enum { DG_S = 0, DG_P = 1, DG_O = 2, DG_G = 3 };

struct dg_dataset;
struct dg_scan;

struct dg_dataset_ops {
    /* The id of t (borrowed), or 0 when the dataset does not hold it.
     * Returns 0, or -1 with err set on a store failure. */
    int (*lookup)(struct dg_dataset *ds, const struct dg_sterm *t, uint64_t *id,
                  struct dg_error *err);
    /* The term of id: a pointer owned by the dataset, valid until it is
     * freed; NULL with err set when id is unknown or the store fails. */
    const struct dg_sterm *(*term)(struct dg_dataset *ds, uint64_t id,
                                   struct dg_error *err);
    /* Opens a scan of the quads matching pat[DG_S..DG_G] (0 in s, p, o:
     * any; pat[DG_G]: as above).  NULL with err set on failure. */
    struct dg_scan *(*scan)(struct dg_dataset *ds, const uint64_t pat[4],
                            struct dg_error *err);
    /* Next quad into quad[4]: 1, 0 at the end, -1 with err set. */
    int (*next)(struct dg_scan *sc, uint64_t quad[4], struct dg_error *err);
    void (*close)(struct dg_scan *sc); /* NULL is safe */
    /* An estimate of how many quads pat matches, cheap (no full scan):
     * exact when small, never 0 when there is a match. */
    uint64_t (*estimate)(struct dg_dataset *ds, const uint64_t pat[4]);
    /* The named graphs (hidden ones excluded), ids in ascending order:
     * *ids owned by the dataset, valid until it is freed.  0 or -1. */
    int (*graphs)(struct dg_dataset *ds, const uint64_t **ids, size_t *n,
                  struct dg_error *err);
    void (*free)(struct dg_dataset *ds);
};

struct dg_dataset {
    const struct dg_dataset_ops *ops;
    /* graphs left out of DG_G_UNION and DG_G_NAMED (owned by the
     * dataset): set with dg_dataset_hide */
    size_t nhidden;
    uint64_t hidden[4];
};

/* Hides the graph named iri (borrowed) from DG_G_UNION and DG_G_NAMED;
 * a graph the dataset does not hold is ignored.  0, or -1 (full, or a
 * store failure) with err set. */
int dg_dataset_hide(struct dg_dataset *ds, const char *iri,
                    struct dg_error *err);
/* Nonzero when graph id g is hidden. */
int dg_dataset_is_hidden(const struct dg_dataset *ds, uint64_t g);

static inline void
dg_dataset_free(struct dg_dataset *ds)
{
    if (ds)
        ds->ops->free(ds);
}

#endif /* DG_SPARQL_DATASET_H */
