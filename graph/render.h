/* render.h: query results as diagrams, through Graphviz's cgraph and gvc.
 *
 * dg_render_results() turns a struct dg_results into a graph:
 *   - CONSTRUCT results: each (s, p, o) row is an edge s -> o labelled with
 *     the rdfs:label of p (the ontology is in every store);
 *   - SELECT results: edges from the columns ?source ?edge ?target when they
 *     exist, else from the first columns (2 columns: unlabelled edges,
 *     3 columns: the middle one labels the edge; more than 3: the first two
 *     columns holding IRIs are source and target);
 *   - a literal where a node would be (a CONSTRUCT object, a ?target) and
 *     every other literal column becomes a line of its node's tooltip, not a
 *     node;
 *   - nodes show dg_store_label (never raw IRIs) and take a shape and
 *     colour from dg_store_kind; a "legend" cluster lists the kinds shown;
 *   - at most opts->limit nodes are drawn: a third the most connected (the
 *     hubs), then each hub's best neighbour, then the nodes with most edges
 *     to the hubs (ties by degree, then IRI); of the edges among them, at
 *     most DG_RENDER_EDGES_PER_NODE per node drawn, each node keeping its
 *     strongest (largest count, then most connected ends); the graph label
 *     says "showing N of M nodes" and how many edges were left out;
 *   - an edge whose predicate is an owl:SymmetricProperty of the ontology,
 *     or every edge with the header's edges=undirected, has no arrow
 *     (dir=none), and the two directions of a pair are one edge;
 *   - a directed edge stated both ways with one label (A requests from B
 *     and B from A) is one edge with two arrows (dir=both);
 *   - edges are labelled only when their labels differ: one label common to
 *     all is said once in the graph label; many edges with a few labels are
 *     coloured by label, with the colours in the legend;
 *   - a numeric literal column of an edge's row (a count) is the edge's
 *     tooltip and thickness, not a node's tooltip line;
 *   - layout is bounded: an engine that would take more than a few seconds
 *     on this many nodes and edges (circo, dot, neato and fdp grow faster
 *     than linearly) is replaced by sfdp, which the graph label says; if
 *     even sfdp would be slow, fewer nodes are drawn.  The engine is the
 *     graph's "layout" attribute, also in the dot format.
 *
 * Query headers (comment lines before the query, parsed by
 * dg_query_header_parse):
 *   # title: TEXT                     graph label, report heading
 *   # question: TEXT                  report text
 *   # render: ENGINE[; KEY=VALUE...]  ENGINE is dot, neato, sfdp, circo, fdp
 *                                     or none (no diagram in the report);
 *                                     keys: engine=E, cluster=?var,
 *                                     edges=undirected (draw no arrows);
 *                                     other text after ';' is a free
 *                                     comment
 *   # cluster: ?var                   group target nodes by ?var's value
 *   # edges: undirected               the relation is symmetric: no arrows
 *
 * Output formats are whitelisted: "svg", "png", "pdf", and "dot", which is
 * the graph *before* layout (nodes and edges sorted), stable across Graphviz
 * versions and therefore what golden tests compare.  Nothing is printed:
 * Graphviz's messages are captured into err. */
#ifndef DG_RENDER_H
#define DG_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "common/error.h"
#include "graph/results.h"
#include "graph/store/store.h"

/* the most nodes drawn unless asked otherwise: enough for the hubs of any
 * canned query, few enough for labels to stay readable */
#define DG_RENDER_DEFAULT_LIMIT 60
/* at most this many edges per node drawn are drawn (the strongest) */
#define DG_RENDER_EDGES_PER_NODE 3
/* opts->limit for "every node" (still cut when no engine can lay that many
 * out in seconds) */
#define DG_RENDER_ALL ((size_t)-1)

struct dg_query_header {
    char title[256];    /* "" when absent */
    char question[512]; /* "" when absent */
    char engine[16];    /* "" when absent, "none", or an engine name */
    char cluster[64];   /* column name without '?'; "" when absent */
    int undirected;     /* 1: "edges: undirected" or "edges=undirected" */
};

/* Reads the header comments of sparql (borrowed) into h.  Values too long
 * are truncated.  Never fails. */
void dg_query_header_parse(const char *sparql, struct dg_query_header *h);

/* 1 when format (borrowed) is one of svg, png, pdf, dot; else 0. */
int dg_render_format_ok(const char *format);
/* 1 when engine (borrowed) is one of dot, neato, sfdp, circo, fdp. */
int dg_render_engine_ok(const char *engine);

struct dg_render_opts {
    const char *format; /* borrowed; see dg_render_format_ok */
    const char *engine; /* borrowed; NULL or "": the header's, else dot when
                           it can lay the graph out quickly, sfdp above */
    size_t limit;       /* most nodes drawn; 0: DG_RENDER_DEFAULT_LIMIT,
                           DG_RENDER_ALL: no limit of the caller's */
    const struct dg_query_header *header; /* borrowed; NULL: none */
    /* borrowed; NULL: nodes link nowhere.  Else every node with an IRI
     * links to link_prefix followed by dg_render_anchor(IRI) (the SVG
     * <a xlink:href>; "#": an anchor of the page the SVG is inlined in) */
    const char *link_prefix;
    /* NULL, or called once for every node drawn that has an IRI (borrowed,
     * valid during the call), with on_node_ctx */
    void (*on_node)(void *ctx, const char *iri);
    void *on_node_ctx;
};

/* the size dg_render_anchor needs */
#define DG_RENDER_ANCHOR_SIZE 96

/* The HTML id of an entity IRI (borrowed) into buf (size bytes, at least
 * DG_RENDER_ANCHOR_SIZE): "e-" and the IRI's last path segments made
 * [A-Za-z0-9_-], cut to 64 characters, then '-' and a hash of the whole
 * IRI, so that two IRIs never share one in practice.  Returns buf. */
const char *dg_render_anchor(const char *iri, char *buf, size_t size);

struct dg_render_info {
    size_t nodes_total; /* distinct nodes in the results */
    size_t nodes_shown; /* nodes drawn (at most the limit) */
    size_t edges_shown;
    char engine[16];    /* layout engine used (or, for the dot format, to
                           use: the graph's "layout" attribute) */
    char requested[16]; /* the engine asked for when it was replaced by
                           engine because it would take too long; else "" */
};

/* Renders r (borrowed) to fp (borrowed; not closed) in opts->format,
 * looking up labels and kinds in st (borrowed).  info (may be NULL) gets
 * what was drawn.  Returns 0, or -1 with err set: DG_ERR_USAGE for a bad
 * format or engine, DG_ERR_QUERY for results that cannot be drawn (ASK,
 * unknown cluster column), DG_ERR_RENDER when Graphviz fails, DG_ERR_IO
 * when writing fails. */
int dg_render_results(struct dg_store *st, const struct dg_results *r,
                      const struct dg_render_opts *opts, FILE *fp,
                      struct dg_render_info *info, struct dg_error *err);

/* Frees the Graphviz context that dg_render_results keeps for the whole
 * process (one context, because Graphviz 2.43 reads freed memory when a
 * second one renders text).  Call it once, when no more diagrams will be
 * drawn; safe when none was. */
void dg_render_shutdown(void);

#endif /* DG_RENDER_H */
