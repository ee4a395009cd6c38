/* dataset.c: the implementation-independent part of the dataset interface
 * (see dataset.h): hidden graphs. */
#include "config.h"

#include <string.h>

#include "graph/sparql/dataset.h"

int
dg_dataset_hide(struct dg_dataset *ds, const char *iri, struct dg_error *err)
{
    struct dg_sterm t = {0};
    uint64_t id = 0;
    int rc;

    if (!ds || !iri)
        return dg_error_set(err, DG_ERR_USAGE, "no graph to hide");
    t.kind = DG_ST_IRI;
    t.lex = (char *)iri; /* borrowed for the lookup only */
    t.len = strlen(iri);
    rc = ds->ops->lookup(ds, &t, &id, err);
    if (rc)
        return -1;
    if (!id || dg_dataset_is_hidden(ds, id))
        return 0;
    if (ds->nhidden >= sizeof ds->hidden / sizeof ds->hidden[0])
        return dg_error_set(err, DG_ERR_USAGE,
                            "cannot hide graph '%s': too many hidden graphs",
                            iri);
    ds->hidden[ds->nhidden++] = id;
    return 0;
}

int
dg_dataset_is_hidden(const struct dg_dataset *ds, uint64_t g)
{
    for (size_t i = 0; i < ds->nhidden; i++)
        if (ds->hidden[i] == g)
            return 1;
    return 0;
}
