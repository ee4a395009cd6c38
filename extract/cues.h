/* cues.h: the word lists of the action and relation stages.
 *
 * Files in the data directory (TSV: fields separated by one TAB; '#'
 * starts a comment line; '|' separates variants of a phrase), all
 * optional (a missing file gives an empty list, so no actions):
 *   action-verbs.tsv  verb form(s), action type, CAMEO code, argument
 *                     pattern (see enum dg_cue_pattern)
 *   action-cameo.tsv  action type, keyword, CAMEO code: an item with the
 *                     keyword refines the verb's code (first row wins)
 *   cue-words.tsv     phrase(s), classes (comma-separated names of enum
 *                     dg_cue_class, e.g. "role,memberpost")
 * A malformed line fails the load with "FILE:LINE: ..." in err.
 *
 * Ownership: struct dg_cues owns every string and trie it hands out; they
 * are valid until dg_cues_free (NULL is safe).  Read-only after loading,
 * so one set may serve several documents. */
#ifndef DG_CUES_H
#define DG_CUES_H

#include <stddef.h>

#include "common/error.h"
#include "extract/text.h"

/* How a verb takes its arguments. */
enum dg_cue_pattern {
    DG_PAT_OBJ = 1, /* "praised Vietnam for X": recipient, item after for/on */
    DG_PAT_OBJTO,   /* "asked Japan to X": recipient, item after "to" */
    DG_PAT_THAT,    /* "hoped Russia would X": recipient, item after modal */
    DG_PAT_TO,      /* "agreed to X" / "agreed on X": item only */
    DG_PAT_ITEM,    /* "provided X to Y": item, recipient after "to" */
    DG_PAT_WITH,    /* "supported Y with X": only with "with" */
    DG_PAT_NONE     /* a blocking form ("thanks to"): no action */
};

/* Word classes of cue-words.tsv (bit numbers). */
enum dg_cue_class {
    DG_CUE_ROLE = 0,   /* "side", "ministers": an entity + role = entity */
    DG_CUE_SIDES,      /* "the two sides": the parties of the event */
    DG_CUE_OFFICIALS,  /* "the two officials": the event's two persons */
    DG_CUE_GROUP,      /* "the countries", "the meeting": participants */
    DG_CUE_HE,         /* "he", "she": the last person */
    DG_CUE_THEY,       /* "they": the last group */
    DG_CUE_INTRO,      /* first word of an introductory phrase ("At") */
    DG_CUE_AUX,        /* between subject and verb ("has", "highly") */
    DG_CUE_BE,         /* passive auxiliary ("was") */
    DG_CUE_MODAL,      /* "would", "will" */
    DG_CUE_NEG,        /* "not", "never" */
    DG_CUE_FUNC,       /* function word that may follow a head noun */
    DG_CUE_CUT,        /* ends an item after a comma ("including") */
    DG_CUE_CUTANY,     /* ends an item anywhere ("while") */
    DG_CUE_GIFT,       /* "support", "contribution": a provision noun */
    DG_CUE_EVNOUN,     /* "meeting", "dialogue": an event noun */
    DG_CUE_MEMBEROF,   /* "member of", "members of" */
    DG_CUE_MEMBERPOST, /* "countries", "members" after an org name */
    DG_CUE_CHAIR,      /* "chair", "chairmanship" */
    DG_CUE_COCHAIR,    /* "co-chairs" */
    DG_CUE_HOLD,       /* "held", "assumed": held the chairmanship */
    DG_CUE_COOP,       /* "partnership", "cooperation" after "X-Y" */
    DG_CUE_COOPWITH,   /* "cooperation with", "partnership with" */
    DG_CUE_BILATERAL,  /* "bilateral": cooperation of the two sides */
    DG_CUE_BLOC,       /* "bloc", "grouping": the article's org */
    DG_CUE_GIVE,       /* "provide", "supply": a giving verb in an item */
    DG_CUE_SAY,        /* "said", "told": a reporting verb ("X said Y
                          would ..., and praised Z": X praised) */
    DG_CUE_SPEECH,     /* "readout", "statement": what is "provided" by
                          speaking, not given */
    DG_CUE_NCLASSES
};

struct dg_cue_verb {
    const char *type;  /* dg:actionType, e.g. "requests" */
    const char *cameo; /* CAMEO code, "" when none */
    int pattern;       /* enum dg_cue_pattern */
};

struct dg_cues;

/* Loads the files above from datadir.  Returns a new set (caller frees
 * with dg_cues_free) or NULL with err set (DG_ERR_IO, DG_ERR_INPUT,
 * DG_ERR_NOMEM). */
struct dg_cues *dg_cues_load(const char *datadir, struct dg_error *err);
void dg_cues_free(struct dg_cues *c);

/* The longest verb form starting at token pos of t (tokens up to end):
 * returns its length in tokens and sets *verb (borrowed), or 0. */
size_t dg_cues_verb(const struct dg_cues *c, const struct dg_token *t,
                    size_t pos, size_t end, const struct dg_cue_verb **verb);

/* The longest cue phrase starting at token pos: returns its length and
 * sets *classes to its class bits (1u << DG_CUE_...), or 0. */
size_t dg_cues_word(const struct dg_cues *c, const struct dg_token *t,
                    size_t pos, size_t end, unsigned *classes);

/* Length of the longest phrase of class cls at pos, or 0. */
size_t dg_cues_is(const struct dg_cues *c, const struct dg_token *t, size_t pos,
                  size_t end, int cls);

/* The CAMEO code for an action of type whose item is text (a keyword of
 * action-cameo.tsv as a whole word, case-insensitive), else dflt.  Both
 * borrowed. */
const char *dg_cues_cameo(const struct dg_cues *c, const char *type,
                          const char *text, const char *dflt);

#endif /* DG_CUES_H */
