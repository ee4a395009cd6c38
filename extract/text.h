/* text.h: UTF-8 helpers shared by the extractor: validation, diacritic and
 * case folding (libutf8proc), slugs for IRIs, and the tokeniser.
 *
 * Folding: NFKD, combining marks dropped, then a few letters that do not
 * decompose are mapped explicitly (đ/Đ -> d/D, ø -> o, ł -> l, ı -> i),
 * typographic quotes become ASCII ' and ", dashes become '-', and every
 * Unicode space becomes ' '.  "Việt Nam" folds to "Viet Nam". */
#ifndef DG_TEXT_H
#define DG_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "extract/words.h"

/* Checks that s[0..len) is non-empty UTF-8 text: no invalid sequence, no
 * NUL byte, no C0 control other than TAB, LF, CR and FF.  Returns 0, or -1
 * with err (DG_ERR_INPUT) naming the cause and the byte offset. */
int dg_text_validate(const char *s, size_t len, struct dg_error *err);

/* Folds s[0..len) (valid UTF-8) as described above; lower != 0 also
 * case-folds.  Returns a malloc'ed NUL-terminated string (caller frees with
 * free), or NULL when out of memory or on invalid UTF-8. */
char *dg_text_fold(const char *s, size_t len, int lower);

/* Writes the IRI slug of s[0..len) into a new string: folded, lowercase
 * ASCII letters and digits, '+' -> "-plus", every other run -> '-', no
 * leading or trailing '-'.  Returns a malloc'ed string (caller frees), ""
 * when nothing is left, or NULL when out of memory. */
char *dg_text_slug(const char *s, size_t len);

/* Decodes the code point at s[*i] (s has len bytes), advances *i; returns
 * the code point, or -1 on invalid UTF-8 (then *i advances one byte). */
long dg_text_next(const char *s, size_t len, size_t *i);

/* Code point classes. */
int dg_text_is_space(long cp); /* any Unicode space, incl. NBSP, LF */
int dg_text_is_word(long cp);  /* letter, mark or digit */
int dg_text_is_upper(long cp); /* uppercase or titlecase letter */
int dg_text_is_lower(long cp); /* lowercase letter */

/* ---- tokens ---------------------------------------------------------- */

enum {
    DG_TOK_WORD = 1 << 0,    /* letters/digits (else one punctuation char) */
    DG_TOK_CAP = 1 << 1,     /* first character is an uppercase letter */
    DG_TOK_ALLCAPS = 1 << 2, /* >= 2 letters, all uppercase ("ASEAN") */
    DG_TOK_DIGIT = 1 << 3,   /* first character is a digit */
    DG_TOK_SPACE = 1 << 4,   /* whitespace precedes the token */
    DG_TOK_NEWLINE = 1 << 5, /* a line break precedes the token */
    DG_TOK_PARA = 1 << 6,    /* a blank line precedes the token */
    DG_TOK_LOWER = 1 << 7    /* first character is a lowercase letter */
};

struct dg_token {
    size_t start, end; /* byte span in the text, end exclusive */
    const char *fold;  /* folded, case kept (owned by the token list) */
    const char *lower; /* folded and lowercased (owned by the list) */
    uint64_t hash;     /* dg_hash_str(lower), for the tries (match.c) */
    unsigned flags;    /* DG_TOK_* */
    uint32_t word;     /* id + 1 of lower in words, 0 when not there */
    const struct dg_words *words; /* the table word is from (borrowed), or
                                     NULL: the token was not tagged */
};

struct dg_tokens;

/* Tokenises text[from..to) (borrowed; must stay alive as long as the
 * list): words are runs of letters, marks and digits; every other
 * non-space character is a token of its own.  Returns a new list, or NULL
 * when out of memory.  Caller frees with dg_tokens_free (NULL is safe). */
struct dg_tokens *dg_tokens_new(const char *text, size_t from, size_t to);
/* The same, each token tagged with the id of its lowercased form in words
 * (borrowed; NULL tags nothing), which must outlive the list and not change
 * while it is in use. */
struct dg_tokens *dg_tokens_new_in(const char *text, size_t from, size_t to,
                                   const struct dg_words *words);
void dg_tokens_free(struct dg_tokens *t);
size_t dg_tokens_count(const struct dg_tokens *t);
/* The array of all tokens, borrowed (valid until dg_tokens_free). */
const struct dg_token *dg_tokens_get(const struct dg_tokens *t);

/* 1 when token tok's folded form equals word (case-sensitive) */
int dg_tok_is(const struct dg_token *tok, const char *word);
/* 1 when token tok's lowercased folded form equals word (lowercase) */
int dg_tok_is_ci(const struct dg_token *tok, const char *lword);

/* 1 when w is one of the words of list (NULL-terminated, compared as
 * written), else 0: the extractor's fixed word lists. */
int dg_word_in(const char *const *list, const char *w);

#endif /* DG_TEXT_H */
