/* sentence.h: sentence splitter with byte offsets into the article file.
 *
 * Sentences are cut from the body lines of a struct dg_article, over the
 * tokens of the same text.  A sentence ends at '.', '!' or '?' (with any
 * closing quotes or brackets) followed by a space and an uppercase word,
 * a digit or an opening quote, unless the word before the full stop is an
 * abbreviation ("Lt.", "Mr.", "Jan.", "No.", "e.g.") or an initial
 * ("U.N.", "U.S."); at a full stop glued between a lowercase word and an
 * uppercase one ("pandemic.Vietnamese"); at a paragraph break; and at a
 * line end, unless the next line of the same paragraph starts in lowercase
 * (hard-wrapped text).  A dateline is left out of the first sentence.
 * The " date" line is never a sentence.
 *
 * Ownership: a struct dg_sentences owns its array; the text, article and
 * tokens are borrowed during dg_sentence_split only. */
#ifndef DG_SENTENCE_H
#define DG_SENTENCE_H

#include <stddef.h>

#include "common/error.h"
#include "extract/article.h"
#include "extract/text.h"

/* Sentences longer than this are kept for evidence but flagged LONG. */
#define DG_SENTENCE_LONG_BYTES 400

enum {
    DG_SENT_LONG = 1 << 0,     /* longer than DG_SENTENCE_LONG_BYTES */
    DG_SENT_FRAGMENT = 1 << 1, /* verbless-looking: < 4 words or no
                                  lowercase word (headline, label) */
    DG_SENT_CAPTION = 1 << 2,  /* from a photo caption line */
    DG_SENT_CREDIT = 1 << 3,   /* translator/byline line, "— VNS" */
    DG_SENT_CHROME = 1 << 4,   /* page chrome */
    /* sentences with any of these are evidence only: not mined at all */
    DG_SENT_NOMINE = DG_SENT_CAPTION | DG_SENT_CREDIT | DG_SENT_CHROME
};

struct dg_sentence {
    size_t start, end;         /* bytes [start, end) of the file: exactly
                                  the sentence text (schema:text) */
    size_t tok_first, tok_end; /* tokens [tok_first, tok_end) */
    unsigned flags;            /* DG_SENT_* */
};

struct dg_sentences;

/* Splits the body of a (borrowed) over toks (borrowed; the tokens of
 * text from dg_article_body_start(a) to the end).  Returns a new list
 * (caller frees with dg_sentences_free; NULL is safe), or NULL with err
 * set (DG_ERR_NOMEM). */
struct dg_sentences *dg_sentence_split(const char *text,
                                       const struct dg_article *a,
                                       const struct dg_tokens *toks,
                                       struct dg_error *err);
void dg_sentences_free(struct dg_sentences *s);
size_t dg_sentences_count(const struct dg_sentences *s);
/* The i-th sentence (0-based; its dg:index is i + 1), borrowed. */
const struct dg_sentence *dg_sentences_get(const struct dg_sentences *s,
                                           size_t i);

/* 1 when the lowercase word w (folded) is an abbreviation that a full stop
 * does not end a sentence after ("mr", "lt", "gen", "jan", "no", ...). */
int dg_sentence_is_abbrev(const char *w);

#endif /* DG_SENTENCE_H */
