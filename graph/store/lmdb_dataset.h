/* lmdb_dataset.h: the SPARQL dataset interface (graph/sparql/dataset.h)
 * straight on the LMDB store's dictionary and six quad indexes, in one
 * read transaction: a snapshot that writers never block. */
#ifndef DG_LMDB_DATASET_H
#define DG_LMDB_DATASET_H

#include <librdf.h>

#include "common/error.h"
#include "graph/sparql/dataset.h"

/* Opens a dataset over storage (borrowed: an "lmdb" librdf storage made
 * by graph/store/lmdb_storage.c; it must outlive the dataset).  Inside
 * the storage's open write transaction the dataset reads through it (it
 * sees the writer's own work); otherwise it owns a read transaction.
 * Returns a dataset (free with dg_dataset_free), or NULL with err set
 * (DG_ERR_USAGE when storage is not an lmdb storage). */
struct dg_dataset *dg_lmdb_dataset_open(librdf_storage *storage,
                                        struct dg_error *err);

#endif /* DG_LMDB_DATASET_H */
