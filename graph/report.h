/* report.h: one self-contained HTML page about a store.
 *
 * dg_report_write() writes DIR/index.html and one DIR/NAME.svg per query
 * drawn.  The page has, in this order:
 *   - the analysts' questions: for every query NAME.rq of the queries
 *     directory (in name order) its title and question (from the header
 *     comments, see graph/render.h), its diagram inline (unless the header
 *     says '# render: none' or the results are empty) and its results as
 *     an HTML table showing labels, in the query's ORDER BY or else sorted
 *     by the first column (then the next; two numbers compared as numbers);
 *   - the store's statistics: the numbers `diplograph stats` prints
 *     (dg_store_counts, dg_store_type_counts);
 *   - the events and actions, with links to their evidence;
 *   - the queries whose results are triples that are not drawn (a CONSTRUCT
 *     with '# render: none', e.g. one article's graph), collapsed in a
 *     <details>;
 *   - "Entities": an entry (id dg_render_anchor(IRI)) for every entity a
 *     table cell or a diagram node shows, which link there, with its kind
 *     and the articles that mention it;
 *   - every article (id "article-KEY") with its numbered sentences.  Each
 *     sentence has the id "KEY-sN" (its IRI's "article/KEY#sN" with '#'
 *     made '-'), so a link to a sentence IRI is href="#KEY-sN".
 * An inline diagram is the SVG file from its <svg> element on, without
 * comments, every id prefixed "dN-" (N counts the diagrams), so that
 * several diagrams do not clash; in DIR/NAME.svg the node links point into
 * index.html instead.
 *
 * The page is valid HTML5 with inline CSS only: no scripts, no fonts, no
 * network references; it works offline from file://.  Every file is
 * written as common/output.h says (a temporary file renamed over it, a
 * link followed, the mode kept), so a failure never leaves half a file.
 * Uses only the dg_store and dg_render APIs, and the SPARQL parser to
 * tell whether a query orders its solutions. */
#ifndef DG_REPORT_H
#define DG_REPORT_H

#include <stddef.h>

#include "common/error.h"
#include "graph/store/store.h"

/* rows shown in one results table; the rest are counted, not shown */
#define DG_REPORT_MAX_ROWS 200

struct dg_report_info {
    size_t queries;  /* queries in the report */
    size_t diagrams; /* SVG files written */
    size_t failed;   /* queries that failed to run or draw (shown in the
                        page with their error) */
    size_t articles;
    char first_failure[320]; /* "NAME.rq: message" of the first failure */
};

/* Writes the report for st (borrowed) into out_dir (borrowed; created with
 * its parents when missing) from the queries in queries_dir (borrowed).
 * info (may be NULL) gets counts.  A query that fails does not stop the
 * report (it is counted in info->failed and shown).  Returns 0, or -1 with
 * err set (DG_ERR_IO when a file cannot be written or queries_dir read,
 * DG_ERR_STORE/DG_ERR_QUERY when the store cannot be read). */
int dg_report_write(struct dg_store *st, const char *queries_dir,
                    const char *out_dir, struct dg_report_info *info,
                    struct dg_error *err);

#endif /* DG_REPORT_H */
