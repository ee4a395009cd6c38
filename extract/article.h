/* article.h: the layout of one article file before sentence splitting.
 *
 * dg_article_parse() validates the text (UTF-8, no binary, not empty, not
 * too big), reads the optional first line " date YYYY-MM-DD" (the body may
 * go on on the same line), and classifies every non-empty line of the body:
 * ordinary text, photo captions, "Translated by NAME" and byline lines
 * ("By NAME", "Reporting by NAME"), and page chrome (navigation, share
 * buttons, very short lines without a verb).  It also sets aside a dateline
 * at the start of the first body line ("HÀ NỘI —", "Jakarta (VNA) –"): a
 * dateline is not the place of any event.
 *
 * Ownership: the article borrows text (it must outlive the article); every
 * string and array returned by a getter is owned by the article and valid
 * until dg_article_free (NULL is safe). */
#ifndef DG_ARTICLE_H
#define DG_ARTICLE_H

#include <stddef.h>

#include "common/error.h"

enum dg_line_kind {
    DG_LINE_BODY = 0,   /* ordinary text: split into sentences and mined */
    DG_LINE_CAPTION,    /* "Participants pose ... (Photo: asean.org)" */
    DG_LINE_TRANSLATOR, /* "Translated by NAME" */
    DG_LINE_BYLINE,     /* "By NAME", "Reporting by NAME" */
    DG_LINE_CHROME      /* navigation, share buttons, "Tags: ..." */
};

struct dg_line {
    size_t start, end; /* trimmed byte span in the text, end exclusive */
    int kind;          /* enum dg_line_kind */
    int para;          /* 1 when a blank line (or the file start) precedes */
};

struct dg_article;

/* Parses text[0..len) (borrowed).  Refuses, with -1 and err set to
 * DG_ERR_INPUT naming the cause, text that is empty or only whitespace,
 * larger than max_bytes, not UTF-8, or binary (NUL or control bytes).
 * On success stores a new article in *out (caller frees with
 * dg_article_free) and returns 0; returns -1 with DG_ERR_NOMEM too. */
int dg_article_parse(const char *text, size_t len, size_t max_bytes,
                     struct dg_article **out, struct dg_error *err);
void dg_article_free(struct dg_article *a);

/* "YYYY-MM-DD" from the date line, or NULL when there is none. */
const char *dg_article_date(const struct dg_article *a);
/* Offset of the first byte after the date line prefix (0 without one). */
size_t dg_article_body_start(const struct dg_article *a);

/* The classified lines of the body, in order; *n receives the count. */
const struct dg_line *dg_article_lines(const struct dg_article *a, size_t *n);

/* The dateline span (start of the first body line to just after its dash
 * and the spaces that follow); returns 0 and fills start and end, or -1 when
 * the article has no dateline. */
int dg_article_dateline(const struct dg_article *a, size_t *start, size_t *end);

/* Names from "Translated by" and byline lines, as written (trimmed, a final
 * full stop dropped, "A and B" split).  Owned by the article. */
size_t dg_article_translator_count(const struct dg_article *a);
const char *dg_article_translator(const struct dg_article *a, size_t i);
size_t dg_article_author_count(const struct dg_article *a);
const char *dg_article_author(const struct dg_article *a, size_t i);

#endif /* DG_ARTICLE_H */
