/* lexicon.h: the data files of the extractor, loaded once per extractor.
 *
 * Files in datadir (TSV: fields separated by one TAB; '#' starts a comment
 * line; blank lines are skipped; '|' separates variants):
 *   countries.tsv     iso3, iso2, Wikidata QID, canonical name, variants
 *                     (names, demonyms, adjectives)                required
 *   orgs.tsv          key, canonical name, acronym, kind, variants, parent
 *                     key                                          required
 *   geo-blockers.txt  phrases that contain a country word but are not the
 *                     country ("South China Sea")                  optional
 *   ranks.tsv         canonical rank, variants and abbreviations   optional
 *   titles.txt        office head nouns ("Minister", "Director")  optional
 *   honorifics.txt    "Mr.", "Ms.", "H.E.", "Dato'" ...            optional
 *   office-words.txt  words that go on a title before a name ("for
 *                     Defense" in "Permanent Secretary for Defense
 *                     Chan Heng Kee")                              optional
 *   org-heads.tsv     head noun, org kind, position: "pre" (name before
 *                     it: "Defense Policy Bureau"), "post" (complement
 *                     after it: "Ministry of Defense") or "both"   optional
 * and the generic phrase tables of dg_lexicon_table (all optional):
 *   event-nouns.tsv, event-cues.tsv, date-words.tsv, topics.tsv
 *                     the events, dates and topics stages
 *   cities.tsv        city|variants, ISO3: a dateline city's country
 *   title-countries.tsv  title words|variants, ISO3: a title used by one
 *                     country only ("Raksha Mantri")
 * A malformed line fails the load with "FILE:LINE: ..." in err.
 *
 * Ownership: the lexicon owns every string and trie it hands out; they are
 * valid until dg_lexicon_free (NULL is safe).  A lexicon is read-only after
 * loading and may be shared by several documents. */
#ifndef DG_LEXICON_H
#define DG_LEXICON_H

#include <stddef.h>

#include "common/error.h"
#include "extract/match.h"

struct dg_lex_country {
    const char *iso3, *iso2, *qid, *name;
};

struct dg_lex_org {
    const char *key;     /* IRI key: org/{key} (a slug) */
    const char *name;    /* canonical name */
    const char *acronym; /* "" when none */
    const char *kind;    /* dg:orgKind */
    const char *parent;  /* parent key, "" when none */
    char *slug;          /* dg_text_slug of the name (owned by the lexicon) */
};

struct dg_lex_head {
    const char *kind; /* dg:orgKind of an org named with this head */
    int pre, post;    /* name before the head / complement after it */
};

/* Values stored in dg_lexicon_entities(): kind in the high byte. */
enum { DG_LEX_COUNTRY = 1, DG_LEX_ORG = 2, DG_LEX_BLOCKER = 3 };
#define DG_LEX_VALUE(kind, index) (((kind) << 24) | (index))
#define DG_LEX_KIND(v) ((v) >> 24)
#define DG_LEX_INDEX(v) ((v)&0xffffff)

struct dg_lexicon;

/* Loads every file above from datadir.  Returns a new lexicon (caller frees
 * with dg_lexicon_free) or NULL with err set (DG_ERR_IO, DG_ERR_INPUT). */
struct dg_lexicon *dg_lexicon_load(const char *datadir, struct dg_error *err);
void dg_lexicon_free(struct dg_lexicon *lx);

size_t dg_lexicon_country_count(const struct dg_lexicon *lx);
const struct dg_lex_country *dg_lexicon_country(const struct dg_lexicon *lx,
                                                size_t i);
/* Index of the country with this alpha-3 code, or -1. */
long dg_lexicon_country_by_iso3(const struct dg_lexicon *lx, const char *iso3);
size_t dg_lexicon_org_count(const struct dg_lexicon *lx);
const struct dg_lex_org *dg_lexicon_org(const struct dg_lexicon *lx, size_t i);
/* Index of the org with this key, or -1. */
long dg_lexicon_org_by_key(const struct dg_lexicon *lx, const char *key);
/* Index of the org whose canonical name has this slug, or -1. */
long dg_lexicon_org_by_slug(const struct dg_lexicon *lx, const char *slug);

