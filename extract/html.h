/* html.h: saved web pages turned into article text (libxml2's HTML parser).
 *
 * dg_html_to_text() reads an HTML document in any declared charset and
 * writes the plain text the extractor reads (extract.h): a first line
 * " date YYYY-MM-DD" when the page names its publication date, then the
 * title, then the main text, one block (paragraph, heading, list item,
 * quotation, line broken by <br>) per paragraph, blocks separated by one
 * blank line, entities decoded and whitespace collapsed.
 *
 * What is left out: scripts, styles, navigation, page header and footer,
 * asides, forms, frames, SVG, figure captions and credits, hidden
 * elements, elements whose class or id says navigation, menu, footer,
 * sidebar, related, share, social, comment, cookie, newsletter, advert,
 * promo, teaser or breadcrumb, lists that are mostly links, and the text
 * outside the main part of the page.  The main part is the itemprop=
 * articleBody element, else the <article> with the most paragraph text,
 * else role=main or <main>, else the element whose child paragraphs hold
 * the most text, else <body>.  The counts of what was left out are given
 * back so that the CLI can say what was skipped.
 *
 * Pure functions: nothing is printed, no file or network is touched
 * (HTML_PARSE_NONET).  Thread-safe (libxml2 is initialised once). */
#ifndef DG_HTML_H
#define DG_HTML_H

#include <stddef.h>

#include "common/error.h"

/* What dg_html_to_text left out, and where the date and text came from. */
struct dg_html_stats {
    size_t dropped;        /* elements left out for their kind (script, nav,
                              header, footer, aside, form, figcaption, ...) */
    size_t boilerplate;    /* elements left out for their class or id (menu,
                              share, related, ...) or hidden */
    size_t link_lists;     /* lists and blocks that were mostly links */
    size_t outside;        /* text blocks outside the main part */
    size_t blocks;         /* text blocks written */
    const char *main;      /* how the main part was found: "articleBody",
                              "article", "main", "density" or "body" (static) */
    const char *date_from; /* where the date came from, e.g.
                              "meta article:published_time", "time",
                              "json-ld"; NULL: no date (static) */
};

/* 1 when an input is HTML: its name (borrowed, a path or URL; may be
 * NULL) ends in .html, .htm or .xhtml (case-insensitive, before any ?query
 * or #fragment), or its media type ctype (borrowed, may be NULL) is
 * text/html or application/xhtml+xml, or its first non-blank bytes (after
 * a UTF-8 byte order mark) are "<!doctype html" or "<html"
 * (case-insensitive).  0 otherwise. */
int dg_html_detect(const char *name, const char *ctype, const char *bytes,
                   size_t len);

/* 1 when path (borrowed) ends in .html, .htm or .xhtml (case-insensitive);
 * *suffix_len (may be NULL) gets the length of the suffix. */
int dg_html_has_suffix(const char *path, size_t *suffix_len);

/* Converts the len bytes of html (borrowed; need not be NUL-terminated) to
 * article text as described above.  charset (borrowed; NULL: as the page
 * declares it, else UTF-8 when the bytes are UTF-8, else windows-1252)
 * overrides the page's declaration, e.g. from an HTTP Content-Type.
 * Returns a new NUL-terminated UTF-8 string (caller frees with free());
 * *out_len (may be NULL) gets its length.  NULL with err set (DG_ERR_INPUT)
 * when the bytes are binary (a NUL byte), cannot be parsed, or the page
 * has no text; DG_ERR_NOMEM when out of memory.  st (may be NULL) gets
 * the counts, also on failure. */
char *dg_html_to_text(const char *html, size_t len, const char *charset,
                      size_t *out_len, struct dg_html_stats *st,
                      struct dg_error *err);

/* The article text of an input: when the input named name (borrowed; may
 * be NULL) of media type ctype (borrowed; may be NULL) is HTML
 * (dg_html_detect), *text (owned by the caller, *len bytes) is replaced
 * by dg_html_to_text's result (charset, borrowed, may be NULL) and the old
 * buffer freed, *is_html (may be NULL) set to 1; otherwise nothing changes
 * and *is_html is 0.  Returns 0, or -1 with err set (*text unchanged, still
 * the caller's). */
int dg_html_article(char **text, size_t *len, const char *name,
                    const char *ctype, const char *charset, int *is_html,
                    struct dg_html_stats *st, struct dg_error *err);

#endif /* DG_HTML_H */
