/* lex.h: the SPARQL 1.1 lexer (internal to graph/sparql/parse.c).
 *
 * Turns query text into the terminals of the grammar (section 19.8 of
 * the specification).  The \u and \U escapes of the query text are
 * replaced before lexing, as the specification says (19.2).  Numbers are
 * unsigned tokens unless a '+' or '-' touches the digits (the grammar's
 * INTEGER_POSITIVE etc.: the parser decides what a signed number means).
 * Keywords are DG_T_NAME tokens; the parser compares them ignoring case.
 *
 * Positions: line and column (1-based, columns in characters) of the
 * token's first character.
 *
 * Ownership: a struct dg_token owns val and val2; dg_token_clear frees
 * them.  The lexer owns its copy of the text. */
#ifndef DG_SPARQL_LEX_H
#define DG_SPARQL_LEX_H

#include <stddef.h>

#include "common/error.h"

enum dg_tok {
    DG_T_EOF,
    DG_T_IRIREF,   /* val: the IRI as written, escapes decoded */
    DG_T_PNAME_NS, /* val: prefix (without ':') */
    DG_T_PNAME_LN, /* val: prefix, val2: local part (escapes decoded) */
    DG_T_BLANK,    /* val: label (without '_:') */
    DG_T_VAR,      /* val: name (without '?' or '$') */
    DG_T_LANGTAG,  /* val: tag (without '@') */
    DG_T_INTEGER,  /* val: lexical form as written (sign included) */
    DG_T_DECIMAL,
    DG_T_DOUBLE,
    DG_T_STRING, /* val/vlen: decoded value (may contain NUL) */
    DG_T_NIL,    /* ( ) */
    DG_T_ANON,   /* [ ] */
    DG_T_NAME,   /* a bare word: keyword, function name, 'a' */
    DG_T_LBRACE,
    DG_T_RBRACE,
    DG_T_LPAREN,
    DG_T_RPAREN,
    DG_T_LBRACKET,
    DG_T_RBRACKET,
    DG_T_DOT,
    DG_T_COMMA,
    DG_T_SEMI,
    DG_T_PIPE,
    DG_T_SLASH,
    DG_T_CARET,
    DG_T_DCARET,
    DG_T_STAR,
    DG_T_PLUS,
    DG_T_MINUS,
    DG_T_QUESTION,
    DG_T_BANG,
    DG_T_EQ,
    DG_T_NE,
    DG_T_LT,
    DG_T_GT,
    DG_T_LE,
    DG_T_GE,
    DG_T_AND,
    DG_T_OR
};

struct dg_token {
    int type;          /* enum dg_tok */
    const char *start; /* the raw text in the lexer's buffer (borrowed) */
    size_t len;        /* bytes of raw text */
    char *val, *val2;  /* owned, see enum dg_tok */
    size_t vlen;       /* bytes in val */
    int line, col;
};

struct dg_lex {
    char *text; /* owned: the query with \u escapes replaced */
    const char *p;
    int line, col;
};

/* Copies text (borrowed) into lx.  Returns 0, or -1 (out of memory). */
int dg_lex_init(struct dg_lex *lx, const char *text, struct dg_error *err);
void dg_lex_release(struct dg_lex *lx);

/* Reads the next token into t (cleared first).  Returns 0, or -1 with
 * err set ("line L, column C: ..."). */
int dg_lex_next(struct dg_lex *lx, struct dg_token *t, struct dg_error *err);

void dg_token_clear(struct dg_token *t);

/* A short quoted description of t for messages: 'SELECT', end of query.
 * Writes into buf (size n) and returns it. */
const char *dg_token_describe(const struct dg_token *t, char *buf, size_t n);

#endif /* DG_SPARQL_LEX_H */