/* Countries, orgs and blockers: values DG_LEX_VALUE(kind, index). */
const struct dg_trie *dg_lexicon_entities(const struct dg_lexicon *lx);
/* Ranks: value = rank index; dg_lexicon_rank() gives the canonical form. */
const struct dg_trie *dg_lexicon_ranks(const struct dg_lexicon *lx);
const char *dg_lexicon_rank(const struct dg_lexicon *lx, int i);
/* Office head nouns (value 0) and honorifics (value 0). */
const struct dg_trie *dg_lexicon_titles(const struct dg_lexicon *lx);
const struct dg_trie *dg_lexicon_honorifics(const struct dg_lexicon *lx);
/* Office words (value 0). */
const struct dg_trie *dg_lexicon_office_words(const struct dg_lexicon *lx);
/* ---- generic phrase tables (added for the events, dates and topics
 * stages; other stages may add their files to table_files in lexicon.c).
 * A table file is optional; each data line is "variants<TAB>field 2<TAB>
 * ...": every '|'-separated variant of field 1 is a phrase of the table's
 * trie, whose value is the row index.  Missing files give empty tables. */
struct dg_lex_table;
/* The table loaded from file (e.g. "event-nouns.tsv"), or NULL when the
 * name is not one of the known table files.  Borrowed from lx. */
const struct dg_lex_table *dg_lexicon_table(const struct dg_lexicon *lx,
                                            const char *file);
/* The table's trie (value = row), its row count, and field col (0-based;
 * field 0 is the first variant) of row; "" when absent.  Borrowed. */
const struct dg_trie *dg_lex_table_trie(const struct dg_lex_table *t);
size_t dg_lex_table_rows(const struct dg_lex_table *t);
const char *dg_lex_table_field(const struct dg_lex_table *t, size_t row,
                               size_t col);

/* The word table every trie of the lexicon numbers its words in: tag a
 * text's tokens with it (dg_tokens_new_in) for faster lookups.  Borrowed;
 * NULL when lx is NULL. */
const struct dg_words *dg_lexicon_words(const struct dg_lexicon *lx);

/* Org head nouns: value = head index. */
const struct dg_trie *dg_lexicon_org_heads(const struct dg_lexicon *lx);
const struct dg_lex_head *dg_lexicon_org_head(const struct dg_lexicon *lx,
                                              int i);

/* ---- the TSV reader of every data file (also used by cues.c) ----------
 * Format: fields separated by one TAB (spaces and a CR around a field are
 * trimmed), '#' starts a comment line, blank lines are skipped, '|'
 * separates variants. */
#define DG_TSV_MAX_FIELDS 8
struct dg_tsv {
    char path[4096];            /* dir/name, for messages */
    char *p, *end;              /* the rest of the file's buffer */
    size_t line;                /* current line number */
    char *f[DG_TSV_MAX_FIELDS]; /* fields of the current line, cut in
                                   place in buf */
    size_t nf;
};
/* Reads dir/name whole into a new buffer (NUL-terminated, UTF-8 checked)
 * appended to the caller's list (*bufs)[0 .. *nbufs), which the caller
 * frees (each buffer, then the list, with free()); the fields point into
 * it.  A missing file with missing_ok leaves r empty and returns 0.
 * Returns 0, or -1 with err set (DG_ERR_USAGE, DG_ERR_IO, DG_ERR_INPUT,
 * DG_ERR_NOMEM; nothing added then). */
int dg_tsv_open(struct dg_tsv *r, const char *dir, const char *name,
                int missing_ok, char ***bufs, size_t *nbufs,
                struct dg_error *err);
/* Next data line split into r->f, r->nf.  Returns 1, or 0 at the end. */
int dg_tsv_next(struct dg_tsv *r);
/* s without leading spaces and trailing spaces or CR (cut in place). */
char *dg_tsv_trim(char *s);
/* Adds each '|'-separated variant of s (cut in place) to tr with value.
 * Returns 0, or -1 when out of memory. */
int dg_tsv_add_variants(struct dg_trie *tr, char *s, int value);

#endif /* DG_LEXICON_H */
